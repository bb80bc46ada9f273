"""The statement that names a claim reads on its own: it names whom it is about,
is not cut inside a clause, and is no page debris."""

from __future__ import annotations

from typing import Any

from fogwatch.findings import Attribution, TextSpan
from fogwatch.reconcile.propositions import STATEMENT_CHARS, _representative, _statement
from fogwatch.reconcile.units import _shown
from fogwatch.reconcile.voice import opens_with_reference, reads_whole


def _row(text: str, role: str = "source", **features: Any) -> dict[str, Any]:
    return {"role": role, "data": {"counted": True, "text": text, "negative": False,
                                   "features": {"concepts": ["CAPTURE"], **features}}}


def test_a_member_opening_on_a_pronoun_gives_way_to_one_that_names() -> None:
    rows = [
        _row("they had taken the bridge over the river before dawn",
             terms=["bridg", "river", "dawn"]),
        _row("the Third Brigade had taken the bridge over the Vorskla river",
             entities=["auto:ORG/third-brigade"], places=["geo:1"], terms=["bridg", "river"]),
        _row("its soldiers had taken the bridge on Monday", terms=["bridg", "soldier"]),
    ]
    assert _representative(rows).startswith("The Third Brigade had taken the bridge")


def test_a_pronoun_led_member_is_shown_when_it_is_the_only_one() -> None:
    rows = [_row("they had taken the bridge over the river before dawn")]
    assert _representative(rows) == "They had taken the bridge over the river before dawn"


def test_a_lead_sentence_is_preferred_to_a_later_member() -> None:
    rows = [
        _row("The ferry sank with 40 passengers aboard, the coast guard reported",
             places=["geo:2"], terms=["ferri", "passeng"]),
        _row("A ferry carrying 40 passengers sank off the coast of Crete on Sunday",
             places=["geo:2"], terms=["ferri", "passeng", "crete"], lede=True),
    ]
    assert _representative(rows).startswith("A ferry carrying 40 passengers")


def test_an_until_that_belongs_to_a_verb_outside_the_text_is_not_chosen() -> None:
    # "did not confirm that the commander had been killed until Tuesday"
    assert not reads_whole("the commander had been killed until Tuesday")
    rows = [
        _row("the commander had been killed until Tuesday", entities=["auto:PERSON/x"]),
        _row("the commander of the militia had been killed in the raid",
             entities=["auto:PERSON/x"]),
    ]
    assert _representative(rows) == "The commander of the militia had been killed in the raid"


def test_a_leftover_it_that_is_dropped() -> None:
    rows = [_row("it that the harbour master had resigned over the spill")]
    assert _representative(rows) == "The harbour master had resigned over the spill"


def test_openers_that_refer_outside_the_text() -> None:
    assert opens_with_reference("“They said the road was closed”")
    assert opens_with_reference("that his convoy was stopped at the border")
    assert opens_with_reference("Their envoy left the talks")
    assert not opens_with_reference("Theodore Haines left the talks")
    assert not opens_with_reference("The envoy left the talks")


def test_headings_run_together_are_not_a_statement() -> None:
    assert not reads_whole("Storm WarningFlood Gauges Fail As RiverBanks Burst")
    assert reads_whole("McAllister said the YouTube video was real")


def test_a_long_statement_is_cut_where_a_clause_ends() -> None:
    first = ("The regional governor said on Thursday evening that the water supply to the "
             "northern districts of the city would be restored within two days")
    text = (f"{first}, after engineers finished repairing the main pipeline that had been "
            "damaged by shelling earlier in the week and tested the pumps at every station "
            "along the river")
    assert len(text) > STATEMENT_CHARS
    assert _statement(text) == first + "…"


def test_a_long_statement_without_a_clause_end_is_cut_between_words() -> None:
    text = " ".join(["word"] * 80)
    out = _statement(text)
    assert out.endswith("word…") and len(out) <= STATEMENT_CHARS + 1


def _attribution(text: str, source: str, cue: str, content: str) -> Attribution:
    def span(words: str) -> TextSpan:
        start = text.index(words)
        return TextSpan(words, start, start + len(words))

    return Attribution(cue=span(cue), content=[span(content)], sentence=0, source=span(source))


def test_the_object_of_a_cue_is_shown_with_its_speaker_and_cue() -> None:
    text = "The harbour police identified the missing trawler as the Marisol on Sunday."
    att = _attribution(text, "The harbour police", "identified",
                       "the missing trawler as the Marisol on Sunday")
    content = att.content[0]
    assert _shown(text, att, content.text, content.end) == (
        "The harbour police identified the missing trawler as the Marisol on Sunday")


def test_a_clause_after_a_speech_cue_is_shown_as_it_is() -> None:
    text = "The harbour police said the trawler sank on Sunday."
    att = _attribution(text, "The harbour police", "said", "the trawler sank on Sunday")
    content = att.content[0]
    assert _shown(text, att, content.text, content.end) is None


def test_a_pronoun_speaker_is_not_shown() -> None:
    text = "They blamed the storm for the loss of the trawler."
    att = _attribution(text, "They", "blamed", "the storm for the loss of the trawler")
    content = att.content[0]
    assert _shown(text, att, content.text, content.end) is None


def test_the_shown_words_name_the_claim() -> None:
    row = _row("the storm for the loss of the trawler", places=["geo:3"])
    row["data"]["shown"] = "The coast guard blamed the storm for the loss of the trawler"
    assert _representative([row]) == row["data"]["shown"]


def test_a_claim_opening_on_a_pronoun_is_shown_with_its_named_speaker() -> None:
    text = "The port authority said it would reopen the northern terminal on Friday."
    att = _attribution(text, "The port authority", "said",
                       "it would reopen the northern terminal on Friday")
    content = att.content[0]
    assert _shown(text, att, content.text, content.end) == (
        "The port authority said it would reopen the northern terminal on Friday")


def test_a_leftover_it_that_does_not_count_as_a_pronoun_opening() -> None:
    rows = [
        _row("it that the harbour master had resigned over the spill",
             entities=["auto:PERSON/y"], terms=["harbour", "spill"]),
        _row("the spill had reached the beaches", terms=["spill", "beach"]),
    ]
    assert _representative(rows) == "The harbour master had resigned over the spill"
