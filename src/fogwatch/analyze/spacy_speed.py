"""Running spaCy's small English model for less, with the same output.

Two costs measured with ``benchmarks/throughput.py`` on one core:

- thinc's CPU ops multiply matrices with BLIS by default. numpy's own BLAS
  (OpenBLAS in numpy's wheels) ran the tok2vec and NER layers in about half
  the time, and gave the same tags, parses and entities on the demo corpus and
  PolNeAR dev. :func:`blas_ops` is the context to load the model in.
- ``attribute_ruler`` runs a Matcher that tries each of its 179 patterns at
  every token, about a tenth of the model's time. Almost all are one-token
  patterns on the tag and the lowercase form; :class:`IndexedRulerMatch` looks
  those up in dicts and leaves only the rest to a Matcher, and returns the same
  matches in the same order as ``AttributeRuler.match``.
- numpy's OpenBLAS starts one thread per core. spaCy's small model multiplies
  small matrices, for which the threads cost more than they give: unpinned,
  ``fogwatch eval polnear`` ran 2.4 times slower on two cores.
  :func:`pin_blas_threads` sets the pool to one thread (``FOGWATCH_BLAS_THREADS``
  overrides; ``0`` leaves it as the process has it) wherever a model is loaded,
  so every command, the web app, Dask workers and the Python API run as the
  benchmarks do. Parallelism comes from processes (``fogwatch batch``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from thinc.api import NumpyOps, get_current_ops, set_current_ops

BLAS_THREADS_VAR = "FOGWATCH_BLAS_THREADS"
_pinned: Any = None  # the threadpoolctl limiter, kept alive for the process's life


def pin_blas_threads() -> int | None:
    """Limit the BLAS thread pools to ``FOGWATCH_BLAS_THREADS`` (default 1); the
    limit set, or None when the variable is 0 or threadpoolctl is missing."""
    global _pinned
    raw = os.environ.get(BLAS_THREADS_VAR, "").strip()
    try:
        wanted = int(raw) if raw else 1
    except ValueError:
        wanted = 1
    if wanted <= 0:
        return None
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # declared as a dependency; without it the pools stay as they are
        return None
    _pinned = threadpool_limits(limits=wanted, user_api="blas")
    return wanted


@contextmanager
def blas_ops() -> Iterator[None]:
    """Models created inside use numpy's matrix product instead of BLIS."""
    previous = get_current_ops()
    if type(previous) is not NumpyOps:  # e.g. a GPU chosen by the caller: leave it
        yield
        return
    set_current_ops(NumpyOps(use_blis=False))
    try:
        yield
    finally:
        set_current_ops(previous)


Match = tuple[int, int, int, int]  # (attribute-set index, match id, start, end)


def _values(spec: Any) -> list[str] | None:
    """The strings a one-token pattern value accepts, or None if it is not a plain set."""
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(
        isinstance(v, str) for v in spec["IN"]
    ):
        return list(spec["IN"])
    return None


class IndexedRulerMatch:
    """A drop-in for ``AttributeRuler.match``: dict lookups for one-token TAG/LOWER rules.

    A rule goes to the index when it has a single pattern of one token whose
    only keys are ``TAG`` and ``LOWER`` (a string or ``{"IN": [...]}`` each);
    other rules of one pattern on ``TAG``, ``LOWER``, ``DEP`` (strings, ``IN``,
    ``NOT_IN``, ``REGEX`` on ``LOWER``) and ``IS_SPACE``, without operators, are
    tested on the token arrays; anything else stays with a Matcher. The index is
    rebuilt when rules are added.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self._size = -1
        self._by_tag: dict[int, list[tuple[int, int]]] = {}
        self._by_lower: dict[int, list[tuple[int, int]]] = {}
        self._by_pair: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._rest: Matcher | None = None
        self._tested: list[tuple[int, int, list[list[tuple[str, bool, Any]]]]] = []
        self._regex: dict[tuple[str, int], bool] = {}

    def _build(self) -> None:
        ruler = self.ruler
        strings = ruler.vocab.strings
        by_tag: dict[int, list[tuple[int, int]]] = {}
        by_lower: dict[int, list[tuple[int, int]]] = {}
        by_pair: dict[tuple[int, int], list[tuple[int, int]]] = {}
        rest = Matcher(ruler.vocab)
        n_rest = 0
        tested: list[tuple[int, int, list[list[tuple[str, bool, Any]]]]] = []
        for i in range(len(ruler.attrs)):
            key = str(i)
            match_id = strings.add(key)
            patterns = ruler.matcher.get(key)[1]
            token = patterns[0][0] if len(patterns) == 1 and len(patterns[0]) == 1 else None
            spec = {k.upper(): v for k, v in token.items()} if token else {}
            tags = _values(spec["TAG"]) if "TAG" in spec else None
            lowers = _values(spec["LOWER"]) if "LOWER" in spec else None
            plain = (
                token is not None and set(spec) <= {"TAG", "LOWER"} and spec
                and ("TAG" not in spec or tags is not None)
                and ("LOWER" not in spec or lowers is not None)
            )
            if not plain:
                tests = [_token_test(t, strings) for t in patterns[0]] \
                    if len(patterns) == 1 and patterns[0] else [None]
                if all(t is not None for t in tests):
                    tested.append((i, match_id, tests))  # type: ignore[arg-type]
                else:
                    rest.add(key, patterns)
                    n_rest += 1
                continue
            entry = (i, match_id)
            # the same string listed twice in an IN set still matches once
            tag_ids = {strings.add(t) for t in tags} if tags is not None else None
            lower_ids = {strings.add(w) for w in lowers} if lowers is not None else None
            if tag_ids is not None and lower_ids is not None:
                for t in tag_ids:
                    for w in lower_ids:
                        by_pair.setdefault((w, t), []).append(entry)
            elif tag_ids is not None:
                for t in tag_ids:
                    by_tag.setdefault(t, []).append(entry)
            elif lower_ids is not None:
                for w in lower_ids:
                    by_lower.setdefault(w, []).append(entry)
        self._by_tag, self._by_lower, self._by_pair = by_tag, by_lower, by_pair
        self._rest = rest if n_rest else None
        self._tested = tested
        self._size = len(ruler.attrs)

    def _passes(self, doc: Doc, columns: dict[str, np.ndarray],
                test: list[tuple[str, bool, Any]]) -> np.ndarray:
        ok = np.ones(len(doc), dtype=bool)
        for name, inside, values in test:
            if name == "IS_SPACE":
                ok &= columns[name].astype(bool) == values
            elif name == "REGEX":
                # the Matcher searches the lowercase form: once per distinct word
                strings = doc.vocab.strings
                lowers, where = np.unique(columns["LOWER"], return_inverse=True)
                memo = self._regex
                found = []
                for h in lowers.tolist():
                    hit = memo.get((values, h))
                    if hit is None:
                        hit = memo[(values, h)] = re.search(values, strings[h]) is not None
                    found.append(hit)
                ok &= np.array(found, dtype=bool)[where.reshape(-1)]
            else:
                ok &= np.isin(columns[name], values) == inside
        return ok

    def __call__(self, doc: Doc) -> list[Match]:
        if self._size != len(self.ruler.attrs):
            self._build()
        strings = self.ruler.vocab.strings
        out: list[Match] = []
        if self._rest is not None:
            out = [(int(strings[m]), m, s, e)
                   for m, s, e in self._rest(doc, allow_missing=True, as_spans=False)]
        if len(doc) and self._tested:
            columns = dict(zip(("TAG", "LOWER", "DEP", "IS_SPACE"),
                               doc.to_array([TAG, LOWER, DEP, IS_SPACE]).T, strict=True))
            n = len(doc)
            for attr_id, match_id, tests in self._tested:
                # a pattern of k tokens matches at i when token i + j passes test j
                size = len(tests)
                hit = np.zeros(n, dtype=bool)
                hit[: max(0, n - size + 1)] = True
                for j, test in enumerate(tests):
                    if not hit.any():
                        break
                    ok = self._passes(doc, columns, test)
                    hit[: n - j] &= ok[j:]
                out.extend((attr_id, match_id, i, i + size)
                           for i in np.flatnonzero(hit).tolist())
        if len(doc):
            by_tag, by_lower, by_pair = self._by_tag, self._by_lower, self._by_pair
            array = doc.to_array([TAG, LOWER]).tolist()
            for i, (tag, lower) in enumerate(array):
                for entries in (by_tag.get(tag), by_lower.get(lower), by_pair.get((lower, tag))):
                    if entries:
                        out.extend((a, m, i, i + 1) for a, m in entries)
        out.sort()
        return out


def _token_test(token: dict[str, Any], strings: Any) -> list[tuple[str, bool, Any]] | None:
    """A pattern token on TAG, LOWER, DEP (strings, IN, NOT_IN; REGEX on LOWER) and
    IS_SPACE (a bool) as (attribute, wanted inside, hashes, bool or regex) tests;
    None for anything else (operators, other attributes)."""
    test: list[tuple[str, bool, Any]] = []
    for key, spec in token.items():
        name = key.upper()
        if name == "IS_SPACE":
            if not isinstance(spec, bool):
                return None
            test.append((name, True, spec))
            continue
        if name not in ("TAG", "LOWER", "DEP"):
            return None
        if name == "LOWER" and isinstance(spec, dict) and set(spec) == {"REGEX"} \
                and isinstance(spec["REGEX"], str):
            test.append(("REGEX", True, spec["REGEX"]))
            continue
        if isinstance(spec, str):
            inside, values = True, [spec]
        elif isinstance(spec, dict) and len(spec) == 1 and set(spec) <= {"IN", "NOT_IN"}:
            op, values = next(iter(spec.items()))
            inside = op == "IN"
            if not all(isinstance(v, str) for v in values):
                return None
        else:
            return None
        test.append((name, inside, np.array([strings.add(v) for v in values], dtype=np.uint64)))
    return test or None


def index_attribute_ruler(nlp: Language) -> None:
    """Give the pipeline's attribute ruler (if any) the indexed matcher."""
    for _name, component in nlp.pipeline:
        if isinstance(component, AttributeRuler) and not isinstance(
            component.__dict__.get("match"), IndexedRulerMatch
        ):
            component.match = IndexedRulerMatch(component)  # type: ignore[method-assign]
