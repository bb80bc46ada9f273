"""Export speed: rows per second for each export format, on a synthetic or an existing store.

    python benchmarks/export_speed.py                      # 2,000 synthetic documents
    python benchmarks/export_speed.py --docs 20000 --repeat 1
    python benchmarks/export_speed.py --db fogwatch.sqlite # an existing store (read only)
    python benchmarks/export_speed.py --formats parquet csv --json
    python benchmarks/export_speed.py --docs 200 --memory  # peak heap stays page-sized

The synthetic store is built without spaCy: hand-written analyses of generated
war-report paragraphs (entities, times, attributions, events, quantities,
places), saved and reconciled like real ones, in a temporary SQLite file that is
removed afterwards (the first ``--reconcile`` documents are reconciled too, so that
propositions, stances and merged events have rows). Each format exports everything the store holds (every kind
for jsonl/csv/parquet; events for plover; merged events for acled) into a
temporary folder; the time is the best of ``--repeat`` rounds. ``--memory`` adds
the peak Python heap of one more (untimed) export per format: it depends on the
page size, not on the size of the store.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from fogwatch.findings import (
    Analysis,
    Attribution,
    Document,
    Entity,
    Event,
    Mention,
    Place,
    Quantity,
    TextSpan,
    Time,
)

FORMATS = ("jsonl", "csv", "parquet", "plover", "acled")
TOWNS = [("Pokrovsk", "geo:706884", 48.282, 37.176), ("Kupiansk", "geo:704617", 49.71, 37.61),
         ("Dnipro", "geo:709930", 48.459, 35.038), ("Kharkiv", "geo:706483", 49.98, 36.25),
         ("Zaporizhzhia", "geo:687700", 47.82, 35.19), ("Kherson", "geo:706448", 46.65, 32.6)]
TEMPLATE = (
    "{town}, {day} November 2025. Russian forces shelled {town} on {weekday}, the Ukrainian "
    "General Staff said in report {n}. Oleksandr Syrskyi denied that troops were encircled near "
    "{town}. Officials said {dead} people were killed and {hurt} injured. Moscow claimed that "
    "more than {captured} soldiers had been captured near {town}."
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _span(text: str, needle: str, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return TextSpan(needle, start, start + len(needle))


def synthetic_analysis(n: int, rng: random.Random) -> Analysis:
    town, place_key, lat, lon = rng.choice(TOWNS)
    day = 1 + n % 28
    text = TEMPLATE.format(town=town, day=day, weekday=WEEKDAYS[day % 7], n=n,
                           dead=rng.randint(2, 40), hurt=rng.randint(2, 90),
                           captured=rng.randint(10, 900))
    doc = Document.create(text, url=f"https://bench.example/{n}", outlet=f"Outlet {n % 7}",
                          title=f"Report {n} from {town}", published=f"2025-11-{day:02d}")

    def mention(needle: str, sentence: int, type_: str, key: str, k: int = 0) -> Mention:
        s = _span(text, needle, k)
        return Mention(s.text, s.start, s.end, sentence, type_, key, document=doc.id)

    town_key = f"gaz:place/{town.lower()}"
    town_mentions = [mention(town, i, "GPE", town_key, k) for i, k in ((0, 0), (1, 1), (2, 2))]
    entities = [
        Entity(town_key, town, "GPE", aliases=[town], mentions=town_mentions, country="UA",
               gazetteer=True),
        Entity("gaz:person/oleksandr-syrskyi", "Oleksandr Syrskyi", "PERSON",
               aliases=["Oleksandr Syrskyi"],
               mentions=[mention("Oleksandr Syrskyi", 2, "PERSON",
                                 "gaz:person/oleksandr-syrskyi")], country="UA"),
        Entity("gaz:place/russia", "Russia", "GPE", aliases=["Moscow", "Russian"],
               mentions=[mention("Moscow", 4, "GPE", "gaz:place/russia")], country="RU"),
    ]
    d1, d2 = _span(text, f"{day} November 2025"), _span(text, WEEKDAYS[day % 7])
    iso = f"2025-11-{day:02d}"
    times = [Time(d1.text, d1.start, d1.end, 0, "DATE", iso, interval=(iso, iso), anchor="DCT"),
             Time(d2.text, d2.start, d2.end, 1, "DATE", iso, interval=(iso, iso), anchor="DCT")]
    said = _span(text, "said")
    attributions = [
        Attribution(cue=said, content=[_span(text, f"Russian forces shelled {town}")],
                    sentence=1, source=_span(text, "the Ukrainian General Staff")),
        Attribution(cue=_span(text, "claimed"), content=[_span(text, "more than")],
                    sentence=4, source=_span(text, "Moscow"), source_entity="gaz:place/russia",
                    stance="unconfirmed"),
    ]
    events = [
        Event(_span(text, "shelled"), "ASSAULT", 1, actors=["gaz:place/russia"],
              targets=[town_key], place=place_key, time=1, time_value=iso, attribution=0,
              modality="claimed"),
        Event(_span(text, "killed"), "ASSAULT", 3, place=place_key, time=1, time_value=iso),
        Event(_span(text, "captured"), "COERCE", 4, mode="seize", actors=["gaz:place/russia"],
              modality="claimed", attribution=1),
    ]
    dead = _span(text, " people were killed")
    dead_start = text.rindex(" ", 0, dead.start) + 1
    quantities = [
        Quantity(text[dead_start:dead.start + 7], dead_start, dead.start + 7, 3,
                 float(text[dead_start:dead.start]), unit="people", counted="people", event=1),
    ]
    places = [Place(place_key, town, lat=lat, lon=lon, country="UA", geonameid=int(
        place_key.split(":")[1]), confidence=0.9, entity=town_key, mentions=town_mentions)]
    return Analysis(doc, entities, times, attributions, events, quantities, places)


def build_store(path: Path, docs: int, reconcile: int) -> None:
    """Save ``docs`` synthetic analyses; reconcile the first ``reconcile`` of them.

    The generated reports repeat a handful of claims, so every reconciled document
    joins the same few propositions; reconciling them all would time reconcile,
    not the export.
    """
    from fogwatch.reconcile import reconcile_analysis
    from fogwatch.store import Store

    rng = random.Random(7)
    with Store.open(f"sqlite:///{path}") as store:
        for n in range(docs):
            analysis = synthetic_analysis(n, rng)
            store.save_analysis(analysis)
            if n < reconcile:
                reconcile_analysis(store, analysis)


@dataclass
class Row:
    format: str
    files: int
    rows: int
    seconds: float
    rows_per_s: float
    mib: float
    peak_heap_mib: float | None = None


def run_format(store, fmt: str, out: Path):
    from fogwatch.export.acled import export_acled
    from fogwatch.export.plover import export_plover
    from fogwatch.export.tables import export_tables

    if fmt == "plover":
        return [export_plover(store, out)]
    if fmt == "acled":
        return [export_acled(store, out)]
    return export_tables(store, out, fmt)


def measure(db: str, formats: list[str], repeat: int, memory: bool = False) -> list[Row]:
    import tracemalloc

    from fogwatch.store import Store

    best: dict[str, Row] = {}
    with Store.open(db, migrate=False) as store, tempfile.TemporaryDirectory() as tmp:
        for round_ in range(repeat):
            for fmt in formats:  # formats take turns within a round
                out = Path(tmp) / f"{fmt}-{round_}"
                started = time.perf_counter()
                files = run_format(store, fmt, out)
                seconds = time.perf_counter() - started
                rows = sum(f.rows for f in files)
                size = sum(f.path.stat().st_size for f in files) / 2**20
                row = Row(fmt, len(files), rows, round(seconds, 3),
                          round(rows / seconds if seconds else 0.0, 1), round(size, 2))
                if fmt not in best or seconds < best[fmt].seconds:
                    best[fmt] = row
                for f in files:
                    f.path.unlink()
        if memory:  # a separate, untimed pass: tracing slows Python down several times
            for fmt in formats:
                tracemalloc.start()
                files = run_format(store, fmt, Path(tmp) / f"{fmt}-memory")
                best[fmt].peak_heap_mib = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
                tracemalloc.stop()
                for f in files:
                    f.path.unlink()
    return [best[f] for f in formats]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="benchmark this store instead of a synthetic one")
    parser.add_argument("--docs", type=int, default=2000, help="synthetic documents (2000)")
    parser.add_argument("--reconcile", type=int, default=300, metavar="N",
                        help="reconcile the first N synthetic documents into propositions and "
                        "merged events (300; 0: none)")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--repeat", type=int, default=3, help="rounds; the best is kept (3)")
    parser.add_argument("--memory", action="store_true",
                        help="also measure the peak Python heap of each export (tracemalloc)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        build_s = None
        if db is None:
            path = Path(tmp) / "bench.sqlite"
            started = time.perf_counter()
            build_store(path, args.docs, args.reconcile)
            build_s = time.perf_counter() - started
            db = f"sqlite:///{path}"
        rows = measure(db, args.formats, max(1, args.repeat), args.memory)

    if args.json:
        json.dump({"db": args.db or f"synthetic:{args.docs}", "repeat": args.repeat,
                   "rows": [asdict(r) for r in rows]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    source = args.db or (f"synthetic store of {args.docs} documents, {min(args.reconcile, args.docs)}"
                         f" reconciled (built in {build_s:.1f} s)")
    print(f"Export speed on {source}, best of {args.repeat}:\n")
    header = ("format", "files", "rows", "seconds", "rows/s", "MiB written")
    table = [header] + [(r.format, str(r.files), str(r.rows), f"{r.seconds:.2f}",
                         f"{r.rows_per_s:,.0f}", f"{r.mib:.2f}") for r in rows]
    if args.memory:
        header = (*header, "peak heap MiB")
        table = [header] + [(*row, f"{r.peak_heap_mib:.1f}")
                            for row, r in zip(table[1:], rows, strict=True)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table[1:]:
        print("| " + " | ".join(c.rjust(w) if i else c.ljust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
