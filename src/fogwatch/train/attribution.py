"""Train the attribution model on PolNeAR: ``fogwatch train attribution``.

Reads the first annotator's attributions of ``train_dir`` (and ``dev_dir`` for
scoring), parses both with spaCy's small English model (cached on disk outside
the repository), trains the cue and role CRFs and the role network beside them
(:mod:`fogwatch.train.rolenet`), chooses the network's weight and the rules on
dev, trains the boundary ranker (:mod:`fogwatch.train.boundary`, from taggers
cross-fitted on two halves of train) and writes everything with a
``meta.json`` (data, date, parameters, dev scores, feature version) to ``out``.
With a store's corrections (:mod:`fogwatch.train.corrections`), the sentences
an analyst corrected train the taggers beside train's articles.
The three sets of taggers train in parallel processes where there are cores,
one BLAS thread each.
"""

from __future__ import annotations

import json
import lzma
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
from spacy.language import Language
from spacy.tokens import Doc

from fogwatch.analyze.attribution.crf import CRF
from fogwatch.analyze.attribution.encode import (
    FeatureEncoder,
    cue_strings,
    role_strings,
    token_arrays,
)
from fogwatch.analyze.attribution.features import (
    FEATURE_VERSION,
    PRIOR_MIN_COUNT,
    CuePrior,
    prior_bucket,
)
from fogwatch.analyze.attribution.model import (
    PRIOR_FILE,
    AttributionModel,
    read_crf_bytes,
    token_vectors,
)
from fogwatch.analyze.attribution.ranker import RANKER_FILE
from fogwatch.analyze.attribution.rolenet import NET_FILE, Batch, RoleNet
from fogwatch.datasets.polnear import Article, GoldAttribution, char_to_tokens
from fogwatch.train.attribution_dev import score_dev
from fogwatch.train.boundary import train_boundary, tune_margins
from fogwatch.train.corrections import CorrectedDocument, CorrectionSet
from fogwatch.train.parse_cache import parsed_split, parsed_texts
from fogwatch.train.rolenet import train_network

Span = tuple[int, int]
FOLDS = 2  # cross-fitting of the taggers for the boundary ranker


def _bio(n: int, offset: int, marks: dict[int, str]) -> list[str]:
    labels: list[str] = []
    prev = None
    for i in range(offset, offset + n):
        role = marks.get(i)
        if role is None:
            labels.append("O")
        else:
            labels.append(("I-" if prev == role else "B-") + role)
        prev = role
    return labels


Instance = tuple[list[list[str]], list[str]]  # (features per token, BIO labels)


def _cue_tokens(article: Article, doc: Doc) -> set[int]:
    return {i for gold in article.attributions for i in char_to_tokens(doc, gold.cue)}


def cue_instances(article: Article, doc: Doc, prior: CuePrior | None = None
                  ) -> Iterator[Instance]:
    """The cue tagger's sequences of one article: its sentences."""
    if len(doc) == 0:
        return
    marks = dict.fromkeys(_cue_tokens(article, doc), "CUE")
    feats = cue_strings(token_arrays([doc]), prior)
    for sent in doc.sents:
        yield feats[sent.start:sent.end], _bio(len(sent), sent.start, marks)


def corrected_instances(corrected: CorrectedDocument, doc: Doc, prior: CuePrior | None
                        ) -> Iterator[Instance]:
    """The cue tagger's sequences of a store's corrected document: the sentences that
    hold a corrected cue, with the confirmed and added cues and the machine's cues
    left alone marked, the rejected ones outside (:mod:`fogwatch.train.corrections`)."""
    if len(doc) == 0:
        return
    rejected = char_to_tokens(doc, corrected.rejected)
    marks = dict.fromkeys(char_to_tokens(doc, corrected.shown) - rejected, "CUE")
    marks.update(dict.fromkeys(
        (i for gold in corrected.gold for i in char_to_tokens(doc, gold.cue)), "CUE"))
    feats = cue_strings(token_arrays([doc]), prior)
    for sent in corrected_sentences(corrected, doc):
        yield feats[sent.start:sent.end], _bio(len(sent), sent.start, marks)


def corrected_sentences(corrected: CorrectedDocument, doc: Doc) -> list[Any]:
    """The sentences of ``doc`` that hold a corrected cue."""
    anchored = char_to_tokens(doc, corrected.anchors())
    return [sent for sent in doc.sents if any(sent.start <= i < sent.end for i in anchored)]


def corrected_data(corrections: CorrectionSet | None, nlp: Language
                   ) -> list[tuple[CorrectedDocument, Article, Doc]]:
    """Each corrected document with its gold attributions as an Article (what the
    role tagger and network learn from) and its parse (cached as the splits' are)."""
    if corrections is None or not corrections.documents:
        return []
    docs = parsed_texts([d.text for d in corrections.documents], nlp, "corrections")
    return [(c, Article(c.id, c.text, c.gold), doc)
            for c, doc in zip(corrections.documents, docs, strict=True)]


def cue_prior(data: list[tuple[Article, Doc]]) -> dict[str, str]:
    """How often each lemma of ``data`` is (part of) a gold cue, bucketed (lemmas seen
    fewer than PRIOR_MIN_COUNT times are left out: they read as "rare")."""
    total: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for article, doc in data:
        marks = _cue_tokens(article, doc)
        for tok in doc:
            lemma = tok.lemma_.lower()
            total[lemma] += 1
            if tok.i in marks:
                cue[lemma] += 1
    return {lemma: prior_bucket(cue[lemma], n) for lemma, n in sorted(total.items())
            if n >= PRIOR_MIN_COUNT}


def _gold_token_span(doc: Doc, gold: GoldAttribution) -> tuple[int, int] | None:
    toks = char_to_tokens(doc, gold.cue)
    if not toks:
        return None
    return min(toks), max(toks) + 1


def gold_roles(doc: Doc, gold: GoldAttribution) -> dict[int, str]:
    """Each token of a gold attribution's source ("SRC") and content ("CON")."""
    marks = dict.fromkeys(char_to_tokens(doc, gold.source), "SRC")
    marks.update(dict.fromkeys(char_to_tokens(doc, gold.content), "CON"))
    return marks


def role_instances(article: Article, doc: Doc) -> Iterator[Instance]:
    """The role tagger's sequences of one article: the window of each gold cue."""
    cues: list[Span] = []
    marks: list[dict[int, str]] = []
    for gold in article.attributions:
        cue = _gold_token_span(doc, gold)
        if cue is not None:
            cues.append(cue)
            marks.append(gold_roles(doc, gold))
    if not cues:
        return
    feats, items = role_strings(token_arrays([doc]), cues)
    for (ws, we), start, roles in zip(items.windows, items.starts.tolist(), marks, strict=True):
        yield feats[start:start + we - ws], _bio(we - ws, ws, roles)


def network_examples(data: list[tuple[Article, Doc]], encoder: FeatureEncoder,
                     labels: list[str]) -> tuple[Batch, np.ndarray]:
    """The role network's rows for every gold cue of ``data`` (the role CRF's
    attribute ids, as the stage computes them) and the gold label of each row."""
    docs = [doc for _, doc in data]
    t = token_arrays(docs)
    tensor = token_vectors(docs)
    if tensor is None:
        raise ValueError("the parses carry no token vectors (doc.tensor): reparse them")
    cues: list[Span] = []
    marks: list[dict[int, str]] = []
    for k, (article, doc) in enumerate(data):
        for gold in article.attributions:
            cue = _gold_token_span(doc, gold)
            if cue is None:
                continue
            roles = {i + t.offsets[k]: role for i, role in gold_roles(doc, gold).items()}
            cues.append((cue[0] + t.offsets[k], cue[1] + t.offsets[k]))
            marks.append(roles)
    rows = encoder.role_ids(t, cues)
    sizes = np.array([e - s for s, e in rows.windows], dtype=np.int64)
    index = {label: k for k, label in enumerate(labels)}
    gold_rows = np.zeros(len(rows.tokens), dtype=np.int64)
    for w, ((ws, we), roles) in enumerate(zip(rows.windows, marks, strict=True)):
        gold_rows[rows.starts[w]:rows.starts[w] + sizes[w]] = [
            index[lab] for lab in _bio(we - ws, ws, roles)]
    batch = Batch(rows.row_ids().astype(np.int32), rows.tokens, tensor, rows.roots,
                  rows.starts, sizes)
    return batch, gold_rows


# the role network: width of the attribute vectors, of the hidden layer, passes
NETWORK = {"dim": 64, "hidden": 128, "epochs": 10}
NETWORK_MEMBERS = 2  # trained with seeds 0, 1, ...; their outputs are averaged
NETWORK_WEIGHTS = (0.25, 0.5, 1.0)  # tried on dev: how much the network counts


def say(message: str) -> None:
    """A progress line on stderr (training takes long; its result goes to stdout)."""
    print(message, file=sys.stderr, flush=True)


def train_network_for(data: list[tuple[Article, Doc]], out: Path, label: str = "") -> None:
    """Train the role network on ``data`` beside the CRFs already in ``out`` (every
    gold cue of each article; a corrected document's article holds only the
    attributions the analyst confirmed or added)."""
    with lzma.open(out / PRIOR_FILE, "rt", encoding="utf-8") as fh:
        prior = json.load(fh)
    cue = CRF(read_crf_bytes(out, "cue"))
    role = CRF(read_crf_bytes(out, "role"))
    batch, gold = network_examples(data, FeatureEncoder(cue, role, prior), role.labels)
    epochs = NETWORK["epochs"]
    members = []
    for seed in range(NETWORK_MEMBERS):
        members.append(train_network(
            batch, gold, role.state.shape[0], len(role.labels), **NETWORK, seed=seed,
            on_epoch=lambda k, loss, seed=seed: say(
                f"{label}role network {seed + 1}/{NETWORK_MEMBERS}: pass {k + 1}/{epochs}, "
                f"loss {loss:.4f}")))
    RoleNet(members, role.labels, NETWORK_WEIGHTS[-1]).save(out / NET_FILE)


def tune_network_weight(model_dir: Path, dev_data: list[tuple[Article, Doc]]) -> dict[str, Any]:
    """Choose how much the role network counts by content exact F1 on dev (taggers
    alone, before the rules are chosen); write it into the network's file."""
    model = AttributionModel(model_dir)
    model.ranker = None
    assert model.net is not None
    scores: dict[str, float] = {}
    for weight in (0.0, *NETWORK_WEIGHTS):
        model.net.weight = weight
        scores[str(weight)] = score_dev(dev_data, model, ())["content"]["exact"]["f1"]
    best = max(NETWORK_WEIGHTS, key=lambda w: scores[str(w)])
    model.net.weight = best
    model.net.save(Path(model_dir) / NET_FILE)
    return {"weight": best, "dev_content_f1_by_weight": scores, **NETWORK,
            "members": NETWORK_MEMBERS}


# Each rule with the role whose dev F1 decides whether it stays: the role it
# changes (a source fix, a content fix) or, for rules that add attributions,
# the whole attribution (cue for the parenthetical "..., X said, ..." whose
# main effect is a cue the tagger found without content or missed).
RULE_ROLES = (
    ("according_to", "source"), ("according_to_source", "source"),
    ("source_from_content", "source"),
    ("dependency_source", "source"), ("complete_clause", "content"),
    ("fill_content", "attribution"), ("missed_speech", "attribution"),
    ("as_puts_it", "attribution"),
    ("dash_signature", "attribution"), ("rejections", "attribution"),
    ("nested_speech", "attribution"), ("poll_respondents", "attribution"),
    ("hedge_adverbs", "attribution"),
    ("according_to_clause", "attribution"), ("colon_speaker", "attribution"),
    ("parenthetical_speech", "cue"), ("subject_source", "source"), ("hedge_in_cue", "cue"),
    ("participle_speech", "attribution"), ("gerund_source", "source"),
    ("conj_source", "source"), ("seeking", "attribution"),
)


# "reportedly" with no named source, "as X puts it", bare denials ("commanders
# denied these claims") and nested reports are rare or unannotated in PolNeAR
# (one role per token) but central in war reporting: kept when their dev cost
# is within noise. So are named speakers' top-level speech verbs that the tagger
# misses ("Gerasimov and Belousov urged Russia to respond ..."), and the active
# subject of a speech verb tagged as content ("Numerous Russian milbloggers
# dismissed these claims"), or a hedge read as part of the cue ("Lukoil has
# reportedly held talks"): rare on PolNeAR dev, but who speaks is the point.
# A reported clause is whole even where it holds commas ("claimed that the chief,
# Kyrylo Budanov, was part of it"), though PolNeAR sometimes stops at them.
# A gerund of speech after "by" speaks for the clause's subject ("Orbán got an
# exemption by repeating his favorite story"): rare on dev, within noise there.
# So is a speech verb joined to a verb whose subject it shares ("the Treasury
# slammed the company and made it clear that ...").
# So are "X, the ministry said, Y", poll respondents nested in the poll ("75
# percent of Ukrainians say"), a party's stated aim ("Hungary is seeking an
# exemption") and "X happened, according to Y" where the tagger found no cue.
# So is content for a named speaker's cue that the taggers left without any
# ("Turkey will host talks, the ministry announced on Wednesday"): without it
# the attribution is dropped; with the role network it no longer moves dev F1.
OUTSIDE_POLNEAR = frozenset({"hedge_adverbs", "as_puts_it", "rejections", "nested_speech",
                             "fill_content",
                             "missed_speech", "subject_source", "hedge_in_cue",
                             "complete_clause", "gerund_source", "conj_source",
                             "parenthetical_speech",
                             "poll_respondents", "seeking", "according_to_clause"})
OUTSIDE_POLNEAR_TOLERANCE = 0.002
# a rule must gain more than a span of dev to count: smaller changes flip
# from one training run to the next
MIN_GAIN = 0.0003


def tune_rules(model_dir: Path, dev_data: list[tuple[Article, Doc]]) -> dict[str, Any]:
    """Keep each rule only if it raises its role's exact F1 on dev (by at least
    :data:`MIN_GAIN`); record it in meta.json.

    Rules are tried in order, each on top of those already kept; the change each
    made goes into ``rule_deltas``. Exception: :data:`OUTSIDE_POLNEAR`.
    """
    model = AttributionModel(model_dir)
    model.ranker = None  # rules are chosen on the taggers alone; the ranker comes after
    result: dict[str, Any] = {"dev_model_only": score_dev(dev_data, model, ())}
    best = result["dev_model_only"]
    kept: list[str] = []
    deltas: dict[str, float] = {}
    for rule, role in RULE_ROLES:
        with_rule = score_dev(dev_data, model, (*kept, rule))
        # the scores are rounded to four places: so is their difference, or a gain
        # of exactly MIN_GAIN could fall short by a float's last bit
        delta = round(with_rule[role]["exact"]["f1"] - best[role]["exact"]["f1"], 4)
        deltas[rule] = delta
        # rules for patterns PolNeAR leaves unannotated stay unless they cost dev F1
        if delta >= MIN_GAIN or (rule in OUTSIDE_POLNEAR
                                 and delta >= -OUTSIDE_POLNEAR_TOLERANCE):
            kept.append(rule)
            best = with_rule
    result["dev"] = best
    result["rules"] = kept
    result["rule_deltas"] = deltas
    meta_path = Path(model_dir) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(result)
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return result


def pack(raw: Path) -> Path:
    """Compress a CRFsuite model file to ``.xz`` (what ships) and remove the raw file."""
    packed = raw.with_name(raw.name + ".xz")
    packed.write_bytes(lzma.compress(raw.read_bytes(), preset=9))
    raw.unlink()
    return packed


def train(
    train_dir: Path,
    dev_dir: Path,
    out: Path,
    c1: float = 0.1,
    c2: float = 1.0,
    max_iterations: int = 200,
    min_freq: int = 2,
    limit: int | None = None,
    corrections: CorrectionSet | None = None,
    weight: int = 1,
    **_: Any,
) -> dict[str, Any]:
    """Train the taggers, choose the rules, train the boundary ranker, score on dev;
    write the model to ``out`` and return its meta.

    ``corrections`` (a store's, :func:`fogwatch.train.corrections.read_corrections`)
    are added to train for all the taggers, each corrected sentence ``weight``
    times; the rules, the ranker and the dev scores stay PolNeAR's."""
    from fogwatch.analyze.pipeline import load_model

    nlp = load_model()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    (out / RANKER_FILE).unlink(missing_ok=True)  # rules are chosen on the taggers alone
    t0 = time.time()
    train_data = parsed_split(Path(train_dir), nlp, limit=limit)
    dev_data = parsed_split(Path(dev_dir), nlp)
    corrected = corrected_data(corrections, nlp)  # parsed once; the workers read the cache
    parse_s = time.time() - t0

    params = {"c1": c1, "c2": c2, "max_iterations": max_iterations,
              "feature.possible_transitions": True, "feature.minfreq": min_freq}
    t1 = time.time()
    with tempfile.TemporaryDirectory(prefix="fogwatch-folds-") as tmp:
        # the shipped taggers, and FOLDS pairs trained on part of train for the
        # boundary ranker, in parallel where there are cores for it
        fold_dirs = [Path(tmp) / f"fold{k}" for k in range(FOLDS)]
        extra = (corrections, weight)
        jobs = [(str(train_dir), limit, None, params, str(out), extra),
                *((str(train_dir), limit, k, params, str(d), extra)
                  for k, d in enumerate(fold_dirs))]
        workers = max(1, min(len(jobs), os.cpu_count() or 1))
        with one_blas_thread(), ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            list(pool.map(_tagger_job, *zip(*jobs, strict=True)))
        train_s = time.time() - t1

        meta: dict[str, Any] = {
            "name": "fogwatch attribution taggers (CRF, with a role network)",
            "feature_version": FEATURE_VERSION,
            "trained": date.today().isoformat(),
            "training_data": "PolNeAR train split, first annotator per article"
                             + (", and a store's corrections" if corrected else ""),
            "train_articles": len(train_data),
            "train_attributions": sum(len(a.attributions) for a, _ in train_data),
            **({"corrections": {**corrections.summary(), "weight": weight,
                                "sentences": sum(len(corrected_sentences(c, d))
                                                 for c, _, d in corrected)}}
               if corrected and corrections is not None else {}),
            "spacy_model": f"{nlp.meta.get('name')}-{nlp.meta.get('version')}",
            "params": params,
            "parse_seconds": round(parse_s, 1),
            "train_seconds": round(train_s, 1),
        }
        (out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        return finish(out, meta, train_data, dev_data, fold_dirs)


def finish(out: Path, meta: dict[str, Any], train_data: list[tuple[Article, Doc]],
           dev_data: list[tuple[Article, Doc]], fold_dirs: list[Path]) -> dict[str, Any]:
    """After the taggers: the network's weight, the rules, the boundary ranker and
    the final dev scores, all written into ``out``."""
    say("choosing the role network's weight on dev")
    meta["role_net"] = tune_network_weight(out, dev_data)
    (out / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    for folder in fold_dirs:  # the fold taggers run as the shipped ones will
        if (folder / NET_FILE).exists():
            net = RoleNet.load(folder / NET_FILE)
            net.weight = meta["role_net"]["weight"]
            net.save(folder / NET_FILE)
    say("choosing the rules on dev")
    meta.update(tune_rules(out, dev_data))  # also writes them into meta.json
    started = time.time()
    say("training the boundary ranker")
    boundary = train_boundary(out, train_data, fold_dirs, dev_data)
    return _record_boundary(out, dev_data,
                            {**boundary, "seconds": round(time.time() - started, 1)})


def _record_boundary(model_dir: Path, dev_data: list[tuple[Article, Doc]],
                     boundary: dict[str, Any]) -> dict[str, Any]:
    """Write the ranker's training record and the final dev scores into meta.json."""
    meta_path = Path(model_dir) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["boundary"] = {**meta.get("boundary", {}), **boundary}
    meta["dev"] = score_dev(dev_data, AttributionModel(model_dir), tuple(meta["rules"]))
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def train_taggers(data: list[tuple[Article, Doc]], out: Path, params: dict[str, Any],
                  label: str = "",
                  corrected: Sequence[tuple[CorrectedDocument, Article, Doc]] = (),
                  weight: int = 1) -> None:
    """Train the cue and role CRFs on ``data`` and the ``corrected`` documents of a
    store (each ``weight`` times), then the role network on the role CRF's
    attributes; write them packed to ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    # each article's cue prior comes from the other half of the data, so that
    # the tagger learns how far to trust it on text the prior has not seen
    halves = [cue_prior([x for i, x in enumerate(data) if i % 2 != k]) for k in (0, 1)]
    prior = cue_prior(data)  # PolNeAR's: most of a corrected document is not gold
    with lzma.open(out / PRIOR_FILE, "wt", encoding="utf-8") as fh:
        json.dump(prior, fh, separators=(",", ":"))
    # instances go straight into the trainers: holding every feature list of
    # train in Python lists would take several GB
    cue_trainer = pycrfsuite.Trainer(verbose=False)
    role_trainer = pycrfsuite.Trainer(verbose=False)
    for k, (article, doc) in enumerate(data):
        for x, y in cue_instances(article, doc, halves[k % 2]):
            cue_trainer.append(x, y)
        for x, y in role_instances(article, doc):
            role_trainer.append(x, y)
    for _ in range(weight):
        for corrected_doc, article, doc in corrected:
            for x, y in corrected_instances(corrected_doc, doc, prior):
                cue_trainer.append(x, y)
            for x, y in role_instances(article, doc):
                role_trainer.append(x, y)
    for trainer, name in ((cue_trainer, "cue"), (role_trainer, "role")):
        trainer.set_params(params)
        raw = out / f"{name}.crfsuite"
        trainer.train(str(raw))
        pack(raw)
    train_network_for([*data, *((a, d) for _, a, d in corrected for _ in range(weight))],
                      out, label)


BLAS_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Processes started inside run numpy's matrix products on one thread each.

    The tagger jobs run side by side, one per core: BLAS pools of several
    threads each would fight over the cores (the role network trained several
    times slower so), and one thread makes the network's sums come out the same
    on any machine with the same numpy.
    """
    saved = {var: os.environ.get(var) for var in BLAS_THREAD_VARS}
    os.environ.update(dict.fromkeys(BLAS_THREAD_VARS, "1"))
    try:
        yield
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


def _tagger_job(train_dir: str, limit: int | None, held_out: int | None,
                params: dict[str, Any], out: str,
                extra: tuple[CorrectionSet | None, int] = (None, 1)) -> None:
    """Train taggers on the train split, less fold ``held_out`` if given, and a
    store's corrections, all of them, with their weight (a worker)."""
    from fogwatch.analyze.pipeline import load_model

    nlp = load_model()
    data = parsed_split(Path(train_dir), nlp, limit=limit)  # from the cache
    if held_out is not None:
        data = [x for i, x in enumerate(data) if i % FOLDS != held_out]
        if not data:
            return  # too few articles to cross-fit: the ranker learns from the other folds
    label = "shipped taggers: " if held_out is None else f"taggers without fold {held_out}: "
    corrections, weight = extra
    corrected = corrected_data(corrections, nlp)
    said = f" and {len(corrected)} corrected documents" if corrected else ""
    say(f"{label}training the CRFs on {len(data)} articles{said}")
    train_taggers(data, Path(out), params, label, corrected, weight)


def retune(model_dir: Path, dev_dir: Path) -> dict[str, Any]:
    """Re-run the rule selection of a trained model on dev (after a rule changes),
    then the boundary ranker's margins; returns the updated meta."""
    from fogwatch.analyze.pipeline import load_model

    dev_data = parsed_split(Path(dev_dir), load_model())
    tune_rules(model_dir, dev_data)
    model = AttributionModel(model_dir)
    if model.ranker is None:
        return model.meta
    tuned = tune_margins(model, dev_data)
    model.ranker.save(Path(model_dir) / RANKER_FILE)
    return _record_boundary(model_dir, dev_data, tuned)
