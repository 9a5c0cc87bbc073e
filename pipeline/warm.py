"""Imported once by the batch's fork server: the word list and the tokenizer's trie are built
here, so that every worker forked from it starts with them in (shared) memory."""

from pythainlp.tokenize import word_tokenize

from .text.dictionary import words

words()
word_tokenize("แผนปฏิบัติการป้องกันการทุจริต", engine="newmm")
