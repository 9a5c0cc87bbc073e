"""Cross-checks over the extracted plan → Check records (the plan's own inconsistencies)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from extractors.cover import Foreword

from .checks import check
from .records import Check, Project


def count_checks(projects: Sequence[Project], foreword: Foreword) -> list[Check]:
    """Part 3 project counts per dimension and in total against the foreword's."""
    checks: list[Check] = []
    per_dim = Counter(p.dimension_no for p in projects)
    for dim, announced in sorted(foreword.dimension_counts.items()):
        found = per_dim.get(dim, 0)
        if found != announced:
            checks.append(check("dimension-count-mismatch", foreword.page,
                                f"dimension {dim}: foreword announces {announced} projects, "
                                f"Part 3 has {found}"))
    if foreword.total is not None and foreword.total != len(projects):
        checks.append(check("total-count-mismatch", foreword.page,
                            f"foreword announces {foreword.total} projects in all, Part 3 has {len(projects)}"))
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
