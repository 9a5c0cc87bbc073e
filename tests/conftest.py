from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KALASIN = ROOT / "corpora" / "kalasin"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def kalasin_plan():
    """The golden PDF through the whole pipeline, once per test session."""
    from pipeline.run import run_document

    return run_document(KALASIN / "kalasin.pdf")


@pytest.fixture(scope="session")
def kalasin_out(tmp_path_factory, kalasin_plan):
    """The golden plan written out as the CLI writes it."""
    from pipeline.emit import write_plan

    out = tmp_path_factory.mktemp("out")
    return write_plan(kalasin_plan, out)


def line_breaks_in_single_line_columns(plan) -> list[str]:
    """Every value of the plan's tables that holds a line break in a column the data dictionary
    declares single-line (a break there splits the row in a spreadsheet or terminal)."""
    import csv
    import tempfile

    from pipeline.emit import write_plan
    from pipeline.schema import TABLES, single_line_columns

    found = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_plan(plan, Path(tmp))
        for table in TABLES:
            path = Path(folder) / f"{table}.csv"
            if not path.exists():
                continue
            with path.open(encoding="utf-8-sig", newline="") as fh:
                for row in csv.DictReader(fh):
                    found += [f"{table}.{col}: {row[col][:60]!r}" for col in single_line_columns(table)
                              if "\n" in (row.get(col) or "")]
    return found


def spaces_added_inside_words(got: str, want: str) -> list[str]:
    """Where ``got`` (right letter for letter) has a space that ``want`` lacks inside one of
    ``want``'s dictionary words ("ป้ องกัน" for ป้องกัน): each with its context."""
    from pipeline.text.dictionary import split_words

    def spaced(text):  # the letters, and the letter count before each space
        letters, spaces = [], set()
        for ch in text:
            if ch.isspace():
                spaces.add(len(letters))
            else:
                letters.append(ch)
        return "".join(letters), spaces

    letters, got_spaces = spaced(got)
    if letters != spaced(want)[0]:
        return []
    inside, end = set(), 0
    for word in split_words(letters):
        inside.update(range(end + 1, end + len(word)))
        end += len(word)
    return [letters[max(0, k - 8):k] + "␣" + letters[k:k + 8] for k in sorted(got_spaces - spaced(want)[1])
            if k in inside]
