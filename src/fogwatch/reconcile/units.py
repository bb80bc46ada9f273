"""Claim units: what one document says about claims, ready to be matched across documents.

A unit is one attribution ("Russia's General Staff said more than 5,000 troops
were encircled"), or one sentence in the outlet's own voice that judges a claim
("That claim is, at best, premature"). Each carries who speaks, the polarity of
what they say (asserts / denies / cannot verify), the features used to match it
to other documents' units, and the figures it gives.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from fogwatch import sentences as sx
from fogwatch.findings import Analysis, Attribution, NumberClaim
from fogwatch.reconcile import text as tx
from fogwatch.reconcile.opening import lead_sentence, opening_terms
from fogwatch.reconcile.voice import (
    object_cue,
    opens_with_reference,
    own_verdict,
    reads_as_claim,
    relays_hearsay,
)

Polarity = Literal["asserts", "denies", "unverified"]

# Entities so common in war reporting that sharing them says little.
GENERIC_ENTITIES = frozenset({
    "gaz:place/ukraine", "gaz:place/russia", "gaz:place/kyiv", "gaz:place/moscow",
    "auto:NORP/ukrainian", "auto:NORP/russian", "gaz:norp/ukrainian", "gaz:norp/russian",
    "gaz:place/united-states", "sup:country/ua", "sup:country/ru",
})
PRONOUNS = frozenset({"he", "she", "it", "they", "who", "which", "that", "we", "i", "this"})
# A claim whose subject is one of these stands for its speaker: "Hungary said it
# would ask Washington for an exemption" is about what Hungary does.
SUBJECT_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})
# The warring states and the United States are party to nearly every claim in
# war reporting; other countries tell claims apart (Hungary asking for an
# exemption is not Bulgaria asking for a licence).
COARSE_COUNTRIES = frozenset({"UA", "RU", "US"})
LEADING_WORDS = frozenset({"that", "the", ""})  # may stand before a claim's subject
# Concepts that set the scene, not what a claim is: a strike that killed people
# and a strike that hit a workshop are two claims.
CONTEXT_CONCEPTS = frozenset({"STRIKE", "CIVILIAN", "ADVANCE", "NUCLEAR", "POLL"})
MIN_FEATURES = 2  # a unit with fewer concepts/places/entities/terms is too thin to match


@dataclass(slots=True)
class ClaimUnit:
    document: str
    outlet: str | None
    date: str | None
    source: str
    entity: str | None
    role: Literal["source", "outlet"]
    polarity: Polarity
    text: str
    start: int
    end: int
    attribution: int | None = None
    hedged: bool = False
    reporter: str | None = None  # the attribution's stance (asserted, hedged, unconfirmed...)
    negative: bool = False  # the claim text itself is negated ("there was no encirclement")
    anaphoric: bool = False  # refers back to a claim made earlier in the text
    # names an act and nothing of which one ("his death", "the killing"): it
    # takes its claim from the text around it, never from other documents
    bare: bool = False
    target: int | None = None  # index of the unit whose claim this one rejects
    figure: bool = False  # the outlet's own sentence giving figures for a claim
    # states the article's first claim: its lead sentence ("An American journalist
    # held in Yemen was killed during a rescue attempt"), the one a headline sums up
    lede: bool = False
    # the outlet's own sentence passes on a story or asks ("there was a rumor
    # flying around that ..."): it joins the claim, but the outlet only reports it
    relayed: bool = False
    concepts: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    # Countries (ISO codes, not the coarse ones) of the claim's subject: who asks,
    # offers or does what the claim says ("Officials in Sofia said they had asked").
    parties: set[str] = field(default_factory=set)
    numbers: list[NumberClaim] = field(default_factory=list)
    # The words to show for the claim when its text alone is no clause (the object
    # of "blamed", "identified ... as", "expects ... to"): from the speaker's name
    # to the text's end ("Obama blamed Islamic State militants for murdering ...").
    shown: str | None = None
    # What the whole article is about: its most mentioned specific names and
    # places, each with its share of their mentions (:func:`story`); the same
    # for every unit of a document.
    story: dict[str, float] = field(default_factory=dict)
    # Names most articles in the store give (:func:`common_entities`): like the
    # generic ones, they tell no claim from another.
    common: frozenset[str] = frozenset()
    # How rare each of ``terms`` is in the store (:mod:`fogwatch.reconcile.rarity`).
    weights: dict[str, float] | None = None
    # A lead unit's article's opening words (:mod:`fogwatch.reconcile.opening`),
    # and the rarest of them that earlier leads hold: it looks up their propositions.
    opening: set[str] = field(default_factory=set)
    lookup: list[str] = field(default_factory=list)

    @property
    def specific_entities(self) -> set[str]:
        """The unit's names that can tell claims apart."""
        return {e for e in self.entities if e not in GENERIC_ENTITIES and e not in self.common}

    @property
    def keys(self) -> set[str]:
        """Blocking keys: what a matching proposition must share at least one of."""
        keys = {f"c:{c}" for c in self.concepts} | {f"p:{p}" for p in self.places}
        keys |= {f"e:{e}" for e in self.specific_entities}
        if not self.concepts:  # matched on wording alone
            keys |= {f"t:{t}" for t in self.terms}
        return keys | {f"o:{w}" for w in self.lookup}

    @property
    def size(self) -> int:
        return len(self.concepts) + len(self.places) + len(self.entities) + len(self.terms)


STORY_SIZE = 15  # names and places that say what an article is about
COARSE_PLACES = frozenset({"sup:country/ua", "sup:country/ru", "sup:country/us"})
# A name given by COMMON_SHARE of the articles folded so far is common, once
# COMMON_LEAST articles are folded (fewer say nothing of how common a name is).
# The share was chosen on FNC-1's training part (stories of the Iraq and Syria
# war, Apple and others: "ISIS", "Syria", "Iraq" come out common), its dev part
# held out; the warring states of the Ukraine war are generic by name above.
COMMON_SHARE = 0.05
COMMON_LEAST = 100


def common_entities(articles: int, naming: Mapping[str, int]) -> frozenset[str]:
    """The names (of ``naming``: name -> articles that give it, among ``articles``
    folded before) that too many articles give to tell one claim from another."""
    if articles < COMMON_LEAST:
        return frozenset()
    return frozenset(k for k, n in naming.items() if n >= COMMON_SHARE * articles)


def story(analysis: Analysis, common: frozenset[str] = frozenset()) -> dict[str, float]:
    """The article's story: its ``STORY_SIZE`` most mentioned entities and places,
    leaving out those every war story names (Ukraine, Russia, Kyiv...), each
    with its share of their mentions (most mentioned first; the shares add up
    to 1).

    Two claims worded apart and tied only by a concept ("killed", "captured")
    are one claim only if their articles tell one story: a strike's toll in
    Dnipro and a hoax about a singer's death share "dead" and nothing else.
    """
    counts: dict[str, int] = {}
    place_entities = set()
    for place in analysis.places:
        if (place.key in COARSE_PLACES or place.key in GENERIC_ENTITIES or place.key in common
                or not place.mentions):
            continue
        counts[place.key] = counts.get(place.key, 0) + len(place.mentions)
        if place.entity:
            place_entities.add(place.entity)
    for entity in analysis.entities:
        if (entity.key in GENERIC_ENTITIES or entity.key in common
                or entity.key in place_entities or not entity.mentions):
            continue
        key = person_key(entity.key)
        counts[key] = counts.get(key, 0) + len(entity.mentions)
    ranked = sorted(counts, key=lambda k: (-counts[k], k))[:STORY_SIZE]
    total = sum(counts[k] for k in ranked)
    return {k: round(counts[k] / total, 3) for k in ranked}


AUTO_PERSON = "auto:PERSON/"


def person_key(key: str) -> str:
    """A person the entities stage named by their words alone, keyed by the last
    of them: "Omar J. Gonzalez" and "Gonzalez", "James Foley" and "Jim Foley"
    are one person across articles and within one (gazetteer keys are kept)."""
    if not key.startswith(AUTO_PERSON):
        return key
    return AUTO_PERSON + key[len(AUTO_PERSON):].rsplit("-", 1)[-1]


def _span_keys(analysis: Analysis, start: int, end: int) -> tuple[set[str], set[str]]:
    """Entity keys and place keys mentioned within [start, end)."""
    ents: set[str] = set()
    places: set[str] = set()
    for entity in analysis.entities:
        if any(start <= m.start and m.end <= end for m in entity.mentions):
            ents.add(person_key(entity.key))
    for place in analysis.places:
        if any(start <= m.start and m.end <= end for m in place.mentions):
            places.add(place.key)
            if place.entity:
                ents.discard(person_key(place.entity))
    return ents, places


def _countries(analysis: Analysis, start: int, end: int, at_start: bool = False) -> set[str]:
    """Countries other than the coarse ones of places and nationalities named in
    [start, end): Sofia is Bulgaria, "Hungarian" Hungary. With ``at_start``, only
    a name that opens the span (after "that", "the") counts: the subject."""
    text = analysis.document.text

    def inside(m_start: int, m_end: int) -> bool:
        if not (start <= m_start and m_end <= end):
            return False
        return not at_start or text[start:m_start].strip(" \"“‘'").lower() in LEADING_WORDS

    out: set[str] = set()
    for place in analysis.places:
        if place.country and any(inside(m.start, m.end) for m in place.mentions):
            out.add(place.country.upper())
    gazetteer = None
    for entity in analysis.entities:
        if entity.type != "NORP" or not any(inside(m.start, m.end) for m in entity.mentions):
            continue
        if gazetteer is None:
            from fogwatch.analyze.gazetteer import load_gazetteer  # only when needed: loads spaCy

            gazetteer = load_gazetteer()
        country = gazetteer.country_of_demonym(entity.name)
        if country and country.country:
            out.add(country.country.upper())
    return out - COARSE_COUNTRIES


def _speaker_countries(analysis: Analysis, att: Attribution) -> set[str]:
    """Countries of whoever speaks: the source's words, the entity a pronoun
    stands for, or, when no source was found, the words before the cue in its
    sentence ("Hungary, which still receives ..., said")."""
    if att.source and att.source.text.strip().lower() not in PRONOUNS:
        return _countries(analysis, att.source.start, att.source.end)
    if att.source_entity:
        out = {p.country.upper() for p in analysis.places
               if p.entity == att.source_entity and p.country}
        return out - COARSE_COUNTRIES
    if att.source:
        return set()
    around = sx.around(sx.of_document(analysis.document), att.cue.start)
    return _countries(analysis, around[0], att.cue.start) if around else set()


def _parties(analysis: Analysis, att: Attribution, unit: ClaimUnit) -> set[str]:
    """The countries a claim is about as its subject.

    A claim whose subject is a pronoun ("said it would ask", "said they had
    asked") or that the cue itself asks for ("is also seeking" + "an
    exemption") is about the speaker; else a country or nationality opening
    the claim ("that Hungary had obtained") is its subject.
    """
    words = [t.lower() for t in tx.tokens(unit.text)[:2]]
    if words[:1] == ["that"]:
        words = words[1:]
    if (words and words[0] in SUBJECT_PRONOUNS) or tx.seeks(att.cue.text):
        return _speaker_countries(analysis, att)
    return unit.parties


def _numbers(analysis: Analysis, idx: int | None, start: int, end: int,
             source: str, date: str | None) -> list[NumberClaim]:
    doc = analysis.document
    out = []
    taken: list[tuple[int, int]] = []
    for q in analysis.quantities:
        if q.value is None:
            continue
        inside = start <= q.start and q.end <= end
        if not inside and not (idx is not None and q.attribution == idx):
            continue
        taken.append((q.start, q.end))
        out.append(NumberClaim(
            value=q.value, upper=q.upper, unit=q.unit, approx=q.approx, counted=q.counted,
            text=q.text, document=doc.id, source=source, date=date, outlet=doc.outlet,
        ))
    # Vague counts of people the quantities stage leaves out ("a few hundred
    # Russian infiltrators"): the range is the figure.
    for s, e, phrase, unit, counted in tx.vague_counts(doc.text[start:end]):
        s, e = s + start, e + start
        if any(a < e and s < b for a, b in taken):
            continue
        low, high = tx.VAGUE_RANGES[phrase]
        out.append(NumberClaim(
            value=low, upper=high, unit=unit, approx=phrase, counted=counted,
            text=doc.text[s:e], document=doc.id, source=source, date=date, outlet=doc.outlet,
        ))
    return out


def _fill(unit: ClaimUnit, analysis: Analysis, cue: str = "", about: str | None = None
          ) -> ClaimUnit:
    # A negated claim is about what it negates: "no encirclement, only a few
    # hundred infiltrators" speaks against the encirclement claim. The cue can
    # make an act one that is sought ("is also seeking" + "an exemption").
    # ``about``: the words the claim is about when not all of its text is (a
    # rejection's label for what it rejects is not).
    text = unit.text if about is None else about
    unit.concepts = (tx.negated_concepts(text) if unit.negative
                     else tx.concepts(text, context=cue))
    unit.entities, unit.places = _span_keys(analysis, unit.start, unit.end)
    unit.terms = tx.terms(text)
    unit.parties = _countries(analysis, unit.start, unit.end, at_start=True)
    return unit


def document_units(analysis: Analysis, common: frozenset[str] = frozenset(),
                   opening: set[str] | None = None) -> list[ClaimUnit]:
    """The claim units of one analysed document, in text order (``common``: the
    names too many articles give, :func:`common_entities`; ``opening``: the
    words of its opening, :func:`fogwatch.reconcile.opening.opening_terms`,
    where the caller has them)."""
    # the attribution stage's naming of sources (imported here: it loads spaCy,
    # which a process that only reads the record, as the web app, does not need)
    from fogwatch.analyze.attribution.sources import source_name

    doc = analysis.document
    date = (doc.published or "")[:10] or None
    outlet_low = (doc.outlet or "").lower()
    units: list[ClaimUnit] = []
    by_attribution: dict[int, int] = {}
    covered: list[tuple[int, int]] = []
    disputers = {j for att in analysis.attributions for j in att.disputed_by}
    relays = _relays(analysis)
    for i, att in enumerate(analysis.attributions):
        if not att.content or i in relays or analysis.rejected("attributions", i):
            continue
        start = min(c.start for c in att.content)
        end = max(c.end for c in att.content)
        covered.append((min(start, att.cue.start), max(end, att.cue.end)))
        if att.nested_in is not None and i not in disputers and not tx.denial_cue(att.cue.text):
            # The outer attribution already carries these words; a nested
            # rejection ("milbloggers dismissed these claims") is a stance of its own.
            continue
        content = " ".join(c.text for c in att.content)
        if tx.no_comment(att.cue.text):
            continue  # "has not commented on the figure" takes no side
        source = source_name(analysis, att)
        src_text = att.source.text if att.source else ""
        role: Literal["source", "outlet"] = "source"
        if (outlet_low and outlet_low in src_text.lower()) or tx.evidence_source(src_text):
            role, source = "outlet", doc.outlet or source
        cue_and_content = f"{att.cue.text} {content}"
        polarity: Polarity = "asserts"
        # a doubt after a semicolon is the reporter's ("said its missiles hit a workshop;
        # this could not be independently verified"): the speaker still asserts
        doubt = tx.UNVERIFIED_PATTERNS.search(cue_and_content)
        if doubt and ";" not in cue_and_content[:doubt.start()]:
            polarity = "unverified"
        elif not _share(src_text) and (
            tx.denial_cue(att.cue.text) or tx.judged_false(content)
            or tx.contradicts(cue_and_content)
        ):
            # ("62% reject concessions" is what a poll found, not a rebuttal)
            polarity = "denies"
        negative = polarity == "asserts" and tx.negated_claim(content)
        unit = _fill(ClaimUnit(
            document=doc.id, outlet=doc.outlet, date=date, source=source,
            entity=att.source_entity, role=role, polarity=polarity, text=content,
            start=start, end=end, attribution=i, hedged=att.stance == "hedged",
            reporter=att.stance, negative=negative,
        ), analysis, cue=att.cue.text, about=tx.rejected_part(att.cue.text, content))
        unit.parties = _parties(analysis, att, unit)
        unit.anaphoric = tx.anaphoric(content) and not unit.concepts and not unit.places
        # (an act the speaker asks for or offers is the speaker's: "is also
        # seeking an exemption" says whose)
        unit.bare = tx.bare_act(content) and not unit.parties and not any(
            c.endswith(tx.SOUGHT) for c in unit.concepts)
        unit.numbers = _numbers(analysis, i, start, end, source, date)
        unit.shown = _shown(doc.text, att, content, end)
        by_attribution[i] = len(units)
        units.append(unit)
    # In-document links: a rejecting attribution targets what it rejects.
    links: list[tuple[ClaimUnit, ClaimUnit]] = []
    for i, att in enumerate(analysis.attributions):
        if i not in by_attribution:
            continue
        for j in att.disputed_by:
            if j in by_attribution:
                rejecting = units[by_attribution[j]]
                if _share(rejecting.source):
                    continue  # "68% said otherwise" is a poll result, not a rebuttal
                rejected = units[by_attribution[i]]
                if _about_else(rejecting, rejected):
                    continue  # rejects something else than this claim is about
                links.append((rejecting, rejected))
                if rejecting.polarity == "asserts":
                    rejecting.polarity = "denies"
    units.extend(_outlet_voice(analysis, covered, date))
    _lede(analysis, units, date, opening_terms(analysis) if opening is None else opening)
    units.sort(key=lambda u: u.start)
    position = {id(u): k for k, u in enumerate(units)}
    for rejecting, rejected in links:
        rejecting.target = position[id(rejected)]
    # Anaphoric rejections ("denied the claim the next day") point at an earlier
    # unit that states a claim: the nearest one by the speaker they name ("could
    # not verify the ministry's statement"), else the nearest affirmative one,
    # else the nearest.
    for k, unit in enumerate(units):
        if unit.target is None and unit.bare:
            unit.target = _same_act(units, k)
        elif unit.target is None and (unit.anaphoric
                                      or (unit.role == "outlet" and not unit.concepts)):
            unit.target = _antecedent(units, k)
    keep = [k for k, u in enumerate(units) if u.target is not None or u.size >= MIN_FEATURES]
    told = story(analysis, common)
    for unit in units:
        unit.story = told
        unit.common = common
    # Targets are indices into the list returned: renumber them, and drop links
    # to units that were left out.
    index = {old: new for new, old in enumerate(keep)}
    kept = [units[k] for k in keep]
    for unit in kept:
        if unit.target is not None:
            unit.target = index.get(unit.target)
    return kept


SHOWN_CHARS = 300


def _shown(text: str, att: Attribution, content: str, end: int) -> str | None:
    """The speaker, cue and content as written, when the cue takes the content as
    its object ("blamed", "identified ... as", "asked ... to") and they stand in
    that order in one passage: "British officials identified the rapper as the
    killer", where the content alone ("the rapper as the killer") is no claim;
    or when the content opens on a word that refers outside it and the speaker
    may be what it refers to ("Hungary said it would ask"). Else None (the
    content is shown)."""
    src = att.source
    if src is None or src.text.strip().lower() in PRONOUNS:
        return None
    first = min(c.start for c in att.content)
    if not (src.end <= att.cue.start and att.cue.end <= first):
        return None
    gap = text[att.cue.end:first].strip().lower()
    as_object = object_cue(att.cue.text) and not gap and not content.lower().startswith("that ")
    # "Hungary said it would ask": the pronoun's antecedent is in the passage
    referring = opens_with_reference(content) and gap in ("", "that", ",")
    if not (as_object or referring):
        return None
    passage = text[src.start:end]
    if "\n" in passage or len(passage) > SHOWN_CHARS or not reads_as_claim(passage):
        return None
    return passage.strip()


def _relays(analysis: Analysis) -> set[int]:
    """Attributions whose content is only another speech act of the same speaker.

    "the ministry said, dismissing Ukrainian reports ...": what "said" carries
    is the dismissal, which is a unit of its own (same source): the outer one
    would repeat its words without its polarity.
    """
    atts = analysis.attributions
    out: set[int] = set()
    for inner in atts:
        i = inner.nested_in
        if i is None or not atts[i].content:
            continue
        outer = atts[i]
        first = min(c.start for c in outer.content)
        same = (inner.source_entity is not None and inner.source_entity == outer.source_entity) \
            or (inner.source is not None and outer.source is not None
                and inner.source.start == outer.source.start)
        if same and 0 <= inner.cue.start - first <= 2:
            out.add(i)
    return out


def _about_else(rejecting: ClaimUnit, rejected: ClaimUnit) -> bool:
    """Both name what they are about, and it is not the same thing."""
    a = rejecting.concepts - CONTEXT_CONCEPTS
    b = rejected.concepts - CONTEXT_CONCEPTS
    return bool(a and b and not a & b)


def _share(source: str) -> bool:
    """A survey share standing as a source ("62%", "Another 27 percent")."""
    return any(t[0].isdigit() for t in tx.tokens(source)) and (
        "%" in source or "percent" in source.lower() or "per cent" in source.lower())


def _same_act(units: list[ClaimUnit], k: int) -> int | None:
    """The nearest earlier unit that names the act a bare one does ("the killing"
    after "militants killed the hostage"), if any."""
    acts = {tx.base_concept(c) for c in units[k].concepts}
    for j in range(k - 1, -1, -1):
        if not units[j].bare and acts & {tx.base_concept(c) for c in units[j].concepts}:
            return j
    return None


def _antecedent(units: list[ClaimUnit], k: int) -> int | None:
    own = {t.lower() for t in tx.tokens(units[k].outlet or "")}
    named = {w for w in (t.lower() for t in tx.tokens(units[k].text))
             if len(w) > 3 and w not in tx.STOPWORDS and w not in tx.ANAPHORIC_WORDS
             and w not in own}
    # Claims made by others: an outlet does not fail to verify its own sentence.
    earlier = [j for j in range(k - 1, -1, -1)
               if units[j].concepts and not units[j].anaphoric and units[j].role == "source"]
    by_name = [j for j in earlier
               if any(tx.stem(w) in units[j].source.lower() for w in named)]
    for group in (by_name, earlier):
        for j in group:
            if not units[j].negative:
                return j
        if group:
            return group[0]
    return None


def _outlet_voice(
    analysis: Analysis, covered: list[tuple[int, int]], date: str | None
) -> list[ClaimUnit]:
    """Sentences in the outlet's own voice that judge a claim (deny it or cannot verify it)."""
    doc = analysis.document
    out: list[ClaimUnit] = []
    for start, end in sx.of_document(doc):
        if any(s < end and start < e for s, e in covered):
            continue
        sentence = doc.text[start:end]
        if tx.unverified(sentence):
            polarity: Polarity = "unverified"
        elif own_verdict(sentence):  # a verdict, not a word ("Russian propaganda to tout")
            polarity = "denies"
        elif tx.negated_claim(sentence) and tx.concepts(sentence):
            polarity = "asserts"  # a negated claim in the outlet's voice ("no closed ring")
        elif _figures_for_claim(analysis, sentence, start, end):
            # The outlet's own figures for a claim ("The toll rose from seven on
            # Friday morning to twelve by Saturday"): they join the claim.
            unit = _fill(ClaimUnit(
                document=doc.id, outlet=doc.outlet, date=date, source=doc.outlet or "the outlet",
                entity=None, role="outlet", polarity="asserts", text=sentence.strip(),
                start=start, end=end, figure=True,
            ), analysis)
            unit.numbers = _numbers(analysis, None, start, end, unit.source, date)
            out.append(unit)
            continue
        else:
            continue
        unit = _fill(ClaimUnit(
            document=doc.id, outlet=doc.outlet, date=date, source=doc.outlet or "the outlet",
            entity=None, role="outlet", polarity=polarity, text=sentence.strip(),
            start=start, end=end, negative=polarity == "asserts",
        ), analysis)
        unit.anaphoric = not unit.concepts
        out.append(unit)
    return out


def _lede(analysis: Analysis, units: list[ClaimUnit], date: str | None,
          words: set[str]) -> None:
    """Mark the units of the article's lead sentence (:func:`lead_sentence`); when
    neither a unit nor an attribution's cue is in it and it reads as a claim, it
    is the outlet's own: add it as a unit (to ``units``), one the outlet only
    relays when it passes on someone's words (a cue the attribution stage
    missed: "..., the General Staff said on Tuesday") or a story. Its lead units
    carry the ``words`` of the article's opening."""
    text = analysis.document.text
    lead = lead_sentence(text, sx.of_document(analysis.document))
    if lead is None:
        return
    start, end = lead
    inside = [u for u in units if u.start < end and start < u.end]
    for unit in inside:
        unit.lede, unit.opening = True, words
    sentence = text[start:end].strip()
    if inside or any(start <= att.cue.start < end for att in analysis.attributions) \
            or tx.negated_claim(sentence) or not reads_as_claim(sentence):
        return
    unit = _fill(ClaimUnit(
        document=analysis.document.id, outlet=analysis.document.outlet, date=date,
        source=analysis.document.outlet or "the outlet", entity=None, role="outlet",
        polarity="asserts", text=sentence, start=start, end=end, lede=True,
        relayed=relays_hearsay(sentence) or tx.reports_speech(sentence), opening=words,
    ), analysis)
    unit.numbers = _numbers(analysis, None, start, end, unit.source, date)
    units.append(unit)


# Figures that say how long or how far, or what share: not a count of anything.
NOT_COUNTS = frozenset({"year", "month", "week", "day", "hour", "minute", "decade", "km", "m",
                        "mi", "percent", "%"})
# Concepts too broad to tie two sentences to one claim on their own (which
# talks? which licence?), or a figure to one claim.
BROAD_CONCEPTS = frozenset({"TALKS", "SANCTIONS", "SURRENDER", "RETREAT", "LICENCE"})


def _figures_for_claim(analysis: Analysis, sentence: str, start: int, end: int) -> bool:
    """Does the sentence count something a specific claim is about ("the toll rose to twelve")?"""
    core = {tx.base_concept(c) for c in tx.concepts(sentence)} - CONTEXT_CONCEPTS
    if not core - BROAD_CONCEPTS:
        return False
    return any(q.value is not None and start <= q.start and q.end <= end
               and q.unit not in NOT_COUNTS for q in analysis.quantities)
