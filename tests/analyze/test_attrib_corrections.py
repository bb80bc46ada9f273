"""An analyst's corrections of attributions become training sequences for the
taggers (``fogwatch train attribution --corrections``): the corrected sentences
only, with confirmed and added attributions as gold, rejected cues outside, a
set of the stance teaching nothing; and the command's errors."""

from __future__ import annotations

import json
import lzma
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from fogwatch.analyze.attribution.crf import CRF
from fogwatch.analyze.attribution.model import PRIOR_FILE, read_crf_bytes
from fogwatch.analyze.pipeline import load_model
from fogwatch.cli import app as cli
from fogwatch.datasets.polnear import Article
from fogwatch.findings import Analysis, Attribution, Document, TextSpan
from fogwatch.store import Store
from fogwatch.train.attribution import (
    corrected_data,
    corrected_instances,
    corrected_sentences,
    role_instances,
    train_taggers,
)
from fogwatch.train.corrections import CorrectionSet, read_corrections

TEXT = (
    "Kharkiv, 4 March 2026.\n\n"
    "The regional governor said that two drones struck a fuel depot overnight. "
    "Residents reported loud explosions near the river. "
    "The army stored fuel there, a spokesman said. "
    "Moscow claimed the depot was a military target. "
    "Officials in Kyiv announced new shelters. "
    "The mayor said schools would stay closed."
)


def _span(words: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(words, start + 1)
    return TextSpan(words, start, start + len(words))


def _attribution(cue: TextSpan, source: str, content: str, sentence: int) -> Attribution:
    return Attribution(cue=cue, content=[_span(content)], sentence=sentence,
                       source=_span(source))


# What the machine found: the governor's report (right), the army "storing"
# (no report at all), the spokesman (right, left alone), Moscow's claim (right,
# stance set by hand), the announcement with the wrong source, the mayor
# (never looked at). It missed what the residents reported.
def _machine() -> list[Attribution]:
    return [
        _attribution(_span("said"), "The regional governor",
                     "two drones struck a fuel depot overnight", 1),
        _attribution(_span("stored"), "The army", "fuel there", 3),
        _attribution(_span("said", 1), "a spokesman", "The army stored fuel there", 3),
        _attribution(_span("claimed"), "Moscow", "the depot was a military target", 4),
        _attribution(_span("announced"), "Kyiv", "new shelters", 5),
        _attribution(_span("said", 2), "The mayor", "schools would stay closed", 6),
    ]


def _fields(source: str, content: str) -> dict:
    s, c = _span(source), _span(content)
    return {"source_start": s.start, "source_end": s.end,
            "content": [{"start": c.start, "end": c.end}]}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture
def corrected_store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(str(tmp_path / "corrected.sqlite"))
    doc = Document.create(TEXT, published="2026-03-04")
    store.save_analysis(Analysis(document=doc, attributions=_machine()))
    who = {"author": "Ann Analyst"}
    store.add_correction("attributions", doc.id, 0, "confirm", **who)
    store.add_correction("attributions", doc.id, 1, "reject", **who)
    store.add_correction("attributions", doc.id, 3, "set", field="stance",
                         value="unconfirmed", **who)
    words = _span("reported")
    store.add_finding("attributions", doc.id, words.start, words.end,
                      fields=_fields("Residents", "loud explosions near the river"), **who)
    # a wrong source: reject the machine's, add the right one on the same cue
    store.add_correction("attributions", doc.id, 4, "reject", **who)
    cue = _span("announced")
    store.add_finding("attributions", doc.id, cue.start, cue.end,
                      fields=_fields("Officials in Kyiv", "new shelters"), **who)
    yield store
    store.close()


def _labelled(doc, labels: list[str], start: int) -> list[tuple[str, str]]:
    return [(doc[start + i].text, lab) for i, lab in enumerate(labels) if lab != "O"]


def test_corrections_become_the_corrected_sentences_sequences(
        corrected_store: Store, nlp: Language) -> None:
    found = read_corrections(corrected_store)
    assert found.summary()["used"] == {"add": 2, "confirm": 1, "reject": 1}
    assert found.summary()["unused"] == {
        "overruled by a later correction of the same cue": 1,
        "set stance (not learned by the taggers)": 1}
    [corrected] = found.documents
    doc = nlp(corrected.text)

    sentences = corrected_sentences(corrected, doc)
    # the date line, Moscow's claim (only its stance was set) and the mayor's
    # sentence (never looked at) are not gold
    assert [s.text for s in sentences] == [
        "The regional governor said that two drones struck a fuel depot overnight.",
        "Residents reported loud explosions near the river.",
        "The army stored fuel there, a spokesman said.",
        "Officials in Kyiv announced new shelters."]
    cue_sequences = list(corrected_instances(corrected, doc, None))
    assert [_labelled(doc, labels, s.start)
            for (_, labels), s in zip(cue_sequences, sentences, strict=True)] == [
        [("said", "B-CUE")], [("reported", "B-CUE")],
        [("said", "B-CUE")],  # "stored" was rejected; the spokesman's cue stays one
        [("announced", "B-CUE")]]

    article = Article(corrected.id, corrected.text, corrected.gold)
    roles = [[lab for lab in labels if lab != "O"] for _, labels in role_instances(article, doc)]
    assert roles == [
        ["B-SRC", "I-SRC", "I-SRC"] + ["B-CON"] + ["I-CON"] * 6,  # confirmed as found
        ["B-SRC", "B-CON", "I-CON", "I-CON", "I-CON", "I-CON"],  # added
        ["B-SRC", "I-SRC", "I-SRC", "B-CON", "I-CON"],  # the source set right by hand
    ]


def test_an_orphaned_correction_whose_words_are_gone_is_left_out(
        corrected_store: Store) -> None:
    from fogwatch.train.corrections import corrected_document

    [c] = [c for c in corrected_store.list_corrections()[0] if c.action == "confirm"]
    c.anchor_text = "shouted"
    tally = CorrectionSet("x", [])
    doc = corrected_document(c.document, TEXT, [], [c], tally)
    assert (doc.gold, doc.rejected) == ([], [])
    assert tally.unused == {"words no longer in the document": 1}


def test_taggers_train_on_corrections(corrected_store: Store, nlp: Language,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    found = read_corrections(corrected_store)
    parsed = corrected_data(found, nlp)
    assert len(list((tmp_path / "cache").glob("corrections-*.spacy"))) == 1
    data = corrected_data(found, nlp)  # from the cache
    [(corrected, article, doc)] = data
    assert article.attributions == corrected.gold
    assert [t.text for t in doc] == [t.text for t in parsed[0][2]]
    assert [t.dep_ for t in doc] == [t.dep_ for t in nlp(corrected.text)]
    assert doc.tensor.shape[0] == len(doc)  # the role network's token vectors came back
    out = tmp_path / "model"
    train_taggers([], out, {"max_iterations": 5, "feature.possible_transitions": True},
                  corrected=data, weight=2)
    assert set(CRF(read_crf_bytes(out, "cue")).labels) == {"O", "B-CUE"}
    assert {"B-SRC", "I-SRC", "B-CON", "I-CON"} <= set(CRF(read_crf_bytes(out, "role")).labels)
    with lzma.open(out / PRIOR_FILE, "rt") as fh:
        assert fh.read() == "{}"  # the cue prior is PolNeAR's alone (none here)


def _split(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    return root


def test_train_with_corrections_refuses_a_missing_store(tmp_path: Path) -> None:
    split = _split(tmp_path / "split")
    missing = tmp_path / "nowhere.sqlite"
    result = CliRunner().invoke(cli, ["train", "attribution", "--train", str(split), "--dev",
                                      str(split), "--out", str(tmp_path / "m"),
                                      "--corrections", str(missing)])
    assert result.exit_code == 2
    assert "no store at" in result.output
    assert not missing.exists()  # no empty store was made
    assert not (tmp_path / "m").exists()


def test_train_with_corrections_refuses_a_store_without_any(tmp_path: Path) -> None:
    split = _split(tmp_path / "split")
    db = tmp_path / "empty.sqlite"
    Store.open(str(db)).close()
    result = CliRunner().invoke(cli, ["train", "attribution", "--train", str(split), "--dev",
                                      str(split), "--out", str(tmp_path / "m"),
                                      "--corrections", str(db)])
    assert result.exit_code == 2
    assert "holds no corrections of attributions" in result.output


def test_retune_takes_no_corrections(tmp_path: Path) -> None:
    split = _split(tmp_path / "split")
    result = CliRunner().invoke(cli, ["train", "attribution", "--retune", "--dev", str(split),
                                      "--out", str(tmp_path / "m"),
                                      "--corrections", str(tmp_path / "x.sqlite")])
    assert result.exit_code == 2
    assert "--retune keeps them" in result.output


def test_two_attributions_added_on_one_cue_are_both_gold(corrected_store: Store) -> None:
    [doc_id] = {c.document for c in corrected_store.list_corrections()[0]}
    cue = _span("said", 1)  # the spokesman's, left alone so far
    for source, content in (("a spokesman", "The army stored fuel there"),
                            ("The army", "fuel there")):
        corrected_store.add_finding("attributions", doc_id, cue.start, cue.end,
                                    fields=_fields(source, content), author="Ann Analyst")
    found = read_corrections(corrected_store)
    [corrected] = found.documents
    on_cue = [g for g in corrected.gold if g.cue == [(cue.start, cue.end)]]
    assert [g.source for g in on_cue] == [[(s.start, s.end)] for s in (
        _span("a spokesman"), _span("The army"))]
    assert found.used["add"] == 4


def test_train_attribution_with_corrections_end_to_end(
        corrected_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A tiny run (one article of PolNeAR's shape, few iterations): the corrections
    reach the taggers through the command and are recorded in meta.json."""
    split = _split(tmp_path / "split")
    article = "The council said the water was safe to drink. Engineers agreed."
    (split / "text" / "council.txt").write_text(article, encoding="utf-8")
    (split / "attributions").mkdir()
    spans = {"Source": "The council", "Cue": "said", "Content": "the water was safe to drink"}
    lines = [f"T{k}\t{role} {article.index(w)} {article.index(w) + len(w)}\t{w}"
             for k, (role, w) in enumerate(spans.items(), 1)]
    (split / "attributions" / "council_x1.ann").write_text(
        "\n".join([*lines, "E1\tSource:T1 Cue:T2 Content:T3"]) + "\n", encoding="utf-8")
    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "model"
    result = CliRunner().invoke(cli, [
        "train", "attribution", "--train", str(split), "--dev", str(split), "--out", str(out),
        "--max-iterations", "5", "--min-freq", "1", "--limit", "1",
        "--corrections", corrected_store.url, "--corrections-weight", "2"],
        catch_exceptions=False)
    assert result.exit_code == 0, result.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["corrections"]["sentences"] == 4
    assert meta["corrections"]["weight"] == 2
    assert meta["corrections"]["used"] == {"add": 2, "confirm": 1, "reject": 1}
    assert meta["training_data"].endswith("and a store's corrections")
