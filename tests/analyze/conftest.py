"""Fixtures for the analysis tests: one loaded spaCy pipeline for the whole session."""

from __future__ import annotations

import pytest

from fogwatch.analyze.pipeline import Pipeline


@pytest.fixture(scope="session")
def nlp_pipeline() -> Pipeline:
    """Every discovered stage on spaCy's small English model (loaded once)."""
    return Pipeline()
