"""The Thai text engine on its own: any PDF → repaired pages, each read by the best engine.

1. poppler's text with boxes (backend.read_pages);
2. SARA AM given back where the PDF's glyphs prove it (backend.SaraAmScan);
3. the repair rules, and the dictionary where a page shows a font defect (thai, dictionary);
4. a quality score per page (quality.assess);
5. OCR for pages with no usable text layer (ocr.ocr_pages), kept only where it scores better.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import regex

from . import backend, dictionary, fonts, ocr, quality, thai
from ..checks import check
from ..records import Check, Line, Page

log = logging.getLogger(__name__)
OCR_MODES = ("auto", "always", "never")
NO_THAI_SHARE = 0.05  # a page with text but less Thai than this is not a Thai text layer…
AA_AM_GAIN = 0.5  # restoring SARA AA must at least halve the page's dictionary misses
SCAN_COVERAGE = 0.6  # …when an image covers this much of it (a scan with a junk OCR layer)
_FOREIGN = regex.compile(r"[^\s\u0e00-\u0e7f\x20-\x7e\u00a0-\u00ff\u2010-\u206f]")


@dataclass(frozen=True, slots=True)
class TextLayer:
    info: backend.PdfInfo
    pages: tuple[Page, ...]
    checks: tuple[Check, ...]


def _shown(text: str) -> str:
    """A PDF's text for a message: Private Use Area characters (which no output may hold) by code.

    >>> _shown("\uf0a3 ก")
    'U+F0A3 ก'
    """
    return thai.PUA.sub(lambda m: f"U+{ord(m[0]):04X}", text)


def _restoration_checks(found: list[tuple[int, str, str, str]]) -> list[Check]:
    """One check per page listing the words restored: "printed → restored ×n"."""
    by_page: dict[tuple[int, str], Counter[tuple[str, str]]] = {}
    for page, printed, restored, evidence in found:
        by_page.setdefault((page, evidence), Counter())[(printed, restored)] += 1
    checks = []
    for (page, evidence), words in sorted(by_page.items()):
        listed = "; ".join(f"{_shown(a)} → {b}" + (f" ×{n}" if n > 1 else "") for (a, b), n in words.most_common())
        checks.append(check("thai-word-restored", page,
                            f"{sum(words.values())} words restored ({evidence}): {listed}"))
    return checks


Found = list[tuple[int, str, str, str]]  # (page, as printed, as restored, evidence)
_Repaired = tuple[Found, tuple[Page, Found]]


def _font_changed_words(raw: backend.RawPage, page: Page, fixes: list[fonts.FontFix]) -> Found:
    """The words of a page (``raw`` as poppler read it, ``page`` its lines repaired) that the fonts'
    own data changed, each with what the PDF's text map printed there: the corrected characters
    turned back into what the map said (no second reading of the file)."""
    back = {truth: said.strip() for fix in fixes for said, truth in fix.changes
            if len(truth) == 1 and "\u0e01" <= truth <= "\u0e5b"}  # Thai letters; symbols have their own check
    if not back:
        return []
    table = str.maketrans(back)
    found = []
    for line, repaired in zip(raw.lines, page.lines):
        if not back.keys().isdisjoint(line.text):
            old_text = thai.repair_text(line.text.translate(table))
            if old_text != repaired.text:
                found.extend((raw.number, a, b, "font-glyph-data") for a, b in _changed_words(old_text, repaired.text))
    return found


@lru_cache(maxsize=4096)  # the same line (a running header, a repeated row) is compared once per worker
def _changed_words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """The words of ``new`` that differ from ``old``, each with what ``old`` printed there.

    >>> _changed_words("ตาบลหางดง อาเภอ", "ตำบลหางดง อำเภอ")
    (('ตาบล', 'ตำบล'), ('อาเภอ', 'อำเภอ'))
    """
    from rapidfuzz.distance import Levenshtein

    edits = Levenshtein.opcodes(old, new)
    # the positions of ``new`` that have a counterpart in ``old``: each matching block's, its end included
    blocks = [(b, a, size) for a, b, size in edits.as_matching_blocks()]
    starts = [b for b, _a, _size in blocks]

    def in_old(k: int) -> int:  # k's counterpart, from the last block that holds k
        b, a, _size = blocks[bisect_right(starts, k) - 1]
        return a + k - b

    pairs: list[tuple[str, str]] = []
    seen: set[int] = set()
    for op, _i1, _i2, j1, _j2 in edits:
        if op == "equal":
            continue
        start, word = dictionary.word_at(new, min(j1, len(new) - 1))
        if start in seen:
            continue
        seen.add(start)
        end = start + len(word)
        k = bisect_right(starts, start) - 1  # the last position at or before the word with a counterpart
        lo = 0 if k < 0 else in_old(min(start, blocks[k][0] + blocks[k][2]))
        k = bisect_right(starts, end) - 1  # the first one at or after its end
        if k >= 0 and end <= blocks[k][0] + blocks[k][2]:
            hi = in_old(end)
        else:
            hi = in_old(blocks[k + 1][0]) if k + 1 < len(blocks) else len(old)
        pairs.append((old[lo:hi].strip(), word))
    return tuple(pairs)


def _repair_raw(raw: backend.RawPage, fixes: list[fonts.FontFix]) -> _Repaired:
    """One page as poppler gave it → the words its fonts' fixes changed, and the page repaired with
    the words that repair restored."""
    (page,) = thai.repair_pages([raw])
    return _font_changed_words(raw, page, fixes), _restore_aa(page)


def _repair(raw: backend.RawPage) -> tuple[Page, Found]:
    (page,) = thai.repair_pages([raw])
    return _restore_aa(page)


def _restore_aa(page: Page) -> tuple[Page, Found]:
    """A page whose font shows SARA AA as SARA AM with its SARA AA given back, where the dictionary
    agrees with it far better afterwards."""
    found: Found = []
    if dictionary.shows_aa_as_am(page.text):
        lines = []
        for line in page.lines:
            text, swaps = dictionary.restore_aa(line.text)
            found.extend((page.number, s.printed, s.restored, "sara-aa-printed-as-sara-am") for s in swaps)
            lines.append(replace(line, text=text, repairs=line.repairs + len(swaps)))
        candidate = replace(page, lines=tuple(lines), repairs=page.repairs + len(found), source="repaired")
        before, after = quality.dictionary_miss(page.text), quality.dictionary_miss(candidate.text)
        # the font defect is proven only if the dictionary agrees with the page far better afterwards
        if before is not None and after is not None and after <= before * AA_AM_GAIN:
            return candidate, found
        return page, []
    return page, found


def _restore_ocr_marks(page: Page) -> tuple[Page, list[tuple[int, str, str, str]]]:
    """OCR'd pages only: the marks Tesseract drops, given back where the dictionary is sure, in the
    page's lines and in the words its tables are read from (a table cell's lines, read cell by cell:
    "เรือง" for เรื่อง in the risk table), repaired first as the lines are (a SARA AM OCR gave as
    NIKHAHIT and SARA AA would read as a lost mark); and the specks a line ends with read as marks
    ("กำหนดา", "ลดลง๊"), dropped (``without_trailing_specks``, lines only: a cell's word may end
    inside a word), and what no Thai text holds (``thai.without_impossible``: a tone on a digit, a
    vowel before no letter); then the marks lost from words a line break cuts. The lines' changes are listed;
    the words repeat what the lines say on a page without tables, so theirs are not listed twice."""
    found: list[tuple[int, str, str, str]] = []
    lines = []
    for line in page.lines:
        text, quotes = dictionary.without_quote_specks(line.text)
        text, specks = dictionary.without_trailing_specks(text)
        specks = quotes + specks
        text, swaps = dictionary.restore_lost_marks(text)
        text = thai.without_impossible(text)
        found.extend((page.number, s.printed, s.restored, "ocr-speck-dropped-by-dictionary") for s in specks)
        found.extend((page.number, s.printed, s.restored, "ocr-mark-restored-by-dictionary") for s in swaps)
        lines.append(replace(line, text=text, repairs=line.repairs + len(specks) + len(swaps)))
    lines = _restored_across_breaks(lines, page.number, found)
    words = tuple((thai.without_impossible(dictionary.restore_lost_marks(thai.repair_text(text))[0]), box)
                  for text, box in page.words)
    return replace(page, lines=tuple(lines), words=words, repairs=page.repairs + len(found)), found



def _restored_across_breaks(lines: list[Line], number: int, found: Found) -> list[Line]:
    """``lines`` (of page ``number``) with the mark OCR lost from a word a line break cuts given back
    (``dictionary.restore_across``: "…ไม่ตำ" / "กว่าร้อยละ…"), between each line and the one below it;
    the changes added to ``found``."""
    lines = list(lines)
    for k in range(len(lines) - 1):
        if lines[k + 1].bbox[1] <= lines[k].bbox[1]:
            continue
        ending, opening, swaps = dictionary.restore_across(lines[k].text, lines[k + 1].text)
        found.extend((number, s.printed, s.restored, "ocr-mark-restored-by-dictionary") for s in swaps)
        for j, text in ((k, ending), (k + 1, opening)):
            if text != lines[j].text:
                lines[j] = replace(lines[j], text=text, repairs=lines[j].repairs + 1)
    return lines

def _plan_spellings(pages: list[Page]) -> tuple[list[Page], Found]:
    """The OCR'd pages with the words OCR read a mark short or a letter off, and the letter lost at a
    line break, where the plan prints them whole more often elsewhere (``dictionary.plan_spellings``),
    written as it prints them."""
    spellings = dictionary.plan_spellings(p.text for p in pages)
    if not spellings.words and not spellings.across:
        return pages, []
    found: Found = []
    out = []
    for page in pages:
        if page.source != "ocr":
            out.append(page)
            continue
        lines = []
        for line in page.lines:
            text, swaps = dictionary.respell(line.text, spellings)
            found.extend((page.number, s.printed, s.restored, "ocr-word-restored-as-the-plan-spells-it") for s in swaps)
            lines.append(replace(line, text=text, repairs=line.repairs + len(swaps)) if swaps else line)
        for k in range(len(lines) - 1):  # a letter lost at a line's end (or start): the two words of the break
            ending, opening, swaps = dictionary.respell_across(lines[k].text, lines[k + 1].text, spellings.across)
            if swaps:
                found.extend((page.number, s.printed, s.restored, "ocr-letter-restored-as-the-plan-spells-it")
                             for s in swaps)
                lines[k] = replace(lines[k], text=ending, repairs=lines[k].repairs + 1)
                lines[k + 1] = replace(lines[k + 1], text=opening)
        out.append(replace(page, lines=tuple(lines)))
    return out, found


def _needs_ocr(page: Page, q: quality.Quality, coverage: float | None) -> str:
    """Why a page must be read by OCR ("" when its text layer will do)."""
    if q.chars == 0:
        return "no text layer"
    if q.score < quality.OCR_BELOW:
        return f"text layer scores {q.score:.2f}"
    if q.thai_share < NO_THAI_SHARE:
        foreign = len(_FOREIGN.findall(page.text)) / max(1, q.chars)
        if foreign > 0.3:
            return "text layer is not Thai (a font with a private encoding)"
        if coverage is not None and coverage >= SCAN_COVERAGE:
            return "a scan whose text layer holds no Thai"
    return ""


def _while_poppler_reads(scan: backend.SaraAmScan | None) -> None:
    if scan is not None:
        scan.run()
    dictionary.load()


def read(path: Path, ocr_mode: str = "auto", ocr_settings: ocr.OcrSettings | None = None) -> TextLayer:
    """Any PDF → its pages of repaired text, with checks saying what was done where."""
    if ocr_mode not in OCR_MODES:
        raise ValueError(f"ocr mode must be one of {OCR_MODES}, not {ocr_mode!r}")
    info = backend.inspect(path)
    report = fonts.repaired_copy(info.path)
    fixed_copy, font_fixes = report.copy, report.fixes
    try:
        source = replace(info, path=fixed_copy) if fixed_copy else info
        # each page repaired as poppler streams it out, its SARA AM given back first where a font maps
        # more than one glyph to a space (PDFium's character scan, page by page in a thread beside
        # poppler, which then loads the word list every plan's quality check needs)
        scan = backend.SaraAmScan(source) if report.spaces_suspect else None
        early: dict[int, tuple[backend.RawPage, list[backend.Restoration], _Repaired]] = {}

        def prepare(raw: backend.RawPage) -> None:
            raw, restorations = scan.restore(raw) if scan else (raw, [])
            early[raw.number] = (raw, restorations, _repair_raw(raw, font_fixes))

        backend.read_pages(source, lambda: _while_poppler_reads(scan), prepare)
    finally:
        if fixed_copy:
            fixed_copy.unlink(missing_ok=True)
    raw_pages = [early[n][0] for n in sorted(early)]
    restored = [r for n in sorted(early) for r in early[n][1]]
    done = [early[n][2] for n in sorted(early)]
    found = [(r.page, r.printed, r.restored, r.evidence) for r in restored]
    for font_words, _ in done:
        found += font_words
    pages: list[Page] = []
    for _, (page, swaps) in done:
        found.extend(swaps)
        pages.append(page)
    marked = {r.page for r in restored}
    pages = [replace(p, source="repaired") if p.number in marked else p for p in pages]

    scores = quality.assess_pages({p.number: p.text for p in pages})
    low_thai = [n for n, q in scores.items() if q.chars and q.thai_share < NO_THAI_SHARE]
    coverage = backend.image_coverage(info, low_thai) if low_thai else {}
    inferred = any(not fix.had_map for fix in font_fixes)  # text rebuilt from fonts with no text map
    reasons = {p.number: ("forced" if ocr_mode == "always" else _needs_ocr(p, scores[p.number],
                                                                          coverage.get(p.number)))
               for p in pages}
    if inferred:
        for p in pages:
            reasons[p.number] = reasons[p.number] or "its fonts carry no text map; checked against OCR"
    todo = [p for p in pages if reasons[p.number]]
    checks: list[Check] = [
        check("font-tounicode-corrected", None,
              f"{fix.font}: the PDF's text map was wrong or missing for {fix.corrected} glyphs; read from "
              f"{fix.evidence} (e.g. " + ", ".join(f"“{_shown(a)}” → “{b}”" for a, b in fix.examples) + ")")
        for fix in font_fixes]
    checks += [check("font-data-unreadable", None, problem) for problem in report.problems]
    if todo and ocr_mode != "never":
        by_number = {p.number: p for p in raw_pages}
        for raw in ocr.ocr_pages(info, [by_number[p.number] for p in todo], ocr_settings):
            page, swaps = _repair(raw)
            page, restored_marks = _restore_ocr_marks(page)
            swaps = swaps + restored_marks
            q = quality.assess(page.text)
            old = scores[page.number]
            text_layer_is_junk = old.chars == 0 or old.thai_share < NO_THAI_SHARE
            if ocr_mode == "always" or text_layer_is_junk or q.score > old.score:
                pages[page.number - 1] = replace(page, source="ocr")
                scores[page.number] = q
                found = [f for f in found if f[0] != page.number] + swaps
                checks.append(check("page-ocr", page.number,
                                    f"page {page.number} read by OCR ({reasons[page.number]}); "
                                    f"quality {old.score:.2f} → {q.score:.2f}"))
                checks.extend(check("ocr-cell-uncertain", page.number, (
                    f"page {page.number}: table cell at ({box[0]:.0f}, {box[1]:.0f})–({box[2]:.0f}, {box[3]:.0f}) pt "
                    f"read as “{text}” with confidence {confidence:.0f}/100")) for text, box, confidence in raw.uncertain)
        pages, respelt = _plan_spellings(pages)
        found += respelt
    elif todo:
        for p in todo:
            checks.append(check("page-needs-ocr", p.number,
                                f"page {p.number}: {reasons[p.number]}; OCR is off (--ocr never)"))
    pages = [replace(p, quality=scores[p.number].as_dict()) for p in pages]
    checks.extend(_restoration_checks(found))
    checks.extend(check("glyph-unidentified", p.number, f"page {p.number}: {n} glyphs that neither the PDF's "
                        "text map, the font's own data nor a symbol-font chart identifies, shown as U+FFFD")
                  for p in pages if (n := p.text.count(thai.UNKNOWN_GLYPH)))
    return TextLayer(info, tuple(pages), tuple(checks))


def with_rulings(layer: TextLayer, numbers: Iterable[int]) -> TextLayer:
    """The layer with the ruling lines of the given pages read (for the table extractors): the PDF's
    own ruling paths, or on an OCR'd page without any, those OCR read off the page image."""
    found = {n: r for n, r in backend.rulings(layer.info, numbers).items() if r[0] or r[1]}
    if not found:
        return layer
    pages = tuple(replace(p, rulings=found[p.number]) if p.number in found else p for p in layer.pages)
    return replace(layer, pages=pages)
