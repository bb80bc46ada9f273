"""HTML pages: main text and metadata via trafilatura, reader comments split apart.

trafilatura extracts the comment section as one flat run of paragraphs, which
loses where one reader stops and the next starts. So the comment section is
also read from the page structure (elements whose class or id says "comment");
when that finds separate comments they become separate documents, otherwise the
flat text trafilatura gave becomes one comment document.
"""

from __future__ import annotations

import re
from typing import Any

from fogwatch.ingest.article import Article, Comment
from fogwatch.ingest.errors import IngestError

# One comment: class/id tokens like "comment", "comment-123", "comment-item", "c-comment".
_ITEM_TOKEN = re.compile(
    r"^(?:[a-z]+-)?comment(?:-(?:\d+|item|wrap|wrapper|entry|container|thread-item))?$",
    re.I,
)
# Inside a comment, the parts that are not what the reader wrote.
_META_TOKEN = re.compile(r"author|avatar|meta|date|time|reply|vcard|fn|byline|actions|vote", re.I)
_AUTHOR_TOKEN = re.compile(r"author|fn|user|name|byline", re.I)
_SECTION_TOKEN = re.compile(r"comment", re.I)
_META_TIME = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)=["'](?:article:published_time|datePublished|"""
    r"""pubdate|publishdate|date|dc\.date|DC\.date\.issued)["'][^>]*>""",
    re.I,
)
_CONTENT_ATTR = re.compile(r"""content=["']([^"']+)["']""", re.I)


def parse_html(html: str, name: str, url: str | None = None) -> Article:
    """Article text, metadata and comments; :class:`IngestError` when no text is found."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            html, url=url, include_comments=True, with_metadata=True, include_tables=True
        )
    except Exception as err:  # trafilatura raises assorted lxml/parser errors on junk
        raise IngestError(f"{name}: could not parse the HTML ({type(err).__name__})") from err
    text = (getattr(result, "text", None) or "").strip() if result is not None else ""
    # Broken markup can leave stray "<<" as the "text": demand some letters.
    if sum(ch.isalpha() for ch in text[:1000]) < 2:
        raise IngestError(f"{name}: no article text could be extracted from the HTML")
    # A page that marks up its own body with "comment" classes (opinion pieces do)
    # must not get its paragraphs duplicated as reader comments.
    body_key = " ".join(text.split())
    comments = _structured_comments(html)
    if not comments:
        flat = (getattr(result, "comments", None) or "").strip()
        comments = [Comment(text=flat)] if flat else []
    comments = [c for c in comments if " ".join(c.text.split()) not in body_key]
    metadata: dict[str, Any] = {}
    for key in ("description", "categories", "tags", "language", "license", "image"):
        value = getattr(result, key, None)
        if value:
            metadata[key] = value
    return Article(
        text=text,
        title=getattr(result, "title", None),
        author=getattr(result, "author", None),
        outlet=getattr(result, "sitename", None),
        url=url or getattr(result, "url", None),
        published=_with_time(getattr(result, "date", None), html),
        metadata=metadata,
        comments=comments,
    )


def _with_time(date: str | None, html: str) -> str | None:
    """trafilatura gives the day only; keep the time of day a meta tag states for that day."""
    if not date:
        return None
    head = html[:200_000]
    for tag in _META_TIME.finditer(head):
        content = _CONTENT_ATTR.search(tag.group(0))
        if content and content.group(1).startswith(date) and "T" in content.group(1):
            return content.group(1)
    return date


def _structured_comments(html: str) -> list[Comment]:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    sections = [
        el for el in root.iter()
        if isinstance(el.tag, str) and _SECTION_TOKEN.search(_tokens(el)) and not _is_item(el)
    ]
    items: list[Any] = []
    for section in sections:
        items.extend(el for el in section.iter() if isinstance(el.tag, str) and _is_item(el))
    unique = list(dict.fromkeys(items))
    comments = []
    for item in unique:
        nested = [el for el in item.iter() if el is not item and el in unique]
        text = _own_text(item, nested)
        if text:
            comments.append(Comment(text=text, author=_author(item)))
    return comments


def _tokens(el: Any) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"))))


def _is_item(el: Any) -> bool:
    return any(_ITEM_TOKEN.match(tok) for tok in _tokens(el).split())


def _own_text(item: Any, nested: list[Any]) -> str:
    """The reader's words: paragraphs of the item, minus replies and byline/date parts."""
    skip: set[Any] = set()
    for el in item.iter():
        if not isinstance(el.tag, str):
            skip.add(el)  # HTML comments and processing instructions
        elif el in nested or (el is not item and _META_TOKEN.search(_tokens(el))) or el.tag in (
            "script", "style", "form", "button", "time", "footer"
        ):
            skip.update(el.iter())
    paragraphs = [
        el for el in item.iter() if el not in skip and isinstance(el.tag, str) and el.tag == "p"
    ]
    parts = [_text_of(p, skip) for p in paragraphs] if paragraphs else [_text_of(item, skip)]
    return "\n".join(p for p in parts if p)


def _text_of(el: Any, skip: set[Any]) -> str:
    chunks: list[str] = []

    def walk(node: Any) -> None:
        if node in skip:
            if node.tail:
                chunks.append(node.tail)
            return
        if node.text:
            chunks.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            chunks.append(node.tail)

    walk(el)
    return " ".join("".join(chunks).split())


def _author(item: Any) -> str | None:
    for el in item.iter():
        if el is not item and isinstance(el.tag, str) and _AUTHOR_TOKEN.search(_tokens(el)):
            text = " ".join(el.text_content().split())
            if text and len(text) <= 80:
                return text
    return None
