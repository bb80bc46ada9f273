"""Reading TimeML (.tml) files: TempEval-3's TimeBank and AQUAINT, and their splits.

A TimeML document keeps its text inside ``<TEXT>`` with inline tags (TIMEX3,
EVENT, SIGNAL) and XML escapes. :func:`read_tml` gives the plain text (tags
stripped, escapes decoded) with every gold TIMEX3 as character offsets into it,
and keeps what a writer needs to put tags back into the original markup
(:attr:`TimeMLDoc.escaped_text` and :attr:`TimeMLDoc.escaped_offsets`; the
TempEval-3 scorer writes fogwatch's TIMEX3 tags that way).

The event layer (EVENT tags with their offsets, MAKEINSTANCE, SLINK, TLINK) is
read for the factuality and anchoring scorers.

Splits: every TimeML scorer holds out the same files, every fifth in path order
from the first (:func:`every_fifth`). TempEval-3 calls the held-out part ``dev``
and the rest ``train`` (:func:`tempeval3_files`); the factuality and anchoring
scorers, on TimeBank, call them ``test`` and ``tune`` (:func:`timebank_files`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

TEXT_RE = re.compile(r"<TEXT>(?P<body>.*?)</TEXT>", re.DOTALL)
_DCT_RE = re.compile(r"<DCT>\s*<TIMEX3\b(?P<attrs>[^>]*)>", re.DOTALL)
_TOKEN_RE = re.compile(r"<(?P<close>/)?(?P<tag>[A-Za-z0-9_]+)(?P<attrs>[^>]*?)/?>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")
_ATTR_RE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')


@dataclass(slots=True)
class Timex:
    start: int  # offsets into TimeMLDoc.text
    end: int
    type: str
    value: str
    tid: str = ""
    mod: str | None = None

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(slots=True)
class TimeMLEvent:
    """An EVENT tag: its extent in TimeMLDoc.text and its class."""

    eid: str
    start: int
    end: int
    cls: str = ""


@dataclass(slots=True)
class EventInstance:
    """A MAKEINSTANCE: one instance of an event with its tense, polarity, modality."""

    eiid: str
    eid: str
    tense: str = "NONE"
    aspect: str = "NONE"
    polarity: str = "POS"
    pos: str = ""
    modality: str | None = None


@dataclass(slots=True)
class Link:
    """An SLINK or TLINK. ``source``/``target`` are eiids or tids (``t...``)."""

    kind: str  # "SLINK" or "TLINK"
    rel: str
    source: str
    target: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    raw: str  # the whole file
    text: str  # TEXT content, tags stripped, escapes decoded
    dct: str | None  # ISO date of the creation time
    timexes: list[Timex] = field(default_factory=list)
    # for each char of ``text`` (and one past the end): its offset in the
    # tag-stripped, still-escaped TEXT markup
    escaped_offsets: list[int] = field(default_factory=list)
    escaped_text: str = ""
    events: list[TimeMLEvent] = field(default_factory=list)
    instances: list[EventInstance] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


HELD_OUT_EVERY = 5


def every_fifth(path: Path, held_out: bool | None) -> list[Path]:
    """The ``.tml`` files under ``path`` in name order: all (``held_out`` None), the
    held-out part (every fifth, from the first) or the rest. Every TimeML scorer
    splits this way, so one file is on the same side for all of them."""
    files = sorted(path.rglob("*.tml"), key=lambda p: p.relative_to(path).as_posix())
    if held_out is None:
        return files
    return [f for i, f in enumerate(files) if (i % HELD_OUT_EVERY == 0) == held_out]


TempEval3Split = Literal["dev", "train", "all"]
TimeBankSplit = Literal["tune", "test", "all"]


def tempeval3_files(path: Path, split: TempEval3Split = "all") -> list[Path]:
    """The ``.tml`` files under ``path`` in TempEval-3's ``split``: ``dev`` the held-out
    fifth, ``train`` the rest, ``all`` every file (for a held-out test folder)."""
    parts = {"all": None, "dev": True, "train": False}
    if split not in parts:
        raise ValueError(f"unknown split {split!r} (dev, train or all)")
    return every_fifth(path, parts[split])


def timebank_files(path: Path, split: TimeBankSplit = "all") -> list[Path]:
    """The ``.tml`` files under ``path`` in the factuality and anchoring ``split``:
    ``test`` the held-out fifth (never tuned on), ``tune`` the rest, ``all``."""
    parts = {"all": None, "test": True, "tune": False}
    if split not in parts:
        raise ValueError(f"unknown split {split!r} (tune, test or all)")
    return every_fifth(path, parts[split])


def read_tml(path: Path) -> TimeMLDoc:
    raw = path.read_text(encoding="utf-8")
    return parse_tml(raw, path.name)


def parse_tml(raw: str, name: str = "") -> TimeMLDoc:
    m = TEXT_RE.search(raw)
    if m is None:
        raise ValueError(f"{name or 'document'}: no <TEXT> element")
    body = m.group("body")
    text_parts: list[str] = []
    escaped_parts: list[str] = []
    offsets: list[int] = []
    timexes: list[Timex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    open_event: tuple[int, dict[str, str]] | None = None
    events: list[TimeMLEvent] = []
    plain_len = 0
    esc_len = 0
    pos = 0

    def add_plain(chunk: str, escaped: str) -> None:
        nonlocal plain_len, esc_len
        if escaped == chunk:  # ordinary text: one plain char per escaped char
            offsets.extend(range(esc_len, esc_len + len(chunk)))
        else:  # one decoded escape: every plain char maps to the escape's start
            offsets.extend([esc_len] * len(chunk))
        text_parts.append(chunk)
        escaped_parts.append(escaped)
        plain_len += len(chunk)
        esc_len += len(escaped)

    for tm in _TOKEN_RE.finditer(body):
        if tm.start() > pos:
            seg = body[pos:tm.start()]
            add_plain(seg, seg)
        pos = tm.end()
        token = tm.group(0)
        if token.startswith("&"):
            add_plain(html.unescape(token), token)
            continue
        tag = tm.group("tag")
        if tag == "EVENT":
            if tm.group("close"):
                if open_event is not None:
                    start, attrs = open_event
                    events.append(TimeMLEvent(eid=attrs.get("eid", ""), start=start,
                                              end=plain_len, cls=attrs.get("class", "")))
                    open_event = None
            else:
                open_event = (plain_len, dict(_ATTR_RE.findall(tm.group("attrs"))))
            continue
        if tag != "TIMEX3":
            continue
        if tm.group("close"):
            if open_timex is not None:
                start, attrs = open_timex
                if attrs.get("functionInDocument") != "CREATION_TIME":
                    timexes.append(Timex(
                        start=start, end=plain_len, type=attrs.get("type", ""),
                        value=attrs.get("value", ""), tid=attrs.get("tid", ""),
                        mod=attrs.get("mod"),
                    ))
                open_timex = None
        else:
            open_timex = (plain_len, dict(_ATTR_RE.findall(tm.group("attrs"))))
    if pos < len(body):
        seg = body[pos:]
        add_plain(seg, seg)
    offsets.append(esc_len)
    dct_match = _DCT_RE.search(raw)
    dct = None
    if dct_match:
        value = dict(_ATTR_RE.findall(dct_match.group("attrs"))).get("value", "")
        dct = value[:10] if re.match(r"\d{4}-\d\d-\d\d", value) else None
    return TimeMLDoc(
        name=name, raw=raw, text="".join(text_parts), dct=dct, timexes=timexes,
        escaped_offsets=offsets, escaped_text="".join(escaped_parts),
        events=events, instances=_instances(raw), links=_links(raw),
    )


_INSTANCE_RE = re.compile(r"<MAKEINSTANCE\b(?P<attrs>[^>]*)/?>")
_LINK_RE = re.compile(r"<(?P<kind>SLINK|TLINK)\b(?P<attrs>[^>]*)/?>")


def _instances(raw: str) -> list[EventInstance]:
    out: list[EventInstance] = []
    for m in _INSTANCE_RE.finditer(raw):
        a = dict(_ATTR_RE.findall(m.group("attrs")))
        out.append(EventInstance(
            eiid=a.get("eiid", ""), eid=a.get("eventID", ""), tense=a.get("tense", "NONE"),
            aspect=a.get("aspect", "NONE"), polarity=a.get("polarity", "POS"),
            pos=a.get("pos", ""), modality=a.get("modality"),
        ))
    return out


def _links(raw: str) -> list[Link]:
    out: list[Link] = []
    for m in _LINK_RE.finditer(raw):
        a = dict(_ATTR_RE.findall(m.group("attrs")))
        kind = m.group("kind")
        if kind == "SLINK":
            source, target = a.get("eventInstanceID", ""), a.get("subordinatedEventInstance", "")
        else:
            source = a.get("eventInstanceID") or a.get("timeID", "")
            target = a.get("relatedToEventInstance") or a.get("relatedToTime", "")
        out.append(Link(kind=kind, rel=a.get("relType", ""), source=source, target=target))
    return out
