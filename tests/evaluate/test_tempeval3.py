"""TimeML reading/writing and the TempEval-3 Task A scorer."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from fogwatch.datasets.timeml import Timex, parse_tml, read_tml, tempeval3_files
from fogwatch.evaluate import tempeval3
from fogwatch.evaluate.tempeval3 import render_tml, strip_tags

# A small TimeML document written for these tests: escapes, EVENT and SIGNAL
# tags, and a DCT that must not be scored.
SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>FW0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-11-10" temporalFunction="false" functionInDocument="CREATION_TIME">2025-11-10</TIMEX3></DCT>
<TEXT>
Smith &amp; Sons <EVENT eid="e1" class="REPORTING">said</EVENT> the depot <EVENT eid="e2" class="OCCURRENCE">burned</EVENT> <TIMEX3 tid="t1" type="DATE" value="2025-11-07">Friday</TIMEX3>.
The fire lasted <TIMEX3 tid="t2" type="DURATION" value="PT5H">five hours</TIMEX3> <SIGNAL sid="s1">after</SIGNAL> the strike &lt;2 km&gt; away, and crews returned <TIMEX3 tid="t3" type="DATE" value="2025-11-09">yesterday</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t0"/>
</TimeML>
"""


def test_parse_strips_tags_and_decodes_escapes() -> None:
    doc = parse_tml(SAMPLE, "FW0001.tml")
    assert doc.dct == "2025-11-10"
    assert "Smith & Sons said the depot burned Friday." in doc.text
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["Friday", "five hours", "yesterday"]
    assert [t.value for t in doc.timexes] == ["2025-11-07", "PT5H", "2025-11-09"]
    assert "<2 km>" in doc.text


def test_written_file_keeps_the_text_byte_identical() -> None:
    gold = parse_tml(SAMPLE, "FW0001.tml")
    i = gold.text.index("<2 km>")
    system = [
        Timex(gold.text.index("Friday"), gold.text.index("Friday") + 6, "DATE", "2025-11-07"),
        Timex(i, i + 6, "DURATION", "P2KM"),  # spans escapes on both ends
    ]
    written = render_tml(gold, system)
    assert strip_tags(written) == strip_tags(SAMPLE)
    again = parse_tml(written, "FW0001.tml")
    assert again.text == gold.text
    assert [(t.start, t.end, t.value) for t in again.timexes] == [
        (s.start, s.end, s.value) for s in system
    ]
    assert "<TLINK" not in written and "<DCT><TIMEX3" in written


def test_scores_follow_the_task_definitions() -> None:
    gold = [Timex(0, 6, "DATE", "2025-11-07"), Timex(10, 20, "DURATION", "PT5H"),
            Timex(30, 39, "DATE", "2025-11-09")]
    system = [Timex(0, 6, "DATE", "2025-11-07"),  # exact, all right
              Timex(12, 20, "DURATION", "P5H"),  # overlap, wrong value
              Timex(50, 55, "DATE", "2025")]  # spurious
    counts, pairs = tempeval3.match(gold, system)
    assert (counts.strict, counts.relaxed, counts.type_ok, counts.value_ok) == (1, 2, 2, 1)
    result = tempeval3.scores(counts)
    assert result["strict"] == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
    assert result["relaxed"]["f1"] == 0.6667
    # attribute F1 = accuracy over relaxed matches x relaxed F1 = 2c / (S + G)
    assert result["value"]["accuracy"] == 0.5
    assert result["value"]["f1"] == round(0.5 * (2 / 3), 4) == round(2 * 1 / 6, 4)
    assert result["type"]["f1"] == 0.6667
    assert len(pairs) == 4  # three gold, plus the spurious system one


def test_dev_split_is_every_fifth_file(tmp_path: Path) -> None:
    for sub, n in (("A", 6), ("B", 4)):
        (tmp_path / sub).mkdir()
        for i in range(n):
            (tmp_path / sub / f"{i}.tml").write_text(SAMPLE)
    dev = tempeval3_files(tmp_path, "dev")
    train = tempeval3_files(tmp_path, "train")
    assert [p.relative_to(tmp_path).as_posix() for p in dev] == ["A/0.tml", "A/5.tml"]
    assert len(train) == 8 and not set(dev) & set(train)
    with pytest.raises(ValueError):
        tempeval3_files(tmp_path, "test")  # type: ignore[arg-type]


def test_evaluate_end_to_end_and_write_tml(tmp_path: Path) -> None:
    data = tmp_path / "gold"
    data.mkdir()
    (data / "FW0001.tml").write_text(SAMPLE)
    out = tmp_path / "out"
    result = tempeval3.evaluate(data, write_tml=out, errors=True)
    assert result["documents"] == 1 and result["counts"]["gold"] == 3
    assert result["strict"]["f1"] == 1.0 and result["value"]["f1"] == 1.0
    written = (out / "FW0001.tml").read_text()
    assert strip_tags(written) == strip_tags(SAMPLE)
    assert len(read_tml(out / "FW0001.tml").timexes) == 3
    table = tempeval3.render(result)
    assert "strict" in table and "value" in table and "1.0000" in table


def test_training_data_sample(shared_dir: Path, tmp_path: Path) -> None:
    """A handful of TBAQ dev files: a sanity floor well under the full dev run.

    The floor for value F1 is low because one of these files writes bare years
    as "1968-XX", which no normaliser reproduces.
    """
    train = shared_dir / "data" / "tempeval3" / "train"
    if not train.is_dir():
        pytest.skip(f"TempEval-3 training data ({train}) is absent")
    for f in tempeval3_files(train, "dev")[:4]:
        shutil.copy(f, tmp_path / f.name)  # a scratch folder outside the repository
    result = tempeval3.evaluate(tmp_path)
    assert result["relaxed"]["f1"] > 0.75
    assert result["value"]["f1"] > 0.45
    assert os.listdir(tmp_path)


def test_speed_reports_wall_and_cpu_figures(tmp_path: Path) -> None:
    (tmp_path / "FW0001.tml").write_text(SAMPLE)
    result = tempeval3.evaluate(tmp_path, speed_repeats=1)
    speed = result["speed"]
    assert speed["words"] == len(read_tml(tmp_path / "FW0001.tml").text.split())
    for key in ("words_per_second_without", "words_per_second_with",
                "cpu_words_per_second_without", "cpu_words_per_second_with"):
        assert speed[key] > 0, key
    assert speed["component_share"] >= 0 and "time component alone" in tempeval3.render(result)
    assert "CPU words/s" in tempeval3.render(result)
