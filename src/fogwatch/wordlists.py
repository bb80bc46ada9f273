"""The shared lexicon: words that negate, deny, hedge or report.

One list per idea, used by every stage that needs it. Where a stage needs a
little more or a little less than the shared list, it says so where it uses
it, as the shared list plus (or minus) a named, explained set: the base is
never copied.

Users:

- ``analyze.factuality`` (is an event asserted, negated, denied, claimed?);
- ``analyze.events`` (an event's modality, where factuality says nothing);
- ``analyze.attribution.stance`` (the reporter's stance toward an attribution)
  and ``analyze.attribution.rules`` (rejections and hedge adverbs as cues);
- ``reconcile.text`` (a claim's polarity across documents).

Entries are lowercase lemmas unless said otherwise: the analysis stages read
them against spaCy's ``lemma_`` (verbs) or ``lower_`` (adverbs, determiners).

Not here, on purpose: the cue vocabulary of the claim-stance model
(``reconcile.claimstance``) and the reporting and hedge words among the
attribution model's features (``analyze.attribution.features``). Both are
inputs of trained models: changing them means retraining, so they stay with
the models they belong to.
"""

from __future__ import annotations

import re

# --- negation ------------------------------------------------------------------------

# Words that negate the clause or the noun they attach to: "not", "never", "no
# encirclement", "nothing was hit", "neither side". From the closed class of
# English negators (Huddleston & Pullum, ch. 9), minus the ones that also
# mean something else ("without": "without a licence, banks would stay
# cautious" is a condition, not a denial). "n't" is spaCy's token for the clitic.
# With the two approximate negators that deny while they seem to hedge: "the meeting
# hardly improved relations", "had scarcely begun" (not "barely", which affirms:
# "barely survived" survived).
NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "none", "neither", "nor",
                      "hardly", "scarcely"})

# --- denial --------------------------------------------------------------------------

# Verbs by which a speaker says that what follows (or what it takes as object)
# is not so: "denied that ...", "dismissed the reports", "rejected the claim".
# The rejecting cues PolNeAR's annotators mark, and the denials of FactBank's
# source-introducing predicates, that every stage agrees on.
DENIAL_VERBS = frozenset({"deny", "dismiss", "reject", "refute", "dispute", "rebut", "debunk",
                          "contradict"})
# Verbs by which a speaker disowns a statement, its own or another's: a denial
# for factuality and events ("the ministry disavowed the report").
DISOWNING_VERBS = frozenset({"disavow", "repudiate"})
# Verbs that reject by scorn rather than by argument ("derided the claims",
# "scoffed at reports"): for the reporter's stance, a rejection.
SCORN_VERBS = frozenset({"deride", "ridicule", "discount", "scoff", "denounce"})
# Words by which a speaker calls a claim false ("called the report false",
# "dismissed as fabricated"). Lowercase words, not lemmas: they are matched on
# the text ("lies", "fabricated").
FALSE_VERDICTS = frozenset({"false", "fictitious", "untrue", "fake", "baseless", "groundless",
                            "lie", "lies", "nonsense", "fabricated", "fabrication", "absurd"})
# Adverbs by which the writer says a report was wrong as it was made ("falsely
# claimed", "wrongly reported", "incorrectly stated"): the writer refutes it.
FALSELY = frozenset({"falsely", "wrongly", "incorrectly", "mistakenly", "erroneously",
                     "inaccurately", "untruthfully"})

# --- uncertainty ---------------------------------------------------------------------

# Adverbs by which the writer passes on hearsay without vouching for it: "the
# general was reportedly dismissed". A claimed event for factuality, a hedge
# for the reporter's stance, an unnamed source for the attribution rules.
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "supposedly", "purportedly",
                             "ostensibly"})
# Adverbs of the writer's own uncertainty: "probably destroyed" is possible,
# not happened (FactBank's epistemic modality markers).
HEDGE_ADVERBS = frozenset({"perhaps", "possibly", "probably", "maybe", "likely", "potentially"})
# Cue verbs that themselves distance the reporter from what is said: "claimed",
# "alleged", "purported".
DISTANCING_CUES = frozenset({"claim", "allege", "purport"})

# "Could not be independently verified" and its kin, as two patterns for two
# questions. ``UNCONFIRMED`` asks whether the reporter says a claim lacks
# confirmation, from the words around an attribution ("..., without providing
# evidence"). ``UNVERIFIABLE`` asks whether a speaker (or the outlet) says it
# cannot tell, from that speaker's own words: "without evidence" there is
# about someone else's claim, and "unable to confirm" or "no sign of" is the
# speaker's own doubt.
# One adverb may stand inside the phrase: "could not immediately be confirmed",
# "has not yet been verified", "no official confirmation".
_ADV = r"(?:(?:immediately|independently|yet|officially|fully|directly|separately)\s+)?"
UNCONFIRMED = re.compile(
    r"\bno (?:independent |immediate |official )?(?:confirmation|evidence|proof)\b|\bnot " + _ADV
    + r"(?:been )?" + _ADV + r"(?:confirmed|verified)\b|\bcould ?n[o']t " + _ADV + r"(?:be )?"
    + _ADV + r"(?:confirm|verif)|"
    r"\bcannot " + _ADV + r"(?:be )?" + _ADV + r"(?:confirm|verif)|\bunverified\b|\bunconfirmed\b|"
    r"\bwithout (?:providing |offering |giving )?(?:any )?(?:evidence|proof)\b|"
    r"\bnot able to " + _ADV + r"(?:confirm|verify)\b",
    re.I,
)
UNVERIFIABLE = re.compile(
    r"(could|can|was|were|is|are|has|have)\s*(not|n't|unable to)\s*" + _ADV + r"(be\s+|been\s+)?"
    + _ADV + r"(verif|confirm|corroborat)|no (independent |immediate |official )?"
    r"(confirmation|evidence|proof|sign)"
    r"|unverif|unconfirm|not " + _ADV + r"(been )?" + _ADV + r"(verified|confirmed)",
    re.IGNORECASE,
)

# --- reporting -----------------------------------------------------------------------

# Verbs that introduce what someone says: the complement is a claim, not a fact
# the writer vouches for. FactBank's and TimeBank's reporting predicates (the
# REPORTING event class), with the verbs of war reporting ("brief", "boast",
# "charge", "accuse").
REPORT_VERBS = frozenset({
    "say", "report", "tell", "announce", "add", "note", "claim", "state", "allege", "assert",
    "declare", "insist", "maintain", "write", "reply", "quote", "cite", "post", "indicate",
    "disclose", "suggest", "argue", "testify", "contend", "assure", "emphasize", "stress",
    "observe", "recall", "inform", "complain", "repeat", "brief", "respond", "explain",
    "describe", "mention", "hint", "charge", "accuse", "boast", "concede",
})
# Nouns that name a report: "reports of an encirclement" speak of a claim.
REPORT_NOUNS = frozenset({"report", "statement", "announcement", "claim", "allegation",
                          "declaration", "assertion", "word", "rumor", "rumour", "account"})
# Verbs by which something shows something: with an act as subject ("Putin's
# missile-flexing suggests that ..."), the inference is the writer's own, not an
# attribution.
INFERENCE_VERBS = frozenset({"suggest", "indicate", "show", "imply", "signal", "mean",
                             "demonstrate", "prove", "reveal"})
# Nouns in -ing for records that speak for themselves as the subject of such a
# verb: "the polling suggests", "the ruling shows" report what the record says.
RECORD_NOUNS = frozenset({"polling", "briefing", "reporting", "recording", "filing",
                          "finding", "ruling", "reading", "hearing", "listing", "wording"})
# Adjectives by which the writer frames a point as their own: "it is worth noting
# that ...", "it is fair to say that ...".
WRITERS_FRAME_ADJECTIVES = frozenset({"worth", "noteworthy", "notable", "important", "fair",
                                      "safe", "hard", "difficult", "easy"})
# Verbs of belief and forecast, which also make their complement a claim when
# someone else holds it ("officials believe the strike ..."), not a fact.
BELIEF_VERBS = frozenset({"believe", "think", "predict"})


# --- arms -----------------------------------------------------------------------------

# Words for weapons as written (lowercase, singular and plural): a name beside one
# is a weapon's name ("the Oreshnik missile", "Storm Shadow systems"). Matched
# against ``lower_``.
WEAPON_NOUNS = frozenset({
    "missile", "missiles", "rocket", "rockets", "drone", "drones", "tank", "tanks",
    "jet", "jets", "fighter", "fighters", "system", "systems", "launcher", "launchers",
    "howitzer", "howitzers", "helicopter", "helicopters", "torpedo", "bomb", "bombs",
    "interceptor", "interceptors", "munition", "munitions", "warhead", "aircraft",
})
# What a state brandishes, tests or rolls out (lowercase, matched as written and
# as lemma): a verb acting on one of them ("Putin rattles his nukes", "paraded its missiles") is a show of force,
# not a statement, whatever the verb. Weapon words without "system" and
# "fighter", which also name other things, plus the words for arms in general.
BRANDISHED = (WEAPON_NOUNS - {"system", "systems", "fighter", "fighters"}) | frozenset({
    "nuke", "nukes", "weapon", "weapons", "arsenal", "saber", "sabre", "sword",
    "warheads", "arms",
})
