"""Events: who did what to whom, where, when, and whether it happened.

For every verb or noun the event lexicon knows (CAMEO verbs mapped to PLOVER
2.0, plus war-reporting words), the stage reads from the dependency parse:

- the PLOVER category and mode (refined by the object: "impose sanctions");
- actors (subject, passive agent, possessor of an event noun) and targets
  (object, target-marking preposition), as entity keys where the entities
  stage knows them, else as the words of the text;
- the place (a resolved Place on a locative preposition) and the time (a time
  expression attached to the trigger or a clause above it; "DCT" when the
  clause is in the present or present perfect);
- the modality: inside someone's attribution -> claimed (denied when the cue
  is a denial), else negated, threatened, planned, hypothetical or happened,
  and unknown where the text gives no evidence either way.

It also links each quantity to the attribution and the event it belongs to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from fogwatch import wordlists as wl
from fogwatch.analyze.base import Stage, ensure_extension, sentence_index
from fogwatch.analyze.entities import STATE_NOUNS
from fogwatch.analyze.events import arguments as args
from fogwatch.analyze.events.anchor import (
    after_published,
    event_time,
    published_day,
    told_as_past,
)
from fogwatch.analyze.events.lexicon import (
    BATCH_NOUNS,
    LIGHT_VERBS,
    PHYSICAL,
    Reading,
    get_lexicon,
)
from fogwatch.analyze.events.sense_domain import in_its_domain, noun_is_not_event
from fogwatch.analyze.events.sense_parse import describes_its_noun, habitual, title_case_tokens
from fogwatch.analyze.events.sense_words import FOUGHT_WITH
from fogwatch.analyze.factuality import factuality_of
from fogwatch.analyze.factuality.clauses import WH_TAGS, going_to
from fogwatch.findings import Attribution, Document, Event, Quantity, TextSpan

for _name in ("fw_events", "fw_event_reads", "fw_entities", "fw_times", "fw_attributions",
              "fw_places", "fw_quantities"):
    ensure_extension(_name, None)

try:  # the entities stage is optional; without it, arguments are the text's words
    from fogwatch.analyze.entities import entity_at as _entity_at
except ImportError:  # pragma: no cover - depends on what is installed
    _entity_at = None

# A denial's cue makes the events inside it denied. "contest" too, here: a source that
# contests a report disputes what it says happened.
DENIAL_CUES = wl.DENIAL_VERBS | wl.DISOWNING_VERBS | {"contest"}
# Verbs under which a clause is a claim when no attribution stage ran.
REPORTING_VERBS = wl.REPORT_VERBS | wl.BELIEF_VERBS
# the pronouns by which a speaker names itself or is named in its own statement
SPEAKER_PRONOUNS = frozenset({"i", "we", "he", "she", "it", "they"})
THREAT_VERBS = frozenset({"threaten", "warn", "vow"})
PLAN_VERBS = frozenset({"plan", "intend", "aim", "prepare", "schedule", "expect", "promise",
                        "pledge", "agree", "decide", "want", "seek", "propose", "offer", "hope",
                        "set", "mean", "vow", "swear", "threaten"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# verbs of an event's course, whose future is the event's ("talks will resume")
ASPECTUAL = frozenset({"resume", "begin", "start", "continue", "open", "take", "happen",
                       "occur", "be"})
# verbs of doing an event noun, whose negation refuses it ("did not sign the deal")
REFUSABLE = args.DOER_VERBS | {"accept"}
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "can", "should", "'d", "ca"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
NEGATIONS = wl.NEGATORS
NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr"})
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST", "MOBILIZE"})
READY_WORDS = frozenset({"willing", "ready", "prepared", "set", "determined", "eager"})


@dataclass(slots=True)
class EventRead:
    """An event with its argument spans kept (for evaluation and debugging)."""

    event: Event
    trigger: Token
    actor_spans: list[Span] = field(default_factory=list)
    target_spans: list[Span] = field(default_factory=list)


TRIGGER_POS = np.array([NOUN, VERB, AUX], dtype=np.uint64)


def find_events(doc: Doc) -> list[EventRead]:
    lexicon = get_lexicon()
    reads: list[EventRead] = []
    taken: set[int] = set()
    # only nouns, verbs and auxiliaries can be triggers: skip the rest in the array
    pos = doc.to_array(POS) if len(doc) else np.zeros(0, dtype=np.uint64)
    headlines = title_case_tokens(doc)  # a title-case headline's parse is a string of names
    for i in np.flatnonzero(np.isin(pos, TRIGGER_POS)).tolist():
        tok = doc[i]
        if tok.i in taken or tok.i in headlines:
            continue
        reading: Reading | None = None
        particle: Token | None = None
        is_noun = False
        # a "verb" in a noun's slot is a tagging slip: "Ukrainian strikes ... are"
        nounish = tok.pos_ == "NOUN" or (tok.pos_ == "VERB" and tok.dep_ in NOUN_DEPS
                                         and tok.tag_ in ("NNS", "NN", "VBZ"))
        if tok.dep_ in ("amod", "compound") and tok.pos_ == "VERB":
            continue  # "the divided island", "Ousted President": a description, not an event
        if not nounish and (tok.pos_ == "VERB" or (
            tok.pos_ == "AUX" and tok.dep_ == "ROOT" and tok.lemma_ != "be"
        )):
            if tok.lemma_.lower() in LIGHT_VERBS and lexicon.event_object(tok) is not None:
                continue  # the noun names the event: "started mass production"
            if describes_its_noun(tok) or habitual(tok):
                continue  # "a group that opposes secular education", "regularly pledges"
            got = lexicon.verb(tok)
            if got is not None:
                reading, particle = got
        elif nounish:
            reading = lexicon.noun(tok)
            is_noun = True
            if reading is not None and noun_is_not_event(tok):
                reading = None
        if reading is not None:  # "Clinton battled for the nomination" is no fight
            reading = in_its_domain(tok, reading, is_noun)
        if reading is None:
            continue
        if particle is not None:
            taken.add(particle.i)
        reads.append(_build(doc, tok, reading, particle, is_noun))
    _drop_duplicates(reads)
    triggers = {r.trigger.i for r in reads}
    published = published_day(doc)
    for r in reads:
        r.event.time, r.event.time_value, r.event.time_precision = event_time(
            doc, r.trigger, r.event.modality, triggers)
        if not after_published(r.event.time_value, published):
            continue
        if told_as_past(r.trigger):
            # "the November 21 deadline is reshaping trade: a trader has walked away
            # from a deal": a time to come cannot date what is told as done
            r.event.time = r.event.time_value = r.event.time_precision = None
        elif r.event.modality in ("happened", "unknown"):
            r.event.modality = "planned"  # "the talks take place in Istanbul on November 20"
    return reads


def _build(doc: Doc, tok: Token, reading: Reading, particle: Token | None, is_noun: bool) -> EventRead:
    if is_noun:
        actor_heads = args.noun_actors(tok)
        target_heads = args.noun_targets(tok)
    else:
        actor_heads = args.clause_subject(tok)
        target_heads = args.verb_targets(tok)
    timed = _time_tokens(doc)
    # a question word or an unresolved relative pronoun names no one ("Who shelled
    # the hospital?", "the attack, which could not be verified")
    actor_heads = [t for t in actor_heads if t.i != tok.i and t.i not in timed
                   and not args.asked_about(t) and not get_lexicon().no_doer(t)]
    target_heads = [t for t in target_heads if t.i not in timed and t.tag_ not in WH_TAGS
                    and not (reading.category in PHYSICAL and t.dep_ == "pobj"  # "with sticks"
                             and t.head.lower_ == "with" and (tok.lemma_.lower() not in FOUGHT_WITH
                                                              or not get_lexicon().someone(t)))]
    place_tokens = {p.i for p in args.place_heads(tok)}
    # a place named after "in"/"at"/"into" is where, not whom
    target_heads = [t for t in target_heads if t.i not in place_tokens or t.dep_ == "dobj"
                    or t.head.lower_ in ("on", "against", "to") or args.aimed_at(tok, t)]
    where = None
    if is_noun:
        # "the Alaska summit", "the Budapest talks": a town or region before the noun
        # says where it was, not who did it (a country or a possessive still acts)
        named_places = [(t, _subnational_place(doc, t)) for t in actor_heads
                        if t.dep_ in ("compound", "nmod")]
        moved = [(t, key) for t, key in named_places if key is not None]
        actor_heads = [t for t in actor_heads if all(t.i != m.i for m, _ in moved)]
        where = moved[0][1] if moved else None
    actor_spans = [_without_owner(doc, args.noun_phrase(t)) for t in actor_heads]
    target_spans = [args.noun_phrase(t) for t in target_heads]
    end = particle.i + 1 if particle is not None and particle.i == tok.i + 1 else tok.i + 1
    span = doc[tok.i:end]
    modality, attribution = _modality(doc, tok)
    category, mode = _shift_category(tok, reading, modality,
                                     _said_by_actor(doc, tok, actor_heads, attribution))
    event = Event(
        trigger=TextSpan(span.text, span.start_char, span.end_char), type=category,
        sentence=sentence_index(doc, tok.idx), mode=mode,
        actors=_keys(doc, actor_spans), targets=_keys(doc, target_spans),
        place=_place(doc, tok) or where, modality=modality,
        attribution=attribution,
    )
    return EventRead(event, tok, actor_spans, target_spans)


def _time_tokens(doc: Doc) -> set[int]:
    cached = doc.user_data.get("fw_time_tokens")
    if cached is not None:
        return cached
    out: set[int] = set()
    times = doc._.fw_times
    spans = [doc.char_span(t.start, t.end, alignment_mode="expand") for t in times] if times \
        else [e for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for span in spans:
        if span is not None:
            out.update(range(span.start, span.end))
    doc.user_data["fw_time_tokens"] = out
    return out


def _shift_category(tok: Token, reading: Reading, modality: str,
                    said: bool = True) -> tuple[str, str | None]:
    """PLOVER codes intentions, demands and threats by what is said, not what is named.

    Cooperation or yielding announced for the future is AGREE; conflictual action
    announced for the future, or made conditional, is THREATEN; an action someone
    "must" or "should" take is a REQUEST (see docs/plover-mapping.md). A
    conflictual act that is only possible is a threat when its actor says so
    (``said``: "the Community may halt mediation if ..., its minister said"); in
    an analyst's words or the reporter's ("Russia could take all of Donbas", "the
    offensive seems to have picked up speed") it is the act, which may happen.
    """
    category = reading.category
    # announced: "will", "is going to", "plans / is ready / threatened to"; an
    # infinitive of purpose ("joined forces to help fund", "encouraging the attacks")
    # is planned by the factuality stage but announces nothing
    future = _future(tok)
    if _obliged(tok):
        return "REQUEST", None
    if (_negated(tok) or _refused(tok)) and category in COOPERATIVE | {"AGREE", "CONCEDE"}:
        return "REJECT", None  # "will not accept refugees", "refused to meet"
    if future and any(c.dep_ == "mark" and c.lower_ == "unless" for c in tok.subtree):
        return "THREATEN", None  # "will withdraw its force unless ..."
    if future and category in COOPERATIVE | {"CONCEDE", "RETREAT"}:
        return "AGREE", None
    if (future or (modality == "hypothetical" and said)) and category in CONFLICTUAL \
            and not _negated(tok):  # "will not send troops" threatens no one
        return "THREATEN", None
    return category, reading.mode


def _said_by_actor(doc: Doc, tok: Token, actors: list[Token], attribution: int | None) -> bool:
    """The event is said by its own actor: "Syria says it will not accept more
    refugees", "NATO confirmed it would tighten the blockade", "'We will strike
    back,' he said". The speaker is the source of the attribution the event sits
    in, else the subject of a reporting verb above it; the actor is that speaker,
    or a personal pronoun standing for it."""
    if not actors:
        return False
    speaker = ""
    attributions = doc._.fw_attributions
    if attribution is not None and attributions:
        source = attributions[attribution].source
        speaker = source.text.lower() if source is not None else ""
    else:
        for anc in args.ancestor_path(tok)[1:]:
            if anc.pos_ == "VERB" and anc.lemma_.lower() in wl.REPORT_VERBS:
                speaker = " ".join(c.text.lower() for c in anc.children if c.dep_ == "nsubj")
                break
    if not speaker:
        return False
    for actor in actors:
        word = actor.lower_
        if word in SPEAKER_PRONOUNS or word in speaker.split() or actor.text.lower() in speaker:
            return True
    return False


def _future(tok: Token) -> bool:
    if tok.pos_ == "NOUN" and tok.head.lemma_.lower() not in ASPECTUAL and (
            tok.dep_ in ("nsubj", "csubj") or tok.head.lemma_.lower() not in args.DOER_VERBS):
        # a noun is announced with a verb of doing it or of its course ("will hold
        # talks", "talks will resume"), not with any verb ("whether the conversation will
        # influence him", "the violence would not deter the negotiations")
        return False
    verb = tok.head if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX") else tok
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if "have" in aux and verb.tag_ == "VBN" and not aux & FUTURE_AUX:
        return False  # "would not have received aid": what might have been, not a plan
    if aux & (FUTURE_AUX | {"would"}) or going_to(verb):
        return True
    # "is willing / ready / prepared to send"
    head = verb.head
    if verb.dep_ == "xcomp" and head.lower_ in READY_WORDS:
        return True
    return verb.dep_ == "xcomp" and head.lemma_.lower() in PLAN_VERBS


def _refused(tok: Token) -> bool:
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("refuse", "decline", "reject")


def _obliged(tok: Token) -> bool:
    verb = tok.head if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX") else tok
    return any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in verb.children)


def _drop_duplicates(reads: list[EventRead]) -> None:
    """A noun trigger that is the object of a verb trigger of the same category is one event."""
    verbs = {r.trigger.i: r for r in reads if r.trigger.pos_ != "NOUN"}
    keep: list[EventRead] = []
    for r in reads:
        tok = r.trigger
        up = tok.head
        if tok.dep_ == "pobj" and up.lower_ == "of" and up.head.lower_ in BATCH_NOUNS:
            up = up.head.head  # "slapped a new round of sanctions"
        head = verbs.get(up.i)
        if tok.pos_ == "NOUN" and head is not None \
                and tok.dep_ in ("dobj", "pobj", "attr", "nsubjpass") \
                and head.event.type == r.event.type:
            continue
        keep.append(r)
    reads[:] = keep


# --- arguments -> keys ---------------------------------------------------------------


def _without_owner(doc: Doc, span: Span) -> Span:
    """"Russia's massive casualties, which have forced it to ...": the casualties
    act, not Russia. A thing that is no entity, no event and none of a state's
    instruments (``STATE_NOUNS``: "Russia's forces", "Ukraine's strikes" are the
    state acting) does what its clause says; its owner before it only says whose
    it is. Returns the span without the owner (the span itself otherwise)."""
    root = span.root
    owners = [c for c in root.children if c.dep_ == "poss"]
    if not owners or root.pos_ != "NOUN" or root.lower_ in STATE_NOUNS \
            or get_lexicon().noun(root) is not None:
        return span
    if _entity_at is not None and doc._.fw_entities is not None \
            and _entity_at(doc, root.idx, root.idx + len(root)) is not None:
        return span
    end_of_owner = max(t.i for o in owners for t in o.subtree) + 1
    if not span.start <= end_of_owner < root.i + 1:
        return span
    return doc[end_of_owner:span.end]


def _keys(doc: Doc, spans: list[Span]) -> list[str]:
    keys: list[str] = []
    for span in spans:
        found = _entities_in(doc, span)
        if found and not _group_of_a_people(doc, span, found):
            keys.extend(k for k in found if k not in keys)
            continue
        text = _group_words(span) if found else span.text.strip()
        if text and text not in keys:
            keys.append(text)
    return keys


PLACE_KEYS = ("gaz:place/", "auto:GPE/", "auto:LOC/", "geo:")
# Words before a group's noun that say how many, not who: "numerous Russian milbloggers"
_HOW_MANY = frozenset({"numerous", "many", "several", "some", "few", "most", "various",
                       "countless", "dozens", "hundreds", "thousands", "other", "more"})


def _group_of_a_people(doc: Doc, span: Span, keys: list[str]) -> bool:
    """"Numerous Russian milbloggers dismissed ...": the actor is a group described
    by a people's name (or a place's: "a Geneva trader"), not the people. True when
    every entity found is a people (NORP) standing before the phrase's head (or a
    place named before it), and the head is a common noun that is no entity's
    mention (the entities stage already makes "Russian forces" the state, so a NORP
    left before a noun names only who the group belongs to)."""
    head = span.root
    peoples = all(k.startswith("auto:NORP/") for k in keys)
    # "a Geneva trader has walked away": a town or country before a noun that is
    # none of a state's instruments ("Kyiv officials" are) nor an act ("U.S. delivery"
    # is the United States delivering) says where the doer is from
    places = all(k.startswith(PLACE_KEYS) for k in keys) and head.lower_ not in STATE_NOUNS \
        and get_lexicon().noun(head) is None \
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in head.children) \
        and not any(t.pos_ == "PROPN" for t in span if t.i > head.i) \
        and not any(c.dep_ == "poss" for c in head.children)
    if not (peoples or places):
        return False
    if head.pos_ != "NOUN" or head.tag_ not in ("NNS", "NN"):
        return False
    if _entity_at is not None and doc._.fw_entities is not None:
        return _entity_at(doc, head.idx, head.idx + len(head)) is None
    return head.ent_type_ == ""


def _group_words(span: Span) -> str:
    words = list(span)
    while words and (words[0].lower_ in _HOW_MANY or words[0].lower_ == "of"  # "dozens of Iraqis"
                     or words[0].pos_ in ("DET", "NUM")):
        words = words[1:]
    return span.doc[words[0].i:span.end].text.strip() if words else span.text.strip()


def _entities_in(doc: Doc, span: Span) -> list[str]:
    out: list[str] = []
    if _entity_at is not None and doc._.fw_entities is not None:
        i = span.start
        while i < span.end:
            ent = _entity_at(doc, doc[i].idx, doc[i].idx + len(doc[i]))
            if ent is not None and ent.key not in out:
                out.append(ent.key)
            i += 1
        return out
    for ent in doc.ents:
        if ent.start < span.end and span.start < ent.end and ent.label_ in (
            "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"
        ) and ent.text not in out:
            out.append(ent.text)
    return out


def _subnational_place(doc: Doc, tok: Token) -> str | None:
    """The place key of a town or region the token names (None for a country or
    anything else)."""
    for place in doc._.fw_places or ():
        if place.admin1 is None:
            continue  # a country
        for m in place.mentions:
            if m.start <= tok.idx < m.end:
                return place.key
    return None


def _place(doc: Doc, tok: Token) -> str | None:
    places = doc._.fw_places
    if not places:
        return None
    for head in args.place_heads(tok):
        for place in places:
            for m in place.mentions:
                if m.start < head.idx + len(head) and head.idx < m.end:
                    return place.key
    return None


# --- modality ------------------------------------------------------------------------


# fogwatch_factuality's labels as event modalities.
FACTUALITY_MODALITY = {"happened": "happened", "claimed": "claimed", "denied": "denied",
                       "negated": "negated", "future": "planned", "planned": "planned",
                       "threatened": "threatened", "possible": "hypothetical",
                       "unknown": "unknown"}


def _modality(doc: Doc, tok: Token) -> tuple[str, int | None]:
    """The trigger's modality, from fogwatch_factuality, and the attribution it sits in.

    The component is measured on TimeBank (docs/factuality.md) and beats the rules
    below on the events they both label; the rules remain for the attribution link,
    for the source's cue (claimed or denied) where the component finds only an
    assertion or a report, and where the component says "unknown": there a cue the
    rules see (a source, a negation, "will", "could", "if") still decides, but
    their fallback "happened" is no evidence, so the event stays "unknown" (a
    bare infinitive, an event noun with no asserted clause around it).
    """
    ruled, attribution = _ruled_modality(doc, tok)
    found = factuality_of(tok)
    if found.label == "unknown":
        return ("unknown" if ruled == "happened" else ruled), attribution
    modality = FACTUALITY_MODALITY[found.reason or "possible"] if found.label == "unrealised" \
        else FACTUALITY_MODALITY[found.label]
    if attribution is not None and modality in ("happened", "claimed"):
        return ruled, attribution  # the attribution stage knows the source and its cue
    return modality, attribution


def _ruled_modality(doc: Doc, tok: Token) -> tuple[str, int | None]:
    attributions: list[Attribution] | None = doc._.fw_attributions
    if attributions:
        inside = _innermost_attribution(attributions, tok.idx)
        if inside is not None:
            cue = attributions[inside].cue.text.lower()
            cue_tok = args.token_at(doc, attributions[inside].cue.start)
            lemma = cue_tok.lemma_.lower() if cue_tok is not None else cue
            return ("denied" if lemma in DENIAL_CUES or cue in DENIAL_CUES else "claimed"), inside
    elif attributions is None:
        # no attribution stage: a clause under a reporting verb is still a claim
        for anc in args.ancestor_path(tok)[1:]:
            if anc.lemma_.lower() in DENIAL_CUES and anc.pos_ == "VERB":
                return "denied", None
            if anc.lemma_.lower() in REPORTING_VERBS and anc.pos_ == "VERB":
                return "claimed", None
    if _negated(tok):
        return "negated", None
    path = args.ancestor_path(tok)
    for anc in path[1:4]:
        if (tok.dep_ in ("xcomp", "ccomp") or anc.dep_ == "xcomp") \
                and anc.lemma_.lower() in THREAT_VERBS:
            return "threatened", None
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.pos_ == "NOUN" and tok.head.pos_ in ("VERB", "AUX"):
        aux |= {c.lower_ for c in tok.head.children if c.dep_ in ("aux", "auxpass")}
    if aux & FUTURE_AUX or going_to(tok):
        return "planned", None
    for anc in path[1:3]:
        if anc.lemma_.lower() in PLAN_VERBS and tok.dep_ in ("xcomp", "ccomp", "dobj"):
            return "planned", None
    if aux & CONDITIONAL_AUX:
        return "hypothetical", None
    for anc in path[:4]:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in anc.children):
            return "hypothetical", None
    return "happened", None


def _innermost_attribution(attributions: list[Attribution], char: int) -> int | None:
    best: int | None = None
    best_len = 1 << 30
    for i, a in enumerate(attributions):
        for c in a.content:
            if c.start <= char < c.end and c.end - c.start < best_len:
                best, best_len = i, c.end - c.start
    return best


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEGATIONS)
           for c in tok.children):
        return True
    # an event noun under a negated verb of doing it ("did not sign the deal", "no
    # talks were held"), not of undergoing it ("would not have received aid")
    return tok.pos_ == "NOUN" and tok.head.pos_ == "VERB" and any(
        c.dep_ == "neg" for c in tok.head.children) and tok.dep_ in ("dobj", "nsubjpass") \
        and tok.head.lemma_.lower() in REFUSABLE


# --- quantities ----------------------------------------------------------------------


def link_quantities(doc: Doc, reads: list[EventRead]) -> None:
    """Fill each quantity's attribution and event (the quantities stage cannot know them)."""
    quantities: list[Quantity] | None = doc._.fw_quantities
    if not quantities:
        return
    attributions: list[Attribution] = doc._.fw_attributions or []
    by_token = {r.trigger.i: k for k, r in enumerate(reads)}
    for q in quantities:
        if attributions:
            q.attribution = _innermost_attribution(attributions, q.start)
        tok = args.token_at(doc, q.end - 1)
        if tok is None:
            continue
        for anc in args.ancestor_path(tok):
            if anc.i in by_token:
                q.event = by_token[anc.i]
                break


# --- component -----------------------------------------------------------------------


@Language.factory("fogwatch_events")
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent()


class EventsComponent:
    def __call__(self, doc: Doc) -> Doc:
        reads = find_events(doc)
        doc._.fw_event_reads = reads
        doc._.fw_events = [r.event for r in reads]
        link_quantities(doc, reads)
        return doc


def collect(doc: Doc, document: Document) -> list[Event]:
    found: list[Event] = doc._.fw_events or []
    for e in found:
        e.document = document.id
    return found


STAGE = Stage(factory="fogwatch_events", key="events", order=500, collect=collect)
