"""An analyst's corrections of the claim board, applied inside reconcile.

The machine places a document's claim units first
(:func:`fogwatch.reconcile.propositions.reconcile_propositions`); then every
correction anchored in that document (:mod:`fogwatch.store.claim_corrections`)
is applied again, oldest first, in the same transaction: a member moved into the
claim its target members are in now, members split off into the split's own
claim, a claim merged into another, a stance set (a source's member moved or
split takes its article's own stance on the same words along). A split also
keeps its members apart from those they were split from: :func:`apart` bars the
machine from placing one with the other. The rows it changes carry
``data["corrected"]``: the corrections, who made the last, and what the machine
had (its claim and statement, its stance), which the claim page shows one click
away. The propositions touched are recomputed from their stances as the machine
recomputes them, so later documents match the corrected claims.

A correction whose member is in a document reconciled without those words is
``orphaned``; one whose member or target is in a document not reconciled yet
(a rebuild replays documents in order) is ``waiting`` until that document comes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Connection

from fogwatch.reconcile.propositions import _refresh_many
from fogwatch.store import claim_corrections as cc
from fogwatch.store import crossdoc
from fogwatch.store.claim_corrections import ClaimCorrection, Member


class Fixes:
    """The corrections not withdrawn, by the documents of their anchors: read once
    for a rebuild instead of once per document."""

    def __init__(self, active: list[ClaimCorrection]) -> None:
        self.by_document: dict[str, list[ClaimCorrection]] = {}
        for c in active:
            for doc_id in c.documents:
                self.by_document.setdefault(doc_id, []).append(c)

    def of(self, doc_id: str) -> list[ClaimCorrection]:
        return self.by_document.get(doc_id, [])


def reapply(conn: Connection, doc_id: str, mine: list[ClaimCorrection] | None = None) -> None:
    """Apply again every correction anchored in ``doc_id``, just reconciled
    (``mine``: those, when the caller has read them)."""
    for c in cc.active_for(conn, doc_id) if mine is None else mine:
        apply_one(conn, c, doc_id)


def apart(conn: Connection, doc_id: str, mine: list[ClaimCorrection] | None = None
          ) -> dict[tuple[int, int], set[str]]:
    """The claims each of ``doc_id``'s source units may not join (by the offsets of
    its words): an analyst split it from the members there, or split those from it.
    Read after the document's own stances are taken out."""
    out: dict[tuple[int, int], set[str]] = {}
    splits = [c for c in (cc.active_for(conn, doc_id) if mine is None else mine)
              if c.action == "split"]
    if not splits:
        return out
    for c in splits:
        moved, rest = c.anchors, c.target or []
        for side, other, barred in ((moved, rest, set()), (rest, moved, {cc.split_id(c.id)})):
            here = [a for a in side if a["document"] == doc_id and a["role"] == "source"]
            if not here:
                continue
            barred |= {m.proposition_id for a in other for m in cc.locate(conn, a)}
            for a in here:
                out.setdefault((a["start"], a["end"]), set()).update(barred)
    return out


def apply_one(conn: Connection, c: ClaimCorrection, current: str | None = None) -> None:
    """Apply one correction to the stored records; record what became of it.
    ``current``: the document being reconciled (counted as reconciled)."""
    if c.action in ("move", "stance"):
        rows = cc.locate(conn, c.anchors[0])
        if not rows:
            cc.record(conn, c, _missing(conn, c.anchors, current), None)
            return
        if c.action == "stance":
            _set_stance(conn, c, rows)
            return
        into = _target(conn, c.target or [])
        if into is None:
            cc.record(conn, c, _missing(conn, c.target or [], current), None)
            return
        _move(conn, c, _with_outlet(conn, rows), into)
        return
    present = [m for a in c.anchors for m in cc.locate(conn, a)]
    if not present:
        cc.record(conn, c, _missing(conn, c.anchors, current), None)
        return
    if c.action == "split":
        into = cc.split_id(c.id)
        if cc.statement_of(conn, into) is None:
            first = present[0]
            crossdoc.insert_propositions(conn, [dict(
                id=into, statement=first.data.get("text") or "",
                negative=crossdoc.proposition_negative(conn, first.proposition_id),
                first_seen=first.data.get("date"), last_seen=first.data.get("date"),
                features={"n": 0}, data={},
            )])
        _move(conn, c, _with_outlet(conn, present), into)
        return
    into = _target(conn, c.target or [])
    if into is None:
        cc.record(conn, c, _missing(conn, c.target or [], current), None)
        return
    merged = sorted({m.proposition_id for m in present} - {into})
    rows = [m for pid in merged for m in cc.members_of(conn, pid)]
    _move(conn, c, rows, into)


def _with_outlet(conn: Connection, rows: list[Member]) -> list[Member]:
    """``rows`` and, for each source's member, its article's own stance where that
    rests on the same words in the same claim: it goes where they go."""
    out = list(rows)
    seen = {m.id for m in rows}
    for m in rows:
        if m.role != "source":
            continue
        words = {**cc.anchor_of(m), "role": "outlet"}
        for o in cc.locate(conn, words):
            if o.proposition_id == m.proposition_id and o.id not in seen:
                seen.add(o.id)
                out.append(o)
    return out


def _missing(conn: Connection, anchors: list[dict[str, Any]], current: str | None) -> str:
    """``orphaned`` when every document of ``anchors`` is reconciled (so the words are
    gone), else ``waiting``."""
    docs = {a["document"] for a in anchors}
    done = cc.reconciled(conn, sorted(docs)) | ({current} if current else set())
    return "orphaned" if docs <= done else "waiting"


def _target(conn: Connection, anchors: list[dict[str, Any]]) -> str | None:
    """The claim a target's members are in now: that of the first one found."""
    for a in anchors:
        found = cc.locate(conn, a)
        if found:
            return found[0].proposition_id
    return None


def _marked(conn: Connection, m: Member, c: ClaimCorrection, machine: dict[str, Any],
            statements: dict[str, str | None]) -> dict[str, Any]:
    data = dict(m.data)
    mark = dict(data.get("corrected") or {})
    ids = list(mark.get("corrections") or [])
    if c.id not in ids:
        ids.append(c.id)
    actions = list(mark.get("actions") or [])
    if c.action not in actions:
        actions.append(c.action)
    kept = dict(mark.get("machine") or {})
    for key, value in machine.items():
        kept.setdefault(key, value)  # what the machine had, before any correction
    if "proposition" in machine and "statement" not in kept:
        pid = machine["proposition"]
        if pid not in statements:
            statements[pid] = cc.statement_of(conn, pid)
        kept["statement"] = statements[pid]
    data["corrected"] = {"corrections": ids, "actions": actions, "author": c.author,
                         "note": c.note, "machine": kept}
    return data


def _move(conn: Connection, c: ClaimCorrection, rows: list[Member], into: str) -> None:
    statements: dict[str, str | None] = {}
    moved = [m for m in rows if m.proposition_id != into]
    crossdoc.rewrite_stances(conn, [
        {"id": m.id, "proposition_id": into, "stance": m.stance,
         "data": _marked(conn, m, c, {"proposition": m.proposition_id}, statements)}
        for m in moved])
    left = {m.proposition_id for m in moved}
    _refresh_many(conn, left | {into})
    cc.repoint(conn, sorted(left), into)
    cc.record(conn, c, "applied", into)


def _set_stance(conn: Connection, c: ClaimCorrection, rows: list[Member]) -> None:
    changed = []
    for m in rows:
        if m.stance == c.value:
            continue
        data = _marked(conn, m, c, {"stance": m.stance}, {})
        data["stance"] = c.value
        changed.append({"id": m.id, "proposition_id": m.proposition_id, "stance": c.value,
                        "data": data})
    crossdoc.rewrite_stances(conn, changed)
    _refresh_many(conn, {m.proposition_id for m in rows})
    cc.record(conn, c, "applied", rows[0].proposition_id)
