"""The layout's promises, checked on the code itself: no import cycles among pipeline/ and
extractors/; only pipeline/text/ opens a PDF or starts poppler or tesseract; one pdftotext pass a plan."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import KALASIN, ROOT

PDF_LIBRARIES = {"pypdfium2", "pikepdf", "pdfplumber", "pdfminer", "fitz"}
TOOLS = ("pdftotext", "pdftoppm", "tesseract")


def _modules() -> dict[str, Path]:
    out = {}
    for package in ("pipeline", "extractors"):
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path] | None = None) -> set[str]:
    """Every module ``name`` imports, at the top or inside a function (type-checking imports aside);
    ``from package import module`` depends on the module."""
    found: set[str] = set()
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join(package[:len(package) - child.level + 1] + ([base] if base else []))
                subs = {f"{base}.{a.name}" for a in child.names}
                found.update(subs & set(modules or ()) or {base})
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def test_no_import_cycles():
    modules = _modules()
    graph = {m: {d for d in _imports(m, p, modules) if d in modules and d != m} for m, p in modules.items()}
    cycles = []

    def walk(node: str, trail: list[str]) -> None:
        for dep in graph[node]:
            if dep in trail:
                cycles.append(trail[trail.index(dep):] + [dep])
            elif len(trail) < 40:
                walk(dep, trail + [dep])

    for start in graph:
        walk(start, [start])
    assert cycles == [], cycles[:5]


def test_only_the_text_engine_opens_pdfs_or_starts_tools():
    offenders = []
    for name, path in _modules().items():
        if name.startswith("pipeline.text"):
            continue
        libraries = {i.split(".")[0] for i in _imports(name, path)} & PDF_LIBRARIES
        source = path.read_text(encoding="utf-8")
        tools = [t for t in TOOLS if f'"{t}"' in source or f"'{t}'" in source]
        if libraries or tools:
            offenders.append((name, sorted(libraries), tools))
    assert offenders == []


def test_one_pdftotext_pass_per_plan(monkeypatch):
    """The golden plan through the whole chain starts poppler's pdftotext once."""
    from pipeline.run import run_document

    started: list[list[str]] = []
    real = subprocess.Popen

    def spy(args, *rest, **kw):
        started.append([str(a) for a in args])
        return real(args, *rest, **kw)

    monkeypatch.setattr(subprocess, "Popen", spy)
    plan = run_document(KALASIN / "kalasin.pdf")
    assert len(plan.projects) == 30
    assert sum(1 for args in started if Path(args[0]).name == "pdftotext") == 1, started


def test_text_engine_is_importable_on_its_own():
    code = "from pipeline.text import read; import sys; print('extractors' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"
