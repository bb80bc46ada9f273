"""Events as PLOVER records and merged events as ACLED-like rows."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch.export.acled import ACLED_COLUMNS, ACLED_TYPES, acled_type, export_acled
from fogwatch.export.plover import (
    CATEGORY_SCORES,
    PLOVER_FIELDS,
    QUAD_CODES,
    casualty_kind,
    export_plover,
    sentence_around,
)
from fogwatch.findings import (
    PLOVER_CATEGORIES,
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
from fogwatch.reconcile import reconcile_analysis
from fogwatch.store import Store

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"

LEDGER = (
    "At least seven people were killed and 22 injured when Russian missiles hit Dnipro on "
    "Thursday, regional officials said. The UN envoy met Ukraine's defence minister."
)
WIRE = (
    "Officials now say 9 people died in the strike on Dnipro on Thursday. Moscow claimed "
    "Russian forces captured Kupiansk. Germany sent air defence systems to Ukraine."
)
WIRE_OUTLET = 'Wire, "Daily"'



def span(text: str, needle: str) -> TextSpan:
    start = text.index(needle)
    return TextSpan(needle, start, start + len(needle))


def entity(doc: Document, key: str, name: str, type_: str, needle: str, sentence: int,
           country: str | None = None) -> Entity:
    s = span(doc.text, needle)
    return Entity(key, name, type_, aliases=[needle], country=country, gazetteer=True,
                  mentions=[Mention(s.text, s.start, s.end, sentence, type_, key)])


def dnipro(doc: Document) -> Place:
    s = span(doc.text, "Dnipro")
    return Place("geo:709930", "Dnipro", lat=48.4593, lon=35.0386, country="UA",
                 admin1="UA.04", geonameid=709930, confidence=0.9, entity="gaz:place/dnipro",
                 mentions=[Mention(s.text, s.start, s.end, 0, "GPE", "gaz:place/dnipro")])


def ledger() -> Analysis:
    doc = Document.create(LEDGER, url="https://ledger.example/dnipro", outlet="Kyiv Ledger",
                          title="Missiles hit Dnipro", published="2025-11-07")
    t = doc.text
    thursday = span(t, "Thursday")
    return Analysis(
        doc,
        entities=[
            entity(doc, "gaz:place/russia", "Russia", "GPE", "Russian", 0, "RU"),
            entity(doc, "gaz:place/dnipro", "Dnipro", "GPE", "Dnipro", 0, "UA"),
            entity(doc, "gaz:org/un", "United Nations", "ORG", "UN", 1),
            entity(doc, "gaz:place/ukraine", "Ukraine", "GPE", "Ukraine", 1, "UA"),
        ],
        times=[Time(thursday.text, thursday.start, thursday.end, 0, "DATE", "2025-11-06",
                    interval=("2025-11-06", "2025-11-06"), anchor="DCT")],
        events=[
            Event(span(t, "hit"), "ASSAULT", 0, actors=["gaz:place/russia"],
                  targets=["gaz:place/dnipro"], place="geo:709930", time=0,
                  time_value="2025-11-06"),
            Event(span(t, "met"), "CONSULT", 1, actors=["gaz:org/un"],
                  targets=["gaz:place/ukraine"]),
        ],
        quantities=[
            Quantity("seven people", t.index("seven"), t.index("seven") + 12, 0, 7.0,
                     unit="people", approx="at least", counted="people", event=0),
            Quantity("22", t.index("22"), t.index("22") + 2, 0, 22.0, event=0),
        ],
        places=[dnipro(doc)],
    )


def wire() -> Analysis:
    doc = Document.create(WIRE, url="https://wire.example/a?b=1,2", outlet=WIRE_OUTLET,
                          title='Dnipro "toll" rises, officials say', published="2025-11-08")
    t = doc.text
    thursday = span(t, "Thursday")
    kup = span(t, "Kupiansk")
    return Analysis(
        doc,
        entities=[
            entity(doc, "gaz:place/dnipro", "Dnipro", "GPE", "Dnipro", 0, "UA"),
            entity(doc, "gaz:place/russia", "Russia", "GPE", "Moscow", 1, "RU"),
            entity(doc, "gaz:unit/russian-armed-forces", "Russian Armed Forces", "UNIT",
                   "Russian forces", 1, "RU"),
            entity(doc, "gaz:place/germany", "Germany", "GPE", "Germany", 2, "DE"),
            entity(doc, "gaz:place/ukraine", "Ukraine", "GPE", "Ukraine", 2, "UA"),
        ],
        times=[Time(thursday.text, thursday.start, thursday.end, 0, "DATE", "2025-11-06",
                    interval=("2025-11-06", "2025-11-06"), anchor="DCT")],
        attributions=[Attribution(cue=span(t, "claimed"),
                                  content=[span(t, "Russian forces captured Kupiansk")],
                                  sentence=1, source=span(t, "Moscow"),
                                  source_entity="gaz:place/russia", stance="unconfirmed")],
        events=[
            Event(span(t, "strike"), "ASSAULT", 0, place="geo:709930", time=0,
                  time_value="2025-11-06"),
            Event(span(t, "captured"), "COERCE", 1, mode="seize",
                  actors=["gaz:unit/russian-armed-forces"], place="geo:704617",
                  modality="claimed", attribution=0),
            Event(span(t, "sent"), "AID", 2, mode="military", actors=["gaz:place/germany"],
                  targets=["gaz:place/ukraine", "air defence systems"]),
        ],
        quantities=[Quantity("9 people", t.index("9 people"), t.index("9 people") + 8, 0, 9.0,
                             unit="people", counted="people", event=0)],
        places=[
            dnipro(doc),
            Place("geo:704617", "Kupiansk", lat=49.7106, lon=37.6156, country="UA",
                  admin1="UA.07", geonameid=704617, confidence=0.8,
                  mentions=[Mention(kup.text, kup.start, kup.end, 1, "GPE",
                                    "auto:GPE/kupiansk")]),
        ],
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'fogwatch.sqlite'}") as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    _fill(store)
    return store


def _fill(store: Store) -> None:
    for analysis in (ledger(), wire()):
        store.save_analysis(analysis)
        reconcile_analysis(store, analysis)


@pytest.fixture
def any_filled(any_store: Store) -> Store:
    _fill(any_store)
    return any_store


def plover_records(store: Store, out: Path, **kw) -> dict[str, dict]:
    f = export_plover(store, out, **kw)
    lines = f.path.read_text(encoding="utf-8").splitlines()
    assert f.rows == len(lines)
    return {r["id"]: r for r in map(json.loads, lines)}


def acled_rows(store: Store, out: Path, **kw) -> list[dict[str, str]]:
    f = export_acled(store, out, **kw)
    with open(f.path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert f.rows == len(rows)
    return rows


# --- PLOVER -----------------------------------------------------------------------


def test_one_plover_record_per_event_with_the_format_fields(filled: Store, tmp_path: Path
                                                            ) -> None:
    records = plover_records(filled, tmp_path)
    assert len(records) == filled.stats()["events"] == 5
    for r in records.values():
        assert list(r) == list(PLOVER_FIELDS)
        assert r["has_event"] is True and r["coder"].startswith("fogwatch ")
        assert r["quad_code"] == QUAD_CODES[r["event"][0]]


def test_a_plover_record_says_who_did_what_where_when_and_how_many(
    any_filled: Store, tmp_path: Path
) -> None:
    records = plover_records(any_filled, tmp_path)
    doc = ledger().document
    strike = records[f"fogwatch-{doc.id}-0"]
    assert (strike["date"], strike["enddate"], strike["event"]) == ("2025-11-06", None,
                                                                     ["ASSAULT"])
    assert strike["actor"] == [{
        "code": "RUS", "sector": None, "entity_text": "Russia",
        "identifier_id": "gaz:place/russia", "identifier_text": "Russia", "office": None,
        "entity_type": "GPE",
    }]
    assert strike["event_loc"] == {
        "extracted_place": "Dnipro", "resolved_place": "Dnipro", "geonameid": 709930,
        "lat": 48.4593, "lon": 35.0386, "province": "Dnipropetrovsk Oblast",
        "country": "Ukraine", "country_code": "UKR", "resolution": 4, "place_key": "geo:709930",
    }
    assert (strike["dead"], strike["injured"], strike["arrested"]) == (7, 22, None)
    assert strike["event_scale"] == CATEGORY_SCORES["ASSAULT"] == -9.0
    assert strike["event_text"] == ["hit"] and strike["trigger"]["text"] == "hit"
    info = strike["text_info"]
    assert doc.text[info["start"]:info["end"]] == strike["text"]
    assert strike["text"].startswith("At least seven") and strike["text"].endswith("said.")
    assert info["sequence"] == 0
    assert strike["cite_info"]["url"] == doc.url and strike["cite_info"]["publication"] == (
        "Kyiv Ledger")
    assert strike["modality"] == "happened" and strike["comment"] is None

    meeting = records[f"fogwatch-{doc.id}-1"]
    assert meeting["actor"][0]["code"] == "UNO" and meeting["recipient"][0]["code"] == "UKR"
    assert meeting["quad_code"] == 1 and meeting["dead"] is None


def test_reports_of_one_event_share_a_link(filled: Store, tmp_path: Path) -> None:
    records = plover_records(filled, tmp_path)
    a = records[f"fogwatch-{ledger().document.id}-0"]
    b = records[f"fogwatch-{wire().document.id}-0"]
    assert a["link"] and a["link"] == b["link"]
    merged = filled.get_merged_event(a["link"])
    assert merged is not None and merged.type == "ASSAULT" and len(merged.reports) == 2
    assert b["dead"] == 9 and b["date"] == "2025-11-06"


def test_claimed_events_modes_and_contexts(filled: Store, tmp_path: Path) -> None:
    records = plover_records(filled, tmp_path)
    wire_id = wire().document.id
    seized = records[f"fogwatch-{wire_id}-1"]
    assert seized["mode"] == ["seize"] and seized["context"] is None
    assert seized["event_scale"] == -7.0
    assert seized["modality"] == "claimed" and seized["claimed_by"] == "Moscow"
    assert seized["comment"] == "claimed by Moscow"
    assert seized["actor"][0]["sector"] == "MIL" and seized["actor"][0]["code"] == "RUS"
    assert seized["date"] == "2025-11-08"  # no time of its own: the document's date
    aid = records[f"fogwatch-{wire_id}-2"]
    # a context in the lexicon's mode slot is reported as a context
    assert aid["mode"] is None and aid["context"] == ["military"]
    assert [a["entity_text"] for a in aid["recipient"]] == ["Ukraine", "air defence systems"]
    assert aid["recipient"][1]["identifier_id"] is None and aid["recipient"][1]["code"] is None


def test_plover_date_filter_and_records_without_text(filled: Store, tmp_path: Path) -> None:
    later = plover_records(filled, tmp_path / "later", since="2025-11-08")
    assert {r["document_id"] for r in later.values()} == {wire().document.id}
    bare = plover_records(filled, tmp_path / "bare", text=False)
    assert len(bare) == 5
    assert all(r["text"] is None and r["text_info"]["end"] > 0 for r in bare.values())


def test_an_empty_store_gives_an_empty_plover_file_and_an_acled_header(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'empty.sqlite'}") as empty:
        assert export_plover(empty, tmp_path / "out").rows == 0
        assert export_acled(empty, tmp_path / "out").rows == 0
    assert (tmp_path / "out" / "events.plover.jsonl").read_text(encoding="utf-8") == ""
    with open(tmp_path / "out" / "events.acled.csv", encoding="utf-8", newline="") as fh:
        assert list(csv.reader(fh)) == [[c.name for c in ACLED_COLUMNS]]


# --- ACLED -----------------------------------------------------------------------


def test_acled_rows_are_the_merged_events_that_happened_or_are_claimed(
    any_filled: Store, tmp_path: Path
) -> None:
    rows = acled_rows(any_filled, tmp_path)
    merged = any_filled.merged_events(limit=100)
    expected = {m.id for m in merged
                if m.modality in ("happened", "claimed") and ACLED_TYPES[m.type] is not None}
    assert {r["fogwatch_event_id"] for r in rows} == expected
    assert {r["fogwatch_plover"] for r in rows} == {"ASSAULT", "COERCE", "AID"}
    by_type = {r["fogwatch_plover"]: r for r in rows}

    strike = by_type["ASSAULT"]
    assert strike["event_id_cnty"] == "UKR-" + strike["fogwatch_event_id"]
    assert (strike["event_date"], strike["year"], strike["time_precision"]) == (
        "2025-11-06", "2025", "1")
    assert (strike["disorder_type"], strike["event_type"], strike["sub_event_type"]) == (
        "Political violence", "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert (strike["country"], strike["iso"], strike["admin1"], strike["location"]) == (
        "Ukraine", "804", "Dnipropetrovsk Oblast", "Dnipro")
    assert (strike["latitude"], strike["longitude"], strike["geo_precision"]) == (
        "48.4593", "35.0386", "1")
    assert strike["fatalities"] == "7"  # the reports say 7 and 9: the smaller figure
    assert strike["source"] == f"Kyiv Ledger; {WIRE_OUTLET}"  # hostile outlet name intact
    assert strike["notes"].startswith("At least seven people were killed")
    assert strike["actor1"] == "Russia" and strike["actor2"] == "Dnipro"
    assert strike["fogwatch_n_reports"] == "2" and strike["tags"] == ""

    seized = by_type["COERCE"]
    assert (seized["event_type"], seized["sub_event_type"]) == (
        "Strategic developments", "Non-violent transfer of territory")
    assert seized["tags"] == "claimed" and seized["fatalities"] == "0"
    assert seized["admin1"] == "Kharkiv Oblast" and seized["actor1"] == "Russian Armed Forces"
    aid = by_type["AID"]
    assert aid["event_id_cnty"].startswith("XXX-") and aid["location"] == ""
    assert aid["actor1"] == "Germany" and aid["actor2"] == "Ukraine"
    assert aid["assoc_actor_2"] == ""  # plain words are no actor; only named entities merge


def test_acled_date_filter(filled: Store, tmp_path: Path) -> None:
    # an event the text does not date has no event_date and falls outside any range
    everything = acled_rows(filled, tmp_path / "b")
    assert any(not r["event_date"] for r in everything)
    assert acled_rows(filled, tmp_path / "a", until="2025-11-06") == [
        r for r in everything if r["event_date"] and r["event_date"] <= "2025-11-06"]
    assert len(acled_rows(filled, tmp_path / "c", until="2025-11-06")) == 1


@pytest.mark.parametrize(("category", "modes", "triggers", "expected"), [
    ("ASSAULT", [], ["attacked"], ("Battles", "Armed clash")),
    ("ASSAULT", ["drone"], ["attacked"], ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", [], ["shelled"], ("Explosions/Remote violence",
                                  "Shelling/artillery/missile attack")),
    ("ASSAULT", [], ["bombed"], ("Explosions/Remote violence", "Air/drone strike")),
    ("ASSAULT", ["abduct"], [], ("Violence against civilians", "Abduction/forced disappearance")),
    ("COERCE", ["arrest"], [], ("Strategic developments", "Arrests")),
    ("PROTEST", ["riot"], [], ("Riots", "Violent demonstration")),
    ("PROTEST", [], ["rallied"], ("Protests", "Peaceful protest")),
    ("RETREAT", ["ceasefire"], [], ("Strategic developments", "Agreement")),
    ("THREATEN", [], ["warned"], None),
    ("ACCUSE", [], ["accused"], None),
])
def test_plover_categories_map_to_acled_types(category, modes, triggers, expected) -> None:
    assert acled_type(category, modes, triggers) == expected


def test_every_plover_category_has_a_documented_acled_mapping() -> None:
    assert set(ACLED_TYPES) == set(PLOVER_CATEGORIES)
    text = DOCS.read_text(encoding="utf-8")
    for category, typed in ACLED_TYPES.items():
        row = re.search(rf"^\| {category} \| ([^|]+) \|", text, flags=re.M)
        assert row, category
        cell = row.group(1).strip()
        assert cell == ("not exported" if typed is None else f"{typed[0]} / {typed[1]}")


def test_acled_and_plover_fields_are_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    section = text.split("## ACLED-like rows")[1].split("###")[0]
    documented = re.findall(r"^\| `([a-z_0-9]+)` \| ([a-z]+) \|", section, flags=re.M)
    assert documented == [(c.name, c.type) for c in ACLED_COLUMNS]
    plover = text.split("## PLOVER records")[1].split("## ACLED-like rows")[0]
    for field in PLOVER_FIELDS:
        assert f"`{field}`" in plover, field


# --- the pieces -------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "number", "kind"), [
    ("At least 7 people were killed and 22 injured.", "7", "dead"),
    ("At least 7 people were killed and 22 injured.", "22", "injured"),
    ("The strike killed 14 and wounded 40.", "14", "dead"),
    ("The strike killed 14 and wounded 40.", "40", "injured"),
    ("The final death toll stands at 14.", "14", "dead"),
    ("Police detained 30 protesters.", "30", "arrested"),
    ("Rescuers searched 12 buildings, officials said.", "12", None),
    ("They fired 40 missiles, killing nobody.", "40", None),
])
def test_casualty_figures_are_read_from_the_words_beside_the_number(
    sentence: str, number: str, kind: str | None
) -> None:
    start = re.search(rf"\b{number}\b", sentence).start()
    assert casualty_kind(sentence, start, start + len(number)) == kind


def test_sentence_around_finds_the_sentence_of_a_span() -> None:
    text = 'First one. "Second, with quotes." Third\nline four? Yes.'
    start = text.index("quotes")
    s, e = sentence_around(text, start, start + 6)
    assert text[s:e] == '"Second, with quotes.'
    s, e = sentence_around(text, text.index("four"), text.index("four") + 4)
    assert text[s:e] == "line four?"


def test_an_events_sentence_is_the_one_the_analysis_kept() -> None:
    from fogwatch.export.plover import _sentence_of

    text = "Mr. Ivanov arrived. He met the envoy on Monday. Talks went on."
    kept = [[0, 19], [20, 47], [48, 62]]
    met = text.index("met")
    # the analysis's sentence, abbreviation and all
    assert _sentence_of(kept, 1, text, met, met + 3) == (20, 47)
    arrived = text.index("arrived")
    assert text[slice(*_sentence_of(kept, 0, text, arrived, arrived + 7))] == \
        "Mr. Ivanov arrived."
    # an index that does not hold the trigger, or none kept: found by punctuation
    assert _sentence_of(kept, 2, text, met, met + 3) == sentence_around(text, met, met + 3)
    assert _sentence_of(None, 1, text, met, met + 3) == sentence_around(text, met, met + 3)
    assert _sentence_of(kept, None, text, met, met + 3) == sentence_around(text, met, met + 3)


def test_the_cli_writes_plover_and_acled(filled: Store, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fogwatch.cli import app

    runner = CliRunner()
    for fmt, name in (("plover", "events.plover.jsonl"), ("acled", "events.acled.csv")):
        result = runner.invoke(app, ["export", "--db", filled.url, "-f", fmt, "-o",
                                     str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).is_file() and name in result.output
    refused = runner.invoke(app, ["export", "--db", filled.url, "-f", "acled", "-k", "events"])
    assert refused.exit_code == 2


# --- an analyst's rejections -----------------------------------------------------------


def test_rejected_events_are_left_out_of_plover_and_acled(any_filled: Store, tmp_path: Path
                                                          ) -> None:
    """A rejected event is no event: PLOVER leaves its record out, ACLED its report (even
    before the store is reconciled again), and a merged event whose every report is
    rejected is no ACLED row."""
    led, wir = ledger().document.id, wire().document.id
    before = acled_rows(any_filled, tmp_path / "before")
    strike = next(r for r in before if r["fogwatch_plover"] == "ASSAULT")
    assert strike["fogwatch_n_reports"] == "2" and strike["fatalities"] == "7"
    # the ledger's strike rejected: not reconciled yet, the merged event still has it
    any_filled.add_correction("events", led, 0, "reject", author="Ann")
    records = plover_records(any_filled, tmp_path / "one")
    assert f"fogwatch-{led}-0" not in records and len(records) == 4
    assert f"fogwatch-{wir}-0" in records
    strike = next(r for r in acled_rows(any_filled, tmp_path / "one")
                  if r["fogwatch_plover"] == "ASSAULT")
    # only the wire's report is left: its outlet, its figure
    assert strike["fogwatch_n_reports"] == "1" and strike["fatalities"] == "9"
    assert strike["source"] == WIRE_OUTLET
    # a confirmed event stays; the wire's strike rejected too: no strike at all
    any_filled.add_correction("events", wir, 2, "confirm", author="Ann")
    any_filled.add_correction("events", wir, 0, "reject", author="Ann")
    records = plover_records(any_filled, tmp_path / "two")
    assert {r["event_idx"] for r in records.values() if r["document_id"] == wir} == {1, 2}
    assert all(r["event"] != ["ASSAULT"] for r in records.values())
    assert "ASSAULT" not in {r["fogwatch_plover"] for r in acled_rows(any_filled,
                                                                       tmp_path / "two")}
    # withdrawn, the rejection no longer holds
    for c in any_filled.list_corrections(kind="events")[0]:
        any_filled.withdraw_correction(c.id, by="Ann")
    assert len(plover_records(any_filled, tmp_path / "three")) == 5


def test_an_event_the_text_leaves_unclear_says_so(store: Store, tmp_path: Path) -> None:
    analysis = wire()
    analysis.events[2].modality = "unknown"
    store.save_analysis(analysis)
    reconcile_analysis(store, analysis)
    record = plover_records(store, tmp_path)[f"fogwatch-{analysis.document.id}-2"]
    assert record["modality"] == "unknown" and record["comment"] == "unclear"
