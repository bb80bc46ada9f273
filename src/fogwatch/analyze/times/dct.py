"""Inferring the document creation time from the text when no date came with it.

The latest fully written date (day, month and year) is taken as the writing
day, moved by a deictic word right beside it ("yesterday, March 3, 2024" puts
the writing a day later). Dates far in the future of everything else the
text dates are not special-cased: war reporting rarely dates days ahead in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from fogwatch.analyze.times.grammar import MONTHS, Candidate, find_candidates

_FULL_DATE_RULES = frozenset({"iso_date", "num_date", "month_day", "day_month"})
_SHIFT = {"yesterday": 1, "today": 0, "tomorrow": -1}
_SENTENCE_END = re.compile(r"[.!?]\s+|\n")


@dataclass(frozen=True, slots=True)
class InferredDate:
    day: date
    evidence: str  # the words that gave it


def infer_dct(text: str, candidates: list[Candidate] | None = None) -> InferredDate | None:
    """The inferred writing day; ``candidates``: the grammar's matches, if already found."""
    best: tuple[date, int, int] | None = None
    for c in find_candidates(text) if candidates is None else candidates:
        if c.rule not in _FULL_DATE_RULES:
            continue
        d = _full_date(c.rule, c.match)
        if d is not None and (best is None or d > best[0]):
            best = (d, c.start, c.end)
    if best is None:
        return None
    day, start, end = best
    # only a deictic word right beside the date re-dates it ("yesterday, March 3")
    near = text[max(0, start - 16):end + 16]
    near = _sentence_around(near, start - max(0, start - 16), end - max(0, start - 16))
    for word, shift in _SHIFT.items():
        if re.search(rf"\b{word}\b", near, re.IGNORECASE):
            day = day + timedelta(days=shift)
            break
    return InferredDate(day, text[start:end])


def _full_date(rule: str, m: re.Match[str]) -> date | None:
    groups = m.groupdict()
    try:
        if rule in ("iso_date", "num_date"):
            y = int(groups["y"])
            if y < 100:
                y += 1900 if y > 50 else 2000
            return date(y, int(groups["m"]), int(groups["d"]))
        if not groups.get("year"):
            return None
        return date(int(groups["year"]), MONTHS[groups["month"].rstrip(".").lower()], int(groups["day"]))
    except (ValueError, KeyError):
        return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left:right.start() if right else len(text)]
