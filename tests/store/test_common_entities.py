"""A name most of the store's articles give tells no claim from another: once it
is common among the articles folded before, two claims that share only it and
what they are about stay apart, where a rare name would join them. The counts
follow the order of ingestion, so a rebuild gives what ingestion gave. SQLite
and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from typer.testing import CliRunner

from fogwatch.cli import app as cli
from fogwatch.findings import Analysis, Attribution, Document, Entity, Mention
from fogwatch.jobs import analyze_stored
from fogwatch.reconcile import units
from fogwatch.store import Store

from .conftest import span

MILITIA = "auto:ORG/northern-militia"
# (text, source, what is said, the article's own name)
FILLER = ("Officials said that the {} Bridge reopened to traffic after repairs by the "
          "Northern Militia.")
# each article's story: the militia and a name of its own
CLAIMS = [
    ("The agency said that the Northern Militia killed five fishermen of the Tor Cooperative.",
     "The agency", "the Northern Militia killed five fishermen of the Tor Cooperative",
     "Tor Cooperative"),
    ("The ministry said that the Northern Militia killed a senior judge of the Varno Tribunal.",
     "The ministry", "the Northern Militia killed a senior judge of the Varno Tribunal",
     "Varno Tribunal"),
]


def _entity(doc: Document, key: str, words: str) -> Entity:
    start = doc.text.index(words)
    return Entity(key=key, name=words, type="ORG", mentions=[Mention(
        text=words, start=start, end=start + len(words), sentence=1, type="ORG", entity=key,
        document=doc.id)])


def _analysis(doc: Document) -> Analysis:
    text = doc.text
    source, content = doc.metadata["source"], doc.metadata["content"]
    att = Attribution(cue=span(text, "said"), content=[span(text, content)], sentence=1,
                      source=span(text, source), document=doc.id)
    names = [_entity(doc, MILITIA, "Northern Militia")]
    names += [_entity(doc, f"auto:ORG/{w.lower().replace(' ', '-')}", w)
              for w in doc.metadata["names"]]
    return Analysis(doc, names, attributions=[att])


class Machine:
    def analyze(self, doc: Document) -> Analysis:
        return _analysis(doc)

    def analyze_many(self, docs: list[Document]) -> list[Analysis]:
        return [_analysis(d) for d in docs]


def _add(store: Store, text: str, source: str, content: str, name: str, n: int) -> str:
    doc = Document.create(text, url=f"https://wire.example/{n}", outlet="wire.example",
                          published=f"2026-03-{n + 1:02d}",
                          metadata={"source": source, "content": content, "names": [name]})
    store.add_document(doc)
    summary = analyze_stored(store, [doc.id], pipeline=Machine(), workers=1)
    assert not summary.failed, summary.failed
    return doc.id


def _claims(store: Store) -> list[tuple[str, frozenset[str]]]:
    return sorted((p.statement, frozenset(s.document for s in p.stances))
                  for p in store.propositions(limit=100))


def _together(store: Store, a: str, b: str) -> bool:
    return any({a, b} <= {s.document for s in p.stances} for p in store.propositions(limit=100))


@pytest.mark.parametrize("fillers", [0, 6])
def test_a_name_most_articles_give_does_not_join_claims(
    store: Store, monkeypatch: pytest.MonkeyPatch, fillers: int
) -> None:
    monkeypatch.setattr(units, "COMMON_LEAST", 4)
    monkeypatch.setattr(units, "COMMON_SHARE", 0.5)
    n = 0
    for n, bridge in enumerate(["North", "South", "East", "West", "Rail", "River"][:fillers]):
        words = FILLER.format(bridge)
        _add(store, words, "Officials", words[words.index("the "):-1], f"{bridge} Bridge", n)
    ids = [_add(store, text, source, content, name, fillers + i)
           for i, (text, source, content, name) in enumerate(CLAIMS)]
    # with no other article, the militia is a rare name: it ties the two killings;
    # named by every article before them, it ties nothing
    assert _together(store, *ids) is (fillers == 0)
    before = _claims(store)
    result = CliRunner().invoke(cli, ["reconcile", "--all", "--db", store.url])
    assert result.exit_code == 0, result.output
    assert _claims(store) == before  # the rebuild counts as ingestion did
    # a document analysed again is taken out of the counts and counted in again
    analyze_stored(store, [ids[-1]], pipeline=Machine(), workers=1)
    assert _claims(store) == before


def test_common_entities_need_enough_articles() -> None:
    assert units.common_entities(units.COMMON_LEAST - 1, {"e": units.COMMON_LEAST - 1}) == set()
    many = units.COMMON_LEAST * 10
    share: dict[str, Any] = {"often": int(many * units.COMMON_SHARE), "rare": 1}
    assert units.common_entities(many, share) == {"often"}
