"""Thai numerals, Buddhist-era years and baht amounts.

Text keeps the document's digits; numeric columns get Arabic integers from here.
"""

from __future__ import annotations

import regex

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)
_AMOUNT = regex.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?(?![\d,])")
_BE_YEAR = regex.compile(r"(?<!\d)(25\d\d)(?!\d)")
_GARBLED_YEAR = regex.compile(r"(?<!\d)25(?:\d|\d{3,})(?!\d)(?=\s*[-–])")  # "25220 -": a range's first year, garbled
_NO_BUDGET = regex.compile(r"^\s*(ไม่ใช้งบประมาณ|ไม่ได้ใช้งบประมาณ|ไม่มีงบประมาณ|ไม่ใช้งบ)")
_DASH_ONLY = regex.compile(r"^\s*[-–—]+\s*(บาท)?\s*$")
BE_OFFSET = 543


def to_thai_digits(text: str) -> str:
    """Arabic digits → Thai digits; everything else unchanged.

    >>> to_thai_digits("20,000 บาท")
    '๒๐,๐๐๐ บาท'
    """
    return text.translate(_TO_THAI)


def to_arabic(text: str) -> str:
    """Thai digits → Arabic digits; everything else unchanged.

    >>> to_arabic("พ.ศ. ๒๕๖๖")
    'พ.ศ. 2566'
    """
    return text.translate(_TO_ARABIC)


def thai_int(text: str) -> int | None:
    """The integer a Thai- or Arabic-digit token spells, commas allowed.

    >>> thai_int("๑,๓๓๐,๐๐๐")
    1330000
    >>> thai_int("ลำดับ") is None
    True
    """
    digits = to_arabic(text).replace(",", "").strip()
    return int(digits) if digits.isdigit() else None


def is_placeholder(text: str) -> bool:
    """An unfilled template instruction such as "ระบุงบประมาณที่ใช้ดำเนินการ".

    >>> is_placeholder("ระบุหน่วยงานที่รับผิดชอบดำเนินการ"), is_placeholder("สำนักปลัด")
    (True, False)
    """
    return text.strip().startswith("ระบุ")


def parse_baht(text: str) -> int | None:
    """A budget field's amount in baht; ``None`` when unknown.

    "ไม่ใช้งบประมาณ…" and "-" are zero; an unfilled placeholder is unknown.

    >>> parse_baht("๑,๐๐๐,๐๐๐ บาท"), parse_baht("-"), parse_baht("ไม่ใช้งบประมาณดำเนินการ")
    (1000000, 0, 0)
    >>> parse_baht("ระบุงบประมาณที่ใช้ดำเนินการ") is None
    True
    """
    if not text.strip() or is_placeholder(text):
        return None
    if _NO_BUDGET.match(text) or _DASH_ONLY.match(text):
        return 0
    arabic = to_arabic(text)
    amounts = [m for m in _AMOUNT.finditer(arabic) if not _is_year(arabic, m)]
    if not amounts:
        return None
    in_baht = [m for m in amounts if _BAHT_AFTER.match(arabic, m.end())]
    value = float((in_baht or amounts)[0][0].replace(",", ""))
    return int(value) if value == int(value) else None


_YEAR_BEFORE = regex.compile(r"(?:พ\.\s*ศ\.|พุทธศักราช|ปี(?:งบประมาณ)?)\s*$")
_PERIOD_AROUND = (regex.compile(r"25\d\d\s*[-–—]\s*$"), regex.compile(r"^\s*[-–—]\s*25\d\d"))
_BAHT_AFTER = regex.compile(r"\s*(?:บาท|\.-)")


def _is_year(text: str, m: regex.Match[str]) -> bool:
    """Whether a 25xx number is a year by its context: after พ.ศ./ปี/ปีงบประมาณ, or in a period
    "2566-2570"; a 25xx amount ("2,500", "2500 บาท") is not.

    >>> parse_baht("2500 บาท"), parse_baht("งบประมาณ 2567 จำนวน 2500 บาท"), parse_baht("ปีงบประมาณ ๒๕๖๖ จำนวน ๒๐,๐๐๐ บาท")
    (2500, 2500, 20000)
    >>> parse_baht("พ.ศ. 2566 - 2570") is None, parse_baht("2566-2570 ปีละ 5,000 บาท")
    (True, 5000)
    """
    if not _BE_YEAR.fullmatch(m[0]):
        return False
    before, after = text[:m.start()], text[m.end():]
    return _year_context(before) or bool(_PERIOD_AROUND[1].match(after))


def _year_context(before: str) -> bool:
    """Whether what comes before a number (Arabic digits) makes it a year: พ.ศ./ปี/ปีงบประมาณ or
    a period's first year and its dash."""
    return bool(_YEAR_BEFORE.search(before) or _PERIOD_AROUND[0].search(before))


# a Buddhist-era year as OCR may read it: ๒๕ and two more glyphs, a digit misread or garbled (๒๕ญ่๐),
# or ๒ and a digit for ๕ misread (๒๔๖๔)
_YEAR_READ = regex.compile(r"(?<![0-9๐-๙])(?P<head>[๒2][0-9๐-๙])(?P<rest>[^\s\-–—/,()]{1,4}?)(?=[\s\-–—/,()]|$)")


def years_in_period(text: str, period: tuple[int, int]) -> tuple[str, list[tuple[str, int]]]:
    """A read text whose years should lie in the plan's ``period``, each year outside it that one
    misread or unreadable digit keeps from being exactly one year of the period made that year
    (in the text's own digits), with what was changed.

    >>> years_in_period("ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕ญ่๐", (2566, 2570))
    ('ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐', [('๒๕ญ่๐', 2570)])
    >>> years_in_period("พ.ศ. ๒๕๐๑ - ๒๕๖๔", (2561, 2564)), years_in_period("พ.ศ. 2522", (2566, 2570))
    (('พ.ศ. ๒๕๖๑ - ๒๕๖๔', [('๒๕๐๑', 2561)]), ('พ.ศ. 2522', []))

    A year with a digit lost, where a year must be (after พ.ศ. or a period's dash) and one year of
    the period holds its digit:

    >>> years_in_period("พ.ศ. ๒๕๖๖ - ๒๕๐", (2566, 2570)), years_in_period("พ.ศ. ๒๕๖", (2566, 2570))
    (('พ.ศ. ๒๕๖๖ - ๒๕๗๐', [('๒๕๐', 2570)]), ('พ.ศ. ๒๕๖', []))
    >>> years_in_period("ระยะเวลา ๒๕๐ วัน", (2566, 2570))
    ('ระยะเวลา ๒๕๐ วัน', [])

    Its ๕ misread, where a year must be (a count is no year):

    >>> years_in_period("พ.ศ. ๒๕๖๑ - ๒๔๖๔", (2561, 2564))[0], years_in_period("จำนวน ๒๔๖๔ คน", (2561, 2564))[0]
    ('พ.ศ. ๒๕๖๑ - ๒๕๖๔', 'จำนวน ๒๔๖๔ คน')
    """
    from .text.thai import without_marks  # (here: the text package imports this module)

    changes: list[tuple[str, int]] = []

    def tie(m: regex.Match[str]) -> str:
        rest = without_marks(m["rest"])
        read = to_arabic(rest)
        if to_arabic(m["head"]) != "25":  # its ๕ misread: the other two digits must be right
            if not (len(rest) == 2 and read.isdigit() and _year_context(to_arabic(text[:m.start()]))):
                return m[0]
            fits = [y for y in range(period[0], period[1] + 1) if f"{y % 100:02d}" == read]
        elif len(rest) == 2 and not (rest.isdigit() and period[0] <= 2500 + int(read) <= period[1]):
            fits = [y for y in range(period[0], period[1] + 1)
                    if sum(a != b for a, b in zip(read, f"{y % 100:02d}")) == 1]
        elif len(rest) == 1 and read.isdigit() and _year_context(to_arabic(text[:m.start()])):
            fits = [y for y in range(period[0], period[1] + 1) if read in f"{y % 100:02d}"]  # a digit lost
        else:
            return m[0]
        if len(fits) != 1:
            return m[0]
        changes.append((m[0], fits[0]))
        year = str(fits[0])
        return to_thai_digits(year) if m["head"][0] == "๒" else year

    return _YEAR_READ.sub(tie, text), changes


def be_years(text: str) -> tuple[int | None, int | None]:
    """First and last Buddhist-era year (25xx) named in a text.

    >>> be_years("ปีงบประมาณ พ.ศ. ๒๕๖๖ – ๒๕๗๐")
    (2566, 2570)
    >>> be_years("ทุกปี")
    (None, None)

    A range whose first year is no year (OCR's "๒๕๒๒๐ – ๒๕๗๐") has no first year, rather than the
    last one for both:

    >>> be_years("ปีงบประมาณ พ.ศ. ๒๕๒๒๐ – ๒๕๗๐"), be_years("พ.ศ. ๒๕๗๐")
    ((None, 2570), (2570, 2570))
    """
    arabic = to_arabic(text)
    years = [int(y) for y in _BE_YEAR.findall(arabic)]
    if not years:
        return None, None
    first = _GARBLED_YEAR.search(arabic)
    if first is not None and first.start() < _BE_YEAR.search(arabic).start():
        return None, years[-1]
    return years[0], years[-1]
