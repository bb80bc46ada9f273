"""Request bodies: the token is checked before a byte of the body is read, and a
body over the size limit is refused with 413, whether it says how long it is or not.

Most of these call the app straight through ASGI, with a ``receive`` that counts
the chunks the app asks for, so that "not read" is measured, not assumed.
"""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest

from fogwatch.serve.app import create_app, max_body_bytes
from fogwatch.serve.settings import DEFAULT_MAX_BODY, MAX_BODY_ENV, TOKEN_ENV
from fogwatch.store import Store

from .conftest import TOKEN

LIMIT = 1000
AUTH = ("authorization", f"Bearer {TOKEN}")
JSON = ("content-type", "application/json")


class Sent:
    def __init__(self, status: int, body: bytes, read: int, headers: dict[str, str]) -> None:
        self.status, self.body, self.read, self.headers = status, body, read, headers


def _run(coroutine: Any) -> None:
    """Run ``coroutine`` to its end, in a thread of its own when this thread already
    runs an event loop (the browser tests' Playwright leaves one behind)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def asgi_post(app: Any, headers: list[tuple[str, str]], chunks: list[bytes],
              path: str = "/api/v1/documents") -> Sent:
    """POST ``chunks`` to ``app``; the answer, and how many chunks the app read."""
    read = 0
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        if read < len(chunks):
            read += 1
            return {"type": "http.request", "body": chunks[read - 1],
                    "more_body": read < len(chunks)}
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1", "method": "POST", "scheme": "http", "path": path,
        "raw_path": path.encode(), "query_string": b"", "root_path": "",
        "headers": [(k.encode(), v.encode()) for k, v in headers],
        "client": ("127.0.0.1", 50000), "server": ("testserver", 80), "state": {},
    }
    _run(app(scope, receive, send))
    start = next(m for m in messages if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    heads = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    return Sent(start["status"], body, read, heads)


@pytest.fixture
def small_app(tmp_path, monkeypatch) -> Any:
    """An app over an empty store with a body limit of 1000 bytes."""
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    store = Store.open(str(tmp_path / "limit.sqlite"))
    yield create_app(store, tiles="", max_body=LIMIT)
    store.close()


def _chunks(n: int, size: int = 400) -> list[bytes]:
    return [b'{"text": "' + b"x" * (size - 10)] + [b"x" * size] * (n - 1)


@pytest.mark.parametrize("auth", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_a_missing_or_wrong_token_is_refused_before_the_body_is_read(small_app, auth):
    headers = [JSON] + ([("authorization", auth)] if auth else [])
    sent = asgi_post(small_app, headers, [b'{"text": "an article"}'])
    assert sent.status == 401 and sent.read == 0
    assert sent.headers["www-authenticate"] == "Bearer"


def test_writes_switched_off_are_refused_before_the_body_is_read(small_app, monkeypatch):
    monkeypatch.delenv(TOKEN_ENV)
    sent = asgi_post(small_app, [JSON, AUTH], [b'{"text": "an article"}'])
    assert sent.status == 403 and sent.read == 0


@pytest.mark.parametrize("auth", [True, False])
def test_a_declared_length_over_the_limit_is_refused_unread(small_app, auth):
    headers = [JSON, ("content-length", "300000000")] + ([AUTH] if auth else [])
    sent = asgi_post(small_app, headers, _chunks(5))
    assert sent.status == 413 and sent.read == 0
    assert str(LIMIT) in sent.body.decode()
    # Refused by the middleware, the answer still carries the security headers.
    assert sent.headers["x-content-type-options"] == "nosniff"
    assert sent.headers["connection"] == "close"


def test_a_chunked_body_over_the_limit_is_cut_off(small_app):
    # No Content-Length: counted while read; the app is stopped past the limit.
    sent = asgi_post(small_app, [JSON, AUTH], _chunks(10))
    assert sent.status == 413
    assert sent.read == 3  # 1200 bytes > 1000: nothing after the chunk that passed it


def test_a_body_longer_than_its_content_length_is_cut_off(small_app):
    sent = asgi_post(small_app, [JSON, AUTH, ("content-length", "20")], _chunks(10))
    assert sent.status == 413 and sent.read == 3


def test_a_content_length_that_is_no_number_is_a_400(small_app):
    sent = asgi_post(small_app, [JSON, AUTH, ("content-length", "lots")], _chunks(1))
    assert sent.status == 400 and sent.read == 0


def test_a_body_under_the_limit_gets_through(small_app):
    # Through to validation: an empty object is not an article, so 422, not 413.
    sent = asgi_post(small_app, [JSON, AUTH], [b"{", b"}"])
    assert sent.status == 422 and sent.read == 2


def test_the_limit_holds_through_the_test_client(small_app):
    from fastapi.testclient import TestClient

    def body():  # a generator: sent without a Content-Length
        yield from _chunks(10)

    with TestClient(small_app) as client:
        r = client.post("/api/v1/documents", content=body(),
                        headers={"Authorization": f"Bearer {TOKEN}",
                                 "Content-Type": "application/json"})
        assert r.status_code == 413
        assert client.get("/api/v1/documents").json()["total"] == 0


def test_the_limit_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv(MAX_BODY_ENV, raising=False)
    assert max_body_bytes() == DEFAULT_MAX_BODY == 10 * 1024 * 1024
    monkeypatch.setenv(MAX_BODY_ENV, "2048")
    assert max_body_bytes() == 2048
    for bad in ("ten megabytes", "0", "-5"):
        monkeypatch.setenv(MAX_BODY_ENV, bad)
        with pytest.raises(ValueError, match=MAX_BODY_ENV):
            max_body_bytes()


def test_an_app_takes_its_limit_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    monkeypatch.setenv(MAX_BODY_ENV, "500")
    store = Store.open(str(tmp_path / "env.sqlite"))
    try:
        app = create_app(store, tiles="")
        assert asgi_post(app, [JSON, AUTH], _chunks(3)).status == 413
    finally:
        store.close()


def test_a_live_server_answers_an_oversized_upload_without_taking_it(server_url):
    """Over a real socket: headers announce 300 MB, no byte of it follows, and the
    answer comes at once (a server reading the body first would wait for it)."""
    parts = urlsplit(server_url)
    with socket.create_connection((parts.hostname, parts.port), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/documents HTTP/1.1\r\nHost: fogwatch\r\n"
            b"Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n"
            b'{"text": "'
        )
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
