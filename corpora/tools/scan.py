"""An image-only copy of a PDF, as a scanner would make it: each page rasterised, no text layer.

    python corpora/tools/scan.py IN.pdf OUT.pdf [--dpi 200] [--pages 28,32] [--band TOP:BOTTOM]

Used by the benchmarks (the image-only rows of docs/fidelity.md and docs/accuracy.md), by the
scanned-Kalasin test, and to make the OCR regression pages:
    scan.py corpora/kalasin/kalasin.pdf corpora/regressions/thai-digits-misread-by-ocr.pdf --pages 28
    scan.py corpora/synthetic/pdf/abt-huaisai.pdf corpora/regressions/kinnari-ocr-latin-and-mark-rows.pdf \
        --pages 10 --band 1020:1240
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path


def scanned_copy(pdf: Path, dst: Path, dpi: int = 200, pages: list[int] | None = None,
                 band: tuple[int, int] | None = None) -> Path:
    """Rasterise ``pages`` (1-based; all by default) of ``pdf`` in grayscale into ``dst``; with
    ``band`` only those pixel rows of each page, on a white strip with 100 px above and below."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(str(pdf))
    numbers = pages or list(range(1, len(doc) + 1))
    images = [doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil() for n in numbers]
    doc.close()
    if band:
        strips = []
        for image in images:
            strip = Image.new("L", (image.width, band[1] - band[0] + 200), 255)
            strip.paste(image.crop((0, band[0], image.width, band[1])), (0, 100))
            strips.append(strip)
        images = strips
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
    ap.add_argument("--band", help="TOP:BOTTOM, the pixel rows of each page to keep")
    args = ap.parse_args()
    pages = [int(p) for p in args.pages.split(",")] if args.pages else None
    band = tuple(int(v) for v in args.band.split(":")) if args.band else None
    scanned_copy(args.pdf, args.out, args.dpi, pages, band)  # type: ignore[arg-type]
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
