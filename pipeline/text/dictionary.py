"""Dictionary decisions between candidate repairs that differ only in one lost or swapped mark.

Used only where a page shows a known font defect; the PyThaiNLP word list
decides, and a word the dictionary cannot settle stays as printed.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

import regex

from .thai import ABOVE_VOWELS, CONSONANTS, MARKS, NON_INITIAL, STRAY_SYMBOLS, TONES

SARA_AA, SARA_AM = "\u0e32", "\u0e33"
_LETTERS_CLASS = "\u0e01-\u0e2e\u0e30-\u0e45\u0e47-\u0e4e"  # Thai letters and marks, not ฯ or ๆ


@dataclass(frozen=True, slots=True)
class Swap:
    printed: str
    restored: str


WORD_CACHE_FORMAT = 1  # bump when what the cache file holds changes


def words() -> frozenset[str]:
    """PyThaiNLP's word list."""
    return _word_list()[0]


def load() -> None:
    """Everything the word segmentation needs, loaded now (a thread beside poppler, a fork server)."""
    _lengths()
    _automaton()


def _lengths() -> dict[str, tuple[int, ...]]:
    """The lengths of the known words of three letters or more, by their first three characters
    (three, not two: a common two-letter start such as "กา" opens words of 25 lengths)."""
    return _word_list()[1]


_LOADING = threading.RLock()  # the thread beside poppler and the page parser may both ask first


@cache
def _word_list() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    with _LOADING:  # the second asker waits for the first one's list instead of reading its own
        return _loaded_word_list()


def _forget_word_list() -> None:
    """Read the word list afresh at the next use (tests of its cache file)."""
    _word_list.cache_clear()
    _loaded_word_list.cache_clear()


@cache
def _loaded_word_list() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """The word list and its lengths, from this user's cache when this installation of PyThaiNLP made
    it (a marshalled file loads in ~0.07 s; importing PyThaiNLP and building both takes ~0.3 s of
    every cold start), else built and cached. The installation is known by its package file's size
    and time, found without importing it (importlib.metadata's version lookup alone takes ~0.07 s).
    A cache that cannot be read or written is only a cost."""
    import marshal
    import os
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("pythainlp")
    stat = os.stat(spec.origin) if spec is not None and spec.origin else None
    installed = f"{stat.st_size}-{stat.st_mtime_ns}" if stat else "unknown"
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = home / "plan2data" / f"words-{installed}-{WORD_CACHE_FORMAT}.marshal"
    try:
        known, lengths = marshal.loads(path.read_bytes())
        if isinstance(known, frozenset) and isinstance(lengths, dict):
            return known, lengths
    except (OSError, EOFError, ValueError, TypeError):
        pass
    known, lengths = _built_word_list()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps((known, lengths)))
        os.replace(tmp, path)  # atomic: a process beside this one reads the old file or the new one
    except OSError:
        with suppress(OSError):
            tmp.unlink(missing_ok=True)
    return known, lengths


def _built_word_list() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    from pythainlp.corpus import thai_words

    known = frozenset(thai_words())
    out: dict[str, set[int]] = {}
    for word in known:
        if len(word) >= 3:
            out.setdefault(word[:3], set()).add(len(word))
    return known, {head: tuple(sorted(lengths)) for head, lengths in out.items()}


@lru_cache(maxsize=65536)  # a plan repeats its phrases page after page, and plans repeat each other's
def split_thai(run: str) -> tuple[str, ...]:
    """A run of Thai letters → words of the word list by maximal matching: the fewest characters
    left uncovered, then the fewest words; uncovered characters next to each other stay together.

    The known words of two letters or more that the run holds come from one Aho–Corasick pass
    (``_automaton``: every occurrence, overlapping, in C); the choice among them is a walk over
    the run's positions, each taking its best way in (the one starting first, where two tie). Its
    dictionary-miss rates agree with PyThaiNLP's newmm within 0.03 on every page of the real PDFs
    and corpora (tests/test_dictionary.py).

    >>> split_thai("เทศบาลเมืองกาฬสินธุ์"), split_thai("ผู้บริหารฟฟฟท้องถิ่น")
    (('เทศบาลเมือง', 'กาฬสินธุ์'), ('ผู้บริหาร', 'ฟฟฟ', 'ท้องถิ่น'))
    """
    known, n = words(), len(run)
    into: list[list[int]] = [[] for _ in range(n + 1)]  # where the words ending at each position start
    for last, size in _automaton().iter(run):
        into[last + 1].append(last + 1 - size)
    # the cost of covering run[:end] best: (uncovered, words) as one number, uncovered first
    per_uncovered = n + 2
    cost = [0] * (n + 1)
    start = [-1] * (n + 1)
    is_word = [True] * (n + 1)
    for end in range(1, n + 1):
        # one letter left uncovered (a one-letter word counts as uncovered, but is remembered as known)
        best, begin, known_word = cost[end - 1] + 1 + per_uncovered, end - 1, run[end - 1] in known
        for first in into[end]:  # a word of two letters or more; found by where it ends, in any order
            c = cost[first] + 1
            if c < best or (c == best and first < begin):
                best, begin, known_word = c, first, True
        cost[end], start[end], is_word[end] = best, begin, known_word
    pieces: list[tuple[str, bool]] = []
    end = n
    while end > 0:
        pieces.append((run[start[end]:end], is_word[end]))
        end = start[end]
    out: list[str] = []
    last_known = True
    for piece, is_word in reversed(pieces):
        if not is_word and not last_known and out:
            out[-1] += piece
        else:
            out.append(piece)
        last_known = is_word
    return tuple(out)


@cache
def _automaton():
    """The known words of two letters or more as an Aho–Corasick automaton (pyahocorasick), the value
    of each its length: built in ~0.08 s, once per process (a batch's fork server builds it for every
    worker)."""
    with _LOADING:
        return _built_automaton()


@cache
def _built_automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in words():
        if len(word) >= 2:
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


_THAI_RUNS = regex.compile(r"[\u0e01-\u0e4e]+")
_THAI_TAIL = regex.compile(r"(?r)[\u0e01-\u0e4e]+$")  # (?r): searched from the end (left may be a paragraph)
_THAI_HEAD = regex.compile(r"^[\u0e01-\u0e4e]+")


def facing_runs(left: str, right: str) -> tuple[str, str] | None:
    """The Thai letters ending ``left`` and those starting ``right``, or None when either side
    has none there."""
    tail, head = _THAI_TAIL.search(left), _THAI_HEAD.search(right)
    return (tail[0], head[0]) if tail and head else None


def spans_word(left: str, right: str) -> bool:
    """Whether the Thai letters ending ``left`` and those starting ``right``, put together, are
    split into words with a known word running across the join (so a space between them is
    inside a word).

    >>> spans_word("การป้", "องกันการทุจริต"), spans_word("ปี", "งบประมาณ"), spans_word("ที่", "ดินแดง")
    (True, True, False)
    >>> spans_word("ในปี", "พ.ศ. ๒๕๖๖"), spans_word("ได้", "ดำเนินการ"), spans_word("ปี", "2566")
    (False, False, False)
    """
    runs = facing_runs(left, right)
    if runs is None:
        return False
    edge, end = len(runs[0]), 0
    for word in split_thai(runs[0] + runs[1]):
        end += len(word)
        if end == edge:
            return False
        if end > edge:
            return word in words()
    return False


_TOKEN = regex.compile(r"[\u0e01-\u0e4e]+|\s+|[^\s\u0e01-\u0e4e]+")


def split_words(text: str) -> list[str]:
    """All of ``text`` in tokens: Thai runs split into words (``split_thai``), spaces and other
    runs as they are.

    >>> split_words("ตำบลหางดง อำเภอ 12")
    ['ตำบล', 'หาง', 'ดง', ' ', 'อำเภอ', ' ', '12']
    """
    out: list[str] = []
    for m in _TOKEN.finditer(text):
        out.extend(split_thai(m[0]) if "\u0e01" <= m[0][0] <= "\u0e4e" else [m[0]])
    return out


@cache
def frequencies() -> dict[str, int]:
    """Word frequencies of the Thai National Corpus (shipped with PyThaiNLP)."""
    from pythainlp.corpus import tnc

    return dict(tnc.word_freqs())


def prefixes(text: str, start: int = 0) -> list[str]:
    """The known words ``text[start:]`` opens with, shortest first: what a walk of PyThaiNLP's trie of
    the word list gives, by one hash lookup per length a word of that opening has (building that trie
    takes ~1.4 s of a process's start).

    >>> prefixes("ตำบลหางดง"), prefixes("xตำบล", 1)
    (['ตำ', 'ตำบล'], ['ตำ', 'ตำบล'])
    """
    known, n = words(), len(text)
    out = [text[start:end] for end in (start + 1, start + 2) if end <= n and text[start:end] in known]
    for size in _lengths().get(text[start:start + 3], ()):
        if start + size > n:
            break
        if text[start:start + size] in known:
            out.append(text[start:start + size])
    return out


class _WordsShownAaAsAm:
    """The word list together with each word as a font that prints SARA AA as SARA AM shows it, for
    newmm's ``custom_dict`` (which asks only for ``prefixes``): a text ำ is a word's ำ, or its า
    where no า of the text says the font is sound there."""

    def __init__(self, shown: Iterable[str]) -> None:
        self.shown = frozenset(shown)
        lengths: dict[str, set[int]] = {}
        for word in self.shown:
            if len(word) >= 3:
                lengths.setdefault(word[:3], set()).add(len(word))
        self.lengths = {head: tuple(sorted(sizes)) for head, sizes in lengths.items()}

    def __len__(self) -> int:  # newmm tests a custom dictionary for truth
        return 1

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        known, shown, n = words(), self.shown, len(text)
        head = text[start:start + 3]
        sizes = sorted({1, 2, *_lengths().get(head, ()), *self.lengths.get(head, ())})
        out = []
        for size in sizes:
            if start + size > n:
                break
            piece = text[start:start + size]
            if piece in known or (piece in shown and SARA_AA not in piece):
                out.append(piece)
        return out


@cache
def _aa_as_am_table():
    """The words as that font shows them (``_WordsShownAaAsAm``), and shown → real word."""
    variants: dict[str, str | None] = {}
    for word in words():
        if SARA_AA in word:
            shown = word.replace(SARA_AA, SARA_AM)
            if shown in variants and variants[shown] != word:
                variants[shown] = None  # two real words print alike: undecidable
            else:
                variants[shown] = word
    return _WordsShownAaAsAm(variants), variants


def shows_aa_as_am(text: str) -> bool:
    """A page whose SARA AM outnumbers SARA AA is printed by a font that maps า to ำ.

    Ordinary Thai prose has about five SARA AA for each SARA AM.

    >>> shows_aa_as_am("สำนักงำนคณะกรรมกำรกฤษฎีกำ"), shows_aa_as_am("สำนักงานคณะกรรมการกฤษฎีกา")
    (True, False)
    """
    am, aa = text.count(SARA_AM), text.count(SARA_AA)
    return am >= 3 and aa * 2 < am


def restore_aa(line: str) -> tuple[str, list[Swap]]:
    """Undo SARA AA printed as SARA AM, word by word, where the dictionary is sure.

    >>> restore_aa("สำนักงำนคณะกรรมกำรกฤษฎีกำ")[0]
    'สำนักงานคณะกรรมการกฤษฎีกา'
    """
    if SARA_AM not in line:
        return line, []
    from pythainlp.tokenize import word_tokenize

    shown, variants = _aa_as_am_table()
    known = words()
    out: list[str] = []
    swaps: list[Swap] = []
    for token in word_tokenize(line, custom_dict=shown, engine="newmm", keep_whitespace=True):
        real = variants.get(token) if SARA_AM in token and token not in known else None
        if real:
            swaps.append(Swap(token, real))
            out.append(real)
        else:
            out.append(token)
    return "".join(out), swaps


_MARKS = ABOVE_VOWELS + "\u0e38\u0e39" + TONES + "\u0e4c"  # the marks OCR drops: vowels above/below, tones, ์
SAME_WORD_RATIO = 50  # a known word is changed only into one this many times as frequent (เรือง 623 → เรื่อง 103,410)
# known words are made one only where that word is this many times likelier (the unigram model) than
# they are together: ชี|แจง → ชี้แจง (×160,000), ขัน|ตอน → ขั้นตอน (×6,000), not ขอ|เสนอ → ข้อเสนอ (×100)
JOINED_RATIO = 200
# …and where a mark taken out makes them one word (a speck read as the mark), this many times:
# สิ่ง|เสริม → ส่งเสริม (×1,800), กฎ|หม้าย → กฎหมาย (×2,000,000), not ค้น|ใน → คนใน (×300)
SPECK_JOINED_RATIO = 1000
COMPOUND_RATIO = 5  # a compound with no frequency of its own: the word its mark changes, this many times commoner
MIN_FREQUENCY = 500  # the Thai National Corpus must know a restored word at least this often (ซื่อสัตย์ 870)…
MIN_FREQUENCY_SHORT = 20_000  # …and a two-letter one as one of the commonest words (นี้, ที่; not ขี for ปี)
SPAN = 3  # words and uncovered runs looked at together ("ข้อ|มล" → ข้อมูล)
ROUNDS = 4  # a line's words are revisited while restorations go on ("ที|เกียว" → ที่|เกี่ยว)
MAX_WORD = 30  # longer than any word in the list that a plan uses
_THAI_CHUNK = regex.compile(r"(?<![\u0e01-\u0e4e.])[\u0e01-\u0e4e]{2,}(?![\u0e01-\u0e4e.])")  # not an abbreviation


@cache
def _word_costs():
    """Each known word's cost, −log of its share of the Thai National Corpus (a word the list knows and
    the corpus never saw counts once); a character no word covers costs more than the rarest word."""
    freq, known = frequencies(), words()
    total = sum(freq.get(w, 0) + 1 for w in known)
    return {w: math.log(total / (freq.get(w, 0) + 1)) for w in known}, math.log(total) + 4.0


def segment(text: str) -> list[str]:
    """The likeliest split of a Thai run into known words (a unigram model over the Thai National
    Corpus), a character no word covers standing alone.

    >>> segment("เรืองร้องเรียน"), segment("กิจกรรมนีขึ้น")
    (['เรือง', 'ร้องเรียน'], ['กิจกรรม', 'น', 'ี', 'ขึ้น'])
    """
    cost, uncovered = _word_costs()
    best: list[tuple[float, int]] = [(0.0, -1)] + [(math.inf, -1)] * len(text)
    for i in range(len(text)):
        here = best[i][0]
        if here + uncovered < best[i + 1][0]:
            best[i + 1] = (here + uncovered, i)
        for word in prefixes(text[i:i + MAX_WORD]):
            j = i + len(word)
            if here + cost[word] < best[j][0]:
                best[j] = (here + cost[word], i)
    tokens, j = [], len(text)
    while j > 0:
        i = best[j][1]
        tokens.append(text[i:j])
        j = i
    return tokens[::-1]



@cache
def _one_mark_short() -> dict[str, tuple[str, int]]:
    """Each known word as OCR shows it with one mark lost (or ึ้ read as ื; or SARA AM's circle, with
    the tone over it, lost: ำ read as า, "สมาเสมอ" for สม่ำเสมอ, "ซ้าซ้อน" for ซ้ำซ้อน) → the commonest
    such word."""
    freq = frequencies()
    out: dict[str, tuple[str, int]] = {}

    def add(shown: str, word: str) -> None:
        if shown not in out or out[shown][1] < freq.get(word, 0):
            out[shown] = (word, freq.get(word, 0))

    for word in words():
        for k, ch in enumerate(word):
            if ch in _MARKS:
                add(word[:k] + word[k + 1:], word)
        if "\u0e36\u0e49" in word:
            add(word.replace("\u0e36\u0e49", "\u0e37", 1), word)
        if SARA_AM in word:
            k = word.index(SARA_AM)
            add(word[:k] + SARA_AA + word[k + 1:], word)
            if k and word[k - 1] in TONES:
                add(word[:k - 1] + SARA_AA + word[k + 1:], word)
    return out


# letters and marks Tesseract reads one for the other (ซื่อ/ชื่อ, ซับซ้อน/ขับซ้อน, ช่องทาง/ช่องฑาง,
# สำนึก/สำนีก, ส่ง/สัง)
_CONFUSED: dict[str, str] = {}
for _pair in ("ชซ", "ขซ", "ฑท", "ดต", "ดล", "บป", "ผพ", "ฝฟ", "ถภ", "ฎฏ", "ใไ", "ีึ", "ึื", "ีื", "ิี", "ั่", "่้", "ุู"):
    for _a, _b in (_pair, _pair[::-1]):
        _CONFUSED[_a] = _CONFUSED.get(_a, "") + _b
_AM_AS_THO_AA = ("\u0e33", "\u0e49\u0e32")  # SARA AM read as MAI THO and SARA AA (จำนวน as จ้านวน)


@cache
def _one_misread() -> dict[str, tuple[str, int]]:
    """Each common word of four letters or more as OCR shows it with one letter or mark read for
    another (``_CONFUSED``, ``_AM_AS_THO_AA``) → the commonest such word."""
    freq = frequencies()
    out: dict[str, tuple[str, int]] = {}
    for word in words():
        if len(word) < 4 or freq.get(word, 0) < MIN_FREQUENCY:
            continue
        shown = [word[:k] + other + word[k + 1:] for k, ch in enumerate(word) for other in _CONFUSED.get(ch, "")]
        shown += [word[:k] + _AM_AS_THO_AA[1] + word[k + 1:] for k, ch in enumerate(word) if ch == _AM_AS_THO_AA[0]]
        for variant in shown:
            if variant not in out or out[variant][1] < freq[word]:
                out[variant] = (word, freq[word])
    return out


def _restorable(span: list[str], among_words: bool = True) -> str | None:
    """The word ``span`` (adjacent words and uncovered runs) was before OCR lost one mark, or None.

    A run no word covers is restored when one mark makes it a common word; a known word only into a
    far commoner one; words that are all known only where the word they make is far likelier than
    they are one after the other (``JOINED_RATIO``; มา|ใช้ stays, not ม้าใช้).

    >>> _restorable(["เรือง"]), _restorable(["ข", "ี"]), _restorable(["อย"])
    ('เรื่อง', None, None)
    >>> _restorable(["ชี", "แจง"]), _restorable(["ขัน", "ตอน"]), _restorable(["มา", "ใช้"]), _restorable(["ขอ", "เสนอ"])
    ('ชี้แจง', 'ขั้นตอน', None, None)

    Two or more words one letter misread hid are the one word too, on the same terms:
    >>> _restorable(["จ้าน", "วน"]), _restorable(["ชื่อ", "สัตย์"]), _restorable(["ซื้อ", "สัตย์"])
    ('จำนวน', 'ซื่อสัตย์', 'ซื่อสัตย์')

    And a mark too many, a speck read as one, on the same terms again (a known word stays unless
    the word without it is far commoner: ข่าว, not ขาว; known words are joined at
    ``SPECK_JOINED_RATIO``), where the words around the span are known (``among_words``: its line is
    not garbled there):
    >>> _restorable(["ระบับ"]), _restorable(["ต่าม"]), _restorable(["ค้น", "ใน"]), _restorable(["ข่าว"])
    ('ระบบ', 'ตาม', None, None)
    >>> _restorable(["สิ่ง", "เสริม"]), _restorable(["กฎ", "หม้าย"]), _restorable(["ที่", "ย่อม"])
    ('ส่งเสริม', 'กฎหมาย', None)
    """
    shown = "".join(span)
    found = _one_mark_short().get(shown)
    if found is not None and found[1] == 0 and len(span) == 2 and _commoner_part(span, found[0]):
        return found[0]  # a compound the corpus counts no frequency for ("ตำ|กว่า" for ต่ำกว่า)
    if found is None and len(span) > 1:  # words one letter misread hid ("จ้าน|วน" for จำนวน)
        found = _one_misread().get(shown)
    ratio = JOINED_RATIO
    if found is None and among_words:  # a speck read as a mark ("ระบับ", "ต่าม", "สิ่ง|เสริม"); not ค้น|ใน
        found, ratio = _one_mark_more(shown), SPECK_JOINED_RATIO
    if found is None or len(shown) < 2 or found[1] < (MIN_FREQUENCY_SHORT if len(shown) == 2 else MIN_FREQUENCY):
        return None
    cost, freq = _word_costs()[0], frequencies()
    if shown in cost:
        return found[0] if len(span) == 1 and found[1] >= SAME_WORD_RATIO * max(freq.get(shown, 0), 1) else None
    if all(t in cost for t in span) and cost[found[0]] + math.log(ratio) >= sum(cost[t] for t in span):
        return None  # known words not far less likely together than the one word a mark makes of them
    return found[0]


def _one_mark_more(shown: str) -> tuple[str, int] | None:
    """The commonest known word of three letters or more ``shown`` is with one of its marks taken
    out (a speck OCR read as a mark), with its frequency; or None. Not a mark ``shown`` opens with
    (it sits on a letter before the span: "ิเหมาะสม" of วิญญูฒิ), nor THANTHAKHAT (names and loans
    end their syllables with it: วัฒน์).

    >>> _one_mark_more("ระบับ")[0], _one_mark_more("ต่าม")[0], _one_mark_more("ข่าว")[0], _one_mark_more("ิเหมาะสม")
    ('ระบบ', 'ตาม', 'ขาว', None)
    """
    cost, freq = _word_costs()[0], frequencies()
    found = [(freq.get(word, 0), word) for k, ch in enumerate(shown)  # three letters at least: not เพื → เพ
             if k and ch in _MARKS and ch != "\u0e4c" and len(word := shown[:k] + shown[k + 1:]) >= 3 and word in cost]
    if not found:
        return None
    n, word = max(found)
    return word, n


def _commoner_part(span: list[str], word: str) -> bool:
    """Whether the compound ``word`` (one mark more than the words ``span``) changes one of them
    into a word far commoner than it (ตำ 767 → ต่ำ 8,930 in ต่ำกว่า; not มา → ม้า in ม้าใช้), the
    others known words.

    >>> _commoner_part(["ตำ", "กว่า"], "ต่ำกว่า"), _commoner_part(["ความ", "เสียง"], "ความเสี่ยง")
    (True, False)
    """
    cost, freq = _word_costs()[0], frequencies()
    at = next(k for k, (a, b) in enumerate(zip(word, "".join(span) + " ")) if a != b)  # the mark's place
    start = 0
    for k, token in enumerate(span):
        if start < at <= start + len(token):  # a mark belongs to the letter before it
            changed = token[:at - start] + word[at] + token[at - start:]
            rest = span[:k] + span[k + 1:]
            return (changed in cost and all(t in cost for t in rest) and freq.get(changed, 0) >= MIN_FREQUENCY
                    and freq.get(changed, 0) >= COMPOUND_RATIO * max(freq.get(token, 0), 1))
        start += len(token)
    return False


def count_all(text: str, needles: Iterable[str]) -> dict[str, int]:
    """How often each needle occurs in ``text``, as ``text.count(needle)`` counts (left to right, no
    two occurrences overlapping), all in one pass (an Aho–Corasick automaton, pyahocorasick) instead
    of one scan of the text per needle.

    >>> count_all("aaaa ab aab", ["aa", "ab", "b", "c"]) == {n: "aaaa ab aab".count(n) for n in ["aa", "ab", "b", "c"]}
    True
    """
    import ahocorasick

    counts = {needle: 0 for needle in needles if needle}
    if not counts:
        return counts
    automaton = ahocorasick.Automaton()
    for needle in counts:
        automaton.add_word(needle, needle)
    automaton.make_automaton()
    free_from: dict[str, int] = {}  # needle → where its next occurrence may start
    for end, needle in automaton.iter(text):  # by end, so by start for one needle
        start = end + 1 - len(needle)
        if start >= free_from.get(needle, 0):
            counts[needle] += 1
            free_from[needle] = end + 1
    return counts


CONSENSUS_SEEN = 3  # a plan's own spelling counts where it prints the word this often at least…


@dataclass(frozen=True)
class Spellings:
    """How a plan prints its words, for mending what OCR read a mark short or a letter off
    (``plan_spellings``)."""

    words: dict[str, str]  # a form printed within a run → the word as the plan prints it elsewhere
    across: dict[tuple[str, str], tuple[str, str]]  # two words facing each other across a line break →
    # the two the plan prints side by side elsewhere

    @cached_property
    def _finder(self):
        """The forms of ``words`` as one Aho–Corasick automaton (a page's runs searched once each)."""
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for form in self.words:
            automaton.add_word(form, form)
        automaton.make_automaton()
        return automaton

    def found_in(self, run: str) -> list[tuple[int, str]]:
        """(where, form) of every form of ``words`` in ``run``, by where they start."""
        if not self.words:
            return []
        found = [(end + 1 - len(form), form) for end, form in self._finder.iter(run)]
        return sorted(found, key=lambda f: (f[0], -len(f[1])))  # the longer first where two start together


THANTHAKHAT = "\u0e4c"
RARE_WORD = 2000  # a word seen fewer times in the Thai National Corpus (PyThaiNLP's counts) is no evidence that
# a look-alike form made of words is text: "ทับข้อน" (ข้อน 17 times) is ทับซ้อน, "จานวน" (จาน) จำนวน; measured on the
# golden and synthetic scans, 50, 500 and 2000 each put only right words in (docs/accuracy.md)
_MARKS_SET = frozenset(MARKS)
# the letters Tesseract takes for one another keep their place in the cluster: a consonant for a
# consonant, a vowel above for a vowel above…
_LOOKALIKES = (CONSONANTS, "ะาำ", ABOVE_VOWELS + "\u0e4c", "\u0e38\u0e39", TONES, "เแโใไ")


def plan_spellings(texts: Iterable[str]) -> Spellings:
    """What a plan's text (``texts``: its pages) shows one mark short of a word it prints whole
    elsewhere as often or more → that word ("ความเสียง" 18 times where "ความเสี่ยง" is read 25 times
    on a scan: OCR lost the mark on a few; the word list alone cannot say so, since เสียง is a word
    too). Only where the shortened form is no word itself, and the whole word is a word of four
    letters or more seen CONSENSUS_SEEN times at least. Likewise such a word with one letter taken for a
    look-alike ("ฮงค์กร" for องค์กร, "ผู้รับถิดชอบ" for ผู้รับผิดชอบ), where the form is printed half as
    often as the word at most and is no word, nor words. And two words facing each other across a line
    break that the plan never prints side by side, where the character at the break is lost from two
    words it prints side by side CONSENSUS_SEEN times or more ("…และฝ่า" / "ประจำของ…" where it prints
    ฝ่ายประจำ: a glyph at the line's end lost, and ฝ่า is a word too, so no word list can tell). The
    engine writes them whole on OCR'd pages only (``respell``, ``respell_across``). Within a line a
    pair one letter short is left alone: it is often two other words ("มา|รับ" beside มา|ปรับ).

    >>> plan_spellings(["ความเสี่ยง ความเสี่ยง ความเสี่ยงของ", "ความเสียงการทุจริต", "อื่นๆ อืน"]).words
    {'ความเสียง': 'ความเสี่ยง'}
    >>> plan_spellings(["ฝ่ายประจำ ฝ่ายประจำ", "ข้าราชการฝ่ายประจำ", "และฝ่า", "ประจำของ"]).across
    {('ฝ่า', 'ประจำ'): ('ฝ่าย', 'ประจำ')}
    """
    known = words()
    seen: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    runs: list[str] = []
    for text in texts:
        for run in _THAI_RUNS.findall(text):
            runs.append(run)
            tokens = split_thai(run)
            for token in tokens:
                seen[token] = seen.get(token, 0) + 1
            for pair in zip(tokens, tokens[1:]):
                pairs[pair] = pairs.get(pair, 0) + 1
    candidates = {word: n for word, n in seen.items() if n >= CONSENSUS_SEEN and len(word) >= 4 and word in known}
    shorts = {word: [word[:k] + word[k + 1:] for k, ch in enumerate(word) if ch in _MARKS] for word in candidates}
    misread = _one_letter_off(candidates, known)
    specked = _speck_marked((w for w, n in seen.items() if n >= CONSENSUS_SEEN and len(w) >= 3 and w in known), known)
    misread |= {form: (word if misread.get(form, word) == word else None) for form, word in specked.items()}
    printed = count_all("\n".join(runs), {*candidates, *(s for forms in shorts.values() for s in forms), *misread,
                                          *(word for word in specked.values() if word is not None)})
    out: dict[str, str] = {}
    for word, n in candidates.items():
        for short in shorts[word]:
            shown = printed[short] - (printed[word] if word.startswith(short) else 0)
            if short not in known and short not in out and 0 < shown <= n:
                out[short] = word
    common = frequencies() if misread else {}
    for form, word in misread.items():
        if (word is not None and form not in out and 0 < 2 * printed[form] <= printed[word]
                and not all(token in known and common.get(token, 0) >= RARE_WORD for token in split_thai(form))):
            out[form] = word
    # across a line break: the character at the break lost, either side, leaving two known words
    # (a form with an unknown word is the word restoration's) the plan never prints side by side
    across: dict[tuple[str, str], tuple[str, str] | None] = {}
    for pair, n in pairs.items():
        if n < CONSENSUS_SEEN or len(pair[0] + pair[1]) < 6 or pair[0] not in known or pair[1] not in known:
            continue
        for form in ((pair[0][:-1], pair[1]), (pair[0], pair[1][1:])):
            if min(map(len, form)) >= 2 and form[0] in known and form[1] in known and form not in pairs:
                across[form] = pair if across.get(form, pair) == pair else None  # two pairs it could be: neither
    return Spellings(out, {form: pair for form, pair in across.items() if pair is not None})


def _one_letter_off(candidates: Iterable[str], known: frozenset[str]) -> dict[str, str | None]:
    """Each word of ``candidates`` with one letter taken for a look-alike (``_LOOKALIKES``: ฮงค์กร
    for องค์กร, กาหสินธุ์ for กาฬสินธุ์) → that word, where the form is no word itself (None where it
    could be two of them)."""
    out: dict[str, str | None] = {}
    for word in candidates:
        for k, ch in enumerate(word):
            for kind in _LOOKALIKES:
                if ch not in kind:
                    continue
                for other in kind:
                    form = word[:k] + other + word[k + 1:]
                    if other != ch and form not in known:
                        out[form] = word if out.get(form, word) == word else None
    return out


def _speck_marked(candidates: Iterable[str], known: frozenset[str]) -> dict[str, str | None]:
    """Each word of ``candidates`` with a THANTHAKHAT after one of its consonants, the speck Tesseract
    reads most often as a mark ("การ์แสวงหา", "การ์ดำเนินงาน" for การ: 25 of the golden plan's scanned
    fields) → that word, where the form is no word itself (None where it could be two of them).

    >>> _speck_marked(["การ", "ตั้ง"], frozenset({"การ", "ตั้ง", "การ์ด"}))["การ์"]
    'การ'
    """
    out: dict[str, str | None] = {}
    for word in candidates:
        for k, ch in enumerate(word):
            if ch in CONSONANTS and word[k + 1:k + 2] not in _MARKS_SET:
                form = word[:k + 1] + THANTHAKHAT + word[k + 1:]
                if form not in known:
                    out[form] = word if out.get(form, word) == word else None
    return out


def respell(line: str, spellings: Spellings) -> tuple[str, list[Swap]]:
    """``line`` with each form of ``spellings.words`` that is whole words of its run (not part of
    one) written as the plan writes it elsewhere (where two overlap, the one starting first).

    >>> respell("ประเมินความเสียงการทุจริต", Spellings({"ความเสียง": "ความเสี่ยง"}, {}))
    ('ประเมินความเสี่ยงการทุจริต', [Swap(printed='ความเสียง', restored='ความเสี่ยง')])
    """
    if not spellings.words:
        return line, []
    swaps: list[Swap] = []

    def fix(run: regex.Match[str]) -> str:
        text = run[0]
        found = spellings.found_in(text)
        if not found:
            return text
        bounds = {0}
        for token in split_thai(text):
            bounds.add(max(bounds) + len(token))
        pieces, done = [], 0
        for start, form in found:
            end = start + len(form)
            if start >= done and start in bounds and end in bounds:
                word = spellings.words[form]
                pieces += [text[done:start], word]
                swaps.append(Swap(form, word))
                done = end
        return "".join(pieces) + text[done:]

    return _THAI_RUNS.sub(fix, line), swaps


def respell_across(ending: str, opening: str, across: dict[tuple[str, str], tuple[str, str]]
                   ) -> tuple[str, str, list[Swap]]:
    """Two lines' texts (``ending`` the one before a line break, ``opening`` the one after) with the
    two words facing each other across the break written as the plan prints them side by side
    (``Spellings.across``), when they are whole words of their runs.

    >>> respell_across("ข้าราชการการเมืองและฝ่า", "ประจำขององค์กร", {("ฝ่า", "ประจำ"): ("ฝ่าย", "ประจำ")})[:2]
    ('ข้าราชการการเมืองและฝ่าย', 'ประจำขององค์กร')
    """
    runs = facing_runs(ending, opening) if across else None
    if runs is None:
        return ending, opening, []
    last, first = split_thai(runs[0])[-1], split_thai(runs[1])[0]
    pair = across.get((last, first))
    if pair is None:
        return ending, opening, []
    ending = ending[:len(ending) - len(last)] + pair[0]
    opening = pair[1] + opening[len(first):]
    return ending, opening, [Swap(f"{last}|{first}", f"{pair[0]}|{pair[1]}")]


def _two_words(run: str) -> str | None:
    """An uncovered run that is two words, each known or one mark short of a known word ("นีขึน")."""
    cost = _word_costs()[0]
    for k in range(2, len(run) - 1):
        left = run[:k] if run[:k] in cost else _restorable([run[:k]])
        right = run[k:] if run[k:] in cost else _restorable([run[k:]])
        if left and right:
            return left + right
    return None


def _one_mark_changed(region: str, uncovered: tuple[int, int] | None = None) -> str | None:
    """``region`` (an uncovered run with the words around it) with one mark more or one less, or one
    letter or mark read for another (``_CONFUSED``, ``_AM_AS_THO_AA``; only in a word that takes in
    the ``uncovered`` span, never in a known word beside it), that lets known words cover all of
    it, the word it changes a common one of four letters or more: a mark OCR lost
    ("เพือ|ย|กระ" → เพื่อยกระ, which a split at อย hid) or one it added where the page has none
    (ควบ์คุม → ควบคุม, กองคลัง๊ → กองคลัง), a letter misread (ช่องฑาง → ช่องทาง, จ้านวน → จำนวน); a stray
    letter is not made a short word (ก → ก็, ด → ดี).

    >>> _one_mark_changed("ควบ์คุม"), _one_mark_changed("กิจกร์รม"), _one_mark_changed("ผลลัพธ๊์")
    ('ควบคุม', 'กิจกรรม', 'ผลลัพธ์')
    >>> _one_mark_changed("ช่องฑาง"), _one_mark_changed("พนักงานจ้านวน"), _one_mark_changed("จิตสำนีก")
    ('ช่องทาง', 'พนักงานจำนวน', 'จิตสำนึก')
    >>> _one_mark_changed("มืองค์")
    'มีองค์'
    """
    cost, freq = _word_costs()[0], frequencies()
    lo, hi = uncovered or (0, len(region))
    candidates = [(region[:k] + mark + region[k:], k, False) for k in range(1, len(region) + 1)
                  if region[k - 1] in CONSONANTS + _MARKS for mark in _MARKS]
    candidates += [(region[:k] + region[k + 1:], k - 1, False) for k in range(1, len(region)) if region[k] in _MARKS]
    swapped = [(region[:k] + other + region[k + 1:], k, True) for k, ch in enumerate(region)
               for other in _CONFUSED.get(ch, "")]
    short = {c for c, k, _ in swapped if region[k] in ABOVE_VOWELS and c[k] in ABOVE_VOWELS}  # ี for ื…
    candidates += swapped
    for am, tho_aa in (_AM_AS_THO_AA, _AM_AS_THO_AA[::-1]):
        candidates += [(region[:k] + tho_aa + region[k + len(am):], k, True) for k in range(1, len(region))
                       if region.startswith(am, k)]
    best: tuple[float, str] | None = None
    for candidate, k, misread in candidates:
        tokens = segment(candidate)
        if any(t not in cost for t in tokens):
            continue
        start = 0
        for token in tokens:  # the word the change went into
            if start <= k < start + len(token):
                break
            start += len(token)
        if misread and not (start < hi and lo < start + len(token) + 1):
            continue  # a known word beside the run is not changed into another (ส่งเสริม|ด → ส่งเสรี|มด)
        total = sum(cost[t] for t in tokens)
        # a vowel above misread may make a short common word too ("มืองค์" is มี|องค์); a mark added never
        # does (a stray ก is no ก็), nor a letter misread (กำหนดา is no กำหนดำ)
        least = (MIN_FREQUENCY if len(token) >= 4 else
                 MIN_FREQUENCY_SHORT if candidate in short and len(token) >= 2 else None)
        if least is not None and freq.get(token, 0) >= least and (best is None or total < best[0]):
            best = (total, candidate)
    return best[1] if best else None


def _restore_run(text: str, swaps: list[Swap]) -> str:
    restored, found = _restored(text)
    swaps.extend(found)
    return restored


_DOUBLED = regex.compile(rf"([{_LETTERS_CLASS}]{{1,3}}?)\1")


def _undoubled(text: str) -> str | None:
    """A run in which OCR read a letter or a syllable twice ("ดำเนิเนินการ", "กิกิจกรรม", "ข้อมมูล")
    without the second reading, where that makes the run all known words and it was not (a run of
    known words that repeats a syllable, "นายสมสมัย", stays).

    >>> [_undoubled(t) for t in ("ดำเนิเนินการ", "กิกิจกรรม", "ข้อมมูล", "นายสมสมัย", "นานาชาติ", "คุณธรร")]
    ['ดำเนินการ', 'กิจกรรม', 'ข้อมูล', None, None, None]
    """
    if known_words_only(text):
        return None
    # far likelier than the run with a letter dropped as noise: a word made whole ("ดำเนินการ"), not
    # a cut one ("คุณธรร" → "คุณธร") or a neighbour's letter lost ("รับบริกา")
    needed = _cost(text) - _word_costs()[1] - math.log(JOINED_RATIO)
    for m in _DOUBLED.finditer(text, overlapped=True):
        once = text[:m.start()] + text[m.start(1) + len(m[1]):]
        if known_words_only(once) and _cost(once) <= needed:
            return once
    return None


def known_words_only(text: str) -> bool:
    """Whether a Thai run splits into known words of two letters or more, nothing left over."""
    known = words()
    return all(len(p) >= 2 and p in known for p in split_thai(text))


@lru_cache(maxsize=8192)  # OCR repeats its runs (ที, ท้องถิน) and the split-word check asks again
def _restored(text: str) -> tuple[str, tuple[Swap, ...]]:
    """A Thai run with the marks OCR lost given back (and a letter or syllable read twice read once:
    ``_undoubled``; or a letter OCR added inside a word taken out, ``_letter_too_many``, where that
    reads far likelier than the marks' mending), and what was restored."""
    if (once := _undoubled(text)) is not None:
        marked, swaps = _marks_restored(once)
        return marked, (Swap(text, once), *swaps)
    marked, swaps = _marks_restored(text)
    if (once := _letter_too_many(text)) is not None and _cost(once) + math.log(JOINED_RATIO) < _cost(marked):
        return once, (Swap(text, once),)
    if (whole := _letter_lost(marked)) is not None:
        return whole, (*swaps, Swap(marked, whole))
    return marked, swaps


_BORNE = _MARKS.replace("\u0e4c", "")  # the marks OCR drops but ์ (which ends a syllable): a vowel or tone
LOST_LETTER_MARGIN = 4  # the likeliest letter given back, this many times likelier than the next


def _letter_lost(text: str) -> str | None:
    """A run of not only known words with the consonant OCR lost before its marks given back (the
    box of the letter before swallowed it: "ฉบับี่" for ฉบับที่, "ครั้งี่", "แบบฟอร์มุกงาน"), where the
    letter opens a common word of three letters or more after a common word of two or more, leaves
    known words only, and is at least LOST_LETTER_MARGIN times likelier than any other letter there
    (the unigram model); None where there is no such letter. Only where the letters no word covers
    begin with the marks.

    >>> [_letter_lost(t) for t in ("ฉบับี่", "เมืองไชโยครั้งี่", "แบบฟอร์มุกงาน", "ฉบับที่", "ในหน่วยงาน่")]
    ['ฉบับที่', 'เมืองไชโยครั้งที่', 'แบบฟอร์มทุกงาน', None, None]
    """
    if known_words_only(text):
        return None
    cost, freq = _word_costs()[0], frequencies()
    found: list[tuple[float, str]] = []
    start = 0
    for token in segment(text):
        k, start = start, start + len(token)
        if token in cost or token[0] not in _BORNE or not k or text[k - 1] not in CONSONANTS:
            continue
        for letter in CONSONANTS:
            whole = text[:k] + letter + text[k:]
            if not known_words_only(whole):
                continue
            at, before = 0, ""
            for word in segment(whole):
                if at >= k:
                    break
                at, before = at + len(word), word
            if (at == k and len(word) >= 3 and len(before) >= 2
                    and min(freq.get(word, 0), freq.get(before, 0)) >= MIN_FREQUENCY):
                found.append((_cost(whole), whole))
    if not found:
        return None
    found.sort()
    return found[0][1] if len(found) == 1 or found[1][0] - found[0][0] >= math.log(LOST_LETTER_MARGIN) else None


def _letter_too_many(text: str) -> str | None:
    """A run of not only known words without the one consonant OCR added inside a word ("ขออบนุมัติ",
    "บวริหาร", "ท้องลถิ่น", "เทกศบาล"), where that leaves known words only and joins the letters either
    side of it into a common word of five letters or more (the longest such word); None where there
    is no such letter. A letter beside its double is ``_undoubled``'s ("ผู้ขอรับบริกา", a line cut
    inside บริการ, stays), and a run's first and last letters are never taken (the ends of words a
    space or a line cut).

    >>> [_letter_too_many(t) for t in ("ขออบนุมัติ", "ขออนุมัติ", "สมาชิกสภาท้องลถิ่น", "ผู้ขอรับบริกา")]
    ['ขออนุมัติ', None, 'สมาชิกสภาท้องถิ่น', None]
    """
    if known_words_only(text):
        return None
    freq = frequencies()
    best: tuple[int, float, str] | None = None
    for k in range(1, len(text) - 1):
        if text[k] not in CONSONANTS or text[k] in (text[k - 1], text[k + 1]):  # a letter read twice: _undoubled's
            continue
        once = text[:k] + text[k + 1:]
        if not known_words_only(once):
            continue
        start = 0
        for token in segment(once):
            if start + len(token) > k:
                break
            start += len(token)
        if start < k and len(token) >= 5 and freq.get(token, 0) >= MIN_FREQUENCY:  # the letters either side joined
            key = (-len(token), _cost(once), once)
            best = key if best is None or key < best else best
    return best[2] if best else None


def _marks_restored(text: str) -> tuple[str, tuple[Swap, ...]]:
    """``_restored``'s marks: rounds of mark restoration over the run's words and uncovered letters."""
    cost = _word_costs()[0]
    swaps: list[Swap] = []
    for _ in range(ROUNDS):
        units: list[str] = []  # known words, and runs of characters no word covers
        for token in segment(text):
            if token not in cost and units and units[-1] not in cost:
                units[-1] += token
            else:
                units.append(token)
        out: list[str] = []
        i = 0
        while i < len(units):
            for n in range(min(SPAN, len(units) - i), 0, -1):
                # a mark too many is taken out only between known words (not in "เกืกี่ยว|ข้อง")
                among = all(u in cost for u in units[max(0, i - 1):i] + units[i + n:i + n + 1])
                word = _restorable(units[i:i + n], among)
                if word is not None:
                    break
            else:
                n, word = 1, (_two_words(units[i]) if units[i] not in cost else None)
            if word is None and units[i] not in cost:  # the mark may belong to a word around the run
                before = out.pop() if out else ""
                n = min(SPAN, len(units) - i)
                word = _one_mark_changed(before + "".join(units[i:i + n]), (len(before), len(before) + len(units[i])))
                if word is None:
                    out.append(before)
                    n = 1
                else:
                    units[i] = before + units[i]
            if word is None:
                out.append(units[i])
            else:
                swaps.append(Swap("".join(units[i:i + n]), word))
                out.append(word)
            i += n
        restored = "".join(out)
        if restored == text:
            break
        text = restored
    return text, tuple(swaps)


_LETTERS = f"[{_LETTERS_CLASS}]"  # Thai letters and marks, not ฯ or ๆ
_SPACED = regex.compile(rf"(?<!{_LETTERS})({_LETTERS}{{2,}}) ({_LETTERS}{{2,}})(?![.]|{_LETTERS})")  # not พ.ศ.


def _uncovered(text: str) -> int:
    cost = _word_costs()[0]
    return sum(len(t) for t in segment(text) if t not in cost)


def _join_split_words(line: str, swaps: list[Swap]) -> str:
    """OCR puts a space inside a word ("ห้วยทรายค รังที่", "บุคลาก รจำเป็น"): two runs that leave
    letters no word covers are joined when, joined (and their marks restored), words cover them all."""
    pos = 0
    while m := _SPACED.search(line, pos):
        left, right = m[1], m[2]
        if (_uncovered(_restore_run(left, [])) + _uncovered(_restore_run(right, []))
                and not _uncovered(_restore_run(left + right, []))):
            swaps.append(Swap(m[0], left + right))
            line = line[:m.start()] + left + right + line[m.end():]
            pos = m.start()
        else:
            pos = m.start(2)
    return line


def restore_lost_marks(line: str) -> tuple[str, list[Swap]]:
    """OCR drops tone marks and upper vowels ("ท้องถิน", "เรืองร้องเรียน", "นีขึน"); give them back
    where the Thai National Corpus is sure: each run of Thai letters (abbreviations such as ป.ป.ช. left
    alone) is split into its likeliest words (``segment``), and a word or run one mark short of a
    known word is restored (``_restorable``); a space OCR put inside a word goes first
    (``_join_split_words``). Checked against the correct text of the golden and
    synthetic plans, where it changes nothing but a surname (tests/test_dictionary.py).

    >>> restore_lost_marks("ชือโครงการ ท้องถิน")[0]
    'ชื่อโครงการ ท้องถิ่น'
    >>> restore_lost_marks("หลักเกณฑ์ทีเกียวข้อง เพิ่มขืน มาตรการนีขึน ข้อมลข่าวสาร ระเบยบ")[0]
    'หลักเกณฑ์ที่เกี่ยวข้อง เพิ่มขึ้น มาตรการนี้ขึ้น ข้อมูลข่าวสาร ระเบียบ'
    >>> restore_lost_marks("เพือยกระดับคุณธรรม")[0], restore_lost_marks("ตำบลห้วยทรายค รังที่ 1 บุคลาก รจำเป็น")[0]
    ('เพื่อยกระดับคุณธรรม', 'ตำบลห้วยทรายครั้งที่ 1 บุคลากรจำเป็น')
    >>> restore_lost_marks("ไม่ทนต่อการทุจริต ประพฤติมิชอบ มาใช้ สำนักงาน ป.ป.ช.")[0]
    'ไม่ทนต่อการทุจริต ประพฤติมิชอบ มาใช้ สำนักงาน ป.ป.ช.'
    """
    swaps: list[Swap] = []
    line = _join_split_words(line, swaps)
    return _THAI_CHUNK.sub(lambda m: _restore_run(m[0], swaps), line), swaps



ACROSS = 2  # words either side of a line break looked at together for a mark lost in a word it cuts


def restore_across(ending: str, opening: str) -> tuple[str, str, list[Swap]]:
    """Two OCR'd lines' texts (``ending`` the one before a line break, ``opening`` the one after) with
    the mark OCR lost from a word the break cuts given back, as ``restore_lost_marks`` gives one back
    within a line (each line alone shows two known words: "…ไม่ตำ" / "กว่าร้อยละ…" is ต่ำกว่า): the
    ACROSS words either side of the break restored together, where the words facing each other are
    known words (no line garbled at the break) and the restoration changes one side only. Not an
    abbreviation's letters (ป.ป.ช).

    >>> restore_across("ศูนย์ข้อมูลข่าวสารไม่ตำ", "กว่าร้อยละ ๘๐")[:2], restore_across("ความเสี่ยง", "ของ")[:2]
    (('ศูนย์ข้อมูลข่าวสารไม่ต่ำ', 'กว่าร้อยละ ๘๐'), ('ความเสี่ยง', 'ของ'))
    >>> restore_across("หลักเกณฑ์ที", "เกี่ยวข้อง")[:2], restore_across("แผ่นเมทัลซีต", "ความกว้าง")[:2]
    (('หลักเกณฑ์ที่', 'เกี่ยวข้อง'), ('แผ่นเมทัลซีต', 'ความกว้าง'))
    """
    runs = facing_runs(ending, opening)
    if runs is None or ending[-len(runs[0]) - 1:-len(runs[0])] == "." or opening[len(runs[1]):len(runs[1]) + 1] == ".":
        return ending, opening, []
    left, right = split_thai(runs[0])[-ACROSS:], split_thai(runs[1])[:ACROSS]
    known = words()
    if left[-1] not in known or right[0] not in known:  # a line garbled at the break ("…เมทัลซีต" / "ความ…")
        return ending, opening, []
    tail, head = "".join(left), "".join(right)
    restored, swaps = _restored(tail + head)
    if not swaps:
        return ending, opening, []
    if restored.startswith(tail):
        cut = len(tail)
    elif restored.endswith(head):
        cut = len(restored) - len(head)
    else:
        return ending, opening, []
    while cut < len(restored) and restored[cut] in _MARKS_SET:  # a mark given back at the break is the
        cut += 1  # ending letter's ("ที" / "เกียว…": ที่ / เกี่ยว…)
    return ending[:len(ending) - len(tail)] + restored[:cut], restored[cut:] + opening[len(head):], list(swaps)

_TRAILING_SPECKS = regex.compile(rf"(?r)(?<=[\u0e01-\u0e4e])[{MARKS}{NON_INITIAL}]{{1,3}}$")


@cache
def _sorted_words() -> list[str]:
    return sorted(words())


def _opens_a_word(text: str) -> bool:
    """Whether some known word begins with ``text`` (a line may end inside a word: "ส่" of ส่งเสริม)."""
    ordered = _sorted_words()
    k = bisect_left(ordered, text)
    return k < len(ordered) and ordered[k].startswith(text)


def _cost(text: str) -> float:
    """The unigram model's cost of ``text`` split its likeliest way (``segment``)."""
    cost, uncovered = _word_costs()
    return sum(cost.get(t, uncovered * len(t)) for t in segment(text))


# an apostrophe touching the Thai letters on both sides, or on neither (spaces around it)
_QUOTE_SPECK = regex.compile(r"(?<=[\u0e01-\u0e4e])(?:['`]+(?=[\u0e01-\u0e4e])| ['`]+(?= [\u0e01-\u0e4e]))")


def without_quote_specks(line: str) -> tuple[str, list[Swap]]:
    """An OCR'd line without the apostrophes that stand between two Thai words, touching both or
    neither (Thai writes none there; a speck above the line read as one: "เช่น ' การ",
    "คุณธรรม'จริยธรรม"). One that opens or closes a quoted word stays ("คำว่า 'ทุจริต' ").

    >>> without_quote_specks("ต่างๆ เช่น ' การกำหนด คุณธรรม'จริยธรรม คำว่า 'ทุจริต' ของ")
    ("ต่างๆ เช่น การกำหนด คุณธรรมจริยธรรม คำว่า 'ทุจริต' ของ", [Swap(printed="'", restored=''), Swap(printed="'", restored='')])
    """
    swaps = [Swap(m[0].strip(), "") for m in _QUOTE_SPECK.finditer(line)]
    return (_QUOTE_SPECK.sub("", line), swaps) if swaps else (line, [])


# what OCR makes of specks after a line's last word, a space before them: the stray symbols
# (thai.STRAY_SYMBOLS but quotes, which close a quoted word after a space: "…กาฬสินธุ์ ”") and a few
# more, alone (",", "—,", "'", "©", "|"), a digit run into them ("5:", "1,"), a short lowercase Latin
# "word" ("ae", "pee"), marks alone (":๊"); not an ellipsis, a bracket, a slash, a dash or a colon alone
_JUNK_SYMBOLS = regex.escape("".join(c for c in STRAY_SYMBOLS if c not in "‘’“”°") + "©®«»*#@!?—", special_only=False)
_JUNK_TOKEN = regex.compile(rf"(?!\.\.\.$)[{_JUNK_SYMBOLS}]{{1,3}}|[,.;:'\"|]?[0-9๐-๙][,.;:'\"|]{{1,2}}"
                            r"|[a-z]{1,4}|[,.;:'\"|]?[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]{1,3}")
_LAST_TOKEN = regex.compile(r"\s+(\S{1,4})$")


def without_trailing_junk(text: str, ends_paragraph: bool = True) -> str:
    """An OCR'd line or paragraph of a project's field without the specks read after its last word
    ("ประชาชน — ,", "ปัจจุบัน pee", "สุจริต :๊"); a comma alone only where it ends the paragraph (inside
    one it may be the list's own: "จากประชาชน ," / "จำนวนเบาะแส…"); a closing bracket that closes one of
    the text's own stays ("(…ติดตามผล ).").

    >>> [without_trailing_junk(t) for t in ("แก่ประชาชน — ,", "ปัจจุบัน pee", "สุจริต :๊", "(ติดตามผล ).")]
    ['แก่ประชาชน', 'ปัจจุบัน', 'สุจริต', '(ติดตามผล )']
    >>> [without_trailing_junk(t) for t in ("NO Gift Policy", "ร้อยละ 80", "ไม่น้อยกว่า ๑", "งบประมาณ -", "(ITA)",
    ...                                     "ดังนี้ :", "ตาม (๕)", "ที่ ๕)", "ณ", "ฯลฯ ...", "สำนัก /")]
    ['NO Gift Policy', 'ร้อยละ 80', 'ไม่น้อยกว่า ๑', 'งบประมาณ -', '(ITA)', 'ดังนี้ :', 'ตาม (๕)', 'ที่ ๕)', 'ณ', 'ฯลฯ ...', 'สำนัก /']
    >>> without_trailing_junk("จากประชาชน ,", ends_paragraph=False), without_trailing_junk("จากประชาชน ,")
    ('จากประชาชน ,', 'จากประชาชน')
    """
    while (m := _LAST_TOKEN.search(text)) is not None:
        token, before = m[1], text[:m.start()]
        if token[0] == ")" and before.count("(") > before.count(")"):  # closes the text's own bracket
            return text[:m.start(1) + 1] if _JUNK_TOKEN.fullmatch(token[1:]) else text
        if token == ":" or (token == "," and not ends_paragraph) or not _JUNK_TOKEN.fullmatch(token):
            return text
        text = before
    return text


def without_trailing_specks(line: str) -> tuple[str, list[Swap]]:
    """An OCR'd page line without the marks and vowels it ends with that no word takes (specks at
    the end of a line read as "๊", "า", "๋๊"): dropped where, without them, the line's last run of
    Thai letters is known words of two letters or more (a lost mark given back) and, with them, is
    not. A table cell may wrap inside a word ("มาตรการส่" of มาตรการส่งเสริม): where the run's last
    letters begin a known word and the letters before them are likelier words (the unigram model)
    than the run without its marks, the line is left as read.

    >>> [without_trailing_specks(t)[0] for t in ("ตามแผนที่กำหนดา", "การทุจริตลดลง๊", "สุจริต๊๋", "นี้ขึนึ๊า")]
    ['ตามแผนที่กำหนด', 'การทุจริตลดลง', 'สุจริต', 'นี้ขึน']
    >>> [without_trailing_specks(t)[0] for t in ("ประชุมมติ", "มาตรการนี้", "ต่าง ๆ", "มาตรการส่", "กิจกรรมรับเรื่")]
    ['ประชุมมติ', 'มาตรการนี้', 'ต่าง ๆ', 'มาตรการส่', 'กิจกรรมรับเรื่']
    """
    text = line.rstrip()
    tail, run = _TRAILING_SPECKS.search(text), _THAI_TAIL.search(text)
    if tail is None or run is None:
        return line, []
    known, letters = words(), run[0]
    pieces = segment(_restore_run(letters, []))
    covered = next((k for k, p in enumerate(pieces) if p not in known), len(pieces))
    if covered in (0, len(pieces)) or any(p in known for p in pieces[covered:]):
        return line, []  # nothing left uncovered, or not only at its end
    # the fewest left off that leave known words as they are; else all of them, a lost mark given back
    cuts = [(cut, letters[:-cut]) for cut in range(1, len(tail[0]) + 1)]
    for cut, core in [*cuts, (cuts[-1][0], _restore_run(cuts[-1][1], []))]:
        if len(core) < 2 or not known_words_only(core):
            continue
        wraps = [_cost(letters[:k]) for k in range(max(1, len(letters) - cut - 4), len(letters) - cut)
                 if _opens_a_word(letters[k:])]
        if wraps and min(wraps) <= _cost(core):
            return line, []
        return text[:run.start()] + letters[:-cut], [Swap(letters, letters[:-cut])]
    return line, []


@lru_cache(maxsize=64)  # SARA AM restoration and the restored-word check ask for several words of one line
def _run_starts(text: str) -> tuple[int, ...]:
    """Where each ``_TOKEN`` run of ``text`` starts (Thai, whitespace, anything else)."""
    return tuple(m.start() for m in _TOKEN.finditer(text))


def word_at(text: str, i: int) -> tuple[int, str]:
    """Start and text of the token of ``split_words(text)`` that covers position i: only the run
    around i is segmented (a line may hold many; SARA AM restoration asks for one word each).

    >>> word_at("ตำบลหางดง อำเภอ", 1), word_at("ตำบลหางดง อำเภอ", 9), word_at("ตำบลหางดง อำเภอ", 12)
    ((0, 'ตำบล'), (9, ' '), (10, 'อำเภอ'))
    """
    starts = _run_starts(text)
    k = bisect_right(starts, i) - 1
    start = starts[k]
    end = starts[k + 1] if k + 1 < len(starts) else len(text)
    if not "\u0e01" <= text[i] <= "\u0e4e":
        return start, text[start:end]
    for word in split_thai(text[start:end]):
        if i < start + len(word):
            return start, word
        start += len(word)
    return i, text[i]
