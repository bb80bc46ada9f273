"""The web app: HTML pages for analysts and a JSON API, over one store.

Build it with :func:`create_app`; ``fogwatch serve`` runs it under uvicorn.
Every response carries security headers: a Content-Security-Policy without
inline script (the app's JavaScript lives in static files), no framing, no
MIME sniffing, no referrer leaking to other sites.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fogwatch.serve.cache import Cache
from fogwatch.serve.pagecache import PageCache, cache_seconds
from fogwatch.serve.settings import (
    DEFAULT_ATTRIBUTION,
    DEFAULT_MAX_BODY,
    DEFAULT_TILES,
    LEAFLET_URL,
    MAX_BODY_ENV,
    STATIC_DIR,
    TILES_ENV,
    Settings,
)
from fogwatch.store import Store, StoreError


def _tile_origin(tiles: str) -> str | None:
    parts = urlsplit(tiles.replace("{s}", "a"))
    if parts.scheme in ("http", "https") and parts.hostname:
        host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tiles else parts.netloc
        return f"{parts.scheme}://{host}"
    return None


def content_security_policy(tiles: str) -> str:
    img = ["'self'", "data:"]
    origin = _tile_origin(tiles) if tiles else None
    if origin:
        img.append(origin)
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {' '.join(img)}",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


class SecurityHeaders:
    """Adds the security headers to every answer, and turns away NUL bytes.

    Plain ASGI rather than Starlette's BaseHTTPMiddleware, which runs the app in
    a task of its own and, while streaming the answer, reads the request body to
    watch for a disconnect: a refused upload would still be read.
    """

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = {
            "Content-Security-Policy": csp,
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Cross-Origin-Opener-Policy": "same-origin",
            "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
        }

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers.setdefault(name, value)
            await send(message)

        # A NUL byte can reach no useful query (PostgreSQL refuses it in text), so
        # it is turned away here rather than failing deep in the store.
        path, query = scope["path"], scope.get("query_string", b"")
        if b"%00" in query or "%00" in path or "\x00" in path:
            response = PlainTextResponse("NUL bytes are not allowed", status_code=400)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


class _BodyTooLarge(Exception):
    """Raised into the app when the body it is reading passes the limit."""


class BodyLimit:
    """Refuses request bodies over ``max_bytes`` with 413, before they are read.

    A declared Content-Length over the limit is answered at once, without reading
    a byte. A body without one (chunked), or longer than it said, is counted as
    the app reads it; past the limit the app gets an error instead of the next
    chunk, whatever it answers is dropped, and the client gets 413.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared == -1:
            await _refuse(scope, send, 400, "Content-Length is not a number")
            return
        if declared is not None and declared > self.max_bytes:
            await _refuse(scope, send, 413, self._too_large())
            return

        received = 0
        over = started = False

        async def counted_receive() -> Message:
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    over = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if over:
                return  # the app's answer to a cut-off body; the client gets 413
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            # The app may wrap our error in its own (FastAPI answers 400 for a body
            # it could not read): once over the limit, any error is the limit's.
            if not over:
                raise
        if over and not started:
            await _refuse(scope, send, 413, self._too_large())

    def _too_large(self) -> str:
        return f"the request body is over the limit of {self.max_bytes} bytes"


def _content_length(scope: Scope) -> int | None:
    """The declared body length; None when not given, -1 when not a number."""
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            return int(value) if value.isdigit() else -1
    return None


async def _refuse(scope: Scope, send: Send, status: int, detail: str) -> None:
    # The connection is closed after the answer: the unread body cannot be skipped.
    response = JSONResponse({"detail": detail}, status_code=status,
                            headers={"Connection": "close"})
    await response(scope, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def max_body_bytes(value: str | None = None) -> int:
    """The body limit: ``value`` or ``$FOGWATCH_MAX_BODY_BYTES``, else 10 MiB."""
    raw = value if value is not None else os.environ.get(MAX_BODY_ENV, "")
    if not raw.strip():
        return DEFAULT_MAX_BODY
    try:
        limit = int(raw)
    except ValueError:
        raise ValueError(f"{MAX_BODY_ENV} must be a number of bytes, not {raw!r}") from None
    if limit < 1:
        raise ValueError(f"{MAX_BODY_ENV} must be at least 1, not {limit}")
    return limit


def create_app(
    store: Store | str | None = None,
    *,
    tiles: str | None = None,
    tiles_attribution: str | None = None,
    allow_private: bool = False,
    pipeline: Any = None,
    max_body: int | None = None,
) -> FastAPI:
    """The app over ``store`` (a Store, or a database name for :meth:`Store.open`).

    ``tiles`` defaults to ``$FOGWATCH_TILES`` or OpenStreetMap's tile server;
    ``max_body`` (the largest request body, in bytes) to ``$FOGWATCH_MAX_BODY_BYTES``
    or 10 MiB. Called without arguments (``uvicorn --factory``) it serves the
    store named by ``$FOGWATCH_DB``.
    """
    from fogwatch.serve import (
        api,
        claim_corrections_api,
        corrections_api,
        entity_corrections_api,
        pages,
        tracking_api,
    )

    limit = max_body if max_body is not None else max_body_bytes()
    if not isinstance(store, Store):
        store = Store.open(store)
    tiles = tiles if tiles is not None else os.environ.get(TILES_ENV, DEFAULT_TILES)
    settings = Settings(
        tiles=tiles,
        tiles_attribution=tiles_attribution or DEFAULT_ATTRIBUTION,
        allow_private=allow_private,
        pipeline=pipeline,
    )
    app = FastAPI(
        title="fogwatch",
        summary="A sourced, time-resolved record of war reporting.",
        version=_version(),
        openapi_url="/openapi.json",
        docs_url=None,  # Swagger UI would load scripts from a CDN, against the CSP
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.cache = Cache()
    # Innermost: whole answers kept a few seconds for many readers (pagecache).
    app.add_middleware(PageCache, store=store, seconds=cache_seconds())
    # Added before SecurityHeaders, so it runs inside it: a 413 carries the headers too.
    app.add_middleware(BodyLimit, max_bytes=limit)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(tiles))
    # Leaflet is served from its PyPI package (XStatic-Leaflet), never copied into
    # the repository; mounted before /static so that its prefix wins.
    app.mount(LEAFLET_URL, StaticFiles(directory=leaflet_dir()), name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(corrections_api.router)
    app.include_router(entity_corrections_api.router)
    app.include_router(claim_corrections_api.router)
    app.include_router(tracking_api.router)
    app.include_router(api.kinds_router())
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Pages get an HTML "not found" with the navigation; the API and static
        # files keep FastAPI's JSON answer.
        path = request.url.path
        if exc.status_code == 404 and not path.startswith(("/api/", "/static/", "/openapi")):
            return pages.not_found_page(request)
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(request: Request, exc: RequestValidationError) -> Response:
        return _AsciiJSON({"detail": [_plain_error(e) for e in exc.errors()]}, status_code=422)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "the store could not answer"}, status_code=503)
        return PlainTextResponse("The store could not answer; try again.", status_code=503)

    return app


class _AsciiJSON(JSONResponse):
    # A lone surrogate (an escaped \ud800 in the posted JSON) cannot be encoded as
    # UTF-8; written as an escape, the error that names it can still be sent.
    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False,
                          separators=(",", ":")).encode("ascii")


def _plain_error(error: Any) -> dict[str, Any]:
    """A validation error as FastAPI words it, less what would echo the request back:
    a whole body (an article of megabytes) or an exception object in ``ctx``."""
    out: dict[str, Any] = {"type": error.get("type", "invalid"), "loc": list(error.get("loc", ())),
                           "msg": str(error.get("msg", ""))}
    value = error.get("input")
    if value is None or isinstance(value, (bool, int, float)) or (
        isinstance(value, str) and len(value) <= 200
    ):
        out["input"] = value
    if error.get("ctx"):
        out["ctx"] = {str(k): v if isinstance(v, (str, int, float, bool)) else str(v)
                      for k, v in error["ctx"].items()}
    return out


def leaflet_dir() -> str:
    """Where the installed XStatic-Leaflet package keeps leaflet.js, leaflet.css, images/."""
    import xstatic.pkg.leaflet as leaflet

    return leaflet.BASE_DIR


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("fogwatch")
    except Exception:  # not installed: running from a checkout
        return "0"
