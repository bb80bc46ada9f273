"""Who a claim is about: Hungary asking for an exemption is not Bulgaria asking for a licence.

Real sentences of the demo corpus (articles numbered by their line in corpus.jsonl):

- 1: "Hungary, ..., said it would ask Washington for an exemption."
- 6: "Hungary is also seeking an exemption, ..."
- 14: "Officials in Sofia said on Wednesday that they had asked the U.S. Treasury
  for a licence that would let the plant keep operating ..."

All three are a permission sought (``EXEMPTION_SOUGHT``, ``LICENCE_SOUGHT``); what tells them apart
is the country doing the asking, the subject of the claim.
"""

from __future__ import annotations

import json

import pytest

from fogwatch.findings import Document
from fogwatch.jobs import demo_corpus_path
from fogwatch.reconcile.propositions import THRESHOLD, _unit_features, pair_similarity
from fogwatch.reconcile.units import ClaimUnit, document_units

pytestmark = pytest.mark.slow


def _unit(pipeline, article: int, words: str) -> ClaimUnit:
    line = demo_corpus_path().read_text(encoding="utf-8").splitlines()[article - 1]
    record = json.loads(line)
    doc = Document.create(record["text"], url=record.get("url"), outlet=record.get("outlet"),
                          published=record.get("published"))
    units = [u for u in document_units(pipeline.analyze(doc)) if words in u.text]
    assert units, f"article {article}: no claim unit with {words!r}"
    return units[0]


@pytest.fixture(scope="module")
def asked(pipeline) -> dict[str, ClaimUnit]:
    return {
        "hungary-1": _unit(pipeline, 1, "would ask Washington for an exemption"),
        "hungary-6": _unit(pipeline, 6, "an exemption"),
        "hungary-9": _unit(pipeline, 9, "had obtained an exemption"),
        "bulgaria-14": _unit(pipeline, 14, "Treasury for a licence"),
    }


def test_the_asking_country_is_the_claims_party(asked: dict[str, ClaimUnit]) -> None:
    # "said it would ask": the pronoun stands for the speaker, Hungary (no source
    # span needed: the words before the cue name it)
    assert asked["hungary-1"].parties == {"HU"}
    # "Hungary is also seeking" + "an exemption": the cue does the asking
    assert asked["hungary-6"].parties == {"HU"}
    assert asked["hungary-9"].parties == {"HU"}
    # "Officials in Sofia said ... they had asked": Sofia is in Bulgaria
    assert asked["bulgaria-14"].parties == {"BG"}
    for unit in asked.values():
        assert not unit.parties & {"US", "UA", "RU"}  # Washington names no party


def test_different_asking_countries_are_different_claims(asked: dict[str, ClaimUnit]) -> None:
    features = {k: _unit_features(u) for k, u in asked.items()}
    assert {"LICENCE_SOUGHT"} <= set(features["bulgaria-14"]["concepts"])
    assert pair_similarity(features["hungary-1"], features["bulgaria-14"]) == 0.0
    assert pair_similarity(features["hungary-6"], features["bulgaria-14"]) == 0.0
    # Hungary asking, told twice, is one claim
    assert pair_similarity(features["hungary-1"], features["hungary-6"]) >= THRESHOLD
