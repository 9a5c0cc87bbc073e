"""Writing a benchmark's Markdown report without losing what people wrote under it.

A report is generated sections followed by a hand-written reading of the numbers, which starts at
a known heading (NOTES). Rewriting or adding a generated section keeps that reading at the end.
"""

from __future__ import annotations

from pathlib import Path

NOTES = ("## Reading the numbers", "## What the numbers say")


def _split(text: str) -> tuple[str, str]:
    """A report → (generated part, hand-written notes from the first NOTES heading on, or "")."""
    starts = [text.index(h) for h in NOTES if h in text]
    if not starts:
        return text, ""
    cut = min(starts)
    return text[:cut], text[cut:]


def write(path: Path, generated: str, append: bool = False) -> None:
    """Replace the generated part of ``path`` with ``generated`` (or, with ``append``, add it to
    the end of that part), keeping the hand-written notes after it."""
    previous = path.read_text(encoding="utf-8") if path.exists() else ""
    head, notes = _split(previous)
    body = head.rstrip() + "\n" + generated if append else generated
    path.write_text(body.rstrip() + "\n" + ("\n" + notes.rstrip() + "\n" if notes else ""), encoding="utf-8")
