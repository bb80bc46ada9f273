"""How common each entity is among the articles folded into the claim board.

A name that a large share of the store's articles give (the war's main actors:
"Russia" in a store about Ukraine, "ISIS" in one about Iraq and Syria) tells no
claim from another: two claims that share only it and a concept ("killed",
"captured") are different claims. :mod:`fogwatch.reconcile` asks, for each
article it folds, how many articles folded *before it* name each of its
entities, and counts the article in afterwards; a rebuild replays the articles
in the order they were ingested, so it counts exactly as ingestion did.

The same counts hold the words of each folded article's lead sentence, under
keys ``w:<stem>`` that no entity key takes: how rare a claim's words are
weighs how much two claims' shared wording says (:mod:`fogwatch.reconcile.rarity`).

The two tables (``claim_entity_documents``: which entities and opening words each
folded article was counted for; ``claim_entity_counts``: the counts, with
``""`` for the articles themselves) are cross-document records: cleared with
the others at a rebuild (:func:`fogwatch.store.crossdoc.clear`).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.store.records import insert_for
from fogwatch.store.schema import claim_entity_counts, claim_entity_documents

TABLES = (claim_entity_documents, claim_entity_counts)
ARTICLES = ""  # the count row of the articles themselves


def counts(conn: Connection, keys: Iterable[str]) -> tuple[int, dict[str, int]]:
    """(articles counted, {entity: articles naming it}) for ``keys``."""
    wanted = sorted({*keys, ARTICLES})
    rows = conn.execute(sa.select(claim_entity_counts.c.entity, claim_entity_counts.c.documents)
                        .where(claim_entity_counts.c.entity.in_(wanted)))
    found = {entity: n for entity, n in rows}
    return found.pop(ARTICLES, 0), found


def _add(conn: Connection, keys: list[str], delta: int) -> None:
    stmt = insert_for(conn, claim_entity_counts)
    stmt = stmt.on_conflict_do_update(
        index_elements=["entity"],
        set_={"documents": claim_entity_counts.c.documents + stmt.excluded.documents})
    conn.execute(stmt, [{"entity": k, "documents": delta} for k in keys])


def count_in(conn: Connection, doc_id: str, keys: Iterable[str]) -> None:
    """Count a folded article in, with its entities ``keys`` (and a row of its own,
    ``""``, so that an article naming no entity is counted and taken out too)."""
    rows = sorted({*keys, ARTICLES})
    conn.execute(claim_entity_documents.insert(),
                 [{"document_id": doc_id, "entity": k} for k in rows])
    _add(conn, rows, 1)


def count_out(conn: Connection, doc_id: str) -> None:
    """Take an article out of the counts (it is folded again after re-analysis)."""
    rows = sorted(conn.execute(sa.select(claim_entity_documents.c.entity)
                               .where(claim_entity_documents.c.document_id == doc_id))
                  .scalars())
    if not rows:
        return
    conn.execute(claim_entity_documents.delete()
                 .where(claim_entity_documents.c.document_id == doc_id))
    _add(conn, rows, -1)
