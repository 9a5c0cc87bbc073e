"""Part 1: the risk-assessment table, the targets table, the plan's objectives and goals."""

from __future__ import annotations


import regex

from pipeline.layout import PhraseSpaces, join_lines, join_printed, paragraphs
from pipeline.numerals import thai_int, to_arabic
from pipeline.records import Line, Page, Risk, Target
from pipeline.text.thai import without_marks

from .tables import Row, cell_text, ruled_rows, year_cell, years_by_position
from .template import Template

_ITEM = regex.compile(r"(?:^|\s)(?=(?:\(?[0-9๐-๙]{1,2}\)|[0-9๐-๙]{1,2}\.)\s)")
_MARKER = regex.compile(r"^\s*(?:\(?[0-9๐-๙]{1,2}\)|[0-9๐-๙]{1,2}\.)\s*")
_VALUE = regex.compile(r"(?P<pre>[^\d]*?)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<post>.*)")


def split_items(text: str) -> list[str]:
    """A table cell's "๑. … ๒. …" items, one per element, markers removed.

    >>> split_items("๑. ผู้บริหาร ดำเนินการ ๒. บุคลากร")
    ['ผู้บริหาร ดำเนินการ', 'บุคลากร']
    """
    parts = [p.strip() for p in _ITEM.split(text) if p.strip()]
    return [_MARKER.sub("", p).strip() for p in parts] or ([text.strip()] if text.strip() else [])


def part1_rows(pages: list[Page]) -> list[Row]:
    """Every ruled table row of Part 1, read once for both tables."""
    return ruled_rows(pages, 3)


def extract_risks(rows: list[Row], doc_id: str, spaces: PhraseSpaces | None = None) -> list[Risk]:
    """The risk-assessment table: ลำดับที่ · ขั้นตอน · ประเด็นความเสี่ยง · Risk Score · มาตรการควบคุม
    (``spaces``: the spaces the PDF printed where a cell wraps)."""
    risks: list[Risk] = []
    header = False
    for row in rows:
        if len(row.cells) != 5:
            continue
        texts = [cell_text(row, i, spaces) for i in range(5)]
        if "ความเสยง" in without_marks(texts[2]) and ("Risk" in texts[3] or "ระดบ" in without_marks(texts[3])):
            header = True
            continue
        if not header:
            continue
        no = thai_int(texts[0]) if texts[0] else None
        if no is None and risks and not texts[0]:  # the rest of a row split at a page break
            last = risks[-1]
            risks[-1] = Risk(last.doc_id, last.no, join_lines([last.process, texts[1]]),
                             _join_items(last.risks, texts[2]), join_lines([last.level, texts[3]]),
                             _join_items(last.controls, texts[4]), last.page)
            continue
        risks.append(Risk(doc_id, no, texts[1], "\n".join(split_items(texts[2])), texts[3],
                          "\n".join(split_items(texts[4])), row.page))
    return risks


def _join_items(done: str, more: str) -> str:
    """Items of a cell continued on the next page: the first new piece may finish the last item."""
    if not more:
        return done
    items = done.split("\n") if done else []
    new = split_items(more)
    if items and not _MARKER.match(more):
        items[-1] = join_lines([items[-1], new.pop(0)])
    return "\n".join(items + new)


def extract_targets(rows: list[Row], doc_id: str, period: tuple[int, int] | None = None,
                    spaces: PhraseSpaces | None = None) -> list[Target]:
    """The targets table: one indicator per row, one value per fiscal year column (placed by
    position where OCR misread a year heading: ``tables.years_by_position``)."""
    targets: list[Target] = []
    years: list[tuple[int, int]] = []
    for row in rows:
        texts = [cell_text(row, i, spaces) for i in range(len(row.cells))]
        found = [(i, *year) for i, t in enumerate(texts) if i and (year := year_cell("".join(t.split())))]
        if len(found) >= 3 and any(word in texts[0] for word in ("เป้าหมาย", "ตัวชี้วัด")):
            years, _ = years_by_position(found, years or None, period)  # the header: a column per year
            continue
        if not years or len(texts) != len(years) + 1:
            continue
        for col, year in years:
            m = _VALUE.fullmatch(to_arabic(texts[col]).strip())
            value = float(m["num"]) if m else None
            unit = " ".join(x for x in ((m["pre"].strip(), m["post"].strip()) if m else ()) if x)
            targets.append(Target(doc_id, texts[0], year, value, unit, row.page))
    return targets


def section_items(lines: tuple[Line, ...], start: regex.Pattern[str], stop: regex.Pattern[str],
                  edges: dict[int, float], marker: regex.Pattern[str], spaces: PhraseSpaces | None = None) -> list[str]:
    """The list items printed under a Part 1 heading, up to the next heading."""
    body: list[Line] = []
    inside = False
    for line in lines:
        text = line.text.strip()
        if not inside:
            inside = bool(start.match(text))
            continue
        if stop.match(text):
            break
        body.append(line)
    items = []
    for group in paragraphs(body, edges, marker):
        text = join_printed(group, spaces)
        item = marker.sub("", text, count=1).strip()
        if item:
            items.append(item)
    return items


def objectives_and_goals(part1: tuple[Line, ...], edges: dict[int, float], template: Template,
                         spaces: PhraseSpaces | None = None) -> tuple[list[str], list[str]]:
    objectives = section_items(part1, regex.compile(r"^[0-9๐-๙]+\.\s*วัตถุประสงค์"),
                               regex.compile(r"^[0-9๐-๙]+\.\s*เป้าหมาย"), edges, template.list_marker, spaces)
    goals = section_items(part1, regex.compile(r"^[0-9๐-๙]+\.\s*เป้าหมาย"),
                          regex.compile(r"^(?:[0-9๐-๙]+\.\s*ประโยชน์|ค่าเป้าหมาย|ตัวชี้วัด)"), edges,
                          template.list_marker, spaces)
    return objectives, goals
