"""An analyst's corrections of the claim board as training pairs for the
claim-stance classifier.

``fogwatch train fnc1 --corrections DB`` reads the store's claim corrections
(:mod:`fogwatch.store.claim_corrections`) and turns them into FNC-1's terms,
pairs of a claim text, an article's text and a label: the claim is the
statement of the proposition a member is in now, the article the member's
stored document, the label the member's stance in force mapped onto FNC-1's
(:data:`FNC_LABEL`: asserts: agree, denies: disagree, reports and unverified:
discuss). The classifier decides a whole document's stance, so only members of
role ``outlet`` (the article's own treatment of the claim) become pairs:

- a ``stance`` set on an outlet member: the analyst's own label;
- a ``move`` of an outlet member into another proposition: the document is
  about the target's statement, with the stance in force (the machine's unless
  a ``stance`` set it too). A source's member moved takes its article's own
  stance on the same words along (:func:`fogwatch.reconcile.claimfix.apply_one`),
  and that outlet member counts the same way. The statement it left does not
  become an ``unrelated`` pair: a member is moved because two claims are one
  (the left statement is often a paraphrase, made from the same words), not
  because the article is unrelated to it;
- a ``stance`` set on a source's member is that speaker's stance, not the
  article's, and teaches the document-level classifier nothing; a ``split`` (the
  new claim's statement is the member's own words) and a ``merge`` (whole claims
  joined, no stance judged) say how claims are cut, not how an article treats
  one. All three are counted as unused.

A correction waiting for its documents, orphaned (its words are gone) or
withdrawn is left out. Several corrections of one member: the stance and the
proposition in force (every correction applied, in order) decide; one
document's pair with one statement is made once.

Read through the store's public methods only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fogwatch.store import Store
from fogwatch.train.corrections import all_pages

FNC_LABEL = {"asserts": "agree", "denies": "disagree", "reports": "discuss",
             "unverified": "discuss"}
USED_ACTIONS = ("stance", "move")


@dataclass(frozen=True, slots=True)
class StancePair:
    """One training pair from the claim board: FNC-1's headline, body and stance."""

    claim: str
    text: str
    label: str
    document: str
    proposition: str


@dataclass(slots=True)
class ClaimPairSet:
    """What a store's claim corrections give the classifier, and what they could not."""

    store: str
    pairs: list[StancePair] = field(default_factory=list)
    used: Counter[str] = field(default_factory=Counter)  # action -> corrections used
    unused: Counter[str] = field(default_factory=Counter)  # reason -> corrections

    def summary(self) -> dict[str, Any]:
        return {"store": self.store, "pairs": len(self.pairs),
                "documents": len({p.document for p in self.pairs}),
                "labels": dict(sorted(Counter(p.label for p in self.pairs).items())),
                "used": dict(sorted(self.used.items())),
                "unused": dict(sorted(self.unused.items()))}


def read_claim_pairs(store: Store) -> ClaimPairSet:
    """The training pairs of the store's claim corrections in force (see the module doc)."""
    found = all_pages(lambda limit, offset: store.list_claim_corrections(
        state="all", limit=limit, offset=offset))
    out = ClaimPairSet(store.url)
    texts: dict[str, str | None] = {}
    props: dict[str, Any] = {}
    seen: set[tuple[str, str]] = set()
    for c in sorted(found, key=lambda c: c.id):
        if c.state != "applied":
            out.unused[_STATE_REASON.get(c.state, c.state)] += 1
            continue
        if c.action not in USED_ACTIONS:
            out.unused[f"{c.action} (how claims are cut, not an article's stance)"] += 1
            continue
        if c.action == "stance" and c.anchors[0].get("role") != "outlet":
            out.unused["stance of a source (a speaker's, not the article's)"] += 1
            continue
        pid = c.proposition_id
        if pid not in props:
            props[pid] = store.get_proposition(pid) if pid else None
        prop = props[pid]
        members = [s for s in (prop.stances if prop is not None else [])
                   if s.role == "outlet" and _carries(s, c)]
        if not members:
            out.unused[f"{c.action}: no outlet member of the claim carries it"] += 1
            continue
        made = 0
        for s in members:
            if s.stance not in FNC_LABEL or not prop.statement.strip():
                continue
            if s.document not in texts:
                doc = store.get_document(s.document)
                texts[s.document] = doc.text if doc is not None else None
            text = texts[s.document]
            if not text:
                continue
            made += 1
            if (s.document, prop.id) in seen:
                continue
            seen.add((s.document, prop.id))
            out.pairs.append(StancePair(prop.statement, text, FNC_LABEL[s.stance],
                                        s.document, prop.id))
        if made:
            out.used[c.action] += 1
        else:
            out.unused[f"{c.action}: its document or statement is empty"] += 1
    return out


def _carries(s: Any, c: Any) -> bool:
    """Whether the outlet member ``s`` is one ``c`` corrected: marked with it, or
    (a stance set to what the machine had, which marks nothing) on its words."""
    if c.id in ((s.corrected or {}).get("corrections") or []):
        return True
    a = c.anchors[0]
    return (a.get("role") == "outlet" and s.document == a.get("document")
            and s.start == a.get("start") and s.end == a.get("end"))


_STATE_REASON = {"waiting": "waiting (its documents are not reconciled yet)",
                 "orphaned": "orphaned (its words are no longer in the documents)",
                 "withdrawn": "withdrawn"}
