"""The reference page of every kind says what its spec says."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.kinds import registry
from fogwatch.kinds.docs import render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "kinds"


@pytest.mark.parametrize("name", ["times", "attributions", "events", "quantities", "places"])
def test_each_kinds_page_is_written_from_its_spec(name: str) -> None:
    page = DOCS / f"{name}.md"
    assert page.read_text(encoding="utf-8") == render(registry.get(name)), (
        f"{page.name} is out of date: run python -m fogwatch.kinds.docs docs/kinds"
    )


def test_a_page_lists_every_filter_and_exported_column() -> None:
    kind = registry.get("events")
    page = render(kind)
    for f in kind.filters:
        assert f"| `{f.name}` | `{f.column}` |" in page
    for c in kind.export_columns:
        assert f"| `{c.name}` | {c.type} |" in page
    assert "fogwatch_events" in page  # the stage that finds them
