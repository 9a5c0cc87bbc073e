"""Batch runs: bad inputs each fail alone, kill -9 resumes, Dask gives the local executor's outputs."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import KALASIN, ROOT

sys.path.insert(0, str(ROOT / "corpora" / "bad"))
from make_bad import make  # noqa: E402

CONSISTENT = ROOT / "corpora" / "consistent" / "consistent.pdf"


def rows(path):
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def stable(folder):
    """Everything a batch writes, minus timings."""
    out = {}
    for path in sorted(folder.glob("all_*.csv")):
        out[path.name] = path.read_text(encoding="utf-8-sig")
    out["run_report.csv"] = [{k: v for k, v in r.items() if k != "seconds"} for r in rows(folder / "run_report.csv")]
    return out


def batch(*args):
    return subprocess.run([sys.executable, "-m", "pipeline", "batch", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def test_every_bad_input_fails_alone_with_its_reason(tmp_path):
    expected = make(tmp_path / "in")
    manifest = tmp_path / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["path", "doc_id", "lao_code"])
        for i, name in enumerate(sorted(expected, key=lambda n: n != "golden.pdf")):
            writer.writerow([str(tmp_path / "in" / name), name[:-4], f"L{i:03d}"])
    result = batch(manifest, "--out", tmp_path / "out", "--ocr", "never", "--workers", "2")
    assert result.returncode == 1, result.stderr
    report = {r["doc_id"]: r for r in rows(tmp_path / "out" / "run_report.csv")}
    assert set(report) == {n[:-4] for n in expected}
    for name, reason in expected.items():
        row = report[name[:-4]]
        if reason is None:
            assert row["status"] == "ok", row
        else:
            assert row["status"] == "failed" and reason in row["error"], row
    combined = rows(tmp_path / "out" / "all_projects.csv")
    assert {r["doc_id"] for r in combined} == {"golden", "encrypted-empty-user-password"}
    assert {r["lao_code"] for r in combined if r["doc_id"] == "golden"} == {"L000"}
    assert all(r["lao_name"] == "เทศบาลเมืองกาฬสินธุ์" for r in combined)


@pytest.fixture(scope="module")
def five_plans(tmp_path_factory):
    folder = tmp_path_factory.mktemp("plans")
    for i in range(5):  # distinct files (a trailing comment changes the hash, not the plan)
        src = KALASIN / "kalasin.pdf" if i % 2 == 0 else CONSISTENT
        (folder / f"plan-{i}.pdf").write_bytes(src.read_bytes() + f"\n% copy {i}\n".encode())
    return folder


@pytest.fixture(scope="module")
def uninterrupted(five_plans, tmp_path_factory):
    out = tmp_path_factory.mktemp("whole")
    assert batch(five_plans, "--out", out, "--workers", "2").returncode == 0
    return out


@pytest.mark.slow  # five plans twice over (~10 s): in make test, not test-fast
def test_kill_9_then_rerun_gives_the_uninterrupted_outputs(five_plans, uninterrupted, tmp_path, short_tmp):
    out = tmp_path / "out"
    env = {**os.environ, "TMPDIR": str(short_tmp)}
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "batch", str(five_plans), "--out", str(out),
                             "--workers", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    journal = out / ".journal.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not journal.exists() or not journal.read_text().strip()):
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)  # the batch and its workers, mid-run
    proc.wait()
    done_before = len(journal.read_text().splitlines())
    assert 1 <= done_before < 5
    assert not (out / "run_report.csv").exists()
    assert list(short_tmp.glob("plan2data-worker-*"))  # the killed batch could not delete its worker's folder
    result = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(five_plans), "--out", str(out),
                             "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    assert list(short_tmp.glob("plan2data-worker-*")) == []  # the rerun swept it
    assert stable(out) == stable(uninterrupted)
    assert len(rows(out / "all_projects.csv")) == 5 * 30  # nothing duplicated or lost
    assert not [p for p in out.iterdir() if p.name.startswith(".") and p.name != ".journal.jsonl"]


@pytest.mark.slow  # five plans twice over (~10 s): in make test, not test-fast
def test_rerun_skips_unchanged_and_force_redoes(five_plans, uninterrupted):
    before = (uninterrupted / ".journal.jsonl").read_text().count("\n")
    assert batch(five_plans, "--out", uninterrupted).returncode == 0
    assert (uninterrupted / ".journal.jsonl").read_text().count("\n") == before  # nothing redone
    assert batch(five_plans, "--out", uninterrupted, "--force").returncode == 0
    assert (uninterrupted / ".journal.jsonl").read_text().count("\n") == 5


@pytest.mark.slow  # five plans twice over (~10 s): in make test, not test-fast
def test_dask_executor_matches_local(five_plans, uninterrupted, tmp_path):
    from dask.distributed import LocalCluster

    from pipeline.batch import run_batch

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        run_batch(str(five_plans), tmp_path / "out", executor="dask", scheduler=cluster.scheduler_address)
    assert stable(tmp_path / "out") == stable(uninterrupted)


def test_a_batch_that_cannot_start_says_why_and_writes_nothing(tmp_path):
    """An input that names nothing, and a TMPDIR too long for the workers' Unix socket (multiprocessing
    puts it there), are one line on stderr and exit 2, with no output folder made; they used to be an
    empty batch with exit 0, and a traceback."""
    out = tmp_path / "out"
    missing = batch(tmp_path / "no-such-folder", "--out", out)
    assert missing.returncode == 2 and "no-such-folder: no such folder" in missing.stderr
    assert not out.exists() and "Traceback" not in missing.stderr
    deep = tmp_path / ("t" * 60) / ("m" * 60)
    deep.mkdir(parents=True)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "kalasin.pdf").write_bytes((KALASIN / "kalasin.pdf").read_bytes())
    long_tmp = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(folder), "--out", str(out)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600, env={**os.environ, "TMPDIR": str(deep)})
    assert long_tmp.returncode == 2 and "set TMPDIR to a folder with a shorter path" in long_tmp.stderr
    assert not out.exists() and "Traceback" not in long_tmp.stderr


def test_help_for_batch():
    result = batch("--help")
    assert result.returncode == 0 and "manifest" in result.stdout


@pytest.fixture
def plans_and_a_killer(tmp_path):
    """Three plans; the one named ``killer.pdf`` kills the process reading it (the failpoint sends it
    SIGKILL, as a segfault or the kernel's OOM killer would end it)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, src in (("kalasin.pdf", KALASIN / "kalasin.pdf"), ("consistent.pdf", CONSISTENT),
                      ("killer.pdf", ROOT / "corpora" / "wild" / "pdf" / "wd-thakham.pdf")):
        (folder / name).write_bytes(src.read_bytes())
    return folder


def _killed_then_resumed(folder, out, *executor, env):
    """``env``'s TMPDIR is where the workers' temporary files go: the killed worker's file (the
    failpoint writes one first) is deleted with its folder."""
    from pipeline.batch import FAILPOINT

    first = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(folder), "--out", str(out), *executor],
                           cwd=ROOT, capture_output=True, text=True, timeout=600, env={**env, FAILPOINT: "killer.pdf"})
    report = {r["doc_id"]: r for r in rows(out / "run_report.csv")}
    assert first.returncode == 1, first.stderr
    assert [p for p in Path(env["TMPDIR"]).rglob("*") if not p.is_dir()] == []
    assert report["killer"]["status"] == "failed", report["killer"]
    assert "worker died (exit code -9" in report["killer"]["error"]
    assert report["kalasin"]["status"] == "ok" and report["kalasin"]["projects"] == "30"
    assert report["consistent"]["status"] == "ok"
    assert not (out / "killer").exists() and (out / "kalasin" / "projects.csv").exists()
    journal = (out / ".journal.jsonl").read_text()
    # the rerun (no failpoint) skips every finished document: the journal gains nothing
    again = subprocess.run([sys.executable, "-m", "pipeline", "batch", str(folder), "--out", str(out), *executor],
                           cwd=ROOT, capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode == 1 and (out / ".journal.jsonl").read_text() == journal
    assert {r["doc_id"]: r["status"] for r in rows(out / "run_report.csv")} == {
        "kalasin": "ok", "consistent": "ok", "killer": "failed"}


@pytest.fixture
def short_tmp():
    """A folder for the batch's temporary files with a path short enough for multiprocessing's Unix
    socket (pytest's tmp_path under xdist is not)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="p2d-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_document_that_kills_its_worker_costs_itself_alone(plans_and_a_killer, tmp_path, short_tmp):
    _killed_then_resumed(plans_and_a_killer, tmp_path / "out", "--workers", "2",
                         env={**os.environ, "TMPDIR": str(short_tmp)})
    assert [p for p in short_tmp.iterdir() if p.name.startswith("plan2data-")] == []  # workers' folders gone


@pytest.mark.slow  # a Dask cluster and its helpers start (~15 s): in make test, not test-fast
def test_a_document_that_kills_its_worker_on_dask_costs_itself_alone(plans_and_a_killer, tmp_path, monkeypatch,
                                                                    short_tmp):
    from dask.distributed import LocalCluster

    from pipeline.batch import FAILPOINT

    monkeypatch.setenv(FAILPOINT, "killer.pdf")  # the Dask workers (and their helpers) take it from here
    monkeypatch.setenv("TMPDIR", str(short_tmp))  # ... and where their temporary files go
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        _killed_then_resumed(plans_and_a_killer, tmp_path / "out", "--executor", "dask", "--scheduler",
                             cluster.scheduler_address, env=dict(os.environ))


def test_combined_tables_follow_the_first_documents_columns(tmp_path):
    """Two plans' folders whose tables differ in a column (an output written by an older version):
    the combined file keeps the first plan's columns, the other's missing cell empty and its extra
    column left out; each row carries its plan's identity and project key."""
    import json

    from pipeline.batch import write_combined

    for doc_id, header, row in (("a", "doc_id,seq,name,page", "a,1,ก ข,3"), ("b", "doc_id,name,seq,extra", "b,ค,2,x")):
        folder = tmp_path / doc_id
        folder.mkdir()
        (folder / "document.json").write_text(json.dumps({"document": {"lao_name": f"เทศบาล{doc_id}"}, "checks": [],
                                                          "projects": []}), encoding="utf-8")
        (folder / "projects.csv").write_text(f"{header}\r\n{row}\r\n\r\n", encoding="utf-8-sig")
    write_combined(tmp_path, [{"doc_id": d, "path": f"{d}.pdf", "sha256": "", "status": "ok", "lao_code": "0"}
                              for d in ("a", "b")])
    with (tmp_path / "all_projects.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["doc_id"], r["seq"], r["name"], r["page"], r["lao_name"], r["project_key"]) for r in rows] == [
        ("a", "1", "ก ข", "3", "เทศบาลa", "a#1"), ("b", "2", "ค", "", "เทศบาลb", "b#2")]
    assert "extra" not in rows[1]
