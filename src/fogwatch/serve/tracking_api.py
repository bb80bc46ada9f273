"""Tracking a claim, and watched claims, in the JSON API.

``GET /api/v1/claims/track?about=TEXT``: every related article's stance toward a
claim in the analyst's words (:mod:`fogwatch.reconcile.tracking`).
``GET /api/v1/watched``: the watched claims, each with the articles ingested
since it was last seen that take a stance on it. ``POST /api/v1/watched``,
``POST /api/v1/watched/{id}/seen`` and ``DELETE /api/v1/watched/{id}`` need the
bearer token, checked before the body is read, as every write of the API.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from pydantic import BaseModel, Field, field_validator

from fogwatch.serve.api import StoreDep, TokenFirstRoute, _require_token
from fogwatch.serve.api import router as api_router
from fogwatch.serve.cache import SLOW_TTL
from fogwatch.serve.corrections_api import AUTHOR_HEADER
from fogwatch.serve.rendering import cache_of
from fogwatch.store import Store
from fogwatch.store.watched import MAX_CLAIM, WatchedClaim, check_claim, normalise_claim

router = APIRouter(prefix="/api/v1", tags=["api"], responses=dict(api_router.responses))
WatchedId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The watched claim's id.")]
About = Annotated[str, Query(min_length=1, max_length=MAX_CLAIM,
                             description="The claim, in the analyst's own words.")]


class TrackedDocumentOut(BaseModel):
    document: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    ingested_at: str
    stance: str = Field(description="asserts, denies or reports (relays it without a side).")
    label: str = Field(description="The classifier's FNC-1 label: agree, disagree, discuss.")
    score: float = Field(description="The classifier's probability of that label.")
    passage: str = Field(description="The sentence that decides the stance.")
    passage_start: int
    passage_end: int
    proposition: str | None = Field(None, description="The claim board's proposition the "
                                    "article's own matching claim joins.")
    proposition_statement: str | None = None
    proposition_match: float | None = None
    new: bool = Field(False, description="Ingested since the watched claim was last seen.")


class TrackedOut(BaseModel):
    claim: str
    considered: int = Field(description="Articles the search offered and the classifier read.")
    unrelated: int = Field(description="Of those, how many are unrelated to the claim.")
    candidates: int = Field(description="The bound on the articles considered.")
    counts: dict[str, int]
    total: int = Field(description="Related articles (the documents list shows `limit`).")
    documents: list[TrackedDocumentOut]


class WatchIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_CLAIM, description="The claim to watch.")
    author: str | None = Field(None, max_length=100, description=(
        f"Who watches it (else the {AUTHOR_HEADER} header)."))

    @field_validator("text")
    @classmethod
    def _has_words(cls, value: str) -> str:
        return check_claim(value)  # its ValueError is a 422 naming the field


class WatchedOut(BaseModel):
    id: int
    text: str
    author: str | None = None
    created_at: str
    seen_at: str = Field(description="When it was last seen: later articles are new.")


class WatchedNewsOut(WatchedOut):
    new_documents: int
    new: list[TrackedDocumentOut]


def watched_with_news(store: Store, request: Request) -> list[Any]:
    """Every watched claim with its new articles; kept until a document arrives or
    a watched claim changes (the cache's key holds each claim's last-seen time)."""
    from fogwatch.reconcile.tracking import watched_news

    watched = store.watched_claims()
    key = ("watched-news", tuple((w.id, w.seen_at) for w in watched))
    return cache_of(request).get(store, key, lambda: watched_news(store, watched),
                                 ttl=SLOW_TTL)[0]


@router.get("/claims/track", response_model=TrackedOut)
def track(store: StoreDep, about: About,
          limit: Annotated[int, Query(ge=0, le=1000, description="Documents listed.")] = 100,
          candidates: Annotated[int, Query(ge=1, le=1000, description=(
              "At most this many articles, the best full-text matches, are read."))] = 200,
          ) -> dict[str, Any]:
    """Every related article's stance toward a claim in your own words: asserts,
    denies or reports, with the passage that decides it and the proposition it joins.
    A claim without a word finds nothing."""
    from fogwatch.reconcile.tracking import Tracked, track_claim

    try:
        tracked = track_claim(store, about, candidates=candidates)
    except ValueError:  # no word to search by
        tracked = Tracked(claim=normalise_claim(about), considered=0, unrelated=0,
                          candidates=candidates)
    return tracked.to_dict(limit=limit)


@router.get("/watched", response_model=list[WatchedNewsOut])
def list_watched(request: Request, store: StoreDep) -> list[dict[str, Any]]:
    """The watched claims, each with the articles ingested since it was last seen
    that take a stance on it."""
    return [n.to_dict() for n in watched_with_news(store, request)]


def watch(request: Request, response: Response, store: StoreDep, body: WatchIn,
          _auth: Annotated[None, Depends(_require_token)]) -> WatchedOut:
    """Watch a claim (the same text already watched is answered with 200). Needs the token."""
    author = body.author or request.headers.get(AUTHOR_HEADER)
    made, new = store.watch_claim(body.text, author=author)
    if not new:
        response.status_code = 200
    return _out(made)


def unwatch(store: StoreDep, claim_id: WatchedId,
            _auth: Annotated[None, Depends(_require_token)]) -> WatchedOut:
    """Stop watching a claim. Needs the token."""
    try:
        return _out(store.unwatch_claim(claim_id))
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None


def mark_seen(store: StoreDep, claim_id: WatchedId,
              _auth: Annotated[None, Depends(_require_token)]) -> WatchedOut:
    """The analyst has looked: the articles so far are no longer new. Needs the token."""
    try:
        return _out(store.mark_claim_seen(claim_id))
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None


def _out(w: WatchedClaim) -> WatchedOut:
    return WatchedOut(**w.to_dict())


_WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong bearer token."},
    403: {"description": "Writes are disabled on this server."},
    404: {"description": "No such watched claim."},
}
router.add_api_route("/watched", watch, methods=["POST"], response_model=WatchedOut,
                     status_code=201, route_class_override=TokenFirstRoute,
                     responses={**_WRITE_RESPONSES, 200: {"description": "Already watched."}})
router.add_api_route("/watched/{claim_id}", unwatch, methods=["DELETE"],
                     response_model=WatchedOut, route_class_override=TokenFirstRoute,
                     responses=_WRITE_RESPONSES)
router.add_api_route("/watched/{claim_id}/seen", mark_seen, methods=["POST"],
                     response_model=WatchedOut, route_class_override=TokenFirstRoute,
                     responses=_WRITE_RESPONSES)
