"""The FNC-1 reader, split and metric on files and predictions written here."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fogwatch.datasets.fnc1 import is_dev, read_folder, select
from fogwatch.evaluate.fnc1 import class_scores, evaluate, fnc_score, metrics, render

BODIES = [
    ("0", "Officials said on Friday that the bridge over the river had collapsed, "
          "killing three people.\n\nRescue teams are searching the water."),
    ("7", "The story of a tiger loose in the city centre is a hoax, police said. "
          "No tiger escaped and the photo was fake."),
]
STANCES = [
    ("Bridge collapses over river, three dead", "0", "agree"),
    ("Tiger loose in city centre", "7", "disagree"),
    ("Tiger loose in city centre", "0", "unrelated"),
]


def _write(folder: Path, prefix: str = "tiny_") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{prefix}bodies.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Body ID", "articleBody"])
        w.writerows(BODIES)
    with (folder / f"{prefix}stances.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Headline", "Body ID", "Stance"])
        w.writerows(STANCES)
    return folder


def test_reader_keeps_quoted_bodies_and_pairs(tmp_path: Path) -> None:
    bodies, pairs = read_folder(_write(tmp_path))
    assert bodies["0"].count("\n") == 2  # a body with a blank line survives the CSV
    assert [(p.body_id, p.stance) for p in pairs] == [("0", "agree"), ("7", "disagree"),
                                                      ("0", "unrelated")]


def test_reader_refuses_a_folder_without_one_pair_of_files(tmp_path: Path) -> None:
    _write(tmp_path)
    _write(tmp_path, prefix="other_")
    with pytest.raises(ValueError, match="exactly one"):
        read_folder(tmp_path)


def test_official_score_arithmetic() -> None:
    gold = ["agree", "disagree", "unrelated", "discuss", "unrelated"]
    pred = ["agree", "discuss", "unrelated", "unrelated", "agree"]
    # agree right 1.0; disagree as discuss 0.25; unrelated right 0.25;
    # discuss as unrelated 0; unrelated as agree 0. Maximum 1 + 1 + 0.25 + 1 + 0.25.
    assert fnc_score(gold, pred) == (1.5, 3.5)
    m = metrics(gold, pred)
    assert m["fnc_score"] == round(100 * 1.5 / 3.5, 2)
    c = class_scores(gold, pred)
    assert c["agree"]["p"] == 0.5 and c["agree"]["r"] == 1.0 and c["agree"]["f1"] == 0.6667
    assert c["unrelated"]["p"] == 0.5 and c["unrelated"]["r"] == 0.5
    assert c["disagree"]["f1"] == 0.0 and c["discuss"]["f1"] == 0.0
    assert m["macro_f1"] == round((0.6667 + 0.5) / 4, 4)
    assert m["confusion"]["disagree"]["discuss"] == 1


def test_scorer_on_a_written_folder(tmp_path: Path) -> None:
    result = evaluate(_write(tmp_path))
    assert result["split"] == "all" and result["pairs"] == 3
    assert set(result["classes"]) == {"agree", "disagree", "discuss", "unrelated"}
    assert result["pairs_per_second"] > 0
    # The unrelated pair shares no word with its article: the overlap decides it.
    assert result["confusion"]["unrelated"]["unrelated"] == 1
    assert "FNC score" in render(result)


def test_dev_split_is_fixed_and_by_article() -> None:
    assert is_dev("7") == is_dev(" 7 ")
    ids = [str(i) for i in range(2000)]
    share = sum(map(is_dev, ids)) / len(ids)
    assert 0.15 < share < 0.25


def test_real_training_release_split(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "fnc1"
    if not (folder / "train_stances.csv").is_file():
        pytest.skip("FNC-1 is absent from the shared data")
    bodies, pairs = read_folder(folder)
    assert len(bodies) == 1683 and len(pairs) == 49972
    dev, train = select(pairs, "dev"), select(pairs, "train")
    assert len(dev) + len(train) == len(pairs)
    assert not {p.body_id for p in dev} & {p.body_id for p in train}
    result = evaluate(folder, split="dev", limit=400)
    assert result["pairs"] == 400
    assert result["fnc_score"] > 70.0
