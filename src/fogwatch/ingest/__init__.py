"""fogwatch.ingest: inputs (files, folders, stdin, URLs, feeds) to Documents.

The one entry point is :func:`iter_sources`; it yields an :class:`IngestItem` per
input item (an article with its reader comments, an error, or a skip) and never
raises for a bad item. Ingest neither analyses nor stores: the caller does.

Heavy libraries (trafilatura, feedparser, httpx, lxml) are imported where they
are used, so importing this package stays cheap.
"""

from fogwatch.ingest.decode import DEFAULT_MAX_BYTES
from fogwatch.ingest.errors import FetchError, IngestError
from fogwatch.ingest.feeds import feed_entry_key
from fogwatch.ingest.fetch import Fetcher, HttpFetcher, check_url
from fogwatch.ingest.item import IngestItem
from fogwatch.ingest.sources import INGESTIBLE_EXTENSIONS, Seen, expand_sources, iter_sources

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INGESTIBLE_EXTENSIONS",
    "FetchError",
    "Fetcher",
    "HttpFetcher",
    "IngestError",
    "IngestItem",
    "Seen",
    "check_url",
    "expand_sources",
    "feed_entry_key",
    "iter_sources",
]
