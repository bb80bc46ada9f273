"""A small recurrent network that reads each cue's window beside the role CRF.

The role CRF (:mod:`fogwatch.analyze.attribution.model`) scores every token of a
cue's window from sparse features: the word, its tags, its dependency path to
the cue. It sees one token either side. Where a content piece ends often
depends on words further off ("... said on Tuesday, adding that ..."), and on
what spaCy's own encoder already knows about the token's context. This network
adds both:

1. each row (a token of a cue's window) is the sum of learned vectors of the
   role CRF's own attribute ids for that row, plus projections of spaCy's
   token vector (``doc.tensor``, 96 wide, computed by the parse anyway) for the
   token and for the cue's root;
2. a bidirectional LSTM runs over the window;
3. a linear layer gives a log-probability per role label (the CRF's labels);
   the shipped model has two such networks, trained alike from different
   random seeds, and averages them.

Its log-probabilities, times a weight chosen on dev, are added to the CRF's
state scores before Viterbi decoding: the CRF keeps its transition constraints
and the network moves its choices where context says so.

Everything here is numpy. Windows are processed as a packed batch: sorted by
length, so that at step ``t`` only the windows longer than ``t`` are computed.
Training (:mod:`fogwatch.train.rolenet`) builds the same network from thinc's
layers and reads its weights into this layout (:data:`Params`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

NET_FILE = "role_net.npz"
NET_VERSION = 3  # 2: attribute vectors as int8 with a scale each; 3: members
TENSOR_WIDTH = 96  # en_core_web_sm's tok2vec output

Params = dict[str, np.ndarray]


def param_shapes(n_attr: int, dim: int, hidden: int, labels: int) -> dict[str, tuple[int, ...]]:
    """Shapes of the parameters. ``hidden`` is even: half of it runs each way."""
    half = hidden // 2
    shapes: dict[str, tuple[int, ...]] = {
        "emb": (n_attr, dim),  # last row: unknown attributes and padding, kept at zero
        "w_in": (dim, hidden), "b_in": (hidden,),
        "w_tok": (TENSOR_WIDTH, hidden), "w_root": (TENSOR_WIDTH, hidden),
        "w_out": (hidden, labels), "b_out": (labels,),
    }
    for d in ("f", "b"):  # forward and backward directions; gates i, f, g, o
        shapes[f"{d}_wx"] = (hidden, 4 * half)
        shapes[f"{d}_wh"] = (half, 4 * half)
        shapes[f"{d}_b"] = (4 * half,)
    return shapes


def init_params(n_attr: int, dim: int, hidden: int, labels: int, seed: int = 0) -> Params:
    rng = np.random.default_rng(seed)
    out: Params = {}
    for name, shape in param_shapes(n_attr, dim, hidden, labels).items():
        if name.startswith("b") or name.endswith("_b"):
            out[name] = np.zeros(shape, dtype=np.float32)
        else:
            scale = 0.1 if name == "emb" else 1.0 / np.sqrt(shape[0])
            out[name] = rng.uniform(-scale, scale, size=shape).astype(np.float32)
    out["emb"][-1] = 0.0
    half = hidden // 2
    for d in ("f", "b"):
        out[f"{d}_b"][half:2 * half] = 1.0  # forget gates start open
    return out


@dataclass(slots=True)
class Batch:
    """Rows of many cue windows, one window after another.

    ``ids``: the role CRF's attribute ids of each row (``(n, k)``, the model's
    padding id where a row lacks a feature); ``tokens``: each row's token in
    ``tensor``; ``roots``: each window's cue root in ``tensor``; ``starts`` and
    ``sizes``: where each window's rows are.
    """

    ids: np.ndarray
    tokens: np.ndarray
    tensor: np.ndarray
    roots: np.ndarray
    starts: np.ndarray
    sizes: np.ndarray


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)


@dataclass(slots=True)
class Packing:
    """The steps of a packed batch: rows computed at each step, per direction.

    Windows are sorted by length (longest first); at step ``t`` the first
    ``active[t]`` of them are still running. ``rows[d][t]`` are the rows read
    at step ``t`` in direction ``d`` (0 forward: the ``t``-th row of each
    window; 1 backward: the ``t``-th from its end).
    """

    active: list[int]
    rows: tuple[list[np.ndarray], list[np.ndarray]]

    @classmethod
    def of(cls, starts: np.ndarray, sizes: np.ndarray) -> Packing:
        order = np.argsort(-sizes, kind="stable")
        s = starts[order].astype(np.int64)
        z = sizes[order].astype(np.int64)
        steps = int(z[0]) if len(z) else 0
        active = [int(np.count_nonzero(z > t)) for t in range(steps)]
        fwd = [s[:k] + t for t, k in enumerate(active)]
        bwd = [s[:k] + z[:k] - 1 - t for t, k in enumerate(active)]
        return cls(active, (fwd, bwd))


def lstm(gates_x: np.ndarray, wh: np.ndarray, rows: list[np.ndarray], active: list[int]
         ) -> np.ndarray:
    """One direction of a packed LSTM. ``gates_x``: the input part of the gates for
    every row (``(n, 4h)``, gates input, forget, cell, output). Returns the hidden
    state of every row."""
    n = gates_x.shape[0]
    half = wh.shape[0]
    out = np.zeros((n, half), dtype=np.float32)
    h = np.zeros((active[0] if active else 0, half), dtype=np.float32)
    c = np.zeros_like(h)
    for k, r in zip(active, rows, strict=True):
        g = gates_x[r] + h[:k] @ wh
        i = _sigmoid(g[:, :half])
        f = _sigmoid(g[:, half:2 * half])
        u = np.tanh(g[:, 2 * half:3 * half])
        o = _sigmoid(g[:, 3 * half:])
        c = f * c[:k] + i * u
        h = o * np.tanh(c)
        out[r] = h
    return out


def forward(params: Params, batch: Batch) -> np.ndarray:
    """Logits ``(n_rows, labels)`` of every row of ``batch``."""
    emb = params["emb"]
    # column by column: gathering every id's vector at once takes n x k x dim floats
    summed = emb[batch.ids[:, 0]]
    for j in range(1, batch.ids.shape[1]):
        summed += emb[batch.ids[:, j]]
    tensor = batch.tensor
    root_part = tensor[batch.roots] @ params["w_root"]  # one per window
    window_of = np.repeat(np.arange(len(batch.sizes)), batch.sizes)
    pre = (summed @ params["w_in"] + params["b_in"] + tensor[batch.tokens] @ params["w_tok"]
           + root_part[window_of])
    hid = np.maximum(pre, 0.0)
    pack = Packing.of(batch.starts, batch.sizes)
    outs = [lstm(hid @ params[f"{d}_wx"] + params[f"{d}_b"], params[f"{d}_wh"], pack.rows[k],
                 pack.active) for k, d in enumerate(("f", "b"))]
    top = hid + np.concatenate(outs, axis=1)
    return top @ params["w_out"] + params["b_out"]  # type: ignore[no-any-return]


def log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class RoleNet:
    """Trained networks (members that differ only in their random seed) and the
    label order of their outputs. Their log-probabilities are averaged: two
    members gave content +0.01 exact F1 on PolNeAR dev over one."""

    def __init__(self, members: list[Params], labels: list[str], weight: float) -> None:
        if not members:
            raise ValueError("a role network needs at least one member")
        self.members = members
        self.labels = labels
        self.weight = weight  # times the log-probabilities, added to the CRF's scores

    @property
    def n_attr(self) -> int:
        return int(self.members[0]["emb"].shape[0])

    def log_probs(self, batch: Batch) -> np.ndarray:
        if len(batch.ids) == 0:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        total = log_softmax(forward(self.members[0], batch))
        for params in self.members[1:]:
            total += log_softmax(forward(params, batch))
        return total / len(self.members)

    def save(self, path: Path) -> None:
        """Weights as float16; the attribute vectors (most of the file) as int8 with
        a scale per vector (dev F1 unchanged to four decimals)."""
        meta = np.array([NET_VERSION, self.weight, len(self.members)], dtype=np.float64)
        arrays: dict[str, np.ndarray] = {}
        for m, params in enumerate(self.members):
            emb = params["emb"]
            scale = np.abs(emb).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            arrays[f"{m}.emb_q"] = np.round(emb / scale[:, None]).astype(np.int8)
            arrays[f"{m}.emb_scale"] = scale.astype(np.float32)
            arrays.update({f"{m}.{k}": v.astype(np.float16)
                           for k, v in params.items() if k != "emb"})
        np.savez_compressed(path, meta=meta, labels=np.array(self.labels), **arrays)

    @classmethod
    def load(cls, path: Path) -> RoleNet:
        with np.load(path, allow_pickle=False) as z:
            meta = z["meta"].tolist()
            if int(meta[0]) != NET_VERSION:
                raise ValueError(f"role network at {path} has version {int(meta[0])}, "
                                 f"code reads {NET_VERSION}: retrain it")
            labels = [str(x) for x in z["labels"].tolist()]
            members: list[Params] = []
            for m in range(int(meta[2])):
                params = {k.split(".", 1)[1]: z[k].astype(np.float32) for k in z.files
                          if k.startswith(f"{m}.") and not k.split(".", 1)[1].startswith("emb_")}
                params["emb"] = z[f"{m}.emb_q"].astype(np.float32) * z[f"{m}.emb_scale"][:, None]
                members.append(params)
        return cls(members, labels, float(meta[1]))
