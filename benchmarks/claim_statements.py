"""How readable the claim board's statements are: one store's propositions.

    python benchmarks/claim_statements.py --db STORE [--sample 15]

Prints the number of propositions and the share of statements that start with
a pronoun (he/she/it/they/them/this/that/these/those/his/her/its/their), that
have no finite verb, that are under 5 or over 60 words, their mean length in
words, and a sample of statements (a fixed draw, the same for the same store).

"No finite verb": spaCy's English model (the one the analysis stage loads)
tags no word of the statement VBD, VBZ, VBP or MD (a past or present tense, or a
modal). A statement cut after its subject, a noun phrase ("his death") or an
infinitive ("to travel to the graves") has none.
"""

from __future__ import annotations

import argparse
import random
import sqlite3

from fogwatch.analyze.pipeline import load_model
from fogwatch.reconcile import text as tx

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
PRONOUNS = frozenset({"he", "she", "it", "they", "them", "this", "that", "these", "those",
                      "his", "her", "its", "their"})


def measure(statements: list[str]) -> dict[str, float]:
    n = len(statements)
    nlp = load_model(disable=("parser", "ner", "lemmatizer"))
    docs = nlp.pipe(statements, batch_size=256)
    pron = verbless = short = long_ = words_total = 0
    for s, doc in zip(statements, docs, strict=True):
        words = [t.lower().strip("\"“‘'") for t in tx.tokens(s)]
        words = [w for w in words if w]
        pron += bool(words) and words[0] in PRONOUNS
        verbless += not any(t.tag_ in FINITE_TAGS for t in doc)
        count = len(s.split())
        short += count < 5
        long_ += count > 60
        words_total += count

    def share(k: int) -> float:
        return k / n if n else 0.0

    return {"propositions": n, "pronoun_first": share(pron), "no_finite_verb": share(verbless),
            "under_5_words": share(short), "over_60_words": share(long_),
            "mean_words": words_total / n if n else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sample", type=int, default=15)
    args = parser.parse_args()
    conn = sqlite3.connect(args.db)
    rows = conn.execute("SELECT statement, n_documents FROM propositions ORDER BY id").fetchall()
    statements = [r[0] for r in rows]
    # A proposition of one document often has one member: no other text to show.
    many = measure([r[0] for r in rows if r[1] >= 2])
    m = measure(statements)
    print(f"{'':<18}{'all':>8}{'2+ docs':>10}")
    print(f"{'propositions':<18}{m['propositions']:>8}{many['propositions']:>10}")
    for key in ("pronoun_first", "no_finite_verb", "under_5_words", "over_60_words"):
        print(f"{key:<18}{m[key]:>8.1%}{many[key]:>10.1%}")
    print(f"{'mean_words':<18}{m['mean_words']:>8.1f}{many['mean_words']:>10.1f}")
    print()
    for s in random.Random(18).sample(statements, min(args.sample, len(statements))):
        print("-", s)


if __name__ == "__main__":
    main()
