"""Propositions: claim units from every document clustered into claims about the world.

Each document is reconciled on its own, in one transaction: its old stances
are removed, then each of its claim units joins the best-matching proposition
among a bounded set of candidates (same blocking key, seen within
``WINDOW_DAYS`` of the document) or starts a new one. Candidates come from one
indexed range scan on ``proposition_keys``, so the cost per document does not
grow with the store. The records are read and written through
:mod:`fogwatch.store.crossdoc`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Connection

from fogwatch import sentences as sx
from fogwatch.dating import stance_day
from fogwatch.findings import Analysis, StanceRecord
from fogwatch.reconcile import rarity
from fogwatch.reconcile import text as tx
from fogwatch.reconcile.days import shift_day
from fogwatch.reconcile.ids import fresh_id, stable_id
from fogwatch.reconcile.numbers import (
    KIND_CONCEPTS,
    dedupe_numbers,
    disagreeing_first,
    measure,
    number_disagreements,
)
from fogwatch.reconcile.opening import OPENING_LOOKUP, telling_words
from fogwatch.reconcile.outlet import OutletVoice, outlet_stance, stance_of
from fogwatch.reconcile.similarity import (
    MEMBER_ONLY,
    THRESHOLD,
    _unit_features,
    pair_similarity,
    similarity,
    stories_apart,
)
from fogwatch.reconcile.units import GENERIC_ENTITIES, ClaimUnit, document_units
from fogwatch.reconcile.voice import reads_as_claim, reads_whole
from fogwatch.store import candidates, crossdoc

WINDOW_DAYS = 45
MAX_CANDIDATES = 40  # propositions read and scored per unit
MAX_MEMBERS = 30  # member feature sets kept per proposition for matching
RECENT_STANCES = 120  # stance rows read to refresh a proposition's features and figures
FEATURE_KINDS = ("concepts", "places", "entities", "terms", "parties")
STATEMENT_CHARS = 220
OWN_LEDE_JOIN = 0.6

__all__ = ["THRESHOLD", "pair_similarity", "reconcile_propositions", "remove_document",
           "similarity", "stories_apart"]


# --- the per-document pass --------------------------------------------------------


QUOTES = "\"“”‘’'"
# "the view that X", "his long-held belief that X": what is said is X
FRAMED_VIEW = re.compile(
    r"^(?:the|a|an|his|her|their|its|our)\s+(?:[\w'’-]+\s+){0,2}?(?:view|belief|assessment|"
    r"argument|idea|notion|conclusion|impression|opinion|position)\s+that\s+(?=\S)",
    re.IGNORECASE)
# "the prevailing view in a comment to the press: “X”": what is said is the quotation
FRAMED_QUOTE = re.compile(
    r"^(?:the|a|an|his|her|their|its|our)\b[^“”\"]{0,160}?:\s*[“\"](?P<q>[^“”\"]+)[”\"]\.?$",
    re.IGNORECASE)


# Where a clause ends inside a long text: the place to cut it.
CLAUSE_END = re.compile(r"[,;]\s|\s[—–-]\s")
# A claim text opening on "that" or "it that" (what is left of "It is reported that"):
# the statement is what follows.
LEADING_THAT = re.compile(r"^(?:it\s+)?that\s+(?=\S)", re.IGNORECASE)


def _statement(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    # "as false a Russian claim that ...": the claim, not the verdict on it
    text = tx.VERDICT_FIRST.sub("", text, count=1)
    text = FRAMED_VIEW.sub("", text, count=1)
    framed = FRAMED_QUOTE.match(text)
    if framed:
        text = framed.group("q").strip(" ,;:")
    # One quotation wrapping the whole text: the statement is what it says.
    inner = text.strip(QUOTES).strip(" ,;:.")
    if text[:1] in QUOTES and not any(q in inner for q in QUOTES):
        text = inner
    if len(text) <= STATEMENT_CHARS:
        return text
    # Cut where a clause ends (a comma, semicolon or dash) rather than inside one,
    # when that keeps most of the text.
    head = text[:STATEMENT_CHARS]
    ends = [m.start() for m in CLAUSE_END.finditer(head)]
    if ends and ends[-1] >= STATEMENT_CHARS // 2:
        return head[:ends[-1]].rstrip(" ,;:—–-") + "…"
    return head.rsplit(" ", 1)[0] + "…"


@dataclass(slots=True)
class _Touched:
    """A proposition this document's units joined or started, as the database would
    hold it had each unit's features been written at once: its matching features,
    its blocking keys, and the ``last_seen`` those keys carry."""

    negative: bool
    features: dict[str, Any]
    row_last_seen: str | None  # the proposition row's own last_seen
    keys: set[str] = field(default_factory=set)
    last: str | None = None


@dataclass(slots=True)
class _Pass:
    """One document's pass: what it has read and what it will write.

    Units are matched in text order, each against the state its predecessors
    left; that state is kept here (``touched``) and written once at the end, where
    every proposition touched is refreshed from its stances anyway. Rows read
    from the database and not touched since do not change during the pass, so
    they are read once (``rows``).
    """

    conn: Connection
    touched: dict[str, _Touched] = field(default_factory=dict)
    rows: dict[str, crossdoc.CandidateRow] = field(default_factory=dict)
    new: list[dict[str, Any]] = field(default_factory=list)
    # a window's low day -> its key rows, read for every unit at once
    # (:func:`_prefetch`) and ranked unit by unit in :func:`_candidates`
    key_rows: dict[str | None, dict[str, list[tuple[str, str | None]]]] = field(
        default_factory=dict)


def _prefetch(state: _Pass, units: list[ClaimUnit]) -> None:
    """Read the key rows of every unit in one indexed scan per window
    (:func:`fogwatch.store.candidates.key_rows`); :func:`_candidates` ranks each
    unit's from them in Python, as the database would have. The database does not
    change during the pass, so this gives what a scan per unit would have found.

    On PostgreSQL, where every query is a round trip, the rows of each unit's
    first ``MAX_CANDIDATES`` are read here too, in one more query. Ranking in
    the database instead (a ``VALUES`` list of every unit's keys joined to the
    keys, grouped and numbered per unit) cost more than this whole pass's
    Python: ``benchmarks/store_cost.py`` gave reconcile 90 -> 57 ms a document
    of wall-clock time on the PolNeAR dev articles, with every table identical.
    On SQLite, where a query is a function call, candidates' rows are read as
    units need them."""
    by_low: dict[str | None, list[list[str]]] = {}
    for unit in units:
        if unit.keys and not unit.bare:
            by_low.setdefault(shift_day(unit.date, -WINDOW_DAYS), []).append(sorted(unit.keys))
    for low, asked in by_low.items():
        state.key_rows[low] = candidates.key_rows(
            state.conn, sorted({key for keys in asked for key in keys}), low)
    if state.conn.dialect.name == "sqlite":
        return
    first = sorted({pid for low, asked in by_low.items() for keys in asked
                    for pid, _, _ in candidates.ranked(state.key_rows[low], keys, (),
                                                       MAX_CANDIDATES, nulls_first=True)})
    if first:
        for row in crossdoc.candidate_rows(state.conn, first):
            state.rows[row.id] = row


def _candidates(state: _Pass, unit: ClaimUnit) -> list[tuple[str, bool, dict[str, Any]]]:
    """The propositions sharing most blocking keys with the unit, seen lately, as
    ``(id, negative, features)`` in id order.

    Ranked from the key rows :func:`_prefetch` read for the unit's window (one
    indexed range scan, bounded by the window, not by the store); only the best
    ``MAX_CANDIDATES`` are read. Propositions this document touched are ranked
    from their state in ``state``, exactly as the scan would rank them had their
    keys been written.
    """
    keys = sorted(unit.keys)
    if not keys:
        return []
    conn = state.conn
    low = shift_day(unit.date, -WINDOW_DAYS)
    # every unit with keys had its window's rows read by _prefetch
    found = candidates.ranked(state.key_rows[low], keys, state.touched, MAX_CANDIDATES,
                              nulls_first=conn.dialect.name == "postgresql")
    if state.touched:
        mine = set(keys)
        for pid, t in state.touched.items():
            if low and (t.last is None or t.last < low):
                continue
            n = len(t.keys & mine)
            if n:
                found.append((pid, n, t.last))
        found = crossdoc.in_scan_order(conn, found)[:MAX_CANDIDATES]
    ids = sorted(pid for pid, _, _ in found)
    unread = [pid for pid in ids if pid not in state.touched and pid not in state.rows]
    if unread:
        for row in crossdoc.candidate_rows(conn, unread):
            state.rows[row.id] = row
    out = []
    for pid in ids:
        t = state.touched.get(pid)
        if t is not None:
            out.append((pid, t.negative, t.features))
        elif pid in state.rows:
            row = state.rows[pid]
            out.append((pid, bool(row.negative), row.features))
    return out


def remove_document(conn: Connection, doc_id: str) -> None:
    """Take a document's stances out of its propositions, and refresh or drop those."""
    _refresh_many(conn, crossdoc.remove_stances(conn, doc_id))


def _new_ids(conn: Connection, seeds: list[str]) -> dict[str, str]:
    """Ids for the propositions this document may start, seed -> id, read in one
    query; a seed whose id a record kept from an earlier pass holds is left out
    (:func:`fresh_id` finds it the next free variant)."""
    ids = {seed: stable_id("p-", seed) for seed in seeds}
    if not ids:
        return {}
    taken = crossdoc.held_proposition_ids(conn, ids.values())
    return {seed: rid for seed, rid in ids.items() if rid not in taken}


def reconcile_propositions(conn: Connection, analysis: Analysis,
                           apart: Mapping[tuple[int, int], set[str]] | None = None,
                           common: frozenset[str] = frozenset(),
                           opening: set[str] | None = None) -> list[str]:
    """Assign the document's claim units to propositions; the ids touched.

    ``apart``: the propositions a unit (by its words' offsets) may not join, an
    analyst having split it from their members (:func:`fogwatch.reconcile.claimfix.apart`).
    ``common``: the names too many articles give to tell claims apart
    (:func:`fogwatch.reconcile.units.common_entities`).
    ``opening``: the words of the document's opening, where the caller has them.
    """
    doc = analysis.document
    units = document_units(analysis, common, opening)
    if units:
        unseen: set[str] = set()
        weights = rarity.weights(conn, {t for u in units for t in u.terms | u.opening}, unseen)
        for unit in units:
            unit.weights = weights
            if unit.opening and weights is not None:
                # it looks up the leads before it by the rarest words they hold
                held = sorted(unit.opening - unseen)
                unit.lookup = telling_words(held, [weights[w] for w in held], OPENING_LOOKUP)
    assigned: dict[int, str] = {}
    negative: dict[str, bool] = {}
    state = _Pass(conn)
    _prefetch(state, units)
    free = _new_ids(conn, [_seed(doc.id, u) for u in units
                           if u.attribution is not None or u.lede])
    for k, unit in enumerate(units):
        if unit.target is not None and unit.target in assigned:
            assigned[k] = assigned[unit.target]
            continue
        if unit.bare:
            # "his death": whose, the text around it says, not another document
            continue
        best, best_score = None, 0.0
        mine = _unit_features(unit)
        best_negative = False
        own_lede = unit.attribution is None and unit.lede
        barred = apart.get((unit.start, unit.end), set()) if apart else set()
        for pid, neg, features in _candidates(state, unit):
            if pid in barred:
                continue
            if own_lede and not any(m.get("lede") for m in features.get("members", ())):
                # the outlet's lead meets other leads: it does not take the
                # side of a claim that only speakers made
                continue
            score = similarity(mine, features)
            if score > best_score:
                best, best_score, best_negative = pid, score, neg
        if best is not None and best_score >= (OWN_LEDE_JOIN if own_lede else THRESHOLD):
            assigned[k] = best
            negative[best] = best_negative
            _add_features(state, best, unit)
            continue
        if (unit.attribution is None and not (own_lede and unit.polarity == "asserts")) \
                or unit.anaphoric or unit.negative \
                or not reads_as_claim(unit.text):
            # Outlet-voice sentences (but the article's lead claim), bare "the claim", negated claims ("no
            # casualties were reported") and what does not read as a claim (a
            # fragment: "that", "Russia was", "their fearsome capabilities")
            # only join claims others make.
            continue
        seed = _seed(doc.id, unit)
        pid = free.get(seed)
        if pid is None or pid in state.touched:
            pid = fresh_id("p-", seed, lambda rid: crossdoc.proposition_id_held(conn, rid),
                           taken=state.touched)
        is_negative = False
        state.new.append(dict(
            id=pid, statement=_statement(unit.text), negative=is_negative,
            first_seen=unit.date, last_seen=unit.date,
            features={"n": 0}, data={},
        ))
        state.touched[pid] = _Touched(is_negative, {"n": 0}, unit.date)
        negative[pid] = is_negative
        assigned[k] = pid
        _add_features(state, pid, unit)
    by_prop: dict[str, list[ClaimUnit]] = {}
    for k, pid in sorted(assigned.items()):
        by_prop.setdefault(pid, []).append(units[k])
    crossdoc.insert_propositions(conn, state.new)
    stances: list[dict[str, Any]] = []
    voice = OutletVoice(analysis)
    heads = crossdoc.proposition_heads(conn, list(by_prop))
    for pid, members in by_prop.items():
        neg = negative.get(pid)
        if neg is None:
            neg = heads[pid][0]
        stances.extend(_stance_rows(pid, analysis, members, neg, voice, heads[pid][1]))
    crossdoc.insert_stances(conn, stances)
    # Every proposition touched is recomputed from its stances: features, keys
    # and counts are written here, once.
    _refresh_many(conn, by_prop)
    return sorted(by_prop)


def _seed(doc_id: str, unit: ClaimUnit) -> str:
    return f"{doc_id}:{unit.attribution}:{unit.start}"


def _add_features(state: _Pass, pid: str, unit: ClaimUnit) -> None:
    """Fold a unit's features into a proposition, for the document's later units."""
    t = state.touched.get(pid)
    if t is None:
        row = state.rows[pid]  # a candidate, read by _candidates
        t = state.touched[pid] = _Touched(bool(row.negative), row.features, row.last_seen)
    features = dict(t.features)
    mine = _unit_features(unit)
    for kind, items in mine.items():
        if kind in MEMBER_ONLY:
            continue
        counts = Counter(features.get(kind, {}))
        counts.update(items)
        features[kind] = dict(counts)
    features["n"] = int(features.get("n", 0)) + 1
    features["members"] = ([*features.get("members", []), mine])[-MAX_MEMBERS:]
    t.features = features
    # Later units of the same document must find it too.
    t.last = max(filter(None, (t.row_last_seen, unit.date)), default=None)
    t.keys = _keys_of(features)


def _stance_rows(
    pid: str, analysis: Analysis, members: list[ClaimUnit], negative: bool,
    voice: OutletVoice | None = None, statement: str | None = None,
) -> list[dict[str, Any]]:
    """The ``proposition_stances`` rows of one document for one proposition."""
    doc = analysis.document
    rows: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()

    def add(record: StanceRecord, unit: ClaimUnit, counted: bool = True) -> None:
        data = record.to_dict()
        data["counted"] = counted  # its unit's features count toward the proposition
        data["features"] = _unit_features(unit)
        data["numbers"] = _figures(analysis, unit)
        data["negative"] = unit.negative
        if unit.shown:
            data["shown"] = unit.shown
        rows.append({
            "proposition_id": pid, "document_id": doc.id, "idx": len(rows),
            "source": record.source, "entity": record.entity, "outlet": record.outlet,
            "role": record.role, "stance": record.stance, "date": record.date, "data": data,
        })

    for unit in members:
        if unit.role != "source":
            continue
        stance = stance_of(unit, negative)
        if (unit.source, stance) in seen:
            continue
        seen.add((unit.source, stance))
        add(StanceRecord(
            source=unit.source, stance=stance, document=doc.id, outlet=doc.outlet,
            date=stance_day(analysis, unit.attribution), text=unit.text, entity=unit.entity,
            role="source",
            start=unit.start, end=unit.end, attribution=unit.attribution,
        ), unit)
    stance, unit = outlet_stance(members, negative, voice, statement)
    add(StanceRecord(
        source=doc.outlet or "the outlet", stance=stance, document=doc.id, outlet=doc.outlet,
        date=unit.date, text=unit.text, role="outlet", start=unit.start, end=unit.end,
        attribution=unit.attribution,
    ), unit, counted=unit.role == "outlet")
    return rows


def _figures(analysis: Analysis, unit: ClaimUnit) -> list[dict[str, Any]]:
    """The unit's figures, each with what it counts (:func:`measure`).

    A denial's figures are those of the claim it rejects ("dismissed as false a
    Russian claim that more than 5,000 soldiers ..."), and so are the figures
    a negated claim counts what it negates with ("have encircled five thousand
    men. They have not"): they are not the speaker's, and are left out rather
    than credited to it.
    """
    if unit.polarity == "denies" or not unit.numbers:
        return []
    negated = {tx.base_concept(c) for c in unit.concepts} if unit.negative else set()
    text = analysis.document.text
    spans = [(q.start, q.end) for q in analysis.quantities]
    sentences = sx.of_document(analysis.document)
    out = []
    for n in unit.numbers:
        data = n.to_dict()
        at = _locate(text, n.text or "", unit.start)
        if at is not None:
            others = tuple(sp for sp in spans if sp[1] <= at or sp[0] >= at + len(n.text or ""))
            data.update(measure(text, at, at + len(n.text or ""), n.counted, others,
                                sx.around(sentences, at)))
        if KIND_CONCEPTS.get(data.get("kind") or "") in negated:
            continue
        out.append(data)
    return out


def _locate(text: str, words: str, near: int) -> int | None:
    """Where ``words`` occur in ``text`` nearest to offset ``near``."""
    if not words:
        return None
    best, at = None, text.find(words)
    while at >= 0:
        if best is None or abs(at - near) < abs(best - near):
            best = at
        at = text.find(words, at + 1)
    return best


def _refresh_many(conn: Connection, pids: Any) -> None:
    """Recompute propositions' summaries from their stances; drop those with none left.

    Counts and dates are SQL aggregates; features, numbers and the statement
    come from the latest ``RECENT_STANCES`` stance rows only, so a claim every
    outlet repeats costs the same to update as a fresh one. Each proposition is
    recomputed on its own; the reads and writes of all of them are batched.
    """
    pids = sorted(pids)
    if not pids:
        return
    agg = crossdoc.stance_totals(conn, pids)
    crossdoc.drop_propositions(conn, [pid for pid in pids if pid not in agg])
    live = [pid for pid in pids if pid in agg]
    if not live:
        return
    recent = crossdoc.recent_stances(
        conn, live, {pid: agg[pid][0] for pid in live}, RECENT_STANCES)
    updates: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    for pid in live:
        _, first, last, n_documents, n_outlets, n_speakers, asserts, denies = agg[pid]
        rows = recent[pid][::-1]
        features: dict[str, Any] = {"n": 0, "members": []}
        numbers: list[dict[str, Any]] = []
        for r in rows:
            data = r["data"]
            if data.get("counted"):
                features["members"].append(data.get("features", {}))
                numbers.extend(data.get("numbers", []))
        features["members"] = features["members"][-MAX_MEMBERS:]
        features["n"] = len(features["members"])
        for member in features["members"]:
            for kind, items in member.items():
                if kind in MEMBER_ONLY:
                    continue
                counts = Counter(features.get(kind, {}))
                counts.update(items)
                features[kind] = dict(counts)
        places = Counter(features.get("places", {}))
        unique_numbers = dedupe_numbers(numbers)
        disagreements = number_disagreements(unique_numbers)
        unique_numbers = disagreeing_first(unique_numbers, disagreements)
        updates.append({
            "id": pid, "statement": _representative(rows),
            "first_seen": first, "last_seen": last,
            "contested": bool(asserts) and bool(denies),
            "numbers_disagree": bool(disagreements),
            "n_sources": n_speakers + n_outlets, "n_documents": n_documents,
            "place": places.most_common(1)[0][0] if places else None,
            "features": features, "data": {"numbers": unique_numbers},
        })
        keys.extend({"key": k, "proposition_id": pid, "last_seen": last}
                    for k in sorted(_keys_of(features)))
    crossdoc.update_propositions(conn, updates, keys)


def _representative(rows: list[Any]) -> str:
    """The statement that speaks for a proposition: the member most like the rest.

    Each member is compared with the proposition's core (what at least a third
    of the members share), so the cost grows with the members, not their pairs.
    Affirmative sources' words are preferred to negations and to the outlet's
    own verdicts, and mid-length texts to fragments and whole paragraphs. The
    statement must read on its own: a member that opens on a word referring to
    something it does not name ("They would not allow them ...") or that would
    be cut gives way to one that names its actors, as an article's lead does.
    """
    def shown(r: Any) -> str:
        text = (r["data"].get("shown") or r["data"]["text"]).strip()
        return LEADING_THAT.sub("", text, count=1)

    members = [r for r in rows if r["data"].get("counted") and r["data"].get("text")]
    if not members:
        members = [r for r in rows if r["data"].get("text")]
    members = members[-MAX_MEMBERS:]
    if not members:
        return ""
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in FEATURE_KINDS}
    for r in members:
        for kind, items in r["data"].get("features", {}).items():
            if kind in counts:
                counts[kind].update(items)
    floor = max(1, len(members) // 3)
    core = {kind: [k for k, n in c.items() if n >= floor] for kind, c in counts.items()}
    best, best_score = members[0], -1.0
    for r in members:
        data = r["data"]
        mine = data.get("features", {})
        words = len(shown(r).split())
        score = pair_similarity(mine, core)
        score += 0.5 * (not data.get("negative")) + 0.3 * (r["role"] == "source")
        score += 0.3 * (6 <= words <= 40) + 0.2 * bool(mine.get("concepts"))
        score += 1.0 * reads_as_claim(shown(r))  # a claim, not a fragment
        # read alone: names whom it is about, is not cut, is the article's lead
        score += 1.0 * reads_whole(shown(r))
        score += 0.3 * bool(mine.get("entities") or mine.get("places"))
        score += 0.4 * bool(mine.get("lede")) - 0.5 * (len(shown(r)) > STATEMENT_CHARS)
        if score > best_score:
            best, best_score = r, score
    text = _statement(shown(best))
    return text[:1].upper() + text[1:]


def _keys_of(features: dict[str, Any]) -> set[str]:
    """A proposition's blocking keys, from its features."""
    keys = {f"c:{c}" for c in features.get("concepts", {})}
    keys |= {f"p:{p}" for p in features.get("places", {})}
    keys |= {f"e:{e}" for e in features.get("entities", {}) if e not in GENERIC_ENTITIES}
    # Units about no known concept are matched on their wording alone.
    keys |= {f"t:{t}" for m in features.get("members", []) if not m.get("concepts")
             for t in m.get("terms", [])}
    # A lead's rarest opening words (:func:`fogwatch.reconcile.opening.telling_words`).
    keys |= {f"o:{w}" for m in features.get("members", [])
             for w in telling_words(m.get("opening", []), m.get("opening_weights"))}
    return keys
