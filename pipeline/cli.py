"""``python -m pipeline …``: a thin command line over run.py and emit.py."""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

from .emit import write_plan
from .errors import PipelineError
from .records import Plan

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
    ex.add_argument("--template", default="nacc_2566_2570", help="template generation (extractors/templates)")
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
    return ap


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
        folder = write_plan(plan, args.out, bom=not args.no_bom)
        print(_summary(plan, folder))
    return status


def _text(args: argparse.Namespace) -> int:
    from .emit import doc_id_for, write_text
    from .textlayer import read

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


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if getattr(args, "verbose", False) else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    return {"extract": _extract, "text": _text}[args.command](args)
