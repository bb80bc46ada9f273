"""The claim board's corrections in the JSON API: move a member into another
claim, split members off, merge two claims, set a source's stance.

``POST /api/v1/claim-corrections`` and ``DELETE /api/v1/claim-corrections/{id}``
need the bearer token, checked before the body is read
(:class:`~fogwatch.serve.api.TokenFirstRoute`); who makes the change comes from
the body's ``author`` or the ``X-Fogwatch-Author`` header (``?by=`` to withdraw).
A correction is applied at once, in the transaction that stores it
(:func:`fogwatch.reconcile.correct_claim`), and again whenever its documents are
reconciled. ``GET`` lists them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from fogwatch.reconcile import correct_claim, withdraw_claim_correction
from fogwatch.serve.api import (
    NOT_FOUND,
    Limit,
    Offset,
    Page,
    StoreDep,
    TokenFirstRoute,
    _page,
    _require_token,
)
from fogwatch.serve.api import router as api_router
from fogwatch.serve.corrections_api import _WRITE_RESPONSES as WRITE_RESPONSES
from fogwatch.serve.corrections_api import AUTHOR_HEADER, _author

router = APIRouter(prefix="/api/v1", tags=["api"], responses=dict(api_router.responses))
CorrectionId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The correction's id.")]
Member = Annotated[str, Field(max_length=300)]


class ClaimCorrectionIn(BaseModel):
    """An analyst's correction of the claim board."""

    action: Literal["move", "split", "merge", "stance"]
    proposition: str | None = Field(None, max_length=100, description=(
        "The claim corrected: split and merge need it; move and stance may name it."))
    members: list[Member] = Field(default_factory=list, max_length=200, description=(
        "The members (a source's or the outlet's stance in one document) as "
        "DOCUMENT:ROLE:START:END, ROLE source or outlet: move and stance take one, "
        "split those to take out."))
    into: str | None = Field(None, max_length=100, description=(
        "move, merge: the claim they go into."))
    stance: Literal["asserts", "denies", "unverified", "reports"] | None = Field(
        None, description="stance: the stance the member takes.")
    author: str | None = Field(None, max_length=100, description=(
        f"Who makes it (else the {AUTHOR_HEADER} header)."))
    note: str | None = Field(None, max_length=2000)


class ClaimCorrectionOut(BaseModel):
    id: int
    action: str
    anchors: list[dict[str, Any]] = Field(description=(
        "The members it moves or sets (merge: members of the claim merged away), each "
        "named by its document, role, offsets and words."))
    target: list[dict[str, Any]] | None = Field(None, description=(
        "move, merge: members of the claim they go into (found again by these)."))
    value: str | None = Field(None, description="stance: the stance set.")
    documents: list[str] = Field(description="The documents its members are in.")
    original: Any = Field(None, description=(
        "What it replaced: the claim (id, statement) and, for stance, the stance."))
    proposition_id: str | None = Field(None, description="The claim it applies to now.")
    author: str
    note: str | None = None
    created_at: str
    state: str = Field(description="applied, waiting (a document not reconciled yet), "
                                   "orphaned (its words are gone) or withdrawn.")
    checked_at: str | None = None
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None


def add_claim_correction(
    request: Request, store: StoreDep, body: ClaimCorrectionIn,
    _auth: Annotated[None, Depends(_require_token)],
) -> ClaimCorrectionOut:
    """Correct the claim board; it stays corrected through re-analysis and
    ``reconcile --all``. Needs the token."""
    author = _author(body.author, request)
    try:
        made = correct_claim(store, body.action, author=author, proposition=body.proposition,
                             members=body.members, into=body.into, stance=body.stance,
                             note=body.note)
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    return ClaimCorrectionOut(**made.to_dict())


def withdraw(
    request: Request, store: StoreDep, correction_id: CorrectionId,
    _auth: Annotated[None, Depends(_require_token)],
    by: Annotated[str | None, Query(max_length=100)] = None,
) -> ClaimCorrectionOut:
    """Withdraw a claim correction (the record stays, marked withdrawn); its
    documents are folded again as the machine places them. Needs the token."""
    try:
        done = withdraw_claim_correction(store, correction_id, by=_author(by, request))
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    return ClaimCorrectionOut(**done.to_dict())


router.add_api_route(
    "/claim-corrections", add_claim_correction, methods=["POST"],
    response_model=ClaimCorrectionOut, status_code=201, route_class_override=TokenFirstRoute,
    responses=WRITE_RESPONSES,
)
router.add_api_route(
    "/claim-corrections/{correction_id}", withdraw, methods=["DELETE"],
    response_model=ClaimCorrectionOut, route_class_override=TokenFirstRoute,
    responses=WRITE_RESPONSES,
)


@router.get("/claim-corrections", response_model=Page[ClaimCorrectionOut])
def list_claim_corrections(
    store: StoreDep, proposition: Annotated[str | None, Query(max_length=100)] = None,
    action: Literal["move", "split", "merge", "stance"] | None = None,
    state: Literal["applied", "waiting", "orphaned", "withdrawn", "all"] | None = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:
    """Claim corrections, newest first; by default every one not withdrawn;
    ``proposition``: those in force on that claim."""
    found, total = store.list_claim_corrections(proposition=proposition, action=action,
                                                state=state, limit=limit, offset=offset)
    return _page([ClaimCorrectionOut(**c.to_dict()) for c in found], total, limit, offset)


@router.get("/claim-corrections/{correction_id}", response_model=ClaimCorrectionOut,
            responses=NOT_FOUND)
def get_claim_correction(store: StoreDep, correction_id: CorrectionId) -> ClaimCorrectionOut:
    found = store.get_claim_correction(correction_id)
    if found is None:
        raise HTTPException(404, "no such claim correction")
    return ClaimCorrectionOut(**found.to_dict())
