"""Sense checks for verbs of force and ground (see ``senses.py``): capturing,
seizing, occupying, surrounding, holding ground. A force takes a town; a candidate
who "captured Texas" won its votes. Verbs of harm (striking, firing) are in
``sense_harm.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from fogwatch.analyze.events.sense_parse import (
    Check,
    deps,
    in_a_relative,
    in_an_election,
    is_particle,
    names_someone,
    objects_of,
    preps,
    read_by_object,
    told,
)
from fogwatch.analyze.events.sense_words import (
    ARMS,
    ATTACKED_IN_WORDS,
    CAUGHT_FIGURATIVELY,
    CLOSED_FIGURATIVELY,
    CONTESTED,
    DOMINATED_GROUND,
    FACED_NOT_DONE,
    FLOWN,
    FORCES,
    GIVEN_FIGURATIVELY,
    LEADERSHIP,
    POLL_SHARES,
    POSTS,
    REBUTTED,
    RECORDERS,
    SEIZED_FIGURATIVELY,
    SURROUNDING_THINGS,
    TAKEN_FIGURATIVELY,
    THING_PRONOUNS,
    TOLD_OBJECTS,
    TROOPS,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon


def _captures_ground(lex: Lexicon, verb: Token) -> bool:
    """Capturing a place is done by a force or a state; a person who "has captured
    Texas and Oklahoma" has won their votes."""
    doers = deps(verb, "nsubj")
    if any(d.lemma_.lower() in RECORDERS or d.lower_ in RECORDERS
           for d in doers + objects_of(verb, "on")):
        return False  # "satellite imagery captured the deployment", "captured on video"
    if any(c.lemma_.lower() in CONTESTED or c.lemma_.lower() in TOLD_OBJECTS
           or c.lemma_.lower() in SEIZED_FIGURATIVELY for c in deps(verb, "dobj", "nsubjpass")):
        return False  # "had captured 1,944 delegates", "captured photo and video footage",
        # "captured the frustration of many Americans"
    places = [c for c in deps(verb, "dobj") if c.ent_type_ == "GPE"]
    return not (places and doers and all(d.ent_type_ == "PERSON" for d in doers)
                and in_an_election(verb))


def _dominates_ground(lex: Lexicon, verb: Token) -> bool:
    """Dominating ground, sea or air is force; "a race dominated by Trump and Cruz" is
    not."""
    return any(c.lemma_.lower() in DOMINATED_GROUND or c.lower_ in DOMINATED_GROUND
               or c.ent_type_ in ("GPE", "LOC", "FAC")
               for c in deps(verb, "dobj", "nsubjpass"))


def _battles_for_ground(lex: Lexicon, verb: Token) -> bool:
    """Battling for the top spot in the polls is a contest, not a fight; nor is fighting
    about someone's legacy."""
    return read_by_object(lex, verb) or not (preps(verb, "about") or any(  # "fighting about"
        g.lemma_.lower() in CONTESTED for g in objects_of(verb, "for")))


def _holds_ground(lex: Lexicon, verb: Token) -> bool:
    """Holding positions is a force keeping ground; holding "left-leaning positions on
    numerous issues" is having opinions."""
    if any(c.lemma_.lower() in ("position", "power") and any(g.lower_ == "power" for g in c.subtree)
           for c in objects_of(verb, "to")):
        return False  # "men hold on to positions of power"
    return not any(c.lemma_.lower() == "position" and any(
        m.dep_ == "prep" and m.lower_ in ("on", "about", "regarding")
        or m.dep_ == "amod" and m.pos_ == "ADJ" and m.lower_ not in ("defensive", "forward", "key",
                                                                  "strategic", "fortified")
        for m in c.children) for c in deps(verb, "dobj", "nsubjpass"))


def _forced_by_someone(lex: Lexicon, verb: Token) -> bool:
    """Forcing someone to do something is coercion; "Americans are forced to face the
    threat", with no one forcing them, is a circumstance."""
    if verb.head.lemma_.lower() == "feel" and verb.dep_ in ("xcomp", "acomp", "oprd"):
        return False  # "felt forced to respond"
    return not (deps(verb, "auxpass") and not deps(verb, "agent") and any(
        c.lemma_.lower() in FACED_NOT_DONE for c in deps(verb, "xcomp")))


def _equips_a_force(lex: Lexicon, verb: Token) -> bool:
    """Equipping a force is cooperation; being "singularly equipped to deliver" a
    message is being able to."""
    return not (verb.tag_ == "VBN" and deps(verb, "xcomp", "advcl")) and not preps(verb, "for")


def _shields_someone(lex: Lexicon, verb: Token) -> bool:
    """Shielding people is protecting them; shielding someone's identity is keeping a
    secret."""
    return not any(c.lemma_.lower() in ("identity", "name", "detail", "information", "record")
                   for c in deps(verb, "dobj", "nsubjpass"))


def _controls_ground(lex: Lexicon, verb: Token) -> bool:
    """A force controlling ground ("Russian troops now control the village", "the
    militants control much of eastern Syria") holds it; "an area controlled by one
    side" in a method note, "nobody controls him" and "controlled the agenda" hold no
    ground. The lexicon's object readings ("control land") stand."""
    if read_by_object(lex, verb):
        return True
    held = deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ in ("relcl", "acl") else [])
    ground = [c for c in held if c.ent_type_ in ("GPE", "LOC", "FAC")
              or c.lemma_.lower() in DOMINATED_GROUND or c.lower_ in ("much", "part", "parts", "most")]
    doers = deps(verb, "nsubj") + [g for a in deps(verb, "agent") for g in a.children]
    return bool(ground) and any(d.lemma_.lower() in TROOPS or d.lower_ in FORCES or d.pos_ == "PRON"
                                or d.ent_type_ in ("ORG", "NORP", "GPE", "PERSON")
                                or d.lemma_.lower() in lex.agents for d in doers)


def _confronts_someone(lex: Lexicon, verb: Token) -> bool:
    """Confronting someone (or protests, CAMEO's object) is a meeting of sides;
    confronting "the most challenging moment of his campaign" is not."""
    return read_by_object(lex, verb) or _encounters_someone(lex, verb)


def _squares_off_forces(lex: Lexicon, verb: Token) -> bool:
    """Forces square off in a fight, and so do states and armed groups outside an
    election; candidates square off in a debate."""
    return any(c.lemma_.lower() in TROOPS or c.lower_ in FORCES
               or c.ent_type_ in ("GPE", "ORG") and not in_an_election(verb)
               for c in deps(verb, "nsubj"))


def _takes_something(lex: Lexicon, verb: Token) -> bool:
    """Taking is seizing something, not taking someone somewhere ("took Trump
    through a review", "took their grievances to school"), taking to something
    ("took to social media") nor taking photos or questions, taking someone on or
    taking over a post. "Took out" and "took over" are read by their particle."""
    if preps(verb, "as"):
        return False  # "took over as head of communications": a post, not a seizure
    particles = [c.lower_ for c in verb.children if is_particle(c)]
    if "on" in particles:
        return False  # "Trump took on Hillary Clinton": a challenge
    if "over" in particles and any(c.lemma_.lower() in POSTS or c.lemma_.lower() in LEADERSHIP
                                   for c in deps(verb, "dobj")):
        return False  # "took over the leadership of al-Shabaab": a succession
    if "off" in particles and not deps(verb, "dobj", "nsubjpass"):
        return False  # "before the plane took off"
    if particles:
        return True
    if any(c.lemma_.lower() in TAKEN_FIGURATIVELY for c in deps(verb, "dobj", "nsubjpass")):
        return False
    if any(c.ent_type_ == "GPE" for c in deps(verb, "dobj")) and all(
            d.ent_type_ == "PERSON" for d in deps(verb, "nsubj") or [verb]) and in_an_election(verb):
        return False  # "Trump Takes Wisconsin" on a primary night
    if not deps(verb, "dobj", "nsubjpass", "oprd") and not in_a_relative(verb):
        return False
    if any(c.lower_ == "it" for c in deps(verb, "nsubj")) and any(
            a.dep_ == "aux" and a.lower_ == "to" for w in [verb, *deps(verb, "dobj")]
            for c in w.children if c.dep_ in ("xcomp", "advcl", "ccomp", "acl", "relcl")
            for a in c.children):
        return False  # "it took a three-decades-long war for the Eritreans to liberate themselves"
    return not preps(verb, "to", "through", "into", "around", "across")


def _seizes_something(lex: Lexicon, verb: Token) -> bool:
    """Seizing "on" an issue or seizing attention takes nothing by force."""
    if preps(verb, "on", "upon"):
        return False
    return not any(c.lemma_.lower() in SEIZED_FIGURATIVELY
                   for c in deps(verb, "dobj", "nsubjpass"))


def _arms_moved(lex: Lexicon, verb: Token) -> bool:
    """Producing or testing is a show of force when what is produced or tested
    is arms ("tested a missile", "produces shells"), not "tested positive" or "the
    meeting did produce one headline"."""
    what = [*deps(verb, "dobj", "nsubjpass"), *(
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
               for w in [*deps(verb, "dobj", "nsubjpass"), *objects_of(verb, "in", "into")])


def _reinforces_a_force(lex: Lexicon, verb: Token) -> bool:
    """Reinforcing is sending forces to a force or a place ("reinforced the garrison",
    "reinforced Pokrovsk"), not strengthening an idea ("this stigma was reinforced")."""
    what = deps(verb, "dobj", "nsubjpass")
    return not what or any(lex.someone(w) for w in what)


def _trains_someone(lex: Lexicon, verb: Token) -> bool:
    """Training forces is military aid; "trained as a pilot" is a career."""
    return bool(deps(verb, "dobj", "nsubjpass"))


def _parades_force(lex: Lexicon, verb: Token) -> bool:
    """Parading arms or troops is a show of force; a hostage "paraded alive" in a
    video is not."""
    return any(w.lemma_.lower() in ARMS or w.lower_ in ARMS or w.lemma_.lower() in TROOPS
               for w in deps(verb, "dobj", "nsubjpass"))


def _occupies_ground(lex: Lexicon, verb: Token) -> bool:
    """Occupying ground is a seizure; occupying a post ("one of the key positions")
    or the spotlight is holding it."""
    held = deps(verb, "dobj", "nsubjpass")
    held += [g for w in held for p in w.children if p.dep_ == "prep" and p.lower_ == "of"
             for g in p.children if g.dep_ == "pobj"]
    return not any(c.lemma_.lower() in POSTS or c.lemma_.lower() in SEIZED_FIGURATIVELY
                   for c in held)


def _catches_someone(lex: Lexicon, verb: Token) -> bool:
    """Catching someone is an arrest; catching someone "on" television is watching,
    and a candidate who "caught fire with activists" or a plan that "caught the eye"
    of officials caught no one."""
    caught = deps(verb, "dobj", "nsubjpass")
    if any(c.lower_ in ("short", "off-guard", "unawares", "napping", "flat-footed")
           for c in verb.children if c.dep_ in ("advmod", "acomp", "oprd", "prt")):
        return False  # "caught short by competitors"
    if objects_of(verb, "between") and not deps(verb, "agent"):
        return False  # "we remain caught between fears of ..."
    if not deps(verb, "agent") and objects_of(verb, "in") and not any(
            g.ent_type_ in ("GPE", "LOC", "FAC") or g.pos_ == "PROPN" for g in objects_of(verb, "in")):
        return False  # "caught in another sexting exchange", "in the crossfire", not "in Calais"
    return not preps(verb, "on") and (not caught or any(
        names_someone(lex, c)
        and c.lemma_.lower() not in CAUGHT_FIGURATIVELY for c in caught))


def _surrounds_someone(lex: Lexicon, verb: Token) -> bool:
    """Surrounding is an encirclement by a force, not "questions surrounded the
    purported deal" nor "he has surrounded himself with advisers"."""
    around = [*deps(verb, "nsubj"), *([verb.head] if verb.dep_ == "acl" else [])]
    # a parse that loses the subject ("... but doubts immediately surrounded the
    # deal", "doubts" read as a conjunct): the noun just before the verb
    before = [t for t in verb.doc[max(verb.sent.start, verb.i - 3):verb.i] if t.pos_ != "ADV"]
    if before and before[-1].pos_ == "NOUN":
        around.append(before[-1])
    return not any(c.lemma_.lower() in SURROUNDING_THINGS for c in around) \
        and not any(c.lower_.endswith(("self", "selves")) for c in deps(verb, "dobj"))


def _falls_to_someone(lex: Lexicon, verb: Token) -> bool:
    """A place falls to a force ("Mosul fell to the Islamic State"); "it falls to the
    European Parliament to provide an opinion" hands a task to someone."""
    if any(g.lemma_.lower() in POLL_SHARES or g.like_num for g in objects_of(verb, "to")):
        return False  # "he fell to 10 percent in the latest poll"
    return not any(c.dep_ in ("xcomp", "ccomp", "advcl") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in verb.children)


def _overtakes_a_position(lex: Lexicon, verb: Token) -> bool:
    """Forces overtake a town; a state that "has overtaken Russia to become Central
    Asia's biggest trade partner" has passed a rival."""
    return not preps(verb, "as") and not any(
        c.lemma_ == "become" for c in verb.children if c.dep_ in ("xcomp", "advcl"))


def _guards_someone(lex: Lexicon, verb: Token) -> bool:
    """Guarding a leader or a convoy protects someone; doors "guarded by security"
    protect no one CAMEO speaks of."""
    guarded = deps(verb, "dobj", "nsubjpass")
    return not guarded or any(names_someone(lex, c) for c in guarded)


def _surrenders_ground(lex: Lexicon, verb: Token) -> bool:
    """Surrendering ground, arms or oneself is a retreat; a power that "has surrendered
    its authority and leadership" has lost standing."""
    return not any(c.lemma_.lower() in GIVEN_FIGURATIVELY or c.lemma_.lower() in POSTS
                   or c.lemma_.lower() in ("leadership", "influence", "prestige")
                   for c in deps(verb, "dobj", "nsubjpass"))


def _gears_up_forces(lex: Lexicon, verb: Token) -> bool:
    """Forces gear up; a fundraising team "gearing up for an expensive next phase" is
    preparing, no agreement."""
    return any(c.lemma_.lower() in TROOPS or c.lower_ in FORCES for c in deps(verb, "nsubj"))


def _pulls_someone(lex: Lexicon, verb: Token) -> bool:
    """Pulling someone away is seizing them ("pulled the driver from the car"); pulling
    a copy from one's pocket is not. The lexicon's objects ("pulled its embassy")
    and particles ("pulled back") are read by them."""
    if any((is_particle(c) or c.dep_ == "prep") and f"pull {c.lower_}" in lex.particles
           for c in verb.children):
        return True  # "pulled back", "pull out of Iraq" ("pulls up to a tavern" is no act)
    return read_by_object(lex, verb) or any(
        names_someone(lex, c) for c in deps(verb, "dobj", "nsubjpass"))


def _removes_someone(lex: Lexicon, verb: Token) -> bool:
    """Removing someone is expelling them; a video "removed from YouTube" is not. The
    lexicon's objects ("removed restrictions") are read by them."""
    removed = deps(verb, "dobj", "nsubjpass")
    if not removed and deps(verb, "auxpass"):
        return False  # "after posting the video was removed", the parse losing its subject
    return read_by_object(lex, verb) or not removed or any(
        names_someone(lex, c) for c in removed)


def _frees_someone(lex: Lexicon, verb: Token) -> bool:
    """Releasing frees someone ("released 40 prisoners"), not a clip, a statement, a
    film or funds; a participle that frees no one named ("his documentary, released
    earlier this year", parsed apart from its noun) frees no one."""
    if told(verb):
        return False
    freed = deps(verb, "dobj", "nsubjpass")
    if verb.dep_ in ("acl", "relcl"):
        freed.append(verb.head)
    if not freed and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "relcl"):
        return False
    return not freed or any(
        names_someone(lex, c)
        or c.lemma_.lower() in lex.agent_objects for c in freed)


def _grapples_with_someone(lex: Lexicon, verb: Token) -> bool:
    """Grappling with someone is a struggle; advisers "grappling with how to convince
    swing voters" are thinking."""
    return any(lex.someone(g) and g.pos_ != "PRON" or g.ent_type_ in ("PERSON", "NORP", "ORG")
               for g in objects_of(verb, "with"))


def _struggles_against_someone(lex: Lexicon, verb: Token) -> bool:
    """A struggle against or with someone is a fight; struggling to do something
    ("the UN struggles to raise the money"), or struggling alone ("Clinton has
    struggled where he succeeded"), is difficulty."""
    return not deps(verb, "xcomp") and any(
        lex.someone(g) for g in objects_of(verb, "with", "against"))


def _defends_another(lex: Lexicon, verb: Token) -> bool:
    """Defending someone else or their act is support; defending oneself or one's own
    decision or position ("she defended her decision to press ahead") is not."""
    return not any(m.dep_ == "poss" and m.lower_ in ("his", "her", "its", "their", "my", "our")
                   for c in deps(verb, "dobj") for m in c.children) and not any(
        c.lower_ in ("himself", "herself", "itself", "themselves", "myself", "ourselves")
        for c in deps(verb, "dobj"))  # "defended himself against accusations"


def _encounters_someone(lex: Lexicon, verb: Token) -> bool:
    """Encountering someone is a meeting; encountering "emotional notes" is not."""
    return any(c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lemma_.lower() in lex.agents
               or c.pos_ == "PRON" and c.lower_ not in THING_PRONOUNS for c in deps(verb, "dobj"))


def _closes_something(lex: Lexicon, verb: Token) -> bool:
    """Closing a border or an embassy is a sanction; closing "the door on" a probe or
    closing a speech is a figure of speech."""
    if not deps(verb, "dobj", "nsubjpass") and any(is_particle(c) and c.lower_ == "out"
                                                   for c in verb.children):
        return False  # "said Sanders as he closed out": a speech's end
    return not any(c.lemma_.lower() in CLOSED_FIGURATIVELY for c in deps(verb, "dobj", "nsubjpass"))


def _matched_against_a_force(lex: Lexicon, verb: Token) -> bool:
    """Forces matched against each other fight; a candidate "matched up against
    Clinton" in a poll is a question put to voters."""
    return not in_an_election(verb)


def _unleashes_force(lex: Lexicon, verb: Token) -> bool:
    """Unleashing strikes or troops is force; unleashing a tweet is saying something."""
    return not told(verb)


def _bills_someone(lex: Lexicon, verb: Token) -> bool:
    """Billing someone charges them; rivals who "billed themselves as outsiders" named
    themselves."""
    return not preps(verb, "as")


def _pushes_back_a_force(lex: Lexicon, verb: Token) -> bool:
    """Pushing back troops is force; pushing back "against a claim" or "against Mr.
    Sanders's attack on her qualifications" is answering words."""
    against = objects_of(verb, "against") + objects_of(verb, "on")  # "pushing back on the story line"
    if not against and not deps(verb, "dobj") and any(
            s.ent_type_ == "PERSON" or s.lower_ in ("he", "she") for s in deps(verb, "nsubj")):
        return False  # "Sanders is pushing back, questioning Clinton's judgment"
    return not against or not all(
        g.lemma_.lower() in ATTACKED_IN_WORDS or g.lemma_.lower() in TOLD_OBJECTS
        or g.lemma_.lower() in REBUTTED or g.lemma_.lower() in ("line", "storyline") for g in against)


def _increases_forces(lex: Lexicon, verb: Token) -> bool:
    """Increasing troops or arms is a build-up, and the lexicon reads aid or sanctions
    increased by their object; tax credits that "have increased by 7 percent the
    take-home pay" build up nothing."""
    return read_by_object(lex, verb) or any(
        c.lemma_.lower() in TROOPS or c.lemma_.lower() in ARMS or c.lemma_.lower() in FORCES
        for c in deps(verb, "dobj", "nsubjpass"))


def _compelled_by_someone(lex: Lexicon, verb: Token) -> bool:
    """Compelling someone is coercion; one who "felt compelled" to act felt obliged."""
    return not (verb.head.lemma_.lower() == "feel" and verb.dep_ in ("xcomp", "acomp", "oprd")
                or any(c.dep_ == "aux" and c.lower_ in ("feel", "feels", "felt")
                       for c in verb.children))  # the parse may make "felt" an auxiliary

FORCE_SENSES: dict[str, Check] = {
    "compel": _compelled_by_someone,
    "increase": _increases_forces,
    "push": _pushes_back_a_force,
    "bill": _bills_someone,
    "unleash": _unleashes_force,
    "match": _matched_against_a_force,
    "close": _closes_something,
    "release": _frees_someone,
    "take": _takes_something,
    "seize": _seizes_something,
    "extract": _seizes_something,
    "struggle": _struggles_against_someone,
    "produce": _arms_moved,
    "test": _arms_moved,
    "fly": _forces_flown,
    "reinforce": _reinforces_a_force,
    "capture": _captures_ground,
    "square": _squares_off_forces,
    "dominate": _dominates_ground,
    "pull": _pulls_someone,
    "encounter": _encounters_someone,
    "gear": _gears_up_forces,
    "remove": _removes_someone,
    "defend": _defends_another,
    "battle": _battles_for_ground,
    "fight": _battles_for_ground,
    "grapple": _grapples_with_someone,
    "hold": _holds_ground,
    "force": _forced_by_someone,
    "equip": _equips_a_force,
    "confront": _confronts_someone,
    "control": _controls_ground,
    "shield": _shields_someone,
    "train": _trains_someone,
    "parade": _parades_force,
    "occupy": _occupies_ground,
    "fall": _falls_to_someone,
    "overtake": _overtakes_a_position,
    "guard": _guards_someone,
    "surrender": _surrenders_ground,
    "catch": _catches_someone,
    "surround": _surrounds_someone,
    "encircle": _surrounds_someone,
}
