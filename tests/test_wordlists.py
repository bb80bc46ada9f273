"""The shared lexicon: one copy of each list, and the uses that differ on purpose."""

from __future__ import annotations

import ast
from pathlib import Path

import fogwatch
from fogwatch import wordlists as wl
from fogwatch.analyze import events, factuality
from fogwatch.analyze.attribution import rules, stance
from fogwatch.reconcile import text as tx

SRC = Path(fogwatch.__file__).parent
# Inputs of trained models: they change only with a retrained model (see wordlists).
MODEL_FEATURES = {SRC / "reconcile" / "claimstance.py",
                  SRC / "analyze" / "attribution" / "features.py"}
# A literal sharing this many words with a shared list is a copy of it.
SIGNATURES = {
    "NEGATORS": (wl.NEGATORS, 5),
    "DENIAL_VERBS": (wl.DENIAL_VERBS, 4),
    "HEARSAY_ADVERBS": (wl.HEARSAY_ADVERBS, 3),
    "HEDGE_ADVERBS": (wl.HEDGE_ADVERBS, 3),
    "FALSE_VERDICTS": (wl.FALSE_VERDICTS, 4),
}


def _string_sets(path: Path) -> list[tuple[int, set[str]]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            words = {e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            out.append((node.lineno, words))
    return out


def test_no_module_keeps_its_own_copy_of_a_shared_list() -> None:
    copies = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "wordlists.py" or path in MODEL_FEATURES:
            continue
        for line, words in _string_sets(path):
            for name, (shared, least) in SIGNATURES.items():
                if len(words & shared) >= least:
                    copies.append(f"{path.relative_to(SRC)}:{line} copies {name}")
    assert copies == []


def test_the_stages_use_the_shared_lists() -> None:
    assert factuality.NEGATIONS is wl.NEGATORS
    assert events.NEGATIONS is wl.NEGATORS
    assert tx.NEGATORS is wl.NEGATORS
    assert factuality.HEARSAY is wl.HEARSAY_ADVERBS
    assert stance.HEDGES is wl.HEARSAY_ADVERBS
    assert factuality.HEDGES is wl.HEDGE_ADVERBS
    assert factuality.REPORTING is wl.REPORT_VERBS
    assert stance.REJECT_WORDS is wl.FALSE_VERDICTS
    assert wl.DENIAL_VERBS <= stance.REJECT_CUES and wl.DENIAL_VERBS <= events.DENIAL_CUES
    assert wl.REPORT_VERBS <= events.REPORTING_VERBS


def test_the_differences_are_the_named_ones() -> None:
    # "rejected the plan to attack" leaves the attack undone: counter-factive, not a denial
    assert "reject" not in factuality.DENIAL and "reject" in factuality.COUNTER_FACTIVE
    assert (wl.DENIAL_VERBS - {"reject"}) | wl.DISOWNING_VERBS == factuality.DENIAL
    # evidence contradicts too: no rejection-as-attribution for it
    assert wl.DENIAL_VERBS - {"contradict"} == rules.REJECTING
    # "ostensibly" hedges without pointing at a report: no unnamed source
    assert wl.HEARSAY_ADVERBS - {"ostensibly"} == rules.HEDGE_CUES
    assert stance.REJECT_CUES - wl.DENIAL_VERBS == wl.SCORN_VERBS


def test_reconcile_reads_denials_and_verdicts_from_the_shared_lists() -> None:
    for cue in ("denied", "dismissed", "rejected", "refuted", "disputed", "rebutted",
                "debunked", "contradicted", "issued a denial", "brushed aside"):
        assert tx.denial_cue(cue), cue
    assert not tx.denial_cue("said")
    assert not tx.denial_cue("reported")
    for verdict in wl.FALSE_VERDICTS:
        assert tx.judged_false(f"the claims were {verdict}"), verdict
    assert not tx.judged_false("Lieutenant General Ivanov said")  # "lie" is a whole word


def test_two_unverified_patterns_for_two_questions() -> None:
    # the reporter notes that a claim comes without evidence: unconfirmed (stance) ...
    assert wl.UNCONFIRMED.search("Moscow said, without providing evidence, that")
    # ... but the speaker does not say it cannot tell (reconcile's polarity)
    assert not tx.unverified("Moscow said, without providing evidence, that")
    for text in ("could not be independently verified", "was unable to confirm",
                 "there was no sign of an encirclement"):
        assert tx.unverified(text), text
    assert wl.UNCONFIRMED.search("could not be independently verified")
