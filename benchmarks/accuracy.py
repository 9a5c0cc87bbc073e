"""Field-level agreement on the synthetic corpus (plans the pipeline was not written against).

    python benchmarks/accuracy.py [--out docs/accuracy.md] [--no-scans]

Each synthetic plan (corpora/synthetic/pdf) is extracted and compared field by field with the
expectations its generator wrote from the same data (corpora/synthetic/expected). Text compares
with whitespace removed, list fields item by item, numbers exactly. The image-only copies
(rasterised here at 200 dpi, no text layer) go through OCR, clean and as the scan variants of
`corpora/tools/scan.py` (VARIANTS): an office scanner (skew up to 0.8°, grey paper, noise, dust, a
streak, JPEG), the same skewed up to 2°, at 150 dpi, blurred, and a phone photo (1.5°, uneven light,
soft focus, JPEG 50). Each scan's Part 2 cells are compared with the born-digital run's.
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

from corpora.tools.scan import VARIANTS, scanned_copy, variant_copy  # noqa: E402  (scanned_copy re-exported for bench.py, fidelity.py)

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
                for name in VARIANTS:
                    variants.append((name, variant_copy(pdf, Path(tmp) / f"{name}-{pdf.name}", name)))
            born: dict = {}
            for kind, path in variants:
                plan = run_document(path)
                cells = {(b.seq, b.fiscal_year_be): b.budget_baht for b in plan.budgets if b.seq}
                born = born or cells  # the born-digital run's tied Part 2 cells: what a scan should give
                results[f"{expected['doc_id']} ({kind})"] = {
                    "part2": (sum(cells.get(k) == v for k, v in born.items()), len(born)),
                    "kind": kind, "fields": compare(plan, expected), "projects": len(plan.projects),
                    "expected": len(expected["projects"]), "template": expected["template"],
                    "errors": [c.message for c in plan.checks if c.severity == "error"],
                }
    return results


def table(results: dict[str, dict]) -> str:
    lines = ["| document | template | projects found / expected | field agreement | Part 2 cells as born-digital |",
             "|---|---|---|---|---|"]
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for name, r in results.items():
        ok = sum(a for a, _ in r["fields"].values())
        n = sum(t for _, t in r["fields"].values())
        right, cells = r["part2"]
        lines.append(f"| {name} | {r['template']} | {r['projects']} / {r['expected']} | {100 * ok / n:.2f} % | "
                     + (f"{right}/{cells} |" if cells else "– |"))
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


def wild() -> str:
    """The varied corpus (corpora/wild): every table of every plan, per document, table and variation."""
    from corpora.wild.expectations import compare
    from pipeline.run import run_document

    docs, by_table = [], defaultdict(lambda: [0, 0])
    by_variation: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for path in sorted((ROOT / "corpora" / "wild" / "expected").glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        plan = run_document(ROOT / "corpora" / "wild" / "pdf" / f"{expected['doc_id']}.pdf")
        result = compare(plan, expected)
        right, total = sum(a for a, _ in result.values()), sum(t for _, t in result.values())
        errors = sorted({c.code for c in plan.checks if c.severity == "error"})
        v = expected["variations"]
        docs.append(f"| {expected['doc_id']} | {expected['toolchain']} | {expected['template'][5:]} | "
                    + " | ".join(f"{result[k][0]}/{result[k][1]}" for k in ("identity", "part2", "totals"))
                    + f" | {sum(a for k, (a, _) in result.items() if k.startswith('projects'))}/"
                    f"{sum(t for k, (_, t) in result.items() if k.startswith('projects'))}"
                    f" | {100 * right / total:.1f} % | {', '.join(errors) or '–'} | "
                    f"{', '.join(expected['error_codes']) or '–'} |")
        for table, (a, t) in result.items():
            by_table[table.split(".")[0] if not table.startswith("projects") else table][0] += a
            by_table[table.split(".")[0] if not table.startswith("projects") else table][1] += t
        for key in ("numbering", "layout", "totals", "narrow", "announcement_first", "name_on_cover",
                    "page_per_project", "numbered_headings", "form", "part2_rules"):
            by_variation[f"{key}={v[key]}"][0] += right
            by_variation[f"{key}={v[key]}"][1] += total
        for quirk in v["quirks"]:
            by_variation[f"quirk={quirk}"][0] += right
            by_variation[f"quirk={quirk}"][1] += total
    lines = ["| document | toolchain | template | identity | Part 2 cells | totals | Part 3 fields | all | "
             "error checks | deliberate flaws |", "|---|---|---|---|---|---|---|---|---|---|", *docs, "",
             "| table | agreement |", "|---|---|"]
    lines += [f"| {k} | {a}/{t} ({100 * a / t:.1f} %) |" for k, (a, t) in sorted(by_table.items())]
    lines += ["", "| variation (plans that have it) | all tables |", "|---|---|"]
    lines += [f"| {k} | {100 * a / t:.1f} % |" for k, (a, t) in sorted(by_variation.items())]
    return "\n".join(lines)


def golden_scans() -> str:
    """The golden plan (corpora/kalasin, 114 pages) as each noisy scan variant: projects found and in
    order, fields and Part 2 cells agreeing with its born-digital run (which the golden test holds
    to the hand-checked expectations), by the same rule as the synthetic plans."""
    from pipeline.run import run_document

    pdf = ROOT / "corpora" / "kalasin" / "kalasin.pdf"
    born = run_document(pdf)
    want = {"projects": [{f: ([i for i in str(getattr(p, f)).split("\n") if i.strip()] if f in LIST_FIELDS
                              else getattr(p, f)) for f in FIELDS} for p in born.projects]}
    born_cells = {(b.seq, b.fiscal_year_be): b.budget_baht for b in born.budgets if b.seq}
    lines = ["| variant | projects found / expected | in order | field agreement | Part 2 cells as born-digital |",
             "|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for name in VARIANTS:
            plan = run_document(variant_copy(pdf, Path(tmp) / f"{name}.pdf", name))
            fields = compare(plan, want)
            ok, n = sum(a for a, _ in fields.values()), sum(t for _, t in fields.values())
            cells = {(b.seq, b.fiscal_year_be): b.budget_baht for b in plan.budgets if b.seq}
            seqs = [p.seq for p in plan.projects]
            lines.append(f"| {name} | {len(plan.projects)} / {len(born.projects)} | "
                         f"{'yes' if seqs == sorted(seqs) else 'no'} | {100 * ok / n:.2f} % | "
                         f"{sum(cells.get(k) == v for k, v in born_cells.items())}/{len(born_cells)} |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path)
    ap.add_argument("--no-scans", action="store_true")
    args = ap.parse_args()
    text = table(run(scans=not args.no_scans))
    golden = "" if args.no_scans else (
        "## The golden plan scanned\n\nThe golden Kalasin plan (114 pages) as each noisy scan variant, compared "
        "with its own born-digital run (which the golden test holds to the hand-checked expectations) by the "
        "same rule; its clean 200-dpi scan is held by a slow test.\n\n" + golden_scans() + "\n\n")
    varied = wild()
    print(text + "\n\n" + golden + varied)
    if args.out:
        from report import write

        write(args.out, "# Field accuracy on the synthetic corpus\n\n`make accuracy` "
              "(`benchmarks/accuracy.py`): 12 invented LAOs, both template generations, three layouts "
              "(corpora/synthetic/generate.py); two are also rasterised and read by OCR: clean at 200 dpi and in "
              "the five scan variants of corpora/tools/scan.py (office scan, skewed 2°, 150 dpi, blurred, "
              "phone photo), each scan's Part 2 cells compared with its born-digital run's. "
              "A field agrees when it equals the generator's value: text with whitespace removed, "
              "list fields item by item, numbers exactly.\n\n" + text + "\n\n" + golden +
              f"## The varied corpus\n\n`corpora/wild`: {len(list((ROOT / 'corpora' / 'wild' / 'expected').glob('*.json')))} "
              "plans laid out the ways real municipalities publish "
              "them (DOCX by LibreOffice, HTML by WeasyPrint and by Chromium, Sarabun; see its README). Every table: "
              "identity and period, Part 2 cells (seq × year), dimension totals (printed and summed), risks, "
              "committee members, every "
              "Part 3 field. Error checks should be exactly the deliberate flaws.\n\n" + varied + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
