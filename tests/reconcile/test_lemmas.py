"""Reconcile reduces a document's words through the lemmas its analysis gave them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.reconcile import propositions
from fogwatch.reconcile import text as tx
from fogwatch.store import Store


def test_words_meet_their_lemmas_while_reading_a_document() -> None:
    fell, fall = tx.terms("Bakhmut fell after months of shelling"), tx.terms("the fall of Bakhmut")
    assert "fell" in fell and not fell & fall - {"bakhmut"}  # suffixes alone cannot join them
    with tx.reading({"fell": "fall", "months": "month", "shelling": "shell"}):
        assert "fall" in tx.terms("Bakhmut fell after months of shelling")
        assert tx.stem("Fell") == tx.stem("fall")
    assert tx.stem("fell") == "fell"  # outside it, words are reduced by suffix again


@pytest.mark.parametrize(("text", "lemmas", "concept"), [
    ("the brigade withdrew from the town", {"withdrew": "withdraw"}, "RETREAT"),
    ("the two presidents met in Istanbul", {"met": "meet"}, "TALKS"),
])
def test_an_irregular_verb_finds_its_concept_through_its_lemma(
        text: str, lemmas: dict[str, str], concept: str) -> None:
    assert concept not in tx.concepts(text)
    with tx.reading(lemmas):
        assert concept in tx.concepts(text)


def test_a_folded_document_is_read_through_its_own_lemmas(
        tmp_path: Path, fold, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[str] = []
    units = propositions.document_units

    def spy(*args, **kw):  # type: ignore[no-untyped-def]
        seen.append(tx.stem("fell"))  # how the claims are being reduced
        return units(*args, **kw)

    monkeypatch.setattr(propositions, "document_units", spy)
    with Store.open(str(tmp_path / "lemmas.sqlite")) as store:
        analysis = fold(store, "t-lemmas-1",
                        "The regional governor said the town of Kupiansk fell to Russian "
                        "troops on Thursday after weeks of fighting.")
        assert analysis.document.lemmas is not None
        assert analysis.document.lemmas["fell"] == "fall"
        stored = store.get_analysis("t-lemmas-1")
        assert stored is not None and stored.document.lemmas == analysis.document.lemmas
    assert seen == ["fall"]
    assert tx.stem("fell") == "fell"


def test_what_one_document_reads_does_not_stay_for_the_next() -> None:
    with tx.reading({"withdrew": "withdraw"}):
        assert "RETREAT" in tx.concepts("the brigade withdrew")
    assert "RETREAT" not in tx.concepts("the brigade withdrew")


def test_the_stance_classifier_reads_words_as_it_was_trained() -> None:
    from fogwatch.reconcile import claimstance as cs

    words = ["the", "brigade", "withdrew"]
    with tx.reading({"withdrew": "withdraw"}):
        inside = cs.token_concepts(words)
    assert inside == cs.token_concepts(words) == ["", "", ""]
