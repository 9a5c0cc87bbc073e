"""The review report: opens from disk in headless Chromium, shows pages, boxes and charts, fetches nothing."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

from pipeline.report import write_report


def folder_size(path):
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def test_kalasin_report_renders_pages_boxes_and_charts(kalasin_out, tmp_path):
    index = write_report(kalasin_out)
    html = index.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html), "the report loads a remote resource"
    assert "<script" not in html
    assert html.count('class="box"') > 300 and html.count('class="bar"') >= 15
    assert html.count("<figure") >= 80 and "ลำดับที่ 30" in html
    assert folder_size(index.parent) < 20 * 1024 * 1024

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian chromium is missing: run `make system`"
    shot = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1400,2600",
                    f"--screenshot={shot}", index.as_uri()], check=True, capture_output=True, timeout=120)
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 500, "the screenshot is (nearly) blank"
    counts = {rgb: n for n, rgb in colours}
    red = sum(n for rgb, n in counts.items() if rgb[0] > 190 and rgb[1] < 70 and rgb[2] < 70)
    assert red > 2000, "neither the chart's bars nor the field boxes were drawn"


def test_batch_report(tmp_path):
    from pipeline import extract_batch
    from tests.conftest import KALASIN

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.pdf").write_bytes((KALASIN / "kalasin.pdf").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    extract_batch(str(folder), tmp_path / "out")
    page = write_report(tmp_path / "out").read_text(encoding="utf-8")
    assert 'href="plan/report/index.html"' in page and "failed" in page and 'class="bar"' in page
    assert (tmp_path / "out" / "plan" / "report" / "index.html").exists()


def test_checks_are_triaged_errors_first_info_collapsed(kalasin_out, tmp_path):
    """Kalasin has errors (the dimension-1 subtotal): in the page Chromium renders, the first check
    row is an error, every information group is a closed <details>, and each code has its anchor."""
    index = write_report(kalasin_out)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Debian chromium is missing: run `make system`"
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", index.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    rows = re.findall(r'<tr class="check (\w+)"', dom)
    assert rows and rows[0] == "error" and "info" in rows
    assert rows == sorted(rows, key=["error", "warning", "info"].index)  # errors, then warnings, then info
    groups = re.findall(r'<details id="check-([\w-]+)" class="(\w+)"( open="")?', dom)
    assert groups and all(bool(is_open) == (severity != "info") for _, severity, is_open in groups)
    assert 'href="#check-subtotal-mismatch"' in dom and 'id="check-subtotal-mismatch"' in dom
    assert len({code for code, _, _ in groups}) == len(groups)  # one group per code


def test_batch_report_lists_plans_by_errors_and_sums_by_province(kalasin_out, tmp_path):
    from pipeline.batch import write_combined

    out = tmp_path / "run"
    shutil.copytree(kalasin_out, out / "kalasin")
    shutil.copytree(kalasin_out, out / "clean")
    for name in ("checks.csv",):  # the copy has no checks at all
        text = (out / "clean" / name).read_text(encoding="utf-8-sig").splitlines()[0]
        (out / "clean" / name).write_text(text + "\r\n", encoding="utf-8-sig")
    write_combined(out, [{"doc_id": "clean", "path": "a.pdf", "sha256": "", "status": "ok", "checks_error": 0,
                          "checks_warning": 0},
                         {"doc_id": "kalasin", "path": "b.pdf", "sha256": "", "status": "ok", "checks_error": 6,
                          "checks_warning": 3}])
    page = write_report(out).read_text(encoding="utf-8")
    assert page.index('href="kalasin/report/index.html"') < page.index('href="clean/report/index.html"')
    # both copies (their tables both say doc_id kalasin: one plan): 2 × 30 projects; Part 2 rows add up to
    # 1,850,000 a year over five years, twice
    part3 = 2 * sum(int(r["budget_baht"] or 0) for r in csv.DictReader(
        (kalasin_out / "projects.csv").open(encoding="utf-8-sig")))
    assert f"<td>กาฬสินธุ์</td><td>1</td><td>60</td><td>18,500,000</td><td>{part3:,}</td>" in page
