"""The review queue page, ``/review``: the findings most worth an analyst's look.

Each row says why it is listed (:mod:`fogwatch.store.browse.review`), shows the
finding in its sentence and what fogwatch made of it, and carries what the
page's script needs to correct it (kind, document, position, the kind's editable
fields with their current values). Corrections are written by the browser
through ``POST /api/v1/corrections`` with the token the analyst gives once: the
page itself holds no token. ``?format=json`` and ``?format=csv`` answer the same rows.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from fogwatch.findings import Analysis, Document
from fogwatch.kinds import registry
from fogwatch.kinds.spec import View
from fogwatch.serve.browsing import csv_response, wants
from fogwatch.serve.cache import SLOW_TTL
from fogwatch.serve.highlight import edit_fields
from fogwatch.serve.rendering import PageNo, Str, cache_of, render, store_of
from fogwatch.store import browse
from fogwatch.store.browse.review import (
    DEFAULT_BELOW,
    LANES,
    MAX_OFFSET,
    ReviewItem,
    lane_counts,
    review_queue,
)

router = APIRouter(include_in_schema=False)
PAGE = 25
CSV_COLUMNS = ("kind", "document", "idx", "text", "confidence", "why")


def _keys_in(data: dict[str, Any]) -> set[str]:
    """Entity and place keys a record points at (to name them)."""
    found: set[str] = set()
    for name in ("source_entity", "entity", "place", "key"):
        if isinstance(data.get(name), str):
            found.add(data[name])
    for name in ("actors", "targets"):
        found.update(k for k in data.get(name) or [] if isinstance(k, str))
    return found


def _shown(items: list[ReviewItem], names: dict[str, str]) -> list[dict[str, Any]]:
    out = []
    for it in items:
        spec = registry.get(it.kind)
        view = View(analysis=Analysis(document=Document(id=it.document.id, text="")),
                    names=names, place_names=names)
        record = spec.record.from_dict(it.data)
        details = spec.details(record, view)
        score = it.data.get(spec.confidence) if spec.confidence else None
        out.append({
            "kind": it.kind, "label": spec.label, "document": it.document, "idx": it.idx,
            "title": details.get("title") or spec.label,
            "fields": [(k, v) for k, v in details.get("fields", []) if v not in (None, "")],
            "reasons": it.reasons, "before": it.before, "words": it.words, "after": it.after,
            "start": it.start, "end": it.end,
            "confidence": float(score) if isinstance(score, (int, float)) else None,
            "edit": edit_fields(spec, it.data),
        })
    return out


def _threshold(value: str | None) -> float:
    """The low-confidence threshold asked for, between 0 and 1 (else the default)."""
    try:
        found = float(value) if value else DEFAULT_BELOW
    except ValueError:
        return DEFAULT_BELOW
    return found if 0.0 <= found <= 1.0 else DEFAULT_BELOW


@router.get("/review", response_class=HTMLResponse)
def review(request: Request, lane: Str = None, below: Str = None, page: PageNo = 1):
    store = store_of(request)
    lane = lane if lane in LANES else None
    threshold = _threshold(below)
    offset = (page - 1) * PAGE
    if offset > MAX_OFFSET:
        items: list[ReviewItem] = []
        more = False
    else:
        items, more = review_queue(store, lane=lane, below=threshold, limit=PAGE,
                                   offset=offset)
    names = browse.entity_names(store, sorted({k for it in items for k in _keys_in(it.data)}))
    rows = _shown(items, names)
    if wants(request) == "csv":
        return csv_response(f"review-page{page}.csv", CSV_COLUMNS, [
            [r["kind"], r["document"].id, r["idx"], r["words"], r["confidence"],
             "; ".join(f"{LANES[x.lane]}: {x.detail}" for x in r["reasons"])] for r in rows])
    if wants(request) == "json":
        return JSONResponse({"offset": offset, "limit": PAGE, "more": more, "items": [
            {"kind": r["kind"], "document": r["document"].id, "idx": r["idx"],
             "title": r["title"], "confidence": r["confidence"],
             "reasons": [{"lane": x.lane, "detail": x.detail, "proposition": x.proposition}
                         for x in r["reasons"]],
             "text": r["words"], "start": r["start"], "end": r["end"],
             "editable": [e["field"] for e in r["edit"]]} for r in rows]})
    counts, _ = cache_of(request).get(store, ("review-counts", threshold),
                                      lambda: lane_counts(store, below=threshold), ttl=SLOW_TTL)

    def link(**changes: Any) -> str:
        params = {"lane": lane, "below": threshold if threshold != DEFAULT_BELOW else None,
                  "page": page}
        params.update(changes)
        kept = {k: v for k, v in params.items()
                if v not in (None, "") and not (k == "page" and v == 1)}
        return "/review" + ("?" + urlencode(kept) if kept else "")

    return render(
        request, "review.html", "review", rows=rows, lanes=LANES, lane=lane or "",
        counts=counts, below=threshold, page=page, offset=offset,
        prev_url=link(page=page - 1) if page > 1 else None,
        next_url=link(page=page + 1) if more and offset + PAGE <= MAX_OFFSET else None,
        lane_url=lambda name: link(lane=name or None, page=1),
        json_url=link(format="json"), csv_url=link(format="csv"),
        too_deep=offset > MAX_OFFSET,
    )
