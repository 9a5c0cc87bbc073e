"""Plans of invented municipalities (corpora/synthetic): both template generations, three layouts.

Expectations come from the generator's own data (corpora/synthetic/generate.py), not from the
pipeline; docs/accuracy.md has the per-field table (make accuracy).
"""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from pipeline.run import run_document
from tests.conftest import ROOT, line_breaks_in_single_line_columns, spaces_added_inside_words

SYN = ROOT / "corpora" / "synthetic"
sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy import compare  # noqa: E402

SPACED = ("name", "rationale", "target_group", "area", "duration", "budget_text", "responsible")
DOCS = sorted(p.stem for p in (SYN / "expected").glob("*.json"))


def expected(doc_id):
    return json.loads((SYN / "expected" / f"{doc_id}.json").read_text(encoding="utf-8"))


def test_corpus_shape():
    assert len(DOCS) >= 12
    templates = {expected(d)["template"] for d in DOCS}
    assert templates == {"nacc_2566_2570", "nacc_2561_2564"}
    counts = [len(expected(d)["projects"]) for d in DOCS]
    assert min(counts) >= 15 and max(counts) >= 80


@pytest.mark.parametrize("doc_id", DOCS)
def test_born_digital_fields(doc_id):
    exp = expected(doc_id)
    plan = run_document(SYN / "pdf" / f"{doc_id}.pdf")
    fields = compare(plan, exp)
    agree = sum(a for a, _ in fields.values()) / sum(t for _, t in fields.values())
    bad = {k: v for k, v in fields.items() if v[0] != v[1]}
    assert agree >= 0.98, bad
    assert [c.message for c in plan.checks if c.severity == "error"] == []  # its numbers all agree
    assert line_breaks_in_single_line_columns(plan) == []
    got = {p.seq: p for p in plan.projects}
    texts = [(getattr(got[p["seq"]], f), p[f]) for p in exp["projects"] for f in SPACED if p[f]]
    assert [w for g, want in texts for w in spaces_added_inside_words(g, want)] == []
    spaced = sum(" ".join(g.split()) == " ".join(want.split()) for g, want in texts)
    assert spaced >= 0.92 * len(texts)  # phrase spaces lost at line wraps (issue 17): 0.93–0.98 a plan
    for key, value in exp["document"].items():
        assert getattr(plan.document, key) == value, key
    budgets = {p["seq"]: p["budget_baht"] for p in exp["projects"]}
    assert {b.seq for b in plan.budgets} == set(budgets)
    assert all(b.budget_baht == budgets[b.seq] for b in plan.budgets)


STRUCTURE = ("seq", "dimension_no", "mission_no", "submission_no", "kind", "period_start_be", "period_end_be",
             "budget_text", "budget_baht",
             "duration")  # its opening ปีงบประมาณ, misread ขีงบประมาณ, restored from the template


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_image_only_fields(tmp_path):
    """The image-only plans (rasterised at 200 dpi, read by OCR): at least 90 % of all fields equal
    the generator's (issue 5; docs/accuracy.md has the table), every number and structure field."""
    from corpora.tools.scan import scanned_copy

    sys.path.insert(0, str(SYN))
    from generate import IMAGE_ONLY

    totals = [0, 0]
    for doc_id in IMAGE_ONLY:
        plan = run_document(scanned_copy(SYN / "pdf" / f"{doc_id}.pdf", tmp_path / f"{doc_id}.pdf"))
        assert {p.source for p in plan.pages} == {"ocr"}
        fields = compare(plan, expected(doc_id))
        assert {f: fields[f] for f in STRUCTURE if fields[f][0] != fields[f][1]} == {}, doc_id
        totals[0] += sum(a for a, _ in fields.values())
        totals[1] += sum(t for _, t in fields.values())
    assert totals[0] / totals[1] >= 0.90, totals
