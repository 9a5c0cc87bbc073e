"""Part 2 of the golden Kalasin plan: budgets per project and year, totals, cross-checks.

Expectations are hand-written in corpora/kalasin/expected/budgets.json from source.txt.
"""

from __future__ import annotations

import json

import regex

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
    # figures no line ties to one project still contradict Part 3: project 4 (500,000 in Part 3)
    # and project 16 (no budget in Part 3) sit in cells that print 50,000
    assert any(m.startswith("projects 4, 5, 6:") and "50,000" in m and "๕๐๐,๐๐๐" in m
               for m in by_code["part2-part3-mismatch"])
    assert any(m.startswith("projects 12, 13, 14, 15, 16, 17:") and "50,000" in m and "ไม่ได้ใช้งบประมาณ" in m
               for m in by_code["part2-part3-mismatch"])
    assert "part2-count-mismatch" not in by_code
    assert len(by_code["budget-figure-unassigned"]) == 3


def test_budget_files_written(kalasin_out):
    import csv

    rows = list(csv.DictReader((kalasin_out / "budgets.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 5 * (len(EXPECTED["assigned"]) + sum(len(v) for v in EXPECTED["unassigned"].values()))
    assert {r["fiscal_year_be"] for r in rows} == {str(y) for y in YEARS}
    totals = list(csv.DictReader((kalasin_out / "budget_totals.csv").open(encoding="utf-8-sig")))
    assert [t for t in totals if t["dimension_no"] == "" and t["fiscal_year_be"] == "2566"][0]["printed_baht"] == "1980000"


P1 = json.loads((KALASIN / "expected" / "part1_appendix.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return "".join(text.split())


_SOURCE = (KALASIN / "source.txt").read_text(encoding="utf-8").splitlines()
_ITEM_MARK = regex.compile(r"(?:^|\s)[๐-๙]{1,2}\.\s")


def _source_items(cell: str) -> list[str]:
    """A source cell's "๑. … ๒. …" items, squashed (the source is the truth, not the pipeline)."""
    return [squash(p) for p in _ITEM_MARK.split(cell) if p.strip()]


def test_risk_table(kalasin_plan):
    """Every cell of the risk table, item by item, against source.txt lines 61-62 and 65-66."""
    rows = [line.split("\t") for line in _SOURCE[60:62] + _SOURCE[64:66]]
    assert [r[0] for r in rows] == ["๑", "๒", "๓", "๔"]
    got = [(r.no, squash(r.process), [squash(i) for i in r.risks.split("\n")], squash(r.level),
            [squash(i) for i in r.controls.split("\n")]) for r in kalasin_plan.risks]
    want = [(k, squash(process), _source_items(risks), squash(level), _source_items(controls))
            for k, (_, process, risks, level, controls) in enumerate(rows, start=1)]
    assert got == want
    assert [(len(r[2]), len(r[4])) for r in want] == [(e["risks"], e["controls"]) for e in P1["risks"]]


def test_targets_table(kalasin_plan):
    got: dict[str, tuple[str, list[float]]] = {}
    for t in kalasin_plan.targets:
        unit, values = got.setdefault(t.indicator, (t.unit, []))
        values.append(t.value)
    assert got == {k: (v["unit"], [float(x) for x in v["values"]]) for k, v in P1["targets"].items()}
    assert [t.fiscal_year_be for t in kalasin_plan.targets[:5]] == YEARS


def test_objectives_goals_announcement_order(kalasin_plan):
    doc = kalasin_plan.document
    assert (len(doc.objectives), len(doc.goals)) == (P1["objectives"], P1["goals"])
    marker = regex.compile(r"^- \([๐-๙]\) ")  # source.txt lines 84-88 and 92-93, word for word
    assert [squash(o) for o in doc.objectives] == [squash(marker.sub("", t)) for t in _SOURCE[83:88]]
    assert [squash(g) for g in doc.goals] == [squash(marker.sub("", t)) for t in _SOURCE[91:93]]
    assert all(not o.startswith("(") for o in doc.objectives)
    for key, value in P1["announcement"].items():
        assert doc.announcement[key] == value, key
    for key, value in P1["order"].items():
        assert doc.committee_order[key] == value, key


def test_committee_every_printed_line(kalasin_plan):
    got = [(m.no, squash(m.name), squash(m.position), squash(m.role)) for m in kalasin_plan.committee]
    assert got == [(no, squash(n), squash(p), squash(r)) for no, n, p, r in P1["committee"]]
    (gap,) = [c for c in kalasin_plan.checks if c.code == "committee-numbering-gap"]
    assert "20–31" in gap.message


def test_an_implausible_announcement_date_is_left_empty_with_a_check(kalasin_plan):
    """OCR of a scanned announcement reads "๒๕๖๕" as "๒๕๐๕": a year outside the plan's period (and
    the year before it) is not the plan's date; the golden plan's own dates pass untouched."""
    from dataclasses import replace

    from extractors.appendix import Instrument, plausible_dates

    doc = kalasin_plan.document
    golden = (Instrument(**doc.announcement), Instrument(**doc.committee_order))
    kept, checks = plausible_dates(golden, doc.plan_start_be, doc.plan_end_be)
    assert kept == golden and checks == []
    misread = replace(golden[0], date_printed=golden[0].date_printed.replace("๒๕๖", "๒๕๐"), date="1962-09-21")
    day = replace(golden[0], date_printed="วันที่ ๓๔ กันยายน พ.ศ. ๒๕๖๕", date="")
    kept, checks = plausible_dates((misread, day), doc.plan_start_be, doc.plan_end_be)
    assert [k.date for k in kept] == ["", ""] and [c.code for c in checks] == ["date-implausible"] * 2
    assert "outside the plan's period 2566–2570" in checks[0].message and "not a calendar date" in checks[1].message
