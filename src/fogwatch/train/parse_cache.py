"""Parse a PolNeAR split with spaCy once and keep the parses on disk.

Training reads the same split many times while features are tuned; a full
spaCy pass over train takes minutes on one core, so the parses are cached as a
DocBin outside the repository (``$FOGWATCH_CACHE`` or ``~/.cache/fogwatch``),
keyed by split path and model. A DocBin does not keep ``doc.tensor`` (spaCy's
token vectors, which the role network reads), so those go beside it in a
``.npy`` file (float16, every doc's rows end to end).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, DocBin

from fogwatch.datasets.polnear import Article, read_split

# Bumped when fogwatch changes how texts are tokenised or parsed (2: the
# horizontal bar is split off; 3: a blank line ends a sentence; 4: unless it
# follows a colon; 5: token vectors are kept), so that stale parses are not reused.
PARSE_VERSION = 5


def cache_dir() -> Path:
    root = os.environ.get("FOGWATCH_CACHE") or str(Path.home() / ".cache" / "fogwatch")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def parsed_split(
    split_dir: Path, nlp: Language, limit: int | None = None
) -> list[tuple[Article, Doc]]:
    """Articles of a split with their spaCy parses (from the cache when present)."""
    articles = read_split(split_dir, limit=limit)
    meta = nlp.meta
    key = hashlib.sha256(
        f"{Path(split_dir).resolve()}|{limit}|{meta.get('name')}|{meta.get('version')}"
        f"|{PARSE_VERSION}".encode()
    ).hexdigest()[:16]
    path = cache_dir() / f"polnear-{Path(split_dir).name}-{key}.spacy"
    docs = _parsed([a.text for a in articles], nlp, path)
    return list(zip(articles, docs, strict=True))


def parsed_texts(texts: list[str], nlp: Language, label: str = "texts") -> list[Doc]:
    """The spaCy parses of ``texts`` (documents of a store, say), parsed and cached
    as a split's articles are, keyed by the texts themselves and the model."""
    meta = nlp.meta
    digest = hashlib.sha256(
        f"{meta.get('name')}|{meta.get('version')}|{PARSE_VERSION}".encode())
    for text in texts:
        digest.update(hashlib.sha256(text.encode()).digest())
    return _parsed(texts, nlp, cache_dir() / f"{label}-{digest.hexdigest()[:16]}.spacy")


def _parsed(texts: list[str], nlp: Language, path: Path) -> list[Doc]:
    """Parses of ``texts`` from the DocBin at ``path`` and the token vectors beside
    it, or parsed now and written there."""
    vectors = path.with_suffix(".tensor.npy")
    if path.exists() and vectors.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        table = np.load(vectors)
        if len(docs) == len(texts) and len(table) == sum(len(d) for d in docs):
            at = 0
            for doc in docs:
                doc.tensor = table[at:at + len(doc)].astype(np.float32)
                at += len(doc)
            return docs
    docs = list(nlp.pipe(texts, batch_size=32))
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    width = max((d.tensor.shape[1] for d in docs if d.tensor.ndim == 2), default=0)
    np.save(vectors, np.concatenate(
        [d.tensor if d.tensor.shape == (len(d), width) else np.zeros((len(d), width))
         for d in docs] or [np.zeros((0, width))]).astype(np.float16))
    return docs
