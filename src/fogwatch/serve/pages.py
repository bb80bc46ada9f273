"""The HTML pages: overview, timeline, one claim, entity and document, search; the
list pages (claim board, entities, documents, map) are in :mod:`.listpages`.

Templates are Jinja2 with autoescaping on for every template, whatever its name
(:mod:`.rendering`): titles and bodies come from the open web and are treated as
hostile. Pages read one page of rows at a time through
:mod:`fogwatch.store.browse` and the store's own listing methods; only the
document page loads an analysis, and only its own.
"""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from fogwatch.findings import PLOVER_CATEGORIES, Analysis
from fogwatch.kinds import registry
from fogwatch.reconcile.units import GENERIC_ENTITIES
from fogwatch.serve import listpages, tracking_pages
from fogwatch.serve.browsing import Pager
from fogwatch.serve.cache import SLOW_TTL
from fogwatch.serve.highlight import highlight
from fogwatch.serve.links import entity_url
from fogwatch.serve.rendering import (
    CONFIDENCES,
    MODALITIES,
    PAGE_SIZE,
    PageNo,
    Str,
    templates,  # noqa: F401  (the pages' Jinja templates, for callers that render one)
)
from fogwatch.serve.rendering import cache_of as _cache
from fogwatch.serve.rendering import check_date as _check_date
from fogwatch.serve.rendering import day as _day
from fogwatch.serve.rendering import has_reconcile as _has_reconcile
from fogwatch.serve.rendering import least_confidence as _least_confidence
from fogwatch.serve.rendering import names_for_propositions as _names_for_propositions
from fogwatch.serve.rendering import not_found as _not_found
from fogwatch.serve.rendering import outlets_of as _outlets
from fogwatch.serve.rendering import render as _render
from fogwatch.serve.rendering import stance_strip as _stance_strip
from fogwatch.serve.rendering import store_of as _store
from fogwatch.serve.tracking_api import watched_with_news
from fogwatch.store import browse
from fogwatch.store.added_findings import CHOICES as ADD_CHOICES
from fogwatch.store.corrections import corrections_of

router = APIRouter(include_in_schema=False)
# the list pages (documents, entities, claims, map) with their CSV, sorting and facets
router.include_router(listpages.router)
# tracking a claim (/claims/track), before /claims/{prop_id} can take its address
router.include_router(tracking_pages.router)

# --- pages ----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    store = _store(request)
    cache = _cache(request)
    docs = browse.latest_documents(store, limit=10)
    contested: list[Any] = []
    if _has_reconcile(store):
        contested = store.propositions(contested=True, limit=8)
    counts, counted_at = cache.get(store, "overview-counts", lambda: browse.overview_counts(store))
    active, _ = cache.get(store, ("active", 14), lambda: browse.active_entities(store, limit=14))
    return _render(
        request, "overview.html", "overview",
        documents=docs,
        n_documents=counts["documents"],
        n_comments=counts["comments"],
        n_entities=counts["entities"],
        n_propositions=counts["propositions"] if _has_reconcile(store) else None,
        not_analysed=counts["documents_not_analysed"],
        not_reconciled=counts["documents_not_reconciled"],
        undated=counts["documents_undated"],
        counted_at=time.strftime("%H:%M:%S", time.localtime(counted_at)),
        cache_seconds=round(cache.ttl),
        counts=browse.finding_counts(store, [d.id for d in docs]),
        active=active,
        contested=contested,
        names=_names_for_propositions(store, contested),
        watched=watched_with_news(store, request),
    )






@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request, entity: Str = None, place: Str = None, category: Str = None,
    modality: Str = None, outlet: Str = None, since: Str = None, until: Str = None,
    show: Str = "both", page: PageNo = 1, min_confidence: Str = None,
):
    store = _store(request)
    cache = _cache(request)
    since, until = _check_date(since), _check_date(until)
    least = _least_confidence(min_confidence)
    category = category if category in PLOVER_CATEGORIES else None
    modality = modality if modality in MODALITIES else None
    show = show if show in ("events", "claims", "both") else "both"
    pager = Pager(request, page, PAGE_SIZE, 0)
    kw = {"entity": entity or None, "place": place or None, "type": category,
          "modality": modality, "outlet": outlet or None, "since": since, "until": until,
          "events_too": show in ("events", "both"), "claims_too": show in ("claims", "both"),
          "min_confidence": float(least) if least else None}
    found, total = browse.timeline_page(store, **kw, limit=PAGE_SIZE, offset=pager.offset)
    pager = Pager(request, page, PAGE_SIZE, total)
    by_event, by_claim = browse.timeline_records(store, found)
    items: list[dict[str, Any]] = []
    for it in found:
        if it.kind == "event":
            if it.id in by_event:
                items.append({"kind": "event", "date": it.date, "event": by_event[it.id]})
        elif it.id in by_claim:
            items.append({"kind": "claim", "date": it.date, "claim": by_claim[it.id]})
    events = [i["event"] for i in items if i["kind"] == "event"]
    claims = [i["claim"] for i in items if i["kind"] == "claim"]
    keys = {k for ev in events for k in (*ev.actors, *ev.targets)}
    keys |= {ev.place for ev in events if ev.place}
    keys |= {k for p in claims for k in p.entities} | {p.place for p in claims if p.place}
    keys |= {k for k in (entity, place) if k}
    days: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        days.setdefault(_day(item["date"]), []).append(item)
    return _render(
        request, "timeline.html", "timeline",
        days=days, items=items, pager=pager,
        # the strip counts every item in range: shared by every page of a selection
        axis=_axis(cache.get(store, ("timeline-days", *kw.items()),
                             lambda: browse.timeline_day_counts(store, **kw))[0],
                   since=since, until=until, shown=[_day(i["date"]) for i in items if i["date"]]),
        names=browse.entity_names(store, sorted(keys)),
        filters={"entity": entity or "", "place": place or "", "category": category or "",
                 "modality": modality or "", "outlet": outlet or "", "since": since or "",
                 "until": until or "", "show": show, "min_confidence": least or ""},
        categories=PLOVER_CATEGORIES, modalities=MODALITIES, outlets=_outlets(request),
        confidences=CONFIDENCES,
        entity_choices=cache.get(store, ("active", 40),
                                 lambda: browse.active_entities(store, limit=40))[0],
        place_choices=cache.get(store, ("places", 60),
                                lambda: browse.recent_places(store, limit=60))[0],
    )




def _parse_day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


# Stacking order of a day's bar, bottom up: what happened first, claims on top.
AXIS_STYLES = (*MODALITIES, "claim", "contested")


def _axis(counts: dict[str, dict[str, int]], since: str | None = None,
          until: str | None = None, shown: list[str] | None = None) -> dict[str, Any] | None:
    """A bar per day (or per few days over a long range) of every item in range,
    stacked by style, with the days of the page's own items (``shown``) shaded.
    Horizontal positions are percentages of the chart's width and heights are
    pixels, so the same drawing fits a phone and a wide screen without its
    labels shrinking."""
    parsed = {d: by_style for day, by_style in counts.items() if (d := _parse_day(day))}
    if not parsed:
        return None
    first, last = min(parsed), max(parsed)
    # The chosen range is shown whole, even where its ends are empty.
    for bound in (since, until):
        if bound:
            d = date.fromisoformat(bound)
            first, last = min(first, d), max(last, d)
    n_days = (last - first).days + 1
    width = -(-n_days // 120)  # days per bar: at most 120 bars
    n_bars = -(-n_days // width)
    buckets: list[dict[str, int]] = [{} for _ in range(n_bars)]
    for d, by_style in parsed.items():
        bucket = buckets[(d - first).days // width]
        for style, n in by_style.items():
            bucket[style] = bucket.get(style, 0) + n
    peak = max(sum(b.values()) for b in buckets) or 1
    left, span, base, tall = 1.0, 98.0, 70, 50  # percent; pixels
    step = span / n_bars
    band = None
    on_page = sorted(d for d in (_parse_day(x) for x in shown or []) if d and first <= d <= last)
    if on_page:
        i0, i1 = (on_page[0] - first).days // width, (on_page[-1] - first).days // width
        band = {"x": f"{left + step * i0:.2f}%", "w": f"{step * (i1 - i0 + 1):.2f}%",
                "first": on_page[0].isoformat(), "last": on_page[-1].isoformat()}
    bars = []
    for i, bucket in enumerate(buckets):
        if not bucket:
            continue
        y = base
        segments = []
        for style in sorted(bucket, key=lambda st: AXIS_STYLES.index(st)
                            if st in AXIS_STYLES else len(AXIS_STYLES)):
            h = max(2, round(tall * bucket[style] / peak))
            y -= h
            segments.append({"style": style, "y": y, "h": h, "n": bucket[style]})
        d0 = date.fromordinal(first.toordinal() + i * width)
        d1 = date.fromordinal(min(last.toordinal(), d0.toordinal() + width - 1))
        bars.append({
            "x": f"{left + step * i + step * 0.1:.2f}%", "w": f"{max(step * 0.8, 0.2):.2f}%",
            "segments": segments, "n": sum(bucket.values()),
            "label": d0.isoformat() if d1 == d0 else f"{d0.isoformat()} – {d1.isoformat()}",
        })
    ticks = []
    n_ticks = min(n_days - 1, 6)
    for i in range(n_ticks + 1):
        d = date.fromordinal(first.toordinal() + round((n_days - 1) * i / max(n_ticks, 1)))
        x = left + span * ((d - first).days + 0.5) / n_days
        ticks.append({"x": f"{x:.2f}%", "label": d.isoformat(),
                      "edge": "" if not n_ticks else "first" if i == 0
                      else "last" if i == n_ticks else "",
                      # a phone keeps the two ends and the middle
                      "minor": 0 < i < n_ticks and i != n_ticks // 2})
    return {"bars": bars, "ticks": ticks, "total": sum(b["n"] for b in bars), "peak": peak,
            "base": base, "top": base - tall, "band": band, "first": first.isoformat(), "last": last.isoformat(),
            "days_per_bar": width}




@router.get("/claims/{prop_id}", response_class=HTMLResponse)
def claim(request: Request, prop_id: str):
    store = _store(request)
    prop = store.get_proposition(prop_id)
    if prop is None:
        return _not_found(request, "claims", "No claim with that id.")
    return _render(
        request, "claim.html", "claims", prop=prop, strip=_stance_strip(prop, max_rows=40),
        names=_names_for_propositions(store, [prop]),
    )






@router.get("/entities/{key:path}", response_class=HTMLResponse)
def entity(request: Request, key: str, page: PageNo = 1):
    store = _store(request)
    found = browse.entity_stats_of(store, key, outlets=False)
    if found is None:
        survivor = store.entity_redirect(key)  # an analyst merged it into another
        if survivor is not None:
            return RedirectResponse(entity_url(survivor), 307)
        return _not_found(request, "entities", f"No entity with the key “{key}”.")
    # Counted over every document that mentions it: hundreds of milliseconds for a
    # much-reported entity.
    found.outlets = _cache(request).get(
        store, ("entity-outlets", key), lambda: browse.entity_outlets(store, key),
        ttl=SLOW_TTL)[0]
    pager = Pager(request, page, 15, 0)
    mentions, n_mentions = browse.entity_mentions(store, key, limit=15, offset=pager.offset)
    pager = Pager(request, page, 15, n_mentions)
    said, n_said = browse.claims_by(store, key, limit=12)
    about: list[Any] = []
    merged: list[Any] = []
    n_about = n_merged = 0
    place_key = browse.place_key_of(store, key)
    about_key = events_key = ("entity", key)
    if _has_reconcile(store):
        # Claims and events name a place by its gazetteer key, not its entity key.
        n_about = store.count_propositions(entity=key)
        if not n_about and place_key:
            about_key, n_about = ("entity", place_key), store.count_propositions(entity=place_key)
        about = store.propositions(entity=about_key[1], limit=10) if n_about else []
        n_merged = store.count_merged_events(entity=key)
        merged = store.merged_events(entity=key, limit=15) if n_merged else []
        if not n_merged and place_key:
            events_key = ("place", place_key)
            n_merged = store.count_merged_events(place=place_key)
            merged = store.merged_events(place=place_key, limit=15)
    doc_events = [] if merged else browse.entity_events(store, key, limit=15)
    keys = {k for ev in merged for k in (*ev.actors, *ev.targets)}
    keys |= {k for r in doc_events for k in (*r.data.get("actors", []), *r.data.get("targets", []))}
    keys |= {ev.place for ev in merged if ev.place}
    # The warring states are in nearly every claim: claims are not filed under them
    # (their count would read 0), so the page says so and searches the board instead.
    generic = key in GENERIC_ENTITIES or (place_key or "") in GENERIC_ENTITIES
    return _render(
        request, "entity.html", "entities", entity=found, mentions=mentions, pager=pager,
        said=said, n_said=n_said, about=about, n_about=n_about, merged=merged,
        generic=generic, search_link="/claims?" + urlencode({"q": found.name}),
        n_merged=n_merged, doc_events=doc_events,
        cooccurring=browse.cooccurring(store, key), place_key=place_key,
        events_link="/timeline?" + urlencode({events_key[0]: events_key[1], "show": "events"}),
        claims_link="/claims?" + urlencode({about_key[0]: about_key[1]}),
        names=browse.entity_names(store, sorted(keys)),
        corrections=store.list_entity_corrections(key=key, limit=50)[0],
    )




@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str, mark: Str = None):
    store = _store(request)
    doc = store.get_document(doc_id)
    if doc is None:
        return _not_found(request, "documents", "No document with that id.")
    span = _parse_mark(mark)
    stored = store.get_analysis(doc_id)
    analysis = stored if stored is not None else Analysis(document=doc)
    main = highlight(analysis, mark=span)
    comments = []
    details = dict(main.details)
    _with_corrections(store, analysis, details, "")
    for n, comment in enumerate(browse.comments_of(store, doc.id), start=1):
        c_analysis = store.get_analysis(comment.id) or Analysis(document=comment)
        hl = highlight(c_analysis, prefix=f"c{n}-")
        details.update(hl.details)
        _with_corrections(store, c_analysis, details, f"c{n}-")
        comments.append({"doc": comment, "hl": hl})
    parent = store.get_document(doc.parent_id) if doc.parent_id else None
    names = {e.key: e.name for e in analysis.entities}
    return _render(
        request, "document.html", "documents", doc=doc, hl=main, comments=comments,
        details=details, parent=parent, analysis=analysis, names=names,
        analysed=stored is not None, mark=span, add_choices=ADD_CHOICES,
    )


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "nothing"
    if isinstance(value, float) and value.is_integer():  # 1000.0 and 1000 read alike
        value = int(value)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _with_corrections(store: Any, analysis: Analysis, details: dict[str, dict[str, Any]],
                      prefix: str) -> None:
    """Add to each corrected finding's details who corrected it, what the machine
    had, and the note (plain values: the page's script shows them as text)."""
    for kind, found in analysis.review.items():
        spec = registry.find(kind)
        for idx, state in found.items():
            if spec is not None and f"{prefix}{spec.id_prefix}{idx}" in details:
                details[f"{prefix}{spec.id_prefix}{idx}"]["review"] = state
    if not analysis.review:
        return
    for c in corrections_of(store, analysis.document.id):
        spec = registry.find(c.kind)
        shown = details.get(f"{prefix}{spec.id_prefix}{c.applied_idx}") if spec else None
        if shown is None:
            continue
        shown.setdefault("corrections", []).append({
            "action": c.action, "field": c.field, "by": c.author, "at": c.created_at[:10],
            "value": _shown(c.value) if c.action == "set" else None,
            "was": _shown(c.original) if c.action == "set" else None, "note": c.note,
        })


def _parse_mark(mark: str | None) -> tuple[int, int] | None:
    if not mark:
        return None
    m = re.fullmatch(r"(\d{1,9})-(\d{1,9})", mark)
    if not m:
        return None
    start, end = int(m.group(1)), int(m.group(2))
    return (start, end) if end > start else None




@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Str = None):
    store = _store(request)
    query = (q or "").strip()
    hits: list[Any] = []
    props: list[Any] = []
    ents: list[Any] = []
    if query:
        hits = store.search(query, limit=30)
        ents = browse.entity_list(store, query=query, limit=10)
        if _has_reconcile(store):
            props = store.propositions(query=query, limit=15)
    return _render(
        request, "search.html", "search", q=query, hits=hits, props=props, ents=ents,
        names=_names_for_propositions(store, props),
    )


def not_found_page(request: Request):
    """The HTML answer to an address no page has."""
    return _not_found(request, "", "There is no page at this address.")


