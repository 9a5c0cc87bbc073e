"""Part 3 sheets laid out as a form: a two-column ruled table, each field's heading in the left cell
and its text in the right ("๒. หลักการและ" / "เหตุผล" beside the rationale's paragraph).

The text engine builds a page's lines across its whole width, so a heading that wraps inside its
narrow cell is cut in two and each half runs into the line of text beside it ("๒. หลักการและ
บุคลากรจำเป็นต้อง…", "เหตุผล ระเบียบ และ…"). Such a table is read cell by cell instead: each row
becomes its heading as one line, then the text cell's lines, which the fields' extractor reads as it
reads any sheet. Only text-layer pages, and only tables whose left cells are the template's field
headings: Part 1's and Part 2's tables, and any other two-column table, are left as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.layout import join_lines
from pipeline.records import BBox, Line, Page
from pipeline.text.backend import lines_from_words, table_rows
from pipeline.text.thai import repair

from .tables import PageWords
from .template import Template

GUTTER_MIN_PT = 60.0  # a form's text column starts at least this far right of the page's left margin
ALIGN_PT = 1.0


def candidate_pages(pages: Iterable[Page]) -> set[int]:
    """Pages with text side by side at one x far right of the margin, twice or more: words that start
    there inside lines, or lines that start there level with a line to their left. The text column of
    a two-column table (a cheap test; the ruling lines then decide).

    >>> from pipeline.records import Line, Page
    >>> def page(rows):
    ...     lines = tuple(Line(1, " ".join(w for w, _ in ws), "", (ws[0][1], top, ws[-1][1] + 40, top + 10))
    ...                   for top, ws in rows)
    ...     words = tuple((w, (x, top, x + 40, top + 10)) for top, ws in rows for w, x in ws)
    ...     return Page(1, 595.0, 842.0, lines, words=words)
    >>> form = [(0, [("๒.", 69.3), ("หลักการและ", 90.0), ("บุคลากร", 211.0)]), (20, [("เหตุผล", 69.3), ("ระเบียบ", 211.0)]),
    ...         (40, [("องค์การ", 211.0)]), (60, [("โครงการ", 211.0)])]
    >>> apart = [(100, [("๗.", 69.3), ("ระยะเวลา", 90.0)]), (100, [("ปีงบประมาณ", 211.0)]),
    ...          (120, [("๘.", 69.3), ("งบประมาณ", 90.0)]), (120, [("๕๐,๐๐๐", 211.0)])]
    >>> candidate_pages([page(form)]), candidate_pages([page(form[2:] + apart)]), candidate_pages([page(form[2:])])
    ({1}, {1}, set())
    """
    out: set[int] = set()
    for page in pages:
        if page.source == "ocr" or not page.lines or not page.words:
            continue
        margin = min(line.bbox[0] for line in page.lines)
        starts = [line for line in page.lines if line.bbox[0] >= margin + GUTTER_MIN_PT]
        columns = Counter(round(line.bbox[0]) for line in starts)
        for x in [x for x, n in columns.items() if n >= 2]:
            inside = sum(1 for _, box in page.words if abs(box[0] - x) <= ALIGN_PT) - columns[x]
            level = sum(1 for line in starts if abs(line.bbox[0] - x) <= ALIGN_PT and any(
                other.bbox[2] < x and abs(other.bbox[1] - line.bbox[1]) <= ALIGN_PT * 2 for other in page.lines))
            if inside + level >= 2:
                out.add(page.number)
                break
    return out


def _cell_lines(page: Page, words: PageWords, bbox: BBox) -> list[Line]:
    """A cell's words as the page's lines are made (built in the text engine's order, repaired)."""
    lines = []
    for raw in sorted(lines_from_words(words.inside(bbox)), key=lambda line: line.bbox[1]):
        fixed = repair(raw.text)
        lines.append(Line(page.number, fixed.text, raw.text, raw.bbox, fixed.total))
    return lines


def _union(lines: Sequence[Line]) -> BBox:
    return (min(ln.bbox[0] for ln in lines), min(ln.bbox[1] for ln in lines),
            max(ln.bbox[2] for ln in lines), max(ln.bbox[3] for ln in lines))


_FormRow = tuple[Line | None, list[Line]]  # the heading cell's lines as one line, the text cell's lines


def _forms(page: Page, template: Template) -> list[tuple[BBox, list[_FormRow], bool]]:
    """Each two-column table on the page, top to bottom: its box, its rows, and whether at least half
    of its heading cells are the template's field headings (a form's own table, not a continued one)."""
    if page.rulings is None:
        return []
    words = PageWords(page.words)
    out = []
    for table in table_rows(page.rulings):
        if not table or any(len(cells) != 2 or None in cells for cells in table):
            continue
        rows: list[_FormRow] = []
        for cells in table:
            left, right = (_cell_lines(page, words, cell) for cell in cells)  # type: ignore[arg-type]
            heading = (Line(page.number, join_lines([ln.text for ln in left]), join_lines([ln.raw for ln in left]),
                            _union(left), sum(ln.repairs for ln in left)) if left else None)
            rows.append((heading, right))
        heads = [h.text for h, _ in rows if h is not None]
        headed = bool(heads) and 2 * sum(template.any_heading(h) is not None for h in heads) >= len(heads)
        out.append((_union([Line(page.number, "", "", c) for cells in table for c in cells]), rows, headed))  # type: ignore[misc]
    return sorted(out, key=lambda form: form[0][1])


def _join_cut_headings(rows: list[list[_FormRow]], template: Template) -> None:
    """A heading cell cut by a page break ("๒. หลักการและ" | "เหตุผล" on the next page's first row):
    the second part joins the heading before it where together they are a heading and it alone is not."""
    previous: list[_FormRow] | None = None
    for form in rows:
        if previous is not None and form and form[0][0] is not None:
            (head, _), (tail, right) = previous[-1], form[0]
            if head is not None and tail is not None and template.any_heading(tail.text) is None:
                joined = join_lines([head.text, tail.text])
                if template.any_heading(joined) is not None:
                    previous[-1] = (Line(head.page, joined, join_lines([head.raw, tail.raw]), head.bbox,
                                         head.repairs + tail.repairs), previous[-1][1])
                    form[0] = (None, right)
        previous = form or previous


@dataclass(frozen=True, slots=True)
class Unfolded:
    lines: list[Line]  # the lines given, each form table's in its place read row by row
    edges: dict[int, float]  # the right edge of each form page's text cells (where their paragraphs wrap)
    pages: list[int]  # the pages with a form table
    in_forms: frozenset[Line]  # the lines read from the forms' cells
    headings: frozenset[Line]  # those of their heading cells (a heading by its place, whatever its words)


def unfold(lines: Sequence[Line], pages: Iterable[Page], template: Template) -> Unfolded:
    """``lines`` with every form table of the given pages (their ruling lines read) read row by row
    in place of the page lines it holds."""
    forms: dict[int, list[tuple[BBox, list[_FormRow]]]] = {}
    for page in sorted(pages, key=lambda p: p.number):
        # a form's own tables, and the first table of a page after a form's: the form's rows the page
        # break carried over ("วัด/ผลลัพธ์" | its items, from "๑๐. ตัวชี้" on the page before)
        kept = [(box, rows) for k, (box, rows, headed) in enumerate(_forms(page, template))
                if headed or (k == 0 and page.number - 1 in forms)]
        if kept:
            forms[page.number] = kept
    if not forms:
        return Unfolded(list(lines), {}, [], frozenset(), frozenset())
    _join_cut_headings([rows for number in sorted(forms) for _, rows in forms[number]], template)
    out: list[Line] = []
    read: list[Line] = []
    placed: set[tuple[int, int]] = set()
    for line in lines:
        middle = (line.bbox[1] + line.bbox[3]) / 2
        hit = next(((line.page, k) for k, (box, _) in enumerate(forms.get(line.page, ()))
                    if box[1] <= middle <= box[3] and line.bbox[0] < box[2] and line.bbox[2] > box[0]), None)
        if hit is None:
            out.append(line)
        elif hit not in placed:
            placed.add(hit)
            form = [ln for heading, right in forms[hit[0]][hit[1]][1]
                    for ln in ([heading] if heading is not None else []) + right]
            out.extend(form)
            read.extend(form)
    edges = {}
    for number, found in forms.items():
        column = min(box[0] for box, _ in found) + GUTTER_MIN_PT  # the text cells start right of this
        ends = [ln.bbox[2] for _, rows in found for _, right in rows for ln in right if ln.bbox[0] > column]
        if ends:
            edges[number] = max(ends)
    headings = frozenset(h for found in forms.values() for _, rows in found for h, _ in rows if h is not None)
    return Unfolded(out, edges, sorted(forms), frozenset(read), headings)
