"""``python -m pipeline …``: a thin command line over run.py and emit.py."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections import Counter
from pathlib import Path

from .emit import write_plan
from .errors import PipelineError
from .plan import Plan

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pipeline",
                                 description="Thai anti-corruption action plans (PDF) → tables.")
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract projects, fields and checks from plan PDFs",
                        description="Extract every project of each plan PDF into OUT/<doc_id>/: "
                        "document.json, projects.csv, checks.csv, text.txt.")
    ex.add_argument("pdfs", nargs="+", type=Path, metavar="FILE.pdf")
    ex.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    ex.add_argument("--no-bom", action="store_true", help="write CSV without the UTF-8 BOM Excel needs")
    ex.add_argument("--format", default="csv,json", help="csv,json (always) and optionally parquet: "
                    "a Parquet copy of every table")
    ex.add_argument("--template", default="auto",
                    help="template generation in extractors/templates (default: auto, from the plan's period)")
    ex.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                    help="OCR pages whose text layer is missing or unusable (auto), every page, or none")
    ex.add_argument("-v", "--verbose", action="store_true", help="log each stage")
    tx = sub.add_parser("text", help="the repaired Thai text of any PDF, with per-page quality",
                        description="Write OUT/<doc_id>/text.txt (one form feed between pages) and "
                        "pages.json (per page: engine, repairs, quality) for any PDF, plan or not.")
    tx.add_argument("pdfs", nargs="+", type=Path, metavar="FILE.pdf")
    tx.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    tx.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                    help="OCR pages whose text layer is missing or unusable (auto), every page, or none")
    tx.add_argument("-v", "--verbose", action="store_true", help="log each stage")
    bt = sub.add_parser("batch", help="extract many plans: parallel, isolated, resumable",
                        description="Extract every plan of INPUT (a folder, a glob, or a manifest CSV with "
                        "columns path[,doc_id,lao_code]) into OUT/<doc_id>/, then write OUT/run_report.csv "
                        "and the combined OUT/all_*.csv tables. A rerun skips unchanged documents.")
    bt.add_argument("input", help="folder, glob (quote it) or manifest CSV")
    bt.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output)")
    bt.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    bt.add_argument("--executor", choices=("local", "dask"), default="local")
    bt.add_argument("--scheduler", default="", help="dask.distributed scheduler address (with --executor dask)")
    bt.add_argument("--force", action="store_true", help="redo documents even when unchanged")
    bt.add_argument("--ocr", choices=("auto", "always", "never"), default="auto")
    bt.add_argument("--timeout", type=float, default=600, help="seconds per document (default: 600)")
    bt.add_argument("--memory-mb", type=int, default=3000, help="memory per worker (default: 3000)")
    bt.add_argument("--no-bom", action="store_true", help="write CSV without the UTF-8 BOM")
    bt.add_argument("--format", default="csv,json", help="csv,json (always) and optionally parquet")
    bt.add_argument("-v", "--verbose", action="store_true", help="log each stage")
    rp = sub.add_parser("report", help="static HTML review report of an output folder",
                        description="Write a static HTML review report (no server, no network) for DIR: a "
                        "document's output folder (DIR/report/index.html) or a batch's (DIR/report.html).")
    rp.add_argument("folder", type=Path, metavar="DIR")
    return ap


def _report(args: argparse.Namespace) -> int:
    from .report import write_report

    try:
        path = write_report(args.folder)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    print(f"report: {path}")
    return EXIT_OK


def _batch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .batch import run_batch

    if args.executor == "dask" and not args.scheduler:
        print("error: --executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)", file=sys.stderr)
        return EXIT_BAD_INPUT
    bar = tqdm(total=0, unit="doc", file=sys.stderr, dynamic_ncols=True, disable=None)
    pages = 0

    def progress(result, done: int, total: int) -> None:
        nonlocal pages
        pages += result.pages
        if bar.total != total:
            bar.total = total
        bar.set_postfix_str(f"{pages} pages, last {result.doc_id}: {result.status}", refresh=False)
        bar.update(1)

    try:
        rows = run_batch(args.input, args.out, workers=args.workers, executor=args.executor,
                         scheduler=args.scheduler, force=args.force, ocr=args.ocr, bom=not args.no_bom,
                         timeout_s=args.timeout, memory_mb=args.memory_mb, progress=progress,
                         formats=tuple(args.format.split(",")))
    except PipelineError as exc:  # the batch as a whole cannot start (one document's error is its row)
        bar.close()
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    bar.close()
    status = Counter(str(r["status"]) for r in rows)
    import csv

    years: Counter[str] = Counter()
    budgets = args.out / "all_budgets.csv"
    if budgets.exists():
        with budgets.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                years[row["fiscal_year_be"]] += int(row["budget_baht"] or 0)
    print(f"{len(rows)} documents: {status.get('ok', 0)} ok, {status.get('partial', 0)} partial, "
          f"{status.get('failed', 0)} failed; projects {sum(int(r['projects'] or 0) for r in rows)}; "
          f"checks {sum(int(r['checks_error'] or 0) for r in rows)} error, "
          f"{sum(int(r['checks_warning'] or 0) for r in rows)} warning")
    print("Part 2 budget by year: " + (", ".join(f"{y}: {v:,}" for y, v in sorted(years.items())) or "none"))
    print(f"outputs: {args.out}/ (run_report.csv, all_*.csv, datapackage.json; "
          f"python -m pipeline report {args.out} for the HTML report)")
    for r in rows:
        if r["status"] == "failed":
            print(f"  failed: {r['path']}: {r['error']}", file=sys.stderr)
    return 1 if status.get("failed") else EXIT_OK


def _by_year(budgets) -> dict[int, int]:
    years: dict[int, int] = {}
    for b in budgets:
        years[b.fiscal_year_be] = years.get(b.fiscal_year_be, 0) + b.budget_baht
    return years


def _summary(plan: Plan, folder: Path) -> str:
    by_dim = Counter(p.dimension_no for p in plan.projects)
    dims = ", ".join(f"มิติ {d}: {n}" for d, n in sorted(by_dim.items(), key=lambda kv: kv[0] or 0))
    budget = sum(p.budget_baht or 0 for p in plan.projects)
    unknown = sum(1 for p in plan.projects if p.budget_baht is None)
    sev = Counter(c.severity for c in plan.checks)
    doc = plan.document
    lines = [
        f"{plan.doc_id}: {doc.lao_name or '?'} ({doc.province or '?'}), "
        f"plan {doc.plan_start_be or '?'}–{doc.plan_end_be or '?'}, {len(plan.pages)} pages",
        f"  projects: {len(plan.projects)} ({dims})",
        f"  budget in Part 3 fields: {budget:,} baht" + (f" ({unknown} unknown)" if unknown else ""),
        "  Part 2 budget by year: " + (", ".join(f"{y}: {v:,}" for y, v in sorted(_by_year(plan.budgets).items()))
                                        or "none found"),
        f"  checks: {sev.get('error', 0)} error, {sev.get('warning', 0)} warning, {sev.get('info', 0)} info",
        f"  time: {sum(plan.timings.values()):.2f} s "
        + "(" + ", ".join(f"{k} {v:.2f}" for k, v in plan.timings.items()) + ")",
        f"  outputs: {folder}/",
    ]
    return "\n".join(lines)


def _extract(args: argparse.Namespace) -> int:
    from .run import run_document

    status = EXIT_OK
    for pdf in args.pdfs:
        try:
            plan = run_document(pdf, args.template, args.ocr)
        except PipelineError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        folder = write_plan(plan, args.out, bom=not args.no_bom, formats=tuple(args.format.split(",")))
        print(_summary(plan, folder))
    return status


def _text(args: argparse.Namespace) -> int:
    from .emit import write_text
    from .ids import doc_id_for
    from .text import read

    status = EXIT_OK
    for pdf in args.pdfs:
        try:
            layer = read(pdf, args.ocr)
        except PipelineError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        folder = write_text(doc_id_for(pdf), str(pdf), layer.pages, layer.checks, args.out)
        engines = Counter(p.source for p in layer.pages)
        print(f"{folder.name}: {len(layer.pages)} pages ("
              + ", ".join(f"{k} {v}" for k, v in sorted(engines.items())) + f") → {folder}/")
    return status


FORMATS = ("csv", "json", "parquet")


def _bad_option(args: argparse.Namespace) -> str:
    """What is wrong with the options argparse let through ("" when nothing is), in one line."""
    if getattr(args, "template", "auto") != "auto":
        from extractors.template import generations

        if args.template not in generations():
            return f"--template {args.template!r} is no template; known: auto, {', '.join(generations())}"
    if hasattr(args, "format"):
        unknown = [f for f in args.format.split(",") if f not in FORMATS]
        if unknown:
            return f"--format {','.join(unknown)!r} unknown; choose from {','.join(FORMATS)}"
    for name, low in (("workers", 1), ("timeout", 1), ("memory_mb", 100)):
        value = getattr(args, name, None)
        if value is not None and value < low:
            return f"--{name.replace('_', '-')} must be at least {low}, not {value}"
    return ""


def _ended(signum: int, _frame: object) -> None:
    """SIGTERM (a job's time limit, ``kill``): Tesseract's processes ended and the document's work
    unwound as for an error (temporary files and folders deleted, no output written), then the exit
    status a shell gives a process ended by the signal (143)."""
    from .text.tesseract import stop_readers

    stop_readers()
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if problem := _bad_option(args):
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    command = {"extract": _extract, "text": _text, "batch": _batch, "report": _report}[args.command]
    # a batch's workers are ended by their parent, which cleans up after them; a handler only from
    # the main thread (a test may call main from another)
    if args.command == "batch" or threading.current_thread() is not threading.main_thread():
        return command(args)
    before = signal.signal(signal.SIGTERM, _ended)
    try:
        return command(args)
    finally:
        signal.signal(signal.SIGTERM, before)
