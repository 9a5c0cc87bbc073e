"""Every real published PDF in ../shared/real-pdfs through the text engine (no ground truth).

Nothing forbidden may reach an output, and the repaired text must agree with the dictionary at
least twice as well as the raw pdfplumber text, or as well as the golden source text does.
"""

from __future__ import annotations

import pytest

import regex

from pipeline.text import read
from pipeline.text.quality import INVALID, dictionary_miss
from pipeline.text.thai import MARKS, damage
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
    from pipeline.emit import write_text
    from pipeline.ids import doc_id_for

    layer = read(pdf)
    folder = write_text(doc_id_for(pdf), str(pdf), layer.pages, layer.checks, tmp_path)
    for name in ("text.txt", "pages.json"):
        assert damage((folder / name).read_text(encoding="utf-8")) == {
            "pua": 0, "sara_am_split": 0, "space_before_mark": 0}, name
    orphans = [(p.number, line.text) for p in layer.pages for line in p.lines if regex.match(f"[{MARKS}]", line.text)]
    assert orphans == []  # no line opens with a mark (text turned 90° came a glyph run a line)
    # nor does OCR leave a sequence no Thai text holds (a tone on a digit, a vowel before no letter)
    assert [(p.number, m[0]) for p in layer.pages if p.source == "ocr" for m in INVALID.finditer(p.text)] == []
    ours = dictionary_miss("\n".join(p.text for p in layer.pages), None)
    raw = dictionary_miss(_pdfplumber_text(pdf), None)
    assert ours is not None, "no Thai text came out"
    if raw is not None:
        assert ours <= max(raw / 2, source_miss * 1.05), f"dictionary miss {ours:.3f}, raw {raw:.3f}"
    assert all(p.quality is not None for p in layer.pages)
    # a glyph nothing identifies is U+FFFD only on a page whose check says how many
    unknown = {p.number: p.text.count("\ufffd") for p in layer.pages if "\ufffd" in p.text}
    reported = {c.page: int(c.message.split(": ")[1].split()[0]) for c in layer.checks
                if c.code == "glyph-unidentified"}
    assert unknown == reported


def test_text_turned_90_degrees_is_one_line():
    """nysso ITA EB2 2.6, page 10: the table header "น้ำหนัก" is printed bottom to top; poppler gives it
    as five runs (นํ / ้ / า / หน / ัก), each once a line of its own."""
    layer = read(REAL / "nysso__upload_ITA_EB2_2.6.pdf")
    texts = [line.text for line in layer.pages[9].lines]
    assert "น้ำหนัก" in texts
    assert not {"้", "ัก", "นํ"} & set(texts)


def test_word_font_objects_vouch_for_each_others_glyphs():
    """phichai moit2-7.1 (Word, 135 pages): every font object's NIKHAHIT glyph is mapped to a space and
    known by its outline, and one object of TH SarabunIT๙ also maps its MAI THO glyph to a space, which
    the fourteen other objects of the same embedded program map to ้: น้ำฝน, not นำฝน. No SARA AA
    that one object maps to SARA AM comes out doubled (ํำ), nor as ำ where the others say า."""
    layer = read(REAL / "phichai__public_assets_document_pdf_moit2-7.1.pdf", ocr_mode="never")
    assert "นางสาวน้ำฝน พยัคคานนท์" in layer.pages[128].text
    # p. 70: one object of TH SarabunPSK-Bold maps its SARA AA glyph to ำ (and NIKHAHIT to " "), the
    # others to า; p. 128: a 9-code DBAdmanX object whose only "space" is its NIKHAHIT
    assert "ของหน่วยงานภาครัฐ" in layer.pages[69].text and "งำน" not in layer.pages[69].text
    assert "ผู้จัดทำ" in layer.pages[127].text
    assert not any("\u0e4d\u0e33" in p.text for p in layer.pages)
    fixed = [c.message for c in layer.checks if c.code == "font-tounicode-corrected"]
    assert any("same embedded font elsewhere" in m and "“ ” → “้”" in m for m in fixed), fixed


def test_text_maps_read_as_pdfminer_reads_them():
    """The one-pass ToUnicode reader gives pdfminer's map, entry for entry, for every text map of
    every real PDF and corpus PDF (falling back to pdfminer only where it cannot)."""
    import io

    import pikepdf
    from pdfminer.cmapdb import CMapParser, FileUnicodeMap

    from pipeline.text.fonts import _plain_cmap

    seen, plain = set(), 0
    for path in PDFS + sorted(KALASIN.parents[0].glob("**/*.pdf")):
        with pikepdf.open(path) as pdf:
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary) and "/ToUnicode" in obj:
                    data = obj.ToUnicode.read_bytes()
                    if data in seen:
                        continue
                    seen.add(data)
                    cmap = FileUnicodeMap()
                    CMapParser(cmap, io.BytesIO(data)).run()
                    mine = _plain_cmap(data)
                    if mine is not None:
                        plain += 1
                        assert mine == dict(cmap.cid2unichr), path.name
    assert len(seen) >= 100 and plain >= 0.9 * len(seen)
