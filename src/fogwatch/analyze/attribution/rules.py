"""Dependency rules that fill what the taggers leave out.

Kept only where they help on PolNeAR dev or on patterns PolNeAR rarely shows:

- ``dependency_source``: when the role tagger finds no source, the grammatical
  subject of the cue verb (or of the verb a participle or conjunct hangs on:
  "Trump mocked X, saying ..."; "Orbán, who reiterated ...").
- ``as_puts_it``: "as X puts it, ..." / "as X says, ..." when no cue was found
  on that verb: source X, content the quotation or the main clause.

Longer than 600 lines because it is the one list of rules the trainer switches
on and off by name on PolNeAR dev (``train.attribution``): each rule is short
and stands alone, and they share the small parse helpers at the top; split by
size, a reader would have to look in several files to see which rules exist.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from spacy.attrs import LOWER, ORTH, POS
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from fogwatch import wordlists as wl
from fogwatch.analyze.attribution.features import (
    CUE_LEMMAS,
    adjacent_quote,
    quote_depths,
    sent_bounds,
    trim_span,
)
from fogwatch.analyze.attribution.model import RawAttribution, TokSpan, tokens_of

SUBJECTS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
AS_VERBS = frozenset({"put", "say", "note", "write", "observe", "remark", "tell", "explain",
                      "argue", "report", "warn", "suggest", "claim"})


def _tokens_with(doc: Doc, attr: int, words: Iterable[str]) -> list[Token]:
    """The tokens whose ``attr`` (``LOWER`` or ``ORTH``) is one of ``words``, in order.

    The rules below look at a few words each; finding them in the token array
    spares building a Token for every word of the document.
    """
    if not len(doc):
        return []
    strings = doc.vocab.strings
    wanted = np.array([strings.add(w) for w in words], dtype=np.uint64)
    return [doc[i] for i in np.flatnonzero(np.isin(doc.to_array(attr), wanted)).tolist()]


def _verbs(doc: Doc) -> list[Token]:
    if not len(doc):
        return []
    return [doc[i] for i in np.flatnonzero(doc.to_array(POS) == VERB).tolist()]


def _np_span(tok: Token, stop_at: int | None = None) -> TokSpan:
    """The subtree of a noun, cut before ``stop_at`` (the cue) if it reaches it."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if stop_at is not None and start < stop_at < end:
        end = stop_at
    doc = tok.doc
    # a misparse can hang a whole earlier clause on the noun: never cross a
    # semicolon, keep the part nearest the cue (or the noun)
    near = stop_at if stop_at is not None and start < stop_at <= end else tok.i + 1
    cut = next((j + 1 for j in range(near - 1, start - 1, -1) if doc[j].text == ";"), start)
    if cut < end - 1:
        start = cut
    while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in SUBJECTS and child.lower_ not in {"it", "there"}:
            return child
    return None


def dependency_source(doc: Doc, cue: TokSpan) -> TokSpan | None:
    """The subject of the cue verb (following participles, conjuncts, relatives)."""
    start, end = cue
    root = doc[start]
    for i in range(start, end):
        if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
            root = doc[i]
            break
    verb = root
    for _ in range(3):
        subj = _subject_of(verb)
        if subj is not None:
            if subj.lower_ in RELATIVE and verb.dep_ == "relcl":
                noun = verb.head
                return noun.left_edge.i, noun.i + 1
            return _np_span(subj, stop_at=start)
        if verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
            noun = verb.head
            return noun.left_edge.i, noun.i + 1
        break
    return None


# prepositions that hang a gerund of speech on the act it explains: "got an
# exemption by repeating to Trump his favorite story", "after saying that ..."
# (participle clauses, "..., arguing that ...", hang on it directly)
GERUND_PREPS = frozenset({"by", "after", "before", "while", "in", "through", "upon", "without"})
# the links a walk from such a gerund up to the clause's subject may cross
GERUND_PATH = frozenset({"pcomp", "prep", "pobj", "dobj", "acl", "advcl", "xcomp", "conj"})


# subordinators of a clause whose subject a joined speech verb shares: "after the
# Treasury slammed the company and made it clear that ..."
CONJ_SOURCE_MARKS = frozenset({"after", "before", "when", "while", "as", "because", "since",
                               "although", "though", "once", "until", "if"})


def conj_source(doc: Doc, raw: RawAttribution) -> None:
    """A cue verb joined to an earlier verb, with no subject of its own, shares that
    verb's subject: "the Treasury slammed the company and made it clear that ...";
    "Rubio spoke to Lavrov and realized that ...".

    The subject replaces a source the tagger found elsewhere (the subject of the
    sentence's main clause, "Gunvor dropped its bid after the Treasury slammed
    ... and made it clear"), and fills a missing one.
    """
    root = _root_of(doc, raw.cue)
    if root.dep_ != "conj" or root.pos_ not in ("VERB", "AUX") or _subject_of(root) is not None:
        return
    if any(c.dep_ == "expl" or c.lower_ in {"it", "there"} and c.dep_ in SUBJECTS
           for c in root.children):
        return
    head = root.head
    while head.dep_ == "conj" and _subject_of(head) is None and head.head.i != head.i:
        head = head.head
    if head.pos_ not in ("VERB", "AUX") or head.i >= root.i:
        return
    if head.dep_ != "ROOT" and not (head.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in CONJ_SOURCE_MARKS for c in head.children)):
        # inside what someone says ("Merrill says Machado promised ... and
        # said"), the parser often joins the verb at the wrong level
        return
    subj = _subject_of(head)
    if subj is None or subj.dep_ != "nsubj" or subj.i > head.i or subj.lower_ in RELATIVE:
        return  # a passive's subject is told, not telling ("was summoned and told to")
    if any(c.dep_ == "auxpass" for c in head.children):
        return
    if raw.source and subj.pos_ not in ("PROPN", "NOUN"):
        return  # "each touting ... and saying": keep the tagger's named source
    span = _np_span(subj, stop_at=head.i)
    # the name, not a clause said of it after a comma ("The masked executioner,
    # speaking in English with ..., identifies Sotloff and says"); an apposition
    # stays ("Pavel Podvig, an analyst,")
    comma = next((j for j in range(subj.i + 1, span[1] - 1) if doc[j].text == ","
                  and (doc[j + 1].pos_ == "VERB" or doc[j + 1].lower_ in RELATIVE)), None)
    if comma is not None:
        span = (span[0], comma)
    if any(s <= span[0] < e or span[0] <= s < span[1] for s, e in raw.content):
        return  # the subject is inside what is said
    if raw.source and any(span[0] <= s and e <= span[1] for s, e in raw.source):
        return  # the tagger's source is (part of) this subject already
    raw.source = [span]


def gerund_source(doc: Doc, raw: RawAttribution) -> None:
    """A sourceless participle cue hung on a clause: the subject of the clause speaks.

    "Orbán got an exemption ... by repeating to Trump his favorite story"; "The
    newspapers filed a motion, arguing that ...". The walk goes up from the
    gerund after a preposition (through a misattached bracket if need be) or
    from the participle clause to the first verb with a subject.
    """
    if raw.source:
        return
    root = _root_of(doc, raw.cue)
    if root.dep_ == "pcomp" and root.tag_ == "VBG" and root.head.lower_ in GERUND_PREPS:
        node = root.head
    elif root.dep_ == "advcl" and root.tag_ in ("VBG", "VBN"):
        if any(c.dep_ == "parataxis" and c.i < root.i for c in root.head.children):
            return  # "X happened, the ministry said, dismissing ...": the ministry's
        node = root  # "filed a motion, arguing that ...", "pressed by Holt, ..."
    else:
        return
    for _ in range(6):
        if node.dep_ not in GERUND_PATH or node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = _subject_of(node)
            if subj is not None:
                span = _np_span(subj, stop_at=raw.cue[0])
                if not any(s <= span[0] < e for s, e in raw.content):
                    raw.source = [span]
                return


def _quoted_spans(doc: Doc, lo: int, hi: int, quotes: list[int]) -> list[TokSpan]:
    spans: list[TokSpan] = []
    i = lo
    while i < hi:
        if quotes[i]:
            j = i
            while j < hi and quotes[j]:
                j += 1
            if j - i > 2:
                spans.append((i, j))
            i = j
        else:
            i += 1
    return spans


def comparative_as(verb: Token) -> bool:
    """"not as great as he claims", "as many as officials say": the as-clause
    measures a word of the main clause; it does not attribute the clause."""
    head = verb.head
    return head.i != verb.i and head.pos_ in ("ADJ", "ADV", "NOUN", "NUM", "DET") and any(
        c.lower_ == "as" and c.i < head.i for c in head.children)


def as_puts_it(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """Attributions of the form "as X puts it, <content>" that the tagger missed, or
    found with the as-clause's own words as content."""
    covered = {i: r for r in found for i in range(*r.cue)}
    quotes: list[int] | None = None
    out: list[RawAttribution] = []
    for tok in _tokens_with(doc, LOWER, ("as",)):
        if tok.lower_ != "as" or tok.dep_ != "mark":
            continue
        verb = tok.head
        if verb.lemma_.lower() not in AS_VERBS or comparative_as(verb):
            continue
        # a cue the tagger found on the verb keeps only what it says after the
        # as-clause ("put it on [his YouTube stream]" is where, not what)
        raw = covered.get(verb.i)
        if raw is not None and any(not verb.left_edge.i <= s <= verb.right_edge.i
                                   for s, _ in raw.content):
            continue
        subj = _subject_of(verb)
        if subj is None:
            continue
        cue_end = verb.i + 1
        if cue_end < len(doc) and doc[cue_end].lower_ == "it":
            cue_end += 1
        sent_end = sent_bounds(doc, verb.i)[1]
        if quotes is None:
            quotes = quote_depths(doc)
        content = _quoted_spans(doc, cue_end, sent_end, quotes)
        if not content:
            # the main clause the as-clause modifies, without the as-clause itself
            content = _clause_around(doc, (verb.left_edge.i, verb.right_edge.i + 1), set(),
                                     head=verb.head)
        if not content:
            continue
        if raw is None:
            out.append(RawAttribution(cue=(verb.i, cue_end), source=[_np_span(subj)],
                                      content=content))
        else:
            raw.cue, raw.content = (verb.i, cue_end), content
            raw.source = raw.source or [_np_span(subj)]
    return out


# Hearsay adverbs as cues of an unnamed source; not "ostensibly", which hedges without
# pointing at a report ("ostensibly to protect civilians").
HEDGE_CUES = wl.HEARSAY_ADVERBS - {"ostensibly"}


def hedge_adverbs(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"The general was reportedly dismissed": an unnamed source, cue "reportedly".

    Only for an adverb on a clause's main verb that no found attribution already
    covers (in "a poll reportedly found ..." the adverb hedges the poll's cue).
    """
    covered = {i for r in found for s, e in (r.cue, *r.content) for i in range(s, e)}
    near_cue = {i for r in found for i in range(r.cue[0] - 3, r.cue[1] + 3)}
    out: list[RawAttribution] = []
    for tok in _tokens_with(doc, LOWER, HEDGE_CUES):
        if tok.lower_ not in HEDGE_CUES or tok.i in covered or tok.i in near_cue:
            continue
        verb = tok.head
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("ROOT", "ccomp", "conj"):
            continue
        lo, hi = verb.left_edge.i, verb.right_edge.i + 1
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        content = [p for p in ((lo, tok.i), (tok.i + 1, hi)) if p[1] > p[0]]
        if content:
            out.append(RawAttribution(cue=(tok.i, tok.i + 1), content=content))
    return out


def _passive(verb: Token) -> bool:
    """"was dismissed", "has been denied": the subject is what was done to."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def hedge_in_cue(doc: Doc, raw: RawAttribution) -> None:
    """"Lukoil has reportedly held talks": the hedge is the cue, Lukoil is what is said.

    When the tagger takes "has reportedly" (or "was reportedly dismissed", fired
    not rebutted) for the cue, the cue is the hedge word alone, the verb's
    subject is no source, and the content is the clause the hedge sits in.
    """
    hedge = next((i for i in range(*raw.cue) if doc[i].lower_ in HEDGE_CUES), None)
    if hedge is None or raw.cue == (hedge, hedge + 1):
        return
    if any(doc[i].lemma_.lower() in CUE_LEMMAS and not _passive(doc[i])
           for i in range(*raw.cue) if i != hedge):
        return  # "allegedly told", "reportedly found": a hedged cue of its own
    verb = doc[hedge].head
    raw.cue = (hedge, hedge + 1)
    subj = _subject_of(verb)
    if subj is not None:
        raw.source = [p for p in raw.source if not p[0] <= subj.i < p[1]]
    lo = min([verb.left_edge.i, *(s for s, _ in raw.content)])
    hi = max([verb.right_edge.i + 1, *(e for _, e in raw.content)])
    # up to a coordinated clause ("..., but none has said publicly ...")
    hi = next((c.i for c in verb.children if c.i > hedge and c.dep_ in ("cc", "conj")), hi)
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    raw.content = [p for p in ((lo, hedge), (hedge + 1, hi)) if p[1] > p[0]]


def according_to(doc: Doc, raw: RawAttribution) -> None:
    """"According to X, ...": X is the source, and never part of the content; the
    content is in the same sentence (the clause it hangs on, if the tagger looked
    elsewhere)."""
    start, end = raw.cue
    if doc[start].lower_ != "according" or start + 1 >= len(doc) or doc[start + 1].lower_ != "to":
        return
    objs = [c for c in doc[start + 1].children if c.dep_ == "pobj"]
    if not objs:
        return
    src = _np_span(objs[0])
    raw.source = [src]
    pieces: list[TokSpan] = []
    for s, e in raw.content:
        # cut the source and the cue out of the content
        for lo, hi in ((s, min(e, start)), (max(s, src[1]), e)):
            while hi > lo and (doc[lo].is_punct or doc[lo].is_space):
                lo += 1
            if hi > lo:
                pieces.append((lo, hi))
    # "according to X" vouches for its own sentence, never for the ones around it
    sent_lo, sent_hi = sent_bounds(doc, start)
    pieces = [(max(lo, sent_lo), min(hi, sent_hi)) for lo, hi in pieces
              if lo < sent_hi and hi > sent_lo]
    raw.content = pieces or _clause_around(doc, (start, max(src[1], start + 2)), set())


def according_to_source(doc: Doc, raw: RawAttribution) -> None:
    """:func:`according_to` where the tagger found no source: "According to
    investigators, an employee was seen ..." had "investigators" read as content."""
    if not raw.source:
        according_to(doc, raw)


def _clause_around(doc: Doc, phrase: TokSpan, taken: set[int], head: Token | None = None
                   ) -> list[TokSpan]:
    """The clause a phrase hangs on (``head``'s), without the phrase (one or two pieces)."""
    if head is None:
        head = doc[phrase[0]].head
    if phrase[0] <= head.i < phrase[1]:
        return []
    sent_lo, sent_hi = sent_bounds(doc, phrase[0])
    lo, hi = max(head.left_edge.i, sent_lo), min(head.right_edge.i + 1, sent_hi)
    pieces: list[TokSpan] = []
    for a, b in ((lo, phrase[0]), (phrase[1], hi)):
        while a < b and (doc[a].is_punct or doc[a].is_space):
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
            b -= 1
        if b > a and not any(j in taken for j in range(a, b)):
            pieces.append((a, b))
    return pieces


def according_to_clause(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"X happened, according to Y": the clause is the content of "according to".

    Fills a found "according to" cue left without content, and adds one where
    the tagger found no cue. Source: the object of "to"; content: the rest of
    the clause "according" hangs on, never another attribution's words.
    """
    taken = tokens_of(found)
    cues = {r.cue[0]: r for r in found}
    out: list[RawAttribution] = []
    for tok in _tokens_with(doc, LOWER, ("according",)):
        i = tok.i
        if i + 1 >= len(doc) or doc[i + 1].lower_ != "to":
            continue
        raw = cues.get(i)
        if raw is None and i in taken or raw is not None and raw.content:
            continue
        objs = [c for c in doc[i + 1].children if c.dep_ == "pobj"]
        if not objs:
            continue
        src = _np_span(objs[0])
        pieces = _clause_around(doc, (i, max(src[1], i + 2)), taken)
        if not pieces:
            continue
        if raw is None:
            out.append(RawAttribution(cue=(i, i + 2), source=[src], content=pieces))
        else:
            raw.content = pieces
            raw.source = raw.source or [src]
        taken.update(j for a, b in (src, *pieces) for j in range(a, b))
    return out


def parenthetical_speech(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"X happened, the ministry said, ..." where the tagger gave "said" no content.

    A speech verb set off as a parenthesis (parsed as ``parataxis`` of the main
    verb) with a subject of its own: the subject is the source, the clause it
    interrupts (without it) the content. Fills such a cue the tagger found
    without content, and adds one it did not find.
    """
    taken = tokens_of(found)
    cues = {r.cue[0]: r for r in found if r.cue[1] - r.cue[0] == 1}
    out: list[RawAttribution] = []
    for tok in _verbs(doc):
        if tok.dep_ != "parataxis" or tok.lemma_.lower() not in TOP_SPEECH:
            continue
        raw = cues.get(tok.i)
        if raw is None and tok.i in taken or raw is not None and raw.content:
            continue
        if tok.tag_ not in FINITE_OR_PERFECT:
            continue
        if any(c.dep_ in ("ccomp", "xcomp") for c in tok.children):
            continue  # says something of its own: not a parenthesis
        subj = _subject_of(tok)
        if subj is None or subj.lower_ in NOT_SPEAKERS:
            continue
        src = _np_span(subj, tok.i)
        if raw is None and any(j in taken for j in range(*src)):
            continue
        phrase = (min(src[0], tok.i), max(src[1], tok.right_edge.i + 1))
        pieces = _clause_around(doc, phrase, taken, head=tok.head)
        if not pieces:
            continue
        if raw is None:
            out.append(RawAttribution(cue=(tok.i, tok.i + 1), source=[src], content=pieces))
        else:
            raw.content = pieces
            raw.source = raw.source or [src]
        taken.update(j for a, b in (src, *pieces) for j in range(a, b))
    return out


PARTICIPLE_CUES = frozenset({
    "say", "add", "argue", "note", "refer", "cite", "claim", "insist", "warn", "accuse",
    "dismiss", "deny", "reject", "describe", "call", "suggest", "point", "explain",
    "stress", "predict", "promise", "vow", "urge"})


def participle_speech(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"..., she said, referring to the strike that killed 14": a participle of speech
    hanging on a found cue, with what it governs as content (the speaker is
    shared later, see ``attribution._inherit_sources``)."""
    taken = tokens_of(found)
    cue_roots = {_root_of(doc, r.cue).i for r in found}
    # found without content after the cue (a quotation before it is the clause's)
    empty = {r.cue[0]: r for r in found if not any(s >= r.cue[1] for s, _ in r.content)}
    out: list[RawAttribution] = []
    for tok in _verbs(doc):
        if tok.tag_ != "VBG" or tok.dep_ != "advcl" or tok.head.i not in cue_roots:
            continue
        raw = empty.get(tok.i)
        if raw is not None:
            taken -= tokens_of([raw])
        if tok.i in taken or tok.lemma_.lower() not in PARTICIPLE_CUES:
            continue
        if any(c.dep_ in SUBJECTS for c in tok.children):
            continue
        cue_end = tok.i + 1
        comps = []
        for c in tok.children:
            if c.i < tok.i:
                continue
            if c.dep_ in ("ccomp", "xcomp", "dobj"):
                comps.append(c)
            elif c.dep_ in ("prep", "prt") and c.i == cue_end:
                cue_end += 1  # "referring to", "pointing out"
                comps.extend(g for g in c.children if g.dep_ == "pobj")
        if not comps:
            continue
        lo = min(c.left_edge.i for c in comps)
        hi = max(c.right_edge.i for c in comps) + 1
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        if hi > lo and lo >= cue_end and not any(j in taken for j in range(lo, hi)):
            if raw is None:
                out.append(RawAttribution(cue=(tok.i, cue_end), content=[(lo, hi)]))
            else:  # the tagger's cue, and no source inside what is said
                raw.cue, raw.content = (tok.i, cue_end), [(lo, hi)]
                raw.source = [p for p in raw.source if not lo <= p[0] < hi]
            taken.update(range(tok.i, hi))
    return out


def colon_speaker(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"Pence: Flowers won't be at the debate" and transcript lines "WALLACE: Let's start".

    A line or sentence that opens with a name (one to four capitalised words,
    a person or organisation where the parser says so) and a colon: the name is
    the source, the colon the cue, the rest of the sentence the content.
    """
    taken = tokens_of(found)
    out: list[RawAttribution] = []
    for tok in _tokens_with(doc, ORTH, (":",)):
        i = tok.i
        if i in taken:
            continue
        sent_lo, sent_hi = sent_bounds(doc, i)
        start = i
        while start > sent_lo and i - start < 4 and not doc[start - 1].is_punct \
                and not doc[start - 1].is_space and "\n" not in doc[start - 1].whitespace_:
            start -= 1
        at_start = start == sent_lo or doc[start - 1].is_space or doc[start - 1].text in "\"“"
        name = doc[start:i]
        if not at_start or not len(name) or not all(t.is_title or t.is_upper for t in name):
            continue
        if not all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name):
            continue
        if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "EVENT") for t in name):
            continue
        lo, hi = i + 1, sent_hi
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        # a headline ends with its line
        hi = next((j for j in range(lo, hi) if doc[j].is_space and "\n" in doc[j].text), hi)
        while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        if hi - lo < 3 or any(j in taken for j in range(lo, hi)):
            continue
        out.append(RawAttribution(cue=(i, i + 1), source=[(start, i)], content=[(lo, hi)]))
        taken.update(range(start, hi))
    return out


DASHES = frozenset({"―", "—", "–", "-", "--"})


def dash_signature(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """A quotation signed with a dash: "“...” ― Sonya Herridge" at the end of a line."""
    covered = {i for r in found for i in range(*r.cue)}
    quotes: list[int] | None = None
    out: list[RawAttribution] = []
    for tok in _tokens_with(doc, ORTH, DASHES):
        if tok.text not in DASHES or tok.i in covered or tok.i == 0 or tok.i + 1 >= len(doc):
            continue
        if quotes is None:
            quotes = quote_depths(doc)
        prev = tok.i - 1
        while prev > 0 and doc[prev].is_space and "\n" not in doc[prev].text:
            prev -= 1  # "”\xa0―": a no-break space between the quotation and the dash
        if not quotes[prev] or doc[prev].text not in {"”", '"', "»"}:
            continue
        # the name: capitalised words up to the end of the line (at most six)
        first = tok.i + 1
        while first < len(doc) and doc[first].is_space and "\n" not in doc[first].text:
            first += 1
        end = first
        while end < len(doc) and end - first < 6 and not doc[end].is_space \
                and (end == first or "\n" not in doc[end - 1].whitespace_):
            end += 1
        name = doc[first:end]
        if not len(name) or not name[0].is_title:
            continue
        start = prev
        while start - 1 >= 0 and quotes[start - 1]:
            start -= 1
        out.append(RawAttribution(cue=(tok.i, tok.i + 1), source=[(first, end)],
                                  content=[(start, prev + 1)]))
    return out


def _root_of(doc: Doc, cue: TokSpan) -> Token:
    start, end = cue
    for i in range(start, end):
        if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
            return doc[i]
    return doc[start]


def complete_clause(doc: Doc, raw: RawAttribution) -> None:
    """A content piece that starts a clause complement of the cue runs to the clause's end
    (for "as X says, <clause>": the clause the as-clause hangs on).

    The tagger tends to stop early at commas inside the reported clause
    ("that the chief, Kyrylo Budanov, was part of it" cut after "chief").
    """
    root = _root_of(doc, raw.cue)
    clauses = [(c.left_edge.i, c.right_edge.i + 1) for c in root.children
               if c.dep_ in ("ccomp", "xcomp") and c.i >= raw.cue[1]]
    if root.head.i != root.i and not comparative_as(root) and any(
            c.lower_ == "as" and c.dep_ == "mark" for c in root.children):
        # "as X says, Russia could take ...": the clause the as-clause hangs on
        lo = root.right_edge.i + 1
        while lo < len(doc) and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
        clauses.append((lo, root.head.right_edge.i + 1))
    for lo, hi in clauses:
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        for k, (s, e) in enumerate(raw.content):
            if lo <= s <= lo + 1 and e < hi:
                raw.content[k] = (s, hi)
                # drop later pieces now inside the extended one
                raw.content = [p for j, p in enumerate(raw.content)
                               if j == k or not (s <= p[0] and p[1] <= hi)]
                return


def subject_source(doc: Doc, raw: RawAttribution) -> None:
    """A cue without a source whose subject was tagged as content: the subject speaks.

    "Numerous Russian milbloggers dismissed these claims": the tagger sometimes
    marks the subject of the cue verb as a first content piece.
    """
    if raw.source or len(raw.content) < 2:
        return
    root = _root_of(doc, raw.cue)
    if root.lemma_.lower() not in SPEAKING:
        return  # "X seems to ...", "X is expected to ...": X is part of what is said
    subj = _subject_of(root)
    if subj is None or subj.dep_ != "nsubj" or subj.i >= raw.cue[0]:
        return
    span = _np_span(subj, raw.cue[0])
    for piece in raw.content:
        if piece[1] <= raw.cue[0] and span[0] <= piece[0] and piece[1] <= span[1]:
            raw.source = [span]
            raw.content = [p for p in raw.content if p != piece]
            return


def source_from_content(doc: Doc, raw: RawAttribution) -> None:
    """A sourceless attribution whose content starts with the cue verb's subject.

    "Numerous milbloggers dismissed these claims": the tagger sometimes labels
    the subject as content; it is the source.
    """
    if raw.source:
        return
    root = _root_of(doc, raw.cue)
    subj = _subject_of(root)
    if subj is None or subj.i >= raw.cue[0]:
        return
    span = _np_span(subj, stop_at=raw.cue[0])
    for k, (s, e) in enumerate(raw.content):
        if s >= span[0] and e <= raw.cue[0] and s <= span[1]:
            raw.source = [span]
            del raw.content[k]
            return


def fill_content(doc: Doc, raw: RawAttribution, quotes: list[int]) -> None:
    """A cue left without content gets the clause it governs, the clause before it
    that it hangs on, or the quotation beside it."""
    if raw.content:
        return
    root = _root_of(doc, raw.cue)
    for comp in root.children:
        if comp.dep_ in ("ccomp", "xcomp") and not (raw.cue[0] <= comp.i < raw.cue[1]):
            lo, hi = comp.left_edge.i, comp.right_edge.i + 1
            src = raw.source[0] if raw.source else None
            if src is None or not (lo <= src[0] < hi):
                raw.content = [(lo, hi)]
                return
    # "Kyiv will receive two systems, the ministry announced on Monday, in what ...":
    # the parser may hang the speech verb on the statement instead of the reverse
    head = root.head
    if raw.source and root.dep_ in ("advcl", "parataxis") and head.i < root.left_edge.i:
        lo, hi = trim_span(doc, head.left_edge.i, root.left_edge.i)
        if hi > lo and not (lo <= raw.source[0][0] < hi):
            raw.content = [(lo, hi)]
            return
    run = adjacent_quote(quotes, doc, raw.cue, (sent_bounds(doc, raw.cue[0])[0], len(doc)))
    if run[1] > run[0]:
        raw.content = [run]


# Rejections as attributions of their own; not "contradict", whose subject is as often
# evidence as a speaker ("the images contradict the ministry's account").
REJECTING = wl.DENIAL_VERBS - {"contradict"}
SPEECH = frozenset({"say", "tell", "claim", "believe", "think", "report", "announce", "insist",
                    "warn", "deny", "argue", "fear", "expect", "estimate", "allege", "suggest"})


def _covered(found: list[RawAttribution]) -> set[int]:
    return {i for r in found for i in range(*r.cue)}


def rejections(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"Commanders denied these claims": the rejection itself is an attribution."""
    covered = _covered(found)
    out: list[RawAttribution] = []
    for tok in _verbs(doc):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in REJECTING or tok.i in covered:
            continue
        subj = _subject_of(tok)
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "ccomp")), None)
        if subj is None or obj is None:
            continue
        lo, hi = obj.left_edge.i, tok.right_edge.i + 1
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        out.append(RawAttribution(cue=(tok.i, tok.i + 1), source=[_np_span(subj, tok.i)],
                                  content=[(lo, hi)]))
    return out


def nested_speech(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """A speech verb with its own subject inside another attribution's content.

    PolNeAR gives each token one role, so a report of a claim ("the agency
    reported that officials said ...") is annotated once; the inner claim is
    added here.
    """
    return _nested(doc, found, lambda subj: True)


# words that make a subject a share of those asked: "75 percent of Ukrainians say"
SHARE_WORDS = frozenset({"percent", "%", "per", "majority", "most", "half", "third", "quarter",
                         "plurality", "share", "minority", "two-thirds", "three-quarters"})


def poll_respondents(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"A survey found that 75 percent of Ukrainians say they reject ...": the
    respondents' answer is an attribution of its own, nested in the poll's."""
    return _nested(doc, found, lambda subj: any(
        t.lower_ in SHARE_WORDS for t in subj.subtree))


def _nested(doc: Doc, found: list[RawAttribution], speaker: Callable[[Token], bool]
            ) -> list[RawAttribution]:
    covered = _covered(found)
    out: list[RawAttribution] = []
    for outer in found:
        for s, e in outer.content:
            for i in range(s, e):
                tok = doc[i]
                if tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH or i in covered:
                    continue
                subj = _subject_of(tok)
                comp = next((c for c in tok.children if c.dep_ in ("ccomp", "xcomp")), None)
                if subj is None or comp is None or subj.lower_ in RELATIVE or not speaker(subj):
                    continue
                lo, hi = comp.left_edge.i, min(comp.right_edge.i + 1, e)
                while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
                    hi -= 1
                if hi > lo:
                    covered.add(i)
                    out.append(RawAttribution(cue=(i, i + 1),
                                              source=[_np_span(subj, i)], content=[(lo, hi)]))
    return out


# verbs of seeking: "Hungary is seeking an exemption", "Kyiv seeks to join"
SEEKING = frozenset({"seek"})


def seeking(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """"Hungary is also seeking an exemption": a named party's stated aim is its
    claim (PolNeAR annotates intentions as attributions; the tagger finds them
    only now and then). Cue: the verb with its auxiliaries; content: its object
    or its infinitive clause."""
    inside = tokens_of(found)
    out: list[RawAttribution] = []
    for tok in _verbs(doc):
        if tok.lemma_.lower() not in SEEKING or tok.i in inside:
            continue
        subj = _subject_of(tok)
        if subj is None or subj.lower_ in RELATIVE or subj.lower_ in NOT_SPEAKERS:
            continue
        obj = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "xcomp")),
                   None)
        if obj is None:
            continue
        lo, hi = obj.left_edge.i, obj.right_edge.i + 1
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
            hi -= 1
        start = tok.i
        while start - 1 > subj.i and doc[start - 1].dep_ in ("aux", "auxpass"):
            start -= 1
        if any(j in inside for j in range(lo, hi)):
            continue
        out.append(RawAttribution(cue=(start, tok.i + 1), source=[_np_span(subj, start)],
                                  content=[(lo, hi)]))
        inside.update(range(lo, hi))
    return out


TOP_SPEECH = frozenset({"say", "tell", "claim", "urge", "warn", "insist", "announce", "argue",
                        "predict", "vow", "pledge", "promise", "allege", "report", "declare",
                        # analysts' and officials' verbs of war reporting
                        "assess", "state", "confirm", "write", "admit", "acknowledge",
                        "assert", "conclude", "estimate"})


FINITE_OR_PERFECT = frozenset({"VBD", "VBZ", "VBP", "VBN"})
# subjects that do not make a speaker: the author, generic or hypothetical people
NOT_SPEAKERS = frozenset({"i", "we", "you", "anyone", "anybody", "someone", "somebody",
                          "everyone", "nobody", "him", "her", "them", "'s", "’s"})


def missed_speech(doc: Doc, found: list[RawAttribution]) -> list[RawAttribution]:
    """A reporting verb with a subject and a complement that the tagger left out.

    Only outside every found attribution (nested reports are ``nested_speech``).
    Content: the complements, up to a coordinated clause ("urged Russia to
    respond ..., and Putin ordered ...").
    """
    inside = tokens_of(found)
    out: list[RawAttribution] = []
    for tok in _verbs(doc):
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in TOP_SPEECH or tok.i in inside:
            continue
        if tok.tag_ not in FINITE_OR_PERFECT:
            continue  # "tell me what you'll do", "saying ...": commands and participles
        subj = _subject_of(tok)
        if subj is None or subj.lower_ in RELATIVE or subj.lower_ in NOT_SPEAKERS:
            continue
        comps = [c for c in tok.children
                 if c.i > tok.i and c.dep_ in ("ccomp", "xcomp", "dobj", "dative")]
        if not any(c.dep_ in ("ccomp", "xcomp") for c in comps):
            continue
        lo = min(c.left_edge.i for c in comps)
        stop = next((c.i for c in tok.children if c.i > lo and c.dep_ in ("cc", "conj")),
                    tok.right_edge.i + 1)
        hi = min(stop, max(c.right_edge.i for c in comps) + 1)
        while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space
                               or doc[hi - 1].dep_ == "cc"):
            hi -= 1
        if hi > lo:
            out.append(RawAttribution(cue=(tok.i, tok.i + 1),
                                      source=[_np_span(subj, tok.i)], content=[(lo, hi)]))
    return out


# verbs whose active subject is the one who speaks
SPEAKING = REJECTING | SPEECH | TOP_SPEECH
