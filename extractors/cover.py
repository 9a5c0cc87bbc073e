"""Cover and foreword: who the plan belongs to, its period, the project counts it announces."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.checks import check
from pipeline.layout import join_lines
from pipeline.numerals import be_years, thai_int
from pipeline.records import Check, DocumentInfo, Line

LAO_TYPES = ("เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล",
             "องค์การบริหารส่วนจังหวัด")
_LAO = regex.compile(rf"^({'|'.join(LAO_TYPES)})\s*(\S+)")
_DISTRICT = regex.compile(r"อำเภอ\s*(\S+)")
_PROVINCE = regex.compile(r"จังหวัด\s*(\S+)")
_PERIOD = regex.compile(r"พ\.\s*ศ\.\s*[0-9๐-๙]{4}\s*[-–—]\s*[0-9๐-๙]{4}")
_DIMENSION_COUNT = regex.compile(r"มิติที่\s*([0-9๐-๙]+).*?จำนวน\s*([0-9๐-๙]+)\s*โครงการ")
_TOTAL_COUNT = regex.compile(r"รวม(?:ทั้งสิ้น)?\s*(?:จำนวน)?\s*([0-9๐-๙]+)\s*โครงการ")


@dataclass(frozen=True, slots=True)
class Foreword:
    dimension_counts: dict[int, int]
    total: int | None
    page: int | None


def extract_cover(front: tuple[Line, ...]) -> tuple[DocumentInfo, list[Check]]:
    """LAO name and type, district, province, plan period from the cover (the first page with text)."""
    if not front:
        return DocumentInfo(), [check("cover-incomplete", 1, "no cover page text found")]
    first_page = front[0].page
    cover = [ln.text.strip() for ln in front if ln.page == first_page]
    lao_type = lao_name = district = province = ""
    start = end = None
    for text in cover:
        if not lao_name and (m := _LAO.match(text)):
            lao_type, lao_name = m[1], m[1] + m[2]
        if not district and (m := _DISTRICT.search(text)):
            district = m[1]
        if not province and (m := _PROVINCE.search(text)):
            province = m[1]
        if start is None and (m := _PERIOD.search(text)):
            start, end = be_years(m[0])
    info = DocumentInfo(lao_name, lao_type, district, province, start, end)
    missing = [k for k, v in (("lao_name", lao_name), ("province", province), ("plan period", start))
               if not v]
    checks = [check("cover-incomplete", first_page, f"cover: no {', '.join(missing)} found")] if missing else []
    return info, checks


def extract_foreword(front: tuple[Line, ...]) -> Foreword:
    """The project counts per dimension that the foreword (คำนำ) announces."""
    start = next((i for i, ln in enumerate(front) if ln.text.strip() == "คำนำ"), None)
    if start is None:
        return Foreword({}, None, None)
    end = next((i for i in range(start + 1, len(front)) if front[i].text.strip() == "สารบัญ"), len(front))
    body = front[start:end]
    text = join_lines([ln.text for ln in body])
    counts: dict[int, int] = {}
    for chunk in regex.split(r"(?=มิติที่)", text):
        if m := _DIMENSION_COUNT.match(chunk):
            dim, count = thai_int(m[1]), thai_int(m[2])
            if dim is not None and count is not None:
                counts.setdefault(dim, count)
    totals = [thai_int(m) for m in _TOTAL_COUNT.findall(text)]
    return Foreword(counts, totals[0] if totals else None, body[0].page)
