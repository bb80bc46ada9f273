"""Quantities: numbers in digits and words, ranges, approximations, units, what is counted."""

from __future__ import annotations

import pytest

from fogwatch.analyze.pipeline import Pipeline
from fogwatch.analyze.quantities import find_quantities
from fogwatch.findings import Document, Quantity


def quantities(pipe: Pipeline, text: str) -> list[Quantity]:
    return pipe.analyze(Document.create(text, published="2025-11-10")).quantities


def one(found: list[Quantity], text: str) -> Quantity:
    hits = [q for q in found if q.text == text]
    assert hits, f"{text!r} not among {[q.text for q in found]}"
    return hits[0]


def test_words_approximation_and_counted_noun(nlp_pipeline: Pipeline) -> None:
    found = quantities(nlp_pipeline, "Officials say the army cut off over seven thousand "
                                     "Georgian troops and twelve battalions near the river.")
    q = one(found, "over seven thousand")
    assert (q.value, q.approx, q.unit, q.counted) == (7000, "over", "troops", "Georgian troops")
    b = one(found, "twelve")
    assert (b.value, b.unit, b.counted) == (12, "battalions", "battalions")


@pytest.mark.parametrize(("text", "span", "value", "unit"), [
    ("The fund pledged €2.5 billion to rebuild the port.", "€2.5 billion", 2.5e9, "EUR"),
    ("A $300 million aid package was announced.", "$300 million", 3e8, "USD"),
    ("Nearly 64 percent of voters backed the plan.", "Nearly 64 percent", 64, "percent"),
    ("Losses reached 12% of the fleet.", "12%", 12, "percent"),
    ("The strip covers 150 square kilometres of farmland.", "150 square kilometres", 150, "km²"),
    ("Twenty-five tanks crossed the border.", "Twenty-five", 25, "tanks"),
])
def test_currency_percent_units(nlp_pipeline: Pipeline, text: str, span: str, value: float,
                                unit: str) -> None:
    q = one(quantities(nlp_pipeline, text), span)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_ranges_and_vague_numbers(nlp_pipeline: Pipeline) -> None:
    found = quantities(nlp_pipeline, "Between 40 and 60 drones flew overnight, and dozens of "
                                     "shells hit the depot; 5–7 villages lost power.")
    r = one(found, "Between 40 and 60")
    assert (r.value, r.upper, r.unit) == (40, 60, "drones")
    d = one(found, "dozens")
    assert d.approx == "dozens" and d.counted == "shells"
    assert one(found, "5–7").upper == 7


def test_durations_kept_dates_and_years_skipped(nlp_pipeline: Pipeline) -> None:
    text = ("On March 3, 2024, the mayor said the siege could last a year and a half; "
            "the town was founded in 1905.")
    found = quantities(nlp_pipeline, text)
    assert one(found, "a year and a half").value == 1.5
    assert one(found, "a year and a half").unit == "year"
    assert not [q for q in found if q.value in (3, 2024, 1905)]


def test_number_of_frame_and_people_unit(nlp_pipeline: Pipeline) -> None:
    q = one(quantities(nlp_pipeline, "The number of civilians still in the village is "
                                     "estimated at 2,400."), "2,400")
    assert (q.value, q.unit, q.counted) == (2400, "people", "civilians")


def test_runs_on_bare_spacy_doc(nlp_pipeline: Pipeline) -> None:
    doc = nlp_pipeline.nlp.make_doc("Some 300 residents left.")
    for name, proc in nlp_pipeline.nlp.pipeline:
        if not name.startswith("fogwatch_"):
            doc = proc(doc)
    found = find_quantities(doc)
    assert [(q.text, q.value, q.approx) for q in found] == [("Some 300", 300, "some")]


def test_only_candidate_tokens_can_start_a_quantity(nlp_pipeline: Pipeline) -> None:
    """Skipping the other tokens loses nothing: _read_at finds nothing there."""
    from fogwatch.analyze.quantities import _candidates, _read_at

    text = ("Some 1,300 troops, $2.5bn in aid, ₴40 million, five-year plans, a dozen drones, "
            "half a million people, tens of thousands fled, 5–7 km, a year and a half, "
            "٣ missiles (Arabic-Indic digits), the second wave, one hundred and twenty tanks, "
            "dozens of strikes, 40 percent, 3,000-strong units and a 12% rise.")
    doc = nlp_pipeline.nlp(text)
    starts = set(_candidates(doc))
    readable = {i for i in range(len(doc)) if _read_at(doc, i, set()) is not None}
    assert readable and readable <= starts
    assert len(starts) < len(doc)
