"""Join the analyses of a long document's chunks into one analysis of the whole."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from fogwatch.findings import Analysis, Document, Entity, Mention, TextSpan
from fogwatch.kinds import registry


def _shift(obj: Any, chars: int, sentences: int, base: dict[str, int],
           index: Mapping[str, str]) -> Any:
    """A copy of ``obj`` with offsets, sentence numbers and in-document indices moved."""
    if isinstance(obj, TextSpan):
        return TextSpan(obj.text, obj.start + chars, obj.end + chars)
    if isinstance(obj, list):
        return [_shift(x, chars, sentences, base, index) for x in obj]
    if not dataclasses.is_dataclass(obj):
        return obj
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if f.name in ("start", "end") and isinstance(value, int):
            changes[f.name] = value + chars
        elif f.name == "sentence" and isinstance(value, int):
            changes[f.name] = value + sentences
        elif f.name in index and value is not None:
            off = base[index[f.name]]
            changes[f.name] = [v + off for v in value] if isinstance(value, list) else value + off
        elif isinstance(value, (TextSpan, list)) or dataclasses.is_dataclass(value):
            changes[f.name] = _shift(value, chars, sentences, base, index)
    return dataclasses.replace(obj, **changes)


def merge_chunk_analyses(document: Document, parts: list[tuple[int, int, Analysis]]) -> Analysis:
    """One analysis of the whole text from its chunks' (offset, sentences, analysis).

    Offsets, sentence numbers and in-document indices move by what came before;
    entities fold by key (mentions and aliases joined), as do the findings of any
    kind with a ``merge_key`` (places: one place, every mention).
    """
    out = Analysis(document=document)
    kinds = registry.kinds()
    entities: dict[str, Entity] = {}
    keyed: dict[str, dict[str, Any]] = {k.name: {} for k in kinds if k.merge_key is not None}
    sentences = 0
    for offset, n_sentences, part in parts:
        base = {k.name: len(out.get(k.name)) for k in kinds}
        for kind in kinds:
            # a kind's index fields (FindingKind.index_fields) point into other kinds' lists
            moved = [_shift(f, offset, sentences, base, kind.index_fields)
                     for f in part.get(kind.name)]
            if kind.merge_key is None:
                out.get(kind.name).extend(moved)
                continue
            have = keyed[kind.name]
            for finding in moved:
                key = kind.merge_key(finding)
                if key in have and hasattr(finding, "mentions"):
                    have[key].mentions.extend(finding.mentions)
                else:
                    have.setdefault(key, finding)
        for ent in part.entities:
            mentions: list[Mention] = _shift(ent.mentions, offset, sentences, base, {})
            if ent.key in entities:
                known = entities[ent.key]
                known.mentions.extend(mentions)
                known.aliases.extend(a for a in ent.aliases if a not in known.aliases)
            else:
                entities[ent.key] = dataclasses.replace(
                    ent, mentions=mentions, aliases=list(ent.aliases)
                )
        sentences += n_sentences
    out.entities = list(entities.values())
    for name, found in keyed.items():
        out.get(name).extend(found.values())
    if parts and all(part.document.lemmas is not None for _, _, part in parts):
        # a form's lemma in the first chunk that names it: chunks are long, and a
        # form reduced two ways is rare
        lemmas: dict[str, str] = {}
        for _, _, part in reversed(parts):
            lemmas.update(part.document.lemmas or {})
        document.lemmas = lemmas
    if parts and all(part.document.sentences is not None for _, _, part in parts):
        document.sentences = [(a + offset, b + offset) for offset, _, part in parts
                              for a, b in part.document.sentences or ()]
    return out
