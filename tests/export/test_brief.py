"""Rendering the analyst brief: one walk, two markups that say the same things."""

from __future__ import annotations

import re

from fogwatch.export.brief import Brief, render, render_html, render_markdown


def _brief() -> Brief:
    return Brief(
        since=None, until=None, documents=2, comments=1,
        outlets=[("Kyiv <Ledger>", 1), ("Steppe Observer", 1)],
        first_date="2025-11-03", last_date="2025-11-05",
        entities=[{"key": "person:x", "name": "Oleksandr Syrskyi", "type": "PERSON",
                   "mentions": 4, "documents": 2}],
        claims=[
            {"source": "the ministry", "cue": "said", "content": "the bridge held",
             "stance": "asserted", "kind": "direct", "disputed_by": [], "outlet": "A",
             "date": "2025-11-03"},
            {"source": "a governor", "cue": "claimed", "content": "the bridge fell",
             "stance": "disputed", "kind": "direct", "disputed_by": ["it did not fall"],
             "outlet": "B", "date": None},
        ],
        events=[{"type": "ASSAULT", "trigger": "shelled", "modality": "happened",
                 "actors": ["Russia"], "targets": [], "when": "2025-11-04", "outlet": "A"}],
        numbers=[{"text": "12", "counted": "drones", "according_to": "the air force",
                  "outlet": "B", "date": "2025-11-05"}],
        articles=[{"date": "2025-11-05", "outlet": "B", "title": "Drones over <Dnipro>"}],
    )


def test_markdown_lists_each_section_with_its_items() -> None:
    md = render_markdown(_brief())
    assert md.startswith("# fogwatch brief\n\n2 articles from 2 outlets, 2025-11-03 to 2025-11-05;")
    assert "Outlets: Kyiv <Ledger> (1), Steppe Observer (1)" in md
    # only contested claims are shown when there are any
    assert "- **disputed** — a governor (claimed): “the bridge fell” — B, undated" in md
    assert "rejected: “it did not fall”" in md
    assert "the bridge held" not in md
    assert "- 2025-11-04 · ASSAULT (happened): Russia shelled — A" in md
    assert "- 12 drones, according to the air force — B, 2025-11-05" in md
    assert "Oleksandr Syrskyi (PERSON, 4 mentions in 2 docs)" in md
    headings = re.findall(r"^## (.+)$", md, flags=re.M)
    assert headings == ["Claims to weigh", "What happened, and what is only claimed", "Numbers",
                        "Who and what is in the news", "Latest articles"]


def test_html_says_the_same_things_escaped() -> None:
    page = render_html(_brief())
    assert page.startswith("<!doctype html>") and page.endswith("</body></html>")
    headings = re.findall(r"<h2>(.+?)</h2>", page)
    assert headings == ["Claims to weigh", "What happened, and what is only claimed", "Numbers",
                        "Who and what is in the news", "Latest articles"]
    assert "Kyiv &lt;Ledger&gt; (1)" in page
    assert "Drones over &lt;Dnipro&gt;" in page and "<Dnipro>" not in page
    assert "<span class='stance disputed'>disputed</span> a governor (claimed)" in page
    assert "<span class='meta'>rejected: “it did not fall”</span>" in page
    assert page.count("<li>") == 4  # one claim, one event, one number, one article


def test_an_empty_brief_says_how_to_fill_the_store() -> None:
    empty = Brief(since=None, until=None)
    md = render(empty, "md")
    assert "undated material." in md and "`fogwatch demo`" in md
    assert "<code>fogwatch demo</code>" in render(empty, "html")
    assert "##" not in md
