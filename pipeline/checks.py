"""Every finding has a stable kebab-case code, a severity and a message.

Codes are part of the output contract (checks.csv); add new ones, never rename.
"""

from __future__ import annotations

from .records import Check

# code → (severity, what it means)
CODES: dict[str, tuple[str, str]] = {
    "page-no-text": ("warning", "a page has no text layer (scanned or image-only)"),
    "heading-misprint": ("info", "a structural heading is misspelt in the document"),
    "dimension-count-mismatch": ("error", "Part 3 project count of a dimension differs from the foreword"),
    "total-count-mismatch": ("error", "Part 3 project count differs from the foreword's total"),
    "dimension-count-uncertain": ("warning", "as dimension-count-mismatch, on projects read by OCR (maybe the reading's)"),
    "total-count-uncertain": ("warning", "as total-count-mismatch, on projects read by OCR (maybe the reading's)"),
    "sequence-gap": ("error", "project numbers (ลำดับที่) skip or repeat"),
    "field-missing": ("warning", "a project lacks a field the template has"),
    "field-number-out-of-order": ("warning", "a field is printed with a number out of sequence"),
    "headings-unnumbered": ("info", "Part 3's field headings are printed without numbers; read by their words alone"),
    "field-unrecognised": ("warning", "a heading inside a project matches no known field"),
    "part3-form-table": ("info", "Part 3's sheets are two-column tables (heading | text); read cell by cell"),
    "placeholder-unfilled": ("error", "a field still holds the template's instruction text"),
    "budget-unparsed": ("warning", "a budget field has no amount that can be read"),
    "kind-unknown": ("info", "a project's name does not say โครงการ, มาตรการ or กิจกรรม"),
    "place-unknown": ("warning", "the cover's province or district is not in the gazetteer: no place code"),
    "place-inconsistent": ("warning", "the cover's district is not in its province (it is in another): no district code"),
    "place-subdistrict-unmatched": ("info", "an LAO named after its subdistrict, but no such subdistrict in its district"),
    "cover-incomplete": ("warning", "the cover lacks a value (LAO name, province, plan period)"),
    "date-implausible": ("warning", "an announcement or order date that cannot be the plan's; left empty"),
    "thai-text-repaired": ("info", "characters of the text layer were repaired"),
    "thai-word-restored": ("info", "words whose lost or swapped character was restored, with the evidence"),
    "font-tounicode-corrected": ("info", "a font's text map was corrected from the font's own glyph data"),
    "budget-figure-unassigned": ("warning", "a Part 2 figure cannot be tied to one project with certainty"),
    "glyph-unidentified": ("info", "glyphs nothing identifies (no text map, font data or symbol chart): U+FFFD"),
    "budget-implied": ("info", "Part 2 figures no line ties to projects add up to 0: each of those projects' is 0"),
    "budget-implied-by-total": ("info", "a Part 2 cell OCR could not read: its dimension's printed subtotal less the other rows"),
    "part2-year-inferred": ("info", "Part 2 header years OCR misread were taken from the columns' order"),
    "ocr-cell-uncertain": ("info", "a table cell OCR read with low confidence (page, box, confidence)"),
    "total-uncertain": ("warning", "as subtotal/grand-total-mismatch, one digit apart on a page OCR read (maybe the reading's)"),
    "subtotal-mismatch": ("error", "a dimension's printed subtotal differs from its rows"),
    "grand-total-mismatch": ("error", "the printed grand total differs from the subtotals or the rows"),
    "part2-count-mismatch": ("error", "a printed project count differs from the projects listed"),
    "part2-count-uncertain": ("warning", "as part2-count-mismatch, on a Part 2 read by OCR (maybe the reading's)"),
    "part2-part3-mismatch": ("warning", "Part 2 and Part 3 disagree on a project (listed or not, its budget)"),
    "committee-numbering-gap": ("warning", "the committee order skips member numbers"),
    "ocr-number-corrected": ("info", "a heading number OCR misread was taken from the sequence"),
    "ocr-year-inferred": ("info", "a duration year OCR misread was taken as the one year of the plan's period it can be"),
    "ocr-duration-as-worded": ("info", "a duration OCR misread a few letters of was written as the plan words its others"),
    "ocr-year-unread": ("warning", "a duration's first year OCR garbled beyond a digit: its period start left empty"),
    "ocr-budget-tied": ("info", "a budget figure OCR garbled was taken as the one amount Part 2 gives the project a digit away"),
    "ocr-opening-restored": ("info", "a field's opening words OCR misread were restored from the template"),
    "anchor-inferred": ("info", "a heading or table anchor was not read; its place was inferred from what follows"),
    "part2-entry-unpaired": ("warning", "a Part 2 entry pairs with no Part 3 project (by order and name)"),
    "sheet-not-a-project": ("info", "a Part 3 page holds no project (an agreement, a score table): left out"),
    "font-data-unreadable": ("warning", "a font's text map or program could not be read; its text is as the PDF says"),
    "page-ocr": ("info", "a page was read by OCR instead of its text layer"),
    "page-needs-ocr": ("warning", "a page's text layer is unusable and OCR was not allowed"),
}


def check(code: str, page: int | None, message: str, field: str = "") -> Check:
    """A Check with the registered severity of ``code``."""
    severity, _ = CODES[code]
    return Check(code=code, severity=severity, message=message, page=page, field=field)
