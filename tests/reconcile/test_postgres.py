"""Reconciling on PostgreSQL gives what it gives on SQLite."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa

from fogwatch.reconcile import reconcile_analysis
from fogwatch.store import Store

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture
def pg_url():
    admin = os.environ.get("FOGWATCH_TEST_PG", PG_DEFAULT)
    engine = sa.create_engine(admin, connect_args={"connect_timeout": 3})
    try:
        with engine.connect():
            pass
    except Exception as exc:
        engine.dispose()
        pytest.skip(f"PostgreSQL is unreachable (set FOGWATCH_TEST_PG): {exc.__class__.__name__}")
    schema = f"fw_test_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = sa.make_url(admin).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def _snapshot(store: Store) -> list[tuple]:
    out = []
    for p in store.propositions(limit=10_000):
        stances = sorted((s.document, s.source, s.role, s.stance) for s in p.stances)
        out.append((p.statement, p.contested, tuple(stances)))
    events = [(e.type, e.statement, e.start, tuple(sorted((r.document, r.event, r.modality)
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
