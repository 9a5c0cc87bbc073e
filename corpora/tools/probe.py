"""Plans nobody tuned the pipeline against: the varied corpus's generator with new seeds and new mixes.

    python corpora/tools/probe.py OUT_DIR [--seed 900] [--count 12]   # needs LibreOffice, WeasyPrint, Chromium

Draws ``count`` plans from corpora/wild/generate.py, each variation (toolchain, template, digits,
numbering, Part 2 layout, totals, quirks, a project a page, headings without numbers…) picked at
random, renders them into OUT_DIR with their expectations, reads each with the pipeline and prints
one line per plan: the disagreements with its expectations (corpora/wild/expectations.py), the
error checks against the deliberate flaws, line breaks left in single-line columns. A plan that
disagrees is a case the corpora lack: read it, fix the pipeline, and keep the plan in corpora/wild
(``PLANS``) when the case is one publishers print. Session 23 found its page-break and heading
cases this way (docs/accuracy.md). Nothing here runs in the tests: the plans are random by design.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import corpora.wild.generate as wild  # noqa: E402

QUIRKS = ("missing-field", "eleventh-field", "merged-field", "misspelt-label", "non-project-sheet")
NAMES = ("ทดลองหนึ่ง", "ทดลองสอง", "ทดลองสาม", "ทดลองสี่", "ทดลองห้า", "ทดลองหก", "ทดลองเจ็ด", "ทดลองแปด",
         "ทดลองเก้า", "ทดลองสิบ", "ทดลองสิบเอ็ด", "ทดลองสิบสอง")


def draw_specs(seed: int, count: int) -> list[wild.Spec]:
    """``count`` plan specifications, each variation drawn at random (placed in the corpus's districts)."""
    rng = random.Random(seed)
    places = [(s.district, s.province) for s in wild.PLANS]
    specs = []
    for k in range(count):
        district, province = places[k % len(places)]
        first = rng.random() < 0.3  # a scanned announcement before the cover
        specs.append(wild.Spec(
            f"probe-{seed}-{k}", rng.choice(["องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร"]),
            NAMES[k % len(NAMES)] + "สมมุติ", district, province, rng.choice([2566, 2561]), rng.randint(10, 24),
            seed + k, toolchain=rng.choice(["docx", "docx", "html", "chromium"]),
            digits=rng.choice(["thai", "thai", "arabic"]), announcement_first=first,
            cover_page=rng.choice([1, 2, 3]) if first else 1, name_on_cover=rng.random() < 0.8,
            numbering=rng.choice(["close", "paren", "xyz", "dotted", "bullet", "none"]),
            layout=rng.choice(["rows", "tall", "stacked"]), narrow=rng.random() < 0.3,
            totals=rng.choice(["sub+grand", "dim-only", "counts"]), notes=rng.random() < 0.4,
            shuffle_fields=rng.random() < 0.3, quirks=tuple(q for q in QUIRKS if rng.random() < 0.25),
            subtotal_error=rng.random() < 0.2, office_members=rng.random() < 0.7,
            page_per_project=rng.random() < 0.4, numbered_headings=rng.random() < 0.85, form=rng.random() < 0.2,
            part2_rules=rng.choice(["all", "all", "columns"])))
    return specs


def render(spec: wild.Spec, out: Path) -> Path:
    projects = wild.draw(spec)
    (out / f"{spec.doc_id}.json").write_text(json.dumps(wild.expected(spec, projects), ensure_ascii=False, indent=1),
                                             encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        wild.render(spec, wild.build(spec, projects, Path(tmp)), out / f"{spec.doc_id}.pdf", Path(tmp))
    return out / f"{spec.doc_id}.pdf"


def read(pdf: Path) -> str:
    """One line on how the pipeline reads ``pdf`` against the expectations beside it."""
    from corpora.wild.expectations import disagreements
    from pipeline.run import run_document
    from tests.conftest import line_breaks_in_single_line_columns

    expected = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    plan = run_document(pdf)
    wrong = disagreements(plan, expected)
    errors = sorted({c.code for c in plan.checks if c.severity == "error"})
    flaws = sorted(expected["error_codes"])
    line = (f"{pdf.stem}: {len(wrong)} disagreements; error checks {errors or '–'} (deliberate {flaws or '–'}); "
            f"{len(line_breaks_in_single_line_columns(plan))} line breaks in single-line columns")
    return "\n".join([line, *(f"    {w[:160]}" for w in wrong[:8])])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=900)
    ap.add_argument("--count", type=int, default=12)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for spec in draw_specs(args.seed, args.count):
        variations = {k: v for k, v in vars(spec).items() if k not in ("doc_id", "lao_type", "name", "district",
                                                                       "province", "seed")}
        print(f"{spec.doc_id}: {variations}", flush=True)
        print(read(render(replace(spec), args.out)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
