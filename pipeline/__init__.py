"""plan2data: Thai local-government anti-corruption action plans (PDF) → analysis-ready tables.

    from pipeline import extract
    plan = extract("plan.pdf")
    tables = plan.to_pandas()          # projects, budgets, budget_totals, risks, targets, committee, checks
    tables["budgets"].groupby("fiscal_year_be").budget_baht.sum()
"""

from __future__ import annotations

from .version import __version__
__all__ = ["extract", "extract_batch", "read_table", "__version__"]


def read_table(path):
    """A CSV table plan2data wrote → a DataFrame with the declared types (codes stay text)."""
    from .schema import read_table as read

    return read(path)


def extract(path, template: str = "auto", ocr: str = "auto"):
    """One plan PDF → a ``Plan`` (typed records; ``.to_pandas()`` for DataFrames).

    Raises ``pipeline.errors.BadInput`` with the reason when the file cannot be read or is not a plan.
    """
    from pathlib import Path

    from .run import run_document

    return run_document(Path(path), template, ocr)


def extract_batch(source: str, out, workers: int = 1, **options):
    """Many plans (a folder, a glob or a manifest CSV) into ``out``; returns the run report's rows."""
    from pathlib import Path

    from .batch import run_batch

    return run_batch(source, Path(out), workers=workers, **options)
