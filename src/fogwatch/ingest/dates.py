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
import re
import time
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


@dataclass(slots=True)
class DateInfo:
    published: str | None
    source: DateSource | None
    evidence: str | None = None


def normalise_date(value: object) -> str | None:
    """ISO date (or datetime when a time is known) from a string, date, datetime or
    ``time.struct_time``; None when the value is not a complete calendar date."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        value = dt.datetime(*value[:6], tzinfo=dt.UTC)
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return _from_timestamp(float(value))
    if not isinstance(value, str):
        return None
    return _from_string(value.strip())


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
    from dateutil import parser

    try:
        a = parser.parse(text, default=_DEFAULT_A, fuzzy=False)
        b = parser.parse(text, default=_DEFAULT_B, fuzzy=False)
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if a.date() != b.date():  # year, month or day missing: not a publication date
        return None
    if (a.hour, a.minute, a.second) != (b.hour, b.minute, b.second):
        return a.date().isoformat()
    return a.isoformat()


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
    iso = normalise_date(phrase)
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
