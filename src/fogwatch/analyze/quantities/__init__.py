"""Quantities: numbers with their unit, approximation and what they count.

"over five thousand Ukrainian troops" -> value 5000, approx "over", unit "troops",
counted "Ukrainian troops"; "€140 billion" -> 1.4e11 EUR; "80 percent of Russians"
-> 80 percent of "Russians". Years, dates and clock times belong to the times
stage and are skipped; durations ("a year and a half") are kept as quantities of
time, since "how long" is a quantity an analyst compares across sources.

The links to attributions and events are filled later by the events stage,
which knows both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from fogwatch.analyze.base import Stage, ensure_extension, sentence_index
from fogwatch.analyze.quantities.numbers import DOZEN, SMALL, VAGUE, NumberRead, read_number
from fogwatch.findings import Document, Quantity

ensure_extension("fw_quantities", None)

# Longest first: matched against the lower-cased words before the number.
APPROX_BEFORE: tuple[tuple[str, ...], ...] = tuple(sorted((
    ("over",), ("more", "than"), ("about",), ("around",), ("approximately",), ("nearly",),
    ("almost",), ("some",), ("at", "least"), ("at", "most"), ("up", "to"), ("fewer", "than"),
    ("less", "than"), ("roughly",), ("an", "estimated"), ("estimated",), ("close", "to"),
    ("as", "many", "as"), ("upwards", "of"), ("under",), ("just", "over"), ("just", "under"),
    ("well", "over"), ("roughly",), ("circa",), ("nearly",), ("no", "fewer", "than"),
    ("several",), ("a", "few"), ("more", "that"),
), key=len, reverse=True))

CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "₽": "RUB", "₴": "UAH", "¥": "JPY"}
CURRENCY_WORDS = {
    "eur": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD", "dollar": "USD",
    "dollars": "USD", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "rub": "RUB",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "uah": "UAH",
    "hryvnia": "UAH", "hryvnias": "UAH", "yuan": "CNY",
}
MEASURE_UNITS = {
    "km": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km", "kilometres": "km",
    "km²": "km²", "km2": "km²", "sq": "km²", "square": "km²", "mile": "mi", "miles": "mi",
    "meter": "m", "meters": "m", "metre": "m", "metres": "m", "kg": "kg", "ton": "t",
    "tons": "t", "tonne": "t", "tonnes": "t", "hectare": "ha", "hectares": "ha",
    "barrel": "bbl", "barrels": "bbl", "mw": "MW", "gw": "GW",
}
PERCENT_WORDS = {"%": "percent", "percent": "percent", "per": "percent", "pct": "percent"}
TIME_UNITS = {
    "year": "year", "years": "year", "month": "month", "months": "month", "week": "week",
    "weeks": "week", "day": "day", "days": "day", "hour": "hour", "hours": "hour",
    "minute": "minute", "minutes": "minute", "decade": "decade", "decades": "decade",
}
# Nouns that count people or fighters: their unit is the class, the noun is kept in
# ``counted``, so "1,300 residents" and "1,300 civilians" compare as people.
TROOP_NOUNS = {"troops", "soldiers", "servicemen", "fighters", "personnel", "troop",
               "soldier", "conscripts", "mercenaries", "recruits", "marines", "paratroopers"}
PEOPLE_NOUNS = {"people", "persons", "residents", "civilians", "inhabitants", "refugees",
                "children", "men", "women", "respondents", "citizens", "prisoners", "hostages",
                "casualties", "dead", "victims", "evacuees", "voters", "workers", "migrants",
                "person", "resident", "civilian", "veterans", "convicts", "deaths"}
COUNT_SUBJECTS = {"number", "total", "toll", "count", "figure", "population", "tally"}
_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(slots=True)
class _Read:
    start: int
    end: int
    value: float
    upper: float | None
    approx: str | None
    unit: str | None
    counted: str | None


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in ``doc``, in text order."""
    blocked = _time_tokens(doc)
    out: list[Quantity] = []
    i = 0
    for c in _candidates(doc):
        if c < i:
            continue  # inside the quantity read before
        i = c
        if i in blocked or doc[i].ent_type_ == "ORDINAL":
            continue
        read = _read_at(doc, i, blocked)
        if read is None:
            continue
        span = doc[read.start:read.end]
        out.append(Quantity(
            text=span.text, start=span.start_char, end=span.end_char,
            sentence=sentence_index(doc, span.start_char), value=read.value,
            upper=read.upper, unit=read.unit, approx=read.approx, counted=read.counted,
        ))
        i = max(read.end, i + 1)
    return out


# Words a quantity can start with (besides digits and currency symbols): what
# read_number and _read_at accept as a first token.
_START_WORDS = frozenset({"a", "an", "half", "tens", *SMALL, *DOZEN, *VAGUE})


def _candidates(doc: Doc) -> list[int]:
    """Tokens where a quantity may start: a digit first, a currency symbol, or a
    number word. The others cannot start one, and are not read."""
    if not len(doc):
        return []
    strings = doc.vocab.strings
    orth, lower = doc.to_array([ORTH, LOWER]).T
    words = np.array([strings.add(w) for w in _START_WORDS], dtype=np.uint64)
    symbols = np.array([strings.add(s) for s in CURRENCY_SYMBOLS], dtype=np.uint64)
    uniq, where = np.unique(orth, return_inverse=True)
    digit_first = np.array([strings[h][:1].isdecimal() for h in uniq.tolist()], dtype=bool)
    hit = np.isin(lower, words) | np.isin(orth, symbols) | digit_first[where.reshape(-1)]
    return np.flatnonzero(hit).tolist()


def _read_at(doc: Doc, i: int, blocked: set[int]) -> _Read | None:
    currency: str | None = None
    start = i
    tok = doc[i]
    if tok.text in CURRENCY_SYMBOLS and i + 1 < len(doc):
        currency = CURRENCY_SYMBOLS[tok.text]
        i += 1
    num = read_number(doc, i)
    if num is None and tok.lower_ in ("a", "an") and i + 1 < len(doc) \
            and doc[i + 1].lower_ in TIME_UNITS:
        num = NumberRead(i, i + 1, 1.0)  # "a year and a half"
    if num is None or any(k in blocked for k in range(num.start, num.end)):
        return None
    if _is_noise(doc, num, currency):
        return None
    value, upper, end = num.value, num.upper, num.end
    approx = num.vague
    # ranges: "5 to 7", "five or six", "10-20" (split), "between 10 and 20"
    rng = _range_after(doc, end, between=num.start > 0 and doc[num.start - 1].lower_ in ("between", "from"))
    if rng is not None:
        upper, end = rng
    # "a year and a half", "one and a half"
    unit: str | None = currency
    counted: str | None = None
    k = end
    if k < len(doc) and doc[k].lower_ in TIME_UNITS:
        unit = TIME_UNITS[doc[k].lower_]
        k += 1
        end = k
    elif k + 1 < len(doc) and doc[k].text == "-" and doc[k + 1].lower_ in TIME_UNITS:
        unit = TIME_UNITS[doc[k + 1].lower_]  # "four-year mark"
        end = k + 2
    if end + 2 < len(doc) and [t.lower_ for t in doc[end:end + 3]] == ["and", "a", "half"]:
        value += 0.5
        end += 3
    elif end + 2 <= len(doc) and [t.lower_ for t in doc[end:end + 2]] == ["and", "half"]:
        value += 0.5
        end += 2
    if unit is None:
        unit, end = _unit_after(doc, end)
    if unit is None and currency is None and _bare_year(doc, num):
        return None
    # "a" on its own is no quantity unless a unit or scale follows ("a year", "a dozen")
    if doc[num.start].lower_ in ("a", "an") and unit is None and num.end - num.start == 1:
        return None
    if doc[num.start].lower_ == "one" and num.end - num.start == 1 and unit is None:
        return None  # "no one", "one of them": a pronoun far more often than a count
    approx_words, start = _approx_before(doc, start if currency else num.start)
    if approx_words and approx is None:
        approx = approx_words
    if rng is not None and start > 0 and doc[start - 1].lower_ in ("between", "from"):
        start -= 1
    counted, count_unit, end = _counted(doc, num, end, unit)
    if unit is None:
        unit = count_unit
    return _Read(start, end, value, upper, approx, unit, counted)


def _is_noise(doc: Doc, num: NumberRead, currency: str | None) -> bool:
    tok = doc[num.start]
    # numbers glued to letters in names ("F-16", "Su-24") or list bullets
    if num.start > 0 and doc[num.start - 1].text == "-" and num.start > 1 \
            and doc[num.start - 2].is_alpha and not doc[num.start - 2].like_num:
        return True
    return bool(tok.ent_type_ in ("ORDINAL",) and currency is None)


def _bare_year(doc: Doc, num: NumberRead) -> bool:
    """A four-digit number that reads as a year: "in 1905", "a 1905 poem"."""
    if num.end - num.start != 1 or not _YEAR.match(doc[num.start].text):
        return False
    nxt = doc[num.end] if num.end < len(doc) else None
    return not (nxt is not None and nxt.tag_ == "NNS")


def _range_after(doc: Doc, k: int, between: bool = False) -> tuple[float, int] | None:
    n = len(doc)
    joiners = ("to", "or", "-", "–", "—", "and") if between else ("to", "or", "-", "–", "—")
    if k + 1 < n and doc[k].lower_ in joiners:
        other = read_number(doc, k + 1)
        if other is not None and other.vague is None:
            return other.value, other.end
    return None


def _unit_after(doc: Doc, k: int) -> tuple[str | None, int]:
    n = len(doc)
    if k >= n:
        return None, k
    low = doc[k].lower_
    if low in PERCENT_WORDS:
        if low == "per":
            if k + 1 < n and doc[k + 1].lower_ == "cent":
                return "percent", k + 2
            return None, k
        if k + 1 < n and doc[k + 1].lower_ == "points" and low != "%":
            return "percentage points", k + 2
        return "percent", k + 1
    if low == "percentage" and k + 1 < n and doc[k + 1].lower_ == "points":
        return "percentage points", k + 2
    if low in CURRENCY_WORDS and (low.isupper() or doc[k].text.isupper() or low.endswith("s")
                                  or low in ("euro", "dollar", "yuan")):
        return CURRENCY_WORDS[low], k + 1
    if low in ("square", "sq") and k + 1 < n and doc[k + 1].lower_.rstrip(".") in (
        "kilometers", "kilometres", "km", "miles", "meters", "metres"
    ):
        unit = "mi²" if doc[k + 1].lower_.startswith("mile") else (
            "m²" if doc[k + 1].lower_.startswith("met") else "km²")
        return unit, k + 2
    if low in MEASURE_UNITS and low not in ("square", "sq"):
        return MEASURE_UNITS[low], k + 1
    return None, k


def _approx_before(doc: Doc, start: int) -> tuple[str | None, int]:
    words = [t.lower_ for t in doc[max(0, start - 3):start]]
    for phrase in APPROX_BEFORE:
        if len(phrase) <= len(words) and tuple(words[len(words) - len(phrase):]) == phrase:
            return " ".join(phrase), start - len(phrase)
    return None, start


def _counted(doc: Doc, num: NumberRead, end: int, unit: str | None) -> tuple[str | None, str | None, int]:
    """What the number counts, and the unit that follows from it.

    Adjacent noun phrase first ("five thousand Ukrainian troops"), then "of"
    ("80 percent of Russians", "dozens of drones"), then the "number of X is
    estimated at N" frame.
    """
    n = len(doc)
    k = end
    if unit in ("percent", "percentage points") or num.vague or (k < n and doc[k].lower_ == "of"):
        if k < n and doc[k].lower_ == "of":
            phrase = _noun_phrase_from(doc, k + 1)
            if phrase is not None:
                return phrase.text, _unit_for(phrase.root) if unit is None else None, end
        return None, None, end
    phrase = _noun_phrase_from(doc, k)
    if phrase is not None:
        return phrase.text, (_unit_for(phrase.root) if unit is None else None), end
    # "The number of residents ... is estimated at 1,300"
    head: Token = doc[num.end - 1]
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX"):
            break
        head = head.head
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in COUNT_SUBJECTS:
            for prep in child.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objs = [c for c in prep.children if c.dep_ == "pobj"]
                    if objs:
                        noun = objs[0]
                        text = doc[_left_edge(noun):noun.i + 1].text
                        return text, _unit_for(noun), end
    return None, None, end


def _noun_phrase_from(doc: Doc, k: int) -> Span | None:
    """Adjectives and nouns from ``k`` up to the last noun ("Ukrainian troops")."""
    n = len(doc)
    last_noun = -1
    j = k
    while j < n and j - k < 5:
        t = doc[j]
        if t.pos_ in ("NOUN", "PROPN") and not t.like_num:
            last_noun = j
        elif not _modifier(doc, t, j, k):
            break
        # stop after a plural noun: "eighteen battalions at Kupyansk"
        if t.pos_ == "NOUN" and t.tag_ == "NNS":
            break
        j += 1
    if last_noun < 0:
        return None
    return doc[k:last_noun + 1]


def _modifier(doc: Doc, t: Token, j: int, k: int) -> bool:
    """Words that may stand between a number and its noun."""
    if t.pos_ in ("ADJ", "VERB") and t.tag_ in ("JJ", "JJR", "VBN", "VBG", "NNP"):
        return True
    if t.text == "-" and j + 1 < len(doc) and doc[j + 1].is_alpha:
        return True
    return t.pos_ == "DET" and j == k and t.lower_ in ("the", "his", "her", "their", "its")


def _left_edge(noun: Token) -> int:
    left = noun.i
    for child in noun.lefts:
        if child.dep_ in ("amod", "compound", "nmod") and child.i < left:
            left = child.i
    return left


def _unit_for(noun: Token) -> str:
    low = noun.lower_
    if low in TROOP_NOUNS:
        return "troops"
    if low in PEOPLE_NOUNS:
        return "people"
    if low in CURRENCY_WORDS:
        return CURRENCY_WORDS[low]
    return low


def _time_tokens(doc: Doc) -> set[int]:
    """Token indices that belong to dates, times or sets (durations stay quantities)."""
    blocked: set[int] = set()
    times = getattr(doc._, "fw_times", None) if Doc.has_extension("fw_times") else None
    if times is not None:
        for t in times:
            if t.type == "DURATION":
                continue
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                blocked.update(range(span.start, span.end))
        return blocked
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME") and not _looks_like_duration(ent):
            blocked.update(range(ent.start, ent.end))
    return blocked


_ANCHORED = {"last", "next", "ago", "this", "earlier", "later", "early", "late", "since",
             "after", "before", "previous", "coming", "past", "mid"}


def _looks_like_duration(ent: Span) -> bool:
    words = {t.lower_ for t in ent}
    if words & _ANCHORED or any(_YEAR.match(t.text) for t in ent):
        return False
    return any(t.lower_ in TIME_UNITS for t in ent)


@Language.factory("fogwatch_quantities")
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent()


class QuantitiesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.fw_quantities = find_quantities(doc)
        return doc


def collect(doc: Doc, document: Document) -> list[Quantity]:
    found: list[Quantity] = doc._.fw_quantities or []
    for q in found:
        q.document = document.id
    return found


STAGE = Stage(factory="fogwatch_quantities", key="quantities", order=300, collect=collect)
