"""The golden plan as other toolchains and fonts lay it out (corpora/kalasin/renderings/)."""

from __future__ import annotations

import json
import sys

import pytest

from pipeline.run import run_document
from tests.conftest import KALASIN, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy import compare  # noqa: E402

EXPECTED = {"projects": json.loads((KALASIN / "expected" / "projects.json").read_text(encoding="utf-8"))}
BUDGETS = json.loads((KALASIN / "expected" / "budgets.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name, floor", [("weasyprint-laksaman", 0.98), ("libreoffice-waree", 0.98)])
def test_rendering(name, floor):
    plan = run_document(KALASIN / "renderings" / f"{name}.pdf")
    fields = compare(plan, EXPECTED)
    agree = sum(a for a, _ in fields.values()) / sum(t for _, t in fields.values())
    assert agree >= floor, {k: v for k, v in fields.items() if v[0] != v[1]}
    # the numbers must not depend on the toolchain: structure, budgets, Part 2 and the checks
    exact = ("seq", "dimension_no", "mission_no", "submission_no", "budget_baht", "period_start_be", "name")
    assert all(fields[k][0] == fields[k][1] for k in exact), {k: fields[k] for k in exact}
    assigned = {b.seq: b.budget_baht for b in plan.budgets if b.seq and b.fiscal_year_be == 2566}
    assert all(assigned.get(int(seq)) == value for seq, value in BUDGETS["assigned"].items())
    totals = {(t.dimension_no, t.fiscal_year_be): (t.printed_baht, t.rows_sum_baht) for t in plan.budget_totals}
    assert totals[(1, 2566)] == (1330000, 1200000) and totals[(None, 2566)] == (1980000, 1850000)
    assert len(plan.committee) == 26 and len(plan.risks) == 4
