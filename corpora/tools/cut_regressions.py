"""Cut the pages that reproduce each Thai text-layer artefact out of the real published PDFs.

    python corpora/tools/cut_regressions.py ../shared/real-pdfs corpora/regressions

Each output PDF is named after the artefact it reproduces; corpora/regressions/README.md says
which public file and page it came from. Run once; the cut pages are committed (small).
"""

from __future__ import annotations

import sys
from pathlib import Path

# artefact → (source file in shared/real-pdfs, 1-based page)
CUTS = {
    "sara-am-nikhahit-glyph-read-as-space": ("hangdong__file_61-63_1cc78907.pdf", 1),
    "sara-aa-printed-as-sara-am": ("phsmun__pdf_2540_79dc556a.pdf", 5),
    "pua-legacy-thai-glyphs-and-split-sara-am": ("phsmun__pdf_2537_65eb68f6.pdf", 3),
    "wrong-letters-libreoffice-non-thai-font": ("hangdong__myfile_890030be.pdf", 1),
    "scan-with-junk-ocr-layer": ("hangdong__myfile_prspend.pdf", 1),
    "image-only-page": ("phichai__public_assets_document_pdf_moit2-18.4.pdf", 1),
    "private-font-encoding-no-thai-code-points": ("poknoi__modules_decree_pdf_61_cb962693.pdf", 1),
    "zero-width-spaces-and-pua-mpdf": ("phichai__public_assets_document_pdf_post-1.pdf", 1),
    "wingdings-checkboxes": ("sawang__docs_file_4_58535cf6.pdf", 1),
    "sara-am-nikhahit-glyph-unnamed-word-font": ("phichai__public_assets_document_pdf_moit2-7.1.pdf", 6),
    "sara-am-nikhahit-and-tone-glyphs-read-as-space": ("phichai__public_assets_document_pdf_moit2-7.1.pdf", 129),
}


def main(src: Path, dst: Path) -> int:
    import pypdfium2 as pdfium

    dst.mkdir(parents=True, exist_ok=True)
    for name, (file, page) in CUTS.items():
        source = pdfium.PdfDocument(str(src / file))
        out = pdfium.PdfDocument.new()
        out.import_pages(source, [page - 1])
        out.save(str(dst / f"{name}.pdf"))
        print(f"{name}.pdf ← {file} page {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
