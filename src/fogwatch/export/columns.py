"""The columns of every exported kind: names, types and meanings.

One list per kind (:data:`SCHEMAS`), written in that order in every format;
``docs/exports.md`` lists the same columns and a test keeps the two equal.
Column types are named once here and spelled per format by the writers:

- ``string``, ``int``, ``float``, ``bool``: plain scalars (``int`` is a
  nullable int64 in Parquet, never a float when some rows are empty).
- ``date``: a calendar day, ``YYYY-MM-DD`` text in JSON Lines and CSV, ``date32``
  in Parquet. Only whole days are ``date`` columns: a partial TimeML value such
  as ``2025-10`` stays a ``string`` column beside them (``times.value``).
- ``timestamp``: an instant, ISO 8601 text with its UTC offset in JSON Lines and
  CSV, ``timestamp[us, UTC]`` in Parquet.
- ``list<string>``, ``list<int>``: lists of scalars.
- ``list<span>``, ``list<mention>``, ``list<number>``: lists of objects with the
  fixed fields of :data:`STRUCTS`; Parquet list<struct> columns.
- ``json``: an object with keys the source chose (document metadata); JSON text
  in CSV and Parquet because its values may be anything, nested at any depth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")

Progress = Callable[[str, int, int | None], None]
"""``progress(kind, rows_done, rows_total)``; called after each page and once at the start."""

# The fields of the objects in list<...> columns, in order, with their scalar type.
STRUCTS: dict[str, tuple[tuple[str, str], ...]] = {
    "span": (("text", "string"), ("start", "int"), ("end", "int")),
    "mention": (("text", "string"), ("start", "int"), ("end", "int"), ("sentence", "int")),
    "number": (("value", "float"), ("upper", "float"), ("unit", "string"),
               ("approx", "string"), ("counted", "string"), ("text", "string"),
               ("source", "string"), ("document", "string"), ("outlet", "string"),
               ("date", "date")),
}
SCALAR_TYPES: tuple[str, ...] = ("string", "int", "float", "bool", "date", "timestamp")
COLUMN_TYPES: tuple[str, ...] = (
    *SCALAR_TYPES, "list<string>", "list<int>", *(f"list<{s}>" for s in STRUCTS), "json",
)


@dataclass(frozen=True, slots=True)
class Column:
    """One exported column: its name, its type and what it means.

    Types: one of :data:`COLUMN_TYPES` (see the module's docstring).
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
        _c("published", "string", "publication date or datetime as stored (ISO 8601, with "
           "the source's own precision and offset; its day, typed, is dct)"),
        _c("dct", "date", "document creation time used to resolve relative times: "
           "the YYYY-MM-DD part of published"),
        _c("date_source", "string", "where the date came from: metadata, given, text, inferred"),
        _c("date_evidence", "string", "for inferred dates, the words that gave the date"),
        _c("language", "string", "ISO 639-1 language code"),
        _c("section", "string", "body (an article) or comment (a reader comment)"),
        _c("parent_id", "string", "for a comment, the id of its article"),
        _c("source", "string", "where it was read from: a path, URL, feed or stdin"),
        _c("word_count", "int", "whitespace-separated words in text"),
        _c("char_count", "int", "characters in text (what the offsets count)"),
        _c("ingested_at", "timestamp", "when it was stored (ISO 8601, UTC)"),
        _c("analyzed_at", "timestamp", "when its findings were last saved (ISO 8601, UTC); "
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
        _c("interval_start", "date", "first day it covers, for dates (value keeps the "
           "expression's own precision)"),
        _c("interval_end", "date", "last day it covers (inclusive), for dates"),
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
        _c("content", "list<span>", "list of content spans: {text, start, end}"),
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
        _c("mentions", "list<mention>", "list of mentions: {text, start, end, sentence}"),
    ),
    "propositions": (
        _c("proposition_id", "string", "stable id of the cross-document claim"),
        _c("statement", "string", "the claim in words"),
        _c("type", "string", "PLOVER category of the events it is about (empty: the "
           "cross-document step does not record one yet)"),
        _c("place", "string", "place key it is about"),
        _c("negative", "bool", "true for a negated claim"),
        _c("first_seen", "date", "first date a source spoke to it"),
        _c("last_seen", "date", "last such date"),
        _c("contested", "bool", "some source asserts it and another denies it"),
        _c("numbers_disagree", "bool", "sources give different figures"),
        _c("n_sources", "int", "distinct sources with a stance"),
        _c("n_documents", "int", "documents that speak to it"),
        _c("entities", "list<string>", "entity keys it is about, most frequent first"),
        _c("concepts", "list<string>", "matching concepts (CASUALTIES, CEASEFIRE, ...), most "
           "frequent first"),
        _c("numbers", "list<number>", "figures given: list of {value, upper, unit, approx, counted, "
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
        _c("date", "date", "when the stance was taken (the document's date)"),
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
        _c("start_date", "date", "when it happened: first day"),
        _c("end_date", "date", "last day"),
        _c("modality", "string", "happened if any report states it, else the commonest"),
        _c("first_seen", "date", "date of the first report"),
        _c("last_seen", "date", "date of the last report"),
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
        _c("date", "date", "publication date of the document"),
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
