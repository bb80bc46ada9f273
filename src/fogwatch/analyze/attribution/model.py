"""The learned part of attribution: two CRFs over spaCy features.

1. A cue tagger (BIO over each sentence) finds the words that mark an attribution.
2. For each cue, a role tagger labels the tokens of the cue's sentence and its
   neighbours as source (SRC) or content (CON). Where the model has a role
   network (:mod:`fogwatch.analyze.attribution.rolenet`) and the parse carries
   spaCy's token vectors, the network's log-probabilities are added to the
   role CRF's scores before decoding.

Both are CRFsuite models trained on PolNeAR (see ``fogwatch.train.attribution``)
and shipped under ``fogwatch/data/models/attribution``.
"""

from __future__ import annotations

import json
import lzma
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from fogwatch.analyze.attribution.confidence import fingerprint, load_calibration
from fogwatch.analyze.attribution.crf import CRF
from fogwatch.analyze.attribution.encode import FeatureEncoder, token_arrays
from fogwatch.analyze.attribution.features import FEATURE_VERSION
from fogwatch.analyze.attribution.ranker import RANKER_FILE, BoundaryRanker
from fogwatch.analyze.attribution.raw import RawAttribution, TokSpan
from fogwatch.analyze.attribution.raw import tokens_of as tokens_of  # the rules import it from here
from fogwatch.analyze.attribution.rolenet import NET_FILE, TENSOR_WIDTH, Batch, RoleNet

PRIOR_FILE = "cue_prior.json.xz"  # lemma -> how often it is a cue word in train


def bio_spans(labels: list[str], offset: int, role: str) -> list[TokSpan]:
    """Contiguous runs of ``role`` in a BIO label sequence, as token offsets."""
    spans: list[TokSpan] = []
    start: int | None = None
    for k, lab in enumerate(labels + ["O"]):
        tag, _, name = lab.partition("-")
        if start is not None and (name != role or tag == "B"):
            spans.append((offset + start, offset + k))
            start = None
        if name == role and start is None:
            start = k
    return spans


def label_runs(best: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
               labels: Sequence[str], role: str) -> tuple[np.ndarray, np.ndarray]:
    """:func:`bio_spans` over many sequences of label indices at once.

    ``best`` holds the sequences end to end (sequence ``k``: rows ``starts[k]``
    to ``starts[k] + lengths[k]``). Returns the start and end rows of each run.
    """
    begin = labels.index("B-" + role) if "B-" + role in labels else -1
    inner = labels.index("I-" + role) if "I-" + role in labels else -1
    is_role = (best == begin) | (best == inner)
    first = np.zeros(len(best), dtype=bool)
    last = np.zeros(len(best), dtype=bool)
    keep = np.asarray(lengths) > 0
    first[np.asarray(starts)[keep]] = True
    last[(np.asarray(starts) + np.asarray(lengths) - 1)[keep]] = True
    prev_in = np.zeros(len(best), dtype=bool)
    prev_in[1:] = is_role[:-1]
    next_restarts = np.zeros(len(best), dtype=bool)
    next_restarts[:-1] = ~is_role[1:] | (best[1:] == begin)
    opens = is_role & (first | ~prev_in | (best == begin))
    closes = is_role & (last | next_restarts)
    return np.flatnonzero(opens), np.flatnonzero(closes) + 1


def token_vectors(docs: Sequence[Doc]) -> np.ndarray | None:
    """spaCy's token vectors of ``docs`` end to end (float32), or None when a doc
    lacks them (a parse without the tok2vec component, or docs joined without)."""
    parts = []
    for doc in docs:
        tensor = doc.tensor
        if tensor is None or tensor.ndim != 2 or tensor.shape != (len(doc), TENSOR_WIDTH):
            if len(doc) == 0:
                continue
            return None
        parts.append(tensor)
    if not parts:
        return np.zeros((0, TENSOR_WIDTH), dtype=np.float32)
    return np.concatenate(parts).astype(np.float32, copy=False)


def read_crf_bytes(model_dir: Path, name: str) -> bytes:
    """``<name>.crfsuite.xz`` (as shipped: a third of the size) or the raw file."""
    packed = model_dir / f"{name}.crfsuite.xz"
    if packed.exists():
        return lzma.decompress(packed.read_bytes())
    return (model_dir / f"{name}.crfsuite").read_bytes()


def default_model_dir() -> Path:
    return Path(str(resources.files("fogwatch") / "data" / "models" / "attribution"))


class AttributionModel:
    """Loaded cue and role taggers, with the metadata they were trained with.

    Tagging runs on :class:`~fogwatch.analyze.attribution.crf.CRF` (numpy Viterbi over
    the CRFsuite model, same labels as CRFsuite) with attribute ids from
    :mod:`~fogwatch.analyze.attribution.encode`; ``cue_tagger`` and ``role_tagger``
    open the same models in CRFsuite for comparison.
    """

    def __init__(self, model_dir: Path | None = None) -> None:
        self.dir = Path(model_dir) if model_dir else default_model_dir()
        meta_path = self.dir / "meta.json"
        if not meta_path.exists():
            raise FileNotFoundError(
                f"attribution model missing at {self.dir}; train one with "
                "'fogwatch train attribution'"
            )
        self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
        if self.meta.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"attribution model at {self.dir} was trained with feature version "
                f"{self.meta.get('feature_version')}, code has {FEATURE_VERSION}: retrain it"
            )
        self._bytes = {name: read_crf_bytes(self.dir, name) for name in ("cue", "role")}
        self.cue_crf = CRF(self._bytes["cue"])
        self.role_crf = CRF(self._bytes["role"])
        prior_path = self.dir / PRIOR_FILE
        if not prior_path.exists():
            raise FileNotFoundError(f"attribution model at {self.dir} has no {PRIOR_FILE}: "
                                    "retrain it with 'fogwatch train attribution'")
        with lzma.open(prior_path, "rt", encoding="utf-8") as fh:
            self.cue_prior: dict[str, str] = json.load(fh)
        self.encoder = FeatureEncoder(self.cue_crf, self.role_crf, self.cue_prior)
        self._taggers: dict[str, pycrfsuite.Tagger] = {}
        # content boundaries learned on top of the taggers (absent in older models)
        ranker_path = self.dir / RANKER_FILE
        self.ranker = BoundaryRanker.load(ranker_path) if ranker_path.exists() else None
        # the mapping of the taggers' probabilities to a confidence (attrib.confidence)
        self.taggers = fingerprint(self._bytes["cue"], self._bytes["role"])
        self.calibration = load_calibration(self.dir, self.taggers)
        net_path = self.dir / NET_FILE
        self.net = RoleNet.load(net_path) if net_path.exists() else None
        if self.net is not None and (self.net.n_attr != self.role_crf.state.shape[0]
                                     or self.net.labels != self.role_crf.labels):
            raise ValueError(f"role network at {net_path} does not match the role tagger "
                             "beside it: retrain the model")

    def _tagger(self, name: str) -> pycrfsuite.Tagger:
        if name not in self._taggers:
            tagger = pycrfsuite.Tagger()
            tagger.open_inmemory(self._bytes[name])  # the bytes stay alive in self._bytes
            self._taggers[name] = tagger
        return self._taggers[name]

    @property
    def cue_tagger(self) -> pycrfsuite.Tagger:
        return self._tagger("cue")

    @property
    def role_tagger(self) -> pycrfsuite.Tagger:
        return self._tagger("role")

    def predict(self, doc: Doc) -> list[RawAttribution]:
        return self.predict_many([doc])[0]

    def predict_many(self, docs: Sequence[Doc]) -> list[list[RawAttribution]]:
        """Cues, then each cue's source and content, for several docs at once."""
        out: list[list[RawAttribution]] = [[] for _ in docs]
        t = token_arrays(docs)
        if t.n == 0:
            return out
        # cue tagger: every sentence of every doc is one sequence
        first = np.flatnonzero(t.sent_lo == np.arange(t.n))
        lengths = t.sent_hi[first] - first
        cue_crf = self.cue_crf
        cue_scores = cue_crf.scores(self.encoder.cue_ids(t))
        best = cue_crf.decode(cue_scores, first, lengths)
        cues: list[tuple[int, int]] = []  # global token spans
        owner: list[int] = []  # doc of each cue
        for a, b in zip(*label_runs(best, first, lengths, cue_crf.labels, "CUE"), strict=True):
            cues.append((a, b))
            owner.append(int(t.doc_id[a]))
        if not cues:
            return out
        # the probability of each cue's labels, from the sentences that have a cue
        with_cue = np.unique(t.sent_lo[[a for a, _ in cues]])
        cue_marg = cue_crf.marginals(cue_scores, with_cue, t.sent_hi[with_cue] - with_cue)
        picked = cue_marg[np.arange(len(best)), best]
        # role tagger: each cue's window is one sequence
        rows = self.encoder.role_ids(t, cues)
        role_crf = self.role_crf
        start = role_crf.scores(rows.prefix)[rows.tokens]
        scores = role_crf.scores(rows.ids[:, rows.prefix.shape[1]:], start=start)
        sizes = np.array([e - s for s, e in rows.windows], dtype=np.intp)
        tensor = token_vectors(docs) if self.net is not None and self.net.weight else None
        if self.net is not None and tensor is not None:
            lp = self.net.log_probs(Batch(rows.row_ids(), rows.tokens, tensor, rows.roots,
                                          rows.starts, sizes))
            scores = scores + self.net.weight * lp
        best = role_crf.decode(scores, rows.starts, sizes)
        role_marg = role_crf.marginals(scores, rows.starts, sizes)
        found: dict[str, list[list[TokSpan]]] = {}
        for role in ("SRC", "CON"):
            lo, hi = label_runs(best, rows.starts, sizes, role_crf.labels, role)
            # rows -> (window, token): runs never cross a window's end
            which = np.searchsorted(rows.starts, lo, side="right") - 1
            per: list[list[TokSpan]] = [[] for _ in cues]
            for w, a, b in zip(which.tolist(), lo.tolist(), hi.tolist(), strict=True):
                shift = rows.windows[w][0] - int(rows.starts[w])
                per[w].append((a + shift, b + shift))
            found[role] = per
        in_content = role_marg[:, _label_ids(role_crf.labels, "CON")].sum(axis=1)
        for k, ((cs, ce), d) in enumerate(zip(cues, owner, strict=True)):
            base = t.offsets[d]
            shift = rows.windows[k][0] - int(rows.starts[k])
            out[d].append(RawAttribution(
                cue=(cs - base, ce - base),
                source=[(a - base, b - base) for a, b in found["SRC"][k]],
                content=[(a - base, b - base) for a, b in found["CON"][k]],
                evidence=_evidence(picked[cs:ce], in_content, found["CON"][k], shift,
                                   int(rows.starts[k]), int(sizes[k]), bool(found["SRC"][k])),
            ))
        return out


def _label_ids(labels: Sequence[str], role: str) -> list[int]:
    return [i for i, name in enumerate(labels) if name.partition("-")[2] == role]


def _evidence(cue: np.ndarray, in_content: np.ndarray, content: list[TokSpan], shift: int,
              start: int, size: int, source: bool) -> dict[str, float]:
    """What the taggers' probabilities say of one attribution: ``cue``, the least
    probability of a cue word's label; ``content``, the mean probability that the
    content words are content; ``edge``, the mean probability that the words just
    outside the content are not (1 where the window ends); ``source``: whether the
    role tagger found one. ``content`` and ``edge`` are 0 without content."""
    rows = [r - shift for a, b in content for r in range(a, b)]
    inside = set(rows)
    outside = [r for a, b in content for r in (a - shift - 1, b - shift)
               if start <= r < start + size and r not in inside]
    return {
        "cue": float(cue.min()) if len(cue) else 0.0,
        "content": float(in_content[rows].mean()) if rows else 0.0,
        "edge": float(1.0 - in_content[outside].mean()) if outside else (1.0 if rows else 0.0),
        "source": 1.0 if source else 0.0,
    }


@lru_cache(maxsize=2)
def load_model(model_dir: str | None = None) -> AttributionModel:
    """The shipped (or given) model, loaded once per process."""
    return AttributionModel(Path(model_dir) if model_dir else None)
