"""Bytes to text: bounded reads, binary sniffing, encoding detection.

The text that comes out is the text every later offset points into, so the only
change made to it is newline normalisation (``\\r\\n`` and ``\\r`` become ``\\n``).
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path
from typing import BinaryIO

from fogwatch.ingest.errors import IngestError, too_big

DEFAULT_MAX_BYTES = 5_000_000

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Well-known binary formats, named in the error so the user knows what they fed in.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Share of code units with a NUL high byte from which NUL-bearing data may be UTF-16.
_UTF16_MIN_NUL_SHARE = 0.1

# The non-ASCII letters of the Latin-script languages whose legacy code pages
# (cp1250, cp1252, cp1254, cp1257 and their ISO cousins) are easily confused.
_ALPHABETS: tuple[frozenset[str], ...] = tuple(
    frozenset(letters)
    for letters in (
        "äöüß",  # German
        "àâæçéèêëîïôœùûüÿ",  # French
        "áéíñóúü",  # Spanish
        "áâãàçéêíóôõú",  # Portuguese
        "àèéìíîòóù",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéíóúëïöüèàä",  # Dutch
        "æøåéóäö",  # Danish, Norwegian
        "åäöéü",  # Swedish
        "åäöšž",  # Finnish
        "áðéíóúýþæö",  # Icelandic
        "áéíóöőúüű",  # Hungarian
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąćęłńóśźż",  # Polish
        "ăâîșțşţ",  # Romanian
        "čćđšž",  # Croatian, Serbian, Slovene
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äöõüšž",  # Estonian
        "çğıöşü",  # Turkish
        "çë",  # Albanian
    )
) + tuple(
    # Whole non-Latin scripts: Cyrillic, Greek, Hebrew and Arabic text fits "one alphabet".
    frozenset(ch for ch in map(chr, range(first, last)) if ch.isalpha())
    for first, last in ((0x0400, 0x0530), (0x0370, 0x0400), (0x05D0, 0x05F0), (0x0600, 0x0700))
)

# Single-byte code pages of Latin-script text that short texts make hard to tell
# apart; cp1252 first, as the tie-breaker.
_LATIN_CODE_PAGES = ("cp1252", "cp1250", "cp1254", "cp1257")
# How much of a long text the reading comparison looks at.
_SAMPLE_CHARS = 200_000

# Share of control characters above which decoded text is treated as binary noise.
_MAX_CONTROL_SHARE = 0.05


def read_file(path: Path, name: str, max_bytes: int) -> bytes:
    """Read a file, refusing it from its size alone when it is over ``max_bytes``."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(f"{name}: cannot read ({err.strerror or err})") from err
    if size > max_bytes:
        raise too_big(name, size, max_bytes)
    try:
        with path.open("rb") as fh:
            # Bounded even if the file grew after stat (a log being written, a pipe).
            data = fh.read(max_bytes + 1)
    except OSError as err:
        raise IngestError(f"{name}: cannot read ({err.strerror or err})") from err
    if len(data) > max_bytes:
        raise too_big(name, None, max_bytes)
    return data


def read_stream(stream: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big(name, None, max_bytes)
    return data


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode ``data`` to text; raise :class:`IngestError` for empty or binary input.

    Order: a byte-order mark, then strict UTF-8, then the ``declared`` charset (an
    HTTP header) when it decodes cleanly, then charset-normalizer's detection.
    """
    if not data.strip():
        raise IngestError(f"{name}: file is empty" + ("" if data == b"" else " (whitespace only)"))
    text = _decode(data, name, declared)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(f"{name}: file is empty (whitespace only)")
    _refuse_control_noise(text, name)
    return text


def _decode(data: bytes, name: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as err:
                raise IngestError(f"{name}: invalid {encoding} text after its byte-order mark") from err
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise IngestError(f"{name}: looks like binary data ({what})")
    if b"\x00" in data[:65536]:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
        raise IngestError(f"{name}: looks like binary data (contains NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(
            f"{name}: looks like binary data (no text encoding fits; not UTF-8, "
            "and no single-byte or multi-byte charset was detected)"
        )
    detected = str(best)
    from charset_normalizer.utils import is_multi_byte_encoding

    if is_multi_byte_encoding(best.encoding):
        return detected
    return _best_single_byte_reading(data, detected, best.chaos)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text written without a byte-order mark, or None.

    Text in UTF-16 has NUL bytes all on one side of each code unit (ASCII and Latin
    text) and few distinct high bytes (one script's block); binary data has NULs
    anywhere. Only a strict decode of text that looks like that is accepted.
    """
    sample = data[:65536]
    if len(data) % 2 or len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if high.count(0) < len(high) * _UTF16_MIN_NUL_SHARE or low.count(0) > len(low) // 100:
            continue
        blocks = sorted((high.count(b) for b in set(high)), reverse=True)
        if sum(blocks[:3]) < len(high) * 0.95:
            continue
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    return None


def _best_single_byte_reading(data: bytes, detected: str, chaos: float) -> str:
    """The reading of ``data`` whose letters best fit one language's alphabet.

    A short text with a few accented letters ("Viktor Orbán said ...") fits many
    single-byte code pages equally well, and charset-normalizer then picks one by
    statistics that a handful of letters cannot decide: cp1257 gives "Orbįn",
    cp1250 turns Turkish "Dışişleri" into "Dýţiţleri". A reading is a candidate
    when it decodes strictly and is no messier than the detected one; of those,
    the one with the fewest letters outside a single alphabet wins, and a tie goes
    to cp1252 (by far the most common legacy encoding of Latin-script text), then
    to the detected reading. Cyrillic or Greek text read as Latin is messier, and
    Czech read as cp1252 has letters no one alphabet holds ("Ukrajinì, øekl").
    """
    from charset_normalizer.md import mess_ratio

    readings = [detected]
    for encoding in _LATIN_CODE_PAGES:
        try:
            reading = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if reading in readings:
            continue
        if mess_ratio(reading[:_SAMPLE_CHARS], maximum_threshold=1.0) > chaos + 0.01:
            continue
        readings.append(reading)
    if len(readings) == 1:
        return detected
    western = data.decode("cp1252", errors="replace")

    def rank(reading: str) -> tuple[int, int]:
        tie = 0 if reading == western else 1 if reading is detected else 2
        return _letters_outside_alphabet(reading[:_SAMPLE_CHARS]), tie

    return min(readings, key=rank)


def _letters_outside_alphabet(text: str) -> int:
    """How many distinct non-ASCII letters of ``text`` the best-fitting alphabet lacks."""
    letters = {ch for ch in text.lower() if ord(ch) > 127 and ch.isalpha()}
    if not letters:
        return 0
    return min(len(letters - alphabet) for alphabet in _ALPHABETS)


def _refuse_control_noise(text: str, name: str) -> None:
    sample = text[:65536]
    controls = sum(
        1 for ch in sample if ch not in "\n\t\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co")
    )
    share = controls / len(sample)
    if share > _MAX_CONTROL_SHARE:
        raise IngestError(
            f"{name}: looks like binary data ({share:.0%} control characters)"
        )

