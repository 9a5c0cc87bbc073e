"""Table cells of a scanned page read one by one: OCR of a whole table page reads across the
columns ("ลำดั | ขั้นตอนการประเด็นความเสี่ยง | Risk …") and the English model takes a Thai year
heading for a word ("Undo" for ปี ๒๕๖๗).

The cells come from the ruling lines read off the image (image_rulings.py) and the same table
finder as born-digital pages; each cell's inside is cut out and the cuts stacked one below the
other on a white sheet, read by Tesseract as one image (not a process per cell), digits read again
(digits.py); each line Tesseract reads goes back to its cell as one "word" of the page, with
Tesseract's own confidence, so that the table extractors fill the cell with it exactly as with a
text layer's words.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..records import BBox, enclosing
from .tesseract import Stack, crop_margins, stack

GAP_IN = 0.2  # white between two cuts on the sheet
INSET_IN = 0.015  # cut this far inside the cell's rules
UNCERTAIN = 60.0  # Tesseract's mean word confidence under which a cell's line is reported
MIN_INK = 12  # ink pixels: fewer and the cell is read as empty (specks of dust)
PAPER_WHITE = 235  # a cut whose median grey is this light or lighter is left as it is (an office scan's paper: ~241)


_FIGURE = regex.compile(r"[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*")
_LEAD = regex.compile(r"^[^0-9๐-๙]{1,2}(?=[0-9๐-๙])")  # a speck or stop before a figure: ".@๑,๙๘๐,๐๐๐"
_STRAY_LATIN = regex.compile(r"[A-Za-z]{1,2}")
_STOP_FOR_COMMA = regex.compile(r"(?<=[0-9๐-๙])\.(?=[0-9๐-๙]{3}(?![0-9๐-๙]))")
NUMBERISH = "0123456789๐๑๒๓๔๕๖๗๘๙,."


def figure_like(flat: str) -> bool:
    """Digits and group commas with at most three other characters among them (digits OCR read as
    ต, ด, &), opening and ending with a digit: what a figure cell holds.

    >>> [figure_like(t) for t in ("๑,ตด่๐,๐๐๐", ".@๑,๙๘๐,๐๐๐", "๕๓๐,๐๐๐", "ปี๒๕๖๖", "๕๐,๐๐๐บาท", "๐")]
    [True, True, True, False, False, False]
    """
    flat = _LEAD.sub("", flat)
    others = sum(c not in NUMBERISH for c in flat)
    return (bool(flat) and flat[0].isdigit() and flat[-1].isdigit() and others <= 3 and len(flat) <= 15
            and sum(c.isdigit() for c in flat) >= max(3, others + 2) and "," in flat)


def _numeric(text: str) -> bool:
    """A line of digits and group commas, or a piece of a figure a narrow cell wrapped ("๑๒",
    "+ ๐๐๐ ,"), a speck or two beside them allowed.

    >>> [_numeric(t) for t in ("๑๒", "+ ๐๐๐ ,", "๐,๐๐", "การแต่งตั้ง", "๑. การจัดซื้อ", "-")]
    [True, True, True, False, False, False]
    """
    flat = "".join(text.split())
    digits = sum(c.isdigit() for c in flat)
    others = sum(c not in NUMBERISH for c in flat)
    return digits >= 1 and others <= min(2, digits - 1 if digits > 1 else 0)


def _group_commas(flat: str) -> str:
    """A figure's group commas where OCR read stops: baht have two decimals, never three.

    >>> _group_commas("๑๐๐.๐๐๐"), _group_commas("๑,๐๐๐.๐๐๐"), _group_commas("๑๐๐.๐๐"), _group_commas("ก.๑๒๓๔")
    ('๑๐๐,๐๐๐', '๑,๐๐๐,๐๐๐', '๑๐๐.๐๐', 'ก.๑๒๓๔')
    """
    return _STOP_FOR_COMMA.sub(",", flat)


def _as_number(words, sheet) -> list[tuple[str, tuple[int, int, int, int]]] | None:
    """A cell line that can only be a figure (digits and commas, a glyph or two misread among them,
    "๕๓๐ , ๐๐๐" spaced out, a comma read as a stop before three digits): read again as one number;
    None where it is no such line or the reading is no clean figure."""
    from .digits import reread_as_number

    flat = _group_commas("".join(t for t, _ in words).replace(" ", ""))
    if not figure_like(flat):
        return None
    again = _group_commas(_LEAD.sub("", (reread_as_number(words, sheet) or "").replace(" ", "")))
    if _FIGURE.fullmatch(again):
        read = again  # the glyphs' own reading first: OCR reads ๗ as ๓ in a clean-looking figure too
    elif _FIGURE.fullmatch(_LEAD.sub("", flat)):
        read = _LEAD.sub("", flat)
    else:
        return None
    return [(read, enclosing(b for _, b in words))]


@dataclass(frozen=True, slots=True)
class CellText:
    text: str
    bbox: BBox  # in PDF points
    confidence: float  # Tesseract's mean word confidence, 0–100


def cell_boxes(rulings: tuple[tuple[BBox, ...], tuple[BBox, ...]]) -> list[BBox]:
    """Every distinct cell of every table the rulings draw, in points."""
    from .backend import table_rows

    seen: dict[BBox, None] = {}
    for table in table_rows(rulings):
        for row in table:
            for cell in row:
                if cell is not None:
                    seen.setdefault(cell, None)
    return list(seen)


def _cuts(gray, boxes: list[BBox], dpi: int):
    """(pixel box on the page, image) of each cell holding ink."""
    import numpy as np

    scale, inset = dpi / 72, max(1, round(INSET_IN * dpi))
    height, width = gray.shape
    out = []
    for x0, top, x1, bottom in boxes:
        left, upper = max(0, round(x0 * scale) + inset), max(0, round(top * scale) + inset)
        right, lower = min(width, round(x1 * scale) - inset), min(height, round(bottom * scale) - inset)
        if right - left < 4 or lower - upper < 4:
            continue
        cut = _on_white(gray[upper:lower, left:right])
        if int(np.count_nonzero(cut < 128)) >= MIN_INK:
            out.append(((left, upper, right, lower), cut))
    return out


def _on_white(cut):
    """A cut whose paper is grey (a photo's light falling off towards a corner) brightened until its
    paper is white, as the sheet it is stacked on: Tesseract thresholds the whole sheet at once, and
    a cell much darker than the white between the cuts is read as ink, its noise as letters (no
    figure of a photographed Part 2 page came out). A cell is mostly paper, so its median grey is
    the paper's. An office scan's light grey paper is left as it is (brightening it changed
    Tesseract's reading of a heading or two for the worse, measured on the scanned golden plan)."""
    import numpy as np

    paper = float(np.median(cut))
    if paper >= PAPER_WHITE or paper <= 0:
        return cut
    return np.clip(cut.astype(np.float32) * (255.0 / paper), 0, 255).astype(np.uint8)


def table_words(words: list[tuple[str, BBox]], boxes: list[BBox], cells: list[CellText]
                ) -> tuple[list[tuple[str, BBox]], list[CellText]]:
    """The page's OCR ``words`` with those inside a table cell (``boxes``, from ``cell_boxes``)
    replaced by the cells' own lines (``cells``); and the cell lines read with a confidence under
    ``UNCERTAIN``."""

    def in_a_cell(box: BBox) -> bool:
        x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        return any(c[0] <= x <= c[2] and c[1] <= y <= c[3] for c in boxes)

    return ([w for w in words if not in_a_cell(w[1])] + [(c.text, c.bbox) for c in cells],
            [c for c in cells if c.confidence < UNCERTAIN])


_WELL_FORMED = regex.compile(r"(?:[1-9๑-๙][0-9๐-๙]{0,2}(?:,[0-9๐-๙]{3})*|[0๐])(?:\.[0-9๐-๙]{2})?")
_ARABIC_FIGURE = regex.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+")
DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙"


def ill_formed_figure(text: str) -> bool:
    """A cell line of digits, group commas and stops (one other glyph at most) that is no
    well-formed figure: how Tesseract reads a blurred ๑๐๐,๐๐๐ among the cells of a sheet
    ("๑๐๐๑๐, ๐๐๐", ",๐๐๐๐๐", "00,000"), though the same figure cut out alone reads right.

    >>> [ill_formed_figure(t) for t in ("๑๐๐๑๐, ๐๐๐", ",๐๐๐๐๐", "00,000", "๑๐๐,๐๐๐", "๐", "๒๕๐๕", "๑,๐๐๐.๕๐")]
    [True, True, True, False, False, False, False]
    """
    flat = text.replace(" ", "")
    if (sum(c in DIGITS for c in flat) < 3 or sum(c not in DIGITS + ",." for c in flat) > 1
            or "," not in flat and "." not in flat):  # a year heading ("๒๕๐๕") is no figure
        return False
    return not _WELL_FORMED.fullmatch(_group_commas(_LEAD.sub("", flat)))


@dataclass(frozen=True, slots=True)
class FigureCrops:
    """Cell lines to read again, each cut out tight around its ink and stacked on one image."""
    at: list[int]  # their place in the page's cell lines
    stack: Stack


def figure_crops(cells: list[CellText], sheet: CellSheet, dpi: int) -> FigureCrops | None:
    """The page's cell lines to read again one by one: ill-formed figures (``ill_formed_figure``),
    and figures in Arabic digits in a table whose figures are Thai (a blurred ๑๐๐,๐๐๐ read as
    "900,000"). Each is cut from its cell with a margin of white and stacked; read alone, without
    the sheet's other cells beside it, Tesseract reads them as printed (measured on the blurred
    scans: 8 of 8 figures)."""
    flats = [c.text.replace(" ", "") for c in cells]
    figures = [f for f in flats if _WELL_FORMED.fullmatch(f)]
    thai = sum(any("๐" <= ch <= "๙" for ch in f) for f in figures)
    thai_table = thai > 2 * (len(figures) - thai)
    scale = dpi / 72
    pad_x, pad_y, gap = crop_margins(dpi)
    at, crops = [], []
    for i, (cell, flat) in enumerate(zip(cells, flats)):
        if not (ill_formed_figure(flat) or thai_table and _ARABIC_FIGURE.fullmatch(flat)):
            continue
        x0, y0, x1, y1 = (v * scale for v in cell.bbox)
        for (left, top, right, bottom), cut in sheet.cuts:
            if left <= (x0 + x1) / 2 <= right and top <= (y0 + y1) / 2 <= bottom:
                crop = cut[max(0, round(y0 - top) - pad_y):round(y1 - top) + pad_y,
                           max(0, round(x0 - left) - 2 * pad_x):round(x1 - left) + 2 * pad_x]
                if crop.size:
                    at.append(i)
                    crops.append(crop)
                break
    if not crops:
        return None
    return FigureCrops(at, stack(crops, gap))


def with_figures_read_again(cells: list[CellText], crops: FigureCrops, tsv: str) -> list[CellText]:
    """``cells`` with the lines of ``crops`` replaced by their second reading (``tsv``) where that is
    a well-formed figure; left as they were otherwise."""
    from dataclasses import replace

    read = crops.stack.words(tsv)
    out = list(cells)
    for k, i in enumerate(crops.at):
        again = _group_commas(read.get(k, ""))
        if _WELL_FORMED.fullmatch(again):
            out[i] = replace(out[i], text=again)
    return out


def _glyph_figure(cut) -> str | None:
    """A cell Tesseract read nothing in (a lone "๐" in a small cell): its ink read by the digit
    templates alone, kept when it is a clean figure."""
    import numpy as np

    from .digits import binarize, reread_as_number

    rows, cols = np.nonzero(binarize(cut))
    if rows.size == 0:
        return None
    read = reread_as_number([("", (int(cols.min()), int(rows.min()), int(cols.max()) + 1, int(rows.max()) + 1))],
                            cut)
    read = (read or "").replace(" ", "").strip(".,")
    return read if _FIGURE.fullmatch(read) else None


DASH_HEIGHT_PT = 2.5  # a dash's stroke, blur included, is at most this tall…
DASH_WIDTH_PT = (2.0, 14.0)  # …and this wide (a hyphen to an en dash at 14–18 pt)


def _dash(cut, dpi: int) -> bool:
    """Whether a cell Tesseract read nothing in holds a dash alone (Part 2's "-" for no budget, too
    small a mark for Tesseract to report): its ink one solid bar, wider than tall.

    >>> import numpy as np
    >>> cell = np.full((40, 60), 250, dtype=np.uint8); cell[20:23, 25:38] = 10
    >>> _dash(cell, 200), _dash(np.full((40, 60), 250, dtype=np.uint8), 200)
    (True, False)
    >>> cell[5:35, 30:33] = 10  # a stroke across it: a plus sign, not a dash
    >>> _dash(cell, 200)
    False
    """
    import numpy as np

    from .digits import binarize

    rows, cols = np.nonzero(binarize(cut))
    if rows.size == 0:
        return False
    height, width = int(rows.max() - rows.min()) + 1, int(cols.max() - cols.min()) + 1
    pt = dpi / 72
    return (height <= DASH_HEIGHT_PT * pt and DASH_WIDTH_PT[0] * pt <= width <= DASH_WIDTH_PT[1] * pt
            and width >= 2.5 * height and rows.size >= 0.5 * height * width)


@dataclass(frozen=True, slots=True)
class CellSheet:
    """A table page's cells with ink, cut out and stacked on one white sheet for Tesseract."""
    cuts: list  # (pixel box on the page, image) of each cell
    stack: Stack


def cell_sheet(gray, boxes: list[BBox], dpi: int) -> CellSheet | None:
    """The sheet of the cells ``boxes`` (points) on the page image ``gray`` (its rules already
    painted out); None where no cell holds ink."""
    cuts = _cuts(gray, boxes, dpi)
    if not cuts:
        return None
    return CellSheet(cuts, stack([cut for _, cut in cuts], max(4, round(GAP_IN * dpi))))


def read_cells(cells: CellSheet, tsv: str, dpi: int) -> list[CellText]:
    """The text lines of the cells on ``cells``' sheet from Tesseract's ``tsv`` of it, each with its
    box in points and its confidence (0 where the digit templates alone read a cell Tesseract left
    empty, or its ink is a dash alone)."""
    from . import tesseract
    from .digits import reread_line

    cuts, sheet, gap = cells.cuts, cells.stack.sheet, cells.stack.gap
    to_points = 72 / dpi
    out = []
    read: set[int] = set()
    spans: dict[int, list[tuple[int, int]]] = {}  # cut → the rows (its own pixels) of the lines read in it
    figures_only: dict[int, bool] = {}  # cut → whether every line read in it is a figure
    for words, confidence in tesseract.tsv_rows(tsv):
        words = _as_number(words, sheet) or reread_line(words, sheet)
        middle = (min(b[1] for _, b in words) + max(b[3] for _, b in words)) / 2
        at = cells.stack.at(middle)
        if at is None:
            continue
        left, upper = cuts[at][0][:2]
        dx, dy = left - gap, upper - cells.stack.tops[at]
        shifted = [(t, ((b[0] + dx) * to_points, (b[1] + dy) * to_points, (b[2] + dx) * to_points,
                        (b[3] + dy) * to_points)) for t, b in words]
        text = tesseract.join_words(shifted)
        if tesseract.noise_row([t for t, _ in shifted], text):
            # a cell's number beside a letter or two the English model made of a Thai word ("U ๒๕๖๗"
            # for ปี ๒๕๖๗) is kept without them; a row of specks is not
            shifted = [w for w in shifted if not _STRAY_LATIN.fullmatch(w[0])]
            text = tesseract.join_words(shifted)
            if sum(c.isdigit() for c in text) < 3 or tesseract.noise_row([t for t, _ in shifted], text):
                continue
        if confidence < UNCERTAIN and len(text.replace(" ", "")) <= 3 and (figure := _glyph_figure(cuts[at][1])):
            text = figure  # "เซ๐", "2)" for a lone ๐ read with no confidence: the digit templates decide
        if text.strip():
            read.add(at)
            out.append(CellText(text, enclosing(b for _, b in shifted), confidence))
            spans.setdefault(at, []).append((round(min(b[1] for _, b in words) - cells.stack.tops[at]),
                                             round(max(b[3] for _, b in words) - cells.stack.tops[at])))
            figures_only[at] = figures_only.get(at, True) and _numeric(text)
    for k, (box, cut) in enumerate(cuts):
        left, upper, right, lower = box
        if k in read:  # a figure cell's dash on a line of its own that Tesseract left out beside its figures
            if figures_only.get(k):
                out.extend(CellText("-", ((left * to_points, (upper + r0) * to_points, right * to_points,
                                           (upper + r1) * to_points)), 0.0)
                           for r0, r1 in _unread_bands(cut, spans.get(k, [])) if _dash(cut[r0:r1], dpi))
            continue
        figure = _glyph_figure(cut) or ("-" if _dash(cut, dpi) else None)
        if figure is not None:
            out.append(CellText(figure, (left * to_points, upper * to_points, right * to_points, lower * to_points), 0.0))
    return out


def _unread_bands(cut, spans: list[tuple[int, int]], margin: int = 3) -> list[tuple[int, int]]:
    """The bands of rows holding ink in a cut (a few rows of white around each) that no line read
    in it covers.

    >>> import numpy as np
    >>> cell = np.full((60, 40), 250, dtype=np.uint8); cell[10:20, 5:30] = 10; cell[40:43, 10:22] = 10
    >>> _unread_bands(cell, [(9, 21)])
    [(37, 46)]
    """
    import numpy as np

    from .digits import binarize

    inked = np.flatnonzero(binarize(cut).any(axis=1))
    bands: list[list[int]] = []
    for row in inked.tolist():
        if bands and row - bands[-1][1] <= 2:
            bands[-1][1] = row
        else:
            bands.append([row, row])
    return [(max(0, r0 - margin), min(cut.shape[0], r1 + 1 + margin)) for r0, r1 in bands
            if not any(r0 <= s1 + margin and r1 >= s0 - margin for s0, s1 in spans)]
