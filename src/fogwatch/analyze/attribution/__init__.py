"""The attribution stage: who claims what, and how the reporter treats it.

``fogwatch_attribution`` is a spaCy component. It finds cues, sources and
contents with the CRF taggers trained on PolNeAR (``attrib.model``), drops the
author's own voice, resolves each source to an entity (``attrib.resolve``),
classifies the kind (direct / indirect / mixed by quotation marks), links
nested and disputed attributions and sets the reporter's stance
(``attrib.stance``). Results: ``doc._.fw_attributions`` (list of
:class:`~fogwatch.findings.Attribution`, in text order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from fogwatch.analyze.attribution.boundary import after_ranker, fix_boundaries
from fogwatch.analyze.attribution.confidence import features
from fogwatch.analyze.attribution.features import quote_depths
from fogwatch.analyze.attribution.model import AttributionModel, RawAttribution, load_model
from fogwatch.analyze.attribution.resolve import (
    SourceResolver,
    is_author_voice,
    is_fragment_content,
    is_modifier_cue,
    is_show_of_force,
    is_writers_frame,
    is_writers_hedge,
    is_writers_inference,
)
from fogwatch.analyze.attribution.rules import (
    according_to,
    according_to_clause,
    according_to_source,
    as_puts_it,
    colon_speaker,
    comparative_as,
    complete_clause,
    conj_source,
    dash_signature,
    dependency_source,
    fill_content,
    gerund_source,
    hedge_adverbs,
    hedge_in_cue,
    missed_speech,
    nested_speech,
    parenthetical_speech,
    participle_speech,
    poll_respondents,
    rejections,
    seeking,
    source_from_content,
    subject_source,
)
from fogwatch.analyze.attribution.sources import SourceCheck
from fogwatch.analyze.attribution.stance import assign_stances
from fogwatch.analyze.base import Stage, ensure_extension, sentence_index
from fogwatch.analyze.events.anchor import anchor_of
from fogwatch.findings import Attribution, Document, TextSpan

ensure_extension("fw_attributions", None)

# Docs are tagged together up to about this many tokens (the arrays of a batch
# take some kilobytes per token).
BATCH_TOKENS = 20_000

# A source made of several pieces is joined when the gap between them is this
# small ("Gerasimov , the chief ,"); otherwise the piece nearest the cue is kept.
SOURCE_JOIN_GAP = 3


def _text_span(doc: Doc, start: int, end: int) -> TextSpan:
    """Token span -> character span, trimmed of spaces and stray edge punctuation."""
    while start < end - 1 and (doc[start].is_space or doc[start].text in {",", ";"}):
        start += 1
    while end - 1 > start and (doc[end - 1].is_space or doc[end - 1].text in {",", ";"}):
        end -= 1
    span = doc[start:end]
    return TextSpan(text=span.text, start=span.start_char, end=span.end_char)


def _apart(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two pieces across a comma that neither describes the other: "Gerasimov, the
    chief of staff" is one source; "the Levada Center, Russia's most respected
    polling firm, 40 percent of respondents" is not (the firm hangs on the Center,
    the respondents speak)."""
    if not any(t.text == "," for t in doc[a[1]:b[0]]):
        return False
    ra, rb = doc[a[0]:a[1]].root, doc[b[0]:b[1]].root
    return not (b[0] <= ra.head.i < b[1] or a[0] <= rb.head.i < a[1])


def _pick_source(
    raw: RawAttribution, checker: SourceCheck | None = None, doc: Doc | None = None
) -> tuple[int, int] | None:
    """The source's tokens: pieces close together joined, the one nearest the cue
    kept, and, given ``checker``, cut to what names a source (``attrib.sources``;
    None when nothing does)."""
    if not raw.source:
        return None
    pieces = sorted(raw.source)
    joined = [pieces[0]]
    for s, e in pieces[1:]:
        # never across the cue ("the ministry [said] in its summary"), nor across a
        # comma between pieces that do not describe each other
        if (s - joined[-1][1] <= SOURCE_JOIN_GAP and not joined[-1][1] <= raw.cue[0] < s
                and not (doc is not None and _apart(doc, joined[-1], (s, e)))):
            joined[-1] = (joined[-1][0], e)
        else:
            joined.append((s, e))
    cue = raw.cue[0]
    picked = min(joined, key=lambda p: min(abs(p[0] - cue), abs(p[1] - cue)))
    return picked if checker is None else checker.source(*picked)


def _kind(quotes: list[int], doc: Doc, content: list[tuple[int, int]]) -> str:
    words = [quotes[i] for s, e in content for i in range(s, e)
             if not doc[i].is_punct and not doc[i].is_space]
    if not words:
        return "indirect"
    inside = sum(words)
    if inside == len(words):
        return "direct"
    return "mixed" if inside else "indirect"


def _time_for(doc: Doc, cue: Span,
              content: list[tuple[int, int]]) -> tuple[int | None, str | None, str | None]:
    """(index, value, precision) of the time that anchors the cue: the time in its
    clause, or of the meeting or briefing it hangs on, never one inside what is
    said (the events' anchoring rule, :mod:`fogwatch.analyze.events.anchor`). A
    date worked out from a relative clause ("three months after ..., he said")
    has a value and no index."""
    anchor = anchor_of(doc, cue.root, skip=content)
    if anchor is None or anchor.value == "PRESENT_REF":
        return None, None, None  # "now": not when something was said
    return anchor.index, anchor.value, anchor.precision


def _dependency_source(doc: Doc, raw: RawAttribution) -> None:
    if not raw.source:
        src = dependency_source(doc, raw.cue)
        if src is not None and not any(s <= src[0] < e for s, e in raw.content):
            raw.source = [src]


def _fill_content(doc: Doc, raw: RawAttribution) -> None:
    fill_content(doc, raw, quote_depths(doc))  # quote_depths is cached on the doc


# The rules in the order they run: first those that fix each found attribution
# in place, then those that add attributions the taggers missed (each sees what
# the ones before it found).
FIXES: tuple[tuple[str, Callable[[Doc, RawAttribution], None]], ...] = (
    ("according_to", according_to), ("according_to_source", according_to_source),
    ("subject_source", subject_source),
    ("hedge_in_cue", hedge_in_cue), ("source_from_content", source_from_content),
    ("complete_clause", complete_clause), ("dependency_source", _dependency_source),
    ("gerund_source", gerund_source), ("conj_source", conj_source),
    ("fill_content", _fill_content),
)
ADDITIONS: tuple[tuple[str, Callable[[Doc, list[RawAttribution]], list[RawAttribution]]], ...] = (
    ("missed_speech", missed_speech), ("as_puts_it", as_puts_it),
    ("dash_signature", dash_signature), ("rejections", rejections),
    ("nested_speech", nested_speech), ("poll_respondents", poll_respondents),
    ("hedge_adverbs", hedge_adverbs),
    ("according_to_clause", according_to_clause), ("colon_speaker", colon_speaker),
    ("parenthetical_speech", parenthetical_speech), ("participle_speech", participle_speech),
    ("seeking", seeking),
)
RULES = tuple(name for name, _ in (*FIXES, *ADDITIONS))


def extract(
    doc: Doc, model: AttributionModel, rules: tuple[str, ...] | None = None,
    raws: list[RawAttribution] | None = None,
) -> list[RawAttribution]:
    """Tagger output, completed by the dependency rules the model's dev scores kept.

    ``rules`` defaults to the list in the model's ``meta.json`` (chosen on dev by
    training), or all of :data:`RULES` for a model that does not say. ``raws``:
    the taggers' output for ``doc`` when already predicted (with other docs).
    """
    if rules is None:
        rules = tuple(model.meta.get("rules", RULES))
    if raws is None:
        raws = model.predict(doc)
    for name, fix in FIXES:
        if name in rules:
            for raw in raws:
                fix(doc, raw)
    for name, add in ADDITIONS:
        if name in rules:
            added = add(doc, raws)
            for raw in added:
                raw.origin = name
            raws.extend(added)
    return raws


def build_attributions(
    doc: Doc, model: AttributionModel, raws: list[RawAttribution] | None = None,
    rules: tuple[str, ...] | None = None,
) -> list[Attribution]:
    """The attribution records of a parsed doc (before document ids are filled).

    ``rules``: as for :func:`extract` (default: the model's own list).
    """
    raws = extract(doc, model, rules=rules, raws=raws)
    if not raws:
        return []
    quotes = quote_depths(doc)
    fix_boundaries(doc, raws, quotes)
    if model.ranker is not None:
        model.ranker.adjust_all(doc, raws, quotes)
    after_ranker(doc, raws)
    resolver = SourceResolver(doc)
    checker = SourceCheck(doc)
    calibration = model.calibration
    out: list[Attribution] = []
    evidence: dict[int, dict[str, float]] = {}  # id of a record -> what its confidence read
    for raw in raws:
        if not raw.content:
            continue  # a cue with nothing said is no attribution
        src = _pick_source(raw, checker, doc)
        src_span = doc[src[0]:src[1]] if src else None
        cue_span = doc[raw.cue[0]:raw.cue[1]]
        if _not_a_statement(doc, cue_span, src_span, raw.content):
            continue
        source = _text_span(doc, *src) if src else None
        entity = resolver.resolve(src_span) if src_span is not None else None
        if source is not None:
            source.entity = entity
        time, value, precision = _time_for(doc, cue_span, raw.content)
        out.append(Attribution(
            cue=_text_span(doc, *raw.cue),
            content=[_text_span(doc, s, e) for s, e in raw.content],
            sentence=sentence_index(doc, cue_span.start_char),
            source=source,
            source_entity=entity,
            kind=_kind(quotes, doc, raw.content),  # type: ignore[arg-type]
            time=time, time_value=value, time_precision=precision,
            confidence=calibration.confidence(raw) if calibration is not None else None,
        ))
        evidence[id(out[-1])] = features(raw)
    out.sort(key=lambda a: a.cue.start)
    # what each record's confidence was worked out from, in the records' order (the
    # calibration benchmark fits the mapping on it)
    doc.user_data["fw_attribution_features"] = [evidence[id(a)] for a in out]
    _inherit_sources(doc, out)
    # nesting: an attribution whose cue sits inside another's content
    for j, inner in enumerate(out):
        for i, outer in enumerate(out):
            if i != j and any(c.start <= inner.cue.start < c.end for c in outer.content):
                inner.nested_in = i
                break
    assign_stances(doc, out)
    return out


def _not_a_statement(doc: Doc, cue: Span, source: Span | None,
                     content: list[tuple[int, int]]) -> bool:
    """The writer's own voice or a misread, not someone's statement: "we", "it does
    seem", "it is worth noting", "Putin's missile-flexing suggests", "the
    just-announced plan", "to what extent", "not as great as he claims", "Putin
    rattles his nukes"."""
    if is_author_voice(source) or is_modifier_cue(cue) or is_writers_inference(cue):
        return True
    if source is None and (is_writers_hedge(cue) or is_writers_frame(cue)):
        return True
    if is_show_of_force(cue, content):
        return True  # "Putin rattles his nukes": an act, not a statement
    if comparative_as(cue.root) and all(e <= cue.start for _, e in content):
        return True  # "not as great as he claims": he does not claim the main clause
    return is_fragment_content(doc, content)


# how a speech verb without a subject hangs on the verb of the one who speaks:
# "the ministry said, dismissing the reports ..."; "claimed X and denied Y"
SHARED_SPEAKER_DEPS = frozenset({"advcl", "conj", "xcomp"})


def _inherit_sources(doc: Doc, atts: list[Attribution]) -> None:
    """A cue with no source of its own takes the source of the cue it hangs on."""
    by_root: dict[int, Attribution] = {}
    for a in atts:
        span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        if span is not None:
            by_root[span.root.i] = a
    for a in atts:
        if a.source is not None:
            continue
        span = doc.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ not in SHARED_SPEAKER_DEPS or any(
                c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            continue
        outer = by_root.get(root.head.i)
        if outer is None:
            # "X happened, the ministry said, dismissing ...": a parenthetical
            # speech verb and the participle after it share the main verb
            outer = next((o for i, o in by_root.items() if doc[i].dep_ == "parataxis"
                          and doc[i].head.i == root.head.i and i < root.i), None)
        if outer is not None and outer is not a and outer.source is not None:
            a.source = TextSpan(text=outer.source.text, start=outer.source.start,
                                end=outer.source.end, entity=outer.source.entity)
            a.source_entity = outer.source_entity


@Language.factory("fogwatch_attribution", default_config={"model_dir": None})
def make_attribution(nlp: Language, name: str, model_dir: str | None) -> AttributionComponent:
    return AttributionComponent(model_dir)


class AttributionComponent:
    """Loads the shipped model on first use (or ``model_dir``, settable before use)."""

    def __init__(self, model_dir: str | None = None) -> None:
        self.model_dir = model_dir

    def __call__(self, doc: Doc) -> Doc:
        doc._.fw_attributions = build_attributions(doc, load_model(self.model_dir))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Tag docs in batches (one pass of array work for each), of at most
        ``batch_size`` docs and about ``BATCH_TOKENS`` tokens, which bounds memory."""
        model = load_model(self.model_dir)
        batch: list[Doc] = []
        tokens = 0
        for doc in docs:
            if batch and (len(batch) >= batch_size or tokens + len(doc) > BATCH_TOKENS):
                yield from self._tag(batch, model)
                batch, tokens = [], 0
            batch.append(doc)
            tokens += len(doc)
        if batch:
            yield from self._tag(batch, model)

    @staticmethod
    def _tag(docs: list[Doc], model: AttributionModel) -> Iterator[Doc]:
        for doc, raws in zip(docs, model.predict_many(docs), strict=True):
            doc._.fw_attributions = build_attributions(doc, model, raws)
            yield doc


def collect(doc: Doc, document: Document) -> list[Attribution]:
    found: list[Attribution] = doc._.fw_attributions or []
    for att in found:
        att.document = document.id
    return found


# Entities give sources their keys; times, when present, give ``time``.
STAGE = Stage(factory="fogwatch_attribution", key="attributions", order=400, collect=collect,
              requires=("fogwatch_entities",))
