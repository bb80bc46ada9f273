"""Plain text and Markdown articles.

Layout understood, top to bottom:

* Optional metadata, either as front matter (a ``---`` line, ``key: value``
  lines, a closing ``---`` line) or as header lines at the very top
  (``Title:``, ``Date:``/``Published:``, ``Author:``/``By:``,
  ``Outlet:``/``Source:``, ``URL:``/``Link:``; case-insensitive) ended by a
  blank line. Metadata lines are markup, not article text, and are removed. Keys
  not listed are kept in ``Document.metadata``.
* The article body. Without a ``Title:`` header, the first line is taken as the
  title when it is short (at most 150 characters and 25 words), more text
  follows, and it reads like a headline: no final period, or title case. Such a
  guessed title stays in the text (a wrong guess must not lose words). A
  Markdown ``# Heading`` first line gives the title without the ``#``.
* Reader comments, after a run of two or more blank lines that is longer than
  every blank run in the body before it and than every run after it (so a text
  that double-spaces all its paragraphs is not cut). Comments are the
  blank-line separated blocks after it, or, when that part has no blank lines
  (one paragraph per line, as in the project's seed article), its lines.
"""

from __future__ import annotations

import re

from fogwatch.ingest.article import Article, Comment

_KEYS = {
    "title": "title", "headline": "title",
    "date": "published", "published": "published", "pubdate": "published",
    "author": "author", "by": "author", "byline": "author",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet",
    "url": "url", "link": "url",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z _-]{0,30}):[ \t]*(.*)$")
_GAP = re.compile(r"\n(?:[ \t]*\n)+")
_TITLE_MAX_CHARS = 150
_TITLE_MAX_WORDS = 25
_SMALL_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over", "per", "the", "to", "up", "via", "vs", "with"]
)


def parse_text(text: str, *, markdown: bool = False) -> Article:
    meta, body = _split_metadata(text)
    body, comment_part = split_comments(body)
    fields: dict[str, str] = {}
    extra: dict[str, str] = {}
    for key, value in meta.items():
        target = _KEYS.get(_canonical(key))
        if target and target not in fields:
            fields[target] = value
        else:
            extra[key] = value
    title = fields.get("title") or guess_title(body, markdown=markdown)
    return Article(
        text=body,
        title=title,
        author=fields.get("author"),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        published=fields.get("published"),
        metadata=extra,
        comments=[Comment(text=c) for c in split_comment_part(comment_part)],
    )


def _split_metadata(text: str) -> tuple[dict[str, str], str]:
    """Front matter or leading header lines, and the text after them."""
    stripped = text.lstrip("\n")
    lines = stripped.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 60)):
            if lines[end].strip() in ("---", "..."):
                pairs = [_HEADER_LINE.match(line) for line in lines[1:end] if line.strip()]
                if all(pairs):
                    meta = {m.group(1).strip(): _unquote(m.group(2)) for m in pairs if m}
                    return meta, "\n".join(lines[end + 1 :])
                break
    meta: dict[str, str] = {}
    count = 0
    for line in lines:
        match = _HEADER_LINE.match(line)
        if not match:
            break
        meta[match.group(1).strip()] = match.group(2).strip()
        count += 1
    known = any(_canonical(key) in _KEYS for key in meta)
    # A header block needs one known key and a blank line after it, or a first line
    # like "Source: Reuters said..." would be taken for metadata.
    if known and count < len(lines) and not lines[count].strip():
        return meta, "\n".join(lines[count + 1 :])
    return {}, text


def _canonical(key: str) -> str:
    return key.lower().replace(" ", "").replace("-", "").replace("_", "")


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def split_comments(text: str) -> tuple[str, str]:
    """(article body, the reader-comment part) of a plain text; see the module docstring."""
    # Every gap between paragraphs, as (match, number of blank lines in it).
    gaps = [(m, m.group(0).count("\n") - 1) for m in _GAP.finditer(text)]
    for i, (match, blanks) in enumerate(gaps):
        if blanks < 2:
            continue
        longest_before = max((b for _, b in gaps[:i]), default=0)
        longest_after = max((b for _, b in gaps[i + 1 :]), default=0)
        if blanks > longest_before and blanks > longest_after:
            body = text[: match.start()].strip("\n")
            rest = text[match.end() :].strip("\n")
            if body.strip() and rest.strip():
                return body, rest
    return text.strip("\n"), ""


def split_comment_part(part: str) -> list[str]:
    if not part.strip():
        return []
    if re.search(r"\n[ \t]*\n", part):
        blocks = re.split(r"\n(?:[ \t]*\n)+", part)
    else:
        blocks = part.split("\n")
    return [b.strip() for b in blocks if b.strip()]


def guess_title(body: str, *, markdown: bool = False) -> str | None:
    lines = body.strip("\n").split("\n")
    first = lines[0].strip()
    rest = "\n".join(lines[1:]).strip()
    if markdown and first.startswith("#"):
        return first.lstrip("#").strip() or None
    if not first or not rest:
        return None
    if len(first) > _TITLE_MAX_CHARS or len(first.split()) > _TITLE_MAX_WORDS:
        return None
    if not first.endswith(".") or _is_title_case(first):
        return first
    return None


def _is_title_case(line: str) -> bool:
    words = [w.strip("‘’'\"“”()[]:;,.!?—–-") for w in line.split()]
    words = [w for w in words if w and w[0].isalpha() and w.lower() not in _SMALL_WORDS]
    if len(words) < 2:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.8
