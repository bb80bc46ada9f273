"""Findings an analyst adds: words the machine missed, made a finding by hand.

An ``add`` correction is anchored like the others, on the words the analyst
selected (an event's trigger, an attribution's cue, a quantity's or a time's words) and the
text there; its ``value`` holds the finding's fields as JSON. An added time's interval
is worked out from its value each time it is made, its anchor is ``analyst``. Every save of the document's
findings inserts the finding again at the end of its kind's list, reviewed
``added``, unless the machine now finds one of that kind on the same words:
then the add confirms that one (its fields are not forced on it) and says so in
its ``original`` (``{"matched": true}``). When the words are gone it is
orphaned, as any correction is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from fogwatch.findings import (
    PLOVER_CATEGORIES,
    Analysis,
    Attribution,
    Event,
    Quantity,
    TextSpan,
    Time,
)
from fogwatch.kinds.attributions import STANCES
from fogwatch.kinds.events import MODALITIES
from fogwatch.kinds.spec import KEY
from fogwatch.kinds.times import MODS as TIME_MODS
from fogwatch.kinds.times import REFS as TIME_REFS
from fogwatch.kinds.times import TYPES as TIME_TYPES
from fogwatch.kinds.times import interval_of

ADDABLE: tuple[str, ...] = ("events", "attributions", "quantities", "times")
INSERTED = {"inserted": True}
MATCHED = {"matched": True}
MAX_WORDS = 300  # characters of one selected span
MAX_NAMES = 20
_KEY = re.compile(KEY)
_ATTRIBUTION_KINDS = ("direct", "indirect", "mixed")
# The choices of each addable kind's fields (the document page's form offers them).
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "events": {"type": PLOVER_CATEGORIES, "modality": MODALITIES},
    "attributions": {"stance": STANCES, "kind": _ATTRIBUTION_KINDS},
    "quantities": {},
    "times": {"type": TIME_TYPES, "mod": ("", *TIME_MODS)},
}
_TIME_FIELDS = ("type", "value", "mod")
_QUANTITY_FIELDS = ("value", "upper", "unit", "counted")


def _choice(fields: dict[str, Any], name: str, choices: tuple[str, ...], default: str) -> str:
    value = fields.get(name, default)
    if value is None or value == "":
        value = default
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return str(value)


def _names(fields: dict[str, Any], name: str) -> list[str]:
    value = fields.get(name) or []
    if isinstance(value, str):
        value = [v for v in (p.strip() for p in value.split(",")) if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{name} must be a list of entity keys or words")
    if len(value) > MAX_NAMES or any(len(v) > 200 or not v.strip() for v in value):
        raise ValueError(f"{name}: at most {MAX_NAMES} names of 1 to 200 characters")
    return [v.strip() for v in value]


def _span(text: str, fields: dict[str, Any], name: str, *, required: bool) -> dict | None:
    """A span given as ``NAME_start``/``NAME_end`` (and, if given, ``NAME_text``,
    which must be the words there)."""
    start, end = fields.get(f"{name}_start"), fields.get(f"{name}_end")
    if start is None and end is None:
        if required:
            raise ValueError(f"{name}_start and {name}_end are needed")
        return None
    return check_span(text, start, end, fields.get(f"{name}_text"), what=name)


def check_span(text: str, start: Any, end: Any, given: Any = None, *, what: str = "span"
               ) -> dict[str, Any]:
    """``{"text", "start", "end"}`` for the words ``text[start:end]``; ValueError when
    the span is not inside the document, empty, too long, or ``given`` differs."""
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise ValueError(f"{what}: start and end must be whole numbers") from None
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{what}: {start}..{end} is not a stretch of the document "
                         f"(0..{len(text)})")
    if end - start > MAX_WORDS:
        raise ValueError(f"{what}: over {MAX_WORDS} characters")
    words = text[start:end]
    if not words.strip():
        raise ValueError(f"{what}: the selection holds no words")
    if given is not None and given != words:
        raise ValueError(f"{what}: the text given ({given!r}) is not the document's "
                         f"words there ({words!r})")
    return {"text": words, "start": start, "end": end}


def check_add(kind: str, text: str, start: Any, end: Any, given: Any,
              fields: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The anchor span and the finding's checked fields (the correction's value);
    ValueError naming what is wrong."""
    if kind not in ADDABLE:
        raise ValueError(f"{kind!r} findings cannot be added; addable: {', '.join(ADDABLE)}")
    if not isinstance(fields, dict):
        raise ValueError("the finding's fields must be an object")
    anchor = check_span(text, start, end, given, what="the selection")
    known = ({"type", "modality", "actors", "targets", "place"} if kind == "events" else
             set(_QUANTITY_FIELDS) if kind == "quantities" else
             set(_TIME_FIELDS) if kind == "times" else
             {"stance", "kind", "source_entity", "source_start", "source_end", "source_text",
              "content"})
    unknown = sorted(set(fields) - known)
    if unknown:
        raise ValueError(f"{kind} take no field {', '.join(unknown)}; known: "
                         f"{', '.join(sorted(known))}")
    if kind == "events":
        place = fields.get("place") or None
        if place is not None and (not isinstance(place, str) or not _KEY.fullmatch(place)):
            raise ValueError("place must be a place key")
        value = {"type": _choice(fields, "type", PLOVER_CATEGORIES, ""),
                 "modality": _choice(fields, "modality", MODALITIES, "happened"),
                 "actors": _names(fields, "actors"), "targets": _names(fields, "targets"),
                 "place": place}
        return anchor, value
    if kind == "quantities":
        return anchor, _quantity(fields)
    if kind == "times":
        return anchor, _time(fields)
    source_entity = fields.get("source_entity") or None
    if source_entity is not None and (not isinstance(source_entity, str)
                                      or not _KEY.fullmatch(source_entity)):
        raise ValueError("source_entity must be an entity key")
    contents = fields.get("content") or []
    if not isinstance(contents, list) or not 1 <= len(contents) <= 10:
        raise ValueError("content must be a list of 1 to 10 spans {start, end}")
    content = []
    for c in contents:
        if not isinstance(c, dict):
            raise ValueError("each content span must be {start, end}")
        content.append(check_span(text, c.get("start"), c.get("end"), c.get("text"),
                                  what="content"))
    value = {"stance": _choice(fields, "stance", STANCES, "asserted"),
             "kind": _choice(fields, "kind", _ATTRIBUTION_KINDS, "indirect"),
             "source_entity": source_entity,
             "source": _span(text, fields, "source", required=False), "content": content}
    return anchor, value


def _quantity(fields: dict[str, Any]) -> dict[str, Any]:
    from fogwatch.kinds import registry

    editable = registry.get("quantities").editable
    value = {}
    for name in _QUANTITY_FIELDS:
        try:
            value[name] = editable[name](fields.get(name))
        except ValueError as exc:
            raise ValueError(f"quantities.{name}: {exc}") from None
    if value["value"] is None:
        raise ValueError("a quantity needs its value (a number)")
    return value


def _time(fields: dict[str, Any]) -> dict[str, Any]:
    """A time's type, TimeML value and mod, checked: the value as the times kind's
    corrections take it, and for a DATE or TIME one the calendar can place (or a
    reference: PRESENT_REF, PAST_REF, FUTURE_REF); a DURATION's starts with P."""
    from fogwatch.kinds import registry

    type_ = _choice(fields, "type", TIME_TYPES, "DATE")
    mod = fields.get("mod") or None
    if mod is not None and mod not in TIME_MODS:
        raise ValueError(f"times.mod must be one of {', '.join(TIME_MODS)} (or none); "
                         f"got {mod!r}")
    given = fields.get("value")
    if given is None or (isinstance(given, str) and not given.strip()):
        raise ValueError("times.value: a time needs its TimeML value (2025-11-03, 2025-W45, "
                         "P5D, PRESENT_REF, ...)")
    try:
        value = registry.get("times").editable["value"](given)
    except ValueError as exc:
        raise ValueError(f"times.value: {exc}") from None
    if type_ == "DURATION" and not value.startswith("P"):
        raise ValueError(f"times.value: a DURATION's value is a period (P5D, P3W, PT6H), "
                         f"not {value!r}")
    if (type_ in ("DATE", "TIME") and value not in TIME_REFS
            and interval_of(type_, value, mod) is None):
        raise ValueError(f"times.value: {value!r} names no days the calendar knows; a "
                         f"{type_} takes 2025-11-03, 2025-11, 2025-W45, 2025-Q3, 2025-SU, "
                         f"2025, 202 (the 2020s), 2025-11-03T14:00 or "
                         f"{', '.join(TIME_REFS)}")
    return {"type": type_, "value": value, "mod": mod}


def _sentence(analysis: Analysis, start: int) -> int:
    """The sentence of the nearest finding before ``start`` (0 when none)."""
    best, at = 0, -1
    for kind in ("events", "attributions", "quantities", "times"):
        for f in analysis.get(kind):
            pos = f.trigger.start if kind == "events" else (
                f.cue.start if kind == "attributions" else f.start)
            if at < pos <= start:
                best, at = f.sentence, pos
    return best


def build(kind: str, analysis: Analysis, anchor: TextSpan, value: dict[str, Any]) -> Any:
    """The finding an add makes, from its stored value."""
    sentence = _sentence(analysis, anchor.start)
    doc_id = analysis.document.id
    if kind == "events":
        return Event(trigger=anchor, type=value["type"], sentence=sentence,
                     actors=list(value.get("actors") or []),
                     targets=list(value.get("targets") or []), place=value.get("place"),
                     modality=value.get("modality") or "happened", document=doc_id)
    if kind == "quantities":
        return Quantity(anchor.text, anchor.start, anchor.end, sentence, value["value"],
                        upper=value.get("upper"), unit=value.get("unit"),
                        counted=value.get("counted"), document=doc_id)
    if kind == "times":
        mod = value.get("mod") or None
        return Time(anchor.text, anchor.start, anchor.end, sentence, value["type"],
                    value["value"], interval=interval_of(value["type"], value["value"], mod),
                    anchor="analyst", mod=mod, document=doc_id)
    source = value.get("source")
    return Attribution(
        cue=anchor, content=[TextSpan(c["text"], c["start"], c["end"])
                             for c in value.get("content") or []],
        sentence=sentence,
        source=TextSpan(source["text"], source["start"], source["end"],
                        value.get("source_entity")) if source else None,
        source_entity=value.get("source_entity"), kind=value.get("kind") or "indirect",
        stance=value.get("stance") or "asserted", document=doc_id)


def insert(analysis: Analysis, adds: Iterable[Any], anchored: dict[tuple[int, int], list[int]]
           | None = None) -> dict[int, tuple[str, int | None, Any]]:
    """Insert the findings ``adds`` make (oldest first) into ``analysis``, whose
    findings are as the machine found them. Correction id -> (state, where it
    applies, original). ``analysis.review`` gets ``added`` for each one inserted."""
    from fogwatch.kinds import registry

    text = analysis.document.text
    out: dict[int, tuple[str, int | None, Any]] = {}
    for c in sorted(adds, key=lambda c: c.id):
        spec = registry.find(c.kind)
        if (spec is None or c.kind not in ADDABLE or not isinstance(c.value, dict)
                or text[c.anchor_start:c.anchor_end] != c.anchor_text):
            out[c.id] = ("orphaned", None, None)
            continue
        found = analysis.get(c.kind)
        same = [i for i, f in enumerate(found)
                if spec.anchor_of(f.to_dict()) == (c.anchor_start, c.anchor_end)]
        if same:
            analysis.review.setdefault(c.kind, {}).setdefault(same[0], "confirmed")
            out[c.id] = ("applied", same[0], MATCHED)
            continue
        anchor = TextSpan(c.anchor_text, c.anchor_start, c.anchor_end)
        try:
            found.append(build(c.kind, analysis, anchor, c.value))
        except (KeyError, TypeError, ValueError):
            out[c.id] = ("orphaned", None, None)
            continue
        analysis.review.setdefault(c.kind, {})[len(found) - 1] = "added"
        out[c.id] = ("applied", len(found) - 1, INSERTED)
    return out


def take_out(analysis: Analysis, applied: Iterable[Any]) -> None:
    """Remove the findings applied adds inserted (from the end of each list)."""
    gone: dict[str, list[int]] = {}
    for c in applied:
        if c.action == "add" and c.original == INSERTED and c.applied_idx is not None:
            gone.setdefault(c.kind, []).append(c.applied_idx)
    for kind, idxs in gone.items():
        found = analysis.get(kind)
        for i in sorted(idxs, reverse=True):
            if 0 <= i < len(found):
                del found[i]
