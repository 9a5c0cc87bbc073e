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
