"""The learned part of attribution: two CRFs over spaCy features.

1. A cue tagger (BIO over each sentence) finds the words that mark an attribution.
2. For each cue, a role tagger labels the tokens of the cue's sentence and its
   neighbours as source (SRC) or content (CON).

Both are CRFsuite models trained on PolNeAR (see ``fogwatch.train.attribution``)
and shipped under ``fogwatch/data/models/attribution``.
"""

from __future__ import annotations

import json
import lzma
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pycrfsuite
from spacy.tokens import Doc

from fogwatch.analyze.attrib.features import (
    FEATURE_VERSION,
    cue_features,
    quote_depths,
    role_features,
    role_window,
    token_base,
)

TokSpan = tuple[int, int]  # token offsets [start, end)


@dataclass(slots=True)
class RawAttribution:
    """One predicted attribution in token offsets (before stance and entities)."""

    cue: TokSpan
    source: list[TokSpan] = field(default_factory=list)
    content: list[TokSpan] = field(default_factory=list)


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


def default_model_dir() -> Path:
    return Path(str(resources.files("fogwatch") / "data" / "models" / "attribution"))


class AttributionModel:
    """Loaded cue and role taggers, with the metadata they were trained with."""

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
        self._buffers: list[bytes] = []
        self.cue_tagger = self._open("cue")
        self.role_tagger = self._open("role")

    def _open(self, name: str) -> pycrfsuite.Tagger:
        """A tagger from ``<name>.crfsuite.xz`` (as shipped: a third of the size) or raw."""
        tagger = pycrfsuite.Tagger()
        packed = self.dir / f"{name}.crfsuite.xz"
        if packed.exists():
            data = lzma.decompress(packed.read_bytes())
            self._buffers.append(data)  # keep the bytes alive while the tagger uses them
            tagger.open_inmemory(data)
        else:
            tagger.open(str(self.dir / f"{name}.crfsuite"))
        return tagger

    def predict(self, doc: Doc) -> list[RawAttribution]:
        if len(doc) == 0:
            return []
        quotes = quote_depths(doc)
        base = token_base(doc, quotes)
        cues: list[TokSpan] = []
        for sent in doc.sents:
            labels = self.cue_tagger.tag(cue_features(doc, sent, base))
            cues.extend(bio_spans(list(labels), sent.start, "CUE"))
        out: list[RawAttribution] = []
        for cue in cues:
            window = role_window(doc, *cue)
            labels = list(self.role_tagger.tag(role_features(doc, window, cue, base, quotes)))
            out.append(RawAttribution(
                cue=cue,
                source=bio_spans(labels, window[0], "SRC"),
                content=bio_spans(labels, window[0], "CON"),
            ))
        return out


@lru_cache(maxsize=2)
def load_model(model_dir: str | None = None) -> AttributionModel:
    """The shipped (or given) model, loaded once per process."""
    return AttributionModel(Path(model_dir) if model_dir else None)
