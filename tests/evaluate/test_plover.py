"""The PLOVER and PETRARCH scorers, on small hand-written records and on the real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogwatch.evaluate import petrarch, plover

RECORDS = [
    {"id": "DOC", "event": "DOCUMENT", "eventText": "header"},
    {"id": "T1", "event": "FIGHT", "text": "Georgian troops shelled the rebel base on Monday.",
     "source": [{"actorText": "Georgian"}], "target": [{"actorText": "rebel base"}]},
    {"id": "T2", "event": "DEMAND", "text": "The mayor urged the army to leave the city.",
     "source": [{"actorText": "mayor"}], "target": [{"actorText": "army"}]},
    {"id": "T3", "event": "AGREE", "text": "Latvia agreed to host a summit of Baltic leaders.",
     "source": [{"actorText": "Latvia"}], "target": ""},
    {"id": "T4", "event": "DISAPPROVE", "text": "The Swedish minister condemned the raid.",
     "source": [{"actorText": "Swedish"}], "target": [{"actorText": "Norway"}]},
]


def test_category_mapping_old_to_new() -> None:
    assert plover.map_category("DEMAND") == "REQUEST"
    assert plover.map_category("DISAPPROVE") == "ACCUSE"
    assert plover.map_category("FIGHT") == "ASSAULT"
    assert plover.map_category("INVESTIGATE") == "ACCUSE"
    assert plover.map_category("SANCTION") == "SANCTION"


def test_argument_matching_counts() -> None:
    assert plover.match_counts(["Senior Hungarian officials"], ["Hungarian", "Romanian"]) == (1, 1)
    assert plover.match_counts([], ["Hungarian"]) == (0, 0)
    assert plover.prf(1, 2, 1, 1) == {"precision": 0.5, "recall": 1.0, "f1": 0.6667}


def test_evaluate_small_fixture(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(RECORDS), "utf-8")
    result = plover.evaluate(path)
    assert result["n"] == 4
    assert result["category"]["accuracy"] == 1.0
    # T4's gold target is not in the sentence: target recall cannot be perfect
    assert result["target"]["recall"] < 1.0
    assert result["actor"]["recall"] > 0.5
    text = plover.render(result)
    assert "category accuracy: 1.000" in text and "REQUEST" in text


def test_the_main_event_is_the_one_nearest_the_root() -> None:
    # spaCy makes a fresh Token on each access: the climb to the root must stop at it
    # by index, or every trigger is as deep as the limit and the first one wins
    doc = next(iter(plover.analyse_sentences(
        ["Ukraine advanced before Russia attacked the town on Monday."])))
    depths = {t.text: plover._depth(t) for t in doc if t.text in ("advanced", "attacked")}
    assert depths["advanced"] == 0 and depths["attacked"] == 1


PETR = """<Validation>
# a comment line that is not XML
<Sentences>
<Sentence category="TEST" date="20240101" id="X1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="AAA" targetcode="BBB" />
<Text>
Rebels attacked the garrison at dawn.
</Text>
<Sentence category="TEST" date="20240101" id="X2" evaluate="false"/>
<EventCoding eventcode="042" sourcecode="AAA" targetcode="BBB" />
<Text>
Skipped record.
</Text>
</Sentences></Validation>
"""


def test_petrarch_reader_and_scorer(tmp_path: Path) -> None:
    path = tmp_path / "petr.xml"
    path.write_text(PETR, "utf-8")
    records = petrarch.read_records(path)
    assert [(r.id, r.codes, r.evaluate) for r in records] == [
        ("X1", ["190"], True), ("X2", ["042"], False)]
    table = petrarch.cameo_table()
    assert petrarch.to_plover("1931", table) == "ASSAULT"
    assert petrarch.to_plover("163", table) == "SANCTION"
    assert petrarch.to_plover("010", table) is None
    result = petrarch.evaluate(path)
    assert result["n"] == 1 and result["main"]["accuracy"] == 1.0


@pytest.mark.slow
def test_real_gsr_file(shared_dir: Path) -> None:
    path = shared_dir / "data" / "plover" / "PLOVER_GSR_CAMEO.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    result = plover.evaluate(path, limit=60)
    assert result["n"] == 60
    assert 0.0 < result["category"]["accuracy"] <= 1.0
    assert set(result) >= {"category", "actor", "target", "n"}
