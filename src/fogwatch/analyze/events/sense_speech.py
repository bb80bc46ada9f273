"""Sense checks for verbs of asking, telling, meeting and judging (see
``senses.py``): a request asks someone for something, a warning threatens only as
the warner's own act, a meeting is with someone; a question, a forecast or a talk
to reporters is none of these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from fogwatch import wordlists as wl
from fogwatch.analyze.entities import STATE_NOUNS
from fogwatch.analyze.events.sense_parse import (
    Check,
    a_candidacy,
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
    ANONYMITY,
    ANONYMOUS,
    APPLAUSE,
    APPLIED_FOR,
    CANCELLED_THINGS,
    CANDIDACIES,
    CONTESTS,
    FORCES,
    GIVING,
    GUESTS,
    KIN,
    MEASURES,
    MEDIA_HOSTS,
    NAMED_THINGS,
    OFFICES,
    OPPOSED_MOVES,
    OUTLET_WORDS,
    POLL_SHARES,
    PRESS_NOUNS,
    SPOKEN_ACTS,
    STATES,
    TIME_SPANS,
    WARNER_PRONOUNS,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon


def _asks_for_something(lex: Lexicon, verb: Token) -> bool:
    """A request asks for something ("asked them to leave", "asked for help"), not
    a question ("the questions he was being asked", '"Were they escaping?" asked
    an analyst', "Asked what might surprise people, he says ..."), nor anonymity
    ("a resident, who asked not to be named", "asked to remain anonymous")."""
    if verb.i == verb.sent.start and verb.dep_ == "advcl" and not deps(verb, "nsubj", "nsubjpass"):
        return False  # an interviewer's question opening the sentence that answers it
    if any(c.lemma_.lower() in PRESS_NOUNS for c in deps(verb, "nsubj")):
        return False  # "A reporter asked: Did they talk about the wall?"
    if any(t.tag_ in ("WP", "WRB", "WDT") or t.lower_ in ("whether", "if")
           for c in deps(verb, "ccomp") for t in c.subtree if t.i < c.i):
        return False  # "when voters were asked who would bring change": a question
    if any(c.lemma_.lower() in ANONYMITY and any(g.dep_ == "auxpass" for g in c.children)
           or any(g.lower_ in ANONYMOUS for g in c.children if g.dep_ in ("acomp", "oprd", "attr"))
           for c in deps(verb, "xcomp")):
        return False  # "asked not to be named", "asked to remain anonymous"
    if any(t.text == "?" for c in deps(verb, "ccomp") for t in c.subtree) \
            or any(c.text == "?" for c in verb.children):
        return False  # '"Were they escaping from him?" asked an analyst', 'asked, "You ...?"'
    if any(c.lemma_.lower() in SPOKEN_ACTS for c in deps(verb, "xcomp")):
        return False  # "was asked to name a specific decision": a question
    if any(g.lemma_.lower() in ("identity", "name") for c in deps(verb, "ccomp")
           for g in c.children if g.dep_ == "nsubjpass"):
        return False  # "who asked that his identity not be revealed"
    # to do something ("asked them to leave"), not "asked rhetorically, shaking his head"
    to_do = [c for c in deps(verb, "xcomp") if any(g.dep_ == "aux" and g.lower_ == "to"
                                                   for g in c.children)]
    return bool(to_do or deps(verb, "ccomp") or preps(verb, "for"))


def _assures_someone(lex: Lexicon, verb: Token) -> bool:
    """Assuring is a promise to someone; "she is assured of winning 120 delegates" is
    a likely outcome."""
    return not (deps(verb, "nsubjpass") and preps(verb, "of"))


def _approaches_with_something(lex: Lexicon, verb: Token) -> bool:
    """Approaching someone is a consultation when it brings something or asks for it
    ("approached Corker with draft legislation", "approached him about a deal",
    "approached Kyiv to propose talks"), not walking up to someone ("approached him
    and took photos")."""
    return bool(preps(verb, "with", "about", "for", "over", "regarding") or deps(verb, "xcomp", "advcl"))


def _investigates_someone(lex: Lexicon, verb: Token) -> bool:
    """Researching someone is investigating them; a professor "who has researched the
    spread of false information" investigates no one."""
    return any(lex.someone(c) for c in deps(verb, "dobj", "nsubjpass"))


def _seeks_something(lex: Lexicon, verb: Token) -> bool:
    """Seeking aid or talks is a request; seeking to do something ("has often sought to
    characterize her tenure as a success") is trying."""
    if any(c.lemma_.lower() in OFFICES or c.lemma_.lower() in CANDIDACIES
           for c in deps(verb, "dobj")):
        return False  # "seeking re-election", "seeks the nomination": a run for office
    return read_by_object(lex, verb) or not (deps(verb, "xcomp") or any(
        any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in deps(verb, "advcl")))


def _greets_a_counterpart(lex: Lexicon, verb: Token) -> bool:
    """Greeting a delegation is a gesture of support; a candidate greeting voters, or
    a crowd greeting someone with an ovation, is campaigning."""
    return not any(c.lemma_.lower() in PRESS_NOUNS for c in deps(verb, "dobj")) and not any(
        g.lemma_.lower() in APPLAUSE for g in objects_of(verb, "with"))  # "greeted with a standing ovation"


def _by_object_only(lex: Lexicon, verb: Token) -> bool:
    """Verbs CAMEO reads as an act only with certain objects ("conducted a raid",
    "expanded cooperation", "hailed the decision"); bare, they are anything at all:
    "conducting DNA analysis", "expands operations in Mexico", "determined that the
    emails contained classified material", "the lashing they've administered",
    "hailed as a hero"."""
    return read_by_object(lex, verb)


def _pleads_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Pleading with someone is a request; pleading guilty is a plea."""
    return not any(c.lower_ in ("guilty", "innocent", "contest") for c in verb.subtree)


def _recognizes_someone(lex: Lexicon, verb: Token) -> bool:
    """Recognizing a state or a government is support; "the people finally recognize
    that the king has no clothes" is realizing."""
    return not deps(verb, "ccomp")


def _shocked_by_an_act(lex: Lexicon, verb: Token) -> bool:
    """"Neighbours genuinely shocked", "Chuck Todd was shocked": a feeling, no one's
    criticism of anyone."""
    return bool(deps(verb, "dobj")) and verb.tag_ != "VBN"


def _demands_something(lex: Lexicon, verb: Token) -> bool:
    """A demand is for something ("demanded a ceasefire", "demanded that troops leave");
    a job "demanding and time-consuming" asks nothing of anyone."""
    return bool(deps(verb, "dobj", "ccomp", "xcomp", "nsubjpass") or preps(verb, "for")
                or in_a_relative(verb) or verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBG"
                and verb.head.pos_ == "VERB" and not deps(verb, "aux"))


def _examines_someone(lex: Lexicon, verb: Token) -> bool:
    """Examining someone or an incident is an inquiry; researchers who "examined the
    experience of American workers" question no one."""
    return any(names_someone(lex, c) or lex.noun(c) is not None
               for c in deps(verb, "dobj", "nsubjpass"))


def _contends_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Contending with someone is a dispute; "the White House contends that it is on
    track" is arguing."""
    return not deps(verb, "ccomp")


def _allied_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Allying with someone is support; "allied outside groups" describes them."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return verb.dep_ != "amod" and not (verb.tag_ == "VBN" and nxt is not None
                                        and nxt.pos_ in ("ADJ", "NOUN") and not deps(verb, "dobj"))


def _ends_something(lex: Lexicon, verb: Token) -> bool:
    """Ending is ending something ("ended the talks", "the war was ended"); "the aid
    you end up qualifying for" and "she ends with the plea" end nothing, and a
    candidate ending a bid leaves a race."""
    if any(is_particle(c) and c.lower_ == "up" for c in verb.children) or told(verb):
        return False  # "ended her speech by quoting Leonardo"
    if any(a_candidacy(c) or c.lemma_.lower() in TIME_SPANS for c in deps(verb, "dobj", "nsubjpass")):
        return False  # "Rubio, who ended his campaign", "voters ended decades of dominance"
    return bool(deps(verb, "dobj", "nsubjpass")) or in_a_relative(verb)


def _speaks_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Consulting is speaking to or with someone, not to the press ("spoke to
    reporters on Sunday" is telling), nor "with a British accent", nor to "a
    gathering"."""
    heard = objects_of(verb, "to", "with")
    return bool(heard) and any(
        g.lemma_.lower() not in PRESS_NOUNS and lex.someone(g) and not _an_outlet(g)
        and not any(c.dep_ == "compound" and c.lemma_.lower() in PRESS_NOUNS for c in g.children)
        for g in heard)  # "spoke with POLITICO senior writer Michael Grunwald"


def _an_outlet(noun: Token) -> bool:
    """A news outlet, by a word of its name: "The Huffington Post", "Fox Business"."""
    if noun.ent_type_ not in ("ORG", "WORK_OF_ART", "PERSON") and noun.pos_ != "PROPN":
        return False
    words = [noun, *(c for c in noun.children if c.dep_ == "compound")]
    return any(w.lower_ in OUTLET_WORDS for w in words)


def _engages_someone(lex: Lexicon, verb: Token) -> bool:
    """Engaging "in" something is no attack, unless a state's force does it
    ("Serb forces were engaged in ethnic cleansing"); "civically engaged
    individuals" are involved, not attacked."""
    doc = verb.doc
    if verb.dep_ == "amod" or (0 < verb.i < len(doc) - 1 and doc[verb.i - 1].lower_.endswith("ly")
                               and doc[verb.i + 1].pos_ == "NOUN"):
        return False  # read as a verb by the parse: "politically and civically engaged people"
    return not preps(verb, "in") or any(
        c.lower_ in STATE_NOUNS for c in deps(verb, "nsubj", "nsubjpass"))


def _agrees_on_something(lex: Lexicon, verb: Token) -> bool:
    """An agreement is to or on something ("agreed to a ceasefire", "agreed on a
    swap", "agreed to meet"), or a position parties share, not one person's or a
    poll's opinion ("52 percent agreed that Clinton is healthy", "agreed with
    Matthews about the winner")."""
    if deps(verb, "xcomp", "dobj") or preps(verb, "to", "on", "upon", "over"):
        return True
    if any(c.lemma_.lower() in wl.REPORT_VERBS for c in deps(verb, "advcl")) and not any(
            p.ent_type_ in ("GPE", "NORP") or p.lower_ in STATE_NOUNS
            or p.ent_type_ == "ORG" and not _an_outlet(p) for p in deps(verb, "nsubj")):
        return False  # "The Post's Liz Sly agreed, saying the drops went awry": an opinion
    if not (deps(verb, "ccomp") or preps(verb, "with", "about")):
        # bare: a state or a party agreeing is its agreement; one person agreeing
        # ("Iowa State University's Dianne Bystrom agreed.") shares an opinion
        return not (deps(verb, "nsubj") and all(p.ent_type_ == "PERSON" for p in deps(verb, "nsubj")))
    # a position two parties or two states share is their agreement: "Putin and Trump
    # agreed that the war must end", "the Philippines and France agree that disputes
    # should be resolved by arbitration", "Eriador agrees with France that ..."
    parties = deps(verb, "nsubj")
    parties += [c for p in parties for c in p.children if c.dep_ == "conj"]
    if len(parties) > 1 and not any(p.lemma_.lower() in POLL_SHARES for p in parties):
        return True
    return any(p.ent_type_ in STATES or p.lower_ in STATE_NOUNS
               for p in parties + objects_of(verb, "with"))


def _calls_for_something(lex: Lexicon, verb: Token) -> bool:
    """Calling someone something names them ("has been called a charlatan ... for
    promoting quack cures"); the request is the call for something. Names the
    lexicon reads as accusations ("called him a dictator") keep theirs. Calling up
    is mobilizing someone ("called up 300,000 reservists"), not telephoning ("has
    been calling up asking for his son")."""
    named = deps(verb, "oprd")
    readings = lex.objects.get("call", {})
    if any(is_particle(c) and c.lower_ == "up" for c in verb.children):
        return bool(deps(verb, "dobj", "nsubjpass"))  # called up reservists, not "calling up"
    return not named or any(readings.get(n.lemma_.lower()) for n in named)


def _warns_someone(lex: Lexicon, verb: Token) -> bool:
    """A threat is warning someone ("warned Kenya that it would suffer"), warning of
    or against something, or warning that the warner or its force will act ("warned
    that it would retaliate", "warned that police will no longer tolerate rallies");
    not a forecast ("the IMF warned that the vote could depress growth", "Obama
    warned that the museum would not be a panacea")."""
    if deps(verb, "dobj", "xcomp") or preps(verb, "of", "against"):
        return True
    # "it" is the warner only when what it will do is an act: "warned that it would
    # retaliate", not '"It's not going to happen any time soon," he warned'
    return any((s.lower_ in WARNER_PRONOUNS and (s.lower_ != "it" or lex.verb(c) is not None))
               or s.lower_ in FORCES for c in deps(verb, "ccomp")
               for s in c.children if s.dep_ == "nsubj")


def _heads_something(lex: Lexicon, verb: Token) -> bool:
    """Heading is an act by what is headed, when the lexicon names it ("headed the
    talks", "headed a mission"), not going ("as it headed to the venue") nor
    running a body ("who heads the Center of Research")."""
    return read_by_object(lex, verb)


def _declines_something(lex: Lexicon, verb: Token) -> bool:
    """Declining is refusing to do or take something ("declined the invitation"), not
    falling ("the rating has declined slightly"); refusing may stand alone ("the
    Republicans who control Congress refused"). Declining or refusing to say ("declined
    to comment", "refused to give details") is CAMEO's "decline comment", no rejection."""
    done = deps(verb, "xcomp")
    if any(x.lemma_.lower() in SPOKEN_ACTS or x.lemma_.lower() in GIVING and told(x)
           for x in done):
        return False  # "declined to comment", "declined to give details"
    if any(c.lemma_.lower() in ("request", "invitation") and any(
            g.lemma_.lower() in ("interview", "comment") for g in objects_of(c, "for", "to"))
           for c in deps(verb, "dobj")):
        return False  # "declined several requests for interviews"
    return bool(done or deps(verb, "dobj", "nsubjpass")) or verb.lemma_.lower() == "refuse"


def _challenges_someone(lex: Lexicon, verb: Token) -> bool:
    """Challenging someone's claim or record is criticism; challenging a rival to a
    debate is a contest."""
    return not any(g.lemma_.lower() in CONTESTS for g in objects_of(verb, "to"))


def _lectures_someone(lex: Lexicon, verb: Token) -> bool:
    """Lecturing someone ("lectured Putin on human rights") is criticism; lecturing at a
    university is teaching."""
    return any(names_someone(lex, c) for c in deps(verb, "dobj"))


def _discusses_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Discussing something with a counterpart is a consultation; with a radio host, on
    a show, it is an interview."""
    return not any(w.lemma_.lower() in MEDIA_HOSTS or w.lemma_.lower() in PRESS_NOUNS
                   or any(c.dep_ == "compound" and c.lemma_.lower() in MEDIA_HOSTS
                          for c in w.children)
               for w in objects_of(verb, "with") + [g for d in deps(verb, "dobj")
                                                    for g in objects_of(d, "with")])


def _blames_someone(lex: Lexicon, verb: Token) -> bool:
    """Blaming a party is an accusation ("blamed the attack on Russia", "blamed Russia for
    the attack"); blaming an attack on a video accuses no one."""
    # the parse may hang the "on" on what is blamed: "blamed [the attack on a video]"
    on = objects_of(verb, "on") + [g for d in deps(verb, "dobj") for g in objects_of(d, "on")]
    return not on or any(names_someone(lex, g) for g in on)


def _cancels_a_meeting(lex: Lexicon, verb: Token) -> bool:
    """Cancelling talks or a visit is an act between parties; cancelling flights, a show
    or a concert is business."""
    return not any(c.lemma_.lower() in CANCELLED_THINGS for c in deps(verb, "dobj", "nsubjpass"))


def _argues_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Arguing with or against someone is a dispute; arguing that something is so
    ("They argue that the EPA overstepped") is a statement, which attributions hold."""
    return any(lex.someone(g) for g in objects_of(verb, "with", "against"))


def _presses_someone(lex: Lexicon, verb: Token) -> bool:
    """Pressing someone to do something, or pressing for it, is a request;
    "pressed against a fence" is not."""
    if deps(verb, "xcomp", "ccomp") or preps(verb, "for"):
        return True
    return any(lex.someone(c) for c in deps(verb, "dobj"))


def _hears_from_someone(lex: Lexicon, verb: Token) -> bool:
    """Hearing is consulting when one hears from someone ("heard from Kyiv's envoy")
    or hears an appeal or a report, not "I hear people say"."""
    return read_by_object(lex, verb) or any(lex.someone(g) for g in objects_of(verb, "from"))


def _explores_something(lex: Lexicon, verb: Token) -> bool:
    """Exploring options or a case is looking into it; "they explore how black people
    were once brutalized" (a film) is telling."""
    return bool(deps(verb, "dobj"))


def _issues_an_act(lex: Lexicon, verb: Token) -> bool:
    """Issuing is the act of what is issued, when the lexicon names it ("issued an
    appeal", "issued an ultimatum"), not issuing rules or a report."""
    return read_by_object(lex, verb) or any(
        lex.noun(c) is not None for c in deps(verb, "dobj", "nsubjpass"))


def _introduces_someone(lex: Lexicon, verb: Token) -> bool:
    """Introducing someone is a meeting, and introducing an embargo its act (the
    lexicon's objects); introducing a policy ("introduced the War on Drugs") is
    neither."""
    return read_by_object(lex, verb) or any(
        names_someone(lex, c) and c.ent_type_ not in NAMED_THINGS
        for c in deps(verb, "dobj"))


def _suspects_someone(lex: Lexicon, verb: Token) -> bool:
    """Suspecting someone of something accuses; suspecting that something is so
    ("many experts suspect those losses were generated ...") or suspecting a thing
    ("suspected a chemical weapon") is a belief."""
    suspected = deps(verb, "dobj", "nsubjpass")
    return not deps(verb, "ccomp") and (not suspected or any(
        c.pos_ in ("PROPN", "PRON") or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or c.lemma_.lower() in lex.agents for c in suspected))


def _weighs_something(lex: Lexicon, verb: Token) -> bool:
    """Weighing options is deliberating; weighing 236 pounds is not."""
    return not any(c.like_num or any(g.dep_ == "nummod" for g in c.children)
                   for c in deps(verb, "dobj", "npadvmod"))


def _repeats_an_act(lex: Lexicon, verb: Token) -> bool:
    """Repeating a demand or a warning is that act again (the lexicon's objects);
    "Peskov also repeated that the sanctions were illegal" is saying."""
    return read_by_object(lex, verb)


def _disagrees_with_someone(lex: Lexicon, verb: Token) -> bool:
    """A disagreement is with someone or over something, or between parties ("Kyiv
    and Moscow disagree"); "where sources disagree, we say so" is none."""
    if preps(verb, "with", "on", "over", "about") or deps(verb, "ccomp"):
        return True
    return any(c.dep_ == "conj" for s in deps(verb, "nsubj") for c in s.children)


def _checks_something(lex: Lexicon, verb: Token) -> bool:
    """Checking someone, into something or whether something happened is an inquiry
    ("to check whether anyone disclosed the information"); "the numbers check out"
    is not."""
    return bool(deps(verb, "dobj", "nsubjpass", "ccomp") or preps(verb, "on", "into"))


def _connects_someone(lex: Lexicon, verb: Token) -> bool:
    """Connecting people or places is cooperation; "it was connected to the detention"
    says how two things relate."""
    return not deps(verb, "nsubjpass", "auxpass")


def _welcomes_a_move(lex: Lexicon, verb: Token) -> bool:
    """Welcoming a decision or a visitor of state is support or a visit; welcoming
    guests to a gathering is being a host, and welcoming nothing named (a garbled
    "as he welcomed several hundred guests, Scott ...") welcomes no one."""
    welcomed = deps(verb, "dobj", "nsubjpass", "ccomp")
    return bool(welcomed) and not any(c.lemma_.lower() in GUESTS for c in welcomed)


def _cautions_of_own_act(lex: Lexicon, verb: Token) -> bool:
    """A caution is advice ("cautions against the work of the security services
    being jeopardised"); it threatens only as a warning that the warner will act."""
    return any(s.lower_ in WARNER_PRONOUNS or s.lower_ in FORCES for c in deps(verb, "ccomp")
               for s in c.children if s.dep_ == "nsubj")


def _concedes_something(lex: Lexicon, verb: Token) -> bool:
    """A concession yields something ("conceded defeat", "conceded the race",
    "conceded territory") or to someone ("conceded to the strikers"); conceding
    that something is so, or a quote ("'We know how Wyoming will go,' Manafort
    conceded"), is admitting it in words."""
    if deps(verb, "ccomp") or verb.dep_ in ("parataxis", "ccomp") and verb.i > verb.head.i:
        return False
    return bool(deps(verb, "dobj", "nsubjpass") or preps(verb, "to"))


def _deals_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Dealing with someone is an engagement ("dealt with Iran", "deal directly with
    the rebels"); dealing with rumors, a crisis or a problem is handling it. The
    lexicon's objects ("dealt a blow") are read by them. A "with" left at the end
    deals with the passive's subject or the relative's noun ("they would have to be
    dealt with", "people that we have to deal with")."""
    dealt = objects_of(verb, "with")
    if any(not list(p.children) for p in preps(verb, "with")):
        dealt += deps(verb, "nsubjpass") + ([verb.head] if in_a_relative(verb) else [])
        dealt += [verb.head.head] if verb.dep_ == "xcomp" and in_a_relative(verb.head) else []
    return read_by_object(lex, verb) or any(
        names_someone(lex, g) for g in dealt)


def _directs_someone(lex: Lexicon, verb: Token) -> bool:
    """Directing someone is an order or a joint effort; vitriol "directed at Latinos"
    is words aimed at them."""
    return not preps(verb, "at", "toward", "towards")


def _thanks_someone(lex: Lexicon, verb: Token) -> bool:
    """Thanking a state or a leader is praise; "Thank you very much" closes a speech."""
    return bool(deps(verb, "nsubj")) or not any(c.lower_ == "you" for c in deps(verb, "dobj"))


def _alleges_something(lex: Lexicon, verb: Token) -> bool:
    """An allegation is made by someone; "it is alleged that" frames a report, which
    the attributions hold."""
    return not any(c.lower_ == "it" for c in deps(verb, "nsubjpass"))



def _opposes_a_move(lex: Lexicon, verb: Token) -> bool:
    """Opposing someone, a deal or a bill is a rejection; "Rubio opposes abortion"
    or "opposes same-sex marriage" is a position held on an issue."""
    opposed = deps(verb, "dobj", "nsubjpass") + ([verb.head] if in_a_relative(verb) else [])
    return not opposed or any(
        lex.someone(c) or lex.noun(c) is not None or c.lemma_.lower() in MEASURES
        or c.lemma_.lower() in OPPOSED_MOVES
        or c.pos_ == "VERB" for c in opposed)


def _promotes_someone(lex: Lexicon, verb: Token) -> bool:
    """Promoting a cause or a candidate is support; promoting "the news" is telling."""
    return not told(verb)


def _monitors_someone(lex: Lexicon, verb: Token) -> bool:
    """Monitoring suspects or a border is surveillance; monitoring "the news" or "the
    situation" is following it."""
    return not told(verb) and not any(
        c.lemma_.lower() in ("situation", "development", "progress", "event", "outcome")
        for c in deps(verb, "dobj"))


def _contacts_someone(lex: Lexicon, verb: Token) -> bool:
    """Contacting officials is a consultation; contacting one's family is not."""
    return not any(c.lemma_.lower() in KIN for c in deps(verb, "dobj"))


def _applies_to_someone(lex: Lexicon, verb: Token) -> bool:
    """Applying for asylum or membership asks a state for something; applying for a
    job or a permit is everyday life."""
    return not any(g.lemma_.lower() in APPLIED_FOR for g in objects_of(verb, "for"))

SPEECH_SENSES: dict[str, Check] = {
    "apply": _applies_to_someone,
    "contact": _contacts_someone,
    "monitor": _monitors_someone,
    "promote": _promotes_someone,
    "oppose": _opposes_a_move,
    "ask": _asks_for_something,
    "end": _ends_something,
    "speak": _speaks_with_someone,
    "talk": _speaks_with_someone,
    "engage": _engages_someone,
    "agree": _agrees_on_something,
    "call": _calls_for_something,
    "warn": _warns_someone,
    "caution": _cautions_of_own_act,
    "head": _heads_something,
    "decline": _declines_something,
    "refuse": _declines_something,
    "challenge": _challenges_someone,
    "lecture": _lectures_someone,
    "argue": _argues_with_someone,
    "discuss": _discusses_with_someone,
    "blame": _blames_someone,
    "cancel": _cancels_a_meeting,
    "press": _presses_someone,
    "hear": _hears_from_someone,
    "assure": _assures_someone,
    "approach": _approaches_with_something,
    "research": _investigates_someone,
    "seek": _seeks_something,
    "greet": _greets_a_counterpart,
    "hail": _by_object_only,
    "determine": _by_object_only,
    "administer": _by_object_only,
    "conduct": _by_object_only,
    "expand": _by_object_only,
    "plead": _pleads_with_someone,
    "contend": _contends_with_someone,
    "ally": _allied_with_someone,
    "demand": _demands_something,
    "recognize": _recognizes_someone,
    "recognise": _recognizes_someone,
    "shock": _shocked_by_an_act,
    "examine": _examines_someone,
    "explore": _explores_something,
    "issue": _issues_an_act,
    "concede": _concedes_something,
    "deal": _deals_with_someone,
    "direct": _directs_someone,
    "thank": _thanks_someone,
    "allege": _alleges_something,
    "introduce": _introduces_someone,
    "suspect": _suspects_someone,
    "weigh": _weighs_something,
    "repeat": _repeats_an_act,
    "disagree": _disagrees_with_someone,
    "check": _checks_something,
    "connect": _connects_someone,
    "welcome": _welcomes_a_move,
}
