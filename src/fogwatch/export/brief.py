"""The analyst brief: what the store says, readable in two minutes.

The brief is built once as plain data (:func:`build_brief`) and rendered as
Markdown, HTML or JSON. Sections appear only when there is something in them, so
the brief grows as fogwatch learns to find more.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from fogwatch.findings import Analysis

MAX_ITEMS = 8
SNIPPET = 160
_STANCE_ORDER = {"disputed": 0, "refuted": 1, "unconfirmed": 2, "hedged": 3, "asserted": 4}


@dataclass
class Brief:
    since: str | None
    until: str | None
    documents: int = 0
    comments: int = 0
    outlets: list[tuple[str, int]] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    numbers: list[dict[str, Any]] = field(default_factory=list)
    articles: list[dict[str, Any]] = field(default_factory=list)
    # across documents (from reconciliation)
    changed: list[dict[str, Any]] = field(default_factory=list)
    contested: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "since": self.since, "until": self.until,
            "documents": self.documents, "comments": self.comments,
            "period": [self.first_date, self.last_date],
            "outlets": [{"outlet": o, "documents": n} for o, n in self.outlets],
            "entities": self.entities, "claims": self.claims, "events": self.events,
            "numbers": self.numbers, "articles": self.articles,
            "changed": self.changed, "contested": self.contested,
            "numbers_disagree": self.disagreements, "timeline": self.timeline,
        }


def _clip(text: str, n: int = SNIPPET) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def build_brief(store, *, since: str | None = None, until: str | None = None) -> Brief:
    brief = Brief(since=since, until=until)
    outlets: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    doc_count: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    claims: list[tuple[tuple, dict[str, Any]]] = []
    events: list[tuple[tuple, dict[str, Any]]] = []
    numbers: list[dict[str, Any]] = []
    dates: list[str] = []

    for analysis in store.analyses(since=since, until=until):
        doc = analysis.document
        brief.documents += 1
        outlet = doc.outlet or "unknown outlet"
        outlets[outlet] += 1
        if doc.published:
            dates.append(doc.published[:10])
        brief.articles.append({
            "id": doc.id, "title": doc.title or _clip(doc.text, 80), "outlet": outlet,
            "date": (doc.published or "")[:10] or None, "url": doc.url,
        })
        where = {"document": doc.id, "outlet": outlet, "date": (doc.published or "")[:10] or None}
        ent_names = {e.key: e.name for e in analysis.entities}
        for ent in analysis.entities:
            mentions[ent.key] += len(ent.mentions)
            doc_count[ent.key] += 1
            names.setdefault(ent.key, (ent.name, ent.type))
        claims.extend(_claims(analysis, ent_names, where))
        events.extend(_events(analysis, ent_names, where))
        numbers.extend(_numbers(analysis, ent_names, where))
    brief.comments = _count_comments(store, since, until)
    brief.outlets = outlets.most_common()
    if dates:
        brief.first_date, brief.last_date = min(dates), max(dates)
    brief.entities = [
        {"key": k, "name": names[k][0], "type": names[k][1], "mentions": n,
         "documents": doc_count[k]}
        for k, n in mentions.most_common(MAX_ITEMS * 2)
    ]
    brief.claims = [c for _, c in sorted(claims, key=lambda x: x[0])][: MAX_ITEMS * 2]
    brief.events = [e for _, e in sorted(events, key=lambda x: x[0])][: MAX_ITEMS * 2]
    brief.numbers = numbers[: MAX_ITEMS * 2]
    brief.articles.sort(key=lambda a: a["date"] or "", reverse=True)
    _across_documents(brief, store, since, until)
    return brief


RECENT_DAYS = 2  # "what changed": the last days of the period
MAX_CONTESTED = 5


def _who(stances: list, stance: str) -> list[str]:
    out: list[str] = []
    for s in stances:
        if s.stance == stance:
            name = s.source if s.role == "source" else f"{s.source} (own reporting)"
            if name not in out:
                out.append(name)
    return out


def _across_documents(brief: Brief, store, since: str | None, until: str | None) -> None:
    """Contested claims, what changed, disagreeing numbers and the timeline."""
    from datetime import date, timedelta

    try:
        props = store.propositions(since=since, until=until, limit=200)
        events = store.merged_events(since=since, until=until, limit=400)
    except Exception:  # a store without cross-document records yet
        return
    cutoff = None
    if brief.last_date:
        cutoff = (date.fromisoformat(brief.last_date) - timedelta(days=RECENT_DAYS)).isoformat()
    for p in props:
        # A claim is shown as contested when speakers (not only outlets' framing)
        # take both sides, or the sides span several documents.
        sides = {s.stance for s in p.stances if s.role == "source"}
        docs_for = {s.document for s in p.stances if s.stance == "asserts"}
        docs_against = {s.document for s in p.stances if s.stance == "denies"}
        solid = {"asserts", "denies"} <= sides or (len(docs_for) > 1 and len(docs_against) > 1)
        if p.contested and solid and len(brief.contested) < MAX_CONTESTED:
            brief.contested.append({
                "id": p.id, "statement": p.statement, "first_seen": p.first_seen,
                "last_seen": p.last_seen,
                **{k: _who(p.stances, k) for k in ("asserts", "denies", "unverified")},
            })
        if p.numbers_disagree and len(brief.disagreements) < MAX_ITEMS:
            figures = []
            for n in p.numbers:
                label = f"{n.text} {n.counted or n.unit or ''}".strip()
                entry = {"figure": label, "source": n.source, "date": n.date}
                if entry not in figures:
                    figures.append(entry)
            brief.disagreements.append({"id": p.id, "statement": p.statement,
                                        "figures": figures[:6]})
        if cutoff and p.last_seen and p.last_seen > cutoff and len(p.stances) > 1:
            recent = [s for s in p.stances if s.date and s.date > cutoff]
            new = bool(p.first_seen and p.first_seen > cutoff)
            # Worth a line when sources disagree or more than one article carries it.
            if (p.contested or len({s.document for s in p.stances}) > 1) and recent:
                brief.changed.append({
                    "id": p.id, "statement": p.statement, "new": new,
                    "stances": [{"source": s.source, "stance": s.stance, "date": s.date,
                                 "outlet": s.outlet} for s in recent][:4],
                })
    brief.changed = brief.changed[:MAX_ITEMS]
    ranked = sorted(events, key=lambda e: (-len(e.reports), e.start or ""))[: MAX_ITEMS + 4]
    for e in sorted(ranked, key=lambda e: e.start or "9999"):
        brief.timeline.append({
            "date": e.start, "statement": e.statement, "type": e.type,
            "modality": e.modality, "reports": len(e.reports),
            "outlets": sorted({r.outlet or "unknown outlet" for r in e.reports}),
        })


def _count_comments(store, since, until) -> int:
    try:
        return store.count_documents(section="comment", since=since, until=until)
    except Exception:
        return 0


def _claims(analysis: Analysis, ent_names: dict[str, str], where: dict) -> list:
    out = []
    for attr in analysis.attributions:
        source = (
            ent_names.get(attr.source_entity or "")
            or (attr.source.text if attr.source else None)
            or "unnamed source"
        )
        content = " … ".join(c.text for c in attr.content)
        rank = _STANCE_ORDER.get(attr.stance, 5)
        out.append(((rank, where["date"] or ""), {
            "source": source, "cue": attr.cue.text, "content": _clip(content),
            "stance": attr.stance, "kind": attr.kind,
            "disputed_by": [
                _clip(" … ".join(c.text for c in analysis.attributions[i].content), 80)
                for i in attr.disputed_by if 0 <= i < len(analysis.attributions)
            ],
            **where,
        }))
    return out


def _events(analysis: Analysis, ent_names: dict[str, str], where: dict) -> list:
    out = []
    for ev in analysis.events:
        if not (set(ev.actors) | set(ev.targets)) & ent_names.keys():
            continue  # an event nobody in the entity list takes part in is noise in a brief
        when = None
        if ev.time is not None and 0 <= ev.time < len(analysis.times):
            when = analysis.times[ev.time].value
        elif ev.time_value:
            when = where["date"] if ev.time_value == "DCT" else ev.time_value
        modality_rank = 0 if ev.modality == "happened" else 1
        out.append(((modality_rank, _descending(when or where["date"] or "")), {
            "type": ev.type, "trigger": ev.trigger.text, "modality": ev.modality,
            "actors": [ent_names.get(a, a) for a in ev.actors],
            "targets": [ent_names.get(t, t) for t in ev.targets],
            "when": when, **where,
        }))
    return out


def _descending(value: str) -> tuple[int, ...]:
    """Sort key that puts later ISO-like values first."""
    return tuple(-ord(c) for c in value)


def _numbers(analysis: Analysis, ent_names: dict[str, str], where: dict) -> list:
    out = []
    for q in analysis.quantities:
        if q.counted is None and q.unit is None:
            continue
        source = None
        if q.attribution is not None and 0 <= q.attribution < len(analysis.attributions):
            a = analysis.attributions[q.attribution]
            source = ent_names.get(a.source_entity or "") or (a.source.text if a.source else None)
        out.append({
            "text": q.text, "value": q.value, "unit": q.unit, "approx": q.approx,
            "counted": q.counted, "according_to": source, **where,
        })
    return out


# --- rendering ------------------------------------------------------------------
#
# One walk over the brief (:func:`_render`) writes every format; a markup object
# says how that format spells a heading, a list, a label or a bit of metadata and
# escapes text taken from articles.


class _Markdown:
    def esc(self, text: str) -> str:
        return text

    def start(self, title: str) -> list[str]:
        return [f"# {title}"]

    def paragraph(self, *lines: str) -> list[str]:
        return ["", *lines]

    def section(self, title: str, items: list[str]) -> list[str]:
        return ["", f"## {title}", "", *(f"- {item}" for item in items)]

    def text_section(self, title: str, text: str) -> list[str]:
        return ["", f"## {title}", "", text]

    def stance(self, stance: str) -> str:
        return f"**{stance}** —"

    def label(self, kind: str, modality: str) -> str:
        return f"{kind} ({modality}):"

    def meta(self, text: str) -> str:
        return f" — {text}"

    def note(self, text: str) -> str:
        return f" ({text})"

    def code(self, text: str) -> str:
        return f"`{text}`"

    def finish(self, lines: list[str]) -> str:
        return "\n".join(lines) + "\n"


_HTML_HEAD = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>\n"
    "<meta name='viewport' content='width=device-width, initial-scale=1'>\n"
    "<title>fogwatch brief</title><style>"
    "body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
    "color:#222}"
    "h1{font-size:1.5rem}h2{font-size:1.1rem;margin-top:1.6rem;border-bottom:1px solid #ddd}"
    ".stance{font-weight:600;padding:0 .3rem;border-radius:3px;background:#eee}"
    ".disputed,.refuted{background:#fde2e1}.unconfirmed,.hedged{background:#fff3cd}"
    ".meta{color:#666;font-size:.9em}li{margin:.25rem 0}</style></head><body>"
)


class _Html:
    def esc(self, text: str) -> str:
        return html.escape(text)

    def start(self, title: str) -> list[str]:
        return [_HTML_HEAD, f"<h1>{title}</h1>"]

    def paragraph(self, *lines: str) -> list[str]:
        return ["<p>" + "<br>\n".join(lines) + "</p>"]

    def section(self, title: str, items: list[str]) -> list[str]:
        return [f"<h2>{title}</h2><ul>", *(f"<li>{item}</li>" for item in items), "</ul>"]

    def text_section(self, title: str, text: str) -> list[str]:
        return [f"<h2>{title}</h2><p>{text}</p>"]

    def stance(self, stance: str) -> str:
        return f"<span class='stance {stance}'>{stance}</span>"

    def label(self, kind: str, modality: str) -> str:
        return f"<b>{kind}</b> <span class='stance'>{modality}</span>"

    def meta(self, text: str) -> str:
        return f" <span class='meta'>{text}</span>"

    def note(self, text: str) -> str:
        return self.meta(f"({text})")

    def code(self, text: str) -> str:
        return f"<code>{text}</code>"

    def finish(self, lines: list[str]) -> str:
        return "\n".join([*lines, "</body></html>"])


def _render(brief: Brief, m: _Markdown | _Html) -> str:
    e = m.esc
    period = (
        f"{brief.first_date} to {brief.last_date}" if brief.first_date else "undated material"
    )
    summary = [
        f"{brief.documents} articles from {len(brief.outlets)} outlets, {e(period)}"
        + (f"; {brief.comments} reader comments kept apart." if brief.comments else ".")
    ]
    if brief.outlets:
        summary.append(
            "Outlets: " + ", ".join(f"{e(o)} ({n})" for o, n in brief.outlets[:MAX_ITEMS])
        )
    lines = m.start("fogwatch brief") + m.paragraph(*summary)

    def where(item: dict) -> str:
        return m.meta(f"{e(item['outlet'])}, {e(item['date'] or 'undated')}")

    if brief.changed:
        items = []
        for c in brief.changed:
            said = "; ".join(f"{e(s['source'])} {e(s['stance'])} {e(s['date'] or '')}".rstrip()
                             for s in c["stances"])
            items.append(f"{'New claim: ' if c['new'] else ''}“{e(c['statement'])}”{m.meta(said)}")
        lines += m.section("What changed", items)
    if brief.contested:
        items = []
        for c in brief.contested:
            sides = []
            for key, word in (("asserts", "asserted by"), ("denies", "denied by"),
                              ("unverified", "not verified by")):
                if c[key]:
                    sides.append(f"{word} {e(', '.join(c[key][:5]))}")
            items.append(f"“{e(c['statement'])}”{m.meta('; '.join(sides))}")
        lines += m.section("Contested claims: who stands where", items)
    if brief.disagreements:
        items = []
        for d in brief.disagreements:
            figures = "; ".join(f"{e(f['figure'])} ({e(f['source'] or '?')})" for f in d["figures"])
            items.append(f"“{e(d['statement'])}”{m.meta(figures)}")
        lines += m.section("Numbers that disagree", items)
    if brief.timeline:
        items = []
        for t in brief.timeline:
            seen = f"{t['reports']} reports: {', '.join(t['outlets'])}"
            items.append(f"{e(t['date'] or 'undated')} · {m.label(e(t['type']), e(t['modality']))} "
                         f"{e(t['statement'])}{m.meta(e(seen))}")
        lines += m.section("Timeline", items)
    if brief.claims:
        contested = [c for c in brief.claims if c["stance"] != "asserted"]
        items = []
        for c in (contested or brief.claims)[:MAX_ITEMS]:
            rejected = (
                m.meta("rejected: " + "; ".join(f"“{e(d)}”" for d in c["disputed_by"]))
                if c["disputed_by"] else ""
            )
            items.append(
                f"{m.stance(e(c['stance']))} {e(c['source'])} ({e(c['cue'])}): "
                f"“{e(c['content'])}”{where(c)}{rejected}"
            )
        lines += m.section("Claims to weigh", items)
    if brief.events:
        items = []
        for ev in brief.events[:MAX_ITEMS]:
            whom = ", ".join(ev["targets"])
            items.append(
                f"{e(ev['when'] or 'undated')} · {m.label(e(ev['type']), e(ev['modality']))} "
                f"{e(', '.join(ev['actors']) or '?')} {e(ev['trigger'])}"
                f"{(' ' + e(whom)) if whom else ''}{m.meta(e(ev['outlet']))}"
            )
        lines += m.section("What happened, and what is only claimed", items)
    if brief.numbers:
        items = []
        for q in brief.numbers[:MAX_ITEMS]:
            who = f", according to {e(q['according_to'])}" if q["according_to"] else ""
            items.append(f"{e(q['text'])} {e(q['counted'] or '')}{who}{where(q)}")
        lines += m.section("Numbers", items)
    if brief.entities:
        lines += m.text_section(
            "Who and what is in the news",
            ", ".join(
                e(x["name"])
                + m.note(f"{e(x['type'])}, {x['mentions']} mentions in {x['documents']} docs")
                for x in brief.entities[: MAX_ITEMS + 4]
            ),
        )
    if brief.articles:
        lines += m.section("Latest articles", [
            f"{e(a['date'] or 'undated')} · {e(a['outlet'])}: {e(a['title'])}"
            for a in brief.articles[:MAX_ITEMS]
        ])
    if not brief.documents:
        lines += m.paragraph(
            "The store holds no analysed articles for this period yet. "
            f"Run {m.code('fogwatch ingest SOURCES...')} or {m.code('fogwatch demo')} first."
        )
    return m.finish(lines)


def render_markdown(brief: Brief) -> str:
    return _render(brief, _Markdown())


def render_html(brief: Brief) -> str:
    """A standalone HTML page; every piece of text from articles is escaped."""
    return _render(brief, _Html())


def render(brief: Brief, fmt: str = "md") -> str:
    if fmt == "md":
        return render_markdown(brief)
    if fmt == "html":
        return render_html(brief)
    if fmt == "json":
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown brief format {fmt!r} (choose md, html or json)")


__all__ = ["Brief", "build_brief", "render", "render_html", "render_markdown"]
