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
