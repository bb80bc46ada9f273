"""What every HTML page shares: the Jinja environment and its filters, rendering
with the navigation, the request's store and cache, date checks, display names,
stance strips and the "not found" page.

Templates are Jinja2 with autoescaping on for every template, whatever its name:
titles and bodies come from the open web and are treated as hostile.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import Query, Request
from fastapi.templating import Jinja2Templates

from fogwatch.serve.cache import Cache
from fogwatch.serve.highlight import legend
from fogwatch.serve.links import entity_url, http_url, key_url
from fogwatch.serve.settings import TEMPLATE_DIR
from fogwatch.store import Store, browse
from fogwatch.store.search import SNIPPET_END, SNIPPET_START

MODALITIES = ("happened", "claimed", "denied", "planned", "threatened", "hypothetical", "negated",
              "unknown")
STANCES = ("asserts", "denies", "unverified", "reports")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "FACILITY", "UNIT", "EVENT")
PAGE_SIZE = 25
MAP_SAMPLE = 2000  # the map shows places from this many latest articles
# The least scores a page offers to keep (the map's places; the claims and the
# timeline hide claims that rest only on attributions scored lower).
CONFIDENCES = ("0.3", "0.5", "0.7", "0.9")


def least_confidence(value: str | None) -> str | None:
    """One of :data:`CONFIDENCES` as asked for, else None (everything shown)."""
    return value if value in CONFIDENCES else None

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
    autoescape=True,  # every template, not only *.html
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
templates = Jinja2Templates(env=_env)

Str = Annotated[str | None, Query(max_length=300)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]


# --- template helpers -------------------------------------------------------------------


def _doc_url(doc_id: str, start: Any = None, end: Any = None) -> str:
    url = "/documents/" + quote(doc_id, safe="")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        return f"{url}?mark={start}-{end}#mark"
    return url


def day(value: str | None) -> str:
    return (value or "")[:10] or "undated"


def _clip(text: str | None, n: int = 180) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _num(value: Any) -> str:
    if value is None:
        return "?"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet split into (text, is_match) parts; the template escapes both."""
    pattern = re.escape(SNIPPET_START) + r"(.*?)" + re.escape(SNIPPET_END)
    parts: list[tuple[str, bool]] = []
    last = 0
    for m in re.finditer(pattern, snippet):
        parts.append((snippet[last:m.start()], False))
        parts.append((m.group(1), True))
        last = m.end()
    parts.append((snippet[last:], False))
    return [p for p in parts if p[0]]


def _chrono(stances: list[Any]) -> list[Any]:
    """Stances oldest first; undated ones last."""
    return sorted(stances, key=lambda s: (s.date is None, s.date or ""))


_env.filters.update(
    entity_url=entity_url, http_url=http_url, day=day, clip=_clip, num=_num,
    snippet_parts=_snippet_parts, chrono=_chrono,
)
_env.globals.update(doc_url=_doc_url, entity_url=entity_url, key_url=key_url, legend=legend)


def store_of(request: Request) -> Store:
    return request.app.state.store


def has_reconcile(store: Store) -> bool:
    return hasattr(store, "propositions") and hasattr(store, "merged_events")


def render(request: Request, name: str, nav: str, status_code: int = 200, **context: Any):
    context.setdefault("q", "")
    return templates.TemplateResponse(
        request, name, {"nav": nav, "reconcile": has_reconcile(store_of(request)), **context},
        status_code=status_code,
    )


def check_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def cache_of(request: Request) -> Cache:
    cache = getattr(request.app.state, "cache", None)
    if cache is None:
        cache = request.app.state.cache = Cache()
    return cache


def names_for_propositions(store: Store, props: list[Any]) -> dict[str, str]:
    keys = {k for p in props for k in p.entities}
    keys |= {p.place for p in props if p.place}
    keys |= {s.entity for p in props for s in p.stances if s.entity}
    return browse.entity_names(store, sorted(keys))


def outlets_of(request: Request) -> list[str]:
    store = store_of(request)
    return cache_of(request).get(store, "outlets", lambda: browse.outlets(store))[0]


def stance_strip(prop: Any, max_rows: int = 8) -> dict[str, Any]:
    """Rows of stance dots on a shared date axis: one row per source."""
    dated = []
    for s in prop.stances:
        try:
            dated.append((date.fromisoformat(day(s.date)), s))
        except ValueError:
            continue
    if not dated:
        return {"rows": [], "first": None, "last": None}
    first = min(d for d, _ in dated)
    last = max(d for d, _ in dated)
    span = max(1, (last - first).days)
    rows: dict[str, list[dict[str, Any]]] = {}
    for d, s in sorted(dated, key=lambda x: x[0]):
        rows.setdefault(s.source, []).append(
            {"x": 150 + round(430 * (d - first).days / span), "stance": s.stance,
             "day": d.isoformat(), "outlet": s.outlet or ""}
        )
    return {
        "rows": [{"source": k, "y": 14 + 18 * i, "dots": v} for i, (k, v) in
                 enumerate(list(rows.items())[:max_rows])],
        "height": 18 * min(len(rows), max_rows) + 10, "first": first.isoformat(),
        "last": last.isoformat(),
    }


def not_found(request: Request, nav: str, message: str):
    return render(request, "not_found.html", nav, status_code=404, message=message)
