"""Resolvers of expressions relative to the DCT or to the last reference time:
"yesterday", "last week", bare weekdays, "the next day", "that week", "two days
ago", "the past three months"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from fogwatch.analyze.times import calendar as cal
from fogwatch.analyze.times.dates import r_month_day
from fogwatch.analyze.times.grammar import (
    WEEKDAYS,
    Candidate,
    number_value,
    unit_name,
)
from fogwatch.analyze.times.resolved import (
    PART_CODE,
    QUANT_MOD,
    Context,
    Resolved,
    clause_direction,
    dated,
    duration,
    half_of,
    month_number,
    pre_mod,
    unstated,
)


def r_rel_named(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    rel = m["rel"].lower()
    mod = pre_mod(m["pre"])
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
        if rel == "this" and not anaphoric and base is not None:
            # "this Thursday" is the coming one in a clause told ahead ("will visit
            # this Thursday", written on a Friday) and the last one told back
            direction = clause_direction(ctx, c)
            if direction == "future" and d < base:
                d += timedelta(days=7)
            elif direction == "past" and d > base:
                d -= timedelta(days=7)
        return dated(d.isoformat(), mod, anchor=label, granular=d, start=start)
    month = month_number(m["month"])
    if ctx.dct is None:
        return Resolved("DATE", f"XXXX-{month:02d}", mod=mod, start=start)
    year = ctx.dct.year
    if rel in ("last", "past", "previous"):
        year = year if month < ctx.dct.month else year - 1
    elif rel in ("next", "coming"):
        year = year if month > ctx.dct.month else year + 1
    return dated(cal.month_value(year, month), mod, anchor="DCT", start=start)


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
    direction = clause_direction(ctx, c)
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


_WEEK_AFTER = re.compile(r"\s+(last|previous|next|this)\s+week\b", re.IGNORECASE)


def r_weekday(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    wd = WEEKDAYS[m["weekday"].lower()]
    day_mod, part = _day_pre(m, m["part"])
    if ctx.dct is None:
        value = f"XXXX-WXX-{wd}"
        return Resolved("TIME" if part else "DATE", value + (f"T{PART_CODE[part.lower()]}" if part else ""))
    direction = clause_direction(ctx, c)
    delta = wd - ctx.dct.isoweekday()
    week = _WEEK_AFTER.match(ctx.text, c.end)
    if week is not None:
        # "on Monday last week": the Monday of the week named after it
        shift = {"last": -7, "previous": -7, "next": 7, "this": 0}[week[1].lower()]
        d = ctx.dct + timedelta(days=delta + shift)
    elif direction == "past":
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
        return Resolved("TIME", f"{d.isoformat()}T{PART_CODE[part.lower()]}", anchor=anchor,
                        mod=mod, interval=(d.isoformat(), d.isoformat()), granular=d)
    return dated(d.isoformat(), mod, anchor=anchor, granular=d)


def r_deictic(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    word = m["word"].lower()
    day_mod, part = _day_pre(m, m["part"])
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
    if ctx.dct is None:
        return Resolved("TIME" if part else "DATE", "XXXX-XX-XX" + (f"T{PART_CODE[part.lower()]}" if part else ""))
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
        return Resolved("DURATION", unstated(unit), start=start)
    if word in ("recently", "the past") or word.startswith("recent"):
        value = "PAST_REF"
    elif word == "the future":
        if ctx.modifies_noun(c.end - len("future"), c.end):
            return None  # "the future terror leader", "the future president": who he became
        value = "FUTURE_REF"
    else:
        value = "PRESENT_REF"
    return Resolved("DATE", value, anchor="DCT" if ctx.dct else None, start=start)


_BACK = ("last", "previous", "past", "this past", "the previous", "the preceding", "the prior", "the latest")


_FORWARD = ("next", "coming", "following", "the next", "the following", "the coming", "the very next")


_OF_EVENT_AFTER = re.compile(
    r"(?i)\s+of\s+(?:the|a|an|his|her|their|its|this|that)\s+"
    r"(?!(?:year|month|week|decade|century|quarter|season|summer|winter|spring|fall|autumn)\b)[a-z]")
_SPAN_BEFORE = re.compile(r"(?i)\b(?:over|in|within|during)\s+$")


def r_rel_unit(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    pre = (m["pre"] or "").lower()
    mod = {"early": "START", "mid": "MID", "late": "END"}.get(pre)
    if rel == "the last" and unit in ("day", "week") and _OF_EVENT_AFTER.match(ctx.text, c.end):
        # "the last day of the convention", "the last week of the race": a part of an
        # event, not of the calendar ("the last week of the year" is one)
        return None
    if rel in ("the past", "the last") and unit not in ("day", "morning", "afternoon", "evening", "night"):
        # "the past year": a stretch of time up to now, not a calendar year
        res = duration(1, unit, None)  # decades and centuries counted in years
        res.anchor = "DCT" if ctx.dct else None
        return res
    anaphoric = rel.startswith("the ") and rel not in ("the current", "the latest", "the coming") or rel == "that"
    if rel == "following":
        anaphoric = True
    if rel == "the next" and _SPAN_BEFORE.search(ctx.text, max(0, c.start - 8), c.start) \
            and ctx.tense(c.start, c.end) != "past":
        # "10,000 are expected over the next year": the year ahead of now, not of the
        # year last named; told in the past ("in the next week the army advanced"),
        # it follows the story
        anaphoric = False
    if anaphoric and ctx.coarse is not None and unit in ("day", "morning", "afternoon", "evening", "night") and rel != "that":
        return dated(ctx.coarse[0], anchor=ctx.coarse[1])
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
        return Resolved("TIME", f"{d.isoformat()}T{PART_CODE[unit]}", anchor=label,
                        interval=(d.isoformat(), d.isoformat()), granular=d)
    cal_unit = "day" if part_of_day or unit == "day" else ("week" if unit == "weekend" else unit)
    if anaphoric and cal_unit != "day" and ctx.last_date is not None:
        base = ctx.last_date  # "the following year" counts from the last year named
        if cal_unit in ("month", "week") and ctx.last_year_only and ctx.last_month is not None \
                and ctx.last_month.year == base.year:
            # "opened in March 1998. That year ... The next month": from March, the
            # month named in that year, not from its January
            base = ctx.last_month
    if rel == "the latest" and cal_unit == "quarter":
        step = -1
    d = cal.shift(base, step, cal_unit)
    if unit == "weekend":
        sat = d + timedelta(days=6 - d.isoweekday())
        value = f"{cal.week_value(d)}-WE"
        return Resolved("DATE", value, anchor=label, mod=mod,
                        interval=(sat.isoformat(), (sat + timedelta(days=1)).isoformat()))
    value = cal.value_at(d, cal_unit)
    return dated(value, mod, anchor=label, granular=d if cal_unit == "day" else None)


def r_period_of(c: Candidate, ctx: Context) -> Resolved | None:
    """"the end of the year", "the beginning of next month", "the middle of that week"."""
    m = c.match
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    pre = re.sub(r"\s+", " ", m["pre"].lower())
    half = half_of(pre)
    if half and unit != "year":
        return None
    mod = None if half else pre_mod(pre)
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
    return dated(value, mod, anchor=label)


def r_the_year(c: Candidate, ctx: Context) -> Resolved | None:
    """"for the year", "sales of the year": the DCT's year; "the year ended March 31": a year."""
    m = c.match
    if m["ended"] is not None:  # an empty lookahead group
        return Resolved("DURATION", "P1Y")
    year = _YEAR_BEFORE.search(ctx.text, max(0, c.start - 8), c.start)
    if year:  # "in 2010, the year the court decided": that year
        return dated(year[1])
    if ctx.dct is None:
        return Resolved("DATE", "XXXX")
    return dated(f"{ctx.dct.year:04d}", anchor="DCT")


_YEAR_BEFORE = re.compile(r"\b((?:1[5-9]|20)\d\d),\s+$")


def r_unit_span(c: Candidate, ctx: Context) -> Resolved | None:
    """"the weeks before the vote": an unstated number of weeks."""
    m = c.match
    return Resolved("DURATION", unstated(unit_name(m['unit'])),
                    start=None if m["ahead"] else m.start("unit"),
                    end=m.end("ahead") if m["ahead"] else None)


def r_rel_unit_extent(c: Candidate, ctx: Context) -> Resolved | None:
    """TimeBank leaves "earlier" out of "earlier this week" (not of "earlier this year")."""
    res = r_rel_unit(c, ctx)
    m = c.match
    if res is not None and (m["pre"] or "").lower() in ("earlier", "later") and m["unit"].lower() == "week":
        res.start = m.start("rel")
    return res


def _counts_from_period(unit: str, period_unit: str) -> bool:
    """Whether a count of ``unit``s later or earlier can be counted from a year or month
    named before it: years from either ("in 2008 ... four years later"), months only from
    a month ("in March ... two months later"; from "2008" the month is unknown); days and
    weeks need a day."""
    return unit in ("year", "decade", "century") or (unit in ("month", "quarter") and period_unit == "month")


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
            return duration(n, unit, mod, end=c.match.start("dir") - _trailing_space(ctx.text, c.match.start("dir")))
        base, label, end = anchored
        back = direction == "before"
    else:
        back = direction in ("ago", "earlier", "back")
        anchor_dct = direction in ("ago", "from now", "hence", "back")
        base, label = (ctx.dct, "DCT") if anchor_dct or ctx.ref is None else (ctx.ref, ctx.ref_label)
        if not anchor_dct and ctx.period is not None and _counts_from_period(unit, ctx.period[1]):
            # "elected in 2008 and re-elected four years later": counted from 2008, not
            # from the last day or the DCT
            base, label = ctx.period[0], ctx.period[2]
    if base is None or n is None or not float(n).is_integer():
        # "a few days later" told in the past is later than some past day, not after now
        past = back or (direction == "later" and ctx.tense(c.start, c.end) == "past")
        return Resolved("DATE", "PAST_REF" if past else "FUTURE_REF", mod=mod, end=end)
    if unit in ("second", "minute", "hour"):
        # "three hours later": the clock time is unknown, the day is (near enough) the same
        return dated(base.isoformat(), mod, anchor=label, end=end)
    cal_unit = {"night": "day", "weekend": "week", "fortnight": "week"}.get(unit, unit)
    k = int(n) * (2 if unit == "fortnight" else 1)
    if cal_unit == "year" and ctx.last_quarter is not None and direction in ("ago", "earlier"):
        # "a year ago" in a quarterly report compares with the same quarter then
        y, q = ctx.last_quarter
        return dated(cal.quarter_value(y - k, q), mod, anchor=label, end=end)
    d = cal.shift(base, -k if back else k, cal_unit)
    if direction in ("before", "after"):
        cal_unit = "day"  # counted from a dated day, it names a day
    value = cal.value_at(d, cal_unit)
    return dated(value, mod, anchor=label, end=end, granular=d if cal_unit == "day" else None)


def _trailing_space(text: str, pos: int) -> int:
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return pos - i


def r_quarter_rel(c: Candidate, ctx: Context) -> Resolved | None:
    m = c.match
    if re.match(r"-centur", ctx.text[c.end:c.end + 8], re.IGNORECASE):
        return None  # "the quarter-century-old brigade"
    if ctx.dct is None:
        return Resolved("DATE", "XXXX-QX")
    if m["yago"]:
        # "year-earlier profit": the same period a year before, the quarter when one is
        # being reported, else the year
        if ctx.last_quarter is not None:
            y, q = ctx.last_quarter
            return dated(cal.quarter_value(y - 1, q), anchor="DCT")
        return dated(f"{ctx.dct.year - 1:04d}", anchor="DCT")
    rel = (m["rel"] or "").lower()
    latest = cal.shift(ctx.dct, -1, "quarter")
    if rel == "current":
        latest = ctx.dct
    if rel in ("year-earlier", "year-ago"):
        latest = cal.shift(latest, -1, "year")
    if (m["q"] or "").lower() == "period" and rel not in ("year-earlier", "year-ago", "latest"):
        return None
    return dated(cal.value_at(latest, "quarter"), anchor="DCT")
