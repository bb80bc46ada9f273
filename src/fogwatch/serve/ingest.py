"""Ingest through the API: one article as text, HTML or a URL, stored then analysed.

URLs take the command line's road (:func:`fogwatch.jobs.run_batch`), so the
same address guard refuses private and loopback hosts. Text and HTML are read
as a JSON record would be; they are never taken for file names.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from fogwatch.ingest.article import to_documents
from fogwatch.ingest.errors import IngestError
from fogwatch.ingest.records import parse_record
from fogwatch.jobs import analyze_stored, run_batch
from fogwatch.store import Store

SOURCE = "api"
# One analysis at a time: a spaCy pipeline is not meant to be shared by threads.
_WRITE_LOCK = threading.Lock()


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    duplicates: int = 0
    analyzed: int = 0
    errors: list[str] = field(default_factory=list)


def ingest(store: Store, payload: dict[str, Any], settings: Any) -> IngestResult:
    """Store and analyse the article in ``payload`` (the fields of the API's IngestIn)."""
    with _WRITE_LOCK:
        if payload.get("url"):
            return _from_url(store, payload["url"], settings)
        return _from_record(store, payload, settings)


def _from_url(store: Store, url: str, settings: Any) -> IngestResult:
    summary = run_batch(
        [url], store, pipeline=settings.get_pipeline(), allow_private=settings.allow_private
    )
    return IngestResult(
        stored=list(summary.document_ids), duplicates=summary.duplicates,
        analyzed=summary.analyzed, errors=[error for _, error in summary.failed],
    )


def _from_record(store: Store, payload: dict[str, Any], settings: Any) -> IngestResult:
    record = {
        k: payload[k]
        for k in ("text", "html", "title", "outlet", "author", "published", "comments")
        if payload.get(k)
    }
    try:
        article = parse_record(record, SOURCE)
        docs = to_documents(article, SOURCE, None)
    except IngestError as exc:
        return IngestResult(errors=[str(exc)])
    except (ValueError, TypeError, OverflowError) as exc:
        # A value the model let through but the ingest cannot use (a date the
        # parser chokes on): the client's mistake, answered 422, never a 500.
        return IngestResult(errors=[f"{SOURCE}: the document could not be read: {exc}"])
    result = IngestResult()
    for doc in docs:
        stored, doc_id = store.add_document(doc)
        if stored:
            result.stored.append(doc_id)
        else:
            result.duplicates += 1
    if result.stored:
        summary = analyze_stored(store, result.stored, pipeline=settings.get_pipeline())
        result.analyzed = summary.analyzed
        result.errors.extend(error for _, error in summary.failed)
    return result
