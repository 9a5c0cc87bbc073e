"""What every output column means: one definition, from which the data package, the pandas
dtypes and docs/data-dictionary.md are all generated (so they cannot drift apart).

    python -m pipeline.schema > docs/data-dictionary.md
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import (BUDGET_COLUMNS, BUDGET_TOTAL_COLUMNS, CHECK_COLUMNS, COMMITTEE_COLUMNS, PROJECT_COLUMNS,
                      RISK_COLUMNS, TARGET_COLUMNS)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # Frictionless: string | integer | number
    thai: str  # the label as plans print it ("" where the column is ours)
    description: str
    example: str


C = Column
DOC = C("doc_id", "string", "", "Document identifier: the PDF's file name made safe for any file system", "kalasin")
PAGE = C("page", "integer", "หน้า", "PDF page (1-based) the row was read from", "15")
SEQ = C("seq", "integer", "ลำดับที่", "Project number in Part 3 (1, 2, …)", "1")

TABLES: dict[str, tuple[Column, ...]] = {
    "projects": (
        DOC, SEQ,
        C("dimension_no", "integer", "มิติที่", "Dimension number (1–4)", "1"),
        C("dimension_name", "string", "มิติ", "Dimension name as printed in Part 3", "การสร้างวัฒนธรรมสุจริต"),
        C("mission_no", "string", "ภารกิจ", "Mission number x.y", "1.1"),
        C("mission_name", "string", "ภารกิจตามมิติ", "Mission name as printed", "การเสริมสร้างจิตสำนึก…"),
        C("submission_no", "string", "", "Sub-mission number(s) x.y.z; several joined by ';'", "1.1.1"),
        C("submission_name", "string", "", "Sub-mission name(s), one per line", "เสริมสร้างจิตสำนึก…"),
        C("kind", "string", "โครงการ/กิจกรรม/มาตรการ", "โครงการ, มาตรการ or กิจกรรม as the name says; empty if "
          "it says none", "โครงการ"),
        C("name", "string", "ชื่อโครงการ", "Project name", "โครงการพัฒนาความรู้ด้านกฎหมาย…"),
        C("rationale", "string", "หลักการและเหตุผล", "Rationale, paragraphs one per line", "การบริหารจัดการ…"),
        C("objectives", "string", "วัตถุประสงค์", "Objectives, one per line, without their markers", "เพื่อให้…"),
        C("target_group", "string", "กลุ่มเป้าหมาย / เป้าหมาย", "Target group as printed; groups the plan lists one "
          "per line", "บุคลากร … จำนวน ๒๐๐ คน"),
        C("area", "string", "พื้นที่ดำเนินการ", "Area of operation (2561–2564 template)", "ภายในเขตพื้นที่…"),
        C("method", "string", "วิธีดำเนินการ", "Method steps, one per line, without their markers", "จัดทำโครงการ…"),
        C("duration", "string", "ระยะเวลาดำเนินการ", "Duration as printed", "ปีงบประมาณ พ.ศ. ๒๕๖๖ - ๒๕๗๐"),
        C("period_start_be", "integer", "", "First fiscal year named in the duration (Buddhist era)", "2566"),
        C("period_end_be", "integer", "", "Last fiscal year named in the duration (Buddhist era)", "2570"),
        C("budget_text", "string", "งบประมาณ", "Budget field as printed", "๑,๐๐๐,๐๐๐ บาท"),
        C("budget_baht", "integer", "", "Budget in baht: ไม่ใช้งบประมาณ and - are 0; empty when unknown (an "
          "unfilled template line)", "1000000"),
        C("responsible", "string", "ผู้รับผิดชอบ", "Responsible unit as printed", "สำนักปลัดเทศบาล"),
        C("outputs", "string", "ผลผลิต", "Outputs, one per line", "มีการจัดอบรม…"),
        C("outcomes", "string", "ผลลัพธ์ / ตัวชี้วัด", "Outcomes or indicators, one per line", "ร้อยละ ๘๐…"),
        C("note", "string", "หมายเหตุ", "The project's trailing note, as printed", "(หมายเหตุ เป็นการดำเนินการ…)"),
        C("page_start", "integer", "", "First PDF page of the project", "24"),
        C("page_end", "integer", "", "Last PDF page of the project", "27"),
    ),
    "budgets": (
        DOC, C("seq", "integer", "ลำดับที่", "Project number; empty where the page ties the figure to no single "
               "project", "1"),
        C("dimension_no", "integer", "มิติ", "Dimension number", "1"),
        C("mission_no", "string", "ภารกิจ", "Mission number x.y", "1.1"),
        C("name", "string", "โครงการ/กิจกรรม/มาตรการ", "Project name as Part 2 lists it", "โครงการพัฒนา…"),
        C("fiscal_year_be", "integer", "ปี", "Fiscal year (Buddhist era)", "2566"),
        C("budget_baht", "integer", "งบประมาณ (บาท)", "The figure printed for that year, in baht", "1000000"),
        PAGE,
    ),
    "budget_totals": (
        DOC, C("dimension_no", "integer", "มิติ", "Dimension of a subtotal; empty for the grand total", "1"),
        C("fiscal_year_be", "integer", "ปี", "Fiscal year (Buddhist era)", "2566"),
        C("printed_baht", "integer", "รวม", "The total as printed", "1330000"),
        C("rows_sum_baht", "integer", "", "What the rows it totals add up to", "1200000"),
        C("printed_project_count", "integer", "จำนวน … โครงการ", "The project count printed on the total row", "9"),
        PAGE,
    ),
    "risks": (
        DOC, C("no", "integer", "ลำดับที่", "Row number of the risk-assessment table", "1"),
        C("process", "string", "ขั้นตอนการดำเนินงาน", "Work process", "การบริหารงานบุคคล"),
        C("risks", "string", "ประเด็นความเสี่ยงการทุจริต", "Corruption risks, one per line", "การบรรจุแต่งตั้ง…"),
        C("level", "string", "Risk Score", "Risk level as printed", "ปานกลาง"),
        C("controls", "string", "มาตรการควบคุมความเสี่ยง", "Control measures, one per line", "มาตรการ…"), PAGE,
    ),
    "targets": (
        DOC, C("indicator", "string", "ค่าเป้าหมาย", "Target indicator", "คะแนน ITA"),
        C("fiscal_year_be", "integer", "ปี", "Fiscal year (Buddhist era)", "2566"),
        C("value", "number", "", "Target value", "85"),
        C("unit", "string", "", "Unit as printed (ร้อยละ, คะแนน…)", "คะแนน"), PAGE,
    ),
    "committee": (
        DOC, C("no", "integer", "", "Member number as printed", "1"),
        C("name", "string", "", "Member (a person, or an office when no person is named)", "นายจารุวัฒน์ บุญเพิ่ม"),
        C("position", "string", "ตำแหน่ง", "Position", "นายกเทศมนตรี"),
        C("role", "string", "", "Role on the committee", "ประธานคณะกรรมการ"), PAGE,
    ),
    "checks": (
        DOC, C("code", "string", "", "Stable kebab-case code of the finding (pipeline/checks.py)", "subtotal-mismatch"),
        C("severity", "string", "", "error, warning or info", "error"),
        C("message", "string", "", "What was found, with the values compared", "printed subtotal 1,330,000 …"),
        C("page", "integer", "หน้า", "PDF page the finding points to; empty for the whole document", "17"),
    ),
}
COLUMN_ORDER = {"projects": PROJECT_COLUMNS, "budgets": BUDGET_COLUMNS, "budget_totals": BUDGET_TOTAL_COLUMNS,
                "risks": RISK_COLUMNS, "targets": TARGET_COLUMNS, "committee": COMMITTEE_COLUMNS,
                "checks": CHECK_COLUMNS}
# In one document's folder doc_id is constant, so seq alone is the key; a budget figure that no
# project owns has seq empty, which a single-field foreign key allows. The combined tables of a
# batch key projects by project_key ("doc_id#seq") for the same reason.
PRIMARY_KEYS = {"projects": ["seq"], "risks": ["no"], "committee": ["no"]}
FOREIGN_KEYS = {"budgets": [{"fields": ["seq"], "reference": {"resource": "projects", "fields": ["seq"]}}]}
PROJECT_KEY = C("project_key", "string", "", "doc_id#seq: the project's key across documents (combined tables)",
                "kalasin#1")
KEYED = ("projects", "budgets")


def _fields(columns: tuple[Column, ...]) -> list[dict[str, str]]:
    return [{"name": c.name, "type": c.type, "description": c.description, **({"title": c.thai} if c.thai else {})}
            for c in columns]


def table_schema(table: str) -> dict[str, object]:
    """Frictionless Table Schema of one output table."""
    schema: dict[str, object] = {"fields": _fields(TABLES[table]), "missingValues": [""]}
    if table in PRIMARY_KEYS:
        schema["primaryKey"] = PRIMARY_KEYS[table]
    if table in FOREIGN_KEYS:
        schema["foreignKeys"] = FOREIGN_KEYS[table]
    return schema


LAO_FIELDS = (C("lao_code", "string", "", "The LAO code given in the batch manifest", "6460101"),
              C("lao_name", "string", "ชื่อ อปท.", "LAO name from the cover", "เทศบาลเมืองกาฬสินธุ์"),
              C("lao_type", "string", "ประเภท", "LAO type", "เทศบาลเมือง"),
              C("district", "string", "อำเภอ", "District", "เมืองกาฬสินธุ์"),
              C("province", "string", "จังหวัด", "Province", "กาฬสินธุ์"),
              C("province_code", "string", "รหัสจังหวัด", "DOPA province code (gazetteer: geothai); empty where not tied",
                "46"),
              C("district_code", "string", "รหัสอำเภอ", "DOPA district code; empty where not tied", "4601"),
              C("subdistrict_code", "string", "รหัสตำบล",
                "DOPA subdistrict code, for an LAO named after its subdistrict; empty otherwise", "460101"))


# a batch's one row per plan (all_plans.csv): every other all_* table's doc_id points to it
PLANS = (
    DOC, *LAO_FIELDS,
    C("plan_start_be", "integer", "", "First fiscal year of the plan (Buddhist era)", "2566"),
    C("plan_end_be", "integer", "", "Last fiscal year of the plan (Buddhist era)", "2570"),
    C("template", "string", "", "NACC template generation the plan was read with", "nacc-2566-2570"),
    C("status", "string", "", "ok, partial or failed (run_report.csv has the reason)", "ok"),
    C("pages", "integer", "", "Pages of the PDF", "114"),
    C("projects", "integer", "", "Part 3 projects found", "30"),
    C("part2_total_baht", "integer", "", "Part 2's project rows added up over every fiscal year", "9250000"),
    C("part2_by_year", "string", "", "Part 2's project rows added up per fiscal year, year=baht;…",
      "2566=1850000;2567=1850000"),
    C("part3_budget_baht", "integer", "", "Part 3's budget fields added up (those that state an amount)", "4380000"),
    C("checks_error", "integer", "", "Error-level checks", "6"),
    C("checks_warning", "integer", "", "Warning-level checks", "3"),
    C("checks_info", "integer", "", "Information checks", "40"),
    C("province_en", "string", "", "The province's official English name (gazetteer)", "Kalasin"),
    C("district_name", "string", "", "The district's official Thai name (gazetteer)", "เมืองกาฬสินธุ์"),
    C("district_en", "string", "", "The district's official English name (gazetteer)", "Mueang Kalasin"),
    C("subdistrict_name", "string", "", "The subdistrict's official Thai name (gazetteer)", "กาฬสินธุ์"),
    C("subdistrict_en", "string", "", "The subdistrict's official English name (gazetteer)", "Kalasin"),
    C("place_method", "string", "", "How each level was matched: exact, capital (อำเภอเมือง) or fuzzy:score",
      "province=exact;district=exact;subdistrict=exact"),
    C("place_score", "number", "", "The weakest level's name similarity, 0–100 (100: exact)", "100"),
    C("gazetteer_version", "string", "", "The gazetteer data release the codes come from", "2026.10.23"),
    C("identity_pages", "string", "", "The page each identity value was read from, field=page;…",
      "district=1;lao_name=1;period=1;province=1"),
    C("sha256", "string", "", "SHA-256 of the source PDF", "7bf4df7b…"),
    C("path", "string", "", "The source PDF as the batch was given it", "plans/kalasin.pdf"),
)


def datapackage(name: str, tables: list[str], prefix: str = "", encoding: str = "utf-8-sig") -> dict[str, object]:
    """datapackage.json for a folder of ``prefix + table + '.csv'`` files (prefix "all_": a batch's
    combined tables, which carry the LAO columns after doc_id)."""
    resources = []
    for table in (t for t in tables if t != "plans"):
        schema = table_schema(table)
        if prefix:
            fields = schema["fields"]  # type: ignore[index]
            extra = LAO_FIELDS + ((PROJECT_KEY,) if table in KEYED else ())
            lao = [{"name": c.name, "type": c.type, "description": c.description} for c in extra]
            schema["fields"] = fields[:1] + lao + fields[1:]  # type: ignore[index]
            schema.pop("primaryKey", None)
            schema.pop("foreignKeys", None)
            if table == "projects":
                schema["primaryKey"] = ["project_key"]
            if table == "budgets":
                schema["foreignKeys"] = [{"fields": ["project_key"],
                                          "reference": {"resource": "projects", "fields": ["project_key"]}}]
            if "plans" in tables:
                schema.setdefault("foreignKeys", []).append(  # type: ignore[union-attr]
                    {"fields": ["doc_id"], "reference": {"resource": "plans", "fields": ["doc_id"]}})
        resources.append({"name": table, "path": f"{prefix}{table}.csv", "profile": "tabular-data-resource",
                          "format": "csv", "encoding": encoding, "schema": schema})
    if prefix and "plans" in tables:
        resources.insert(0, {"name": "plans", "path": f"{prefix}plans.csv", "profile": "tabular-data-resource",
                             "format": "csv", "encoding": encoding, "schema": {
                                 "fields": _fields(PLANS), "missingValues": [""], "primaryKey": ["doc_id"]}})
    return {"name": name.lower().replace("_", "-"), "profile": "tabular-data-package", "resources": resources}


def single_line_columns(table: str) -> list[str]:
    """The text columns whose values hold no line break: all but those the dictionary says hold
    one item (or paragraph) per line."""
    return [c.name for c in TABLES[table] if c.type == "string" and "per line" not in c.description]


def pandas_dtypes(table: str) -> dict[str, str]:
    return {c.name: {"integer": "Int64", "number": "Float64", "string": "string"}[c.type] for c in TABLES[table]}


def read_table(path) -> "pandas.DataFrame":  # noqa: F821
    """A table plan2data wrote (``projects.csv``, a batch's ``all_projects.csv``…) as a DataFrame with
    the declared types: codes such as ``mission_no`` "2.10" stay text (plain ``pd.read_csv`` would
    read 2.1), counts and baht are nullable integers.

    The same without this package: the ``datapackage.json`` beside the file names each column's
    type (see the README, "Loading the tables").
    """
    from pathlib import Path

    import pandas as pd

    path = Path(path)
    table = path.stem.removeprefix("all_")
    dtypes = pandas_dtypes(table)
    if path.stem.startswith("all_"):
        dtypes.update({c.name: "string" for c in (*LAO_FIELDS, PROJECT_KEY)})
    return pd.read_csv(path, encoding="utf-8-sig", dtype=dtypes)


def dictionary_markdown() -> str:
    lines = ["# Data dictionary", "", "Generated from `pipeline/schema.py` (`python -m pipeline.schema`); "
             "every CSV a run writes, each column with its label as Thai plans print it.", "",
             "Text a PDF wraps over several lines is joined: a number broken at a wrap whole, a Latin word "
             "whole where the plan prints it so; between two Thai words with the space the PDF printed at "
             "the line's end where the file keeps such spaces (Word does), else with a space only where the "
             "plan's own phrasing shows one (a phrase space a LibreOffice or browser file dropped at a wrap "
             "may be missing: compare text with spaces removed when exactness matters).", ""]
    lines += ["A batch's combined tables (`all_<table>.csv`) add, after `doc_id`:", "",
              "| column | Thai label | meaning | type | example |", "|---|---|---|---|---|"]
    for c in LAO_FIELDS + (PROJECT_KEY,):
        lines.append(f"| `{c.name}` | {c.thai} | {c.description} | {c.type} | {c.example} |")
    lines.append("")
    tables = {**TABLES, "all_plans (a batch's)": PLANS}
    for table, cols in tables.items():
        lines += [f"## {table}.csv", "", "| column | Thai label | meaning | type | example |", "|---|---|---|---|---|"]
        for c in cols:
            lines.append(f"| `{c.name}` | {c.thai} | {c.description} | {c.type} | {c.example} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(dictionary_markdown(), end="")
