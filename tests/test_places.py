"""Place codes from the gazetteer (geothai, DOPA codes). Every expected code below was read by hand
from geothai's data (geothai/_data/*.json, release 2026.10.23): กาฬสินธุ์ 46, เมืองกาฬสินธุ์ 4601,
ตำบลกาฬสินธุ์ 460101; มหาสารคาม 44, พยัคฆภูมิพิสัย 4408; เชียงใหม่ 50; ปากช่อง 3021 (นครราชสีมา 30);
นนทบุรี 12, เมืองนนทบุรี 1201; กรุงเทพมหานคร 10; ตรัง 92, ห้วยยอด 9206, ตำบลห้วยยอด 920601."""

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
    (ABT, "ห้วยยอด", "ห้วยยอด", "ตรง", ("92", "9206", "920601")),  # OCR lost ตรัง's mark: a common word
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
    """An invented province ("เชียงสมมุติ", as the consistent corpus's "สมมุติ"), though the district is real."""
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


# Every corpus plan's printed district and province, with the codes read by hand from geothai's
# data (geothai/_data/districts.json, subdistricts.json, release 2026.10.23): the district code's
# first two digits are its province's; a subdistrict code only where the LAO is named after a
# subdistrict of that district (the varied corpus's LAO names end in "สมมุติ": none).
CORPUS_CODES = {
    "synthetic/abj-samut": ("74", "7401", ""),  # อบจ.สมุทรสาคร, เมืองสมุทรสาคร
    "synthetic/abt-huaisai": ("50", "5007", "500706"),  # ห้วยทราย, แม่ริม, เชียงใหม่
    "synthetic/abt-nongkhai": ("30", "3001", "300110"),  # หนองไผ่ล้อม, เมืองนครราชสีมา
    "synthetic/abt-nonsung": ("30", "3010", ""),  # โนนสูงใหม่: no such subdistrict in โนนสูง
    "synthetic/abt-phaya": ("30", "3021", "302112"),  # พญาเย็น, ปากช่อง
    "synthetic/abt-thasai": ("12", "1201", "120105"),  # ท่าทราย, เมืองนนทบุรี
    "synthetic/tm-bangpla": ("11", "1103", ""),  # บางปลาทอง: no such subdistrict in บางพลี
    "synthetic/tm-chaiyo": ("15", "1502", "150206"),  # ไชโย, ไชโย, อ่างทอง
    "synthetic/tn-nakhon": ("60", "6001", ""),  # a เทศบาลนคร is not named after a subdistrict
    "synthetic/tt-banmai": ("12", "1206", "120603"),  # บ้านใหม่, ปากเกร็ด, นนทบุรี
    "synthetic/tt-khokpho": ("94", "9402", "940201"),  # โคกโพธิ์, โคกโพธิ์, ปัตตานี
    "synthetic/tt-nongbua": ("32", "3207", "320705"),  # หนองบัวทอง, รัตนบุรี, สุรินทร์
    "wild/wc-klaeng": ("21", "2103", ""), "wild/wc-sriracha": ("20", "2007", ""),
    "wild/wd-banphue": ("41", "4117", ""), "wild/wd-donkaeo": ("50", "5007", ""),
    "wild/wd-khokkruat": ("30", "3001", ""), "wild/wd-maelao": ("57", "5716", ""),
    "wild/wd-nongsaeng": ("44", "4409", ""), "wild/wd-phanom": ("48", "4801", ""),
    "wild/wd-sawang": ("47", "4712", ""), "wild/wd-thakham": ("84", "8417", ""),
    "wild/wh-chiangkham": ("56", "5603", ""), "wild/wh-huaiyot": ("92", "9206", ""),
    # the page-break, unnumbered-heading and form plans are placed in districts above: the same codes
    "wild/wd-thadlongpaet": ("48", "4801", ""), "wild/wh-thadlongsam": ("44", "4409", ""),
    "wild/wc-thadlongha": ("30", "3001", ""), "wild/wd-thadlongsi": ("41", "4117", ""),
    "wild/wd-thadlongchet": ("50", "5007", ""), "wild/wh-thadlongkao": ("92", "9206", ""),
    "wild/wd-thadlongsip": ("30", "3001", ""), "wild/wc-thadlongsipet": ("20", "2007", ""),
}


def test_every_corpus_plan_is_in_the_table():
    from tests.conftest import ROOT

    on_disk = {f"{p.parent.parent.name}/{p.stem}" for corpus in ("synthetic", "wild")
               for p in (ROOT / "corpora" / corpus / "pdf").glob("*.pdf")}
    assert on_disk == set(CORPUS_CODES)


@pytest.mark.slow
@pytest.mark.parametrize("name, codes", sorted(CORPUS_CODES.items()))
def test_every_corpus_plan_gets_its_codes(name, codes):
    from pipeline.run import run_document
    from tests.conftest import ROOT

    corpus, doc = name.split("/")
    plan = run_document(ROOT / "corpora" / corpus / "pdf" / f"{doc}.pdf")
    d = plan.document
    assert (d.province_code, d.district_code, d.subdistrict_code) == codes
    place_checks = {c.code for c in plan.checks if c.code.startswith("place-")}
    assert place_checks <= {"place-subdistrict-unmatched"}  # every place known and consistent
    assert ("place-subdistrict-unmatched" in place_checks) == (codes[2] == "" and d.lao_type in (
        "เทศบาลตำบล", "องค์การบริหารส่วนตำบล"))


def test_the_consistent_corpus_names_an_invented_place():
    from pipeline.run import run_document
    from tests.conftest import ROOT

    plan = run_document(ROOT / "corpora" / "consistent" / "consistent.pdf")
    assert plan.document.province_code == "" and "place-unknown" in {c.code for c in plan.checks}


def test_the_plans_own_names_are_mended_in_projects_ocr_read(kalasin_plan):
    """The golden plan's office and phone scans read กาฬสินธุ์ as "กาหสินธุ์", "กาฬสินธุ", "กาฬสินธ์",
    "กจฬสินธุ": the gazetteer's spelling of its province and of the LAO (named after its subdistrict)
    puts them right in a project read by OCR; a city (not named after a subdistrict) gives only its
    province, a province of fewer than six letters nothing; a word more than a letter from the name stays."""
    from dataclasses import replace

    from pipeline.places import known_names, mend_project

    _, _, place = _codes(TM, "กาฬสินธุ์", "เมืองกาฬสินธุ์", "กาฬสินธุ์")
    names = known_names(place, TM)
    assert names == ("กาฬสินธุ์", "เทศบาลเมืองกาฬสินธุ์")
    assert known_names(_codes(TN, "นครราชสีมา", "เมืองนครราชสีมา", "นครราชสีมา")[2], TN) == ("นครราชสีมา",)
    assert known_names(_codes(TN, "นนทบุรี", "เมืองนนทบุรี", "นนทบุรี")[2], TN) == ()  # five letters
    read = replace(kalasin_plan.projects[0], target_group="ประชาชนในเขตเทศบาลเมืองกาหสินธุ์จำนวน ๑๐๐ คน",
                   responsible="เทศบาลเมื่องกจฬสินธุ", name="โครงการการสินค้า")
    mended = mend_project(read, names)
    assert (mended.target_group, mended.responsible, mended.name) == (
        "ประชาชนในเขตเทศบาลเมืองกาฬสินธุ์จำนวน ๑๐๐ คน", "เทศบาลเมืองกาฬสินธุ์", "โครงการการสินค้า")
    assert mend_project(kalasin_plan.projects[0], names) is kalasin_plan.projects[0]


def test_an_ocr_read_cover_names_its_place_as_the_gazetteer_spells_it():
    """An office scan of a cover: the space before จังหวัด lost ("อำเภอห้วยยอดจังหวัดตรง") and ตรัง's
    mark with it: the district ends before จังหวัด, and the province is the gazetteer's ตรัง."""
    from extractors.cover import _page_values
    from pipeline.places import mend_document

    found = _page_values(["องค์การบริหารส่วนตำบลห้วยยอด", "อำเภอห้วยยอดจังหวัดตรง"])
    assert (found["district"], found["province"]) == ("ห้วยยอด", "ตรง")
    document = DocumentInfo(ABT + "ห้วยยอด", ABT, found["district"], found["province"])
    place, checks = locate(document)
    assert place.province_code == "92" and checks == []
    assert (mend_document(document, place).district, mend_document(document, place).province) == ("ห้วยยอด", "ตรัง")
