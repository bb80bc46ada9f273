"""Score claim clustering (propositions) against FNC-1's claims.

The articles of an FNC-1 split are ingested into a store, analysed and
reconciled as any other documents (undated, no outlet); the propositions the
store then holds are compared with gold claims.

Gold: two articles belong to the same claim when they share a related headline
(``agree``, ``disagree`` or ``discuss``) among the split's pairs; the gold
claims are the connected components of that relation (an article with no
related headline is a claim of its own). Articles are FNC-1 Body IDs; two IDs
with the same text are one stored document, and each is counted as an article.

System: an article is *in* every proposition it takes a stance in (any stance
row of its document: the outlet's or a quoted source's). An article may be in
several propositions, or in none.

Metrics (B-cubed, Bagga & Baldwin 1998, extended to overlapping clusters as
Amigó et al. 2009 do). Write ``G(a)`` for the articles of article ``a``'s gold
claim, ``C(a)`` for the propositions holding ``a`` and ``U(a)`` for ``a`` with
every article sharing at least one proposition with it:

- *precision*, per article, ``|U(a) ∩ G(a)| / |U(a)|``: of the articles an
  analyst finds beside ``a`` in its propositions, the share about ``a``'s
  claim; averaged over every article of the split. An article in no
  proposition (or only in propositions of its own) has ``U(a) = {a}`` and
  scores 1, as a singleton does in plain B-cubed.
- *recall*, per article, ``|U(a) ∩ G(a)| / |G(a)|``; averaged over every
  article. An article in no proposition scores ``1 / |G(a)|``.

With one proposition per article both are plain B-cubed. With several, this
is Amigó et al.'s extended B-cubed with multiplicity counted as presence: a
pair of articles is right when it shares some proposition and one gold claim.
Recall is exactly theirs (the gold is a partition). Their precision also
divides each pair by the number of propositions it shares, ``min(|C(a) ∩
C(b)|, |L(a) ∩ L(b)|) / |C(a) ∩ C(b)|`` with ``L`` the gold claims; since the
gold names one claim per article and an article makes several, that charges
an article in several honest propositions as if it were wrong. It is
reported too, as *extended precision*.

- *pairs precision*: of the distinct pairs of articles that share at least
  one proposition, the share about the same gold claim.
"""

from __future__ import annotations

import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from fogwatch.datasets.fnc1 import Split, read_folder, select
from fogwatch.evaluate import boardstance

RELATED = frozenset(("agree", "disagree", "discuss"))
URL_PREFIX = "fnc1:body/"


# --- gold -----------------------------------------------------------------------


def gold_claims(pairs: Iterable[Any], articles: Iterable[str]) -> dict[str, int]:
    """Article -> gold claim number: the connected components of "shares a related
    headline" over ``articles`` (pairs of other articles are ignored)."""
    chosen = sorted(set(articles), key=_article_order)
    parent = {a: a for a in chosen}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    first: dict[str, str] = {}
    for p in pairs:
        if p.stance not in RELATED or p.body_id not in parent:
            continue
        key = " ".join(p.headline.split()).lower()
        other = first.setdefault(key, p.body_id)
        ra, rb = find(other), find(p.body_id)
        if ra != rb:
            parent[max(ra, rb, key=_article_order)] = min(ra, rb, key=_article_order)
    numbers: dict[str, int] = {}
    out: dict[str, int] = {}
    for a in chosen:
        out[a] = numbers.setdefault(find(a), len(numbers))
    return out


def _article_order(body_id: str) -> tuple[int, str]:
    return (int(body_id), body_id) if body_id.isdigit() else (1 << 62, body_id)


# --- scoring ----------------------------------------------------------------------


def score(clusters: Sequence[Iterable[str]], gold: Mapping[str, int]) -> dict[str, Any]:
    """B-cubed figures (see the module doc) of ``clusters`` (each an iterable of
    articles; articles not in ``gold`` are dropped) against ``gold`` (article ->
    claim). ``pairs`` counts each pair of articles sharing a proposition once."""
    props = [frozenset(a for a in c if a in gold) for c in clusters]
    props = [p for p in props if p]
    claim_size: dict[int, int] = defaultdict(int)
    for claim in gold.values():
        claim_size[claim] += 1
    member_of: dict[str, list[int]] = defaultdict(list)
    for k, p in enumerate(props):
        for a in p:
            member_of[a].append(k)

    precisions, recalls, extended = [], [], []
    pairs_same = pairs_all = 0
    for a, claim in gold.items():
        mine = member_of.get(a, [])
        reach: dict[str, int] = defaultdict(int)  # U(a): article -> propositions shared with a
        for k in mine:
            for b in props[k]:
                reach[b] += 1
        reach.setdefault(a, 1)  # a pair with itself, as in plain B-cubed
        same = sum(gold[b] == claim for b in reach)
        precisions.append(same / len(reach))
        recalls.append(same / claim_size[claim])
        extended.append(sum((gold[b] == claim) / n for b, n in reach.items()) / len(reach))
        pairs_all += len(reach) - 1
        pairs_same += same - 1
    p = _mean(precisions)
    r = _mean(recalls)
    xp = _mean(extended)
    largest = max(props, key=lambda s: (len(s), sorted(s)), default=frozenset())
    return {
        "precision": _round(p), "recall": _round(r), "f1": _round(_f1(p, r)),
        "extended_precision": _round(xp), "extended_f1": _round(_f1(xp, r)),
        "pairs_precision": _round(pairs_same / pairs_all) if pairs_all else None,
        "pairs": pairs_all // 2,
        "articles": len(gold),
        "clustered": len(member_of),
        "gold_claims": len(claim_size),
        "gold_claims_shared": sum(n >= 2 for n in claim_size.values()),
        "propositions": len(props),
        "propositions_shared": sum(len(q) >= 2 for q in props),
        "largest": {"articles": len(largest), "claims": len({gold[a] for a in largest})},
    }


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _round(x: float) -> float:
    return round(x, 4)


# --- the store ----------------------------------------------------------------------


def ingest(store: Any, bodies: Mapping[str, str], articles: Sequence[str], *,
           workers: int | None = None) -> dict[str, list[str]]:
    """Store the articles and analyse those not yet analysed (without reconciling:
    :func:`evaluate` rebuilds the cross-document records once, with the code as it
    is now). Returns stored document id -> articles (same text, one document)."""
    from fogwatch.findings import Document
    from fogwatch.jobs import Finisher, RunSummary, store_document

    summary = RunSummary()
    finisher = Finisher(store, summary, reconcile=False, workers=workers)
    docs: dict[str, list[str]] = defaultdict(list)
    for body_id in articles:
        doc = Document.create(bodies[body_id], url=URL_PREFIX + body_id,
                              source=URL_PREFIX + body_id)
        kept = store_document(store, doc, summary, URL_PREFIX + body_id)
        if kept is None:
            continue
        stored, doc_id = kept
        docs[doc_id].append(body_id)
        if stored:
            finisher.put(doc)
        elif store.document_state(doc_id) == "stored" and doc_id == doc.id:
            finisher.put(doc)  # stored by a run that stopped before analysing it
    finisher.close()
    if summary.failed:
        source, error = summary.failed[0]
        raise RuntimeError(f"{len(summary.failed)} articles failed ({source}: {error})")
    return dict(docs)


def all_propositions(store: Any) -> Iterator[Any]:
    """Every proposition of the store, read a page at a time."""
    offset = 0
    while True:
        page = store.propositions(limit=500, offset=offset)
        if not page:
            return
        offset += len(page)
        yield from page


def store_clusters(store: Any, articles_of: Mapping[str, Sequence[str]]) -> list[set[str]]:
    """Every proposition of the store as the set of articles that take a stance in it."""
    return [{a for s in prop.stances for a in articles_of.get(s.document, ())}
            for prop in all_propositions(store)]


def evaluate(path: Path, split: Split = "dev", limit: int | None = None,
             store_path: Path | None = None, workers: int | None = None,
             board: bool = True) -> dict[str, Any]:
    """Ingest the split's articles (the first ``limit`` by Body ID), rebuild the
    propositions and score them against the gold claims; with ``board``, also the
    board's outlet stances against the gold stances (:mod:`.boardstance`)."""
    from fogwatch.reconcile import reconcile_all
    from fogwatch.store import Store

    bodies, pairs = read_folder(path)
    chosen = select(pairs, split)
    articles = sorted({p.body_id for p in chosen}, key=_article_order)[:limit]
    gold = gold_claims(chosen, articles)
    with tempfile.TemporaryDirectory() as tmp:
        db = store_path or Path(tmp) / "fnc1.sqlite"
        with Store.open(str(db)) as store:
            started = time.perf_counter()
            articles_of = ingest(store, bodies, articles, workers=workers)
            analysed = time.perf_counter()
            extra = store.count_documents() - len(articles_of)
            if extra:
                raise ValueError(f"the store holds {extra} documents outside this selection "
                                 "(use one store per split and limit)")
            reconcile_all(store)
            reconciled = time.perf_counter()
            clusters = store_clusters(store, articles_of)
            stances = boardstance.score(store, bodies, chosen, articles_of) if board else None
    result = score(clusters, gold)
    if stances is not None:
        stances.pop("examples")
        result["board_stance"] = stances
    result.update({
        "split": split, "documents": len(articles_of),
        "analysis_seconds": round(analysed - started, 1),
        "reconcile_seconds": round(reconciled - analysed, 1),
    })
    return result


def render(result: dict[str, Any], errors: int = 0) -> str:
    """A plain-text summary of the figures (``errors``: inverted board stances shown)."""
    largest = result["largest"]
    lines = [
        f"FNC-1 claim clustering ({result['split']}: {result['articles']} articles, "
        f"{result['gold_claims']} gold claims, {result['gold_claims_shared']} with 2+ articles)",
        f"  B-cubed precision  {result['precision']:.4f}",
        f"  B-cubed recall     {result['recall']:.4f}",
        f"  B-cubed F1         {result['f1']:.4f}",
        f"  extended precision {result['extended_precision']:.4f}   (Amigó et al. 2009)",
        "  pairs precision    "
        + ("-" if result["pairs_precision"] is None else f"{result['pairs_precision']:.4f}")
        + f"   ({result['pairs']} pairs of articles sharing a proposition)",
        f"  propositions       {result['propositions']} ({result['propositions_shared']} "
        f"with 2+ articles); {result['clustered']} of {result['articles']} articles in one",
        f"  largest            {largest['articles']} articles about {largest['claims']} "
        "gold claims",
    ]
    if "board_stance" in result:
        lines.append(boardstance.render(result["board_stance"], errors))
    if "reconcile_seconds" in result:
        lines.append(f"  seconds            analysis {result['analysis_seconds']}, "
                     f"reconcile {result['reconcile_seconds']} ({result['documents']} documents)")
    return "\n".join(lines)
