"""A learned choice of where content and source pieces start and end.

The role tagger labels each token, and its spans are mostly right but often
start or end a few words off ("described her opponent as a fraud [during the
debate]", "[However,] slower growth ...", "Michael Mulgrew, president of the
union[, which represents the city's teachers]"). PolNeAR's boundaries follow
conventions a parse shows: where the cue's complement ends, which adjuncts of
the cue stay outside, which discourse words lead a reported clause. The ranker
scores every place a piece could start (and then end) around the tagger's span
and moves the boundary when another place beats the tagger's by a margin chosen
on dev.

One linear model per boundary (:data:`KEYS`: content and source, start and
end), each an averaged structured perceptron trained on the taggers' own
pieces on text they were not trained on (:mod:`fogwatch.train.boundary`), so
that it learns where they go wrong. The features come from the same spaCy parse
as the taggers'. Candidates reach from the sentence before the piece to the
sentence after it, never into the cue or the attribution's other role.
"""

from __future__ import annotations

import json
import lzma
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

from spacy.attrs import DEP, IS_PUNCT, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc

from fogwatch.analyze.attribution.features import cue_root, doc_arrays, sent_bounds, trim_span
from fogwatch.analyze.attribution.raw import RawAttribution, TokSpan

Feats = list[str]

RANKER_VERSION = 1
RANKER_FILE = "boundary.json.xz"


EDGE = "<edge>"


@dataclass(slots=True)
class _Tokens:
    """Per-token strings and flags the features read, built once per doc (spaCy's
    Token objects are slow to make for every candidate)."""

    lower: list[str]
    tag: list[str]
    dep: list[str]
    skip: list[bool]  # punctuation or space
    words_before: list[int]  # tokens before i that are neither
    space: list[bool]
    sent: list[tuple[int, int]]  # the bounds of each token's sentence (sent_bounds)
    # lower, tag and dep followed by two EDGEs: index i reads the same as word(i),
    # tag_at(i), dep_at(i) for every i from -2 to n + 1 (-1 and -2 wrap to an EDGE),
    # the range the features read, without a test per read
    edged: tuple[list[str], list[str], list[str]]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        got = doc.user_data.get("fw_rank_tokens")
        if got is not None and len(got.lower) == len(doc):
            return got  # type: ignore[no-any-return]
        # from the token arrays: making a spaCy Token per token costs more
        cols = doc.to_array([LOWER, TAG, DEP, IS_PUNCT, IS_SPACE]).tolist() if len(doc) else []
        strings = doc.vocab.strings
        memo: dict[int, str] = {}

        def spell(h: int) -> str:
            got = memo.get(h)
            if got is None:
                got = memo[h] = strings[h]
            return got

        skip = [bool(row[3] or row[4]) for row in cols]
        before = [0]
        for flag in skip:
            before.append(before[-1] + (not flag))
        lower, tag, dep = ([spell(row[k]) for row in cols] for k in range(3))
        table = cls(lower, tag, dep, skip, before, [bool(row[4]) for row in cols],
                    [sent_bounds(doc, i) for i in range(len(cols))],
                    ([*lower, EDGE, EDGE], [*tag, EDGE, EDGE], [*dep, EDGE, EDGE]))
        doc.user_data["fw_rank_tokens"] = table
        return table

    def word(self, i: int) -> str:
        return self.lower[i] if 0 <= i < len(self.lower) else EDGE

    def tag_at(self, i: int) -> str:
        return self.tag[i] if 0 <= i < len(self.tag) else EDGE

    def dep_at(self, i: int) -> str:
        return self.dep[i] if 0 <= i < len(self.dep) else EDGE

    def words(self, a: int, b: int) -> int:
        """Tokens in [a, b) that are neither punctuation nor space."""
        return self.words_before[b] - self.words_before[a]


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


@dataclass(slots=True)
class CueContext:
    """What every candidate's features ask about the cue, computed once."""

    doc: Doc
    cue: TokSpan
    quotes: Sequence[int]
    root: int
    heads: list[int]
    deps: list[str]
    toks: _Tokens
    cue_lemma: str
    blocked: Sequence[TokSpan] = ()  # the other role's pieces: never crossed into
    _rel: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, cue: TokSpan, quotes: Sequence[int],
           blocked: Sequence[TokSpan] = ()) -> CueContext:
        heads, deps = doc_arrays(doc)
        root = cue_root(doc, *cue)
        return cls(doc, cue, quotes, root.i, heads, deps, _Tokens.of(doc),
                   root.lemma_.lower(), tuple(blocked))

    def rel(self, i: int) -> str:
        """How token ``i`` hangs on the cue: its branch under the cue root, or none."""
        got = self._rel.get(i)
        if got is None:
            got = self._rel[i] = self._branch(i)
        return got

    def _branch(self, i: int) -> str:
        if not 0 <= i < len(self.doc):
            return "edge"
        if self.cue[0] <= i < self.cue[1]:
            return "cue"
        heads, r = self.heads, self.root
        node, steps, out = i, 0, "none"
        while heads[node] != node and steps < 40:
            if heads[node] == r:
                out = f"{self.deps[node]}:{self.doc[node].lemma_.lower()}" \
                    if self.deps[node] in ("prep", "advcl", "advmod", "npadvmod", "mark") \
                    else self.deps[node]
                break
            node = heads[node]
            steps += 1
        return out


def _outside_counts(ctx: CueContext, start: int, ends: Sequence[int]) -> dict[int, int]:
    """For each end in ``ends``: how many tokens of [start, end) have their head outside it."""
    heads = ctx.heads
    children: dict[int, list[int]] = {}
    last = max(ends)
    for i in range(start, last):
        children.setdefault(heads[i], []).append(i)
    out: dict[int, int] = {}
    count = 0
    wanted = set(ends)
    for e in range(start + 1, last + 1):
        t = e - 1
        h = heads[t]
        if h == t or not start <= h < e:
            count += 1
        for c in children.get(t, ()):
            if c != t and c < t:
                count -= 1  # its head was outside [start, t) and is now inside
        if e in wanted:
            out[e] = count
    return out


def _outside_counts_left(ctx: CueContext, end: int, starts: Sequence[int]) -> dict[int, int]:
    """For each start in ``starts``: tokens of [start, end) whose head lies outside it."""
    heads = ctx.heads
    first = min(starts)
    children: dict[int, list[int]] = {}
    for i in range(first, end):
        children.setdefault(heads[i], []).append(i)
    out: dict[int, int] = {}
    count = 0
    wanted = set(starts)
    for s in range(end - 1, first - 1, -1):
        h = heads[s]
        if h == s or not s <= h < end:
            count += 1
        for c in children.get(s, ()):
            if c != s and c > s:
                count -= 1
        if s in wanted:
            out[s] = count
    return out


def _moved(candidate: int, current: int) -> str:
    d = candidate - current
    return "0" if d == 0 else ("+" if d > 0 else "-") + _bucket(abs(d))


def end_features(ctx: CueContext, start: int, end: int, outside: int, current: int) -> Feats:
    q, t = ctx.quotes, ctx.toks
    lower, tag, dep = t.edged
    side = "R" if start >= ctx.cue[1] else "L" if end <= ctx.cue[0] else "M"
    n, space = len(t.lower), t.space
    nxt = end
    while nxt < n and space[nxt]:
        nxt += 1
    last = end - 1
    after = _bucket(t.words(end, t.sent[last][1]))
    nrel = ctx.rel(nxt)
    nw, lt, nd = lower[nxt], tag[last], dep[nxt]
    qstate = f"{q[last]}{q[nxt] if nxt < n else 'E'}"
    out = _bucket(outside)
    moved = _moved(end, current)
    return [
        "bias",
        "lw=" + lower[last], "lt=" + lt, "ld=" + dep[last],
        "nw=" + nw, "nt=" + tag[nxt], "nd=" + nd,
        "n2w=" + lower[nxt + 1],
        "lt|nw=" + lt + "|" + nw,
        "nw|n2t=" + nw + "|" + tag[nxt + 1],
        "nw|side=" + nw + side, "cuel|nw=" + ctx.cue_lemma + "|" + nw,
        "nrel=" + nrel, "nrel|side=" + nrel + side,
        "lrel=" + ctx.rel(last),
        "out=" + out, "out|nw=" + out + nw,
        "after=" + after, "after|q=" + after + qstate,
        "q=" + qstate, "q|nw=" + qstate + nw,
        "len=" + _bucket(end - start),
        "side=" + side,
        "cross=" + str(t.sent[start][0] != t.sent[last][0]) + qstate,
        "nhead=" + str(nxt < n and ctx.heads[nxt] == ctx.root) + nd,
        "nheadin=" + str(nxt < n and start <= ctx.heads[nxt] < end) + nd,
        "mv=" + moved, "mv|nw=" + moved + nw, "mv|nrel=" + moved + nrel,
        "mv|out=" + moved + out, "mv|after=" + moved + after, "mv|q=" + moved + qstate,
    ]


def start_features(ctx: CueContext, start: int, end: int, outside: int, current: int
                   ) -> Feats:
    q, t = ctx.quotes, ctx.toks
    lower, tag, dep = t.edged
    side = "R" if start >= ctx.cue[1] else "L" if end <= ctx.cue[0] else "M"
    space = t.space
    prev = start - 1
    while prev >= 0 and space[prev]:
        prev -= 1
    before = _bucket(t.words(t.sent[start][0], start))
    frel = ctx.rel(start)
    prel = ctx.rel(prev)
    fw, pw = lower[start], lower[prev]
    ft, pt, fd = tag[start], tag[prev], dep[start]
    qstate = f"{q[prev] if prev >= 0 else 'E'}{q[start]}"
    gap = _bucket(t.words(ctx.cue[1], start)) if start >= ctx.cue[1] else "L"
    out = _bucket(outside)
    moved = _moved(start, current)
    return [
        "bias",
        "fw=" + fw, "ft=" + ft, "fd=" + fd,
        "f2w=" + lower[start + 1],
        "pw=" + pw, "pt=" + pt, "pd=" + dep[prev],
        "pw|fw=" + pw + "|" + fw,
        "pt|ft=" + pt + "|" + ft,
        "fw|side=" + fw + side, "cuel|fw=" + ctx.cue_lemma + "|" + fw,
        "frel=" + frel, "frel|side=" + frel + side, "prel=" + prel,
        "prel|frel=" + prel + "|" + frel,
        "out=" + out, "out|fw=" + out + fw,
        "before=" + before, "before|q=" + before + qstate,
        "q=" + qstate, "q|fw=" + qstate + fw,
        "len=" + _bucket(end - start), "side=" + side,
        "gap=" + gap, "gap|fw=" + gap + fw,
        "fhead=" + str(ctx.heads[start] == ctx.root) + fd,
        "mv=" + moved, "mv|fw=" + moved + fw, "mv|frel=" + moved + frel,
        "mv|out=" + moved + out, "mv|pw=" + moved + pw,
        "mv|q=" + moved + qstate, "mv|side=" + moved + side,
    ]


def _sentence_after(doc: Doc, i: int) -> int:
    end = sent_bounds(doc, i)[1]
    return sent_bounds(doc, end)[1] if end < len(doc) else end


def _sentence_before(doc: Doc, i: int) -> int:
    start = sent_bounds(doc, i)[0]
    return sent_bounds(doc, start - 1)[0] if start > 0 else start


def end_candidates(doc: Doc, cue: TokSpan, start: int, end: int,
                   blocked: Sequence[TokSpan] = ()) -> list[int]:
    """Ends a piece that starts at ``start`` could have, around ``end``.

    Up to the end of the sentence after ``end``'s; a piece never runs into its
    cue or into a ``blocked`` span (the other role).
    """
    limit = _sentence_after(doc, end - 1)
    for a, _ in (cue, *blocked):
        if start < a:
            limit = min(limit, a)
    skip = _Tokens.of(doc).skip
    return [e for e in range(start + 1, limit + 1) if not skip[e - 1]]


def start_candidates(doc: Doc, cue: TokSpan, start: int, end: int,
                     blocked: Sequence[TokSpan] = ()) -> list[int]:
    """Starts a piece that ends at ``end`` could have, from the sentence before ``start``'s
    (never before its cue or a ``blocked`` span that precedes it)."""
    limit = _sentence_before(doc, start)
    for _, b in (cue, *blocked):
        if b <= start:
            limit = max(limit, b)
    skip = _Tokens.of(doc).skip
    return [s for s in range(limit, end) if not skip[s]]


def end_options(ctx: CueContext, start: int, end: int) -> tuple[list[int], list[Feats]]:
    """The ends a piece [start, end) could have instead, with each one's features."""
    cands = end_candidates(ctx.doc, ctx.cue, start, end, ctx.blocked)
    if not cands:
        return [], []
    outside = _outside_counts(ctx, start, cands)
    return cands, [end_features(ctx, start, c, outside[c], end) for c in cands]


def start_options(ctx: CueContext, start: int, end: int) -> tuple[list[int], list[Feats]]:
    """The starts a piece [start, end) could have instead, with each one's features."""
    cands = start_candidates(ctx.doc, ctx.cue, start, end, ctx.blocked)
    if not cands:
        return [], []
    outside = _outside_counts_left(ctx, end, cands)
    return cands, [start_features(ctx, c, end, outside[c], start) for c in cands]


Weights = dict[str, float]


def _score(w: Weights, feats: Iterable[str]) -> float:
    return sum(map(w.get, feats, repeat(0.0)))


# the boundaries the ranker may move: a role's start or end ("content.start")
KEYS = tuple(f"{role}.{side}" for role in ("content", "source") for side in ("start", "end"))


@dataclass(slots=True)
class BoundaryRanker:
    """Weights per boundary (:data:`KEYS`), and the margin by which a new boundary
    must beat the taggers' one; a boundary without a margin is never moved."""

    weights: dict[str, Weights]
    margins: dict[str, float] = field(default_factory=dict)

    @staticmethod
    def _best(margin: float, scored: dict[int, float], current: int) -> int:
        """The best-scored boundary if it beats ``current`` by more than ``margin``
        (``current`` where it is no candidate: nothing to compare it with)."""
        base = scored.get(current)
        if base is None:
            return current
        best = max(scored, key=lambda k: (scored[k], -abs(k - current)))
        return best if scored[best] - base > margin else current

    def _choose(self, key: str, options: tuple[list[int], list[Feats]], current: int) -> int:
        w = self.weights.get(key, {})
        cands, feats = options
        scored = {c: _score(w, f) for c, f in zip(cands, feats, strict=True)}
        return self._best(self.margins[key], scored, current)

    def choose_end(self, ctx: CueContext, start: int, end: int, role: str = "content") -> int:
        key = role + ".end"
        if key not in self.margins:
            return end
        return self._choose(key, end_options(ctx, start, end), end)

    def choose_start(self, ctx: CueContext, start: int, end: int, role: str = "content") -> int:
        key = role + ".start"
        if key not in self.margins:
            return start
        return self._choose(key, start_options(ctx, start, end), start)

    def adjust(self, doc: Doc, cue: TokSpan, pieces: list[TokSpan], quotes: Sequence[int],
               blocked: Sequence[TokSpan] = (), role: str = "content") -> list[TokSpan]:
        """``pieces`` of ``role`` with each one's start, then end, moved where the
        ranker prefers (compared with punctuation trimmed, as the scorer does)."""
        ctx = CueContext.of(doc, cue, quotes, blocked)
        out: list[TokSpan] = []
        for piece in pieces:
            s, e = trim_span(doc, *piece)
            if e <= s:
                out.append(piece)  # nothing but punctuation: nothing to move
                continue
            new_s = self.choose_start(ctx, s, e, role)
            new_e = self.choose_end(ctx, new_s, e, role)
            # a boundary left where it was keeps its quotation marks
            out.append((piece[0] if new_s == s else new_s, piece[1] if new_e == e else new_e))
        return out

    def adjust_all(self, doc: Doc, raws: Iterable[RawAttribution], quotes: Sequence[int]
                   ) -> None:
        """:meth:`adjust` every attribution's content, then its source (in place);
        neither runs into the other."""
        for raw in raws:
            if raw.content:
                raw.content = self.adjust(doc, raw.cue, raw.content, quotes, raw.source)
            if raw.source:
                raw.source = self.adjust(doc, raw.cue, raw.source, quotes, raw.content,
                                         role="source")

    def save(self, path: Path) -> None:
        data = {"version": RANKER_VERSION, "weights": self.weights, "margins": self.margins}
        with lzma.open(path, "wt", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))

    @classmethod
    def load(cls, path: Path) -> BoundaryRanker:
        with lzma.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("version") != RANKER_VERSION:
            raise ValueError(f"{path}: boundary ranker version {data.get('version')}, "
                             f"expected {RANKER_VERSION}; retrain the attribution model")
        return cls(data["weights"], data["margins"])


# -- training ---------------------------------------------------------------

Example = tuple[list[Feats], int]  # candidates' features, index of the gold one


def _train_perceptron(examples: list[Example], epochs: int, seed: int) -> Weights:
    """Averaged structured perceptron over candidate lists."""
    w: dict[str, float] = {}
    total: dict[str, float] = {}  # sum of weights over time, lazily via timestamps
    stamp: dict[str, int] = {}
    t = 0
    rng = random.Random(seed)
    order = list(range(len(examples)))

    def bump(f: str, delta: float) -> None:
        total[f] = total.get(f, 0.0) + (t - stamp.get(f, 0)) * w.get(f, 0.0)
        stamp[f] = t
        w[f] = w.get(f, 0.0) + delta

    for _ in range(epochs):
        rng.shuffle(order)
        for k in order:
            t += 1
            cands, gold = examples[k]
            scores = [_score(w, f) for f in cands]
            guess = max(range(len(cands)), key=scores.__getitem__)
            if guess != gold and scores[guess] >= scores[gold]:
                for f in cands[gold]:
                    bump(f, 1.0)
                for f in cands[guess]:
                    bump(f, -1.0)
    out: Weights = {}
    for f, v in w.items():
        avg = (total.get(f, 0.0) + (t - stamp.get(f, 0)) * v) / t
        if abs(avg) > 1e-6:
            out[f] = round(avg, 5)
    return out


def piece_examples(ctx: CueContext, piece: TokSpan, gold: TokSpan
                   ) -> tuple[Example | None, Example | None]:
    """Training examples for a tagged piece whose right boundaries are ``gold``.

    The start is chosen among the candidates around the tagged piece, the end
    likewise (each from the tagger's other boundary, as at run time); None where
    the gold boundary is out of reach.
    """
    s, e = piece
    start_ex = end_ex = None
    cands, feats = end_options(ctx, s, e)
    if gold[1] in cands and len(cands) > 1:
        end_ex = (feats, cands.index(gold[1]))
    cands, feats = start_options(ctx, s, e)
    if gold[0] in cands and len(cands) > 1:
        start_ex = (feats, cands.index(gold[0]))
    return start_ex, end_ex


def train_ranker(examples: dict[str, list[Example]], epochs: int = 8, seed: int = 0
                 ) -> BoundaryRanker:
    """Weights for each boundary in ``examples`` (margins are left to be tuned)."""
    return BoundaryRanker({key: _train_perceptron(ex, epochs, seed)
                           for key, ex in examples.items()})
