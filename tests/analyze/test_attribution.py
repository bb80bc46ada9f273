"""The attribution stage on sentences written for these tests, and on the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogwatch.analyze.attribution.model import AttributionModel, bio_spans, default_model_dir
from fogwatch.analyze.pipeline import Pipeline
from fogwatch.findings import Analysis, Attribution, Document


@pytest.fixture(scope="session")
def pipe() -> Pipeline:
    return Pipeline(stages=["fogwatch_attribution"])


def analyse(pipe: Pipeline, text: str) -> list[Attribution]:
    return pipe.analyze(Document.create(text)).attributions


def find(atts: list[Attribution], cue: str) -> Attribution:
    for a in atts:
        if cue in a.cue.text:
            return a
    raise AssertionError(f"no attribution with cue {cue!r} in {[a.cue.text for a in atts]}")


def contents(a: Attribution) -> str:
    return " ".join(c.text for c in a.content)


# --- the shipped model ----------------------------------------------------------


def test_shipped_model_loads_with_its_metadata() -> None:
    model = AttributionModel()
    meta = json.loads((default_model_dir() / "meta.json").read_text(encoding="utf-8"))
    assert model.meta["feature_version"] == meta["feature_version"]
    assert "PolNeAR" in meta["training_data"]
    assert meta["dev"]["cue"]["exact"]["f1"] > 0.5
    # small enough to ship in the package: CRFs, ranker and the two role networks
    size = sum(p.stat().st_size for p in default_model_dir().iterdir())
    assert size < 12_000_000


def test_missing_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="train"):
        AttributionModel(tmp_path)


def test_cue_prior_buckets_how_often_a_lemma_is_a_cue(pipe: Pipeline) -> None:
    from fogwatch.analyze.attribution.encode import cue_strings, token_arrays
    from fogwatch.analyze.attribution.features import PRIOR_LABELS, prior_bucket
    from fogwatch.datasets.polnear import Article, GoldAttribution
    from fogwatch.train.attribution import cue_prior

    assert prior_bucket(0, 2) == "rare" and prior_bucket(0, 50) == "0"
    assert prior_bucket(1, 100) == "<.02" and prior_bucket(9, 10) == "hi"
    assert {prior_bucket(c, 100) for c in range(101)} == set(PRIOR_LABELS) - {"rare"}
    text = "Officials said it. Officials said more. Officials said nothing. The bridge fell."
    said = [i for i in range(len(text)) if text.startswith("said", i)]
    article = Article("t", text, [GoldAttribution(cue=[(i, i + 4)]) for i in said[:2]])
    doc = pipe.nlp(text)
    prior = cue_prior([(article, doc)])
    assert prior["say"] == "hi"  # two of three
    assert prior["official"] == "0"
    assert "bridge" not in prior  # seen once: rare
    feats = cue_strings(token_arrays([doc]), prior)
    assert "prior=hi" in feats[1] and "priorp=hiVERB" in feats[1]
    assert "prior=0" in feats[0]


def test_a_model_without_its_cue_prior_is_a_clear_error(tmp_path: Path) -> None:
    import shutil

    for f in default_model_dir().iterdir():
        if f.name != "cue_prior.json.xz":
            shutil.copy(f, tmp_path / f.name)
    with pytest.raises(FileNotFoundError, match="cue_prior"):
        AttributionModel(tmp_path)


def test_bio_spans_reads_runs_and_restarts() -> None:
    labels = ["O", "B-SRC", "I-SRC", "O", "B-CON", "I-CON", "B-CON", "O"]
    assert bio_spans(labels, 10, "SRC") == [(11, 13)]
    assert bio_spans(labels, 0, "CON") == [(4, 6), (6, 7)]


# --- patterns -------------------------------------------------------------------


def test_direct_quote(pipe: Pipeline) -> None:
    text = "“We will hold the bridge until the last shell,” said Colonel Marta Hrytsenko."
    a = find(analyse(pipe, text), "said")
    assert a.kind == "direct"
    assert a.source is not None and "Hrytsenko" in a.source.text
    assert a.source_entity is not None and "hrytsenko" in a.source_entity
    assert a.source.entity == a.source_entity
    assert "hold the bridge" in contents(a)
    assert a.stance == "asserted"


def test_indirect_speech(pipe: Pipeline) -> None:
    text = ("The defence ministry said that its air defences had shot down twelve drones "
            "over the Odesa region overnight.")
    a = find(analyse(pipe, text), "said")
    assert a.kind == "indirect"
    assert a.source is not None and a.source.text.endswith("ministry")
    assert "twelve drones" in contents(a)
    # offsets point into the text
    assert text[a.cue.start:a.cue.end] == a.cue.text


def test_according_to(pipe: Pipeline) -> None:
    text = "According to the regional governor, three civilians were wounded in the shelling."
    a = find(analyse(pipe, text), "According")
    assert a.source is not None and "governor" in a.source.text
    assert "three civilians were wounded" in contents(a)


def test_statement_before_its_speaker(pipe: Pipeline) -> None:
    """Wire style: the statement first, then "the ministry announced on <day>"."""
    text = ("Kyiv will receive two more air-defence systems before winter, the Dutch Defence "
            "Ministry announced on Monday, in what would be the largest delivery this year.")
    a = find(analyse(pipe, text), "announced")
    assert a.source is not None and "Defence Ministry" in a.source.text
    assert "two more air-defence systems" in contents(a)


def test_as_x_puts_it(pipe: Pipeline) -> None:
    text = ("As the Finnish analyst Petra Lindqvist puts it, “the front is moving in inches, "
            "not in miles.”")
    a = find(analyse(pipe, text), "puts")
    assert a.source is not None and "Lindqvist" in a.source.text
    assert "moving in inches" in contents(a)
    assert a.kind == "direct"


def test_poll_and_nested_respondents(pipe: Pipeline) -> None:
    text = ("A survey by the Kyiv International Institute of Sociology found that 75 percent "
            "of Ukrainians say they reject any territorial concessions.")
    atts = analyse(pipe, text)
    poll = find(atts, "found")
    assert poll.source is not None and "survey" in poll.source.text
    inner = find(atts, "say")
    assert inner.source is not None and "percent" in inner.source.text
    assert inner.nested_in == atts.index(poll)


def test_unnamed_officials(pipe: Pipeline) -> None:
    text = "Officials said the convoy had been struck by a drone near the border on Monday."
    a = find(analyse(pipe, text), "said")
    assert a.source is not None and a.source.text == "Officials"
    assert a.source_entity is None
    assert "convoy" in contents(a)


def test_reportedly_is_a_hedged_attribution(pipe: Pipeline) -> None:
    text = "The brigade commander was reportedly dismissed after the retreat from the village."
    a = find(analyse(pipe, text), "reportedly")
    assert a.stance == "hedged"
    assert a.source is None
    assert "dismissed" in contents(a) + a.cue.text
    assert "retreat" in contents(a)


def test_hedge_on_a_named_source(pipe: Pipeline) -> None:
    text = ("The general allegedly told his staff that the city would fall within a week.")
    a = find(analyse(pipe, text), "told")
    assert a.stance == "hedged"


def test_dispute_is_linked_to_the_claim_it_rejects(pipe: Pipeline) -> None:
    text = ("The Russian defence ministry claimed that its troops had captured the village of "
            "Novoselivka. Ukrainian commanders in the area denied these claims.")
    atts = analyse(pipe, text)
    claim = find(atts, "claimed")
    denial = find(atts, "denied")
    assert claim.stance == "disputed"
    assert claim.disputed_by == [atts.index(denial)]
    assert denial.stance == "asserted"


def test_unconfirmed_claim(pipe: Pipeline) -> None:
    text = ("Pro-Kremlin channels said that the general had been killed in the strike, but "
            "there is no confirmation of this.")
    a = find(analyse(pipe, text), "said")
    assert a.stance == "unconfirmed"


def test_could_not_be_verified(pipe: Pipeline) -> None:
    text = ("Local residents told reporters that dozens of soldiers had deserted. The account "
            "could not be independently verified.")
    a = find(analyse(pipe, text), "told")
    assert a.stance == "unconfirmed"


def test_refuted_by_the_author(pipe: Pipeline) -> None:
    text = ("The minister insisted that grain exports had stopped completely. In fact, "
            "shipments rose by a third in October.")
    a = find(analyse(pipe, text), "insisted")
    assert a.stance == "refuted"


@pytest.mark.parametrize(("text", "cue"), [
    # the writer says the report was wrong as it was made
    ("The senator falsely claimed that the army had abandoned the town.", "claimed"),
    ("The ministry wrongly reported that 300 soldiers had been captured.", "reported"),
    # a correction: the source is the article's own earlier version
    ("An earlier version of this article stated that Israel had opened river dams.",
     "stated"),
])
def test_refuted_as_it_was_made(pipe: Pipeline, text: str, cue: str) -> None:
    a = find(analyse(pipe, text), cue)
    assert a.stance == "refuted"


def test_a_version_that_is_not_the_articles_own_is_no_correction(pipe: Pipeline) -> None:
    text = "An earlier version of the bill said that the tax would rise."
    a = find(analyse(pipe, text), "said")
    assert a.stance == "asserted"


def test_authors_own_voice_is_not_an_attribution(pipe: Pipeline) -> None:
    text = ("We should all hope that the ceasefire holds through the winter. I think the "
            "talks deserve a chance.")
    atts = analyse(pipe, text)
    assert all(a.source is None or a.source.text.lower() not in {"we", "i"} for a in atts)
    assert not any("hope" in a.cue.text or "think" in a.cue.text for a in atts)


def test_pronoun_source_resolves_to_the_subject_named_before(pipe: Pipeline) -> None:
    text = ("General Oleksandr Tarnavsky briefed President Zelensky on the southern front. "
            "He said that the bridgehead near Krynky was holding.")
    a = find(analyse(pipe, text), "said")
    assert a.source is not None and a.source.text == "He"
    assert a.source_entity is not None and "tarnavsky" in a.source_entity


def test_round_trip_through_json(pipe: Pipeline) -> None:
    text = "“The dam is holding,” the mayor told a local broadcaster on Sunday."
    analysis = pipe.analyze(Document.create(text))
    back = Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert [a.to_dict() for a in back.attributions] == [
        a.to_dict() for a in analysis.attributions
    ]
    d = analysis.to_dict()["attributions"][0]
    assert set(d["source"]) >= {"text", "start", "end", "entity"}
    assert d["document"] == analysis.document.id


def test_empty_text(pipe: Pipeline) -> None:
    assert analyse(pipe, "") == []


# --- the seed article -------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_atts(pipe: Pipeline, seed_path: Path) -> list[Attribution]:
    text = seed_path.read_text(encoding="utf-8")
    return pipe.analyze(Document.create(text, published="2025-11-10")).attributions


def _by_content(atts: list[Attribution], words: str) -> Attribution:
    for a in atts:
        if words in contents(a) or words in a.cue.text:
            return a
    raise AssertionError(f"no attribution whose content has {words!r}")


@pytest.mark.seed
@pytest.mark.parametrize(("content", "entity"), [
    ("surrounded over five thousand", "gerasimov"),
    ("dismissed", None),
    ("gray zone", "kyiv-independent"),
    ("Budanov, was part of the landing", None),
    ("paper tiger", "trump"),
    ("inappropriate", "trump"),
    ("doesn’t really have any use", "podvig"),
    ("audience of one", "nacke"),
    ("take all of Donbas", "leviev"),
    ("little strategic importance", "fedorov"),
    ("meaningless bluster", "brien"),
    ("puppet", "treasury"),
    ("favorite story: that the war in Ukraine would not be happening", "orban"),
    ("80 percent of Russians", "kremlin"),
    ("feared growing crime", None),
    ("preparations for full-scaled nuclear testing", "gerasimov"),
    ("mass production of the Oreshnik", "putin"),
])
def test_seed_checklist(seed_atts: list[Attribution], content: str, entity: str | None) -> None:
    a = _by_content(seed_atts, content)
    if entity is not None:
        assert a.source_entity is not None and entity in a.source_entity, a.to_dict()


@pytest.mark.seed
def test_seed_stances(seed_atts: list[Attribution]) -> None:
    gerasimov = _by_content(seed_atts, "surrounded over five thousand")
    dismissal = next(a for a in seed_atts if "dismissed" in a.cue.text)
    assert gerasimov.stance == "disputed"
    assert seed_atts.index(dismissal) in gerasimov.disputed_by
    assert dismissal.source is not None and "milbloggers" in dismissal.source.text
    budanov = _by_content(seed_atts, "Budanov, was part of the landing")
    assert budanov.stance == "unconfirmed"
    poll = _by_content(seed_atts, "80 percent of Russians")
    assert poll.stance == "hedged"
    levada = _by_content(seed_atts, "feared growing crime")
    assert levada.source is not None and "40 percent" in levada.source.text


@pytest.mark.seed
def test_seed_authors_hope_is_not_attributed(seed_atts: list[Attribution]) -> None:
    assert not any("hope" in a.cue.text for a in seed_atts)
    assert not any(a.source is not None and a.source.text.lower() == "we" for a in seed_atts)


def test_time_of_the_statement_when_times_ran() -> None:
    pipe = Pipeline(stages=["fogwatch_times", "fogwatch_attribution"])
    text = "On Tuesday the governor said that the bridge over the river had been repaired."
    analysis = pipe.analyze(Document.create(text, published="2025-11-06"))
    a = find(analysis.attributions, "said")
    assert a.time is not None
    assert analysis.times[a.time].text == "Tuesday"


# --- content boundaries (attrib.boundary) -----------------------------------------


@pytest.fixture(scope="module")
def nlp(pipe: Pipeline):  # type: ignore[no-untyped-def]
    return pipe.nlp


def _pieces(doc, raw) -> list[str]:  # type: ignore[no-untyped-def]
    return [doc[s:e].text for s, e in raw.content]


def test_content_ends_before_an_adverbial_clause_of_the_cue(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import end_before_adverbial
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("The commander said that the bridge had been destroyed, adding that more "
              "strikes would follow.")
    raw = RawAttribution(cue=(2, 3), source=[(0, 2)], content=[(3, 16)])
    end_before_adverbial(doc, raw)
    assert _pieces(doc, raw) == ["that the bridge had been destroyed"]


def test_content_starts_at_the_complement_not_at_the_cues_adjuncts(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import start_at_complement
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("The governor said on Friday that the dam had held.")
    raw = RawAttribution(cue=(2, 3), source=[(0, 2)], content=[(3, 10)])
    start_at_complement(doc, raw)
    assert _pieces(doc, raw) == ["that the dam had held"]


def test_unquoted_content_ends_with_its_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import end_with_sentence
    from fogwatch.analyze.attribution.features import quote_depths
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("The mayor said the shelling had stopped. Residents began to return to the town.")
    raw = RawAttribution(cue=(2, 3), source=[(0, 2)], content=[(3, len(doc) - 1)])
    end_with_sentence(doc, raw, quote_depths(doc))
    assert _pieces(doc, raw) == ["the shelling had stopped"]


def test_quoted_content_may_run_over_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import end_with_sentence
    from fogwatch.analyze.attribution.features import quote_depths
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("The mayor said: “The shelling has stopped. People are coming back.”")
    raw = RawAttribution(cue=(2, 3), source=[(0, 2)], content=[(4, len(doc) - 1)])
    end_with_sentence(doc, raw, quote_depths(doc))
    assert raw.content == [(4, len(doc) - 1)]


def test_words_before_a_parenthetical_attribution_are_content(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import lead_piece
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("The convoy, the ministry said, reached the city before dawn.")
    raw = RawAttribution(cue=(5, 6), source=[(3, 5)], content=[(7, 12)])
    lead_piece(doc, [raw])
    assert _pieces(doc, raw) == ["The convoy", "reached the city before dawn"]


def test_a_piece_claimed_by_two_cues_goes_to_the_nearer(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import share_out
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("“The bridge is gone,” the commander said. “The bridge is gone,” his deputy "
              "added, “and the road too.”")
    assert doc[9].text == "said" and doc[20].text == "added"
    first = RawAttribution(cue=(9, 10), source=[(7, 9)], content=[(1, 5), (12, 16)])
    second = RawAttribution(cue=(20, 21), source=[(18, 20)], content=[(12, 16), (23, 27)])
    share_out([first, second], doc)
    assert _pieces(doc, first) == ["The bridge is gone"]
    assert first.content == [(1, 5)]
    assert second.content == [(12, 16), (23, 27)]
    # an attribution is never left without content
    alone = RawAttribution(cue=(9, 10), content=[(12, 16)])
    share_out([second, alone], doc)
    assert alone.content == [(12, 16)]


def test_these_claims_points_back_to_a_claim_past_a_nearer_plea(pipe: Pipeline) -> None:
    atts = analyse(pipe, "The general claimed that his troops had encircled the town. The mayor "
                         "urged the army to spare the residents. Local journalists "
                         "dismissed these claims as fictitious.")
    claim = find(atts, "claimed")
    plea = find(atts, "urged")
    assert claim.stance == "disputed" and claim.disputed_by
    assert plea.stance == "asserted"


def test_a_quotation_split_by_its_attribution_is_content_on_both_sides(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import quote_pieces
    from fogwatch.analyze.attribution.features import quote_depths
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("“The city is holding,” the commander said. “Our supply lines are open.” "
              "Shelling went on.")
    said = next(t.i for t in doc if t.text == "said")
    raw = RawAttribution(cue=(said, said + 1), source=[(said - 2, said)], content=[(1, 5)])
    quote_pieces(doc, [raw], quote_depths(doc))
    assert _pieces(doc, raw) == ["The city is holding", "Our supply lines are open"]
    # a quotation that holds another attribution's words is left to it
    other = RawAttribution(cue=(said, said + 1), source=[(said - 2, said)], content=[(1, 5)])
    owner = RawAttribution(cue=(said + 3, said + 4), content=[(said + 4, said + 8)])
    quote_pieces(doc, [other, owner], quote_depths(doc))
    assert _pieces(doc, other) == ["The city is holding"]


def test_according_to_fills_the_clause_it_hangs_on(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import according_to_clause

    doc = nlp("More than 400 drones were launched overnight, according to the Ukrainian "
              "air force.")
    found = according_to_clause(doc, [])
    assert len(found) == 1
    raw = found[0]
    assert doc[raw.cue[0]:raw.cue[1]].text == "according to"
    assert [doc[s:e].text for s, e in raw.source] == ["the Ukrainian air force"]
    assert _pieces(doc, raw) == ["More than 400 drones were launched overnight"]
    # a cue the tagger found without content gets the clause; one with content is kept
    k = raw.cue[0]
    empty = RawAttribution(cue=(k, k + 2))
    assert according_to_clause(doc, [empty]) == []
    assert _pieces(doc, empty) == ["More than 400 drones were launched overnight"]
    full = RawAttribution(cue=(k, k + 2), content=[(0, 3)])
    according_to_clause(doc, [full])
    assert full.content == [(0, 3)]


def test_a_name_and_a_colon_open_a_statement(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.rules import colon_speaker

    doc = nlp("Zelensky: Pokrovsk is not encircled\n\nThe president spoke late on Sunday.")
    found = colon_speaker(doc, [])
    assert [(doc[r.cue[0]:r.cue[1]].text, [doc[s:e].text for s, e in r.source],
             _pieces(doc, r)) for r in found] == [(":", ["Zelensky"], ["Pokrovsk is not encircled"])]
    # a label or a place before a colon is not a speaker
    for text in ("Two questions: why now, and why there?",
                 "Kharkiv: three people were injured in the strike overnight."):
        assert colon_speaker(nlp(text), []) == [], text


def test_missed_speech_needs_a_named_speaker_and_a_finite_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.rules import missed_speech

    doc = nlp("The defence minister urged Russia to respond by starting preparations for "
              "nuclear testing.")
    found = missed_speech(doc, [])
    assert [(doc[r.cue[0]:r.cue[1]].text, [doc[s:e].text for s, e in r.source]) for r in found] \
        == [("urged", ["The defence minister"])]
    assert _pieces(doc, found[0])[0].startswith("Russia to respond")
    for text in ("Tell me what you will do about the bridge.",
                 "If anyone says that the ceasefire holds, they are wrong."):
        assert missed_speech(nlp(text), []) == [], text


def test_a_horizontal_bar_is_a_token_of_its_own(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("“We will not give up the city.”― Oleksandr Syrskyi")
    assert [t.text for t in doc][-4:] == ["”", "―", "Oleksandr", "Syrskyi"]


def test_content_of_a_cue_in_brackets_ends_at_the_closing_bracket(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import end_at_parenthesis
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("Hungary got an exemption (with a promise to buy more American gas) by "
              "repeating its favourite story.")
    promise = next(t.i for t in doc if t.text == "promise")
    close = next(t.i for t in doc if t.text == ")")
    raw = RawAttribution(cue=(promise, promise + 1), content=[(promise + 1, len(doc) - 1)])
    end_at_parenthesis(doc, raw)
    assert _pieces(doc, raw) == ["to buy more American gas"]
    assert raw.content[0][1] <= close
    # outside brackets nothing changes
    said = nlp("The minister said the talks (in Istanbul) would resume.")
    raw = RawAttribution(cue=(2, 3), content=[(3, 11)])
    end_at_parenthesis(said, raw)
    assert raw.content == [(3, 11)]


def test_a_relative_pronoun_source_resolves_to_the_noun_it_describes(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Hungary's prime minister, Viktor Orbán, who also repeated that "
                         "Ukraine cannot win, met Donald Trump on Friday.")
    a = find(atts, "repeated")
    assert a.source is not None and a.source.text == "who"
    assert a.source_entity is not None and "orban" in a.source_entity


def test_a_parenthetical_speech_verb_takes_the_clause_it_interrupts(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import parenthetical_speech

    doc = nlp("Russian forces destroyed a drone workshop in Dnipro, the Ministry of Defence "
              "said, dismissing reports of civilian casualties.")
    said = next(t.i for t in doc if t.text == "said")
    assert doc[said].dep_ == "parataxis"
    # the tagger found "said" and its source but gave it nothing said
    raw = RawAttribution(cue=(said, said + 1), source=[(said - 4, said)])
    dismissing = RawAttribution(cue=(said + 2, said + 3), content=[(said + 3, len(doc) - 1)])
    assert parenthetical_speech(doc, [raw, dismissing]) == []
    assert _pieces(doc, raw) == ["Russian forces destroyed a drone workshop in Dnipro"]
    # found by the rule when the tagger missed it
    added = parenthetical_speech(doc, [dismissing])
    assert [_pieces(doc, r) for r in added] == [["Russian forces destroyed a drone workshop in Dnipro"]]
    assert [doc[s:e].text for s, e in added[0].source] == ["the Ministry of Defence"]


def test_a_participle_shares_the_speaker_of_the_verb_before_it(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Russian forces destroyed a drone workshop in Dnipro, the Ministry of "
                         "Defence said, dismissing Ukrainian reports of civilian casualties as "
                         "an attempt to wreck the talks.")
    dismissing = find(atts, "dismissing")
    assert dismissing.source is not None and dismissing.source.text == "the Ministry of Defence"
    assert dismissing.source_entity == find(atts, "said").source_entity


def test_a_source_in_two_pieces_is_not_joined_across_its_cue() -> None:
    from fogwatch.analyze.attribution import _pick_source
    from fogwatch.analyze.attribution.model import RawAttribution

    # "the ministry [said] in its daily summary"
    raw = RawAttribution(cue=(8, 9), source=[(6, 8), (9, 13)], content=[(0, 5)])
    assert _pick_source(raw) == (6, 8)
    raw = RawAttribution(cue=(8, 9), source=[(2, 4), (5, 8)], content=[(9, 12)])
    assert _pick_source(raw) == (2, 8)


def test_content_covers_the_whole_quotation_it_stops_or_starts_in(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import whole_quotation
    from fogwatch.analyze.attribution.features import quote_depths
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("“We are not leaving. The city will hold. Nobody is surrounded,” the "
              "commander said.")
    said = next(t.i for t in doc if t.text == "said")
    whole = "We are not leaving. The city will hold. Nobody is surrounded"
    stops = RawAttribution(cue=(said, said + 1), content=[(1, 5)])  # "We are not leaving"
    whole_quotation(doc, [stops], quote_depths(doc))
    assert _pieces(doc, stops) == [whole]
    second = next(t.i for t in doc if t.text == "The")
    starts = RawAttribution(cue=(said, said + 1), content=[(second, said - 4)])
    whole_quotation(doc, [starts], quote_depths(doc))
    assert _pieces(doc, starts) == [whole]
    # words of another attribution stay with it
    other = RawAttribution(cue=(said, said + 1), content=[(1, 5)])
    owner = RawAttribution(cue=(second, second + 1), content=[(second + 1, second + 5)])
    whole_quotation(doc, [other, owner], quote_depths(doc))
    assert _pieces(doc, other) == ["We are not leaving"]


def test_a_hedge_read_into_the_cue_leaves_no_named_source(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import hedge_in_cue

    doc = nlp("Lukoil has reportedly held talks with at least three other groups.")
    raw = RawAttribution(cue=(1, 3), source=[(0, 1)], content=[(3, 11)])
    hedge_in_cue(doc, raw)
    assert doc[raw.cue[0]:raw.cue[1]].text == "reportedly"
    assert raw.source == []
    assert _pieces(doc, raw) == ["Lukoil has", "held talks with at least three other groups"]


def test_a_hedge_read_into_a_cue_without_content_takes_the_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import hedge_in_cue

    doc = nlp("Lukoil has reportedly held talks with at least three other groups.")
    raw = RawAttribution(cue=(1, 3), source=[(0, 1)])
    hedge_in_cue(doc, raw)  # used to fail on the empty content
    assert _pieces(doc, raw) == ["Lukoil has", "held talks with at least three other groups"]


def test_a_participle_of_speech_speaks_for_the_clause_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import gerund_source

    def source_of(text: str, cue_word: str) -> list[str]:
        doc = nlp(text)
        cue = next(t.i for t in doc if t.text == cue_word)
        raw = RawAttribution(cue=(cue, cue + 1), content=[(cue + 1, len(doc) - 1)])
        gerund_source(doc, raw)
        return [doc[s:e].text for s, e in raw.source]

    assert source_of("Viktor Orbán got an exemption from the sanctions by repeating his "
                     "favorite story: that the war would not be happening.",
                     "repeating") == ["Viktor Orbán"]
    # a participle clause speaks for the subject of the clause it hangs on
    assert source_of("Two newspapers filed a motion to unseal the records, arguing that "
                     "voters deserved to see them.", "arguing") == ["Two newspapers"]
    # a cue with a subject of its own is left alone
    doc = nlp("The minister said the talks were over.")
    raw = RawAttribution(cue=(2, 3), content=[(3, 7)])
    gerund_source(doc, raw)
    assert raw.source == []


def test_content_stopping_before_a_colon_takes_the_that_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.boundary import colon_elaboration
    from fogwatch.analyze.attribution.features import quote_depths
    from fogwatch.analyze.attribution.model import RawAttribution

    doc = nlp("He kept repeating his favorite story: that the war would never have started.")
    cue = next(t.i for t in doc if t.text == "repeating")
    colon = next(t.i for t in doc if t.text == ":")
    raw = RawAttribution(cue=(cue, cue + 1), content=[(cue + 1, colon)])
    colon_elaboration(doc, raw, quote_depths(doc))
    assert _pieces(doc, raw) == ["his favorite story: that the war would never have started"]
    # a list or a quotation after the colon is left out
    doc = nlp("She named her demands: “Leave the city now.”")
    colon = next(t.i for t in doc if t.text == ":")
    raw = RawAttribution(cue=(1, 2), content=[(2, colon)])
    colon_elaboration(doc, raw, quote_depths(doc))
    assert _pieces(doc, raw) == ["her demands"]


def test_the_active_subject_of_a_speech_verb_is_its_source(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import subject_source

    doc = nlp("Numerous Russian milbloggers dismissed these claims as fictitious.")
    raw = RawAttribution(cue=(3, 4), content=[(0, 3), (4, 8)])
    subject_source(doc, raw)
    assert [doc[s:e].text for s, e in raw.source] == ["Numerous Russian milbloggers"]
    assert _pieces(doc, raw) == ["these claims as fictitious"]
    # the subject of "is expected to" is part of what is expected
    doc = nlp("The final accord is expected to be ratified next month.")
    raw = RawAttribution(cue=(3, 5), content=[(0, 3), (5, 10)])
    subject_source(doc, raw)
    assert raw.source == [] and len(raw.content) == 2


def test_a_participle_of_speech_on_a_cue_says_what_it_governs(pipe: Pipeline) -> None:
    atts = analyse(pipe, "“Russia keeps bombing our cities,” spokeswoman Oksana Marchuk said, "
                         "referring to the strike on Dnipro that killed 14 people.")
    referring = find(atts, "referring")
    assert contents(referring).rstrip(".") == "the strike on Dnipro that killed 14 people"
    assert referring.source is not None and "Marchuk" in referring.source.text


def test_participle_speech_fills_or_adds_the_participle(nlp) -> None:  # type: ignore[no-untyped-def]
    from fogwatch.analyze.attribution.model import RawAttribution
    from fogwatch.analyze.attribution.rules import participle_speech

    doc = nlp("“Russia keeps bombing our cities,” spokeswoman Oksana Marchuk said, "
              "referring to the strike on Dnipro that killed 14 people.")
    said = next(t.i for t in doc if t.text == "said")
    ref = said + 2
    assert doc[ref].text == "referring"
    outer = RawAttribution(cue=(said, said + 1), source=[(said - 3, said)], content=[(1, 7)])
    added = participle_speech(doc, [outer])
    assert [(doc[r.cue[0]:r.cue[1]].text, _pieces(doc, r)) for r in added] == [
        ("referring to", ["the strike on Dnipro that killed 14 people"])]
    # the tagger's cue with a wrong source and only the quotation before it
    found = RawAttribution(cue=(ref, ref + 2), source=[(ref + 2, ref + 4)], content=[(1, 7)])
    assert participle_speech(doc, [outer, found]) == []
    assert _pieces(doc, found) == ["the strike on Dnipro that killed 14 people"]
    assert found.source == []


def test_every_rule_has_a_role_that_decides_whether_it_stays() -> None:
    from fogwatch.analyze.attribution import RULES
    from fogwatch.train.attribution import OUTSIDE_POLNEAR, RULE_ROLES

    assert sorted(name for name, _ in RULE_ROLES) == sorted(RULES)
    assert set(RULES) >= OUTSIDE_POLNEAR
    assert set(AttributionModel().meta["rules"]) <= set(RULES)


def test_the_ministry_is_the_ministry_named_before(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Russia's Defence Ministry said its missiles had hit a drone workshop. "
                         "\"We do not strike civilian targets,\" the ministry said.")
    first, second = find(atts, "said"), atts[-1]
    assert second.source is not None and second.source.text == "the ministry"
    assert first.source_entity is not None
    assert second.source_entity == first.source_entity


# --- war-report layout: headlines, datelines, paragraphs, second speakers ----------

WIRE_STORY = (
    "Zelensky: Russia lost a battalion near Kupiansk\n\n"
    "KYIV, March 4 (Wire) - Ukrainian forces destroyed most of a Russian mechanised "
    "battalion near Kupiansk over the weekend, President Volodymyr Zelensky said on Monday.\n\n"
    "A source in Ukraine's military intelligence told the outlet that the attack had been "
    "planned for weeks.\n\n"
    "Moscow reportedly moved more Iskander launchers to Belgorod region, though this could "
    "not be independently verified.\n\n"
    "The Institute for the Study of War assessed that these claims are likely exaggerated.\n\n"
    "Officials in Kharkiv said two civilians were killed in a drone strike overnight, while "
    "Russian state media alleged that Ukraine had shelled a market in Donetsk."
)


@pytest.fixture(scope="module")
def wire_atts(pipe: Pipeline) -> list[Attribution]:
    return analyse(pipe, WIRE_STORY)


def test_a_blank_line_ends_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Rush Limbaugh: Asking Moderator To Fact Check Trump 'Reeks of Fear'\n\n"
              "The campaign has asked the network to check facts.")
    starts = [s[0].text for s in doc.sents]
    assert "The" in starts  # the headline does not run on into the paragraph
    wrapped = nlp("The ministry said the strike hit a depot\nnear the border on Friday.")
    assert len(list(wrapped.sents)) == 1  # one line break is hard wrapping, not a paragraph


def test_a_headline_above_one_line_break_ends_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Russian Troops Storm Village Near Pokrovsk\nThe defence ministry said on "
              "Tuesday that its forces had captured the village.")
    assert "The" in [s[0].text for s in doc.sents]
    # hard-wrapped prose, and a name broken over two lines, stay one sentence
    for text in ("President Vladimir Putin met Prime Minister Viktor\nOrban in Moscow on "
                 "Friday, officials said.",
                 "The ministry said the strike hit a depot\nNear the border on Friday.",
                 "Officials said\nThe depot burned."):
        assert len(list(nlp(text).sents)) == 1, text


def test_a_headline_above_one_line_break_is_not_part_of_the_source(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Russian Troops Storm Village Near Pokrovsk\nThe defence ministry "
                         "said on Tuesday that its forces had captured the village.")
    said = next(a for a in atts if a.cue.text == "said")
    assert said.source is not None and said.source.text == "The defence ministry"


def test_a_headline_with_a_name_and_a_colon_is_that_persons_claim(
        wire_atts: list[Attribution]) -> None:
    a = find(wire_atts, ":")
    assert a.source is not None and a.source.text == "Zelensky"
    assert contents(a) == "Russia lost a battalion near Kupiansk"


def test_content_starts_after_the_dateline(wire_atts: list[Attribution]) -> None:
    a = next(a for a in wire_atts if a.source and "Volodymyr Zelensky" in a.source.text)
    assert contents(a).startswith("Ukrainian forces destroyed")
    assert "KYIV" not in contents(a) and "Wire" not in contents(a)


def test_no_confirmation_belongs_to_the_claim_it_follows(wire_atts: list[Attribution]) -> None:
    assert find(wire_atts, "told").stance == "asserted"
    assert find(wire_atts, "reportedly").stance == "unconfirmed"


def test_an_analysts_assessment_is_an_attribution(wire_atts: list[Attribution]) -> None:
    a = find(wire_atts, "assessed")
    assert a.source is not None and "Institute for the Study of War" in a.source.text
    assert "likely exaggerated" in contents(a)


def test_content_stops_before_a_second_speaker(wire_atts: list[Attribution]) -> None:
    officials = next(a for a in wire_atts if a.source and a.source.text == "Officials in Kharkiv")
    assert contents(officials) == "two civilians were killed in a drone strike overnight"
    media = find(wire_atts, "alleged")
    assert media.source is not None and media.source.text == "Russian state media"
    assert media.nested_in is None


def test_a_partys_stated_aim_is_its_claim(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Hungary is also seeking an exemption, and its prime minister will "
                         "raise the issue in Washington on Friday.")
    a = find(atts, "seeking")
    assert a.source is not None and a.source.text == "Hungary"
    assert contents(a) == "an exemption"


def test_according_to_vouches_for_its_own_sentence_only(pipe: Pipeline) -> None:
    atts = analyse(pipe, 'According to Levchenko, a few hundred Russian infiltrators, "about '
                         '300 people", had slipped into the town. "That is not an army that '
                         'has closed a ring," he said.')
    a = find(atts, "According to")
    assert a.source is not None and a.source.text == "Levchenko"
    assert "slipped into the town" in contents(a) and "army" not in contents(a)


def test_a_second_verb_of_speech_starts_its_own_claim(pipe: Pipeline) -> None:
    atts = analyse(pipe, 'Kremlin spokesman Dmitry Peskov dismissed the reports as '
                         '"provocations" and insisted that Russia remained open to talks.')
    assert contents(find(atts, "dismissed")) == 'the reports as "provocations"'
    assert contents(find(atts, "insisted")) == "that Russia remained open to talks"


def test_a_participle_cites_up_to_its_speakers_main_verb(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Russian military bloggers, citing soldiers at the front, reported "
                         "heavy fighting in the area.")
    cited = contents(find(atts, "citing"))
    assert cited.startswith("soldiers") and "fighting" not in cited
    assert contents(find(atts, "reported")) == "heavy fighting in the area"


def test_no_confirmation_reaches_past_the_same_speakers_participle(pipe: Pipeline) -> None:
    atts = analyse(pipe, "Russia lost 1,100 soldiers over the past day, Ukraine's General Staff "
                         "said, citing front-line reports. The figure could not be "
                         "independently verified.")
    assert find(atts, "said").stance == "unconfirmed"


def test_the_writer_hedging_with_seem_is_no_attribution(pipe: Pipeline) -> None:
    atts = analyse(pipe, (
        "Still, it does seem clear that the northern offensive has gained pace in the last "
        "two weeks. The new tactic of small-group infiltration seems to be paying off. "
        "The governor said that the bridge had been destroyed."
    ))
    cues = [a.cue.text.lower() for a in atts]
    assert not [c for c in cues if "seem" in c]
    assert find(atts, "said").source is not None


def test_a_feeling_is_no_attribution(pipe: Pipeline) -> None:
    atts = analyse(pipe, (
        "The president is impressed by Ukraine's skill at taking out depots. "
        "The minister said that the line would hold."
    ))
    assert not [a for a in atts if "impress" in a.cue.text.lower()]
    assert find(atts, "said").source is not None
