"""A source is someone who can say something: never a place, a weapon, a bare
quantifier, a document nobody owns, a clipped token or "None"; name variants of
one speaker go by one name."""

from __future__ import annotations

import pytest

from fogwatch.analyze.attribution.sources import source_name
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.findings import Analysis, Attribution, Document


def analyse(pipe: Pipeline, text: str) -> Analysis:
    return pipe.analyze(Document.create(text, outlet="Frontline Post"))


def by_cue(analysis: Analysis, cue: str) -> Attribution:
    for a in analysis.attributions:
        if cue in a.cue.text:
            return a
    raise AssertionError(f"no attribution with cue {cue!r}: "
                         f"{[a.cue.text for a in analysis.attributions]}")


def source_text(a: Attribution) -> str | None:
    return a.source.text if a.source else None


def test_a_group_named_by_an_example_is_the_example(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Skeptics like University of St. Andrews (Scotland) strategic "
                 "studies professor Phillips O'Brien are inclined to think that the new "
                 "missile is mostly a bluff.")
    a = by_cue(an, "think")
    assert source_text(a) == "Phillips O'Brien"
    assert source_name(an, a) == "Phillips O'Brien"


def test_a_clipped_source_falls_back_to_its_owner(nlp_pipeline: Pipeline) -> None:
    from fogwatch.analyze.attribution.sources import SourceCheck

    doc = nlp_pipeline.nlp("Putin's missile-flexing worried the Kremlin.")
    clipped = next(t.i for t in doc if t.text == "-") + 1  # "Putin 's missile -"
    picked = SourceCheck(doc).source(0, clipped)
    assert picked is not None and doc[picked[0]:picked[1]].text == "Putin"


def test_an_act_that_suggests_is_no_source_but_the_writers_inference(
        nlp_pipeline: Pipeline) -> None:
    # "Putin's missile-flexing suggests ...": the writer infers; Putin says nothing
    an = analyse(nlp_pipeline, "Putin's missile-flexing suggests that the Kremlin is worried "
                 "about the talks.")
    assert not any("suggests" in a.cue.text for a in an.attributions)


def test_a_weapon_is_no_source(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "The 9M730 Burevestnik asserts that Russia can reach any "
                 "target on the planet.")
    for a in an.attributions:
        assert a.source is None or "Burevestnik" not in a.source.text


def test_a_document_nobody_owns_is_no_source(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Battlefield maps show that the Russian army has advanced "
                 "two kilometres west of the river.")
    a = by_cue(an, "show")
    assert a.source is None
    assert source_name(an, a) == "unnamed source"


def test_a_bare_statement_has_no_source_but_an_owned_one_keeps_it(
        nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "According to the statement, the bridge over the river was "
                 "destroyed overnight. The ministry's statement said that three soldiers "
                 "were wounded in the attack.")
    assert by_cue(an, "According").source is None
    owned = by_cue(an, "said")
    assert source_text(owned) == "The ministry's statement"


def test_the_writers_own_map_is_the_outlet(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Our map for November 6 shows that a corridor west of the "
                 "town remains open.")
    a = by_cue(an, "shows")
    assert source_name(an, a) == "Frontline Post"


@pytest.mark.parametrize("text,cue", [
    ("Many bloggers doubted the report; several wrote that the claim was premature.",
     "wrote"),
    ("Lukoil talked to three bidders, but none has said publicly that it is still bidding.",
     "said"),
    ("Two traders approached the firm. \"Nobody wants to be the last holder of a "
     "contract,\" one of them said.", "said"),
])
def test_a_bare_quantifier_or_negative_is_no_source(
        nlp_pipeline: Pipeline, text: str, cue: str) -> None:
    a = by_cue(analyse(nlp_pipeline, text), cue)
    assert a.source is None, a.source


def test_a_town_is_no_source_but_the_ministry_beside_it_is(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Russian units have closed the ring around the garrison in "
                 "Dimitrov, the town Kyiv calls Myrnohrad, the Ministry of Defence said on "
                 "Thursday.")
    a = by_cue(an, "said")
    assert source_text(a) == "the Ministry of Defence"


def test_a_share_of_respondents_is_a_group_of_people(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Asked about the talks, 55% said Ukraine should take part "
                 "in them.")
    assert source_text(by_cue(an, "said")) == "55%"


def test_a_person_compared_with_another_is_not_cut_to_the_other(
        nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Hillary Clinton, like Barack Obama, said that the deal was "
                 "a mistake.")
    assert source_text(by_cue(an, "said")) == "Hillary Clinton, like Barack Obama"


def test_a_capital_speaks_for_its_state(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Budapest says the exemption covers pipeline deliveries "
                 "without a time limit.")
    assert source_text(by_cue(an, "says")) == "Budapest"


def test_a_trailing_adverb_is_not_part_of_the_source(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline, "Russia's Defence Ministry usually says that it strikes only "
                 "military targets.")
    assert source_text(by_cue(an, "says")) == "Russia's Defence Ministry"


def test_name_variants_of_one_speaker_are_one_source(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline,
                 "Kremlin spokesperson Dmitry Peskov said the talks were over. Peskov said "
                 "that Moscow would not attend. \"We will wait,\" Dmitry Peskov told "
                 "reporters.")
    names = {source_name(an, a) for a in an.attributions if a.source}
    assert names == {"Dmitry Peskov"}


def test_a_capitals_institution_is_its_states(nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline,
                 "Ukraine's General Staff denied the claim on Wednesday. Kyiv's General "
                 "Staff said that supply routes remained open. The General Staff said that "
                 "rotations continued.")
    keys = {a.source_entity for a in an.attributions if a.source}
    assert keys == {"gaz:org/general-staff-of-ukraine"}
    assert {source_name(an, a) for a in an.attributions if a.source} == {
        "General Staff of the Armed Forces of Ukraine"}


def test_a_description_two_institutions_fit_far_back_stays_unresolved(
        nlp_pipeline: Pipeline) -> None:
    an = analyse(nlp_pipeline,
                 "Ukraine's General Staff said the town held. Russia's General Staff said "
                 "the town was surrounded. The weather was cold. Roads were muddy. Shops "
                 "were closed. The General Staff has said that such decisions are military.")
    a = by_cue(an, "has said")
    assert a.source_entity is None


def test_a_person_is_not_the_organisation_he_works_for() -> None:
    from fogwatch.findings import Entity, Mention, TextSpan

    ent = Entity(key="auto:ORG/northbridge", name="Northbridge Energy", type="ORG",
                 mentions=[Mention(text="Northbridge Energy", start=12, end=30, sentence=0,
                                   type="ORG", entity="auto:ORG/northbridge")])
    doc = Document.create("Analysts at Northbridge Energy said so.")
    att = Attribution(cue=TextSpan("said", 31, 35), content=[TextSpan("so", 36, 38)],
                      sentence=0, source=TextSpan("Analysts at Northbridge Energy", 0, 30),
                      source_entity=ent.key)
    an = Analysis(document=doc, entities=[ent], attributions=[att])
    assert source_name(an, att) == "Analysts at Northbridge Energy"
