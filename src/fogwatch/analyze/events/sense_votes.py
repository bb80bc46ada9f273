"""Sense checks for verbs of elections, votes and backing (see ``senses.py``): a
candidate beating a rival, a party backing a bill, a body voting. An election is
no war, and a vote no political act between states. Also the figures campaign news
uses: charges traded, delegates allocated, a campaign marching toward November, a
candidate revived, a hole dug.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from fogwatch.analyze.events.sense_parse import (
    Check,
    a_candidacy,
    counted,
    deps,
    in_an_election,
    is_particle,
    objects_of,
    preps,
    read_by_object,
)
from fogwatch.analyze.events.sense_words import (
    CONTESTED,
    ELECTORATE,
    EVIDENCE,
    MEASURES,
    OFFICES,
    PARTY_WORDS,
    POLL_SHARES,
    RIVALS,
    VOTING_PUBLIC,
)

if TYPE_CHECKING:
    from fogwatch.analyze.events.lexicon import Lexicon


def _suspends_something(lex: Lexicon, verb: Token) -> bool:
    """Suspending aid, talks or a member is a sanction; a candidate suspending a
    campaign or a bid ends a run for office."""
    return not any(a_candidacy(c) for c in deps(verb, "dobj", "nsubjpass"))


def _votes_in_a_body(lex: Lexicon, verb: Token) -> bool:
    """A vote is a body's decision ("parliament voted for the resolution"), not an
    election: voters, citizens or districts voting, or a vote for a candidate or a
    party."""
    voters = deps(verb, "nsubj", "nsubjpass") + ([verb.head] if verb.dep_ == "relcl" else [])
    if any(c.lower_ in PARTY_WORDS for c in verb.children if c.dep_ in (
            "oprd", "acomp", "advmod", "dobj", "npadvmod", "attr")):
        return False  # "have voted Democratic for decades"
    if any(c.ent_type_ == "ORG" or c.lemma_.lower() in lex.agents and c.lemma_.lower() not in VOTING_PUBLIC
           for c in voters):
        return True  # a body: "the Knesset voted against Netanyahu", "lawmakers voted"
    if any((c.lemma_.lower() in VOTING_PUBLIC or c.lower_ in VOTING_PUBLIC)
           and not any(m.lower_ == "member" for m in c.children) for c in voters):
        return False
    return not any(g.ent_type_ in ("PERSON", "NORP") or g.lower_ in ("someone", "him", "her")
                   for g in objects_of(verb, "for", "against"))


def _backed_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """Support from a party or a state; voters who "overwhelmingly support the
    president", and a poll's shares, are an electorate's leaning."""
    if any(c.lemma_.lower() in ELECTORATE or c.lower_ in ELECTORATE for c in deps(verb, "nsubj")):
        return False
    return _preferred_by_a_party(lex, verb)


def _contest_between_people(lex: Lexicon, verb: Token) -> bool:
    """One person crushing, beating or sweeping another, a region or a vote total, is
    an election ("McCain was crushed by Obama in 2008", "Clinton was sweeping much of
    the South", "Trump and Cruz bested Clinton's vote total");
    a force crushing a revolt is not."""
    doers = deps(verb, "nsubj") + [g for a in deps(verb, "agent") for g in a.children
                                    if g.dep_ == "pobj"]
    done = deps(verb, "dobj", "nsubjpass")
    if any(t.lemma_.lower() in RIVALS for t in done) and in_an_election(verb):
        return False  # "now that he's beaten those former rivals and locked up the nomination"
    return not (doers and all(d.ent_type_ == "PERSON" or d.lower_ in ("he", "she") for d in doers)
                and (not done or all(t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP")
                                     or t.pos_ in ("PRON", "ADJ") or t.lower_ == "much"
                                     or t.lemma_.lower() in CONTESTED for t in done))
                and in_an_election(verb))


def _volunteered_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """A state or a group volunteering to mediate offers to act; survey respondents who
    "volunteered to take surveys" offer nothing."""
    return any(c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or c.lemma_.lower() in lex.agents
               for c in deps(verb, "nsubj"))


def _preferred_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """Support, not a poll's shares: "Female troops preferred Clinton 51 percent to 24
    percent", "male troops backed Trump, 57 percent to 22 percent"."""
    return not any(t.lower_ in POLL_SHARES or t.lemma_ == "point" and any(n.like_num for n in t.children)
                   for c in verb.children if c.dep_ not in ("ccomp", "advcl", "relcl", "conj")
                   for t in c.subtree)  # "women back him by almost 20 points"


def _appoints_by_object(lex: Lexicon, verb: Token) -> bool:
    """Appointing an envoy or a committee (CAMEO's objects) is an act; appointing
    supporters "to the standing committees" names no committee set up."""
    return read_by_object(lex, verb) or bool(preps(verb, "as"))


def _campaigns_for_something(lex: Lexicon, verb: Token) -> bool:
    """Campaigning for someone's release is a demand; campaigning for president, or
    campaigning, is running for office."""
    demanded = objects_of(verb, "for", "against")
    return bool(deps(verb, "xcomp")) or any(  # not for or against a candidate
        g.lemma_.lower() not in OFFICES and g.ent_type_ != "PERSON" for g in demanded)


def _supported_by_a_party(lex: Lexicon, verb: Token) -> bool:
    """Support is given by someone, not by evidence ("what we think the evidence
    supports") nor by voters ("African-American voters overwhelmingly support the
    president")."""
    return not any(c.lemma_.lower() in EVIDENCE or c.lemma_.lower() in ELECTORATE
                   for c in deps(verb, "nsubj"))


def _bids_for_something(lex: Lexicon, verb: Token) -> bool:
    """A bid asks for something ("bid for membership", "bid to join"), not "bid in
    auto auctions"."""
    return bool(deps(verb, "xcomp") or preps(verb, "for"))


def _passes_a_measure(lex: Lexicon, verb: Token) -> bool:
    """Passing is passing a law or a measure, not "women who pass through checkpoints"
    nor "passed the microphone to a delegate"."""
    passed = deps(verb, "dobj", "nsubjpass")
    return read_by_object(lex, verb) or any(
        c.lemma_.lower() in MEASURES or lex.noun(c) is not None for c in passed)


def _sweeps_ground(lex: Lexicon, verb: Token) -> bool:
    """Sweeping through a town (the lexicon's objects) is force; "fighters swept across
    the border" is an advance CAMEO's bare "sweep" (an inquiry) misreads, and a candidate
    sweeping a region is an election."""
    return read_by_object(lex, verb) and _contest_between_people(lex, verb)


def _launches_a_drive(lex: Lexicon, verb: Token) -> bool:
    """Launching an appeal campaign is a request; a candidate launching "his campaign"
    runs for office."""
    return _suspends_something(lex, verb)



def _signs_something(lex: Lexicon, verb: Token) -> bool:
    """Signing a treaty or a bill is an act of support; signing up to be a delegate
    or at a website is enrolling."""
    return not any(is_particle(c) and c.lower_ == "up" for c in verb.children)

CAMPAIGN_WORDS = frozenset({"campaign", "election", "reelection", "re-election",
                            "presidential", "primary", "fundraising"})


def campaign_rally(noun: Token) -> bool:
    """A rally is a protest unless it is a campaign's: named so ("a campaign rally"), by
    its candidate ("punches thrown at Trump rallies") or the stage a speaker speaks from
    ("Trump said during a rally in Kenansville", "at a rally in Portland, Trump included the
    Philippines"), or one a candidate holds ("Sanders held a rally Saturday"), or one in
    news of a campaign that tells no cause; a rally against something, for a cause or
    calling for something is still a protest."""
    if any(c.dep_ in ("compound", "amod") and c.lower_ in CAMPAIGN_WORDS
           or c.dep_ in ("compound", "poss") and c.ent_type_ == "PERSON" for c in noun.children):
        return True
    if any(g.lemma_.lower() in ("supporter", "voter", "volunteer", "donor")
           for c in noun.children if c.dep_ == "prep" and c.lower_ == "with"
           for g in c.children if g.dep_ == "pobj"):
        return True  # "at a rally with supporters in Colorado"
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("hold", "host", "stage") and any(
            c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in ("he", "she")
                                   or c.pos_ == "PROPN" and not c.ent_type_)
            for c in noun.head.children) and not any(
            c.dep_ == "prep" and c.lower_ in ("against", "for") for c in noun.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("against", "over") for c in noun.children) \
            or any(c.lower_.startswith(("anti", "pro-")) or c.lower_ in PROTEST_WORDS
                   for c in noun.children if c.dep_ in ("amod", "compound")) \
            or any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in PROTEST_ACTS
                   for c in noun.children) \
            or noun.dep_ == "nsubj" and noun.head.lemma_.lower() in PROTEST_ACTS:
        return False  # "a rally against the war", "an anti-war rally", "a rally calling for"
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ in ("at", "during") and prep.head.pos_ in (
            "VERB", "AUX") and any(
            c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in ("he", "she")
                                   or c.lemma_.lower() in ("nominee", "candidate"))
            for c in prep.head.children):
        return True
    return campaign_news(noun.doc)  # a rally with no cause told, in news of a campaign


# what a protest rally is called or does: "an anti-war rally", "a rally calling for the
# release of the girls", "the rally denounced the call for a ban"
PROTEST_WORDS = frozenset({"protest", "opposition", "solidarity", "peace", "antiwar", "street",
                           "mass", "defiance", "unity"})
PROTEST_ACTS = frozenset({"call", "demand", "protest", "denounce", "condemn", "urge", "oppose",
                          "mark", "commemorate", "support"})
# words of an election campaign, three of which in a text make it campaign news
CAMPAIGN_NEWS = frozenset({"campaign", "candidate", "candidates", "nominee", "primary",
                           "primaries", "caucus", "caucuses", "delegates", "stump", "presidential",
                           "nomination", "superdelegates"})


def campaign_news(doc: Doc) -> bool:
    """Whether a text is news of an election campaign, where a rally is the campaign's."""
    return counted(doc, "fw_campaign_words", lambda t: t.lower_ in CAMPAIGN_NEWS) >= 3


# What is traded that is words or places, no goods: "traded charges over the bailout",
# "traded places in the polls"
TRADED_WORDS = frozenset({"charge", "barb", "insult", "accusation", "jab", "blow", "shot",
                          "punch", "place", "seat", "spot", "position", "lead", "word",
                          "compliment", "joke", "quip", "glance"})
# What an election allocates: "the states allocate delegates proportionally"
ALLOCATED_BY_VOTES = frozenset({"delegate", "seat", "vote", "superdelegate", "elector"})


def _trades_goods(lex: Lexicon, verb: Token) -> bool:
    """Trading goods or prisoners is an exchange between parties; trading charges or
    places is words and standings."""
    return not any(c.lemma_.lower() in TRADED_WORDS for c in deps(verb, "dobj", "nsubjpass"))


def _combines_forces(lex: Lexicon, verb: Token) -> bool:
    """Combining forces is cooperation; "they combined to spend $332,000" adds sums."""
    return not any(c.dep_ == "xcomp" for c in verb.children)


def _allocates_resources(lex: Lexicon, verb: Token) -> bool:
    """Allocating funds is an act; states allocating delegates is how a vote counts."""
    return not any(c.lemma_.lower() in ALLOCATED_BY_VOTES for c in deps(verb, "dobj", "nsubjpass"))


# Goals one marches toward that are no place: "marching toward November", "toward the
# nomination"
MARCHED_TOWARD = frozenset({"victory", "nomination", "win", "majority", "goal", "finish",
                            "convention", "election", "primary", "presidency", "history"})


def _marches_somewhere(lex: Lexicon, verb: Token) -> bool:
    """A march is a protest; marching toward a month or a nomination is a campaign's
    progress."""
    times = [(t.start, t.end) for t in verb.doc._.fw_times or ()]
    return not any(g.ent_type_ in ("DATE", "TIME") or g.lemma_.lower() in MARCHED_TOWARD
                   or any(a <= g.idx < b for a, b in times)
                   for g in objects_of(verb, "toward", "towards", "to"))


def _assesses_by_inquiry(lex: Lexicon, verb: Token) -> bool:
    """Assessing damage is an inquiry; assessing an impact "as modest" is an opinion."""
    return not preps(verb, "as") and not any(preps(o, "as") for o in deps(verb, "dobj"))


def _digs_into_something(lex: Lexicon, verb: Token) -> bool:
    """Digging into a record is an inquiry; digging oneself a hole is a blunder."""
    return bool(preps(verb, "into", "up")) or any(c.lower_ in ("into", "up") for c in verb.children)


def _revives_something(lex: Lexicon, verb: Token) -> bool:
    """Reviving talks or a pact is an agreement; a candidate "revived" by a win is not."""
    return bool(deps(verb, "dobj")) and not any(c.ent_type_ == "PERSON" or c.pos_ == "PRON"
                                                 for c in deps(verb, "dobj", "nsubjpass"))


def _applauds_someone(lex: Lexicon, verb: Token) -> bool:
    """Applauding someone or a decision is praise; clapping to hymns is not."""
    return bool(deps(verb, "dobj")) or bool(preps(verb, "for"))


def _ties_no_vote(lex: Lexicon, verb: Token) -> bool:
    """Tying a rival in a caucus is an even vote, no bond between parties."""
    return not in_an_election(verb) and _contest_between_people(lex, verb)


def _settles_something(lex: Lexicon, verb: Token) -> bool:
    """Settling a dispute or with plaintiffs is a concession; settling "in a chair" or
    "into a routine" is sitting down."""
    return bool(deps(verb, "dobj", "nsubjpass")) or not preps(verb, "in", "into", "on", "down")


VOTE_SENSES: dict[str, Check] = {
    "settle": _settles_something,
    "tie": _ties_no_vote,
    "overwhelm": _contest_between_people,
    "march": _marches_somewhere,
    "assess": _assesses_by_inquiry,
    "dig": _digs_into_something,
    "revive": _revives_something,
    "clap": _applauds_someone,
    "trade": _trades_goods,
    "combine": _combines_forces,
    "allocate": _allocates_resources,
    "sign": _signs_something,
    "pass": _passes_a_measure,
    "suspend": _suspends_something,
    "vote": _votes_in_a_body,
    "volunteer": _volunteered_by_a_party,
    "prefer": _preferred_by_a_party,
    "favor": _preferred_by_a_party,
    "back": _backed_by_a_party,
    "crush": _contest_between_people,
    "beat": _contest_between_people,
    "defeat": _contest_between_people,
    "sweep": _sweeps_ground,
    "launch": _launches_a_drive,
    "clobber": _contest_between_people,
    "appoint": _appoints_by_object,
    "damage": _contest_between_people,
    "bid": _bids_for_something,
    "best": _contest_between_people,
    "campaign": _campaigns_for_something,
    "support": _supported_by_a_party,
}
