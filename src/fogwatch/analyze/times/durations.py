"""Resolvers of durations and sets: "three days", "a two-year deal", "daily",
"every week"."""

from __future__ import annotations

import re

from fogwatch.analyze.times.grammar import (
    MONTHS,
    ORDINALS,
    WEEKDAYS,
    Candidate,
    number_value,
    unit_name,
)
from fogwatch.analyze.times.resolved import QUANT_MOD, Context, Resolved, dated, duration, unstated

_SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D",
}


_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|million|billion|thousand|hundred|dozen|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|twenty|fifty|hundreds|thousands|dozens)(?:\s+[a-z]+)?(?:\s+|-)$",
    re.IGNORECASE,
)


_QUARTER_CENTURY = re.compile(r"[\s-]centur(?:y|ies)\b", re.IGNORECASE)
_AGO = re.compile(r"\s+ago\b", re.IGNORECASE)


_OUTSIDE_MODS = frozenset({"about", "around", "almost", "roughly", "approximately", "some"})


def r_duration(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    unit = unit_name(m["unit"])
    start = None
    if m["mod"] and m["mod"].lower() in _OUTSIDE_MODS:
        start = m.start("the") if m["the"] else m.start("num")
    num_text = m["num"].lower()
    if unit == "second" and num_text in ("a", "an"):
        return None  # "a second time", "a second term"
    if num_text in ("a", "an") and not m["mod"] and not m["the"] and _RATE_BEFORE.search(
            ctx.text, max(0, c.start - 32), c.start):
        return None  # a rate, not a stretch of time: "$2 million a year", "a $15-an-hour wage"
    after = ctx.text[c.end:c.end + 8]
    if unit == "quarter" and (re.match(r"[\s-]+of\b", after) or re.search(
            r"\b(?:by|to|than)\s+$", ctx.text[max(0, c.start - 8):c.start])):
        return None  # a fraction: "a quarter of the vote", "fell by a quarter"
    if re.match(r"[\s-]+old\b", after):
        return None  # an age, not a stretch of time
    century = _QUARTER_CENTURY.match(ctx.text, c.end) if unit == "quarter" else None
    if century:
        # "nearly a quarter-century": twenty-five years, not a quarter
        mod = QUANT_MOD.get(re.sub(r"\s+", " ", m["mod"].lower())) if m["mod"] else None
        years = 25 * (number_value(num_text) or 1)
        ago = _AGO.match(ctx.text, century.end())
        if ago and ctx.dct is not None:  # "a quarter-century ago": that year
            return dated(f"{ctx.dct.year - years:04d}", mod, anchor="DCT", end=ago.end())
        res = duration(years, "year", mod, end=century.end())
        res.start = start
        return res
    if unit == "quarter" and m["rel"] and ORDINALS.get(num_text):
        return None
    mod = QUANT_MOD.get(re.sub(r"\s+", " ", m["mod"].lower())) if m["mod"] else None
    n = number_value(num_text)
    if m["half"] and n is not None:
        n += 0.5  # "an hour and a half"
    res = duration(n, unit, mod)
    res.start = start
    return res


def r_bare_units(c: Candidate, ctx: Context) -> Resolved | None:
    """"for years", "within weeks": a duration of an unstated number of units."""
    return Resolved("DURATION", unstated(unit_name(c.match['unit'])))


def r_adj_duration(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    if m["num"].lower() in ("a", "an") and _RATE_BEFORE.search(ctx.text, max(0, c.start - 32), c.start):
        return None  # a rate: "a $15-an-hour wage"
    if re.match(r"[\s-]+old\b", ctx.text[c.end:c.end + 8]):
        return None  # an age written apart: "the 71-year old cleric"
    return duration(number_value(m["num"]), unit_name(m["unit"]), None)


def r_set(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    if m["adv"]:
        if ctx.is_adjective(c.start, c.end):
            return None
        return Resolved("SET", _SET_ADVERBS[m["adv"].lower()])
    if m["every"] and m["named"]:
        named = m["named"].rstrip(".").lower()
        if named in WEEKDAYS:
            return Resolved("SET", f"XXXX-WXX-{WEEKDAYS[named]}")
        return Resolved("SET", f"XXXX-{MONTHS[named]:02d}")
    if m["every"]:
        unit = unit_name(m["unit"])
        n = number_value(m["num"]) if m["num"] else 1
        d = duration(n, unit, None)
        return Resolved("SET", d.value)
    unit = m["unit2"].lower()
    return Resolved("SET", duration(1, unit, None).value)
