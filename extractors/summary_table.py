"""Part 2: the ruled table of every project by dimension and mission, one budget column per year.

Rows continue across pages under a repeated header; one cell often holds
several projects with their figures stacked in the year cells, or level with
each project's first line. Projects are found by geometry and any list marker
("๑)", "(๑)", "๑.๑.๑ (๑)", "๑.๑.๑.๑", a bullet) or, in a table that numbers
nothing, by a line opening with a kind word (โครงการ/กิจกรรม/มาตรการ) or level
with a figure. Each entry gets its place in the table (``seq`` 1, 2, …);
``link_to_part3`` then renumbers the entries by aligning their names with Part 3.

A figure goes to a project only with evidence: it sits on the line where the
project starts, or the cell holds exactly one figure per project in order.
Otherwise it is kept with no project (``seq`` empty) and a check says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from pipeline.checks import check
from pipeline.layout import PhraseSpaces, join_lines
from pipeline.numerals import thai_int, to_arabic
from pipeline.records import BBox, BudgetRow, BudgetTotal, Check, Page, enclosing

from .tables import (Cell, CellLine, PageWords, Row, cell_lines, printed_after, ruled_rows, year_cell,
                     years_by_position)
from .template import Template

ALIGN_PT = 4.0  # a figure within this many points of a project's first line is on that line
SKIPPED_ENTRIES = 3  # on an OCR'd page, an entry number may follow the last read after this many lost
_YEAR = regex.compile(r"(25[0-9]{2})")
_FIGURE = regex.compile(r"^[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?$|^[-–]$")
_ENTRY = regex.compile(r"""^\s*(?:
    (?P<dotted>[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,3}){2,})\.?(?:\s*\((?P<sub>[0-9๐-๙]{1,3})\))?(?![0-9๐-๙.])
  | \((?P<paren>[0-9๐-๙]{1,3})\)
  | (?P<close>[0-9๐-๙]{1,3})\)
  | (?P<stop>[0-9๐-๙]{1,3})\.(?![0-9๐-๙])
  | (?P<bullet>[-–•●○▪■◆❖➢►✓*])(?=\s)
)\s*""", regex.X)


@dataclass(slots=True)
class _Project:
    seq: int
    name: str
    page: int
    top: float  # the middle of its first line (CellLine.middle)


@dataclass(slots=True)
class _Group:
    dimension: int | None
    mission: str
    projects: list[_Project] = field(default_factory=list)
    figures: dict[int, list[tuple[int, int, float]]] = field(default_factory=dict)  # year → (value, page, line middle)


@dataclass(frozen=True, slots=True)
class SummaryTable:
    budgets: tuple[BudgetRow, ...]
    totals: tuple[BudgetTotal, ...]
    projects: dict[int, tuple[int | None, str]]  # seq → (dimension, name) as Part 2 lists them
    checks: tuple[Check, ...]
    # cells whose figures could not be tied to single projects: (page, projects, year → figures)
    unassigned: tuple[tuple[int, tuple[int, ...], dict[int, list[int]]], ...] = ()
    pages: dict[int, int] = field(default_factory=dict)  # seq → the page Part 2 lists it on

_MISREAD_MARKER = regex.compile(r"^\s*[^\s\p{Thai}]{1,2}\)\s*")  # "&)", ">)": no Thai letter, a closing bracket
# on OCR'd pages, with figures level with it: "๓ต)" for ๗, "อ )"; not on a text layer, where "ก)" is a sub-item
_OCR_MISREAD_MARKER = regex.compile(r"^\s*[^\s()]{1,3} ?\)\s*")


_ZERO_LED_GROUPS = regex.compile(r"^[0๐]+,")


def figure_value(text: str) -> int | None:
    """A budget cell figure: "๑,๐๐๐,๐๐๐" → 1000000, "๐" and "-" → 0; None for a grouped number
    that opens with a zero, which no plan prints (OCR lost its first digit: "0,000" for ๕๐,๐๐๐).

    >>> figure_value("๑,๐๐๐,๐๐๐"), figure_value("๐"), figure_value("-"), figure_value("0,000")
    (1000000, 0, 0, None)
    """
    text = text.strip()
    if text in ("-", "–"):
        return 0
    if _ZERO_LED_GROUPS.match(text):
        return None
    return thai_int(text)


@dataclass(slots=True)
class _Columns:
    roles: dict[str, int]  # dimension, mission, project, note → column index
    years: list[tuple[int, int]]  # (column index, fiscal year)
    bands: dict[int, tuple[float, float]]  # column index → its x-range, from the header
    inferred: bool = False  # some years follow from the column's position, not from its reading


def _with_blank_year_cells(header: Row, read: list[tuple[int, int, bool]], wanted: int) -> list[tuple[int, int, bool]]:
    """The year cells with the header cells between them whatever OCR made of those ("Veda" for
    ปี๒๕๖๒: a table does not put another column among its years), and the blank header cells right
    beside their run (OCR read nothing in one) while the run is shorter than the plan's ``wanted`` years.

    >>> from extractors.tables import Cell, CellLine
    >>> cell = lambda t: Cell((0, 0, 1, 1), (CellLine(t, 0),) if t else ())
    >>> row = Row(1, 0, tuple(cell(t) for t in ("มิติ", "", "ปี๒๕๖๗", "ปี๒๕๖๘", "หมายเหตุ")))
    >>> _with_blank_year_cells(row, [(2, 2567, True), (3, 2568, True)], 3)
    [(1, 0, False), (2, 2567, True), (3, 2568, True)]
    >>> row = Row(1, 0, tuple(cell(t) for t in ("มิติ", "ปี๒๕๒๐๑", "Veda", "ปี๒๕๖๓", "หมายเหตุ")))
    >>> _with_blank_year_cells(row, [(1, 2520, False), (3, 2563, True)], 3)
    [(1, 2520, False), (2, 0, False), (3, 2563, True)]
    """
    between: list[tuple[int, int, bool]] = []
    for found in read:
        if between and found[0] > between[-1][0] + 1:
            between.extend((k, 0, False) for k in range(between[-1][0] + 1, found[0]))
        between.append(found)
    read = between
    blank = [i for i, c in enumerate(header.cells) if c is None or not c.text.strip()]
    while len(read) < wanted:
        if read[-1][0] + 1 in blank:
            read.append((read[-1][0] + 1, 0, False))
        elif read[0][0] - 1 in blank:
            read.insert(0, (read[0][0] - 1, 0, False))
        else:
            break
    return read


def _columns(header: Row, template: Template, previous: _Columns | None = None,
             period: tuple[int, int] | None = None) -> _Columns | None:
    """The header row's column roles, or None when ``header`` is no header (three year cells at least)."""
    words = template.part2
    roles: dict[str, int] = {}
    read: list[tuple[int, int, bool]] = []
    for i, cell in enumerate(header.cells):
        text = cell.text if cell else ""
        flat = "".join(text.split())  # a narrow year column wraps its header: "ปี ๒๕๖" / "๖"
        if (year := year_cell(flat)) is not None:
            read.append((i, *year))
        elif words["header_mission"].search(text):
            roles.setdefault("mission", i)
        elif words["header_project"].search(text):
            roles.setdefault("project", i)
        elif words["header_note"].search(text):
            roles.setdefault("note", i)
        elif words["header_dimension"].search(text):
            roles.setdefault("dimension", i)
    if len(read) < 3 or not roles:
        return None
    read = _with_blank_year_cells(header, read, (period[1] - period[0] + 1) if period else 0)
    years, inferred = years_by_position(read, previous.years if previous else None, period)
    bands = {i: (c.bbox[0], c.bbox[2]) for i, c in enumerate(header.cells) if c is not None}
    return _Columns(roles, years, bands, inferred)


_GROUPED = regex.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*$")
_GROUPED_PREFIX = regex.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*(?:,[0-9๐-๙]{0,2})?$")


MAX_FIGURE_DIGITS = 9  # no LAO project's yearly budget reaches a billion baht
# a wrapped piece no figure can be alone: a whole group and the comma after it, or groups led by a zero
_LOST_COMMA = regex.compile(r"^(?:[0-9๐-๙]{3},$|[0๐][0-9๐-๙]{2}(?:,[0-9๐-๙]{3})*$)")


def _joins(prev: str, token: str, ocr: bool = False) -> bool:
    """Whether ``token`` finishes a number that wrapped inside a narrow cell ("๑" / ",๐๐๐,๐" / "๐๐"):
    the joined form must be well grouped, and one side cannot stand alone (a comma at the cut, a
    part that is no number, or a piece opening with a zero, which no printed figure does).

    >>> _joins("๑", ",๐๐๐,๐"), _joins("๑,๐๐๐,๐", "๐๐"), _joins("๒๐,๐๐๐", "๕๐,๐๐๐"), _joins("๑,๗๕", "๐,๐๐๐")
    (True, True, False, True)
    >>> _joins("๑๒", "๐,๐๐๐"), _joins("๐", "๐"), _joins("๑๐,๐๐๐", "๐")
    (True, False, False)
    >>> _joins("๑", "๐๐๐,"), _joins("๑", "๐๐๐,", ocr=True), _joins("๑", "๕๐๐,๐๐๐", ocr=True)
    (False, True, False)
    >>> _joins("๑,๐๐๐,๐๐๐", "๐๐๐,", ocr=True)  # a second figure that lost its first digit: no budget of 10¹²
    False
    """
    joined = _joined_pieces(prev, token, ocr)
    if ocr and sum(ch.isdigit() for ch in joined) > MAX_FIGURE_DIGITS:
        return False
    if not _GROUPED_PREFIX.match(joined) or "," not in joined:
        return False
    opens_with_zero = len(token) > 1 and token[0] in "0๐"
    return prev.endswith(",") or token.startswith(",") or not _GROUPED.match(prev) or opens_with_zero


def _joined_pieces(prev: str, token: str, ocr: bool) -> str:
    """Two pieces of a wrapped figure as one; on an OCR'd page with the comma OCR lost at the cut."""
    return _with_lost_comma(prev, token) if ocr else prev + token


def _with_lost_comma(prev: str, token: str) -> str:
    """``prev`` and ``token`` joined, with the comma OCR lost at the cut where it must have been: a
    piece no figure can be alone ("๐๐๐,", "๐๐๐,๐๐๐") after a number that ends a group ("๑" /
    "๐๐๐," / "๐๐๐").

    >>> _with_lost_comma("๑", "๐๐๐,"), _with_lost_comma("๑,", "๐๐๐"), _with_lost_comma("๑๐", "๐")
    ('๑,๐๐๐,', '๑,๐๐๐', '๑๐๐')
    >>> _with_lost_comma("๑", "๐๐๐,๐๐๐"), _with_lost_comma("๑", "๕๐๐,๐๐๐")
    ('๑,๐๐๐,๐๐๐', '๑๕๐๐,๐๐๐')
    """
    if _LOST_COMMA.match(token) and _GROUPED.match(prev):
        return f"{prev},{token}"
    return prev + token


# what OCR reads around a narrow cell's figure pieces: specks ("+ ๐๐๐ ,", ",@ ๑๔๐"), a comma set apart
_FIGURE_SPECKS = regex.compile(r"[+@*#'\"`~^|°•·]")
_SPACED_COMMA = regex.compile(r"(?<=[0-9๐-๙]|^)\s*,\s*(?=[0-9๐-๙]|$)")
_STOP_FOR_COMMA = regex.compile(r"(?<=^|[0-9๐-๙])\.(?=[0-9๐-๙]{3}(?![0-9๐-๙]))")  # ".๐๐๐": a group, not satang


def _ocr_figure_line(text: str) -> str:
    """A year cell's line as OCR read it, its figure pieces cleaned of specks and stray spaces.

    >>> [_ocr_figure_line(t) for t in ("+ ๐๐๐ ,", " ,@ ๑๔๐ ,", ",000,", "๒๐,๐๐๐", ".๐๐๐", "๕๐๐.๐๐")]
    ['๐๐๐,', ',๑๔๐,', ',000,', '๒๐,๐๐๐', ',๐๐๐', '๕๐๐.๐๐']
    """
    return _STOP_FOR_COMMA.sub(",", _SPACED_COMMA.sub(",", _FIGURE_SPECKS.sub("", text))).strip()


def _figures(lines: tuple[CellLine, ...], ocr: bool = False) -> list[tuple[int, float]]:
    """The figures of a year cell with their lines' middles; a number that wrapped inside a narrow cell
    is joined again where only the joined form is a well-grouped number (on an OCR'd page, after its
    pieces are cleaned of specks, with a comma OCR lost at the cut given back)."""
    tokens: list[tuple[str, float]] = []
    for line in lines:
        for token in (_ocr_figure_line(line.text) if ocr else line.text).split():
            if not (_FIGURE.match(token) or _GROUPED_PREFIX.match(token.lstrip(","))):
                continue
            if tokens and _joins(tokens[-1][0], token, ocr):
                tokens[-1] = (_joined_pieces(tokens[-1][0], token, ocr), tokens[-1][1])
                continue
            tokens.append((token, line.middle))
    return [(v, top) for token, top in tokens if _GROUPED.match(token) or _FIGURE.match(token)
            if (v := figure_value(token)) is not None]


_FRAGMENT = regex.compile(r"^[0-9๐-๙,]+$")


_YEAR_HEAD = regex.compile(r"^(?:งบประมาณ)?(?:ปี|พ\.?ศ\.?)*(25[0-9]{2})$")  # "ปี๒๕๖๖", "พ.ศ.๒๕๖๖", "๒๕๖๖" (spaces removed)


def _is_header_like(row: Row) -> bool:
    """A (repeated) header row: a cell with "(บาท)", or year cells ("ปี ๒๕๖๖", "พ.ศ. ๒๕๖๖", two years alone).

    >>> [_is_header_like(Row(1, 0.0, tuple(Cell((0, 0, 1, 1), (CellLine(t, 0.0),)) for t in ts)))
    ...  for ts in (["มิติ", "พ.ศ. ๒๕๖๖", "พ.ศ. ๒๕๖๗"], ["๒๕๖๖", "๒๕๖๗"], ["รวม", "๒๕,๖๖๐"], ["ปี ๒๕๖๖"])]
    [True, True, False, True]
    """
    texts = ["".join(c.text.split()) if c else "" for c in row.cells]
    years = [t for t in texts if _YEAR_HEAD.match(to_arabic(t))]
    return any("(บาท)" in t for t in texts) or any(not t[:1].isdigit() for t in years) or len(years) >= 2


def _number_continued(tail: str, lines: tuple[CellLine, ...]) -> tuple[str, int] | None:
    """The number a cell's last line starts and the next page's first lines finish ("๑" / "๐,๐๐" /
    "๐" → "๑๐,๐๐๐"), with how many of those lines it took; None when they finish none."""
    number = tail
    for used, line in enumerate(lines, start=1):
        piece = line.text.strip()
        if not (_FRAGMENT.match(number) and _FRAGMENT.match(piece) and _joins(number, piece)):
            return None
        number += piece
        if _GROUPED.match(number):
            return number, used
    return None


def _open_number(lines: tuple[CellLine, ...]) -> int:
    """Where the number a cell's last lines print starts: the last line of the trailing run of
    figure pieces that opens with a digit and from which the pieces join into the start of a grouped
    number ("๑" / ",๐๐๐,๐๐" of a wrapped ๑,๐๐๐,๐๐๐ cut by a page break); the last line otherwise.

    >>> _open_number(tuple(CellLine(t, 0.0) for t in ("๒๐,๐๐๐", "๑", ",๐๐๐,๐๐"))), _open_number((CellLine("๑", 0.0),))
    (1, 0)
    """
    for k in range(len(lines) - 1, -1, -1):
        piece = lines[k].text.strip()
        if not _FRAGMENT.match(piece):
            break
        if not piece.startswith(",") and _GROUPED_PREFIX.match("".join(ln.text.strip() for ln in lines[k:])):
            return k
    return len(lines) - 1


def _join_split_numbers(rows: list[Row]) -> list[Row]:
    """A row broken at a page break may carry the rest of a number ("00") into the first row of
    the next page (below the repeated header); give those digits back to the number they finish."""
    out: list[Row] = []
    last_data: int | None = None  # index in ``out`` of the last row that is not a header
    for row in rows:
        if _is_header_like(row):
            out.append(row)  # a (repeated) header row
            continue
        prev = out[last_data] if last_data is not None else None
        if prev is not None and row.page > prev.page and len(row.cells) == len(prev.cells):
            cells, rest = list(prev.cells), list(row.cells)
            moved = False
            for i, (old, new) in enumerate(zip(prev.cells, row.cells)):
                if old is None or new is None or not old.lines or not new.lines:
                    continue
                start = _open_number(old.lines)
                tail = "".join(ln.text.strip() for ln in old.lines[start:])
                if (taken := _number_continued(tail, new.lines)) is not None:
                    number, used = taken
                    cells[i] = Cell(old.bbox, old.lines[:start] + (CellLine(number, old.lines[start].middle),))
                    rest[i] = Cell(new.bbox, new.lines[used:])
                    moved = True
            if moved:
                out[last_data] = Row(prev.page, prev.top, tuple(cells))
                row = Row(row.page, row.top, tuple(rest))
                if not any(c.text.strip() for c in row.cells if c):
                    continue
        out.append(row)
        last_data = len(out) - 1
    return out


def _row_box(row: Row) -> BBox | None:
    boxes = [c.bbox for c in row.cells if c is not None]
    if not boxes:
        return None
    return enclosing(boxes)


class _Reader:
    """Reads the rows of Part 2 top to bottom; each kind of row has its own small method."""

    def __init__(self, pages: list[Page], template: Template, doc_id: str,
                 period: tuple[int, int] | None = None, spaces: PhraseSpaces | None = None) -> None:
        self.pages = {p.number: p for p in pages}
        self.spaces = spaces  # the plan's evidence for a space where a name wraps in its cell
        self.last_line: tuple[int, CellLine] | None = None  # the project column's last line read, and its page
        self.period = period
        self.words: dict[int, PageWords] = {}
        self.template = template
        self.words_of = template.part2
        self.doc_id = doc_id
        self.kind = regex.compile(rf"^\s*(?:{'|'.join(template.kinds)})")
        self.columns: _Columns | None = None
        self.dimension: int | None = None
        self.after_subtotal: int | None = None  # the dimension a subtotal closed, until the next is read
        self.mission = ""
        self.group: _Group | None = None
        self.group_page = 0  # the page of the last row read into ``group``
        self.next_seq = 1
        self.numbers: dict[str, int] = {}  # list scheme → its last number
        self.numbered = False  # the table numbers its entries (so a kind word alone starts none)
        self.skipped: list[tuple[int, int]] = []  # (last number, number read) where OCR lost entries between
        # the totals the row before printed, with its label (a page break may cut the row)
        self.last_total: tuple[list[int], str] = ([], "")
        self.budgets: list[tuple[_Project | None, BudgetRow]] = []  # named when the table is read
        self.totals: list[BudgetTotal] = []
        self.checks: list[Check] = []
        self.entries: list[tuple[_Project, int | None]] = []  # every entry with its dimension
        self.sums: dict[tuple[int | None, int], int] = {}
        self.unassigned: list[tuple[int, tuple[int, ...], dict[int, list[int]]]] = []

    # -- cells ------------------------------------------------------------------------------
    def _text(self, row: Row, role: str) -> str:
        """A role's cell text; where a merged cell left the row none, the words in the column's band."""
        assert self.columns is not None
        i = self.columns.roles.get(role)
        if i is None or i >= len(row.cells):
            return ""
        cell = row.cells[i]
        if cell is not None:
            return cell.text.strip()
        box, band = _row_box(row), self.columns.bands.get(i)
        if box is None or band is None or row.page not in self.pages:
            return ""
        words = self.words.setdefault(row.page, PageWords(self.pages[row.page].words))
        return "\n".join(line.text for line in cell_lines(words, (band[0], box[1], band[1], box[3]))).strip()

    # -- rows -------------------------------------------------------------------------------
    def feed(self, row: Row) -> None:
        if (columns := _columns(row, self.template, self.columns, self.period)) is not None:
            self.columns = columns
            if columns.inferred:
                self.checks.append(check("part2-year-inferred", row.page, (
                    f"page {row.page}: the Part 2 header's years read as "
                    f"{', '.join(' '.join(row.text(i).split()) or '(blank)' for i, _ in columns.years)}"
                    f"; taken as {', '.join(str(y) for _, y in columns.years)} from the columns' order")))
            return
        if self.columns is None:
            return
        texts = [c.text.strip() if c else "" for c in row.cells]
        joined = " ".join(texts)
        if self.words_of["header_unit"].search(joined.replace("\n", " ")) and not any(
                _FIGURE.match(t) for t in joined.split()):
            return  # the header's unit row
        labels = [self._text(row, r) for r in ("dimension", "mission", "project")]
        if any(self.words_of["total"].match(t) for t in labels):
            self._total(row, " ".join(labels))
            return
        self._data(row, labels)

    def _total(self, row: Row, label: str) -> None:
        """A subtotal, a dimension's total, a grand total or an item-count row."""
        assert self.columns is not None
        self._close()
        flat = "".join(label.split())
        words = self.words_of
        counts = [thai_int(m["n"]) or 0 for m in words["count"].finditer(label)]
        if m := words["dimension_total"].search(label):
            dimension: int | None = thai_int(m["no"])
        elif words["grand_total"].search(flat) or words["grand_total"].search(label):
            dimension = None
        else:
            dimension = self.dimension if self.dimension is not None else (
                self.after_subtotal + 1 if self.after_subtotal is not None else None)
        self.last_total = (list(range(len(self.totals), len(self.totals) + len(self.columns.years))), label)
        for col, year in self.columns.years:
            cell = row.cells[col] if col < len(row.cells) else None
            figs = _figures(cell.lines, self._ocr(row.page)) if cell else []
            self.totals.append(BudgetTotal(self.doc_id, dimension, year, figs[0][0] if figs else None, 0,
                                           sum(counts) if counts else None, row.page))
        if dimension is not None:
            self.after_subtotal = dimension
            self.dimension = None

    def _data(self, row: Row, labels: list[str]) -> None:
        assert self.columns is not None
        dim_text, mission_text, project_text = labels
        (last_total, label), self.last_total = self.last_total, ([], "")
        if last_total and self.words_of["count"].search(project_text) and not dim_text and not mission_text \
                and not _ENTRY.match(project_text):
            # the rest of a total row cut by the page break: its item counts read again, joined
            count = sum(thai_int(m["n"]) or 0 for m in self.words_of["count"].finditer(f"{label} {project_text}"))
            for k in last_total:
                self.totals[k] = replace(self.totals[k], printed_project_count=count)
            return
        # the first row of a page whose dimension and mission cells print no number: those cells' text
        # continued from the row the page break cut ("จิตสำนึก / และความ…"), not a new mission
        carried_on = self.group is not None and row.page > self.group_page
        if m := self.words_of["dimension_cell"].match(dim_text):
            self.dimension = thai_int(m["no"])
            self.after_subtotal = None
            carried_on = False
        if m := regex.match(r"^([0-9๐-๙]+\.[0-9๐-๙]+)", mission_text):
            self.mission = ".".join(str(thai_int(x)) for x in m[1].split("."))
            carried_on = False
        figures = {year: [(v, row.page, top) for v, top in _figures(row.cells[col].lines, self._ocr(row.page))]
                   for col, year in self.columns.years if col < len(row.cells) and row.cells[col]}
        starts = self._starts(row, figures)
        if starts and self.dimension is None and self.after_subtotal is not None:
            self.dimension = self.after_subtotal + 1  # no dimension cell read: the next one after a subtotal
            self.after_subtotal = None
            self.checks.append(check("anchor-inferred", row.page,
                                     f"Part 2: dimension {self.dimension} inferred from the subtotal before it "
                                     "(its dimension cell was not read)"))
        has_figures = any(figures.values())
        if self.group is not None and starts and not has_figures and (not mission_text or carried_on):
            self.group.projects.extend(starts)  # the rest of a row that LibreOffice/Word split at a page break
        elif starts or (mission_text and has_figures):
            self._close()
            self.group = _Group(self.dimension, self.mission, starts)
        elif self.group is None:
            self.group = _Group(self.dimension, self.mission)
        self.group_page = row.page
        for year, figs in figures.items():
            if figs:
                self.group.figures.setdefault(year, []).extend(figs)
        self.entries.extend((p, self.dimension) for p in starts)

    # -- entries ----------------------------------------------------------------------------
    def _entry(self, text: str, level: bool, ocr: bool = False) -> str | None:
        """The name an entry's first line gives, or None when the line continues an entry."""
        if (m := _ENTRY.match(text)) and self._plausible(m, ocr and bool(self.kind.match(text[m.end():]))):
            self.numbered = True
            return text[m.end():]
        if not self.numbered and (self.kind.match(text) or level):
            return text.strip()
        misread = _OCR_MISREAD_MARKER if ocr and level else _MISREAD_MARKER
        if self.numbered and (m := misread.match(text)) and self.kind.match(text[m.end():]):
            # "&) โครงการ…", "๓ต) กิจกรรม…": a list number OCR misread (๕ as &, ๗ as ๓ต), or one after
            # an entry OCR lost ("๘) มาตรการ…" after no ๗), followed by a kind word: the next entry
            if "close" in self.numbers:
                self.numbers["close"] += 1
            return text[m.end():]
        return None

    def _plausible(self, m: regex.Match[str], may_skip: bool = False) -> bool:
        """A numbered marker starts an entry when its number runs on in its scheme (or restarts at 1),
        so a wrapped "(ปณ ๑๐๐)" never starts project 100. ``may_skip`` (an OCR'd page, a kind word
        after the marker): it may run on past up to SKIPPED_ENTRIES numbers OCR lost with their lines
        (a row read short, a marker misread), so the entries after a lost one are not lost with it;
        ``skipped`` keeps it for a check."""
        if m["dotted"]:
            if m["sub"]:
                self.numbers["paren"] = thai_int(m["sub"]) or 0
            return True
        if m["bullet"]:
            return True
        scheme = next(s for s in ("paren", "close", "stop") if m[s])
        n = thai_int(m[scheme]) or 0
        last = self.numbers.get(scheme)
        if n == 1 or n == self.next_seq or (last is not None and n == last + 1):
            self.numbers[scheme] = n
            return True
        if may_skip and last is not None and last + 1 < n <= last + 1 + SKIPPED_ENTRIES:
            self.skipped.append((last, n))
            self.numbers[scheme] = n
            return True
        return False

    def _starts(self, row: Row, figures: dict[int, list[tuple[int, int, float]]]) -> list[_Project]:
        assert self.columns is not None
        i = self.columns.roles.get("project")
        cell = row.cells[i] if i is not None and i < len(row.cells) else None
        starts: list[_Project] = []
        if not cell:
            return starts
        tops = [top for figs in figures.values() for _, _, top in figs]
        ocr = self._ocr(row.page)
        # the line before each: a name's cell continues the previous row's last project (a page break)
        before, self.last_line = self.last_line, (row.page, cell.lines[-1]) if cell.lines else self.last_line
        level = [any(abs(line.middle - t) <= ALIGN_PT for t in tops) for line in cell.lines]
        kinds = [flag for line, flag in zip(cell.lines, level) if self.kind.match(line.text)]
        if kinds and (not all(kinds) or all(len(figs) == len(kinds) for figs in figures.values() if figs)):
            # the entries a kind word opens: either one has no figure level with it (the figures are stacked at
            # the cell's top, level with whatever lines sit there) or they are as many as each year's figures
            # (a figure pushed down a line by a wrapped one above it is level with a name's second line)
            level = [False] * len(level)
        for line, flag in zip(cell.lines, level):
            if (name := self._entry(line.text, flag, ocr)) is not None:
                while self.skipped:
                    last, n = self.skipped.pop()
                    self.checks.append(check("anchor-inferred", row.page, (
                        f"Part 2: entry {n} follows entry {last} as OCR read the page (the entries between "
                        "were not read); it and the entries after it are taken as entries still")))
                starts.append(_Project(self.next_seq, name, row.page, line.middle))
                self.next_seq += 1
            elif starts:
                starts[-1].name = self._joined(starts[-1].name, before, line)
            elif self.group and self.group.projects:  # continuation of the previous row's last project
                self.group.projects[-1].name = self._joined(self.group.projects[-1].name, before, line)
            before = (row.page, line)
        return starts

    def _joined(self, name: str, before: tuple[int, CellLine] | None, line: CellLine) -> str:
        """A name and its cell's next line, with the space the PDF printed after the line before
        (``layout.PrintedSpaces``) or, where it keeps none, the plan's phrasing."""
        printed = [printed_after(self.spaces, *before), False] if before is not None else None
        return join_lines([name, line.text], self.spaces, printed)

    # -- groups -----------------------------------------------------------------------------
    def _close(self) -> None:
        g, self.group = self.group, None
        if g is None:
            return
        unassigned: dict[int, list[int]] = {}
        implied: dict[int, list[int]] = {}
        for year, figs in sorted(g.figures.items()):
            assigned = _assign(g, figs)
            if (zeros := _all_zero(g, figs, assigned)) is not None:
                figs, assigned = zeros
                implied[year] = [p.seq for p in assigned if p is not None]
            for (value, page, _top), project in zip(figs, assigned):
                self.budgets.append((project, BudgetRow(self.doc_id, project.seq if project else None,
                                                        g.dimension, g.mission, "", year, value, page)))
                self.sums[(g.dimension, year)] = self.sums.get((g.dimension, year), 0) + value
            if any(p is None for p in assigned):
                unassigned[year] = [v for v, _, _ in figs]
        if implied:
            page = next(iter(g.figures.values()))[0][1]
            seqs = sorted({seq for seqs in implied.values() for seq in seqs})
            self.checks.append(check("budget-implied", page,
                                     f"Part 2, mission {g.mission or '?'}: the figures no line ties to projects "
                                     f"{', '.join(map(str, seqs))} add up to 0 in {', '.join(map(str, implied))}; "
                                     "no budget is negative, so each of them is 0"))
        if unassigned:
            page = next(iter(g.figures.values()))[0][1]
            self.unassigned.append((page, tuple(p.seq for p in g.projects), unassigned))
            shown = "; ".join(f"{y}: {', '.join(f'{v:,}' for v in vs)}" for y, vs in unassigned.items())
            whom = (f"projects {', '.join(str(p.seq) for p in g.projects)}" if g.projects
                    else "no project (a mission row with figures)")
            self.checks.append(check("budget-figure-unassigned", page,
                                     f"Part 2, mission {g.mission or '?'}: figures for {whom} that no line or "
                                     f"count ties to one project ({shown}); kept with seq empty"))

    def _implied_by_subtotals(self) -> None:
        """On OCR'd pages, a project's yearly cell left unread, the only one of its dimension that year,
        is what the dimension's printed subtotal leaves over the other rows (never below 0; only for
        a project with figures read in other years, where no figure of that year is untied), with an
        info check. A text layer's blank cell is blank: nothing is implied there."""
        read = {(id(p), b.fiscal_year_be) for p, b in self.budgets if p is not None}
        untied = {(b.dimension_no, b.fiscal_year_be) for p, b in self.budgets if p is None}
        rows_of = {id(p): b for p, b in self.budgets if p is not None}
        done: set[tuple[int, int]] = set()
        for t in self.totals:
            key = (t.dimension_no, t.fiscal_year_be)
            if t.dimension_no is None or t.printed_baht is None or key in done or key in untied:
                continue
            done.add(key)
            missing = [p for p, d in self.entries if d == t.dimension_no and (id(p), t.fiscal_year_be) not in read]
            if len(missing) != 1 or id(missing[0]) not in rows_of:
                continue
            (project,), other = missing, rows_of[id(missing[0])]
            value = t.printed_baht - self.sums.get(key, 0)
            if value < 0 or not all(self._ocr(page) for page in (t.page, project.page)):
                continue
            self.budgets.append((project, replace(other, fiscal_year_be=t.fiscal_year_be, budget_baht=value)))
            self.sums[key] = self.sums.get(key, 0) + value
            self.checks.append(check("budget-implied-by-total", project.page, (
                f"Part 2 entry {project.seq}, {t.fiscal_year_be}: its cell was not read; the dimension "
                f"{t.dimension_no} subtotal {t.printed_baht:,} baht less the other rows gives {value:,}")))

    def _ocr(self, page: int) -> bool:
        return page in self.pages and self.pages[page].source == "ocr"

    def result(self) -> SummaryTable:
        self._close()
        self._implied_by_subtotals()
        filled = []
        for t in self.totals:  # what the rows add up to, beside each printed total
            if t.dimension_no is None:
                rows_sum = sum(v for (d, y), v in self.sums.items() if y == t.fiscal_year_be)
            else:
                rows_sum = self.sums.get((t.dimension_no, t.fiscal_year_be), 0)
            filled.append(replace(t, rows_sum_baht=rows_sum))
        listed = {p.seq: (dimension, p.name) for p, dimension in self.entries}
        pages = {p.seq: p.page for p, _ in self.entries}
        budgets = tuple(replace(b, name=p.name.strip()) if p else b for p, b in self.budgets)
        return SummaryTable(budgets, tuple(filled), listed, tuple(self.checks),
                            tuple(self.unassigned), pages)


def extract_summary(pages: list[Page], template: Template, doc_id: str,
                    period: tuple[int, int] | None = None, spaces: PhraseSpaces | None = None) -> SummaryTable:
    """Part 2's table; ``period`` (the plan's first and last fiscal year, from its cover) places
    the year columns where OCR misread their headings; ``spaces`` joins a name its cell wraps."""
    reader = _Reader(pages, template, doc_id, period, spaces)
    for row in _join_split_numbers(ruled_rows(pages, template.fiscal_years + 3, rows_unruled=True)):
        reader.feed(row)
    return reader.result()


def _all_zero(group: _Group, figs: list[tuple[int, int, float]], assigned: list[_Project | None]
              ) -> tuple[list[tuple[int, int, float]], list[_Project | None]] | None:
    """Where the figures no line ties to a project add up to 0 (one "๐" printed for two projects),
    each project left without a figure has 0, since no budget is negative: the group's figures with
    those untied zeros replaced by one 0 per such project. None when that does not follow."""
    untied = [f for f, p in zip(figs, assigned) if p is None]
    if not untied or any(v != 0 for v, _, _ in untied):
        return None
    tied = {id(p) for p in assigned if p is not None}
    left = [p for p in group.projects if id(p) not in tied]
    if not left:
        return None
    page, top = untied[0][1], untied[0][2]
    kept = [(f, p) for f, p in zip(figs, assigned) if p is not None]
    return ([f for f, _ in kept] + [(0, page, top)] * len(left), [p for _, p in kept] + list(left))


def _assign(group: _Group, figs: list[tuple[int, int, float]]) -> list[_Project | None]:
    """Each figure's project, or None where the document does not say."""
    out: list[_Project | None] = []
    for _value, page, top in figs:
        on_line = [p for p in group.projects if p.page == page and abs(p.top - top) <= ALIGN_PT]
        out.append(on_line[0] if len(on_line) == 1 else None)
    if all(p is not None for p in out) and len({id(p) for p in out}) == len(out):
        return out
    if len(figs) == len(group.projects) and group.projects:
        return list(group.projects)  # one figure per project, stacked in the same order
    return out
