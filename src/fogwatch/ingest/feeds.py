"""RSS and Atom feeds, parsed with feedparser from bytes fogwatch fetched itself.

feedparser is never handed a URL: it would fetch without the address guard,
the byte cap and the timeout that :mod:`fogwatch.ingest.fetch` enforces.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from fogwatch.ingest.errors import IngestError

FEED_EXTENSIONS = frozenset({".xml", ".rss", ".atom"})
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_BLOCK_TAGS = frozenset(
    ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "section", "article"]
)


@dataclass(slots=True)
class FeedEntry:
    key: str  # the entry id, else its link: what a watcher remembers as seen
    link: str | None
    title: str | None
    author: str | None
    published: Any  # the raw date string, or feedparser's struct_time
    content: str | None  # full text from <content>/<content:encoded>, as plain text
    summary: str | None  # the summary/description, as plain text
    extra: dict[str, Any] = field(default_factory=dict)
    error: str | None = None  # why this one entry could not be read; the others still are


@dataclass(slots=True)
class Feed:
    title: str | None
    link: str | None
    entries: list[FeedEntry]


def looks_like_feed(data: bytes, content_type: str | None = None) -> bool:
    """True for RSS/Atom/RDF documents: by media type, or by the root element."""
    if content_type and content_type.split(";")[0].strip().lower() in _FEED_TYPES:
        return True
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] != b"<":
        return False
    return bool(_FEED_ROOT.search(head))


def feed_entry_key(entry: Any) -> str | None:
    """The key a watcher stores for a feedparser entry: its id, else its link, else a
    hash of its title and date (None when the entry has none of those)."""
    for attr in ("id", "link"):
        value = entry.get(attr)
        if value:
            return str(value).strip()
    basis = f"{entry.get('title', '')}|{entry.get('published', entry.get('updated', ''))}"
    if basis == "|":
        return None
    return "sha256:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def parse_feed(data: bytes, name: str) -> Feed:
    import feedparser

    parsed = feedparser.parse(data)
    # A truncated feed can yield entries with nothing in them: not worth an item each.
    usable = [e for e in parsed.entries if any(e.get(k) for k in ("title", "link", "summary", "content"))]
    if not usable:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise IngestError(f"{name}: malformed feed ({reason or 'not RSS or Atom'})")
        raise IngestError(f"{name}: the feed has no entries")
    info = parsed.get("feed", {})
    entries = []
    for number, raw in enumerate(usable, start=1):
        try:
            entries.append(_entry(raw, number))
        except Exception as err:  # one odd entry must not cost the feed its other entries
            key = _safe_key(raw) or f"entry-{number}"
            entries.append(FeedEntry(
                key=key, link=None, title=None, author=None, published=None, content=None,
                summary=None, error=f"entry {number} cannot be read ({type(err).__name__}: {err})",
            ))
    return Feed(title=_text_or_none(info.get("title")), link=_text_or_none(info.get("link")),
                entries=entries)


def _entry(raw: Any, number: int) -> FeedEntry:
    key = feed_entry_key(raw) or f"entry-{number}"
    summary = raw.get("summary")
    tags = raw.get("tags") or []
    return FeedEntry(
        key=key,
        link=raw.get("link"),
        title=raw.get("title"),
        author=raw.get("author"),
        published=raw.get("published") or raw.get("updated")
        or raw.get("published_parsed") or raw.get("updated_parsed"),
        content=_content_text(raw),
        summary=fragment_text(summary) if summary else None,
        extra={"feed_tags": [t.get("term") for t in tags if t.get("term")]} if tags else {},
    )


def _safe_key(raw: Any) -> str | None:
    try:
        return feed_entry_key(raw)
    except Exception:  # the entry is already being reported as unreadable
        return None


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _content_text(raw: Any) -> str | None:
    parts = []
    for item in raw.get("content") or []:
        value = item.get("value") or ""
        if "html" in (item.get("type") or "html"):
            value = fragment_text(value)
        if value.strip():
            parts.append(value.strip())
    return "\n".join(parts) or None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    if "<" not in fragment:
        return " ".join(fragment.split()) if "\n" not in fragment.strip() else fragment.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = " ".join("".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            if node.tail:
                current.append(node.tail)
            return
        block = node.tag in _BLOCK_TAGS
        if block:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
        if block:
            flush()
        if node.tail:
            current.append(node.tail)

    walk(root)
    flush()
    return "\n".join(lines)
