"""Train the role network (:mod:`fogwatch.analyze.attribution.rolenet`) with thinc.

The network is built from thinc's layers: the first (the sum of each row's
attribute vectors beside spaCy's token vectors, :func:`attribute_rows`) is
written here; then ``Relu``, a residual bidirectional ``LSTM`` (through
``with_padded``) behind ``Dropout``, and ``Softmax``, trained with thinc's
``Adam`` on the mean cross-entropy of each row's gold role label.

The stage does not run thinc: :func:`to_params` reads the trained weights into
the numpy layout of :func:`~fogwatch.analyze.attribution.rolenet.forward`,
which gives the same outputs (``tests/analyze/test_rolenet.py``) and tags
faster than thinc's own forward pass on one core (docs/attribution.md). Runs
are reproducible: the seed fixes the initial weights, the batch order and the
dropout masks.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from thinc.api import (
    LSTM,
    Adam,
    Dropout,
    Model,
    Ragged,
    Relu,
    Softmax,
    chain,
    fix_random_seed,
    residual,
    with_array,
    with_padded,
)

from fogwatch.analyze.attribution.rolenet import TENSOR_WIDTH, Batch, Params

EMBED_SCALE = 0.1  # attribute vectors start uniform in [-0.1, 0.1]


def sub_batch(batch: Batch, windows: np.ndarray) -> tuple[Batch, np.ndarray]:
    """The rows of some windows as a batch of their own, and where they came from."""
    sizes = batch.sizes[windows]
    rows = np.concatenate([np.arange(batch.starts[w], batch.starts[w] + batch.sizes[w])
                           for w in windows.tolist()]) if len(windows) else np.zeros(0, np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return Batch(batch.ids[rows], batch.tokens[rows], batch.tensor, batch.roots[windows],
                 starts, sizes), rows


def attribute_rows(n_attr: int, dim: int, dropout: float) -> Model[Batch, Ragged]:
    """Per row: the sum of the vectors of its attribute ids (dropped out while
    training), then spaCy's vector of its token and of its window's cue root.
    The windows come out as the sequences of a Ragged. The last attribute id is
    padding: its vector stays zero."""
    return Model("attribute_rows", _rows_forward, init=_rows_init,
                 dims={"nV": n_attr, "nE": dim, "nO": dim + 2 * TENSOR_WIDTH},
                 params={"E": None}, attrs={"dropout": dropout})


def _rows_init(model: Model, X: Batch | None = None, Y: Ragged | None = None) -> None:
    shape = (model.get_dim("nV"), model.get_dim("nE"))
    emb = model.ops.xp.random.uniform(-EMBED_SCALE, EMBED_SCALE, shape).astype("f")
    emb[-1] = 0.0
    model.set_param("E", emb)


def _rows_forward(model: Model, batch: Batch, is_train: bool
                  ) -> tuple[Ragged, Callable[[Ragged], Batch]]:
    emb = model.get_param("E")
    sizes = np.asarray(batch.sizes, dtype=np.int64)
    if not np.array_equal(batch.starts, np.concatenate([[0], np.cumsum(sizes)[:-1]])):
        raise ValueError("the windows' rows must lie one after another")
    ids = batch.ids
    summed = emb[ids[:, 0]]
    for j in range(1, ids.shape[1]):
        summed += emb[ids[:, j]]
    rate = model.attrs["dropout"]
    mask = model.ops.get_dropout_mask(summed.shape, rate) if is_train and rate else None
    if mask is not None:
        summed *= mask
    window_of = np.repeat(np.arange(len(sizes)), sizes)
    tensor = batch.tensor
    out = np.hstack([summed, tensor[batch.tokens], tensor[batch.roots][window_of]])
    dim = emb.shape[1]

    def backprop(d_out: Ragged) -> Batch:
        d_summed = d_out.data[:, :dim]  # type: ignore[call-overload]
        if mask is not None:
            d_summed = d_summed * mask
        # each row's vector is the sum of its ids' vectors: gather the gradient per id
        k = ids.shape[1]
        flat = ids.reshape(-1)
        order = np.argsort(flat, kind="stable")
        uniq, first = np.unique(flat[order], return_index=True)
        d_emb = np.zeros_like(emb)
        d_emb[uniq] = np.add.reduceat(d_summed[order // k], first, axis=0)
        d_emb[-1] = 0.0
        model.inc_grad("E", d_emb)
        return batch

    return Ragged(out.astype(np.float32, copy=False), sizes.astype(np.int32)), backprop


def build_network(n_attr: int, labels: int, *, dim: int = 64, hidden: int = 128,
                  dropout: float = 0.2) -> Model[Batch, Ragged]:
    """The role network as thinc layers; ``hidden`` is even (half runs each way)."""
    return chain(
        attribute_rows(n_attr, dim, dropout),
        with_array(Relu(hidden, dim + 2 * TENSOR_WIDTH)),
        residual(chain(with_array(Dropout(dropout)),
                       with_padded(LSTM(hidden, hidden, bi=True)))),
        with_array(Softmax(labels, hidden)),
    )


def _layer(model: Model, name: str) -> Model:
    return next(node for node in model.walk() if node.name == name)


def _gates(w: np.ndarray) -> np.ndarray:
    """thinc's gate blocks (forget, input, output, cell) in rolenet's order (input,
    forget, cell, output), as columns."""
    f, i, o, c = np.split(w, 4, axis=0)
    return np.concatenate([i, f, c, o], axis=0).T


def to_params(model: Model) -> Params:
    """The weights of a network built by :func:`build_network`, in the layout of
    :func:`~fogwatch.analyze.attribution.rolenet.forward`."""
    emb = np.asarray(_layer(model, "attribute_rows").get_param("E"), dtype=np.float32)
    dim = emb.shape[1]
    relu = _layer(model, "relu")
    w = np.asarray(relu.get_param("W"), dtype=np.float32)  # (hidden, inputs)
    lstm = _layer(model, "lstm")
    if lstm.get_dim("depth") != 1 or lstm.get_dim("dirs") != 2:
        raise ValueError("the role network's LSTM has one bidirectional layer")
    hc0 = np.asarray(lstm.get_param("HC0"))
    if hc0.any():
        raise ValueError("the role network's LSTM starts from zero states")
    flat = np.asarray(lstm.get_param("LSTM"), dtype=np.float32)
    hidden = w.shape[0]
    half = hidden // 2
    params: Params = {
        "emb": emb,
        "w_in": w[:, :dim].T.copy(), "b_in": np.asarray(relu.get_param("b"), np.float32),
        "w_tok": w[:, dim:dim + TENSOR_WIDTH].T.copy(),
        "w_root": w[:, dim + TENSOR_WIDTH:].T.copy(),
    }
    at = 0
    for d in ("f", "b"):  # thinc's layout per direction: Wx, bx, Wh, bh
        parts = []
        for shape in ((4 * half, hidden), (4 * half,), (4 * half, half), (4 * half,)):
            size = int(np.prod(shape))
            parts.append(flat[at:at + size].reshape(shape))
            at += size
        wx, bx, wh, bh = parts
        params[f"{d}_wx"] = _gates(wx)
        params[f"{d}_wh"] = _gates(wh)
        params[f"{d}_b"] = _gates((bx + bh)[:, None])[0]
    assert at == flat.size
    softmax = _layer(model, "softmax")
    params["w_out"] = np.asarray(softmax.get_param("W"), np.float32).T.copy()
    params["b_out"] = np.asarray(softmax.get_param("b"), np.float32)
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in params.items()}


def train_network(
    batch: Batch, gold: np.ndarray, n_attr: int, labels: int, *, dim: int = 64,
    hidden: int = 128, epochs: int = 6, batch_windows: int = 32, lr: float = 2e-3,
    dropout: float = 0.2, seed: int = 0,
    on_epoch: Callable[[int, float], None] | None = None,
) -> Params:
    """Parameters fitted to ``gold`` (a label index per row of ``batch``)."""
    fix_random_seed(seed)
    rng = np.random.default_rng(seed)
    model = build_network(n_attr, labels, dim=dim, hidden=hidden, dropout=dropout)
    model.initialize()
    opt = Adam(lr, L2=0.0, grad_clip=0.0, use_averages=False)
    n_windows = len(batch.sizes)
    for epoch in range(epochs):
        order = rng.permutation(n_windows)
        total = 0.0
        steps = 0
        for k in range(0, n_windows, batch_windows):
            part, rows = sub_batch(batch, order[k:k + batch_windows])
            probs, backprop = model.begin_update(part)
            truth = gold[rows]
            n = len(truth)
            picked = probs.data[np.arange(n), truth]  # type: ignore[call-overload]
            total += float(-np.log(np.maximum(picked, 1e-12)).mean())
            d_probs = np.array(probs.data, dtype=np.float32)  # softmax + cross-entropy
            d_probs[np.arange(n), truth] -= 1.0
            d_probs /= n
            backprop(Ragged(d_probs, probs.lengths))
            model.finish_update(opt)
            steps += 1
        if on_epoch is not None:
            on_epoch(epoch, total / max(steps, 1))
    return to_params(model)
