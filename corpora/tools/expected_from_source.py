"""Draft the golden expectations of a plan from its source text, not from the pipeline.

The source text has one logical line per paragraph or list item, so the
expected value of every field can be read off it directly. This script only
drafts ``expected/projects.json``; a person reads the diff against the source
before it is committed (``make golden``). It deliberately shares no code with
``pipeline/``, so a pipeline bug cannot write itself into the goldens.

    python corpora/tools/expected_from_source.py SOURCE.txt OUT.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
FIELD_HEADINGS = [  # (column, printed heading) as they appear in the Kalasin source
    ("name", r"ชื่อโครงการ"),
    ("rationale", r"หลักการและเหตุผล(?:/ที่มาของโครงการ|/ความเป็นมา)?"),
    ("objectives", r"วัตถุประสงค์"),
    ("target_group", r"กลุ่มเป้าหมาย"),
    ("method", r"วิธี(?:การ)?ดำเนิน(?:การ|งาน)"),
    ("duration", r"ระยะเวลา(?:การ)?ดำเนิน(?:การ|งาน)"),
    ("budget", r"งบประมาณ(?:ที่ใช้ในการ)?ดำเนินการ"),
    ("responsible", r"ผู้รับผิดชอบ(?:โครงการ)?"),
    ("results", r"ผลผลิต\s*[/,]\s*ผลลัพธ์"),
]
LIST_FIELDS = {"objectives", "method", "outputs", "outcomes"}
MARKER = re.compile(r"^(?:\(?[0-9๐-๙]+(?:\.[0-9๐-๙]+)*\)|[0-9๐-๙]+\.)\s*")


def n(text: str) -> int:
    return int(text.translate(DIGITS))


def baht(text: str) -> int | None:
    if text.startswith("ระบุ"):
        return None
    if text.startswith(("ไม่ใช้งบประมาณ", "ไม่ได้ใช้งบประมาณ")) or text.strip() == "-":
        return 0
    m = re.match(r"^([๐-๙,]+)\s*บาท$", text)
    return n(m[1].replace(",", "")) if m else None


def kind(name: str) -> str:
    return next((k for k in ("โครงการ", "มาตรการ", "กิจกรรม") if name.startswith(k)), "")


def logical_lines(source: str) -> list[str]:
    out = []
    for line in source.split("\n"):
        line = line.strip()
        if line.startswith("- "):
            line = line[2:].strip()  # a Markdown list marker of the source, not printed
        if line:
            out.append(line)
    return out


def projects(source: str) -> list[dict[str, object]]:
    lines = logical_lines(source)
    start = lines.index("ส่วนที่ ๓")
    end = lines.index("ภาคผนวก")
    dim = mission = sub = None
    sub_used = False
    result: list[dict[str, object]] = []
    current: dict[str, list[str]] | None = None
    field = None
    for line in lines[start + 1 : end]:
        if m := re.match(r"^ม(?:ิ)?ติที่ ([๐-๙]+) (.+)$", line):
            dim, mission, sub = (n(m[1]), m[2]), None, None
            continue
        if m := re.match(r"^([๐-๙]+\.[๐-๙]+\.[๐-๙]+) (.+)$", line):
            no = ".".join(str(n(x)) for x in m[1].split("."))
            if sub and not sub_used:  # several sub-missions before one project: all of them
                sub = (f"{sub[0]};{no}", f"{sub[1]}\n{m[2]}")
            else:
                sub = (no, m[2])
            sub_used = False
            continue
        if m := re.match(r"^([๐-๙]+\.[๐-๙]+) (.+)$", line):
            mission, sub = (".".join(str(n(x)) for x in m[1].split(".")), m[2]), None
            continue
        if line == "รายละเอียดโครงการ/กิจกรรม/มาตรการ":
            continue
        if m := re.match(r"^ลำดับที่ ([๐-๙]+)$", line):
            current = {"_seq": [str(n(m[1]))]}
            sub_used = True
            result.append({"seq": n(m[1]), "dimension_no": dim[0], "dimension_name": dim[1],
                           "mission_no": mission[0] if mission else "",
                           "mission_name": mission[1] if mission else "",
                           "submission_no": sub[0] if sub else "",
                           "submission_name": sub[1] if sub else "", "_fields": current})
            field = None
            continue
        assert current is not None, line
        heading = None
        for col, pattern in FIELD_HEADINGS:
            if m := re.match(rf"^[๐-๙]+\. ({pattern})\s*:?\s*(.*)$", line):
                heading = col
                field = col
                current.setdefault(col, [])
                if m[2]:
                    current[col].append(m[2])
                break
        if heading:
            continue
        if line.startswith(("(หมายเหตุ", "หมายเหตุ")):
            field = "note"
        elif field in ("results", "outputs", "outcomes") and line in ("ผลผลิต", "ผลลัพธ์"):
            field = "outputs" if line == "ผลผลิต" else "outcomes"
            continue
        current.setdefault(field, []).append(line)

    for p in result:
        f = p.pop("_fields")
        for col in ("name", "rationale", "target_group", "duration", "budget", "responsible", "note"):
            p[col] = "\n".join(f.get(col, []))
        for col in ("objectives", "method", "outputs", "outcomes"):
            p[col] = [MARKER.sub("", item) for item in f.get(col, [])]
        p["area"] = ""
        p["kind"] = kind(p["name"])
        years = re.findall(r"(25[๐-๙]{2}|๒๕[๐-๙]{2})", p["duration"])
        p["period_start_be"] = n(years[0]) if years else None
        p["period_end_be"] = n(years[-1]) if years else None
        p["budget_text"] = p.pop("budget")
        p["budget_baht"] = baht(p["budget_text"])
    return result


def main(argv: list[str]) -> int:
    source, out = Path(argv[0]), Path(argv[1])
    data = projects(source.read_text(encoding="utf-8"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {len(data)} projects")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
