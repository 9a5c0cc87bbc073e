"""Which printed lines end with a space glyph: the wrap's own evidence of a phrase space.

Thai separates phrases with a space and wraps between words with or without one. Word keeps the
space the line broke at as a glyph at the line's end (a one-glyph run of its own, or the last glyph
of the line's run), but poppler, PDFium and pdfminer build their lines without a space that ends
one, so the text layer as read elsewhere keeps no trace of it. This module reads the pages' content
streams itself — only what places text: text and line matrices, the CTM, the text state, fonts,
and the last glyphs of each run of shown text — and gives where every space glyph that ends a run
starts. A space starting where a printed line's last glyph ends follows that line
(``ended_by_space``).

Why not pikepdf's parser: it builds an object for every operand of every operator, where this
needs a few operators of each text object. Text objects are cut out of the stream with one regex
pass (``_OUTER``), so vector graphics cost only that scan; inside them one more pass finds the
operators that matter. Advances come from the fonts' /W or /Widths, and only for runs that end in
a space. pikepdf only opens the file and inflates the streams.
"""

from __future__ import annotations

import bisect
import logging
import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from sys import byteorder

log = logging.getLogger(__name__)

_NUM = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_STR = rb"\((?:[^\\()]++|\\.|\((?:[^\\()]++|\\.)*+\))*+\)"  # a literal string, one level of nested brackets
_HEX = rb"<[0-9A-Fa-f\s]*>"
# outside text objects only the CTM and the text state's saving matter (cm, q, Q), and form XObjects
# drawn (Do); the lazy BT…ET skips everything else at the speed of a byte scan
_OUTER = re.compile(rb"(?:BT(?P<bt>\s(?:.*?\s)??)ET|(?<![\w/])(?P<op>cm|q|Q|Do))(?![A-Za-z*'\"])", re.S)
_TEXT = re.compile(
    rb"(?P<show>" + _STR + rb"|" + _HEX + rb")\s*(?P<sop>Tj|'|\")"
    rb"|\[(?P<arr>(?:[^\[\]()<>]++|" + _STR + rb"|" + _HEX + rb")*+)\]\s*TJ"
    rb"|(?P<m>(?:" + _NUM + rb"\s+){6})Tm"
    rb"|(?P<d>(?:" + _NUM + rb"\s+){2})(?P<dop>T[dD])"
    rb"|(?P<v>" + _NUM + rb")\s+(?P<vop>Tc|Tw|Tz|TL)"
    rb"|/(?P<font>[^\s/\[\]()<>{}%]+)\s+(?P<size>" + _NUM + rb")\s+Tf"
    rb"|(?P<next>T\*)"
    rb"|" + _STR + rb"|<<|" + _HEX,  # strings and dictionaries elsewhere (marked content) are skipped whole
    re.S)
_NAME = rb"/[^\s/\[\]()<>{}%]+"
# the text object most writers (Word, LibreOffice, iText) make of each run: a font, a position, colours,
# spacing, one show; read in one match instead of token by token
_ONE_RUN = re.compile(
    rb"\s*(?:/(?P<font>[^\s/\[\]()<>{}%]+)\s+(?P<size>" + _NUM + rb")\s+Tf\s*)?"
    rb"(?:(?P<m>(?:" + _NUM + rb"\s+){6})Tm|(?P<d>" + _NUM + rb"\s+" + _NUM + rb")\s+Td)\s*"
    rb"(?:/(?P<font2>[^\s/\[\]()<>{}%]+)\s+(?P<size2>" + _NUM + rb")\s+Tf\s*)?"
    rb"(?:(?:(?:" + _NUM + rb"\s+){1,4}(?:g|G|rg|RG|k|K)|" + _NAME + rb"\s+gs"
    rb"|(?P<tc>" + _NUM + rb")\s+Tc|(?P<tw>" + _NUM + rb")\s+Tw)\s*)*"
    rb"(?:\[(?P<arr>(?:[^\[\]()<>]++|" + _STR + rb"|" + _HEX + rb")*+)\]\s*TJ|(?P<show>" + _STR + rb"|" + _HEX
    + rb")\s*Tj)\s*", re.S)
_ITEM = re.compile(rb"(" + _STR + rb"|" + _HEX + rb")|(" + _NUM + rb")", re.S)  # a TJ item: string or number
_NUMBER = re.compile(_NUM)
_HEX_INSIDE = re.compile(r"<([0-9A-Fa-f\s]*)>")
_OUTSIDE_HEX = re.compile(r"<[^>]*>")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_ESCAPED = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b"", b"\r": b""}
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX_DIGITS = re.compile(rb"<([0-9A-Fa-f]*)>")
_TRAILING = b"0123456789.-+ \t\r\n\f"  # what may follow a TJ array's last string
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 4  # form XObjects inside form XObjects
MIN_SPACE_WIDTH = 100.0  # 1/1000 em: a space glyph's advance (THSarabun 216, Browallia 222, Arial 278)
TOLERANCE_PT = 1.5  # a space glyph starting this close to where a line's last glyph ends follows it

Matrix = tuple[float, float, float, float, float, float]


def _mul(a: Matrix, b: Matrix) -> Matrix:
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _string(token: bytes) -> bytes:
    """A string token's bytes.

    >>> _string(rb"(a\\051\\\\)"), _string(b"<0041 42>"), _string(b"<414>")
    (b'a)\\\\', b'\\x00AB', b'A@')
    """
    if token[:1] == b"(":
        return _ESCAPE.sub(_unescape, token[1:-1])
    digits = token[1:-1].decode("ascii")
    try:
        return bytes.fromhex(digits)  # skips whitespace itself
    except ValueError:  # an odd count of digits: the last is followed by 0
        digits = "".join(digits.split())
        return bytes.fromhex(digits + "0" * (len(digits) % 2))


def _unescape(m: re.Match[bytes]) -> bytes:
    s = m.group(1)
    if s[:1].isdigit():
        return bytes([int(s, 8) & 0xFF])
    return _ESCAPED.get(s, s)


def _last_string(items: bytes) -> bytes:
    """The last string of a TJ array's inside (or a lone string token), or at least its last two
    bytes (the last code of a font of either width), read from its end: most of a line's text is in
    its runs' long arrays, and only their last glyph matters.

    >>> _last_string(b"<00ab> -24 <0003> 12"), _last_string(b"(ab) -3 (c )"), _last_string(rb"(x\\051)")
    (b'\\x00\\x03', b'c ', b'x)')
    """
    body = items.rstrip(_TRAILING)
    if body.endswith(b">"):
        return _string(body[body.rfind(b"<"):])
    if body.endswith(b")") and b"\\" not in body[-8:]:
        return body[-3:-1] if body[-3:-2] != b"(" else body[-2:-1]
    strings = [text for text, _ in _ITEM.findall(items) if text]
    return _string(strings[-1]) if strings else b""


def _last_code(font: _Font, items: bytes) -> int | None:
    """The code of the last glyph a show's items print (None for none)."""
    codes = font.codes(_last_string(items))
    return codes[-1] if codes else None


@dataclass(frozen=True, slots=True)
class _Font:
    two_byte: bool  # Identity-H: two bytes a glyph
    spaces: frozenset[int]  # the codes its text map gives U+0020
    widths: Sequence[float]  # advance of each code, 1/1000 of the size

    def codes(self, data: bytes) -> Sequence[int]:
        if not self.two_byte:
            return data
        codes = array("H", data[: len(data) & ~1])
        if byteorder == "little":
            codes.byteswap()
        return codes


_NO_FONT = _Font(False, frozenset(), ())


def _font(font) -> _Font:
    """The codes of a font that show a space, and its advances (from pikepdf's font dictionary)."""
    two = font.get("/Subtype") == "/Type0"
    if two and font.get("/Encoding") != "/Identity-H":
        return _NO_FONT  # another CMap: codes of varying length this reader does not decode
    widths = _cid_widths(font.DescendantFonts[0]) if two else _simple_widths(font)
    # a glyph of no width mapped to a space is a mark the map got wrong (SARA AM in some Word fonts)
    spaces = frozenset(c for c in _space_codes(font, two) if 0 <= c < len(widths) and widths[c] >= MIN_SPACE_WIDTH)
    return _Font(two, spaces, widths)


def _space_codes(font, two: bool) -> set[int]:
    """The codes the font's /ToUnicode maps to U+0020 (a simple font without one: code 32)."""
    text_map = font.get("/ToUnicode")
    if text_map is None:
        return set() if two else {0x20}
    spaces: set[int] = set()
    data = text_map.read_bytes()
    for block in _BFCHAR.findall(data):
        digits = _HEX_DIGITS.findall(block)
        spaces.update(int(src, 16) for src, dst in zip(digits[0::2], digits[1::2]) if dst and int(dst, 16) == 0x20)
    for block in _BFRANGE.findall(data):
        for entry in block.splitlines():
            digits = _HEX_DIGITS.findall(entry)
            if len(digits) == 3 and b"[" not in entry:
                low, high, first = (int(d or b"0", 16) for d in digits)
                if first <= 0x20 <= first + high - low:
                    spaces.add(low + 0x20 - first)
    return spaces


def _cid_widths(cid) -> list[float]:
    """Advances of a CID font's 65,536 codes: /W (``c [w1 w2 …]`` and ``c_first c_last w``), else /DW."""
    widths = [float(cid.get("/DW", 1000))] * 65536
    w = list(cid.get("/W", []))
    i = 0
    while i + 1 < len(w):
        first = int(w[i])
        if hasattr(w[i + 1], "__len__"):
            for k, v in enumerate(w[i + 1]):
                if 0 <= first + k < 65536:
                    widths[first + k] = float(v)
            i += 2
        elif i + 2 < len(w):
            for c in range(max(first, 0), min(int(w[i + 1]), 65535) + 1):
                widths[c] = float(w[i + 2])
            i += 3
        else:
            break
    return widths


def _simple_widths(font) -> list[float]:
    widths = [0.0] * 256
    first = int(font.get("/FirstChar", 0))
    for k, v in enumerate(font.get("/Widths", [])):
        if 0 <= first + k < 256:
            widths[first + k] = float(v)
    return widths


@dataclass(slots=True)
class _Show:
    font: _Font
    size: float
    char_spacing: float
    word_spacing: float
    scale: float
    items: bytes  # a TJ array's inside, or one string token


class _Reader:
    def __init__(self) -> None:
        self.fonts: dict[object, _Font] = {}
        self.named: dict[tuple[int, bytes], tuple[object, _Font]] = {}  # (resources, name) → font, a page's
        self.ends: list[tuple[float, float]] = []  # (x, y) of each space glyph that ends a run, device space

    def run(self, data: bytes, resources, ctm: Matrix, depth: int = 0) -> None:
        if not _well_formed(data):
            log.debug("content of %d bytes with text objects not closed: line ends not read", len(data))
            return
        fonts = resources.get("/Font") if resources is not None else None
        xobjects = resources.get("/XObject") if resources is not None else None
        stack: list[tuple[Matrix, list]] = []
        # the text state (font, size, Tc, Tw, Tz, TL) outlives a text object; q and Q save and restore it
        state = [_NO_FONT, 0.0, 0.0, 0.0, 1.0, 0.0]
        for m in _OUTER.finditer(data):
            op = m["op"]
            if op is None:
                self._text(m["bt"], ctm, fonts, state)
            elif op == b"q":
                stack.append((ctm, state[:]))
            elif op == b"Q":
                if stack:
                    ctm, state = stack.pop()
            elif op == b"cm":
                numbers = _NUMBER.findall(data, max(0, m.start() - 160), m.start())[-6:]
                if len(numbers) == 6:
                    ctm = _mul(tuple(float(n) for n in numbers), ctm)
            elif depth < MAX_DEPTH and xobjects is not None:  # Do
                name = data[max(0, m.start() - 80): m.start()].rsplit(b"/", 1)[-1].strip()
                form = xobjects.get("/" + name.decode("latin-1"))
                if form is not None and form.get("/Subtype") == "/Form":
                    matrix = tuple(float(v) for v in form.get("/Matrix", _IDENTITY))
                    self.run(form.read_bytes(), form.get("/Resources", resources), _mul(matrix, ctm), depth + 1)

    def _one_run(self, one: re.Match[bytes], ctm: Matrix, fonts, state: list) -> None:
        """The hot path of a Word page: a text object of one run, a word or a space (``_ONE_RUN``)."""
        font, size, matrix, move, font2, size2, tc, tw, arr, show = one.groups()
        if font2 is not None:
            font, size = font2, size2
        if font is not None:
            state[0], state[1] = self._font(fonts, font), float(size)
        if tc is not None:
            state[2] = float(tc)
        if tw is not None:
            state[3] = float(tw)
        items = arr if arr is not None else show
        if not state[0].spaces or _last_code(state[0], items) not in state[0].spaces:
            return  # the usual case: the run does not end in a space
        if matrix is not None:
            line = tuple(map(float, matrix.split()))
        else:
            tx, ty = move.split()
            line = (1.0, 0.0, 0.0, 1.0, float(tx), float(ty))
        self._close([_Show(state[0], state[1], state[2], state[3], state[4], items)], line, ctm)

    def _text(self, block: bytes, ctm: Matrix, fonts, state: list) -> None:
        one = _ONE_RUN.fullmatch(block)
        if one is not None:
            self._one_run(one, ctm, fonts, state)
            return
        line = _IDENTITY  # the text line matrix; a run is the shows since it was last set
        shows: list[_Show] = []
        for m in _TEXT.finditer(block):
            kind = m.lastgroup
            if kind in ("sop", "arr"):
                if kind == "sop" and m["sop"] != b"Tj":  # ' and ": to the next line first
                    self._close(shows, line, ctm)
                    line = _mul((1.0, 0.0, 0.0, 1.0, 0.0, -state[5]), line)
                    shows = []
                items = m["arr"] if kind == "arr" else m["show"]
                shows.append(_Show(state[0], state[1], state[2], state[3], state[4], items))
                continue
            if kind == "vop":
                op = m["vop"]
                state[{b"Tc": 2, b"Tw": 3, b"Tz": 4, b"TL": 5}[op]] = float(m["v"]) / (100 if op == b"Tz" else 1)
                continue
            if kind == "size":
                state[0], state[1] = self._font(fonts, m["font"]), float(m["size"])
                continue
            if kind not in ("m", "dop", "next"):
                continue
            self._close(shows, line, ctm)
            shows = []
            if kind == "m":
                line = tuple(float(v) for v in m["m"].split())
            elif kind == "dop":
                tx, ty = (float(v) for v in m["d"].split())
                if m["dop"] == b"TD":
                    state[5] = -ty
                line = _mul((1.0, 0.0, 0.0, 1.0, tx, ty), line)
            else:  # T*
                line = _mul((1.0, 0.0, 0.0, 1.0, 0.0, -state[5]), line)
        self._close(shows, line, ctm)

    def _font(self, fonts, name: bytes) -> _Font:
        named = (id(fonts), name)  # one resource dictionary object serves a page's (or a form's) whole run
        if named in self.named:
            return self.named[named][1]
        font = fonts.get("/" + name.decode("latin-1")) if fonts is not None else None
        if font is None:
            return _NO_FONT
        key = font.objgen if font.is_indirect else id(font)
        if key not in self.fonts:
            try:
                self.fonts[key] = _font(font)
            except Exception as exc:  # noqa: BLE001 - a damaged font dictionary costs this evidence only
                log.debug("font %s unreadable for line ends: %s", name, exc)
                self.fonts[key] = _NO_FONT
        self.named[named] = (fonts, self.fonts[key])  # holding the dictionary keeps its id its own
        return self.fonts[key]

    def _close(self, shows: list[_Show], line: Matrix, ctm: Matrix) -> None:
        """A run ends: if its last glyph is a space, where its trailing spaces start."""
        if not shows:
            return
        last = shows[-1]
        if not last.font.spaces or _last_code(last.font, last.items) not in last.font.spaces:
            return
        back, lead = self._trailing(shows)
        x = lead if lead is not None else sum(self._advance(show) for show in shows) - back
        at = _mul((1.0, 0.0, 0.0, 1.0, x, 0.0), _mul(line, ctm))
        self.ends.append((at[4], at[5]))

    @staticmethod
    def _advance(show: _Show) -> float:
        font, x = show.font, 0.0
        if b"(" not in show.items:  # hex strings only (Word's Thai runs): every glyph and adjustment at once
            codes = font.codes(bytes.fromhex("".join(_HEX_INSIDE.findall(show.items.decode("latin-1")))))
            adjust = sum(map(float, _OUTSIDE_HEX.sub(" ", show.items.decode("latin-1")).split()))
            return ((sum(map(font.widths.__getitem__, codes)) - adjust) / 1000 * show.size
                    + show.char_spacing * len(codes)) * show.scale
        for text, number in _ITEM.findall(show.items):
            if number:
                x -= float(number) / 1000 * show.size * show.scale
                continue
            codes = font.codes(_string(text))
            x += (sum(map(font.widths.__getitem__, codes)) / 1000 * show.size
                  + show.char_spacing * len(codes)) * show.scale
            if show.word_spacing and not font.two_byte:
                x += show.word_spacing * codes.count(0x20) * show.scale
        return x

    @staticmethod
    def _trailing(shows: list[_Show]) -> tuple[float, float | None]:
        """How far the run's trailing spaces (and the adjustments among them) reach back from its
        end; and where a run of spaces only (Word prints most spaces so) has its first, else None."""
        committed = pending = 0.0
        for show in reversed(shows):
            font = show.font
            for text, number in reversed(_ITEM.findall(show.items)):
                if number:
                    pending -= float(number) / 1000 * show.size * show.scale
                    continue
                for code in reversed(font.codes(_string(text))):
                    if code not in font.spaces:
                        return committed, None
                    pending += (font.widths[code] / 1000 * show.size + show.char_spacing
                                + (show.word_spacing if not font.two_byte and code == 0x20 else 0.0)) * show.scale
                    committed = pending
        return committed, pending - committed  # the adjustments before the first space


MAX_CONTENT_MB = 32  # a page's content streams past this are not read for line ends


def _well_formed(data: bytes) -> bool:
    """Whether a page's content can be read in one pass: each lazy BT…ET match scans to the next ET,
    so a damaged stream of many BT and no ET would cost time quadratic in its size; such a page
    (and an outsized one) gives no evidence instead.

    >>> _well_formed(b"BT (a) Tj ET BT (b) Tj ET"), _well_formed(b"BT (a) Tj " * 1000)
    (True, False)
    """
    return len(data) <= MAX_CONTENT_MB << 20 and data.count(b"BT") <= 2 * data.count(b"ET") + 8


def _contents(page) -> bytes:
    import pikepdf

    contents = page.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def space_ends(path: Path, numbers: Iterable[int]) -> dict[int, list[tuple[float, float]]]:
    """Page number → (x, y) of every space glyph that ends a run of text on the pages asked, in
    poppler's coordinates (points, origin at the crop box's top left), sorted. Pages turned by
    /Rotate are left out; so is a page whose content cannot be read (its wraps fall back to the
    other evidence)."""
    import pikepdf

    out: dict[int, list[tuple[float, float]]] = {}
    reader = _Reader()
    try:
        pdf = pikepdf.open(path)
    except Exception as exc:  # noqa: BLE001 - the text engine reports an unreadable file itself
        log.debug("%s: no line ends read: %s", path, exc)
        return out
    with pdf:
        for number in sorted(set(numbers)):
            if not 1 <= number <= len(pdf.pages):
                continue
            page = pdf.pages[number - 1].obj
            try:
                if int(page.get("/Rotate", 0)) % 360:
                    continue
                box = [float(v) for v in (page.get("/CropBox") or page.get("/MediaBox"))]
                reader.ends, reader.named = [], {}
                reader.run(_contents(page), page.get("/Resources"), _IDENTITY)
                out[number] = sorted((x - box[0], box[3] - y) for x, y in reader.ends)
            except Exception as exc:  # noqa: BLE001 - one page's damage costs that page's evidence only
                log.debug("%s page %d: line ends not read: %s", path, number, exc)
    return out


def ended_by_space(bboxes: Iterable[tuple[float, float, float, float]],
                   ends: Sequence[tuple[float, float]]) -> list[bool]:
    """For each line box (x0, top, x1, bottom): whether a space glyph starts where its last glyph
    ends, on its baseline (``ends`` sorted, from ``space_ends``).

    >>> ended_by_space([(10, 100, 80, 114), (10, 120, 80, 134)], [(80.4, 112.0), (200.0, 131.0)])
    [True, False]
    """
    xs = [x for x, _ in ends]
    out = []
    for _, top, x1, bottom in bboxes:
        lo, hi = bisect.bisect_left(xs, x1 - TOLERANCE_PT), bisect.bisect_right(xs, x1 + TOLERANCE_PT)
        out.append(any(top - 1 <= ends[i][1] <= bottom + 1 for i in range(lo, hi)))
    return out
