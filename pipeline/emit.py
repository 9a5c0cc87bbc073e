"""Records → files: document.json, projects.csv, checks.csv, text.txt.

A document's folder is written in a temporary sibling and renamed into place,
so a reader never sees a half-written output and a crash leaves none behind.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING


from .records import (BUDGET_COLUMNS, BUDGET_TOTAL_COLUMNS, CHECK_COLUMNS, COMMITTEE_COLUMNS, PROJECT_COLUMNS,
                      RISK_COLUMNS, TARGET_COLUMNS, Check, Page, as_row)

if TYPE_CHECKING:
    from .plan import Plan

def _csv_text(columns: tuple[str, ...], rows: list[dict[str, object]]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
    return buf.getvalue()


def document_json(plan: Plan) -> dict[str, object]:
    projects = []
    for p in plan.projects:
        record = {k: v for k, v in as_row(p).items() if k not in ("field_pages", "field_boxes")}
        record["pages"] = {k: list(v) for k, v in p.field_pages.items()}
        record["boxes"] = {k: [[page, *(round(x, 1) for x in box)] for page, box in v]
                           for k, v in p.field_boxes.items()}
        projects.append(record)
    return {
        "doc_id": plan.doc_id,
        "source": {"path": plan.path, "sha256": plan.sha256, "pages": len(plan.pages)},
        "template": plan.template,
        "document": as_row(plan.document),
        "projects": projects,
        "checks": [as_row(c) for c in plan.checks],
        "pages": pages_json(plan.pages),
    }


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV table this package wrote, as dicts of text ([] when the file is absent)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def pages_json(pages: Sequence[Page]) -> list[dict[str, object]]:
    """Per page: which engine produced it, how many characters were repaired, its quality."""
    return [{"number": pg.number, "source": pg.source, "repairs": pg.repairs, "lines": len(pg.lines),
             "quality": pg.quality} for pg in pages]


def page_text(pages: Sequence[Page]) -> str:
    """The repaired text layer, one form feed between pages."""
    return "\f".join(pg.text for pg in pages) + "\n"


def write_plan(plan: Plan, out_dir: Path, bom: bool = True, formats: tuple[str, ...] = ("csv", "json")) -> Path:
    """Write every output of one document into ``out_dir/<doc_id>/``, atomically.

    CSV tables and document.json always; with "parquet" in ``formats`` a Parquet copy of each table.
    """
    from .schema import datapackage

    encoding = "utf-8-sig" if bom else "utf-8"
    files = {
        "document.json": (json.dumps(document_json(plan), ensure_ascii=False, indent=1), "utf-8"),
        "projects.csv": (_csv_text(PROJECT_COLUMNS, [as_row(p) for p in plan.projects]), encoding),
        "checks.csv": (_csv_text(CHECK_COLUMNS, [{"doc_id": plan.doc_id, **as_row(c)}
                                                  for c in plan.checks]), encoding),
        "budgets.csv": (_csv_text(BUDGET_COLUMNS, [as_row(b) for b in plan.budgets]), encoding),
        "budget_totals.csv": (_csv_text(BUDGET_TOTAL_COLUMNS, [as_row(t) for t in plan.budget_totals]), encoding),
        "risks.csv": (_csv_text(RISK_COLUMNS, [as_row(r) for r in plan.risks]), encoding),
        "targets.csv": (_csv_text(TARGET_COLUMNS, [as_row(t) for t in plan.targets]), encoding),
        "committee.csv": (_csv_text(COMMITTEE_COLUMNS, [as_row(m) for m in plan.committee]), encoding),
        "text.txt": (page_text(plan.pages), "utf-8"),
        "datapackage.json": (json.dumps(datapackage(plan.doc_id, list(TABLE_FILES), encoding=encoding),
                                        ensure_ascii=False, indent=1), "utf-8"),
    }
    binary = {f"{t}.parquet": frame for t, frame in plan_tables(plan).items()} if "parquet" in formats else {}
    return write_folder(out_dir, plan.doc_id, files, binary)


TABLE_FILES = ("projects", "budgets", "budget_totals", "risks", "targets", "committee", "checks")


def plan_tables(plan: Plan):
    """Every table of a plan as a pandas DataFrame with the declared dtypes."""
    import pandas as pd

    from .schema import COLUMN_ORDER, pandas_dtypes

    records = {"projects": [as_row(p) for p in plan.projects], "budgets": [as_row(b) for b in plan.budgets],
               "budget_totals": [as_row(t) for t in plan.budget_totals], "risks": [as_row(r) for r in plan.risks],
               "targets": [as_row(t) for t in plan.targets], "committee": [as_row(m) for m in plan.committee],
               "checks": [{"doc_id": plan.doc_id, **as_row(c)} for c in plan.checks]}
    frames = {}
    for table, rows in records.items():
        cols = list(COLUMN_ORDER[table])
        frame = pd.DataFrame([{c: r.get(c) for c in cols} for r in rows], columns=cols)
        frames[table] = frame.astype(pandas_dtypes(table))
    return frames


def write_text(doc_id: str, path: str, pages: Sequence[Page], checks: Sequence[Check], out_dir: Path) -> Path:
    """The text engine's outputs for any PDF: text.txt and pages.json."""
    report = {"doc_id": doc_id, "source": {"path": path, "pages": len(pages)}, "pages": pages_json(pages),
              "checks": [as_row(c) for c in checks]}
    files = {"text.txt": (page_text(pages), "utf-8"),
             "pages.json": (json.dumps(report, ensure_ascii=False, indent=1), "utf-8")}
    return write_folder(out_dir, doc_id, files)


def write_folder(out_dir: Path, name: str, files: dict[str, tuple[str, str]], frames: dict | None = None) -> Path:
    """Write ``files`` (name → (text, encoding)) and Parquet ``frames`` as ``out_dir/name/``, replacing it whole."""
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / name
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir))
    try:
        for fname, (text, encoding) in files.items():
            with open(tmp / fname, "w", encoding=encoding, newline="") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        for fname, frame in (frames or {}).items():
            frame.to_parquet(tmp / fname, index=False)
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".old", dir=out_dir))
            os.rename(final, old / "x")
            os.rename(tmp, final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return final
