"""Train the claim-stance classifier on FNC-1's training release.

The fixed dev articles (:func:`fogwatch.datasets.fnc1.is_dev`) are never seen
here: not for the vocabulary, the IDF, the weights nor the choices. The rest is
cut again by article: a *check* part (SHA-1 first byte in [52, 90), about 15%)
picks the epoch and the per-label offsets; the model is then fitted on every
training article for that many epochs.

The classifier is one ReLU layer over three inputs: the claim's TF-IDF bag, the
article's TF-IDF bag (each over a vocabulary of frequent stems) and the hand
features of :func:`fogwatch.reconcile.claimstance.features`; softmax over the
four labels, Adam, class weights that lift ``disagree`` (rare, and what the
macro F1 turns on). An article's bag is multiplied by its weights once per
step for all its pairs, which is what keeps this a few minutes of numpy.

Features are cached by split and code version in ``$FOGWATCH_CACHE`` (or
``~/.cache/fogwatch``): computing them is most of the time.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from fogwatch.datasets.fnc1 import DEV_BELOW, LABELS, Pair, article_byte, read_folder
from fogwatch.evaluate.fnc1 import metrics
from fogwatch.reconcile import claimstance as cs
from fogwatch.train.parse_cache import cache_dir

CHECK_BELOW = 90
FEATURE_VERSION = 2


def build_vocab(bodies: dict[str, str], pairs: list[Pair], head_size: int, body_size: int,
                ) -> tuple[dict[str, float], float, list[str], list[str]]:
    """IDF over training articles and claims; the most frequent claim and article stems."""
    heads = sorted({p.headline for p in pairs})
    texts = [*bodies.values(), *heads]
    df: Counter[str] = Counter()
    body_tf: Counter[str] = Counter()
    head_tf: Counter[str] = Counter()
    for i, text in enumerate(texts):
        stems = cs.content(t[0] for t in cs.tokens(text))
        df.update(set(stems))
        (body_tf if i < len(bodies) else head_tf).update(set(stems))
    n = len(texts)
    idf = {s: math.log((n + 1) / (c + 1)) + 1.0 for s, c in df.items() if c >= 2}
    default = math.log((n + 1) / 2) + 1.0
    head_vocab = [s for s, _ in head_tf.most_common(head_size)]
    # Stems in nearly every article say nothing about one.
    body_vocab = [s for s, c in body_tf.most_common(body_size + 50)
                  if c < 0.5 * len(bodies)][:body_size]
    return idf, default, head_vocab, body_vocab


def pair_features(bodies: dict[str, str], pairs: list[Pair], model: cs.StanceModel,
                  tag: str) -> tuple[np.ndarray, list[str], dict[str, int], dict[str, int],
                                     np.ndarray, np.ndarray]:
    """Dense features per pair and the indices of each pair's claim and article."""
    body_ids = sorted({p.body_id for p in pairs}, key=int)
    heads = sorted({p.headline for p in pairs})
    body_index = {b: i for i, b in enumerate(body_ids)}
    head_index = {h: i for i, h in enumerate(heads)}
    key = hashlib.sha256(f"{tag}|{FEATURE_VERSION}|{cs.N_DENSE}|{len(pairs)}|"
                         f"{len(model.idf)}".encode()).hexdigest()[:16]
    path = cache_dir() / f"fnc1-features-{key}.npy"
    if path.exists():
        dense = np.load(path)
    else:
        dense = dense_features(bodies, pairs, model)
        np.save(path, dense)
    hb, bb = _bags(heads, [bodies[b] for b in body_ids], model)
    return (dense, body_ids, body_index, head_index, hb, bb)


def _bags(heads: list[str], texts: list[str], model: cs.StanceModel
          ) -> tuple[np.ndarray, np.ndarray]:
    """The claims' and the articles' TF-IDF bags, one row each, in the order given."""
    hb = np.stack([cs.analyse_claim(h, model).bag for h in heads])
    bb = np.stack([cs.bag(cs.content(t[0] for t in cs.tokens(text)), model.body_vocab,
                          model.idf, model.default_idf) for text in texts])
    return hb, bb


def dense_features(bodies: dict[str, str], pairs: list[Pair], model: cs.StanceModel
                   ) -> np.ndarray:
    """The hand features of each pair (each article and claim analysed once)."""
    docs = {b: cs.prepare(bodies[b], model) for b in {p.body_id for p in pairs}}
    claims = {h: cs.analyse_claim(h, model) for h in {p.headline for p in pairs}}
    return np.stack([cs.features(claims[p.headline], docs[p.body_id], model.idf,
                                 model.default_idf)[0] for p in pairs])


def corrected_part(extra: list[tuple[str, str, str]], model: cs.StanceModel, mean: np.ndarray,
                   std: np.ndarray, weight: int) -> dict[str, Any]:
    """Training rows of ``extra`` pairs (claim, article text, FNC-1 label), each
    ``weight`` times: their own claim and article bags, indexed from 0."""
    bodies: dict[str, str] = {}
    pairs = []
    for claim, text, label in extra:
        if label not in LABELS:
            raise ValueError(f"unknown stance {label!r} in a correction's pair")
        body_id = bodies.setdefault(text, str(len(bodies)))
        pairs.append(Pair(claim, body_id, label))
    texts = {b: t for t, b in bodies.items()}
    heads = sorted({p.headline for p in pairs})
    head_index = {h: i for i, h in enumerate(heads)}
    x = (dense_features(texts, pairs, model) - mean) / std
    hi, bi, y = _indices(pairs, head_index, {b: int(b) for b in texts})
    hb, bb = _bags(heads, [texts[str(i)] for i in range(len(texts))], model)
    return {"hb": hb, "bb": bb, "x": np.tile(x, (weight, 1)), "hi": np.tile(hi, weight),
            "bi": np.tile(bi, weight), "y": np.tile(y, weight)}


def _joined(part: dict[str, Any], extra: dict[str, Any] | None) -> dict[str, Any]:
    """``part`` with the rows of ``extra`` (its bags appended, its indices moved)."""
    if extra is None:
        return part
    return {"hb": np.vstack([part["hb"], extra["hb"]]),
            "bb": np.vstack([part["bb"], extra["bb"]]),
            "x": np.vstack([part["x"], extra["x"]]),
            "hi": np.concatenate([part["hi"], extra["hi"] + len(part["hb"])]),
            "bi": np.concatenate([part["bi"], extra["bi"] + len(part["bb"])]),
            "y": np.concatenate([part["y"], extra["y"]]), "n_extra": len(extra["y"])}


def _indices(pairs: list[Pair], head_index: dict[str, int], body_index: dict[str, int],
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.array([head_index[p.headline] for p in pairs]),
            np.array([body_index[p.body_id] for p in pairs]),
            np.array([LABELS.index(p.stance) for p in pairs]))


class Net:
    """The one-hidden-layer network of the module doc, with Adam."""

    def __init__(self, n_head: int, n_body: int, n_dense: int, hidden: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.p = {
            "w_head": rng.normal(0, 1 / math.sqrt(20), (n_head, hidden)),
            "w_body": rng.normal(0, 1 / math.sqrt(50), (n_body, hidden)),
            "w_feat": rng.normal(0, 1 / math.sqrt(n_dense), (n_dense, hidden)),
            "b1": np.zeros(hidden),
            "w2": rng.normal(0, 1 / math.sqrt(hidden), (hidden, len(LABELS))),
            "b2": np.zeros(len(LABELS)),
        }
        self.m = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.v = {k: np.zeros_like(v) for k, v in self.p.items()}
        self.t = 0

    def logits(self, hb: np.ndarray, bb: np.ndarray, x: np.ndarray, hi: np.ndarray,
               bi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        p = self.p
        h = np.maximum((hb @ p["w_head"])[hi] + (bb @ p["w_body"])[bi] + x @ p["w_feat"]
                       + p["b1"], 0.0)
        return h @ p["w2"] + p["b2"], h

    def step(self, hb: np.ndarray, bb: np.ndarray, x: np.ndarray, hi: np.ndarray,
             bi: np.ndarray, y: np.ndarray, weights: np.ndarray, lr: float, l2: float,
             dropout: float, rng: np.random.Generator, n_extra: int = 0,
             extra_rng: np.random.Generator | None = None) -> float:
        """One Adam step on a batch; its last ``n_extra`` rows (corrections' pairs)
        draw their dropout from ``extra_rng``, so that the others' draws are those of
        a run without them."""
        p = self.p
        hh, bh = hb @ p["w_head"], bb @ p["w_body"]
        pre = hh[hi] + bh[bi] + x @ p["w_feat"] + p["b1"]
        h = np.maximum(pre, 0.0)
        draws = rng.random((len(h) - n_extra, h.shape[1]))
        if n_extra:
            draws = np.vstack([draws, extra_rng.random((n_extra, h.shape[1]))])  # type: ignore[union-attr]
        mask = (draws >= dropout) / (1.0 - dropout)
        hd = h * mask
        z = hd @ p["w2"] + p["b2"]
        z -= z.max(axis=1, keepdims=True)
        prob = np.exp(z)
        prob /= prob.sum(axis=1, keepdims=True)
        w = weights[y]
        loss = float(-(w * np.log(prob[np.arange(len(y)), y] + 1e-9)).sum() / w.sum())
        dz = prob
        dz[np.arange(len(y)), y] -= 1.0
        dz *= (w / w.sum())[:, None]
        g = {"w2": hd.T @ dz, "b2": dz.sum(axis=0)}
        dpre = (dz @ p["w2"].T) * mask * (pre > 0)
        g["b1"] = dpre.sum(axis=0)
        g["w_feat"] = x.T @ dpre
        dhh = np.zeros_like(hh)
        np.add.at(dhh, hi, dpre)
        dbh = np.zeros_like(bh)
        np.add.at(dbh, bi, dpre)
        g["w_head"] = hb.T @ dhh
        g["w_body"] = bb.T @ dbh
        self.t += 1
        for k, grad in g.items():
            if k.startswith("w"):
                grad = grad + l2 * p[k]
            self.m[k] = 0.9 * self.m[k] + 0.1 * grad
            self.v[k] = 0.999 * self.v[k] + 0.001 * grad * grad
            mh = self.m[k] / (1 - 0.9 ** self.t)
            vh = self.v[k] / (1 - 0.999 ** self.t)
            p[k] -= lr * mh / (np.sqrt(vh) + 1e-8)
        return loss


def _fit(data: dict[str, Any], epochs: int, hidden: int, lr: float, l2: float, dropout: float,
         class_weights: np.ndarray, seed: int, check: dict[str, Any] | None = None,
         ) -> tuple[Net, list[tuple[int, np.ndarray]]]:
    net = Net(data["hb"].shape[1], data["bb"].shape[1], data["x"].shape[1], hidden, seed)
    rng = np.random.default_rng(seed + 1)
    extra_rng = np.random.default_rng(seed + 2)
    n_extra = data.get("n_extra", 0)  # the last rows: the corrections' pairs
    n = len(data["y"]) - n_extra
    history = []
    for epoch in range(1, epochs + 1):
        # FNC-1's rows are shuffled, batched and dropped out as without the
        # corrections' rows, which join random batches: a difference between two
        # runs is theirs, not another shuffle's.
        order = rng.permutation(n)
        starts = range(0, n, 256)
        joins = extra_rng.integers(0, len(starts), n_extra) if n_extra else np.zeros(0, int)
        extra = n + extra_rng.permutation(n_extra)
        for k, at in enumerate(starts):
            mine = extra[joins == k]
            b = np.concatenate([order[at:at + 256], mine])
            net.step(data["hb"], data["bb"], data["x"][b], data["hi"][b], data["bi"][b],
                     data["y"][b], class_weights, lr, l2, dropout, rng, len(mine), extra_rng)
        if check is not None:
            z, _ = net.logits(check["hb"], check["bb"], check["x"], check["hi"], check["bi"])
            history.append((epoch, z))
    return net, history


def _objective(gold: list[str], z: np.ndarray, bias: np.ndarray) -> tuple[float, dict[str, Any]]:
    pred = [LABELS[k] for k in (z + bias).argmax(axis=1)]
    m = metrics(gold, pred)
    # Both targets count: the FNC score (of 100) and macro F1 (of 1), equally.
    return m["fnc_score"] / 100.0 + m["macro_f1"], m


def tune_bias(gold: list[str], z: np.ndarray) -> tuple[np.ndarray, float, dict[str, Any]]:
    """Per-label logit offsets (coordinate search) that best serve both targets."""
    bias = np.zeros(len(LABELS))
    best, m = _objective(gold, z, bias)
    for _ in range(2):
        for k in range(3):  # unrelated stays the reference
            for delta in np.arange(-1.5, 1.51, 0.25):
                trial = bias.copy()
                trial[k] = delta
                score, mt = _objective(gold, z, trial)
                if score > best + 1e-9:
                    best, bias, m = score, trial, mt
    return bias, best, m


def train(data_dir: Path, out_dir: Path, hidden: int = 64, epochs: int = 10,
          head_size: int = 1500, body_size: int = 2000, lr: float = 2e-3, l2: float = 1e-5,
          dropout: float = 0.3, disagree_weight: float = 3.0, seed: int = 7,
          corrections: list[tuple[str, str, str]] | None = None, weight: int = 1,
          limit: int | None = None) -> dict[str, Any]:
    """Train on the training articles (never the dev ones), write the model, report.

    ``corrections``: more pairs (claim, article text, label), from an analyst's
    corrections (:mod:`fogwatch.train.claim_corrections`), each added ``weight``
    times to the rows fitted, never to the check part that picks the epoch and
    the offsets; the vocabulary, IDF and feature scaling stay FNC-1's.
    ``limit``: the first N training articles only (by Body ID; for tests).
    """
    started = time.perf_counter()
    bodies, pairs = read_folder(data_dir)
    if limit is not None:
        keep = set(sorted({p.body_id for p in pairs if article_byte(p.body_id) >= DEV_BELOW},
                          key=lambda b: (len(b), b))[:limit])
        pairs = [p for p in pairs if p.body_id in keep]
    train_pairs = [p for p in pairs if article_byte(p.body_id) >= DEV_BELOW]
    train_bodies = {p.body_id: bodies[p.body_id] for p in train_pairs}
    idf, default, head_vocab, body_vocab = build_vocab(train_bodies, train_pairs,
                                                       head_size, body_size)
    shell = cs.StanceModel(
        path=out_dir, idf=idf, default_idf=default,
        head_vocab={s: i for i, s in enumerate(head_vocab)},
        body_vocab={s: i for i, s in enumerate(body_vocab)},
        **{k: np.zeros(1, dtype=np.float32) for k in ("mean", "std", "w_head", "w_body",
                                                       "w_feat", "b1", "w2", "b2", "bias")})
    dense, _, body_index, head_index, hb, bb = pair_features(train_bodies, train_pairs, shell,
                                                             f"train|{head_size}|{body_size}"
                                                             + (f"|{limit}" if limit else ""))
    mean = dense.mean(axis=0)
    std = dense.std(axis=0) + 1e-6
    x = ((dense - mean) / std).astype(np.float64)
    hi, bi, y = _indices(train_pairs, head_index, body_index)
    is_check = np.array([article_byte(p.body_id) < CHECK_BELOW for p in train_pairs])
    weights = np.array([1.5, disagree_weight, 1.0, 1.0])

    def part(mask: np.ndarray) -> dict[str, Any]:
        return {"hb": hb, "bb": bb, "x": x[mask], "hi": hi[mask], "bi": bi[mask], "y": y[mask]}

    extra = corrected_part(corrections, shell, mean, std, weight) if corrections else None
    fit_part, check_part = _joined(part(~is_check), extra), part(is_check)
    _, history = _fit(fit_part, epochs, hidden, lr, l2, dropout, weights, seed, check_part)
    check_gold = [LABELS[k] for k in check_part["y"]]
    scored = [(tune_bias(check_gold, z), epoch) for epoch, z in history]
    (bias, objective, check_metrics), best_epoch = max(scored, key=lambda t: t[0][1])
    net, _ = _fit(_joined(part(np.ones(len(y), dtype=bool)), extra), best_epoch, hidden, lr,
                  l2, dropout, weights, seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    words = sorted(idf)
    f16 = np.float16
    np.savez_compressed(
        out_dir / cs.MODEL_FILE,
        idf_words=np.array(words), idf_values=np.array([idf[w] for w in words], dtype=f16),
        default_idf=np.array(default), head_vocab=np.array(head_vocab),
        body_vocab=np.array(body_vocab), mean=mean.astype(np.float32),
        std=std.astype(np.float32), bias=bias.astype(np.float32),
        **{k: v.astype(f16) for k, v in net.p.items()},
    )
    return {
        "model": str(out_dir / cs.MODEL_FILE),
        "bytes": (out_dir / cs.MODEL_FILE).stat().st_size,
        "train_pairs": len(train_pairs), "check_pairs": int(is_check.sum()),
        "corrected_pairs": len(corrections or []), "corrections_weight": weight,
        "epoch": best_epoch, "bias": [round(float(b), 2) for b in bias],
        "check": {"fnc_score": check_metrics["fnc_score"],
                  "macro_f1": check_metrics["macro_f1"]},
        "seconds": round(time.perf_counter() - started, 1),
    }
