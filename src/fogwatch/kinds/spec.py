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
- the document page highlights its ``marks`` and shows its ``details``;
- an analyst's corrections find its findings again by their ``anchor`` and may
  set the fields named in ``editable`` (:mod:`fogwatch.store.corrections`).

Entities are not a kind in this sense: every other kind points at them, they
fold across documents as they are saved, and the store keeps them in tables of
their own (``entities``, ``document_entities``, ``mentions``).

``docs/adding-a-finding-kind.md`` walks through writing one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

import sqlalchemy as sa

from fogwatch.export.columns import Column
from fogwatch.findings import Analysis, Finding, TextSpan
from fogwatch.kinds import registry
from fogwatch.store.metadata import drop_table, finding_table

FilterOp = Literal["eq", "prefix", "ge", "le", "min"]


@dataclass(frozen=True, slots=True)
class Filter:
    """One way to narrow a kind's list: a query parameter and the column it tests.

    ``op``: ``eq`` (equal), ``prefix`` (the column starts with the value),
    ``ge`` / ``le`` (on or after / on or before; ``le`` also takes every value
    the given one is a prefix of, so ``until=2025-11-03`` keeps
    ``2025-11-03T14:00``; ``min``: a score of at least the value, in the typed
    column or else the record's field, and findings without one). ``choices`` closes the set of values the API accepts;
    ``pattern`` is a regular expression a value must match.
    """

    name: str
    column: str
    op: FilterOp = "eq"
    doc: str = ""
    choices: tuple[str, ...] | None = None
    pattern: str | None = None

    def clause(self, table: sa.Table, value: Any) -> Any:
        if self.op == "min":  # a score at least the value; a finding with no score stays
            score = (table.c[self.column] if self.column in table.c
                     else table.c.data[self.column].as_float())
            return sa.or_(score.is_(None), score >= float(value))
        col = table.c[self.column]
        if self.op == "prefix":
            return col.startswith(value, autoescape=True)
        if self.op == "ge":
            return col >= value
        if self.op == "le":
            return col <= str(value) + "\uffff"
        return col == value


# --- an analyst's review --------------------------------------------------------

REVIEW_STATES: tuple[str, ...] = ("confirmed", "corrected", "rejected", "added")

# Every kind's list takes this filter; without it, rejected findings are left out.
REVIEW_FILTER = Filter(
    "review", "review", doc="an analyst's review: confirmed, corrected, rejected, added, "
    "unreviewed, or all (default: every finding but the rejected ones)",
    choices=(*REVIEW_STATES, "unreviewed", "all"),
)

CORRECTED_COLUMN = Column(
    "corrected", "string", "an analyst's review of the finding: confirmed, corrected (a "
    "field set by hand; the machine's value is in the corrections export), rejected or "
    "added (by hand, where the machine found nothing); "
    "empty: as the machine found it",
)


CONFIDENCE_PATTERN = r"^(0(\.\d{1,6})?|1(\.0{1,6})?|\.\d{1,6})$"  # a score, 0 to 1


def _confidence_filter(field_name: str) -> Filter:
    return Filter("min_confidence", field_name, "min", pattern=CONFIDENCE_PATTERN,
                  doc=f"only findings whose {field_name} is at least this (0-1); "
                      "findings without one are kept")


def _review_clause(table: sa.Table, value: str | None) -> Any:
    col = table.c.review
    if value in (None, ""):
        return sa.or_(col.is_(None), col != "rejected")
    if value == "unreviewed":
        return col.is_(None)
    if value == "all":
        return sa.true()
    return col == value


# Validators for the fields a correction may set (``FindingKind.editable``): each
# takes the value given (JSON, or text from the command line) and returns the value
# to store, or raises ValueError saying what it expected.
Validator = Callable[[Any], Any]


def one_of(*choices: str) -> Validator:
    def check(value: Any) -> str:
        if value not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, not {value!r}")
        return str(value)
    check.choices = choices  # type: ignore[attr-defined]  # a form offers them
    return check


def text(max_length: int = 300, *, pattern: str | None = None,
         nullable: bool = False) -> Validator:
    """A string (stripped, not empty, at most ``max_length``), matching ``pattern``;
    with ``nullable``, an empty value clears the field."""
    def check(value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            if nullable:
                return None
            raise ValueError("expected a value, got nothing")
        if not isinstance(value, str):
            raise ValueError(f"expected text, not {type(value).__name__}")
        value = value.strip()
        if len(value) > max_length:
            raise ValueError(f"expected at most {max_length} characters")
        if pattern is not None and not re.fullmatch(pattern, value):
            raise ValueError(f"{value!r} does not look like {pattern}")
        return value
    return check


def number(value: Any) -> float | None:
    """A finite number (or text holding one); empty clears it."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError("expected a number, not true/false")
    try:
        out = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ValueError(f"expected a number, not {value!r}") from None
    if out != out or out in (float("inf"), float("-inf")):
        raise ValueError(f"expected a finite number, not {value!r}")
    return out


KEY = r"[A-Za-z][\w.-]*:[^\s,]{1,200}"  # an entity or place key: gaz:person/x, geo:706884


def keys(value: Any) -> list[str]:
    """A list of entity keys, as a list or as text separated by commas."""
    if value is None or value == "":
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(k, str) for k in items):
        raise ValueError("expected a list of keys")
    out = [k.strip() for k in items if k.strip()]
    for k in out:
        if not re.fullmatch(KEY, k):
            raise ValueError(f"{k!r} is not an entity key (like gaz:person/dmitry-peskov)")
    return out


_SPAN = re.compile(r"\s*(\d+)\s*(?:\.\.|-|:)\s*(\d+)\s*")


def _one_span(value: Any) -> dict[str, int]:
    if isinstance(value, Mapping):
        start, end = value.get("start"), value.get("end")
    elif isinstance(value, str) and (m := _SPAN.fullmatch(value)):
        start, end = int(m.group(1)), int(m.group(2))
    else:
        raise ValueError(f"expected offsets START..END, not {value!r}")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        raise ValueError(f"expected whole-number offsets, not {value!r}")
    if not 0 <= start < end:
        raise ValueError(f"expected 0 <= START < END, not {start}..{end}")
    return {"start": start, "end": end}


def _span_text(value: Any) -> str:
    """A stored span (or list of spans) as a form shows it: START..END[, ...]."""
    items = value if isinstance(value, list) else [value]
    return ", ".join(f"{v['start']}..{v['end']}" for v in items if isinstance(v, Mapping))


def span(*, many: bool = False) -> Validator:
    """Words of the document by their offsets: "START..END" (``many``: several,
    separated by commas, or a list) or ``{"start", "end"}``. The correction stores
    the offsets; :func:`build_span` makes them the record's span, with the words,
    when it is applied to the document (where offsets past its end are refused)."""
    def check(value: Any) -> Any:
        if many:
            items = [v for v in value.split(",") if v.strip()] if isinstance(value, str) else value
            if not isinstance(items, list) or not items:
                raise ValueError("expected one or more spans START..END")
            out = sorted((_one_span(v) for v in items), key=lambda d: d["start"])
            if any(a["end"] > b["start"] for a, b in zip(out, out[1:], strict=False)):
                raise ValueError("expected spans that do not overlap")
            return out
        return _one_span(value)
    check.spans = True  # type: ignore[attr-defined]  # applied with build_span
    check.show = _span_text  # type: ignore[attr-defined]
    return check


def build_span(value: Any, text: str, entity: str | None = None) -> Any:
    """A span field's stored value -> the record's TextSpan (or list of them), with
    the words from ``text``; ValueError when the offsets run past it."""
    def one(v: Mapping[str, Any]) -> TextSpan:
        if v["end"] > len(text):
            raise ValueError(f"offsets {v['start']}..{v['end']} run past the document's "
                             f"{len(text)} characters")
        return TextSpan(text=text[v["start"]:v["end"]], start=v["start"], end=v["end"],
                        entity=v.get("entity", entity))
    if value is None:
        return None
    return [one(v) for v in value] if isinstance(value, list) else one(value)


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
    # Fields a correction may set, each with the validator its value must pass.
    editable: Mapping[str, Validator] = field(default_factory=dict)
    # What follows on a record from a field a correction set (or gave back):
    # called as ``after_set(record, field, replaced)`` once the field holds its
    # new value; returns the replaced value as the correction keeps it, to give
    # back on withdrawal (a time's interval is worked out again from its value;
    # an attribution's new source words keep the speaker's entity).
    after_set: Callable[[Any, str, Any], Any] | None = None
    # The record field holding the machine's confidence in the finding (0-1), if it
    # has one: the kind's list takes ``min_confidence`` and the review queue lists
    # the low ones (:mod:`fogwatch.store.browse.review`).
    confidence: str | None = None
    # The words a correction finds the finding by again after re-analysis:
    # (start, end) from the record's dict; default, the row's start and end.
    anchor: Callable[[Mapping[str, Any]], tuple[int, int] | None] | None = None
    stage: Any = None  # a fogwatch.analyze.base.Stage, for a kind brought by a plug-in
    migrations: Path | None = None  # an alembic versions folder, for a plug-in's table
    _table: sa.Table | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or not self.name.islower():
            raise ValueError(f"a kind's name is lower-case snake case, not {self.name!r}")
        self.legend = dict(self.legend) or {self.label: self.label.capitalize()}
        self.id_prefix = self.id_prefix or self.name[:2]
        if all(f.name != REVIEW_FILTER.name for f in self.filters):
            self.filters = (*self.filters, REVIEW_FILTER)
        if self.confidence and all(f.name != "min_confidence" for f in self.filters):
            self.filters = (*self.filters, _confidence_filter(self.confidence))
        if all(c.name != CORRECTED_COLUMN.name for c in self.export_columns):
            self.export_columns = (*self.export_columns, CORRECTED_COLUMN)

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

    def anchor_of(self, data: Mapping[str, Any]) -> tuple[int, int] | None:
        """The span a correction of this finding is anchored on (None: it has none)."""
        if self.anchor is not None:
            return self.anchor(data)
        row = self.stored_row("", 0, dict(data))
        start, end = row.get("start"), row.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
            return start, end
        return None

    def where(self, values: Mapping[str, Any]) -> list[Any]:
        """SQL conditions for the given filter values (unknown names are refused).

        Rejected findings are left out unless ``review`` asks for them."""
        by_name = {f.name: f for f in self.filters}
        out: list[Any] = [_review_clause(self.table, values.get(REVIEW_FILTER.name))]
        for name, value in values.items():
            if value is None or value == "" or name == REVIEW_FILTER.name:
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
            out = self.export_row(row)
        else:
            data = row["data"] or {}
            out = {"document_id": row["document_id"], "idx": row["idx"], "start": row["start"],
                   "end": row["end"], "sentence": row["sentence"]}
            for column in self.export_columns:
                if column.name not in out and column.name != CORRECTED_COLUMN.name:
                    out[column.name] = data.get(column.name)
        out[CORRECTED_COLUMN.name] = row.get("review")
        return out

    def on_unregister(self) -> None:
        if self._table is not None:
            drop_table(self._table)
            self._table = None


def register(kind: FindingKind) -> FindingKind:
    return registry.register(kind)  # type: ignore[no-any-return]
