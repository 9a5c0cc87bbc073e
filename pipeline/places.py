"""Stage: the plan's LAO tied to the official place codes (DOPA / TIS 1099 geocodes).

The gazetteer is the ``geothai`` package (GeoThai/data: DOPA's codes and names, 77 provinces,
928 districts, 7,436 subdistricts, Thai and English; data CC BY 4.0 "GeoThai", code MIT), never a
list typed here. The cover's province and district are matched by name, tolerant of the forms
plans print ("จ.", "อ.", "อำเภอเมือง" for the capital district, "กทม.") and of a letter or two of OCR
damage (a unique best match at similarity ≥ ``FUZZY``); the LAO's own name, for the types named
after their subdistrict (เทศบาลตำบล, อบต., most เทศบาลเมือง), against that district's subdistricts.
What cannot be tied is left empty with a check, never guessed; the method and score of each
match are kept beside the codes.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import cache

import regex

from .checks import check
from .records import Check, DocumentInfo, Project
from .text.thai import without_marks

FUZZY = 90.0  # rapidfuzz ratio (0–100) a misread name must reach, and uniquely
_PROVINCE_WORD = regex.compile(r"^(?:จังหวัด|จ\s*\.)\s*")
_DISTRICT_WORD = regex.compile(r"^(?:อำเภอ|อ\s*\.|เขต|กิ่งอำเภอ)\s*")
_SUBDISTRICT_WORD = regex.compile(r"^(?:ตำบล|ต\s*\.|แขวง)\s*")
_BANGKOK = ("กทม", "กทม.", "กรุงเทพ", "กรุงเทพฯ")
# LAO types whose name is, as a rule, their subdistrict's (a เทศบาลเมือง usually; a นคร or อบจ. is not)
NAMED_AFTER_SUBDISTRICT = ("องค์การบริหารส่วนตำบล", "เทศบาลตำบล", "เทศบาลเมือง")


@dataclass(frozen=True, slots=True)
class Place:
    province_code: str = ""
    district_code: str = ""
    subdistrict_code: str = ""
    names: dict[str, str] = field(default_factory=dict)  # canonical Thai and English names of each level
    method: str = ""  # how each level was matched: "province=exact;district=capital;subdistrict=fuzzy:93"
    score: float | None = None  # the weakest level's similarity (100 for exact)
    data_version: str = ""  # the gazetteer data release

    def as_dict(self) -> dict[str, object]:
        return {"province_code": self.province_code, "district_code": self.district_code,
                "subdistrict_code": self.subdistrict_code, **self.names, "method": self.method,
                "score": self.score, "data_version": self.data_version}


def _bare(name: str, word: regex.Pattern[str]) -> str:
    return "".join(word.sub("", name.strip()).split())


def _best(name: str, areas: list) -> tuple[object | None, str, float]:
    """The area named ``name``: exact, or the unique best fuzzy match at ≥ FUZZY; (area, how, score)."""
    from rapidfuzz import fuzz

    exact = [a for a in areas if "".join(a.name_th.split()) == name]
    if len(exact) == 1:
        return exact[0], "exact", 100.0
    bare = without_marks(name)  # OCR lost or added a mark ("ตรง" for ตรัง): the one area its letters spell
    marked = [a for a in areas if without_marks(a.name_th) == bare]
    if len(marked) == 1 and len(bare) >= 2:
        return marked[0], "marks", 99.0
    scored = sorted(((fuzz.ratio(name, "".join(a.name_th.split())), a) for a in areas), key=lambda x: -x[0])
    if scored and scored[0][0] >= FUZZY and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1], f"fuzzy:{scored[0][0]:.0f}", float(scored[0][0])
    return None, "", 0.0


def _province(name: str):
    import geothai

    if name in _BANGKOK or name.startswith("กรุงเทพ"):
        return geothai.province("10"), "exact", 100.0
    return _best(name, geothai.provinces())


def _district(name: str, province) -> tuple[object | None, str, float]:
    import geothai

    districts = geothai.districts(province.code)
    if name in ("เมือง", "เมือง" + province.name_th):  # "อำเภอเมือง": the capital district
        capital = [d for d in districts if d.name_th == "เมือง" + province.name_th]
        if capital:
            return capital[0], "capital" if name == "เมือง" else "exact", 100.0
    return _best(name, districts)


def _elsewhere(name: str, province_code: str) -> str:
    """Where else a district of that name is: "ปากช่อง (นครราชสีมา)", or ""."""
    import geothai

    found = [d for p in geothai.provinces() if p.code != province_code for d in geothai.districts(p.code)
             if "".join(d.name_th.split()) == name]  # all 928 districts: faster than building geothai's search index
    return ", ".join(f"{d.name_th} ({geothai.province(d.province_code).name_th})" for d in found)


def locate(document: DocumentInfo) -> tuple[Place, list[Check]]:
    """The plan's place codes from its cover's province, district and LAO name, with checks for what
    the gazetteer does not know or what does not fit together."""
    import geothai

    checks: list[Check] = []
    province_name = _bare(document.province, _PROVINCE_WORD)
    if not province_name and document.lao_type == "องค์การบริหารส่วนจังหวัด":
        province_name = _bare(document.lao_name.removeprefix(document.lao_type), _PROVINCE_WORD)
    if not province_name:
        return Place(data_version=geothai.DATA_VERSION), checks  # cover-incomplete already says so
    province, how, score = _province(province_name)
    if province is None:
        district_name = _bare(document.district, _DISTRICT_WORD)
        where = _elsewhere(district_name, "") if district_name else ""
        checks.append(check("place-unknown", None, f"province “{document.province}” is none of the "
                            f"{len(geothai.provinces())} provinces of the gazetteer (geothai data "
                            f"{geothai.DATA_VERSION}); no place code" + (f" (a district {where} exists)" if where else "")))
        return Place(data_version=geothai.DATA_VERSION), checks
    names = {"province_th": province.name_th, "province_en": province.name_en}
    methods, scores = [f"province={how}"], [score]
    district = subdistrict = None
    district_name = _bare(document.district.split("จังหวัด")[0], _DISTRICT_WORD)  # OCR ran the lines together
    if district_name:
        district, how, score = _district(district_name, province)
        if district is None:
            where = _elsewhere(district_name, province.code)
            checks.append(check("place-inconsistent" if where else "place-unknown", None,
                                f"district “{document.district}” is not in {province.name_th} province"
                                + (f" (there is one in {where})" if where else " nor anywhere in the gazetteer")
                                + "; district code left empty"))
        else:
            names.update(district_th=district.name_th, district_en=district.name_en)
            methods.append(f"district={how}")
            scores.append(score)
    own = _bare(document.lao_name.removeprefix(document.lao_type), _SUBDISTRICT_WORD)
    if district is not None and own and document.lao_type in NAMED_AFTER_SUBDISTRICT:
        subdistrict, how, score = _best(own, geothai.subdistricts(district.code))
        if subdistrict is not None:
            names.update(subdistrict_th=subdistrict.name_th, subdistrict_en=subdistrict.name_en)
            methods.append(f"subdistrict={how}")
            scores.append(score)
        elif document.lao_type != "เทศบาลเมือง":
            checks.append(check("place-subdistrict-unmatched", None,
                                f"{document.lao_type}{own}: no subdistrict “{own}” in {district.name_th}, "
                                f"{province.name_th}; subdistrict code left empty"))
    return Place(province.code, district.code if district else "", subdistrict.code if subdistrict else "",
                 names, ";".join(methods), min(scores), geothai.DATA_VERSION), checks


_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"  # vowels above and below, tone marks, signs
MIN_LETTERS = 6  # a shorter name ("น่าน", "บ้านใหม่") is too close to ordinary words to mend


def known_names(place: Place, lao_type: str) -> tuple[str, ...]:
    """The names the gazetteer gives the plan's province and, for an LAO named after its
    subdistrict, the LAO itself ("กาฬสินธุ์", "เทศบาลเมืองกาฬสินธุ์"): printed again and again in
    its projects, and spelt right by the gazetteer whatever OCR made of the cover."""
    names = [place.names.get("province_th", "")]
    if place.names.get("subdistrict_th") and lao_type in NAMED_AFTER_SUBDISTRICT:
        names.append(lao_type + place.names["subdistrict_th"])
    return tuple(n for n in names if len(regex.sub(f"[{_MARKS}\\s]", "", n)) >= MIN_LETTERS)


def mend_names(text: str, names: tuple[str, ...]) -> str:
    """OCR's near-misses of the plan's own names put right: the name's letters in order, its
    marks lost, added or changed, and at most one letter misread ("กาหสินธุ์", "กาฬสินธุ", "กจฬสินธุ"
    for กาฬสินธุ์). A match is never longer than the name's letters and their marks, so the word
    after it keeps its first letter.

    >>> mend_names("ประชาชนในเขตเทศบาลเมืองกาหสินธุ์จำนวน ๑๐๐ คน จังหวัดกาฬสินธุ", ("กาฬสินธุ์",))
    'ประชาชนในเขตเทศบาลเมืองกาฬสินธุ์จำนวน ๑๐๐ คน จังหวัดกาฬสินธุ์'
    >>> mend_names("การสินค้า", ("กาฬสินธุ์",))
    'การสินค้า'
    """
    for name in names:
        text = _name_pattern(name).sub(name, text)
    return text


@cache
def _name_pattern(name: str) -> regex.Pattern[str]:
    letters = [c for c in name if not regex.match(f"[{_MARKS}\\s]", c)]
    return regex.compile("(?e)(?:" + "".join(regex.escape(c) + f"[{_MARKS}]*" for c in letters) + "){s<=1}")


def mend_document(document: DocumentInfo, place: Place) -> DocumentInfo:
    """An OCR'd cover's district and province as the gazetteer spells the place they were matched to,
    where they are its name with marks lost, added or changed or a letter misread (``mend_names``;
    "ตรง" for ตรัง).

    >>> cover = DocumentInfo("องค์การบริหารส่วนตำบลห้วยยอด", "องค์การบริหารส่วนตำบล", "ห้วยยอด", "ตรง")
    >>> mend_document(cover, Place(names={"province_th": "ตรัง", "district_th": "ห้วยยอด"})).province
    'ตรัง'
    """
    changes = {}
    for key, name in (("district", place.names.get("district_th", "")), ("province", place.names.get("province_th", ""))):
        if name and (mended := mend_names(getattr(document, key), (name,))) != getattr(document, key):
            changes[key] = mended
    return replace(document, **changes) if changes else document


def mend_project(project: Project, names: tuple[str, ...]) -> Project:
    """A project read by OCR with the plan's own names mended in every text field (``mend_names``)."""
    changes = {f.name: mended for f in fields(project) if isinstance(value := getattr(project, f.name), str)
               and f.name != "doc_id" and (mended := mend_names(value, names)) != value}
    return replace(project, **changes) if changes else project
