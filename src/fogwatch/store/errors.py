"""Errors raised by the store, with messages safe to show to users."""

from __future__ import annotations


class StoreError(RuntimeError):
    """The database could not be opened, migrated, read or written.

    Messages name the database URL with any password masked, so they can be
    printed and logged as they are.
    """
