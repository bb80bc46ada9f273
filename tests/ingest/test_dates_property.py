"""Date normalisation holds for any input: a date, None, or a ValueError with a reason."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fogwatch.ingest.dates import infer_date, normalise_date

# Date-like pieces, so that the generator reaches dateutil's deeper paths (offsets,
# two-digit years, signs) instead of only "Unknown string format".
_PIECES = st.sampled_from([
    "Jan", "Feb", "November", "Mon,", "Thu,", "GMT", "UTC", "Z", "T", ":", "-", "+", "/",
    ".", ",", " ", "00", "01", "1", "12", "24", "29", "30", "31", "60", "99", "0000",
    "1970", "2025", "9999", "10000", "+9999", "-5000", "+0000", "-0500", "am", "pm",
    "\u2212", "1e400", "99999999999999999999",
])
_DATEISH = st.lists(_PIECES | st.integers(-10**6, 10**6).map(str), max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120) | _DATEISH)
@example("Thu, 01 Jan 1970 00:00:00 +9999")
@example("-5000-01-01")
@example("0000-01-01")
@example("1 Jan 0000")
@example("99999999999999999999 Jan 2025")
def test_any_text_gives_a_date_none_or_a_value_error(text: str) -> None:
    try:
        iso = normalise_date(text)
    except ValueError as err:
        assert str(err)  # the reason is what the user sees
        return
    if iso is not None:
        # What comes out is a real ISO date (or datetime) with a year in range.
        parsed = dt.datetime.fromisoformat(iso)
        assert 1 <= parsed.year <= 9999


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_iso_dates_round_trip(day: dt.date) -> None:
    assert normalise_date(day.isoformat()) == day.isoformat()


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(
        min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30),
        timezones=st.none() | st.timezones(),
    ).filter(lambda d: d.second or d.minute or d.hour or d.tzinfo is not None)
)
def test_iso_datetimes_round_trip(moment: dt.datetime) -> None:
    moment = moment.replace(microsecond=0)
    try:
        text = moment.isoformat()
    except (ValueError, OverflowError):  # a zone that cannot say its offset that year
        return
    assert dt.datetime.fromisoformat(normalise_date(text) or "") == dt.datetime.fromisoformat(text)


@settings(max_examples=200, deadline=None)
@given(st.from_type(object).filter(lambda v: not isinstance(v, str)) | st.floats() | st.integers())
def test_any_value_gives_a_date_none_or_a_value_error(value: object) -> None:
    with contextlib.suppress(ValueError):  # the one exception allowed
        normalise_date(value)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | _DATEISH)
def test_inference_never_raises(text: str) -> None:
    found = infer_date(text, dt.date(2025, 11, 20))
    assert found is None or dt.date.fromisoformat(found[0][:10]) <= dt.date(2025, 11, 20)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("Thu, 01 Jan 1970 00:00:00 +9999", "UTC offset must be under 24 hours"),
        ("-5000-01-01", "year -5000 is out of range"),
        ("0000-01-01", "year 0000 is out of range"),
        ("10000-01-01", "year 10000 is out of range"),
        ("Jan 1, -5000", "its year is missing, signed or out of range"),
        ("1 Jan 0000", "its year is missing, signed or out of range"),
        ("2025-02-30", "day is out of range for month"),
        (True, "a boolean, not a date"),
        (2025, "not a Unix timestamp"),
        (float("inf"), "not a Unix timestamp"),
    ],
)
def test_wrong_dates_are_refused_with_the_reason(value: object, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        normalise_date(value)


def test_early_years_are_kept_as_written() -> None:
    assert normalise_date("0001-01-01") == "0001-01-01"
    assert normalise_date("0099-01-01") == "0099-01-01"  # not 1999
    assert normalise_date("10 Nov 25") == "2025-11-10"  # a two-digit year is still a year
