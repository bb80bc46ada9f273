"""The ``fogwatch_factuality`` spaCy component: did the event happen, by the text?

Every event predicate (a verb, or an event noun such as "summit", "delivery",
"encirclement") gets one of:

- ``happened``: the text asserts it, in the past or present;
- ``claimed``: a source reports it and the text does not vouch for it
  ("said", "according to", "supposedly");
- ``denied``: a source says it did not happen ("denied that ...");
- ``negated``: the text says it did not or will not happen ("not", "never",
  "failed to", "refused to", "averted", "near-miss");
- ``unrealised``, with a reason: ``future`` ("will", "going to"), ``planned``
  ("plans to", "agreed to", "is expected to"), ``threatened`` ("threat of",
  "threatened to") or ``possible`` (modals, conditionals, "danger of",
  beliefs and wishes);
- ``unknown``: the text gives no evidence either way (a bare infinitive or
  participle under an ordinary verb, an event noun with no asserted clause).

It reads the dependency parse and a small lexicon, nothing else. A predicate
takes the strongest of its own cues and what it inherits from the predicate
that governs it: a complement takes the context its governor opens (a
reporting verb makes it claimed, a verb of wanting or planning unrealised, a
counter-factive negated, a factive leaves it as asserted), and a conjunct or
an argument takes its governor's label, so a verb under "could" deep in a
chain stays unrealised. Strength follows the order denied > negated >
unrealised > claimed > happened. Precision of ``happened`` matters most to a
reader, so a predicate with no finite, asserted clause of its own is
``unknown`` rather than ``happened``.

Results: ``doc._.fw_factuality``, a dict from token index to
:class:`Factuality` for every event predicate. :func:`factuality_of` labels any
token on demand (the scorer asks it about gold events).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token

from fogwatch.analyze.base import Stage, ensure_extension
from fogwatch.analyze.factuality.clauses import (
    CLAIM_NOUNS,
    asked,
    called_false,
    complement_read_as_relative,
    denied_existence,
    fronted_report,
    going_to,
    in_quotation,
    main_verb_read_as_participle,
    not_one,
    not_only,
    present_aux,
    relative_read_as_complement,
    reported_after,
    taking_part,
    unvouched,
)
from fogwatch.analyze.factuality.lexicon import (
    COMPLEMENT,
    CONDITIONAL_MARKS,
    COUNTER_FACTIVE,
    COUNTER_NOUNS,
    DENIAL,
    FACTIVE,
    FINITE_TAGS,
    FUTURE_AUX,
    FUTURE_WORDS,
    HEARSAY,
    HEDGES,
    IMPLICATIVE,
    LEXICON,
    MODAL_AUX,
    NEGATED_BY,
    NEGATIONS,
    NOT_OF_OBJECTS,
    PLAN_NOUNS,
    PLANNED,
    PLANNED_ADJECTIVES,
    POSSIBLE,
    REPORTING,
    REPORTING_NOUNS,
    SHARED,
    THREAT,
    WH_PRESUPPOSED,
)
from fogwatch.findings import Document

ensure_extension("fw_factuality", None)

RANK = {"unknown": 0, "happened": 1, "claimed": 2, "unrealised": 3, "negated": 4, "denied": 5}


def _lemma(tok: Token) -> str:
    """The token's lemma, mended where the lexicon knows a form spaCy lemmatised wrongly
    ("hopes" -> "hop", "agreed" -> "agreed")."""
    lemma = tok.lemma_.lower()
    if lemma in LEXICON:
        return lemma
    low = tok.lower_
    for cut in (1, 2, 3):
        if len(low) > cut + 2 and low[:-cut] in LEXICON and low.endswith(("s", "d", "ing")):
            return low[:-cut]
    if low.endswith("ied") and low[:-3] + "y" in LEXICON:
        return low[:-3] + "y"
    return lemma


@dataclass(frozen=True, slots=True)
class Factuality:
    """The label of one predicate, the reason (for ``unrealised``) and the cue word."""

    label: str
    reason: str | None = None
    cue: str | None = None

    def stronger(self, other: Factuality) -> Factuality:
        return other if RANK[other.label] > RANK[self.label] else self


UNKNOWN = Factuality("unknown")
HAPPENED = Factuality("happened")


def factuality_of(tok: Token) -> Factuality:
    """The label of ``tok`` as a predicate (memoised on its Doc)."""
    memo: dict[int, Factuality] = tok.doc.user_data.setdefault("fw_factuality_memo", {})
    found = memo.get(tok.i)
    if found is None:
        memo[tok.i] = UNKNOWN  # a cycle (never in a tree, but cheap to rule out)
        found = _label(tok)
        memo[tok.i] = found
    return found


def _label(tok: Token) -> Factuality:
    own = _own_cues(tok)
    if own is not None and own.label in ("denied", "negated"):
        return own
    if _hypothetical(tok):
        # "scuttled the delivery (if those missiles actually were on the table)": what
        # was only ever supposed can be neither done nor undone
        return Factuality("unrealised", "possible", "if ... were")
    inherited = _context(tok)
    if in_quotation(tok):
        inherited = inherited.stronger(Factuality("claimed", cue="quotation"))
    result = inherited if own is None else own.stronger(inherited)
    if result.label in ("unknown", "happened"):
        if tok.pos_ in ("NOUN", "PROPN"):
            # a root clause's subject inherits nothing: "the attack killed two" asserts it
            return HAPPENED if _noun_occurred(tok) or _dated_in_past(tok) else UNKNOWN
        return HAPPENED if _asserted(tok) else UNKNOWN
    return result


def _hypothetical(tok: Token) -> bool:
    """An event noun whose clause carries an "if ... were" aside.

    Only for nouns: a verb's counterfactual shows in its own "would"/"could", while
    a noun has no auxiliary to show it ("scuttling the delivery (if those missiles
    actually were on the table)").
    """
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    node = tok
    for _ in range(6):
        for c in node.children:
            if c.dep_ == "advcl" and c.lower_ == "were" and any(
                    m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
                return True
        if node.head.i == node.i or (node is not tok and _asserted(node)):
            break
        node = node.head
    return False


def _context(tok: Token) -> Factuality:
    """What ``tok`` inherits from the predicates above it (memoised on its Doc)."""
    memo: dict[int, Factuality] = tok.doc.user_data.setdefault("fw_factuality_context", {})
    found = memo.get(tok.i)
    if found is None:
        memo[tok.i] = UNKNOWN
        found = _inherited(tok)
        memo[tok.i] = found
    return found


# --- own cues ------------------------------------------------------------------------


def _verb_of(tok: Token) -> Token:
    """The verb whose auxiliaries speak for ``tok`` (a predicate adjective's copula)."""
    if tok.dep_ in ("acomp", "attr", "oprd") and tok.head.pos_ in ("AUX", "VERB"):
        return tok.head
    return tok


# Acts that "almost" or "nearly" done were not done: "a schoolboy who was almost
# killed", "nearly died", "the talks nearly collapsed"
NEAR_MISSES = frozenset({"kill", "die", "destroy", "lose", "collapse", "fall", "drown",
                         "miss", "hit", "crash", "break", "sink", "capture", "seize", "take"})


def _own_cues(tok: Token) -> Factuality | None:
    verb = _verb_of(tok)
    best: Factuality | None = None

    def take(f: Factuality) -> None:
        nonlocal best
        best = f if best is None else best.stronger(f)

    children = list(verb.children) if verb is tok else list(verb.children) + list(tok.children)
    for c in children:
        low = c.lower_
        dep = c.dep_
        if (dep == "neg" or (dep in NEGATED_BY and low in NEGATIONS)) and not not_only(c):
            take(Factuality("negated", cue=low))
        elif dep in ("aux", "auxpass"):
            if low in FUTURE_AUX:
                take(Factuality("unrealised", "future", low))
            elif low in MODAL_AUX:
                take(Factuality("unrealised", "possible", low))
        elif dep == "mark" and low in CONDITIONAL_MARKS:
            take(Factuality("unrealised", "possible", low))
        elif dep == "advcl" and verb.tag_ in ("VBZ", "VBP") and not any(
                a.dep_ in ("aux", "auxpass") for a in verb.children) and any(
                m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children):
            # a rule, not an event: "most state parties release those delegates if
            # their candidate is no longer running"
            take(Factuality("unrealised", "possible", "if"))
        elif dep == "advmod" and low in HEARSAY:
            take(Factuality("claimed", cue=low))
        elif dep == "advmod" and low in HEDGES:
            take(Factuality("unrealised", "possible", low))
        elif dep in ("nsubj", "nsubjpass") and c.i < verb.i and (
                low in ("nobody", "nothing", "none", "neither") or any(
                    g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither")
                    for g in c.children) or not_one(c)):
            take(Factuality("negated", cue=low))  # "No one was hurt", "Neither X nor Y gave"
        elif dep == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children):
            take(Factuality("negated", cue="no"))  # "has reached no agreement"
        elif dep == "advmod" and low == "longer" and any(g.lower_ == "no" for g in c.children):
            take(Factuality("negated", cue="no longer"))
        elif dep == "advmod" and low in ("almost", "nearly") and c.i < verb.i and verb.pos_ == "VERB" \
                and verb.tag_ in ("VBD", "VBN") and _lemma(verb) in NEAR_MISSES:
            take(Factuality("negated", cue=low))  # "was almost killed": he lived
        elif dep == "parataxis" and _lemma(c) in REPORTING and c.i > verb.i and any(
                g.dep_ == "nsubj" for g in c.children):
            take(Factuality("claimed", cue=low))  # "Mr. Antar, the SEC said, made ..."
        elif dep == "prep" and low == "according":
            take(Factuality("claimed", cue="according to"))
    if (report := reported_after(verb, REPORTING)) is not None:
        take(Factuality("claimed", cue=report.lower_))  # "X were killed, a source said"
    if going_to(verb):
        take(Factuality("unrealised", "future", "going to"))
    if asked(verb):
        take(Factuality("unrealised", "possible", "?"))  # "Did Russia attack the convoy?"
    doer = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    for noun in (tok, doer):
        if noun is not None and noun.pos_ in ("NOUN", "PROPN") and unvouched(noun):
            # "the attack, which could not be independently verified, killed three"
            take(Factuality("claimed", cue="unverified"))
    # "mounted its long-threatened invasion": what a past verb of occurring carries out
    # took place, whatever was once said of it
    carried_out = tok.dep_ == "dobj" and tok.head.tag_ == "VBD" \
        and _lemma(tok.head) in OCCURRENCE_VERBS
    if tok.pos_ in ("NOUN", "PROPN") and not carried_out:
        for c in tok.children:
            if c.dep_ == "amod" and c.lower_ in PLANNED_ADJECTIVES:
                reason = "threatened" if c.lower_ == "threatened" else "possible" \
                    if c.lower_ in ("possible", "potential", "hypothetical") else "planned"
                take(Factuality("claimed", cue=c.lower_) if c.lower_ == "alleged"
                     else Factuality("unrealised", reason, c.lower_))
            elif c.lower_ in FUTURE_WORDS and c.dep_ in ("amod", "npadvmod"):
                take(Factuality("unrealised", "future", c.lower_))
    elif verb.tag_ in ("VBZ", "VBP", "VB") or present_aux(verb):
        for c in verb.children:
            if c.dep_ == "npadvmod" and any(g.lower_ == "next" for g in c.children):
                take(Factuality("unrealised", "future", "next"))
            elif c.lower_ == "tomorrow":
                take(Factuality("unrealised", "future", "tomorrow"))
    return best


OCCURRENCE_VERBS = frozenset({
    "hold", "launch", "conduct", "carry", "stage", "mount", "make", "begin", "start",
    "complete", "finish", "win", "lose", "suffer", "take", "occur", "happen", "kill", "destroy",
    "hit", "end", "continue", "follow", "resume", "break", "cause", "leave", "wound", "injure",
    "survive", "witness", "see", "attend", "host", "open", "close", "join", "repel", "claim",
    "give", "get", "receive", "pull", "inflict", "endure", "undergo", "perform", "execute",
    "sign", "unleash"})


SETTING_PREPS = frozenset({"at", "during"})  # "at a briefing, he said": the briefing took place


def _noun_occurred(noun: Token) -> bool:
    """An event noun the text asserts: the object of "held talks", "launched an attack",
    the subject of "the attack killed" (only with such verbs: "opposed the expansion",
    "favoured reconciliation" assert nothing about the expansion or the reconciliation),
    the setting of an asserted clause ("at a briefing on Monday, he said").
    """
    prep = noun.head
    if noun.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in SETTING_PREPS:
        verb = prep.head
        return verb.pos_ in ("VERB", "AUX") and factuality_of(verb).label == "happened"
    verb = taking_part(noun)
    if verb is not None:  # "both sides took part in the talks"
        return factuality_of(verb).label == "happened"
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubj", "nsubjpass") or verb.pos_ != "VERB":
        return False
    if _lemma(verb) not in OCCURRENCE_VERBS:
        return False
    return factuality_of(verb).label == "happened"


# how a date hangs on the event noun it dates: "the November 6 strike", "Thursday's
# attack", "the strike on November 6"
DATE_DEPS = frozenset({"compound", "nmod", "npadvmod", "poss", "amod"})
DATE_PREPS = frozenset({"on", "in", "during"})


def _dated_in_past(noun: Token) -> bool:
    """An event noun the text dates to a day before the article's (or that day): "the
    November 6 strike on Dnipro", "Thursday's attack". Named with its date, in a clause
    that says nothing against it, it is presupposed to have taken place."""
    doc = noun.doc
    times, dct = doc._.fw_times, doc._.fw_dct
    if not times or not dct:
        return False
    heads = [c for c in noun.lefts if c.dep_ in DATE_DEPS]
    heads += [p for c in noun.rights if c.dep_ == "prep" and c.lower_ in DATE_PREPS
              for p in c.children if p.dep_ == "pobj"]
    for head in heads:
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        for t in times:
            if t.type in ("DATE", "TIME") and t.interval and lo <= t.start and t.end <= hi \
                    and t.interval[1][:10] <= dct[:10]:
                return True
    return False


def _asserted(tok: Token) -> bool:
    """``tok`` heads a finite clause in the past or present (or is the copula's complement)."""
    verb = _verb_of(tok)
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.tag_ in FINITE_TAGS or main_verb_read_as_participle(verb):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


# --- inherited context ---------------------------------------------------------------


def _inherited(tok: Token) -> Factuality:
    head = tok.head
    if head.i == tok.i:
        return UNKNOWN
    dep = tok.dep_
    if dep == "conj":
        # a conjunct shares its first conjunct's context and auxiliaries ("would go and
        # buy"), not its negation ("did not mention X but said Y")
        own = _own_cues(head)
        up = _context(head)
        if own is not None and own.label == "unrealised":
            return own.stronger(up)
        return up
    if dep == "parataxis":
        return UNKNOWN
    if dep in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
        # "the attack did not kill anyone" does not undo the attack; "the deal would
        # fail" makes it no more than possible
        own = _own_cues(head)
        up = _context(head) if dep == "nsubj" else _opened_by(head, tok)
        if own is not None and own.label == "unrealised":
            return own.stronger(up)
        return up
    if dep == "prep" or (dep in ("pobj", "pcomp") and head.dep_ == "prep"):
        return _through_preposition(tok, tok if dep == "prep" else head)
    if dep == "advcl" and _lemma(head) in REPORTING and _asserted(tok) and fronted_report(tok):
        return _opened_by(head, tok)  # "Earlier, rebels attacked the town, said an officer"
    if dep == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # an adverbial clause ("when", "after", "because") asserts on its own: "he was
        # not troubled when it began" does not deny the beginning. It stays inside a
        # report ("X happened when Y, police said").
        up = factuality_of(head)
        return up if up.label == "claimed" else UNKNOWN
    if (opener := complement_read_as_relative(tok)) is not None:
        return _opened_by(opener, tok)  # "denied to the Journal that he was captured"
    if dep in ("acl", "relcl") and _lemma(head) in REPORTING_NOUNS | CLAIM_NOUNS and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
        return _opened_by(head, tok)  # what a report says: "the reports that X was killed"
    if dep == "relcl" and denied_existence(head):
        return Factuality("negated", cue="never")  # "there has never been a case when X"
    if dep == "relcl" or relative_read_as_complement(tok):
        # a relative clause asserts on its own ("the treaty he had rejected"), also
        # where the parse makes it a complement ("ordered the massacre in September
        # 2013 that killed 67 people")
        return UNKNOWN
    if dep == "acl" and tok.tag_ == "VBN" and head.pos_ in ("NOUN", "PROPN", "NUM", "PRON") \
            and not any(c.dep_ in ("mark", "auxpass", "aux") for c in tok.children) \
            and not main_verb_read_as_participle(tok):
        # so does a participle after its noun ("troops trapped in Kursk"), not a "that" clause
        up = factuality_of(head)
        return up if up.label == "claimed" else UNKNOWN
    if dep in COMPLEMENT:
        return _opened_by(head, tok)
    if dep in SHARED:
        return factuality_of(head)
    return UNKNOWN


def _for_argument(verb: Token, arg: Token) -> Factuality:
    """What a verb passes to a noun it governs: its label, but not its own negation
    ("did not reply to a request" leaves the request made)."""
    found = factuality_of(verb)
    if arg.pos_ in ("NOUN", "PROPN") and found.label == "negated" and not (
            arg.dep_ == "dobj" and _lemma(verb) in OCCURRENCE_VERBS):  # "never conducted a test"
        own = _own_cues(verb)
        if own is not None and own.label == "negated":
            return _context(verb)
    return found


def _through_preposition(tok: Token, prep: Token) -> Factuality:
    """An event in a prepositional phrase: "the danger of encirclement", "according to"."""
    gov = prep.head
    low = prep.lower_
    if low == "according" or (low == "to" and gov.lower_ == "according"):
        return Factuality("claimed", cue="according to")
    if gov.pos_ in ("NOUN", "PROPN") and tok is not prep:
        cue = _noun_cue(gov, low)
        if cue is not None:
            return cue.stronger(_negated_governor(gov, cue))
        return factuality_of(gov) if low in ("of",) else UNKNOWN
    if tok is prep:
        return UNKNOWN
    if gov.pos_ in ("VERB", "AUX", "ADJ"):
        if low in ("from", "against") and _lemma(gov) in COUNTER_FACTIVE | {"keep"}:
            # "prevented from attacking", "kept from entering"
            return Factuality("negated", cue=_lemma(gov))
        if low in ("on", "about", "for", "of", "to", "at", "in", "with", "into") and \
                (_lemma(gov) in PLANNED | POSSIBLE | THREAT | REPORTING or
                 _lemma(gov) in DENIAL | COUNTER_FACTIVE):
            if low == "for" and _lemma(gov) == "call":
                return Factuality("unrealised", "planned", "call for")
            if low in ("about", "on", "of") and _lemma(gov) in REPORTING:
                return factuality_of(gov)  # "told of the attack": the telling
            return _opened_by(gov, tok)
        return _for_argument(gov, tok)
    return UNKNOWN


def _noun_cue(noun: Token, prep: str) -> Factuality | None:
    lemma = _lemma(noun)
    low = noun.lower_
    if low in COUNTER_NOUNS or lemma in COUNTER_NOUNS:
        return Factuality("negated", cue=low)
    if lemma == "miss" and any(c.lower_ == "near" for c in noun.lefts):
        return Factuality("negated", cue="near-miss")  # tokenised "near", "-", "miss"
    if lemma in THREAT:
        return Factuality("unrealised", "threatened", low)
    if lemma in POSSIBLE:
        return Factuality("unrealised", "possible", low)
    if lemma in PLAN_NOUNS and prep in ("for", "of", "on", "to"):
        return Factuality("unrealised", "planned", low)
    if lemma in REPORTING_NOUNS and prep in ("of", "about", "on"):
        return Factuality("claimed", cue=low)
    return None


def _negated_governor(gov: Token, cue: Factuality) -> Factuality:
    """A negated doubt is still a doubt: "no danger of X" does not make X happen."""
    return UNKNOWN


def _opened_by(head: Token, tok: Token) -> Factuality:
    """The context ``head`` opens for its complement ``tok``."""
    lemma = _lemma(head)
    low = head.lower_
    up = factuality_of(head)
    if head.pos_ in ("NOUN", "PROPN"):
        if called_false(head) and tok.dep_ in ("acl", "relcl", "ccomp"):
            return Factuality("denied", cue="false")  # "reports that X was killed are false"
        cue = _noun_cue(head, "of")
        if cue is not None:
            return cue
        if tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
            return Factuality("unrealised", "planned", low)  # "a decision to attack"
        if lemma in REPORTING_NOUNS | CLAIM_NOUNS and tok.dep_ in ("acl", "relcl", "ccomp"):
            return Factuality("claimed", cue=low)  # "the new reports that leaders were killed"
        return up if up.label != "happened" else UNKNOWN
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass") \
            and lemma not in LEXICON:
        return _for_argument(head, tok)
    if lemma in DENIAL:
        return UNKNOWN if up.label == "negated" else Factuality("denied", cue=low)
    if lemma in COUNTER_FACTIVE and tok.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "pobj"):
        if up.label == "negated":  # "did not rule out providing", "did not prevent"
            return Factuality("unrealised", "possible", low)
        return Factuality("negated", cue=low)
    if lemma in ("rule",) and any(c.lower_ == "out" for c in head.children):
        if up.label == "negated":
            return Factuality("unrealised", "possible", "not rule out")
        return Factuality("negated", cue="ruled out")
    if lemma in THREAT:
        return Factuality("unrealised", "threatened", low)
    if lemma in FACTIVE and tok.dep_ in ("ccomp", "dobj", "xcomp"):
        if up.label == "negated":  # "could not be verified": a claim no one vouches for
            return Factuality("claimed", cue=f"not {low}")
        return up if up.label in ("unrealised", "denied") else HAPPENED
    if tok.dep_ == "ccomp" and any(c.lower_ in WH_PRESUPPOSED and c.i < tok.i
                                   for c in tok.children):
        # "must explain why it killed children": the question takes the killing as given
        return UNKNOWN
    if lemma in REPORTING and tok.dep_ in ("ccomp", "xcomp", "dobj", "csubj", "advcl"):
        if up.label in ("unrealised",):
            return up
        if up.label == "negated":
            return UNKNOWN
        return Factuality("claimed", cue=low)
    if lemma in PLANNED and (tok.dep_ in ("xcomp", "ccomp", "advcl", "pcomp") or (
            tok.dep_ == "dobj" and lemma not in NOT_OF_OBJECTS)):
        reason = "future" if lemma in ("expect", "due", "expected", "scheduled", "set",
                                       "predict") \
            else "planned"
        return Factuality("unrealised", reason, low)
    if lemma in POSSIBLE and tok.dep_ in ("xcomp", "ccomp", "advcl", "pcomp"):
        return Factuality("unrealised", "possible", low)
    if lemma == "be" and tok.dep_ == "xcomp":
        return Factuality("unrealised", "planned", "is to")  # "is to meet"
    if lemma == "be" and tok.dep_ in ("ccomp", "attr") and any(  # "one option is that X"
            c.dep_ == "nsubj" and _lemma(c) in POSSIBLE for c in head.children):
        return Factuality("unrealised", "possible", "is that")
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "acl") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        if lemma in IMPLICATIVE:  # "managed to", "began to": as real as the verb above
            return up if up.label != "happened" else UNKNOWN
        # an infinitive is a purpose, a wish or an obligation: "camped out to guard",
        # "forced him to withdraw", "afraid to stay"
        return up.stronger(Factuality("unrealised", "planned", low))
    return up


# --- the component -------------------------------------------------------------------

EVENT_NOUN_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing")
EVENT_NOUNS = frozenset({
    "summit", "talks", "talk", "attack", "strike", "test", "war", "deal", "visit", "meeting",
    "offensive", "assault", "invasion", "ceasefire", "truce", "battle", "fight", "raid",
    "delivery", "encirclement", "withdrawal", "advance", "retreat", "capture", "election",
    "vote", "sanction", "sanctions", "bombing", "shelling", "killing", "arrest", "trial",
    "protest", "crash", "explosion", "blast", "fire", "siege", "push", "counteroffensive",
    "breakthrough", "collapse", "loss", "gain", "victory", "defeat", "agreement", "exchange",
    "release", "sale", "purchase", "call", "speech", "announcement", "decision", "plan",
    "threat", "deployment", "mobilization", "mobilisation", "drill", "exercise", "operation",
})


def is_predicate(tok: Token) -> bool:
    """A verb, or a noun that names an event (by a small list or a deverbal ending)."""
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ != "NOUN":
        return False
    low = tok.lower_
    return low in EVENT_NOUNS or tok.lemma_.lower() in EVENT_NOUNS or (
        len(low) > 5 and low.endswith(EVENT_NOUN_SUFFIXES) and low not in ("material",))


class FactualityComponent:
    """Labels every event predicate of the Doc (see the module doc)."""

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data.pop("fw_factuality_memo", None)
        doc._.fw_factuality = {t.i: factuality_of(t) for t in doc if is_predicate(t)}
        return doc


@Language.factory("fogwatch_factuality")
def make_factuality(nlp: Language, name: str) -> FactualityComponent:
    return FactualityComponent()


def collect(doc: Doc, document: Document) -> list[object]:
    """No findings of its own: the events stage reads ``doc._.fw_factuality``."""
    return []


STAGE = Stage(factory="fogwatch_factuality", key="events", order=450, collect=collect)
