"""Sense checks for verbs of giving, sending, hosting and going (see ``senses.py``):
aid gives something to someone; giving a boost, sending a message, hosting a
cookout or paying for ads gives no one anything CAMEO speaks of.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from fogwatch.analyze.events.sense_parse import (
    Check,
    deps,
    in_a_relative,
    is_particle,
    names_someone,
    objects_of,
    preps,
    read_by_object,
    told,
)
from fogwatch.analyze.events.sense_words import (
    ARMS,
    ATTENDED,
    CONTRIBUTED_WORDS,
    COUNTS_OF_PEOPLE,
    DELIVERED_FIGURATIVELY,
    GIVEN_AS_AID,
    GIVEN_FIGURATIVELY,
    HOSTED_SOCIALLY,
    KIN,
    LENT_FIGURATIVELY,
    OFFERED_WORDS,
    PAID_DEBTS,
    PRESS_NOUNS,
    SCHOOLS,
    SENT_FIGURATIVELY,
)
from fogwatch.wordlists import WEAPON_NOUNS

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon


def _gives_something(lex: Lexicon, verb: Token) -> bool:
    """Giving is aid when what is given is aid: arms, money, supplies ("gave Ukraine
    $2 billion in aid"), not a boost, leverage, authority, an interview or advice (the
    parse may hang what is given on the receiver: "gave Mr. Kerry and his team of
    climate diplomats the leverage they needed"), nor words (``told``)."""
    if told(verb):
        return False
    # with no object, a time may be what is given: "gave the government three days"
    given = deps(verb, "dobj") or deps(verb, "npadvmod")
    given += [verb.head] if in_a_relative(verb) else []
    given += [g for w in given for g in w.subtree if g.dep_ == "dobj"]  # "speeches she has given"
    if any(c.lemma_.lower() in GIVEN_FIGURATIVELY for c in given):
        return False
    if any(is_particle(c) and f"{verb.lemma_.lower()} {c.lower_}" in lex.particles
           for c in verb.children):
        return True  # "give up", "give in": the particle's reading
    given += [g for w in given for p in preps(w, "of") for g in p.children if g.dep_ == "pobj"]
    # what its object reads as ("gave its approval") or what aid is: arms, money ("giving
    # thousands of dollars"), supplies
    return read_by_object(lex, verb) or any(
        c.lemma_.lower() in GIVEN_AS_AID or c.lower_ in ARMS or c.lower_ in WEAPON_NOUNS
        or c.ent_type_ in ("MONEY", "WEAPON") or any(t.tag_ == "$" for t in c.subtree)
        for c in given)  # "has given more than $400,000 to candidates"


def _lends_something(lex: Lexicon, verb: Token) -> bool:
    """Lending money or arms is aid; lending a platform or one's voice is not, nor is
    leaning ("lent briefly against the lamppost", a misspelling) with nothing lent."""
    lent = deps(verb, "dobj", "dative", "nsubjpass")
    return bool(lent) and not any(c.lemma_.lower() in LENT_FIGURATIVELY for c in lent)


def _delivers_aid(lex: Lexicon, verb: Token) -> bool:
    """Delivering arms or aid is aid; delivering a speech, a blow or "the worst recession"
    is not, nor is delivering on threats or promises."""
    on_promise = not deps(verb, "dobj", "nsubjpass") and preps(verb, "on")  # "delivered on its threats"
    # a name's words too: "delivered his last State of the Union Address"
    what = [w for c in deps(verb, "dobj", "nsubjpass")
            for w in (c.subtree if c.pos_ == "PROPN" else [c])]
    return not told(verb) and not on_promise and not any(
        c.lemma_.lower() in DELIVERED_FIGURATIVELY or c.lemma_.lower() in OFFERED_WORDS
        for c in what)


def _tends_to_someone(lex: Lexicon, verb: Token) -> bool:
    """Tending the wounded is aid; "tend to draw" is a habit."""
    return not deps(verb, "xcomp")


def _contributes_aid(lex: Lexicon, verb: Token) -> bool:
    """Contributing money or troops is aid; "contributed reporting" and "Jill Colvin
    contributed from Albuquerque" are bylines, as are "Contributing: Brittney Bennett" and
    "Nolan McCaskill contributed."."""
    if not deps(verb, "dobj") and preps(verb, "from"):
        return False
    if verb.i == verb.sent.start and verb.i + 1 < len(verb.doc) and verb.doc[verb.i + 1].text == ":":
        return False
    if not in_a_relative(verb) and not [c for c in verb.children
                                        if c.dep_ not in ("nsubj", "punct", "advmod")]:
        return False  # "Nolan McCaskill contributed.": a byline
    return not any(c.lemma_.lower() in CONTRIBUTED_WORDS or c.lower_ in CONTRIBUTED_WORDS
                   for c in deps(verb, "dobj", "xcomp"))


def _shelters_someone(lex: Lexicon, verb: Token) -> bool:
    """Sheltering someone is aid; "the figure of Lincoln, sheltered in his memorial" is
    not."""
    return bool(deps(verb, "dobj")) or any(lex.someone(c) for c in deps(verb, "nsubjpass"))


def _helps_someone(lex: Lexicon, verb: Token) -> bool:
    """Help is aid to someone: "helped Ukraine", "helped arm the Houthis", "helped
    broker a truce". Helping to do something that acts on no one ("helped steady his
    campaigns with victories") is taking a part in it."""
    if deps(verb, "dobj", "dative", "nsubjpass") or preps(verb, "to", "with"):
        return True
    done = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    return not done or any(lex.someone(o) or lex.noun(o) is not None
                           for d in done for o in [*deps(d, "dobj"), *objects_of(d, "to", "with")])


def _pays_someone(lex: Lexicon, verb: Token) -> bool:
    """Paying someone is a transfer between parties ("paid Iran $1.7 billion", "paid
    compensation to the families"); paying for ads or phone calls buys something.
    The lexicon's objects ("paid a visit") are read by them."""
    paid = deps(verb, "dobj", "dative") + objects_of(verb, "to")
    if any(c.lemma_.lower() in PAID_DEBTS for c in paid):
        return False  # "had just paid off her student loans"
    return read_by_object(lex, verb) or any(names_someone(lex, c)
                                             for c in paid)


def _sends_something(lex: Lexicon, verb: Token) -> bool:
    """Sending a message, a signal or a memo is saying something, not aid; so is sending
    into what is no place, a state or a fight: "sending him into 'My button is
    bigger' mode", "sent markets into a panic", "send wounded soldiers back into
    combat"."""
    sent = deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    if told(verb) or any(w.lemma_.lower() in SENT_FIGURATIVELY for w in sent):
        return False
    if any(g.lemma_.lower() in SCHOOLS for g in objects_of(verb, "to")):
        return False  # "raised two sons and sent them to top-ranked colleges"
    # "into" on the verb, or on its particle: "send soldiers back into combat"
    heads = [verb, *(c for c in verb.children if is_particle(c))]
    into = [g for h in heads for c in preps(h, "into") for g in c.children
            if g.dep_ in ("pobj", "pcomp")]
    return not into or any(g.ent_type_ in ("GPE", "LOC", "FAC") or g.pos_ == "PROPN"
                           for g in into)


def _gathers_people(lex: Lexicon, verb: Token) -> bool:
    """Assembling or gathering is a meeting of those who gather ("leaders gathered in
    Paris", "assembled the envoys"), not of things ("Canada is assembling a camp")."""
    things = deps(verb, "dobj", "nsubjpass")  # "the facts are still being gathered"
    if any(c.lemma_.lower() in PRESS_NOUNS or c.lemma_.lower() in KIN
           for c in deps(verb, "nsubj", "nsubjpass")):
        return False  # "reporters are gathering outside the flat", "his family gathered"
    return read_by_object(lex, verb) or not things or any(
        c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lower_ in COUNTS_OF_PEOPLE
        or c.lemma_.lower().endswith(("er", "or", "ist", "ian", "man", "men"))
        for c in things)


def _attends_a_meeting(lex: Lexicon, verb: Token) -> bool:
    """Attending a summit or a funeral is a visit; "the school that her daughter
    attends" is not, nor is a rally or a protest one takes part in."""
    what = deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    return not what or any(w.lemma_.lower() in ATTENDED or (
        (read := lex.noun(w)) is not None and read.category != "PROTEST") for w in what)


def _travels_to_meet(lex: Lexicon, verb: Token) -> bool:
    """Travelling to a place is a visit, unless it is the way to another act, which is
    the event ("Europeans who travelled to Syria to fight"); "a patrol vehicle travels
    down the road" visits no one."""
    return bool(preps(verb, "to")) and not deps(verb, "xcomp", "advcl")


def _hosts_a_meeting(lex: Lexicon, verb: Token) -> bool:
    """Hosting talks or a leader is a meeting; hosting a cookout or a show is not."""
    return not any(c.lemma_.lower() in HOSTED_SOCIALLY for c in deps(verb, "dobj", "nsubjpass"))


def _drops_something(lex: Lexicon, verb: Token) -> bool:
    """Dropping a demand or a bid is a retreat ("dropped its proposal"); dropping
    "to the ground" is falling, and dropping a name ("he dropped the Abdul") is not."""
    if any(c.ent_type_ == "PERSON" for c in deps(verb, "dobj")):
        return False
    return any(is_particle(c) for c in verb.children) or bool(
        deps(verb, "dobj", "nsubjpass") or in_a_relative(verb))


def _reduces_something(lex: Lexicon, verb: Token) -> bool:
    """Reducing troops or imports is a cut; being "reduced to taunts" is not."""
    return bool(deps(verb, "dobj")) or not preps(verb, "to")


def _founds_something(lex: Lexicon, verb: Token) -> bool:
    """Founding a body is an act; "a country founded on the principles of liberty"
    is not."""
    return not preps(verb, "on", "upon")


def _goes_to_someone(lex: Lexicon, verb: Token) -> bool:
    """Going to a named place or person is a visit ("went to Moscow"); going to a
    school, or to war (which the lexicon would read as a visit), is not."""
    return any(g.ent_type_ in ("GPE", "PERSON", "ORG", "NORP", "FAC") or g.pos_ == "PROPN"
               for g in objects_of(verb, "to"))


def _gets_nothing(lex: Lexicon, verb: Token) -> bool:
    """"Get" frames other words ("trying to find another way to get out"); what
    it gets the lexicon reads by its object ("got permission")."""
    return read_by_object(lex, verb)


def _tells_nothing(lex: Lexicon, verb: Token) -> bool:
    """Providing or offering is aid, unless what it provides is words (``told``)."""
    return not told(verb)


def _offers_to_act(lex: Lexicon, verb: Token) -> bool:
    """An offer is of aid or of an act, not of words: "offered an emotional defense
    of the city", "offered his condolences"."""
    return not told(verb) and not any(c.lemma_.lower() in OFFERED_WORDS
                                       for c in deps(verb, "dobj"))



def _exchanges_someone(lex: Lexicon, verb: Token) -> bool:
    """Exchanging prisoners or envoys is a deal between parties; "the rhetoric
    exchanged by his rivals" is words. The lexicon's objects ("exchanged fire",
    "exchanged accusations") are read by them."""
    exchanged = deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "acl" else [])
    return read_by_object(lex, verb) or not exchanged or any(
        names_someone(lex, c) for c in exchanged)


def _invests_in_someone(lex: Lexicon, verb: Token) -> bool:
    """A state investing in another is cooperation; a developer investing "in fixing
    up the resort" buys something."""
    if deps(verb, "auxpass"):
        return False  # "a candidate who was invested in neither their party nor its principles"
    return any(lex.someone(g) for g in objects_of(verb, "in")) or any(
        lex.someone(c) for c in deps(verb, "dative"))


def _steers_something(lex: Lexicon, verb: Token) -> bool:
    """Steering talks is cooperation; steering clear of something avoids it."""
    return not any(c.lower_ == "clear" for c in verb.children)


def _visits_someone(lex: Lexicon, verb: Token) -> bool:
    """A visit to a state or a leader is a diplomatic act; visiting one's sister or
    friends is family life."""
    return not any(c.lemma_.lower() in KIN for c in deps(verb, "dobj"))


def _leaves_to_meet(lex: Lexicon, verb: Token) -> bool:
    """CAMEO reads "leave behind" as a meeting; the dead leave behind children and the
    retreating their arms, and neither meets anyone."""
    return not any(c.lower_ == "behind" for c in verb.children)


def _submits_to_someone(lex: Lexicon, verb: Token) -> bool:
    """Submitting to a force yields; submitting e-mails or a report to a department
    hands over words."""
    return not told(verb)

def _arms_with_arms(lex: Lexicon, verb: Token) -> bool:
    """Arming someone gives them weapons; "was armed with fresh evidence", "armed with
    facts" is a figure of speech."""
    given = objects_of(verb, "with")
    return not given or any(w.lemma_.lower() in ARMS or w.lower_ in ARMS
                            or w.ent_type_ == "WEAPON" for w in given)


AID_SENSES: dict[str, Check] = {
    "arm": _arms_with_arms,
    "submit": _submits_to_someone,
    "leave": _leaves_to_meet,
    "visit": _visits_someone,
    "steer": _steers_something,
    "exchange": _exchanges_someone,
    "invest": _invests_in_someone,
    "assemble": _gathers_people,
    "gather": _gathers_people,
    "give": _gives_something,
    "provide": _tells_nothing,
    "offer": _offers_to_act,
    "lend": _lends_something,
    "deliver": _delivers_aid,
    "supply": _tells_nothing,
    "tend": _tends_to_someone,
    "attend": _attends_a_meeting,
    "drop": _drops_something,
    "travel": _travels_to_meet,
    "help": _helps_someone,
    "pay": _pays_someone,
    "reduce": _reduces_something,
    "send": _sends_something,
    "found": _founds_something,
    "go": _goes_to_someone,
    "get": _gets_nothing,
    "contribute": _contributes_aid,
    "shelter": _shelters_someone,
    "host": _hosts_a_meeting,
}
