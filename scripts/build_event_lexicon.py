#!/usr/bin/env python3
"""Build fogwatch's event lexicon (verb/noun -> PLOVER 2.0 category) from public data.

Reads, at development time only:
  - the PETRARCH-2 CAMEO verb dictionary (``petrarch/CAMEO.2.0.txt``, MIT): verb
    blocks, verb forms and object patterns, each with a CAMEO code;
  - the CAMEO -> PLOVER table (``plover/CAMEO2PLOVER-2021.txt``).
and writes ``src/fogwatch/data/event_lexicon.json``, which is all the runtime reads.
fogwatch's own additions for war reporting (shell, shoot down, encircle, sanction,
...) live in ``WAR_ADDITIONS`` below and override the derived entries.

Usage:  python scripts/build_event_lexicon.py [--shared PATH]
(default PATH: $FOGWATCH_SHARED or ../shared beside the repository)
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "fogwatch" / "data" / "event_lexicon.json"

# CAMEO roots the 2021 table leaves out or that PLOVER 2.0 reads differently.
# 01x (public statements) are not events in PLOVER; 02x (appeals) are REQUEST;
# 163 (impose sanctions) is SANCTION 'discontinue' in the 2.0 manual, though the
# 2021 table still says COERCE.
CAMEO_OVERRIDES: dict[str, tuple[str | None, str | None]] = {
    "01": (None, None), "02": ("REQUEST", None), "163": ("SANCTION", "discontinue"),
}

# CAMEO object patterns that war reporting reads otherwise: "troops crossed the
# border" is no aid (CAMEO codes the pattern as humanitarian aid crossing), and
# "launched his bid for a Senate seat" is a candidacy, not a sanction (160), and
# "Ethiopia held elections" is a vote, not an agreement. Taking part is the act of
# what one takes part in ("took part in the attack", "in the parade"; the runtime
# reads it so), and a mission launched is a military one more often than a
# diplomatic one ("commandos launched the mission").
# CAMEO phrasal patterns that news uses in another sense: "those who browsed the
# site found that out" is learning something, no consultation.
NOT_PARTICLE_READINGS = {"find out"}
NOT_OBJECT_READINGS = {("cross", "border"), ("launch", "bid"), ("hold", "elections"),
                       ("take", "part"), ("launch", "mission")}

# Verbs CAMEO gives no code of their own ([---]) that war reporting uses bare for
# the act most of their patterns read: "troops advanced", "Russia hacked into the
# emails", "attempted to assassinate" (the runtime reads "attempt" only before
# violence), "Germany sent air-defence systems to Ukraine" (aid: the runtime wants
# something sent, to someone).
BARE_READINGS = {"advance", "attempt", "hack", "intercept", "overran", "send", "sign", "unleash",
                 "wage"}

PREPS = {"TO", "WITH", "ON", "FOR", "IN", "OF", "AT", "AGAINST", "FROM", "BY", "INTO", "OVER",
         "ABOUT", "UNDER", "AFTER", "DURING", "BEFORE", "BEHIND", "ALONG", "OUT", "UP",
         "DOWN", "OFF", "AWAY", "BACK", "ASIDE", "FORWARD", "A", "AN", "THE", "NOT", "HIS",
         "ITS", "THEIR", "HER"}

# What is attacked with words (lowercase, as written and as lemma)
VERBAL_TARGETS = (
    "ideology", "policy", "policies", "plan", "plans", "proposal", "proposals", "record",
    "remark", "remarks", "comment", "comments", "statement", "statements", "decision",
    "idea", "ideas", "rhetoric", "view", "views", "approach", "handling", "agenda", "bill",
    "legislation", "speech", "character", "credibility", "stance", "claim", "claims",
)

# fogwatch additions for war reporting: lemma -> (category, mode). These win over
# the derived entries. "objects"/"particles" refine by the word that follows.
WAR_ADDITIONS: dict[str, dict[str, object]] = {
    "verbs": {
        "shell": ["ASSAULT", "heavy-weapons"], "bomb": ["ASSAULT", "aerial"],
        "strike": ["ASSAULT", None], "attack": ["ASSAULT", None], "hit": ["ASSAULT", None],
        "pound": ["ASSAULT", "heavy-weapons"], "bombard": ["ASSAULT", "heavy-weapons"],
        "encircle": ["ASSAULT", None], "surround": ["ASSAULT", None],
        "besiege": ["ASSAULT", None], "storm": ["ASSAULT", None], "assault": ["ASSAULT", None],
        "kill": ["ASSAULT", None], "destroy": ["ASSAULT", "destroy"],
        "shoot": ["ASSAULT", "firearms"], "fire": ["ASSAULT", None],
        "invade": ["ASSAULT", None], "raid": ["ASSAULT", None], "torpedo": ["ASSAULT", None],
        "capture": ["COERCE", "seize"], "seize": ["COERCE", "seize"], "occupy": ["COERCE", "seize"],
        "annex": ["COERCE", "seize"], "trap": ["ASSAULT", None],
        # CAMEO's bare "control" is cooperation; a force controlling ground holds it
        "control": ["COERCE", "seize"],
        "sanction": ["SANCTION", "discontinue"], "embargo": ["SANCTION", "discontinue"],
        "target": ["ASSAULT", None],
        "mobilize": ["MOBILIZE", "troops"], "mobilise": ["MOBILIZE", "troops"],
        "deploy": ["MOBILIZE", "troops"], "fly": ["MOBILIZE", "troops"],
        "redeploy": ["MOBILIZE", "troops"], "reinforce": ["MOBILIZE", "troops"],
        "produce": ["MOBILIZE", "weapons"], "test": ["MOBILIZE", "weapons"],
        "withdraw": ["RETREAT", "withdraw"], "retreat": ["RETREAT", "withdraw"],
        "meet": ["CONSULT", None], "visit": ["CONSULT", "visit"], "host": ["CONSULT", "visit"],
        "phone": ["CONSULT", "phone"], "negotiate": ["CONSULT", None],
        "urge": ["REQUEST", None], "plead": ["REQUEST", None], "demand": ["REQUEST", None],
        "mock": ["ACCUSE", "disapprove"], "decry": ["ACCUSE", "disapprove"],
        "slam": ["ACCUSE", "disapprove"], "condemn": ["ACCUSE", "disapprove"],
        "criticize": ["ACCUSE", "disapprove"], "criticise": ["ACCUSE", "disapprove"],
        "accuse": ["ACCUSE", "allege"], "oppose": ["REJECT", None],
        "refuse": ["REJECT", None], "reject": ["REJECT", None], "veto": ["REJECT", None],
        "threaten": ["THREATEN", None], "warn": ["THREATEN", None],
        "order": ["REQUEST", None], "award": ["SUPPORT", None], "praise": ["SUPPORT", None],
        "supply": ["AID", None], "deliver": ["AID", None], "donate": ["AID", None],
        "arm": ["AID", "military"], "fund": ["AID", None], "lend": ["AID", None],
        "exempt": ["CONCEDE", None], "release": ["RETREAT", "release"],
        "scuttle": ["REJECT", None], "avert": ["REJECT", None],
        "drop": ["RETREAT", None], "agree": ["AGREE", None], "promise": ["AGREE", None],
        "pledge": ["AGREE", None],
        "demonstrate": ["PROTEST", "demo"], "rally": ["PROTEST", "demo"],
        "riot": ["PROTEST", "riot"], "march": ["PROTEST", "demo"],
        "expel": ["SANCTION", "expel"], "suspend": ["SANCTION", "discontinue"],
        "halt": ["SANCTION", "discontinue"], "end": ["SANCTION", "discontinue"],
        "close": ["SANCTION", "discontinue"], "reduce": ["SANCTION", "discontinue"],
        "freeze": ["SANCTION", "discontinue"], "sever": ["SANCTION", "discontinue"],
        "lift": ["CONCEDE", None], "ease": ["CONCEDE", None], "relax": ["CONCEDE", None],
        "allow": ["CONCEDE", None], "permit": ["CONCEDE", None], "cancel": ["CONCEDE", None],
        "resign": ["RETREAT", "resign"], "surrender": ["RETREAT", "withdraw"],
        "demobilize": ["RETREAT", "disarm"], "disarm": ["RETREAT", "disarm"],
        "evacuate": ["RETREAT", "withdraw"], "free": ["RETREAT", "release"],
        "kidnap": ["ASSAULT", "abduct"], "abduct": ["ASSAULT", "abduct"],
        "demolish": ["ASSAULT", "destroy"], "detain": ["COERCE", "arrest"],
        "arrest": ["COERCE", "arrest"], "jail": ["COERCE", "arrest"],
        "investigate": ["ACCUSE", "investigate"], "probe": ["ACCUSE", "investigate"],
        "sue": ["ACCUSE", "allege"], "complain": ["ACCUSE", "allege"],
        "deny": ["REJECT", None], "boycott": ["PROTEST", "boycott"],
        "dismiss": ["REJECT", None], "renege": ["REJECT", None], "pressure": ["REQUEST", None],
        "press": ["REQUEST", None], "forgive": ["SUPPORT", None], "apologize": ["SUPPORT", None],
    },
    "particles": {
        "shoot down": ["ASSAULT", "aerial"], "speak to": ["CONSULT", None],
        "speak with": ["CONSULT", None], "talk to": ["CONSULT", None],
        "talk with": ["CONSULT", None], "push back": ["ASSAULT", None],
        "pull out": ["RETREAT", "withdraw"], "pull back": ["RETREAT", "withdraw"],
        "fall to": ["RETREAT", "withdraw"], "cut off": ["COERCE", "restrict"],
        "call for": ["REQUEST", None], "step up": ["MOBILIZE", None],
        "back off": ["RETREAT", None], "plead with": ["REQUEST", None],
        "take out": ["ASSAULT", "destroy"], "hand over": ["AID", None], "roll out": ["MOBILIZE", "weapons"],
        "walk away": ["SANCTION", "withdraw"], "rule out": ["REJECT", None],
        "push out": ["ASSAULT", None], "link up": ["MOBILIZE", "troops"],
        "back out": ["RETREAT", None],
    },
    # what war reporting does with a verb CAMEO reads only with other objects
    # (its weapon synsets are left out above): verb -> object word -> reading
    "objects": {
        "launch": {
            **{w: ["ASSAULT", "heavy-weapons"] for w in ("missile", "missiles", "rocket", "rockets")},
            **{w: ["ASSAULT", "aerial"] for w in ("drone", "drones")},
            **{w: ["ASSAULT", None] for w in (
                "strike", "strikes", "attack", "attacks", "counterattack", "counteroffensive")}},
        "cut": {w: ["SANCTION", "discontinue"] for w in (
            "purchases", "imports", "exports", "supplies", "deliveries")},
        "return": {w: ["CONSULT", None] for w in ("table", "talks", "negotiations")},
        # what is dropped from the air is aid or bombs, not a dropped demand
        "drop": {**{w: ["AID", None] for w in (
            "weapons", "supplies", "aid", "food", "water", "ammunition", "munitions")},
            **{w: ["ASSAULT", "aerial"] for w in ("bomb", "bombs", "leaflets")}},
        # CAMEO's "HOLD [---]" has no code alone: held hostage or captive is an abduction
        "hold": {w: ["ASSAULT", "abduct"] for w in ("hostage", "hostages", "captive")},
        "slap": {w: ["SANCTION", "discontinue"] for w in (
            "sanctions", "tariffs", "embargo", "restrictions")},
        # attacking words, plans or ideas is criticism, not force: "attacked the
        # hateful ideology of ...", "attacked the president's plan"
        **{verb: {w: ["ACCUSE", "disapprove"] for w in VERBAL_TARGETS}
           for verb in ("attack", "assail")},
    },
    "nouns": {
        "attack": ["ASSAULT", None], "strike": ["ASSAULT", None], "airstrike": ["ASSAULT", "aerial"],
        "shelling": ["ASSAULT", "heavy-weapons"], "bombing": ["ASSAULT", "aerial"],
        "offensive": ["ASSAULT", None], "assault": ["ASSAULT", None], "raid": ["ASSAULT", None],
        "invasion": ["ASSAULT", None], "encirclement": ["ASSAULT", None],
        "siege": ["ASSAULT", None], "fighting": ["ASSAULT", None], "battle": ["ASSAULT", None],
        "capture": ["COERCE", "seize"], "occupation": ["COERCE", "seize"],
        "infiltration": ["ASSAULT", None], "counteroffensive": ["ASSAULT", None],
        "sanction": ["SANCTION", "discontinue"], "sanctions": ["SANCTION", "discontinue"],
        "embargo": ["SANCTION", "discontinue"],
        "meeting": ["CONSULT", None], "talks": ["CONSULT", None], "summit": ["CONSULT", None],
        "call": ["CONSULT", "phone"], "chat": ["CONSULT", "phone"], "visit": ["CONSULT", "visit"],
        "negotiations": ["CONSULT", None], "conversation": ["CONSULT", None],
        "aid": ["AID", None], "loan": ["AID", None], "delivery": ["AID", None],
        "production": ["MOBILIZE", "weapons"], "test": ["MOBILIZE", "weapons"],
        "testing": ["MOBILIZE", "weapons"], "deployment": ["MOBILIZE", "troops"],
        "mobilization": ["MOBILIZE", "troops"], "landing": ["MOBILIZE", "troops"],
        "exercise": ["MOBILIZE", None], "exercises": ["MOBILIZE", None],
        "withdrawal": ["RETREAT", "withdraw"], "retreat": ["RETREAT", "withdraw"],
        "ceasefire": ["RETREAT", "ceasefire"], "truce": ["RETREAT", "ceasefire"],
        "protest": ["PROTEST", "demo"], "demonstration": ["PROTEST", "demo"],
        "rally": ["PROTEST", "demo"], "boycott": ["PROTEST", "boycott"],
        "exemption": ["CONCEDE", None], "threat": ["THREATEN", None],
        "ultimatum": ["THREATEN", None], "accusation": ["ACCUSE", "allege"],
        "agreement": ["AGREE", None], "deal": ["AGREE", None], "accord": ["AGREE", None],
        "arrest": ["COERCE", "arrest"], "blockade": ["COERCE", "restrict"],
        "investigation": ["ACCUSE", "investigate"], "probe": ["ACCUSE", "investigate"],
        "appeal": ["REQUEST", None], "demand": ["REQUEST", None], "request": ["REQUEST", None],
        "rejection": ["REJECT", None], "refusal": ["REJECT", None], "veto": ["REJECT", None],
        "operation": ["MOBILIZE", "troops"], "release": ["RETREAT", "release"],
        "mediation": ["CONSULT", None], "rallies": ["PROTEST", "demo"],
        "demonstrations": ["PROTEST", "demo"], "riots": ["PROTEST", "riot"],
        "riot": ["PROTEST", "riot"], "fire": ["ASSAULT", None], "hearing": ["ACCUSE", "investigate"],
        "suspension": ["SANCTION", "discontinue"], "expulsion": ["SANCTION", "expel"],
        "resignation": ["RETREAT", "resign"], "welcome": ["CONSULT", "visit"],
        "war games": ["MOBILIZE", None],
    },
}


def load_cameo2plover(path: Path) -> dict[str, tuple[str | None, str | None]]:
    table: dict[str, tuple[str | None, str | None]] = {}
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^(\d{2,4}):\s*(.*)$", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")]
        event = parts[0] or None
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        table.setdefault(m.group(1), (event, mode))
    table.update(CAMEO_OVERRIDES)
    return table


def to_plover(code: str, table: dict[str, tuple[str | None, str | None]]) -> tuple[str | None, str | None] | None:
    """Longest-prefix lookup of a CAMEO code; None when unknown."""
    code = code.strip()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def parse_code(raw: str) -> str | None:
    """"[042:043]" -> "042"; "[:173]" -> "173"; "[---]" -> None."""
    raw = raw.strip("[] ")
    for part in raw.split(":"):
        part = part.strip()
        if re.fullmatch(r"\d{2,4}", part):
            return part
    return None


def parse_cameo_verbs(path: Path) -> tuple[dict[str, list[str]], dict, dict]:
    """Synsets, verb entries (lemma -> codes) and object patterns (lemma -> word -> codes)."""
    synsets: dict[str, list[str]] = defaultdict(list)
    verbs: dict[str, Counter[str]] = defaultdict(Counter)
    objects: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    particles: dict[str, Counter[str]] = defaultdict(Counter)
    coded: set[str] = set()
    lines = path.read_text("utf-8", errors="replace").splitlines()
    current_syn: str | None = None
    block_code: str | None = None
    block_verbs: list[str] = []
    in_verbs = False
    for raw in lines:
        line = raw.rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_syn = line.split()[0]
            elif line.startswith("+") and current_syn:
                synsets[current_syn].append(line[1:].split()[0].strip("_").replace("_", " ").lower())
            continue
        m = re.match(r"^---\s+(\S+)\s+(\[[^\]]*\])\s+---", line)
        if m:
            block_code = parse_code(m.group(2))
            block_verbs = []
            continue
        if not line or line.startswith("#"):
            continue
        body, _, comment = line.partition("#")
        code_m = re.search(r"\[[^\]]*\]", body)
        code = parse_code(code_m.group(0)) if code_m else None
        if line.startswith("-"):
            verb_name = comment.strip().split(",")[0].strip().lower() or (block_verbs[0] if block_verbs else "")
            if not verb_name or code is None:
                continue
            pattern = body[1:].split("[")[0]
            after = pattern.split("*", 1)[1] if "*" in pattern else ""
            words = re.findall(r"&?[A-Z][A-Z_\-]*", after)
            for word in words:
                if word in PREPS or word.strip("_") in PREPS:
                    continue
                # synset objects (&MILITARY, &WEAPON) are left out: expanded to their
                # members they attach hundreds of loose readings to common verbs
                if not word.startswith("&"):
                    objects[verb_name][word.strip("_").replace("_", " ").lower()][code] += 1
                break
            verbs[verb_name][code] += 1
            continue
        # a verb form line: WORD [code] {forms} or +MULTI_WORD {forms} [code]
        head = body.split("{")[0].split("[")[0].strip()
        if not head:
            continue
        name = head.lstrip("+").strip("_").replace("_", " ").lower()
        # a code on the form itself wins over its block's, and "[---]" there says
        # the verb has none ("HOLD [---]" in the CONFINE block: held talks, held captive)
        own = code if code_m else block_code
        if " " in name:
            if own:
                particles[name][own] += 3
            continue
        block_verbs.append(name)
        if own:
            verbs[name][own] += 3  # a verb's own code outweighs a few patterns
            coded.add(name)
    # a verb CAMEO gives no code of its own ([---]) is no event alone, as PETRARCH
    # codes it: its patterns read it with their objects only ("resume talks" is a
    # consultation, "resumed trying to force it" nothing; "won the war" no support)
    verbs = defaultdict(Counter, {v: c for v, c in verbs.items() if v in coded or v in BARE_READINGS})
    return synsets, verbs, objects, particles


def _words_of(entry: str) -> list[str]:
    """A dictionary entry's words, lowered ("FOREIGN_MINISTER" -> foreign, minister)."""
    return [w for w in re.split(r"[_\s]+", entry.strip("+&_ ").lower()) if w.isalpha()]


def agent_objects(cameo: Path, agents: Path) -> list[str]:
    """What a CAMEO verb reading may act on: the head noun of every agent in the
    Phoenix agents dictionary (people and groups: "refugees", "candidates",
    "foreign minister" -> minister, with the plurals it lists), and every noun of
    the verb dictionary's object patterns and synsets ("treaty", "asylum",
    "&WEAPON" members). Prepositions and function words are left out."""
    words = set(agent_nouns(agents, of_phrases=True))
    in_verbs = False
    for raw in cameo.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs and line.startswith("+"):
            words.update(_words_of(line[1:].split()[0]))
        elif in_verbs and line.startswith("-") and "*" in line:
            after = line[1:].split("[")[0].split("*", 1)[1]
            for token in re.findall(r"[A-Z][A-Z_\-]*", after):
                words.update(w for w in _words_of(token) if w.upper() not in PREPS)
    return sorted(w for w in words if len(w) > 2 and w not in NOT_OBJECTS)


# Words of the verb patterns that are no one and nothing an act is done to: the
# patterns' function words and verbs ("after", "were", "hold", "take"), and abstract
# nouns that name an object only in one verb's pattern ("take position", "give
# answer"), which that verb's own object readings keep. As objects of any verb they let
# "held left-leaning positions", "rescued the economy", "encountered emotional notes"
# pass as acts.
NOT_OBJECTS = frozenset({
    "after", "against", "and", "are", "away", "back", "been", "behind", "down", "for",
    "forth", "forward", "had", "has", "have", "into", "near", "off", "out", "over",
    "through", "together", "was", "were", "will", "with", "would", "first", "abide",
    "angered", "arguing", "ask", "attacked", "blow", "break", "bring", "build", "call",
    "carry", "check", "clear", "come", "confident", "conform", "crack", "determined",
    "devise", "drag", "draw", "dress", "drop", "embark", "find", "free", "get", "give",
    "glance", "hire", "hold", "intrude", "kick", "killed", "kidnapped", "leave", "listen",
    "live", "lock", "look", "meet", "move", "open", "pay", "play", "pull", "put", "reveal",
    "run", "scoff", "search", "seem", "send", "set", "settle", "shake", "shape", "shoot",
    "shut", "sign", "square", "stabbed", "stamp", "step", "stir", "straighten", "string",
    "take", "talk", "tap", "tear", "tie", "walk", "watch", "wipe", "wrap", "written", "led",
    "analysis", "analyses", "answer", "argument", "details", "evidence", "fact", "info",
    "information", "note", "notice", "opinion", "position", "quality", "result", "research",
    "update", "word", "suggestion", "proffer", "proposition", "schema", "scheme", "outline",
    "order", "motion", "system", "sector", "site", "portfolio", "program", "programme",
    "environment", "education", "energy", "tourism", "agriculture", "commerce", "economy",
    "revenue", "fortune", "wealthy", "rich", "probable", "precision", "special", "super",
    "blue", "iron", "mass", "masses", "round", "side", "center", "religion", "rights",
    "protection", "safeguard", "secureness", "precaution", "provisions", "presence",
    "activity", "affairs", "agenda", "attestation", "cause", "difference", "differences",
    "examination", "grade", "labour", "subjects",
})


# Heads of the agents dictionary's entries that name no one ("intelligence
# information", "narcotics control"): the things they are, which act on nothing
NOT_AGENTS = frozenset({
    "information", "activity", "crime", "control", "first", "for", "grade", "hire", "check",
    "loan", "led", "order", "position", "presence", "protocol", "rights", "system",
    "portfolio", "sector", "site", "religion",
})


def agent_nouns(agents: Path, of_phrases: bool = False) -> list[str]:
    """The head noun of every agent in the Phoenix agents dictionary, with the plurals
    it lists: the people and groups that may act ("refugees", "minister", "militia"),
    not the things the verb patterns act on ("information", "agreement"). The head of
    "minister of information" is "minister"; ``of_phrases`` keeps its last word too
    (as the lexicon's ``agent_objects`` always has)."""
    words: set[str] = set()

    def head_of(ws: list[str]) -> str:
        return ws[-1] if of_phrases or "of" not in ws[1:] else ws[ws.index("of", 1) - 1]

    for raw in agents.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith(("<", "!")) or "!" in line.split("[")[0]:
            continue
        head = line.split("{")[0].split("[")[0].strip()
        if head and (ws := _words_of(head)):
            words.add(head_of(ws))
        plurals = line.partition("{")[2].partition("}")[0]
        for form in plurals.split():
            if ws := _words_of(form):
                words.add(head_of(ws))
    return sorted(w for w in words if len(w) > 2)


def build(shared: Path) -> dict[str, object]:
    table = load_cameo2plover(shared / "data" / "plover" / "CAMEO2PLOVER-2021.txt")
    _, verbs, objects, particles = parse_cameo_verbs(shared / "data" / "petrarch" / "CAMEO.2.0.txt")

    def best(codes: Counter[str]) -> list[str | None] | None:
        votes: Counter[tuple[str, str | None]] = Counter()
        for code, n in codes.items():
            mapped = to_plover(code, table)
            if mapped is None or mapped[0] is None:
                # statements (01x) vote for "no event"
                votes[("", None)] += n
            else:
                votes[(mapped[0], mapped[1])] += n
        if not votes:
            return None
        (event, mode), _ = votes.most_common(1)[0]
        return [event, mode] if event else None

    out_verbs: dict[str, list[str | None]] = {}
    for lemma, codes in verbs.items():
        if " " in lemma or not lemma.isalpha():
            continue
        got = best(codes)
        if got:
            out_verbs[lemma] = got
    out_objects: dict[str, dict[str, list[str | None]]] = {}
    for lemma, words in objects.items():
        for word, codes in words.items():
            got = best(codes)
            if got and (lemma, word) not in NOT_OBJECT_READINGS:
                out_objects.setdefault(lemma, {})[word] = got
    out_particles: dict[str, list[str | None]] = {}
    for phrase, codes in particles.items():
        got = best(codes)
        if got and len(phrase.split()) == 2 and phrase not in NOT_PARTICLE_READINGS:
            out_particles[phrase] = got
    out_verbs.update(WAR_ADDITIONS["verbs"])  # type: ignore[arg-type]
    # a verb fogwatch defines by hand keeps only its reading: CAMEO's object
    # patterns for it ("demand removal" -> protest) would override ours
    for lemma in WAR_ADDITIONS["verbs"]:  # type: ignore[union-attr]
        out_objects.pop(lemma, None)
    for lemma, words in WAR_ADDITIONS["objects"].items():  # type: ignore[union-attr]
        out_objects.setdefault(lemma, {}).update(words)
    out_particles.update(WAR_ADDITIONS["particles"])  # type: ignore[arg-type]
    return {
        "about": "Derived by scripts/build_event_lexicon.py from the PETRARCH-2 CAMEO verb "
                 "dictionary (MIT, Open Event Data Alliance) mapped through CAMEO2PLOVER-2021, "
                 "plus fogwatch's war-reporting additions. Values: [PLOVER category, mode].",
        "verbs": dict(sorted(out_verbs.items())),
        "objects": {k: dict(sorted(v.items())) for k, v in sorted(out_objects.items())},
        "particles": dict(sorted(out_particles.items())),
        "nouns": dict(sorted(WAR_ADDITIONS["nouns"].items())),  # type: ignore[union-attr]
        # the verbs read by fogwatch's own entries, not by CAMEO's dictionary: their
        # reading stands whatever they act on (CAMEO's needs an actor to act on)
        "own_verbs": sorted(WAR_ADDITIONS["verbs"]),  # type: ignore[arg-type]
        "agent_objects": agent_objects(shared / "data" / "petrarch" / "CAMEO.2.0.txt",
                                       shared / "data" / "petrarch" / "Phoenix.agents.txt"),
        # who may act: the agents alone, less the heads that name no one
        "agents": [w for w in agent_nouns(shared / "data" / "petrarch" / "Phoenix.agents.txt")
                   if w not in NOT_AGENTS],
        # the code table itself, for scoring against CAMEO-coded gold data
        "cameo_to_plover": {code: list(v) for code, v in sorted(table.items())},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("FOGWATCH_SHARED") or str(REPO.parent / "shared")
    parser.add_argument("--shared", default=default, help="the shared data folder")
    args = parser.parse_args()
    lexicon = build(Path(args.shared))
    OUT.write_text(json.dumps(lexicon, indent=0, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {OUT}: {len(lexicon['verbs'])} verbs, {len(lexicon['objects'])} verbs with "
          f"object patterns, {len(lexicon['particles'])} phrasal verbs, {len(lexicon['nouns'])} nouns")


if __name__ == "__main__":
    main()
