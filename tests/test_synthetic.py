"""Plans of invented municipalities (corpora/synthetic): both template generations, three layouts.

Expectations come from the generator's own data (corpora/synthetic/generate.py), not from the
pipeline; docs/accuracy.md has the per-field table (make accuracy).
"""

from __future__ import annotations

import json
import sys

import pytest

from pipeline.run import run_document
from tests.conftest import ROOT

SYN = ROOT / "corpora" / "synthetic"
sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy import compare  # noqa: E402

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
    for key, value in exp["document"].items():
        assert getattr(plan.document, key) == value, key
    budgets = {p["seq"]: p["budget_baht"] for p in exp["projects"]}
    assert {b.seq for b in plan.budgets} == set(budgets)
    assert all(b.budget_baht == budgets[b.seq] for b in plan.budgets)
