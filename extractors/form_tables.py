"""Part 3 sheets laid out as a form: a two-column ruled table, each field's heading in the left cell
and its text in the right ("๒. หลักการและ" / "เหตุผล" beside the rationale's paragraph).

The text engine builds a page's lines across its whole width, so a heading that wraps inside its
narrow cell is cut in two and each half runs into the line of text beside it ("๒. หลักการและ
บุคลากรจำเป็นต้อง…", "เหตุผล ระเบียบ และ…"). Such a table is read cell by cell instead: each row
becomes its heading as one line, then the text cell's lines, which the fields' extractor reads as it
reads any sheet. OCR has the opposite fault: it reads each column apart, all the headings before
all the text, so its lines are put back in their cells. Only tables whose left cells are the
template's field headings: Part 1's and Part 2's tables, and any other two-column table, are left
as they are.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.layout import join_lines
from pipeline.records import BBox, Line, Page
from pipeline.text.backend import table_rows
from pipeline.text.thai import repair

from .tables import PageWords, raw_lines
from .template import Template

GUTTER_MIN_PT = 60.0  # a form's text column starts at least this far right of the page's left margin
ALIGN_PT = 1.0
INSIDE_PT = 3.0  # a line this far past a cell's side is still inside it


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
        if not page.lines or not page.words:
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
    """The words inside ``bbox`` as the page's lines are made (built in the text engine's order, repaired)."""
    lines = []
    for raw in raw_lines(words, bbox):
        fixed = repair(raw.text)
        lines.append(Line(page.number, fixed.text, raw.text, raw.bbox, fixed.total))
    return lines


def _cells_text(page: Page, page_lines: Sequence[Line], cells: Sequence[BBox], words: PageWords,
                ocr: bool = False) -> list[list[Line]]:
    """Each cell's lines, top to bottom: the page's own lines that lie inside it (OCR reads a column
    apart, as browsers print it), and of a line that runs across cells (a text layer builds its lines
    across the whole width) the part inside it, made again from the words there. On an OCR'd page,
    also the words no line of the page holds (its lines may lose one at the page's top)."""
    out: list[list[Line]] = [[] for _ in cells]
    if ocr:
        for k, box in enumerate(cells):
            out[k].extend(ln for ln in _cell_lines(page, words, box) if not any(
                _overlap(ln.bbox, other.bbox) for other in page.lines))  # (its furniture among them)
    for line in page_lines:
        middle = (line.bbox[1] + line.bbox[3]) / 2
        hit = [k for k, c in enumerate(cells) if c[1] <= middle <= c[3] and line.bbox[0] < c[2] and line.bbox[2] > c[0]]
        if len(hit) == 1 and cells[hit[0]][0] - INSIDE_PT <= line.bbox[0] and line.bbox[2] <= cells[hit[0]][2] + INSIDE_PT:
            out[hit[0]].append(line)
            continue
        for k in hit:
            out[k].extend(_cell_lines(page, words, (cells[k][0], line.bbox[1], cells[k][2], line.bbox[3])))
    return [sorted(lines, key=lambda ln: ln.bbox[1]) for lines in out]


def _overlap(a: BBox, b: BBox) -> bool:
    """Whether two boxes share more than half of the lower one's height and some width."""
    height = min(a[3], b[3]) - max(a[1], b[1])
    return height > 0.5 * min(a[3] - a[1], b[3] - b[1]) and min(a[2], b[2]) > max(a[0], b[0])


def _union(boxes: Sequence[BBox]) -> BBox:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


_FormRow = tuple[Line | None, list[Line]]  # the heading cell's lines as one line, the text cell's lines


def _forms(page: Page, page_lines: Sequence[Line], template: Template) -> list[tuple[BBox, list[_FormRow], bool]]:
    """Each two-column table on the page, top to bottom: its box, its rows, and whether at least half
    of its heading cells are the template's field headings (a form's own table, not a continued one)."""
    if page.rulings is None:
        return []
    words = PageWords(page.words)
    ocr = page.source == "ocr"
    out = []
    for table in table_rows(page.rulings):
        if not table or any(len(cells) != 2 or None in cells for cells in table):
            continue
        boxes: list[BBox] = [c for cells in table for c in cells]  # type: ignore[misc]
        texts = _cells_text(page, page_lines, boxes, words, ocr)
        rows: list[_FormRow] = []
        for left, right in zip(texts[::2], texts[1::2]):
            heading = (Line(page.number, join_lines([ln.text for ln in left]), join_lines([ln.raw for ln in left]),
                            _union([ln.bbox for ln in left]), sum(ln.repairs for ln in left)) if left else None)
            rows.append((heading, right))
        heads = [h.text for h, _ in rows if h is not None]
        headed = bool(heads) and 2 * sum(template.any_heading(h, ocr) is not None for h in heads) >= len(heads)
        out.append((_union(boxes), rows, headed))
    return sorted(out, key=lambda form: form[0][1])


def _join_cut_headings(rows: list[list[_FormRow]], template: Template, ocr_pages: frozenset[int]) -> None:
    """A heading cell cut by a page break ("๒. หลักการและ" | "เหตุผล" on the next page's first row):
    the second part joins the heading before it where together they are a heading and it alone is not."""
    previous: list[_FormRow] | None = None
    for form in rows:
        if previous is not None and form and form[0][0] is not None:
            (head, _), (tail, right) = previous[-1], form[0]
            ocr = tail is not None and tail.page in ocr_pages
            if head is not None and tail is not None and template.any_heading(tail.text, ocr) is None:
                joined = join_lines([head.text, tail.text])
                if template.any_heading(joined, ocr) is not None:
                    previous[-1] = (Line(head.page, joined, join_lines([head.raw, tail.raw]), head.bbox,
                                         head.repairs + tail.repairs), previous[-1][1])
                    form[0] = (None, right)
        previous = form or previous


@dataclass(frozen=True, slots=True)
class Unfolded:
    lines: list[Line]  # the lines given, each form table's in its place read row by row
    edges: dict[int, float] = field(default_factory=dict)  # each form page's text cells' right edge (where they wrap)
    pages: list[int] = field(default_factory=list)  # the pages with a form table
    in_forms: frozenset[Line] = frozenset()  # the lines read from the forms' cells
    headings: frozenset[Line] = frozenset()  # those of their heading cells (a heading by its place, whatever its words)

    @property
    def cells(self) -> tuple[frozenset[Line], frozenset[Line]]:
        """The heading cells' lines and the text cells' (``project_fields.extract_project``)."""
        return self.headings, self.in_forms - self.headings


def unfold(lines: Sequence[Line], pages: Iterable[Page], template: Template) -> Unfolded:
    """``lines`` with every form table of the given pages (their ruling lines read) read row by row
    in place of the page lines it holds."""
    forms: dict[int, list[tuple[BBox, list[_FormRow]]]] = {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    pages = sorted(pages, key=lambda p: p.number)
    for page in pages:
        # a form's own tables, and the first table of a page after a form's: the form's rows the page
        # break carried over ("วัด/ผลลัพธ์" | its items, from "๑๐. ตัวชี้" on the page before)
        kept = [(box, rows) for k, (box, rows, headed) in enumerate(_forms(page, by_page.get(page.number, []), template))
                if headed or (k == 0 and page.number - 1 in forms)]
        if kept:
            forms[page.number] = kept
    if not forms:
        return Unfolded(list(lines))
    _join_cut_headings([rows for number in sorted(forms) for _, rows in forms[number]], template,
                       frozenset(p.number for p in pages if p.source == "ocr"))
    out: list[Line] = []
    read: list[Line] = []
    for number, page_lines in by_page.items():
        if number not in forms:
            out.extend(page_lines)
            continue
        # the page top to bottom: the lines outside its forms, and each form read row by row where
        # it stands (OCR lists a column's lines before a line beside the table, "ลำดับที่ ๓")
        blocks: list[tuple[float, list[Line]]] = []
        for line in page_lines:
            middle = (line.bbox[1] + line.bbox[3]) / 2
            if not any(box[1] <= middle <= box[3] and line.bbox[0] < box[2] and line.bbox[2] > box[0]
                       for box, _ in forms[number]):
                blocks.append((line.bbox[1], [line]))
        for box, rows in forms[number]:
            form = [ln for heading, right in rows for ln in ([heading] if heading is not None else []) + right]
            blocks.append((box[1], form))
            read.extend(form)
        out.extend(ln for _, block in sorted(blocks, key=lambda b: b[0]) for ln in block)
    edges = {}
    for number, found in forms.items():
        column = min(box[0] for box, _ in found) + GUTTER_MIN_PT  # the text cells start right of this
        ends = [ln.bbox[2] for _, rows in found for _, right in rows for ln in right if ln.bbox[0] > column]
        if ends:
            edges[number] = max(ends)
    headings = frozenset(h for found in forms.values() for _, rows in found for h, _ in rows if h is not None)
    return Unfolded(out, edges, sorted(forms), frozenset(read), headings)
