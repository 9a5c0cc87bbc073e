"""The appendix's committee order read from lines as a scan gives them (hand-built lines)."""

from __future__ import annotations

from extractors.appendix import members
from pipeline.records import Line


def _line(text: str, x0: float, top: float, x1: float, bottom: float) -> Line:
    return Line(21, text, text, (x0, top, x1, bottom))


def test_roles_read_as_a_column_of_their_own_go_to_their_members():
    """OCR of wh-huaiyot's office scan (corpora/wild) read the roles column as a block after the
    duties: each role line belongs to the member level with it (a role wrapped over two lines too);
    before, every member's role was lost (committee 6 → 10 of 15 values)."""
    order = [
        _line("องค์การบริหารส่วนตำบลห้วยยอดสมมุติจึงแต่งตั้งคณะกรรมการ", 102, 120, 508, 146),
        _line("ประกอบด้วย", 66, 142, 147, 164),
        _line("๑. นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล", 69, 168, 400, 190),
        _line("ห้วยยอดสมมุติ", 238, 188, 319, 210),
        _line("๒. ผู้อำนวยการกองคลัง", 68, 209, 198, 230),
        _line("๓. นายวิชัย มั่นคง นักวิเคราะห์นโยบายและแผน", 68, 248, 399, 270),
        _line("โดยมีหน้าที่และอำนาจดังต่อไปนี้", 98, 300, 309, 322),
        _line("ประธานกรรมการ", 426, 175, 519, 187),
        _line("กรรมการ", 422, 216, 472, 226),
        _line("กรรมการและ", 421, 258, 495, 268),
        _line("เลขานุการ", 421, 272, 478, 290),
    ]
    got = [(m.no, m.name, m.position, m.role) for m in members(order, "x")]
    assert got == [(1, "นายสมชาย ใจดี", "นายกองค์การบริหารส่วนตำบลห้วยยอดสมมุติ", "ประธานกรรมการ"),
                   (2, "", "ผู้อำนวยการกองคลัง", "กรรมการ"),
                   (3, "นายวิชัย มั่นคง", "นักวิเคราะห์นโยบายและแผน", "กรรมการและเลขานุการ")]


def test_a_member_number_read_as_its_neighbours_follows_the_sequence():
    """wh-huaiyot's scan read "๔." as "๕.": two members numbered 5 after 3, member 4 lost (a
    numbering-gap warning the plan does not deserve). The first takes 4, with an info check."""
    from extractors.appendix import numbers_in_sequence
    from pipeline.records import Member

    rows = [Member("x", no, name, office, "กรรมการ", 21) for no, name, office in
            ((3, "", "ผู้อำนวยการกองคลัง"), (5, "", "หัวหน้าสำนักปลัด"), (5, "นายวิชัย มั่นคง", "นักวิเคราะห์นโยบายและแผน"))]
    fixed, checks = numbers_in_sequence(rows)
    assert [(m.no, m.position) for m in fixed] == [(3, "ผู้อำนวยการกองคลัง"), (4, "หัวหน้าสำนักปลัด"),
                                                   (5, "นักวิเคราะห์นโยบายและแผน")]
    assert [(c.code, c.severity, c.page) for c in checks] == [("anchor-inferred", "info", 21)]
    assert "หัวหน้าสำนักปลัด" in checks[0].message
    # two members printed with one number and nothing to say which is wrong: left as printed
    assert [m.no for m in numbers_in_sequence(rows[1:])[0]] == [5, 5]
