"""Shared fixtures for the ingest tests: fixture paths and a loopback HTTP server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def seed_file(seed_path: Path) -> Path:
    """The seed article (skips without it), under the name the ingest tests use."""
    return seed_path


ARTICLE_PAGE = (FIXTURES / "page_with_comments.html").read_bytes()

LINKED_PAGE = b"""<!DOCTYPE html><html><head><title>Rail link reopened</title>
<meta property="og:site_name" content="Loopback Courier"></head><body><article>
<h1>Rail link reopened</h1>
<p>The rail link between the two regional centres reopened on Wednesday after engineers
replaced a damaged section of track, the railway operator said in a short statement.</p>
<p>Passenger trains will run at reduced speed for the first week, the operator added.</p>
</article></body></html>"""


def feed_xml(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Loopback Courier</title><link>{base}/</link><description>test feed</description>
<item><title>Full entry</title><link>{base}/full-entry</link><guid>lc-1</guid>
<pubDate>Tue, 07 May 2024 10:00:00 +0000</pubDate>
<content:encoded><![CDATA[<p>Air raid sirens sounded for two hours on Tuesday morning across the region.</p>]]></content:encoded>
</item>
<item><title>Rail link reopened</title><link>{base}/linked</link><guid>lc-2</guid>
<pubDate>Wed, 08 May 2024 10:00:00 +0000</pubDate><description>Short teaser.</description></item>
<item><title>Gone page</title><link>{base}/404</link><guid>lc-3</guid>
<pubDate>Thu, 09 May 2024 10:00:00 +0000</pubDate>
<description>Officials said the checkpoint would stay closed through the weekend.</description></item>
</channel></rss>""".encode()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE_PAGE)
        elif path == "/linked":
            self._send(200, LINKED_PAGE)
        elif path == "/feed":
            self._send(200, feed_xml(base), "application/rss+xml")
        elif path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])
            target = f"/hop/{left - 1}" if left > 1 else "/article"
            self._send(302, b"", headers={"Location": target})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE_PAGE)
        elif path == "/big":
            self._send(200, b"<html><body><p>" + b"word " * 20000 + b"</p></body></html>")
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4 binary", "application/pdf")
        else:
            self._send(404, b"<html><body>not here</body></html>")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
