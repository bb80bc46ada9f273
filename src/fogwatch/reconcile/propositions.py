"""Propositions: claim units from every document clustered into claims about the world.

Each document is reconciled on its own, in one transaction: its old stances
are removed, then each of its claim units joins the best-matching proposition
among a bounded set of candidates (same blocking key, seen within
``WINDOW_DAYS`` of the document) or starts a new one. Candidates come from one
indexed range scan on ``proposition_keys``, so the cost per document does not
grow with the store.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import Analysis, NumberClaim, StanceRecord
from fogwatch.reconcile.units import GENERIC_ENTITIES, ClaimUnit, document_units
from fogwatch.store.schema import proposition_keys, proposition_stances, propositions

WINDOW_DAYS = 45
MAX_CANDIDATES = 200
THRESHOLD = 0.34
WEIGHTS = {"concepts": 3.0, "places": 2.0, "entities": 1.5, "terms": 1.0}
FEATURE_KINDS = tuple(WEIGHTS)
STATEMENT_CHARS = 220


# --- similarity -------------------------------------------------------------------


def _unit_features(unit: ClaimUnit) -> dict[str, list[str]]:
    return {
        "concepts": sorted(unit.concepts), "places": sorted(unit.places),
        "entities": sorted(unit.entities), "terms": sorted(unit.terms),
    }


def _weight(kind: str, item: str) -> float:
    if kind == "entities" and item in GENERIC_ENTITIES:
        return 0.3
    return WEIGHTS[kind]


def _core(features: dict[str, Any]) -> dict[str, set[str]]:
    """The features shared by enough members to speak for the proposition."""
    members = max(1, int(features.get("n", 1)))
    floor = 1 if members <= 2 else max(1, math.ceil(members * 0.25))
    return {
        kind: {k for k, n in features.get(kind, {}).items() if n >= floor}
        for kind in FEATURE_KINDS
    }


def similarity(unit: ClaimUnit, features: dict[str, Any]) -> float:
    """How well a unit fits a proposition (0..1): weighted overlap, cosine-normalised.

    Both sides naming concepts that do not meet means different claims (an
    encirclement is not a casualty toll); so do disjoint places.
    """
    core = _core(features)
    mine = {k: set(v) for k, v in _unit_features(unit).items()}
    if mine["concepts"] and core["concepts"] and not mine["concepts"] & core["concepts"]:
        return 0.0
    shared = total_u = total_p = 0.0
    for kind in FEATURE_KINDS:
        for item in mine[kind]:
            w = _weight(kind, item)
            total_u += w * w
            if item in core[kind]:
                shared += w * w
        for item in core[kind]:
            total_p += _weight(kind, item) ** 2
    if not shared:
        return 0.0
    score = shared / math.sqrt(total_u * total_p)
    if mine["places"] and core["places"] and not mine["places"] & core["places"]:
        score *= 0.3
    return score


# --- the per-document pass --------------------------------------------------------


def _proposition_id(doc_id: str, attribution: int | None, start: int) -> str:
    return "p-" + hashlib.sha1(f"{doc_id}:{attribution}:{start}".encode()).hexdigest()[:12]


def _statement(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    if len(text) <= STATEMENT_CHARS:
        return text
    cut = text[:STATEMENT_CHARS].rsplit(" ", 1)[0]
    return cut + "…"


def _shift(day: str | None, days: int) -> str | None:
    if not day:
        return None
    try:
        return (date.fromisoformat(day) + timedelta(days=days)).isoformat()
    except ValueError:
        return None


def _candidates(conn: Connection, unit: ClaimUnit) -> list[Any]:
    keys = sorted(unit.keys)
    if not keys:
        return []
    stmt = sa.select(proposition_keys.c.proposition_id).where(
        proposition_keys.c["key"].in_(keys)
    )
    low = _shift(unit.date, -WINDOW_DAYS)
    if low:
        stmt = stmt.where(proposition_keys.c.last_seen >= low)
    stmt = stmt.order_by(proposition_keys.c.last_seen.desc()).limit(MAX_CANDIDATES)
    ids = list(dict.fromkeys(conn.execute(stmt).scalars()))
    if not ids:
        return []
    rows = conn.execute(sa.select(propositions).where(propositions.c.id.in_(ids))).mappings()
    return sorted(rows, key=lambda r: r["id"])


def remove_document(conn: Connection, doc_id: str) -> None:
    """Take a document's stances out of its propositions, and refresh or drop those."""
    touched = set(conn.execute(
        sa.select(proposition_stances.c.proposition_id)
        .where(proposition_stances.c.document_id == doc_id)
    ).scalars())
    conn.execute(proposition_stances.delete().where(proposition_stances.c.document_id == doc_id))
    for pid in sorted(touched):
        _refresh(conn, pid)


def reconcile_propositions(conn: Connection, analysis: Analysis) -> list[str]:
    """Assign the document's claim units to propositions; the ids touched."""
    doc = analysis.document
    units = document_units(analysis)
    assigned: dict[int, str] = {}
    negative: dict[str, bool] = {}
    for k, unit in enumerate(units):
        if unit.target is not None and unit.target in assigned:
            assigned[k] = assigned[unit.target]
            continue
        best, best_score = None, 0.0
        for row in _candidates(conn, unit):
            score = similarity(unit, row["features"])
            if score > best_score:
                best, best_score = row, score
        if best is not None and best_score >= THRESHOLD:
            assigned[k] = best["id"]
            negative[best["id"]] = bool(best["negative"])
            _add_features(conn, best["id"], unit)
            continue
        if unit.attribution is None or unit.anaphoric:
            continue  # outlet-voice sentences and bare "the claim" only join claims
        pid = _proposition_id(doc.id, unit.attribution, unit.start)
        # A negated claim that starts a proposition is that proposition's statement.
        is_negative = unit.negative
        conn.execute(propositions.insert().values(
            id=pid, statement=_statement(unit.text), negative=is_negative,
            first_seen=unit.date, last_seen=unit.date,
            features={"n": 0}, data={},
        ))
        negative[pid] = is_negative
        assigned[k] = pid
        _add_features(conn, pid, unit)
    by_prop: dict[str, list[ClaimUnit]] = {}
    for k, pid in assigned.items():
        by_prop.setdefault(pid, []).append(units[k])
    for pid, members in by_prop.items():
        neg = negative.get(pid)
        if neg is None:
            neg = bool(conn.execute(
                sa.select(propositions.c.negative).where(propositions.c.id == pid)
            ).scalar_one())
        _insert_stances(conn, pid, analysis, members, neg)
    for pid in sorted(by_prop):
        _refresh(conn, pid)
    return sorted(by_prop)


def _add_features(conn: Connection, pid: str, unit: ClaimUnit) -> None:
    row = conn.execute(
        sa.select(propositions.c.features).where(propositions.c.id == pid)
    ).scalar_one()
    features = dict(row)
    for kind, items in _unit_features(unit).items():
        counts = Counter(features.get(kind, {}))
        counts.update(items)
        features[kind] = dict(counts)
    features["n"] = int(features.get("n", 0)) + 1
    conn.execute(propositions.update().where(propositions.c.id == pid).values(features=features))


def _stance_of(unit: ClaimUnit, negative: bool) -> str:
    if unit.polarity == "unverified":
        return "unverified"
    stance = unit.polarity
    if unit.target is None and unit.negative != negative:
        stance = "denies" if stance == "asserts" else "asserts"
    return stance


def _outlet_stance(members: list[ClaimUnit], negative: bool) -> tuple[str, ClaimUnit]:
    """How the article itself treats the claim."""
    own = [u for u in members if u.role == "outlet"]
    if own:
        stances = [_stance_of(u, negative) for u in own]
        for pick in ("denies", "unverified", "asserts"):
            if pick in stances:
                return pick, own[stances.index(pick)]
    for u in members:
        if u.reporter == "unconfirmed":
            return "unverified", u
        if u.reporter == "refuted":
            return "denies", u
    stances = {_stance_of(u, negative) for u in members}
    if len(stances) == 1 and not any(u.hedged for u in members):
        only = stances.pop()
        if only in ("asserts", "denies"):
            return only, members[0]
    return "reports", members[0]


def _insert_stances(
    conn: Connection, pid: str, analysis: Analysis, members: list[ClaimUnit], negative: bool
) -> None:
    doc = analysis.document
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(record: StanceRecord, unit: ClaimUnit, counted: bool = True) -> None:
        data = record.to_dict()
        data["counted"] = counted  # its unit's features count toward the proposition
        data["features"] = _unit_features(unit)
        data["numbers"] = [n.to_dict() for n in unit.numbers]
        rows.append({
            "proposition_id": pid, "document_id": doc.id, "idx": len(rows),
            "source": record.source, "entity": record.entity, "outlet": record.outlet,
            "role": record.role, "stance": record.stance, "date": record.date, "data": data,
        })

    for unit in members:
        if unit.role != "source":
            continue
        stance = _stance_of(unit, negative)
        if (unit.source, stance) in seen:
            continue
        seen.add((unit.source, stance))
        add(StanceRecord(
            source=unit.source, stance=stance, document=doc.id, outlet=doc.outlet,
            date=unit.date, text=unit.text, entity=unit.entity, role="source",
            start=unit.start, end=unit.end, attribution=unit.attribution,
        ), unit)
    stance, unit = _outlet_stance(members, negative)
    add(StanceRecord(
        source=doc.outlet or "the outlet", stance=stance, document=doc.id, outlet=doc.outlet,
        date=unit.date, text=unit.text, role="outlet", start=unit.start, end=unit.end,
        attribution=unit.attribution,
    ), unit, counted=unit.role == "outlet")
    conn.execute(proposition_stances.insert(), rows)


def _refresh(conn: Connection, pid: str) -> None:
    """Recompute a proposition's summary from its stances; drop it when none are left."""
    rows = list(conn.execute(
        sa.select(proposition_stances).where(proposition_stances.c.proposition_id == pid)
        .order_by(proposition_stances.c.date, proposition_stances.c.document_id,
                  proposition_stances.c.idx)
    ).mappings())
    if not rows:
        conn.execute(proposition_keys.delete().where(proposition_keys.c.proposition_id == pid))
        conn.execute(propositions.delete().where(propositions.c.id == pid))
        return
    features: dict[str, Any] = {"n": 0}
    numbers: list[dict[str, Any]] = []
    for r in rows:
        data = r["data"]
        if data.get("counted"):
            for kind, items in data.get("features", {}).items():
                counts = Counter(features.get(kind, {}))
                counts.update(items)
                features[kind] = dict(counts)
            features["n"] += 1
            numbers.extend(data.get("numbers", []))
    stances = {r["stance"] for r in rows}
    dates = sorted(d for d in (r["date"] for r in rows) if d)
    sources = {(r["source"], r["role"]) for r in rows if r["role"] == "source"}
    outlets = {r["outlet"] for r in rows}
    places = Counter(features.get("places", {}))
    unique_numbers = _dedupe_numbers(numbers)
    conn.execute(propositions.update().where(propositions.c.id == pid).values(
        first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
        contested="asserts" in stances and "denies" in stances,
        numbers_disagree=numbers_disagree(unique_numbers),
        n_sources=len(sources) + len(outlets), n_documents=len({r["document_id"] for r in rows}),
        place=places.most_common(1)[0][0] if places else None,
        features=features, data={"numbers": unique_numbers},
    ))
    _write_keys(conn, pid, features, dates[-1] if dates else None)


def _write_keys(conn: Connection, pid: str, features: dict[str, Any], last: str | None) -> None:
    keys = {f"c:{c}" for c in features.get("concepts", {})}
    keys |= {f"p:{p}" for p in features.get("places", {})}
    keys |= {f"e:{e}" for e in features.get("entities", {}) if e not in GENERIC_ENTITIES}
    conn.execute(proposition_keys.delete().where(proposition_keys.c.proposition_id == pid))
    if keys:
        conn.execute(proposition_keys.insert(), [
            {"key": k, "proposition_id": pid, "last_seen": last} for k in sorted(keys)
        ])


def _dedupe_numbers(numbers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for n in numbers:
        key = (n.get("document"), n.get("value"), n.get("unit"), n.get("counted"))
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


def numbers_disagree(numbers: list[dict[str, Any]]) -> bool:
    """Two sources give figures for the same unit that differ by half or more."""
    by_unit: dict[str | None, list[tuple[float, str]]] = {}
    for n in numbers:
        value = n.get("value")
        if value is None or value <= 0:
            continue
        by_unit.setdefault(n.get("unit"), []).append((float(value), n.get("source") or ""))
    for values in by_unit.values():
        for a, src_a in values:
            for b, src_b in values:
                if src_a != src_b and b >= 1.5 * a:
                    return True
    return False


def as_number_claims(data: dict[str, Any]) -> list[NumberClaim]:
    return [NumberClaim.from_dict(n) for n in data.get("numbers", [])]
