"""Join the analyses of a long document's chunks into one analysis of the whole."""

from __future__ import annotations

import dataclasses
from typing import Any

from fogwatch.findings import Analysis, Document, Entity, Mention, Place, TextSpan

# Fields that index into another finding list of the same document.
_INDEX_FIELDS = {
    "disputed_by": "attributions",
    "nested_in": "attributions",
    "attribution": "attributions",
    "time": "times",
    "event": "events",
}


def _shift(obj: Any, chars: int, sentences: int, base: dict[str, int]) -> Any:
    """A copy of ``obj`` with offsets, sentence numbers and in-document indices moved."""
    if isinstance(obj, TextSpan):
        return TextSpan(obj.text, obj.start + chars, obj.end + chars)
    if isinstance(obj, list):
        return [_shift(x, chars, sentences, base) for x in obj]
    if not dataclasses.is_dataclass(obj):
        return obj
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in ("start", "end") and isinstance(value, int):
            changes[f.name] = value + chars
        elif f.name == "sentence" and isinstance(value, int):
            changes[f.name] = value + sentences
        elif f.name in _INDEX_FIELDS and value is not None:
            off = base[_INDEX_FIELDS[f.name]]
            changes[f.name] = [v + off for v in value] if isinstance(value, list) else value + off
        elif isinstance(value, (TextSpan, list)) or dataclasses.is_dataclass(value):
            changes[f.name] = _shift(value, chars, sentences, base)
    return dataclasses.replace(obj, **changes)


def merge_chunk_analyses(document: Document, parts: list[tuple[int, int, Analysis]]) -> Analysis:
    out = Analysis(document=document)
    entities: dict[str, Entity] = {}
    places: dict[str, Place] = {}
    sentences = 0
    for offset, n_sentences, part in parts:
        base = {k: len(getattr(out, k)) for k in ("attributions", "times", "events")}
        for key in ("times", "attributions", "events", "quantities"):
            getattr(out, key).extend(_shift(f, offset, sentences, base) for f in getattr(part, key))
        for ent in part.entities:
            moved: list[Mention] = _shift(ent.mentions, offset, sentences, base)
            if ent.key in entities:
                have = entities[ent.key]
                have.mentions.extend(moved)
                have.aliases.extend(a for a in ent.aliases if a not in have.aliases)
            else:
                entities[ent.key] = dataclasses.replace(ent, mentions=moved, aliases=list(ent.aliases))
        for place in part.places:
            moved = _shift(place.mentions, offset, sentences, base)
            if place.key in places:
                places[place.key].mentions.extend(moved)
            else:
                places[place.key] = dataclasses.replace(place, mentions=moved)
        sentences += n_sentences
    out.entities = list(entities.values())
    out.places = list(places.values())
    return out
