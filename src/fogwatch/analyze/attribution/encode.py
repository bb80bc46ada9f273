"""The taggers' attribute ids computed from spaCy's token arrays, for many docs at once.

``features.py`` spells every feature as a string: that is what CRFsuite trains
on, and it stays the definition. At inference only the attribute ids matter,
and spelling some thirty strings per token (and per token of every cue's
window) cost more than the parse. Here the same features come from array
operations over a batch of docs: each distinct value (a word, a tag pair, a
dependency label under the cue) is spelt once, exactly as ``features.py``
spells it, and looked up in the model's attribute table.

Each item gets a fixed column layout that keeps its features in the order
``features.py`` lists them, with padding (the model's all-zero row) where an
item lacks one, so state scores are summed in CRFsuite's order and come out the
same to the last bit. ``tests/analyze/test_attrib_encode.py`` checks the ids
against the string features on real text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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

from fogwatch.analyze.attribution.crf import CRF
from fogwatch.analyze.attribution.features import (
    CUE_LEMMAS,
    PRIOR_LABELS,
    ROLE_CONTEXT_SENTENCES,
    CuePrior,
    adjacent_quote,
    quote_depths,
)

# features.py's role tagger follows dependency paths for at most this many steps
PATH_STEPS = 40
SHAPES = ("P", "Xx", "X", "d", "x")
SENT0 = ("None", "True", "False")  # sent_start 0, 1, -1
KIDS = ("advcl", "ccomp", "dobj", "prep", "xcomp")  # sorted, as features.py joins them
BUCKETS = ("0", "L1", "L2", "L3-5", "L6-10", "L11+", "R1", "R2", "R3-5", "R6-10", "R11+")
SENT_RELS = ("same", "prev", "prev2", "next", "next2")
REL_CUE, REL_NONE, REL_ABOVE, REL_UNDER = 0, 1, 2, 3
MEMO_LIMIT = 1_000_000

# Features spelt from one token attribute, as (tagger, name): the string is
# name + "=" + the attribute's text (lemmas lowercased, as features.py does).
WORD_FEATURES: dict[str, tuple[tuple[str, str], ...]] = {
    "lower": (("cue", "w"), ("cue", "-2:w"), ("cue", "-1:w"), ("cue", "1:w"), ("cue", "2:w"),
              ("role", "w"), ("role", "-1:w"), ("role", "1:w")),
    "lemma": (("cue", "l"), ("cue", "-1:l"), ("cue", "1:l"), ("cue", "hl"), ("role", "l"),
              ("role", "cuel")),
    "tag": (("cue", "p"), ("cue", "-2:p"), ("cue", "-1:p"), ("cue", "1:p"), ("cue", "2:p"),
            ("role", "p")),
    "dep": (("cue", "d"), ("cue", "hd"), ("role", "d"), ("role", "cued")),
    "pos": (("cue", "hp"),),
    "ent": (("cue", "ent"),),
}


class AttributeTable:
    """A CRF's attribute ids, looked up once per distinct key and remembered."""

    def __init__(self, crf: CRF) -> None:
        self.crf = crf
        self.pad = crf.pad
        self._memo: dict[tuple[object, ...], int] = {}

    def ids(self, kind: str, cols: Sequence[Column], spell: Callable[..., str]) -> np.ndarray:
        """Attribute id per row for the feature ``spell(*key)`` of each row's key.

        ``cols`` are equally long columns whose values at a row form the key;
        ``spell`` turns a key into the feature string.
        """
        n = len(cols[0][0]) if isinstance(cols[0], tuple) else len(cols[0])
        if n == 0:
            return np.zeros(0, dtype=np.intp)
        values: list[Sequence[int]] = []
        code: np.ndarray | None = None
        for col in cols:
            c, vals = _codes(col)
            code = c if code is None else code * len(vals) + c
            values.append(vals)
        assert code is not None
        total = 1
        for vals in values:
            total *= len(vals)
        if total >= 1 << 62:  # the mixed-radix code would overflow int64
            raise ValueError(f"key space of feature {kind!r} too large to encode")
        if total <= max(4 * n, 1 << 12):
            # small key space: find the keys present without sorting
            present = np.flatnonzero(np.bincount(code, minlength=total))
            where = np.zeros(total, dtype=np.intp)
            where[present] = np.arange(len(present))
            uniq, inv = present, where[code]
        else:
            uniq, inv = np.unique(code, return_inverse=True)
        memo = self._memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        get = self.crf.attr_ids.get
        pad = self.pad
        found = np.empty(len(uniq), dtype=np.intp)
        single = values[0] if len(values) == 1 else None
        for j, k in enumerate(uniq.tolist()):
            if single is not None:
                key: tuple[int, ...] = (single[k],)
            else:
                parts: list[int] = []
                for vals in reversed(values):
                    k, r = divmod(k, len(vals))
                    parts.append(vals[r])
                key = tuple(reversed(parts))
            mk = (kind, *key)
            v = memo.get(mk)
            if v is None:
                v = memo[mk] = get(spell(*key), pad)
            found[j] = v
        return found[inv.reshape(-1)]


# A key column: hashes (uint64), small non-negative ints, or (codes, the value of each code).
Column = np.ndarray | tuple[np.ndarray, Sequence[int]]


def _codes(col: Column) -> tuple[np.ndarray, Sequence[int]]:
    """Small codes for a column and the stable value each code stands for."""
    if isinstance(col, tuple):
        return col[0].astype(np.int64, copy=False), col[1]
    if col.dtype == np.uint64:
        u, c = np.unique(col, return_inverse=True)
        return c.reshape(-1).astype(np.int64, copy=False), u.tolist()
    c = col.astype(np.int64, copy=False)
    return c, range(int(c.max()) + 1 if len(c) else 1)


@dataclass(slots=True)
class TokenArrays:
    """Token attributes of a batch of docs, concatenated (global token index)."""

    docs: list[Doc]
    offsets: list[int]  # global index of each doc's first token (plus the total at the end)
    strings: StringStore
    lower: np.ndarray
    lemma: np.ndarray
    tag: np.ndarray
    dep: np.ndarray
    pos: np.ndarray
    ent: np.ndarray
    head: np.ndarray  # global index of the head
    sent_start: np.ndarray  # 0 unset, 1 start, 2 not a start (SENT0 order)
    shape: np.ndarray  # index into SHAPES
    quote: np.ndarray  # 0/1
    sent_lo: np.ndarray  # per token: first token of its sentence (global)
    sent_hi: np.ndarray  # per token: one past its sentence's last token
    doc_lo: np.ndarray  # per token: first token of its doc
    doc_hi: np.ndarray
    doc_id: np.ndarray  # per token: its doc's position in ``docs``
    quotes: list[list[int]]  # per doc, as quote_depths gives
    _coded: dict[object, tuple[np.ndarray, list[int]]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.lower)

    def coded(self, name: str) -> tuple[np.ndarray, list[int]]:
        """A hash column as small codes and the hash of each code (sorted once)."""
        if name not in self._coded:
            u, c = np.unique(getattr(self, name), return_inverse=True)
            self._coded[name] = (c.reshape(-1).astype(np.int64), u.tolist())
        return self._coded[name]


def take(col: tuple[np.ndarray, list[int]], index: np.ndarray) -> tuple[np.ndarray, list[int]]:
    return col[0][index], col[1]


def token_arrays(docs: Sequence[Doc]) -> TokenArrays:
    attrs = [LOWER, LEMMA, TAG, DEP, POS, ENT_TYPE, HEAD, SENT_START,
             IS_PUNCT, IS_TITLE, IS_UPPER, LIKE_NUM]
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
        arr = doc.to_array(attrs).reshape(n, len(attrs))
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
    table = np.concatenate(parts) if parts else np.zeros((0, len(attrs)), dtype=np.uint64)
    signed = table.view(np.int64)
    index = np.arange(total, dtype=np.int64)
    ss = signed[:, 7]
    shape = np.full(total, 4, dtype=np.int64)
    shape[table[:, 11] != 0] = 3
    shape[table[:, 10] != 0] = 2
    shape[table[:, 9] != 0] = 1
    shape[table[:, 8] != 0] = 0
    doc_lo = np.repeat(np.array(offsets[:-1], dtype=np.int64), np.diff(offsets))
    doc_hi = np.repeat(np.array(offsets[1:], dtype=np.int64), np.diff(offsets))
    empty = np.zeros(0, dtype=np.int64)
    return TokenArrays(
        docs=list(docs), offsets=offsets,
        strings=docs[0].vocab.strings if docs else StringStore(),
        lower=table[:, 0], lemma=table[:, 1], tag=table[:, 2], dep=table[:, 3],
        pos=table[:, 4], ent=table[:, 5], head=index + signed[:, 6],
        sent_start=np.where(ss == 1, 1, np.where(ss == -1, 2, 0)),
        shape=shape,
        quote=np.array([q for qs in quotes for q in qs], dtype=np.int64),
        sent_lo=np.concatenate(sent_lo) if sent_lo else empty,
        sent_hi=np.concatenate(sent_hi) if sent_hi else empty,
        doc_lo=doc_lo, doc_hi=doc_hi, quotes=quotes,
        doc_id=np.repeat(np.arange(len(docs), dtype=np.int64), np.diff(offsets)),
    )


@dataclass(slots=True)
class RoleRows:
    """The role tagger's items for a batch of cues, one window after another."""

    ids: np.ndarray  # (n_rows, 23) attribute ids in role_features' order
    windows: list[tuple[int, int]]  # each cue's window, global [start, end)
    starts: np.ndarray  # the row where each window starts
    tokens: np.ndarray  # the global token of each row
    prefix: np.ndarray  # per token: ids of the six base features every row starts with
    roots: np.ndarray  # each cue's root token (global): the token the others relate to

    def row_ids(self) -> np.ndarray:
        """All 23 ids of each row: the six base features, then the rest."""
        return np.concatenate([self.prefix[self.tokens], self.ids[:, 6:]], axis=1)


class FeatureEncoder:
    """Attribute-id matrices for the cue and role taggers of one model."""

    def __init__(self, cue: CRF, role: CRF, prior: CuePrior | None = None) -> None:
        self.cue = AttributeTable(cue)
        self.role = AttributeTable(role)
        self.prior = prior  # lemma -> how often it is a cue word (features.cue_features)
        self._prior_memo: dict[int, int] = {}
        self._word_memo: dict[str, dict[int, tuple[int, ...]]] = {}
        self._lex_memo: dict[int, int] = {}
        self._pair_memo: dict[tuple[int, int], tuple[int, int]] = {}

    # -- features spelt from one token attribute --------------------------------

    def _word_table(self, t: TokenArrays, column: str) -> np.ndarray:
        """``(n_values, n_features)``: ids of every ``WORD_FEATURES[column]`` feature of
        each distinct value of the column in this batch (one dict lookup per value)."""
        key = ("words", id(self), column)
        found = t._coded.get(key)
        if found is not None:
            return found[0]
        s = t.strings
        _codes, values = t.coded(column)
        feats = WORD_FEATURES[column]
        tables = [self.cue if tagger == "cue" else self.role for tagger, _ in feats]
        memo = self._word_memo.setdefault(column, {})
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        rows: list[tuple[int, ...]] = []
        for v in values:
            row = memo.get(v)
            if row is None:
                text = s[v].lower() if column == "lemma" else s[v]
                row = memo[v] = tuple(
                    table.crf.attr_ids.get(name + "=" + text, table.pad)
                    for table, (_, name) in zip(tables, feats, strict=True))
            rows.append(row)
        out = np.array(rows, dtype=np.intp).reshape(len(values), len(feats))
        t._coded[key] = (out, [])
        return out

    def word(self, t: TokenArrays, column: str, tagger: str, name: str,
             at: np.ndarray | None = None) -> np.ndarray:
        """Ids of the feature ``name`` spelt from ``column`` for every token (or at ``at``)."""
        codes = t.coded(column)[0]
        j = WORD_FEATURES[column].index((tagger, name))
        return self._word_table(t, column)[codes if at is None else codes[at], j]

    def _per_lemma(self, t: TokenArrays, memo: dict[int, int],
                   value: Callable[[str], int]) -> np.ndarray:
        """Per token: ``value`` of its lowercased lemma, computed once per distinct lemma
        (and remembered across batches in ``memo``)."""
        s = t.strings
        codes, lemmas = t.coded("lemma")
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        out = []
        for v in lemmas:
            k = memo.get(v)
            if k is None:
                k = memo[v] = value(s[v].lower())
            out.append(k)
        return np.array(out, dtype=np.int64)[codes]

    def lexicon_flags(self, t: TokenArrays) -> np.ndarray:
        """Per token: whether its lemma is in ``CUE_LEMMAS`` (0/1)."""
        key = ("lex", id(self))
        found = t._coded.get(key)
        if found is None:
            flags = self._per_lemma(t, self._lex_memo, lambda lemma: int(lemma in CUE_LEMMAS))
            found = t._coded[key] = (flags, [])
        return found[0]

    # -- per token ------------------------------------------------------------

    def base_ids(self, table: AttributeTable, t: TokenArrays, which: Sequence[int]
                 ) -> list[np.ndarray]:
        """Ids of ``token_base`` features number ``which`` (0-19) for every token."""
        s = t.strings
        n = t.n
        head = t.head
        tagger = "cue" if table is self.cue else "role"
        # children: their labels, and the first nominal subject
        has_head = head != np.arange(n)
        kids = np.zeros(n, dtype=np.int64)
        ccomp = np.zeros(n, dtype=bool)
        nsubj = np.zeros(n, dtype=bool)
        subj = np.full(n, -1, dtype=np.int64)
        if n:
            dep_codes, dep_values = t.coded("dep")
            dep_str = np.array([s[h] for h in dep_values], dtype=object)[dep_codes]
            for bit, name in enumerate(KIDS):
                sel = has_head & (dep_str == name)
                np.bitwise_or.at(kids, head[sel], 1 << bit)
            ccomp[head[has_head & (dep_str == "ccomp")]] = True
            is_subj = has_head & ((dep_str == "nsubj") | (dep_str == "nsubjpass"))
            nsubj[head[is_subj]] = True
            subj_idx = np.flatnonzero(is_subj)
            # the first subject child in token order
            subj[:] = n
            np.minimum.at(subj, head[subj_idx], subj_idx)
            subj[subj == n] = -1
        has_subj = subj >= 0
        sj = np.where(has_subj, subj, 0)
        subj_ent = take(t.coded("ent"), sj)
        subj_pos = take(t.coded("pos"), sj)
        lex = self.lexicon_flags(t) if n else np.zeros(0, dtype=np.int64)

        def subj_kind(has: int, ent: int, pos: int) -> str:
            return "none" if not has else (s[ent] or s[pos])

        word = self.word
        spellers: dict[int, Callable[[], np.ndarray]] = {
            0: lambda: word(t, "lower", tagger, "w"),
            1: lambda: word(t, "lemma", tagger, "l"),
            2: lambda: word(t, "tag", tagger, "p"),
            3: lambda: word(t, "dep", tagger, "d"),
            4: lambda: table.ids("s", [t.shape], lambda c: "s=" + SHAPES[c]),
            5: lambda: word(t, "lemma", tagger, "hl", head),
            6: lambda: word(t, "pos", tagger, "hp", head),
            7: lambda: table.ids("pd", [t.coded("pos"), t.coded("dep")],
                                 lambda p, d: "pd=" + s[p] + "|" + s[d]),
            8: lambda: table.ids("lex", [lex], lambda f: "lex=" + str(bool(f))),
            9: lambda: table.ids("lexp", [lex, t.coded("pos")],
                                 lambda f, p: "lexp=" + str(bool(f)) + s[p]),
            10: lambda: table.ids("q", [t.quote], lambda q: "q=" + str(q)),
            11: lambda: table.ids("ccomp", [ccomp], lambda c: "ccomp=" + str(bool(c))),
            12: lambda: table.ids("nsubj", [nsubj], lambda c: "nsubj=" + str(bool(c))),
            13: lambda: table.ids("sent0", [t.sent_start], lambda c: "sent0=" + SENT0[c]),
            14: lambda: word(t, "dep", tagger, "hd", head),
            15: lambda: table.ids("lexh", [lex[head], t.coded("dep")],
                                  lambda f, d: "lexh=" + str(bool(f)) + s[d]),
            16: lambda: table.ids("subj", [has_subj, subj_ent, subj_pos],
                                  lambda a, e, p: "subj=" + subj_kind(a, e, p)),
            17: lambda: table.ids("subjlex", [has_subj, subj_ent, subj_pos, lex],
                                  lambda a, e, p, f: "subjlex=" + subj_kind(a, e, p) + "|"
                                  + str(bool(f))),
            18: lambda: table.ids("kids", [kids], lambda m: "kids=" + "|".join(
                name for bit, name in enumerate(KIDS) if m >> bit & 1)),
            19: lambda: word(t, "ent", tagger, "ent"),
        }
        return [spellers[k]() for k in which]

    # -- cue tagger -----------------------------------------------------------

    def cue_ids(self, t: TokenArrays) -> np.ndarray:
        """``(n_tokens, 36)`` ids: ``cue_features`` of every token, in its layout
        (the last two columns, the lemma's prior, are padding without a prior)."""
        s = t.strings
        table = self.cue
        pad = table.pad
        n = t.n
        out = np.full((n, 36), pad, dtype=np.intp)
        if n == 0:
            return out
        base = self.base_ids(table, t, range(20))
        for k, col in enumerate(base):
            out[:, k] = col
        i = np.arange(n)
        has_next = i + 1 < t.sent_hi
        has_prev = i - 1 >= t.sent_lo
        # lemma bigrams: "bi+" of token i and "bi-" of token i + 1 spell the same pair
        if n > 1:
            codes, values = t.coded("lemma")
            pair = codes[:-1] * len(values) + codes[1:]
            uniq, inv = np.unique(pair, return_inverse=True)
            memo = self._pair_memo
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            get = table.crf.attr_ids.get
            rows: list[tuple[int, int]] = []
            for k in uniq.tolist():
                a, b = values[k // len(values)], values[k % len(values)]
                row = memo.get((a, b))
                if row is None:
                    text = "=l=" + s[a].lower() + "|l=" + s[b].lower()
                    row = memo[(a, b)] = (get("bi+" + text, pad), get("bi-" + text, pad))
                rows.append(row)
            ids = np.array(rows, dtype=np.intp).reshape(len(uniq), 2)[inv.reshape(-1)]
            out[:-1, 20] = np.where(has_next[:-1], ids[:, 0], pad)
            out[1:, 21] = np.where(has_prev[1:], ids[:, 1], pad)
        col = 22
        lex = self.lexicon_flags(t)
        for off in (-2, -1, 1, 2):
            j = i + off
            inside = (j >= t.sent_lo) & (j < t.sent_hi)
            jj = np.clip(j, 0, n - 1)
            p = f"{off}:"
            feats = [
                self.word(t, "lower", "cue", p + "w", jj),
                self.word(t, "tag", "cue", p + "p", jj),
            ]
            if off in (-1, 1):
                feats.append(self.word(t, "lemma", "cue", p + "l", jj))
                feats.append(table.ids(p + "lex", [lex],
                                       lambda f, p=p: p + "lex=" + str(bool(f)))[jj])
            edge = table.crf.attr_ids.get(p + "EDGE", pad)
            out[:, col] = np.where(inside, feats[0], edge)
            for k, f in enumerate(feats[1:], start=1):
                out[:, col + k] = np.where(inside, f, pad)
            col += len(feats)
        if self.prior is not None:
            bucket = self._prior_codes(t)
            out[:, col] = table.ids("prior", [bucket], lambda b: "prior=" + PRIOR_LABELS[b])
            out[:, col + 1] = table.ids("priorp", [bucket, t.coded("pos")],
                                        lambda b, p: "priorp=" + PRIOR_LABELS[b] + s[p])
        return out

    def _prior_codes(self, t: TokenArrays) -> np.ndarray:
        """Per token: the index in PRIOR_LABELS of its lemma's prior bucket."""
        prior = self.prior
        assert prior is not None
        return self._per_lemma(t, self._prior_memo,
                               lambda lemma: PRIOR_LABELS.index(prior.get(lemma, "rare")))

    # -- role tagger ----------------------------------------------------------

    def role_ids(
        self, t: TokenArrays, cues: Sequence[tuple[int, int]]
    ) -> RoleRows:
        """Ids of ``role_features`` for each cue's window, rows concatenated.

        ``cues`` are global token spans.
        """
        s = t.strings
        table = self.role
        pad = table.pad
        heads = t.head
        head_list = heads.tolist()
        sent_lo, sent_hi = t.sent_lo, t.sent_hi
        windows: list[tuple[int, int]] = []
        roots: list[int] = []
        cue_sent: list[tuple[int, int]] = []
        near: list[tuple[int, int]] = []
        qadj: list[tuple[int, int]] = []
        for cstart, cend in cues:
            lo_doc, hi_doc = int(t.doc_lo[cstart]), int(t.doc_hi[cstart])
            root = cstart
            for i in range(cstart, cend):
                h = head_list[i]
                if h < cstart or h >= cend or h == i:
                    root = i
                    break
            # role_window: the cue's sentence and two each side
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
            cue_sent.append((rs, re_))
            near.append((prev_start, next_end))
            qadj.append((qa + lo_doc, qb + lo_doc))
        lengths = np.array([we - ws for ws, we in windows], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        n_rows = int(starts[-1])
        out = np.full((n_rows, 23), pad, dtype=np.intp)
        if n_rows == 0:
            return RoleRows(out, windows, starts[:-1], np.zeros(0, dtype=np.int64),
                            np.zeros((0, 6), dtype=np.intp), np.asarray(roots, dtype=np.int64))
        prefix = self.role_prefix(t)

        def per_row(values: Sequence[int]) -> np.ndarray:
            return np.repeat(np.asarray(values, dtype=np.int64), lengths)

        cue_of = np.repeat(np.arange(len(cues)), lengths)
        tok = np.arange(n_rows) - starts[:-1][cue_of] + per_row([w[0] for w in windows])
        cs = per_row([c[0] for c in cues])
        ce = per_row([c[1] for c in cues])
        r = per_row(roots)
        in_cue = (tok >= cs) & (tok < ce)
        # dependency relation of each token to the cue root
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
        kind = np.where(in_cue, REL_CUE, np.where(under, REL_UNDER,
                        np.where(above, REL_ABOVE, REL_NONE)))
        dep_codes, dep_values = t.coded("dep")
        # 0: no label (not under the root); else 1 + the code of the child's label
        rel_dep = (np.where(kind == REL_UNDER, dep_codes[child] + 1, 0), [0, *dep_values])

        def rel(k: int, d: int) -> str:
            return ("CUE", "none", "above")[k] if k != REL_UNDER else "under:" + s[d]

        # distance to the cue, bucketed as features._bucket does
        delta = np.where(in_cue, 0, np.where(tok < cs, tok - cs, tok - ce + 1))
        mag = np.abs(delta)
        bucket = np.select(
            [mag == 0, mag == 1, mag == 2, mag <= 5, mag <= 10], [0, 1, 2, 3, 4], 5)
        bucket = np.where((delta > 0), bucket + 5, bucket)
        rs = per_row([c[0] for c in cue_sent])
        re_ = per_row([c[1] for c in cue_sent])
        ps = per_row([x[0] for x in near])
        ne = per_row([x[1] for x in near])
        sr = np.where((tok >= rs) & (tok < re_), 0,
                      np.where(tok < rs, np.where(ps <= tok, 1, 2),
                               np.where(tok < ne, 3, 4)))
        qa = per_row([x[0] for x in qadj])
        qb = per_row([x[1] for x in qadj])
        adj = ((qa <= tok) & (tok < qb)).astype(np.int64)
        q = t.quote[tok]

        out[:, :6] = prefix[tok]
        out[:, 6] = table.ids("rel", [kind, rel_dep], lambda k, d: "rel=" + rel(k, d))
        out[:, 7] = table.ids("pos", [bucket], lambda b: "pos=" + BUCKETS[b])
        out[:, 8] = table.ids("sr", [sr], lambda c: "sr=" + SENT_RELS[c])
        out[:, 9] = table.ids("rel|pos", [kind, rel_dep, bucket],
                              lambda k, d, b: "rel|pos=" + rel(k, d) + "|" + BUCKETS[b][0])
        out[:, 10] = table.ids("rel|d", [kind, rel_dep, (dep_codes[tok], dep_values)],
                               lambda k, d, e: "rel|d=" + rel(k, d) + "|" + s[e])
        out[:, 11] = table.ids("sr|q", [sr, q], lambda c, x: f"sr|q={SENT_RELS[c]}|q={x}")
        out[:, 12] = table.ids("pos|q", [bucket, q], lambda b, x: f"pos|q={BUCKETS[b]}|q={x}")
        root_at = np.asarray(roots, dtype=np.int64)
        out[:, 13] = np.repeat(self.word(t, "lemma", "role", "cuel", root_at), lengths)
        out[:, 14] = np.repeat(self.word(t, "dep", "role", "cued", root_at), lengths)
        out[:, 15] = table.ids("qadj", [adj], lambda a: "qadj=" + str(bool(a)))
        out[:, 16] = table.ids("qadj|sr", [adj, sr],
                               lambda a, c: "qadj=" + str(bool(a)) + "|" + SENT_RELS[c])
        first = np.zeros(n_rows, dtype=bool)
        first[starts[:-1]] = True
        last = np.zeros(n_rows, dtype=bool)
        last[starts[1:] - 1] = True
        row = np.arange(n_rows)
        col = 17
        for off, edge_rows in ((-1, first), (1, last)):
            p = f"{off}:"
            nb = np.clip(row + off, 0, n_rows - 1)
            nb_tok = np.clip(tok + off, 0, t.n - 1)
            edge = table.crf.attr_ids.get(p + "EDGE", pad)
            feats = (
                table.ids(p + "rel", [kind[nb], take(rel_dep, nb)],
                          lambda k, d, p=p: p + "rel=" + rel(k, d)),
                self.word(t, "lower", "role", p + "w", nb_tok),
                table.ids(p + "q", [t.quote[nb_tok]], lambda x, p=p: f"{p}q={x}"),
            )
            out[:, col] = np.where(edge_rows, edge, feats[0])
            out[:, col + 1] = np.where(edge_rows, pad, feats[1])
            out[:, col + 2] = np.where(edge_rows, pad, feats[2])
            col += 3
        return RoleRows(out, windows, starts[:-1], tok, prefix, np.asarray(roots, dtype=np.int64))

    def role_prefix(self, t: TokenArrays) -> np.ndarray:
        """Per token, the role model's ids of the six base features it starts with."""
        cols = self.base_ids(self.role, t, (0, 1, 2, 3, 4, 10))
        return np.stack(cols, axis=1) if t.n else np.zeros((0, 6), dtype=np.intp)


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
