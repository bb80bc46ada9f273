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

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from fogwatch.kinds import registry

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

PROVENANCE = (
    _c("document_id", "string", "id of the document the finding is in"),
    _c("idx", "int", "position of the finding in its document's list of that kind; "
       "other findings refer to it by this number"),
    _c("start", "int", "character offset where the finding begins in the document text"),
    _c("end", "int", "character offset where it ends (exclusive): text[start:end]"),
    _c("sentence", "int", "index of the sentence it is in (0-based)"),
)

_BEFORE: dict[str, tuple[Column, ...]] = {
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
}

# The cross-document records (fogwatch.reconcile), written after the finding kinds.
_AFTER: dict[str, tuple[Column, ...]] = {
    "propositions": (
        _c("proposition_id", "string", "stable id of the cross-document claim"),
        _c("statement", "string", "the claim in words"),
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
        _c("counted", "bool", "whether the stance counts toward the proposition's sources"),
        _c("corrected", "string", "an analyst's corrections in force on the stance (moved "
           "into this proposition, split off, merged, its stance set): their ids, actions, "
           "author and the machine's original (its proposition and statement, its stance), "
           "as JSON text; empty: as the machine placed it"),
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
    "corrections": (
        _c("correction_id", "int", "id of the correction"),
        _c("kind", "string", "the finding kind it corrects (events, attributions, ...)"),
        _c("document_id", "string", "the document of the finding"),
        _c("idx", "int", "idx of the finding when the correction was made"),
        _c("applied_idx", "int", "idx of the finding it applies to now (empty unless applied)"),
        _c("anchor_start", "int", "offset of the words it is anchored on (an event's "
           "trigger, an attribution's cue, the finding's span)"),
        _c("anchor_end", "int", "end offset of those words (exclusive)"),
        _c("anchor_text", "string", "the words: text[anchor_start:anchor_end]"),
        _c("action", "string", "reject, confirm, set, or add (a finding the machine "
           "missed, made by hand)"),
        _c("field", "string", "for set: the field it changes"),
        _c("value", "string", "for set: the value it gives; for add: the finding's "
           "fields; as JSON text"),
        _c("original", "string", "for set: the machine's value it replaces; for add: "
           "{\"inserted\": true}, or {\"matched\": true} where the machine found one on "
           "its words; as JSON text"),
        _c("author", "string", "who made it"),
        _c("note", "string", "the analyst's note"),
        _c("created_at", "timestamp", "when it was made (ISO 8601, UTC)"),
        _c("state", "string", "applied, orphaned (no finding has its words any more) or "
           "withdrawn"),
        _c("checked_at", "timestamp", "when it was last matched to the findings"),
        _c("withdrawn_at", "timestamp", "when it was withdrawn"),
        _c("withdrawn_by", "string", "who withdrew it"),
    ),
    "entity_corrections": (
        _c("correction_id", "int", "id of the entity correction"),
        _c("action", "string", "rename, merge, split or type"),
        _c("entity_key", "string", "the entity corrected"),
        _c("target_key", "string", "merge: the key that stays; split: the new key of the "
           "alias split off"),
        _c("value", "string", "rename: the new name; type: the type; split: the alias"),
        _c("original", "string", "what the entity's record said before: its name (its "
           "type for type)"),
        _c("author", "string", "who made it"),
        _c("note", "string", "the analyst's note"),
        _c("created_at", "timestamp", "when it was made (ISO 8601, UTC)"),
        _c("state", "string", "applied or withdrawn"),
        _c("withdrawn_at", "timestamp", "when it was withdrawn"),
        _c("withdrawn_by", "string", "who withdrew it"),
    ),
    "claim_corrections": (
        _c("correction_id", "int", "id of the claim correction"),
        _c("action", "string", "move (a member into another proposition), split (members "
           "off into a proposition of their own), merge (a proposition into another) or "
           "stance (a member's stance set)"),
        _c("proposition_id", "string", "the proposition it applies to now (empty unless "
           "applied)"),
        _c("members", "string", "the members it moves or sets (merge: members of the "
           "proposition merged away), each its document, role, start, end and text, as "
           "JSON text"),
        _c("target", "string", "move, merge: members of the proposition they go into, as "
           "JSON text"),
        _c("value", "string", "stance: the stance set"),
        _c("documents", "string", "the documents its members are in, as JSON text"),
        _c("original", "string", "what it replaced: the proposition (id, statement) and, "
           "for stance, the machine's stance, as JSON text"),
        _c("author", "string", "who made it"),
        _c("note", "string", "the analyst's note"),
        _c("created_at", "timestamp", "when it was made (ISO 8601, UTC)"),
        _c("state", "string", "applied, waiting (a document of its members is not "
           "reconciled yet), orphaned (its words are no member of any proposition) or "
           "withdrawn"),
        _c("checked_at", "timestamp", "when it was last applied"),
        _c("withdrawn_at", "timestamp", "when it was withdrawn"),
        _c("withdrawn_by", "string", "who withdrew it"),
    ),
}



class _Schemas(Mapping[str, tuple[Column, ...]]):
    """Kind -> its columns: documents, entities and mentions, then every registered
    finding kind (:mod:`fogwatch.kinds`, which declares its own columns), then the
    cross-document records. A live view: a kind registered later is here too."""

    def __getitem__(self, kind: str) -> tuple[Column, ...]:
        if kind in _BEFORE:
            return _BEFORE[kind]
        if kind in _AFTER:
            return _AFTER[kind]
        found = registry.find(kind)
        if found is None:
            raise KeyError(kind)
        return tuple(found.export_columns)

    def __iter__(self) -> Iterator[str]:
        return iter((*_BEFORE, *registry.names(), *_AFTER))

    def __len__(self) -> int:
        return len(_BEFORE) + len(registry.names()) + len(_AFTER)


SCHEMAS: Mapping[str, tuple[Column, ...]] = _Schemas()


def kinds() -> tuple[str, ...]:
    """Every exportable kind, in export order."""
    return tuple(SCHEMAS)


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "KINDS":  # computed on use: plug-in kinds register after import
        return kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")



@dataclass(slots=True)
class ExportedFile:
    kind: str
    path: Path
    rows: int
