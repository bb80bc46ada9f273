"""Which entity a source span refers to: names, pronouns, titles and descriptions.

The entities stage (``fogwatch.analyze.entities``) is used when it is in the
pipeline: ``entity_at`` for names and ``resolve_title`` for role descriptions
("the Chief of the General Staff", "the Kremlin dictator"). Without it, spaCy's
own named entities stand in, with surnames folded onto the longest full name
seen in the document, so that "Gerasimov" and "Valery Gerasimov" share a key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, Token

from fogwatch import wordlists as wl
from fogwatch.analyze.attribution.features import sent_bounds
from fogwatch.findings import slug

try:  # the entities stage may be absent (another module, optional in a pipeline)
    from fogwatch.analyze.entities import entity_at as _entity_at
except ImportError:  # pragma: no cover - depends on what is installed
    _entity_at = None
try:
    from fogwatch.analyze.entities import resolve_title as _resolve_title
except ImportError:  # pragma: no cover
    _resolve_title = None

entity_at: Callable[..., Any] | None = _entity_at
resolve_title: Callable[..., Any] | None = _resolve_title

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})
AUTHOR_PRONOUNS = frozenset({"i", "we", "us", "me", "one", "you"})
SOURCE_LABELS = ("PERSON", "ORG", "GPE", "NORP")
# spaCy label -> fogwatch entity type for fallback keys
_TYPE = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "FACILITY",
         "LOC": "LOC"}


def _has_entities_stage(doc: Doc) -> bool:
    return Doc.has_extension("fw_entities") and doc._.fw_entities is not None


class SourceResolver:
    """Resolves source spans of one document to entity keys."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.use_stage = _has_entities_stage(doc) and entity_at is not None
        # surname (lower) -> longest PERSON name seen, for folding and for
        # finding antecedents that spaCy did not tag (e.g. names in capitals)
        self.full_names: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                last = ent[-1].lower_
                if len(ent.text) > len(self.full_names.get(last, "")):
                    self.full_names[last] = ent.text

    # -- keys -------------------------------------------------------------------

    def _stage_person(self, tok: Token) -> bool:
        if not self.use_stage or entity_at is None:
            return False
        ent = entity_at(self.doc, tok.idx, tok.idx + len(tok))
        return ent is not None and ent.type == "PERSON"

    def _stage_key(self, start: int, end: int) -> str | None:
        if not self.use_stage or entity_at is None:
            return None
        ent = entity_at(self.doc, start, end)
        return getattr(ent, "key", None) if ent is not None else None

    def _fallback_key(self, ent: Span) -> str:
        label = _TYPE.get(ent.label_, "OTHER")
        name = ent.text
        if label == "PERSON":
            name = self.full_names.get(ent[-1].lower_, name)
        elif name.lower().startswith("the "):
            name = name[4:]
        return f"auto:{label}/{slug(name)}"

    def _name_key_in(self, span: Span) -> str | None:
        """Key of the main named entity inside ``span`` (the span's head noun wins)."""
        # a coordinated source ("Gerasimov and Defense Minister Belousov") is
        # keyed by its first member; the parser often heads it by the last one
        coordinated = any(t.dep_ == "cc" for t in span)
        if self.use_stage:
            # the head of the span first (the named person of "analyst Ruslan Leviev")
            head = span.root
            key = None if coordinated else self._stage_key(head.idx, head.idx + len(head))
            if key:
                return key
            # else a person or organisation named inside it, rightmost first; a
            # nationality or country modifier ("Russian media outlets") is not the source
            found = [e for tok in span
                     if (e := entity_at(self.doc, tok.idx, tok.idx + len(tok)) if entity_at
                         else None) is not None]
            for wanted in (("PERSON",), ("ORG", "UNIT")):
                for ent in found:
                    if ent.type in wanted:
                        return str(ent.key)
            return None
        ents = [e for e in span.ents if e.label_ in SOURCE_LABELS]
        if not ents:
            # names in capitals or missed by the tagger: a known surname
            for tok in reversed(span):
                if tok.lower_ in self.full_names and tok.pos_ in ("PROPN", "NOUN", "ADJ"):
                    return f"auto:PERSON/{slug(self.full_names[tok.lower_])}"
            return None
        root = span.root
        for e in ents:
            if e.start <= root.i < e.end and not coordinated:
                return self._fallback_key(e)
        # a modifier naming a nationality or a country ("Russian media outlets",
        # "Ukraine's high command") does not say who the source is
        persons = [e for e in ents if e.label_ == "PERSON"]
        orgs = [e for e in ents if e.label_ == "ORG"]
        if not persons and not orgs:
            return None
        return self._fallback_key((persons or orgs)[0])

    # -- antecedents ------------------------------------------------------------

    def _antecedent(self, before: int) -> str | None:
        """Entity of the most likely person antecedent of a pronoun at token ``before``.

        Candidates are person names in the same and the two previous sentences;
        a grammatical subject beats a closer non-subject ("Gerasimov presented
        Putin a report: he claimed ..." -> Gerasimov).
        """
        doc = self.doc
        lo = sent_bounds(doc, before)[0]
        for _ in range(2):
            if lo > 0:
                lo = sent_bounds(doc, lo - 1)[0]
        best: tuple[int, int] | None = None  # (score, token index)
        for i in range(before - 1, lo - 1, -1):
            tok = doc[i]
            is_name = (tok.ent_type_ == "PERSON" and (tok.ent_iob_ == "B" or i + 1 >= len(doc)
                       or doc[i + 1].ent_type_ != "PERSON" or doc[i + 1].ent_iob_ == "B"))
            known = tok.lower_ in self.full_names and tok.ent_type_ in ("", "PERSON")
            if not (is_name or known or self._stage_person(tok)):
                continue
            # the last token of a name stands for the name
            if i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON" and doc[i + 1].ent_iob_ == "I":
                continue
            subj = tok.dep_ in ("nsubj", "nsubjpass") or tok.head.dep_ in ("nsubj", "nsubjpass")
            score = 2 if subj else 1
            if best is None or score > best[0]:
                best = (score, i)
            if subj:
                break
        if best is None:
            return None
        tok = doc[best[1]]
        key = self._stage_key(tok.idx, tok.idx + len(tok))
        if key:
            return key
        name = self.full_names.get(tok.lower_, tok.text)
        return f"auto:PERSON/{slug(name)}"

    def resolve(self, span: Span) -> str | None:
        """Entity key of a source span, or None when it names nobody we can tell."""
        words = [t for t in span if not t.is_punct]
        if not words:
            return None
        if len(words) == 1 and words[0].lower_ in PERSON_PRONOUNS:
            return self._antecedent(span.start)
        if len(words) == 1 and words[0].lower_ in GROUP_PRONOUNS:
            return None
        if len(words) == 1 and words[0].lower_ in RELATIVE_PRONOUNS:
            noun = _relative_antecedent(words[0])
            return None if noun is None else self.resolve(self.doc[noun.left_edge.i:noun.i + 1])
        key = self._name_key_in(span)
        if key:
            return key
        if resolve_title is not None and self.use_stage:
            key = resolve_title(self.doc, span.text, span.start_char)
            if key:
                return key
        return self._described_before(words)

    def _described_before(self, words: list[Token]) -> str | None:
        """"the ministry", "the General Staff" -> the one named before it
        ("Russia's Defence Ministry", "Kyiv's General Staff").

        A definite description of up to four words, with no name of its own, whose
        nouns all occur in a person, organisation or unit named earlier in the
        document: the only one, or, when several are (Russia's and Ukraine's
        General Staff), the nearest if it is named in the same or the two
        previous sentences; otherwise None.
        """
        if not 2 <= len(words) <= 4 or words[0].lower_ != "the":
            return None
        rest = words[1:]
        if any(t.pos_ not in ("NOUN", "PROPN", "ADJ") or t.ent_type_ in ("GPE", "NORP")
               for t in rest) or rest[-1].pos_ not in ("NOUN", "PROPN"):
            return None
        wanted = {t.lemma_.lower() for t in rest if t.pos_ in ("NOUN", "PROPN")}
        doc = self.doc
        found: list[tuple[int, str]] = []  # (start token, key), nearest first
        for ent in reversed([e for e in doc.ents if e.end <= words[0].i]):
            if ent.label_ not in ("ORG", "PERSON", "NORP", "UNIT"):
                continue
            if wanted <= {t.lemma_.lower() for t in ent} | {t.lower_ for t in ent}:
                key = self._stage_key(ent.start_char, ent.end_char) if self.use_stage else None
                found.append((ent.start, key or self._fallback_key(ent)))
        if not found:
            return None
        if len({key for _, key in found}) == 1:
            return found[0][1]
        lo = sent_bounds(doc, words[0].i)[0]
        for _ in range(2):
            if lo > 0:
                lo = sent_bounds(doc, lo - 1)[0]
        return found[0][1] if found[0][0] >= lo else None


def _relative_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative clause describes: "Orbán, who reiterated ..." -> Orbán."""
    verb = pronoun.head
    for _ in range(3):
        if verb.dep_ == "relcl":
            noun = verb.head
            return noun if noun.pos_ in ("PROPN", "NOUN") else None
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return None


# Verbs by which the writer hedges without anyone speaking: "it does seem clear that
# ...", "the tactic seems to be working".
RAISING_VERBS = frozenset({"seem", "appear"})
# Verbs of feeling, whose subject experiences rather than says: "Trump is impressed by
# Ukraine's skill" reports no statement.
FEELING_VERBS = frozenset({"impress", "surprise", "astonish", "please", "delight"})
_NOT_SAYING = RAISING_VERBS | FEELING_VERBS


def is_writers_hedge(cue: Span) -> bool:
    """A cue that is the writer hedging or describing a feeling, not a report: its
    verb is "seem" or "appear", or "is impressed by" and the like (call it only for
    a cue that has no source)."""
    return any(t.lemma_.lower() in _NOT_SAYING and t.pos_ in ("VERB", "AUX") for t in cue)


# spaCy labels of a subject that can say something
_AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_WH_DETERMINERS = frozenset({"what", "which", "whose"})


def is_writers_inference(cue: Span) -> bool:
    """"Putin's missile-flexing suggests that ...": a verb by which something shows
    something, whose subject is neither someone who speaks nor a record that does
    (a poll, a study, the data): the inference is the writer's, not a statement."""
    root = cue.root
    if root.lemma_.lower() not in wl.INFERENCE_VERBS or root.pos_ != "VERB":
        return False
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None or subj.ent_type_ in _AGENT_LABELS:
        return False
    # an act, not a record or someone: a gerund ("flexing", "the shelling")
    act = subj.tag_ == "VBG" or (subj.pos_ == "NOUN" and subj.lower_.endswith("ing"))
    return act and subj.lemma_.lower() not in wl.RECORD_NOUNS


def is_writers_frame(cue: Span) -> bool:
    """"It is worth noting that ...", "it is fair to say that ...": the writer's own
    point, framed by an adjective (call it only for a cue that has no source)."""
    root = cue.root
    head = root.head
    if head.lemma_.lower() in wl.WRITERS_FRAME_ADJECTIVES and head.pos_ == "ADJ":
        return True
    return root.dep_ in ("advcl", "xcomp", "ccomp") and any(
        c.dep_ == "acomp" and c.lemma_.lower() in wl.WRITERS_FRAME_ADJECTIVES
        for c in head.children)


def is_modifier_cue(cue: Span) -> bool:
    """"Trump's just-announced plan": a participle before a noun names what was
    announced; it reports no statement of its own."""
    root = cue.root
    return root.dep_ == "amod" and root.head.i > root.i


# Verbs that say something even with a weapon as object: reporting, denying,
# believing, proposing, asking, promising or listing ("proposed jointly owned
# drones", "demanded more missiles", "opposed the tanks", "listed the weapon for
# auction").
_SPEECH_ACTS = wl.REPORT_VERBS | wl.DENIAL_VERBS | wl.BELIEF_VERBS | frozenset({
    "confirm", "propose", "offer", "promise", "pledge", "vow", "demand", "request", "ask",
    "urge", "order", "recommend", "threaten", "warn", "call", "seek", "approve", "endorse",
    "advocate", "favor", "favour", "support", "oppose", "want", "list", "advertise",
})


def is_show_of_force(cue: Span, content: list[tuple[int, int]]) -> bool:
    """"Putin rattles his nukes": a verb (not a reporting one) whose direct object
    is a weapon, and what is "said" starts at that object. Brandishing, testing
    or parading arms is an act, not a statement, whatever the verb; with the
    verbs of :data:`_SPEECH_ACTS` left out, no PolNeAR train or dev cue is one."""
    root = cue.root
    if root.pos_ != "VERB" or root.lemma_.lower() in _SPEECH_ACTS:
        return False
    obj = next((c for c in root.children if c.dep_ == "dobj"), None)
    if obj is None or not ({obj.lower_, obj.lemma_.lower()} & wl.BRANDISHED):
        return False
    if any(c.dep_ in ("ccomp", "xcomp") and c.left_edge.i == obj.right_edge.i + 1
           for c in root.children):
        return False  # "warned the missiles would fly": the weapon starts a clause
    return all(s >= obj.left_edge.i for s, _ in content)


def is_fragment_content(doc: Doc, spans: list[tuple[int, int]]) -> bool:
    """What is said is a question word with the noun it asks about, and no more
    ("to what extent Putin believes in ..." read as saying "what extent"): a
    misread, not a statement. A quotation ("chanted “What curfew?”") is one."""
    words = [t for s, e in spans for t in doc[s:e] if not t.is_space]
    if not 2 <= len(words) <= 3 or words[0].is_punct or words[0].is_quote:
        return False
    return (words[0].lower_ in _WH_DETERMINERS and words[0].dep_ == "det"
            and not any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in words))


def is_author_voice(span: Span | None) -> bool:
    """A source that is the writer (and readers): "we", "I", "one"."""
    if span is None:
        return False
    words = [t.lower_ for t in span if not t.is_punct]
    return bool(words) and all(w in AUTHOR_PRONOUNS for w in words)
