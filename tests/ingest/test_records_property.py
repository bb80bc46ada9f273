"""The JSON record readers hold for any JSON value in any field: a document with
the values as given, or a failure that names the record (and the field)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fogwatch.ingest import IngestError, iter_sources
from fogwatch.ingest.article import to_documents
from fogwatch.ingest.dates import normalise_date
from fogwatch.ingest.records import parse_record

NAME = "batch.jsonl:3"
TEXT = "Two drones were shot down over the capital overnight, the air force said."

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
# Dates that reach every branch: real ones, wrong ones, timestamps, junk.
DATES = st.sampled_from([
    "2025-11-10", "Mon, 10 Nov 2025 08:00:00 GMT", "Thu, 01 Jan 1970 00:00:00 +9999",
    "-5000-01-01", "0000-01-01", "2025-02-30", "yesterday", "1762761600",
]) | st.integers() | st.booleans()
FIELDS = ("text", "html", "title", "outlet", "author", "url", "published", "comments")
RECORDS = st.fixed_dictionaries(
    {"text": st.just(TEXT) | JSON},  # mostly a usable text, so the other fields are reached
    optional={
        **{key: JSON for key in FIELDS if key != "text"},
        "published": JSON | DATES,
        "extra": JSON,
    },
)


def outcome(obj: object, name: str = NAME) -> tuple[str, object]:
    """("docs", documents) or ("error", message); any other exception fails the test."""
    try:
        return "docs", to_documents(parse_record(obj, name), name, None)
    except IngestError as err:
        return "error", str(err)


@settings(max_examples=200, deadline=None)
@given(JSON | RECORDS)
def test_any_value_gives_a_document_or_a_named_failure(obj: object) -> None:
    kind, result = outcome(obj)
    if kind == "error":
        assert isinstance(result, str) and result.startswith(f"{NAME}: ")
    else:
        assert isinstance(result, list) and result and result[0].source == NAME


@settings(max_examples=200, deadline=None)
@given(RECORDS)
def test_values_are_kept_as_given_or_the_record_is_refused(record: dict[str, object]) -> None:
    kind, result = outcome(record)
    if kind == "error":
        return
    assert isinstance(result, list)
    doc = result[0]
    # A string field comes out as written (spaces tidied), never from another type.
    for key, value in (("title", doc.title), ("url", doc.url)):
        given_value = record.get(key)
        if given_value is not None and given_value != "":
            assert isinstance(given_value, str)
            if key == "url":
                assert value == given_value
    published = record.get("published")
    if published is not None and published != "" and doc.date_source == "metadata":
        assert not isinstance(published, bool)
        assert doc.published == normalise_date(published)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["text", "title", "outlet", "author", "url", "published"]),
    st.integers() | st.booleans() | st.lists(st.integers(), min_size=1, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "x"]), st.integers(), min_size=1, max_size=2),
)
def test_a_wrong_type_is_refused_naming_the_field(field: str, value: object) -> None:
    record: dict[str, object] = {"text": TEXT, field: value}
    if field == "published" and isinstance(value, int) and not isinstance(value, bool) and (
        10**8 <= value < 10**13
    ):
        return  # a Unix timestamp is a date
    kind, result = outcome(record)
    assert kind == "error", result
    assert isinstance(result, str) and f"{field!r}" in result


@settings(max_examples=100, deadline=None)
@given(st.lists(RECORDS | JSON, min_size=1, max_size=5), st.integers(0, 5))
def test_jsonl_lines_stand_alone(records: list[object], at: int) -> None:
    # A known good line somewhere among arbitrary ones always comes through.
    good = {"text": "Rail traffic resumed on the northern line after the repairs, officials said."}
    at = min(at, len(records))
    lines = [json.dumps(r) for r in records]
    lines.insert(at, json.dumps(good))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "batch.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        items = list(iter_sources([str(path)]))
    sources = [i.source for i in items]
    assert sources == [f"{path}:{n}" for n in range(1, len(lines) + 1)]
    for item in items:
        assert item.documents or item.skipped or (item.error and item.error.startswith(f"{item.source}: "))
    assert items[at].documents and items[at].documents[0].text == good["text"]
