"""Which part of a source span names someone who can say something, and what to call it.

A source is a person, an organisation, a group, a document with its owner or an
outlet. These are not, and a span that is nothing else loses its source (the
attribution stays, with an unnamed source) rather than show a wrong one:

- a place that does not stand for a state: a town, a region, a river ("Myrnohrad");
  a country or a national capital speaks for its state ("Moscow denied ...");
- a weapon ("9M730 Burevestnik");
- a bare quantifier or number ("several", "some", "Two", "one of them") or
  "none"; a share of respondents ("27%") is a group of people;
- what someone said, or what shows something, with nobody's name on it
  ("the statement", "battlefield maps", "satellite images", "past
  experience"); with an owner it keeps its span ("the ministry's statement",
  "pictures taken by a Baltic Wire photographer"; "our map" is the outlet's);
  documents that speak for themselves ("the poll", "a new study") are sources;
- a clipped token ("Putin's missile-"): the owner it names ("Putin") or nothing.

A group named by an example ("Skeptics like professor Phillips O'Brien") is the
named example; of an apposition whose first part is no source ("Myrnohrad, the
Ministry of Defence"), the part that is.

:func:`source_name` is the name a source goes by across documents: the
entity's own name when the span names it ("Peskov", "Kremlin spokesman Dmitry
Peskov" -> "Dmitry Peskov"), else the span's words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, Token

from fogwatch.analyze.gazetteer import fold, load_gazetteer

# Lemmas of nouns for what someone said or what shows something, neither of which
# says anything by itself: a source only with its owner ("the ministry's
# statement", "a Baltic Wire photographer's pictures"). Documents that speak for
# themselves (a poll, a study, a report, an article) are sources as they stand.
OWNED_NOUNS = frozenset({
    "statement", "claim", "announcement", "remark", "comment", "message", "post", "tweet",
    "readout", "notice", "communique", "communiqué", "map", "imagery", "image", "picture",
    "photo", "photograph", "footage", "video", "experience", "evidence", "sign",
    "indication",
})
# Words that only count: "several", "some", "two", "one of them".
QUANTIFIERS = frozenset({
    "several", "some", "many", "most", "all", "each", "few", "both", "either", "any",
    "others", "another", "more", "fewer", "numerous", "various", "a", "an", "the", "only",
    "just", "about", "nearly", "almost", "at", "least", "of", "them", "these", "those",
    "us", "dozen", "dozens", "handful", "number", "majority", "minority", "rest",
})
NEGATIVES = frozenset({"none", "null", "nothing"})
SINGLE_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "it", "they", "them", "who",
                             "whom", "which", "that", "this", "i", "we", "you", "one"})
WRITER_OWNERS = frozenset({"our", "my"})
# spaCy labels of names that can own a document or say something
AGENT_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
AGENT_TYPES = frozenset({"PERSON", "ORG", "UNIT", "NORP", "GPE"})
EXAMPLE_WORDS = ("like", "including")
APOSTROPHE_S = frozenset({"'s", "’s", "'", "’"})

# (doc, start_char, end_char) -> the entities stage's Entity there, or None
EntityLookup = Callable[[Doc, int, int], Any]


def _entity_lookup() -> EntityLookup | None:
    try:
        from fogwatch.analyze.entities import entity_at
    except ImportError:  # pragma: no cover - the entities stage is optional
        return None
    return entity_at


def _has_stage(doc: Doc) -> bool:
    return Doc.has_extension("fw_entities") and doc._.fw_entities is not None


class SourceCheck:
    """Judges the source spans of one document."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.entity_at = _entity_lookup() if _has_stage(doc) else None
        self.gazetteer = load_gazetteer()

    # -- what a token is -----------------------------------------------------------

    def _entity(self, tok: Token) -> Any:
        if self.entity_at is None:
            return None
        return self.entity_at(self.doc, tok.idx, tok.idx + len(tok))

    def _type(self, tok: Token) -> str | None:
        """Entity type of a token: the entities stage's, else spaCy's label."""
        ent = self._entity(tok)
        if ent is not None:
            return str(ent.type)
        if self.entity_at is not None:
            return None
        return {"FAC": "FACILITY"}.get(tok.ent_type_, tok.ent_type_ or None)

    def _agent(self, tok: Token) -> bool:
        typ = self._type(tok)
        if typ in AGENT_TYPES:
            return typ != "GPE" or self._speaking_place(tok)
        # without the entities stage, any proper noun but a date or a number
        return self.entity_at is None and tok.pos_ == "PROPN" and tok.ent_type_ not in (
            "DATE", "TIME", "ORDINAL", "CARDINAL", "QUANTITY", "PERCENT", "MONEY")

    def _speaking_place(self, tok: Token) -> bool:
        """A place token that stands for a state (a country or a capital); a place
        the gazetteer does not know is given the benefit of the doubt only as GPE."""
        ent = self._entity(tok)
        key = getattr(ent, "key", None)
        entry = self.gazetteer.get(key) if isinstance(key, str) and key.startswith("gaz:") \
            else None
        if entry is not None:
            return entry.speaks_for_state
        return self._type(tok) == "GPE"

    # -- verdicts ----------------------------------------------------------------

    def verdict(self, start: int, end: int) -> bool:
        """Whether tokens ``[start, end)`` are a source as they stand."""
        span = self.doc[start:end]
        words = [t for t in span if not (t.is_punct or t.is_space)]
        if not words:
            return False
        if _clipped(span):
            return False
        lowers = [t.lower_ for t in words]
        if lowers[0] in NEGATIVES or (len(words) == 1 and fold(words[0].text) == "none"):
            return False
        if len(words) == 1 and lowers[0] in SINGLE_PRONOUNS:
            return True  # pronouns are resolved to their antecedent elsewhere
        share = any(t.text == "%" or t.lower_ in ("percent", "cent") for t in span)
        if not share and all(t.lower_ in QUANTIFIERS or (t.like_num and t.lower_ != "one")
               or (t.lower_ == "one" and len(words) > 1) for t in words):
            return False  # "several", "some", "Two", "one of them"
        head = span.root
        typ = self._type(head)
        if typ == "WEAPON":
            return False
        if typ in ("GPE", "LOC", "FACILITY") and not self._speaking_place(head):
            return False
        if head.lemma_.lower() in OWNED_NOUNS or head.lower_ in OWNED_NOUNS:
            return self._owned(span, head)
        return True

    def _owned(self, span: Span, head: Token) -> bool:
        """A document or artefact: a source when someone in the span owns it
        (the writer too: "our map" is the outlet's)."""
        return any(tok.i != head.i and (tok.dep_ == "poss" or self._agent(tok)) for tok in span)

    # -- the part of a span that is the source ------------------------------------

    def source(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens of ``[start, end)`` that name the source, or None when none does."""
        doc = self.doc
        # trailing adverbs and separators ("Russia's Defence Ministry usually")
        while end > start + 1 and (doc[end - 1].pos_ in ("ADV", "SPACE")
                                   or doc[end - 1].text in (",", ";", ":")):
            end -= 1
        example = self._named_example(start, end)
        if example is not None:
            return example
        if _clipped(doc[start:end]):
            return self._owner_of_clipped(start, end)
        # an apposition whose first part is no source ("Myrnohrad, the Ministry of
        # Defence", "the best evidence, the Steppe Observer map"): the later part
        commas = [t.i for t in doc[start:end] if t.text == ","]
        if commas and not self.verdict(start, commas[0]):
            for c in commas:
                if c + 1 < end and self.verdict(c + 1, end):
                    return c + 1, end
        return (start, end) if self.verdict(start, end) else None

    def _named_example(self, start: int, end: int) -> tuple[int, int] | None:
        """"Skeptics like professor Phillips O'Brien" -> "Phillips O'Brien"."""
        doc = self.doc
        for tok in doc[start:end]:
            is_example = tok.lower_ in EXAMPLE_WORDS or (
                tok.lower_ == "as" and tok.i > start and doc[tok.i - 1].lower_ == "such")
            if not is_example or tok.i == start:
                continue
            # a group ("skeptics like", "war-watchers, such as"), not a person
            # compared with another ("Clinton, like Obama")
            group = doc[tok.i - (2 if tok.lower_ == "as" else 1)]
            if group.text == "," and group.i > start:
                group = doc[group.i - 1]
            if not (group.tag_ == "NNS" or group.lower_ in ("someone", "anyone")):
                continue
            # the one person (else organisation) named after the word; several
            # named ("like Senators A and B") are the group itself
            for wanted in (("PERSON",), ("ORG", "UNIT")):
                names = {self._name_span(t) for t in doc[tok.i + 1:end]
                         if self._type(t) in wanted}
                if len(names) == 1:
                    s, e = names.pop()
                    return max(s, tok.i + 1), min(e, end)
                if names:
                    return None
        return None

    def _name_span(self, tok: Token) -> tuple[int, int]:
        """Token offsets of the name ``tok`` is part of."""
        ent = self._entity(tok)
        for m in getattr(ent, "mentions", None) or ():
            if m.start <= tok.idx < m.end:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    return span.start, span.end
        for e in self.doc.ents:
            if e.start <= tok.i < e.end:
                return e.start, e.end
        return tok.i, tok.i + 1

    def _owner_of_clipped(self, start: int, end: int) -> tuple[int, int] | None:
        """"Putin's missile-" -> "Putin"; a clipped span with no owner -> None."""
        doc = self.doc
        marks = [t.i for t in doc[start:end] if t.lower_ in ("'s", "’s")]
        for mark in reversed(marks):
            if mark > start and self.verdict(start, mark):
                return start, mark
        return None


def _clipped(span: Span) -> bool:
    """A span cut inside a word or a name: "Putin's missile-", "Russia's"."""
    toks = [t for t in span if not t.is_space]
    return bool(toks) and (toks[-1].text.endswith("-") or toks[-1].lower_ in APOSTROPHE_S)


def check_source(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The part of a source span (token offsets) that names a source: see the module."""
    if span is None:
        return None
    return SourceCheck(doc).source(*span)


# -- the name a source goes by ------------------------------------------------------

NAME_PRONOUNS = frozenset({"he", "she", "it", "they", "who", "which", "that", "we", "i",
                           "this"})
# words that make a span about someone other than the entity it mentions
# ("analysts at Northbridge", "a spokesman for the ministry")
RELATION_WORDS = frozenset({"at", "of", "for", "from", "in", "with", "by", "like", "as",
                            "to", "on", "and", "or", "nor", "near", "under", "who"})


def _names_entity(text: str, names: set[str]) -> bool:
    """Whether ``text`` is a name of the entity, maybe after a title or role
    ("Kremlin spokesman Dmitry Peskov", "the Chief of the General Staff, X")."""
    folded = fold(text)
    if folded.startswith("the "):
        folded = folded[4:]
    for part in [p.strip() for p in folded.split(",")]:
        if part in names:
            return True
        for name in names:
            if part.endswith(" " + name):
                prefix = part[: -len(name)].split()
                if not RELATION_WORDS.intersection(prefix) and not any(
                        w.endswith("'s") or w.endswith("’s") for w in prefix):
                    return True
            if part.startswith(name + " ") and part[len(name) + 1:].split()[0] in (
                    "of", "from", "at", "("):
                return True  # "Clara Whitcombe of Northbridge Energy"
    return False


def source_name(analysis: Any, att: Any) -> str:
    """The name the source of attribution ``att`` goes by on the claim board.

    The entity's own name when the span names it, whatever the wording
    ("Peskov", "Dmitry Peskov", "Kremlin spokesperson Dmitry Peskov" ->
    "Dmitry Peskov"); its name for a pronoun or a definite description
    resolved to it ("the ministry"); the outlet for its own document ("our
    map"); else the span's words without a leading article, up to the first
    comma; "unnamed source" without one.
    """
    entities = {e.key: e for e in analysis.entities}
    entity = entities.get(att.source_entity or "")
    span = att.source.text.strip() if att.source else ""
    low = span.lower()
    if entity is not None and entity.type in AGENT_TYPES | {"OTHER"}:
        names = {fold(entity.name), *(fold(a) for a in entity.aliases),
                 *(fold(m.text) for m in entity.mentions)}
        names = {n[4:] if n.startswith("the ") else n for n in names if n}
        if span and _names_entity(span, names):
            return str(entity.name)
        if not span or low in NAME_PRONOUNS or (
                low.startswith(("the ", "a ")) and len(span) <= len(entity.name) + 4):
            return str(entity.name)
    if not span or low in NAME_PRONOUNS:
        return "unnamed source"
    if low.split()[0] in WRITER_OWNERS:  # "our map": the outlet's own document
        return str(getattr(analysis.document, "outlet", None) or "the outlet")
    span = span.split(",")[0].strip()
    for article in ("the ", "The "):
        if span.startswith(article):
            span = span[len(article):]
    return span[:1].upper() + span[1:]
