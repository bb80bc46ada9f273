"""On the seed article alone: the encirclement claim and its dismissal are one
proposition, and the author's own voice decides the outlet's stance."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.jobs import run_batch
from fogwatch.store import Store

pytestmark = [pytest.mark.seed, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed_db(seed_path: Path, tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    with Store.open(str(path)) as store:
        summary = run_batch([str(seed_path)], store, pipeline=pipeline)
        assert summary.ok, summary.failed
    return path


def _propositions(path: Path) -> list:  # type: ignore[type-arg]
    with Store.open(str(path)) as store:
        out, offset = [], 0
        while page := store.propositions(limit=200, offset=offset):
            out.extend(page)
            offset += len(page)
    return out


def test_gerasimov_claim_and_milblogger_dismissal(seed_db: Path) -> None:
    with Store.open(str(seed_db)) as store:
        props = store.propositions(query="surrounded", limit=5)
    assert len(props) == 1
    stances = {(s.source, s.stance) for s in props[0].stances if s.role == "source"}
    assert ("Valery Gerasimov", "asserts") in stances
    assert any("milbloggers" in source and stance == "denies" for source, stance in stances)
    assert props[0].contested


def test_the_author_disputes_the_claim_it_calls_absurdly_inflated(seed_db: Path) -> None:
    # "a frontline report that even many of Russia's war-hawk milbloggers found
    # absurdly inflated: Among other things, he claimed that Russian forces had
    # completely surrounded over five thousand Ukrainian troops ..."
    (prop,) = [p for p in _propositions(seed_db)
               if any("completely surrounded" in (s.text or "") for s in p.stances)]
    outlet = [s.stance for s in prop.stances if s.role == "outlet"]
    assert outlet == ["denies"]


def test_the_passage_the_author_quotes_approvingly_is_not_denied(seed_db: Path) -> None:
    # "as the Kyiv Independent puts it, 'the city has descended into a deep gray zone ...'"
    props = [p for p in _propositions(seed_db)
             if any("deep gray zone" in (s.text or "") for s in p.stances)]
    assert props
    for p in props:
        outlet = [s.stance for s in p.stances if s.role == "outlet"]
        assert outlet == ["asserts"], p.statement


def test_the_author_refutes_the_sceptics_in_its_own_words(seed_db: Path) -> None:
    # "Skeptics like ... Phillips O'Brien are inclined to think that the sanctions
    # are mostly meaningless bluster, ... But in fact, those countries have
    # already cut their Russian oil imports." The claim-stance classifier reads
    # the article as agreeing with the sceptics' words; the author's explicit
    # "But in fact" is not put to it.
    (prop,) = [p for p in _propositions(seed_db)
               if any("meaningless bluster" in (s.text or "") for s in p.stances)]
    assert [s.stance for s in prop.stances if s.role == "outlet"] == ["denies"]
    assert [(s.source, s.stance) for s in prop.stances if s.role == "source"] == [
        ("Phillips O'Brien", "asserts")]


def test_no_outlet_row_echoes_a_quoted_source(seed_db: Path) -> None:
    from fogwatch import sentences as sx
    from fogwatch.reconcile.units import lead_sentence

    props = _propositions(seed_db)
    with Store.open(str(seed_db)) as store:
        (doc_id,) = {s.document for p in props for s in p.stances}
        document = store.get_document(doc_id)
    assert document is not None
    lead = lead_sentence(document.text, sx.of_document(document))
    assert lead is not None
    for p in props:
        outlet = [s for s in p.stances if s.role == "outlet"]
        assert len(outlet) == 1, p.statement  # one stance per proposition and article
        if outlet[0].stance == "asserts" and outlet[0].start == lead[0]:
            continue  # the article's lead, in the outlet's own voice: its own claim
        if outlet[0].stance == "asserts":
            # only where the author takes the words as its own ("as X puts it")
            assert any(s.role == "source" and s.stance == "asserts" for s in p.stances)
            text = outlet[0].text or ""
            assert "gray zone" in text or "audience of one" in text, text


def test_statements_read_as_claims(seed_db: Path) -> None:
    from fogwatch.reconcile.voice import reads_as_claim

    statements = [p.statement for p in _propositions(seed_db)]
    assert statements
    for bad in ("Meat storms", "Ukraine", "Their fearsome capabilities", "To be yielding results"):
        assert bad not in statements
    assert sum(reads_as_claim(s) for s in statements) >= 0.9 * len(statements), statements


def test_statements_drop_the_frame_around_what_is_said(seed_db: Path) -> None:
    statements = [p.statement for p in _propositions(seed_db)]
    assert not [s for s in statements if s.lower().startswith(("the view that",
                                                               "the prevailing view"))]
    assert any(s.startswith("The main reason that no one else has tried to build")
               for s in statements), statements
    assert any(s.startswith("In this case, Trump") for s in statements), statements


def test_a_frame_around_a_statement_is_dropped_written() -> None:
    from fogwatch.reconcile.propositions import _statement

    assert _statement("the view that the bridge was mined") == "the bridge was mined"
    assert _statement("his long-held belief that talks will fail") == "talks will fail"
    assert _statement("the consensus in a remark to reporters: “It cannot fly.”") == \
        "It cannot fly."
    assert _statement("his view of the war") == "his view of the war"
    assert _statement('the army said: "we hold" and left') == 'the army said: "we hold" and left'
