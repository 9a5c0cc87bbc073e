"""Static HTML review reports: check a value against the page it came from, without the PDF.

    python -m pipeline report DIR

DIR is one document's output folder or a batch's. A document's report shows every project's
values beside the page images, each field's box drawn on the page; the checks, each linked to
its page; pages read by OCR are marked. A batch gets an index with each document's status and
counts. Both chart the budget by dimension and fiscal year. Everything is local files: no
script, font or image is fetched from anywhere.
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path

from .emit import read_rows

PAGE_WIDTH_PX = 620  # page images: small enough that a 100-page plan stays well under 20 MB
JPEG_QUALITY = 55
COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
           "#7f7f7f", "#393b79"]
CSS = """
body{font-family:'Laksaman','Garuda','Noto Sans Thai',sans-serif;margin:0 2em 4em;color:#222}
h1{font-size:1.6em} h2{border-bottom:2px solid #444;margin-top:2em} table{border-collapse:collapse}
td,th{border:1px solid #bbb;padding:3px 6px;vertical-align:top;font-size:14px;text-align:left}
.error{background:#fdd}.warning{background:#ffd}.info{background:#eef}
.project{display:flex;gap:1.5em;align-items:flex-start} .values{flex:1 1 45%} .pages{flex:1 1 55%}
.page{position:relative;display:inline-block;margin:0 0 1em;border:1px solid #999}
.page img{display:block;width:100%} .page svg{position:absolute;left:0;top:0;width:100%;height:100%}
.badge{display:inline-block;padding:1px 6px;border-radius:3px;background:#c00;color:#fff;font-size:12px}
.key{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle}
pre{white-space:pre-wrap;margin:0;font-family:inherit}
details{margin:.3em 0} summary{cursor:pointer;padding:2px 4px} .filter a{margin-right:.6em}
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def budget_chart(rows: list[dict[str, str]], title: str) -> str:
    """Inline SVG: grouped bars of the budget per fiscal year, one colour per dimension."""
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        if r.get("budget_baht"):
            totals[(r["fiscal_year_be"], r.get("dimension_no") or "?")] += int(r["budget_baht"])
    if not totals:
        return f"<p>{_e(title)}: no budget figures.</p>"
    years = sorted({y for y, _ in totals})
    dims = sorted({d for _, d in totals})
    top = max(totals.values()) or 1
    width, height, pad = 120 * len(years) + 80, 260, 40
    bar = max(8, 100 // max(1, len(dims)))
    parts = [f'<svg class="chart" width="{width}" height="{height + 60}" role="img" aria-label="{_e(title)}">',
             f'<line x1="{pad}" y1="{height}" x2="{width}" y2="{height}" stroke="#333"/>']
    for i, year in enumerate(years):
        x0 = pad + 10 + i * 120
        for j, dim in enumerate(dims):
            value = totals.get((year, dim), 0)
            h = int((height - 20) * value / top)
            parts.append(f'<rect class="bar" x="{x0 + j * bar}" y="{height - h}" width="{bar - 2}" height="{h}" '
                         f'fill="{COLOURS[j % len(COLOURS)]}"><title>มิติ {_e(dim)}, {year}: {value:,} บาท</title></rect>')
        parts.append(f'<text x="{x0}" y="{height + 18}" font-size="13">{year}</text>')
    for j, dim in enumerate(dims):
        parts.append(f'<rect x="{pad + j * 90}" y="{height + 32}" width="12" height="12" fill="{COLOURS[j % len(COLOURS)]}"/>'
                     f'<text x="{pad + j * 90 + 16}" y="{height + 43}" font-size="13">มิติ {_e(dim)}</text>')
    parts.append(f'<text x="{pad}" y="14" font-size="13">{_e(title)} (สูงสุด {top:,} บาท)</text></svg>')
    return "".join(parts)


SEVERITIES = ("error", "warning", "info")


def checks_section(checks: list[dict], pages: set[int]) -> str:
    """The checks triaged: errors first, then warnings, then information; within each, one group per
    code (the commonest first) with its count and meaning; errors and warnings open, information
    collapsed; a line of links to every severity and code (no script: the links are the filter);
    each page number links to its page image."""
    from .checks import CODES

    by: dict[str, dict[str, list[dict]]] = {s: defaultdict(list) for s in SEVERITIES}
    for c in checks:
        by.setdefault(c["severity"], defaultdict(list))[c["code"]].append(c)
    counts = {s: sum(len(v) for v in by[s].values()) for s in by}
    links = " · ".join(f'<a href="#checks-{s}">{s} {counts[s]}</a>' for s in by if counts[s])
    codes = " ".join(f'<a class="{s}" href="#check-{_e(code)}">{_e(code)} ({len(items)})</a>'
                     for s in by for code, items in sorted(by[s].items(), key=lambda kv: -len(kv[1])))
    out = [f'<h2 id="checks">Checks</h2><p class="filter">{links or "none"}</p><p class="filter">{codes}</p>']
    for severity in by:
        if not counts[severity]:
            continue
        out.append(f'<h3 id="checks-{severity}">{severity} ({counts[severity]})</h3>')
        for code, items in sorted(by[severity].items(), key=lambda kv: -len(kv[1])):
            meaning = CODES.get(code, ("", ""))[1]
            rows = "".join(
                f'<tr class="check {_e(severity)}"><td>'
                + (f'<a href="#page-{c["page"]}">{c["page"]}</a>' if c.get("page") in pages else _e(c.get("page")))
                + f"</td><td>{_e(c['message'])}</td></tr>" for c in items)
            state = "" if severity == "info" else " open"
            out.append(f'<details id="check-{_e(code)}" class="{_e(severity)}"{state}><summary><b>{_e(code)}</b> · '
                       f"{len(items)} · {_e(meaning)}</summary><table><tr><th>page</th><th>message</th></tr>"
                       f"{rows}</table></details>")
    return "".join(out)


def _render_pages(pdf_path: Path, numbers: set[int], out: Path) -> dict[int, tuple[int, int, float]]:
    """JPEG images of the given pages → {page: (width_px, height_px, width_pt)}."""
    from .text.backend import page_images

    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[int, tuple[int, int, float]] = {}
    for number, image, width_pt in page_images(pdf_path, numbers, PAGE_WIDTH_PX):
        image.convert("RGB").save(out / f"page-{number}.jpg", quality=JPEG_QUALITY, optimize=True)
        sizes[number] = (*image.size, width_pt)
    return sizes


def _page_figure(number: int, size: tuple[int, int], width_pt: float, boxes: list[tuple[str, list[float], str]],
                 ocr: bool) -> str:
    w, h = size
    scale = w / width_pt
    rects = "".join(
        f'<rect class="box" x="{b[0] * scale:.0f}" y="{b[1] * scale:.0f}" width="{(b[2] - b[0]) * scale:.0f}" '
        f'height="{(b[3] - b[1]) * scale:.0f}" fill="none" stroke="{colour}" stroke-width="2">'
        f"<title>{_e(name)}</title></rect>"
        for name, b, colour in boxes)
    badge = '<span class="badge">OCR</span> ' if ocr else ""
    return (f'<figure id="page-{number}"><figcaption>{badge}หน้า {number}</figcaption><div class="page">'
            f'<img src="pages/page-{number}.jpg" alt="page {number}" width="{w}" height="{h}">'
            f'<svg viewBox="0 0 {w} {h}" preserveAspectRatio="none">{rects}</svg></div></figure>')


def write_document_report(folder: Path) -> Path:
    """``folder/report/index.html`` for one document's output folder."""
    doc = json.loads((folder / "document.json").read_text(encoding="utf-8"))
    out = folder / "report"
    pdf = Path(doc["source"]["path"])
    ocr_pages = {p["number"] for p in doc.get("pages", []) if p.get("source") == "ocr"}
    wanted = {n for p in doc["projects"] for v in p.get("boxes", {}).values() for n, *_ in v}
    wanted |= {c["page"] for c in doc["checks"] if c.get("page")}
    rendered = _render_pages(pdf, wanted, out / "pages") if pdf.exists() else {}
    sizes = {n: (w, h) for n, (w, h, _) in rendered.items()}
    widths = {n: width_pt for n, (_, _, width_pt) in rendered.items()}
    info = doc["document"]
    parts = [f"<!doctype html><html lang='th'><head><meta charset='utf-8'><title>{_e(doc['doc_id'])}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>{_e(info.get('lao_name') or doc['doc_id'])} · แผน {_e(info.get('plan_start_be'))}–"
             f"{_e(info.get('plan_end_be'))}</h1>",
             f"<p>{_e(doc['source']['path'])} · {doc['source']['pages']} pages · {len(doc['projects'])} projects · "
             f"{len(ocr_pages)} pages read by OCR</p>",
             budget_chart(read_rows(folder / "budgets.csv"), "งบประมาณตามมิติและปีงบประมาณ (ส่วนที่ ๒)"),
             checks_section(doc["checks"], set(sizes))]
    shown: set[int] = set()
    for p in doc["projects"]:
        fields = [k for k in p.get("boxes", {})]
        colour = {k: COLOURS[i % len(COLOURS)] for i, k in enumerate(fields)}
        rows = "".join(
            f'<tr><th><span class="key" style="background:{colour.get(k, "#fff")}"></span>{_e(k)}</th>'
            f"<td><pre>{_e(p.get(k))}</pre></td></tr>"
            for k in ("name", "kind", "dimension_no", "mission_no", "submission_no", "rationale", "objectives",
                      "target_group", "area", "method", "duration", "budget_text", "budget_baht", "responsible",
                      "outputs", "outcomes", "note") if p.get(k) not in (None, ""))
        by_page: dict[int, list[tuple[str, list[float], str]]] = defaultdict(list)
        for k, boxes in p.get("boxes", {}).items():
            for n, *box in boxes:
                by_page[n].append((k, box, colour[k]))
        figures = "".join(_page_figure(n, sizes[n], widths[n], by_page[n], n in ocr_pages)
                          for n in sorted(by_page) if n in sizes)
        shown |= set(by_page)
        parts.append(f'<h2 id="project-{p["seq"]}">ลำดับที่ {p["seq"]} · {_e(p["name"])}</h2>'
                     f'<div class="project"><div class="values"><table>{rows}</table></div>'
                     f'<div class="pages">{figures}</div></div>')
    rest = sorted(n for n in sizes if n not in shown)
    if rest:
        parts.append("<h2>Other pages the checks point to</h2>"
                     + "".join(_page_figure(n, sizes[n], widths[n], [], n in ocr_pages) for n in rest))
    parts.append("</body></html>")
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text("".join(parts), encoding="utf-8")
    return out / "index.html"


def write_batch_report(folder: Path) -> Path:
    """``folder/report.html``: every document of a batch with its status, linked to its report."""
    rows = read_rows(folder / "run_report.csv")
    parts = [f"<!doctype html><html lang='th'><head><meta charset='utf-8'><title>batch</title><style>{CSS}</style>"
             "</head><body><h1>Batch report</h1>",
             budget_chart(read_rows(folder / "all_budgets.csv"), "งบประมาณรวมทุกแผน ตามมิติและปีงบประมาณ"),
             "<table><tr><th>document</th><th>status</th><th>pages</th><th>projects</th><th>errors</th>"
             "<th>warnings</th><th>engine</th><th>error</th></tr>"]
    def errors_first(r: dict[str, str]) -> tuple[int, int, int, str]:
        failed = r["status"] == "failed"
        return (-failed, -int(r.get("checks_error") or 0), -int(r.get("checks_warning") or 0), r["doc_id"])

    for r in sorted(rows, key=errors_first):
        doc_folder = folder / r["doc_id"]
        link = _e(r["doc_id"])
        if r["status"] != "failed" and (doc_folder / "document.json").exists():
            write_document_report(doc_folder)
            link = f'<a href="{_e(r["doc_id"])}/report/index.html">{link}</a>'
        cls = {"failed": "error", "partial": "warning"}.get(r["status"], "")
        parts.append(f'<tr class="{cls}"><td>{link}</td><td>{_e(r["status"])}</td><td>{_e(r["pages"])}</td>'
                     f"<td>{_e(r['projects'])}</td><td>{_e(r['checks_error'])}</td><td>{_e(r['checks_warning'])}</td>"
                     f"<td>{_e(r['engine'])}</td><td>{_e(r['error'])}</td></tr>")
    parts.append("</table>")
    parts.append(_by_province(read_rows(folder / "all_projects.csv"), read_rows(folder / "all_budgets.csv")))
    parts.append("</body></html>")
    (folder / "report.html").write_text("".join(parts), encoding="utf-8")
    return folder / "report.html"


def _by_province(projects: list[dict[str, str]], budgets: list[dict[str, str]]) -> str:
    """Plans, projects and budgets per province (Part 2 summed over every fiscal year; Part 3's budget fields)."""
    from collections import Counter

    def baht(r: dict[str, str]) -> int:
        return int(r["budget_baht"]) if (r.get("budget_baht") or "").isdigit() else 0

    plans: dict[str, set[str]] = defaultdict(set)
    count, part2, part3 = Counter(), Counter(), Counter()
    for r in projects:
        name = r.get("province") or "?"
        plans[name].add(r["doc_id"])
        count[name] += 1
        part3[name] += baht(r)
    for r in budgets:
        part2[r.get("province") or "?"] += baht(r)
    if not plans:
        return ""
    rows = "".join(f"<tr><td>{_e(name)}</td><td>{len(plans[name])}</td><td>{count[name]}</td>"
                   f"<td>{part2[name]:,}</td><td>{part3[name]:,}</td></tr>" for name in sorted(plans))
    return ("<h2>By province</h2><table><tr><th>province</th><th>plans</th><th>projects</th>"
            "<th>Part 2 budget, all years (baht)</th><th>Part 3 budgets (baht)</th></tr>" + rows + "</table>")


def write_report(folder: Path) -> Path:
    """A document folder gets report/index.html; a batch folder gets report.html and one per document."""
    if (folder / "run_report.csv").exists():
        return write_batch_report(folder)
    if (folder / "document.json").exists():
        return write_document_report(folder)
    raise FileNotFoundError(f"{folder}: neither a document's output (document.json) nor a batch's (run_report.csv)")
