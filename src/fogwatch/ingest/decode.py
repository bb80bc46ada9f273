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
    return str(best)


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

