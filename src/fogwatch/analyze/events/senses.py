"""Which sense of a verb its event reading names.

CAMEO reads one act into each verb: "call" a request, "warn" a threat, "fly" a
deployment, "test" a weapons test. News uses most of these verbs in other senses
as often: "has been called a charlatan", "warned that the museum would not be a
panacea", "Trump flew to Anchorage", "tested positive". Each check below says,
from the verb's parse, whether it is used in the sense of its reading; a verb with
no check is taken as read. The lexicon (``lexicon.py``) asks :func:`means_the_act`
after it has found a reading, and drops the reading when the answer is no.

Precision first: where the parse does not show the sense, the reading is dropped
only when the words that carry the other sense are there.

Longer than 600 lines because it is one table of small checks, one per verb (see
``SENSES``); split, the table would be read in pieces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from fogwatch import wordlists as wl
from fogwatch.analyze.entities import STATE_NOUNS
from fogwatch.analyze.events.sense_words import (
    ANONYMITY,
    ANONYMOUS,
    ARMS,
    ATTENDED,
    CANDIDACIES,
    CAUGHT_FIGURATIVELY,
    CONTESTED,
    CONTRIBUTED_WORDS,
    COUNTS_OF_PEOPLE,
    DELIVERED_FIGURATIVELY,
    DOMINATED_GROUND,
    ELECTION_WORDS,
    ELECTORAL,
    ELECTORATE,
    EVIDENCE,
    EXPLOSIVES,
    FACED_NOT_DONE,
    FIRED,
    FLOWN,
    FORCES,
    GIVEN_FIGURATIVELY,
    GUESTS,
    HIT_FIGURATIVELY,
    HOSTED_SOCIALLY,
    LENT_FIGURATIVELY,
    MEASURES,
    NAMED_THINGS,
    OFFERED_WORDS,
    OFFICES,
    OUTLET_WORDS,
    PARTICLE_ADVERBS,
    POLL_SHARES,
    POSTS,
    PRESS_NOUNS,
    RECORDERS,
    SEIZED_FIGURATIVELY,
    SENT_FIGURATIVELY,
    STATES,
    STRIKING_THINGS,
    STRUCK_FIGURATIVELY,
    SURROUNDING_THINGS,
    TAKEN_FIGURATIVELY,
    THING_PRONOUNS,
    TOLD_OBJECTS,
    TROOPS,
    VOTING_PUBLIC,
    WARNER_PRONOUNS,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon

Check = Callable[["Lexicon", Token], bool]


def is_particle(child: Token) -> bool:
    """Is this child of a verb its particle ("back" in "send ... back")?"""
    return child.dep_ == "prt" or (child.dep_ == "advmod" and child.lower_ in PARTICLE_ADVERBS)


def _deps(verb: Token, *deps: str) -> list[Token]:
    return [c for c in verb.children if c.dep_ in deps]


def _preps(verb: Token, *words: str) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "prep" and c.lower_ in words]


def _objects_of(verb: Token, *words: str) -> list[Token]:
    """The nouns after the verb's prepositions ``words``: "spoke to *Lavrov*"."""
    return [g for p in _preps(verb, *words) for g in p.children if g.dep_ == "pobj"]


def _in_a_relative(verb: Token) -> bool:
    """The verb's object is the noun its relative clause hangs on: "the area that
    it would need to take"."""
    return verb.dep_ == "relcl" or (verb.dep_ == "xcomp" and verb.head.dep_ == "relcl")


def _read_by_object(lex: Lexicon, verb: Token) -> bool:
    """The lexicon reads the verb by its object ("heard the appeal")."""
    readings = lex.objects.get(verb.lemma_.lower(), {})
    return any(readings.get(c.lower_) or readings.get(c.lemma_.lower())
               for c in _deps(verb, "dobj", "nsubjpass"))


def _asks_for_something(lex: Lexicon, verb: Token) -> bool:
    """A request asks for something ("asked them to leave", "asked for help"), not
    a question ("the questions he was being asked", '"Were they escaping?" asked
    an analyst', "Asked what might surprise people, he says ..."), nor anonymity
    ("a resident, who asked not to be named", "asked to remain anonymous")."""
    if verb.i == verb.sent.start and verb.dep_ == "advcl" and not _deps(verb, "nsubj", "nsubjpass"):
        return False  # an interviewer's question opening the sentence that answers it
    if any(c.lemma_.lower() in PRESS_NOUNS for c in _deps(verb, "nsubj")):
        return False  # "A reporter asked: Did they talk about the wall?"
    if any(t.tag_ in ("WP", "WRB", "WDT") or t.lower_ in ("whether", "if")
           for c in _deps(verb, "ccomp") for t in c.subtree if t.i < c.i):
        return False  # "when voters were asked who would bring change": a question
    if any(c.lemma_.lower() in ANONYMITY and any(g.dep_ == "auxpass" for g in c.children)
           or any(g.lower_ in ANONYMOUS for g in c.children if g.dep_ in ("acomp", "oprd", "attr"))
           for c in _deps(verb, "xcomp")):
        return False  # "asked not to be named", "asked to remain anonymous"
    if any(t.text == "?" for c in _deps(verb, "ccomp") for t in c.subtree):
        return False  # '"Were they escaping from him?" asked an analyst'
    return bool(_deps(verb, "xcomp", "ccomp") or _preps(verb, "for"))


def _told(verb: Token) -> bool:
    """What is given, offered, provided or released is words: "gave the figure",
    "provided no details", "released a statement" (saying, which attributions
    cover)."""
    return any(c.lemma_.lower() in TOLD_OBJECTS for c in _deps(verb, "dobj", "nsubjpass"))


def _tells_nothing(lex: Lexicon, verb: Token) -> bool:
    """Providing or offering is aid, unless what it provides is words (``_told``)."""
    return not _told(verb)


def _offers_to_act(lex: Lexicon, verb: Token) -> bool:
    """An offer is of aid or of an act, not of words: "offered an emotional defense
    of the city", "offered his condolences"."""
    return not _told(verb) and not any(c.lemma_.lower() in OFFERED_WORDS
                                       for c in _deps(verb, "dobj"))


def _assures_someone(lex: Lexicon, verb: Token) -> bool:
    """Assuring is a promise to someone; "she is assured of winning 120 delegates" is
    a likely outcome."""
    return not (_deps(verb, "nsubjpass") and _preps(verb, "of"))


def _suspends_something(lex: Lexicon, verb: Token) -> bool:
    """Suspending aid, talks or a member is a sanction; a candidate suspending a
    campaign or a bid ends a run for office."""
    for c in _deps(verb, "dobj", "nsubjpass"):
        lemma = c.lemma_.lower()
        mods = [m.lower_ for m in c.children if m.dep_ in ("amod", "compound")]
        if lemma in CANDIDACIES or lemma == "campaign" and (
                any(m in ELECTORAL for m in mods)
                or not mods and any(m.dep_ == "poss" and (m.ent_type_ == "PERSON" or m.lower_ in ("his", "her"))
                                    for m in c.children) and _in_an_election(verb)):
            return False  # not "his military campaign", nor his campaign in a war story
    return True


def _captures_ground(lex: Lexicon, verb: Token) -> bool:
    """Capturing a place is done by a force or a state; a person who "has captured
    Texas and Oklahoma" has won their votes."""
    doers = _deps(verb, "nsubj")
    if any(d.lemma_.lower() in RECORDERS or d.lower_ in RECORDERS for d in doers):
        return False  # "satellite imagery captured the deployment"
    if any(c.lemma_.lower() in CONTESTED or c.lemma_.lower() in TOLD_OBJECTS
           or c.lemma_.lower() in SEIZED_FIGURATIVELY for c in _deps(verb, "dobj", "nsubjpass")):
        return False  # "had captured 1,944 delegates", "captured photo and video footage",
        # "captured the frustration of many Americans"
    places = [c for c in _deps(verb, "dobj") if c.ent_type_ == "GPE"]
    return not (places and doers and all(d.ent_type_ == "PERSON" for d in doers)
                and _in_an_election(verb))


def _in_an_election(verb: Token) -> bool:
    """The verb's sentence, the two before it or the one after speak of an election
    (``ELECTION_WORDS``): a leader who "captured Crimea" took ground, a candidate who
    "captured Texas" on a primary night won its votes."""
    return any(t.lemma_.lower() in ELECTION_WORDS or t.lemma_ == "win" and any(
        c.lemma_ == "state" for c in t.children) for t in passage(verb, 2, 1))  # "has yet to win a state"


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


def _strikes_a_target(lex: Lexicon, verb: Token) -> bool:
    """Striking down a law or a limit is a court's ruling, not an attack; "was struck
    down by a sniper" still is one. A crisis that strikes attacks no one."""
    if any(c.lemma_.lower() in STRIKING_THINGS for c in _deps(verb, "nsubj")) or any(
            c.lemma_.lower() in STRUCK_FIGURATIVELY for c in _deps(verb, "dobj")):
        return False  # "when crisis strikes Paris", "struck a chord with voters"
    if not any(is_particle(c) and c.lower_ == "down" for c in verb.children):
        return True
    return any(lex.someone(c) for c in _deps(verb, "dobj", "nsubjpass"))


def _approaches_with_something(lex: Lexicon, verb: Token) -> bool:
    """Approaching someone is a consultation when it brings something or asks for it
    ("approached Corker with draft legislation", "approached him about a deal",
    "approached Kyiv to propose talks"), not walking up to someone ("approached him
    and took photos")."""
    return bool(_preps(verb, "with", "about", "for", "over", "regarding") or _deps(verb, "xcomp", "advcl"))


def _investigates_someone(lex: Lexicon, verb: Token) -> bool:
    """Researching someone is investigating them; a professor "who has researched the
    spread of false information" investigates no one."""
    return any(lex.someone(c) for c in _deps(verb, "dobj", "nsubjpass"))


def _dominates_ground(lex: Lexicon, verb: Token) -> bool:
    """Dominating ground, sea or air is force; "a race dominated by Trump and Cruz" is
    not."""
    return any(c.lemma_.lower() in DOMINATED_GROUND or c.lower_ in DOMINATED_GROUND
               or c.ent_type_ in ("GPE", "LOC", "FAC")
               for c in _deps(verb, "dobj", "nsubjpass"))


def _pulls_someone(lex: Lexicon, verb: Token) -> bool:
    """Pulling someone away is seizing them ("pulled the driver from the car"); pulling
    a copy from one's pocket is not. The lexicon's objects ("pulled its embassy")
    and particles ("pulled back") are read by them."""
    if any((is_particle(c) or c.dep_ == "prep") and f"pull {c.lower_}" in lex.particles
           for c in verb.children):
        return True  # "pulled back", "pull out of Iraq" ("pulls up to a tavern" is no act)
    return _read_by_object(lex, verb) or any(
        lex.someone(c) and c.lower_ not in THING_PRONOUNS for c in _deps(verb, "dobj", "nsubjpass"))


def _encounters_someone(lex: Lexicon, verb: Token) -> bool:
    """Encountering someone is a meeting; encountering "emotional notes" is not."""
    return any(c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lemma_.lower() in lex.agents
               or c.pos_ == "PRON" and c.lower_ not in THING_PRONOUNS for c in _deps(verb, "dobj"))


def _gears_up_forces(lex: Lexicon, verb: Token) -> bool:
    """Forces gear up; a fundraising team "gearing up for an expensive next phase" is
    preparing, no agreement."""
    return any(c.lemma_.lower() in TROOPS or c.lower_ in FORCES for c in _deps(verb, "nsubj"))


def _seeks_something(lex: Lexicon, verb: Token) -> bool:
    """Seeking aid or talks is a request; seeking to do something ("has often sought to
    characterize her tenure as a success") is trying."""
    return _read_by_object(lex, verb) or not _deps(verb, "xcomp")


def _removes_someone(lex: Lexicon, verb: Token) -> bool:
    """Removing someone is expelling them; a video "removed from YouTube" is not. The
    lexicon's objects ("removed restrictions") are read by them."""
    removed = _deps(verb, "dobj", "nsubjpass")
    if not removed and _deps(verb, "auxpass"):
        return False  # "after posting the video was removed", the parse losing its subject
    return _read_by_object(lex, verb) or not removed or any(
        lex.someone(c) and c.lower_ not in THING_PRONOUNS for c in removed)


def _shoots_at_someone(lex: Lexicon, verb: Token) -> bool:
    """Shooting back "that he asked the Border Patrol" is a retort."""
    return not (any(is_particle(c) and c.lower_ == "back" for c in verb.children)
                and (_deps(verb, "ccomp") or verb.head.lemma_ in ("say", "tell")
                     or any(d.ent_type_ == "PERSON" for d in _deps(verb, "nsubj"))))


def _votes_in_a_body(lex: Lexicon, verb: Token) -> bool:
    """A vote is a body's decision ("parliament voted for the resolution"), not an
    election: voters, citizens or districts voting, or a vote for a candidate or a
    party."""
    voters = _deps(verb, "nsubj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    if any(c.ent_type_ == "ORG" or c.lemma_.lower() in lex.agents and c.lemma_.lower() not in VOTING_PUBLIC
           for c in voters):
        return True  # a body: "the Knesset voted against Netanyahu", "lawmakers voted"
    if any((c.lemma_.lower() in VOTING_PUBLIC or c.lower_ in VOTING_PUBLIC)
           and not any(m.lower_ == "member" for m in c.children) for c in voters):
        return False
    return not any(g.ent_type_ in ("PERSON", "NORP") or g.lower_ in ("someone", "him", "her")
                   for g in _objects_of(verb, "for", "against"))


def _backed_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """Support from a party or a state; voters who "overwhelmingly support the
    president", and a poll's shares, are an electorate's leaning."""
    if any(c.lemma_.lower() in ELECTORATE or c.lower_ in ELECTORATE for c in _deps(verb, "nsubj")):
        return False
    return _preferred_by_a_party(lex, verb)


def _contest_between_people(lex: Lexicon, verb: Token) -> bool:
    """One person crushing, beating or sweeping another, a region or a vote total, is
    an election ("McCain was crushed by Obama in 2008", "Clinton was sweeping much of
    the South", "Trump and Cruz bested Clinton's vote total");
    a force crushing a revolt is not."""
    doers = _deps(verb, "nsubj") + [g for a in _deps(verb, "agent") for g in a.children
                                    if g.dep_ == "pobj"]
    done = _deps(verb, "dobj", "nsubjpass")
    return not (doers and all(d.ent_type_ == "PERSON" or d.lower_ in ("he", "she") for d in doers)
                and (not done or all(t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP")
                                     or t.pos_ in ("PRON", "ADJ") or t.lower_ == "much"
                                     or t.lemma_.lower() in CONTESTED for t in done))
                and _in_an_election(verb))


def _grapples_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Grappling with someone is a struggle; advisers "grappling with how to convince
    swing voters" are thinking."""
    return any(lex.someone(g) and g.pos_ != "PRON" or g.ent_type_ in ("PERSON", "NORP", "ORG")
               for g in _objects_of(verb, "with"))


def _targets_a_target(lex: Lexicon, verb: Token) -> bool:
    """Targeting a place, a force or a group is an attack; a campaign targeting voters
    courts them."""
    done = _deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    if any(g.ent_type_ == "MONEY" or any(t.tag_ == "$" for t in g.lefts)
           for a in _deps(verb, "agent") for g in a.children):
        return False  # "targeted by $4.4 million in attacks": advertising
    return not any(c.lemma_.lower() in ELECTORATE or c.lemma_.lower() in PRESS_NOUNS
                   for c in done)


def _lends_something(lex: Lexicon, verb: Token) -> bool:
    """Lending money or arms is aid; lending a platform or one's voice is not."""
    return not any(c.lemma_.lower() in LENT_FIGURATIVELY for c in _deps(verb, "dobj"))


def _defends_another(lex: Lexicon, verb: Token) -> bool:
    """Defending someone else or their act is support; defending one's own decision or
    position ("she defended her decision to press ahead") is not."""
    return not any(m.dep_ == "poss" and m.lower_ in ("his", "her", "its", "their", "my", "our")
                   for c in _deps(verb, "dobj") for m in c.children)


def _greets_a_counterpart(lex: Lexicon, verb: Token) -> bool:
    """Greeting a delegation is a gesture of support; a candidate greeting voters is
    campaigning."""
    return not any(c.lemma_.lower() in PRESS_NOUNS for c in _deps(verb, "dobj"))


def _by_object_only(lex: Lexicon, verb: Token) -> bool:
    """Verbs CAMEO reads as an act only with certain objects ("conducted a raid",
    "expanded cooperation", "hailed the decision"); bare, they are anything at all:
    "conducting DNA analysis", "expands operations in Mexico", "determined that the
    emails contained classified material", "the lashing they've administered",
    "hailed as a hero"."""
    return _read_by_object(lex, verb)


def _pleads_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Pleading with someone is a request; pleading guilty is a plea."""
    return not any(c.lower_ in ("guilty", "innocent", "contest") for c in verb.subtree)


def _battles_for_ground(lex: Lexicon, verb: Token) -> bool:
    """Battling for the top spot in the polls is a contest, not a fight."""
    return _read_by_object(lex, verb) or not any(
        g.lemma_.lower() in CONTESTED for g in _objects_of(verb, "for"))


def _volunteered_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """A state or a group volunteering to mediate offers to act; survey respondents who
    "volunteered to take surveys" offer nothing."""
    return any(c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lemma_.lower() in lex.agents
               for c in _deps(verb, "nsubj"))


def _preferred_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """Support, not a poll's shares: "Female troops preferred Clinton 51 percent to 24
    percent", "male troops backed Trump, 57 percent to 22 percent"."""
    return not any(t.lower_ in POLL_SHARES or t.lemma_ == "point" and any(n.like_num for n in t.children)
                   for c in verb.children if c.dep_ not in ("ccomp", "advcl", "relcl", "conj")
                   for t in c.subtree)  # "women back him by almost 20 points"


def _holds_ground(lex: Lexicon, verb: Token) -> bool:
    """Holding positions is a force keeping ground; holding "left-leaning positions on
    numerous issues" is having opinions."""
    return not any(c.lemma_.lower() == "position" and any(
        m.dep_ == "prep" and m.lower_ in ("on", "about", "regarding")
        or m.dep_ == "amod" and m.pos_ == "ADJ" and m.lower_ not in ("defensive", "forward", "key",
                                                                  "strategic", "fortified")
        for m in c.children) for c in _deps(verb, "dobj", "nsubjpass"))


def _recognizes_someone(lex: Lexicon, verb: Token) -> bool:
    """Recognizing a state or a government is support; "the people finally recognize
    that the king has no clothes" is realizing."""
    return not _deps(verb, "ccomp")


def _shocked_by_an_act(lex: Lexicon, verb: Token) -> bool:
    """"Neighbours genuinely shocked", "Chuck Todd was shocked": a feeling, no one's
    criticism of anyone."""
    return bool(_deps(verb, "dobj")) and verb.tag_ != "VBN"


def _equips_a_force(lex: Lexicon, verb: Token) -> bool:
    """Equipping a force is cooperation; being "singularly equipped to deliver" a
    message is being able to."""
    return not (verb.tag_ == "VBN" and _deps(verb, "xcomp", "advcl")) and not _preps(verb, "for")


def _appoints_by_object(lex: Lexicon, verb: Token) -> bool:
    """Appointing an envoy or a committee (CAMEO's objects) is an act; appointing
    supporters "to the standing committees" names no committee set up."""
    return _read_by_object(lex, verb) or bool(_preps(verb, "as"))


def _tears_something(lex: Lexicon, verb: Token) -> bool:
    """Tearing down a statue or tearing through a town is force; "tearing the GOP apart"
    is division."""
    return not any(c.lower_ == "apart" for c in verb.children) and not any(
        c.ent_type_ in ("ORG", "NORP") for c in _deps(verb, "dobj"))


def _forced_by_someone(lex: Lexicon, verb: Token) -> bool:
    """Forcing someone to do something is coercion; "Americans are forced to face the
    threat", with no one forcing them, is a circumstance."""
    return not (_deps(verb, "auxpass") and not _deps(verb, "agent") and any(
        c.lemma_.lower() in FACED_NOT_DONE for c in _deps(verb, "xcomp")))


def _demands_something(lex: Lexicon, verb: Token) -> bool:
    """A demand is for something ("demanded a ceasefire", "demanded that troops leave");
    a job "demanding and time-consuming" asks nothing of anyone."""
    return bool(_deps(verb, "dobj", "ccomp", "xcomp", "nsubjpass") or _preps(verb, "for")
                or _in_a_relative(verb) or verb.dep_ in ("acl", "advcl") and verb.tag_ == "VBG"
                and verb.head.pos_ == "VERB" and not _deps(verb, "aux"))


def _delivers_aid(lex: Lexicon, verb: Token) -> bool:
    """Delivering arms or aid is aid; delivering a speech, a blow or "the worst recession"
    is not."""
    return not _told(verb) and not any(c.lemma_.lower() in DELIVERED_FIGURATIVELY
                                       for c in _deps(verb, "dobj", "nsubjpass"))


def _examines_someone(lex: Lexicon, verb: Token) -> bool:
    """Examining someone or an incident is an inquiry; researchers who "examined the
    experience of American workers" question no one."""
    return any(lex.someone(c) and c.lower_ not in THING_PRONOUNS or lex.noun(c) is not None
               for c in _deps(verb, "dobj", "nsubjpass"))


def _shields_someone(lex: Lexicon, verb: Token) -> bool:
    """Shielding people is protecting them; shielding someone's identity is keeping a
    secret."""
    return not any(c.lemma_.lower() in ("identity", "name", "detail", "information", "record")
                   for c in _deps(verb, "dobj", "nsubjpass"))


def _controls_ground(lex: Lexicon, verb: Token) -> bool:
    """A force controlling ground ("Russian troops now control the village", "the
    militants control much of eastern Syria") holds it; "an area controlled by one
    side" in a method note, "nobody controls him" and "controlled the agenda" hold no
    ground. The lexicon's object readings ("control land") stand."""
    if _read_by_object(lex, verb):
        return True
    held = _deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ in ("relcl", "acl") else [])
    ground = [c for c in held if c.ent_type_ in ("GPE", "LOC", "FAC")
              or c.lemma_.lower() in DOMINATED_GROUND or c.lower_ in ("much", "part", "parts", "most")]
    doers = _deps(verb, "nsubj") + [g for a in _deps(verb, "agent") for g in a.children]
    return bool(ground) and any(d.lemma_.lower() in TROOPS or d.lower_ in FORCES or d.pos_ == "PRON"
                                or d.ent_type_ in ("ORG", "NORP", "GPE", "PERSON")
                                or d.lemma_.lower() in lex.agents for d in doers)


def _contends_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Contending with someone is a dispute; "the White House contends that it is on
    track" is arguing."""
    return not _deps(verb, "ccomp")


def _sweeps_ground(lex: Lexicon, verb: Token) -> bool:
    """Sweeping through a town (the lexicon's objects) is force; "fighters swept across
    the border" is an advance CAMEO's bare "sweep" (an inquiry) misreads, and a candidate
    sweeping a region is an election."""
    return _read_by_object(lex, verb) and _contest_between_people(lex, verb)


def _allied_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Allying with someone is support; "allied outside groups" describes them."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    return verb.dep_ != "amod" and not (verb.tag_ == "VBN" and nxt is not None
                                        and nxt.pos_ in ("ADJ", "NOUN") and not _deps(verb, "dobj"))


def _launches_a_drive(lex: Lexicon, verb: Token) -> bool:
    """Launching an appeal campaign is a request; a candidate launching "his campaign"
    runs for office."""
    return _suspends_something(lex, verb)


def _confronts_someone(lex: Lexicon, verb: Token) -> bool:
    """Confronting someone (or protests, CAMEO's object) is a meeting of sides;
    confronting "the most challenging moment of his campaign" is not."""
    return _read_by_object(lex, verb) or _encounters_someone(lex, verb)


def _squares_off_forces(lex: Lexicon, verb: Token) -> bool:
    """Forces square off in a fight, and so do states and armed groups outside an
    election; candidates square off in a debate."""
    return any(c.lemma_.lower() in TROOPS or c.lower_ in FORCES
               or c.ent_type_ in ("GPE", "ORG") and not _in_an_election(verb)
               for c in _deps(verb, "nsubj"))


def _frees_someone(lex: Lexicon, verb: Token) -> bool:
    """Releasing frees someone ("released 40 prisoners"), not a clip, a statement, a
    film or funds; a participle that frees no one named ("his documentary, released
    earlier this year", parsed apart from its noun) frees no one."""
    if _told(verb):
        return False
    freed = _deps(verb, "dobj", "nsubjpass")
    if verb.dep_ in ("acl", "relcl"):
        freed.append(verb.head)
    if not freed and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "relcl"):
        return False
    return not freed or any(
        lex.someone(c) and c.lower_ not in THING_PRONOUNS
        or c.lemma_.lower() in lex.agent_objects for c in freed)


def _ends_something(lex: Lexicon, verb: Token) -> bool:
    """Ending is ending something ("ended the talks", "the war was ended"); "the aid
    you end up qualifying for" and "she ends with the plea" end nothing."""
    if any(is_particle(c) and c.lower_ == "up" for c in verb.children) or _told(verb):
        return False  # "ended her speech by quoting Leonardo"
    return bool(_deps(verb, "dobj", "nsubjpass")) or _in_a_relative(verb)


def _speaks_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Consulting is speaking to or with someone, not to the press ("spoke to
    reporters on Sunday" is telling), nor "with a British accent", nor to "a
    gathering"."""
    heard = _objects_of(verb, "to", "with")
    return bool(heard) and any(
        g.lemma_.lower() not in PRESS_NOUNS and lex.someone(g) and not _an_outlet(g) for g in heard)


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
    return not _preps(verb, "in") or any(
        c.lower_ in STATE_NOUNS for c in _deps(verb, "nsubj", "nsubjpass"))


def _breaks_something(lex: Lexicon, verb: Token) -> bool:
    """Breaking is breaking something or through it ("broke the siege", "broke
    through the lines"); breaking up, down or out, and news breaking, is no attack."""
    if any(is_particle(c) and c.lower_ in ("up", "down", "out") for c in verb.children):
        return False
    return bool(_deps(verb, "dobj", "nsubjpass") or _preps(verb, "through", "into"))


def _agrees_on_something(lex: Lexicon, verb: Token) -> bool:
    """An agreement is to or on something ("agreed to a ceasefire", "agreed on a
    swap", "agreed to meet"), or a position parties share, not one person's or a
    poll's opinion ("52 percent agreed that Clinton is healthy", "agreed with
    Matthews about the winner")."""
    if _deps(verb, "xcomp", "dobj") or _preps(verb, "to", "on", "upon", "over"):
        return True
    if any(c.lemma_.lower() in wl.REPORT_VERBS for c in _deps(verb, "advcl")) and not any(
            p.ent_type_ in ("GPE", "NORP") or p.lower_ in STATE_NOUNS
            or p.ent_type_ == "ORG" and not _an_outlet(p) for p in _deps(verb, "nsubj")):
        return False  # "The Post's Liz Sly agreed, saying the drops went awry": an opinion
    if not (_deps(verb, "ccomp") or _preps(verb, "with", "about")):
        return True
    # a position two parties or two states share is their agreement: "Putin and Trump
    # agreed that the war must end", "the Philippines and France agree that disputes
    # should be resolved by arbitration", "Eriador agrees with France that ..."
    parties = _deps(verb, "nsubj")
    parties += [c for p in parties for c in p.children if c.dep_ == "conj"]
    if len(parties) > 1 and not any(p.lemma_.lower() in POLL_SHARES for p in parties):
        return True
    return any(p.ent_type_ in STATES or p.lower_ in STATE_NOUNS
               for p in parties + _objects_of(verb, "with"))


def _calls_for_something(lex: Lexicon, verb: Token) -> bool:
    """Calling someone something names them ("has been called a charlatan ... for
    promoting quack cures"); the request is the call for something. Names the
    lexicon reads as accusations ("called him a dictator") keep theirs. Calling up
    is mobilizing someone ("called up 300,000 reservists"), not telephoning ("has
    been calling up asking for his son")."""
    named = _deps(verb, "oprd")
    readings = lex.objects.get("call", {})
    if any(is_particle(c) and c.lower_ == "up" for c in verb.children):
        return bool(_deps(verb, "dobj", "nsubjpass"))  # called up reservists, not "calling up"
    return not named or any(readings.get(n.lemma_.lower()) for n in named)


def _warns_someone(lex: Lexicon, verb: Token) -> bool:
    """A threat is warning someone ("warned Kenya that it would suffer"), warning of
    or against something, or warning that the warner or its force will act ("warned
    that it would retaliate", "warned that police will no longer tolerate rallies");
    not a forecast ("the IMF warned that the vote could depress growth", "Obama
    warned that the museum would not be a panacea")."""
    if _deps(verb, "dobj", "xcomp") or _preps(verb, "of", "against"):
        return True
    return any(s.lower_ in WARNER_PRONOUNS or s.lower_ in FORCES for c in _deps(verb, "ccomp")
               for s in c.children if s.dep_ == "nsubj")


def _takes_something(lex: Lexicon, verb: Token) -> bool:
    """Taking is seizing something, not taking someone somewhere ("took Trump
    through a review", "took their grievances to school"), taking to something
    ("took to social media") nor taking photos or questions. "Took out" and "took
    over" are read by their particle."""
    if _preps(verb, "as"):
        return False  # "took over as head of communications": a post, not a seizure
    if any(is_particle(c) for c in verb.children):
        return True
    if any(c.lemma_.lower() in TAKEN_FIGURATIVELY for c in _deps(verb, "dobj", "nsubjpass")):
        return False
    if not _deps(verb, "dobj", "nsubjpass", "oprd") and not _in_a_relative(verb):
        return False
    if any(c.lower_ == "it" for c in _deps(verb, "nsubj")) and any(
            a.dep_ == "aux" and a.lower_ == "to" for w in [verb, *_deps(verb, "dobj")]
            for c in w.children if c.dep_ in ("xcomp", "advcl", "ccomp", "acl", "relcl")
            for a in c.children):
        return False  # "it took a three-decades-long war for the Eritreans to liberate themselves"
    return not _preps(verb, "to", "through", "into", "around", "across")


def _seizes_something(lex: Lexicon, verb: Token) -> bool:
    """Seizing "on" an issue or seizing attention takes nothing by force."""
    if _preps(verb, "on", "upon"):
        return False
    return not any(c.lemma_.lower() in SEIZED_FIGURATIVELY
                   for c in _deps(verb, "dobj", "nsubjpass"))


def _heads_something(lex: Lexicon, verb: Token) -> bool:
    """Heading is an act by what is headed, when the lexicon names it ("headed the
    talks", "headed a mission"), not going ("as it headed to the venue") nor
    running a body ("who heads the Center of Research")."""
    return _read_by_object(lex, verb)


def _declines_something(lex: Lexicon, verb: Token) -> bool:
    """Declining is refusing to do or take something ("declined to comment",
    "declined the invitation"), not falling ("the rating has declined slightly")."""
    return bool(_deps(verb, "xcomp", "dobj", "nsubjpass"))


def _argues_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Arguing with or against someone is a dispute; arguing that something is so
    ("They argue that the EPA overstepped") is a statement, which attributions hold."""
    return any(lex.someone(g) for g in _objects_of(verb, "with", "against"))


def _struggles_against_someone(lex: Lexicon, verb: Token) -> bool:
    """A struggle against or with someone is a fight; struggling to do something
    ("the UN struggles to raise the money"), or struggling alone ("Clinton has
    struggled where he succeeded"), is difficulty."""
    return not _deps(verb, "xcomp") and any(
        lex.someone(g) for g in _objects_of(verb, "with", "against"))


def _presses_someone(lex: Lexicon, verb: Token) -> bool:
    """Pressing someone to do something, or pressing for it, is a request;
    "pressed against a fence" is not."""
    if _deps(verb, "xcomp", "ccomp") or _preps(verb, "for"):
        return True
    return any(lex.someone(c) for c in _deps(verb, "dobj"))


def _arms_moved(lex: Lexicon, verb: Token) -> bool:
    """Producing or testing is a show of force when what is produced or tested
    is arms ("tested a missile", "produces shells"), not "tested positive" or "the
    meeting did produce one headline"."""
    what = [*_deps(verb, "dobj", "nsubjpass"), *(
        [verb.head] if verb.dep_ in ("acl", "relcl") else [])]
    return any(w.lemma_.lower() in ARMS or w.lower_ in ARMS or w.ent_type_ == "WEAPON"
               or any(c.dep_ in ("amod", "compound") and c.lower_ in ("nuclear", "ballistic")
                      for c in w.children)
               for w in what)


_FLOWN_FORCES = TROOPS | FLOWN


def _forces_flown(lex: Lexicon, verb: Token) -> bool:
    """Flying is a deployment when someone flies forces or arms ("platoons were
    flown into Pokrovsk", "flew troops to the front"), not a traveller's flight
    ("Trump flew to Anchorage", "Obama flew here to swim", with a garbled object).
    "To fly in three captured fighter jets" flies arms."""
    return any(w.lemma_.lower() in _FLOWN_FORCES or w.lower_ in FORCES or w.lower_ in ARMS
               or w.lemma_.lower() in ARMS or w.ent_type_ == "WEAPON"
               for w in [*_deps(verb, "dobj", "nsubjpass"), *_objects_of(verb, "in", "into")])


def _hears_from_someone(lex: Lexicon, verb: Token) -> bool:
    """Hearing is consulting when one hears from someone ("heard from Kyiv's envoy")
    or hears an appeal or a report, not "I hear people say"."""
    return _read_by_object(lex, verb) or any(lex.someone(g) for g in _objects_of(verb, "from"))


def _passes_a_measure(lex: Lexicon, verb: Token) -> bool:
    """Passing is passing a law or a measure, not "women who pass through checkpoints"
    nor "passed the microphone to a delegate"."""
    passed = _deps(verb, "dobj", "nsubjpass")
    return _read_by_object(lex, verb) or any(
        c.lemma_.lower() in MEASURES or lex.noun(c) is not None for c in passed)


def _gathers_people(lex: Lexicon, verb: Token) -> bool:
    """Assembling or gathering is a meeting of those who gather ("leaders gathered in
    Paris", "assembled the envoys"), not of things ("Canada is assembling a camp")."""
    things = _deps(verb, "dobj", "nsubjpass")  # "the facts are still being gathered"
    if any(c.lemma_.lower() in PRESS_NOUNS for c in _deps(verb, "nsubj", "nsubjpass")):
        return False  # "reporters are gathering outside the flat", "reporters have been gathered"
    return _read_by_object(lex, verb) or not things or any(
        c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lower_ in COUNTS_OF_PEOPLE
        or c.lemma_.lower().endswith(("er", "or", "ist", "ian", "man", "men"))
        for c in things)


def _reinforces_a_force(lex: Lexicon, verb: Token) -> bool:
    """Reinforcing is sending forces to a force or a place ("reinforced the garrison",
    "reinforced Pokrovsk"), not strengthening an idea ("this stigma was reinforced")."""
    what = _deps(verb, "dobj", "nsubjpass")
    return not what or any(lex.someone(w) for w in what)


def _gives_something(lex: Lexicon, verb: Token) -> bool:
    """Giving a boost, leverage, authority or an interview is no aid (and the
    parse may hang what is given on the receiver: "gave Mr. Kerry and his team
    of climate diplomats the leverage they needed"), nor is giving words
    (``_told``)."""
    if _told(verb):
        return False
    # with no object, a time may be what is given: "gave the government three days"
    given = _deps(verb, "dobj") or _deps(verb, "npadvmod")
    given += [verb.head] if _in_a_relative(verb) else []
    given += [g for w in given for g in w.subtree if g.dep_ == "dobj"]  # "speeches she has given"
    return not any(c.lemma_.lower() in GIVEN_FIGURATIVELY for c in given)


def _tends_to_someone(lex: Lexicon, verb: Token) -> bool:
    """Tending the wounded is aid; "tend to draw" is a habit."""
    return not _deps(verb, "xcomp")


def _bids_for_something(lex: Lexicon, verb: Token) -> bool:
    """A bid asks for something ("bid for membership", "bid to join"), not "bid in
    auto auctions"."""
    return bool(_deps(verb, "xcomp") or _preps(verb, "for"))


def _explores_something(lex: Lexicon, verb: Token) -> bool:
    """Exploring options or a case is looking into it; "they explore how black people
    were once brutalized" (a film) is telling."""
    return bool(_deps(verb, "dobj"))


def _attends_a_meeting(lex: Lexicon, verb: Token) -> bool:
    """Attending a summit or a funeral is a visit; "the school that her daughter
    attends" is not."""
    what = _deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    return not what or any(w.lemma_.lower() in ATTENDED or lex.noun(w) is not None
                           for w in what)


def _drops_something(lex: Lexicon, verb: Token) -> bool:
    """Dropping a demand or a bid is a retreat ("dropped its proposal"); dropping
    "to the ground" is falling, and dropping a name ("he dropped the Abdul") is not."""
    if any(c.ent_type_ == "PERSON" for c in _deps(verb, "dobj")):
        return False
    return any(is_particle(c) for c in verb.children) or bool(
        _deps(verb, "dobj", "nsubjpass") or _in_a_relative(verb))


def _issues_an_act(lex: Lexicon, verb: Token) -> bool:
    """Issuing is the act of what is issued, when the lexicon names it ("issued an
    appeal", "issued an ultimatum"), not issuing rules or a report."""
    return _read_by_object(lex, verb) or any(
        lex.noun(c) is not None for c in _deps(verb, "dobj", "nsubjpass"))


def _hangs_someone(lex: Lexicon, verb: Token) -> bool:
    """Hanging someone ("was hanged", "hanged two prisoners") is violence; hanging
    around with people is not."""
    if any(is_particle(c) for c in verb.children) or _preps(verb, "around", "out", "with"):
        return False
    return bool(_deps(verb, "dobj", "nsubjpass", "auxpass"))  # "the last man to be hanged"


def _trains_someone(lex: Lexicon, verb: Token) -> bool:
    """Training forces is military aid; "trained as a pilot" is a career."""
    return bool(_deps(verb, "dobj", "nsubjpass"))


def _travels_to_meet(lex: Lexicon, verb: Token) -> bool:
    """Travelling to a place is a visit, unless it is the way to another act, which is
    the event ("Europeans who travelled to Syria to fight"); "a patrol vehicle travels
    down the road" visits no one."""
    return bool(_preps(verb, "to")) and not _deps(verb, "xcomp", "advcl")


def _parades_force(lex: Lexicon, verb: Token) -> bool:
    """Parading arms or troops is a show of force; a hostage "paraded alive" in a
    video is not."""
    return any(w.lemma_.lower() in ARMS or w.lower_ in ARMS or w.lemma_.lower() in TROOPS
               for w in _deps(verb, "dobj", "nsubjpass"))


def _explodes_arms(lex: Lexicon, verb: Token) -> bool:
    """An explosion is of a weapon or a charge ("a car bomb exploded"), not of a
    prison population."""
    what = _deps(verb, "nsubj", "dobj", "nsubjpass")
    return any(w.lemma_.lower() in ARMS or w.lower_ in EXPLOSIVES for w in what)


def _occupies_ground(lex: Lexicon, verb: Token) -> bool:
    """Occupying ground is a seizure; occupying a post ("one of the key positions")
    or the spotlight is holding it."""
    held = _deps(verb, "dobj", "nsubjpass")
    held += [g for w in held for p in w.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children if g.dep_ == "pobj"]
    return not any(c.lemma_.lower() in POSTS or c.lemma_.lower() in SEIZED_FIGURATIVELY
                   for c in held)


def _catches_someone(lex: Lexicon, verb: Token) -> bool:
    """Catching someone is an arrest; catching someone "on" television is watching,
    and a candidate who "caught fire with activists" or a plan that "caught the eye"
    of officials caught no one."""
    caught = _deps(verb, "dobj", "nsubjpass")
    return not _preps(verb, "on") and (not caught or any(
        lex.someone(c) and c.lower_ not in THING_PRONOUNS
        and c.lemma_.lower() not in CAUGHT_FIGURATIVELY for c in caught))


def _reduces_something(lex: Lexicon, verb: Token) -> bool:
    """Reducing troops or imports is a cut; being "reduced to taunts" is not."""
    return bool(_deps(verb, "dobj")) or not _preps(verb, "to")


def _sends_something(lex: Lexicon, verb: Token) -> bool:
    """Sending a message or a signal is saying something, not aid; so is sending
    into what is no place, a state or a fight: "sending him into 'My button is
    bigger' mode", "sent markets into a panic", "send wounded soldiers back into
    combat"."""
    sent = _deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    if any(w.lemma_.lower() in SENT_FIGURATIVELY for w in sent):
        return False
    # "into" on the verb, or on its particle: "send soldiers back into combat"
    heads = [verb, *(c for c in verb.children if is_particle(c))]
    into = [g for h in heads for c in _preps(h, "into") for g in c.children
            if g.dep_ in ("pobj", "pcomp")]
    return not into or any(g.ent_type_ in ("GPE", "LOC", "FAC") or g.pos_ == "PROPN"
                           for g in into)


def _introduces_someone(lex: Lexicon, verb: Token) -> bool:
    """Introducing someone is a meeting, and introducing an embargo its act (the
    lexicon's objects); introducing a policy ("introduced the War on Drugs") is
    neither."""
    return _read_by_object(lex, verb) or any(
        lex.someone(c) and c.lower_ not in THING_PRONOUNS and c.ent_type_ not in NAMED_THINGS
        for c in _deps(verb, "dobj"))


def _suspects_someone(lex: Lexicon, verb: Token) -> bool:
    """Suspecting someone of something accuses; suspecting that something is so
    ("many experts suspect those losses were generated ...") is a belief."""
    return not _deps(verb, "ccomp")


def _founds_something(lex: Lexicon, verb: Token) -> bool:
    """Founding a body is an act; "a country founded on the principles of liberty"
    is not."""
    return not _preps(verb, "on", "upon")


def _goes_to_someone(lex: Lexicon, verb: Token) -> bool:
    """Going to a named place or person is a visit ("went to Moscow"); going to a
    school, or to war (which the lexicon would read as a visit), is not."""
    return any(g.ent_type_ in ("GPE", "PERSON", "ORG", "NORP", "FAC") or g.pos_ == "PROPN"
               for g in _objects_of(verb, "to"))


def _weighs_something(lex: Lexicon, verb: Token) -> bool:
    """Weighing options is deliberating; weighing 236 pounds is not."""
    return not any(c.like_num or any(g.dep_ == "nummod" for g in c.children)
                   for c in _deps(verb, "dobj", "npadvmod"))


def _campaigns_for_something(lex: Lexicon, verb: Token) -> bool:
    """Campaigning for someone's release is a demand; campaigning for president, or
    campaigning, is running for office."""
    demanded = _objects_of(verb, "for", "against")
    return bool(_deps(verb, "xcomp")) or any(
        g.lemma_.lower() not in OFFICES for g in demanded)


def _gets_nothing(lex: Lexicon, verb: Token) -> bool:
    """"Get" frames other words ("trying to find another way to get out"); what
    it gets the lexicon reads by its object ("got permission")."""
    return _read_by_object(lex, verb)


def _surrounds_someone(lex: Lexicon, verb: Token) -> bool:
    """Surrounding is an encirclement by a force, not "questions surrounded the
    purported deal" nor "he has surrounded himself with advisers"."""
    around = [*_deps(verb, "nsubj"), *([verb.head] if verb.dep_ == "acl" else [])]
    # a parse that loses the subject ("... but doubts immediately surrounded the
    # deal", "doubts" read as a conjunct): the noun just before the verb
    before = [t for t in verb.doc[max(verb.sent.start, verb.i - 3):verb.i] if t.pos_ != "ADV"]
    if before and before[-1].pos_ == "NOUN":
        around.append(before[-1])
    return not any(c.lemma_.lower() in SURROUNDING_THINGS for c in around) \
        and not any(c.lower_.endswith(("self", "selves")) for c in _deps(verb, "dobj"))


def _repeats_an_act(lex: Lexicon, verb: Token) -> bool:
    """Repeating a demand or a warning is that act again (the lexicon's objects);
    "Peskov also repeated that the sanctions were illegal" is saying."""
    return _read_by_object(lex, verb)


def _supported_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """Support is given by someone, not by evidence ("what we think the evidence
    supports") nor by voters ("African-American voters overwhelmingly support the
    president")."""
    return not any(c.lemma_.lower() in EVIDENCE or c.lemma_.lower() in ELECTORATE
                   for c in _deps(verb, "nsubj"))


def _disagrees_with_someone(lex: Lexicon, verb: Token) -> bool:
    """A disagreement is with someone or over something, or between parties ("Kyiv
    and Moscow disagree"); "where sources disagree, we say so" is none."""
    if _preps(verb, "with", "on", "over", "about") or _deps(verb, "ccomp"):
        return True
    return any(c.dep_ == "conj" for s in _deps(verb, "nsubj") for c in s.children)


def _checks_something(lex: Lexicon, verb: Token) -> bool:
    """Checking someone, into something or whether something happened is an inquiry
    ("to check whether anyone disclosed the information"); "the numbers check out"
    is not."""
    return bool(_deps(verb, "dobj", "nsubjpass", "ccomp") or _preps(verb, "on", "into"))


def _hits_a_target(lex: Lexicon, verb: Token) -> bool:
    """Hitting a target is an attack; hitting the stage or a record is not, nor rising
    costs that "have hit people's wallets"."""
    return not any(c.lemma_.lower() in HIT_FIGURATIVELY for c in _deps(verb, "dobj")) and not any(
        c.lemma_.lower() in STRIKING_THINGS for c in _deps(verb, "nsubj"))


def _contributes_aid(lex: Lexicon, verb: Token) -> bool:
    """Contributing money or troops is aid; "contributed reporting" and "Jill Colvin
    contributed from Albuquerque" are bylines."""
    if not _deps(verb, "dobj") and _preps(verb, "from"):
        return False
    return not any(c.lemma_.lower() in CONTRIBUTED_WORDS or c.lower_ in CONTRIBUTED_WORDS
                   for c in _deps(verb, "dobj", "xcomp"))


def _shelters_someone(lex: Lexicon, verb: Token) -> bool:
    """Sheltering someone is aid; "the figure of Lincoln, sheltered in his memorial" is
    not."""
    return bool(_deps(verb, "dobj")) or any(lex.someone(c) for c in _deps(verb, "nsubjpass"))


def _fires_arms(lex: Lexicon, verb: Token) -> bool:
    """Firing is shooting when what is fired is a weapon or its rounds, or nothing is
    named ("troops fired on the crowd"); firing a person is a dismissal and firing
    questions is asking."""
    fired = [w for w in _deps(verb, "dobj", "nsubjpass")  # "employees were fired"
             if w.lemma_.lower() != "time"  # "five times"
             and not (w.dep_ == "nsubjpass" and w.pos_ == "PRON")]  # "how they're fired"
    return not fired or any(w.lemma_.lower() in FIRED or w.lemma_.lower() in ARMS
                            or w.lower_ in ARMS for w in fired)


def _connects_someone(lex: Lexicon, verb: Token) -> bool:
    """Connecting people or places is cooperation; "it was connected to the detention"
    says how two things relate."""
    return not _deps(verb, "nsubjpass", "auxpass")


def _welcomes_a_move(lex: Lexicon, verb: Token) -> bool:
    """Welcoming a decision or a visitor of state is support or a visit; welcoming
    guests to a gathering is being a host, and welcoming nothing named (a garbled
    "as he welcomed several hundred guests, Scott ...") welcomes no one."""
    welcomed = _deps(verb, "dobj", "nsubjpass", "ccomp")
    return bool(welcomed) and not any(c.lemma_.lower() in GUESTS for c in welcomed)


def _hosts_a_meeting(lex: Lexicon, verb: Token) -> bool:
    """Hosting talks or a leader is a meeting; hosting a cookout or a show is not."""
    return not any(c.lemma_.lower() in HOSTED_SOCIALLY for c in _deps(verb, "dobj", "nsubjpass"))


def _cautions_of_own_act(lex: Lexicon, verb: Token) -> bool:
    """A caution is advice ("cautions against the work of the security services
    being jeopardised"); it threatens only as a warning that the warner will act."""
    return any(s.lower_ in WARNER_PRONOUNS or s.lower_ in FORCES for c in _deps(verb, "ccomp")
               for s in c.children if s.dep_ == "nsubj")


def _concedes_something(lex: Lexicon, verb: Token) -> bool:
    """A concession yields something ("conceded defeat", "conceded the race",
    "conceded territory") or to someone ("conceded to the strikers"); conceding
    that something is so, or a quote ("'We know how Wyoming will go,' Manafort
    conceded"), is admitting it in words."""
    if _deps(verb, "ccomp") or verb.dep_ in ("parataxis", "ccomp") and verb.i > verb.head.i:
        return False
    return bool(_deps(verb, "dobj", "nsubjpass") or _preps(verb, "to"))


def _deals_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Dealing with someone is an engagement ("dealt with Iran", "deal directly with
    the rebels"); dealing with rumors, a crisis or a problem is handling it. The
    lexicon's objects ("dealt a blow") are read by them. A "with" left at the end
    deals with the passive's subject or the relative's noun ("they would have to be
    dealt with", "people that we have to deal with")."""
    dealt = _objects_of(verb, "with")
    if any(not list(p.children) for p in _preps(verb, "with")):
        dealt += _deps(verb, "nsubjpass") + ([verb.head] if _in_a_relative(verb) else [])
        dealt += [verb.head.head] if verb.dep_ == "xcomp" and _in_a_relative(verb.head) else []
    return _read_by_object(lex, verb) or any(
        lex.someone(g) and g.lower_ not in THING_PRONOUNS for g in dealt)


def _falls_to_someone(lex: Lexicon, verb: Token) -> bool:
    """A place falls to a force ("Mosul fell to the Islamic State"); "it falls to the
    European Parliament to provide an opinion" hands a task to someone."""
    return not any(c.dep_ in ("xcomp", "ccomp", "advcl") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)


def _helps_someone(lex: Lexicon, verb: Token) -> bool:
    """Help is aid to someone: "helped Ukraine", "helped arm the Houthis", "helped
    broker a truce". Helping to do something that acts on no one ("helped steady his
    campaigns with victories") is taking a part in it."""
    if _deps(verb, "dobj", "dative", "nsubjpass") or _preps(verb, "to", "with"):
        return True
    done = [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"]
    return not done or any(lex.someone(o) or lex.noun(o) is not None
                           for d in done for o in [*_deps(d, "dobj"), *_objects_of(d, "to", "with")])


def _cuts_forces(lex: Lexicon, verb: Token) -> bool:
    """Cutting the number of troops disarms; cutting "the number of polling places"
    does not. Only a count of forces, arms or people is read by its count."""
    counts = [c for c in _deps(verb, "dobj", "nsubjpass") if c.lemma_.lower() in ("number", "size")]
    counted = [g for c in counts for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj"]
    return not counts or any(lex.someone(g) or g.lemma_.lower() in TROOPS
                             or g.lemma_.lower() in ARMS for g in counted)


def _overtakes_a_position(lex: Lexicon, verb: Token) -> bool:
    """Forces overtake a town; a state that "has overtaken Russia to become Central
    Asia's biggest trade partner" has passed a rival."""
    return not _preps(verb, "as") and not any(
        c.lemma_ == "become" for c in verb.children if c.dep_ in ("xcomp", "advcl"))


def _bombards_with_arms(lex: Lexicon, verb: Token) -> bool:
    """Bombarding is shelling, not being "bombarded with hate calls" or questions."""
    return not any(not (g.lemma_.lower() in ARMS or g.lower_ in EXPLOSIVES)
                   for g in _objects_of(verb, "with"))


def _pays_someone(lex: Lexicon, verb: Token) -> bool:
    """Paying someone is a transfer between parties ("paid Iran $1.7 billion", "paid
    compensation to the families"); paying for ads or phone calls buys something.
    The lexicon's objects ("paid a visit") are read by them."""
    paid = _deps(verb, "dobj", "dative") + _objects_of(verb, "to")
    return _read_by_object(lex, verb) or any(lex.someone(c) and c.lower_ not in THING_PRONOUNS
                                             for c in paid)


def _directs_someone(lex: Lexicon, verb: Token) -> bool:
    """Directing someone is an order or a joint effort; vitriol "directed at Latinos"
    is words aimed at them."""
    return not _preps(verb, "at", "toward", "towards")


def _guards_someone(lex: Lexicon, verb: Token) -> bool:
    """Guarding a leader or a convoy protects someone; doors "guarded by security"
    protect no one CAMEO speaks of."""
    guarded = _deps(verb, "dobj", "nsubjpass")
    return not guarded or any(lex.someone(c) and c.lower_ not in THING_PRONOUNS for c in guarded)


def _surrenders_ground(lex: Lexicon, verb: Token) -> bool:
    """Surrendering ground, arms or oneself is a retreat; a power that "has surrendered
    its authority and leadership" has lost standing."""
    return not any(c.lemma_.lower() in GIVEN_FIGURATIVELY or c.lemma_.lower() in POSTS
                   or c.lemma_.lower() in ("leadership", "influence", "prestige")
                   for c in _deps(verb, "dobj", "nsubjpass"))


def _thanks_someone(lex: Lexicon, verb: Token) -> bool:
    """Thanking a state or a leader is praise; "Thank you very much" closes a speech."""
    return bool(_deps(verb, "nsubj")) or not any(c.lower_ == "you" for c in _deps(verb, "dobj"))


def _alleges_something(lex: Lexicon, verb: Token) -> bool:
    """An allegation is made by someone; "it is alleged that" frames a report, which
    the attributions hold."""
    return not any(c.lower_ == "it" for c in _deps(verb, "nsubjpass"))


SENSES: dict[str, Check] = {
    "ask": _asks_for_something,
    "release": _frees_someone,
    "end": _ends_something,
    "speak": _speaks_with_someone,
    "talk": _speaks_with_someone,
    "engage": _engages_someone,
    "break": _breaks_something,
    "agree": _agrees_on_something,
    "call": _calls_for_something,
    "warn": _warns_someone,
    "caution": _cautions_of_own_act,
    "take": _takes_something,
    "seize": _seizes_something,
    "extract": _seizes_something,
    "head": _heads_something,
    "decline": _declines_something,
    "argue": _argues_with_someone,
    "struggle": _struggles_against_someone,
    "press": _presses_someone,
    "produce": _arms_moved,
    "test": _arms_moved,
    "fly": _forces_flown,
    "hear": _hears_from_someone,
    "pass": _passes_a_measure,
    "assemble": _gathers_people,
    "gather": _gathers_people,
    "reinforce": _reinforces_a_force,
    "give": _gives_something,
    "provide": _tells_nothing,
    "offer": _offers_to_act,
    "assure": _assures_someone,
    "suspend": _suspends_something,
    "capture": _captures_ground,
    "strike": _strikes_a_target,
    "square": _squares_off_forces,
    "approach": _approaches_with_something,
    "research": _investigates_someone,
    "dominate": _dominates_ground,
    "pull": _pulls_someone,
    "encounter": _encounters_someone,
    "gear": _gears_up_forces,
    "seek": _seeks_something,
    "remove": _removes_someone,
    "shoot": _shoots_at_someone,
    "vote": _votes_in_a_body,
    "defend": _defends_another,
    "greet": _greets_a_counterpart,
    "hail": _by_object_only,
    "determine": _by_object_only,
    "administer": _by_object_only,
    "conduct": _by_object_only,
    "expand": _by_object_only,
    "plead": _pleads_with_someone,
    "battle": _battles_for_ground,
    "fight": _battles_for_ground,
    "volunteer": _volunteered_by_a_party,
    "prefer": _preferred_by_a_party,
    "favor": _preferred_by_a_party,
    "back": _backed_by_a_party,
    "crush": _contest_between_people,
    "beat": _contest_between_people,
    "defeat": _contest_between_people,
    "sweep": _sweeps_ground,
    "contend": _contends_with_someone,
    "ally": _allied_with_someone,
    "launch": _launches_a_drive,
    "clobber": _contest_between_people,
    "grapple": _grapples_with_someone,
    "target": _targets_a_target,
    "lend": _lends_something,
    "hold": _holds_ground,
    "tear": _tears_something,
    "demand": _demands_something,
    "force": _forced_by_someone,
    "recognize": _recognizes_someone,
    "recognise": _recognizes_someone,
    "shock": _shocked_by_an_act,
    "equip": _equips_a_force,
    "appoint": _appoints_by_object,
    "damage": _contest_between_people,
    "deliver": _delivers_aid,
    "examine": _examines_someone,
    "confront": _confronts_someone,
    "control": _controls_ground,
    "shield": _shields_someone,
    "supply": _tells_nothing,
    "tend": _tends_to_someone,
    "bid": _bids_for_something,
    "explore": _explores_something,
    "attend": _attends_a_meeting,
    "drop": _drops_something,
    "issue": _issues_an_act,
    "hang": _hangs_someone,
    "train": _trains_someone,
    "travel": _travels_to_meet,
    "parade": _parades_force,
    "explode": _explodes_arms,
    "occupy": _occupies_ground,
    "concede": _concedes_something,
    "deal": _deals_with_someone,
    "fall": _falls_to_someone,
    "help": _helps_someone,
    "cut": _cuts_forces,
    "overtake": _overtakes_a_position,
    "bombard": _bombards_with_arms,
    "pay": _pays_someone,
    "direct": _directs_someone,
    "guard": _guards_someone,
    "surrender": _surrenders_ground,
    "thank": _thanks_someone,
    "allege": _alleges_something,
    "best": _contest_between_people,
    "catch": _catches_someone,
    "reduce": _reduces_something,
    "send": _sends_something,
    "introduce": _introduces_someone,
    "suspect": _suspects_someone,
    "found": _founds_something,
    "go": _goes_to_someone,
    "weigh": _weighs_something,
    "campaign": _campaigns_for_something,
    "get": _gets_nothing,
    "surround": _surrounds_someone,
    "encircle": _surrounds_someone,
    "repeat": _repeats_an_act,
    "support": _supported_by_a_party,
    "disagree": _disagrees_with_someone,
    "check": _checks_something,
    "hit": _hits_a_target,
    "contribute": _contributes_aid,
    "shelter": _shelters_someone,
    "fire": _fires_arms,
    "connect": _connects_someone,
    "welcome": _welcomes_a_move,
    "host": _hosts_a_meeting,
}


def arms_near(noun: Token) -> bool:
    """A test or production is of weapons when arms are named in its sentence or the
    one before ("the Burevestnik test", "mass production of the Oreshnik", "The
    Russian tests are intended for an audience of one" after the missiles), not "an
    Ebola test" or "relocate production"."""
    return any(t.lower_ in ARMS or t.lemma_.lower() in ARMS or t.ent_type_ == "WEAPON"
               or t.lower_ in ("nuclear", "ballistic", "hypersonic")
               for t in passage(noun, 1, 0))


def said_in_attacking(verb: Token) -> bool:
    """An attack made in words, which the lexicon reads as criticism: one told by what
    was said in it ("it attacked Trump, saying he has offended Hispanics"), by the
    fault it blames ("attacked other candidates for accepting donations", "for his
    handling of the crisis") or by the name it calls ("pounding Trump as a con
    artist"). "Attacked the base for the second time" and "attacked the convoy as it
    passed" are attacks."""
    if verb.lemma_.lower() not in ("attack", "assail", "pound", "hammer", "batter"):
        return False
    if any(c.dep_ == "advcl" and c.lemma_.lower() in wl.REPORT_VERBS for c in verb.children):
        return True
    if not _deps(verb, "dobj", "nsubjpass"):
        return False
    for prep in _preps(verb, "for", "as"):
        for obj in prep.children:
            if prep.lower_ == "as" and obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                return True  # "as a con artist"
            if prep.lower_ == "for" and (obj.dep_ == "pcomp" and obj.tag_ == "VBG" or obj.dep_ == "pobj" and any(
                    d.dep_ == "poss" for d in obj.children)):
                return True  # "for accepting", "for his handling"
    return False


def means_the_act(lex: Lexicon, verb: Token) -> bool:
    """Whether ``verb`` is used here in the sense its reading names (see ``SENSES``)."""
    check = SENSES.get(verb.lemma_.lower())
    return check is None or check(lex, verb)
