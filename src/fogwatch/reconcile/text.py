"""Cheap text features for matching claims across documents.

Reconciling runs on stored findings, without re-parsing: claim texts are
reduced to stems (of the lemmas the analysis kept: :func:`reading`), a small
set of war-reporting *concepts* (encirclement, casualties, strikes on military
or civilian targets, talks, sanctions...), and polarity cues (negation, denial,
"could not verify"; the words are the shared ones of :mod:`fogwatch.wordlists`).
Two reports of the same claim share concepts, places and key words even when one says
"encircled" and the other "cut off", or one says Dimitrov and the other
Myrnohrad (the places stage already folds those).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from types import MappingProxyType

from fogwatch import wordlists as wl

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")

STOPWORDS = frozenset(
    ["a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "as", "into", "onto", "over", "under", "this", "that", "these", "those", "there", "here", "it", "its", "it's", "they", "them", "their", "he", "him", "his", "she", "her", "we", "our", "us", "you", "your", "i", "me", "my", "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "than", "then", "so", "such", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did", "doing", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "also", "just", "only", "still", "even", "very", "more", "most", "less", "least", "much", "many", "some", "any", "all", "both", "each", "either", "neither", "other", "another", "own", "same", "not", "no", "if", "while", "after", "before", "during", "since", "until", "up", "down", "out", "off", "again", "further", "once", "now", "said", "says", "say", "saying", "told", "tell", "tells", "according", "statement", "added", "adding", "reported", "report", "reports", "claim", "claims", "claimed", "called", "calls", "call", "one", "two", "three", "new", "last", "next", "per", "cent", "percent", "mr", "mrs", "ms", "dr", "including", "include", "includes", "near", "around", "area", "part", "being", "made", "make", "makes", "day", "days", "week", "weeks", "month", "months", "year", "years", "time", "times", "people", "s", "t"]
)

# Stem prefix -> concept. A content word whose stem starts with a key maps to
# the concept; multi-word phrases are matched on the lowered text.
CONCEPT_STEMS: dict[str, str] = {
    "encircl": "ENCIRCLE", "surround": "ENCIRCLE", "trap": "ENCIRCLE",
    "cauldron": "ENCIRCLE", "pocket": "ENCIRCLE", "ring": "ENCIRCLE",
    "blockad": "ENCIRCLE",
    "infiltrat": "INFILTRATE", "corridor": "CORRIDOR",
    "surrend": "SURRENDER",
    "prisoner": "PRISONERS", "captiv": "PRISONERS", "pows": "PRISONERS",
    "kill": "CASUALTIES", "dead": "CASUALTIES", "death": "CASUALTIES",
    "toll": "CASUALTIES", "fatalit": "CASUALTIES", "bodi": "CASUALTIES",
    "injur": "CASUALTIES", "wound": "CASUALTIES", "casualt": "CASUALTIES",
    "missil": "STRIKE", "strik": "STRIKE", "struck": "STRIKE", "shell": "STRIKE",
    # not "drone": drones are also made, downed, sold and found as fragments
    "bomb": "STRIKE",
    "workshop": "MILITARY_TARGET",
    "military-industri": "MILITARY_TARGET", "enterpris": "MILITARY_TARGET",
    "civilian": "CIVILIAN", "residential": "CIVILIAN", "apartment": "CIVILIAN",
    "talk": "TALKS", "negoti": "TALKS", "meet": "TALKS", "deleg": "TALKS",
    "summit": "TALKS",
    "postpon": "POSTPONED", "delay": "POSTPONED", "cancel": "POSTPONED",
    "sanction": "SANCTIONS", "exempt": "EXEMPTION", "waiver": "EXEMPTION",
    "licenc": "LICENCE", "licens": "LICENCE",  # a permit for deals, not a country's exemption
    "poll": "POLL", "survey": "POLL", "respondent": "POLL",
    "concess": "CONCESSIONS", "territorial": "CONCESSIONS",
    "oreshnik": "ORESHNIK", "nuclear": "NUCLEAR",
    "buy": "DEAL", "bought": "DEAL", "acquisit": "DEAL",
    "acquir": "DEAL", "takeover": "DEAL", "divest": "DEAL", "bidd": "DEAL",
    "mobiliz": "MOBILIZATION", "mobilis": "MOBILIZATION",
    "ceasefir": "CEASEFIRE", "truce": "CEASEFIRE",
    "captur": "CAPTURE", "seiz": "CAPTURE", "liberat": "CAPTURE",
    "advanc": "ADVANCE", "withdraw": "RETREAT", "retreat": "RETREAT",
    "outag": "POWER_OUTAGE", "blackout": "POWER_OUTAGE",
}
CONCEPT_PHRASES: dict[str, str] = {
    "laid down their arms": "SURRENDER", "lay down their arms": "SURRENDER",
    "cut off": "ENCIRCLE", "closed the ring": "ENCIRCLE", "closed ring": "ENCIRCLE",
    "closed a ring": "ENCIRCLE", "pulled out": "POSTPONED", "walked away": "POSTPONED",
    "military target": "MILITARY_TARGET", "military site": "MILITARY_TARGET",
    "military facilit": "MILITARY_TARGET", "military object": "MILITARY_TARGET",
    "production site": "MILITARY_TARGET", "defence industr": "MILITARY_TARGET",
    "defense industr": "MILITARY_TARGET", "power cut": "POWER_OUTAGE",
}

# Words that, in a claim's own text, deny it ("there was no encirclement"): the shared
# negators (not "without": "without a written licence, banks would stay cautious" is
# a condition).
NEGATORS = wl.NEGATORS
# Words that judge a claim false when the claim is their object or subject, matched
# as prefixes of a word or its stem: the shared verdicts, with what war reporting
# also calls a false claim ("propaganda", "inflated", "premature", "a myth").
FALSE_WORDS = wl.FALSE_VERDICTS | frozenset({
    "fiction", "fabricat", "propaganda", "inflat", "exaggerat", "premature", "unfounded",
    "myth", "nonsens", "disinformation", "misinformation", "refut",
})
# Cue phrases by which a speaker says it cannot tell ("could not verify").
UNVERIFIED_PATTERNS = wl.UNVERIFIABLE
# Sources that are the outlet's own evidence rather than a speaker.
EVIDENCE_WORDS = frozenset({
    "imag", "imager", "satellit", "video", "footag", "map", "photograph", "pictur",
    "photo", "geolocat", "data", "analysi", "our", "we",
})
# Content that points back at a claim made elsewhere in the text.
ANAPHORIC_WORDS = frozenset({
    "claim", "statement", "account", "figur", "report", "assert", "allegat", "version",
    "number", "this", "that", "these", "those", "it",
})


# The lemmas the analysis gave the words of the document being read
# (``Document.lemmas``), set by :func:`reading`; empty outside it.
_LEMMAS: ContextVar[Mapping[str, str]] = ContextVar("fogwatch_lemmas", default=MappingProxyType({}))


@contextmanager
def reading(lemmas: Mapping[str, str] | None) -> Iterator[None]:
    """Reduce words through the analysis's ``lemmas`` while inside: "struck" meets
    "strike" and "fell" meets "fall", which suffixes alone do not join. Without
    lemmas (a document analysed before they were kept, a headline) words are
    reduced by suffix alone."""
    token = _LEMMAS.set(lemmas or MappingProxyType({}))
    try:
        yield
    finally:
        _LEMMAS.reset(token)


def lemma(word: str) -> str:
    """The lemma the analysis gave ``word`` in the document being read (see
    :func:`reading`), else the word itself. The same word may reduce otherwise in
    another document: a cache of what is computed from a word's stem is keyed by
    the stem, never by the word alone."""
    lemmas = _LEMMAS.get()
    return lemmas.get(word.lower(), word) if lemmas else word


def stem(word: str) -> str:
    """A word's stem: its lemma (:func:`lemma`) stripped of derivational
    suffixes, enough to meet 'encircled', 'encirclement' and 'encircle'."""
    return _suffix_stem(lemma(word))


@lru_cache(maxsize=65536)
def _suffix_stem(word: str) -> str:
    """A light suffix stripper."""
    w = word.lower().strip("'’-")
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) <= 4 or w[0].isdigit():
        return w
    for suffix in (
        "ations", "ation", "ments", "ment", "ingly", "ings", "ing", "edly", "ies", "ied",
        "ed", "es", "ly", "er", "s", "e", "y",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: -len(suffix)]
            break
    return w


# Cue stems whose speaker denies what follows ("dismissed as false a claim that..."):
# the shared denial verbs, and the scornful ones that deny in a cue ("ridiculed",
# "scoffed at", "mocked", "brushed aside"). Prefixes of a cue word or its stem, so
# "denial" ("deni") and "rejection" count too.
DENIAL_CUES = frozenset(
    stem(w) for w in wl.DENIAL_VERBS | {"disprove", "ridicule", "scoff", "mock", "brush"}
) | {"deni"}


def tokens(text: str) -> list[str]:
    return WORD.findall(text)  # WORD has no groups: the whole matches


# Stems that begin like a concept's but mean something else.
NOT_CONCEPTS = ("deadlin", "ringgit", "meetinghous", "strikingly", "trapez", "buyer")


@lru_cache(maxsize=65536)
def _concept_of_stem(s: str) -> str | None:
    """The concept of the first key of ``CONCEPT_STEMS`` (in its order) that ``s``
    starts with: one lookup per key length, not a test per key."""
    if s.startswith(NOT_CONCEPTS):
        return None
    best: tuple[int, str] | None = None
    for n in _STEM_LENGTHS:
        if n > len(s):
            break
        hit = _STEM_AT.get(s[:n])
        if hit is not None and (best is None or hit[0] < best[0]):
            best = hit
    return best[1] if best is not None else None


_STEM_AT = {prefix: (i, concept) for i, (prefix, concept) in enumerate(CONCEPT_STEMS.items())}
_STEM_LENGTHS = sorted({len(prefix) for prefix in CONCEPT_STEMS})


def _concept_of_word(word: str) -> str | None:
    """The concept a lowered word names: by its stem, or by the word itself where
    stemming cut into a key ("truce" -> "truc", "survey" -> "surve"), or written
    without its hyphens ("cease-fire")."""
    return _concept_of_stem(stem(word)) or _concept_of_stem(word.replace("-", ""))


def concept_word(term: str) -> bool:
    """Is this content-word stem one that names a concept ("talk", "encircl")?"""
    return _concept_of_stem(term) is not None


# Words by which someone asks for, offers or demands an act that has not
# happened: "were being offered a corridor to surrender", "had asked the
# Treasury for a licence", "would ask Washington for an exemption". An act
# sought is a different claim from the act done ("47 soldiers had laid down
# their arms", "obtained an exemption"): its concept is marked ``_SOUGHT``.
SEEKING_WORDS = frozenset({
    "offer", "offered", "offering", "offers", "ask", "asked", "asking", "asks",
    "request", "requested", "requesting", "requests", "seek", "seeking", "seeks", "sought",
    "demand", "demanded", "demanding", "demands", "urge", "urged", "urges", "urging",
    "propose", "proposed", "proposes", "proposing", "proposal", "proposals", "ultimatum",
    "plead", "pleaded", "pleading", "pleads",
})
# Verbs that seek what follows only with "for": "called for a ceasefire" (an
# appeal against sanctions does not seek them).
SEEKING_FOR = frozenset({
    "call", "called", "calling", "calls", "apply", "applied", "applies", "applying",
    "application", "applications", "press", "pressed", "pressing", "push", "pushed",
    "pushing", "bid", "bids", "appeal", "appealed", "appealing", "appeals",
})
# "asked about the talks", "asked whether a ceasefire...": a question, not a request.
NOT_SEEKING_AFTER = frozenset({"about", "whether", "if", "how", "what", "why", "when", "who"})
SOUGHT = "_SOUGHT"
# Acts one side asks of, offers to or demands from another. Other concepts are
# states and events ("offering the trapped troops a corridor": the troops are
# trapped, whatever the offer).
SEEKABLE = frozenset({
    "SURRENDER", "EXEMPTION", "LICENCE", "CEASEFIRE", "TALKS", "CORRIDOR", "CONCESSIONS",
    "RETREAT", "PRISONERS", "SANCTIONS", "MOBILIZATION",
})
SEEKING_REACH = 8  # tokens after a seeking word that it still governs


def base_concept(concept: str) -> str:
    """The act a concept names, sought or done ("SURRENDER_SOUGHT" -> "SURRENDER")."""
    return concept.removesuffix(SOUGHT)


# Words that stem like a concept's but describe something else: a "deadly
# virus" counts no dead, a story "wound up" or "wound back" wounds no one.
NOT_CONCEPT_WORDS = frozenset({"deadly", "deadlier", "deadliest"})
NOT_WOUNDS_AFTER = frozenset({"up", "down", "back"})


def _mentions(words: list[str]) -> list[tuple[int, str]]:
    """(token index, concept) for each concept word or phrase among lowered tokens."""
    out: list[tuple[int, str]] = []
    for i, w in enumerate(words):
        if w in NOT_CONCEPT_WORDS or (
                w == "wound" and i + 1 < len(words) and words[i + 1] in NOT_WOUNDS_AFTER):
            continue
        concept = _concept_of_word(w)
        if concept is None and (w in _PHRASE_FIRST or w.startswith(_PHRASE_WORDS)):
            concept = _phrase_concept(" ".join(words[i:i + 4]))
        if concept:
            out.append((i, concept))
    return out


# A phrase can only start at its own first word (one-word phrases: at a word
# that starts with them).
_PHRASE_FIRST = frozenset(p.split(" ", 1)[0] for p in CONCEPT_PHRASES if " " in p)
_PHRASE_WORDS = tuple(p for p in CONCEPT_PHRASES if " " not in p)


@lru_cache(maxsize=65536)
def _phrase_concept(rest: str) -> str | None:
    """The concept of the phrase ``rest`` (lowered tokens) starts with, if any."""
    return next((c for p, c in CONCEPT_PHRASES.items() if rest.startswith(p)), None)


def _seeking_at(words: list[str]) -> list[int]:
    out = []
    for i, w in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if (w in SEEKING_WORDS and after not in NOT_SEEKING_AFTER) or (
                w in SEEKING_FOR and after == "for"):
            out.append(i)
    return out


def _sought(i: int, concept: str, seeking: list[int]) -> bool:
    """Is the concept mentioned at token ``i`` one asked for by a seeking word before it?"""
    return concept in SEEKABLE and any(0 < i - s <= SEEKING_REACH for s in seeking)


def seeks(text: str) -> bool:
    """Does the text ask for, offer or demand something ("is also seeking", "requests for")?"""
    return bool(_seeking_at([t.lower() for t in tokens(text)]))


def _clause_concepts(words: list[str], skip: int) -> set[str]:
    """Concepts of one clause; those only ever mentioned as sought get ``_SOUGHT``.

    The first ``skip`` words are context (the attribution's cue: "is also
    seeking" + "an exemption"): they can seek, but name no concept themselves.
    """
    seeking = _seeking_at(words)
    done: set[str] = set()
    sought: set[str] = set()
    for i, concept in _mentions(words):
        if i < skip:
            continue
        if _sought(i, concept, seeking):
            sought.add(concept)
        else:
            done.add(concept)
    return done | {c + SOUGHT for c in sought - done}


def concepts(text: str, context: str = "") -> set[str]:
    """The concepts a text speaks of.

    Talks about a deal (to buy a company's filling stations) are business, not
    diplomacy: DEAL then stands instead of TALKS. An act only asked for,
    offered or demanded ("offered a corridor to surrender") is the act
    ``_SOUGHT``; ``context`` is text just before (a cue: "is seeking") that can
    seek what the text names.
    """
    found: set[str] = set()
    lead = [t.lower() for t in tokens(context)][-SEEKING_REACH:]
    for n, part in enumerate(SCOPE_BREAK.split(text)):
        if not part:
            continue
        words = (lead if n == 0 else []) + [t.lower() for t in tokens(part)]
        found |= _clause_concepts(words, len(lead) if n == 0 else 0)
    if {"DEAL", "DEAL" + SOUGHT} & found:
        found -= {"TALKS", "TALKS" + SOUGHT}
    return found


def terms(text: str) -> set[str]:
    """Content-word stems (no stopwords, no numbers)."""
    out: set[str] = set()
    for tok in tokens(text):
        low = tok.lower()
        if low in STOPWORDS or low[0].isdigit() or len(low) < 3:
            continue
        out.add(stem(low))
    return out


def negated(text: str) -> bool:
    """Does the claim text deny itself ("there was no encirclement", "had not been cut off")?"""
    words = [t.lower() for t in tokens(text.replace("n't", " n't"))]
    return any(w in NEGATORS for w in words)


def _starts(words: frozenset[str], text: str) -> bool:
    """Whether a word of ``text`` starts with one of ``words`` (one of three letters
    must be the whole word or its stem: "lie" is not "lieutenant")."""
    return any(_word_starts(words, t.lower(), stem(t)) for t in tokens(text))


@lru_cache(maxsize=65536)
def _word_starts(words: frozenset[str], low: str, s: str) -> bool:
    return any(low == w or s == w or (len(w) > 3 and (low.startswith(w) or s.startswith(w)))
               for w in words)


CONTRADICTS = re.compile(
    r"\b(do|does|did|could|can)\s*(not|n't)\s+(\w+\s+)?(support|back up|bear out|match|square with)"
    r"|\bcontrary to\b|\bat odds with\b|\bcontradict"
    # evidence of absence: "we found nothing ... that suggests a workshop"
    r"|\b(found|find|finds|show|shows|showed)\s+(nothing|no \w+)\b[^.;]{0,120}\b(suggest|indicat)",
    re.IGNORECASE,
)


def contradicts(text: str) -> bool:
    """Evidence set against a claim ("the images do not support Russia's claim")."""
    return bool(CONTRADICTS.search(text))


NEGATION_REACH = 6  # tokens before a concept word that a negator still governs


def negated_concepts(text: str) -> set[str]:
    """The concepts a text negates ("no encirclement", "had not been cut off").

    A negator counts only shortly before a concept word, so "talks ... as long
    as no preconditions were imposed" negates nothing.
    """
    found: set[str] = set()
    for part in NEGATION_BREAK.split(text):
        found |= _negated_in(part)
    return found


# A negator's reach ends at a clause break ("no encirclement, only infiltrators").
SCOPE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\b(?:but|only|while|whereas)\b", re.IGNORECASE)
# ... and at a complement clause: "had not given any indication that negotiations
# were taking place" does not say there were none ("not an army that has closed a
# ring", a relative clause, still negates).
NEGATION_BREAK = re.compile(
    SCOPE_BREAK.pattern + r"|\bwhether\b|\b(?:indications?|signs?|suggestions?|word|idea|"
    r"say|said|says|believed?|believes|think|thought|know|knew|expect(?:s|ed)?|hope[sd]?)"
    r"\s+that\b",
    re.IGNORECASE,
)
# A negator that denies nothing of what follows: "not the first time a ceasefire
# has been called", "will not be the last", "it is not clear whether he was killed".
NOT_DENYING = re.compile(
    r"\b(?:not|n[’']t)\s+(?:be\s+|been\s+)?(?:the\s+)?(?:first|last|only)\b"
    r"|\b(?:not|n[’']t)\s+(?:yet\s+|immediately\s+|entirely\s+)?(?:clear|known|certain|sure)\b",
    re.IGNORECASE,
)


def _negated_in(text: str) -> set[str]:
    text = NOT_DENYING.sub(" ", text)
    words = [t.lower() for t in tokens(text.replace("n't", " n't"))]
    seeking = _seeking_at(words)
    found: set[str] = set()
    for i, concept in _mentions(words):
        if any(n in NEGATORS for n in words[max(0, i - NEGATION_REACH):i]):
            found.add(concept + SOUGHT if _sought(i, concept, seeking) else concept)
    return found


def negated_claim(text: str) -> bool:
    """Is what the claim is about negated?"""
    return bool(negated_concepts(text))


def judged_false(text: str) -> bool:
    return _starts(FALSE_WORDS, text)


def denial_cue(cue: str) -> bool:
    return _starts(DENIAL_CUES, cue)


# "dismissed the reports as an attempt to wreck the talks": what is dismissed is
# the reports; what follows "as" is the speaker's label for them.
DISMISSED_AS = re.compile(r"^(?P<what>.{3,}?)\s+as\s+(?:an?|the|mere|pure|just|nothing but)\s",
                          re.IGNORECASE)


# "rejected as false a Russian claim that ...": the verdict comes first
VERDICT_FIRST = re.compile(r"^as\s+(?:\w+\s+){0,2}?(?:false|untrue|baseless|fabricated|"
                           r"fiction(?:al)?|fake|lies?|nonsense|propaganda)\s+(?=\S)",
                           re.IGNORECASE)


def rejected_part(cue: str, content: str) -> str:
    """The words a rejection is about: without the label it puts on them.

    "dismissed the reports as an attempt to wreck the talks" is about the
    reports; "rejected as false a Russian claim that ..." about the claim.
    """
    if not denial_cue(cue):
        return content
    content = VERDICT_FIRST.sub("", content, count=1)
    m = DISMISSED_AS.match(content)
    return m.group("what") if m else content


def unverified(text: str) -> bool:
    return bool(UNVERIFIED_PATTERNS.search(text))


NO_COMMENT = re.compile(
    r"\b(not|n't|never|yet to)\s+(\w+\s+){0,2}(comment|respond|react|address)"
    # a saying denied: "has not said publicly how it will treat such requests" says
    # nothing, and "never said the town fell" claims nothing
    r"|\b(not|n't|never|yet to)\s+(?!only\b)(\w+\s+){0,2}(sa(y|ys|id)|told|tell|disclosed?|revealed?"
    r"|specif(y|ied)|explained?|detailed?|elaborated?)\b"
    r"|\b(declin|refus)\w*\s+to\s+(comment|respond|say|discuss)|\bno comment",
    re.IGNORECASE,
)


# The forms of the shared reporting verbs ("said", "tells", "announced"), the
# hearsay adverbs and "according": words by which a sentence passes on what
# someone says.
REPORTING_FORMS = frozenset(
    {form for v in wl.REPORT_VERBS for form in (v, v + "s", v + "es", v + "d", v + "ed")}
    | {"said", "told", "wrote", "according"} | wl.HEARSAY_ADVERBS
)


def reports_speech(text: str) -> bool:
    """Does the text pass on what someone says ("..., the ministry said on Tuesday")?
    A capitalised word inside the text is a name, not a verb ("the Islamic State
    released a video")."""
    return any(t.lower() in REPORTING_FORMS and (k == 0 or not t[0].isupper())
               for k, t in enumerate(tokens(text)))


def no_comment(cue: str) -> bool:
    """A cue by which the speaker says nothing ("has not commented", "declined to
    comment", "has not said")."""
    return bool(NO_COMMENT.search(cue))


def evidence_source(source: str) -> bool:
    """Is the 'source' the outlet's own evidence (imagery, a map, our analysis)?"""
    return any(stem(t) in EVIDENCE_WORDS or t.lower() in EVIDENCE_WORDS for t in tokens(source))


def anaphoric(text: str) -> bool:
    """Short content that refers back to a claim ("the claim", "either account")."""
    toks = [t.lower() for t in tokens(text)]
    if not toks or len(toks) > 8:
        return False
    return any(stem(t) in ANAPHORIC_WORDS or t in ANAPHORIC_WORDS for t in toks)


# Words that point at what an act is about without naming it ("his death";
# not "that", which also opens a clause: "that it is bidding").
POINTING_WORDS = frozenset({
    "his", "her", "their", "its", "the", "this", "these", "those", "such", "a", "an",
    "another", "any", "our", "my", "your",
})
# Pronouns that stand for someone the text names ("the withdrawal they
# ordered"): whose act it is, then, is known.
PERSONAL_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you"})
BARE_ACT_WORDS = 4


def bare_act(text: str) -> bool:
    """An act named with nothing of whose, where or how many ("his death", "the
    killing", "a withdrawal"): it says what kind of thing happened, not which.
    """
    toks = [t.lower() for t in tokens(text)]
    if not toks or len(toks) > BARE_ACT_WORDS or toks[0] not in POINTING_WORDS:
        return False
    if PERSONAL_PRONOUNS & set(toks):
        return False
    content = [t for t in toks if t not in STOPWORDS and t not in POINTING_WORDS]
    return bool(content) and all(concept_word(stem(t)) for t in content)


# --- vague counts ---------------------------------------------------------------

# What vague quantities mean, as a range: "a few hundred infiltrators" is 200 to
# 500, and is as much a figure as "about 300" when set against "more than 5,000".
# The single words are also the approximations the quantities stage gives
# ("dozens of drones": value 24, approx "dozens").
VAGUE_RANGES: dict[str, tuple[float, float]] = {
    "a handful of": (2, 9),
    "a few dozen": (24, 60), "several dozen": (36, 99), "dozens": (24, 99),
    "scores of": (40, 199), "scores": (40, 199),
    "a few hundred": (200, 500), "several hundred": (300, 900), "hundreds": (200, 999),
    "a few thousand": (2_000, 5_000), "several thousand": (3_000, 9_000),
    "thousands": (2_000, 9_999), "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999), "millions": (2e6, 9.99e6),
}
VAGUE_COUNT = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(VAGUE_RANGES, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Nouns that count fighters, and nouns that count people; figures for either
# are compared with each other within one claim ("5,000 troops" against "a
# few hundred infiltrators" against "about 300 people").
TROOP_WORDS = frozenset({
    "troops", "troop", "soldiers", "soldier", "servicemen", "servicemembers", "fighters",
    "personnel", "conscripts", "mercenaries", "recruits", "marines", "paratroopers",
    "infiltrators", "saboteurs", "militants", "insurgents", "combatants", "guerrillas",
    "reservists", "attackers", "defenders", "commandos", "sappers", "gunmen",
})
PEOPLE_WORDS = frozenset({
    "people", "persons", "men", "women", "residents", "civilians", "inhabitants", "refugees",
    "children", "prisoners", "hostages", "captives", "casualties", "victims", "evacuees",
    "citizens", "deserters", "pows", "detainees", "wounded", "dead",
})
COUNT_REACH = 4  # words between a vague quantity and the noun it counts ("of", "Russian")


def person_unit(noun: str) -> str | None:
    """"troops" for a noun that counts fighters, "people" for other people, else None."""
    low = noun.lower()
    if low in TROOP_WORDS:
        return "troops"
    if low in PEOPLE_WORDS:
        return "people"
    return None


def vague_counts(text: str) -> list[tuple[int, int, str, str, str]]:
    """Vague counts of people in a text: (start, end, phrase, unit, counted).

    "only a few hundred Russian soldiers had infiltrated" gives "a few hundred",
    unit "troops", counted "Russian soldiers". Vague words that count no people
    ("hundreds of metres") are left to the quantities stage.
    """
    out: list[tuple[int, int, str, str, str]] = []
    for m in VAGUE_COUNT.finditer(text):
        after = list(WORD.finditer(text, m.end()))[:COUNT_REACH]
        for k, w in enumerate(after):
            unit = person_unit(w.group(0))
            if unit:
                first = 1 if after[0].group(0).lower() == "of" else 0
                counted = text[after[first].start():w.end()] if k >= first else w.group(0)
                out.append((m.start(), m.end(), m.group(0).lower(), unit, counted))
                break
            if w.group(0).lower() not in ("of", "the") and not w.group(0)[:1].isupper():
                break  # "a few hundred metres from the soldiers": another noun came first
    return out
