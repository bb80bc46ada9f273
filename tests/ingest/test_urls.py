"""URLs over a loopback test server, and the private-address guard."""

from __future__ import annotations

import socket

import pytest

from fogwatch.ingest import FetchError, check_url, iter_sources


def fetch_one(url: str, **kw: object):
    items = list(iter_sources([url], allow_private=True, **kw))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def test_article_page(server: str) -> None:
    item = fetch_one(f"{server}/article")
    assert item.error is None
    article, *comments = item.documents
    assert article.url == f"{server}/article"
    assert article.outlet == "Eastern Ledger"
    assert "regional energy company" in article.text
    assert len(comments) == 2 and comments[0].author == "nightshift_nurse"


def test_feed_url_entries_fetch_links_and_fall_back(server: str) -> None:
    items = list(iter_sources([f"{server}/feed"], allow_private=True))
    assert [i.source for i in items] == [f"{server}/feed#lc-{n}" for n in (1, 2, 3)]
    full, linked, gone = (i.documents[0] for i in items)
    assert full.metadata["content_from"] == "feed"
    assert full.text == "Air raid sirens sounded for two hours on Tuesday morning across the region."
    assert linked.metadata["content_from"] == "page"
    assert "rail link between the two regional centres" in linked.text
    assert linked.outlet == "Loopback Courier"
    assert linked.published == "2024-05-08T10:00:00+00:00"
    assert gone.metadata["content_from"] == "summary"
    assert "HTTP 404" in gone.metadata["fetch_error"]
    assert gone.text == "Officials said the checkpoint would stay closed through the weekend."


def test_redirect_chain_followed_and_loop_refused(server: str) -> None:
    item = fetch_one(f"{server}/hop/4")
    assert item.error is None
    doc = item.documents[0]
    assert doc.url == f"{server}/article"
    assert doc.metadata["requested_url"] == f"{server}/hop/4"
    assert fetch_one(f"{server}/hop/6").error == f"{server}/hop/6: more than 5 redirects"
    assert fetch_one(f"{server}/loop").error == f"{server}/loop: more than 5 redirects"


def test_slow_endpoint_times_out(server: str) -> None:
    error = fetch_one(f"{server}/slow", timeout=0.3).error
    assert error is not None and error.startswith(f"{server}/slow: timed out after 0.3 s")


def test_http_404_and_unsupported_type(server: str) -> None:
    assert fetch_one(f"{server}/missing").error == f"{server}/missing: HTTP 404 Not Found"
    assert fetch_one(f"{server}/pdf").error == (
        f"{server}/pdf: looks like binary data (a PDF file)"
    )


def test_byte_cap_stops_the_download(server: str) -> None:
    error = fetch_one(f"{server}/big", max_bytes=10_000).error
    assert error == f"{server}/big: 100 kB is over the 10 kB limit (use --max-bytes)"


def test_unreachable_port() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    error = fetch_one(f"http://127.0.0.1:{port}/x", timeout=2).error
    assert error is not None and error.startswith(f"http://127.0.0.1:{port}/x: cannot fetch (ConnectError")


def test_loopback_refused_without_allow_private(server: str) -> None:
    (item,) = iter_sources([f"{server}/article"])
    assert item.error is not None
    assert "a loopback address" in item.error and "--allow-private" in item.error


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://127.0.0.1/", "a loopback address"),
        ("http://10.0.0.1/admin", "a private address"),
        ("http://169.254.169.254/latest/meta-data/", "a link-local address"),
        ("http://[::1]:8080/", "a loopback address"),
        ("http://0.0.0.0/", "an unspecified address"),
        ("http://[::ffff:192.168.1.1]/", "a private address"),
        ("http://224.0.0.1/", "a multicast address"),
    ],
)
def test_guard_refuses_non_public_addresses(url: str, why: str) -> None:
    with pytest.raises(FetchError) as err:
        check_url(url)
    assert why in str(err.value) and "--allow-private" in str(err.value)
    check_url(url, allow_private=True)  # the user can opt in


def test_guard_refuses_other_schemes() -> None:
    with pytest.raises(FetchError, match="only http and https"):
        check_url("file:///etc/hostname")


def test_injected_fetcher_is_guarded_too() -> None:
    calls: list[str] = []

    def fetcher(url: str) -> tuple[str, str | None, bytes]:
        calls.append(url)
        return url, "text/plain", b"text"

    (item,) = iter_sources(["http://10.0.0.1/"], fetcher=fetcher)
    assert item.error is not None and "a private address" in item.error
    assert calls == []
