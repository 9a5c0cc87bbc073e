"""Frozen records passed between the stages.

Every value keeps where it came from (page numbers, boxes) and text keeps
the raw extraction beside the repaired form.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


def enclosing(boxes) -> BBox:
    """The box that encloses every one of ``boxes`` (at least one).

    >>> enclosing([(0, 5, 10, 8), (4, 2, 6, 9)])
    (0, 2, 10, 9)
    """
    boxes = list(boxes)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def as_row(record: object) -> dict[str, object]:
    """A flat record's fields as a dict, values shared, not copied (``dataclasses.asdict`` deep-copies
    every value, a third of the time a plan took to write). For records whose values are plain data.

    >>> as_row(Check("x", "info", "m"))
    {'code': 'x', 'severity': 'info', 'message': 'm', 'page': None, 'field': ''}
    """
    return {name: getattr(record, name) for name in record.__dataclass_fields__}  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line of a page, in reading order."""

    page: int
    text: str  # repaired
    raw: str  # as the text engine gave it
    bbox: BBox
    repairs: int = 0


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: tuple[Line, ...]
    source: str = "text-layer"  # text-layer | repaired | ocr
    repairs: int = 0
    quality: dict[str, object] | None = field(default=None, compare=False)
    words: tuple[tuple[str, BBox], ...] = field(default=(), compare=False, repr=False)  # raw, for tables
    # ruling lines (vertical, horizontal), each a thin box; None until the text engine reads them
    rulings: tuple[tuple[BBox, ...], tuple[BBox, ...]] | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(frozen=True, slots=True)
class Check:
    """A finding about the document: a flaw of the plan or a limit of the extraction."""

    code: str  # stable kebab-case, see pipeline/checks.py
    severity: str  # error | warning | info
    message: str
    page: int | None = None
    field: str = ""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    lao_name: str = ""
    lao_type: str = ""
    district: str = ""
    province: str = ""
    plan_start_be: int | None = None
    plan_end_be: int | None = None
    objectives: tuple[str, ...] = ()  # Part 1 "วัตถุประสงค์ของการจัดทำแผน"
    goals: tuple[str, ...] = ()  # Part 1 "เป้าหมาย"
    announcement: dict[str, object] = field(default_factory=dict)  # number, date (ISO), signatory, title
    committee_order: dict[str, object] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)  # identity field → the page it was read from
    province_code: str = ""  # DOPA geocodes from the gazetteer (pipeline/places.py); empty where not tied
    district_code: str = ""
    subdistrict_code: str = ""
    place: dict[str, object] = field(default_factory=dict)  # canonical names, match method and score


@dataclass(frozen=True, slots=True)
class Project:
    """One Part 3 project. Column order here is the projects.csv column order."""

    doc_id: str
    seq: int
    dimension_no: int | None
    dimension_name: str
    mission_no: str
    mission_name: str
    submission_no: str
    submission_name: str
    kind: str
    name: str
    rationale: str
    objectives: str  # one item per line
    target_group: str
    area: str
    method: str  # one item per line
    duration: str
    period_start_be: int | None
    period_end_be: int | None
    budget_text: str
    budget_baht: int | None
    responsible: str
    outputs: str  # one item per line
    outcomes: str  # one item per line
    note: str
    page_start: int
    page_end: int
    field_pages: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)
    field_boxes: dict[str, tuple[tuple[int, BBox], ...]] = field(default_factory=dict, compare=False)


PROJECT_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Project) if f.name not in ("field_pages", "field_boxes"))
CHECK_COLUMNS: tuple[str, ...] = ("doc_id", "code", "severity", "message", "page")


BUDGET_COLUMNS: tuple[str, ...] = ("doc_id", "seq", "dimension_no", "mission_no", "name", "fiscal_year_be",
                                   "budget_baht", "page")
BUDGET_TOTAL_COLUMNS: tuple[str, ...] = ("doc_id", "dimension_no", "fiscal_year_be", "printed_baht",
                                         "rows_sum_baht", "printed_project_count", "page")
RISK_COLUMNS: tuple[str, ...] = ("doc_id", "no", "process", "risks", "level", "controls", "page")
TARGET_COLUMNS: tuple[str, ...] = ("doc_id", "indicator", "fiscal_year_be", "value", "unit", "page")
COMMITTEE_COLUMNS: tuple[str, ...] = ("doc_id", "no", "name", "position", "role", "page")


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


@dataclass(frozen=True, slots=True)
class Risk:
    doc_id: str
    no: int | None
    process: str
    risks: str  # one item per line
    level: str
    controls: str  # one item per line
    page: int


@dataclass(frozen=True, slots=True)
class Target:
    doc_id: str
    indicator: str
    fiscal_year_be: int
    value: float | None
    unit: str
    page: int


@dataclass(frozen=True, slots=True)
class Member:
    doc_id: str
    no: int
    name: str
    position: str
    role: str
    page: int
