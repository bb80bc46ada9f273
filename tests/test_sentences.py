"""A stored document's sentences: the analysis's own, else its text split."""

from __future__ import annotations

from fogwatch import sentences as sx
from fogwatch.findings import Document


def test_an_analysed_document_gives_its_own_sentences() -> None:
    text = "Mr. Ivanov left. The talks ended.\n\n  \nIt rained."
    kept = Document(id="d", text=text, sentences=[(0, 16), (17, 33), (36, 36), (38, 48)])
    assert sx.of_document(kept) == [(0, 16), (17, 33), (38, 48)]  # the empty one left out
    # stored before its sentences were kept: its text is split on punctuation
    assert sx.of_document(Document(id="d", text=text)) == sx.split(text)
    assert [text[a:b] for a, b in sx.split(text)] == [
        "Mr. Ivanov left.", "The talks ended.", "It rained."]


def test_the_sentence_around_a_character() -> None:
    spans = [(0, 16), (17, 33), (38, 48)]
    assert sx.around(spans, 0) == (0, 16)
    assert sx.around(spans, 32) == (17, 33)
    assert sx.around(spans, 16) is None  # the space between
    assert sx.around(spans, 40) == (38, 48)
    assert sx.around(spans, 48) is None
    assert sx.around([], 3) is None
    assert [sx.index(spans, at) for at in (0, 16, 17, 40, 48)] == [0, None, 1, 2, None]
