"""Train the role network (:mod:`fogwatch.analyze.attribution.rolenet`) with numpy.

Back-propagation through :func:`~fogwatch.analyze.attribution.rolenet.forward`
(summed attribute vectors, ReLU layer, packed bidirectional LSTM, linear
output), with Adam: dense for the small matrices, lazy (only the rows a batch
touches) for the attribute vectors. The loss is the mean cross-entropy of the
gold role label of every row. Runs are reproducible: the seed fixes the
initial weights, the batch order and the dropout masks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from fogwatch.analyze.attribution.rolenet import Batch, Params, forward, init_params, log_softmax


def sub_batch(batch: Batch, windows: np.ndarray) -> tuple[Batch, np.ndarray]:
    """The rows of some windows as a batch of their own, and where they came from."""
    sizes = batch.sizes[windows]
    rows = np.concatenate([np.arange(batch.starts[w], batch.starts[w] + batch.sizes[w])
                           for w in windows.tolist()]) if len(windows) else np.zeros(0, np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    return Batch(batch.ids[rows], batch.tokens[rows], batch.tensor, batch.roots[windows],
                 starts, sizes), rows


def _lstm_backward(d_out: np.ndarray, wh: np.ndarray, pack_rows: list[np.ndarray],
                   active: list[int], cache: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """Gradients of one packed LSTM direction: of the input gates of every row,
    and of the recurrent matrix."""
    n = d_out.shape[0]
    half = wh.shape[0]
    d_gates = np.zeros((n, 4 * half), dtype=np.float32)
    d_wh = np.zeros_like(wh)
    dh_next = np.zeros((0, half), dtype=np.float32)
    dc_next = np.zeros((0, half), dtype=np.float32)
    for t in range(len(active) - 1, -1, -1):
        k, r = active[t], pack_rows[t]
        h_prev, c_prev, i, f, u, o, tc = cache[t]
        dh = d_out[r].copy()
        dc = np.zeros((k, half), dtype=np.float32)
        m = dh_next.shape[0]
        dh[:m] += dh_next
        dc[:m] += dc_next
        do = dh * tc
        dc += dh * o * (1.0 - tc * tc)
        dg = np.concatenate([
            dc * u * i * (1.0 - i),
            dc * c_prev * f * (1.0 - f),
            dc * i * (1.0 - u * u),
            do * o * (1.0 - o),
        ], axis=1)
        d_gates[r] = dg
        d_wh += h_prev.T @ dg
        dh_next = dg @ wh.T
        dc_next = dc * f
    return d_gates, d_wh


def loss_and_grads(params: Params, batch: Batch, gold: np.ndarray, dropout: float = 0.0,
                   rng: np.random.Generator | None = None
                   ) -> tuple[float, Params, np.ndarray]:
    """Mean cross-entropy of ``gold`` (a label index per row) and its gradients.

    The attribute vectors' gradient comes back for the distinct ids only: the
    third value lists them, ``grads["emb"]`` holds one row per id.
    """
    logits, cache = forward(params, batch, keep=True, dropout=dropout, rng=rng)
    assert cache is not None
    n = len(gold)
    lp = log_softmax(logits)
    loss = float(-lp[np.arange(n), gold].mean())
    d_logits = np.exp(lp)
    d_logits[np.arange(n), gold] -= 1.0
    d_logits /= n
    g: Params = {}
    top = cache["top"]
    g["w_out"] = top.T @ d_logits
    g["b_out"] = d_logits.sum(axis=0)
    d_top = d_logits @ params["w_out"].T
    half = params["f_wh"].shape[0]
    d_lstm_in = np.zeros_like(cache["lstm_in"])
    pack = cache["pack"]
    for d, prefix in enumerate(("f", "b")):
        d_gx, g[f"{prefix}_wh"] = _lstm_backward(
            np.ascontiguousarray(d_top[:, d * half:(d + 1) * half]), params[f"{prefix}_wh"],
            pack.rows[d], pack.active, cache["lstm"][d])
        g[f"{prefix}_wx"] = cache["lstm_in"].T @ d_gx
        g[f"{prefix}_b"] = d_gx.sum(axis=0)
        d_lstm_in += d_gx @ params[f"{prefix}_wx"].T
    if cache["drop_h"] is not None:
        d_lstm_in *= cache["drop_h"]
    d_pre = (d_top + d_lstm_in) * (cache["pre"] > 0)
    g["w_in"] = cache["summed"].T @ d_pre
    g["b_in"] = d_pre.sum(axis=0)
    g["w_tok"] = batch.tensor[batch.tokens].T @ d_pre
    per_window = np.add.reduceat(d_pre, batch.starts, axis=0)
    g["w_root"] = batch.tensor[batch.roots].T @ per_window
    d_summed = d_pre @ params["w_in"].T
    if cache["drop_e"] is not None:
        d_summed *= cache["drop_e"]
    # each row's vector is the sum of its ids' vectors: scatter back per id
    k = batch.ids.shape[1]
    flat = batch.ids.reshape(-1)
    order = np.argsort(flat, kind="stable")
    ids, first = np.unique(flat[order], return_index=True)
    g["emb"] = np.add.reduceat(d_summed[order // k], first, axis=0)
    pad = params["emb"].shape[0] - 1
    g["emb"][ids == pad] = 0.0
    return loss, g, ids


class Adam:
    """Adam; the attribute vectors are updated only where a batch has gradient."""

    def __init__(self, params: Params, lr: float, b1: float = 0.9, b2: float = 0.999,
                 eps: float = 1e-8) -> None:
        self.lr, self.b1, self.b2, self.eps = lr, b1, b2, eps
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}
        self.t = 0
        self.rows_t = np.zeros(params["emb"].shape[0], dtype=np.int64)  # steps per row

    def step(self, params: Params, grads: Params, emb_ids: np.ndarray) -> None:
        self.t += 1
        for name, grad in grads.items():
            if name == "emb":
                self._sparse(params, grad, emb_ids)
                continue
            m, v = self.m[name], self.v[name]
            m *= self.b1
            m += (1 - self.b1) * grad
            v *= self.b2
            v += (1 - self.b2) * grad * grad
            mh = m / (1 - self.b1 ** self.t)
            vh = v / (1 - self.b2 ** self.t)
            params[name] -= self.lr * mh / (np.sqrt(vh) + self.eps)

    def _sparse(self, params: Params, grad: np.ndarray, ids: np.ndarray) -> None:
        self.rows_t[ids] += 1
        t = self.rows_t[ids][:, None]
        m = self.m["emb"][ids] * self.b1 + (1 - self.b1) * grad
        v = self.v["emb"][ids] * self.b2 + (1 - self.b2) * grad * grad
        self.m["emb"][ids] = m
        self.v["emb"][ids] = v
        mh = m / (1 - self.b1 ** t)
        vh = v / (1 - self.b2 ** t)
        params["emb"][ids] -= (self.lr * mh / (np.sqrt(vh) + self.eps)).astype(np.float32)
        params["emb"][-1] = 0.0


def train_network(
    batch: Batch, gold: np.ndarray, n_attr: int, labels: int, *, dim: int = 64,
    hidden: int = 128, epochs: int = 6, batch_windows: int = 32, lr: float = 2e-3,
    dropout: float = 0.2, seed: int = 0,
    on_epoch: Callable[[int, float], None] | None = None,
) -> Params:
    """Parameters fitted to ``gold`` (a label index per row of ``batch``)."""
    rng = np.random.default_rng(seed)
    params = init_params(n_attr, dim, hidden, labels, seed=seed)
    opt = Adam(params, lr)
    n_windows = len(batch.sizes)
    for epoch in range(epochs):
        order = rng.permutation(n_windows)
        total = 0.0
        steps = 0
        for k in range(0, n_windows, batch_windows):
            part, rows = sub_batch(batch, order[k:k + batch_windows])
            loss, grads, ids = loss_and_grads(params, part, gold[rows], dropout, rng)
            opt.step(params, grads, ids)
            total += loss
            steps += 1
        if on_epoch is not None:
            on_epoch(epoch, total / max(steps, 1))
    return params
