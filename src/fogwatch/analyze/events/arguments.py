"""Who, to whom, where, when: an event trigger's arguments from the dependency parse."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from fogwatch.analyze.events.sense_words import AIMING, LAUNCHING, PROJECTILES
from fogwatch.analyze.factuality.clauses import WH_TAGS, main_verb_read_as_participle, taking_part

SUBJECT_DEPS = ("nsubj", "csubj")
RELATIVE_PRONOUNS = frozenset({"who", "whom", "that", "which"})
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "upon",
                          "of", "over"})
PLACE_PREPS = frozenset({"in", "at", "into", "near", "inside", "outside", "around", "across",
                         "from", "to", "toward", "towards", "on", "throughout", "within"})
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that",
                      "his", "her", "its", "their", "our", "him", "them", "us"})
# the entities that are places, which "who" never stands for
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# what a noun phrase never reaches across to take a name after it
CLAUSE_BREAKS = frozenset({";"})
CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "acl"})
FINITE_TAGS = frozenset({"VBZ", "VBP", "VBD"})
# Verbs whose subject does what their object names: "began its siege", "launched a
# counteroffensive", "signed an agreement", "imposed sanctions", "declared a
# ceasefire". Not verbs of judging, telling or undergoing ("condemned the strikes",
# "denied the attack", "repelled the assault", "welcomed the ceasefire").
DOER_VERBS = frozenset({
    "start", "begin", "launch", "conduct", "carry", "stage", "hold", "make", "have", "give",
    "pull", "mount", "continue", "resume", "step", "undertake", "take", "do", "complete",
    "finish", "announce", "order", "plan", "prepare", "open", "organize", "organise", "set",
    "wage", "sign", "reach", "conclude", "seal", "strike", "negotiate", "broker", "pursue",
    "intensify", "escalate", "expand", "extend", "impose", "tighten", "lift", "ease",
    "authorize", "authorise", "approve", "threaten", "propose", "offer", "seek", "request",
    "deliver", "provide", "send", "grant", "suspend", "halt", "end", "renew", "declare",
    "call", "lead", "host", "attend", "join", "unleash", "press", "deploy", "fire",
    "perform", "execute", "commit", "orchestrate", "mastermind", "claim", "agree", "issue",
    "sound", "promise", "pledge", "vow",
})
# nouns whose "of" names the place itself: "the town of Pokrovsk" is Pokrovsk
SETTLEMENT_NOUNS = frozenset({"town", "city", "village", "settlement", "region", "province",
                              "oblast", "district", "port", "island", "republic"})
# nouns whose "of" names the group they are part of: "members of the Yazidi religion",
# "hundreds of Hamas fighters"
MEMBERS_OF = frozenset({"member", "members", "militants", "fighters", "supporters", "dozens",
                        "hundreds", "thousands", "scores", "millions", "several", "some",
                        "many", "most"})
# nouns whose possessor or modifier is the actor ("Russia's offensive", "U.S. sanctions")
NP_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case",
                     "punct", "advmod", "npadvmod"})


# what follows a dateline ("TORONTO – A Canadian soldier")
DASHES = frozenset({"–", "—", "--"})


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the words coordinated with it ("Gerasimov and Belousov")."""
    tok = past_dateline(tok)
    out = [tok]
    out.extend(c for c in tok.conjuncts if c.i > tok.i)
    return out


def past_dateline(tok: Token) -> Token:
    """"TORONTO – A Canadian soldier was shot", "BEIRUT (Reuters) – Iraqi pilots ...
    are training": the parse may make the dateline the subject and what follows its
    dash an appositive; the one meant is after the dash."""
    dash = next((c for c in tok.rights if c.text in DASHES and c.i - tok.i <= 3), None)
    if dash is None or tok.i - tok.sent.start > 3:  # the cheap test first: this runs often
        return tok
    return next((c for c in tok.rights if c.dep_ == "appos" and c.i > dash.i), tok)


def noun_phrase(tok: Token) -> Span:
    """The noun phrase headed by ``tok``, without relative clauses or trailing preps."""
    doc = tok.doc
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in NP_DEPS or child.dep_ in ("compound", "amod"):
            left = min(left, child.left_edge.i)
    right = tok.i
    for child in tok.rights:
        if any(t.text in CLAUSE_BREAKS or t.dep_ in CLAUSE_DEPS
               for t in doc[right + 1:child.left_edge.i]):
            break  # a name further on, past a clause of its own, is not this one's
        if child.dep_ == "appos":
            # "the president, Donald Trump": the appositive names him again ("That
            # soldier, a reservist with the Argyll and Sutherland Highlanders" names
            # no one else)
            named = [noun_phrase(c) for c in conjuncts(child)]
            if any(t.pos_ == "PROPN" for n in named for t in n):
                # and those coordinated with it: "journalists James Foley and Steven
                # Sotloff and aid worker Peter Kassig"
                right = max(right, *(n.end - 1 for n in named))
        elif child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in MEMBERS_OF \
                and tok.pos_ != "PROPN":
            # "members of its Arab minority who return ...": the group, not what it does
            right = max([right] + [noun_phrase(g).end - 1 for o in child.children
                                   if o.dep_ == "pobj" for g in conjuncts(o)])
        elif child.dep_ in ("compound", "flat") or (
            child.dep_ == "prep" and child.lower_ == "of"
            and (tok.pos_ == "PROPN" or tok.lemma_.lower() in SETTLEMENT_NOUNS)
        ):
            right = max(right, child.right_edge.i)
    dash = [t.i for t in doc[left:tok.i] if t.text in DASHES]
    if dash:
        left = dash[-1] + 1  # "TORONTO – A Canadian soldier": a dateline is no part of it
    while left < tok.i and doc[left].pos_ in ("DET", "PUNCT", "CCONJ"):
        left += 1
    return doc[left:right + 1]


def absolute_passive(verb: Token) -> bool:
    """"With the rise of ISIS and a second journalist beheaded": the parse reads the
    participle after "with" as a past tense whose subject did it."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return (verb.tag_ in ("VBD", "VBN") and bool(subjects)
            and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children)
            and any(c.dep_ in ("prep", "mark") and c.lower_ == "with" and c.i < subjects[0].i
                    for c in verb.children))


def clause_subject(verb: Token) -> list[Token]:
    """Subjects of a verb; for passives, the agent; inherited along xcomp/conj/relcl
    (along xcomp, from the object of the verb above when it has one)."""
    if absolute_passive(verb):
        return []  # "with a journalist beheaded": he is the one it was done to
    seen = 0
    cur = verb
    while seen < 6:
        seen += 1
        subj = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
        if subj:
            # "strikes, which have caused ...": the relative pronoun stands for the noun
            if cur.dep_ == "relcl" and subj[0].lower_ in ("which", "that", "who"):
                head = _person_before(cur.head) if subj[0].lower_ == "who" else cur.head
                return _expand([head]) if head is not None else []
            return _across_semicolon(cur, subj) or _expand(subj)
        agent = [p for c in cur.children if c.dep_ == "agent" for p in c.children
                 if p.dep_ == "pobj"]
        if agent:
            return _expand(agent)
        if main_verb_read_as_participle(cur):
            return _expand([cur.head])  # "The Saudi-led coalition bombed Sanaa"
        if cur.i == verb.i and cur.dep_ in ("conj", "advcl") and any(
                c.dep_ in ("nsubjpass", "auxpass") for c in cur.children):
            # a passive with no "by" names no doer, least of all the clause above's:
            # "he watched as his father's farms were seized", "confirmation will be
            # difficult, as U.N. workers are prohibited from entering"
            return []
        if cur.dep_ == "conj" and cur.tag_ in FINITE_TAGS:
            lost = _subject_before(cur)
            if lost is not None:
                return [lost]
        if cur.dep_ == "xcomp" and cur.head.i != cur.i:
            # "forced it to turn", "ordered officials to submit": the object acts
            controller = [c for c in cur.head.children if c.dep_ == "dobj"]
            if controller:
                return _expand(controller)
        if cur.dep_ == "advcl" and cur.tag_ in FINITE_TAGS:
            # a finite clause has a subject of its own, which the parse lost ("as the
            # United States, Britain and France support" read as "as [pobj]
            # support"): the main clause's subject is not it
            return []
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ == "relcl" and cur.head.pos_ in ("NOUN", "PROPN") and not any(
                t.tag_ == "WP$" for t in cur.subtree):
            # "an operation in which platoons were flown": the operation's doer (not
            # "a mother whose daughter was kidnapped": she is the kidnapped one's kin)
            head = cur.head
            if any(c.dep_ == "nsubjpass" and c.lower_ in RELATIVE_PRONOUNS for c in cur.children):
                return []  # "an aid worker who was kidnapped": he is the one taken
            if any(c.dep_ == "nsubjpass" for c in verb.children) or not any(
                c.dep_ in SUBJECT_DEPS for c in verb.children
            ):
                if head.dep_ in OBJECT_DEPS and head.head.pos_ in ("VERB", "AUX"):
                    cur = head.head
                    continue
                if head.dep_ in SUBJECT_DEPS:
                    return [head]
            return []
        return []
    return []


def _person_before(noun: Token) -> Token | None:
    """What "who" stands for when the parser hung its clause on a place: "a graduate
    from Queen's Park in West London, who traveled to Syria" is the graduate's, not
    the park's. Up through the prepositions of place to the first noun that is no
    place ("the envoy from Russia, who said" is the envoy's)."""
    while noun.ent_type_ in PLACE_ENTITIES or noun.ent_type_ != "PERSON" and noun.dep_ == "pobj" \
            and noun.head.lower_ in PLACE_PREPS:
        if noun.dep_ != "pobj" or noun.head.head.i == noun.head.i:
            return None
        noun = noun.head.head
    return noun


def _subject_before(verb: Token) -> Token | None:
    """"... that Iran fulfilled the terms and the United States lifted sanctions": a
    finite verb joined by "and" with no subject, right after a name the parser joined
    to the object before ("the terms and the United States"), has that name as its
    subject."""
    doc = verb.doc
    j = verb.i - 1
    while j > 0 and doc[j].dep_ in ("advmod", "neg") and doc[j].head.i == verb.i:
        j -= 1
    last = doc[j]
    head = last if last.pos_ in ("PROPN", "NOUN") and last.dep_ == "conj" else None
    if head is None or any(c.i > head.i for c in head.children) or head.i >= verb.i:
        return None
    first = head.left_edge.i
    joined = first > 0 and doc[first - 1].dep_ == "cc" and doc[first - 1].head.i == head.head.i
    return head if joined and head.head.i != verb.head.i else None


def _across_semicolon(verb: Token, subjects: list[Token]) -> list[Token]:
    """"... raised the question; Gerasimov and Defense Minister Belousov urged ...":
    a subject the parser found before a semicolon, with names standing between
    the semicolon and the verb, is a misparse; the names are the subject (the
    parser hangs them on the far subject as an apposition or a modifier)."""
    doc = verb.doc
    subj = subjects[0]
    if subj.i >= verb.i:
        return []
    semi = next((j for j in range(verb.i - 1, subj.i, -1) if doc[j].text == ";"), None)
    if semi is None:
        return []
    lo, hi = semi + 1, verb.i
    heads = [t for t in doc[lo:hi] if not lo <= t.head.i < hi and t.pos_ == "PROPN"]
    if not heads:
        return []
    named = [t for t in doc[lo:hi] if t.dep_ == "nmod" and t.pos_ == "PROPN"
             and t.head.i in range(lo, hi)]
    return sorted([*named, *heads], key=lambda t: t.i)


def _expand(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        out.extend(conjuncts(h))
    return out


def verb_targets(verb: Token) -> list[Token]:
    """Objects, datives, passive subjects, and objects of target-marking prepositions."""
    out: list[Token] = []
    if absolute_passive(verb):
        out.extend(t for c in verb.children if c.dep_ == "nsubj" for t in conjuncts(c))
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":
            continue  # "providing missiles to Ukraine": the parse's dative is "to"; its object below
        if child.dep_ in ("dobj", "dative", "nsubjpass"):
            if child.lemma_.lower() in HELD and child.dep_ == "dobj" and verb.lemma_.lower() in TAKING:
                # "took control of a dozen jetliners": what is held, not the holding
                out.extend(t for p in child.children if p.dep_ == "prep" and p.lower_ in ("of", "over")
                           for t in _expand([o for o in p.children if o.dep_ == "pobj"]))
                continue
            if _launched(verb, child):
                # "launched two missiles and 58 drones against Ukraine": the parse may
                # hang whom they were fired at on what was fired
                out.extend(t for w in conjuncts(child) for p in w.children
                           if p.dep_ == "prep" and p.lower_ in ("against", "at", "on", "into")
                           for t in _expand([o for o in p.children if o.dep_ == "pobj"]))
                continue
            if child.lower_ in ("who", "whom") and verb.dep_ == "relcl" and not any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in verb.head.children):
                # "an aid worker who was kidnapped": the worker (not "the mother of
                # Trayvon Martin, who was shot", which the parse may hang on "mother", nor
                # "U.S. weaponry that they captured", whose noun names no one)
                child = verb.head
            out.extend(conjuncts(child))
    for child in verb.children:
        if (child.dep_ == "prep" or (child.dep_ == "dative" and child.pos_ == "ADP")) \
                and (child.lower_ in TARGET_PREPS or (child.lower_ == "into" and verb.lemma_.lower() in AIMING)):
            for p in child.children:
                if p.dep_ == "pobj" and not names_no_one(child, p):
                    out.extend(conjuncts(p))
        if child.dep_ in ("dobj",):
            # "accused Russia of ...": the object's own of-phrase is no target
            continue
    return out


def _launched(verb: Token, obj: Token) -> bool:
    """``obj`` is what ``verb`` fires or drops: "fired missiles at Kyiv", "shots were
    fired" (not "shot down a drone")."""
    return (verb.lemma_.lower() in LAUNCHING and obj.lemma_.lower() in PROJECTILES
            and not any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children))


def aimed_at(verb: Token, target: Token) -> bool:
    """``target`` is what ``verb`` is aimed at: "fired at the town", "fired rockets into
    Israel" (a place named after "at" or "into" is otherwise where it happened)."""
    if not (target.dep_ == "pobj" and target.head.lower_ in ("at", "into") and target.head.head == verb
            and verb.lemma_.lower() in AIMING and not names_no_one(target.head, target)):
        return False
    # "a soldier was shot at the War Memorial", "shot the sentry at the memorial": one
    # hit is named, and the place is where
    return not any(c.dep_ in ("dobj", "nsubjpass") and not _launched(verb, c) for c in verb.children)


# What a preposition's object names that is no one acted on: how near a shot was
# fired from ("at close range"), where or how it was done ("battling on the ground",
# "attacked him on Twitter", "said on television"), its end ("stoned to his death")
NOT_TARGETS = frozenset({"range", "distance", "quarters", "ground", "death", "air", "sea",
                         "stage", "basis", "occasion", "condition", "behalf", "day",
                         "night", "morning", "evening", "weekend", "way"})
# where words are said, after "on", "over" or "in" ("on Twitter"; "a deal with
# Facebook" names its party)
MEDIA = frozenset({"television", "tv", "radio", "twitter", "facebook", "camera", "record",
                   "phone", "telephone", "internet", "website", "video"})
def names_no_one(prep: Token, obj: Token) -> bool:
    """``obj``, the object of ``prep``, says how, where or how near, not whom."""
    lemma = obj.lemma_.lower()
    return lemma in NOT_TARGETS or (lemma in MEDIA and prep.lower_ in ("on", "over", "in"))


# What is taken or held over something: "took control of the airport"
HELD = frozenset({"control", "possession", "command", "charge", "hold"})
# Verbs by which it is taken or held ("dismissed Clinton's charges" takes nothing)
TAKING = frozenset({"take", "seize", "gain", "assume", "wrest", "regain", "grab", "win",
                    "capture", "establish", "retake", "lose", "keep", "maintain", "tighten",
                    "consolidate", "cede", "relinquish", "surrender"})


NOT_NAMING = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "PART", "PUNCT"})


def asked_about(tok: Token) -> bool:
    """``tok`` is a question word or is asked about ("Who shelled it?", "how many people
    took part"): it names no one."""
    if tok.pos_ in NOT_NAMING:
        return True  # a verb or a preposition the parse made a subject names no one
    return tok.tag_ in WH_TAGS or any(t.tag_ in WH_TAGS for c in tok.lefts
                                      if c.dep_ in ("amod", "det", "nummod") for t in c.subtree)


def noun_actors(noun: Token) -> list[Token]:
    """Who did the thing a noun names: possessor, modifier, "by" phrase, "between X and Y"."""
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "poss" or (
            child.dep_ in ("compound", "amod", "nmod") and (child.ent_type_ or child.pos_ == "PROPN")
        ):
            out.extend(conjuncts(child))
        elif child.dep_ == "prep" and child.lower_ in ("by", "between", "among"):
            for p in child.children:
                if p.dep_ == "pobj" and not names_no_one(child, p):
                    out.extend(conjuncts(p))
    # "Russia began its siege": the subject of a verb of doing did it (not of one of
    # judging or telling: "Zelensky condemned the strikes", "Peskov denied the attack")
    if (not out or all(t.lower_ in PRONOUNS for t in out)) and noun.dep_ in OBJECT_DEPS \
            and noun.head.pos_ in ("VERB", "AUX") and noun.head.lemma_.lower() in DOER_VERBS:
        subj = clause_subject(noun.head)
        if subj:
            return subj
    part = taking_part(noun) if not out else None
    if part is not None:  # "both sides took part in the talks"
        return clause_subject(part) or out
    return out


def noun_targets(noun: Token) -> list[Token]:
    out: list[Token] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "of", "to", "at"):
            for p in child.children:
                if p.dep_ == "pobj" and not names_no_one(child, p):
                    out.extend(conjuncts(p))
        elif child.dep_ == "acl" and child.lemma_ in ("target", "against", "aim", "hit"):
            out.extend(t for c in child.children if c.dep_ == "dobj" for t in conjuncts(c))
    return out


def place_heads(trigger: Token) -> Iterator[Token]:
    """Objects of locative prepositions on the trigger and its object ("into Pokrovsk")."""
    heads = [trigger]
    heads.extend(c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass"))
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
                for p in child.children:
                    if p.dep_ == "pobj":
                        yield p
                        # "in the Pokrovsk combat zone": the compound names the place
                        yield from (c for c in p.children if c.dep_ == "compound")


def ancestor_path(tok: Token) -> list[Token]:
    """``tok`` then its heads up to the root (at most 40 tokens)."""
    path = [tok]
    cur = tok
    while len(path) < 40:
        head = cur.head
        if head.i == cur.i:
            break
        path.append(head)
        cur = head
    return path


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None
