"""The shared vocabulary: one typed record per finding kind.

Every layer (analyze, store, reconcile, serve, export) speaks these records.
Each finding keeps its provenance: the document id, character offsets into the
document text, and the index of the sentence it sits in, so that nothing is ever
shown without a way back to the words that support it.

Records are plain dataclasses: cheap to build in the hot path, and serialised to
JSON-ready dicts with :func:`to_dict` (and back with ``from_dict``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar

from fogwatch.kinds import registry

# --- closed vocabularies --------------------------------------------------------

EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "FACILITY", "UNIT", "EVENT", "OTHER"
]
ENTITY_TYPES: tuple[str, ...] = (
    "PERSON", "ORG", "GPE", "LOC", "NORP", "WEAPON", "FACILITY", "UNIT", "EVENT", "OTHER",
)
PLACE_TYPES: frozenset[str] = frozenset({"GPE", "LOC", "FACILITY"})

Section = Literal["body", "comment"]
DateSource = Literal["metadata", "given", "text", "inferred"]

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]

AttributionKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["asserted", "hedged", "disputed", "refuted", "unconfirmed"]

PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
Modality = Literal[
    "happened", "claimed", "denied", "planned", "threatened", "hypothetical", "negated",
    "unknown",  # the text gives no evidence either way (shown as "unclear")
]
# How a modality reads where its stored value would mislead: "unknown" does not say
# that nobody knows, only that the text gives no evidence either way.
MODALITY_LABELS = {"unknown": "unclear"}


def modality_label(modality: str | None) -> str:
    """The word shown to readers for an event modality ("unknown" -> "unclear")."""
    return MODALITY_LABELS.get(modality or "", modality or "")

SourceStance = Literal["asserts", "denies", "unverified", "reports"]


# --- small helpers --------------------------------------------------------------


@dataclass(slots=True)
class TextSpan:
    """A stretch of the document text: ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int
    entity: str | None = None  # Entity.key the span refers to (e.g. an attribution's source)


def normalise_text(text: str) -> str:
    """Text reduced for duplicate detection: NFKC, case-folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def document_id(text: str, url: str | None = None) -> str:
    """A stable id: from the canonical URL when there is one, else from the text.

    Two fetches of one URL, or two copies of one text, get the same id, which is
    what makes ingest idempotent.
    """
    basis = ("url:" + url.strip()) if url else ("text:" + normalise_text(text))
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def slug(text: str) -> str:
    """ASCII slug used in entity keys ("Orbán" -> "orban")."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]+", "-", text.lower()).strip("-")
    return text or "x"


# --- findings -------------------------------------------------------------------

T = TypeVar("T", bound="Finding")


@dataclass(slots=True)
class Finding:
    """Base of every finding: JSON round trip and a kind name."""

    KIND: ClassVar[str] = "finding"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _from_dict(cls, data)


@dataclass(slots=True)
class Document(Finding):
    """One article, or one reader comment (``section='comment'``, ``parent_id`` set)."""

    KIND: ClassVar[str] = "document"

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date or datetime
    date_source: DateSource | None = None
    date_evidence: str | None = None  # for inferred dates: the words that gave it
    language: str = "en"
    section: Section = "body"
    parent_id: str | None = None
    source: str | None = None  # where it came from: a path, a URL, "stdin", a feed
    metadata: dict[str, Any] = field(default_factory=dict)
    # The (start, end) characters of each sentence, as the analysis split them
    # (whitespace trimmed; None before analysis): a finding's ``sentence`` is an
    # index into it, and reconcile reads the document's sentences from it.
    sentences: list[tuple[int, int]] | None = None
    # How the analysis reduced the words it changed: lowercase form -> lemma
    # ("struck" -> "strike"; None before analysis). Reconcile reads a document's
    # words through it.
    lemmas: dict[str, str] | None = None

    @classmethod
    def create(cls, text: str, url: str | None = None, **kw: Any) -> Document:
        return cls(id=document_id(text, url), text=text, url=url, **kw)


@dataclass(slots=True)
class Mention(Finding):
    """One surface occurrence of an entity in a document."""

    KIND: ClassVar[str] = "mention"

    text: str
    start: int
    end: int
    sentence: int
    type: str
    entity: str  # the Entity.key it folds into
    document: str | None = None


@dataclass(slots=True)
class Entity(Finding):
    """A real-world thing with its aliases folded together.

    ``key`` is stable across documents: a gazetteer id when the curated
    gazetteer knows the thing ("gaz:person/donald-trump"), else a key built from
    the type and the normalised longest name ("auto:PERSON/michael-nacke").
    """

    KIND: ClassVar[str] = "entity"

    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    description: str | None = None  # a role, e.g. "Chief of the General Staff of Russia"
    country: str | None = None
    gazetteer: bool = False


@dataclass(slots=True)
class Time(Finding):
    """A TIMEX3-style time expression, normalised and resolved."""

    KIND: ClassVar[str] = "time"

    text: str
    start: int
    end: int
    sentence: int
    type: TimeType
    value: str  # TimeML value: 2025-09-23, 2025-W45, 2024-SU, P5W, PRESENT_REF, ...
    interval: tuple[str, str] | None = None  # ISO start/end (inclusive) for DATEs
    anchor: str | None = None  # what it was resolved against: "DCT", "t3", an event
    mod: str | None = None  # TimeML mod: START, MID, END, APPROX, ...
    document: str | None = None


@dataclass(slots=True)
class Attribution(Finding):
    """Who says what: source, cue, content, and the reporter's stance toward it."""

    KIND: ClassVar[str] = "attribution"

    cue: TextSpan
    content: list[TextSpan]
    sentence: int
    source: TextSpan | None = None
    source_entity: str | None = None  # Entity.key
    kind: AttributionKind = "indirect"
    stance: Stance = "asserted"
    disputed_by: list[int] = field(default_factory=list)  # indices into the doc's attributions
    nested_in: int | None = None
    time: int | None = None  # index into the doc's times
    time_precision: str | None = None  # of the anchoring time: day, month, season, year ...
    # value of the anchoring time (also one worked out from "three months after ...",
    # which has no time index), None: undated
    time_value: str | None = None
    document: str | None = None
    # how likely the attribution is right (0-1: the share of such attributions that
    # match a PolNeAR one), from the taggers' own probabilities; None: not scored
    confidence: float | None = None


@dataclass(slots=True)
class Event(Finding):
    """Who did what to whom, where, when, and whether it happened."""

    KIND: ClassVar[str] = "event"

    trigger: TextSpan
    type: str  # PLOVER category
    sentence: int
    mode: str | None = None
    actors: list[str] = field(default_factory=list)  # Entity.keys
    targets: list[str] = field(default_factory=list)
    place: str | None = None  # Place key
    time: int | None = None  # index into the doc's times; None with time_value "DCT"
    time_value: str | None = None  # value of the anchoring time, "DCT" (the present), None
    time_precision: str | None = None  # of time_value: day, week, month, season, year ...
    modality: Modality = "happened"
    attribution: int | None = None  # index into the doc's attributions
    document: str | None = None


@dataclass(slots=True)
class Quantity(Finding):
    """A number with its unit, approximation and what it counts."""

    KIND: ClassVar[str] = "quantity"

    text: str
    start: int
    end: int
    sentence: int
    value: float | None
    upper: float | None = None  # for ranges
    unit: str | None = None
    approx: str | None = None  # "over", "about", "at least", ...
    counted: str | None = None
    attribution: int | None = None
    event: int | None = None
    document: str | None = None


@dataclass(slots=True)
class Place(Finding):
    """A place resolved to a gazetteer entry with coordinates."""

    KIND: ClassVar[str] = "place"

    key: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    geonameid: int | None = None
    confidence: float | None = None
    entity: str | None = None  # Entity.key
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class NumberClaim(Finding):
    """A figure a source gives for a proposition ("more than 5,000 troops")."""

    KIND: ClassVar[str] = "number"

    value: float | None
    document: str
    source: str
    upper: float | None = None
    unit: str | None = None
    approx: str | None = None
    counted: str | None = None
    text: str | None = None
    date: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class StanceRecord(Finding):
    """Where one source stands on a proposition, in one document, and when.

    ``role`` tells whether the stance is the speaker's inside the article
    ("source": Gerasimov asserts) or the outlet's own treatment of the claim
    ("outlet": the wire service cannot verify it).
    """

    KIND: ClassVar[str] = "stance"

    source: str  # display name of who takes the stance
    stance: SourceStance
    document: str
    outlet: str | None = None
    date: str | None = None  # when the stance was taken (ISO date)
    text: str | None = None  # the words that carry it
    entity: str | None = None  # Entity.key of the source, when known
    role: Literal["source", "outlet"] = "source"
    start: int | None = None
    end: int | None = None
    attribution: int | None = None  # index into the document's attributions
    event: int | None = None  # index into the document's events
    # an analyst's correction in force on it (fogwatch.store.claim_corrections):
    # {"corrections": [ids], "actions": [...], "author", "note", "machine": what it had}
    corrected: dict[str, Any] | None = None


@dataclass(slots=True)
class Proposition(Finding):
    """A claim about the world that several sources speak to (cross-document)."""

    KIND: ClassVar[str] = "proposition"

    id: str
    statement: str
    first_seen: str | None = None
    last_seen: str | None = None
    stances: list[StanceRecord] = field(default_factory=list)
    type: str | None = None  # PLOVER category of the events it is about, if any
    entities: list[str] = field(default_factory=list)  # Entity.keys it is about
    place: str | None = None  # Place key
    contested: bool = False  # some source asserts it and another denies it
    numbers: list[NumberClaim] = field(default_factory=list)
    numbers_disagree: bool = False


@dataclass(slots=True)
class EventReport(Finding):
    """One document's report of a cross-document event."""

    KIND: ClassVar[str] = "event_report"

    document: str
    event: int  # index into the document's events
    modality: Modality
    outlet: str | None = None
    date: str | None = None  # the document's published date
    text: str | None = None  # the sentence
    start: int | None = None  # the trigger's offsets
    end: int | None = None
    attribution: int | None = None
    source: str | None = None  # who claims it, for claimed/denied reports


@dataclass(slots=True)
class MergedEvent(Finding):
    """One real-world event as reported across documents, every report kept as evidence."""

    KIND: ClassVar[str] = "merged_event"

    id: str
    type: str  # PLOVER category
    statement: str  # a short label: "Russia ASSAULT Ukraine at Dnipro"
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    place: str | None = None
    start: str | None = None  # ISO date: when it happened (interval start)
    end: str | None = None
    modality: Modality = "happened"  # happened if any report states it, else the commonest
    first_seen: str | None = None
    last_seen: str | None = None
    reports: list[EventReport] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """Everything fogwatch found in one document: the shape of ``analyze --json``.

    fogwatch's own kinds have a field each; a kind registered by a plug-in
    (:mod:`fogwatch.kinds`) keeps its findings in ``extra`` under its name.
    :meth:`get` reaches either.
    """

    document: Document
    entities: list[Entity] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    extra: dict[str, list[Any]] = field(default_factory=dict)
    # An analyst's review, as the store applied it (fogwatch.store.corrections):
    # kind -> idx -> "confirmed", "corrected" or "rejected". Not part of to_dict.
    review: dict[str, dict[int, str]] = field(default_factory=dict)

    FINDING_KEYS: ClassVar[tuple[str, ...]] = (
        "entities", "times", "attributions", "events", "quantities", "places",
    )

    def get(self, kind: str) -> list[Any]:
        """The findings of ``kind`` (a registered kind's name, or ``entities``)."""
        if kind in self.FINDING_KEYS:
            return getattr(self, kind)  # type: ignore[no-any-return]
        return self.extra.setdefault(kind, [])

    def rejected(self, kind: str, idx: int) -> bool:
        """Whether an analyst rejected finding ``idx`` of ``kind``: it stays in its
        list (other findings point at it by position) but is not folded or shown."""
        return self.review.get(kind, {}).get(idx) == "rejected"

    def kinds(self) -> tuple[str, ...]:
        """``entities`` and every registered kind, in order."""
        return ("entities", *registry.names())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"document": to_dict(self.document)}
        for key in (*self.FINDING_KEYS, *(k for k in registry.names() if k not in out)):
            out[key] = [to_dict(f) for f in self.get(key)]
        for key, found in self.extra.items():  # findings of a kind since unregistered
            out.setdefault(key, [to_dict(f) for f in found])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        analysis = cls(document=Document.from_dict(data["document"]))
        analysis.entities = [Entity.from_dict(x) for x in data.get("entities") or []]
        for kind in registry.kinds():
            analysis.get(kind.name).extend(
                kind.record.from_dict(x) for x in data.get(kind.name) or []
            )
        return analysis


# --- serialisation --------------------------------------------------------------

def to_dict(obj: Any) -> Any:
    """JSON-ready form of a finding (recursively); keys in declaration order."""
    cls = type(obj)
    if cls in _PLAIN:
        return obj
    names = _TO_DICT_FIELDS.get(cls)
    if names is None and dataclasses.is_dataclass(cls):
        # (a class is never a dataclass instance: its type is a metaclass)
        names = _TO_DICT_FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls))
    if names is not None:
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


# Saving an analysis turns thousands of records into dicts: each dataclass's field
# names are looked up once, and plain values returned at once.
_PLAIN = frozenset({str, int, float, bool, type(None)})
_TO_DICT_FIELDS: dict[type, tuple[str, ...]] = {}


# Records are read back by the thousand (a page of claims holds hundreds of
# stances): each class's field names are looked up once, not per record.
_FIELD_NAMES: dict[type, frozenset[str]] = {}
_NESTED: dict[tuple[type, str], type] = {
    (Entity, "mentions"): Mention,
    (Place, "mentions"): Mention,
    (Proposition, "stances"): StanceRecord,
    (Proposition, "numbers"): NumberClaim,
    (MergedEvent, "reports"): EventReport,
}
_COERCED = frozenset({name for _, name in _NESTED} | {"cue", "source", "trigger", "content",
                                                      "interval", "sentences"})


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    return cls(**{
        name: _coerce(cls, name, value) if name in _COERCED else value
        for name, value in data.items() if name in names
    })


def _coerce(cls: type, name: str, value: Any) -> Any:
    if value is None:
        return None
    nested = _NESTED.get((cls, name))
    if nested is not None:
        return [nested.from_dict(v) for v in value]
    if name in ("cue", "source", "trigger") and isinstance(value, dict):
        return TextSpan(**value)
    if name == "content" and cls is Attribution:
        return [TextSpan(**v) for v in value]
    if name == "interval" and isinstance(value, list):
        return tuple(value)
    if name == "sentences" and cls is Document:
        return [(int(a), int(b)) for a, b in value]
    return value
