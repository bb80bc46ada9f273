"""The columns the attribution features read, computed from spaCy's token arrays.

A column gives every item (a token, or a token of a cue's window) a value:
a spaCy string hash or a small integer, stable from one batch to the next, and
the text the features spell it with. The features themselves are declared in
:mod:`fogwatch.analyze.attribution.features` by the names used here:

token columns
    ``lower``, ``lemma`` (lowercased), ``tag``, ``dep``, ``pos``, ``ent``;
    ``shape`` (P, Xx, X, d or x); ``quote`` (0/1, inside quotation marks);
    ``sent0`` (whether the token starts a sentence); ``lex`` (its lemma is a
    reporting word); ``ccomp`` and ``nsubj`` (it has such a dependent);
    ``subj`` (its subject's entity type or POS, or none); ``kids`` (which of
    a few dependents it has); ``prior`` (how often its lemma is a cue word in
    training, where the model has that table); pointer ``head``.
role columns (a token of a cue's window)
    ``rel``, ``dist``, ``sr``, ``qadj`` (see ``ROLE`` in features.py); pointer ``root``.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_PUNCT,
    IS_TITLE,
    IS_UPPER,
    LEMMA,
    LIKE_NUM,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.strings import StringStore
from spacy.tokens import Doc

from fogwatch.analyze.attribution.features import (
    CUE_LEMMAS,
    PRIOR_LABELS,
    ROLE_CONTEXT_SENTENCES,
    CuePrior,
    adjacent_quote,
    quote_depths,
)

# the role tagger follows dependency paths for at most this many steps
PATH_STEPS = 40
SHAPES = ("P", "Xx", "X", "d", "x")
SENT0 = ("None", "True", "False")  # sent_start 0, 1, -1
BOOL = ("False", "True")
KIDS = ("advcl", "ccomp", "dobj", "prep", "xcomp")  # sorted: spelt joined in this order
BUCKETS = ("0", "L1", "L2", "L3-5", "L6-10", "L11+", "R1", "R2", "R3-5", "R6-10", "R11+")
SENT_RELS = ("same", "prev", "prev2", "next", "next2")
REL_CUE, REL_NONE, REL_ABOVE = -1, -2, -3  # rel values; a dependency label's hash otherwise
NO_SUBJECT = -1  # subj value of a token without a subject; an entity type's or POS's hash otherwise
MEMO_LIMIT = 1_000_000


@dataclass(slots=True)
class Col:
    """A column over some items: ``values[codes[i]]`` is item ``i``'s value (a
    hash or a small int, the same in every batch) and ``text`` spells a value."""

    codes: np.ndarray
    values: Sequence[Hashable]
    text: Callable[[Hashable], str]

    def at(self, index: np.ndarray) -> Col:
        return Col(self.codes[index], self.values, self.text)


def labels(names: Sequence[str]) -> Callable[[Hashable], str]:
    return lambda v: names[v]  # type: ignore[index]


def small(codes: np.ndarray, names: Sequence[str]) -> Col:
    """A column of small ints ``0 .. len(names) - 1`` spelt by ``names``."""
    return Col(codes.astype(np.int64, copy=False), range(len(names)), labels(names))


def hashed(hashes: np.ndarray, text: Callable[[Hashable], str]) -> Col:
    """A column of hashes, as codes of its distinct values."""
    u, c = np.unique(hashes, return_inverse=True)
    return Col(c.reshape(-1).astype(np.int64), u.tolist(), text)


@dataclass(slots=True)
class TokenArrays:
    """Token attributes of a batch of docs, concatenated (global token index)."""

    docs: list[Doc]
    offsets: list[int]  # global index of each doc's first token (plus the total at the end)
    strings: StringStore
    table: np.ndarray  # (n, len(ATTRS)) spaCy's token array
    head: np.ndarray  # global index of the head
    sent_lo: np.ndarray  # per token: first token of its sentence (global)
    sent_hi: np.ndarray  # per token: one past its sentence's last token
    doc_lo: np.ndarray  # per token: first token of its doc
    doc_hi: np.ndarray
    doc_id: np.ndarray  # per token: its doc's position in ``docs``
    quotes: list[list[int]]  # per doc, as quote_depths gives
    cache: dict[object, object] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.head)


ATTRS = (LOWER, LEMMA, TAG, DEP, POS, ENT_TYPE, HEAD, SENT_START,
         IS_PUNCT, IS_TITLE, IS_UPPER, LIKE_NUM)
HASHED = {"lower": 0, "lemma": 1, "tag": 2, "dep": 3, "pos": 4, "ent": 5}  # column in the table


def token_arrays(docs: Sequence[Doc]) -> TokenArrays:
    parts: list[np.ndarray] = []
    offsets = [0]
    sent_lo: list[np.ndarray] = []
    sent_hi: list[np.ndarray] = []
    quotes: list[list[int]] = []
    for doc in docs:
        n = len(doc)
        base = offsets[-1]
        offsets.append(base + n)
        quotes.append(quote_depths(doc))
        if n == 0:
            continue
        arr = doc.to_array(list(ATTRS)).reshape(n, len(ATTRS))
        parts.append(arr)
        starts = arr[:, 7].view(np.int64) == 1
        if not doc.has_annotation("SENT_START"):
            starts = np.zeros(n, dtype=bool)
        starts[0] = True
        first = np.flatnonzero(starts)
        ends = np.append(first[1:], n)
        sid = np.cumsum(starts) - 1
        sent_lo.append(base + first[sid])
        sent_hi.append(base + ends[sid])
    total = offsets[-1]
    table = np.concatenate(parts) if parts else np.zeros((0, len(ATTRS)), dtype=np.uint64)
    index = np.arange(total, dtype=np.int64)
    empty = np.zeros(0, dtype=np.int64)
    sizes = np.diff(offsets)
    return TokenArrays(
        docs=list(docs), offsets=offsets,
        strings=docs[0].vocab.strings if docs else StringStore(),
        table=table, head=index + table[:, 6].view(np.int64),
        sent_lo=np.concatenate(sent_lo) if sent_lo else empty,
        sent_hi=np.concatenate(sent_hi) if sent_hi else empty,
        doc_lo=np.repeat(np.array(offsets[:-1], dtype=np.int64), sizes),
        doc_hi=np.repeat(np.array(offsets[1:], dtype=np.int64), sizes),
        doc_id=np.repeat(np.arange(len(docs), dtype=np.int64), sizes),
        quotes=quotes,
    )


class TokenColumns:
    """The token columns of a batch, each computed once when first read.

    ``prior`` (lemma -> bucket) is the model's table of how often a lemma is a
    cue word; without it the ``prior`` column is absent.
    """

    def __init__(self, t: TokenArrays, prior: CuePrior | None = None,
                 memo: dict[str, dict[int, int]] | None = None) -> None:
        self.t = t
        self.prior = prior
        self._cols: dict[str, Col] = {}
        self._memo = memo if memo is not None else {}  # per lemma hash, across batches

    def has(self, name: str) -> bool:
        return name != "prior" or self.prior is not None

    def __getitem__(self, name: str) -> Col:
        col = self._cols.get(name)
        if col is None:
            col = self._cols[name] = getattr(self, "_" + name)()
        return col

    # -- from the token table -------------------------------------------------

    def _spell(self, lower: bool = False) -> Callable[[Hashable], str]:
        s = self.t.strings
        if lower:
            return lambda h: s[h].lower()  # type: ignore[index]
        return lambda h: s[h]  # type: ignore[index]

    def _hashed(self, name: str) -> Col:
        return hashed(self.t.table[:, HASHED[name]], self._spell(name == "lemma"))

    def _lower(self) -> Col:
        return self._hashed("lower")

    def _lemma(self) -> Col:
        return self._hashed("lemma")

    def _tag(self) -> Col:
        return self._hashed("tag")

    def _dep(self) -> Col:
        return self._hashed("dep")

    def _pos(self) -> Col:
        return self._hashed("pos")

    def _ent(self) -> Col:
        return self._hashed("ent")

    def _shape(self) -> Col:
        table = self.t.table
        shape = np.full(self.t.n, 4, dtype=np.int64)
        for k, column in ((3, 11), (2, 10), (1, 9), (0, 8)):  # the first that holds wins
            shape[table[:, column] != 0] = k
        return small(shape, SHAPES)

    def _quote(self) -> Col:
        flags = np.array([q for qs in self.t.quotes for q in qs], dtype=np.int64)
        return small(flags, ("0", "1"))

    def _sent0(self) -> Col:
        ss = self.t.table[:, 7].view(np.int64)
        return small(np.where(ss == 1, 1, np.where(ss == -1, 2, 0)), SENT0)

    def _per_lemma(self, key: str, value: Callable[[str], int]) -> np.ndarray:
        """``value`` of each token's lowercased lemma, computed once per distinct lemma
        (and remembered across batches)."""
        lemma = self["lemma"]
        memo = self._memo.setdefault(key, {})
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        s = self.t.strings
        out = []
        for v in lemma.values:
            k = memo.get(v)  # type: ignore[call-overload]
            if k is None:
                k = memo[v] = value(s[v].lower())  # type: ignore[index]
            out.append(k)
        return np.array(out, dtype=np.int64)[lemma.codes]

    def _lex(self) -> Col:
        return small(self._per_lemma("lex", lambda lemma: int(lemma in CUE_LEMMAS)), BOOL)

    def _prior(self) -> Col:
        prior = self.prior
        assert prior is not None
        return small(self._per_lemma("prior", lambda lemma: PRIOR_LABELS.index(
            prior.get(lemma, "rare"))), PRIOR_LABELS)

    # -- from the token's dependents ------------------------------------------

    def _children(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per token: bits of its KIDS dependents, whether it has a ccomp, a
        nominal subject, and its first subject (-1: none)."""
        found = self.t.cache.get("children")
        if found is not None:
            return found  # type: ignore[return-value]
        t = self.t
        n = t.n
        head = t.head
        has_head = head != np.arange(n)
        dep = self["dep"]
        s = t.strings
        dep_str = np.array([s[h] for h in dep.values], dtype=object)[dep.codes]  # type: ignore[index]
        kids = np.zeros(n, dtype=np.int64)
        for bit, name in enumerate(KIDS):
            np.bitwise_or.at(kids, head[has_head & (dep_str == name)], 1 << bit)
        ccomp = np.zeros(n, dtype=np.int64)
        ccomp[head[has_head & (dep_str == "ccomp")]] = 1
        is_subj = has_head & ((dep_str == "nsubj") | (dep_str == "nsubjpass"))
        nsubj = np.zeros(n, dtype=np.int64)
        nsubj[head[is_subj]] = 1
        subj = np.full(n, n, dtype=np.int64)
        subj_idx = np.flatnonzero(is_subj)
        np.minimum.at(subj, head[subj_idx], subj_idx)  # the first in token order
        subj[subj == n] = -1
        out = (kids, ccomp, nsubj, subj)
        t.cache["children"] = out
        return out

    def _kids(self) -> Col:
        kids = self._children()[0]
        return Col(kids, range(1 << len(KIDS)), lambda m: "|".join(
            name for bit, name in enumerate(KIDS) if m >> bit & 1))  # type: ignore[operator]

    def _ccomp(self) -> Col:
        return small(self._children()[1], BOOL)

    def _nsubj(self) -> Col:
        return small(self._children()[2], BOOL)

    def _subj(self) -> Col:
        subj = self._children()[3]
        has = subj >= 0
        table = self.t.table
        sj = subj[has]
        ent = table[sj, HASHED["ent"]]
        # the subject's entity type, else its POS; tokens without one: an extra value
        kind = np.where(ent != 0, ent, table[sj, HASHED["pos"]])
        uniq, inv = np.unique(kind, return_inverse=True)
        codes = np.full(self.t.n, len(uniq), dtype=np.int64)
        codes[has] = inv.reshape(-1)
        s = self.t.strings
        return Col(codes, [*uniq.tolist(), NO_SUBJECT],
                   lambda v: "none" if v == NO_SUBJECT else s[v])  # type: ignore[index]


@dataclass(slots=True)
class RoleItems:
    """The role tagger's items for a batch of cues: each cue's window, one after another."""

    windows: list[tuple[int, int]]  # each cue's window, global [start, end)
    starts: np.ndarray  # the item where each window starts
    sizes: np.ndarray
    tokens: np.ndarray  # the global token of each item
    roots: np.ndarray  # each cue's root token (global): the token the others relate to
    cols: dict[str, Col]  # rel, dist, sr, qadj

    @property
    def n(self) -> int:
        return len(self.tokens)


def role_items(t: TokenArrays, cols: TokenColumns, cues: Sequence[tuple[int, int]]) -> RoleItems:
    """Items and role columns for each cue's window (``cues`` are global token spans)."""
    heads = t.head
    head_list = heads.tolist()
    sent_lo, sent_hi = t.sent_lo, t.sent_hi
    windows: list[tuple[int, int]] = []
    roots: list[int] = []
    per_cue: list[tuple[int, int, int, int, int, int]] = []  # cue sentence, its neighbours, qadj
    for cstart, cend in cues:
        lo_doc, hi_doc = int(t.doc_lo[cstart]), int(t.doc_hi[cstart])
        root = cstart
        for i in range(cstart, cend):  # features.cue_root
            h = head_list[i]
            if h < cstart or h >= cend or h == i:
                root = i
                break
        # features.role_window: the cue's sentence and two each side
        ws, we = int(sent_lo[cstart]), int(sent_hi[cstart])
        for _ in range(ROLE_CONTEXT_SENTENCES):
            if ws > lo_doc:
                ws = int(sent_lo[ws - 1])
            if we < hi_doc:
                we = int(sent_hi[we])
        rs, re_ = int(sent_lo[root]), int(sent_hi[root])
        prev_start = int(sent_lo[rs - 1]) if rs > lo_doc else lo_doc
        next_end = int(sent_hi[re_]) if re_ < hi_doc else hi_doc
        quotes = t.quotes[int(t.doc_id[cstart])]
        qa, qb = adjacent_quote(quotes, None, (cstart - lo_doc, cend - lo_doc),  # type: ignore[arg-type]
                                (ws - lo_doc, we - lo_doc))
        windows.append((ws, we))
        roots.append(root)
        per_cue.append((rs, re_, prev_start, next_end, qa + lo_doc, qb + lo_doc))
    sizes = np.array([we - ws for ws, we in windows], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    n_rows = int(starts[-1])
    root_at = np.asarray(roots, dtype=np.int64)
    if n_rows == 0:
        empty = small(np.zeros(0, dtype=np.int64), ("",))
        return RoleItems(windows, starts[:-1], sizes, np.zeros(0, dtype=np.int64), root_at,
                         dict.fromkeys(("rel", "dist", "sr", "qadj"), empty))
    cue_of = np.repeat(np.arange(len(cues)), sizes)
    tok = np.arange(n_rows) - starts[:-1][cue_of] + np.repeat([w[0] for w in windows], sizes)

    def per_row(values: Sequence[int]) -> np.ndarray:
        return np.repeat(np.asarray(values, dtype=np.int64), sizes)

    cs = per_row([c[0] for c in cues])
    ce = per_row([c[1] for c in cues])
    r = root_at[cue_of]
    in_cue = (tok >= cs) & (tok < ce)
    # how each token relates to the cue root, following heads at most PATH_STEPS times
    depth = _depths(heads)
    up = depth[tok] - depth[r]
    # under the root: the ancestor ``up`` steps above the token is the root (and
    # the one a step below it is the root's child on the path)
    under = np.zeros(n_rows, dtype=bool)
    child = tok.copy()
    cur = tok.copy()
    for k in range(1, min(PATH_STEPS, int(up.max(initial=0))) + 1):
        nxt = heads[cur]
        at = up == k
        under[at] = nxt[at] == r[at]
        child[at] = cur[at]
        cur = nxt
    # above the root: the token is the root's ancestor ``-up`` steps up
    chains = np.empty((len(cues), PATH_STEPS + 1), dtype=np.int64)
    chains[:, 0] = roots
    for k in range(1, PATH_STEPS + 1):
        chains[:, k] = heads[chains[:, k - 1]]
    down = -up
    above = (down >= 1) & (down <= PATH_STEPS) \
        & (chains[cue_of, np.clip(down, 0, PATH_STEPS)] == tok)
    dep = cols["dep"]
    # codes 0-2: in the cue, none, above; 3 + k: under the root by dependency value k
    rel = np.where(in_cue, 0, np.where(under, 3 + dep.codes[child], np.where(above, 2, 1)))
    s = t.strings
    rel_names = {REL_CUE: "CUE", REL_NONE: "none", REL_ABOVE: "above"}
    # distance to the cue, bucketed (BUCKETS)
    delta = np.where(in_cue, 0, np.where(tok < cs, tok - cs, tok - ce + 1))
    mag = np.abs(delta)
    bucket = np.select([mag == 0, mag == 1, mag == 2, mag <= 5, mag <= 10], [0, 1, 2, 3, 4], 5)
    bucket = np.where(delta > 0, bucket + 5, bucket)
    # which sentence, relative to the cue root's (SENT_RELS)
    rs, re_, ps, ne, qa, qb = (per_row([x[k] for x in per_cue]) for k in range(6))
    sr = np.where((tok >= rs) & (tok < re_), 0,
                  np.where(tok < rs, np.where(ps <= tok, 1, 2), np.where(tok < ne, 3, 4)))
    return RoleItems(windows, starts[:-1], sizes, tok, root_at, {
        "rel": Col(rel, [REL_CUE, REL_NONE, REL_ABOVE, *dep.values],
                   lambda v: rel_names.get(v) or "under:" + s[v]),  # type: ignore[arg-type,index]
        "dist": small(bucket, BUCKETS),
        "sr": small(sr, SENT_RELS),
        "qadj": small(((qa <= tok) & (tok < qb)).astype(np.int64), BOOL),
    })


def _depths(heads: np.ndarray) -> np.ndarray:
    """Steps from every token up to its sentence root."""
    n = len(heads)
    depth = np.zeros(n, dtype=np.int64)
    cur = np.arange(n, dtype=np.int64)
    moving = heads[cur] != cur
    for _ in range(n):  # a tree is at most n deep (the bound only guards against cycles)
        if not moving.any():
            break
        depth += moving
        cur = heads[cur]
        moving = heads[cur] != cur
    return depth
