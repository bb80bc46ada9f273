"""RSS and Atom feed files: entries become articles; seen entries are skipped."""

from __future__ import annotations

from fogwatch.ingest import FetchError, iter_sources

from .conftest import FIXTURES


class RefusingFetcher:
    """Stands in for the network: records what would be fetched, then fails."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, url: str) -> tuple[str, str | None, bytes]:
        self.calls.append(url)
        raise FetchError(f"{url}: offline in this test")


def test_rss_full_content_and_summary_fallback() -> None:
    fetcher = RefusingFetcher()
    path = str(FIXTURES / "feed.rss")
    full, teaser = iter_sources([path], fetcher=fetcher, allow_private=True)
    assert full.source == f"{path}#bd-2024-0412"
    doc = full.documents[0]
    assert doc.text == (
        "A school in a border village was damaged by shelling overnight, the regional governor "
        "said on Friday.\nNo children were inside at the time, he said."
    )
    assert doc.title == "Shelling damages school in border village"
    assert doc.outlet == "Borderland Dispatch"
    assert (doc.published, doc.date_source) == ("2024-04-12T07:30:00+00:00", "metadata")
    assert doc.url == "https://borderland-dispatch.example/2024/04/school"
    assert doc.metadata["feed_key"] == "bd-2024-0412"
    assert doc.metadata["content_from"] == "feed"
    # The summary-only entry: its page was tried, and the summary kept when that failed.
    assert fetcher.calls == ["https://borderland-dispatch.example/2024/04/buses"]
    tdoc = teaser.documents[0]
    assert tdoc.text.startswith("Regional officials said extra evacuation buses")
    assert tdoc.metadata["content_from"] == "summary"
    assert "offline in this test" in tdoc.metadata["fetch_error"]


def test_atom_entry() -> None:
    (item,) = iter_sources([str(FIXTURES / "feed.atom")], fetcher=RefusingFetcher())
    doc = item.documents[0]
    assert doc.text.startswith("A cargo ship carrying wheat left port")
    assert doc.author == "Ihor Savchuk"
    assert doc.outlet == "Sea Lanes Monitor"
    assert doc.published == "2024-02-01T18:20:00+02:00"
    assert doc.metadata["feed_key"] == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"


def test_seen_entries_are_skipped_without_fetching() -> None:
    fetcher = RefusingFetcher()
    seen_keys = {"bd-2024-0413"}
    asked: list[str] = []

    def seen(key: str) -> bool:
        asked.append(key)
        return key in seen_keys

    items = list(iter_sources([str(FIXTURES / "feed.rss")], fetcher=fetcher, seen=seen))
    assert asked == ["bd-2024-0412", "bd-2024-0413"]
    assert items[0].documents and items[1].skipped == "already seen"
    assert items[1].documents == [] and fetcher.calls == []


def test_feed_sniffed_without_feed_extension(tmp_path) -> None:
    path = tmp_path / "download.txt"
    path.write_bytes((FIXTURES / "feed.atom").read_bytes())
    (item,) = iter_sources([str(path)])
    assert item.documents[0].metadata["feed_key"].startswith("urn:uuid:")
