"""Rendering the analyst brief: one walk, two markups that say the same things."""

from __future__ import annotations

import re

import pytest

from fogwatch.export.brief import Brief, render, render_html, render_markdown
from fogwatch.export.brief_text import (
    DURATION_UNITS,
    is_duration,
    plural,
    range_words,
    span_words,
    time_day,
    time_words,
)


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


# --- words for times and counts --------------------------------------------------


@pytest.mark.parametrize(("value", "mod", "words"), [
    ("2025-10-26", None, "26 October 2025"),
    ("2025-10", None, "October 2025"),
    ("2025-FA", None, "autumn 2025"),
    ("2025-SU", None, "summer 2025"),
    ("2025-WI", None, "winter 2025–26"),
    ("2025-W45", None, "the week of 3 November 2025"),
    ("2025-W45-WE", None, "the weekend of 8 November 2025"),
    ("2025-Q3", None, "the third quarter of 2025"),
    ("2025", None, "2025"),
    ("199", None, "the 1990s"),
    ("2025-10", "START", "early October 2025"),
    ("2025", "END", "late 2025"),
    ("2025-Q3", "MID", "the middle of the third quarter of 2025"),
    ("2025-10-26", "APPROX", "around 26 October 2025"),
    ("2025-10-26", "START", "26 October 2025"),  # a day has no early part in words
    ("2025-11-05TMO", None, "the morning of 5 November 2025"),
    ("2025-11-05T14:30", None, "5 November 2025, 14:30"),
])
def test_a_time_is_said_in_words_at_its_precision(value: str, mod: str | None,
                                                   words: str) -> None:
    assert time_words(value, mod) == words


@pytest.mark.parametrize("value", [
    "PAST_REF", "PRESENT_REF", "FUTURE_REF", "P8D", "P5W", "PT24H", "PXW", "XXXX-10",
    "XXXX-WXX-WE", "2025-13", "2025-02-30", "", None,
])
def test_a_duration_or_a_reference_is_never_a_date(value: str | None) -> None:
    assert time_words(value) is None
    assert time_day(value) is None


def test_times_sort_by_their_first_day() -> None:
    assert time_day("2025-W45") == "2025-11-03"
    assert time_day("2025-SU") == "2025-06-01"
    assert time_day("2025-10") == "2025-10-01"


def test_spans_and_periods_in_words() -> None:
    assert range_words("2025-11-03", "2025-11-16") == "3–16 November 2025"
    assert range_words("2025-10-30", "2025-11-02") == "30 October – 2 November 2025"
    assert range_words("2025-11-03", "2025-11-03") == "3 November 2025"
    assert span_words("2025-11-01", "2025-11-30") == "November 2025"
    assert span_words("2025-11-03", "2025-11-09") == "the week of 3 November 2025"
    assert span_words("2025-11-05", "2025-11-07") == "5–7 November 2025"
    assert span_words("P5W", None) is None


def test_counts_in_the_right_number() -> None:
    assert plural(1, "article") == "1 article"
    assert plural(2, "outlet") == "2 outlets"
    assert plural(1200, "report") == "1,200 reports"
    assert plural(0, "reader comment") == "0 reader comments"


def test_durations_are_not_counts() -> None:
    assert is_duration("three months", None, None)
    assert is_duration("THREE MONTHS", None, None)
    assert is_duration("24 hours", "hour", None)
    assert is_duration("two", None, "weeks")
    assert not is_duration("about 320", "stations", "filling stations")
    assert not is_duration("12", None, "drones")


def test_the_duration_units_cover_the_quantity_readers_time_units() -> None:
    from fogwatch.analyze.quantities import TIME_UNITS

    assert set(TIME_UNITS.values()) <= DURATION_UNITS
