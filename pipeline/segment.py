"""Lines → the plan's parts, and Part 3 → dimensions, missions, sub-missions, projects.

Driven by the template's anchors (``extractors/templates/*.json``). Page
furniture (page numbers) is set aside here, so that the extractors only see
the document's content; ``text.txt`` keeps it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import regex

from extractors.template import Template

from .checks import check
from .layout import join_lines
from .numerals import thai_int, to_arabic
from .records import Check, Line
from .text.thai import without_marks

_DIGITS = regex.compile(r"[0-9๐-๙]+")
_NOT_DIGIT = regex.compile(r"[^0-9๐-๙]+")
_PAGE_NUMBER = regex.compile(r"^[\s\-–—(]*(?:หน้า\s*)?[0-9๐-๙]{1,4}[\s\-–—)]*$")
# a short Thai word and a number as OCR reads the word in Latin ("Maun ๙", "Haun ๑๓"): a page's last line
# so read is its number ("หน้า ๙"); one before a project's name field, its "ลำดับที่ N"
_NUMBER_READ_LATIN = regex.compile(r"^\s*[A-Za-z]{3,5}\.?\s*(?P<no>[0-9๐-๙]{1,3})\s*$")
_NUMBER_READ_LATIN_AFTER = regex.compile(r"\s+[A-Za-z]{3,5}\.?\s*(?P<no>[0-9๐-๙]{1,3})\s*$")  # joined to a heading
# a page number printed level with the page's first words ("- ๓๖ -" then a right-aligned "ลำดับที่ ๑๑")
_PAGE_NUMBER_BESIDE = regex.compile(r"^\s*[-–—]\s*[0-9๐-๙]{1,4}\s*[-–—]\s*(?=\S)")


@dataclass(frozen=True, slots=True)
class Parts:
    front: tuple[Line, ...]  # cover, foreword, table of contents
    part1: tuple[Line, ...]
    part2: tuple[Line, ...]
    part3: tuple[Line, ...]
    appendix: tuple[Line, ...]
    checks: tuple[Check, ...] = ()  # part starts found fuzzily or inferred from what follows


@dataclass(frozen=True, slots=True)
class Heading:
    level: str  # dimension | mission | submission
    no: str  # Arabic digits: "1", "1.1", "1.1.1"
    name: str
    page: int
    raw_word: str = ""  # the word printed for มิติ (a misprint is kept and reported)


@dataclass(slots=True)
class ProjectBlock:
    seq: int
    page: int
    dimension: Heading | None
    mission: Heading | None
    submission: Heading | None
    lines: list[Line] = field(default_factory=list)


def drop_furniture(lines: list[Line], structural: Callable[[str], bool] | None = None) -> list[Line]:
    """Remove page numbers and running headers/footers: the first or last lines of pages that are
    a page number (``_page_numbers``), or that repeat (digits aside) on at least a third of the
    pages at one height (RUNNING_LEVEL_PT); and a page's last line that is a page number whose word
    OCR read in Latin ("Maun ๙" for หน้า ๙). A line ``structural`` says is one of the template's
    headings is kept however often it opens a page: "ลำดับที่ N" at the top of every page where each
    project has its own page, "๒. หลักการและเหตุผล" where page breaks happen to fall before it; so
    is a line with the page's body above and below it.

    >>> from pipeline.records import Line
    >>> [ln.text for ln in drop_furniture([Line(1, t, t, (0.0, 0.0, 1.0, 1.0)) for t in ("ร้อยละ ๘๐", "Maun ๙")])]
    ['ร้อยละ ๘๐']
    """
    by_page: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        by_page.setdefault(line.page, []).append(i)
    edges = [i for idxs in by_page.values() for i in {idxs[0], idxs[-1], *idxs[:2], *idxs[-2:]}]
    shape = {i: _DIGITS.sub("#", "".join(lines[i].text.split())) for i in edges}
    at: dict[str, list[float]] = {}
    for i in edges:
        at.setdefault(shape[i], []).append(lines[i].bbox[1])
    running = {s for s, tops in at.items()
               if len(s) > 3 and max(n for _, _, n in _levels(tops)) >= max(3, len(by_page) // 3)}
    last = {idxs[-1] for idxs in by_page.values()}
    outer = last | {idxs[0] for idxs in by_page.values()}
    numbers = _page_numbers(lines, [i for i in edges if _PAGE_NUMBER.match(lines[i].text)])
    furniture = {i for i in edges if i in numbers
                 or ((shape[i] in running or (i in outer and _like_running(shape[i], running)))
                     and not (structural and structural(lines[i].text)))
                 or (i in last and _NUMBER_READ_LATIN.match(lines[i].text))}
    for idxs in by_page.values():  # furniture is outside the body: above its first line or below its last
        body = [lines[i].bbox[1] for i in idxs if i not in furniture]
        if body:
            top, bottom = min(body), max(body)
            furniture.difference_update(i for i in idxs if i in furniture and top < lines[i].bbox[1] < bottom)
    out = []
    for i, line in enumerate(lines):
        if i in furniture:
            continue
        if i in shape and (m := _PAGE_NUMBER_BESIDE.match(line.text)):
            line = replace(line, text=line.text[m.end():])  # "- ๓๖ -ลำดับที่ ๑๑": printed level, one line
        out.append(line)
    return out


RUNNING_LIKE = 0.9  # a page's first or last line this close to a running header is one OCR misread
# a running header or footer is printed at one height on every page (to 0 pt in the corpora's text
# layers; OCR of an office scan or a 2° skew moves most of them by under 5 pt, a few by up to 13);
# a body line repeated at pages' edges (the same last outcome of sheet after sheet, each project on
# its own page) lands wherever its sheet ends, a line's height (22–24 pt) or more apart
RUNNING_LEVEL_PT = 12.0


def _page_numbers(lines: list[Line], bare: list[int]) -> set[int]:
    """Of the pages' first and last lines that are a bare number, those that are page numbers: the
    ones printed at a height where a quarter of them are (the page numbers' place, or places where
    odd and even pages differ), or whose value runs with the pages' order as most of them do; a
    figure that a wrap left alone at the foot of a page ("๘๐" of "ร้อยละ ๘๐") is neither. With
    fewer than three, all are.
    """
    if len(bare) < 3:
        return set(bare)
    placed = [(lo, hi) for lo, hi, n in _levels([lines[i].bbox[1] for i in bare]) if n >= max(2, len(bare) // 4)]
    shift = {i: (thai_int(_NOT_DIGIT.sub("", lines[i].text)) or 0) - lines[i].page for i in bare}
    offset = Counter(shift.values()).most_common(1)[0][0]
    return {i for i in bare if shift[i] == offset or any(lo <= lines[i].bbox[1] <= hi for lo, hi in placed)}


def _levels(tops: list[float]) -> list[tuple[float, float, int]]:
    """The heights a line is printed at, grouped where each is within RUNNING_LEVEL_PT of the next:
    (lowest, highest, how many) per group.

    >>> _levels([39.0, 39.0, 40.5, 39.0]), [n for _, _, n in _levels([647.0, 673.0, 695.0, 695.0, 81.0, 720.0])]
    ([(39.0, 40.5, 4)], [1, 1, 1, 2, 1])
    """
    tops = sorted(tops)
    out, start = [], 0
    for k in range(1, len(tops) + 1):
        if k == len(tops) or tops[k] - tops[k - 1] > RUNNING_LEVEL_PT:
            out.append((tops[start], tops[k - 1], k - start))
            start = k
    return out


def _like_running(shape: str, running: set[str]) -> bool:
    """Whether a page's first or last line is a running header or footer read with a letter or two
    wrong ("…ห้วยทราย เหนา" for …ห้วยทราย หน้า): a long one, as long as a running one within three
    characters, and as close as RUNNING_LIKE.

    >>> _like_running("แผนปฏิบัติการป้องกันการทุจริตองค์การบริหารส่วนตำบลห้วยทรายเหนา",
    ...               {"แผนปฏิบัติการป้องกันการทุจริตองค์การบริหารส่วนตำบลห้วยทรายหน้า"})
    True
    >>> _like_running("แผนปฏิบัติการป้องกันการทุจริต", {"แผนปฏิบัติการป้องกันการทุจริตองค์การบริหารส่วนตำบลห้วยทรายหน้า"})
    False
    """
    if len(shape) < 15 or shape in running:
        return False
    from rapidfuzz.distance import Indel

    return any(abs(len(r) - len(shape)) <= 3 and Indel.normalized_similarity(shape, r) >= RUNNING_LIKE
               for r in running)


_bare = without_marks  # a line as OCR may read it with every mark lost: "ส่วนท ๒" → "สวนท๒"


def _fuzzy_anchor(anchor: regex.Pattern[str]) -> regex.Pattern[str]:
    """The anchor's leading Thai word with its marks optional, its number kept: "ส่วนที่ ๒" is still
    found when OCR drops a mark. Only for a standalone line (the anchor's own shape)."""
    word = regex.match(r"\^((?:[\u0e01-\u0e4e]|\[[^\]]*\]\??)+)", anchor.pattern)  # "ส[่-๋]?วนที[่-๋]?"
    if not word:
        return regex.compile(r"(?!)")
    letters = _bare(regex.sub(r"\[[^\]]*\]\??", "", word[1]))
    return regex.compile("^" + letters + r"(?P<no>[0-9๐-๙]{1,2})$")


def split_parts(lines: list[Line], template: Template) -> Parts:
    """Cut the document at its "ส่วนที่ N" headings and at "ภาคผนวก".

    A part heading stands alone on its line; the table of contents and the
    foreword name the parts inside longer lines, so they do not cut. No single
    heading is a point of failure: one OCR read without its marks ("ส่วนท ๒") is
    found with its marks optional, and a Part 3 whose heading is lost starts where
    project 1 does (a Part 2 so lost, at the page of its table's header): each
    such start is reported with an ``anchor-inferred`` check.
    """
    part_re = template.anchors["part"]
    starts: dict[int, int] = {}
    for i, line in enumerate(lines):
        m = part_re.match(line.text.strip())
        if m:
            no = thai_int(m["no"])
            if no in (1, 2, 3) and no not in starts and all(no > k for k in starts):
                starts[no] = i
    checks: list[Check] = []
    _fuzzy_part_starts(lines, part_re, starts, checks)
    if 3 not in starts:
        _infer_part3(lines, template, starts, checks)
    if 2 not in starts and 3 in starts:
        _infer_part2(lines, template, starts, checks)
    if 1 not in starts and (2 in starts or 3 in starts):
        _infer_part1(lines, starts, checks)
    appendix = len(lines)
    after = starts.get(3, starts.get(2, 0))
    for i in range(after + 1, len(lines)):
        if template.anchors["appendix"].match(lines[i].text.strip()):
            appendix = i
            break
    bounds = [starts.get(1), starts.get(2), starts.get(3), appendix]

    def cut(k: int) -> tuple[Line, ...]:
        start = bounds[k]
        if start is None:
            return ()
        end = next((b for b in bounds[k + 1:] if b is not None), len(lines))
        return tuple(lines[start:end])

    first = next((b for b in bounds if b is not None), len(lines))
    return Parts(front=tuple(lines[:first]), part1=cut(0), part2=cut(1), part3=cut(2),
                 appendix=tuple(lines[appendix:]), checks=tuple(checks))


def _between(starts: dict[int, int], no: int, i: int) -> bool:
    """Whether line ``i`` can start part ``no``: after every earlier part's start, before every later one's."""
    return all(i > at for k, at in starts.items() if k < no) and all(i < at for k, at in starts.items() if k > no)


def _fuzzy_part_starts(lines: list[Line], part_re: regex.Pattern[str], starts: dict[int, int],
                       checks: list[Check]) -> None:
    fuzzy = _fuzzy_anchor(part_re)
    for i, line in enumerate(lines):
        if len(line.text.strip()) > 16 or not (m := fuzzy.match(_bare(line.text))):
            continue
        no = thai_int(m["no"])
        if no in (1, 2, 3) and no not in starts and _between(starts, no, i):
            starts[no] = i
            checks.append(check("anchor-inferred", line.page, f"Part {no}: its heading read as “{line.text.strip()}” "
                                f"on page {line.page} (marks lost), taken as ส่วนที่ {no}"))


def _infer_part3(lines: list[Line], template: Template, starts: dict[int, int], checks: list[Check]) -> None:
    """Part 3 starts where project 1 does ("ลำดับที่ ๑", its marks optional; in a template without
    that anchor, its "๑. ชื่อโครงการ") when its heading is lost, with the dimension heading printed
    just above it on the same page."""
    project = template.anchors.get("project")
    fuzzy = _fuzzy_anchor(project) if project is not None else None
    for i, line in enumerate(lines):
        text = line.text.strip()
        if project is not None and fuzzy is not None:
            m = project.match(text) or (fuzzy.match(_bare(text)) if len(text) <= 16 else None)
            first = bool(m) and thai_int(m["no"]) == 1
        else:
            heading = template.match_field(text)
            first = heading is not None and heading.name == "name" and heading.number in (1, None)
        if first and _between(starts, 3, i):
            start = i
            for k in range(i - 1, max(-1, i - 8), -1):  # a part opens a page: its top, if project 1 is near it
                if lines[k].page != line.page or not _between(starts, 3, k):
                    break
                start = k
            if start > 0 and lines[start - 1].page == line.page:  # far down the page: from its dimension heading
                start = next((k for k in range(start, i) if template.anchors["dimension"].match(lines[k].text.strip())),
                             i)
            starts[3] = start
            checks.append(check("anchor-inferred", line.page, f"Part 3: no “ส่วนที่ ๓” heading found; Part 3 taken "
                                f"to start on page {line.page}, where project 1 starts"))
            return


def _infer_part2(lines: list[Line], template: Template, starts: dict[int, int], checks: list[Check]) -> None:
    """Part 2 starts on the page of its table's header (a "ภารกิจ" column) when its heading is lost."""
    mission = template.part2.get("header_mission")
    if mission is None:
        return
    for i, line in enumerate(lines):
        if mission.search(line.text) and _between(starts, 2, i):
            first = next(k for k in range(i, -1, -1) if k == 0 or lines[k - 1].page != line.page)
            if _between(starts, 2, first):
                starts[2] = first
                checks.append(check("anchor-inferred", line.page, f"Part 2: no “ส่วนที่ ๒” heading found; Part 2 "
                                    f"taken to start on page {line.page}, where its table's header is"))
            return


# Part 1's first headings on both templates' pages: "บทนำ" alone, "๑. การประเมินความเสี่ยงการทุจริต…"
# (marks compared without: OCR loses them, "ความเสียง")
_PART1_HEADING = regex.compile(r"^(?:บทน[าำ]$|[0-9๐-๙]\.\s*การประเมนความเสยง)")


def _infer_part1(lines: list[Line], starts: dict[int, int], checks: list[Check]) -> None:
    """Part 1 starts on the page of its first heading ("บทนำ", "๑. การประเมินความเสี่ยง…") when its
    "ส่วนที่ ๑" is lost: the last such line before Part 2 (the table of contents names them earlier).

    >>> page = lambda n, *texts: [Line(n, t, t, (0.0, 0.0, 1.0, 1.0)) for t in texts]
    >>> lines = page(1, "สารบัญ", "บทนำ ๑") + page(3, "บทนำ", "๑. การประเมินความเสียงการทุจริต") + page(4, "ส่วนที่ ๒")
    >>> starts, checks = {2: 4}, []
    >>> _infer_part1(lines, starts, checks); starts, [c.code for c in checks]
    ({2: 4, 1: 2}, ['anchor-inferred'])
    """
    end = min(at for k, at in starts.items() if k > 1)
    for i in range(end - 1, -1, -1):
        text = without_marks(lines[i].text.strip())
        if _PART1_HEADING.match(text):
            page = lines[i].page
            first = next(k for k in range(i, -1, -1) if k == 0 or lines[k - 1].page != page)
            starts[1] = first
            checks.append(check("anchor-inferred", page, f"Part 1: no “ส่วนที่ ๑” heading found; Part 1 "
                                f"taken to start on page {page}, where its heading “{lines[i].text.strip()}” is"))
            return


def _no(text: str) -> str:
    return ".".join(str(thai_int(p)) for p in text.split("."))


# "ลำดับที่" as OCR reads it off a scan: its marks and a letter lost ("ลาดบท ๑", "าดับที่๓")
_OCR_ORDINAL = r"(?:ล(?:ํ?า|ำ)?|ํ?า|ำ)ดั?บ\s?ที?[่้]?"  # SARA AM either way
_OCR_PROJECT = regex.compile(rf"^{_OCR_ORDINAL}\s*(?P<no>\S{{1,4}})\s*$")
# a sub-mission heading whose number OCR garbled: three short parts with stops ("¢.0.0.", "8.0.0" for ๒.๓.๑)
# (Latin, "la.la.o.การแสดง…", "la.la.o . การ…", may run into the name with no space)
_OCR_SUBMISSION = regex.compile(r"^(?P<no>(?:\S{1,2}\.\S{1,2}\.\S{1,2}\.?(?=\s)"
                                r"|[^\s\u0e01-\u0e4e]{1,2}\.[^\s\u0e01-\u0e4e]{1,2}\.[^\s\u0e01-\u0e4e]{1,2}(?:\s?\.)?))"
                                r"\s*(?P<name>[\u0e01-\u0e4e].*)$")
# …or its stops lost or misplaced, a speck read before it or before one of its digits, no space before
# its name ("๒๓.๑จัดทำ…", "ไ๒. ๓.๒มีการ…", "๒. เ๒.๑ การแสดง…"): its digits must spell the open
# mission's number and its next sub-mission
_OCR_SUBMISSION_DIGITS = regex.compile(
    r"^[^\s0-9๐-๙]?(?P<no>[0-9๐-๙](?:\s?\.?\s?[^\s0-9๐-๙.]?[0-9๐-๙]){2,3})\.?\s*(?P<name>[\u0e01-\u0e4e].*)$")
# a mission heading whose number OCR garbled ("0.0การเสริมสร้าง…" for ๑.๑): two short parts, no Thai letter
_OCR_MISSION = regex.compile(r"^(?P<no>[^\s\u0e01-\u0e4e]{1,2}\.[^\s\u0e01-\u0e4e]{1,2})(?:\s?\.)?\s*(?P<name>[\u0e01-\u0e4e].*)$")
_OCR_DIMENSION = regex.compile(r"^มิ?ติที่?\s*(?P<no>\S{1,2})\s+(?P<name>.*)$")


_PROJECT_TAIL = regex.compile(rf"^(?P<head>.*?\S)\s*(?P<tail>{_OCR_ORDINAL}\s*(?P<no>[0-9๐-๙]{{1,3}}))\s*[^\w\s]{{0,2}}$")


def _split_project_tails(lines: tuple[Line, ...], ocr_pages: frozenset[int]) -> tuple[Line, ...]:
    """OCR reads a "ลำดับที่ N" printed level with the heading before it (right-aligned) as the end
    of that heading's line (a speck after it read as "!" or "."): on OCR'd pages it becomes a line
    of its own again.

    >>> lines = tuple(Line(1, t, t, (0.0, 0.0, 1.0, 1.0)) for t in ("ระบบควบคุมภายในลำดับที่๒๖ !", "การต่อต้าน ลำดับที่ ๙"))
    >>> [line.text for line in _split_project_tails(lines, frozenset({1}))]
    ['ระบบควบคุมภายใน', 'ลำดับที่ ๒๖', 'การต่อต้าน', 'ลำดับที่ ๙']
    """
    out: list[Line] = []
    for line in lines:
        text = line.text.strip()
        m = _PROJECT_TAIL.match(text) if line.page in ocr_pages and not _OCR_PROJECT.match(text) else None
        if m and "ลำดับ" not in m["head"]:
            head = m["head"][:-1] if m["head"].endswith("ล") and not m["tail"].startswith("ล") else m["head"]
            out += [replace(line, text=head.rstrip()), replace(line, text=f"ลำดับที่ {m['no']}")]
        else:
            out.append(line)
    return tuple(out)


_GARBLED_DIMENSION = regex.compile(r"^\S{1,6}\s+(?P<no>\S{1,2})\s+(?P<name>.{12,})$")


def _next_dimension_no(current: Heading | None) -> str:
    return str(int(current.no) + 1 if current else 1)


def _dimension_corrected(line: Line, printed: str, expected_no: str) -> Check:
    return check("ocr-number-corrected", line.page, f"OCR read dimension “{printed}”; the sequence gives {expected_no}")


def _garbled_dimension(text: str, current: Heading | None, template: Template) -> regex.Match[str] | None:
    """An OCR'd dimension heading whose word มิติที่ came out as anything ("HAN ๓ การส่งเสริม…"):
    known by the name that follows, the template's name of the next dimension (or its start)."""
    m = _GARBLED_DIMENSION.match(text)
    expected = template.dimensions.get(int(_next_dimension_no(current)), "")
    if m is None or not expected:
        return None
    printed, name = "".join(m["name"].split()), "".join(expected.split())
    return m if name.startswith(printed) or printed.startswith(name) else None


CENTRED = 0.05  # a title's margins left and right of it differ by less than this share of the page
TITLE_INSET = 0.15  # and each is at least this share of the page


def drop_other_sheets(part3: tuple[Line, ...], template: Template, widths: dict[int, float],
                      ocr_pages: frozenset[int] = frozenset(), in_forms: frozenset[Line] = frozenset()
                      ) -> tuple[tuple[Line, ...], list[Check]]:
    """Part 3 sheets that are no project (a performance agreement with its score table): from a
    centred title opening a page, up to the next project anchor, field heading or dimension/mission
    heading (on that page or a later one). OCR'd pages are kept (their anchors may be misread), and
    so are lines read from a form's cells (``in_forms``: a text cell's line is never a title)."""
    anchors = [pattern for key, pattern in template.anchors.items()
               if key in ("project", "dimension", "mission", "submission")]
    if not part3:
        return part3, []
    left, right = min(ln.bbox[0] for ln in part3), max(ln.bbox[2] for ln in part3)  # the text column

    def anchored(line: Line) -> bool:
        text = line.text.strip()
        return template.match_field(text) is not None or any(p.match(text) for p in anchors)

    def titled(line: Line) -> bool:
        width = widths.get(line.page, 0.0)
        inset_left, inset_right = line.bbox[0] - left, right - line.bbox[2]
        return bool(width) and min(inset_left, inset_right) >= TITLE_INSET * width \
            and abs(inset_left - inset_right) <= CENTRED * width and not anchored(line) and line not in in_forms

    kept: list[Line] = [part3[0]]  # the "ส่วนที่ ๓" heading itself
    checks: list[Check] = []
    inside, page = False, part3[0].page
    for line in part3[1:]:
        first = line.page != page
        page = line.page
        if inside and anchored(line) or line.page in ocr_pages:
            inside = False
        elif first and titled(line):
            inside = True
            checks.append(check("sheet-not-a-project", line.page, f"Part 3 page {line.page}: “{line.text.strip()[:60]}” "
                                "opens a sheet with no ลำดับที่, field or heading; left out up to the next one"))
        if not inside:
            kept.append(line)
    return tuple(kept), checks


def split_projects(part3: tuple[Line, ...], template: Template,
                   ocr_pages: frozenset[int] = frozenset()) -> tuple[list[ProjectBlock], list[Check]]:
    """Part 3 lines → one block per "ลำดับที่ N", each knowing its dimension, mission, sub-mission.

    On pages read by OCR, numbers that break the sequence (Tesseract confuses ๔ ๕ ๖ ๒) are
    taken from the sequence instead, and each such correction is reported.
    """
    if template.anchors.get("project") is not None and ocr_pages:
        part3 = _split_project_tails(part3, ocr_pages)
    machine = _Segmenter(template, ocr_pages)
    for line in part3[1:]:  # the first line is the "ส่วนที่ ๓" heading itself
        machine.feed(line)
    return machine.blocks, machine.checks


class _Segmenter:
    """The Part 3 state machine: each kind of line has a method that takes it or declines it."""

    def __init__(self, template: Template, ocr_pages: frozenset[int]) -> None:
        self.template, self.ocr_pages = template, ocr_pages
        self.a = template.anchors
        self.project_re = self.a.get("project")
        self.blocks: list[ProjectBlock] = []
        self.checks: list[Check] = []
        self.dimension: Heading | None = None
        self.mission: Heading | None = None
        self.submission: Heading | None = None
        self.submission_used = False  # has a project been filed under the current sub-mission yet?
        self.open_heading: str | None = None  # a heading whose name may continue on the next line
        self.last_field = ""  # the field the open project is in: headings inside a project are its content

    def feed(self, line: Line) -> None:
        text = line.text.strip()
        ocr = line.page in self.ocr_pages
        if ocr and self.blocks and self.last_field == "" and not self.blocks[-1].lines:
            # OCR reads a "ลำดับที่ N" printed level with its headings before them: the headings
            # that come between it and the project's first field are the project's own
            newest = self.blocks[-1]
            newest.dimension, newest.mission, newest.submission = self.dimension, self.mission, self.submission
            self.submission_used = self.submission_used or self.submission is not None
        field = self.template.match_field(text, ocr, None if ocr else line.bbox[0])
        field_name = field.name if field else None
        if self._lost_project_anchor(line, ocr, field_name):
            return
        if self.blocks and field_name:
            self.last_field = field_name
        in_body = bool(self.blocks) and self.last_field not in ("", "results", "outcomes", "note")
        if self.project_re is None and field_name == "name":  # older template: a project starts at its name
            self._start(len(self.blocks) + 1, line, [line])
            self.last_field = "name"
            return
        if self._project_anchor(line, text, ocr):
            return
        garbled = _garbled_dimension(text, self.dimension, self.template) if ocr else None
        if in_body and not garbled:
            # (the next dimension's heading, known by its template name, closes a project whose
            # last field heading OCR could not read)
            self.blocks[-1].lines.append(line)
            return
        for take in (self._ocr_dimension, self._dimension_heading, self._submission_heading,
                     self._mission_heading, self._heading_continued):
            if take(line, text, ocr, garbled):
                return
        if self.blocks:
            self.blocks[-1].lines.append(line)

    def _start(self, seq: int, line: Line, lines: list[Line]) -> None:
        self.blocks.append(ProjectBlock(seq, line.page, self.dimension, self.mission, self.submission, lines))
        self.submission_used, self.open_heading = True, None

    def _lost_project_anchor(self, line: Line, ocr: bool, field_name: str | None) -> bool:
        """A name field with no project open, or a second one: OCR lost this project's "ลำดับที่ N", or the
        plan prints none (its sheets open at their name)."""
        if not (self.project_re is not None and field_name == "name"
                and (not self.blocks or self.last_field not in ("", "name"))):
            return False
        seq = self.blocks[-1].seq + 1 if self.blocks else 1
        before = self.blocks[-1].lines if self.blocks else []
        if before and (m := _NUMBER_READ_LATIN.match(before[-1].text)) and thai_int(m["no"]) == seq:
            before.pop()  # its "ลำดับที่ N" read in Latin ("Maun ๗"): the anchor, not the last field's text
        heading = getattr(self, self.open_heading) if self.open_heading else None
        if heading is not None and (m := _NUMBER_READ_LATIN_AFTER.search(heading.name)) and thai_int(m["no"]) == seq:
            setattr(self, self.open_heading, replace(heading, name=heading.name[:m.start()]))  # … or a heading's
        self.checks.append(check("ocr-number-corrected" if ocr else "anchor-inferred", line.page,
                                 f"no readable “ลำดับที่” before a project's name field; the sequence gives {seq}"))
        self._start(seq, line, [line])
        self.last_field = "name"
        return True

    def _project_anchor(self, line: Line, text: str, ocr: bool) -> bool:
        m = self.project_re.match(text) if self.project_re is not None else None
        if ocr and self.project_re is not None and not m:
            m = _OCR_PROJECT.match(text)
        if not m:
            return False
        seq = thai_int(m["no"])
        expected_seq = (self.blocks[-1].seq + 1) if self.blocks else 1
        if ocr and seq != expected_seq:
            self.checks.append(check("ocr-number-corrected", line.page,
                                     f"OCR read “ลำดับที่ {m['no']}”; the sequence gives {expected_seq}"))
            seq = expected_seq
        self._start(seq or 0, line, [])
        self.last_field = ""
        return True

    def _ocr_dimension(self, line: Line, text: str, ocr: bool, garbled: regex.Match[str] | None) -> bool:
        if not ocr or self.a["dimension"].match(text) or not (m := _OCR_DIMENSION.match(text) or garbled):
            return False
        expected_no = _next_dimension_no(self.dimension)
        if _no(m["no"]) != expected_no:
            self.checks.append(_dimension_corrected(line, m["no"], expected_no))
        self._set_dimension(Heading("dimension", expected_no, self._ocr_name(m["name"].strip(), expected_no),
                                    line.page, "มิติ"))
        return True

    def _ocr_name(self, read: str, no: str) -> str:
        """An OCR'd dimension name close to the template's name for that dimension ("การสร้างวัต ! นธรรม
        สุจริต") is the template's name; one far from it is kept as read."""
        from rapidfuzz.distance import Indel

        name = self.template.dimensions.get(int(no), "")
        return name if name and Indel.normalized_similarity("".join(read.split()), "".join(name.split())) >= 0.75 \
            else read

    def _dimension_heading(self, line: Line, text: str, ocr: bool, _garbled: object) -> bool:
        if not (m := self.a["dimension"].match(text)):
            return False
        expected_no = _next_dimension_no(self.dimension)
        dimension = Heading("dimension", _no(m["no"]), m["name"].strip(), line.page, m["word"])
        if ocr and dimension.no != expected_no:
            self.checks.append(_dimension_corrected(line, m["no"], expected_no))
            dimension = replace(dimension, no=expected_no)
        if ocr:
            dimension = replace(dimension, name=self._ocr_name(dimension.name, dimension.no))
        self._set_dimension(dimension)
        if m["word"] != "มิติ":
            self.checks.append(check("heading-misprint", line.page,
                                     f"Part 3 prints “{m['word']}ที่ {m['no']}” for มิติที่ {m['no']}"))
        return True

    def _set_dimension(self, dimension: Heading) -> None:
        self.dimension, self.mission, self.submission = dimension, None, None
        self.open_heading = "dimension"

    def _dimension_from(self, no: str, line: Line) -> None:
        """On an OCR'd page, a mission or sub-mission numbered in the next dimension while that
        dimension's "มิติที่" heading was not read (OCR made it "HAN ๑"): the dimension opens here,
        named as the template names it."""
        expected = _next_dimension_no(self.dimension)
        if (no.split(".")[0] != expected or int(expected) not in self.template.dimensions
                or (self.dimension is not None and _fits(no, self.dimension, no.count(".") + 1))):
            return  # (the template's dimensions end before it: a digit misread, ๕.๑ for ๔.๑)
        name = self.template.dimensions.get(int(expected), "")
        self.dimension, self.mission, self.submission = Heading("dimension", expected, name, line.page), None, None
        self.checks.append(check("anchor-inferred", line.page, f"Part 3: dimension {expected} inferred from the "
                                 f"heading {no} on page {line.page} (its “มิติที่ {expected}” heading was not read)"))

    def _in_dimension(self, no: str, line: Line, ocr: bool, depth: int) -> str:
        """On an OCR'd page, a mission or sub-mission number in the dimension after the current one
        where the template has none ("๕.๑" in the last of a plan's four) is the current dimension's
        (a digit misread), with a check; a field's sub-item ("๑๐.๑") is no such number."""
        head, _, rest = no.partition(".")
        if (not ocr or self.dimension is None or head != _next_dimension_no(self.dimension)
                or int(head) in self.template.dimensions or no.count(".") + 1 != depth):
            return no
        fixed = f"{self.dimension.no}.{rest}"
        self.checks.append(check("ocr-number-corrected", line.page, f"OCR read heading “{no}” in dimension "
                                 f"{self.dimension.no} (the template has no dimension {head}); taken as {fixed}"))
        return fixed

    def _submission_heading(self, line: Line, text: str, ocr: bool, _garbled: object) -> bool:
        if (m := self.a["submission"].match(text)) and ocr:
            self._dimension_from(_no(m["no"]), line)
        if not (m and _fits(no := self._in_dimension(_no(m["no"]), line, ocr, 3), self.dimension, 3)):
            return self._garbled_submission(line, text, ocr)
        new = Heading("submission", no, m["name"].strip(), line.page)
        if self.mission is None or not new.no.startswith(self.mission.no + "."):
            # its mission's heading not read (or not printed): the number is the sub-mission's own
            mission_no = new.no.rpartition(".")[0]
            self.mission = Heading("mission", mission_no, "", line.page)
            self.checks.append(check("anchor-inferred", line.page, f"Part 3: mission {mission_no} inferred from "
                                     f"the sub-mission heading {new.no} (no “{mission_no}” heading read before it)"))
        # consecutive sub-mission headings all lead to the next project
        if self.submission is not None and not self.submission_used:
            new = Heading("submission", f"{self.submission.no};{new.no}", f"{self.submission.name}\n{new.name}",
                          self.submission.page)
        self.submission, self.submission_used = new, False
        self.open_heading = "submission"
        return True

    def _garbled_submission(self, line: Line, text: str, ocr: bool) -> bool:
        """On an OCR'd page, a heading numbered in three parts OCR garbled ("¢.0.0. ส่งเสริม…"), or
        whose digits spell the next sub-mission with its stops lost ("๒๓.๑จัดทำ…" after mission 2.3),
        where a sub-mission may open (a mission read, no project's field open): the next sub-mission
        of that mission, with a check."""
        if not (ocr and self.mission is not None):
            return False
        last = self.submission.no.split(";")[-1] if self.submission is not None else ""
        k = int(last.rpartition(".")[2]) + 1 if last.startswith(self.mission.no + ".") else 1
        no = f"{self.mission.no}.{k}"
        if not (m := _OCR_SUBMISSION.match(text)):
            m = _OCR_SUBMISSION_DIGITS.match(text)
            if not (m and regex.sub(r"[^0-9]", "", to_arabic(m["no"])) == no.replace(".", "")):
                return False
        self.checks.append(check("ocr-number-corrected", line.page,
                                 f"OCR read sub-mission heading “{m['no']}”; the sequence gives {no}"))
        return self._submission_heading(line, f"{no} {m['name']}", False, None)

    def _mission_heading(self, line: Line, text: str, ocr: bool, _garbled: object) -> bool:
        if (m := self.a["mission"].match(text)) and ocr:
            self._dimension_from(_no(m["no"]), line)
        if not (m and _fits(no := self._in_dimension(_no(m["no"]), line, ocr, 2), self.dimension, 2)):
            return self._garbled_mission(line, text, ocr)
        self.mission = Heading("mission", no, m["name"].strip(), line.page)
        self.submission = None
        self.open_heading = "mission"
        return True

    def _garbled_mission(self, line: Line, text: str, ocr: bool) -> bool:
        """On an OCR'd page, a heading numbered in two parts OCR garbled ("0.0การเสริมสร้าง…") right
        after a dimension's heading (no mission of it read yet; elsewhere such a line may be a list
        item after a project's last field): the dimension's first mission, with a check."""
        if not (ocr and self.dimension is not None and self.mission is None and self.open_heading == "dimension"
                and (m := _OCR_MISSION.match(text))):
            return False
        no = f"{self.dimension.no}.1"
        self.checks.append(check("ocr-number-corrected", line.page,
                                 f"OCR read mission heading “{m['no']}”; the sequence gives {no}"))
        self.mission = Heading("mission", no, m["name"].strip(), line.page)
        self.submission = None
        self.open_heading = "mission"
        return True

    def _heading_continued(self, line: Line, text: str, _ocr: bool, _garbled: object) -> bool:
        """A wrapped heading name: its next line joins it (unless the name ends with it already: a
        dimension OCR read is named as the template names it, wrapped part and all)."""
        if self.open_heading is None:
            return False
        current = {"dimension": self.dimension, "mission": self.mission, "submission": self.submission}[self.open_heading]
        if current is not None and not "".join(current.name.split()).endswith("".join(text.split())):
            updated = Heading(current.level, current.no, _join_heading(current.name, text), current.page,
                              current.raw_word)
            setattr(self, self.open_heading, updated)
        return True


def _fits(no: str, dimension: Heading | None, depth: int) -> bool:
    """A mission/sub-mission number must belong to the current dimension."""
    parts = no.split(".")
    return len(parts) == depth and dimension is not None and parts[0] == dimension.no


def _join_heading(name: str, more: str) -> str:
    return join_lines([name, more])
