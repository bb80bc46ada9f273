"""The PolNeAR scorer and reader on a small BRAT fixture written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogwatch.datasets.polnear import GoldAttribution, parse_ann, read_split
from fogwatch.evaluate.polnear import Predicted, Scorer, evaluate, normalise, render

TEXT = (
    "The mayor said that the water supply had been restored. "
    "“We need more generators,” a city official added. "
    "Residents fear another winter without heat."
)


def _at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def _ann() -> str:
    """First annotator: two attributions; the second has a discontinuous content."""
    src1, cue1, con1 = _at("The mayor"), _at("said"), _at("that the water supply had been restored")
    con2a, con2b = _at("“We need more"), _at("generators,”")
    src2, cue2 = _at("a city official"), _at("added")
    return "\n".join([
        f"T1\tSource {src1[0]} {src1[1]}\tThe mayor",
        f"T2\tCue {cue1[0]} {cue1[1]}\tsaid",
        f"T3\tContent {con1[0]} {con1[1]}\tthat the water supply had been restored",
        f"T4\tAttribution {cue1[0]} {cue1[1]}\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        f"T5\tContent {con2a[0]} {con2a[1]};{con2b[0]} {con2b[1]}\t“We need more generators,”",
        f"T6\tSource {src2[0]} {src2[1]}\ta city official",
        f"T7\tCue {cue2[0]} {cue2[1]}\tadded",
        f"T8\tAttribution {cue2[0]} {cue2[1]}\tadded",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        "#1\tAnnotatorNotes T5\ta note that the reader must skip",
    ]) + "\n"


@pytest.fixture()
def split(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "city_water.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "city_water_b2.ann").write_text(_ann(), encoding="utf-8")
    # a second annotator who missed everything: must be ignored
    (root / "dev" / "attributions" / "city_water_a1.ann").write_text("", encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tannotators\ndev\tcity_water\tb2|a1\n", encoding="utf-8")
    return root / "dev"


def test_parse_ann_reads_discontinuous_spans() -> None:
    atts = parse_ann(_ann())
    assert len(atts) == 2
    second = atts[1]
    assert [TEXT[s:e] for s, e in second.content] == ["“We need more", "generators,”"]
    assert TEXT[slice(*second.source[0])] == "a city official"


def test_read_split_uses_first_annotator(split: Path) -> None:
    (article,) = read_split(split)
    assert article.name == "city_water"
    assert len(article.attributions) == 2


def test_normalise_trims_punctuation_but_keeps_punctuation_cues() -> None:
    assert TEXT[slice(*normalise(TEXT, _at("generators,”")))] == "generators"
    colon = "Mayor: water is back"
    assert normalise(colon, (5, 6)) == (5, 6)
    assert normalise("a   b", (1, 4)) is None


def test_perfect_prediction_scores_one() -> None:
    gold = parse_ann(_ann())
    scorer = Scorer()
    scorer.add(TEXT, gold, [Predicted(g.cue, g.source, g.content) for g in gold])
    result = scorer.result()
    for role in ("source", "cue", "content", "attribution"):
        for mode in ("exact", "overlap"):
            assert result[role][mode]["f1"] == 1.0, (role, mode)


def test_boundary_error_counts_for_overlap_only() -> None:
    gold = parse_ann(_ann())[:1]
    wrong_content = [_at("the water supply had been")]  # one word short
    pred = [Predicted(gold[0].cue, gold[0].source, wrong_content)]
    scorer = Scorer()
    scorer.add(TEXT, gold, pred)
    result = scorer.result()
    assert result["content"]["exact"]["f1"] == 0.0
    assert result["content"]["overlap"]["f1"] == 1.0
    assert result["attribution"]["exact"]["f1"] == 0.0
    assert result["attribution"]["overlap"]["f1"] == 1.0
    assert result["cue"]["exact"]["f1"] == 1.0


def test_missed_and_spurious_attributions() -> None:
    gold = parse_ann(_ann())
    spurious = Predicted([_at("fear")], [_at("Residents")], [_at("another winter without heat")])
    scorer = Scorer()
    scorer.add(TEXT, gold, [Predicted(gold[0].cue, gold[0].source, gold[0].content), spurious])
    cue = scorer.result()["cue"]["exact"]
    assert cue["precision"] == 0.5 and cue["recall"] == 0.5


def test_gold_without_source_matches_prediction_without_source() -> None:
    gold = [GoldAttribution(cue=[_at("fear")], content=[_at("another winter without heat")])]
    scorer = Scorer()
    scorer.add(TEXT, gold, [Predicted(gold[0].cue, [], gold[0].content)])
    assert scorer.result()["attribution"]["exact"]["f1"] == 1.0


def test_evaluate_runs_the_stage_and_renders(split: Path) -> None:
    result = evaluate(split)
    assert result["documents"] == 1
    assert result["cue"]["exact"]["gold"] == 2
    # the stage finds at least the plain "The mayor said" attribution
    assert result["cue"]["overlap"]["recall"] >= 0.5
    json.dumps(result)
    table = render(result)
    assert "content" in table and "overlap" in table


def test_evaluate_rejects_a_folder_without_texts(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="text/"):
        evaluate(tmp_path)


def test_train_writes_a_loadable_model(split: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """``fogwatch train attribution`` end to end on the fixture (train = dev = one article)."""
    from fogwatch.analyze.attribution.model import AttributionModel
    from fogwatch.train.attribution import NETWORK_WEIGHTS, train

    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    out = tmp_path / "model"
    meta = train(split, split, out, max_iterations=20, min_freq=1)
    assert sorted(p.name for p in out.iterdir()) == [
        "boundary.json.xz", "cue.crfsuite.xz", "cue_prior.json.xz", "meta.json",
        "role.crfsuite.xz", "role_net.npz"]
    # the role network's weight was chosen on dev among the candidates
    assert meta["role_net"]["weight"] in NETWORK_WEIGHTS
    assert AttributionModel(out).net.weight == meta["role_net"]["weight"]
    # one article cannot be cross-fitted: the ranker is there but moves nothing
    assert meta["boundary"]["folds"] == 2 and meta["boundary"]["margins"] == {}
    assert meta["train_articles"] == 1 and meta["train_attributions"] == 2
    assert set(meta["rule_deltas"]) and isinstance(meta["rules"], list)
    # a model that has seen the article finds its plain "said" again
    assert meta["dev"]["cue"]["overlap"]["recall"] > 0
    assert AttributionModel(out).meta["dev"] == meta["dev"]
    # choosing the rules and the ranker's margins again gives the same model
    from fogwatch.train.attribution import retune
    again = retune(out, split)
    assert again["rules"] == meta["rules"]
    assert again["boundary"]["margins"] == meta["boundary"]["margins"]
    assert again["dev"] == meta["dev"]


def test_cli_trains_with_its_options_and_scores_that_model(
    split: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``train attribution`` passes every option through; ``eval polnear --model-dir`` uses it."""
    from typer.testing import CliRunner

    from fogwatch.cli import app

    monkeypatch.setenv("FOGWATCH_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    out = tmp_path / "model"
    trained = runner.invoke(app, [
        "train", "attribution", "--train", str(split), "--dev", str(split), "--out", str(out),
        "--c1", "0.05", "--c2", "0.02", "--max-iterations", "12", "--min-freq", "1",
        "--limit", "1",
    ], catch_exceptions=False)
    assert trained.exit_code == 0, trained.output
    meta = json.loads((out / "meta.json").read_text(encoding="utf-8"))
    assert meta["params"]["c1"] == 0.05 and meta["params"]["c2"] == 0.02
    assert meta["params"]["max_iterations"] == 12 and meta["params"]["feature.minfreq"] == 1
    assert meta["train_articles"] == 1

    scored = runner.invoke(app, ["eval", "polnear", str(split), "--model-dir", str(out),
                                 "--limit", "1", "--json"], catch_exceptions=False)
    assert scored.exit_code == 0, scored.output
    result = json.loads(scored.stdout)
    assert Path(result["model"]) == out
    assert result["documents"] == 1
    assert "fogwatch_times" not in result["stages"]  # attribution and what it needs only

    table = runner.invoke(app, ["eval", "polnear", str(split), "--model-dir", str(out)],
                          catch_exceptions=False)
    assert f"model: {out}" in table.stdout

    # --retune keeps the taggers and chooses the rules and margins again
    retuned = runner.invoke(app, ["train", "attribution", "--retune", "--dev", str(split),
                                  "--out", str(out)], catch_exceptions=False)
    assert retuned.exit_code == 0, retuned.output
    assert json.loads(retuned.stdout)["rules"] == meta["rules"]
    assert json.loads((out / "meta.json").read_text(encoding="utf-8"))["params"] == meta["params"]
    missing = runner.invoke(app, ["train", "attribution", "--dev", str(split), "--out", str(out)])
    assert missing.exit_code == 2 and "--train is needed" in missing.stderr


def test_cli_eval_polnear_full_runs_every_stage_with_the_shipped_model(split: Path) -> None:
    from typer.testing import CliRunner

    from fogwatch.analyze.attribution.model import default_model_dir
    from fogwatch.cli import app

    runner = CliRunner()
    full = runner.invoke(app, ["eval", "polnear", str(split), "--full", "--json"],
                         catch_exceptions=False)
    assert full.exit_code == 0, full.output
    result = json.loads(full.stdout)
    assert {"fogwatch_times", "fogwatch_attribution"} <= set(result["stages"])
    assert Path(result["model"]) == default_model_dir()
    assert result["cue"]["exact"]["gold"] == 2


def test_cli_refuses_a_model_dir_without_a_model(split: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fogwatch.cli import app

    result = CliRunner().invoke(app, ["eval", "polnear", str(split), "--model-dir",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert "no attribution model" in " ".join(result.output.split())
