"""Claim clustering against FNC-1's claims: gold components, B-cubed figures, the scorer."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from fogwatch.datasets.fnc1 import Pair, read_folder, select
from fogwatch.evaluate.claimclusters import evaluate, gold_claims, render, score


def _pairs(rows: list[tuple[str, str, str]]) -> list[Pair]:
    return [Pair(h, b, s) for h, b, s in rows]


def test_gold_claims_are_components_of_shared_related_headlines() -> None:
    pairs = _pairs([
        ("Bridge collapses", "1", "agree"),
        ("Bridge  collapses", "2", "discuss"),  # the same headline, spaced otherwise
        ("Bridge toll rises to three", "2", "disagree"),
        ("Bridge toll rises to three", "3", "agree"),  # 1-2-3 chained
        ("Bridge collapses", "4", "unrelated"),  # unrelated pairs join nothing
        ("Tiger loose", "5", "agree"),
        ("Tiger loose", "9", "agree"),  # 9 is not among the articles
    ])
    gold = gold_claims(pairs, ["1", "2", "3", "4", "5"])
    assert gold["1"] == gold["2"] == gold["3"]
    assert len({gold["1"], gold["4"], gold["5"]}) == 3
    assert "9" not in gold


GOLD = {"a1": 0, "a2": 0, "a3": 0, "b1": 1, "b2": 1, "c1": 2}


def test_perfect_clustering_scores_one() -> None:
    result = score([{"a1", "a2", "a3"}, {"b1", "b2"}, {"c1"}], GOLD)
    assert result["precision"] == result["recall"] == result["extended_precision"] == 1.0
    assert result["pairs_precision"] == 1.0 and result["pairs"] == 4
    assert result["propositions_shared"] == 2
    assert result["largest"] == {"articles": 3, "claims": 1}


def test_merged_claims_lose_precision_by_hand() -> None:
    # one proposition holds a's and b's articles: each a sees 3/5 of its own, each b 2/5
    result = score([{"a1", "a2", "a3", "b1", "b2"}, {"c1"}], GOLD)
    expected = (3 * 3 / 5 + 2 * 2 / 5 + 1) / 6
    assert result["precision"] == pytest.approx(expected, abs=1e-4)
    assert result["recall"] == 1.0
    assert result["pairs"] == 10 and result["pairs_precision"] == pytest.approx(4 / 10)
    assert result["largest"] == {"articles": 5, "claims": 2}


def test_several_honest_propositions_are_not_a_lie() -> None:
    # a1 also makes a claim only it makes: precision stays 1; Amigó's extended
    # precision charges the multiplicity
    result = score([{"a1", "a2", "a3"}, {"a1"}, {"b1", "b2"}, {"c1"}], GOLD)
    assert result["precision"] == 1.0
    assert result["extended_precision"] < 1.0
    # ... but a second shared proposition with a wrong article is
    worse = score([{"a1", "a2", "a3"}, {"a1", "b1"}, {"b1", "b2"}, {"c1"}], GOLD)
    assert worse["precision"] < 1.0
    assert worse["pairs_precision"] == pytest.approx(4 / 5)


def test_articles_left_out_are_a_gap_not_a_lie() -> None:
    result = score([{"a1", "a2"}], GOLD)
    assert result["precision"] == 1.0
    # a1, a2: 2/3; a3: 1/3; b1, b2: 1/2; c1: 1
    assert result["recall"] == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2 + 1) / 6,
                                             abs=1e-4)
    assert result["clustered"] == 2
    # articles outside the gold are dropped
    assert score([{"a1", "a2", "zz"}], GOLD)["pairs"] == 1


BODIES = [
    ("1", "Russian forces have encircled about 5,000 Ukrainian soldiers near Pokrovsk, the "
          "Russian Defence Ministry said on Monday."),
    ("2", "The Russian Defence Ministry claimed that 5,000 Ukrainian troops were encircled "
          "near Pokrovsk. Ukraine's General Staff denied that any units were surrounded."),
    ("3", "Hungary has asked Washington for an exemption from sanctions on Russian oil, "
          "Prime Minister Viktor Orban said."),
]
STANCES = [
    ("Thousands of Ukrainian soldiers encircled near Pokrovsk", "1", "agree"),
    ("Thousands of Ukrainian soldiers encircled near Pokrovsk", "2", "discuss"),
    ("Thousands of Ukrainian soldiers encircled near Pokrovsk", "3", "unrelated"),
    ("Hungary seeks sanctions exemption", "3", "agree"),
]


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "tiny_bodies.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Body ID", "articleBody"], *BODIES])
    with (folder / "tiny_stances.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Headline", "Body ID", "Stance"], *STANCES])
    return folder


def test_scorer_ingests_reconciles_and_reuses_its_store(tmp_path: Path) -> None:
    folder = _write(tmp_path / "fnc")
    db = tmp_path / "claims.sqlite"
    first = evaluate(folder, split="all", store_path=db, workers=1)
    assert first["articles"] == 3 and first["gold_claims"] == 2
    assert first["documents"] == 3 and first["propositions"] >= 1
    assert 0.0 <= first["precision"] <= 1.0 and first["recall"] >= 2 / 3
    again = evaluate(folder, split="all", store_path=db, workers=1)
    assert {k: v for k, v in again.items() if not k.endswith("seconds")} == \
        {k: v for k, v in first.items() if not k.endswith("seconds")}
    assert "B-cubed precision" in render(first)
    json.dumps(first)
    # the board's outlet stances on the related pairs, beside the classifier's
    board = first["board_stance"]
    assert board["related_pairs"] == 3
    assert board["covered"] == board["board"]["pairs"] == board["classifier"]["pairs"]
    assert "Board stance against FNC-1" in render(first)
    # a store holding other articles is refused rather than scored
    with pytest.raises(ValueError, match="outside this selection"):
        evaluate(folder, split="all", limit=2, store_path=db, workers=1)


def test_real_training_release_gold(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "fnc1"
    if not (folder / "train_stances.csv").is_file():
        pytest.skip("FNC-1 is absent from the shared data")
    _, pairs = read_folder(folder)
    for split in ("dev", "train"):
        chosen = select(pairs, split)
        articles = {p.body_id for p in chosen}
        gold = gold_claims(chosen, articles)
        assert set(gold) == articles
        # no related headline spans two gold claims
        claims_of: dict[str, set[int]] = {}
        for p in chosen:
            if p.stance != "unrelated":
                claims_of.setdefault(" ".join(p.headline.split()).lower(), set()).add(
                    gold[p.body_id])
        assert all(len(c) == 1 for c in claims_of.values())
        # most claims hold several articles: clustering has something to find
        sizes = list(Counter(gold.values()).values())
        assert sum(n >= 2 for n in sizes) > len(sizes) / 2
