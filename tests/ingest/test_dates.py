"""Publication-date normalisation, inference and precedence."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from fogwatch.ingest.dates import infer_date, normalise_date, resolve_date

TODAY = dt.date(2025, 11, 20)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-11-10", "2025-11-10"),
        ("Nov. 10, 2025", "2025-11-10"),
        ("10 November 2025", "2025-11-10"),
        ("Mon, 10 Nov 2025 08:00:00 GMT", "2025-11-10T08:00:00+00:00"),
        ("2025-11-10T08:30:00+02:00", "2025-11-10T08:30:00+02:00"),
        (dt.date(2025, 11, 10), "2025-11-10"),
        (time.struct_time((2025, 11, 10, 6, 0, 0, 0, 314, 0)), "2025-11-10T06:00:00+00:00"),
        (1762761600, "2025-11-10T08:00:00+00:00"),
        ("November 2025", None),  # no day: not a publication date
        ("November 10", None),  # no year
        ("yesterday", None),
        ("", None),
    ],
)
def test_normalise_date(value: object, iso: str | None) -> None:
    assert normalise_date(value) == iso


def test_dateline_beats_later_dates() -> None:
    text = "KYIV, Nov. 10, 2025 — Officials recalled the strike of November 14, 2024 and ..."
    assert infer_date(text, TODAY) == ("2025-11-10", "KYIV, Nov. 10, 2025")


def test_published_line() -> None:
    text = "Drone debris falls on Lviv suburb\nPublished: 9 November 2025\nDebris fell..."
    assert infer_date(text, TODAY) == ("2025-11-09", "Published: 9 November 2025")


def test_latest_past_date_without_dateline() -> None:
    text = (
        "The deal signed on 3 March 2024 was extended on October 30, 2025. "
        "A review is set for January 15, 2026."
    )
    assert infer_date(text, TODAY) == ("2025-10-30", "October 30, 2025")
    assert infer_date("No dates at all, only last Tuesday.", TODAY) is None


def test_precedence() -> None:
    text = "KYIV, Nov. 10, 2025 — report."
    assert resolve_date("2025-11-11", "2025-11-12", text, TODAY).source == "metadata"
    given = resolve_date(None, "2025-11-12", text, TODAY)
    assert (given.published, given.source) == ("2025-11-12", "given")
    inferred = resolve_date("not a date", None, text, TODAY)
    assert (inferred.published, inferred.source, inferred.evidence) == (
        "2025-11-10", "inferred", "KYIV, Nov. 10, 2025"
    )
    assert resolve_date(None, None, "undated", TODAY).published is None
