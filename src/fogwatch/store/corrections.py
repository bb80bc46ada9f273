"""An analyst's corrections: records that stay above the machine's findings.

A correction names one finding of one document and says it is wrong
(``reject``), right (``confirm``), or that one of its fields holds another value
(``set``; the fields a kind lets be set are its ``editable``). It is stored as a
record of its own (who, when, the value it replaces, a note) in ``corrections``
and applied to the finding tables, so that every reader (lists, pages, exports,
``reconcile``) sees the corrected findings:

- a ``set`` changes the record (its ``data`` and typed columns) and keeps the
  machine's value in the correction's ``original``; what follows from the field
  follows it (a time's interval is worked out again from its corrected value, and
  from the machine's value when the correction is withdrawn: the calendar's
  reading of it, which a re-analysis makes the machine's own again);
- a finding's ``review`` column says ``confirmed``, ``corrected`` or
  ``rejected``; a rejected finding stays stored (others point at it by position)
  but lists leave it out and ``reconcile`` does not fold it.

Re-analysis replaces a document's findings, and positions may shift, so a
correction finds its finding again by its anchor: the kind's span for it (an
event's trigger, an attribution's cue, a quantity's words) and the text there.
Every save of a document's findings (:meth:`Store.save_analysis`: ``reanalyze``,
``repair``, a new model) re-applies its corrections to the new findings; one
whose words no finding of its kind has any more is marked ``orphaned``, logged,
returned by the save, and listed (``fogwatch corrections list --orphaned``),
never dropped.

An ``add`` makes a finding the machine missed, anchored on the words the analyst
selected (:mod:`fogwatch.store.added_findings`).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import Analysis, to_dict
from fogwatch.kinds import registry
from fogwatch.kinds.spec import build_span
from fogwatch.store import added_findings
from fogwatch.store.records import iso_utc, now, with_document
from fogwatch.store.schema import FINDING_TABLES, corrections, documents

if TYPE_CHECKING:
    from fogwatch.store.store import Store

log = logging.getLogger(__name__)

ACTIONS: tuple[str, ...] = ("reject", "confirm", "set")  # and "add" (add_finding)
STATES: tuple[str, ...] = ("applied", "orphaned", "withdrawn")
MAX_AUTHOR = 100
MAX_NOTE = 2000


@dataclass(slots=True)
class Correction:
    """One stored correction (see the module's docstring)."""

    id: int
    kind: str
    document: str
    idx: int  # the finding's position when the correction was made
    anchor_start: int
    anchor_end: int
    anchor_text: str
    action: str
    field: str | None
    value: Any
    original: Any  # the machine's value a ``set`` replaces
    author: str
    note: str | None
    created_at: str
    state: str  # applied, orphaned, withdrawn
    applied_idx: int | None  # where it applies now (None unless applied)
    checked_at: str | None = None
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]

    def describe(self) -> str:
        """A short line for people: "set modality to 'claimed' (was 'happened')"."""
        if self.action == "set":
            return f"set {self.field} to {self.value!r} (was {self.original!r})"
        if self.action == "add":
            return "added by hand"
        return "rejected" if self.action == "reject" else "confirmed"


def _correction(row: Any) -> Correction:
    return Correction(
        id=row.id, kind=row.kind, document=row.document_id, idx=row.idx,
        anchor_start=row.anchor_start, anchor_end=row.anchor_end, anchor_text=row.anchor_text,
        action=row.action, field=row.field, value=row.value, original=row.original,
        author=row.author, note=row.note, created_at=iso_utc(row.created_at) or "",
        state=row.state, applied_idx=row.applied_idx, checked_at=iso_utc(row.checked_at),
        withdrawn_at=iso_utc(row.withdrawn_at), withdrawn_by=row.withdrawn_by,
    )


# --- checking a new correction ---------------------------------------------------


def check_who(author: str, note: str | None) -> tuple[str, str | None]:
    """Who makes a correction and its note, checked (shared by entity corrections)."""
    author = (author or "").strip()
    if not author:
        raise ValueError("a correction needs the name of who makes it")
    if len(author) > MAX_AUTHOR:
        raise ValueError(f"the author's name is over {MAX_AUTHOR} characters")
    if note is not None and len(note) > MAX_NOTE:
        raise ValueError(f"the note is over {MAX_NOTE} characters")
    return author, note or None


def check_request(kind: str, action: str, field: str | None, value: Any, author: str,
                  note: str | None) -> tuple[Any, str, Any, str, str | None]:
    """The kind's spec, the action, the validated value, the author and the note;
    ValueError naming what is wrong."""
    spec = registry.find(kind)
    if spec is None:
        raise ValueError(f"unknown finding kind {kind!r}; known: {', '.join(registry.names())}")
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; choose from {', '.join(ACTIONS)}")
    author, note = check_who(author, note)
    if action != "set":
        if field is not None:
            raise ValueError(f"{action} takes no field; only set does")
        return spec, action, None, author, note or None
    if not field or field not in spec.editable:
        allowed = ", ".join(spec.editable) or "none"
        raise ValueError(f"{kind} has no field {field!r} a correction may set; "
                         f"editable: {allowed}")
    try:
        checked = spec.editable[field](value)
    except ValueError as exc:
        raise ValueError(f"{kind}.{field}: {exc}") from None
    return spec, action, checked, author, note or None


# --- applying corrections to findings --------------------------------------------


def _value(spec: Any, field: str, value: Any, text: str) -> Any:
    """A set field's stored value as the record holds it: offsets become the words
    of the document (ValueError when they run past its end)."""
    check = spec.editable.get(field)
    return build_span(value, text) if getattr(check, "spans", False) else value


@dataclass(slots=True)
class _Outcome:
    state: str
    applied_idx: int | None
    original: Any


def apply(analysis: Analysis, active: Iterable[Correction]) -> dict[int, _Outcome]:
    """Apply corrections (oldest first) to ``analysis``, whose findings are as the
    machine found them: ``set`` fields on its records, fill ``analysis.review``.
    Correction id -> what became of it."""
    text = analysis.document.text
    anchors: dict[str, dict[tuple[int, int], list[int]]] = {}
    verdict: dict[tuple[str, int], str] = {}
    changed: set[tuple[str, int]] = set()
    out: dict[int, _Outcome] = {}
    analysis.review = {}
    for cid, (state, at, original) in added_findings.insert(
            analysis, [c for c in active if c.action == "add"]).items():
        out[cid] = _Outcome(state, at, original)
    added = analysis.review
    for c in sorted(active, key=lambda c: c.id):
        if c.action == "add":
            continue
        spec = registry.find(c.kind)
        if spec is None or text[c.anchor_start:c.anchor_end] != c.anchor_text:
            out[c.id] = _Outcome("orphaned", None, c.original)
            continue
        if c.kind not in anchors:
            found: dict[tuple[int, int], list[int]] = {}
            for i, finding in enumerate(analysis.get(c.kind)):
                span = spec.anchor_of(to_dict(finding))
                if span is not None:
                    found.setdefault(span, []).append(i)
            anchors[c.kind] = found
        candidates = anchors[c.kind].get((c.anchor_start, c.anchor_end), [])
        if not candidates:
            out[c.id] = _Outcome("orphaned", None, c.original)
            continue
        i = c.idx if c.idx in candidates else candidates[0]
        original = c.original
        if c.action == "set" and c.field is not None:
            record = analysis.get(c.kind)[i]
            try:
                value = _value(spec, c.field, c.value, text)
            except ValueError:  # offsets the document no longer has
                out[c.id] = _Outcome("orphaned", None, c.original)
                continue
            replaced = getattr(record, c.field)
            setattr(record, c.field, value)
            if spec.after_set is not None:
                replaced = spec.after_set(record, c.field, replaced)
            original = to_dict(replaced)
            changed.add((c.kind, i))
        else:
            verdict[(c.kind, i)] = "rejected" if c.action == "reject" else "confirmed"
        out[c.id] = _Outcome("applied", i, original)
    review: dict[str, dict[int, str]] = {}
    for key in verdict.keys() | changed:
        state = verdict.get(key)
        if state != "rejected" and key in changed:
            state = "corrected"
        review.setdefault(key[0], {})[key[1]] = state or "confirmed"
    for kind, states in added.items():
        for idx, state in states.items():
            review.setdefault(kind, {}).setdefault(idx, state)
    analysis.review = review
    return out


def _undo(analysis: Analysis, applied: Iterable[Correction]) -> None:
    """Take applied ``set`` corrections back out of ``analysis`` (newest first)."""
    for c in sorted(applied, key=lambda c: c.id, reverse=True):
        if c.action != "set" or c.field is None or c.applied_idx is None:
            continue
        found = analysis.get(c.kind)
        spec = registry.find(c.kind)
        if 0 <= c.applied_idx < len(found) and spec is not None:
            record = found[c.applied_idx]
            replaced = getattr(record, c.field)
            setattr(record, c.field, _value(spec, c.field, c.original, analysis.document.text))
            if spec.after_set is not None:
                spec.after_set(record, c.field, replaced)
    added_findings.take_out(analysis, applied)
    analysis.review = {}


def _active(conn: Connection, doc_id: str) -> list[Correction]:
    rows = conn.execute(
        sa.select(corrections).where(corrections.c.document_id == doc_id,
                                     corrections.c.state != "withdrawn")
        .order_by(corrections.c.id)
    )
    return [_correction(r) for r in rows]


def _record(conn: Connection, active: list[Correction], outcome: dict[int, _Outcome]
            ) -> list[Correction]:
    """Store what became of each correction; the ones newly orphaned."""
    at = now()
    orphaned = []
    for c in active:
        o = outcome[c.id]
        conn.execute(corrections.update().where(corrections.c.id == c.id).values(
            state=o.state, applied_idx=o.applied_idx, original=o.original, checked_at=at))
        if o.state == "orphaned":
            if c.state != "orphaned":
                log.warning("correction %s (%s %s of %s, %r) is orphaned: no %s finding "
                            "has those words any more", c.id, c.action, c.kind, c.document,
                            c.anchor_text, c.kind)
            c.state, c.applied_idx = "orphaned", None
            orphaned.append(c)
    return orphaned


def apply_on_save(conn: Connection, analysis: Analysis) -> list[Correction]:
    """Re-apply a document's corrections to its new findings, before they are stored
    (the records are changed in place and ``analysis.review`` filled). Returns the
    corrections that are orphaned."""
    active = _active(conn, analysis.document.id)
    if analysis.review:  # read back from the store: its corrections are in it already
        _undo(analysis, [c for c in active if c.state == "applied"])
    if not active:
        analysis.review = {}
        return []
    return _record(conn, active, apply(analysis, active))


def review_of(analysis: Analysis, kind: str, idx: int) -> str | None:
    return analysis.review.get(kind, {}).get(idx)


def _rewrite(conn: Connection, analysis: Analysis,
             before: dict[tuple[str, int], tuple[dict[str, Any], str | None]]) -> bool:
    """Write back the findings whose record or review changed; whether any did."""
    doc_id = analysis.document.id
    changed = False
    for kind, table in FINDING_TABLES.items():
        spec = registry.get(kind)
        for idx, finding in enumerate(analysis.get(kind)):
            data = with_document(to_dict(finding), doc_id)
            review = review_of(analysis, kind, idx)
            if before.get((kind, idx)) == (data, review):
                continue
            row = spec.stored_row(doc_id, idx, data)
            values = {k: v for k, v in row.items() if k not in ("document_id", "idx")}
            conn.execute(table.update().where(table.c.document_id == doc_id,
                                              table.c.idx == idx).values(**values, review=review))
            changed = True
    if changed:  # the cross-document records have the old findings: fold it again
        conn.execute(documents.update().where(documents.c.id == doc_id)
                     .values(reconciled_at=None))
    return changed


# --- the Store's public methods --------------------------------------------------


class CorrectionMethods:
    """The corrections part of :class:`fogwatch.store.Store` (a mixin)."""

    if TYPE_CHECKING:  # provided by Store
        def _write(self, action: str) -> AbstractContextManager[Connection]: ...
        def _read(self, action: str) -> AbstractContextManager[Connection]: ...
        def get_analysis(self, doc_id: str, conn: Connection | None = None
                         ) -> Analysis | None: ...
        def _resave(self, conn: Connection, analysis: Analysis, *, replace: bool = True
                    ) -> list[Correction]: ...

    def add_correction(
        self, kind: str, document: str, idx: int, action: str, *, author: str,
        field: str | None = None, value: Any = None, note: str | None = None,
    ) -> Correction:
        """Correct finding ``idx`` of ``kind`` in ``document`` and apply it at once.

        ``action``: ``reject``, ``confirm`` or ``set`` (with ``field``, one of the
        kind's ``editable``, and ``value``). ValueError names what is wrong (an
        unknown kind, field or finding, a value the field refuses); LookupError
        when the document or the finding is not stored.
        """
        spec, action, value, author, note = check_request(kind, action, field, value,
                                                          author, note)
        with self._write(f"correcting {kind} {idx} of {document}") as conn:
            analysis = self._locked_analysis(conn, document)
            found = analysis.get(kind)
            if not 0 <= idx < len(found):
                raise LookupError(f"document {document} has no {spec.label} {idx} "
                                  f"(it has {len(found)} {kind})")
            span = spec.anchor_of(to_dict(found[idx]))
            if span is None:
                raise ValueError(f"{spec.label} {idx} of {document} has no words to "
                                 "anchor a correction on")
            if action == "set" and field is not None:
                try:  # offsets past the end are refused now, not orphaned later
                    _value(spec, field, value, analysis.document.text)
                except ValueError as exc:
                    raise ValueError(f"{kind}.{field}: {exc}") from None
            with _refreshing(conn, analysis):
                new_id = conn.execute(corrections.insert().values(
                    kind=kind, document_id=document, idx=idx, anchor_start=span[0],
                    anchor_end=span[1], anchor_text=analysis.document.text[span[0]:span[1]],
                    action=action, field=field if action == "set" else None, value=value,
                    original=None, author=author, note=note, created_at=now(),
                    state="applied", applied_idx=idx,
                )).inserted_primary_key[0]
            row = conn.execute(sa.select(corrections).where(corrections.c.id == new_id)).one()
        return _correction(row)

    def withdraw_correction(self, correction_id: int, *, by: str) -> Correction:
        """Take a correction back: the finding is as the machine (and the remaining
        corrections) make it again; the record stays, marked ``withdrawn``.
        LookupError when there is no such correction."""
        by = (by or "").strip()[:MAX_AUTHOR]
        if not by:
            raise ValueError("withdrawing a correction needs the name of who does it")
        with self._write(f"withdrawing correction {correction_id}") as conn:
            row = conn.execute(sa.select(corrections)
                               .where(corrections.c.id == correction_id)).first()
            if row is None:
                raise LookupError(f"no correction {correction_id}")
            if row.state != "withdrawn" and row.action == "add":
                self._withdraw_add(conn, row, by)
            elif row.state != "withdrawn":
                analysis = self._locked_analysis(conn, row.document_id, missing_ok=True)
                with _refreshing(conn, analysis):
                    conn.execute(corrections.update().where(corrections.c.id == correction_id)
                                 .values(state="withdrawn", applied_idx=None,
                                         withdrawn_at=now(), withdrawn_by=by))
            row = conn.execute(sa.select(corrections)
                               .where(corrections.c.id == correction_id)).one()
        return _correction(row)

    def add_finding(
        self, kind: str, document: str, start: int, end: int, *, author: str,
        fields: dict[str, Any], text: str | None = None, note: str | None = None,
    ) -> Correction:
        """Add a finding of ``kind`` the machine missed, anchored on the words
        ``start``..``end`` (``text``, if given, must be those words) with ``fields``
        (:func:`fogwatch.store.added_findings.check_add`). ValueError names what is
        wrong; LookupError when the document is not stored."""
        author, note = check_who(author, note)
        with self._write(f"adding {kind} to {document}") as conn:
            analysis = self._locked_analysis(conn, document)
            anchor, value = added_findings.check_add(kind, analysis.document.text, start,
                                                     end, text, fields)
            _undo(analysis, [c for c in _active(conn, document) if c.state == "applied"])
            new_id = conn.execute(corrections.insert().values(
                kind=kind, document_id=document, idx=len(analysis.get(kind)),
                anchor_start=anchor["start"], anchor_end=anchor["end"],
                anchor_text=anchor["text"], action="add", field=None, value=value,
                original=None, author=author, note=note, created_at=now(),
                state="applied", applied_idx=None,
            )).inserted_primary_key[0]
            self._resave(conn, analysis)
            row = conn.execute(sa.select(corrections).where(corrections.c.id == new_id)).one()
        return _correction(row)

    def _withdraw_add(self, conn: Connection, row: Any, by: str) -> None:
        analysis = self._locked_analysis(conn, row.document_id, missing_ok=True)
        if analysis is not None:
            _undo(analysis, [c for c in _active(conn, row.document_id)
                             if c.state == "applied"])
        conn.execute(corrections.update().where(corrections.c.id == row.id)
                     .values(state="withdrawn", applied_idx=None, withdrawn_at=now(),
                             withdrawn_by=by))
        if analysis is not None:
            self._resave(conn, analysis)

    def get_correction(self, correction_id: int) -> Correction | None:
        with self._read("reading a correction") as conn:
            row = conn.execute(sa.select(corrections)
                               .where(corrections.c.id == correction_id)).first()
        return _correction(row) if row is not None else None

    def list_corrections(
        self, *, document: str | None = None, kind: str | None = None,
        state: str | None = None, limit: int = 100, offset: int = 0,
    ) -> tuple[list[Correction], int]:
        """Corrections, newest first, and how many match. ``state``: ``applied``,
        ``orphaned``, ``withdrawn``, or ``all``; by default every correction not
        withdrawn."""
        where: list[Any] = []
        if document:
            where.append(corrections.c.document_id == document)
        if kind:
            where.append(corrections.c.kind == kind)
        if state in (None, ""):
            where.append(corrections.c.state != "withdrawn")
        elif state != "all":
            if state not in STATES:
                raise ValueError(f"unknown state {state!r}; choose from "
                                 f"{', '.join(STATES)} or all")
            where.append(corrections.c.state == state)
        stmt = (sa.select(corrections).where(*where).order_by(corrections.c.id.desc())
                .limit(max(0, min(limit, 10_000))).offset(max(0, offset)))
        count = sa.select(sa.func.count()).select_from(corrections).where(*where)
        with self._read("listing corrections") as conn:
            rows = [_correction(r) for r in conn.execute(stmt)]
            total = int(conn.execute(count).scalar_one())
        return rows, total

    def _locked_analysis(self, conn: Connection, doc_id: str, *, missing_ok: bool = False
                         ) -> Analysis | None:
        """The document's stored analysis, its row locked (PostgreSQL) so that a
        save and a correction of one document take turns."""
        stored = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)
                              .with_for_update()).first()
        analysis = self.get_analysis(doc_id, conn) if stored is not None else None
        if analysis is None and not missing_ok:
            raise LookupError(f"no analysed document {doc_id}")
        return analysis


class _refreshing(AbstractContextManager[None]):
    """Around a change to a document's corrections: take the applied ones out of
    its findings first, then apply every active one again and write back what
    changed. ``analysis`` None (the document is gone): only the change is made."""

    def __init__(self, conn: Connection, analysis: Analysis | None) -> None:
        self.conn, self.analysis = conn, analysis
        self.before: dict[tuple[str, int], tuple[dict[str, Any], str | None]] = {}

    def __enter__(self) -> None:
        if self.analysis is None:
            return
        doc_id = self.analysis.document.id
        for kind in FINDING_TABLES:
            for idx, finding in enumerate(self.analysis.get(kind)):
                self.before[(kind, idx)] = (with_document(to_dict(finding), doc_id),
                                            review_of(self.analysis, kind, idx))
        applied = [c for c in _active(self.conn, doc_id) if c.state == "applied"]
        _undo(self.analysis, applied)

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is not None or self.analysis is None:
            return
        active = _active(self.conn, self.analysis.document.id)
        _record(self.conn, active, apply(self.analysis, active))
        _rewrite(self.conn, self.analysis, self.before)


def corrections_of(store: Store, doc_id: str) -> Iterator[Correction]:
    """A document's corrections in force (applied), oldest first: what its page shows."""
    with store.reading("reading a document's corrections") as conn:
        rows = list(conn.execute(
            sa.select(corrections).where(corrections.c.document_id == doc_id,
                                         corrections.c.state == "applied")
            .order_by(corrections.c.id)))
    return (_correction(r) for r in rows)


def without_rejected(analysis: Analysis, kinds: Iterable[str]) -> Analysis:
    """A copy of ``analysis`` without the rejected findings of ``kinds``; the
    fields that point at findings by position (each kind's ``index_fields``) are
    renumbered, and a pointer to a dropped finding is cleared. For readers that
    keep no finding's position of these kinds (``reconcile`` keeps events' and
    attributions' positions, so it skips those in place instead)."""
    drop = {k: {i for i, s in analysis.review.get(k, {}).items() if s == "rejected"}
            for k in kinds}
    drop = {k: v for k, v in drop.items() if v}
    if not drop:
        return analysis
    new_index: dict[str, dict[int, int]] = {}
    for kind, gone in drop.items():
        kept = [i for i in range(len(analysis.get(kind))) if i not in gone]
        new_index[kind] = {old: new for new, old in enumerate(kept)}
    out = Analysis(document=analysis.document, entities=analysis.entities)
    out.review = {k: {new_index[k][i] if k in new_index else i: s for i, s in v.items()
                      if k not in drop or i not in drop[k]}
                  for k, v in analysis.review.items()}
    for spec in registry.kinds():
        moved = {f: new_index[target] for f, target in spec.index_fields.items()
                 if target in new_index}
        found = out.get(spec.name)
        for i, finding in enumerate(analysis.get(spec.name)):
            if spec.name in drop and i in drop[spec.name]:
                continue
            if moved:
                finding = _renumbered(finding, moved)
            found.append(finding)
    return out


def _renumbered(finding: Any, moved: dict[str, dict[int, int]]) -> Any:
    changes: dict[str, Any] = {}
    for name, index in moved.items():
        value = getattr(finding, name, None)
        if isinstance(value, int):
            changes[name] = index.get(value)
        elif isinstance(value, list):
            changes[name] = [index[v] for v in value if v in index]
    return dataclasses.replace(finding, **changes) if changes else finding
