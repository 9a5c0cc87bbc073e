"""Place codes from the gazetteer (geothai, DOPA codes). Every expected code below was read by hand
from geothai's data (geothai/_data/*.json, release 2026.10.23): กาฬสินธุ์ 46, เมืองกาฬสินธุ์ 4601,
ตำบลกาฬสินธุ์ 460101; มหาสารคาม 44, พยัคฆภูมิพิสัย 4408; เชียงใหม่ 50; ปากช่อง 3021 (นครราชสีมา 30);
นนทบุรี 12, เมืองนนทบุรี 1201; กรุงเทพมหานคร 10."""

from __future__ import annotations

import pytest

from pipeline.places import locate
from pipeline.records import DocumentInfo

ABT, TT, TM, TN, ABJ = "องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "องค์การบริหารส่วนจังหวัด"


def _codes(lao_type, name, district, province):
    place, checks = locate(DocumentInfo(lao_type + name, lao_type, district, province))
    return (place.province_code, place.district_code, place.subdistrict_code), sorted(c.code for c in checks), place


@pytest.mark.parametrize("lao_type, name, district, province, codes", [
    (TM, "กาฬสินธุ์", "เมืองกาฬสินธุ์", "กาฬสินธุ์", ("46", "4601", "460101")),  # the golden plan
    (TM, "กาฬสินธุ์", "อ.เมือง", "จ.กาฬสินธุ์", ("46", "4601", "460101")),  # short forms, อำเภอเมือง
    (TM, "กาฬสินธุ์", "อำเภอเมืองกาฬสินธุ์", "จังหวัดกาฬสินธุ", ("46", "4601", "460101")),  # OCR lost a mark
    (TN, "นนทบุรี", "เมืองนนทบุรี", "นนทบุรี", ("12", "1201", "")),  # a city is not named after a subdistrict
    (ABJ, "กาฬสินธุ์", "", "", ("46", "", "")),  # an อบจ.: its name is its province
    (TM, "กรุงเทพ", "", "กทม.", ("10", "", "")),
])
def test_codes_of_real_places(lao_type, name, district, province, codes):
    got, checks, place = _codes(lao_type, name, district, province)
    assert got == codes
    assert checks == []
    assert place.score is not None and place.score >= 90 and place.data_version


def test_the_golden_plan_carries_its_codes(kalasin_plan):
    d = kalasin_plan.document
    assert (d.province_code, d.district_code, d.subdistrict_code) == ("46", "4601", "460101")
    assert d.place["province_en"] == "Kalasin" and d.place["district_en"] == "Mueang Kalasin"
    assert d.place["method"] == "province=exact;district=exact;subdistrict=exact"
    assert not [c for c in kalasin_plan.checks if c.code.startswith("place-")]


def test_an_invented_province_gets_no_code_and_a_check():
    """The synthetic corpus's provinces are invented ("เชียงสมมุติ"), though some districts are real."""
    got, checks, _ = _codes(TT, "บ้านใหม่", "สันทราย", "เชียงสมมุติ")
    assert got == ("", "", "") and checks == ["place-unknown"]


def test_a_district_of_another_province_is_reported_not_guessed():
    got, checks, _ = _codes(ABT, "พญาเย็น", "ปากช่อง", "เชียงใหม่")
    assert got == ("50", "", "") and checks == ["place-inconsistent"]
    place, found = locate(DocumentInfo(ABT + "พญาเย็น", ABT, "ปากช่อง", "เชียงใหม่"))
    assert "นครราชสีมา" in found[0].message


def test_a_subdistrict_the_district_lacks_is_an_info_check():
    """The validation plan's อบต.ดอนสมบูรณ์ is printed in พยัคฆภูมิพิสัย, มหาสารคาม, whose subdistricts hold
    no ดอนสมบูรณ์ (the gazetteer's one is in Kalasin): province and district tied, subdistrict empty."""
    got, checks, _ = _codes(ABT, "ดอนสมบูรณ์", "พยัคฆภูมิพิสัย", "มหาสารคาม")
    assert got == ("44", "4408", "") and checks == ["place-subdistrict-unmatched"]
