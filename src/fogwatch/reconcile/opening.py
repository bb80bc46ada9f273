"""An article's lead sentence and its opening: where it says what it reports.

The lead is the first sentence of ``LEDE_WORDS`` words or more (a shorter one is
a title, a teaser or a dateline: "Trump rolled out the red carpet."). Its claim
units are marked as the lead (:func:`fogwatch.reconcile.units.document_units`).

One sentence is often too little to tell which claim an article reports: it
opens on a scene ("When Apple released the first iPhone, ...") and states the
claim in its second or third sentence. The *opening*, the first
``OPENING_SENTENCES`` such sentences, holds it far more often: on FNC-1's
training part, two articles whose lead sentences share the most rare words are
reports of one claim at 0.9 precision for a fifth of the pairs that are; by
their openings, for two thirds. The lead units carry the opening's words, and
reconcile counts them to weigh how rare each is (:mod:`fogwatch.reconcile.rarity`).
"""

from __future__ import annotations

from fogwatch import sentences as sx
from fogwatch.findings import Analysis
from fogwatch.reconcile import text as tx

LEDE_WORDS = 10
OPENING_SENTENCES = 3


def lead_sentence(text: str, spans: list[tuple[int, int]] | None = None
                  ) -> tuple[int, int] | None:
    """The article's lead: its first sentence of ``LEDE_WORDS`` words or more, of
    ``spans`` (the document's sentences, :func:`fogwatch.sentences.of_document`)
    or else of ``text`` split on its own."""
    return next(iter(opening(text, spans, 1)), None)


def opening(text: str, spans: list[tuple[int, int]] | None = None,
            sentences: int | None = None) -> list[tuple[int, int]]:
    """The first ``sentences`` (``OPENING_SENTENCES``) sentences of ``LEDE_WORDS``
    words or more."""
    sentences = sentences or OPENING_SENTENCES
    if spans is None:
        spans = sx.split(text)
    found: list[tuple[int, int]] = []
    for s, e in spans:
        if len(found) == sentences:
            break
        if len(text[s:e].split()) >= LEDE_WORDS:
            found.append((s, e))
    return found


def opening_terms(analysis: Analysis) -> set[str]:
    """The words (stems, :func:`fogwatch.reconcile.text.terms`) of the article's opening."""
    text = analysis.document.text
    return {t for s, e in opening(text, sx.of_document(analysis.document))
            for t in tx.terms(text[s:e])}


# The rarest words of a lead's opening are blocking keys of its proposition
# (OPENING_KEYS of them, words no article held before included: they may be the
# claim's own), and a later lead looks propositions up by the OPENING_LOOKUP
# rarest of its words that an earlier lead holds: two reports of one claim in
# other words still meet as candidates. Chosen on FNC-1's training part.
OPENING_KEYS = 10
OPENING_LOOKUP = 5


def telling_words(words: list[str], weights: list[float] | None,
                  n: int | None = None) -> list[str]:
    """The ``n`` (``OPENING_KEYS``) rarest of ``words`` (``weights``: theirs, in
    the same order); none where the words are not weighed."""
    if not weights or len(weights) != len(words):
        return []
    ranked = sorted(zip(weights, words, strict=True), key=lambda p: (-p[0], p[1]))
    return [w for _, w in ranked[:OPENING_KEYS if n is None else n]]
