"""Thai text repair and normalisation: a fixed, documented order of small rules.

Each rule is a pure ``str -> str`` function; ``repair()`` applies them in the
order of ``RULES`` and counts what changed. Rules only fix sequences that are
impossible in Thai orthography (a space before a combining mark, a doubled
mark, legacy Private Use Area glyphs, a split SARA AM), so they never change
valid text: every rule is idempotent and leaves ASCII alone.

Order matters: invisible characters go first (they hide the patterns below),
PUA glyphs become real marks before any mark rule looks at them, spaces inside
a cluster are joined before marks are re-ordered (PyThaiNLP's ``normalize``
would instead delete a mark that follows a space), and SARA AM is rebuilt
last so that it sees the marks in Unicode order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..records import Line, Page

if TYPE_CHECKING:
    from .backend import RawPage

# ---------------------------------------------------------------- character classes
CONSONANTS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ"
LEADING_VOWELS = "เแโใไ"
ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
BELOW_VOWELS = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ
TONES = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
SIGNS = "\u0e4c\u0e4d\u0e4e"  # ์ ํ ๎
MARKS = ABOVE_VOWELS + BELOW_VOWELS + TONES + SIGNS  # the combining marks
# what OCR makes of dust and a scanner's streak: stops, quotes, bars, colons (no letter, digit or dash)
STRAY_SYMBOLS = ".,'‘’\"“”|:;~`^_°"
# one Latin letter opening a Thai line read by OCR (or a heading's value): a speck ("J มาตรการ…")
LATIN_SPECK_OPENING = regex.compile(r"^[A-Za-z] (?=[\u0e01-\u0e4e])")
NON_INITIAL = "\u0e30\u0e32\u0e33\u0e45"  # ะ า ำ ๅ: spacing vowels that never start a syllable
SARA_AM = "\u0e33"
NIKHAHIT = "\u0e4d"
SARA_AA = "\u0e32"

_THAI = "\u0e01-\u0e5b"
_INVISIBLE = regex.compile(r"[\u0000-\u0008\u000b\u000e-\u001f\u007f\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACE_BEFORE_MARK = regex.compile(rf"[ \u00a0]+(?=[{MARKS}])")  # a mark never follows a space
_SPACE_BEFORE_VOWEL = regex.compile(rf"(?<=[{_THAI}])[ \u00a0]+(?=[{NON_INITIAL}])")
_SPACE_AFTER_LEADING = regex.compile(rf"(?<=[{LEADING_VOWELS}])[ \u00a0]+(?=[{CONSONANTS}])")
_MARK_RUN = regex.compile(rf"[{MARKS}]{{2,}}")
_SPLIT_AM = regex.compile(rf"{NIKHAHIT}([{TONES}]?)[{SARA_AA}{SARA_AM}]")  # ํ(่)า → (่)ำ; ํ(่)ำ too
_REVERSED_AM = regex.compile(rf"(?<=[{CONSONANTS}][{TONES}]?){SARA_AA}{NIKHAHIT}")  # าํ → ำ
_DOUBLED_AM = regex.compile(rf"{SARA_AM}[{SARA_AA}{SARA_AM}]+")  # ำา / ำำ → ำ

# Legacy Thai font slots (Windows U+F700–U+F71A, Mac U+F884–U+F89E) → standard
# code points. Source: HarfBuzz's Thai shaper (hb-ot-shaper-thai.cc,
# thai_pua_shape), the table the shaper itself uses to pick these glyphs.
_PUA_PAIRS: dict[str, tuple[int, int]] = {
    # SD: shifted down
    "\u0e48": (0xF70A, 0xF88B), "\u0e49": (0xF70B, 0xF88E), "\u0e4a": (0xF70C, 0xF891),
    "\u0e4b": (0xF70D, 0xF894), "\u0e4c": (0xF70E, 0xF897), "\u0e38": (0xF718, 0xF89B),
    "\u0e39": (0xF719, 0xF89C), "\u0e3a": (0xF71A, 0xF89D),
}
_PUA_MAP: dict[int, str] = {}
for _char, (_win, _mac) in _PUA_PAIRS.items():
    _PUA_MAP[_win] = _PUA_MAP[_mac] = _char
for _char, _win, _mac in (
    # SDL: shifted down and left
    ("\u0e48", 0xF705, 0xF88C), ("\u0e49", 0xF706, 0xF88F), ("\u0e4a", 0xF707, 0xF892),
    ("\u0e4b", 0xF708, 0xF895), ("\u0e4c", 0xF709, 0xF898),
    # SL: shifted left
    ("\u0e48", 0xF713, 0xF88A), ("\u0e49", 0xF714, 0xF88D), ("\u0e4a", 0xF715, 0xF890),
    ("\u0e4b", 0xF716, 0xF893), ("\u0e4c", 0xF717, 0xF896), ("\u0e31", 0xF710, 0xF884),
    ("\u0e34", 0xF701, 0xF885), ("\u0e35", 0xF702, 0xF886), ("\u0e36", 0xF703, 0xF887),
    ("\u0e37", 0xF704, 0xF888), ("\u0e47", 0xF712, 0xF889), ("\u0e4d", 0xF711, 0xF899),
    # RD: consonants with the descender removed
    ("\u0e0d", 0xF70F, 0xF89A), ("\u0e10", 0xF700, 0xF89E),
):
    _PUA_MAP[_win] = _PUA_MAP[_mac] = _char
_PUA_TABLE = str.maketrans(_PUA_MAP)
PUA = regex.compile(r"[\ue000-\uf8ff]")
# Symbol fonts (Wingdings 2 in Thai Word forms) put their glyphs at U+F000 + byte; fonts.py maps
# them by each font's chart before poppler reads the file. A Private Use Area character left after
# that is a glyph nothing identifies: U+FFFD, counted in a check.
UNKNOWN_GLYPH = "\ufffd"

# Canonical position of each mark inside a cluster: vowel, then tone, then sign.
_MARK_RANK = {**{m: 0 for m in ABOVE_VOWELS + BELOW_VOWELS}, **{m: 1 for m in TONES},
              **{m: 2 for m in SIGNS}}


# ---------------------------------------------------------------- the rules
def nfc(text: str) -> str:
    r"""Unicode NFC (puts ุ/ู before a tone mark, by combining class).

    >>> nfc("ร\u0e49\u0e39") == "ร\u0e39\u0e49"
    True
    """
    return unicodedata.normalize("NFC", text)


def drop_invisibles(text: str) -> str:
    r"""Remove NUL and other control characters, zero-width spaces/joiners, BOM, soft hyphen.

    >>> drop_invisibles("ก\u200bา\u0000ร\ufeff")
    'การ'
    """
    return _INVISIBLE.sub("", text)


def map_pua(text: str) -> str:
    r"""Legacy Thai-font Private Use Area glyphs → standard code points (HarfBuzz's table).

    >>> map_pua("ป\uf70bอง") == "ป\u0e49อง"
    True
    """
    return text.translate(_PUA_TABLE)


def map_symbol_pua(text: str) -> str:
    r"""A Private Use Area glyph no font data identified → U+FFFD (counted in a check, never guessed).

    >>> map_symbol_pua("\uf0a3 บิดา \ue123")
    '� บิดา �'
    """
    return PUA.sub(UNKNOWN_GLYPH, text)


def join_cluster_spaces(text: str) -> str:
    r"""Delete a space that splits a cluster: before a mark or a non-initial vowel, after a leading vowel.

    >>> join_cluster_spaces("ชื ่อ ฝ่ าย เ ทศบาล")
    'ชื่อ ฝ่าย เทศบาล'
    >>> join_cluster_spaces("ผู้ บริ ห า ร")
    'ผู้ บริ หา ร'
    """
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _SPACE_BEFORE_VOWEL.sub("", text)
    return _SPACE_AFTER_LEADING.sub("", text)


def order_marks(text: str) -> str:
    r"""Put a cluster's marks in Unicode order (vowel, tone, sign) and drop a doubled identical mark.

    >>> order_marks("ก\u0e48\u0e34น") == "ก\u0e34\u0e48น"
    True
    >>> order_marks("ที\u0e48\u0e48") == "ที\u0e48"
    True
    """

    def fix(m: regex.Match[str]) -> str:
        seen: list[str] = []
        for mark in m[0]:
            if mark not in seen:
                seen.append(mark)
        return "".join(sorted(seen, key=lambda c: _MARK_RANK[c]))

    return _MARK_RUN.sub(fix, text)


def rebuild_sara_am(text: str) -> str:
    r"""SARA AM split into NIKHAHIT + SARA AA (either order) or doubled (a NIKHAHIT before a SARA AM,
    as where a Word font maps its SARA AA glyph to SARA AM) → one SARA AM.

    >>> rebuild_sara_am("ค\u0e4d\u0e32นํา") == "คำนำ"
    True
    >>> rebuild_sara_am("น\u0e4d\u0e49\u0e32") == "น\u0e49\u0e33"
    True
    >>> rebuild_sara_am("ทําา") == "ทำ"
    True
    >>> rebuild_sara_am("ส\u0e4d\u0e33นัก") == "สำนัก"
    True
    """
    text = _SPLIT_AM.sub(lambda m: m[1] + SARA_AM, text)
    text = _REVERSED_AM.sub(SARA_AM, text)
    return _DOUBLED_AM.sub(SARA_AM, text)


Rule = Callable[[str], str]
RULES: tuple[Rule, ...] = (nfc, drop_invisibles, map_pua, map_symbol_pua, join_cluster_spaces,
                           order_marks, rebuild_sara_am, nfc)


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    changes: dict[str, int]  # rule name → characters changed

    @property
    def total(self) -> int:
        return sum(self.changes.values())


# Anything any rule could change; a text with none of it (most lines of a clean PDF) is left as
# it is without running the rules. tests/test_thai.py proves the superset with hypothesis.
_VOWEL_MARKS = ABOVE_VOWELS + BELOW_VOWELS
_SUSPECT = regex.compile(
    _INVISIBLE.pattern[:-1] + "\ue000-\uf8ff" + NIKHAHIT + "]"  # invisibles, PUA, NIKHAHIT
    + rf"|[ \u00a0][{MARKS}{NON_INITIAL}]|[{LEADING_VOWELS}][ \u00a0]|{SARA_AM}[{SARA_AA}{SARA_AM}]"
    # mark pairs order_marks would change: out of rank order, or two of one rank
    + rf"|[{TONES}{SIGNS}][{_VOWEL_MARKS}]|[{SIGNS}][{TONES}]|[{_VOWEL_MARKS}][{_VOWEL_MARKS}]"
    + rf"|[{TONES}][{TONES}]|[{SIGNS}][{SIGNS}]"
)


def may_need_repair(text: str) -> bool:
    r"""False when no rule can change ``text`` (a cheap screen before ``repair``).

    >>> may_need_repair("เทศบาลเมืองกาฬสินธุ์ ที่ ๑"), may_need_repair("ชื ่อ")
    (False, True)
    """
    return bool(_SUSPECT.search(text)) or not unicodedata.is_normalized("NFC", text)


def repair(text: str) -> Repaired:
    r"""Apply every rule in order and count what each changed.

    >>> r = repair("เทศบาลต\u0e4d\u0e32บล ชื ่อ")
    >>> r.text, r.changes
    ('เทศบาลตำบล ชื่อ', {'join_cluster_spaces': 1, 'rebuild_sara_am': 1})
    """
    changes: dict[str, int] = {}
    if not may_need_repair(text):
        return Repaired(text, changes)
    for rule in RULES:
        fixed = rule(text)
        if fixed != text:
            changes[rule.__name__] = changes.get(rule.__name__, 0) + abs(len(text) - len(fixed)) or 1
            text = fixed
    return Repaired(text, changes)


def repair_text(text: str) -> str:
    r"""``repair(text).text``: the rules without the counts."""
    return repair(text).text


# ---------------------------------------------------------------- damage counters
def has_pua(text: str) -> bool:
    return bool(PUA.search(text))


def damage(text: str) -> dict[str, int]:
    r"""Counts of what the output contract forbids (all zero on a clean text).

    >>> damage("ทําา ชื ่อ")
    {'pua': 0, 'sara_am_split': 1, 'space_before_mark': 1}
    """
    return {
        "pua": len(PUA.findall(text)),
        "sara_am_split": text.count(SARA_AM + SARA_AA) + text.count(NIKHAHIT + SARA_AA),
        "space_before_mark": len(regex.findall(rf"[ \u00a0][{MARKS}]", text)),
    }


# ---------------------------------------------------------------- the stage
def repair_pages(raw_pages: Sequence[RawPage]) -> tuple[Page, ...]:
    """Stage: repair every line of every page, keeping the raw text beside it."""
    pages = []
    for raw in raw_pages:
        lines = []
        total = 0
        for rl in raw.lines:
            fixed = repair(rl.text)
            total += fixed.total
            lines.append(Line(raw.number, fixed.text, rl.text, rl.bbox, fixed.total))
        source = "repaired" if total else "text-layer"
        pages.append(Page(raw.number, raw.width, raw.height, tuple(lines), source, total,
                          words=raw.words, rulings=raw.rulings))
    return tuple(pages)


# what no Thai text holds (quality.INVALID counts it): marks with no letter under them, a second tone
# mark, a leading vowel no consonant follows; SARA E typed twice is SARA AE (เเละ)
MARK_BASES = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e47-\u0e4e"  # what a mark may follow: a letter, a vowel, a mark
_BASELESS_MARKS = regex.compile(rf"(?:^|(?<=[^{MARK_BASES}]))[{MARKS}]+")
_MARKED_SYMBOLS = regex.compile(rf"(?<!\S)[^\s\w]{{1,3}}[{MARKS}]+(?!\S)")  # a speck's symbols and marks: ":๊"
_SECOND_TONES = regex.compile(rf"(?<=[{TONES}])[{TONES}]+")
_LONE_LEADING = regex.compile(rf"[{LEADING_VOWELS}]+(?![{CONSONANTS}])")
_SPACES = regex.compile(r" {2,}")


def without_impossible(text: str) -> str:
    """OCR's text without the sequences no Thai text holds, which it reads off specks, stamps and
    signatures ("ลำดับที่๕๊", "สุจริต :๊", "ใใใใโ 7็"): marks on no letter, a second tone mark, a
    leading vowel before no consonant (SARA E read twice before a consonant is SARA AE). A word of
    symbols the marks sit on goes with them: it is the same speck.

    >>> without_impossible("ลำดับที่๕๊ สุจริต :๊ ปใใใใโ 7็ เเละ ก่่า ดังนี้ :")
    'ลำดับที่๕ สุจริต ป 7 และ ก่า ดังนี้ :'
    """
    kept = _MARKED_SYMBOLS.sub("", text.replace("\u0e40\u0e40", "\u0e41"))
    kept = _LONE_LEADING.sub("", _SECOND_TONES.sub("", _BASELESS_MARKS.sub("", kept)))
    return text if kept == text else _SPACES.sub(" ", kept).strip()


_MARKS_AND_SPACES = regex.compile(rf"[{MARKS}\s]")


def without_marks(text: str) -> str:
    """Text as OCR may read it with every mark lost, and no spaces: what anchors and headings are
    compared on where a page was OCR'd.

    >>> without_marks("ส่วนท ๒"), without_marks("ประเด็นความเสี่ยง") == without_marks("ประเด็นความเสียง")
    ('สวนท๒', True)
    """
    return _MARKS_AND_SPACES.sub("", text)
