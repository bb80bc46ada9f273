"""The role network: its thinc training, its numpy forward pass, its file, and its
place in the model."""

from __future__ import annotations

import numpy as np
import pytest

from fogwatch.analyze.attribution.model import load_model, token_vectors
from fogwatch.analyze.attribution.rolenet import (
    TENSOR_WIDTH,
    Batch,
    RoleNet,
    forward,
    init_params,
    log_softmax,
    param_shapes,
)
from fogwatch.analyze.pipeline import load_model as load_spacy
from fogwatch.train.rolenet import build_network, sub_batch, to_params, train_network


def _toy(rng: np.random.Generator, n_attr: int = 12, windows: int = 6) -> Batch:
    sizes = rng.integers(1, 9, size=windows)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n = int(sizes.sum())
    ids = rng.integers(0, n_attr, size=(n, 3))
    ids[0, 2] = n_attr - 1  # the padding id
    tensor = rng.normal(size=(20, TENSOR_WIDTH)).astype(np.float32)
    return Batch(ids, rng.integers(0, 20, size=n), tensor,
                 rng.integers(0, 20, size=windows), starts, sizes)


def test_a_thinc_network_gives_the_same_outputs_in_the_numpy_forward_pass() -> None:
    """The stage runs the network thinc trains through rolenet.forward: the weights
    must land in the right places (gate order, directions, the padding row)."""
    rng = np.random.default_rng(4)
    batch = _toy(rng, n_attr=12, windows=7)
    model = build_network(12, 5, dim=6, hidden=8, dropout=0.0)
    model.initialize()
    for node in model.walk():  # move off the initial zeros so every weight matters
        for name in node.param_names:
            if name == "HC0":
                continue
            value = node.get_param(name)
            node.set_param(name, (value + rng.normal(0, 0.3, value.shape)).astype("f"))
    emb = model.layers[0].get_param("E")
    emb[-1] = 0.0  # the padding row, as training keeps it
    model.layers[0].set_param("E", emb)
    probs = model.predict(batch)
    assert probs.lengths.tolist() == batch.sizes.tolist()
    params = to_params(model)
    assert {k: v.shape for k, v in params.items()} == param_shapes(12, 6, 8, 5)
    ours = log_softmax(forward(params, batch))
    assert np.abs(ours - np.log(probs.data)).max() < 1e-5
    # the same through the model's file format path (members averaged)
    assert np.allclose(RoleNet([params], ["a", "b", "c", "d", "e"], 1.0).log_probs(batch),
                       ours, atol=1e-6)


def test_the_first_layer_passes_gradient_to_the_ids_it_read_and_never_to_padding() -> None:
    rng = np.random.default_rng(5)
    batch = _toy(rng, n_attr=12, windows=4)
    model = build_network(12, 3, dim=4, hidden=6, dropout=0.0)
    model.initialize()
    rows = model.layers[0]
    out, backprop = rows.begin_update(batch)
    assert out.data.shape == (len(batch.ids), 4 + 2 * TENSOR_WIDTH)
    backprop(type(out)(np.ones_like(out.data), out.lengths))
    grad = rows.get_grad("E")
    used = set(batch.ids.reshape(-1).tolist()) - {11}
    assert set(np.flatnonzero(np.abs(grad).sum(axis=1)).tolist()) == used
    # a row's gradient reaches each of its ids once per time it holds it
    counts = np.bincount(batch.ids.reshape(-1), minlength=12)
    assert np.allclose(grad[:11, 0], counts[:11])


def test_training_learns_a_label_that_needs_the_window() -> None:
    """A row's label is 1 once id 1 has appeared earlier in its window: only the
    forward LSTM can carry that, the row's own ids cannot."""
    rng = np.random.default_rng(0)
    n_attr = 6
    windows = 300
    sizes = rng.integers(3, 12, size=windows)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    n = int(sizes.sum())
    ids = rng.integers(2, n_attr - 1, size=(n, 1))
    gold = np.zeros(n, dtype=np.int64)
    for s, z in zip(starts.tolist(), sizes.tolist(), strict=True):
        mark = int(rng.integers(0, z))
        ids[s + mark, 0] = 1
        gold[s + mark + 1:s + z] = 1
    tensor = np.zeros((1, TENSOR_WIDTH), dtype=np.float32)
    batch = Batch(ids, np.zeros(n, dtype=np.int64), tensor, np.zeros(windows, dtype=np.int64),
                  starts, sizes)
    losses: list[float] = []
    params = train_network(batch, gold, n_attr, 2, dim=8, hidden=16, epochs=12,
                           batch_windows=16, lr=1e-2, dropout=0.0,
                           on_epoch=lambda _e, loss: losses.append(loss))
    logits = forward(params, batch)
    accuracy = float((logits.argmax(axis=1) == gold).mean())
    assert accuracy > 0.95
    assert losses[-1] < losses[0] / 3


def test_sub_batch_keeps_each_window_whole() -> None:
    batch = _toy(np.random.default_rng(2))
    part, rows = sub_batch(batch, np.array([3, 0]))
    assert part.sizes.tolist() == [batch.sizes[3], batch.sizes[0]]
    assert rows[:batch.sizes[3]].tolist() == list(range(batch.starts[3],
                                                        batch.starts[3] + batch.sizes[3]))
    assert (part.ids == batch.ids[rows]).all()


def test_file_round_trip(tmp_path) -> None:
    rng = np.random.default_rng(3)
    batch = _toy(rng)
    labels = ["O", "B-SRC", "B-CON", "I-CON", "I-SRC"]
    members = [init_params(12, 6, 8, 5, seed=2), init_params(12, 6, 8, 5, seed=3)]
    net = RoleNet(members, labels, 0.5)
    net.save(tmp_path / "net.npz")
    back = RoleNet.load(tmp_path / "net.npz")
    assert back.labels == net.labels and back.weight == 0.5 and len(back.members) == 2
    # stored as float16 and int8: the same outputs to about three digits
    assert np.allclose(back.log_probs(batch), net.log_probs(batch), atol=5e-3)
    # the members' log-probabilities are averaged
    singles = [RoleNet([m], labels, 0.5).log_probs(batch) for m in members]
    assert np.allclose(net.log_probs(batch), (singles[0] + singles[1]) / 2, atol=1e-6)
    assert not np.allclose(singles[0], singles[1])


def test_shipped_model_uses_the_network_only_with_token_vectors() -> None:
    nlp = load_spacy()
    model = load_model()
    assert model.net is not None and model.net.labels == model.role_crf.labels
    text = ("Russia's defence ministry said on Tuesday that its forces had taken the "
            "village, a claim Ukraine's General Staff denied.")
    doc = nlp(text)
    assert token_vectors([doc]) is not None
    with_net = model.predict(doc)
    bare = nlp.make_doc(text)  # no parse and no vectors: the network must stand aside
    assert token_vectors([bare]) is None
    weight = model.net.weight
    try:
        model.net.weight = 0.0
        without = model.predict(doc)
    finally:
        model.net.weight = weight
    assert [r.cue for r in with_net] == [r.cue for r in without]
    assert any(r.content for r in with_net)


def test_a_network_that_does_not_fit_its_tagger_is_refused(tmp_path) -> None:
    import shutil

    from fogwatch.analyze.attribution.model import AttributionModel, default_model_dir
    from fogwatch.analyze.attribution.rolenet import NET_FILE

    folder = tmp_path / "model"
    shutil.copytree(default_model_dir(), folder)
    shipped = RoleNet.load(folder / NET_FILE)
    small = init_params(10, 4, 4, len(shipped.labels))  # another attribute table
    RoleNet([small], shipped.labels, 0.5).save(folder / NET_FILE)
    with pytest.raises(ValueError, match="does not match the role tagger"):
        AttributionModel(folder)


def test_training_is_reproducible_from_its_seed() -> None:
    rng = np.random.default_rng(6)
    batch = _toy(rng, windows=20)
    gold = rng.integers(0, 3, size=len(batch.ids))

    def run(seed: int) -> dict[str, np.ndarray]:
        return train_network(batch, gold, 12, 3, dim=4, hidden=6, epochs=2, batch_windows=4,
                             dropout=0.3, seed=seed)

    first, again, other = run(1), run(1), run(2)
    assert all(np.array_equal(first[k], again[k]) for k in first)
    assert not np.array_equal(first["w_in"], other["w_in"])
    assert not first["emb"][-1].any()  # the padding vector stays zero
