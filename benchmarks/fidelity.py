"""Thai text fidelity: CER of each text engine on the golden plan rendered many ways.

    python benchmarks/fidelity.py [--fonts Laksaman,Garuda,…] [--out docs/fidelity.md]

Renders corpora/kalasin/source.txt through LibreOffice and WeasyPrint in each Thai font, plus a
200-dpi image-only copy of the LibreOffice/Laksaman rendering, into output/fidelity/. For each
PDF it measures, against the printed source text (corpora/tools/render_plan.printed_text), the
character error rate with whitespace ignored (Levenshtein distance / reference length, RapidFuzz)
of raw pdfplumber extract_text(), raw pypdfium2, pdftotext -raw and plan2data's text engine.
The whole document is compared at once: the engines order table cells differently, which all of
them pay for alike. Page numbers are removed from every engine's text before comparing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "corpora" / "tools"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import render_plan  # noqa: E402

from pipeline.text import read  # noqa: E402

FONTS = ["Laksaman", "Garuda", "Norasi", "Loma", "Kinnari", "Sawasdee", "Umpush", "Waree"]
_PAGE_NO = regex.compile(r"^\s*[-–]?\s*[0-9๐-๙]{1,3}\s*[-–]?\s*$", regex.M)


def squash(text: str) -> str:
    return "".join(_PAGE_NO.sub("", text).split())


UNIT = 100  # reference characters per aligned unit
GRAM = 8


def reference_units(source: str) -> list[str]:
    """The running text of the plan (paragraphs and list items, not table cells) in 100-char units.

    Table cells are left out: engines legitimately read a table's cells in different orders,
    which a character error rate would count as damage.
    """
    blocks = render_plan.parse(source)
    units = []
    for b in blocks:
        if b.kind in ("p", "item"):
            text = squash(render_plan._BOLD.sub(r"\1", b.text))
            units.extend(text[i:i + UNIT] for i in range(0, len(text), UNIT))
    return [u for u in units if u]


def cer(hyp: str, units: list[str]) -> float:
    """Character error rate of the hypothesis against the reference units, whitespace ignored.

    Each unit is located in the hypothesis by its 8-grams (the candidate nearest the reading
    position wins among the best), then scored by Levenshtein distance (RapidFuzz).
    """
    from rapidfuzz.distance import Levenshtein

    hyp = squash(hyp)
    index: dict[str, list[int]] = {}
    for i in range(len(hyp) - GRAM + 1):
        index.setdefault(hyp[i:i + GRAM], []).append(i)
    cursor = errors = total = 0
    for unit in units:
        best: tuple[int, int, int] | None = None  # (distance, distance from cursor, start)
        if len(unit) < GRAM:  # too short for an 8-gram: the nearest exact occurrence
            pos = hyp.find(unit, max(0, cursor - 2000))
            pos = hyp.find(unit) if pos < 0 else pos
            if pos >= 0:
                best = (0, abs(pos - cursor), pos)
        for off in range(0, max(1, len(unit) - GRAM + 1), 4) if best is None else ():
            for pos in index.get(unit[off:off + GRAM], ())[:50]:
                for start in {max(0, pos - off + d) for d in (-2, -1, 0, 1, 2)}:
                    cand = (Levenshtein.distance(unit, hyp[start:start + len(unit)]), abs(start - cursor), start)
                    if best is None or cand < best:
                        best = cand
            if best is not None and best[0] == 0:
                break
        dist = len(unit) if best is None else min(best[0], len(unit))
        if best is not None and dist < len(unit) // 2:
            cursor = best[2] + len(unit)
        errors += dist
        total += len(unit)
    return errors / total


def engine_texts(pdf: Path) -> dict[str, tuple[str, float]]:
    import pdfplumber
    import pypdfium2 as pdfium

    out: dict[str, tuple[str, float]] = {}
    t = time.perf_counter()
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
    out["pdfplumber"] = (text, time.perf_counter() - t)
    t = time.perf_counter()
    doc = pdfium.PdfDocument(str(pdf))
    text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    doc.close()
    out["pypdfium2"] = (text, time.perf_counter() - t)
    t = time.perf_counter()
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    out["pdftotext"] = (text, time.perf_counter() - t)
    t = time.perf_counter()
    layer = read(pdf)
    engines = sorted({p.source for p in layer.pages})
    out["plan2data"] = ("\n".join(p.text for p in layer.pages), time.perf_counter() - t)
    out["_engines"] = (",".join(engines), 0.0)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fonts", default=",".join(FONTS))
    ap.add_argument("--out", type=Path, help="write the table (Markdown) here too")
    ap.add_argument("--work", type=Path, default=ROOT / "output" / "fidelity")
    args = ap.parse_args()
    source = ROOT / "corpora" / "kalasin" / "source.txt"
    units = reference_units(source.read_text(encoding="utf-8"))
    args.work.mkdir(parents=True, exist_ok=True)
    pdfs: list[tuple[str, str, Path]] = []
    for font in args.fonts.split(","):
        lo = args.work / f"libreoffice-{font}.pdf"
        render_plan.render(source, lo, font)
        pdfs.append(("LibreOffice 7.4", font, lo))
        wp = args.work / f"weasyprint-{font}.pdf"
        render_plan.render_weasyprint(source, wp, font)
        pdfs.append(("WeasyPrint", font, wp))
    from accuracy import scanned_copy

    scan = scanned_copy(args.work / f"libreoffice-{args.fonts.split(',')[0]}.pdf", args.work / "image-only-200dpi.pdf")
    pdfs.append(("image only, 200 dpi", args.fonts.split(",")[0], scan))

    rows = ["| toolchain | font | pdfplumber | pypdfium2 | pdftotext | plan2data | plan2data engines |",
            "|---|---|---|---|---|---|---|"]
    for toolchain, font, pdf in pdfs:
        texts = engine_texts(pdf)
        cells = [f"{100 * cer(texts[e][0], units):.3f} %" for e in ("pdfplumber", "pypdfium2", "pdftotext", "plan2data")]
        rows.append(f"| {toolchain} | {font} | " + " | ".join(cells) + f" | {texts['_engines'][0]} |")
        print(rows[-1], flush=True)
    table = "\n".join(rows)
    if args.out:
        import platform

        intro = (
            "# Thai text fidelity\n\n"
            f"Measured by `make fidelity` on {time.strftime('%Y-%m-%d')} ({platform.machine()}, "
            f"{platform.python_implementation()} {platform.python_version()}). The golden plan "
            "(`corpora/kalasin/source.txt`) is rendered by each toolchain in each Thai font "
            "(fonts-thai-tlwg), and a 200-dpi image-only copy is made of the first. Each engine's text "
            "is compared with the printed source text: character error rate, whitespace and page "
            "numbers ignored, over the running text (paragraphs and list items, located unit by unit, "
            "so that the order in which an engine reads table cells does not count). "
            "plan2data is the `text` command: poppler's text, fonts' glyph data, the repair rules, "
            "OCR (Tesseract tha+eng, 200 dpi) where a page's text layer is missing or scores low.\n\n"
        )
        from report import write

        write(args.out, intro + table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
