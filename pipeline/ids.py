"""Document ids: the folder name each input file's outputs land in."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import regex

MAX_ID_CHARS = 80  # Thai letters take 3 bytes in UTF-8; file names allow 255

_UNSAFE = regex.compile(r"[^\p{L}\p{M}\p{N}_.\-]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


def doc_id_for(path: Path) -> str:
    """A folder name from the file name: Thai kept, anything unsafe → "-".

    >>> doc_id_for(Path("/x/แผนป้องกันการทุจริต ทต.หางดง (2566).pdf"))
    'แผนป้องกันการทุจริต-ทต.หางดง-2566'
    >>> doc_id_for(Path("CON.pdf")), doc_id_for(Path("...pdf"))
    ('doc-CON', 'document')
    """
    stem = unicodedata.normalize("NFC", path.name)
    if stem.lower().endswith(".pdf"):
        stem = stem[:-4]
    safe = _UNSAFE.sub("-", stem).strip("-.")[:MAX_ID_CHARS].strip("-.")
    if not safe:
        return "document"
    if safe.lower() in _WINDOWS_RESERVED:
        return f"doc-{safe}"
    return safe
