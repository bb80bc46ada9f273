"""The seed article goes into the store and comes back out through search."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from fogwatch.findings import Document
from fogwatch.store import Store

pytestmark = pytest.mark.seed


def _seed_file() -> Path:
    shared = Path(os.environ.get("FOGWATCH_SHARED")
                  or Path(__file__).resolve().parents[2] / ".." / "shared")
    found = sorted((shared / "seeds").glob("000_*.txt")) if shared.is_dir() else []
    if not found:
        pytest.skip(f"seed article not found under {shared}/seeds (set FOGWATCH_SHARED)")
    return found[0]


def test_seed_article_and_comments_are_stored_and_searchable(store: Store) -> None:
    raw = _seed_file().read_text(encoding="utf-8")
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
