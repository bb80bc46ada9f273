"""The outcome of ingesting one input item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from fogwatch.findings import Document

# Why an item was skipped, for callers that count or list skips by kind: "seen" (a
# feed entry a watcher already has), "duplicate" (same article earlier in the call),
# and for folder entries the walk leaves out: "hidden", "unsupported" (not an
# ingestible extension), "not-a-file" (FIFO, socket, device), "symlink-outside"
# (a link out of the folder, not followed unless asked), "symlink-loop",
# "symlink-broken" and "unreadable" (a folder that cannot be listed).
SkipKind = Literal[
    "seen", "duplicate", "hidden", "unsupported", "not-a-file",
    "symlink-outside", "symlink-loop", "symlink-broken", "unreadable",
]


@dataclass(slots=True)
class IngestItem:
    """One input item's outcome: documents, or an error, or a reason it was skipped.

    ``source`` names the item: a path, a URL, ``"stdin"``, ``"<feed>#<entry key>"``,
    ``"file.jsonl:17"`` (line 17) or ``"file.json[2]"`` (third object of a list).
    ``documents`` holds the article first, then its reader comments. ``skipped``
    is the reason, in words; ``skip_kind`` the same as one of :data:`SkipKind`.
    """

    source: str
    documents: list[Document] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None
    skip_kind: SkipKind | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.skipped is None
