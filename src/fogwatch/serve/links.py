"""Where the pages may link: entity pages, place timelines and outside addresses.

Every link the pages build from a record goes through here, so that none of
them answers 404 and none runs script:

- An actor or target the analysis could not resolve ("it", "3 people") is a bit
  of text, not an entity: it has no page and is shown unlinked.
- A gazetteer place key ("geo:<geonameid>", "sup:<slug>") names a place, not an
  entity: its page is the timeline filtered to that place.
- An outside address (a document's source URL) becomes a link only when it is
  plain http(s); ``javascript:``, ``data:`` and the like are shown as text.
"""

from __future__ import annotations

import re
from collections.abc import Container
from urllib.parse import quote, urlencode

# The gazetteer's key spaces (see fogwatch.analyze.places.geonames).
PLACE_KEY_PREFIXES = ("geo:", "sup:")

# Scheme, then a host; no whitespace or control character anywhere, since browsers
# drop some of those (a tab inside "java\tscript:") before reading the scheme.
_HTTP_URL = re.compile(r"https?://[^\x00-\x20\x7f/?#\\]+(?:[/?#][^\x00-\x20\x7f]*)?", re.I)


def entity_url(key: str | None) -> str:
    """The page of an entity that is known to exist (a row of the entity list)."""
    return "/entities/" + quote(key or "", safe=":/")


def place_url(key: str) -> str:
    return "/timeline?" + urlencode({"place": key})


def is_place_key(key: str | None) -> bool:
    return key is not None and key.startswith(PLACE_KEY_PREFIXES)


def key_url(key: str | None, known: Container[str]) -> str | None:
    """The page for a key found in a record, or None when it has none.

    ``known`` holds the keys that have an entity page (for the pages, the keys
    :func:`fogwatch.store.browse.entity_names` named).
    """
    if not key:
        return None
    if is_place_key(key):
        return place_url(key)
    if key in known:
        return entity_url(key)
    return None


def http_url(url: str | None) -> str | None:
    """``url`` when it is safe to link to (http or https with a host), else None."""
    if url and _HTTP_URL.fullmatch(url):
        return url
    return None
