"""Readings that hold only in their domain: force outside a conflict, and event nouns
that name something else.

Campaign and business news speak of battles, attacks and takeovers that are words,
contests and deals ("Clinton battled for the nomination", "Her attack on Sanders in
the debate", "Sanders takes Wisconsin"). A verb or noun of force that is as often
figurative keeps its reading of force only where the text gives a conflict: words of
war in its sentence or more than once in its article, or a state or a people doing
it, or an implement it is done with ("beaten with sticks"), or an attack at a named
place. Otherwise an attack aimed at someone is criticism and the rest is no event.
Help, likewise, is aid only where a conflict or a crisis is told. Only an article
tells its domain: a sentence or a brief keeps every reading.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from fogwatch.analyze.events.arguments import clause_subject, noun_actors
from fogwatch.analyze.events.lexicon import GENERIC_HEADS, PHYSICAL, Reading
from fogwatch.analyze.events.sense_parse import counted

# Lemmas that put a text in a conflict (matched on lemma and on the word as written)
CONFLICT_WORDS = frozenset({
    "troops", "troop", "soldier", "army", "military", "militant", "rebel", "insurgent",
    "militia", "jihadist", "terrorist", "terrorism", "gunman", "gunmen", "sniper",
    "missile", "rocket", "bomb", "bombing", "airstrike", "shelling", "artillery", "mortar",
    "weapon", "gun", "gunfire", "grenade", "explosive", "tank", "drone", "warplane",
    "war", "battlefield", "frontline", "front-line", "ceasefire", "truce", "invasion",
    "casualty", "hostage", "kidnap", "kill", "killed", "wound", "wounded", "injure",
    "dead", "death", "police", "riot", "violence", "violent", "clash", "assault",
    "siege", "offensive", "combat", "fighter", "navy", "marine", "commando", "shoot",
    "shot", "stab", "punch", "killing", "killings", "arson", "massacre", "execution",
    "forces", "jet", "aircraft", "helicopter", "warship", "bomber", "airstrikes",
})
# Verbs whose reading as aid needs a conflict or a crisis around: "helped Mr. Ailes
# start Fox News" is no aid
HELPING = frozenset({"help", "assist"})
CRISES = frozenset({"disaster", "earthquake", "flood", "famine", "refugee", "refugees",
                    "hurricane", "epidemic", "outbreak", "crisis", "humanitarian", "relief"})
# Words of conflict only as nouns
NOUNS_OF_CONFLICT = frozenset({"forces", "fighter", "fighters", "shot", "shots"})
# Verbs and nouns of force as often said of a contest or of words
FIGURATIVE_FORCE = frozenset({
    "battle", "fight", "attack", "assail", "hit", "hammer", "pound", "blast", "slam",
    "target", "take", "march", "force", "storm", "crush", "beat", "ambush", "push", "war",
    "assault", "offensive", "strike", "bombard", "torpedo", "raid",
})
# Of those, the ones that, aimed at someone, are criticism ("Sanders hit Clinton")
ATTACK_WORDS = frozenset({"attack", "assail", "hit", "hammer", "pound", "blast", "slam",
                          "target", "assault", "strike", "bombard", "torpedo"})
# Of those, the ones that, done at a named place, are force there ("the attacks in
# Paris"; a "battle in Iowa" may be an election's)
STRUCK_AT_PLACES = frozenset({"attack", "assault", "strike", "raid", "ambush", "bombard"})
# A text shorter than this (tokens) is a sentence or a brief, which names no domain of
# its own: "Peskov denied the attack." keeps its attack
ARTICLE_TOKENS = 150
# What one is beaten or struck with
IMPLEMENTS = frozenset({"stick", "club", "baton", "bat", "knife", "machete", "hammer", "rod",
                        "pipe", "cable", "whip", "rifle", "gun", "pistol", "bar", "stone",
                        "rock", "fist", "belt", "chain", "axe", "sword", "brick"})
# Who may use force without a word of war around: states, peoples, places
FORCE_HOLDERS = frozenset({"GPE", "NORP", "LOC"})


def conflict_in(doc: Doc) -> int:
    """How many words of conflict the document has (counted once per Doc)."""
    return counted(doc, "fw_conflict_words", _of_conflict)


def _of_conflict(tok: Token) -> bool:
    if tok.lower_ in NOUNS_OF_CONFLICT:
        return tok.pos_ == "NOUN"  # "the forces", not "it forces the candidates"
    return tok.lemma_.lower() in CONFLICT_WORDS or tok.lower_ in CONFLICT_WORDS


def in_its_domain(tok: Token, reading: Reading, is_noun: bool) -> Reading | None:
    """``reading`` as the text supports it: a figurative reading of force outside a
    conflict becomes criticism (aimed at someone) or nothing."""
    lemma = tok.lemma_.lower()
    if reading.category == "AID" and lemma in HELPING:
        # "Murdoch, who helped Mr. Ailes start Fox News": help in the sense of aid
        # between parties needs a conflict (or a crisis) to give it
        return reading if not _an_article_at_peace(tok) or _crisis_in(tok.doc) else None
    if reading.category not in PHYSICAL or lemma not in FIGURATIVE_FORCE:
        return reading
    if not _an_article_at_peace(tok):
        return reading
    if any(g.lemma_.lower() in IMPLEMENTS for c in tok.children
           if c.dep_ == "prep" and c.lower_ == "with" for g in c.children if g.dep_ == "pobj"):
        return reading  # "he was beaten with sticks": force, whatever the article is about
    doers = noun_actors(tok) if is_noun else clause_subject(tok)
    if any(w.ent_type_ in FORCE_HOLDERS for d in doers
           for w in [d, *(c for c in d.lefts if c.dep_ in ("amod", "compound", "poss"))]):
        return reading  # "Russia attacked Ukraine": a state's force, however briefly told
    if lemma in STRUCK_AT_PLACES and any(g.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children
           if c.dep_ == "prep" and c.lower_ in ("in", "at", "near", "outside")
           for g in c.children if g.dep_ == "pobj"):
        return reading  # "as the attacks in Paris were unfolding": where force was used
    if lemma in ATTACK_WORDS and (_aimed_at_someone(tok) or any(
            d.ent_type_ == "PERSON" or d.pos_ == "PRON" for d in doers)):
        return Reading("ACCUSE", "disapprove")  # "Her attack on Sanders", "Romney's attacks"
    return None


def _an_article_at_peace(tok: Token) -> bool:
    """``tok`` stands in an article with no words of war, none in its sentence."""
    return len(tok.doc) >= ARTICLE_TOKENS and conflict_in(tok.doc) < 2 and not any(
        _of_conflict(t) for t in tok.sent)


def _crisis_in(doc: Doc) -> bool:
    """Aid needs no war where a disaster or a crisis calls for it."""
    return any(t.lemma_.lower() in CRISES for t in doc)


def _aimed_at_someone(tok: Token) -> bool:
    aimed = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    aimed += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "at")
              for g in c.children if g.dep_ == "pobj"]
    aimed += [c for w in aimed for c in w.children if c.dep_ == "poss"]  # "on Clinton's positions"
    return any(w.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or w.pos_ == "PRON" for w in aimed)


def noun_is_not_event(noun: Token) -> bool:
    """Event nouns that name something else here: "calls to withdraw", "a deal-maker",
    "made a big deal about" (an idiom: no deal)."""
    if noun.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "LAW"):
        return True
    if noun.lemma_ == "deal" and any(c.lower_ in ("big", "huge", "great") for c in noun.children) \
            and not any(c.dep_ == "compound" for c in noun.children):
        return True
    after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if noun.lemma_ == "call" and (after is not None and after.lower_ == "to" or any(
            c.dep_ in ("acl", "relcl") or c.lower_ in ("to", "for") for c in noun.children)):
        return True  # "its calls to delay or repeal it": demands, not phone calls
    return noun.dep_ == "compound" and noun.head.lemma_ not in GENERIC_HEADS
