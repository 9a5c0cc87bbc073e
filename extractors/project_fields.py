"""Part 3: one project block → a Project record with every field.

Fields are found by their heading *name* (template synonyms); the printed
number is only checked for order, since plans misnumber them (Kalasin's
project 1 prints "๑๐. ผลผลิต, ผลลัพธ์" after "๘.").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from pipeline.checks import check
from pipeline.layout import SHORT_LINE_PT, PhraseSpaces, join_lines, join_printed, paragraphs
from pipeline.numerals import (THAI_DIGITS, be_years, is_placeholder, parse_baht, thai_int, to_arabic, to_thai_digits,
                               years_in_period)
from pipeline.records import BudgetRow, Check, Line, Project
from pipeline.segment import Heading, ProjectBlock
from pipeline.text.dictionary import without_trailing_junk
from pipeline.text.thai import MARKS

from .template import BARE_INDENT_PT, Template

TEXT_FIELDS = ("name", "rationale", "target_group", "area", "duration", "budget", "responsible", "note")
FormCells = tuple[frozenset[Line], frozenset[Line]]  # a form's heading cells' lines, its text cells'
EXPECTED_FIELDS = ("name", "rationale", "objectives", "target_group", "method", "duration", "budget",
                   "responsible")


# a line that is one letter or figure (its marks with it): no line of a paragraph is, where lines of
# words stand either side of it; OCR reads a dust speck between two lines so ("…เยาวชน" / "๔" / "เทศบาล…")
_ONE_CHARACTER = regex.compile(rf"[\u0e01-\u0e2eA-Za-z0-9๐-๙][{MARKS}]*")


def _speck_line(lines: list[Line], k: int, ocr_pages: frozenset[int]) -> bool:
    """Whether ``lines[k]``, an OCR'd line of one character between two lines with Thai letters, is a
    speck (a field's lines: its heading's first).

    >>> lines = [Line(1, t, t, (0.0, 0.0, 1.0, 1.0)) for t in ("ให้เด็กและเยาวชน", "๔", "เทศบาลเมือง", "๕")]
    >>> [_speck_line(lines, k, frozenset({1})) for k in range(4)], _speck_line(lines, 1, frozenset())
    ([False, True, False, False], False)
    """
    return (0 < k < len(lines) - 1 and lines[k].page in ocr_pages
            and _ONE_CHARACTER.fullmatch(lines[k].text.strip()) is not None
            and all(_THAI_LETTERS.search(lines[j].text) for j in (k - 1, k + 1)))


@dataclass(slots=True)
class _Field:
    name: str
    number: int | None  # None: unnumbered (a note) or, when ``numbered``, a number OCR could not read
    numbered: bool = True
    lines: list[Line] = field(default_factory=list)


def _split_fields(block: ProjectBlock, template: Template, ocr_pages: frozenset[int] = frozenset(),
                  edges: dict[int, float] | None = None, cells: FormCells = (frozenset(), frozenset())
                  ) -> tuple[list[_Field], list[Check]]:
    """A project's lines → its fields, each with its lines (``cells``: the lines of a form's heading
    cells, each a field's heading by its place, known or not, and of its text cells, none a heading
    however it reads: "เป้าหมาย" alone, a wrapped item's last word, as OCR's lost-number rule takes it)."""
    heading_cells, text_cells = cells
    fields: list[_Field] = []
    checks: list[Check] = []
    note_re = template.anchors["note"]
    before: list[Line] = []  # lines before the block's first field
    for k, line in enumerate(block.lines):
        text = line.text.strip()
        ocr = line.page in ocr_pages
        heading = None if line in text_cells else template.match_field(text, ocr=ocr, x=None if ocr else line.bbox[0])
        if heading is None and fields and (
                (line in heading_cells and not ocr) or _extra_heading(text, fields[-1])
                or (edges is not None and not ocr and _bare_extra_heading(block.lines, k, fields[-1], edges, template))):
            number = fields[-1].number
            fields.append(_Field("unrecognised", None if number is None else number + 1, numbered=number is not None))
            checks.append(check("field-unrecognised", line.page,
                                f"project {block.seq}: field “{text}” is none the template knows; left out"))
            continue
        if heading:
            if heading.misspelt:
                checks.append(check("heading-misprint", line.page,
                                    f"project {block.seq}: “{heading.misspelt}” read as the {heading.name} field"))
            fields.append(_Field(heading.name, heading.number))
            if heading.rest:
                fields[-1].lines.append(_with_text(line, heading.rest))
            continue
        if note_re.match(text) and fields and fields[-1].name in ("results", "outcomes", "note"):
            if fields[-1].name != "note":
                fields.append(_Field("note", None, numbered=False))
        if not fields:
            before.append(line)
            continue
        fields[-1].lines.append(line)
    if before:  # one check a project, not one a line (a sheet of other text can run for pages)
        more = f" and {len(before) - 1} more lines" if len(before) > 1 else ""
        checks.append(check("field-unrecognised", before[0].page, f"project {block.seq}: text before the first "
                            f"field, left out: {before[0].text.strip()[:60]}{more}"))
    return fields, checks


_NEXT_HEADING = regex.compile(r"^(?P<no>[0-9๐-๙]{1,2})\s*\.\s*(?P<head>[^\d๐-๙:]{4,30})$")
_PLAIN_ITEM = regex.compile(r"^[0-9๐-๙]{1,2}\s*\.\s")


def _extra_heading(text: str, current: _Field) -> bool:
    """A field the template does not have ("๑๐. การติดตามและประเมินผล"): a short numbered line whose
    number follows the current field's, where the current field numbers no items "๑. …" itself."""
    m = _NEXT_HEADING.match(text)
    if not m or current.number is None or thai_int(m["no"]) != current.number + 1:
        return False
    return not any(_PLAIN_ITEM.match(ln.text.strip()) for ln in current.lines)


_HEADING_WORDS = regex.compile(r"[\u0e01-\u0e4e]+(?:[ /][\u0e01-\u0e4e]+){0,3}")
HEADING_ALIGN_PT = 2.0


def _bare_extra_heading(lines: list[Line], k: int, current: _Field, edges: dict[int, float],
                        template: Template) -> bool:
    """In a plan whose headings are unnumbered, a field the template does not have ("การติดตามและ
    ประเมินผล"), told by its place on the page, since its words cannot tell it from body text: a short
    line of a few Thai words, starting where the plan's headings start (``Template.bare_x``), after a
    line that ended its paragraph, in a field whose text is indented right of the headings (as the
    line after it is). A wrapped paragraph's next line starts at the margin too, but after a line
    that ran to the edge.

    >>> from dataclasses import replace
    >>> from extractors.template import load
    >>> t = replace(load("nacc_2561_2564"), bare_headings=True, bare_x=57.0)
    >>> row = lambda x0, x1, text: Line(1, text, text, (x0, 0.0, x1, 10.0))
    >>> lines = [row(57, 150, "ผลลัพธ์"), row(85, 400, "(๑) ประชาชนมีความพึงพอใจ"),
    ...          row(57, 215, "การติดตามและประเมินผล"), row(85, 500, "ติดตามและรายงานผลทุกไตรมาส")]
    >>> field = _Field("outcomes", None, lines=lines[1:2])
    >>> _bare_extra_heading(lines, 2, field, {1: 538.0}, t), _bare_extra_heading(lines, 2, field, {1: 538.0}, load())
    (True, False)
    >>> _bare_extra_heading(lines[:3], 2, field, {1: 538.0}, t)  # nothing after it: no text to see
    False
    >>> lines[1] = row(85, 537, "(๑) ประชาชนมีความพึงพอใจ")  # ran to the edge: the line wraps on
    >>> _bare_extra_heading(lines, 2, field, {1: 538.0}, t)
    False
    """
    x = template.bare_x
    if x is None or k == 0 or k + 1 >= len(lines) or not current.lines:
        return False
    line, before, after = lines[k], lines[k - 1], lines[k + 1]
    text = line.text.strip()
    body = x + BARE_INDENT_PT

    def short(ln: Line) -> bool:
        return edges.get(ln.page, ln.bbox[2]) - ln.bbox[2] > SHORT_LINE_PT

    return (abs(line.bbox[0] - x) <= HEADING_ALIGN_PT
            and _HEADING_WORDS.fullmatch(text) is not None and len(text) <= 40
            and not template.list_marker.match(text)
            and short(line) and (before.page != line.page or short(before))
            and all(ln.bbox[0] >= body for ln in current.lines) and after.bbox[0] >= body)


def _with_text(line: Line, text: str) -> Line:
    return Line(line.page, text, line.raw, line.bbox, line.repairs)


def _paragraph_texts(lines: list[Line], edges: dict[int, float], template: Template,
                     spaces: PhraseSpaces | None = None, ocr: bool = False) -> list[str]:
    texts = [join_printed(group, spaces) for group in paragraphs(lines, edges, template.list_marker)]
    return [without_trailing_junk(t) for t in texts] if ocr else texts


PARAGRAPH_FIELDS = frozenset({"rationale"})  # one paragraph per line (the data dictionary says so)


def _field_text(name: str, texts: list[str], template: Template, spaces: PhraseSpaces | None = None) -> str:
    """A field's paragraphs as one value: the rationale keeps one paragraph per line; a target group
    that lists its groups ("๑) …", "- …") keeps one per line; every other field is a single line
    (a name, a duration, a unit: a line break in it would split a CSV row in a spreadsheet)."""
    if name in PARAGRAPH_FIELDS:
        return "\n".join(texts)
    if name == "target_group" and len(texts) > 1 and all(template.list_marker.match(t) for t in texts[1:]):
        return "\n".join(texts)
    return join_lines(texts, spaces)


# a list marker as OCR reads it off a scan: "3.2" as "32" or "3 1", "3.3" as Latin ("oe", "aH"), "๑)"
# as a symbol before its bracket ("@)", ">)", "é)"), or as stray marks alone (": เพื่อ…")
_OCR_MARKER = regex.compile(r"^\.?(?:[0-9๐-๙]{1,2}(?:\s?[.,]\s?[0-9๐-๙]{1,2}|\s[0-9๐-๙]{1,2}|[0-9๐-๙])?[.,)]?"
                            r"|[A-Za-z]{1,3}[.,]?|[^\s\u0e00-\u0e7f()]{1,2}\)|[:;,'\"|‘’“”]{1,2})\s+(?=[\u0e01-\u0e4e])")
# what OCR leaves of a marker at an item's start once the marker is taken off or where it ran into the
# words: a stray mark ("๓): เพื่อ…"), or its bracket read as a digit ("๔๓เพื่อ…" for ๔) เพื่อ…)
_OCR_AFTER_MARKER = regex.compile(r"^(?:[:;,.'\"|‘’“”]+\s*|[0-9๐-๙]{2}(?=[\u0e01-\u0e4e]))")
_OCR_JUNK_ITEM = regex.compile(r"[^\u0e01-\u0e4e]{1,2}")  # an item of a speck alone ("7", "-", ".")
_SUB_MARKER = regex.compile(r"^\.?(?P<head>[0-9๐-๙]{1,2})\s?[.,]?\s?(?P<sub>[0-9๐-๙])\s+(?=[\u0e01-\u0e4e])")
# a sub-number whose two parts something still separates ("10 1 การ…", ".10.1 ประชาชน…", "10,1 การ…" for
# ๑๐.๑): a marker even where it is the list's only one; not an amount ("35 คน", "๕๐,๐๐๐ บาท")
_SEPARATED_SUB = regex.compile(r"^\.?[0-9๐-๙]{1,2}(?:\s?[.,]\s?|\s)[0-9๐-๙]\s+(?=[\u0e01-\u0e4e])")


def _garbled_numbering(texts: list[str]) -> bool:
    """Whether items open with one section's sub-numbers as OCR reads them with their stops lost
    ("3 1 เพื่อ…", "32 เพื่อ…", "34 เพื่อ…" for ๓.๑, ๓.๒, ๓.๔): one head, two items with their
    sub-numbers rising, or three or more items (a sub-number misread may break the order).

    >>> _garbled_numbering(["3 1 เพื่อเปิด", "32 เพื่อให้", "ioe เพื่อเพิ่ม"]), _garbled_numbering(["300 คน", "50 คน"])
    (True, False)
    >>> _garbled_numbering(["34 เพื่อเปิด", "3 2 เพื่อป้องกัน", "35 เพื่อยกระดับ", "3 4 เพื่อเพิ่ม"])
    True
    """
    marks = [(m["head"], int(thai_int(m["sub"]) or 0)) for t in texts if (m := _SUB_MARKER.match(t))]
    if len(marks) < 2 or len({h for h, _ in marks}) != 1:
        return False
    return len(marks) >= 3 or marks[0][1] < marks[1][1]


def _items(lines: list[Line], edges: dict[int, float], template: Template,
           spaces: PhraseSpaces | None = None, ocr: bool = False) -> list[str]:
    """List-field paragraphs with their "๑)", "(๑)", "๒.๑)", "-" markers removed. Read by OCR, a list
    whose items are numbered loses the markers OCR garbled too ("32 เพื่อ…" for ๓.๒, "oe เพื่อ…"), and
    items that are a speck alone ("7", "-") beside real ones.

    >>> from pipeline.records import Line
    >>> lines = [Line(1, t, t, (0.0, 20.0 * k, 100.0, 20.0 * k + 14)) for k, t in enumerate(
    ...     ["3.1 เพื่อเปิดโอกาส", "7", "32 เพื่อเพิ่ม", "oe เพื่อให้", "@) เพื่อลด"])]
    >>> from extractors.template import load
    >>> _items(lines, {1: 500.0}, load("nacc_2561_2564"), ocr=True)  # each line ends short: its own paragraph
    ['เพื่อเปิดโอกาส', 'เพื่อเพิ่ม', 'เพื่อให้', 'เพื่อลด']
    >>> [_items([Line(1, t, t, (0.0, 0.0, 100.0, 14.0))], {1: 500.0}, load("nacc_2561_2564"), ocr=True)
    ...  for t in ("10 1 การดำเนินงาน", ".10.1 ประชาชน", "35 คน", "๕๐,๐๐๐ บาท")]
    [['การดำเนินงาน'], ['ประชาชน'], ['35 คน'], ['๕๐,๐๐๐ บาท']]
    >>> rows = [Line(1, t, t, (0.0, 20.0 * k, 100.0, 20.0 * k + 14)) for k, t in enumerate(
    ...     ["๑) เพื่อเปิด", ": เพื่อให้", "๓): เพื่อลด", "๔๓เพื่อเพิ่ม"])]
    >>> _items(rows, {1: 500.0}, load("nacc_2566_2570"), ocr=True)
    ['เพื่อเปิด', 'เพื่อให้', 'เพื่อลด', 'เพื่อเพิ่ม']
    """
    texts = _paragraph_texts(lines, edges, template, spaces, ocr)
    numbered = ocr and (any(template.list_marker.match(t) or _SEPARATED_SUB.match(t) for t in texts)
                        or _garbled_numbering(texts))
    items = []
    for text in texts:
        item = template.list_marker.sub("", text, count=1).strip()
        if numbered and item == text.strip():
            item = _OCR_MARKER.sub("", item, count=1)
        if numbered:
            item = _OCR_AFTER_MARKER.sub("", item, count=1)
        if item:
            items.append(item)
    if ocr and any(not _OCR_JUNK_ITEM.fullmatch(i) for i in items):
        items = [i for i in items if not _OCR_JUNK_ITEM.fullmatch(i)]
    return items


# a paragraph of one short word alone among a results field's items, as OCR reads a sub-block heading
# it garbled ("ผล", "ลลพ" for ผลลัพธ์; "nanan" for ผลผลิต): Thai letters only, or Latin ones
_GARBLED_SUB_HEADING = regex.compile(r"[\u0e01-\u0e4e]{2,7}|[A-Za-z]{3,7}")


def _results(lines: list[Line], edges: dict[int, float], template: Template,
             spaces: PhraseSpaces | None = None, ocr: bool = False) -> tuple[dict[str, list[str]], Line | None]:
    """Split a "ผลผลิต/ผลลัพธ์" field into its ผลผลิต and ผลลัพธ์ sub-blocks; with the line taken for
    the ผลลัพธ์ heading where OCR garbled it (``_lost_sub_heading``), else None."""
    blocks: dict[str, list[Line]] = {}
    current = None
    for line in lines:
        for name, pattern in (template.results_blocks_ocr if ocr else template.results_blocks).items():
            if pattern.match(line.text.strip()):
                current = name
                blocks.setdefault(name, [])
                break
        else:
            blocks.setdefault(current or "outputs", []).append(line)
    inferred = None
    if ocr and blocks.get("outputs"):
        blocks["outputs"], outcomes, inferred = _lost_sub_heading(blocks["outputs"], edges, template,
                                                                 split="outcomes" not in blocks)
        if inferred:
            blocks["outcomes"] = outcomes
    return {name: _items(block, edges, template, spaces, ocr) for name, block in blocks.items()}, inferred


def _lost_sub_heading(lines: list[Line], edges: dict[int, float], template: Template, split: bool = True
                      ) -> tuple[list[Line], list[Line], Line | None]:
    """The ผลผลิต items of an OCR'd results field, a first paragraph that is a short word alone
    dropped (the ผลผลิต heading garbled: "nanan"); where the ผลลัพธ์ heading was not read (``split``),
    split where one paragraph between items is such a word (that heading garbled: "ผล", "ลลพ").
    Where two paragraphs could be it, or none, nothing is split.

    >>> from extractors.template import load
    >>> rows = [Line(1, t, t, (0.0, 20.0 * k, 100.0, 20.0 * k + 14)) for k, t in enumerate(
    ...     ["nanan", "๑) มีการดำเนินกิจกรรม", "ผล", "๑) ประชาชนพึงพอใจ"])]
    >>> outputs, outcomes, heading = _lost_sub_heading(rows, {1: 500.0}, load())
    >>> [ln.text for ln in outputs], [ln.text for ln in outcomes], heading.text
    (['๑) มีการดำเนินกิจกรรม'], ['๑) ประชาชนพึงพอใจ'], 'ผล')
    """
    groups = paragraphs(lines, edges, template.list_marker)
    if len(groups) > 1 and len(groups[0]) == 1 and _GARBLED_SUB_HEADING.fullmatch(groups[0][0].text.strip()):
        groups = groups[1:]
    alone = [k for k, g in enumerate(groups) if 0 < k < len(groups) - 1 and len(g) == 1
             and _GARBLED_SUB_HEADING.fullmatch(g[0].text.strip())]
    kept = [ln for g in groups for ln in g]
    if not split or len(alone) != 1:
        return kept, [], None
    k = alone[0]
    return [ln for g in groups[:k] for ln in g], [ln for g in groups[k + 1:] for ln in g], groups[k][0]


def _has_sub_blocks(lines: list[Line], template: Template, ocr: bool = False) -> bool:
    """Whether a field holds "ผลผลิต" / "ผลลัพธ์" sub-blocks (the older generation's
    "ตัวชี้วัด/ผลลัพธ์" often does): they then split into outputs and outcomes."""
    blocks = template.results_blocks_ocr if ocr else template.results_blocks
    return any(p.match(ln.text.strip()) for ln in lines for p in blocks.values())


def _boxes(lines: list[Line]) -> tuple[tuple[int, tuple[float, float, float, float]], ...]:
    """Per page, the box around a field's lines (for the review report)."""
    by_page: dict[int, list[tuple[float, float, float, float]]] = {}
    for ln in lines:
        if ln.bbox[2] > ln.bbox[0]:
            by_page.setdefault(ln.page, []).append(ln.bbox)
    return tuple((page, (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs)))
                 for page, bs in sorted(by_page.items()))


def _kind(name: str, template: Template) -> str:
    for kind in template.kinds:
        if name.startswith(kind):
            return kind
    return ""


def _restore_openings(fields: list[_Field], values: dict[str, str], template: Template,
                      ocr_pages: frozenset[int], seq: int) -> list[Check]:
    """On OCR'd pages, the words a field's value opens with in the template, where OCR misread them
    ("ขีงบประมาณ" for ปีงบประมาณ); ``values`` is updated in place."""
    checks = []
    for f in fields:
        opening = template.ocr_openings.get(f.name)
        value = values.get(f.name, "")
        if opening and f.lines and f.lines[0].page in ocr_pages and not value.startswith(opening[0]):
            if m := opening[1].match(value):
                values[f.name] = opening[0] + value[m.end():]
                checks.append(check("ocr-opening-restored", f.lines[0].page,
                                    f"project {seq}: {f.name} “{m[0]}” read as “{opening[0]}”", field=f.name))
    return checks


def _shape_checks(block: ProjectBlock, fields: list[_Field], numbers: list[tuple[int | None, str, int]]
                  ) -> list[Check]:
    """Fields the template has that the sheet lacks; a field number out of sequence (once a sheet)."""
    checks = []
    seen = {name for f in fields for name in f.name.split("+")}
    for name in EXPECTED_FIELDS:
        if name not in seen:
            checks.append(check("field-missing", block.page, f"project {block.seq} has no {name} field",
                                field=name))
    if not {"results", "outputs", "outcomes"} & seen:
        checks.append(check("field-missing", block.page, f"project {block.seq} has no outputs/outcomes field",
                            field="outcomes"))
    for i, (number, name, page) in enumerate(numbers):
        if number is not None and number != i + 1:  # None: OCR left the number unreadable
            checks.append(check("field-number-out-of-order", page,
                                f"project {block.seq}: field {name} is numbered {number}, expected {i + 1}",
                                field=name))
            break  # one report per project; the rest shift with it
    return checks


_UNCLOSED = regex.compile(r"“[^”]*\p{Thai}$")  # a quote opened and never closed, Thai text to the end


def _closed_quote(name: str) -> str:
    """An OCR'd project name that opens a quote and never closes it, closed at its end: a name
    quotes its title to the end (มาตรการ “…ของเทศบาล…”), and OCR loses the thin closing quote at
    a line's end where it reads it everywhere else.

    >>> _closed_quote("กิจกรรม “การจัดทำข้อตกลงการปฏิบัติราชการ"), _closed_quote("โครงการ “ชุมชน” สุจริต")
    ('กิจกรรม “การจัดทำข้อตกลงการปฏิบัติราชการ”', 'โครงการ “ชุมชน” สุจริต')
    """
    return name + "”" if _UNCLOSED.search(name) else name


def _value_checks(block: ProjectBlock, values: dict[str, str], pages: dict[str, tuple[int, ...]],
                  budget: int | None) -> list[Check]:
    """Template instruction text left unfilled; a budget field with no amount to read."""
    checks = []
    for name in ("budget", "responsible", "target_group", "duration", "name"):
        if values.get(name) and is_placeholder(values[name]):
            checks.append(check("placeholder-unfilled", (pages.get(name) or (block.page,))[0],
                                f"project {block.seq}: {name} is the template's instruction "
                                f"“{values[name]}”", field=name))
    budget_text = values.get("budget", "")
    if budget is None and budget_text and not is_placeholder(budget_text):
        checks.append(check("budget-unparsed", (pages.get("budget") or (block.page,))[0],
                            f"project {block.seq}: no amount in “{budget_text}”", field="budget"))
    return checks


def extract_project(block: ProjectBlock, template: Template, doc_id: str, edges: dict[int, float],
                    ocr_pages: frozenset[int] = frozenset(), spaces: PhraseSpaces | None = None,
                    cells: FormCells = (frozenset(), frozenset())) -> tuple[Project, list[Check]]:
    """One Part 3 project's fields; ``edges`` and ``spaces`` (the text column's right edge per page,
    the document's phrasing) decide where its wrapped paragraphs end and how their lines join;
    ``cells`` are the heading and the text cells' lines of a plan whose sheets are forms (``form_tables``)."""
    fields, checks = _split_fields(block, template, ocr_pages, edges, cells)
    for f in fields:  # specks OCR read after a line's last word, or as a line of their own
        f.lines = [_with_text(ln, without_trailing_junk(ln.text, ends_paragraph=False)) if ln.page in ocr_pages
                   else ln for ln in f.lines]
        f.lines = [ln for k, ln in enumerate(f.lines) if not _speck_line(f.lines, k, ocr_pages)]
    values: dict[str, str] = {}
    pages: dict[str, tuple[int, ...]] = {}
    numbers: list[tuple[int | None, str, int]] = []
    boxes: dict[str, tuple[tuple[int, tuple[float, float, float, float]], ...]] = {}
    for f in fields:
        if f.numbered:
            numbers.append((f.number, f.name, f.lines[0].page if f.lines else block.page))
        pages[f.name] = tuple(sorted({ln.page for ln in f.lines}))
        ocr = bool(f.lines) and f.lines[0].page in ocr_pages
        boxes[f.name] = _boxes(f.lines)
        if f.name == "results" or (f.name == "outcomes" and _has_sub_blocks(f.lines, template, ocr)):
            block_pages = pages.pop(f.name)
            boxes["outputs"] = boxes["outcomes"] = boxes.pop(f.name)
            results, inferred = _results(f.lines, edges, template, spaces, ocr)
            for sub, items in results.items():
                values[sub] = "\n".join(items)
                pages[sub] = block_pages
            if inferred:
                checks.append(check("anchor-inferred", inferred.page, (
                    f"project {block.seq}: the ผลลัพธ์ heading was not read; taken to be the line "
                    f"“{inferred.text.strip()}” alone between the items"), field="outcomes"))
        elif f.name in template.list_fields:
            values[f.name] = "\n".join(_items(f.lines, edges, template, spaces, ocr))
        else:
            values[f.name] = _field_text(f.name, _paragraph_texts(f.lines, edges, template, spaces, ocr), template,
                                         spaces)

    for merged in [name for name in values if "+" in name]:  # "สถานที่/ระยะเวลาดำเนินการ" fills both
        for name in merged.split("+"):
            values.setdefault(name, values[merged])
            pages.setdefault(name, pages[merged])
    checks.extend(_restore_openings(fields, values, template, ocr_pages, block.seq))
    if values.get("name") and ocr_pages.intersection(pages.get("name", ())):
        values["name"] = _closed_quote(values["name"])
    checks.extend(_shape_checks(block, fields, numbers))
    budget_text = values.get("budget", "")
    budget = parse_baht(budget_text)
    checks.extend(_value_checks(block, values, pages, budget))
    name = values.get("name", "")
    kind = _kind(name, template)
    if name and not kind:
        checks.append(check("kind-unknown", block.page,
                            f"project {block.seq}: “{name}” names no kind", field="kind"))
    start, end = be_years(values.get("duration", ""))
    all_pages = [block.page] + [ln.page for f in fields for ln in f.lines]

    def h(heading: Heading | None) -> tuple[str, str]:
        return (heading.no, heading.name) if heading else ("", "")

    dimension = block.dimension
    project = Project(
        doc_id=doc_id,
        seq=block.seq,
        dimension_no=int(dimension.no) if dimension else None,
        dimension_name=dimension.name if dimension else "",
        mission_no=h(block.mission)[0],
        mission_name=h(block.mission)[1],
        submission_no=h(block.submission)[0],
        submission_name=h(block.submission)[1],
        kind=kind,
        name=name,
        rationale=values.get("rationale", ""),
        objectives=values.get("objectives", ""),
        target_group=values.get("target_group", ""),
        area=values.get("area", ""),
        method=values.get("method", ""),
        duration=values.get("duration", ""),
        period_start_be=start,
        period_end_be=end,
        budget_text=budget_text,
        budget_baht=budget,
        responsible=values.get("responsible", ""),
        outputs=values.get("outputs", ""),
        outcomes=values.get("outcomes", ""),
        note=values.get("note", ""),
        page_start=min(all_pages),
        page_end=max(all_pages),
        field_pages=pages,
        field_boxes=boxes,
    )
    return project, checks



WORDING_SEEN = 3  # a duration worded alike by this many projects at least is the plan's wording
_FIGURES = regex.compile(r"[0-9๐-๙]")
_NOT_LETTERS = regex.compile(r"[\s0-9๐-๙]")
_THAI_LETTERS = regex.compile(r"[\u0e01-\u0e4e]")


def durations_worded_as_the_plan(projects: list[Project], ocr_pages: frozenset[int]
                                 ) -> tuple[list[Project], list[Check]]:
    """On OCR'd pages, a duration that reads as the plan's most common duration but for a few of its
    letters (three edits at most, and a quarter of them), with the same figures, written as the plan
    words it, with an info check: Tesseract takes ปี opening a line for ขู่ or ขี่ ("ขู่งบประมาณ พ.ศ.
    ๒๕๖๖ - ๒๕๗๐" where 25 other projects read "ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐"). Only where
    WORDING_SEEN projects or more word it alike; never a wording as many projects share, nor one that
    differs in its punctuation alone (a plan prints "-" in some periods and "–" in others).

    >>> def p(seq, text):
    ...     return Project(**{f: "" for f in Project.__dataclass_fields__} | dict(
    ...         doc_id="d", seq=seq, duration=text, field_pages={"duration": (seq,)}))
    >>> plan = [p(1, "ปีงบประมาณ พ.ศ. ๒๕๖๖"), p(2, "ปีงบประมาณ พ.ศ. ๒๕๖๖"), p(3, "ปีงบประมาณ  พ.ศ. ๒๕๖๖"),
    ...         p(4, "ขู่งบประมาณ พ.ศ. ๒๕๖๖"), p(5, "ขู่งบประมาณ พ.ศ. ๒๕๖๗"), p(6, "ตลอดปีงบประมาณ พ.ศ. ๒๕๖๖"),
    ...         p(7, "ปีงบประมาณ พ.ศ ๒๕๖๖")]
    >>> [q.duration for q in durations_worded_as_the_plan(plan, frozenset(range(1, 8)))[0]][3:]
    ['ปีงบประมาณ พ.ศ. ๒๕๖๖', 'ขู่งบประมาณ พ.ศ. ๒๕๖๗', 'ตลอดปีงบประมาณ พ.ศ. ๒๕๖๖', 'ปีงบประมาณ พ.ศ ๒๕๖๖']
    """
    from collections import Counter

    from rapidfuzz.distance import Levenshtein

    def key(text: str) -> str:
        return "".join(text.split())

    worded = Counter(key(p.duration) for p in projects if p.duration.strip())
    if not worded:
        return projects, []
    common, seen = worded.most_common(1)[0]
    if seen < WORDING_SEEN:
        return projects, []
    text = Counter(" ".join(p.duration.split()) for p in projects if key(p.duration) == common).most_common(1)[0][0]
    figures, letters = _FIGURES.findall(to_arabic(common)), _NOT_LETTERS.sub("", common)
    out, checks = [], []
    for project in projects:
        pages = project.field_pages.get("duration", ())
        read = key(project.duration)
        if (ocr_pages.isdisjoint(pages) or not read or read == common or worded[read] >= WORDING_SEEN
                or _FIGURES.findall(to_arabic(read)) != figures):
            out.append(project)
            continue
        edits = Levenshtein.distance(_NOT_LETTERS.sub("", read), letters)
        if edits > min(3, len(letters) // 4) or _THAI_LETTERS.findall(read) == _THAI_LETTERS.findall(common):
            out.append(project)
            continue
        start, end = be_years(text)
        checks.append(check("ocr-duration-as-worded", pages[0], (
            f"project {project.seq}: duration read as “{' '.join(project.duration.split())}” taken as “{text}”, "
            f"as {seen} projects of the plan word it, the figures the same and {edits} letters apart"), field="duration"))
        out.append(replace(project, duration=text, period_start_be=start, period_end_be=end))
    return out, checks


def years_tied_to_period(projects: list[Project], period: tuple[int, int] | None, ocr_pages: frozenset[int]
                         ) -> tuple[list[Project], list[Check]]:
    """On OCR'd pages, the years of a duration that one misread or garbled digit keeps out of the
    plan's ``period`` ("๒๕ญ่๐", "๒๕๐๑" in a 2561–2564 plan) made the one year of the period they can
    be (``numerals.years_in_period``), with an info check each; a year that could be two is left."""
    if period is None:
        return projects, []
    out, checks = [], []
    for project in projects:
        pages = project.field_pages.get("duration", ())
        if ocr_pages.isdisjoint(pages):
            out.append(project)
            continue
        text, changes = years_in_period(project.duration, period)
        if changes:
            start, end = be_years(text)
            project = replace(project, duration=text, period_start_be=start, period_end_be=end)
            checks.extend(check("ocr-year-inferred", pages[0], (
                f"project {project.seq}: a duration year read as “{read}” taken as {year}, the only year of "
                f"the plan's period {period[0]}–{period[1]} it can be with one digit misread or lost"), field="duration") for read, year in changes)
        if project.period_start_be is None and project.period_end_be is not None:
            checks.append(check("ocr-year-unread", pages[0], (
                f"project {project.seq}: the first year of its duration “{' '.join(project.duration.split())}” "
                "as OCR read it is no year; period_start_be left empty"), field="duration"))
        out.append(project)
    return out, checks


# the figure a budget text gives before บาท, as OCR read it (stray marks, a space or a lost digit and all)
_AMOUNT_READ = regex.compile(r"(?P<amount>[^\s\u0e01-\u0e4e]*[0-9๐-๙][^\u0e01-\u0e4e]*?)\s*บาท")
_WELL_FORMED = regex.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})*(?:\.[0-9]{2})?|0")


def budgets_tied_to_part2(projects: list[Project], budgets: tuple[BudgetRow, ...], ocr_pages: frozenset[int]
                          ) -> tuple[list[Project], list[Check]]:
    """On OCR'd pages, a budget whose figure OCR garbled ("0,000 บาท" with a digit lost, "๑๐๐๑, ๐๐๐",
    "@0,000:", digits of both scripts "๕๐,๐๐6") made the one amount Part 2 gives that project that is
    a single digit away (one year's; else the years' sum), written in the plan's digits, with an
    info check; a well-formed figure, or one two amounts could be, is left as read.

    >>> from pipeline.records import BudgetRow
    >>> rows = tuple(BudgetRow("d", 3, 1, "1.1", "ก", y, 20000, 5) for y in (2566, 2567))
    >>> p = Project(**{f: "" for f in Project.__dataclass_fields__} | dict(doc_id="d", seq=3,
    ...     budget_text="0,000 บาท", budget_baht=0, field_pages={"budget": (9,)}))
    >>> [(q.budget_text, q.budget_baht) for q in budgets_tied_to_part2([p], rows, frozenset({9}))[0]]
    [('20,000 บาท', 20000)]
    """
    from rapidfuzz.distance import Levenshtein

    amounts: dict[int, list[int]] = {}
    for row in budgets:
        if row.seq is not None and row.budget_baht:
            amounts.setdefault(row.seq, []).append(row.budget_baht)
    digits = "".join(regex.findall(r"[0-9๐-๙]", "".join(p.budget_text for p in projects)))
    thai = sum(d in THAI_DIGITS for d in digits) * 2 > len(digits)
    out, checks = [], []
    for project in projects:
        pages = project.field_pages.get("budget", ())
        m = _AMOUNT_READ.search(project.budget_text)
        if ocr_pages.isdisjoint(pages) or project.seq not in amounts or not m:
            out.append(project)
            continue
        read = m["amount"]
        mixed = bool(regex.search(r"[0-9]", read) and regex.search(r"[๐-๙]", read))
        if not mixed and _WELL_FORMED.fullmatch(regex.sub(r"\s", "", to_arabic(read))):
            out.append(project)
            continue
        compact = regex.sub(r"[\s,]|^[.:;'\"|]+|[.:;'\"|]+$", "", to_arabic(read))  # specks around it go
        near: list[int] = []
        for candidates in (set(amounts[project.seq]), {sum(amounts[project.seq])}):  # a year's, else the sum
            near = near or [a for a in candidates if Levenshtein.distance(compact, str(a)) <= 1]
        if len(near) != 1:
            out.append(project)
            continue
        shown = to_thai_digits(f"{near[0]:,}") if thai else f"{near[0]:,}"
        text = project.budget_text[:m.start("amount")] + shown + project.budget_text[m.end("amount"):]
        out.append(replace(project, budget_text=text, budget_baht=near[0]))
        checks.append(check("ocr-budget-tied", pages[0], (
            f"project {project.seq}: a budget read as “{read}” taken as {near[0]:,} baht, the one amount "
            "Part 2 gives the project that is a single digit away"), field="budget"))
    return out, checks
