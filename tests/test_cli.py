"""The command line: outputs of the contract, bad inputs, help."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from tests.conftest import KALASIN, ROOT

MINIMAL_PDF = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj
4 0 obj<</Length 55>>stream
BT /F1 24 Tf 72 720 Td (Quarterly sales report) Tj ET
endstream endobj
5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj
trailer<</Root 1 0 R>>
%%EOF
"""


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "pipeline", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_extract_writes_the_contract(kalasin_out):
    names = sorted(p.name for p in kalasin_out.iterdir())
    assert names == ["budget_totals.csv", "budgets.csv", "checks.csv", "committee.csv", "datapackage.json",
                     "document.json", "projects.csv", "risks.csv", "targets.csv", "text.txt"]
    doc = json.loads((kalasin_out / "document.json").read_text(encoding="utf-8"))
    assert set(doc) >= {"doc_id", "source", "document", "projects", "checks"}
    assert doc["source"]["pages"] == 114 and len(doc["source"]["sha256"]) == 64
    assert doc["document"]["lao_name"] == "เทศบาลเมืองกาฬสินธุ์"
    assert doc["projects"][0]["pages"]["name"] == [doc["projects"][0]["page_start"]]
    raw = (kalasin_out / "projects.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.DictReader((kalasin_out / "projects.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 30
    assert list(rows[0])[:4] == ["doc_id", "seq", "dimension_no", "dimension_name"]
    assert rows[29]["budget_baht"] == "" and rows[2]["budget_baht"] == "0"
    assert rows[0]["budget_baht"] == "1000000"
    checks = list(csv.DictReader((kalasin_out / "checks.csv").open(encoding="utf-8-sig")))
    assert {"placeholder-unfilled", "field-number-out-of-order"} <= {c["code"] for c in checks}


def test_outputs_carry_no_broken_thai(kalasin_out):
    from pipeline.text.thai import damage

    for name in ("document.json", "projects.csv", "checks.csv", "text.txt"):
        text = (kalasin_out / name).read_text(encoding="utf-8-sig")
        assert damage(text) == {"pua": 0, "sara_am_split": 0, "space_before_mark": 0}, name


def test_cli_extract_and_no_bom(tmp_path):
    result = run_cli("extract", KALASIN / "kalasin.pdf", "--out", tmp_path, "--no-bom")
    assert result.returncode == 0, result.stderr
    assert "projects: 30" in result.stdout and str(tmp_path / "kalasin") in result.stdout
    assert not (tmp_path / "kalasin" / "projects.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folder left


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("missing.pdf", None, "file not found"),
        ("empty.pdf", b"", "empty file (0 bytes)"),
        ("letter.pdf", "เรียน นายก\n".encode(), "not a PDF"),
        ("report.pdf", MINIMAL_PDF, "not an anti-corruption action plan"),
        ("cut.pdf", "truncated", "corrupt or truncated PDF"),
    ],
)
def test_bad_input_one_line_exit_2_nothing_written(tmp_path, name, content, reason):
    path = tmp_path / name
    if content == "truncated":
        path.write_bytes((KALASIN / "kalasin.pdf").read_bytes()[:3000])
    elif content is not None:
        path.write_bytes(content)
    out = tmp_path / "out"
    result = run_cli("extract", path, "--out", out)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and reason in lines[0], result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    result = run_cli("extract", tmp_path / "missing.pdf", KALASIN / "kalasin.pdf", "--out", tmp_path / "o")
    assert result.returncode == 2
    assert (tmp_path / "o" / "kalasin" / "projects.csv").exists()


@pytest.mark.parametrize("args", [["--help"], ["extract", "--help"], ["text", "--help"], ["batch", "--help"],
                                  ["report", "--help"]])
def test_help(args):
    result = run_cli(*args)
    assert result.returncode == 0 and "usage:" in result.stdout


def test_report_on_a_folder_that_is_no_output(tmp_path):
    result = run_cli("report", tmp_path)
    assert result.returncode == 2 and "neither a document's output" in result.stderr


def test_thai_file_names_make_safe_folders(tmp_path):
    from pipeline.ids import doc_id_for

    name = "แผนปฏิบัติการป้องกันการทุจริต อบต.หนองบัว (2566-2570).pdf"
    path = tmp_path / name
    path.write_bytes((KALASIN / "kalasin.pdf").read_bytes())
    result = run_cli("extract", path, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "out" / doc_id_for(path)
    assert folder.name == "แผนปฏิบัติการป้องกันการทุจริต-อบต.หนองบัว-2566-2570"
    assert (folder / "projects.csv").exists()


@pytest.mark.parametrize("args, says", [
    (["extract", KALASIN / "kalasin.pdf", "--template", "foo"], "--template 'foo' is no template"),
    (["extract", KALASIN / "kalasin.pdf", "--format", "csv,xlsx"], "--format 'xlsx' unknown"),
    (["batch", KALASIN, "--workers", "0"], "--workers must be at least 1"),
    (["batch", KALASIN, "--timeout", "0"], "--timeout must be at least 1"),
])
def test_bad_options_one_line_exit_2_nothing_written(tmp_path, args, says):
    """A bad option is one line on stderr and exit code 2, never a traceback, and nothing is written."""
    result = run_cli(*args, "--out", tmp_path / "o")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [result.stderr.strip()] and says in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "o").exists()


def test_api_bad_template_is_bad_input():
    from pipeline import extract
    from pipeline.errors import BadInput

    with pytest.raises(BadInput, match="no template"):
        extract(KALASIN / "kalasin.pdf", template="foo")
