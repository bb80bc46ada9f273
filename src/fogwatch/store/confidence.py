"""Hiding claims that rest only on findings of low confidence.

A claim (a proposition) is spoken to by stances, and a stance rests on an
attribution of its document (``data.attribution``, an index into the document's
attributions). Where the attributions kind declares a confidence
(:attr:`fogwatch.kinds.spec.FindingKind.confidence`), a stance is *low* when the
attribution it rests on scores under the threshold. :func:`sure_claims` keeps a
claim that has at least one stance that is not low: one resting on an
attribution that scores at least the threshold or has no score, or on none at
all (the same rule as a kind's ``min_confidence``: what has no score stays).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from fogwatch.kinds import registry
from fogwatch.store.schema import proposition_stances, propositions


def stance_confidence(stances: sa.Table = proposition_stances) -> Any | None:
    """The confidence of the attribution each stance row rests on, as a correlated
    scalar subquery (NULL: none, or unscored); None where attributions have no score."""
    kind = registry.find("attributions")
    if kind is None or not kind.confidence:
        return None
    table = kind.table
    score = (table.c[kind.confidence] if kind.confidence in table.c
             else table.c.data[kind.confidence].as_float())
    return (sa.select(score)
            .where(table.c.document_id == stances.c.document_id,
                   table.c.idx == stances.c.data["attribution"].as_integer())
            .limit(1).scalar_subquery())


def sure_claims(min_confidence: float | None) -> list[Any]:
    """Conditions on ``propositions``: at least one stance not of low confidence."""
    if min_confidence is None:
        return []
    score = stance_confidence()
    if score is None:
        return []
    return [sa.exists().where(proposition_stances.c.proposition_id == propositions.c.id,
                              sa.or_(score.is_(None), score >= float(min_confidence)))]
