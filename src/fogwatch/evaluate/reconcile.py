"""Score cross-document reconciliation against hand-annotated propositions.

The gold file (``fogwatch/data/demo/propositions.json``) names, for each claim
that several articles of the demo corpus speak to, the articles (by line number
in ``corpus.jsonl``), each article's own stance toward the claim, and stances of
named speakers inside articles. Scoring, per gold proposition:

- *best match*: the predicted proposition holding stances from most of the gold
  articles (ties: fewest other articles), matched one to one;
- *coverage*: the share of gold articles found in the best match (1.0 means the
  claim is one proposition, as the target asks);
- *split*: how many predicted propositions hold stances from two or more gold articles
  (1 when the claim is not fragmented);
- *outlet stances*: for articles with a scored stance, is the article's outlet
  stance in the best match the gold one;
- *speaker stances*: is there a source stance by that speaker with that stance;
- *merges*: a predicted proposition that best covers two gold claims, one of
  which is left with under half its articles elsewhere, has merged them;
- *kept apart*: of the annotated pairs of different claims (``apart``), how many
  never share a proposition.

Articles outside a gold proposition's list that appear in its best match are
counted as *intruders* (a looser sign of over-merging: the gold lists only the
articles known to speak to the claim).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fogwatch.findings import Proposition
from fogwatch.store import Store


def load_gold(path: Path | None = None) -> dict[str, Any]:
    if path is None:
        text = resources.files("fogwatch.data").joinpath("demo/propositions.json").read_text()
    else:
        text = Path(path).read_text(encoding="utf-8")
    return json.loads(text)


def demo_documents(store: Store) -> dict[int, str]:
    """Line number in the demo corpus -> stored document id (matched by URL)."""
    from fogwatch.jobs import demo_corpus_path

    by_url = {}
    for doc in _all_documents(store):
        if doc.url:
            by_url[doc.url] = doc.id
    out: dict[int, str] = {}
    lines = demo_corpus_path().read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines, start=1):
        doc_id = by_url.get(json.loads(line).get("url"))
        if doc_id:
            out[n] = doc_id
    return out


def _all_documents(store: Store):
    offset = 0
    while True:
        page = store.documents(limit=500, offset=offset)
        if not page:
            return
        yield from page
        offset += len(page)


def _all_propositions(store: Store) -> list[Proposition]:
    out: list[Proposition] = []
    offset = 0
    while True:
        page = store.propositions(limit=500, offset=offset)
        if not page:
            return out
        out.extend(page)
        offset += len(page)


@dataclass
class GoldScore:
    id: str
    predicted: str | None
    statement: str | None
    coverage: float
    split: int
    intruders: list[int]
    outlet_right: int = 0
    outlet_total: int = 0
    speaker_right: int = 0
    speaker_total: int = 0
    contested_right: bool = False
    errors: list[str] = field(default_factory=list)


def score(store: Store, gold: dict[str, Any] | None = None) -> dict[str, Any]:
    gold = gold or load_gold()
    article_doc = demo_documents(store)
    doc_article = {d: n for n, d in article_doc.items()}
    props = _all_propositions(store)
    docs_of = {p.id: {doc_article.get(s.document) for s in p.stances} - {None} for p in props}
    by_id = {p.id: p for p in props}
    results: list[GoldScore] = []
    aliases: dict[str, list[str]] = {}

    def names_of(stance: Any) -> list[str]:
        """The names a stance's source goes by: as shown, and, for a source resolved to
        an entity, every name the store has seen it written as (the board shows one
        name per speaker; the gold names speakers as the articles write them)."""
        if stance.entity and stance.entity not in aliases:
            found = store.get_entity(stance.entity)
            aliases[stance.entity] = [found.name, *found.aliases] if found else []
        return [stance.source, *aliases.get(stance.entity or "", [])]

    # One-to-one matching, greedily by shared articles: a predicted proposition
    # stands for at most one gold claim.
    golds = gold["propositions"]
    arts = [{int(a) for a in g["outlets"]} for g in golds]
    pairs = sorted(
        ((len(docs_of[p.id] & arts[i]), -len(docs_of[p.id] - arts[i]), -i, p.id)
         for i in range(len(golds)) for p in props if docs_of[p.id] & arts[i]),
        reverse=True,
    )
    match: dict[int, str] = {}
    used: set[str] = set()
    for _hit, _extra, neg_i, pid in pairs:
        if -neg_i not in match and pid not in used:
            match[-neg_i] = pid
            used.add(pid)
    best_of: dict[str, list[str]] = {}
    for i, g in enumerate(golds):
        articles = arts[i]
        best = by_id.get(match.get(i, ""))
        best_key = (len(docs_of[best.id] & articles), 0) if best else (0, 0)
        # Merges: the proposition that best covers this claim, were it free.
        free = max(props, key=lambda p, a=articles: (len(docs_of[p.id] & a),
                                                     -len(docs_of[p.id] - a)), default=None)
        if free is not None and docs_of[free.id] & articles:
            best_of.setdefault(free.id, []).append(g["id"])
        split = sum(1 for p in props if len(docs_of[p.id] & articles) >= 2)
        r = GoldScore(
            id=g["id"], predicted=best.id if best else None,
            statement=best.statement if best else None,
            coverage=best_key[0] / len(articles), split=split,
            intruders=sorted(docs_of[best.id] - articles) if best else [],
        )
        for article, stance in sorted(g["outlets"].items(), key=lambda kv: int(kv[0])):
            if stance is None:
                continue
            r.outlet_total += 1
            doc_id = article_doc.get(int(article))
            got = [s.stance for s in (best.stances if best else [])
                   if s.role == "outlet" and s.document == doc_id]
            if got and got[0] == stance:
                r.outlet_right += 1
            else:
                r.errors.append(f"article {article}: outlet {got[0] if got else 'missing'}, "
                                f"gold {stance}")
        for sp in g.get("speakers", []):
            r.speaker_total += 1
            doc_id = article_doc.get(int(sp["article"]))
            words = sp["source"].lower()
            got = [s.stance for s in (best.stances if best else [])
                   if s.role == "source" and s.document == doc_id
                   and any(words in name.lower() for name in names_of(s))]
            if sp["stance"] in got:
                r.speaker_right += 1
            else:
                r.errors.append(f"article {sp['article']}: {sp['source']} "
                                f"{'/'.join(got) or 'missing'}, gold {sp['stance']}")
        r.contested_right = bool(best) and by_id[best.id].contested == bool(g.get("contested"))
        results.append(r)
    # A proposition that is the best cover of two claims, each of which finds no
    # other proposition covering it as well, has merged them.
    merges = {
        pid: gids for pid, gids in best_of.items()
        if len(gids) > 1 and sum(1 for r in results if r.id in gids and r.predicted != pid) > 0
        and any(r.id in gids and r.coverage < 0.5 for r in results)
    }
    apart = _apart(gold.get("apart", []), props, article_doc)
    outlet_total = sum(r.outlet_total for r in results)
    speaker_total = sum(r.speaker_total for r in results)
    return {
        "gold": [r.__dict__ for r in results],
        "coverage": sum(r.coverage for r in results) / max(1, len(results)),
        "whole": sum(1 for r in results if r.coverage == 1.0),
        "n": len(results),
        "outlet_accuracy": sum(r.outlet_right for r in results) / max(1, outlet_total),
        "speaker_accuracy": sum(r.speaker_right for r in results) / max(1, speaker_total),
        "contested_right": sum(1 for r in results if r.contested_right),
        "merges": merges,
        "apart": apart,
        "propositions": len(props),
        "multi_document": sum(1 for p in props if len(docs_of[p.id]) > 1),
    }


def _apart(pairs: list[dict[str, Any]], props: list[Proposition],
           article_doc: dict[int, str]) -> dict[str, Any]:
    """Pairs of different claims: how many never share a proposition."""
    def holders(article: int, words: str) -> set[str]:
        doc_id = article_doc.get(int(article))
        return {p.id for p in props for s in p.stances
                if s.document == doc_id and words.lower() in (s.text or "").lower()}

    found = kept = 0
    merged = []
    for pair in pairs:
        a, b = holders(*pair["a"]), holders(*pair["b"])
        if not a or not b:
            continue  # a statement fogwatch did not find cannot be merged wrongly
        found += 1
        if a & b:
            merged.append(pair["why"])
        else:
            kept += 1
    return {"pairs": len(pairs), "found": found, "kept_apart": kept, "merged": merged}


def format_table(result: dict[str, Any]) -> str:
    lines = [
        "| gold proposition | coverage | split | outlet stances | speaker stances | "
        "contested | intruders |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["gold"]:
        lines.append(
            f"| {r['id']} | {r['coverage']:.2f} | {r['split']} | "
            f"{r['outlet_right']}/{r['outlet_total']} | {r['speaker_right']}/{r['speaker_total']} | "
            f"{'yes' if r['contested_right'] else 'no'} | "
            f"{', '.join(map(str, r['intruders'])) or '-'} |"
        )
    lines.append("")
    lines.append(
        f"whole claims {result['whole']}/{result['n']}, mean coverage {result['coverage']:.2f}, "
        f"outlet stance accuracy {result['outlet_accuracy']:.2f}, speaker stance accuracy "
        f"{result['speaker_accuracy']:.2f}, merged gold claims {len(result['merges'])}, "
        f"propositions {result['propositions']} ({result['multi_document']} multi-document)"
    )
    apart = result.get("apart")
    if apart and apart["pairs"]:
        lines.append(
            f"different claims kept apart: {apart['kept_apart']}/{apart['found']} found "
            f"({apart['pairs']} annotated)"
            + "".join(f"\n  merged: {why}" for why in apart["merged"])
        )
    return "\n".join(lines)
