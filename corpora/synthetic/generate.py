"""Plans of invented municipalities, both NACC template generations, three layouts, with expectations.

    python corpora/synthetic/generate.py            # writes pdf/ and expected/ (needs LibreOffice)
    python corpora/synthetic/generate.py --expected-only

Each plan is drawn from a seeded random generator: LAO (type, name, district, province), project
count 15–45 (one older plan with 82), budgets, fields. The same data writes the plan's text (in the
markup of corpora/kalasin/source.txt, rendered by corpora/tools/render_plan.py) and its expected
projects, so the expectations are exact by construction.

Generations: 2566–2570 (five years, "ลำดับที่ N", nine fields, ผลผลิต/ผลลัพธ์ blocks) and 2561–2564
(four years, no "ลำดับที่", ten fields with เป้าหมาย, พื้นที่ดำเนินการ, ตัวชี้วัด/ผลลัพธ์, sub-items
numbered 3.1, 3.2, a running header on every page). Layouts: A Laksaman, Thai digits, landscape
Part 2; B Norasi, Arabic digits, portrait Part 2, "มิติที่ 1."; C Kinnari, Thai digits, running
header.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "corpora" / "tools"))

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

DIMENSIONS = {
    2566: ["การสร้างวัฒนธรรมสุจริต", "การบริหารราชการด้วยความโปร่งใส",
           "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
           "การยกระดับกลไกการตรวจสอบการดำเนินงานขององค์กรปกครองส่วนท้องถิ่น"],
    2561: ["การสร้างสังคมที่ไม่ทนต่อการทุจริต", "การบริหารราชการเพื่อป้องกันการทุจริต",
           "การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน",
           "การเสริมสร้างและปรับปรุงกลไกในการตรวจสอบการปฏิบัติราชการขององค์กรปกครองส่วนท้องถิ่น"],
}
MISSIONS = [
    ["การเสริมสร้างจิตสำนึกและความตระหนักแก่บุคลากร", "การสร้างจิตสำนึกและความตระหนักแก่ประชาชน",
     "การสร้างจิตสำนึกและความตระหนักแก่เด็กและเยาวชน"],
    ["การเปิดเผยข้อมูลสาธารณะ", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส", "มาตรการลดการใช้ดุลพินิจ"],
    ["การส่งเสริมให้ประชาชนมีส่วนร่วมบริหารกิจการ", "การรับฟังความคิดเห็นและเรื่องร้องเรียนของประชาชน"],
    ["การจัดวางระบบตรวจสอบภายในและการควบคุมภายใน", "การส่งเสริมบทบาทการตรวจสอบของสภาท้องถิ่น",
     "มาตรการจัดการเรื่องร้องเรียนการทุจริต"],
]
TOPICS = ["ส่งเสริมคุณธรรมจริยธรรมบุคลากร", "เผยแพร่ข้อมูลข่าวสารแก่ประชาชน", "ป้องกันผลประโยชน์ทับซ้อน",
          "จัดทำคู่มือการปฏิบัติงาน", "ประเมินความพึงพอใจของประชาชน", "อบรมกฎหมายและระเบียบที่เกี่ยวข้อง",
          "จัดเวทีประชาคมหมู่บ้าน", "ตรวจสอบภายในประจำปี", "บริหารความเสี่ยงการทุจริต",
          "สร้างภูมิคุ้มกันทางสังคมให้เด็กและเยาวชน", "เชิดชูเกียรติบุคลากรดีเด่น", "พัฒนาศูนย์ข้อมูลข่าวสาร",
          "ส่งเสริมชุมชนเฝ้าระวังการทุจริต", "พัฒนาศักยภาพสมาชิกสภาท้องถิ่น", "รับเรื่องร้องเรียนร้องทุกข์",
          "ลดขั้นตอนการให้บริการประชาชน", "ส่งเสริมการดำเนินชีวิตตามหลักปรัชญาของเศรษฐกิจพอเพียง",
          "เปิดเผยข้อมูลการจัดซื้อจัดจ้าง", "จัดทำแผนปฏิบัติการป้องกันการทุจริต", "ติดตามประเมินผลการควบคุมภายใน"]
RATIONALE = ["การบริหารงานขององค์กรปกครองส่วนท้องถิ่นต้องเป็นไปตามหลักธรรมาภิบาล เปิดเผย โปร่งใส และตรวจสอบได้",
             "ปัญหาการทุจริตเป็นอุปสรรคสำคัญต่อการพัฒนาท้องถิ่นและประเทศ",
             "ประชาชนมีสิทธิได้รับรู้ข้อมูลข่าวสารและมีส่วนร่วมในการตรวจสอบการดำเนินงานของหน่วยงาน",
             "บุคลากรจำเป็นต้องมีความรู้ความเข้าใจในกฎหมาย ระเบียบ และหลักเกณฑ์ที่เกี่ยวข้องกับการปฏิบัติงาน",
             "การสร้างจิตสำนึกและค่านิยมสุจริตต้องเริ่มจากบุคลากรทุกระดับและขยายไปสู่ชุมชน"]
OBJECTIVES = ["เพื่อส่งเสริมให้บุคลากรปฏิบัติงานด้วยความซื่อสัตย์สุจริต", "เพื่อให้ประชาชนได้รับข้อมูลข่าวสารอย่างทั่วถึง",
              "เพื่อป้องกันการแสวงหาประโยชน์โดยมิชอบ", "เพื่อเพิ่มประสิทธิภาพการให้บริการประชาชน",
              "เพื่อเปิดโอกาสให้ประชาชนมีส่วนร่วมในการตรวจสอบ", "เพื่อยกระดับคุณธรรมและความโปร่งใสขององค์กร"]
METHODS = ["จัดทำโครงการเพื่อขออนุมัติจากผู้บริหาร", "แต่งตั้งคณะทำงานดำเนินการ", "ประชาสัมพันธ์โครงการผ่านช่องทางต่าง ๆ",
           "ดำเนินกิจกรรมตามแผนที่กำหนด", "ติดตามและประเมินผลการดำเนินงาน", "สรุปผลและรายงานผลการดำเนินการต่อผู้บริหาร",
           "จัดประชุมชี้แจงแนวทางการปฏิบัติ", "เผยแพร่ผลการดำเนินงานทางเว็บไซต์ของหน่วยงาน"]
OUTPUTS = ["มีการดำเนินกิจกรรมอย่างน้อยปีละ ๒ ครั้ง", "ผู้เข้าร่วมกิจกรรมไม่น้อยกว่าร้อยละ ๘๐ ของกลุ่มเป้าหมาย",
           "มีการเผยแพร่ข้อมูลอย่างน้อย ๓ ช่องทาง", "มีรายงานผลการดำเนินงานเสนอผู้บริหาร"]
OUTCOMES = ["บุคลากรมีความรู้ความเข้าใจเพิ่มขึ้นไม่น้อยกว่าร้อยละ ๘๐", "ประชาชนมีความพึงพอใจไม่น้อยกว่าร้อยละ ๘๕",
            "จำนวนเรื่องร้องเรียนการทุจริตลดลง", "การดำเนินงานขององค์กรมีความโปร่งใสและตรวจสอบได้"]
UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม", "กองสวัสดิการสังคม",
         "หน่วยตรวจสอบภายใน"]
TARGETS = ["บุคลากรขององค์กร จำนวน {n} คน", "ประชาชนในเขตพื้นที่ จำนวน {n} คน", "ผู้บริหาร สมาชิกสภา และพนักงาน จำนวน {n} คน"]
KINDS = ["โครงการ", "มาตรการ", "กิจกรรม"]

# (doc_id, LAO type, name, district, province, generation, projects, layout, seed)
PLANS = [
    ("tt-nongbua", "เทศบาลตำบล", "หนองบัวทอง", "รัตนบุรี", "สุรินทร์", 2566, 18, "A", 1),
    ("abt-nonsung", "องค์การบริหารส่วนตำบล", "โนนสูงใหม่", "โนนสูง", "นครราชสีมา", 2566, 25, "B", 2),
    ("tm-bangpla", "เทศบาลเมือง", "บางปลาทอง", "บางพลี", "สมุทรปราการ", 2566, 32, "A", 3),
    ("abj-samut", "องค์การบริหารส่วนจังหวัด", "สมุทรสาคร", "เมืองสมุทรสาคร", "สมุทรสาคร", 2566, 45, "C", 4),
    ("tn-nakhon", "เทศบาลนคร", "นครสวรรค์", "เมืองนครสวรรค์", "นครสวรรค์", 2566, 38, "B", 5),
    ("abt-huaisai", "องค์การบริหารส่วนตำบล", "ห้วยทราย", "แม่ริม", "เชียงใหม่", 2566, 15, "C", 6),
    ("tt-khokpho", "เทศบาลตำบล", "โคกโพธิ์", "โคกโพธิ์", "ปัตตานี", 2566, 21, "A", 7),
    ("abt-phaya", "องค์การบริหารส่วนตำบล", "พญาเย็น", "ปากช่อง", "นครราชสีมา", 2566, 27, "B", 8),
    ("abt-nongkhai", "องค์การบริหารส่วนตำบล", "หนองไผ่ล้อม", "เมืองนครราชสีมา", "นครราชสีมา", 2561, 24, "C", 9),
    ("tt-banmai", "เทศบาลตำบล", "บ้านใหม่", "ปากเกร็ด", "นนทบุรี", 2561, 82, "C", 10),
    ("abt-thasai", "องค์การบริหารส่วนตำบล", "ท่าทราย", "เมืองนนทบุรี", "นนทบุรี", 2561, 30, "B", 11),
    ("tm-chaiyo", "เทศบาลเมือง", "ไชโย", "ไชโย", "อ่างทอง", 2561, 19, "A", 12),
]
LAYOUTS = {"A": ("Laksaman", "thai", True), "B": ("Norasi", "arabic", False), "C": ("Kinnari", "thai", True)}
IMAGE_ONLY = ("abt-huaisai", "tm-chaiyo")  # also scanned at 200 dpi by the accuracy run


def thai_money(n: int) -> str:
    return f"{n:,}"


def make_plan(doc_id, lao_type, name, district, province, gen, count, layout, seed):
    rng = random.Random(seed)
    years = list(range(gen, gen + (5 if gen == 2566 else 4)))
    lao = lao_type + name
    dims = DIMENSIONS[gen]
    share = [max(2, round(count * w)) for w in (0.3, 0.35, 0.15, 0.2)]
    share[0] += count - sum(share)
    projects = []
    seq = 0
    for d, n in enumerate(share, start=1):
        missions = MISSIONS[d - 1]
        for k in range(n):
            seq += 1
            m = k * len(missions) // n + 1
            kind = KINDS[rng.randrange(3)]
            topic = TOPICS[(seq * 7 + seed) % len(TOPICS)]
            budget = rng.choice([0, 0, 10000, 20000, 30000, 50000, 100000, 150000])
            projects.append({
                "seq": seq, "dimension_no": d, "dimension_name": dims[d - 1],
                "mission_no": f"{d}.{m}", "mission_name": missions[m - 1],
                "submission_no": f"{d}.{m}.1" if gen == 2566 else "",
                "submission_name": f"ส่งเสริม{missions[m - 1]}" if gen == 2566 else "",
                "kind": kind, "name": f"{kind}{topic}ของ{lao} ครั้งที่ {seq}",
                "rationale": [rng.choice(RATIONALE) + f" {lao}จึงได้จัดทำ{kind}นี้ขึ้น", rng.choice(RATIONALE)],
                "objectives": rng.sample(OBJECTIVES, rng.randint(2, 4)),
                "target_group": rng.choice(TARGETS).format(n=rng.choice([30, 50, 100, 200, 300])),
                "area": f"ภายในเขตพื้นที่{lao}" if gen == 2561 else "",
                "method": rng.sample(METHODS, rng.randint(3, 6)),
                "budget": budget,
                "responsible": rng.choice(UNITS),
                "outputs": rng.sample(OUTPUTS, rng.randint(1, 2)) if gen == 2566 else [],
                "outcomes": rng.sample(OUTCOMES, rng.randint(1, 2)),
            })
    return {"doc_id": doc_id, "lao": lao, "lao_type": lao_type, "district": district, "province": province,
            "generation": gen, "years": years, "layout": layout, "projects": projects}


def source_text(plan) -> str:
    """The plan in the markup corpora/tools/render_plan.py lays out."""
    gen, years, lao = plan["generation"], plan["years"], plan["lao"]
    t = lambda n: str(n).translate(THAI)  # noqa: E731
    period = f"(พ.ศ. {t(years[0])} – {t(years[-1])})"
    out = ["แผนปฏิบัติการป้องกันการทุจริต", "เพื่อยกระดับคุณธรรมและความโปร่งใส" if gen == 2566 else "๔ ปี",
           period, lao, f"อำเภอ{plan['district']} จังหวัด{plan['province']}", "", "คำนำ", ""]
    counts = [sum(1 for p in plan["projects"] if p["dimension_no"] == d) for d in (1, 2, 3, 4)]
    out.append(f"{lao} ได้จัดทำแผนปฏิบัติการป้องกันการทุจริต {period} รวมทั้งสิ้นจำนวน "
               f"{t(len(plan['projects']))} โครงการ ดังนี้")
    for d, n in enumerate(counts, start=1):
        out.append(f"มิติที่ {t(d)} {DIMENSIONS[gen][d - 1]} จำนวน {t(n)} โครงการ")
    out += ["", lao, "", "สารบัญ", "", "\tหน้า", "คำนำ\tก", "", "ส่วนที่ ๑", "", "บทนำ", "",
            "๑. การประเมินความเสี่ยงการทุจริตในองค์กร", "",
            "ลำดับ ที่\tขั้นตอน การดำเนินงาน\tประเด็นความเสี่ยงการ ทุจริต\tRisk Score\tมาตรการ ควบคุมความเสี่ยงการทุจริต",
            "๑\tการบริหารงานบุคคล\t๑. การแต่งตั้งโยกย้ายไม่เป็นธรรม\tปานกลาง\t๑. มาตรการสร้างความโปร่งใสในการบริหารงานบุคคล",
            "๒\tการจัดซื้อจัดจ้าง\t๑. การจัดซื้อจัดจ้างไม่เป็นไปตามระเบียบ\tสูง\t๑. มาตรการป้องกันผลประโยชน์ทับซ้อน",
            "", "๒. วัตถุประสงค์ของการจัดทำแผน", "", f"- (๑) เพื่อแสดงเจตจำนงสุจริตของผู้บริหาร{lao}",
            "- (๒) เพื่อยกระดับคุณธรรมและความโปร่งใส", "", "ส่วนที่ ๒", "", "แผนปฏิบัติการป้องกันการทุจริต", period, ""]
    head = ["มติ", "ภารกิจตามมติ", "โครงการ/กิจกรรม/มาตรการ"] + [f"ปี {t(y)}" for y in years] + ["หมายเหตุ"]
    out.append("\t".join(head))
    out.append("\t\t\t" + "\t".join("งบประมาณ (บาท)" for _ in years) + "\t")
    grand = 0
    for d in (1, 2, 3, 4):
        rows = [p for p in plan["projects"] if p["dimension_no"] == d]
        last_mission = None
        for i, p in enumerate(rows):
            dim_cell = f"{t(d)}. {DIMENSIONS[gen][d - 1]}" if i == 0 else ""
            mission_cell = f"{t(p['mission_no'])} {p['mission_name']}" if p["mission_no"] != last_mission else ""
            last_mission = p["mission_no"]
            fig = t(thai_money(p["budget"])) if p["budget"] else "๐"
            out.append("\t".join([dim_cell, mission_cell, f"{t(p['seq'])}) {p['name']}"] + [fig] * len(years) + [""]))
        total = sum(p["budget"] for p in rows)
        grand += total
        out.append("\t".join(["", "รวม", f"จำนวน {t(len(rows))} โครงการ"] + [t(thai_money(total))] * len(years) + [""]))
    out.append("\t".join(["", "รวมทั้งสิ้น", f"จำนวน {t(len(plan['projects']))} โครงการ"]
                         + [t(thai_money(grand))] * len(years) + [""]))
    out += ["", "ส่วนที่ ๓", "", "รายละเอียดโครงการ/กิจกรรม/มาตรการ", ""]
    last = (None, None, None)
    for p in plan["projects"]:
        if p["dimension_no"] != last[0]:
            out += [f"มิติที่ {t(p['dimension_no'])} {p['dimension_name']}", ""]
        if p["mission_no"] != last[1]:
            out += [f"{t(p['mission_no'])} {p['mission_name']}", ""]
        if gen == 2566 and p["submission_no"] != last[2]:
            out += [f"{t(p['submission_no'])} {p['submission_name']}", ""]
        last = (p["dimension_no"], p["mission_no"], p["submission_no"])
        out += _project_text(p, plan, t)
    out += ["ภาคผนวก", "", "คำสั่ง" + lao, "", "ที่ ๑๒ / " + t(years[0] - 1), "", "ประกอบด้วย",
            "๑. นายสมชาย ใจดี\tนายก\tประธานกรรมการ", "๒. นางสมหญิง รักดี\tปลัด\tกรรมการและเลขานุการ",
            "โดยมีหน้าที่และอำนาจ ดังต่อไปนี้", ""]
    text = "\n".join(out) + "\n"
    if LAYOUTS[plan["layout"]][1] == "arabic":
        text = text.translate(ARABIC).replace("มิติที่ 1 ", "มิติที่ 1. ").replace("มิติที่ 2 ", "มิติที่ 2. ") \
            .replace("มิติที่ 3 ", "มิติที่ 3. ").replace("มิติที่ 4 ", "มิติที่ 4. ")
    return text


def _project_text(p, plan, t) -> list[str]:
    gen, years = plan["generation"], plan["years"]
    money = f"{t(thai_money(p['budget']))} บาท" if p["budget"] else "ไม่ใช้งบประมาณ"
    duration = f"ปีงบประมาณ พ.ศ. {t(years[0])} - {t(years[-1])}"
    if gen == 2566:
        out = [f"ลำดับที่ {t(p['seq'])}", "", f"๑. ชื่อโครงการ : {p['name']}", "", "๒. หลักการและเหตุผล", ""]
        out += [x for para in p["rationale"] for x in (para, "")]
        out += ["๓. วัตถุประสงค์", ""] + [f"{t(i)}) {o}" for i, o in enumerate(p["objectives"], 1)] + [""]
        out += ["๔. กลุ่มเป้าหมาย", "", p["target_group"], "", "๕. วิธีดำเนินการ", ""]
        out += [f"- {t(i)}) {m}" for i, m in enumerate(p["method"], 1)] + [""]
        out += ["๖. ระยะเวลาดำเนินการ", "", duration, "", "๗. งบประมาณดำเนินการ", "", money, "",
                "๘. ผู้รับผิดชอบโครงการ", "", p["responsible"], "", "๙. ผลผลิต/ผลลัพธ์", "", "ผลผลิต", ""]
        out += [f"{t(i)}) {o}" for i, o in enumerate(p["outputs"], 1)] + ["", "ผลลัพธ์", ""]
        out += [f"{t(i)}) {o}" for i, o in enumerate(p["outcomes"], 1)] + [""]
        return out
    out = [f"1. ชื่อโครงการ : {p['name']}", "", "2. หลักการและเหตุผล", ""]
    out += [x for para in p["rationale"] for x in (para, "")]
    out += ["3. วัตถุประสงค์", ""] + [f"3.{i} {o}" for i, o in enumerate(p["objectives"], 1)] + [""]
    out += ["4. เป้าหมาย", "", p["target_group"], "", "5. พื้นที่ดำเนินการ", "", p["area"], "",
            "6. วิธีดำเนินการ", ""] + [f"6.{i} {m}" for i, m in enumerate(p["method"], 1)] + [""]
    out += ["7. ระยะเวลาการดำเนินงาน", "", duration, "", "8. งบประมาณที่ใช้ในการดำเนินการ", "", money, "",
            "9. ผู้รับผิดชอบโครงการ", "", p["responsible"], "", "10. ตัวชี้วัด/ผลลัพธ์", ""]
    out += [f"10.{i} {o}" for i, o in enumerate(p["outcomes"], 1)] + [""]
    return out


def expected(plan) -> dict[str, object]:
    """What the pipeline must extract: the same strings source_text() prints."""
    arabic = LAYOUTS[plan["layout"]][1] == "arabic"
    conv = (lambda s: s.translate(ARABIC)) if arabic else (lambda s: s)  # noqa: E731
    t = lambda n: str(n).translate(THAI)  # noqa: E731
    years = plan["years"]
    rows = []
    for p in plan["projects"]:
        money = f"{t(thai_money(p['budget']))} บาท" if p["budget"] else "ไม่ใช้งบประมาณ"
        rows.append({
            "seq": p["seq"], "dimension_no": p["dimension_no"], "dimension_name": p["dimension_name"],
            "mission_no": p["mission_no"], "mission_name": p["mission_name"],
            "submission_no": p["submission_no"], "submission_name": p["submission_name"],
            "kind": p["kind"], "name": conv(p["name"]), "rationale": conv("\n".join(p["rationale"])),
            "objectives": [conv(o) for o in p["objectives"]], "target_group": conv(p["target_group"]),
            "area": conv(p["area"]), "method": [conv(m) for m in p["method"]],
            "duration": conv(f"ปีงบประมาณ พ.ศ. {t(years[0])} - {t(years[-1])}"),
            "period_start_be": years[0], "period_end_be": years[-1], "budget_text": conv(money),
            "budget_baht": p["budget"], "responsible": p["responsible"],
            "outputs": [conv(o) for o in p["outputs"]], "outcomes": [conv(o) for o in p["outcomes"]],
            "note": "",
        })
    return {"doc_id": plan["doc_id"], "template": "nacc_2566_2570" if plan["generation"] == 2566 else "nacc_2561_2564",
            "document": {"lao_name": plan["lao"], "lao_type": plan["lao_type"], "district": plan["district"],
                         "province": plan["province"], "plan_start_be": years[0], "plan_end_be": years[-1]},
            "projects": rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--expected-only", action="store_true")
    args = ap.parse_args()
    (HERE / "pdf").mkdir(exist_ok=True)
    (HERE / "expected").mkdir(exist_ok=True)
    for spec in PLANS:
        plan = make_plan(*spec)
        (HERE / "expected" / f"{plan['doc_id']}.json").write_text(
            json.dumps(expected(plan), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if args.expected_only:
            continue
        import tempfile

        import render_plan

        font, _digits, landscape = LAYOUTS[plan["layout"]]
        header = f"แผนปฏิบัติการป้องกันการทุจริต {plan['lao']}" if plan["layout"] == "C" else ""
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "source.txt"
            src.write_text(source_text(plan), encoding="utf-8")
            render_plan.render(src, HERE / "pdf" / f"{plan['doc_id']}.pdf", font, landscape, header)
        print(plan["doc_id"], len(plan["projects"]), "projects")
    return 0


if __name__ == "__main__":
    sys.exit(main())
