"""How an article itself treats a claim: one stance per proposition and article.

The outlet *reports* what it attributes to a source; it *asserts* only what it
says in its own voice, and *denies* when its own voice contradicts the claim
("absurdly inflated", "without evidence", "We found no footage", "But in
fact"). Its own voice is its sentences outside any attribution (claim units of
role ``outlet``) and, next to an attributed claim, the words no attribution
covers (:class:`OutletVoice`).
"""

from __future__ import annotations

import re

from fogwatch import sentences as sx
from fogwatch.findings import Analysis
from fogwatch.reconcile import claimstance as cs
from fogwatch.reconcile import text as tx
from fogwatch.reconcile.units import ClaimUnit
from fogwatch.reconcile.voice import BACK_REFERENCE, endorsed, own_verdict

# Right after a story the writer passes on, "it" is that story ("Unfortunately,
# it is not true").
IT = re.compile(r"\bit(?:[’']s)?\b", re.IGNORECASE)


def stance_of(unit: ClaimUnit, negative: bool) -> str:
    """A unit's stance toward a proposition (``negative``: the proposition states
    a negation, "there was no encirclement")."""
    if unit.polarity == "unverified":
        return "unverified"
    stance = unit.polarity
    if unit.target is None and unit.negative != negative:
        stance = "denies" if stance == "asserts" else "asserts"
    return stance


class OutletVoice:
    """The writer's own words around the attributions of one document.

    What the outlet says in its own voice next to a claim it attributes
    decides how it treats that claim: "a report that even many milbloggers
    found absurdly inflated: ... he claimed that ...", "The ministry said its
    troops had linked up. We found no footage or imagery of such a link-up.",
    "as the Kyiv Independent puts it, ...". Sentences are split once per
    document, on first use.
    """

    __slots__ = ("analysis", "_sentences", "_spans", "_verdicts", "_stance_doc", "_labels")

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._sentences: list[tuple[int, int]] | None = None
        self._spans: list[tuple[int, int, int]] = []  # (start, end, attribution)
        self._verdicts: dict[int, str | None] = {}
        self._stance_doc: cs.StanceDoc | None = None
        self._labels: dict[str, str] = {}

    def classifier_label(self, statement: str) -> str:
        """The claim-stance classifier's label (agree, disagree, discuss,
        unrelated) for the article toward ``statement``; the article is
        prepared once, on first use."""
        if statement not in self._labels:
            model = cs.load_model()
            if self._stance_doc is None:
                self._stance_doc = cs.prepare(self.analysis.document.text, model)
            self._labels[statement] = cs.stance(statement, self._stance_doc, model).label
        return self._labels[statement]

    def _setup(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = sx.of_document(self.analysis.document)
            for i, att in enumerate(self.analysis.attributions):
                parts = [att.cue, *att.content] + ([att.source] if att.source else [])
                self._spans.extend((p.start, p.end, i) for p in parts)
        return self._sentences

    def _own(self, lo: int, hi: int) -> str:
        """The writer's words in [lo, hi): what no attribution's source, cue or
        content covers; the gaps between them kept apart."""
        text = self.analysis.document.text
        cuts = sorted((max(lo, s), min(hi, e)) for s, e, _ in self._spans if s < hi and lo < e)
        out, at = [], lo
        for s, e in cuts:
            if s > at:
                out.append(text[at:s])
            at = max(at, e)
        out.append(text[at:hi])
        return " ; ".join(part for part in out if part.strip())

    def verdict(self, unit: ClaimUnit) -> str | None:
        """How the writer treats the claim of an attributed unit in its own words:
        "denies" (the writer states it false right after, calls it inflated or
        baseless, or sets its own evidence against it), "asserts" ("as X puts
        it"), or None (it only reports it)."""
        i = unit.attribution
        if i is None or unit.role != "source":
            return None
        if i not in self._verdicts:
            self._verdicts[i] = self._verdict(i, unit)
        return self._verdicts[i]

    def _verdict(self, i: int, unit: ClaimUnit) -> str | None:
        att = self.analysis.attributions[i]
        if att.stance == "refuted":  # "But in fact, ..." right after it
            return "denies"
        sentences = self._setup()
        text = self.analysis.document.text
        k = sx.index(sentences, att.cue.start)
        if k is None:
            return None
        lo, hi = sentences[k]
        mine = [(s, e) for s, e, j in self._spans if j == i]
        first, last = min(s for s, _ in mine), max(e for _, e in mine)
        # Within its sentence, the writer's words between the neighbouring claims
        # of other speakers speak of this one.
        for s, e, j in self._spans:
            if j == i or self.analysis.attributions[j].nested_in == i \
                    or att.nested_in == j or not (lo <= s < hi):
                continue
            if e <= first:
                lo = max(lo, e)
            elif s >= last:
                hi = min(hi, s)
        if own_verdict(self._own(lo, hi)):
            return "denies"
        if att.source and endorsed(text[sentences[k][0]:att.source.start], att.cue.text):
            return "asserts"
        return "denies" if self._verdict_after(k, unit) else None

    def _verdict_after(self, k: int, unit: ClaimUnit, loose: bool = False) -> bool:
        """Does the sentence after sentence ``k``, wholly the writer's, call the
        unit's claim false, pointing back at it (``loose``: "it" points back too)?"""
        sentences = self._setup()
        if k + 1 >= len(sentences):
            return False
        s, e = sentences[k + 1]
        after = self.analysis.document.text[s:e]
        return not any(a < e and s < b for a, b, _ in self._spans) and own_verdict(after) \
            and bool(BACK_REFERENCE.search(after) or tx.terms(after) & unit.terms
                     or (loose and IT.search(after)))

    def follows_verdict(self, unit: ClaimUnit) -> bool:
        """For a story the outlet passes on in its own sentence (``unit.relayed``):
        does its next sentence call it false ("Unfortunately, it is not true")?"""
        sentences = self._setup()
        k = sx.index(sentences, unit.start)
        return k is not None and self._verdict_after(k, unit, loose=True)


def outlet_stance(members: list[ClaimUnit], negative: bool,
                  voice: OutletVoice | None = None,
                  statement: str | None = None) -> tuple[str, ClaimUnit]:
    """How the article itself treats the claim: one stance.

    The outlet *asserts* only what it says in its own voice and *denies* when its
    own voice contradicts the claim; what it attributes to a source it
    *reports*, unless it says it cannot verify it.

    With ``voice`` and the proposition's ``statement``, the claim-stance
    classifier (:mod:`fogwatch.reconcile.claimstance`, the one that tracks
    claims) checks the rules: the outlet asserts the statement only when the
    classifier reads the article as agreeing with it, and does not deny what
    the classifier reads it as agreeing with; otherwise the outlet reports it.
    A denial need not wait for the classifier's ``disagree``: it misses the
    writer's own evidence of absence ("We found no footage of such a
    link-up"), which the rules see. The writer's explicit word on an
    attributed claim ("But in fact, ...", "as X puts it") is not checked.
    Measured with ``fogwatch eval claims``
    (FNC-1, see :mod:`fogwatch.evaluate.boardstance`).
    """
    stance, unit = _by_voice(members, negative, voice)
    if stance in ("asserts", "denies") and voice is not None and statement \
            and not _explicit(stance, unit, voice):
        label = voice.classifier_label(statement)
        if (stance == "asserts" and label != "agree") or (stance == "denies" and label == "agree"):
            return "reports", unit
    return stance, unit


def _explicit(stance: str, unit: ClaimUnit, voice: OutletVoice) -> bool:
    """The writer's explicit word on an attributed claim, which needs no check:
    "But in fact, ..." right after it (denies), "as X puts it" (asserts)."""
    if unit.role != "source" or unit.attribution is None:
        return False
    if stance == "denies":
        return unit.reporter == "refuted"
    return voice.verdict(unit) == "asserts"


def _by_voice(members: list[ClaimUnit], negative: bool,
              voice: OutletVoice | None) -> tuple[str, ClaimUnit]:
    """The outlet's stance from who says what (see :func:`outlet_stance`)."""
    # The outlet's own figures join a claim but do not judge it, nor does a story
    # it passes on, unless its own words right after call the story false.
    judged = [(stance_of(u, negative), u) for u in members
              if u.role == "outlet" and not u.figure and not u.relayed]
    if voice is not None:
        for u in members:
            if u.relayed and u.role == "outlet" and voice.follows_verdict(u) \
                    and stance_of(u, negative) == "asserts":
                judged.append(("denies", u))
            verdict = voice.verdict(u)
            if verdict is None or u.polarity == "unverified":
                continue
            own = stance_of(u, negative)  # the source's stance toward the proposition
            if verdict == "asserts" and own in ("asserts", "denies"):
                judged.append((own, u))  # "as X puts it": the source's stance, the outlet's
            elif verdict == "denies" and own == "asserts":
                judged.append(("denies", u))
    stances = [stance for stance, _ in judged]
    for pick in ("denies", "unverified", "asserts"):
        if pick in stances:
            return pick, judged[stances.index(pick)][1]
    for u in members:
        if u.reporter == "unconfirmed":
            return "unverified", u
    return "reports", members[0]
