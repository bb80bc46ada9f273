"""An analyst's corrections of entities: rename, merge, split an alias off, set the type.

Entities fold across documents by key as analyses are saved
(:mod:`fogwatch.store.entity_merge`); every other finding points at them by
key (mentions, events' actors and targets, attributions' sources, places).
A correction of an entity has no anchor in one document, so it is a record of
its own (``entity_corrections``: who, when, what the entity's row said before,
a note), applied in two places:

- to every analysis as it is saved (:meth:`Store.save_analysis`: ingest,
  ``reanalyze``, ``repair``), after the document's finding corrections and
  before its rows are written: a merged key becomes the surviving key, mentions
  of a split alias get the alias's own key (with the sources and places named
  by those words; events name no words, so their actors and targets move only
  when every mention of the entity in that document is the alias), and
  entities renamed or retyped take the analyst's name or type. Readers of the
  stored findings (lists, pages, exports, ``reconcile`` and its speaker keys)
  see the corrected keys without knowing about corrections;
- at once, when it is made: every stored document that names the key is saved
  again through the same path and marked not reconciled (the caller folds them
  again: ``reconcile_document``, or ``fogwatch repair``), and the entity's row
  takes the new name or type; a merged key's row is deleted (its aliases and
  name join the survivor's), and :meth:`~EntityCorrectionMethods.entity_redirect`
  names the survivor for a page or an API call that asks for the old key.

Corrections apply oldest first, so a merge of a key that was itself merged
away, or a rename after a merge, do what was meant. Withdrawing one
(:meth:`~EntityCorrectionMethods.withdraw_entity_correction`) marks it
``withdrawn``, so that no save applies it again: a rename or a type is undone at
once (every document naming the entity is saved again with the machine's name or
type, and the entity's row takes it back); a merge or a split cannot be undone
from the stored findings (they no longer say which words had which key), so
the documents naming the keys are returned to be analysed again
(``fogwatch reanalyze``), which makes them as the machine and the remaining
corrections say.
"""

from __future__ import annotations

import dataclasses
import logging
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fogwatch.findings import ENTITY_TYPES, Analysis, Entity, slug
from fogwatch.kinds import registry
from fogwatch.store.corrections import MAX_AUTHOR, check_who
from fogwatch.store.records import iso_utc, now
from fogwatch.store.schema import document_entities, documents, entities, entity_corrections

if TYPE_CHECKING:
    from fogwatch.store.corrections import Correction

log = logging.getLogger(__name__)

ACTIONS: tuple[str, ...] = ("rename", "merge", "split", "type")
MAX_NAME = 200
# fields of a finding (at any depth) that hold an entity key, or a list of them
_KEY_FIELDS = ("entity", "source_entity")
_KEY_LISTS = ("actors", "targets")


@dataclass(slots=True)
class EntityCorrection:
    """One stored correction of an entity (see the module's docstring)."""

    id: int
    action: str  # rename, merge, split, type
    key: str  # the entity corrected
    target: str | None  # merge: the surviving key; split: the alias's key
    value: str | None  # rename: the name; type: the type; split: the alias
    original: Any  # what the entity's row said before: name, type, or the row's name
    author: str
    note: str | None
    created_at: str
    state: str  # applied, withdrawn
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None
    # documents saved again when it was made or withdrawn (not stored): fold them into
    # claims again; a withdrawn merge or split: the documents to analyse again
    documents: list[str] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__  # type: ignore[attr-defined]
                if name != "documents"}

    def describe(self) -> str:
        """A short line for people: "renamed to 'Dmitry Peskov' (was 'Peskov')"."""
        if self.action == "rename":
            return f"renamed to {self.value!r} (was {self.original!r})"
        if self.action == "type":
            return f"type set to {self.value} (was {self.original})"
        if self.action == "merge":
            return f"merged into {self.target}"
        return f"alias {self.value!r} split off as {self.target}"


def _correction(row: Any) -> EntityCorrection:
    return EntityCorrection(
        id=row.id, action=row.action, key=row.key, target=row.target, value=row.value,
        original=row.original, author=row.author, note=row.note,
        created_at=iso_utc(row.created_at) or "", state=row.state,
        withdrawn_at=iso_utc(row.withdrawn_at), withdrawn_by=row.withdrawn_by,
    )


def _same(a: str, b: str) -> bool:
    """Whether two surface forms are one name (case, accents' form and spacing aside)."""
    def norm(s: str) -> str:
        return " ".join(unicodedata.normalize("NFKC", s).casefold().split())
    return norm(a) == norm(b)


# --- applying corrections to an analysis -----------------------------------------


def _rekey(obj: Any, change: Callable[[str, str | None], str]) -> None:
    """Give every entity key held by ``obj`` (a finding, at any depth) the key
    ``change(key, words)`` says; ``words`` are the words the key was given for
    (a span's or mention's text, an attribution's source, a place's name), None
    for keys that name no words (events' actors and targets)."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in _KEY_FIELDS and isinstance(value, str):
            setattr(obj, f.name, change(value, _words_of(obj, f.name)))
        elif f.name in _KEY_LISTS and isinstance(value, list):
            setattr(obj, f.name, [change(k, None) if isinstance(k, str) else k
                                  for k in value])
        elif isinstance(value, list):
            for item in value:
                _rekey(item, change)
        else:
            _rekey(value, change)


def _words_of(obj: Any, name: str) -> str | None:
    if name == "source_entity":
        source = getattr(obj, "source", None)
        return getattr(source, "text", None)
    words = getattr(obj, "text", None)
    if words is None:
        words = getattr(obj, "name", None)  # a place
    return words if isinstance(words, str) else None


def _rekey_findings(analysis: Analysis, change: Callable[[str, str | None], str]) -> None:
    for kind in registry.names():
        for finding in analysis.get(kind):
            _rekey(finding, change)


def _merge(analysis: Analysis, key: str, into: str) -> None:
    for entity in analysis.entities:
        if entity.key == key:
            entity.key = into
    _rekey_findings(analysis, lambda k, _w: into if k == key else k)


def _split(analysis: Analysis, key: str, alias: str, new_key: str) -> None:
    found = [e for e in analysis.entities if e.key == key]
    moved = [m for e in found for m in e.mentions if _same(m.text, alias)]
    if not moved:  # the alias is not this entity's, even where its words are not here
        for entity in found:
            if not all(_same(a, alias) for a in (entity.name, *entity.aliases)):
                entity.aliases = [a for a in entity.aliases if not _same(a, alias)]
        return
    if all(_same(m.text, alias) for e in found for m in e.mentions):
        for entity in found:  # every mention here is the alias: the whole entity is it
            entity.key, entity.name = new_key, moved[0].text
            entity.aliases = [a for a in entity.aliases if _same(a, alias)] or [entity.name]
            entity.description = entity.country = None
            entity.gazetteer = False
        _rekey_findings(analysis, lambda k, _w: new_key if k == key else k)
        return
    for entity in found:
        entity.mentions = [m for m in entity.mentions if not _same(m.text, alias)]
        entity.aliases = [a for a in entity.aliases if not _same(a, alias)]
        if _same(entity.name, alias):
            entity.name = (entity.aliases or [m.text for m in entity.mentions] or [alias])[0]
    written = moved[0].text  # the alias as the document writes it
    analysis.entities.append(Entity(new_key, written, found[0].type,
                                    aliases=[written], mentions=moved))
    _rekey_findings(analysis, lambda k, w: new_key if k == key and w is not None
                    and _same(w, alias) else k)


def _fold_same_keys(analysis: Analysis) -> None:
    """One entity per key: a merge or a split may leave two with one key."""
    kept: dict[str, Entity] = {}
    out: list[Entity] = []
    for entity in analysis.entities:
        first = kept.get(entity.key)
        if first is None:
            kept[entity.key] = entity
            out.append(entity)
            continue
        first.aliases += [a for a in entity.aliases if a not in first.aliases]
        first.mentions = sorted([*first.mentions, *entity.mentions], key=lambda m: m.start)
        first.description = first.description or entity.description
        first.country = first.country or entity.country
        first.gazetteer = first.gazetteer or entity.gazetteer
    for entity in out:
        for mention in entity.mentions:
            mention.entity = entity.key
    analysis.entities = out


def _keys_in(analysis: Analysis) -> set[str]:
    """Every entity key the analysis holds (its entities', its findings')."""
    keys = {e.key for e in analysis.entities}

    def note(key: str, _words: str | None) -> str:
        keys.add(key)
        return key

    _rekey_findings(analysis, note)
    return keys


def apply(analysis: Analysis, active: Iterable[EntityCorrection]) -> None:
    """Apply entity corrections (oldest first) to ``analysis`` in place."""
    present = _keys_in(analysis)  # a correction of a key not named here has nothing to do
    for c in sorted(active, key=lambda c: c.id):
        if c.key not in present:
            continue
        if c.action == "merge" and c.target:
            _merge(analysis, c.key, c.target)
            present.add(c.target)
        elif c.action == "split" and c.target and c.value:
            _split(analysis, c.key, c.value, c.target)
            present.add(c.target)
        elif c.action in ("rename", "type") and c.value:
            for entity in analysis.entities:
                if entity.key != c.key:
                    continue
                if c.action == "type":
                    entity.type = c.value
                    continue
                if entity.name != c.value and entity.name not in entity.aliases:
                    entity.aliases.append(entity.name)  # still a name it is called by
                entity.name = c.value
    _fold_same_keys(analysis)


def _active(conn: Connection) -> list[EntityCorrection]:
    rows = conn.execute(sa.select(entity_corrections)
                        .where(entity_corrections.c.state == "applied")
                        .order_by(entity_corrections.c.id))
    return [_correction(r) for r in rows]


def apply_on_save(conn: Connection, analysis: Analysis) -> None:
    """Apply every entity correction to an analysis about to be stored."""
    active = _active(conn)
    if active:
        apply(analysis, active)


# --- checking a new correction ---------------------------------------------------


def _text(value: Any, what: str, limit: int) -> str:
    text = " ".join(str(value or "").split())
    if not text:
        raise ValueError(f"{what} is empty")
    if len(text) > limit:
        raise ValueError(f"{what} is over {limit} characters")
    return text


def check_request(action: str, key: str, value: str | None, author: str,
                  note: str | None) -> tuple[str, str, str | None, str, str | None]:
    """The action, key, value, author and note, checked; ValueError naming what is wrong."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}; choose from {', '.join(ACTIONS)}")
    key = _text(key, "the entity key", MAX_NAME)
    author, note = check_who(author, note)
    what = {"rename": "the new name", "merge": "the key to merge into",
            "split": "the alias to split off", "type": "the type"}[action]
    value = _text(value, what, MAX_NAME)
    if action == "type":
        value = value.upper()
        if value not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {value!r}; choose from "
                             f"{', '.join(ENTITY_TYPES)}")
    return action, key, value, author, note or None


# --- the Store's public methods --------------------------------------------------


class EntityCorrectionMethods:
    """The entity corrections part of :class:`fogwatch.store.Store` (a mixin)."""

    if TYPE_CHECKING:  # provided by Store
        def _write(self, action: str) -> AbstractContextManager[Connection]: ...
        def _read(self, action: str) -> AbstractContextManager[Connection]: ...
        def _resave(self, conn: Connection, analysis: Analysis) -> list[Correction]: ...
        def get_analysis(self, doc_id: str, conn: Connection | None = None
                         ) -> Analysis | None: ...

    def add_entity_correction(
        self, action: str, key: str, value: str, *, author: str, note: str | None = None,
    ) -> EntityCorrection:
        """Correct entity ``key`` and apply it at once (see the module's docstring).

        ``action`` and ``value``: ``rename`` and the new name; ``type`` and the
        type (PERSON, ORG, ...); ``merge`` and the key that survives; ``split``
        and the alias (one of the entity's names) to give a key of its own.
        ValueError names what is wrong; LookupError when an entity is not stored.
        The correction's ``documents`` are those saved again: fold them into the
        cross-document records again (they are marked not reconciled).
        """
        action, key, value, author, note = check_request(action, key, value, author, note)
        with self._write(f"correcting entity {key}") as conn:
            row = _locked_row(conn, key)
            if row is None:
                raise LookupError(f"no entity {key}")
            target, value, original = _prepare(conn, action, row, value)
            new_id = conn.execute(entity_corrections.insert().values(
                action=action, key=key, target=target, value=None if action == "merge" else value,
                original=original, author=author, note=note, created_at=now(), state="applied",
            )).inserted_primary_key[0]
            touched = self._resave_naming(conn, key)
            _settle_rows(conn, action, row, target, value)
            made = _correction(conn.execute(sa.select(entity_corrections)
                                            .where(entity_corrections.c.id == new_id)).one())
        made.documents = touched
        log.info("entity correction %s: %s %s; %d documents saved again", made.id, key,
                 made.describe(), len(touched))
        return made

    def _resave_naming(self, conn: Connection, key: str,
                       change: Callable[[Analysis], None] | None = None) -> list[str]:
        """Save again (corrections applied) every analysed document naming ``key``
        (``change``: made to each stored analysis first)."""
        doc_ids = list(conn.execute(
            sa.select(document_entities.c.document_id).distinct()
            .where(document_entities.c.entity_key == key)
            .order_by(document_entities.c.document_id)).scalars())
        for doc_id in doc_ids:
            conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)
                         .with_for_update())
            analysis = self.get_analysis(doc_id, conn)
            if analysis is not None:
                if change is not None:
                    change(analysis)
                self._resave(conn, analysis)
        return doc_ids

    def withdraw_entity_correction(self, correction_id: int, *, by: str) -> EntityCorrection:
        """Withdraw an entity correction (see the module's docstring): the record
        stays, marked ``withdrawn``. Its ``documents``: those saved again (a rename,
        a type: fold them into claims again) or, for a merge or a split, those to
        analyse again. LookupError when there is no such correction."""
        by = (by or "").strip()[:MAX_AUTHOR]
        if not by:
            raise ValueError("withdrawing a correction needs the name of who does it")
        with self._write(f"withdrawing entity correction {correction_id}") as conn:
            row = conn.execute(sa.select(entity_corrections)
                               .where(entity_corrections.c.id == correction_id)).first()
            if row is None:
                raise LookupError(f"no entity correction {correction_id}")
            touched: list[str] = []
            if row.state != "withdrawn":
                conn.execute(entity_corrections.update()
                             .where(entity_corrections.c.id == correction_id)
                             .values(state="withdrawn", withdrawn_at=now(), withdrawn_by=by))
                touched = self._undo_entity_correction(conn, _correction(row))
            done = _correction(conn.execute(sa.select(entity_corrections)
                                            .where(entity_corrections.c.id == correction_id)
                                            ).one())
        done.documents = touched
        log.info("entity correction %s withdrawn by %s; %d documents", done.id, by,
                 len(touched))
        return done

    def _undo_entity_correction(self, conn: Connection, c: EntityCorrection) -> list[str]:
        if c.action not in ("rename", "type"):  # the documents must be analysed again
            keys = [k for k in (c.key, c.target) if k]
            return list(conn.execute(
                sa.select(document_entities.c.document_id).distinct()
                .where(document_entities.c.entity_key.in_(keys))
                .order_by(document_entities.c.document_id)).scalars())
        field = "name" if c.action == "rename" else "type"

        def undo(analysis: Analysis) -> None:
            for entity in analysis.entities:
                if entity.key == c.key and getattr(entity, field) == c.value:
                    setattr(entity, field, c.original)

        touched = self._resave_naming(conn, c.key, undo)
        conn.execute(entities.update().where(entities.c["key"] == c.key,
                                             entities.c[field] == c.value)
                     .values({field: c.original}))
        return touched

    def get_entity_correction(self, correction_id: int) -> EntityCorrection | None:
        with self._read("reading an entity correction") as conn:
            row = conn.execute(sa.select(entity_corrections)
                               .where(entity_corrections.c.id == correction_id)).first()
        return _correction(row) if row is not None else None

    def list_entity_corrections(
        self, *, key: str | None = None, action: str | None = None,
        state: str | None = None, limit: int = 100, offset: int = 0,
    ) -> tuple[list[EntityCorrection], int]:
        """Entity corrections, newest first, and how many match. ``key``: those of
        that entity, made to it (merged into it, split off as it) or of it;
        ``state``: ``applied``, ``withdrawn`` or ``all`` (by default those applied)."""
        where: list[Any] = []
        if state in (None, ""):
            where.append(entity_corrections.c.state != "withdrawn")
        elif state != "all":
            if state not in ("applied", "withdrawn"):
                raise ValueError(f"unknown state {state!r}; choose from applied, withdrawn "
                                 "or all")
            where.append(entity_corrections.c.state == state)
        if key:
            where.append(sa.or_(entity_corrections.c.key == key,
                                entity_corrections.c.target == key))
        if action:
            if action not in ACTIONS:
                raise ValueError(f"unknown action {action!r}; choose from {', '.join(ACTIONS)}")
            where.append(entity_corrections.c.action == action)
        stmt = (sa.select(entity_corrections).where(*where)
                .order_by(entity_corrections.c.id.desc())
                .limit(max(0, min(limit, 10_000))).offset(max(0, offset)))
        count = sa.select(sa.func.count()).select_from(entity_corrections).where(*where)
        with self._read("listing entity corrections") as conn:
            rows = [_correction(r) for r in conn.execute(stmt)]
            total = int(conn.execute(count).scalar_one())
        return rows, total

    def entity_redirect(self, key: str) -> str | None:
        """The key that ``key`` was merged into (followed to the end), or None
        when it was never merged away."""
        with self._read("following a merged entity") as conn:
            return _survivor(conn, key)


def _survivor(conn: Connection, key: str) -> str | None:
    seen = {key}
    found = None
    while True:
        target = conn.execute(
            sa.select(entity_corrections.c.target)
            .where(entity_corrections.c.key == key, entity_corrections.c.action == "merge",
                   entity_corrections.c.state == "applied")
            .order_by(entity_corrections.c.id.desc()).limit(1)).scalar()
        if target is None or target in seen:
            return found
        found = key = target
        seen.add(target)


def _locked_row(conn: Connection, key: str) -> Any:
    return conn.execute(sa.select(entities).where(entities.c["key"] == key)
                        .with_for_update()).mappings().first()


def _prepare(conn: Connection, action: str, row: Any, value: str
             ) -> tuple[str | None, str, Any]:
    """The correction's target key, its value and the original it records;
    ValueError (LookupError: no such entity) when it cannot be made."""
    key = row["key"]
    if action == "rename":
        return None, value, row["name"]
    if action == "type":
        return None, value, row["type"]
    if action == "merge":
        if _locked_row(conn, value) is None:  # merged away itself: into what it became
            value = _survivor(conn, value) or value
        if value == key:
            raise ValueError("an entity cannot be merged into itself")
        if _locked_row(conn, value) is None:
            raise LookupError(f"no entity {value} to merge {key} into")
        return value, value, row["name"]
    names = [row["name"], *(row["aliases"] or [])]
    if not any(_same(value, n) for n in names):
        raise ValueError(f"{value!r} is not one of the names of {key} "
                         f"({', '.join(dict.fromkeys(names))})")
    value = next(n for n in names if _same(value, n))  # as the entity's record writes it
    if all(_same(value, n) for n in names):
        raise ValueError(f"{value!r} is the only name of {key}: rename it instead")
    prefix, _, rest = key.partition(":")
    type_ = rest.split("/", 1)[0] if prefix == "auto" and "/" in rest else row["type"]
    target = f"auto:{type_}/{slug(value)}"
    if target == key:
        target = f"split:{type_}/{slug(value)}"
    return target, value, row["name"]


def _settle_rows(conn: Connection, action: str, row: Any, target: str | None,
                 value: str) -> None:
    """The entity rows after the documents were saved again."""
    key = row["key"]
    if action == "rename":
        aliases = list(row["aliases"] or [])
        if row["name"] not in aliases:
            aliases.append(row["name"])
        conn.execute(entities.update().where(entities.c["key"] == key)
                     .values(name=value, aliases=aliases))
    elif action == "type":
        conn.execute(entities.update().where(entities.c["key"] == key).values(type=value))
    elif action == "merge" and target:
        survivor = _locked_row(conn, target)
        aliases = list(survivor["aliases"] or [])
        for name in (row["name"], *(row["aliases"] or [])):
            if name not in aliases:
                aliases.append(name)
        conn.execute(entities.update().where(entities.c["key"] == target)
                     .values(aliases=aliases))
        conn.execute(entities.delete().where(entities.c["key"] == key))
    elif action == "split" and target:
        current = _locked_row(conn, key)
        if current is None:
            return
        aliases = [a for a in current["aliases"] or [] if not _same(a, value)]
        name = current["name"]
        if _same(name, value):
            name = aliases[0] if aliases else name
        conn.execute(entities.update().where(entities.c["key"] == key)
                     .values(name=name, aliases=aliases))
        if _locked_row(conn, target) is None:  # no document names it yet
            conn.execute(entities.insert().values(
                key=target, name=value, type=current["type"], aliases=[value],
                description=None, country=None, gazetteer=False))
