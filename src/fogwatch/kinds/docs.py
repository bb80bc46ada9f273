"""The reference page of each finding kind, written from its spec.

``python -m fogwatch.kinds.docs docs/kinds`` writes ``docs/kinds/<name>.md``
for every registered kind; a test keeps the committed pages equal to what the
specs say, so the pages cannot drift from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fogwatch.kinds import registry
from fogwatch.kinds.spec import FindingKind

_OPS = {"eq": "equals", "prefix": "starts with", "ge": "on or after / at least",
        "min": "at least (or none)",
        "le": "on or before / at most"}


def render(kind: FindingKind) -> str:
    """The Markdown reference page of one kind."""
    record = kind.record
    lines = [
        f"# {kind.name}",
        "",
        "<!-- Written by `python -m fogwatch.kinds.docs docs/kinds` from the kind's spec "
        f"({_module_of(kind)}); do not edit by hand. -->",
        "",
        kind.doc or f"{kind.label.capitalize()} findings.",
        "",
        f"- Record: `{record.__module__}.{record.__qualname__}` "
        f"(in `analyze --json` under `{kind.name}`)",
        f"- Found by: {_stage_of(kind)}",
        f"- Table: `{kind.name}` (typed columns: "
        + (", ".join(f"`{c.name}`" for c in kind.columns) or "none")
        + "; the full record in `data`)",
        f"- API: `GET /api/v1/{kind.name}`",
        f"- Export: `fogwatch export --kind {kind.name}`",
        "- Document page: " + ", ".join(f"{label} (`k-{css}`)" for css, label in
                                        kind.legend.items()),
        *([f"- Confidence: the record's `{kind.confidence}` (0-1); the list's "
           "`min_confidence` hides the low ones, the review queue (`/review`) lists them"]
          if kind.confidence else []),
        "",
        "## Filters",
        "",
        "| parameter | column | test | meaning |",
        "|---|---|---|---|",
        "| `document` | `document_id` | equals | only findings of this document |",
    ]
    for f in kind.filters:
        allowed = f" ({', '.join(f.choices)})" if f.choices else ""
        lines.append(f"| `{f.name}` | `{f.column}` | {_OPS[f.op]} | {f.doc}{allowed} |")
    lines += ["", "## Exported columns", "", "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{c.name}` | {c.type} | {c.doc} |" for c in kind.export_columns]
    return "\n".join(lines) + "\n"


def _stage_of(kind: FindingKind) -> str:
    from fogwatch.analyze.pipeline import discover_stages

    found = [f"`{stage.factory}` (`{stage.collect.__module__}`)"
             for stage in discover_stages() if stage.key == kind.name]
    if not found:
        return "no stage of its own"
    return "the spaCy component" + ("s " if len(found) > 1 else " ") + " then ".join(found)


def _module_of(kind: FindingKind) -> str:
    for module_name, module in sys.modules.items():
        if getattr(module, "__dict__", {}).get(kind.name.upper()) is kind:
            return f"`{module_name}`"
    return "its module"


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in registry.kinds():
        path = folder / f"{kind.name}.md"
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/kinds")):
        print(path)
