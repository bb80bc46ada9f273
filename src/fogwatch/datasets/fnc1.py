"""Reading FNC-1 (Fake News Challenge, stage 1): headline/article pairs and the dev split.

A folder holds one ``*bodies.csv`` (``Body ID``, ``articleBody``) and one
``*stances.csv`` (``Headline``, ``Body ID``, ``Stance``), the official format;
stances are ``agree``, ``disagree``, ``discuss`` or ``unrelated``.

Split (``split``): the training release is cut by article, never by pair, so
no body is on both sides: an article is ``dev`` when the first byte of the
SHA-1 of its Body ID (as written in the file) is below 52 of 256 (about 20%),
``train`` otherwise. The cut is fixed: changing it would score on articles a
model was trained on. ``all`` is every pair.
"""

from __future__ import annotations

import csv
import hashlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
Split = Literal["train", "dev", "all"]
DEV_BELOW = 52  # of 256: about a fifth of the articles


@dataclass(frozen=True, slots=True)
class Pair:
    headline: str
    body_id: str
    stance: str


def article_byte(body_id: str) -> int:
    """The first byte of the SHA-1 of an article's Body ID: where the splits cut."""
    return hashlib.sha1(body_id.strip().encode()).digest()[0]


def is_dev(body_id: str) -> bool:
    """Whether an article is in the fixed dev split (see the module doc)."""
    return article_byte(body_id) < DEV_BELOW


def find_files(folder: Path) -> tuple[Path, Path]:
    """The one ``*bodies.csv`` and the one ``*stances.csv`` in ``folder``."""
    found = []
    for suffix in ("bodies.csv", "stances.csv"):
        hits = sorted(folder.glob(f"*{suffix}"))
        if len(hits) != 1:
            raise ValueError(f"{folder} must hold exactly one *{suffix} (found {len(hits)})")
        found.append(hits[0])
    return found[0], found[1]


def _rows(path: Path) -> Iterable[dict[str, str]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # bodies run to tens of kB
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def read_folder(folder: Path) -> tuple[dict[str, str], list[Pair]]:
    """Bodies by Body ID and the labelled pairs of an FNC-1 folder."""
    bodies_path, stances_path = find_files(folder)
    bodies = {row["Body ID"].strip(): row["articleBody"] for row in _rows(bodies_path)}
    pairs = []
    for row in _rows(stances_path):
        stance = (row.get("Stance") or "").strip().lower()
        if stance not in LABELS:
            raise ValueError(f"{stances_path}: unknown stance {row.get('Stance')!r}")
        body_id = row["Body ID"].strip()
        if body_id not in bodies:
            raise ValueError(f"{stances_path}: Body ID {body_id} is not in {bodies_path}")
        pairs.append(Pair(row["Headline"], body_id, stance))
    return bodies, pairs


def select(pairs: Sequence[Pair], split: Split) -> list[Pair]:
    """The pairs of ``split`` (see the module doc)."""
    if split == "all":
        return list(pairs)
    if split not in ("train", "dev"):
        raise ValueError(f"unknown split {split!r} (train, dev or all)")
    want_dev = split == "dev"
    return [p for p in pairs if is_dev(p.body_id) == want_dev]


def is_training_release(path: Path) -> bool:
    """Whether ``path`` is FNC-1's training release (its files are named so)."""
    try:
        bodies, stances = find_files(path)
    except ValueError:
        return False
    return bodies.name == "train_bodies.csv" and stances.name == "train_stances.csv"
