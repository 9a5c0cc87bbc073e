"""Tables of scanned pages: ruling lines read off the page image, cells read one by one.

The PDFs' own ruling paths are the ground truth: a page rasterised (as a scanner would, turned and
noisy too) must give the same table — rows, columns, merged cells — from its image alone.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from pipeline.text import backend, image_rulings, ocr_cells

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpora" / "tools"))

# Part 1 and Part 2 pages of three toolchains' plans: LibreOffice (Kalasin), WeasyPrint, python-docx
TABLE_PAGES = [("kalasin/kalasin.pdf", 13), ("kalasin/kalasin.pdf", 7),
               ("kalasin/renderings/weasyprint-laksaman.pdf", 13), ("synthetic/pdf/tm-chaiyo.pdf", 5),
               ("synthetic/pdf/tm-chaiyo.pdf", 4)]


def _render(path: Path, number: int, dpi: int = 200):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return doc[number - 1].render(scale=dpi / 72, grayscale=True).to_pil()
    finally:
        doc.close()


def _cells(rulings):
    return [[list(row) for row in table] for table in backend.table_rows(rulings)]


@pytest.mark.parametrize("skew", [0.0, 0.8, 2.0])
@pytest.mark.parametrize("name, number", TABLE_PAGES)
def test_rulings_read_off_the_image_draw_the_pdfs_own_cells(name, number, skew):
    from scan import office_scanner

    path = ROOT / "corpora" / name
    image = _render(path, number)
    if skew:
        image = office_scanner(image, seed=number, skew_deg=skew)
    found = image_rulings.find(np.asarray(image), 200)
    truth = _cells(backend.rulings(backend.inspect(path), [number])[number])
    got = _cells(found.rulings)
    assert [[len(row) for row in t] for t in got] == [[len(row) for row in t] for t in truth]
    worst = max(abs(a - b) for tg, tt in zip(got, truth) for rg, rt in zip(tg, tt) for cg, ct in zip(rg, rt)
                for a, b in zip(cg or (0, 0, 0, 0), ct or (0, 0, 0, 0)))
    assert worst < 1.5  # points
    assert all((cg is None) == (ct is None) for tg, tt in zip(got, truth) for rg, rt in zip(tg, tt)
               for cg, ct in zip(rg, rt))


def test_a_page_without_a_table_is_left_as_it_is():
    from scan import office_scanner

    image = np.asarray(office_scanner(_render(ROOT / "corpora" / "kalasin" / "kalasin.pdf", 30), seed=3))
    found = image_rulings.find(image, 200)
    assert found.rulings is None
    assert found.angle == 0.0 and np.array_equal(found.gray, image)


@pytest.mark.parametrize("name, number", [("kalasin/kalasin.pdf", 31), ("synthetic/pdf/tm-chaiyo.pdf", 14)])
def test_a_page_of_text_turned_by_two_degrees_is_turned_straight(name, number):
    """A page of text has no rule to measure its skew on: a scan turned by 2° was read as it was,
    and Tesseract's lines ran into each other (the golden skewed scan: 88.3 % of fields). Its lines
    of text give the angle now (``image_rulings.text_skew``); a page turned by less than
    MIN_TEXT_SKEW_DEG is still left as it is (the test above)."""
    import random

    from scan import office_scanner

    image = np.asarray(office_scanner(_render(ROOT / "corpora" / name, number), seed=number, skew_deg=2.0))
    turned = random.Random(number).uniform(-2.0, 2.0)  # the angle office_scanner turned it by
    assert abs(turned) > image_rulings.MIN_TEXT_SKEW_DEG
    found = image_rulings.find(image, 200)
    assert found.rulings is None and abs(found.angle - turned) < 0.1, (found.angle, turned)
    assert abs(image_rulings.text_skew(image_rulings._ink(found.gray, 200), 200)) < 0.1


def _first_part2_page_cells(tmp_path, damage, pdf: Path = ROOT / "corpora" / "kalasin" / "kalasin.pdf",
                            number: int = 13) -> list[list[str]]:
    """Kalasin's first Part 2 page (or page ``number`` of ``pdf``) scanned with ``damage`` and OCR'd:
    each table row's cell texts."""
    from scan import scanned_copy

    from extractors.tables import ruled_rows
    from pipeline.text import ocr, thai

    scan = scanned_copy(pdf, tmp_path / f"p{number}.pdf", pages=[number], damage=damage)
    info = backend.inspect(scan)
    (raw,) = ocr.ocr_pages(info, [backend.RawPage(1, 842, 595, ())], ocr.OcrSettings(workers=1))
    (page,) = thai.repair_pages([raw])
    rows = ruled_rows([replace(page, source="ocr", rulings=raw.rulings)], 4)
    return [[" ".join(row.text(i).split()) for i in range(len(row.cells))] for row in rows]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (make system)")
def test_cells_of_a_scanned_part2_page_are_read_one_by_one(tmp_path):
    """Kalasin's first Part 2 page as an office scan: the header and project 1's yearly cells read
    cell by cell (page OCR read the year heading "ปี ๒๕๖๗" as "Undo" and joined cells)."""
    from scan import office_scanner

    texts = _first_part2_page_cells(tmp_path, office_scanner)
    assert texts[0][3:8] == ["ปี๒๕๖๖", "ปี๒๕๖๗", "ปี๒๕๖๘", "ปี๒๕๖๙", "ปี๒๕๗๐"]
    assert texts[1][3:8] == ["งบประมาณ (บาท )"] * 5 or all(t.startswith("งบประมาณ") for t in texts[1][3:8])
    assert texts[2][3:8] == ["๑,๐๐๐,๐๐๐"] * 5
    assert texts[2][0].startswith("๑. การสร้าง") and texts[2][2].startswith("๑) โครงการพัฒนาความรู้")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (make system)")
def test_cells_of_a_photographed_part2_page_are_read_on_white(tmp_path):
    """The same page as a phone photo (light falling off towards one corner, soft focus): each cell
    is brightened to white paper before it is stacked on the white sheet Tesseract reads. Without
    that, Tesseract's threshold of the whole sheet took the grey cells for ink and read their noise
    as letters: no figure of the page came out."""
    from scan import phone_photo

    texts = _first_part2_page_cells(tmp_path, phone_photo)
    assert texts[0][3:8] == ["ปี๒๕๖๖", "ปี๒๕๖๗", "ปี๒๕๖๘", "ปี๒๕๖๙", "ปี๒๕๗๐"]
    assert texts[2][3:8] == ["๑,๐๐๐,๐๐๐"] * 5
    assert texts[2][0].startswith("๑. การสร้าง") and texts[2][2].startswith("๑) โครงการพัฒนาความรู้")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (make system)")
def test_blurred_figures_read_ill_formed_are_read_again_alone(tmp_path):
    """A blurred scan of a Part 2 page (the synthetic tm-chaiyo plan's first): among the other cells
    of the sheet Tesseract read project 4's ๑๐๐,๐๐๐ as "๑๐๐๑๐, ๐๐๐" and ",๐๐๐๐๐"; such ill-formed
    figures are cut out again and read alone, as printed. The year heading is never taken for one."""
    from scan import blurred

    texts = _first_part2_page_cells(tmp_path, blurred, ROOT / "corpora" / "synthetic" / "pdf" / "tm-chaiyo.pdf", 5)
    row = next(t for t in texts if "กิจกรรมส่งเสริมคุณธรรม" in t[2])
    assert row[3:7] == ["๑๐๐,๐๐๐"] * 4
    assert all(not ocr_cells.ill_formed_figure(cell) for t in texts for cell in t[3:7])


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (make system)")
def test_the_cells_of_a_table_page_out_of_focus_are_sharpened_before_they_are_read(tmp_path):
    """The golden plan's Part 2 page 22 blurred (σ 1.2 px): read as scanned, projects 26 and 27's
    rows lost their entry lines and their lone "๐" figures (the blurred scan had 74 of 100 Part 2
    cells as born-digital); the cells of a page whose edges are soft are sharpened first
    (``image_rulings.sharpened``: 100 of 100). A sharp page is never sharpened."""
    from scan import blurred, office_scanner

    texts = _first_part2_page_cells(tmp_path, blurred, ROOT / "corpora" / "kalasin" / "kalasin.pdf", 22)
    for entry in ("๒๖) กิจกรรมติดตามประเมินผล", "๒๗) มาตรการบริหารจัดการความเสี่ยง"):
        row = next(t for t in texts if t[2].startswith(entry))
        assert row[3:8] == ["๐"] * 5, row
    page = _render(ROOT / "corpora" / "kalasin" / "kalasin.pdf", 22)
    assert image_rulings.edge_sharpness(blurred(page, seed=22)) < image_rulings.SOFT_EDGES
    assert image_rulings.edge_sharpness(office_scanner(page, seed=22)) > image_rulings.SOFT_EDGES


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_an_office_scanners_noise_is_taken_out_before_tesseract_reads_the_page():
    """A golden Part 3 page through the office scanner (grey paper, sensor noise, dust): its 3×3
    median (image_rulings.quiet) reads with fewer character errors against the PDF's own text than
    the page as scanned (4.4 → 3.1 % measured); a clean rendering is left as it is."""
    from rapidfuzz.distance import Levenshtein
    from scan import office_scanner

    from pipeline.text import read
    from pipeline.text.tesseract import run_tesseract_pages

    pdf = ROOT / "corpora" / "kalasin" / "kalasin.pdf"
    clean = np.asarray(_render(pdf, 60))
    assert image_rulings.quiet(clean) is clean
    scanned = np.asarray(office_scanner(_render(pdf, 60), seed=3))
    truth = "".join("".join(line.text for line in read(pdf, ocr_mode="never").pages[59].lines).split())

    def errors(image) -> float:
        (tsv,) = run_tesseract_pages(None, [60], [image], "tha+eng", "3")
        text = "".join(row.split("\t")[-1] for row in tsv.splitlines()[1:] if row.count("\t") >= 11)
        return Levenshtein.distance("".join(text.split()), truth) / len(truth)

    as_scanned, quieted = errors(scanned), errors(image_rulings.quiet(scanned))
    assert quieted < as_scanned and quieted < 0.04, (as_scanned, quieted)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="needs tesseract (make system)")
def test_a_dash_tesseract_leaves_out_is_read_from_the_cells_ink(tmp_path):
    """A plan with narrow year columns (corpora/wild wd-sawang, python-docx → LibreOffice) prints "-"
    for a project without budget, below the figure of the project before it. Tesseract reports the
    figure's lines and not the dash (too small a mark): every such cell of the office scan's first
    Part 2 page lost its project's 0 (Part 2 cells 36 of 80 right over the plan; with the dash
    read from the cell's ink, 70). The cells' ink bands no read line covers are read as dashes
    where they are one solid bar."""
    from scan import office_scanner

    texts = _first_part2_page_cells(tmp_path, office_scanner, ROOT / "corpora" / "wild" / "pdf" / "wd-sawang.pdf", 4)
    rows = {row[2][:2]: row[3:7] for row in texts if len(row) == 8 and row[2][:2] in ("๑)", "๓)", "๕)")}
    # each cell lists two projects (corpora/wild/expected/wd-sawang.json: 1 and 4 have 120,000 a
    # year, 6 has 20,000, 2, 3 and 5 none): the dash where the plan prints it, above or below
    assert {k: ["-" in cell.split() for cell in cells] for k, cells in rows.items()} == {
        "๑)": [True] * 4, "๓)": [True] * 4, "๕)": [True] * 4}
    assert [cell.split()[-1] for cell in rows["๑)"]] == ["-"] * 4  # 1's figure, then 2's dash
    assert [cell.split()[0] for cell in rows["๓)"] + rows["๕)"]] == ["-"] * 8  # 3's and 5's dash first
