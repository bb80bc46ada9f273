"""The page that tracks a claim: ``/claims/track?about=TEXT``.

Each related article's stance toward the claim, its deciding passage (linked to
the article's page with the words marked) and the claim board's proposition it
joins. A watched claim's page marks the articles new since it was last seen and
offers to mark it seen or stop watching; an unwatched one offers to watch it.
Those buttons write through the JSON API with the bearer token the analyst types
(``static/tracking.js``); the page itself writes nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from fogwatch.serve.rendering import render, store_of
from fogwatch.store.watched import MAX_CLAIM, normalise_claim

router = APIRouter(include_in_schema=False)


@router.get("/claims/track", response_class=HTMLResponse)
def track_page(request: Request,
               about: Annotated[str | None, Query(max_length=MAX_CLAIM)] = None):
    from fogwatch.reconcile.tracking import track_claim

    store = store_of(request)
    claim = normalise_claim(about or "")
    watched = next((w for w in store.watched_claims() if w.text == claim), None)
    tracked = error = None
    if claim:
        try:
            tracked = track_claim(store, claim, new_after=watched.seen_at if watched else None)
        except ValueError as exc:
            error = str(exc)
    return render(request, "track.html", "claims", about=claim, tracked=tracked,
                  watched=watched, error=error)
