"""No false alarm: a plan whose numbers agree gets no error-level check."""

from __future__ import annotations

from pipeline.run import run_document
from tests.conftest import ROOT


def test_consistent_plan_has_no_error_checks():
    plan = run_document(ROOT / "corpora" / "consistent" / "consistent.pdf")
    errors = [f"{c.code}: {c.message}" for c in plan.checks if c.severity == "error"]
    assert errors == []
    assert len(plan.projects) == 30
    totals = {(t.dimension_no, t.fiscal_year_be): (t.printed_baht, t.rows_sum_baht) for t in plan.budget_totals}
    assert totals[(1, 2566)] == (1200000, 1200000) and totals[(None, 2570)] == (1850000, 1850000)
