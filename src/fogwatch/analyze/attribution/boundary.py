"""Content boundaries after tagging, set the way PolNeAR annotates them.

The role tagger decides each token on its own evidence, and its spans are
mostly right but often end or start a few words off. These rules correct the
errors that follow a pattern, from the parse and the spans already found (per
attribution, nothing is re-parsed):

- :func:`end_before_adverbial`: content after the cue stops where the cue's
  complement ends, before an adverbial clause that hangs on the cue itself
  ("said that X, adding that ...", "warned X while visiting ...").
- :func:`end_with_sentence`: an unquoted content after its cue ends with its
  sentence (a quotation may run on over several).
- :func:`colon_elaboration`: "his favorite story: that the war would not be
  happening": content stopping at a noun before a colon takes the that-clause after it.
- :func:`start_at_complement`: the cue's own recipient, time or manner words
  before its clause complement are not content ("told reporters on Friday
  that X": the content is "that X").
- :func:`lead_piece`: "The bill, he said, would pass": an attribution set off
  by commas inside the reported clause leaves a first piece before it.
- :func:`end_at_parenthesis`: the content of a cue inside brackets ends at the
  closing bracket.
- :func:`after_dateline`: a content that opens a paragraph starts after its
  dateline ("KYIV, March 4 (Wire) -").
- :func:`whole_quotation`: a piece that stops or starts inside a quotation
  covers the whole quotation.
- :func:`quote_pieces`: "“A,” he said. “B.”": the quotation on the other side
  of the cue is a second piece.
- :func:`share_out`: one content piece claimed by several cues belongs to the
  nearest (each token has one role in one attribution).
- :func:`end_before_next_speaker`: "officials said X, while state media alleged
  Y", "dismissed the reports and insisted that ...", "bloggers, citing X,
  reported Y": a content stops where another attribution is joined on.

:func:`after_ranker` applies the dateline and joined-speaker rules again after
the boundary ranker has moved what it moves.

Each rule was kept because it raised exact content F1 on PolNeAR dev without
lowering the other roles, except the dateline and joined-attribution rules,
which move dev by a span or two (they fire on wire copy, which PolNeAR has
little of).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from fogwatch.analyze.attribution.features import trim_span
from fogwatch.analyze.attribution.raw import RawAttribution, TokSpan, tokens_of

# dependents of a cue verb that are not what is said: "told [reporters]
# [on Friday] [bitterly] that ..."
CUE_ADJUNCTS = frozenset({"dative", "npadvmod", "advmod", "prep"})
PARENTHESIS_MARKS = frozenset({",", "—", "–"})


def _root(doc: Doc, span: TokSpan) -> Token:
    """The token of ``span`` whose head lies outside it."""
    for i in range(*span):
        h = doc[i].head.i
        if h == i or not span[0] <= h < span[1]:
            return doc[i]
    return doc[span[0]]


def _cue_child(tok: Token, root: Token) -> Token:
    """The child of ``root`` whose subtree holds ``tok`` (``root`` if none does)."""
    while tok.head.i != tok.i and tok.head.i != root.i:
        tok = tok.head
    return tok if tok.head.i == root.i and tok.i != root.i else root


def end_before_adverbial(doc: Doc, raw: RawAttribution) -> None:
    """A content piece after its cue ends before an adverbial clause of the cue."""
    root = _root(doc, raw.cue)
    out: list[TokSpan] = []
    for s, e in raw.content:
        child = _cue_child(doc[s], root)
        if s >= raw.cue[1] and child is not root and doc[s].sent.start == root.sent.start:
            end = child.right_edge.i + 1
            nxt = end
            while nxt < e and (doc[nxt].is_punct or doc[nxt].is_space):
                nxt += 1
            if nxt < e and doc[nxt].head.i == root.i and doc[nxt].dep_ == "advcl":
                lo, hi = trim_span(doc, s, end)
                if hi > lo:
                    e = hi
        out.append((s, e))
    raw.content = out


def end_with_sentence(doc: Doc, raw: RawAttribution, quotes: list[int]) -> None:
    """An unquoted content piece after its cue ends with the sentence it starts in."""
    out: list[TokSpan] = []
    for s, e in raw.content:
        end = doc[s].sent.end
        if s >= raw.cue[1] and end < e and not quotes[end] and not quotes[end - 1]:
            lo, hi = trim_span(doc, s, end)
            if hi > lo:
                e = hi
        out.append((s, e))
    raw.content = out


def colon_elaboration(doc: Doc, raw: RawAttribution, quotes: list[int]) -> None:
    """Content that stops at a noun before a colon takes the that-clause the colon opens.

    "by repeating to Trump his favorite story: that the war would not be
    happening": what the story says is what is said.
    """
    out: list[TokSpan] = []
    for s, e in raw.content:
        lo, hi = trim_span(doc, s, e)
        colon = hi
        if (hi > lo and lo >= raw.cue[1] and colon < len(doc) and doc[colon].text == ":"
                and doc[hi - 1].pos_ in ("NOUN", "PROPN") and not quotes[colon]):
            after = trim_span(doc, colon + 1, doc[lo].sent.end)
            # a that-clause running on in the same line, outside quotation marks
            if (after[1] > after[0] and doc[after[0]].lower_ == "that"
                    and not any(quotes[after[0]:after[1]])
                    and not any("\n" in t.text for t in doc[colon:after[1]])):
                e = after[1]
        out.append((s, e))
    raw.content = out


def start_at_complement(doc: Doc, raw: RawAttribution) -> None:
    """A content piece that starts with the cue's adjuncts starts at its clause complement."""
    root = _root(doc, raw.cue)
    out: list[TokSpan] = []
    for s, e in raw.content:
        if s >= raw.cue[1]:
            comp = next((c for c in root.children
                         if c.dep_ == "ccomp" and s < c.left_edge.i < e), None)
            skipped = [t for t in doc[s:comp.left_edge.i] if not (t.is_punct or t.is_space)] \
                if comp is not None else []
            if comp is not None and skipped and all(
                    _cue_child(t, root).dep_ in CUE_ADJUNCTS for t in skipped):
                s = comp.left_edge.i
        out.append((s, e))
    raw.content = out


def lead_piece(doc: Doc, raws: list[RawAttribution]) -> None:
    """The words before a parenthetical attribution are the first piece of its content.

    "The bill, he said, would pass": the cue hangs on a word of the content
    after it, and the words before it (up to the sentence start) hang on
    something other than the cue and belong to no attribution yet.
    """
    taken = tokens_of(raws)
    for raw in raws:
        if not raw.content:
            continue
        first = min([raw.cue[0], *(s for s, _ in raw.source)])
        last = max([raw.cue[1], *(e for _, e in raw.source)])
        sent = doc[first].sent
        if first - 1 <= sent.start or doc[first - 1].text not in PARENTHESIS_MARKS:
            continue
        after = [(s, e) for s, e in raw.content if last <= s <= last + 2 and e <= sent.end]
        if not after:
            continue
        root = _root(doc, raw.cue)
        if not after[0][0] <= root.head.i < after[0][1]:
            continue
        lead = doc[sent.start:first - 1]
        if any(t.i in taken or _cue_child(t, root) is not root for t in lead):
            continue
        s, e = trim_span(doc, sent.start, first - 1)
        if e > s:
            raw.content = sorted([*raw.content, (s, e)])
            taken.update(range(s, e))


def _distance(cue: TokSpan, span: TokSpan) -> int:
    """Tokens between a cue and a span (0 when they touch or overlap)."""
    if span[1] <= cue[0]:
        return cue[0] - span[1]
    if span[0] >= cue[1]:
        return span[0] - cue[1]
    return 0


def _nearness(doc: Doc | None, raw: RawAttribution, piece: TokSpan, k: int
              ) -> tuple[int, int, int]:
    """Sort key: an attribution in the piece's own sentence first, then the closest
    cue or source."""
    other_sentence = 0
    if doc is not None:
        sent = doc[piece[0]].sent
        other_sentence = int(not sent.start <= raw.cue[0] < sent.end)
    return (other_sentence, min(_distance(p, piece) for p in (raw.cue, *raw.source)), k)


def share_out(raws: list[RawAttribution], doc: Doc | None = None) -> None:
    """A content piece claimed whole by several attributions stays with the nearest cue.

    The others lose it only when they keep some other content: a cue left with
    nothing said would be dropped, and its source and cue may still be right.
    """
    if len(raws) < 2:
        return
    claims: dict[TokSpan, list[int]] = {}
    for k, raw in enumerate(raws):
        for piece in raw.content:
            claims.setdefault(piece, []).append(k)
    for piece, owners in claims.items():
        if len(owners) < 2:
            continue
        keep = min(owners, key=lambda k: _nearness(doc, raws[k], piece, k))
        for k in owners:
            raw = raws[k]
            if k != keep and len(raw.content) > 1 and piece in raw.content:
                raw.content = [p for p in raw.content if p != piece]


def end_at_parenthesis(doc: Doc, raw: RawAttribution) -> None:
    """A cue inside brackets keeps its content inside them.

    "(albeit with a promise to expand purchases) by repeating ...": the
    content of "promise" stops at the closing bracket.
    """
    lo = raw.cue[0]
    sent_start = doc[lo].sent.start
    depth = 0
    for j in range(lo - 1, sent_start - 1, -1):
        t = doc[j].text
        if t == ")":
            depth += 1
        elif t == "(":
            if depth == 0:
                break
            depth -= 1
    else:
        return
    close = None
    depth = 0
    for j in range(raw.cue[1], doc[lo].sent.end):
        t = doc[j].text
        if t == "(":
            depth += 1
        elif t == ")":
            if depth == 0:
                close = j
                break
            depth -= 1
    if close is None:
        return
    out: list[TokSpan] = []
    for s, e in raw.content:
        if s < close < e:
            a, b = trim_span(doc, s, close)
            if b > a:
                out.append((a, b))
        elif not s > close:
            out.append((s, e))
    if out:
        raw.content = out


def whole_quotation(doc: Doc, raws: list[RawAttribution], quotes: list[int]) -> None:
    """A content piece that stops (or starts) inside a quotation runs to its closing
    (or opening) mark.

    “We are not leaving. The city will hold,” he said: the tagger often stops at
    the first sentence end or starts at the second. Not when the rest holds
    another attribution's words.
    """
    taken = tokens_of(raws)
    for raw in raws:
        out: list[TokSpan] = []
        for s, e in raw.content:
            last = e - 1
            while last > s and (doc[last].is_punct or doc[last].is_space) and quotes[last]:
                last -= 1
            if quotes[last] and e < len(doc) and quotes[e]:
                lo, hi = _quoted_run(quotes, last)
                if hi > e and not any(i in taken for i in range(e, hi)):
                    a, b = trim_span(doc, s, hi)
                    if b > a:
                        taken.update(range(e, hi))
                        e = b
            first = s
            while first < e - 1 and (doc[first].is_punct or doc[first].is_space) and quotes[first]:
                first += 1
            if quotes[first] and first > 0 and quotes[first - 1]:
                lo, hi = _quoted_run(quotes, first)
                if lo < s and not any(i in taken for i in range(lo, s)):
                    a, b = trim_span(doc, lo, e)
                    if b > a:
                        taken.update(range(lo, s))
                        s = a
            out.append((s, e))
        raw.content = out


def _quoted_run(quotes: list[int], i: int) -> TokSpan:
    """The run of quoted tokens holding token ``i``."""
    lo = hi = i
    while lo > 0 and quotes[lo - 1]:
        lo -= 1
    while hi + 1 < len(quotes) and quotes[hi + 1]:
        hi += 1
    return lo, hi + 1


def quote_pieces(doc: Doc, raws: list[RawAttribution], quotes: list[int]) -> None:
    """A quotation split by its attribution is content on both sides.

    "“A,” he said. “B.”" and "“A,” he said, “B.”": when one piece of an
    attribution is a quotation ending (or starting) right beside the cue and
    source, the quotation on the other side, claimed by no other attribution
    and holding no other cue, is its next piece.
    """
    taken = tokens_of(raws)
    cues = {i for r in raws for i in range(*r.cue)}
    for raw in raws:
        if not raw.content:
            continue
        first = min([raw.cue[0], *(s for s, _ in raw.source)])
        last = max([raw.cue[1], *(e for _, e in raw.source)])
        # the nearest non-punctuation token each side of the cue-and-source block
        left = first - 1
        while left >= 0 and (doc[left].is_punct or doc[left].is_space) and first - left <= 3:
            if quotes[left]:
                break
            left -= 1
        right = last
        while right < len(doc) and (doc[right].is_punct or doc[right].is_space) \
                and right - last <= 3:
            if quotes[right]:
                break
            right += 1
        sides = []
        if left >= 0 and quotes[left]:
            sides.append(_quoted_run(quotes, left))
        if right < len(doc) and quotes[right]:
            sides.append(_quoted_run(quotes, right))
        if len(sides) != 2:
            continue
        has = [any(s < e2 and s2 < e for s2, e2 in raw.content) for s, e in sides]
        if has.count(True) != 1:
            continue
        lo, hi = sides[has.index(False)]
        piece = trim_span(doc, lo, hi)
        if piece[1] <= piece[0] or any(i in taken or i in cues for i in range(*piece)):
            continue
        raw.content = sorted([*raw.content, piece])
        taken.update(range(*piece))


DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _paragraph_start(doc: Doc, i: int, reach: int = 12) -> int | None:
    """The first token of the paragraph holding token ``i``, if at most ``reach`` back."""
    for k in range(i, max(-1, i - reach - 1), -1):
        if k == 0 or (doc[k - 1].is_space and doc[k - 1].text.count("\n") >= 2):
            return k
    return None


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The token after "KYIV, March 4 (Reuters) -" when a paragraph opens with one."""
    for k in range(start, min(start + 12, len(doc))):
        tok = doc[k]
        if tok.text in DATELINE_DASHES:
            head = doc[start:k]
            if k > start and any(t.is_upper and t.is_alpha and len(t) >= 3 for t in head) \
                    and not any(t.pos_ in ("VERB", "AUX") for t in head):
                return k + 1
            return None
        if tok.is_space and "\n" in tok.text:
            return None
    return None


def after_dateline(doc: Doc, raw: RawAttribution) -> None:
    """A content that opens a paragraph starts after its dateline ("KYIV, March 4 -")."""
    pieces = []
    for a, b in raw.content:
        start = _paragraph_start(doc, a)
        end = _dateline_end(doc, start) if start is not None else None
        if end is not None and a < end < b:
            a = trim_span(doc, end, b)[0]
        pieces.append((a, b))
    raw.content = pieces


# How another attribution can be joined on inside a content, with the words that
# join it: a second speaker ("officials said X, while state media alleged Y"), a
# second verb of the same cue's subject ("dismissed X and insisted Y"), the main
# verb a participle hangs on ("bloggers, citing X, reported Y": no joining word).
JOINS = {
    "speaker": frozenset({"while", "whereas", "although", "though", "but"}),
    "conj": frozenset({"and", "but"}),
    "main verb": frozenset(),
}


def _joined_on(doc: Doc, raws: list[RawAttribution]) -> list[tuple[int, RawAttribution, str]]:
    """Where each attribution could begin inside another's content, and how."""
    starts = []
    for raw in raws:
        if raw.source and raw.source[0][0] < raw.cue[0] and \
                doc[raw.source[0][0]:raw.source[0][1]].root.pos_ != "PRON":
            starts.append((raw.source[0][0], raw, "speaker"))
        if doc[raw.cue[0]:raw.cue[1]].root.dep_ == "conj":
            starts.append((raw.cue[0], raw, "conj"))
        if raw.source:
            starts.append((raw.cue[0], raw, "main verb"))
    return sorted(starts, key=lambda x: x[0])


def _ends_at(doc: Doc, raw: RawAttribution, other: RawAttribution, how: str) -> bool:
    """Whether ``other``, joined on ``how``, ends ``raw``'s content."""
    if how == "speaker":  # a second speaker, named or described: not "but she knows"
        return not (raw.source and other.source and doc[slice(*other.source[0])].text.lower()
                    == doc[slice(*raw.source[0])].text.lower())
    if how == "conj":  # a verb joined to this very cue
        return doc[other.cue[0]].head.i in range(*raw.cue)
    # the verb this cue's participle hangs on, with the same subject
    return bool(raw.source) and other.source[0] == raw.source[0] and \
        doc[raw.cue[0]:raw.cue[1]].root.head.i in range(*other.cue)


def _cut_before(doc: Doc, lo: int, at: int, how: str) -> int | None:
    """End of a piece starting at ``lo`` cut before ``at``, without the joining words
    and the punctuation before them; None when nothing joins there."""
    words = JOINS[how]
    k, joined = at, not words
    while k > lo and (doc[k - 1].lower_ in words or doc[k - 1].is_punct or doc[k - 1].is_space):
        joined = joined or doc[k - 1].lower_ in words
        k -= 1
    if not joined or k - lo < 2:
        return None
    while k < at and doc[k].is_quote:
        k += 1  # a quotation closed before the join stays whole
    return k


def end_before_next_speaker(doc: Doc, raws: list[RawAttribution]) -> None:
    """A content stops where another attribution is joined on (see :data:`JOINS`)."""
    starts = _joined_on(doc, raws)
    for raw in raws:
        pieces = []
        for a, b in raw.content:
            for at, other, how in starts:
                if other is not raw and a < at < b and _ends_at(doc, raw, other, how):
                    cut = _cut_before(doc, a, at, how)
                    if cut is not None:
                        b = cut
                        break
            pieces.append((a, b))
        raw.content = pieces


def after_ranker(doc: Doc, raws: list[RawAttribution]) -> None:
    """What holds whatever the boundary ranker moved: no dateline at a content's
    start, no other attribution joined on at its end (in place)."""
    for raw in raws:
        after_dateline(doc, raw)
    end_before_next_speaker(doc, raws)


def fix_boundaries(doc: Doc, raws: list[RawAttribution], quotes: list[int]) -> None:
    """All the rules above, in order (in place)."""
    for raw in raws:
        end_before_adverbial(doc, raw)
        end_with_sentence(doc, raw, quotes)
        colon_elaboration(doc, raw, quotes)
        start_at_complement(doc, raw)
        end_at_parenthesis(doc, raw)
        after_dateline(doc, raw)
    lead_piece(doc, raws)
    whole_quotation(doc, raws, quotes)
    quote_pieces(doc, raws, quotes)
    share_out(raws, doc)

