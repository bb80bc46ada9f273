"""Dev scores of an attribution model, run as the stage runs it.

Shared by the trainers that choose something on dev: the role network's
weight and the rules (:mod:`fogwatch.train.attribution`) and the boundary
ranker's margins (:mod:`fogwatch.train.boundary`).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from fogwatch.analyze.attribution import build_attributions
from fogwatch.analyze.attribution.model import AttributionModel
from fogwatch.datasets.polnear import Article
from fogwatch.evaluate.polnear import Scorer, predicted_from_analysis


def score_dev(
    dev_data: list[tuple[Article, Doc]], model: AttributionModel, rules: tuple[str, ...]
) -> dict[str, Any]:
    """Dev scores of the model with ``rules``, as the stage runs (content boundaries,
    shared speakers and dropped author's voice included)."""
    scorer = Scorer()
    for article, doc in dev_data:
        doc.user_data.clear()  # caches of an earlier pass
        found = build_attributions(doc, model, rules=rules)
        scorer.add(article.text, article.attributions, predicted_from_analysis(found))
    return scorer.result()
