"""Token features for the attribution taggers, shared by training and the stage.

Both the cue tagger and the source/content tagger see only what spaCy's small
English model gives (lemma, POS, dependencies, sentences) plus quotation state
and a lexicon of reporting words, so one parse feeds both and inference costs
little more than the parse itself. Changing anything here changes the model's
inputs: bump FEATURE_VERSION and retrain.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, ORTH
from spacy.tokens import Doc, Span, Token

FEATURE_VERSION = 7

Features = list[str]

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


def _shape(tok: Token) -> str:
    if tok.is_punct:
        return "P"
    if tok.is_title:
        return "Xx"
    if tok.is_upper:
        return "X"
    if tok.like_num:
        return "d"
    return "x"


def token_base(doc: Doc, quotes: list[int]) -> list[Features]:
    """Context-free features of every token (reused by both taggers)."""
    out: list[Features] = []
    for tok in doc:
        lemma = tok.lemma_.lower()
        cue_lex = lemma in CUE_LEMMAS
        child_deps = {c.dep_ for c in tok.children}
        # who is the subject: a named person or organisation makes a speech verb
        # far more likely to be a cue
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        subj_kind = "none" if subj is None else (subj.ent_type_ or subj.pos_)
        out.append([
            "w=" + tok.lower_,
            "l=" + lemma,
            "p=" + tok.tag_,
            "d=" + tok.dep_,
            "s=" + _shape(tok),
            "hl=" + tok.head.lemma_.lower(),
            "hp=" + tok.head.pos_,
            "pd=" + tok.pos_ + "|" + tok.dep_,
            "lex=" + str(cue_lex),
            "lexp=" + str(cue_lex) + tok.pos_,
            "q=" + str(quotes[tok.i]),
            "ccomp=" + str("ccomp" in child_deps),
            "nsubj=" + str("nsubj" in child_deps or "nsubjpass" in child_deps),
            "sent0=" + str(tok.is_sent_start),
            "hd=" + tok.head.dep_,
            "lexh=" + str(tok.head.lemma_.lower() in CUE_LEMMAS) + tok.dep_,
            "subj=" + subj_kind,
            "subjlex=" + subj_kind + "|" + str(cue_lex),
            "kids=" + "|".join(sorted(child_deps & {"ccomp", "xcomp", "dobj", "prep", "advcl"})),
            "ent=" + tok.ent_type_,
        ])
    return out


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


def cue_features(doc: Doc, sent: Span, base: list[Features],
                 prior: CuePrior | None = None) -> list[Features]:
    """Features for the cue tagger over one sentence: base plus a +-2 window, and
    (with ``prior``) the bucket of how often the lemma is a cue word."""
    out: list[Features] = []
    start, end = sent.start, sent.end
    for i in range(start, end):
        feats = list(base[i])
        if i + 1 < end:
            feats.append("bi+=" + base[i][1] + "|" + base[i + 1][1])
        if i - 1 >= start:
            feats.append("bi-=" + base[i - 1][1] + "|" + base[i][1])
        for off in (-2, -1, 1, 2):
            j = i + off
            if start <= j < end:
                b = base[j]
                feats.append(f"{off}:{b[0]}")
                feats.append(f"{off}:{b[2]}")
                if off in (-1, 1):
                    feats.append(f"{off}:{b[1]}")
                    feats.append(f"{off}:{b[8]}")
            else:
                feats.append(f"{off}:EDGE")
        if prior is not None:
            tok = doc[i]
            bucket = prior.get(tok.lemma_.lower(), "rare")
            feats.append("prior=" + bucket)
            feats.append("priorp=" + bucket + tok.pos_)
        out.append(feats)
    return out


def cue_root(doc: Doc, start: int, end: int) -> Token:
    """The syntactic head of a token span (the token whose head leaves the span)."""
    for i in range(start, end):
        head = doc[i].head
        if head.i < start or head.i >= end or head.i == i:
            return doc[i]
    return doc[start]


def _bucket(delta: int) -> str:
    if delta == 0:
        return "0"
    mag = abs(delta)
    b = "1" if mag == 1 else "2" if mag == 2 else "3-5" if mag <= 5 else "6-10" if mag <= 10 else "11+"
    return ("L" if delta < 0 else "R") + b


def role_features(
    doc: Doc, window: tuple[int, int], cue: tuple[int, int], base: list[Features],
    quotes: list[int],
) -> list[Features]:
    """Features for the source/content tagger: each token of ``window`` relative to a cue."""
    cstart, cend = cue
    root = cue_root(doc, cstart, cend)
    cue_sent, cue_sent_end = sent_bounds(doc, root.i)
    qa, qb = adjacent_quote(quotes, doc, cue, window)
    heads, deps = doc_arrays(doc)
    r = root.i
    # tokens above the cue root (its ancestors)
    above: set[int] = set()
    j = r
    while heads[j] != j and len(above) < 40:
        j = heads[j]
        above.add(j)
    # the child of the cue root on each token's path to the root, if any
    out: list[Features] = []
    wstart, wend = window
    rel_cache: list[str] = []
    for i in range(wstart, wend):
        if cstart <= i < cend:
            rel = "CUE"
        else:
            rel = "none"
            node = i
            steps = 0
            while heads[node] != node and steps < 40:
                if heads[node] == r:
                    rel = "under:" + deps[node]
                    break
                node = heads[node]
                steps += 1
            if rel == "none" and i in above:
                rel = "above"
        rel_cache.append(rel)
    prev_start = sent_bounds(doc, cue_sent - 1)[0] if cue_sent > 0 else 0
    next_end = sent_bounds(doc, cue_sent_end)[1] if cue_sent_end < len(doc) else len(doc)
    cue_lemma = "cuel=" + root.lemma_.lower()
    cue_dep = "cued=" + root.dep_
    for k, i in enumerate(range(wstart, wend)):
        rel = rel_cache[k]
        delta = 0 if cstart <= i < cend else (i - cstart if i < cstart else i - cend + 1)
        pos = _bucket(delta)
        if cue_sent <= i < cue_sent_end:
            sent_rel = "same"
        elif i < cue_sent:
            sent_rel = "prev" if prev_start <= i else "prev2"
        else:
            sent_rel = "next" if i < next_end else "next2"
        b = base[i]
        qadj = "qadj=" + str(qa <= i < qb)
        feats = [
            b[0], b[1], b[2], b[3], b[4], b[10],
            "rel=" + rel,
            "pos=" + pos,
            "sr=" + sent_rel,
            "rel|pos=" + rel + "|" + pos[0],
            "rel|d=" + rel + "|" + deps[i],
            "sr|q=" + sent_rel + "|" + b[10],
            "pos|q=" + pos + "|" + b[10],
            cue_lemma,
            cue_dep,
            qadj,
            qadj + "|" + sent_rel,
        ]
        for off in (-1, 1):
            j = k + off
            if 0 <= j < len(rel_cache):
                feats.append(f"{off}:rel={rel_cache[j]}")
                feats.append(f"{off}:{base[wstart + j][0]}")
                feats.append(f"{off}:{base[wstart + j][10]}")
            else:
                feats.append(f"{off}:EDGE")
        out.append(feats)
    return out


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
