"""How alike two claim units are, and how well a unit fits a proposition.

Claims are told apart by what they are about (core concepts), where (places),
by whom and in what words (entities, content-word stems), whose act they
report (parties) and what story their articles tell. Used by
:mod:`fogwatch.reconcile.propositions` to match each unit against its
candidate propositions.
"""

from __future__ import annotations

from typing import Any

from fogwatch.reconcile import text as tx
from fogwatch.reconcile.units import (
    BROAD_CONCEPTS,
    COARSE_PLACES,
    CONTEXT_CONCEPTS,
    GENERIC_ENTITIES,
    ClaimUnit,
)

BEST_WEIGHT = 0.2  # best member match vs mean over members (see similarity)
THRESHOLD = 0.40
ANCHOR_TERMS = 0.1  # wording overlap that, like a shared place or entity, anchors a match
UNANCHORED = 0.7
UNANCHORED_BROAD = 0.5
# Concepts that nearly every story of fighting speaks of ("captured",
# "prisoners"): shared alone, with no place, name or wording, they tie two
# claims as weakly as the broad ones do.
WEAK_CONCEPTS = BROAD_CONCEPTS | {"CAPTURE", "PRISONERS"}
# Two articles each about one thing (one name holds STORY_FOCUS of their story's
# mentions) tell one story only if STORY_SHARED of their mentions, or
# STORY_NAMES of the shorter story's names, are the same (:func:`stories_apart`).
STORY_FOCUS = 0.15
STORY_SHARED = 0.35
STORY_NAMES = 0.25
# Units that share no concept state one claim only when their wording nearly
# coincides (NEAR_WORDING of their words), or less of it where their articles
# say they speak of one thing (:func:`_wording_bar`): two articles' lead
# sentences about one story (LEDE_STORY of their mentions on the same names)
# at LEDE_TERMS; units naming the same person or place (CLOSE_NAMES) in
# articles that tell nearly the same story (CLOSE_STORY) at CLOSE_TERMS.
# Wording weighed by rarity (:func:`wording`) tells two reports of one claim
# from two claims better than a count of words does, and asks less where the
# articles speak of one thing: WEIGHED_LEDE_TERMS, and WEIGHED_CLOSE_TERMS in
# articles whose stories share WEIGHED_CLOSE_STORY (chosen on FNC-1's training
# part, its dev part held out; a store of fewer articles keeps the first bars).
NEAR_WORDING = 0.5
LEDE_STORY = 0.2
LEDE_TERMS = 0.3
CLOSE_STORY = 0.5
CLOSE_NAMES = 1
CLOSE_TERMS = 0.3
WEIGHED_LEDE_TERMS = 0.15
WEIGHED_CLOSE_STORY = 0.3
WEIGHED_CLOSE_TERMS = 0.15
# Two lead units also meet on their articles' openings (:mod:`fogwatch.reconcile.opening`),
# their words weighed by rarity: openings sharing OPENING_TERMS of their weight
# pass the wording test, and OPENING_FULL of it alone makes the two one claim
# (unless what they are about, their parties or their stories set them apart).
# Chosen on FNC-1's training part, its dev part held out.
OPENING_TERMS = 0.1
OPENING_FULL = 0.15


def _specific(key: str) -> bool:
    """The warring states are too coarse to tell claims apart ("Ukrainian troops");
    other countries are not (Hungary's exemption is not Bulgaria's)."""
    return key not in GENERIC_ENTITIES and key not in COARSE_PLACES


# What a member of a proposition holds that is not evidence to count across its
# members: a mark (it is a lead), and the weights of its own words.
MEMBER_ONLY = frozenset({"lede", "weights", "opening", "opening_weights"})


def _unit_features(unit: ClaimUnit) -> dict[str, Any]:
    # words that only name a concept are counted as the concept, not twice
    terms = sorted(t for t in unit.terms if not tx.concept_word(t))
    weighed = {} if unit.weights is None else \
        {"weights": [unit.weights.get(t, 0.0) for t in terms]}
    opening = sorted(unit.opening)
    if opening:
        weighed = weighed | {"opening": opening} | ({} if unit.weights is None else {
            "opening_weights": [unit.weights.get(t, 0.0) for t in opening]})
    return {
        "concepts": sorted(unit.concepts),
        "places": sorted(p for p in unit.places if _specific(p)),
        "entities": sorted(unit.specific_entities),
        "terms": terms,
        # the countries the claim is about as its subject (who asks, offers, does)
        "parties": sorted(unit.parties),
        # what the unit's article is about, each name's share of its mentions
        # (:func:`fogwatch.reconcile.units.story`)
        "story": dict(unit.story),
    } | ({"lede": True} if unit.lede else {}) | weighed


def _jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def _weighed(features: dict[str, Any], key: str = "terms", weights: str = "weights") -> bool:
    """Are the unit's words (``key``) weighed by their rarity (``weights``, one a word)?"""
    found = features.get(weights)
    return found is not None and len(found) == len(features.get(key, ()))


def wording(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How much of their wording two units share: the weight of the words both
    use over the weight of all their words, each word weighed by its rarity
    (:mod:`fogwatch.reconcile.rarity`; a word both weigh, by the mean of their
    weights). Where either unit's words are not weighed (a store of few
    articles, a claim typed by an analyst), every word weighs 1: Jaccard."""
    return _wording(a, b, set(a.get("terms", ())), set(b.get("terms", ())),
                    _weighed(a) and _weighed(b))


def _wording(a: dict[str, Any], b: dict[str, Any], ta: set[str], tb: set[str],
             weighed: bool, key: str = "terms", weights: str = "weights") -> float:
    """:func:`wording` of two units whose words (``ta``, ``tb``) are at hand
    (``key``, ``weights``: the features that hold the words and their weights)."""
    shared = ta & tb
    if not shared:
        return 0.0
    if not weighed:
        return len(shared) / len(ta | tb)
    wa = dict(zip(a[key], a[weights], strict=True))
    wb = dict(zip(b[key], b[weights], strict=True))
    both = sum(wa[t] + wb[t] for t in shared) / 2
    # every word once: a word both use at the mean of its two weights
    total = sum(wa.values()) + sum(wb.values()) - both
    return both / total if total > 0 else 0.0


def opening_wording(a: dict[str, Any], b: dict[str, Any]) -> float:
    """:func:`wording` of the openings of two lead units' articles
    (:mod:`fogwatch.reconcile.opening`), weighed by rarity; 0 unless both are
    lead units with weighed words. Unweighed, three sentences share their
    common words ("said", "year") as readily as their telling ones."""
    oa, ob = a.get("opening"), b.get("opening")
    if not oa or not ob or not all(_weighed(f, "opening", "opening_weights") for f in (a, b)):
        return 0.0
    return _wording(a, b, set(oa), set(ob), True, "opening", "opening_weights")


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b))


# How much each kind of evidence weighs when both units have some of it. A kind
# that one side lacks is left out rather than counted as a mismatch: "are
# trapped" names no place, which is not evidence of another place.
PAIR_WEIGHTS = {"concepts": 0.45, "places": 0.25, "entities": 0.1, "terms": 0.2}


def stories_apart(a: Any, b: Any) -> bool:
    """Do two articles tell different stories (:func:`fogwatch.reconcile.units.story`)?

    They do when no name or place of either story is in the other. When both
    are *focused* (one name holds at least ``STORY_FOCUS`` of the story's
    mentions: an article about one thing), they do also unless the stories
    coincide: the mentions both give to the same names (the smaller share for
    each) reach ``STORY_SHARED``, or the names both tell are ``STORY_NAMES`` of
    the shorter story. A round-up of the day's news spreads its mentions over
    many stories, so its story says little about any one claim in it and only
    the first test applies to it, as it does to stories stored before they
    had shares (lists of names).
    """
    if not a or not b:
        return False
    both = set(a) & set(b)
    if not both:
        return True
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return False
    if max(a.values()) < STORY_FOCUS or max(b.values()) < STORY_FOCUS:
        return False
    shares = sum(min(a[k], b[k]) for k in both)
    return shares < STORY_SHARED and len(both) < STORY_NAMES * min(len(a), len(b))


def _shared_story(a: dict[str, Any], b: dict[str, Any]) -> float:
    """The mentions two units' articles give to the same names (the smaller share
    of each), 0 where either story has no shares."""
    sa, sb = a.get("story"), b.get("story")
    if not (isinstance(sa, dict) and isinstance(sb, dict)):
        return 0.0
    return sum(min(sa[k], sb[k]) for k in sa.keys() & sb.keys())


def _wording_bar(a: dict[str, Any], b: dict[str, Any], weighed: bool) -> float:
    """The share of their words two units that share no concept must have in
    common to state one claim (see ``NEAR_WORDING``; ``weighed``: their words
    are weighed by rarity)."""
    if a.get("lede") and b.get("lede") and _shared_story(a, b) >= LEDE_STORY:
        return WEIGHED_LEDE_TERMS if weighed else LEDE_TERMS
    names = (set(a.get("entities", ())) & set(b.get("entities", ()))) \
        | (set(a.get("places", ())) & set(b.get("places", ())))
    if len(names) >= CLOSE_NAMES \
            and _shared_story(a, b) >= (WEIGHED_CLOSE_STORY if weighed else CLOSE_STORY):
        return WEIGHED_CLOSE_TERMS if weighed else CLOSE_TERMS
    return NEAR_WORDING


def pair_similarity(a: dict[str, Any], b: dict[str, Any]) -> float:
    """How likely two claim units state the same claim (0..1).

    Claims are told apart first by what they are about (their core concepts:
    encirclement, casualties, a military target...), then by where (places)
    and by whom and in what words (entities, content-word stems). Two units
    whose core concepts do not meet are different claims; so are units with no
    concept in common unless their wording nearly coincides, and units whose
    subjects are different countries (Hungary asking for an exemption,
    Bulgaria asking for a licence), and units whose articles tell different
    stories (:func:`stories_apart`).
    """
    if stories_apart(a.get("story"), b.get("story")):
        return 0.0
    ca, cb = set(a.get("concepts", ())), set(b.get("concepts", ()))
    core_a, core_b = ca - CONTEXT_CONCEPTS, cb - CONTEXT_CONCEPTS
    if core_a and core_b and not core_a & core_b:
        return 0.0
    qa, qb = set(a.get("parties", ())), set(b.get("parties", ()))
    if qa and qb and not qa & qb:
        return 0.0
    ta, tb = set(a.get("terms", ())), set(b.get("terms", ()))
    weighed = _weighed(a) and _weighed(b)
    jt = _wording(a, b, ta, tb, weighed)
    jo = opening_wording(a, b)
    if not ca & cb and jt < _wording_bar(a, b, weighed) and jo < OPENING_TERMS:
        return 0.0
    jt = max(jt, jo)
    opened = min(1.0, jo / OPENING_FULL)
    parts: dict[str, float] = {}
    if core_a and core_b:
        parts["concepts"] = _overlap(core_a, core_b)
    elif ca and cb:
        parts["concepts"] = 0.5 * _overlap(ca, cb)  # only scene-setting concepts shared
    pa, pb = set(a.get("places", ())), set(b.get("places", ()))
    if pa and pb:
        parts["places"] = _overlap(pa, pb)
    ea, eb = set(a.get("entities", ())), set(b.get("entities", ()))
    if ea and eb:
        parts["entities"] = _overlap(ea, eb)
    if ta or tb:  # one side's wording with nothing to meet counts as unmatched
        parts["terms"] = min(1.0, 2 * jt)
    if not parts:
        return opened
    weight = sum(PAIR_WEIGHTS[k] for k in parts)
    score = sum(PAIR_WEIGHTS[k] * v for k, v in parts.items()) / weight
    if pa and pb and not pa & pb:
        score *= 0.5
    elif not (pa & pb or ea & eb or qa & qb or jt >= ANCHOR_TERMS):
        # One shared concept and nothing else ("talks": which talks?); weaker
        # still when the concept is a broad one, or an act asked for that only
        # one side says who asks for ("requests for licences are being reviewed"
        # against Hungary asking for an exemption).
        shared = core_a & core_b or ca & cb
        broad = {tx.base_concept(c) for c in shared} <= WEAK_CONCEPTS
        one_asker = bool(qa) != bool(qb) and all(c.endswith(tx.SOUGHT) for c in shared)
        score *= UNANCHORED_BROAD if broad or one_asker else UNANCHORED
    return max(score, opened)


def similarity(mine: dict[str, Any], features: dict[str, Any]) -> float:
    """How well a unit fits a proposition: its best member match, tempered by the mean.

    The best match alone lets one stray member pull in more strays (chaining);
    the mean alone punishes a claim restated in many different words. Members
    are the proposition's last ``MAX_MEMBERS`` units (:mod:`fogwatch.reconcile.propositions`), so the cost is bounded.
    ``mine`` is the unit's features (:func:`_unit_features`).
    """
    members = features.get("members", ())
    if mine.get("lede") and mine.get("opening_weights"):
        # a lead meets the proposition's leads where it has any, as their
        # openings can (a store whose words are weighed): what their speakers
        # said later in their articles is worded otherwise
        members = [m for m in members if m.get("lede")] or members
    scores = [pair_similarity(mine, m) for m in members]
    if not scores:
        return 0.0
    return BEST_WEIGHT * max(scores) + (1 - BEST_WEIGHT) * sum(scores) / len(scores)
