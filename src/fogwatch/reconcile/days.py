"""Day arithmetic on ISO dates that never raises.

Documents can carry any date the calendar allows (``0001-01-01`` from a JSON
record, ``9999-12-31`` from a typo); a window around such a day runs off the
calendar. The window is then clamped to the calendar's ends, so matching goes on
instead of stopping a rebuild halfway.
"""

from __future__ import annotations

from datetime import date, timedelta


def shift_day(day: str | None, days: int) -> str | None:
    """``day`` (``YYYY-MM-DD``) moved by ``days``, clamped to year 1..9999; None when
    ``day`` is empty or not an ISO date."""
    if not day:
        return None
    try:
        start = date.fromisoformat(day[:10])
    except ValueError:
        return None
    try:
        return (start + timedelta(days=days)).isoformat()
    except OverflowError:
        return (date.min if days < 0 else date.max).isoformat()
