"""Tesseract itself: one image in, its TSV read back as lines of words with boxes and confidence,
rows of marks and noise left out, Thai words joined as printed (Tesseract splits Thai at syllables)
and the spacing it puts inside numbers undone. Used by whole-page OCR (ocr.py) and by the cell-wise
OCR of scanned tables (ocr_cells.py).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import regex

from ..errors import BadInput
from .backend import SPACE_GAP, PdfInfo
from .quality import INVALID, unknown_share
from .thai import CONSONANTS, LATIN_SPECK_OPENING, MARKS, NON_INITIAL, STRAY_SYMBOLS, rebuild_sara_am

PixelBox = tuple[int, int, int, int]  # left, top, right, bottom in the rendered image
Row = list[tuple[str, PixelBox]]
TIMEOUT_S = 120
DPI = 200  # measured in docs/fidelity.md: 300 dpi costs 40 % more time for no CER gain on 16 pt text


# the Tesseract processes running now, and whether the document's reading is being stopped
_RUNNING: set[subprocess.Popen] = set()
_RUNNING_LOCK = threading.Lock()
STOPPING = threading.Event()


def stop_readers() -> None:
    """End every Tesseract process running for this process and start no more: the process is ending
    (SIGTERM or Ctrl-C while pages are read), so the reading threads return at once and their
    temporary folders go with them (``ocr.ocr_pages`` clears STOPPING when its threads are done)."""
    STOPPING.set()
    with _RUNNING_LOCK:
        for proc in _RUNNING:
            proc.terminate()


def _stopped(info: PdfInfo, number: int) -> BadInput:
    return BadInput(str(info.path), "OCR stopped (the process is being ended)", page=number)


def _tesseract(info: PdfInfo, number: int, source: str, langs: str, psm: str, timeout: float) -> str:
    """Tesseract's TSV of the image file ``source`` (or of every image a list file names), on one
    thread; an error names the page ``number``."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    if STOPPING.is_set():
        raise _stopped(info, number)
    with subprocess.Popen(["tesseract", source, "stdout", "-l", langs, "--psm", psm, "tsv"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as proc:
        with _RUNNING_LOCK:
            _RUNNING.add(proc)
        try:
            if STOPPING.is_set():  # stop_readers ran while this one started
                proc.terminate()
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise BadInput(str(info.path), f"OCR took longer than {timeout:.0f} s", page=number) from None
        finally:
            with _RUNNING_LOCK:
                _RUNNING.discard(proc)
    if STOPPING.is_set():
        raise _stopped(info, number)
    if proc.returncode != 0:
        raise BadInput(str(info.path), "tesseract failed: " + err.decode(errors="replace").strip()[:200], page=number)
    return out.decode("utf-8")


def run_tesseract_pages(info: PdfInfo, numbers: Sequence[int], images: Sequence, langs: str, psm: str) -> list[str]:
    """The TSV of each image (of page ``numbers[k]``) from one Tesseract process: it loads its
    models once (0.2 s for tha+eng, about a tenth of a page's reading at 200 dpi) and reads the
    images one after another as separately as so many runs would (the same TSV, measured). The
    images go as uncompressed PGM files: 8 ms a page to write, where PNG at zlib's fastest level
    took 50 ms on a clean page and 200 ms on a noisy scan, and Tesseract reads them no slower.
    Where the run fails, the images are read one by one, so that the error names its page."""
    from PIL import Image

    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="plan2data-ocr-") as tmp:
        names = []
        for k, image in enumerate(images):
            names.append(os.path.join(tmp, f"{k}.pgm"))
            Image.fromarray(image).save(names[-1], format="PPM")
        if len(images) == 1:
            return [_tesseract(info, numbers[0], names[0], langs, psm, TIMEOUT_S)]
        listing = os.path.join(tmp, "pages.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")
        try:
            tsv = _tesseract(info, numbers[0], listing, langs, psm, TIMEOUT_S * len(images))
        except BadInput:
            if STOPPING.is_set():
                raise
            return [_tesseract(info, n, name, langs, psm, TIMEOUT_S) for n, name in zip(numbers, names)]
    header, _, body = tsv.partition("\n")
    rows: list[list[str]] = [[header] for _ in images]
    for row in body.splitlines():
        at = row.split("\t", 2)[1:2]
        if at and at[0].isdigit() and 1 <= int(at[0]) <= len(images):
            rows[int(at[0]) - 1].append(row)
    return ["\n".join(r) + "\n" for r in rows]


def crop_margins(dpi: int) -> tuple[int, int, int]:
    """Pixels around a word cut out for a second reading (left/right, above/below, between crops):
    4, 12 and 40 at 200 dpi, so that the marks above and below stay in the crop; in proportion at
    any other resolution.

    >>> crop_margins(200), crop_margins(300), crop_margins(100)
    ((4, 12, 40), (6, 18, 60), (2, 6, 20))
    """
    return tuple(max(1, round(n * dpi / DPI)) for n in (4, 12, 40))  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Stack:
    """Small images (uint8 arrays) one below the other on a white sheet, ``gap`` pixels of white
    around each, for one Tesseract run instead of one an image (``stack``)."""
    sheet: object  # numpy uint8 image
    tops: list[int]  # the row each image starts at on the sheet
    heights: list[int]
    gap: int

    def at(self, middle: float) -> int | None:
        """Which image a line whose middle is at row ``middle`` of the sheet was read from: the one
        whose rows, with half the gap on either side, hold it."""
        return next((k for k, (top, height) in enumerate(zip(self.tops, self.heights))
                     if top - self.gap / 2 <= middle < top + height + self.gap / 2), None)

    def words(self, tsv: str) -> dict[int, str]:
        """What Tesseract read (``tsv``) on each image of the sheet, its words joined without spaces."""
        return {at: text for at, (text, _) in self.readings(tsv).items()}

    def readings(self, tsv: str) -> dict[int, tuple[str, float]]:
        """``words``, each with the confidence of the word Tesseract was least sure of on that image."""
        read: dict[int, tuple[str, float]] = {}
        for at, text, _, conf in self._words(tsv):
            so_far, least = read.get(at, ("", conf))
            read[at] = (so_far + text.strip(), min(least, conf))
        return read

    def rows(self, tsv: str) -> dict[int, Row]:
        """The words Tesseract read (``tsv``) on each image of the sheet, with their boxes on that
        image, in reading order."""
        read: dict[int, Row] = {}
        for at, text, box, _ in self._words(tsv):
            read.setdefault(at, []).append((text, box))
        return read

    def _words(self, tsv: str) -> Iterator[tuple[int, str, PixelBox, float]]:
        for line in tsv.splitlines()[1:]:
            cols = line.split("\t")
            if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
                left, top, width, height = (int(c) for c in cols[6:10])
                at = self.at(top + height // 2)
                if at is not None:
                    y = self.tops[at]
                    yield at, cols[11], (left - self.gap, top - y, left + width - self.gap, top + height - y), float(cols[10])


def stack(images: Sequence, gap: int) -> Stack:
    """``images`` stacked on one white sheet (``Stack``)."""
    import numpy as np

    sheet = np.full((sum(image.shape[0] + gap for image in images) + gap,
                     max(image.shape[1] for image in images) + 2 * gap), 255, dtype=np.uint8)
    tops, y = [], gap
    for image in images:
        sheet[y:y + image.shape[0], gap:gap + image.shape[1]] = image
        tops.append(y)
        y += image.shape[0] + gap
    return Stack(sheet, tops, [image.shape[0] for image in images], gap)


def _tsv_words(tsv: str) -> Iterator[tuple[tuple[int, int, int, int], str, PixelBox, float]]:
    """Tesseract TSV → each word's line key (block, paragraph, line…), text, pixel box and confidence."""
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        left, top, width, height = (int(c) for c in cols[6:10])
        yield ((int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4])), cols[11],
               (left, top, left + width, top + height), float(cols[10]))


def tsv_rows(tsv: str) -> list[tuple[Row, float]]:
    """Tesseract TSV → its lines of words (text, pixel box) with the line's mean word confidence,
    rows of marks alone left out (``_mark_row``) and echoed letters dropped."""
    pixels: dict[tuple[int, int, int, int], list[tuple[str, PixelBox]]] = {}
    confidence: dict[tuple[int, int, int, int], list[float]] = {}
    for key, text, box, conf in _tsv_words(tsv):
        pixels.setdefault(key, []).append((text, box))
        confidence.setdefault(key, []).append(conf)
    typical = _typical_height(pixels)
    rows = [(_without_specks(_without_echoes(_without_dust(_without_far_speck(words, confidence[key], typical), typical))),
             sum(confidence[key]) / len(confidence[key]))
            for key, words in pixels.items() if not _mark_row(words, typical)]
    return [(words, confidence) for words, confidence in rows if words]


FAR_SPECK = 3.0  # a line's last "word" this many typical word heights right of the one before it…
SPECK_CONFIDENCE = 60  # …one Latin letter or Arabic digit read with less confidence than this: a speck


def _without_far_speck(words: list[tuple[str, PixelBox]], confidence: list[float], typical: int
                       ) -> list[tuple[str, PixelBox]]:
    """A line without the speck in the margin after its last word that Tesseract read as a letter or
    digit: one Latin letter or Arabic digit far right of the word before it (FAR_SPECK) and read
    unsurely (SPECK_CONFIDENCE): "…เป็นปัจจุบัน 0" on the golden plan's skewed scan. 67 such words
    in the TSVs of the golden, synthetic and real scans: all specks, streaks or a margin's marks.

    >>> _without_far_speck([("ปัจจุบัน", (0, 0, 90, 30)), ("0", (700, 0, 760, 40))], [93, 38], 30)
    [('ปัจจุบัน', (0, 0, 90, 30))]
    >>> len(_without_far_speck([("ครั้งที่", (0, 0, 90, 30)), ("1", (100, 0, 110, 30))], [93, 38], 30))
    2
    """
    if len(words) < 2:
        return words
    text, box = words[-1]
    if (_DUSTY.fullmatch(text) and confidence[-1] < SPECK_CONFIDENCE
            and box[0] - words[-2][1][2] >= FAR_SPECK * typical):
        return words[:-1]
    return words


OUTSIZED = 3.0  # a word this many times the page's typical word height…
OUTSIZED_CONFIDENCE = 60  # …read with less confidence than this was read from a line box grown into its neighbours


def outsized_words(tsv: str) -> frozenset[tuple[str, PixelBox]]:
    """The words of a page's TSV Tesseract read from a box far taller than its words (OUTSIZED) with
    low confidence: its line's box took in the marks of the line above or below, the line was scaled
    down to fit, and its reading is garbage ("00811" for เพื่อแสดงเจตจำนงสุจริต, "15" for half of
    a line; golden office scan: 6 such words on 114 pages, every one in a misread line).

    >>> head = "level page block par line word left top width height conf text".replace(" ", chr(9))
    >>> words = [("ก", 28, 96), ("ข", 30, 95), ("00811", 96, 24), ("ค", 29, 93), ("ป", 90, 91)]
    >>> tsv = "\\n".join([head] + [chr(9).join(map(str, (5, 1, 1, 1, 1, k, 10 * k, 0, 9, h, c, t)))
    ...                         for k, (t, h, c) in enumerate(words)])
    >>> sorted(outsized_words(tsv))
    [('00811', (20, 0, 29, 96))]
    """
    words = list(_tsv_words(tsv))
    typical = _typical_height({None: [(text, box) for _, text, box, _ in words]})
    return frozenset((text, box) for _, text, box, conf in words
                     if typical and box[3] - box[1] >= OUTSIZED * typical and conf < OUTSIZED_CONFIDENCE)


THAI_LETTER = regex.compile(r"[\u0e01-\u0e2e]")
THAI_WORD = regex.compile(r"[\u0e01-\u0e4e]+")
MARK_ROW = 0.6  # a "line" lower than this share of the page's typical line height…
THAI_RUN = regex.compile(r"[\u0e01-\u0e2e\u0e30-\u0e4e]{3,}")
WORDS_UNKNOWN = 0.25  # Thai runs with more of their letters than this outside known words may be specks


def _without_echoes(words: list[tuple[str, PixelBox]]) -> list[tuple[str, PixelBox]]:
    """Drop a one-letter word whose box lies mostly inside a longer neighbour's: Tesseract's LSTM
    sometimes reads the start of a word twice ("ข" over the ป of "ปีงบประมาณ").

    >>> _without_echoes([("ข", (291, 289, 307, 350)), ("ปีงบประมาณ", (295, 293, 528, 337))])
    [('ปีงบประมาณ', (295, 293, 528, 337))]
    """
    out = []
    for k, (text, box) in enumerate(words):
        if len(text) == 1 and text.isalpha():
            neighbours = [words[j] for j in (k - 1, k + 1) if 0 <= j < len(words) and len(words[j][0]) >= 3]
            width = max(1, box[2] - box[0])
            if any(min(box[2], b[2]) - max(box[0], b[0]) >= 0.7 * width for _, b in neighbours):
                continue
        out.append((text, box))
    return out


_SPECK = regex.compile(f"[{STRAY_SYMBOLS}{MARKS}]+")  # a mark standing alone has no letter under it
_DASH = regex.compile(r"[-–—]")
_TRAILING_SPECK = regex.compile(f"[{STRAY_SYMBOLS.replace('.', '').replace(',', '')}]+")  # no stop: "พ.ศ" + "."


def _speck(word: tuple[str, PixelBox]) -> bool:
    """Only stops, quotes, bars or marks with no base; or a dash no wider than twice its height
    (a printed dash is a long thin bar, a speck of dust about as tall as it is wide)."""
    text, (left, top, right, bottom) = word
    return bool(_SPECK.fullmatch(text) or (_DASH.fullmatch(text) and right - left < 2 * (bottom - top)))


DUST = 0.3  # a digit or Latin letter whose box is smaller than this share of the typical word height both ways…
_DUSTY = regex.compile(r"[0-9A-Za-z]")  # not a Thai digit: Tesseract splits a blurred ๓ into such boxes


def _without_dust(words: list[tuple[str, PixelBox]], typical: int) -> list[tuple[str, PixelBox]]:
    """Drop the one-character Arabic digits and Latin letters whose box is a speck's (DUST of the page's
    ``typical`` word height, both ways): dust Tesseract read as "5", "1" or "4" anywhere in a line
    ("ความสำเร็จของ 5 องค์กร"); a printed digit is as tall as a letter. Stops and commas, as small, stay.

    >>> [t for t, _ in _without_dust([("ของ", (0, 0, 60, 30)), ("5", (70, 10, 73, 13)), ("๕", (80, 0, 95, 28))], 28)]
    ['ของ', '๕']
    """
    limit = DUST * typical
    return [(t, b) for t, b in words if not (_DUSTY.fullmatch(t) and b[2] - b[0] < limit and b[3] - b[1] < limit)]


def _without_specks(words: list[tuple[str, PixelBox]]) -> list[tuple[str, PixelBox]]:
    """Drop the "words" a line opens with that are specks (``_speck``): dust or a scanner's streak
    before the first letter, read as ". ภายในเขต…", "| ภายใน…", "๊ : ประชาชน…"; no printed line opens
    with one. A line of specks alone goes, but for a dash alone: the value "none" as often as dust.
    Bars, colons and quotes standing alone after a line's last word go too ("…สาธารณะ :"); a mark
    there is the end of the word before it, split off by Tesseract ("มต", "ิ").

    >>> _without_specks([("๊", (0, 0, 4, 4)), (":", (9, 0, 12, 30)), ("ประชาชน", (20, 0, 90, 30))])
    [('ประชาชน', (20, 0, 90, 30))]
    >>> _without_specks([("-", (0, 10, 12, 14)), ("ไม่ใช้งบประมาณ", (20, 0, 90, 30))])[0][0]
    '-'
    >>> _without_specks([("-", (0, 10, 5, 14)), ("ภายใน", (20, 0, 90, 30))]), _without_specks([(".", (0, 0, 4, 4))])
    ([('ภายใน', (20, 0, 90, 30))], [])
    >>> _without_specks([("-", (0, 10, 5, 14))]), _without_specks([("สาธารณะ", (0, 0, 90, 30)), (":", (95, 5, 98, 28))])
    ([('-', (0, 10, 5, 14))], [('สาธารณะ', (0, 0, 90, 30))])
    >>> [w for w, _ in _without_specks([("มต", (0, 0, 20, 30)), ("ิ", (12, 0, 18, 8)), ("พ.ศ", (30, 0, 50, 30)), (".", (51, 25, 53, 30))])]
    ['มต', 'ิ', 'พ.ศ', '.']
    """
    k = 0
    while k < len(words) and _speck(words[k]) and (k < len(words) - 1 or not _DASH.fullmatch(words[k][0])):
        k += 1
    end = len(words)  # and the bars, colons and quotes a line ends with: not a mark (Tesseract
    while end > k + 1 and _TRAILING_SPECK.fullmatch(words[end - 1][0]):  # gives "มติ" as มต + ิ), nor
        end -= 1  # a stop ("พ.ศ" + "."), nor a dash ("- ๕๐,๐๐๐ บาท -")
    return words[k:end]


def _typical_height(page: dict[object, list[tuple[str, PixelBox]]]) -> int:
    """The median height of the page's word boxes, in pixels."""
    heights = sorted(b[3] - b[1] for row in page.values() for _, b in row)
    return heights[len(heights) // 2] if heights else 0


def _mark_row(words: list[tuple[str, PixelBox]], typical: int) -> bool:
    """A row Tesseract made of marks alone: where lines stand far apart, it reads the tone marks and
    upper vowels of a line as a line of their own ("ข่", "Ao", "a 6 a"). Such a row is much lower than
    the page's ``typical`` word height and holds no run of Thai letters; it is dropped (the marks stay in their line),
    unless it is a lone dash, which plans print for "none".
    """
    mine = sorted(b[3] - b[1] for _, b in words)
    text = "".join(t for t, _ in words)
    return (mine[len(mine) // 2] < MARK_ROW * typical and not THAI_RUN.search(text)
            and text not in ("-", "–", "—"))  # a lone dash is a value: "no budget"


_LATIN = regex.compile(r"[A-Za-z]")
_NOISE_SYMBOL = regex.compile(r"[|=%&~<>@¢“”'\"^*_{}\[\]\\]")
_LONE_LETTER = regex.compile(r"[\u0e01-\u0e2e][\u0e47-\u0e4e]*")  # a consonant with no vowel (ปี is a word)
_ARABIC_DIGIT, _THAI_DIGIT = regex.compile(r"[0-9]"), regex.compile(r"[๐-๙]")
AMOUNT = regex.compile(r"[๑-๙][๐-๙]{0,2}(?:,[๐-๙]{3})+")  # a Thai-digit amount grouped by thousands: ๓๐,๐๐๐


def runs_unknown(text: str) -> float | None:
    """The share of the letters of ``text``'s Thai runs (tokens with THAI_RUN in them) that no word
    of the word list covers (``quality.unknown_share``); None for a text with no such run. SARA AM
    as Tesseract's Thai model writes it (NIKHAHIT + SARA AA, ลําดับ) counts as the one letter.

    >>> runs_unknown("ทีเกียวข้อง 2 a") < WORDS_UNKNOWN, runs_unknown("๕ ปี x"), runs_unknown("ลําดับที่๖ ก")
    (True, None, 0.0)
    """
    runs = [token for token in rebuild_sara_am(text).split() if THAI_RUN.search(token)]
    return unknown_share(" ".join(runs)) if runs else None


def noise_row(raw: list[str], text: str) -> bool:
    """A row Tesseract made of marks and specks, read as Latin or digit "words" ("a vy Yu V 1 1 ๑ 7",
    "cha", "x=", "๑ 7", "ปใใใใโ 7็"): no run of Thai letters that could be a word, and at least half
    its words are noise — Latin of three letters or fewer (an acronym such as ITA is kept), a stray
    symbol, a lone Thai letter, an impossible Thai sequence (a mark with no base, a leading vowel
    before no consonant), or digits of both scripts in one row. ``raw`` are Tesseract's words,
    ``text`` the joined line.

    >>> noise_row(["a", "vy", "Yu", "V", "1", "1", "๑", "7"], "a vy Yu V 1 1 ๑ 7"), noise_row(["๑", "7"], "๑)")
    (True, True)
    >>> noise_row(["๑", "๐"], "๑๐"), noise_row(["-"], "-"), noise_row(["NO", "Gift", "Policy"], "NO Gift Policy")
    (False, False, False)
    >>> noise_row(["๕", "ป", "ี"], "๕ ปี"), noise_row(["300"], "300"), noise_row(["ITA"], "ITA")
    (False, False, False)
    >>> noise_row(["ธี", "11", "ปใใใใโ", "7็", "7ื"], "ธี 11 ปใใใใโ 7็ 7ื")
    True

    Thai runs count as words only where the word list covers most of their letters: a row of
    specks read as Thai syllables ("เวง", "ทขจ") among the noise is noise too.
    >>> noise_row("๐ ซู | 9 ๑ 7 aA เวง ข a".split(), "๐ ซู | 9 ๑ 7 aA เวง ข a"), noise_row(["ข", "=", "ทขจ", "97", "oa", "KR"], "ข = ทขจ 97 oa KR")
    (True, True)
    >>> noise_row(["ที", "เกียว", "ข้อง", "2", "a"], "ทีเกียวข้อง 2 a"), noise_row(["๕", "ปี", "x"], "๕ ปี x")
    (False, False)

    A well-formed amount (``AMOUNT``) is no speck: its row is kept whatever is read beside it (the
    unit of "๓๐,๐๐๐ บาท" read as Latin, "๓๐,๐๐๐ UM").
    >>> noise_row(["๓๐,๐๐๐", "UM"], "๓๐,๐๐๐ UM"), noise_row(["๓๐", "UM"], "๓๐ UM")
    (False, True)
    """
    tokens = text.split()
    if any(AMOUNT.fullmatch(token) for token in tokens):
        return False
    unknown = runs_unknown(text)
    if unknown is not None and unknown <= WORDS_UNKNOWN:
        return False  # runs of Thai letters that are words (a speck's mark on one aside: "ชุมชน๋๊")
    joined = "".join(raw)
    mixed = bool(_ARABIC_DIGIT.search(joined) and _THAI_DIGIT.search(joined))

    def noise(token: str) -> bool:
        letters = len(_LATIN.findall(token))
        return bool(_NOISE_SYMBOL.search(token)
                    or (letters and not (letters >= 4 or (letters == 3 and token.isupper())))
                    or (mixed and (_ARABIC_DIGIT.search(token) or _THAI_DIGIT.search(token)))
                    or _LONE_LETTER.fullmatch(token) or INVALID.search(token))

    noisy = sum(map(noise, tokens))
    return noisy > 0 and 2 * noisy >= len(tokens)


EN_DASH_WIDE = 0.55  # a lone dash this share of its line's Thai words' height wide or wider is an en dash
MIN_HEIGHTS = 3  # Thai words a line needs for its height to be measured


def dashes_by_width(row: Row) -> Row:
    """A dash Tesseract read alone as a word, "-" or "–" by its width: Tesseract reads both "-",
    and the golden plan prints both ("Index - CPI", "พ.ศ. ๒๕๖๑ – ๒๕๘๐", "ไม่รับ – ไม่ให้"). Measured
    on the golden office and 150-dpi scans against the median height of the line's words with Thai
    letters or digits: hyphens 0.33-0.45 of it, en dashes 0.65-0.80; a line with fewer than
    MIN_HEIGHTS such words is left as read. (Dashes inside a number run are measured again against
    its digits: ``digits._dash``.)

    >>> row = [("ไม่รับ", (0, 0, 60, 40)), ("-", (70, 20, 94, 24)), ("ไม่ให้", (100, 0, 160, 40)), ("คน", (170, 10, 200, 40))]
    >>> [w for w, _ in dashes_by_width(row)], [w for w, _ in dashes_by_width([row[0], ("–", (70, 20, 84, 24))] + row[2:])]
    (['ไม่รับ', '–', 'ไม่ให้', 'คน'], ['ไม่รับ', '-', 'ไม่ให้', 'คน'])
    """
    heights = [b[3] - b[1] for word, b in row if THAI_LETTER.search(word) or _THAI_DIGIT.search(word)]
    if len(heights) < MIN_HEIGHTS or not any(word in ("-", "–") for word, _ in row):
        return row
    height = sorted(heights)[len(heights) // 2]
    return [(("–" if b[2] - b[0] >= EN_DASH_WIDE * height else "-") if word in ("-", "–") else word, b)
            for word, b in row]


# OCR spaces out Thai abbreviations ("พ . ศ ." for พ.ศ.): letters and dots only; one of three letters
# or more may run into the word before it ("สำนักงานป . ป . ช .", "สัมฤทธิ์ก . พ . ร .")
_ABBREVIATION = regex.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e] ?\.(?: ?[\u0e01-\u0e2e] ?\.)+"
                              r"|[\u0e01-\u0e2e] ?\.(?: ?[\u0e01-\u0e2e] ?\.){2,}")


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def spaced(before: tuple, after: tuple) -> bool:
    """Whether the gap between two of Tesseract's word boxes (left, top, right, bottom) is a space:
    wider than SPACE_GAP of the taller one's height (Tesseract splits Thai words at syllables)."""
    return after[0] - before[2] > SPACE_GAP * max(after[3] - after[1], before[3] - before[1], 1.0)


def join_words(words: list[tuple[str, tuple[float, float, float, float]]]) -> str:
    """Tesseract splits Thai into "words" at syllables; only a real gap is a space.

    >>> join_words([("คำ", (0, 0, 10, 10)), ("กล่าว", (11, 0, 30, 10)), ("ของ", (40, 0, 50, 10))])
    'คำกล่าว ของ'
    >>> join_words([("พ", (0, 0, 5, 10)), (".", (8, 0, 9, 10)), ("ศ", (12, 0, 17, 10)), (".", (20, 0, 21, 10)),
    ...              ("๒๕๖๐", (30, 0, 50, 10))])
    'พ.ศ. ๒๕๖๐'
    """
    text = ""
    prev_box = None
    for word, box in words:
        if prev_box is not None:
            joined = (_is_thai(text[-1]) and _is_thai(word[0])) or (word == "," and bool(THAI_WORD.match(text[-1])))
            if not joined or spaced(prev_box, box):  # a comma touching a Thai word (not a figure) is printed after it
                text += " "
        text += word
        prev_box = box
    return post_correct(_ABBREVIATION.sub(lambda m: m[0].replace(" ", ""), text))


_D = "[0-9๐-๙]"
_OCR_FIXES = (  # (pattern, replacement): spacing Tesseract puts inside numbering and amounts
    (regex.compile(rf"(?<={_D}) \. (?={_D})"), "."),  # ๓ . ๑ . ๑ → ๓.๑.๑
    (regex.compile(rf"(?<={_D}) \.(?= |$)"), "."),  # ๑ . ชื่อ → ๑. ชื่อ
    (regex.compile(rf"(?<={_D}) \)"), ")"),  # ๓ ) → ๓)
    (regex.compile(rf"\( (?={_D})"), "("),  # ( ๑ → (๑
    # ๕๐ . ๐๐๐ บาท; a comma read as a plus sign too (๑ , ๐๐๐ + ๐๐๐ บาท): no amount has one
    (regex.compile(rf"(?<=(?:^|\s){_D}{{1,3}}) ?[.,+] ?(?={_D}{{3}}(?: ?[,.+] ?{_D}{{3}})*(?!{_D}) ?บาท)"), ","),
    (regex.compile(r"(?<![๐-๙])๒ ?๕ ?[๐-๙] ?[๐-๙](?![๐-๙])"), lambda m: m[0].replace(" ", "")),  # ๒ ๕๖๔ → ๒๕๖๔
    (regex.compile(r"(?<=[-–—])๒ (?=[๐-๙]{3}(?![๐-๙]))"), " ๒"),  # a period's last year cut after its ๒: -๒ ๔๖๔
    (regex.compile(r"^([๐-๙]{1,2}) ?7(?= |$)"), r"\1)"),  # a list marker's bracket read as 7: ๑ 7 → ๑)
    # a sub-number marker run into its item (๓.๑เพื่อ → ๓.๑ เพื่อ); not an amount's decimals (๑๖.๐๐ตารางเมตร)
    (regex.compile(r"^([0-9๐-๙]{1,2}\.(?![0๐])[0-9๐-๙]{1,2}\)?)(?=[\u0e01-\u0e4e])"), r"\1 "),
    # พ.ศ. before a year, run into the word before it or read as Latin: "ปีงบประมาณพ . ศ .", "WA. ๒๕๖๖"
    (regex.compile(r"(?<=[\u0e01-\u0e4e])พ ?\. ?ศ ?\.(?= ?[๒2][๕5][0-9๐-๙]{2})"), " พ.ศ."),
    (regex.compile(r"(?<![A-Za-z])[A-Za-z]{2,3}[.,](?= ?๒๕[๐-๙]{2})"), "พ.ศ."),  # "WA. ๒๕๖๖", "WF, ๒๕๖๖"
    (regex.compile(rf"(?<=[0-9๐-๙A-Za-z])[{MARKS}]+"), ""),  # a mark on a digit or a Latin letter: a speck (๘๕๊)
    (regex.compile("\u0e30{2,}"), "\u0e30"),  # SARA A read twice (ประะชาชน): Thai never writes ะะ
    # a speck between words (ไชโย . ครั้งที่); not after a short token, a misread heading number's (ญ . งบประมาณ)
    (regex.compile(r"(?<=[\u0e01-\u0e4e]{3}) [.,] (?=[\u0e01-\u0e4e])"), " "),
    (LATIN_SPECK_OPENING, ""),
    # a quote or a speck's symbol opening a numbered row ("“๔.๓ มาตรการ", "‘๒) เพื่อ", "+ 3. วัตถุประสงค์");
    # one before a lone figure is left to make the row noise ("‘0"); a dash is a value's ("- ๕๐,๐๐๐ บาท -")
    (regex.compile(r"^[“”‘’'\"`~^°+*=]+ ?(?=[0-9๐-๙][^\s]*\s+[\u0e01-\u0e4e])"), ""),
    # a speck's symbol opening a line before its first word or figure (") หน่วยงาน…", "] ผู้บริหาร…",
    # "@ ๑๐๐,๐๐๐บาท", "}๔) เพื่อ"): no printed line opens with a closing bracket or one of these…
    (regex.compile(r"^[)\]}!@©®]{1,3} ?(?=[\u0e01-\u0e4e0-9๐-๙])"), ""),
    # … nor between a list marker's number and its bracket, or after the bracket ("๑ @) พัฒนา", "๓) ) เพื่อ")
    (regex.compile(r"^([0-9๐-๙]{1,2}) ?(?:[@|!©®] ?)?\)(?: ?[)\]}!@©®])*(?= |$)"), r"\1)"),
    (regex.compile(rf"^[{NON_INITIAL}{MARKS}]+ ?"), ""),  # no printed line opens with า, ะ, ำ or a mark (าประชาชน)
    (regex.compile(r"(?<=\S) ?[เแโใไ]+$"), ""),  # nor ends with a vowel written before its consonant (แสดงใ)
    (regex.compile(r"(?<=\S\s\S*[0-9๐-๙])\.$"), ""),  # a stop after a line's closing figure (ร้อยละ ๘๐.)
)
# a stop or dash standing alone at the end of a line: a speck ("ดำเนินการ .", "บุคลากร —"), unless
# it closes an abbreviation ("พ.ศ .", "ศ .") or the line is a value between dashes ("- ๕๐,๐๐๐ บาท -");
# not a comma or a closing bracket: OCR reads a printed one after a space ("ประชาชน ,", a bracket
# opened lines before: "… ร้องทุกข์ )" in the golden plan's notes)
_LONE_END = regex.compile(r"(?<=\S)\s+(?:(?P<stop>\.)|[-–—])$")
# an abbreviation's short parts between stops (พ.ศ, ป.ป.ช); not a heading's number run into its words
# ("๑.๒.๑ส่งเสริม…ประชาชน .")
_ABBREVIATED = regex.compile(rf"(?:[^\s.]{{1,3}}\.)+[^\s.]{{1,3}}|[{CONSONANTS}]{{1,2}}")
_DASHED = regex.compile(r"^[-–—]")


def post_correct(text: str) -> str:
    """Undo the spacing Tesseract puts inside section numbers, list markers and amounts.

    >>> post_correct("๓ . ๑ . ๑ ส่งเสริม ๑ . ชื่อโครงการ ๓ ) เพื่อ ( ๑ ) ข้อ ๕๐ . ๐๐๐ บาท")
    '๓.๑.๑ ส่งเสริม ๑. ชื่อโครงการ ๓) เพื่อ (๑) ข้อ ๕๐,๐๐๐ บาท'
    >>> post_correct("พ.ศ. ๒๕๖๑ -๒ ๕๖๔"), post_correct("๑ 7"), post_correct("๒7 จัดทำ"), post_correct("๒๕๖๑ -๒ ๔๖๔")
    ('พ.ศ. ๒๕๖๑ -๒๕๖๔', '๑)', '๒) จัดทำ', '๒๕๖๑ - ๒๔๖๔')

    Specks read as marks, stops and dashes where no printed line has one go:
    >>> post_correct("ครั้งที่ 13๊"), post_correct("าประชาชนในเขต"), post_correct("ไม่น้อยกว่าร้อยละ ๘๐.")
    ('ครั้งที่ 13', 'ประชาชนในเขต', 'ไม่น้อยกว่าร้อยละ ๘๐')
    >>> post_correct("คณะทำงานดำเนินการ ."), post_correct("ความตระหนักแก่บุคลากร —")
    ('คณะทำงานดำเนินการ', 'ความตระหนักแก่บุคลากร')
    >>> post_correct("ร้องเรียน / ร้องทุกข์ )"), post_correct("จากประชาชน ,")
    ('ร้องเรียน / ร้องทุกข์ )', 'จากประชาชน ,')
    >>> post_correct("ปีงบประมาณ พ.ศ ."), post_correct("- ๕๐,๐๐๐ บาท -"), post_correct("๑."), post_correct("ข้อ ๓.๒")
    ('ปีงบประมาณ พ.ศ .', '- ๕๐,๐๐๐ บาท -', '๑.', 'ข้อ ๓.๒')
    >>> post_correct("๑.๒.๑ส่งเสริมการสร้างจิตสำนึกแก่ประชาชน ."), post_correct("สำนักงาน ป.ป.ช .")
    ('๑.๒.๑ส่งเสริมการสร้างจิตสำนึกแก่ประชาชน', 'สำนักงาน ป.ป.ช .')
    >>> post_correct("การให้บริการประะชาชน"), post_correct("เทศบาลเมืองไชโย . ครั้งที่ 16"), post_correct("J มาตรการจัดทำแผน")
    ('การให้บริการประชาชน', 'เทศบาลเมืองไชโย ครั้งที่ 16', 'มาตรการจัดทำแผน')
    >>> post_correct("ญ . งบประมาณดำเนินการ"), post_correct("ซึ่งสามารถแสดงใ"), post_correct("“๔.๓ มาตรการ")
    ('ญ . งบประมาณดำเนินการ', 'ซึ่งสามารถแสดง', '๔.๓ มาตรการ')
    >>> post_correct("ปีงบประมาณพ . ศ . ๒๕๖๑ - ๒๕๖๔"), post_correct("ปีงบประมาณ WA. ๒๕๖๖"), post_correct("ITA ๒๕๖๖")
    ('ปีงบประมาณ พ.ศ. ๒๕๖๑ - ๒๕๖๔', 'ปีงบประมาณ พ.ศ. ๒๕๖๖', 'ITA ๒๕๖๖')
    >>> post_correct("+ 3. วัตถุประสงค์"), post_correct("- ๕๐,๐๐๐ บาท -"), post_correct("๑ , ๐๐๐ + ๐๐๐ บาท")
    ('3. วัตถุประสงค์', '- ๕๐,๐๐๐ บาท -', '๑,๐๐๐,๐๐๐ บาท')
    >>> post_correct(") หน่วยงานตรวจสอบ"), post_correct("}๔) เพื่อ"), post_correct("@ ๑๐๐,๐๐๐บาท"), post_correct("๑ @) พัฒนา")
    ('หน่วยงานตรวจสอบ', '๔) เพื่อ', '๑๐๐,๐๐๐บาท', '๑) พัฒนา')
    >>> post_correct("๓) ) เพื่อกำกับ"), post_correct("๒) จัดทำ"), post_correct("๓.๑เพื่อส่งเสริม"), post_correct("๑๖.๐๐ตารางเมตร")
    ('๓) เพื่อกำกับ', '๒) จัดทำ', '๓.๑ เพื่อส่งเสริม', '๑๖.๐๐ตารางเมตร')
    """
    for pattern, replacement in _OCR_FIXES:
        text = pattern.sub(replacement, text)
    if (end := _LONE_END.search(text)) and not (
            _ABBREVIATED.fullmatch(text[:end.start()].split()[-1]) if end["stop"] else _DASHED.match(text)):
        text = text[:end.start()]
    return text


