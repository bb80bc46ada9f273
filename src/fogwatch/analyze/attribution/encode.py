"""The attribution features of :mod:`~fogwatch.analyze.attribution.features`, evaluated
over a batch of docs: as strings for training, as attribute ids for tagging.

The spec declares each feature by the columns it reads
(:mod:`~fogwatch.analyze.attribution.columns`). Here a feature is evaluated for
all items at once: the key of each item (the values of its columns) is found
with array operations, each distinct key is spelt once, and the spelling is
either handed out per item (``cue_strings``, ``role_strings``: what CRFsuite
trains on) or looked up in the model's attribute table (:class:`FeatureEncoder`:
what :class:`~fogwatch.analyze.attribution.crf.CRF` scores). Both go through
:func:`evaluate` and :func:`spell`, so the strings the models were trained on and
the ids they tag with cannot disagree.

Each item gets a fixed column layout that keeps its features in the spec's
order, with padding (the model's all-zero row) where an item lacks one, so
state scores are summed in CRFsuite's order and come out the same to the last
bit. ``tests/analyze/test_attrib_crf.py`` checks the ids against the strings,
and the strings against CRFsuite, on real text.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from fogwatch.analyze.attribution.columns import (
    MEMO_LIMIT,
    Col,
    RoleItems,
    TokenArrays,
    TokenColumns,
    role_items,
)
from fogwatch.analyze.attribution.columns import token_arrays as token_arrays  # re-exported
from fogwatch.analyze.attribution.crf import CRF
from fogwatch.analyze.attribution.features import (
    CUE,
    ROLE,
    ROLE_TOKEN,
    CuePrior,
    Feature,
    Slot,
)

if ROLE[:len(ROLE_TOKEN)] != ROLE_TOKEN:
    raise ValueError("the role spec must start with its per-token features")


@dataclass(slots=True)
class Items:
    """What a spec is evaluated over: items in sequences, each reading a token.

    ``lo``/``hi``: per item, the items of its sequence ``[lo, hi)`` (neighbours
    stop there); ``token``: per item, its token (global index); ``own``: columns
    of the items themselves; ``pointers``: per item, a token it points to (other
    than its own and its head).
    """

    tokens: TokenColumns
    lo: np.ndarray
    hi: np.ndarray
    token: np.ndarray
    own: dict[str, Col]
    pointers: dict[str, np.ndarray]

    @property
    def n(self) -> int:
        return len(self.token)

    @classmethod
    def of_tokens(cls, cols: TokenColumns) -> Items:
        """Every token an item, in its sentence (the cue tagger's sequences)."""
        t = cols.t
        return cls(cols, t.sent_lo, t.sent_hi, np.arange(t.n, dtype=np.int64), {}, {})

    @classmethod
    def of_roles(cls, cols: TokenColumns, rows: RoleItems) -> Items:
        """Every token of every cue's window an item, the window its sequence."""
        cue_of = np.repeat(np.arange(len(rows.sizes)), rows.sizes)
        lo = rows.starts[cue_of]
        return cls(cols, lo, lo + rows.sizes[cue_of], rows.tokens, rows.cols,
                   {"root": rows.roots[cue_of]})

    def column(self, ref: str, at: np.ndarray) -> tuple[Col | None, np.ndarray | None]:
        """Column ``ref`` at items ``at``, and where it exists (None: everywhere).

        ``ref`` is ``[+k.|-k.][pointer.]name`` as features.Feature describes;
        the column is None when the batch lacks it (a model without a prior).
        """
        valid = None
        head, _, rest = ref.partition(".")
        if rest and head[0] in "+-":
            shifted = at + int(head)
            valid = (shifted >= self.lo[at]) & (shifted < self.hi[at])
            at = np.clip(shifted, 0, max(self.n - 1, 0))
            ref = rest
            head, _, rest = ref.partition(".")
        if not rest:
            if ref in self.own:
                return self.own[ref].at(at), valid
            tokens = self.token[at]
        else:
            ref = rest
            tokens = (self.tokens.t.head[self.token[at]] if head == "head"
                      else self.pointers[head][at])
        if not self.tokens.has(ref):
            return None, valid
        return self.tokens[ref].at(tokens), valid


@dataclass(slots=True)
class Evaluated:
    """One column of a layout: the distinct keys (a value, or a tuple of values for a
    feature of several columns), each item's key, where it is present (None:
    everywhere) and, for a neighbour's first feature, where ``EDGE`` stands."""

    prefix: str  # "-1:" for a neighbour's feature, else ""
    feature: Feature
    keys: list[Hashable]
    cols: list[Col]
    inverse: np.ndarray
    present: np.ndarray | None
    edge: np.ndarray | None = None

    @property
    def tag(self) -> tuple[str, Feature]:
        return self.prefix, self.feature


def _key_codes(cols: Sequence[Col]) -> tuple[list[Hashable], np.ndarray]:
    """The distinct keys of some equally long columns and each item's index among them."""
    n = len(cols[0].codes)
    code: np.ndarray | None = None
    total = 1
    for col in cols:
        code = col.codes if code is None else code * len(col.values) + col.codes
        total *= len(col.values)
    assert code is not None
    if total >= 1 << 62:  # the mixed-radix code would overflow int64
        raise ValueError("key space of a feature too large to encode")
    if n == 0:
        return [], np.zeros(0, dtype=np.intp)
    if total <= max(4 * n, 1 << 12):  # small key space: find the keys present without sorting
        present = np.flatnonzero(np.bincount(code, minlength=total))
        where = np.zeros(total, dtype=np.intp)
        where[present] = np.arange(len(present))
        uniq, inv = present, where[code]
    else:
        uniq, inv = np.unique(code, return_inverse=True)
    if len(cols) == 1:
        values = cols[0].values
        return [values[k] for k in uniq.tolist()], inv.reshape(-1)
    parts: list[list[Hashable]] = []
    rest = uniq
    for col in reversed(cols):
        values = col.values
        parts.append([values[k] for k in (rest % len(values)).tolist()])
        rest = rest // len(values)
    return list(zip(*reversed(parts), strict=True)), inv.reshape(-1)


def _feature(items: Items, prefix: str, feature: Feature, at: np.ndarray,
             present: np.ndarray | None) -> Evaluated:
    cols: list[Col] = []
    for ref in feature.cols:
        col, valid = items.column(ref, at)
        if col is None:  # the batch lacks the column: the feature is absent
            return Evaluated(prefix, feature, [], [], np.zeros(len(at), dtype=np.intp),
                             np.zeros(len(at), dtype=bool))
        if valid is not None:
            present = valid if present is None else present & valid
        cols.append(col)
    keys, inverse = _key_codes(cols)
    return Evaluated(prefix, feature, keys, cols, inverse, present)


def evaluate(layout: Sequence[Slot], items: Items) -> list[Evaluated]:
    """Every column of ``layout`` over ``items``, in order."""
    out: list[Evaluated] = []
    every = np.arange(items.n, dtype=np.int64)
    for slot in layout:
        if isinstance(slot, Feature):
            out.append(_feature(items, "", slot, every, None))
            continue
        shifted = every + slot.offset
        inside = (shifted >= items.lo) & (shifted < items.hi)
        at = np.clip(shifted, 0, max(items.n - 1, 0))
        prefix = f"{slot.offset}:"
        for k, feature in enumerate(slot.features):
            found = _feature(items, prefix, feature, at, inside)
            if k == 0:
                found.edge = ~inside
            out.append(found)
    return out


def spell(ev: Evaluated, key: Hashable) -> str:
    """The feature string of one key of an evaluated column."""
    if len(ev.cols) == 1:
        texts = [ev.cols[0].text(key)]
    else:
        texts = [col.text(v) for v, col in zip(key, ev.cols, strict=True)]  # type: ignore[call-overload]
    return ev.prefix + ev.feature.name + "=" + ev.feature.fmt.format(*texts)


def edge(ev: Evaluated) -> str:
    return ev.prefix + "EDGE"


# -- strings (training) ------------------------------------------------------------


def strings(evaluated: Sequence[Evaluated], n: int) -> list[list[str]]:
    """Each item's feature strings, in layout order (absent features left out)."""
    columns: list[np.ndarray] = []
    for ev in evaluated:
        spelt = np.array([spell(ev, key) for key in ev.keys] + [None], dtype=object)
        col = spelt[ev.inverse] if ev.keys else np.full(n, None, dtype=object)
        if ev.present is not None:
            col[~ev.present] = None
        if ev.edge is not None:
            col[ev.edge] = edge(ev)
        columns.append(col)
    if not columns:
        return [[] for _ in range(n)]
    rows = np.stack(columns, axis=1).tolist()
    return [[f for f in row if f is not None] for row in rows]


def cue_strings(t: TokenArrays, prior: CuePrior | None = None) -> list[list[str]]:
    """The cue tagger's features of every token of ``t`` (sequences: sentences)."""
    items = Items.of_tokens(TokenColumns(t, prior))
    return strings(evaluate(CUE, items), items.n)


def role_strings(t: TokenArrays, cues: Sequence[tuple[int, int]]
                 ) -> tuple[list[list[str]], RoleItems]:
    """The role tagger's features of every token of each cue's window (``cues``:
    global token spans), windows one after another, and the windows."""
    cols = TokenColumns(t)
    rows = role_items(t, cols, cues)
    return strings(evaluate(ROLE, Items.of_roles(cols, rows)), rows.n), rows


# -- ids (tagging) -------------------------------------------------------------------


@dataclass(slots=True)
class RoleRows:
    """The role tagger's attribute ids for a batch of cues, one window after another."""

    ids: np.ndarray  # (n_rows, len(ROLE)) attribute ids in the spec's order
    windows: list[tuple[int, int]]  # each cue's window, global [start, end)
    starts: np.ndarray  # the row where each window starts
    tokens: np.ndarray  # the global token of each row
    prefix: np.ndarray  # per token: ids of the ROLE_TOKEN features every row starts with
    roots: np.ndarray  # each cue's root token (global): the token the others relate to

    def row_ids(self) -> np.ndarray:
        """All ids of each row: the per-token features, then the rest."""
        return self.ids


class AttributeTable:
    """A CRF's attribute ids, looked up once per distinct key and remembered."""

    def __init__(self, crf: CRF) -> None:
        self.crf = crf
        self.pad = crf.pad
        self._memo: dict[tuple[str, Feature], dict[Hashable, int]] = {}

    def matrix(self, evaluated: Sequence[Evaluated], n: int) -> np.ndarray:
        """``(n, len(evaluated))`` attribute ids, padding where a feature is absent."""
        out = np.full((n, len(evaluated)), self.pad, dtype=np.intp)
        get = self.crf.attr_ids.get
        pad = self.pad
        for j, ev in enumerate(evaluated):
            if ev.keys:
                memo = self._memo.setdefault(ev.tag, {})
                if len(memo) > MEMO_LIMIT:
                    memo.clear()
                found = [memo.get(key) for key in ev.keys]
                for k, v in enumerate(found):
                    if v is None:
                        key = ev.keys[k]
                        found[k] = memo[key] = get(spell(ev, key), pad)
                col = np.array(found, dtype=np.intp)[ev.inverse]
                if ev.present is not None:
                    col[~ev.present] = pad
                out[:, j] = col
            if ev.edge is not None:
                out[ev.edge, j] = get(edge(ev), pad)
        return out


class FeatureEncoder:
    """Attribute-id matrices for the cue and role taggers of one model."""

    def __init__(self, cue: CRF, role: CRF, prior: CuePrior | None = None) -> None:
        self.cue = AttributeTable(cue)
        self.role = AttributeTable(role)
        self.prior = prior  # lemma -> how often it is a cue word (the ``prior`` column)
        self._memo: dict[str, dict[int, int]] = {}  # per-lemma columns, across batches

    def columns(self, t: TokenArrays) -> TokenColumns:
        """The token columns of ``t``, computed once per batch for both taggers."""
        key = ("columns", id(self))
        cols = t.cache.get(key)
        if cols is None:
            cols = t.cache[key] = TokenColumns(t, self.prior, self._memo)
        return cols  # type: ignore[return-value]

    def cue_ids(self, t: TokenArrays) -> np.ndarray:
        """``(n_tokens, len(CUE) + ...)`` ids of the cue features of every token."""
        items = Items.of_tokens(self.columns(t))
        return self.cue.matrix(evaluate(CUE, items), items.n)

    def role_prefix(self, t: TokenArrays) -> np.ndarray:
        """Per token, the role model's ids of the ROLE_TOKEN features."""
        key = ("role prefix", id(self))
        found = t.cache.get(key)
        if found is None:
            items = Items.of_tokens(self.columns(t))
            found = t.cache[key] = self.role.matrix(evaluate(ROLE_TOKEN, items), items.n)
        return found  # type: ignore[return-value]

    def role_ids(self, t: TokenArrays, cues: Sequence[tuple[int, int]]) -> RoleRows:
        """Ids of the role features for each cue's window, rows concatenated
        (``cues`` are global token spans)."""
        cols = self.columns(t)
        rows = role_items(t, cols, cues)
        items = Items.of_roles(cols, rows)
        rest = self.role.matrix(evaluate(ROLE[len(ROLE_TOKEN):], items), items.n)
        prefix = self.role_prefix(t)
        ids = np.concatenate([prefix[rows.tokens], rest], axis=1)
        return RoleRows(ids, rows.windows, rows.starts, rows.tokens, prefix, rows.roots)
