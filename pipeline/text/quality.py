"""How trustworthy a page's text layer is, and so which engine reads it.

Counters that cost nothing run on every page; the dictionary check (PyThaiNLP's
word list, maximal matching) runs on a sample of each page's Thai text.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from .thai import MARK_BASES, MARKS, damage

SAMPLE_CHARS = 400  # Thai characters per page sent to the tokenizer
OCR_BELOW = 0.5  # pages scoring under this are read again by OCR (see docs/fidelity.md)
STRIDE = 4  # every STRIDE-th page gets the dictionary check unless the document looks damaged…
MAX_SAMPLED = 25  # …and no more pages than this, spread evenly over a long document

_NOT_THAI = regex.compile(r"[^\u0e01-\u0e5b]+")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
# impossible sequences: a mark with no base, two tones, a leading vowel before a non-consonant
INVALID = regex.compile(
    rf"(?:^|[^{MARK_BASES}])[{MARKS}]"
    r"|[\u0e48-\u0e4b][\u0e48-\u0e4b]"
    r"|[\u0e40-\u0e44](?![\u0e01-\u0e2e])"
)
_THAI_RUN = regex.compile(r"[\u0e01-\u0e4e]+")


@dataclass(frozen=True, slots=True)
class Quality:
    chars: int  # non-space characters
    thai_share: float  # Thai characters among them
    invalid: int  # impossible Thai sequences
    pua: int  # Private Use Area code points left
    controls: int  # control / replacement characters
    dict_miss: float | None  # Thai words not in the dictionary (None: too little Thai to tell)
    score: float  # 0 (unusable) … 1 (clean)

    def as_dict(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def dictionary_miss(text: str, sample_chars: int | None = SAMPLE_CHARS) -> float | None:
    """Share of Thai words that are not in the word list, over a sample (or, with None, all) of the
    text, each run of Thai split by ``dictionary.split_thai``."""
    from .dictionary import split_thai, words

    sample, size = [], 0
    for run in _THAI_RUN.findall(text):
        sample.append(run)
        size += len(run)
        if sample_chars is not None and size >= sample_chars:
            break
    if size < 20:
        return None
    known = words()
    tokens = [t for run in sample for t in split_thai(run)]
    return sum(1 for t in tokens if t not in known) / len(tokens)


def unknown_share(text: str) -> float:
    """The share of the Thai letters of ``text`` that no known word of two letters or more covers
    (``split_thai``); 1.0 for a text with none. Where ``dictionary_miss`` counts words, this counts
    letters: a run of specks read as Thai syllables is mostly letters no word takes.

    >>> round(unknown_share("ทีเกียวข้อง"), 2), round(unknown_share("ทขจ เวง"), 2)
    (0.09, 0.67)
    """
    from .dictionary import split_thai, words

    runs = _THAI_RUN.findall(text)
    letters = sum(map(len, runs))
    if not letters:
        return 1.0
    known = words()
    return sum(len(w) for run in runs for w in split_thai(run) if len(w) < 2 or w not in known) / letters


def assess_pages(texts: dict[int, str]) -> dict[int, Quality]:
    """Score every page; the dictionary check runs on every STRIDE-th page (at most MAX_SAMPLED
    of them), and on all of them as soon as one of those scores low or any page shows damage the
    cheap counters see."""
    cheap = {n: assess(t, dictionary=False) for n, t in texts.items()}
    numbers = sorted(texts)
    stride = max(STRIDE, -(-len(numbers) // MAX_SAMPLED))
    sampled = {n for i, n in enumerate(numbers) if i % stride == 0}
    sampled |= {n for n, q in cheap.items() if q.score < 1.0}
    out = {n: assess(texts[n]) if n in sampled else cheap[n] for n in texts}
    if any(out[n].score < OCR_BELOW for n in sampled) or len(texts) <= STRIDE:
        out = {n: assess(t) for n, t in texts.items()}
    return out


def assess(text: str, dictionary: bool = True) -> Quality:
    """Score a page's (repaired) text (``dictionary=False``: the cheap counters only).

    >>> assess("").score
    0.0
    >>> assess("เทศบาลเมืองกาฬสินธุ์ ได้จัดทำแผนปฏิบัติการป้องกันการทุจริตเพื่อยกระดับคุณธรรม").score
    1.0
    """
    stripped = "".join(text.split())
    chars = len(stripped)
    if chars == 0:
        return Quality(0, 0.0, 0, 0, 0, None, 0.0)
    thai = len(_NOT_THAI.sub("", stripped))  # the Thai characters left
    invalid = len(INVALID.findall(text))
    controls = len(_CONTROL.findall(text))
    pua = damage(text)["pua"]
    miss = dictionary_miss(text) if thai >= 20 and dictionary else None
    penalty = (
        (miss or 0.0) * 1.5
        + 20 * invalid / chars
        + 5 * (controls + pua) / chars
    )
    return Quality(chars, round(thai / chars, 3), invalid, pua, controls,
                   None if miss is None else round(miss, 3), round(max(0.0, 1.0 - penalty), 3))
