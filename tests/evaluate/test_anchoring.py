"""The anchoring scorer: gold event-time links from TimeML TLINKs, and fogwatch's
anchoring rule scored against them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app
from fogwatch.datasets.timeml import parse_tml
from fogwatch.evaluate.anchoring import evaluate, gold_anchors

# Written for this test: two events dated by the text, one linked to the creation
# time only (never gold), one linked BEFORE (not an anchoring relation).
SNIPPET = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-11-10" functionInDocument="CREATION_TIME">20251110</TIMEX3></DCT>
<TEXT>
At a televised meeting on <TIMEX3 tid="t1" type="DATE" value="2025-10-26">October 26</TIMEX3>, the general <EVENT eid="e1" class="REPORTING">claimed</EVENT> the town was surrounded. Drones <EVENT eid="e2" class="OCCURRENCE">struck</EVENT> a depot on <TIMEX3 tid="t2" type="DATE" value="2025-11-04">Tuesday</TIMEX3>. Officials <EVENT eid="e3" class="REPORTING">said</EVENT> nothing. Talks <EVENT eid="e4" class="OCCURRENCE">failed</EVENT> before <TIMEX3 tid="t3" type="DATE" value="2025-09">September</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1" />
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t2" />
<TLINK lid="l3" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t0" />
<TLINK lid="l4" relType="BEFORE" eventInstanceID="ei4" relatedToTime="t3" />
</TimeML>
"""


def test_gold_anchors_are_date_links_of_anchoring_relations_only() -> None:
    doc = parse_tml(SNIPPET, "snippet.tml")
    golds = gold_anchors(doc)
    assert [(doc.text[g.start:g.end], g.value) for g in golds] == [
        ("claimed", "2025-10-26"), ("struck", "2025-11-04")]


def test_the_scorer_on_the_snippet(tmp_path: Path) -> None:
    (tmp_path / "snippet.tml").write_text(SNIPPET, encoding="utf-8")
    result = evaluate(tmp_path)
    assert result["n"] == 2
    # the claim is dated by the meeting it hangs on; the strike by its own day
    assert result["coverage"] == 1.0 and result["accuracy"] == 1.0
    out = CliRunner().invoke(app, ["eval", "anchoring", str(tmp_path), "--json"])
    assert out.exit_code == 0 and json.loads(out.stdout)["n"] == 2


def test_the_errors_name_what_went_wrong(tmp_path: Path) -> None:
    # the depot strike is dated by "Tuesday" resolved against another week: a value miss
    wrong = SNIPPET.replace('value="2025-11-04">Tuesday', 'value="2025-10-28">Tuesday')
    (tmp_path / "snippet.tml").write_text(wrong, encoding="utf-8")
    result = evaluate(tmp_path, errors=True)
    assert result["accuracy"] == 0.5
    [miss] = result["errors"]
    assert (miss["event"], miss["kind"], miss["gold"]) == ("struck", "value", "'Tuesday'=2025-10-28")
    assert miss["system"] == "'Tuesday'=2025-11-04"
    out = CliRunner().invoke(app, ["eval", "anchoring", str(tmp_path), "--errors"])
    assert out.exit_code == 0 and "struck\tgold: 'Tuesday'=2025-10-28" in out.stdout


def test_timebank_test_part(shared_dir: Path) -> None:
    timebank = shared_dir / "data" / "tempeval3" / "train" / "TimeBank"
    if not timebank.is_dir():
        pytest.skip("TimeBank is absent")
    result = evaluate(timebank, "test")
    assert result["files"] == 37 and result["n"] > 150
    # the targets on the held-out part
    assert result["coverage"] >= 0.70 and result["accuracy"] >= 0.85
