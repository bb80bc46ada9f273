"""The curated conflict gazetteer: people, organisations, units, weapons and places.

Entries live as JSONL package data under ``fogwatch/data/gazetteer`` (one file per
kind, written by hand for this project). Each line is one real-world thing::

    {"id": "person/valery-gerasimov", "name": "Valery Gerasimov",
     "aliases": ["Gerasimov", ...], "description": "...", "country": "RU",
     "titles": ["...", {"title": "Chief of the General Staff", "from": "2012-11-09"}]}

Places add ``type`` (GPE/LOC/FACILITY), ``kind`` (country, city, oblast, ...),
``admin1`` and, for countries, ``demonyms``; a national capital says
``"capital": true`` (its name stands for the state: "Moscow denied ...").
A person's surname is added as an
alias automatically unless the entry says ``"surname": false``.

The entity key of an entry is ``"gaz:" + id``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

# file name -> the entity type of its entries (places carry their own type)
_FILES: dict[str, str] = {
    "people.jsonl": "PERSON",
    "organisations.jsonl": "ORG",
    "units.jsonl": "UNIT",
    "weapons.jsonl": "WEAPON",
    "places.jsonl": "GPE",
}

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lookup form of a name: accents dropped, straight apostrophes, case-folded.

    Cached: the entities stage folds every word of a document.
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class Title:
    """A role phrase that refers to an entry, valid between two ISO dates (inclusive)."""

    text: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, date: str | None) -> bool:
        if date is None:
            return self.end is None  # no date: only roles still held count
        day = date[:10]
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    key: str  # "gaz:person/vladimir-putin"
    type: str  # PERSON, ORG, UNIT, WEAPON, GPE, LOC, FACILITY
    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    country: str | None = None
    titles: tuple[Title, ...] = ()
    kind: str | None = None  # places: country, city, oblast, region, ...
    admin1: str | None = None
    demonyms: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias (with spelling variants)."""
        return (self.name, *self.aliases)

    @property
    def is_place(self) -> bool:
        return self.type in ("GPE", "LOC", "FACILITY")

    @property
    def speaks_for_state(self) -> bool:
        """A place whose name stands for a state that can say things: a country,
        or a national capital ("Moscow denied ..."); not a town, region or river."""
        return self.kind == "country" or (self.kind == "city" and self.extra.get("capital") is True)


class Gazetteer:
    """All entries, with lookups by name, key, demonym and title."""

    def __init__(self, entries: list[GazetteerEntry]) -> None:
        self.entries: list[GazetteerEntry] = entries
        self.by_key: dict[str, GazetteerEntry] = {e.key: e for e in entries}
        self._by_name: dict[str, list[GazetteerEntry]] = {}
        self.by_demonym: dict[str, GazetteerEntry] = {}
        self.by_country_code: dict[str, GazetteerEntry] = {}
        for entry in entries:
            for name in entry.names:
                bucket = self._by_name.setdefault(fold(name), [])
                if entry not in bucket:
                    bucket.append(entry)
            if entry.kind == "country" and entry.country:
                self.by_country_code.setdefault(entry.country, entry)
                for demonym in entry.demonyms:
                    self.by_demonym.setdefault(fold(demonym), entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self.entries)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries one of whose names is ``name`` (case, accents and apostrophes ignored)."""
        return list(self._by_name.get(fold(name), ()))

    def get(self, key: str) -> GazetteerEntry | None:
        return self.by_key.get(key if key.startswith("gaz:") else "gaz:" + key)

    def places(self) -> list[GazetteerEntry]:
        return [e for e in self.entries if e.type in ("GPE", "LOC", "FACILITY")]

    def state_of_capital(self, name: str) -> GazetteerEntry | None:
        """The country whose capital ``name`` is: "Kyiv" -> Ukraine, "Minsk" -> Belarus."""
        for entry in self.lookup(name):
            if entry.kind == "city" and entry.extra.get("capital") is True and entry.country:
                return self.by_country_code.get(entry.country)
        return None

    def country_of_demonym(self, word: str) -> GazetteerEntry | None:
        """The country a demonym names: "Russian"/"Russians" -> Russia."""
        folded = fold(word)
        hit = self.by_demonym.get(folded)
        if hit is None and folded.endswith("s"):
            hit = self.by_demonym.get(folded[:-1])
        return hit


def _variants(name: str) -> list[str]:
    """Spelling variants a reader may meet: curly apostrophes, accents dropped."""
    out = [name]
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    for v in (plain, name.replace("'", "\u2019"), plain.replace("'", "\u2019")):
        if v not in out:
            out.append(v)
    return out


def _entry(raw: dict[str, Any], default_type: str) -> GazetteerEntry:
    etype = raw.get("type", default_type)
    names: list[str] = []
    for alias in [raw["name"], *raw.get("aliases", [])]:
        for v in _variants(alias):
            if v not in names:
                names.append(v)
    surname = raw.get("surname", True)
    if etype == "PERSON" and surname is not False:
        last = surname if isinstance(surname, str) else raw["name"].split()[-1]
        for v in _variants(last):
            if v not in names:
                names.append(v)
    titles = tuple(
        Title(t) if isinstance(t, str) else Title(t["title"], t.get("from"), t.get("to"))
        for t in raw.get("titles", [])
    )
    known = {"id", "type", "name", "aliases", "description", "country", "titles", "kind",
             "admin1", "demonyms", "surname"}
    return GazetteerEntry(
        key="gaz:" + raw["id"],
        type=etype,
        name=raw["name"],
        aliases=tuple(names[1:]),
        description=raw.get("description"),
        country=raw.get("country"),
        titles=titles,
        kind=raw.get("kind"),
        admin1=raw.get("admin1"),
        demonyms=tuple(raw.get("demonyms", [])),
        extra={k: v for k, v in raw.items() if k not in known},
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    folder = resources.files("fogwatch") / "data" / "gazetteer"
    entries: list[GazetteerEntry] = []
    for filename, default_type in _FILES.items():
        text = (folder / filename).read_text(encoding="utf-8")
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entries.append(_entry(json.loads(line), default_type))
            except (ValueError, KeyError) as exc:  # a broken line names itself
                raise ValueError(f"gazetteer {filename}:{lineno}: {exc}") from exc
    return Gazetteer(entries)


# --- role titles ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TitleSense:
    """One reading of a role phrase: who it names, qualified by which country."""

    key: str
    country: str | None  # ISO code of the country qualifier ("Russian ..."), if any
    title: Title


def _strip_the(folded: str) -> str:
    return folded[4:] if folded.startswith("the ") else folded


class TitleIndex:
    """Role phrases ("Russian foreign minister", "the Kremlin dictator") -> entries.

    Country qualifiers are normalised so that "Russia's foreign minister",
    "Russian foreign minister" and "foreign minister of Russia" are one role
    ("foreign minister", RU).
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        # folded country name / demonym -> ISO code, longest first for prefix tests
        names: dict[str, str] = {}
        for entry in gazetteer.entries:
            if entry.kind == "country" and entry.country:
                for n in (*entry.names, *entry.demonyms):
                    names.setdefault(fold(n), entry.country)
        self._countries = sorted(names.items(), key=lambda kv: -len(kv[0]))
        self._split_cache: dict[str, tuple[str | None, str]] = {}
        self.by_role: dict[str, list[TitleSense]] = {}
        for entry in gazetteer.entries:
            for title in entry.titles:
                code, role = self.split(title.text)
                self.by_role.setdefault(role, []).append(TitleSense(entry.key, code, title))

    def split(self, text: str) -> tuple[str | None, str]:
        """("RU", "foreign minister") from "Russia's foreign minister" and its variants.

        Remembered per text: the stages ask again for every role phrase they meet.
        """
        cache = self._split_cache
        found = cache.get(text)
        if found is None:
            if len(cache) > 100_000:
                cache.clear()
            found = cache[text] = self._split(text)
        return found

    def _split(self, text: str) -> tuple[str | None, str]:
        folded = _strip_the(fold(text).rstrip(".,;:"))
        for name, code in self._countries:
            for prefix in (name + "'s ", name + "' ", name + " "):
                if folded.startswith(prefix) and len(folded) > len(prefix):
                    return code, folded[len(prefix):]
            suffix = " of " + name
            if folded.endswith(suffix) and len(folded) > len(suffix):
                return code, _strip_the(folded[: -len(suffix)])
        return None, folded

    def senses(self, text: str, date: str | None) -> tuple[str | None, list[TitleSense]]:
        """The country qualifier of ``text`` and every sense valid on ``date``."""
        code, role = self.split(text)
        out = [
            s for s in self.by_role.get(role, ())
            if s.title.valid_on(date)
            and (code is None or s.country == code
                 or (s.country is None and self._country_of(s.key) == code))
        ]
        return code, out

    def _country_of(self, key: str) -> str | None:
        entry = self.gazetteer.by_key.get(key)
        return entry.country if entry else None

    def surface_forms(self) -> set[str]:
        """Every way of writing each known role, for a phrase matcher."""
        forms: set[str] = set()
        country_forms: dict[str, list[str]] = {}
        for entry in self.gazetteer.entries:
            if entry.kind == "country" and entry.country:
                country_forms.setdefault(entry.country, []).extend(
                    [entry.name, *(d for d in entry.demonyms)]
                )
        for role, senses in self.by_role.items():
            forms.add(role)
            for sense in senses:
                forms.add(sense.title.text)
                if sense.country is None:
                    continue
                for i, name in enumerate(country_forms.get(sense.country, [])):
                    forms.add(f"{name} {role}")
                    if i == 0:  # the country's own name, not a demonym
                        forms.update({f"{name}'s {role}", f"{name}\u2019s {role}",
                                      f"{role} of {name}"})
        return forms


@lru_cache(maxsize=1)
def load_title_index() -> TitleIndex:
    return TitleIndex(load_gazetteer())
