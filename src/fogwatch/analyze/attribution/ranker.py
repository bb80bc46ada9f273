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

Longer than 600 lines because the run-time scorer (:func:`start_scores`,
:func:`end_scores`) restates the features by their parts beside their string
definitions, so that the two are read and changed together.
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
    """Per-token strings the features read, built once per doc (spaCy's Token
    objects are slow to make for every candidate)."""

    lower: list[str]
    tag: list[str]
    dep: list[str]
    skip: list[bool]  # punctuation or space
    words_before: list[int]  # tokens before i that are neither

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
        table = cls([spell(row[0]) for row in cols], [spell(row[1]) for row in cols],
                    [spell(row[2]) for row in cols], skip, before)
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
        if not 0 <= i < len(self.doc):
            return "edge"
        if self.cue[0] <= i < self.cue[1]:
            return "cue"
        got = self._rel.get(i)
        if got is not None:
            return got
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
        self._rel[i] = out
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
    doc, q, t = ctx.doc, ctx.quotes, ctx.toks
    side = "R" if start >= ctx.cue[1] else "L" if end <= ctx.cue[0] else "M"
    n = len(doc)
    nxt = end
    while nxt < n and doc[nxt].is_space:
        nxt += 1
    last = end - 1
    after = _bucket(t.words(end, sent_bounds(doc, last)[1]))
    nrel = ctx.rel(nxt)
    nw, lt = t.word(nxt), t.tag_at(last)
    qstate = f"{q[last]}{q[nxt] if nxt < n else 'E'}"
    out = _bucket(outside)
    moved = _moved(end, current)
    return [
        "bias",
        "lw=" + t.word(last), "lt=" + lt, "ld=" + t.dep_at(last),
        "nw=" + nw, "nt=" + t.tag_at(nxt), "nd=" + t.dep_at(nxt),
        "n2w=" + t.word(nxt + 1),
        "lt|nw=" + lt + "|" + nw,
        "nw|n2t=" + nw + "|" + t.tag_at(nxt + 1),
        "nw|side=" + nw + side, "cuel|nw=" + ctx.cue_lemma + "|" + nw,
        "nrel=" + nrel, "nrel|side=" + nrel + side,
        "lrel=" + ctx.rel(last),
        "out=" + out, "out|nw=" + out + nw,
        "after=" + after, "after|q=" + after + qstate,
        "q=" + qstate, "q|nw=" + qstate + nw,
        "len=" + _bucket(end - start),
        "side=" + side,
        "cross=" + str(sent_bounds(doc, start)[0] != sent_bounds(doc, last)[0]) + qstate,
        "nhead=" + str(nxt < n and ctx.heads[nxt] == ctx.root) + t.dep_at(nxt),
        "nheadin=" + str(nxt < n and start <= ctx.heads[nxt] < end) + t.dep_at(nxt),
        "mv=" + moved, "mv|nw=" + moved + nw, "mv|nrel=" + moved + nrel,
        "mv|out=" + moved + out, "mv|after=" + moved + after, "mv|q=" + moved + qstate,
    ]


def start_features(ctx: CueContext, start: int, end: int, outside: int, current: int
                   ) -> Feats:
    doc, q, t = ctx.doc, ctx.quotes, ctx.toks
    side = "R" if start >= ctx.cue[1] else "L" if end <= ctx.cue[0] else "M"
    prev = start - 1
    while prev >= 0 and doc[prev].is_space:
        prev -= 1
    before = _bucket(t.words(sent_bounds(doc, start)[0], start))
    frel = ctx.rel(start)
    prel = ctx.rel(prev)
    fw, pw = t.word(start), t.word(prev)
    qstate = f"{q[prev] if prev >= 0 else 'E'}{q[start]}"
    gap = _bucket(t.words(ctx.cue[1], start)) if start >= ctx.cue[1] else "L"
    out = _bucket(outside)
    moved = _moved(start, current)
    return [
        "bias",
        "fw=" + fw, "ft=" + t.tag_at(start), "fd=" + t.dep_at(start),
        "f2w=" + t.word(start + 1),
        "pw=" + pw, "pt=" + t.tag_at(prev), "pd=" + t.dep_at(prev),
        "pw|fw=" + pw + "|" + fw,
        "pt|ft=" + t.tag_at(prev) + "|" + t.tag_at(start),
        "fw|side=" + fw + side, "cuel|fw=" + ctx.cue_lemma + "|" + fw,
        "frel=" + frel, "frel|side=" + frel + side, "prel=" + prel,
        "prel|frel=" + prel + "|" + frel,
        "out=" + out, "out|fw=" + out + fw,
        "before=" + before, "before|q=" + before + qstate,
        "q=" + qstate, "q|fw=" + qstate + fw,
        "len=" + _bucket(end - start), "side=" + side,
        "gap=" + gap, "gap|fw=" + gap + fw,
        "fhead=" + str(ctx.heads[start] == ctx.root) + t.dep_at(start),
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


# -- scoring without the feature strings ---------------------------------------
#
# At run time a candidate's score is the sum of its features' weights; building
# ~35 strings per candidate cost more than the rest of the ranker together. The
# scorer below looks each weight up by its parts instead (memo tables keyed by
# the parts, filled from the weights on first use) and the weights of features
# that read only the candidate's tokens once per doc. It adds the same weights in
# the same order as ``_score(w, start_features(...))``, so scores are identical
# to the last bit; a test compares the two on real text.


class _Part(dict):  # type: ignore[type-arg]
    """Weight of ``prefix + part`` (0.0 when unweighted), memoised by part (at most
    :data:`_MEMO` parts: the memo is emptied when full)."""

    __slots__ = ("w", "prefix")

    def __init__(self, w: Weights, prefix: str) -> None:
        super().__init__()
        self.w, self.prefix = w, prefix

    def __missing__(self, part: str) -> float:
        if len(self) >= _MEMO:
            self.clear()
        v = self[part] = self.w.get(self.prefix + part, 0.0)
        return v


class _Pair(dict):  # type: ignore[type-arg]
    """``table[a][b]``: weight of ``prefix + a + sep + b``."""

    __slots__ = ("w", "prefix", "sep")

    def __init__(self, w: Weights, prefix: str, sep: str = "") -> None:
        super().__init__()
        self.w, self.prefix, self.sep = w, prefix, sep

    def __missing__(self, a: str) -> _Part:
        if len(self) >= _MEMO:
            self.clear()
        v = self[a] = _Part(self.w, self.prefix + a + self.sep)
        return v


_MEMO = 1 << 16


# the features that read only the candidate's tokens, in their order in the sum
_TOKEN_START = ("fw", "ft", "fd", "f2w", "pw", "pt", "pd", "pw|fw", "pt|ft", "before",
                "before|q", "q", "q|fw")
_TOKEN_END = ("lw", "lt", "ld", "nw", "nt", "nd", "n2w", "lt|nw", "nw|n2t", "after",
              "after|q", "q", "q|nw")


class _Lookup:
    """One boundary's weights, looked up by parts (kept by the ranker across docs)."""

    def __init__(self, w: Weights) -> None:
        self.w = w
        self.bias = w.get("bias", 0.0)
        self.one = {p: _Part(w, p + "=") for p in (
            "fw", "ft", "fd", "f2w", "pw", "pt", "pd", "pw|fw", "pt|ft", "before", "before|q",
            "q", "q|fw", "lw", "lt", "ld", "nw", "nt", "nd", "n2w", "lt|nw", "nw|n2t", "after",
            "after|q", "q|nw", "frel", "prel", "out", "len", "side", "gap", "mv", "nrel", "lrel",
            "cross", "nhead", "nheadin", "fhead")}
        self.two = {p: _Pair(w, p + "=", sep) for p, sep in (
            ("fw|side", ""), ("cuel|fw", "|"), ("frel|side", ""), ("prel|frel", "|"),
            ("out|fw", ""), ("gap|fw", ""), ("mv|fw", ""), ("mv|frel", ""), ("mv|out", ""),
            ("mv|pw", ""), ("mv|q", ""), ("mv|side", ""), ("nw|side", ""), ("cuel|nw", "|"),
            ("nrel|side", ""), ("out|nw", ""), ("mv|nw", ""), ("mv|nrel", ""),
            ("mv|after", ""))}


class _Scratch:
    """What the scorer keeps for one doc: each token's strings, each boundary's lookups."""

    def __init__(self, ranker: BoundaryRanker) -> None:
        self.ranker = ranker
        self.starts: dict[int, tuple[int, tuple[str, ...], tuple[str, ...]]] = {}
        self.ends: dict[int, tuple[int, tuple[str, ...], tuple[str, ...], int]] = {}
        self.space: list[bool] | None = None

    def spaces(self, doc: Doc) -> list[bool]:
        if self.space is None:
            self.space = doc.to_array(IS_SPACE).astype(bool).tolist() if len(doc) else []
        return self.space

    def lookup(self, key: str) -> _Lookup:
        """``key``'s lookups, kept by the ranker while its weights for ``key`` are the same
        table (a table changed in place after scoring needs a new ranker)."""
        w = self.ranker.weights.get(key, {})
        got = self.ranker._lookups.get(key)
        if got is None or got.w is not w:
            got = self.ranker._lookups[key] = _Lookup(w)
        return got

    def start_parts(self, ctx: CueContext, s: int) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        """``prev`` and the strings of the features that read only tokens, for start ``s``
        (as :func:`start_features` spells them)."""
        got = self.starts.get(s)
        if got is None:
            doc, q, t = ctx.doc, ctx.quotes, ctx.toks
            space = self.spaces(doc)
            prev = s - 1
            while prev >= 0 and space[prev]:
                prev -= 1
            before = _bucket(t.words(sent_bounds(doc, s)[0], s))
            fw, ft = t.lower[s], t.tag[s]
            pw, pt = t.word(prev), t.tag_at(prev)
            qstate = f"{q[prev] if prev >= 0 else 'E'}{q[s]}"
            got = self.starts[s] = (prev, (
                fw, ft, t.dep[s], t.word(s + 1), pw, pt, t.dep_at(prev), pw + "|" + fw,
                pt + "|" + ft), (before, before + qstate, qstate, qstate + fw))
        return got

    def end_parts(self, ctx: CueContext, e: int
                  ) -> tuple[int, tuple[str, ...], tuple[str, ...], int]:
        """``nxt``, the strings of the features that read only tokens (as
        :func:`end_features` spells them) and where the sentence of ``e - 1`` starts."""
        got = self.ends.get(e)
        if got is None:
            doc, q, t = ctx.doc, ctx.quotes, ctx.toks
            n = len(doc)
            space = self.spaces(doc)
            nxt = e
            while nxt < n and space[nxt]:
                nxt += 1
            last = e - 1
            sent = sent_bounds(doc, last)
            after = _bucket(t.words(e, sent[1]))
            nw, lt = t.word(nxt), t.tag[last]
            qstate = f"{q[last]}{q[nxt] if nxt < n else 'E'}"
            got = self.ends[e] = (nxt, (
                t.lower[last], lt, t.dep[last], nw, t.tag_at(nxt), t.dep_at(nxt),
                t.word(nxt + 1), lt + "|" + nw, nw + "|" + t.tag_at(nxt + 1)),
                (after, after + qstate, qstate, qstate + nw), sent[0])
        return got


_BUCKETS = tuple(_bucket(k) for k in range(13))
_MOVES = {d: _moved(d, 0) for d in range(-200, 201)}


def start_scores(scratch: _Scratch, key: str, ctx: CueContext, start: int, end: int
                 ) -> dict[int, float]:
    """Each candidate start's score: ``_score(w, start_features(...))`` without the strings."""
    cands = start_candidates(ctx.doc, ctx.cue, start, end, ctx.blocked)
    if not cands:
        return {}
    outside = _outside_counts_left(ctx, end, cands)
    lk = scratch.lookup(key)
    one, two, bias = lk.one, lk.two, lk.bias
    fw_w, ft_w, fd_w, f2w_w, pw_w, pt_w, pd_w, pwfw_w, ptft_w, before_w, beforeq_w, q_w, qfw_w = (
        one[p] for p in _TOKEN_START)
    frel_w, prel_w, out_w, len_w, side_w, gap_w, mv_w, fhead_w = (
        one[p] for p in ("frel", "prel", "out", "len", "side", "gap", "mv", "fhead"))
    fwside, cuelfw, frelside, prelfrel, outfw, gapfw, mvfw, mvfrel, mvout, mvpw, mvq, mvside = (
        two[p] for p in ("fw|side", "cuel|fw", "frel|side", "prel|frel", "out|fw", "gap|fw",
                         "mv|fw", "mv|frel", "mv|out", "mv|pw", "mv|q", "mv|side"))
    cuel = cuelfw[ctx.cue_lemma]
    t, heads, root, rel = ctx.toks, ctx.heads, ctx.root, ctx.rel
    cue_end = ctx.cue[1]
    end_side = "L" if end <= ctx.cue[0] else "M"
    rels, buckets, bucket, moves = ctx._rel, _BUCKETS, _bucket, _MOVES
    out: dict[int, float] = {}
    for s in cands:
        prev, (fw, ft, fd, f2w, pw, pt, pd, pwfw, ptft), (before, beforeq, qstate, qfw) = \
            scratch.start_parts(ctx, s)
        side = "R" if s >= cue_end else end_side
        frel = rels.get(s) or rel(s)
        prel = rels.get(prev) or rel(prev)
        k = outside[s]
        o = buckets[k] if k < 13 else "13+"
        moved = moves.get(s - start) or _moved(s, start)
        gap = bucket(t.words(cue_end, s)) if s >= cue_end else "L"
        fhead = ("True" if heads[s] == root else "False") + fd
        out[s] = sum((bias, fw_w[fw], ft_w[ft], fd_w[fd], f2w_w[f2w], pw_w[pw], pt_w[pt],
                      pd_w[pd], pwfw_w[pwfw], ptft_w[ptft], fwside[fw][side], cuel[fw], frel_w[frel],
                      frelside[frel][side], prel_w[prel], prelfrel[prel][frel], out_w[o],
                      outfw[o][fw], before_w[before], beforeq_w[beforeq], q_w[qstate],
                      qfw_w[qfw], len_w[bucket(end - s)], side_w[side], gap_w[gap],
                      gapfw[gap][fw], fhead_w[fhead], mv_w[moved], mvfw[moved][fw],
                      mvfrel[moved][frel], mvout[moved][o], mvpw[moved][pw],
                      mvq[moved][qstate], mvside[moved][side]))
    return out


def end_scores(scratch: _Scratch, key: str, ctx: CueContext, start: int, end: int
               ) -> dict[int, float]:
    """Each candidate end's score: ``_score(w, end_features(...))`` without the strings."""
    cands = end_candidates(ctx.doc, ctx.cue, start, end, ctx.blocked)
    if not cands:
        return {}
    outside = _outside_counts(ctx, start, cands)
    lk = scratch.lookup(key)
    one, two, bias = lk.one, lk.two, lk.bias
    lw_w, lt_w, ld_w, nw_w, nt_w, nd_w, n2w_w, ltnw_w, nwn2t_w, after_w, afterq_w, q_w, qnw_w = (
        one[p] for p in _TOKEN_END)
    nrel_w, lrel_w, out_w, len_w, side_w, cross_w, nhead_w, nheadin_w, mv_w = (
        one[p] for p in ("nrel", "lrel", "out", "len", "side", "cross", "nhead", "nheadin",
                         "mv"))
    nwside, cuelnw, nrelside, outnw, mvnw, mvnrel, mvout, mvafter, mvq = (
        two[p] for p in ("nw|side", "cuel|nw", "nrel|side", "out|nw", "mv|nw", "mv|nrel",
                         "mv|out", "mv|after", "mv|q"))
    cuel = cuelnw[ctx.cue_lemma]
    doc, heads, root, rel = ctx.doc, ctx.heads, ctx.root, ctx.rel
    n = len(doc)
    first_sent = sent_bounds(doc, start)[0]
    start_right, cue_start = start >= ctx.cue[1], ctx.cue[0]
    rels, buckets, bucket, moves = ctx._rel, _BUCKETS, _bucket, _MOVES
    out: dict[int, float] = {}
    for e in cands:
        nxt, (lw, lt, ld, nw, nt, nd, n2w, ltnw, nwn2t), (after, afterq, qstate, qnw), \
            last_sent = scratch.end_parts(ctx, e)
        last = e - 1
        side = "R" if start_right else "L" if e <= cue_start else "M"
        nrel = rels.get(nxt) or rel(nxt)
        k = outside[e]
        o = buckets[k] if k < 13 else "13+"
        moved = moves.get(e - end) or _moved(e, end)
        cross = ("True" if first_sent != last_sent else "False") + qstate
        nhead = str(nxt < n and heads[nxt] == root) + nd
        nheadin = str(nxt < n and start <= heads[nxt] < e) + nd
        out[e] = sum((bias, lw_w[lw], lt_w[lt], ld_w[ld], nw_w[nw], nt_w[nt], nd_w[nd],
                      n2w_w[n2w], ltnw_w[ltnw], nwn2t_w[nwn2t], nwside[nw][side], cuel[nw], nrel_w[nrel],
                      nrelside[nrel][side], lrel_w[rels.get(last) or rel(last)], out_w[o], outnw[o][nw], after_w[after],
                      afterq_w[afterq], q_w[qstate], qnw_w[qnw],
                      len_w[bucket(e - start)], side_w[side], cross_w[cross], nhead_w[nhead],
                      nheadin_w[nheadin], mv_w[moved], mvnw[moved][nw], mvnrel[moved][nrel],
                      mvout[moved][o], mvafter[moved][after], mvq[moved][qstate]))
    return out


# the boundaries the ranker may move: a role's start or end ("content.start")
KEYS = tuple(f"{role}.{side}" for role in ("content", "source") for side in ("start", "end"))


@dataclass(slots=True)
class BoundaryRanker:
    """Weights per boundary (:data:`KEYS`), and the margin by which a new boundary
    must beat the taggers' one; a boundary without a margin is never moved."""

    weights: dict[str, Weights]
    margins: dict[str, float] = field(default_factory=dict)
    _lookups: dict[str, _Lookup] = field(default_factory=dict, init=False, repr=False,
                                         compare=False)

    @staticmethod
    def _best(margin: float, scored: dict[int, float], current: int) -> int:
        """The best-scored boundary if it beats ``current`` by more than ``margin``
        (``current`` where it is no candidate: nothing to compare it with)."""
        base = scored.get(current)
        if base is None:
            return current
        best = max(scored, key=lambda k: (scored[k], -abs(k - current)))
        return best if scored[best] - base > margin else current

    def choose_end(self, ctx: CueContext, start: int, end: int, role: str = "content",
                   scratch: _Scratch | None = None) -> int:
        key = role + ".end"
        if key not in self.margins:
            return end
        scored = end_scores(scratch or _Scratch(self), key, ctx, start, end)
        return self._best(self.margins[key], scored, end)

    def choose_start(self, ctx: CueContext, start: int, end: int, role: str = "content",
                     scratch: _Scratch | None = None) -> int:
        key = role + ".start"
        if key not in self.margins:
            return start
        scored = start_scores(scratch or _Scratch(self), key, ctx, start, end)
        return self._best(self.margins[key], scored, start)

    def adjust(self, doc: Doc, cue: TokSpan, pieces: list[TokSpan], quotes: Sequence[int],
               blocked: Sequence[TokSpan] = (), role: str = "content",
               scratch: _Scratch | None = None) -> list[TokSpan]:
        """``pieces`` of ``role`` with each one's start, then end, moved where the
        ranker prefers (compared with punctuation trimmed, as the scorer does).
        ``scratch``: what earlier calls on the same doc and ``quotes`` kept."""
        ctx = CueContext.of(doc, cue, quotes, blocked)
        scratch = scratch or _Scratch(self)
        out: list[TokSpan] = []
        for piece in pieces:
            s, e = trim_span(doc, *piece)
            if e <= s:
                out.append(piece)  # nothing but punctuation: nothing to move
                continue
            new_s = self.choose_start(ctx, s, e, role, scratch)
            new_e = self.choose_end(ctx, new_s, e, role, scratch)
            # a boundary left where it was keeps its quotation marks
            out.append((piece[0] if new_s == s else new_s, piece[1] if new_e == e else new_e))
        return out

    def adjust_all(self, doc: Doc, raws: Iterable[RawAttribution], quotes: Sequence[int]
                   ) -> None:
        """:meth:`adjust` every attribution's content, then its source (in place);
        neither runs into the other."""
        scratch = _Scratch(self)
        for raw in raws:
            if raw.content:
                raw.content = self.adjust(doc, raw.cue, raw.content, quotes, raw.source,
                                          scratch=scratch)
            if raw.source:
                raw.source = self.adjust(doc, raw.cue, raw.source, quotes, raw.content,
                                         role="source", scratch=scratch)

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
