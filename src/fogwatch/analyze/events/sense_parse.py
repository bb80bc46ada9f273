"""What the sense checks (``senses.py`` and its ``sense_*`` modules) read from a
verb's parse: its children by relation, its prepositions' objects, whether it
sits in a relative clause, and the passage around it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from fogwatch.analyze.events.sense_words import (
    ATTACKERS,
    BODY_PARTS,
    CANDIDACIES,
    ELECTION_WORDS,
    ELECTORAL,
    FORCES,
    PARTICLE_ADVERBS,
    STRIKING_THINGS,
    THE_PUBLIC,
    THING_PRONOUNS,
    TOLD_OBJECTS,
    TROOPS,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon


Check = Callable[["Lexicon", Token], bool]


def names_someone(lex: Lexicon, word: Token) -> bool:
    """The word names someone CAMEO speaks of, not a thing by a pronoun ("it", "that")."""
    return lex.someone(word) and word.lower_ not in THING_PRONOUNS


def is_particle(child: Token) -> bool:
    """Is this child of a verb its particle ("back" in "send ... back")?"""
    return child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in PARTICLE_ADVERBS)


def deps(verb: Token, *relations: str) -> list[Token]:
    """The verb's children in ``relations`` ("dobj", "nsubj", ...)."""
    return [c for c in verb.children if c.dep_ in relations]


def preps(verb: Token, *words: str) -> list[Token]:
    """The verb's prepositions among ``words``."""
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ in words]


def objects_of(verb: Token, *words: str) -> list[Token]:
    """The nouns after the verb's prepositions ``words``: "spoke to *Lavrov*"."""
    return [g for p in preps(verb, *words) for g in p.children if g.dep_ == "pobj"]


def in_a_relative(verb: Token) -> bool:
    """The verb's object is the noun its relative clause hangs on: "the area that
    it would need to take"."""
    return verb.dep_ == "relcl" or (verb.dep_ == "xcomp" and verb.head.dep_ == "relcl")


def describes_its_noun(verb: Token) -> bool:
    """A relative clause in the present simple tells what its noun is or does as a
    rule, not what happened: "a group that favors limiting ...", "the region it
    controls", "a donor who backs Mr. Cruz", "the program, which allows foreigners to
    ...", "people who don't support it"."""
    if verb.dep_ != "relcl" or any(c.tag_ == "WRB" or c.dep_ == "npadvmod" for c in verb.children):
        return False  # not what is told of an occasion or a date: "a video where they
        # threaten a hostage", "when the party meets next Wednesday"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes:
        return verb.tag_ in ("VBZ", "VBP")
    return verb.tag_ == "VB" and all(a.lemma_ == "do" and a.tag_ in ("VBZ", "VBP")
                                     for a in auxes)


def cut_from_a_body(verb: Token) -> bool:
    """Cutting or severing what is part of a body is an assault: "the militants cut off
    his head", "his penis was severed with a meat cleaver" (not "severed ties")."""
    return verb.lemma_.lower() in ("cut", "sever", "chop", "hack") and any(
        c.lemma_.lower() in BODY_PARTS for c in deps(verb, "dobj", "nsubjpass"))


# adverbs that make a present simple a habit: "Mrs. Clinton regularly pledges to ..."
HABIT_ADVERBS = frozenset({"often", "frequently", "regularly", "routinely", "usually",
                           "always", "typically", "generally", "constantly", "sometimes",
                           "habitually", "normally", "customarily"})


def habitual(verb: Token) -> bool:
    """A present simple with an adverb of habit tells what someone does as a rule, not
    an event: "On the campaign trail, Mrs. Clinton regularly pledges to ..." (the perfect,
    "has repeatedly shelled the town", tells events and stays)."""
    return verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children) and any(
        c.dep_ == "advmod" and c.lower_ in HABIT_ADVERBS for c in verb.children)


def sides_armed(verb: Token) -> bool:
    """A clash between forces, fighters, police or protesters is a fight, not words:
    "protesters clashed with police", "troops clashed with militants"."""
    sides = deps(verb, "nsubj") + objects_of(verb, "with")
    return any(s.lemma_.lower() in ARMED_SIDES for s in sides)


ARMED_SIDES = TROOPS | ATTACKERS | FORCES | {"protester", "demonstrator"}


def counted(doc: Doc, key: str, test: Callable[[Token], bool]) -> int:
    """How many of the document's tokens pass ``test``, counted once per Doc under ``key``."""
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = sum(1 for t in doc if test(t))
    return found


def done_by_nature(verb: Token) -> bool:
    """Harm done by a storm, a quake or a disease attacks no one: "Storm Sandy ravaged
    New Jersey", "the town was flattened by an earthquake"."""
    doers = deps(verb, "nsubj") + [g for a in deps(verb, "agent") for g in a.children]
    if any(w.lemma_.lower() in STRIKING_THINGS for d in doers
           for w in [d, *(c for c in d.children if c.dep_ == "compound")]):
        return True
    # "was killed in a car crash", "died in a helicopter accident": a mishap, no attack
    return any(g.lemma_.lower() in MISHAPS for p in verb.children
               if p.dep_ == "prep" and p.lower_ in ("in", "during", "after")
               for g in p.children if g.dep_ == "pobj")


# What befalls by accident: "was killed in a car crash"
MISHAPS = frozenset({"crash", "accident", "collision", "derailment", "stampede", "mishap",
                     "drowning", "overdose", "fall", "wreck", "pileup"})


def said_by_the_public(verb: Token) -> bool:
    """Every subject of the verb is the public (``THE_PUBLIC``): "YouTube commenters
    criticized the video"; their words are no act of a party."""
    said = deps(verb, "nsubj")
    return bool(said) and all(s.lemma_.lower() in THE_PUBLIC and not preps(s, "of")
                              for s in said)  # "supporters of the bill" are a side


def title_case_tokens(doc: Doc) -> set[int]:
    """The tokens of the headlines in title case ("Obama Just Pulled Out The Race Card On
    Donald Trump", "Ben Carson Just Dropped A Powerful 3-Word Response"), which the
    parser, trained on sentences, reads as a string of names. Their small words are
    capitalised inside them ("Just", "The", "To", "Of"), which a sentence full of names
    ("Jeb Bush fired at Trump, Ted Cruz and Marco Rubio") does not do: two or more, and
    twice as many as those left in lower case. Read once for the whole text."""
    found: set[int] = set()
    for sent in doc.sents:
        small = [t for t in sent[1:] if t.is_stop and t.is_alpha and len(t) > 1
                 and not t.is_upper]
        titled = sum(1 for t in small if t.is_title)
        if titled >= 2 and titled >= 2 * (len(small) - titled):
            found.update(range(sent.start, sent.end))
    return found


def read_by_object(lex: Lexicon, verb: Token) -> bool:
    """The lexicon reads the verb by its object ("heard the appeal")."""
    readings = lex.objects.get(verb.lemma_.lower(), {})
    return any(readings.get(c.lower_) or readings.get(c.lemma_.lower())
               for c in deps(verb, "dobj", "nsubjpass"))


# words that stand for a part of what follows their "of": "all of the e-mails"
PARTS = frozenset({"all", "some", "most", "many", "much", "none", "each", "any", "one", "half", "part",
                   "rest", "several", "few", "both"})


def told(verb: Token) -> bool:
    """What is given, offered, provided or released is words: "gave the figure",
    "provided no details", "released a statement" (saying, which attributions
    cover), also as the noun a relative clause hangs on ("a tweet, which he unleashed
    in 2009")."""
    said = deps(verb, "dobj", "nsubjpass") + ([verb.head] if in_a_relative(verb) else [])
    # "not all of the e-mails ... have been released": what the part is of
    said += [g for c in said if c.lower_ in PARTS for p in c.children
             if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return any(c.lemma_.lower() in TOLD_OBJECTS for c in said)


def passage(tok: Token, before: int, after: int) -> Span:
    """The token's sentence with ``before`` sentences before it and ``after`` after it."""
    doc = tok.doc
    start, end = tok.sent.start, tok.sent.end
    for _ in range(before):
        if start > 0:
            start = doc[start - 1].sent.start
    for _ in range(after):
        if end < len(doc):
            end = doc[end].sent.end
    return doc[start:end]


def in_an_election(verb: Token) -> bool:
    """The verb's sentence, the two before it or the one after speak of an election
    (``ELECTION_WORDS``): a leader who "captured Crimea" took ground, a candidate who
    "captured Texas" on a primary night won its votes."""
    return any(t.lemma_.lower() in ELECTION_WORDS or t.lemma_ == "win" and any(
        c.lemma_ == "state" for c in t.children) for t in passage(verb, 2, 1))  # "has yet to win a state"


def a_candidacy(noun: Token) -> bool:
    """A run for office: a bid, a candidacy, an election campaign, or "his campaign"
    where the passage speaks of an election (not "his military campaign", nor his
    campaign in a war story)."""
    lemma = noun.lemma_.lower()
    mods = [m.lower_ for m in noun.children if m.dep_ in ("amod", "compound")]
    return lemma in CANDIDACIES or lemma == "campaign" and (
        any(m in ELECTORAL for m in mods)
        or not mods and any(m.dep_ == "poss" and (m.ent_type_ == "PERSON" or m.lower_ in ("his", "her"))
                            for m in noun.children) and in_an_election(noun))
