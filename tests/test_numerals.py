"""Amounts against years: a 25xx number is a year only by its context."""

from __future__ import annotations

import pytest

from pipeline.numerals import parse_baht, years_in_period


@pytest.mark.parametrize("text, baht", [
    ("2500 บาท", 2500),  # any 25xx amount used to be taken for a year (None)
    ("งบประมาณ 2567 จำนวน 2500 บาท", 2500),
    ("๒,๕๖๖ บาท", 2566),
    ("ปีงบประมาณ พ.ศ. ๒๕๖๖ จำนวน ๒๐,๐๐๐ บาท", 20000),
    ("ปี 2567 ใช้งบ 2550 บาท", 2550),
    ("ตั้งไว้ 2560.- ตามข้อบัญญัติ", 2560),
])
def test_amounts_that_look_like_years(text, baht):
    assert parse_baht(text) == baht


@pytest.mark.parametrize("text", ["พ.ศ. 2566 - 2570", "ปีงบประมาณ ๒๕๖๖", "พุทธศักราช 2565", "2566–2570"])
def test_years_are_no_amount(text):
    assert parse_baht(text) is None


@pytest.mark.parametrize("read, period, tied", [
    ("ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕ญ่๐", (2566, 2570), "ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐"),  # ๗ read as ญ่
    ("ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๓๐", (2566, 2570), "ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐"),  # ๗ read as ๓
    ("พ.ศ. 2501 - 2564", (2561, 2564), "พ.ศ. 2561 - 2564"),
    ("พ.ศ. ๒๕๖๐ - ๒๕๖๔", (2561, 2564), "พ.ศ. ๒๕๖๐ - ๒๕๖๔"),  # ๒๕๖๑…๒๕๖๔ all one digit away: left
    ("พ.ศ. ๒๕๒๒ - ๒๕๗๐", (2566, 2570), "พ.ศ. ๒๕๒๒ - ๒๕๗๐"),  # two digits away from every year: left
    ("ปีงบประมาณ ๒๕๖๗", (2566, 2570), "ปีงบประมาณ ๒๕๖๗"),
    ("ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๐", (2566, 2570), "ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐"),  # ๗ lost: only 2570 has a 0
    ("ปีงบประมาณ พ.ศ. ๒๕๖ - ๒๕๗๐", (2566, 2570), "ปีงบประมาณ พ.ศ. ๒๕๖ - ๒๕๗๐"),  # 2566…2569 all have a 6: left
    ("ระยะเวลา ๒๕๐ วัน", (2566, 2570), "ระยะเวลา ๒๕๐ วัน"),  # no year where nothing says one is
])
def test_ocr_years_tied_to_the_plans_period(read, period, tied):
    assert years_in_period(read, period)[0] == tied


@pytest.mark.parametrize("read, yearly, tied", [
    ("0,000 บาท", (20000, 20000), ("20,000 บาท", 20000)),  # its first digit lost: the year's amount
    ("๑๐๐๑, ๐๐๐ บาท", (100000,), ("๑๐๐,๐๐๐ บาท", 100000)),  # a digit too many
    ("@0,000: บาท", (50000, 50000), ("50,000 บาท", 50000)),  # a digit read as a symbol
    ("๕๐,๐๐6 บาท", (50000,), ("๕๐,๐๐๐ บาท", 50000)),  # a digit read in the other script
    ("๕๐,๐๐๐ บาท", (40000,), ("๕๐,๐๐๐ บาท", 50000)),  # well formed: Part 2 may disagree, left
    ("0,000 บาท", (20000, 40000), ("0,000 บาท", None)),  # two amounts a digit away: left
])
def test_ocr_budgets_tied_to_part2(read, yearly, tied):
    """A Part 3 budget OCR garbled becomes the one amount Part 2 gives the project a digit away."""
    from extractors.project_fields import budgets_tied_to_part2
    from pipeline.records import BudgetRow, Project

    rows = tuple(BudgetRow("d", 1, 1, "1.1", "ก", 2566 + k, amount, 5) for k, amount in enumerate(yearly))
    project = Project(**{f: "" for f in Project.__dataclass_fields__} | dict(
        doc_id="d", seq=1, budget_text=read, budget_baht=parse_baht(read), field_pages={"budget": (9,)}))
    (got,), checks = budgets_tied_to_part2([project], rows, frozenset({9}))
    assert (got.budget_text, got.budget_baht if got.budget_text != read else tied[1]) == tied
    assert len(checks) == (got.budget_text != read)


def test_a_duration_whose_first_year_ocr_garbled_has_no_start_and_says_so():
    """The golden plan's skewed scan reads ๒๕๖๖ as "๒๕๒๒๐": the period's start is left empty (not the
    end year taken for both) and a warning names the project and what was read; on a text layer the
    years are as printed, with no check."""
    from extractors.project_fields import years_tied_to_period
    from pipeline.numerals import be_years
    from pipeline.records import Project

    duration = "ปีงบประมาณ พ.ศ. ๒๕๒๒๐ – ๒๕๗๐"
    start, end = be_years(duration)
    project = Project(**{f: "" for f in Project.__dataclass_fields__} | dict(
        doc_id="d", seq=7, duration=duration, period_start_be=start, period_end_be=end,
        field_pages={"duration": (41,)}))
    (read,), checks = years_tied_to_period([project], (2566, 2570), frozenset({41}))
    assert (read.period_start_be, read.period_end_be) == (None, 2570)
    assert [(c.code, c.severity, c.page) for c in checks] == [("ocr-year-unread", "warning", 41)]
    assert "project 7" in checks[0].message and "๒๕๒๒๐" in checks[0].message
    assert years_tied_to_period([project], (2566, 2570), frozenset())[1] == []
