"""Figures in claims: what a figure counts, its range, and which figures disagree.

A proposition keeps the figures its sources give ("14 killed", "dozens of
drones"); :func:`number_disagreements` finds the pairs of sources whose figures
for the same kind of thing lie too far apart to be the same count.
"""

from __future__ import annotations

from typing import Any

from fogwatch.findings import NumberClaim
from fogwatch.reconcile import text as tx


def dedupe_numbers(numbers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures, each (document, value, unit, what is counted) once, first kept."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for n in numbers:
        key = (n.get("document"), n.get("value"), n.get("unit"), n.get("counted"))
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out


SHARE_UNITS = frozenset({"percent", "%"})
PERSONS = "persons"  # the class of counts of people, fighters or not
DISAGREE_RATIO = 1.5


def _number_class(n: dict[str, Any]) -> str | None:
    """What a figure counts, for comparing: people of any kind are one class."""
    unit = n.get("unit")
    if unit in ("troops", "people"):
        return PERSONS
    counted = tx.tokens(n.get("counted") or "")
    if counted and tx.person_unit(counted[-1]):
        return PERSONS
    return unit or (counted[-1].lower() if counted else None)


def figure_range(n: dict[str, Any]) -> tuple[float, float] | None:
    """The low and high reading of a figure: "200 to 400", "dozens" (24 to 99), "12"."""
    value = n.get("value")
    if value is None or value <= 0:
        return None
    upper = n.get("upper")
    if upper is not None and upper > value:
        return float(value), float(upper)
    vague = tx.VAGUE_RANGES.get((n.get("approx") or "").lower())
    if vague and vague[0] <= value <= vague[1]:
        return vague
    return float(value), float(value)


def number_disagreements(
    numbers: list[dict[str, Any]],
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs (lower, higher) of figures from two sources for the same kind of thing
    whose readings lie ``DISAGREE_RATIO`` apart or more.

    Counts of people compare whatever noun they use ("more than 5,000 Ukrainian
    troops" against "a few hundred Russian infiltrators" or "about 300
    people"); vague counts compare as ranges, so "thousands" does not
    contradict "over five thousand".
    """
    by_class: dict[str | None, list[tuple[float, float, dict[str, Any]]]] = {}
    for n in numbers:
        span = figure_range(n)
        kind = _number_class(n)
        if span is None or kind is None or kind in SHARE_UNITS:
            # A bare number ("two of them") says not what it counts; shares
            # answer different questions more often than they disagree.
            continue
        by_class.setdefault(kind, []).append((*span, n))
    pairs = []
    for figures in by_class.values():
        for _lo_a, hi_a, a in figures:
            for lo_b, _hi_b, b in figures:
                if (a.get("source") or "") != (b.get("source") or "") \
                        and lo_b >= DISAGREE_RATIO * hi_a:
                    pairs.append((a, b))
    return pairs


def numbers_disagree(numbers: list[dict[str, Any]]) -> bool:
    """Two sources give figures for the same kind of thing that differ by half or more."""
    return bool(number_disagreements(numbers))


def disagreeing_first(
    numbers: list[dict[str, Any]], pairs: list[tuple[dict[str, Any], dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The figures, those that disagree first (``pairs``, from
    :func:`number_disagreements`): the widest pair, then the rest of them.

    Readers (the brief shows a few figures) then see what disagrees with what.
    """
    if not pairs:
        return numbers

    def ratio(pair: tuple[dict[str, Any], dict[str, Any]]) -> float:
        low, high = (figure_range(n) or (1.0, 1.0) for n in pair)
        return high[0] / low[1]

    first: list[dict[str, Any]] = []
    for pair in sorted(pairs, key=ratio, reverse=True):
        for n in pair:
            if not any(n is m for m in first):
                first.append(n)
    return first + [n for n in numbers if not any(n is m for m in first)]


def as_number_claims(data: dict[str, Any]) -> list[NumberClaim]:
    return [NumberClaim.from_dict(n) for n in data.get("numbers", [])]
