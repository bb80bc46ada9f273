"""The web app's settings: where its files are, its environment variables and
defaults, and what one running app is configured with.

The app (:mod:`fogwatch.serve.app`), its pages and its API all read these, so
none of them imports another for a constant.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
LEAFLET_URL = "/static/leaflet"

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = "&copy; OpenStreetMap contributors"
TILES_ENV = "FOGWATCH_TILES"
TOKEN_ENV = "FOGWATCH_API_TOKEN"
MAX_BODY_ENV = "FOGWATCH_MAX_BODY_BYTES"
DEFAULT_MAX_BODY = 10 * 1024 * 1024  # an article with its comments is far smaller


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
