"""The analyst brief: what the store says, readable in two minutes.

The brief is built once as plain data (:func:`build_brief`) and rendered as
Markdown, HTML or JSON. Sections appear only when there is something in them, so
the brief grows as fogwatch learns to find more.

The data keeps what the store keeps (TimeML values, ISO dates, ids and character
offsets); the text renderings put times into words (:mod:`fogwatch.export.brief_text`)
and lead every line back to its evidence: a claim to its page in the web app
(``/claims/{id}``), anything read from one article to that article's page, with
the words marked (``/documents/{id}?mark=start-end``).
"""

from __future__ import annotations

import html
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from fogwatch.dating import PRESENT
from fogwatch.dating import when as dated_by
from fogwatch.export.brief_text import (
    date_words,
    figure_words,
    is_duration,
    is_pronoun,
    plural,
    range_words,
    span_words,
    time_day,
    time_words,
    when_words,
)
from fogwatch.export.brief_watched import watched_items, watched_section
from fogwatch.findings import Analysis, Attribution, modality_label

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
    watched: list[dict[str, Any]] = field(default_factory=list)  # claims an analyst watches

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
            "watched": self.watched,
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
    brief.watched = watched_items(store)
    return brief


RECENT_DAYS = 2  # "what changed": the last days of the period
# a stance said before its source ("denied by the army"), whatever the source's number
STANCE_BY = {"asserts": "asserted by", "denies": "denied by",
             "unverified": "not verified by", "reports": "reported by"}
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
                entry = {"figure": figure_words(n.text, n.value, n.counted),
                         "source": None if is_pronoun(n.source) else n.source, "date": n.date}
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
    ranked = sorted(events, key=lambda e: (-len(e.reports), _event_day(e)))[: MAX_ITEMS + 4]
    for e in sorted(ranked, key=_event_day):
        first = min(e.reports, key=lambda r: (r.date or "9999", r.document), default=None)
        brief.timeline.append({
            "id": e.id, "date": e.start, "date_end": e.end, "first_seen": e.first_seen,
            "statement": e.statement, "type": e.type,
            "modality": e.modality, "reports": len(e.reports),
            "outlets": sorted({r.outlet or "unknown outlet" for r in e.reports}),
            # the earliest report, where the reader can check the words
            "evidence": None if first is None else {
                "document": first.document, "start": first.start, "end": first.end},
        })


def _event_day(event: Any) -> str:
    """A merged event's first day for sorting; one with no calendar date goes last."""
    return time_day(event.start) or "9999"


def _count_comments(store, since, until) -> int:
    try:
        return store.count_documents(section="comment", since=since, until=until)
    except Exception:
        return 0


def _claims(analysis: Analysis, ent_names: dict[str, str], where: dict) -> list:
    out = []
    for attr in analysis.attributions:
        source = _source_name(attr, ent_names) or "unnamed source"
        content = " … ".join(c.text for c in attr.content)
        rank = _STANCE_ORDER.get(attr.stance, 5)
        spans = [attr.cue, *attr.content]
        out.append(((rank, where["date"] or ""), {
            "source": source, "cue": attr.cue.text, "content": _clip(content),
            "stance": attr.stance, "kind": attr.kind,
            "start": min(sp.start for sp in spans), "end": max(sp.end for sp in spans),
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
        when = mod = label = None
        if ev.time is not None and 0 <= ev.time < len(analysis.times):
            when, mod = analysis.times[ev.time].value, analysis.times[ev.time].mod
        elif ev.time_value and ev.time_value != "DCT":
            when = ev.time_value
        dating = dated_by(analysis, ev)
        if dating.precision == PRESENT:
            # the article's present ("Russia controls"): true as of its day, which is
            # not the day anything happened
            label = dating.label
        modality_rank = 0 if ev.modality == "happened" else 1
        # A value that is not a place on the calendar ("PAST_REF", "P8D") sorts by
        # the article's date, not by its spelling.
        day = time_day(when) or where["date"] or ""
        out.append(((modality_rank, _descending(day)), {
            "type": ev.type, "trigger": ev.trigger.text, "modality": ev.modality,
            "actors": [ent_names.get(a, a) for a in ev.actors],
            "targets": [ent_names.get(t, t) for t in ev.targets],
            "when": when, "when_mod": mod, "when_label": label,
            "start": ev.trigger.start, "end": ev.trigger.end,
            **where,
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
        if is_duration(q.text, q.unit, q.counted):
            continue  # "24 hours" says how long, not how many: not a figure to weigh
        source = None
        if q.attribution is not None and 0 <= q.attribution < len(analysis.attributions):
            source = _source_name(analysis.attributions[q.attribution], ent_names)
        out.append({
            "text": q.text, "value": q.value, "unit": q.unit, "approx": q.approx,
            "counted": q.counted, "according_to": source, "start": q.start, "end": q.end,
            **where,
        })
    return out


def _source_name(attr: Attribution, ent_names: dict[str, str]) -> str | None:
    """Who an attribution names as its source, or None when that is nobody.

    A pronoun the analysis did not resolve ("He said ...") is nobody to a reader
    who has not read the sentence before it, so it is not shown as a name.
    """
    for key in (attr.source_entity, attr.source.entity if attr.source else None):
        if key and key in ent_names:
            return ent_names[key]
    text = " ".join(attr.source.text.split()) if attr.source else ""
    return text if text and not is_pronoun(text) else None


# --- rendering ------------------------------------------------------------------
#
# One walk over the brief (:func:`_render`) writes every format; a markup object
# says how that format spells a heading, a list, a label, a link or a bit of
# metadata and escapes text taken from articles.


def _doc_path(doc_id: str | None, start: Any = None, end: Any = None) -> str | None:
    """The web app's page of a document, with the words a line was read from marked."""
    if not doc_id:
        return None
    path = "/documents/" + quote(doc_id, safe="")
    if isinstance(start, int) and isinstance(end, int) and end > start:
        path += f"?mark={start}-{end}#mark"
    return path


def _claim_path(prop_id: str | None) -> str | None:
    return "/claims/" + quote(prop_id, safe="") if prop_id else None


def _entity_path(key: str | None) -> str | None:
    return "/entities/" + quote(key, safe=":/") if key else None


def _outlet_path(outlet: str) -> str | None:
    # "unknown outlet" is the brief's own label, not an outlet the store can filter by
    return None if outlet == "unknown outlet" else "/documents?" + urlencode({"outlet": outlet})


def _base(base_url: str | None) -> str | None:
    return base_url.rstrip("/") if base_url else None


class _Markdown:
    def __init__(self, base_url: str | None = None) -> None:
        # Markdown is read outside the web app, where a relative link leads nowhere:
        # links only when the app's address is known.
        self.base = _base(base_url)

    def esc(self, text: str) -> str:
        return text

    def link(self, text: str, path: str | None) -> str:
        if not path or self.base is None:
            return text
        label = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
        return f"[{label}]({self.base}{path})"

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
    "a{color:inherit;text-decoration-color:#999}a:hover{color:#0645ad}"
    ".meta{color:#666;font-size:.9em}li{margin:.25rem 0}</style></head><body>"
)


class _Html:
    def __init__(self, base_url: str | None = None) -> None:
        # Without a base URL the page is meant to be served by the web app (or
        # saved beside it), so its links stay relative to the app's root.
        self.base = _base(base_url) or ""

    def esc(self, text: str) -> str:
        return html.escape(text)

    def link(self, text: str, path: str | None) -> str:
        if not path:
            return text
        return f"<a href='{html.escape(self.base + path, quote=True)}'>{text}</a>"

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


def _event_when(ev: dict[str, Any]) -> str:
    return ev.get("when_label") or when_words(time_words(ev.get("when"), ev.get("when_mod")), ev.get("date"))


def _timeline_when(t: dict[str, Any]) -> str:
    return when_words(span_words(t.get("date"), t.get("date_end")), t.get("first_seen"))


def _render(brief: Brief, m: _Markdown | _Html) -> str:
    e = m.esc
    period = range_words(brief.first_date, brief.last_date) or "undated material"
    summary = [
        f"{plural(brief.documents, 'article')} from {plural(len(brief.outlets), 'outlet')}, "
        f"{e(period)}"
        + (f"; {plural(brief.comments, 'reader comment')} kept apart." if brief.comments else ".")
    ]
    if brief.outlets:
        summary.append(
            "Outlets: " + ", ".join(f"{m.link(e(o), _outlet_path(o))} ({n})"
                                    for o, n in brief.outlets[:MAX_ITEMS])
        )
    lines = m.start("fogwatch brief") + m.paragraph(*summary)

    def where(item: dict) -> str:
        return m.meta(f"{e(item['outlet'])}, {e(date_words(item.get('date')) or 'undated')}")

    def claim(item: dict) -> str:
        return m.link(f"“{e(item['statement'])}”", _claim_path(item.get("id")))

    def evidence(item: dict, text: str) -> str:
        return m.link(text, _doc_path(item.get("document"), item.get("start"), item.get("end")))

    lines += watched_section(brief.watched, m, _doc_path, date_words)
    if brief.changed:
        items = []
        for c in brief.changed:
            # "asserted by Ukrainian officials": no verb to agree with the source's number
            said = "; ".join(
                (f"{STANCE_BY.get(s['stance'], e(s['stance']))} {e(s['source'])}"
                 if s.get("source") else e(s["stance"]))
                + (f", {e(day)}" if (day := date_words(s.get("date"))) else "")
                for s in c["stances"]
            )
            items.append(f"{'New claim: ' if c['new'] else ''}{claim(c)}{m.meta(said)}")
        lines += m.section("What changed", items)
    if brief.contested:
        items = []
        for c in brief.contested:
            sides = []
            for key in ("asserts", "denies", "unverified"):
                word = STANCE_BY[key]
                if c[key]:
                    sides.append(f"{word} {e(', '.join(c[key][:5]))}")
            items.append(f"{claim(c)}{m.meta('; '.join(sides))}")
        lines += m.section("Contested claims: who stands where", items)
    if brief.disagreements:
        items = []
        for d in brief.disagreements:
            figures = "; ".join(
                e(f["figure"]) + (f" ({e(f['source'])})" if f.get("source") else "")
                for f in d["figures"]
            )
            items.append(f"{claim(d)}{m.meta(figures)}")
        lines += m.section("Numbers that disagree", items)
    if brief.timeline:
        items = []
        for t in brief.timeline:
            seen = f"{plural(t['reports'], 'report')}: {', '.join(t['outlets'])}"
            items.append(f"{e(_timeline_when(t))} · {m.label(e(t['type']), e(modality_label(t['modality'])))} "
                         f"{evidence(t.get('evidence') or {}, e(t['statement']))}"
                         f"{m.meta(e(seen))}")
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
                f"{evidence(c, '“' + e(c['content']) + '”')}{where(c)}{rejected}"
            )
        lines += m.section("Claims to weigh", items)
    if brief.events:
        items = []
        for ev in brief.events[:MAX_ITEMS]:
            what = " ".join(x for x in (", ".join(ev["actors"]) or "?", ev["trigger"],
                                        ", ".join(ev["targets"])) if x)
            items.append(
                f"{e(_event_when(ev))} · {m.label(e(ev['type']), e(modality_label(ev['modality'])))} "
                f"{evidence(ev, e(what))}{m.meta(e(ev['outlet']))}"
            )
        lines += m.section("What happened, and what is only claimed", items)
    if brief.numbers:
        items = []
        for q in brief.numbers[:MAX_ITEMS]:
            figure = figure_words(q.get("text"), q.get("value"), q.get("counted"))
            who = f", according to {e(q['according_to'])}" if q.get("according_to") else ""
            items.append(f"{evidence(q, e(figure))}{who}{where(q)}")
        lines += m.section("Numbers", items)
    if brief.entities:
        lines += m.text_section(
            "Who and what is in the news",
            ", ".join(
                m.link(e(x["name"]), _entity_path(x.get("key")))
                + m.note(f"{e(x['type'])}, {plural(x['mentions'], 'mention')} in "
                         f"{plural(x['documents'], 'doc')}")
                for x in brief.entities[: MAX_ITEMS + 4]
            ),
        )
    if brief.articles:
        lines += m.section("Latest articles", [
            f"{e(date_words(a.get('date')) or 'undated')} · {e(a['outlet'])}: "
            f"{m.link(e(a['title']), _doc_path(a.get('id')))}"
            for a in brief.articles[:MAX_ITEMS]
        ])
    if not brief.documents:
        lines += m.paragraph(
            "The store holds no analysed articles for this period yet. "
            f"Run {m.code('fogwatch ingest SOURCES...')} or {m.code('fogwatch demo')} first."
        )
    return m.finish(lines)


def render_markdown(brief: Brief, *, base_url: str | None = None) -> str:
    """Markdown; with ``base_url`` (the web app's address) every line links to its page."""
    return _render(brief, _Markdown(base_url))


def render_html(brief: Brief, *, base_url: str | None = None) -> str:
    """A standalone HTML page; every piece of text from articles is escaped.

    Every line links to its claim or document page in the web app: under
    ``base_url`` when given, else relative to the app's root.
    """
    return _render(brief, _Html(base_url))


def render(brief: Brief, fmt: str = "md", *, base_url: str | None = None) -> str:
    if fmt == "md":
        return render_markdown(brief, base_url=base_url)
    if fmt == "html":
        return render_html(brief, base_url=base_url)
    if fmt == "json":
        # JSON carries the ids and offsets themselves; links are for readers.
        return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown brief format {fmt!r} (choose md, html or json)")


__all__ = ["Brief", "build_brief", "render", "render_html", "render_markdown"]
