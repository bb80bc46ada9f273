"""The entity corrections part of the JSON API: rename, merge, split, type.

``POST /api/v1/entity-corrections`` needs the bearer token, checked before the
body is read (:class:`~fogwatch.serve.api.TokenFirstRoute`); who makes the
change comes from the body's ``author`` or the ``X-Fogwatch-Author`` header.
The documents saved again by the correction are folded into the cross-document
records again at once, up to :data:`REFOLD_AT_ONCE` of them (the rest stay
marked not reconciled: ``fogwatch repair`` folds them). ``DELETE
/api/v1/entity-corrections/{id}`` (the token; ``?by=`` or the header says who)
withdraws one: a rename or a type is undone at once, a merge or a split when the
documents it names are analysed again. ``GET`` lists them.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

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
from fogwatch.serve.corrections_api import _WRITE_RESPONSES, _author, _refold

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api/v1", tags=["api"], responses=dict(api_router.responses))
REFOLD_AT_ONCE = 200
CorrectionId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The correction's id.")]


class EntityCorrectionIn(BaseModel):
    """An analyst's correction of one entity."""

    action: Literal["rename", "merge", "split", "type"]
    key: str = Field(max_length=200, description="The entity's key.")
    value: str = Field(max_length=200, description=(
        "rename: the new name; type: PERSON, ORG, GPE, LOC, ...; merge: the key of the "
        "entity that stays; split: the alias to give a key of its own."))
    author: str | None = Field(None, max_length=100, description=(
        "Who makes it (else the X-Fogwatch-Author header)."))
    note: str | None = Field(None, max_length=2000)


class EntityCorrectionOut(BaseModel):
    id: int
    action: str
    key: str = Field(description="The entity corrected.")
    target: str | None = Field(None, description="merge: the key that stays; split: the "
                                                 "alias's new key.")
    value: str | None = Field(None, description="rename: the name; type: the type; "
                                                "split: the alias.")
    original: Any = Field(None, description="What the entity's record said before.")
    author: str
    note: str | None = None
    created_at: str
    state: str = Field(description="applied or withdrawn.")
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None
    documents: int | None = Field(None, description=(
        "When made or withdrawn: how many documents were saved again with it (a "
        "withdrawn merge or split: how many to analyse again)."))
    reanalyze: list[str] | None = Field(None, description=(
        "A withdrawn merge or split: the documents to analyse again (`fogwatch "
        "reanalyze`) for it to be undone in them."))


def _out(c: Any, documents: int | None = None, reanalyze: list[str] | None = None
         ) -> EntityCorrectionOut:
    return EntityCorrectionOut(**c.to_dict(), documents=documents, reanalyze=reanalyze)


def add_entity_correction(
    request: Request, store: StoreDep, body: EntityCorrectionIn,
    _auth: Annotated[None, Depends(_require_token)],
) -> EntityCorrectionOut:
    """Rename, merge, split or retype an entity; it stays corrected through
    re-analysis and new documents. Needs the token."""
    author = _author(body.author, request)
    try:
        made = store.add_entity_correction(body.action, body.key, body.value,
                                           author=author, note=body.note)
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None
    for doc_id in made.documents[:REFOLD_AT_ONCE]:
        _refold(store, doc_id)
    if len(made.documents) > REFOLD_AT_ONCE:
        log.info("entity correction %s: %d documents left for `fogwatch repair` to fold",
                 made.id, len(made.documents) - REFOLD_AT_ONCE)
    return _out(made, len(made.documents))


router.add_api_route(
    "/entity-corrections", add_entity_correction, methods=["POST"],
    response_model=EntityCorrectionOut, status_code=201, route_class_override=TokenFirstRoute,
    responses=_WRITE_RESPONSES,
)


def withdraw_entity_correction(
    request: Request, store: StoreDep, correction_id: CorrectionId,
    _auth: Annotated[None, Depends(_require_token)],
    by: Annotated[str | None, Query(max_length=100)] = None,
) -> EntityCorrectionOut:
    """Withdraw an entity correction (the record stays, marked withdrawn): a rename
    or a type is undone at once; a merge or a split in the documents listed in
    ``reanalyze`` when they are analysed again. Needs the token."""
    try:
        done = store.withdraw_entity_correction(correction_id, by=_author(by, request))
    except LookupError as exc:
        raise HTTPException(404, str(exc.args[0])) from None
    if done.action in ("merge", "split"):
        return _out(done, len(done.documents), done.documents)
    for doc_id in done.documents[:REFOLD_AT_ONCE]:
        _refold(store, doc_id)
    return _out(done, len(done.documents))


router.add_api_route(
    "/entity-corrections/{correction_id}", withdraw_entity_correction, methods=["DELETE"],
    response_model=EntityCorrectionOut, route_class_override=TokenFirstRoute,
    responses=_WRITE_RESPONSES,
)


@router.get("/entity-corrections", response_model=Page[EntityCorrectionOut])
def list_entity_corrections(
    store: StoreDep, key: Annotated[str | None, Query(max_length=200)] = None,
    action: Literal["rename", "merge", "split", "type"] | None = None,
    state: Literal["applied", "withdrawn", "all"] | None = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:
    """Entity corrections, newest first (by default those applied); ``key``: those
    of that entity or made into it."""
    found, total = store.list_entity_corrections(key=key, action=action, state=state,
                                                 limit=limit, offset=offset)
    return _page([_out(c) for c in found], total, limit, offset)


@router.get("/entity-corrections/{correction_id}", response_model=EntityCorrectionOut,
            responses=NOT_FOUND)
def get_entity_correction(store: StoreDep, correction_id: CorrectionId) -> EntityCorrectionOut:
    found = store.get_entity_correction(correction_id)
    if found is None:
        raise HTTPException(404, "no such entity correction")
    return _out(found)
