"""Anchoring: the time that dates a predicate (an event, or the cue of a report).

The rule used by the events and attribution stages, and scored by ``fogwatch
eval anchoring`` against TimeBank's event–date links.

A predicate is anchored by a date or time expression of its own sentence that
hangs on its clause:

- The predicate's path climbs through verbs only: a time attached to a noun
  ("a meeting on October 20") dates that noun's event, not every clause above it.
- A time's own path stops at the first other predicate it meets, which owns it,
  except the event noun of a setting ("at a televised meeting on October 26, he
  claimed"): what is said or done at a meeting happens on the meeting's day.
- Durations and sets ("for three hours", "every month") date nothing, nor does
  the base of a comparison ("up from $10 million a year ago", "lower than last
  year"), nor a deadline or an end ("gave them until November 21 to wind down",
  "must leave by Friday").
- A duration before "after" or "before" dates the clause it introduces from
  the clause it hangs on: "three months after Trump gave Putin a welcome,
  Putin rattles his nukes" puts the welcome three months before the present.

With no anchor, a predicate in the simple present ("Russia controls", "is
fighting") or with "now", "today", "currently" is dated by the document's
creation time ("DCT"); anything else is undated. The present perfect ("has
captured") is not the present: it happened at some time before publication.

The precision of an anchor comes from its value: a day, a week, a month, a
season, a quarter, a half year, a year, a decade or a century.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from fogwatch.analyze.events import arguments as args
from fogwatch.analyze.events.sense_parse import PARTS
from fogwatch.analyze.factuality import is_predicate
from fogwatch.analyze.times.calendar import interval

NOW_ADVERBS = frozenset({"now", "currently", "today", "presently", "still"})
# prepositions whose event noun is the setting of the clause: what is said or done
# "at a meeting" or "during a briefing" happens when the meeting does
SETTING_PREPS = frozenset({"at", "during", "in"})
# a time below these words is the base of a comparison, not the predicate's time
COMPARISON_WORDS = frozenset({"than", "compared", "compare", "comparison", "versus", "vs",
                              "vs."})
SEQUENCE_WORDS = frozenset({"after", "before", "since", "until", "till", "following"})
# a time under these prepositions is when something ends or is due, not when the
# predicate took place: "gave them until November 21 to wind down", "must leave by
# Friday", "stayed till dawn"
DEADLINE_WORDS = frozenset({"until", "till", "til", "'til"})
DATED_TYPES = frozenset({"DATE", "TIME"})
COMPARISON_REACH = 12  # words looked back for "from $5 million", "compared with"
NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON"})
# units a relative clause ("three months after ...") may count in; weeks are left
# out: "five weeks after" is rounded too loosely to name a calendar week
_RELATIVE = re.compile(r"^P(\d{1,3})([DMY])$")
_RELATIVE_MARKS = {"after": -1, "before": 1}

_PRECISION = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}(T.*)?$"), "day"),
    (re.compile(r"^\d{4}-W\d{2}(-WE)?$"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}-Q[1-4]$"), "quarter"),
    (re.compile(r"^\d{4}-H[12]$"), "half"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """What dates a predicate: the index of its time expression in
    ``doc._.fw_times`` (None for the document's creation time, or for a date
    worked out from a relative clause), its TimeML value ("DCT" for the
    creation time) and the precision of that value."""

    index: int | None
    value: str
    precision: str | None


def precision_of(value: str | None) -> str | None:
    """"day", "week", "month", "season", "quarter", "half", "year", "decade" or
    "century" for a calendar value; None for anything else ("PAST_REF", "P3M",
    "XXXX-10")."""
    if not value:
        return None
    for pattern, name in _PRECISION:
        if pattern.match(value):
            return name
    return None


def anchor_of(doc: Doc, tok: Token, triggers: set[int] | None = None,
              skip: list[tuple[int, int]] | None = None, *,
              elaborate: bool = True) -> Anchor | None:
    """The time expression that anchors the predicate ``tok``, or None when
    none of its sentence does. ``triggers``: other predicates, which own the
    times attached to them; ``skip``: token ranges whose times are not the
    predicate's (the content of a report, for its cue)."""
    times = doc._.fw_times if Doc.has_extension("fw_times") else None
    if not times:
        return None
    triggers = triggers or set()
    path = _clause_path(tok)
    rank = {t.i: k for k, t in enumerate(path)}
    sent = tok.sent
    best: tuple[tuple[int, int], Anchor] | None = None
    timed = _time_tokens(doc, times, sent)
    rivals = False
    for k, t in enumerate(times):
        if not (sent.start_char <= t.start < sent.end_char):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or (skip and any(s <= span.root.i < e for s, e in skip)):
            continue
        found = _attachment(span, rank, triggers)
        if found is None:
            continue
        at, via = found
        if any(w.pos_ == "ADP" and w.lower_ in DEADLINE_WORDS for w in via):
            continue  # a deadline or an end: "until November 21"
        if t.type in DATED_TYPES:
            if _comparison_base(span, via):
                continue
            anchor = Anchor(k, t.value, precision_of(t.value))
        else:
            anchor = _relative(doc, span, t.value, path[at], triggers)
            if anchor is None:
                continue
        # the closer the better: first the clause it hangs on (the predicate's own
        # before those above it), then the fewer things it dates on its way
        # ("profit of $5 million in the third quarter" before "... from $4 million
        # a year earlier")
        key = (at, sum(1 for w in via if w.pos_ in NOMINAL and not _setting(w)
                       and w.i not in timed))
        if best is None or key < best[0]:
            best, rivals = (key, anchor), False
        elif key == best[0] and anchor.value != best[1].value:
            rivals = True
    if rivals:
        return None  # two dates on one clause ("in 1990 and 1991", "from May to July")
    if best is None:
        before = _elaborated(path[-1]) if elaborate else None
        if before is None:
            return None
        got = anchor_of(doc, before, triggers, skip, elaborate=False)
        # only a time written before the colon, in the clause it elaborates on
        colon = _colon_before(path[-1])
        if got is None or got.index is None or colon is None or times[got.index].start > colon.idx:
            return None
        return got
    return best[1]


def event_time(doc: Doc, tok: Token, modality: str,
               triggers: set[int]) -> tuple[int | None, str | None, str | None]:
    """(time index, value, precision) that date an event: its anchor, else the
    document's creation time ("DCT") for a present clause that happened (or is
    claimed or denied), else (None, None, None): undated."""
    anchor = anchor_of(doc, tok, triggers)
    if anchor is not None and anchor.value == "PRESENT_REF":
        return None, "DCT", "day"  # "now", "currently": the present
    if anchor is not None:
        return anchor.index, anchor.value, anchor.precision
    if modality in ("happened", "claimed", "denied") and _present(_clause_path(tok)[:3]):
        return None, "DCT", "day"
    return None, None, None


def anchor_time(doc: Doc, tok: Token, triggers: set[int] | None = None) -> int | None:
    """The index in ``doc._.fw_times`` of the time expression that anchors the
    predicate ``tok``, or None (no anchor, or one worked out from a relative
    clause). ``triggers``: other predicates, which own their times."""
    anchor = anchor_of(doc, tok, triggers)
    return anchor.index if anchor is not None else None


# --- the rule's parts ----------------------------------------------------------------


def _time_tokens(doc: Doc, times: list, sent: Span) -> set[int]:
    """The tokens of the sentence's time expressions ("in both 2023 and 2024": the
    path of 2024 goes through 2023, which is no other thing it dates)."""
    out: set[int] = set()
    for t in times:
        if sent.start_char <= t.start < sent.end_char:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
    return out


def _clause_path(tok: Token) -> list[Token]:
    """The predicate and the verbs above it, up to the first noun (through a
    relative clause to the verb above it: "an operation in which platoons were
    flown" is dated by the clause that reports the operation)."""
    path = [tok]
    for anc in args.ancestor_path(tok)[1:]:
        if anc.pos_ in ("NOUN", "PROPN", "PRON") and (path[-1].dep_ != "relcl"
                                                      or _says_who(path[-1])):
            break
        if _sequenced(path[-1]):
            break  # "after the summit", "before they withdrew": another time than above
        path.append(anc)
    return path


def _says_who(clause: Token) -> bool:
    """A relative clause on "who" that hangs on the clause's subject tells who that
    subject is, at a time of its own: "Beck, who supported Cruz during the primaries,
    last week said ..." did not support him last week, nor did "Trump, who has hit
    Clinton for ..., released a video on Monday" hit her on Monday. One on another
    participant tells of the clause's own moment ("soldiers were killed on Tuesday by
    gunmen who attacked a patrol"), as does one in the present or the progressive ("a
    woman who was watching her clothes dry was killed Thursday evening") or on "which"
    ("shares, which rose 2%, closed Friday", "an operation in which platoons were
    flown")."""
    told_before = clause.tag_ == "VBD" or clause.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in clause.children)
    return told_before and clause.head.dep_ in ("nsubj", "nsubjpass") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "who" for c in clause.children)


def _elaborated(top: Token) -> Token | None:
    """The verb of the clause a colon elaborates on, when ``top`` (the top of a
    predicate's path) comes after the colon: "at a meeting on October 26, he
    presented a report: among other things, he claimed that ..."."""
    sent = top.sent
    colon = _colon_before(top)
    if colon is None:
        return None
    for t in sent[:colon.i - sent.start]:
        if t.pos_ in ("VERB", "AUX") and not (sent.start <= t.head.i < colon.i and t.head.i != t.i):
            return t
    return None


def _colon_before(tok: Token) -> Token | None:
    sent = tok.sent
    return next((t for t in reversed(sent[:tok.i - sent.start]) if t.text == ":"), None)


def _sequenced(tok: Token) -> bool:
    """A clause or preposition that places its event before or after another:
    the time of the clause above does not date it."""
    if tok.pos_ == "ADP":
        return tok.lower_ in SEQUENCE_WORDS
    return tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ == "mark" and c.lower_ in SEQUENCE_WORDS for c in tok.children)


def _attachment(span: Span, rank: dict[int, int], triggers: set[int]) -> tuple[int, list[Token]] | None:
    """Where a time's path meets the predicate's path: (rank on that path, the
    words the time's path went through), or None when another predicate owns it.
    A time in the possessive dates what its noun takes part in ("Friday's volume
    totaled", "responded to yesterday's announcement"), but not through another
    noun: "complimented the moderator of Monday night's debate" did not
    compliment on Monday."""
    if span.root.dep_ == "poss" and span.root.head.i not in rank \
            and _inside_a_noun(span.root.head):
        return None
    if span.root.dep_ in ("nummod", "compound", "amod", "nmod"):
        noun = span.root.head
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head  # "third-quarter GNP growth": the growth
        if noun.i not in rank and _inside_a_noun(noun) and _outer(noun).i not in rank:
            return None  # "an image of her at Mr. Trump's 2005 wedding": not when it was sent
    if span.root.dep_ in ("compound", "amod", "nummod", "nmod") and span.root.head.dep_ == "appos" \
            and not is_predicate(span.root.head):
        return None  # it says who: "Mitt Romney, the 2012 nominee, tweeted"
    via: list[Token] = []
    for anc in args.ancestor_path(span.root):
        if span.start <= anc.i < span.end:
            continue
        if anc.i in rank:
            return rank[anc.i], via
        if (anc.i in triggers or anc.pos_ == "VERB") and not _setting(anc):
            return None  # another predicate's time ("a missile first shown last year")
        via.append(anc)
    return None


def _inside_a_noun(noun: Token) -> bool:
    """``noun`` modifies another noun: "the moderator of *debate*"."""
    return noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN") \
        or noun.dep_ in ("compound", "nmod", "appos")


def _outer(noun: Token) -> Token:
    """The noun that ``noun`` modifies (see :func:`_inside_a_noun`), through a word
    for a part of it: "fueled much of the third-quarter growth" (the growth)."""
    outer = noun.head.head if noun.dep_ == "pobj" else noun.head
    return outer.head if outer.lower_ in PARTS and outer.head.i != outer.i else outer


def _setting(noun: Token) -> bool:
    """An event noun that is where the clause takes place: "at a meeting"."""
    return noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.lower_ in SETTING_PREPS


def _comparison_base(span: Span, via: list[Token]) -> bool:
    """A time that dates the other side of a comparison: "lower than a year ago",
    "up from $85 million a year ago", "compared with a loss a year earlier"."""
    for k, tok in enumerate(via):
        word = tok.lower_
        if word in COMPARISON_WORDS:
            return True
        # "from March 30" starts the predicate; "from $85 million a year ago" compares
        if word == "from" and k > 0:
            return True
    # the words just before it, back to the clause's verb: "... to $85.7 million,
    # from $93.3 million a year earlier" (attached to the verb by the parse)
    figure = False
    for tok in reversed(span.doc[max(span.sent.start, span.start - COMPARISON_REACH):span.start]):
        if tok.pos_ in ("VERB", "AUX") and tok.lower_ not in COMPARISON_WORDS:
            return False
        if tok.dep_ == "quantmod":
            continue  # "more than four hours" compares a number, not a time
        if tok.lower_ in COMPARISON_WORDS:
            return True
        if tok.lower_ == "from":
            return figure
        figure = figure or tok.like_num or tok.tag_ == "$" or tok.lower_ in ("%", "percent")
    return False


def _relative(doc: Doc, span: Span, value: str, at: Token,
              triggers: set[int]) -> Anchor | None:
    """The date a duration gives the clause it introduces: "three months after
    X gave ..., Y rattles" dates the giving three months before Y's time."""
    m = _RELATIVE.match(value)
    if m is None or span.root.dep_ != "npadvmod":
        return None
    clause = span.root.head
    if clause.i != at.i or clause.pos_ not in ("VERB", "AUX") or clause.dep_ != "advcl":
        return None
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark"]
    sign = next((_RELATIVE_MARKS[w] for w in marks if w in _RELATIVE_MARKS), None)
    if sign is None:
        return None
    main = clause.head
    base = _reference_day(doc, main, triggers | {clause.i})
    if base is None:
        return None
    day, base_precision = base
    n, unit = int(m[1]), m[2]
    if unit == "D":
        if base_precision != "day":
            return None
        shifted = date.fromordinal(day.toordinal() + sign * n)
        return Anchor(None, shifted.isoformat(), "day")
    months = day.year * 12 + day.month - 1 + sign * n * (12 if unit == "Y" else 1)
    year, month = divmod(months, 12)
    if unit == "Y" or base_precision == "year":
        return Anchor(None, f"{year:04d}", "year")
    if base_precision not in ("day", "month"):
        return None
    return Anchor(None, f"{year:04d}-{month + 1:02d}", "month")


def _reference_day(doc: Doc, main: Token, triggers: set[int]) -> tuple[date, str] | None:
    """The day (and its precision) of the clause a relative one hangs on: its own
    date, else the creation time when it is in the present."""
    own = anchor_of(doc, main, triggers)
    if own is not None:
        if own.index is None or own.precision not in ("day", "month", "year"):
            return None
        v = own.value
        parts = [int(p) for p in v[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1,
                    parts[2] if len(parts) > 2 else 1), own.precision
    published = published_day(doc)
    if published is not None and _present([main]):
        return published, "day"
    return None


def published_day(doc: Doc) -> date | None:
    """The document's creation day (``doc._.fw_dct``, given or inferred)."""
    dct = doc._.fw_dct if Doc.has_extension("fw_dct") else None
    if isinstance(dct, date):
        return dct
    try:
        return date.fromisoformat(dct[:10]) if dct else None
    except ValueError:
        return None


def _present(path: list[Token]) -> bool:
    """The first verb on the path is in the present (not the present perfect), or
    says "now", "today", "currently"."""
    for tok in path:
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        if any(c.lower_ in NOW_ADVERBS for c in tok.children):
            return True
        aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        if tok.tag_ == "VBN" and any(a.lemma_ == "have" for a in aux):
            return False  # "has captured": before the present, not at it
        return tok.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in aux)
    return False


def after_published(value: str | None, published: date | None) -> bool:
    """The time begins after the publication day: what happens then has not happened
    when the article is written, whatever the tense ("the talks take place on
    November 20", "the sanctions are set for next month")."""
    if not value or published is None or value in ("DCT", "PRESENT_REF"):
        return False
    span = interval(value)
    return span is not None and date.fromisoformat(span[0]) > published


def told_as_past(tok: Token) -> bool:
    """The first verb on the predicate's clause path (see ``_present``) is in a past
    or perfect tense: "struck", "has walked away", "was held", "had been agreed"."""
    for verb in _clause_path(tok):
        if verb.pos_ in ("VERB", "AUX"):
            return verb.tag_ == "VBD" or any(
                c.dep_ in ("aux", "auxpass") and (c.lemma_ == "have" or c.tag_ == "VBD")
                for c in verb.children)
    return False
