"""The JSON API under ``/api/v1``: read every finding kind page by page, and ingest.

Lists answer ``{"items": [...], "total": n, "limit": l, "offset": o}``. Writes
need ``Authorization: Bearer <token>`` matching ``$FOGWATCH_API_TOKEN``; with
the variable unset, every write is refused. The token is checked before a byte
of the body is read, and no malformed body gets a 5xx: a value the ingest cannot
use is a 422 naming the field.
"""

from __future__ import annotations

import hmac
import inspect
import os
from collections.abc import Callable, Coroutine
from typing import Annotated, Any, Generic, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field, field_validator, model_validator

from fogwatch.findings import (
    ENTITY_TYPES,
    PLOVER_CATEGORIES,
    MergedEvent,
    Proposition,
)
from fogwatch.ingest.dates import normalise_date
from fogwatch.kinds import registry
from fogwatch.kinds.spec import CONFIDENCE_PATTERN, Filter, FindingKind
from fogwatch.serve.cache import SLOW_TTL, with_outlets
from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store, browse


class Problem(BaseModel):
    detail: str


router = APIRouter(
    prefix="/api/v1", tags=["api"],
    responses={
        400: {"description": "A NUL byte in the address.", "content": {"text/plain": {}}},
        503: {"model": Problem, "description": "The store could not answer."},
    },
)
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "Not found."}}

T = TypeVar("T")

Limit = Annotated[int, Query(ge=0, le=browse.MAX_LIMIT, description="Page size.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
IsoDate = Annotated[
    str | None,
    Query(pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date, YYYY-MM-DD (inclusive)."),
]
Text = Annotated[str | None, Query(max_length=300)]
MinConfidence = Annotated[str | None, Query(
    pattern=CONFIDENCE_PATTERN,
    description="only claims with a stance that rests on an attribution whose confidence is "
                "at least this (0-1), or on one without a score")]
ModalityQ = Literal[
    "happened", "claimed", "denied", "planned", "threatened", "hypothetical", "negated",
    "unknown",
]
CategoryQ = Literal[PLOVER_CATEGORIES]  # type: ignore[valid-type]
EntityTypeQ = Literal[ENTITY_TYPES]  # type: ignore[valid-type]


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int


class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    section: str = "body"
    url: str | None = None


class DocumentOut(DocumentRef):
    author: str | None = None
    date_source: str | None = None
    language: str = "en"
    parent_id: str | None = None
    text: str | None = None
    comments: list[str] = Field(default_factory=list, description="Ids of reader comments.")
    sentences: list[tuple[int, int]] | None = Field(
        None, description="(start, end) characters of each sentence of the text as the "
        "analysis split it: a finding's `sentence` is an index into this list. Null "
        "before analysis, and for documents analysed before sentences were kept.")


class EntityOut(BaseModel):
    key: str
    name: str
    type: str
    aliases: list[str]
    mentions: int
    documents: int
    outlets: dict[str, int]
    description: str | None = None
    country: str | None = None


class FindingOut(BaseModel, Generic[T]):
    document: DocumentRef
    idx: int = Field(description="Position of the finding in its document's analysis.")
    record: T


class SearchOut(BaseModel):
    documents: list[dict[str, Any]]
    propositions: list[Proposition]


class IngestIn(BaseModel):
    """An article to ingest: exactly one of ``text``, ``html`` or ``url``."""

    text: str | None = Field(None, max_length=5_000_000)
    html: str | None = Field(None, max_length=5_000_000)
    url: str | None = Field(None, max_length=2000)
    title: str | None = Field(None, max_length=2000)
    outlet: str | None = Field(None, max_length=300)
    author: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=40)
    comments: list[str] = Field(default_factory=list, max_length=1000)

    @field_validator("published")
    @classmethod
    def _readable_date(cls, value: str | None) -> str | None:
        # A date the ingest cannot read would be dropped for one guessed from the
        # text; the client is told instead. Some malformed dates make the date
        # parser itself fail ("+9999" as a time zone): the same answer.
        if value is None or not value.strip():
            return None
        try:
            readable = normalise_date(value) is not None
        except (ValueError, TypeError, OverflowError):
            readable = False
        if not readable:
            raise ValueError("not a calendar date fogwatch can read (use YYYY-MM-DD)")
        return value

    @model_validator(mode="after")
    def _one_input(self) -> IngestIn:
        given = [k for k in ("text", "html", "url") if (getattr(self, k) or "").strip()]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValueError("url must be http:// or https://")
        return self


class IngestOut(BaseModel):
    stored: list[str] = Field(description="Ids of the documents stored (article, then comments).")
    duplicates: int
    analyzed: int
    errors: list[str]


def _store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(_store)]


def _ref(ref: browse.DocumentRef) -> DocumentRef:
    return DocumentRef(
        id=ref.id, title=ref.title, outlet=ref.outlet, published=ref.published,
        section=ref.section, url=ref.url,
    )


def _page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def _require_token(request: Request) -> None:
    expected = os.environ.get(TOKEN_ENV, "")
    if not expected:
        raise HTTPException(403, f"writes are disabled: {TOKEN_ENV} is not set on the server")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), expected.encode("utf-8")
    ):
        raise HTTPException(
            401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"}
        )


# --- the store as a whole -------------------------------------------------------------


class StatsOut(BaseModel):
    documents: int = Field(description="Articles (reader comments apart).")
    comments: int = Field(description="Reader comments.")
    entities: int
    propositions: int = Field(description="Claims reconciled across documents.")
    merged_events: int = Field(description="Events merged across documents.")
    documents_not_analysed: int = Field(
        description="Stored but not analysed: work a stopped run left (`fogwatch repair`).")
    documents_not_reconciled: int = Field(
        description="Analysed but not folded into claims and events (`fogwatch repair`).")
    documents_undated: int = Field(
        description="Articles with no publication date: their events are not on the timeline.")


@router.get("/stats", response_model=StatsOut)
def stats(store: StoreDep) -> dict[str, int]:
    """What the store holds, and the work left over by a stopped run."""
    return browse.overview_counts(store)


# --- documents ----------------------------------------------------------------------


@router.get("/documents", response_model=Page[DocumentRef])
def list_documents(
    store: StoreDep, since: IsoDate = None, until: IsoDate = None, outlet: Text = None,
    section: Literal["body", "comment", "all"] = "body", limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:
    """Documents, newest published first."""
    sec = None if section == "all" else section
    docs = browse.latest_documents(
        store, since=since, until=until, outlet=outlet, section=sec, limit=limit, offset=offset
    )
    total = store.count_documents(since=since, until=until, outlet=outlet, section=sec)
    items = [
        DocumentRef(id=d.id, title=d.title, outlet=d.outlet, published=d.published,
                    section=d.section, url=d.url)
        for d in docs
    ]
    return _page(items, total, limit, offset)


@router.get("/documents/{doc_id}", response_model=DocumentOut, responses=NOT_FOUND)
def get_document(store: StoreDep, doc_id: str) -> DocumentOut:
    """One document with its text and the ids of its reader comments."""
    doc = store.get_document(doc_id)
    if doc is None:
        raise HTTPException(404, "no such document")
    comments = [c.id for c in browse.comments_of(store, doc.id)]
    return DocumentOut(
        id=doc.id, title=doc.title, outlet=doc.outlet, published=doc.published,
        section=doc.section, url=doc.url, author=doc.author, date_source=doc.date_source,
        language=doc.language, parent_id=doc.parent_id, text=doc.text, comments=comments,
        sentences=doc.sentences,
    )


@router.get("/documents/{doc_id}/analysis", responses=NOT_FOUND)
def get_analysis(store: StoreDep, doc_id: str) -> dict[str, Any]:
    """Everything found in one document (the shape of ``fogwatch analyze --json``)."""
    analysis = store.get_analysis(doc_id)
    if analysis is None:
        raise HTTPException(404, "no such document, or it was never analysed")
    return analysis.to_dict()


class TokenFirstRoute(APIRoute):
    """A route that checks the bearer token before it reads the request body.

    FastAPI reads and parses the body before it runs any dependency, so a token
    dependency alone lets anyone without a token make the server take in a body
    up to the size limit; here the check comes first.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def token_first(request: Request) -> Response:
            _require_token(request)
            return await handler(request)

        return token_first


def ingest_document(
    request: Request, response: Response, body: IngestIn,
    _auth: Annotated[None, Depends(_require_token)],
) -> IngestOut:
    """Ingest one article (text, HTML or a URL) and analyse it. Needs the bearer token.

    URLs go through the same guard as the command line: private and loopback
    addresses are refused unless the server was started with ``--allow-private``.
    """
    from fogwatch.serve.ingest import ingest

    settings = request.app.state.settings
    result = ingest(request.app.state.store, body.model_dump(), settings)
    if not result.stored and result.errors and not result.duplicates:
        raise HTTPException(422, "; ".join(result.errors))
    if not result.stored:
        response.status_code = 200
    return IngestOut(
        stored=result.stored, duplicates=result.duplicates, analyzed=result.analyzed,
        errors=result.errors,
    )


# The token is checked twice: by the route before the body is read, and by the
# dependency, which keeps the endpoint guarded should it ever lose its route class.
router.add_api_route(
    "/documents", ingest_document, methods=["POST"], response_model=IngestOut,
    status_code=201, route_class_override=TokenFirstRoute,
    responses={200: {"description": "Already stored: nothing new."},
               401: {"description": "Missing or wrong bearer token."},
               403: {"description": "Writes are disabled on this server."},
               413: {"model": Problem, "description": "The body is over the size limit."}},
)


# --- entities -----------------------------------------------------------------------


@router.get("/entities", response_model=Page[EntityOut])
def list_entities(
    request: Request, store: StoreDep, type: EntityTypeQ | None = None, q: Text = None,
    limit: Limit = 50, offset: Offset = 0,
) -> dict[str, Any]:
    """Entities, most mentioned first; ``q`` matches names, keys and aliases."""
    rows = with_outlets(request.app.state.cache, store, browse.entity_list(
        store, type=type, query=q, limit=limit, offset=offset, outlets=False))
    items = [_entity(r) for r in rows]
    return _page(items, browse.count_entities(store, type=type, query=q), limit, offset)


@router.get("/entities/{key:path}", response_model=EntityOut, responses={
    **NOT_FOUND, 307: {"description": "The entity was merged into another: its address."}})
def get_entity(store: StoreDep, key: str) -> Any:
    found = browse.entity_stats_of(store, key)
    if found is None:
        survivor = store.entity_redirect(key)  # merged away by an analyst
        if survivor is not None:
            return RedirectResponse(f"/api/v1/entities/{quote(survivor, safe=':/')}", 307)
        raise HTTPException(404, "no such entity")
    return _entity(found)


def _entity(r: Any) -> EntityOut:
    return EntityOut(
        key=r.key, name=r.name, type=r.type, aliases=r.aliases, mentions=r.mentions,
        documents=r.documents, outlets=r.outlets, description=r.description, country=r.country,
    )


# --- per-document findings ------------------------------------------------------------


def _findings(
    request: Request, kind: str, model: type, filters: dict[str, Any], limit: int, offset: int
) -> dict[str, Any]:
    store = _store(request)
    rows = browse.findings_page(store, kind, filters, limit=limit, offset=offset)
    # The total visits every matching row (a second or more over millions of
    # findings): counted once per SLOW_TTL and after each write, not per page.
    total, _ = request.app.state.cache.get(
        store, ("findings", kind, *sorted(filters.items())),
        lambda: browse.count_findings(store, kind, filters), ttl=SLOW_TTL)
    items = [
        {"document": _ref(r.document), "idx": r.idx, "record": model.from_dict(r.data)}
        for r in rows
    ]
    return _page(items, total, limit, offset)


def _filter_param(f: Filter) -> inspect.Parameter:
    """The query parameter of one of a kind's filters, validated as it declares."""
    annotation: Any
    if f.choices:
        annotation = Annotated[Literal[f.choices] | None, Query(description=f.doc)]  # type: ignore[valid-type]
    elif f.pattern:
        annotation = Annotated[str | None, Query(pattern=f.pattern, description=f.doc)]
    else:
        annotation = Annotated[str | None, Query(max_length=300, description=f.doc)]
    return inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=None,
                             annotation=annotation)


def kind_endpoint(kind: FindingKind) -> Callable[..., dict[str, Any]]:
    """``GET /api/v1/<kind>``: one page of a kind's findings, with one query
    parameter per filter the kind declares."""
    names = ["document", *(f.name for f in kind.filters)]

    def endpoint(**params: Any) -> dict[str, Any]:
        request, limit, offset = params["request"], params["limit"], params["offset"]
        values = {n: params[n] for n in names if params.get(n) is not None}
        return _findings(request, kind.name, kind.record, values, limit, offset)

    keyword = inspect.Parameter.KEYWORD_ONLY
    endpoint.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        inspect.Parameter("request", keyword, annotation=Request),
        inspect.Parameter("document", keyword, default=None, annotation=Annotated[
            str | None, Query(max_length=300, description="only findings of this document")
        ]),
        *(_filter_param(f) for f in kind.filters),
        inspect.Parameter("limit", keyword, default=50, annotation=Limit),
        inspect.Parameter("offset", keyword, default=0, annotation=Offset),
    ])
    endpoint.__name__ = f"list_{kind.name}"
    endpoint.__doc__ = kind.doc or f"{kind.label.capitalize()} findings, per document."
    return endpoint


def kinds_router() -> APIRouter:
    """A route per registered finding kind (:mod:`fogwatch.kinds`), built when the
    app is: a kind registered by a plug-in is served like fogwatch's own."""
    kinds = APIRouter(prefix="/api/v1", tags=["api"], responses=router.responses)
    for kind in registry.kinds():
        kinds.add_api_route(
            f"/{kind.name}", kind_endpoint(kind), methods=["GET"],
            response_model=Page[FindingOut[kind.record]],  # type: ignore[name-defined]
        )
    return kinds


# --- cross-document records -----------------------------------------------------------


def _offsets_checked(ev: MergedEvent) -> MergedEvent:
    """A report's ``start``/``end`` are character offsets; anything else is dropped
    rather than served against the schema."""
    for r in ev.reports:
        if not isinstance(r.start, int) or not isinstance(r.end, int):
            r.start = r.end = None
    return ev


@router.get(
    "/propositions", response_model=Page[Proposition],
)
def list_propositions(
    request: Request, store: StoreDep, entity: Text = None, contested: bool | None = None, q: Text = None,
    since: IsoDate = None, until: IsoDate = None, limit: Limit = 50, offset: Offset = 0,
    min_confidence: MinConfidence = None,
) -> dict[str, Any]:
    """Claims about the world with each source's stance over time."""
    kw = {"entity": entity, "contested": contested, "query": q, "since": since, "until": until}
    if min_confidence is not None:  # the claim board's selection, in the same order
        items, total = browse.claim_page(store, **kw, min_confidence=float(min_confidence),
                                         limit=limit, offset=offset)
        return _page(items, total, limit, offset)
    items = store.propositions(**kw, limit=limit, offset=offset)
    total, _ = request.app.state.cache.get(store, ("claims", *kw.items()),
                                           lambda: store.count_propositions(**kw))
    return _page(items, total, limit, offset)


@router.get(
    "/propositions/{prop_id}", response_model=Proposition,
    responses=NOT_FOUND,
)
def get_proposition(store: StoreDep, prop_id: str) -> Proposition:
    found = store.get_proposition(prop_id)
    if found is None:
        raise HTTPException(404, "no such proposition")
    return found


@router.get(
    "/merged-events", response_model=Page[MergedEvent],
)
def list_merged_events(
    store: StoreDep, entity: Text = None, place: Text = None, type: CategoryQ | None = None,
    modality: ModalityQ | None = None, outlet: Text = None,
    since: IsoDate = None, until: IsoDate = None, limit: Limit = 100, offset: Offset = 0,
) -> dict[str, Any]:
    """Real-world events merged across documents, by start date, every report kept."""
    kw = {"entity": entity, "place": place, "type": type, "modality": modality,
          "outlet": outlet, "since": since, "until": until}
    items = [_offsets_checked(ev) for ev in store.merged_events(**kw, limit=limit, offset=offset)]
    return _page(items, store.count_merged_events(**kw), limit, offset)


@router.get(
    "/merged-events/{event_id}", response_model=MergedEvent,
    responses=NOT_FOUND,
)
def get_merged_event(store: StoreDep, event_id: str) -> MergedEvent:
    found = store.get_merged_event(event_id)
    if found is None:
        raise HTTPException(404, "no such event")
    return _offsets_checked(found)


@router.get("/search", response_model=SearchOut)
def search(
    store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=300)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchOut:
    """Full-text search over documents, and over claims when they are available."""
    hits = store.search(q, limit=limit)
    docs = [
        {"id": d.id, "title": d.title, "outlet": d.outlet, "published": d.published,
         "section": d.section, "snippet": snippet}
        for d, snippet in hits
    ]
    props = store.propositions(query=q, limit=limit)
    return SearchOut(documents=docs, propositions=props)
