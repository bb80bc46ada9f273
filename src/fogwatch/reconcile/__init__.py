"""fogwatch.reconcile: one entity, one event, one claim across documents.

``reconcile_document`` updates the cross-document records for one analysed
document (its earlier contribution is taken out first, so re-analysis is
safe); ``reconcile_all`` rebuilds them from scratch, documents in the order they were
ingested, and gives the same result as reconciling them one by one as they came.
Entities need no pass of their own: the analysis already gives every entity a
store-wide key (gazetteer ids, folded aliases) and the store counts mentions
per document and outlet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from fogwatch.findings import Analysis
from fogwatch.reconcile import claimfix, rarity
from fogwatch.reconcile import events as _events
from fogwatch.reconcile import propositions as _propositions
from fogwatch.reconcile.opening import opening_terms
from fogwatch.reconcile.text import reading
from fogwatch.reconcile.units import common_entities
from fogwatch.store import Store
from fogwatch.store import claim_corrections as _claim_corrections
from fogwatch.store import claim_entities as _claim_entities
from fogwatch.store.claim_corrections import ClaimCorrection
from fogwatch.store.corrections import without_rejected

__all__ = ["ReconcileResult", "correct_claim", "reconcile_all", "reconcile_analysis",
           "reconcile_document", "withdraw_claim_correction"]


@dataclass(slots=True)
class ReconcileResult:
    documents: int = 0
    propositions: int = 0  # touched
    events: int = 0  # touched


def reconcile_analysis(
    store: Store, analysis: Analysis, *, conn: Connection | None = None,
    fixes: claimfix.Fixes | None = None,
) -> ReconcileResult:
    """Fold one analysed document into propositions and merged events (one
    transaction, which also marks the document reconciled; ``conn``: inside that
    transaction instead; ``fixes``: the claim corrections by document, read once
    for a rebuild)."""
    doc_id = analysis.document.id
    # An analyst's rejected findings are not folded (events' and attributions'
    # positions are kept in the records, so those are skipped where they are read).
    analysis = without_rejected(analysis, ("times", "quantities", "places"))
    # its words are reduced through the lemmas its analysis gave them
    with store.reconciling(doc_id, conn) as tx, reading(analysis.document.lemmas):
        _propositions.remove_document(tx, doc_id)
        _events.remove_document(tx, doc_id)
        _claim_entities.count_out(tx, doc_id)
        if analysis.document.section != "body":
            return ReconcileResult(documents=1)
        mine = (fixes.of(doc_id) if fixes is not None
                else _claim_corrections.active_for(tx, doc_id))
        apart = claimfix.apart(tx, doc_id, mine)
        # how many articles folded before this one give each of its names
        names = sorted({e.key for e in analysis.entities})
        common = common_entities(*_claim_entities.counts(tx, names))
        opening = opening_terms(analysis)
        props = _propositions.reconcile_propositions(tx, analysis, apart, common, opening)
        # its names and opening words are counted once it is folded: to itself they are new
        _claim_entities.count_in(tx, doc_id, [*names, *rarity.word_keys(opening)])
        # the analyst's corrections of the claims this document's words are in
        claimfix.reapply(tx, doc_id, mine)
        evs = _events.reconcile_events(tx, analysis)
    return ReconcileResult(documents=1, propositions=len(props), events=len(evs))


def reconcile_document(store: Store, doc_id: str) -> ReconcileResult:
    """Reconcile a stored, analysed document; a document never analysed is skipped."""
    analysis = store.get_analysis(doc_id)
    if analysis is None:
        return ReconcileResult()
    return reconcile_analysis(store, analysis)


def reconcile_all(
    store: Store, *, progress: Callable[[int, int], None] | None = None
) -> ReconcileResult:
    """Drop every cross-document record and rebuild them, replaying the ingestion order.

    Matching a claim depends on what was seen before it, so the rebuild folds
    documents in the order they entered the store: the result is the one that
    ingesting them built. The rebuild is one transaction: if it fails or is
    stopped, the records from before it stay whole.
    """
    total = store.count_documents()
    result = ReconcileResult()
    with store.rebuilding() as conn:
        _claim_corrections.mark_all_waiting(conn)
        fixes = claimfix.Fixes(_claim_corrections.active_for(conn))
        for n, analysis in enumerate(store.analyses(order="ingested", conn=conn), start=1):
            one = reconcile_analysis(store, analysis, conn=conn, fixes=fixes)
            result.documents += one.documents
            if progress is not None:
                progress(n, total)
        # a claim correction none of whose words came back is reported, not dropped
        _claim_corrections.orphan_waiting(conn)
    counts = store.stats()
    result.propositions = counts.get("propositions", 0)
    result.events = counts.get("merged_events", 0)
    return result


def correct_claim(store: Store, action: str, **given: Any) -> ClaimCorrection:
    """An analyst's correction of the claim board, stored and applied at once (one
    transaction); the arguments of :meth:`Store.add_claim_correction`."""
    return store.add_claim_correction(action, then=claimfix.apply_one, **given)


def withdraw_claim_correction(store: Store, correction_id: int, *, by: str) -> ClaimCorrection:
    """Withdraw a claim correction: the documents it touched are folded again, as
    the machine (and the other corrections) place them."""
    done, docs = store.withdraw_claim_correction(correction_id, by=by)
    for doc_id in docs:
        reconcile_document(store, doc_id)
    return done
