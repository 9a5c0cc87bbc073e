"""The varied corpus (corpora/wild): plans laid out the ways real municipalities publish them,
two toolchains, both generations; every table against the expectations its generator wrote."""

from __future__ import annotations

import json

import pytest

from corpora.wild.expectations import compare, disagreements
from tests.conftest import ROOT, line_breaks_in_single_line_columns

WILD = ROOT / "corpora" / "wild"
EXPECTED = sorted((WILD / "expected").glob("*.json"))
FAST = {"wd-donkaeo", "wh-chiangkham", "wh-thadlongsam"}  # one per toolchain kind, one a project a page; all in `make test`


def _params():
    for path in EXPECTED:
        marks = () if path.stem in FAST else (pytest.mark.slow,)
        yield pytest.param(path, id=path.stem, marks=marks)


def test_corpus_shape():
    """At least twelve plans, both generations, both toolchains, every variation the issue names."""
    plans = [json.loads(p.read_text(encoding="utf-8")) for p in EXPECTED]
    assert len(plans) >= 12 and all((WILD / "pdf" / f"{p['doc_id']}.pdf").exists() for p in plans)
    assert {p["template"] for p in plans} == {"nacc_2566_2570", "nacc_2561_2564"}
    assert {p["toolchain"] for p in plans} == {"docx", "html", "chromium"}
    v = [p["variations"] for p in plans]
    assert {x["numbering"] for x in v} == {"close", "paren", "xyz", "dotted", "bullet", "none"}
    assert {x["layout"] for x in v} == {"rows", "tall", "stacked"}
    assert {x["totals"] for x in v} == {"sub+grand", "dim-only", "counts"}
    assert {q for x in v for q in x["quirks"]} == {"missing-field", "eleventh-field", "merged-field", "misspelt-label",
                                                  "non-project-sheet"}
    assert any(x["announcement_first"] for x in v) and any(not x["name_on_cover"] for x in v)
    assert any(x["narrow"] for x in v) and any(x["subtotal_error"] for x in v)
    assert {p["toolchain"] for p in plans if p["variations"]["page_per_project"]} == {"docx", "html", "chromium"}
    assert {p["template"] for p in plans if not p["variations"]["numbered_headings"]} == {"nacc_2566_2570", "nacc_2561_2564"}
    assert {p["toolchain"] for p in plans if p["variations"]["form"]} == {"docx", "chromium"}
    assert {p["toolchain"] for p in plans if p["variations"]["part2_rules"] == "columns"} == {"html", "chromium"}


@pytest.mark.parametrize("path", list(_params()))
def test_every_table_agrees_and_only_deliberate_errors(path):
    from pipeline.run import run_document

    expected = json.loads(path.read_text(encoding="utf-8"))
    plan = run_document(WILD / "pdf" / f"{expected['doc_id']}.pdf")
    assert disagreements(plan, expected) == []
    assert line_breaks_in_single_line_columns(plan) == []
    # the identity is read from the page the plan prints it on: the cover, or after an announcement
    cover = expected["variations"]["cover_page"]
    assert set(plan.document.sources) == {"lao_name", "district", "province", "period"}
    assert expected["variations"]["name_on_cover"] is False or plan.document.sources["lao_name"] == cover
    assert all(right == total for right, total in compare(plan, expected).values())
    errors = {c.code for c in plan.checks if c.severity == "error"}
    assert errors == set(expected["error_codes"]), [c.message for c in plan.checks if c.severity == "error"]
    sheets = [c for c in plan.checks if c.code == "sheet-not-a-project"]
    assert len(sheets) == ("non-project-sheet" in expected["variations"]["quirks"])
    # Part 3 as two-column forms is said once, and only where the plan lays it out so
    assert [c.code for c in plan.checks if c.code == "part3-form-table"] == ["part3-form-table"] * expected["variations"]["form"]
    if expected["error_codes"]:  # the deliberate flaw is reported with its values and page
        sub = [c for c in plan.checks if c.code == "subtotal-mismatch"]
        assert sub and all(c.page and "dimension 1" in c.message and "printed subtotal" in c.message for c in sub)
