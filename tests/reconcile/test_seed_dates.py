"""On the seed article: events and claims sit on the days the text gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.jobs import run_batch
from fogwatch.store import Store
from fogwatch.store.browse.timeline import timeline_page, timeline_records

pytestmark = [pytest.mark.seed, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed_db(seed_path: Path, tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    path = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    with Store.open(str(path)) as store:
        # the article was published on 10 November 2025
        summary = run_batch([str(seed_path)], store, pipeline=pipeline, date="2025-11-10")
        assert summary.ok, summary.failed
    return path


def test_the_timeline_spreads_over_the_fall_not_the_day_of_publication(seed_db: Path) -> None:
    with Store.open(str(seed_db)) as store:
        (doc,) = store.documents(limit=5)
        items, total = timeline_page(store, limit=200)
        events, claims = timeline_records(store, items)
    published = (doc.published or "")[:10]
    dated = sorted({i.date[:10] for i in items if i.date})
    assert total == len(items)
    months = {d[:7] for d in dated}
    assert {"2025-09", "2025-10", "2025-11"} <= months, dated
    on_publication = [i for i in items if i.kind == "event" and i.date == published]
    assert len(on_publication) < len(dated) / 3
    # an event no report dates is listed apart, and says when it was reported
    undated = [events[i.id] for i in items if i.kind == "event" and i.date is None]
    assert undated
    for ev in undated:
        assert ev.when.label.startswith("undated, reported on ")
        assert not ev.when.anchored
    labels = {ev.when.label for ev in events.values()}
    assert "23 September 2025" in labels
    assert claims


def test_gerasimov_presenting_is_not_putin_presenting_awards(seed_db: Path) -> None:
    with Store.open(str(seed_db)) as store:
        merged = store.merged_events(limit=500)
    presenting = [e for e in merged
                  if any("presented" in (r.text or "") for r in e.reports)]
    report = next(e for e in presenting
                  if any("Gerasimov presented" in (r.text or "") for r in e.reports))
    assert (report.start, report.end) == ("2025-10-26", "2025-10-26")
    assert not any("awards" in (r.text or "") for r in report.reports)


def test_gerasimov_claimed_on_the_day_of_the_meeting(seed_db: Path) -> None:
    with Store.open(str(seed_db)) as store:
        props = store.propositions(query="surrounded", limit=5)
    stances = [s for p in props for s in p.stances
               if s.role == "source" and s.source == "Valery Gerasimov"]
    assert stances and {s.date for s in stances} == {"2025-10-26"}
    assert min(p.first_seen or "" for p in props) == "2025-10-26"
