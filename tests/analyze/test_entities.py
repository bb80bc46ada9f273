"""The entities stage: gazetteer corrections, folding, demonyms, titles, the seed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fogwatch.analyze.entities import entity_at, load_gazetteer, resolve_title
from fogwatch.analyze.gazetteer import fold
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.findings import Analysis, Document, Entity

DATE = "2025-11-10"


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(stages=["fogwatch_entities"])


def analyze(pipe: Pipeline, text: str, date: str = DATE) -> Analysis:
    return pipe.analyze(Document.create(text, published=date))


def by_key(analysis: Analysis) -> dict[str, Entity]:
    return {e.key: e for e in analysis.entities}


def named(analysis: Analysis, name: str) -> Entity:
    hits = [e for e in analysis.entities if fold(e.name) == fold(name)]
    assert hits, f"no entity named {name!r} in {[e.name for e in analysis.entities]}"
    return hits[0]


# --- gazetteer ---------------------------------------------------------------------


def test_gazetteer_lookup_variants_and_places() -> None:
    gaz = load_gazetteer()
    assert [e.key for e in gaz.lookup("Zelenskyy")] == ["gaz:person/volodymyr-zelensky"]
    assert [e.key for e in gaz.lookup("ORBAN")] == ["gaz:person/viktor-orban"]
    assert [e.key for e in gaz.lookup("Krasnoarmeysk")] == ["gaz:place/pokrovsk"]
    assert gaz.lookup("Artemivsk")[0].admin1 == "Donetsk Oblast"
    assert gaz.lookup("Donetsk province")[0].type == "LOC"
    assert gaz.country_of_demonym("Ukrainians").key == "gaz:place/ukraine"
    assert len(gaz.places()) > 100
    # every key unique, every name findable again
    assert len({e.key for e in gaz}) == len(gaz)
    assert all(e in gaz.lookup(e.name) for e in gaz)


# --- correcting the model ------------------------------------------------------------


def test_gazetteer_types_override_model_labels(pipe: Pipeline) -> None:
    text = (
        "Trump said the Oreshnik was a bluff. Gunvor withdrew its bid for Lukoil, "
        "and the Duma voted on Kursk while two Black Hawk helicopters landed."
    )
    a = analyze(pipe, text)
    types = {e.name: e.type for e in a.entities}
    assert types["Donald Trump"] == "PERSON"
    assert types["Oreshnik"] == "WEAPON"
    assert types["Gunvor"] == "ORG"
    assert types["Lukoil"] == "ORG"
    assert types["State Duma"] == "ORG"
    assert types["Black Hawk"] == "WEAPON"
    assert types["Kursk"] in ("GPE", "LOC")
    # doc.ents carries the same labels for plain spaCy users
    doc = pipe.nlp(text)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Oreshnik"] == "WEAPON" and labels["Trump"] == "PERSON"


def test_possessives_and_all_caps_fold_into_one_person(pipe: Pipeline) -> None:
    text = (
        "DONALD TRUMP ARRIVES. Trump’s plane landed at noon; Trump's aides followed. "
        "Later Donald Trump spoke with PUTIN, and Putin’s aide listened."
    )
    a = analyze(pipe, text)
    trump = by_key(a)["gaz:person/donald-trump"]
    assert [m.text for m in trump.mentions] == ["DONALD TRUMP", "Trump", "Trump", "Donald Trump"]
    assert all("’" not in m.text and "'" not in m.text for m in trump.mentions)
    assert "Donald Trump" in trump.aliases and "DONALD TRUMP" not in trump.aliases
    putin = by_key(a)["gaz:person/vladimir-putin"]
    assert len(putin.mentions) == 2
    for m in trump.mentions + putin.mentions:
        assert text[m.start:m.end] == m.text


def test_a_rank_before_a_name_leaves_a_person_that_its_surname_joins(pipe: Pipeline) -> None:
    text = (
        "The figure was read out in Moscow by Lieutenant General Igor Sedov, deputy head "
        "of the Main Operations Directorate. \"The last road is under our fire,\" Sedov said."
    )
    a = analyze(pipe, text)
    sedov = named(a, "Igor Sedov")
    assert sedov.type == "PERSON"
    assert [m.text for m in sedov.mentions] == ["Igor Sedov", "Sedov"]
    assert not any("Lieutenant" in e.name for e in a.entities)
    assert named(a, "Main Operations Directorate").type == "ORG"


def test_a_titled_name_the_model_left_untagged_is_a_person_its_surname_joins(
    pipe: Pipeline,
) -> None:
    # the model tags neither the titled name nor (rightly) the surname here: it reads
    # "Orlov" as an organisation
    text = (
        "The town is now cut off, the ministry said on Friday. Lieutenant General Pavel "
        "Orlov, who gave the first figure last week, said small groups had begun to "
        "surrender.\n\n\"Their commanders are hiding the losses from their own families,\" "
        "Orlov said."
    )
    a = analyze(pipe, text)
    orlov = named(a, "Pavel Orlov")
    assert orlov.type == "PERSON"
    assert [m.text for m in orlov.mentions] == ["Pavel Orlov", "Orlov"]
    assert [e.name for e in a.entities if e.type == "ORG" and "Orlov" in e.name] == []
    # a rank before an institution is no one
    b = analyze(pipe, "Major General Staff officers met the Colonel General Staff "
                      "Academy on Monday.")
    assert [e for e in b.entities if e.type == "PERSON"] == []


def test_a_name_before_district_is_a_place(pipe: Pipeline) -> None:
    a = analyze(pipe, "Two ballistic missiles struck the city's Novokodatskyi district "
                      "at about 11:40 p.m., the regional governor said.")
    assert named(a, "Novokodatskyi").type == "LOC"


def test_the_articles_own_outlet_is_an_organisation(pipe: Pipeline) -> None:
    text = "Baltic Wire could not independently verify the claim, the editors said."
    a = pipe.analyze(Document.create(text, published=DATE, outlet="Baltic Wire"))
    assert named(a, "Baltic Wire").type == "ORG"


def test_transliteration_variants_share_a_key(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "Zelenskyy met Syrsky in Kiev. Later Zelensky and Oleksandr Syrskyi toured Kupiansk "
        "and Kupyansk's ruins, then flew to Zaporozhye."
    ))
    keys = by_key(a)
    assert len(keys["gaz:person/volodymyr-zelensky"].mentions) == 2
    assert len(keys["gaz:person/oleksandr-syrskyi"].mentions) == 2
    assert len(keys["gaz:place/kupiansk"].mentions) == 2
    assert keys["gaz:place/kyiv"].aliases == ["Kiev"]
    assert "gaz:place/zaporizhzhia" in keys


def test_weapons_and_units(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "The 47th Mechanized Brigade used HIMARS and ATACMS, while Azov shot down "
        "a Kinzhal with a Patriot. Russia launched Kh-101 and Kalibr missiles."
    ))
    types = {e.key: e.type for e in a.entities}
    for key in ("gaz:weapon/himars", "gaz:weapon/atacms", "gaz:weapon/kinzhal",
                "gaz:weapon/patriot", "gaz:weapon/kh-101", "gaz:weapon/kalibr"):
        assert types.get(key) == "WEAPON", key
    assert types.get("gaz:unit/47th-mechanized-brigade") == "UNIT"
    assert types.get("gaz:unit/azov") == "UNIT"


def test_a_countrys_institution_in_wire_style_is_that_institution(pipe: Pipeline) -> None:
    a = analyze(pipe, "Russia's defence ministry said its forces shot down 30 drones, while "
                      "Ukraine's air force said it downed 45 of 52. Russia's Defense Ministry "
                      "later revised the figure. Russia's general staff chief was not named.")
    mod = by_key(a)["gaz:org/russian-ministry-of-defence"]
    assert [m.text for m in mod.mentions] == ["Russia's defence ministry", "Russia's Defense Ministry"]
    assert [m.text for m in by_key(a)["gaz:unit/ukrainian-air-force"].mentions] == [
        "Ukraine's air force"]
    # a possessive that only modifies a noun ("general staff chief") is no mention of it
    assert "gaz:org/general-staff-of-russia" not in by_key(a)


def test_lowercase_words_and_acronym_lookalikes_are_not_entities(pipe: Pipeline) -> None:
    a = analyze(pipe, "Let us trump the patriot in us all, said a lancet-wielding surgeon.")
    assert not [e for e in a.entities if e.type in ("GPE", "WEAPON", "PERSON")]


def test_split_and_reduced_model_spans(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "Whatever deal Trump & Rubio extort will fail. Zelensky's own Trump-ego-stroking "
        "skills were on display."
    ))
    names = {m.text for e in a.entities for m in e.mentions}
    assert {"Trump", "Rubio", "Zelensky"} <= names
    assert not any("&" in n or "ego" in n for n in names)


def test_longer_model_names_keep_their_own_reading(pipe: Pipeline) -> None:
    a = analyze(pipe, "Lara Trump and Stacey Abrams spoke at the George Washington University.")
    keys = by_key(a)
    assert "gaz:person/donald-trump" not in keys
    assert "gaz:place/washington" not in keys
    assert any(e.type == "PERSON" and e.name == "Lara Trump" for e in a.entities)


# --- folding ---------------------------------------------------------------------------


def test_surname_folds_into_full_name_of_unknown_person(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "Analyst Daria Kovalenko-Marsh wrote a long report. Later, Kovalenko-Marsh said "
        "that Olena Hrytsenko agreed. HRYTSENKO disagreed on one point."
    ))
    persons = [e for e in a.entities if e.type == "PERSON"]
    olena = [e for e in persons if e.key == "auto:PERSON/olena-hrytsenko"]
    assert olena and len(olena[0].mentions) == 2
    assert olena[0].name == "Olena Hrytsenko"
    assert not [e for e in persons if e.key == "auto:PERSON/hrytsenko"]


def test_demonym_rule(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "Russian forces shelled the town. The Ukrainian government protested. "
        "Russians queued for bread, and some Ukrainians left."
    ))
    keys = by_key(a)
    assert [m.text for m in keys["gaz:place/russia"].mentions] == ["Russian"]
    assert [m.text for m in keys["gaz:place/ukraine"].mentions] == ["Ukrainian"]
    assert keys["gaz:place/russia"].mentions[0].type == "GPE"
    assert [m.text for m in keys["auto:NORP/russian"].mentions] == ["Russians"]
    assert [m.text for m in keys["auto:NORP/ukrainian"].mentions] == ["Ukrainians"]


def test_mentions_carry_sentences_and_document(pipe: Pipeline) -> None:
    doc = Document.create("Kyiv was calm. Later Lavrov spoke in Moscow.", published=DATE)
    a = pipe.analyze(doc)
    lavrov = by_key(a)["gaz:person/sergei-lavrov"]
    m = lavrov.mentions[0]
    assert (m.sentence, m.document, m.type) == (1, doc.id, "PERSON")
    assert lavrov.description and lavrov.country == "RU" and lavrov.gazetteer
    assert Analysis.from_dict(a.to_dict()).entities[0].key == a.entities[0].key


# --- helpers for other stages ------------------------------------------------------------


def test_titles_and_entity_at(pipe: Pipeline) -> None:
    text = (
        "Valery Gerasimov briefed the press. The Chief of the General Staff said the "
        "Kremlin dictator was pleased. Russia's foreign minister disagreed."
    )
    doc = pipe.nlp.make_doc(text)
    doc._.fw_dct = DATE
    doc = pipe.nlp(doc)
    start = text.index("Chief")
    assert resolve_title(doc, "the Chief of the General Staff", start) == (
        "gaz:person/valery-gerasimov"
    )
    assert resolve_title(doc, "Russia’s foreign minister", len(text)) == "gaz:person/sergei-lavrov"
    assert resolve_title(doc, "the Kremlin dictator", 0) == "gaz:person/vladimir-putin"
    assert resolve_title(doc, "the weather forecaster", 0) is None
    hit = entity_at(doc, start + 3, start + 8)
    assert hit is not None and hit.key == "gaz:person/valery-gerasimov"
    dictator = text.index("dictator")
    assert entity_at(doc, dictator, dictator + 3).key == "gaz:person/vladimir-putin"
    assert entity_at(doc, text.index("briefed"), text.index("briefed") + 7) is None


def test_a_role_known_with_its_country_names_no_one_without_it(pipe: Pipeline) -> None:
    # real news: "former White House Chief Of Staff Rahm Emanuel" was Valery Gerasimov,
    # whose titles include "Russian chief of staff"
    doc = pipe.nlp(pipe.make_doc(Document.create("The chief of staff pressured them.",
                                                 published="2016-03-01")))
    assert resolve_title(doc, "Chief Of Staff", 4) is None
    assert resolve_title(doc, "the Russian chief of staff", 0) == "gaz:person/valery-gerasimov"
    # once he is named, the bare role may be his
    text = "Valery Gerasimov spoke. The chief of staff said the town was surrounded."
    doc = pipe.nlp(pipe.make_doc(Document.create(text, published=DATE)))
    assert resolve_title(doc, "The chief of staff", text.index("The chief")) == (
        "gaz:person/valery-gerasimov")


def test_titles_depend_on_the_date(pipe: Pipeline) -> None:
    text = "The Russian defense minister visited the front."
    old = by_key(analyze(pipe, text, date="2023-06-01"))
    new = by_key(analyze(pipe, text, date="2025-06-01"))
    assert "gaz:person/sergei-shoigu" in old
    assert "gaz:person/andrei-belousov" in new


# --- the seed article --------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(pipe: Pipeline, seed_path: Path) -> tuple[str, Analysis]:
    text = seed_path.read_text(encoding="utf-8")
    return text, analyze(pipe, text)


def test_seed_people_places_weapons_orgs(seed: tuple[str, Analysis]) -> None:
    _, a = seed
    expected = {
        "PERSON": ["Putin", "Trump", "Zelensky", "Gerasimov", "Rubio", "Lavrov", "Budanov",
                   "Orbán", "Podvig", "Leviev", "Belousov", "Volodin"],
        "PLACE": ["Pokrovsk", "Myrnohrad", "Kupyansk", "Anchorage", "Budapest", "Donbas"],
        "WEAPON": ["Oreshnik", "Burevestnik", "Poseidon", "Tomahawk"],
        "ORG": ["Levada Center", "Lukoil", "Gunvor"],
    }
    for kind, names in expected.items():
        for name in names:
            hits = [e for e in a.entities
                    if any(fold(name) in fold(alias) for alias in e.aliases)]
            assert hits, f"{name} not found"
            want = ("GPE", "LOC") if kind == "PLACE" else (kind,)
            assert hits[0].type in want, (name, hits[0].type)


def test_seed_trump_is_one_entity_with_every_mention(seed: tuple[str, Analysis]) -> None:
    text, a = seed
    trumps = [e for e in a.entities if e.type == "PERSON" and "Trump" in e.name]
    assert [e.key for e in trumps] == ["gaz:person/donald-trump"]
    covered = [(m.start, m.end) for m in trumps[0].mentions]
    found = [m.start() for m in re.finditer(r"\btrump\b", text, re.IGNORECASE)]
    assert len(found) > 20
    missing = [text[o - 15:o + 15] for o in found if not any(s <= o < e for s, e in covered)]
    assert not missing, missing


def test_seed_no_misread_persons(seed: tuple[str, Analysis]) -> None:
    _, a = seed
    persons = {fold(e.name) for e in a.entities if e.type == "PERSON"}
    persons |= {fold(al) for e in a.entities if e.type == "PERSON" for al in e.aliases}
    for wrong in ("Pokrovsk", "Oreshnik", "Burevestnik", "Duma", "Gunvor", "Storm Herald"):
        assert fold(wrong) not in persons, wrong
    # surnames fold into the full names
    assert len(named(a, "Michael Nacke").mentions) == 2
    assert len(named(a, "Bernard-Henri Lévy").mentions) == 2
    # role phrases resolve on the article's date
    assert "Kremlin dictator" in named(a, "Vladimir Putin").aliases


def test_a_model_name_made_of_a_dash_and_a_no_break_space_is_dropped(pipe: Pipeline) -> None:
    """spaCy's model can tag the "―\\xa0" before a quote's author as PERSON (a PolNeAR dev
    article does); that span has no word, and folding it once raised IndexError."""
    text = ("Volunteers kept the shelter open. “Bring blankets and water!” "
            "―\u00a0Olena Marchenko, a nurse in Kharkiv.")
    nlp = pipe.nlp
    document = Document.create(text, published=DATE)
    with nlp.select_pipes(disable=["fogwatch_entities"]):
        doc = nlp(pipe.make_doc(document))
    dash = text.index("―")
    wordless = doc.char_span(dash, dash + 2, label="PERSON")
    assert wordless is not None and wordless.text == "―\u00a0"
    name = text.index("Olena")
    person = doc.char_span(name, name + len("Olena Marchenko"), label="PERSON")
    doc.ents = [wordless, person]  # how the model read the PolNeAR article's byline
    doc = nlp.get_pipe("fogwatch_entities")(doc)
    analysis = pipe.collect(doc, document)
    assert all(m.text.strip() for e in analysis.entities for m in e.mentions)
    assert "Olena Marchenko" in {e.name for e in analysis.entities}


def test_doc_text_is_the_docs_text(nlp_pipeline: Pipeline) -> None:
    from fogwatch.analyze.base import doc_text

    doc = nlp_pipeline.nlp.make_doc("“Putin”  said\n\nnothing. ")
    assert doc_text(doc) == doc.text == "“Putin”  said\n\nnothing. "
    assert doc_text(doc) is doc_text(doc)  # built once
    assert doc_text(nlp_pipeline.nlp.make_doc("")) == ""


def test_titles_of_works_categories_and_sites_are_not_people_or_places(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "The director's new documentary Frozen Front opened in Lviv last month. "
        "Moscow boasts of weapons of the Zauberwaffe variety. "
        "A Lukoil unit runs the Varna refinery on the coast, and Ivan Petrenko manages it."
    ))
    types = {e.name: e.type for e in a.entities}
    assert types.get("Frozen Front") == "OTHER"
    assert types.get("Zauberwaffe", "OTHER") == "OTHER"
    assert "Varna" not in types or types["Varna"] != "PERSON"
    assert not [e for e in a.entities if e.type == "PERSON" and "Varna" in e.name]
    assert types.get("Ivan Petrenko") == "PERSON"
    site = analyze(pipe, (
        "Traders now ask two things: who will manage the Burgas refinery, and what "
        "exactly Slovakia has been promised."
    ))
    assert [(e.name, e.type) for e in site.entities if "Burgas" in e.name] == [
        ("Burgas refinery", "FACILITY")]


def test_the_people_are_named_apart_from_their_state(pipe: Pipeline) -> None:
    a = analyze(pipe, "Ukrainian forces held the line, and Ukrainians queued for water. "
                      "Without American aid, the front would crack.")
    keys = by_key(a)
    assert "American" in [m.text for m in keys["gaz:place/united-states"].mentions]
    assert keys["gaz:place/ukraine"].name == "Ukraine"
    assert keys["auto:NORP/ukrainian"].name == "Ukrainian people"


def test_a_demonym_describing_a_name_is_no_people(pipe: Pipeline) -> None:
    a = analyze(pipe, (
        "The Swiss commodity trader Gunvor dropped its bid. American economist Jane Doe "
        "warned of a recession. Rubio spoke with Russian Foreign Minister Sergei Lavrov. "
        "Russian milbloggers were furious."
    ))
    keys = by_key(a)
    assert "auto:NORP/swiss" not in keys and "auto:NORP/american" not in keys
    assert [m.text for m in keys["gaz:place/russia"].mentions] == ["Russian"]
    assert [m.text for m in keys["auto:NORP/russian"].mentions] == ["Russian"]


def test_an_acronym_spells_only_a_name_written_as_one(pipe: Pipeline) -> None:
    # real news: "FICO has encouraged other companies" was Robert Fico, Slovakia's
    # prime minister; a line in capitals still names him
    keys = by_key(analyze(pipe, "FICO has encouraged other companies to make scores "
                                "available to customers."))
    assert "gaz:person/robert-fico" not in keys
    keys = by_key(analyze(pipe, "FICO SAYS TALKS WITH BRUSSELS WENT WELL"))
    assert "gaz:person/robert-fico" in keys
