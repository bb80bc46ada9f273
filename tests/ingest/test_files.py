"""Every file-like input kind, on texts written for these tests."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from fogwatch.ingest import IngestItem, iter_sources

from .conftest import FIXTURES


def one(sources: list[str], **kw: object) -> IngestItem:
    items = list(iter_sources(sources, **kw))  # type: ignore[arg-type]
    assert len(items) == 1, items
    return items[0]


def test_txt_title_dateline_and_comments_after_blank_run() -> None:
    path = FIXTURES / "article_with_comments.txt"
    item = one([str(path)])
    assert item.error is None
    article, *comments = item.documents
    assert article.title == "Grain Corridor Talks Stall Again in Istanbul"
    assert article.text.startswith("Grain Corridor Talks")  # a guessed title stays in the text
    assert article.text.endswith("after the talks ended.")
    assert "insurance angle" not in article.text
    assert article.published == "2024-03-04"
    assert article.date_source == "inferred"
    assert article.date_evidence == "ISTANBUL, Turkey, March 4, 2024"
    assert article.source == str(path)
    assert [c.section for c in comments] == ["comment", "comment"]
    assert all(c.parent_id == article.id for c in comments)
    assert comments[0].text == "Good summary. The insurance angle is what nobody else reports."
    assert comments[1].text.startswith("I would like to know")
    # A comment is anchored on its article's date, and says so.
    assert comments[0].published == "2024-03-04"
    assert comments[0].date_evidence == "date of the article it comments on"


def test_given_date_overrides_inferred_but_not_metadata(tmp_path: Path) -> None:
    item = one([str(FIXTURES / "article_with_comments.txt")], date="2024-03-05")
    assert (item.documents[0].published, item.documents[0].date_source) == ("2024-03-05", "given")
    item = one([str(FIXTURES / "briefing.md")], date="2024-07-01")
    assert (item.documents[0].published, item.documents[0].date_source) == ("2024-06-14", "metadata")
    with pytest.raises(ValueError, match="not a calendar date"):
        list(iter_sources([str(FIXTURES / "briefing.md")], date="next week"))


def test_header_lines_are_metadata_not_text(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text(
        "Title: Dam level falls after spillway damage\nDate: 12 June 2024\nAuthor: O. Melnyk\n"
        "URL: https://www.river-wire.example/dam\nDesk: regional\n\n"
        "Water levels behind the dam fell by half a metre overnight, the operator said.\n",
        encoding="utf-8",
    )
    doc = one([str(path)]).documents[0]
    assert doc.text == "Water levels behind the dam fell by half a metre overnight, the operator said."
    assert doc.title == "Dam level falls after spillway damage"
    assert (doc.published, doc.date_source) == ("2024-06-12", "metadata")
    assert doc.author == "O. Melnyk"
    assert doc.url == "https://www.river-wire.example/dam"
    assert doc.outlet == "river-wire.example"
    assert doc.metadata == {"Desk": "regional"}


def test_text_not_cut_when_every_paragraph_is_double_spaced(tmp_path: Path) -> None:
    path = tmp_path / "spaced.txt"
    path.write_text("First paragraph here.\n\n\nSecond paragraph.\n\n\nThird one.\n", encoding="utf-8")
    docs = one([str(path)]).documents
    assert len(docs) == 1
    assert docs[0].text.endswith("Third one.")


def test_windows_newlines_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Shelling reported near Vuhledar.\r\nOfficials gave no figures.\r\n")
    doc = one([str(path)]).documents[0]
    assert doc.text == "Shelling reported near Vuhledar.\nOfficials gave no figures."


def test_markdown_front_matter() -> None:
    doc = one([str(FIXTURES / "briefing.md")]).documents[0]
    assert doc.title == "Weekly front-line briefing: Zaporizhzhia sector"
    assert doc.author == "Mira Kovalenko"
    assert doc.outlet == "Field Notes Weekly"
    assert doc.metadata == {"tags": "frontline, weekly"}
    assert doc.text.startswith("# Weekly front-line briefing")
    assert "---" not in doc.text


def test_html_file_text_metadata_and_separate_comments() -> None:
    item = one([str(FIXTURES / "page_with_comments.html")])
    assert item.error is None
    article, *comments = item.documents
    assert article.title == "Power cuts return to Kharkiv after overnight strikes"
    assert article.author == "Taras Hnatiuk"
    assert article.outlet == "Eastern Ledger"
    assert article.published == "2024-05-19T06:45:00+03:00"
    assert article.date_source == "metadata"
    assert "regional energy company" in article.text
    assert "Front page" not in article.text and "generator for the whole night" not in article.text
    assert len(comments) == 2
    assert comments[0].author == "nightshift_nurse"
    assert comments[0].text.startswith("Our ward ran on the generator")
    assert comments[1].text == (
        "Trams on line 5 stopped at midnight and started again at six.\n"
        "The depot had its own supply restored first."
    )
    assert {c.parent_id for c in comments} == {article.id}


def test_json_object_with_aliases() -> None:
    doc = one([str(FIXTURES / "article.json")]).documents[0]
    assert doc.url == "https://www.steppe-herald.example/world/ceasefire-proposal"
    assert doc.outlet == "steppe-herald.example"
    assert doc.author == "Dana Orlova"
    assert doc.text.startswith("A draft ceasefire proposal")
    assert (doc.published, doc.date_source) == ("2024-03-21T14:05:00+00:00", "metadata")
    assert doc.metadata == {"language": "en", "wordcount": 31}


def test_json_list_names_each_object(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([
        {"text": "Two drones were shot down over the capital, the air force said."},
        {"title": "nothing else"},
    ]), encoding="utf-8")
    items = list(iter_sources([str(path)]))
    assert [i.source for i in items] == [f"{path}[0]", f"{path}[1]"]
    assert items[0].documents and items[1].error and "no article text" in items[1].error


def test_jsonl_lines_comments_and_bad_lines() -> None:
    path = FIXTURES / "articles.jsonl"
    items = list(iter_sources([str(path)]))
    assert [i.source for i in items] == [f"{path}:{n}" for n in (1, 2, 3, 4)]
    ferry, bridge, broken, empty = items
    article, c1, c2 = ferry.documents
    assert article.outlet == "harbourpost.example"
    assert article.metadata == {"section_name": "Region"}
    assert (c1.section, c1.parent_id, c1.text) == ("comment", article.id, "Finally. My parents live on the island.")
    assert (c2.author, c2.published, c2.date_source) == ("sea_breeze", "2024-05-12T08:00:00+00:00", "metadata")
    assert bridge.documents[0].outlet == "Dnipro Daily"
    assert bridge.documents[0].published == "2024-05-14"
    assert bridge.documents[0].title == "Bridge repair finished ahead of schedule"
    assert broken.error and broken.error.startswith(f"{path}:3: malformed JSON")
    assert empty.error == f"{path}:4: no article text (expected one of: text, body, content, article, maintext, html, raw_html)"


def test_folder_recursive_sorted_known_extensions_only(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    shutil.copy(FIXTURES / "briefing.md", tmp_path / "b" / "briefing.md")
    shutil.copy(FIXTURES / "article.json", tmp_path / "a.json")
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04whatever")
    (tmp_path / ".hidden" / "x.txt").write_text("hidden text", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Reports of explosions in the port area.", encoding="utf-8")
    items = list(iter_sources([str(tmp_path)]))
    read = [i for i in items if not i.skipped]
    assert [Path(i.source).relative_to(tmp_path).as_posix() for i in read] == [
        "a.json", "b/briefing.md", "c.txt"
    ]
    assert all(i.error is None for i in read)
    # What the walk leaves out is named, with the reason, in the same order.
    skipped = {Path(i.source).relative_to(tmp_path).as_posix(): (i.skip_kind, i.skipped)
               for i in items if i.skipped}
    assert skipped == {
        ".hidden": ("hidden", "hidden (its name starts with a dot)"),
        "notes.docx": ("unsupported", "not an ingestible file type (.docx)"),
    }


def test_duplicates_within_one_call_are_skipped() -> None:
    path = str(FIXTURES / "article.json")
    first, second = iter_sources([path, path])
    assert first.documents and not first.skipped
    assert second.documents == [] and second.skipped == f"duplicate of {path}"


def test_stdin_text_and_html(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Kyiv says drones hit a depot.\nNo casualties.\n"))
    item = one(["-"])
    assert item.source == "stdin"
    assert item.documents[0].text == "Kyiv says drones hit a depot.\nNo casualties."
    html = (FIXTURES / "page_with_comments.html").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(html), encoding="utf-8"))
    item = one(["-"])
    assert item.documents[0].outlet == "Eastern Ledger"
    assert len(item.documents) == 3


def test_missing_path_is_an_error_item_and_the_batch_goes_on(tmp_path: Path) -> None:
    items = list(iter_sources([str(tmp_path / "nope.txt"), str(FIXTURES / "article.json")]))
    assert items[0].error == f"{tmp_path / 'nope.txt'}: no such file or folder"
    assert items[1].documents


@pytest.mark.seed
def test_seed_article_body_and_two_comments(seed_file: Path) -> None:
    item = one([str(seed_file)])
    article, *comments = item.documents
    raw = seed_file.read_text(encoding="utf-8")
    assert len(comments) == 2
    assert article.text.endswith("resume trying to force it into a bad peace.")
    assert "Thank you for this update" not in article.text
    assert "Europe is the only hope" not in article.text
    assert raw.startswith(article.text)  # the body is the file's own text, offsets intact
    assert comments[0].text.startswith("Thank you for this update Cathy")
    assert comments[1].text.startswith("Europe is the only hope.")
    assert all(c.parent_id == article.id and c.section == "comment" for c in comments)
    assert article.title == "‘Peace Through Trump’ in Ukraine? Don’t Count on It."
    assert article.published is None  # the seed states no full date; nothing is made up


def test_html_comment_class_inside_the_article_is_not_a_reader_comment(tmp_path: Path) -> None:
    path = tmp_path / "opinion.html"
    path.write_text(
        "<html><head><title>Opinion</title></head><body><article class='section-comment'>"
        "<h1>Why the winter matters more than the summer offensive</h1>"
        "<div class='comment'><p>Energy strikes will decide more this winter than any push on "
        "the ground, because cold and darkness wear down a society faster than shelling does, "
        "and both sides have planned their campaigns around that fact for months.</p></div>"
        "<p>Repair crews, not generals, may be the ones who matter most until March, and the "
        "governments that support them know it.</p></article></body></html>",
        encoding="utf-8",
    )
    docs = one([str(path)]).documents
    assert "Energy strikes will decide" in docs[0].text
    assert len(docs) == 1
