"""Fixtures shared by every test module."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FOGWATCH_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seeds" / "000_1b785e3a2d9b05dc.txt"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"the shared data folder ({SHARED}) is absent; set FOGWATCH_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    if not SEED.is_file():
        pytest.skip(f"the seed article ({SEED}) is absent")
    return SEED
