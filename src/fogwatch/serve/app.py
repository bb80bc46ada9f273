"""The web app: HTML pages for analysts and a JSON API, over one store.

Build it with :func:`create_app`; ``fogwatch serve`` runs it under uvicorn.
Every response carries security headers: a Content-Security-Policy without
inline script (the app's JavaScript lives in static files), no framing, no
MIME sniffing, no referrer leaking to other sites.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from fogwatch.store import Store, StoreError

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
LEAFLET_URL = "/static/leaflet"

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = "&copy; OpenStreetMap contributors"
TILES_ENV = "FOGWATCH_TILES"
TOKEN_ENV = "FOGWATCH_API_TOKEN"


@dataclass
class Settings:
    """What the app needs besides the store."""

    tiles: str = DEFAULT_TILES  # Leaflet tile URL template; "" for no tiles at all
    tiles_attribution: str = DEFAULT_ATTRIBUTION
    allow_private: bool = False  # let POST /api/v1/documents fetch private/loopback URLs
    pipeline: Any = None  # an analysis pipeline; loaded on the first write when None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get_pipeline(self) -> Any:
        with self._lock:
            if self.pipeline is None:
                from fogwatch.analyze.pipeline import load_pipeline

                self.pipeline = load_pipeline()
            return self.pipeline


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


class SecurityHeaders(BaseHTTPMiddleware):
    def __init__(self, app: Any, csp: str) -> None:
        super().__init__(app)
        self.headers = {
            "Content-Security-Policy": csp,
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Referrer-Policy": "same-origin",
            "Cross-Origin-Opener-Policy": "same-origin",
            "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
        }

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        # A NUL byte can reach no useful query (PostgreSQL refuses it in text), so
        # it is turned away here rather than failing deep in the store.
        if "%00" in request.url.query or "%00" in request.url.path or "\x00" in request.url.path:
            response: Response = PlainTextResponse("NUL bytes are not allowed", status_code=400)
        else:
            response = await call_next(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


def create_app(
    store: Store | str | None = None,
    *,
    tiles: str | None = None,
    tiles_attribution: str | None = None,
    allow_private: bool = False,
    pipeline: Any = None,
) -> FastAPI:
    """The app over ``store`` (a Store, or a database name for :meth:`Store.open`).

    ``tiles`` defaults to ``$FOGWATCH_TILES`` or OpenStreetMap's tile server.
    """
    from fogwatch.serve import api, pages

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
    app.add_middleware(SecurityHeaders, csp=content_security_policy(tiles))
    # Leaflet is served from its PyPI package (XStatic-Leaflet), never copied into
    # the repository; mounted before /static so that its prefix wins.
    app.mount(LEAFLET_URL, StaticFiles(directory=leaflet_dir()), name="leaflet")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # Pages get an HTML "not found" with the navigation; the API and static
        # files keep FastAPI's JSON answer.
        path = request.url.path
        if exc.status_code == 404 and not path.startswith(("/api/", "/static/", "/openapi")):
            return pages.not_found_page(request)
        return await http_exception_handler(request, exc)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": "the store could not answer"}, status_code=503)
        return PlainTextResponse("The store could not answer; try again.", status_code=503)

    return app


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
