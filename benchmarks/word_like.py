"""A long plan damaged the way Word damages Thai text, for the benchmarks (not committed: ~2 MB).

    python benchmarks/word_like.py OUT.pdf [--projects 150]

The plan is drawn by the varied corpus's generator (corpora/wild) with 150 projects (~165 pages) and
printed by Chromium, whose HarfBuzz shaping draws SARA AM as a NIKHAHIT glyph beside a SARA AA
glyph, as Word does. Then the NIKHAHIT glyph's /ToUnicode entry is made a space: Word's own defect
(poppler prints ``ตาบล`` for ตำบล, see ../shared/real-pdfs/MANIFEST.md), so a run over it takes the
repair path: the font fix from the embedded font's cmap, PDFium's ink check of spaces, the words
restored and reported.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NIKHAHIT = "\u0e4d"


def lose_sara_am(pdf_in: Path, pdf_out: Path) -> int:
    """Copy ``pdf_in`` with every font's NIKHAHIT glyph mapped to a space; returns the glyphs changed."""
    import pikepdf

    from pipeline.text.fonts import _cmap_stream, _tounicode

    changed = 0
    with pikepdf.open(pdf_in) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
                continue
            mapping = _tounicode(obj)
            hits = [cid for cid, text in mapping.items() if text == NIKHAHIT]
            if hits:
                mapping.update({cid: " " for cid in hits})
                obj.ToUnicode = pdf.make_stream(_cmap_stream(mapping))
                changed += len(hits)
        pdf.save(pdf_out)
    return changed


def make(out: Path, projects: int = 150) -> Path:
    """Render the plan (needs Chromium and the corpora extra's fonts) and damage it."""
    from corpora.wild import generate

    spec = generate.Spec("bench-word-like", "เทศบาลตำบล", "ยาวสมมุติ", "ท่าขาม", "สุราษฎร์สมมุติ", 2566, projects,
                         99, toolchain="chromium", numbering="close", layout="rows", notes=True)
    with tempfile.TemporaryDirectory() as tmp:
        clean = Path(tmp) / "clean.pdf"
        generate.render(spec, generate.build(spec, generate.draw(spec), Path(tmp)), clean, Path(tmp))
        if not lose_sara_am(clean, out):
            raise SystemExit(f"{clean}: no NIKHAHIT glyph in any font; the damage could not be made")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--projects", type=int, default=150)
    args = ap.parse_args()
    make(args.out, args.projects)
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
