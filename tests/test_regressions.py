"""One page per Thai text-layer artefact (corpora/regressions/), each through the text engine."""

from __future__ import annotations

import pytest

from pipeline.text import read
from pipeline.text.backend import _inked_space_aa as _inked
from pipeline.text.thai import damage
from tests.conftest import ROOT

REG = ROOT / "corpora" / "regressions"

# artefact → (engine the page must end up read by, words that must appear, words that must not)
CASES = {
    "sara-am-nikhahit-glyph-read-as-space": ("repaired", ["แผนอัตรากำลัง", "เทศบาลตำบลหางดง", "อำเภอหางดง"],
                                             ["ตาบล", "อาเภอ", "ก าลัง"]),
    "sara-aa-printed-as-sara-am": ("repaired", ["สำนักงานคณะกรรมการกฤษฎีกา"], ["กำร", "งำน"]),
    "pua-legacy-thai-glyphs-and-split-sara-am": ("repaired", ["สำนักงานคณะกรรมการกฤษฎีกา"], ["\u0e4d\u0e32"]),
    "wrong-letters-libreoffice-non-thai-font": ("ocr", ["คำกล่าวแสดงเจตจำนงของผู้บริหาร", "นายกเทศมนตรี"],
                                                ["คคำ"]),
    "scan-with-junk-ocr-layer": ("ocr", ["ประกาศเทศบาลตำบลหางดง", "งบประมาณรายจ่าย"], []),
    "image-only-page": ("ocr", ["ประกาศสำนักงานปลัดกระทรวงสาธารณสุข"], []),
    "private-font-encoding-no-thai-code-points": ("ocr", ["เทศบาลตำบลพอกน้อย", "ประมาณการรายจ่าย"], []),
    "zero-width-spaces-and-pua-mpdf": ("repaired", ["บันทึกข้อความ", "โรงพยาบาลพิชัย"], ["\u200b"]),
    "wingdings-checkboxes": ("repaired", ["แบบฟอร์มการขึ้นทะเบียนผู้พิการ", "□"], ["\uf0a3", "\ufffd"]),  # Wingdings 2 chart
    # Word fonts with no glyph names and no cmap: the NIKHAHIT glyph known by its outline (fonts.py)
    "sara-am-nikhahit-glyph-unnamed-word-font": ("repaired", ["กระทำการทุจริต", "แสดงจำนวนข้อร้องเรียน", "ของสำนักงาน"],
                                                 ["กระทาการ", "จานวน", "สานักงาน"]),
    # ... and a font object mapping a tone mark's glyph to a space too: PDFium's ink scan decides
    "sara-am-nikhahit-and-tone-glyphs-read-as-space": ("repaired", ["ผู้จัดทำ", "ชำนาญการพิเศษ"], ["จัดทา", "ชานาญ"]),
    "libreoffice-actualtext-justified": ("text-layer", ["สำนักงาน ก.พ.", "กำหนดแนวทางการดำเนินการ"], []),
    "thai-digits-misread-by-ocr": ("ocr", ["๗. งบประมาณดำเนินการ", "๑,๐๐๐,๐๐๐ บาท", "๒๕๖๖ - ๒๕๗๐"],
                                   ["๕. งบประมาณ", "๒๕๒๒"]),  # tests/test_ocr_digits.py: every number
    # Tesseract alone: a row of tone marks read as "๐ | 9๑7 A vy vy aA", และ as "was", ที่ as "ที"
    "kinnari-ocr-latin-and-mark-rows": ("ocr", ["ระเบียบและ", "หลักเกณฑ์ที่เกี่ยวข้อง"], ["was", "vy", "aA", "9๑7"]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_artefact_is_repaired(name):
    engine, present, absent = CASES[name]
    layer = read(REG / f"{name}.pdf")
    (page,) = layer.pages
    text = page.text
    assert page.source == engine, (page.source, page.quality)
    for word in present:
        assert word in text, f"{word!r} missing from {text[:300]!r}"
    for word in absent:
        assert word not in text, f"{word!r} still in the text"
    assert damage(text) == {"pua": 0, "sara_am_split": 0, "space_before_mark": 0}
    assert page.quality["score"] >= 0.5


def test_restored_words_are_listed_with_their_page():
    layer = read(REG / "sara-am-nikhahit-glyph-read-as-space.pdf")
    (restored,) = [c for c in layer.checks if c.code == "thai-word-restored"]
    assert restored.page == 1 and "เทศบาลตาบล → เทศบาลตำบล ×3" in restored.message


def test_nikhahit_known_by_outline_or_by_ink_gives_the_same_text(monkeypatch):
    """The font check (a zero-advance ring mapped to a space is a NIKHAHIT) spares the PDFium
    scan; where it cannot decide, the scan of every space's ink reads the same words."""
    from pipeline.text import backend, fonts

    page = REG / "sara-am-nikhahit-glyph-unnamed-word-font.pdf"
    by_outline = read(page)
    report = fonts.repaired_copy(page)
    if report.copy:
        report.copy.unlink()
    assert not report.spaces_suspect
    assert "glyph's outline" in " ".join(c.message for c in by_outline.checks if c.code == "font-tounicode-corrected")
    scanned = []
    monkeypatch.setattr(fonts, "_nikhahit_glyphs", lambda *_: {})
    monkeypatch.setattr(backend, "_inked_space_aa", lambda *a: scanned.append(1) or _inked(*a))
    by_ink = read(page)
    assert scanned and by_ink.pages[0].text == by_outline.pages[0].text


def test_ocr_never_reports_the_pages_instead():
    layer = read(REG / "image-only-page.pdf", ocr_mode="never")
    assert [c.code for c in layer.checks] == ["page-needs-ocr"]
    assert layer.pages[0].source != "ocr" and len(layer.pages[0].text.strip()) < 10


def test_font_glyph_data_decodes_a_font_without_text_map():
    layer = read(REG / "private-font-encoding-no-thai-code-points.pdf", ocr_mode="never")
    assert "font-tounicode-corrected" in {c.code for c in layer.checks}
    assert "เทศบาลตำบลพอกน้อย" in layer.pages[0].text  # Thai from the fonts' cmap, without OCR


def test_every_regression_pdf_has_a_case():
    assert {p.stem for p in REG.glob("*.pdf")} == set(CASES)


def test_an_unreadable_font_text_map_is_a_check_not_a_silent_log(tmp_path):
    """A font whose ToUnicode map cannot be parsed used to be logged at INFO and forgotten: now a
    font-data-unreadable check names the font."""
    import pikepdf

    broken = tmp_path / "broken-tounicode.pdf"
    with pikepdf.open(REG / "sara-am-nikhahit-glyph-read-as-space.pdf") as pdf:
        fonts = [obj for obj in pdf.objects
                 if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font
                 and "/ToUnicode" in obj]
        assert fonts
        stream = pdf.make_stream(b"this is not deflated data")  # a map no reader can inflate
        stream.Filter = pikepdf.Name.FlateDecode
        fonts[0].ToUnicode = stream
        pdf.save(broken)
    layer = read(broken, ocr_mode="never")
    found = [c for c in layer.checks if c.code == "font-data-unreadable"]
    assert found and found[0].severity == "warning" and "ToUnicode" in found[0].message


def test_symbol_font_maps_rewritten_from_the_typefaces_chart():
    """Word maps a symbol font's glyphs to U+F000 + byte, other writers to the byte's Latin letter:
    both are rewritten from the typeface's chart (pipeline/text/data/dingbats.json); a font that is
    not a symbol font, and a byte the chart lacks, keep their maps."""
    import pikepdf

    from pipeline.text.fonts import _fix_symbol_font

    with pikepdf.new() as pdf:
        word = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                                                    BaseFont=pikepdf.Name("/ABCDEE+Wingdings2")))
        fix = _fix_symbol_font(pdf, word, {1: "\uf0a3", 2: "\uf052", 3: "\uf0fc", 4: "ก"})
        assert dict(fix.changes) == {"\uf0a3": "□", "\uf052": "☑"}  # Wingdings 2 has no byte 0xFC: kept
        assert fix.corrected == 2 and "Wingdings 2 chart" in fix.evidence
        simple = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
                                                      BaseFont=pikepdf.Name("/SymbolMT")))
        fix = _fix_symbol_font(pdf, simple, {0xB7: "\u00b7", 0x61: "a", 0x20: " "})
        assert dict(fix.changes) == {"\u00b7": "•", "a": "α"}
        assert b"<B7> <2022>" in simple.ToUnicode.read_bytes()  # one-byte codes for a simple font
        thai = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0,
                                                    BaseFont=pikepdf.Name("/THSarabunPSK")))
        assert _fix_symbol_font(pdf, thai, {1: "\uf0a3"}) is None


def _poppler_lines(path):
    from pipeline.text import backend

    pages, _ = backend.read_pages(backend.inspect(path))
    return [[line.text for line in page.lines] for page in pages]


def test_font_fixes_are_appended_to_the_original_bytes(tmp_path, monkeypatch):
    """The corrected copy poppler reads is the original file, byte for byte, with the fixed font
    objects and their new text maps appended (an incremental update): qpdf reads it without a
    warning, and poppler reads from it the same lines as from the whole file re-saved."""
    import pikepdf

    from pipeline.text import fonts

    source = REG / "sara-am-nikhahit-glyph-read-as-space.pdf"
    appended = fonts.repaired_copy(source, tmp_path)
    assert appended.copy.read_bytes().startswith(source.read_bytes())
    with pikepdf.open(appended.copy) as pdf:
        assert not pdf.get_warnings()
        maps = [obj.ToUnicode.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary)
                and obj.get("/Type") == pikepdf.Name.Font and "/ToUnicode" in obj]
        assert sum(b"<0E4D>" in m for m in maps) == len(appended.fixes) == 2  # NIKHAHIT in both new maps
    monkeypatch.setattr(fonts, "write_update", lambda *_: False)
    whole = fonts.repaired_copy(source, tmp_path)
    assert not whole.copy.read_bytes().startswith(source.read_bytes()[:2000])
    lines = _poppler_lines(appended.copy)
    # poppler's raw text: NIKHAHIT + SARA AA, made SARA AM by the repair rules after
    assert lines == _poppler_lines(whole.copy) and "อ\u0e4d\u0e32เภอหางดง" in " ".join(lines[0])
    assert lines != _poppler_lines(source)


@pytest.mark.parametrize("damage", ["encrypted", "cross-reference offset wrong"])
def test_a_file_that_cannot_take_an_update_is_saved_whole(tmp_path, damage):
    """An encrypted file (appended objects would have to be encrypted too) and one qpdf repairs on
    opening are saved whole, as before: the same text either way."""
    import pikepdf

    from pipeline.text import fonts

    source = REG / "sara-am-nikhahit-glyph-read-as-space.pdf"
    bad = tmp_path / "bad.pdf"
    if damage == "encrypted":
        with pikepdf.open(source) as pdf:
            pdf.save(bad, encryption=pikepdf.Encryption(owner="owner", user=""))
    else:
        data = source.read_bytes()
        at = data.rindex(b"startxref")
        bad.write_bytes(data[:at] + b"startxref\n17\n%%EOF\n")
    report = fonts.repaired_copy(bad, tmp_path)
    assert report.fixes and not report.copy.read_bytes().startswith(bad.read_bytes()[:2000])
    assert read(bad, ocr_mode="never").pages[0].text == read(source, ocr_mode="never").pages[0].text
