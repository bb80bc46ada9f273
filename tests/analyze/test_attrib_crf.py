"""The numpy CRF decoder and the feature encoder against CRFsuite and the feature spec.

The attribution stage tags with :class:`~fogwatch.analyze.attribution.crf.CRF` over ids
from :mod:`~fogwatch.analyze.attribution.encode`; training uses CRFsuite over the
strings the same spec spells. These tests hold the two paths to the same labels
on real text, and the strings to those the shipped models were trained on.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from fogwatch.analyze.attribution.crf import CRF, CRFFormatError
from fogwatch.analyze.attribution.encode import (
    FeatureEncoder,
    cue_strings,
    role_strings,
    token_arrays,
)
from fogwatch.analyze.attribution.features import quote_depths, role_window
from fogwatch.analyze.attribution.model import AttributionModel, RawAttribution, bio_spans
from fogwatch.analyze.pipeline import load_model
from fogwatch.jobs import demo_corpus_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

TEXTS = [
    "“We will not give up a single village,” the commander said on Tuesday. "
    "Officials in Kyiv said the strike killed 12 people, but Moscow denied it.",
    "According to the governor, 40 drones were shot down overnight. "
    "As one analyst put it, “the front is moving, slowly.”",
    "A Levada poll found that 40 percent of Russians say they are tired of the war. "
    "The report could not be independently verified.",
    "Putin announced that the Oreshnik missile had been tested. He claimed it cannot be "
    "intercepted — a claim Western officials dismissed as propaganda.",
    "",
    "Short.",
    "\n\n“Quoted words with no closing mark\n\nand a new paragraph\" here.",
]


def _real_texts(shared: Path) -> list[str]:
    texts = list(TEXTS)
    # The bundled demo articles are always there, with or without the public data.
    lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()
    texts += [json.loads(line)["text"] for line in lines if line.strip()][:6]
    for folder in (FIXTURES, shared / "seeds"):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))][:3]
    dev = shared / "data" / "polnear" / "dev" / "text"
    if dev.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(dev.iterdir())[:6]]
    return texts


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model()


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    return AttributionModel()


@pytest.fixture(scope="module")
def docs(nlp: Language, shared_root: Path) -> list[Doc]:
    return list(nlp.pipe(_real_texts(shared_root)))


def _reference_predict(model: AttributionModel, doc: Doc) -> list[RawAttribution]:
    """The taggers as training sees them: string features through CRFsuite, one
    sentence and one cue at a time."""
    if len(doc) == 0:
        return []
    t = token_arrays([doc])
    cue_feats = cue_strings(t, model.cue_prior)
    out = []
    for sent in doc.sents:
        labels = list(model.cue_tagger.tag(cue_feats[sent.start:sent.end]))
        for cue in bio_spans(labels, sent.start, "CUE"):
            feats, items = role_strings(t, [cue])
            window = items.windows[0]
            assert window == role_window(doc, *cue)
            roles = list(model.role_tagger.tag(feats))
            out.append(RawAttribution(cue=cue, source=bio_spans(roles, window[0], "SRC"),
                                      content=bio_spans(roles, window[0], "CON")))
    return out


def _sequences(model: AttributionModel, docs: list[Doc]) -> tuple[list, list]:
    cue_seqs, role_seqs = [], []
    for doc in docs:
        if len(doc) == 0:
            continue
        t = token_arrays([doc])
        cue_feats = cue_strings(t, model.cue_prior)
        for sent in doc.sents:
            feats = cue_feats[sent.start:sent.end]
            cue_seqs.append(feats)
            for cue in bio_spans(list(model.cue_tagger.tag(feats)), sent.start, "CUE"):
                role_seqs.append(role_strings(t, [cue])[0])
    return cue_seqs, role_seqs


def test_numpy_viterbi_gives_crfsuites_labels(model: AttributionModel, docs: list[Doc]) -> None:
    cue_seqs, role_seqs = _sequences(model, docs)
    assert len(cue_seqs) > 50 and len(role_seqs) > 10
    for crf, tagger, seqs in ((model.cue_crf, model.cue_tagger, cue_seqs),
                              (model.role_crf, model.role_tagger, role_seqs)):
        expected = [list(tagger.tag(s)) for s in seqs]
        assert crf.tag_many(seqs) == expected
        assert [crf.tag(s) for s in seqs[:20]] == expected[:20]


def test_predict_many_matches_the_string_feature_path(docs: list[Doc]) -> None:
    model = AttributionModel()
    model.net = None  # the CRFs alone: the role network is tested on its own
    expected = [_reference_predict(model, d) for d in docs]
    assert sum(map(len, expected)) > 10
    # one batch, and one doc at a time
    assert model.predict_many(docs) == expected
    assert [model.predict(d) for d in docs] == expected
    assert model.predict_many([]) == []


def test_predict_many_with_the_network_does_not_depend_on_the_batch(
        model: AttributionModel, docs: list[Doc]) -> None:
    """Windows of several docs share a packed batch; none may see another's rows."""
    assert model.net is not None
    together = model.predict_many(docs)
    assert together == [model.predict(d) for d in docs]
    assert sum(map(len, together)) > 10


def _without(row: list[int], pad: int) -> list[int]:
    return [x for x in row if x != pad]


def test_encoded_ids_are_the_string_features(model: AttributionModel, docs: list[Doc]) -> None:
    """Row by row, the same attribute ids in the same order (padding aside)."""
    encoder = FeatureEncoder(model.cue_crf, model.role_crf, model.cue_prior)
    t = token_arrays(docs)
    cue_ids = encoder.cue_ids(t)
    cue, role = model.cue_crf, model.role_crf
    cues: list[tuple[int, int]] = []
    checked = 0
    for d, doc in enumerate(docs):
        if len(doc) == 0:
            continue
        off = t.offsets[d]
        one = token_arrays([doc])  # the strings one doc at a time, as training spells them
        for k, feats in enumerate(cue_strings(one, model.cue_prior)):
            expected = _without([cue.attr_ids.get(f, cue.pad) for f in feats], cue.pad)
            assert _without(cue_ids[off + k].tolist(), cue.pad) == expected
            checked += 1
        # every other token as a one-token cue: windows of every shape
        cues += [(off + i, off + i + 1) for i in range(0, len(doc), 2)]
    references = role_strings(t, cues)[0]
    rows = encoder.role_ids(t, cues)
    assert len(rows.ids) == len(references) and checked == t.n
    assert (rows.row_ids()[:, :rows.prefix.shape[1]] == rows.prefix[rows.tokens]).all()
    for k, feats in enumerate(references):
        expected = _without([role.attr_ids.get(f, role.pad) for f in feats], role.pad)
        assert _without(rows.ids[k].tolist(), role.pad) == expected
    # most features are known to the models: the ids are not mostly padding
    assert (cue_ids != cue.pad).mean() > 0.6 and (rows.ids != role.pad).mean() > 0.6


GOLDEN = "“We will hold,” the commander told Reuters. Officials in Kyiv said the strike killed 12 people."


def test_strings_are_those_the_shipped_models_were_trained_on(nlp: Language) -> None:
    """Spelt as feature version 7 spelt them: a change here needs a retrained model."""
    doc = nlp(GOLDEN)
    said = [tok.text for tok in doc].index("said")
    t = token_arrays([doc])
    cue = cue_strings(t, {"say": "hi", "official": "0"})
    assert cue[said] == [
        "w=said", "l=say", "p=VBD", "d=ROOT", "s=x", "hl=say", "hp=VERB", "pd=VERB|ROOT",
        "lex=True", "lexp=TrueVERB", "q=0", "ccomp=True", "nsubj=True", "sent0=False",
        "hd=ROOT", "lexh=TrueROOT", "subj=NOUN", "subjlex=NOUN|True", "kids=ccomp", "ent=",
        "bi+=l=say|l=the", "bi-=l=kyiv|l=say", "-2:w=in", "-2:p=IN", "-1:w=kyiv", "-1:p=NNP",
        "-1:l=kyiv", "-1:lex=False", "1:w=the", "1:p=DT", "1:l=the", "1:lex=False",
        "2:w=strike", "2:p=NN", "prior=hi", "priorp=hiVERB"]
    assert cue[said - 3] == [  # "Officials": a sentence's first token
        "w=officials", "l=official", "p=NNS", "d=nsubj", "s=Xx", "hl=say", "hp=VERB",
        "pd=NOUN|nsubj", "lex=False", "lexp=FalseNOUN", "q=0", "ccomp=False", "nsubj=False",
        "sent0=True", "hd=ROOT", "lexh=Truensubj", "subj=none", "subjlex=none|False",
        "kids=prep", "ent=", "bi+=l=official|l=in", "-2:EDGE", "-1:EDGE", "1:w=in", "1:p=IN",
        "1:l=in", "1:lex=False", "2:w=kyiv", "2:p=NNP", "prior=0", "priorp=0NOUN"]
    assert "prior=hi" not in cue_strings(t)[said]
    role, items = role_strings(t, [(said, said + 1)])
    assert items.windows == [(0, len(doc))]
    assert role[1] == [  # "We", quoted, in the sentence before
        "w=we", "l=we", "p=PRP", "d=nsubj", "s=Xx", "q=1", "rel=none", "pos=L11+", "sr=prev",
        "rel|pos=none|L", "rel|d=none|nsubj", "sr|q=prev|q=1", "pos|q=L11+|q=1", "cuel=say",
        "cued=ROOT", "qadj=True", "qadj=True|prev", "-1:rel=none", "-1:w=“", "-1:q=1",
        "1:rel=none", "1:w=will", "1:q=1"]
    assert role[said - 2] == [  # "in", under the subject
        "w=in", "l=in", "p=IN", "d=prep", "s=x", "q=0", "rel=under:nsubj", "pos=L2", "sr=same",
        "rel|pos=under:nsubj|L", "rel|d=under:nsubj|prep", "sr|q=same|q=0", "pos|q=L2|q=0",
        "cuel=say", "cued=ROOT", "qadj=False", "qadj=False|same", "-1:rel=under:nsubj",
        "-1:w=officials", "-1:q=0", "1:rel=under:nsubj", "1:w=kyiv", "1:q=0"]
    assert role[0][-4] == "-1:EDGE" and role[-1][-1] == "1:EDGE"


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[CRF, pycrfsuite.Tagger]:
    """A tiny CRFsuite model trained here, with labels that often tie."""
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    trainer = pycrfsuite.Trainer(verbose=False)
    rng = np.random.default_rng(7)
    for _ in range(60):
        n = int(rng.integers(1, 9))
        xs = [[f"a{int(rng.integers(0, 6))}", f"b{int(rng.integers(0, 3))}"] for _ in range(n)]
        ys = [["X", "Y", "Z"][int(x[0][1]) % 3] if rng.random() < 0.8 else "Y" for x in xs]
        trainer.append(xs, ys)
    trainer.set_params({"c1": 0.5, "c2": 0.1, "max_iterations": 30})
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return CRF(path.read_bytes()), tagger


def test_toy_model_sequences_of_every_length(toy: tuple[CRF, pycrfsuite.Tagger]) -> None:
    crf, tagger = toy
    rng = np.random.default_rng(11)
    seqs = []
    for n in [1, 2, 3, 1, 7, 12, 5, 1, 30]:
        # unknown attributes ("zz", "a9") add nothing, as in CRFsuite
        seqs.append([[f"a{int(rng.integers(0, 10))}", "zz"] if rng.random() < 0.3
                     else [f"a{int(rng.integers(0, 6))}", f"b{int(rng.integers(0, 3))}"]
                     for _ in range(n)])
    seqs.append([[]])  # an item without attributes
    seqs.append([])
    assert crf.tag_many(seqs) == [list(tagger.tag(s)) for s in seqs]


def test_decode_keeps_rows_in_place(toy: tuple[CRF, pycrfsuite.Tagger]) -> None:
    crf, _ = toy
    items = [["a1", "b0"], ["a2", "b1"], ["a3", "b2"], ["a0", "b1"], ["a5", "b0"]]
    scores = crf.scores(crf.encode(items))
    whole = crf.decode(scores, np.array([0]), np.array([5]))
    # the same rows split into sequences [0:2] and [2:5], given out of order
    split = crf.decode(scores, np.array([2, 0]), np.array([3, 2]))
    assert split[:2].tolist() == crf.decode(scores[:2], np.array([0]), np.array([2])).tolist()
    assert split[2:].tolist() == crf.decode(scores[2:], np.array([0]), np.array([3])).tolist()
    assert len(whole) == 5


def test_marginals_are_crfsuites(toy: tuple[CRF, pycrfsuite.Tagger]) -> None:
    """Forward-backward over many sequences at once gives CRFsuite's own marginals."""
    crf, tagger = toy
    rng = np.random.default_rng(5)
    seqs = [[[f"a{int(rng.integers(0, 6))}", f"b{int(rng.integers(0, 3))}"]
             for _ in range(n)] for n in (4, 1, 9, 2, 6)]
    scores = np.concatenate([crf.scores(crf.encode(s)) for s in seqs])
    lengths = np.array([len(s) for s in seqs])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    # the second sequence is left out: its row stays zero
    keep = np.array([0, 2, 3, 4])
    got = crf.marginals(scores, starts[keep], lengths[keep])
    assert got[starts[1]].tolist() == [0.0] * len(crf.labels)
    for k in keep:
        tagger.set(seqs[k])
        for t in range(len(seqs[k])):
            want = [tagger.marginal(label, t) for label in crf.labels]
            assert got[starts[k] + t] == pytest.approx(want, abs=1e-9)


def test_not_a_model_is_refused() -> None:
    with pytest.raises(CRFFormatError):
        CRF(b"not a model at all, just some bytes that are long enough to read a header")


def _quote_depths_by_token(doc: Doc) -> list[int]:
    """quote_depths spelt out token by token (what the array version must give)."""
    from fogwatch.analyze.attribution.features import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT_QUOTES

    out, inside = [], False
    for tok in doc:
        if tok.text in OPEN_QUOTES:
            inside = True
            out.append(1)
        elif tok.text in CLOSE_QUOTES:
            inside = False
            out.append(1)
        elif tok.text in STRAIGHT_QUOTES:
            inside = not inside
            out.append(1)
        else:
            if tok.is_space and "\n" in tok.text:
                inside = False
            out.append(1 if inside else 0)
    return out


def test_quote_depths_on_real_and_broken_quotes(nlp: Language, docs: list[Doc]) -> None:
    odd = nlp("He said \"yes\" and ``no'' and ‘‘maybe’’ \n\n then “an open quote\n\nand "
              "« guillemets » ' \" unclosed")
    for doc in [*docs, odd]:
        assert quote_depths(doc) == _quote_depths_by_token(doc)
        assert quote_depths(doc) == _quote_depths_by_token(doc)  # the cached answer too
    assert sum(quote_depths(odd)) > 10


def test_label_runs_reads_bio_like_bio_spans() -> None:
    from fogwatch.analyze.attribution.model import label_runs

    labels = ["O", "B-SRC", "I-SRC", "B-CON", "I-CON"]
    rng = np.random.default_rng(3)
    seqs = [rng.integers(0, 5, size=n) for n in (1, 2, 7, 30, 4, 1)]
    best = np.concatenate(seqs)
    lengths = np.array([len(s) for s in seqs])
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    for role in ("SRC", "CON"):
        lo, hi = label_runs(best, starts, lengths, labels, role)
        expected = [span for s, seq in zip(starts.tolist(), seqs, strict=True)
                    for span in bio_spans([labels[k] for k in seq.tolist()], s, role)]
        assert list(zip(lo.tolist(), hi.tolist(), strict=True)) == expected
    assert label_runs(best, starts, lengths, labels, "CUE")[0].size == 0


def test_decoding_in_small_groups_changes_nothing(model: AttributionModel, docs: list[Doc],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches too large for one back-pointer table are decoded group by group."""
    import fogwatch.analyze.attribution.crf as crf_module

    expected = model.predict_many(docs)
    monkeypatch.setattr(crf_module, "BACK_CELLS", 50)
    assert model.predict_many(docs) == expected


def test_stage_gives_the_same_attributions_in_batches_and_one_by_one(
        docs: list[Doc], monkeypatch: pytest.MonkeyPatch) -> None:
    import fogwatch.analyze.attribution as stage

    component = stage.AttributionComponent()
    one_by_one = [component(d)._.fw_attributions for d in docs]
    assert sum(map(len, one_by_one)) > 10
    for tokens in (50, 10_000_000):  # many small batches, then one
        monkeypatch.setattr(stage, "BATCH_TOKENS", tokens)
        assert [d._.fw_attributions for d in component.pipe(docs, batch_size=4)] == one_by_one


def test_two_apostrophes_open_and_close_a_quotation(nlp: Language) -> None:
    # some outlets' copy marks quotations with '' on both sides
    doc = nlp("''This is not a ceasefire,'' said the envoy. ''It is a pause.'' Talks resumed.")
    inside = [t.text for t, q in zip(doc, quote_depths(doc), strict=True)
              if q and t.text != "''"]
    assert inside == ["This", "is", "not", "a", "ceasefire", ",", "It", "is", "a", "pause", "."]
