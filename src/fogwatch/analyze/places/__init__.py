"""Places: place mentions resolved to gazetteer entries with coordinates.

The mentions are the entities stage's GPE / LOC / FACILITY entities (spaCy's
GPE / LOC / FAC entities when that stage is not in the pipeline). Each distinct
name is resolved twice: once on its own, then again with the countries and
regions the first pass found in the document, so that "Pokrovsk" in an article
about Donetsk oblast lands in Ukraine and "Anchorage, Alaska" in Alaska.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from fogwatch.analyze.base import Stage, doc_text, ensure_extension, sentence_index
from fogwatch.analyze.places.geocode import choose, lookup_variants
from fogwatch.analyze.places.geonames import Candidate, Gazetteer, get_gazetteer
from fogwatch.findings import PLACE_TYPES, Document, Mention, Place

ensure_extension("fw_places", None)
ensure_extension("fw_entities", None)

SPACY_PLACE_LABELS = {"GPE": "GPE", "LOC": "LOC", "FAC": "FACILITY"}
REGION_KINDS = {"oblast", "state", "region", "country-part"}


@dataclass(slots=True)
class _Group:
    """All mentions that share one name (or one entity)."""

    name: str
    entity: str | None
    type: str
    mentions: list[tuple[str, int, int]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    qualified: bool = False


def place_mentions(doc: Doc) -> list[_Group]:
    """Groups of place mentions, from the entities stage or from spaCy."""
    groups: dict[str, _Group] = {}
    entities = doc._.fw_entities
    if entities is not None:
        for ent in entities:
            if ent.type not in PLACE_TYPES:
                continue
            group = groups.setdefault(ent.key, _Group(ent.name, ent.key, ent.type))
            group.mentions.extend((m.text, m.start, m.end) for m in ent.mentions)
    else:
        for span in doc.ents:
            label = SPACY_PLACE_LABELS.get(span.label_)
            if label is None:
                continue
            name = span.text.strip()
            group = groups.setdefault(name.casefold(), _Group(name, None, label))
            group.mentions.append((span.text, span.start_char, span.end_char))
    for group in groups.values():
        group.mentions.sort(key=lambda m: m[1])
    return sorted(groups.values(), key=lambda g: g.mentions[0][1] if g.mentions else 0)


def resolve_places(doc: Doc, gaz: Gazetteer | None = None) -> list[Place]:
    gaz = gaz or get_gazetteer()
    groups = place_mentions(doc)
    for group in groups:
        cands, qualified = lookup_variants(gaz, group.name)
        if not cands:
            for text, _, _ in group.mentions:
                cands, qualified = lookup_variants(gaz, text)
                if cands:
                    break
        group.candidates, group.qualified = cands, qualified
    groups = [g for g in groups if g.candidates]
    # pass 1: each name alone -> the document's countries and regions
    countries: Counter[str] = Counter()
    regions: set[tuple[str, str]] = set()
    for group in groups:
        first = choose(group.candidates, Counter(), set())
        if first.candidate.country and first.candidate.kind != "continent":
            countries[first.candidate.country] += len(group.mentions) * first.confidence
        # regions named outright, and those of towns that are beyond doubt
        if first.candidate.admin1_code and (
            first.candidate.kind in REGION_KINDS or first.confidence >= 0.9
        ):
            regions.add((first.candidate.country or "", first.candidate.admin1_code))
    # pass 2: with that context
    places: dict[str, Place] = {}
    for group in groups:
        next_region = _region_written_after(doc, gaz, group)
        pick = choose(group.candidates, countries, regions, next_region)
        cand = pick.candidate
        confidence = round(pick.confidence * (0.8 if group.qualified else 1.0), 3)
        place = places.get(cand.key)
        if place is None:
            place = places[cand.key] = Place(
                key=cand.key, name=cand.name, lat=cand.lat, lon=cand.lon, country=cand.country,
                admin1=cand.admin1 or gaz.admin1_name(cand.country, cand.admin1_code),
                geonameid=cand.geonameid, confidence=confidence, entity=group.entity,
            )
        else:
            place.confidence = max(place.confidence or 0.0, confidence)
        for text, start, end in group.mentions:
            place.mentions.append(Mention(
                text=text, start=start, end=end, sentence=sentence_index(doc, start),
                type=group.type, entity=group.entity or cand.key,
            ))
    for place in places.values():
        place.mentions.sort(key=lambda m: m.start)
    return sorted(places.values(), key=lambda p: p.mentions[0].start if p.mentions else 0)


def _region_written_after(doc: Doc, gaz: Gazetteer, group: _Group) -> tuple[str, str] | None:
    """The region named right after a mention: "Anchorage, Alaska" -> ("US", "AK")."""
    text = doc_text(doc)
    for _, _, end in group.mentions:
        tail = text[end:end + 40]
        if not tail.startswith(", "):
            continue
        words = tail[2:].replace(")", " ").replace(",", " ").replace(".", " ").split()
        for n in (3, 2, 1):
            if len(words) < n:
                continue
            for cand in gaz.lookup(" ".join(words[:n])):
                if cand.kind in REGION_KINDS and cand.admin1_code and cand.country:
                    return cand.country, cand.admin1_code
    return None


def place_at(doc: Doc, start: int, end: int) -> Place | None:
    """The resolved place whose mention overlaps ``[start, end)``, if any."""
    for place in doc._.fw_places or ():
        for m in place.mentions:
            if m.start < end and start < m.end:
                return place
    return None


@Language.factory("fogwatch_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent()


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        doc._.fw_places = resolve_places(doc)
        return doc


def collect(doc: Doc, document: Document) -> list[Place]:
    found: list[Place] = doc._.fw_places or []
    for place in found:
        for m in place.mentions:
            m.document = document.id
    return found


def _requires() -> tuple[str, ...]:
    """Entities when that stage exists in this installation; places work without it."""
    try:
        from fogwatch.analyze import entities  # noqa: F401
    except ImportError:
        return ()
    return ("fogwatch_entities",)


STAGE = Stage(
    factory="fogwatch_places", key="places", order=350, collect=collect, requires=_requires(),
)
