"""A plan whose numbers all agree: the Kalasin text with its own inconsistencies corrected.

    python corpora/tools/make_consistent.py corpora/kalasin/source.txt corpora/consistent/source.txt

Each edit fixes one flaw the golden plan is known for (DOMAIN.md, "Known flaws"); a test checks
that this plan gives no error-level check at all, so the checks raise no false alarm.
"""

from __future__ import annotations

import sys
from pathlib import Path

EDITS = [  # (what the Kalasin plan prints, what a consistent plan prints, why)
    ("\tรวม\tจำนวน ๙ โครงการ\t๑,๓๓๐,๐๐๐\t๑,๓๓๐,๐๐๐\t๑,๓๓๐,๐๐๐\t๑,๓๓๐,๐๐๐\t๑,๓๓๐,๐๐๐\t",
     "\tรวม\tจำนวน ๙ โครงการ\t๑,๒๐๐,๐๐๐\t๑,๒๐๐,๐๐๐\t๑,๒๐๐,๐๐๐\t๑,๒๐๐,๐๐๐\t๑,๒๐๐,๐๐๐\t",
     "dimension 1 subtotal = its rows"),
    ("\tรวมทั้งสิ้น\tจำนวน ๓๐ โครงการ\t๑,๙๘๐,๐๐๐\t๑,๙๘๐,๐๐๐\t๑,๙๘๐,๐๐๐\t๑,๙๘๐,๐๐๐\t๑,๙๘๐,๐๐๐\t",
     "\tรวมทั้งสิ้น\tจำนวน ๓๐ โครงการ\t๑,๘๕๐,๐๐๐\t๑,๘๕๐,๐๐๐\t๑,๘๕๐,๐๐๐\t๑,๘๕๐,๐๐๐\t๑,๘๕๐,๐๐๐\t",
     "grand total = subtotals = rows"),
    ("๗. งบประมาณดำเนินการ\n\nระบุงบประมาณที่ใช้ดำเนินการ", "๗. งบประมาณดำเนินการ\n\nไม่ใช้งบประมาณ",
     "project 30's budget filled in"),
    ("๘. ผู้รับผิดชอบโครงการ\n\nระบุหน่วยงานที่รับผิดชอบดำเนินการ",
     "๘. ผู้รับผิดชอบโครงการ\n\nกองยุทธศาสตร์และงบประมาณ", "project 30's responsible unit filled in"),
]


def main(src: Path, dst: Path) -> int:
    text = src.read_text(encoding="utf-8")
    for old, new, why in EDITS:
        if text.count(old) != 1:
            raise SystemExit(f"make_consistent: the edit '{why}' does not match exactly once")
        text = text.replace(old, new)
    text = text.replace("เทศบาลเมืองกาฬสินธุ์", "เทศบาลเมืองสมมุติ").replace("กาฬสินธุ์", "สมมุติ")
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(text, encoding="utf-8")
    print(dst)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
