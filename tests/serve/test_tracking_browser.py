"""The "track a claim" page in a real browser: the claim board's box leads to it,
and its Watch button writes through the API with the token the analyst types
(a wrong token is said and nothing is stored)."""

from __future__ import annotations

import re

import pytest

from fogwatch.serve.settings import TOKEN_ENV
from fogwatch.store import Store

from .conftest import TOKEN

pytestmark = pytest.mark.slow

CLAIM = "More than 5,000 Ukrainian soldiers are trapped in Myrnohrad"


def _script_errors(page) -> list[str]:
    # a refused write is logged by the browser as a failed resource: not a script error
    return [p for p in page.problems if "Failed to load resource" not in p]


def test_track_a_claim_and_watch_it(page, demo_store: Store, monkeypatch):
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    try:
        page.goto("/claims")
        page.get_by_label("Track a claim").fill(CLAIM)
        page.get_by_role("button", name="Track").click()
        page.wait_for_url(re.compile(r"/claims/track\?about="))
        rows = page.locator("ol.tracked > li")
        assert rows.count() >= 3
        assert rows.first.locator(".stance").inner_text() == "denies"
        # the passage marked is the one that denies it ("no encirclement", "no closed
        # ring", "dismissed as false" are the demo's denials of this claim)
        assert re.search(r"\bno (encirclement|closed ring)\b|dismissed as false",
                         rows.first.locator("mark").inner_text())

        form = page.locator("form.watch-form")
        assert form.is_visible()  # the script shows it
        form.get_by_label("API token").fill("wrong")
        form.get_by_role("button", name="Watch this claim").click()
        # a function, not a bare expression: Playwright evals an expression in the
        # page, which the app's Content-Security-Policy (no 'unsafe-eval') refuses
        page.wait_for_function(
            "() => (document.querySelector('form.watch-form output')?.textContent || '')"
            ".startsWith('401')")
        assert demo_store.watched_claims() == []

        form.get_by_label("API token").fill(TOKEN)
        form.get_by_label("Your name").fill("Ann")
        form.get_by_role("button", name="Watch this claim").click()
        page.get_by_role("button", name="Stop watching").wait_for()
        assert [w.text for w in demo_store.watched_claims()] == [CLAIM]
        assert "Watched by Ann" in page.locator("#watch").inner_text()

        page.goto("/")
        watched = page.locator("section.watched")
        assert CLAIM in watched.inner_text() and "nothing new" in watched.inner_text()

        page.go_back()
        page.get_by_role("button", name="Stop watching").click()  # the token is kept
        page.get_by_role("button", name="Watch this claim").wait_for()
        assert demo_store.watched_claims() == []
        assert _script_errors(page) == []
    finally:
        for w in demo_store.watched_claims():
            demo_store.unwatch_claim(w.id)
