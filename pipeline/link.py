"""Part 2 entries ↔ Part 3 projects, paired by order and name together (a global alignment).

Part 2 lists the projects in the order Part 3 describes them, but its numbering
may disagree (a doubled "๒.๕.๒ (๑)", numbers restarting per mission, none at
all) and its names differ in small ways (an extra "โครงการ", quotes, a
parenthesised note). So neither the numbers nor the names alone decide: the
pairing is the order-preserving one with the most name similarity, and entries
left between two pairs are paired in order where both sides left the same count.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from collections.abc import Sequence

import regex
from rapidfuzz.distance import Indel

from extractors.summary_table import SummaryTable

from .checks import check
from .numerals import to_arabic
from .records import Check, Project

SAME_NAME = 0.6  # a pair on its name alone needs this similarity
GAP_NAME = 0.3  # a pair in order between two pairs needs at least this
_PAREN = regex.compile(r"\([^()]*\)?|\[[^\]]*\]?")
_NOISE = regex.compile(r"[\s\"'“”‘’«».,:;/\-–]+")
_MARKER = regex.compile(r"^[\s0-9๐-๙.()\[\]\-–•]*")  # a leading "[" is OCR's too
_KIND = regex.compile(r"^(?:โครงการ|กิจกรรม|มาตรการ)+")


def name_key(name: str) -> str:
    """A project name as compared: no list marker, kind word, quotes, notes in brackets or spaces.

    >>> name_key("๑.๑.๑ (๒) มาตรการ “ส่งเสริมการปฏิบัติงาน” (หมายเหตุ เป็นการดำเนินการ")
    'ส่งเสริมการปฏิบัติงาน'
    >>> name_key("[ตรงการหรวจสอบภายใน")  # a bracket OCR read before a name opens no note
    'ตรงการหรวจสอบภายใน'
    """
    text = to_arabic(unicodedata.normalize("NFC", name))
    text = _MARKER.sub("", text)
    text = _PAREN.sub("", text)
    text = _NOISE.sub("", text)
    return _KIND.sub("", text)


def similarity(a: str, b: str) -> float:
    """How alike two name keys are (0–1); a name cut short in one part matches on its length.

    >>> similarity("จัดเวทีประชาคม", "จัดเวทีประชาคมเพื่อรับฟัง") >= SAME_NAME
    True
    """
    if not a or not b:
        return 0.0
    whole = Indel.normalized_similarity(a, b)  # 2·(longest common subsequence) / (|a| + |b|)
    n = min(len(a), len(b))
    if n < 6:
        return whole
    prefix = Indel.normalized_similarity(a[:n], b[:n])
    return max(whole, 0.9 * prefix)


def align(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """The order-preserving pairs (i, j) of two name lists with the most similarity in all.

    >>> align(["ก ข ค ง", "มาตรการ จ ฉ ช ซ", "ด ต ถ ท"], ["โครงการ ก ข ค ง", "ด ต ถ ท"])
    [(0, 0), (2, 1)]
    """
    a, b = [name_key(x) for x in left], [name_key(x) for x in right]
    n, m = len(a), len(b)
    sim = [[similarity(x, y) for y in b] for x in a]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] >= SAME_NAME else -1.0
            best[i][j] = max(take, best[i + 1][j], best[i][j + 1])
    pairs: list[tuple[int, int]] = []
    i = j = 0
    while i < n and j < m:
        if sim[i][j] >= SAME_NAME and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return _fill_gaps(pairs, sim, n, m)


def _fill_gaps(pairs: list[tuple[int, int]], sim: list[list[float]], n: int, m: int) -> list[tuple[int, int]]:
    """Between two pairs (or the ends), as many entries left on each side: paired in order."""
    out: list[tuple[int, int]] = []
    bounds = [(-1, -1), *pairs, (n, m)]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        if i1 - i0 == j1 - j0 > 1:
            out.extend((i0 + k, j0 + k) for k in range(1, i1 - i0) if sim[i0 + k][j0 + k] >= GAP_NAME)
        if (i1, j1) != (n, m):
            out.append((i1, j1))
    return out


def link_to_part3(summary: SummaryTable, projects: Sequence[Project]) -> tuple[SummaryTable, list[Check]]:
    """Part 2's entries renumbered with the ``seq`` of the Part 3 project each pairs with; an entry
    that pairs with none keeps no ``seq`` and is reported with its page and name."""
    if not summary.projects or not projects:
        return summary, []
    ordinals = sorted(summary.projects)
    pairs = align([summary.projects[k][1] for k in ordinals], [p.name for p in projects])
    seq_of = {ordinals[i]: projects[j].seq for i, j in pairs}
    checks = [check("part2-entry-unpaired", summary.pages.get(k),
                    f"Part 2 entry {k} “{summary.projects[k][1].strip()}” pairs with no Part 3 project "
                    "(by order and name); its figures are kept with seq empty")
              for k in ordinals if k not in seq_of]
    if all(seq_of.get(k) == k for k in ordinals):
        return summary, checks
    budgets = tuple(replace(b, seq=seq_of.get(b.seq)) if b.seq is not None else b for b in summary.budgets)
    listed = {seq_of[k]: v for k, v in summary.projects.items() if k in seq_of}
    pages = {seq_of[k]: v for k, v in summary.pages.items() if k in seq_of}
    unassigned = tuple((page, tuple(seq_of[k] for k in seqs if k in seq_of), years)
                       for page, seqs, years in summary.unassigned)
    return replace(summary, budgets=budgets, projects=listed, pages=pages, unassigned=unassigned), checks
