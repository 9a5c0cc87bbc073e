"""Field-level agreement on the synthetic corpus (plans the pipeline was not written against).

    python benchmarks/accuracy.py [--out docs/accuracy.md] [--no-scans]

Each synthetic plan (corpora/synthetic/pdf) is extracted and compared field by field with the
expectations its generator wrote from the same data (corpora/synthetic/expected). Text compares
with whitespace removed, list fields item by item, numbers exactly. The image-only copies
(rasterised here at 200 dpi, no text layer) go through OCR.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SYN = ROOT / "corpora" / "synthetic"

from corpora.tools.scan import scanned_copy  # noqa: E402  (re-exported for bench.py, fidelity.py)

LIST_FIELDS = ("objectives", "method", "outputs", "outcomes")
FIELDS = ("seq", "dimension_no", "dimension_name", "mission_no", "mission_name", "submission_no", "submission_name",
          "kind", "name", "rationale", "objectives", "target_group", "area", "method", "duration",
          "period_start_be", "period_end_be", "budget_text", "budget_baht", "responsible", "outputs", "outcomes")


def squash(text: object) -> str:
    return "".join(str(text).split())


def agree(field: str, got: object, want: object) -> bool:
    if field in LIST_FIELDS:
        items = [squash(i) for i in str(got).split("\n") if i.strip()]
        return items == [squash(i) for i in want]  # type: ignore[union-attr]
    if isinstance(want, str):
        return squash(got) == squash(want)
    return got == want


def compare(plan, expected: dict) -> dict[str, tuple[int, int]]:
    """field → (agreeing, total) over the expected projects (a missing project disagrees everywhere)."""
    got = {p.seq: p for p in plan.projects}
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for want in expected["projects"]:
        project = got.get(want["seq"])
        for field in FIELDS:
            out[field][1] += 1
            if project is not None and agree(field, getattr(project, field), want[field]):
                out[field][0] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def run(scans: bool = True) -> dict[str, dict]:
    from pipeline.run import run_document

    sys.path.insert(0, str(SYN))
    from generate import IMAGE_ONLY

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for exp_path in sorted((SYN / "expected").glob("*.json")):
            expected = json.loads(exp_path.read_text(encoding="utf-8"))
            pdf = SYN / "pdf" / f"{expected['doc_id']}.pdf"
            variants = [("born-digital", pdf)]
            if scans and expected["doc_id"] in IMAGE_ONLY:
                variants.append(("image-only", scanned_copy(pdf, Path(tmp) / pdf.name)))
            for kind, path in variants:
                plan = run_document(path)
                results[f"{expected['doc_id']} ({kind})"] = {
                    "kind": kind, "fields": compare(plan, expected), "projects": len(plan.projects),
                    "expected": len(expected["projects"]), "template": expected["template"],
                    "errors": [c.message for c in plan.checks if c.severity == "error"],
                }
    return results


def table(results: dict[str, dict]) -> str:
    lines = ["| document | template | projects found / expected | field agreement |", "|---|---|---|---|"]
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for name, r in results.items():
        ok = sum(a for a, _ in r["fields"].values())
        n = sum(t for _, t in r["fields"].values())
        lines.append(f"| {name} | {r['template']} | {r['projects']} / {r['expected']} | {100 * ok / n:.2f} % |")
        for field, (a, t) in r["fields"].items():
            totals[r["kind"]][field][0] += a
            totals[r["kind"]][field][1] += t
    kinds = sorted(totals)
    lines += ["", "| field | " + " | ".join(kinds) + " |", "|---|" + "---|" * len(kinds)]
    for field in FIELDS:
        cells = [f"{100 * totals[k][field][0] / totals[k][field][1]:.1f} %" for k in kinds]
        lines.append(f"| {field} | " + " | ".join(cells) + " |")
    overall = [f"{100 * sum(a for a, _ in totals[k].values()) / sum(t for _, t in totals[k].values()):.2f} %"
               for k in kinds]
    lines.append("| **all fields** | " + " | ".join(overall) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-scans", action="store_true")
    args = ap.parse_args()
    text = table(run(scans=not args.no_scans))
    print(text)
    if args.out:
        from report import write

        write(args.out, "# Field accuracy on the synthetic corpus\n\n`make accuracy` "
              "(`benchmarks/accuracy.py`): 12 invented LAOs, both template generations, three layouts "
              "(corpora/synthetic/generate.py); two are also rasterised at 200 dpi and read by OCR. "
              "A field agrees when it equals the generator's value: text with whitespace removed, "
              "list fields item by item, numbers exactly.\n\n" + text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
