"""Reconciling on PostgreSQL gives what it gives on SQLite."""

from __future__ import annotations

import pytest

from fogwatch.reconcile import reconcile_analysis
from fogwatch.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def pg_url(pg_schema):
    with pg_schema() as url:
        yield url


def _snapshot(store: Store) -> list[tuple]:
    out = []
    for p in store.propositions(limit=10_000):
        stances = sorted((s.document, s.source, s.role, s.stance) for s in p.stances)
        out.append((p.statement, p.contested, tuple(stances)))
    events = [(e.type, e.statement, e.start or "", tuple(sorted((r.document, r.event, r.modality)
                                                          for r in e.reports)))
              for e in store.merged_events(limit=10_000)]
    return sorted(out) + sorted(events)


def test_postgres_gives_the_sqlite_result(demo_store: Store, pg_url: str) -> None:
    analyses = list(demo_store.analyses(order="ingested"))
    assert analyses
    with Store.open(pg_url) as pg:
        for analysis in analyses:
            pg.add_document(analysis.document)
            pg.save_analysis(analysis)
            reconcile_analysis(pg, analysis)
        assert _snapshot(pg) == _snapshot(demo_store)
