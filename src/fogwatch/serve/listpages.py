"""The list pages: documents, entities, the claim board and the map's places
(and, from :mod:`.review`, the review queue).

Each shows one page of rows with its filters, sortable columns and facet counts
(computed over the filtered set by :mod:`fogwatch.store.browse.facets`), and
answers ``?format=csv`` or ``?format=json`` with exactly the rows it shows.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from fogwatch.findings import PLOVER_CATEGORIES
from fogwatch.serve import review
from fogwatch.serve.browsing import (
    Pager,
    Sorter,
    csv_response,
    facet,
    json_rows,
    month_facet,
    wants,
)
from fogwatch.serve.cache import SLOW_TTL, with_outlets
from fogwatch.serve.links import entity_url
from fogwatch.serve.regions import where as region_where
from fogwatch.serve.rendering import (
    CONFIDENCES,
    ENTITY_TYPES,
    MAP_SAMPLE,
    PAGE_SIZE,
    STANCES,
    PageNo,
    Str,
    cache_of,
    check_date,
    has_reconcile,
    least_confidence,
    names_for_propositions,
    outlets_of,
    render,
    stance_strip,
    store_of,
)
from fogwatch.store import browse

router = APIRouter(include_in_schema=False)
router.include_router(review.router)  # the review queue, /review (its own module)


CLAIM_ORDERS = {"board": "board order", "sources": "sources", "documents": "documents",
                "last_seen": "last seen", "first_seen": "first seen", "statement": "statement"}
# no category: none is precise enough for a claim (see docs/exports.md, propositions)
CLAIM_COLUMNS = ("id", "statement", "first_seen", "last_seen", "contested",
                 "numbers_disagree", "stances", "sources", "outlets", "place", "entities")


@router.get("/claims", response_class=HTMLResponse)
def claims(
    request: Request, q: Str = None, entity: Str = None, contested: Str = None,
    since: Str = None, until: Str = None, outlet: Str = None, category: Str = None,
    sort: Str = None, page: PageNo = 1, min_confidence: Str = None,
):
    store = store_of(request)
    since, until = check_date(since), check_date(until)
    least = least_confidence(min_confidence)
    only_contested = contested in ("1", "true", "on", "yes")
    category = category if category in PLOVER_CATEGORIES else None
    sorter = Sorter.parse(request, sort, CLAIM_ORDERS, "board",
                          first_desc=("board", "sources", "documents", "last_seen", "first_seen"))
    props: list[Any] = []
    pager = Pager(request, page, 20, 0)
    kw = {"entity": entity or None, "contested": True if only_contested else None,
          "query": q or None, "since": since, "until": until, "outlet": outlet or None,
          "category": category, "min_confidence": float(least) if least else None}
    facets: dict[str, Any] = {}
    if has_reconcile(store):
        props, total = browse.claim_page(store, **kw, sort=sorter.key,
                                         descending=sorter.descending, limit=20,
                                         offset=(page - 1) * 20)
        pager = Pager(request, page, 20, total)
        # over every claim the filters select, and their stances: a slow aggregate
        counts, _ = cache_of(request).get(store, ("claim-facets", *kw.items()),
                                        lambda: browse.claim_facets(store, **kw), ttl=SLOW_TTL)
        facets = {
            "outlet": facet(request, "outlet", counts["outlet"], current=outlet),
            "category": facet(request, "category", counts["category"], current=category),
            "contested": facet(request, "contested", [(("1" if v == "yes" else ""), n)
                                                      for v, n in counts["contested"] if v == "yes"],
                               label=lambda v: "contested", current="1" if only_contested else None),
            "month": month_facet(request, counts["month"], since, until),
        }
    names = names_for_propositions(store, props)
    if wants(request):
        rows = [[p.id, p.statement, p.first_seen, p.last_seen, p.contested,
                 p.numbers_disagree, len(p.stances),
                 "; ".join(sorted({s.source for s in p.stances})),
                 "; ".join(sorted({s.outlet for s in p.stances if s.outlet})),
                 names.get(p.place, p.place) if p.place else None,
                 "; ".join(names.get(k, k) for k in p.entities)] for p in props]
        return _table(request, "claims", CLAIM_COLUMNS, rows, pager)
    extra = outlet or category or not sorter.is_default
    return render(
        request, "claims.html", "claims", props=props, pager=pager, sorter=sorter,
        names=names, strips=[stance_strip(p) for p in props], facets=facets,
        filters={"q": q or "", "entity": entity or "", "contested": only_contested,
                 "since": since or "", "until": until or "", "outlet": outlet or "",
                 "category": category or "", "min_confidence": least or ""},
        stances=STANCES, confidences=CONFIDENCES,
        api_url=None if extra else pager.api_url(
            "propositions", q=q, entity=entity, contested="true" if only_contested else None,
            since=since, until=until, min_confidence=least),
    )


def _table(request: Request, name: str, columns: tuple[str, ...], rows: list[list[Any]],
           pager: Pager):
    """The rows a list page shows, as the CSV or JSON its format asks for."""
    if wants(request) == "csv":
        suffix = f"-page{pager.page}" if pager.page > 1 else ""
        return csv_response(f"{name}{suffix}.csv", columns, rows)
    return json_rows(columns, rows, pager)


ENTITY_ORDERS = {"name": "entity", "type": "type", "mentions": "mentions",
                 "documents": "documents"}
ENTITY_COLUMNS = ("key", "name", "type", "mentions", "documents", "outlets", "aliases",
                  "description")


@router.get("/entities", response_class=HTMLResponse)
def entities(request: Request, q: Str = None, type: Str = None, sort: Str = None,
             page: PageNo = 1):
    store = store_of(request)
    type = type if type in ENTITY_TYPES else None
    sorter = Sorter.parse(request, sort, ENTITY_ORDERS, "mentions",
                          first_desc=("mentions", "documents"))
    pager = Pager(request, page, 40, browse.count_entities(store, type=type, query=q))
    rows = with_outlets(cache_of(request), store, browse.entity_list(
        store, type=type, query=q, limit=40, offset=pager.offset, sort=sorter.key,
        descending=sorter.descending, outlets=False))
    if wants(request):
        return _table(request, "entities", ENTITY_COLUMNS, [
            [e.key, e.name, e.type, e.mentions, e.documents,
             "; ".join(f"{o} ({n})" for o, n in e.outlets.items()),
             "; ".join(a for a in e.aliases if a != e.name), e.description] for e in rows
        ], pager)
    counts, _ = cache_of(request).get(store, ("entity-facets", type, q),
                                    lambda: browse.entity_facets(store, type=type, query=q))
    return render(
        request, "entities.html", "entities", rows=rows, pager=pager, sorter=sorter,
        filters={"q": q or "", "type": type or ""}, types=ENTITY_TYPES,
        facets={"type": facet(request, "type", counts["type"], current=type)},
        api_url=None if not sorter.is_default else pager.api_url("entities", q=q, type=type),
    )


DOCUMENT_ORDERS = {"date": "date", "outlet": "outlet", "title": "title"}
DOCUMENT_COLUMNS = ("id", "published", "outlet", "title", "section", "url", "entities",
                    "claims", "events", "numbers", "places", "comments")
SECTION_LABELS = {"body": "articles", "comment": "reader comments"}


@router.get("/documents", response_class=HTMLResponse)
def documents(
    request: Request, outlet: Str = None, since: Str = None, until: Str = None,
    section: Str = "body", sort: Str = None, page: PageNo = 1,
):
    store = store_of(request)
    since, until = check_date(since), check_date(until)
    sec = section if section in ("body", "comment") else None
    sorter = Sorter.parse(request, sort, DOCUMENT_ORDERS, "date", first_desc=("date",))
    kw = {"since": since, "until": until, "outlet": outlet or None, "section": sec}
    pager = Pager(request, page, PAGE_SIZE, store.count_documents(**kw))
    docs = browse.latest_documents(store, **kw, limit=PAGE_SIZE, offset=pager.offset,
                                   sort=sorter.key, descending=sorter.descending)
    ids = [d.id for d in docs]
    counts, comments = browse.finding_counts(store, ids), browse.comment_counts(store, ids)
    if wants(request):
        kinds = ("entities", "attributions", "events", "quantities", "places")
        return _table(request, "documents", DOCUMENT_COLUMNS, [
            [d.id, d.published, d.outlet, d.title, d.section, d.url,
             *(counts.get(d.id, {}).get(k, 0) for k in kinds), comments.get(d.id, 0)]
            for d in docs
        ], pager)
    found, _ = cache_of(request).get(store, ("document-facets", *kw.items()),
                                   lambda: browse.document_facets(store, **kw))
    return render(
        request, "documents.html", "documents", docs=docs, pager=pager, sorter=sorter,
        counts=counts, comments=comments, outlets=outlets_of(request),
        filters={"outlet": outlet or "", "since": since or "", "until": until or "",
                 "section": section if sec else "all"},
        facets={
            "outlet": facet(request, "outlet", found["outlet"], current=outlet),
            "month": month_facet(request, found["month"], since, until),
            "section": facet(request, "section", found["section"],
                             label=lambda v: SECTION_LABELS.get(v, v), current=sec),
        },
        api_url=None if not sorter.is_default else pager.api_url(
            "documents", outlet=outlet, since=since, until=until, section=sec or "all"),
    )


def _where(place: Any) -> str:
    """"Donetsk Oblast, Ukraine": the place's region and country by name (not the
    gazetteer's codes), or nothing for a place that is itself the country."""
    found = region_where(place.admin1, place.country)
    return "" if found == place.name else found


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, since: Str = None, until: Str = None,
             min_confidence: Str = None):
    store = store_of(request)
    settings = request.app.state.settings
    since, until = check_date(since), check_date(until)
    least = least_confidence(min_confidence)
    found = browse.map_places(store, sample=MAP_SAMPLE, limit=1500, since=since, until=until,
                              min_confidence=float(least) if least else None)
    markers = [
        {"key": p.key, "name": p.name, "lat": p.lat, "lon": p.lon, "docs": p.documents,
         "events": p.events, "where": _where(p),
         "entity": entity_url(p.entity) if p.entity else None,
         "timeline": "/timeline?" + urlencode({"place": p.key})}
        for p in found
    ]
    if wants(request):
        return _table(request, "places", ("key", "name", "region", "lat", "lon", "articles",
                                          "events"),
                      [[m["key"], m["name"], m["where"], m["lat"], m["lon"], m["docs"],
                        m["events"]] for m in markers],
                      Pager(request, 1, max(1, len(markers)), len(markers)))
    return render(
        request, "map.html", "map", places=markers[:60], markers=markers,
        filters={"since": since or "", "until": until or "", "min_confidence": least or ""},
        confidences=CONFIDENCES, tiles=settings.tiles, tiles_attribution=settings.tiles_attribution,
        pager=Pager(request, 1, max(1, len(markers)), len(markers)),
    )
