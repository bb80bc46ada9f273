"""Feed-watch helpers: intervals and the feeds file."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.ingest.watch import parse_interval, read_feeds_file


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("15m", 900), ("1h", 3600), ("2h30m", 9000), ("1d", 86400), ("90", 90),
     (" 1H 5M ", 3900), ("1.5h", 5400)],
)
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15x", "m15", "1h1h", "0s", "15m garbage"])
def test_parse_interval_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_interval(text)


def test_read_feeds_file(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "# front-line outlets\n\nhttps://a.example/rss\n  https://b.example/atom.xml  # daily\n"
        "https://a.example/rss\n   \n# https://c.example/disabled\n",
        encoding="utf-8",
    )
    assert read_feeds_file(path) == ["https://a.example/rss", "https://b.example/atom.xml"]
