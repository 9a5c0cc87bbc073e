"""Cross-checks over the extracted plan → Check records (the plan's own inconsistencies)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from extractors.appendix import Member
from extractors.cover import Foreword
from extractors.summary_table import BudgetTotal, SummaryTable

from .checks import check
from .records import Check, Project


def count_checks(projects: Sequence[Project], foreword: Foreword, ocr_pages: frozenset[int] = frozenset()
                 ) -> list[Check]:
    """Part 3 project counts per dimension and in total against the foreword's. Where the projects
    counted were read by OCR, a difference may be the reading's, not the plan's: it is a warning
    ("…-uncertain"), not an error."""
    checks: list[Check] = []
    per_dim = Counter(p.dimension_no for p in projects)

    def read_by_ocr(group: Sequence[Project]) -> bool:
        return any(p.page_start in ocr_pages or p.page_end in ocr_pages for p in group)

    for dim, announced in sorted(foreword.dimension_counts.items()):
        found = per_dim.get(dim, 0)
        if found != announced:
            uncertain = read_by_ocr(projects)
            checks.append(check("dimension-count-uncertain" if uncertain else "dimension-count-mismatch",
                                foreword.page, f"dimension {dim}: foreword announces {announced} projects, "
                                f"Part 3 has {found}" + (" as OCR read it" if uncertain else "")))
    if foreword.total is not None and foreword.total != len(projects):
        uncertain = read_by_ocr(projects)
        checks.append(check("total-count-uncertain" if uncertain else "total-count-mismatch", foreword.page,
                            f"foreword announces {foreword.total} projects in all, Part 3 has {len(projects)}"
                            + (" as OCR read it" if uncertain else "")))
    return checks


def sequence_checks(projects: Sequence[Project]) -> list[Check]:
    """Project numbers must run 1, 2, 3, … without gaps or repeats."""
    checks: list[Check] = []
    expected = 1
    for p in projects:
        if p.seq != expected:
            what = "repeats" if p.seq < expected else f"skips {expected}–{p.seq - 1}"
            checks.append(check("sequence-gap", p.page_start,
                                f"project number {p.seq} {what} (expected {expected})"))
        expected = max(expected, p.seq) + 1
    return checks


def one_digit_apart(a: int, b: int) -> bool:
    """Two amounts whose digits differ in one place only: what one misread glyph makes of a figure.

    >>> one_digit_apart(530000, 570000), one_digit_apart(80005, 80000), one_digit_apart(1330000, 1200000)
    (True, True, False)
    """
    x, y = str(a), str(b)
    return len(x) == len(y) and sum(c != d for c, d in zip(x, y)) == 1


def _budget_like(baht: int) -> bool:
    """Whether a sum of budgets could be printed so: none, or whole tens of baht from a hundred up (an
    OCR'd cell read as "1" or "20,001" is the reading's, not the plan's).

    >>> [_budget_like(x) for x in (0, 1_330_000, 1_250, 1, 20_001, 4_640)]
    [True, True, True, False, False, True]
    """
    return baht == 0 or (baht >= 100 and baht % 10 == 0)


def total_checks(totals: Sequence[BudgetTotal], ocr_pages: frozenset[int] = frozenset(),
                 dimensions: frozenset[int] = frozenset()) -> list[Check]:
    """Each printed subtotal against its rows; the grand total against the subtotals (only when
    every dimension listed, ``dimensions``, has one read) and the rows. On a page OCR read, a
    difference more likely the reading's than the plan's is a warning (total-uncertain), not an
    error: one digit apart; in one year where the same sum agrees in another (a plan's figures
    repeat across its years, a misread cell does not); where either figure is none a budget prints
    (a "1", a "20,001": ``_budget_like``); or a grand total against rows where a dimension's
    subtotal row was not read (its figures may have been taken for a row's)."""
    subtotal_by_year: dict[int, int] = {}
    read: dict[int, set[int]] = {}  # year → the dimensions whose subtotal was read
    for t in totals:
        if t.dimension_no is not None and t.printed_baht is not None:
            subtotal_by_year[t.fiscal_year_be] = subtotal_by_year.get(t.fiscal_year_be, 0) + t.printed_baht
            read.setdefault(t.fiscal_year_be, set()).add(t.dimension_no)
    sums: list[tuple[tuple[str, int | None], BudgetTotal, int, str]] = []  # (which sum, total, other, message)
    for t in totals:
        if t.printed_baht is None:
            continue
        if t.dimension_no is not None:
            sums.append((("subtotal-mismatch", t.dimension_no), t, t.rows_sum_baht,
                         f"Part 2 dimension {t.dimension_no}, {t.fiscal_year_be}: printed subtotal "
                         f"{t.printed_baht:,} baht, its rows add up to {t.rows_sum_baht:,}"))
            continue
        sub = subtotal_by_year.get(t.fiscal_year_be)
        if sub is not None and dimensions <= read.get(t.fiscal_year_be, set()):
            sums.append((("grand-total-mismatch", -1), t, sub, f"Part 2 {t.fiscal_year_be}: printed grand total "
                         f"{t.printed_baht:,} baht, the printed subtotals add up to {sub:,}"))
        sums.append((("grand-total-mismatch", None), t, t.rows_sum_baht, f"Part 2 {t.fiscal_year_be}: printed grand "
                     f"total {t.printed_baht:,} baht, all rows add up to {t.rows_sum_baht:,}"))
    agreeing = Counter(which for which, t, other, _ in sums if t.printed_baht == other)
    checks: list[Check] = []
    for which, t, other, message in sums:
        if t.printed_baht == other:
            continue
        code, unread = which[0], sorted(dimensions - read.get(t.fiscal_year_be, set()))
        if t.page in ocr_pages and one_digit_apart(t.printed_baht or 0, other):
            code, message = "total-uncertain", message + " (one digit apart on a page read by OCR)"
        elif t.page in ocr_pages and agreeing[which]:
            code, message = "total-uncertain", message + " (on a page read by OCR; the same sum agrees in another year)"
        elif t.page in ocr_pages and not (_budget_like(t.printed_baht or 0) and _budget_like(other)):
            code, message = "total-uncertain", message + " (on a page read by OCR; no budget prints such a figure)"
        elif t.page in ocr_pages and unread and t.dimension_no is None:
            code, message = "total-uncertain", message + (
                f" (on a page read by OCR; the subtotal of dimension {', '.join(map(str, unread))} was not read)")
        checks.append(check(code, t.page, message))
    return checks


def part2_part3_checks(summary: SummaryTable, projects: Sequence[Project],
                       ocr_pages: frozenset[int] = frozenset()) -> list[Check]:
    """Part 2's project list and yearly figures against Part 3's projects and their budget field.
    A printed count against a list OCR read may differ by the reading (an entry's number or its
    row lost): a warning (part2-count-uncertain), not an error."""
    checks: list[Check] = []
    by_seq = {p.seq: p for p in projects}
    read = bool(ocr_pages & ({t.page for t in summary.totals} | {b.page for b in summary.budgets}))
    for t in summary.totals:
        if t.printed_project_count is None or t.fiscal_year_be != min(x.fiscal_year_be for x in summary.totals):
            continue
        listed = sum(1 for d, _ in summary.projects.values() if t.dimension_no in (None, d))
        if listed != t.printed_project_count:
            what = f"dimension {t.dimension_no}" if t.dimension_no is not None else "the whole table"
            message = f"Part 2 {what}: printed “จำนวน {t.printed_project_count} โครงการ”, {listed} projects listed"
            checks.append(check("part2-count-uncertain", t.page, message + " as OCR read them") if read
                          else check("part2-count-mismatch", t.page, message))
    missing = sorted(set(by_seq) - set(summary.projects))
    extra = sorted(set(summary.projects) - set(by_seq))
    if missing or extra:
        checks.append(check("part2-part3-mismatch", None,
                            f"projects in Part 3 but not listed in Part 2: {missing or 'none'}; "
                            f"listed in Part 2 but not in Part 3: {extra or 'none'}"))
    yearly: dict[int, dict[int, int]] = {}
    pages: dict[int, int] = {}
    for b in summary.budgets:
        if b.seq is not None:
            yearly.setdefault(b.seq, {})[b.fiscal_year_be] = b.budget_baht
            pages.setdefault(b.seq, b.page)
    for seq, years in sorted(yearly.items()):
        project = by_seq.get(seq)
        if project is None or project.budget_baht is None:
            continue
        funded = set(years.values()) - {0}
        total = sum(years.values())
        if funded == {project.budget_baht}:
            continue  # Part 3 states the yearly figure (of the years it is funded)
        if project.budget_baht == total:
            continue  # Part 3 states the plan total
        shown = ", ".join(f"{y}: {v:,}" for y, v in sorted(years.items()))
        checks.append(check("part2-part3-mismatch", pages[seq],
                            f"project {seq}: Part 2 gives {shown} baht a year ({total:,} over the plan); "
                            f"Part 3's budget field says “{project.budget_text}” ({project.budget_baht:,}), "
                            "neither the yearly figure nor the plan total"))
    checks.extend(_unassigned_checks(summary, by_seq))
    return checks


def _unassigned_checks(summary: SummaryTable, by_seq: dict[int, Project]) -> list[Check]:
    """Figures that no line ties to one project can still contradict Part 3: a figure that is
    neither the yearly budget nor the plan total of any of the cell's projects."""
    checks = []
    for page, seqs, years in summary.unassigned:
        projects = [by_seq[s] for s in seqs if s in by_seq and by_seq[s].budget_baht is not None]
        if not projects:
            continue
        n_years = len(years)
        owned = {p.budget_baht for p in projects} | {p.budget_baht // n_years for p in projects if n_years}
        stray = sorted({v for figures in years.values() for v in figures if v not in owned})
        if stray:
            part3 = "; ".join(f"{p.seq}: “{p.budget_text}”" for p in projects)
            checks.append(check("part2-part3-mismatch", page,
                                f"projects {', '.join(map(str, seqs))}: Part 2 prints "
                                f"{', '.join(f'{v:,}' for v in stray)} baht a year in their cell, which is no "
                                f"project's Part 3 budget ({part3})"))
    return checks


def committee_checks(members: Sequence[Member], gaps: Sequence[tuple[int, int]]) -> list[Check]:
    """Committee member numbers that the order skips."""
    checks = []
    for first, last in gaps:
        page = next((m.page for m in members if m.no > last), None)
        span = f"{first}" if first == last else f"{first}–{last}"
        checks.append(check("committee-numbering-gap", page,
                            f"committee order: members numbered {span} are missing "
                            f"({len(members)} members printed, numbers up to {members[-1].no})"))
    return checks
