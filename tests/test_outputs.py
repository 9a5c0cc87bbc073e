"""The outputs as analysts load them: data packages, JSON Schema, pandas, DuckDB, Parquet, the API."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest

from pipeline.schema import COLUMN_ORDER, TABLES, dictionary_markdown, pandas_dtypes
from tests.conftest import KALASIN, ROOT


@pytest.fixture(scope="module")
def parquet_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("pq")
    result = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(KALASIN / "kalasin.pdf"), "--out",
                             str(out), "--format", "csv,json,parquet"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return out / "kalasin"


def test_datapackage_valid_with_foreign_keys(kalasin_out):
    from frictionless import validate

    report = validate(kalasin_out / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    package = json.loads((kalasin_out / "datapackage.json").read_text(encoding="utf-8"))
    budgets = next(r for r in package["resources"] if r["name"] == "budgets")
    assert budgets["schema"]["foreignKeys"][0]["reference"]["resource"] == "projects"


def test_document_json_schema(kalasin_out):
    import jsonschema

    schema = json.loads((ROOT / "pipeline" / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads((kalasin_out / "document.json").read_text(encoding="utf-8")), schema)


def test_pandas_reads_every_table_with_declared_types(kalasin_out):
    import pandas as pd

    for table in COLUMN_ORDER:
        frame = pd.read_csv(kalasin_out / f"{table}.csv", dtype=pandas_dtypes(table), encoding="utf-8-sig")
        assert list(frame.columns) == list(COLUMN_ORDER[table])
    projects = pd.read_csv(kalasin_out / "projects.csv", dtype=pandas_dtypes("projects"), encoding="utf-8-sig")
    assert projects["budget_baht"].isna().sum() == 1 and projects["budget_baht"].sum() == 4380000


def test_duckdb_reads_every_table(kalasin_out):
    import duckdb

    con = duckdb.connect()
    for table in COLUMN_ORDER:
        rel = con.read_csv(str(kalasin_out / f"{table}.csv"))
        assert rel.columns == list(COLUMN_ORDER[table])
    total = con.execute(f"select sum(budget_baht) from read_csv_auto('{kalasin_out / 'budgets.csv'}') "
                        "where fiscal_year_be = 2566").fetchone()[0]
    assert total == 1850000
    types = dict(zip(con.read_csv(str(kalasin_out / "budgets.csv")).columns,
                     con.read_csv(str(kalasin_out / "budgets.csv")).types))
    assert str(types["budget_baht"]).startswith(("BIGINT", "INTEGER"))


def test_parquet_copies(parquet_out):
    import pandas as pd

    for table in COLUMN_ORDER:
        frame = pd.read_parquet(parquet_out / f"{table}.parquet")
        declared = {c: str(pd.Series(dtype=t).dtype) for c, t in pandas_dtypes(table).items()}
        assert dict(frame.dtypes.astype(str)) == declared, table
    assert len(pd.read_parquet(parquet_out / "projects.parquet")) == 30


def test_python_api(kalasin_plan):
    from pipeline import extract

    plan = extract(KALASIN / "kalasin.pdf")
    tables = plan.to_pandas()
    assert set(tables) == set(COLUMN_ORDER)
    assert len(tables["projects"]) == 30 and tables["projects"]["seq"].dtype == "Int64"
    assert tables["budgets"].groupby("fiscal_year_be")["budget_baht"].sum()[2566] == 1850000


def test_every_column_is_described_and_the_dictionary_is_current():
    for table, columns in COLUMN_ORDER.items():
        described = {c.name: c for c in TABLES[table]}
        assert list(described) == list(columns), f"{table}: columns without a definition in pipeline/schema.py"
        assert all(c.description.strip() and c.example for c in described.values()), table
    assert (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8") == dictionary_markdown(), \
        "run: python -m pipeline.schema > docs/data-dictionary.md"


def test_batch_datapackage_valid(tmp_path):
    from frictionless import validate

    from pipeline import extract, extract_batch

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.pdf").write_bytes((KALASIN / "kalasin.pdf").read_bytes())
    (folder / "b.pdf").write_bytes((ROOT / "corpora" / "consistent" / "consistent.pdf").read_bytes())
    extract_batch(str(folder), tmp_path / "out", workers=2, formats=("csv", "json", "parquet"))
    report = validate(tmp_path / "out" / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    import pandas as pd

    projects = pd.read_parquet(tmp_path / "out" / "all_projects.parquet")
    assert len(projects) == 60 and projects["budget_baht"].dtype == "Int64"
    # one row per plan, every other table's doc_id a key into it (the package's foreign keys)
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["plans"]["schema"]["primaryKey"] == ["doc_id"]
    assert {"fields": ["doc_id"], "reference": {"resource": "plans", "fields": ["doc_id"]}} in \
        resources["projects"]["schema"]["foreignKeys"]
    plans = {r["doc_id"]: r for r in csv.DictReader((tmp_path / "out" / "all_plans.csv").open(encoding="utf-8-sig"))}
    a = plans["a"]  # the golden plan: Part 2 rows add up to 1,850,000 a year (tests/test_golden_tables.py)
    assert (a["lao_name"], a["province"], a["plan_start_be"], a["plan_end_be"], a["template"], a["projects"]) == (
        "เทศบาลเมืองกาฬสินธุ์", "กาฬสินธุ์", "2566", "2570", "nacc-2566-2570", "30")
    assert a["part2_total_baht"] == "9250000" and a["part2_by_year"] == ";".join(
        f"{y}=1850000" for y in range(2566, 2571))
    assert a["part3_budget_baht"] == str(sum(p.budget_baht or 0 for p in extract(folder / "a.pdf").projects))
    assert int(a["checks_error"]) >= 1 and a["status"] == "ok" and len(a["sha256"]) == 64
    assert a["identity_pages"] == "district=1;lao_name=1;period=1;province=1"
    assert plans["b"]["lao_name"] and plans["b"]["checks_error"] == "0"
    assert (tmp_path / "out" / "a" / "budgets.parquet").exists()


def test_parquet_builds_each_table_once(kalasin_plan, tmp_path, monkeypatch):
    """--format parquet used to build every DataFrame of the plan once per table (seven times)."""
    from pipeline import emit

    calls = []
    real = emit.plan_tables
    monkeypatch.setattr(emit, "plan_tables", lambda plan: calls.append(1) or real(plan))
    folder = emit.write_plan(kalasin_plan, tmp_path, formats=("csv", "json", "parquet"))
    assert len(calls) == 1 and len(list(folder.glob("*.parquet"))) == 7


def test_codes_stay_text_when_loaded(kalasin_plan, tmp_path):
    """A mission "2.10" (and sub-mission "2.10.1") comes back as written from a batch's all_*.csv:
    through the README's pandas recipe (the types in datapackage.json), pipeline.read_table and
    DuckDB with the declared types (plain pd.read_csv would read 2.1, colliding with "2.1")."""
    import json
    from dataclasses import replace

    import duckdb
    import pandas as pd

    from pipeline import read_table
    from pipeline.batch import write_combined
    from pipeline.emit import write_plan

    first = replace(kalasin_plan.projects[0], mission_no="2.10", submission_no="2.10.1")
    plan = replace(kalasin_plan, projects=(first, *kalasin_plan.projects[1:]))
    out = tmp_path / "run"
    write_plan(plan, out)
    write_combined(out, [{"doc_id": plan.doc_id, "path": "kalasin.pdf", "sha256": "", "status": "ok",
                          "lao_code": "L001"}])
    # the README's recipe, word for word
    package = json.load(open(out / "datapackage.json", encoding="utf-8"))
    types = {r["path"]: {f["name"]: "string" for f in r["schema"]["fields"] if f["type"] == "string"}
             for r in package["resources"]}
    projects = pd.read_csv(out / "all_projects.csv", dtype=types["all_projects.csv"])
    assert projects.loc[0, "mission_no"] == "2.10" and projects.loc[0, "submission_no"] == "2.10.1"
    assert projects.loc[1, "mission_no"] == "1.1"
    assert read_table(out / "all_projects.csv").loc[0, "mission_no"] == "2.10"
    assert read_table(out / plan.doc_id / "projects.csv").loc[0, "mission_no"] == "2.10"
    sql = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE"}
    fields = next(r for r in package["resources"] if r["path"] == "all_projects.csv")["schema"]["fields"]
    rel = duckdb.connect().read_csv(str(out / "all_projects.csv"), dtype={f["name"]: sql[f["type"]] for f in fields})
    assert rel.fetchall()[0][rel.columns.index("mission_no")] == "2.10"
