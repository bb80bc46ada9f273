"""What every fogwatch spaCy component shares: Doc extensions, stages, sentence lookup."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from fogwatch.findings import Document

# Context set on the Doc before the pipeline runs (see Pipeline.make_doc).
DOC_EXTENSIONS: dict[str, Any] = {
    "fw_document": None,  # the fogwatch Document being analysed (or None for bare spaCy use)
    "fw_dct": None,  # document creation time, ISO date "YYYY-MM-DD" (or None)
    "fw_sent_starts": None,  # cached sentence start offsets (chars)
}


def ensure_extension(name: str, default: Any = None) -> None:
    if not Doc.has_extension(name):
        Doc.set_extension(name, default=default)


for _name, _default in DOC_EXTENSIONS.items():
    ensure_extension(_name, _default)


@dataclass(frozen=True, slots=True)
class Stage:
    """One fogwatch component as the pipeline sees it.

    ``factory``: the registered spaCy factory name (``fogwatch_*``).
    ``key``: the :class:`~fogwatch.findings.Analysis` field its findings fill.
    ``order``: where it sits (lower runs first; entities 100, times 200, ...).
    ``collect``: reads the component's ``Doc._`` results into findings records.
    ``requires``: other stage factories that must run before this one.
    """

    factory: str
    key: str
    order: int
    collect: Callable[[Doc, Document], list[Any]]
    requires: tuple[str, ...] = ()
    config: dict[str, Any] | None = None


def sentence_index(doc: Doc, char: int) -> int:
    """Index of the sentence that holds character offset ``char``."""
    starts = doc._.fw_sent_starts
    if starts is None:
        starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        doc._.fw_sent_starts = starts
    return max(0, bisect_right(starts, char) - 1)


def sentence_spans(doc: Doc) -> list[tuple[int, int]] | None:
    """(start, end) characters of every sentence of ``doc``, whitespace trimmed
    (an all-space sentence is kept, empty, so that :func:`sentence_index` still
    indexes the list); None when nothing split the doc into sentences."""
    if not doc.has_annotation("SENT_START"):
        return None
    text = doc_text(doc)
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        a, b = sent.start_char, sent.end_char
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    return out


def word_lemmas(doc: Doc) -> dict[str, str]:
    """How the parse reduced the words of ``doc`` that it changed: each lowercase
    word form whose lemma is another word, with the lemma it took most often in
    the doc ("struck" -> "strike", "forces" -> "force", "fell" -> "fall")."""
    seen: dict[str, dict[str, int]] = {}
    for tok in doc:
        if tok.is_alpha:
            lemmas = seen.setdefault(tok.lower_, {})
            lemma = tok.lemma_.lower()
            lemmas[lemma] = lemmas.get(lemma, 0) + 1
    out: dict[str, str] = {}
    for form, lemmas in seen.items():
        lemma = max(lemmas, key=lambda w: (lemmas[w], w == form))
        if lemma != form and lemma.isalpha():
            out[form] = lemma
    return out


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (``Doc.text`` joins every token on each call)."""
    cached = doc.user_data.get("fw_text")
    if cached is None or cached[0] != len(doc):
        cached = (len(doc), doc.text)
        doc.user_data["fw_text"] = cached
    return str(cached[1])


def document_of(doc: Doc) -> Document | None:
    return doc._.fw_document
