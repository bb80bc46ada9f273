"""Clauses that keep the text from vouching for an event: a yes/no question, an
event noun the text calls unverified, and a claim the text calls false; and the
shapes of a verb's clause that the parse hides or that tell its tense ("is going
to", a present auxiliary, a sentence's verb the parser read as a participle, a
complement it read as a relative clause and the reverse), and the words inside
quotation marks."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from fogwatch import wordlists as wl
from fogwatch.analyze.factuality.lexicon import (
    NEGATIONS,
    QUESTION_AUX,
    UNVOUCHED_ADJECTIVES,
    VOUCHING_VERBS,
)

WH_TAGS = frozenset({"WP", "WDT", "WRB", "WP$"})


def asked(verb: Token) -> bool:
    """The verb is asked about, not told: a yes/no question, its auxiliary before its
    subject and a question mark at the end ("Did Russia attack the convoy?"). A
    question word asks about something else and takes the event as given."""
    doc = verb.doc
    asks = doc.user_data.get("fw_asks")
    if asks is None:  # read once per document: most have no question at all
        asks = doc.user_data["fw_asks"] = any(t.text == "?" for t in doc)
    if not asks:
        return False
    sent = verb.sent
    if not sent.text.rstrip().endswith("?"):
        return False
    # the subject nearest the verb: in "Q: Have you talked to him?" the parse takes the
    # interviewer's label for a subject too
    subject = next((c for c in reversed(list(verb.lefts)) if c.dep_ in ("nsubj", "nsubjpass")),
                   None) or next((c for c in verb.rights if c.dep_ in ("nsubj", "nsubjpass")),
                                 None)
    if subject is None or subject.tag_ in WH_TAGS:
        return False  # "Who shelled the hospital?" takes the shelling as given
    aux = [c for c in verb.children
           if c.dep_ in ("aux", "auxpass") and c.lower_ in QUESTION_AUX and c.i < subject.i]
    # "Why did Russia attack?" asks why, taking the attack as given
    return bool(aux) and not any(t.tag_ in WH_TAGS for t in sent if t.i < aux[0].i)


def unvouched(noun: Token) -> bool:
    """The text says it cannot vouch for the event noun: "an unverified attack", "the
    attack, which could not be independently verified"."""
    for c in noun.children:
        if c.dep_ == "amod" and c.lower_ in UNVOUCHED_ADJECTIVES:
            return True
        if c.dep_ == "relcl" and c.lemma_.lower() in VOUCHING_VERBS and any(
                g.dep_ == "neg" or g.lower_ in NEGATIONS for g in c.children):
            return True
    return False


# Nouns that put forward what their "that" clause says, besides the reporting nouns
CLAIM_NOUNS = frozenset({"suggestion", "idea", "notion", "assertion", "allegation", "rumor",
                         "rumour", "story", "speculation", "theory", "impression", "belief",
                         "contention", "insinuation"})
# What calls such a clause false: "false", "untrue", "baseless", "a lie", and "wrong",
# "incorrect", "inaccurate"
CALLED_FALSE = wl.FALSE_VERDICTS | frozenset({"wrong", "incorrect", "inaccurate", "hoax",
                                              "unfounded", "bogus"})


def called_false(noun: Token) -> bool:
    """The text calls what the noun puts forward false: "the suggestion that fighters were
    caught at the border is categorically false", "reports that the army withdrew are
    untrue"."""
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return any(c.dep_ in ("acomp", "attr") and c.lower_ in CALLED_FALSE for c in noun.head.children)


def main_verb_read_as_participle(verb: Token) -> bool:
    """A sentence's verb the parser hung on its subject as a participle: in "The
    Saudi-led coalition bombed Sanaa on Sunday" the root is "coalition" and "bombed"
    a participle after it. A participle after its noun takes no direct object ("the
    troops trapped in Kursk"); one that does, in a sentence with no verb above it, is
    the sentence's verb, told in the past, and its noun is its subject. So is a root
    tagged a participle with no auxiliary but a subject and an object."""
    head = verb.head
    if verb.dep_ == "ROOT" and verb.tag_ == "VBN":
        # tagged a participle with its subject and object in place: "In June, the group
        # annexed Mosul"
        return any(c.dep_ == "nsubj" for c in verb.children) \
            and any(c.dep_ == "dobj" for c in verb.children) \
            and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and head.dep_ == "ROOT" \
        and head.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "dobj" for c in verb.children) \
        and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def fronted_report(clause: Token) -> bool:
    """A clause told before the verb that reports it, which the parse hangs on that verb
    as an adverbial clause: "Earlier, rebels attacked the town, said an officer". It
    opens with no subordinator ("when", "as", "because") and ends at a comma, after
    which come only the reporting verb and its subject."""
    verb = clause.head
    if clause.i > verb.i or any(c.dep_ == "mark" or c.tag_ == "WRB" for c in clause.children):
        return False
    first = next(t for t in clause.subtree if not t.is_punct)
    if first.tag_ in ("IN", "WRB") or first.pos_ == "SCONJ":
        return False
    doc = clause.doc
    end = clause.right_edge.i + 1
    while end < verb.i and doc[end].is_punct and doc[end].text != ",":
        end += 1
    if end >= verb.i or doc[end].text != ",":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    between = range(end + 1, verb.i)
    return all(doc[i].is_punct or (subject is not None and subject.left_edge.i <= i
                                   <= subject.right_edge.i) for i in between)


def reported_after(verb: Token, reporting: frozenset[str]) -> Token | None:
    """A reporting verb the parse hangs, after a comma, on the clauses it reports, as
    their last conjunct: in "25 insurgents were killed in clashes and five civilians were
    killed elsewhere, a military source said", "said" is a conjunct of the second
    "killed". It has a subject of its own and no complement, and no "and" joins it."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    chain, todo = [], [first]
    while todo:
        node = todo.pop()
        chain.append(node)
        todo.extend(c for c in node.children if c.dep_ == "conj")
    doc = verb.doc
    for node in chain:
        for c in node.children:
            if c.dep_ not in ("conj", "parataxis") or c.i <= verb.i \
                    or c.lemma_.lower() not in reporting:
                continue
            kids = list(c.children)
            if not any(k.dep_ == "nsubj" for k in kids) or any(
                    k.dep_ in ("cc", "ccomp", "xcomp", "mark") for k in kids):
                continue
            left, right = c.left_edge, c.right_edge
            if not all(t.is_punct or t.is_space for t in doc[right.i + 1:right.sent.end]):
                continue  # "the permit, his campaign said, had been hard to get"
            if left.text == "," or (left.i > 0 and doc[left.i - 1].text == ","):
                return c
    return None


def relative_read_as_complement(verb: Token) -> bool:
    """A relative clause the parser hung on a verb as its complement: in "ordered the
    massacre in September 2013 that killed 67 people", "that killed" is a complement
    of "ordered" whose subject is the relative pronoun, right after a noun."""
    return verb.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") and c.i > 0
        and c.doc[c.i - 1].pos_ in ("NOUN", "PROPN", "NUM") for c in verb.children)


def present_aux(verb: Token) -> bool:
    """The verb has an auxiliary in the present: "is coming", "has left"."""
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def going_to(verb: Token) -> bool:
    """The verb is what someone is "going to" do."""
    head = verb.head
    return verb.dep_ == "xcomp" and head.lemma_ == "go" and head.tag_ == "VBG" and any(
        c.lower_ == "to" for c in verb.children)


def complement_read_as_relative(verb: Token) -> Token | None:
    """The verb whose complement the parser read as a relative clause on the noun
    before it: in "YPG sources denied to the Journal and other outlets that Rosenberg
    was captured", "that Rosenberg was captured" hangs on "outlets" with "that" as
    the object of "captured". A passive takes no object, nor does a verb that has
    one already: such a "that" opens a complement, of the verb above the noun."""
    if verb.dep_ != "relcl" or not any(c.dep_ == "dobj" and c.lower_ == "that" and c.i < verb.i
                                       for c in verb.children):
        return None
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) \
            and sum(c.dep_ == "dobj" for c in verb.children) < 2:
        return None
    up = verb.head
    for _ in range(6):
        if up.pos_ in ("VERB", "AUX"):
            return up
        if up.head.i == up.i:
            return None
        up = up.head
    return None


def in_quotation(tok: Token) -> bool:
    """Inside quotation marks: the words of someone the sentence or a neighbour names."""
    doc = tok.doc
    spans: list[tuple[int, int]] | None = doc.user_data.get("fw_quotations")
    if spans is None:
        spans = _quotations(doc)
        doc.user_data["fw_quotations"] = spans
    return any(a < tok.i < b for a, b in spans)


OPEN_QUOTES = frozenset({"``", "\u201c"})
CLOSE_QUOTES = frozenset({"''", "\u201d"})


def _quotations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside quotation marks, never across a paragraph break.

    A quotation that runs on over paragraphs has no closing mark at the end of each
    paragraph: an unclosed mark runs to the paragraph's end. (A closing mark with no
    opening one is left alone: in TimeBank it is as often a stray as a quotation's end.)
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for tok in doc:
        text = tok.text
        if tok.is_space and "\n\n" in text:
            if start is not None:
                spans.append((start, tok.i))
            start = None
        elif text in OPEN_QUOTES or (text == '"' and start is None):
            start = tok.i
        elif text in CLOSE_QUOTES or text == '"':
            if start is not None:
                spans.append((start, tok.i))
            start = None
    if start is not None:
        spans.append((start, len(doc)))
    return spans + _single_quotations(doc)


SINGLE_OPEN = frozenset({"'", "\u2018"})
SINGLE_CLOSE = frozenset({"'", "\u2019"})
# words an apostrophe shortens, which look like a single quotation mark's opening
CLIPPED = frozenset({"n", "em", "til", "cause", "tis", "twas"})


def _single_quotations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges inside single quotation marks, as British papers quote ('We were
    hit,' he said): a mark at a word's start opens one, a mark at a word's end that is
    no possessive closes it, inside one paragraph. An apostrophe takes the same shape
    ("rock 'n' roll", "the '90s", "the soldiers' rifles"), so a quotation left open
    counts only where it opens a paragraph (one quoted over several paragraphs)."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    whole = False  # the open quotation began its paragraph
    for tok in doc:
        text = tok.text
        prev = doc[tok.i - 1] if tok.i else None
        if tok.is_space and "\n" in text:
            if start is not None and whole:
                spans.append((start, tok.i))
            start = None
        elif start is None:
            if text in SINGLE_OPEN and not tok.whitespace_ and tok.i + 1 < len(doc) \
                    and doc[tok.i + 1].is_alpha and doc[tok.i + 1].lower_ not in CLIPPED \
                    and (prev is None or prev.whitespace_ or prev.is_space):
                start = tok.i
                whole = prev is None or (prev.is_space and "\n" in prev.text)
        elif text in SINGLE_CLOSE and tok.tag_ != "POS" and prev is not None \
                and not prev.whitespace_ and not prev.is_space:
            spans.append((start, tok.i))
            start = None
    if start is not None and whole:
        spans.append((start, len(doc)))
    return spans


# what "not" before a subject leaves standing: "not all of them fled" (some did), "not
# only the army attacked" (and more besides)
_NOT_WHOLE = frozenset({"all", "every", "everyone", "everybody", "everything", "many", "much",
                        "most", "only", "just", "always", "even"})


def not_one(subject: Token) -> bool:
    """A subject denied by a "not" before it: "Not one of his rivals hit him", "not a
    single shot was fired" (not "not all of them", "not only the army")."""
    if subject.lower_ in _NOT_WHOLE:
        return False
    for g in subject.children:
        if g.dep_ in ("neg", "advmod", "preconj") and g.lower_ == "not" and g.i < subject.i:
            nxt = subject.doc[g.i + 1]
            return nxt.lower_ not in _NOT_WHOLE and not any(
                c.lower_ in _NOT_WHOLE for c in subject.children if c.i < subject.i)
    return False


def not_only(tok: Token) -> bool:
    """A "not" that adds rather than denies: "not only the army attacked", "did not just
    shell the town but stormed it"."""
    doc = tok.doc
    return tok.lower_ == "not" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in (
        "only", "just", "merely", "simply")


def denied_existence(noun: Token) -> bool:
    """A noun whose being there is denied: "There has never been a case (when ...)",
    "there was no day (on which ...)": what its relative clause tells did not happen."""
    verb = noun.head
    if noun.dep_ != "attr" or verb.lemma_ != "be" or not any(
            c.dep_ == "expl" for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lemma_ != "have" for c in verb.children):
        return False  # "there will be no confrontation whereby ...": a wish, not a record
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


# verbs and verb-noun pairs of taking part, whose "in" names the act: "took part in
# the talks", "participated in the negotiations", "played a role in the attack"
PARTICIPATING = frozenset({"participate", "engage", "partake", "join"})
PART_NOUNS = frozenset({"part", "role"})


def taking_part(noun: Token) -> Token | None:
    """The verb by which someone takes part in what ``noun`` names, or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "in" or prep.dep_ != "prep":
        return None
    head = prep.head
    if head.pos_ == "VERB" and head.lemma_.lower() in PARTICIPATING:
        return head
    if head.lemma_.lower() in PART_NOUNS and head.dep_ == "dobj":
        head = head.head  # the parse hangs "in" on "part" or on the verb
    if head.lemma_.lower() in ("take", "play") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in PART_NOUNS for c in head.children):
        return head
    return None
