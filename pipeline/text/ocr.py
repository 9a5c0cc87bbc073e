"""OCR of the pages whose text layer is missing or unusable: Tesseract ``tha+eng``.

Pages are rendered by PDFium (pypdfium2) in grey at ``DPI`` and read by the
``tesseract`` command (Debian tesseract-ocr-tha), one process for a run of
pages (it loads its models once: 0.2 s of tha+eng saved on every page but the
first), each pinned to one thread (OpenMP's default of one thread per core
makes a page about eight times slower on two cores), several runs at once.
The TSV output gives words with boxes; they become lines in PDF points.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass

import regex

from ..errors import BadInput
from ..records import BBox, enclosing
from . import dictionary
from .backend import PdfInfo, RawLine, RawPage
from .tesseract import (AMOUNT, DPI, STOPPING, THAI_LETTER, THAI_WORD, Row, Stack, crop_margins, dashes_by_width,
                        join_words, noise_row, outsized_words, run_tesseract_pages, spaced, stack, stop_readers, tsv_rows)

log = logging.getLogger(__name__)

MAX_CHUNK = 8  # pages one Tesseract process reads at most (it loads its models once for them all)
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


def _read_pages(info: PdfInfo, chunk: list[tuple[RawPage, object]], settings: OcrSettings) -> list[RawPage]:
    """OCR rendered pages (grayscale PIL images) together: each turned straight and its ruling
    lines read off and painted out where it holds a table (image_rulings.py); then one Tesseract
    process reads every page (its sensor noise taken out first: ``image_rulings.quiet``; the cells'
    figures read better as scanned), one the cells of the table pages (ocr_cells.py; a page out of
    focus sharpened first: ``image_rulings.sharpened``), one again the cells whose figures came out
    ill-formed, one the words the English model took from Thai (``_latin_crops``), one the Latin
    words the Thai model took (``_garbled_latin``), each loading its models once for all the pages;
    digits are read again (digits.py). A reading after the first that fails (Tesseract over its
    time on a sheet of noise) leaves the pages as first read, with a warning."""
    import numpy as np

    from . import image_rulings, lost_ink, ocr_cells
    from .digits import reread_line

    numbers = [page.number for page, _ in chunk]
    found = [image_rulings.find(np.asarray(image), settings.dpi) for _, image in chunk]
    grays = [f.gray for f in found]
    def read_stacks(stacks: dict[int, Stack], langs: str) -> dict[int, str]:  # page index → its sheet's TSV
        try:
            return dict(zip(stacks, run_tesseract_pages(info, [numbers[k] for k in stacks],
                                                        [s.sheet for s in stacks.values()], langs, "6")))
        except BadInput as exc:  # a second reading that fails (too slow: a sheet of noise) is done without
            if STOPPING.is_set():
                raise
            log.warning("%s; the pages keep their first reading there", exc)
            return {}

    texts = [image_rulings.quiet(gray) for gray in grays]  # the pages' text: their sensor noise out
    tsvs = run_tesseract_pages(info, numbers, texts, settings.langs, "3")
    boxes = [ocr_cells.cell_boxes(f.rulings) if f.rulings else [] for f in found]
    def cells_image(k: int):  # what a table page's cells are cut from: sharpened when it is out of focus
        soft = image_rulings.edge_sharpness(chunk[k][1]) < image_rulings.SOFT_EDGES
        return image_rulings.sharpened(grays[k], settings.dpi) if soft else grays[k]

    sheets = {k: sheet for k, b in enumerate(boxes) if b and (sheet := ocr_cells.cell_sheet(cells_image(k), b, settings.dpi))}
    cell_tsvs = read_stacks({k: sheet.stack for k, sheet in sheets.items()}, settings.langs)
    cells = {k: ocr_cells.read_cells(sheet, cell_tsvs[k], settings.dpi) for k, sheet in sheets.items() if k in cell_tsvs}
    again = {k: crops for k, sheet in sheets.items()
             if k in cells and (crops := ocr_cells.figure_crops(cells[k], sheet, settings.dpi))}
    for k, tsv in read_stacks({k: crops.stack for k, crops in again.items()}, settings.langs).items():
        cells[k] = ocr_cells.with_figures_read_again(cells[k], again[k], tsv)
    rows = [[row for row, _ in tsv_rows(tsv)] for tsv in tsvs]
    # ink no line covers (a heading's start Tesseract's layout cut off), read again with its line
    lost = {k: ink for k, r in enumerate(rows) if not found[k].rulings
            and (ink := lost_ink.uncovered(r, grays[k], settings.dpi, outsized_words(tsvs[k])))}
    for k, tsv in read_stacks({k: ink.stack for k, ink in lost.items()}, settings.langs).items():
        rows[k] = lost_ink.read_again(rows[k], lost[k], tsv, settings.dpi)
    rows = [r if found[k].rulings else lost_ink.with_lone_dashes(r, grays[k]) for k, r in enumerate(rows)]
    rows = [[dashes_by_width(row) for row in r] for r in rows]
    latin = {k: crops for k, r in enumerate(rows) if (crops := _latin_crops(r, grays[k], settings.dpi))}
    latin_tsvs = read_stacks({k: crops.stack for k, crops in latin.items()}, "tha")
    rows = [_latin_read(r, latin[k], latin_tsvs[k]) if k in latin_tsvs else r for k, r in enumerate(rows)]
    garbled = {k: crops for k, r in enumerate(rows) if (crops := _garbled_latin(r, grays[k], settings.dpi))}
    for k, tsv in read_stacks({k: crops.stack for k, crops in garbled.items()}, "eng").items():
        rows[k] = _english_read(rows[k], garbled[k], tsv)
    out = []
    for k, (page, _) in enumerate(chunk):
        page_rows = rows[k]
        gray = grays[k]
        lines, words = _row_lines(page_rows, 72 / settings.dpi, lambda words: reread_line(words, gray))
        rulings = found[k].rulings
        if rulings:  # a table: its cells read one by one replace the page's words inside them
            words, uncertain = ocr_cells.table_words(words, boxes[k], cells.get(k, []))
            out.append(RawPage(page.number, page.width, page.height, tuple(lines), tuple(words), rulings,
                               tuple((c.text, c.bbox, c.confidence) for c in uncertain)))
        else:
            out.append(RawPage(page.number, page.width, page.height, tuple(lines), tuple(words)))
    return out


# a short Latin word among Thai words and figures (Thai or Arabic) is read again with the Thai model: most are Thai
# words the English model won ("was" for และ, "ASN" for ครั้ง after ๑, "AU" for คน: 48 fields of the
# golden and synthetic scans), some are Latin (ITA), which the Thai model reads unsurely and as no words
_LATIN_AMONG_THAI = regex.compile(r"[A-Za-z]{1,6}[.,]?")
_LATIN = regex.compile(r"[A-Za-z]")
_THAI_OR_FIGURE = regex.compile(r"[\u0e01-\u0e2e๐-๙0-9]")
THAI_READING_CONFIDENCE = 75  # the Thai model's least confidence in a reading taken for the Latin word
# and one after an amount in Thai digits is its unit, whatever the Thai model's confidence ("๓๐,๐๐๐ UM")
_LATIN_SHORT = regex.compile(r"[A-Za-z]{1,3}")
_EDGE_MARKS = regex.compile(r"^[()\[\]{}|'\"‘’“”]+|[()\[\]{}|'\"‘’“”]+$")
_AMOUNT_END = regex.compile(rf"(?<![๐-๙,])(?:{AMOUNT.pattern})$")  # Tesseract's words run together: ๓ ๐ , ๐ ๐ ๐


@dataclass(frozen=True, slots=True)
class _LatinCrops:
    """The short Latin words of a page found among Thai ones, cut out and stacked on one image."""
    at: list[tuple[int, int]]  # (row, word) of each
    units: frozenset[tuple[int, int]]  # those of them after an amount
    stack: Stack


def _latin_crops(rows: list[Row], gray, dpi: int = DPI) -> _LatinCrops | None:
    """The page's short Latin words that may be Thai words the English model won: one beside Thai
    words or figures (Thai or Arabic) only, one of them at least (the line's end may be the other
    side), and one after an amount in Thai digits (a unit); cut out and stacked on one image, to be
    read again with the Thai model alone (``_latin_read``)."""
    def among_thai(row: Row, k: int) -> bool:
        beside = [row[j][0] for j in (k - 1, k + 1) if 0 <= j < len(row)]
        return bool(_LATIN_AMONG_THAI.fullmatch(row[k][0]) and any(_THAI_OR_FIGURE.search(w) for w in beside)
                    and not any(_LATIN.search(w) for w in beside))

    def unit(row: Row, k: int) -> bool:
        return bool(k and _LATIN_SHORT.fullmatch(row[k][0]) and _AMOUNT_END.search("".join(w for w, _ in row[:k]))
                    and (k + 1 == len(row) or THAI_LETTER.search(row[k + 1][0])))

    units = frozenset((r, k) for r, row in enumerate(rows) for k in range(len(row)) if unit(row, k))
    found = sorted(units | {(r, k) for r, row in enumerate(rows) for k in range(len(row)) if among_thai(row, k)})
    if not found:
        return None
    pad_x, pad_y, gap = crop_margins(dpi)
    crops = []
    for r, k in found:
        left, top, right, bottom = rows[r][k][1]
        crops.append(gray[max(0, top - pad_y):bottom + pad_y, max(0, left - pad_x):right + pad_x])
    return _LatinCrops(found, units, stack(crops, gap))


def _latin_read(rows: list[Row], crops: _LatinCrops, tsv: str) -> list[Row]:
    """``rows`` with the words of ``crops`` replaced by the Thai model's reading of them (``tsv``), an
    amount's unit where that is Thai letters, any other where it reads them surely
    (THAI_READING_CONFIDENCE) as known words, their lost marks given back (ITA reads as "[ไค" at 55,
    "เทค" at 32: it stays); without the brackets, bars and quotes the crop's edges are read as (the
    word cut out was letters alone)."""
    read = crops.stack.readings(tsv)
    rows = [list(row) for row in rows]
    for i, (r, k) in enumerate(crops.at):
        text, least = read.get(i, ("", 0.0))
        word = _EDGE_MARKS.sub("", text)  # the crop's edge read as a bracket: บาท)]
        if THAI_WORD.fullmatch(word) and ((r, k) in crops.units or (
                least >= THAI_READING_CONFIDENCE
                and dictionary.known_words_only(dictionary.restore_lost_marks(word)[0]))):
            rows[r][k] = (word, rows[r][k][1])
    return rows


_LATIN_WORD = regex.compile(r"[A-Za-z]{3,}")
_LATIN_READ = regex.compile(r"[A-Za-z][A-Za-z-]*[A-Za-z]")
_ARABIC_OR_LATIN, _THAI_CHAR = regex.compile(r"[0-9A-Za-z]"), regex.compile(r"[\u0e01-\u0e59]")
MAX_GARBLED = 8  # characters: a Latin word's misreading is short


@dataclass(frozen=True, slots=True)
class _RunCrops:
    """Runs of a page's words (row, first, last), cut out as one and stacked on one image."""
    at: list[tuple[int, int, int]]
    stack: Stack


def _garbled_latin(rows: list[Row], gray, dpi: int = DPI) -> _RunCrops | None:
    """A Latin word of a Thai line read as Thai and digits beside a Latin word read right ("NO Gift
    Policy" on a blurred scan: "ง0 Gift 0๐น"): the run of words printed as one (no space between them)
    next to a word of three Latin letters or more, short, mixing Arabic digits or Latin letters with
    Thai letters or digits (which no Thai or English word does), is cut out to be read again with the
    English model alone (``_english_read``)."""
    found = []
    for r, row in enumerate(rows):
        groups: list[list[int]] = []
        for k, (_, box) in enumerate(row):
            if k and not spaced(row[k - 1][1], box):
                groups[-1].append(k)
            else:
                groups.append([k])
        for g, group in enumerate(groups):
            text = "".join(row[k][0] for k in group)
            beside = [groups[h] for h in (g - 1, g + 1) if 0 <= h < len(groups)]
            if (len(text) <= MAX_GARBLED and _ARABIC_OR_LATIN.search(text) and _THAI_CHAR.search(text)
                    and any(_LATIN_WORD.fullmatch(row[k][0]) for other in beside for k in other)):
                # the crop runs to the words either side: Tesseract's boxes for a word it misread
                # may leave part of its ink out ("Policy" boxed as far as "Poli")
                left = row[groups[g - 1][-1]][1][2] + 1 if g else None
                right = row[groups[g + 1][0]][1][0] - 1 if g + 1 < len(groups) else None
                found.append((r, group[0], group[-1], left, right))
    if not found:
        return None
    pad_x, pad_y, gap = crop_margins(dpi)
    crops = []
    for r, first, last, left, right in found:
        boxes = [b for _, b in rows[r][first:last + 1]]
        top, bottom = min(b[1] for b in boxes), max(b[3] for b in boxes)
        left = max(0, min(b[0] for b in boxes) - pad_x) if left is None else left
        right = max(b[2] for b in boxes) + pad_x if right is None else right
        crops.append(gray[max(0, top - pad_y):bottom + pad_y, left:right])
    return _RunCrops([(r, first, last) for r, first, last, _, _ in found], stack(crops, gap))


def _english_read(rows: list[Row], crops: _RunCrops, tsv: str) -> list[Row]:
    """``rows`` with each run of ``crops`` replaced by one word, the English model's reading of it
    (``tsv``), where that is a word of Latin letters; left as it was otherwise."""
    read = crops.stack.words(tsv)
    rows = [list(row) for row in rows]
    for i, (r, first, last) in sorted(enumerate(crops.at), key=lambda item: item[1], reverse=True):
        word = _EDGE_MARKS.sub("", read.get(i, ""))
        if _LATIN_READ.fullmatch(word):
            boxes = [b for _, b in rows[r][first:last + 1]]
            box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
            rows[r][first:last + 1] = [(word, box)]
    return rows



def _row_lines(rows: list[Row], scale: float, fix: Callable[[Row], Row] | None = None
               ) -> tuple[list[RawLine], list[tuple[str, BBox]]]:
    """Tesseract's lines of words → lines, and words, with boxes in points; rows of noise left out.
    ``fix`` gets each line's words with their pixel boxes (left, top, right, bottom) and returns
    them corrected."""
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


def chunk_sizes(pages: int, processes: int) -> list[int]:
    """How many pages each Tesseract process reads, in the order the runs are started: one page
    for each process first (it starts reading while the next pages are rendered), then rounds of
    ``processes`` runs, each run a share of the pages left (half of them over the processes, at
    most MAX_CHUNK), so that the runs shrink towards the end and no process is left reading alone
    while the others have finished (guided scheduling by factoring).

    >>> chunk_sizes(34, 2), chunk_sizes(1, 2), chunk_sizes(3, 2), chunk_sizes(9, 1)
    ([1, 1, 8, 8, 4, 4, 2, 2, 1, 1, 1, 1], [1], [1, 1, 1], [1, 4, 2, 1, 1])
    """
    sizes = [1] * min(pages, processes)
    left = pages - len(sizes)
    while left:
        size = max(1, min(MAX_CHUNK, -(-left // (2 * processes))))
        for _ in range(processes):
            if left:
                sizes.append(min(size, left))
                left -= sizes[-1]
    return sizes


def ocr_pages(info: PdfInfo, pages: Iterable[RawPage], settings: OcrSettings | None = None) -> list[RawPage]:
    """OCR the given pages; same order as given.

    PDFium is not thread-safe, so pages are rendered one after another here while up to
    ``workers`` threads, each with its Tesseract processes, read the runs of pages already
    rendered (``chunk_sizes``).
    """
    import pypdfium2 as pdfium

    settings = settings or OcrSettings()
    if not available():
        raise BadInput(str(info.path), "pages need OCR but tesseract is not installed; run `make system` "
                       "(Debian tesseract-ocr tesseract-ocr-tha) or pass --ocr never")
    pages = list(pages)
    processes = settings.processes()
    sizes = chunk_sizes(len(pages), processes)
    futures: list[Future[list[RawPage]]] = []
    doc = pdfium.PdfDocument(str(info.path))
    try:
        with _one_thread_each(), ThreadPoolExecutor(max_workers=processes) as pool:
            try:
                chunk: list[tuple[RawPage, object]] = []
                for page in pages:
                    if not chunk:  # rendered pages wait for a reader: at most one run ahead of them
                        while sum(not f.done() for f in futures) > processes:
                            wait([f for f in futures if not f.done()], return_when=FIRST_COMPLETED)
                    image = doc[page.number - 1].render(scale=settings.dpi / 72, grayscale=True).to_pil()
                    chunk.append((page, image))
                    if len(chunk) == sizes[len(futures)]:
                        futures.append(pool.submit(_read_pages, info, chunk, settings))
                        chunk = []
                return [page for f in futures for page in f.result()]
            except BaseException as exc:  # no run of pages is started after an error
                if not isinstance(exc, Exception):  # Ctrl-C, SIGTERM: the process is ending, and with it
                    stop_readers()  # every Tesseract it runs (a page's error stops this document's alone)
                pool.shutdown(wait=True, cancel_futures=True)
                raise
    finally:
        STOPPING.clear()
        doc.close()
