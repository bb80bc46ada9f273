"""The claim board's corrections become training pairs for the claim-stance
classifier (``fogwatch train fnc1 --corrections``): an outlet's stance set is the
analyst's label on the claim's statement, a member moved makes a pair with the
claim it went into; a source's stance, a split and a withdrawn correction teach
nothing and are reported; the pairs are fitted, never checked; the command's
use and its errors."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app as cli
from fogwatch.reconcile import correct_claim, withdraw_claim_correction
from fogwatch.store import Store
from fogwatch.train.claim_corrections import FNC_LABEL, read_claim_pairs

from .test_claim_corrections import ARTICLES, _holding, _ref
from .test_claim_corrections import docs as docs  # noqa: F401  (a fixture)

WHO = {"author": "Ann Analyst"}


def test_an_outlet_stance_set_and_a_member_moved_become_pairs(
    store: Store, docs: dict[str, str]
) -> None:
    assert read_claim_pairs(store).pairs == []
    dam = _holding(store, "Andriy Kovalenko")
    tonenke = _holding(store, "General Staff")
    fallen = _holding(store, "Oleksandr Tarnavskyi")
    # the article's own stance on the dam claim: the analyst says it denies it
    correct_claim(store, "stance", proposition=dam.id,
                  members=[_ref(dam, "kyiv.example", "outlet")], stance="denies", **WHO)
    # a source's stance: that speaker's, not the article's
    correct_claim(store, "stance", members=[_ref(dam, "Andriy Kovalenko")],
                  stance="asserts", **WHO)
    # Tarnavskyi's words are the capture claim: his article's own stance goes along
    correct_claim(store, "move", members=[_ref(fallen, "Oleksandr Tarnavskyi")],
                  into=tonenke.id, **WHO)
    # a stance set and then withdrawn teaches nothing
    moscow = _holding(store, "Igor Konashenkov")
    gone = correct_claim(store, "stance", members=[_ref(moscow, "moscow.example", "outlet")],
                         stance="asserts", **WHO)
    withdraw_claim_correction(store, gone.id, by="Bob")

    found = read_claim_pairs(store)
    tonenke = store.get_proposition(tonenke.id)
    dam = store.get_proposition(dam.id)
    by_doc = {(p.document, p.proposition): p for p in found.pairs}
    assert sorted(by_doc) == sorted([(docs["kyiv"], dam.id), (docs["front"], tonenke.id)])
    denied = by_doc[(docs["kyiv"], dam.id)]
    assert (denied.claim, denied.label) == (dam.statement, "disagree")
    assert denied.text == ARTICLES["kyiv"][0]
    moved = by_doc[(docs["front"], tonenke.id)]
    outlet = next(s for s in tonenke.stances
                  if s.document == docs["front"] and s.role == "outlet")
    assert moved.claim == tonenke.statement and moved.label == FNC_LABEL[outlet.stance]
    assert moved.text == ARTICLES["front"][0]
    assert found.used == {"stance": 1, "move": 1}
    assert found.unused == {"stance of a source (a speaker's, not the article's)": 1,
                            "withdrawn": 1}
    summary = found.summary()
    assert summary["pairs"] == 2 and summary["documents"] == 2


def test_a_stance_confirmed_as_the_machine_had_it_is_a_pair_and_splits_are_not(
    store: Store, docs: dict[str, str]
) -> None:
    dam = _holding(store, "Andriy Kovalenko")
    machine = next(s for s in dam.stances if s.role == "outlet" and s.document == docs["kyiv"])
    correct_claim(store, "stance", members=[_ref(dam, "kyiv.example", "outlet")],
                  stance=machine.stance, **WHO)
    correct_claim(store, "split", proposition=dam.id,
                  members=[_ref(dam, "Igor Konashenkov")], **WHO)
    found = read_claim_pairs(store)
    assert [(p.document, p.label) for p in found.pairs] == [
        (docs["kyiv"], FNC_LABEL[machine.stance])]
    assert found.unused == {"split (how claims are cut, not an article's stance)": 1}


def _fnc_folder(folder: Path) -> Path:
    """A tiny FNC-1 training release: a few training articles (and dev ones, which
    must not be read)."""
    folder.mkdir()
    ids = [str(i) for i in range(60)]
    words = ["drone strike on the fuel depot", "dam at Kurakhove destroyed",
             "village of Tonenke captured", "bridge in Kherson shelled"]
    with (folder / "train_bodies.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        for i in ids:
            topic = words[int(i) % 4]
            w.writerow([i, f"Officials said the {topic} happened. It is not true, others "
                           f"said, a hoax about the {topic}. Reports of the {topic} spread."])
    with (folder / "train_stances.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        for i in ids:
            n = int(i)
            w.writerow([f"The {words[n % 4]}", i, ("agree", "disagree", "discuss")[n % 3]])
            w.writerow([f"The {words[(n + 1) % 4]}", i, "unrelated"])
    return folder


def test_corrected_pairs_are_fitted_never_checked(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from fogwatch.datasets.fnc1 import DEV_BELOW
    from fogwatch.train.fnc1 import train

    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    data = _fnc_folder(tmp_path / "fnc1")
    extra = [("The dam at Kurakhove destroyed", "The dam was not destroyed, officials said; "
              "the claim is a hoax.", "disagree")] * 3
    plain = train(data, tmp_path / "plain", hidden=8, epochs=2, head_size=50, body_size=50)
    taught = train(data, tmp_path / "taught", hidden=8, epochs=2, head_size=50, body_size=50,
                   corrections=extra, weight=2)
    assert plain["check_pairs"] == taught["check_pairs"] > 0
    assert plain["train_pairs"] == taught["train_pairs"]
    n_train = sum(hashlib.sha1(str(i).encode()).digest()[0] >= DEV_BELOW for i in range(60))
    assert plain["train_pairs"] == 2 * n_train  # the dev articles are not read
    assert (plain["corrected_pairs"], taught["corrected_pairs"]) == (0, 3)
    assert taught["corrections_weight"] == 2
    assert (tmp_path / "taught" / "claimstance.npz").is_file()
    with pytest.raises(ValueError, match="unknown stance"):
        train(data, tmp_path / "bad", hidden=8, epochs=1, head_size=50, body_size=50,
              corrections=[("a claim", "a text", "asserts")])


def test_train_fnc1_refuses_a_store_without_claim_corrections(tmp_path: Path,
                                                                store: Store) -> None:
    data = _fnc_folder(tmp_path / "fnc1")
    runner = CliRunner()
    missing = runner.invoke(cli, ["train", "fnc1", str(data), "--out", str(tmp_path / "m"),
                                  "--corrections", str(tmp_path / "nowhere.sqlite")])
    assert missing.exit_code == 2 and "no store at" in missing.output
    empty = runner.invoke(cli, ["train", "fnc1", str(data), "--out", str(tmp_path / "m"),
                                "--corrections", store.url])
    assert empty.exit_code == 2, empty.output
    assert "holds no claim corrections to train on" in empty.output
    assert not (tmp_path / "m").exists()


def test_train_fnc1_adds_the_pairs_of_a_store(tmp_path: Path, store: Store,
                                              docs: dict[str, str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    dam = _holding(store, "Andriy Kovalenko")
    correct_claim(store, "stance", members=[_ref(dam, "kyiv.example", "outlet")],
                  stance="denies", **WHO)
    correct_claim(store, "split", proposition=dam.id,
                  members=[_ref(dam, "Igor Konashenkov")], **WHO)
    data = _fnc_folder(tmp_path / "fnc1")
    done = CliRunner().invoke(cli, ["train", "fnc1", str(data), "--out", str(tmp_path / "m"),
                                    "--epochs", "1", "--hidden", "8",
                                    "--corrections", store.url, "--corrections-weight", "2"])
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert (report["corrected_pairs"], report["corrections_weight"]) == (1, 2)
    assert report["corrections"]["labels"] == {"disagree": 1}
    assert report["corrections"]["unused"] == {
        "split (how claims are cut, not an article's stance)": 1}
    assert (tmp_path / "m" / "claimstance.npz").is_file()
