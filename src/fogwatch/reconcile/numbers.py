"""Figures in claims: what a figure counts, its range, and which figures disagree.

A proposition keeps the figures its sources give ("14 killed", "dozens of
drones"); :func:`number_disagreements` finds the pairs of sources whose figures
for the same kind of thing lie too far apart to be the same count.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from fogwatch import sentences as sx
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


# --- what a figure counts ---------------------------------------------------------

# Stem prefix -> what happened to what is counted. "14 killed and 40 injured" are
# two counts; "5,000 encircled" and "a few hundred infiltrators" count different
# people. Multi-word kinds are matched on the lowered text.
KIND_STEMS: dict[str, str] = {
    "kill": "killed", "dead": "killed", "death": "killed", "died": "killed", "dying": "killed",
    "toll": "killed", "fatalit": "killed", "bodi": "killed", "perish": "killed",
    "injur": "injured", "wound": "injured", "hurt": "injured",
    "encircl": "encircled", "surround": "encircled", "trap": "encircled",
    "cauldron": "encircled", "blockad": "encircled",
    "infiltrat": "infiltrated",
    "captur": "captured", "prisoner": "captured", "captiv": "captured", "pows": "captured",
    "surrend": "surrendered",
    "missing": "missing", "evacu": "evacuated",
    "intercept": "downed", "downed": "downed",
    "destroy": "destroyed",
    "casualt": "casualties", "loss": "casualties",
    "launch": "launched",
}
KIND_PHRASES: dict[str, str] = {
    "cut off": "encircled", "shot down": "downed", "laid down their arms": "surrendered",
    "lay down their arms": "surrendered", "taken prisoner": "captured",
}
# The claim concept a kind of count belongs to: a figure for what a text negates
# ("have encircled five thousand men. They have not") is not given, it is denied.
KIND_CONCEPTS = {"encircled": "ENCIRCLE", "killed": "CASUALTIES", "injured": "CASUALTIES",
                 "casualties": "CASUALTIES", "infiltrated": "INFILTRATE",
                 "captured": "PRISONERS", "surrendered": "SURRENDER"}
# Counts that only grow: a later, higher toll updates an earlier one.
RUNNING_KINDS = frozenset({"killed", "injured", "missing", "captured", "surrendered",
                           "evacuated", "casualties", "destroyed", "downed"})
SIDES = {"ukrain": "UA", "kyiv": "UA", "russia": "RU", "moscow": "RU", "kremlin": "RU"}
# The stretch of time a figure counts over ("over the past 24 hours", "overnight").
PERIOD = re.compile(
    r"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous|preceding)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:hours?|days?|nights?|weeks?|months?|years?)\b"
    r"|\bovernight\b|\b(?:a|per|each|every)\s+(?:day|night|week|month)\b"
    r"|\b(?:this|last)\s+(?:week|month|year)\b|\bsince\s+(?:the\s+)?[\w-]+",
    re.IGNORECASE,
)
# "Nine of the injured", "among the injured were three children": part of a count.
PART_BEFORE = re.compile(r"\b(?:among|including|includ\w*)\s+(?:the\s+)?(?:\w+\s+){0,3}$",
                         re.IGNORECASE)
# People counted within a larger count: "two children" among "14 killed".
SUBGROUPS = frozenset({"children", "child", "women", "minors", "teenagers", "babies", "infants",
                       "girls", "boys", "elderly", "pensioners", "journalists", "medics"})
PART_AFTER = re.compile(r"^\s*(?:of\s+(?:the|them|whom|those|these)\b|of\s+\w+\s+(?:were|are)\b)",
                        re.IGNORECASE)
KIND_REACH = 25  # words after (or before) a figure in which to find what it counts


def _kind_in(words: list[str]) -> list[tuple[int, str]]:
    """(word index, kind) for each kind named in lowered words, in order."""
    out: list[tuple[int, str]] = []
    for i, w in enumerate(words):
        kind = _phrase_kind(" ".join(words[i:i + 4])) or _word_kind(w)
        if kind:
            out.append((i, kind))
    return out


@lru_cache(maxsize=65536)
def _phrase_kind(rest: str) -> str | None:
    """The kind of the phrase ``rest`` (lowered words) starts with, if any."""
    return next((k for p, k in KIND_PHRASES.items() if rest.startswith(p)), None)


def _word_kind(w: str) -> str | None:
    """The kind a lowered word names, by its stem or itself."""
    return _kind_of(w, tx.stem(w))


@lru_cache(maxsize=65536)
def _kind_of(w: str, s: str) -> str | None:
    if s.startswith(("missil", "deadlin", "trapez")):
        return None
    return next((k for p, k in KIND_STEMS.items() if s.startswith(p) or w.startswith(p)), None)


def measure(text: str, start: int, end: int, counted: str | None = None,
            others: tuple[tuple[int, int], ...] = (),
            sentence: tuple[int, int] | None = None) -> dict[str, Any]:
    """What the figure at ``text[start:end]`` counts: ``kind`` (killed, injured,
    encircled...; None when the words do not say), ``side`` (UA, RU or None),
    ``period`` (the stretch of time it counts over, or None) and ``part`` (it
    counts part of a larger count: "nine of the injured").

    The kind is the one named nearest the figure within its sentence and
    without another figure between (``others``: their spans), after it on a
    tie: "14 killed and 40 injured", "the death toll ... rose to 12", "shot
    down 87 drones". ``sentence``: the figure's sentence, (start, end) in
    ``text``; without it, the text around the figure is split on its own.
    """
    if sentence is None:
        near = max(0, start - 600)
        sentence = sx.around(
            [(s + near, e + near) for s, e in sx.split(text[near:end + 600])], start)
    lo, hi = sentence if sentence is not None else (0, len(text))
    after_end = min([hi] + [s for s, _ in others if s >= end])
    before_start = max([lo] + [e for _, e in others if e <= start])
    after = [t.lower() for t in tx.tokens(text[end:after_end])][:KIND_REACH]
    before = [t.lower() for t in tx.tokens(text[before_start:start])][-KIND_REACH:]
    ahead, behind = _kind_in(after), _kind_in(before)
    kinds = sorted([(i, k) for i, k in ahead[:1]] + [(len(before) - i - 1, k) for i, k in behind[-1:]],
                   key=lambda x: x[0])
    words = f"{counted or ''} {text[start:end]}".lower()
    sides = {side for stem, side in SIDES.items() if stem in words}
    period = PERIOD.search(text[lo:hi])
    return {
        "kind": kinds[0][1] if kinds else None,
        "side": sides.pop() if len(sides) == 1 else None,
        "period": " ".join(period.group(0).lower().split()) if period else None,
        "part": bool(PART_BEFORE.search(text[before_start:start])
                     or PART_AFTER.search(text[end:after_end])),
    }


def comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two figures count the same thing: the same kind of thing happening to the
    same side, over the same period, neither a part of a count? A running count
    (a toll) given later and higher updates the earlier one; it does not
    disagree with it."""
    kind = a.get("kind")
    if kind is None or kind != b.get("kind") or a.get("part") or b.get("part"):
        return False
    ha, hb = _head(a), _head(b)
    if ha != hb and {ha, hb} & SUBGROUPS:
        return False  # "two children" are not the toll
    sa, sb = a.get("side"), b.get("side")
    if sa and sb and sa != sb:
        return False
    if a.get("period") != b.get("period"):
        return False
    da, db = a.get("date"), b.get("date")
    if kind in RUNNING_KINDS and da and db and da != db:
        earlier, later = (a, b) if da < db else (b, a)
        if (later.get("value") or 0) >= (earlier.get("value") or 0):
            return False
    return True


def _head(n: dict[str, Any]) -> str | None:
    words = tx.tokens(n.get("counted") or "")
    return words[-1].lower() if words else None


def _superseded(numbers: list[dict[str, Any]]) -> set[int]:
    """Indices of running counts a source itself updates in the same document: "the
    toll rose from seven to twelve" gives the toll as twelve."""
    best: dict[tuple[Any, ...], float] = {}
    keys = []
    for n in numbers:
        key = (n.get("document"), n.get("source"), n.get("kind"), n.get("side"), n.get("period"))
        keys.append(key)
        if n.get("kind") in RUNNING_KINDS and not n.get("part"):
            best[key] = max(best.get(key, 0.0), float(n.get("value") or 0))
    return {i for i, (n, key) in enumerate(zip(numbers, keys, strict=True))
            if key in best and float(n.get("value") or 0) < best[key]}


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
    """Pairs (lower, higher) of figures from two sources that count the same thing
    (:func:`comparable`) and whose readings lie ``DISAGREE_RATIO`` apart or more.

    Counts of people compare whatever noun they use ("more than 5,000 Ukrainian
    troops encircled" against "about 5,500 Ukrainian servicemen cut off"), but
    only for the same kind, side and period: encircled Ukrainians are not
    Russian infiltrators, 40 injured are not 14 killed. Vague counts compare as
    ranges, so "thousands" does not contradict "over five thousand".
    """
    by_class: dict[str | None, list[tuple[float, float, dict[str, Any]]]] = {}
    superseded = _superseded(numbers)
    for i, n in enumerate(numbers):
        if i in superseded:
            continue
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
                        and lo_b >= DISAGREE_RATIO * hi_a and comparable(a, b):
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
