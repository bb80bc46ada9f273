"""Bad inputs become clear error items; encodings other than UTF-8 decode right."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.ingest import IngestItem, iter_sources

RUSSIAN = (
    "Министерство обороны заявило, что ночью над областью были сбиты восемь беспилотников. "
    "Губернатор сообщил о повреждении линии электропередачи, пострадавших нет. "
    "Независимо проверить эти сведения не удалось."
)
GERMAN = (
    "Die Regierung in Kiew berichtete am Dienstag über schwere Kämpfe östlich der Stadt. "
    "Nach Angaben des Bürgermeisters wurden Schulen geschlossen; die Straßenbahnen fahren "
    "nur noch eingeschränkt. Unabhängige Bestätigungen gab es zunächst nicht, hieß es."
)


def only(path: Path, **kw: object) -> IngestItem:
    items = list(iter_sources([str(path)], **kw))  # type: ignore[arg-type]
    assert len(items) == 1
    return items[0]


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\t\n")
    assert only(empty).error == f"{empty}: file is empty"
    assert only(blank).error == f"{blank}: file is empty (whitespace only)"
    assert only(empty).documents == []


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"abc\x00\x01\x02def" * 50, "contains NUL bytes"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
        (bytes(range(1, 32)) * 40, "control characters"),
    ],
)
def test_binary_data_refused(tmp_path: Path, data: bytes, why: str) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    error = only(path).error
    assert error is not None and error.startswith(f"{path}: looks like binary data (")
    assert why in error


@pytest.mark.parametrize(("text", "encoding"), [(RUSSIAN, "cp1251"), (GERMAN, "latin-1")])
def test_legacy_encodings_decoded(tmp_path: Path, text: str, encoding: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    item = only(path)
    assert item.error is None
    assert item.documents[0].text == text


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(GERMAN.encode("utf-16"))
    assert only(path).documents[0].text == GERMAN


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [GERMAN, RUSSIAN])
def test_utf16_either_byte_order_with_or_without_bom(
    tmp_path: Path, encoding: str, text: str
) -> None:
    bom = "\ufeff".encode(encoding)
    for name, data in (("bom", bom + text.encode(encoding)), ("bare", text.encode(encoding))):
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        assert only(path).documents[0].text == text, (encoding, name)


ORBAN = (
    "Hungarian Prime Minister Viktor Orbán said on Tuesday that his government would "
    "not support new sanctions."
)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # A few accented letters fit many code pages; these came out wrong
        # ("Orbįn", "Dýþiþleri", "uþsienio") before the reading was chosen by alphabet.
        (ORBAN, "cp1252"),
        (ORBAN, "latin-1"),
        ("Viktor Orbán", "cp1252"),
        ("El ministro afirmó que la situación en Járkov era “muy grave”.", "cp1252"),
        ("Türkiye Dışişleri Bakanlığı açıklama yaptı ve görüşmelerin sürdüğünü söyledi.", "cp1254"),
        ("Lietuvos užsienio reikalų ministerija pranešė, kad į Vilnių atvyks delegacija.",
         "cp1257"),
        # ... and these must keep their own code page.
        ("Vláda v Praze oznámila, že pošle další pomoc Ukrajině, řekl mluvčí.", "cp1250"),
        ("Prezydent Wałęsa powiedział, że rząd w Warszawie przekaże pomoc.", "cp1250"),
        ("Το υπουργείο ανακοίνωσε ότι καταρρίφθηκαν οκτώ μη επανδρωμένα αεροσκάφη.", "cp1253"),
    ],
)
def test_short_legacy_texts_read_in_their_own_code_page(
    tmp_path: Path, text: str, encoding: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(encoding))
    assert only(path).documents[0].text == text


def test_nul_bytes_that_are_not_utf16_stay_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 8)
    error = only(path).error
    assert error is not None and "looks like binary data" in error


def test_over_max_bytes_small_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Officials said the convoy was delayed. " * 100, encoding="utf-8")
    assert only(path, max_bytes=1000).error == (
        f"{path}: 3.9 kB is over the 1 kB limit (use --max-bytes)"
    )
    assert only(path, max_bytes=10_000).documents


def test_fifty_megabyte_file_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    chunk = b"Reports of shelling continued through the night. " * 20_000  # ~1 MB
    with path.open("wb") as fh:
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk[: 50 * 1024 * 1024 - fh.tell()])
    assert path.stat().st_size == 52_428_800
    # The exact size in the message comes from stat: the file was never read in.
    assert only(path).error == f"{path}: 52.4 MB is over the 5 MB limit (use --max-bytes)"


def test_malformed_html(tmp_path: Path) -> None:
    junk = tmp_path / "junk.html"
    junk.write_text("<html><<<div <p></script>\n<body></ta", encoding="utf-8")
    item = only(junk)
    assert item.error == f"{junk}: no article text could be extracted from the HTML"
    broken = tmp_path / "unclosed.html"
    broken.write_text(
        "<html><head><title>Unclosed</title></head><body><article><p>Air defence units "
        "shot down a cruise missile over the western region on Sunday, the army said, and "
        "debris fell on farmland without causing casualties.<p>Residents reported loud "
        "explosions shortly before dawn, local media said.<div>",
        encoding="utf-8",
    )
    doc = only(broken).documents[0]
    assert "cruise missile" in doc.text


def test_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"text": "unterminated', encoding="utf-8")
    error = only(path).error
    assert error is not None and error.startswith(f"{path}: malformed JSON")
    path.write_text('"just a string"', encoding="utf-8")
    assert only(path).error == f"{path}: expected a JSON object, got str"


def test_malformed_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss><channel><title>x</title><item><tit', encoding="utf-8")
    error = only(path).error
    assert error is not None and error.startswith(f"{path}: malformed feed")
    notfeed = tmp_path / "notes.xml"
    notfeed.write_text("<notes><note>remember the milk</note></notes>", encoding="utf-8")
    error = only(notfeed).error
    assert error is not None and error.startswith(f"{notfeed}:")
