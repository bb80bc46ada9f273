"""Writers: rows with fixed columns into JSON Lines, CSV or Parquet files.

Each writer writes under a temporary name and renames the file when complete,
so a failed export never leaves a half-written file under the real name. Rows
arrive in the JSON Lines spelling (see :mod:`fogwatch.export.sources`): JSON
Lines and CSV write them as they are, Parquet types them by column
(:func:`arrow_schema`) and :func:`from_arrow` turns Parquet values back.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fogwatch.export.columns import FORMATS, SCALAR_TYPES, STRUCTS, Column
from fogwatch.export.convert import iso

# Rows buffered before a Parquet row group is written (larger groups compress better).
PARQUET_GROUP_ROWS = 20_000


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(value: Any) -> str:
    """Compact JSON text, UTF-8 characters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_json_default)


def csv_value(value: Any) -> str:
    """How one value is spelled in a CSV cell (empty = null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict, tuple)):
        return to_json(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


class RowWriter(AbstractContextManager["RowWriter"]):
    """Writes rows with fixed columns to one file; the file appears only when complete."""

    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        self.path = Path(path)
        self.columns = tuple(columns)
        self.rows = 0
        self._tmp = self.path.with_name(self.path.name + ".part")

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        raise NotImplementedError

    def _abort(self) -> None:
        raise NotImplementedError

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self._finish()
            os.replace(self._tmp, self.path)
        else:
            self._abort()
            self._tmp.unlink(missing_ok=True)


class JsonlWriter(RowWriter):
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        self._fh = open(self._tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Each row projected onto the columns; without columns, each record whole."""
        names = [c.name for c in self.columns]
        for row in rows:
            self._fh.write(to_json({n: row.get(n) for n in names} if names else row))
            self._fh.write("\n")
            self.rows += 1

    def _finish(self) -> None:
        self._fh.close()

    def _abort(self) -> None:
        self._fh.close()


class CsvWriter(RowWriter):
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        super().__init__(path, columns)
        self._fh = open(self._tmp, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self._csv.writerow([c.name for c in self.columns])

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        names = [c.name for c in self.columns]
        for row in rows:
            self._csv.writerow([csv_value(row.get(n)) for n in names])
            self.rows += 1

    def _finish(self) -> None:
        self._fh.close()

    def _abort(self) -> None:
        self._fh.close()


def _arrow_scalar(kind: str) -> Any:
    import pyarrow as pa

    return {
        "string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
        "date": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"),
    }[kind]


def arrow_type(kind: str) -> Any:
    """The Arrow type of a column type (see :mod:`fogwatch.export.columns`)."""
    import pyarrow as pa

    if kind in SCALAR_TYPES:
        return _arrow_scalar(kind)
    if kind == "json":
        return pa.string()
    if kind.startswith("list<") and kind.endswith(">"):
        inner = kind[5:-1]
        if inner in STRUCTS:
            return pa.list_(pa.struct([pa.field(n, _arrow_scalar(t), nullable=True)
                                       for n, t in STRUCTS[inner]]))
        return pa.list_(_arrow_scalar(inner))
    raise ValueError(f"unknown column type {kind!r}")


# pandas reads an int64 column with nulls as float64 and a bool column with nulls as
# object unless the file says which pandas dtypes it holds: these are the nullable
# ones (Int64, boolean), so `pandas.read_parquet` gives whole numbers back whole.
_PANDAS_DTYPES = {"int": ("int64", "Int64"), "bool": ("bool", "boolean")}


def _pandas_metadata(columns: Sequence[Column]) -> bytes:
    described = []
    for c in columns:
        pandas_type, numpy_type = _PANDAS_DTYPES.get(c.type, ("object", "object"))
        described.append({"name": c.name, "field_name": c.name, "pandas_type": pandas_type,
                          "numpy_type": numpy_type, "metadata": None})
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": described,
                       "creator": {"library": "fogwatch"}, "pandas_version": "2.0.0"}
                      ).encode("utf-8")


def arrow_schema(columns: Sequence[Column]) -> Any:
    """The Arrow schema of a kind: real types for dates, instants, integers and lists."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c.type), nullable=True) for c in columns],
                     metadata={b"pandas": _pandas_metadata(columns)})


def _to_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None  # not a calendar day: fogwatch writes none, a hand-edited store might


def _to_instant(value: Any) -> datetime | None:
    if value is None:
        return None
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _to_json_text(value: Any) -> str | None:
    return None if value is None else to_json(value)


def _struct_converter(fields: tuple[tuple[str, str], ...]) -> Callable[[Any], Any]:
    dated = [n for n, t in fields if t == "date"]

    def convert(items: Any) -> Any:
        if items is None or not dated:
            return items
        return [{**item, **{n: _to_date(item.get(n)) for n in dated}} for item in items]

    return convert


def _to_arrow_value(kind: str) -> Callable[[Any], Any] | None:
    """How a row value becomes the Python value Arrow takes for the type; None: as it is."""
    if kind == "date":
        return _to_date
    if kind == "timestamp":
        return _to_instant
    if kind == "json":
        return _to_json_text
    if kind.startswith("list<") and kind[5:-1] in STRUCTS:
        return _struct_converter(STRUCTS[kind[5:-1]])
    return None


def _from_struct(fields: tuple[tuple[str, str], ...]) -> Callable[[Any], Any]:
    dated = [n for n, t in fields if t == "date"]

    def convert(items: Any) -> Any:
        if items is None or not dated:
            return items
        return [{**item, **{n: _date_text(item.get(n)) for n in dated}} for item in items]

    return convert


def _date_text(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, date) else value


def _json_value(value: Any) -> Any:
    return None if value is None else json.loads(value)


def from_arrow(columns: Sequence[Column], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parquet rows (as pyarrow's ``to_pylist`` gives them) in the JSON Lines spelling."""
    converters: dict[str, Callable[[Any], Any]] = {}
    for c in columns:
        if c.type == "date":
            converters[c.name] = _date_text
        elif c.type == "timestamp":
            converters[c.name] = iso
        elif c.type == "json":
            converters[c.name] = _json_value
        elif c.type.startswith("list<") and c.type[5:-1] in STRUCTS:
            converters[c.name] = _from_struct(STRUCTS[c.type[5:-1]])
    for row in rows:
        for name, convert in converters.items():
            if name in row:
                row[name] = convert(row[name])
    return rows


class ParquetWriter(RowWriter):
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        import pyarrow.parquet as pq

        super().__init__(path, columns)
        self._schema = arrow_schema(self.columns)
        self._convert = [(c.name, _to_arrow_value(c.type)) for c in self.columns]
        self._writer = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        self._buffer: list[dict[str, Any]] = []

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self._buffer.append({name: convert(row.get(name)) if convert else row.get(name)
                                 for name, convert in self._convert})
            self.rows += 1
        if len(self._buffer) >= PARQUET_GROUP_ROWS:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self._buffer:
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def _finish(self) -> None:
        self._flush()
        self._writer.close()

    def _abort(self) -> None:
        self._buffer = []
        self._writer.close()


WRITERS: dict[str, type[RowWriter]] = {
    "jsonl": JsonlWriter, "csv": CsvWriter, "parquet": ParquetWriter,
}


def open_writer(path: Path, columns: Sequence[Column], format: str) -> RowWriter:
    if format not in WRITERS:
        raise ValueError(f"unknown format {format!r}; choose from {', '.join(FORMATS)}")
    return WRITERS[format](path, columns)
