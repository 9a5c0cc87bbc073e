"""Ruled tables: the text engine finds the grid (each page's ruling lines, pdfplumber's table
finder), our own words fill the cells.

pdfplumber's characters ignore /ActualText (Thai comes out in glyph order), so
only its geometry is used; each cell's text is assembled from poppler's words
(or OCR's) whose centre falls inside the cell, line by line, then repaired.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import regex

from pipeline.layout import PhraseSpaces, join_lines
from pipeline.numerals import to_arabic
from pipeline.records import BBox, Line, Page
from pipeline.text.backend import RawLine, lines_from_words, table_rows
from pipeline.text.thai import repair_text


@dataclass(frozen=True, slots=True)
class CellLine:
    text: str
    middle: float  # the line's vertical middle: a figure is level with a name where their middles meet
    # (tops differ on OCR'd pages, where a Thai line's box takes in its upper marks and a figure's does not)
    bbox: BBox | None = None  # the line's box, where the words gave one


@dataclass(frozen=True, slots=True)
class Cell:
    bbox: BBox
    lines: tuple[CellLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Row:
    page: int
    top: float
    cells: tuple[Cell | None, ...]  # None where a merged cell spans from above

    def text(self, column: int) -> str:
        cell = self.cells[column] if column < len(self.cells) else None
        return cell.text if cell else ""


def printed_after(spaces: PhraseSpaces | None, page: int, line: CellLine) -> bool:
    """Whether the PDF printed a space glyph after a cell's line (``layout.PrintedSpaces``; False
    where the file keeps none or the line has no box)."""
    if spaces is None or spaces.printed is None or line.bbox is None:
        return False
    return spaces.printed.after([Line(page, line.text, line.text, line.bbox)])[0]


def cell_text(row: Row, column: int, spaces: PhraseSpaces | None = None) -> str:
    """A cell's lines as one text, joined as a paragraph's are (``layout.join_lines``) with the
    spaces the PDF printed at their ends, where it keeps them. Not with the plan's phrasing: in
    Part 1's short cells it adds as many wrong spaces as right ones (the 29 corpus plans: "ตาม
    ระเบียบ" ×8, "อนุมัติ อนุญาต" against "เจ้าหน้าที่ ซึ่ง", "เงินเดือน และ" ×4)."""
    cell = row.cells[column] if column < len(row.cells) else None
    if not cell:
        return ""
    printed = [printed_after(spaces, row.page, line) for line in cell.lines]
    return join_lines([line.text for line in cell.lines], None, printed)


class PageWords:
    """A page's words, indexed by the height of their centre so that a cell finds its own quickly."""

    def __init__(self, words: Sequence[tuple[str, BBox]]) -> None:
        middles = [(b[1] + b[3]) / 2 for _, b in words]
        self._order = sorted((k for k, (w, _) in enumerate(words) if w.strip()), key=middles.__getitem__)
        self._middles = [middles[k] for k in self._order]
        self._words = words

    def inside(self, bbox: BBox) -> list[tuple[str, BBox]]:
        """The words whose centre lies in ``bbox``, in the text engine's own (content) order."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self._middles, top), bisect_right(self._middles, bottom)
        picked = sorted(k for k in self._order[lo:hi]
                        if x0 <= (self._words[k][1][0] + self._words[k][1][2]) / 2 <= x1)
        return [self._words[k] for k in picked]


def raw_lines(words: PageWords, bbox: BBox) -> list[RawLine]:
    """The words inside ``bbox`` as lines, top to bottom, not yet repaired (lines built as for the
    page: in the text engine's own order, which follows the /ActualText spans)."""
    return sorted(lines_from_words(words.inside(bbox)), key=lambda line: line.bbox[1])


def cell_lines(words: PageWords, bbox: BBox) -> tuple[CellLine, ...]:
    """The words inside ``bbox`` as repaired lines, top to bottom (``raw_lines``)."""
    return tuple(CellLine(repair_text(line.text), (line.bbox[1] + line.bbox[3]) / 2, line.bbox)
                 for line in raw_lines(words, bbox))


# a line that opens a row of its own in a table's first two columns: a dimension's or a mission's
# number ("๒. การบริหาร…", "๒.๒ มาตรการ…", "มิติที่ ๒") or a total's label; in the third, a total's label
_ROW_START = regex.compile(r"^(?:[0-9๐-๙]{1,2}\.(?:[0-9๐-๙]{1,2}\.?)*(?=\s|[\u0e01-\u0e4e]|$)|มิติที่\s*[0-9๐-๙]|รวม)")
_TOTAL_LABEL = regex.compile(r"^รวม")


def row_rules(table: Sequence[Sequence[BBox | None]], lines_of: Callable[[BBox], Sequence[CellLine]]) -> list[BBox]:
    """The rules between rows that a table ruled by its columns alone leaves out ("มิติ | ภารกิจ |
    โครงการ | ปี…", with no rule between its entries, Word's and the browsers' columns-only borders):
    one above each line that opens a row inside a cell of its first columns (``_ROW_START``), from
    that column to the table's right edge, so that a dimension's cell still spans its missions, as a
    merged cell does. None in a table whose every row is ruled: no cell there holds two such lines.
    ``lines_of`` gives a cell's lines (``cell_lines``; the caller keeps them for the rows).

    >>> words = PageWords([("๒.๑", (60, 100, 80, 110)), ("การเปิดเผย", (82, 100, 120, 110)),
    ...                    ("ข้อมูล", (60, 112, 90, 122)), ("๒.๒", (60, 124, 80, 134)), ("มาตรการ", (82, 124, 120, 134))])
    >>> row_rules([[(10, 95, 55, 140), (55, 95, 130, 140), (130, 95, 300, 140)]], lambda box: cell_lines(words, box))
    [(55, 123.0, 300, 123.0)]
    >>> total = PageWords([("รวม", (12, 100, 40, 110)), ("มิติที่", (12, 112, 40, 122)), ("๑", (12, 124, 20, 134))])
    >>> row_rules([[(10, 95, 55, 140), (55, 95, 130, 140), (130, 95, 300, 140)]], lambda box: cell_lines(total, box))
    []
    """
    rules: list[BBox] = []
    for cells in table:
        boxes = [c for c in cells if c is not None]
        if len(boxes) < 3:
            continue
        right = max(c[2] for c in boxes)
        for k, cell in enumerate(cells[:3]):
            if cell is None:
                continue
            pattern = _ROW_START if k < 2 else _TOTAL_LABEL
            lines = [ln for ln in lines_of(cell) if ln.bbox is not None]
            for j, line in enumerate(lines):
                top, bottom = line.bbox[1], line.bbox[3]  # type: ignore[index]
                # above it, the cell's line before, or blank space a line high (the row before held
                # the other columns' text: a dimension opens level with its first mission, lower down)
                above = lines[j - 1].bbox[3] if j else cell[1] + (bottom - top)  # type: ignore[index]
                if (j or top > above) and pattern.match(line.text.strip()):
                    y = top - 1.0 if top - 1.0 > above else (above + top) / 2  # just above it (boxes may overlap)
                    rules.append((cell[0], y, right, y))
    return rules


def ruled_rows(pages: Iterable[Page], min_columns: int, rows_unruled: bool = False) -> list[Row]:
    """Every row of every ruled table with at least ``min_columns`` columns on the given pages, from
    the ruling lines each page carries (the text engine reads them; no extractor opens the PDF);
    ``rows_unruled``: with the rules between rows a table ruled by its columns alone leaves out
    (``row_rules``)."""
    rows: list[Row] = []
    for page in pages:
        if page.rulings is None:
            continue
        words = PageWords(page.words)
        read: dict[BBox, tuple[CellLine, ...]] = {}

        def lines_of(box: BBox) -> tuple[CellLine, ...]:  # each cell read once, rules or not
            if box not in read:
                read[box] = cell_lines(words, box)
            return read[box]

        tables = table_rows(page.rulings)
        if rows_unruled and (extra := [r for t in tables if len(t[0]) >= min_columns for r in row_rules(t, lines_of)]):
            tables = table_rows((page.rulings[0], (*page.rulings[1], *extra)))
        for table in tables:
            for cells in table:
                if len(cells) < min_columns:
                    continue
                boxes = [c for c in cells if c is not None]
                rows.append(Row(page.number, boxes[0][1] if boxes else 0.0,
                                tuple(None if c is None else Cell(c, lines_of(c)) for c in cells)))
    return rows


_YEAR = regex.compile(r"25[0-9]{2}")
_WHOLE_YEAR = regex.compile(r"(?<![0-9])25[0-9]{2}(?![0-9])")
# "ปี๒๕๐", "ปีacon": a year heading whose digits OCR misread (no Thai letter after ปี: not ปีงบประมาณ)
_YEAR_HEADING = regex.compile(r"^ปี(?:\S{0,3}[0-9]\S{0,6}|[^\s\p{Thai}]{2,8})$")


def year_cell(flat: str) -> tuple[int, bool] | None:
    """A header cell's fiscal year as read (0 where OCR left none) and whether it read as exactly
    four digits; None for a cell that is no year heading.

    >>> year_cell("ปี๒๕๖๖"), year_cell("ปี๒๕๐๒๐"), year_cell("ปี๒๕๐"), year_cell("ปีacon")
    ((2566, True), (2502, False), (0, False), (0, False))
    >>> year_cell("โครงการ"), year_cell("ปีงบประมาณ")
    (None, None)
    """
    arabic = to_arabic(flat)
    m = _YEAR.search(arabic)
    if (m and len(flat) < 25) or _YEAR_HEADING.match(arabic):
        return (int(m[0]) if m else 0), _WHOLE_YEAR.search(arabic) is not None
    return None


PLAN_YEARS = range(2550, 2600)  # fiscal years a plan of these templates can have; ๒๕๐๕ is OCR's ๒๕๖๕


def years_by_position(read: list[tuple[int, int, bool]], previous: list[tuple[int, int]] | None,
                       period: tuple[int, int] | None = None) -> tuple[list[tuple[int, int]], bool]:
    """The year columns' fiscal years, which run one a column: ``read`` holds (column, year read,
    whether the cell held exactly four digits). Where OCR misread some (๒๕๖๗ as "๒๕๐๒๐"), the years
    are taken by position: from the plan ``period`` (first, last year) when there are as many year
    columns as years in it; else from the columns whose reading agrees with most others (two at
    least); else from the previous page's header with as many year columns. Returns the years and
    whether any differs from its reading.

    >>> years_by_position([(3, 2502, False), (4, 2567, True), (5, 2568, True), (6, 2501, True)], None)
    ([(3, 2566), (4, 2567), (5, 2568), (6, 2569)], True)
    >>> years_by_position([(3, 2520, True), (4, 2520, True), (5, 2505, True)], None, (2566, 2568))
    ([(3, 2566), (4, 2567), (5, 2568)], True)
    >>> years_by_position([(3, 2566, True), (4, 2567, True), (5, 2568, True)], None, (2561, 2564))
    ([(3, 2566), (4, 2567), (5, 2568)], False)
    """
    years = [(i, year) for i, year, _ in read]
    if (all(whole and year in PLAN_YEARS for _, year, whole in read)
            and [y for _, y in years] == list(range(years[0][1], years[0][1] + len(years)))):
        return years, False  # read as printed
    votes = Counter(year - rank for rank, (_, year, whole) in enumerate(read) if whole and year in PLAN_YEARS)
    if period and period[1] - period[0] + 1 == len(read):
        by_position = [(i, period[0] + rank) for rank, (i, _, _) in enumerate(read)]
    elif votes and (best := votes.most_common(1)[0])[1] >= 2:
        by_position = [(i, best[0] + rank) for rank, (i, _, _) in enumerate(read)]
    elif previous is not None and len(previous) == len(read):
        by_position = [(i, year) for (i, _, _), (_, year) in zip(read, previous)]
    else:
        return years, False
    return by_position, by_position != years
