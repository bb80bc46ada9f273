"""The cross-document records' own module: what reconcile reads and writes through it.

Reconcile's results are checked on the demo corpus (tests/reconcile); these
tests check the functions it calls on each backend, on hand-made rows.
"""

from __future__ import annotations

import random
from typing import Any

from fogwatch.findings import Analysis, Document
from fogwatch.store import Store, candidates, crossdoc
from fogwatch.store.schema import proposition_keys, propositions


def _proposition(pid: str, last_seen: str | None) -> dict[str, Any]:
    return {"id": pid, "statement": f"claim {pid}", "negative": pid.endswith("n"),
            "first_seen": last_seen, "last_seen": last_seen, "features": {"n": 0}, "data": {}}


def _analysed(store: Store, doc_id: str) -> None:
    """A stored article with (empty) findings: stances and reports may point at it."""
    doc = Document(id=doc_id, text=f"Text of {doc_id}.", outlet="AP", published="2025-01-02")
    store.save_analysis(Analysis(document=doc))


def test_in_scan_order_ranks_as_the_key_scan_does(store: Store) -> None:
    """Propositions a document touched are ranked in Python exactly as the scan
    would rank them: most keys shared, latest (NULL where the database puts it),
    then id."""
    keys_of = {
        "p-a": {"c:x": "2025-01-03", "c:y": "2025-01-01"},
        "p-b": {"c:x": "2025-01-03"},
        "p-c": {"c:x": None, "c:y": None},
        "p-d": {"c:y": None},
        "p-e": {"c:x": "2025-01-05", "c:y": "2025-01-05", "p:z": "2025-01-02"},
        "p-f": {"c:x": "2025-01-03", "c:y": "2025-01-04"},
        "p-g": {"c:x": "2025-01-04"},
    }
    with store.transaction("writing propositions") as conn:
        crossdoc.insert_propositions(conn, [_proposition(p, None) for p in keys_of])
        conn.execute(proposition_keys.insert(), [
            {"key": k, "proposition_id": p, "last_seen": day}
            for p, keys in keys_of.items() for k, day in keys.items()
        ])
        scanned = crossdoc.shared_keys(conn, ["c:x", "c:y", "p:z"], None, [], 40)
        assert sorted(p for p, _, _ in scanned) == sorted(keys_of)
        shuffled = scanned[:]
        for seed in range(5):
            random.Random(seed).shuffle(shuffled)
            assert crossdoc.in_scan_order(conn, shuffled) == scanned
        # the window and the exclusions are applied by the scan itself
        windowed = crossdoc.shared_keys(conn, ["c:x", "c:y"], "2025-01-04", ["p-e"], 40)
        assert [p for p, _, _ in windowed] == ["p-f", "p-g"]
        assert len(crossdoc.shared_keys(conn, ["c:x"], None, [], 2)) == 2


def test_key_rows_ranked_in_python_give_each_units_scan(store: Store) -> None:
    """The key rows of all units read at once and ranked unit by unit in Python
    give what each unit's own scan finds, in its order (NULLs where the database
    puts them), with the window, the exclusions and the limit."""
    rng = random.Random(11)
    keys = [f"k:{i}" for i in range(8)]
    days = [None, "2025-01-01", "2025-01-03", "2025-01-03", "2025-01-06"]
    keys_of = {f"p-{i:02d}": {k: rng.choice(days) for k in rng.sample(keys, rng.randint(1, 5))}
               for i in range(40)}
    units = [rng.sample(keys, rng.randint(1, 4)) for _ in range(8)]
    with store.transaction("writing propositions") as conn:
        crossdoc.insert_propositions(conn, [_proposition(p, None) for p in keys_of])
        conn.execute(proposition_keys.insert(), [
            {"key": k, "proposition_id": p, "last_seen": day}
            for p, ks in keys_of.items() for k, day in ks.items()
        ])
        nulls_first = conn.dialect.name == "postgresql"
        for low in (None, "2025-01-03"):
            rows = candidates.key_rows(conn, sorted({k for ks in units for k in ks}), low)
            assert rows  # the scan found rows to rank
            for ks in units:
                for left_out in ([], ["p-03", "p-17", "p-29"]):
                    for limit in (3, 10, 50):
                        assert candidates.ranked(
                            rows, ks, set(left_out), limit, nulls_first=nulls_first,
                        ) == crossdoc.shared_keys(conn, sorted(ks), low, left_out, limit)


def test_candidate_rows_give_the_stored_features(store: Store) -> None:
    """Candidates' features are read as their JSON text and decoded (once per
    text): what was written, and a proposition's new features once rewritten."""
    features = {"n": 2, "members": [{"concepts": ["STRIKE"], "story": {"e:x": 0.5}},
                                    {"terms": ["kyiv", "strike"], "lede": True}],
                "concepts": {"STRIKE": 1}, "places": {"p:kyiv": 2}}
    with store.transaction("writing propositions") as conn:
        crossdoc.insert_propositions(conn, [{**_proposition("p-1", "2025-01-02"),
                                             "features": features}])
        for _ in range(2):
            (row,) = crossdoc.candidate_rows(conn, ["p-1"])
            assert row == ("p-1", False, features, "2025-01-02")
        changed = {**features, "n": 3}
        conn.execute(propositions.update().values(features=changed))
        (row,) = crossdoc.candidate_rows(conn, ["p-1"])
        assert row.features == changed


def test_propositions_written_counted_and_taken_out(store: Store) -> None:
    stance = {"proposition_id": "p-1n", "document_id": "d1", "idx": 0, "source": "AP",
              "entity": None, "outlet": "AP", "role": "outlet", "stance": "asserts",
              "date": "2025-01-02", "data": {"text": "t"}}
    _analysed(store, "d1")
    with store.transaction("writing") as conn:
        crossdoc.insert_propositions(conn, [_proposition("p-1n", "2025-01-02")])
        crossdoc.insert_stances(conn, [stance, {**stance, "idx": 1, "role": "source",
                                                "source": "Kyiv", "stance": "denies"}])
        assert crossdoc.held_proposition_ids(conn, ["p-1n", "p-2"]) == {"p-1n"}
        assert crossdoc.proposition_id_held(conn, "p-1n")
        assert crossdoc.proposition_negative(conn, "p-1n") is True
        totals = crossdoc.stance_totals(conn, ["p-1n"])
        assert totals == {"p-1n": (2, "2025-01-02", "2025-01-02", 1, 1, 1, 1, 1)}
        recent = crossdoc.recent_stances(conn, ["p-1n"], {"p-1n": 2}, 1)
        assert [r["role"] for r in recent["p-1n"]] == ["source"]  # the latest idx first
        crossdoc.update_propositions(conn, [{
            "id": "p-1n", "statement": "new", "first_seen": "2025-01-02",
            "last_seen": "2025-01-02", "contested": True, "numbers_disagree": False,
            "n_sources": 2, "n_documents": 1, "place": None, "features": {"n": 1},
            "data": {"numbers": []},
        }], [{"key": "c:x", "proposition_id": "p-1n", "last_seen": "2025-01-02"}])
        assert crossdoc.shared_keys(conn, ["c:x"], None, [], 40) == [("p-1n", 1, "2025-01-02")]
        assert crossdoc.remove_stances(conn, "d1") == {"p-1n"}
        assert crossdoc.stance_totals(conn, ["p-1n"]) == {}
        crossdoc.drop_propositions(conn, ["p-1n"])
        assert not crossdoc.proposition_id_held(conn, "p-1n")
        assert crossdoc.shared_keys(conn, ["c:x"], None, [], 40) == []
    assert store.count_propositions() == 0


def test_merged_events_written_sampled_and_taken_out(store: Store) -> None:
    def report(doc: str, idx: int, date: str, modality: str = "happened") -> dict[str, Any]:
        return {"event_id": "e-1", "document_id": doc, "event_idx": idx, "modality": modality,
                "outlet": "AP", "date": date, "data": {"n": f"{doc}/{idx}"}}

    summary = {"start": "2025-01-02", "end": "2025-01-02", "modality": "happened",
               "place": "geo:1", "first_seen": "2025-01-02", "last_seen": "2025-01-02",
               "n_reports": 1, "data": {"actors": [], "targets": []}}
    key = {"key": "ATTACK|p:geo:1", "event_id": "e-1", "start": "2025-01-02"}
    for doc in ("d1", "d2"):
        _analysed(store, doc)
    with store.transaction("writing") as conn:
        crossdoc.insert_event(conn, {"id": "e-1", "type": "ATTACK", "statement": "s", **summary},
                              report("d1", 0, "2025-01-02"), [key])
        for idx in range(1, 5):
            crossdoc.insert_report(conn, report("d2", idx, f"2025-01-0{idx + 2}", "claimed"))
        assert crossdoc.held_event_ids(conn, ["e-1", "e-2"]) == {"e-1"}
        assert crossdoc.event_id_held(conn, "e-1") and not crossdoc.event_id_held(conn, "e-2")
        assert crossdoc.events_with_keys(conn, [key["key"], "x"], "2025-01-01",
                                         "2025-01-03") == ["e-1"]
        assert crossdoc.events_with_keys(conn, [key["key"]], "2025-01-03", "2025-01-09") == []
        assert crossdoc.event_places(conn, {"e-1": 1}) == {"e-1": "geo:1"}
        assert crossdoc.event_types(conn, {"e-1"}) == {"e-1": "ATTACK"}
        assert crossdoc.report_totals(conn, "e-1") == (5, "2025-01-02", "2025-01-06")
        assert crossdoc.report_modalities(conn, "e-1") == {"happened": 1, "claimed": 4}
        everything = crossdoc.sampled_reports(conn, "e-1", 5, 60)
        assert sorted(d["n"] for d in everything) == ["d1/0", "d2/1", "d2/2", "d2/3", "d2/4"]
        ends = crossdoc.sampled_reports(conn, "e-1", 5, 2)  # the earliest two, the latest two
        assert sorted(d["n"] for d in ends) == ["d1/0", "d2/1", "d2/3", "d2/4"]
        crossdoc.update_event(conn, "e-1", {**summary, "n_reports": 5}, [])
        assert crossdoc.events_with_keys(conn, [key["key"]], "2025-01-01", "2025-01-09") == []
        assert crossdoc.remove_reports(conn, "d2") == {"e-1"}
        assert crossdoc.report_totals(conn, "e-1")[0] == 1
        crossdoc.remove_reports(conn, "d1")
        crossdoc.drop_event(conn, "e-1")
    assert store.count_merged_events() == 0


def test_clear_and_mark_reconciled(store: Store) -> None:
    _analysed(store, "d1")
    with store.transaction("writing") as conn:
        crossdoc.mark_reconciled(conn, "d1")
    assert store.document_state("d1") == "reconciled"
    with store.rebuilding():
        pass
    assert store.document_state("d1") == "analysed"
