"""OCR of the pages whose text layer is missing or unusable: Tesseract ``tha+eng``.

Pages are rendered by PDFium (pypdfium2) in grey at ``DPI`` and piped to the
``tesseract`` command (Debian tesseract-ocr-tha) one process per page, each
pinned to one thread (OpenMP's default of one thread per core makes a page
about eight times slower on two cores), several pages at once.
The TSV output gives words with boxes; they become lines in PDF points.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass

import regex

from ..errors import BadInput
from ..records import BBox, enclosing
from .backend import PdfInfo, RawLine, RawPage
from .tesseract import THAI_LETTER, THAI_WORD, Row, join_words, noise_row, run_tesseract, tsv_rows

DPI = 200  # measured in docs/fidelity.md: 300 dpi costs 40 % more time for no CER gain on 16 pt text
LANGS = "tha+eng"


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
    """OCR one rendered page (a grayscale PIL image): turned straight and its ruling lines read off
    and painted out where it holds a table (image_rulings.py); its digits are read again (digits.py)."""
    import numpy as np

    from . import image_rulings, ocr_cells
    from .digits import reread_line

    found = image_rulings.find(np.asarray(image), settings.dpi)
    gray = found.gray
    tsv = run_tesseract(info, number, gray, settings.langs, "3")
    lines, words = _tsv_lines(tsv, to_points,
                              lambda words: reread_line(words, gray),
                              lambda rows: _latin_read_as_thai(rows, gray, info, number, settings.dpi))
    if found.rulings:  # a table: its cells read one by one replace the page's words inside them
        words, uncertain = ocr_cells.table_words(info, number, gray, found.rulings, settings.dpi, settings.langs,
                                                 words)
        return RawPage(number, size[0], size[1], tuple(lines), tuple(words), found.rulings,
                       tuple((c.text, c.bbox, c.confidence) for c in uncertain))
    return RawPage(number, size[0], size[1], tuple(lines), tuple(words))


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

    found = [(r, k) for r, row in enumerate(rows) for k in range(1, len(row))
             if _LATIN_FOR_THAI.fullmatch(row[k][0]) and THAI_LETTER.search(row[k - 1][0])
             and (k + 1 == len(row) or THAI_LETTER.search(row[k + 1][0]))]
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
    tsv = run_tesseract(info, number, canvas, "tha", "6")
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
        if THAI_WORD.fullmatch(read.get(i, "")):
            rows[r][k] = (read[i], rows[r][k][1])
    return rows


def _tsv_lines(tsv: str, scale: float, fix: Callable[[Row], Row] | None = None,
               fix_page: Callable[[list[Row]], list[Row]] | None = None
               ) -> tuple[list[RawLine], list[tuple[str, BBox]]]:
    """Tesseract TSV (level 5 = word) → lines in reading order, and words, with boxes in points.

    ``fix`` gets each line's words with their pixel boxes (left, top, right, bottom) and returns
    them corrected; ``fix_page`` gets all lines' words at once, before ``fix``.
    """
    rows = [row for row, _ in tsv_rows(tsv)]
    if fix_page is not None:
        rows = fix_page(rows)
    out = []
    all_words = []
    for row in rows:
        words = [(text, (b[0] * scale, b[1] * scale, b[2] * scale, b[3] * scale))
                 for text, b in (fix(row) if fix is not None else row)]
        text = join_words(words)
        if noise_row([t for t, _ in words], text):
            continue
        all_words.extend(words)
        boxes = [b for _, b in words]
        out.append(RawLine(text, enclosing(boxes)))
    return out, all_words


@contextmanager
def _one_thread_each():
    """NumPy's BLAS and OpenCV on one thread while pages are read: the parallelism is the page
    threads with their tesseract processes (``OcrSettings.processes``), and a BLAS or OpenCV pool
    beside each would take cores that are not ours (and spin on them between calls)."""
    import cv2
    from threadpoolctl import threadpool_limits

    before = cv2.getNumThreads()
    cv2.setNumThreads(1)
    try:
        with threadpool_limits(limits=1):
            yield
    finally:
        cv2.setNumThreads(before)


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
        with _one_thread_each(), ThreadPoolExecutor(max_workers=settings.processes()) as pool:
            for page in pages:
                while sum(not f.done() for f in futures) >= 2 * settings.processes():
                    wait([f for f in futures if not f.done()], return_when=FIRST_COMPLETED)
                image = doc[page.number - 1].render(scale=settings.dpi / 72, grayscale=True).to_pil()
                futures.append(pool.submit(_tesseract, info, page.number, image, 72 / settings.dpi,
                                           settings, (page.width, page.height)))
            return [f.result() for f in futures]
    finally:
        doc.close()
