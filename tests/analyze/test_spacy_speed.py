"""The faster spaCy setup gives what the plain model gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from fogwatch.analyze.pipeline import MODEL_CANDIDATES, load_model
from fogwatch.analyze.spacy_speed import IndexedRulerMatch, index_attribute_ruler

TEXTS = [
    "Gerasimov claimed that Russian forces had completely surrounded over five thousand "
    "Ukrainian troops. Numerous Russian milbloggers dismissed these claims as fictitious.",
    "I'd say it's gonna be hard, y'all. Let's see: there is no confirmation of this, "
    "but I ain't sure and nothin' is certain.\n\nAny1 who knows?  \t It was 5 km away.",
    "THE KREMLIN SAID NOTHING. Does he? She did, and so did they, because of the strike.",
    "",
]


def _texts(shared: Path) -> list[str]:
    texts = list(TEXTS)
    seeds = shared / "seeds"
    if seeds.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    return texts


def _plain() -> Language:
    """spaCy's model as published, with fogwatch's one deliberate change (a blank
    line ends a sentence), so that the comparison isolates the speed work."""
    for name in MODEL_CANDIDATES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("fogwatch_paragraphs", before="parser")
        return nlp
    pytest.skip("no spaCy English model installed")


@pytest.fixture(scope="module")
def plain() -> Language:
    return _plain()


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


def test_loaded_model_annotates_like_the_plain_one(plain: Language, shared_root: Path) -> None:
    fast = load_model()
    texts = _texts(shared_root)
    assert [_annotations(d) for d in fast.pipe(texts)] == [
        _annotations(d) for d in plain.pipe(texts)]


def test_indexed_ruler_finds_the_matchers_matches(plain: Language, shared_root: Path) -> None:
    ruler = plain.get_pipe("attribute_ruler")
    indexed = IndexedRulerMatch(ruler)
    docs = list(plain.pipe(_texts(shared_root), disable=["attribute_ruler", "lemmatizer"]))
    found = [indexed(d) for d in docs]
    assert found == [ruler.match(d) for d in docs]
    assert sum(map(len, found)) > sum(map(len, docs))  # tag rules and word rules both hit


def test_rules_added_later_are_indexed_too() -> None:
    nlp = _plain()
    index_attribute_ruler(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRulerMatch)
    index_attribute_ruler(nlp)  # twice is harmless
    doc = nlp("The howitzer fired.")
    assert doc[1].pos_ == "NOUN"
    ruler.add([[{"LOWER": "howitzer", "TAG": "NN"}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": {"IN": ["fired", "shot"]}}]], {"LEMMA": "shoot"})
    doc = nlp("The howitzer fired.")
    assert doc[1].pos_ == "PROPN" and doc[2].lemma_ == "shoot"
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)  # the Matcher's own answer


def test_loading_the_model_pins_blas_to_one_thread_unless_told_otherwise(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from threadpoolctl import threadpool_info, threadpool_limits

    from fogwatch.analyze.pipeline import load_model
    from fogwatch.analyze.spacy_speed import pin_blas_threads

    def blas_threads() -> set[int]:
        return {p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"}

    with threadpool_limits(limits=2, user_api="blas"):
        monkeypatch.delenv("FOGWATCH_BLAS_THREADS", raising=False)
        load_model(disable=["parser", "ner"])
        assert blas_threads() == {1}
        monkeypatch.setenv("FOGWATCH_BLAS_THREADS", "0")
        threadpool_limits(limits=2, user_api="blas")
        assert pin_blas_threads() is None
        assert blas_threads() == {2}
