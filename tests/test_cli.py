"""End-to-end checks of the command line on real text (demo corpus, seed, bad input)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("demo") / "demo.sqlite")
    result = invoke("demo", "--db", db)
    assert result.exit_code == 0, result.output
    return db


def test_demo_fills_the_store_and_prints_a_brief(demo_db: str) -> None:
    result = invoke("stats", "--db", demo_db, "--json")
    counts = json.loads(result.stdout)
    assert counts["documents"] >= 12
    brief = invoke("brief", "--db", demo_db, "--format", "json")
    data = json.loads(brief.stdout)
    assert data["documents"] >= 12
    assert len(data["outlets"]) >= 4
    assert data["comments"] >= 1
    assert data["entities"], "the brief lists the most mentioned entities"
    md = invoke("brief", "--db", demo_db).stdout
    assert md.startswith("# fogwatch brief")
    assert "## Latest articles" in md


def test_demo_twice_stores_nothing_new(demo_db: str) -> None:
    before = json.loads(invoke("stats", "--db", demo_db, "--json").stdout)
    result = invoke("demo", "--db", demo_db)
    assert result.exit_code == 0
    assert "0 articles ingested" in result.stderr
    after = json.loads(invoke("stats", "--db", demo_db, "--json").stdout)
    assert after["documents"] == before["documents"]


def test_the_brief_links_back_under_a_base_url(demo_db: str) -> None:
    result = invoke("brief", "--db", demo_db, "--base-url", "http://127.0.0.1:8000/")
    assert result.exit_code == 0, result.output
    assert "](http://127.0.0.1:8000/documents/" in result.stdout
    assert "](http://127.0.0.1:8000/claims/" in result.stdout
    assert invoke("brief", "--db", demo_db, "--base-url", "javascript:x").exit_code == 2


def test_entities_and_search_read_the_store(demo_db: str) -> None:
    rows = json.loads(invoke("entities", "--db", demo_db, "--json", "--limit", "200").stdout)
    assert rows and all(r["mentions"] >= 1 for r in rows)
    assert any(r["type"] == "PERSON" for r in rows)
    assert rows == sorted(rows, key=lambda r: -r["mentions"])
    hits = json.loads(invoke("search", "Myrnohrad", "--db", demo_db, "--json").stdout)
    assert hits and all("myrnohrad" in (h["snippet"] or "").lower() or h["title"] for h in hits)


def test_bad_items_are_named_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Drone strike hits depot\n\nUkrainian drones struck a fuel depot near Belgorod "
        "on Tuesday, regional officials said.\n", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    db = str(tmp_path / "x.sqlite")
    first = invoke("ingest", str(folder), "--db", db, "--date", "2025-11-04")
    assert first.exit_code == 1
    assert "empty.txt" in first.stderr and "binary.txt" in first.stderr
    assert "1 articles ingested" in first.stderr
    # a later batch with a bad item loses nothing already stored
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    second = invoke("ingest", str(tmp_path / "broken.json"), "--db", db)
    assert second.exit_code == 1 and "broken.json" in second.stderr
    counts = json.loads(invoke("stats", "--db", db, "--json").stdout)
    assert counts["documents"] == 1


def test_folder_entries_left_out_are_named_and_links_out_are_not_followed(
    tmp_path: Path,
) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Private notes that are not news.\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Strike on Kharkiv\n\nRussian missiles hit Kharkiv on Monday, the mayor said.\n",
        encoding="utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")
    (folder / "link.txt").symlink_to(outside)
    db = str(tmp_path / "x.sqlite")
    result = invoke("ingest", str(folder), "--db", db, "--no-analyze", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    named = {Path(e["source"]).name for e in report["left_out"]}
    assert named == {"notes.docx", "link.txt"}
    assert "2 folder entries left out" in result.stderr
    assert report["ingested"] == 1
    followed = invoke("ingest", str(folder), "--db", db, "--no-analyze", "--follow-symlinks",
                      "--json")
    assert json.loads(followed.stdout)["ingested"] == 1  # the linked file, now followed


def test_repair_finishes_what_a_stopped_ingest_left(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Strike on Kharkiv\n\nRussian missiles hit Kharkiv on Monday, the mayor said.\n",
        encoding="utf-8")
    db = str(tmp_path / "x.sqlite")
    assert invoke("ingest", str(folder), "--db", db, "--no-analyze").exit_code == 0
    stats = invoke("stats", "--db", db)
    assert "fogwatch repair" in stats.stderr
    assert json.loads(invoke("stats", "--db", db, "--json").stdout)["documents_not_analysed"] == 1
    repaired = invoke("repair", "--db", db)
    assert repaired.exit_code == 0 and "1 analysed" in repaired.stderr
    counts = json.loads(invoke("stats", "--db", db, "--json").stdout)
    assert counts["documents_not_analysed"] == counts["documents_not_reconciled"] == 0
    assert "Nothing to repair" in invoke("repair", "--db", db).stderr


def test_plain_text_can_be_given_its_outlet_title_author_and_url(tmp_path: Path) -> None:
    article = tmp_path / "analysis.txt"
    article.write_text(
        "Ukrainian drones struck a fuel depot near Belgorod on Tuesday, regional officials "
        "said.\n\nThe governor said nobody was hurt.\n\n\nReader one: I doubt it.\n",
        encoding="utf-8")
    db = str(tmp_path / "x.sqlite")
    result = invoke("ingest", str(article), "--db", db, "--no-analyze", "--json",
                    "--outlet", "The Steppe Review", "--title", "Depot hit",
                    "--author", "A. Writer", "--url", "https://example.org/depot")
    assert result.exit_code == 0, result.output
    from fogwatch.store import Store

    with Store.open(db) as store:
        [doc] = store.documents()
        assert (doc.outlet, doc.title, doc.author, doc.url) == (
            "The Steppe Review", "Depot hit", "A. Writer", "https://example.org/depot")
        [comment] = store.documents(section="comment")
        assert comment.parent_id == doc.id and comment.url != doc.url
    refused = invoke("ingest", str(tmp_path), "--db", db, "--title", "One title")
    assert refused.exit_code == 2 and "one file" in refused.output
    refused = invoke("ingest", str(article), "--db", db, "--url", "javascript:alert(1)")
    assert refused.exit_code == 2


def test_brief_html_escapes_hostile_titles(tmp_path: Path) -> None:
    article = {
        "title": "<script>alert(1)</script>",
        "outlet": "<b>Bad Outlet</b>",
        "published": "2025-11-05",
        "text": "Officials in Kharkiv said a missile hit a warehouse on Monday night.",
    }
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    db = str(tmp_path / "x.sqlite")
    assert invoke("ingest", str(path), "--db", db).exit_code == 0
    page = invoke("brief", "--db", db, "--format", "html").stdout
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Bad Outlet</b>" not in page


def test_stdin_and_date_option(tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite")
    text = "Kyiv said on Friday that its air defences downed forty drones overnight.\n"
    result = invoke("ingest", "-", "--db", db, "--date", "2025-11-07", input=text)
    assert result.exit_code == 0, result.stderr
    docs = json.loads(invoke("brief", "--db", db, "--format", "json").stdout)["articles"]
    assert docs[0]["date"] == "2025-11-07"
    bad = invoke("ingest", "-", "--db", db, "--date", "7 Nov", input=text)
    assert bad.exit_code != 0


def test_an_undated_article_is_named_and_the_empty_timeline_says_why(tmp_path: Path) -> None:
    db = str(tmp_path / "x.sqlite")
    article = tmp_path / "raid.txt"
    article.write_text("Ukrainian drones struck a fuel depot near Bryansk last week, "
                       "regional officials said on Monday.\n", encoding="utf-8")
    result = invoke("ingest", str(article), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "1 article without a publication date" in result.stderr
    assert "raid.txt" in result.stderr
    assert json.loads(invoke("stats", "--db", db, "--json").stdout)["documents_undated"] == 1
    empty = invoke("timeline", "--db", db)
    assert "No events match" in empty.stderr and "without a publication date" in empty.stderr
    dated = str(tmp_path / "dated.sqlite")
    result = invoke("ingest", str(article), "--db", dated, "--date", "2025-11-10")
    assert "without a publication date" not in result.stderr
    assert json.loads(invoke("stats", "--db", dated, "--json").stdout)["documents_undated"] == 0


SEED_PEOPLE = ["Putin", "Trump", "Zelensky", "Gerasimov", "Rubio", "Lavrov", "Budanov",
               "Orbán", "Podvig", "Leviev", "Belousov", "Volodin"]
SEED_PLACES = ["Pokrovsk", "Myrnohrad", "Kupyansk", "Anchorage", "Budapest", "Donbas"]
SEED_WEAPONS = ["Oreshnik", "Burevestnik", "Poseidon", "Tomahawk"]
SEED_ORGS = ["Levada Center", "Lukoil", "Gunvor"]


def test_analyze_json_on_the_seed(seed_path: Path) -> None:
    result = invoke("analyze", str(seed_path), "--date", "2025-11-10", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("document", "entities", "times", "attributions", "events", "quantities", "places"):
        assert key in data
    assert data["document"]["published"] == "2025-11-10"
    assert len(data["comments"]) == 2, "the seed's two reader comments are kept apart"
    text = data["document"]["text"]

    def of_type(types: set[str]) -> list[str]:
        names = []
        for e in data["entities"]:
            if e["type"] in types:
                names += [e["name"], *e["aliases"]]
        return names

    def has(names: list[str], wanted: str) -> bool:
        return any(wanted.lower() in n.lower() for n in names)

    for person in SEED_PEOPLE:
        assert has(of_type({"PERSON"}), person), person
    for place in SEED_PLACES:
        assert has(of_type({"GPE", "LOC"}), place), place
    for weapon in SEED_WEAPONS:
        assert has(of_type({"WEAPON"}), weapon), weapon
    for org in SEED_ORGS:
        assert has(of_type({"ORG"}), org), org
    trumps = [e for e in data["entities"] if e["type"] == "PERSON" and "trump" in e["name"].lower()]
    assert len(trumps) == 1, [t["name"] for t in trumps]
    for m in trumps[0]["mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    # every "Trump" in the body that names the man (not "Trump-friendly" style compounds)
    assert len(trumps[0]["mentions"]) >= 18


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Front Notes</title><link>https://front-notes.example/</link>
{items}
</channel></rss>"""
ITEM = """<item><guid>{guid}</guid><title>{title}</title><link>https://front-notes.example/{guid}</link>
<pubDate>Tue, 04 Nov 2025 08:00:00 +0000</pubDate>
<description>{text}</description></item>"""


def _feed(path: Path, n: int) -> None:
    stories = [
        ("a1", "Sumy shelled overnight", "Regional officials said artillery hit two villages near Sumy overnight."),
        ("a2", "Talks in Istanbul delayed", "Both delegations said the Istanbul talks would slip by a week."),
        ("a3", "Depot fire in Bryansk", "A fuel depot in Bryansk burned after a drone attack, the governor said."),
    ]
    items = "\n".join(ITEM.format(guid=g, title=t, text=x) for g, t, x in stories[:n])
    path.write_text(RSS.format(items=items), encoding="utf-8")


def test_watch_skips_what_it_has_seen_across_restarts(tmp_path: Path) -> None:
    feed = tmp_path / "front.xml"
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# my feeds\n\n{feed}\n", encoding="utf-8")
    db = str(tmp_path / "w.sqlite")
    _feed(feed, 2)
    first = invoke("watch", str(feeds), "--once", "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "2 articles ingested" in first.stderr
    _feed(feed, 3)  # a new entry appears; the watcher was restarted in between
    second = invoke("watch", str(feeds), "--once", "--db", db)
    assert "1 articles ingested" in second.stderr
    assert "2 already seen" in second.stderr
    assert json.loads(invoke("stats", "--db", db, "--json").stdout)["documents"] == 3


def test_watch_rejects_a_bad_interval(tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://front-notes.example/rss\n", encoding="utf-8")
    result = invoke("watch", str(feeds), "--every", "soon", "--once")
    assert result.exit_code == 2
    assert "soon" in result.stderr


def test_serve_builds_the_app_and_hands_it_to_uvicorn(demo_db: str, monkeypatch) -> None:
    import uvicorn

    served: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, **kw: served.update(app=web, **kw))
    monkeypatch.delenv("FOGWATCH_API_TOKEN", raising=False)
    result = invoke("serve", "--db", demo_db, "--port", "8123")
    assert result.exit_code == 0, result.output
    assert served["port"] == 8123 and served["host"] == "127.0.0.1"
    from fastapi.testclient import TestClient

    with TestClient(served["app"]) as client:
        assert client.get("/claims").status_code == 200
    assert "API writes disabled" in result.output
