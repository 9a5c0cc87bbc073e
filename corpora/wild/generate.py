"""Plans laid out the ways real municipalities publish them, with their expected extraction.

    python corpora/wild/generate.py                 # writes pdf/ and expected/ (needs LibreOffice)
    python corpora/wild/generate.py --expected-only
    python corpora/wild/generate.py --only wd-thakham

Each plan is drawn from a seeded generator and a list of variations (``PLANS``): the signed
announcement first as a scanned image, the cover on page 2–4, the LAO's name only in the running
header and the foreword; Part 2 entries numbered "x.y.z (n)", "(n)", "n)", "x.y.z.n", with
bullets or not at all; one row per project, or one tall cell per mission with each figure level
with its project's first line ("-" for none), or the figures stacked at the top; narrow year
columns that wrap figures; item-count rows, totals per dimension with and without a grand total,
unit abbreviations in หมายเหตุ; Part 3 sheets whose field order varies, with a field missing, an
eleventh field, a merged "สถานที่/ระยะเวลาดำเนินการ", a misspelt label, a sheet that is no
project (a performance agreement with a score table); committees listing
members by office. The same data writes the document and its expectations, so they are exact by
construction. Toolchains: a DOCX made with python-docx and rendered by LibreOffice (the way Word
plans are made), HTML rendered by WeasyPrint, and the same HTML printed by Chromium (as browser-made
plans are); fonts of the Sarabun family (the free near-twin
of TH SarabunPSK/IT๙) from the ``fontpkg-sarabun`` package.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "corpora" / "synthetic"))

from generate import (DIMENSIONS, METHODS, MISSIONS, OBJECTIVES, OUTCOMES, OUTPUTS,  # noqa: E402
                      RATIONALE, TARGETS, TOPICS, UNITS)

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
KINDS = ["โครงการ", "มาตรการ", "กิจกรรม"]
NOTE_UNITS = ["สป.", "กค.", "กช.", "กศ."]


@dataclass(frozen=True)
class Spec:
    doc_id: str
    lao_type: str
    name: str
    district: str
    province: str
    gen: int  # 2566 or 2561
    count: int  # projects
    seed: int
    toolchain: str = "docx"  # docx (python-docx → LibreOffice) | html (WeasyPrint) | chromium (its print to PDF)
    digits: str = "thai"  # thai | arabic
    announcement_first: bool = False  # a scanned (image-only) announcement before the cover
    cover_page: int = 1  # the cover after this many front pages (announcement, blank, …)
    name_on_cover: bool = True  # False: the LAO's name only in the running header and the foreword
    numbering: str = "close"  # close "1)" | paren "(1)" | xyz "x.y.z (n)" | dotted "x.y.z.n" | bullet | none
    layout: str = "rows"  # rows | tall | stacked
    narrow: bool = False  # portrait Part 2 with narrow year columns (figures wrap)
    totals: str = "sub+grand"  # sub+grand | dim-only | counts
    notes: bool = False  # unit abbreviations in หมายเหตุ
    shuffle_fields: bool = False  # field order varies from sheet to sheet
    quirks: tuple[str, ...] = ()  # missing-field, eleventh-field, merged-field, misspelt-label, non-project-sheet
    subtotal_error: bool = False  # dimension 1's subtotal printed 10,000 too high (a deliberate flaw)
    office_members: bool = True
    page_per_project: bool = False  # each project's sheet opens a new page (with the headings before it)
    numbered_headings: bool = True  # False: Part 3's field headings printed by their words alone ("หลักการและเหตุผล")
    form: bool = False  # each Part 3 sheet a two-column table: the heading in the left cell, its text in the right
    part2_rules: str = "all"  # all | columns: Part 2 ruled by its columns alone (the header ruled, no rule between entries)


PLANS = [
    Spec("wd-donkaeo", "องค์การบริหารส่วนตำบล", "ดอนแก้วสมมุติ", "แม่ริม", "เชียงใหม่", 2566, 14, 21,
         announcement_first=True, cover_page=2, numbering="xyz", layout="tall", notes=True),
    Spec("wd-thakham", "เทศบาลตำบล", "ท่าขามสมมุติ", "พุนพิน", "สุราษฎร์ธานี", 2561, 16, 22,
         numbering="xyz", layout="tall", totals="dim-only", quirks=("merged-field",)),
    Spec("wd-nongsaeng", "องค์การบริหารส่วนตำบล", "หนองแสงสมมุติ", "วาปีปทุม", "มหาสารคาม", 2566, 12, 23,
         numbering="paren", layout="rows", narrow=True, totals="counts"),
    Spec("wd-banphue", "เทศบาลตำบล", "บ้านผือสมมุติ", "บ้านผือ", "อุดรธานี", 2561, 18, 24, digits="arabic",
         numbering="dotted", layout="rows", shuffle_fields=True, quirks=("eleventh-field", "misspelt-label")),
    Spec("wd-khokkruat", "เทศบาลตำบล", "โคกกรวดสมมุติ", "เมืองนครราชสีมา", "นครราชสีมา", 2566, 13, 25,
         name_on_cover=False, numbering="bullet", layout="stacked", subtotal_error=True),
    Spec("wd-maelao", "องค์การบริหารส่วนตำบล", "แม่ลาวสมมุติ", "แม่ลาว", "เชียงราย", 2566, 15, 26,
         announcement_first=True, cover_page=3, numbering="none", layout="rows",
         quirks=("missing-field", "non-project-sheet")),
    Spec("wd-sawang", "เทศบาลเมือง", "สว่างสมมุติ", "สว่างแดนดิน", "สกลนคร", 2561, 20, 27, numbering="close",
         layout="tall", narrow=True, totals="counts", notes=True),
    Spec("wd-phanom", "องค์การบริหารส่วนจังหวัด", "นครพนม", "เมืองนครพนม", "นครพนม", 2566, 16, 28,
         digits="arabic", numbering="xyz", layout="rows", totals="dim-only", shuffle_fields=True),
    Spec("wh-chiangkham", "เทศบาลตำบล", "เชียงคำสมมุติ", "เชียงคำ", "พะเยา", 2566, 12, 29,
         toolchain="html", numbering="paren", layout="tall", quirks=("misspelt-label", "non-project-sheet")),
    Spec("wh-huaiyot", "องค์การบริหารส่วนตำบล", "ห้วยยอดสมมุติ", "ห้วยยอด", "ตรัง", 2561, 14, 30,
         toolchain="html", numbering="dotted", layout="rows", totals="dim-only", subtotal_error=True,
         part2_rules="columns"),
    Spec("wc-klaeng", "เทศบาลเมือง", "แกลงสมมุติ", "แกลง", "ระยอง", 2566, 14, 31, toolchain="chromium",
         name_on_cover=False, numbering="close", layout="stacked", narrow=True, quirks=("merged-field",),
         part2_rules="columns"),
    Spec("wc-sriracha", "เทศบาลนคร", "ศรีราชาสมมุติ", "ศรีราชา", "ชลบุรี", 2561, 15, 32, toolchain="chromium",
         digits="arabic", numbering="bullet", layout="tall", totals="counts", shuffle_fields=True,
         quirks=("missing-field", "eleventh-field")),
    # page breaks where they cut a plan's structure: Part 3 headings at the top of a page, a wrapped
    # figure split by a page break, each project on its own page; a province name after a line break
    Spec("wd-thadlongpaet", "องค์การบริหารส่วนตำบล", "ทดลองแปดสมมุติ", "เมืองนครพนม", "นครพนม", 2566, 17, 207,
         numbering="paren", layout="tall", totals="counts", notes=True, quirks=("non-project-sheet",)),
    Spec("wh-thadlongsam", "เทศบาลเมือง", "ทดลองสามสมมุติ", "วาปีปทุม", "มหาสารคาม", 2566, 22, 302,
         toolchain="html", numbering="none", layout="stacked", shuffle_fields=True, quirks=("non-project-sheet",),
         page_per_project=True),
    Spec("wc-thadlongha", "องค์การบริหารส่วนตำบล", "ทดลองห้าสมมุติ", "เมืองนครราชสีมา", "นครราชสีมา", 2561, 22, 304,
         toolchain="chromium", name_on_cover=False, numbering="dotted", layout="tall", totals="counts", notes=True,
         quirks=("missing-field", "misspelt-label", "non-project-sheet"), office_members=False, page_per_project=True),
    Spec("wd-thadlongsi", "เทศบาลเมือง", "ทดลองสี่สมมุติ", "บ้านผือ", "อุดรธานี", 2566, 22, 603, digits="arabic",
         numbering="bullet", layout="rows", totals="counts", shuffle_fields=True, quirks=("eleventh-field", "misspelt-label"),
         page_per_project=True),
    # Part 3's field headings without their numbers
    Spec("wd-thadlongchet", "เทศบาลตำบล", "ทดลองเจ็ดสมมุติ", "แม่ริม", "เชียงใหม่", 2566, 15, 707, numbering="close",
         layout="rows", numbered_headings=False),
    Spec("wh-thadlongkao", "องค์การบริหารส่วนตำบล", "ทดลองเก้าสมมุติ", "ห้วยยอด", "ตรัง", 2561, 14, 709, toolchain="html",
         numbering="dotted", layout="tall", numbered_headings=False, quirks=("eleventh-field",)),
    # Part 3's sheets as two-column forms (heading cell | text cell), rows cut by page breaks
    Spec("wd-thadlongsip", "เทศบาลตำบล", "ทดลองสิบสมมุติ", "เมืองนครราชสีมา", "นครราชสีมา", 2566, 14, 810,
         numbering="paren", layout="tall", quirks=("misspelt-label",), form=True),
    Spec("wc-thadlongsipet", "องค์การบริหารส่วนตำบล", "ทดลองสิบเอ็ดสมมุติ", "ศรีราชา", "ชลบุรี", 2561, 13, 811,
         toolchain="chromium", numbering="dotted", layout="rows", shuffle_fields=True, numbered_headings=False,
         quirks=("eleventh-field",), form=True),
]


# --------------------------------------------------------------------------- the plan's data
@dataclass
class Project:
    seq: int
    dimension: int
    mission: str  # "1.2"
    kind: str
    name: str
    yearly: dict[int, int]  # fiscal year → baht
    fields: dict[str, object] = field(default_factory=dict)


def draw(spec: Spec) -> list[Project]:
    rng = random.Random(spec.seed)
    years = _years(spec)
    share = [max(2, round(spec.count * w)) for w in (0.3, 0.35, 0.15, 0.2)]
    share[0] += spec.count - sum(share)
    out: list[Project] = []
    lao = spec.lao_type + spec.name
    for d, n in enumerate(share, start=1):
        missions = MISSIONS[d - 1]
        for k in range(n):
            seq = len(out) + 1
            m = k * len(missions) // n + 1
            kind = KINDS[rng.randrange(3)]
            topic = TOPICS[(seq * 5 + spec.seed) % len(TOPICS)]
            amount = rng.choice([0, 0, 0, 10_000, 20_000, 30_000, 50_000, 120_000, 1_000_000])
            first_free = amount and rng.random() < 0.3  # not funded in the first year
            yearly = {y: (0 if first_free and i == 0 else amount) for i, y in enumerate(years)}
            name = f"{kind}{topic}{'ของ' + lao if rng.random() < 0.5 else ''}"
            p = Project(seq, d, f"{d}.{m}", kind, name, yearly)
            p.fields = {
                "rationale": [rng.choice(RATIONALE) + f" {lao}จึงได้จัดทำ{kind}นี้ขึ้น"],
                "objectives": rng.sample(OBJECTIVES, rng.randint(2, 3)),
                "target_group": rng.choice(TARGETS).format(n=rng.choice([30, 50, 100, 200])),
                "area": f"ภายในเขตพื้นที่{lao}",
                "method": rng.sample(METHODS, rng.randint(2, 4)),
                "duration": f"ปีงบประมาณ พ.ศ. {years[0]} - {years[-1]}",
                "budget": f"{amount:,} บาท" if amount else "ไม่ใช้งบประมาณ",
                "responsible": rng.choice(UNITS),
                "outputs": rng.sample(OUTPUTS, rng.randint(1, 2)),
                "outcomes": rng.sample(OUTCOMES, rng.randint(1, 2)),
            }
            out.append(p)
    return out


def _years(spec: Spec) -> list[int]:
    return list(range(spec.gen, spec.gen + (5 if spec.gen == 2566 else 4)))


def _digits(spec: Spec, text: str) -> str:
    return text.translate(THAI) if spec.digits == "thai" else text


# --------------------------------------------------------------------------- the document model
@dataclass
class Para:
    text: str
    align: str = "left"  # left | center | right | justify
    bold: bool = False
    size: float = 16
    break_before: bool = False
    indent: float = 0.0  # cm


@dataclass
class Table:
    rows: list[list[list[str]]]  # row → cell → the cell's lines (explicit line breaks)
    widths: list[float]  # cm
    header_rows: int = 0
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r0, c0, r1, c1 inclusive
    size: float = 14
    align_right: frozenset[int] = frozenset()  # columns of figures
    ruled: bool = True
    rows_ruled: bool = True  # False: ruled by its columns alone (the frame and the header ruled)


@dataclass
class Image:
    path: Path


@dataclass
class Section:
    landscape: bool = False
    header: str = ""


Block = Para | Table | Image | Section


def announcement_png(spec: Spec, out: Path) -> Path:
    """The signed announcement as a scanned page (an image with no text layer)."""
    from PIL import Image as PImage, ImageDraw, ImageFont

    import fontpkg_sarabun

    font = ImageFont.truetype(str(fontpkg_sarabun.ROOT / "files" / "Sarabun-Regular.ttf"), 34)
    page = PImage.new("L", (1240, 1754), 250)
    draw_ = ImageDraw.Draw(page)
    years = _years(spec)
    lines = [f"ประกาศ{spec.lao_type}{spec.name}", "เรื่อง ประกาศใช้แผนปฏิบัติการป้องกันการทุจริต",
             _digits(spec, f"(พ.ศ. {years[0]} - {years[-1]})"), "",
             "เพื่อให้การป้องกันการทุจริตเป็นไปอย่างมีประสิทธิภาพ จึงประกาศใช้แผนนี้", "",
             _digits(spec, f"ประกาศ ณ วันที่ 15 ตุลาคม {years[0] - 1}")]
    y = 200
    for text in lines:
        draw_.text((160, y), text, font=font, fill=30)
        y += 60
    page.save(out)
    return out


def build(spec: Spec, projects: list[Project], tmp: Path) -> list[Block]:
    years = _years(spec)
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    lao = spec.lao_type + spec.name
    period = d(f"(พ.ศ. {years[0]} – {years[-1]})")
    header = f"แผนปฏิบัติการป้องกันการทุจริต {lao}" if not spec.name_on_cover else ""
    blocks: list[Block] = [Section(header=header)]
    if spec.announcement_first:
        blocks.append(Image(announcement_png(spec, tmp / "announcement.png")))
    for k in range(1, spec.cover_page):
        if not spec.announcement_first or k > 1:
            blocks.append(Para("สารบัญ" if k == spec.cover_page - 1 else "", "center", True, 20, True))
            blocks.append(Para(d("คำนำ 1 ส่วนที่ 1 บทนำ 2 ส่วนที่ 2 แผนปฏิบัติการ 5 ส่วนที่ 3 รายละเอียดโครงการ 8")))
    cover = [Para("แผนปฏิบัติการป้องกันการทุจริต", "center", True, 24, spec.announcement_first or spec.cover_page > 1),
             Para("เพื่อยกระดับคุณธรรมและความโปร่งใส" if spec.gen == 2566 else "๔ ปี", "center", True, 24),
             Para(period, "center", True, 22)]
    if spec.name_on_cover:
        cover += [Para(lao, "center", True, 22), Para(f"อำเภอ{spec.district} จังหวัด{spec.province}", "center", True, 22)]
    blocks += cover
    counts = [sum(1 for p in projects if p.dimension == k) for k in (1, 2, 3, 4)]
    blocks.append(Para("คำนำ", "center", True, 20, True))
    blocks.append(Para(f"{lao} อำเภอ{spec.district} จังหวัด{spec.province} ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต "
                       f"{period} รวมทั้งสิ้นจำนวน {d(len(projects))} โครงการ ดังนี้", "justify", indent=0))
    for k, n in enumerate(counts, start=1):
        blocks.append(Para(d(f"มิติที่ {k} {DIMENSIONS[spec.gen][k - 1]} จำนวน {n} โครงการ"), indent=1.25))
    blocks += _part1(spec, lao)
    blocks += _part2(spec, projects)
    blocks += _part3(spec, projects)
    blocks += _appendix(spec, lao)
    return blocks


RISKS = [("การบริหารงานบุคคล", "การแต่งตั้งโยกย้ายไม่เป็นธรรม", "ปานกลาง", "มาตรการสร้างความโปร่งใสในการบริหารงานบุคคล"),
         ("การจัดซื้อจัดจ้าง", "การจัดซื้อจัดจ้างไม่เป็นไปตามระเบียบ", "สูง", "มาตรการป้องกันผลประโยชน์ทับซ้อน")]


def members(spec: Spec) -> list[tuple[int, str, str, str]]:
    """The committee order's members: (no, name, position, role); a member listed by office has no name."""
    lao = spec.lao_type + spec.name
    out = [(1, "นายสมชาย ใจดี", f"นาย{lao}", "ประธานกรรมการ"), (2, "นางสาวสมหญิง รักษ์ดี", f"ปลัด{lao}", "กรรมการ")]
    if spec.office_members:
        out += [(3, "", "ผู้อำนวยการกองคลัง", "กรรมการ"), (4, "", "หัวหน้าสำนักปลัด", "กรรมการ")]
    return out + [(len(out) + 1, "นายวิชัย มั่นคง", "นักวิเคราะห์นโยบายและแผน", "กรรมการและเลขานุการ")]


def _part1(spec: Spec, lao: str) -> list[Block]:
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    risk_rows = [[[d(str(k))], [process], [d("1. ") + risk], [level], [d("1. ") + control]]
                 for k, (process, risk, level, control) in enumerate(RISKS, start=1)]
    return [Section(header=f"แผนปฏิบัติการป้องกันการทุจริต {lao}" if not spec.name_on_cover else ""),
            Para(d("ส่วนที่ 1"), "center", True, 20, True), Para("บทนำ", "center", True, 20),
            Para(d("1. การประเมินความเสี่ยงการทุจริตในองค์กร"), bold=True),
            Table([[["ลำดับที่"], ["ขั้นตอนการดำเนินงาน"], ["ประเด็นความเสี่ยงการทุจริต"], ["Risk Score"],
                    ["มาตรการควบคุมความเสี่ยงการทุจริต"]], *risk_rows],
                  [1.5, 3.5, 4.5, 2.2, 5.0], header_rows=1),
            Para(d("2. วัตถุประสงค์ของการจัดทำแผน"), bold=True),
            Para(d(f"(1) เพื่อแสดงเจตจำนงสุจริตของผู้บริหาร{lao}"), indent=1.25),
            Para(d("(2) เพื่อยกระดับคุณธรรมและความโปร่งใส"), indent=1.25)]


def _marker(spec: Spec, p: Project, index_in_submission: int) -> str:
    sub = f"{p.mission}.1"
    return {"close": f"{p.seq}) ", "paren": f"({p.seq}) ", "xyz": f"{sub} ({index_in_submission}) ",
            "dotted": f"{sub}.{index_in_submission} ", "bullet": "- ", "none": ""}[spec.numbering]


def _chunks(text: str, size: int) -> list[str]:
    """A name broken into printed lines of about ``size`` letters, never before a combining mark."""
    marks = set("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e\u0e33")
    out, current = [], ""
    for i, ch in enumerate(text):
        current += ch
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if len(current) >= size and nxt and nxt not in marks and ch not in "เแโใไ" and nxt != " " and ch != " ":
            out.append(current)
            current = ""
    return [*out, current] if current else out


def _figure(spec: Spec, value: int, zero: str) -> str:
    return _digits(spec, f"{value:,}") if value else zero


def _part2(spec: Spec, projects: list[Project]) -> list[Block]:
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    years = _years(spec)
    ny = len(years)
    if spec.narrow:  # portrait: 17 cm for every column, figures wrap in the year columns
        widths = [1.5, 2.0, 3.9, *[1.7] * ny, 1.0] if ny == 5 else [1.7, 2.3, 4.6, *[1.75] * ny, 1.4]
    else:
        widths = [2.0, 2.8, 6.4, *[2.4] * ny, 1.8]
    chunk = 12 if spec.narrow else 17
    rows: list[list[list[str]]] = [
        [["มิติ"], ["ภารกิจตามมิติ"], ["โครงการ/กิจกรรม/มาตรการ"], *[[d(f"ปี {y}")] for y in years], ["หมายเหตุ"]],
        [[""], [""], [""], *[["(บาท)"] for _ in years], [""]]]
    merges = [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3 + ny, 1, 3 + ny)]
    zero = "-" if spec.layout == "tall" else d("0")
    grand = {y: 0 for y in years}
    for dim in (1, 2, 3, 4):
        members = [p for p in projects if p.dimension == dim]
        first_row = len(rows)
        dim_text = d(f"{dim}. ") + DIMENSIONS[spec.gen][dim - 1]
        by_mission: dict[str, list[Project]] = {}
        for p in members:
            by_mission.setdefault(p.mission, []).append(p)
        for mission, group in by_mission.items():
            m_text = d(mission) + " " + MISSIONS[dim - 1][int(mission.split(".")[1]) - 1]
            start = len(rows)
            if spec.layout == "rows":
                for i, p in enumerate(group, start=1):
                    note = [NOTE_UNITS[p.seq % len(NOTE_UNITS)]] if spec.notes else [""]
                    rows.append([[""], [""], [d(_marker(spec, p, i)) + p.name],
                                 *[[_figure(spec, p.yearly[y], zero)] for y in years], note])
                rows[start][1] = [m_text]
                if len(group) > 1:
                    merges.append((start, 1, len(rows) - 1, 1))
            else:
                names, figs, notes = [], {y: [] for y in years}, []
                for i, p in enumerate(group, start=1):
                    lines = _chunks(d(_marker(spec, p, i)) + p.name, chunk)
                    names += lines
                    notes += [NOTE_UNITS[p.seq % len(NOTE_UNITS)] if spec.notes else ""] + [""] * (len(lines) - 1)
                    for y in years:
                        if spec.layout == "tall":
                            figs[y] += [_figure(spec, p.yearly[y], zero)] + [""] * (len(lines) - 1)
                        else:
                            figs[y].append(_figure(spec, p.yearly[y], zero))
                rows.append([[""], [m_text], names, *[figs[y] for y in years], notes])
        rows[first_row][0] = [dim_text]
        if len(rows) - 1 > first_row:
            merges.append((first_row, 0, len(rows) - 1, 0))
        sums = {y: sum(p.yearly[y] for p in members) for y in years}
        printed = {y: v + (10_000 if spec.subtotal_error and dim == 1 else 0) for y, v in sums.items()}
        for y in years:
            grand[y] += printed[y]
        label, count = _total_label(spec, dim, members)
        rows.append([[label[0]] if spec.totals == "dim-only" else [""], [label[1]] if spec.totals != "dim-only" else [""],
                     [count], *[[d(f"{printed[y]:,}") if printed[y] else zero] for y in years], [""]])
    if spec.totals != "dim-only":
        rows.append([[""], ["รวมทั้งสิ้น"], [d(f"จำนวน {len(projects)} โครงการ")],
                     *[[d(f"{grand[y]:,}")] for y in years], [""]])
    landscape = not spec.narrow
    return [Section(landscape=landscape), Para(d("ส่วนที่ 2"), "center", True, 20, True),
            Para("แผนปฏิบัติการป้องกันการทุจริต", "center", True, 18),
            Para(d(f"(พ.ศ. {years[0]} – {years[-1]})"), "center", True, 18),
            Table(rows, widths, header_rows=2, merges=merges, size=13,
                  align_right=frozenset(range(3, 3 + ny)), rows_ruled=spec.part2_rules == "all")]


def _total_label(spec: Spec, dim: int, members: list[Project]) -> tuple[tuple[str, str], str]:
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    if spec.totals == "dim-only":
        return (d(f"รวมมิติที่ {dim}"), ""), d(f"จำนวน {len(members)} โครงการ")
    if spec.totals == "counts":
        kinds = [(k, sum(1 for p in members if p.kind == k)) for k in ("มาตรการ", "กิจกรรม", "โครงการ")]
        return ("", "รวม"), " ".join(d(f"{n} {k}") for k, n in kinds if n)
    return ("", "รวม"), d(f"จำนวน {len(members)} โครงการ")


FIELDS_2566 = [("name", "ชื่อโครงการ"), ("rationale", "หลักการและเหตุผล"), ("objectives", "วัตถุประสงค์"),
               ("target_group", "กลุ่มเป้าหมาย"), ("method", "วิธีดำเนินการ"), ("duration", "ระยะเวลาดำเนินการ"),
               ("budget", "งบประมาณดำเนินการ"), ("responsible", "ผู้รับผิดชอบโครงการ"),
               ("results", "ผลผลิต/ผลลัพธ์")]
FIELDS_2561 = [("name", "ชื่อโครงการ"), ("rationale", "หลักการและเหตุผล"), ("objectives", "วัตถุประสงค์"),
               ("target_group", "เป้าหมาย"), ("area", "พื้นที่ดำเนินการ"), ("method", "วิธีดำเนินการ"),
               ("duration", "ระยะเวลาการดำเนินงาน"), ("budget", "งบประมาณที่ใช้ในการดำเนินการ"),
               ("responsible", "ผู้รับผิดชอบโครงการ"), ("results", "ตัวชี้วัด/ผลลัพธ์")]


def sheet_fields(spec: Spec, p: Project) -> list[tuple[str, str]]:
    """The fields project ``p``'s sheet prints, in its order, with the heading printed."""
    fields = list(FIELDS_2566 if spec.gen == 2566 else FIELDS_2561)
    rng = random.Random(spec.seed * 1000 + p.seq)
    if spec.shuffle_fields and p.seq % 2 == 0:
        i, j = [k for k, (f, _) in enumerate(fields) if f in ("duration", "budget")]
        fields[i], fields[j] = fields[j], fields[i]
        if rng.random() < 0.5:
            i, j = [k for k, (f, _) in enumerate(fields) if f in ("objectives", "target_group")]
            fields[i], fields[j] = fields[j], fields[i]
    if "missing-field" in spec.quirks and p.seq == 3:
        fields = [f for f in fields if f[0] != "target_group"]
    if "merged-field" in spec.quirks and p.seq in (2, 5):
        fields = [f for f in fields if f[0] != "area"]
        fields = [("area+duration", "สถานที่/ระยะเวลาดำเนินการ") if f[0] == "duration" else f for f in fields]
    if "misspelt-label" in spec.quirks and p.seq == 4:
        fields = [(f, "ตังชี้วัด/ผลลัพธ์" if f == "results" and spec.gen == 2561 else
                   "ผู้รับผิดขอบโครงการ" if f == "responsible" else h) for f, h in fields]
    if "eleventh-field" in spec.quirks and p.seq == 6:
        fields.append(("extra", "การติดตามและประเมินผล"))
    return fields


def _part3(spec: Spec, projects: list[Project]) -> list[Block]:
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    blocks: list[Block] = [Section(landscape=False), Para(d("ส่วนที่ 3"), "center", True, 20, True),
                           Para("รายละเอียดโครงการ/กิจกรรม/มาตรการ", "center", True, 18)]
    last_dim, last_mission = 0, ""
    for p in projects:
        opens = len(blocks)
        if p.dimension != last_dim:
            blocks.append(Para(d(f"มิติที่ {p.dimension} {DIMENSIONS[spec.gen][p.dimension - 1]}"), bold=True))
            last_dim = p.dimension
        if p.mission != last_mission:
            blocks.append(Para(d(p.mission) + " " + MISSIONS[p.dimension - 1][int(p.mission.split(".")[1]) - 1],
                               bold=True))
            last_mission = p.mission
        if spec.gen == 2566:
            blocks.append(Para(d(f"ลำดับที่ {p.seq}"), "right", True))
        if spec.form:
            blocks.append(_form(spec, p))
        else:
            for n, (name, heading) in enumerate(sheet_fields(spec, p), start=1):
                blocks += _field(spec, p, n, name, heading)
        if spec.page_per_project and p is not projects[0]:
            blocks[opens].break_before = True  # type: ignore[union-attr]
        if "non-project-sheet" in spec.quirks and p.seq == 7:
            blocks += _agreement_sheet(spec)
    return blocks


def _agreement_sheet(spec: Spec) -> list[Block]:
    """A sheet inside Part 3 that is no project: a performance agreement with a score table."""
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    return [Para("ข้อตกลงการปฏิบัติราชการ", "center", True, 18, True),
            Para(f"ระหว่างนายก{spec.lao_type}{spec.name} กับหัวหน้าส่วนราชการ", "center"),
            Table([[["ตัวชี้วัด"], ["ค่าเป้าหมาย"], ["คะแนน"]],
                   [["ร้อยละของงานที่แล้วเสร็จตามแผน"], [d("80")], [d("5")]],
                   [["ความพึงพอใจของผู้รับบริการ"], [d("85")], [d("5")]]], [8.0, 3.0, 3.0], header_rows=1),
            Para("ทั้งสองฝ่ายได้เข้าใจข้อตกลงและเห็นพ้องกันแล้ว จึงได้ลงลายมือชื่อไว้เป็นสำคัญ", indent=1.25)]


def _form(spec: Spec, p: Project) -> Table:
    """Project ``p``'s sheet as a form: one row a field, its heading in a narrow left cell (where a
    long heading wraps), its text in the right cell."""
    rows = []
    for n, (name, heading) in enumerate(sheet_fields(spec, p), start=1):
        head, *body = [b.text for b in _field(spec, p, n, name, heading) if isinstance(b, Para)]
        if name == "name":
            head, value = head.split(" : ", 1)
            body = [value]
        rows.append([[head], body])
    return Table(rows, [4.5, 12.0], size=16)


def _field(spec: Spec, p: Project, n: int, name: str, heading: str) -> list[Block]:
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    f = p.fields
    head = d(f"{n}. {heading}") if spec.numbered_headings else heading
    if name == "name":
        return [Para(f"{head} : {p.name}", bold=True)]
    out = [Para(head, bold=True)]
    if name in ("objectives", "method"):
        out += [Para(d(f"{n}.{i} ") + item, indent=1.0) for i, item in enumerate(f[name], 1)]  # type: ignore[arg-type]
    elif name == "rationale":
        out += [Para(t, "justify", indent=1.25) for t in f["rationale"]]  # type: ignore[union-attr]
    elif name == "results":
        out += [Para("ผลผลิต", indent=1.0)] + [Para(d(f"({i}) ") + o, indent=1.5) for i, o in enumerate(f["outputs"], 1)]
        out += [Para("ผลลัพธ์", indent=1.0)] + [Para(d(f"({i}) ") + o, indent=1.5) for i, o in enumerate(f["outcomes"], 1)]
    elif name == "area+duration":
        out += [Para(f"{f['area']} {d(f['duration'])}", indent=1.0)]
    elif name == "extra":
        out += [Para("ติดตามและรายงานผลการดำเนินงานต่อผู้บริหารทุกไตรมาส", indent=1.0)]
    else:
        out += [Para(d(str(f[name])), indent=1.0)]
    return out


def _appendix(spec: Spec, lao: str) -> list[Block]:
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    year = _years(spec)[0] - 1
    rows = [[f"{no}. {name or position}", position if name else "", role] for no, name, position, role in members(spec)]
    return [Para("ภาคผนวก", "center", True, 20, True), Para("คำสั่ง" + lao, "center", True, break_before=True),
            Para(d(f"ที่ 12 / {year}"), "center"), Para("เรื่อง แต่งตั้งคณะกรรมการจัดทำแผนปฏิบัติการป้องกันการทุจริต"),
            Para(f"{lao} จึงแต่งตั้งคณะกรรมการ ประกอบด้วย", indent=1.25),
            Table([[[d(a)], [b], [c]] for a, b, c in rows], [6.0, 6.5, 4.0], ruled=False),
            Para("โดยมีหน้าที่และอำนาจ ดังต่อไปนี้", indent=1.25)]


# --------------------------------------------------------------------------- expectations
def expected(spec: Spec, projects: list[Project]) -> dict[str, object]:
    """What a correct reading gives: identity, every project's fields, Part 2 cells and totals."""
    d = lambda s: _digits(spec, str(s))  # noqa: E731
    years = _years(spec)
    rows = []
    for p in projects:
        printed = dict(sheet_fields(spec, p))
        f = p.fields
        merged = "area+duration" in printed
        row = {"seq": p.seq, "dimension_no": p.dimension, "mission_no": p.mission, "name": p.name,
               "rationale": "\n".join(f["rationale"]),  # type: ignore[arg-type]
               "objectives": list(f["objectives"]),  # type: ignore[arg-type]
               "target_group": d(f["target_group"]) if "target_group" in printed else "",
               "method": list(f["method"]),  # type: ignore[arg-type]
               "duration": d(f"{f['area']} {d(f['duration'])}") if merged else d(f["duration"]),
               "budget_baht": max(p.yearly.values()), "budget_text": d(f["budget"]),
               "responsible": f["responsible"], "outputs": list(f["outputs"]),  # type: ignore[arg-type]
               "outcomes": list(f["outcomes"])}  # type: ignore[arg-type]
        if spec.gen == 2561 or merged:
            row["area"] = d(f"{f['area']} {d(f['duration'])}") if merged else f["area"]
        rows.append(row)
    totals = []
    for dim in (1, 2, 3, 4):
        s = sum(p.yearly[years[0]] for p in projects if p.dimension == dim)
        totals.append({"dimension_no": dim, "fiscal_year_be": years[0],
                       "printed_baht": s + (10_000 if spec.subtotal_error and dim == 1 else 0), "rows_sum_baht": s})
    errors = ["subtotal-mismatch"] if spec.subtotal_error else []
    if spec.subtotal_error and spec.totals != "dim-only":
        errors.append("grand-total-mismatch")
    return {"doc_id": spec.doc_id, "toolchain": spec.toolchain,
            "template": "nacc_2566_2570" if spec.gen == 2566 else "nacc_2561_2564",
            "variations": {k: v for k, v in spec.__dict__.items() if k not in (
                "doc_id", "lao_type", "name", "district", "province", "count", "seed")},
            "document": {"lao_name": spec.lao_type + spec.name, "lao_type": spec.lao_type, "district": spec.district,
                         "province": spec.province, "plan_start_be": years[0], "plan_end_be": years[-1]},
            "projects": rows,
            "budgets": {str(p.seq): {str(y): v for y, v in p.yearly.items()} for p in projects},
            "totals": totals, "error_codes": errors,
            "risks": [{"no": k, "process": process, "risks": [risk], "level": level, "controls": [control]}
                      for k, (process, risk, level, control) in enumerate(RISKS, start=1)],
            "committee": [{"no": no, "name": name, "position": position, "role": role}
                          for no, name, position, role in members(spec)]}


# --------------------------------------------------------------------------- writers
def sarabun_for_fontconfig() -> None:
    """Make the Sarabun family visible to LibreOffice (fontconfig) once."""
    import fontpkg_sarabun

    target = Path.home() / ".local" / "share" / "fonts" / "sarabun"
    if not (target / "Sarabun-Regular.ttf").exists():
        target.mkdir(parents=True, exist_ok=True)
        for ttf in (fontpkg_sarabun.ROOT / "files").glob("*.ttf"):
            shutil.copy(ttf, target / ttf.name)
        subprocess.run(["fc-cache", "-f", str(target)], check=True, capture_output=True)


def _columns_only(table, header_rows: int) -> None:
    """A DOCX table ruled by its columns alone: the frame and the header ruled, no rule between rows."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def border(parent, edge: str, value: str = "single") -> None:
        e = OxmlElement(f"w:{edge}")
        e.set(qn("w:val"), value)
        e.set(qn("w:sz"), "4")
        parent.append(e)

    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideV"):
        border(borders, edge)
    border(borders, "insideH", "nil")
    tblpr.append(borders)
    for cell in table.rows[header_rows - 1].cells:
        tcpr = cell._tc.get_or_add_tcPr()
        cell_borders = OxmlElement("w:tcBorders")
        border(cell_borders, "bottom")
        tcpr.append(cell_borders)


def to_docx(blocks: list[Block], path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Sarabun"
    normal.font.size = Pt(15)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), "Sarabun")
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), "30")
    rpr.append(size_cs)
    normal.paragraph_format.space_after = Pt(0)
    aligns = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
              "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.THAI_JUSTIFY}
    first_section = True

    def page_number(section) -> None:
        para = section.header.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("- ")
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), "PAGE")
        para._p.append(fld)
        para.add_run(" -")

    for block in blocks:
        if isinstance(block, Section):
            section = doc.sections[0] if first_section else doc.add_section()
            first_section = False
            section.orientation = WD_ORIENT.LANDSCAPE if block.landscape else WD_ORIENT.PORTRAIT
            w, h = Cm(21.0), Cm(29.7)
            section.page_width, section.page_height = (h, w) if block.landscape else (w, h)
            section.left_margin = section.right_margin = Cm(2.0)
            section.top_margin = section.bottom_margin = Cm(2.0)
            section.header.is_linked_to_previous = False
            if block.header:
                section.header.paragraphs[0].text = block.header
                section.header.add_paragraph()
                page_number_para = section.header.paragraphs[1]
                fld = OxmlElement("w:fldSimple")
                fld.set(qn("w:instr"), "PAGE")
                page_number_para._p.append(fld)
                page_number_para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                page_number(section)
        elif isinstance(block, Para):
            para = doc.add_paragraph()
            if block.break_before:
                para.paragraph_format.page_break_before = True
            para.alignment = aligns[block.align]
            para.paragraph_format.first_line_indent = Cm(block.indent) if block.indent else None
            run = para.add_run(block.text)
            run.bold = block.bold
            run.font.size = Pt(block.size)
        elif isinstance(block, Image):
            para = doc.add_paragraph()
            para.paragraph_format.page_break_before = True
            para.add_run().add_picture(str(block.path), width=Cm(16.5))
            para.add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Table):
            ncols = len(block.widths)
            table = doc.add_table(rows=len(block.rows), cols=ncols)
            if block.ruled:
                table.style = "Table Grid"
                if not block.rows_ruled:
                    _columns_only(table, block.header_rows)
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            table.autofit = False
            for c, width in enumerate(block.widths):  # LibreOffice lays the grid out from these
                table.columns[c].width = Cm(width)
            tblpr = table._tbl.tblPr
            for tag, attrs in (("w:tblW", {"w:w": str(round(sum(block.widths) * 567)), "w:type": "dxa"}),
                               ("w:tblLayout", {"w:type": "fixed"})):
                for old in tblpr.findall(qn(tag)):
                    tblpr.remove(old)
                element = OxmlElement(tag)
                for k, v in attrs.items():
                    element.set(qn(k), v)
                tblpr.append(element)
            for r, row in enumerate(block.rows):
                if r < block.header_rows:
                    trpr = table.rows[r]._tr.get_or_add_trPr()
                    head = OxmlElement("w:tblHeader")
                    head.set(qn("w:val"), "true")
                    trpr.append(head)
                for c, lines in enumerate(row):
                    cell = table.cell(r, c)
                    cell.width = Cm(block.widths[c])
                    para = cell.paragraphs[0]
                    if c in block.align_right and r >= block.header_rows:
                        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    elif r < block.header_rows:
                        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    for k, text in enumerate(lines):
                        if k:
                            para.add_run().add_break()
                        run = para.add_run(text)
                        run.font.size = Pt(block.size)
            for r0, c0, r1, c1 in block.merges:
                texts = [block.rows[r][c] for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)]
                merged = table.cell(r0, c0).merge(table.cell(r1, c1))
                # python-docx joins the merged cells' paragraphs: keep the first cell's only
                for extra in merged.paragraphs[1:]:
                    if not extra.text.strip():
                        extra._p.getparent().remove(extra._p)
                del texts
    doc.save(str(path))


def to_html(blocks: list[Block]) -> str:
    from html import escape

    import fontpkg_sarabun

    font = (fontpkg_sarabun.ROOT / "files" / "Sarabun-Regular.ttf").as_uri()
    bold = (fontpkg_sarabun.ROOT / "files" / "Sarabun-Bold.ttf").as_uri()
    css = [f"@font-face {{ font-family: Sarabun; src: url('{font}'); }}",
           f"@font-face {{ font-family: Sarabun; font-weight: bold; src: url('{bold}'); }}",
           "body { font-family: Sarabun; font-size: 15pt; line-height: 1.35; }",
           "p { margin: 0; } table { border-collapse: collapse; margin: 4pt auto; }",
           "table.ruled td { border: 0.7pt solid black; } td { vertical-align: top; padding: 1pt 3pt; }",
           "table.cols { border: 0.7pt solid black; } table.cols thead td { border: 0.7pt solid black; }",
           "table.cols td { border-left: 0.7pt solid black; border-right: 0.7pt solid black; }",
           "thead { display: table-header-group; } tr { break-inside: avoid; }",
           "@page portrait { size: A4 portrait; margin: 2cm; @top-center { content: '- ' counter(page) ' -'; } }",
           "@page landscape { size: A4 landscape; margin: 2cm; @top-center { content: '- ' counter(page) ' -'; } }",
           ".portrait { page: portrait; } .landscape { page: landscape; }"]
    out = [f"<html><head><meta charset='utf-8'><style>{' '.join(css)}</style></head><body>"]
    open_div = False
    for block in blocks:
        if isinstance(block, Section):
            if open_div:
                out.append("</div>")
            kind = "landscape" if block.landscape else "portrait"
            head = f"<p style='text-align:right;font-size:11pt'>{escape(block.header)}</p>" if block.header else ""
            out.append(f"<div class='{kind}' style='break-before: page'>{head}")
            open_div = True
        elif isinstance(block, Para):
            style = [f"text-align:{block.align}", f"font-size:{block.size}pt"]
            if block.bold:
                style.append("font-weight:bold")
            if block.break_before:
                style.append("break-before:page")
            if block.indent:
                style.append(f"text-indent:{block.indent}cm")
            out.append(f"<p style='{';'.join(style)}'>{escape(block.text) or '&nbsp;'}</p>")
        elif isinstance(block, Image):
            out.append(f"<p style='break-before:page;break-after:page'><img src='{block.path.as_uri()}' "
                       "style='width:16.5cm'></p>")
        elif isinstance(block, Table):
            out.append(_html_table(block, escape))
    out.append("</div></body></html>" if open_div else "</body></html>")
    return "\n".join(out)


def _html_table(block: Table, escape) -> str:
    covered: set[tuple[int, int]] = set()
    span: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in block.merges:
        span[(r0, c0)] = (r1 - r0 + 1, c1 - c0 + 1)
        covered |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    cls = ("ruled" if block.rows_ruled else "cols") if block.ruled else ""
    rows = []
    for r, row in enumerate(block.rows):
        cells = []
        for c, lines in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = span.get((r, c), (1, 1))
            align = "right" if c in block.align_right and r >= block.header_rows else (
                "center" if r < block.header_rows else "left")
            body = "<br>".join(escape(t) for t in lines) or "&nbsp;"
            cells.append(f"<td rowspan='{rs}' colspan='{cs}' style='width:{block.widths[c]}cm;text-align:{align};"
                         f"font-size:{block.size}pt'>{body}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head, body = rows[:block.header_rows], rows[block.header_rows:]
    return (f"<table class='{cls}'><thead>{''.join(head)}</thead><tbody>{''.join(body)}</tbody></table>")


def render(spec: Spec, blocks: list[Block], pdf: Path, tmp: Path) -> None:
    if spec.toolchain == "html":
        from weasyprint import HTML

        HTML(string=to_html(blocks), base_url=str(tmp)).write_pdf(str(pdf))
        return
    if spec.toolchain == "chromium":
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            raise SystemExit("Chromium is needed: apt-get install chromium")
        page = tmp / f"{spec.doc_id}.html"
        page.write_text(to_html(blocks), encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/chromium", f"--print-to-pdf={pdf}", page.as_uri()],
                       check=True, capture_output=True, timeout=300)
        return
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: make corpora-tools")
    sarabun_for_fontconfig()
    docx = tmp / f"{spec.doc_id}.docx"
    to_docx(blocks, docx)
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp), str(docx)], check=True, capture_output=True, timeout=300)
    shutil.move(str(tmp / f"{spec.doc_id}.pdf"), pdf)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--expected-only", action="store_true")
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args(argv)
    (HERE / "pdf").mkdir(exist_ok=True)
    (HERE / "expected").mkdir(exist_ok=True)
    for spec in PLANS:
        if args.only and spec.doc_id not in args.only:
            continue
        projects = draw(spec)
        (HERE / "expected" / f"{spec.doc_id}.json").write_text(
            json.dumps(expected(spec, projects), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if args.expected_only:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            blocks = build(spec, projects, Path(tmp))
            render(spec, blocks, HERE / "pdf" / f"{spec.doc_id}.pdf", Path(tmp))
        print(spec.doc_id, spec.toolchain, len(projects), "projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
