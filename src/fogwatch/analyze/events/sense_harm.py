"""Sense checks for verbs of harm (see ``senses.py``): striking, hitting, firing,
shooting, targeting, destroying, breaking, cutting. Warplanes strike positions; a
campaign manager who "struck a similar tune" and a tax that "hit their benefits"
harm no one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from fogwatch.analyze.events.sense_parse import (
    Check,
    deps,
    is_particle,
    objects_of,
    preps,
)
from fogwatch.analyze.events.sense_words import (
    ANIMALS,
    ARMS,
    ATTACKERS,
    BROKEN_FIGURATIVELY,
    DESTROYED_FIGURATIVELY,
    ELECTORATE,
    EXPLOSIVES,
    FIRED,
    HIT_FIGURATIVELY,
    PRESS_NOUNS,
    RECORDERS,
    STRIKING_THINGS,
    STRUCK_FIGURATIVELY,
    TOLD_OBJECTS,
    TROOPS,
    WRITINGS,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon


def _strikes_a_target(lex: Lexicon, verb: Token) -> bool:
    """Striking down a law or a limit is a court's ruling, not an attack; "was struck
    down by a sniper" still is one. A crisis that strikes attacks no one."""
    if any(c.lemma_.lower() in STRIKING_THINGS for c in deps(verb, "nsubj")) or any(
            c.lemma_.lower() in STRUCK_FIGURATIVELY for c in deps(verb, "dobj")):
        return False  # "when crisis strikes Paris", "struck a chord with voters"
    if not any(is_particle(c) and c.lower_ == "down" for c in verb.children):
        return True
    return any(lex.someone(c) for c in deps(verb, "dobj", "nsubjpass"))


def _shoots_at_someone(lex: Lexicon, verb: Token) -> bool:
    """Shooting back "that he asked the Border Patrol" is a retort; shooting a video
    ("posted the video, shot in an unknown location") is filming."""
    shot = deps(verb, "dobj", "nsubjpass") or deps(verb.head, "dobj") if verb.dep_ == "conj" \
        else deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "acl" else [])
    if any(w.lemma_.lower() in RECORDERS or w.lemma_.lower() in TOLD_OBJECTS for w in shot):
        return False
    return not (any(is_particle(c) and c.lower_ == "back" for c in verb.children)
                and (deps(verb, "ccomp") or verb.head.lemma_ in ("say", "tell")
                     or any(d.ent_type_ == "PERSON" for d in deps(verb, "nsubj"))))


def _targets_a_target(lex: Lexicon, verb: Token) -> bool:
    """Targeting a place, a force or a group is an attack; a campaign targeting voters
    courts them."""
    done = deps(verb, "dobj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    if any(g.ent_type_ == "MONEY" or any(t.tag_ == "$" for t in g.lefts)
           for a in deps(verb, "agent") for g in a.children):
        return False  # "targeted by $4.4 million in attacks": advertising
    if any(c.lemma_.lower() in RECORDERS or c.lemma_.lower() in ("ad", "advertisement", "campaign")
           or c.lemma_.lower() in WRITINGS for c in deps(verb, "nsubj")):
        return False  # "the ad targets a corrupt political system"
    return not any(c.lemma_.lower() in ELECTORATE or c.lemma_.lower() in PRESS_NOUNS
                   for c in done)


def _tears_something(lex: Lexicon, verb: Token) -> bool:
    """Tearing down a statue or tearing through a town is force; "tearing the GOP apart"
    is division."""
    return not any(c.lower_ == "apart" for c in verb.children) and not any(
        c.ent_type_ in ("ORG", "NORP") for c in deps(verb, "dobj"))


def _hangs_someone(lex: Lexicon, verb: Token) -> bool:
    """Hanging someone ("was hanged", "hanged two prisoners") is violence; hanging
    around with people is not."""
    if any(is_particle(c) for c in verb.children) or preps(verb, "around", "out", "with"):
        return False
    return bool(deps(verb, "dobj", "nsubjpass", "auxpass"))  # "the last man to be hanged"


def _explodes_arms(lex: Lexicon, verb: Token) -> bool:
    """An explosion is of a weapon or a charge ("a car bomb exploded"), not of a
    prison population."""
    what = deps(verb, "nsubj", "dobj", "nsubjpass")
    return any(w.lemma_.lower() in ARMS or w.lower_ in EXPLOSIVES for w in what)


def _hits_a_target(lex: Lexicon, verb: Token) -> bool:
    """Hitting a target is an attack; hitting the stage or a record is not, nor rising
    costs that "have hit people's wallets"."""
    return not any(c.lemma_.lower() in HIT_FIGURATIVELY for c in deps(verb, "dobj")) and not any(
        c.lemma_.lower() in STRIKING_THINGS for c in deps(verb, "nsubj"))


def _fires_arms(lex: Lexicon, verb: Token) -> bool:
    """Firing is shooting when what is fired is a weapon or its rounds, or nothing is
    named ("troops fired on the crowd"); firing a person is a dismissal and firing
    questions is asking."""
    fired = [w for w in deps(verb, "dobj", "nsubjpass")  # "employees were fired"
             if w.lemma_.lower() != "time"  # "five times"
             and not (w.dep_ == "nsubjpass" and w.pos_ == "PRON")]  # "how they're fired"
    return not fired or any(w.lemma_.lower() in FIRED or w.lemma_.lower() in ARMS
                            or w.lower_ in ARMS for w in fired)


def _cuts_forces(lex: Lexicon, verb: Token) -> bool:
    """Cutting the number of troops disarms; cutting "the number of polling places"
    does not. Only a count of forces, arms or people is read by its count."""
    counts = [c for c in deps(verb, "dobj", "nsubjpass") if c.lemma_.lower() in ("number", "size")]
    counted = [g for c in counts for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj"]
    return not counts or any(lex.someone(g) or g.lemma_.lower() in TROOPS
                             or g.lemma_.lower() in ARMS for g in counted)


def _bombards_with_arms(lex: Lexicon, verb: Token) -> bool:
    """Bombarding is shelling, not being "bombarded with hate calls" or questions."""
    return not any(not (g.lemma_.lower() in ARMS or g.lower_ in EXPLOSIVES)
                   for g in objects_of(verb, "with"))


def _breaks_something(lex: Lexicon, verb: Token) -> bool:
    """Breaking is breaking something or through it ("broke the siege", "broke
    through the lines"); breaking up, down or out, and news breaking, is no attack."""
    if any(is_particle(c) and c.lower_ in ("up", "down", "out") for c in verb.children):
        return False
    if any(c.lemma_.lower() in BROKEN_FIGURATIVELY for c in deps(verb, "dobj", "nsubjpass")):
        return False  # "broke the record", "broke his silence", "broke ranks"
    return bool(deps(verb, "dobj", "nsubjpass") or preps(verb, "through", "into"))


def _destroys_something(lex: Lexicon, verb: Token) -> bool:
    """Destroying a town or a convoy is an attack; a deadlock that "destroyed
    Obama's plan" or a scandal that destroyed a career is a figure of speech."""
    return not any(c.lemma_.lower() in DESTROYED_FIGURATIVELY for c in deps(verb, "dobj", "nsubjpass"))


def _hurts_by_force(lex: Lexicon, verb: Token) -> bool:
    """Hurting or harming is an attack when people are hurt ("twelve people were hurt
    in the blast") or force hurts them ("the blast hurt twelve people", "the gunman
    hurt three"); a policy that hurts "the little people", a scandal that hurt a
    campaign or a city "hurting" is a figure of speech."""
    if deps(verb, "nsubjpass"):
        return True
    if not deps(verb, "dobj"):
        return False
    return any(d.lemma_.lower() in ATTACKERS or d.lemma_.lower() in TROOPS
               or (read := lex.noun(d)) is not None and read.category == "ASSAULT"
               for d in deps(verb, "nsubj"))


def _kills_someone(lex: Lexicon, verb: Token) -> bool:
    """Killing is an attack on people; experiments that "even killed rats" attack no one."""
    killed = deps(verb, "dobj", "nsubjpass")
    return not killed or not all(c.lemma_.lower() in ANIMALS for c in killed)


HARM_SENSES: dict[str, Check] = {
    "kill": _kills_someone,
    "hurt": _hurts_by_force,
    "harm": _hurts_by_force,
    "destroy": _destroys_something,
    "break": _breaks_something,
    "tear": _tears_something,
    "explode": _explodes_arms,
    "bombard": _bombards_with_arms,
    "strike": _strikes_a_target,
    "hit": _hits_a_target,
    "fire": _fires_arms,
    "shoot": _shoots_at_someone,
    "target": _targets_a_target,
    "hang": _hangs_someone,
    "cut": _cuts_forces,
}
