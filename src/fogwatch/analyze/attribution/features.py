"""The attribution taggers' features: one definition, and the helpers they read.

Both the cue tagger and the source/content tagger see only what spaCy's small
English model gives (lemma, POS, dependencies, sentences) plus quotation state
and a lexicon of reporting words, so one parse feeds both and inference costs
little more than the parse itself.

Every feature is declared once, below (:data:`BASE`, :data:`CUE`,
:data:`ROLE`): a name and the columns it reads (``"lemma"``, ``"head.dep"``,
``"+1.lemma"``, ``"root.lemma"``, ...), spelt ``name=`` and the columns' text
through a format. :mod:`fogwatch.analyze.attribution.encode` evaluates this
spec over spaCy's token arrays, both as the strings CRFsuite trains on and as
the models' attribute ids at inference, so the two cannot disagree. The columns
themselves are computed in :mod:`fogwatch.analyze.attribution.columns`.
Changing a feature changes the models' inputs: bump FEATURE_VERSION and retrain.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, ORTH
from spacy.tokens import Doc, Token

FEATURE_VERSION = 7

OPEN_QUOTES = frozenset({"“", "«", "‘‘", "``"})
CLOSE_QUOTES = frozenset({"”", "»", "’’"})
STRAIGHT_QUOTES = frozenset({'"', "''"})  # '' opens and closes in some outlets' copy

def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """Token offsets [start, end) of the sentence holding token ``i``.

    ``Token.sent`` walks the sentences on every call; this looks them up in a
    table built once per doc.
    """
    data = doc.user_data.get("fw_attr_sents")
    if data is None or data[2] != len(doc):
        ids = [0] * len(doc)
        bounds: list[tuple[int, int]] = []
        sents = doc.sents if doc.has_annotation("SENT_START") else [doc[:]]
        for k, sent in enumerate(sents):
            bounds.append((sent.start, sent.end))
            for j in range(sent.start, sent.end):
                ids[j] = k
        data = (ids, bounds, len(doc))
        doc.user_data["fw_attr_sents"] = data
    return data[1][data[0][i]]


def trim_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``start, end`` without punctuation and spaces at either edge (may be empty).

    The scorer trims spans the same way, so boundaries are compared trimmed.
    """
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def doc_arrays(doc: Doc) -> tuple[list[int], list[str]]:
    """Head index and dependency label of every token, built once per doc.

    The role tagger walks dependency paths for every token of every cue's
    window; plain lists avoid creating a spaCy Token object at each step.
    """
    data = doc.user_data.get("fw_attr_arrays")
    if data is None or len(data[0]) != len(doc):
        n = len(doc)
        # HEAD is the head's offset from the token (unsigned, wrapping when negative)
        offsets = doc.to_array(HEAD).astype(np.int64) if n else np.zeros(0, np.int64)
        dep_hashes = doc.to_array(DEP).tolist() if n else []
        strings = doc.vocab.strings
        labels = {h: strings[h] for h in set(dep_hashes)}
        data = ((np.arange(n) + offsets).tolist(), [labels[h] for h in dep_hashes])
        doc.user_data["fw_attr_arrays"] = data
    return data


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Reporting verbs and nouns (speech, cognition, evidence). A hint, not a decision:
# the tagger learns how much to trust it and finds cues outside it.
CUE_LEMMAS = _words(
    """
    say tell add claim state note report announce declare insist argue explain write
    warn suggest assert allege accuse admit acknowledge confirm deny dismiss reject refute
    predict promise vow pledge threaten urge call demand ask question answer reply respond
    describe mock decry slam blast criticize criticise praise tout boast brag gloat
    believe think feel fear hope expect estimate assume doubt know learn understand realize
    find show reveal indicate suggest conclude agree disagree contend maintain reiterate
    repeat recall remember concede acknowledge comment remark observe mention testify tweet
    post quote cite emphasize stress point signal hint imply complain lament worry
    according statement claim report remark comment view belief opinion assessment
    announcement testimony interview speech poll survey study analysis account word words
    assertion allegation accusation denial warning promise threat suggestion argument
    """
)

HEDGE_WORDS = frozenset({"reportedly", "allegedly", "supposedly", "purportedly", "apparently"})


def quote_depths(doc: Doc) -> list[int]:
    """Per token: 1 inside quotation marks (marks themselves included), else 0.

    Built once per doc (several rules ask for it) from the token array: only
    quotation marks and line breaks change the state, so only they are visited.
    """
    cached = doc.user_data.get("fw_attr_quotes")
    if cached is not None and cached[0] == len(doc):
        return list(cached[1])
    n = len(doc)
    out = np.zeros(n, dtype=np.int64)
    if n:
        orth = doc.to_array(ORTH)
        marks = _quote_marks(doc)
        kinds = np.zeros(n, dtype=np.int64)
        for kind, hashes in marks.items():
            kinds[np.isin(orth, hashes)] = kind
        spaces = np.flatnonzero(doc.to_array(IS_SPACE).astype(bool) & (kinds == 0))
        if len(spaces):
            breaks = [i for i in spaces.tolist() if "\n" in doc[i].text]
            kinds[breaks] = _BREAK
        inside = False
        last = 0
        for i in np.flatnonzero(kinds).tolist():
            if inside:
                out[last:i] = 1
            kind = kinds[i]
            if kind == _OPEN:
                inside = True
            elif kind == _CLOSE:
                inside = False
            elif kind == _STRAIGHT:
                inside = not inside
            else:
                inside = False  # a paragraph break closes a quote left open by a typo
            out[i] = 0 if kind == _BREAK else 1
            last = i + 1
        if inside:
            out[last:] = 1
    depths = out.tolist()
    doc.user_data["fw_attr_quotes"] = (n, tuple(depths))
    return depths


_OPEN, _CLOSE, _STRAIGHT, _BREAK = 1, 2, 3, 4


def _quote_marks(doc: Doc) -> dict[int, np.ndarray]:
    strings = doc.vocab.strings
    return {
        kind: np.array([strings.add(m) for m in marks], dtype=np.uint64)
        for kind, marks in ((_OPEN, OPEN_QUOTES), (_CLOSE, CLOSE_QUOTES),
                            (_STRAIGHT, STRAIGHT_QUOTES))
    }


# How often a lemma is a cue word in the training data, bucketed: a hint that
# generalises across lemmas the tagger has seen used alike ("rare": fewer than
# PRIOR_MIN_COUNT occurrences).
PRIOR_MIN_COUNT = 3
PRIOR_BUCKETS = ((0.02, "<.02"), (0.1, "<.1"), (0.3, "<.3"), (0.6, "<.6"))
CuePrior = Mapping[str, str]  # lemma -> bucket
PRIOR_LABELS = ("rare", "0", *(label for _, label in PRIOR_BUCKETS), "hi")


def prior_bucket(cue: int, total: int) -> str:
    """The bucket of a lemma seen ``total`` times, ``cue`` of them as (part of) a cue."""
    if total < PRIOR_MIN_COUNT:
        return "rare"
    if cue == 0:
        return "0"
    rate = cue / total
    return next((label for top, label in PRIOR_BUCKETS if rate < top), "hi")


def cue_root(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of a token span (the token whose head leaves the span)."""
    for i in range(start, end):
        head = doc[i].head
        if head.i < start or head.i >= end or head.i == i:
            return doc[i]
    return doc[start]


ROLE_CONTEXT_SENTENCES = 2


def role_window(doc: Doc, cue_start: int, cue_end: int) -> tuple[int, int]:
    """The tokens the source/content tagger looks at: the cue's sentence and two each side.

    On PolNeAR dev 93% of attributions lie within one sentence of their cue's
    sentence and 97% within two.
    """
    start, end = sent_bounds(doc, cue_start)
    for _ in range(ROLE_CONTEXT_SENTENCES):
        if start > 0:
            start = sent_bounds(doc, start - 1)[0]
        if end < len(doc):
            end = sent_bounds(doc, end)[1]
    return start, end


def adjacent_quote(quotes: list[int], doc: Doc, cue: tuple[int, int],
                    window: tuple[int, int]) -> tuple[int, int]:
    """The quoted run that ends just before the cue or starts just after it (or empty).

    "“...,” she said" and "She said: “...”": the quotation, across sentence
    breaks, is the likely content.
    """
    wstart, wend = window
    # before: skip the source words and punctuation back to a closing quote
    j = cue[0] - 1
    steps = 0
    while j >= wstart and not quotes[j] and steps < 8:
        j -= 1
        steps += 1
    if j >= wstart and quotes[j]:
        k = j
        while k - 1 >= wstart and quotes[k - 1]:
            k -= 1
        return k, j + 1
    j = cue[1]
    steps = 0
    while j < wend and not quotes[j] and steps < 3:
        j += 1
        steps += 1
    if j < wend and quotes[j]:
        k = j
        while k + 1 < wend and quotes[k + 1]:
            k += 1
        return j, k + 1
    return 0, 0


# -- the spec -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feature:
    """A feature spelt ``name + "=" + fmt.format(*texts)``, ``texts`` being the text
    of each column of ``cols`` at the item.

    A column is named as :mod:`~fogwatch.analyze.attribution.columns` names it,
    optionally behind a pointer: ``"head.lemma"`` (the token's head),
    ``"root.dep"`` (the cue's root, role items only), ``"+1.lemma"`` / ``"-1.lemma"``
    (the next / previous item of the sequence). A feature whose column lies
    past the sequence's edge is absent.
    """

    name: str
    cols: tuple[str, ...]
    fmt: str = "{}"


@dataclass(frozen=True, slots=True)
class Neighbour:
    """Features of the item ``offset`` away in the same sequence, spelt
    ``"<offset>:"`` + the feature; past the sequence's edge, ``"<offset>:EDGE"`` alone."""

    offset: int
    features: tuple[Feature, ...]


Slot = Feature | Neighbour


def _f(name: str, *cols: str, fmt: str = "{}") -> Feature:
    return Feature(name, cols, fmt)


W, L, P, LEX, Q = _f("w", "lower"), _f("l", "lemma"), _f("p", "tag"), _f("lex", "lex"), _f("q", "quote")
D, S = _f("d", "dep"), _f("s", "shape")

# Context-free features of every token (both taggers start from these).
BASE: tuple[Feature, ...] = (
    W, L, P, D, S,
    _f("hl", "head.lemma"),
    _f("hp", "head.pos"),
    _f("pd", "pos", "dep", fmt="{}|{}"),
    LEX,
    _f("lexp", "lex", "pos", fmt="{}{}"),
    Q,
    _f("ccomp", "ccomp"),
    _f("nsubj", "nsubj"),
    _f("sent0", "sent0"),
    _f("hd", "head.dep"),
    # is the head a reporting word, by this token's relation to it
    _f("lexh", "head.lex", "dep", fmt="{}{}"),
    # who is the subject: a named person or organisation makes a speech verb
    # far more likely to be a cue
    _f("subj", "subj"),
    _f("subjlex", "subj", "lex", fmt="{}|{}"),
    _f("kids", "kids"),
    _f("ent", "ent"),
)

# The cue tagger, over each sentence: the base features, lemma bigrams, a +-2
# window, and (where the model has one) how often the lemma is a cue word.
CUE: tuple[Slot, ...] = (
    *BASE,
    _f("bi+", "lemma", "+1.lemma", fmt="l={}|l={}"),
    _f("bi-", "-1.lemma", "lemma", fmt="l={}|l={}"),
    Neighbour(-2, (W, P)),
    Neighbour(-1, (W, P, L, LEX)),
    Neighbour(1, (W, P, L, LEX)),
    Neighbour(2, (W, P)),
    _f("prior", "prior"),
    _f("priorp", "prior", "pos", fmt="{}{}"),
)

# The source/content tagger, over each cue's window (role_window): the token's
# own features, then how it relates to the cue (``rel``: in the cue, under its
# root by some dependency, above it, or none; ``dist``: distance bucket;
# ``sr``: which sentence; ``qadj``: in the quotation next to the cue).
ROLE_TOKEN: tuple[Feature, ...] = (W, L, P, D, S, Q)  # per token, whatever the cue
REL = _f("rel", "rel")
ROLE: tuple[Slot, ...] = (
    *ROLE_TOKEN,
    REL,
    _f("pos", "dist"),
    _f("sr", "sr"),
    _f("rel|pos", "rel", "dist", fmt="{}|{:.1}"),
    _f("rel|d", "rel", "dep", fmt="{}|{}"),
    _f("sr|q", "sr", "quote", fmt="{}|q={}"),
    _f("pos|q", "dist", "quote", fmt="{}|q={}"),
    _f("cuel", "root.lemma"),
    _f("cued", "root.dep"),
    _f("qadj", "qadj"),
    _f("qadj", "qadj", "sr", fmt="{}|{}"),
    Neighbour(-1, (REL, W, Q)),
    Neighbour(1, (REL, W, Q)),
)
