"""OCR lines from Tesseract's TSV (pipeline/ocr.py): what becomes a line and what is left out."""

from __future__ import annotations

import os
import shutil

import pytest

from pipeline.text.ocr import _row_lines
from pipeline.text.tesseract import join_words, tsv_rows
from tests.conftest import ROOT


def _tsv(rows: list[tuple[int, str, tuple[int, int, int, int]]]) -> str:
    """Tesseract TSV (level-5 words) from (line number, text, (left, top, width, height))."""
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    return "\n".join([head] + [f"5\t1\t1\t1\t{line}\t{k}\t{x}\t{y}\t{w}\t{h}\t90\t{text}"
                               for k, (line, text, (x, y, w, h)) in enumerate(rows, start=1)])


def test_ocr_rows_of_marks_and_specks_are_left_out():
    """What Tesseract made of a Kinnari line's tone marks (corpora/synthetic abt-huaisai, page 13)
    never reaches a line or the page's words; a page number, a lone dash and an acronym do."""
    rows = [(1, "บุคลากรจำเป็นต้องมีความรู้", (100, 100, 600, 27)),
            (2, "a", (100, 140, 20, 25)), (2, "vy", (130, 140, 20, 26)), (2, "Yu", (160, 140, 20, 14)),
            (2, "๑", (190, 140, 20, 24)), (2, "7", (215, 140, 10, 36)),
            (3, "เพื่อยกระดับคุณธรรม", (100, 190, 500, 27)),
            (4, "๑", (100, 240, 12, 11)), (4, "7", (115, 240, 12, 28)),
            (5, "๑๐", (700, 20, 30, 27)), (6, "-", (400, 300, 20, 27)), (7, "ITA", (100, 340, 60, 27))]
    lines, words = _row_lines([row for row, _ in tsv_rows(_tsv(rows))], 1.0)
    assert [line.text for line in lines] == ["บุคลากรจำเป็นต้องมีความรู้", "เพื่อยกระดับคุณธรรม", "๑๐", "-", "ITA"]
    assert [text for text, _ in words] == ["บุคลากรจำเป็นต้องมีความรู้", "เพื่อยกระดับคุณธรรม", "๑๐", "-", "ITA"]


def test_ocr_crops_scale_with_the_resolution():
    """The margins around a re-read word were fixed "at 200 dpi" whatever OcrSettings.dpi said."""
    from pipeline.text.tesseract import crop_margins

    assert crop_margins(200) == (4, 12, 40)
    assert crop_margins(400) == (8, 24, 80) and crop_margins(150) == (3, 9, 30)


def test_ocr_processes_never_exceed_the_cores_of_a_batch():
    """workers × OCR processes ≤ cores: a document of a 16-worker batch no longer starts one
    tesseract per core of the machine."""
    from pipeline.batch import ocr_processes_for
    from pipeline.text.ocr import OcrSettings, cores

    for workers in (1, 2, 3, cores(), 4 * cores()):
        n = ocr_processes_for(workers)
        assert n >= 1 and (workers * n <= cores() or n == 1)
    assert OcrSettings(workers=3).processes() == 3 and OcrSettings().processes() == cores()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_office_scan_part3_heading_and_projects_read(tmp_path):
    """An office scan (skew, grey paper, noise, dust, JPEG) of Part 3's opening pages: its projects are
    found. OCR read the heading "ส่วนที่ ๓" without a mark until the scanner's noise was taken out
    of the page (image_rulings.quiet); the part was found by inference then (test_segment holds that
    path); now the heading itself is read."""
    import sys

    sys.path.insert(0, str(ROOT / "corpora" / "tools"))
    from scan import scanned_copy

    from pipeline.run import run_document

    scan = scanned_copy(ROOT / "corpora" / "synthetic" / "pdf" / "abt-huaisai.pdf", tmp_path / "scan.pdf",
                        pages=[10, 11, 12, 13], noisy=True)
    plan = run_document(scan)
    assert [p.seq for p in plan.projects][:3] == [1, 2, 3]
    assert "ส่วนที่๓" in [line.text.replace(" ", "") for line in plan.pages[0].lines]
    assert not any(c.code == "anchor-inferred" and "Part 3" in c.message for c in plan.checks)


def test_table_cells_of_an_ocr_page_get_their_lost_marks_back_too():
    """The words a scanned page's tables are read from (each cell's lines, read cell by cell) have
    the marks Tesseract drops restored as the page's lines do ("เรือง" for เรื่อง in the scanned
    golden's risk table), after the same repair: a SARA AM read as NIKHAHIT + SARA AA is no lost
    mark ("ตําแหน่ง" became "ตำแหนั่ง" when the restoration ran on the unrepaired cell)."""
    from pipeline.records import Line, Page
    from pipeline.text.engine import _restore_ocr_marks

    words = (("การรับเรืองร้องเรียน", (0, 0, 100, 20)), ("ตั้งหรือเลื่อนตําแหน่ง", (0, 30, 100, 50)),
             ("๑๐๐,๐๐๐", (200, 0, 250, 20)))
    page = Page(3, 595, 842, (Line(3, "การรับเรืองร้องเรียน", "การรับเรืองร้องเรียน", (0, 0, 100, 20), 0),),
                "ocr", words=words)
    restored, found = _restore_ocr_marks(page)
    assert [t for t, _ in restored.words] == ["การรับเรื่องร้องเรียน", "ตั้งหรือเลื่อนตำแหน่ง", "๑๐๐,๐๐๐"]
    assert [b for _, b in restored.words] == [b for _, b in words]
    assert restored.lines[0].text == "การรับเรื่องร้องเรียน"
    assert [(a, b) for _, a, b, _ in found] == [("เรือง", "เรื่อง")]


def _page_images(numbers: list[int], width_px: int = 900):
    """Kalasin's pages ``numbers`` rendered in grey (numpy arrays)."""
    import numpy as np

    from pipeline.text.backend import page_images

    path = ROOT / "corpora" / "kalasin" / "kalasin.pdf"
    return [np.asarray(image.convert("L")) for _, image, _ in page_images(path, numbers, width_px)]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_pages_read_by_one_tesseract_process_read_as_they_would_alone(tmp_path):
    """One Tesseract process for a run of pages (it loads tha+eng once, 0.2 s, instead of once a
    page) gives each page the TSV a process of its own gives it; an empty page gives no words."""
    import numpy as np

    from pipeline.text.backend import inspect
    from pipeline.text.tesseract import run_tesseract_pages

    info = inspect(ROOT / "corpora" / "kalasin" / "kalasin.pdf")
    images = _page_images([2, 30])
    images.insert(1, np.full((200, 300), 255, dtype=np.uint8))
    together = run_tesseract_pages(info, [2, 99, 30], images, "tha+eng", "3")
    alone = [run_tesseract_pages(info, [n], [image], "tha+eng", "3")[0] for n, image in zip([2, 99, 30], images)]

    def words(tsv: str) -> list[list[str]]:  # page_num aside (a run numbers its images 1, 2, 3)
        return [row.split("\t")[:1] + row.split("\t")[2:] for row in tsv.splitlines()[1:]]

    assert [words(t) for t in together] == [words(t) for t in alone]
    assert sum(row[0] == "5" for row in words(together[0])) > 50 and not any(row[0] == "5" for row in words(together[1]))


def test_a_failing_run_of_pages_names_the_page_that_failed(monkeypatch):
    """Where the process reading a run of pages fails, the pages are read one by one, so that the
    error says which page Tesseract could not read."""
    import numpy as np

    from pipeline.errors import BadInput
    from pipeline.text import tesseract
    from pipeline.text.backend import inspect

    def fake(info, number, source, langs, psm, timeout):
        if source.endswith(".txt") or number == 12:
            raise BadInput(str(info.path), "tesseract failed: Error in pixReadMem", page=number)
        return "level\tpage_num\n"

    monkeypatch.setattr(tesseract, "_tesseract", fake)
    info = inspect(ROOT / "corpora" / "kalasin" / "kalasin.pdf")
    images = [np.full((20, 20), 255, dtype=np.uint8)] * 3
    with pytest.raises(BadInput) as raised:
        tesseract.run_tesseract_pages(info, [11, 12, 13], images, "tha", "3")
    assert raised.value.page == 12 and "kalasin.pdf" in str(raised.value)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_a_heading_start_tesseract_cut_off_is_read_again(tmp_path):
    """On an office scan of the golden plan, Tesseract's layout cut the bold heading
    "๘. ผู้รับผิดชอบโครงการ" in two blocks ("๘. ผร" beside "รับผิดชอบโครงการ", page 26) or dropped its
    start ("บผิดชอบโครงการ", page 44): the project's unit then ran into its budget text. The ink no
    line covers, and the two blocks of one band, are read again as one line (text/lost_ink.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "corpora" / "tools"))
    from scan import scanned_copy

    from pipeline.text import read

    scan = scanned_copy(ROOT / "corpora" / "kalasin" / "kalasin.pdf", tmp_path / "scan.pdf", pages=[26, 44],
                        noisy=True)
    layer = read(scan)
    for page in layer.pages:
        lines = [line.text.replace(" ", "") for line in page.lines]
        assert "๘.ผู้รับผิดชอบโครงการ" in lines, lines
        assert not any(t in ("๘.ผร", "รับผิดชอบโครงการ", "บผิดชอบโครงการ") for t in lines)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_a_line_misread_from_a_box_grown_into_its_neighbours_is_read_again_in_its_own_band(tmp_path):
    """On the office scan of the golden plan's page 58, Tesseract read two lines from boxes that took
    in the marks of the line above (a word three times a letter's height, read with low confidence):
    "๒) 00811 ณ 0 สมาชิกสภาท้องถิ่น" and "๑) Bee 15 ล 0 “พอ" — a project's objective and its method
    lost. Cut to their own band and read again, they read as printed (text/lost_ink.py)."""
    import sys

    sys.path.insert(0, str(ROOT / "corpora" / "tools"))
    from scan import scanned_copy

    from pipeline.text import read

    scan = scanned_copy(ROOT / "corpora" / "kalasin" / "kalasin.pdf", tmp_path / "scan.pdf", pages=[58], noisy=True)
    lines = [line.text.replace(" ", "") for line in read(scan).pages[0].lines]
    assert "๒)เพื่อแสดงเจตจำนงสุจริตของผู้บริหารท้องถิ่นสมาชิกสภาท้องถิ่น" in lines, lines
    assert "๑)ผู้บริหารและบุคลากรจัดประชุมเพื่อร่วมกันจัดทำมาตรการ“NO" in lines, lines


def test_a_misread_line_gets_its_own_band_and_a_better_reading_only():
    """The band of a line holding an outsized word is the height of its other words' letters and
    marks (not a mark of the next line caught in the row); a new reading replaces the line only when
    it adds Thai made of words, or mends words without losing letters, and adds nothing else."""
    from pipeline.text import lost_ink

    outsized = ("00811", (358, 1268, 1004, 1364))
    row = [("๒", (298, 1313, 320, 1344)), (")", (329, 1313, 338, 1352)), outsized, ("ณ", (1014, 1303, 1044, 1347)),
           ("ส", (1162, 1317, 1183, 1347)), ("มา", (1190, 1318, 1230, 1347)), ("ชิ", (1240, 1302, 1280, 1347)),
           ("้", (1290, 1296, 1300, 1310)), ("ฏ", (1310, 1317, 1330, 1360)), ("ผ", (1340, 1349, 1360, 1379))]
    assert lost_ink._own_band(row, frozenset([outsized])) == (298, 1296, 1360, 1360)
    assert lost_ink._own_band(row, frozenset()) is None

    def line(text: str, left: int = 298, right: int = 1360) -> list:
        return [(text, (left, 1300, right, 1350))]

    old = [line("๒) 00811 ณ 0 สมาชิกสภาท้องถิ่น")]
    assert lost_ink._fuller(line("๒) เพื่อแสดงเจตจำนงสุจริตของผู้บริหารท้องถิ่น สมาชิกสภาท้องถิ่น"), old)
    assert not lost_ink._fuller(line("๒) เพื่อแสดงเจตจำนง", right=700), old)  # half the line
    assert not lost_ink._fuller(line("๒) คเลรฉิจผแร็ฌฆฃ สมาชิกสภาท้องถิ่น"), old)  # specks, not words
    kept = [line("สำคัญที่แทรกอยู่ในการปฏิบัติงานตามปกกิซี่ซึ่งจะต้อง")]
    assert lost_ink._fuller(line("สำคัญที่แทรกอยู่ในการปฏิบัติงานตามปกติ ซึ่งจะต้อง"), kept)
    assert not lost_ink._fuller(line("vy Ue OA สำคัญที่แทรกอยู่ในการปฏิบัติงานตามปกติ ซึ่งจะต้อง"), kept)


def _row(text: str, left: int, top: int, right: int, bottom: int) -> list:
    return [(text, (left, top, right, bottom))]


def test_lost_ink_beside_a_line_is_cut_out_with_it_and_specks_are_not():
    """Letter-sized ink left of a line, on its band, goes into one crop with the line; a speck, a
    rule and a page edge's shadow do not; a reading replaces the line only where it adds text that
    is not noise."""
    import numpy as np

    from pipeline.text import lost_ink

    gray = np.full((400, 1200), 250, dtype=np.uint8)
    for x in (100, 140, 180):  # three "letters" 40 px high, left of the line Tesseract read
        gray[120:160, x:x + 25] = 20
    gray[300:303, 100:1100] = 20  # a rule: too flat for a letter
    gray[250:254, 600:604] = 20  # a speck
    gray[0:400, 0:8] = 30  # the scan's dark edge
    line = _row("รับผิดชอบโครงการ", 260, 110, 900, 170)
    ink = lost_ink.uncovered([line], gray, 200)
    assert ink is not None and ink.replaces == [[0]]
    left, top, right, bottom = ink.boxes[0]
    assert left == 100 and right == 900 and top <= 120 and bottom >= 160

    pad_x, pad_y, _ = lost_ink.crop_margins(200)

    def tsv(words: list) -> str:  # Tesseract's TSV of the crop sheet, words at crop coordinates
        head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
        rows = [f"5\t1\t1\t1\t1\t{k}\t{x0 + ink.stack.gap}\t{y0 + ink.stack.tops[0]}\t{x1 - x0}\t{y1 - y0}\t90\t{t}"
                for k, (t, (x0, y0, x1, y1)) in enumerate(words, start=1)]
        return "\n".join([head, *rows]) + "\n"

    at = (100 - pad_x, 110 - pad_y)  # the crop's origin on the page
    whole = [("๘.", (0, 10, 60, 60)), ("ผู้รับผิดชอบโครงการ", (80, 5, 800 - at[0], 70))]
    assert [t for t, _ in lost_ink.read_again([line], ink, tsv(whole), 200)[0]] == ["๘.", "ผู้รับผิดชอบโครงการ"]
    specks = [("a", (0, 10, 20, 40)), ("tal", (30, 10, 60, 40)), ("รับผิดชอบโครงการ", (160, 5, 800 - at[0], 70))]
    assert lost_ink.read_again([line], ink, tsv(specks), 200) == [line]
    # the crop took in half of the next line, and Tesseract read both as one: no line is that tall
    two_lines = [("๘.", (0, 10, 60, 60)), ("ผู้รับผิดชอบโครงการ", (80, 5, 800 - at[0], 70)),
                 ("และบของและแสะห", (0, 0, 400, 84))]  # 84 px: the line is 60
    assert lost_ink.read_again([line], ink, tsv(two_lines), 200) == [line]


def test_a_dash_alone_on_its_line_is_read_and_a_stroke_of_a_drawing_is_not():
    """A budget printed "-" on a line of its own: Tesseract's layout takes the thin bar for a speck
    and the field came out empty. A bar as wide as a letter or two, alone on its band, starting
    where the page's lines start, is a row "-" put before the line below it; the same bar beside a
    line (a hyphen), away from the lines' starts, or amid other ink (an emblem's stroke) is not."""
    import numpy as np

    from pipeline.text import lost_ink

    gray = np.full((700, 1200), 250, dtype=np.uint8)
    rows = [_row("๗. งบประมาณดำเนินการ", 200, 100, 640, 160), _row("๘. ผู้รับผิดชอบ", 200, 300, 480, 360),
            _row("สำนักปลัดเทศบาล", 300, 390, 620, 450)]
    gray[222:226, 305:318] = 20  # the dash: 13 × 4 px, lines 60 px high, at the values' indent (300)
    gray[520:524, 700:713] = 20  # the same bar where no line starts: a speck
    gray[600:604, 305:318] = 20  # …and one amid the strokes of a drawing
    gray[580:640, 260:300] = 20
    out = lost_ink.with_lone_dashes(rows, gray)
    assert [[t for t, _ in row] for row in out] == [["๗. งบประมาณดำเนินการ"], ["-"], ["๘. ผู้รับผิดชอบ"],
                                                    ["สำนักปลัดเทศบาล"]]
    assert out[1][0][1] == (305, 222, 318, 226)
    gray[222:226, 305:318] = 250
    gray[138:142, 660:673] = 20  # a hyphen at the end of the first line, on its band
    assert lost_ink.with_lone_dashes(rows, gray) == rows


def test_an_amount_keeps_its_row_and_its_unit_read_as_latin_is_read_again_with_the_thai_model():
    """Office and phone-photo scans of the golden plan: project 21's budget line "๓๐,๐๐๐ บาท" came out
    "๓๐,๐๐๐ UM" (Tesseract's words: one a digit) and was left out as noise (a two-letter Latin word is
    half of it), so the project had no budget. A grouped amount keeps its row; the short Latin word
    after it is read again with the Thai model, the bracket its crop's edge gave dropped."""
    import numpy as np

    from pipeline.text.ocr import _latin_crops, _latin_read

    digits = [(c, (100 + 14 * k, 100, 112 + 14 * k, 127)) for k, c in enumerate("๓๐,๐๐๐")]
    row = digits + [("UM", (200, 100, 240, 127))]  # as Tesseract splits it; the digit reader joins the figure
    lines, _ = _row_lines([[("๓๐,๐๐๐", (100, 100, 182, 127)), ("UM", (200, 100, 240, 127))]], 1.0)
    assert [line.text for line in lines] == ["๓๐,๐๐๐ UM"]
    crops = _latin_crops([row], np.full((300, 400), 255, np.uint8))
    assert crops is not None and crops.at == [(0, 6)]
    top = crops.stack.tops[0]
    tsv = _tsv([(1, "บาท)]", (crops.stack.gap, top, 40, 27))])
    assert [w for w, _ in _latin_read([row], crops, tsv)[0]][-1] == "บาท"
    # a figure alone with Latin after it is no amount: the row stays noise, and its word is no unit (read
    # again, it is taken only as the Thai model reads it surely as a known word)
    lone = [("๓๐", (100, 100, 124, 127)), ("UM", (200, 100, 240, 127))]
    crops = _latin_crops([lone], np.full((300, 400), 255, np.uint8))
    assert _row_lines([lone], 1.0)[0] == [] and crops is not None and not crops.units
    tsv = _tsv([(1, "บาท)]", (crops.stack.gap, crops.stack.tops[0], 40, 27))]).replace("\t90\t", "\t60\t")
    assert _latin_read([lone], crops, tsv) == [lone]


def test_a_project_anchor_with_sara_am_as_tesseract_writes_it_is_no_noise():
    """Tesseract's Thai model writes SARA AM as NIKHAHIT + SARA AA: "ลําดับที่๖" was no known word, and
    with a speck beside it ("ก") the golden office scan's row for project 6's anchor was left out."""
    row = [("ล\u0e4d\u0e32ดับที่๖", (100, 100, 300, 127)), ("ก", (320, 100, 332, 127))]
    assert [line.text for line in _row_lines([row], 1.0)[0]] == ["ล\u0e4d\u0e32ดับที่๖ ก"]


def test_a_latin_word_read_as_thai_and_digits_beside_a_latin_word_is_read_again_in_english():
    """"NO Gift Policy" on the golden office, blurred and 150-dpi scans: "Policy" came out "0๐น" (an
    Arabic digit, a Thai digit and a Thai letter, printed as one word). Such a run beside a Latin word
    is cut out, as far as the words either side (Tesseract boxed only "Poli" of it), and read again
    with the English model; a run of one script ("ITA ๒๕๖๖") or with no Latin word beside it is not."""
    import numpy as np

    from pipeline.text.ocr import _english_read, _garbled_latin

    page = np.full((300, 600), 255, np.uint8)
    row = [("Gift", (100, 100, 160, 127)), ("0", (180, 100, 193, 127)), ("๐", (194, 100, 217, 127)),
           ("น", (218, 100, 235, 127)), ("ให้", (300, 100, 341, 127))]
    crops = _garbled_latin([row], page)
    assert crops is not None and crops.at == [(0, 1, 3)]
    assert crops.stack.sheet.shape[1] - 2 * crops.stack.gap == 300 - 1 - 161  # from Gift's end to ให้'s start
    tsv = _tsv([(1, "Policy", (crops.stack.gap, crops.stack.tops[0], 100, 27))])
    assert [w for w, _ in _english_read([row], crops, tsv)[0]] == ["Gift", "Policy", "ให้"]
    assert _english_read([row], crops, _tsv([(1, "P0l1", (crops.stack.gap, crops.stack.tops[0], 100, 27))]))[0] == row
    assert _garbled_latin([[("ITA", (100, 100, 150, 127)), ("๒๕๖๖", (180, 100, 250, 127))]], page) is None
    assert _garbled_latin([[("ครั้ง", (100, 100, 150, 127)), ("0", (151, 100, 160, 127)), ("๐", (161, 100, 180, 127))]],
                          page) is None


def test_a_mark_lost_from_a_word_a_line_break_cuts_is_given_back():
    """Golden plan, project 10's outcome on every noisy scan: "…ข่าวสารไม่ตำ" / "กว่าร้อยละ ๘๐" — each
    line alone is known words (ตำ, กว่า), so no mark came back, and the field read "ไม่ตำกว่า". The words
    either side of the break, restored together, give ต่ำกว่า; the lines keep their own text else, and
    lines not one below the other (a table's cells side by side) are not joined."""
    from pipeline.records import Line, Page
    from pipeline.text.engine import _restore_ocr_marks

    def page(*lines):
        return Page(7, 595, 842, tuple(Line(7, t, t, box, 0) for t, box in lines), "ocr")

    restored, found = _restore_ocr_marks(page(("ศูนย์ข้อมูลข่าวสารไม่ตำ", (72, 100, 500, 116)),
                                              ("กว่าร้อยละ ๘๐", (72, 120, 200, 136))))
    assert [line.text for line in restored.lines] == ["ศูนย์ข้อมูลข่าวสารไม่ต่ำ", "กว่าร้อยละ ๘๐"]
    assert [(a, b) for _, a, b, _ in found] == [("ตำกว่า", "ต่ำกว่า")]
    side_by_side = page(("ข่าวสารไม่ตำ", (72, 100, 200, 116)), ("กว่าร้อยละ ๘๐", (300, 100, 400, 116)))
    assert _restore_ocr_marks(side_by_side)[0].lines == side_by_side.lines
    unchanged = page(("ความเสี่ยง", (72, 100, 500, 116)), ("ของการทุจริต", (72, 120, 200, 136)))
    assert _restore_ocr_marks(unchanged) == (unchanged, [])


def test_an_abbreviation_run_into_a_word_and_a_comma_after_a_word_keep_their_stops():
    """Tesseract reads "สำนักงาน ป.ป.ช." as สำนักงาน|ป|.|ป|.|ช|. with the first ป touching the word
    before it; the abbreviation's spaces were taken out only from its second letter, and the first
    stop, left between two Thai words, was dropped as a speck: "สำนักงานป ป.ช." (golden plan,
    project 17 on four of the five noisy scans; "ก.พ.ร." likewise). And a comma touching the word
    before it was joined with a space and dropped the same way ("สำนักงาน , กองงาน")."""
    def row(*words):
        return [(w, (x, 100 if w not in ".," else 125, x + width, 130)) for w, x, width in words]

    assert join_words(row(("สำนักงาน", 0, 90), ("ป", 92, 8), (".", 103, 2), ("ป", 108, 8), (".", 119, 2),
                          ("ช", 124, 8), (".", 135, 2), ("ทาง", 150, 30))) == "สำนักงานป.ป.ช. ทาง"
    assert join_words(row(("ผลสัมฤทธิ์", 0, 90), ("ก", 92, 8), (".", 103, 2), ("พ", 108, 8), (".", 119, 2),
                          ("ร", 124, 8), (".", 135, 2))) == "ผลสัมฤทธิ์ก.พ.ร."
    assert join_words(row(("สำนักงาน", 0, 90), (",", 96, 4), ("กองงาน", 122, 60))) == "สำนักงาน, กองงาน"
    # a speck between words, a space either side of it, still goes; so does a stop ending a line
    assert join_words(row(("ไชโย", 0, 60), (".", 80, 3), ("ครั้งที่", 100, 60))) == "ไชโย ครั้งที่"
    assert join_words(row(("ดำเนินการ", 0, 90), (".", 110, 3))) == "ดำเนินการ"


def test_a_thai_word_the_english_model_took_is_read_again_and_an_acronym_stays():
    """Golden and synthetic scans: "จำนวน ๑ ASN" (ครั้ง), "๑๐๐ AU" (คน), "ห้วยทราย AIAN 1" (ครั้งที่) —
    Latin words beside Thai words and figures, 48 fields wrong. Each is read again with the Thai
    model and taken where it reads known words surely; "ITA" between Thai words reads "[ไค" at 55 or
    "เทค" at 32 and stays, and a Latin word beside another Latin word is not looked at."""
    import numpy as np

    from pipeline.text.ocr import _latin_crops, _latin_read

    gray = np.full((400, 700), 255, np.uint8)
    rows = [[("จำนวน", (100, 100, 200, 127)), ("๑", (210, 100, 222, 127)), ("ASN", (230, 100, 290, 127))],
            [("การประเมิน", (100, 150, 250, 177)), ("ITA", (260, 150, 300, 177)), ("ผ่าน", (310, 150, 360, 177))],
            [("ใช้", (100, 200, 140, 227)), ("NO", (150, 200, 190, 227)), ("Gift", (200, 200, 250, 227)),
             ("Policy", (260, 200, 340, 227)), ("จำนวน", (350, 200, 420, 227))]]
    crops = _latin_crops(rows, gray)
    assert crops is not None and crops.at == [(0, 2), (1, 1)] and not crops.units

    def read(*readings):
        return _tsv([(k + 1, text, (crops.stack.gap, crops.stack.tops[k], 40, 27)) for k, text in enumerate(readings)])

    assert [w for w, _ in _latin_read(rows, crops, read("ครั้ง", "[ไค"))[0]] == ["จำนวน", "๑", "ครั้ง"]
    sure_of_all = _latin_read(rows, crops, read("ครั้ง", "เทค").replace("\t90\tเทค", "\t32\tเทค"))
    assert sure_of_all[1][1][0] == "ITA"
    assert _latin_read(rows, crops, read("ครั้ง", "[ไค").replace("\t90\tครั้ง", "\t60\tครั้ง"))[0][2][0] == "ASN"


def test_a_speck_in_the_margin_read_as_a_digit_ends_no_line():
    """Golden plan's skewed scan: a speck far right of a paragraph's last word, read as "0" (confidence
    38), ended four fields ("…เป็นปัจจุบัน 0"). A digit close to its word, or read surely, stays."""
    rows = [(1, "เป็นปัจจุบัน", (100, 100, 200, 30)), (1, "0", (800, 95, 60, 40)),
            (2, "ครั้งที่", (100, 150, 90, 30)), (2, "1", (200, 150, 14, 30)),
            (3, "ข้อ", (100, 200, 40, 30)), (3, "5", (700, 200, 14, 30))]
    tsv = _tsv(rows)
    tsv = tsv.replace("\t90\t0", "\t38\t0").replace("\t90\t1", "\t40\t1")
    assert [[w for w, _ in row] for row, _ in tsv_rows(tsv)] == [["เป็นปัจจุบัน"], ["ครั้งที่", "1"], ["ข้อ", "5"]]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_sigterm_while_pages_are_read_leaves_no_temporary_folder_and_no_output(tmp_path):
    """`extract` ended by SIGTERM (a job's time limit) while Tesseract reads a scan's pages: its
    Tesseract processes end, the page images' temporary folder goes, no output folder is written,
    and the exit status is a signal's (143), within seconds, not after the document's reading."""
    import signal
    import subprocess
    import sys
    import time

    sys.path.insert(0, str(ROOT / "corpora" / "tools"))
    from scan import scanned_copy

    scan = scanned_copy(ROOT / "corpora" / "synthetic" / "pdf" / "abt-huaisai.pdf", tmp_path / "scan.pdf",
                        pages=list(range(1, 13)))
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(scan), "--out", str(out)], cwd=ROOT,
                            env={**os.environ, "TMPDIR": str(tmp)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not list(tmp.glob("plan2data-ocr-*")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None and list(tmp.glob("plan2data-ocr-*")), "OCR never started"
    proc.send_signal(signal.SIGTERM)
    ended = time.monotonic()
    proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert time.monotonic() - ended < 10
    assert list(tmp.iterdir()) == []
    assert not out.exists() or list(out.iterdir()) == []
    assert subprocess.run(["pgrep", "-f", f"tesseract {tmp}"], capture_output=True).stdout == b""


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_a_blank_noisy_page_has_no_ink_to_read_again(tmp_path):
    """A divider page of an office scan (wd-sawang's "ภาคผนวก" alone, grey grain, dust, a faint
    streak): Otsu's threshold fell inside the paper's grain, half the page came out as ink, and
    Tesseract spent over two minutes on the sheet of noise cut from it (the whole document failed:
    "OCR took longer than 120 s")."""
    import sys

    import numpy as np

    sys.path.insert(0, str(ROOT / "corpora" / "tools"))
    from scan import scanned_copy

    from pipeline.text import image_rulings, lost_ink
    from pipeline.text.backend import inspect, page_images
    from pipeline.text.tesseract import outsized_words, run_tesseract_pages, tsv_rows

    scan = scanned_copy(ROOT / "corpora" / "wild" / "pdf" / "wd-sawang.pdf", tmp_path / "divider.pdf", pages=[29],
                        noisy=True)
    (_, image, width), = page_images(scan, [1], 1654)
    found = image_rulings.find(np.asarray(image.convert("L")), 200)
    tsv, = run_tesseract_pages(inspect(scan), [1], [image_rulings.quiet(found.gray)], "tha+eng", "3")
    rows = [row for row, _ in tsv_rows(tsv)]
    assert "ภาคผนวก" in "".join(text for row in rows for text, _ in row)
    assert lost_ink.uncovered(rows, found.gray, 200, outsized_words(tsv)) is None


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_a_second_reading_that_fails_leaves_the_first(monkeypatch, caplog):
    """A reading after the page's first (lost ink, Latin words, table cells) that fails or runs over
    its time costs that refinement, not the document."""
    from pipeline.errors import BadInput
    from pipeline.text import ocr
    from pipeline.text.backend import RawPage, inspect

    real = ocr.run_tesseract_pages

    def second_fails(info, numbers, images, langs, psm):
        if images and psm != "3":
            raise BadInput(str(info.path), "OCR took longer than 120 s", page=numbers[0])
        return real(info, numbers, images, langs, psm)

    monkeypatch.setattr(ocr, "run_tesseract_pages", second_fails)
    info = inspect(ROOT / "corpora" / "kalasin" / "kalasin.pdf")
    pages = ocr.ocr_pages(info, [RawPage(26, 595.0, 842.0, ())])
    assert len(pages[0].lines) > 10 and any("อบรมให้ความรู้โดยวิทยากร" in line.text for line in pages[0].lines)
    assert "OCR took longer than 120 s; the pages keep their first reading there" in caplog.text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract missing (make system)")
def test_a_scanned_form_is_read_row_by_row(tmp_path):
    """Part 3 sheets laid out as forms (heading cell | text cell), scanned: Tesseract reads each
    column apart, every heading before every text, and a text cell's "เป้าหมาย" (a wrapped item's last
    word) reads as a heading with its number lost; the form's rows put each text back under its
    heading (extractors/form_tables.py). Before, these four projects had every field but the name empty."""
    import json
    import sys

    sys.path.insert(0, str(ROOT / "corpora" / "tools"))
    from scan import scanned_copy

    from pipeline.run import run_document

    scan = scanned_copy(ROOT / "corpora" / "wild" / "pdf" / "wd-thadlongsip.pdf", tmp_path / "scan.pdf",
                        pages=[8, 9, 10, 11])
    plan = run_document(scan)
    expected = {p["seq"]: p for p in json.loads(
        (ROOT / "corpora" / "wild" / "expected" / "wd-thadlongsip.json").read_text(encoding="utf-8"))["projects"]}

    def squashed(value) -> str:
        return "".join(("\n".join(value) if isinstance(value, list) else str(value)).split())

    assert "part3-form-table" in {c.code for c in plan.checks}
    fields = ("target_group", "budget_baht", "responsible", "objectives", "method", "outputs", "outcomes")
    for project in plan.projects[:4]:  # the fifth runs past the pages scanned
        want = expected[project.seq]
        assert {f: squashed(getattr(project, f)) for f in fields} == {f: squashed(want[f]) for f in fields}
