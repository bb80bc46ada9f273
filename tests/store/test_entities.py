"""Entity statistics across documents and outlets."""

from __future__ import annotations

from collections.abc import Callable

from fogwatch.findings import Analysis, Document, Entity, Mention
from fogwatch.store import EntityStats, Store


def _analysis(text: str, outlet: str, names: dict[str, tuple[str, str]]) -> Analysis:
    """An analysis mentioning each entity at every place its surface text occurs."""
    doc = Document.create(text, outlet=outlet)
    entities = []
    for surface, (key, type_) in names.items():
        mentions, start = [], text.find(surface)
        while start != -1:
            mentions.append(Mention(surface, start, start + len(surface), 0, type_, key, doc.id))
            start = text.find(surface, start + 1)
        entities.append(Entity(key, surface, type_, aliases=[surface], mentions=mentions))
    return Analysis(doc, entities=entities)


NAMES = {
    "Zelensky": ("gaz:person/volodymyr-zelensky", "PERSON"),
    "NATO": ("gaz:org/nato", "ORG"),
    "Odesa": ("gaz:gpe/odesa", "GPE"),
}


def _load(store: Store) -> None:
    texts = [
        ("Zelensky spoke to NATO envoys; Zelensky asked for air defence.", "kyiv.example"),
        ("NATO ministers met. Zelensky joined by video.", "kyiv.example"),
        ("Odesa port was hit again, Zelensky said.", "wire.example"),
    ]
    for text, outlet in texts:
        store.save_analysis(_analysis(text, outlet, NAMES))


def test_counts_across_documents_and_outlets(store: Store) -> None:
    _load(store)
    stats = store.entities()
    assert [s.key for s in stats] == [
        "gaz:person/volodymyr-zelensky", "gaz:org/nato", "gaz:gpe/odesa",
    ]
    zelensky = stats[0]
    assert (zelensky.mentions, zelensky.documents) == (4, 3)
    assert zelensky.outlets == {"kyiv.example": 2, "wire.example": 1}
    assert (stats[1].mentions, stats[1].documents) == (2, 2)
    assert stats[1].outlets == {"kyiv.example": 2}
    assert stats[2].outlets == {"wire.example": 1}


def test_filters_and_paging(store: Store) -> None:
    _load(store)
    assert [s.key for s in store.entities(type="GPE")] == ["gaz:gpe/odesa"]
    assert [s.key for s in store.entities(query="zelen")] == ["gaz:person/volodymyr-zelensky"]
    assert [s.key for s in store.entities(query="ODESA")] == ["gaz:gpe/odesa"]
    assert store.entities(query="%") == []  # a LIKE wildcard typed by a user is literal
    assert [s.key for s in store.entities(limit=1, offset=1)] == ["gaz:org/nato"]


def test_get_entity(store: Store) -> None:
    _load(store)
    nato = store.get_entity("gaz:org/nato")
    assert isinstance(nato, EntityStats)
    assert (nato.name, nato.type, nato.aliases, nato.mentions) == ("NATO", "ORG", ["NATO"], 2)
    assert store.get_entity("gaz:org/nobody") is None


def test_alias_search_finds_merged_names(
    store: Store, article: Document, make_analysis: Callable[[Document], Analysis]
) -> None:
    store.save_analysis(make_analysis(article))
    assert [s.key for s in store.entities(query="pokrovske")] == ["gaz:gpe/pokrovsk"]


def test_counts_follow_a_replaced_analysis(store: Store) -> None:
    _load(store)
    text = "Zelensky spoke to NATO envoys; Zelensky asked for air defence."
    first = store.documents(limit=10)
    doc = next(d for d in first if d.text == text)
    # Re-analysed: this time only one mention of Zelensky and none of NATO.
    again = _analysis(text, "kyiv.example", {"Zelensky": NAMES["Zelensky"]})
    again.document = doc
    again.entities[0].mentions = again.entities[0].mentions[:1]
    store.save_analysis(again)
    stats = {s.key: s for s in store.entities()}
    assert (stats["gaz:person/volodymyr-zelensky"].mentions,
            stats["gaz:person/volodymyr-zelensky"].documents) == (3, 3)
    assert (stats["gaz:org/nato"].mentions, stats["gaz:org/nato"].documents) == (1, 1)
    # Saving the same analysis twice changes nothing.
    store.save_analysis(again)
    assert store.get_entity("gaz:org/nato").mentions == 1
    assert store.get_entity("gaz:person/volodymyr-zelensky").documents == 3


def test_migration_fills_counts_of_an_older_store(db_url: str) -> None:
    import sqlalchemy as sa
    from alembic import command

    from fogwatch.store.engine import create_engine, write_transaction
    from fogwatch.store.migrate import alembic_config

    engine = create_engine(sa.make_url(db_url))
    with write_transaction(engine) as conn:
        command.upgrade(alembic_config(conn), "0002")  # before the counts existed
        conn.execute(sa.text(
            "INSERT INTO entities (key, name, type, aliases, gazetteer) "
            "VALUES ('gaz:org/nato', 'NATO', 'ORG', '[\"NATO\"]', :no)"), {"no": False})
        for doc, n in (("d1", 2), ("d2", 1)):
            conn.execute(sa.text(
                "INSERT INTO documents (id, text, text_hash, language, section, metadata, "
                "ingested_at) VALUES (:id, 'NATO met. NATO spoke.', :id, 'en', 'body', '{}', "
                "CURRENT_TIMESTAMP)"), {"id": doc})
            for i in range(n):
                conn.execute(sa.text(
                    'INSERT INTO mentions (document_id, entity_key, entity_idx, idx, start, "end", '
                    "text) VALUES (:d, 'gaz:org/nato', 0, :i, 0, 4, 'NATO')"), {"d": doc, "i": i})
    engine.dispose()
    with Store.open(db_url) as store:  # opening migrates to the newest revision
        nato = store.get_entity("gaz:org/nato")
    assert (nato.mentions, nato.documents) == (3, 2)
