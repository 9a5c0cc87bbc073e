"""The space glyphs a PDF prints at its lines' ends (pipeline/text/line_ends.py, layout.PrintedSpaces).

Word keeps the space a line wrapped at as a glyph; poppler drops it. The reader is held to
pdfminer's glyph stream (pdfplumber's characters, which keep every space glyph) on real published
PDFs of five toolchains, and to hand-built content streams for each operator it follows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.text import backend
from pipeline.text.line_ends import ended_by_space, space_ends
from tests.conftest import KALASIN, SHARED

REAL = SHARED / "real-pdfs"
needs_shared = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-pdfs is not beside the clone")
# real PDFs whose text layers keep the wraps' spaces: Word 365, Word 2016, Acrobat PDFMaker for Word,
# iTextSharp, mPDF (first pages: pdfplumber, the oracle, reads them slowly)
TOOLCHAINS = {
    "phsmun__pdf_2540_79dc556a.pdf": 4,
    "hangdong__file_61-63_1cc78907.pdf": 4,
    "phichai__public_assets_document_pdf_moit2-5.pdf": 3,
    "poknoi__modules_upload_pdf_9_6f1f9418.pdf": 3,
    "phichai__public_assets_document_pdf_post-1.pdf": 3,
}


def _pages(path: Path):
    pages, _ = backend.read_pages(backend.inspect(path))
    return pages


def _lines(path: Path):
    from pipeline.records import Line

    return [Line(page.number, line.text, line.text, line.bbox) for page in _pages(path) for line in page.lines]


@needs_shared
@pytest.mark.parametrize("name", sorted(TOOLCHAINS), ids=lambda n: n[:24])
def test_line_ends_agree_with_the_glyph_stream(name):
    """Every line of the first pages: a space glyph after its last glyph exactly where pdfminer
    shows a space character starting there, on its baseline."""
    import pdfplumber

    path = REAL / name
    count = TOOLCHAINS[name]
    pages = _pages(path)[:count]
    ends = space_ends(path, range(1, count + 1))
    spaced = wrong = 0
    with pdfplumber.open(path) as pdf:
        for raw, page in zip(pages, pdf.pages):
            spaces = [c for c in page.chars if c["text"] == " "]
            flags = ended_by_space([line.bbox for line in raw.lines], ends.get(raw.number, []))
            for line, flag in zip(raw.lines, flags):
                x0, top, x1, bottom = line.bbox
                seen = any(abs(c["x0"] - x1) < 1.5 and top - 1 <= (c["top"] + c["bottom"]) / 2 <= bottom + 1
                           for c in spaces)
                spaced += seen
                wrong += seen != flag
    assert spaced >= 40  # the toolchain does keep them
    assert wrong == 0


@needs_shared
def test_word_keeps_the_wraps_spaces_libreoffice_and_browsers_do_not():
    from pipeline.layout import PrintedSpaces, right_edges

    def kept(path):
        lines = _lines(path)
        return PrintedSpaces(path, lines, right_edges(lines)).kept

    assert kept(REAL / "phsmun__pdf_2540_79dc556a.pdf")  # Word 365
    assert kept(REAL / "hangdong__file_61-63_1cc78907.pdf")  # Word 2016
    assert not kept(KALASIN / "kalasin.pdf")  # LibreOffice 7.4 (6 of its 1,244 wraps)
    assert not kept(KALASIN / "renderings" / "weasyprint-laksaman.pdf")


@needs_shared
def test_a_word_paragraph_joins_with_the_spaces_it_printed():
    """hangdong p.1, read by hand against the glyph stream: the wraps after "เรื่อง" and after
    "หลักเกณฑ์" printed a space; the one inside "ให้ความเห็นชอบ…" did not."""
    from pipeline.layout import PhraseSpaces, PrintedSpaces, join_printed, paragraphs, right_edges

    path = REAL / "hangdong__file_61-63_1cc78907.pdf"
    lines = _lines(path)
    edges = right_edges(lines)
    spaces = PhraseSpaces((ln.text for ln in lines), PrintedSpaces(path, lines, edges))
    page_one = [ln for ln in lines if ln.page == 1]
    text = "\n".join(join_printed(group, spaces) for group in paragraphs(page_one, edges))
    assert "(ก.กลาง) เรื่อง มาตรฐานทั่วไป" in text
    assert "ตามหลักเกณฑ์ และวิธีการ" in text


# ---------------------------------------------------------------- hand-built content streams
def _pdf(tmp_path: Path, content: bytes, two_byte: bool = False, form: bytes | None = None) -> Path:
    """A one-page PDF (A4, crop box = media box) with font /F1: a simple font whose code 32 is a
    space 250/1000 wide and every other code 500; or an Identity-H font whose code 3 is the space
    (its /ToUnicode says so) and code 9 a zero-width glyph the map also calls a space."""
    import pikepdf

    pdf = pikepdf.new()
    if two_byte:
        cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange "
                b"<0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0020> <0009> <0020> endbfchar "
                b"1 beginbfrange <0010> <0012> <0E01> endbfrange endcmap end end")
        descendant = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType2,
                                        BaseFont=pikepdf.Name.X, DW=500,
                                        W=pikepdf.Array([3, pikepdf.Array([250]), 9, pikepdf.Array([0])]))
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=pikepdf.Name.X,
                                  Encoding=pikepdf.Name("/Identity-H"), DescendantFonts=pikepdf.Array([descendant]),
                                  ToUnicode=pdf.make_stream(cmap))
    else:
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType, BaseFont=pikepdf.Name.X,
                                  FirstChar=32, LastChar=126, Widths=pikepdf.Array([250] + [500] * 94))
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    if form is not None:
        xobject = pdf.make_stream(form)
        xobject.Type, xobject.Subtype = pikepdf.Name.XObject, pikepdf.Name.Form
        xobject.BBox, xobject.Resources = pikepdf.Array([0, 0, 595, 842]), resources
        resources = pikepdf.Dictionary(Font=resources.Font, XObject=pikepdf.Dictionary(Fm1=xobject))
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=pikepdf.Array([0, 0, 595, 842]),
                              Resources=resources, Contents=pdf.make_stream(content))
    pdf.pages.append(pikepdf.Page(page))
    out = tmp_path / "hand.pdf"
    pdf.save(out)
    return out


def _ends(tmp_path, content, **kwargs):
    return [(round(x, 2), round(y, 2)) for x, y in space_ends(_pdf(tmp_path, content, **kwargs), [1])[1]]


def test_a_run_ending_in_a_space_gives_where_the_space_starts(tmp_path):
    # "AB " at 12 pt from (100, 700): A and B are 6 pt each, the space starts 12 pt on
    assert _ends(tmp_path, b"BT /F1 12 Tf 100 700 Td (AB ) Tj ET") == [(112.0, 142.0)]
    # a run that does not end in a space gives nothing; an inner space neither
    assert _ends(tmp_path, b"BT /F1 12 Tf 100 700 Td (A B) Tj ET") == []


def test_adjustments_spacing_and_several_trailing_spaces(tmp_path):
    # TJ: -500 moves 6 pt right; Tc 1 adds 1 pt a glyph; the first of two trailing spaces counts
    content = b"BT /F1 12 Tf 1 Tc 1 0 0 1 50 600 Tm [(A) -500 (B  )] TJ ET"
    assert _ends(tmp_path, content) == [(50 + 7 + 6 + 7, 242.0)]
    # Tw widens code 32 of a one-byte font; Tz scales every advance
    assert _ends(tmp_path, b"BT /F1 10 Tf 2 Tw 50 Tz 0 0 Td (A A ) Tj ET") == [((5 + 2.5 + 2 + 5) * 0.5, 842.0)]


def test_line_operators_and_chained_shows(tmp_path):
    # T*, ' and TD move to the next line by the leading; a show after a show continues its run
    content = (b"BT /F1 10 Tf 14 TL 100 700 Td (A) Tj T* (A ) Tj (AA) ' (B) Tj ( ) Tj "
               b"0 -20 TD (C ) Tj T* (D ) Tj ET")
    assert _ends(tmp_path, content) == sorted([(105.0, 156.0), (115.0, 170.0), (105.0, 190.0), (105.0, 210.0)])


def test_graphics_state_and_forms(tmp_path):
    # cm scales and moves; Q restores the CTM and the text state (a size set inside q…Q is undone)
    content = (b"BT /F1 10 Tf ET q 2 0 0 2 10 10 cm BT 0 0 Td (A ) Tj ET Q "
               b"q BT /F1 20 Tf ET Q BT 0 100 Td (A ) Tj ET")
    assert _ends(tmp_path, content) == [(5.0, 742.0), (20.0, 832.0)]
    # a form XObject drawn under a CTM
    assert _ends(tmp_path, b"q 1 0 0 1 0 -100 cm /Fm1 Do Q",
                 form=b"BT /F1 10 Tf 100 700 Td (AB ) Tj ET") == [(110.0, 242.0)]


def test_two_byte_fonts_and_a_zero_width_glyph_mapped_to_a_space(tmp_path):
    # Identity-H: <0003> is the space (250), <0010> a letter (500 by /DW); <0009> is mapped to a
    # space too but has no width: a mark the map got wrong, not a space
    assert _ends(tmp_path, b"BT /F1 10 Tf 10 10 Td [<00100010> -100 <0003>] TJ ET", two_byte=True) == [(21.0, 832.0)]
    assert _ends(tmp_path, b"BT /F1 10 Tf 10 10 Td [<00100009>] TJ ET", two_byte=True) == []


def test_strings_and_marked_content_do_not_derail_the_reader(tmp_path):
    # a string holding "ET" and brackets; an /ActualText span; an empty text object; escapes
    content = (b"BT ET /Span <</ActualText (x ET y)>> BDC BT /F1 10 Tf 0 0 Td (\\(ET\\) ) Tj EMC "
               b"1 0 0 1 0 20 Tm (\\101\\040) Tj ET")
    assert _ends(tmp_path, content) == sorted([(20.0, 842.0), (5.0, 822.0)])


def test_a_writer_measured_to_drop_the_spaces_is_not_read(tmp_path):
    """LibreOffice and WeasyPrint files are not sampled (the file below does not even exist); any
    other writer is, and a file that cannot be read gives no evidence rather than an error."""
    from pipeline.layout import PrintedSpaces
    from pipeline.records import Line

    lines = [Line(1, "การบริหาร", "", (0.0, 20.0 * k, 500.0, 20.0 * k + 14)) for k in range(30)]
    missing = tmp_path / "none.pdf"
    assert PrintedSpaces(missing, lines, {1: 500.0}, producer="LibreOffice 7.4 Writer").kept is False
    assert PrintedSpaces(missing, lines, {1: 500.0}, producer="Microsoft® Word 2016").kept is False
    spaces = PrintedSpaces(missing, lines, {1: 500.0}, producer="Microsoft® Word 2016")
    assert spaces.after(lines[:2]) == [False, False]


def test_a_table_cell_joins_with_the_spaces_the_pdf_printed():
    """Part 1's cells: the printed space decides where the file keeps them; elsewhere a Thai wrap
    joins without one (the plan's phrasing is not asked in such short cells)."""
    from extractors.tables import Cell, CellLine, Row, cell_text
    from pipeline.layout import PhraseSpaces

    class Printed:  # the PDF printed a space after the line that ends "ตาม"
        def __init__(self, kept):
            self.kept = kept

        def after(self, lines):
            return [self.kept and line.text.endswith("ตาม") for line in lines]

    lines = (CellLine("การจัดซื้อจัดจ้างไม่เป็นไปตาม", 7, (0.0, 0.0, 90.0, 14.0)),
             CellLine("ระเบียบเช่น", 21, (0.0, 14.0, 40.0, 28.0)), CellLine("ใช้เวลา", 35, (0.0, 28.0, 30.0, 42.0)))
    row = Row(1, 0.0, (Cell((0.0, 0.0, 100.0, 42.0), lines),))
    phrasing = ["ตาม ระเบียบ"] * 3 + ["เช่น ใช้เวลา"] * 3
    assert cell_text(row, 0, PhraseSpaces(phrasing, Printed(True))) == "การจัดซื้อจัดจ้างไม่เป็นไปตาม ระเบียบเช่นใช้เวลา"
    assert cell_text(row, 0, PhraseSpaces(phrasing, Printed(False))) == "การจัดซื้อจัดจ้างไม่เป็นไปตามระเบียบเช่นใช้เวลา"
    assert cell_text(row, 1) == ""


def test_a_damaged_stream_of_unclosed_text_objects_is_not_read(tmp_path):
    """Each text object is found by a lazy scan to its ET: a damaged stream of many BT and no ET
    would cost time quadratic in its size. Such a page gives no evidence at all, its one closed
    object included (line_ends._well_formed)."""
    closed = b"BT /F1 10 Tf 0 0 Td (A ) Tj ET "
    assert _ends(tmp_path, closed) == [(5.0, 842.0)]
    assert _ends(tmp_path, closed + b"BT /F1 10 Tf 0 0 Td (A ) Tj " * 100) == []
