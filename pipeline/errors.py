"""Exceptions that stop one document. Everything softer is a Check.

``BadInput`` is the user's file (missing, not a PDF, not a plan, encrypted…):
the CLI reports it in one line and exits 2. ``Defect`` is our bug.
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""

    def __init__(self, path: str, reason: str, page: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.page = page
        where = f"{path}, page {page}" if page else path
        super().__init__(f"{where}: {reason}")


class BadInput(PipelineError):
    """The input cannot be processed as it is; the message says why and what to do."""


class Defect(PipelineError):
    """An internal invariant broke: a bug in plan2data, not in the input."""
