"""Tabular exports: every finding kind out of a store, one file per kind.

``export_tables(store, out_dir, format="jsonl" | "csv" | "parquet")`` writes
``<kind>.<ext>`` for each kind in :data:`KINDS`. Rows are read in pages by
primary key (keyset pagination, one short read transaction per page), so the
memory used does not grow with the store. Every kind has a fixed list of
columns (:data:`SCHEMAS`), written in that order whatever the format and even
when the table is empty; ``docs/exports.md`` describes each one.

How values are written:

- JSON Lines: one object per line, every column present (``null`` when empty);
  lists and objects are JSON lists and objects.
- CSV: a header row, then one row per record; empty field = null; booleans
  ``true``/``false``; lists and objects as compact JSON text.
- Parquet: an explicit Arrow schema per kind; lists of strings or integers are
  list columns, objects and lists of objects (spans, mentions, numbers,
  metadata) are JSON text (``json`` columns).

:func:`read_rows` reads any of the three back into typed rows.
"""

from __future__ import annotations

import csv
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store import Store
from fogwatch.store.records import published_date
from fogwatch.store.schema import (
    attributions,
    documents,
    entities,
    event_reports,
    events,
    mentions,
    merged_events,
    places,
    proposition_stances,
    propositions,
    quantities,
    times,
)

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
PAGE_SIZE = 1000
# Rows buffered before a Parquet row group is written (larger groups compress better).
PARQUET_GROUP_ROWS = 20_000

Progress = Callable[[str, int, int | None], None]
"""``progress(kind, rows_done, rows_total)``; called after each page and once at the start."""


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column: its name, its type and what it means.

    Types: ``string``, ``int``, ``float``, ``bool``, ``list<string>``,
    ``list<int>`` and ``json`` (an object or a list of objects).
    """

    name: str
    type: str
    doc: str


_c = Column  # short, for the column tables below


# --- the columns of each kind ------------------------------------------------------

_PROVENANCE = (
    _c("document_id", "string", "id of the document the finding is in"),
    _c("idx", "int", "position of the finding in its document's list of that kind; "
       "other findings refer to it by this number"),
    _c("start", "int", "character offset where the finding begins in the document text"),
    _c("end", "int", "character offset where it ends (exclusive): text[start:end]"),
    _c("sentence", "int", "index of the sentence it is in (0-based)"),
)

SCHEMAS: dict[str, tuple[Column, ...]] = {
    "documents": (
        _c("document_id", "string", "stable document id"),
        _c("url", "string", "canonical URL, when the document has one"),
        _c("outlet", "string", "publishing outlet"),
        _c("title", "string", "headline"),
        _c("author", "string", "byline"),
        _c("published", "string", "publication date or datetime as stored (ISO 8601)"),
        _c("dct", "string", "document creation time used to resolve relative times: "
           "the YYYY-MM-DD part of published"),
        _c("date_source", "string", "where the date came from: metadata, given, text, inferred"),
        _c("date_evidence", "string", "for inferred dates, the words that gave the date"),
        _c("language", "string", "ISO 639-1 language code"),
        _c("section", "string", "body (an article) or comment (a reader comment)"),
        _c("parent_id", "string", "for a comment, the id of its article"),
        _c("source", "string", "where it was read from: a path, URL, feed or stdin"),
        _c("word_count", "int", "whitespace-separated words in text"),
        _c("char_count", "int", "characters in text (what the offsets count)"),
        _c("ingested_at", "string", "when it was stored (ISO 8601, UTC)"),
        _c("analyzed_at", "string", "when its findings were last saved (ISO 8601, UTC); "
           "empty if never analysed"),
        _c("metadata", "json", "other metadata the source gave (object)"),
        _c("text", "string", "the full text every offset points into"),
    ),
    "entities": (
        _c("entity_key", "string", "store-wide key: gaz:... for gazetteer entries, "
           "auto:TYPE/name otherwise"),
        _c("name", "string", "canonical name"),
        _c("type", "string", "PERSON, ORG, GPE, LOC, NORP, WEAPON, FACILITY, UNIT, EVENT, OTHER"),
        _c("aliases", "list<string>", "every name it has been written as"),
        _c("description", "string", "role or description (e.g. an office)"),
        _c("country", "string", "ISO 3166-1 alpha-2 country it belongs to"),
        _c("gazetteer", "bool", "true when the curated gazetteer knows it"),
        _c("mentions", "int", "mentions in the exported documents"),
        _c("documents", "int", "exported documents that mention it"),
    ),
    "mentions": (
        _c("document_id", "string", "id of the document"),
        _c("entity_key", "string", "the entity the mention folds into"),
        _c("entity_idx", "int", "position of the entity in the document's entity list"),
        _c("idx", "int", "position of the mention among that entity's mentions in the document"),
        _c("start", "int", "character offset where the mention begins"),
        _c("end", "int", "character offset where it ends (exclusive)"),
        _c("sentence", "int", "index of the sentence (0-based)"),
        _c("text", "string", "the words as written: text[start:end]"),
        _c("type", "string", "entity type the mention was tagged with"),
    ),
    "times": (
        *_PROVENANCE,
        _c("text", "string", "the time expression as written: text[start:end]"),
        _c("type", "string", "TimeML type: DATE, TIME, DURATION, SET"),
        _c("value", "string", "TimeML value (2025-11-03, 2025-W45, P5D, PRESENT_REF, ...)"),
        _c("interval_start", "string", "first day it covers (ISO), for dates"),
        _c("interval_end", "string", "last day it covers (ISO, inclusive), for dates"),
        _c("anchor", "string", "what it was resolved against: DCT, t3, ..."),
        _c("mod", "string", "TimeML mod: START, MID, END, APPROX, ..."),
    ),
    "attributions": (
        *_PROVENANCE[:2],
        _c("start", "int", "start of the span covering cue, source and content"),
        _c("end", "int", "end of that covering span (exclusive)"),
        _PROVENANCE[4],
        _c("cue_text", "string", "the reporting words (said, claimed, according to)"),
        _c("cue_start", "int", "offset of the cue"),
        _c("cue_end", "int", "end offset of the cue"),
        _c("source_text", "string", "who speaks, as written"),
        _c("source_start", "int", "offset of the source"),
        _c("source_end", "int", "end offset of the source"),
        _c("source_entity", "string", "entity key of the source, when resolved"),
        _c("content_text", "string", "the content spans' text joined with a space"),
        _c("content", "json", "list of content spans: {text, start, end}"),
        _c("kind", "string", "direct, indirect or mixed"),
        _c("stance", "string", "the reporter's stance: asserted, hedged, disputed, refuted, "
           "unconfirmed"),
        _c("disputed_by", "list<int>", "idx of attributions in the same document that dispute it"),
        _c("nested_in", "int", "idx of the attribution it is nested in"),
        _c("time", "int", "idx of the time finding that dates it"),
    ),
    "events": (
        *_PROVENANCE[:2],
        _c("start", "int", "offset of the trigger word"),
        _c("end", "int", "end offset of the trigger (exclusive)"),
        _PROVENANCE[4],
        _c("trigger_text", "string", "the trigger as written: text[start:end]"),
        _c("type", "string", "PLOVER 2.0 category (ASSAULT, COERCE, ...)"),
        _c("mode", "string", "PLOVER mode, when known"),
        _c("actors", "list<string>", "entity keys of who acts (plain words when unresolved)"),
        _c("targets", "list<string>", "entity keys of who it is done to"),
        _c("place", "string", "place key where it happened"),
        _c("time", "int", "idx of the time finding that dates it"),
        _c("time_value", "string", "TimeML value of its time, or DCT"),
        _c("modality", "string", "happened, claimed, denied, planned, threatened, hypothetical, "
           "negated"),
        _c("attribution", "int", "idx of the attribution that reports it"),
    ),
    "quantities": (
        *_PROVENANCE,
        _c("text", "string", "the quantity as written: text[start:end]"),
        _c("value", "float", "the number (lower bound of a range)"),
        _c("upper", "float", "upper bound of a range"),
        _c("unit", "string", "unit or class counted (troops, people, USD, km, percent)"),
        _c("approx", "string", "approximation words: over, about, at least, up to, ..."),
        _c("counted", "string", "the noun phrase counted"),
        _c("attribution", "int", "idx of the attribution it is part of"),
        _c("event", "int", "idx of the event it belongs to"),
    ),
    "places": (
        *_PROVENANCE[:2],
        _c("start", "int", "offset of the first mention of the place"),
        _c("end", "int", "end offset of that mention (exclusive)"),
        _c("sentence", "int", "sentence of that mention"),
        _c("place_key", "string", "gazetteer key: geo:<geonameid> or sup:<slug>"),
        _c("name", "string", "resolved name"),
        _c("lat", "float", "latitude (WGS84 decimal degrees)"),
        _c("lon", "float", "longitude"),
        _c("country", "string", "ISO 3166-1 alpha-2 country code"),
        _c("admin1", "string", "first-level region (GeoNames code or name)"),
        _c("geonameid", "int", "GeoNames id, when from GeoNames"),
        _c("confidence", "float", "share of the resolver's belief in this reading (0-1)"),
        _c("entity_key", "string", "the entity the place resolves"),
        _c("n_mentions", "int", "mentions of the place in the document"),
        _c("mentions", "json", "list of mentions: {text, start, end, sentence}"),
    ),
    "propositions": (
        _c("proposition_id", "string", "stable id of the cross-document claim"),
        _c("statement", "string", "the claim in words"),
        _c("type", "string", "PLOVER category of the events it is about"),
        _c("place", "string", "place key it is about"),
        _c("negative", "bool", "true for a negated claim"),
        _c("first_seen", "string", "first date a source spoke to it (YYYY-MM-DD)"),
        _c("last_seen", "string", "last such date"),
        _c("contested", "bool", "some source asserts it and another denies it"),
        _c("numbers_disagree", "bool", "sources give different figures"),
        _c("n_sources", "int", "distinct sources with a stance"),
        _c("n_documents", "int", "documents that speak to it"),
        _c("entities", "list<string>", "entity keys it is about, most frequent first"),
        _c("concepts", "list<string>", "matching concepts (CASUALTIES, CEASEFIRE, ...), most "
           "frequent first"),
        _c("numbers", "json", "figures given: list of {value, upper, unit, approx, counted, "
           "text, source, document, outlet, date}"),
    ),
    "stances": (
        _c("proposition_id", "string", "the proposition"),
        _c("document_id", "string", "the document the stance is taken in"),
        _c("idx", "int", "order of the stance within the proposition's document"),
        _c("source", "string", "who takes the stance (display name)"),
        _c("entity", "string", "entity key of the source, when known"),
        _c("outlet", "string", "outlet of the document"),
        _c("role", "string", "source (a speaker in the article) or outlet (the outlet's own "
           "treatment)"),
        _c("stance", "string", "asserts, denies, unverified, reports"),
        _c("date", "string", "when the stance was taken (YYYY-MM-DD)"),
        _c("text", "string", "the words that carry the claim"),
        _c("start", "int", "offset of those words in the document"),
        _c("end", "int", "end offset (exclusive)"),
        _c("attribution", "int", "idx of the attribution in the document"),
        _c("event", "int", "idx of the event in the document"),
        _c("counted", "bool", "whether the stance counts toward the proposition's sources"),
    ),
    "merged_events": (
        _c("event_id", "string", "stable id of the cross-document event"),
        _c("type", "string", "PLOVER category"),
        _c("statement", "string", "short label: actors, category, targets, place, trigger"),
        _c("place", "string", "place key"),
        _c("start_date", "string", "when it happened: first day (YYYY-MM-DD)"),
        _c("end_date", "string", "last day"),
        _c("modality", "string", "happened if any report states it, else the commonest"),
        _c("first_seen", "string", "date of the first report"),
        _c("last_seen", "string", "date of the last report"),
        _c("n_reports", "int", "reports merged into it"),
        _c("actors", "list<string>", "entity keys of the actors"),
        _c("targets", "list<string>", "entity keys of the targets"),
    ),
    "event_reports": (
        _c("event_id", "string", "the merged event"),
        _c("document_id", "string", "the reporting document"),
        _c("event_idx", "int", "idx of the event in that document (see events)"),
        _c("start", "int", "offset of the event's trigger in the document"),
        _c("end", "int", "end offset of the trigger (exclusive)"),
        _c("sentence", "int", "sentence of the trigger"),
        _c("modality", "string", "how this report presents the event"),
        _c("outlet", "string", "outlet of the document"),
        _c("date", "string", "publication date of the document"),
        _c("text", "string", "the sentence that reports it"),
        _c("attribution", "int", "idx of the attribution that carries it"),
        _c("source", "string", "who claims it, for claimed and denied reports"),
    ),
}

KINDS: tuple[str, ...] = tuple(SCHEMAS)


@dataclass(slots=True)
class ExportedFile:
    kind: str
    path: Path
    rows: int


# --- value conversion ------------------------------------------------------------


def _iso(moment: datetime | str | None) -> str | None:
    if moment is None or isinstance(moment, str):
        return moment
    if moment.tzinfo is None:  # SQLite returns naive datetimes; the store writes UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


def _span_fields(span: dict[str, Any] | None) -> tuple[str | None, int | None, int | None]:
    if not span:
        return None, None, None
    return span.get("text"), _int(span.get("start")), _int(span.get("end"))


def _spans(value: Any) -> list[dict[str, Any]]:
    return [{"text": s.get("text"), "start": s.get("start"), "end": s.get("end")}
            for s in value or [] if isinstance(s, dict)]


def _by_count(counts: dict[str, Any] | None) -> list[str]:
    ordered = sorted(Counter(counts or {}).items(), key=lambda kv: (-kv[1], kv[0]))
    return [k for k, _ in ordered]


# --- reading pages out of the store ----------------------------------------------


@dataclass(slots=True)
class _Source:
    """How to read one kind: the select, its key column, and the row converter."""

    select: sa.Select
    key: sa.ColumnElement[Any]
    key_name: str
    convert: Callable[[Connection, list[Any]], list[dict[str, Any]]]
    count: sa.Select


def _date_range(column: sa.ColumnElement[Any], since: str | None, until: str | None
                ) -> list[Any]:
    where: list[Any] = []
    if since:
        where.append(column >= (published_date(since) or since[:10]))
    if until:
        where.append(column <= (published_date(until) or until[:10]))
    return where


def _docs_in_range(since: str | None, until: str | None) -> list[Any]:
    """Conditions on a ``document_id`` column: its document is published within the range."""
    return _date_range(documents.c.published_date, since, until)


def _finding_source(table: sa.Table, since: str | None, until: str | None,
                    convert: Callable[[Connection, list[Any]], list[dict[str, Any]]]
                    ) -> _Source:
    where: list[Any] = []
    dated = _docs_in_range(since, until)
    if dated:
        where.append(table.c.document_id.in_(sa.select(documents.c.id).where(*dated)))
    return _Source(
        select=sa.select(table).where(*where), key=table.c.id, key_name="id",
        convert=convert, count=sa.select(sa.func.count()).select_from(table).where(*where),
    )


def _documents(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        text = r["text"] or ""
        out.append({
            "document_id": r["id"], "url": r["url"], "outlet": r["outlet"], "title": r["title"],
            "author": r["author"], "published": r["published"], "dct": r["published_date"],
            "date_source": r["date_source"], "date_evidence": r["date_evidence"],
            "language": r["language"], "section": r["section"], "parent_id": r["parent_id"],
            "source": r["source"], "word_count": len(text.split()), "char_count": len(text),
            "ingested_at": _iso(r["ingested_at"]), "analyzed_at": _iso(r["analyzed_at"]),
            "metadata": dict(r["metadata"] or {}), "text": text,
        })
    return out


def _entity_converter(since: str | None, until: str | None
                      ) -> Callable[[Connection, list[Any]], list[dict[str, Any]]]:
    def convert(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
        keys = [r["key"] for r in rows]
        stmt = (
            sa.select(mentions.c.entity_key, sa.func.count(),
                      sa.func.count(sa.distinct(mentions.c.document_id)))
            .where(mentions.c.entity_key.in_(keys))
            .group_by(mentions.c.entity_key)
        )
        dated = _docs_in_range(since, until)
        if dated:
            stmt = stmt.where(mentions.c.document_id.in_(sa.select(documents.c.id).where(*dated)))
        counts = {k: (int(m), int(d)) for k, m, d in conn.execute(stmt)}
        return [{
            "entity_key": r["key"], "name": r["name"], "type": r["type"],
            "aliases": [str(a) for a in r["aliases"] or []], "description": r["description"],
            "country": r["country"], "gazetteer": bool(r["gazetteer"]),
            "mentions": counts.get(r["key"], (0, 0))[0],
            "documents": counts.get(r["key"], (0, 0))[1],
        } for r in rows]

    return convert


def _mentions(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    return [{
        "document_id": r["document_id"], "entity_key": r["entity_key"],
        "entity_idx": r["entity_idx"], "idx": r["idx"], "start": r["start"], "end": r["end"],
        "sentence": r["sentence"], "text": r["text"], "type": r["type"],
    } for r in rows]


def _provenance(r: Any) -> dict[str, Any]:
    return {"document_id": r["document_id"], "idx": r["idx"], "start": _int(r["start"]),
            "end": _int(r["end"]), "sentence": _int(r["sentence"])}


def _times(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        out.append({**_provenance(r), "text": d.get("text"), "type": r["type"],
                    "value": r["value"], "interval_start": r["interval_start"],
                    "interval_end": r["interval_end"], "anchor": d.get("anchor"),
                    "mod": d.get("mod")})
    return out


def _attributions(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        cue_text, cue_start, cue_end = _span_fields(d.get("cue"))
        src_text, src_start, src_end = _span_fields(d.get("source"))
        content = _spans(d.get("content"))
        out.append({
            **_provenance(r), "cue_text": cue_text, "cue_start": cue_start, "cue_end": cue_end,
            "source_text": src_text, "source_start": src_start, "source_end": src_end,
            "source_entity": r["source_entity"],
            "content_text": " ".join(str(s["text"]) for s in content) if content else None,
            "content": content, "kind": r["kind"], "stance": r["stance"],
            "disputed_by": [int(i) for i in d.get("disputed_by") or []],
            "nested_in": _int(d.get("nested_in")), "time": _int(d.get("time")),
        })
    return out


def _events(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        out.append({
            **_provenance(r), "trigger_text": (d.get("trigger") or {}).get("text"),
            "type": r["type"], "mode": d.get("mode"),
            "actors": [str(a) for a in d.get("actors") or []],
            "targets": [str(t) for t in d.get("targets") or []],
            "place": r["place"], "time": _int(d.get("time")), "time_value": r["time_value"],
            "modality": r["modality"], "attribution": _int(d.get("attribution")),
        })
    return out


def _quantities(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        out.append({
            **_provenance(r), "text": d.get("text"), "value": _float(r["value"]),
            "upper": _float(r["upper"]), "unit": r["unit"], "approx": d.get("approx"),
            "counted": d.get("counted"), "attribution": _int(d.get("attribution")),
            "event": _int(d.get("event")),
        })
    return out


def _places(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        found = [{"text": m.get("text"), "start": m.get("start"), "end": m.get("end"),
                  "sentence": m.get("sentence")}
                 for m in d.get("mentions") or [] if isinstance(m, dict)]
        out.append({
            **_provenance(r), "place_key": r["key"], "name": r["name"],
            "lat": _float(r["lat"]), "lon": _float(r["lon"]), "country": r["country"],
            "admin1": r["admin1"], "geonameid": _int(r["geonameid"]),
            "confidence": _float(d.get("confidence")), "entity_key": r["entity_key"],
            "n_mentions": len(found), "mentions": found,
        })
    return out


def _propositions(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        features = r["features"] or {}
        out.append({
            "proposition_id": r["id"], "statement": r["statement"], "type": r["type"],
            "place": r["place"], "negative": bool(r["negative"]),
            "first_seen": r["first_seen"], "last_seen": r["last_seen"],
            "contested": bool(r["contested"]), "numbers_disagree": bool(r["numbers_disagree"]),
            "n_sources": int(r["n_sources"]), "n_documents": int(r["n_documents"]),
            "entities": _by_count(features.get("entities")),
            "concepts": _by_count(features.get("concepts")),
            "numbers": list((r["data"] or {}).get("numbers", [])),
        })
    return out


def _stances(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        counted = d.get("counted")
        out.append({
            "proposition_id": r["proposition_id"], "document_id": r["document_id"],
            "idx": r["idx"], "source": r["source"], "entity": r["entity"], "outlet": r["outlet"],
            "role": r["role"], "stance": r["stance"], "date": r["date"], "text": d.get("text"),
            "start": _int(d.get("start")), "end": _int(d.get("end")),
            "attribution": _int(d.get("attribution")), "event": _int(d.get("event")),
            "counted": None if counted is None else bool(counted),
        })
    return out


def _merged_events(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    return [{
        "event_id": r["id"], "type": r["type"], "statement": r["statement"], "place": r["place"],
        "start_date": r["start"], "end_date": r["end"], "modality": r["modality"],
        "first_seen": r["first_seen"], "last_seen": r["last_seen"],
        "n_reports": int(r["n_reports"]),
        "actors": [str(a) for a in (r["data"] or {}).get("actors", [])],
        "targets": [str(t) for t in (r["data"] or {}).get("targets", [])],
    } for r in rows]


def _event_reports(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        d = r["data"]
        out.append({
            "event_id": r["event_id"], "document_id": r["document_id"],
            "event_idx": r["event_idx"], "start": _int(r["trigger_start"]),
            "end": _int(r["trigger_end"]), "sentence": _int(r["trigger_sentence"]),
            "modality": r["modality"], "outlet": r["outlet"], "date": r["date"],
            "text": d.get("text"), "attribution": _int(d.get("attribution")),
            "source": d.get("source"),
        })
    return out


def _source(kind: str, since: str | None, until: str | None) -> _Source:
    if kind == "documents":
        where = _docs_in_range(since, until)
        return _Source(sa.select(documents).where(*where), documents.c.id, "id", _documents,
                       sa.select(sa.func.count()).select_from(documents).where(*where))
    if kind == "entities":
        where: list[Any] = []
        dated = _docs_in_range(since, until)
        if dated:
            where.append(entities.c["key"].in_(
                sa.select(mentions.c.entity_key).where(
                    mentions.c.document_id.in_(sa.select(documents.c.id).where(*dated)))
            ))
        return _Source(sa.select(entities).where(*where), entities.c["key"], "key",
                       _entity_converter(since, until),
                       sa.select(sa.func.count()).select_from(entities).where(*where))
    if kind == "mentions":
        return _finding_source(mentions, since, until, _mentions)
    table_of = {"times": (times, _times), "attributions": (attributions, _attributions),
                "events": (events, _events), "quantities": (quantities, _quantities),
                "places": (places, _places)}
    if kind in table_of:
        table, convert = table_of[kind]
        return _finding_source(table, since, until, convert)
    if kind == "propositions":
        where = []
        if since:
            where.append(propositions.c.last_seen >= (published_date(since) or since[:10]))
        if until:
            where.append(propositions.c.first_seen <= (published_date(until) or until[:10]))
        return _Source(sa.select(propositions).where(*where), propositions.c.id, "id",
                       _propositions,
                       sa.select(sa.func.count()).select_from(propositions).where(*where))
    if kind == "stances":
        where = _date_range(proposition_stances.c.date, since, until)
        return _Source(sa.select(proposition_stances).where(*where), proposition_stances.c.id,
                       "id", _stances,
                       sa.select(sa.func.count()).select_from(proposition_stances).where(*where))
    if kind == "merged_events":
        where = _date_range(merged_events.c.start, since, until)
        return _Source(sa.select(merged_events).where(*where), merged_events.c.id, "id",
                       _merged_events,
                       sa.select(sa.func.count()).select_from(merged_events).where(*where))
    if kind == "event_reports":
        where = _date_range(event_reports.c.date, since, until)
        joined = event_reports.outerjoin(events, sa.and_(
            events.c.document_id == event_reports.c.document_id,
            events.c.idx == event_reports.c.event_idx,
        ))
        select = sa.select(
            event_reports, events.c.start.label("trigger_start"),
            events.c.end.label("trigger_end"), events.c.sentence.label("trigger_sentence"),
        ).select_from(joined).where(*where)
        return _Source(select, event_reports.c.id, "id", _event_reports,
                       sa.select(sa.func.count()).select_from(event_reports).where(*where))
    raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(KINDS)}")


def read_pages(
    store: Store, select: sa.Select, key: sa.ColumnElement[Any], key_name: str,
    convert: Callable[[Connection, list[Any]], list[dict[str, Any]]],
    page_size: int = PAGE_SIZE, *, action: str = "exporting",
) -> Iterator[list[dict[str, Any]]]:
    """Converted rows of ``select``, page by page in ``key`` order (keyset pagination).

    Each page is read and converted in its own short transaction, which is closed
    before the page is handed over: no read stays open while the caller writes,
    and memory holds one page at a time however large the store.
    """
    last: Any = None
    while True:
        stmt = select if last is None else select.where(key > last)
        stmt = stmt.order_by(key).limit(page_size)
        with store._read(action) as conn:
            rows = list(conn.execute(stmt).mappings())
            page = convert(conn, rows) if rows else []
        if not rows:
            return
        yield page
        if len(rows) < page_size:
            return
        last = rows[-1][key_name]


def iter_rows(store: Store, kind: str, *, since: str | None = None, until: str | None = None,
              page_size: int = PAGE_SIZE) -> Iterator[list[dict[str, Any]]]:
    """Pages of export rows of one kind (dicts with exactly the kind's columns, in order)."""
    source = _source(kind, since, until)
    yield from read_pages(store, source.select, source.key, source.key_name, source.convert,
                          page_size, action=f"exporting {kind}")


def count_rows(store: Store, kind: str, *, since: str | None = None,
               until: str | None = None) -> int:
    source = _source(kind, since, until)
    with store._read(f"counting {kind}") as conn:
        return int(conn.execute(source.count).scalar_one())


# --- writers ---------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return _iso(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(value: Any) -> str:
    """Compact JSON text, UTF-8 characters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def csv_value(value: Any) -> str:
    """How one value is spelled in a CSV cell (empty = null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict, tuple)):
        return to_json(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class RowWriter(AbstractContextManager["RowWriter"]):
    """Writes rows with fixed columns to one file; the file appears only when complete."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        self.path = Path(path)
        self.columns = tuple(columns)
        self.rows = 0
        self._tmp = self.path.with_name(self.path.name + ".part")

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def _abort(self) -> None:
        raise NotImplementedError

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self._finish()
            os.replace(self._tmp, self.path)
        else:
            self._abort()
            self._tmp.unlink(missing_ok=True)


class JsonlWriter(RowWriter):
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        self._fh = open(self._tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Each row projected onto the columns; without columns, each record whole."""
        names = [c.name for c in self.columns]
        for row in rows:
            self._fh.write(to_json({n: row.get(n) for n in names} if names else row))
            self._fh.write("\n")
            self.rows += 1

    def _finish(self) -> None:
        self._fh.close()

    def _abort(self) -> None:
        self._fh.close()


class CsvWriter(RowWriter):
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        self._fh = open(self._tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._csv.writerow([c.name for c in self.columns])

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        names = [c.name for c in self.columns]
        for row in rows:
            self._csv.writerow([csv_value(row.get(n)) for n in names])
            self.rows += 1

    def _finish(self) -> None:
        self._fh.close()

    def _abort(self) -> None:
        self._fh.close()


def arrow_schema(columns: Sequence[Column]) -> Any:
    """The Arrow schema of a kind: ``json`` columns are strings holding JSON text."""
    import pyarrow as pa

    types = {
        "string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()), "list<int>": pa.list_(pa.int64()),
        "json": pa.string(),
    }
    return pa.schema([pa.field(c.name, types[c.type], nullable=True) for c in columns])


class ParquetWriter(RowWriter):
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        import pyarrow.parquet as pq

        super().__init__(path, columns)
        self._schema = arrow_schema(self.columns)
        self._writer = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        self._buffer: list[dict[str, Any]] = []

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        json_cols = [c.name for c in self.columns if c.type == "json"]
        for row in rows:
            out = {c.name: row.get(c.name) for c in self.columns}
            for name in json_cols:
                if out[name] is not None:
                    out[name] = to_json(out[name])
            self._buffer.append(out)
            self.rows += 1
        if len(self._buffer) >= PARQUET_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def _finish(self) -> None:
        self._flush()
        self._writer.close()

    def _abort(self) -> None:
        self._buffer = []
        self._writer.close()


WRITERS: dict[str, type[RowWriter]] = {
    "jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter,
}


def open_writer(path: Path, columns: Sequence[Column], format: str) -> RowWriter:
    if format not in WRITERS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    return WRITERS[format](path, columns)


# --- the export --------------------------------------------------------------------


def check_kinds(kinds: Iterable[str] | None) -> tuple[str, ...]:
    """The kinds asked for, in :data:`KINDS` order; ValueError naming any unknown one."""
    if not kinds:
        return KINDS
    asked = list(dict.fromkeys(kinds))
    unknown = [k for k in asked if k not in SCHEMAS]
    if unknown:
        raise ValueError(
            f"unknown kind {', '.join(map(repr, unknown))}; choose from {', '.join(KINDS)}"
        )
    return tuple(k for k in KINDS if k in asked)


def export_kind(store: Store, kind: str, path: Path, format: str, *,
                since: str | None = None, until: str | None = None,
                progress: Progress | None = None, page_size: int = PAGE_SIZE) -> ExportedFile:
    """Write one kind to ``path`` in ``format``; returns the file and its row count."""
    columns = SCHEMAS[kind]
    total = count_rows(store, kind, since=since, until=until) if progress else None
    if progress:
        progress(kind, 0, total)
    with open_writer(path, columns, format) as writer:
        for page in iter_rows(store, kind, since=since, until=until, page_size=page_size):
            writer.write(page)
            if progress:
                progress(kind, writer.rows, total)
    return ExportedFile(kind, Path(path), writer.rows)


def export_tables(
    store: Store, out_dir: str | Path, format: str = "jsonl", *,
    kinds: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
    progress: Progress | None = None, page_size: int = PAGE_SIZE,
) -> list[ExportedFile]:
    """Write ``<kind>.<format>`` into ``out_dir`` for each kind (all by default).

    ``since``/``until`` (ISO dates, inclusive) keep findings of documents published
    in the range (undated documents are then left out); propositions overlapping
    the range; stances, merged events and event reports dated within it.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    chosen = check_kinds(kinds)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [
        export_kind(store, kind, out / f"{kind}.{format}", format, since=since, until=until,
                    progress=progress, page_size=page_size)
        for kind in chosen
    ]


# --- reading an export back ----------------------------------------------------------


def _parse_csv_cell(column: Column, cell: str) -> Any:
    if cell == "":
        return None
    if column.type == "int":
        return int(cell)
    if column.type == "float":
        return float(cell)
    if column.type == "bool":
        return cell == "true"
    if column.type in ("list<string>", "list<int>", "json"):
        return json.loads(cell)
    return cell


def read_rows(path: str | Path, kind: str | None = None) -> list[dict[str, Any]]:
    """The rows of an exported file, typed as in the export (for checks and small files).

    ``kind`` defaults to the file name's stem (``events.csv`` -> events).
    """
    path = Path(path)
    columns = SCHEMAS[kind or path.name.split(".")[0]]
    suffix = path.suffix.lstrip(".")
    if suffix == "jsonl":
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    if suffix == "csv":
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            by_name = {c.name: c for c in columns}
            return [{name: _parse_csv_cell(by_name[name], cell)
                     for name, cell in zip(header, record, strict=True)} for record in reader]
    if suffix == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(path).to_pylist()
        json_cols = [c.name for c in columns if c.type == "json"]
        for row in rows:
            for name in json_cols:
                if row.get(name) is not None:
                    row[name] = json.loads(row[name])
        return rows
    raise ValueError(f"cannot read {path}: not .jsonl, .csv or .parquet")
