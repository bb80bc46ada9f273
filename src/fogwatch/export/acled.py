"""ACLED-like rows (``events.acled.csv``): one row per real-world event.

Rows are built from the merged (cross-document) events that happened or are
claimed to have happened, with ACLED's public column names. PLOVER categories
become ACLED event types through :data:`ACLED_TYPES` (refined by the PLOVER
mode and the trigger word); statements (CONSULT, SUPPORT, REQUEST, ACCUSE,
REJECT, THREATEN) have no ACLED type and are left out.

ACLED codes each event once, from every source that reports it, so this export
reads the merged events the way a coder reads the articles:

- records of one event are coded as one row: a later report that only refers
  back to an event ("the strike on Dnipro", dated by its publication alone)
  joins the event of that kind and place dated before it, and an event without
  a place is placed in the one town its article's headline names;
- ``actor1`` is the party most reporting documents name as acting, read from the
  reports and the events of the same kind beside them; never a target of the
  event, never an outlet;
- ``fatalities``: for each source (the named source of a report, else its
  outlet) the highest death figure it gives in the report's sentence; across
  sources the lowest (ACLED's conservative rule).

``docs/exports.md`` documents every column and rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.export.acled_codes import (
    ACLED_COLUMNS,
    ACLED_MODALITIES,
    ACLED_MODE_TYPES,
    ACLED_TRIGGER_TYPES,
    ACLED_TYPES,
    CIVILIANS,
    DISORDER_TYPES,
    VIOLENCE,
)
from fogwatch.export.columns import ExportedFile, Progress
from fogwatch.export.plover import (
    NON_PEOPLE_UNITS,
    _entities,
    admin1_name,
    casualty_kind,
    country,
    not_rejected,
    resolution,
)
from fogwatch.export.sources import PAGE_SIZE, _date_range
from fogwatch.export.writers import CsvWriter
from fogwatch.store import Store
from fogwatch.store.schema import (
    documents,
    event_reports,
    events,
    merged_events,
    places,
    quantities,
)

# Records of one event: dated reports within this many days of each other (as the
# cross-document merge), and a report dated only by its publication referring back
# to an event at most this many days before it.
SAME_DAYS = 2
BACK_REFERENCE_DAYS = 14
# Sentences on either side of a report's sentence read for who acted.
CONTEXT_SENTENCES = 1


def acled_type(category: str, modes: list[str], triggers: list[str]) -> tuple[str, str] | None:
    """(event_type, sub_event_type) for a PLOVER category, its modes and trigger words."""
    base = ACLED_TYPES.get(category)
    if base is None:
        return None
    for mode in modes:
        if (category, mode) in ACLED_MODE_TYPES:
            return ACLED_MODE_TYPES[(category, mode)]
    if category == "ASSAULT":
        for pattern, typed in ACLED_TRIGGER_TYPES:
            if any(pattern.search(t) for t in triggers):
                return typed
    return base


def _unix(day: str | None) -> int | None:
    if not day:
        return None
    try:
        return int(datetime.fromisoformat(day[:10]).replace(tzinfo=UTC).timestamp())
    except ValueError:
        return None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _time_precision(start: str | None, end: str | None, dated: bool) -> int:
    first, last = _day(start), _day(end)
    if first is None or last is None:
        return 3
    days = (last - first).days
    if days == 0:
        return 1 if dated else 2
    return 2 if days <= 7 else 3


# --- the records, and which of them are one event -------------------------------------


@dataclass(slots=True)
class _Report:
    document_id: str
    event_idx: int
    modality: str
    outlet: str | None
    date: str | None
    data: dict[str, Any]
    event: dict[str, Any]
    sentence: int | None


@dataclass(slots=True)
class _Record:
    """One ACLED-eligible merged event, with its reports."""

    row: dict[str, Any]
    reports: list[_Report]
    typed: tuple[str, str]
    place: str | None
    dated: bool = False
    headline_place: bool = False

    @property
    def id(self) -> str:
        return str(self.row["id"])

    @property
    def start(self) -> date | None:
        return _day(self.row["start"])

    @property
    def first_report(self) -> date | None:
        days = [d for d in (_day(r.date) for r in self.reports) if d is not None]
        return min(days) if days else self.start


@dataclass(slots=True)
class _Event:
    """One real-world event: one or more records."""

    records: list[_Record] = field(default_factory=list)

    @property
    def lead(self) -> _Record:
        return self.records[0]


def _records_page(conn: Connection, rows: list[Any]) -> list[_Record]:
    ids = [r["id"] for r in rows]
    reports: dict[str, list[_Report]] = {i: [] for i in ids}
    for rep in conn.execute(
        sa.select(event_reports.c.event_id, event_reports.c.document_id,
                  event_reports.c.event_idx, event_reports.c.modality, event_reports.c.outlet,
                  event_reports.c.date, event_reports.c.data,
                  events.c.data.label("event_data"), events.c.sentence,
                  events.c.review.label("event_review"))
        .select_from(event_reports.outerjoin(events, sa.and_(
            events.c.document_id == event_reports.c.document_id,
            events.c.idx == event_reports.c.event_idx)))
        .where(event_reports.c.event_id.in_(ids))
        .order_by(event_reports.c.date, event_reports.c.document_id, event_reports.c.event_idx)
    ):
        if rep.event_review == "rejected":  # rejected since the store was last reconciled
            continue
        reports[rep.event_id].append(_Report(
            rep.document_id, int(rep.event_idx), rep.modality, rep.outlet, rep.date,
            dict(rep.data or {}), dict(rep.event_data or {}), rep.sentence))
    out = []
    for r in rows:
        reps = reports[r["id"]]
        if not reps:  # every report rejected by an analyst: no event left to export
            continue
        modes = [rep.event["mode"] for rep in reps if rep.event.get("mode")]
        triggers = [(rep.event.get("trigger") or {}).get("text") or "" for rep in reps]
        typed = acled_type(r["type"], modes, triggers)
        if typed is None:
            continue
        out.append(_Record(dict(r), reps, typed, r["place"],
                           dated=any(rep.data.get("dated") for rep in reps)))
    return out


def _headline_places(conn: Connection, records: list[_Record]) -> None:
    """Place violent events that have no place in the one town their headlines name.

    ACLED locates every act of violence; a report such as "Two missiles struck the
    city's district" names no place of its own, while its article's headline
    ("Missile strike on Dnipro kills seven") names the town. Only towns count
    (a country or region is no location), and only a single one, in every
    reporting article's headline.
    """
    placeless = [r for r in records if r.place is None
                 and DISORDER_TYPES[r.typed[0]] == VIOLENCE and r.reports]
    doc_ids = {rep.document_id for r in placeless for rep in r.reports}
    if not doc_ids:
        return
    titles = dict(conn.execute(
        sa.select(documents.c.id, documents.c.title).where(documents.c.id.in_(doc_ids))).all())
    towns: dict[str, set[str]] = {}
    for p in conn.execute(sa.select(places.c.document_id, places.c["key"], places.c.name,
                                    places.c.data).where(places.c.document_id.in_(doc_ids))):
        if (resolution(p.key) or 0) < 3:
            continue
        names = {p.name, *(m.get("text") for m in (p.data or {}).get("mentions") or [])}
        title = titles.get(p.document_id) or ""
        if any(n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", title) for n in names):
            towns.setdefault(p.document_id, set()).add(p.key)
    for r in placeless:
        named = [towns.get(rep.document_id, set()) for rep in r.reports]
        if all(len(n) == 1 for n in named) and len(set.union(*named)) == 1:
            r.place, r.headline_place = next(iter(named[0])), True


def _one_event_per_record_group(records: list[_Record]) -> list[_Event]:
    """Records that are one real-world event, grouped; each group led by its earliest-dated
    record. Groups need the same category, ACLED event type and place."""
    buckets: dict[tuple[str, str, str], list[_Record]] = {}
    alone: list[_Event] = []
    for r in records:
        # an undated record is grouped by the day it was first reported
        if r.place is None or r.first_report is None:
            alone.append(_Event([r]))
        else:
            buckets.setdefault((r.row["type"], r.typed[0], r.place), []).append(r)
    grouped: list[_Event] = []
    for bucket in buckets.values():
        # a record placed by its own text leads one placed by a headline
        dated = sorted((r for r in bucket if r.dated),
                       key=lambda r: (r.start, r.headline_place, r.id))
        clusters: list[_Event] = []
        for r in dated:
            last = clusters[-1] if clusters else None
            if last is not None and (r.start - last.lead.start).days <= SAME_DAYS:
                last.records.append(r)
            else:
                clusters.append(_Event([r]))
        for r in sorted((r for r in bucket if not r.dated),
                        key=lambda r: (r.first_report or date.min, r.id)):
            seen = r.first_report
            before = [c for c in clusters
                      if seen is not None and 0 <= (seen - c.lead.start).days
                      <= BACK_REFERENCE_DAYS]
            if before:
                before[-1].records.append(r)  # the latest such event is the one referred to
            else:
                grouped.append(_Event([r]))
        grouped.extend(clusters)
    return sorted(grouped + alone, key=lambda e: e.lead.id)


def _events(store: Store, select: sa.Select, page_size: int) -> list[_Event]:
    """Every ACLED event of the selection. Records are light (a row and its reports), so
    all of them are held: records of one event may lie pages apart."""
    records: list[_Record] = []
    last: Any = None
    while True:
        stmt = select if last is None else select.where(merged_events.c.id > last)
        with store.reading("exporting ACLED events") as conn:
            rows = list(conn.execute(stmt.order_by(merged_events.c.id).limit(page_size))
                        .mappings())
            page = _records_page(conn, rows) if rows else []
            _headline_places(conn, page)
        records.extend(page)
        if len(rows) < page_size:
            break
        last = rows[-1]["id"]
    return _one_event_per_record_group(records)


# --- actors and fatalities ----------------------------------------------------------


def _context_events(conn: Connection, reports: list[_Report], category: str
                    ) -> dict[str, list[tuple[int | None, dict[str, Any]]]]:
    """Events of ``category`` in the reporting documents: ``{document: [(sentence, data)]}``."""
    doc_ids = {rep.document_id for rep in reports}
    out: dict[str, list[tuple[int | None, dict[str, Any]]]] = {}
    for e in conn.execute(sa.select(events.c.document_id, events.c.sentence, events.c.data)
                          .where(events.c.document_id.in_(doc_ids), events.c.type == category,
                                 not_rejected(events))):
        out.setdefault(e.document_id, []).append((e.sentence, dict(e.data or {})))
    return out


def _place_sentences(conn: Connection, doc_ids: set[str], place: str | None
                     ) -> dict[str, set[int]]:
    if not place or not doc_ids:
        return {}
    out: dict[str, set[int]] = {}
    for p in conn.execute(sa.select(places.c.document_id, places.c.data).where(
            places.c.document_id.in_(doc_ids), places.c["key"] == place)):
        out[p.document_id] = {int(m["sentence"]) for m in (p.data or {}).get("mentions") or []
                              if m.get("sentence") is not None}
    return out


def _actors(event: _Event, reports: list[_Report], context: dict[str, list[Any]],
            place_sentences: dict[str, set[int]], outlets: set[str], names: dict[str, Any],
            excluded: set[str]) -> list[str]:
    """Entity keys of who acted, best supported first.

    Each report votes once for each party it names as acting: as the actor of its
    own event, or of an event of the same kind in the report's sentence, the
    sentences beside it, or a sentence naming the event's place. Ties go to the
    earliest report, then to the actor named nearest its event. Targets of the
    event, its place, outlets and plain words never count.
    """
    votes: Counter[str] = Counter()
    order: dict[str, tuple[int, int]] = {}  # (report, distance from it): the tie-break
    named: list[set[str]] = []  # who each report names as acting
    for n, rep in enumerate(reports):
        found: dict[str, int] = {k: 0 for k in rep.event.get("actors") or []}
        near = place_sentences.get(rep.document_id, set())
        for sentence, data in context.get(rep.document_id, []):
            if sentence is None or rep.sentence is None:
                continue
            distance = abs(sentence - rep.sentence)
            if distance <= CONTEXT_SENTENCES or sentence in near:
                for key in data.get("actors") or []:
                    found[key] = min(found.get(key, distance + 1), distance + 1)
        for key, distance in found.items():
            order[key] = min(order.get(key, (n, distance)), (n, distance))
        votes.update(found)  # once per report, whatever the number of its mentions
        named.append(set(found))
    for record in event.records:
        for key in record.row["data"].get("actors") or []:
            order.setdefault(key, (len(reports), 0))
    def usable(key: str) -> bool:
        if ":" not in key or key in excluded:
            return False
        entity = names.get(key)
        return entity is None or entity.name not in outlets

    ranked = sorted((k for k in order if usable(k)), key=lambda k: (-votes[k], order[k]))
    if not ranked:
        return []
    lead = ranked[0]
    home = getattr(names.get(lead), "country", None)

    def associate(key: str) -> bool:
        # A party of another country that no report names acting together with the
        # lead is another account of who did it ("Kyiv staged it"), not an associate.
        theirs = getattr(names.get(key), "country", None)
        return (not home or not theirs or theirs == home
                or any(lead in found and key in found for found in named))

    return [lead, *(k for k in ranked[1:] if associate(k))]


def _sentence_deaths(conn: Connection, reports: list[_Report]) -> dict[tuple[str, int], int]:
    """The highest death figure in each report's sentence or attached to its event."""
    doc_ids = {rep.document_id for rep in reports}
    if not doc_ids:
        return {}
    rows = [q for q in conn.execute(
        sa.select(quantities.c.document_id, quantities.c.start, quantities.c["end"],
                  quantities.c.sentence, quantities.c.value, quantities.c.unit,
                  quantities.c.data).where(quantities.c.document_id.in_(doc_ids)))
        if q.value is not None and q.start is not None and q.unit not in NON_PEOPLE_UNITS]
    if not rows:
        return {}
    texts = dict(conn.execute(sa.select(documents.c.id, documents.c.text)
                              .where(documents.c.id.in_({q.document_id for q in rows}))).all())
    out: dict[tuple[str, int], int] = {}
    for rep in reports:
        for q in rows:
            if q.document_id != rep.document_id:
                continue
            attached = (q.data or {}).get("event") == rep.event_idx
            if not attached and (rep.sentence is None or q.sentence != rep.sentence):
                continue
            if casualty_kind(texts.get(q.document_id) or "", q.start, q.end) != "dead":
                continue
            key = (rep.document_id, rep.event_idx)
            out[key] = max(out.get(key, 0), int(q.value))
    return out


def fatalities(figures: list[tuple[str, int]]) -> int:
    """ACLED's figure from ``(source, deaths)`` pairs: each source's highest (a toll
    grows as it is counted), then the lowest of those (when sources disagree ACLED
    takes the most conservative); 0 when there is none, as in ACLED."""
    highest: dict[str, int] = {}
    for source, n in figures:
        highest[source] = max(highest.get(source, n), n)
    return min(highest.values()) if highest else 0


# --- rows ---------------------------------------------------------------------------


def _acled_rows(conn: Connection, chunk: list[_Event], outlets: set[str]
                ) -> list[dict[str, Any]]:
    place_keys = {e.lead.place for e in chunk if e.lead.place}
    first_place = (
        sa.select(sa.func.min(places.c.id)).where(places.c["key"].in_(place_keys))
        .group_by(places.c["key"])
    )
    place_of = {p.key: p for p in conn.execute(
        sa.select(places.c["key"], places.c.name, places.c.lat, places.c.lon, places.c.country,
                  places.c.admin1, places.c.geonameid).where(places.c.id.in_(first_place))
    )} if place_keys else {}
    out = []
    for event in chunk:
        lead = event.lead
        reports = sorted((rep for r in event.records for rep in r.reports),
                         key=lambda rep: (rep.date or "", rep.document_id, rep.event_idx))
        targets = list(dict.fromkeys(
            k for r in event.records for k in r.row["data"].get("targets") or []))
        context = _context_events(conn, reports, lead.row["type"])
        near = _place_sentences(conn, {rep.document_id for rep in reports}, lead.place)
        keys = {k for r in event.records for k in r.row["data"].get("actors") or []} | set(
            targets) | {k for docs in context.values() for _, d in docs
                        for k in d.get("actors") or []} | {
            k for rep in reports for k in rep.event.get("actors") or []}
        names = _entities(conn, keys)
        place = place_of.get(lead.place) if lead.place else None
        place_entity = {k for k in targets if place is not None and k in names
                        and names[k].name == place.name}
        actor_keys = _actors(event, reports, context, near, outlets, names,
                             excluded=set(targets) | place_entity)
        target_keys = [k for k in targets if k not in actor_keys and ":" in k and not (
            k in names and names[k].name in outlets)]
        actors = [names[k].name if k in names else k for k in actor_keys]
        victims = [names[k].name if k in names else k for k in target_keys]
        deaths = _sentence_deaths(conn, reports)
        figures = [(rep.data.get("source") or rep.outlet or rep.document_id,
                    deaths[(rep.document_id, rep.event_idx)])
                   for rep in reports if (rep.document_id, rep.event_idx) in deaths]
        event_type, sub_event_type = lead.typed
        found = country(place.country) if place is not None else None
        modality = ("happened" if any(r.row["modality"] == "happened" for r in event.records)
                    else lead.row["modality"])
        stating = [rep for rep in reports if rep.modality == "happened"] or reports
        notes = (stating[0].data.get("text") if stating else None) or lead.row["statement"]
        geo = resolution(lead.place)
        start = lead.row["start"]
        end = max((r.row["end"] or r.row["start"] or "" for r in event.records
                   if r.dated or len(event.records) == 1), default=lead.row["end"]) or None
        last_seen = max((r.row["last_seen"] or "" for r in event.records), default="") or None
        out.append({
            "event_id_cnty": f"{found.iso3 if found else 'XXX'}-{lead.id}",
            "event_date": start,
            "year": int(start[:4]) if start else None,
            "time_precision": _time_precision(start, end, lead.dated),
            "disorder_type": DISORDER_TYPES[event_type],
            "event_type": event_type,
            "sub_event_type": sub_event_type,
            "actor1": actors[0] if actors else None,
            "assoc_actor_1": "; ".join(actors[1:]) or None,
            "inter1": None,
            "actor2": victims[0] if victims else None,
            "assoc_actor_2": "; ".join(victims[1:]) or None,
            "inter2": None,
            "interaction": None,
            "civilian_targeting": "Civilian targeting" if event_type == CIVILIANS else None,
            "iso": found.numeric if found else None,
            "region": None,
            "country": found.name if found else None,
            "admin1": admin1_name(place.admin1) if place is not None else None,
            "admin2": None,
            "admin3": None,
            "location": place.name if place is not None else None,
            "latitude": place.lat if place is not None else None,
            "longitude": place.lon if place is not None else None,
            "geo_precision": None if geo is None else (1 if geo >= 4 else 2 if geo >= 2 else 3),
            "source": "; ".join(sorted({rep.outlet for rep in reports if rep.outlet})) or None,
            "source_scale": None,
            "notes": notes,
            "fatalities": fatalities(figures),
            "tags": "claimed" if modality == "claimed" else None,
            "timestamp": _unix(last_seen),
            "fogwatch_event_id": "; ".join(r.id for r in event.records),
            "fogwatch_plover": lead.row["type"],
            "fogwatch_modality": modality,
            "fogwatch_n_reports": len(reports),
        })
    return out


def _merged_select(since: str | None, until: str | None) -> sa.Select:
    where = [merged_events.c.modality.in_(sorted(ACLED_MODALITIES)),
             merged_events.c.type.in_(sorted(k for k, v in ACLED_TYPES.items() if v)),
             *_date_range(merged_events.c.start, since, until)]
    return sa.select(merged_events).where(*where)


def iter_acled(store: Store, *, since: str | None = None, until: str | None = None,
               page_size: int = PAGE_SIZE) -> Iterator[list[dict[str, Any]]]:
    """Pages of ACLED-like rows, one per real-world event that happened or is claimed."""
    found = _events(store, _merged_select(since, until), page_size)
    with store.reading("reading outlets") as conn:
        outlets = {o for (o,) in conn.execute(sa.select(documents.c.outlet).distinct()) if o}
    for n in range(0, len(found), page_size):
        with store.reading("exporting ACLED events") as conn:
            page = _acled_rows(conn, found[n:n + page_size], outlets)
        yield page


def export_acled(store: Store, out_dir: str | Path, *, since: str | None = None,
                 until: str | None = None, progress: Progress | None = None,
                 page_size: int = PAGE_SIZE) -> ExportedFile:
    """Write ``events.acled.csv`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if progress:
        progress("acled", 0, None)
    with CsvWriter(out / "events.acled.csv", ACLED_COLUMNS) as writer:
        for page in iter_acled(store, since=since, until=until, page_size=page_size):
            writer.write(page)
            if progress:
                progress("acled", writer.rows, None)
    return ExportedFile("acled", writer.path, writer.rows)
