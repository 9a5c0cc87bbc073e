"""Ruling lines read off a page image, for scans (a scan has no vector paths to read them from).

OpenCV does the image work: a local threshold (grey paper, uneven light), a morphological opening
with a long thin kernel (letters are shorter than a rule; a rule broken by the scanner is joined
again by a closing), connected components for the segments. The page's skew is measured on the
long horizontal rules (on a page without, on its lines of text) and taken out first, so that rows
and columns are axis-aligned as the table finder needs and Tesseract reads level lines; the rules
are then painted out of the image OCR reads, so that Tesseract does not read a column rule as a
letter nor a row of cells as one line.

The result has the shape of ``backend.rulings``: (vertical, horizontal) thin boxes in PDF points.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..records import BBox
from .backend import closed

MIN_RULE_IN = 0.4  # a dark run at least this long is a rule: 80 px at 200 dpi; a Thai letter is ~45 px tall
JOIN_IN = 0.12  # pieces of one rule this far apart are joined (scanner drop-outs, JPEG)
INK_BELOW_MEAN = 40  # grey levels below the neighbourhood's mean: ink (a scanner's faint streak is ~25)
MIN_SKEW_DEG = 0.1  # a page turned less than this is read as it is
# a page of text turned less than this is read as it is: Tesseract finds its lines itself, and the
# turn's interpolation cost more than it gave (golden office scans, pages turned by up to 0.8°:
# 90.15 % of fields turned at none, 89.70 % from 0.5°, 89.39 % from 0.1°; 150-dpi scan 86.82 → 84.70 %)
MIN_TEXT_SKEW_DEG = 1.0
MAX_SKEW_DEG = 5.0
SKEW_DPI = 100  # a page's text is measured for skew at this resolution (text_skew)
SKEW_STEP = 0.25  # degrees between the angles text_skew tries first
MIN_RULES = 2  # fewer horizontal and vertical rules than this each: no table on the page
SOFT_EDGES = 0.47  # steepest edges rising less than this share of the contrast a pixel: out of focus (edge_sharpness)
UNSHARP = (0.5, 1.5)  # an unsharp mask's amount and radius (Gaussian sigma, pixels at 200 dpi)
NOISY_PAPER = 2.5  # mean grey levels the paper differs from its 3×3 median: sensor noise, taken out of OCR's page


@dataclass(frozen=True, slots=True)
class ImageRulings:
    gray: object  # numpy uint8 image: turned straight, the rules painted out (what OCR should read)
    angle: float  # degrees the page was turned back by
    vertical: tuple[BBox, ...]  # in PDF points of the (straightened) page
    horizontal: tuple[BBox, ...]

    @property
    def rulings(self) -> tuple[tuple[BBox, ...], tuple[BBox, ...]] | None:
        if len(self.vertical) < MIN_RULES or len(self.horizontal) < MIN_RULES:
            return None
        return self.vertical, self.horizontal


def _ink(gray, dpi: int):
    import cv2

    block = max(3, round(dpi / 4)) | 1  # odd, about a quarter inch
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block,
                                 INK_BELOW_MEAN)


def _masks(ink, dpi: int):
    """The horizontal and vertical rule pixels of a binary image."""
    import cv2

    length, gap = max(3, round(MIN_RULE_IN * dpi)), max(1, round(JOIN_IN * dpi))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (1, gap)))
    return horizontal, vertical


def _component_boxes(mask) -> list[tuple[int, int, int, int]]:
    """The bounding boxes (left, top, width, height) of the 8-connected pieces of a binary mask, from
    their outer contours: what ``cv2.connectedComponentsWithStats`` gives, at a twentieth of its
    time on a page-sized mask of a few rules (it walks and counts every pixel of the page)."""
    import cv2

    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    # a hole's contour has a parent; a piece lying inside another's hole is top-level again
    return sorted(cv2.boundingRect(c) for c, h in zip(contours, hierarchy[0]) if h[3] < 0)


def _segments(mask, dpi: int, horizontal: bool) -> list[tuple[int, int, int, int]]:
    """Connected pieces of a rule mask long enough to be rules: (left, top, right, bottom) pixels."""
    length = MIN_RULE_IN * dpi
    return [(left, top, left + width, top + height) for left, top, width, height in _component_boxes(mask)
            if (width if horizontal else height) >= length]


def skew(horizontal_mask, dpi: int) -> float | None:
    """The page's skew in degrees (positive: turned anticlockwise), from its long horizontal rules:
    each rule's slope by a least-squares fit of its pixels, the median weighted by length; None
    where the page has no rule a quarter of its width long.

    >>> import numpy as np, cv2
    >>> page = np.zeros((400, 1000), np.uint8)
    >>> _ = cv2.line(page, (100, 220), (900, 192), 255, 3)  # rising 28 px over 800 px: 2.0 degrees
    >>> round(skew(page, 200), 1)
    2.0
    """
    import cv2
    import numpy as np

    if not any(width >= horizontal_mask.shape[1] / 4 and height <= width / 8
               for _, _, width, height in _component_boxes(horizontal_mask)):
        return None  # most pages: no long rule, and no labelling of every pixel to find that out
    count, labels, stats, _ = cv2.connectedComponentsWithStats(horizontal_mask, connectivity=8)
    angles, weights = [], []
    for k in range(1, count):
        left, top, width, height, _area = stats[k]
        if width < horizontal_mask.shape[1] / 4 or height > width / 8:
            continue
        ys, xs = np.nonzero(labels[top:top + height, left:left + width] == k)
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(-np.degrees(np.arctan(slope)))
        weights.append(width)
    if not angles:
        return None
    order = np.argsort(angles)
    cumulative = np.cumsum(np.asarray(weights, dtype=np.float64)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])


def text_skew(ink, dpi: int) -> float:
    """The skew in degrees (as ``skew``) of a page of text, from its lines: the ink's pixels (at
    SKEW_DPI) projected on the page's side along each angle of ±MAX_SKEW_DEG, the angle whose
    profile changes most sharply from row to row (level lines: dense rows, then white between
    them) is the page's; found on a coarse grid of angles, then on finer ones about the best.
    Projecting points, not turned images, keeps the profile at 0° as blurred as at any other (a
    turned image is smoothed by its interpolation, so a straight page always won).

    Measured on the golden plan's scan variants (corpora/tools/scan.py turns each page by a known
    angle): skewed ±2°, mean error 0.02°, the largest 0.08°; office scans 0.03° (0.11°); a phone
    photo's nearly empty page 0.47°; clean renderings and the three image-only real PDFs 0.00-0.06°.
    About 15 ms a page.

    >>> import numpy as np, cv2
    >>> page = np.zeros((1000, 800), np.uint8)
    >>> for y in range(100, 900, 40):
    ...     _ = cv2.line(page, (100, y + 14), (700, y - 14), 255, 12)  # rising 28 px over 600 px: 2.7 degrees
    >>> round(text_skew(page, 200), 1), text_skew(np.zeros((100, 100), np.uint8), 200)
    (2.7, 0.0)
    """
    import cv2
    import numpy as np

    scale = SKEW_DPI / dpi
    small = cv2.resize(ink, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else ink
    ys, xs = np.nonzero(small > 64)
    if len(ys) == 0:
        return 0.0
    ys, xs = ys.astype(np.float64), xs.astype(np.float64) - small.shape[1] / 2

    def sharpness(angle: float) -> float:
        rows = ys + xs * np.tan(np.radians(angle))  # a line turned anticlockwise rises to the right
        profile = np.bincount(np.floor(rows - rows.min()).astype(np.int64)).astype(np.float64)
        return float((np.diff(profile) ** 2).sum())

    step, best = SKEW_STEP, 0.0
    angles = np.arange(-MAX_SKEW_DEG, MAX_SKEW_DEG + step / 2, step)
    while step >= MIN_SKEW_DEG / 8:
        best = float(angles[int(np.argmax([sharpness(a) for a in angles]))])
        step /= 4
        angles = best + step * np.arange(-4, 5)
    return round(best, 3)


def _turned(gray, angle: float):
    import cv2

    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), -angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                          borderValue=255)


def quiet(gray):
    """A page whose paper is noisy (an office scanner's sensor noise: its paper differs from its own
    3×3 median by NOISY_PAPER grey levels or more on average) → its 3×3 median, which takes the
    noise and dust specks out and keeps the strokes; a quieter page as it is.

    Measured on the scans of the golden and synthetic plans (corpora/tools/scan.py): the paper's
    difference is 3.4-3.8 on the office and skewed scans, 1.9-2.2 on the 150-dpi ones, 0.2-0.7 on
    clean renderings, blurred scans and phone photos. Golden office scan, 8 pages of Part 3, OCR's
    character error rate against the PDF's text: 1.21 → 0.50 % (another 8 pages 1.98 → 0.40 %),
    skewed 0.42 → 0.36 %. Not below 2.5: on the phone photo the median raised it 0.49 → 0.88 %, on
    the synthetic abt-huaisai's 150-dpi scan it cost 2.7 points of fields. For the page's text
    only: the table cells' figures read worse from it (golden office scan, Part 2: 94 → 78 cells).

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> page = np.full((60, 60), 235, np.uint8); page[20:40, 28:32] = 20
    >>> noisy = np.clip(page + rng.normal(0, 8, page.shape), 0, 255).astype(np.uint8)
    >>> quiet(page) is page, quiet(noisy) is noisy
    (True, False)
    """
    import cv2
    import numpy as np

    gray = np.ascontiguousarray(gray)
    median = cv2.medianBlur(gray, 3)
    level, _ = cv2.threshold(median, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    paper = median > min(250.0, level + (255 - level) / 2)
    if not paper.any() or float(np.abs(gray.astype(np.int16) - median)[paper].mean()) < NOISY_PAPER:
        return gray
    return median


def edge_sharpness(gray) -> float:
    """How steep the page's edges are: the 99.5th percentile of its gradient (Sobel, per pixel)
    over its contrast (2nd to 98th percentile of grey), measured on ``quiet``'s page as scanned
    (its rules in). Table pages of the golden and synthetic plans' scans (corpora/tools/scan.py):
    clean renderings 0.53-1.6, office scans 0.51-0.98, 150 dpi 0.48-0.77; blurred (σ 1.2 px)
    0.36-0.54, phone photos 0.36-0.57 (the two overlap the sharp ones on the synthetic plans: a
    page's content moves it).

    >>> import numpy as np, cv2
    >>> page = np.full((200, 200), 250, np.uint8); page[50:150, 60:70] = 10; page[50:150, 120:130] = 10
    >>> sharp, soft = edge_sharpness(page), edge_sharpness(cv2.GaussianBlur(page, (0, 0), 1.2))
    >>> sharp > SOFT_EDGES > soft
    True
    """
    import cv2
    import numpy as np

    page = quiet(np.asarray(gray)).astype(np.float32)
    low, high = np.percentile(page, (2, 98))
    if high - low < 1:
        return 1.0  # a blank page: nothing out of focus
    magnitude = cv2.magnitude(cv2.Sobel(page, cv2.CV_32F, 1, 0, ksize=3), cv2.Sobel(page, cv2.CV_32F, 0, 1, ksize=3))
    return float(np.percentile(magnitude, 99.5)) / 8 / float(high - low)


def sharpened(gray, dpi: int):
    """``gray`` with an unsharp mask (UNSHARP). For the cells of a table page out of focus
    (``edge_sharpness`` of the page as scanned under SOFT_EDGES): on the golden plan's blurred scan,
    Part 2 cells as born-digital 74 → 100 of 100 (lone "๐" figures read as nothing, entry lines
    lost); the synthetic scans' cells unchanged. Twice the amount gave 99 but cost the synthetic
    abt-huaisai phone photo 3 cells; sharpening every page's cells cost the synthetic office and
    150-dpi scans 1-4 cells each; a page's text reads worse sharpened (blurred golden scan 89.55 →
    89.09 % of fields)."""
    import cv2
    import numpy as np

    amount, sigma = UNSHARP
    page = np.asarray(gray, dtype=np.float32)
    soft = cv2.GaussianBlur(page, (0, 0), sigma * dpi / 200)
    return np.clip(page * (1 + amount) - soft * amount, 0, 255).astype(np.uint8)


def find(gray, dpi: int) -> ImageRulings:
    """The ruling lines of one rendered page (a 2-D uint8 numpy array at ``dpi``), the page turned
    straight first when its rules are skewed by more than ``MIN_SKEW_DEG`` or, without long rules,
    its lines of text by more than ``MIN_TEXT_SKEW_DEG``; the straightened image comes back with
    its rules painted white (unchanged where the page has no table)."""
    import cv2
    import numpy as np

    ink = _ink(gray, dpi)
    horizontal, vertical = _masks(ink, dpi)
    angle = skew(horizontal, dpi)
    minimum = MIN_SKEW_DEG
    if angle is None:  # no table: the lines of text say how the page is turned
        angle, minimum = text_skew(ink, dpi), MIN_TEXT_SKEW_DEG
    if minimum <= abs(angle) <= MAX_SKEW_DEG:
        gray = _turned(gray, angle)
        ink = _ink(gray, dpi)
        horizontal, vertical = _masks(ink, dpi)
    else:
        angle = 0.0
    to_points = 72 / dpi
    hs = [(left * to_points, (top + bottom) / 2 * to_points, right * to_points, (top + bottom) / 2 * to_points)
          for left, top, right, bottom in _segments(horizontal, dpi, True)]
    vs = [((left + right) / 2 * to_points, top * to_points, (left + right) / 2 * to_points, bottom * to_points)
          for left, top, right, bottom in _segments(vertical, dpi, False)]
    found = ImageRulings(gray, angle, tuple(vs), closed(vs, hs))
    if found.rulings is None:
        return found
    rules = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    cleaned = gray.copy()
    cleaned[rules > 0] = 255
    return ImageRulings(cleaned, angle, found.vertical, found.horizontal)
