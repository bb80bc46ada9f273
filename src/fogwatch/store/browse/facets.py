"""Facet counts for the list pages: how the rows a page's filters select divide by
outlet, month, section, type, category or contestedness.

Each count is one GROUP BY over the filtered set on an indexed column, and keeps
the ``top`` largest values, so it costs about what counting the page's total
does. A facet value's count equals the total the page shows once that value is
added to its filters (the pages build their facet links so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from fogwatch.store.browse.claims import claim_filters
from fogwatch.store.entity_stats import entity_filters
from fogwatch.store.records import published_date
from fogwatch.store.schema import documents, entities, proposition_stances, propositions

if TYPE_CHECKING:
    from fogwatch.store.store import Store

TOP = 12  # values per facet
MONTHS = 24  # the latest months a month facet lists

Counts = list[tuple[str, int]]


def _grouped(conn: Any, column: Any, where: list[Any], top: int, table: Any) -> Counts:
    n = sa.func.count()
    stmt = (
        sa.select(column.label("value"), n.label("n")).select_from(table)
        .where(*where, column.is_not(None))
        .group_by(column).order_by(n.desc(), column).limit(top)
    )
    return [(str(r.value), int(r.n)) for r in conn.execute(stmt) if r.value not in ("", None)]


def _latest_months(conn: Any, column: Any, where: list[Any], table: Any) -> Counts:
    month = sa.func.substr(column, 1, 7)
    stmt = (
        sa.select(month.label("m"), sa.func.count().label("n")).select_from(table)
        .where(*where, column.is_not(None))
        .group_by(month).order_by(month.desc()).limit(MONTHS)
    )
    return [(r.m, int(r.n)) for r in conn.execute(stmt) if r.m and len(r.m) == 7]


def document_facets(
    store: Store, *, since: str | None = None, until: str | None = None,
    section: str | None = "body", outlet: str | None = None, top: int = TOP,
) -> dict[str, Counts]:
    """Documents matching the filters by ``outlet``, by ``month`` published
    ("YYYY-MM", latest first) and by ``section``."""
    def where(*, skip: str = "") -> list[Any]:
        out: list[Any] = []
        if since:
            out.append(documents.c.published_date >= (published_date(since) or since))
        if until:
            out.append(documents.c.published_date <= (published_date(until) or until))
        if section and skip != "section":
            out.append(documents.c.section == section)
        if outlet:
            out.append(documents.c.outlet == outlet)
        return out

    with store.reading("counting document facets") as conn:
        return {
            "outlet": _grouped(conn, documents.c.outlet, where(), top, documents),
            "month": _latest_months(conn, documents.c.published_date, where(), documents),
            # every section (the page's own choice among them is a filter to switch)
            "section": _grouped(conn, documents.c.section, where(skip="section"), top, documents),
        }


def entity_facets(
    store: Store, *, type: str | None = None, query: str | None = None, top: int = TOP,
) -> dict[str, Counts]:
    """Entities matching the filters by ``type``."""
    with store.reading("counting entity facets") as conn:
        return {"type": _grouped(conn, entities.c.type, entity_filters(type, query), top,
                                 entities)}


def claim_facets(store: Store, *, top: int = TOP, **filters: Any) -> dict[str, Counts]:
    """Claims matching the filters (those of :func:`claim_filters`) by ``outlet`` (that
    took a stance on them), ``category``, ``contested`` ("yes"/"no") and ``month``.

    A claim counts in every month its first and last stances span: what the
    page's since/until filter (an overlap) keeps when set to that month.
    """
    where = claim_filters(**filters)
    # Every stance's claim is a claim: without filters, no membership test at all,
    # and the (outlet, proposition_id) index answers alone.
    stance_where = [proposition_stances.c.proposition_id.in_(
        sa.select(propositions.c.id).where(*where))] if where else []
    out: dict[str, Counts] = {}
    with store.reading("counting claim facets") as conn:
        n = sa.func.count(sa.distinct(proposition_stances.c.proposition_id))
        stmt = (
            sa.select(proposition_stances.c.outlet, n.label("n"))
            .where(*stance_where, proposition_stances.c.outlet.is_not(None))
            .group_by(proposition_stances.c.outlet)
            .order_by(n.desc(), proposition_stances.c.outlet).limit(top)
        )
        out["outlet"] = [(o, int(c)) for o, c in conn.execute(stmt) if o]
        out["category"] = _grouped(conn, propositions.c.type, where, top, propositions)
        contested = sa.select(propositions.c.contested, sa.func.count()).where(*where) \
            .group_by(propositions.c.contested)
        out["contested"] = sorted((("yes" if c else "no"), int(k))
                                  for c, k in conn.execute(contested))
        # grouped by the days themselves (read from the (first_seen, contested,
        # last_seen) index alone), then by month here
        first, last = propositions.c.first_seen, propositions.c.last_seen
        spans = (
            sa.select(first.label("a"), last.label("b"), sa.func.count().label("n"))
            .where(*where, first.is_not(None), last.is_not(None))
            .group_by(first, last)
        )
        by_months: dict[tuple[str, str], int] = {}
        for r in conn.execute(spans):
            span = (str(r.a)[:7], str(r.b)[:7])
            by_months[span] = by_months.get(span, 0) + int(r.n)
        months: dict[str, int] = {}
        for (a, b), k in by_months.items():
            for m in _months_between(a, b):
                months[m] = months.get(m, 0) + k
    out["month"] = sorted(months.items(), reverse=True)[:MONTHS]
    return out


def _months_between(first: str | None, last: str | None) -> list[str]:
    try:
        y, m = int(first[:4]), int(first[5:7])  # type: ignore[index]
        y1, m1 = int(last[:4]), int(last[5:7])  # type: ignore[index]
    except (TypeError, ValueError):
        return []
    out = []
    while (y, m) <= (y1, m1) and len(out) < 600:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
