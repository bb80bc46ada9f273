"""The one exception type ingest raises internally.

Every failure inside ingest becomes an :class:`IngestError` whose message already
names the item ("empty.txt: file is empty"), so the dispatcher can turn it into
an error item without rewording it.
"""

from __future__ import annotations


class IngestError(Exception):
    """A bad input item; ``str(err)`` is the message shown to the user."""


class FetchError(IngestError):
    """A URL could not be fetched (refused, unreachable, too slow, HTTP error)."""


def format_size(n: int) -> str:
    """Human size in decimal units, the way a user reads a limit ("5 MB", "52.4 MB")."""
    if n >= 1_000_000:
        value = n / 1_000_000
        unit = "MB"
    elif n >= 1_000:
        value = n / 1_000
        unit = "kB"
    else:
        return f"{n} bytes"
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} {unit}"


def too_big(name: str, size: int | None, limit: int) -> IngestError:
    """The over-the-limit error; ``size`` is None when a stream was cut off unread."""
    what = f"{format_size(size)} is over" if size is not None else "it is larger than"
    return IngestError(f"{name}: {what} the {format_size(limit)} limit (use --max-bytes)")
