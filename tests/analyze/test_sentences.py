"""The analysis keeps its sentences, and the lemmas of the words it changed, on the
document: a finding's ``sentence`` is an index into them, in long texts analysed chunk by
chunk too."""

from __future__ import annotations

import pytest

from fogwatch.analyze import pipeline as pipeline_module
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.findings import Analysis, Document

TEXT = (
    "Trawler Sinks Off Northern Cape\n"
    "A fishing trawler with eleven crew members sank off the northern cape on Monday "
    "night, the coastguard said on Tuesday. Rescuers pulled nine men from the water.\n\n"
    "Two crew members are still missing, officials said. The search will resume at "
    "dawn on Wednesday, according to the harbour master."
)


def _check(analysis: Analysis) -> None:
    doc = analysis.document
    spans = doc.sentences
    assert spans is not None and len(spans) >= 5
    text = doc.text
    for (a, b), (c, _) in zip(spans, spans[1:], strict=False):
        assert a < b <= c  # in order, apart
    for a, b in spans:
        assert text[a:b] == text[a:b].strip()
    # the headline above one line break is a sentence of its own
    assert text[spans[0][0]:spans[0][1]] == "Trawler Sinks Off Northern Cape"
    found = [*analysis.times, *analysis.attributions, *analysis.quantities, *analysis.events]
    assert len(found) >= 6
    for f in found:
        start = f.cue.start if hasattr(f, "cue") else f.trigger.start if hasattr(
            f, "trigger") else f.start
        a, b = spans[f.sentence]
        assert a <= start < b, (f, text[a:b])


def test_every_findings_sentence_is_a_kept_sentence(nlp_pipeline: Pipeline) -> None:
    analysis = nlp_pipeline.analyze(Document.create(TEXT))
    _check(analysis)
    assert Analysis.from_dict(analysis.to_dict()).document.sentences == analysis.document.sentences


def test_a_long_text_keeps_the_sentences_of_its_chunks(
    nlp_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = nlp_pipeline.analyze(Document.create(TEXT)).document.sentences
    monkeypatch.setattr(pipeline_module, "CHUNK_CHARS", 200)  # cut at the blank line
    assert len(list(pipeline_module.split_paragraph_chunks(TEXT, 200))) == 2
    analysis = nlp_pipeline.analyze(Document.create(TEXT))
    _check(analysis)
    assert analysis.document.sentences == whole


def test_the_analysis_keeps_the_lemmas_of_the_words_it_changed(
    nlp_pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = ("Russian forces struck the depot on Monday. The town fell after weeks of shelling."
            "\n\nOfficials said the strikes were the heaviest of the war.")
    analysis = nlp_pipeline.analyze(Document.create(text))
    lemmas = analysis.document.lemmas
    assert lemmas is not None
    assert {w: lemmas.get(w) for w in ("struck", "fell", "forces", "strikes")} == {
        "struck": "strike", "fell": "fall", "forces": "force", "strikes": "strike"}
    assert "depot" not in lemmas and "monday" not in lemmas  # only words it changed
    assert Analysis.from_dict(analysis.to_dict()).document.lemmas == lemmas
    # a long text analysed in chunks keeps the lemmas of all of them
    monkeypatch.setattr(pipeline_module, "CHUNK_CHARS", 90)
    assert len(list(pipeline_module.split_paragraph_chunks(text, 90))) == 2
    assert nlp_pipeline.analyze(Document.create(text)).document.lemmas == lemmas
