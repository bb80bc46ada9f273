"""The sentences of a stored document.

The analysis splits a document into sentences once, with spaCy's parser and
fogwatch's paragraph rule (:mod:`fogwatch.analyze.pipeline`), and keeps their
offsets on the document (``Document.sentences``, the ``documents.sentences``
column): a finding's ``sentence`` is an index into that list. Whatever works
on stored documents afterwards (reconcile, exports) reads them from there
rather than splitting the text again, so that "the sentence of a finding" means
one thing everywhere.

A document stored before its sentences were kept, or text that was never
analysed, is split here by punctuation and blank lines (:func:`split`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from fogwatch.findings import Document

BREAK = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "vs", "approx", "p.m", "a.m",
})


def split(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, cut at end punctuation
    before a capital or a digit and at blank lines (not after an abbreviation)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in BREAK.finditer(text):
        if text[m.start()] == ".":
            before = text[start:m.start()].rsplit(None, 1)
            if before and before[-1].lower().lstrip("(\"“") in ABBREVIATIONS:
                continue
        end = m.start() + (0 if text[m.start()] == "\n" else 1)
        while end < len(text) and text[end] in "\"”’)":
            end += 1
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def of_document(doc: Document) -> list[tuple[int, int]]:
    """The document's sentences as its analysis split them, empty ones left out;
    its text :func:`split` when it was stored without them."""
    if doc.sentences is None:
        return split(doc.text)
    return [(s, e) for s, e in doc.sentences if e > s]


def index(spans: Sequence[tuple[int, int]], at: int) -> int | None:
    """Which span of ``spans`` (in text order) holds character ``at``, or None."""
    k = bisect_right(spans, (at, float("inf"))) - 1
    return k if k >= 0 and spans[k][0] <= at < spans[k][1] else None


def around(spans: Sequence[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The span of ``spans`` (in text order) that holds character ``at``, or None."""
    k = index(spans, at)
    return None if k is None else spans[k]
