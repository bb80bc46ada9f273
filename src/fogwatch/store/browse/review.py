"""The review queue: the findings most worth an analyst's look, page by page.

A finding is listed for one or more reasons (a *lane* each):

- ``low_confidence``: its kind declares a score (``FindingKind.confidence``,
  0-1) and the score is under the threshold (a place the gazetteer could read
  several ways);
- ``unnamed_source``: an attribution whose source is no entity ("officials
  said", or no source at all);
- ``outlet_voice``: the article's own stance on a claim (``role`` outlet in
  ``proposition_stances``) does not fit the reporter's stance the attribution
  stage gave the attribution it rests on (the outlet *denies* a claim whose
  attribution the reporter *asserted*; it only *reports* one it *disputed*);
- ``one_source``: a claim one article alone reports, from one speaker: the
  attribution it rests on.

Only findings nobody has reviewed are listed (``review`` is NULL): a confirmed,
corrected or rejected one leaves the queue. Every lane is one query that walks
an index or a table's primary key newest first and stops after the rows it needs
(``offset + limit + 1``: the one past the page says whether there is a next),
so no page counts every row of a store of 100,000 documents; :func:`lane_counts`
counts each lane up to a cap. The mixed queue takes the lanes in turn, one row of
each; a page deeper than :data:`MAX_OFFSET` is not served.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.kinds import registry
from fogwatch.store.browse.common import DOC_COLUMNS, DocumentRef, clamp, document_ref
from fogwatch.store.schema import documents, propositions
from fogwatch.store.schema import proposition_stances as stances

if TYPE_CHECKING:
    from fogwatch.store.store import Store

LANES: dict[str, str] = {
    "low_confidence": "low confidence",
    "unnamed_source": "source is no entity",
    "outlet_voice": "outlet's stance disagrees with its own voice",
    "one_source": "claim with one source",
}
DEFAULT_BELOW = 0.5  # a score under this is low
MAX_OFFSET = 2000  # the deepest row a page may start at
COUNT_CAP = 1000  # lane counts stop here ("1000+")
CONTEXT = 240  # characters of text shown on each side of a finding, at most

# The reporter's stances (an attribution's ``stance``) that fit each stance the
# article takes on a claim as its own (``role`` outlet); any other pair disagrees.
OUTLET_FITS: dict[str, tuple[str, ...]] = {
    "asserts": ("asserted",),
    "reports": ("asserted", "hedged"),
    "unverified": ("unconfirmed", "hedged"),
    "denies": ("disputed", "refuted"),
}


_OUTLET_SAYS = {"asserts": "asserts", "reports": "only reports",
               "unverified": "says it cannot verify", "denies": "denies"}


@dataclass(slots=True)
class Reason:
    lane: str
    detail: str  # plain text, for people: "confidence 0.33", "unnamed source"
    proposition: str | None = None  # the claim it concerns, when it concerns one


@dataclass(slots=True)
class ReviewItem:
    """One finding in the queue, with why it is there and the words around it."""

    kind: str
    document: DocumentRef
    idx: int
    data: dict[str, Any]
    start: int | None
    end: int | None
    reasons: list[Reason] = field(default_factory=list)
    before: str = ""  # the text just before the finding, its words, the text after
    words: str = ""
    after: str = ""

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.document.id, self.idx)


_Row = tuple[str, str, int, Reason]  # kind, document, idx, why


def _unreviewed(table: sa.Table) -> Any:
    return table.c.review.is_(None)


def confidence_column(table: sa.Table, name: str) -> Any:
    """A kind's score as a number: its typed column, else the record's field in ``data``."""
    return table.c[name] if name in table.c else table.c.data[name].as_float()


def _scored_kinds() -> list[Any]:
    return [k for k in registry.kinds() if k.confidence]


def _low_confidence(below: float) -> list[tuple[sa.Select, Callable[[Any], _Row]]]:
    out = []
    for spec in _scored_kinds():
        table = spec.table
        score = confidence_column(table, spec.confidence)
        stmt = (sa.select(table.c.document_id, table.c.idx, score.label("score"))
                .where(_unreviewed(table), score < below).order_by(table.c.id.desc()))

        def row(r: Any, name: str = spec.name) -> _Row:
            return (name, r.document_id, r.idx,
                    Reason("low_confidence", f"confidence {float(r.score):.2f}"))
        out.append((stmt, row))
    return out


def _unnamed_source() -> list[tuple[sa.Select, Callable[[Any], _Row]]]:
    spec = registry.find("attributions")
    if spec is None:
        return []
    table = spec.table
    source_text = table.c.data["source"]["text"].as_string()
    stmt = (sa.select(table.c.document_id, table.c.idx, source_text.label("source"))
            .where(_unreviewed(table), table.c.source_entity.is_(None))
            .order_by(table.c.id.desc()))

    def row(r: Any) -> _Row:
        detail = f"source “{r.source}” is no entity" if r.source else "unnamed source"
        return ("attributions", r.document_id, r.idx, Reason("unnamed_source", detail))
    return [(stmt, row)]


def _attribution_of_stance() -> tuple[sa.Table, Any] | None:
    spec = registry.find("attributions")
    if spec is None:
        return None
    table = spec.table
    on = sa.and_(table.c.document_id == stances.c.document_id,
                 table.c.idx == stances.c.data["attribution"].as_integer())
    return table, on


def _outlet_voice() -> list[tuple[sa.Select, Callable[[Any], _Row]]]:
    found = _attribution_of_stance()
    if found is None:
        return []
    table, on = found
    disagrees = sa.or_(*(sa.and_(stances.c.stance == outlet, table.c.stance.not_in(fits))
                         for outlet, fits in OUTLET_FITS.items()))
    stmt = (sa.select(table.c.document_id, table.c.idx, stances.c.stance.label("outlet"),
                      table.c.stance.label("reporter"), stances.c.proposition_id)
            .select_from(stances.join(table, on))
            .where(stances.c.role == "outlet", _unreviewed(table), disagrees)
            .order_by(stances.c.id.desc()))

    def row(r: Any) -> _Row:
        detail = (f"the article {_OUTLET_SAYS.get(r.outlet, r.outlet)} the claim, but the "
                  f"reporter's stance on this attribution is {r.reporter}")
        return ("attributions", r.document_id, r.idx,
                Reason("outlet_voice", detail, r.proposition_id))
    return [(stmt, row)]


def _one_source() -> list[tuple[sa.Select, Callable[[Any], _Row]]]:
    found = _attribution_of_stance()
    if found is None:
        return []
    table, on = found
    # n_sources counts the speakers and the outlets: one article, one speaker is 2
    stmt = (sa.select(table.c.document_id, table.c.idx, propositions.c.id.label("pid"),
                      propositions.c.statement)
            .select_from(propositions.join(stances, stances.c.proposition_id == propositions.c.id)
                         .join(table, on))
            # the stances newest first, each claim by its key: a walk that stops
            # after the page, not a sort of every single-source claim
            .where(propositions.c.n_documents == 1, propositions.c.n_sources + 0 <= 2,
                   stances.c.role == "source", _unreviewed(table))
            .order_by(stances.c.id.desc()))

    def row(r: Any) -> _Row:
        statement = r.statement if len(r.statement) <= 160 else r.statement[:159] + "…"
        return ("attributions", r.document_id, r.idx,
                Reason("one_source", f"the only source of “{statement}”", r.pid))
    return [(stmt, row)]


def _lane_queries(lane: str, below: float) -> list[tuple[sa.Select, Callable[[Any], _Row]]]:
    if lane == "low_confidence":
        return _low_confidence(below)
    if lane == "unnamed_source":
        return _unnamed_source()
    if lane == "outlet_voice":
        return _outlet_voice()
    if lane == "one_source":
        return _one_source()
    raise ValueError(f"unknown review lane {lane!r}; lanes: {', '.join(LANES)}")


def _lane_rows(conn: Connection, lane: str, below: float, n: int) -> list[_Row]:
    """The first ``n`` distinct findings of one lane (a lane of several kinds takes
    them in turn)."""
    per_query = [[make(r) for r in conn.execute(stmt.limit(n))]
                 for stmt, make in _lane_queries(lane, below)]
    return _distinct(_in_turn(per_query))[:n]


def _in_turn(lists: list[list[_Row]]) -> list[_Row]:
    out: list[_Row] = []
    for i in range(max((len(x) for x in lists), default=0)):
        out.extend(x[i] for x in lists if i < len(x))
    return out


def _distinct(rows: Iterable[_Row]) -> list[_Row]:
    """One row per finding, in first-seen order (its later reasons dropped)."""
    seen: set[tuple[str, str, int]] = set()
    out = []
    for row in rows:
        if row[:3] not in seen:
            seen.add(row[:3])
            out.append(row)
    return out


def review_queue(
    store: Store, *, lane: str | None = None, below: float = DEFAULT_BELOW,
    limit: int = 50, offset: int = 0,
) -> tuple[list[ReviewItem], bool]:
    """One page of the queue and whether another follows.

    ``lane``: one of :data:`LANES`, or None for all of them in turn; a finding in
    several lanes is listed once, with each reason the page's rows give it.
    ``below``: the score under which a finding is of low confidence. ValueError
    for an unknown lane or an offset past :data:`MAX_OFFSET`.
    """
    limit, offset = clamp(limit, offset)
    if offset > MAX_OFFSET:
        raise ValueError(f"the review queue is served to row {MAX_OFFSET}; review the "
                         "first pages, or pick one lane")
    lanes = [lane] if lane else list(LANES)
    if lane is not None:
        _lane_queries(lane, below)  # an unknown lane is refused before any read
    want = offset + limit + 1
    with store.reading("listing the review queue") as conn:
        rows = _in_turn([_lane_rows(conn, name, below, want) for name in lanes])
        reasons: dict[tuple[str, str, int], list[Reason]] = {}
        for kind, doc, idx, why in rows:
            reasons.setdefault((kind, doc, idx), []).append(why)
        keys = list(reasons)
        page = keys[offset:offset + limit]
        items = _items(conn, page, reasons)
    return items, len(keys) > offset + limit


def _items(conn: Connection, keys: list[tuple[str, str, int]],
           reasons: dict[tuple[str, str, int], list[Reason]]) -> list[ReviewItem]:
    """The findings' records, documents and surrounding words, in ``keys``' order."""
    if not keys:
        return []
    found: dict[tuple[str, str, int], ReviewItem] = {}
    doc_ids = sorted({doc for _, doc, _ in keys})
    refs = {r.id: document_ref(r) for r in conn.execute(
        sa.select(*DOC_COLUMNS).where(documents.c.id.in_(doc_ids)))}
    for kind in sorted({k for k, _, _ in keys}):
        table = registry.get(kind).table
        wanted = {(doc, idx) for k, doc, idx in keys if k == kind}
        # by the (document_id, idx) index; a pair IN would scan the table on SQLite
        for r in conn.execute(
            sa.select(table.c.document_id, table.c.idx, table.c.data, table.c.start,
                      table.c.end)
            .where(table.c.document_id.in_(sorted({d for d, _ in wanted})),
                   table.c.idx.in_(sorted({i for _, i in wanted})))
        ):
            if (r.document_id, r.idx) in wanted and r.document_id in refs:
                key = (kind, r.document_id, r.idx)
                found[key] = ReviewItem(kind, refs[r.document_id], r.idx, dict(r.data),
                                        r.start, r.end, list(reasons[key]))
    items = [found[k] for k in keys if k in found]
    _add_context(conn, items)
    return items


def _add_context(conn: Connection, items: list[ReviewItem]) -> None:
    """The words of each finding and of its sentence around it (at most
    :data:`CONTEXT` characters each side), read as substrings of the text."""
    spans = [(n, it) for n, it in enumerate(items)
             if isinstance(it.start, int) and isinstance(it.end, int) and it.start < it.end]
    if not spans:
        return
    parts = []
    for n, it in spans:
        lo = max(0, it.start - CONTEXT)  # type: ignore[operator]
        length = min(it.end - lo, CONTEXT * 3) + CONTEXT  # type: ignore[operator]
        parts.append(sa.select(sa.literal(n).label("n"), sa.literal(lo).label("lo"),
                               sa.func.substr(documents.c.text, lo + 1, length).label("piece"))
                     .where(documents.c.id == it.document.id))
    texts = {}
    for chunk in (parts[i:i + 100] for i in range(0, len(parts), 100)):
        stmt = chunk[0] if len(chunk) == 1 else sa.union_all(*chunk)
        texts.update({r.n: (r.lo, r.piece or "") for r in conn.execute(stmt)})
    for n, it in spans:
        if n not in texts:
            continue
        lo, text = texts[n]
        s, e = it.start - lo, min(it.end - lo, len(text))  # type: ignore[operator]
        before, words, after = text[:s], text[s:e], text[e:]
        cut = max(before.rfind(". "), before.rfind("\n"), before.rfind("? "))
        before = before[cut + 2:] if cut >= 0 else ("…" if lo > 0 else "") + before
        ends = [i for i in (after.find(". "), after.find("\n"), after.find("? ")) if i >= 0]
        after = after[:min(ends) + 1] if ends else after + "…"
        it.before, it.words, it.after = before, words, after


def lane_counts(store: Store, *, below: float = DEFAULT_BELOW,
                cap: int = COUNT_CAP) -> dict[str, int]:
    """How many findings each lane holds, counted up to ``cap`` (a count of
    ``cap`` means at least that many)."""
    out = {}
    with store.reading("counting the review queue") as conn:
        for lane in LANES:
            out[lane] = min(cap, len(_lane_rows(conn, lane, below, cap)))
    return out
