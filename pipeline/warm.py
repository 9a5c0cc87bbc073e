"""Imported once by the batch's fork server (and a Dask helper), so every worker forked from it
starts with what the first document would otherwise load in each worker again (measured: ~0.19 s of
CPU a worker, which made two workers spend 12 % more CPU per plan than one on a short batch):
- the word list, the lengths the dictionary check looks up and the automaton the word segmentation
  runs;
- the PDF and font libraries the text stage imports on first use (pdfplumber, pikepdf, pypdfium2,
  fontTools) and every template's compiled patterns;
- the gazetteer's data (pipeline/places.py).
Not loaded: the word frequencies and the table of words as a font that prints SARA AA as SARA AM
shows them (only OCR'd pages and such fonts need them; a worker builds them on first use). The
single-file command line does not import this module: it stays lazy."""

import geothai

from extractors import template

from .text import backend, dictionary

backend.import_libraries()
dictionary.load()
geothai.subdistricts("1001")  # loads every level's data once
for _name in template.generations():
    template.load(_name)
