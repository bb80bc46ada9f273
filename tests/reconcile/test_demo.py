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
    # undated merged events have no start
    return sorted(out) + sorted(events, key=lambda e: (e[0], e[1], e[2] or "", e[3]))


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
    # Moscow Dispatch relays the ministry, Kyiv Ledger the General Staff's denial:
    # both report; neither says anything of its own about the claim.
    assert stances[(docs[2], "outlet")] == "reports"
    assert stances[(docs[3], "outlet")] == "reports"
    assert stances[(docs[4], "outlet")] == "unverified"  # the wire cannot verify
    assert stances[(docs[11], "outlet")] == "denies"  # "the Russian number is inflated"
    figures = {n.value for n in props[0].numbers if n.unit == "troops"}
    assert {5000.0, 5500.0} <= figures  # the first figure and the one given on the 14th


def test_unlike_figures_are_not_set_against_each_other(demo_store: Store) -> None:
    docs = demo_documents(demo_store)
    enc = _encirclement(demo_store, docs)
    # "only a few hundred Russian soldiers had infiltrated the town" (Ukraine's
    # General Staff, article 4) is a figure, read as 200 to 500 ...
    few = [n for n in enc.numbers if n.approx == "a few hundred" and n.document == docs[4]]
    assert few and (few[0].value, few[0].upper, few[0].unit) == (200, 500, "troops")
    # ... of Russian infiltrators, not of encircled Ukrainians: nothing disagrees
    # with the 5,000 (and 5,500 is the same count, restated).
    assert not enc.numbers_disagree
    # The 5,000 Ukraine's General Staff rejects (article 3) is Russia's figure,
    # not credited to Ukraine's General Staff.
    assert not any(n.value >= 5000 and "Ukrain" in n.source for n in enc.numbers)
    # The Dnipro toll rose from 7 to 14 and 40 were injured: no disagreement.
    toll = [p for p in demo_store.propositions(query="killed", limit=50)
            if any(s.document == docs[12] for s in p.stances)]
    assert toll and not any(p.numbers_disagree for p in toll)


def test_the_defence_ministry_link_up_is_disputed_by_the_outlet(demo_store: Store) -> None:
    # "Russia's Defence Ministry said ... its troops had linked up north of Myrnohrad
    # ... We found no footage or imagery of such a link-up." (article 16)
    docs = demo_documents(demo_store)
    props = [p for p in demo_store.propositions(limit=200)
             if any(s.document == docs[16] and "linked up" in (s.text or "") for s in p.stances)]
    assert props
    for p in props:
        mine = {(s.role, s.stance) for s in p.stances if s.document == docs[16]}
        assert ("source", "asserts") in mine and ("outlet", "denies") in mine
        assert ("outlet", "asserts") not in mine


def test_no_outlet_echoes_a_quoted_source(demo_store: Store) -> None:
    offset = 0
    while page := demo_store.propositions(limit=200, offset=offset):
        offset += len(page)
        for p in page:
            for doc in {s.document for s in p.stances}:
                outlet = [s for s in p.stances if s.document == doc and s.role == "outlet"]
                assert len(outlet) == 1, p.statement
                if outlet[0].stance == "asserts":
                    # the outlet's own sentence, not a source's words
                    assert not any(s.role == "source" and s.text == outlet[0].text
                                   for s in p.stances), (p.statement, outlet[0].text)


def test_units_carry_vague_counts_and_outlet_figures(demo_store: Store) -> None:
    from fogwatch.reconcile.units import document_units

    docs = demo_documents(demo_store)
    units = document_units(demo_store.get_analysis(docs[3]))
    levchenko = next(u for u in units if "Levchenko" in u.source and u.numbers)
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
    # No figures in the demo count the same thing and disagree: the encirclement's
    # 5,000 is not set against the few hundred infiltrators.
    assert not any(any("5,000" in f["figure"] for f in d["figures"])
                   for d in brief.disagreements)
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
