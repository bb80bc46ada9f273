"""Every source the demo store shows is someone who can say something.

Walks the sources of every attribution (text and entity), every stance on the
claim board and the attribution and stance export rows, and fails on a place
that is not a state, a weapon, a bare quantifier, a document or artefact with
nobody's name on it, a clipped token or "None". Name variants of one person
go by one name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from fogwatch.analyze.attribution.sources import source_name
from fogwatch.analyze.gazetteer import fold, load_gazetteer
from fogwatch.export.tables import iter_rows
from fogwatch.findings import Analysis
from fogwatch.store import Store

pytestmark = pytest.mark.slow

QUANTIFIER_WORDS = {"several", "many", "some", "most", "all", "each", "few", "both", "one",
                    "two", "three", "four", "five", "of", "them", "only", "another", "none"}
UNOWNED_NOUNS = {"statement", "map", "image", "imagery", "picture", "photo", "footage",
                 "video", "experience", "evidence", "claim", "announcement"}
OWNER_WORDS = {"our", "by", "from", "of", "his", "her", "its", "their"}


def analyses(store: Store) -> Iterator[Analysis]:
    with store.reading("listing documents") as conn:
        ids = [r[0] for r in conn.execute(sa.text("SELECT id FROM documents"))]
    for doc_id in ids:
        analysis = store.get_analysis(doc_id)
        assert analysis is not None
        yield analysis


def weapon_names() -> list[str]:
    return [fold(n) for e in load_gazetteer() if e.type == "WEAPON" for n in e.names
            if len(n) > 3]


def problem(text: str | None, entity_type: str | None = None,
            entity_key: str | None = None) -> str | None:
    """Why ``text`` (with its entity) is no source, or None when it is one."""
    if entity_key is not None and entity_key.startswith("gaz:"):
        entry = load_gazetteer().get(entity_key)
        if entry is not None and entry.type == "WEAPON":
            return "a weapon"
        if entry is not None and entry.is_place and not entry.speaks_for_state:
            return "a place"
    if entity_type in ("LOC", "FACILITY"):
        return "a place"
    if entity_type == "WEAPON":
        return "a weapon"
    if text is None:
        return None
    stripped = text.strip()
    if stripped.lower() in ("none", "null", ""):
        return "None"
    if stripped.endswith(("-", "'s", "’s")):
        return "a clipped token"
    words = re.findall(r"[\w%']+", stripped.lower())
    if words and all(w in QUANTIFIER_WORDS or w.isdigit() for w in words):
        return "a bare quantifier"
    folded = fold(stripped)
    if any(re.search(rf"\b{re.escape(w)}\b", folded) for w in weapon_names()):
        return "a weapon"
    # the head comes before a relative clause or an apposition
    head_words = re.findall(r"[\w%']+", re.split(r",|\b(?:who|which|that)\b", stripped)[0].lower())
    last = head_words[-1] if head_words else ""
    capitalised = [w for w in stripped.split()[1:] if w[:1].isupper()]
    if (last in UNOWNED_NOUNS or last.rstrip("s") in UNOWNED_NOUNS) and not capitalised and not (
            OWNER_WORDS & set(words)) and not any(w.endswith("'s") for w in words):
        return "a generic noun without its owner"
    return None


def test_the_checker_catches_each_kind_of_false_source() -> None:
    assert problem("9M730 Burevestnik") == "a weapon"
    assert problem("Battlefield maps") == "a generic noun without its owner"
    assert problem("Statement") == "a generic noun without its owner"
    assert problem("Several") == "a bare quantifier"
    assert problem("Myrnohrad", "GPE", "gaz:place/myrnohrad") == "a place"
    assert problem("None") == "None"
    assert problem("Putin's missile-") == "a clipped token"
    assert problem("Moscow", "GPE", "gaz:place/moscow") is None
    assert problem("The ministry's statement") is None
    assert problem("62% of Ukrainians") is None


def test_no_attribution_source_is_a_false_source(demo_store: Store) -> None:
    bad = []
    for analysis in analyses(demo_store):
        types = {e.key: e.type for e in analysis.entities}
        for att in analysis.attributions:
            text = att.source.text if att.source else None
            why = problem(text, types.get(att.source_entity or ""), att.source_entity)
            if why:
                bad.append((text, att.source_entity, why))
            if att.source is not None:
                name = source_name(analysis, att)
                if why := problem(name):
                    bad.append((name, "shown as", why))
    assert not bad


def test_no_stance_source_on_the_claim_board_is_a_false_source(demo_store: Store) -> None:
    with demo_store.reading("stances") as conn:
        rows = conn.execute(sa.text(
            "SELECT source, entity FROM proposition_stances WHERE role = 'source'")).all()
    assert rows
    bad = [(s, e, why) for s, e in rows if (why := problem(s, None, e))]
    assert not bad


def test_no_exported_source_is_a_false_source(demo_store: Store) -> None:
    bad: list[Any] = []
    for page in iter_rows(demo_store, "attributions"):
        for r in page:
            if why := problem(r["source_text"], None, r["source_entity"]):
                bad.append((r["source_text"], r["source_entity"], why))
    for page in iter_rows(demo_store, "stances"):
        for r in page:
            if r["role"] == "source" and (why := problem(r["source"], None, r["entity"])):
                bad.append((r["source"], r["entity"], why))
    assert not bad


def test_one_person_goes_by_one_name_across_the_store(demo_store: Store) -> None:
    names: dict[str, set[str]] = defaultdict(set)
    for analysis in analyses(demo_store):
        types = {e.key: e.type for e in analysis.entities}
        for att in analysis.attributions:
            key = att.source_entity
            if att.source is not None and key and types.get(key) == "PERSON":
                names[key].add(source_name(analysis, att))
    assert names["gaz:person/dmitry-peskov"] == {"Dmitry Peskov"}
    assert {k: v for k, v in names.items() if len(v) > 1} == {}


def test_ukraines_general_staff_is_one_source(demo_store: Store) -> None:
    shown = set()
    for analysis in analyses(demo_store):
        for att in analysis.attributions:
            if att.source is not None and "General Staff" in att.source.text and (
                    "Ukraine" in att.source.text or "Kyiv" in att.source.text):
                assert att.source_entity == "gaz:org/general-staff-of-ukraine"
                shown.add(source_name(analysis, att))
    assert shown == {"General Staff of the Armed Forces of Ukraine"}
