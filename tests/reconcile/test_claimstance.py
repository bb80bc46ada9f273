"""The claim-stance machinery on claims and articles written for these tests."""

from __future__ import annotations

from fogwatch.reconcile.claimstance import prepare, sentence_spans, stance, stance_batch

CLAIM = "Bear escapes from Paris zoo"
DENIES = ("The story of a bear escaping from the Paris zoo is not true. Zoo officials said "
          "the viral post was a hoax and that no animal had escaped.")
REPORTS = ("A bear has reportedly escaped from the Paris zoo, according to local media. "
           "Witnesses allegedly saw the animal near the river. Officials have not yet commented.")
UNRELATED = ("The central bank raised interest rates by half a point on Thursday, citing "
             "inflation. Markets fell sharply.")


def test_an_article_that_denies() -> None:
    r = stance(CLAIM, DENIES)
    assert r.label == "disagree" and r.board_label == "denies"
    assert DENIES[r.passage_start:r.passage_end] == (
        "The story of a bear escaping from the Paris zoo is not true.")


def test_an_article_that_reports_with_reportedly() -> None:
    r = stance(CLAIM, REPORTS)
    assert r.label == "discuss" and r.board_label == "reports"
    assert "reportedly" in REPORTS[r.passage_start:r.passage_end]


def test_an_unrelated_article() -> None:
    assert stance(CLAIM, UNRELATED).label == "unrelated"


def test_batch_matches_single_and_reuses_one_analysis() -> None:
    doc = prepare(REPORTS)
    batch = stance_batch([(CLAIM, doc), (CLAIM, UNRELATED), (CLAIM, doc)])
    assert [r.label for r in batch] == ["discuss", "unrelated", "discuss"]
    assert batch[0] == stance(CLAIM, REPORTS)
    assert abs(sum(batch[0].probabilities) - 1.0) < 1e-3


def test_sentences_cut_at_end_punctuation_and_line_breaks() -> None:
    text = "First one. Second one?\nThird, with Mr. smith inside"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "First one.", "Second one?", "Third, with Mr. smith inside"]
