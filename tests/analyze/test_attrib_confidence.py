"""The attribution confidence: on every attribution the shipped model finds, in
[0, 1]; worked out from the taggers' probabilities by the mapping beside them;
absent (None) where a model has no mapping or a record was stored before it."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest

from fogwatch.analyze.attribution.confidence import (
    CONFIDENCE_FILE,
    Calibration,
    features,
    fit,
    load_calibration,
)
from fogwatch.analyze.attribution.model import default_model_dir
from fogwatch.analyze.attribution.raw import RawAttribution
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.findings import Attribution, Document

TEXT = ("The regional governor said on Monday that two drones had hit a fuel depot near "
        "the border. Moscow denied that its forces were involved. According to a local "
        "council member, the fire burned for six hours.")


def _scores(found: list[Attribution]) -> list[float]:
    out = []
    for a in found:
        assert a.confidence is not None, a
        assert 0.0 <= a.confidence <= 1.0
        out.append(a.confidence)
    return out


def test_every_attribution_of_a_sentence_has_a_confidence(nlp_pipeline: Pipeline) -> None:
    found = nlp_pipeline.analyze(Document.create(TEXT)).attributions
    assert {a.cue.text for a in found} >= {"said", "denied", "According to"}
    _scores(found)
    # in the record and back
    again = Attribution.from_dict(found[0].to_dict())
    assert again.confidence == found[0].confidence


def test_every_attribution_of_the_seed_article_has_a_confidence(
        nlp_pipeline: Pipeline, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    found = nlp_pipeline.analyze(Document.create(text)).attributions
    assert len(found) >= 5
    scores = _scores(found)
    assert len(set(scores)) > 1  # a score that tells findings apart


def test_a_record_stored_before_confidence_reads_back_without_one() -> None:
    old = {"cue": {"text": "said", "start": 4, "end": 8, "entity": None},
           "content": [{"text": "it rained", "start": 9, "end": 18, "entity": None}],
           "sentence": 0, "source": None, "kind": "indirect", "stance": "asserted"}
    assert Attribution.from_dict(old).confidence is None


def test_a_model_without_a_mapping_gives_no_confidence(tmp_path: Path) -> None:
    from fogwatch.analyze.attribution import build_attributions
    from fogwatch.analyze.attribution.model import AttributionModel

    for f in default_model_dir().iterdir():
        if f.name != CONFIDENCE_FILE:
            shutil.copy(f, tmp_path / f.name)
    assert load_calibration(tmp_path) is None
    model = AttributionModel(tmp_path)
    pipe = Pipeline(stages=["fogwatch_attribution"])
    doc = pipe.nlp(pipe.make_doc(Document.create(TEXT)))
    found = build_attributions(doc, model)
    assert found and all(a.confidence is None for a in found)
    # the findings are the same with or without one
    shipped = doc._.fw_attributions
    assert [(a.cue, a.source, a.content) for a in found] == \
        [(a.cue, a.source, a.content) for a in shipped]


def test_a_mapping_fitted_on_other_taggers_is_not_used(tmp_path: Path) -> None:
    shipped = load_calibration(default_model_dir())
    assert shipped is not None
    assert load_calibration(default_model_dir(), shipped.taggers) is not None
    shipped.save(tmp_path / CONFIDENCE_FILE)
    assert load_calibration(tmp_path, "0123456789abcdef") is None  # trained again since


def test_the_shipped_mapping_rises_with_the_taggers_probabilities() -> None:
    cal = load_calibration(default_model_dir())
    assert cal is not None, "the shipped model has no confidence mapping"

    def conf(cue: float, content: float) -> float:
        return cal.confidence(RawAttribution(cue=(0, 1), evidence={
            "cue": cue, "content": content, "edge": 0.9, "source": 1.0}))

    assert conf(0.99, 0.95) > conf(0.6, 0.95)
    assert conf(0.99, 0.95) >= conf(0.99, 0.6)
    # an attribution a rule added is scored by its rule alone
    rule = RawAttribution(cue=(0, 1), origin="as_puts_it")
    assert features(rule) == {"rule:as_puts_it": 1.0}
    assert 0.0 <= cal.confidence(rule) <= 1.0


def test_fit_recovers_a_known_relation() -> None:
    rng = np.random.default_rng(3)
    xs = rng.normal(size=4000)
    p = 1 / (1 + np.exp(-(0.5 + 2.0 * xs)))
    ys = rng.random(4000) < p
    cal = fit([{"cue": float(x)} for x in xs], ys.tolist(), l2=0.01)
    assert cal.weights[0] == pytest.approx(2.0, abs=0.25)
    assert cal.intercept == pytest.approx(0.5, abs=0.2)
    assert cal.probability({"cue": 0.0}) == pytest.approx(1 / (1 + math.exp(-0.5)), abs=0.05)


def test_a_mapping_round_trips_through_its_file(tmp_path: Path) -> None:
    cal = Calibration(["cue", "model"], [1.5, -0.25], 0.1, note="test", taggers="abc")
    cal.save(tmp_path / CONFIDENCE_FILE)
    again = load_calibration(tmp_path, "abc")
    assert again is not None
    assert (again.names, again.weights, again.intercept) == (cal.names, cal.weights, 0.1)
