"""The content-boundary ranker: candidates, choice, learning, storage, training data."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.analyze.attribution.features import quote_depths
from fogwatch.analyze.attribution.model import AttributionModel, RawAttribution
from fogwatch.analyze.attribution.ranker import (
    RANKER_FILE,
    BoundaryRanker,
    CueContext,
    end_candidates,
    piece_examples,
    start_candidates,
    train_ranker,
)
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.datasets.polnear import Article, GoldAttribution
from fogwatch.train.boundary import gold_pieces, stacked_examples


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return Pipeline(stages=["fogwatch_attribution"]).nlp


def _index(doc, word: str) -> int:  # type: ignore[no-untyped-def]
    return next(t.i for t in doc if t.text == word)


def test_candidates_never_cross_the_cue_or_the_source(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The bridge is gone, Colonel Hrytsenko said on Friday. Nobody else spoke.")
    said = _index(doc, "said")
    src = (_index(doc, "Colonel"), said)
    # a piece before its source and cue ends before the source at the latest
    ends = end_candidates(doc, (said, said + 1), 0, 4, blocked=[src])
    assert ends and max(ends) <= src[0]
    assert 4 in ends  # "The bridge is gone"
    # a piece after its cue starts after it
    doc = nlp("The ministry said that the bridge was gone.")
    said = _index(doc, "said")
    starts = start_candidates(doc, (said, said + 1), said + 2, len(doc) - 1)
    assert starts and min(starts) >= said + 1
    assert all(not doc[s].is_punct for s in starts)


def test_a_weighted_feature_moves_the_end_and_an_unmoved_boundary_keeps_its_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("She described her opponent as a fraud during the first debate.")
    cue = (_index(doc, "described"), _index(doc, "described") + 1)
    piece = (cue[1], len(doc) - 1)
    quotes = quote_depths(doc)
    neutral = BoundaryRanker({}, {"content.start": 0.0, "content.end": 0.0})
    assert neutral.adjust(doc, cue, [piece], quotes) == [piece]
    # a learned preference for stopping before "during" wins over the tagger's end
    ranker = BoundaryRanker({"content.end": {"nw=during": 5.0}}, {"content.end": 0.0})
    (s, e), = ranker.adjust(doc, cue, [piece], quotes)
    assert doc[s:e].text == "her opponent as a fraud"
    # unless the margin asks for more than the preference gives, or there is none
    ranker.margins["content.end"] = 6.0
    assert ranker.adjust(doc, cue, [piece], quotes) == [piece]
    del ranker.margins["content.end"]
    assert ranker.adjust(doc, cue, [piece], quotes) == [piece]
    # the weights of one role leave the other alone
    ranker.margins["content.end"] = 0.0
    assert ranker.adjust(doc, cue, [piece], quotes, role="source") == [piece]

    doc = nlp("He called the plan “a surrender.”")
    cue = (1, 2)
    piece = (2, len(doc))  # through the closing quotation mark and the full stop
    assert neutral.adjust(doc, cue, [piece], quote_depths(doc)) == [piece]


def test_the_perceptron_learns_which_candidate_is_gold() -> None:
    # the gold candidate always carries "good"; the others carry noise of their own
    examples = [([["bias", f"n{k}"], ["bias", "good"], ["bias", f"m{k}"]], 1)
                for k in range(20)]
    examples += [([["bias", "good"], ["bias", f"x{k}"]], 0) for k in range(20)]
    ranker = train_ranker({"content.start": examples}, epochs=3)
    weights = ranker.weights["content.start"]
    assert weights["good"] > 0
    assert all(v <= 0 for f, v in weights.items() if f != "good")
    assert ranker.margins == {}  # nothing moves until margins are tuned


def test_saved_ranker_loads_and_a_wrong_version_is_refused(tmp_path: Path) -> None:
    ranker = BoundaryRanker({"content.start": {"fw=that": -1.5},
                             "source.end": {"nw=during": 2.25}},
                            {"content.start": 1.0, "source.end": 4.0})
    path = tmp_path / RANKER_FILE
    ranker.save(path)
    back = BoundaryRanker.load(path)
    assert back == ranker
    import json
    import lzma
    with lzma.open(path, "wt", encoding="utf-8") as fh:
        json.dump({"version": 0}, fh)
    with pytest.raises(ValueError, match="retrain"):
        BoundaryRanker.load(path)


def test_training_examples_point_at_the_gold_boundaries(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The senator described her opponent as a fraud during the first debate."
    doc = nlp(text)
    cue = (2, 3)
    ctx = CueContext.of(doc, cue, quote_depths(doc))
    gold = (3, 8)  # "her opponent as a fraud"
    start_ex, end_ex = piece_examples(ctx, (3, len(doc) - 1), gold)
    assert start_ex is not None and end_ex is not None
    feats, k = end_ex
    assert "nw=during" in feats[k]  # the gold end is the one before "during"
    assert "mv=0" in feats[-1]  # the tagger's own end is a candidate, marked as such
    feats, k = start_ex
    assert "fw=her" in feats[k]


def test_stacked_examples_come_from_the_taggers_pieces_matched_to_gold(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The bridge was destroyed on Tuesday, the governor said in a statement. "
            "The mayor said that the shelling would go on until the city was empty.")
    doc = nlp(text)

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return (i, i + len(s))

    article = Article("t", text, [
        GoldAttribution(cue=[span("said in")][:1], source=[span("the governor")],
                        content=[span("The bridge was destroyed on Tuesday")]),
        GoldAttribution(cue=[span("said that")], source=[span("The mayor")],
                        content=[span("that the shelling would go on until the city was empty")]),
    ])
    assert gold_pieces(doc, article.attributions[0].content) == [(0, 6)]
    examples = stacked_examples([(article, doc)], AttributionModel())
    assert examples["content.start"] and examples["content.end"]
    for found in examples.values():
        for feats, k in found:
            assert 0 <= k < len(feats)


def test_the_shipped_model_carries_a_tuned_ranker() -> None:
    model = AttributionModel()
    assert model.ranker is not None
    boundary = model.meta["boundary"]
    assert boundary["margins"] == model.ranker.margins
    assert "content.end" in model.ranker.margins
    # each margin was kept because it raised its role's F1 on dev
    tried = boundary["dev_f1"]
    for key, margin in model.ranker.margins.items():
        assert tried[f"{key} {margin:g}"] > tried[f"{key} off"]


def test_raw_attribution_content_is_moved_in_place(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("She described her opponent as a fraud during the first debate.")
    raw = RawAttribution(cue=(1, 2), source=[(0, 1)], content=[(2, len(doc) - 1)])
    ranker = BoundaryRanker({"content.end": {"nw=during": 5.0}, "source.end": {"nw=she": 9.0}},
                            {"content.end": 0.0, "source.end": 0.0})
    ranker.adjust_all(doc, [raw], quote_depths(doc))
    assert [doc[s:e].text for s, e in raw.content] == ["her opponent as a fraud"]
    assert raw.source == [(0, 1)]  # a one-word source has no other end


def test_token_tables_read_from_arrays_match_spacy_tokens(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.features import doc_arrays
    from fogwatch.analyze.attribution.ranker import _Tokens

    doc = nlp("“We will not leave,” the 3rd brigade's commander told reporters.\n\nNo.")
    heads, deps = doc_arrays(doc)
    assert heads == [t.head.i for t in doc]  # heads before and after the token
    assert deps == [t.dep_ for t in doc]
    table = _Tokens.of(doc)
    assert table.lower == [t.lower_ for t in doc]
    assert table.tag == [t.tag_ for t in doc]
    assert table.skip == [t.is_punct or t.is_space for t in doc]
    assert table.words(0, len(doc)) == sum(not (t.is_punct or t.is_space) for t in doc)
    assert table.space == [t.is_space for t in doc]
    assert table.sent == [(t.sent.start, t.sent.end) for t in doc]
    lower, tag, dep = table.edged  # read from -2 to n + 1 as word(), tag_at(), dep_at() do
    for i in range(-2, len(doc) + 2):
        assert (lower[i], tag[i], dep[i]) == (table.word(i), table.tag_at(i), table.dep_at(i))
    empty = nlp("")
    assert doc_arrays(empty) == ([], []) and _Tokens.of(empty).lower == []
