"""Helpers for watching feeds: polling intervals and the list of feeds to poll.

The polling loop itself, with its persisted seen-entry state, belongs to the
caller that owns the store; it passes a ``seen`` callback to
:func:`fogwatch.ingest.iter_sources` and stores ``Document.metadata["feed_key"]``.
"""

from __future__ import annotations

import re
from pathlib import Path

_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_MIN_INTERVAL = 1.0


def parse_interval(text: str) -> float:
    """Seconds in an interval like ``"30s"``, ``"15m"``, ``"1h"``, ``"2h30m"`` or ``"1d"``.

    A bare number means seconds. Raises ValueError with the accepted forms otherwise.
    """
    value = text.strip().lower().replace(" ", "")
    if not value:
        raise ValueError("empty interval (use e.g. 30s, 15m, 1h or 2h30m)")
    if re.fullmatch(r"\d+(?:\.\d+)?", value):
        seconds = float(value)
    else:
        pos = 0
        seconds = 0.0
        units: list[str] = []
        for match in _PART.finditer(value):
            if match.start() != pos:
                break
            unit = match.group(2)
            if unit in units:
                raise ValueError(f"interval {text!r} repeats the unit {unit!r}")
            units.append(unit)
            seconds += float(match.group(1)) * _UNIT_SECONDS[unit]
            pos = match.end()
        if pos != len(value) or not units:
            raise ValueError(
                f"cannot read interval {text!r} (use e.g. 30s, 15m, 1h or 2h30m)"
            )
    if seconds < _MIN_INTERVAL:
        raise ValueError(f"interval {text!r} is shorter than {_MIN_INTERVAL:g} s")
    return seconds


def read_feeds_file(path: str | Path) -> list[str]:
    """Feed URLs (or paths) from a file: one per line; blank lines and ``#`` comments
    (whole-line or after the URL) are ignored; duplicates are dropped, order kept."""
    text = Path(path).read_text(encoding="utf-8-sig")
    out: list[str] = []
    for line in text.splitlines():
        entry = line.split(" #", 1)[0].split("\t#", 1)[0].strip()
        if not entry or entry.startswith("#"):
            continue
        if entry not in out:
            out.append(entry)
    return out
