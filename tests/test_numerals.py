"""Amounts against years: a 25xx number is a year only by its context."""

from __future__ import annotations

import pytest

from pipeline.numerals import parse_baht


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
