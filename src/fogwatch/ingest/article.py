"""The intermediate form every reader produces, and its conversion to Documents.

Readers (plain text, HTML, JSON, feeds) only extract; this module alone decides
ids, dates, outlets and the article/comment relation, so those rules hold the
same way for every input kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from fogwatch.findings import Document, document_id, normalise_text
from fogwatch.ingest.dates import resolve_date
from fogwatch.ingest.errors import IngestError

COMMENT_DATE_EVIDENCE = "date of the article it comments on"


@dataclass(slots=True)
class Comment:
    text: str
    author: str | None = None
    published: object = None  # raw date as the source gave it
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Article:
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: object = None  # raw date as the source gave it (str, struct_time, ...)
    metadata: dict[str, Any] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


def domain_of(url: str | None) -> str | None:
    """The outlet a URL stands for when nothing better is known: its host, minus ``www.``."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def to_documents(article: Article, source: str, given_date: str | None) -> list[Document]:
    """The article document first, then one document per (distinct, non-empty) comment.

    :class:`IngestError` naming ``source`` when a date is wrong (see
    :func:`fogwatch.ingest.dates.normalise_date`)."""
    text = article.text.strip()
    try:
        date = resolve_date(article.published, given_date, text)
    except ValueError as err:  # a wrong date is refused, never stored as another one
        raise IngestError(f"{source}: published date refused: {err}") from err
    parent = Document.create(
        text,
        url=article.url or None,
        outlet=_clean(article.outlet) or domain_of(article.url),
        title=_clean(article.title),
        author=_clean(article.author),
        published=date.published,
        date_source=date.source,
        date_evidence=date.evidence,
        source=source,
        metadata=dict(article.metadata),
    )
    docs = [parent]
    seen: set[str] = set()
    for number, comment in enumerate(article.comments, start=1):
        body = comment.text.strip()
        key = normalise_text(body)
        if not key or key in seen:
            continue
        seen.add(key)
        docs.append(_comment_document(parent, body, comment, number, source))
    return docs


def _comment_document(
    parent: Document, body: str, comment: Comment, number: int, source: str
) -> Document:
    # The id hangs off the parent so that a "Thanks!" under two articles stays two comments.
    try:
        own = resolve_date(comment.published, None, "")
    except ValueError as err:
        raise IngestError(f"{source}: comment {number} published date refused: {err}") from err
    if own.published:
        published, date_source, evidence = own.published, own.source, None
    elif parent.published:
        # A comment is written on or after its article: the article date is the best anchor.
        published, date_source, evidence = parent.published, "inferred", COMMENT_DATE_EVIDENCE
    else:
        published, date_source, evidence = None, None, None
    metadata = dict(comment.metadata)
    metadata["comment_number"] = number
    return Document(
        id=document_id(f"{parent.id}\n{body}"),
        text=body,
        url=None,
        outlet=parent.outlet,
        title=None,
        author=_clean(comment.author),
        published=published,
        date_source=date_source,
        date_evidence=evidence,
        language=parent.language,
        section="comment",
        parent_id=parent.id,
        source=source,
        metadata=metadata,
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v).strip() for v in value if str(v).strip())
    text = " ".join(str(value).split())
    return text or None
