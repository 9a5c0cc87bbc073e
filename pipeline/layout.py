"""Printed lines → paragraphs: where a wrapped paragraph ends, how its lines join.

A justified paragraph's lines run to the right edge of the text column; its
last line stops short. A line that opens with a list marker starts a new
paragraph whatever the previous one did. Lines join without a space between
two digits (a number broken in a narrow cell) and after an opening or before a
closing bracket; between two Thai words with the space the PDF printed at the
line's end (``PrintedSpaces``: Word keeps it as a glyph), or where the text
layer keeps no such spaces, where the document's own phrasing says a space was
there (``PhraseSpaces``); with one space otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import regex

from .records import Line
from .text import line_ends

SHORT_LINE_PT = 14.0  # a line ending this far before the column's right edge ends its paragraph
# a text layer ending this share of its wrapped Thai lines with a space glyph keeps them all: Word,
# PDFMaker, iText, mPDF, Canva 29–100 % on the real PDFs of ../shared, LibreOffice 0–5 %, WeasyPrint none
KEPT_SHARE = 0.15
MIN_WRAPS = 20  # …judged on at least this many wrapped lines
SAMPLE_PAGES = 6  # …of this many pages spread over the document (2–3 ms a page to read)
# writers measured to drop the wraps' spaces, whose files are not read for them: LibreOffice 0–5 % of
# the wrapped lines of every corpus plan (30 files), WeasyPrint none
DROPS_WRAP_SPACES = regex.compile(r"LibreOffice|OpenOffice|WeasyPrint")
READ_AHEAD = 8  # pages of wrapped lines read in one opening of the file, from the first one asked about
_OPENING = "([{“‘"
_CLOSING = ")]}”’"
_THAI_END = regex.compile(r"(?r)[\u0e01-\u0e4e]$")  # (?r): from the end, not from every position of a paragraph
_THAI_START = regex.compile(r"^[\u0e01-\u0e4e]")
_THAI_RUN = regex.compile(r"[\u0e01-\u0e4e]+")
_LATIN_END = regex.compile(r"(?r)[A-Za-z]+$")
_LATIN_START = regex.compile(r"^[A-Za-z]+")


def right_edges(lines: Iterable[Line]) -> dict[int, float]:
    """The right edge of the text column on each page (the furthest line end)."""
    edges: dict[int, float] = {}
    for line in lines:
        edges[line.page] = max(edges.get(line.page, 0.0), line.bbox[2])
    return edges


class PrintedSpaces:
    """After which lines the PDF printed a space glyph (``text.line_ends``), read only where it pays.

    Word keeps the space a line wrapped at as a glyph after the line's last one; LibreOffice does
    now and then, browsers never. The wrapped lines (those that run to the column's edge and end in
    a Thai letter: the wraps inside paragraphs) of SAMPLE_PAGES pages spread over the document are
    read first (at least MIN_WRAPS lines); where fewer than KEPT_SHARE of them end with a space the
    text layer does not keep the wraps' spaces (``kept`` False) and nothing more is read. Otherwise a
    page is read when a line of it is first asked about, with the next READ_AHEAD pages that have
    wrapped lines (fields are read in page order; Part 2's table and the appendix are never asked
    about). OCR'd pages (``skip``) have no such evidence, nor a file whose ``producer`` is a writer
    measured to drop them (DROPS_WRAP_SPACES): its sample would only cost time.
    """

    def __init__(self, path: Path, lines: Iterable[Line], edges: dict[int, float],
                 skip: frozenset[int] = frozenset(), producer: str = "") -> None:
        self._path, self._skip = path, skip
        self._kept: bool | None = False if DROPS_WRAP_SPACES.search(producer) else None
        self._wrapped: dict[int, list[Line]] = {}
        for line in lines:
            if (line.page not in skip and edges.get(line.page, line.bbox[2]) - line.bbox[2] <= SHORT_LINE_PT
                    and _THAI_END.search(line.text)):
                self._wrapped.setdefault(line.page, []).append(line)
        self._ends: dict[int, list[tuple[float, float]]] = {}

    @property
    def kept(self) -> bool:
        """Whether the text layer keeps the spaces lines wrap at (a wrap without one had none)."""
        if self._kept is None:
            self._kept = self._judged()
        return self._kept

    def _judged(self) -> bool:
        numbers = sorted(self._wrapped)
        if sum(len(self._wrapped[n]) for n in numbers) < MIN_WRAPS:
            return False
        sample = numbers[::-(-len(numbers) // SAMPLE_PAGES)]  # spread: the sample spans the plan's parts
        for number in sorted(numbers, key=lambda n: -len(self._wrapped[n])):
            if sum(len(self._wrapped[n]) for n in sample) >= MIN_WRAPS:
                break
            if number not in sample:
                sample.append(number)
        self._read(sample)
        flags = [flag for n in sample
                 for flag in line_ends.ended_by_space([ln.bbox for ln in self._wrapped[n]], self._ends[n])]
        return sum(flags) >= KEPT_SHARE * len(flags)

    def _read(self, numbers: Sequence[int]) -> None:
        self._ends.update(line_ends.space_ends(self._path, numbers))
        for number in numbers:
            self._ends.setdefault(number, [])  # a page turned or unreadable: no evidence

    def after(self, lines: Sequence[Line]) -> list[bool]:
        """For each line, whether the PDF printed a space glyph after its last one (none where the
        text layer does not keep them)."""
        out = [False] * len(lines)
        if not self.kept:
            return out
        for page in dict.fromkeys(ln.page for ln in lines if ln.page not in self._skip):
            if page not in self._ends:
                ahead = [n for n in sorted(self._wrapped) if n > page and n not in self._ends][:READ_AHEAD]
                self._read([page, *ahead])
            at = [k for k, ln in enumerate(lines) if ln.page == page]  # one lookup of the page's ends for all
            for k, flag in zip(at, line_ends.ended_by_space([lines[k].bbox for k in at], self._ends[page])):
                out[k] = flag
        return out


class PhraseSpaces:
    """Whether a wrap between two Thai words hid a phrase space, by the document's own phrasing.

    Thai wraps between words, with or without the space that separates phrases, and a text layer
    that does not keep the wrap's space as a glyph (``kept``) keeps no trace of which. The plan
    itself does, in its lines, which print the same
    phrases and words again and again:
    - the two words at the wrap, printed in one line more often with a space between them than
      without ("ท้องถิ่น เพื่อให้", "ระเบียบ ประกาศ"), had one;
    - else, where the two are never printed together without a space, a word the plan opens with
      a space at least SPACED_BEFORE of the time (seen MIN_SEEN times inside lines: "และ", "โดย",
      "เทศบาลตำบล…") had one before it;
    - a word repeated with ๆ is always followed by one.
    Without such evidence the wrap joins without a space, as before (docs/accuracy.md).

    >>> spaces = PhraseSpaces(["ตามกฎหมาย ระเบียบ ประกาศ", "ระเบียบ ประกาศ คำสั่ง", "เทศบาลเมืองกาฬสินธุ์"])
    >>> spaces.at("ตามกฎหมาย ระเบียบ", "ประกาศของเทศบาล"), spaces.at("ของเทศบาล", "เมืองกาฬสินธุ์")
    (True, False)
    >>> spaces.at("ข้อมูลต่างๆ", "ที่เกี่ยวข้อง")
    True
    >>> PhraseSpaces(["ก และข"] * 4 + ["ค และง", "จและฉ"]).at("ประชาชน", "และผู้มีส่วนได้เสีย")
    True
    """

    SPACED_BEFORE = 0.7
    MIN_SEEN = 5

    def __init__(self, texts: Iterable[str], printed: PrintedSpaces | None = None) -> None:
        self.printed = printed  # the spaces the PDF printed at its lines' ends, where it keeps them
        self._lines = list(texts)
        self._text = "\n".join(self._lines)
        self._before: dict[str, list[int]] | None = None  # word → [after a space, after a letter]
        self._pair_counts: dict[str, int] | None = None  # "word word" and "wordword" → times in the plan

    def one_word(self, before: str, after: str) -> bool:
        """Whether the Latin letters a line ends with and those the next opens with are one word the
        plan prints whole elsewhere and never apart ("Corru" / "ption": Corruption).

        >>> PhraseSpaces(["(Corruption Perception Index)", "ดัชนี (Corru", "ption)"]).one_word("ดัชนี (Corru", "ption)")
        True
        """
        left, right = _LATIN_END.search(before), _LATIN_START.search(after)
        if left is None or right is None:
            return False
        word = left[0] + right[0]
        return (regex.search(rf"(?<![A-Za-z]){word}(?![A-Za-z])", self._text) is not None
                and f"{left[0]} {right[0]}" not in self._text)

    @property
    def kept(self) -> bool:
        """Whether the PDF's own line-end spaces decide (``PrintedSpaces.kept``), not the phrasing."""
        return self.printed is not None and self.printed.kept

    def at(self, before: str, after: str) -> bool:
        if before.endswith("ๆ"):
            return True
        from .text.dictionary import facing_runs, split_thai

        runs = facing_runs(before, after)
        if runs is None:
            return False
        last, first = split_thai(runs[0])[-1], split_thai(runs[1])[0]
        spaced = self._count(f"{last} {first}")
        if spaced:
            return spaced > self._count(last + first)
        if self._count(last + first):  # printed together, never apart
            return False
        seen = self._opened().get(first, (0, 0))
        return sum(seen) >= self.MIN_SEEN and seen[0] >= self.SPACED_BEFORE * sum(seen)

    def _count(self, pair: str) -> int:
        """How often ``pair`` is printed in the plan (``str.count``'s count: no two overlapping). The
        pairs of words facing each other across the plan's line breaks, where every wrap of a field
        is, are all counted on the first ask, in one pass over the plan; any other by itself."""
        if self._pair_counts is None:
            self._read_lines()
        found = self._pair_counts.get(pair)
        return self._text.count(pair) if found is None else found

    def _opened(self) -> dict[str, list[int]]:
        if self._before is None:
            self._read_lines()
        return self._before

    def _read_lines(self) -> None:
        """One pass over the plan's lines, segmented into words (mostly cached already): how often
        each word follows a space and a letter inside a line, and the two words facing each other
        at each line break, then counted with and without a space between them."""
        from .text.dictionary import count_all, split_thai

        counts: dict[str, list[int]] = {}
        facing: set[str] = set()
        ending = ""  # the last word of the line before, when that line ends in a Thai letter
        for line in self._lines:
            previous_end = -2
            words: tuple[str, ...] = ()
            for m in _THAI_RUN.finditer(line):
                words = split_thai(m[0])
                if m.start() == 0 and ending:
                    facing.update((f"{ending} {words[0]}", ending + words[0]))
                if m.start() == previous_end + 1 and line[previous_end] == " ":
                    counts.setdefault(words[0], [0, 0])[0] += 1
                for word in words[1:]:
                    counts.setdefault(word, [0, 0])[1] += 1
                previous_end = m.end()
            ending = words[-1] if words and previous_end == len(line) else ""
        self._before = counts
        self._pair_counts = count_all(self._text, facing)


def join_lines(parts: Sequence[str], spaces: PhraseSpaces | None = None,
               printed: Sequence[bool] | None = None) -> str:
    """Join wrapped lines of one paragraph (``spaces``: the document's evidence for a space
    between two Thai words; ``printed``: for each part, whether the PDF printed a space after it,
    which decides alone where the text layer keeps such spaces).

    >>> join_lines(["การบริหาร", "จัดการ (ITA)", "ของเทศบาล"]), join_lines(["ครั้งที่ 3", "6"])
    ('การบริหารจัดการ (ITA) ของเทศบาล', 'ครั้งที่ 36')
    >>> join_lines(["ระยะที่ ๒ (", "พ.ศ. ๒๕๖๖)"]), join_lines(["ตามกฎหมาย", "ระเบียบ"], PhraseSpaces([]), [True, False])
    ('ระยะที่ ๒ (พ.ศ. ๒๕๖๖)', 'ตามกฎหมาย ระเบียบ')
    """
    out = ""
    spaced = False  # the PDF printed a space after the part before
    for k, part in enumerate(parts):
        part = part.strip()
        if not part:
            continue
        if out:
            if _THAI_END.search(out) and _THAI_START.search(part):
                if spaced or (spaces is not None and not (printed is not None and spaces.kept)
                              and spaces.at(out, part)):
                    out += " "
            elif out[-1].isascii() and out[-1].isalpha() and part[0].isascii() and part[0].isalpha():
                # Latin on both sides: one word the wrap broke where the plan prints it whole
                if printed is not None and spaces is not None and spaces.kept:
                    out += " " if spaced else ""
                elif spaces is None or not spaces.one_word(out, part):
                    out += " "
            elif not (out[-1].isdigit() and part[0].isdigit() or out[-1] in _OPENING or part[0] in _CLOSING):
                out += " "
        out += part
        spaced = bool(printed and printed[k])
    return out


def join_printed(lines: Sequence[Line], spaces: PhraseSpaces | None = None) -> str:
    """``join_lines`` over printed lines, with the spaces the PDF printed after them."""
    printed = spaces.printed.after(lines) if spaces is not None and spaces.printed is not None else None
    return join_lines([ln.text for ln in lines], spaces, printed)


def _first_word_width(line: Line) -> float:
    """Roughly how wide the line's first word is printed (its share of the line's width)."""
    text = line.text.strip()
    if not text:
        return 0.0
    head = text.split()[0]
    if _THAI_START.search(head) and len(head) > 4:
        from .text.dictionary import split_thai

        head = (split_thai(head[:24]) or [head])[0]
    return (line.bbox[2] - line.bbox[0]) * len(head) / max(len(text), 1)


def paragraphs(lines: Sequence[Line], edges: dict[int, float],
               starts_paragraph: regex.Pattern[str] | None = None) -> list[list[Line]]:
    """Group lines into paragraphs (each a list of its lines).

    A line that stops short of the column's edge ends its paragraph only if the next line's
    first word would have fitted in the room left: a writer that justifies badly (WeasyPrint,
    browsers) leaves short lines inside paragraphs too.
    """
    groups: list[list[Line]] = []
    for line in lines:
        if not line.text.strip():
            continue
        new = not groups
        if groups:
            prev = groups[-1][-1]
            room = edges.get(prev.page, prev.bbox[2]) - prev.bbox[2]
            ended_short = room > SHORT_LINE_PT and (prev.page != line.page or room > _first_word_width(line))
            new = ended_short or bool(starts_paragraph and starts_paragraph.match(line.text))
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups
