"""Ruled tables: the text engine finds the grid (each page's ruling lines, pdfplumber's table
finder), our own words fill the cells.

pdfplumber's characters ignore /ActualText (Thai comes out in glyph order), so
only its geometry is used; each cell's text is assembled from poppler's words
(or OCR's) whose centre falls inside the cell, line by line, then repaired.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.records import BBox, Page
from pipeline.text.backend import lines_from_words, table_rows
from pipeline.text.thai import repair_text


@dataclass(frozen=True, slots=True)
class CellLine:
    text: str
    top: float


@dataclass(frozen=True, slots=True)
class Cell:
    bbox: BBox
    lines: tuple[CellLine, ...]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Row:
    page: int
    top: float
    cells: tuple[Cell | None, ...]  # None where a merged cell spans from above

    def text(self, column: int) -> str:
        cell = self.cells[column] if column < len(self.cells) else None
        return cell.text if cell else ""


class PageWords:
    """A page's words, indexed by the height of their centre so that a cell finds its own quickly."""

    def __init__(self, words: Sequence[tuple[str, BBox]]) -> None:
        keyed = sorted(((b[1] + b[3]) / 2, k) for k, (w, b) in enumerate(words) if w.strip())
        self._middles = [m for m, _ in keyed]
        self._order = [k for _, k in keyed]
        self._words = words

    def inside(self, bbox: BBox) -> list[tuple[str, BBox]]:
        """The words whose centre lies in ``bbox``, in the text engine's own (content) order."""
        x0, top, x1, bottom = bbox
        lo, hi = bisect_left(self._middles, top), bisect_right(self._middles, bottom)
        picked = sorted(k for k in self._order[lo:hi]
                        if x0 <= (self._words[k][1][0] + self._words[k][1][2]) / 2 <= x1)
        return [self._words[k] for k in picked]


def cell_lines(words: PageWords, bbox: BBox) -> tuple[CellLine, ...]:
    """The words inside ``bbox`` as repaired lines, top to bottom (lines built as for the page:
    in the text engine's own order, which follows the /ActualText spans)."""
    lines = sorted(lines_from_words(words.inside(bbox)), key=lambda line: line.bbox[1])
    return tuple(CellLine(repair_text(line.text), line.bbox[1]) for line in lines)


def ruled_rows(pages: Iterable[Page], min_columns: int) -> list[Row]:
    """Every row of every ruled table with at least ``min_columns`` columns on the given pages, from
    the ruling lines each page carries (the text engine reads them; no extractor opens the PDF)."""
    rows: list[Row] = []
    for page in pages:
        if page.rulings is None:
            continue
        words = PageWords(page.words)
        for table in table_rows(page.rulings):
            for cells in table:
                if len(cells) < min_columns:
                    continue
                boxes = [c for c in cells if c is not None]
                rows.append(Row(page.number, boxes[0][1] if boxes else 0.0,
                                tuple(None if c is None else Cell(c, cell_lines(words, c)) for c in cells)))
    return rows
