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
