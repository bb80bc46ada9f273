"""Conversions between findings records and table rows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from fogwatch.findings import Analysis, Document, Entity, Mention, text_hash
from fogwatch.kinds import registry


def insert_for(conn: Connection, table: sa.Table) -> Any:
    """An INSERT on ``table`` in ``conn``'s dialect, which takes ON CONFLICT clauses
    (``on_conflict_do_nothing``, ``on_conflict_do_update``) on both backends."""
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    return insert(table)


def now() -> datetime:
    return datetime.now(UTC)


def iso_utc(moment: datetime | None) -> str | None:
    """ISO 8601 text of a stored instant, with its offset: SQLite hands back naive
    datetimes, and everything the store writes is UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def published_date(published: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an ISO date or datetime, if it has one."""
    if published and len(published) >= 10 and published[4] == "-" and published[7] == "-":
        return published[:10]
    return None


def document_row(doc: Document) -> dict[str, Any]:
    """The ``documents`` row for a document, without the bookkeeping timestamps."""
    return {
        "id": doc.id,
        "url": doc.url,
        "text_hash": text_hash(doc.text),
        "text": doc.text,
        "outlet": doc.outlet,
        "title": doc.title,
        "author": doc.author,
        "published": doc.published,
        "published_date": published_date(doc.published),
        "date_source": doc.date_source,
        "date_evidence": doc.date_evidence,
        "language": doc.language,
        "section": doc.section,
        "parent_id": doc.parent_id,
        "source": doc.source,
        "metadata": dict(doc.metadata),
        "sentences": [list(span) for span in doc.sentences] if doc.sentences is not None else None,
        "lemmas": dict(doc.lemmas) if doc.lemmas is not None else None,
    }


def row_document(row: Mapping[str, Any]) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        url=row["url"],
        outlet=row["outlet"],
        title=row["title"],
        author=row["author"],
        published=row["published"],
        date_source=row["date_source"],
        date_evidence=row["date_evidence"],
        language=row["language"],
        section=row["section"],
        parent_id=row["parent_id"],
        source=row["source"],
        metadata=dict(row["metadata"] or {}),
        sentences=_spans(row.get("sentences")),
        lemmas=dict(row["lemmas"]) if row.get("lemmas") is not None else None,
    )


def _spans(stored: Any) -> list[tuple[int, int]] | None:
    return None if stored is None else [(int(a), int(b)) for a, b in stored]


def with_document(data: dict[str, Any], doc_id: str) -> dict[str, Any]:
    """A finding dict whose ``document`` provenance is filled in (stored findings always name it)."""
    if "document" in data and data["document"] is None:
        data["document"] = doc_id
    for mention in data.get("mentions") or []:  # a Place's mentions
        with_document(mention, doc_id)
    return data


def entity_rows(
    analysis: Analysis,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``document_entities`` and ``mentions`` rows for one analysis."""
    doc_id = analysis.document.id
    doc_entities: list[dict[str, Any]] = []
    mention_rows: list[dict[str, Any]] = []
    for e_idx, entity in enumerate(analysis.entities):
        data = entity.to_dict()
        data.pop("mentions")
        doc_entities.append(
            {"document_id": doc_id, "idx": e_idx, "entity_key": entity.key, "data": data}
        )
        for m_idx, mention in enumerate(entity.mentions):
            mention_rows.append({
                "document_id": doc_id,
                "entity_key": entity.key,
                "entity_idx": e_idx,
                "idx": m_idx,
                "start": mention.start,
                "end": mention.end,
                "sentence": mention.sentence,
                "text": mention.text,
                "type": mention.type,
            })
    return doc_entities, mention_rows


def rebuild_entities(
    doc_entities: list[Mapping[str, Any]], mention_rows: list[Mapping[str, Any]]
) -> list[Entity]:
    """Entities as one document saw them, with that document's mentions only."""
    by_entity: dict[int, list[Mention]] = {}
    for row in sorted(mention_rows, key=lambda r: (r["entity_idx"], r["idx"])):
        by_entity.setdefault(row["entity_idx"], []).append(
            Mention(
                text=row["text"],
                start=row["start"],
                end=row["end"],
                sentence=row["sentence"],
                type=row["type"],
                entity=row["entity_key"],
                document=row["document_id"],
            )
        )
    out = []
    for row in sorted(doc_entities, key=lambda r: r["idx"]):
        entity = Entity.from_dict(dict(row["data"]))
        entity.mentions = by_entity.get(row["idx"], [])
        out.append(entity)
    return out


def finding_row(kind: str, doc_id: str, idx: int, data: dict[str, Any]) -> dict[str, Any]:
    """A row for one finding: common columns, typed copies for filtering, the full dict.

    What goes in the typed columns is the kind's to say (:mod:`fogwatch.kinds`).
    """
    try:
        spec = registry.get(kind)
    except KeyError as exc:
        raise ValueError(str(exc.args[0])) from None
    return spec.stored_row(doc_id, idx, data)  # type: ignore[no-any-return]
