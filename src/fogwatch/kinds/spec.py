"""What a finding kind declares: everything each layer needs to handle it.

A kind is one :class:`FindingKind`. From it:

- the pipeline runs its stage (``stage``) and ``analyze --json`` writes its
  records under ``name``;
- long texts, analysed in chunks, are joined by shifting offsets (and folding
  findings with the same ``merge_key``);
- the store keeps one row per finding in ``table`` (built from ``columns``;
  ``row`` fills the typed columns from the record), and reads it back;
- the API serves ``GET /api/v1/<name>`` with one query parameter per
  :class:`Filter`;
- the exports write ``export_columns`` (``export_row`` converts a stored row);
- the document page highlights its ``marks`` and shows its ``details``.

Entities are not a kind in this sense: every other kind points at them, they
fold across documents as they are saved, and the store keeps them in tables of
their own (``entities``, ``document_entities``, ``mentions``).

``docs/adding-a-finding-kind.md`` walks through writing one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import sqlalchemy as sa

from fogwatch.export.columns import Column
from fogwatch.findings import Analysis, Finding
from fogwatch.kinds import registry
from fogwatch.store.metadata import drop_table, finding_table

FilterOp = Literal["eq", "prefix", "ge", "le"]


@dataclass(frozen=True, slots=True)
class Filter:
    """One way to narrow a kind's list: a query parameter and the column it tests.

    ``op``: ``eq`` (equal), ``prefix`` (the column starts with the value),
    ``ge`` / ``le`` (on or after / on or before; ``le`` also takes every value
    the given one is a prefix of, so ``until=2025-11-03`` keeps
    ``2025-11-03T14:00``). ``choices`` closes the set of values the API accepts;
    ``pattern`` is a regular expression a value must match.
    """

    name: str
    column: str
    op: FilterOp = "eq"
    doc: str = ""
    choices: tuple[str, ...] | None = None
    pattern: str | None = None

    def clause(self, table: sa.Table, value: Any) -> Any:
        col = table.c[self.column]
        if self.op == "prefix":
            return col.startswith(value, autoescape=True)
        if self.op == "ge":
            return col >= value
        if self.op == "le":
            return col <= str(value) + "\uffff"
        return col == value


class Mark(NamedTuple):
    """A stretch of the text the document page highlights for a finding.

    ``css``: the highlight class (``k-<css>``), one of the kind's ``legend``
    keys. ``counted``: whether the mark adds one to the legend's count (a
    place's second mention does not: the legend counts places).
    """

    css: str
    start: int | None
    end: int | None
    counted: bool = True


@dataclass(slots=True)
class View:
    """What a kind's ``details`` may look up about the rest of the document."""

    analysis: Analysis
    names: dict[str, str]  # entity key -> name
    place_names: dict[str, str]  # place key -> name

    def name_of(self, key: str | None) -> str | None:
        return self.names.get(key, key) if key else None


def _default_row(data: Mapping[str, Any]) -> dict[str, Any]:
    return {}


def _no_marks(finding: Any) -> list[Mark]:
    return []


def _no_details(finding: Any, view: View) -> dict[str, Any]:
    return {}


@dataclass(eq=False)
class FindingKind:
    """Everything fogwatch needs to know about one kind of finding.

    Required: ``name`` (plural, snake case: the ``analyze --json`` key, the
    table, the API path and the export name), ``record`` (the dataclass, a
    :class:`~fogwatch.findings.Finding` with ``to_dict``/``from_dict``),
    ``label`` (singular, for people and CSS: "quantity") and ``columns`` (the
    typed columns beside ``data``). The rest have working defaults.
    """

    name: str
    record: type[Finding]
    label: str
    columns: Sequence[sa.Column] = ()
    # Fills the typed columns (and start/end/sentence when the record keeps its
    # span elsewhere) from the record's dict.
    row: Callable[[Mapping[str, Any]], dict[str, Any]] = _default_row
    indexes: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    doc: str = ""  # one line: what a finding of this kind is
    export_columns: tuple[Column, ...] = ()
    export_row: Callable[[Mapping[str, Any]], dict[str, Any]] | None = None
    legend: Mapping[str, str] = field(default_factory=dict)  # css kind -> legend label
    id_prefix: str = ""  # finding ids on the document page: <prefix><index>
    marks: Callable[[Any], Iterable[Mark]] = _no_marks
    details: Callable[[Any, View], dict[str, Any]] = _no_details
    priority: int = 50  # on equal spans, lower is shown on top
    # Fields holding indices into another kind's list (shifted when chunks are joined).
    index_fields: Mapping[str, str] = field(default_factory=dict)
    merge_key: Callable[[Any], str] | None = None  # fold chunk findings with equal keys
    stage: Any = None  # a fogwatch.analyze.base.Stage, for a kind brought by a plug-in
    migrations: Path | None = None  # an alembic versions folder, for a plug-in's table
    _table: sa.Table | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or not self.name.islower():
            raise ValueError(f"a kind's name is lower-case snake case, not {self.name!r}")
        self.legend = dict(self.legend) or {self.label: self.label.capitalize()}
        self.id_prefix = self.id_prefix or self.name[:2]

    @property
    def table(self) -> sa.Table:
        """The kind's table; it joins the store's metadata when the kind is registered."""
        if self._table is None:
            raise RuntimeError(f"finding kind {self.name!r} is not registered")
        return self._table

    def on_register(self) -> None:
        if self._table is None:
            # copies: a Column belongs to one Table, and a kind may be registered again
            columns = [column._copy() for column in self.columns]
            self._table = finding_table(self.name, *columns, indexes=self.indexes)

    def stored_row(self, doc_id: str, idx: int, data: dict[str, Any]) -> dict[str, Any]:
        """The table row for one finding: common columns, typed copies, the full dict."""
        row: dict[str, Any] = {
            "document_id": doc_id, "idx": idx, "data": data,
            "start": data.get("start"), "end": data.get("end"), "sentence": data.get("sentence"),
        }
        row.update(self.row(data))
        for column in self.columns:  # a typed column the row function left out
            row.setdefault(column.name, data.get(column.name))
        return row

    def where(self, values: Mapping[str, Any]) -> list[Any]:
        """SQL conditions for the given filter values (unknown names are refused)."""
        by_name = {f.name: f for f in self.filters}
        out: list[Any] = []
        for name, value in values.items():
            if value is None or value == "":
                continue
            if name == "document":
                out.append(self.table.c.document_id == value)
                continue
            if name not in by_name:
                raise ValueError(
                    f"{self.name} cannot be filtered by {name!r}; "
                    f"filters: {', '.join(['document', *by_name])}"
                )
            out.append(by_name[name].clause(self.table, value))
        return out

    def to_export(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """One exported row: the kind's ``export_row`` or, without one, provenance
        plus every record field that has an export column."""
        if self.export_row is not None:
            return self.export_row(row)
        data = row["data"] or {}
        out = {"document_id": row["document_id"], "idx": row["idx"], "start": row["start"],
               "end": row["end"], "sentence": row["sentence"]}
        for column in self.export_columns:
            if column.name not in out:
                out[column.name] = data.get(column.name)
        return out

    def on_unregister(self) -> None:
        if self._table is not None:
            drop_table(self._table)
            self._table = None


def register(kind: FindingKind) -> FindingKind:
    return registry.register(kind)  # type: ignore[no-any-return]
