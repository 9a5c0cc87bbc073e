"""Part 2: the ruled table of every project by dimension and mission, one budget column per year.

Rows continue across pages under a repeated header; one cell often holds
several projects ("๑) … ๒) …") with their figures stacked in the year cells.
A figure goes to a project only with evidence: it sits on the line where the
project starts, or the cell holds exactly one figure per project in order.
Otherwise it is kept with no project (``seq`` empty) and a check says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from pipeline.checks import check
from pipeline.numerals import thai_int, to_arabic
from pipeline.records import Check, Page

from .tables import Cell, CellLine, Row, ruled_rows
from .template import Template

ALIGN_PT = 4.0  # a figure within this many points of a project's first line is on that line
_PROJECT_START = regex.compile(r"^\s*([0-9๐-๙]{1,3})\)\s*")
_YEAR = regex.compile(r"(25[0-9]{2})")
_FIGURE = regex.compile(r"^[0-9๐-๙][0-9๐-๙,]*(?:\.[0-9๐-๙]+)?$|^[-–]$")
_COUNT = regex.compile(r"จำนวน\s*([0-9๐-๙]+)\s*โครงการ")


@dataclass(frozen=True, slots=True)
class BudgetRow:
    doc_id: str
    seq: int | None
    dimension_no: int | None
    mission_no: str
    name: str
    fiscal_year_be: int
    budget_baht: int
    page: int


@dataclass(frozen=True, slots=True)
class BudgetTotal:
    doc_id: str
    dimension_no: int | None  # None: the grand total
    fiscal_year_be: int
    printed_baht: int | None
    rows_sum_baht: int
    printed_project_count: int | None
    page: int


@dataclass(slots=True)
class _Project:
    seq: int
    name: str
    page: int
    top: float


@dataclass(slots=True)
class _Group:
    dimension: int | None
    mission: str
    projects: list[_Project] = field(default_factory=list)
    figures: dict[int, list[tuple[int, int, float]]] = field(default_factory=dict)  # year → (value, page, top)


@dataclass(frozen=True, slots=True)
class SummaryTable:
    budgets: tuple[BudgetRow, ...]
    totals: tuple[BudgetTotal, ...]
    projects: dict[int, tuple[int | None, str]]  # seq → (dimension, name) as Part 2 lists them
    checks: tuple[Check, ...]
    # cells whose figures could not be tied to single projects: (page, projects, year → figures)
    unassigned: tuple[tuple[int, tuple[int, ...], dict[int, list[int]]], ...] = ()


def figure_value(text: str) -> int | None:
    """A budget cell figure: "๑,๐๐๐,๐๐๐" → 1000000, "๐" and "-" → 0."""
    text = text.strip()
    if text in ("-", "–"):
        return 0
    return thai_int(text)


def _columns(header: Row) -> dict[str, int | list[tuple[int, int]]]:
    roles: dict[str, int | list[tuple[int, int]]] = {}
    years: list[tuple[int, int]] = []
    for i, cell in enumerate(header.cells):
        text = cell.text if cell else ""
        if m := _YEAR.search(to_arabic(text)):
            years.append((i, int(m[1])))
        elif "ภารกิจ" in text:
            roles["mission"] = i
        elif "โครงการ" in text or "กิจกรรม" in text:
            roles["project"] = i
        elif "หมายเหตุ" in text:
            roles["note"] = i
        elif "มิติ" in text or "มติ" in text:
            roles["dimension"] = i
    roles["years"] = years
    return roles


_GROUPED = regex.compile(r"^[0-9๐-๙]{1,3}(?:,[0-9๐-๙]{3})*$")


def _figures(lines: tuple[CellLine, ...]) -> list[tuple[int, float]]:
    """The figures of a year cell with their line tops; a number that wrapped inside a narrow cell
    ("๑,๗๕" / "๐,๐๐๐") is joined again when only the joined form is a well-grouped number."""
    tokens: list[tuple[str, float]] = []
    for line in lines:
        for token in line.text.split():
            if not _FIGURE.match(token):
                continue
            if tokens:
                prev, top = tokens[-1]
                joined = prev + token
                if _GROUPED.match(joined) and "," in joined and (
                        prev.endswith(",") or not _GROUPED.match(prev) or not _GROUPED.match(token)):
                    tokens[-1] = (joined, top)
                    continue
            tokens.append((token, line.top))
    return [(v, top) for token, top in tokens if (v := figure_value(token)) is not None]


_FRAGMENT = regex.compile(r"^[0-9๐-๙,]+$")


def _join_split_numbers(rows: list[Row]) -> list[Row]:
    """A row broken at a page break may carry the rest of a number ("00") into the first row of
    the next page (below the repeated header); give those digits back to the number they finish."""
    out: list[Row] = []
    last_data: int | None = None  # index in ``out`` of the last row that is not a header
    for row in rows:
        texts = [c.text.strip() if c else "" for c in row.cells]
        if any("(บาท)" in t for t in texts) or any(_YEAR.search(to_arabic(t)) and "ปี" in t for t in texts):
            out.append(row)  # a (repeated) header row
            continue
        prev = out[last_data] if last_data is not None else None
        if prev is not None and row.page > prev.page and len(row.cells) == len(prev.cells):
            cells, rest = list(prev.cells), list(row.cells)
            moved = False
            for i, (old, new) in enumerate(zip(prev.cells, row.cells)):
                if old is None or new is None or not old.lines or not new.lines:
                    continue
                tail, head = old.lines[-1].text.strip(), new.lines[0].text.strip()
                if _FRAGMENT.match(tail) and not _GROUPED.match(tail) and _FRAGMENT.match(head) \
                        and _GROUPED.match(tail + head):
                    cells[i] = Cell(old.bbox, old.lines[:-1] + (CellLine(tail + head, old.lines[-1].top),))
                    rest[i] = Cell(new.bbox, new.lines[1:])
                    moved = True
            if moved:
                out[last_data] = Row(prev.page, prev.top, tuple(cells))
                row = Row(row.page, row.top, tuple(rest))
                if not any(c.text.strip() for c in row.cells if c):
                    continue
        out.append(row)
        last_data = len(out) - 1
    return out


def extract_summary(pdf_path: Path, pages: list[Page], template: Template, doc_id: str) -> SummaryTable:
    rows = _join_split_numbers(ruled_rows(pdf_path, pages, template.fiscal_years + 3))
    budgets: list[BudgetRow] = []
    totals: list[BudgetTotal] = []
    checks: list[Check] = []
    listed: dict[int, tuple[int | None, str]] = {}
    roles: dict[str, int | list[tuple[int, int]]] = {}
    dimension: int | None = None
    mission = ""
    group: _Group | None = None
    sums: dict[tuple[int | None, int], int] = {}
    groups: list[tuple[int, tuple[int, ...], dict[int, list[int]]]] = []
    next_seq = 1

    def close(g: _Group | None) -> None:
        if g is None:
            return
        unassigned: dict[int, list[int]] = {}
        for year, figs in sorted(g.figures.items()):
            assigned = _assign(g, figs)
            for (value, page, _top), project in zip(figs, assigned):
                budgets.append(BudgetRow(doc_id, project.seq if project else None, g.dimension, g.mission,
                                         project.name if project else "", year, value, page))
                sums[(g.dimension, year)] = sums.get((g.dimension, year), 0) + value
            if any(p is None for p in assigned):
                unassigned[year] = [v for v, _, _ in figs]
        if unassigned:
            page = next(iter(g.figures.values()))[0][1]
            groups.append((page, tuple(p.seq for p in g.projects), unassigned))
            shown = "; ".join(f"{y}: {', '.join(f'{v:,}' for v in vs)}" for y, vs in unassigned.items())
            whom = (f"projects {', '.join(str(p.seq) for p in g.projects)}" if g.projects
                    else "no project (a mission row with figures)")
            checks.append(check("budget-figure-unassigned", page,
                                f"Part 2, mission {g.mission or '?'}: figures for {whom} that no line or count "
                                f"ties to one project ({shown}); kept with seq empty"))

    for row in rows:
        texts = [c.text.strip() if c else "" for c in row.cells]
        joined = " ".join(texts)
        if _YEAR.search(to_arabic(joined)) and ("ภารกิจ" in joined or "มิติ" in joined or "มติ" in joined):
            roles = _columns(row)
            continue
        if not roles or "งบประมาณ (บาท)" in joined.replace("\n", " ") and not any(
                _FIGURE.match(t) for t in joined.split()):
            continue
        years: list[tuple[int, int]] = roles["years"]  # type: ignore[assignment]
        dim_text = texts[roles["dimension"]] if "dimension" in roles else ""
        mission_text = texts[roles["mission"]] if "mission" in roles else ""
        project_cell = row.cells[roles["project"]] if "project" in roles else None
        if mission_text.startswith("รวม"):  # subtotal or grand total
            close(group)
            group = None
            count = _COUNT.search(joined)
            grand = "ทั้งสิ้น" in "".join(mission_text.split())
            for col, year in years:
                cell = row.cells[col]
                figs = _figures(cell.lines) if cell else []
                totals.append(BudgetTotal(doc_id, None if grand else dimension, year,
                                          figs[0][0] if figs else None, 0,
                                          thai_int(count[1]) if count else None, row.page))
            continue
        if m := regex.match(r"^([0-9๐-๙]+)\s*\.", dim_text):
            dimension = thai_int(m[1])
        if m := regex.match(r"^([0-9๐-๙]+\.[0-9๐-๙]+)", mission_text):
            mission = ".".join(str(thai_int(x)) for x in m[1].split("."))
        starts: list[_Project] = []
        if project_cell:
            for line in project_cell.lines:
                pm = _PROJECT_START.match(line.text)
                if pm and thai_int(pm[1]) == next_seq:  # numbers run on; "ปณ ๑๐๐)" is not project 100
                    starts.append(_Project(next_seq, line.text[pm.end():], row.page, line.top))
                    next_seq += 1
                elif starts:
                    starts[-1].name += line.text
                elif group and group.projects:  # continuation of the previous row's last project
                    group.projects[-1].name += line.text
        figures = {year: [(v, row.page, top) for v, top in _figures(row.cells[col].lines)]
                   for col, year in years if row.cells[col]}
        has_figures = any(figures.values())
        if group is not None and starts and not has_figures and not mission_text:
            group.projects.extend(starts)  # the rest of a row that LibreOffice/Word split at a page break
        elif starts or (mission_text and has_figures):
            close(group)
            group = _Group(dimension, mission, starts)
        elif group is None:
            group = _Group(dimension, mission)
        for year, figs in figures.items():
            group.figures.setdefault(year, []).extend(figs)
        for p in starts:
            listed[p.seq] = (dimension, p.name)
    close(group)

    # what the rows add up to, beside each printed subtotal and the grand total
    filled = []
    for t in totals:
        if t.dimension_no is None:
            rows_sum = sum(v for (d, y), v in sums.items() if y == t.fiscal_year_be)
        else:
            rows_sum = sums.get((t.dimension_no, t.fiscal_year_be), 0)
        filled.append(BudgetTotal(t.doc_id, t.dimension_no, t.fiscal_year_be, t.printed_baht, rows_sum,
                                  t.printed_project_count, t.page))
    return SummaryTable(tuple(budgets), tuple(filled), listed, tuple(checks), tuple(groups))


def _assign(group: _Group, figs: list[tuple[int, int, float]]) -> list[_Project | None]:
    """Each figure's project, or None where the document does not say."""
    out: list[_Project | None] = []
    for _value, page, top in figs:
        on_line = [p for p in group.projects if p.page == page and abs(p.top - top) <= ALIGN_PT]
        out.append(on_line[0] if len(on_line) == 1 else None)
    if all(p is not None for p in out) and len({id(p) for p in out}) == len(out):
        return out
    if len(figs) == len(group.projects) and group.projects:
        return list(group.projects)  # one figure per project, stacked in the same order
    return out
