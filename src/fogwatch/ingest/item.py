"""The outcome of ingesting one input item."""

from __future__ import annotations

from dataclasses import dataclass, field

from fogwatch.findings import Document


@dataclass(slots=True)
class IngestItem:
    """One input item's outcome: documents, or an error, or a reason it was skipped.

    ``source`` names the item: a path, a URL, ``"stdin"``, ``"<feed>#<entry key>"``,
    ``"file.jsonl:17"`` (line 17) or ``"file.json[2]"`` (third object of a list).
    ``documents`` holds the article first, then its reader comments.
    """

    source: str
    documents: list[Document] = field(default_factory=list)
    error: str | None = None
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and self.skipped is None
