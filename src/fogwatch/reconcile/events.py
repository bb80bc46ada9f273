"""Events across documents: reports of the same event merged into one, every report kept.

Two reports are of the same event when they have the same PLOVER category, the
same place (or, without a place, a shared specific actor or target), and dates
within ``DAY_TOLERANCE`` days. An event's date is its time finding's interval
when the text gives one, else the document's date, and then it may also be any
of the ``UNDATED_LOOKBACK`` days before. Only events that can be
placed on a map or a timeline with some confidence are merged: they need a
place, a date of their own, or named actors and targets. The records are read
and written through :mod:`fogwatch.store.crossdoc`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Connection

from fogwatch.findings import Analysis, Event, EventReport
from fogwatch.reconcile.days import shift_day
from fogwatch.reconcile.ids import fresh_id, stable_id
from fogwatch.reconcile.units import GENERIC_ENTITIES
from fogwatch.store import crossdoc

DAY_TOLERANCE = 2
SAMPLE_REPORTS = 120  # reports read to refresh a merged event
MAX_PARTICIPANTS = 10  # actors (and targets) kept per merged event
UNDATED_LOOKBACK = 7  # days before its article an undated report may refer to
MERGED_MODALITIES = frozenset({"happened", "claimed", "denied", "planned", "threatened"})


def _named(keys: list[str]) -> list[str]:
    """Entity keys only (the events stage keeps unresolved words as plain strings)."""
    return [k for k in keys if ":" in k]


def _event_dates(analysis: Analysis, event: Event) -> tuple[str | None, str | None, bool]:
    """(start, end, dated by the text?) of an event."""
    published = (analysis.document.published or "")[:10] or None
    if event.time is not None and 0 <= event.time < len(analysis.times):
        t = analysis.times[event.time]
        if t.interval and t.type in ("DATE", "TIME"):
            return t.interval[0][:10], t.interval[1][:10], True
    return published, published, False


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
        if event.modality not in MERGED_MODALITIES:
            continue
        actors, targets = _named(event.actors), _named(event.targets)
        start, end, dated = _event_dates(analysis, event)
        specific = [k for k in actors + targets if k not in GENERIC_ENTITIES]
        if not start or not (event.place or dated or (actors and targets and specific)):
            continue
        keys = _keys(event.type, event.place, actors, targets)
        if not keys:
            continue
        # Dated only by its article, an event happened on or before that day
        # ("the strike on Dnipro" in a story three days later).
        eid = _match(conn, event, keys, start, end or start,
                     lookback=0 if dated else UNDATED_LOOKBACK)
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
        data.update(actors=actors, targets=targets, place=event.place, day_start=start,
                    day_end=end or start, dated=dated)
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


def _match(
    conn: Connection, event: Event, keys: set[str], start: str, end: str, lookback: int = 0
) -> str | None:
    low = shift_day(start, -DAY_TOLERANCE - lookback)
    high = shift_day(end, DAY_TOLERANCE)
    if low is None or high is None:
        return None
    found = crossdoc.events_with_keys(conn, keys, low, high, limit=200)
    if not found:
        return None
    by_event: Counter[str] = Counter(found)
    places = crossdoc.event_places(conn, by_event)
    for eid, _ in sorted(by_event.items(), key=lambda kv: (-kv[1], kv[0])):
        if eid not in places:
            continue
        place = places[eid]
        if event.place and place and place != event.place:
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
    dated = [d for d in data if d.get("dated")] or data
    starts = sorted(d["day_start"] for d in dated if d.get("day_start"))
    ends = sorted(d["day_end"] for d in dated if d.get("day_end"))
    modality = "happened" if "happened" in modalities else modalities.most_common(1)[0][0]
    actors = _commonest(d.get("actors", []) for d in data)
    targets = _commonest(d.get("targets", []) for d in data)
    places = Counter(d.get("place") for d in data if d.get("place"))
    place = places.most_common(1)[0][0] if places else None
    start = starts[0] if starts else None
    summary = dict(
        start=start, end=ends[-1] if ends else start, modality=modality, place=place,
        first_seen=first_seen, last_seen=last_seen,
        n_reports=n_reports, data={"actors": actors, "targets": targets},
    )
    keys = _keys(event_type, place, actors, targets)
    if not (keys and start):
        return summary, []
    return summary, [{"key": k, "event_id": eid, "start": start} for k in sorted(keys)]


def _commonest(lists: Any, limit: int = MAX_PARTICIPANTS) -> list[str]:
    """The keys named most often (first named first among equals), at most ``limit``."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for items in lists:
        for k in items:
            counts[k] += 1
            first.setdefault(k, len(first))
    return sorted(counts, key=lambda k: (-counts[k], first[k]))[:limit]
