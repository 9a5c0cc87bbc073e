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

import html
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import regex

from .errors import BadInput
from .records import BBox

log = logging.getLogger(__name__)

PDFTOTEXT_TIMEOUT_S = 300
_PAGE = regex.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', regex.S)
_WORD = regex.compile(
    r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', regex.S
)
_WS = regex.compile(r"\s+")


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


@dataclass(frozen=True, slots=True)
class PdfInfo:
    path: Path
    pages: int
    sha256: str


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
        shown = head[:16].decode("latin-1").encode("unicode_escape").decode()
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
    finally:
        doc.close()
    if pages == 0:
        raise BadInput(str(path), "the PDF has no pages")
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return PdfInfo(path=path, pages=pages, sha256=digest.hexdigest())


def _pdftotext() -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise BadInput("pdftotext", "poppler's pdftotext is not installed; run `make system` "
                       "(Debian package poppler-utils)")
    return exe


def read_pages(info: PdfInfo) -> list[RawPage]:
    """Every page's lines in reading order, with boxes (origin top-left, points)."""
    exe = _pdftotext()
    src = str(info.path)
    # Both views at once: two processes on two cores.
    procs = [
        subprocess.Popen([exe, "-raw", "-enc", "UTF-8", src, "-"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE),
        subprocess.Popen([exe, "-raw", "-bbox", "-enc", "UTF-8", src, "-"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE),
    ]
    outputs = []
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=PDFTOTEXT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            for p in procs:
                p.kill()
            raise BadInput(src, f"text extraction took longer than {PDFTOTEXT_TIMEOUT_S} s") from None
        if proc.returncode != 0:
            raise BadInput(src, f"pdftotext failed: {err.decode(errors='replace').strip()[:200]}")
        outputs.append(out.decode("utf-8", errors="replace"))
    text, bbox_html = outputs
    page_texts = text.split("\f")
    pages = []
    for number, match in enumerate(_PAGE.finditer(bbox_html), start=1):
        width, height = float(match[1]), float(match[2])
        words = [
            (html.unescape(w[4]), (float(w[0]), float(w[1]), float(w[2]), float(w[3])))
            for w in _WORD.findall(match[3])
        ]
        page_text = page_texts[number - 1] if number - 1 < len(page_texts) else ""
        pages.append(RawPage(number, width, height, _align(page_text, words, number)))
    if len(pages) != info.pages:
        log.warning("%s: pdftotext saw %d pages, the PDF has %d", src, len(pages), info.pages)
    return pages


def _align(page_text: str, words: list[tuple[str, BBox]], page: int) -> tuple[RawLine, ...]:
    """Give each text line the union box of the words that spell it."""
    lines: list[RawLine] = []
    w = 0  # index of the current word
    used = 0  # characters of words[w] already consumed
    for text in page_text.split("\n"):
        need = len(_WS.sub("", text))
        if not need:
            continue
        boxes: list[BBox] = []
        while need > 0 and w < len(words):
            chars = len(_WS.sub("", words[w][0])) - used
            boxes.append(words[w][1])
            take = min(need, chars)
            need -= take
            used += take
            if used >= len(_WS.sub("", words[w][0])):
                w += 1
                used = 0
        if boxes:
            bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes),
                    max(b[2] for b in boxes), max(b[3] for b in boxes))
        else:
            log.warning("page %d: no box for line %r", page, text[:40])
            bbox = (0.0, 0.0, 0.0, 0.0)
        lines.append(RawLine(text.rstrip(), bbox))
    return tuple(lines)
