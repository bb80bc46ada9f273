"""The factuality scorer: gold labels from TimeML, the split, the scores."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fogwatch.cli import app
from fogwatch.datasets.timeml import parse_tml, timebank_files
from fogwatch.evaluate.factuality import evaluate, gold_events, scores

# Written for this test: one event of each gold class, and one left out.
SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-11-10" functionInDocument="CREATION_TIME">20251110</TIMEX3></DCT>
<TEXT>
Russian forces <EVENT eid="e1" class="OCCURRENCE">captured</EVENT> the village, the ministry <EVENT eid="e2" class="REPORTING">said</EVENT>. Kyiv <EVENT eid="e3" class="REPORTING">denied</EVENT> that its troops had <EVENT eid="e4" class="OCCURRENCE">retreated</EVENT>. The army did not <EVENT eid="e5" class="OCCURRENCE">withdraw</EVENT>. Moscow <EVENT eid="e6" class="I_ACTION">plans</EVENT> to <EVENT eid="e7" class="OCCURRENCE">attack</EVENT> &amp; <EVENT eid="e8" class="OCCURRENCE">hold</EVENT> the town, and talks will <EVENT eid="e9" class="OCCURRENCE">resume</EVENT>. The <EVENT eid="e10" class="OCCURRENCE">fighting</EVENT> went on.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="PERFECTIVE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e5" eiid="ei5" tense="PAST" aspect="NONE" polarity="NEG" pos="VERB" />
<MAKEINSTANCE eventID="e6" eiid="ei6" tense="PRESENT" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e7" eiid="ei7" tense="INFINITIVE" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e8" eiid="ei8" tense="INFINITIVE" aspect="NONE" polarity="POS" pos="VERB" modality="none" />
<MAKEINSTANCE eventID="e9" eiid="ei9" tense="FUTURE" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e10" eiid="ei10" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN" />
<SLINK lid="l1" relType="EVIDENTIAL" eventInstanceID="ei2" subordinatedEventInstance="ei1" />
<SLINK lid="l2" relType="NEG_EVIDENTIAL" eventInstanceID="ei3" subordinatedEventInstance="ei4" />
<SLINK lid="l3" relType="MODAL" eventInstanceID="ei6" subordinatedEventInstance="ei7" />
<TLINK lid="l4" relType="BEFORE" eventInstanceID="ei1" relatedToEventInstance="ei2" />
</TimeML>
"""

EXPECTED = {"captured": "claimed", "said": "happened", "denied": "happened",
            "retreated": "denied", "withdraw": "negated", "plans": "happened",
            "attack": "unrealised", "hold": None, "resume": "unrealised", "fighting": None}


def test_timeml_event_layer() -> None:
    doc = parse_tml(SNIPPET, "snippet.tml")
    assert [doc.text[e.start:e.end] for e in doc.events][:2] == ["captured", "said"]
    assert "& hold" in doc.text  # escapes decoded, offsets into the decoded text
    assert len(doc.instances) == 10
    assert {(link.kind, link.rel) for link in doc.links} >= {("SLINK", "MODAL"),
                                                            ("TLINK", "BEFORE")}


def test_gold_mapping() -> None:
    doc = parse_tml(SNIPPET, "snippet.tml")
    got = {doc.text[g.start:g.end]: g.label for g in gold_events(doc)}
    assert got == EXPECTED


def test_scores() -> None:
    r = scores([("happened", "happened"), ("happened", "unknown"), ("claimed", "happened"),
                ("unrealised", "unrealised")])
    assert r["happened_precision"] == 0.5 and r["happened_recall"] == 0.5
    assert r["classes"]["unrealised"]["f1"] == 1.0 and r["n"] == 4
    # negated and denied have no gold and no prediction: out of macro F1, in the strict one
    assert r["macro_classes"] == ["happened", "claimed", "unrealised"]
    assert r["macro_f1"] > r["macro_f1_strict"]


def test_split_every_fifth_file_is_test(tmp_path: Path) -> None:
    for i in range(11):
        (tmp_path / f"doc{i:02d}.tml").write_text(SNIPPET, encoding="utf-8")
    test = [p.name for p in timebank_files(tmp_path, "test")]
    assert test == ["doc00.tml", "doc05.tml", "doc10.tml"]
    assert len(timebank_files(tmp_path, "tune")) == 8


def test_evaluate_snippet_and_cli(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_text(SNIPPET, encoding="utf-8")
    result = evaluate(tmp_path, errors=True)
    assert result["n"] == 8 and result["documents"] == 1
    assert result["classes"]["denied"]["n"] == 1
    out = CliRunner().invoke(app, ["eval", "factuality", str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert set(data) >= {"classes", "macro_f1", "happened_precision", "happened_recall", "n"}
    assert set(data["classes"]["happened"]) == {"p", "r", "f1", "n"}


def test_timebank_gold_counts_and_targets(shared_dir: Path) -> None:
    bank = shared_dir / "data" / "tempeval3" / "train" / "TimeBank"
    files = timebank_files(bank, "all")
    assert len(files) == 183 and len(timebank_files(bank, "test")) == 37
    from collections import Counter

    from fogwatch.datasets.timeml import read_tml

    counts: Counter[str | None] = Counter()
    for f in files:
        counts.update(g.label for g in gold_events(read_tml(f)))
    assert abs(counts["happened"] - 2560) < 30 and abs(counts["unrealised"] - 1430) < 30
    assert abs(counts["claimed"] - 710) < 20 and abs(counts["negated"] - 290) < 15
    assert counts["denied"] == 5
    result = evaluate(bank, split="test")
    # the figures at the time of writing are higher; these guard against regressions
    assert result["happened_precision"] >= 0.94 and result["happened_recall"] >= 0.88
    assert result["macro_f1"] >= 0.85
