"""Build pipeline/text/data/glyph_templates.npz: the glyph shapes the OCR digit check compares against.

    python corpora/tools/make_glyph_templates.py   (needs Debian fonts-thai-tlwg: make corpora-tools)

Tesseract's Thai model confuses the Thai digits (๔/๕, ๖/๒, ๗/๓, ๘/๕, ๙/๑; docs/fidelity.md), so
pipeline/digits.py reads again every glyph of a number-like OCR word by its nearest template. The
templates are every Thai digit, and every shape a digit could be mistaken for (Thai consonants and
spacing vowels, Latin letters, Arabic digits, punctuation), rendered in the Thai fonts of
fonts-thai-tlwg (the free families Thai documents are set in; Laksaman is TH SarabunPSK's design),
regular and bold, then normalised exactly as digits.glyph_vector normalises a glyph cut from a page.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from pipeline.text.digits import CLASSES, TEMPLATES, glyph_vector  # noqa: E402

FONT_DIR = Path("/usr/share/fonts/truetype/tlwg")
FAMILIES = ("Garuda", "Kinnari", "Laksaman", "Loma", "Norasi", "Purisa", "Sawasdee", "Umpush", "Waree",
            "TlwgTypo", "TlwgTypist")
EM_PX = 56  # about 16 pt at 250 dpi: close to what a 200–300 dpi scan gives a body-text glyph


def render(font: ImageFont.FreeTypeFont, char: str) -> np.ndarray:
    """The character's ink (True) on a tight canvas."""
    image = Image.new("L", (EM_PX * 3, EM_PX * 3), 255)
    ImageDraw.Draw(image).text((EM_PX, EM_PX), char, font=font, fill=0)
    return np.asarray(image) < 128


def main() -> int:
    vectors, labels, fonts = [], [], []
    for family in FAMILIES:
        for style in ("", "-Bold"):
            path = FONT_DIR / f"{family}{style}.ttf"
            if not path.exists():
                print(f"missing {path}: install fonts-thai-tlwg (make corpora-tools)", file=sys.stderr)
                return 1
            font = ImageFont.truetype(str(path), EM_PX)
            for label, char in enumerate(CLASSES):
                vector = glyph_vector(render(font, char))
                if vector is None:
                    continue
                vectors.append(vector)
                labels.append(label)
                fonts.append(f"{family}{style}")
    TEMPLATES.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(TEMPLATES, vectors=np.array(vectors, dtype=np.float16), labels=np.array(labels, dtype=np.int16),
                        fonts=np.array(fonts), classes=np.array(list(CLASSES)))
    print(f"{TEMPLATES.relative_to(ROOT)}: {len(vectors)} templates, {len(CLASSES)} classes, "
          f"{len(FAMILIES) * 2} fonts, {TEMPLATES.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
