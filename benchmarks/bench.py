"""Speed and memory beside pdftotext, in the same run: `make bench` → docs/performance.md.

Measured, alternating the contenders, REPS times each (median and spread):
- the golden Kalasin PDF: pdftotext, raw pdfplumber extract_text (once: it is slow),
  plan2data's extract in a warm process (batch-amortised) and from a cold CLI start;
- a batch of five synthetic plans, and one of 36 (the 12 synthetic plans, 3 distinct copies each)
  where start-up no longer dominates: `python -m pipeline batch --force` with 1 and 2 workers,
  against pdftotext over the same files, with the machine's busy CPU seconds (/proc/stat);
- a mixed batch as users have them: the varied corpus (python-docx → LibreOffice, WeasyPrint,
  Chromium), the golden plan and its renderings, the Word-made validation plan and a 165-page
  Word-like plan with SARA AM lost (benchmarks/word_like.py), OCR off: 1 and 2 workers against
  pdftotext over the same files, with CPU-seconds per plan and how busy the machine is;
- the text engine on every text-layer file of ../shared/real-pdfs/, each against pdftotext on the
  same file in the same run, in a warm process and from a cold command line;
- the single-file command line, cold, on the Word-like plan; peak memory on a 1,000-page plan;
- one scanned plan (a synthetic plan rasterised at 200 dpi): OCR pages per second.
Peak RSS is the largest resident size of any one process of the batch (parent, fork server,
workers), sampled every 50 ms with psutil.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
KALASIN = ROOT / "corpora" / "kalasin" / "kalasin.pdf"
REAL = ROOT.parent / "shared" / "real-pdfs"
VALIDATION = ROOT.parent / "shared" / "validation" / "abt-donsombun-word.pdf"
MADE = ROOT / "output" / "bench"  # the generated bench plans, kept between runs (git-ignored)
SYN = ROOT / "corpora" / "synthetic" / "pdf"
BATCH = ["tt-nongbua", "abt-nonsung", "tm-bangpla", "abt-nongkhai", "tt-khokpho"]


COPIES = 3


def distinct_copies(pdfs: list[Path], copies: int, folder: Path) -> list[Path]:
    """``copies`` byte-distinct copies of each PDF (a new /Subject and /ID; same pages)."""
    import pikepdf

    folder.mkdir(parents=True)
    out = []
    for pdf in pdfs:
        for k in range(copies):
            with pikepdf.open(pdf) as doc:
                doc.docinfo["/Subject"] = f"bench copy {k}"
                doc.save(folder / f"{pdf.stem}-{k}.pdf", static_id=False)
            out.append(folder / f"{pdf.stem}-{k}.pdf")
    return out


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (all processes), from /proc/stat."""
    fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq = (int(x) for x in fields[:7])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def batch_section(title: str, pdfs: list[Path], work: Path, reps: int, py: str, pdftotext, start: float,
                  note: str = "", extra: tuple[str, ...] = ()) -> list[str]:
    """Time ``batch --force`` with 1 and 2 workers beside pdftotext over the same files; ``start`` is
    the start-up a batch pays once, for the steady-state ratio."""
    import psutil

    pages = sum(pages_of(p) for p in pdfs)
    folder = work / "in"
    folder.mkdir(parents=True)
    for p in pdfs:
        shutil.copy(p, folder / p.name)
    results: dict[str, list[float]] = {"pdftotext": [], "1 worker": [], "2 workers": []}
    cpu: dict[str, list[float]] = {"1 worker": [], "2 workers": []}
    rss: dict[str, int] = {}
    for _ in range(reps):
        results["pdftotext"] += timed(lambda: [pdftotext(p) for p in pdfs], 1)
        for workers in (1, 2):
            key = f"{workers} worker" + ("s" if workers > 1 else "")
            # psutil samples the batch process and every worker it forks, every 50 ms
            busy, t = busy_cpu_s(), time.perf_counter()
            proc = subprocess.Popen([py, "-m", "pipeline", "batch", str(folder), "--out", str(work / "out"),
                                     "--workers", str(workers), "--force", *extra], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            peak = 0
            while proc.poll() is None:
                try:
                    tree = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
                    peak = max([peak] + [p.memory_info().rss for p in tree if p.is_running()])
                except psutil.Error:
                    pass
                time.sleep(0.05)
            results[key].append(time.perf_counter() - t)
            cpu[key].append(busy_cpu_s() - busy)
            rss[key] = max(rss.get(key, 0), peak // 1024)
    base = statistics.median(results["pdftotext"])
    lines = [f"## {title}", "", f"{len(pdfs)} plans, {pages} pages (`python -m pipeline batch --force`, cold "
             "start included)." + (f" {note}" if note else ""), "",
             "| what | time | pages/s | per plan | vs pdftotext | CPU busy (machine) | peak RSS of a process |",
             "|---|---|---|---|---|---|---|"]
    for key, xs in results.items():
        mem = f"{rss[key] / 1024:.0f} MB" if key in rss else "–"
        busy = f"{statistics.median(cpu[key]):.1f} s" if key in cpu else "–"
        med = statistics.median(xs)
        lines.append(f"| {key} | {fmt(xs)} | {pages / med:.0f} | {med / len(pdfs):.3f} s | {med / base:.1f}× | "
                     f"{busy} | {mem} |")
    one, two = statistics.median(results["1 worker"]), statistics.median(results["2 workers"])
    cores = statistics.median(cpu["1 worker"]) / one
    steady_cores = (statistics.median(cpu["1 worker"]) - start) / (one - start)
    lines += ["", f"2 workers give {one / two:.2f}× the throughput of 1. One worker alone already keeps "
              f"{cores:.2f} cores busy (poppler's pdftotext runs beside the parser), so 2 workers on 2 "
              f"cores can give at most ~{2 / cores:.2f}×.",
              "", f"Without the start-up both runs pay once ({start:.2f} s: the fork server imports the pipeline "
              f"and builds the word list; timed alone), 2 workers give {(one - start) / (two - start):.2f}× the "
              f"throughput of 1, against a ceiling of {2 / steady_cores:.2f}× (one worker keeps "
              f"{steady_cores:.2f} cores busy once started).", "",
              f"Batch-amortised (the start-up a batch pays once left out, as over a batch of thousands of plans; "
              f"the last plan's tail kept): 2 workers {(two - start) / base:.2f}× pdftotext, 1 worker "
              f"{(one - start) / base:.2f}×; the whole run above, start-up included: {two / base:.2f}× and "
              f"{one / base:.2f}×.", ""]
    busy1, busy2 = statistics.median(cpu["1 worker"]), statistics.median(cpu["2 workers"])
    ncpu = os.cpu_count() or 1
    lines += [f"Parallel efficiency: CPU-seconds per plan {busy1 / len(pdfs):.3f} s with 1 worker, "
              f"{busy2 / len(pdfs):.3f} s with 2 ({busy2 / busy1 - 1:+.0%}; target within ±10 %); with 2 workers "
              f"the machine is {(busy2 - start) / (two - start) / ncpu:.0%} busy once started (target ≥ 90 %); "
              f"end to end (start-up and the last plan's tail included) "
              f"{busy2 / two / ncpu:.0%}.", ""]
    return lines


def word_like(projects: int) -> Path:
    """The Word-like plan with ``projects`` projects, made once and kept in output/bench/."""
    from word_like import make

    path = MADE / f"word-like-{projects}.pdf"
    if not path.exists():
        MADE.mkdir(parents=True, exist_ok=True)
        make(path.with_suffix(".tmp.pdf"), projects).rename(path)
    return path


def has_text_layer(pdf: Path) -> bool:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True).stdout
    return len(text.split()) >= 20 and sum("\u0e01" <= ch <= "\u0e5b" for ch in text) >= 100


def real_pdfs_section(py: str, pdftotext, reps: int) -> list[str]:
    """The text engine on each text-layer file of ../shared/real-pdfs/, beside pdftotext."""
    from pipeline.text import dictionary, engine, line_ends, read

    files = [p for p in sorted(REAL.glob("*.pdf")) if has_text_layer(p)]
    read(KALASIN, ocr_mode="never")  # a warm process: imports, word list
    lines = ["## The text engine on real published PDFs", "",
             f"Every file of `../shared/real-pdfs/` with a Thai text layer ({len(files)} files; OCR off on both "
             "sides): `pdftotext` against plan2data's text engine (`pipeline.text.read`: fonts checked and "
             "repaired, SARA AM restored, repair rules, quality scores) in a warm process (batch-amortised; "
             "the segmentation caches emptied before each file, so no file profits from its own earlier run) "
             "and from a cold command line (`python -m pipeline text`, bytecode cached). *Line ends*: the "
             "content-stream reader of the space glyphs lines end with (`pipeline.text.line_ends`) on every "
             "page, what a plan whose file keeps its wraps' spaces (Word) pays on its field pages on top of "
             "the text engine (a LibreOffice or WeasyPrint file pays nothing; another writer's file, a "
             "six-page sample).", "",
             "| file | pages | pdftotext | warm | × pdftotext | line ends | cold CLI | cold − pdftotext |",
             "|---|---|---|---|---|---|---|---|"]
    total_p = total_w = total_e = 0.0
    worst = 0.0
    for pdf in files:
        p_times, w_times, e_times = [], [], []
        pages = pages_of(pdf)
        for _ in range(reps):
            p_times += timed(lambda: pdftotext(pdf), 1)
            engine._changed_words.cache_clear()
            dictionary.split_thai.cache_clear()
            w_times += timed(lambda: read(pdf, ocr_mode="never"), 1)
            e_times += timed(lambda: line_ends.space_ends(pdf, range(1, pages + 1)), 1)
        cold = timed(lambda: subprocess.run([py, "-m", "pipeline", "text", str(pdf), "--ocr", "never", "--out",
                                             tempfile.mkdtemp()], check=True, capture_output=True), 2)
        p, w, e, c = statistics.median(p_times), statistics.median(w_times), statistics.median(e_times), min(cold)
        total_p, total_w, total_e, worst = total_p + p, total_w + w, total_e + e, max(worst, w / p)
        lines.append(f"| {pdf.name[:44]} | {pages} | {p:.3f} s | {w:.3f} s | {w / p:.1f}× | {e:.3f} s | {c:.2f} s | "
                     f"+{c - p:.2f} s |")
    lines += ["", f"All {len(files)} files together: {total_w:.2f} s warm against pdftotext's {total_p:.2f} s, "
              f"{total_w / total_p:.1f}×; the slowest file {worst:.1f}×. The line ends of every page of all "
              f"{len(files)}: {total_e:.2f} s ({total_e / total_p:.1f}× pdftotext's time).", ""]
    return lines


def mixed_plans() -> list[tuple[Path, str]]:
    plans = [(p, "python-docx → LibreOffice" if p.name.startswith("wd-") else
              "WeasyPrint" if p.name.startswith("wh-") else "Chromium")
             for p in sorted((ROOT / "corpora" / "wild" / "pdf").glob("*.pdf"))]
    plans += [(KALASIN, "LibreOffice (golden)")]
    plans += [(p, "rendering of the golden plan") for p in sorted((ROOT / "corpora" / "kalasin" / "renderings")
                                                                  .glob("*.pdf"))]
    if VALIDATION.exists():
        plans.append((VALIDATION, "Word (made outside this repository)"))
    plans.append((word_like(150), "Word-like: Chromium, SARA AM lost, 165 pages"))
    return plans


def cold_cli_section(pdftotext) -> list[str]:
    """The single-file command line, cold, on the Word-like plan, against pdftotext + 1.5 s."""
    pdf = word_like(150)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline"), str(ROOT / "extractors")],
                   check=True, capture_output=True)  # bytecode cached, as on a user's second run
    base = statistics.median(timed(lambda: pdftotext(pdf), 3))
    cold = timed(lambda: subprocess.run([sys.executable, "-m", "pipeline", "extract", str(pdf), "--out",
                                         tempfile.mkdtemp()], check=True, capture_output=True), 3)
    c = statistics.median(cold)
    return ["## The command line, cold, on a long Word-like plan", "",
            f"`python -m pipeline extract` on the {pages_of(pdf)}-page Word-like plan (SARA AM lost; fonts "
            f"repaired, Part 2 and Part 3 read, every output written): {fmt(cold)}, against pdftotext's "
            f"{base:.3f} s: pdftotext + {c - base:.2f} s (target: + 1.5 s).", ""]


def memory_section() -> list[str]:
    """Peak resident memory of the one process that reads a 1,000-page plan (its pdftotext aside)."""
    import psutil

    pdf = word_like(900)
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(pdf), "--out", tempfile.mkdtemp(),
                             "--ocr", "never"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, psutil.Process(proc.pid).memory_info().rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    return ["## Memory on a 1,000-page plan", "",
            f"The Word-like plan with 900 projects ({pages_of(pdf)} pages): `python -m pipeline extract` took "
            f"{time.perf_counter() - t:.1f} s with a peak resident size of {peak / 2**20:.0f} MB "
            "(target < 400 MB per worker).", ""]


def timed(fn, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def fmt(xs: list[float]) -> str:
    if len(xs) == 1:
        return f"{xs[0]:.3f} s"
    return f"{statistics.median(xs):.3f} s (±{(max(xs) - min(xs)) / 2:.3f})"


def pages_of(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc)
    doc.close()
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    from pipeline.run import run_document

    lines = []
    py = sys.executable
    pdftotext = lambda pdf: subprocess.run(["pdftotext", str(pdf), "/dev/null"], check=True)  # noqa: E731

    # --- one document
    run_document(KALASIN)  # warm the process (imports, dictionary, templates)
    kal_pages = pages_of(KALASIN)
    a, b, stages = [], [], []
    for _ in range(args.reps):  # alternate
        a += timed(lambda: pdftotext(KALASIN), 1)
        t = time.perf_counter()
        plan = run_document(KALASIN)
        b.append(time.perf_counter() - t)
        stages.append(plan.timings)
    cold = timed(lambda: subprocess.run([py, "-m", "pipeline", "extract", str(KALASIN), "--out",
                                         tempfile.mkdtemp()], check=True, capture_output=True), 2)
    import pdfplumber

    def plumber():
        with pdfplumber.open(KALASIN) as pdf:
            for page in pdf.pages:
                page.extract_text()

    raw = timed(plumber, 1)
    med_a, med_b = statistics.median(a), statistics.median(b)
    lines += ["## One document: the golden Kalasin plan", "",
              f"{kal_pages} pages, born-digital (LibreOffice).", "",
              "| what | time | pages/s | vs pdftotext |", "|---|---|---|---|",
              f"| pdftotext | {fmt(a)} | {kal_pages / med_a:.0f} | 1.0× |",
              f"| raw pdfplumber extract_text | {fmt(raw)} | {kal_pages / raw[0]:.0f} | {raw[0] / med_a:.1f}× |",
              f"| plan2data extract, warm process (batch-amortised) | {fmt(b)} | {kal_pages / med_b:.0f} | "
              f"{med_b / med_a:.1f}× |",
              f"| plan2data extract, cold CLI start | {fmt(cold)} | {kal_pages / statistics.median(cold):.0f} | "
              f"{statistics.median(cold) / med_a:.1f}× |", "",
              f"plan2data is {raw[0] / med_b:.1f}× faster than raw pdfplumber text extraction.", "",
              "Time per stage (median of the warm runs): " + ", ".join(
                  f"{k} {statistics.median(s[k] for s in stages):.3f} s" for k in stages[0]), ""]

    # --- batches; the start-up every batch pays once: the fork server's imports and word list
    start = statistics.median(timed(lambda: subprocess.run([py, "-c", "import pipeline.run, pipeline.warm"],
                                                           check=True), 3))
    with tempfile.TemporaryDirectory() as tmp:
        five = [SYN / f"{d}.pdf" for d in BATCH]
        lines += batch_section("A batch of five synthetic plans", five, Path(tmp) / "five",
                               max(2, args.reps // 2), py, pdftotext, start)
        many = distinct_copies(sorted(SYN.glob("*.pdf")), COPIES, Path(tmp) / "copies")
        lines += batch_section(f"A batch of {len(many)} plans (steady state)", many, Path(tmp) / "many", 2, py,
                               pdftotext, start, note=(
                                   f"The 12 synthetic plans, {COPIES} copies each made distinct by their "
                                   "/Info (a batch skips duplicate files): enough documents that the "
                                   "start-up (the fork server imports the pipeline and builds the word list "
                                   "once; timed below) stops dominating."))

        mixed = mixed_plans()
        kinds = sorted({k for _, k in mixed})
        lines += batch_section(
            f"A mixed batch: {len(mixed)} plans from {len(kinds)} toolchains", [p for p, _ in mixed],
            Path(tmp) / "mixed", 2, py, pdftotext, start, extra=("--ocr", "never"),
            note="OCR off on both sides. The plans: " + "; ".join(
                f"{k} ({sum(1 for _, x in mixed if x == k)})" for k in kinds) + ".")
        lines += real_pdfs_section(py, pdftotext, max(3, args.reps // 2))
        lines += cold_cli_section(pdftotext)
        lines += memory_section()

        # --- a scan
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from accuracy import scanned_copy

        scan = scanned_copy(SYN / "abt-huaisai.pdf", Path(tmp) / "scan.pdf")
        n = pages_of(scan)
        t = timed(lambda: run_document(scan), 1)[0]
        from pipeline.text.ocr import OcrSettings

        workers = OcrSettings().processes()
        lines += ["## A scanned plan", "", f"{n} image-only pages at 200 dpi, OCR with {workers} "
                  f"parallel tesseract processes: {t:.1f} s, {n / t:.2f} pages/s, "
                  f"{t * workers / n:.2f} s per page per core.", ""]
    head = [f"# Performance\n\n`make bench` on {time.strftime('%Y-%m-%d')}: {platform.machine()}, "
            f"{__import__('os').cpu_count()} cores, Python {platform.python_version()}, "
            f"{subprocess.run(['pdftotext', '-v'], capture_output=True, text=True).stderr.splitlines()[0]}.\n"]
    text = "\n".join(head + lines)
    print(text)
    if args.out:
        from report import write

        write(args.out, text + "\n")  # the hand-written reading of the numbers is kept
    return 0


if __name__ == "__main__":
    sys.exit(main())
