"""A document's stance toward a claim: asserts, denies, reports, or unrelated.

One machinery for the claim board, for tracking a claim in the analyst's words
and for the FNC-1 scorer (:mod:`fogwatch.evaluate.fnc1`). It follows the strong
non-transformer FNC-1 systems (UCL's MLP over TF-IDF, Athene's hand features):

- *relatedness* from lexical overlap: TF-IDF cosine of the claim against the
  whole text, its opening and its best sentences; the share of the claim's
  words, stems, bigrams, numbers and capitalised names (a stand-in for named
  entities that costs no parse) found in the text;
- *stance* from cues near the claim's words: a denial lexicon ("hoax", "fake",
  "not true", "debunk", ...), negation next to a claim word, hedging
  ("reportedly", "allegedly", "according to", "claimed", ...), and the claim's
  own form (a question, a quoted or hedged headline);
- *explicit denials* (:func:`denial_scope`): a negator, a denial verb, a verdict
  of falsity or evidence set against a claim whose scope (the negator's clause,
  the verb's complement, the verdict's sentence) covers the claim's content,
  met by its stems or by their war-reporting concept ("encircled", "trapped",
  "cut off" are one), with the shared words of :mod:`fogwatch.wordlists` and
  the concepts of :mod:`fogwatch.reconcile.text`. A wrong "asserts" is a lie on
  the record: where such a denial covers the claim the model's ``agree`` is
  not taken (:data:`DENIAL_GUARD`);
- *who says it* (:func:`relayed_denial`): whether each denial of the claim is
  a speaker's (a reporting or denial verb of the shared lists, "according to",
  a quotation) or the article's own, and whether the article first relays the
  claim from a speaker. An article that relays both sides reports the dispute:
  its ``disagree`` is not taken, ``discuss`` is (:data:`RELAY_GUARD`);
- a small learned classifier over both, plus bags of the claim's and the text's
  words: one hidden layer in numpy, trained on FNC-1's training split minus
  the fixed dev articles (``fogwatch train fnc1``), shipped as a small ``.npz``.

No spaCy parse: a text is tokenised and cut into sentences by regular
expressions, so an article costs milliseconds and each article is analysed
once however many claims it is asked about (:func:`prepare`).

Labels are FNC-1's (``agree``, ``disagree``, ``discuss``, ``unrelated``);
:data:`BOARD_LABEL` gives the claim board's words for them.

Longer than 600 lines because every feature here is an input of the shipped
model: the text analysis, the cue and denial-scope features and the forward
pass change together with the weights, and one module keeps them in step; the
guards that overrule the model read the same per-sentence denial scopes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from fogwatch import wordlists as wl
from fogwatch.reconcile import text as rt

LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
BOARD_LABEL = {"agree": "asserts", "disagree": "denies", "discuss": "reports",
               "unrelated": "unrelated"}
MODEL_DIR = Path(__file__).resolve().parents[1] / "data" / "models" / "claimstance"
MODEL_FILE = "claimstance.npz"

# One string, split: the trained model's features depend on this exact list.
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being
below between both but by can did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself now of off on once only or other our ours ourselves out over own same she
should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will
with you your yours yourself would could also s t says said say new one two us via
""".split())  # noqa: SIM905
# The cue lists below are the trained model's features, not fogwatch.wordlists: they
# change only with a retrained model.
# Words that deny or debunk: the lemmas the FNC-1 systems looked for, plus their
# forms (we stem crudely, so both are listed where the stem differs).
REFUTE = ("fake", "fraud", "hoax", "hoaxes", "false", "deny", "denies", "denied", "denial",
          "debunk", "debunked", "debunks", "bogus", "untrue", "fabricated", "fabrication",
          "misleading", "satire", "satirical", "myth", "lie", "lies", "lied", "baseless",
          "unfounded", "dismiss", "dismissed", "refute", "refuted", "reject", "rejected",
          "prank", "pranks", "scam", "photoshopped", "doctored", "retract", "retracted",
          "rumour", "rumor", "rumours", "rumors", "doubt", "doubts", "skeptical", "wrong",
          "incorrect", "nonsense", "spoof", "parody", "fiction", "fictional", "nope", "despite",
          "however", "actually", "truth")
NEGATION = ("not", "no", "never", "none", "nothing", "neither", "nor", "nobody", "without",
            "n't", "cannot", "isn't", "wasn't", "didn't", "doesn't", "don't", "aren't",
            "weren't", "hasn't", "haven't")
HEDGE = ("reportedly", "allegedly", "alleged", "according", "claimed", "claims", "claim",
         "apparently", "purportedly", "purported", "rumoured", "rumored", "unconfirmed",
         "unverified", "may", "might", "could", "possibly", "possible", "perhaps", "suggest",
         "suggests", "suggested", "appears", "appear", "appeared", "seems", "seem", "believed",
         "unclear", "speculation", "speculate", "whether", "reports", "reported", "report",
         "said", "says", "told", "sources", "source", "if", "likely", "probably", "supposedly")
ASSERT = ("confirmed", "confirms", "confirm", "announced", "officially", "indeed", "verified",
          "revealed", "shows", "proof", "proved", "evidence", "footage", "video", "photos",
          "statement", "true", "real")
PHRASES = ("not true", "no evidence", "turned out", "is fake", "was fake", "a hoax", "not real",
           "made up", "no truth", "no proof", "did not", "has not", "have not", "was not",
           "according to", "is said", "are said", "is believed", "has denied", "have denied")
CUE_WORDS: tuple[str, ...] = tuple(dict.fromkeys((*REFUTE, *NEGATION, *HEDGE, *ASSERT)))
CUE_INDEX = {w: i for i, w in enumerate(CUE_WORDS)}
REFUTE_SET, NEG_SET, HEDGE_SET, ASSERT_SET = map(frozenset, (REFUTE, NEGATION, HEDGE, ASSERT))

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d+(?:[.,]\d+)*")
SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
SUFFIXES = ("ingly", "edly", "ings", "ing", "ies", "ied", "ed", "es", "ly", "s")
TOP_SENTENCES = 3
LEAD_SENTENCES = 4
WINDOW = 5  # tokens either side of a claim word where a cue counts as near it
# Explicit denials. A clause ends at these marks and words ("no ring, but a corridor").
CLAUSE_MARK = re.compile(r"[,;:()\u2014\u2013]")
CLAUSE_WORDS = frozenset({"but", "while", "whereas", "although", "though"})
NEG_AFTER = 6      # tokens after a negator, in its clause, that it denies ("no encirclement of X")
NEG_BEFORE = 8     # tokens before it, in its clause ("the encirclement of X did not happen")
# ... where the negator is followed (within two tokens) by a word of occurrence or truth:
# "X did not happen", "X is not true", "X never took place", "X does not exist".
OCCURRED = frozenset({"happen", "occur", "occurr", "exist", "true", "real", "took", "take",
                      "accurate", "correct"})
DENY_REACH = 25    # tokens after a denial verb: its complement ("denied that its units ...")
# Verdicts of falsity beyond the shared ones, as the debunking articles of FNC-1 write them.
FALSE_EXTRA = frozenset({"hoax", "hoaxes", "bogus", "spoof"})
SCOPES = ("neg", "neg_before", "deny", "deny_prev", "false", "false_prev", "contra",
          "unverified")
# A model's "agree" is not taken where an explicit denial covers at least this share of
# the claim (see ``_share``): the likelier of ``disagree`` and ``discuss`` is.
DENIAL_GUARD = 0.5
# A model's "disagree" is not taken where the article only relays denials of the
# claim, after relaying the claim from a speaker (:func:`relayed_denial`): ``discuss``
# is.
RELAY_GUARD = True


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "denied" and "denies", "reports"
    and "reported", at no cost per call after the first."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            return base + "y" if suffix in ("ies", "ied") else base
    return word


def tokens(text: str) -> list[tuple[str, bool, int, int]]:
    """(lowercased word, capitalised?, start, end) for every word and number."""
    out = []
    for m in TOKEN.finditer(text):
        w = m.group().replace("’", "'")
        low = w.lower()
        if low.endswith("n't") and len(low) > 3:
            out.append((low[:-3], False, m.start(), m.end() - 3))
            out.append(("n't", False, m.end() - 3, m.end()))
            continue
        if low.endswith("'s"):
            low = low[:-2]
        out.append((low, w[0].isupper(), m.start(), m.end()))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) character spans, cut at end punctuation before a
    capital and at line breaks; whitespace trimmed."""
    spans, at = [], 0
    for m in SENT_END.finditer(text):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out or [(0, len(text))]


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    words: list[str]            # lowercased tokens, in order
    stems: list[str]
    vector: dict[str, float]    # TF-IDF over content stems, unit length
    clause: list[int] = field(default_factory=list)    # clause number of each token
    concept: list[str] = field(default_factory=list)   # each token's concept ("" if none)
    neg_at: list[int] = field(default_factory=list)    # negators
    deny_at: list[int] = field(default_factory=list)   # denial verbs ("denied", "rejected")
    verdict: bool = False       # a verdict of falsity ("false", "fabricated", "propaganda")
    contra: bool = False        # evidence set against a claim ("do not support")
    unverified: bool = False    # "could not be verified"


@dataclass(slots=True)
class StanceDoc:
    """A text analysed once for any number of claims (see :func:`prepare`)."""

    text: str
    sentences: list[Sentence]
    vector: dict[str, float]
    lead: dict[str, float]
    stems: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]       # lowercased capitalised words not opening a sentence
    bag: np.ndarray             # the model's body-vocabulary TF-IDF (unit length)
    by_prefix: dict[str, list[str]] = field(default_factory=dict)  # stems by first 4 letters
    hidden: np.ndarray | None = None  # the model's first-layer share, filled on first use
    cue_counts: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimStance:
    """A stance with the passage (one sentence, character offsets) that decides it."""

    label: str
    score: float
    passage_start: int
    passage_end: int
    probabilities: tuple[float, ...] = ()

    @property
    def board_label(self) -> str:
        return BOARD_LABEL[self.label]


@dataclass(slots=True)
class StanceModel:
    path: Path
    idf: dict[str, float]
    default_idf: float
    head_vocab: dict[str, int]
    body_vocab: dict[str, int]
    mean: np.ndarray
    std: np.ndarray
    w_head: np.ndarray
    w_body: np.ndarray
    w_feat: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: np.ndarray
    bias: np.ndarray            # per-label offsets chosen on held-out training articles


def content(words: Iterable[str]) -> list[str]:
    return [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def tfidf(stems: Iterable[str], idf: dict[str, float], default: float) -> dict[str, float]:
    counts = Counter(stems)
    vec = {s: (1.0 + math.log(c)) * idf.get(s, default) for s, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {s: v / norm for s, v in vec.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(s, 0.0) for s, v in a.items())


def bag(stems: Iterable[str], vocab: dict[str, int], idf: dict[str, float],
        default: float) -> np.ndarray:
    """A unit-length TF-IDF vector over a fixed vocabulary (float32)."""
    out = np.zeros(len(vocab), dtype=np.float32)
    for s, c in Counter(stems).items():
        i = vocab.get(s)
        if i is not None:
            out[i] = (1.0 + math.log(c)) * idf.get(s, default)
    norm = float(np.linalg.norm(out))
    return out / norm if norm else out


_PHRASE_FIRST = frozenset(p.split(" ", 1)[0] for p in rt.CONCEPT_PHRASES)


@lru_cache(maxsize=200_000)
def _word_concept(word: str) -> str:
    # words reduced by suffix alone, as when the weights were trained (on FNC-1
    # text, which has no analysis's lemmas), in whatever document is being read
    with rt.reading(None):
        found = rt.concepts(word)
    return rt.base_concept(min(found)) if found else ""


def token_concepts(words: Sequence[str]) -> list[str]:
    """Each token's war-reporting concept (:mod:`fogwatch.reconcile.text`), a phrase's
    ("cut off") on its first word; "" where none."""
    out = [_word_concept(w) for w in words]
    for i, w in enumerate(words):
        if w in _PHRASE_FIRST and not out[i]:
            rest = " ".join(words[i:i + 4])
            out[i] = next((c for p, c in rt.CONCEPT_PHRASES.items() if rest.startswith(p)), "")
    return out


@lru_cache(maxsize=200_000)
def _cue_kind(word: str) -> int:
    """1 for a negator, 2 for a denial verb, 3 for a verdict of falsity, else 0."""
    if word in wl.NEGATORS:
        return 1
    with rt.reading(None):  # as when trained: see _word_concept
        if rt.denial_cue(word):
            return 2
        return 3 if word in FALSE_EXTRA or rt.judged_false(word) else 0


def _mark(sent: Sentence, text: str, toks: list[tuple[str, bool, int, int]]) -> None:
    """Fill a sentence's clauses, concepts and denial cues."""
    clause, at = 0, 0
    for i, (w, _, s, _) in enumerate(toks):
        if i and (CLAUSE_MARK.search(text, at, s) or w in CLAUSE_WORDS):
            clause += 1
        at = toks[i][3]
        sent.clause.append(clause)
        kind = _cue_kind(w)
        if kind == 1:
            sent.neg_at.append(i)
        elif kind == 2:
            sent.deny_at.append(i)
        elif kind == 3:
            sent.verdict = True
    sent.concept = token_concepts(sent.words)
    sent.contra = rt.contradicts(text)
    sent.unverified = rt.unverified(text)


def analyse_text(text: str, idf: dict[str, float], default: float,
                 body_vocab: dict[str, int]) -> StanceDoc:
    """Analyse a text once: sentences, stems, TF-IDF vectors, names and numbers."""
    sentences, all_stems, names, numbers, bigrams = [], [], set(), set(), set()
    for start, end in sentence_spans(text):
        toks = tokens(text[start:end])
        words = [t[0] for t in toks]
        stems = [stem(w) for w in words]
        for i, (w, cap, _, _) in enumerate(toks):
            if w[0].isdigit():
                numbers.add(w.replace(",", ""))
            elif cap and i > 0 and w not in STOPWORDS:
                names.add(w)
        cstems = content(words)
        bigrams.update(zip(cstems, cstems[1:], strict=False))
        all_stems.extend(cstems)
        sentences.append(Sentence(start, end, words, stems, tfidf(cstems, idf, default)))
        _mark(sentences[-1], text[start:end], toks)
    by_prefix: dict[str, list[str]] = {}
    for s in {s for sent in sentences for s in sent.stems}:
        by_prefix.setdefault(s[:4], []).append(s)
    lead_stems = [s for sent in sentences[:LEAD_SENTENCES] for s in content(sent.words)]
    return StanceDoc(
        text=text, sentences=sentences, vector=tfidf(all_stems, idf, default),
        lead=tfidf(lead_stems, idf, default), stems=frozenset(all_stems),
        bigrams=frozenset(bigrams), numbers=frozenset(numbers), names=frozenset(names),
        bag=bag(all_stems, body_vocab, idf, default),
        cue_counts=_cue_share(sentences), by_prefix=by_prefix,
    )


def _cue_share(sentences: Sequence[Sentence]) -> dict[str, float]:
    """Share of sentences with a denial, negation, hedge or assertion word."""
    n = max(len(sentences), 1)
    shares = {"refute": 0.0, "neg": 0.0, "hedge": 0.0, "assert": 0.0}
    for sent in sentences:
        words = set(sent.words)
        shares["refute"] += bool(words & REFUTE_SET)
        shares["neg"] += bool(words & NEG_SET)
        shares["hedge"] += bool(words & HEDGE_SET)
        shares["assert"] += bool(words & ASSERT_SET)
    return {k: v / n for k, v in shares.items()}


@dataclass(slots=True)
class Claim:
    words: list[str]
    stems: list[str]
    content: frozenset[str]
    vector: dict[str, float]
    bigrams: frozenset[tuple[str, str]]
    numbers: frozenset[str]
    names: frozenset[str]
    bag: np.ndarray
    question: bool
    quoted: bool
    # Content units for explicit denials: stems, their concepts, idf weights (sum 1).
    units: tuple[str, ...] = ()
    unit_concepts: tuple[str, ...] = ()
    unit_weights: tuple[float, ...] = ()
    negated: bool = False       # the claim denies something itself ("X is not encircled")


def _claim_units(words: list[str], idf: dict[str, float],
                 default: float) -> tuple[tuple[str, ...], tuple[str, ...], tuple[float, ...]]:
    concepts = token_concepts(words)
    units: dict[str, str] = {}
    for w, c in zip(words, concepts, strict=True):
        if (w not in STOPWORDS and len(w) > 1) or c:
            units[stem(w)] = units.get(stem(w)) or c
    keys = list(units)[:30]
    total = sum(idf.get(u, default) for u in keys) or 1.0
    return (tuple(keys), tuple(units[u] for u in keys),
            tuple(idf.get(u, default) / total for u in keys))


def analyse_claim(text: str, model: StanceModel) -> Claim:
    toks = tokens(text)
    words = [t[0] for t in toks]
    cstems = content(words)
    units, unit_concepts, unit_weights = _claim_units(words, model.idf, model.default_idf)
    return Claim(
        words=words, stems=[stem(w) for w in words], content=frozenset(cstems),
        vector=tfidf(cstems, model.idf, model.default_idf),
        bigrams=frozenset(zip(cstems, cstems[1:], strict=False)),
        numbers=frozenset(w.replace(",", "") for w in words if w[0].isdigit()),
        names=frozenset(w for i, (w, cap, _, _) in enumerate(toks)
                        if cap and i > 0 and not w[0].isdigit() and w not in STOPWORDS),
        bag=bag(cstems, model.head_vocab, model.idf, model.default_idf),
        question="?" in text, quoted=bool(re.search(r"[\"'“‘]", text)),
        units=units, unit_concepts=unit_concepts, unit_weights=unit_weights,
        negated=any(_cue_kind(w) for w in words),
    )


def _near_counts(sent: Sentence, claim: Claim) -> tuple[float, float, float, float]:
    """Denial, negation, hedging and assertion words within WINDOW tokens of a claim word."""
    hits = [i for i, s in enumerate(sent.stems) if s in claim.content]
    if not hits:
        return 0.0, 0.0, 0.0, 0.0
    near: set[int] = set()
    for i in hits:
        near.update(range(max(0, i - WINDOW), min(len(sent.words), i + WINDOW + 1)))
    words = [sent.words[i] for i in near]
    return (float(sum(w in REFUTE_SET for w in words)), float(sum(w in NEG_SET for w in words)),
            float(sum(w in HEDGE_SET for w in words)), float(sum(w in ASSERT_SET for w in words)))


def _phrase_hits(text: str) -> list[float]:
    low = text.lower()
    return [float(p in low) for p in PHRASES]


def _share(claim: Claim, mask: int) -> float:
    """The claim's share (idf-weighted) that a span's token mask covers; half of it
    when the span misses what the claim says of its names: its concept ("encircled"),
    or most of its other words ("no shortage of shells for the troops in X" says
    nothing of an encirclement of the troops in X)."""
    share = sum(w for k, w in enumerate(claim.unit_weights) if mask >> k & 1)
    return share if _substantive(claim, mask) else share / 2


def _substantive(claim: Claim, mask: int) -> bool:
    """Does a span's token mask meet what the claim says of its names (see ``_share``)?"""
    if any(mask >> k & 1 for k, c in enumerate(claim.unit_concepts) if c):
        return True
    names = {stem(n) for n in claim.names}
    common = [k for k, u in enumerate(claim.units) if u not in names]
    return bool(common) and sum(mask >> k & 1 for k in common) >= 0.6 * len(common)


def denial_scope(claim: Claim, doc: StanceDoc, per: list[np.ndarray] | None = None,
                 ) -> tuple[np.ndarray, int | None]:
    """How much of the claim each kind of explicit denial covers (the most over the
    sentences, in :data:`SCOPES` order), and the sentence that denies it most.

    ``neg``: claim words a negator governs in its clause, at least one after it
    ("there is no encirclement of X"); ``neg_before``: only before it, the negator
    followed by a word of :data:`OCCURRED` ("X did not happen"); ``deny``: a denial verb's complement ("denied that X", "rejected
    Moscow's statement that X"); ``deny_prev``: a denial verb with no claim
    words after it, and the sentence before ("... said X. Kyiv denied it.");
    ``false``, ``false_prev``: a verdict of falsity and its sentence (or the one
    before); ``contra``: evidence against ("do not support"); ``unverified``.
    ``per``, if given, receives each sentence's own figures, plus the share of
    the claim the whole sentence names and whether a denial of it there meets
    what the claim says (1.0) or only some of its words (0.0).
    """
    by_stem: dict[str, int] = {}
    by_concept: dict[str, int] = {}
    for k, (u, c) in enumerate(zip(claim.units, claim.unit_concepts, strict=True)):
        for s in doc.by_prefix.get(u[:4], ()):
            if s == u or (min(len(s), len(u)) >= 5 and (s.startswith(u) or u.startswith(s))):
                by_stem[s] = by_stem.get(s, 0) | 1 << k
        if c:
            by_concept[c] = by_concept.get(c, 0) | 1 << k
    out = np.zeros(len(SCOPES), dtype=np.float32)
    best, best_at, prev = 0.0, None, 0
    for n, sent in enumerate(doc.sentences):
        masks = [by_stem.get(s, 0) | by_concept.get(c, 0)
                 for s, c in zip(sent.stems, sent.concept, strict=True)]
        whole = 0
        for m in masks:
            whole |= m
        found = np.zeros(len(SCOPES), dtype=np.float32)
        reach = 0   # what the sentence's denials cover
        for i in sent.neg_at if whole else ():
            span = range(max(0, i - NEG_BEFORE), min(len(masks), i + NEG_AFTER + 1))
            after = before = 0
            for j in span:
                if sent.clause[j] == sent.clause[i]:
                    if j > i:
                        after |= masks[j]
                    else:
                        before |= masks[j]
            if after:
                found[0] = max(found[0], _share(claim, after | before))
                reach |= after | before
            elif OCCURRED.intersection(sent.stems[i + 1:i + 3]):
                found[1] = max(found[1], _share(claim, before))
                reach |= before
        for i in sent.deny_at:
            comp = 0
            for m in masks[i + 1:i + 1 + DENY_REACH]:
                comp |= m
            found[2] = max(found[2], _share(claim, comp))
            if not comp:
                found[3] = max(found[3], _share(claim, prev))
            reach |= comp or prev
        if sent.verdict:
            found[4], found[5] = _share(claim, whole), _share(claim, prev)
            reach |= whole | prev
        if sent.contra:
            found[6] = _share(claim, whole)
            reach |= whole
        if sent.unverified:
            found[7] = _share(claim, whole)
        strength = float(max(found[0], found[1], found[2], found[4], found[6]))
        if strength > best:
            best, best_at = strength, n
        np.maximum(out, found, out=out)
        if per is not None:
            per.append(np.append(found, (_share(claim, whole) if whole else 0.0,
                                         float(bool(reach) and _substantive(claim, reach)))))
        prev = whole
    return out, best_at


N_DENSE = 32 + len(PHRASES) + len(CUE_WORDS) + len(SCOPES) + 1


def features(claim: Claim, doc: StanceDoc, idf: dict[str, float],
             default: float) -> tuple[np.ndarray, list[int], int | None]:
    """The hand features of one pair, the indices of the claim's best sentences
    (most similar first) and the sentence that denies it most (if one does)."""
    sims = [cosine(claim.vector, s.vector) for s in doc.sentences]
    order = sorted(range(len(sims)), key=lambda i: -sims[i])
    top = order[:TOP_SENTENCES]
    best = top[0]
    n_content = max(len(claim.content), 1)
    idf_total = sum(idf.get(s, default) for s in claim.content) or 1.0
    shared = claim.content & doc.stems
    best_stems = set(doc.sentences[best].stems)
    top_text = " ".join(doc.text[doc.sentences[i].start:doc.sentences[i].end] for i in top)
    near = np.zeros(4)
    for i in top:
        near += _near_counts(doc.sentences[i], claim)
    cue_top = np.zeros(len(CUE_WORDS))
    for i in top:
        for w in doc.sentences[i].words:
            j = CUE_INDEX.get(w)
            if j is not None:
                cue_top[j] = 1.0
    claim_words = set(claim.words)
    head_refute = float(bool(claim_words & REFUTE_SET))
    top_refute = float(sum(bool(set(doc.sentences[i].words) & REFUTE_SET) for i in top))
    dense = [
        cosine(claim.vector, doc.vector), cosine(claim.vector, doc.lead),
        sims[best], sum(sims[i] for i in top) / len(top),
        sum(1 for s in sims if s > 0.2) / len(sims), sum(1 for s in sims if s > 0.4) / len(sims),
        len(shared) / n_content, sum(idf.get(s, default) for s in shared) / idf_total,
        len(claim.content & best_stems) / n_content,
        len(claim.bigrams & doc.bigrams) / max(len(claim.bigrams), 1),
        len(claim.numbers & doc.numbers) / max(len(claim.numbers), 1), float(bool(claim.numbers)),
        len(claim.names & doc.names) / max(len(claim.names), 1), float(bool(claim.names)),
        best / max(len(doc.sentences), 1), math.log1p(len(doc.sentences)),
        math.log1p(len(claim.content)),
        *near, *(min(near[k], 1.0) for k in range(4)),
        head_refute, float(bool(claim_words & HEDGE_SET)), float(claim.question),
        float(claim.quoted),
        doc.cue_counts["refute"], doc.cue_counts["neg"], doc.cue_counts["hedge"],
        doc.cue_counts["assert"],
        # The FNC baseline's polarity: does the claim's denial parity differ from its passage's?
        float((head_refute + top_refute) % 2),
        *_phrase_hits(top_text),
    ]
    scope, denial = denial_scope(claim, doc)
    extra = [float(claim.negated)]
    return np.concatenate([np.asarray(dense, dtype=np.float32), cue_top.astype(np.float32),
                           scope, np.asarray(extra, dtype=np.float32)]), top, denial


def load_model(model_dir: Path | None = None) -> StanceModel:
    """The shipped model (or one trained into ``model_dir``)."""
    return _load(str((model_dir or MODEL_DIR) / MODEL_FILE))


@lru_cache(maxsize=4)
def _load(path: str) -> StanceModel:
    with np.load(path, allow_pickle=False) as z:
        idf_words = [str(w) for w in z["idf_words"]]
        idf = dict(zip(idf_words, z["idf_values"].astype(float).tolist(), strict=True))
        return StanceModel(
            path=Path(path), idf=idf, default_idf=float(z["default_idf"]),
            head_vocab={str(w): i for i, w in enumerate(z["head_vocab"])},
            body_vocab={str(w): i for i, w in enumerate(z["body_vocab"])},
            mean=z["mean"].astype(np.float32), std=z["std"].astype(np.float32),
            w_head=z["w_head"].astype(np.float32), w_body=z["w_body"].astype(np.float32),
            w_feat=z["w_feat"].astype(np.float32), b1=z["b1"].astype(np.float32),
            w2=z["w2"].astype(np.float32), b2=z["b2"].astype(np.float32),
            bias=z["bias"].astype(np.float32),
        )


def prepare(text: str, model: StanceModel | None = None) -> StanceDoc:
    """Analyse a document once, for any number of claims."""
    model = model or load_model()
    return analyse_text(text, model.idf, model.default_idf, model.body_vocab)


def forward(model: StanceModel, head_bag: np.ndarray, body_hidden: np.ndarray,
            dense: np.ndarray) -> np.ndarray:
    """Label probabilities of a batch; ``body_hidden`` is the body bag times its weights."""
    x = (dense - model.mean) / model.std
    h = np.maximum(head_bag @ model.w_head + body_hidden + x @ model.w_feat + model.b1, 0.0)
    logits = h @ model.w2 + model.b2 + model.bias
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def stance_batch(pairs: Sequence[tuple[str, str | StanceDoc]],
                 model: StanceModel | None = None) -> list[ClaimStance]:
    """The stance of each (claim, document) pair; pass a :class:`StanceDoc` from
    :func:`prepare` for a document asked about several claims."""
    model = model or load_model()
    if not pairs:
        return []
    claims: dict[str, Claim] = {}
    docs: dict[str, StanceDoc] = {}
    rows, bests, heads, hiddens = [], [], [], []
    for claim_text, doc in pairs:
        claim = claims.get(claim_text)
        if claim is None:
            claim = claims[claim_text] = analyse_claim(claim_text, model)
        if isinstance(doc, str):
            text = doc
            doc = docs.get(text) or docs.setdefault(text, prepare(text, model))
        if doc.hidden is None:
            doc.hidden = doc.bag @ model.w_body
        dense, top, denial = features(claim, doc, model.idf, model.default_idf)
        rows.append(dense)
        bests.append((doc, claim, top, denial, explicit_denial(claim, dense)))
        heads.append(claim.bag)
        hiddens.append(doc.hidden)
    probs = forward(model, np.stack(heads), np.stack(hiddens), np.stack(rows))
    out = []
    for p, (doc, claim, top, denial, denied) in zip(probs, bests, strict=True):
        k = int(p.argmax())
        if denied and LABELS[k] == "agree":  # the better of the two that do not assert
            k = 1 if p[1] >= p[2] else 2
        if RELAY_GUARD and LABELS[k] == "disagree" and relayed_denial(claim, doc):
            k = 2  # both sides relayed, neither in the article's voice: it reports
        sent = (doc.sentences[denial] if LABELS[k] == "disagree" and denial is not None
                else _deciding(doc, claim, top, LABELS[k]))
        # six digits: a batch and a single pair may differ in float32's last bits
        out.append(ClaimStance(LABELS[k], round(float(p[k]), 6), sent.start, sent.end,
                               tuple(round(float(v), 4) for v in p)))
    return out


def explicit_denial(claim: Claim, dense: np.ndarray) -> bool:
    """Does the text deny the claim in so many words (:data:`DENIAL_GUARD`)? Not
    asked of a claim that itself denies something."""
    if claim.negated:
        return False
    scope = dense[-len(SCOPES) - 1:-1]
    return max(scope[SCOPES.index(k)] for k in ("neg", "neg_before", "deny", "false")
               ) >= DENIAL_GUARD


# Who voices a denial, without a parse. An article that relays a speaker's denial
# ("Kyiv denied that ...", "there is no encirclement, the General Staff said", a
# quotation) after relaying the claim from another speaker ("the ministry said
# 5,000 troops were cut off") reports the dispute; one that denies in its own
# sentences ("there is no encirclement", "our imagery shows no closed ring", "the
# Russian number is inflated") denies. A speaker is a reporting, denial, disowning
# or scorning verb of the shared lists (or "called", "according to"), not after a
# first person ("we found", "according to our map").
RELAY_SHARE = 0.5  # the share of the claim (``_share``) a relaying sentence names
FIRST_PERSON = frozenset({"we", "i", "our", "my", "us"})
IRREGULAR_PAST = {"say": "said", "tell": "told", "write": "wrote"}
# Third-person forms that are more often plural nouns ("member states", "posts").
NOUN_FORMS = frozenset({"states", "posts", "notes", "charges", "words", "accounts"})
QUOTE = re.compile(r'["\u201c\u201d]')


def _inflect(lemma: str) -> set[str]:
    """The past and third-person forms of a regular verb ("denied", "denies")."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    past = IRREGULAR_PAST.get(lemma) or lemma + ("d" if lemma.endswith("e") else "ed")
    return {past, lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")}


_DENIERS = wl.DENIAL_VERBS | wl.DISOWNING_VERBS | wl.SCORN_VERBS
# Base forms only of the denial verbs: "Kyiv continues to deny"; "report", "claim"
# and the other reporting lemmas are as often nouns.
SPEAKER_FORMS = frozenset(
    {f for lemma in wl.REPORT_VERBS | _DENIERS | {"call"} for f in _inflect(lemma)} | _DENIERS
) - NOUN_FORMS - {noun + "s" for noun in wl.REPORT_NOUNS}


def _speaker(words: Sequence[str]) -> bool:
    """Does a sentence name someone saying it (not "we", not "according to our")?"""
    for i, w in enumerate(words):
        if w in SPEAKER_FORMS and not FIRST_PERSON.intersection(words[max(0, i - 2):i]):
            return True
        if (w == "according" and words[i + 1:i + 2] == ["to"]
                and words[i + 2:i + 3] and words[i + 2] not in FIRST_PERSON):
            return True
    return False


def _quoted(text: str, sentences: Sequence[Sentence]) -> list[bool]:
    """Is each sentence mostly inside quotation marks (a quotation may run over several)?"""
    inside, opened = [], None
    for m in QUOTE.finditer(text):
        if opened is None and m.group() != "\u201d":
            opened = m.start()
        elif opened is not None and m.group() != "\u201c":
            inside.append((opened, m.end()))
            opened = None
    if opened is not None:
        inside.append((opened, len(text)))
    return [2 * sum(max(0, min(s.end, b) - max(s.start, a)) for a, b in inside) > s.end - s.start
            for s in sentences]


def relayed_denial(claim: Claim, doc: StanceDoc) -> bool:
    """Does the article only relay denials of the claim, after relaying the claim?

    The denials that count (:func:`denial_scope`, bar ``unverified``) are those
    that meet what the claim says, not only a name or two, and the strongest. True
    where a sentence naming at least :data:`RELAY_SHARE` of the claim with a speaker
    and no denial comes before the first denial that counts, each of them is a
    speaker's or a quotation (none the article's own) and at least one meets what
    the claim says. Not asked of a claim that itself denies something.
    """
    if claim.negated:
        return False
    per: list[np.ndarray] = []
    _, strongest = denial_scope(claim, doc, per)
    quoted = _quoted(doc.text, doc.sentences)
    relay, relayed = None, False
    for n, (sent, found) in enumerate(zip(doc.sentences, per, strict=True)):
        voiced = quoted[n] or _speaker(sent.words)
        if found[:len(SCOPES) - 1].any():
            if not (found[-1] or n == strongest):
                continue
            if relay is None or not voiced:
                return False
            relayed = relayed or bool(found[-1])
        elif relay is None and voiced and found[-2] >= RELAY_SHARE:
            relay = n
    return relayed


def _deciding(doc: StanceDoc, claim: Claim, top: list[int], label: str) -> Sentence:
    """The passage shown for a stance: among the claim's best sentences, the first
    that carries the stance's cue near the claim's words (a denial or negation for
    ``disagree``, a hedge for ``discuss``), else the most similar one."""
    want = {"disagree": (0, 1), "discuss": (2,)}.get(label, ())
    for i in top:
        near = _near_counts(doc.sentences[i], claim)
        if any(near[k] for k in want):
            return doc.sentences[i]
    return doc.sentences[top[0]]


def stance(claim: str, doc: str | StanceDoc, model: StanceModel | None = None) -> ClaimStance:
    """The stance of ``doc`` toward ``claim``, with the sentence that decides it."""
    return stance_batch([(claim, doc)], model)[0]
