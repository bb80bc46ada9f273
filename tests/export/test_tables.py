"""Table exports: every kind, every format, checked against the store they came from."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from fogwatch.export.tables import (
    FORMATS,
    KINDS,
    SCHEMAS,
    STRUCTS,
    arrow_schema,
    export_tables,
    iter_rows,
    read_rows,
)
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
from fogwatch.reconcile import correct_claim, reconcile_analysis
from fogwatch.store import Store
from fogwatch.store.claim_corrections import member_ref

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs" / "exports.md"

# Store kinds whose table row count each export kind must equal.
STORE_TABLE = {
    "documents": "documents", "entities": "entities", "mentions": "mentions",
    "times": "times", "attributions": "attributions", "events": "events",
    "quantities": "quantities", "places": "places", "propositions": "propositions",
    "stances": "proposition_stances", "merged_events": "merged_events",
    "event_reports": "event_reports", "corrections": "corrections",
    "entity_corrections": "entity_corrections", "claim_corrections": "claim_corrections",
}

FIRST = (
    "Kyiv, 3 November 2025. Russian forces shelled Pokrovsk on Sunday, the Ukrainian "
    "General Staff said. Oleksandr Syrskyi denied that Ukrainian troops were encircled in "
    "the town. Moscow claimed that more than 1,000 soldiers had been captured near Pokrovsk."
)
# Commas, quotes, a CRLF and a bare newline, Cyrillic, an emoji, a no-break space.
HOSTILE = (
    'Київ, 10 листопада.\r\nThe "ministry", it said, reported: 12 people were killed in '
    "Kharkiv\u00a0on Monday 🚀.\nResidents said, \"we heard 3 blasts, then silence\"; "
    "nobody, officials said, was warned."
)
HOSTILE_TITLE = 'Strike on "Kharkiv", day 2\nЗвіт, 🚀 <b>'



def span(text: str, needle: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return TextSpan(needle, start, start + len(needle))


def mention(doc: Document, needle: str, sentence: int, type_: str, key: str,
            n: int = 0) -> Mention:
    s = span(doc.text, needle, n)
    return Mention(s.text, s.start, s.end, sentence, type_, key, document=doc.id)


def first_analysis() -> Analysis:
    doc = Document.create(FIRST, url="https://example.org/war/pokrovsk", outlet="Example Wire",
                          title="Pokrovsk shelled", author="A. Writer", published="2025-11-03",
                          date_source="metadata", metadata={"tags": ["war", "donetsk"]})
    t = doc.text
    pokrovsk = [mention(doc, "Pokrovsk", 1, "GPE", "gaz:place/pokrovsk"),
                mention(doc, "Pokrovsk", 3, "GPE", "gaz:place/pokrovsk", 1)]
    entities = [
        Entity("gaz:place/pokrovsk", "Pokrovsk", "GPE", aliases=["Pokrovsk"], mentions=pokrovsk,
               country="UA", gazetteer=True),
        Entity("gaz:person/oleksandr-syrskyi", "Oleksandr Syrskyi", "PERSON",
               aliases=["Oleksandr Syrskyi", "Syrskyi"],
               mentions=[mention(doc, "Oleksandr Syrskyi", 2, "PERSON",
                                 "gaz:person/oleksandr-syrskyi")],
               description="Commander-in-Chief of the Armed Forces of Ukraine", country="UA",
               gazetteer=True),
        Entity("gaz:place/russia", "Russia", "GPE", aliases=["Russia", "Moscow"],
               mentions=[mention(doc, "Moscow", 3, "GPE", "gaz:place/russia")],
               country="RU", gazetteer=True),
    ]
    d1, d2 = span(t, "3 November 2025"), span(t, "Sunday")
    times = [
        Time(d1.text, d1.start, d1.end, 0, "DATE", "2025-11-03",
             interval=("2025-11-03", "2025-11-03"), anchor="DCT"),
        Time(d2.text, d2.start, d2.end, 1, "DATE", "2025-11-02",
             interval=("2025-11-02", "2025-11-02"), anchor="DCT", mod="END"),
    ]
    attributions = [
        Attribution(cue=span(t, "said"), content=[span(t, "Russian forces shelled Pokrovsk on "
                    "Sunday")], sentence=1, source=span(t, "the Ukrainian General Staff"),
                    time=1),
        Attribution(cue=span(t, "denied"), content=[span(t, "Ukrainian troops were encircled")],
                    sentence=2, source=span(t, "Oleksandr Syrskyi"),
                    source_entity="gaz:person/oleksandr-syrskyi", stance="refuted"),
        Attribution(cue=span(t, "claimed"), content=[span(t, "more than 1,000 soldiers had "
                    "been captured near Pokrovsk")], sentence=3, source=span(t, "Moscow"),
                    source_entity="gaz:place/russia", stance="unconfirmed", disputed_by=[1]),
    ]
    events = [
        Event(span(t, "shelled"), "ASSAULT", 1, actors=["gaz:place/russia"],
              targets=["gaz:place/pokrovsk"], place="geo:706884", time=1,
              time_value="2025-11-02", modality="claimed", attribution=0),
        Event(span(t, "captured"), "COERCE", 3, mode="seize", actors=["gaz:place/russia",
              "soldiers"], modality="claimed", attribution=2),
    ]
    q = span(t, "more than 1,000 soldiers")
    quantities = [Quantity(q.text, q.start, q.end, 3, 1000.0, unit="troops", approx="more than",
                           counted="soldiers", attribution=2, event=1)]
    places = [Place("geo:706884", "Pokrovsk", lat=48.282, lon=37.176, country="UA",
                    admin1="UA.05", geonameid=706884, confidence=0.9,
                    entity="gaz:place/pokrovsk", mentions=pokrovsk)]
    return Analysis(doc, entities, times, attributions, events, quantities, places)


def hostile_analysis() -> Analysis:
    doc = Document.create(HOSTILE, url="https://example.org/war/kharkiv?a=1,2&b=\"x\"",
                          outlet='Wire, "Daily"', title=HOSTILE_TITLE,
                          author="О. Автор, staff", published="2025-11-10",
                          metadata={"note": 'a "quoted", value\nwith a newline'})
    t = doc.text
    kharkiv = [mention(doc, "Kharkiv", 1, "GPE", "gaz:place/kharkiv")]
    entities = [
        Entity("gaz:place/kyiv", "Kyiv", "GPE", aliases=["Kyiv", "Київ"],
               mentions=[mention(doc, "Київ", 0, "GPE", "gaz:place/kyiv")], country="UA",
               gazetteer=True),
        Entity("gaz:place/kharkiv", "Kharkiv", "GPE", aliases=["Kharkiv"], mentions=kharkiv,
               country="UA", gazetteer=True),
        Entity('auto:ORG/the-"ministry"', 'The "ministry"', "ORG", aliases=['The "ministry"'],
               mentions=[mention(doc, 'The "ministry"', 1, "ORG", 'auto:ORG/the-"ministry"')]),
    ]
    monday = span(t, "Monday")
    times = [Time(monday.text, monday.start, monday.end, 1, "DATE", "2025-11-10",
                  interval=("2025-11-10", "2025-11-10"), anchor="DCT")]
    quote = span(t, "we heard 3 blasts, then silence")
    attributions = [
        Attribution(cue=span(t, "reported"), content=[span(t, "12 people were killed in "
                    "Kharkiv\u00a0on Monday 🚀")], sentence=1, source=span(t, 'The "ministry"'),
                    source_entity='auto:ORG/the-"ministry"', kind="direct", time=0),
        Attribution(cue=span(t, "said", 1), content=[quote], sentence=2,
                    source=span(t, "Residents"), kind="direct", stance="hedged"),
    ]
    events = [Event(span(t, "killed"), "ASSAULT", 1, mode="heavy-weapons",
                    targets=["gaz:place/kharkiv"], place="geo:706483", time=0,
                    time_value="2025-11-10", modality="happened", attribution=0)]
    q12, q3 = span(t, "12 people"), span(t, "3 blasts")
    quantities = [
        Quantity(q12.text, q12.start, q12.end, 1, 12.0, unit="people", counted="people",
                 attribution=0, event=0),
        Quantity(q3.text, q3.start, q3.end, 2, 3.0, unit="blasts", counted="blasts",
                 attribution=1),
    ]
    places = [Place("geo:706483", "Kharkiv", lat=49.98081, lon=36.25272, country="UA",
                    admin1="UA.07", geonameid=706483, confidence=0.95,
                    entity="gaz:place/kharkiv", mentions=kharkiv)]
    return Analysis(doc, entities, times, attributions, events, quantities, places)


def comment_analysis(parent: Document) -> Analysis:
    text = "Lies, all of it. Nothing was shelled in Pokrovsk."
    doc = Document.create(text, outlet=parent.outlet, section="comment", parent_id=parent.id)
    return Analysis(doc, entities=[Entity("gaz:place/pokrovsk", "Pokrovsk", "GPE",
                    aliases=["Pokrovsk"],
                    mentions=[mention(doc, "Pokrovsk", 1, "GPE", "gaz:place/pokrovsk")],
                    country="UA", gazetteer=True)])


def fill(store: Store) -> list[Analysis]:
    first, hostile = first_analysis(), hostile_analysis()
    analyses = [first, hostile, comment_analysis(first.document)]
    for n, analysis in enumerate(analyses):
        store.save_analysis(analysis)
        if n == 0:  # an analyst's word on one entity (the entity_corrections table)
            store.add_entity_correction("type", "gaz:place/russia", "LOC", author="Analyst",
                                        note='the "state", not the territory')
            analysis = store.get_analysis(analysis.document.id)  # saved again with it
        reconcile_analysis(store, analysis)
    # an analyst's word on one finding (the corrections table, the corrected column)
    store.add_correction("times", first.document.id, 0, "confirm", author="Analyst <b>",
                         note="checked against the <script>wire</script> copy")
    # an analyst's word on the claim board (the claim_corrections table, stances.corrected)
    stance = next(s for p in store.propositions(limit=100) for s in p.stances
                  if s.role == "source")
    correct_claim(store, "stance", author="Analyst",
                  members=[member_ref(stance.document, stance.role, stance.start, stance.end)],
                  stance="unverified" if stance.stance != "unverified" else "denies",
                  note='the "wire" copy hedges it')
    return analyses


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'fogwatch.sqlite'}") as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    fill(store)
    return store


@pytest.fixture
def any_filled(any_store: Store) -> Store:
    fill(any_store)
    return any_store


def texts_of(store: Store) -> dict[str, str]:
    return {d.id: d.text for d in store.documents(section=None, limit=100)}


# --- counts and columns ----------------------------------------------------------


def test_every_kind_has_one_file_with_as_many_rows_as_the_store(
    any_filled: Store, tmp_path: Path
) -> None:
    counts = any_filled.stats()
    # the fixture must exercise every kind, or the comparison proves little
    assert all(counts[STORE_TABLE[k]] > 0 for k in KINDS), counts
    for fmt in FORMATS:
        out = tmp_path / fmt
        files = export_tables(any_filled, out, fmt)
        assert [f.kind for f in files] == list(KINDS)
        assert sorted(p.name for p in out.iterdir()) == sorted(f"{k}.{fmt}" for k in KINDS)
        for f in files:
            assert f.rows == counts[STORE_TABLE[f.kind]], (fmt, f.kind)
            assert len(read_rows(f.path)) == f.rows


def _documented() -> dict[str, list[tuple[str, str]]]:
    """Kind -> [(column, type)] as the tables in docs/exports.md list them."""
    out: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^### `([a-z_]+)\.<ext>`", line)
        if heading:
            current = heading.group(1)
            out[current] = []
            continue
        if line.startswith("#"):
            current = None
        row = re.match(r"^\| `([a-z_0-9]+)` \| ([a-z<>]+) \|", line)
        if current and row:
            out[current].append((row.group(1), row.group(2)))
    return out


def test_the_columns_are_exactly_the_documented_ones() -> None:
    documented = _documented()
    assert list(documented) == list(KINDS)
    for kind, columns in SCHEMAS.items():
        assert documented[kind] == [(c.name, c.type) for c in columns], kind


@pytest.mark.parametrize("fmt", FORMATS)
def test_files_carry_exactly_the_schema_columns(filled: Store, tmp_path: Path, fmt: str) -> None:
    for f in export_tables(filled, tmp_path, fmt):
        names = [c.name for c in SCHEMAS[f.kind]]
        if fmt == "jsonl":
            for line in f.path.read_text(encoding="utf-8").splitlines():
                assert list(json.loads(line)) == names
        elif fmt == "csv":
            with open(f.path, encoding="utf-8", newline="") as fh:
                assert next(csv.reader(fh)) == names
        else:
            assert pq.read_schema(f.path).equals(arrow_schema(SCHEMAS[f.kind]))


# --- content -----------------------------------------------------------------------


def test_offsets_slice_the_document_text_to_the_finding(any_filled: Store, tmp_path: Path) -> None:
    export_tables(any_filled, tmp_path)
    texts = {r["document_id"]: r["text"] for r in read_rows(tmp_path / "documents.jsonl")}
    assert texts == texts_of(any_filled)

    def check(doc: str, start: int, end: int, expected: str) -> None:
        assert texts[doc][start:end] == expected

    checked = Counter()
    for kind, field in (("mentions", "text"), ("times", "text"), ("quantities", "text"),
                        ("events", "trigger_text")):
        for r in read_rows(tmp_path / f"{kind}.jsonl"):
            check(r["document_id"], r["start"], r["end"], r[field])
            assert isinstance(r["sentence"], int)
            checked[kind] += 1
    for r in read_rows(tmp_path / "attributions.jsonl"):
        doc = r["document_id"]
        check(doc, r["cue_start"], r["cue_end"], r["cue_text"])
        check(doc, r["source_start"], r["source_end"], r["source_text"])
        for s in r["content"]:
            check(doc, s["start"], s["end"], s["text"])
            assert r["start"] <= s["start"] and s["end"] <= r["end"]
        assert r["content_text"] == " ".join(s["text"] for s in r["content"])
        checked["attributions"] += 1
    for r in read_rows(tmp_path / "places.jsonl"):
        assert r["n_mentions"] == len(r["mentions"]) > 0
        for m in r["mentions"]:
            check(r["document_id"], m["start"], m["end"], m["text"])
        assert (r["start"], r["end"]) == (r["mentions"][0]["start"], r["mentions"][0]["end"])
        checked["places"] += 1
    triggers = {(r["document_id"], r["idx"]): r for r in read_rows(tmp_path / "events.jsonl")}
    for r in read_rows(tmp_path / "event_reports.jsonl"):
        event = triggers[(r["document_id"], r["event_idx"])]
        check(r["document_id"], r["start"], r["end"], event["trigger_text"])
        assert r["sentence"] == event["sentence"]
        checked["event_reports"] += 1
    for r in read_rows(tmp_path / "stances.jsonl"):
        if r["start"] is not None:
            check(r["document_id"], r["start"], r["end"], r["text"])
            checked["stances"] += 1
    assert all(checked[k] > 0 for k in ("mentions", "times", "quantities", "events",
                                        "attributions", "places", "event_reports", "stances"))


def test_rows_say_what_the_analysis_said(filled: Store, tmp_path: Path) -> None:
    export_tables(filled, tmp_path)
    first = first_analysis()
    doc_id = first.document.id
    events = [r for r in read_rows(tmp_path / "events.jsonl") if r["document_id"] == doc_id]
    assert [(e["type"], e["mode"], e["modality"], e["attribution"]) for e in events] == [
        ("ASSAULT", None, "claimed", 0), ("COERCE", "seize", "claimed", 2)]
    assert events[1]["actors"] == ["gaz:place/russia", "soldiers"]
    atts = [r for r in read_rows(tmp_path / "attributions.jsonl") if r["document_id"] == doc_id]
    assert [a["disputed_by"] for a in atts] == [[], [], [1]]
    assert atts[1]["stance"] == "refuted" and atts[0]["time"] == 1
    times = [r for r in read_rows(tmp_path / "times.jsonl") if r["document_id"] == doc_id]
    assert [(t["value"], t["interval_start"], t["mod"]) for t in times] == [
        ("2025-11-03", "2025-11-03", None), ("2025-11-02", "2025-11-02", "END")]
    docs = {r["document_id"]: r for r in read_rows(tmp_path / "documents.jsonl")}
    d = docs[doc_id]
    assert (d["dct"], d["word_count"], d["char_count"]) == ("2025-11-03", len(FIRST.split()),
                                                            len(FIRST))
    assert d["metadata"] == {"tags": ["war", "donetsk"]} and d["analyzed_at"]
    comment = next(r for r in docs.values() if r["section"] == "comment")
    assert comment["parent_id"] == doc_id and comment["dct"] is None


def test_entity_rows_count_mentions_and_documents(filled: Store, tmp_path: Path) -> None:
    export_tables(filled, tmp_path, kinds=["entities", "mentions"])
    mentions = read_rows(tmp_path / "mentions.jsonl")
    by_entity = Counter(m["entity_key"] for m in mentions)
    docs_by_entity = {k: {m["document_id"] for m in mentions if m["entity_key"] == k}
                      for k in by_entity}
    rows = read_rows(tmp_path / "entities.jsonl")
    assert {r["entity_key"] for r in rows} == set(by_entity)
    for r in rows:
        assert r["mentions"] == by_entity[r["entity_key"]]
        assert r["documents"] == len(docs_by_entity[r["entity_key"]])
    pokrovsk = next(r for r in rows if r["entity_key"] == "gaz:place/pokrovsk")
    assert (pokrovsk["mentions"], pokrovsk["documents"], pokrovsk["gazetteer"]) == (3, 2, True)
    # two documents wrote Kyiv differently: the store folds the aliases
    kyiv = next(r for r in rows if r["entity_key"] == "gaz:place/kyiv")
    assert "Київ" in kyiv["aliases"]


def test_propositions_and_stances_match_the_store(filled: Store, tmp_path: Path) -> None:
    export_tables(filled, tmp_path, kinds=["propositions", "stances"])
    props = {r["proposition_id"]: r for r in read_rows(tmp_path / "propositions.jsonl")}
    stances = read_rows(tmp_path / "stances.jsonl")
    stored = filled.propositions(limit=1000)
    assert set(props) == {p.id for p in stored}
    for p in stored:
        row = props[p.id]
        assert (row["statement"], row["contested"], row["first_seen"], row["last_seen"]) == (
            p.statement, p.contested, p.first_seen, p.last_seen)
        mine = sorted((s["document_id"], s["source"], s["stance"], s["role"])
                      for s in stances if s["proposition_id"] == p.id)
        assert mine == sorted((s.document, s.source, s.stance, s.role) for s in p.stances)
        assert set(p.entities) <= set(row["entities"])


# --- formats -----------------------------------------------------------------------


def test_csv_and_parquet_read_back_equal_to_jsonl(any_filled: Store, tmp_path: Path) -> None:
    for fmt in FORMATS:
        export_tables(any_filled, tmp_path / fmt, fmt)
    for kind in KINDS:
        expected = read_rows(tmp_path / "jsonl" / f"{kind}.jsonl")
        assert read_rows(tmp_path / "csv" / f"{kind}.csv") == expected, kind
        assert read_rows(tmp_path / "parquet" / f"{kind}.parquet") == expected, kind


def test_hostile_text_round_trips_through_plain_csv_and_pyarrow(
    filled: Store, tmp_path: Path
) -> None:
    export_tables(filled, tmp_path / "csv", "csv", kinds=["documents", "attributions"])
    export_tables(filled, tmp_path / "pq", "parquet", kinds=["documents", "attributions"])
    hostile_id = hostile_analysis().document.id
    with open(tmp_path / "csv" / "documents.csv", encoding="utf-8", newline="") as fh:
        rows = {r["document_id"]: r for r in csv.DictReader(fh)}
    row = rows[hostile_id]
    assert row["text"] == HOSTILE and "\r\n" in row["text"]
    assert row["title"] == HOSTILE_TITLE
    assert row["outlet"] == 'Wire, "Daily"'
    assert json.loads(row["metadata"]) == {"note": 'a "quoted", value\nwith a newline'}
    assert rows[first_analysis().document.id]["author"] == "A. Writer"
    assert next(r for r in rows.values() if r["section"] == "comment")["title"] == ""

    table = pq.read_table(tmp_path / "pq" / "documents.parquet")
    by_id = {r["document_id"]: r for r in table.to_pylist()}
    assert by_id[hostile_id]["text"] == HOSTILE
    assert by_id[hostile_id]["title"] == HOSTILE_TITLE
    atts = pq.read_table(tmp_path / "pq" / "attributions.parquet")
    assert atts.schema.field("disputed_by").type == pa.list_(pa.int64())
    quoted = [r for r in atts.to_pylist() if r["document_id"] == hostile_id][1]
    assert quoted["content"] == [
        {"text": "we heard 3 blasts, then silence",
         "start": HOSTILE.index("we heard"), "end": HOSTILE.index("we heard") + 31}]


def test_parquet_types_follow_the_schema(filled: Store, tmp_path: Path) -> None:
    export_tables(filled, tmp_path, "parquet", kinds=["events", "quantities", "places"])
    events = pq.read_table(tmp_path / "events.parquet")
    assert events.schema.field("actors").type == pa.list_(pa.string())
    assert events.schema.field("start").type == pa.int64()
    quantities = pq.read_table(tmp_path / "quantities.parquet")
    assert quantities.column("value").to_pylist() == [1000.0, 12.0, 3.0]
    places = pq.read_table(tmp_path / "places.parquet")
    assert places.schema.field("lat").type == pa.float64()
    assert places.schema.field("mentions").type == pa.list_(pa.struct([
        ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
        ("sentence", pa.int64())]))


# Arrow types by column type: what a reader of the Parquet files gets.
ARROW = {
    "string": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
    "date": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC"),
    "list<string>": pa.list_(pa.string()), "list<int>": pa.list_(pa.int64()),
    "json": pa.string(),
}


def check_parquet_types(out: Path) -> Counter:
    """Every column of every Parquet file in ``out`` has its real type; the non-null
    values of each checked column, counted by column type."""
    seen: Counter = Counter()
    for kind, columns in SCHEMAS.items():
        table = pq.read_table(out / f"{kind}.parquet")
        assert table.column_names == [c.name for c in columns], kind
        for c in columns:
            field = table.schema.field(c.name)
            if c.type in ARROW:
                assert field.type == ARROW[c.type], (kind, c.name, field.type)
            else:  # list<struct>: the documented fields, typed
                assert pa.types.is_list(field.type), (kind, c.name)
                struct = field.type.value_type
                assert pa.types.is_struct(struct), (kind, c.name)
                assert [(f.name, f.type) for f in struct] == [
                    (n, ARROW[t]) for n, t in STRUCTS[c.type[5:-1]]], (kind, c.name)
            seen[c.type] += table.num_rows - table.column(c.name).null_count
        # whole numbers stay whole for pandas too (nullable Int64, not float64)
        described = json.loads(table.schema.metadata[b"pandas"])["columns"]
        assert {d["name"]: d["numpy_type"] for d in described if d["numpy_type"] == "Int64"} \
            == {c.name: "Int64" for c in columns if c.type == "int"}, kind
    return seen


def test_every_parquet_column_has_its_real_type(filled: Store, tmp_path: Path) -> None:
    export_tables(filled, tmp_path, "parquet")
    seen = check_parquet_types(tmp_path)
    # the fixture gives values of every type, so the types are seen holding data
    assert all(seen[t] > 0 for t in ARROW), seen
    docs = {r["document_id"]: r for r in pq.read_table(tmp_path / "documents.parquet")
            .to_pylist()}
    first = docs[first_analysis().document.id]
    assert first["dct"] == date(2025, 11, 3) and first["published"] == "2025-11-03"
    assert first["ingested_at"].tzinfo is not None and first["analyzed_at"] >= first[
        "ingested_at"]
    times = pq.read_table(tmp_path / "times.parquet").to_pylist()
    assert times[0]["interval_start"] == date(2025, 11, 3) and times[0]["value"] == "2025-11-03"
    atts = pq.read_table(tmp_path / "attributions.parquet")
    # an attribution without a resolved source offset is a null int, not NaN
    assert atts.column("nested_in").to_pylist() == [None] * atts.num_rows
    merged = pq.read_table(tmp_path / "merged_events.parquet").to_pylist()
    assert all(isinstance(m["start_date"], date) for m in merged)


def test_a_partial_time_keeps_its_value_beside_its_days(store: Store, tmp_path: Path) -> None:
    text = "Shelling went on through October 2025 in Pokrovsk."
    doc = Document.create(text, published="2025-11-03")
    month = span(text, "October 2025")
    store.save_analysis(Analysis(doc, times=[
        Time(month.text, month.start, month.end, 0, "DATE", "2025-10",
             interval=("2025-10-01", "2025-10-31"), anchor="DCT")]))
    export_tables(store, tmp_path, "parquet", kinds=["times"])
    export_tables(store, tmp_path, "csv", kinds=["times"])
    [row] = pq.read_table(tmp_path / "times.parquet").to_pylist()
    assert (row["value"], row["interval_start"], row["interval_end"]) == (
        "2025-10", date(2025, 10, 1), date(2025, 10, 31))
    with open(tmp_path / "times.csv", encoding="utf-8", newline="") as fh:
        [cells] = list(csv.DictReader(fh))
    assert (cells["value"], cells["interval_start"]) == ("2025-10", "2025-10-01")


@pytest.mark.slow
def test_every_parquet_column_of_the_demo_store_has_its_real_type(
    demo_store: Store, tmp_path: Path
) -> None:
    export_tables(demo_store, tmp_path, "parquet")
    seen = check_parquet_types(tmp_path)
    for kind in ("date", "timestamp", "int", "list<span>", "list<mention>", "list<number>"):
        assert seen[kind] > 0, kind
    props = pq.read_table(tmp_path / "propositions.parquet").to_pylist()
    figures = [n for p in props for n in p["numbers"]]
    assert figures and all(isinstance(n["value"], float) for n in figures)
    assert all(isinstance(n["date"], date) for n in figures if n["date"] is not None)


@pytest.mark.slow
def test_no_cross_document_column_is_empty_in_every_row_of_the_demo(
    demo_store: Store, tmp_path: Path
) -> None:
    """A column no row fills says nothing: it was ``propositions.type`` (no claim
    category is precise enough to give) and ``stances.event`` (never linked). The
    demo has no analyst's corrections, so ``corrected`` alone may be empty."""
    kinds = ["propositions", "stances", "merged_events", "event_reports"]
    export_tables(demo_store, tmp_path, "jsonl", kinds=kinds)
    for kind in kinds:
        rows = read_rows(tmp_path / f"{kind}.jsonl")
        assert rows, kind
        empty = [c.name for c in SCHEMAS[kind] if c.name != "corrected"
                 and all(r[c.name] in (None, "", [], {}) for r in rows)]
        assert empty == [], kind


def test_an_empty_store_gives_files_with_headers_and_schemas(any_store: Store, tmp_path: Path) -> None:
    for fmt in FORMATS:
        files = export_tables(any_store, tmp_path / fmt, fmt)
        assert [f.rows for f in files] == [0] * len(KINDS)
    for kind, columns in SCHEMAS.items():
        names = [c.name for c in columns]
        assert (tmp_path / "jsonl" / f"{kind}.jsonl").read_text(encoding="utf-8") == ""
        assert (tmp_path / "csv" / f"{kind}.csv").read_bytes().decode("utf-8") == (
            ",".join(names) + "\r\n")
        table = pq.read_table(tmp_path / "parquet" / f"{kind}.parquet")
        assert table.num_rows == 0 and table.schema.equals(arrow_schema(columns))


# --- options ---------------------------------------------------------------------


def test_since_and_until_keep_documents_published_in_the_range(
    any_filled: Store, tmp_path: Path
) -> None:
    files = export_tables(any_filled, tmp_path, since="2025-11-05", until="2025-11-30")
    rows = {f.kind: read_rows(f.path) for f in files}
    hostile_id = hostile_analysis().document.id
    assert [d["document_id"] for d in rows["documents"]] == [hostile_id]  # undated comment out
    for kind in ("mentions", "times", "attributions", "events", "quantities", "places"):
        assert rows[kind] and {r["document_id"] for r in rows[kind]} == {hostile_id}, kind
    assert {r["entity_key"] for r in rows["entities"]} == {
        "gaz:place/kyiv", "gaz:place/kharkiv", 'auto:ORG/the-"ministry"'}
    assert all(r["date"] >= "2025-11-05" for r in rows["stances"])
    assert all(r["start_date"] >= "2025-11-05" for r in rows["merged_events"])
    before = export_tables(any_filled, tmp_path / "early", until="2025-11-04", kinds=["events"])
    assert before[0].rows == 2


def test_kinds_limit_the_files_and_unknown_ones_are_refused(filled: Store, tmp_path: Path) -> None:
    out = tmp_path / "out"
    files = export_tables(filled, out, "csv", kinds=["places", "events", "places"])
    assert [f.kind for f in files] == ["events", "places"]
    assert sorted(p.name for p in out.iterdir()) == ["events.csv", "places.csv"]
    with pytest.raises(ValueError, match="unknown kind 'claims'"):
        export_tables(filled, tmp_path, kinds=["claims"])
    with pytest.raises(ValueError, match="unknown format 'xlsx'"):
        export_tables(filled, tmp_path, "xlsx")


def test_pages_are_seamless_and_progress_is_reported(filled: Store, tmp_path: Path) -> None:
    calls: list[tuple[str, int, int | None]] = []
    small = export_tables(filled, tmp_path / "small", page_size=2,
                          progress=lambda k, n, t: calls.append((k, n, t)))
    export_tables(filled, tmp_path / "big", page_size=1000)
    for f in small:
        assert read_rows(f.path) == read_rows(tmp_path / "big" / f.path.name)
        mine = [c for c in calls if c[0] == f.kind]
        assert mine[0] == (f.kind, 0, f.rows) and mine[-1] == (f.kind, f.rows, f.rows)
        assert [n for _, n, _ in mine] == sorted(n for _, n, _ in mine)
    pages = list(iter_rows(filled, "mentions", page_size=2))
    assert all(len(p) == 2 for p in pages[:-1]) and sum(map(len, pages)) == len(
        read_rows(tmp_path / "big" / "mentions.jsonl"))


def test_a_failed_export_leaves_no_partial_file(filled: Store, tmp_path: Path) -> None:
    def explode(kind: str, done: int, total: int | None) -> None:
        if kind == "events" and done > 0:
            raise RuntimeError("disk full")

    out = tmp_path / "out"
    with pytest.raises(RuntimeError, match="disk full"):
        export_tables(filled, out, "csv", kinds=["times", "events"], progress=explode)
    assert sorted(p.name for p in out.iterdir()) == ["times.csv"]


def test_the_cli_exports_and_refuses_unknown_formats(filled: Store, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fogwatch.cli import app

    db = filled.url
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--db", db, "--format", "csv", "--out",
                                 str(tmp_path / "out"), "--kind", "events", "--kind", "places"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["events.csv", "places.csv"]
    assert "events.csv" in result.output and "places.csv" in result.output
    bad = runner.invoke(app, ["export", "--db", db, "--format", "xlsx"])
    assert bad.exit_code == 2 and "xlsx" in bad.output
    bad = runner.invoke(app, ["export", "--db", db, "--kind", "claims"])
    assert bad.exit_code == 2 and "claims" in bad.output
