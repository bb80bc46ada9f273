"""From source strings to :class:`IngestItem` s: dispatch by kind, never raise per item."""

from __future__ import annotations

import errno
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from fogwatch.findings import document_id
from fogwatch.ingest.article import Article, domain_of, to_documents
from fogwatch.ingest.dates import normalise_date
from fogwatch.ingest.decode import DEFAULT_MAX_BYTES, decode_bytes, read_file, read_stream
from fogwatch.ingest.errors import FetchError, IngestError
from fogwatch.ingest.feeds import FEED_EXTENSIONS, Feed, FeedEntry, looks_like_feed, parse_feed
from fogwatch.ingest.fetch import Fetcher, HttpFetcher, check_url
from fogwatch.ingest.item import IngestItem, SkipKind

TEXT_EXTENSIONS = frozenset({".txt", ".text"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
INGESTIBLE_EXTENSIONS = (
    TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS
    | {".json", ".jsonl", ".ndjson"} | FEED_EXTENSIONS
)

Seen = Callable[[str], bool]


@dataclass(slots=True)
class _Context:
    date: str | None
    allow_private: bool
    max_bytes: int
    fetcher: Fetcher
    injected: bool  # a caller-supplied fetcher does not check addresses itself
    seen: Seen | None
    follow_symlinks: bool = False

    def fetch(self, url: str) -> tuple[str, str | None, bytes]:
        if self.injected:
            check_url(url, allow_private=self.allow_private)
        try:
            return self.fetcher(url)
        except IngestError:
            raise
        except Exception as err:  # an injected fetcher may raise anything
            raise FetchError(f"{url}: cannot fetch ({type(err).__name__}: {err})") from err


def iter_sources(
    sources: Iterable[str],
    *,
    date: str | None = None,
    allow_private: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 20.0,
    fetcher: Fetcher | None = None,
    seen: Seen | None = None,
    follow_symlinks: bool = False,
    given: dict[str, str] | None = None,
) -> Iterator[IngestItem]:
    """Yield one :class:`IngestItem` per input item, in order; bad items become error
    items and the rest goes on. Raises ValueError only for a bad ``date`` argument.

    ``given``: what the user says about the articles (``outlet``, ``title``,
    ``author``, ``url``), used where an article does not say it itself (plain
    text says none of it); reader comments keep their own.

    A folder is walked recursively; every entry left out (hidden, not ingestible,
    not a regular file, a looping or broken link, a folder that cannot be listed)
    comes out as a skipped item that names it. A symbolic link that leads out of
    the folder is such an entry too unless ``follow_symlinks`` is set.
    """
    try:
        valid = date is None or normalise_date(date) is not None
    except ValueError as err:
        raise ValueError(f"date {date!r} is not a calendar date ({err})") from err
    if not valid:
        raise ValueError(f"date {date!r} is not a calendar date (use YYYY-MM-DD)")
    ctx = _Context(
        date=date,
        allow_private=allow_private,
        max_bytes=max_bytes,
        fetcher=fetcher or HttpFetcher(
            timeout=timeout, max_bytes=max_bytes, allow_private=allow_private
        ),
        injected=fetcher is not None,
        seen=seen,
        follow_symlinks=follow_symlinks,
    )
    yielded: dict[str, str] = {}
    for source in sources:
        for item in _guarded(_expand(str(source), ctx), str(source)):
            if item.documents:
                first = item.documents[0]
                if first.id in yielded:
                    item = IngestItem(
                        item.source, skipped=f"duplicate of {yielded[first.id]}",
                        skip_kind="duplicate",
                    )
                else:
                    yielded[first.id] = item.source
                    _fill(item, given)
            yield item


GIVEN_FIELDS = ("outlet", "title", "author", "url")


def _fill(item: IngestItem, given: dict[str, str] | None) -> None:
    if not given:
        return
    for doc in item.documents:
        if doc.section != "body":
            continue
        for name in GIVEN_FIELDS:
            value = given.get(name)
            if value and not getattr(doc, name):
                setattr(doc, name, value)
                if name == "url":  # an article with a URL is known by it
                    old, doc.id = doc.id, document_id(doc.text, value)
                    for comment in item.documents:
                        if comment.parent_id == old:
                            comment.parent_id = doc.id


def expand_sources(
    sources: Iterable[str],
    *,
    follow_symlinks: bool = False,
    on_skip: Callable[[IngestItem], None] | None = None,
) -> list[str]:
    """The sources as items that can be read apart from each other (on different
    machines): a folder becomes its ingestible files, in order; files and URLs
    stay as given. Standard input cannot be shared out: ValueError.

    The folder entries left out are handed to ``on_skip`` as skipped items (see
    :func:`iter_sources`), so that a caller can name them."""
    out: list[str] = []
    for source in map(str, sources):
        if source == "-":
            raise ValueError("standard input cannot be split across workers; save it to a file")
        path = Path(source)
        if not source.lower().startswith(("http://", "https://")) and path.is_dir():
            for member in _walk(path, follow_symlinks=follow_symlinks):
                if isinstance(member, IngestItem):
                    if on_skip is not None:
                        on_skip(member)
                else:
                    out.append(str(member))
        else:
            out.append(source)
    return out


def _guarded(items: Iterator[IngestItem], source: str) -> Iterator[IngestItem]:
    """Turn an exception escaping a source's generator into a final error item."""
    try:
        yield from items
    except IngestError as err:
        yield IngestItem(source, error=str(err))
    except Exception as err:  # a bug or a library surprise must not end the batch
        yield IngestItem(source, error=f"{source}: unexpected error ({type(err).__name__}: {err})")


def _expand(source: str, ctx: _Context) -> Iterator[IngestItem]:
    if source == "-":
        yield from _from_stdin(ctx)
    elif source.lower().startswith(("http://", "https://")):
        yield from _from_url(source, ctx)
    else:
        path = Path(source)
        if path.is_dir():
            for member in _walk(path, follow_symlinks=ctx.follow_symlinks):
                if isinstance(member, IngestItem):
                    yield member
                else:
                    yield from _guarded(_from_file(member, ctx), str(member))
        elif path.is_file():
            yield from _from_file(path, ctx)
        elif path.exists():
            yield IngestItem(source, error=f"{source}: not a regular file")
        else:
            yield IngestItem(source, error=f"{source}: no such file or folder")


def _walk(folder: Path, *, follow_symlinks: bool = False) -> list[Path | IngestItem]:
    """The ingestible files under ``folder``, recursively, and a skipped item for
    every entry left out, all sorted by their path relative to ``folder``.

    Hidden entries are named but not entered. A symbolic link is followed when it
    stays inside ``folder`` (its target would be read anyway) or when
    ``follow_symlinks`` is set; a link to a folder that contains it is a loop.
    """
    real_root = os.path.realpath(folder)
    found: list[tuple[str, Path | IngestItem]] = []

    def skip(path: Path, rel: str, kind: SkipKind, why: str) -> None:
        found.append((rel, IngestItem(str(path), skipped=why, skip_kind=kind)))

    # An explicit stack: a folder nested thousands deep must not exhaust recursion.
    stack: list[tuple[Path, str, frozenset[str]]] = [(folder, "", frozenset({real_root}))]
    while stack:
        directory, rel_dir, ancestors = stack.pop()
        try:
            with os.scandir(directory) as listing:
                entries = list(listing)
        except OSError as err:
            skip(directory, rel_dir, "unreadable", f"cannot list the folder ({err.strerror or err})")
            continue
        for entry in entries:
            path = Path(entry.path)
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.name.startswith("."):
                skip(path, rel, "hidden", "hidden (its name starts with a dot)")
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
                if stat.S_ISLNK(mode):
                    mode = os.stat(path).st_mode
            except OSError as err:
                if err.errno == errno.ELOOP:
                    skip(path, rel, "symlink-loop", "a symbolic link that loops")
                elif entry.is_symlink():
                    skip(path, rel, "symlink-broken", "a symbolic link to nothing")
                else:
                    skip(path, rel, "unreadable", f"cannot read ({err.strerror or err})")
                continue
            real = os.path.realpath(path)
            if entry.is_symlink() and not follow_symlinks and not _inside(real, real_root):
                skip(path, rel, "symlink-outside",
                     f"a symbolic link out of the folder (to {real}); not followed")
                continue
            if stat.S_ISDIR(mode):
                if real in ancestors:
                    skip(path, rel, "symlink-loop", "a symbolic link to a folder that contains it")
                else:
                    stack.append((path, rel, ancestors | {real}))
            elif not stat.S_ISREG(mode):
                skip(path, rel, "not-a-file", f"not a regular file ({_file_type(mode)})")
            elif path.suffix.lower() in INGESTIBLE_EXTENSIONS:
                found.append((rel, path))
            else:
                what = path.suffix or "no extension"
                skip(path, rel, "unsupported", f"not an ingestible file type ({what})")
    found.sort(key=lambda pair: pair[0])
    return [member for _, member in found]


def _inside(real: str, real_root: str) -> bool:
    return os.path.commonpath([real, real_root]) == real_root


def _file_type(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file or folder"


def _from_stdin(ctx: _Context) -> Iterator[IngestItem]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data = read_stream(stream, "stdin", ctx.max_bytes)
    else:  # a text stream without bytes underneath (tests, embedding)
        text = sys.stdin.read(ctx.max_bytes + 1)
        data = text.encode("utf-8")
        if len(data) > ctx.max_bytes:
            data = read_stream(_Bytes(data), "stdin", ctx.max_bytes)
    yield from _from_bytes(data, "stdin", kind=None, ctx=ctx)


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, n: int = -1) -> bytes:
        return self.data if n < 0 else self.data[:n]


def _from_file(path: Path, ctx: _Context) -> Iterator[IngestItem]:
    name = str(path)
    data = read_file(path, name, ctx.max_bytes)
    yield from _from_bytes(data, name, kind=_kind_of(path), ctx=ctx)


def _kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_EXTENSIONS:
        return "text"
    if suffix in MARKDOWN_EXTENSIONS:
        return "markdown"
    if suffix in HTML_EXTENSIONS:
        return "html"
    if suffix == ".json":
        return "json"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in FEED_EXTENSIONS:
        return "feed"
    return None


def _sniff(data: bytes, text: str, content_type: str | None) -> str:
    media = (content_type or "").split(";")[0].strip().lower()
    if looks_like_feed(data, content_type):
        return "feed"
    head = text[:1024].lstrip().lower()
    if media in ("text/html", "application/xhtml+xml") or head.startswith(
        ("<!doctype html", "<html", "<head", "<body", "<article")
    ):
        return "html"
    if media in ("application/json", "text/json") or (
        head.startswith(("{", "[")) and _parses_as_json(text)
    ):
        return "json"
    if media in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if media == "text/markdown":
        return "markdown"
    if media and not media.startswith("text/") and media not in ("application/xml",):
        raise IngestError(f"unsupported content type {media}")
    return "text"


def _parses_as_json(text: str) -> bool:
    try:
        _loads(text)
    except RecursionError:
        return True  # JSON, nested too deeply: the JSON reader says so
    except ValueError:
        return False
    return True


def _from_bytes(
    data: bytes,
    name: str,
    *,
    kind: str | None,
    ctx: _Context,
    url: str | None = None,
    content_type: str | None = None,
) -> Iterator[IngestItem]:
    # Content wins over the name: a feed saved as .txt or .html is still a feed.
    if kind not in ("json", "jsonl") and data.strip() and looks_like_feed(data, content_type):
        yield from _from_feed(parse_feed(data, name), name, url, ctx)
        return
    declared = _charset(content_type)
    text = decode_bytes(data, name, declared)
    if kind is None:
        try:
            kind = _sniff(data, text, content_type)
        except IngestError as err:
            raise IngestError(f"{name}: {err}") from err
    if kind == "feed":
        # Named as a feed but no RSS/Atom root: let feedparser say what is wrong.
        yield from _from_feed(parse_feed(data, name), name, url, ctx)
    elif kind == "jsonl":
        yield from _from_jsonl(text, name, ctx, url)
    elif kind == "json":
        yield from _from_json(text, name, ctx, url)
    else:
        article = _parse_single(text, name, kind, url)
        yield _item(article, name, ctx)


def _parse_single(text: str, name: str, kind: str, url: str | None) -> Article:
    if kind == "html":
        from fogwatch.ingest.html import parse_html

        return parse_html(text, name, url=url)
    from fogwatch.ingest.plaintext import parse_text

    article = parse_text(text, markdown=(kind == "markdown"))
    article.url = article.url or url
    if not article.text.strip():
        raise IngestError(f"{name}: no article text (only metadata lines)")
    return article


def _item(article: Article, name: str, ctx: _Context) -> IngestItem:
    return IngestItem(name, documents=to_documents(article, name, ctx.date))


def _from_json(text: str, name: str, ctx: _Context, url: str | None) -> Iterator[IngestItem]:
    try:
        value = _loads(text)
    except (ValueError, RecursionError) as err:
        raise IngestError(f"{name}: malformed JSON ({_json_problem(err)})") from err
    if isinstance(value, list):
        for index, obj in enumerate(value):
            source = f"{name}[{index}]"
            yield _one(source, lambda obj=obj, source=source: _record_item(obj, source, ctx, url))
    else:
        yield _one(name, lambda: _record_item(value, name, ctx, url))


def _from_jsonl(text: str, name: str, ctx: _Context, url: str | None) -> Iterator[IngestItem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        source = f"{name}:{number}"
        try:
            obj = _loads(line)
        except (ValueError, RecursionError) as err:
            yield IngestItem(source, error=f"{source}: malformed JSON ({_json_problem(err)})")
            continue
        yield _one(source, lambda obj=obj, source=source: _record_item(obj, source, ctx, url))


def _loads(text: str) -> object:
    """``json.loads`` without NaN and Infinity: they are not JSON, and no store keeps them."""
    return json.loads(text, parse_constant=_refuse_constant)


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


def _json_problem(err: ValueError | RecursionError) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"{err.msg} at line {err.lineno} column {err.colno}" if err.lineno > 1 else (
            f"{err.msg} at column {err.colno}"
        )
    if isinstance(err, RecursionError):
        return "nested too deeply"
    return str(err)  # a number with too many digits, NaN, Infinity


def _one(source: str, make: Callable[[], IngestItem]) -> IngestItem:
    """One record's item (a JSON object, a feed entry): whatever goes wrong with it
    becomes that record's error item, named, and the records after it go on."""
    try:
        return make()
    except IngestError as err:
        return IngestItem(source, error=str(err))
    except Exception as err:  # a bug or a library surprise must not cost the other records
        return IngestItem(source, error=f"{source}: unexpected error ({type(err).__name__}: {err})")


def _record_item(obj: object, source: str, ctx: _Context, url: str | None) -> IngestItem:
    from fogwatch.ingest.records import parse_record

    return _item(parse_record(obj, source), source, ctx)


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


# --- URLs and feeds ---------------------------------------------------------------


def _from_url(url: str, ctx: _Context) -> Iterator[IngestItem]:
    final_url, content_type, data = ctx.fetch(url)
    if not data.strip():
        raise IngestError(f"{url}: the server sent an empty page")
    if looks_like_feed(data, content_type):
        yield from _from_feed(parse_feed(data, url), url, final_url, ctx)
        return
    declared = _charset(content_type)
    text = decode_bytes(data, url, declared)
    try:
        kind = _sniff(data, text, content_type)
    except IngestError as err:
        raise IngestError(f"{url}: {err}") from err
    if kind in ("json", "jsonl"):
        yield from (_from_json if kind == "json" else _from_jsonl)(text, url, ctx, final_url)
        return
    article = _parse_single(text, url, kind, final_url)
    if final_url != url:
        article.metadata.setdefault("requested_url", url)
    yield _item(article, url, ctx)


def _from_feed(feed: Feed, name: str, feed_url: str | None, ctx: _Context) -> Iterator[IngestItem]:
    outlet = feed.title or domain_of(feed.link) or domain_of(feed_url)
    for entry in feed.entries:
        source = f"{name}#{entry.key}"
        if entry.error is not None:
            yield IngestItem(source, error=f"{source}: {entry.error}")
            continue
        yield _one(source, lambda entry=entry, source=source: _entry_item(
            entry, source, name, outlet, ctx
        ))


def _entry_item(entry: FeedEntry, source: str, feed_name: str, outlet: str | None,
                ctx: _Context) -> IngestItem:
    if ctx.seen is not None and ctx.seen(entry.key):
        return IngestItem(source, skipped="already seen", skip_kind="seen")
    return _feed_item(entry, source, feed_name, outlet, ctx)


def _feed_item(entry: FeedEntry, source: str, feed_name: str, outlet: str | None,
               ctx: _Context) -> IngestItem:
    metadata: dict[str, object] = {"feed_key": entry.key, "feed": feed_name, **entry.extra}
    article: Article | None = None
    if entry.content:
        article = Article(text=entry.content)
        metadata["content_from"] = "feed"
    elif entry.link:
        try:
            article = _fetch_entry_page(entry.link, ctx)
            metadata["content_from"] = "page"
        except IngestError as err:
            metadata["fetch_error"] = str(err)
    if article is None:
        if not entry.summary:
            reason = metadata.get("fetch_error") or "the entry has no content, summary or link"
            return IngestItem(source, error=f"{source}: no article text ({reason})")
        article = Article(text=entry.summary)
        metadata["content_from"] = "summary"
    article.url = entry.link or article.url
    article.title = entry.title or article.title
    article.author = entry.author or article.author
    article.outlet = outlet or article.outlet
    if entry.published:
        article.published = entry.published
    article.metadata.update(metadata)
    return IngestItem(source, documents=to_documents(article, source, ctx.date))


def _fetch_entry_page(link: str, ctx: _Context) -> Article:
    final_url, content_type, data = ctx.fetch(link)
    text = decode_bytes(data, link, _charset(content_type))
    kind = _sniff(data, text, content_type)
    if kind not in ("html", "text", "markdown"):
        raise IngestError(f"{link}: the entry's page is not an article ({kind})")
    return _parse_single(text, link, kind, final_url)
