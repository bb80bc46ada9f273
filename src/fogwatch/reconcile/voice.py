"""The writer's own voice, and whether a text reads as a claim.

Cheap tests on text, as in :mod:`fogwatch.reconcile.text`: does the outlet, in
its own words, call a claim false or baseless or set its own evidence against
it ("absurdly inflated", "without evidence", "We found no footage of such a
link-up"); does it take a source's words as its own ("as X puts it"); does its
own sentence only pass on a story ("a rumour was flying around that ..."); and
is a statement a full clause rather than a fragment ("that", "Russia was")?
"""

from __future__ import annotations

import re

from fogwatch import wordlists as wl
from fogwatch.reconcile import text as tx

# The outlet's own evidence of absence: "We found no footage or imagery of such a
# link-up", "we have seen no video showing ...". (Not "no evidence" or "no
# confirmation": those say the claim is unconfirmed, see ``unverified``.)
NO_EVIDENCE_SEEN = re.compile(
    r"\b(?:found|find|finds|seen|see|saw|located|geolocated|identified)\s+(?:no|not\s+(?:a|any|one))\s+"
    r"(?:\w+\s+){0,2}?(?:footage|imagery|images?|videos?|photos?|photographs?|pictures?|traces?)\b"
    r"|\bpoints?\s+the\s+other\s+way\b",
    re.IGNORECASE,
)
# "..., without evidence", "claimed without providing any proof": said of a claim
# in the writer's voice, a verdict that it is baseless.
WITHOUT_EVIDENCE = re.compile(
    r"\bwithout\s+(?:providing\s+|offering\s+|giving\s+|citing\s+|presenting\s+|showing\s+)?"
    r"(?:any\s+)?(?:evidence|proof)\b",
    re.IGNORECASE,
)
_FALSE_ALT = "|".join(sorted((re.escape(w) for w in tx.FALSE_WORDS), key=len, reverse=True))
# A false-word used as a verdict on something, not as a topic: "the Russian number
# is inflated", "a report that many found absurdly inflated", "dismissed as
# fiction", "an exaggerated figure", "another piece of propaganda". ("enabling
# Russian propaganda to tout a victory" names propaganda; it judges nothing.)
# Nouns a false-word describes rather than judges: "was used in a propaganda
# stunt", "appeared in several propaganda videos" say nothing of a claim.
_NOT_VERDICT_NOUN = (r"(?:stunts?|videos?|campaigns?|machine|outlets?|films?|efforts?|purposes|"
                     r"tools?|war|channels?|arms?|posters?|broadcasts?)\b")
VERDICT = re.compile(
    r"\b(?:is|are|was|were|be|been|being|seems?|seemed|looks?|looked|appears?|appeared|"
    r"found|finds?|deem(?:s|ed)?|call(?:s|ed|ing)?|as|remains?|proved|proven|sounds?)\s+"
    r"(?:[\w’'-]+\s+){0,3}?(?:" + _FALSE_ALT + r")\w*(?!\s+" + _NOT_VERDICT_NOUN + r")"
    r"|\b(?:" + _FALSE_ALT + r")\w*\s+(?:claims?|figures?|numbers?|reports?|assertions?|"
    r"allegations?|accounts?|statements?|stor(?:y|ies)|narratives?|tally|toll|count)\b"
    r"|\bpiece\s+of\s+(?:\w+\s+)?propaganda\b",
    re.IGNORECASE,
)


# "it is not true", "isn't real", "it's also not plausible", "is total bullshit",
# "a hoax": the writer's verdict in words the false-word list does not hold.
NOT_TRUE = re.compile(
    r"\b(?:is|are|was|were|’s|'s)\s+(?:also\s+|simply\s+|just\s+|actually\s+)?(?:not|n[’']t)\s+"
    r"(?:\w+\s+)?(?:true|real|accurate|plausible|correct|genuine|authentic)\b"
    r"|\b(?:isn|wasn|aren|weren)[’']t\s+(?:\w+\s+)?(?:true|real|accurate|plausible|genuine)\b"
    r"|\b(?:is|are|was|were|’s|'s)\s+(?:\w+\s+){0,2}?(?:implausible|bogus|bullshit|a\s+hoax|"
    r"(?:total|complete|utter)\s+(?:rubbish|garbage))\b",
    re.IGNORECASE,
)


def own_verdict(text: str) -> bool:
    """Does the writer, in its own words, call a claim false or baseless, or set its
    own evidence against it ("absurdly inflated", "without evidence", "We found no
    footage of such a link-up", "the images do not support")?"""
    return bool(VERDICT.search(text) or WITHOUT_EVIDENCE.search(text) or NOT_TRUE.search(text)
                or NO_EVIDENCE_SEEN.search(text) or tx.CONTRADICTS.search(text))


# Words by which a sentence points back at a claim just made ("such a link-up",
# "this figure", "the claim", "the story").
BACK_REFERENCE = re.compile(
    r"\b(?:this|these|those|such)\b|\b(?:the|that)\s+(?:claims?|figures?|numbers?|reports?|"
    r"statements?|accounts?|assertions?|allegations?|announcement|stor(?:y|ies)|rumou?rs?)\b",
    re.IGNORECASE,
)


# "as the Kyiv Independent puts it, ...": the writer takes the words as its own.
ENDORSING_CUES = frozenset({
    "put", "puts", "putting", "say", "says", "said", "note", "notes", "noted", "write", "writes",
    "wrote", "observe", "observes", "observed", "explain", "explains", "explained", "point",
    "points", "pointed", "report", "reports", "reported", "show", "shows", "showed", "shown",
    "argue", "argues", "argued", "warn", "warns", "warned", "document", "documented",
})
# The writer's doubt before "as X says": "Maybe, as Leviev says, Russia could ..."
WRITER_DOUBT = frozenset({"if", "whether", "unless", "though", "although"}) \
    | wl.HEARSAY_ADVERBS | wl.HEDGE_ADVERBS


def endorsed(before_source: str, cue: str) -> bool:
    """Is an attribution the writer's own "as X puts it" (``before_source``: the
    sentence up to the source's name)?"""
    words = [t.lower() for t in tx.tokens(before_source)]
    cue_words = [t.lower() for t in tx.tokens(cue)]
    if not words or words[-1] != "as" or not cue_words or cue_words[0] not in ENDORSING_CUES:
        return False
    return not any(w in WRITER_DOUBT for w in words[:-1])


# Words a statement cannot end on: it was cut off ("Russia was", "that the").
DANGLING = frozenset({
    "a", "an", "the", "that", "this", "of", "to", "in", "on", "at", "by", "for", "from", "with",
    "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had",
    "will", "would", "can", "could", "may", "might", "must", "shall", "should", "do", "does",
    "did", "not", "its", "their", "his", "her", "our", "whose", "which", "who",
})
# Words that open what is not a claim of fact: an infinitive ("to withdraw and cut
# the losses"), a question or a relative ("what extent", "which as ...").
NOT_A_CLAIM_START = frozenset({"to", "what", "which", "whether", "how", "why", "who", "whom",
                               "when", "where", "if"})
AUXILIARIES = frozenset({
    "is", "are", "was", "were", "am", "has", "have", "had", "will", "would", "can", "could",
    "may", "might", "must", "shall", "should", "do", "does", "did", "won't", "can't", "isn't",
    "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "don't", "doesn't", "didn't",
    "couldn't", "wouldn't", "shouldn't", "won’t", "can’t", "isn’t", "aren’t", "wasn’t",
    "weren’t", "hasn’t", "haven’t", "hadn’t", "don’t", "doesn’t", "didn’t", "couldn’t",
    "wouldn’t", "shouldn’t", "’s", "'s", "’re", "'re", "’ve", "'ve", "’ll", "'ll", "’d", "'d",
})
# Past tenses that do not end in -ed.
IRREGULAR_PAST = frozenset({
    "said", "told", "took", "hit", "shot", "made", "won", "lost", "fell", "began", "came", "went",
    "held", "left", "saw", "found", "gave", "got", "kept", "led", "met", "ran", "sent", "set",
    "stood", "struck", "thought", "brought", "bought", "caught", "fought", "sought", "broke",
    "chose", "drove", "flew", "knew", "rose", "spoke", "threw", "wrote", "cut", "put", "spread",
    "shut", "hid", "fled", "lay", "laid", "paid", "meant", "built", "sold", "grew", "drew",
    "became", "overran", "withdrew", "slid", "slipped", "seized",
})
# What stands before a determiner-led noun phrase, not before a verb.
NOUN_LEADS = frozenset({"a", "an", "the", "this", "these", "those", "that", "its", "their",
                        "his", "her", "our", "my", "your", "such", "no", "any", "some", "every",
                        "each", "all", "other", "of", "for", "in", "on", "at", "by", "with",
                        "from", "to", "into", "about", "after", "before", "as"})
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "they", "he", "she", "it", "who", "this", "that",
                              "there"})


def _finite_verb(words: list[str], raw: list[str]) -> bool:
    """A word that can only be (or most likely is) a finite verb: an auxiliary, a
    past tense after its subject, a verb after a plural or pronoun subject."""
    for k, w in enumerate(words):
        prev = words[k - 1] if k else ""
        if w in AUXILIARIES or (w.endswith(("n't", "n’t")) and len(w) > 3):
            return True
        if prev in NOUN_LEADS or prev.endswith(("'s", "’s")) or (k and prev[:1].isdigit()):
            continue  # "the encircled grouping", "Russia's stalled war effort", "for renewed"
        if w in IRREGULAR_PAST or (len(w) > 4 and w.endswith("ed") and k > 0):
            return True
        if k and w not in tx.STOPWORDS and w.isalpha() and not w.endswith("ly") and (
                prev in SUBJECT_PRONOUNS or prev in ("%", "percent")
                or (prev.endswith("s") and not prev.endswith("ss") and prev not in tx.STOPWORDS)):
            # "they hide workshops", "62% of Ukrainians reject concessions", "it says"
            return True
        if k and w.endswith("s") and not w.endswith("ss") and raw[k - 1][:1].isupper() \
                and prev not in NOUN_LEADS:
            return True  # "Trump rattles back"
    return False


# Words that, opening a statement, point at something it does not name ("They
# would not allow them to travel", "Its forces had taken a village"): read alone,
# as the name of a claim, the statement does not say whom it is about.
REFERRING_OPENERS = frozenset({"he", "she", "it", "they", "them", "this", "that", "these",
                               "those", "his", "her", "its", "their", "we", "i"})
# A trailing "until Friday" that belongs to a negated verb outside the text ("did
# not confirm that Godane had been killed until Friday"): the text alone misreads.
TRAILING_UNTIL = re.compile(r"\buntil\s+(?:[\w’'-]+\s+){0,2}[\w’'-]+[.!]?$", re.IGNORECASE)


# Words run together where a page's links or headings met ("HoaxShah", "FakeEbola"):
# a lower-case letter and a capital starting a word of three or more letters.
RUN_TOGETHER = re.compile(r"[a-z]{3}[A-Z][a-z]{2}")


def opens_with_reference(text: str) -> bool:
    """Does the text open (after quotation marks and a leading "that") on a word
    that refers to something it does not name ("they", "his", "this")?"""
    words = [t.lower() for t in tx.tokens(text) if t.strip("\"“”‘’'")]
    if words[:1] == ["that"] and len(words) > 1:
        words = words[1:]
    return bool(words) and words[0] in REFERRING_OPENERS


def reads_whole(text: str) -> bool:
    """Can the text name a claim on its own: it opens on no word that refers
    outside it, ends on no "until ..." (which may belong to a verb outside it), and is
    not a page's headings run together?"""
    return not opens_with_reference(text) and not TRAILING_UNTIL.search(text.strip()) \
        and len(RUN_TOGETHER.findall(text)) < 2


# Cues whose content is their object, not a clause: "blamed X for Y", "identified
# X as Y", "asked X to Y", "believe X to have Y" (word beginnings: every form).
OBJECT_CUES = ("blam", "identif", "urg", "expect", "believ", "accus", "describ", "consider",
               "ask", "call", "order", "condemn", "prais", "credit", "label", "brand", "dub",
               "nam", "hold", "held", "warn")


def object_cue(cue: str) -> bool:
    """Does the cue take its content as an object ("blamed", "identified", "asked")?"""
    words = [t.lower() for t in tx.tokens(cue)]
    return bool(words) and words[-1].startswith(OBJECT_CUES)


def reads_as_claim(text: str) -> bool:
    """Is the text a full clause that states something, not a fragment ("that",
    "Russia was", "Ukraine", "their fearsome capabilities", "to withdraw")?

    Without a parse: a subject and a finite verb are looked for by their
    shape (an auxiliary, a past tense, a verb after a pronoun or a plural),
    and what cannot be a statement of fact is left out: an infinitive, a
    question, a text cut off after a word that needs more.
    """
    raw = [t for t in tx.tokens(text.replace("%", " percent "))]
    if raw and raw[0].lower() == "that":
        raw = raw[1:]
    words = [t.lower() for t in raw]
    if len(words) < 3 or words[0] in NOT_A_CLAIM_START or words[-1] in DANGLING:
        return False
    return _finite_verb(words, raw)


# The writer passes on a story rather than a fact of its own: a rumour, report
# or claim "that" or "about" something, a story "making the rounds" or "gone
# viral" ("Over the weekend there was a rumor flying around that someone stole
# the Batmobile", "There's a story currently making the rounds about a man
# who ...").
HEARSAY_FRAME = re.compile(
    r"\b(?:rumou?rs?|stor(?:y|ies)|reports?|claims?|hoax(?:es)?|speculation|news|posts?|"
    r"tweets?)\b[^.?!;]{0,60}?\b(?:that|about|claiming|saying|of)\b"
    r"|\b(?:making|doing)\s+the\s+rounds\b|\bgoing\s+around\b|\bcirculating\b"
    r"|\bflying\s+around\b|\b(?:gone|went|going)\s+viral\b",
    re.IGNORECASE,
)


def relays_hearsay(sentence: str) -> bool:
    """Does the writer's own sentence pass on a story or ask a question ("Hear
    about the man who ...?") rather than state a fact?"""
    return sentence.rstrip(" \"'”’").endswith("?") or bool(HEARSAY_FRAME.search(sentence))
