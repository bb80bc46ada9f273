"""Which sense of a verb its event reading names.

CAMEO reads one act into each verb: "call" a request, "warn" a threat, "fly" a
deployment, "test" a weapons test. News uses most of these verbs in other senses
as often: "has been called a charlatan", "warned that the museum would not be a
panacea", "Trump flew to Anchorage", "tested positive". Each check says, from the
verb's parse, whether it is used in the sense of its reading; a verb with no check
is taken as read. The lexicon (``lexicon.py``) asks :func:`means_the_act` after it
has found a reading, and drops the reading when the answer is no.

Precision first: where the parse does not show the sense, the reading is dropped
only when the words that carry the other sense are there.

The checks live by kind, each module with its table: force and ground
(``sense_force.py``), harm (``sense_harm.py``), elections, votes and backing (``sense_votes.py``), giving,
sending and hosting (``sense_aid.py``), asking, telling and meeting
(``sense_speech.py``); what they read from a parse is in ``sense_parse.py`` and the
words that tell a sense in ``sense_words.py``. ``SENSES`` gathers the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from fogwatch import wordlists as wl
from fogwatch.analyze.events.sense_aid import AID_SENSES
from fogwatch.analyze.events.sense_force import FORCE_SENSES
from fogwatch.analyze.events.sense_harm import HARM_SENSES
from fogwatch.analyze.events.sense_parse import (
    Check,
    deps,
    is_particle,
    objects_of,
    passage,
    preps,
)
from fogwatch.analyze.events.sense_speech import SPEECH_SENSES
from fogwatch.analyze.events.sense_votes import VOTE_SENSES
from fogwatch.analyze.events.sense_words import (
    ARMS,
    ATTACKED_IN_WORDS,
    SAID_IN,
    TOLD_OBJECTS,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon

__all__ = ["SENSES", "arms_near", "is_particle", "means_the_act", "passage", "said_in_attacking"]

# one table of checks, by the verb's lemma, gathered from the modules by kind
SENSES: dict[str, Check] = {**FORCE_SENSES, **HARM_SENSES, **VOTE_SENSES, **AID_SENSES, **SPEECH_SENSES}


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
    artist", "has hit Hillary Clinton for enabling her husband"), by where it was made
    ("In an interview with CNN, Trump attacks Curiel", "attacked me from the stage") or
    by the quotation it is the verb of ('"...," Hollande retaliated') or by the words it answers
    ("fired back at Trump over the proposal") or by who attacked whom: one named person
    another, with no arms in sight ("Sanders assailed Clinton at a rally in
    Philadelphia"). "Attacked the base for the second time",
    "attacked the convoy as it passed" and "attacked the town over the weekend" are
    attacks."""
    lemma = verb.lemma_.lower()
    if any(c.dep_ == "ccomp" for c in verb.children) and any(c.is_quote for c in verb.children):
        return True  # '"France will always be France," an angry Hollande retaliated'
    if lemma not in ("attack", "assail", "pound", "hammer", "batter", "hit", "fire"):
        return False
    if lemma == "fire" and not ((any(c.lower_ == "back" for c in verb.children) or not deps(
            verb, "dobj") and any(g.ent_type_ == "PERSON" for g in objects_of(verb, "at")))
                                and not arms_near(verb)):
        # only "fired back at Trump", "fired at Trump, Cruz and Kasich", with no arms in
        # sight and nothing fired ("fired several shots at Brown" is shooting)
        return False
    if lemma == "fire" and any(s.ent_type_ == "PERSON" for s in deps(verb, "nsubj")):
        return True  # "Trey Gowdy just fired back after getting hit by legal action"
    if any(c.dep_ == "advcl" and c.lemma_.lower() in wl.REPORT_VERBS for c in verb.children):
        return True
    if any(g.lemma_.lower() in SAID_IN for g in objects_of(verb, "in", "during", "on", "from")):
        return True  # "in an interview", "on Twitter", "during the debate", "from the stage"
    if any(g.lemma_.lower() in ATTACKED_IN_WORDS or g.lemma_.lower() in TOLD_OBJECTS
           for g in objects_of(verb, "over")):
        return True  # "over the proposal", not "over the weekend"
    doers = deps(verb, "nsubj")
    done = deps(verb, "dobj")
    if doers and done and all(t.ent_type_ == "PERSON" for t in doers + done) and not arms_near(verb):
        return True  # "Mr. Sanders assailed Mrs. Clinton": one politician at another, no arms
    if not deps(verb, "dobj", "nsubjpass"):
        return False
    for prep in preps(verb, "for", "as"):
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
