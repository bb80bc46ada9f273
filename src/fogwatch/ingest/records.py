"""JSON and JSONL articles: one object per article.

Recognised keys (first alias present wins): text ``text``/``body``/``content``/
``article``; HTML ``html``/``raw_html``; ``url``/``link``; ``title``/``headline``;
``outlet``/``source``/``site``/``sitename``/``publisher`` (a ``{"name": ...}``
object is accepted, as news APIs write it); ``author``/``authors``/``byline``;
``published``/``date``/``published_at``/``publishedAt``/``pubDate``/
``datetime``/``timestamp``. ``comments`` is a list of strings or of objects with
``text`` (or ``body``/``content``), ``author`` and ``published`` (or ``date``).
Every other key is kept in ``Document.metadata``.

Values are taken as they are or the record is refused, naming the field: a text,
title or URL must be a string; a date a string or a Unix timestamp (a boolean is
not 1970); a number or list where a name belongs is not turned into one. Strings
must be valid Unicode (JSON can spell an unpaired surrogate, no store can keep
one) and other values nest at most :data:`MAX_DEPTH` deep.
"""

from __future__ import annotations

import math
from typing import Any

from fogwatch.ingest.article import Article, Comment
from fogwatch.ingest.dates import normalise_date
from fogwatch.ingest.errors import IngestError

_TEXT = ("text", "body", "content", "article", "maintext")
_HTML = ("html", "raw_html")
_URL = ("url", "link")
_TITLE = ("title", "headline")
_OUTLET = ("outlet", "source", "site", "sitename", "publisher")
_AUTHOR = ("author", "authors", "byline")
_DATE = ("published", "date", "published_at", "publishedAt", "pubDate", "datetime", "timestamp")
_KNOWN = frozenset(_TEXT + _HTML + _URL + _TITLE + _OUTLET + _AUTHOR + _DATE + ("comments",))
_COMMENT_TEXT = ("text", "body", "content")
_COMMENT_DATE = ("published", "date")

# Deeper metadata is refused: storing it as JSON would recurse that deep again.
MAX_DEPTH = 64


def parse_record(obj: object, name: str) -> Article:
    """An :class:`Article` from one JSON object; :class:`IngestError` naming ``name``
    (and the field, where one is at fault) if unusable."""
    if not isinstance(obj, dict):
        raise IngestError(f"{name}: expected a JSON object, got {type(obj).__name__}")
    _check_values(obj, name)
    url = _string(obj, _URL, name)
    text = _string(obj, _TEXT, name)
    html = _string(obj, _HTML, name)
    title = _string(obj, _TITLE, name)
    author = _author(obj, name)
    outlet = _outlet(obj, name)
    date = _date(obj, _DATE, name)
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
    article.title = title or article.title
    article.author = author or article.author
    article.outlet = outlet or article.outlet
    if date is not None:
        article.published = date
    article.metadata.update({k: v for k, v in obj.items() if k not in _KNOWN})
    article.comments = article.comments + comments
    return article


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | tuple[None, None]:
    """The first alias that has a value, and the value (None and "" mean absent)."""
    for key in keys:
        value = obj.get(key)
        if value is not None and value != "":
            return key, value
    return None, None


def _string(obj: dict[str, Any], keys: tuple[str, ...], name: str) -> str | None:
    key, value = _first(obj, keys)
    if key is None or isinstance(value, str):
        return value
    raise _wrong(name, key, value, "a string")


def _date(obj: dict[str, Any], keys: tuple[str, ...], name: str) -> str | float | None:
    key, value = _first(obj, keys)
    if key is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise _wrong(name, key, value, "a date string or a Unix timestamp")
    try:
        normalise_date(value)
    except ValueError as err:
        raise IngestError(f"{name}: {key!r} refused: {err}") from err
    return value


def _author(obj: dict[str, Any], name: str) -> str | None:
    key, value = _first(obj, _AUTHOR)
    if key is None:
        return None
    expected = 'a name, a list of names or {"name": ...} objects'
    if isinstance(value, list):
        names = []
        for item in value:
            item = _named(item)
            if item == "":
                continue
            if not isinstance(item, str):
                raise _wrong(name, key, value, expected)
            names.append(item)
        return ", ".join(names) or None
    value = _named(value)
    if isinstance(value, str):
        return value or None
    raise _wrong(name, key, value, expected)


def _outlet(obj: dict[str, Any], name: str) -> str | None:
    key, value = _first(obj, _OUTLET)
    if key is None:
        return None
    value = _named(value, "title")
    if isinstance(value, str):
        return value or None
    raise _wrong(name, key, value, 'a name or a {"name": ...} object')


def _named(value: object, *also: str) -> object:
    """The name in a ``{"name": ...}`` object as news APIs write one; anything else
    as it is. An object without a name is not taken for an empty name: the caller
    refuses it with what it got."""
    if not isinstance(value, dict):
        return value
    for key in ("name", *also):
        found = value.get(key)
        if isinstance(found, str) and found.strip():
            return found
    return value


def _comments(value: object, name: str) -> list[Comment]:
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        raise IngestError(f"{name}: 'comments' must be a list of strings or objects")
    out = []
    for number, item in enumerate(value, start=1):
        where = f"{name}: comment {number}"
        if isinstance(item, str):
            out.append(Comment(text=item))
        elif isinstance(item, dict):
            text = _string(item, _COMMENT_TEXT, where)
            if not text:
                raise IngestError(f"{where} has no text")
            extra = {k: v for k, v in item.items()
                     if k not in _COMMENT_TEXT + _COMMENT_DATE + ("author",)}
            out.append(Comment(
                text=text,
                author=_author(item, where),
                published=_date(item, _COMMENT_DATE, where),
                metadata=extra,
            ))
        else:
            raise IngestError(f"{where} is neither a string nor an object")
    return out


def _check_values(obj: dict[str, Any], name: str) -> None:
    """Refuse what no store can keep: unpaired surrogates, non-finite numbers (only
    from a caller that built the object itself), nesting deeper than MAX_DEPTH."""
    stack: list[tuple[str, object, int]] = [(repr(k), v, 1) for k, v in obj.items()]
    for key in obj:
        _check_string(key, name, repr(key), "a key")
    while stack:
        where, value, depth = stack.pop()
        if isinstance(value, str):
            _check_string(value, name, where, "text")
        elif isinstance(value, float) and not math.isfinite(value):
            raise IngestError(f"{name}: {where} is {value}, not a JSON number")
        elif isinstance(value, (dict, list)):
            if depth >= MAX_DEPTH:
                raise IngestError(f"{name}: {where} nests more than {MAX_DEPTH} levels deep")
            if isinstance(value, dict):
                for key, item in value.items():
                    if not isinstance(key, str):
                        raise IngestError(f"{name}: {where} has a key that is not a string")
                    _check_string(key, name, where, "a key")
                    stack.append((where, item, depth + 1))
            else:
                stack.extend((where, item, depth + 1) for item in value)
        elif value is not None and not isinstance(value, (bool, int, float)):
            raise IngestError(f"{name}: {where} is {_kind(value)}, not a JSON value")


def _check_string(value: str, name: str, where: str, what: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        bad = value[err.start]
        raise IngestError(
            f"{name}: {where} holds {what} with an unpaired surrogate (U+{ord(bad):04X})"
        ) from err


def _wrong(name: str, key: str, value: object, expected: str) -> IngestError:
    got = _kind(value)
    if isinstance(value, dict):
        got = 'an object without a "name"' if "name" in expected else got
    return IngestError(f"{name}: {key!r} must be {expected}, got {got}")


def _kind(value: object) -> str:
    """A JSON type name, as the person who wrote the record would say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
