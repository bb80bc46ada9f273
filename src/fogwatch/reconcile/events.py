"""Events across documents: reports of the same event merged into one, every report kept.

Two reports are of the same event when they have the same PLOVER category, the
same place (or, without a place, a shared specific actor or target), and times
that overlap (within ``DAY_TOLERANCE`` days): two meetings a week apart stay two
events. A report's time is the interval of the time expression that anchors it
(:mod:`fogwatch.dating`); a report the text does not date (or dates only by the
present of its article) may be about any of the ``UNDATED_LOOKBACK`` days up to
its article's date, which is how it is matched, but it never sets the merged
event's date. A merged event's date is the interval its dated reports agree on
(their intersection, else the span from the first to the last); an event no
report dates has none. ``first_seen`` and ``last_seen`` stay the report dates.
Only events that can be placed on a map or a timeline with some confidence are
merged: they need a place, a date of their own, or named actors and targets. The
records are read and written through :mod:`fogwatch.store.crossdoc`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Connection

from fogwatch.dating import Dating, overlap, when
from fogwatch.findings import Analysis, Event, EventReport
from fogwatch.reconcile.days import shift_day
from fogwatch.reconcile.ids import fresh_id, stable_id
from fogwatch.reconcile.units import GENERIC_ENTITIES
from fogwatch.store import crossdoc

DAY_TOLERANCE = 1  # the same day told from two time zones, or "Sunday night"/"Monday"
SAMPLE_REPORTS = 120  # reports read to refresh a merged event
MAX_PARTICIPANTS = 10  # actors (and targets) kept per merged event
UNDATED_LOOKBACK = 7  # days before its article an undated report may refer to
# how long a merged event's interval may be and still be found from a report inside
# it (a season: "in the fall" and "on October 31" may be one event)
MAX_SPAN_DAYS = 92
MERGED_MODALITIES = frozenset({"happened", "claimed", "denied", "planned", "threatened",
                               "unknown"})


def _named(keys: list[str]) -> list[str]:
    """Entity keys only (the events stage keeps unresolved words as plain strings)."""
    return [k for k in keys if ":" in k]


def _window(dating: Dating) -> tuple[str, str] | None:
    """The days a report may be about: its anchored interval, else the
    ``UNDATED_LOOKBACK`` days up to the day it was reported."""
    if dating.dated and dating.start and dating.end:
        return dating.start, dating.end
    low = shift_day(dating.reported, -UNDATED_LOOKBACK)
    if low is None or dating.reported is None:
        return None
    return low, dating.reported


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1:right].split())[:300]


def _names(analysis: Analysis) -> dict[str, str]:
    names = {e.key: e.name for e in analysis.entities}
    names.update({p.key: p.name for p in analysis.places})
    return names


def _label(event: Event, names: dict[str, str], place: str | None) -> str:
    """A short readable label: "Russia: strike → Dnipro", "Talks in Istanbul"."""
    actors = ", ".join(names.get(k, k) for k in _named(event.actors)[:3])
    targets = [names.get(k, k) for k in _named(event.targets)[:3]]
    action = " ".join(event.trigger.text.split()).lower() or event.type.lower()
    out = f"{actors}: {action}" if actors else action[:1].upper() + action[1:]
    if targets:
        out += " → " + ", ".join(targets)
    where = names.get(place, place) if place else None
    if where and where not in targets:
        out += f" in {where}"
    return out


def _keys(event_type: str, place: str | None, actors: list[str], targets: list[str]) -> set[str]:
    keys = set()
    if place:
        keys.add(f"{event_type}|p:{place}")
    for k in actors + targets:
        if k not in GENERIC_ENTITIES:
            keys.add(f"{event_type}|e:{k}")
    return keys


def remove_document(conn: Connection, doc_id: str) -> None:
    """Take a document's reports out of their merged events, and refresh or drop those."""
    touched = crossdoc.remove_reports(conn, doc_id)
    if not touched:
        return
    types = crossdoc.event_types(conn, touched)
    for eid in sorted(touched):
        _refresh(conn, eid, types[eid])


def reconcile_events(conn: Connection, analysis: Analysis) -> list[str]:
    """Merge the document's events into cross-document events; the ids touched."""
    doc = analysis.document
    names = _names(analysis)
    touched: set[str] = set()
    free = _new_ids(conn, [f"{doc.id}:{idx}" for idx in range(len(analysis.events))])
    for idx, event in enumerate(analysis.events):
        if event.modality not in MERGED_MODALITIES or analysis.rejected("events", idx):
            continue
        actors, targets = _named(event.actors), _named(event.targets)
        dating = when(analysis, event)
        window = _window(dating)
        specific = [k for k in actors + targets if k not in GENERIC_ENTITIES]
        if window is None or not (event.place or dating.dated
                                  or (actors and targets and specific)):
            continue
        keys = _keys(event.type, event.place, actors, targets)
        if not keys:
            continue
        eid = _match(conn, event, keys, window)
        report = EventReport(
            document=doc.id, event=idx, modality=event.modality, outlet=doc.outlet,
            date=(doc.published or "")[:10] or None,
            text=_sentence(doc.text, event.trigger.start, event.trigger.end),
            start=event.trigger.start, end=event.trigger.end, attribution=event.attribution,
            source=_claimant(analysis, event),
        )
        data = report.to_dict()
        # The report's own start/end are the trigger's character offsets; the
        # event's dates go under their own keys.
        data.update(actors=actors, targets=targets, place=event.place,
                    day_start=dating.start if dating.dated else None,
                    day_end=dating.end if dating.dated else None, dated=dating.dated,
                    precision=dating.precision if dating.dated else None)
        report_row = dict(
            event_id=eid, document_id=doc.id, event_idx=idx, modality=event.modality,
            outlet=doc.outlet, date=report.date, data=data,
        )
        if eid is None:
            # A new event has this one report: its summary needs no reading back.
            seed = f"{doc.id}:{idx}"
            eid = report_row["event_id"] = free.get(seed) or fresh_id(
                "e-", seed, lambda rid: crossdoc.event_id_held(conn, rid))
            summary, key_rows = _summary(
                eid, event.type, [data], 1, report.date, report.date,
                Counter({event.modality: 1}),
            )
            crossdoc.insert_event(conn, dict(
                id=eid, type=event.type, statement=_label(event, names, event.place), **summary,
            ), report_row, key_rows)
        else:
            crossdoc.insert_report(conn, report_row)
            # The merged event's type is the report's: matching keys carry it.
            _refresh(conn, eid, event.type)
        touched.add(eid)
    return sorted(touched)


def _claimant(analysis: Analysis, event: Event) -> str | None:
    if event.attribution is None or not 0 <= event.attribution < len(analysis.attributions):
        return None
    att = analysis.attributions[event.attribution]
    if att.source is None:
        return None
    return att.source.text


def _match(conn: Connection, event: Event, keys: set[str], window: tuple[str, str]
           ) -> str | None:
    """The merged event the report joins: same keys, same place (when both have
    one), and a time that overlaps the report's ``window``."""
    low = shift_day(window[0], -DAY_TOLERANCE - UNDATED_LOOKBACK - MAX_SPAN_DAYS)
    high = shift_day(window[1], DAY_TOLERANCE)
    if low is None or high is None:
        return None
    found = crossdoc.events_with_keys(conn, keys, low, high, limit=200)
    if not found:
        return None
    by_event: Counter[str] = Counter(found)
    spans = crossdoc.event_spans(conn, by_event)
    for eid, _ in sorted(by_event.items(), key=lambda kv: (-kv[1], kv[0])):
        if eid not in spans:
            continue
        place, start, end, first_seen, last_seen = spans[eid]
        if event.place and place and place != event.place:
            continue
        if start:
            theirs: tuple[str, str] | None = (start, end or start)
        else:  # no report dates it: it may be about the days up to its reports
            since = shift_day(first_seen, -UNDATED_LOOKBACK)
            theirs = (since, last_seen or first_seen) if since else None
        if theirs is None or not overlap(window, theirs, DAY_TOLERANCE):
            continue
        return eid
    return None


def _new_ids(conn: Connection, seeds: list[str]) -> dict[str, str]:
    """Ids for the events this document may start, seed -> id, read in one query;
    a seed whose id is held is left out (:func:`fresh_id` finds it another)."""
    ids = {seed: stable_id("e-", seed) for seed in seeds}
    if not ids:
        return {}
    taken = crossdoc.held_event_ids(conn, ids.values())
    return {seed: rid for seed, rid in ids.items() if rid not in taken}


def _refresh(conn: Connection, eid: str, event_type: str) -> None:
    """Recompute a merged event from its reports; drop it when none are left.

    Counts, dates and modalities are SQL aggregates; actors, targets, place and
    the event's own dates come from its earliest and latest ``SAMPLE_REPORTS``
    reports, so an event every outlet reports costs the same as a fresh one.
    """
    n_reports, first_seen, last_seen = crossdoc.report_totals(conn, eid)
    if not n_reports:
        crossdoc.drop_event(conn, eid)
        return
    modalities = crossdoc.report_modalities(conn, eid)
    data = crossdoc.sampled_reports(conn, eid, n_reports, SAMPLE_REPORTS // 2)
    summary, key_rows = _summary(eid, event_type, data, n_reports, first_seen, last_seen,
                                 modalities)
    crossdoc.update_event(conn, eid, summary, key_rows)


def _summary(
    eid: str, event_type: str, data: list[dict[str, Any]], n_reports: int,
    first_seen: str | None, last_seen: str | None, modalities: Counter[str],
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A merged event's columns from its (sampled) reports' data, and its key rows."""
    start, end = _agreed([(d["day_start"], d.get("day_end") or d["day_start"])
                          for d in data if d.get("dated") and d.get("day_start")])
    modality = merged_modality(modalities)
    actors = _commonest(d.get("actors", []) for d in data)
    targets = _commonest(d.get("targets", []) for d in data)
    places = Counter(d.get("place") for d in data if d.get("place"))
    place = places.most_common(1)[0][0] if places else None
    summary = dict(
        start=start, end=end, modality=modality, place=place,
        first_seen=first_seen, last_seen=last_seen,
        n_reports=n_reports, data={"actors": actors, "targets": targets},
    )
    keys = _keys(event_type, place, actors, targets)
    # The key rows are found by day: an undated event by the first day it may be about.
    key_day = start or shift_day(first_seen, -UNDATED_LOOKBACK)
    if not (keys and key_day):
        return summary, []
    return summary, [{"key": k, "event_id": eid, "start": key_day} for k in sorted(keys)]


def merged_modality(modalities: Counter[str]) -> str:
    """A merged event's modality from its reports': happened if any report states it,
    else the commonest of what they say, and "unknown" only when none says more."""
    if "happened" in modalities:
        return "happened"
    return next((m for m, _ in modalities.most_common() if m != "unknown"), "unknown")


def _agreed(spans: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """The interval dated reports agree on: the days all of them hold, else (when
    they are a day or so apart) from the earliest start to the latest end."""
    if not spans:
        return None, None
    low, high = max(s for s, _ in spans), min(e for _, e in spans)
    if low <= high:
        return low, high
    return min(s for s, _ in spans), max(e for _, e in spans)


def _commonest(lists: Any, limit: int = MAX_PARTICIPANTS) -> list[str]:
    """The keys named most often (first named first among equals), at most ``limit``."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for items in lists:
        for k in items:
            counts[k] += 1
            first.setdefault(k, len(first))
    return sorted(counts, key=lambda k: (-counts[k], first[k]))[:limit]
