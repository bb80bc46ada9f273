"""Watched claims, and the reads that tracking a claim needs.

A watched claim is a claim in an analyst's own words, saved so that documents
that later take a stance on it are shown as new (:mod:`fogwatch.reconcile.tracking`
decides the stances). The table ``watched_claims`` keeps its text, who saved it
and when, and ``seen_at``: when the analyst last looked at it. A document
ingested after ``seen_at`` that takes a stance on the claim is *new*; marking the
claim seen moves ``seen_at`` to now.

Tracking finds its candidate documents here, by full-text search
(:func:`candidate_rows`): any of the claim's content words, best match first,
a bounded number of them, so that the cost does not grow with the store (see
that function for how each backend does it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy import text
from sqlalchemy.engine import Connection

from fogwatch.store.records import iso_utc, now
from fogwatch.store.schema import documents, proposition_stances, propositions, watched_claims

MAX_CLAIM = 500
MAX_AUTHOR = 100
MAX_WORDS = 24  # content words searched for; a longer claim keeps its first ones
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(slots=True)
class WatchedClaim:
    """A claim an analyst watches (see the module's docstring)."""

    id: int
    text: str
    author: str | None
    created_at: str
    seen_at: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "text": self.text, "author": self.author,
                "created_at": self.created_at, "seen_at": self.seen_at}


@dataclass(slots=True)
class CandidateDocument:
    """A document full-text search offered for a claim, in rank order."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    text: str
    ingested_at: str


@dataclass(slots=True)
class DocumentClaim:
    """A proposition one document takes a stance on, with that stance's words."""

    proposition: str
    statement: str
    stance: str
    text: str | None
    start: int | None = None  # the stance's words in the document
    end: int | None = None
    role: str | None = None   # "outlet" (the article's own stance) or "source"


def _watched(row: Any) -> WatchedClaim:
    return WatchedClaim(id=row.id, text=row.text, author=row.author,
                        created_at=iso_utc(row.created_at) or "",
                        seen_at=iso_utc(row.seen_at) or "")


def normalise_claim(claim: str) -> str:
    """The claim as stored and compared: whitespace collapsed, ends trimmed."""
    return " ".join((claim or "").split())


def check_claim(claim: str) -> str:
    """The normalised claim; ValueError when it is empty, too long or has no word."""
    claim = normalise_claim(claim)
    if not claim or not _WORD.search(claim):
        raise ValueError("a claim needs some words")
    if len(claim) > MAX_CLAIM:
        raise ValueError(f"a claim is at most {MAX_CLAIM} characters")
    return claim


# --- candidate documents ---------------------------------------------------------------


def search_words(words: Sequence[str]) -> list[str]:
    """Plain words (letters and digits only), deduplicated, at most MAX_WORDS."""
    out: list[str] = []
    for word in words:
        for part in _WORD.findall(word.lower()):
            if part not in out:
                out.append(part)
    return out[:MAX_WORDS]


def candidate_rows(conn: Connection, words: Sequence[str], limit: int,
                   ingested_after: datetime | None = None) -> list[CandidateDocument]:
    """Up to ``limit`` articles (reader comments apart) that contain any of
    ``words``, the best matches first; with ``ingested_after``, only those
    ingested later.

    SQLite: an FTS5 query ``"w1" OR "w2" ...`` (stemmed by the porter tokenizer)
    ranked by bm25, which weighs a rare word above a common one, so the articles
    sharing the claim's distinctive words come first. PostgreSQL: the same
    disjunction as a ``to_tsquery`` over the GIN-indexed ``search_vector``,
    ranked by ``ts_rank_cd``. Either way the index gives the matching rows and
    only ``limit`` of them are read back with their text.
    """
    terms = search_words(words)
    if not terms or limit <= 0:
        return []
    params: dict[str, Any] = {"limit": limit}
    after = ""
    if ingested_after is not None:
        params["after"] = ingested_after
        after = " AND d.ingested_at > :after"
    if conn.dialect.name == "postgresql":
        params["q"] = " | ".join(terms)
        stmt = text(
            "SELECT d.id FROM documents d, to_tsquery('english', :q) AS q "
            f"WHERE d.search_vector @@ q AND d.section = 'body'{after} "
            "ORDER BY ts_rank_cd(d.search_vector, q) DESC, d.id LIMIT :limit")
    else:
        params["q"] = " OR ".join(f'"{t}"' for t in terms)
        stmt = text(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
            f"WHERE documents_fts MATCH :q AND d.section = 'body'{after} "
            "ORDER BY bm25(documents_fts, 0.0, 4.0, 1.0), d.id LIMIT :limit")
    if ingested_after is not None:  # rendered as each backend stores the column
        stmt = stmt.bindparams(sa.bindparam("after", type_=sa.DateTime(timezone=True)))
    ids = [r[0] for r in conn.execute(stmt, params)]
    if not ids:
        return []
    c = documents.c
    rows = conn.execute(sa.select(c.id, c.title, c.outlet, c.published, c.text, c.ingested_at)
                        .where(c.id.in_(ids))).all()
    by_id = {r.id: r for r in rows}
    return [CandidateDocument(id=r.id, title=r.title, outlet=r.outlet, published=r.published,
                              text=r.text, ingested_at=iso_utc(r.ingested_at) or "")
            for i in ids if (r := by_id.get(i)) is not None]


def document_claims(conn: Connection, doc_ids: Sequence[str]) -> dict[str, list[DocumentClaim]]:
    """The propositions each document takes a stance on (several per document)."""
    if not doc_ids:
        return {}
    s, p = proposition_stances.c, propositions.c
    rows = conn.execute(
        sa.select(s.document_id, s.proposition_id, p.statement, s.stance, s.role, s.data)
        .join(propositions, p.id == s.proposition_id)
        .where(s.document_id.in_(list(doc_ids)))
        .order_by(s.document_id, s.idx)
    ).all()
    out: dict[str, list[DocumentClaim]] = {}
    for r in rows:
        data = r.data if isinstance(r.data, dict) else {}
        start, end = data.get("start"), data.get("end")
        out.setdefault(r.document_id, []).append(DocumentClaim(
            proposition=r.proposition_id, statement=r.statement, stance=r.stance,
            text=data.get("text"), start=start if isinstance(start, int) else None,
            end=end if isinstance(end, int) else None, role=r.role))
    return out


# --- the Store's part ------------------------------------------------------------------


class WatchedMethods:
    """Watched claims and tracking's reads, the part of :class:`fogwatch.store.Store`."""

    if TYPE_CHECKING:  # provided by Store
        def _write(self, action: str) -> AbstractContextManager[Connection]: ...
        def _read(self, action: str) -> AbstractContextManager[Connection]: ...

    def watch_claim(self, claim: str, *, author: str | None = None) -> tuple[WatchedClaim, bool]:
        """Save ``claim`` as watched: ``(the watched claim, newly saved?)``. The same
        text (whitespace apart) already watched is returned as it is. ValueError
        when the claim is empty or too long."""
        claim = check_claim(claim)
        author = (author or "").strip()[:MAX_AUTHOR] or None
        with self._write("watching a claim") as conn:
            row = conn.execute(sa.select(watched_claims)
                               .where(watched_claims.c.text == claim)).first()
            if row is not None:
                return _watched(row), False
            at = now()
            new_id = conn.execute(watched_claims.insert().values(
                text=claim, author=author, created_at=at, seen_at=at)).inserted_primary_key[0]
            row = conn.execute(sa.select(watched_claims)
                               .where(watched_claims.c.id == new_id)).one()
        return _watched(row), True

    def watched_claims(self) -> list[WatchedClaim]:
        """Every watched claim, oldest first."""
        with self._read("listing watched claims") as conn:
            rows = conn.execute(sa.select(watched_claims).order_by(watched_claims.c.id)).all()
        return [_watched(r) for r in rows]

    def get_watched_claim(self, claim_id: int) -> WatchedClaim | None:
        with self._read("reading a watched claim") as conn:
            row = conn.execute(sa.select(watched_claims)
                               .where(watched_claims.c.id == claim_id)).first()
        return _watched(row) if row is not None else None

    def unwatch_claim(self, claim_id: int) -> WatchedClaim:
        """Stop watching a claim; LookupError when there is no such watched claim."""
        with self._write("removing a watched claim") as conn:
            row = conn.execute(sa.select(watched_claims)
                               .where(watched_claims.c.id == claim_id)).first()
            if row is None:
                raise LookupError(f"no watched claim {claim_id}")
            conn.execute(watched_claims.delete().where(watched_claims.c.id == claim_id))
        return _watched(row)

    def mark_claim_seen(self, claim_id: int) -> WatchedClaim:
        """The analyst has looked: documents ingested until now are no longer new.
        LookupError when there is no such watched claim."""
        with self._write("marking a watched claim seen") as conn:
            done = conn.execute(watched_claims.update()
                                .where(watched_claims.c.id == claim_id).values(seen_at=now()))
            if not done.rowcount:
                raise LookupError(f"no watched claim {claim_id}")
            row = conn.execute(sa.select(watched_claims)
                               .where(watched_claims.c.id == claim_id)).one()
        return _watched(row)

    def claim_candidates(self, words: Sequence[str], *, limit: int = 200,
                         ingested_after: str | None = None) -> list[CandidateDocument]:
        """Articles that may speak to a claim made of ``words``: see
        :func:`candidate_rows`. ``ingested_after``: an ISO datetime (a watched
        claim's ``seen_at``)."""
        after = datetime.fromisoformat(ingested_after) if ingested_after else None
        with self._read("finding documents for a claim") as conn:
            return candidate_rows(conn, words, limit, after)

    def document_claims(self, doc_ids: Sequence[str]) -> dict[str, list[DocumentClaim]]:
        """The propositions each of ``doc_ids`` takes a stance on."""
        with self._read("reading documents' claims") as conn:
            return document_claims(conn, doc_ids)
