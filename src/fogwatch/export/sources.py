"""Reading export rows out of the store, page by page, one converter per kind.

Rows are read by primary key (keyset pagination, one short read transaction per
page), so memory does not grow with the store. Each converter turns a page of
stored rows into dicts holding exactly its kind's columns (:data:`SCHEMAS`), in
the JSON Lines spelling: dates as ``YYYY-MM-DD`` text, instants as ISO 8601 text,
lists and objects as Python lists and dicts. The writers type them per format.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.export.columns import STRUCTS, kinds
from fogwatch.export.convert import as_float, as_int, day, iso
from fogwatch.kinds import registry
from fogwatch.store import Store
from fogwatch.store.records import published_date
from fogwatch.store.schema import (
    claim_corrections,
    corrections,
    documents,
    entities,
    entity_corrections,
    event_reports,
    events,
    mentions,
    merged_events,
    proposition_stances,
    propositions,
)

PAGE_SIZE = 1000

# --- value conversion ------------------------------------------------------------


_NUMBER_FIELDS = STRUCTS["number"]


def _numbers(value: Any) -> list[dict[str, Any]]:
    """Figures projected onto the fixed fields of a number (every format carries the same)."""
    out = []
    for n in value or []:
        if not isinstance(n, dict):
            continue
        row: dict[str, Any] = {}
        for name, kind in _NUMBER_FIELDS:
            v = n.get(name)
            row[name] = (as_float(v) if kind == "float" else day(v) if kind == "date"
                         else None if v is None else str(v))
        out.append(row)
    return out


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
            "author": r["author"], "published": r["published"], "dct": day(r["published_date"]),
            "date_source": r["date_source"], "date_evidence": r["date_evidence"],
            "language": r["language"], "section": r["section"], "parent_id": r["parent_id"],
            "source": r["source"], "word_count": len(text.split()), "char_count": len(text),
            "ingested_at": iso(r["ingested_at"]), "analyzed_at": iso(r["analyzed_at"]),
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


def _propositions(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        features = r["features"] or {}
        out.append({
            "proposition_id": r["id"], "statement": r["statement"],
            "place": r["place"], "negative": bool(r["negative"]),
            "first_seen": day(r["first_seen"]), "last_seen": day(r["last_seen"]),
            "contested": bool(r["contested"]), "numbers_disagree": bool(r["numbers_disagree"]),
            "n_sources": int(r["n_sources"]), "n_documents": int(r["n_documents"]),
            "entities": _by_count(features.get("entities")),
            "concepts": _by_count(features.get("concepts")),
            "numbers": _numbers((r["data"] or {}).get("numbers")),
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
            "role": r["role"], "stance": r["stance"], "date": day(r["date"]), "text": d.get("text"),
            "start": as_int(d.get("start")), "end": as_int(d.get("end")),
            "attribution": as_int(d.get("attribution")),
            "counted": None if counted is None else bool(counted),
            "corrected": _json_text(d.get("corrected")),
        })
    return out


def _merged_events(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    return [{
        "event_id": r["id"], "type": r["type"], "statement": r["statement"], "place": r["place"],
        "start_date": day(r["start"]), "end_date": day(r["end"]),
        "modality": r["modality"], "first_seen": day(r["first_seen"]),
        "last_seen": day(r["last_seen"]),
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
            "event_idx": r["event_idx"], "start": as_int(r["trigger_start"]),
            "end": as_int(r["trigger_end"]), "sentence": as_int(r["trigger_sentence"]),
            "modality": r["modality"], "outlet": r["outlet"], "date": day(r["date"]),
            "text": d.get("text"), "attribution": as_int(d.get("attribution")),
            "source": d.get("source"),
        })
    return out


def _json_text(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _corrections(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    return [{
        "correction_id": int(r["id"]), "kind": r["kind"], "document_id": r["document_id"],
        "idx": as_int(r["idx"]), "applied_idx": as_int(r["applied_idx"]),
        "anchor_start": as_int(r["anchor_start"]), "anchor_end": as_int(r["anchor_end"]),
        "anchor_text": r["anchor_text"], "action": r["action"], "field": r["field"],
        "value": _json_text(r["value"]) if r["action"] == "set" else None,
        "original": _json_text(r["original"]) if r["action"] == "set" else None,
        "author": r["author"], "note": r["note"], "created_at": iso(r["created_at"]),
        "state": r["state"], "checked_at": iso(r["checked_at"]),
        "withdrawn_at": iso(r["withdrawn_at"]), "withdrawn_by": r["withdrawn_by"],
    } for r in rows]


def _entity_corrections(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    return [{
        "correction_id": int(r["id"]), "action": r["action"], "entity_key": r["key"],
        "target_key": r["target"], "value": r["value"],
        "original": None if r["original"] is None else str(r["original"]),
        "author": r["author"], "note": r["note"], "created_at": iso(r["created_at"]),
        "state": r["state"], "withdrawn_at": iso(r["withdrawn_at"]),
        "withdrawn_by": r["withdrawn_by"],
    } for r in rows]


def _claim_corrections(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    return [{
        "correction_id": int(r["id"]), "action": r["action"],
        "proposition_id": r["proposition_id"], "members": _json_text(r["anchors"]),
        "target": _json_text(r["target"]), "value": r["value"],
        "documents": _json_text(r["documents"]), "original": _json_text(r["original"]),
        "author": r["author"], "note": r["note"], "created_at": iso(r["created_at"]),
        "state": r["state"], "checked_at": iso(r["checked_at"]),
        "withdrawn_at": iso(r["withdrawn_at"]), "withdrawn_by": r["withdrawn_by"],
    } for r in rows]


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
    spec = registry.find(kind)
    if spec is not None:  # a finding kind: it says how its rows are exported
        def convert(_conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
            return [spec.to_export(r) for r in rows]

        return _finding_source(spec.table, since, until, convert)
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
    if kind == "corrections":
        return _finding_source(corrections, since, until, _corrections)
    if kind == "entity_corrections":  # of no one document: every one, whatever the dates
        return _Source(sa.select(entity_corrections), entity_corrections.c.id, "id",
                       _entity_corrections,
                       sa.select(sa.func.count()).select_from(entity_corrections))
    if kind == "claim_corrections":  # of no one document either
        return _Source(sa.select(claim_corrections), claim_corrections.c.id, "id",
                       _claim_corrections,
                       sa.select(sa.func.count()).select_from(claim_corrections))
    raise ValueError(f"unknown kind {kind!r}; choose from {', '.join(kinds())}")


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
        with store.reading(action) as conn:
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
    with store.reading(f"counting {kind}") as conn:
        return int(conn.execute(source.count).scalar_one())
