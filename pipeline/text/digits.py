"""Thai digits in OCR output, read again glyph by glyph from the page image.

Tesseract's Thai model reads Thai words well but confuses the Thai digits with each other and with
look-alikes (๔ → ๕ or "@", ๖ → ๒, ๗ → ๓ or "ฆ", ๘ → ๕, ๙ → ๑, ๒๕๖๖ → "webb"; docs/fidelity.md), at
any resolution. Every digit of a plan matters (project and field numbers, years, baht), so every
OCR line that holds a number-like word is cut out of the page image and split into glyphs
(connected components; a mark joins the body it sits on, rules and dust are left out). Each glyph
is compared with templates of the Thai and Arabic digits and of everything a digit could be taken
for (Thai letters, Latin letters, brackets, stops), rendered in the TLWG Thai fonts
(corpora/tools/make_glyph_templates.py → pipeline/text/data/glyph_templates.npz).

A run of words with no Thai letter (a number, a list marker, a period "๒๕๖๖ - ๒๕๗๐", or OCR's Latin
guess at one) is rebuilt from all the glyphs under it when each is clearly a digit, bracket or
stop; in a word with Thai letters ("ลำดับที่๒") only the digit positions change, and only when the
glyphs read as digits line up one to one with them. A glyph counts as clearly one class only by a
margin over every other class. Anything else stays as OCR read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..numerals import THAI_DIGITS
from ..records import enclosing
from .thai import MARKS  # vowel and tone marks: never punctuation
from .backend import SPACE_GAP  # a gap wider than this share of the line height is a space
from .tesseract import spaced

TEMPLATES = Path(__file__).with_name("data") / "glyph_templates.npz"
SIDE = 20  # a glyph is compared as a SIDE × SIDE image
ARABIC = "0123456789"
THAI_LETTERS = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮ" + "ะาำเแโใไๆฯ"
LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
PUNCTUATION = "()@©%/-"
NUMBER_CLASSES = THAI_DIGITS + ARABIC + THAI_LETTERS + "()%/-" + ",.;:"  # no Latin: "o" is not ๐ here
STOPS = ",.;:"  # templates too, so that a comma is known for one and never taken for a digit
CLASSES = THAI_DIGITS + ARABIC + THAI_LETTERS + LATIN + PUNCTUATION + STOPS
DIGIT_CLASSES = THAI_DIGITS + ARABIC
LOOK_ALIKES = "@©" + LATIN  # what OCR prints where a Thai digit is
MIN_SIMILARITY = 0.6  # a glyph less like any template than this is left alone
MARGIN = 0.04  # the best digit must beat the best other class by this much
SMALL = 0.65  # a piece lower than this share of a digit's height is punctuation unless it reads as a digit
MIN_INK = 6  # pixels: a smaller speck is dust
DOT = 0.4  # …and lower than this share, always punctuation (a full stop, a hyphen)


@dataclass(frozen=True, slots=True)
class Templates:
    vectors: np.ndarray  # (n, SIDE*SIDE), unit length, grouped by class
    labels: np.ndarray  # (n,) index into CLASSES, ascending
    classes: np.ndarray  # the classes that have templates (index into CLASSES), ascending
    starts: np.ndarray  # the first row of each of those classes' templates


@cache
def templates() -> Templates | None:
    """The shipped templates, or None when the file is missing (then OCR digits stay as read)."""
    if not TEMPLATES.exists():
        return None
    with np.load(TEMPLATES) as data:
        if "".join(data["classes"].tolist()) != CLASSES:
            return None  # made for another class list: run corpora/tools/make_glyph_templates.py
        labels = data["labels"].astype(np.int64)
        order = np.argsort(labels, kind="stable")
        classes, starts = np.unique(labels[order], return_index=True)
        return Templates(data["vectors"].astype(np.float32)[order], labels[order], classes, starts)


def glyph_vector(ink: np.ndarray) -> np.ndarray | None:
    """A glyph's ink (bool image) → centred in a square, scaled to SIDE × SIDE, zero mean, unit length.

    >>> v = glyph_vector(np.eye(8, dtype=bool))
    >>> v.shape, round(float(np.linalg.norm(v)), 3)
    ((400,), 1.0)
    >>> glyph_vector(np.zeros((5, 5), dtype=bool)) is None
    True
    """
    from PIL import Image

    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return None
    ink = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    side = max(ink.shape)
    square = np.zeros((side, side), dtype=np.uint8)
    top, left = (side - ink.shape[0]) // 2, (side - ink.shape[1]) // 2
    square[top:top + ink.shape[0], left:left + ink.shape[1]] = ink * 255
    small = np.asarray(Image.fromarray(square).resize((SIDE, SIDE), Image.Resampling.BILINEAR), dtype=np.float32)
    vector = small.ravel() - small.mean()
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else None


Box = tuple[int, int, int, int]  # pixels: left, top, right, bottom


def _components(ink: np.ndarray) -> tuple[np.ndarray, list[tuple[np.ndarray, int]]]:
    """8-connected components of the ink (OpenCV's labelling): the label image, and each component
    as its statistics (left, top, width, height, area) with its label, in the raster order of their
    first pixel."""
    import cv2

    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    return labels, [(stats[k], k) for k in range(1, count)]


def _without_rules(ink: np.ndarray) -> np.ndarray:
    """The ink less any column inked from top to bottom of the line's crop: a table or frame rule
    crossing the line (no glyph is as tall as the crop, which has the marks' room and a margin)."""
    full = ink.all(axis=0) if ink.shape[0] >= 8 else np.zeros(ink.shape[1], dtype=bool)
    if not full.any():
        return ink
    cleaned = ink.copy()
    cleaned[:, full] = False
    return cleaned


def _pieces(ink: np.ndarray) -> list[tuple[int, int, np.ndarray]]:
    """A line's ink → its glyphs: (first column, end column, the glyph's own ink), left to right.

    Connected components: those crossing the middle of the line are glyph bodies; every other one
    (a mark above or below, a stop) joins the body under it that it overlaps most, so that a tone
    mark overhanging the digit after it ("ที่๔") stays with its consonant.
    """
    ink = _without_rules(ink)
    labels, components = _components(ink)
    spans = []  # [first column, end column, top row, bottom row, labels]
    for (left, top, width, height, area), label in components:
        if area < MIN_INK or top == 0 or top + height == ink.shape[0]:
            continue  # dust, or the edge of something on the next line or a rule
        spans.append([int(left), int(left + width), int(top), int(top + height), [label]])
    if not spans:
        return []
    heights = sorted(s[3] - s[2] for s in spans)
    tall = [s for s in spans if s[3] - s[2] >= heights[len(heights) // 2]]
    middle = float(np.median([(s[2] + s[3]) / 2 for s in tall]))
    bases = [s for s in spans if s[2] <= middle <= s[3]]
    for mark in [s for s in spans if not s[2] <= middle <= s[3]]:  # marks above or below, stops, dust
        overlaps = [min(b[1], mark[1]) - max(b[0], mark[0]) for b in bases]
        best = max(range(len(bases)), key=lambda k: overlaps[k], default=None)
        if best is not None and overlaps[best] > 0 and (mark[1] - mark[0]) < 1.5 * (bases[best][1] - bases[best][0]):
            base = bases[best]
            base[0], base[1] = min(base[0], mark[0]), max(base[1], mark[1])
            base[4] = base[4] + mark[4]
        else:
            bases.append(mark)
    merged = sorted(bases, key=lambda s: s[0])
    glyph_of = np.zeros(len(components) + 1, dtype=np.int32)  # label → 1 + its glyph's place in merged
    for k, (_, _, _, _, members) in enumerate(merged):
        glyph_of[members] = k + 1
    owners = glyph_of[labels]
    return [(a, b, owners[:, a:b] == k + 1) for k, (a, b, _, _, _) in enumerate(merged)]


def _height(piece: np.ndarray) -> int:
    rows = np.flatnonzero(piece.any(axis=1))
    return int(rows[-1] - rows[0] + 1) if rows.size else 0


def _class_scores(vectors: np.ndarray, t: Templates) -> np.ndarray:
    """Each glyph vector's likeness to each class of ``CLASSES``: its best template's (-1 for a class
    without templates); (glyphs, classes)."""
    by_class = np.full((len(vectors), len(CLASSES)), -1.0, dtype=np.float32)
    by_class[:, t.classes] = np.maximum.reduceat(vectors @ t.vectors.T, t.starts, axis=1)
    return by_class


def _classify(glyphs: list[np.ndarray], t: Templates, among: str = CLASSES) -> list[str | None]:
    """Each glyph → the class it clearly is (the best template class ``among`` the given ones, by
    MARGIN over every other of them), or None."""
    vectors = [glyph_vector(g) for g in glyphs]
    out: list[str | None] = [None] * len(glyphs)
    keep = [k for k, v in enumerate(vectors) if v is not None]
    if not keep:
        return out
    best = _class_scores(np.stack([vectors[k] for k in keep]), t)[:, [CLASSES.index(c) for c in among]]
    for row, k in zip(best, keep):
        order = np.argsort(row)[::-1]
        top, second = row[order[0]], row[order[1]]
        if top >= MIN_SIMILARITY and top - second >= MARGIN:
            out[k] = among[int(order[0])]
    return out


def _split_touching(piece: np.ndarray) -> list[np.ndarray]:
    """Two glyphs that touch (bold title digits: ๕๖) → cut at the thinnest column of the middle."""
    cols = np.flatnonzero(piece.any(axis=0))
    width = cols[-1] - cols[0] + 1 if cols.size else 0
    if width < 1.6 * _height(piece):
        return [piece]
    lo, hi = cols[0] + width // 5, cols[-1] - width // 5
    cut = lo + int(np.argmin(piece[:, lo:hi + 1].sum(axis=0)))
    return [piece[:, :cut], piece[:, cut:]]


def _has_thai_letter(word: str) -> bool:
    return any("\u0e01" <= c <= "\u0e4e" for c in word)


def _positions(word: str) -> list[int]:
    """Where in an OCR word a digit is (or could be): its digits, and look-alikes in a word with no Thai."""
    thai = _has_thai_letter(word)
    return [k for k, c in enumerate(word) if c in DIGIT_CLASSES or (not thai and c in LOOK_ALIKES)]


def candidate(word: str) -> bool:
    """Worth a second look: holds a Thai digit, or is a short word with no Thai where one may be.

    >>> [candidate(w) for w in ("๒๕5๐", "webb", "@)", "การ", "ที่๒", "100", "Excel")]
    [True, True, True, False, True, False, False]
    """
    if any(c in THAI_DIGITS for c in word):
        return True
    if any(c in ARABIC for c in word) and all(c in ARABIC or not (c.isalnum() or c in LOOK_ALIKES) for c in word):
        return False  # an Arabic number ("100 คน") is one thing OCR reads well
    return len(word) <= 4 and not _has_thai_letter(word) and bool(_positions(word))


def _tall(pieces: list[np.ndarray]) -> list[bool]:
    """Which pieces are glyphs rather than punctuation (. , -): at least SMALL of the median
    height (the median, not the tallest: a bracket stands taller than the digits beside it)."""
    heights = [_height(p) for p in pieces]
    middle = float(np.median(heights)) if heights else 0.0
    return [h >= SMALL * middle for h in heights]


def reread_word(word: str, pieces: list[np.ndarray]) -> str:
    """A word with Thai letters and digits ("ลำดับที่๒") and its pieces of ink → its digit positions
    given the glyphs read as digits, when the two line up one to one; a short word all of whose
    glyphs are clearly digits → those digits; else the word as OCR read it."""
    t = templates()
    if t is None or not pieces:
        return word
    read = _classify([p for p, tall in zip(pieces, _tall(pieces)) if tall], t)
    digits = [r for r in read if r is not None and r in DIGIT_CLASSES]
    if len(word) <= 3 and read and len(digits) == len(read):
        return "".join(digits)  # "ด๗" for ๓๗, "ฆ" for ๗: every glyph of a short word is clearly a digit
    positions = _positions(word)
    if not positions or len(digits) != len(positions):
        return word
    chars = list(word)
    for k, digit in zip(positions, digits):
        chars[k] = digit
    return "".join(chars)


SPAN_GLYPHS = DIGIT_CLASSES + "()/%"  # what a number, list marker or date is made of


def _is_dot(piece: np.ndarray, reference: float, baseline: float) -> bool:
    """A full stop: small, about as wide as tall, sitting on the digits' baseline (a hyphen is wide
    and higher up; a comma hangs below)."""
    rows, cols = np.flatnonzero(piece.any(axis=1)), np.flatnonzero(piece.any(axis=0))
    if rows.size == 0:
        return False
    h, w = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    return (h <= 0.35 * reference and 0.6 <= w / h <= 1.6
            and abs(rows[-1] - baseline) <= 0.15 * reference)


EN_DASH = 0.65  # a dash this share of the digits' height wide or wider is an en dash (TLWG fonts, Sarabun: 0.72-1.03; a hyphen 0.36-0.60)


def _digit_height(pieces: list[tuple[int, int, np.ndarray]], run: list[tuple[str, Box]], left: int) -> float:
    """The height of the glyphs under a run of number words (its punctuation aside: pieces under
    SMALL of the median height, as ``_tall``; not of the tallest, which is a bracket or two glyphs
    touching: "๒๕๖๖ – ๒๕๗๐)" at 150 dpi measured 57 px by its bracket, and its en dash, 22 px wide
    beside 29-px digits, was taken for a hyphen)."""
    x0, x1 = min(b[0] for _, b in run) - left, max(b[2] for _, b in run) - left
    heights = [_height(p) for a, b, p in pieces if a < x1 and b > x0]
    middle = float(np.median(heights)) if heights else 0.0
    tall = [h for h in heights if h >= SMALL * middle]
    return float(np.median(tall)) if tall else 0.0


def _dash(said: str, piece: np.ndarray, reference: float) -> str:
    """OCR's hyphen or en dash, told apart by the ink's width ("๒๕๖๖ – ๒๕๗๐" is read "-" either way);
    anything else OCR said stays."""
    if said not in ("-", "–"):
        return said
    cols = np.flatnonzero(piece.any(axis=0))
    return "–" if cols.size and cols[-1] - cols[0] + 1 >= EN_DASH * reference else "-"


def reread_number(ocr_text: str, pieces: list[tuple[int, np.ndarray]], line_height: int,
                  said: Sequence[tuple[int, int, str]] = ()) -> str | None:
    """A run of OCR words with no Thai letter (a number, "๓)", "๒๕๖๖ - ๒๕๗๐", or OCR's Latin guess
    at one) rebuilt from its pieces of ink (left column, ink), or None to keep OCR's reading.

    Rebuilt only when every piece is clearly a digit, a bracket or slash, or punctuation, and one is a
    Thai digit. A piece is punctuation when it is low (under DOT of the digits' height), reads as
    a stop, or is lowish (under SMALL) and reads as nothing clear; punctuation takes OCR's own
    punctuation in order. A gap wider than a space stays a space. A piece the templates find as like
    two digits as each other (๔ and ๕, whose only difference is ๕'s tail) takes the one of them OCR
    read there (``said``: OCR's one-digit words, by their columns), when OCR read one of them.
    """
    t = templates()
    if t is None or not pieces:
        return None
    split = []
    for start, piece in pieces:  # touching glyphs come apart where they are thinnest
        for part in _split_touching(piece):
            split.append((start, part))
            start += part.shape[1]
    pieces = split
    heights = [_height(p) for _, p in pieces]
    reference = float(np.median([h for h in heights if h >= DOT * max(heights)]))
    read = _classify([p for _, p in pieces], t, NUMBER_CLASSES)
    kinds = []  # per piece: a glyph, OCR's punctuation, or nothing (dust)
    for h, r, (start, piece) in zip(heights, read, pieces):
        if h < DOT * reference:
            kinds.append(None)  # a full stop, the tail of a comma, a hyphen: punctuation
        elif r is not None and r in SPAN_GLYPHS:
            kinds.append(r)
        elif r is not None and r in STOPS or h < SMALL * reference:
            kinds.append(None)
        elif r is None and (digit := _digit_ocr_said(piece, start, said, t)) is not None:
            kinds.append(digit)
        else:
            return None  # a glyph that is clearly no digit, or not clearly anything
    if not any(k is not None and k in THAI_DIGITS for k in kinds):
        return None
    punctuation = [c for c in ocr_text if not (c.isalnum() or c.isspace() or c in "()/%@©" or c in MARKS)]
    baseline = float(np.median([np.flatnonzero(p.any(axis=1))[-1] for (_, p), k in zip(pieces, kinds)
                                if k is not None and k in DIGIT_CLASSES]))
    out = ""
    prev_end: int | None = None
    for (start, piece), kind in zip(pieces, kinds):
        if prev_end is not None and start - prev_end > SPACE_GAP * line_height:
            out += " "
        if kind is not None:
            out += kind
        else:
            said = punctuation.pop(0) if punctuation else ""
            # a dot is a full stop whatever OCR made of it ("๗," for ๗.), or where it lost it ("๘")
            out += "." if _is_dot(piece, reference, baseline) else _dash(said, piece, reference)
        prev_end = start + piece.shape[1]
    return out


def _digit_ocr_said(piece: np.ndarray, start: int, said: Sequence[tuple[int, int, str]], t: Templates) -> str | None:
    """The digit OCR read over most of ``piece`` (columns from ``start``), where the templates find
    the piece a digit but cannot say which of two or more, that one among them; else None."""
    end = start + piece.shape[1]
    over = [(min(end, x1) - max(start, x0), text) for x0, x1, text in said if min(end, x1) - max(start, x0) > 0]
    if not over:
        return None
    share, text = max(over)
    if 2 * share < piece.shape[1]:
        return None
    vector = glyph_vector(piece)
    if vector is None:
        return None
    by_class = _class_scores(vector[np.newaxis], t)[0]
    best = float(by_class.max())
    close = {CLASSES[k] for k in np.flatnonzero(by_class >= best - MARGIN)}
    if best < MIN_SIMILARITY or len(close) < 2 or not close <= set(DIGIT_CLASSES) or text not in close:
        return None
    return text


def reread_digits(ocr_text: str, pieces: list[np.ndarray]) -> str | None:
    """A number OCR read with a glyph the templates cannot tell ("๒๕๒๒ - ๒๕๗๐" where the ink of
    the year's first ๒ is broken and its ๖๖ are clear) → OCR's text with each digit the ink
    clearly reads as another digit put right, when OCR's text holds a Thai digit and its glyphs and
    the glyph-sized pieces line up one to one; None when they do not, or nothing changes. A glyph
    that is not clearly a digit keeps OCR's reading (``reread_number`` rebuilds the whole run only
    when every glyph is clear); OCR's dashes are told apart by width (``_dash``).

    >>> reread_digits("๑", []) is None
    True
    """
    t = templates()
    if t is None or not pieces or not any(c in THAI_DIGITS for c in ocr_text):
        return None
    at = [k for k, c in enumerate(ocr_text) if c.isalnum() or c in "()/%@©"]
    pieces = [part for piece in pieces for part in _split_touching(piece)]
    glyphs = [p for p, tall in zip(pieces, _tall(pieces)) if tall]
    if len(glyphs) != len(at):
        return None
    chars = list(ocr_text)
    for k, read in zip(at, _classify(glyphs, t)):  # among every class, Latin letters too
        if read is not None and read in DIGIT_CLASSES and chars[k] in DIGIT_CLASSES:
            chars[k] = read
    reference = float(np.median([_height(g) for g in glyphs]))
    dashes = [p for p in pieces if _height(p) < DOT * reference and p.shape[1] > 2 * _height(p)]
    said = [k for k, c in enumerate(chars) if c in "-–"]
    if len(dashes) == len(said):
        for k, piece in zip(said, dashes):
            chars[k] = _dash(chars[k], piece, reference)
    fixed = "".join(chars)
    return fixed if fixed != ocr_text else None


def _run_pieces(pieces: list[tuple[int, int, np.ndarray]], x0: int, x1: int, others: list[tuple[int, int]],
                gap: float, used: set[int]) -> list[int]:
    """The pieces under a run of words spanning columns x0–x1: those it overlaps, then outward
    the adjacent glyphs (closer than ``gap``, not punctuation) that no other word's box covers,
    since Tesseract's boxes for a number often miss its first or last glyph. Pieces in ``used``
    (another run's) are never taken. Returns their indices."""
    def covered(a: int, b: int) -> bool:
        return any(min(b, r) - max(a, q) >= 0.5 * (b - a) for q, r in others)

    inside = [j for j, (a, b, _) in enumerate(pieces)
              if min(b, x1) - max(a, x0) > 0 and not covered(a, b) and j not in used]
    if not inside:
        return []
    first, last = inside[0], inside[-1]
    reference = float(np.median([_height(pieces[j][2]) for j in inside]))

    def joins(j: int, neighbour: int) -> bool:  # a tall piece right beside the run, no other word's
        a, b, piece = pieces[j]
        near = a - pieces[neighbour][1] if j > neighbour else pieces[neighbour][0] - b
        return near < gap and _height(piece) >= SMALL * reference and not covered(a, b) and j not in used

    while first > 0 and joins(first - 1, first):
        first -= 1
    while last + 1 < len(pieces) and joins(last + 1, last):
        last += 1
    return [j for j in range(first, last + 1) if j not in used]


def _owned(pieces: list[tuple[int, int, np.ndarray]], box: Box, left: int) -> list[np.ndarray]:
    """The pieces lying at least half inside a word's box (columns relative to ``left``)."""
    return [p for a, b, p in pieces if min(b, box[2] - left) - max(a, box[0] - left) >= 0.5 * (b - a)]


def _groups(run: list[tuple[str, Box]], gap: float) -> list[list[tuple[str, Box]]]:
    """A run of words cut where the space between two words is wider than ``gap``."""
    groups = [[run[0]]]
    for word in run[1:]:
        if word[1][0] - groups[-1][-1][1][2] > gap:
            groups.append([])
        groups[-1].append(word)
    return groups


def _number_head(words: list[tuple[str, Box]]) -> int:
    """How many of a line's first words may be its number read as letters: the first word and the
    short Thai words overlapping it ("ฆ" "ซ" for ๗), three characters at most together, when they
    make the line, end in a stop or bracket, or what follows holds no Thai letter ("๗๒", figures in
    a row) or stands a space apart ("๗ งบประมาณ…"); 0 for the start of a word a sentence opens with
    ("ไม่ใช้งบประมาณ": a blurred ไม reads as ๒)."""
    if not words or not _has_thai_letter(words[0][0]):
        return 0
    head = 1
    while (head < len(words) and len("".join(t for t, _ in words[:head + 1])) <= 3
           and _has_thai_letter(words[head][0]) and words[head][1][0] < words[head - 1][1][2]):
        head += 1
    if len("".join(t for t, _ in words[:head])) > 3:
        return 0
    if head < len(words) and _has_thai_letter(words[head][0]) and words[head - 1][0][-1:] not in ".,)":
        if not spaced(words[head - 1][1], words[head][1]):
            return 0
    return head


def _reread_group(group: list[tuple[str, Box]], run: list[tuple[str, Box]], words: list[tuple[str, Box]],
                  pieces: list[tuple[int, int, np.ndarray]], left: int, height: int, used: set[int]) -> str | None:
    """A group of a run of number words (``reread_line``) read again from the pieces under it
    (which join ``used``), or None to keep it as OCR read it."""
    x0, x1 = min(b[0] for _, b in group) - left, max(b[2] for _, b in group) - left
    text_boxes = [(b[0] - left, b[2] - left) for t, b in words  # words of letters, not punctuation
                  if (t, b) not in group and (_has_thai_letter(t) or any(c.isalnum() for c in t))]
    mine = _run_pieces(pieces, x0, x1, text_boxes, SPACE_GAP * height, used)
    said, ink = "".join(t for t, _ in group), [pieces[j][2] for j in mine]
    one_digit = [(b[0] - left, b[2] - left, t) for t, b in group if len(t) == 1 and t in DIGIT_CLASSES]
    rebuilt = reread_number(said, [(pieces[j][0], pieces[j][2]) for j in mine], height, one_digit)
    if rebuilt is None:
        rebuilt = reread_digits(said, ink)
    if rebuilt is None and said in ("-", "–") and len(ink) == 1 and len(run) > 1:  # the dash between two numbers
        rebuilt = _dash(said, ink[0], _digit_height(pieces, run, left))
        rebuilt = None if rebuilt == said else rebuilt
    if rebuilt is not None:
        used.update(mine)
    return rebuilt


def reread_line(words: list[tuple[str, Box]], page: np.ndarray) -> list[tuple[str, Box]]:
    """One OCR line's words (text, pixel box) on a grayscale page → the words with their digits
    read again.

    The glyphs are cut from the whole line (Tesseract's boxes for Thai overlap, clip a glyph or
    take in its neighbour, and a dropped digit has none): the line's ink is split at blank
    columns. A run of words with no Thai letter is read again as one number from every piece under
    the run (``reread_number``), or where a glyph is unclear, digit by digit (``reread_digits``); a
    word with Thai letters from the pieces its box overlaps most (``reread_word``); the line's
    first word(s) may be its number read as letters (``_number_head``).
    """
    head = _number_head(words)

    def worth(k: int, text: str) -> bool:
        return candidate(text) or (k == 0 and head > 0)

    if not any(worth(k, text) for k, (text, _) in enumerate(words)):
        return words
    pad = 3
    left = max(0, min(b[0] for _, b in words) - pad)
    top = max(0, min(b[1] for _, b in words) - pad)
    bottom = max(b[3] for _, b in words) + pad
    ink = binarize(page[top:bottom, left:max(b[2] for _, b in words) + pad])
    pieces = _pieces(ink)
    height = int(np.median([b[3] - b[1] for _, b in words]))
    out: list[tuple[str, Box]] = []
    used: set[int] = set()  # pieces a rebuilt number has taken
    k = 0
    while k < len(words):
        text, box = words[k]
        if candidate(text) and not _has_thai_letter(text):
            end = k + 1  # the run: number-like words, and the punctuation and Arabic digits among them
            while end < len(words) and not _has_thai_letter(words[end][0]) and (
                    candidate(words[end][0]) or not any(c.isalpha() for c in words[end][0])):
                end += 1
            for group in _groups(words[k:end], SPACE_GAP * height):  # "๒๐,๐๐๐" and "UM" (บาท) apart
                rebuilt = _reread_group(group, words[k:end], words, pieces, left, height, used)
                if rebuilt is None:
                    out.extend(group)
                else:
                    out.append((rebuilt, enclosing(b for _, b in group)))
            k = end
            continue
        if k == 0 and head > 1:  # read as two overlapping words
            text = "".join(t for t, _ in words[:head])
            box = enclosing(b for _, b in words[:head])
            read = reread_word(text, _owned(pieces, box, left))
            if read != text:
                out.append((read, box))
                k = head
                continue
            text, box = words[0]
        if worth(k, text):
            text = reread_word(text, _owned(pieces, box, left))
        out.append((text, box))
        k += 1
    return out


def reread_as_number(words: list[tuple[str, Box]], page: np.ndarray) -> str | None:
    """A line that can only be a number (a table cell's figure, "๑, ตด่๐,๐๐๐" as OCR read
    ๑,๓๓๐,๐๐๐) read again as one from all the pieces of ink under it; None where a piece is
    clearly no digit (``reread_number``)."""
    pad = 3
    left = max(0, min(b[0] for _, b in words) - pad)
    top = max(0, min(b[1] for _, b in words) - pad)
    ink = binarize(page[top:max(b[3] for _, b in words) + pad, left:max(b[2] for _, b in words) + pad])
    pieces = _pieces(ink)
    if not pieces:
        return None
    height = int(np.median([b[3] - b[1] for _, b in words]))
    return reread_number("".join(t for t, _ in words), [(start, piece) for start, _, piece in pieces], height)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink mask of a grayscale crop (Otsu's threshold; a blank crop has no ink).

    >>> binarize(np.array([[250, 20], [240, 30]], dtype=np.uint8)).tolist()
    [[False, True], [False, True]]
    """
    if gray.size == 0 or int(gray.max()) - int(gray.min()) < 40:
        return np.zeros(gray.shape, dtype=bool)
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, total_mean = weight[-1], mean[-1]
    between = np.zeros(256)
    valid = (weight > 0) & (weight < total)
    w0, m0 = weight[valid], mean[valid]
    between[valid] = (total_mean * w0 / total - m0) ** 2 / (w0 * (total - w0))
    return gray <= int(np.argmax(between))

