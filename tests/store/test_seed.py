"""The seed article goes into the store and comes back out through search."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fogwatch.findings import Document
from fogwatch.store import Store

pytestmark = pytest.mark.seed


def test_seed_article_and_comments_are_stored_and_searchable(store: Store,
                                                             seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    # Reader comments follow the body after a run of blank lines.
    body, *rest = re.split(r"\n\s*\n\s*\n+", raw.strip(), maxsplit=1)
    title, _, text = body.partition("\n")
    article = Document.create(text, title=title, published="2025-11-05", outlet="seed")
    assert store.add_document(article) == (True, article.id)
    comments = [c for c in re.split(r"\n+", rest[0]) if c.strip()] if rest else []
    assert len(comments) == 2
    for comment in comments:
        stored, _ = store.add_document(
            Document.create(comment, section="comment", parent_id=article.id)
        )
        assert stored
    assert store.count_documents(section="comment") == 2

    (hit, snippet), = store.search("Gerasimov Pokrovsk")
    assert hit.id == article.id
    assert "[Gerasimov]" in snippet or "[Pokrovsk]" in snippet
    # A comment word that the article never uses finds the comment only.
    hits = store.search("cowardice")
    assert [d.section for d, _ in hits] == ["comment"]
    # Storing the same article again is a no-op.
    assert store.add_document(article) == (False, article.id)
