"""Full-text search: SQLite FTS5 or PostgreSQL tsvector, with forgiving query parsing.

Users type into a search box; whatever they type (stray quotes, ``*``, ``(``,
``AND``/``NOT``) must not raise a syntax error. On SQLite the input is rebuilt
as a safe FTS5 expression of quoted words and phrases; PostgreSQL's
``websearch_to_tsquery`` already accepts any input.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

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


def search_postgres(conn: Connection, query: str, limit: int) -> list[tuple[str, str]]:
    if not _WORD.search(query):
        return []
    options = (
        f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, FragmentDelimiter={SNIPPET_GAP}, "
        "MaxWords=30, MinWords=10, MaxFragments=2"
    )
    rows = conn.execute(
        text(
            "WITH q AS (SELECT websearch_to_tsquery('english', :q) AS tsq), "
            "hits AS (SELECT d.id, d.text, d.published, ts_rank_cd(d.search_vector, q.tsq) AS rank, "
            "  q.tsq "
            "  FROM documents d, q WHERE d.search_vector @@ q.tsq "
            "  ORDER BY rank DESC, d.published DESC NULLS LAST, d.id LIMIT :limit) "
            # ts_headline is costly, so only the page of hits gets a snippet.
            "SELECT id, ts_headline('english', text, tsq, :opts) AS snip FROM hits "
            "ORDER BY rank DESC, published DESC NULLS LAST, id"
        ),
        {"q": query, "opts": options, "limit": limit},
    )
    return [(r.id, r.snip) for r in rows]


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
