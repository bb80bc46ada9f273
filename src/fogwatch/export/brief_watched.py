"""The brief's "Watched claims" section: for each claim an analyst watches, the
articles ingested since it was last seen that take a stance on it
(:func:`fogwatch.reconcile.tracking.watched_news`).

Kept apart from :mod:`fogwatch.export.brief`, which builds and renders the rest;
:func:`watched_section` is written with the same markup object, so its lines link
to their pages like the brief's other lines: the claim to its tracking page, each
article to its page with the deciding passage marked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

MAX_NEW = 8  # articles listed per watched claim


def watched_items(store: Any) -> list[dict[str, Any]]:
    """Each watched claim with its new articles, as plain data (the brief's JSON)."""
    from fogwatch.reconcile.tracking import watched_news

    return [
        {"id": n.watched.id, "claim": n.watched.text, "seen_at": n.watched.seen_at,
         "new_documents": len(n.new),
         "new": [{"document": d.document, "title": d.title, "outlet": d.outlet,
                  "date": (d.published or "")[:10] or None, "stance": d.stance,
                  "passage": d.passage, "start": d.passage_start, "end": d.passage_end,
                  "proposition": d.proposition} for d in n.new[:MAX_NEW]]}
        for n in watched_news(store)
    ]


def track_path(claim: str) -> str:
    return "/claims/track?" + urlencode({"about": claim})


def watched_section(watched: list[dict[str, Any]], m: Any,
                    doc_path: Callable[..., str | None],
                    date_words: Callable[[str | None], str]) -> list[str]:
    """The section's lines in the brief's markup ``m``: one line per new article
    (its stance, title, outlet and date, and the claim), one per claim with none."""
    e = m.esc
    items = []
    for w in watched:
        claim = m.link(f"“{e(w['claim'])}”", track_path(w["claim"]))
        if not w["new"]:
            items.append(f"{claim}{m.meta('nothing new since ' + e(w['seen_at'][:10]))}")
        for d in w["new"]:
            title = m.link(e(d["title"] or d["document"]),
                           doc_path(d["document"], d["start"], d["end"]))
            when = date_words(d.get("date")) or "undated"
            items.append(f"{m.stance(e(d['stance']))} {claim}: {title}"
                         f"{m.meta(e(d['outlet'] or 'unknown outlet') + ', ' + e(when))}")
    return m.section("Watched claims: new articles", items) if items else []
