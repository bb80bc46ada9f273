"""The corrections part of the JSON API: an analyst's reject, confirm or set, and
the findings an analyst adds where the machine found none.

``POST /api/v1/corrections``, ``POST /api/v1/corrections/add`` and ``DELETE /api/v1/corrections/{id}`` need the
bearer token, checked before the body is read (:class:`~fogwatch.serve.api.TokenFirstRoute`);
who makes the change comes from the body's ``author`` or the ``X-Fogwatch-Author``
header (or ``?by=`` to withdraw). The corrected document is folded into the
cross-document records again at once. ``GET /api/v1/corrections`` lists them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from fogwatch.serve.api import (
    NOT_FOUND,
    Limit,
    Offset,
    Page,
    Problem,
    StoreDep,
    TokenFirstRoute,
    _page,
    _require_token,
)
from fogwatch.serve.api import router as api_router
from fogwatch.store import Store

log = logging.getLogger(__name__)

# the same documented answers as the rest of the API (a NUL byte: 400; the store down: 503)
router = APIRouter(prefix="/api/v1", tags=["api"], responses=dict(api_router.responses))
AUTHOR_HEADER = "X-Fogwatch-Author"
# A correction's id: a positive 64-bit integer (what both databases can hold).
CorrectionId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The correction's id.")]
# words by their offsets: {"start": 10, "end": 24} (an attribution's source, content)
SpanValue = Annotated[dict[str, int], Field(max_length=4)]
CorrectionValue = (str | float | SpanValue
                   | list[Annotated[str, Field(max_length=300)] | SpanValue] | None)


class CorrectionIn(BaseModel):
    """An analyst's correction of one finding: reject it, confirm it, or set a field."""

    kind: str = Field(max_length=60, description="The finding kind: events, attributions, ...")
    document: str = Field(max_length=200, description="The document's id.")
    idx: int = Field(ge=0, le=10_000_000, description="The finding's position in its list.")
    action: Literal["reject", "confirm", "set"]
    field: str | None = Field(None, max_length=60, description="For set: the field.")
    value: CorrectionValue = Field(None, description="For set: the new value.")
    author: str | None = Field(None, max_length=100, description=(
        f"Who makes it (else the {AUTHOR_HEADER} header)."))
    note: str | None = Field(None, max_length=2000)


class CorrectionOut(BaseModel):
    id: int
    kind: str
    document: str
    idx: int = Field(description="The finding's position when the correction was made.")
    anchor_start: int
    anchor_end: int
    anchor_text: str = Field(description="The words it is anchored on.")
    action: str
    field: str | None = None
    value: Any = None
    original: Any = Field(None, description="The machine's value a set replaces.")
    author: str
    note: str | None = None
    created_at: str
    state: str = Field(description="applied, orphaned (its words are gone) or withdrawn.")
    applied_idx: int | None = None
    checked_at: str | None = None
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None


def _author(given: str | None, request: Request) -> str:
    author = (given or request.headers.get(AUTHOR_HEADER) or "").strip()
    if not author:
        raise HTTPException(422, f"say who makes the change: author in the body or the "
                                 f"{AUTHOR_HEADER} header")
    return author


def _refold(store: Store, doc_id: str) -> None:
    """Fold the corrected document into the cross-document records again; on
    failure it stays marked not reconciled, and `fogwatch repair` does it."""
    from fogwatch.reconcile import reconcile_document

    try:
        reconcile_document(store, doc_id)
    except Exception as exc:  # the correction is stored either way
        log.warning("reconciling %s after a correction failed: %s", doc_id, exc)


def add_correction(
    request: Request, store: StoreDep, body: CorrectionIn,
    _auth: Annotated[None, Depends(_require_token)],
) -> CorrectionOut:
    """Correct one finding; it stays corrected through re-analysis. Needs the token."""
    author = _author(body.author, request)
    return _written(store, body.document, lambda: store.add_correction(
        body.kind, body.document, body.idx, body.action, author=author, field=body.field,
        value=body.value, note=body.note))


def _written(store: Any, document: str, make: Callable[[], Any]) -> CorrectionOut:
    """Make a correction (404 for what is unknown, 422 for what is wrong), then
    fold its document into the cross-document records again."""
    try:
        made = make()
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    _refold(store, document)
    return CorrectionOut(**made.to_dict())


class AddIn(BaseModel):
    """A finding the machine missed, anchored on the words the analyst selected."""

    kind: str = Field(max_length=60, description=(
        "events, attributions, quantities or times."))
    document: str = Field(max_length=200, description="The document's id.")
    start: int = Field(ge=0, le=100_000_000, description="Offset of the selected words.")
    end: int = Field(ge=0, le=100_000_000, description="End offset (exclusive).")
    text: str | None = Field(None, max_length=300, description=(
        "The selected words; refused unless they are the document's words there."))
    fields: dict[str, Any] = Field(default_factory=dict, description=(
        "events: type (PLOVER), modality, actors, targets, place; attributions: stance, "
        "kind, source_start, source_end, source_text, source_entity, content "
        "(a list of {start, end, text}); quantities: value, upper, unit, counted; times: "
        "type (DATE, the default, TIME, DURATION, SET), value (TimeML: 2025-11-03, "
        "2025-W45, P5D, PRESENT_REF, ...; a DATE's or TIME's must name days or be "
        "PRESENT_REF, PAST_REF or FUTURE_REF), mod (START, MID, END, APPROX, ...)."))
    author: str | None = Field(None, max_length=100, description=(
        f"Who adds it (else the {AUTHOR_HEADER} header)."))
    note: str | None = Field(None, max_length=2000)


def add_finding(
    request: Request, store: StoreDep, body: AddIn,
    _auth: Annotated[None, Depends(_require_token)],
) -> CorrectionOut:
    """Add a finding the machine missed; it is made again on every re-analysis.
    Needs the token."""
    author = _author(body.author, request)
    return _written(store, body.document, lambda: store.add_finding(
        body.kind, body.document, body.start, body.end, author=author, fields=body.fields,
        text=body.text, note=body.note))


def withdraw_correction(
    request: Request, store: StoreDep, correction_id: CorrectionId,
    _auth: Annotated[None, Depends(_require_token)],
    by: Annotated[str | None, Query(max_length=100)] = None,
) -> CorrectionOut:
    """Withdraw a correction (the record stays, marked withdrawn). Needs the token."""
    try:
        done = store.withdraw_correction(correction_id, by=_author(by, request))
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    _refold(store, done.document)
    return CorrectionOut(**done.to_dict())


_WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "Missing or wrong bearer token."},
    403: {"description": "Writes are disabled on this server."},
    404: {"model": Problem, "description": "No such document, finding or correction."},
}
router.add_api_route(
    "/corrections", add_correction, methods=["POST"], response_model=CorrectionOut,
    status_code=201, route_class_override=TokenFirstRoute, responses=_WRITE_RESPONSES,
)
router.add_api_route(
    "/corrections/add", add_finding, methods=["POST"], response_model=CorrectionOut,
    status_code=201, route_class_override=TokenFirstRoute, responses=_WRITE_RESPONSES,
)
router.add_api_route(
    "/corrections/{correction_id}", withdraw_correction, methods=["DELETE"],
    response_model=CorrectionOut, route_class_override=TokenFirstRoute,
    responses=_WRITE_RESPONSES,
)


@router.get("/corrections", response_model=Page[CorrectionOut])
def list_corrections(
    store: StoreDep, document: Annotated[str | None, Query(max_length=200)] = None,
    kind: Annotated[str | None, Query(max_length=60)] = None,
    state: Literal["applied", "orphaned", "withdrawn", "all"] | None = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:
    """Corrections, newest first; by default every one not withdrawn."""
    found, total = store.list_corrections(document=document, kind=kind, state=state,
                                          limit=limit, offset=offset)
    return _page([CorrectionOut(**c.to_dict()) for c in found], total, limit, offset)


@router.get("/corrections/{correction_id}", response_model=CorrectionOut, responses=NOT_FOUND)
def get_correction(store: StoreDep, correction_id: CorrectionId) -> CorrectionOut:
    found = store.get_correction(correction_id)
    if found is None:
        raise HTTPException(404, "no such correction")
    return CorrectionOut(**found.to_dict())
