"""Resolvers of absolute and year-less calendar dates: "March 3, 2022", "Oct. 23",
"2014", "the 1990s", "Christmas", "spring", "the third quarter", "week 12",
clock times. A date without its year takes the year that puts it nearest the
DCT in the direction the clause's tense points."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fogwatch.analyze.times import calendar as cal
from fogwatch.analyze.times.grammar import (
    CLOCK_DAY,
    DECADE_WORDS,
    NAME_AFTER,
    ORDINALS,
    WEEKDAYS,
    Candidate,
    spelled_year_value,
)
from fogwatch.analyze.times.holidays import holiday_date
from fogwatch.analyze.times.resolved import (
    Context,
    Resolved,
    choose_year,
    clause_direction,
    dated,
    half_of,
    month_number,
    pick_year,
    pre_mod,
)


def r_iso_date(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return dated(d.isoformat(), granular=d)


def r_num_date(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    y = int(m["y"])
    if y < 100:
        y += 1900 if y > 50 else 2000
    try:
        d = date(y, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return dated(d.isoformat(), granular=d)


def r_month_day(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    month, day = month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    mod = pre_mod(m.groupdict().get("pre"))
    ryear = m.groupdict().get("ryear")
    if m["year"]:
        year: int | None = int(m["year"])
        anchor = None
    elif ryear and ctx.dct is not None:
        year, anchor = ctx.dct.year + _YEAR_STEP[ryear.lower()], "DCT"
    elif ctx.dct is not None:
        year, anchor = pick_year(month, day, ctx.dct, clause_direction(ctx, c)), "DCT"
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
    return dated(d.isoformat(), mod, anchor=anchor, granular=d)


_THAT_BEFORE = re.compile(r"(?i)\bthat\s+$")
# "that" after a verb of saying or knowing opens a clause: "he said that November would be
# decisive" names the DCT's November
_THAT_OPENS_A_CLAUSE = re.compile(
    r"(?i)\b(?:\w+ed|\w+s|say|said|think|thought|believe|know|knew|hope|fear|clear|sure|"
    r"expect|predict|warn|argue|insist|claim|note|add|agree|show)\s+that\s+$")


_YEAR_STEP: dict[str, int] = {"this": 0, "last": -1, "next": 1}


def r_month_year(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    word = m["month"]
    mod = pre_mod(m["pre"])
    written = spelled_year_value(m["syear"]) if m["syear"] else None
    if m["syear"] and (written is None or _counts_something(ctx.text, c.end)):
        return None  # "May nineteen ninety-six votes": let the shorter match stand
    if word.rstrip(".").lower() == "may" and not m["year"] and not m["pre"] and not m["ryear"]:
        # "May" alone is a date only after a word that takes a date.
        before = ctx.text[max(0, c.start - 8):c.start].lower()
        if not re.search(r"\b(in|of|since|until|till|by|from|through|during|last|next|this|early|late|mid|and|to)\s+$", before):
            return None
    if not m["year"] and not m["pre"] and re.match(r"\s+(?:of|for|on)\b", ctx.text[c.end:c.end + 5]) \
            and not _DATE_PREPOSITION.search(ctx.text, max(0, c.start - 8), c.start):
        # "the March for Life", "the March of the Mothers"; after a preposition that
        # takes a date it is the month ("stepped down in March for health reasons")
        return None
    if (len(word) <= 4 and not word.endswith(".") and not m["year"] and not m["ryear"]
            and word.lower() not in ("may", "june", "july")):
        return None  # "Jan" alone is more often a name (Jan Kavan) than January
    month = month_number(word)
    if m["year"] or written:
        return dated(cal.month_value(written or int(m["year"]), month), mod)
    if m["ryear"] and ctx.dct is not None:
        year = ctx.dct.year + _YEAR_STEP[m["ryear"].lower()]
        return dated(cal.month_value(year, month), mod, anchor="DCT")
    if ctx.last_date is not None and _THAT_BEFORE.search(ctx.text, max(0, c.start - 6), c.start) \
            and not _THAT_OPENS_A_CLAUSE.search(ctx.text, max(0, c.start - 24), c.start):
        # "the 1968 convention ... Humphrey's loss that November": the month of the
        # year last named, not of the DCT's
        return dated(cal.month_value(ctx.last_date.year, month), mod)
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod=mod)
    year = pick_year(month, None, ctx.dct, clause_direction(ctx, c))
    return dated(cal.month_value(year, month), mod, anchor="DCT")


_DATE_PREPOSITION = re.compile(r"\b(?:in|since|until|till|by|through|during|before|after)\s+$", re.I)


def r_day_month(c: Candidate, ctx: Context) -> Resolved | None:
    return r_month_day(c, ctx)


def r_year(c: Candidate, ctx: Context) -> Resolved | None:
    if ctx.reject(c):
        return None
    m = c.match
    half = half_of(m["pre"])
    if half:
        return dated(f"{m['year']}-H{half}")  # "the first half of 2015"
    return dated(m["year"], pre_mod(m["pre"]))


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
    return dated(decade, pre_mod(m["pre"]))


def r_century(c: Candidate, ctx: Context) -> Resolved | None:
    """"the 20th century" is TimeML "19", the years 1900-1999."""
    m = c.match
    n = int(m["cent"]) if m["cent"] else {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}[
        m["wcent"].lower()]
    if n < 1:
        return None
    if "Century" in ctx.text[c.start:c.end] and NAME_AFTER.match(ctx.text, c.end):
        return None  # a name: "21st Century Fox"
    return dated(f"{n - 1:02d}", pre_mod(m["pre"]))


_AFTER_A_WORD = re.compile(r"[a-z,]\s*[\"“‘']?$")


def r_year_end(c: Candidate, ctx: Context) -> Resolved | None:
    """"by year-end", "by year's end": the last day of the DCT's year (of the year
    before after "since"), as TimeBank writes it."""
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-12-31")
    before = ctx.text[max(0, c.start - 8):c.start].lower()
    year = ctx.dct.year - (1 if re.search(r"\bsince\s+$", before) else 0)
    return dated(f"{year:04d}-12-31", anchor="DCT")


def r_holiday(c: Candidate, ctx: Context) -> Resolved | None:
    """"Christmas", "last Thanksgiving", "Easter 2024": the day it fell or falls on."""
    m = c.match
    name = m["holiday"]
    if re.match(r"\s+(?:Islands?|trees?|cards?|carols?|lights|decorations)\b", ctx.text[c.end:c.end + 14]):
        return None  # "Christmas Island"
    if m["year"]:
        d = holiday_date(name, int(m["year"]))
        return None if d is None else dated(d.isoformat(), granular=d)
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
        year = choose_year(cands, clause_direction(ctx, c), by_days=True)
    d = days[year]
    assert d is not None
    return dated(d.isoformat(), anchor="DCT", granular=d)


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
    return dated(f"{year:04d}")


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
    mod = pre_mod(m["pre"] or m["pre2"])
    written = spelled_year_value(m["syear"]) if m["syear"] else None
    if m["year"] or written:
        return dated(f"{m['year'] or written}-{season}", mod)
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
        direction = clause_direction(ctx, c)
        if direction == "past" and this_start > ctx.dct:
            year -= 1
    return dated(f"{year}-{season}", mod, anchor="DCT")


def _season_holds(d: date, season: str) -> bool:
    span = cal.interval(f"{d.year}-{season}")
    return span is not None and span[0] <= d.isoformat() <= span[1]


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
        if not _current_or_just_ended(year, q, half, ctx.dct) and clause_direction(ctx, c) == "future":
            # "expects lending to pick up in the third quarter", written in March, is
            # this year's; "in the first quarter", written in August, next year's. Only
            # the period now running or just ended may still be reported on
            year = ctx.dct.year if date(ctx.dct.year, first_month, 1) > ctx.dct else ctx.dct.year + 1
    else:
        year = None
    value = (f"{year:04d}" if year else "XXXX") + (f"-H{q}" if half else f"-Q{q}")
    return dated(value, anchor=None if m["year"] or m["year0"] else "DCT")


def _current_or_just_ended(year: int, q: int, half: bool, dct: date) -> bool:
    """Quarter (half) ``q`` of ``year`` is the one of ``dct`` or the last one ended before it."""
    per = 2 if half else 4
    at = year * per + q - 1
    now = dct.year * per + (dct.month - 1) // (12 // per)
    return now - 1 <= at <= now


def r_clock(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    if m["word"] and m["word"][0].isupper() and _AFTER_A_WORD.search(ctx.text, max(0, c.start - 4), c.start):
        return None  # a name, capitalised mid-sentence: "the Midnight Crew", "WTMJ's Midday"
    if m["word"]:
        hh, mm = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
    elif m["h24"] or m["h24p"]:
        hh, mm = int(m["h24"] or m["h24p"]), int(m["min24"] or m["min24p"])
    else:
        hh, mm = int(m["h"]), int(m["min"] or 0)
        if hh > 12:
            return None
        pm = m["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    day = ctx.ref or ctx.dct
    wd_text = m["weekday"] or m["weekday2"]
    deictic = m["deictic"] or m["deictic2"]
    month_text, day_text = m["month"], m["day"]
    if not (wd_text or deictic or month_text):
        after = CLOCK_DAY.match(ctx.text, c.end)
        if after is not None:  # "at 10 a.m. on Monday": Monday's ten o'clock
            wd_text, month_text, day_text = after["weekday"], after["month"], after["day"]
    if ctx.dct is not None and wd_text:
        delta = WEEKDAYS[wd_text.lower()] - ctx.dct.isoweekday()
        forward = clause_direction(ctx, c) == "future"
        day = ctx.dct + timedelta(days=(delta if delta >= 0 else delta + 7) if forward
                                  else (delta if delta <= 0 else delta - 7))
    elif month_text:
        month, dnum = month_number(month_text), int(day_text)
        year = pick_year(month, dnum, ctx.dct, clause_direction(ctx, c)) if ctx.dct else None
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
    return dated(value, anchor=None if m["year"] else "DCT")


def r_week_of(c: Candidate, ctx: Context) -> Resolved | None:
    inner = r_month_day(c, ctx)
    if inner is None or inner.granular is None:
        return inner
    return dated(cal.week_value(inner.granular), anchor=inner.anchor)
