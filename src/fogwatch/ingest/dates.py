"""Publication dates: normalise what metadata says, or infer one from the text.

Precedence (first that gives a date wins), recorded in ``Document.date_source``:

1. ``"metadata"``: the item's own date (HTML meta tags via trafilatura, a feed
   entry's published date, a JSON ``published``/``date`` field, a ``Date:``
   header line in a text file). The source knows best when it published.
2. ``"given"``: the ``date`` argument of :func:`fogwatch.ingest.iter_sources`
   (``--date`` on the command line). It overrides anything guessed from the text,
   because a user who says when a text was published knows more than a heuristic.
3. ``"inferred"``: from the text, with ``date_evidence`` holding the words used:
   a dateline or a "Published ..." line near the top, else the latest full
   absolute date written in the text ("November 10, 2025", "10 Nov 2025",
   "2025-11-10") that is not in the future.
4. None: the document is still returned, only undated.

Dates are ISO ``YYYY-MM-DD``; when the source gives a time of day it is kept as a
full ISO datetime (with its UTC offset if it had one).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
import warnings
from dataclasses import dataclass

from fogwatch.findings import DateSource

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"  # November 10, 2025
    rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"  # 10 November 2025
    r"|\d{4}-\d{2}-\d{2})\b"  # 2025-11-10
)
# "KYIV, Ukraine, Nov. 10, 2025 (AP) —": an upper-case place, then the date, at a line start.
_DATELINE_LEAD = re.compile(r"(?m)^[A-Z][A-Z.'\- ]+(?:,\s*[A-Z][A-Za-z.'\- ]+)?,\s*$")
_PUBLISHED_LEAD = re.compile(
    r"(?im)^\W*(?:published|posted|updated|last updated|first published|date)\b[^\n]{0,12}$"
)
_DATELINE_WINDOW = 400

# Two distinct defaults: a field that comes out different under both was not in the input.
_DEFAULT_A = dt.datetime(1904, 1, 1, 0, 0, 0)
_DEFAULT_B = dt.datetime(1908, 2, 2, 1, 1, 1)
# An ISO date at the start, sign and all, so that an out-of-range year is named.
_ISO_DATE = re.compile(r"([-+\u2212]?)(\d{4,})-(\d{2})-(\d{2})(?!\d)")
# Unix timestamps fogwatch accepts: 9 to 13 digits, seconds or milliseconds.
_MIN_TIMESTAMP = 100_000_000
_MAX_TIMESTAMP = 10_000_000_000_000


@dataclass(slots=True)
class DateInfo:
    published: str | None
    source: DateSource | None
    evidence: str | None = None


def normalise_date(value: object) -> str | None:
    """ISO date (or datetime when a time is known) from a string, date, datetime,
    ``time.struct_time`` or Unix timestamp.

    None when the value does not read as a complete calendar date ("November 2025",
    "yesterday"); ValueError, with the reason, when it reads as one that cannot be
    right (year 0 or a negative year, 31 February, a UTC offset beyond 24 hours, a
    boolean): a wrong date must be refused, never stored as some other date.
    Nothing else is raised.
    """
    if value is None:
        return None
    if isinstance(value, bool):  # an int to Python, but True is not 1970-01-01T00:00:01
        raise ValueError(f"{value} is a boolean, not a date")
    if isinstance(value, time.struct_time):
        try:
            value = dt.datetime(*value[:6], tzinfo=dt.UTC)
        except (TypeError, ValueError, OverflowError) as err:
            raise ValueError(f"{tuple(value[:6])} is not a valid date ({err})") from err
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _from_number(value)
    if not isinstance(value, str):
        return None
    return _from_string(value.strip())


def _from_number(value: float) -> str:
    # Only numbers that can be Unix timestamps (the same 9 to 13 digits the string
    # form accepts): 2025 or 20251110 read as seconds would be a wrong 1970 date.
    if not math.isfinite(value) or not _MIN_TIMESTAMP <= value < _MAX_TIMESTAMP:
        raise ValueError(
            f"{value!r} is not a Unix timestamp in seconds or milliseconds (expected "
            "9 to 13 digits)"
        )
    iso = _from_timestamp(float(value))
    if iso is None:
        raise ValueError(f"{value!r} is out of the range of dates")
    return iso


def _from_timestamp(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds, as JavaScript writes them
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def _from_string(text: str) -> str | None:
    if not text or len(text) > 100:
        return None
    if re.fullmatch(r"\d{9,13}", text):
        return _from_timestamp(float(text))
    iso_like = _ISO_DATE.match(text)
    if iso_like:
        sign, year = iso_like.group(1), iso_like.group(2)
        if sign or len(year) > 4 or int(year) == 0:
            raise ValueError(f"{text!r} is not a valid date (year {sign}{year} is out of range 1 to 9999)")
        try:
            # The standard form first: dateutil reads "0099-01-01" as 1999.
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            pass  # "2025-11-10 08:00 GMT" and friends: dateutil below
        else:
            if len(text) == 10:
                return parsed.date().isoformat()
            return parsed.isoformat()
    from dateutil import parser

    try:
        with warnings.catch_warnings():
            # An unknown zone name is left out of the result; the warning would only
            # repeat that for every such date in a batch.
            warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
            a = parser.parse(text, default=_DEFAULT_A, fuzzy=False)
            b = parser.parse(text, default=_DEFAULT_B, fuzzy=False)
            # dateutil builds any offset it reads ("+9999"); datetime refuses one of
            # 24 hours or more only when asked for it, which isoformat() would do.
            a.utcoffset()
    except parser.ParserError as err:
        if err.__cause__ is None:  # no date in it at all: not a date, not a wrong one
            return None
        raise ValueError(f"{text!r} is not a valid date ({err.__cause__})") from err
    except OverflowError as err:
        raise ValueError(f"{text!r} is not a valid date (a number in it is too large)") from err
    except ValueError as err:  # raised past dateutil's own wrapping: the UTC offset
        why = "UTC offset must be under 24 hours" if "offset" in str(err) else str(err)
        raise ValueError(f"{text!r} is not a valid date ({why})") from err
    except Exception as err:  # dateutil has no other documented failure; keep the contract
        raise ValueError(f"{text!r} cannot be read as a date ({type(err).__name__})") from err
    if a.date() != b.date():  # year, month or day missing: not a publication date
        return None
    _check_year(text, a.year)
    if (a.hour, a.minute, a.second) != (b.hour, b.minute, b.second):
        return a.date().isoformat()
    return a.isoformat()


def _check_year(text: str, year: int) -> None:
    """Refuse a year that dateutil made up: it reads "1 Jan 0000" as 2000, "1/2/3" as
    2003 and drops the sign of "Jan 1, -5000". The year must be written in the text,
    in full or as two digits, and not only after a minus sign."""
    written = False
    for run in re.finditer(r"\d+", text):
        digits = run.group(0)
        full = int(digits) == year and len(digits) >= 3
        compact = len(digits) in (6, 8, 12, 14) and digits.startswith(f"{year:04d}")
        short = len(digits) == 2 and int(digits) == year % 100
        if not (full or compact or short):
            continue
        start = run.start()
        signed = start > 0 and text[start - 1] in "-\u2212" and (
            start == 1 or not text[start - 2].isalnum()
        )
        if not signed:
            written = True
    if not written:
        raise ValueError(f"{text!r} is not a valid date (its year is missing, signed or out of range)")


def infer_date(text: str, today: dt.date | None = None) -> tuple[str, str] | None:
    """(ISO date, the words it came from), from a dateline or the latest date in the text."""
    today = today or dt.date.today()
    head = text[:_DATELINE_WINDOW]
    for match in _FULL_DATE.finditer(head):
        before = head[: match.start()]
        line_start = before.rfind("\n") + 1
        lead = before[line_start:]
        if _DATELINE_LEAD.match(lead) or _PUBLISHED_LEAD.match(lead):
            iso = _checked(match.group(0), today)
            if iso:
                return iso, text[line_start : match.end()].strip()
    best: tuple[str, str] | None = None
    for match in _FULL_DATE.finditer(text):
        iso = _checked(match.group(0), today)
        if iso and (best is None or iso > best[0]):
            best = (iso, match.group(0))
    return best


def _checked(phrase: str, today: dt.date) -> str | None:
    try:
        iso = normalise_date(phrase)
    except ValueError:  # "2025-02-30" in running text is a typo, not the date
        return None
    if iso is None:
        return None
    day = dt.date.fromisoformat(iso[:10])
    if day > today or day.year < 1900:
        return None
    return iso


def resolve_date(
    metadata: object, given: str | None, text: str, today: dt.date | None = None
) -> DateInfo:
    """Apply the precedence in the module docstring."""
    iso = normalise_date(metadata)
    if iso:
        return DateInfo(iso, "metadata")
    if given:
        iso = normalise_date(given)
        if iso is None:
            raise ValueError(f"--date {given!r} is not a calendar date (use YYYY-MM-DD)")
        return DateInfo(iso, "given")
    inferred = infer_date(text, today)
    if inferred:
        return DateInfo(inferred[0], "inferred", inferred[1])
    return DateInfo(None, None)
