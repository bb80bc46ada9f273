"""How sure the attribution stage is of one attribution: a probability, 0 to 1.

Nothing new is predicted here. The taggers' own probabilities (forward-backward
marginals of the cue and role CRFs, :meth:`~fogwatch.analyze.attribution.crf.CRF.marginals`,
kept as :attr:`RawAttribution.evidence`) and, for an attribution a rule added,
which rule it was, are mapped to the share of such attributions that match a
gold one, by a logistic regression fitted on PolNeAR's train split
(``benchmarks/attribution_confidence.py --write``) and kept beside the taggers
as ``confidence.json``. A model folder without that file, or with one fitted on
other taggers (a model trained again), gives no confidence (None), and the
attributions themselves never depend on it.

What "match" means is the file's ``target``: ``overlap`` (the evaluator's
partial attribution match: the cue, source and content each overlap the gold
ones) unless it says otherwise.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fogwatch.analyze.attribution.raw import RawAttribution

log = logging.getLogger(__name__)

CONFIDENCE_FILE = "confidence.json"
CONFIDENCE_VERSION = 1
EPS = 1e-4  # probabilities are kept this far from 0 and 1 before their logit


def _logit(p: float) -> float:
    p = min(1.0 - EPS, max(EPS, p))
    return math.log(p / (1.0 - p))


def features(raw: RawAttribution) -> dict[str, float]:
    """The named inputs of the mapping for one attribution (absent ones are 0)."""
    if raw.evidence is None:  # a rule's: only which rule
        return {f"rule:{raw.origin}": 1.0}
    ev = raw.evidence
    return {"model": 1.0, "cue": _logit(ev.get("cue", 0.0)),
            "content": _logit(ev.get("content", 0.0)), "edge": _logit(ev.get("edge", 0.0)),
            "source": ev.get("source", 0.0)}


@dataclass(slots=True)
class Calibration:
    """A logistic mapping from :func:`features` to a probability."""

    names: list[str]
    weights: list[float]
    intercept: float
    target: str = "overlap"
    note: str = ""
    taggers: str = ""  # fingerprint of the taggers it was fitted on (:func:`fingerprint`)

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.intercept + sum(w * feats.get(n, 0.0)
                                 for n, w in zip(self.names, self.weights, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def confidence(self, raw: RawAttribution) -> float:
        """The probability, rounded to three places (what the record keeps)."""
        return round(self.probability(features(raw)), 3)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps({
            "version": CONFIDENCE_VERSION, "target": self.target, "note": self.note,
            "taggers": self.taggers,
            "intercept": self.intercept, "weights": dict(zip(self.names, self.weights,
                                                            strict=True)),
        }, indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Calibration:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CONFIDENCE_VERSION:
            raise ValueError(f"{path}: confidence mapping version {data.get('version')}, "
                             f"code reads {CONFIDENCE_VERSION}")
        weights = data["weights"]
        return cls(list(weights), [float(w) for w in weights.values()],
                   float(data["intercept"]), data.get("target", "overlap"),
                   data.get("note", ""), data.get("taggers", ""))


def fit(rows: Sequence[Mapping[str, float]], matched: Sequence[bool], l2: float = 1.0,
        iterations: int = 50, target: str = "overlap", note: str = "") -> Calibration:
    """An L2-penalised logistic regression (Newton's method) of ``matched`` on
    ``rows`` of :func:`features`; the intercept is not penalised, so a rule seen
    rarely is pulled toward the average, not toward 0.5."""
    names = sorted({n for r in rows for n in r})
    x = np.array([[r.get(n, 0.0) for n in names] for r in rows], dtype=np.float64)
    x = np.hstack([np.ones((len(rows), 1)), x])
    y = np.asarray(matched, dtype=np.float64)
    w = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return Calibration(names, [round(float(v), 6) for v in w[1:]], round(float(w[0]), 6),
                       target, note)


def fingerprint(*models: bytes) -> str:
    """What identifies the taggers a mapping was fitted on: a hash of their files."""
    digest = hashlib.sha256()
    for data in models:
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:16]


def load_calibration(model_dir: Path, taggers: str | None = None) -> Calibration | None:
    """The mapping beside the taggers in ``model_dir``; None without one, or (given
    the taggers' ``fingerprint``) when it was fitted on other taggers: a model
    trained again gives no confidence until its mapping is fitted again."""
    path = Path(model_dir) / CONFIDENCE_FILE
    if not path.exists():
        return None
    found = Calibration.load(path)
    if taggers is not None and found.taggers != taggers:
        log.warning("%s was fitted on other taggers than those beside it; attributions "
                    "get no confidence until it is fitted again "
                    "(benchmarks/attribution_confidence.py --write)", path)
        return None
    return found
