"""Every real published PDF in ../shared/real-pdfs through the text engine (no ground truth).

Nothing forbidden may reach an output, and the repaired text must agree with the dictionary at
least twice as well as the raw pdfplumber text, or as well as the golden source text does.
"""

from __future__ import annotations

import pytest

from pipeline import textlayer
from pipeline.quality import dictionary_miss
from pipeline.thai import damage
from tests.conftest import KALASIN, SHARED

REAL = SHARED / "real-pdfs"
PDFS = sorted(REAL.glob("*.pdf")) if REAL.is_dir() else []
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not PDFS, reason="../shared/real-pdfs is not beside the clone")]


@pytest.fixture(scope="module")
def source_miss():
    import sys

    sys.path.insert(0, str(KALASIN.parents[0] / "tools"))
    from render_plan import printed_text

    return dictionary_miss(printed_text((KALASIN / "source.txt").read_text(encoding="utf-8")), None)


def _pdfplumber_text(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem[:40])
def test_real_pdf_text(pdf, source_miss, tmp_path):
    from pipeline.emit import doc_id_for, write_text

    layer = textlayer.read(pdf)
    folder = write_text(doc_id_for(pdf), str(pdf), layer.pages, layer.checks, tmp_path)
    for name in ("text.txt", "pages.json"):
        assert damage((folder / name).read_text(encoding="utf-8")) == {
            "pua": 0, "sara_am_split": 0, "space_before_mark": 0}, name
    ours = dictionary_miss("\n".join(p.text for p in layer.pages), None)
    raw = dictionary_miss(_pdfplumber_text(pdf), None)
    assert ours is not None, "no Thai text came out"
    if raw is not None:
        assert ours <= max(raw / 2, source_miss * 1.05), f"dictionary miss {ours:.3f}, raw {raw:.3f}"
    assert all(p.quality is not None for p in layer.pages)
