"""The bundled demo corpus: shape, coverage of its storylines, and agreement with its README."""

from __future__ import annotations

import json
import re
from datetime import date
from importlib.resources import files
from typing import Any
from urllib.parse import urlparse

import pytest

FIELDS = ("url", "outlet", "author", "title", "published", "text")

# storyline -> (pattern that marks an article as part of it, minimum number of outlets)
STORYLINES: dict[str, tuple[str, int]] = {
    "encirclement": (r"encircl", 3),
    "strike toll": (r"\b(Dnipro|Dnepropetrovsk)\b", 3),
    "sanctions deadline": (r"November 21", 3),
    "poll": (r"Kyiv Centre for Social Monitoring", 2),
    "summit announced": (r"Istanbul", 3),
    "summit postponed": (r"postpone", 2),
}

# phrases the time, attribution and stance stages are meant to be exercised on
PHRASES = (
    "last Friday", "the next day", "on Tuesday", "two days later", "last week",
    "earlier this month", "in February", "on November 5",
    "said", "claimed", "denied", "told reporters", "according to",
    "reportedly", "allegedly", "could not be independently verified", "there is no confirmation",
)


def _corpus_text() -> str:
    return (files("fogwatch.data") / "demo" / "corpus.jsonl").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return [json.loads(line) for line in _corpus_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def readme() -> str:
    return (files("fogwatch.data") / "demo" / "README.md").read_text(encoding="utf-8")


def test_every_line_is_one_json_article(corpus: list[dict[str, Any]]) -> None:
    assert 12 <= len(corpus) <= 20
    for i, article in enumerate(corpus, 1):
        for key in FIELDS:
            assert isinstance(article.get(key), str) and article[key].strip(), (i, key)
        assert set(article) <= {*FIELDS, "comments"}, f"line {i}: unexpected keys"


def test_urls_are_unique_and_on_reserved_example_domains(corpus: list[dict[str, Any]]) -> None:
    urls = [a["url"] for a in corpus]
    assert len(set(urls)) == len(urls)
    for url in urls:
        parsed = urlparse(url)
        assert parsed.scheme == "https" and parsed.hostname, url
        assert parsed.hostname.endswith(".example"), url


def test_dates_are_iso_within_two_weeks_and_in_order(corpus: list[dict[str, Any]]) -> None:
    days = [date.fromisoformat(a["published"]) for a in corpus]
    assert (max(days) - min(days)).days <= 13
    assert len(set(days)) >= 10, "articles should be spread over the two weeks"
    assert days == sorted(days)


def test_articles_are_short_news_pieces_with_paragraphs(corpus: list[dict[str, Any]]) -> None:
    for article in corpus:
        words = len(article["text"].split())
        assert 250 <= words <= 500, (article["title"], words)
        paragraphs = article["text"].split("\n\n")
        assert len(paragraphs) >= 4, article["title"]
        assert all(p.strip() == p and p for p in paragraphs), article["title"]


def test_outlets_each_keep_one_domain(corpus: list[dict[str, Any]]) -> None:
    domains: dict[str, set[str]] = {}
    for article in corpus:
        domains.setdefault(article["outlet"], set()).add(urlparse(article["url"]).hostname or "")
    assert 5 <= len(domains) <= 6
    assert all(len(d) == 1 for d in domains.values()), domains
    assert len({next(iter(d)) for d in domains.values()}) == len(domains)


def test_comments_are_short_lists_of_strings(corpus: list[dict[str, Any]]) -> None:
    with_comments = [a for a in corpus if "comments" in a]
    assert 3 <= len(with_comments) <= 4
    for article in with_comments:
        comments = article["comments"]
        assert isinstance(comments, list) and 1 <= len(comments) <= 3
        for comment in comments:
            assert isinstance(comment, str) and 3 <= len(comment.split()) <= 60
            assert comment not in article["text"], "comments are kept out of the body"


@pytest.mark.parametrize("storyline", sorted(STORYLINES))
def test_each_storyline_is_told_by_several_outlets(
    corpus: list[dict[str, Any]], storyline: str
) -> None:
    pattern, minimum = STORYLINES[storyline]
    outlets = {a["outlet"] for a in corpus if re.search(pattern, a["text"], re.IGNORECASE)}
    assert len(outlets) >= minimum, (storyline, sorted(outlets))


def test_contested_encirclement_has_both_sides_and_a_neutral(corpus: list[dict[str, Any]]) -> None:
    text = {a["outlet"]: "" for a in corpus}
    for a in corpus:
        text[a["outlet"]] += a["text"]
    assert "more than 5,000" in text["Moscow Dispatch"]
    assert "few hundred" in text["Kyiv Ledger"]
    assert "could not independently verify" in text["Baltic Wire"]
    assert "no closed ring" in text["Steppe Observer"].lower()


def test_strike_toll_grows_over_time(corpus: list[dict[str, Any]]) -> None:
    """The Dnipro toll is 'at least seven', then 12, then a final 14 / 40, in date order."""
    def first_day(pattern: str) -> str:
        days = [a["published"] for a in corpus if re.search(pattern, a["text"])]
        assert days, pattern
        return min(days)

    assert first_day(r"At least seven people were killed") < first_day(r"rose to 12")
    assert first_day(r"rose to 12") < first_day(r"14 killed.*40 people injured")


def test_summit_is_announced_before_it_is_postponed(corpus: list[dict[str, Any]]) -> None:
    announced = [a["published"] for a in corpus if "will host talks" in a["text"]]
    postponed = [a["published"] for a in corpus if "have been postponed" in a["text"]]
    assert announced and postponed and max(announced) < min(postponed)


@pytest.mark.parametrize("phrase", PHRASES)
def test_time_and_attribution_phrases_occur(corpus: list[dict[str, Any]], phrase: str) -> None:
    assert any(phrase.lower() in a["text"].lower() for a in corpus), phrase


def test_readme_lists_every_article_by_line_number(
    corpus: list[dict[str, Any]], readme: str
) -> None:
    """The README's article table is the key to its gold stances: it must match the file."""
    rows = re.findall(r"^\| (\d+) \| (\d{4}-\d\d-\d\d) \| ([^|]+) \| ([^|]+) \|$", readme, re.M)
    assert len(rows) == len(corpus)
    for number, day, outlet, title in rows:
        article = corpus[int(number) - 1]
        assert article["published"] == day
        assert article["outlet"] == outlet.strip()
        assert title.strip().startswith(article["title"]), (number, title)


# --- the throughput benchmark's synthetic copies of the corpus -------------------------


def _throughput_module() -> Any:
    """benchmarks/throughput.py, imported by path (benchmarks/ is not a package)."""
    import importlib.util
    import sys
    from pathlib import Path

    name = "fogwatch_bench_throughput"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "throughput.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the module executes
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _small_analysis(document: Any) -> Any:
    from fogwatch.findings import Analysis, Entity, Mention, Time

    start = document.text.index("Myrnohrad")
    mention = Mention("Myrnohrad", start, start + 9, 0, "GPE", "auto:GPE/myrnohrad",
                      document=document.id)
    entity = Entity("auto:GPE/myrnohrad", "Myrnohrad", "GPE", ["Myrnohrad"], [mention])
    at = document.text.index("on Wednesday")
    when = Time("on Wednesday", at, at + 12, 0, "DATE", "2025-11-05", document=document.id)
    return Analysis(document=document, entities=[entity], times=[when])


@pytest.fixture(scope="module")
def demo_analyses() -> list[Any]:
    bench = _throughput_module()
    docs = [d for d in bench.demo_documents() if "Myrnohrad" in d.text and "on Wednesday" in d.text]
    assert len(docs) >= 2
    return [_small_analysis(d) for d in docs]


def test_benchmark_reads_the_demo_corpus_with_its_metadata(corpus: list[dict[str, Any]]) -> None:
    docs = _throughput_module().demo_documents()
    assert [d.url for d in docs] == [a["url"] for a in corpus]
    assert all(d.published and d.outlet and d.title for d in docs)


def test_synthetic_copies_differ_and_keep_their_findings_in_place(demo_analyses: list[Any]) -> None:
    from fogwatch.findings import text_hash

    copies = _throughput_module().synthetic_copies(demo_analyses, 5)
    assert len(copies) == 5
    assert len({c.document.id for c in copies}) == 5
    assert len({c.document.url for c in copies}) == 5
    assert len({text_hash(c.document.text) for c in copies}) == 5
    for copy in copies:
        doc_id, text = copy.document.id, copy.document.text
        (time_,) = copy.times
        assert time_.document == doc_id and text[time_.start:time_.end] == time_.text
        (mention,) = copy.entities[0].mentions
        assert mention.document == doc_id and text[mention.start:mention.end] == "Myrnohrad"


def test_synthetic_copies_are_all_stored(demo_analyses: list[Any], tmp_path: Any) -> None:
    store_module = pytest.importorskip("fogwatch.store")
    copies = _throughput_module().synthetic_copies(demo_analyses, 6)
    with store_module.Store.open(f"sqlite:///{tmp_path / 'bench.sqlite'}") as store:
        for copy in copies:
            stored, doc_id = store.add_document(copy.document)
            assert stored and doc_id == copy.document.id
            store.save_analysis(copy)
        assert store.count_documents() == 6
