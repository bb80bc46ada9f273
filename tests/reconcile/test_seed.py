"""On the seed article alone: the encirclement claim and its dismissal are one proposition."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.jobs import run_batch
from fogwatch.store import Store

pytestmark = [pytest.mark.seed, pytest.mark.slow]


def test_gerasimov_claim_and_milblogger_dismissal(
    seed_path: Path, tmp_path: Path, pipeline
) -> None:
    with Store.open(str(tmp_path / "seed.sqlite")) as store:
        summary = run_batch([str(seed_path)], store, pipeline=pipeline)
        assert summary.ok, summary.failed
        props = store.propositions(query="surrounded", limit=5)
    assert len(props) == 1
    stances = {(s.source, s.stance) for s in props[0].stances if s.role == "source"}
    assert ("Valery Gerasimov", "asserts") in stances
    assert any("milbloggers" in source and stance == "denies" for source, stance in stances)
    assert props[0].contested
