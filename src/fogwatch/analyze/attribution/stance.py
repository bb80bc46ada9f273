"""The reporter's stance toward each attribution, and links between attributions.

Rules over the context of the cue (PolNeAR has no stance labels to learn from):

- hedged: a hedge adverb on the cue or its source ("reportedly", "allegedly",
  "supposedly", "purportedly"), "it is said/reported", or a cue that itself
  distances ("claim", "allege").
- unconfirmed: after the cue, in the same or the next sentence, the text says the
  claim lacks confirmation ("no confirmation", "could not be independently
  verified", "unverified", "without evidence").
- disputed: a later attribution with a rejecting cue ("deny", "dismiss",
  "reject", "refute", "call ... false") whose content points back ("these
  claims", "the report") or repeats the claim's words. The rejecting one's index
  goes into ``disputed_by``.
- refuted: the author states it false right after ("in fact", "this is false",
  "contrary to"), says it was false as it was made ("falsely claimed", "wrongly
  reported"), or corrects an earlier version of its own text ("An earlier version
  of this article stated that ...").

When several apply the strongest wins: refuted > disputed > unconfirmed > hedged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from fogwatch import wordlists as wl
from fogwatch.analyze.attribution.features import sent_bounds
from fogwatch.analyze.base import doc_text
from fogwatch.findings import Attribution

HEDGES = wl.HEARSAY_ADVERBS
HEDGING_CUES = wl.DISTANCING_CUES
# A rejecting cue: a denial, or scorn ("derided the claims").
REJECT_CUES = wl.DENIAL_VERBS | wl.SCORN_VERBS
# "called the report false", "described these claims as fictitious"
REJECT_WORDS = wl.FALSE_VERDICTS
BACK_REFERENCES = re.compile(
    r"\b(these|those|this|that|the|such|his|her|their|its)\s+"
    r"(claims?|reports?|assertions?|allegations?|statements?|accounts?|figures?|numbers?|"
    r"stor(?:y|ies)|suggestions?|rumou?rs?|assessments?)\b|\b(it|this|that|them)\b",
    re.I,
)
# the cue verbs a back-referring noun names ("these claims" points back to a
# "claimed", before any nearer attribution of another kind)
NOUN_CUES = {
    "claim": {"claim"}, "report": {"report"}, "assertion": {"assert"},
    "allegation": {"allege"}, "statement": {"state"}, "suggestion": {"suggest"},
    "assessment": {"assess"}, "account": {"recount", "describe"},
}
UNCONFIRMED = wl.UNCONFIRMED
REFUTED = re.compile(
    r"\bin (?:fact|reality|truth)\b|\bcontrary to\b|\b(?:this|that|it|the claim) (?:is|was) "
    r"(?:false|untrue|not true|wrong)\b",
    re.I,
)
RANK = {"asserted": 0, "hedged": 1, "unconfirmed": 2, "disputed": 3, "refuted": 4}
_STOP = frozenset(["the", "a", "an", "of", "to", "in", "on", "and", "or", "that", "this", "these", "those", "is", "was", "were", "are", "be", "been", "by", "for", "with", "as", "at", "from", "it", "its", "their", "his", "her", "they", "he", "she"])


def _raise(att: Attribution, stance: str) -> None:
    if RANK[stance] > RANK[att.stance]:
        att.stance = stance  # type: ignore[assignment]


def _tokens_of(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _cue_root(doc: Doc, att: Attribution) -> Token | None:
    toks = _tokens_of(doc, att.cue.start, att.cue.end)
    if not toks:
        return None
    for t in toks:
        if not (toks[0].i <= t.head.i <= toks[-1].i) or t.head.i == t.i:
            return t
    return toks[0]


def is_hedged(doc: Doc, att: Attribution) -> bool:
    root = _cue_root(doc, att)
    if root is None:
        return False
    if root.lemma_.lower() in HEDGING_CUES or root.lower_ in HEDGES:
        return True
    # hedge words modifying the cue, or close before it in the same sentence
    if any(c.lower_ in HEDGES for c in root.children):
        return True
    lo = max(sent_bounds(doc, root.i)[0], root.i - 4)
    if any(doc[i].lower_ in HEDGES for i in range(lo, root.i)):
        return True
    # "it is said / it was reported that"
    return bool(root.tag_ == "VBN" and any(c.lower_ == "it" and c.dep_ == "nsubjpass"
                                           for c in root.children))


def _stop_after(doc: Doc, i: int) -> int:
    """Character offset of the end of the sentence after the one holding token ``i``."""
    end = sent_bounds(doc, i)[1]
    if end < len(doc):
        end = sent_bounds(doc, end)[1]
    last = doc[end - 1]
    return last.idx + len(last)


def _after_text(doc: Doc, att: Attribution) -> str:
    """From the end of the attribution to the end of the next sentence."""
    end = max([att.cue.end] + [c.end for c in att.content])
    tok = doc.char_span(end - 1, end, alignment_mode="expand")
    if tok is None:
        return ""
    return doc_text(doc)[end:_stop_after(doc, tok[0].i)]


def _after_cue(doc: Doc, att: Attribution) -> str:
    """From the end of the cue to the end of the sentence after the attribution's."""
    end = max([att.cue.end] + [c.end for c in att.content])
    tok = doc.char_span(end - 1, end, alignment_mode="expand")
    if tok is None:
        return ""
    return doc_text(doc)[att.cue.end:_stop_after(doc, tok[0].i)]


def _same_speaker(a: Attribution, b: Attribution) -> bool:
    """The same source goes on ("the General Staff said X, citing Y")."""
    if a.source is None or b.source is None:
        return False
    if a.source_entity and a.source_entity == b.source_entity:
        return True
    return (a.source.start, a.source.end) == (b.source.start, b.source.end)


def is_unconfirmed(doc: Doc, att: Attribution, all_atts: Sequence[Attribution] = ()) -> bool:
    if UNCONFIRMED.search(doc_text(doc)[att.cue.start - 40 if att.cue.start >= 40 else 0:att.cue.start]):
        return False  # "no confirmation" before the cue belongs to an earlier claim
    # the content itself may run on to "..., but there is no confirmation of this"
    after = _after_cue(doc, att)
    # ... but not past the next claim: "A said X. B reportedly did Y, though this
    # could not be verified" leaves A's claim alone
    end = max([att.cue.end] + [c.end for c in att.content])
    nxt = min((o.cue.start for o in all_atts if o is not att and o.cue.start >= end
               and not _same_speaker(att, o)), default=None)
    if nxt is not None:
        after = after[:max(0, nxt - att.cue.end)]
    return bool(UNCONFIRMED.search(after))


def is_refuted(doc: Doc, att: Attribution, all_atts: list[Attribution]) -> bool:
    """The author's own voice contradicts it right after (not another attribution)."""
    after = _after_text(doc, att)
    m = REFUTED.search(after)
    if m is None:
        return False
    at = max([att.cue.end] + [c.end for c in att.content]) + m.start()
    # inside another attribution's content: someone else's words, not the author's
    return not any(c.start <= at < c.end for o in all_atts if o is not att for c in o.content)


# The outlet's own earlier text, which a correction sets right
EARLIER_VERSION = re.compile(
    r"\b(?:earlier|previous|prior|original)\s+(?:version|edition)\s+of\s+th(?:is|e)\s+"
    r"(?:article|story|report|post|piece)\b", re.I)


def is_corrected(doc: Doc, att: Attribution) -> bool:
    """The writer says the report was wrong as it was made ("falsely claimed",
    "wrongly reported"), or the source is the article's own earlier version."""
    if att.source is not None and EARLIER_VERSION.search(att.source.text):
        return True
    root = _cue_root(doc, att)
    if root is None:
        return False
    lo = max(sent_bounds(doc, root.i)[0], root.i - 2)
    return any(c.lower_ in wl.FALSELY for c in root.children) or any(
        doc[i].lower_ in wl.FALSELY for i in range(lo, root.i))


def _content_words(doc: Doc, att: Attribution) -> set[str]:
    words: set[str] = set()
    for c in att.content:
        for t in _tokens_of(doc, c.start, c.end):
            if t.is_alpha and t.lower_ not in _STOP:
                words.add(t.lemma_.lower())
    return words


def is_rejection(doc: Doc, att: Attribution) -> bool:
    root = _cue_root(doc, att)
    if root is None:
        return False
    if root.lemma_.lower() in REJECT_CUES:
        return True
    # "called the report false", "described these claims as fictitious"
    if root.lemma_.lower() in {"call", "describe", "label", "brand"}:
        text = " ".join(doc_text(doc)[c.start:c.end] for c in att.content).lower()
        return any(w in text.split() for w in REJECT_WORDS)
    return False


def link_disputes(doc: Doc, atts: list[Attribution], max_sentences: int = 4) -> None:
    """Mark attributions rejected by a later one as disputed, with back links."""
    for j, rej in enumerate(atts):
        if not is_rejection(doc, rej):
            continue
        content = " ".join(doc_text(doc)[c.start:c.end] for c in rej.content)
        obj_text = doc_text(doc)[rej.cue.end:rej.cue.end + 60]
        back = BACK_REFERENCES.search(content) or BACK_REFERENCES.match(obj_text.strip())
        refers_back = bool(back)
        noun = (back.group(2) or "").lower() if back else ""
        named = NOUN_CUES.get(noun.rstrip("s"), set())
        rej_words = _content_words(doc, rej)
        target: int | None = None
        fallback: int | None = None
        for i in range(j - 1, -1, -1):
            cand = atts[i]
            if rej.sentence - cand.sentence > max_sentences:
                break
            if cand.source_entity and cand.source_entity == rej.source_entity:
                continue  # a source does not dispute itself
            if cand.cue.start >= rej.cue.start:
                continue
            if any(c.start <= rej.cue.start < c.end for c in cand.content):
                continue  # the rejection sits inside it: a tagging slip, not its target
            shared = len(rej_words & _content_words(doc, cand))
            if shared >= 3:
                target = i
                break
            if refers_back:
                root = _cue_root(doc, cand)
                if not named or (root is not None and root.lemma_.lower() in named):
                    target = i
                    break
                if fallback is None:
                    fallback = i
        if target is None:
            target = fallback
        if target is not None:
            atts[target].disputed_by.append(j)
            _raise(atts[target], "disputed")


def assign_stances(doc: Doc, atts: list[Attribution]) -> None:
    for att in atts:
        if is_hedged(doc, att):
            _raise(att, "hedged")
        if is_unconfirmed(doc, att, atts):
            _raise(att, "unconfirmed")
    link_disputes(doc, atts)
    for att in atts:
        if is_refuted(doc, att, atts) or is_corrected(doc, att):
            _raise(att, "refuted")
