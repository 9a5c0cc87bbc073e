"""Appendix: the announcement that adopts the plan, and the committee order with its members."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import regex

from pipeline.checks import check
from pipeline.layout import join_lines
from pipeline.numerals import thai_int, to_arabic
from pipeline.records import Check, Line, Member, Page

from .tables import PageWords, cell_lines

TITLES = r"(?:นางสาว|นาง|นาย|ว่าที่\s*ร้อย(?:ตรี|โท|เอก)|ว่าที่\s*ร\.ต\.|ดร\.|จ่าเอก|สิบเอก|พันตำรวจ\S*)"
ROLES = regex.compile(
    r"\s*((?:รอง)?ประธาน(?:คณะ)?กรรมการ|(?:คณะ)?กรรมการ\s*(?:/\s*|และ\s*)?(?:ผู้ช่วย)?เลขานุการ"
    r"|(?:ผู้ช่วย)?เลขานุการ|(?:คณะ)?กรรมการ|ที่ปรึกษา)\s*$")
_MEMBER = regex.compile(r"^([0-9๐-๙]{1,3})\s*\.\s*(.+)$")
_PERSON = regex.compile(rf"^({TITLES}\s*\S+\s+\S+)\s*(.*)$")
# how an office's name opens (นายกเทศมนตรี, ปลัด…, ผู้อำนวยการกอง…, หัวหน้าสำนัก…, นักวิเคราะห์…)
_OFFICE = regex.compile(r"(?:รอง)?(?:นายก|ปลัด|ผู้อำนวยการ|หัวหน้า|ผู้ช่วย|นัก[ก-ฮ]|เจ้าพนักงาน|เจ้าหน้าที่|ประธาน"
                        r"|สมาชิก|เลขานุการ|ผู้ใหญ่บ้าน|กำนัน|ครู|พนักงาน|ข้าราชการ|ผู้แทน)")
_NUMBER = regex.compile(r"(?:ฉบับที่|^ที่)\s*([0-9๐-๙]+\s*/\s*[0-9๐-๙]{4})")
_DATE = regex.compile(r"(?:ณ\s*)?วันที่\s*([0-9๐-๙]{1,2})\s*(?:เดือน)?\s*(\S+)\s*(?:พ\.\s*ศ\.)?\s*([0-9๐-๙]{4})")
_SIGNATORY = regex.compile(r"^\(?\s*(" + TITLES + r"\s*\S+\s+\S+?)\s*\)?$")


@dataclass(frozen=True, slots=True)
class Instrument:
    """The announcement (ประกาศ) or the order (คำสั่ง)."""

    number: str = ""
    date: str = ""  # ISO 8601, Gregorian
    date_printed: str = ""
    signatory: str = ""
    signatory_title: str = ""
    page: int | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def iso_date(day: str, month: str, year_be: str) -> str:
    """ "๒๑", "กันยายน", "๒๕๖๕" → "2022-09-21" (fiscal and calendar years are Buddhist era in plans)."""
    from pythainlp.util import thai_strptime

    try:
        return thai_strptime(f"{to_arabic(day)} {month} {to_arabic(year_be)}", "%d %B %Y").date().isoformat()
    except ValueError:
        return ""


def _instrument(lines: list[Line]) -> Instrument:
    number = date = printed = signatory = title = ""
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not number and (m := _NUMBER.search(text)):
            number = "".join(m[1].split())
        if m := _DATE.search(text):
            date, printed = iso_date(m[1], m[2], m[3]), m[0]
            for j in range(i + 1, min(i + 4, len(lines))):
                if sm := _SIGNATORY.match(lines[j].text.strip()):
                    signatory = " ".join(sm[1].split())
                    title = lines[j + 1].text.strip() if j + 1 < len(lines) else ""
                    break
    return Instrument(number, date, printed, signatory, title, lines[0].page if lines else None)


def split_appendix(lines: tuple[Line, ...]) -> tuple[list[Line], list[Line]]:
    """The announcement's lines and the order's lines."""
    announcement: list[Line] = []
    order: list[Line] = []
    current = None
    for line in lines:
        text = line.text.strip()
        if text.startswith("ประกาศ") and "ณ" not in text and current is None or text.startswith("(ฉบับที่"):
            current = announcement
        elif text.startswith("คำสั่ง"):
            current = order
        if current is not None:
            current.append(line)
    return announcement, order


def _member_lines(order: list[Line]) -> tuple[list[Line], list[Line]]:
    """The lines of the member list: after "ประกอบด้วย", before the duties ("โดยมีหน้าที่…"); and the
    lines read after the duties that stand beside the list, right of its lines' ends, level with
    them (a column OCR read as a block of its own: the roles, "ประธานกรรมการ" / "กรรมการ" …)."""
    out: list[Line] = []
    inside = False
    before = ""  # the line before, for a keyword wrapped over two lines ("ประกอบ" / "ด้วย")
    rest = len(order)
    for k, line in enumerate(order):
        text = line.text.strip()
        if not inside:
            inside = "ประกอบด้วย" in "".join((before[-12:] + text).split())
            before = text
            continue
        if text.startswith(("โดยมีหน้าที่", "ให้คณะกรรมการ", "ทั้งนี้")):
            rest = k
            break
        if not text.startswith("/"):  # "/๑๖. …": continued overleaf
            out.append(line)
    beside = []
    for line in order[rest:]:
        level = [ln for ln in out if ln.page == line.page]
        if not level:
            continue
        tall = max(ln.bbox[3] - ln.bbox[1] for ln in level)
        middle = (line.bbox[1] + line.bbox[3]) / 2
        if (min(ln.bbox[1] for ln in level) <= middle <= max(ln.bbox[3] for ln in level) + 0.75 * tall
                and line.bbox[0] > min(ln.bbox[2] for ln in level)):
            beside.append(line)
    return out, beside


def members(order: list[Line], doc_id: str, pages: dict[int, Page] | None = None) -> list[Member]:
    """One row per printed member, from "ประกอบด้วย" to the duties ("โดยมีหน้าที่…").

    A member's cells wrap inside the table; the wrapped pieces follow its first line and are
    joined to it before the role (last column) and the person's name are read off.
    """
    rows: list[tuple[int, list[str], int]] = []
    listed, beside = _member_lines(order)
    if pages and (by_columns := members_by_columns(listed + beside, pages, doc_id)) is not None:
        return by_columns
    firsts: list[Line] = []  # each member's first line
    for line in listed:
        text = line.text.strip()
        if m := _MEMBER.match(text):
            rows.append((int(to_arabic(m[1])), [m[2]], line.page))
            firsts.append(line)
        elif rows:
            rows[-1][1].append(text)
    roles = _roles_beside(firsts, beside)
    out: list[Member] = []
    for k, (no, pieces, page) in enumerate(rows):
        rest = join_lines(pieces)
        role_match = None if k in roles else ROLES.search(rest)
        role = roles.get(k) or ("".join(role_match[1].split()) if role_match else "")
        rest = rest[: role_match.start()].strip() if role_match else rest.strip()
        name, position = _name_and_position(rest, "")
        out.append(Member(doc_id, no, name, position, role, page))
    return out


def _roles_beside(firsts: list[Line], beside: list[Line]) -> dict[int, str]:
    """Member index → its role, where the roles were read as a column of their own beside the list
    (``_member_lines``): each role line belongs to the member whose first line is the last to start
    above its middle; a member's lines of it, joined, must be a role ("กรรมการและ" / "เลขานุการ")."""
    pieces: dict[int, list[str]] = {}
    for line in beside:
        middle = (line.bbox[1] + line.bbox[3]) / 2
        above = [k for k, first in enumerate(firsts)
                 if (first.page, first.bbox[1]) <= (line.page, middle)]
        if above:
            pieces.setdefault(above[-1], []).append(line.text)
    roles = {k: "".join("".join(texts).split()) for k, texts in pieces.items()}
    return {k: role for k, role in roles.items() if ROLES.fullmatch(role)}


def _name_and_position(person_text: str, position: str) -> tuple[str, str]:
    """A member's name and position; a member listed by office alone ("ผู้อำนวยการกองคลัง") has no
    name, the office is the position.

    >>> _name_and_position("นายบุญมี แก้วกันหา ประธานสภา", ""), _name_and_position("ผู้อำนวยการกองช่าง", "")
    (('นายบุญมี แก้วกันหา', 'ประธานสภา'), ('', 'ผู้อำนวยการกองช่าง'))

    OCR may lose the space between a first name and a surname: where nothing follows the
    "surname" and it opens as offices do, it is the office:
    >>> _name_and_position("นางสาวสมหญิงรักษ์ดี ปลัดองค์การบริหารส่วนตำบลห้วยยอด", "")
    ('นางสาวสมหญิงรักษ์ดี', 'ปลัดองค์การบริหารส่วนตำบลห้วยยอด')
    >>> _name_and_position("นายสมศักดิ์ ประธานพันธ์ รองนายกเทศมนตรี", ""), _name_and_position("นายสมศักดิ์ ประธานพันธ์", "ครู")
    (('นายสมศักดิ์ ประธานพันธ์', 'รองนายกเทศมนตรี'), ('นายสมศักดิ์ ประธานพันธ์', 'ครู'))
    """
    if person := _PERSON.match(person_text):
        words = person[1].split()
        if not person[2] and not position and _OFFICE.match(words[-1]) and regex.match(rf"{TITLES}\S", words[0]):
            # nothing after the "surname", which opens as an office does: OCR lost the space inside the
            # name ("นายสมชายใจดี ปลัดองค์การ…"), the office is what follows the name's one word
            return words[0], join_lines(words[1:])
        return " ".join(person[1].split()), join_lines([person[2], position])
    return "", join_lines([person_text, position])


COLUMN_PT = 8.0  # lines starting within this many points of each other start in one column


def _column_lefts(lines: list[Line]) -> list[float]:
    """Where the member table's columns start: the left edges that two lines or more share."""
    clusters: list[list[float]] = []
    for x in sorted(line.bbox[0] for line in lines):
        if clusters and x - clusters[-1][0] <= COLUMN_PT:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [min(c) for c in clusters if len(c) >= 2]


def members_by_columns(rows: list[Line], pages: dict[int, Page], doc_id: str) -> list[Member] | None:
    """Members read off the printed columns (number and name · position · role), each cell by its
    words' boxes, so that wrapped cells do not run into each other; None when the list shows no
    three columns (it is then read as text)."""
    lefts = _column_lefts(rows)
    if len(lefts) < 3 or any(p not in pages for p in {ln.page for ln in rows}):
        return None
    starts = [ln for ln in rows if abs(ln.bbox[0] - lefts[0]) <= COLUMN_PT and _MEMBER.match(ln.text.strip())]
    if len(starts) < 2:
        return None
    region = {}  # page → (top, bottom) of the list on it
    for ln in rows:
        top, bottom = region.get(ln.page, (ln.bbox[1], ln.bbox[3]))
        region[ln.page] = (min(top, ln.bbox[1]), max(bottom, ln.bbox[3]))
    edges = [*lefts[1:], float("inf")]
    out = []
    for k, start in enumerate(starts):
        nxt = starts[k + 1] if k + 1 < len(starts) else None
        spans = [(start.page, start.bbox[1] - 1, nxt.bbox[1] - 1 if nxt and nxt.page == start.page
                  else region[start.page][1] + 1)]
        for page in sorted(p for p in region if start.page < p <= (nxt.page if nxt else max(region))):
            spans.append((page, region[page][0] - 1, nxt.bbox[1] - 1 if nxt and nxt.page == page
                          else region[page][1] + 1))
        columns = []
        for c, left in enumerate(lefts):
            texts = []
            for page, top, bottom in spans:
                words = PageWords(pages[page].words)
                box = (left - COLUMN_PT / 2, top, edges[c] - COLUMN_PT / 2, bottom)
                texts.extend(line.text for line in cell_lines(words, box))
            columns.append(join_lines(texts))
        number = _MEMBER.match(columns[0])
        role = "".join(columns[-1].split())
        if number is None or not ROLES.fullmatch(role):
            return None  # the columns do not hold number · … · role: read the list as text
        name, position = _name_and_position(number[2], join_lines(columns[1:-1]))
        out.append(Member(doc_id, int(to_arabic(number[1])), name, position, role, start.page))
    return out


def numbers_in_sequence(rows: list[Member]) -> tuple[list[Member], list[Check]]:
    """Members whose number OCR read as its neighbour's ("๓." / "๕." / "๕." for ๓, ๔, ๕) numbered
    as the sequence says, with an ``anchor-inferred`` check each: of two members printed with the
    same number, the first where the one before it is two less, else the second where the one
    after it is two more.

    >>> m = lambda no: Member("x", no, "", f"office {no}", "", 21)
    >>> rows, checks = numbers_in_sequence([m(3), m(5), m(5)]); [r.no for r in rows], [c.code for c in checks]
    ([3, 4, 5], ['anchor-inferred'])
    >>> [r.no for r in numbers_in_sequence([m(1), m(2), m(2), m(4)])[0]], [r.no for r in numbers_in_sequence([m(2), m(2)])[0]]
    ([1, 2, 3, 4], [2, 2])
    """
    rows, checks = list(rows), []
    for k in range(len(rows) - 1):
        a, b = rows[k], rows[k + 1]
        if a.no != b.no:
            continue
        if k > 0 and rows[k - 1].no == a.no - 2:
            no = a.no - 1
        elif k + 2 < len(rows) and rows[k + 2].no == b.no + 2:
            k, no = k + 1, b.no + 1
        else:
            continue
        checks.append(check("anchor-inferred", rows[k].page, f"committee order: member “{rows[k].name or rows[k].position}” "
                            f"read as number {rows[k].no}, as its neighbour is; taken as {no} from the sequence"))
        rows[k] = replace(rows[k], no=no)
    return rows, checks


def numbering_gaps(rows: list[Member]) -> list[tuple[int, int]]:
    """Runs of member numbers that are skipped: [(20, 31)] for 1–19, 32–38."""
    gaps = []
    for prev, cur in zip(rows, rows[1:]):
        if cur.no > prev.no + 1:
            gaps.append((prev.no + 1, cur.no - 1))
    return gaps


def plausible_dates(instruments: tuple[Instrument, ...], start_be: int | None, end_be: int | None
                    ) -> tuple[tuple[Instrument, ...], list[Check]]:
    """Each instrument's date kept only where it can be the plan's: a real calendar date whose year
    is within the plan's period or the year before it (a plan is adopted before it starts). OCR of a
    scanned announcement reads "๒๕๖๑" as "๒๕๐๑": such a date is left empty with a check that
    shows what was printed, never guessed."""
    kept, checks = [], []
    for inst in instruments:
        if not inst.date_printed:
            kept.append(inst)
            continue
        m = _DATE.search(inst.date_printed)
        year = thai_int(m[3]) if m else None
        reason = ""
        if not inst.date:
            reason = "not a calendar date"
        elif start_be and end_be and year is not None and not start_be - 1 <= year <= end_be:
            reason = f"its year {year} is outside the plan's period {start_be}–{end_be} and the year before it"
        if reason:
            checks.append(check("date-implausible", inst.page, f"“{inst.date_printed}” on page {inst.page}: "
                                f"{reason}; the date is left empty"))
            inst = replace(inst, date="")
        kept.append(inst)
    return tuple(kept), checks


def extract_appendix(appendix: tuple[Line, ...], doc_id: str, pages: dict[int, Page] | None = None
                     ) -> tuple[Instrument, Instrument, list[Member]]:
    announcement, order = split_appendix(appendix)
    return _instrument(announcement), _instrument(order), members(order, doc_id, pages)
