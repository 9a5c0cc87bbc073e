"""Lay a plan's text out as a published PDF, through LibreOffice.

The input is a plan text in the shape of ``corpora/kalasin/source.txt``:
one paragraph per line, blank lines between blocks, table rows as
tab-separated cells (a row equal to the table's first header row starts a
repeated header and is dropped, since LibreOffice repeats it by itself),
a Markdown-style committee table (``| a | b |``), ``- `` list markers
(one space of indent per nesting level), ``**bold**``.

The output is an A4 document the way a municipality publishes one: cover,
foreword, table of contents, Part 1 with ruled tables, Part 2 as one ruled
landscape table whose header repeats on every page, Part 3, the appendix;
Thai-digit page numbers; justified 16 pt text in a Sarabun-class font.
LibreOffice writes the Thai glyph runs with ``/ActualText`` spans exactly
as Word/LibreOffice plans do, which is the damage the pipeline must repair.

    python corpora/tools/render_plan.py SOURCE.txt OUT.pdf [--font Laksaman]

``printed_text(source)`` gives the text a reader sees on the rendered
pages (markup removed); the fidelity benchmark measures against it.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_LIST = re.compile(r"^(?P<indent> *)- (?P<text>.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_MD_SEPARATOR = re.compile(r"^\|[-| ]+\|$")
# Paragraphs that open a new page in the published layout.
_PAGE_BREAK_BEFORE = re.compile(
    r"^(คำนำ|สารบัญ|ส่วนที่ [๐-๙]+|ภาคผนวก|\(ฉบับที่ |คำสั่ง)"
)
_CENTRED = re.compile(
    r"^(คำนำ|สารบัญ|ส่วนที่ [๐-๙]+$|บทนำ$|รายละเอียดโครงการ|ภาคผนวก|\(ฉบับที่ |ประกาศ"
    r"|คำสั่ง|ที่ [๐-๙]+ /|เรื่อง |ของเทศบาล|\(พ\.ศ\.|\(นาย|นายก|แผนปฏิบัติการป้องกันการทุจริต$"
    r"|เพื่อยกระดับคุณธรรม|เทศบาลเมืองกาฬสินธุ์$|อำเภอ)"
)
_HEADING = re.compile(
    r"^(คำนำ|สารบัญ|ส่วนที่ |บทนำ$|รายละเอียดโครงการ|ภาคผนวก|มิติที่ |มติที่ |ลำดับที่ "
    r"|[๐-๙]+\.[๐-๙]+(\.[๐-๙]+)? |[๐-๙]+\. (?!.*[/:].*\S{40}))"
)


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "p" | "item" | "table" | "continuation"
    text: str = ""
    level: int = 0
    rows: tuple[tuple[str, ...], ...] = ()
    header_rows: int = 0


def parse(source: str) -> list[Block]:
    """Source text → blocks, tables gathered across blank lines."""
    blocks: list[Block] = []
    lines = [line.rstrip("\n") for line in source.split("\n")]
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if "\t" in line or line.startswith("|") or line.startswith("- |"):
            rows, i = _take_table(lines, i)
            blocks.append(_table_block(rows))
            continue
        if line.startswith("- /"):
            blocks.append(Block("continuation", line[2:].strip()))
        elif m := _LIST.match(line):
            blocks.append(Block("item", m["text"].strip(), level=len(m["indent"])))
        else:
            blocks.append(Block("p", line.strip()))
        i += 1
    return blocks


def _take_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Gather one table: tab rows (across blank lines) or Markdown rows."""
    rows: list[list[str]] = []
    markdown = lines[i].lstrip("- ").startswith("|")
    line_tabs = lines[i].count("\t")  # a tab table goes on across blank lines while rows keep this width
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            nxt = next((x for x in lines[i:] if x.strip()), "")
            if not markdown and "\t" in nxt and nxt.count("\t") == line_tabs:
                i += 1
                continue
            break
        if markdown and line.lstrip("- ").startswith("|"):
            line = line.lstrip("- ").strip()
            if not _MD_SEPARATOR.match(line):
                cells = [c.strip() for c in line.strip("|").split("|")]
                if any(cells):
                    rows.append(cells)
        elif not markdown and "\t" in line:
            line_tabs = line.count("\t")
            rows.append([c.strip() for c in line.split("\t")])
        else:
            break
        i += 1
    return rows, i


def _table_block(rows: list[list[str]]) -> Block:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = 0
    first = rows[0]
    if width >= 5 and not first[0].startswith(tuple(THAI_DIGITS)):
        header = 1
        if len(rows) > 1 and not rows[1][0] and rows[1][3:4] and "งบประมาณ" in rows[1][3]:
            header = 2
        head = rows[:header]
        body = [r for r in rows[header:]]
        # drop the repeated copies of the header (page breaks of the original)
        kept: list[list[str]] = []
        j = 0
        while j < len(body):
            if body[j : j + header] == head:
                j += header
                continue
            kept.append(body[j])
            j += 1
        rows = head + kept
    return Block("table", rows=tuple(tuple(r) for r in rows), header_rows=header)


# ---------------------------------------------------------------- printed text


def _cell_paragraphs(cell: str, ncols: int) -> list[str]:
    """Split a cell into the lines it is printed as."""
    if not cell:
        return []
    if ncols >= 8 and re.fullmatch(r"[๐-๙,\- ]+", cell) and " " in cell:
        return cell.split(" ")  # stacked figures, one per project
    if ncols >= 8:
        return [p for p in re.split(r" (?=[๐-๙]+\) )", cell) if p]
    if ncols == 5:
        return [p for p in re.split(r" (?=[๐-๙]+\. )", cell) if p]
    return [cell]


def printed_text(source: str) -> str:
    """The text a reader sees on the rendered pages, markup removed.

    >>> printed_text("- ๑) **ข้อ** หนึ่ง\\n\\na\\tb")
    '๑) ข้อ หนึ่ง\\na\\nb'
    """
    out: list[str] = []
    for block in parse(source):
        if block.kind == "table":
            for row in block.rows:
                for cell in row:
                    out.extend(_cell_paragraphs(_BOLD.sub(r"\1", cell), len(row)))
        else:
            out.append(_BOLD.sub(r"\1", block.text))
    return "\n".join(out)


# ---------------------------------------------------------------- ODF writer

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _text_props(font: str, size: float, bold: bool = False) -> str:
    weight = ' fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"' if bold else ""
    return (
        f'<style:text-properties style:font-name="{font}" fo:font-size="{size}pt" '
        f'fo:language="th" fo:country="TH" style:font-name-asian="{font}" '
        f'style:font-size-asian="{size}pt" style:font-name-complex="{font}" '
        f'style:font-size-complex="{size}pt" style:language-complex="th" '
        f'style:country-complex="TH"{weight}/>'
    )


def _styles(font: str) -> str:
    def para(name: str, align: str = "start", size: float = 16, bold: bool = False,
             extra: str = "", master: str = "") -> str:
        m = f' style:master-page-name="{master}"' if master else ""
        top = "" if "margin-top" in extra else 'fo:margin-top="0cm" '
        return (
            f'<style:style style:name="{name}" style:family="paragraph"{m}>'
            f'<style:paragraph-properties fo:text-align="{align}" {top}'
            f'fo:margin-bottom="0.08cm" fo:line-height="100%" {extra}/>'
            f"{_text_props(font, size, bold)}</style:style>"
        )

    body = [
        para("Body", "justify", extra='fo:text-indent="1.25cm"'),
        para("Item1", "justify", extra='fo:margin-left="1.25cm"'),
        para("Item2", "justify", extra='fo:margin-left="2cm"'),
        para("Heading", "start", bold=True),
        para("Centre", "center", bold=True),
        para("CentreBig", "center", 20, bold=True),
        para("Right", "end", 14),
        para("Cell", "start", 14),
        para("CellNum", "end", 14),
        para("CellHead", "center", 14, bold=True),
        para("SmallCell", "start", 12),
        para("SmallCellNum", "end", 12),
        para("SmallCellHead", "center", 12, bold=True),
        para("Footer", "center", 16),
        para("BreakBody", "justify", extra='fo:break-before="page" fo:text-indent="1.25cm"'),
        para("BreakHeading", "start", bold=True, extra='fo:break-before="page"'),
        para("BreakCentre", "center", bold=True, extra='fo:break-before="page"'),
        para("BreakCentreBig", "center", 20, bold=True, extra='fo:break-before="page"'),
        para("LandCentreBig", "center", 20, bold=True, master="Landscape"),
        para("PortCentreBig", "center", 20, bold=True, master="Standard"),
        para("CoverFirst", "center", 24, bold=True, extra='fo:margin-top="6cm"', master="Cover"),
    ]
    page = (
        '<style:page-layout style:name="{name}"><style:page-layout-properties '
        'fo:page-width="{w}" fo:page-height="{h}" style:print-orientation="{o}" '
        'fo:margin-top="1.2cm" fo:margin-bottom="1.5cm" fo:margin-left="{ml}" fo:margin-right="{mr}"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.8cm" '
        'fo:margin-bottom="0.3cm"/></style:header-style></style:page-layout>'
    )
    layouts = (
        page.format(name="pmPortrait", w="21cm", h="29.7cm", o="portrait", ml="2.5cm", mr="2cm")
        + page.format(name="pmLandscape", w="29.7cm", h="21cm", o="landscape", ml="1.5cm", mr="1.5cm")
    )
    cell = (
        '<style:style style:name="Grid" style:family="table-cell"><style:table-cell-properties '
        'fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>'
        '<style:style style:name="NoGrid" style:family="table-cell"><style:table-cell-properties '
        'fo:padding="0.05cm" fo:border="none"/></style:style>'
    )
    return body, layouts, cell


def _inline(text: str) -> str:
    parts = []
    pos = 0
    for m in _BOLD.finditer(text):
        parts.append(escape(text[pos : m.start()]))
        parts.append(f'<text:span text:style-name="Strong">{escape(m[1])}</text:span>')
        pos = m.end()
    parts.append(escape(text[pos:]))
    return re.sub(r"  +", lambda m: " " + f'<text:s text:c="{len(m[0]) - 1}"/>', "".join(parts))


_COLUMN_WIDTHS = {  # in cm, by column count of the printed table
    9: [2.6, 3.6, 6.9, 2.4, 2.4, 2.4, 2.4, 2.4, 1.6],
    8: [2.6, 3.6, 9.1, 2.4, 2.4, 2.4, 2.4, 1.8],
    6: [4.0, 2.5, 2.5, 2.5, 2.5, 2.5],
    5: [1.3, 3.2, 4.3, 1.9, 5.8],
    3: [7.0, 5.0, 4.5],
    2: [14.0, 2.5],
}


def _table_xml(block: Block, index: int, page_width_cm: float = 26.7) -> tuple[str, str]:
    ncols = len(block.rows[0])
    widths = _COLUMN_WIDTHS.get(ncols, [16.5 / ncols] * ncols)
    if sum(widths) > page_width_cm:  # a wide table on a portrait page: scale it to the text width
        widths = [w * page_width_cm / sum(widths) for w in widths]
    ruled = ncols >= 5
    cell_style = "Grid" if ruled else "NoGrid"
    name = f"T{index}"
    styles = [
        f'<style:style style:name="{name}" style:family="table"><style:table-properties '
        f'style:width="{sum(widths):.2f}cm" table:align="center"/></style:style>'
    ]
    cols = []
    for j, w in enumerate(widths):
        styles.append(
            f'<style:style style:name="{name}.C{j}" style:family="table-column">'
            f'<style:table-column-properties style:column-width="{w:.2f}cm"/></style:style>'
        )
        cols.append(f'<table:table-column table:style-name="{name}.C{j}"/>')

    def row_xml(row: tuple[str, ...], head: bool) -> str:
        cells = []
        for cell in row:
            paras = _cell_paragraphs(cell, ncols)
            numeric = bool(paras) and all(re.fullmatch(r"[๐-๙,\-]+", p) for p in paras)
            pstyle = "CellHead" if head else ("CellNum" if numeric else "Cell")
            if ncols >= 8:  # the wide budget table is set one size smaller
                pstyle = "Small" + pstyle
            inner = "".join(f'<text:p text:style-name="{pstyle}">{_inline(p)}</text:p>' for p in paras)
            inner = inner or f'<text:p text:style-name="{pstyle}"/>'
            cells.append(
                f'<table:table-cell table:style-name="{cell_style}" office:value-type="string">'
                f"{inner}</table:table-cell>"
            )
        return f"<table:table-row>{''.join(cells)}</table:table-row>"

    head = "".join(row_xml(r, True) for r in block.rows[: block.header_rows])
    body = "".join(row_xml(r, False) for r in block.rows[block.header_rows :])
    head_xml = f"<table:table-header-rows>{head}</table:table-header-rows>" if head else ""
    xml = (
        f'<table:table table:name="{name}" table:style-name="{name}">{"".join(cols)}'
        f"{head_xml}{body}</table:table>"
    )
    return xml, "".join(styles)


def to_fodt(source: str, font: str = "Laksaman", landscape_part2: bool = True, header_text: str = "") -> str:
    """Source text → a flat ODF text document (XML).

    ``landscape_part2=False`` keeps Part 2 on portrait pages; ``header_text`` is printed as a
    running header before the page number on every page (as older plans do).
    """
    para_styles, layouts, cell_styles = _styles(font)
    blocks = parse(source)
    out: list[str] = []
    auto: list[str] = []
    part = 0
    first = True
    for index, block in enumerate(blocks):
        if block.kind == "table":
            xml, styles = _table_xml(block, index, 26.7 if landscape_part2 and part == 2 else 16.5)
            out.append(xml)
            auto.append(styles)
            continue
        text = block.text
        if first:
            style = "CoverFirst"
            first = False
        elif block.kind == "continuation":
            out.append(f'<text:p text:style-name="Right">{_inline(text)}</text:p>')
            continue
        elif block.kind == "item":
            style = "Item2" if block.level else "Item1"
        elif m := re.match(r"^ส่วนที่ ([๐-๙])$", text):
            part = THAI_DIGITS.index(m[1])
            style = {2: "LandCentreBig" if landscape_part2 else "BreakCentreBig",
                     3: "PortCentreBig" if landscape_part2 else "BreakCentreBig"}.get(part, "BreakCentreBig")
        elif _PAGE_BREAK_BEFORE.match(text) and not text.startswith("ส่วนที่"):
            style = "BreakCentre"
        elif _CENTRED.match(text) and len(text) < 120:
            style = "Centre"
        elif _HEADING.match(text) and len(text) < 200:
            style = "Heading"
        else:
            style = "Body"
        out.append(f'<text:p text:style-name="{style}">{_inline(text)}</text:p>')

    running = f"{escape(header_text)} หน้า " if header_text else ""
    header = (
        f'<style:header><text:p text:style-name="Footer">{running}'
        '<text:page-number text:select-page="current" style:num-format="Native Numbering"/>'
        "</text:p></style:header>"
    )
    masters = (
        f'<style:master-page style:name="Standard" style:page-layout-name="pmPortrait">{header}</style:master-page>'
        f'<style:master-page style:name="Cover" style:page-layout-name="pmPortrait" style:next-style-name="Standard"/>'
        f'<style:master-page style:name="Landscape" style:page-layout-name="pmLandscape">{header}</style:master-page>'
    )
    strong = (
        '<style:style style:name="Strong" style:family="text"><style:text-properties '
        'fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"/></style:style>'
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {_NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        f'<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="{font}"/>'
        "</office:font-face-decls>"
        f"<office:styles>{''.join(para_styles)}{strong}</office:styles>"
        f"<office:automatic-styles>{layouts}{cell_styles}{''.join(auto)}</office:automatic-styles>"
        f"<office:master-styles>{masters}</office:master-styles>"
        f"<office:body><office:text>{''.join(out)}</office:text></office:body></office:document>"
    )


def to_html(source: str, font: str = "Laksaman") -> str:
    """Source text → one HTML page with print CSS (the browser-engine toolchain)."""
    out: list[str] = []
    first = True
    for block in parse(source):
        if block.kind == "table":
            ncols = len(block.rows[0])
            ruled = " class=ruled" if ncols >= 5 else ""
            wide = " wide" if ncols >= 8 else ""
            rows = []
            for k, row in enumerate(block.rows):
                tag = "th" if k < block.header_rows else "td"
                cells = "".join(
                    f"<{tag}>" + "".join(f"<p>{_html_inline(p)}</p>" for p in _cell_paragraphs(c, ncols)) + f"</{tag}>"
                    for c in row)
                rows.append(f"<tr>{cells}</tr>")
            head = "".join(rows[: block.header_rows])
            body = "".join(rows[block.header_rows:])
            out.append(f'<table{ruled} class="t{wide}"><thead>{head}</thead><tbody>{body}</tbody></table>')
            continue
        text = _html_inline(block.text)
        cls = "body"
        if first:
            cls, first = "cover", False
        elif block.kind == "item":
            cls = "item2" if block.level else "item1"
        elif block.kind == "continuation":
            cls = "right"
        elif m := re.match(r"^ส่วนที่ ([๐-๙])$", block.text):
            cls = {2: "centre big land", 3: "centre big port"}.get(THAI_DIGITS.index(m[1]), "centre big brk")
        elif _PAGE_BREAK_BEFORE.match(block.text):
            cls = "centre brk"
        elif _CENTRED.match(block.text) and len(block.text) < 120:
            cls = "centre"
        elif _HEADING.match(block.text) and len(block.text) < 200:
            cls = "head"
        out.append(f'<p class="{cls}">{text}</p>')
    css = f"""
@page {{ size: A4; margin: 1.2cm 2cm 1.5cm 2.5cm;
        @top-center {{ content: counter(page, thai); font: 16pt '{font}'; }} }}
@page land {{ size: A4 landscape; margin: 1.2cm 1.5cm 1.5cm 1.5cm; }}
@page cover {{ @top-center {{ content: none; }} }}
body {{ font: 16pt/1.15 '{font}'; }}
p {{ margin: 0 0 0.08cm 0; }}
.body {{ text-align: justify; text-indent: 1.25cm; }}
.item1 {{ margin-left: 1.25cm; text-align: justify; }} .item2 {{ margin-left: 2cm; text-align: justify; }}
.head {{ font-weight: bold; }} .centre {{ text-align: center; font-weight: bold; }}
.big {{ font-size: 20pt; }} .brk, .port {{ break-before: page; }} .port {{ page: auto; }}
.cover {{ page: cover; text-align: center; font-size: 24pt; font-weight: bold; margin-top: 6cm; }}
.land, .land ~ * {{ page: land; }} .port, .port ~ * {{ page: auto; }}
.right {{ text-align: right; font-size: 14pt; }}
table {{ border-collapse: collapse; width: 100%; font-size: 14pt; margin: 0.2cm 0; }}
table.wide {{ font-size: 12pt; }} thead {{ display: table-header-group; }}
table.ruled td, table.ruled th {{ border: 0.5pt solid black; vertical-align: top; padding: 0.08cm; }}
"""
    return f'<!doctype html><html lang="th"><head><meta charset="utf-8"><style>{css}</style></head><body>' \
        + "".join(out) + "</body></html>"


def _html_inline(text: str) -> str:
    parts, pos = [], 0
    for m in _BOLD.finditer(text):
        parts.append(escape(text[pos:m.start()]))
        parts.append(f"<b>{escape(m[1])}</b>")
        pos = m.end()
    parts.append(escape(text[pos:]))
    return "".join(parts)


def render_weasyprint(source_path: Path, pdf_path: Path, font: str = "Laksaman") -> Path:
    """The same plan through a browser-style engine (WeasyPrint: Pango/HarfBuzz shaping)."""
    from weasyprint import HTML

    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=to_html(source_path.read_text(encoding="utf-8"), font)).write_pdf(str(pdf_path))
    return pdf_path


def render(source_path: Path, pdf_path: Path, font: str = "Laksaman", landscape_part2: bool = True,
           header_text: str = "") -> Path:
    """Write ``pdf_path`` from ``source_path`` through LibreOffice headless."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("render_plan: LibreOffice is not installed (Debian: libreoffice-writer-nogui)")
    fodt = to_fodt(source_path.read_text(encoding="utf-8"), font, landscape_part2, header_text)
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        doc = tmpdir / (pdf_path.stem + ".fodt")
        doc.write_text(fodt, encoding="utf-8")
        profile = (tmpdir / "profile").as_uri()
        subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
             "pdf:writer_pdf_Export", "--outdir", str(tmpdir), str(doc)],
            check=True, capture_output=True, timeout=600,
        )
        produced = tmpdir / (pdf_path.stem + ".pdf")
        if not produced.exists():
            raise SystemExit(f"render_plan: LibreOffice wrote no PDF for {source_path}")
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), pdf_path)
    return pdf_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", type=Path)
    ap.add_argument("pdf", type=Path)
    ap.add_argument("--font", default="Laksaman")
    ap.add_argument("--fodt", type=Path, help="also keep the ODF document here")
    ap.add_argument("--engine", choices=("libreoffice", "weasyprint"), default="libreoffice")
    args = ap.parse_args(argv)
    if args.fodt:
        args.fodt.write_text(to_fodt(args.source.read_text(encoding="utf-8"), args.font), encoding="utf-8")
    if args.engine == "weasyprint":
        render_weasyprint(args.source, args.pdf, args.font)
    else:
        render(args.source, args.pdf, args.font)
    print(args.pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
