"""The explicit chain of stages for one document, each timed."""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from extractors import appendix, cover, form_tables, part1, project_fields, summary_table
from extractors.template import detect, load

from . import layout, link, places, segment, validate
from .text import engine
from .text.ocr import OcrSettings
from .checks import check
from .ids import doc_id_for
from .errors import BadInput
from .plan import Plan
from .records import Check

log = logging.getLogger(__name__)
PLAN_TITLE = "แผนปฏิบัติการป้องกันการทุจริต"


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def run_document(path: Path, template_name: str = "auto", ocr_mode: str = "auto",
                 doc_id: str | None = None, ocr_processes: int = 0) -> Plan:
    """PDF → Plan. Raises BadInput when the file cannot be read or is not a plan.

    ``template_name`` "auto" picks the NACC generation from the period on the first pages;
    ``ocr_processes`` bounds the tesseract processes it runs at once (0: the cores it may use).
    """
    timings: dict[str, float] = {}
    checks: list[Check] = []

    with _timed(timings, "text"):
        text = engine.read(path, ocr_mode, OcrSettings(workers=ocr_processes))
        info, pages = text.info, text.pages
    with _timed(timings, "segment"):
        lines = [line for page in pages for line in page.lines]
        if not any(line.text.strip() for line in lines):
            hint = "run with --ocr auto" if ocr_mode == "never" else "a scan OCR could not read?"
            raise BadInput(str(path), f"no usable text on any of its {info.pages} pages ({hint})")
        ocr_pages = frozenset(p.number for p in pages if p.source == "ocr")
        if template_name == "auto":  # the period on the first pages, text-layer pages before OCR'd ones
            first = [line for line in lines if line.page <= 4]
            template_name = detect([ln.text for ln in first if ln.page not in ocr_pages][:160]
                                   + [ln.text for ln in first if ln.page in ocr_pages][:40])
        try:
            template = load(template_name)
        except ValueError as exc:  # an unknown generation named by the caller
            raise BadInput(str(path), f"no template {template_name!r}: {exc}") from exc
        content = segment.drop_furniture(lines, template.opens_structure)
        kept = set(content)
        furniture = tuple(line for line in lines if line not in kept)  # running headers name the LAO too
        parts = segment.split_parts(content, template)
        forms = form_tables.Unfolded(content)
        part3_pages = {ln.page for ln in parts.part3}
        if candidates := form_tables.candidate_pages(p for p in pages if p.number in part3_pages):
            forms = form_tables.unfold(content, engine.with_rulings(text, candidates).pages, template)
            if forms.pages:  # Part 3 as a form: its tables read cell by cell
                content = forms.lines
                parts = segment.split_parts(content, template)
                checks.append(check("part3-form-table", forms.pages[0], "Part 3's sheets are two-column "
                                    f"tables (heading | text), read cell by cell on {len(forms.pages)} pages"))
        read = [ln for ln in parts.part3 if ln.page not in ocr_pages]
        if bare := template.with_bare_headings([ln.text for ln in read], [ln.bbox[0] for ln in read]):
            template = bare
            first = next(ln.page for ln in parts.part3 if bare.match_field(ln.text.strip()))
            checks.append(check("headings-unnumbered", first, "Part 3's field headings are printed without "
                                "their numbers; read as the template's headings alone on their lines or before a colon"))
        part3, sheet_checks = segment.drop_other_sheets(parts.part3, template, {p.number: p.width for p in pages},
                                                        ocr_pages, forms.in_forms)
        blocks, seg_checks = segment.split_projects(part3, template, ocr_pages)
        seg_checks = [*parts.checks, *sheet_checks, *seg_checks]
        if not blocks and not any(PLAN_TITLE in line.text for line in lines[:200]):
            raise BadInput(str(path), "not an anti-corruption action plan: no "
                           f"“{PLAN_TITLE}” title and no Part 3 projects found")
    with _timed(timings, "extract"):
        document, cover_checks = cover.extract_cover(parts.front, ocr_pages, (*furniture, *parts.appendix))
        place, place_checks = places.locate(document)
        if ocr_pages.intersection(document.sources.values()):  # a cover OCR read: its names as the gazetteer spells them
            document = places.mend_document(document, place)
        document = replace(document, province_code=place.province_code, district_code=place.district_code,
                           subdistrict_code=place.subdistrict_code, place=place.as_dict())
        cover_checks = [*cover_checks, *place_checks]
        foreword = cover.extract_foreword(parts.front)
        edges = {**layout.right_edges(content), **forms.edges}
        spaces = layout.PhraseSpaces((line.text for line in content),
                                     layout.PrintedSpaces(path, content, edges, frozenset(ocr_pages), info.producer))
        projects = []
        doc_id = doc_id or doc_id_for(path)
        names = places.known_names(place, document.lao_type) if ocr_pages else ()
        for block in blocks:
            project, field_checks = project_fields.extract_project(block, template, doc_id, edges, ocr_pages, spaces,
                                                                   forms.cells)
            if names and ocr_pages.intersection(range(project.page_start, project.page_end + 1)):
                project = places.mend_project(project, names)  # OCR's near-misses of the plan's own names
            projects.append(project)
            checks.extend(field_checks)
    with _timed(timings, "tables"):
        part1_pages = {line.page for line in parts.part1}
        part2_pages = {line.page for line in parts.part2}
        table_pages = engine.with_rulings(text, part1_pages | part2_pages).pages  # one PDF opening for both
        period = plan_period(document, projects)
        projects, year_checks = project_fields.years_tied_to_period(projects, period, ocr_pages)
        projects, wording_checks = project_fields.durations_worded_as_the_plan(projects, ocr_pages)
        year_checks = [*year_checks, *wording_checks]
        summary = summary_table.extract_summary([p for p in table_pages if p.number in part2_pages],
                                                template, doc_id, period, spaces)
        summary, link_checks = link.link_to_part3(summary, projects)
        projects, budget_checks = project_fields.budgets_tied_to_part2(projects, summary.budgets, ocr_pages)
        link_checks = [*link_checks, *budget_checks]
        part1_rows = part1.part1_rows([p for p in table_pages if p.number in part1_pages])
        risks = part1.extract_risks(part1_rows, doc_id, spaces)
        targets = part1.extract_targets(part1_rows, doc_id, period, spaces)
        objectives, goals = part1.objectives_and_goals(parts.part1, edges, template, spaces)
        announcement, order, members = appendix.extract_appendix(parts.appendix, doc_id, {p.number: p for p in pages})
        members, member_checks = appendix.numbers_in_sequence(members)
        (announcement, order), date_checks = appendix.plausible_dates((announcement, order), document.plan_start_be,
                                                                      document.plan_end_be)
        document = replace(document, objectives=tuple(objectives), goals=tuple(goals),
                           announcement=announcement.as_dict(), committee_order=order.as_dict())
    with _timed(timings, "validate"):
        checks = [*text.checks, *cover_checks, *seg_checks, *checks, *year_checks, *summary.checks, *link_checks, *date_checks,
                  *validate.count_checks(projects, foreword, ocr_pages), *validate.sequence_checks(projects),
                  *validate.total_checks(summary.totals, ocr_pages,
                                          frozenset(d for d, _ in summary.projects.values() if d is not None)),
                  *validate.part2_part3_checks(summary, projects, ocr_pages),
                  *member_checks, *validate.committee_checks(members, appendix.numbering_gaps(members))]
        for page in pages:
            if not page.lines:
                checks.append(check("page-no-text", page.number, f"page {page.number} has no text"))
        repaired = sum(p.repairs for p in pages)
        if repaired:
            checks.append(check("thai-text-repaired", None,
                                f"{repaired} characters repaired on {sum(1 for p in pages if p.repairs)} pages"))
    log.info("%s: %d pages, %d projects, %d checks", path, len(pages), len(projects), len(checks))
    return Plan(doc_id=doc_id, path=str(path), sha256=info.sha256, pages=pages, document=document,
                projects=tuple(projects), checks=tuple(checks), budgets=summary.budgets,
                budget_totals=summary.totals, risks=tuple(risks), targets=tuple(targets),
                committee=tuple(members), timings=timings, template=template.name)


def plan_period(document, projects) -> tuple[int, int] | None:
    """The plan's first and last fiscal year: the cover's, or where OCR lost it there, the period
    most of Part 3's projects give (three at least agreeing), which places Part 2's year columns.

    >>> from types import SimpleNamespace
    >>> from pipeline.records import DocumentInfo
    >>> p = [SimpleNamespace(period_start_be=2561, period_end_be=2564)] * 3
    >>> plan_period(DocumentInfo(), p), plan_period(DocumentInfo(plan_start_be=2566, plan_end_be=2570), p)
    ((2561, 2564), (2566, 2570))
    """
    if document.plan_start_be and document.plan_end_be:
        return document.plan_start_be, document.plan_end_be
    spans = Counter((p.period_start_be, p.period_end_be) for p in projects
                    if p.period_start_be and p.period_end_be and p.period_start_be <= p.period_end_be)
    if spans and (best := spans.most_common(1)[0])[1] >= 3:
        return best[0]
    return None
