"""How rare a claim's words are among the articles folded so far.

Two reports of one claim in different words share few words, and which they
share says more than how many: "Foley" and "beheaded" tie two articles,
"video" and "American" hardly do. Reconcile counts, for every article it
folds, the words (stems, :func:`fogwatch.reconcile.text.terms`) of its
opening (its first sentences, :mod:`fogwatch.reconcile.opening`), in the
counts that tell common names from telling ones
(:mod:`fogwatch.store.claim_entities`, under keys ``w:<stem>``). A claim's
word then weighs its inverse document frequency over the articles folded
before it, ``log((N + 1) / (n + 1))`` with ``N`` articles counted and ``n`` of
their openings holding the word: a word every opening holds weighs nothing.

Openings only: some 40 rows an article (its whole text would be hundreds),
and they hold what an article reports. Below ``WORDS_LEAST`` articles the
counts say little; words are then not weighed, and matching counts every word
alike (plain Jaccard, :func:`fogwatch.reconcile.similarity.wording`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from sqlalchemy.engine import Connection

from fogwatch.store import claim_entities

WORD_KEY = "w:"
WORDS_LEAST = 20


def word_keys(words: Iterable[str]) -> list[str]:
    """The counting keys of an article's opening words
    (:func:`fogwatch.reconcile.opening.opening_terms`)."""
    return sorted(WORD_KEY + t for t in words)


def weights(conn: Connection, words: Iterable[str], unseen: set[str] | None = None
            ) -> dict[str, float] | None:
    """Each word's weight (see the module doc), from the counts of the articles
    folded so far; ``None`` while fewer than ``WORDS_LEAST`` are counted.
    ``unseen``: filled with the words no folded article's opening holds."""
    words = sorted(set(words))
    articles, found = claim_entities.counts(conn, [WORD_KEY + w for w in words])
    if articles < WORDS_LEAST:
        return None
    if unseen is not None:
        unseen.update(w for w in words if not found.get(WORD_KEY + w))
    return {w: round(math.log((articles + 1) / (found.get(WORD_KEY + w, 0) + 1)), 2)
            for w in words}
