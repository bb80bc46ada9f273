"""An analyst's corrections of the claim board: records that stay above the
machine's clustering.

A proposition's members are its stance rows: one source's (or the outlet's own)
stance on it in one document. An analyst can

- ``move`` a member into another proposition;
- ``split`` members off into a proposition of their own;
- ``merge`` a proposition into another;
- set a member's ``stance`` (asserts, denies, unverified, reports).

Each correction is a record of its own (``claim_corrections``: who, when, what
it replaced, a note). Proposition ids are hashes of the document and words that
started them, and a rebuild may start a claim elsewhere, so a correction never
names a proposition by its id: it names members by an *anchor* that outlives
re-analysis and ``reconcile --all`` (the document, the role, and the offsets and
text of the words that carry the stance), and a target proposition by a few of
its members' anchors. ``proposition_id`` is only where it applies now.

Corrections are applied by :mod:`fogwatch.reconcile.claimfix` inside the
reconcile transaction, after the machine has placed a document's claims: every
time a document that holds one of a correction's anchors is reconciled (a new
document, ``reanalyze``, ``reconcile --all``) it is applied again. What became of
it is stored here: ``applied``; ``waiting`` (a member or target is in a
document not reconciled yet); ``orphaned`` (the words are gone from the
documents: reported and listed, never dropped); ``withdrawn``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from hashlib import sha1
from typing import TYPE_CHECKING, Any, NamedTuple, get_args

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import SourceStance
from fogwatch.store.corrections import MAX_AUTHOR, check_who
from fogwatch.store.records import iso_utc, now
from fogwatch.store.schema import claim_corrections, documents, proposition_stances, propositions

log = logging.getLogger(__name__)

ACTIONS: tuple[str, ...] = ("move", "split", "merge", "stance")
STATES: tuple[str, ...] = ("applied", "waiting", "orphaned", "withdrawn")
STANCES: tuple[str, ...] = get_args(SourceStance)
ROLES = ("source", "outlet")
TARGET_ANCHORS = 5  # members of a target proposition kept to find it again
MAX_MEMBERS = 200


@dataclass(slots=True)
class ClaimCorrection:
    """One stored correction of the claim board (see the module's docstring)."""

    id: int
    action: str  # move, split, merge, stance
    anchors: list[dict[str, Any]]  # the members it moves or sets; merge: the claim merged
    # move, merge: members of the claim they go into; split: of the claim they leave
    target: list[dict[str, Any]] | None
    value: str | None  # stance: the stance set
    documents: list[str]
    original: Any  # what it replaced: the proposition (id, statement), the stance
    proposition_id: str | None  # where it applies now
    author: str
    note: str | None
    created_at: str
    state: str
    checked_at: str | None = None
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]

    def describe(self) -> str:
        """A short line for people: "stance set to 'denies' (was 'asserts')"."""
        was = self.original or {}
        if self.action == "stance":
            return f"stance set to {self.value!r} (was {was.get('stance')!r})"
        if self.action == "move":
            return f"moved out of “{was.get('statement') or was.get('proposition')}”"
        if self.action == "split":
            n = len(self.anchors)
            return (f"{n} member{'' if n == 1 else 's'} split off from "
                    f"“{was.get('statement') or was.get('proposition')}”")
        return f"“{was.get('statement') or was.get('proposition')}” merged into this claim"


def _correction(row: Any) -> ClaimCorrection:
    return ClaimCorrection(
        id=row.id, action=row.action, anchors=list(row.anchors or []),
        target=list(row.target) if row.target is not None else None, value=row.value,
        documents=list(row.documents or []), original=row.original,
        proposition_id=row.proposition_id, author=row.author, note=row.note,
        created_at=iso_utc(row.created_at) or "", state=row.state,
        checked_at=iso_utc(row.checked_at), withdrawn_at=iso_utc(row.withdrawn_at),
        withdrawn_by=row.withdrawn_by,
    )


# --- members and their anchors -----------------------------------------------------


class Member(NamedTuple):
    """A stance row as corrections read it."""

    id: int
    proposition_id: str
    document_id: str
    role: str
    stance: str
    data: dict[str, Any]


def member_ref(document: str, role: str, start: Any, end: Any) -> str:
    """How the API, the command line and the pages name a member:
    ``DOCUMENT:ROLE:START:END``."""
    return f"{document}:{role}:{start}:{end}"


def parse_ref(ref: str) -> tuple[str, str, int, int]:
    parts = (ref or "").strip().rsplit(":", 3)
    if len(parts) != 4 or parts[1] not in ROLES:
        raise ValueError(f"a member is DOCUMENT:ROLE:START:END (ROLE: source or outlet), "
                         f"not {ref!r}")
    try:
        return parts[0], parts[1], int(parts[2]), int(parts[3])
    except ValueError:
        raise ValueError(f"a member's START and END are offsets, not {ref!r}") from None


def anchor_of(m: Member) -> dict[str, Any]:
    d = m.data
    return {"document": m.document_id, "role": m.role, "start": d.get("start"),
            "end": d.get("end"), "text": d.get("text"), "source": d.get("source")}


def _member(row: Any) -> Member:
    return Member(row.id, row.proposition_id, row.document_id, row.role, row.stance,
                  dict(row.data))


_COLUMNS = (proposition_stances.c.id, proposition_stances.c.proposition_id,
            proposition_stances.c.document_id, proposition_stances.c.role,
            proposition_stances.c.stance, proposition_stances.c.data)


def locate(conn: Connection, anchor: dict[str, Any]) -> list[Member]:
    """The stance rows an anchor names now (its document's rows of its role whose
    words are the anchor's), in proposition order."""
    rows = conn.execute(
        sa.select(*_COLUMNS).where(proposition_stances.c.document_id == anchor["document"],
                                   proposition_stances.c.role == anchor["role"])
        .order_by(proposition_stances.c.proposition_id, proposition_stances.c.idx))
    return [m for m in map(_member, rows)
            if m.data.get("start") == anchor.get("start") and m.data.get("end") == anchor.get("end")
            and m.data.get("text") == anchor.get("text")]


def members_of(conn: Connection, pid: str) -> list[Member]:
    """A proposition's stance rows, oldest first."""
    c = proposition_stances.c
    return [_member(r) for r in conn.execute(
        sa.select(*_COLUMNS).where(c.proposition_id == pid)
        .order_by(c.date, c.document_id, c.idx))]


def statement_of(conn: Connection, pid: str) -> str | None:
    return conn.execute(sa.select(propositions.c.statement)
                        .where(propositions.c.id == pid)).scalar()


def reconciled(conn: Connection, doc_ids: list[str]) -> set[str]:
    """Which of ``doc_ids`` are folded into the cross-document records."""
    if not doc_ids:
        return set()
    return set(conn.execute(sa.select(documents.c.id).where(
        documents.c.id.in_(sorted(set(doc_ids))), documents.c.reconciled_at.is_not(None)
    )).scalars())


def _find(conn: Connection, ref: str, pid: str | None) -> Member:
    doc, role, start, end = parse_ref(ref)
    c = proposition_stances.c
    where = [c.document_id == doc, c.role == role]
    if pid:
        where.append(c.proposition_id == pid)
    for row in conn.execute(sa.select(*_COLUMNS).where(*where).order_by(c.proposition_id)):
        m = _member(row)
        if m.data.get("start") == start and m.data.get("end") == end:
            return m
    where_said = f" of claim {pid}" if pid else ""
    raise LookupError(f"no member {ref}{where_said}")


def _target_anchors(conn: Connection, pid: str, leaving: set[int]) -> list[dict[str, Any]]:
    """Anchors of up to :data:`TARGET_ANCHORS` members of ``pid`` that stay in it:
    the machine's own first (a member moved in by hand may be moved out again)."""
    kept = [m for m in members_of(conn, pid) if m.id not in leaving]
    kept.sort(key=lambda m: (bool(m.data.get("corrected")), m.role != "source"))
    return [anchor_of(m) for m in kept[:TARGET_ANCHORS]]


# --- what reconcile records ----------------------------------------------------------


def active_for(conn: Connection, doc_id: str | None = None) -> list[ClaimCorrection]:
    """Corrections not withdrawn (of one document's anchors, when given), oldest first."""
    rows = conn.execute(sa.select(claim_corrections)
                        .where(claim_corrections.c.state != "withdrawn")
                        .order_by(claim_corrections.c.id))
    found = [_correction(r) for r in rows]
    return [c for c in found if doc_id is None or doc_id in c.documents]


def record(conn: Connection, c: ClaimCorrection, state: str, pid: str | None) -> None:
    """Store what became of a correction when it was applied again."""
    if state == "orphaned" and c.state != "orphaned":
        log.warning("claim correction %s (%s) is orphaned: the words it is anchored on are "
                    "no longer a member of any claim", c.id, c.action)
    conn.execute(claim_corrections.update().where(claim_corrections.c.id == c.id)
                 .values(state=state, proposition_id=pid, checked_at=now()))
    c.state, c.proposition_id = state, pid


def repoint(conn: Connection, left: list[str], into: str) -> None:
    """Corrections applied in claims of ``left`` that a later correction emptied
    into ``into`` (a split claim merged into another) now apply there:
    ``proposition_id`` never names a claim that no longer exists."""
    if left:
        gone = claim_corrections.c.proposition_id.in_(left) & \
            claim_corrections.c.proposition_id.not_in(sa.select(propositions.c.id))
        conn.execute(claim_corrections.update().where(gone).values(proposition_id=into))


def mark_all_waiting(conn: Connection) -> None:
    """A rebuild starts: every correction waits for its documents again."""
    conn.execute(claim_corrections.update()
                 .where(claim_corrections.c.state != "withdrawn").values(state="waiting"))


def orphan_waiting(conn: Connection) -> list[ClaimCorrection]:
    """After a rebuild: a correction still waiting found none of its words in any
    document reconciled; it is orphaned (and returned)."""
    left = [c for c in active_for(conn) if c.state == "waiting"]
    for c in left:
        record(conn, c, "orphaned", None)
    return left


# --- checking and making a correction ----------------------------------------------


def _prepare(conn: Connection, action: str, proposition: str | None, members: list[str],
             into: str | None, stance: str | None
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]] | None, Any, str]:
    """The anchors, target anchors and original of a new correction, and the
    proposition it applies to first; ValueError / LookupError saying what is wrong."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; choose from {', '.join(ACTIONS)}")
    if proposition and statement_of(conn, proposition) is None:
        raise LookupError(f"no claim {proposition}")
    if into and statement_of(conn, into) is None:
        raise LookupError(f"no claim {into} to move into")
    if action in ("move", "merge") and not into:
        raise ValueError(f"{action} needs the claim to go into")
    if action == "merge":
        if not proposition:
            raise ValueError("merge needs the claim to merge")
        if proposition == into:
            raise ValueError("a claim cannot be merged into itself")
        whole = members_of(conn, proposition)
        original = {"proposition": proposition, "statement": statement_of(conn, proposition)}
        return ([anchor_of(m) for m in _target_order(whole)[:TARGET_ANCHORS]],
                _target_anchors(conn, into, set()), original, into)  # type: ignore[arg-type]
    if not members:
        raise ValueError(f"{action} needs the member (DOCUMENT:ROLE:START:END) it corrects")
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"at most {MAX_MEMBERS} members at once")
    if action != "split" and len(members) > 1:
        raise ValueError(f"{action} takes one member")
    found = [_find(conn, ref, proposition) for ref in members]
    pid = found[0].proposition_id
    if any(m.proposition_id != pid for m in found):
        raise ValueError("the members are in different claims: split them one claim at a time")
    original: dict[str, Any] = {"proposition": pid, "statement": statement_of(conn, pid)}
    if action == "stance":
        if stance not in STANCES:
            raise ValueError(f"unknown stance {stance!r}; choose from {', '.join(STANCES)}")
        original["stance"] = found[0].stance
        return [anchor_of(found[0])], None, original, pid
    if action == "move":
        if into == pid:
            raise ValueError(f"the member is in claim {pid} already")
        return [anchor_of(found[0])], _target_anchors(conn, into, set()), original, into  # type: ignore[arg-type]
    if len({m.id for m in found}) >= len(members_of(conn, pid)):
        raise ValueError("a split leaves at least one member where it was")
    # the members they are split from: kept apart from them through every rebuild
    rest = _target_anchors(conn, pid, {m.id for m in found})
    return [anchor_of(m) for m in found], rest, original, pid


def _target_order(found: list[Member]) -> list[Member]:
    return sorted(found, key=lambda m: (bool(m.data.get("corrected")), m.role != "source"))


def split_id(correction_id: int) -> str:
    """The id of the proposition a split makes: the same through every rebuild."""
    return "p-" + sha1(f"claim-correction:{correction_id}".encode()).hexdigest()[:12]


# --- the Store's public methods ------------------------------------------------------


class ClaimCorrectionMethods:
    """The claim-board corrections part of :class:`fogwatch.store.Store` (a mixin)."""

    if TYPE_CHECKING:  # provided by Store
        def _write(self, action: str) -> AbstractContextManager[Connection]: ...
        def _read(self, action: str) -> AbstractContextManager[Connection]: ...

    def add_claim_correction(
        self, action: str, *, author: str, proposition: str | None = None,
        members: list[str] | None = None, into: str | None = None,
        stance: str | None = None, note: str | None = None,
        then: Callable[[Connection, ClaimCorrection], None] | None = None,
    ) -> ClaimCorrection:
        """Correct the claim board (see the module's docstring).

        ``move``: ``members`` (one ``DOCUMENT:ROLE:START:END``) ``into`` a claim;
        ``split``: ``members`` of ``proposition`` into a claim of their own;
        ``merge``: ``proposition`` ``into`` another; ``stance``: a member's stance.
        ``then`` applies it in the same transaction
        (:func:`fogwatch.reconcile.claimfix.correct_claim` passes it). ValueError
        names what is wrong; LookupError when a claim or member is not stored.
        """
        author, note = check_who(author, note)
        members = [m for m in (members or []) if m and m.strip()]
        with self._write(f"correcting the claim board ({action})") as conn:
            anchors, target, original, pid = _prepare(conn, action, proposition or None,
                                                      members, into or None, stance)
            docs = sorted({a["document"] for a in [*anchors, *(target or [])]})
            new_id = conn.execute(claim_corrections.insert().values(
                action=action, anchors=anchors, target=target,
                value=stance if action == "stance" else None, documents=docs,
                original=original, proposition_id=pid, author=author, note=note,
                created_at=now(), state="applied",
            )).inserted_primary_key[0]
            made = _correction(conn.execute(sa.select(claim_corrections)
                                            .where(claim_corrections.c.id == new_id)).one())
            if then is not None:
                then(conn, made)
                made = _correction(conn.execute(sa.select(claim_corrections)
                                                .where(claim_corrections.c.id == new_id)).one())
        log.info("claim correction %s: %s", made.id, made.describe())
        return made

    def withdraw_claim_correction(self, correction_id: int, *, by: str
                                  ) -> tuple[ClaimCorrection, list[str]]:
        """Mark a correction withdrawn; it and the documents to fold again (those
        of its members and of every stance it moved or set; not those of a target,
        which the machine placed). LookupError when
        there is no such correction."""
        by = (by or "").strip()[:MAX_AUTHOR]
        if not by:
            raise ValueError("withdrawing a correction needs the name of who does it")
        with self._write(f"withdrawing claim correction {correction_id}") as conn:
            row = conn.execute(sa.select(claim_corrections)
                               .where(claim_corrections.c.id == correction_id)).first()
            if row is None:
                raise LookupError(f"no claim correction {correction_id}")
            c = _correction(row)
            docs = {a["document"] for a in c.anchors}
            if c.proposition_id:
                docs |= {m.document_id for m in members_of(conn, c.proposition_id)
                         if correction_id in (m.data.get("corrected") or {}).get("corrections", [])}
            if c.state != "withdrawn":
                conn.execute(claim_corrections.update()
                             .where(claim_corrections.c.id == correction_id)
                             .values(state="withdrawn", withdrawn_at=now(), withdrawn_by=by))
            done = _correction(conn.execute(sa.select(claim_corrections)
                                            .where(claim_corrections.c.id == correction_id)).one())
        return done, sorted(docs)

    def get_claim_correction(self, correction_id: int) -> ClaimCorrection | None:
        with self._read("reading a claim correction") as conn:
            row = conn.execute(sa.select(claim_corrections)
                               .where(claim_corrections.c.id == correction_id)).first()
        return _correction(row) if row is not None else None

    def list_claim_corrections(
        self, *, proposition: str | None = None, action: str | None = None,
        state: str | None = None, limit: int = 100, offset: int = 0,
    ) -> tuple[list[ClaimCorrection], int]:
        """Claim corrections, newest first, and how many match. ``proposition``:
        those in force on that claim; ``state``: one of :data:`STATES` or ``all``
        (by default every one not withdrawn)."""
        where: list[Any] = []
        if proposition:
            where.append(claim_corrections.c.proposition_id == proposition)
        if action:
            if action not in ACTIONS:
                raise ValueError(f"unknown action {action!r}; choose from {', '.join(ACTIONS)}")
            where.append(claim_corrections.c.action == action)
        if state in (None, ""):
            where.append(claim_corrections.c.state != "withdrawn")
        elif state != "all":
            if state not in STATES:
                raise ValueError(f"unknown state {state!r}; choose from "
                                 f"{', '.join(STATES)} or all")
            where.append(claim_corrections.c.state == state)
        stmt = (sa.select(claim_corrections).where(*where)
                .order_by(claim_corrections.c.id.desc())
                .limit(max(0, min(limit, 10_000))).offset(max(0, offset)))
        count = sa.select(sa.func.count()).select_from(claim_corrections).where(*where)
        with self._read("listing claim corrections") as conn:
            rows = [_correction(r) for r in conn.execute(stmt)]
            total = int(conn.execute(count).scalar_one())
        return rows, total
