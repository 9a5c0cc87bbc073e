"""An image-only copy of a PDF, as a scanner would make it: each page rasterised, no text layer.

    python corpora/tools/scan.py IN.pdf OUT.pdf [--dpi 200] [--pages 28,32] [--band TOP:BOTTOM] [--noisy]
                                                [--variant "phone photo"]

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


def office_scanner(image, seed: int, skew_deg: float = 0.8):
    """A page as an office scanner gives it: turned by up to ``skew_deg``, grey paper, sensor noise,
    dust specks, a faint vertical streak, then JPEG-compressed (quality 60)."""
    import random

    import numpy as np
    from PIL import Image

    rng = random.Random(seed)
    page = image.rotate(rng.uniform(-skew_deg, skew_deg), resample=Image.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(page, dtype=np.float32) * 0.9 + 12  # grey paper, ink not quite black
    noise = np.random.default_rng(seed).normal(0, 9, pixels.shape)
    pixels = pixels + noise
    height, width = pixels.shape
    for _ in range(60):  # dust
        y, x, r = rng.randrange(height), rng.randrange(width), rng.randint(1, 2)
        pixels[max(0, y - r):y + r, max(0, x - r):x + r] = 60
    x = rng.randrange(width // 4, 3 * width // 4)
    pixels[:, x:x + 2] -= 25  # a streak
    out = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=60)
    return Image.open(io.BytesIO(buf.getvalue()))


def phone_photo(image, seed: int):
    """A page photographed with a phone rather than scanned: turned by up to 1.5°, light falling off
    from one corner, a soft focus, the office scanner's noise and JPEG on top."""
    import numpy as np
    from PIL import Image, ImageFilter

    page = office_scanner(image, seed, skew_deg=1.5)
    pixels = np.asarray(page, dtype=np.float32)
    height, width = pixels.shape
    ys, xs = np.mgrid[0:height, 0:width]
    shade = 1.0 - 0.25 * ((xs / width) ** 2 + (ys / height) ** 2) / 2  # darker towards one corner
    out = Image.fromarray(np.clip(pixels * shade, 0, 255).astype(np.uint8), "L").filter(ImageFilter.GaussianBlur(1.0))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=50)
    return Image.open(io.BytesIO(buf.getvalue()))


def blurred(image, seed: int):
    """An office scan slightly out of focus (Gaussian blur, radius 1.2 px at 200 dpi)."""
    from PIL import ImageFilter

    return office_scanner(image, seed).filter(ImageFilter.GaussianBlur(1.2))


# the scan variants the accuracy benchmark runs: name → (dpi, page filter or None)
VARIANTS = {
    "office scan": (200, office_scanner),
    "skewed 2°": (200, lambda image, seed: office_scanner(image, seed, skew_deg=2.0)),
    "150 dpi": (150, office_scanner),
    "blurred": (200, blurred),
    "phone photo": (200, phone_photo),
}


def variant_copy(pdf: Path, dst: Path, variant: str) -> Path:
    """An image-only copy of ``pdf`` as the named scan variant (``VARIANTS``)."""
    dpi, damage = VARIANTS[variant]
    return scanned_copy(pdf, dst, dpi, damage=damage)


def scanned_copy(pdf: Path, dst: Path, dpi: int = 200, pages: list[int] | None = None,
                 band: tuple[int, int] | None = None, noisy: bool = False, damage=None) -> Path:
    """Rasterise ``pages`` (1-based; all by default) of ``pdf`` in grayscale into ``dst``; with
    ``band`` only those pixel rows of each page, on a white strip with 100 px above and below;
    ``noisy``: as an office scanner would (``office_scanner``)."""
    import pypdfium2 as pdfium
    from PIL import Image

    doc = pdfium.PdfDocument(str(pdf))
    numbers = pages or list(range(1, len(doc) + 1))
    images = [doc[n - 1].render(scale=dpi / 72, grayscale=True).to_pil() for n in numbers]
    doc.close()
    damage = damage or (office_scanner if noisy else None)
    if damage is not None:
        images = [damage(image, seed=n) for n, image in zip(numbers, images)]
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
    ap.add_argument("--noisy", action="store_true", help="as an office scanner: skew, grey paper, noise, JPEG")
    ap.add_argument("--variant", choices=sorted(VARIANTS), help="one of the benchmark's scan variants")
    args = ap.parse_args()
    pages = [int(p) for p in args.pages.split(",")] if args.pages else None
    band = tuple(int(v) for v in args.band.split(":")) if args.band else None
    if args.variant:
        args.dpi, damage = VARIANTS[args.variant]
    else:
        damage = None
    scanned_copy(args.pdf, args.out, args.dpi, pages, band, args.noisy, damage)  # type: ignore[arg-type]
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
