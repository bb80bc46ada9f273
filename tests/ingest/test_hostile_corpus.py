"""A folder of hostile inputs, written here, through ``iter_sources``.

Nothing may escape as an exception, no good record may be lost because of a bad
neighbour, every failure must name its file (and the record's position inside
it), and every entry the folder walk leaves out must be named with its reason.
"""

from __future__ import annotations

import json
import os
import random
import re
from pathlib import Path

import pytest

from fogwatch.ingest import IngestItem, iter_sources

GOOD = "Air defence units shot down {n} drones over the region overnight, the governor said."


def good(n: int, **extra: object) -> dict[str, object]:
    return {"text": GOOD.format(n=n), "title": f"Night report {n}", **extra}


def line(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=True)


def name_encoding(name: str) -> str:
    return "utf-16-le" if "le" in name else "utf-16-be"


def build(root: Path) -> tuple[Path, set[str], dict[str, str], dict[str, str]]:
    """The corpus folder; the sources that must give documents; the error sources
    expected, each with a word its message must hold; the skipped entries, by kind."""
    corpus = root / "corpus"
    corpus.mkdir()
    expect_docs: set[str] = set()
    expect_errors: dict[str, str] = {}

    def put(name: str, data: bytes) -> str:
        path = corpus / name
        path.write_bytes(data)
        return str(path)

    expect_errors[put("empty.txt", b"")] = "empty"
    expect_errors[put("junk.txt", random.Random(7).randbytes(4096))] = "binary"
    expect_errors[put("archive.txt", b"\x1f\x8b\x08" + bytes(2000))] = "gzip"
    # A single 4 MB line is still one good article; 6 MB is refused from its size.
    expect_docs.add(put("one_line.txt", ("Shelling was reported near the port. " * 110_000).encode()))
    expect_errors[put("over_limit.txt", b"x" * 6_000_000)] = "limit"
    expect_errors[put("deep.json", b"[" * 200_000)] = "nested too deeply"
    expect_errors[put("malformed.json", b'{"text": "unterminated')] = "malformed JSON"
    # Legacy and UTF-16 encodings, with and without a byte-order mark.
    latin1 = "Viktor Orbán said on Tuesday that Budapest would not back new sanctions."
    expect_docs.add(put("latin1.txt", latin1.encode("latin-1")))
    utf16 = "Officials in Kharkiv said power was restored to most districts by noon."
    for name, data in (
        ("utf16le_bom.txt", b"\xff\xfe" + utf16.encode("utf-16-le")),
        ("utf16be_bom.txt", b"\xfe\xff" + utf16.encode("utf-16-be")),
        ("utf16le_bare.txt", utf16.encode("utf-16-le")),
        ("utf16be_bare.txt", utf16.encode("utf-16-be")),
    ):
        expect_docs.add(put(name, data + f" ({name})".encode(name_encoding(name))))
    expect_errors[put("bad_bom.txt", b"\xff\xfe" + b"\x00\xd8" + b"a\x00")] = "byte-order mark"

    # JSONL: good lines with every kind of bad line between them.
    jsonl = corpus / "mixed.jsonl"
    lines: list[tuple[str, str | None]] = [  # (line, None for good or a word of the error)
        (line(good(1)), None),
        (line(good(2, published="Thu, 01 Jan 1970 00:00:00 +9999")), "UTC offset"),
        (line(good(3)), None),
        (line(good(4, published="-5000-01-01")), "year -5000"),
        (line(good(5, published=True)), "'published' must be"),
        (line(good(6)), None),
        ('{"text": "unterminated', "malformed JSON"),
        (line(good(7)), None),
        ("NaN", "NaN is not a JSON value"),
        ("[1, 2, 3]", "expected a JSON object"),
        (line(good(8)), None),
        ("[" * 50_000, "nested too deeply"),
        ('{"text": "lone \\ud800 surrogate"}', "unpaired surrogate"),
        (line(good(9)), None),
        (line(good(10, title=5)), "'title' must be a string"),
        (line(good(11, url=["https://a.example"])), "'url' must be a string"),
        (line(good(12, outlet={"id": 3})), 'got an object without a "name"'),
        (line(good(12, outlet={"name": "Wire"}, author=[{"name": "A. B."}, "C. D."])), None),
        (line(good(13, author=[1, 2])), "'author' must be"),
        (line(good(14, published=2025)), "not a Unix timestamp"),
        (line({"text": GOOD.format(n=15), "deep": json.loads("[" * 100 + "]" * 100)}), "levels deep"),
        ('{"text": ' + "9" * 5000 + "}", "digits"),
        (line(good(16, comments=[{"text": "Thanks", "published": "2025-02-30"}])), "comment 1"),
        (line(good(17)), None),
    ]
    jsonl.write_text("\n".join(text for text, _ in lines) + "\n", encoding="utf-8")
    for number, (_, why) in enumerate(lines, start=1):
        source = f"{jsonl}:{number}"
        if why is None:
            expect_docs.add(source)
        else:
            expect_errors[source] = why

    # A JSON list, the same way.
    items: list[tuple[object, str | None]] = [
        (good(20), None),
        (good(21, published="0000-01-01"), "year 0000"),
        (good(22), None),
        (5, "expected a JSON object"),
        (good(23, text=["a", "list"]), "'text' must be a string"),
        (good(24), None),
    ]
    listing = corpus / "list.json"
    listing.write_text(json.dumps([obj for obj, _ in items]), encoding="utf-8")
    for index, (_, why) in enumerate(items):
        source = f"{listing}[{index}]"
        if why is None:
            expect_docs.add(source)
        else:
            expect_errors[source] = why

    # Feeds: one malformed, one with a bad entry between good ones.
    expect_errors[put("broken.rss", b'<?xml version="1.0"?><rss><channel><item><tit')] = "malformed feed"
    entries = [("e1", "Tue, 07 May 2024 10:00:00 +0000"), ("e2", "Thu, 01 Jan 1970 00:00:00 +9999"),
               ("e3", "Wed, 08 May 2024 10:00:00 +0000")]
    feed = corpus / "feed.xml"
    feed.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test wire</title>'
        + "".join(
            f"<item><title>Entry {key}</title><guid>{key}</guid><pubDate>{date}</pubDate>"
            f"<description>{GOOD.format(n=key)}</description></item>"
            for key, date in entries
        )
        + "</channel></rss>",
        encoding="utf-8",
    )
    expect_docs.update({f"{feed}#e1", f"{feed}#e3"})
    expect_errors[f"{feed}#e2"] = "UTC offset"

    # Entries the walk must name and leave out.
    skips: dict[str, str] = {}
    os.mkfifo(corpus / "pipe.txt")
    skips["pipe.txt"] = "not-a-file"
    os.symlink("loop.txt", corpus / "loop.txt")
    skips["loop.txt"] = "symlink-loop"
    (corpus / "sub").mkdir()
    os.symlink("..", corpus / "sub" / "up")
    skips["sub/up"] = "symlink-loop"
    outside = root / "outside.txt"
    outside.write_text("A text beside the folder, not in it.", encoding="utf-8")
    os.symlink(outside, corpus / "escape.txt")
    skips["escape.txt"] = "symlink-outside"
    os.symlink(root / "nowhere.txt", corpus / "dangling.txt")
    skips["dangling.txt"] = "symlink-broken"  # broken first, wherever it would lead
    os.symlink("missing.txt", corpus / "sub" / "dangling.md")
    skips["sub/dangling.md"] = "symlink-broken"
    put("notes.docx", b"PK\x03\x04whatever")
    skips["notes.docx"] = "unsupported"
    put(".DS_Store", b"\x00\x00\x00\x01Bud1")
    skips[".DS_Store"] = "hidden"
    if os.geteuid() != 0:  # root reads every folder whatever its mode
        locked = corpus / "locked"
        locked.mkdir()
        (locked / "secret.txt").write_text("unreachable", encoding="utf-8")
        locked.chmod(0)
        skips["locked"] = "unreadable"
    return corpus, expect_docs, expect_errors, skips


@pytest.fixture
def corpus(tmp_path: Path):  # type: ignore[no-untyped-def]
    built = build(tmp_path)
    yield built
    locked = built[0] / "locked"
    if locked.exists():
        locked.chmod(0o755)  # so that pytest can clean up


def test_hostile_corpus_loses_nothing_and_names_every_failure(
    corpus: tuple[Path, set[str], dict[str, str], dict[str, str]],
) -> None:
    folder, expect_docs, expect_errors, skips = corpus
    items: list[IngestItem] = list(iter_sources([str(folder)]))  # nothing may escape

    with_docs = {i.source for i in items if i.documents}
    assert with_docs == expect_docs  # every good record kept, no bad one let through
    assert len(with_docs) == 19  # 6 files, 8 JSONL lines, 3 list objects, 2 feed entries
    errors = {i.source: i.error for i in items if i.error}
    assert set(errors) == set(expect_errors)
    for source, message in errors.items():
        assert message is not None and message.startswith(f"{source}:"), message
        assert expect_errors[source] in message, (source, message)
        assert "unexpected error" not in message, message  # a guard caught a bug
        # The position inside a many-record file is part of the name.
        if source.startswith((f"{folder}/mixed.jsonl", f"{folder}/list.json", f"{folder}/feed.xml")):
            assert re.search(r"(:\d+|\[\d+\]|#\w+)$", source), source
    skipped = {Path(i.source).relative_to(folder).as_posix(): i for i in items if i.skipped}
    assert {rel: i.skip_kind for rel, i in skipped.items()} == skips
    assert all(i.skipped and not i.documents and not i.error for i in skipped.values())
    assert "not followed" in skipped["escape.txt"].skipped  # type: ignore[operator]

    # Every one of those came out once, and nothing else did.
    assert len(items) == len(with_docs) + len(errors) + len(skipped)

    # The values are right, not merely present.
    by_source = {i.source: i for i in items}
    assert by_source[f"{folder}/latin1.txt"].documents[0].text.startswith("Viktor Orbán said")
    for name in ("utf16le_bom.txt", "utf16be_bom.txt", "utf16le_bare.txt", "utf16be_bare.txt"):
        assert by_source[f"{folder}/{name}"].documents[0].text.startswith("Officials in Kharkiv")
    feed_doc = by_source[f"{folder}/feed.xml#e3"].documents[0]
    assert feed_doc.published == "2024-05-08T10:00:00+00:00"


def test_symlinks_out_of_the_folder_are_followed_when_asked(
    corpus: tuple[Path, set[str], dict[str, str], dict[str, str]],
) -> None:
    folder = corpus[0]
    items = {i.source: i for i in iter_sources([str(folder)], follow_symlinks=True)}
    escape = items[f"{folder}/escape.txt"]
    assert escape.documents and escape.documents[0].text == "A text beside the folder, not in it."
    # Loops stay loops, and a link to nothing is still named.
    assert items[f"{folder}/loop.txt"].skip_kind == "symlink-loop"
    assert items[f"{folder}/sub/up"].skip_kind == "symlink-loop"
    assert items[f"{folder}/dangling.txt"].skip_kind == "symlink-broken"


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD.format(n=1), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "b.txt").write_text(GOOD.format(n=2), encoding="utf-8")
    os.symlink(tmp_path / "docs", tmp_path / "alias")
    items = list(iter_sources([str(tmp_path)]))
    names = {Path(i.source).relative_to(tmp_path).as_posix(): i for i in items}
    assert names["a.txt"].documents
    # The file is read through the link ("alias" sorts first); reached again by its own
    # path it is the same article: a duplicate, named.
    assert names["alias/b.txt"].documents
    assert names["docs/b.txt"].skip_kind == "duplicate"


def test_entity_bomb_and_deep_markup_end_quickly_as_one_item_each(tmp_path: Path) -> None:
    # "Billion laughs": ten levels of ten-fold entities would be 10^9 words expanded.
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    )
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE rss [{entities}]><rss version="2.0"><channel>'
        "<title>t</title><item><title>x</title><description>&lol9;</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + GOOD.format(n=1) + "</body></html>",
                    encoding="utf-8")
    for path in (bomb, deep):
        items = list(iter_sources([str(path)]))
        assert len(items) == 1, items
        item = items[0]
        assert item.source.startswith(str(path))
        assert item.error is None or item.error.startswith(f"{item.source}:")
        assert all(len(doc.text) < 100_000 for doc in item.documents)  # nothing expanded
