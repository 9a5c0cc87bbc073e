"""An image-only copy of a PDF, as a scanner would make it: each page rasterised, no text layer.

    python corpora/tools/scan.py IN.pdf OUT.pdf [--dpi 200] [--pages 28,32]

Used by the benchmarks (the image-only rows of docs/fidelity.md and docs/accuracy.md), by the
scanned-Kalasin test, and to make corpora/regressions/thai-digits-misread-by-ocr.pdf.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path


def scanned_copy(pdf: Path, dst: Path, dpi: int = 200, pages: list[int] | None = None) -> Path:
    """Rasterise ``pages`` (1-based; all by default) of ``pdf`` in grayscale into ``dst``."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    numbers = pages or list(range(1, len(doc) + 1))
    images = [doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil() for n in numbers]
    doc.close()
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    dst.write_bytes(buf.getvalue())
    return dst


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--pages", help="comma-separated 1-based page numbers")
    args = ap.parse_args()
    pages = [int(p) for p in args.pages.split(",")] if args.pages else None
    scanned_copy(args.pdf, args.out, args.dpi, pages)
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
