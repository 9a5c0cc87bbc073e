"""NACC template generations as data (``templates/*.json``), compiled once.

A municipality whose plan says "วิธีการดำเนินงาน" instead of "วิธีดำเนินการ"
is a new synonym in the JSON file, not new code. ``ocr_openings`` holds the words a
field's value opens with in the template (the duration: ปีงบประมาณ), given back on
OCR'd pages where a letter or two of them was misread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import regex

from pipeline.numerals import thai_int
from pipeline.text.thai import LATIN_SPECK_OPENING, MARKS, NON_INITIAL, STRAY_SYMBOLS

TEMPLATE_DIR = Path(__file__).with_name("templates")
DEFAULT_TEMPLATE = "nacc_2566_2570"
MIN_BARE_HEADINGS = 6  # a plan's lines that are a field heading alone or with a colon, and none numbered
BARE_INDENT_PT = 5.0  # a field's text is indented at least this far right of its unnumbered heading


# On OCR'd lines a field number may come out as up to three other characters, its stop as another
OCR_NUMBER = (regex.compile(r"^(?:[-–.,·'‘’]\s+)?(?P<no>[0-9๐-๙]{1,2})\s*(?:[.,«»:;·]\s*){0,3}"),  # ๗, งบ… / - ๗ งบ… / 1. . ชื่อ…
              regex.compile(r"^(?P<no>)\S{1,3}?\s*(?:[.,«»:;·]\s*){1,3}"),  # ฆซ . งบประมาณ / ๗ซ . งบประมาณ / «,. ผลผลิต
              regex.compile(r"^(?P<no>)(?:[0-9๐-๙]{1,2}\s+){2}"),  # 0 0 ชื่อโครงการ: "๑." read as two numbers
              regex.compile(r"^(?P<no>)[A-Za-z]{1,3}\s+"))  # ey พื้นที่ดำเนินการ: "๕." read as Latin


# what OCR reads after a heading before its value: the colon, dust read as stops or as marks with
# no letter under them ("เป้าหมาย๊ :", "งบประมาณที่ใช้ในการดำเนินการ ."), and the end of a heading
# word the heading's match stopped short of, which opens with a vowel no word opens with
# ("งบประมาณด" + "ำเนินการ ๕๐,๐๐๐ บาท")
_COLON_OR_END = regex.compile(r"\s*(?::|$)")
_REST_SPECKS = regex.compile(rf"^(?:[\s{STRAY_SYMBOLS}]|[{NON_INITIAL}{MARKS}][\u0e01-\u0e4e]*)+")
# all a heading's line holds after it: no value is one letter or figure, with or without marks ("5๋"),
# nor a Latin word of three letters or fewer that dust beside the heading became ("เป้าหมาย ae", "sor")
_LONE_SPECK = regex.compile(rf"[\u0e01-\u0e2e0-9๐-๙][{MARKS}]*|[A-Za-z]{{1,3}}")


def _ocr_rest(text: str) -> str:
    """What an OCR'd heading's line holds after the heading, specks read around it dropped: "๒.
    หลักการและเหตุผล ง", "๕. วิธีดำเนินการ 5" hold no value (a dust speck or a marker's shadow).

    >>> _ocr_rest(" ง"), _ocr_rest(" 5"), _ocr_rest(" 5๋"), _ocr_rest("ำเนินการ ๕๐,๐๐๐ บาท"), _ocr_rest(" -"), _ocr_rest(": J โครงการ")
    ('', '', '', '๕๐,๐๐๐ บาท', '-', 'โครงการ')
    >>> _ocr_rest(" ae"), _ocr_rest(" sor"), _ocr_rest(" ITA Score")
    ('', '', 'ITA Score')
    """
    rest = LATIN_SPECK_OPENING.sub("", _REST_SPECKS.sub("", text).strip())
    return "" if _LONE_SPECK.fullmatch(rest) else rest


def _fuzzy(synonym: str) -> regex.Pattern[str]:
    """A heading synonym with one character OCR misread ("ผู้รับถิดชอบ"): one substitution, no
    insertion or deletion (those would let a short word vanish and "มาตรการ…" pass for "ชื่อมาตรการ");
    a tone mark OCR put on a letter that has none ("ชื่อโครงก่าร") or a vowel above or below a letter
    that OCR lost ("ผู้รบผดชอบ", a noisy scan) is no error at all.

    >>> bool(_fuzzy(_tolerant("ชื่อโครงการ")).match("ชื่อโครงก่าร")), bool(_fuzzy("วัตถุประสงค์").match("มาตรการ"))
    (True, False)
    >>> bool(_fuzzy(_tolerant("ผู้รับผิดชอบ(?:โครงการ)?")).fullmatch("ผู้รบผดชอบ"))
    True
    """
    stray_tone = regex.sub(r"(?<=[\u0e01-\u0e3a\u0e40-\u0e46])(?![\u0e48-\u0e4b]|\[)", "[\u0e48-\u0e4b]?", synonym)
    lost_vowels = regex.sub(r"([\u0e31\u0e34-\u0e3a\u0e47])(?![?*+])", r"\1?", stray_tone)
    return regex.compile(rf"(?b)(?:{lost_vowels}){{s<=1}}")


def _any_fuzzy(synonyms: list[str]) -> regex.Pattern[str]:
    """``_fuzzy`` of every synonym as one pattern: it matches where any of them would (the one
    substitution is allowed in whichever alternative matches)."""
    return regex.compile("(?:" + "|".join(_fuzzy(s).pattern[len("(?b)"):-len("{s<=1}")] for s in synonyms)
                         + "){s<=1}")


def _opening(words: str) -> regex.Pattern[str]:
    """The words a field's value opens with, read by OCR with up to two letters wrong and one extra
    ("ขีงบประมาณ", "ปขีงบประมาณ" for ปีงบประมาณ); none missing, so "งบประมาณ" is not taken for it.
    A speck read before them ("1 ปขีงบประมาณ") goes with them; an abbreviation may follow with no
    space ("ปขีงบประมาณพ . ศ .").

    >>> [bool(_opening("ปีงบประมาณ").match(t)) for t in ("ขีงบประมาณ พ.ศ.", "ปขีงบประมาณ", "งบประมาณ", "ใช้งบประมาณ")]
    [True, True, False, False]
    >>> [_opening("ปีงบประมาณ").match(t)[0] for t in ("1 ปขีงบประมาณ พ.ศ.", "ปขีงบประมาณพ . ศ .")]
    ['1 ปขีงบประมาณ', 'ปขีงบประมาณ']
    """
    return regex.compile(rf"(?b)^(?:\S{{1,2}}\s+)?(?:{words}){{s<=2,i<=1,e<=2}}(?![\u0e01-\u0e2e](?!\s?\.))")


@dataclass(frozen=True, slots=True)
class FieldHeading:
    number: int | None  # as printed (plans misnumber fields); None if OCR made it unreadable
    name: str  # the Project column it fills
    rest: str  # text after the heading on the same line
    misspelt: str = ""  # the heading as printed, where it is one letter off the template's


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    fiscal_years: int
    dimensions: dict[int, str]
    anchors: dict[str, regex.Pattern[str]]  # no "project" anchor: a project starts at its name field
    field_heading: regex.Pattern[str]
    fuzzy_headings: tuple[tuple[str, regex.Pattern[str]], ...]  # for OCR'd lines
    any_fuzzy_heading: regex.Pattern[str]  # all of them in one: a line none can open fails it fast
    field_of_heading: tuple[tuple[str, regex.Pattern[str]], ...]
    list_fields: frozenset[str]
    ocr_openings: dict[str, tuple[str, regex.Pattern[str]]]  # field → (the words it opens with, OCR misreads)
    results_blocks: dict[str, regex.Pattern[str]]
    results_blocks_ocr: dict[str, regex.Pattern[str]]  # the same read by OCR (``_ocr_block``)
    list_marker: regex.Pattern[str]
    kinds: tuple[str, ...]
    part2: dict[str, regex.Pattern[str]]  # Part 2's header words, total and count rows (see the JSON)
    bare_heading: regex.Pattern[str] = regex.compile(r"(?!)")  # a heading alone, or with a colon and its text
    bare_headings: bool = False  # the plan prints its field headings without numbers (``with_bare_headings``)
    bare_x: float | None = None  # where those headings start on the page (their lines' median left edge)

    def with_bare_headings(self, texts: list[str], starts: list[float] | None = None) -> Template | None:
        """This template reading headings printed without their numbers ("หลักการและเหตุผล" alone on its
        line, "ชื่อโครงการ : …"), where the plan's lines show it prints them so: none numbered, at
        least MIN_BARE_HEADINGS bare. None where the plan numbers them (a line that a wrap left as one
        heading word, "งบประมาณ", is then no heading). ``starts``, the left edge of each text's line,
        places the headings: a heading's words indented as body text past them are body text
        ("…ของกลุ่ม" / "เป้าหมาย", a wrapped item's last word).

        >>> t = load(); plan = ["ชื่อโครงการ : ก", "หลักการและเหตุผล", "ข้อความ", "วัตถุประสงค์", "งบประมาณดำเนินการ"] * 2
        >>> t.with_bare_headings(plan).match_field("หลักการและเหตุผล").name, t.with_bare_headings(["๑. ชื่อโครงการ : ก"] + plan)
        ('rationale', None)
        >>> placed = t.with_bare_headings(plan, [57.0, 57.0, 85.0, 57.0, 57.0] * 2)
        >>> placed.bare_x, placed.match_field("วัตถุประสงค์", x=57.0).name, placed.match_field("วัตถุประสงค์", x=85.0)
        (57.0, 'objectives', None)
        """
        if any(self.field_heading.match(t) for t in texts):
            return None
        bare = [k for k, t in enumerate(texts) if self._bare(t)]
        if len(bare) < MIN_BARE_HEADINGS:
            return None
        xs = sorted(starts[k] for k in bare) if starts is not None else []
        return replace(self, bare_headings=True, bare_x=xs[len(xs) // 2] if xs else None)

    def _bare(self, text: str) -> FieldHeading | None:
        """A template heading alone on its line or before a colon, without a number (not a sub-block)."""
        text = text.strip()
        if (m := self.bare_heading.match(text)) and (name := self.field_for(m["head"])) and not self.results_block(text):
            return FieldHeading(None, name, (m["rest"] or "").strip())
        return None

    def any_heading(self, text: str, ocr: bool = False) -> FieldHeading | None:
        """A field heading numbered or not: a heading cell of a form prints either (read by OCR: the
        numbered ones, as ``match_field`` finds them).

        >>> t = load("nacc_2566_2570")
        >>> t.any_heading("หลักการและเหตุผล").name, t.any_heading("๒. หลักการและเหตุผล").name, t.any_heading("ผลผลิต")
        ('rationale', 'rationale', None)
        """
        return self.match_field(text, ocr) or (None if ocr else self._bare(text))

    def results_block(self, text: str) -> bool:
        """Whether a line is a results field's sub-block heading ("ผลผลิต", "ผลลัพธ์" alone)."""
        return any(p.match(text) for p in self.results_blocks.values())

    def match_field(self, text: str, ocr: bool = False, x: float | None = None) -> FieldHeading | None:
        """A field heading line ("๗. งบประมาณดำเนินการ …") → its number, field and the rest (``x``: where
        the line starts, for a plan whose headings are unnumbered: ``with_bare_headings``).

        On an OCR'd line the number may come out as anything short ("ฆซ .", "ol.", "๗,") and the name
        with a character or two misread ("ผู้รับถิดชอบโครงการ"): the heading is then the synonym that
        matches with the fewest errors, and its number None when OCR left no number.

        >>> load().match_field("๗ งบประมาณดำเนินการ ำเนินการ ๕๐,๐๐๐ บาท", ocr=True).rest
        '๕๐,๐๐๐ บาท'
        """
        m = self.field_heading.match(text)
        name = self.field_for(m["head"]) if m else None
        if m and name:
            return FieldHeading(thai_int(m["no"]), name, _ocr_rest(m["rest"]) if ocr else m["rest"].strip())
        if not ocr:
            if self.bare_x is not None and x is not None and x > self.bare_x + BARE_INDENT_PT:
                return None  # no number to tell it: indented as body text, it is body text
            return (self._bare(text) if self.bare_headings else None) or self._misspelt(text)
        for prefix in OCR_NUMBER:
            if not (number := prefix.match(text)):
                continue
            rest = text[number.end():]
            found = [(sum(f.fuzzy_counts), -(f.end()), field, f.end()) for field, pattern in self.fuzzy_headings
                     if (f := pattern.match(rest))]
            if found:
                _, _, field, end = min(found)
                no = number["no"]
                return FieldHeading(thai_int(no) if no else None, field, _ocr_rest(rest[end:]))
        # the number lost altogether ("ซื้อโครงการ : มาตรการ…"): a heading the line opens with, followed
        # by its colon or by nothing, as no sentence of a field's text is
        found = [(sum(f.fuzzy_counts), -(f.end()), field, f.end()) for field, pattern in self.fuzzy_headings
                 if (f := pattern.match(text)) and _COLON_OR_END.match(text, f.end())]
        if found:
            _, _, field, end = min(found)
            return FieldHeading(None, field, _ocr_rest(text[end:]))
        return None

    def _misspelt(self, text: str) -> FieldHeading | None:
        """A numbered heading printed one letter off ("๑๐. ตังชี้วัด/ผลลัพธ์", "ผู้รับผิดขอบโครงการ"):
        the whole rest of the line must be the heading (or the heading and ": …"), and the
        template's heading long enough that one letter cannot make another word of it.

        >>> t = load(); t.match_field("๑๐. ตังชี้วัด/ผลลัพธ์").name, t.match_field("๘. ผู้รับผิดขอบโครงการ").name
        ('outcomes', 'responsible')
        >>> t.match_field("๓. จัดทำคู่มือ") is None, t.match_field("๒. ผลผลิตรวม ๓ ชิ้น") is None
        (True, True)
        >>> from dataclasses import replace
        >>> replace(t, bare_headings=True).match_field("ผู้รับผิดขอบโครงการ").name, t.match_field("ผู้รับผิดขอบโครงการ")
        ('responsible', None)
        """
        number = OCR_NUMBER[0].match(text)
        if number is None or not number["no"]:
            if not self.bare_headings or self.results_block(text.strip()):
                return None
            number = None  # a plan printing its headings without numbers: the whole line is the heading
        rest = text[number.end():] if number else text.strip()
        if not self.any_fuzzy_heading.match(rest):  # one match instead of one per heading
            return None
        found = []
        for field, pattern in self.fuzzy_headings:
            f = pattern.match(rest)
            if f and len(f[0]) >= 6 and (f.end() == len(rest.rstrip()) or rest[f.end():].lstrip().startswith(":")):
                found.append((sum(f.fuzzy_counts), -f.end(), field, f.end()))
        if not found:
            return None
        _, _, field, end = min(found)
        return FieldHeading(thai_int(number["no"]) if number else None, field, rest[end:].lstrip(" :").strip(),
                            rest[:end].strip())

    def opens_structure(self, text: str) -> bool:
        """Whether a line is one of the template's own headings: a part, the appendix, a dimension,
        mission or sub-mission, a project's "ลำดับที่ N", a field heading or a results block. Such a
        line at the top of page after page (each project on its own page) is the plan's structure,
        not a running header (``segment.drop_furniture``).

        >>> t = load(); [t.opens_structure(x) for x in ("ลำดับที่ ๓", "๒. หลักการและเหตุผล", "ผลลัพธ์", "- ๓ -", "แผนปฏิบัติการ")]
        [True, True, True, False, False]
        """
        text = text.strip()
        return (any(p.pattern and p.match(text) for k, p in self.anchors.items() if k not in ("note", "field"))
                or self.results_block(text)
                or self.match_field(text) is not None)

    def field_for(self, heading: str) -> str | None:
        """The column a printed field heading fills (matched by name, never by number)."""
        for name, pattern in self.field_of_heading:
            if pattern.fullmatch(heading):
                return name
        return None


def _ocr_block(pattern: str) -> regex.Pattern[str]:
    r"""A sub-block heading line ("^ผลผลิต\s*:?\s*$") as OCR reads it off a scan: the word with up to
    two letters wrong, extra or missing ("ผลผลิตา", "ผลลัพ"), specks around it ("ผลผลิต |").

    >>> [bool(_ocr_block(r"^ผลผลิต\s*:?\s*$").match(t)) for t in ("ผลผลิตา", "ผลผลิต |", "ผลผลิตภัณฑ์ชุมชน", "ผลลัพธ์")]
    [True, True, False, False]
    """
    word = regex.sub(r"^\^|(?:\\s\*:\?\\s\*)?\$$", "", pattern)
    return regex.compile(rf"(?b)^[^\u0e01-\u0e4e]*(?:{_tolerant(word)}){{e<=2}}[^\u0e01-\u0e4e]*$")


def _tolerant(pattern: str) -> str:
    """A heading pattern's tone marks optional and interchangeable: OCR drops them ("ชือโครงการ",
    "ลำดับที๕"), and the dictionary may then give back a different one ("ซื้อโครงการ").

    >>> bool(regex.fullmatch(_tolerant("ชื่อโครงการ"), "ชือโครงการ")), bool(regex.fullmatch(_tolerant("ชื่อ"), "ชื้อ"))
    (True, True)
    """
    return regex.sub(r"[\u0e48-\u0e4b](?![?*+])", "[\u0e48-\u0e4b]?", pattern)


@cache
def load(name: str = DEFAULT_TEMPLATE) -> Template:
    path = TEMPLATE_DIR / f"{name}.json"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in TEMPLATE_DIR.glob("*.json")))
        raise ValueError(f"unknown template {name!r}; known: {known}")
    data = json.loads(path.read_text(encoding="utf-8"))
    synonyms = [(f, _tolerant(s)) for f, alts in data["fields"].items() for s in alts]
    # longest alternative first, so "กลุ่มเป้าหมาย" wins over "เป้าหมาย"
    heads = "|".join(s for _, s in sorted(synonyms, key=lambda fs: -len(fs[1])))
    anchors = {k: regex.compile(_tolerant(v)) for k, v in data["anchors"].items() if k != "field" and v}
    return Template(
        name=data["name"],
        fiscal_years=int(data["fiscal_years"]),
        dimensions={int(k): v for k, v in data["dimensions"].items()},
        anchors=anchors,
        field_heading=regex.compile(data["anchors"]["field"].replace("{heads}", heads)),
        fuzzy_headings=tuple((f, _fuzzy(s)) for f, s in synonyms),
        any_fuzzy_heading=_any_fuzzy([s for _, s in synonyms]),
        field_of_heading=tuple((f, regex.compile(s)) for f, s in synonyms),
        list_fields=frozenset(data["list_fields"]),
        ocr_openings={f: (words, _opening(words)) for f, words in data.get("ocr_openings", {}).items()},
        results_blocks={k: regex.compile(_tolerant(v)) for k, v in data["results_blocks"].items()},
        results_blocks_ocr={k: _ocr_block(v) for k, v in data["results_blocks"].items()},
        list_marker=regex.compile(data["list_marker"]),
        kinds=tuple(data["kinds"]),
        part2={k: regex.compile(v) for k, v in data["part2"].items() if not k.startswith("_")},
        bare_heading=regex.compile(rf"^(?P<head>{heads})\s*(?::\s*(?P<rest>.*))?$"),
    )


def generations() -> dict[str, tuple[int, int]]:
    """Each template generation's span of first plan years, from the template files."""
    out = {}
    for path in sorted(TEMPLATE_DIR.glob("*.json")):
        lo, hi = json.loads(path.read_text(encoding="utf-8"))["first_years"]
        out[path.stem] = (int(lo), int(hi))
    return out


def detect(first_lines: list[str]) -> str:
    """The template generation of a plan, from the period printed on its first pages: the template
    whose span of first years (``first_years`` in its file) holds the period's start.

    >>> detect(["(พ.ศ. ๒๕๖๑ - ๒๕๖๔)"]), detect(["(พ.ศ. ๒๕๖๖ - ๒๕๗๐)"]), detect(["(พ.ศ. ๒๕๑๐ - ๒๕๗๐)"])
    ('nacc_2561_2564', 'nacc_2566_2570', 'nacc_2566_2570')
    >>> detect(["(พ.ศ. ๒๕๐๑ - ๒๕๕๐)", "(พ.ศ. ๒๕๖๖ – ๒๕๗๐)"])  # the first misread by OCR
    'nacc_2566_2570'
    """
    from pipeline.numerals import be_years

    spans = generations()

    def of(year: int) -> str | None:
        return next((name for name, (lo, hi) in spans.items() if lo <= year <= hi), None)

    periods = [be_years(t) for t in first_lines if "พ.ศ" in t or "25" in t or "๒๕" in t]
    for start, end in periods:  # a period that can be a plan's decides (an OCR'd page may misread one)
        if start and end and end - start in (3, 4) and (name := of(start)) and of(end - 4) is not None:
            return name
    for start, end in periods:
        if start and end and end > start:
            # an implausible span: one year is misread (OCR: ๒๕๑๐ - ๒๕๗๐); trust the later one
            return of(end - (3 if end <= 2565 else 4)) or DEFAULT_TEMPLATE
    return DEFAULT_TEMPLATE
