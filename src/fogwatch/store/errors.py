"""Errors raised by the store, with messages safe to show to users."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The database could not be opened, migrated, read or written.

    Messages name the database URL with any password masked, so they can be
    printed and logged as they are.
    """


def reason(exc: BaseException) -> str:
    """The first line of a driver error, without SQLAlchemy's background links."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
