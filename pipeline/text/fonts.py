"""The embedded fonts' own glyph data as evidence for the text layer.

A PDF maps each glyph to text through its font's /ToUnicode CMap, and some
writers get that map wrong (WeasyPrint swaps ุ and ์ and drops ู in TLWG
fonts) or leave it out (Microsoft Reporting Services: poppler then prints
Greek letters for Thai). The embedded TrueType program still says which
character each glyph draws: its ``cmap`` table, or a ``uniXXXX`` glyph name;
legacy Thai PUA glyphs go through HarfBuzz's table (``thai.map_pua``).

Where a font's own data names a Thai character for a glyph and the PDF's
map says something else or nothing, ``repaired_copy`` writes a copy of the
PDF with corrected /ToUnicode maps (pikepdf), for poppler to read. A font
whose data is ambiguous for a glyph keeps the PDF's mapping.
"""

from __future__ import annotations

import array
import io
import json
import logging
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import compress
from operator import countOf
from pathlib import Path

from .backend import checked_objects, write_update
from .thai import NIKHAHIT, map_pua

log = logging.getLogger(__name__)


_OWN_DATA = "the font's own cmap/glyph names"
WORD_MAP = 5000  # codes at most in a map Word writes for one run of text (an identity map holds all 65,536)


@dataclass(frozen=True, slots=True)
class FontFix:
    font: str
    corrected: int  # glyphs whose text was wrong or missing
    had_map: bool  # False: the PDF gave no /ToUnicode at all, so all of its text is inferred
    examples: tuple[tuple[str, str], ...]  # (PDF's text, the font's text)
    changes: tuple[tuple[str, str], ...] = ()  # every distinct (PDF's text, the font's text) pair
    spaces_fixed: int = 0  # glyphs the PDF's map called a space that the font's data names otherwise
    evidence: str = _OWN_DATA


def _is_thai(text: str) -> bool:
    return bool(text) and all("\u0e01" <= ch <= "\u0e5b" for ch in text)


def _glyph_text(ttfont) -> dict[int, str]:
    """Glyph id → the one Thai character the font itself says the glyph draws."""
    if "CFF " not in ttfont and "DMAP" not in ttfont and _post_names(ttfont) is None:
        return _glyph_text_unnamed(ttfont)
    order = ttfont.getGlyphOrder()
    by_name: dict[str, set[str]] = {}
    if "cmap" in ttfont:
        for code, name in (ttfont.getBestCmap() or {}).items():
            by_name.setdefault(name, set()).add(unicodedata.normalize("NFC", map_pua(chr(code))))
    out: dict[int, str] = {}
    for gid, name in enumerate(order):
        chars = by_name.get(name)
        if not chars and name.startswith("uni") and len(name) == 7:
            try:
                chars = {map_pua(chr(int(name[3:], 16)))}
            except ValueError:
                chars = None
        if chars and len(chars) == 1:
            (text,) = chars
            if _is_thai(text):
                out[gid] = text
    return out


def _post_names(ttfont) -> list[str] | None:
    """The glyph names a TrueType font's post table holds, or None when it holds too few (format 3:
    none, as in the fonts Word embeds)."""
    if "post" not in ttfont:
        return None
    names = ttfont["post"].getGlyphOrder()
    return names if names is not None and len(names) >= ttfont.getGlyphCount() else None


def _glyph_text_unnamed(ttfont) -> dict[int, str]:
    """``_glyph_text`` for a font whose glyphs have no names of their own, with the same result.

    fontTools names every glyph of such a font from the cmap (reading the cmap twice and making a
    name for each of thousands of glyphs) and the glyphs were then matched back by name; here the
    cmap is read once with glyph ids for names, and the one case a name itself decides is followed: a
    glyph the best cmap does not map, whose lowest code in any Unicode subtable fontTools would
    name "uniXXXX" (a code with no Adobe Glyph List name, such as a PUA code)."""
    from fontTools.agl import UV2AGL

    if "cmap" not in ttfont:
        return {}
    # each glyph "named" by its id (fontTools gives a glyph past the count "glyphNNNNN")
    ttfont.glyphOrder = list(range(ttfont.getGlyphCount()))

    def gid(name: int | str) -> int:
        return name if isinstance(name, int) else int(name[5:])

    by_gid: dict[int, set[str]] = {}
    for code, name in (ttfont["cmap"].getBestCmap() or {}).items():
        by_gid.setdefault(gid(name), set()).add(unicodedata.normalize("NFC", map_pua(chr(code))))
    lowest: dict[int, int] = {}  # glyph → its lowest code in any Unicode subtable, as fontTools names it
    for table in ttfont["cmap"].tables:
        if table.isUnicode():
            for code, name in table.cmap.items():
                g = gid(name)
                lowest[g] = min(lowest.get(g, code), code)
    named: set[str] = set()
    for g in sorted(lowest):
        code = lowest[g]
        name = UV2AGL.get(code) or (f"uni{code:04X}" if code <= 0xFFFF else f"u{code:X}")
        first = name not in named
        named.add(name)
        if g not in by_gid and first and name.startswith("uni") and len(name) == 7:
            by_gid[g] = {map_pua(chr(code))}
    out: dict[int, str] = {}
    for g, chars in by_gid.items():
        if len(chars) == 1 and g < len(ttfont.glyphOrder):
            (text,) = chars
            if _is_thai(text):
                out[g] = text
    return out


def _tounicode(font, problems: list[str] | None = None) -> dict[int, str]:
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    if "/ToUnicode" not in font:
        return {}
    cmap = FileUnicodeMap()
    try:
        data = font.ToUnicode.read_bytes()
        plain = _plain_cmap(data)
        if plain is not None:
            return plain
        CMapParser(cmap, io.BytesIO(data)).run()
    except Exception as exc:  # a broken CMap is the PDF's flaw: treat as missing
        log.info("unreadable ToUnicode in %s: %s", font_name(font), exc)
        if problems is not None:
            problems.append(f"{font_name(font)}: its text map (ToUnicode) cannot be read ({exc})")
        return {}
    return dict(cmap.cid2unichr)


_SECTION = re.compile(rb"beginbf(char|range)(.*?)endbf\1", re.S)
_TOKEN = re.compile(rb"<([0-9A-Fa-f]*)>|(\[)|(\])")
_ONLY_TOKENS = re.compile(rb"(?:\s*(?:<[0-9A-Fa-f]*>|\[|\]))*\s*")
_OTHER_MAPS = re.compile(rb"usecmap|begincid")


def _plain_cmap(data: bytes) -> dict[int, str] | None:
    """A ToUnicode CMap of hex strings and arrays of them (bfchar pairs, bfrange triples: what
    nearly every writer emits) read in one pass, with pdfminer's meaning for each entry; None for
    anything else (glyph names, cid maps, whitespace inside a hex string), which pdfminer reads.

    pdfminer's PostScript tokenizer takes ~0.4 s for one 0000–FFFF identity range, which mPDF and
    other web writers put in every file; this takes a few milliseconds.

    >>> _plain_cmap(b"begincmap 2 beginbfchar <0003> <0020> <0010> <0E01> endbfchar 1 beginbfrange <0020> <0022> <0E33> endbfrange endcmap")
    {3: ' ', 16: 'ก', 32: 'ำ', 33: 'ิ', 34: 'ี'}
    >>> _plain_cmap(b"begincmap 1 beginbfrange <01> <02> [<0E01> <0E02>] endbfrange endcmap")
    {1: 'ก', 2: 'ข'}
    >>> _plain_cmap(b"begincmap 1 beginbfchar <01> /space endbfchar endcmap") is None
    True
    >>> identity = _plain_cmap(b"begincmap 1 beginbfchar <00A0> <0020> endbfchar 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap")
    >>> len(identity), identity[0xA0], identity[0x0E01], identity[0xD800]  # a space is not replaced by NBSP
    (65536, ' ', 'ก', '')
    """
    begin, end = data.find(b"begincmap"), data.rfind(b"endcmap")
    if begin < 0 or end < begin or _OTHER_MAPS.search(data):
        return None
    out: dict[int, str] = {}
    for kind, body in _SECTION.findall(data, begin, end):
        items = _items(body)
        if items is None:
            return None
        if kind == b"char":
            if not all(isinstance(item, bytes) for item in items):
                return None
            _merge(out, ((int.from_bytes(cid, "big"), code.decode("utf-16-be", "ignore"))
                         for cid, code in zip(items[0::2], items[1::2])))
            continue
        for lo, hi, code in zip(items[0::3], items[1::3], items[2::3]):
            if not isinstance(lo, bytes) or not isinstance(hi, bytes):
                return None
            if len(lo) != len(hi):
                continue  # pdfminer skips it too
            start, stop = int.from_bytes(lo, "big"), int.from_bytes(hi, "big") + 1
            if isinstance(code, list):
                _merge(out, zip(range(start, stop), (one.decode("utf-16-be", "ignore") for one in code)))
                continue
            prefix, var = code[:-4], code[-4:]
            base, width, mask = int.from_bytes(var, "big"), len(var), (1 << 8 * len(var)) - 1
            if base + stop - start > 1 << 32:
                return None
            if not prefix and width == 2:  # one UTF-16 code unit each: the common case, from a table
                units = _utf16_units()
                if base + stop - start <= 0x10000:  # at C speed (an identity map: 65,536 codes)
                    run = units[base:base + stop - start]
                    nbsp = 0xA0 - base + start  # the one code of the range that gives a no-break space
                    kept = start <= nbsp < stop and out.get(nbsp) == " "
                    out.update(zip(range(start, stop), run))
                    if kept:
                        out[nbsp] = " "
                    continue
                _merge(out, ((cid, units[(base + cid - start) & 0xFFFF]) for cid in range(start, stop)))
            else:
                _merge(out, ((start + i, (prefix + ((base + i) & mask).to_bytes(width, "big")).decode("utf-16-be", "ignore"))
                             for i in range(stop - start)))
    return out


@cache
def _utf16_units() -> tuple[str, ...]:
    """Each UTF-16 code unit as text, as ``decode("utf-16-be", "ignore")`` gives it (a lone
    surrogate: nothing)."""
    return tuple("" if 0xD800 <= unit <= 0xDFFF else chr(unit) for unit in range(0x10000))


def _items(body: bytes) -> list | None:
    """The hex strings (as bytes) and arrays of them in a bfchar/bfrange section; None when it
    holds anything else."""
    if not _ONLY_TOKENS.fullmatch(body):
        return None
    items: list = []
    array: list | None = None
    for hex_text, opening, closing in _TOKEN.findall(body):
        if opening:
            if array is not None:
                return None
            array = []
        elif closing:
            if array is None:
                return None
            items.append(array)
            array = None
        elif len(hex_text) % 2:
            return None
        else:
            (items if array is None else array).append(bytes.fromhex(hex_text.decode()))
    return None if array is not None else items


def _merge(out: dict[int, str], entries: Iterable[tuple[int, str]]) -> None:
    """Entries into the map, later ones winning, as pdfminer: a no-break space never replaces a space."""
    for cid, text in entries:
        if text != "\u00a0" or out.get(cid) != " ":
            out[cid] = text


def _cid_to_gid(descendant, cids: Collection[int], gids: Collection[int]) -> dict[int, int]:
    """The glyph id of each of ``cids`` that draws one of ``gids`` (a text map may cover all
    65,536 codes; a font draws Thai with a hundred glyphs)."""
    import pikepdf

    if not cids or not gids:
        return {}
    mapping = descendant.get("/CIDToGIDMap")
    if mapping is None or mapping == pikepdf.Name.Identity:  # walked from the smaller side
        return {cid: cid for cid in (cids if len(cids) <= len(gids) else gids) if cid in cids and cid in gids}
    data = mapping.read_bytes()
    table = array.array("H", data[:len(data) // 2 * 2])  # two-byte big-endian glyph ids
    if sys.byteorder == "little":
        table.byteswap()
    if len(cids) <= len(gids):  # a few codes asked: each looked up
        return {cid: table[cid] for cid in cids if cid < len(table) and table[cid] in gids}
    wanted = gids if isinstance(gids, (set, frozenset, dict)) else set(gids)  # every code read, in C
    return {cid: table[cid] for cid in compress(range(len(table)), map(wanted.__contains__, table)) if cid in cids}


def _cmap_stream(mapping: dict[int, str], one_byte: bool = False) -> bytes:
    """A /ToUnicode CMap for ``mapping`` (two-byte codes; ``one_byte`` for a simple font's codes)."""
    code = "<{:02X}>" if one_byte else "<{:04X}>"
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
             "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
             "1 begincodespacerange", "<00> <FF>" if one_byte else "<0000> <FFFF>", "endcodespacerange"]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        chunk = items[start:start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for cid, text in chunk:
            hex_text = "".join(f"{b:02X}" for b in text.encode("utf-16-be"))
            lines.append(f"{code.format(cid)} <{hex_text}>")
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines).encode("ascii")


def font_name(font) -> str:
    """A font's /BaseFont as text; Thai font names are often TIS-620 bytes (TH SarabunIT\xf9)."""
    name = font.get("/BaseFont")
    if name is None:
        return "?"
    try:
        return str(name)
    except UnicodeDecodeError:
        raw = bytes(name.unparse()).lstrip(b"/")  # PDF name syntax: #xx escapes a byte
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m[1].decode()), raw)
        return "/" + raw.decode("cp874", errors="replace")


def _fix_font(pdf, font, current: dict[int, str], problems: list[str], spaces: frozenset[int] = frozenset(),
              peers: dict[int, str] | None = None, unmapped: frozenset[int] = frozenset()) -> FontFix | None:
    """Correct one Type0 (Identity-H) font's ToUnicode (``current``, as parsed) from its embedded
    TrueType program, and where it calls a glyph a space (``spaces``, as ``_spaces`` lists them) or leaves
    out one its siblings call a space (``unmapped``), from the glyph's outline; and from ``peers``
    (``_peer_texts``)."""
    import pikepdf
    from fontTools.ttLib import TTFont

    program = _program(font)
    if program is None or font.get("/Encoding") != pikepdf.Name("/Identity-H"):
        return None
    descendant = font.DescendantFonts[0]
    try:
        ttfont = TTFont(io.BytesIO(program.read_bytes()), lazy=True)
        glyphs = _glyph_text(ttfont)
    except Exception as exc:  # an unreadable font program: no evidence
        log.info("unreadable font program %s: %s", font_name(font), exc)
        problems.append(f"{font_name(font)}: its font program cannot be read ({exc}); its text map is used as is")
        return None
    asked = spaces - set(peers or ())
    unnamed = {cid: gid for cid, gid in _cid_to_gid(descendant, asked | unmapped, range(1 << 16)).items()
               if gid not in glyphs}
    rings: dict[int, str] = {}
    if unnamed:  # a ring is told from a space by its outline
        try:
            rings = _nikhahit_glyphs(ttfont, set(unnamed.values()))
        except Exception as exc:  # glyph data fontTools cannot read: no evidence from outlines
            log.info("unreadable glyph outlines in %s: %s", font_name(font), exc)
    glyphs = glyphs | rings
    if not glyphs and not peers:
        return None
    cids = current.keys() if current else range(len(ttfont.getGlyphOrder()))  # views: no 65,536-code copy
    gids = _cid_to_gid(descendant, cids, glyphs) if glyphs else {}
    corrections: dict[int, str] = {}  # cid → the font's text, where the map says otherwise
    for cid in sorted(gids):
        truth = glyphs[gids[cid]]
        if unicodedata.normalize("NFC", map_pua(current.get(cid, ""))) != truth:
            corrections[cid] = truth
    from_peers = {cid: text for cid, text in (peers or {}).items() if cid not in gids}
    corrections |= from_peers
    if not corrections:
        return None
    font.ToUnicode = pdf.make_stream(_cmap_stream(current | corrections))
    examples = tuple((current.get(cid, ""), truth) for cid, truth in list(corrections.items())[:5])
    changes = tuple(sorted({(current.get(cid, ""), truth) for cid, truth in corrections.items()}))
    spaces_fixed = sum(1 for cid in corrections if current.get(cid) == " ")
    by_outline = {cid for cid in corrections if cid in gids and gids[cid] in rings}
    sources = [name for name, used in (
        (_OWN_DATA, len(by_outline) + len(from_peers) < len(corrections)),
        ("the glyph's outline (a ring with no advance, above the line: NIKHAHIT)", by_outline),
        ("the text maps of the same embedded font elsewhere in the PDF", from_peers)) if used]
    return FontFix(font_name(font), len(corrections), bool(current), examples, changes, spaces_fixed,
                   " and ".join(sources))


def _spaces(mapping: dict[int, str]) -> tuple[int, frozenset[int]]:
    """How many codes ``mapping`` maps to a space, and which: where more than one (one may be the real
    space), or in a map of one run of Word's (whose only "space" may be its NIKHAHIT glyph); a text
    map of every code (65,536) is counted in C and its one space not listed.

    >>> _spaces({1: " ", 2: "ก", 3: " "}), _spaces({1: " ", 2: "ก"}), _spaces(dict.fromkeys(range(6000), "ก") | {32: " "})
    ((2, frozenset({1, 3})), (1, frozenset({1})), (1, frozenset()))
    """
    count = countOf(mapping.values(), " ")
    listed = count > 1 or (count and len(mapping) <= WORD_MAP)
    return count, (frozenset([code for code, text in mapping.items() if text == " "]) if listed else frozenset())


def _program(font):
    """The embedded TrueType program (its stream) a Type0 font draws with, or None."""
    import pikepdf

    if font.get("/Subtype") != pikepdf.Name.Type0 or "/DescendantFonts" not in font:
        return None
    descriptor = font.DescendantFonts[0].get("/FontDescriptor")
    if descriptor is None or "/FontFile2" not in descriptor:
        return None
    return descriptor.FontFile2


def _peer_texts(maps: list[tuple[object, dict[int, str], frozenset[int]]]
                ) -> list[tuple[dict[int, str], frozenset[int]]]:
    """For each (program, map, the codes it maps to a space): what the other maps of the same
    embedded program say of its glyphs, and the glyphs it leaves out that they call a space. Word
    writes a font object per run of text and maps each from the clusters it saw there: in some, a
    tone mark or NIKHAHIT glyph is " ", or the SARA AA glyph is "ำ" (every า of the run then reads
    ำ: "หน่วยงำน", phichai moit2-7.1) with the NIKHAHIT glyph left out. A glyph it calls a space
    that the others all name as one Thai character takes that name; a glyph it names as one Thai
    character that two others or more all name as another takes theirs (maps of a few hundred codes:
    Word's; a map of every code is no run's).

    >>> peers = _peer_texts([("f", {5: " ", 6: " ", 7: "ำ"}, {5, 6}), ("f", {5: "\u0e49", 6: " ", 7: "า", 8: " "}, {6, 8}),
    ...                      ("f", {7: "า", 8: "ํ"}, set()), ("g", {5: "ก"}, set())])
    >>> [agreed for agreed, _ in peers], peers[0][1]
    ([{5: '้', 7: 'า'}, {8: 'ํ'}, {}, {}], frozenset({8}))
    """
    votes: dict[object, dict[int, Counter]] = {}
    for program, current, _ in maps:
        if program is not None and len(current) <= WORD_MAP:
            table = votes.setdefault(program, {})
            for cid, text in current.items():
                table.setdefault(cid, Counter())[text] += 1
    contested = {program: [cid for cid, said in table.items() if len(said) > 1] for program, table in votes.items()}
    out = []
    for program, current, here in maps:
        table = votes.get(program, {})
        agreed: dict[int, str] = {}
        if table and len(current) <= WORD_MAP:
            for cid in contested[program]:
                if (text := current.get(cid)) is None:
                    continue
                others = table[cid] - Counter({text: 1})  # what the other maps say
                named = [t for t in others if t != " "]
                if len(named) != 1 or not _is_thai(named[0]) or named[0] == text:
                    continue
                if cid in here or (_is_thai(text) and len(text) == 1 and others[named[0]] >= 2 and " " not in others):
                    agreed[cid] = named[0]
        unmapped = frozenset(cid for cid, said in table.items() if " " in said and cid not in current)
        out.append((agreed, unmapped))
    return out


def _nikhahit_glyphs(ttfont, gids: set[int]) -> dict[int, str]:
    """Glyph id → NIKHAHIT for each of ``gids`` (glyphs the PDF's map calls a space) drawn as one:
    Word shapes SARA AM as a NIKHAHIT glyph beside a SARA AA glyph and maps the NIKHAHIT glyph to
    " " (poppler prints ``ตาบล`` for ตำบล). Its fonts carry no glyph names and often no cmap, but
    the glyph itself says it: a ring (two contours, about as wide as high) that takes no advance
    and sits above the line, where a space has no ink and an advance. Read from the few bytes of
    each glyph's header and advance (parsing the whole glyf table costs tens of milliseconds)."""
    if "glyf" not in ttfont or "loca" not in ttfont or "hmtx" not in ttfont:
        return {}
    head, count = ttfont["head"], ttfont.getGlyphCount()
    em, metrics = head.unitsPerEm, ttfont["hhea"].numberOfHMetrics
    loca, glyf, hmtx = (ttfont.reader[tag] for tag in (b"loca", b"glyf", b"hmtx"))
    short = head.indexToLocFormat == 0
    out: dict[int, str] = {}
    for gid in gids:
        if not 0 <= gid < count or not metrics:
            continue
        advance = int.from_bytes(hmtx[4 * min(gid, metrics - 1):][:2], "big")
        if short:
            start, end = (2 * int.from_bytes(loca[2 * g:2 * g + 2], "big") for g in (gid, gid + 1))
        else:
            start, end = (int.from_bytes(loca[4 * g:4 * g + 4], "big") for g in (gid, gid + 1))
        if advance != 0 or end - start < 10:
            continue
        contours, x0, y0, x1, y1 = (int.from_bytes(glyf[start + k:start + k + 2], "big", signed=True)
                                    for k in range(0, 10, 2))
        width, height = x1 - x0, y1 - y0
        if contours == 2 and 0 < height < 0.3 * em and 0.7 <= width / height <= 1.4 and y0 > 0.3 * em:
            out[gid] = NIKHAHIT
    return out


@cache
def _dingbats() -> dict[str, dict[int, str]]:
    """Typeface → {byte: the Unicode character its glyph draws} (data/dingbats.json, see
    corpora/tools/make_dingbats.py for its source)."""
    data = json.loads((Path(__file__).parent / "data" / "dingbats.json").read_text(encoding="utf-8"))
    return {face: {int(byte): chr(code) for byte, code in glyphs.items()} for face, glyphs in data["fonts"].items()}


_FACES = {"symbol": "Symbol", "symbolmt": "Symbol", "wingdings": "Wingdings", "wingdings2": "Wingdings 2",
          "wingdings3": "Wingdings 3", "webdings": "Webdings"}


def symbol_face(name: str) -> str | None:
    """The symbol typeface a PDF font name is ("/ABCDEE+Wingdings 2", "/Wingdings-Regular",
    "/SymbolMT"), or None.

    >>> symbol_face("/ABCDEE+Wingdings 2"), symbol_face("/BCECEE+Wingdings-Regular"), symbol_face("/THSarabunPSK")
    ('Wingdings 2', 'Wingdings', None)
    """
    base = name.lstrip("/").split("+")[-1]
    base = re.sub(r"[-,](Regular|Bold|Italic|BoldItalic)$", "", base)
    return _FACES.get(re.sub(r"[\s_-]", "", base).lower())


def _fix_symbol_font(pdf, font, current: dict[int, str]) -> FontFix | None:
    """A symbol font's text map rewritten from the typeface's chart: Word maps each glyph to
    U+F000 + its byte (a Private Use Area character, which says nothing), other writers to the
    Latin letter of the byte ("R" for Wingdings 2's ☑). A byte the chart lacks keeps its map."""
    import pikepdf

    face = symbol_face(font_name(font))
    if face is None or not current:
        return None
    chart = _dingbats()[face]
    simple = font.get("/Subtype") != pikepdf.Name.Type0
    fixed = dict(current)
    for cid, text in current.items():
        if len(text) != 1:
            continue
        point = ord(text)
        byte = point - 0xF000 if 0xF020 <= point <= 0xF0FF else (cid if simple and point == cid else None)
        if byte is not None and byte in chart and chart[byte] != text:
            fixed[cid] = chart[byte]
    changes = tuple(sorted({(current[cid], fixed[cid]) for cid in fixed if fixed[cid] != current[cid]}))
    if not changes:
        return None
    font.ToUnicode = pdf.make_stream(_cmap_stream(fixed, one_byte=simple))
    corrected = sum(1 for cid in fixed if fixed[cid] != current[cid])
    return FontFix(font_name(font), corrected, True, changes[:5], changes, evidence=f"the {face} chart")


@dataclass(frozen=True, slots=True)
class FontReport:
    copy: Path | None  # the PDF with corrected maps, when any font needed it
    fixes: list[FontFix]
    spaces_suspect: bool  # some font maps two glyphs or more to " " (Word's NIKHAHIT, for one)
    problems: tuple[str, ...] = ()  # font data that could not be read (the text is then as the PDF says)


def repaired_copy(path: Path, workdir: Path | None = None) -> FontReport:
    """A copy of the PDF with /ToUnicode maps corrected from the fonts' own data, if any needed it.
    A stream that would inflate past the limit is refused on the way (``BadInput``)."""
    import pikepdf

    fixes: list[FontFix] = []
    problems: list[str] = []
    suspect = False
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        log.info("pikepdf cannot open %s: %s", path, exc)
        return FontReport(None, [], True, (f"the fonts cannot be read ({exc}); the text is as the PDF's text maps say",))
    with pdf:
        seen: set[tuple[int, int]] = set()
        font = pikepdf.Name.Font  # made once: pikepdf builds a Name per attribute access (10,000s of objects)
        maps = []
        for obj in checked_objects(pdf, path):  # refuses a decompression bomb before poppler reads it
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != font:
                continue
            key = obj.objgen
            if key in seen:
                continue
            seen.add(key)
            current = _tounicode(obj, problems)  # parsed once, for every use
            maps.append((obj, current, *_spaces(current)))
        peers = _peer_texts([(getattr(_program(obj), "objgen", None), current, spaces)
                             for obj, current, _, spaces in maps])
        changed = []  # the font objects fixed and their new text maps
        for (obj, current, count, spaces), (agreed, unmapped) in zip(maps, peers):
            fix = (_fix_font(pdf, obj, current, problems, spaces, agreed, unmapped)
                   or _fix_symbol_font(pdf, obj, current))
            if fix:
                fixes.append(fix)
                changed += [obj, obj.ToUnicode]
            # judged on the map poppler will read: a NIKHAHIT glyph the font's data names is fixed already
            suspect = suspect or count - (fix.spaces_fixed if fix else 0) > 1
        if not fixes:
            return FontReport(None, [], suspect, tuple(problems))
        handle = tempfile.NamedTemporaryFile(prefix="plan2data-", suffix=".pdf", dir=workdir, delete=False)
        handle.close()
        copy = Path(handle.name)
        try:
            if not write_update(pdf, path, changed, copy):  # appended to the original bytes, or else
                pdf.save(copy, fix_metadata_version=False)  # the whole file (XMP metadata left unparsed)
        except BaseException:
            copy.unlink(missing_ok=True)
            raise
    return FontReport(copy, fixes, suspect, tuple(problems))
