"""The Thai PDF text engine, usable on its own: any PDF → pages of repaired Thai text with boxes.

    from pipeline.text import read
    layer = read("plan.pdf")            # TextLayer: info, pages (lines, words, engine, quality), checks

``backend`` is the only module that opens a PDF or starts poppler; ``ocr`` starts tesseract;
``fonts`` reads the fonts' own glyph data; ``thai`` and ``dictionary`` repair the text; ``quality``
scores it; ``digits`` reads Thai digits again from the page image; ``engine`` chains them.
"""

from .engine import OCR_MODES, TextLayer, read
from .thai import repair_pages, repair_text

__all__ = ["OCR_MODES", "TextLayer", "read", "repair_pages", "repair_text"]
