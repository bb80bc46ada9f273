"""The timeline: merged events and dated claims, newest first, a page at a time,
with how many each day holds.

An event sits on the day its reports' text dates it (the start of its interval,
shown with its precision: "October 2025", "fall 2025"); an event no report dates
is listed apart, after the dated ones, as "undated, reported on <its first
report's day>", never on the day it was published. A claim sits on the first day
a stance on it was taken.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from fogwatch.dating import Dating, of_span
from fogwatch.findings import MergedEvent, Proposition
from fogwatch.store import crossdoc
from fogwatch.store.browse.common import clamp
from fogwatch.store.confidence import sure_claims
from fogwatch.store.schema import merged_events, proposition_stances, propositions

if TYPE_CHECKING:
    from fogwatch.store.store import Store


@dataclass(slots=True)
class TimelineEvent(MergedEvent):
    """A merged event as the timeline shows it: with its dating."""

    @property
    def when(self) -> Dating:
        """Its interval, precision and label ("undated, reported on ..." when no
        report dates it)."""
        return of_span(self.start, self.end, self.first_seen)


@dataclass(slots=True)
class TimelineClaim(Proposition):
    """A proposition as the timeline shows it: on the first day a stance was taken."""

    @property
    def when(self) -> Dating:
        return of_span(self.first_seen, self.first_seen, self.first_seen)


@dataclass(slots=True)
class TimelineItem:
    kind: str  # "event" (a merged event) or "claim" (a proposition)
    id: str
    date: str | None


def _timeline_filters(
    entity: str | None, place: str | None, type: str | None, modality: str | None,
    outlet: str | None, since: str | None, until: str | None,
    min_confidence: float | None = None,
) -> tuple[list[Any], list[Any]]:
    """The timeline's selection: conditions on merged events and on propositions.

    ``min_confidence`` leaves out claims whose every stance rests on an
    attribution scored under it (:mod:`fogwatch.store.confidence`); events have
    no score and stay."""
    ev_where = crossdoc.event_filters(
        entity=entity, place=place, type=type, modality=modality, outlet=outlet,
        since=since, until=until,
    )
    cl_where = crossdoc.proposition_filters(entity=entity, since=since, until=until)
    cl_where += sure_claims(min_confidence)
    if place:
        cl_where.append(propositions.c.place == place)
    if type:
        cl_where.append(propositions.c.type == type.upper())
    if outlet:
        cl_where.append(propositions.c.id.in_(
            sa.select(proposition_stances.c.proposition_id)
            .where(proposition_stances.c.outlet == outlet)
        ))
    return ev_where, cl_where


def timeline_day_counts(
    store: Store, *, entity: str | None = None, place: str | None = None,
    type: str | None = None, modality: str | None = None, outlet: str | None = None,
    since: str | None = None, until: str | None = None, events_too: bool = True,
    claims_too: bool = True, min_confidence: float | None = None,
) -> dict[str, dict[str, int]]:
    """How many timeline items each day holds, by style (an event's modality,
    "claim" or "contested"), over every item the filters select, not one page.

    The same selection as :func:`timeline_page` (events by their start, claims by
    the day first seen), counted with one GROUP BY per side on the date-indexed
    columns, so it costs two small aggregates whatever the range.
    """
    counts: dict[str, dict[str, int]] = {}

    def add(day: Any, style: str, n: int) -> None:
        if day:
            by_style = counts.setdefault(str(day)[:10], {})
            by_style[style] = by_style.get(style, 0) + int(n)

    ev_where, cl_where = _timeline_filters(entity, place, type, modality, outlet, since, until,
                                           min_confidence)
    with store.reading("counting the timeline by day") as conn:
        if events_too:
            day = merged_events.c.start
            for row in conn.execute(
                sa.select(day, merged_events.c.modality, sa.func.count())
                .where(*ev_where, day.is_not(None))
                .group_by(day, merged_events.c.modality)
            ):
                add(row[0], row[1], row[2])
        if claims_too and not modality:  # claims have no modality
            day = propositions.c.first_seen
            for row in conn.execute(
                sa.select(day, propositions.c.contested, sa.func.count())
                .where(*cl_where, day.is_not(None))
                .group_by(day, propositions.c.contested)
            ):
                add(row[0], "contested" if row[1] else "claim", row[2])
    return counts


def timeline_page(
    store: Store, *, entity: str | None = None, place: str | None = None,
    type: str | None = None, modality: str | None = None, outlet: str | None = None,
    since: str | None = None, until: str | None = None, events_too: bool = True,
    claims_too: bool = True, limit: int = 25, offset: int = 0,
    min_confidence: float | None = None,
) -> tuple[list[TimelineItem], int]:
    """One page of merged events and dated claims, newest first, and how many in all.

    Each side is read in date order through its date index (``limit + offset`` rows
    at most) and the two are merged here, so no request sorts the whole store.
    Claims answer the filters they have (entity, place, category, outlet, dates);
    a modality filter leaves only events.
    """
    limit, offset = clamp(limit, offset)
    want = limit + offset
    ev_where, cl_where = _timeline_filters(entity, place, type, modality, outlet, since, until,
                                           min_confidence)
    claims_too = claims_too and not modality
    items: list[TimelineItem] = []
    total = 0
    with store.reading("reading the timeline") as conn:
        if events_too:
            total += int(conn.execute(
                sa.select(sa.func.count()).select_from(merged_events).where(*ev_where)
            ).scalar_one())
            stmt = (
                sa.select(merged_events.c.id, merged_events.c.start)
                .where(*ev_where)
                .order_by(merged_events.c.start.desc().nulls_last(), merged_events.c.id)
                .limit(want)
            )
            items += [TimelineItem("event", r.id, r.start) for r in conn.execute(stmt)]
        if claims_too:
            total += int(conn.execute(
                sa.select(sa.func.count()).select_from(propositions).where(*cl_where)
            ).scalar_one())
            stmt = (
                sa.select(propositions.c.id, propositions.c.first_seen)
                .where(*cl_where)
                .order_by(propositions.c.first_seen.desc().nulls_last(), propositions.c.id)
                .limit(want)
            )
            items += [TimelineItem("claim", r.id, r.first_seen) for r in conn.execute(stmt)]
    # Newest first, undated last; events before claims on the same day.
    items.sort(key=lambda i: (i.kind != "event", i.id))
    items.sort(key=lambda i: i.date or "", reverse=True)
    items.sort(key=lambda i: i.date is None)
    return items[offset:offset + limit], total


def timeline_records(
    store: Store, items: list[TimelineItem]
) -> tuple[dict[str, MergedEvent], dict[str, Proposition]]:
    """The merged events and propositions a timeline page names, each read in one
    query (with their reports and stances): id -> record."""
    ev_ids = [i.id for i in items if i.kind == "event"]
    cl_ids = [i.id for i in items if i.kind != "event"]
    with store.reading("reading the timeline's records") as conn:
        evs = crossdoc.list_merged_events(
            conn, [merged_events.c.id.in_(ev_ids)], len(ev_ids), 0) if ev_ids else []
        props = crossdoc.list_propositions(
            conn, [propositions.c.id.in_(cl_ids)], len(cl_ids), 0) if cl_ids else []
    return ({e.id: TimelineEvent(**{f.name: getattr(e, f.name) for f in fields(e)})
             for e in evs},
            {p.id: TimelineClaim(**{f.name: getattr(p, f.name) for f in fields(p)})
             for p in props})
