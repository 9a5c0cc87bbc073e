"""Plans laid out as real municipalities publish them: the validation plan made outside this
repository (../shared/validation, scored by its own script), identity from any page, page furniture."""

from __future__ import annotations

import subprocess
import sys

import pytest

from extractors.cover import extract_cover, plausible_period
from pipeline.records import Line
from pipeline.segment import drop_furniture

from tests.conftest import SHARED

VALIDATION = SHARED / "validation"


@pytest.mark.slow
def test_validation_plan_scores_and_raises_no_error(tmp_path):
    """A Word-like plan (LibreOffice, Sarabun): scanned announcement first, cover on page 2, Part 2
    as "x.y.z (n)" entries with figures level with them, members listed by office. Its numbers
    all agree, so no error-level check; its own scorer (run from ../shared, not copied) ≥ 0.98."""
    from pipeline.emit import write_plan
    from pipeline.run import run_document

    plan = run_document(VALIDATION / "abt-donsombun-word.pdf")
    assert [c for c in plan.checks if c.severity == "error"] == []
    assert (plan.document.lao_name, plan.document.district, plan.document.province,
            plan.document.plan_start_be, plan.document.plan_end_be) == \
        ("องค์การบริหารส่วนตำบลดอนสมบูรณ์", "พยัคฆภูมิพิสัย", "มหาสารคาม", 2566, 2570)
    out = write_plan(plan, tmp_path)
    result = subprocess.run([sys.executable, str(VALIDATION / "score.py"), str(VALIDATION / "abt-donsombun-word.json"),
                             str(out)], capture_output=True, text=True, check=True, cwd=VALIDATION)
    score = float(result.stdout.strip().splitlines()[-1].split()[-1])
    assert score >= 0.98, result.stdout
    assert "budgets.budget_baht           110/110" in result.stdout


def _lines(page: int, *texts: str) -> list[Line]:
    return [Line(page, t, t, (0.0, 20.0 * i, 100.0, 20.0 * i + 15)) for i, t in enumerate(texts)]


def test_identity_from_the_cover_on_page_2_not_the_ocr_announcement():
    front = (*_lines(1, "ประกาศองค์การบริหารส่วนตำบลดอนสมบูรณ์", "(พ.ศ. ๒๕๐๑ - ๒๕๕๐)"),
             *_lines(2, "แผนปฏิบัติการป้องกันการทุจริต", "(พ.ศ. ๒๕๖๖ – ๒๕๗๐)", "องค์การบริหารส่วนตำบลดอนสมบูรณ์",
                     "อำเภอพยัคฆภูมิพิสัย จังหวัดมหาสารคาม"))
    info, checks = extract_cover(front, frozenset({1}))
    assert (info.lao_type, info.lao_name, info.district, info.province, info.plan_start_be, info.plan_end_be) == \
        ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนตำบลดอนสมบูรณ์", "พยัคฆภูมิพิสัย", "มหาสารคาม", 2566, 2570)
    assert checks == []


def test_identity_missing_from_the_cover_is_taken_from_the_running_headers():
    front = tuple(_lines(1, "แผนปฏิบัติการป้องกันการทุจริต", "(พ.ศ. ๒๕๖๑ - ๒๕๖๔)"))
    headers = (*_lines(5, "เทศบาลตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี"),
               *_lines(6, "เทศบาลตำบลหนองบัว อำเภอเมือง จังหวัดอุดรธานี"))
    info, checks = extract_cover(front, frozenset(), headers)
    assert (info.lao_name, info.district, info.province, info.plan_start_be) == \
        ("เทศบาลตำบลหนองบัว", "เมือง", "อุดรธานี", 2561)
    assert [c.code for c in checks] == ["anchor-inferred"]


def test_a_misread_year_is_never_a_period():
    assert plausible_period("(พ.ศ. ๒๕๖๑ – ๒๕๖๔)") == (2561, 2564)
    assert plausible_period("(พ.ศ. ๒๕๐๑ – ๒๕๖๔)") is None  # outside 2557–2575
    assert plausible_period("(พ.ศ. ๒๕๖๑ – ๒๕๘๐)") is None  # a 20-year strategy, not a plan


def test_a_page_number_printed_level_with_the_first_words_is_furniture():
    lines = [*_lines(1, "- ๑ -ลำดับที่ ๑๑", "๑. ชื่อโครงการ : ก"), *_lines(2, "- ๒ -", "(๓) เพื่อยกระดับ")]
    assert [ln.text for ln in drop_furniture(lines)] == ["ลำดับที่ ๑๑", "๑. ชื่อโครงการ : ก", "(๓) เพื่อยกระดับ"]
