"""Entities: spaCy's NER corrected by the curated gazetteer, with aliases folded.

The ``fogwatch_entities`` component runs after spaCy's ``ner``:

1. Gazetteer names and aliases are found with phrase matchers (case-insensitive,
   plus an exact-case matcher for acronyms such as "US" or "EU" so that "us" is
   never the United States). Matches must end in a capitalised word, so "trump"
   the verb or "patriot" the noun are not entities, and an acronym spells only a
   name written as one ("FICO" is not Fico, outside a line in capitals). Where a match overlaps a
   model entity, the gazetteer's type wins (Trump ORG -> PERSON, Oreshnik PERSON
   -> WEAPON, Kursk PRODUCT -> GPE), except when the model span is a longer name
   that merely contains the match ("George Washington University", "Lara Trump").
2. Model entities the gazetteer does not know are kept when they are PERSON,
   ORG, GPE, LOC, NORP, FAC (as FACILITY), EVENT, or a PRODUCT next to a weapon
   word (as WEAPON); a leading "the" and a trailing possessive are trimmed, spans
   are split at "&"/"and"/"/" and cut before a hyphenated lowercase tail
   ("X-ego-stroking" -> "X"). A PERSON span standing in quotation marks is a
   title or a term, not a person: it becomes OTHER.
3. Demonyms ("Russian", "Ukrainians", "American") resolve by this rule: a
   singular demonym that modifies a noun naming the state or its instruments
   (forces, army, troops, government, officials, military, authorities, side,
   drones, missiles, strikes, offensive, ... see ``STATE_NOUNS``), directly or
   through the words in between ("Russian nuclear forces"), is a mention of the
   country (GPE). Otherwise it is a NORP mention of the people ("Russians say
   ...", "Russian milbloggers"), keyed by the demonym (``auto:NORP/russian``).
4. Standalone role descriptions ("the Kremlin dictator", "the American
   president") become mentions of the person they name when
   :func:`resolve_title` can tell who that is on the document's date.
5. Folding: one :class:`~fogwatch.findings.Entity` per real-world thing. Its key
   is the gazetteer key when known, else ``auto:<TYPE>/<slug of longest name>``,
   where a surname ("Nacke") folds into a longer PERSON name of the same
   document ending in it ("Michael Nacke"), and case never matters.

Results: ``doc._.fw_entities`` (list of Entity, in order of first mention) and
``doc.ents`` rewritten to match (with WEAPON, UNIT, FACILITY, OTHER labels).

Longer than 600 lines because the steps above are one pass over one list of
matches, each step reading what the earlier ones took; the word lists they
share sit at the top, and the helpers later stages call are at the end.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from fogwatch import wordlists as wl
from fogwatch.analyze.base import Stage, doc_text, ensure_extension, sentence_index
from fogwatch.analyze.gazetteer import (
    Gazetteer,
    GazetteerEntry,
    TitleIndex,
    fold,
    load_gazetteer,
    load_title_index,
)
from fogwatch.findings import Document, Entity, Mention, slug

__all__ = [
    "STAGE", "STATE_NOUNS", "EntityComponent", "entity_at", "load_gazetteer",
    "resolve_title",
]

ensure_extension("fw_entities", None)
# (start_char, end_char, key) of every mention, sorted: lookups for entity_at
ensure_extension("fw_entity_index", None)

# Nouns that make a demonym name the state: "Russian forces" is Russia acting.
STATE_NOUNS: frozenset[str] = frozenset({
    "force", "forces", "army", "armies", "troop", "troops", "soldier", "soldiers",
    "military", "government", "governments", "official", "officials", "authority",
    "authorities", "side", "drone", "drones", "missile", "missiles", "strike", "strikes",
    "attack", "attacks", "offensive", "counteroffensive", "navy", "air", "defense",
    "defence", "defenses", "defences", "regime", "state", "leadership", "command",
    "ministry", "president", "diplomat", "diplomats", "delegation", "negotiators",
    "unit", "units", "artillery", "shelling", "bombardment", "occupation", "occupiers",
    "sanctions", "territory", "border", "positions", "position", "commander",
    "commanders", "intelligence", "parliament", "embassy", "administration",
    "aid", "assistance", "funding", "weapons", "envoy", "envoys", "leader", "leaders",
    "minister", "ministers", "spokesman", "spokeswoman", "spokesperson", "ambassador",
})

_KEEP_LABELS: dict[str, str] = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
    "FAC": "FACILITY", "EVENT": "EVENT",
}
_DIRECTION_WORDS: frozenset[str] = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "northeast", "northwest", "southeast", "southwest", "central",
})
_SPLIT_WORDS: frozenset[str] = frozenset({"&", "and", "/", ",", ";"})
# Ranks and honorifics the model folds into a name and then calls the whole an
# organisation ("Lieutenant General Igor Sedov" ORG): the name after them is a person.
_PERSON_TITLES: frozenset[str] = frozenset({
    "general", "lieutenant", "major", "colonel", "captain", "sergeant", "admiral",
    "vice", "rear", "marshal", "commander", "brigadier", "corporal", "private",
    "president", "minister", "senator", "governor", "mayor", "ambassador",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "professor", "prof.",
})
# Words that make a capitalised phrase an institution, not a person's name.
_INSTITUTION_WORDS: frozenset[str] = frozenset({
    "staff", "ministry", "directorate", "command", "forces", "army", "navy", "office",
    "council", "committee", "service", "agency", "department", "corps", "brigade",
    "regiment", "division", "battalion", "guard", "group", "district", "headquarters",
})
# A name right before one of these is a place ("the Novokodatskyi district").
_PLACE_NOUNS: frozenset[str] = frozenset({
    "district", "region", "oblast", "province", "raion", "village", "town", "city",
    "county", "neighbourhood", "neighborhood", "settlement", "municipality", "hromada",
})
# A name right after one of these is the title of a work ("his documentary Our War"),
# not an event, person or place.
_WORK_NOUNS: frozenset[str] = frozenset({
    "documentary", "film", "movie", "book", "novel", "memoir", "series", "podcast",
    "album", "song", "poem", "play", "essay", "biopic", "opera", "musical", "painting",
})
# A name right before one of these names a category ("of the Wunderwaffe variety").
_KIND_NOUNS: frozenset[str] = frozenset({
    "variety", "kind", "type", "sort", "genre", "style", "brand",
})
# A name the model calls a person right before one of these names a site: "the Burgas
# refinery" is a facility (the span grows to take the noun), not a man called Burgas.
_FACILITY_NOUNS: frozenset[str] = frozenset({
    "refinery", "plant", "port", "airport", "airfield", "airbase", "terminal", "depot",
    "factory", "dam", "bridge", "reactor", "mine", "shipyard", "pipeline", "substation",
})
_POSSESSIVE: frozenset[str] = frozenset({"'s", "\u2019s", "'", "\u2019"})
_OPEN_QUOTES = "\u201c\"\u2018'"
_CLOSE_QUOTES = "\u201d\"\u2019'"
_FUNCTION_WORDS: frozenset[str] = frozenset({"of", "the", "de", "von", "der", "van", "al", "bin"})


@dataclass(slots=True)
class _Found:
    """A mention before folding: a token span, its type, and its key if known."""

    start: int  # token offsets
    end: int
    type: str
    key: str | None = None
    surname_only: bool = False


# --- the component ----------------------------------------------------------------


class EntityComponent:
    """spaCy component: gazetteer-corrected, alias-folded entities (see module doc)."""

    def __init__(self, nlp: Language, name: str = "fogwatch_entities") -> None:
        self.name = name
        self.gazetteer: Gazetteer = load_gazetteer()
        self.titles: TitleIndex = load_title_index()
        # Built once per pipeline: spaCy's tokenizer makes the patterns.
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.roles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._surnames: set[tuple[str, str]] = set()  # (key, folded alias) one-word surnames
        self._given: dict[str, set[str]] = {}  # key -> folded first words of full names
        lower: dict[str, list[str]] = {}
        exact: dict[str, list[str]] = {}
        for entry in self.gazetteer:
            multi = [fold(n).split() for n in entry.names if len(n.split()) > 1]
            self._given[entry.key] = {words[0] for words in multi}
            for name in entry.names:
                target = exact if _is_acronym(name) else lower
                target.setdefault(entry.key, []).append(name)
                if entry.type == "PERSON" and len(name.split()) == 1:
                    self._surnames.add((entry.key, fold(name)))
        for key, names in lower.items():
            self.names.add(key, list(nlp.tokenizer.pipe(names)))
        for key, names in exact.items():
            self.acronyms.add(key, list(nlp.tokenizer.pipe(names)))
        self.roles.add("ROLE", list(nlp.tokenizer.pipe(sorted(self.titles.surface_forms()))))

    def __call__(self, doc: Doc) -> Doc:
        found = self._find(doc)
        entities = _fold(doc, found, self.gazetteer)
        doc._.fw_entities = entities
        doc._.fw_entity_index = sorted(
            (m.start, m.end, m.entity) for e in entities for m in e.mentions
        )
        spans = [Span(doc, f.start, f.end, label=f.type) for f in found]
        doc.set_ents(filter_spans(spans), default="outside")
        return doc

    # -- finding mentions ----------------------------------------------------------

    def _find(self, doc: Doc) -> list[_Found]:
        gaz = self._gazetteer_matches(doc)
        roles = [doc[s:e] for _, s, e in self.roles(doc)]
        taken = [False] * len(doc)
        out: list[_Found] = []

        def free(start: int, end: int) -> bool:
            return not any(taken[start:end])

        def take(f: _Found) -> None:
            for i in range(f.start, f.end):
                taken[i] = True
            out.append(f)

        model = list(doc.ents)
        # longer model names that merely contain a gazetteer match keep their own reading
        for ent in model:
            inside = [g for g in gaz if g.start >= ent.start and g.end <= ent.end]
            if len(inside) == 1 and self._model_name_wins(doc, ent, inside[0]):
                gaz.remove(inside[0])
                label = _KEEP_LABELS.get(ent.label_)
                for part in _clean_model_span(ent)[:1]:
                    if label and free(part.start, part.end):
                        take(_Found(part.start, part.end, label))
            elif len(inside) == 1 and self._extends_name(doc, ent, inside[0]):
                inside[0].start = ent.start  # "Sergey Viktorovich Lavrov": whole name
        for inst in self._possessive_institutions(doc):
            if free(inst.start, inst.end):
                gaz = [g for g in gaz if g.end <= inst.start or g.start >= inst.end]
                take(inst)
        for role in self._standalone_roles(doc, roles, gaz):
            if free(role.start, role.end):
                take(role)
        for g in gaz:
            if free(g.start, g.end):
                take(g)
        role_tokens = {i for r in roles for i in range(r.start, r.end)}
        for ent in model:
            for part in _clean_model_span(ent):
                if not free(part.start, part.end):
                    continue
                if all(i in role_tokens for i in range(part.start, part.end)):
                    continue  # "State" of "Secretary of State" is no organisation
                titled = _titled_person(part)
                if titled is not None:
                    if free(titled.start, titled.end):
                        take(titled)
                    continue
                found = self._from_model(doc, part, ent.label_)
                if found is not None:
                    take(found)
        for titled in _titled_names(doc):  # "Lieutenant General Igor Sedov" untagged
            if free(titled.start, titled.end):
                take(titled)
        for tok in doc:  # demonyms the model missed ("Ukrainian" tagged nothing)
            if not taken[tok.i] and tok.text[:1].isupper():
                found = self._demonym(tok)
                if found is not None:
                    take(found)
        _surname_pass(doc, out, taken)
        _outlet_pass(doc, out, taken)
        out.sort(key=lambda f: f.start)
        return out

    def _gazetteer_matches(self, doc: Doc) -> list[_Found]:
        by_span: dict[tuple[int, int], list[str]] = {}
        for match_id, start, end in [*self.names(doc), *self.acronyms(doc)]:
            key = doc.vocab.strings[match_id]
            if not _capitalised(doc[start:end]) or _capitals_of_a_name(doc, start, end, self.gazetteer.by_key[key]):
                continue
            by_span.setdefault((start, end), []).append(key)
        spans = filter_spans([doc[s:e] for s, e in by_span])
        known = {k for keys in by_span.values() if len(keys) == 1 for k in keys}
        out: list[_Found] = []
        for span in spans:
            keys = by_span[(span.start, span.end)]
            key = self._choose(doc, span, keys, known)
            entry = self.gazetteer.by_key[key]
            surname = (key, fold(span.text)) in self._surnames
            start = span.start + (1 if len(span) > 1 and span[0].lower_ == "the" else 0)
            out.append(_Found(start, span.end, entry.type, key, surname))
        return out

    def _possessive_institutions(self, doc: Doc) -> list[_Found]:
        """"Russia's defence ministry", "Ukraine's air force": a country's institution
        named the way wire copy does, found as "Russian Defence Ministry" would be.
        A capital stands for its country here ("Kyiv's General Staff")."""
        out: list[_Found] = []
        for tok in doc[1:-1]:
            if tok.lower_ not in ("'s", "’s"):
                continue
            owner = doc[tok.i - 1].text
            country = next((e for e in self.gazetteer.lookup(owner) if e.kind == "country"),
                           None) or self.gazetteer.state_of_capital(owner)
            if country is None:
                continue
            for end in range(min(len(doc), tok.i + 5), tok.i + 1, -1):
                words = doc[tok.i + 1:end]
                if not all(t.is_alpha for t in words):
                    continue
                names = [f"{d} {words.text}" for d in country.demonyms]
                names.append(f"{words.text} of {country.name}")
                entry = next((e for n in names for e in self.gazetteer.lookup(n)
                              if e.type in ("ORG", "UNIT")), None)
                if entry is not None:
                    # "Russia's general staff chief" names a person, not the staff
                    if end >= len(doc) or doc[end].pos_ not in ("NOUN", "PROPN"):
                        out.append(_Found(tok.i - 1, end, entry.type, entry.key))
                    break
        return out

    def _choose(self, doc: Doc, span: Span, keys: list[str], known: set[str]) -> str:
        """One entry for an ambiguous name: one named unambiguously elsewhere in the
        document, else one whose country is named just before, else the first listed."""
        unique = list(dict.fromkeys(keys))
        if len(unique) == 1:
            return unique[0]
        for key in unique:
            if key in known:
                return key
        context = doc[max(0, span.start - 6): span.start]
        codes = set()
        for tok in context:
            country = self.gazetteer.country_of_demonym(tok.text)
            hits = [country] if country else self.gazetteer.lookup(tok.text)
            codes.update(e.country for e in hits if e is not None and e.kind == "country")
        for key in unique:
            if self.gazetteer.by_key[key].country in codes:
                return key
        return unique[0]

    def _model_name_wins(self, doc: Doc, ent: Span, match: _Found) -> bool:
        """True when the model's span is a longer proper name around the match
        ("Stacey Abrams", "Trump Tower"), not a mislabelled gazetteer name."""
        if ent.label_ not in ("PERSON", "ORG", "FAC", "EVENT"):
            return False
        if (ent.start, ent.end) == (match.start, match.end):
            return False
        extra = [t for t in ent if not match.start <= t.i < match.end]
        if extra and extra[0].i == ent.start and extra[0].lower_ == "the":
            extra = extra[1:]
        # "Later Lavrov" is no longer name: the extra words must be proper nouns
        if not extra or not all(
            t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN" for t in extra
        ):
            return False
        entry = self.gazetteer.by_key[match.key or ""]
        if entry.type != _KEEP_LABELS.get(ent.label_, ent.label_):
            return True
        # same type: "Lara Trump" is someone else unless the extra words are his given name
        return match.surname_only and not any(
            t.lower_ in self._given.get(entry.key, set()) for t in extra
        )

    def _extends_name(self, doc: Doc, ent: Span, match: _Found) -> bool:
        if ent.label_ != "PERSON" or not match.surname_only or match.end != ent.end:
            return False
        extra = doc[ent.start: match.start]
        return len(extra) > 0 and extra[0].lower_ in self._given.get(match.key or "", set())

    def _standalone_roles(self, doc: Doc, roles: list[Span], gaz: list[_Found]) -> list[_Found]:
        """Role phrases used instead of a name ("the Kremlin dictator presented ...")."""
        out: list[_Found] = []
        named = {(g.start, g.key) for g in gaz}
        earlier = sorted((s, k) for s, k in named if k)
        for span in filter_spans(roles):
            nxt = span.end + (1 if span.end < len(doc) and doc[span.end].text == "," else 0)
            if nxt < len(doc) and (doc[nxt].ent_type_ == "PERSON" or any(
                g.start == nxt and g.type == "PERSON" for g in gaz
            )):
                continue  # a title in front of a name: the name is the mention
            code, role = self.titles.split(span.text)
            if code is None and len(role.split()) < 2:
                continue  # "the president" alone is too vague to pin on anyone
            key = _resolve(self.titles, doc._.fw_dct, span.text, span.start_char,
                           [(doc[s].idx, k) for s, k in earlier])
            if key is None:
                continue
            entry = self.gazetteer.by_key[key]
            inner = [g for g in gaz if g.start >= span.start and g.end <= span.end]
            if any(g.type == "PERSON" for g in inner):
                continue  # "Trump's envoy": the named person is the safer mention
            for g in inner:
                gaz.remove(g)  # "Kremlin" inside "the Kremlin dictator" is part of the role
            start = span.start + (1 if span[0].lower_ == "the" else 0)
            out.append(_Found(start, span.end, entry.type, key))
        return out

    def _from_model(self, doc: Doc, span: Span, label: str) -> _Found | None:
        if len(span) == 1 and span.text.islower():
            return None
        if span.text[:1].islower() and not any(t.text[:1].isupper() for t in span):
            return None
        demonym = self._demonym(span[0]) if len(span) == 1 else None
        if demonym is not None:
            return demonym
        if label == "NORP" and len(span) == 1 and _describes_a_name(span[0]):
            return None  # "the Swiss commodity trader Gunvor": where Gunvor is from
        if label == "PRODUCT":
            near = [t.lower_ for t in doc[max(0, span.start - 2): span.end + 2]]
            return _Found(span.start, span.end, "WEAPON") if wl.WEAPON_NOUNS & set(near) else None
        kept = _KEEP_LABELS.get(label)
        if kept is None:
            return None
        if kept in ("GPE", "LOC") and span.text.lower() in _DIRECTION_WORDS:
            return None
        after = doc[span.end].lower_ if span.end < len(doc) and doc[span.end].pos_ == "NOUN" else ""
        before = doc[span.start - 1].lower_ \
            if span.start > 0 and doc[span.start - 1].pos_ == "NOUN" else ""
        if before in _WORK_NOUNS or after in _KIND_NOUNS:
            return _Found(span.start, span.end, "OTHER")
        if kept == "PERSON" and after in _FACILITY_NOUNS:
            return _Found(span.start, span.end + 1, "FACILITY")
        if kept in ("ORG", "PERSON") and after in _PLACE_NOUNS:
            kept = "LOC"
        if kept == "PERSON" and _quoted(doc, span):
            kept = "OTHER"  # a poem, a nickname, a slogan: not a person
        return _Found(span.start, span.end, kept)

    def _demonym(self, tok: Token) -> _Found | None:
        country = self.gazetteer.country_of_demonym(tok.text)
        if country is None or fold(tok.text) in {fold(n) for n in country.names}:
            return None  # "U.S." is a name of the country, found by the matcher
        if tok.tag_ not in ("NNPS", "NNS") and _names_state(tok):
            return _Found(tok.i, tok.i + 1, country.type, country.key)
        if _describes_a_name(tok):
            return None  # "the Swiss commodity trader Gunvor": Gunvor's, not a people's
        return _Found(tok.i, tok.i + 1, "NORP", "auto:NORP/" + slug(country.demonyms[0]))


def _surname_pass(doc: Doc, found: list[_Found], taken: list[bool]) -> None:
    """Surnames of people the gazetteer does not know, once their full name is seen:
    a model ORG/GPE reading of "Kovalenko" becomes PERSON, and untagged repeats
    ("KOVALENKO said") become mentions."""
    surnames: dict[str, tuple[str, ...]] = {}  # first folded word -> surname words
    for f in found:
        if f.key is None and f.type == "PERSON" and f.end - f.start > 1:
            words = tuple(fold(t.text) for t in doc[f.start + 1: f.end])
            surnames[words[0]] = words
    if not surnames:
        return
    for f in found:
        if f.key is None and f.type in ("ORG", "GPE", "LOC", "NORP"):
            words = tuple(fold(t.text) for t in doc[f.start: f.end])
            if surnames.get(words[0]) == words:
                f.type = "PERSON"
    for tok in doc:
        words = surnames.get(fold(tok.text))
        end = tok.i + len(words) if words else 0
        if (words and tok.text[:1].isupper() and end <= len(doc) and not any(taken[tok.i:end])
                and tuple(fold(t.text) for t in doc[tok.i:end]) == words):
            for i in range(tok.i, end):
                taken[i] = True
            found.append(_Found(tok.i, end, "PERSON"))


def _outlet_pass(doc: Doc, found: list[_Found], taken: list[bool]) -> None:
    """The article's own outlet named in its text ("Baltic Wire could not verify")
    is an organisation, whatever the model guessed (a place, a person, nothing)."""
    document = doc._.fw_document
    outlet = fold(document.outlet).split() if document is not None and document.outlet else []
    if not outlet:
        return
    for f in found:
        if f.key is None and fold(doc[f.start:f.end].text).split() == outlet:
            f.type = "ORG"
    n = len(outlet)
    for tok in doc:
        end = tok.i + n
        if (end <= len(doc) and tok.text[:1].isupper() and not any(taken[tok.i:end])
                and [fold(t.text) for t in doc[tok.i:end]] == outlet):
            for i in range(tok.i, end):
                taken[i] = True
            found.append(_Found(tok.i, end, "ORG"))


def _titled_person(span: Span) -> _Found | None:
    """The person in a model span that starts with a rank or honorific and goes on
    with one to three capitalised names ("Lieutenant General Igor Sedov" -> "Igor
    Sedov"), or None."""
    lead = span.start
    while lead < span.end and span.doc[lead].lower_ in _PERSON_TITLES:
        lead += 1
    rest = span.doc[lead:span.end]
    if lead == span.start or not 1 <= len(rest) <= 3:
        return None
    if not all(t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN" for t in rest):
        return None
    if any(t.lower_ in _INSTITUTION_WORDS for t in rest):
        return None
    return _Found(rest.start, rest.end, "PERSON")


def _titled_names(doc: Doc) -> Iterable[_Found]:
    """People the model left untagged after a capitalised rank or honorific: a first
    name and a surname (two or three capitalised proper nouns, the whole name: no
    further capitalised word or "of" after it, no institution word in it), so that
    "Lieutenant General Igor Sedov" is a person and a later "Sedov" is he."""
    i = 0
    while i < len(doc):
        lead = i
        while lead < len(doc) and doc[lead].lower_ in _PERSON_TITLES and (
                doc[lead].text[:1].isupper()):
            lead += 1
        if lead == i:
            i += 1
            continue
        end = lead
        while end < len(doc) and end - lead < 4 and doc[end].is_alpha and (
                doc[end].text[:1].isupper() and doc[end].pos_ == "PROPN"):
            end += 1
        after = doc[end] if end < len(doc) else None
        # a name that goes on past a hyphen ("Kim Jong-un") is not whole: left alone
        joined = after is not None and not doc[end - 1].whitespace_ and (
            after.is_alpha or after.text in ("-", "‐", "–"))
        if (2 <= end - lead <= 3 and not joined and (after is None or (
                not after.text[:1].isupper() and after.lower_ != "of"))
                and not any(t.lower_ in _INSTITUTION_WORDS for t in doc[lead:end])):
            yield _Found(lead, end, "PERSON")
        i = max(end, i + 1)


def _names_state(tok: Token) -> bool:
    head = tok.head
    if head.i == tok.i or tok.dep_ not in ("amod", "compound", "nmod", "nummod", "npadvmod"):
        return False
    lo, hi = sorted((tok.i, head.i))
    words = {t.lower_ for t in tok.doc[lo: hi + 1] if t.i != tok.i}
    return bool(words & STATE_NOUNS) or head.lemma_.lower() in STATE_NOUNS


def _describes_a_name(tok: Token) -> bool:
    """A demonym in the description of a named one ("the Swiss commodity trader
    Gunvor", "American economist Jane Doe"): it says where the name is from."""
    head = tok.head
    if head.i == tok.i or tok.dep_ not in ("amod", "compound", "nmod"):
        return False
    if head.pos_ == "PROPN":
        return True
    if head.dep_ in ("compound", "appos") and head.head.pos_ == "PROPN":
        return True
    return any(c.pos_ == "PROPN" and c.dep_ == "appos" for c in head.children)


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


def _capitals_of_a_name(doc: Doc, start: int, end: int, entry: GazetteerEntry) -> bool:
    """An acronym that spells a name written otherwise ("FICO has encouraged
    companies" is the credit-score firm, not Robert Fico), where the name is written
    nowhere else in the text and the line is not in capitals ("PUTIN SAYS TALKS WILL
    GO ON", or "spoke with PUTIN" beside "Putin's aide", still name him)."""
    text = doc[start:end].text
    if not _is_acronym(text) or any(n in doc.text for n in entry.names):
        return False
    around = [t for t in doc[max(0, start - 3):min(len(doc), end + 3)]
              if t.is_alpha and not start <= t.i < end]
    return not around or not all(t.text.isupper() for t in around)


def _capitalised(span: Span) -> bool:
    """The last word of a name starts with a capital ("von der Leyen", "Kh-101")."""
    words = [t for t in span if any(c.isalpha() for c in t.text)
             and t.lower_ not in _FUNCTION_WORDS]
    if not words:
        return any(t.like_num for t in span)
    return words[-1].text[:1].isupper() and not words[0].text[:1].islower()


def _quoted(doc: Doc, span: Span) -> bool:
    text = doc_text(doc)
    before = text[max(0, span.start_char - 1): span.start_char]
    after = text[span.end_char: span.end_char + 2]
    return bool(before) and before in _OPEN_QUOTES and any(c in _CLOSE_QUOTES for c in after)


def _clean_model_span(ent: Span) -> list[Span]:
    """Split "X & Y", trim "the" and possessives, cut "X-ego-stroking" to "X"."""
    parts: list[Span] = []
    start = ent.start
    for tok in [*ent, None]:
        if tok is None or tok.lower_ in _SPLIT_WORDS:
            end = ent.end if tok is None else tok.i
            if end > start:
                parts.append(ent.doc[start:end])
            start = end + 1
    out: list[Span] = []
    for part in parts:
        s, e = part.start, part.end
        doc = part.doc
        while s < e and (doc[s].lower_ == "the" or doc[s].is_punct or doc[s].is_space):
            s += 1
        for i in range(s, e - 1):
            if doc[i].text == "-" and doc[i + 1].text[:1].islower():
                e = i
                break
        while e > s and (
            doc[e - 1].text in _POSSESSIVE or doc[e - 1].is_punct or doc[e - 1].is_space
        ):
            e -= 1
        # the model sometimes tags a dash and a no-break space as a name: no word, no entity
        if e > s and any(c.isalnum() for c in doc[s:e].text):
            out.append(doc[s:e])
    return out


# --- folding -----------------------------------------------------------------------


def _fold(doc: Doc, found: list[_Found], gazetteer: Gazetteer) -> list[Entity]:
    doc_id = doc._.fw_document.id if doc._.fw_document is not None else None
    # auto keys: surnames fold into the longest PERSON name of the document ending in them
    full_names: dict[str, str] = {}  # folded last word -> folded longest full name
    for f in found:
        if f.key is None and f.type == "PERSON":
            words = fold(doc[f.start:f.end].text).split()
            last = words[-1]
            if len(words) > 1 and len(words) > len(full_names.get(last, "").split()):
                full_names[last] = " ".join(words)
    entities: dict[str, Entity] = {}
    for f in found:
        text = doc[f.start:f.end].text
        key = f.key
        if key is None:
            folded = fold(text)
            if f.type == "PERSON":
                words = folded.split()
                folded = full_names.get(words[-1], folded) if len(words) == 1 else folded
            key = f"auto:{f.type}/{slug(folded)}"
        start_char, end_char = doc[f.start].idx, doc[f.end - 1].idx + len(doc[f.end - 1])
        mention = Mention(
            text=text, start=start_char, end=end_char, sentence=sentence_index(doc, start_char),
            type=f.type, entity=key, document=doc_id,
        )
        entity = entities.get(key)
        if entity is None:
            entry = gazetteer.by_key.get(key)
            entity = Entity(
                key=key, name=entry.name if entry else text,
                type=entry.type if entry else f.type,
                description=entry.description if entry else None,
                country=entry.country if entry else None, gazetteer=entry is not None,
            )
            entities[key] = entity
        entity.mentions.append(mention)
        if not any(a.casefold() == text.casefold() for a in entity.aliases):
            entity.aliases.append(text)
    for entity in entities.values():
        entity.aliases = _proper_forms(entity.aliases, entity.mentions)
        if not entity.gazetteer and entity.type != "NORP":
            entity.name = max(entity.aliases, key=len)
        elif entity.type == "NORP" and not entity.gazetteer:
            # the people, named apart from their state: "Ukrainian people" beside "Ukraine"
            entity.name = entity.key.split("/", 1)[1].replace("-", " ").title() + " people"
    return list(entities.values())


def _proper_forms(aliases: list[str], mentions: list[Mention]) -> list[str]:
    """Distinct surface forms, preferring the properly cased one of "TRUMP"/"Trump"."""
    texts = [m.text for m in mentions]
    out: list[str] = []
    for alias in aliases:
        variants = [t for t in texts if t.casefold() == alias.casefold()]
        best = next((t for t in variants if not t.isupper()), alias)
        if best not in out:
            out.append(best)
    return out


# --- helpers for later stages --------------------------------------------------------


def entity_at(doc: Doc, start_char: int, end_char: int) -> Entity | None:
    """The entity with a mention overlapping ``[start_char, end_char)``, if any."""
    index = doc._.fw_entity_index
    entities = doc._.fw_entities
    if not index or not entities:
        return None
    i = bisect_right(index, (start_char, float("inf"), "")) - 1
    best: str | None = None
    # mentions never overlap one another, so the hit is near the bisection point
    for j in range(max(0, i - 1), min(len(index), i + 3)):
        s, e, key = index[j]
        if s < end_char and start_char < e:
            best = key
            break
    if best is None:
        return None
    # the first entity with that key, looked up in a table built once per list
    cached = doc.user_data.get("fw_entity_keys")
    if cached is None or cached[0] is not entities or cached[1] != len(entities):
        by_key: dict[str, Entity] = {}
        for e in entities:
            by_key.setdefault(e.key, e)
        cached = (entities, len(entities), by_key)
        doc.user_data["fw_entity_keys"] = cached
    return cached[2].get(best)


def resolve_title(doc: Doc, text: str, char: int) -> str | None:
    """Entity key for a role description ("the Chief of the General Staff",
    "Russia's foreign minister", "the Kremlin dictator") used at ``char``.

    Only roles held on the document's date count. Among several holders, the one
    mentioned most recently before ``char`` wins; with none mentioned, an answer
    is given only when the role has a single holder.
    """
    mentioned = [
        (m.start, e.key) for e in (doc._.fw_entities or []) for m in e.mentions if m.start < char
    ]
    return _resolve(load_title_index(), doc._.fw_dct, text, char, mentioned)


def _resolve(
    titles: TitleIndex, date: str | None, text: str, char: int,
    mentioned: Iterable[tuple[int, str]],
) -> str | None:
    code, senses = titles.senses(text, date)
    keys = list(dict.fromkeys(s.key for s in senses))
    if not keys:
        return None
    before = sorted((start, key) for start, key in mentioned if start < char and key in keys)
    if before:
        return before[-1][1]
    if code is None:
        # a role known only with its country ("Russian chief of staff") names no one
        # when written without it: "White House Chief Of Staff Rahm Emanuel"
        keys = list(dict.fromkeys(s.key for s in senses if s.country is None))
    return keys[0] if len(keys) == 1 else None


# --- registration --------------------------------------------------------------------


@Language.factory("fogwatch_entities")
def make_entities(nlp: Language, name: str) -> EntityComponent:
    return EntityComponent(nlp, name)


def collect(doc: Doc, document: Document) -> list[Entity]:
    entities: list[Entity] = doc._.fw_entities or []
    for entity in entities:
        for mention in entity.mentions:
            mention.document = document.id
    return entities


STAGE = Stage(factory="fogwatch_entities", key="entities", order=100, collect=collect)
