"""Imported once by the batch's fork server (and a Dask helper): the word list, the lengths the
dictionary check looks up and the automaton the word segmentation runs are loaded here, so every
worker forked from it starts with them in (shared) memory. The word frequencies and the table of words as a font that prints SARA AA as SARA
AM shows them are not: only OCR'd pages and such fonts need them, and a worker builds them on first
use. The gazetteer's data (pipeline/places.py) is loaded here too."""

import geothai

from .text import dictionary

dictionary.load()
geothai.subdistricts("1001")  # loads every level's data once
