"""Full-text search: SQLite FTS5 or PostgreSQL tsvector, with forgiving query parsing.

Users type into a search box; whatever they type (stray quotes, ``*``, ``(``,
``AND``/``NOT``) must not raise a syntax error. On SQLite the input is rebuilt
as a safe FTS5 expression of quoted words and phrases; PostgreSQL's
``websearch_to_tsquery`` already accepts any input.

Words are matched by their stems ("surround" finds "surrounded": FTS5's porter
tokenizer, PostgreSQL's english configuration), a word ending in ``*`` by its
beginning ("pokrov*"), and a query that is an entity's name or one of its
aliases also finds the documents that mention the entity under any name
("Kupiansk" finds an article that spells it "Kupyansk").
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection

from fogwatch.findings import Document
from fogwatch.store.records import row_document
from fogwatch.store.schema import document_entities, documents, entities, mentions

SNIPPET_START, SNIPPET_END, SNIPPET_GAP = "[", "]", "…"

_PHRASE_OR_WORD = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts5_query(query: str) -> str | None:
    """A safe FTS5 expression for what a user typed, or None when nothing is searchable.

    Quoted text is a phrase, other words must all match, and an upper-case ``OR``
    between terms means either; every other operator character is dropped, so
    ``"pokrovsk*`` or ``(AND`` never reach FTS5 as syntax.
    """
    terms: list[str] = []
    pending_or = False
    for match in _PHRASE_OR_WORD.finditer(query):
        phrase, bare = match.group(1), match.group(2)
        if bare == "OR":
            pending_or = bool(terms)
            continue
        if bare in ("AND", "NOT"):
            continue  # implicit AND already; NOT would need a left operand users rarely mean
        words = _WORD.findall(phrase if phrase is not None else bare)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if phrase is None and bare.endswith("*"):
            term += " *"  # the last word as a prefix
        if pending_or and terms:
            terms[-1] = f"{terms[-1]} OR {term}"
        else:
            terms.append(term)
        pending_or = False
    if not terms:
        return None
    return " AND ".join(f"({t})" if " OR " in t else t for t in terms)


def search_sqlite(conn: Connection, query: str, limit: int) -> list[tuple[str, str]]:
    expression = fts5_query(query)
    if expression is None:
        return []
    rows = conn.execute(
        text(
            "SELECT doc_id, snippet(documents_fts, 2, :s, :e, :g, 16) AS snip "
            "FROM documents_fts WHERE documents_fts MATCH :q "
            # bm25 is lower for better matches; weight title hits above body hits.
            "ORDER BY bm25(documents_fts, 0.0, 4.0, 1.0) LIMIT :limit"
        ),
        {"q": expression, "s": SNIPPET_START, "e": SNIPPET_END, "g": SNIPPET_GAP,
         "limit": limit},
    )
    return [(r.doc_id, r.snip) for r in rows]


def _prefix_tsquery(query: str) -> str | None:
    """A to_tsquery expression when the user asked for prefixes (``word*``): every
    word must match, the starred ones by their beginning; None otherwise."""
    bare = [m.group(2) for m in _PHRASE_OR_WORD.finditer(query) if m.group(2)]
    if not any(b.endswith("*") for b in bare):
        return None
    parts = []
    for token in bare:
        for k, word in enumerate(words := _WORD.findall(token)):
            last = k == len(words) - 1
            parts.append(f"{word}:*" if last and token.endswith("*") else word)
    return " & ".join(parts) or None


def search_postgres(conn: Connection, query: str, limit: int) -> list[tuple[str, str]]:
    if not _WORD.search(query):
        return []
    prefix = _prefix_tsquery(query)
    parse = "to_tsquery('english', :q)" if prefix else "websearch_to_tsquery('english', :q)"
    options = (
        f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, FragmentDelimiter={SNIPPET_GAP}, "
        "MaxWords=30, MinWords=10, MaxFragments=2"
    )
    rows = conn.execute(
        text(
            f"WITH q AS (SELECT {parse} AS tsq), "
            "hits AS (SELECT d.id, d.text, d.published, ts_rank_cd(d.search_vector, q.tsq) AS rank, "
            "  q.tsq "
            "  FROM documents d, q WHERE d.search_vector @@ q.tsq "
            "  ORDER BY rank DESC, d.published DESC NULLS LAST, d.id LIMIT :limit) "
            # ts_headline is costly, so only the page of hits gets a snippet.
            "SELECT id, ts_headline('english', text, tsq, :opts) AS snip FROM hits "
            "ORDER BY rank DESC, published DESC NULLS LAST, id"
        ),
        {"q": prefix or query, "opts": options, "limit": limit},
    )
    return [(r.id, r.snip) for r in rows]


def entity_keys_named(conn: Connection, query: str) -> list[str]:
    """Keys of the entities whose name or one alias is exactly ``query`` (any case)."""
    name = " ".join(query.replace('"', " ").replace("*", " ").split())
    if len(name) < 3 or not _WORD.search(name):
        return []
    low = name.lower()
    aliases_text = sa.func.lower(sa.cast(entities.c.aliases, sa.Text))
    rows = conn.execute(
        sa.select(entities.c.key, entities.c.name, entities.c.aliases).where(sa.or_(
            sa.func.lower(entities.c.name) == low,
            aliases_text.like(f'%"{_escape_like(low)}"%', escape="\\"),
        )).limit(20)
    )
    return sorted(
        r.key for r in rows
        if r.name.lower() == low or any(str(a).lower() == low for a in (r.aliases or []))
    )


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def entity_hits(conn: Connection, keys: list[str], skip: set[str],
                limit: int) -> list[tuple[str, str]]:
    """Documents mentioning any of the entities ``keys`` (newest first, ``skip`` left
    out), each with a snippet around its first mention."""
    if not keys or limit <= 0:
        return []
    first = (
        sa.select(mentions.c.document_id, sa.func.min(mentions.c.start).label("start"))
        .where(mentions.c.entity_key.in_(keys))
        .group_by(mentions.c.document_id)
        .subquery()
    )
    ids = sa.select(document_entities.c.document_id).where(
        document_entities.c.entity_key.in_(keys)).distinct().subquery()
    stmt = (
        sa.select(documents.c.id, documents.c.text, first.c.start)
        .join(ids, ids.c.document_id == documents.c.id)
        .join(first, first.c.document_id == documents.c.id, isouter=True)
        .order_by(documents.c.published_date.desc().nulls_last(), documents.c.id)
        .limit(limit + len(skip))
    )
    out = []
    for row in conn.execute(stmt):
        if row.id in skip:
            continue
        out.append((row.id, _snippet(row.text, row.start)))
        if len(out) >= limit:
            break
    return out


def _snippet(body: str, start: int | None, width: int = 90) -> str:
    if start is None:
        return body[:width * 2].strip()
    end = start
    while end < len(body) and (body[end].isalnum() or body[end] in "-'’"):
        end += 1
    lo, hi = max(0, start - width), min(len(body), end + width)
    return ((SNIPPET_GAP if lo else "") + body[lo:start] + SNIPPET_START + body[start:end]
            + SNIPPET_END + body[end:hi] + (SNIPPET_GAP if hi < len(body) else ""))


def fts_insert(conn: Connection, row: dict[str, Any]) -> None:
    """Index one document on SQLite (PostgreSQL indexes through a generated column)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:id, :title, :text)"),
            {"id": row["id"], "title": row.get("title") or "", "text": row["text"]},
        )


def fts_update_title(conn: Connection, doc_id: str, title: str | None) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text("UPDATE documents_fts SET title = :title WHERE doc_id = :id"),
            {"id": doc_id, "title": title or ""},
        )


def search_documents(conn: Connection, query: str, limit: int) -> list[tuple[Document, str]]:
    """Documents matching ``query``, best first, with a snippet (see :meth:`Store.search`)."""
    if conn.dialect.name == "postgresql":
        hits = search_postgres(conn, query, limit)
    else:
        hits = search_sqlite(conn, query, limit)
    # A name also finds the documents that mention its entity under another.
    keys = entity_keys_named(conn, query)
    hits += entity_hits(conn, keys, {h[0] for h in hits}, limit - len(hits))
    if not hits:
        return []
    rows = conn.execute(
        sa.select(documents).where(documents.c.id.in_([h[0] for h in hits]))
    ).mappings()
    by_id = {r["id"]: row_document(r) for r in rows}
    return [(by_id[i], snippet) for i, snippet in hits if i in by_id]
