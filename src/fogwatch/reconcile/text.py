"""Cheap text features for matching claims across documents.

Reconciling runs on stored findings, without re-parsing: claim texts are
reduced to stems, a small set of war-reporting *concepts* (encirclement,
casualties, strikes on military or civilian targets, talks, sanctions...),
and polarity cues (negation, denial, "could not verify"). Two reports of the
same claim share concepts, places and key words even when one says
"encircled" and the other "cut off", or one says Dimitrov and the other
Myrnohrad (the places stage already folds those).
"""

from __future__ import annotations

import re
from functools import lru_cache

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
    "bomb": "STRIKE", "drone": "STRIKE",
    "workshop": "MILITARY_TARGET",
    "military-industri": "MILITARY_TARGET", "enterpris": "MILITARY_TARGET",
    "civilian": "CIVILIAN", "residential": "CIVILIAN", "apartment": "CIVILIAN",
    "talk": "TALKS", "negoti": "TALKS", "meet": "TALKS", "deleg": "TALKS",
    "summit": "TALKS",
    "postpon": "POSTPONED", "delay": "POSTPONED", "cancel": "POSTPONED",
    "sanction": "SANCTIONS", "exempt": "EXEMPTION", "waiver": "EXEMPTION",
    "licenc": "EXEMPTION", "licens": "EXEMPTION",
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

# Words that, in a claim's own text, deny it ("there was no encirclement").
NEGATORS = frozenset({"no", "not", "never", "nothing", "none", "n't", "neither", "nor",
                      "without"})
# Words that judge a claim false when the claim is their object or subject.
FALSE_WORDS = frozenset({
    "false", "fictitious", "fiction", "fabricat", "fake", "propaganda", "inflat",
    "exaggerat", "premature", "untrue", "baseless", "unfounded", "lie", "lies", "myth",
    "nonsens", "absurd", "disinformation", "misinformation", "refut",
})
# Cue stems whose speaker denies what follows ("dismissed as false a claim that...").
DENIAL_CUES = frozenset({
    "deni", "deny", "dismiss", "reject", "refut", "rebut", "contradict", "disput",
    "disprov", "debunk", "ridicul", "scoff", "mock", "brush",
})
# Cue phrases by which a speaker says it cannot tell ("could not verify").
UNVERIFIED_PATTERNS = re.compile(
    r"(could|can|was|were|is|are)\s*(not|n't|unable to)\s*(be\s+)?(independently\s+)?"
    r"(verif|confirm|corroborat)|no (independent )?(confirmation|evidence|proof|sign)"
    r"|unverif|unconfirm|not (been )?(independently )?(verified|confirmed)",
    re.IGNORECASE,
)
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


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet 'encircled', 'encirclement', 'encircle'."""
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


def tokens(text: str) -> list[str]:
    return [m.group(0) for m in WORD.finditer(text)]


# Stems that begin like a concept's but mean something else.
NOT_CONCEPTS = ("deadlin", "ringgit", "meetinghous", "strikingly", "trapez", "buyer")


@lru_cache(maxsize=65536)
def _concept_of_stem(s: str) -> str | None:
    if s.startswith(NOT_CONCEPTS):
        return None
    for prefix, concept in CONCEPT_STEMS.items():
        if s.startswith(prefix):
            return concept
    return None


def concept_word(term: str) -> bool:
    """Is this content-word stem one that names a concept ("talk", "encircl")?"""
    return _concept_of_stem(term) is not None


def concepts(text: str) -> set[str]:
    """The concepts a text speaks of.

    Talks about a deal (to buy a company's filling stations) are business, not
    diplomacy: DEAL then stands instead of TALKS.
    """
    found: set[str] = set()
    low = text.lower()
    for phrase, concept in CONCEPT_PHRASES.items():
        if phrase in low:
            found.add(concept)
    for tok in tokens(text):
        c = _concept_of_stem(stem(tok))
        if c:
            found.add(c)
    if "DEAL" in found:
        found.discard("TALKS")
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
    for t in tokens(text):
        low, s = t.lower(), stem(t)
        if any(low.startswith(w) or s.startswith(w) for w in words):
            return True
    return False


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
    for part in SCOPE_BREAK.split(text):
        found |= _negated_in(part)
    return found


# A negator's reach ends at a clause break ("no encirclement, only infiltrators").
SCOPE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\b(?:but|only|while|whereas)\b", re.IGNORECASE)


def _negated_in(text: str) -> set[str]:
    words = [t.lower() for t in tokens(text.replace("n't", " n't"))]
    found: set[str] = set()
    for i, w in enumerate(words):
        concept = _concept_of_stem(stem(w))
        if concept is None:
            rest = " ".join(words[i:i + 4])
            concept = next((c for p, c in CONCEPT_PHRASES.items() if rest.startswith(p)), None)
        if concept and any(n in NEGATORS for n in words[max(0, i - NEGATION_REACH):i]):
            found.add(concept)
    return found


def negated_claim(text: str) -> bool:
    """Is what the claim is about negated?"""
    return bool(negated_concepts(text))


def judged_false(text: str) -> bool:
    return _starts(FALSE_WORDS, text)


def denial_cue(cue: str) -> bool:
    return _starts(DENIAL_CUES, cue)


def unverified(text: str) -> bool:
    return bool(UNVERIFIED_PATTERNS.search(text))


NO_COMMENT = re.compile(
    r"\b(not|n't|never|yet to)\s+(\w+\s+){0,2}(comment|respond|react|address)"
    r"|\b(declin|refus)\w*\s+to\s+(comment|respond|say|discuss)|\bno comment",
    re.IGNORECASE,
)


def no_comment(cue: str) -> bool:
    """A cue by which the speaker says nothing ("has not commented", "declined to comment")."""
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


SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt",
    "st", "no", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "vs", "approx", "p.m", "a.m",
})


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of sentences, split on end punctuation and blank lines."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in SENTENCE_BREAK.finditer(text):
        if text[m.start()] == ".":
            before = text[start:m.start()].rsplit(None, 1)
            if before and before[-1].lower().lstrip("(\"“") in ABBREVIATIONS:
                continue
        end = m.start() + (0 if text[m.start()] == "\n" else 1)
        while end < len(text) and text[end] in "\"”’)":
            end += 1
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
