"""Part 2 of the golden Kalasin plan: budgets per project and year, totals, cross-checks.

Expectations are hand-written in corpora/kalasin/expected/budgets.json from source.txt.
"""

from __future__ import annotations

import json

from tests.conftest import KALASIN

EXPECTED = json.loads((KALASIN / "expected" / "budgets.json").read_text(encoding="utf-8"))
YEARS = [2566, 2567, 2568, 2569, 2570]


def test_assigned_figures(kalasin_plan):
    got: dict[int, dict[int, int]] = {}
    for b in kalasin_plan.budgets:
        if b.seq is not None:
            got.setdefault(b.seq, {})[b.fiscal_year_be] = b.budget_baht
    expected = {int(seq): {y: value for y in YEARS} for seq, value in EXPECTED["assigned"].items()}
    assert got == expected


def test_unassigned_figures_are_kept_with_their_mission(kalasin_plan):
    for year in YEARS:
        got: dict[str, list[int]] = {}
        for b in kalasin_plan.budgets:
            if b.seq is None and b.fiscal_year_be == year:
                got.setdefault(b.mission_no, []).append(b.budget_baht)
        assert got == EXPECTED["unassigned"], year


def test_totals(kalasin_plan):
    for t in kalasin_plan.budget_totals:
        key = "all" if t.dimension_no is None else str(t.dimension_no)
        exp = EXPECTED["totals"][key]
        assert (t.printed_baht, t.rows_sum_baht, t.printed_project_count) == (
            exp["printed"], exp["rows"], exp["count"]), t
    assert len(kalasin_plan.budget_totals) == 5 * len(EXPECTED["totals"])


def test_cross_checks_show_the_plans_inconsistencies(kalasin_plan):
    by_code: dict[str, list[str]] = {}
    for c in kalasin_plan.checks:
        by_code.setdefault(c.code, []).append(c.message)
    subtotal = by_code["subtotal-mismatch"]
    assert len(subtotal) == 5 and all("dimension 1" in m and "1,330,000" in m and "1,200,000" in m
                                      for m in subtotal)
    assert any("project 2:" in m and "1,000,000" in m for m in by_code["part2-part3-mismatch"])
    assert not any(m.startswith("project 1:") for m in by_code["part2-part3-mismatch"])
    assert "part2-count-mismatch" not in by_code
    assert len(by_code["budget-figure-unassigned"]) == 3


def test_budget_files_written(kalasin_out):
    import csv

    rows = list(csv.DictReader((kalasin_out / "budgets.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 5 * (len(EXPECTED["assigned"]) + sum(len(v) for v in EXPECTED["unassigned"].values()))
    assert {r["fiscal_year_be"] for r in rows} == {str(y) for y in YEARS}
    totals = list(csv.DictReader((kalasin_out / "budget_totals.csv").open(encoding="utf-8-sig")))
    assert [t for t in totals if t["dimension_no"] == "" and t["fiscal_year_be"] == "2566"][0]["printed_baht"] == "1980000"
