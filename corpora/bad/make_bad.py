"""Write the bad inputs a batch must survive, each failing with its own message.

    python corpora/bad/make_bad.py OUT_DIR

Generated rather than committed: the bomb and the file with too many pages are small on disk but the
point is what they become when read. Every file is made from the golden PDF or from nothing.
"""

from __future__ import annotations

import shutil
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "corpora" / "kalasin" / "kalasin.pdf"
NOT_A_PLAN = ROOT / "corpora" / "regressions" / "zero-width-spaces-and-pua-mpdf.pdf"
sys.path.insert(0, str(ROOT))
from pipeline.text.backend import MAX_PAGES  # noqa: E402

IMAGE_ONLY = ROOT / "corpora" / "regressions" / "image-only-page.pdf"

# file → the words its failed row must carry (None: it must succeed)
EXPECTED = {
    "missing.pdf": "file not found",
    "zero-bytes.pdf": "empty file (0 bytes)",
    "not-a-pdf.pdf": "not a PDF",
    "truncated.pdf": "corrupt or truncated PDF",
    "encrypted-with-password.pdf": "encrypted PDF",
    "encrypted-empty-user-password.pdf": None,
    "not-a-plan.pdf": "not an anti-corruption action plan",
    "image-only.pdf": "no usable text",
    "decompression-bomb.pdf": "decompression bomb",
    "too-many-pages.pdf": "over the limit",
    "duplicate-of-golden.pdf": "duplicate of",
}


def make(out: Path) -> dict[str, str | None]:
    import pikepdf

    out.mkdir(parents=True, exist_ok=True)
    (out / "zero-bytes.pdf").write_bytes(b"")
    (out / "not-a-pdf.pdf").write_text("เรียน นายกเทศมนตรี\n", encoding="utf-8")
    (out / "truncated.pdf").write_bytes(GOLDEN.read_bytes()[:5000])
    with pikepdf.open(GOLDEN) as pdf:
        pdf.save(out / "encrypted-with-password.pdf",
                 encryption=pikepdf.Encryption(owner="owner-secret", user="user-secret"))
        pdf.save(out / "encrypted-empty-user-password.pdf",
                 encryption=pikepdf.Encryption(owner="owner-secret", user=""))
    shutil.copy(NOT_A_PLAN, out / "not-a-plan.pdf")
    shutil.copy(IMAGE_ONLY, out / "image-only.pdf")
    shutil.copy(GOLDEN, out / "golden.pdf")
    shutil.copy(GOLDEN, out / "duplicate-of-golden.pdf")
    with pikepdf.new() as pdf:  # 300 MB of zeros in a ~300 kB stream
        pdf.add_blank_page()
        bomb = pikepdf.Stream(pdf, zlib.compress(b"\0" * (300 * 1024 * 1024), 9))
        bomb.Filter = pikepdf.Name.FlateDecode
        pdf.pages[0].Contents = pdf.make_indirect(bomb)
        pdf.save(out / "decompression-bomb.pdf")
    with pikepdf.new() as pdf:
        for _ in range(MAX_PAGES + 1):
            pdf.add_blank_page()
        pdf.save(out / "too-many-pages.pdf")
    return dict(EXPECTED, **{"golden.pdf": None})


if __name__ == "__main__":
    for name in make(Path(sys.argv[1])):
        print(name)
