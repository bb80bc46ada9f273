"""Tabular exports: every finding kind out of a store, one file per kind.

``export_tables(store, out_dir, format="jsonl" | "csv" | "parquet")`` writes
``<kind>.<ext>`` for each kind in :data:`KINDS`. The work is split by job:

- :mod:`fogwatch.export.columns`: the columns of each kind and their types;
- :mod:`fogwatch.export.sources`: rows read out of the store page by page;
- :mod:`fogwatch.export.writers`: the files, one writer per format.

How values are written:

- JSON Lines: one object per line, every column present (``null`` when empty);
  dates and instants as ISO 8601 text, lists and objects as JSON.
- CSV: a header row, then one row per record; empty field = null; booleans
  ``true``/``false``; lists and objects as compact JSON text.
- Parquet: an explicit Arrow schema per kind: ``date32`` days,
  ``timestamp[us, UTC]`` instants, nullable ``int64`` whole numbers, list and
  list<struct> columns; only document metadata (keys and values the source chose)
  is JSON text.

:func:`read_rows` reads any of the three back into the same rows. Everything
importable from here before the split still is.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fogwatch.export.columns import (
    COLUMN_TYPES,
    FORMATS,
    SCHEMAS,
    STRUCTS,
    Column,
    ExportedFile,
    Progress,
    kinds,
)
from fogwatch.export.sources import (
    PAGE_SIZE,
    _date_range,
    _docs_in_range,
    count_rows,
    iter_rows,
    read_pages,
)
from fogwatch.export.writers import (
    PARQUET_GROUP_ROWS,
    WRITERS,
    CsvWriter,
    JsonlWriter,
    ParquetWriter,
    RowWriter,
    arrow_schema,
    arrow_type,
    csv_value,
    from_arrow,
    open_writer,
    to_json,
)
from fogwatch.store import Store

__all__ = [
    "COLUMN_TYPES", "FORMATS", "PAGE_SIZE", "PARQUET_GROUP_ROWS", "SCHEMAS",
    "STRUCTS", "WRITERS", "Column", "CsvWriter", "ExportedFile", "JsonlWriter",
    "ParquetWriter", "Progress", "RowWriter", "_date_range", "_docs_in_range",
    "arrow_schema", "arrow_type", "check_kinds", "count_rows", "csv_value", "export_kind", "kinds",
    "export_tables", "from_arrow", "iter_rows", "open_writer", "read_pages", "read_rows",
    "to_json",
]

# --- the export --------------------------------------------------------------------


def check_kinds(asked: Iterable[str] | None) -> tuple[str, ...]:
    """The kinds asked for, in export order (:func:`~fogwatch.export.columns.kinds`,
    which includes kinds registered by plug-ins); ValueError naming any unknown one."""
    known = kinds()
    if not asked:
        return known
    wanted = list(dict.fromkeys(asked))
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise ValueError(
            f"unknown kind {', '.join(map(repr, unknown))}; choose from {', '.join(known)}"
        )
    return tuple(k for k in known if k in wanted)


def __getattr__(name: str) -> tuple[str, ...]:
    if name == "KINDS":  # computed on use: plug-in kinds register after import
        return kinds()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_kind(store: Store, kind: str, path: Path, format: str, *,
                since: str | None = None, until: str | None = None,
                progress: Progress | None = None, page_size: int = PAGE_SIZE) -> ExportedFile:
    """Write one kind to ``path`` in ``format``; returns the file and its row count."""
    columns = SCHEMAS[kind]
    total = count_rows(store, kind, since=since, until=until) if progress else None
    if progress:
        progress(kind, 0, total)
    with open_writer(path, columns, format) as writer:
        for page in iter_rows(store, kind, since=since, until=until, page_size=page_size):
            writer.write(page)
            if progress:
                progress(kind, writer.rows, total)
    return ExportedFile(kind, Path(path), writer.rows)


def export_tables(
    store: Store, out_dir: str | Path, format: str = "jsonl", *,
    kinds: Iterable[str] | None = None, since: str | None = None, until: str | None = None,
    progress: Progress | None = None, page_size: int = PAGE_SIZE,
) -> list[ExportedFile]:
    """Write ``<kind>.<format>`` into ``out_dir`` for each kind (all by default).

    ``since``/``until`` (ISO dates, inclusive) keep findings of documents published
    in the range (undated documents are then left out); propositions overlapping
    the range; stances, merged events and event reports dated within it.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    chosen = check_kinds(kinds)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return [
        export_kind(store, kind, out / f"{kind}.{format}", format, since=since, until=until,
                    progress=progress, page_size=page_size)
        for kind in chosen
    ]


# --- reading an export back ----------------------------------------------------------


def _parse_csv_cell(column: Column, cell: str) -> Any:
    if cell == "":
        return None
    if column.type == "int":
        return int(cell)
    if column.type == "float":
        return float(cell)
    if column.type == "bool":
        return cell == "true"
    if column.type.startswith("list<") or column.type == "json":
        return json.loads(cell)
    return cell


def read_rows(path: str | Path, kind: str | None = None) -> list[dict[str, Any]]:
    """The rows of an exported file, as JSON Lines spells them, from any of the three
    formats (for checks and small files): Parquet dates and instants come back as
    ISO 8601 text, CSV cells as numbers, booleans, lists and objects.

    ``kind`` defaults to the file name's stem (``events.csv`` -> events).
    """
    path = Path(path)
    columns = SCHEMAS[kind or path.name.split(".")[0]]
    suffix = path.suffix.lstrip(".")
    if suffix == "jsonl":
        with open(path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    if suffix == "csv":
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader)
            by_name = {c.name: c for c in columns}
            return [{name: _parse_csv_cell(by_name[name], cell)
                     for name, cell in zip(header, record, strict=True)} for record in reader]
    if suffix == "parquet":
        import pyarrow.parquet as pq

        return from_arrow(columns, pq.read_table(path).to_pylist())
    raise ValueError(f"cannot read {path}: not .jsonl, .csv or .parquet")
