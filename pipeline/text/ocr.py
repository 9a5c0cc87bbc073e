"""OCR of the pages whose text layer is missing or unusable: Tesseract ``tha+eng``.

Pages are rendered by PDFium (pypdfium2) in grey at ``DPI`` and piped to the
``tesseract`` command (Debian tesseract-ocr-tha) one process per page, each
pinned to one thread (OpenMP's default of one thread per core makes a page
about eight times slower on two cores), several pages at once.
The TSV output gives words with boxes; they become lines in PDF points.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass

import regex

from ..errors import BadInput
from .quality import INVALID
from ..records import BBox

PixelBox = tuple[int, int, int, int]  # left, top, right, bottom in the rendered image
from .backend import SPACE_GAP, PdfInfo, RawLine, RawPage

DPI = 200  # measured in docs/fidelity.md: 300 dpi costs 40 % more time for no CER gain on 16 pt text
LANGS = "tha+eng"
TIMEOUT_S = 120


@dataclass(frozen=True, slots=True)
class OcrSettings:
    dpi: int = DPI
    langs: str = LANGS
    workers: int = 0  # tesseract processes at once; 0: the cores this process may use (see processes())

    def processes(self) -> int:
        """How many tesseract processes a document may run at once: ``workers``, or the cores given to
        this process (a batch of N documents on C cores gives each C // N)."""
        return self.workers or cores()


def cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and batches narrow)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def available() -> bool:
    return shutil.which("tesseract") is not None


def _tesseract(info: PdfInfo, number: int, image, to_points: float, settings: OcrSettings,
               size: tuple[float, float]) -> RawPage:
    """OCR one rendered page (a grayscale PIL image); its digits are read again (digits.py)."""
    import numpy as np

    from .digits import reread_line

    tsv = _run_tesseract(info, number, _png(image), settings.langs, "3")
    gray = np.asarray(image)
    lines, words = _tsv_lines(tsv, to_points,
                              lambda words: reread_line(words, gray),
                              lambda rows: _latin_read_as_thai(rows, gray, info, number, settings.dpi))
    return RawPage(number, size[0], size[1], tuple(lines), tuple(words))


Row = list[tuple[str, PixelBox]]
_LATIN_FOR_THAI = regex.compile(r"[a-z][A-Za-z]{1,2}")  # short, lowercase-led: an acronym (NO, ITA) stays


def crop_margins(dpi: int) -> tuple[int, int, int]:
    """Pixels around a word cut out for a second reading (left/right, above/below, between crops):
    4, 12 and 40 at 200 dpi, so that the marks above and below stay in the crop; in proportion at
    any other resolution.

    >>> crop_margins(200), crop_margins(300), crop_margins(100)
    ((4, 12, 40), (6, 18, 60), (2, 6, 20))
    """
    return tuple(max(1, round(n * dpi / DPI)) for n in (4, 12, 40))  # type: ignore[return-value]


def _latin_read_as_thai(rows: list[Row], gray, info: PdfInfo, number: int, dpi: int = DPI) -> list[Row]:
    """A short Latin word after a Thai word, ending its line or before another Thai word, is a Thai
    word the English model won ("ระเบียบ was หลักเกณฑ์" for และ): the page's such words are cut out,
    stacked on one image and read again with the Thai model alone (one Tesseract run a page); a
    word comes back only as Thai."""
    import numpy as np
    from PIL import Image

    found = [(r, k) for r, row in enumerate(rows) for k in range(1, len(row))
             if _LATIN_FOR_THAI.fullmatch(row[k][0]) and _THAI_LETTER.search(row[k - 1][0])
             and (k + 1 == len(row) or _THAI_LETTER.search(row[k + 1][0]))]
    if not found:
        return rows
    pad_x, pad_y, gap = crop_margins(dpi)
    crops = []
    for r, k in found:
        left, top, right, bottom = rows[r][k][1]
        crops.append(gray[max(0, top - pad_y):bottom + pad_y, max(0, left - pad_x):right + pad_x])
    canvas = np.full((sum(c.shape[0] + gap for c in crops) + gap, max(c.shape[1] for c in crops) + 2 * gap), 255,
                     dtype=np.uint8)
    spans, y = [], gap
    for crop in crops:
        canvas[y:y + crop.shape[0], gap:gap + crop.shape[1]] = crop
        spans.append((y - gap // 2, y + crop.shape[0] + gap // 2))
        y += crop.shape[0] + gap
    tsv = _run_tesseract(info, number, _png(Image.fromarray(canvas)), "tha", "6")
    read: dict[int, str] = {}
    for line in tsv.splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) >= 12 and cols[0] == "5" and cols[11].strip():
            middle = int(cols[7]) + int(cols[9]) // 2
            at = next((i for i, (a, b) in enumerate(spans) if a <= middle < b), None)
            if at is not None:
                read[at] = read.get(at, "") + cols[11].strip()
    rows = [list(row) for row in rows]
    for i, (r, k) in enumerate(found):
        if _THAI_WORD.fullmatch(read.get(i, "")):
            rows[r][k] = (read[i], rows[r][k][1])
    return rows


def _png(image) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()


def _run_tesseract(info: PdfInfo, number: int, png: bytes, langs: str, psm: str) -> str:
    """Tesseract's TSV for one PNG image, on one thread."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        result = subprocess.run(["tesseract", "stdin", "stdout", "-l", langs, "--psm", psm, "tsv"],
                                input=png, capture_output=True, env=env, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        raise BadInput(str(info.path), f"OCR took longer than {TIMEOUT_S} s", page=number) from None
    if result.returncode != 0:
        raise BadInput(str(info.path), "tesseract failed: "
                       + result.stderr.decode(errors="replace").strip()[:200], page=number)
    return result.stdout.decode("utf-8")


def _tsv_lines(tsv: str, scale: float, fix: Callable[[Row], Row] | None = None,
               fix_page: Callable[[list[Row]], list[Row]] | None = None
               ) -> tuple[list[RawLine], list[tuple[str, BBox]]]:
    """Tesseract TSV (level 5 = word) → lines in reading order, and words, with boxes in points.

    ``fix`` gets each line's words with their pixel boxes (left, top, right, bottom) and returns
    them corrected; ``fix_page`` gets all lines' words at once, before ``fix``.
    """
    pixels: dict[tuple[int, int, int, int], list[tuple[str, PixelBox]]] = {}
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        key = (int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4]))
        left, top, width, height = (int(c) for c in cols[6:10])
        pixels.setdefault(key, []).append((cols[11], (left, top, left + width, top + height)))
    typical = _typical_height(pixels)
    rows = [_without_echoes(words) for words in pixels.values() if not _mark_row(words, typical)]
    if fix_page is not None:
        rows = fix_page(rows)
    out = []
    all_words = []
    for row in rows:
        words = [(text, (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale))
                 for text, b in (fix(row) if fix is not None else row)]
        text = _join_words(words)
        if _noise_row([t for t, _ in words], text):
            continue
        all_words.extend(words)
        boxes = [b for _, b in words]
        out.append(RawLine(text, (min(b[0] for b in boxes), min(b[1] for b in boxes),
                                  max(b[2] for b in boxes), max(b[3] for b in boxes))))
    return out, all_words


_THAI_LETTER = regex.compile(r"[\u0e01-\u0e2e]")
_THAI_WORD = regex.compile(r"[\u0e01-\u0e4e]+")
MARK_ROW = 0.6  # a "line" lower than this share of the page's typical line height…
_THAI_RUN = regex.compile(r"[\u0e01-\u0e2e\u0e30-\u0e4e]{3,}")


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
    return (mine[len(mine) // 2] < MARK_ROW * typical and not _THAI_RUN.search(text)
            and text not in ("-", "–", "—"))  # a lone dash is a value: "no budget"


_LATIN = regex.compile(r"[A-Za-z]")
_NOISE_SYMBOL = regex.compile(r"[|=%&~<>@¢“”'\"^*_{}\[\]\\]")
_LONE_LETTER = regex.compile(r"[\u0e01-\u0e2e][\u0e47-\u0e4e]*")  # a consonant with no vowel (ปี is a word)
_ARABIC_DIGIT, _THAI_DIGIT = regex.compile(r"[0-9]"), regex.compile(r"[๐-๙]")


def _noise_row(raw: list[str], text: str) -> bool:
    """A row Tesseract made of marks and specks, read as Latin or digit "words" ("a vy Yu V 1 1 ๑ 7",
    "cha", "x=", "๑ 7", "ปใใใใโ 7็"): no run of Thai letters that could be a word, and at least half
    its words are noise — Latin of three letters or fewer (an acronym such as ITA is kept), a stray
    symbol, a lone Thai letter, an impossible Thai sequence (a mark with no base, a leading vowel
    before no consonant), or digits of both scripts in one row. ``raw`` are Tesseract's words,
    ``text`` the joined line.

    >>> _noise_row(["a", "vy", "Yu", "V", "1", "1", "๑", "7"], "a vy Yu V 1 1 ๑ 7"), _noise_row(["๑", "7"], "๑)")
    (True, True)
    >>> _noise_row(["๑", "๐"], "๑๐"), _noise_row(["-"], "-"), _noise_row(["NO", "Gift", "Policy"], "NO Gift Policy")
    (False, False, False)
    >>> _noise_row(["๕", "ป", "ี"], "๕ ปี"), _noise_row(["300"], "300"), _noise_row(["ITA"], "ITA")
    (False, False, False)
    >>> _noise_row(["ธี", "11", "ปใใใใโ", "7็", "7ื"], "ธี 11 ปใใใใโ 7็ 7ื")
    True
    """
    tokens = text.split()
    if any(_THAI_RUN.search(t) and not INVALID.search(t) for t in tokens):
        return False  # a run of Thai letters that could be a word
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


# OCR spaces out Thai abbreviations ("พ . ศ ." for พ.ศ.): letters and dots only
_ABBREVIATION = regex.compile(r"(?<![\u0e01-\u0e4e])[\u0e01-\u0e2e] ?\. ?(?:[\u0e01-\u0e2e] ?\.)+")


def _is_thai(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e5b"


def _join_words(words: list[tuple[str, tuple[float, float, float, float]]]) -> str:
    """Tesseract splits Thai into "words" at syllables; only a real gap is a space.

    >>> _join_words([("คำ", (0, 0, 10, 10)), ("กล่าว", (11, 0, 30, 10)), ("ของ", (40, 0, 50, 10))])
    'คำกล่าว ของ'
    >>> _join_words([("พ", (0, 0, 5, 10)), (".", (8, 0, 9, 10)), ("ศ", (12, 0, 17, 10)), (".", (20, 0, 21, 10)),
    ...              ("๒๕๖๐", (30, 0, 50, 10))])
    'พ.ศ. ๒๕๖๐'
    """
    text = ""
    prev_box = None
    for word, box in words:
        if prev_box is not None:
            height = max(box[3] - box[1], prev_box[3] - prev_box[1], 1.0)
            gap = box[0] - prev_box[2]
            thai_join = _is_thai(text[-1]) and _is_thai(word[0])
            if not thai_join or gap > SPACE_GAP * height:
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
    (regex.compile(rf"(?<=(?:^|\s){_D}{{1,3}}) ?[.,] ?(?={_D}{{3}}(?: ?[,.] ?{_D}{{3}})*(?!{_D}) ?บาท)"), ","),  # ๕๐ . ๐๐๐ บาท
    (regex.compile(r"(?<![๐-๙])๒ ?๕ ?[๐-๙] ?[๐-๙](?![๐-๙])"), lambda m: m[0].replace(" ", "")),  # ๒ ๕๖๔ → ๒๕๖๔
    (regex.compile(r"^([๐-๙]{1,2}) ?7(?= |$)"), r"\1)"),  # a list marker's bracket read as 7: ๑ 7 → ๑)
)


def post_correct(text: str) -> str:
    """Undo the spacing Tesseract puts inside section numbers, list markers and amounts.

    >>> post_correct("๓ . ๑ . ๑ ส่งเสริม ๑ . ชื่อโครงการ ๓ ) เพื่อ ( ๑ ) ข้อ ๕๐ . ๐๐๐ บาท")
    '๓.๑.๑ ส่งเสริม ๑. ชื่อโครงการ ๓) เพื่อ (๑) ข้อ ๕๐,๐๐๐ บาท'
    >>> post_correct("พ.ศ. ๒๕๖๑ -๒ ๕๖๔"), post_correct("๑ 7"), post_correct("๒7 จัดทำ")
    ('พ.ศ. ๒๕๖๑ -๒๕๖๔', '๑)', '๒) จัดทำ')
    """
    for pattern, replacement in _OCR_FIXES:
        text = pattern.sub(replacement, text)
    return text


def ocr_pages(info: PdfInfo, pages: Iterable[RawPage], settings: OcrSettings | None = None) -> list[RawPage]:
    """OCR the given pages; same order as given.

    PDFium is not thread-safe, so pages are rendered one after another here
    while up to ``workers`` tesseract processes read the ones already rendered.
    """
    import pypdfium2 as pdfium

    settings = settings or OcrSettings()
    if not available():
        raise BadInput(str(info.path), "pages need OCR but tesseract is not installed; run `make system` "
                       "(Debian tesseract-ocr tesseract-ocr-tha) or pass --ocr never")
    futures: list[Future[RawPage]] = []
    doc = pdfium.PdfDocument(str(info.path))
    try:
        with ThreadPoolExecutor(max_workers=settings.processes()) as pool:
            for page in pages:
                while sum(not f.done() for f in futures) >= 2 * settings.processes():
                    wait([f for f in futures if not f.done()], return_when=FIRST_COMPLETED)
                image = doc[page.number - 1].render(scale=settings.dpi / 72, grayscale=True).to_pil()
                futures.append(pool.submit(_tesseract, info, page.number, image, 72 / settings.dpi,
                                           settings, (page.width, page.height)))
            return [f.result() for f in futures]
    finally:
        doc.close()
