"""The review report: opens from disk in headless Chromium, shows pages, boxes and charts, fetches nothing."""

from __future__ import annotations

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
