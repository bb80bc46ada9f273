"""Read queries for browsing the store page by page (the web app's reads).

Every query here is bounded: it filters on indexed columns, returns one page
(``limit``/``offset``) and never loads whole analyses, so the pages that use
them stay fast on a store of 100,000 documents. Aggregates that would have to
visit every row (co-occurring entities, an entity's events) are computed over
the most recent documents only, and say so through their ``sample`` argument.

Each function takes the :class:`~fogwatch.store.Store` and reads through
:meth:`Store.reading <fogwatch.store.Store.reading>`, one short read per call.
The queries live in the modules below by what they show; every name is
importable from here.

- :mod:`.common`: page bounds, document links (:class:`DocumentRef`), finding rows
- :mod:`.findings`: stored findings of one kind with the kind's filters
- :mod:`.documents`: document lists, comments, counts, the overview, the store's version
- :mod:`.entities`: entity lists and pages, mentions, co-occurrence, display names
- :mod:`.places`: the map's places, the places lately mentioned
- :mod:`.timeline`: merged events and dated claims by day
- :mod:`.claims`: the claim board as a sortable list with outlet and category filters
- :mod:`.facets`: facet counts for the list pages (outlet, month, type, category...)
"""

from __future__ import annotations

from fogwatch.store.browse.claims import CLAIM_SORTS, claim_filters, claim_page
from fogwatch.store.browse.common import MAX_LIMIT, DocumentRef, FindingRow
from fogwatch.store.browse.documents import (
    DOCUMENT_SORTS,
    comment_counts,
    comments_of,
    document_refs,
    finding_counts,
    latest_documents,
    outlets,
    overview_counts,
    store_version,
)
from fogwatch.store.browse.entities import (
    CONTEXT_CHARS,
    ENTITY_SORTS,
    OUTLET_SAMPLE,
    Cooccurrence,
    active_entities,
    claims_by,
    cooccurring,
    count_entities,
    entity_events,
    entity_list,
    entity_mentions,
    entity_names,
    entity_outlets,
    entity_stats_of,
    place_key_of,
)
from fogwatch.store.browse.facets import claim_facets, document_facets, entity_facets
from fogwatch.store.browse.findings import count_findings, findings_page, list_findings
from fogwatch.store.browse.places import MapPlace, map_places, recent_places
from fogwatch.store.browse.timeline import (
    TimelineItem,
    timeline_day_counts,
    timeline_page,
    timeline_records,
)

__all__ = [
    "CLAIM_SORTS",
    "CONTEXT_CHARS",
    "DOCUMENT_SORTS",
    "ENTITY_SORTS",
    "MAX_LIMIT",
    "OUTLET_SAMPLE",
    "Cooccurrence",
    "DocumentRef",
    "FindingRow",
    "MapPlace",
    "TimelineItem",
    "active_entities",
    "claim_facets",
    "claim_filters",
    "claim_page",
    "claims_by",
    "comment_counts",
    "comments_of",
    "count_findings",
    "cooccurring",
    "count_entities",
    "document_facets",
    "document_refs",
    "entity_events",
    "entity_facets",
    "entity_list",
    "entity_mentions",
    "entity_names",
    "entity_outlets",
    "entity_stats_of",
    "finding_counts",
    "findings_page",
    "latest_documents",
    "list_findings",
    "map_places",
    "outlets",
    "overview_counts",
    "place_key_of",
    "recent_places",
    "store_version",
    "timeline_day_counts",
    "timeline_page",
    "timeline_records",
]
