"""Parts of a plan found whatever one misread heading does: marks lost by OCR, a heading not read at all."""

from __future__ import annotations

import pytest

from extractors.template import load
from pipeline.records import Line
from pipeline.segment import split_parts

TEMPLATE = load("nacc_2566_2570")


def _lines(*pages: list[str]) -> list[Line]:
    return [Line(n, text, text, (0.0, 20.0 * k, 100.0, 20.0 * k + 14)) for n, texts in enumerate(pages, start=1)
            for k, text in enumerate(texts)]


PLAN = [
    ["แผนปฏิบัติการป้องกันการทุจริต", "สารบัญ", "ส่วนที่ ๑ บทนำ ๑", "ส่วนที่ ๓ รายละเอียดโครงการ ๑๐"],
    ["ส่วนที่ ๑", "บทนำ", "การวิเคราะห์ความเสี่ยง"],
    ["ส่วนที่ ๒", "บัญชีโครงการ", "มิติ ภารกิจ โครงการ/กิจกรรม/มาตรการ"],
    ["ส่วนที่ ๓", "รายละเอียดโครงการ", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "ลำดับที่ ๑", "๑. ชื่อโครงการ ก"],
    ["ลำดับที่ ๒", "๑. ชื่อโครงการ ข"],
    ["ภาคผนวก", "ประกาศ"],
]


def _pages(part):
    return sorted({line.page for line in part})


def test_every_heading_read():
    parts = split_parts(_lines(*PLAN), TEMPLATE)
    assert (_pages(parts.part1), _pages(parts.part2), _pages(parts.part3)) == ([2], [3], [4, 5])
    assert parts.checks == ()


def test_a_heading_whose_marks_ocr_lost_is_found():
    plan = [list(p) for p in PLAN]
    plan[2][0] = "ส่วนท ๒"  # SARA II's mark and MAI EK lost
    plan[3][0] = "สวนท ๓"
    parts = split_parts(_lines(*plan), TEMPLATE)
    assert (_pages(parts.part2), _pages(parts.part3)) == ([3], [4, 5])
    assert [c.code for c in parts.checks] == ["anchor-inferred", "anchor-inferred"]
    assert "ส่วนท ๒" in parts.checks[0].message and parts.checks[0].page == 3


@pytest.mark.parametrize("lost", ["ส่วน ๓", ""])
def test_part3_without_its_heading_starts_at_project_1(lost):
    plan = [list(p) for p in PLAN]
    plan[3][0] = lost or "๓"  # misread beyond repair, or a lone digit
    parts = split_parts(_lines(*plan), TEMPLATE)
    assert _pages(parts.part3) == [4, 5] and parts.part3[0].page == 4 and parts.part3[0].text in ("๓", "ส่วน ๓")
    assert _pages(parts.part2) == [3]  # Part 2 ends where the inferred Part 3 starts
    assert [c.code for c in parts.checks] == ["anchor-inferred"] and parts.checks[0].page == 4


def test_part2_without_its_heading_starts_at_its_tables_page():
    plan = [list(p) for p in PLAN]
    plan[2][0] = "ส่ ว น ที่ 2 . บัญชี"  # too damaged to match
    parts = split_parts(_lines(*plan), TEMPLATE)
    assert _pages(parts.part1) == [2] and _pages(parts.part2) == [3] and parts.part2[0].page == 3
    assert "Part 2" in parts.checks[0].message


@pytest.mark.parametrize("heading", ["บทนำ", "๑. การประเมินความเสียงการทุจริตในองค์กร"])
def test_part1_without_its_heading_starts_at_the_page_of_its_first_heading(heading):
    """A scan that lost "ส่วนที่ ๑" (corpora/wild wd-sawang's office scan: its risk table, 8 of 8
    values, was read as front matter and lost): Part 1 starts on the page of its own first heading
    (the last before Part 2; the table of contents names it too), with a check that says so."""
    plan = [list(p) for p in PLAN]
    plan[1] = ["- ๓ -", heading, "การวิเคราะห์ความเสี่ยง"]
    parts = split_parts(_lines(*plan), TEMPLATE)
    assert (_pages(parts.part1), _pages(parts.part2), _pages(parts.front)) == ([2], [3], [1])
    assert [(c.code, c.page) for c in parts.checks] == [("anchor-inferred", 2)] and "Part 1" in parts.checks[0].message


def test_older_template_part3_starts_at_the_first_name_field():
    """The 2561–2564 template has no "ลำดับที่": project 1 starts at its "๑. ชื่อโครงการ"."""
    old = load("nacc_2561_2564")
    plan = [list(p) for p in PLAN]
    plan[3] = ["๓ รายละเอียด", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "๑. ชื่อโครงการ ก", "๒. หลักการและเหตุผล"]
    plan[4] = ["๑. ชื่อโครงการ ข"]
    parts = split_parts(_lines(*plan), old)
    assert _pages(parts.part3) == [4, 5] and parts.part3[0].text == "๓ รายละเอียด"  # the page it opens


def test_a_scans_garbled_project_anchor_printed_level_with_its_heading_opens_the_project():
    """OCR of an office scan reads "ลำดับที่ ๑", printed right-aligned level with the sub-mission
    heading, as the end of the heading's line with its marks and a letter lost ("ลาดบท ๑",
    "าดับที่๓"): the heading keeps its name and the project its number; an anchor alone on its line
    is not cut in two."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต",
                    "๑.๑ การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากร",
                    "๑.๑.๑ ส่งเสริมการเสริมสร้างจิตสำนึกแก่บุคลากรลาดบท ๑", "๑. ชื่อโครงการ ก", "๙. ผลผลิต / ผลลัพธ์",
                    "ลำดับที่๒", "๑. ชื่อโครงการ ข", "๙. ผลผลิต / ผลลัพธ์",
                    "๑.๒ การสร้างจิตสำนึกและความตระหนักแก่ประชาชน",
                    "๑.๒.๑ ส่งเสริมการสร้างจิตสำนึกแก่ประชาชนาดับที่๓", "๑. ชื่อโครงการ ค"])
    blocks, checks = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({1}))
    assert [b.seq for b in blocks] == [1, 2, 3]
    assert [b.submission.name for b in blocks] == ["ส่งเสริมการเสริมสร้างจิตสำนึกแก่บุคลากร"] * 2 + [
        "ส่งเสริมการสร้างจิตสำนึกแก่ประชาชน"]
    assert not [c for c in checks if c.code == "ocr-number-corrected"]


def test_a_scans_mission_misread_into_a_dimension_the_template_lacks_stays_in_the_last_one():
    """OCR of a skewed scan reads mission "๔.๑" of the last dimension as "๕.๑": a plan of four
    dimensions has no fifth, so it is mission 4.1 (a check says so), not a dimension 5 inferred from
    it; a field's sub-item numbered "๑๐.๑" of the older template is no mission at all."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๔ การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"],
                   ["๕.๑ การจัดวางระบบตรวจสอบภายในและการควบคุมภายใน",
                    "๕.๑.๑ ส่งเสริมการจัดวางระบบตรวจสอบภายใน", "ลำดับที่ ๑", "๑. ชื่อโครงการ ก",
                    "๙. ผลผลิต / ผลลัพธ์", "๑๐.๑ ประชาชนมีความพึงพอใจ"])
    blocks, checks = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({2}))
    assert [(b.dimension.no, b.mission.no, b.submission.no) for b in blocks] == [("4", "4.1", "4.1.1")]
    assert sum(c.code == "ocr-number-corrected" for c in checks) == 2
    assert not [c for c in checks if c.code == "anchor-inferred"]


def test_a_scans_dimension_named_as_the_template_names_it_keeps_its_wrapped_part_once():
    """A dimension heading OCR read is named as the template names it, the part printed on the next
    line included; that next line is not added to the name again."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน"],
                   ["มิติที่ ๔ การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กร", "ปกครองส่วนท้องถิ่น",
                    "๔.๑ การจัดวางระบบตรวจสอบภายในและการควบคุมภายใน", "ลำดับที่ ๑", "๑. ชื่อโครงการ ข"])
    blocks, _ = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({2}))
    assert blocks[0].dimension.name == TEMPLATE.dimensions[4]


def test_a_scans_project_anchor_read_in_latin_is_no_part_of_the_last_field():
    """OCR reads a short Thai line in Latin ("ลำดับที่ ๗" as "Maun ๗"): before the next project's name
    field, with the number the sequence expects, it is that project's anchor, not the last line of the
    previous project's outcomes; a Latin-read line with another number stays where it is."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "ลำดับที่ ๑", "๑. ชื่อโครงการ ก",
                    "๑๐. ผลลัพธ์", "ประชาชนพึงพอใจ", "Maun ๒"],
                   ["๑. ชื่อโครงการ ข", "๑๐. ผลลัพธ์", "บุคลากรมีความรู้", "Haun ๙"],
                   ["๑. ชื่อโครงการ ค", "๑๐. ผลลัพธ์", "ประชาชนพึงพอใจ"],
                   ["๑.๒ การสร้างจิตสำนึกและความตระหนักแก่ประชาชน", "Haun ๔", "๑. ชื่อโครงการ ง"])
    blocks, checks = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({1, 2, 3, 4}))
    assert [b.seq for b in blocks] == [1, 2, 3, 4]
    assert blocks[3].mission.name == "การสร้างจิตสำนึกและความตระหนักแก่ประชาชน"  # not "… Haun ๔"
    assert [line.text for line in blocks[0].lines][-1] == "ประชาชนพึงพอใจ"
    assert [line.text for line in blocks[1].lines][-1] == "Haun ๙"
    assert sum(c.code == "ocr-number-corrected" for c in checks) == 3  # projects 2, 3 and 4: no readable anchor


def test_the_templates_headings_at_the_top_of_page_after_page_are_not_furniture():
    """Each project on its own page puts "ลำดับที่ N" (after the page number, or with the page number
    printed last in reading order, as WeasyPrint writes its header) and the sheet's first lines at the
    same place on every page; page breaks falling before "๒. หลักการและเหตุผล" repeat it there too.
    They are the plan's structure, and so are the body lines below them (the name's second line,
    the same on every sheet); the running header above them is still furniture."""
    from extractors.template import load
    from pipeline.segment import drop_furniture

    template = load("nacc_2566_2570")
    body = ["การประชุม", "การอบรม", "การตรวจสอบ", "การเผยแพร่", "การประเมิน", "การรับฟัง", "การติดตาม"]
    numbered_first = [[f"- {n} -", f"ลำดับที่ {n}", "๑. ชื่อโครงการ : โครงการของเทศบาล", "ตำบลทดลอง",
                       "๒. หลักการและเหตุผล", body[n - 1], body[n - 2]] for n in range(1, 8)]
    kept = [ln.text for ln in drop_furniture(_lines(*numbered_first), template.opens_structure)]
    assert kept.count("ตำบลทดลอง") == 7 and [t for t in kept if t.startswith("ลำดับที่")] == [
        f"ลำดับที่ {n}" for n in range(1, 8)] and not [t for t in kept if t.startswith("- ")]

    header = "แผนปฏิบัติการป้องกันการทุจริต เทศบาลตำบลทดลอง"
    number_last = [[header, "๒. หลักการและเหตุผล", body[n - 1], body[n - 3], f"- {n} -"] for n in range(1, 8)]
    lines = _lines(*number_last)
    lines = [ln if not ln.text.startswith("- ") else Line(ln.page, ln.text, ln.text, (0.0, -20.0, 100.0, -6.0))
             for ln in lines]  # printed above the header, read last
    kept = [ln.text for ln in drop_furniture(lines, template.opens_structure)]
    assert kept.count("๒. หลักการและเหตุผล") == 7 and header not in kept and not [t for t in kept if t.startswith("- ")]
    # without the template's word the repeated heading was taken for a running header
    assert "๒. หลักการและเหตุผล" not in [ln.text for ln in drop_furniture(lines)]


def test_a_body_line_repeated_at_the_foot_of_pages_at_different_heights_is_no_footer():
    """Sheet after sheet ending with the same outcome, each where its sheet ends, is body text; a
    footer printed at one height on every page is furniture."""
    from pipeline.segment import drop_furniture

    outcome, footer = "(๑) บุคลากรมีความรู้ความเข้าใจเพิ่มขึ้น", "แผนปฏิบัติการป้องกันการทุจริต เทศบาลตำบลทดลอง"
    lines = []
    for page in range(1, 13):
        body = [f"ข้อ {page}-{k} {'กขคงจฉชซฌ'[k]}" for k in range(3 + page % 6)] + [outcome]
        lines += [Line(page, t, t, (0.0, 60.0 + 22 * k, 100.0, 74.0 + 22 * k)) for k, t in enumerate(body)]
        lines.append(Line(page, footer, footer, (0.0, 800.0, 100.0, 814.0)))
    kept = [ln.text for ln in drop_furniture(lines)]
    assert kept.count(outcome) == 12 and footer not in kept


def test_a_figure_a_wrap_left_alone_at_a_pages_edge_is_no_page_number():
    """"ร้อยละ" / "๘๐" with the page break between them, or "(… ปณ" / "๑๐๐)": the lone figure is at a body
    line's height and does not run with the pages' order, unlike the page numbers above every page."""
    from pipeline.segment import drop_furniture

    lines = []
    for page in range(1, 7):
        texts = [f"ข้อความ {'กขคงจฉ'[page - 1]}", "ผู้เข้าร่วมไม่น้อยกว่าร้อยละ", "๘๐" if page == 3 else "ท้ายหน้า"]
        lines.append(Line(page, f"- {page} -", "", (0.0, 30.0, 100.0, 44.0)))
        lines += [Line(page, t, t, (0.0, 700.0 + 22 * k, 100.0, 714.0 + 22 * k)) for k, t in enumerate(texts)]
    lines.append(Line(7, "๑๐๐)", "", (0.0, 80.0, 100.0, 94.0)))
    lines.append(Line(7, "- 7 -", "", (0.0, 30.0, 100.0, 44.0)))
    kept = [ln.text for ln in drop_furniture(lines)]
    assert "๘๐" in kept and "๑๐๐)" in kept and not [t for t in kept if t.startswith("- ")]


def test_a_running_header_read_with_a_letter_wrong_or_its_page_number_beside_it_is_furniture():
    """A page's first line as close as a letter or two to the running header ("…ห้วยทราย เหนา" for
    หน้า, or the header with its page number on the same line) is the header; a shorter title on a
    first page that the header begins with is not."""
    from pipeline.segment import drop_furniture

    header = "แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลห้วยทราย หน้า"
    pages = [["แผนปฏิบัติการป้องกันการทุจริต", "องค์การบริหารส่วนตำบลห้วยทราย"]]
    pages += [[header, "๑", f"ข้อความหน้า {n}"] for n in range(2, 8)]
    pages += [["แผนปฏิบัติการป้องกันการทุจริต องค์การบริหารส่วนตำบลห้วยทราย เหนา", "ข้อความ"],
              [header + " ๕", "ข้อความสุดท้าย"]]
    kept = [line.text for line in drop_furniture(_lines(*pages))]
    assert kept[:2] == ["แผนปฏิบัติการป้องกันการทุจริต", "องค์การบริหารส่วนตำบลห้วยทราย"]
    assert not [t for t in kept if "ห้วยทราย " in t or t.startswith("แผนปฏิบัติการป้องกันการทุจริต ")]
    assert kept[-2:] == ["ข้อความ", "ข้อความสุดท้าย"]


def test_a_scans_sub_mission_garbled_or_without_its_mission_gets_its_numbers_from_the_sequence():
    """A sub-mission heading whose number OCR garbled ("¢.0.0.") after a mission is that mission's next
    sub-mission; a sub-mission read without its mission's heading gives the mission's number (its
    name unknown); each with a check."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต",
                    "๑.๑ การสร้างจิตสำนึกและความตระหนัก",
                    "¢.0.0. ส่งเสริมการจัดวางระบบตรวจสอบภายใน", "ลำดับที่ ๑", "๑. ชื่อโครงการ ก",
                    "๙. ผลผลิต / ผลลัพธ์", "ประชาชนพึงพอใจ"],
                   ["๑.๒.๑ ส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น", "ลำดับที่ ๒", "๑. ชื่อโครงการ ข"])
    blocks, checks = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({1, 2}))
    assert [(b.mission.no, b.submission.no, b.submission.name) for b in blocks] == [
        ("1.1", "1.1.1", "ส่งเสริมการจัดวางระบบตรวจสอบภายใน"), ("1.2", "1.2.1", "ส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น")]
    assert blocks[0].mission.name == "การสร้างจิตสำนึกและความตระหนัก" and blocks[1].mission.name == ""
    assert sum(c.code == "ocr-number-corrected" for c in checks) == 1
    assert sum(c.code == "anchor-inferred" for c in checks) == 1


def test_a_scans_sub_mission_with_its_stops_lost_is_the_missions_next_one_when_its_digits_say_so():
    """Office scan of the golden plan: OCR reads sub-mission "๒.๓.๑" as "๒๓.๑จัดทำ…" (a stop and the
    space lost) and "๒.๓.๒" as "ไ๒. ๓.๒มีการ…" (a speck before it): their digits spell mission 2.3's
    next sub-mission, so each opens it (a check each) instead of joining the mission's name or the
    last project's text; digits that spell another number do not; a number read in Latin may run
    into the name ("la.la.o.การแสดง…" for ๒.๒.๑ การแสดง…)."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต",
                    "๒.๓ มาตรการลดการใช้ดุลพินิจในการปฏิบัติงาน", "๒๓.๑จัดทำข้อตกลงระหว่างบุคลากร",
                    "ลำดับที่ ๑", "๑. ชื่อโครงการ ก", "๙. ผลผลิต / ผลลัพธ์", "ประชาชนพึงพอใจ"],
                   ["ไ๒. ๓.๒มีการจัดทำแผนภูมิขั้นตอน", "ลำดับที่ ๒", "๑. ชื่อโครงการ ข", "๙. ผลผลิต / ผลลัพธ์",
                    "ประชาชนพึงพอใจ", "๒๕.๑ ข้อความอื่น", "la.la.o . มีการเปิดเผยข้อมูล", "ลำดับที่ ๓",
                    "๑. ชื่อโครงการ ค"])
    blocks, checks = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({1, 2}))
    assert [(b.mission.no, b.mission.name, b.submission.no, b.submission.name) for b in blocks] == [
        ("2.3", "มาตรการลดการใช้ดุลพินิจในการปฏิบัติงาน", "2.3.1", "จัดทำข้อตกลงระหว่างบุคลากร"),
        ("2.3", "มาตรการลดการใช้ดุลพินิจในการปฏิบัติงาน", "2.3.2", "มีการจัดทำแผนภูมิขั้นตอน"),
        ("2.3", "มาตรการลดการใช้ดุลพินิจในการปฏิบัติงาน", "2.3.3", "มีการเปิดเผยข้อมูล")]
    assert [c.message for c in checks if "sub-mission" in c.message] == [
        "OCR read sub-mission heading “๒๓.๑”; the sequence gives 2.3.1",
        "OCR read sub-mission heading “๒. ๓.๒”; the sequence gives 2.3.2",
        "OCR read sub-mission heading “la.la.o .”; the sequence gives 2.3.3"]
    assert [line.text for line in blocks[1].lines][-1] == "๒๕.๑ ข้อความอื่น"


def test_a_skewed_scans_mission_and_sub_mission_numbers_read_as_other_digits_follow_the_sequence():
    """Skewed scan of the golden plan: mission "๑.๑" right under its dimension read "0.0การเสริม…"
    and sub-mission "๑.๑.๑" read "8.0.0จัดทำ…" (digits, but no number of this dimension): the
    dimension's first mission and that mission's first sub-mission, each with a check, instead of
    the end of the dimension's name."""
    from pipeline.segment import split_projects

    part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "0.0การเสริมสร้างจิตสำนึก",
                    "8.0.0จัดทำข้อตกลง", "ลำดับที่ ๑", "๑. ชื่อโครงการ ก"])
    blocks, checks = split_projects(tuple(part3), TEMPLATE, ocr_pages=frozenset({1}))
    b = blocks[0]
    assert (b.dimension.name, b.mission.no, b.mission.name, b.submission.no, b.submission.name) == (
        "การสร้างสังคมที่ไม่ทนต่อการทุจริต", "1.1", "การเสริมสร้างจิตสำนึก", "1.1.1", "จัดทำข้อตกลง")
    assert [c.message for c in checks if c.code == "ocr-number-corrected"] == [
        "OCR read mission heading “0.0”; the sequence gives 1.1",
        "OCR read sub-mission heading “8.0.0”; the sequence gives 1.1.1"]


@pytest.mark.parametrize("template_name", ["nacc_2566_2570", "nacc_2561_2564"])
def test_the_field_headings_plans_word_differently_are_the_templates_fields(template_name):
    """Headings plans print in other words than the NACC form's: "สถานที่ดำเนินการ", "หน่วยงานรับผิดชอบ"
    (without ที่), "ประโยชน์ที่คาดว่าจะได้รับ", "ตัวชี้วัดความสำเร็จ" (whose last word is the heading's,
    not the field's first value)."""
    from extractors.template import load

    t = load(template_name)
    got = {text: (h.name, h.rest) if (h := t.match_field(text)) else None for text in (
        "๕. สถานที่ดำเนินการ", "๘. หน่วยงานรับผิดชอบ : กองคลัง", "๘. หน่วยงานที่รับผิดชอบโครงการ",
        "๙. ประโยชน์ที่คาดว่าจะได้รับ", "๑๐. ตัวชี้วัดความสำเร็จ", "๑๐. ตัวชี้วัดผลสำเร็จ/ผลลัพธ์")}
    assert list(got.values()) == [("area", ""), ("responsible", "กองคลัง"), ("responsible", ""), ("results", ""),
                                  ("outcomes", ""), ("outcomes", "")]


def test_sheets_that_open_at_their_name_or_number_their_projects_otherwise_are_projects():
    """A plan on the 2566–2570 form that prints no "ลำดับที่ N" (each sheet opens at "๑. ชื่อโครงการ"), or
    prints "โครงการที่ N" in its place: every sheet is a project, numbered by the sequence or as printed."""
    from pipeline.segment import split_projects

    sheet = ["๑. ชื่อโครงการ : โครงการ{}", "๒. หลักการและเหตุผล", "ข้อความ", "๓. วัตถุประสงค์", "๓.๑ เพื่อ{}"]
    bare = [line.format(k, k) for k in "กขค" for line in sheet]
    numbered = [line for n, k in enumerate("กขค", start=1) for line in [f"โครงการที่ {n}", *(s.format(k, k) for s in sheet)]]
    for texts in (bare, numbered):
        part3 = _lines(["ส่วนที่ ๓", "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต", "๑.๑ การสร้างจิตสำนึก", *texts])
        blocks, checks = split_projects(tuple(part3), TEMPLATE)
        assert [b.seq for b in blocks] == [1, 2, 3] and [b.dimension.no for b in blocks] == ["1", "1", "1"]
        assert [[ln.text for ln in b.lines if "ชื่อโครงการ" in ln.text] for b in blocks] == [
            [f"๑. ชื่อโครงการ : โครงการ{k}"] for k in "กขค"]
        assert not [ln.text for b in blocks for ln in b.lines if ln.text.startswith("โครงการที่")]
        assert len([c for c in checks if c.code == "anchor-inferred"]) == (3 if texts is bare else 0)
