"""Dictionary decisions between candidate repairs that differ only in one lost or swapped mark.

Used only where a page shows a known font defect; the PyThaiNLP word list
decides, and a word the dictionary cannot settle stays as printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

SARA_AA, SARA_AM = "\u0e32", "\u0e33"


@dataclass(frozen=True, slots=True)
class Swap:
    printed: str
    restored: str


@cache
def words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@cache
def _aa_as_am_table():
    """Words as a font that prints SARA AA as SARA AM shows them → the real word."""
    from pythainlp.util import dict_trie

    variants: dict[str, str | None] = {}
    for word in words():
        if SARA_AA in word:
            shown = word.replace(SARA_AA, SARA_AM)
            if shown in variants and variants[shown] != word:
                variants[shown] = None  # two real words print alike: undecidable
            else:
                variants[shown] = word
    return dict_trie(set(words()) | set(variants)), variants


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

    trie, variants = _aa_as_am_table()
    known = words()
    out: list[str] = []
    swaps: list[Swap] = []
    for token in word_tokenize(line, custom_dict=trie, engine="newmm", keep_whitespace=True):
        real = variants.get(token) if SARA_AM in token and token not in known else None
        if real:
            swaps.append(Swap(token, real))
            out.append(real)
        else:
            out.append(token)
    return "".join(out), swaps
