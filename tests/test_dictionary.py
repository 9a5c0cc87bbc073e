"""OCR's lost marks given back by the dictionary: what it restores, and that correct text stays as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.text.dictionary import Swap, restore_lost_marks

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


@pytest.mark.parametrize(("ocr", "printed"), [
    # Tesseract on the Kinnari scan (corpora/synthetic abt-huaisai): each word is a known word as read
    ("จำนวนเรืองร้องเรียนการทุจริตลดลง", "จำนวนเรื่องร้องเรียนการทุจริตลดลง"),
    ("ความรู้ความเข้าใจเพิ่มขืนไม่น้อยกว่าร้อยละ ๘๐", "ความรู้ความเข้าใจเพิ่มขึ้นไม่น้อยกว่าร้อยละ ๘๐"),
    ("กองสาธารณสุขและสิงแวดล้อม", "กองสาธารณสุขและสิ่งแวดล้อม"),
    ("ต้องเริมจากบุคลากรทุกระดับ", "ต้องเริ่มจากบุคลากรทุกระดับ"),
    ("ปีละ ๒ครัง", "ปีละ ๒ครั้ง"),
    # …or runs no word covers
    ("ด้วยความซือสัตย์สุจริต", "ด้วยความซื่อสัตย์สุจริต"),
    ("จึงได้จัดทำมาตรการนีขึน", "จึงได้จัดทำมาตรการนี้ขึ้น"),
    ("หลักเกณฑ์ทีเกียวข้องกับการปฏิบัติงาน", "หลักเกณฑ์ที่เกี่ยวข้องกับการปฏิบัติงาน"),
    ("รับรู้ข้อมลข่าวสาร", "รับรู้ข้อมูลข่าวสาร"),
    ("เพือยกระดับคุณธรรม", "เพื่อยกระดับคุณธรรม"),  # the split เพ|ื|อย|กระดับ hides the word
    # …and a space OCR put inside a word
    ("องค์การบริหารส่วนตำบลห้วยทรายค รังที่ 1", "องค์การบริหารส่วนตำบลห้วยทรายครั้งที่ 1"),
    ("บุคลาก รจำเป็นต้องมีความรู้", "บุคลากรจำเป็นต้องมีความรู้"),
])
def test_restores_what_ocr_lost(ocr, printed):
    text, swaps = restore_lost_marks(ocr)
    assert text == printed
    assert swaps and all(s.printed.replace(" ", "") in ocr.replace(" ", "") for s in swaps)  # reported as read


@pytest.mark.parametrize("ocr", [
    "ในทุกกระบวนการ ณ จุดบริการ",  # ณ is a word of its own
    "ปีงบประมาณ พ.ศ. ๒๕๖๖",  # an abbreviation
    "ในหน่วยงานต่าง ๆ",  # ๆ repeats the word before it
    "ส่งเสริมด",  # a stray letter is not made a short word (ดี)
    "ขีงบประมาณ",  # ขี้ is not common enough for two letters to be it (the word is ปี, misread)
])
def test_left_as_read(ocr):
    assert restore_lost_marks(ocr) == (ocr, [])


def _correct_lines() -> list[str]:
    """Every line of the golden plan's text and every text field the synthetic generator wrote."""
    lines = (CORPORA / "kalasin" / "source.txt").read_text(encoding="utf-8").splitlines()
    for path in sorted((CORPORA / "synthetic" / "expected").glob("*.json")):
        for project in json.loads(path.read_text(encoding="utf-8"))["projects"]:
            for value in project.values():
                items = value if isinstance(value, list) else [value]
                lines.extend(line for item in items if isinstance(item, str) for line in item.split("\n"))
    return list(dict.fromkeys(line for line in lines if line.strip()))


def test_correct_text_stays_as_printed():
    """Applied to text with no OCR in it, it may change nothing — except one surname: เรืองไชย in the
    golden plan's committee is, to a word list, the far commoner เรื่อง short of its tone mark."""
    lines = _correct_lines()
    assert len(lines) > 1000
    changed = {}
    for line in lines:
        text, swaps = restore_lost_marks(line)
        if text != line:
            changed[line] = swaps
    assert list(changed.values()) == [[Swap("เรือง", "เรื่อง")]]
    assert "เรืองไชย" in next(iter(changed))
