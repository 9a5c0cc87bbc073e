"""PDF → pages of lines with boxes. The only module that touches PDF libraries.

Text comes from poppler (``pdftotext``): it honours the ``/ActualText`` spans
that LibreOffice and Word write around Thai glyph clusters, so its characters
are the faithful ones (pdfminer.six, hence pdfplumber, ignores them and
returns the glyph order: ``ทงั้``, ``ช่อื``; PDFium splits justified lines
mid-cluster). It is also the fastest text source we have (issue 7).
``-raw`` gives the content-stream order with line breaks; ``-bbox`` gives
the same characters as words with boxes, so each line gets its box by
walking both in step.

pypdfium2 (shipped with pdfplumber) opens the file first to say precisely
what is wrong with a bad input.
"""

from __future__ import annotations

import codecs
import html
import logging
import re
import shutil
import subprocess
import tempfile
import threading
from bisect import bisect_left, bisect_right
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import regex

from ..errors import BadInput
from ..records import BBox
from .dictionary import spans_word, word_at
from .thai import MARKS

T = TypeVar("T")

log = logging.getLogger(__name__)

PDFTOTEXT_TIMEOUT_S = 300
MAX_PAGES = 2000  # plans run to 60–200 pages (1,000 read in ~10 s); a longer file is refused, not read for an hour
MAX_STREAM_MB = 256  # a stream inflating past this is a decompression bomb
# stdlib re: these two simple patterns run over every word of a plan, where it is the faster engine
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)</word>')
_END_PAGE = "</page>"


@dataclass(frozen=True, slots=True)
class RawLine:
    text: str
    bbox: BBox


@dataclass(frozen=True, slots=True)
class RawPage:
    number: int
    width: float
    height: float
    lines: tuple[RawLine, ...]
    words: tuple[tuple[str, BBox], ...] = ()  # poppler's (or OCR's) words with boxes, for table cells
    rulings: tuple[tuple[BBox, ...], tuple[BBox, ...]] | None = None  # OCR'd pages: read off the image
    uncertain: tuple[tuple[str, BBox, float], ...] = ()  # OCR'd table cells: lines read with low confidence


@dataclass(frozen=True, slots=True)
class Restoration:
    """A character the text layer lost and the PDF's own glyph data gave back."""

    page: int
    printed: str  # the word as the text layer has it
    restored: str  # the word with the character restored
    evidence: str  # what proved it


@dataclass(frozen=True, slots=True)
class PdfInfo:
    path: Path
    pages: int
    sha256: str
    producer: str = ""  # the Info dictionary's Producer and Creator ("LibreOffice 7.4 Writer")


def inspect(path: Path) -> PdfInfo:
    """Check that ``path`` is a readable PDF; say exactly what is wrong if not."""
    import hashlib

    import pypdfium2 as pdfium

    if not path.exists():
        raise BadInput(str(path), "file not found")
    if not path.is_file():
        raise BadInput(str(path), "not a file (a folder?)")
    size = path.stat().st_size
    if size == 0:
        raise BadInput(str(path), "empty file (0 bytes)")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        shown = head[:24].decode("utf-8", errors="replace").split("\n")[0][:16]
        raise BadInput(str(path), f"not a PDF (the file starts with {shown!r}, not '%PDF-')")
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise BadInput(str(path), "encrypted PDF: it needs a password to open; "
                           "save an unprotected copy and run again") from None
        raise BadInput(str(path), f"corrupt or truncated PDF ({reason})") from None
    try:
        pages = len(doc)
        producer = " ".join(filter(None, (doc.get_metadata_value(key) for key in ("Producer", "Creator"))))
    finally:
        doc.close()
    if pages == 0:
        raise BadInput(str(path), "the PDF has no pages")
    if pages > MAX_PAGES:
        raise BadInput(str(path), f"{pages} pages, over the limit of {MAX_PAGES} for one plan; "
                       "split the file or raise MAX_PAGES")
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return PdfInfo(path=path, pages=pages, sha256=digest.hexdigest(), producer=producer)


def import_libraries() -> None:
    """Import the PDF and font libraries the text stage otherwise imports on a first document (for a
    process that forks workers, so each starts with them: pipeline/warm.py)."""
    import fontTools.ttLib  # noqa: F401
    import pdfplumber  # noqa: F401
    import pikepdf  # noqa: F401
    import pypdfium2  # noqa: F401


def checked_objects(pdf, path: Path) -> Iterator:
    """Every object of ``pdf`` (open in pikepdf), a stream that inflates past MAX_STREAM_MB refused
    first (inflated in bounded steps): one walk of the file's objects serves the bomb check and
    whatever the caller looks for (the fonts)."""
    import zlib

    import pikepdf

    limit = MAX_STREAM_MB * 1024 * 1024
    flate = pikepdf.Name.FlateDecode  # made once: pikepdf builds a Name per attribute access
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == flate:
            raw = obj.read_raw_bytes()
            if len(raw) * 1032 >= limit:  # deflate cannot expand more than ~1032:1
                inflater, size, data = zlib.decompressobj(), 0, raw
                while data and size <= limit:
                    try:
                        chunk = inflater.decompress(data, 1 << 24)
                    except zlib.error:
                        break
                    size += len(chunk)
                    data = inflater.unconsumed_tail
                if size > limit:
                    raise BadInput(str(path), f"decompression bomb: object {obj.objgen[0]} inflates past "
                                   f"{MAX_STREAM_MB} MB from {len(raw):,} bytes")
        yield obj


def write_update(pdf, source: Path, changed: Sequence, dest: Path) -> bool:
    """``source`` with the ``changed`` objects of ``pdf`` (its copy open in pikepdf: indirect
    dictionaries and streams, new or edited) appended as an incremental update (ISO 32000-1, 7.5.6),
    written to ``dest``: the original bytes copied as they are (in the kernel), then those objects, a
    cross-reference section for them and a trailer chained to the file's last one by ``/Prev``. qpdf
    writes no such update, and re-serialising every object (``Pdf.save``) is most of the cost of a small
    file whose fonts need fixing. False, nothing written, where the file cannot take one as it stands —
    encrypted (the new objects would have to be too), repaired by qpdf on opening (its cross-reference
    data is wrong), no ``startxref`` in its last 2 KB — and the caller saves a whole copy."""
    import pikepdf

    if not changed or pdf.is_encrypted or pdf.get_warnings():
        return False
    with source.open("rb") as fh:
        size = fh.seek(0, 2)
        fh.seek(max(0, size - 2048))
        found = re.findall(rb"startxref\s+(\d+)", fh.read())
    if not found or int(found[-1]) >= size:
        return False
    offsets: dict[int, tuple[int, int]] = {}
    body = [b"\n"]  # the original may end without an end-of-line
    at = size + 1
    for obj in changed:
        number, generation = obj.objgen
        if number == 0:  # a direct object: only the object holding it could be rewritten
            return False
        if number in offsets:
            continue
        if isinstance(obj, pikepdf.Stream):
            data = obj.read_raw_bytes()  # as stored (a stream made in this run is not yet compressed)
            head = pikepdf.Dictionary(obj.stream_dict)
            head.Length = len(data)
            text = head.unparse() + b"\nstream\n" + data + b"\nendstream"
        else:
            text = obj.unparse(resolved=True)
        piece = b"%d %d obj\n%s\nendobj\n" % (number, generation, text)
        offsets[number] = (at, generation)
        body.append(piece)
        at += len(piece)
    body.append(b"xref\n")
    numbers = sorted(offsets)
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    for run in runs:
        body.append(b"%d %d\n" % (run[0], len(run)))
        body += [b"%010d %05d n\r\n" % offsets[number] for number in run]
    trailer = pikepdf.Dictionary({key: pdf.trailer[key] for key in ("/Root", "/Info", "/ID") if key in pdf.trailer})
    trailer.Size = max(int(pdf.trailer.get("/Size", 0)), numbers[-1] + 1)
    trailer.Prev = int(found[-1])
    body.append(b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer.unparse(), at))
    shutil.copyfile(source, dest)
    with dest.open("ab") as out:
        out.write(b"".join(body))
    return True


def _pdftotext() -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise BadInput("pdftotext", "poppler's pdftotext is not installed; run `make system` "
                       "(Debian package poppler-utils)")
    return exe


def read_pages(info: PdfInfo, while_waiting: Callable[[], T] | None = None,
               on_page: Callable[[RawPage], object] | None = None) -> tuple[list[RawPage], T | None]:
    """Every page's lines in reading order, with boxes (origin top-left, points).

    One ``pdftotext -raw -bbox`` pass gives the words in content order with their boxes; lines
    are rebuilt from them (``lines_from_words``). Pages are parsed as poppler streams them out, so
    parsing overlaps poppler's own work, and so does ``on_page`` (the caller's work on each page,
    called as it is parsed); ``while_waiting`` (PDFium work of the caller's) runs in a thread meanwhile. A pdftotext that outlives PDFTOTEXT_TIMEOUT_S is killed.
    """
    exe = _pdftotext()
    src = str(info.path)
    with tempfile.TemporaryFile() as err, ThreadPoolExecutor(max_workers=1) as side:
        # stderr to a file: a broken PDF's thousands of warnings must not fill a pipe and stall it
        proc = _popen_wide([exe, "-raw", "-bbox", "-enc", "UTF-8", src, "-"], err)
        waiting = side.submit(while_waiting) if while_waiting else None
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            proc.kill()

        timer = threading.Timer(PDFTOTEXT_TIMEOUT_S, kill)
        timer.start()
        pages: list[RawPage] = []
        try:
            decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
            pending = ""
            assert proc.stdout is not None
            while chunk := proc.stdout.read1(1 << 16):
                searched = max(0, len(pending) - len(_END_PAGE))  # a page's end may straddle two chunks
                pending += decoder.decode(chunk)
                cut = pending.rfind(_END_PAGE, searched)
                if cut >= 0:
                    cut += len(_END_PAGE)
                    _parse_pages(pending[:cut], pages, on_page)
                    pending = pending[cut:]
            _parse_pages(pending + decoder.decode(b"", final=True), pages, on_page)
            proc.wait()
        finally:
            timer.cancel()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if timed_out.is_set():
            raise BadInput(src, f"text extraction took longer than {PDFTOTEXT_TIMEOUT_S} s")
        if proc.returncode != 0:
            err.seek(0)
            message = err.read().decode(errors="replace").strip()[:200]
            raise BadInput(src, f"pdftotext failed: {message}")
        extra = waiting.result() if waiting else None
    if len(pages) != info.pages:
        log.warning("%s: pdftotext saw %d pages, the PDF has %d", src, len(pages), info.pages)
    return pages, extra


PIPE_BYTES = 1 << 20  # Linux's default ceiling for an unprivileged pipe (/proc/sys/fs/pipe-max-size)


def _popen_wide(args: list[str], err) -> subprocess.Popen:
    """poppler with a pipe that holds several pages: with the default 64 KB (less than one page of
    bbox XHTML, ~100 KB) it stops at each page until the parser has read it, and the two take turns
    instead of working side by side. A system that refuses the size gets the default pipe."""
    try:
        return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, pipesize=PIPE_BYTES)
    except OSError:
        return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err)


def _parse_pages(bbox_html: str, pages: list[RawPage], on_page: Callable[[RawPage], object] | None = None) -> None:
    """Append the complete ``<page>`` elements of poppler's bbox XHTML to ``pages`` (a word's text
    holds no "<": poppler escapes it)."""
    start = 0
    while (head := _PAGE.search(bbox_html, start)) is not None:
        end = bbox_html.find(_END_PAGE, head.end())
        if end < 0:
            return
        words = tuple([(html.unescape(t) if "&" in t else t, (float(x0), float(y0), float(x1), float(y1)))
                       for x0, y0, x1, y1, t in _WORD.findall(bbox_html, head.end(), end)])
        pages.append(RawPage(len(pages) + 1, float(head[1]), float(head[2]), lines_from_words(words),
                             words))
        if on_page is not None:
            on_page(pages[-1])
        start = end + len(_END_PAGE)


LINE_SLACK = 0.1  # a word whose middle lies within the line's height (± this share) is on the line
BACKSTEP = 0.5  # a word may start this share of the line height left of the previous one (a mark)
WORD_GAP = 0.12  # a gap wider than this share of the height between two words is a space
MARK_GAP = 0.17  # after a word ending in a mark, a gap narrower than this may be the mark's offset, not a space
SPACE_GAP = 0.6  # between OCR's words and glyph runs: a gap wider than this share of the line height is a space


def lines_from_words(words: Sequence[tuple[str, BBox]]) -> tuple[RawLine, ...]:
    """Words in content order → lines: a new line where a word leaves the line's height or
    steps back left; a space where the gap between two words is wider than WORD_GAP of the height.

    The words are poppler's, split at spaces and at /ActualText spans (so a Thai word may come in
    pieces with no gap between them, which join without a space).
    """
    out: list[RawLine] = []
    parts: list[str] = []  # the current line's text
    maybe: list[int] = []  # parts that are spaces only by a narrow gap after a mark
    x0 = top = x1 = bottom = 0.0  # its box
    prev_left = prev_right = 0.0  # the previous word's
    inked = False  # whether any word of the line has a width
    add = parts.append
    for word, (left, upper, right, lower) in words:  # the hot loop of a plan: comparisons, not min()/max()
        if parts:
            height = bottom - top
            slack = LINE_SLACK * height
            if (top - slack <= (upper + lower) / 2 <= bottom + slack
                    and left >= prev_left - BACKSTEP * height):
                tall = lower - upper
                gap = (left - prev_right) / (tall if tall > 1.0 else 1.0)
                if gap > WORD_GAP:
                    if gap < MARK_GAP and parts[-1][-1] in MARKS:
                        maybe.append(len(parts))
                    add(" ")
                add(word)
                if left < x0:
                    x0 = left
                if upper < top:
                    top = upper
                if right > x1:
                    x1 = right
                if lower > bottom:
                    bottom = lower
                prev_left, prev_right = left, right
                inked = inked or right - left > ZERO_WIDTH
                continue
            if inked:
                out.append(RawLine(_line_text(parts, maybe), (x0, top, x1, bottom)))
            maybe = []
        parts = [word]
        add = parts.append
        x0, top, x1, bottom = left, upper, right, lower
        prev_left, prev_right = left, right
        inked = right - left > ZERO_WIDTH
    # a line whose words have no width is painted nowhere (Chromium leaves such ghosts of the next
    # page's first glyph clusters below a page's last line); marks of no width sit on their base's line
    if parts and inked:
        out.append(RawLine(_line_text(parts, maybe), (x0, top, x1, bottom)))
    return _join_rotated(out)


def _line_text(parts: list[str], maybe: list[int]) -> str:
    """A line's words and spaces as text. A gap after a word that ends in a mark may be no space:
    some fonts draw an upper vowel or tone mark offset to the left of a tall consonant, and poppler
    ends the word at the mark ("ป้ องกัน", "ปี งบประมาณ" in Kinnari, "จิ ต" in a Word plan); the gap
    is dropped where a dictionary word runs across it (``spans_word``)."""
    for i in maybe:
        if spans_word("".join(parts[:i]), "".join(parts[i + 1:])):
            parts[i] = ""
    return "".join(parts)


ZERO_WIDTH = 0.01  # points
ROTATED_WIDTH = 30.0  # points: a column of text turned 90° is one line-height wide


def _join_rotated(lines: list[RawLine]) -> tuple[RawLine, ...]:
    """Text turned 90° (a table header written bottom to top, "น้ำหนัก") comes from poppler a run
    of glyphs at a time, each a "line" of its own: runs in one narrow column, each just above the
    one before, are one line again.

    >>> [line.text for line in _join_rotated([RawLine("นํ", (497, 83, 510, 90)), RawLine("้", (497, 82, 510, 82)),
    ...     RawLine("า", (497, 77, 510, 83)), RawLine("หน", (497, 62, 510, 77)), RawLine("ัก", (497, 54, 510, 60)),
    ...     RawLine("หน่วยประเมิน", (522, 36, 587, 50))])]
    ['นํ้าหนัก', 'หน่วยประเมิน']
    """
    out: list[RawLine] = []
    for line in lines:
        if out:
            a, b = out[-1].bbox, line.bbox
            if (abs(a[0] - b[0]) <= 1 and abs(a[2] - b[2]) <= 1 and a[2] - a[0] <= ROTATED_WIDTH
                    and b[3] <= a[1] + 1 and b[1] < a[1]):
                out[-1] = RawLine(out[-1].text + line.text, (min(a[0], b[0]), b[1], max(a[2], b[2]), a[3]))
                continue
        out.append(line)
    return tuple(out)


_AA_AFTER_SPACE = regex.compile(r"[\u0e01-\u0e4e] \u0e32")
_NOT_TEXT = regex.compile(r"\s")
# what ``\s`` matches (Unicode's White_Space, not str.isspace: no \x1c–\x1f), for str.translate, which
# drops it from a page's lines in a fraction of regex's time (tests/test_thai.py checks the set)
WHITE_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
_DROP_SPACE = dict.fromkeys(map(ord, WHITE_SPACE))
_AA_BESIDE_SPACE = regex.compile(r" \u0e32|\u0e32 ")
SARA_AA = "\u0e32"


def scan_sara_am(info: PdfInfo) -> dict[int, tuple[list[int], str]]:
    """Find the SARA AM that Word/Excel/Canva PDFs lose (poppler prints ``ตาบล`` for ตำบล).

    Those fonts draw SARA AM as a NIKHAHIT glyph whose ToUnicode says "space",
    beside the SARA AA glyph. A real space has no ink (PDFium gives it a box
    of zero height); this "space" has the small ink box of the NIKHAHIT. Where
    one touches a SARA AA, that SARA AA is a SARA AM. Pages without a
    "space + SARA AA" in PDFium's text are not walked character by character.
    Returns, per page, the positions (among non-space characters) of those SARA AA
    and PDFium's non-space text for mapping them onto poppler's.
    """
    return {number: finding for number, finding in _scan_pages(info) if finding}


def _scan_pages(info: PdfInfo) -> Iterator[tuple[int, tuple[list[int], str] | None]]:
    """``scan_sara_am`` page by page, in order: each page's finding, or None."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    doc = pdfium.PdfDocument(str(info.path))
    try:
        for number in range(1, len(doc) + 1):
            textpage = doc[number - 1].get_textpage()
            text = textpage.get_text_range()
            if not _AA_AFTER_SPACE.search(text):
                yield number, None
                continue
            if len(text) != textpage.count_chars():  # a character outside the BMP: one by one
                text = "".join(chr(pdfium_raw.FPDFText_GetUnicode(textpage, k))
                               for k in range(textpage.count_chars()))
            targets = _non_space_positions(text, _inked_space_aa(textpage, text))
            yield number, ((targets, text.translate(_DROP_SPACE)) if targets else None)
    finally:
        doc.close()


class SaraAmScan:
    """``scan_sara_am`` run in a side thread (``run``) while poppler's pages are parsed, each page
    restored (``restore``) as soon as the scan has passed it: the two engines read side by side."""

    def __init__(self, info: PdfInfo) -> None:
        self.info = info
        self._found: dict[int, tuple[list[int], str]] = {}
        self._through = 0  # the last page scanned
        self._finished = False
        self._turn = threading.Condition()

    def run(self) -> None:
        try:
            for number, finding in _scan_pages(self.info):
                with self._turn:
                    if finding:
                        self._found[number] = finding
                    self._through = number
                    self._turn.notify_all()
        finally:  # a failed scan wakes every waiting page (read_pages raises its error afterwards)
            with self._turn:
                self._finished = True
                self._turn.notify_all()

    def restore(self, page: RawPage) -> tuple[RawPage, list[Restoration]]:
        """``page`` with its SARA AM given back, once the scan has reached it (the same page when
        none was found there)."""
        with self._turn:
            self._turn.wait_for(lambda: self._finished or self._through >= page.number)
            finding = self._found.get(page.number)
        return _apply_sara_am(page, *finding) if finding else (page, [])


def _inked_space_aa(textpage, text: str) -> list[int]:
    """Indices of the SARA AA beside a "space" that has ink (a NIKHAHIT glyph read as a space);
    only the spaces next to a SARA AA are measured."""
    out = []
    for m in _AA_BESIDE_SPACE.finditer(text, overlapped=True):
        aa = m.start() if text[m.start()] == SARA_AA else m.end() - 1
        space = m.end() - 1 if aa == m.start() else m.start()
        left, bottom, right, top = textpage.get_charbox(space)
        if right - left > 0.5 and top - bottom > 0.5 and (not out or out[-1] != aa):
            out.append(aa)
    return out


def _non_space_positions(text: str, indices: list[int]) -> list[int]:
    """The positions of ``text[k]`` (k in ascending ``indices``) among its non-white-space characters.

    >>> _non_space_positions("ก า ข า", [2, 6])
    [1, 3]
    """
    out, spaces, last = [], 0, 0
    for k in indices:
        spaces += len(_NOT_TEXT.findall(text, last, k))
        out.append(k - spaces)
        last = k
    return out


def _apply_sara_am(page: RawPage, targets: list[int], pdfium_text: str) -> tuple[RawPage, list[Restoration]]:
    visible = [line.text.translate(_DROP_SPACE) for line in page.lines]
    poppler_text = "".join(visible)
    if poppler_text != pdfium_text:  # map positions across the two engines
        from rapidfuzz.distance import Levenshtein

        blocks = Levenshtein.opcodes(pdfium_text, poppler_text).as_matching_blocks()
        block_starts = [a for a, _b, _size in blocks]
        mapped = []
        for t in targets:  # a target outside every matching block has no counterpart in poppler's text
            a, b, size = blocks[max(0, bisect_right(block_starts, t) - 1)]
            if a <= t < a + size:
                mapped.append(b + t - a)
        targets = mapped
    wanted = sorted(set(targets))
    lines = []
    found = []
    first = 0  # the position of the line's first non-space character among the page's
    for line, text in zip(page.lines, visible):
        end = first + len(text)
        here = wanted[bisect_left(wanted, first):bisect_left(wanted, end)]
        changed = []
        if here:
            at = [i for i, ch in enumerate(line.text) if ord(ch) not in _DROP_SPACE]  # where each of text is
            changed = [at[t - first] for t in here if line.text[at[t - first]] == "\u0e32"]
        first = end
        if changed:
            chars = list(line.text)
            for i in changed:
                chars[i] = "\u0e33"
            new_text = "".join(chars)
            for i in changed:  # SARA AA → SARA AM keeps every position
                start, after = word_at(new_text, i)
                before = line.text[start:start + len(after)]
                found.append(Restoration(page.number, before, after, "nikhahit-glyph-read-as-space"))
            line = RawLine(new_text, line.bbox)
        lines.append(line)
    if not found:
        return page, found  # the same page: work done on it while poppler read stands
    return RawPage(page.number, page.width, page.height, tuple(lines), page.words), found


def image_coverage(info: PdfInfo, numbers: list[int]) -> dict[int, float]:
    """Share of each page's area covered by images (a scan is close to 1)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    cover: dict[int, float] = {}
    doc = pdfium.PdfDocument(str(info.path))
    try:
        for number in numbers:
            page = doc[number - 1]
            width, height = page.get_size()
            area = 0.0
            for obj in page.get_objects(filter=(pdfium_raw.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
                left, bottom, right, top = obj.get_bounds()
                area += max(0.0, min(right, width) - max(left, 0.0)) * max(0.0, min(top, height) - max(bottom, 0.0))
            cover[number] = min(1.0, area / (width * height)) if width and height else 0.0
    finally:
        doc.close()
    return cover


RULE_PT = 2.0  # a path thinner than this is a ruling line


def rulings(info: PdfInfo, numbers: Iterable[int]) -> dict[int, tuple[tuple[BBox, ...], tuple[BBox, ...]]]:
    """Each given page's ruling lines (vertical, horizontal) as thin boxes, read from PDFium's path
    objects in one opening of the file (a table finder would otherwise parse every object of the
    page, its characters too). A row cut by the page break has no rule there (WeasyPrint, Chrome):
    the table is closed at the top and bottom of its vertical rules."""
    import pypdfium2 as pdfium

    out: dict[int, tuple[tuple[BBox, ...], tuple[BBox, ...]]] = {}
    doc = pdfium.PdfDocument(str(info.path))
    try:
        for number in sorted(set(numbers)):
            page = doc[number - 1]
            height = page.get_height()
            vertical: list[BBox] = []
            horizontal: list[BBox] = []
            for left, bottom, right, top in _path_bounds(page):
                width, tall = right - left, top - bottom
                if width <= RULE_PT < tall:
                    x = (left + right) / 2
                    vertical.append((x, height - top, x, height - bottom))
                elif tall <= RULE_PT < width:
                    y = height - (top + bottom) / 2
                    horizontal.append((left, y, right, y))
            page.close()
            out[number] = (tuple(vertical), closed(vertical, horizontal))
    finally:
        doc.close()
    return out


def closed(vertical: Sequence[BBox], horizontal: Sequence[BBox]) -> tuple[BBox, ...]:
    """The horizontal rules with a rule added at the top and bottom of the vertical ones where none
    is: a row cut by the page break has no rule there (WeasyPrint, Chrome)."""
    out = list(horizontal)
    if vertical:
        x0, x1 = min(v[0] for v in vertical), max(v[2] for v in vertical)
        for y in (min(v[1] for v in vertical), max(v[3] for v in vertical)):
            if not any(abs(h[1] - y) <= RULE_PT for h in out):
                out.append((x0, y, x1, y))
    return tuple(out)


def _path_bounds(page, max_depth: int = 5) -> Iterator[tuple[float, float, float, float]]:
    """The bounds (left, bottom, right, top) of a page's path objects, those inside form XObjects
    too, through PDFium's C API: pypdfium2's object wrappers cost more than the walk itself."""
    import ctypes

    import pypdfium2.raw as pdfium_raw

    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    stack = [(pdfium_raw.FPDFPage_CountObjects(page.raw), lambda i: pdfium_raw.FPDFPage_GetObject(page.raw, i), 0)]
    while stack:
        count, get, depth = stack.pop()
        for i in range(count):
            obj = get(i)
            kind = pdfium_raw.FPDFPageObj_GetType(obj)
            if kind == pdfium_raw.FPDF_PAGEOBJ_PATH:
                if pdfium_raw.FPDFPageObj_GetBounds(obj, *refs):
                    yield box[0].value, box[1].value, box[2].value, box[3].value
            elif kind == pdfium_raw.FPDF_PAGEOBJ_FORM and depth + 1 < max_depth:
                stack.append((pdfium_raw.FPDFFormObj_CountObjects(obj),
                              lambda i, form=obj: pdfium_raw.FPDFFormObj_GetObject(form, i), depth + 1))


def page_images(path: Path, numbers: Iterable[int], width_px: int):
    """(page number, PIL image rendered ``width_px`` wide, page width in points) for the given pages."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        for number in sorted(set(numbers)):
            page = doc[number - 1]
            width = page.get_width()
            yield number, page.render(scale=width_px / width).to_pil(), width
            page.close()
    finally:
        doc.close()


def table_rows(rulings: tuple[tuple[BBox, ...], tuple[BBox, ...]]) -> list[list[tuple[BBox | None, ...]]]:
    """The ruled tables a page's ruling lines draw: per table, its rows, each a tuple of cell boxes
    (None where a merged cell spans from above). pdfplumber's TableFinder does the geometry
    (snapping and joining the edges, intersections, cells); fed explicit edges it never reads a
    page, so nothing is parsed (``page=None``)."""
    from pdfplumber.table import TableFinder

    vertical = [{"object_type": "line_edge", "orientation": "v", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                 "height": bottom - top, "width": 0} for x0, top, x1, bottom in rulings[0]]
    horizontal = [{"object_type": "line_edge", "orientation": "h", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
                   "width": x1 - x0, "height": 0} for x0, top, x1, bottom in rulings[1]]
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": vertical, "explicit_horizontal_lines": horizontal}
    return [[tuple(row.cells) for row in table.rows] for table in TableFinder(None, settings).tables]  # type: ignore[arg-type]
