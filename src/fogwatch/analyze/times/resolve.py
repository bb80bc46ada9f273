"""From a grammar match to a TIMEX3 type and value.

Anchoring follows TimeBank practice: deictic expressions ("yesterday", "last
week", bare weekdays and months) resolve against the document creation time
(DCT) in the direction the clause's tense points; anaphoric ones ("the next
day", "that week", "two days later") against the last resolved reference time.
Without a DCT, values keep TimeML's X placeholders ("XXXX-10-20").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from fogwatch.analyze.times import calendar as cal
from fogwatch.analyze.times.grammar import (
    DECADE_WORDS,
    MONTHS,
    ORDINALS,
    WEEKDAYS,
    Candidate,
    number_value,
    spelled_year_value,
    unit_name,
)
from fogwatch.analyze.times.holidays import holiday_date

Tense = Literal["past", "present", "future"]

PRE_MOD: dict[str, str] = {
    "early": "START", "mid": "MID", "middle": "MID", "late": "END",
    "the beginning of": "START", "the start of": "START", "the middle of": "MID",
    "the end of": "END", "the early part of": "START", "the late part of": "END",
    "the middle part of": "MID",
}
QUANT_MOD: dict[str, str] = {
    "at least": "EQUAL_OR_MORE", "more than": "MORE_THAN", "over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "nearly": "APPROX", "almost": "APPROX",
    "roughly": "APPROX", "some": "APPROX", "approximately": "APPROX", "up to": "EQUAL_OR_LESS",
    "at most": "EQUAL_OR_LESS",
}
_DURATION_CODE: dict[str, str] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y",
    "decade": "DE", "century": "CE",
}
_PART_CODE: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SET_ADVERBS: dict[str, str] = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D",
}


@dataclass(slots=True)
class Resolved:
    type: str
    value: str
    anchor: str | None = None
    mod: str | None = None
    end: int | None = None  # a shorter extent than the match, when the rule says so
    start: int | None = None
    interval: tuple[str, str] | None = None
    granular: date | None = None  # the day it names, kept as the next reference time


@dataclass(slots=True)
class Context:
    """What the resolver knows while walking one document."""

    dct: date | None
    text: str
    tense: Callable[[int, int], Tense]
    reject: Callable[[Candidate], bool]
    is_adjective: Callable[[int, int], bool] = lambda start, end: False
    last_date: date | None = None  # start of the last dated period of any size
    last_quarter: tuple[int, int] | None = None  # the last quarter named, if any
    ref: date | None = None
    ref_unit: str = "day"
    ref_label: str | None = None
    # a week/month named after the last day ("Last week, ... The next day"): a day
    # counted from it can only be placed within that period
    coarse: tuple[str, str] | None = None
    # finds the dated event named after a position: (its date, a label, the new end)
    events: Callable[[int], tuple[date, str, int] | None] | None = None
    notes: list[str] = field(default_factory=list)


def _mod(pre: str | None) -> str | None:
    return PRE_MOD.get(re.sub(r"\s+", " ", pre.lower())) if pre else None


def _month(text: str) -> int:
    return MONTHS[text.rstrip(".").lower()]


def _pick_year(month: int, day: int | None, dct: date, direction: Tense) -> int:
    """The year that puts a year-less date nearest the DCT in the tense's direction."""
    cands = []
    for y in (dct.year - 1, dct.year, dct.year + 1):
        try:
            d = date(y, month, day or 1)
        except ValueError:
            continue
        # a year-less month is compared by whole months, a day by days
        delta = (y - dct.year) * 12 + month - dct.month if day is None else (d - dct).days
        cands.append((delta, y))
    return _choose(cands, direction, by_days=day is not None)


def _choose(cands: list[tuple[int, int]], direction: Tense, by_days: bool) -> int:
    """From (offset from the DCT, year) pairs, the year the tense points to."""
    nearest = min(cands, key=lambda c: (abs(c[0]), c[0] > 0))
    if direction == "past":
        ok = [c for c in cands if c[0] <= 0]
        pick = max(ok) if ok else nearest
    elif direction == "future":
        ok = [c for c in cands if c[0] >= 0]
        pick = min(ok) if ok else nearest
    else:
        pick = nearest
    # A full date a few weeks off in the other direction is usually what is meant
    # ("the Jan. 14 deadline" in a past-tense sentence written on January 5): the
    # tense decides only between candidates about as near as each other.
    if by_days and abs(nearest[0]) <= _NEAR_DAYS and abs(pick[0]) > abs(nearest[0]) + _DAY_SLACK:
        pick = nearest
    # Likewise a bare month: next month in a past-tense sentence ("told buyers of a
    # cut in September", written in August) is that coming month, not last year's.
    if not by_days and abs(nearest[0]) <= 1 and abs(pick[0]) >= 11:
        pick = nearest
    return pick[1]


# how much farther (days) the tense's candidate may be than the nearest one,
# when the nearest is within _NEAR_DAYS of the DCT
_DAY_SLACK = 45
_NEAR_DAYS = 60


_SINCE_NEAR = re.compile(r"(?i)\bsince(?:\s+[\w'’.,-]+){1,3}\s+$")


def _direction(ctx: Context, c: Candidate) -> Tense:
    before = ctx.text[max(0, c.start - 12):c.start].lower()
    if re.search(r"\b(back in|since|ago|earlier in|last)\s*$", before):
        return "past"
    if _SINCE_NEAR.search(ctx.text, max(0, c.start - 40), c.start):
        return "past"  # "since shortly after the Oct. 23 attack"
    if re.search(r"\b(until|till|next|effective)\s*$", before):
        return "future"  # "effective Feb. 1": a change that takes effect
    if re.search(r"\bby\s*$", before):
        # "by Friday" looks ahead, unless the clause is told in the past
        # ("had filed their reports by Wednesday")
        return "past" if ctx.tense(c.start, c.end) == "past" else "future"
    if ctx.text.startswith(("'s", "’s"), c.end) and c.rule == "weekday":
        # "Wednesday's ruling": the verb of the clause does not date the day the
        # possessive names; read it like a weekday with no verb
        return "present"
    return ctx.tense(c.start, c.end)


def _dated(value: str, mod: str | None = None, **kw: object) -> Resolved:
    return Resolved("DATE", value, mod=mod, interval=cal.interval(value, mod), **kw)  # type: ignore[arg-type]


# -- absolute and year-less calendar dates ------------------------------------------


def r_iso_date(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _dated(d.isoformat(), granular=d)


def r_num_date(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 50 else 2000
    try:
        d = date(y, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _dated(d.isoformat(), granular=d)


def r_month_day(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    month, day = _month(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    mod = _mod(m.groupdict().get("pre"))
    ryear = m.groupdict().get("ryear")
    if m["year"]:
        year: int | None = int(m["year"])
        anchor = None
    elif ryear and ctx.dct is not None:
        year, anchor = ctx.dct.year + _YEAR_STEP[ryear.lower()], "DCT"
    elif ctx.dct is not None:
        year, anchor = _pick_year(month, day, ctx.dct, _direction(ctx, c)), "DCT"
    else:
        year, anchor = None, None
    day2 = int(m["day2"]) if m.groupdict().get("day2") else None
    if year is None:
        return Resolved("DATE", f"XXXX-{month:02d}-{day:02d}", mod=mod)
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    if day2 is not None and day2 > day:
        # "September 5-7": one expression naming a run of days; the value names the
        # month (TimeML has no range value) and the interval gives the days.
        try:
            d2 = date(year, month, day2)
        except ValueError:
            return None
        return Resolved(
            "DATE", cal.month_value(year, month), anchor=anchor,
            interval=(d.isoformat(), d2.isoformat()), granular=d2,
        )
    return _dated(d.isoformat(), mod, anchor=anchor, granular=d)


_YEAR_STEP: dict[str, int] = {"this": 0, "last": -1, "next": 1}


def r_month_year(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    word = m["month"]
    mod = _mod(m["pre"])
    written = spelled_year_value(m["syear"]) if m["syear"] else None
    if m["syear"] and (written is None or _counts_something(ctx.text, c.end)):
        return None  # "May nineteen ninety-six votes": let the shorter match stand
    if word.rstrip(".").lower() == "may" and not m["year"] and not m["pre"] and not m["ryear"]:
        # "May" alone is a date only after a word that takes a date.
        before = ctx.text[max(0, c.start - 8):c.start].lower()
        if not re.search(r"\b(in|of|since|until|till|by|from|through|during|last|next|this|early|late|mid|and|to)\s+$", before):
            return None
    if not m["year"] and not m["pre"] and re.match(r"\s+(?:of|for|on)\b", ctx.text[c.end:c.end + 5]):
        return None  # "the March for Life", "the March of the Mothers"
    if (len(word) <= 4 and not word.endswith(".") and not m["year"] and not m["ryear"]
            and word.lower() not in ("may", "june", "july")):
        return None  # "Jan" alone is more often a name (Jan Kavan) than January
    month = _month(word)
    if m["year"] or written:
        return _dated(cal.month_value(written or int(m["year"]), month), mod)
    if m["ryear"] and ctx.dct is not None:
        year = ctx.dct.year + _YEAR_STEP[m["ryear"].lower()]
        return _dated(cal.month_value(year, month), mod, anchor="DCT")
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod=mod)
    year = _pick_year(month, None, ctx.dct, _direction(ctx, c))
    return _dated(cal.month_value(year, month), mod, anchor="DCT")


def r_day_month(c: Candidate, ctx: Context) -> Resolved | None:
    return r_month_day(c, ctx)


def r_year(c: Candidate, ctx: Context) -> Resolved | None:
    if ctx.reject(c):
        return None
    m = c.match
    return _dated(m["year"], _mod(m["pre"]))


def r_decade(c: Candidate, ctx: Context) -> Resolved | None:
    """"the 1990s", "the '80s", "the early nineties": TimeML writes the decade as "199"."""
    m = c.match
    if m["dec"]:
        decade = m["dec"][:3]
    else:
        if not m["the"]:
            return None  # "in his forties" is an age; "the nineties" a decade
        tens = int(m["dec2"][0]) if m["dec2"] else DECADE_WORDS[m["decw"].lower()]
        century = "20" if m["dec2"] and tens < 2 else "19"
        decade = f"{century}{tens}"
    return _dated(decade, _mod(m["pre"]))


def r_century(c: Candidate, ctx: Context) -> Resolved | None:
    """"the 20th century" is TimeML "19", the years 1900-1999."""
    m = c.match
    n = int(m["cent"]) if m["cent"] else {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}[
        m["wcent"].lower()]
    if n < 1:
        return None
    return _dated(f"{n - 1:02d}", _mod(m["pre"]))


def r_year_end(c: Candidate, ctx: Context) -> Resolved | None:
    """"by year-end", "by year's end": the last day of the DCT's year (of the year
    before after "since"), as TimeBank writes it."""
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-12-31")
    before = ctx.text[max(0, c.start - 8):c.start].lower()
    year = ctx.dct.year - (1 if re.search(r"\bsince\s+$", before) else 0)
    return _dated(f"{year:04d}-12-31", anchor="DCT")


def r_holiday(c: Candidate, ctx: Context) -> Resolved | None:
    """"Christmas", "last Thanksgiving", "Easter 2024": the day it fell or falls on."""
    m = c.match
    name = m["holiday"]
    if re.match(r"\s+(?:Islands?|trees?|cards?|carols?|lights|decorations)\b", ctx.text[c.end:c.end + 14]):
        return None  # "Christmas Island"
    if m["year"]:
        d = holiday_date(name, int(m["year"]))
        return None if d is None else _dated(d.isoformat(), granular=d)
    if ctx.dct is None:
        return None
    dct = ctx.dct
    days = {y: holiday_date(name, y) for y in range(dct.year - 1, dct.year + 2)}
    if any(d is None for d in days.values()):
        return None
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "previous"):
        year = max(y for y, d in days.items() if d is not None and d < dct)
    elif rel in ("next", "coming"):
        year = min(y for y, d in days.items() if d is not None and d > dct)
    elif rel == "this":
        year = dct.year
    else:
        cands = [((d - dct).days, y) for y, d in days.items() if d is not None]
        year = _choose(cands, _direction(ctx, c), by_days=True)
    d = days[year]
    assert d is not None
    return _dated(d.isoformat(), anchor="DCT", granular=d)


def r_spelled_year(c: Candidate, ctx: Context) -> Resolved | None:
    """A year in words: "nineteen ninety-six", "the year two thousand"."""
    m = c.match
    year = spelled_year_value(m["syear"])
    if year is None:
        return None
    if not m["the"] and not m["syear"].lower().startswith(("nineteen", "eighteen")):
        # "two thousand" and "twenty twelve" are counts unless something says year
        before = ctx.text[max(0, c.start - 8):c.start].lower()
        if not re.search(r"\b(in|since|until|till|by|of|from|through)\s+$", before):
            return None
    if _counts_something(ctx.text, c.end):
        return None
    return _dated(f"{year:04d}")


def _counts_something(text: str, end: int) -> bool:
    """A number followed by a plural noun ("nineteen ninety-six votes") counts things."""
    after = re.match(r"\s+([a-z]+)", text[end:end + 24])
    return bool(after and after[1].endswith("s") and after[1] not in _NOT_PLURAL)


_NOT_PLURAL = frozenset({"was", "is", "has", "as", "his", "its", "this", "us", "does"})


def r_season(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    season = cal.SEASONS[m["season"].lower()]
    rel, det = m["rel"], m["det"]
    if not (rel or det or m["year"] or m["syear"]):
        return None
    if m["season"].lower() == "fall" and not (m["year"] or m["syear"]) and re.match(r"\s+of\b", ctx.text[c.end:c.end + 4]):
        return None  # "the fall of Pokrovsk"
    mod = _mod(m["pre"] or m["pre2"])
    written = spelled_year_value(m["syear"]) if m["syear"] else None
    if m["year"] or written:
        return _dated(f"{m['year'] or written}-{season}", mod)
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{season}", mod=mod)
    year = ctx.dct.year
    this_start = date(year, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season], 1)
    rel_l = re.sub(r"\s+", " ", (rel or "").lower())
    if rel_l in ("last", "past", "previous") or rel_l.startswith("this past"):
        year = year - 1 if this_start > ctx.dct or _season_holds(ctx.dct, season) else year
    elif rel_l in ("next", "coming"):
        year = year + 1 if this_start <= ctx.dct else year
    elif not rel_l:
        direction = _direction(ctx, c)
        if direction == "past" and this_start > ctx.dct:
            year -= 1
    return _dated(f"{year}-{season}", mod, anchor="DCT")


def _season_holds(d: date, season: str) -> bool:
    span = cal.interval(f"{d.year}-{season}")
    return span is not None and span[0] <= d.isoformat() <= span[1]


# -- relative to the DCT or to the last reference time --------------------------------


def r_rel_named(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    rel = m["rel"].lower()
    mod = _mod(m["pre"])
    # "the following Monday", "the previous Friday": counted from the last day named
    anaphoric = bool(m["the"]) and rel in ("next", "following", "previous", "preceding")
    # otherwise "the" stays outside: "the last March" is "last March"
    start = m.start("rel") if m["the"] and not anaphoric and not m["pre"] else None
    rel = {"following": "next", "preceding": "previous"}.get(rel, rel)
    if m["weekday"]:
        wd = WEEKDAYS[m["weekday"].lower()]
        base, label = (ctx.ref, ctx.ref_label) if anaphoric and ctx.ref else (ctx.dct, "DCT")
        if base is None:
            return Resolved("DATE", f"XXXX-WXX-{wd}")
        d = _weekday_date(base, wd, rel)
        return _dated(d.isoformat(), mod, anchor=label, granular=d, start=start)
    month = _month(m["month"])
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod=mod, start=start)
    year = ctx.dct.year
    if rel in ("last", "past", "previous"):
        year = year if month < ctx.dct.month else year - 1
    elif rel in ("next", "coming"):
        year = year if month > ctx.dct.month else year + 1
    return _dated(cal.month_value(year, month), mod, anchor="DCT", start=start)


def _weekday_date(dct: date, wd: int, rel: str) -> date:
    delta = wd - dct.isoweekday()
    if rel in ("last", "past", "previous"):
        return dct + timedelta(days=delta if delta < 0 else delta - 7)
    if rel in ("next", "coming"):
        return dct + timedelta(days=delta if delta > 0 else delta + 7)
    return dct + timedelta(days=delta)  # "this Friday": the Friday of the DCT's week


def r_weekday_date(c: Candidate, ctx: Context) -> Resolved | None:
    return r_month_day(c, ctx)


def r_weekend(c: Candidate, ctx: Context) -> Resolved | None:
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-WXX-WE")
    direction = _direction(ctx, c)
    # the weekend before the DCT unless the clause looks forward
    sat = ctx.dct + timedelta(days=6 - ctx.dct.isoweekday())
    if direction != "future" and sat > ctx.dct:
        sat -= timedelta(days=7)
    return Resolved("DATE", f"{cal.week_value(sat)}-WE", anchor="DCT",
                    interval=(sat.isoformat(), (sat + timedelta(days=1)).isoformat()))


def _day_pre(m: re.Match[str], part: str | None) -> tuple[str | None, str | None]:
    """The mod and part of day that "early", "late" or "mid-afternoon" add to a day."""
    pre = (m["dpre"] or "").lower()
    if pre.startswith("mid-"):
        return None, part or pre[4:]
    return {"early": "START", "late": "END"}.get(pre), part


def r_weekday(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    wd = WEEKDAYS[m["weekday"].lower()]
    day_mod, part = _day_pre(m, m["part"])
    if ctx.dct is None:
        value = f"XXXX-WXX-{wd}"
        return Resolved("TIME" if part else "DATE", value + (f"T{_PART_CODE[part.lower()]}" if part else ""))
    direction = _direction(ctx, c)
    delta = wd - ctx.dct.isoweekday()
    if direction == "past":
        d = ctx.dct + timedelta(days=delta if delta <= 0 else delta - 7)
    elif direction == "future":
        d = ctx.dct + timedelta(days=delta if delta >= 0 else delta + 7)
    else:  # present tense or no verb: news dates a bare weekday in the past week,
        # unless it is tomorrow ("Friday's vote" written on a Thursday)
        back, ahead = delta if delta <= 0 else delta - 7, delta if delta >= 0 else delta + 7
        d = ctx.dct + timedelta(days=ahead if ahead == 1 else back)
    return _day(d, part, "DCT", day_mod)


def _day(d: date, part: str | None, anchor: str | None, mod: str | None = None) -> Resolved:
    """A day, or a part of it ("Friday evening": TIME 2025-11-07TEV)."""
    if part:
        return Resolved("TIME", f"{d.isoformat()}T{_PART_CODE[part.lower()]}", anchor=anchor,
                        mod=mod, interval=(d.isoformat(), d.isoformat()), granular=d)
    return _dated(d.isoformat(), mod, anchor=anchor, granular=d)


def r_deictic(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    word = m["word"].lower()
    day_mod, part = _day_pre(m, m["part"])
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if ctx.dct is None:
        return Resolved("TIME" if part else "DATE", "XXXX-XX-XX" + (f"T{_PART_CODE[part.lower()]}" if part else ""))
    d = ctx.dct + timedelta(days=offset)
    if word == "tonight":
        part = "night"
    return _day(d, part, "DCT", day_mod)


def r_ref(c: Candidate, ctx: Context) -> Resolved | None:
    word = re.sub(r"\s+", " ", c.match["word"].lower())
    start = c.start
    if word.startswith("in "):
        # "in recent years": the preposition stays outside the extent
        start = c.start + c.match["word"].lower().index("recent")
        word = word[3:]
    if word.startswith(("coming", "the coming", "recent ")):
        unit = unit_name(word.split()[-1])
        return Resolved("DURATION", f"PX{_DURATION_CODE[unit]}", start=start)
    if word in ("recently", "the past") or word.startswith("recent"):
        value = "PAST_REF"
    elif word == "the future":
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return Resolved("DATE", value, anchor="DCT" if ctx.dct else None, start=start)


_BACK = ("last", "previous", "past", "this past", "the previous", "the preceding", "the prior", "the latest")
_FORWARD = ("next", "coming", "following", "the next", "the following", "the coming", "the very next")


def r_rel_unit(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    pre = (m["pre"] or "").lower()
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(pre)
    if rel in ("the past", "the last") and unit not in ("day", "morning", "afternoon", "evening", "night"):
        # "the past year": a stretch of time up to now, not a calendar year
        res = _duration(1, unit, None)  # decades and centuries counted in years
        res.anchor = "DCT" if ctx.dct else None
        return res
    anaphoric = rel.startswith("the ") and rel not in ("the current", "the latest", "the coming") or rel == "that"
    if rel == "following":
        anaphoric = True
    if anaphoric and ctx.coarse is not None and unit in ("day", "morning", "afternoon", "evening", "night") and rel != "that":
        return _dated(ctx.coarse[0], anchor=ctx.coarse[1])
    base, label = (ctx.ref, ctx.ref_label) if anaphoric else (ctx.dct, "DCT")
    if anaphoric and base is None:
        base, label = ctx.dct, "DCT"
    part_of_day = unit in ("morning", "afternoon", "evening", "night")
    step = 0
    if rel in _BACK:
        step = -1
    elif rel in _FORWARD:
        step = 1
    if unit == "night" and rel == "last":
        step = -1
    if base is None:
        return Resolved("DATE", "XXXX-XX-XX" if unit == "day" else "XXXX")
    if part_of_day and not anaphoric:
        d = cal.shift(base, step, "day")
        return Resolved("TIME", f"{d.isoformat()}T{_PART_CODE[unit]}", anchor=label,
                        interval=(d.isoformat(), d.isoformat()), granular=d)
    cal_unit = "day" if part_of_day or unit == "day" else ("week" if unit == "weekend" else unit)
    if anaphoric and cal_unit != "day" and ctx.last_date is not None:
        base = ctx.last_date  # "the following year" counts from the last year named
    if rel == "the latest" and cal_unit == "quarter":
        step = -1
    d = cal.shift(base, step, cal_unit)
    if unit == "weekend":
        sat = d + timedelta(days=6 - d.isoweekday())
        value = f"{cal.week_value(d)}-WE"
        return Resolved("DATE", value, anchor=label, mod=mod,
                        interval=(sat.isoformat(), (sat + timedelta(days=1)).isoformat()))
    value = cal.value_at(d, cal_unit)
    return _dated(value, mod, anchor=label, granular=d if cal_unit == "day" else None)


def r_period_of(c: Candidate, ctx: Context) -> Resolved | None:
    """"the end of the year", "the beginning of next month", "the middle of that week"."""
    m = c.match
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    pre = re.sub(r"\s+", " ", m["pre"].lower())
    half = 1 if "first half" in pre else 2 if "second half" in pre else 0
    if half and unit != "year":
        return None
    mod = None if half else _mod(pre)
    anaphoric = rel in ("that", "the same", "the following", "the previous")
    base, label = ctx.dct, "DCT"
    if anaphoric and ctx.last_date is not None:
        base, label = ctx.last_date, (ctx.ref_label or "DCT")
    if base is None:
        return None
    step = {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)
    value = cal.value_at(cal.shift(base, step, unit), unit)
    if half:
        value += f"-H{half}"  # "the first half of next year"
    return _dated(value, mod, anchor=label)


def r_the_year(c: Candidate, ctx: Context) -> Resolved | None:
    """"for the year", "sales of the year": the DCT's year; "the year ended March 31": a year."""
    m = c.match
    if m["ended"] is not None:  # an empty lookahead group
        return Resolved("DURATION", "P1Y")
    if ctx.dct is None:
        return Resolved("DATE", "XXXX")
    return _dated(f"{ctx.dct.year:04d}", anchor="DCT")


def r_unit_span(c: Candidate, ctx: Context) -> Resolved | None:
    """"the weeks before the vote": an unstated number of weeks."""
    m = c.match
    return Resolved("DURATION", f"PX{_DURATION_CODE[unit_name(m['unit'])]}",
                    start=None if m["ahead"] else m.start("unit"),
                    end=m.end("ahead") if m["ahead"] else None)


def r_rel_unit_extent(c: Candidate, ctx: Context) -> Resolved | None:
    """TimeBank leaves "earlier" out of "earlier this week" (not of "earlier this year")."""
    res = r_rel_unit(c, ctx)
    m = c.match
    if res is not None and (m["pre"] or "").lower() in ("earlier", "later") and m["unit"].lower() == "week":
        res.start = m.start("rel")
    return res


def r_ago(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    n = number_value(m["num"])
    unit = unit_name(m["unit"])
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    mod = QUANT_MOD.get(re.sub(r"\s+", " ", m["mod"].lower())) if m["mod"] else None
    end: int | None = None
    if direction in ("before", "after"):
        anchored = ctx.events(c.end) if ctx.events else None
        if anchored is None:
            # "two days after the attack" with no date for the attack: a duration
            # whose signal ("after") stays outside, as TimeBank marks it.
            return _duration(n, unit, mod, end=c.match.start("dir") - _trailing_space(ctx.text, c.match.start("dir")))
        base, label, end = anchored
        back = direction == "before"
    else:
        back = direction in ("ago", "earlier", "back")
        anchor_dct = direction in ("ago", "from now", "hence", "back")
        base, label = (ctx.dct, "DCT") if anchor_dct or ctx.ref is None else (ctx.ref, ctx.ref_label)
    if base is None or n is None or not float(n).is_integer():
        return Resolved("DATE", "PAST_REF" if back else "FUTURE_REF", mod=mod, end=end)
    if unit in ("second", "minute", "hour"):
        # "three hours later": the clock time is unknown, the day is (near enough) the same
        return _dated(base.isoformat(), mod, anchor=label, end=end)
    cal_unit = {"night": "day", "weekend": "week", "fortnight": "week"}.get(unit, unit)
    k = int(n) * (2 if unit == "fortnight" else 1)
    if cal_unit == "year" and ctx.last_quarter is not None and direction in ("ago", "earlier"):
        # "a year ago" in a quarterly report compares with the same quarter then
        y, q = ctx.last_quarter
        return _dated(cal.quarter_value(y - k, q), mod, anchor=label, end=end)
    d = cal.shift(base, -k if back else k, cal_unit)
    if direction in ("before", "after"):
        cal_unit = "day"  # counted from a dated day, it names a day
    value = cal.value_at(d, cal_unit)
    return _dated(value, mod, anchor=label, end=end, granular=d if cal_unit == "day" else None)


def _trailing_space(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return pos - i


# the other half of a half unit, in the next smaller unit
_HALF_UNIT: dict[str, str] = {"TH": "30M", "TM": "30S", "Y": "6M", "D": "T12H"}


def _duration(n: int | float | None, unit: str, mod: str | None, end: int | None = None) -> Resolved:
    code = _DURATION_CODE.get(unit, "D")
    if unit == "fortnight" and n is not None:
        n, code = n * 2, "W"
    if n is None:
        num = "X"
    elif n == 0:  # "half a year"
        return Resolved("DURATION", f"P0.5{code[-1]}" if not code.startswith("T") else f"PT0.5{code[-1]}", mod=mod, end=end)
    else:
        if code in ("DE", "CE"):  # TimeBank counts decades and centuries in years
            n, code = n * (10 if code == "DE" else 100), "Y"
        if not float(n).is_integer() and code in _HALF_UNIT:
            # "5 1/2 hours" is PT5H30M, "2 1/2 years" P2Y6M
            whole, rest = int(n), _HALF_UNIT[code]
            lead = f"{whole}{code[-1]}" if whole else ""
            value = f"PT{lead}{rest}" if code.startswith("T") else f"P{lead}{rest}"
            return Resolved("DURATION", value, mod=mod, end=end)
        num = str(int(n)) if float(n).is_integer() else str(n)
    value = f"PT{num}{code[1:]}" if code.startswith("T") else f"P{num}{code}"
    return Resolved("DURATION", value, mod=mod, end=end)


_RATE_BEFORE = re.compile(
    r"(?:\d[\d,.]*%?|million|billion|thousand|hundred|dozen|one|two|three|four|five|six|seven"
    r"|eight|nine|ten|twelve|twenty|fifty|hundreds|thousands|dozens)(?:\s+[a-z]+)?\s+$",
    re.IGNORECASE,
)
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
        return None  # a rate, not a stretch of time: "$2 million a year", "700 seats a week"
    after = ctx.text[c.end:c.end + 8]
    if unit == "quarter" and re.match(r"\s+of\b", after):
        return None  # "a quarter of the vote" is a fraction
    if re.match(r"[\s-]+old\b", after):
        return None  # an age, not a stretch of time
    if unit == "quarter" and m["rel"] and ORDINALS.get(num_text):
        return None
    mod = QUANT_MOD.get(re.sub(r"\s+", " ", m["mod"].lower())) if m["mod"] else None
    n = number_value(num_text)
    if m["half"] and n is not None:
        n += 0.5  # "an hour and a half"
    res = _duration(n, unit, mod)
    res.start = start
    return res


def r_adj_duration(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    return _duration(number_value(m["num"]), unit_name(m["unit"]), None)


def r_quarter(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    q = ORDINALS[m["ord"].lower()]
    half = m["q"].lower() == "half"
    if half and q > 2:
        return None
    if m["year"] or m["year0"]:
        year: int | None = int(m["year"] or m["year0"])
    elif ctx.dct is not None and m["yago"]:
        first_month = (q - 1) * (6 if half else 3) + 1
        year = ctx.dct.year - (1 if date(ctx.dct.year, first_month, 1) <= ctx.dct else 2)
    elif ctx.dct is not None and m["rely"]:
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["rely"].lower()]
    elif ctx.dct is not None:
        first_month = (q - 1) * (6 if half else 3) + 1
        year = ctx.dct.year if date(ctx.dct.year, first_month, 1) <= ctx.dct else ctx.dct.year - 1
    else:
        year = None
    value = (f"{year:04d}" if year else "XXXX") + (f"-H{q}" if half else f"-Q{q}")
    return _dated(value, anchor=None if m["year"] or m["year0"] else "DCT")


def r_quarter_rel(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-QX")
    if m["yago"]:
        # "year-earlier profit": the same period a year before, the quarter when one is
        # being reported, else the year
        if ctx.last_quarter is not None:
            y, q = ctx.last_quarter
            return _dated(cal.quarter_value(y - 1, q), anchor="DCT")
        return _dated(f"{ctx.dct.year - 1:04d}", anchor="DCT")
    rel = (m["rel"] or "").lower()
    latest = cal.shift(ctx.dct, -1, "quarter")
    if rel == "current":
        latest = ctx.dct
    if rel in ("year-earlier", "year-ago"):
        latest = cal.shift(latest, -1, "year")
    if (m["q"] or "").lower() == "period" and rel not in ("year-earlier", "year-ago", "latest"):
        return None
    return _dated(cal.value_at(latest, "quarter"), anchor="DCT")


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
        d = _duration(n, unit, None)
        return Resolved("SET", d.value)
    unit = m["unit2"].lower()
    return Resolved("SET", _duration(1, unit, None).value)


def r_clock(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    if m["word"]:
        hh, mm = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
    else:
        hh, mm = int(m["h"]), int(m["min"] or 0)
        if hh > 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    day = ctx.ref or ctx.dct
    wd_text = m["weekday"] or m["weekday2"]
    deictic = m["deictic"] or m["deictic2"]
    if ctx.dct is not None and wd_text:
        delta = WEEKDAYS[wd_text.lower()] - ctx.dct.isoweekday()
        forward = _direction(ctx, c) == "future"
        day = ctx.dct + timedelta(days=(delta if delta >= 0 else delta + 7) if forward
                                  else (delta if delta <= 0 else delta - 7))
    elif m["month"]:
        month, dnum = _month(m["month"]), int(m["day"])
        year = _pick_year(month, dnum, ctx.dct, _direction(ctx, c)) if ctx.dct else None
        day = date(year, month, dnum) if year else None
    elif ctx.dct is not None and deictic:
        day = ctx.dct + timedelta(days={"today": 0, "yesterday": -1, "tomorrow": 1}[deictic.lower()])
    prefix = day.isoformat() if day else "XXXX-XX-XX"
    label = (ctx.ref_label if ctx.ref else "DCT") if day else None
    return Resolved("TIME", f"{prefix}T{hh:02d}:{mm:02d}", anchor=label,
                    interval=(day.isoformat(), day.isoformat()) if day else None)


def r_iso_week(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    wk = int(m["wk"])
    if not 1 <= wk <= 53:
        return None
    year = int(m["year"]) if m["year"] else (ctx.dct.year if ctx.dct else None)
    if year is None:
        return Resolved("DATE", f"XXXX-W{wk:02d}")
    value = f"{year:04d}-W{wk:02d}"
    if cal.interval(value) is None:
        return None
    return _dated(value, anchor=None if m["year"] else "DCT")


def r_week_of(c: Candidate, ctx: Context) -> Resolved | None:
    inner = r_month_day(c, ctx)
    if inner is None or inner.granular is None:
        return inner
    return _dated(cal.week_value(inner.granular), anchor=inner.anchor)


RESOLVERS: dict[str, Callable[[Candidate, Context], Resolved | None]] = {
    "iso_date": r_iso_date, "num_date": r_num_date, "month_day": r_month_day,
    "day_month": r_day_month, "iso_week": r_iso_week, "week_of": r_week_of,
    "rel_named": r_rel_named, "month_year": r_month_year, "decade": r_decade, "year": r_year,
    "spelled_year": r_spelled_year, "holiday": r_holiday,
    "season": r_season, "rel_unit": r_rel_unit_extent, "weekday": r_weekday, "deictic": r_deictic,
    "ref": r_ref, "weekday_date": r_weekday_date, "weekend": r_weekend, "ago": r_ago, "duration": r_duration, "adj_duration": r_adj_duration,
    "quarter": r_quarter, "quarter_rel": r_quarter_rel, "period_of": r_period_of, "century": r_century, "year_end": r_year_end, "unit_span": r_unit_span, "the_year": r_the_year, "set": r_set, "clock": r_clock,
}
