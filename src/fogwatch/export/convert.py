"""Value conversions shared by the export converters (stored row -> exported row).

Exported rows use the JSON Lines spelling: dates as ``YYYY-MM-DD`` text,
instants as ISO 8601 text, lists and objects as Python lists and dicts; the
writers type them per format.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


def iso(moment: datetime | str | None) -> str | None:
    if moment is None or isinstance(moment, str):
        return moment
    if moment.tzinfo is None:  # SQLite returns naive datetimes; the store writes UTC
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat()


def as_int(value: Any) -> int | None:
    return None if value is None else int(value)


def as_float(value: Any) -> float | None:
    return None if value is None else float(value)


def day(value: Any) -> str | None:
    """The YYYY-MM-DD part of a stored date or datetime (a date column holds days)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)[:10] or None


def span_fields(span: dict[str, Any] | None) -> tuple[str | None, int | None, int | None]:
    if not span:
        return None, None, None
    return span.get("text"), as_int(span.get("start")), as_int(span.get("end"))


def spans(value: Any) -> list[dict[str, Any]]:
    return [{"text": s.get("text"), "start": as_int(s.get("start")), "end": as_int(s.get("end"))}
            for s in value or [] if isinstance(s, dict)]


def provenance(row: Mapping[str, Any]) -> dict[str, Any]:
    """The columns every finding kind's export starts with."""
    return {"document_id": row["document_id"], "idx": row["idx"], "start": as_int(row["start"]),
            "end": as_int(row["end"]), "sentence": as_int(row["sentence"])}
