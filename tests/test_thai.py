"""Properties of the Thai repair rules over Thai-heavy text (hypothesis)."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text import thai
from pipeline.numerals import THAI_DIGITS, thai_int

THAI_CHARS = [chr(c) for c in range(0x0E01, 0x0E5C) if chr(c).isprintable()]
PUA = [chr(c) for c in range(0xF700, 0xF71B)] + [chr(c) for c in range(0xF884, 0xF89F)]
HOSTILE = ["\u200b", "\ufeff", "\u00ad", "\u00a0", "\x00", " ", "\n"]
thai_heavy = st.text(alphabet=st.sampled_from(THAI_CHARS * 4 + PUA + HOSTILE + list("ab1 .,()")),
                     max_size=80)


@given(thai_heavy)
@settings(max_examples=400, deadline=None)
def test_never_raises_and_is_idempotent(text):
    once = thai.repair_text(text)
    assert thai.repair_text(once) == once


cluster_heavy = st.text(alphabet=st.sampled_from(list(thai.CONSONANTS[:12] + thai.MARKS + thai.NON_INITIAL
                                                       + thai.LEADING_VOWELS + " \u00a0")), max_size=30)


@given(st.one_of(thai_heavy, cluster_heavy))
@settings(max_examples=1500, deadline=None)
def test_screen_never_skips_a_change(text):
    """repair() skips the rules when may_need_repair() is False: no rule may change such a text."""
    chained = text
    for rule in thai.RULES:
        chained = rule(chained)
    if not thai.may_need_repair(text):
        assert chained == text
    assert thai.repair_text(text) == chained


@pytest.mark.parametrize("rule", thai.RULES, ids=lambda r: r.__name__)
@given(text=thai_heavy)
@settings(max_examples=150, deadline=None)
def test_each_rule_is_idempotent(rule, text):
    assert rule(rule(text)) == rule(text)


@given(st.text(alphabet=string.printable, max_size=80))
def test_ascii_untouched(text):
    expected = "".join(ch for ch in text if ch not in "\x0b")  # vertical tab is a control character
    assert thai.repair_text(text) == expected


@given(st.integers(min_value=0, max_value=10**12))
def test_digits_keep_their_value(n):
    thai_number = "".join(THAI_DIGITS[int(d)] for d in f"{n:,}".replace(",", "")) 
    assert thai_int(thai.repair_text(thai_number)) == n
    assert thai_int(thai.repair_text(f"{n:,}")) == n


@given(thai_heavy)
@settings(max_examples=400, deadline=None)
def test_output_has_no_forbidden_sequences(text):
    fixed = thai.repair_text(text)
    assert not thai.has_pua(fixed)
    assert "\u0e33\u0e32" not in fixed  # ำา
    assert "\u0e4d\u0e32" not in fixed  # ํา
    assert thai.damage(fixed)["space_before_mark"] == 0


@pytest.mark.parametrize(
    "broken, fixed",
    [
        ("ชื ่อ", "ชื่อ"),  # LibreOffice: a space before a tone mark
        ("กาฬสินธ ุ", "กาฬสินธุ"),
        ("ค\u0e4d\u0e32นํา", "คำนำ"),  # NIKHAHIT + SARA AA for SARA AM
        ("ทําา", "ทำ"),  # doubled SARA AM
        ("น\u0e4d\u0e49\u0e32", "น้ำ"),  # HarfBuzz's reordered SARA AM around a tone
        ("ป\uf70bอง", "ป้อง"),  # Word PUA: MAI THO shifted down
        ("\uf700าน", "ฐาน"),  # THO THAN without its descender
        ("ที\u0e48\u0e48", "ที่"),  # a doubled tone mark
        ("ฝ่ าย", "ฝ่าย"),  # a justified line's space inside a word
    ],
)
def test_known_artefacts(broken, fixed):
    assert thai.repair_text(broken) == fixed


def test_valid_text_unchanged():
    text = "เทศบาลเมืองกาฬสินธุ์ ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต (พ.ศ. ๒๕๖๖ – ๒๕๗๐) น้ำ ผู้ที่"
    assert thai.repair(text).changes == {}


def test_white_space_is_what_regex_calls_space():
    """backend.WHITE_SPACE (dropped with str.translate) is exactly what the regex module's \\s matches."""
    import regex

    from pipeline.text.backend import WHITE_SPACE

    assert "".join(chr(c) for c in range(0x110000) if regex.match(r"\s", chr(c))) == WHITE_SPACE
