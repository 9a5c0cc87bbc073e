"""Cover and foreword: who the plan belongs to, its period, the project counts it announces."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

from pipeline.checks import check
from pipeline.layout import join_lines
from pipeline.numerals import be_years, thai_int
from pipeline.records import Check, DocumentInfo, Line

LAO_TYPES = ("เทศบาลนคร", "เทศบาลเมือง", "เทศบาลตำบล", "องค์การบริหารส่วนตำบล",
             "องค์การบริหารส่วนจังหวัด")
_LAO = regex.compile(rf"^({'|'.join(LAO_TYPES)})\s*(\S+)")
_DISTRICT = regex.compile(r"อำเภอ\s*((?:(?!จังหวัด)\S)+)")  # OCR may lose the space before จังหวัด
_PROVINCE = regex.compile(r"จังหวัด\s*(\S+)")
_PERIOD = regex.compile(r"พ\.\s*ศ\.\s*[0-9๐-๙]{4}\s*[-–—]\s*[0-9๐-๙]{4}")
_DIMENSION_COUNT = regex.compile(r"มิติที่\s*([0-9๐-๙]+).*?จำนวน\s*([0-9๐-๙]+)\s*โครงการ")
_TOTAL_COUNT = regex.compile(r"รวม(?:ทั้งสิ้น)?\s*(?:จำนวน)?\s*([0-9๐-๙]+)\s*โครงการ")


@dataclass(frozen=True, slots=True)
class Foreword:
    dimension_counts: dict[int, int]
    total: int | None
    page: int | None


PLAUSIBLE_YEARS = (2557, 2575)  # a plan year outside this is a misread, never a period
PLAN_SPANS = (3, 4)  # 2561–2564, 2566–2570: four or five fiscal years


def plausible_period(text: str) -> tuple[int, int] | None:
    """The plan period a "พ.ศ. ๒๕๖๖ – ๒๕๗๐" line names, when both years can be a plan's.

    >>> plausible_period("(พ.ศ. ๒๕๖๖ – ๒๕๗๐)"), plausible_period("(พ.ศ. ๒๕๐๑ - ๒๕๕๐)")
    ((2566, 2570), None)
    """
    if not (m := _PERIOD.search(text)):
        return None
    start, end = be_years(m[0])
    if start is None or end is None:
        return None
    lo, hi = PLAUSIBLE_YEARS
    if lo <= start <= hi and lo <= end <= hi and end - start in PLAN_SPANS:
        return start, end
    return None


_LABEL_AT_END = regex.compile(r"(?:อำเภอ|จังหวัด)\s*$")


def _page_values(lines: list[str]) -> dict[str, object]:
    """The identity values one page prints (first occurrence of each); a district or province whose
    label ends a line has its name at the start of the next ("… จังหวัด" / "นครราชสีมา ได้จัดทำ…").

    >>> _page_values(["ตำบลทดลอง อำเภอเมืองนครราชสีมา จังหวัด", "นครราชสีมา ได้จัดทำแผน"])["province"]
    'นครราชสีมา'
    """
    found: dict[str, object] = {}
    for k, text in enumerate(lines):
        if _LABEL_AT_END.search(text) and k + 1 < len(lines) and (after := lines[k + 1].split()):
            text = f"{text}{after[0]}"
        if "lao_name" not in found and (m := _LAO.match(text)):
            found["lao_type"], found["lao_name"] = m[1], m[1] + m[2]
        if "district" not in found and (m := _DISTRICT.search(text)):
            found["district"] = m[1]
        if "province" not in found and (m := _PROVINCE.search(text)):
            found["province"] = m[1]
        if "period" not in found and (period := plausible_period(text)):
            found["period"] = period
    return found


def extract_cover(front: tuple[Line, ...], ocr_pages: frozenset[int] = frozenset(),
                  elsewhere: tuple[Line, ...] = ()) -> tuple[DocumentInfo, list[Check]]:
    """LAO name and type, district, province, plan period from wherever the plan prints them.

    The cover is the front page that prints most of them (a signed announcement, often scanned,
    may come first; the cover may be page 2–4), text-layer pages before OCR'd ones. A value the
    cover lacks is taken from the other front pages, then from ``elsewhere`` (running headers,
    the appendix): the value most pages agree on, OCR'd pages only when nothing else has it.
    """
    if not front:
        return DocumentInfo(), [check("cover-incomplete", 1, "no cover page text found")]
    by_page: dict[int, list[str]] = {}
    for ln in front:
        by_page.setdefault(ln.page, []).append(ln.text.strip())
    values = {page: _page_values(lines) for page, lines in by_page.items()}
    cover_page = max(values, key=lambda p: (p not in ocr_pages, len(values[p]), -p))
    chosen = dict(values[cover_page])
    sources = {key: cover_page for key in chosen}
    later: dict[int, list[str]] = {}
    for ln in elsewhere:
        later.setdefault(ln.page, []).append(ln.text.strip())
    pools = [{p: v for p, v in values.items() if p not in ocr_pages},
             {p: _page_values(lines) for p, lines in later.items() if p not in ocr_pages},
             {p: v for p, v in values.items() if p in ocr_pages}]
    inferred = []
    for key in ("lao_name", "district", "province", "period"):
        for pool in pools:
            if key in chosen:
                break
            votes = Counter(v[key] for v in pool.values() if key in v)
            if votes:
                chosen[key] = votes.most_common(1)[0][0]
                sources[key] = min(p for p, v in pool.items() if v.get(key) == chosen[key])
                inferred.append(key)
                if key == "lao_name":
                    chosen["lao_type"] = next(t for t in LAO_TYPES if str(chosen[key]).startswith(t))
    start, end = chosen.get("period", (None, None))  # type: ignore[misc]
    info = DocumentInfo(str(chosen.get("lao_name", "")), str(chosen.get("lao_type", "")),
                        str(chosen.get("district", "")), str(chosen.get("province", "")), start, end,
                        sources={key: page for key, page in sorted(sources.items()) if key != "lao_type"})
    missing = [k for k, v in (("lao_name", info.lao_name), ("province", info.province),
                              ("plan period", info.plan_start_be)) if not v]
    checks = [check("cover-incomplete", cover_page, f"cover: no {', '.join(missing)} found")] if missing else []
    if inferred:
        checks.append(check("anchor-inferred", cover_page,
                            f"cover (page {cover_page}) lacks {', '.join(inferred)}: taken from the other pages "
                            "that print it"))
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
