"""Saving and reading analyses: round trip, replacement, atomicity, entity merging."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from fogwatch.findings import Analysis, Document, Entity, Mention, Time
from fogwatch.store import Store, StoreError

MakeAnalysis = Callable[[Document], Analysis]


def test_round_trip_equals_what_was_saved(
    store: Store, article: Document, make_analysis: MakeAnalysis
) -> None:
    analysis = make_analysis(article)
    store.add_document(article)
    store.save_analysis(analysis)
    loaded = store.get_analysis(article.id)
    assert loaded is not None
    assert loaded.to_dict() == analysis.to_dict()
    assert isinstance(loaded.times[0].interval, tuple)
    stats = store.stats()
    assert stats["mentions"] == 4
    assert (stats["times"], stats["attributions"], stats["events"]) == (2, 3, 2)
    assert (stats["quantities"], stats["places"], stats["entities"]) == (1, 1, 3)


def test_unanalysed_and_unknown_documents_have_no_analysis(
    store: Store, article: Document
) -> None:
    store.add_document(article)
    assert store.get_analysis(article.id) is None
    assert store.get_analysis("unknown") is None


def test_save_stores_a_new_document_and_fills_missing_provenance(store: Store) -> None:
    doc = Document.create("Sirens sounded over Kharkiv at dawn on Tuesday.")
    start = doc.text.index("Kharkiv")
    kharkiv = Entity("gaz:gpe/kharkiv", "Kharkiv", "GPE", aliases=["Kharkiv"],
                     mentions=[Mention("Kharkiv", start, start + 7, 0, "GPE", "gaz:gpe/kharkiv")])
    tstart = doc.text.index("Tuesday")
    tuesday = Time("Tuesday", tstart, tstart + 7, 0, "DATE", "XXXX-WXX-2")
    store.save_analysis(Analysis(doc, entities=[kharkiv], times=[tuesday]))
    assert store.get_document(doc.id) == doc
    loaded = store.get_analysis(doc.id)
    assert loaded.entities[0].mentions[0].document == doc.id
    assert loaded.times[0].document == doc.id
    assert loaded.times[0].value == "XXXX-WXX-2"


def test_reanalysis_replaces_all_findings(
    store: Store, article: Document, make_analysis: MakeAnalysis
) -> None:
    store.save_analysis(make_analysis(article))
    second = make_analysis(replace(article, title="Assault on Pokrovsk continues (updated)"))
    second.events = second.events[:1]
    second.quantities = []
    second.entities = second.entities[:1]
    store.save_analysis(second)
    loaded = store.get_analysis(article.id)
    assert loaded.to_dict() == second.to_dict()
    stats = store.stats()
    assert (stats["events"], stats["quantities"], stats["mentions"]) == (1, 0, 2)
    # Entities are global: the one no longer mentioned stays known, with no mentions.
    assert store.get_entity("gaz:person/oleksandr-syrskyi").mentions == 0


def test_failure_midway_keeps_the_old_findings(
    store: Store, article: Document, make_analysis: MakeAnalysis,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = make_analysis(article)
    store.save_analysis(first)
    second = make_analysis(replace(article, title="A title that must not stick"))
    second.times = second.times[:1]
    real_insert = Store._insert_rows

    def failing_insert(self: Store, conn, table, rows) -> None:  # type: ignore[no-untyped-def]
        if table.name == "events":  # after mentions, times and attributions went in
            raise RuntimeError("disk on fire")
        real_insert(self, conn, table, rows)

    monkeypatch.setattr(Store, "_insert_rows", failing_insert)
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.save_analysis(second)
    monkeypatch.undo()
    loaded = store.get_analysis(article.id)
    assert loaded.to_dict() == first.to_dict()
    assert store.stats()["times"] == 2


def test_analysis_of_changed_text_is_refused(
    store: Store, article: Document, make_analysis: MakeAnalysis
) -> None:
    store.add_document(article)
    changed = make_analysis(replace(article, text=article.text + " A late paragraph."))
    with pytest.raises(StoreError, match="differs from the stored text"):
        store.save_analysis(changed)


def test_analysis_of_a_text_duplicate_is_refused(store: Store, article: Document) -> None:
    store.add_document(article)
    copy = Document.create(article.text, url="https://mirror.example.net/x")
    with pytest.raises(StoreError, match=f"duplicates stored document {article.id}"):
        store.save_analysis(Analysis(copy))


def test_entities_merge_aliases_across_documents(
    store: Store, article: Document, make_analysis: MakeAnalysis
) -> None:
    store.save_analysis(make_analysis(article))
    other = Document.create("Syrskyi visited troops near Pokrovske.", outlet="b.example")
    a, b = other.text.index("Syrskyi"), other.text.index("Pokrovske")
    store.save_analysis(Analysis(other, entities=[
        Entity("gaz:person/oleksandr-syrskyi", "Gen. Syrskyi", "PERSON",
               aliases=["Syrskyi", "General Syrskyi"], description="another description",
               mentions=[Mention("Syrskyi", a, a + 7, 0, "PERSON",
                                 "gaz:person/oleksandr-syrskyi", other.id)]),
        Entity("gaz:gpe/pokrovsk", "Pokrovsk", "GPE", aliases=["Pokrovske", "Krasnoarmiisk"],
               mentions=[Mention("Pokrovske", b, b + 9, 0, "GPE", "gaz:gpe/pokrovsk",
                                 other.id)]),
    ]))
    person = store.get_entity("gaz:person/oleksandr-syrskyi")
    assert person.name == "Oleksandr Syrskyi"  # the first name stays
    assert person.description == "Commander-in-Chief of the Armed Forces of Ukraine"
    assert person.aliases == ["Oleksandr Syrskyi", "Syrskyi", "General Syrskyi"]
    place = store.get_entity("gaz:gpe/pokrovsk")
    assert place.aliases == ["Pokrovsk", "Pokrovske", "Krasnoarmiisk"]
    # Each document still reads back its own view, with only its own mentions.
    mine = store.get_analysis(other.id).entities[0]
    assert mine.name == "Gen. Syrskyi" and len(mine.mentions) == 1


def test_analyses_iterates_body_documents_by_date(
    store: Store, make_analysis: MakeAnalysis, article: Document
) -> None:
    store.save_analysis(make_analysis(article))
    later = Document.create("Shelling resumed in Kupiansk.", published="2025-11-20")
    store.save_analysis(Analysis(later))
    store.add_document(Document.create("Not analysed yet.", published="2025-11-10"))
    comment = Document.create("A reader disagrees.", section="comment", parent_id=article.id)
    store.save_analysis(Analysis(comment))
    assert [a.document.id for a in store.analyses()] == [article.id, later.id]
    assert [a.document.id for a in store.analyses(since="2025-11-05")] == [later.id]
    assert [a.document.id for a in store.analyses(until="2025-11-05")] == [article.id]


def test_the_analysis_sentences_are_kept_with_the_document(
    store: Store, article: Document, make_analysis: MakeAnalysis
) -> None:
    """Stored before analysis, a document has no sentences; its analysis's are
    kept with it and read back, by the analysis and by the document alone."""
    store.add_document(article)
    stored = store.get_document(article.id)
    assert stored is not None and stored.sentences is None
    spans = [(0, 20), (21, 40)]
    analysis = make_analysis(replace(article, sentences=spans))
    store.save_analysis(analysis)
    loaded = store.get_analysis(article.id)
    assert loaded is not None and loaded.document.sentences == spans
    stored = store.get_document(article.id)
    assert stored is not None and stored.sentences == spans


def test_the_analysis_lemmas_are_kept_with_the_document(
    store: Store, article: Document, make_analysis: MakeAnalysis
) -> None:
    store.add_document(article)
    stored = store.get_document(article.id)
    assert stored is not None and stored.lemmas is None
    lemmas = {"struck": "strike", "fell": "fall"}
    store.save_analysis(make_analysis(replace(article, lemmas=lemmas)))
    loaded = store.get_analysis(article.id)
    assert loaded is not None and loaded.document.lemmas == lemmas
