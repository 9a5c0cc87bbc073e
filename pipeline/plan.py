"""A document's whole extraction: the ``Plan`` that ``run_document`` returns and the API hands out."""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import BudgetRow, BudgetTotal, Check, DocumentInfo, Member, Page, Project, Risk, Target


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything extracted from one document."""

    doc_id: str
    path: str
    sha256: str
    pages: tuple[Page, ...]
    document: DocumentInfo
    projects: tuple[Project, ...]
    checks: tuple[Check, ...]
    budgets: tuple[BudgetRow, ...] = ()
    budget_totals: tuple[BudgetTotal, ...] = ()
    risks: tuple[Risk, ...] = ()
    targets: tuple[Target, ...] = ()
    committee: tuple[Member, ...] = ()
    template: str = ""  # the NACC template generation the plan was read with (extractors/templates)
    timings: dict[str, float] = field(default_factory=dict, compare=False)

    def to_pandas(self):
        """The plan's tables as pandas DataFrames: projects, budgets, budget_totals, risks, targets,
        committee, checks (dtypes from pipeline/schema.py)."""
        from .emit import plan_tables

        return plan_tables(self)
