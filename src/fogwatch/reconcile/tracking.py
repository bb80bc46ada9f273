"""Track a claim: every stored article's stance toward a claim in an analyst's words.

Given a claim as the analyst writes it ("More than 5,000 Ukrainian soldiers are
trapped in Myrnohrad"), :func:`track_claim` says for each article whether it
``asserts`` the claim, ``denies`` it or ``reports`` it (relays it without taking
a side), with the passage that decides it and the proposition of the claim board
the article's own matching claim joins. Articles that are unrelated are counted,
not listed.

The stance is decided by :mod:`fogwatch.reconcile.claimstance`, the same
classifier the FNC-1 scorer measures (``fogwatch eval fnc1``); nothing here
decides a stance of its own.

Cost, and why it does not grow with the store: the classifier reads whole
articles (a few milliseconds each), so it is run only on candidates. The
candidates are the articles full-text search finds for any of the claim's
content words (stop words dropped), best match first (bm25 on SQLite, ts_rank_cd
on PostgreSQL; both weigh a rare word such as a town's name above a common one),
and at most ``candidates`` of them (200 by default): one index query, then the
classifier on at most that many articles, each analysed once. An article that
shares none of the claim's words cannot be related to it by the classifier's
own features, so the search loses little; one that shares only common words
with it may rank below the bound on a very large store, and is then not
considered (:attr:`Tracked.considered` says how many were).

Order of the list: the two sides first, ``denies`` then ``asserts``, then
``reports``; within each, newest published first (undated last), then the
classifier's confidence.

A watched claim (:mod:`fogwatch.store.watched`) is tracked the same way over the
articles ingested since the analyst last looked: :func:`watched_news`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fogwatch.reconcile import claimstance as cs
from fogwatch.store import Store
from fogwatch.store.watched import (
    CandidateDocument,
    DocumentClaim,
    WatchedClaim,
    check_claim,
    search_words,
)

DEFAULT_CANDIDATES = 200
MAX_CANDIDATES = 1000
# A document's proposition is the one whose statement (or the document's own
# words for it) is most similar to the claim (TF-IDF cosine over stems), at least
# this much; one whose words overlap the deciding passage is preferred by PASSAGE_BONUS.
MIN_PROPOSITION_MATCH = 0.2
PASSAGE_BONUS = 0.1
ORDER = {"denies": 0, "asserts": 1, "reports": 2}


@dataclass(slots=True)
class TrackedDocument:
    """One article's stance toward a tracked claim."""

    document: str
    title: str | None
    outlet: str | None
    published: str | None
    ingested_at: str
    stance: str                 # the board's word: asserts, denies, reports
    label: str                  # the classifier's (FNC-1) label
    score: float                # the classifier's probability of that label
    passage: str                # the sentence that decides it
    passage_start: int
    passage_end: int
    proposition: str | None = None
    proposition_statement: str | None = None
    proposition_match: float | None = None
    new: bool = False           # ingested after the watched claim was last seen

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]


@dataclass(slots=True)
class Tracked:
    """Every related article's stance toward one claim."""

    claim: str
    considered: int             # articles the search offered and the classifier read
    unrelated: int              # of those, how many the classifier found unrelated
    documents: list[TrackedDocument] = field(default_factory=list)
    candidates: int = DEFAULT_CANDIDATES  # the bound on the search

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(d.stance for d in self.documents)
        return {s: found.get(s, 0) for s in ORDER}

    @property
    def new(self) -> list[TrackedDocument]:
        return [d for d in self.documents if d.new]

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        shown = self.documents if limit is None else self.documents[:limit]
        return {"claim": self.claim, "considered": self.considered,
                "unrelated": self.unrelated, "candidates": self.candidates,
                "counts": self.counts, "total": len(self.documents),
                "documents": [d.to_dict() for d in shown]}


def claim_words(claim: str) -> list[str]:
    """The words a claim is searched by: its tokens without the classifier's stop
    words (numbers kept)."""
    return search_words([w for w, *_ in cs.tokens(claim)
                         if w not in cs.STOPWORDS and (len(w) > 1 or w.isdigit())])


def text_vector(text: str, model: cs.StanceModel,
                cache: dict[str, dict[str, float]] | None = None) -> dict[str, float]:
    """A text's TF-IDF vector over the classifier's content stems (``cache``: text ->
    vector, for a caller that compares the same statements many times)."""
    if cache is not None and text in cache:
        return cache[text]
    words = [w for w, *_ in cs.tokens(text or "")]
    vec = cs.tfidf(cs.content(words), model.idf, model.default_idf)
    if cache is not None:
        cache[text] = vec
    return vec


def best_proposition(claim_vec: dict[str, float], found: list[DocumentClaim],
                     passage: tuple[int, int], model: cs.StanceModel,
                     cache: dict[str, dict[str, float]] | None = None,
                     ) -> tuple[DocumentClaim, float] | None:
    """The document's proposition most like the claim, if any is like it enough
    (its similarity is returned without the passage's bonus; ``passage`` (0, 0)
    gives none)."""
    best: tuple[DocumentClaim, float, float] | None = None
    for c in found:
        sim = max(cs.cosine(claim_vec, text_vector(c.statement, model, cache)),
                  cs.cosine(claim_vec, text_vector(c.text or "", model, cache)))
        if sim < MIN_PROPOSITION_MATCH:
            continue
        overlaps = c.start is not None and c.end is not None \
            and c.start < passage[1] and passage[0] < c.end
        rank = sim + (PASSAGE_BONUS if overlaps else 0.0)
        if best is None or rank > best[2]:
            best = (c, sim, rank)
    return (best[0], best[1]) if best else None


def _after(moment: str, since: datetime | None) -> bool:
    return since is not None and bool(moment) and datetime.fromisoformat(moment) > since


def _order(d: TrackedDocument) -> tuple[Any, ...]:
    day = (d.published or "")[:10]
    # newest first: negate the date's digits so one ascending sort does it all
    return (ORDER.get(d.stance, 9), not day, [-ord(ch) for ch in day], -d.score, d.document)


def stances_of(claim: str, docs: list[CandidateDocument], store: Store, *,
               model: cs.StanceModel | None = None,
               new_after: str | None = None) -> tuple[list[TrackedDocument], int]:
    """The related documents among ``docs`` (in :data:`ORDER`) and how many were unrelated."""
    model = model or cs.load_model()
    if not docs:
        return [], 0
    prepared = [cs.prepare(d.text, model) for d in docs]
    results = cs.stance_batch([(claim, p) for p in prepared], model)
    related = [(d, r) for d, r in zip(docs, results, strict=True) if r.label != "unrelated"]
    claims = store.document_claims([d.id for d, _ in related])
    claim_vec = cs.analyse_claim(claim, model).vector
    since = datetime.fromisoformat(new_after) if new_after else None
    out = []
    for d, r in related:
        best = best_proposition(claim_vec, claims.get(d.id, []),
                                 (r.passage_start, r.passage_end), model)
        out.append(TrackedDocument(
            document=d.id, title=d.title, outlet=d.outlet, published=d.published,
            ingested_at=d.ingested_at, stance=r.board_label, label=r.label,
            score=round(r.score, 4), passage=d.text[r.passage_start:r.passage_end],
            passage_start=r.passage_start, passage_end=r.passage_end,
            proposition=best[0].proposition if best else None,
            proposition_statement=best[0].statement if best else None,
            proposition_match=round(best[1], 3) if best else None,
            new=_after(d.ingested_at, since),
        ))
    out.sort(key=_order)
    return out, len(docs) - len(related)


def track_claim(store: Store, claim: str, *, candidates: int = DEFAULT_CANDIDATES,
                ingested_after: str | None = None, new_after: str | None = None,
                model: cs.StanceModel | None = None) -> Tracked:
    """Every candidate article's stance toward ``claim`` (see the module's docstring).

    ``ingested_after`` (an ISO datetime): only articles ingested later are
    considered; ``new_after``: articles ingested later are marked ``new``.
    ValueError when the claim is empty or too long.
    """
    claim = check_claim(claim)
    candidates = max(1, min(candidates, MAX_CANDIDATES))
    docs = store.claim_candidates(claim_words(claim), limit=candidates,
                                  ingested_after=ingested_after)
    found, unrelated = stances_of(claim, docs, store, model=model, new_after=new_after)
    return Tracked(claim=claim, considered=len(docs), unrelated=unrelated, documents=found,
                   candidates=candidates)


@dataclass(slots=True)
class WatchedNews:
    """A watched claim and the articles ingested since it was last seen that take a
    stance on it."""

    watched: WatchedClaim
    new: list[TrackedDocument]

    def to_dict(self) -> dict[str, Any]:
        return {**self.watched.to_dict(), "new_documents": len(self.new),
                "new": [d.to_dict() for d in self.new]}


def watched_news(store: Store, watched: list[WatchedClaim] | None = None, *,
                 candidates: int = DEFAULT_CANDIDATES,
                 model: cs.StanceModel | None = None) -> list[WatchedNews]:
    """For each watched claim, the new articles that take a stance on it: only
    articles ingested after the claim's ``seen_at`` are searched, so the work is
    bounded by what arrived since the analyst last looked."""
    model = model or cs.load_model()
    out = []
    for w in store.watched_claims() if watched is None else watched:
        tracked = track_claim(store, w.text, candidates=candidates, ingested_after=w.seen_at,
                              new_after=w.seen_at, model=model)
        out.append(WatchedNews(watched=w, new=tracked.documents))
    return out
