"""A few seconds' cache of whole answers, for many readers of the same pages.

Under load, most requests are the same few addresses (the overview, the claim
board's first page, the timeline, the API's first pages), and each costs the
same work for every reader. Each worker keeps the answers to plain ``GET``
requests for :data:`DEFAULT_SECONDS` (``$FOGWATCH_PAGE_CACHE_SECONDS``; ``0``
turns it off), keyed on the address and on the store's version
(:func:`fogwatch.store.browse.store_version`), so that a new document, new
findings, new stances, a correction made or withdrawn or a watched claim
changed show at once, whoever made them. What the version cannot see (a
document marked reconciled by ``fogwatch repair``) shows within those seconds;
while this worker answers a write, nothing is kept or served, and its cache is
cleared before and after.

Only complete ``200`` answers without cookies, under :data:`MAX_BODY` bytes,
are kept, to at most :data:`MAX_ENTRIES` addresses; requests that carry a
token (``Authorization``) and static files are never cached.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fogwatch.store import browse

SECONDS_ENV = "FOGWATCH_PAGE_CACHE_SECONDS"
DEFAULT_SECONDS = 10.0
MAX_ENTRIES = 256
MAX_BODY = 2 * 1024 * 1024
# Prefixes of addresses that are never cached: files (served from disk, and
# cheaply).
SKIP_PREFIXES = ("/static/",)


def cache_seconds(value: str | None = None) -> float:
    """``value`` or ``$FOGWATCH_PAGE_CACHE_SECONDS``, else :data:`DEFAULT_SECONDS`."""
    raw = value if value is not None else os.environ.get(SECONDS_ENV, "")
    if not raw.strip():
        return DEFAULT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        raise ValueError(f"{SECONDS_ENV} must be a number of seconds, not {raw!r}") from None
    if seconds < 0:
        raise ValueError(f"{SECONDS_ENV} must be 0 (off) or more, not {raw!r}")
    return seconds


class PageCache:
    """ASGI middleware (see the module's docstring)."""

    def __init__(self, app: ASGIApp, store: Any, seconds: float) -> None:
        self.app = app
        self.store = store
        self.seconds = seconds
        self._lock = threading.Lock()
        # key -> (monotonic time, store version, start message, body)
        self._entries: OrderedDict[tuple[str, bytes], tuple[float, Any, Message, bytes]] = \
            OrderedDict()
        self.hits = self.misses = 0
        self._writes = 0  # writes in flight in this worker
        self._generation = 0  # bumped by every clear

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._generation += 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            # a write may change any page: nothing is kept or served while it runs,
            # and what was kept before it is dropped, before and after
            with self._lock:
                self._writes += 1
            self.clear()
            try:
                await self.app(scope, receive, send)
            finally:
                with self._lock:
                    self._writes -= 1
                self.clear()
            return
        if scope["method"] != "GET" or not self._cacheable(scope) or self._writes:
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        generation = self._generation
        version = await run_in_threadpool(browse.store_version, self.store)
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and (now - entry[0] >= self.seconds or entry[1] != version):
                del self._entries[key]
                entry = None
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
        if entry is not None:
            await send(entry[2])
            await send({"type": "http.response.body", "body": entry[3], "more_body": False})
            return
        self.misses += 1
        await self._answer_and_keep(scope, receive, send, key, (generation, version), now)

    @staticmethod
    def _cacheable(scope: Scope) -> bool:
        if scope["path"].startswith(SKIP_PREFIXES):
            return False
        return not any(name == b"authorization" for name, _ in scope.get("headers", ()))

    async def _answer_and_keep(self, scope: Scope, receive: Receive, send: Send,
                               key: tuple[str, bytes], version: Any, now: float) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = True

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                start = message
                headers = message.get("headers", [])
                keep = message["status"] == 200 and not any(
                    name.lower() == b"set-cookie" for name, _ in headers)
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_BODY:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keep and start is not None:
                    self._keep(key, version, now, start, b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[str, bytes], stamp: tuple[int, Any], now: float,
              start: Message, body: bytes) -> None:
        generation, version = stamp
        with self._lock:
            if generation != self._generation or self._writes:
                return  # a write began or ended while this answer was made
            self._entries[key] = (now, version, start, body)
            self._entries.move_to_end(key)
            while len(self._entries) > MAX_ENTRIES:
                self._entries.popitem(last=False)
