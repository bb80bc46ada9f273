"""Viterbi decoding of CRFsuite models with numpy, many sequences at once.

The attribution taggers are trained with CRFsuite (``python-crfsuite``). Tagging
through ``pycrfsuite.Tagger.tag`` costs a few microseconds per token, mostly in
turning every feature string into an attribute id inside the C library, one
sequence at a time. Here the model file is read once into two arrays (state
weights per attribute and label, transition weights per label pair) and
sequences are decoded as a batch.

The result is the same as CRFsuite's, bit for bit: state scores are summed in
the order the features are given (starting from 0.0, unknown attributes adding
nothing), and the Viterbi recursion does the same additions and keeps the first
of equal maxima, as ``crf1dc_viterbi`` does.

Model file layout (CRFsuite ``crf1d_model.c``, little-endian): a 48-byte header
(magic ``lCRF``, size, type ``FOMC``, version, counts, offsets), a feature chunk
(``FEAT``: 12-byte chunk header with the number of features, then 20 bytes per feature: type, source,
destination as uint32 and the weight as a float64) and two CQDB string tables
(labels, attributes) whose backward arrays give the string of each id.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

import numpy as np

HEADER = struct.Struct("<4sI4sIIIIIIIII")
FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
FT_STATE, FT_TRANS = 0, 1
# The most back-pointer entries (steps x sequences x labels) one decoding group holds.
BACK_CELLS = 4_000_000


class CRFFormatError(ValueError):
    pass


def _cqdb_strings(buf: bytes, offset: int, count: int) -> list[str]:
    """The ``count`` strings of a CQDB table at ``offset``, by id."""
    magic, _size, _flag, _order, bwd_size, bwd_offset = struct.unpack_from("<4sIIIII", buf, offset)
    if magic != b"CQDB":
        raise CRFFormatError(f"no CQDB table at offset {offset}")
    if bwd_size < count:
        raise CRFFormatError("CQDB table without an id index")
    starts = struct.unpack_from(f"<{count}I", buf, offset + bwd_offset)
    out: list[str] = []
    for i, rec in enumerate(starts):
        rid, ksize = struct.unpack_from("<II", buf, offset + rec)
        if rid != i:
            raise CRFFormatError(f"CQDB record {i} carries id {rid}")
        key = buf[offset + rec + 8: offset + rec + 8 + ksize]
        out.append(key.rstrip(b"\0").decode("utf-8"))
    return out


class CRF:
    """A linear-chain CRF read from a CRFsuite model file's bytes.

    ``attr_ids`` maps each attribute string to a row of ``state`` (float64,
    ``(n_attrs + 1, n_labels)``; the last row is zeros and stands for unknown
    attributes and padding). ``trans[i, j]`` is the weight of label ``i``
    followed by ``j``.
    """

    def __init__(self, data: bytes) -> None:
        if len(data) < HEADER.size:
            raise CRFFormatError("file too short for a CRFsuite model")
        (magic, _size, mtype, _version, _n_feat, n_labels, n_attrs, off_feat, off_labels,
         off_attrs, _off_lrefs, _off_arefs) = HEADER.unpack_from(data, 0)
        if magic != b"lCRF" or mtype != b"FOMC":
            raise CRFFormatError("not a CRFsuite first-order (FOMC) model")
        # the count in the file header is left at 0 by the writer: the chunk's is right
        chunk, _chunk_size, n_feat = struct.unpack_from("<4sII", data, off_feat)
        if chunk != b"FEAT":
            raise CRFFormatError("no feature chunk where the header points")
        self.labels: list[str] = _cqdb_strings(data, off_labels, n_labels)
        attrs = _cqdb_strings(data, off_attrs, n_attrs)
        feats = np.frombuffer(data, dtype=FEATURE, count=n_feat, offset=off_feat + 12)
        self.state = np.zeros((n_attrs + 1, n_labels), dtype=np.float64)
        self.trans = np.zeros((n_labels, n_labels), dtype=np.float64)
        st = feats[feats["type"] == FT_STATE]
        tr = feats[feats["type"] == FT_TRANS]
        # one feature per (attribute, label) and per label pair: plain assignment
        self.state[st["src"].astype(np.intp), st["dst"].astype(np.intp)] = st["weight"]
        self.trans[tr["src"].astype(np.intp), tr["dst"].astype(np.intp)] = tr["weight"]
        self.attr_ids: dict[str, int] = {a: i for i, a in enumerate(attrs)}
        self.pad = n_attrs
        self._label_array = np.array(self.labels, dtype=object)

    # -- encoding -------------------------------------------------------------

    def encode(self, items: Sequence[Sequence[str]]) -> np.ndarray:
        """Attribute ids of one sequence's items, ``(len(items), width)``, padded."""
        get = self.attr_ids.get
        pad = self.pad
        width = max((len(f) for f in items), default=0)
        out = np.full((len(items), max(1, width)), pad, dtype=np.intp)
        for t, feats in enumerate(items):
            out[t, : len(feats)] = [get(f, pad) for f in feats]
        return out

    def scores(self, ids: np.ndarray, start: np.ndarray | None = None) -> np.ndarray:
        """State scores ``(n_items, n_labels)``: the weights summed feature by feature.

        ``start`` is a partial sum to go on from (the scores of the features
        that come before ``ids`` in each item); the additions happen in the same
        order either way.
        """
        if start is None:
            out = np.zeros((ids.shape[0], self.state.shape[1]), dtype=np.float64)
        else:
            out = np.array(start, dtype=np.float64)
        state = self.state
        for k in range(ids.shape[1]):
            out += state[ids[:, k]]
        return out

    # -- decoding -------------------------------------------------------------

    def decode(self, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label index of every row, for sequences laid end to end in ``scores``.

        ``scores`` is ``(n_rows, n_labels)``; sequence ``k`` is the rows
        ``starts[k] : starts[k] + lengths[k]``. Sequences advance together,
        longest first, so each step is one array operation over those still
        going; they are taken in groups that keep the back-pointer table under
        ``BACK_CELLS`` entries.
        """
        out = np.zeros(scores.shape[0], dtype=np.intp)
        keep = np.asarray(lengths) > 0
        starts = np.asarray(starts, dtype=np.intp)[keep]
        lengths = np.asarray(lengths, dtype=np.intp)[keep]
        if len(lengths) == 0:
            return out
        order = np.argsort(-lengths, kind="stable")
        starts, lengths = starts[order], lengths[order]
        n_labels = self.trans.shape[0]
        lo = 0
        while lo < len(lengths):
            # longest first: the group's first sequence sets its table's length
            size = max(1, BACK_CELLS // (int(lengths[lo]) * n_labels))
            hi = min(len(lengths), lo + size)
            self._decode_group(scores, starts[lo:hi], lengths[lo:hi], out)
            lo = hi
        return out

    def _decode_group(self, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                      out: np.ndarray) -> None:
        t_max = int(lengths[0])
        # going[t]: how many sequences (a prefix, longest first) have a row t
        going = np.searchsorted(-lengths, -np.arange(t_max), side="left")
        n_labels = self.trans.shape[0]
        trans = self.trans[None, :, :]
        alpha = scores[starts].copy()
        back = np.zeros((t_max, len(lengths), n_labels),
                        dtype=np.uint8 if n_labels <= 256 else np.intp)
        for t in range(1, t_max):
            m = int(going[t])
            cand = alpha[:m, :, None] + trans  # [seq, from, to]: prev[i] + trans[i][j]
            back[t, :m] = cand.argmax(axis=1)  # the first of equal maxima, as CRFsuite
            # the maximum is the value at the first argmax: the same number
            alpha[:m] = cand.max(axis=1)
            alpha[:m] += scores[starts[:m] + t]
        cur = alpha.argmax(axis=1)
        out[starts + lengths - 1] = cur
        rows = np.arange(len(lengths))
        for t in range(t_max - 1, 0, -1):
            m = int(going[t])
            cur[:m] = back[t, rows[:m], cur[:m]]
            out[starts[:m] + t - 1] = cur[:m]

    def viterbi(self, scores: Sequence[np.ndarray]) -> list[np.ndarray]:
        """Best label index sequence for each state-score matrix, decoded together."""
        if not scores:
            return []
        lengths = np.array([len(s) for s in scores], dtype=np.intp)
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.intp)
        rows = [s for s in scores if len(s)]
        stacked = (np.concatenate(rows) if rows
                   else np.zeros((0, self.trans.shape[0]), dtype=np.float64))
        best = self.decode(stacked, starts, lengths)
        return [best[a: a + n] for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]

    def tag_many(self, sequences: Sequence[Sequence[Sequence[str]]]) -> list[list[str]]:
        """Labels for each sequence of feature-string items (as ``Tagger.tag`` gives)."""
        if not sequences:
            return []
        decoded = self.viterbi([self.scores(self.encode(seq)) for seq in sequences])
        names = self._label_array
        return [names[p].tolist() for p in decoded]

    def tag(self, items: Sequence[Sequence[str]]) -> list[str]:
        return self.tag_many([items])[0]

    # -- marginals --------------------------------------------------------------

    def marginals(self, scores: np.ndarray, starts: np.ndarray,
                  lengths: np.ndarray) -> np.ndarray:
        """Each row's label probabilities (forward-backward), ``(n_rows, n_labels)``,
        for the sequences given; rows of no given sequence are left at zero.

        Used for the attribution confidence, never for the labels: they come
        from :meth:`decode` alone. Sequences advance together, longest first.
        """
        out = np.zeros(scores.shape, dtype=np.float64)
        starts = np.asarray(starts, dtype=np.intp)
        lengths = np.asarray(lengths, dtype=np.intp)
        keep = lengths > 0
        starts, lengths = starts[keep], lengths[keep]
        if len(lengths) == 0:
            return out
        order = np.argsort(-lengths, kind="stable")
        starts, lengths = starts[order], lengths[order]
        lo = 0
        while lo < len(lengths):  # groups, as in decode, that bound the tables' size
            size = max(1, BACK_CELLS // (int(lengths[lo]) * scores.shape[1]))
            hi = min(len(lengths), lo + size)
            self._marginal_group(scores, starts[lo:hi], lengths[lo:hi], out)
            lo = hi
        return out

    def _marginal_group(self, scores: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                        out: np.ndarray) -> None:
        # in probabilities, each step scaled to sum to 1 (the scales cancel out when
        # a row's product is normalised), so no step takes a log or an exponential
        t_max = int(lengths[0])
        going = np.searchsorted(-lengths, -np.arange(t_max + 1), side="left")
        n_labels = scores.shape[1]
        etrans = np.exp(self.trans - self.trans.max())
        rows = (starts[None, :] + np.arange(t_max)[:, None])  # [t, seq]
        valid = np.arange(t_max)[:, None] < lengths[None, :]
        picked = scores[np.where(valid, rows, starts[None, :])]  # [t, seq, label]
        picked = np.exp(picked - picked.max(axis=2, keepdims=True))
        alphas = np.zeros((t_max, len(lengths), n_labels), dtype=np.float64)
        alpha = picked[0] / picked[0].sum(axis=1, keepdims=True)
        alphas[0] = alpha
        for t in range(1, t_max):
            m = int(going[t])
            alpha = (alpha[:m] @ etrans) * picked[t, :m]
            alpha /= alpha.sum(axis=1, keepdims=True)
            alphas[t, :m] = alpha
        betas = np.ones_like(alphas)
        beta = np.ones((len(lengths), n_labels), dtype=np.float64)
        for t in range(t_max - 2, -1, -1):
            m = int(going[t + 1])  # the sequences that have a row after t
            beta[:m] = (beta[:m] * picked[t + 1, :m]) @ etrans.T
            beta[:m] /= beta[:m].sum(axis=1, keepdims=True)
            betas[t, :m] = beta[:m]
        post = alphas * betas
        post /= np.maximum(post.sum(axis=2, keepdims=True), np.finfo(np.float64).tiny)
        out[rows[valid]] = post[valid]
