"""The surface grammar of English time expressions, as precompiled regular expressions.

Each rule finds candidate extents in the raw text; :mod:`.resolve` turns a match
into a TIMEX3 type and value (or rejects it). Extents follow the TimeBank
conventions learnt from the TempEval-3 training data: determiners and
modifiers that are part of the expression are inside ("the third quarter",
"last week", "early next year", "nearly two years"), prepositions are outside
("on Friday" -> "Friday").

Month and weekday names are matched case-sensitively (Capitalised or UPPER) so
that the verb "march" or the modal "may" are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fogwatch.analyze.times.holidays import HOLIDAY

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "a single": 1,
    "a couple of": 2, "couple of": 2, "half a": 0, "half an": 0, "a hundred": 100,
}
VAGUE_NUMBERS: frozenset[str] = frozenset({"several", "few", "a few", "many", "some", "a couple"})
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}


def _cased(words: list[str]) -> str:
    forms = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))


_FULL_MONTHS = list(MONTHS)[:12]
_ABBR_MONTHS = list(MONTHS)[12:]
MONTH = (
    rf"(?-i:(?P<month>(?:{_cased(_FULL_MONTHS)})\b|(?:{_cased(_ABBR_MONTHS)})(?:\.|\b)))"
)
WEEKDAY = rf"(?-i:(?P<weekday>{_cased(list(WEEKDAYS))}))\b"
_NUM_WORDS = sorted(NUMBER_WORDS, key=len, reverse=True)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
NUM = (
    rf"(?P<num>(?<![\d,.])\d{{1,3}}(?:\.\d+|\s+1/2)?(?![\d,/])|(?:{_TENS})[- ](?:{_UNITS_1_9})|{'|'.join(_NUM_WORDS)}"
    r"|several|a few|few|many|a couple)"
)
UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
    r"|quarters?|years?|decades?|century|centuries)"
)
# A capitalised word after a space: what follows a name's first word ("21st Century Fox",
# "Daily Show")
NAME_AFTER = re.compile(r" [A-Z][a-z]")

PRE = (
    r"(?P<pre>early|mid|middle|late|the\s+(?:beginning|start|middle|end)\s+of"
    r"|the\s+(?:early|late|middle)\s+part\s+of|(?:the\s+)?(?:first|second|last|latter)\s+half\s+of)"
)
_PRE_SEP = r"(?:\s*-\s*|\s+)"
YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d%]|[,.]\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"
PART = r"(?P<part>morning|afternoon|evening|night)"
DAY_PRE = r"(?P<dpre>early|late|mid-afternoon|mid-morning)"  # "late yesterday"; "earlier" stays outside
REL_YEAR = r"(?P<ryear>this|last|next)\s+year\b(?!['’])"  # "June last year"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TWO_DIGITS = rf"(?:{_TEENS}|(?:{_TENS})(?:[- ](?:{_UNITS_1_9}))?)"
# A year in words, as transcripts write it: "nineteen ninety-six", "nineteen oh five",
# "two thousand and one", "twenty twelve".
SPELLED_YEAR = (
    rf"(?P<syear>(?:nineteen|eighteen)[- ](?:hundred|oh[- ](?:{_UNITS_1_9})|{_TWO_DIGITS})"
    rf"|two[- ]thousand(?:(?:\s+and)?[- ](?:{_UNITS_1_9}|{_TWO_DIGITS}))?"
    rf"|twenty[- ]{_TWO_DIGITS})\b(?![- ](?:hundred|thousand|million|billion|percent|per\b))"
)
DECADE_WORDS: dict[str, int] = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern, and the cheap trigger that must occur near any of its matches.

    Running every pattern over the whole text costs as much as a tenth of
    spaCy's own time; a trigger (a unit word, a month name, four digits) finds
    the few places worth trying, and the pattern runs only there.
    """

    name: str
    pattern: re.Pattern[str]
    trigger: re.Pattern[str] | None = None
    before: int = 80  # how far a match may start before its trigger


_UNIT_WORD = re.compile(
    r"(?i)second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur"
    r"|morning|afternoon|evening"
)
_DIGITS4 = re.compile(r"\d{4}")
_MONTH_WORD = re.compile(
    rf"(?-i:{_cased(_FULL_MONTHS)}|{_cased(_ABBR_MONTHS)})"
)
_MONTH_OR_WEEKDAY = re.compile(
    rf"(?-i:{_cased(_FULL_MONTHS)}|{_cased(_ABBR_MONTHS)}|{_cased(list(WEEKDAYS))})"
)
_SEASON_WORD = re.compile(r"(?i)spring|summer|autumn|fall|winter")
_QUARTER_WORD = re.compile(r"(?i)quarter|half|period")
_QUARTER_OR_YEAR_AGO = re.compile(r"(?i)quarter|period|year-")
_SLASH = re.compile(r"/")
_HOLIDAY_HINT = re.compile(
    r"Christmas|New Year|Easter|Good Friday|Thanksgiving|Day\b|Halloween|CHRISTMAS|EASTER"
)
# Time zones written after a clock time: "10:30 a.m. ET", "14:00 CET"
_ZONES = r"[ECMP][SD]?T|GMT|UTC|BST|CES?T|EES?T|MSK"
_DECADE_HINT = re.compile(r"(?i)\d0['’]?s\b|ties\b")
_SPELLED_HINT = re.compile(r"(?i)nineteen|eighteen|thousand|twenty")
TRIGGERS: dict[str, re.Pattern[str]] = {
    "iso_date": _DIGITS4, "month_day": _MONTH_WORD, "day_month": _MONTH_WORD,
    "week_of": _MONTH_WORD, "weekday_date": _MONTH_WORD, "rel_named": _MONTH_OR_WEEKDAY, "month_year": _MONTH_WORD,
    "decade": _DECADE_HINT, "spelled_year": _SPELLED_HINT, "holiday": _HOLIDAY_HINT, "year": _DIGITS4, "season": _SEASON_WORD, "rel_unit": _UNIT_WORD,
    "ago": _UNIT_WORD, "duration": _UNIT_WORD, "adj_duration": _UNIT_WORD, "iso_week": _UNIT_WORD,
    "quarter": _QUARTER_WORD, "quarter_rel": _QUARTER_OR_YEAR_AGO, "num_date": _SLASH,
    "century": re.compile(r"(?i)century"), "year_end": re.compile(r"(?i)year(?:-end|['’]s\s+end)"),
    "period_of": _UNIT_WORD, "the_year": _UNIT_WORD, "unit_span": _UNIT_WORD, "bare_units": _UNIT_WORD,
    "weekday": re.compile(rf"(?-i:{_cased(list(WEEKDAYS))})"),
    "deictic": re.compile(r"(?i)today|tonight|yesterday|tomorrow"),
    "ref": re.compile(r"(?i)now|current|recent|these\s+days|present|future|past|coming"),
    "set": re.compile(
        r"(?i)daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|every|each|once|twice"
        r"|thrice|times"
    ),
    "clock": re.compile(r"(?i)[ap]\.?m\b|noon|midnight|midday|gmt|utc|\d:\d\d"),
    "weekend": re.compile(r"(?i)weekend"),
}
# The longest stretch a rule's match can have before its trigger word
# ("approximately the past twenty-five more years" for durations).
_REACH: dict[str, int] = {
    "adj_duration": 16, "iso_week": 8, "rel_unit": 40, "num_date": 8, "duration": 64,
    "ago": 64, "quarter": 48, "quarter_rel": 32, "weekday": 16, "deictic": 16, "ref": 8,
    "set": 16, "clock": 8, "weekend": 8, "bare_units": 8,
}
_AFTER = 48  # and after it ("five weeks from now", "March 4, 2024")


def _rule(name: str, pattern: str) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), TRIGGERS.get(name), _REACH.get(name, 80))


RULES: tuple[Rule, ...] = (
    _rule("iso_date", r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    _rule("num_date", r"(?<![\d/])(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![\d/])"),
    _rule(
        "month_day",
        rf"(?:\b{PRE}{_PRE_SEP})?\b{MONTH}\s*{DAY}"
        r"(?:\s*(?:-|–|—|to|through)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:]))?"
        rf"(?:,?\s+(?:{YEAR}|{REL_YEAR}))?",
    ),
    _rule(
        "weekday_date",
        rf"\b(?-i:{_cased(list(WEEKDAYS))}),?\s+{MONTH}\s*{DAY}(?:,?\s+{YEAR})?",
    ),
    _rule("weekend", r"\bthe\s+weekend\b"),
    # "21 March 2013", and the British "Thursday 21 March" as one expression
    _rule("day_month", rf"(?:\b(?-i:{_cased(list(WEEKDAYS))}),?\s+)?\b{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?"),
    _rule(
        "iso_week",
        r"\b(?:the\s+)?week\s+(?P<wk>[1-5]?\d)(?:\s+of\s+(?P<year>\d{4}))?\b",
    ),
    _rule(
        "week_of",
        rf"\b(?:the\s+)?week\s+of\s+{MONTH}\s*{DAY}(?:,?\s+{YEAR})?",
    ),
    _rule(
        "rel_named",
        r"(?:\b(?P<pre>early|mid|late)[-\s]+)?(?:\b(?P<the>the)\s+)?"
        r"\b(?P<rel>last|this|next|coming|past|previous|(?<=the\s)(?:following|preceding))\s+"
        rf"(?:{WEEKDAY}|{MONTH}(?!\.?\s*\d))",  # "last Oct. 23" is a day: month_day
    ),
    _rule(
        "month_year",
        rf"(?:\b{PRE}{_PRE_SEP}|(?<![\w-])){MONTH}"
        rf"(?:,?\s+(?:of\s+)?(?:{YEAR}|{SPELLED_YEAR})|\s+(?:of\s+)?{REL_YEAR})?",
    ),
    _rule(
        "decade",
        rf"\b(?:(?P<the>the)\s+)?(?:{PRE}{_PRE_SEP}(?:the\s+)?)?"
        rf"(?:(?P<dec>1[5-9]\d0|20\d0)['’]?s\b|['’](?P<dec2>\d0)s\b"
        rf"|(?P<decw>{'|'.join(DECADE_WORDS)})\b)",
    ),
    _rule(
        "century",
        rf"\b(?:(?P<the>the)\s+)?(?:{PRE}{_PRE_SEP}(?:the\s+)?)?"
        r"(?P<cent>1?\d|2[01])(?:st|nd|rd|th)[-\s]+century\b"
        r"|\b(?:the\s+)?(?P<wcent>nineteenth|twentieth|twenty-first)[-\s]+century\b",
    ),
    _rule(
        "year_end",
        r"\byear(?:-end|['’]s\s+end)\b",
    ),
    _rule(
        "holiday",
        r"(?:\b(?P<rel>last|this|next|past|coming|previous)\s+)?"
        rf"\b{HOLIDAY}(?:,?\s+(?:of\s+)?{YEAR})?",
    ),
    _rule(
        "spelled_year",
        rf"(?:\b(?P<the>the)\s+year\s+)?\b{SPELLED_YEAR}",
    ),
    _rule(
        "year",
        # the second year of a span ("1981-1989") follows a hyphen; no other number does
        rf"(?:(?<=\b(?:1[5-9]|20)\d\d-)|(?<![\d$£€.,/-]))(?:\b{PRE}{_PRE_SEP})?(?:\b(?P<fiscal>fiscal|calendar|FY)\s*)?"
        rf"\b{YEAR}\b",
    ),
    _rule(
        "season",
        r"(?:\b(?P<pre>early|mid|late)[-\s]+)?(?:\b(?P<rel>this\s+past|last|this|next|past|coming|previous)\s+"
        r"|\b(?P<det>the)\s+(?:(?P<pre2>early|mid|late)[-\s]+)?)?"
        r"\b(?P<season>spring|summer|autumn|fall|winter)\b"
        rf"(?:\s+(?:of\s+)?(?:(?P<year>\d{{4}})\b|{SPELLED_YEAR}))?",
    ),
    _rule(
        "period_of",
        rf"\b{PRE}\s+(?P<rel>the|this|last|next|that|the\s+current|the\s+same|the\s+following"
        r"|the\s+previous)\s+(?P<unit>week|month|quarter|year|decade|century)\b",
    ),
    _rule(
        # "for the year", "of the year", "the year ended March 31" (a fiscal year)
        "the_year",
        r"(?:\b(?:earlier|later)\s+in\s+)?\b(?P<the>the)\s+(?:(?P<adj>full|fiscal|whole|entire)\s+)?year\b"
        r"(?P<ended>(?=\s+(?:ended|ending|that\s+ended|to\s+\w+\s+\d|since)\b))?"
        r"(?!\s+(?:\d|two|nineteen|twenty|before|after|earlier|later|ago|of\b)|['’-])",
    ),
    _rule(
        # "in the weeks before the offensive" (TimeBank leaves "the" outside), "the
        # months ahead" (inside)
        "unit_span",
        r"\bthe\s+(?P<unit>hours|days|weeks|months|years|decades)(?=\s+(?:before|after|since"
        r"|following|leading\s+up|that\s+followed|(?P<ahead>ahead|to\s+come))\b)",
    ),
    _rule(
        # "for years", "within weeks": an unstated number of units (TimeBank leaves
        # the preposition outside); not "for days of talks" nor "for years ago"
        "bare_units",
        r"(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit>hours|days|weeks|months|years)\b"
        r"(?!\s+(?:of|ago|earlier|later|before|after|old)\b|[-\u2010-\u2014]|['\u2019])",
    ),
    _rule(
        "rel_unit",
        r"(?:\b(?P<pre>early|earlier|late|later|mid)[-\s]+)?"
        r"\b(?P<rel>this\s+past|last|this|next|past|previous|coming|current|following|that|the\s+same"
        r"|the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+past|the\s+last"
        r"|the\s+coming|the\s+current|the\s+latest|the\s+prior|the\s+very\s+next)\s+"
        r"(?P<unit>week|weekend|month|year|quarter|decade|century|day|morning|afternoon"
        r"|evening|night)\b(?:\s+or\s+so\b)?",
    ),
    _rule("weekday", rf"(?:\b{DAY_PRE}\s+)?\b{WEEKDAY}(?:\s+{PART})?"),
    _rule(
        "deictic",
        rf"(?:\b{DAY_PRE}\s+)?\b(?P<word>today|tonight|yesterday|tomorrow)\b(?:\s+{PART}\b)?",
    ),
    _rule(
        "ref",
        r"\b(?P<word>now|currently|recently|nowadays|these\s+days|at\s+present"
        r"|the\s+future|(?<=in\s)the\s+past|the\s+present"
        r"|(?:in\s+)?recent\s+(?:years|months|weeks|days|decades)"
        r"|the\s+coming\s+(?:years|months|weeks|days|decades)"
        r"|coming\s+(?:years|months|weeks|days|decades))\b(?![\s-]+day\b)",
    ),
    _rule(
        "ago",
        r"(?:\b(?P<mod>about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over"
        r"|just|only)\s+)?"
        rf"\b{NUM}\s+(?:more\s+)?{UNIT}\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after|from\s+now"
        r"|hence|back)\b",
    ),
    _rule(
        "duration",
        r"(?:\b(?P<mod>at\s+least|more\s+than|less\s+than|fewer\s+than|over|under|about"
        r"|around|nearly|almost|roughly|some|approximately|up\s+to|at\s+most)\s+(?!the\b))?"
        r"(?:\b(?P<the>the)\s+(?:(?P<rel>past|last|next|first|final|coming|previous"
        r"|following|latest|entire|whole|full|initial|same)\s+)?)?"
        rf"\b{NUM}\s+(?:more\s+|additional\s+|full\s+|long\s+|straight\s+)?{UNIT}\b"
        r"(?P<half>\s+and\s+a\s+half\b)?",
    ),
    _rule(
        "adj_duration",
        rf"\b{NUM}-(?P<unit>second|minute|hour|day|week|month|year|decade|century)\b"
        r"(?!-old)",
    ),
    _rule(
        "quarter",
        r"\b(?:(?P<the>the)\s+(?=(?:year-)?\w+\s))?(?:(?P<year0>(?:19|20)\d\d)\s+|(?P<rely>this|last|next)\s+year'?s\s+"
        r"|(?P<yago>year-(?:earlier|ago))\s+)?"
        r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+"
        r"(?:fiscal[-\s]+)?(?P<q>quarter|half)\b(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<year>\d{4})\b)?",
    ),
    _rule(
        "quarter_rel",
        r"\b(?:(?P<the>the)\s+)?(?P<rel>latest|current|year-earlier|year-ago|same)\s+"
        r"(?P<q>quarter|period)\b|\bthe\s+(?P<bare>quarter)\b"
        r"|\b(?P<yago>year-(?:earlier|ago))\b(?!\s+(?:quarter|period|third|fourth|first|second)\b)",
    ),
    _rule(
        "set",
        r"\b(?P<adv>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly)\b"
        rf"|\b(?P<every>every|each)\s+(?:other\s+)?(?:(?:{NUM}\s+)?{UNIT}\b"
        rf"|(?P<named>(?-i:{_cased(list(WEEKDAYS))}|{_cased(_FULL_MONTHS)})\b))"
        rf"|\b(?P<times>once|twice|thrice|\w+\s+times)\s+(?:a|per|each|every)\s+"
        r"(?P<unit2>day|week|month|year|night|hour)\b",
    ),
    _rule(
        "clock",
        r"\b(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am\b|pm\b)"
        rf"(?:\s+(?P<tz>{_ZONES})\b)?"
        # the 24-hour clock of wire copy, told by its zone: "1430 GMT", "09:00 UTC";
        # not where it restates a local time in brackets ("10:35 a.m. (0735 GMT)")
        r"|(?<!\()(?P<h24>[01]\d|2[0-3]):?(?P<min24>[0-5]\d)\s*(?P<tz24>GMT|UTC)\b"
        # or by a preposition of time before two-digit hours and minutes: "at 20:00",
        # "from 08:30" (not "seen at 1:28 in the video")
        r"|(?:(?<=\bat\s)|(?<=\bfrom\s)|(?<=\buntil\s)|(?<=\btill\s)|(?<=\bto\s)|(?<=\bby\s)"
        r"|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\baround\s))(?P<h24p>[01]\d|2[0-3]):(?P<min24p>[0-5]\d)"
        rf"(?![:.,]?\d|\s*(?:[ap]\.?m\b|GMT|UTC))(?:\s+(?P<tz24p>{_ZONES})\b)?)"
        rf"(?:,?\s+(?:{WEEKDAY}|(?P<deictic>today|yesterday|tomorrow)\b|(?:on\s+)?{MONTH}\s*{DAY}))?"
        r"|\b(?P<word>noon|midnight|midday)\b"
        rf"(?:,?\s+(?:{WEEKDAY.replace('weekday', 'weekday2')}|(?P<deictic2>today|yesterday|tomorrow)\b))?",
    ),
)

# A day named just after a clock time, outside its extent: "at 10 a.m. on Monday",
# "at 20:00 local time on Sunday"
CLOCK_DAY = re.compile(
    rf"(?:\s+\(?local\s+time\)?)?,?\s+(?:on\s+)?(?:{WEEKDAY}|{MONTH}\s*{DAY})",
    re.IGNORECASE,
)

# When two candidates overlap, the longer wins; on a tie, the rule listed first.
RULE_RANK: dict[str, int] = {rule.name: i for i, rule in enumerate(RULES)}


@dataclass(slots=True)
class Candidate:
    rule: str
    start: int
    end: int
    match: re.Match[str]


# Case-insensitive triggers run about six times faster as case-sensitive patterns
# over a lower-cased copy of the text (the engine can then skip ahead by first
# letter); their patterns are written in lower case for this.
_LOWER_TRIGGERS: dict[re.Pattern[str], re.Pattern[str]] = {
    t: re.compile(t.pattern.removeprefix("(?i)"))
    for t in set(TRIGGERS.values()) if t.pattern.startswith("(?i)")
}


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, overlaps settled (longest first), in text order."""
    found: list[Candidate] = []
    n = len(text)
    lowered: str | None = text.lower()
    if len(lowered) != n:
        lowered = None  # a letter whose lower case is longer: offsets would shift
    hits: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for rule in RULES:
        if rule.trigger is not None and rule.trigger not in hits:
            fast = _LOWER_TRIGGERS.get(rule.trigger)
            if fast is not None and lowered is not None:
                hits[rule.trigger] = [m.span() for m in fast.finditer(lowered)]
            else:
                hits[rule.trigger] = [m.span() for m in rule.trigger.finditer(text)]
        spans = hits.get(rule.trigger) if rule.trigger is not None else None
        for a, b in _windows(spans, n, rule.before):
            for m in rule.pattern.finditer(text, a, b):
                if m.end() > m.start():
                    found.append(Candidate(rule.name, m.start(), m.end(), m))
    found.sort(key=lambda c: (-(c.end - c.start), RULE_RANK[c.rule], c.start))
    taken: list[tuple[int, int]] = []
    chosen: list[Candidate] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _windows(spans: list[tuple[int, int]] | None, n: int, before: int) -> list[tuple[int, int]]:
    """Stretches of text around a trigger's hits, merged; the whole text without a trigger."""
    if spans is None:
        return [(0, n)]
    out: list[tuple[int, int]] = []
    for start, end in spans:
        a, b = max(0, start - before), min(n, end + _AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def number_value(text: str | None) -> int | float | None:
    """The number a NUM group spells (None for vague ones like "several")."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.lower())
    if t in VAGUE_NUMBERS:
        return None
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t]
    m = re.fullmatch(rf"({_TENS})[- ]({_UNITS_1_9})", t)
    if m:
        return NUMBER_WORDS[m[1]] + NUMBER_WORDS[m[2]]
    m = re.fullmatch(r"(\d+) 1/2", t)
    if m:
        return int(m[1]) + 0.5
    try:
        f = float(t)
    except ValueError:
        return None
    return int(f) if f.is_integer() else f


def spelled_year_value(text: str) -> int | None:
    """The year a SPELLED_YEAR match writes out ("nineteen ninety-six" -> 1996)."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if len(words) >= 2 and words[:2] == ["two", "thousand"]:
        century, rest = 2000, words[2:]
    elif words and words[0] in ("nineteen", "eighteen", "twenty"):
        century, rest = NUMBER_WORDS[words[0]] * 100, words[1:]
    else:
        return None
    if rest == ["hundred"] or not rest:
        return century
    if rest[0] == "oh":
        rest = rest[1:]
    total = sum(_SMALL_NUMBERS.get(w, -100) for w in rest)
    return century + total if 0 < total < 100 else None


_SMALL_NUMBERS: dict[str, int] = {
    w: v for w, v in NUMBER_WORDS.items() if " " not in w and w not in ("a", "an", "hundred")
}


def unit_name(text: str) -> str:
    """Singular unit ("centuries" -> "century", "weeks" -> "week")."""
    t = text.lower()
    if t.startswith("centur"):
        return "century"
    return t[:-1] if t.endswith("s") else t
