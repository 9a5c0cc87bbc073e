"""text.txt is the faithful text layer: page by page against poppler's own `pdftotext -raw`."""

from __future__ import annotations

import difflib
import shutil
import subprocess

import pytest

from tests.conftest import KALASIN

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


def edit_upper_bound(a: str, b: str) -> int:
    """Characters that differ (an upper bound of the edit distance)."""
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal")


def test_text_matches_pdftotext_page_by_page(kalasin_out):
    ours = (kalasin_out / "text.txt").read_text(encoding="utf-8").rstrip("\n").split("\f")
    ref = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(KALASIN / "kalasin.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout.split("\f")[:-1]
    assert len(ours) == len(ref) == 114
    errors = total = 0
    for page, (a, b) in enumerate(zip(ours, ref), start=1):
        a, b = "".join(a.split()), "".join(b.split())
        assert b, f"page {page} is empty in pdftotext"
        errors += edit_upper_bound(a, b)
        total += len(b)
    assert errors / total <= 0.001, f"{errors} of {total} characters differ"
