"""The factuality component's word lists (lemmas): what a governing word does to
the event under it. The lists fogwatch shares with stance, events and reconcile
are in :mod:`fogwatch.wordlists`; these are the component's own.
"""

from __future__ import annotations

from fogwatch import wordlists as wl

REPORTING = wl.REPORT_VERBS
REPORTING_NOUNS = wl.REPORT_NOUNS
# The reporter vouches for the content: it stays as asserted.
FACTIVE = frozenset({"confirm", "show", "acknowledge", "reveal", "know", "learn", "realize",
                     "realise", "regret", "admit", "prove", "discover", "recognize", "notice",
                     "demonstrate", "verify", "establish", "find"})
# "reject" is counter-factive here, not a denial: "rejected the plan to attack" leaves
# the attack undone (negated), where "denied attacking" says it did not happen.
DENIAL = (wl.DENIAL_VERBS - {"reject"}) | wl.DISOWNING_VERBS
COUNTER_FACTIVE = frozenset({"scuttle", "scupper", "derail", "torpedo", "refuse", "decline", "fail", "prevent", "avoid", "avert",
                             "forestall", "prohibit", "bar", "forbid", "thwart", "foil",
                             "cancel", "abandon", "stop", "halt", "ward", "block",
                             "reject", "neglect", "omit", "deter", "preclude", "spare"})
COUNTER_NOUNS = frozenset({"near-miss", "refusal", "failure", "prevention", "rejection",
                           "cancellation", "interdiction", "avoidance", "absence", "lack"})
# Verbs, adjectives and nouns whose complement has not (yet) happened, with the reason.
PLANNED = frozenset({
    "plan", "intend", "aim", "schedule", "prepare", "expect", "agree", "decide", "vote",
    "promise", "pledge", "propose", "offer", "seek", "try", "attempt", "want", "wish", "hope",
    "ask", "urge", "order", "demand", "request", "require", "need", "allow", "permit",
    "enable", "help", "use", "design", "set", "mean", "plot", "push", "press", "lobby", "work",
    "strive", "struggle", "persuade", "convince", "encourage", "invite", "authorize",
    "approve", "consider", "explore", "weigh", "contemplate", "negotiate", "move", "volunteer",
    "arrange", "tend", "appoint", "elect", "choose", "opt", "resolve", "determine", "commit",
    "undertake", "vow", "ready", "willing", "eager", "due", "supposed", "able", "poised",
    "designed", "scheduled", "expected", "prepared", "determined", "unable",
    "favor", "favour", "oppose", "discuss", "debate", "stall", "delay", "postpone", "await",
    "search", "look", "predict", "advocate", "recommend", "suggest", "envisage", "envision", "foresee",
})
THREAT = frozenset({"threaten", "warn", "threat", "ultimatum"})
POSSIBLE = frozenset({
    "believe", "think", "suppose", "suspect", "fear", "worry", "estimate", "forecast",
    "project", "anticipate", "appear", "seem", "imagine", "assume", "guess", "doubt",
    "speculate", "likely", "unlikely", "possible", "probable", "potential", "risk",
    "danger", "prospect", "possibility", "chance", "likelihood", "scenario", "option",
    "idea", "hypothetical", "speculation", "expectation", "rumor", "hope",
})
PLAN_NOUNS = frozenset({"plan", "proposal", "effort", "attempt", "bid", "decision",
                        "agreement", "offer", "intention", "goal", "aim", "push", "promise",
                        "pledge", "vow", "call", "demand", "request", "order", "campaign",
                        "drive", "initiative", "deal", "commitment", "invitation",
                        "talk", "readiness", "willingness", "bill", "measure", "vote"})
PLANNED_ADJECTIVES = frozenset({
    "planned", "proposed", "possible", "potential", "future", "upcoming", "alleged",
    "threatened", "expected", "hypothetical", "prospective", "promised", "awaited",
    "mooted", "floated", "rumored", "rumoured", "anticipated", "intended", "envisaged",
})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MODAL_AUX = frozenset({"would", "could", "might", "may", "can", "ca", "should", "must", "'d",
                       "ought", "shall"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = wl.NEGATORS
# Where a negator denies its verb: as an adverb or determiner ("never", "no"), and as
# what is done or undergone ("has proposed nothing that would ...", "nothing was hit")
NEGATED_BY = frozenset({"advmod", "det", "preconj", "cc", "dobj", "nsubjpass"})
HEARSAY = wl.HEARSAY_ADVERBS
HEDGES = wl.HEDGE_ADVERBS
FUTURE_WORDS = frozenset({"tomorrow", "next", "upcoming", "coming", "soon", "later"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Planning verbs whose direct object is a thing, not a plan ("used the strike as a pretext").
NOT_OF_OBJECTS = frozenset({"use", "help", "allow", "enable", "set", "mean", "work", "move",
                            "elect", "appoint", "choose", "require", "need", "design", "tend",
                            "commit", "undertake", "resolve", "determine", "invite", "press",
                            "push", "ask", "order", "try", "attempt", "approve", "authorize"})
WH_PRESUPPOSED = frozenset({"why", "how", "where", "when", "what", "who"})
# Verbs whose infinitive complement is as real as they are.
IMPLICATIVE = frozenset({"keep", "manage", "begin", "start", "continue", "proceed", "happen", "dare",
                         "get", "go", "come", "remember", "bother", "resume", "cease"})
LEXICON = REPORTING | REPORTING_NOUNS | FACTIVE | DENIAL | COUNTER_FACTIVE | COUNTER_NOUNS \
    | PLANNED | THREAT | POSSIBLE | PLAN_NOUNS | {"rule"}
# Relations by which a predicate sits in the scope its governor opens.
COMPLEMENT = frozenset({"ccomp", "xcomp", "pcomp", "csubj", "csubjpass", "oprd", "acomp",
                        "advcl", "dobj", "pobj", "nsubjpass", "attr", "acl", "prep"})
# Relations by which a predicate shares its governor's label.
SHARED = frozenset({"conj", "appos", "parataxis", "nsubj", "npadvmod", "compound", "amod",
                    "dep", "nmod", "poss", "agent", "dative", "expl", "advmod", "cc"})
# Adjectives by which the text says it cannot vouch for an event ("an unverified
# attack", "unconfirmed reports of a raid"), and the verbs whose negation says so in
# a clause on the event noun ("the attack, which could not be verified, ...").
UNVOUCHED_ADJECTIVES = frozenset({"unverified", "unconfirmed", "uncorroborated",
                                  "unsubstantiated"})
VOUCHING_VERBS = frozenset({"verify", "confirm", "corroborate", "substantiate",
                            "authenticate"})
# Auxiliaries that open a yes/no question before its subject ("Did Russia attack?")
QUESTION_AUX = frozenset({"do", "does", "did", "will", "would", "can", "could", "has",
                          "have", "had", "is", "are", "was", "were", "should", "may", "might"})
