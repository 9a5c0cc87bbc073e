"""Ink on a scanned page that Tesseract's lines leave out, read again as part of its line.

Tesseract's layout analysis sometimes cuts a bold heading in two blocks and reads only one ("๘. ผร"
beside "รับผิดชอบโครงการ"), or drops its start altogether ("บผิดชอบโครงการ" for ๘. ผู้รับผิดชอบ
โครงการ): the field it opens is then lost, and its text runs into the field before. Found on the
page image, not in the text:

- dark connected components of letter height that no line's box covers, beside a line on the
  same band (its lost start or end), or on a band of their own (a line dropped whole);
- two lines on one band with almost no gap between them (one line read as two blocks);
- a line holding a word Tesseract read from a box far taller than its words, with low confidence
  (``tesseract.outsized_words``): the line's box took in the marks of its neighbours and its reading
  is garbage; cut out to its own band (its other words' height), it reads right.

Each such band is cut out (the lines' boxes and the ink together) and the crops of a page are read
again in one Tesseract run as single lines (``ocr._read_pages``); a reading replaces the lines it
covers only where it holds more Thai letters than they did (``read_again``).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from ..records import enclosing
from .tesseract import WORDS_UNKNOWN, Row, Stack, crop_margins, join_words, noise_row, runs_unknown, stack

LETTER_HEIGHT = 0.3  # ink lower than this share of the page's typical line is a speck or a mark
COVERED = 0.15  # a line covers its box and this many line heights above and below it (its marks)
LINE_HEIGHT = 1.6  # …and taller than this, or wider than WIDEST lines, is no letter (a rule, a streak, a shadow)
WIDEST = 6.0
MOST_INK = 0.25  # a page's share that Otsu's threshold may make ink; more is the paper's grain…
INK_CONTRAST = 60  # …and ink is then this many grey levels darker than the paper at least
NEAR = 2.0  # ink within this many line heights of a line's end, on its band, belongs to it
ADJACENT = 1.0  # two lines of one band closer than this many line heights are one line read as two…
OVERLAP = 0.5  # …overlapping by no more than this (a glyph both read); more is two lines one above the other
TALLEST_READING = 1.35  # a band's reading taller than this many typical lines is two lines' ink read as one
MIN_LETTERS = 3  # a line found on a band of its own must read as this many Thai letters at least
REACH_UP, REACH_DOWN = 1.2, 0.9  # a line's marks reach this many letter heights above and below its letters
FULL_WIDTH = 0.8  # a misread line's new reading spans this share of its width at least…
KEPT = 0.9  # …and holds this share of its letters at least where it reads fewer
SAME_READING = 80  # a band's reading holds its lines' text at least this similar (rapidfuzz's partial ratio)
# a lone dash ("-", a field's "none"): a bar this thin and this wide (line heights) and this much wider than
# thick, alone on its band, its left edge where the page's lines start (within ALIGNED line heights)
DASH_THICK, DASH_WIDE, DASH_ASPECT, ALIGNED = 0.15, (0.12, 1.0), 3.0, 0.3
_THAI_LETTER = regex.compile(r"[\u0e01-\u0e2e\u0e30-\u0e4e]")
_NOT_THAI = regex.compile(r"[^\u0e00-\u0e7f\s]")


@dataclass(frozen=True, slots=True)
class LostInk:
    """The bands of a page to read again: each crop's box (pixels) and the lines it replaces."""
    boxes: list[tuple[int, int, int, int]]
    replaces: list[list[int]]  # indexes into the page's rows ([] for a line dropped whole)
    stack: Stack
    outsized: frozenset[int] = frozenset()  # the boxes cut for a line misread from an outsized box


def _box(row: Row) -> tuple[int, int, int, int]:
    return enclosing(b for _, b in row)


def _same_band(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Whether two boxes share at least half of the lower one's height."""
    overlap = min(a[3], b[3]) - max(a[1], b[1])
    return overlap >= 0.5 * min(a[3] - a[1], b[3] - b[1])


def _noise(row: Row) -> bool:
    """Whether Tesseract's words ``row`` are noise as ``ocr._row_lines`` judges a line."""
    return noise_row([t for t, _ in row], join_words(row))


def _letters(rows: list[Row]) -> int:
    return sum(len(_THAI_LETTER.findall(text)) for row in rows for text, _ in row)


def _ink(gray):
    """A page image's ink: 1 where it is darker than Otsu's threshold, 0 elsewhere (uint8). On a page
    with next to no ink (a divider page, "ภาคผนวก" alone) Otsu's threshold falls inside the paper's
    own grain and half the page comes out as ink (a page of text holds 3-7 %): where more than
    MOST_INK of the page would, ink is what is INK_CONTRAST darker than the paper (its median grey).

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> blank = np.clip(rng.normal(240, 6, (80, 80)), 0, 255).astype(np.uint8); blank[40, 40] = 30
    >>> int(_ink(blank).sum())
    1
    """
    import cv2
    import numpy as np

    ink = cv2.threshold(gray, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)[1]
    if ink.mean() > MOST_INK:
        return (gray < float(np.median(gray)) - INK_CONTRAST).astype(np.uint8)
    return ink


def _ink_groups(rows: list[Row], gray, height: int) -> list[tuple[int, int, int, int]]:
    """Boxes of the letter-sized ink no row covers, those of one band near each other merged."""
    import cv2
    import numpy as np

    ink = _ink(gray)
    pad = max(1, round(COVERED * height))
    for row in rows:
        left, top, right, bottom = _box(row)
        ink[max(0, top - pad):bottom + pad, max(0, left - 2):right + 2] = 0
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    rows_n, cols_n = gray.shape
    found = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if not LETTER_HEIGHT * height <= h <= LINE_HEIGHT * height or w > WIDEST * height:
            continue
        if x == 0 or y == 0 or x + w >= cols_n or y + h >= rows_n:  # a scan's edge or shadow
            continue
        found.append((x, y, x + w, y + h))
    found.sort()
    groups: list[tuple[int, int, int, int]] = []
    for box in found:  # left to right: each joins a group of its band that ends near it
        for i, group in enumerate(groups):
            if _same_band(group, box) and box[0] - group[2] <= NEAR * height:
                groups[i] = enclosing((group, box))
                break
        else:
            groups.append(box)
    return groups


def _better(new: Row, old: list[Row]) -> bool:
    """Whether a band's reading ``new`` is the lines ``old`` it covers, better: one line read as two
    blocks, read as one (as long, within two characters, and as like them as SAME_READING); or a
    line with more of it read (longer, holding its text). What it reads outside the old lines'
    boxes must not be noise (specks beside a line read as "a tal a")."""
    was = "".join(text for row in old for text, _ in row)
    now = "".join(text for text, _ in new)
    boxes = [_box(row) for row in old]
    extra = [(text, b) for text, b in new
             if not any(_same_band(b, o) and o[0] <= (b[0] + b[2]) / 2 <= o[2] for o in boxes)]
    if extra and _noise(extra):
        return False
    if len(old) > 1 and len(now) >= len(was) - 2 and fuzz.ratio(was, now) >= SAME_READING:
        return True
    return bool(extra) and len(now) > len(was) and fuzz.partial_ratio(was, now) >= SAME_READING


def _fuller(new: Row, old: list[Row]) -> bool:
    """Whether a misread line's reading from its own band (``_own_band``) is better: as wide as the
    line (FULL_WIDTH), no more of anything but Thai in it (specks beside the line read as "UVIbBUL"
    are no better reading), and either more Thai letters made of the word list's words (as
    ``noise_row`` counts them, or no fewer than before: "00811" for เพื่อแสดงเจตจำนงสุจริต), or
    nearly as many (KEPT) and more of them in words ("ปกกิซี่ซึ่ง" → ปกติ ซึ่ง)."""
    left, _, right, _ = enclosing(_box(row) for row in old)
    new_left, _, new_right, _ = _box(new)
    now, was = join_words(new), " ".join(join_words(row) for row in old)
    if (_noise(new) or new_right - new_left < FULL_WIDTH * (right - left)
            or len(_NOT_THAI.findall(now)) > len(_NOT_THAI.findall(was))):
        return False
    letters_now, letters_was = _letters([new]), _letters(old)
    unknown_now, unknown_was = _unknown(now), _unknown(was)
    return ((letters_now > letters_was and unknown_now <= max(unknown_was, WORDS_UNKNOWN))
            or (letters_now >= KEPT * letters_was and unknown_now < unknown_was))


def _unknown(text: str) -> float:
    """``tesseract.runs_unknown``, 0 for a text with no Thai run."""
    return runs_unknown(text) or 0.0


def _line_height(rows: list[Row]) -> int:
    """The median height of the page's lines (their boxes), in pixels; 0 for no line."""
    heights = sorted(_box(row)[3] - _box(row)[1] for row in rows)
    return heights[len(heights) // 2] if heights else 0


def uncovered(rows: list[Row], gray, dpi: int, outsized: frozenset = frozenset()) -> LostInk | None:
    """The bands of ``rows``' page (``gray``, its image) to read again, or None; ``outsized``: the
    words ``tesseract.outsized_words`` found on it."""
    if not rows:
        return None
    boxes = [_box(row) for row in rows]
    height = _line_height(rows)
    bands: list[tuple[tuple[int, int, int, int], list[int]]] = []
    for group in _ink_groups(rows, gray, height):
        near = [k for k, b in enumerate(boxes) if _same_band(b, group)
                and max(group[0] - b[2], b[0] - group[2]) <= NEAR * height]
        box = group
        for k in near:
            box = enclosing((box, boxes[k]))
        if near or (group[2] - group[0]) >= height:  # alone on its band: wider than a letter or two
            bands.append((box, near))
    lines = {k for k, row in enumerate(rows) if not _noise(row)}  # noise is dropped: never half of a line
    for k, a in enumerate(boxes):  # a line read as two blocks
        for j, b in enumerate(boxes):
            if (j != k and k in lines and j in lines and a[0] < b[0] and _same_band(a, b)
                    and -OVERLAP * height <= b[0] - a[2] <= ADJACENT * height):
                bands.append((enclosing((a, b)), [k, j]))
    misread = [(band, [k]) for k, row in enumerate(rows) if (band := _own_band(row, outsized))]
    bands += misread
    merged: list[tuple[tuple[int, int, int, int], list[int]]] = []
    for box, replaces in bands:  # one crop for the bands that share a line
        for i, (other, others) in enumerate(merged):
            if set(replaces) & set(others) or (_same_band(box, other) and not (box[2] < other[0] or other[2] < box[0])):
                merged[i] = (enclosing((box, other)), sorted(set(others) | set(replaces)))
                break
        else:
            merged.append((box, sorted(set(replaces))))
    if not merged:
        return None
    pad_x, pad_y, gap = crop_margins(dpi)
    crops = [gray[max(0, top - pad_y):bottom + pad_y, max(0, left - pad_x):right + pad_x]
             for left, top, right, bottom in (box for box, _ in merged)]
    misread_lines = {k for _, (k,) in misread}
    return LostInk([box for box, _ in merged], [r for _, r in merged], stack(crops, gap),
                   frozenset(i for i, (_, r) in enumerate(merged) if misread_lines & set(r)))


def with_lone_dashes(rows: list[Row], gray) -> list[Row]:
    """``rows`` with a row "-" for each dash printed alone on a line, which Tesseract's layout takes
    for a speck and reads nothing of (a budget printed "-": the field then came out empty): a
    thin bar as wide as a letter or two, on a band no line shares, no other ink about it (a stroke of
    an emblem is none), its left edge where other lines of the page start (a value's indent, not a
    speck anywhere on the page).
    """
    import cv2
    import numpy as np

    height = _line_height(rows)
    if not height:
        return rows
    boxes = [_box(row) for row in rows]
    starts = [b[0] for b in boxes]
    ink = _ink(gray)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink.astype(np.uint8), connectivity=8)
    found: list[tuple[int, Row]] = []
    for k in range(1, count):
        x, y, w, h = (int(v) for v in stats[k, :4])
        if not (h <= DASH_THICK * height and DASH_WIDE[0] * height <= w <= DASH_WIDE[1] * height
                and w >= DASH_ASPECT * h):
            continue
        middle = y + h / 2
        if any(b[1] - height / 2 <= middle <= b[3] + height / 2 for b in boxes):
            continue  # on or beside a line: a hyphen, a rule under a word, a mark
        around = ink[max(0, y - height // 2):y + h + height // 2, max(0, x - height):x + w + height]
        if int(around.sum()) > 2 * int(stats[k, 4]):
            continue  # ink about it: a stroke of a drawing (an emblem), not a dash alone on its line
        if any(abs(x - start) <= ALIGNED * height for start in starts):
            found.append((y, [("-", (x, y, x + w, y + h))]))
    out = list(rows)
    for y, dash in sorted(found, reverse=True):  # each before the first line below it; the lines keep their order
        out.insert(next((k for k, b in enumerate(boxes) if b[1] > y), len(boxes)), dash)
    return out


def _own_band(row: Row, outsized: frozenset) -> tuple[int, int, int, int] | None:
    """A line holding an outsized word, cut to its own band: as wide as the line, as high as its
    other words (None for a line without one, or of outsized words alone)."""
    if not outsized or not any(word in outsized for word in row):
        return None
    others = [box for text, box in row if (text, box) not in outsized]
    if not others:
        return None
    middle = len(others) // 2
    letter = sorted(b[3] - b[1] for b in others)[middle]  # a plain letter's height
    top, bottom = sorted(b[1] for b in others)[middle], sorted(b[3] for b in others)[middle]
    left, _, right, _ = _box(row)  # marks above and below the line's letters, none of another line's
    return (left, min(b[1] for b in others if b[1] >= top - REACH_UP * letter), right,
            max(b[3] for b in others if b[3] <= bottom + REACH_DOWN * letter))


def read_again(rows: list[Row], lost: LostInk, tsv: str, dpi: int) -> list[Row]:
    """``rows`` with each band's new reading (``tsv`` of ``lost.stack``) in place of the lines it
    covers where it reads them better (``_better``; for a misread line, or one read as noise, also
    ``_fuller``); a band of its own becomes a line of its own (three Thai letters at least, not
    noise), placed among the others by its height on the page. A reading taller than
    TALLEST_READING lines is none: the crop took in half of the next line, and such readings added
    runs of garbage ("แพ และบของและแสะห ตระระอ") to six fields of the golden plan's skewed, blurred
    and phone-photo scans."""
    pad_x, pad_y, _ = crop_margins(dpi)
    read = lost.stack.rows(tsv)
    out: list[Row | None] = list(rows)
    added: list[Row] = []
    line = _line_height(rows)
    for i, (box, replaces) in enumerate(zip(lost.boxes, lost.replaces)):
        words = read.get(i)
        if not words:
            continue
        left, top = max(0, box[0] - pad_x), max(0, box[1] - pad_y)
        row = [(text, (b[0] + left, b[1] + top, b[2] + left, b[3] + top)) for text, b in words]
        if line and _box(row)[3] - _box(row)[1] > TALLEST_READING * line:
            continue  # two lines' worth of ink read as one: a crop that took in half of another line
        if not replaces:
            if _letters([row]) < MIN_LETTERS or _noise(row):
                continue
            added.append(row)
            continue
        old = [rows[k] for k in replaces]
        misread = i in lost.outsized or all(_noise(first) for first in old)  # garbage, whatever else it holds
        if not (_better(row, old) or (misread and _fuller(row, old))):
            continue
        main = max(replaces, key=lambda k: sum(len(t) for t, _ in rows[k]))  # in place of its longest line
        for k in replaces:
            out[k] = None
        out[main] = row
    kept = [row for row in out if row is not None]
    for row in added:  # before the first line that starts below it
        top = _box(row)[1]
        at = next((k for k, r in enumerate(kept) if _box(r)[1] > top), len(kept))
        kept.insert(at, row)
    return kept
