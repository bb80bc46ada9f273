"""ACLED rows: one per real-world event, its acting party, the deaths its sources give."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch.export.acled import export_acled, fatalities
from fogwatch.findings import (
    Analysis,
    Document,
    Entity,
    Event,
    Mention,
    Place,
    Quantity,
    TextSpan,
    Time,
)
from fogwatch.reconcile import reconcile_analysis
from fogwatch.store import Store


def rows_of(store: Store, out: Path) -> list[dict[str, str]]:
    f = export_acled(store, out)
    with open(f.path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert f.rows == len(rows)
    return rows


def at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def mention(text: str, needle: str, sentence: int, type_: str, key: str) -> Mention:
    start, end = at(text, needle)
    return Mention(needle, start, end, sentence, type_, key)


def entity(text: str, key: str, name: str, type_: str, needle: str, sentence: int,
           country: str | None = None) -> Entity:
    return Entity(key, name, type_, aliases=[needle], country=country, gazetteer=True,
                  mentions=[mention(text, needle, sentence, type_, key)])


def dnipro(text: str, sentence: int = 0) -> Place:
    return Place("geo:709930", "Dnipro", lat=48.4593, lon=35.0386, country="UA",
                 admin1="UA.04", geonameid=709930, confidence=0.9, entity="gaz:place/dnipro",
                 mentions=[mention(text, "Dnipro", sentence, "GPE", "gaz:place/dnipro")])


def trigger(text: str, needle: str) -> TextSpan:
    start, end = at(text, needle)
    return TextSpan(needle, start, end)


def first_report() -> Analysis:
    """The strike, dated by the text: Russia acted, seven dead so far."""
    text = ("Russian missiles hit Dnipro on Thursday, killing at least 7 people, "
            "officials said.")
    doc = Document.create(text, outlet="Kyiv Ledger", title="Missiles hit Dnipro",
                          published="2025-11-07")
    start, end = at(text, "Thursday")
    seven = at(text, "7 people")
    return Analysis(
        doc,
        entities=[entity(text, "gaz:place/russia", "Russia", "GPE", "Russian", 0, "RU"),
                  entity(text, "gaz:place/dnipro", "Dnipro", "GPE", "Dnipro", 0, "UA")],
        times=[Time("Thursday", start, end, 0, "DATE", "2025-11-06",
                    interval=("2025-11-06", "2025-11-06"), anchor="DCT")],
        events=[Event(trigger(text, "hit"), "ASSAULT", 0, actors=["gaz:place/russia"],
                      targets=["gaz:place/dnipro"], place="geo:709930", time=0)],
        quantities=[Quantity("7 people", *seven, 0, 7.0, unit="people", approx="at least",
                             counted="people", event=0)],
        places=[dnipro(text)],
    )


def district_report() -> Analysis:
    """The same strike told by its district: no place of its own, the headline names Dnipro;
    an outlet the tagger took for a place is named beside it."""
    text = ("Two missiles struck the Novokodatskyi district late on Thursday, Baltic Wire "
            "reported. Rescuers in Dnipro searched the rubble.")
    doc = Document.create(text, outlet="Steppe Observer",
                          title="Missile strike on Dnipro: the district hit",
                          published="2025-11-07")
    start, end = at(text, "Thursday")
    return Analysis(
        doc,
        entities=[entity(text, "auto:ORG/novokodatskyi", "Novokodatskyi", "ORG",
                         "Novokodatskyi", 0),
                  entity(text, "auto:LOC/baltic-wire", "Baltic Wire", "LOC", "Baltic Wire", 0)],
        times=[Time("Thursday", start, end, 0, "DATE", "2025-11-06",
                    interval=("2025-11-06", "2025-11-06"), anchor="DCT")],
        events=[Event(trigger(text, "struck"), "ASSAULT", 0,
                      actors=["auto:LOC/baltic-wire"], targets=["auto:ORG/novokodatskyi"],
                      time=0)],
        places=[dnipro(text, sentence=1)],
    )


def later_reference() -> Analysis:
    """Five days on, a back-reference dated by its publication alone: 14 dead."""
    text = "The toll of the strike on Dnipro rose to 14 killed, the emergency service said."
    doc = Document.create(text, outlet="Baltic Wire", title="Toll rises",
                          published="2025-11-11")
    fourteen = at(text, "14 killed")
    return Analysis(
        doc,
        entities=[entity(text, "gaz:place/dnipro", "Dnipro", "GPE", "Dnipro", 0, "UA")],
        events=[
            Event(trigger(text, "strike"), "ASSAULT", 0, targets=["gaz:place/dnipro"],
                  place="geo:709930"),
        ],
        quantities=[Quantity("14", fourteen[0], fourteen[0] + 2, 0, 14.0, unit="people")],
        places=[dnipro(text)],
    )


def moscow_account() -> Analysis:
    """A party's own account naming the other side as the one that struck."""
    text = "Moscow said Ukraine had staged the strike in Dnipro for the cameras."
    doc = Document.create(text, outlet="Moscow Dispatch", title="Ministry: a staged strike",
                          published="2025-11-12")
    return Analysis(
        doc,
        entities=[entity(text, "gaz:place/ukraine", "Ukraine", "GPE", "Ukraine", 0, "UA"),
                  entity(text, "gaz:place/dnipro", "Dnipro", "GPE", "Dnipro", 0, "UA")],
        events=[Event(trigger(text, "strike"), "ASSAULT", 0, actors=["gaz:place/ukraine"],
                      place="geo:709930", modality="claimed")],
        places=[dnipro(text)],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'fogwatch.sqlite'}") as opened:
        for analysis in (first_report(), district_report(), later_reference(),
                         moscow_account()):
            opened.save_analysis(analysis)
            reconcile_analysis(opened, analysis)
        yield opened


def test_records_of_one_strike_are_one_row(store: Store, tmp_path: Path) -> None:
    strikes = [r for r in rows_of(store, tmp_path) if r["fogwatch_plover"] == "ASSAULT"]
    assert len(store.merged_events(limit=100)) > 1  # the merge left it in several records
    assert len(strikes) == 1
    [strike] = strikes
    assert (strike["event_date"], strike["location"]) == ("2025-11-06", "Dnipro")
    assert strike["source"] == "Baltic Wire; Kyiv Ledger; Moscow Dispatch; Steppe Observer"
    assert strike["fogwatch_n_reports"] == "4"


def test_actor1_is_the_party_that_acted_never_a_target_or_an_outlet(
    store: Store, tmp_path: Path
) -> None:
    [strike] = [r for r in rows_of(store, tmp_path) if r["fogwatch_plover"] == "ASSAULT"]
    assert strike["actor1"] == "Russia"
    # the other side named once, in one party's account, is no associate of Russia
    assert strike["assoc_actor_1"] == ""
    assert strike["actor2"] == "Dnipro"
    assert "Baltic Wire" not in {strike["actor1"], strike["assoc_actor_1"],
                                 strike["actor2"], strike["assoc_actor_2"]}


def test_fatalities_are_the_figures_the_text_gives(store: Store, tmp_path: Path) -> None:
    [strike] = [r for r in rows_of(store, tmp_path) if r["fogwatch_plover"] == "ASSAULT"]
    # Kyiv Ledger says 7 (an early count), the emergency service 14: they disagree,
    # ACLED takes the lower figure
    assert strike["fatalities"] == "7"


@pytest.mark.parametrize(("figures", "expected"), [
    ([], 0),
    ([("Kyiv Ledger", 7), ("Kyiv Ledger", 14)], 14),  # one source's toll grows
    ([("officials", 14), ("Moscow", 0), ("residents", 20)], 0),
    ([("officials", 12), ("service", 14), ("service", 12)], 12),
])
def test_fatalities_take_each_sources_highest_then_the_lowest(
    figures: list[tuple[str, int]], expected: int
) -> None:
    assert fatalities(figures) == expected


@pytest.mark.slow
def test_the_demo_strike_on_dnipro_is_one_row_by_russia_with_its_dead(
    demo_store: Store, tmp_path: Path
) -> None:
    outlets = {d.outlet for d in demo_store.documents(section=None, limit=1000) if d.outlet}
    rows = rows_of(demo_store, tmp_path)
    strikes = [r for r in rows if r["location"] == "Dnipro" and r["fogwatch_plover"] == "ASSAULT"]
    assert len(strikes) == 1, [r["fogwatch_event_id"] for r in strikes]
    [strike] = strikes
    assert strike["actor1"] == "Russia" and "Ukraine" not in strike["assoc_actor_1"]
    assert strike["event_date"] == "2025-11-06"
    assert 12 <= int(strike["fatalities"]) <= 14  # the text: 12, then a final 14
    for r in rows:
        named = {r["actor1"], r["actor2"], *r["assoc_actor_1"].split("; "),
                 *r["assoc_actor_2"].split("; ")}
        assert not named & outlets, (r["fogwatch_event_id"], named & outlets)
