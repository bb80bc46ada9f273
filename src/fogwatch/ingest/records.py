"""JSON and JSONL articles: one object per article.

Recognised keys (first alias present wins): text ``text``/``body``/``content``/
``article``; HTML ``html``/``raw_html``; ``url``/``link``; ``title``/``headline``;
``outlet``/``source``/``site``/``sitename``/``publisher`` (a ``{"name": ...}``
object is accepted, as news APIs write it); ``author``/``authors``/``byline``;
``published``/``date``/``published_at``/``publishedAt``/``pubDate``/
``datetime``/``timestamp``. ``comments`` is a list of strings or of objects with
``text`` (or ``body``/``content``), ``author`` and ``published`` (or ``date``).
Every other key is kept in ``Document.metadata``.
"""

from __future__ import annotations

from typing import Any

from fogwatch.ingest.article import Article, Comment
from fogwatch.ingest.errors import IngestError

_TEXT = ("text", "body", "content", "article", "maintext")
_HTML = ("html", "raw_html")
_URL = ("url", "link")
_TITLE = ("title", "headline")
_OUTLET = ("outlet", "source", "site", "sitename", "publisher")
_AUTHOR = ("author", "authors", "byline")
_DATE = ("published", "date", "published_at", "publishedAt", "pubDate", "datetime", "timestamp")
_KNOWN = frozenset(_TEXT + _HTML + _URL + _TITLE + _OUTLET + _AUTHOR + _DATE + ("comments",))


def parse_record(obj: object, name: str) -> Article:
    """An :class:`Article` from one JSON object; :class:`IngestError` naming ``name`` if unusable."""
    if not isinstance(obj, dict):
        raise IngestError(f"{name}: expected a JSON object, got {type(obj).__name__}")
    url = _first_str(obj, _URL)
    text = _first_str(obj, _TEXT)
    html = _first_str(obj, _HTML)
    comments = _comments(obj.get("comments"), name)
    if text and text.strip():
        article = Article(text=text.replace("\r\n", "\n").replace("\r", "\n"))
    elif html and html.strip():
        from fogwatch.ingest.html import parse_html

        article = parse_html(html, name, url=url)
    else:
        keys = ", ".join(_TEXT + _HTML)
        raise IngestError(f"{name}: no article text (expected one of: {keys})")
    article.url = url or article.url
    article.title = _first_str(obj, _TITLE) or article.title
    article.author = _author(obj) or article.author
    article.outlet = _outlet(obj) or article.outlet
    date = _first(obj, _DATE)
    if date not in (None, ""):
        article.published = date
    article.metadata.update({k: v for k, v in obj.items() if k not in _KNOWN})
    article.comments = article.comments + comments
    return article


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if obj.get(key) not in (None, ""):
            return obj[key]
    return None


def _first_str(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    value = _first(obj, keys)
    return value if isinstance(value, str) else None


def _author(obj: dict[str, Any]) -> str | None:
    value = _first(obj, _AUTHOR)
    if isinstance(value, list):
        names = [v.get("name") if isinstance(v, dict) else v for v in value]
        return ", ".join(str(n) for n in names if n) or None
    if isinstance(value, dict):
        return value.get("name")
    return str(value) if value else None


def _outlet(obj: dict[str, Any]) -> str | None:
    value = _first(obj, _OUTLET)
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    return str(value) if value else None


def _comments(value: object, name: str) -> list[Comment]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise IngestError(f"{name}: 'comments' must be a list of strings or objects")
    out = []
    for number, item in enumerate(value, start=1):
        if isinstance(item, str):
            out.append(Comment(text=item))
        elif isinstance(item, dict):
            text = _first_str(item, ("text", "body", "content"))
            if not text:
                raise IngestError(f"{name}: comment {number} has no text")
            extra = {k: v for k, v in item.items()
                     if k not in ("text", "body", "content", "author", "published", "date")}
            out.append(Comment(
                text=text,
                author=_author(item),
                published=_first(item, ("published", "date")),
                metadata=extra,
            ))
        else:
            raise IngestError(f"{name}: comment {number} is neither a string nor an object")
    return out
