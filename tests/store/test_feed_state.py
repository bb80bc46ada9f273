"""Feed watcher state and the ingest failure log survive a restart."""

from __future__ import annotations

from fogwatch.store import Failure, Store


def test_seen_state_survives_reopen(db_url: str) -> None:
    with Store.open(db_url) as store:
        assert not store.is_seen("https://example.org/a")
        store.mark_seen("https://example.org/a", source="https://example.org/feed.xml")
        store.mark_seen("https://example.org/a", source="https://example.org/feed.xml")
        store.mark_seen("urn:uuid:1234")
    with Store.open(db_url) as store:
        assert store.is_seen("https://example.org/a")
        assert store.is_seen("urn:uuid:1234")
        assert not store.is_seen("https://example.org/b")
        assert store.stats()["feed_seen"] == 2


def test_failures_are_listed_newest_first(store: Store) -> None:
    store.record_failure("feeds.txt:3", "timed out after 20 s")
    store.record_failure("bad.jsonl:7", "line 7 is not JSON")
    failures = store.failures()
    assert [f.source for f in failures] == ["bad.jsonl:7", "feeds.txt:3"]
    assert isinstance(failures[0], Failure)
    assert failures[0].error == "line 7 is not JSON"
    assert failures[0].at[:4].isdigit() and failures[0].at.endswith("+00:00")
    assert len(store.failures(limit=1)) == 1
