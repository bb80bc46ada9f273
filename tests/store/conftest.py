"""Store fixtures: every store test runs on SQLite and, when reachable, PostgreSQL.

PostgreSQL tests use the server named by ``FOGWATCH_TEST_PG`` and a fresh schema
per test (a random name, dropped afterwards), so runs in parallel never meet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from fogwatch.findings import (
    Analysis,
    Attribution,
    Document,
    Entity,
    Event,
    Mention,
    Place,
    Quantity,
    TextSpan,
    Time,
)
from fogwatch.store import Store
from fogwatch.store.schema import metadata

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_schema: Callable
) -> Iterator[str]:
    """A URL for a new, empty database (no schema yet) on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'fogwatch.sqlite'}"
        return
    with pg_schema() as url:
        yield url


@pytest.fixture(scope="session")
def _pg_session_store(pg_schema: Callable) -> Iterator[Store]:
    """One migrated PostgreSQL schema for the session; tests empty it instead of remaking it."""
    with pg_schema() as url, Store.open(url) as opened:
        yield opened


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open, migrated, empty store on each backend."""
    if request.param == "sqlite":
        with Store.open(f"sqlite:///{tmp_path / 'fogwatch.sqlite'}") as opened:
            yield opened
        return
    opened = request.getfixturevalue("_pg_session_store")
    tables = ", ".join(f'"{t}"' for t in metadata.tables)
    with opened.transaction("emptying the test schema") as conn:
        conn.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield opened


# --- hand-built documents and analyses ------------------------------------------------

ARTICLE = (
    "Kyiv, 3 November 2025. Russian forces pressed their assault on Pokrovsk on Sunday, "
    "the Ukrainian General Staff said. Oleksandr Syrskyi denied that Ukrainian troops "
    "were encircled in the town. Moscow claimed that more than 1,000 soldiers had been "
    "captured near Pokrovsk, a figure that could not be verified."
)


def span(text: str, needle: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return TextSpan(needle, start, start + len(needle))


def mention(doc: Document, needle: str, sentence: int, type_: str, key: str, n: int = 0) -> Mention:
    s = span(doc.text, needle, n)
    return Mention(s.text, s.start, s.end, sentence, type_, key, document=doc.id)


def full_analysis(doc: Document) -> Analysis:
    """An analysis of :data:`ARTICLE` with every finding kind populated."""
    t = doc.text
    pokrovsk = [mention(doc, "Pokrovsk", 1, "GPE", "gaz:gpe/pokrovsk"),
                mention(doc, "Pokrovsk", 3, "GPE", "gaz:gpe/pokrovsk", 1)]
    entities = [
        Entity("gaz:gpe/pokrovsk", "Pokrovsk", "GPE", aliases=["Pokrovsk", "Pokrovske"],
               mentions=pokrovsk, country="UA", gazetteer=True),
        Entity("gaz:person/oleksandr-syrskyi", "Oleksandr Syrskyi", "PERSON",
               aliases=["Oleksandr Syrskyi", "Syrskyi"],
               mentions=[mention(doc, "Oleksandr Syrskyi", 2, "PERSON",
                                 "gaz:person/oleksandr-syrskyi")],
               description="Commander-in-Chief of the Armed Forces of Ukraine",
               country="UA", gazetteer=True),
        Entity("auto:ORG/ukrainian-general-staff", "Ukrainian General Staff", "ORG",
               aliases=["Ukrainian General Staff"],
               mentions=[mention(doc, "Ukrainian General Staff", 1, "ORG",
                                 "auto:ORG/ukrainian-general-staff")]),
    ]
    d1, d2 = span(t, "3 November 2025"), span(t, "Sunday")
    times = [
        Time(d1.text, d1.start, d1.end, 0, "DATE", "2025-11-03",
             interval=("2025-11-03", "2025-11-03"), anchor="DCT", document=doc.id),
        Time(d2.text, d2.start, d2.end, 1, "DATE", "2025-11-02",
             interval=("2025-11-02", "2025-11-02"), anchor="DCT", mod=None, document=doc.id),
    ]
    attributions = [
        Attribution(cue=span(t, "said"), content=[span(t, "Russian forces pressed their "
                    "assault on Pokrovsk on Sunday")], sentence=1,
                    source=span(t, "the Ukrainian General Staff"),
                    source_entity="auto:ORG/ukrainian-general-staff", time=1, document=doc.id),
        Attribution(cue=span(t, "denied"), content=[span(t, "Ukrainian troops were encircled "
                    "in the town")], sentence=2, source=span(t, "Oleksandr Syrskyi"),
                    source_entity="gaz:person/oleksandr-syrskyi", kind="indirect",
                    stance="refuted", document=doc.id),
        Attribution(cue=span(t, "claimed"), content=[span(t, "more than 1,000 soldiers had "
                    "been captured near Pokrovsk")], sentence=3, source=span(t, "Moscow"),
                    source_entity="gaz:gpe/russia", stance="unconfirmed", disputed_by=[1],
                    document=doc.id),
    ]
    events = [
        Event(span(t, "assault"), "ASSAULT", 1, actors=["gaz:gpe/russia"],
              targets=["gaz:gpe/pokrovsk"], place="geonames:706884", time=1,
              time_value="2025-11-02", modality="claimed", attribution=0, document=doc.id),
        Event(span(t, "captured"), "COERCE", 3, mode="capture", actors=["gaz:gpe/russia"],
              modality="claimed", attribution=2, document=doc.id),
    ]
    q = span(t, "more than 1,000 soldiers")
    quantities = [
        Quantity(q.text, q.start, q.end, 3, 1000.0, unit="soldiers", approx="over",
                 counted="soldiers", attribution=2, event=1, document=doc.id),
    ]
    places = [
        Place("geonames:706884", "Pokrovsk", lat=48.282, lon=37.176, country="UA",
              admin1="Donetsk", geonameid=706884, confidence=0.9, entity="gaz:gpe/pokrovsk",
              mentions=pokrovsk),
    ]
    return Analysis(doc, entities, times, attributions, events, quantities, places)


@pytest.fixture
def article() -> Document:
    return Document.create(
        ARTICLE, url="https://example.org/war/pokrovsk-assault", outlet="example.org",
        title="Assault on Pokrovsk continues", published="2025-11-03",
        date_source="metadata", source="https://example.org/war/pokrovsk-assault",
        metadata={"tags": ["war", "donetsk"]},
    )


@pytest.fixture
def make_analysis() -> Callable[[Document], Analysis]:
    return full_analysis
