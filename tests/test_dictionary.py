"""OCR's lost marks given back by the dictionary: what it restores, and that correct text stays as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.text.dictionary import Swap, restore_lost_marks, without_trailing_specks
from pipeline.text.tesseract import THAI_LETTER, noise_row, post_correct

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
    # …or SARA AM read as SARA AA, its circle (and the tone over it) lost (golden 150-dpi, blurred and
    # phone-photo scans: projects 3, 10, 21 and 26)
    ("ปฏิบัติงานอย่างสมาเสมอทั้งในระดับองค์กร", "ปฏิบัติงานอย่างสม่ำเสมอทั้งในระดับองค์กร"),
    ("ลดขั้นตอนการปฏิบัติงานที่ซ้าซ้อน", "ลดขั้นตอนการปฏิบัติงานที่ซ้ำซ้อน"),
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
    """Applied to text with no OCR in it, it may change nothing — except one surname (เรืองไชย in the
    golden plan's committee is, to a word list, the far commoner เรื่อง short of its tone mark), two
    words the golden plan's own text layer printed a mark short (its broken words, ทศนคติ in the
    foreword and ประชม in a note: read off a scan of the printed page, they are the words meant) and
    one misspelling it prints once, ธรรมมาภิบาล, which on a scan cannot be told from a letter OCR read
    twice (ดำเนิเนินการ, ข้อมมูล) and comes out as the word meant, ธรรมาภิบาล."""
    lines = _correct_lines()
    assert len(lines) > 1000
    changed = {}
    for line in lines:
        text, swaps = restore_lost_marks(line)
        if text != line:
            changed[line] = swaps
    assert sorted((s.printed, s.restored) for swaps in changed.values() for s in swaps) == [
        ("ทศนคติ", "ทัศนคติ"), ("ธรรมมาภิบาล", "ธรรมาภิบาล"), ("ประชม", "ประชุม"), ("เรือง", "เรื่อง")]
    assert any("เรืองไชย" in line for line in changed)


def test_correct_text_keeps_its_line_ends():
    """The specks a line of OCR ends with ("กำหนดา", "ลดลง๊") are dropped; a printed line that
    ends so (a word wrapped inside a table cell, "มาตรการส่") is left as it is."""
    lines = _correct_lines()
    assert [line for line in lines if without_trailing_specks(line)[0] != line] == []
    assert [line for line in lines if post_correct(line) != line] == []  # nor OCR's spacing and speck rules
    # and no printed line with Thai in it is taken for a row of specks
    assert [line for line in lines if noise_row(line.split(), line) and THAI_LETTER.search(line)] == []
    assert without_trailing_specks("ตามแผนที่กำหนดา") == ("ตามแผนที่กำหนด", [Swap("ตามแผนที่กำหนดา", "ตามแผนที่กำหนด")])


def _chunks(text: str, size: int = 1500) -> list[str]:
    return [text[i:i + size] for i in range(0, len(text), size)]


@pytest.mark.parametrize("source", ["kalasin/source.txt", "consistent/source.txt"])
def test_maximal_matching_miss_rate_agrees_with_newmm(source):
    """The dictionary check splits Thai by maximal matching over the word set (no trie to build):
    its miss rate must stay within 0.03 of PyThaiNLP's newmm on sound text, as on damaged text below."""
    from pythainlp.tokenize import word_tokenize

    from pipeline.text.dictionary import words
    from pipeline.text.quality import _THAI_RUN, dictionary_miss

    known = words()
    text = (CORPORA / source).read_text(encoding="utf-8")
    compared = 0
    for chunk in _chunks(text):
        ours = dictionary_miss(chunk, sample_chars=None)
        tokens = [t for run in _THAI_RUN.findall(chunk) for t in word_tokenize(run, engine="newmm")]
        if ours is None or not tokens:
            continue
        theirs = sum(t not in known for t in tokens) / len(tokens)
        assert abs(ours - theirs) <= 0.03, (chunk[:80], ours, theirs)
        compared += 1
    assert compared >= 20


def test_maximal_matching_sees_wrong_letters_as_newmm_does():
    """Text whose letters a non-Thai font swapped (../shared/real-pdfs hangdong 890030be, p. 1, as
    poppler prints it: cut to its regression page) misses the dictionary far more than sound text."""
    from pipeline.text import read
    from pipeline.text.quality import dictionary_miss

    layer = read(CORPORA / "regressions" / "wrong-letters-libreoffice-non-thai-font.pdf", ocr_mode="never")
    assert dictionary_miss(layer.pages[0].text) > 0.3
    sound = (CORPORA / "kalasin" / "source.txt").read_text(encoding="utf-8")[:3000]
    assert dictionary_miss(sound, sample_chars=None) < 0.08


def test_word_list_cache_is_rebuilt_when_unreadable_and_optional(tmp_path, monkeypatch):
    """The word list comes from the user's cache when there is one, and from PyThaiNLP (writing the
    cache) when the file is missing or damaged; a cache that cannot be written costs only time."""
    from pythainlp.corpus import thai_words

    from pipeline.text import dictionary

    truth = frozenset(thai_words())
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    try:
        dictionary._forget_word_list()
        assert dictionary.words() == truth
        (cached,) = (tmp_path / "cache" / "plan2data").glob("words-*.marshal")
        assert dictionary._lengths()["กาฬ"] == tuple(sorted({len(w) for w in truth if w.startswith("กาฬ")}))

        cached.write_bytes(b"\x00not marshal")  # damaged: rebuilt and rewritten
        dictionary._forget_word_list()
        assert dictionary.words() == truth and cached.read_bytes() != b"\x00not marshal"

        (tmp_path / "blocked").write_text("a file where the cache folder would go")
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "blocked"))
        dictionary._forget_word_list()
        assert dictionary.words() == truth
    finally:
        dictionary._forget_word_list()


def test_count_all_counts_as_str_count_does():
    """One pass for many needles gives each needle's ``str.count`` (no two overlapping occurrences),
    on random Thai-like text with needles that overlap themselves and each other."""
    import random

    from pipeline.text.dictionary import count_all

    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice("กกาา ่") for _ in range(rng.randrange(0, 60)))
        needles = {"".join(rng.choice("กา ่") for _ in range(rng.randrange(1, 4))) for _ in range(6)}
        assert count_all(text, needles) == {n: text.count(n) for n in needles}


def test_plan_spellings_mend_look_alike_letters_only_where_no_word_is_left():
    """A word the plan prints often, read once with a letter taken for a look-alike, is written as
    the plan prints it (ฮงค์กร → องค์กร); a form that is words itself (การบริการ beside การบริหาร,
    มา|รับ beside มาปรับ) is left, and so is a form printed as often as the word."""
    from pipeline.text.dictionary import plan_spellings, respell

    pages = ["องค์กรปกครอง องค์กรชุมชน องค์กร", "ฮงค์กรชุมชน", "การบริหาร การบริหาร การบริหาร",
             "การบริการ", "มาปรับ มาปรับ มาปรับ ผู้มารับ", "ถำหนด ถำหนด กำหนด กำหนด"]
    spellings = plan_spellings(pages)
    assert spellings.words.get("ฮงค์กร") == "องค์กร"
    assert not {"การบริการ", "มารับ", "ถำหนด"} & set(spellings.words)
    assert respell("ตามฮงค์กรชุมชน", spellings)[0] == "ตามองค์กรชุมชน"


def test_plan_spellings_take_a_form_of_words_when_one_of_them_is_rare():
    """A look-alike form that splits into words stands as text only when its words are common:
    ทับข้อน (ข้อน: 17 times in the Thai National Corpus) is ทับซ้อน misread, ทำงาม (ทำ, งาม: thousands)
    is left; an extra THANTHAKHAT speck on a word the plan prints often goes (การ์แสวงหา)."""
    from pipeline.text.dictionary import RARE_WORD, frequencies, plan_spellings, respell

    assert frequencies()["ข้อน"] < RARE_WORD <= frequencies()["งาม"]
    spellings = plan_spellings(["ผลประโยชน์ทับซ้อน " * 6, "ป้องกันผลประโยชน์ทับข้อน", "การทำงาน " * 8, "ให้ทำงาม",
                                "การ " * 4, "การ์แสวงหาประโยชน์"])
    assert spellings.words.get("ทับข้อน") == "ทับซ้อน" and "ทำงาม" not in spellings.words
    assert respell("เพื่อป้องกันการ์แสวงหาประโยชน์", spellings)[0] == "เพื่อป้องกันการแสวงหาประโยชน์"
