"""Reconciling the demo corpus: gold claims, stances, incremental = rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app
from fogwatch.evaluate.reconcile import demo_documents, score
from fogwatch.jobs import analyze_stored
from fogwatch.reconcile import reconcile_all, reconcile_document
from fogwatch.store import Store

pytestmark = pytest.mark.slow


def snapshot(store: Store) -> list[tuple]:
    """Propositions as comparable values: statement, flags and every stance."""
    out = []
    offset = 0
    while page := store.propositions(limit=200, offset=offset):
        offset += len(page)
        for p in page:
            stances = sorted((s.document, s.source, s.role, s.stance, s.start or -1)
                             for s in p.stances)
            out.append((p.statement, p.contested, p.numbers_disagree, tuple(stances)))
    events = []
    offset = 0
    while page := store.merged_events(limit=200, offset=offset):
        offset += len(page)
        events.extend((e.type, e.statement, e.start, tuple(sorted(
            (r.document, r.event, r.modality) for r in e.reports))) for e in page)
    return sorted(out) + sorted(events)


def test_gold_claims_are_whole_with_the_right_stances(demo_store: Store) -> None:
    result = score(demo_store)
    by_id = {g["id"]: g for g in result["gold"]}
    enc = by_id["encirclement"]
    # Every article speaking to the contested encirclement claim is in one proposition.
    assert enc["coverage"] == 1.0
    assert enc["outlet_right"] >= enc["outlet_total"] - 1, enc["errors"]
    assert enc["speaker_right"] >= enc["speaker_total"] - 1, enc["errors"]
    assert enc["contested_right"]
    target = by_id["dnipro-military-target"]
    assert target["coverage"] == 1.0 and target["contested_right"]
    assert result["outlet_accuracy"] >= 0.9
    assert result["merges"] == {}
    # Pairs of different claims annotated as such stay apart: an offer to
    # surrender is not a surrender, Bulgaria's licence request not Hungary's exemption
    # (obtained, or asked for).
    assert result["apart"]["found"] >= 12
    assert result["apart"]["kept_apart"] == result["apart"]["found"], result["apart"]
    # The claim about a military target and the death toll stay apart.
    assert by_id["dnipro-toll"]["predicted"] != target["predicted"]
    # The outlet's own "The toll rose from seven ... to twelve" (article 11) joins the toll.
    assert by_id["dnipro-toll"]["coverage"] == 1.0
    assert result["whole"] == result["n"]


ENCIRCLED = ("encircl", "surrounded", "cut off", "trapped")


def _encirclement(store: Store, docs: dict[int, str]):  # type: ignore[no-untyped-def]
    """The contested proposition holding the Moscow outlet's encirclement report."""
    props = [p for p in store.propositions(contested=True, limit=50)
             if any(s.document == docs[2] and any(w in (s.text or "") for w in ENCIRCLED)
                    for s in p.stances)]
    assert props, "the encirclement claim is contested"
    return props[0]


def test_contested_claim_names_both_sides(demo_store: Store) -> None:
    docs = demo_documents(demo_store)
    # The proposition holding the Moscow outlet's encirclement report.
    props = [_encirclement(demo_store, docs)]
    stances = {(s.document, s.role): s.stance for s in props[0].stances}
    assert stances[(docs[2], "outlet")] == "asserts"  # Moscow Dispatch relays it
    assert stances[(docs[3], "outlet")] == "denies"  # Kyiv Ledger rejects it
    assert stances[(docs[4], "outlet")] == "unverified"  # the wire cannot verify
    figures = {n.value for n in props[0].numbers if n.unit == "troops"}
    assert {5000.0, 5500.0} <= figures  # the first figure and the one given on the 14th


def test_figures_for_people_disagree_across_nouns(demo_store: Store) -> None:
    docs = demo_documents(demo_store)
    enc = _encirclement(demo_store, docs)
    assert enc.numbers_disagree
    # "only a few hundred Russian soldiers had infiltrated the town" (Ukraine's
    # General Staff, article 4) is a figure, read as 200 to 500.
    few = [n for n in enc.numbers if n.approx == "a few hundred" and n.document == docs[4]]
    assert few and (few[0].value, few[0].upper, few[0].unit) == (200, 500, "troops")
    # The figures that disagree come first: a Ukrainian count of a few hundred
    # against a Russian one of thousands, from different sources.
    low, high = sorted(enc.numbers[:2], key=lambda n: n.value)
    assert (low.upper or low.value) <= 500 and high.value >= 5000
    assert low.source != high.source
    assert {low.unit, high.unit} <= {"troops", "people"}


def test_units_carry_vague_counts_and_outlet_figures(demo_store: Store) -> None:
    from fogwatch.reconcile.units import document_units

    docs = demo_documents(demo_store)
    units = document_units(demo_store.get_analysis(docs[3]))
    levchenko = next(u for u in units if u.source == "Levchenko" and u.numbers)
    assert {(n.approx, n.counted) for n in levchenko.numbers} >= {
        ("a few hundred", "Russian infiltrators"), ("about", "people")}
    units = document_units(demo_store.get_analysis(docs[11]))
    toll = [u for u in units if u.figure]
    assert [u.text for u in toll] == [
        "The toll rose from seven on Friday morning to twelve by Saturday."]
    assert toll[0].role == "outlet" and "CASUALTIES" in toll[0].concepts


def test_rebuild_gives_the_incremental_result(demo_store: Store) -> None:
    incremental = snapshot(demo_store)
    assert incremental
    reconcile_all(demo_store)
    assert snapshot(demo_store) == incremental


def test_reconciling_a_document_again_changes_nothing(demo_store: Store) -> None:
    doc_id = demo_documents(demo_store)[3]
    reconcile_document(demo_store, doc_id)
    once = snapshot(demo_store)
    reconcile_document(demo_store, doc_id)
    assert snapshot(demo_store) == once


def test_reanalysing_a_document_replaces_its_stances(demo_store: Store, pipeline) -> None:
    doc_id = demo_documents(demo_store)[3]
    summary = analyze_stored(demo_store, [doc_id], pipeline=pipeline)
    assert summary.ok, summary.failed
    for p in demo_store.propositions(limit=500):
        outlet = [s for s in p.stances if s.document == doc_id and s.role == "outlet"]
        assert len(outlet) <= 1, p.statement  # one outlet stance per document


def test_claims_and_timeline_commands(demo_db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["claims", "--db", str(demo_db), "--contested", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["propositions"]
    for p in data["propositions"]:
        assert {"id", "statement", "first_seen", "last_seen", "stances"} <= set(p)
        for s in p["stances"]:
            assert {"source", "outlet", "document", "stance", "date", "text"} <= set(s)
            assert s["stance"] in ("asserts", "denies", "unverified", "reports")
        assert {s["stance"] for s in p["stances"]} >= {"asserts", "denies"}
    result = runner.invoke(app, ["claims", "--db", str(demo_db), "--entity", "Dnipro", "--json"])
    assert result.exit_code == 0, result.output
    assert any("Dnipro" in json.dumps(p) for p in json.loads(result.stdout)["propositions"])
    result = runner.invoke(app, ["timeline", "--db", str(demo_db), "--place", "Dnipro",
                                 "--json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert events and all(e["reports"] for e in events)
    dates = [e["date"] for e in events if e["date"]]
    assert dates == sorted(dates)
    result = runner.invoke(app, ["timeline", "--db", str(demo_db), "--entity", "Nobody Atall"])
    assert result.exit_code == 1
    assert "No entity" in result.output


def test_brief_has_the_cross_document_sections(demo_store: Store) -> None:
    from fogwatch.export.brief import build_brief, render_html, render_markdown

    brief = build_brief(demo_store)
    assert brief.contested
    enc = brief.contested[0]  # the most contested claim: the encirclement
    assert enc["asserts"] and enc["denies"]
    assert brief.timeline and brief.changed
    dates = [t["date"] for t in brief.timeline if t["date"]]
    assert dates == sorted(dates)
    text = render_markdown(brief)
    for heading in ("## What changed", "## Contested claims: who stands where", "## Timeline"):
        assert heading in text
    # The encirclement's figures lead with the two that disagree.
    enc_figures = next(d["figures"] for d in brief.disagreements
                       if any("5,000" in f["figure"] for f in d["figures"]))
    assert any("few hundred" in f["figure"] or "300" in f["figure"] for f in enc_figures[:2])
    assert "## Numbers that disagree" in text
    page = render_html(brief)
    assert "<h2>Contested claims: who stands where</h2>" in page
    assert "<script" not in page.lower()


def test_a_dismissal_reported_with_said_counts_once_as_a_denial(demo_store: Store) -> None:
    # "..., the Ministry of Defence said, dismissing Ukrainian reports of civilian
    # casualties as an attempt to wreck the coming talks" (article 10)
    docs = demo_documents(demo_store)
    stances = [s for p in demo_store.propositions(limit=200) for s in p.stances
               if s.document == docs[10] and "civilian casualties" in (s.text or "")
               and s.role == "source"]
    assert stances and {s.stance for s in stances} == {"denies"}
    assert all("Ministry of Defence" in (s.source or "") for s in stances)
