"""Batch runs over many plans: isolated, parallel, resumable, on this machine or a Dask cluster.

Every document is one task, ``process_one(task) -> result``: it runs the
pipeline and writes ``OUT/<doc_id>/`` atomically, and never raises. The local
executor runs tasks in worker processes it watches: a task over its time limit
or a worker that dies (segfault, memory limit) costs that document only, and
the worker is replaced. The Dask executor maps the same function over a
``dask.distributed`` cluster with the same limits (a helper process per Dask
worker thread).

Each finished document is appended to ``OUT/.journal.jsonl`` (flushed and
synced), so a run killed at any moment resumes where it stopped; a rerun skips
documents whose sha256 and pipeline version are unchanged (``--force`` redoes
them). At the end ``run_report.csv`` and the combined ``all_*.csv`` tables are
written from the journal and the documents' folders, each atomically.
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import BadInput
from .ids import doc_id_for
from .version import __version__

log = logging.getLogger(__name__)

DOC_TIMEOUT_S = 600
DOC_MEMORY_MB = 3000
JOURNAL = ".journal.jsonl"
REPORT_COLUMNS = ("doc_id", "path", "sha256", "status", "pages", "projects", "checks_error", "checks_warning",
                  "error", "seconds", "engine")
# combined table → the per-document file it gathers
COMBINED = {"all_projects.csv": "projects.csv", "all_budgets.csv": "budgets.csv",
            "all_budget_totals.csv": "budget_totals.csv", "all_risks.csv": "risks.csv",
            "all_targets.csv": "targets.csv", "all_committee.csv": "committee.csv", "all_checks.csv": "checks.csv"}
LAO_COLUMNS = ("lao_code", "lao_name", "lao_type", "district", "province", "province_code", "district_code",
               "subdistrict_code")  # schema.LAO_FIELDS


@dataclass(frozen=True, slots=True)
class Task:
    path: str
    doc_id: str
    lao_code: str
    sha256: str
    out: str
    ocr: str = "auto"
    bom: bool = True
    memory_mb: int = DOC_MEMORY_MB
    formats: tuple[str, ...] = ("csv", "json")
    ocr_processes: int = 1  # tesseract processes this document may run: the batch's cores // its workers


@dataclass(frozen=True, slots=True)
class Result:
    doc_id: str
    path: str
    sha256: str
    status: str  # ok | partial | failed
    pages: int = 0
    projects: int = 0
    checks_error: int = 0
    checks_warning: int = 0
    error: str = ""
    seconds: float = 0.0
    engine: str = ""
    version: str = __version__
    lao_code: str = ""


# ---------------------------------------------------------------- inputs
def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def collect(source: str) -> list[tuple[Path, str, str]]:
    """INPUT → [(path, doc_id, lao_code)]: a folder, a glob, or a manifest CSV (path[,doc_id,lao_code])."""
    src = Path(source)
    if src.is_dir():
        paths = sorted(p for p in src.rglob("*") if p.suffix.lower() == ".pdf" and p.is_file())
        return _unique([(p, doc_id_for(p), "") for p in paths])
    if src.suffix.lower() == ".csv" and src.is_file():
        rows = []
        with src.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                path = Path(row["path"])
                if not path.is_absolute():
                    path = src.parent / path
                rows.append((path, row.get("doc_id") or doc_id_for(path), row.get("lao_code") or ""))
        return _unique(rows)
    matches = sorted(Path(p) for p in glob.glob(source, recursive=True))
    if not matches and src.suffix.lower() == ".pdf":
        matches = [src]  # a single (possibly missing) file: it gets its own failed row
    if not matches:
        raise BadInput(source, "no such folder or manifest, and no file matches it as a pattern")
    return _unique([(p, doc_id_for(p), "") for p in matches])


def _unique(rows: list[tuple[Path, str, str]]) -> list[tuple[Path, str, str]]:
    """Two inputs may not share a doc_id (a.pdf in two folders): the second gets a suffix."""
    seen: dict[str, int] = {}
    out = []
    for path, doc_id, code in rows:
        n = seen.get(doc_id, 0)
        seen[doc_id] = n + 1
        out.append((path, doc_id if n == 0 else f"{doc_id}-{n + 1}", code))
    return out


# ---------------------------------------------------------------- one document
def process_one(task: Task) -> Result:
    """Run one document and write its folder; never raises (a failure is a ``failed`` Result)."""
    from .emit import write_plan
    from .errors import PipelineError
    from .run import run_document

    start = time.perf_counter()
    base = {"doc_id": task.doc_id, "path": task.path, "sha256": task.sha256, "lao_code": task.lao_code}
    try:
        plan = run_document(Path(task.path), ocr_mode=task.ocr, doc_id=task.doc_id,
                            ocr_processes=task.ocr_processes)
        write_plan(plan, Path(task.out), bom=task.bom, formats=task.formats)
    except PipelineError as exc:
        return Result(**base, status="failed", error=exc.reason + (f" (page {exc.page})" if exc.page else ""),
                      seconds=round(time.perf_counter() - start, 3))
    except MemoryError:
        return Result(**base, status="failed", error=f"over the memory limit of {task.memory_mb} MB",
                      seconds=round(time.perf_counter() - start, 3))
    except Exception as exc:  # a defect: reported for this document, the batch goes on
        log.exception("%s: unexpected error", task.path)
        return Result(**base, status="failed", error=f"internal error: {type(exc).__name__}: {exc}",
                      seconds=round(time.perf_counter() - start, 3))
    unreadable = sum(1 for c in plan.checks if c.code in ("page-needs-ocr", "page-no-text"))
    status = "partial" if unreadable or not plan.projects else "ok"
    engines = sorted({p.source for p in plan.pages})
    return Result(**base, status=status, pages=len(plan.pages), projects=len(plan.projects),
                  checks_error=sum(c.severity == "error" for c in plan.checks),
                  checks_warning=sum(c.severity == "warning" for c in plan.checks),
                  error=f"{unreadable} pages without usable text" if unreadable else (
                      "" if plan.projects else "no Part 3 project found"),
                  seconds=round(time.perf_counter() - start, 3), engine="+".join(engines))


# ---------------------------------------------------------------- local executor
FAILPOINT = "PLAN2DATA_FAILPOINT_KILL"  # tests: a document of this file name kills its process (SIGKILL)


def _limit_memory(memory_mb: int) -> None:
    """Cap this process's address space (a document past it fails, or its process dies, alone)."""
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _guarded(task: Task) -> Result:
    """``process_one`` in a worker; the failpoint lets a test kill the worker the way a segfault or
    the kernel's OOM killer would, on one named file, with a temporary file of its own left behind
    (as the font check's corrected copy or OCR's page images would be, mid-document)."""
    if os.environ.get(FAILPOINT) and Path(task.path).name == os.environ[FAILPOINT]:
        import signal

        tempfile.NamedTemporaryFile(prefix="plan2data-", suffix=".pdf", delete=False).close()
        os.kill(os.getpid(), signal.SIGKILL)
    return process_one(task)


WORKER_TMP = "plan2data-worker-"


def _worker_tmp() -> str:
    """A folder for one worker's temporary files, made by its parent, which deletes it when the worker
    is gone: a worker killed mid-document (a crash, the memory or time limit) leaves nothing behind.
    Its name carries the parent's process id, so a batch killed whole (kill -9 of its process group)
    has its folders swept by the next one (``_sweep_orphans``)."""
    return tempfile.mkdtemp(prefix=f"{WORKER_TMP}{os.getpid()}-")


def _sweep_orphans() -> None:
    """Delete the worker folders of batches that are gone: a batch killed whole could not."""
    root = Path(tempfile.gettempdir())
    for folder in root.glob(f"{WORKER_TMP}*-*"):
        owner = folder.name[len(WORKER_TMP):].split("-", 1)[0]
        if not owner.isdigit() or not folder.is_dir():
            continue
        try:
            os.kill(int(owner), 0)
        except ProcessLookupError:  # its batch is gone
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # alive, another user's: not ours to touch
            continue


@contextmanager
def _in_tmp(folder: str) -> Iterator[None]:
    """A worker's life with ``folder`` its place for temporary files (its children's too: tesseract),
    deleted when it ends; a worker killed has it deleted by its parent."""
    os.environ["TMPDIR"] = tempfile.tempdir = folder
    try:
        yield
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _worker(conn, memory_mb: int, tmp: str) -> None:  # runs in a child process
    _limit_memory(memory_mb)
    logging.basicConfig(level=logging.WARNING)
    with _in_tmp(tmp):
        while True:
            try:
                task = conn.recv()
            except EOFError:  # the batch is gone
                return
            if task is None:
                return
            conn.send(("start", task.doc_id, os.getpid()))
            conn.send(("done", task.doc_id, _guarded(task)))


def _fork_server():
    """The multiprocessing context the local workers come from, its server started now. Workers fork
    from a server that has imported the pipeline and loaded the word list once (spawn would
    re-import them in every worker; plain fork would copy the parent's threads). The server loads
    them in a process of its own, so a batch that starts it before hashing its inputs has it ready
    sooner."""
    import multiprocessing as mp
    from multiprocessing import forkserver

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.run", "pipeline.warm"])
    try:
        forkserver.ensure_running()
    except OSError as exc:  # its Unix socket lives in TMPDIR, and a socket's path is at most 107 bytes
        raise BadInput(tempfile.gettempdir(), f"the worker processes cannot start here ({exc}): set TMPDIR "
                       "to a folder with a shorter path, e.g. TMPDIR=/tmp") from exc
    return ctx


def run_local(tasks: list[Task], workers: int, timeout_s: float, memory_mb: int) -> Iterator[Result]:
    """Run tasks in ``workers`` watched processes; yield each result as it comes."""
    pool = _Pool(tasks, workers, timeout_s, memory_mb)
    try:
        yield from pool.results()
    finally:
        pool.close()


class _Pool:
    """Worker processes, each with a pipe of its own to the parent, which hands out the documents one
    at a time and watches each for its time limit and its worker's death (a crash, the memory
    limit): either costs that document alone, and a new worker takes over. Nothing is shared
    between workers, so a worker killed at any instant (even mid-message) blocks no other."""

    def __init__(self, tasks: list[Task], workers: int, timeout_s: float, memory_mb: int) -> None:
        from collections import deque

        self.ctx = _fork_server()
        _sweep_orphans()
        self.pending = deque(tasks)
        self.timeout_s, self.memory_mb = timeout_s, memory_mb
        self.workers: dict[int, tuple[object, object, str]] = {}  # pid → (process, parent's end of its pipe, tmp)
        self.running: dict[int, tuple[Task, float]] = {}  # pid → (its document, started)
        self.left = len(tasks)
        for _ in range(max(1, min(workers, len(tasks)))):
            self.spawn()

    def spawn(self) -> None:
        if not self.pending:
            return
        parent, child = self.ctx.Pipe()
        tmp = _worker_tmp()
        p = self.ctx.Process(target=_worker, args=(child, self.memory_mb, tmp), daemon=True)
        p.start()
        child.close()
        self.workers[p.pid] = (p, parent, tmp)
        self._hand_out(p.pid)

    def _hand_out(self, pid: int) -> None:
        """The next document to worker ``pid`` (or, with none left, its signal to stop)."""
        proc, conn, _ = self.workers[pid]
        try:
            if self.pending:
                task = self.pending.popleft()
                self.running[pid] = (task, time.monotonic())
                conn.send(task)
            else:
                conn.send(None)
        except OSError:  # it died before it could be given anything: _lost notices
            pass

    def results(self) -> Iterator[Result]:
        from multiprocessing.connection import wait

        while self.left:
            ready = wait([conn for _, conn, _ in self.workers.values()], timeout=0.5)
            for conn in ready:
                pid = next(p for p, (_, c, _) in self.workers.items() if c is conn)
                try:
                    kind, _doc_id, payload = conn.recv()
                except (EOFError, OSError):  # the worker is gone: _lost reports its document
                    continue
                if kind == "done":
                    self.running.pop(pid, None)
                    self.left -= 1
                    yield payload
                    self._hand_out(pid)
            yield from self._lost()

    def _lost(self) -> Iterator[Result]:
        """The documents whose worker died or ran out of time: ``failed`` with the reason."""
        now = time.monotonic()
        for pid, (proc, conn, tmp) in list(self.workers.items()):
            task, started = self.running.get(pid, (None, now))
            timed_out = task is not None and now - started > self.timeout_s
            if proc.is_alive() and not timed_out:
                continue
            if proc.is_alive():
                proc.kill()
            proc.join(5)
            conn.close()
            shutil.rmtree(tmp, ignore_errors=True)
            del self.workers[pid]
            self.running.pop(pid, None)
            if task is None:
                continue
            reason = (f"took longer than the {self.timeout_s:.0f} s limit" if timed_out else
                      f"the worker died (exit code {proc.exitcode}; a crash or the {self.memory_mb} MB memory limit)")
            self.left -= 1
            yield Result(task.doc_id, task.path, task.sha256, "failed", error=reason,
                         seconds=round(now - started, 3), lao_code=task.lao_code)
            self.spawn()

    def close(self) -> None:
        for proc, conn, _ in self.workers.values():
            try:
                conn.send(None)
            except OSError:
                pass
        for proc, conn, tmp in self.workers.values():
            proc.join(2)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
            conn.close()
            shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- Dask executor
def run_dask(tasks: list[Task], scheduler: str, timeout_s: float = DOC_TIMEOUT_S,
             memory_mb: int = DOC_MEMORY_MB) -> Iterator[Result]:
    """The same per-document function on a dask.distributed cluster, with the local executor's guard
    rails: each Dask worker thread hands its documents to a helper process of its own (``_Helper``)
    with the memory limit, killed past the time limit; a document that kills its helper, or even
    its Dask worker (``KilledWorker``), is that document's ``failed`` row and the batch goes on.
    No task is retried (``retries=0``): a document that crashed once would crash again."""
    from dask.distributed import Client, as_completed

    with Client(scheduler) as client:
        futures = client.map(run_isolated, tasks, timeout_s=timeout_s, memory_mb=memory_mb, pure=False,
                             retries=0)
        task_of = {future.key: task for future, task in zip(futures, tasks)}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # the worker itself died or was lost
                task = task_of[future.key]
                yield Result(task.doc_id, task.path, task.sha256, "failed",
                             error=f"the Dask worker was lost ({type(exc).__name__}: {exc})"[:300],
                             lao_code=task.lao_code)


_HELPERS = threading.local()


def run_isolated(task: Task, timeout_s: float = DOC_TIMEOUT_S, memory_mb: int = DOC_MEMORY_MB) -> Result:
    """One document in this thread's helper process (started on first use, replaced after a death)."""
    helper = getattr(_HELPERS, "helper", None)
    if helper is None or helper.memory_mb != memory_mb or not helper.alive():
        helper = _HELPERS.helper = _Helper(memory_mb)
    return helper.run(task, timeout_s)


class _Helper:
    """A child process that runs documents handed to it over a socket of its own, with the memory
    limit set on itself; started with ``subprocess`` (a Dask worker is a daemonic process, which
    ``multiprocessing`` does not let have children)."""

    def __init__(self, memory_mb: int) -> None:
        import socket
        import subprocess
        import sys
        from multiprocessing.connection import Connection

        self.memory_mb = memory_mb
        _sweep_orphans()  # on the Dask worker's machine
        self.tmp = _worker_tmp()
        ours, theirs = socket.socketpair()
        self.proc = subprocess.Popen(
            [sys.executable, "-c",
             f"from pipeline.batch import _serve; _serve({theirs.fileno()}, {memory_mb}, {self.tmp!r})"],
            pass_fds=(theirs.fileno(),))
        theirs.close()
        self.conn = Connection(ours.detach())

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, task: Task, timeout_s: float) -> Result:
        start = time.monotonic()
        try:
            self.conn.send(task)
            if self.conn.poll(timeout_s):
                return self.conn.recv()
            reason = f"took longer than the {timeout_s:.0f} s limit"
        except (EOFError, OSError):
            reason = ""
        self.proc.kill()
        code = self.proc.wait()
        self.conn.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        reason = reason or f"the worker died (exit code {code}; a crash or the {self.memory_mb} MB memory limit)"
        return Result(task.doc_id, task.path, task.sha256, "failed", error=reason,
                      seconds=round(time.monotonic() - start, 3), lao_code=task.lao_code)


def _serve(fd: int, memory_mb: int, tmp: str) -> None:  # the helper process's main loop
    from multiprocessing.connection import Connection

    from . import run, warm  # noqa: F401  (imported once: the pipeline, the word list)

    _limit_memory(memory_mb)
    logging.basicConfig(level=logging.WARNING)
    conn = Connection(fd)
    with _in_tmp(tmp):
        while True:
            try:
                task = conn.recv()
            except EOFError:  # the Dask worker is gone
                return
            conn.send(_guarded(task))


# ---------------------------------------------------------------- the run
def _journal(out: Path) -> dict[str, dict[str, object]]:
    done: dict[str, dict[str, object]] = {}
    path = out / JOURNAL
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # the line a kill cut short
            done[row["doc_id"]] = row
    return done


def _append(out: Path, result: Result) -> None:
    with (out / JOURNAL).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _atomic_write(path: Path, text: str, encoding: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding=encoding, newline="") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _documents(out: Path, results: list[dict[str, object]]) -> dict[str, dict]:
    """doc_id → its document.json, for every document of the run that has one (read once for all
    the combined files)."""
    docs = {}
    for r in results:
        doc_json = out / str(r["doc_id"]) / "document.json"
        if r["status"] != "failed" and doc_json.exists():
            docs[str(r["doc_id"])] = json.loads(doc_json.read_text(encoding="utf-8"))
    return docs


def _combined(out: Path, results: list[dict[str, object]], docs: dict[str, dict], bom: bool) -> None:
    encoding = "utf-8-sig" if bom else "utf-8"
    lao: dict[str, list[str]] = {}
    for r in results:
        doc = docs.get(str(r["doc_id"]))
        if doc is not None:
            doc = doc["document"]
            lao[str(r["doc_id"])] = [str(r.get("lao_code", "")), *(str(doc.get(k) or "") for k in LAO_COLUMNS[1:])]
    for name, per_doc in COMBINED.items():
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        keyed = name in ("all_projects.csv", "all_budgets.csv")
        columns: list[str] = []  # the first document's, which every other document's rows follow
        for doc_id in sorted(lao):
            path = out / doc_id / per_doc
            if not path.exists():
                continue
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                header = next(reader, None)
                if header is None:
                    continue
                if not columns:
                    columns = header
                    writer.writerow(header[:1] + list(LAO_COLUMNS) + (["project_key"] if keyed else []) + header[1:])
                at = {c: k for k, c in enumerate(header)}
                picks = [at.get(c) for c in columns]  # where each column is in this file (None: not there)
                seq = at.get("seq")
                for row in reader:
                    if not row:  # a blank line (as csv.DictReader skips them)
                        continue
                    values = [row[k] if k is not None and k < len(row) else "" for k in picks]
                    key = [f"{doc_id}#{row[seq]}" if seq is not None and seq < len(row) and row[seq] else ""] if keyed else []
                    writer.writerow(values[:1] + lao[doc_id] + key + values[1:])
        if columns:
            _atomic_write(out / name, buf.getvalue(), encoding)


def _plans(out: Path, rows: list[dict[str, object]], docs: dict[str, dict], bom: bool) -> None:
    """all_plans.csv: one row per plan of the run report, with its identity, template, counts and
    budget totals from its folder (a failed plan keeps its report's columns only)."""
    from .emit import read_rows
    from .schema import PLANS

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[c.name for c in PLANS], extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for r in rows:
        row: dict[str, object] = {k: r.get(k, "") for k in ("doc_id", "lao_code", "status", "pages", "projects",
                                                          "checks_error", "checks_warning", "sha256", "path")}
        folder = out / str(r["doc_id"])
        doc = docs.get(str(r["doc_id"]))
        if doc is not None:
            row.update({k: doc["document"].get(k, "") for k in ("lao_name", "lao_type", "district", "province",
                                                                  "plan_start_be", "plan_end_be")})
            place = doc["document"].get("place") or {}
            row.update({"province_en": place.get("province_en", ""), "district_name": place.get("district_th", ""),
                        "district_en": place.get("district_en", ""), "subdistrict_name": place.get("subdistrict_th", ""),
                        "subdistrict_en": place.get("subdistrict_en", ""), "place_method": place.get("method", ""),
                        "place_score": place.get("score") if place.get("score") is not None else "",
                        "gazetteer_version": place.get("data_version", "")})
            row.update({k: doc["document"].get(k, "") for k in ("province_code", "district_code", "subdistrict_code")})
            row["template"] = doc.get("template", "")
            row["identity_pages"] = ";".join(f"{k}={v}" for k, v in sorted(doc["document"].get("sources", {}).items()))
            row["checks_info"] = sum(c["severity"] == "info" for c in doc["checks"])
            row["part3_budget_baht"] = sum(p["budget_baht"] or 0 for p in doc["projects"])
            by_year: dict[str, int] = {}
            for b in read_rows(folder / "budgets.csv"):
                if b.get("budget_baht"):
                    by_year[b["fiscal_year_be"]] = by_year.get(b["fiscal_year_be"], 0) + int(b["budget_baht"])
            row["part2_total_baht"] = sum(by_year.values()) if by_year else ""
            row["part2_by_year"] = ";".join(f"{y}={v}" for y, v in sorted(by_year.items()))
        writer.writerow(row)
    _atomic_write(out / "all_plans.csv", buf.getvalue(), "utf-8-sig" if bom else "utf-8")


def _combined_parquet(out: Path) -> None:
    """Parquet copies of the combined tables, typed as declared (pipeline/schema.py)."""
    import pandas as pd

    from .schema import LAO_FIELDS, PROJECT_KEY, pandas_dtypes

    extra = {c.name: "string" for c in (*LAO_FIELDS, PROJECT_KEY)}
    for name in COMBINED:
        path = out / name
        if path.exists():
            dtypes = {**pandas_dtypes(name[4:-4]), **extra}
            frame = pd.read_csv(path, encoding="utf-8-sig", dtype={k: v for k, v in dtypes.items()})
            tmp = out / f".{name[:-4]}.parquet.tmp"
            frame.to_parquet(tmp, index=False)
            os.replace(tmp, out / f"{name[:-4]}.parquet")


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def ocr_processes_for(workers: int, executor: str = "local") -> int:
    """Tesseract processes each document may run, so that workers × OCR processes never exceed the
    cores this batch was given (on Dask, each task runs on a worker thread of its own: one).

    >>> from pipeline.text.ocr import cores
    >>> ocr_processes_for(1) == cores(), ocr_processes_for(10 ** 6), ocr_processes_for(2, "dask")
    (True, 1, 1)
    """
    from .text.ocr import cores

    return 1 if executor == "dask" else max(1, cores() // max(1, workers))


def run_batch(source: str, out: Path, workers: int = 1, executor: str = "local", scheduler: str = "",
              force: bool = False, ocr: str = "auto", bom: bool = True, timeout_s: float = DOC_TIMEOUT_S,
              memory_mb: int = DOC_MEMORY_MB, formats: tuple[str, ...] = ("csv", "json"),
              progress: Callable[[Result, int, int], None] | None = None) -> list[dict[str, object]]:
    """Run every document of ``source`` into ``out``; returns the run report's rows. ``BadInput`` (and
    ``out`` not made) when ``source`` names nothing or the workers cannot start."""
    inputs = collect(source)
    if executor != "dask":
        _fork_server()  # loads the pipeline beside the hashing of the inputs below
    out.mkdir(parents=True, exist_ok=True)
    journal = {} if force else _journal(out)
    tasks: list[Task] = []
    report: dict[str, dict[str, object]] = {}
    first_of: dict[str, str] = {}
    for path, doc_id, code in inputs:
        sha = sha256_of(path)
        if sha and sha in first_of:  # the same file twice: reported, not extracted twice
            dup = Result(doc_id, str(path), sha, "failed", error=f"duplicate of {first_of[sha]} (same sha256)",
                         lao_code=code)
            report[doc_id] = asdict(dup)
            continue
        if sha:
            first_of[sha] = doc_id
        prev = journal.get(doc_id)
        if prev and prev.get("sha256") == sha and prev.get("version") == __version__ and sha:
            report[doc_id] = prev
            continue
        tasks.append(Task(str(path), doc_id, code, sha, str(out), ocr, bom, memory_mb, tuple(formats),
                          ocr_processes_for(workers, executor)))
    # largest files first: a long document started last would leave the other workers idle at the end
    tasks.sort(key=lambda t: -_size(t.path))
    total = len(tasks)
    if force and (out / JOURNAL).exists():
        (out / JOURNAL).unlink()
    stream: Iterable[Result] = (run_dask(tasks, scheduler, timeout_s, memory_mb) if executor == "dask"
                                else run_local(tasks, workers, timeout_s, memory_mb))
    for n, result in enumerate(stream, start=1):
        _append(out, result)
        report[result.doc_id] = asdict(result)
        if progress:
            progress(result, n, total)
    order = [doc_id for _, doc_id, _ in inputs]
    rows = [report[d] for d in order if d in report]
    write_combined(out, rows, bom, formats)
    return rows


def write_combined(out: Path, rows: list[dict[str, object]], bom: bool = True,
                   formats: tuple[str, ...] = ("csv", "json")) -> None:
    """The batch's own files from the run report's rows and the documents' folders: run_report.csv,
    the combined all_*.csv (and Parquet), datapackage.json; each written atomically."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=REPORT_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    _atomic_write(out / "run_report.csv", buf.getvalue(), "utf-8-sig" if bom else "utf-8")
    docs = _documents(out, rows)
    _combined(out, rows, docs, bom)
    _plans(out, rows, docs, bom)
    if "parquet" in formats:
        _combined_parquet(out)
    from .schema import datapackage

    present = ["plans"] + [name[4:-4] for name in COMBINED if (out / name).exists()]
    _atomic_write(out / "datapackage.json", json.dumps(datapackage(out.name or "batch", present, "all_",
                                                                    "utf-8-sig" if bom else "utf-8"),
                                                        ensure_ascii=False, indent=1), "utf-8")
