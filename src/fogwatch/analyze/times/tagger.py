"""One pass over a spaCy Doc: candidates from the grammar, resolved in text order.

The walk keeps the last resolved day as the reference time for anaphoric
expressions ("the next day", "two days later"), asks the parse for the tense
that sets the direction of bare weekdays and months, and, where an expression
counts from a named event ("five weeks after the Alaska summit"), looks for a
sentence elsewhere in the document that dates that event.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token

from fogwatch.analyze.base import doc_text, sentence_index
from fogwatch.analyze.times.calendar import parse_iso_date
from fogwatch.analyze.times.grammar import NAME_AFTER, Candidate, find_candidates
from fogwatch.analyze.times.resolve import RESOLVERS
from fogwatch.analyze.times.resolved import Context, Resolved, Tense
from fogwatch.findings import Time

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
# Modals that point forward; "can" and "could" do not ("could not be reached
# Wednesday" narrates the past).
_FUTURE_AUX = frozenset({
    "will", "shall", "'ll", "wo", "going", "would", "'d", "may", "might", "should", "must",
})


# Modals whose perfect ("may have been") narrates the past; "will have" does not.
_PAST_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "'d"})


# Verbs of planning: told in the present, their time is the time of what is planned.
_SCHEDULING = frozenset({"schedule", "reschedule", "slate", "plan", "set"})


# What news tells in the present simple when it is set to happen: "the law takes
# effect Monday", "the ministers meet on Friday", "the summit opens Tuesday". Only
# these: a headline or a caption tells what happened in the present too ("Russia
# strikes Kyiv on Sunday", "Protesters march in Lagos on Saturday").
_SCHEDULED = frozenset({
    "begin", "start", "open", "reopen", "close", "end", "expire", "meet", "convene", "vote",
    "resume", "arrive", "depart", "leave", "visit", "travel", "fly", "return", "host",
    "kick", "sit", "gather", "head", "face",
})
# ... and "take" when what is taken is a start: "takes effect", "takes office"
_TAKEN_AS_A_START = frozenset({"effect", "office", "place", "power"})


def _present_simple_event(verb: Token) -> bool:
    """``verb`` tells a scheduled event in the present simple ("the court meets Monday")."""
    if verb.tag_ not in ("VBZ", "VBP") or verb.pos_ != "VERB":
        return False
    lemma = verb.lemma_.lower()
    return lemma in _SCHEDULED or lemma == "take" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _TAKEN_AS_A_START for c in verb.children)


def _present_tense(verb: Token) -> bool:
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    auxes = [t for t in verb.children if t.dep_ in ("aux", "auxpass")]
    return verb.tag_ == "VBN" and bool(auxes) and all(t.tag_ in ("VBZ", "VBP") for t in auxes)


# Words whose infinitive complement lies ahead of them ("plan to", "expected to",
# "due to", "likely to").
_FORWARD_GOVERNORS = frozenset({
    "plan", "expect", "schedule", "intend", "want", "hope", "agree", "decide", "promise",
    "vow", "pledge", "aim", "seek", "prepare", "propose", "threaten", "vote", "ask", "urge",
    "call", "set", "due", "likely", "going", "able", "ready", "about", "poised", "slate",
    "try", "need", "wish", "offer", "order", "invite", "be",
    "agreement", "deal", "bid", "proposal", "decision", "effort", "attempt", "intention",
    "commitment", "move", "deadline", "pact", "accord", "contract",
})


# Participles that name what a goal takes ("the votes needed to pass", "the seats
# required to govern"): no plan looks ahead from them.
_AMOUNT_NEEDED = frozenset({"need", "require"})


def tag_times(doc: Doc, dct: date | None, candidates: list[Candidate] | None = None) -> list[Time]:
    """The time expressions of ``doc`` as :class:`Time` records, in text order.

    ``candidates``: the grammar's matches in ``doc.text``, if already found.
    """
    text = doc_text(doc)  # built once per doc (Doc.text joins every token on each access)
    if candidates is None:
        candidates = find_candidates(text)
    has_parse = doc.has_annotation("DEP")
    has_tags = doc.has_annotation("TAG")

    def tense(start: int, end: int) -> Tense:
        return _tense(doc, start, end, has_parse, has_tags)

    def reject(c: Candidate) -> bool:
        return _is_counted_number(doc, c, has_parse)

    def is_adjective(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        # "a weekly report" modifies a noun; "reports weekly" is a frequency
        return bool(has_parse and span is not None and span[0].dep_ == "amod")

    def modifies_noun(start: int, end: int) -> bool:
        span = doc.char_span(start, end, alignment_mode="expand")
        if not has_parse or span is None:
            return False
        root = span.root
        return (root.dep_ in ("compound", "nmod", "amod") and root.head.i >= span.end
                and root.head.pos_ in ("NOUN", "PROPN"))

    needs_events = any(c.rule == "ago" and c.match["dir"].lower() in ("before", "after") for c in candidates)
    times, days = _walk(doc, candidates, Context(
        dct=dct, text=text, tense=tense, reject=reject, is_adjective=is_adjective,
        modifies_noun=modifies_noun))
    if needs_events and days:
        registry = _EventDates(doc, days, has_parse)
        ctx = Context(dct=dct, text=text, tense=tense, reject=reject,
                      is_adjective=is_adjective, modifies_noun=modifies_noun, events=registry.lookup)
        times, _ = _walk(doc, candidates, ctx)
    return times


def _walk(
    doc: Doc, candidates: list[Candidate], ctx: Context
) -> tuple[list[Time], list[tuple[int, date]]]:
    times: list[Time] = []
    days: list[tuple[int, date]] = []  # (sentence, day) for every day-level date
    for cand in candidates:
        if _common_words(cand) and _is_title(ctx.text, cand):
            continue
        try:
            res = RESOLVERS[cand.rule](cand, ctx)
        except (ValueError, KeyError, IndexError, OverflowError):
            # an impossible date ("February 30") or a value out of range: not a timex
            res = None
        if res is None:
            continue
        start = res.start if res.start is not None else cand.start
        end = res.end if res.end is not None else cand.end
        sent = sentence_index(doc, start)
        times.append(_record(ctx.text, res, start, end, sent))
        if res.granular is not None:
            ctx.ref, ctx.ref_label, ctx.coarse = res.granular, f"t{len(times) - 1}", None
            ctx.period = None
            days.append((sent, res.granular))
        elif (res.type == "DATE" and res.interval is not None and _YEAR_OR_MONTH.match(res.value)
              and cand.rule != "ago"):  # "a year earlier ... a year earlier" is one year back
            ctx.period = (parse_iso_date(res.interval[0]), "month" if "-" in res.value else "year",
                          f"t{len(times) - 1}")
        elif res.type == "DATE" and res.interval is not None and "W" in res.value:
            ctx.coarse = (res.value, f"t{len(times) - 1}")
        if res.type == "DATE" and res.interval is not None:
            ctx.last_date = parse_iso_date(res.interval[0])
            ctx.last_year_only = bool(_YEAR_ONLY.match(res.value))
            if not ctx.last_year_only and _MONTH_OR_FINER.match(res.value):
                ctx.last_month = ctx.last_date
            q = _QUARTER.match(res.value)
            # the quarter being reported; "a year ago" and "year-earlier" compare with it
            # and must not replace it
            if q and cand.rule != "ago" and not _looks_back(cand):
                ctx.last_quarter = (int(q[1]), int(q[2]))
        if (_OTHER_PERIOD.match(res.value) and cand.rule not in ("ago", "quarter_rel")
                and not _PERIOD_AFTER.match(ctx.text, end)):
            # a report that moves on to the year or to nine months compares years;
            # "the 1988 period" is still the quarter
            ctx.last_quarter = None
    return times, days


_YEAR_OR_MONTH = re.compile(r"^\d{4}(?:-\d\d)?$")
_YEAR_ONLY = re.compile(r"^\d{4}$")
_MONTH_OR_FINER = re.compile(r"^\d{4}-(?:\d\d|W\d\d)")
_OTHER_PERIOD = re.compile(r"^(?:\d{4}|\d{4}-H[12]|P\d+M)$")
_PERIOD_AFTER = re.compile(r"[\s-]+(?:period|quarter)\b", re.IGNORECASE)

# Rules whose words are common nouns and adverbs: capitalised inside a sentence
# they name a programme or a title ("This Week", "60 Minutes", "VOA Today").
# So do frequency adverbs ("the Daily Mail", "NBC Nightly News"), a weekday's part of
# day ("Monday Night Football") and a bare quarter ("the Quarter Pounder").
_COMMON_WORD_RULES = frozenset({"rel_unit", "duration", "deictic", "ref", "ago", "adj_duration",
                                "bare_units"})
_WORD = re.compile(r"[^\W\d_]+")


def _common_words(cand: Candidate) -> bool:
    groups = cand.match.groupdict()
    return cand.rule in _COMMON_WORD_RULES or (cand.rule == "set" and bool(groups.get("adv"))) \
        or (cand.rule == "weekday" and (groups.get("part") or "")[:1].isupper()) \
        or (cand.rule == "quarter_rel" and (groups.get("bare") or "")[:1].isupper())


def _is_title(text: str, cand: Candidate) -> bool:
    words = [w.group() for w in _WORD.finditer(text, cand.start, cand.end)]
    if not words or any(w.isupper() and len(w) > 1 for w in words):
        return False  # a headline in capitals
    if cand.rule == "set" and words[0][0].isupper() and NAME_AFTER.match(text, cand.end):
        return True  # a paper or a show, even at a sentence's start: "“Daily Show” host"
    if not any(w[0].isupper() for w in text[cand.start:cand.end].split()[1:]):
        if not words[0][0].isupper():
            return False
        before = text[max(0, cand.start - 3):cand.start].rstrip(" \t")
        # capitalised after a word, mid-sentence: "VOA Today"
        if not (before and (before[-1].isalnum() or before[-1] == ",")):
            return False
    line_start = text.rfind("\n", 0, cand.start) + 1
    line_end = text.find("\n", cand.end)
    line = [w.group() for w in _WORD.finditer(text, line_start, line_end if line_end >= 0 else len(text))]
    # a headline in title case ("Drones Hit Port Last Week") keeps its times
    return not (len(line) >= 3 and sum(w[0].isupper() for w in line) >= 0.7 * len(line))


def _looks_back(cand: Candidate) -> bool:
    groups = cand.match.groupdict()
    return bool(groups.get("yago")) or (groups.get("rel") or "").lower() in ("year-earlier", "year-ago")


def _record(text: str, res: Resolved, start: int, end: int, sent: int) -> Time:
    # vague (PRESENT_REF) and unanchored (XXXX-..) values carry no interval
    interval = res.interval
    return Time(
        text=text[start:end], start=start, end=end, sentence=sent, type=res.type,  # type: ignore[arg-type]
        value=res.value, interval=interval, anchor=res.anchor, mod=res.mod,
    )


def _head_verb(tok: Token) -> Token | None:
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head == tok:
            return None
        tok = tok.head
    return None


def _tense(doc: Doc, start: int, end: int, has_parse: bool, has_tags: bool) -> Tense:
    """Past, present or future, from the verbs that govern the expression."""
    if not has_tags:
        return "past"  # news narrates in the past; the safest default
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "past"
    verb = _head_verb(span.root) if has_parse else None
    if verb is not None:
        verb = _reporting_verb(verb, span.start, span.end)
        if _day_it_falls_on(verb, span.root):
            return "future"
    if verb is None:
        sent = span.sent if has_parse or doc.has_annotation("SENT_START") else doc[:]
        root = sent.root if has_parse else None
        if root is not None and root.pos_ in ("VERB", "AUX"):
            found = _tense_of_words([root, *root.children])
            if found is not None:
                return found
        return _tense_of_words(list(sent)) or "present"
    # A participle or infinitive carries no tense ("closing unchanged Friday"):
    # climb to the verb it hangs from.
    for _ in range(3):
        found = _tense_of_words([verb, *verb.children])
        if found is not None:
            return found
        if verb.tag_ not in ("VBG", "VBN", "VB") or verb.head == verb:
            break
        parent = _head_verb(verb.head)
        if parent is None or parent == verb:
            break
        verb = parent
    return "present"


def _reporting_verb(verb: Token, start: int, end: int) -> Token:
    """The verb an expression between a verb of saying and its clause's subject dates.

    The parse often hangs "on Monday" in "said on Monday they would leave" on the
    reported clause; standing before that clause's subject and its "that", it dates
    the saying. After "that" ("said that on Monday they would") it stays in the clause.
    """
    gov = verb.head
    if verb.dep_ != "ccomp" or gov == verb or gov.pos_ not in ("VERB", "AUX") or gov.i >= start:
        return verb
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects or subjects[0].left_edge.i < end:
        return verb
    if any(t.dep_ == "mark" and t.i < start for t in verb.children):
        return verb
    return gov


def _day_it_falls_on(verb: Token, root: Token) -> bool:
    """``root`` is what a present "is" says its subject falls on: "the vote is on Sunday",
    "the deadline is Friday" (an event past would be told with "was")."""
    if verb.lemma_ != "be" or verb.tag_ not in ("VBZ", "VBP") or verb.dep_ in ("aux", "auxpass"):
        return False
    if not any(t.dep_ == "nsubj" for t in verb.children):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in ("on", "in"):
        root = root.head
    return root.head == verb and root.dep_ in ("attr", "prep", "npadvmod")


def _past_perfect(tok: Token) -> bool:
    """``tok`` (or the copula it completes: "had been due") is in the past perfect."""
    verbs = [tok, tok.head] if tok.dep_ in ("acomp", "attr", "oprd") else [tok]
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") and c.tag_ == "VBD"
               for v in verbs for c in v.children)


def _tense_of_words(words: list[Token]) -> Tense | None:
    head = words[0]
    if head.tag_ == "VBN" and any(t.lower_ in _PAST_MODALS and t.tag_ == "MD" for t in words) and any(
        t.lemma_ == "have" and t.tag_ == "VB" for t in words
    ):
        return "past"  # a modal perfect looks back: "may have been", "would have won"
    if any(t.lower_ in _FUTURE_AUX and t.tag_ in ("MD", "VBG") for t in words):
        return "future"
    if head.lemma_.lower() in _SCHEDULING and _present_tense(head):
        # a plan told in the present is dated by what is planned: "the vote is
        # scheduled for September", "has set a rally for Saturday", "plans a visit Friday"
        return "future"
    if head.tag_ == "VB" and head.dep_ not in ("csubj", "csubjpass") and any(
        t.tag_ == "TO" for t in head.children
    ):
        # "plans to meet Friday", "is expected to report in March" look forward; an
        # infinitive of purpose takes its clause's tense ("staged rallies to mark
        # the entry into NATO on Friday"), found by climbing to the verb above.
        # So do "an agreement to buy", "a bid to retake" and "is to resume".
        gov = head.head
        if gov.dep_ == "acl" and gov.lemma_.lower() in _AMOUNT_NEEDED:
            # "reached the 2,383 delegates needed to secure the nomination on Monday":
            # the amount a goal needs, not a plan; a clause above told in the past
            # dates the day ("still lacks the votes needed to pass it on Friday" looks ahead)
            above = _head_verb(gov.head)
            if above is not None and above != gov and _tense_of_words([above, *above.children]) == "past":
                return "past"
        if gov == head or gov.lemma_.lower() in _FORWARD_GOVERNORS or gov.lower_ in _FORWARD_GOVERNORS:
            # a plan as it stood before a past moment ("had been scheduled to expire
            # Friday", "had been due to end Friday") looks ahead from then, not now
            return "past" if _past_perfect(gov) else "future"
        return None
    if any(t.tag_ == "VBD" for t in words):
        return "past"
    if head.tag_ == "VBN" and not any(t.dep_ in ("aux", "auxpass") for t in head.children):
        return "past"  # a bare participle: "the injunction issued Thursday"
    if head.tag_ == "VBN" and any(t.lemma_ == "have" for t in head.children):
        return "past"
    if _present_simple_event(head):
        # news tells what is set to happen in the present simple: "the law takes
        # effect Monday", "the leaders meet on Friday" (see ``_SCHEDULED``)
        return "future"
    if any(t.tag_ in ("VBZ", "VBP") for t in words):
        return "present"
    return None


# A street number ("1600 Pennsylvania Avenue", "1200 to 1900 Seaport Boulevard") or a
# screen's pixels ("2560 x 1600"): no year
_STREET = re.compile(
    r"(?:(?:\s*,)?(?:\s*(?:and|to|or|-|–))?\s*\d{3,5})*\s+(?:[A-Z][\w.'-]*\s+){1,3}"
    r"(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.?|Road|Rd\.|Drive|Dr\.|Lane|Place|Way)\b")
_PIXELS = re.compile(r"\d\s*[x×]\s*$")


def _is_counted_number(doc: Doc, c: Candidate, has_parse: bool) -> bool:
    """A four-digit number that counts things ("2000 troops"), a street number or
    pixels, not a year."""
    text = doc.text
    if not c.match["pre"] and not c.match["fiscal"] and (
            _STREET.match(text, c.match.end("year"))
            or _PIXELS.search(text, max(0, c.match.start("year") - 8), c.match.start("year"))):
        return True
    span = doc.char_span(c.match.start("year"), c.match.end("year"), alignment_mode="expand")
    if span is None or not has_parse or c.match["pre"] or c.match["fiscal"]:
        return False
    tok = span[0]
    if tok.dep_ != "nummod" or tok.head.i < tok.i or tok.head.tag_ != "NNS":
        return False  # "the 1996 law", "since 1990" are years; "2000 troops" counts
    if int(c.match["year"]) % 100:
        # news writes a count of a thousand or more with a comma ("2,000 troops") and
        # rounds a count without one; a number like 1989 before a plural is a year:
        # "1990 BellSouth earnings", "the company's 1989 operating results"
        return False
    before = doc[tok.i - 1] if tok.i > 0 else None
    return before is None or before.pos_ not in ("DET", "PRON")


class _EventDates:
    """Dates the document gives for named events, found by the event's head noun."""

    def __init__(self, doc: Doc, days: list[tuple[int, date]], has_parse: bool) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.has_parse = has_parse
        self.by_sentence: dict[int, date] = {}
        for sent, day in days:
            self.by_sentence.setdefault(sent, day)  # the first dated day of each sentence

    def lookup(self, pos: int) -> tuple[date, str, int] | None:
        phrase = self._phrase_after(pos)
        if phrase is None:
            return None
        head, modifiers, end = phrase
        here = sentence_index(self.doc, pos)
        sents = list(self.doc.sents) if self.doc.has_annotation("SENT_START") else [self.doc[:]]
        for idx, day in self.by_sentence.items():
            if idx == here or idx >= len(sents):
                continue
            lemmas = {t.lemma_.lower() for t in sents[idx]} | {t.lower_ for t in sents[idx]}
            if head in lemmas and all(m in lemmas for m in modifiers):
                return day, f"event:{self.text[pos:end].strip()}", end
        return None

    def _phrase_after(self, pos: int) -> tuple[str, list[str], int] | None:
        """Head lemma, modifier words and end offset of the noun phrase after ``pos``."""
        span = self.doc.char_span(pos, min(len(self.text), pos + 80), alignment_mode="expand")
        if span is None:
            return None
        words: list[Token] = []
        for tok in span:
            if tok.is_space:
                continue
            if not words and tok.pos_ == "DET":
                words.append(tok)
                continue
            if tok.pos_ in ("PROPN", "NOUN", "ADJ") or tok.tag_ == "POS":
                words.append(tok)
                continue
            break
        nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
        if not nouns or nouns[-1].pos_ != "NOUN":
            return None
        head = nouns[-1]
        modifiers = [t.lower_ for t in words if t is not head and t.pos_ in ("PROPN", "NOUN")]
        return head.lemma_.lower(), modifiers, head.idx + len(head.text)


def dct_of(doc: Doc) -> date | None:
    return parse_iso_date(doc._.fw_dct)
