"""Batches on Dask: partitions, shards, loading, resuming, and bad input on the way."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch import scale
from fogwatch.jobs import RunSummary
from fogwatch.scale import complete_shards, load_shard, plan_partitions, run_on_dask
from fogwatch.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

GOOD = {
    "strike.txt": (
        "Drone strike hits depot\n\nUkrainian drones struck a fuel depot near Belgorod on "
        "Tuesday, regional officials said. The governor claimed that nobody was hurt."
    ),
    "talks.txt": (
        "Talks stall\n\nThe foreign minister said on Monday that the talks in Geneva had "
        "stalled, but Kremlin officials denied it."
    ),
    "shelling.md": (
        "# Shelling in Kherson\n\nRussian artillery shelled Kherson overnight, the regional "
        "administration reported, wounding three people."
    ),
}


def shard_lines(path: Path) -> list[str]:
    return gzip.decompress(path.read_bytes()).decode("utf-8").splitlines(keepends=True)


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    """An in-process Dask cluster (threads): the same scheduler code as a real one."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=":0") as cluster, \
            distributed.Client(cluster) as made:
        yield made


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(FIXTURES / "articles.jsonl", folder / "articles.jsonl")
    return folder


def test_partitions_cover_every_file_once_with_stable_names(inputs: Path) -> None:
    parts = plan_partitions([str(inputs)], 2)
    files = [s for _, part in parts for s in part]
    assert sorted(files) == sorted(str(p) for p in inputs.iterdir())
    assert [len(part) for _, part in parts] == [2, 2, 2]
    assert plan_partitions([str(inputs)], 2) == parts  # same sources, same names: resumable
    assert plan_partitions([str(inputs)], 3)[0][0] != parts[0][0]
    with pytest.raises(ValueError, match="standard input"):
        plan_partitions(["-"], 2)
    with pytest.raises(ValueError, match="at least 1"):
        plan_partitions([str(inputs)], 0)


def test_batch_stores_every_good_document_with_findings_and_names_the_bad(
    client: object, inputs: Path, tmp_path: Path,
) -> None:
    out = tmp_path / "shards"
    seen: list[str] = []
    planned: list[int] = []
    with Store.open(str(tmp_path / "a.sqlite")) as store:
        result = run_on_dask(
            [str(inputs), str(tmp_path / "missing.txt")], out, store=store, client=client,
            partition_size=2, on_partition=lambda name, part: seen.append(name),
            on_plan=planned.append,
        )
        assert planned == [4]
        failed = dict(result.summary.failed)
        assert any(s.endswith("empty.txt") for s in failed)
        assert any(s.endswith("binary.txt") for s in failed)
        assert any(s.endswith("missing.txt") for s in failed)
        assert result.partitions == 4 and len(seen) == 4 and result.resumed == 0
        # three written articles + the JSONL file's articles, each with its comments
        bodies = store.count_documents()
        assert bodies >= 3 + 2
        assert result.summary.ingested == bodies
        assert result.summary.analyzed == len(result.summary.document_ids)
        assert result.words > 0 and result.worker_seconds > 0
        strike = next(d for d in store.documents(limit=100) if d.title == "Drone strike hits depot")
        analysis = store.get_analysis(strike.id)
        assert analysis is not None
        assert any("officials" in (a.source.text if a.source else "") for a in analysis.attributions)
        assert any("Belgorod" in p.name for p in analysis.places)
        # the bad items are on record, the two broken lines of the JSONL file too
        assert {f.source for f in store.failures()} == set(failed)
        assert any(s.endswith("articles.jsonl:3") for s in failed) and len(failed) == 5
    assert len(complete_shards(out)) == 4
    first = complete_shards(out)[0]
    record = json.loads(shard_lines(first)[0])
    assert set(record) <= {"analysis", "document"}


def test_a_rerun_resumes_from_the_shards_and_stores_nothing_twice(
    client: object, inputs: Path, tmp_path: Path,
) -> None:
    out = tmp_path / "shards"
    db = str(tmp_path / "a.sqlite")
    with Store.open(db) as store:
        first = run_on_dask([str(inputs)], out, store=store, client=client, partition_size=3)
        stored = store.count_documents(section=None)
    with Store.open(db) as store:
        again = run_on_dask([str(inputs)], out, store=store, client=client, partition_size=3)
        assert again.resumed == again.partitions == first.partitions
        assert again.summary.ingested == 0 and again.summary.analyzed == 0
        assert again.summary.duplicates == stored
        assert store.count_documents(section=None) == stored


def test_shards_load_later_into_another_store(client: object, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    result = run_on_dask([str(inputs)], out, client=client, partition_size=4)  # no store
    assert result.summary.ingested == 0 and len(complete_shards(out)) == 2
    summary = RunSummary()
    with Store.open(str(tmp_path / "b.sqlite")) as store:
        for shard in complete_shards(out):
            load_shard(store, shard, summary)
        assert summary.ingested == store.count_documents() >= 5
        assert all(store.is_analyzed(d) for d in summary.document_ids)


def test_a_cut_off_shard_keeps_what_was_read(client: object, inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    run_on_dask([str(inputs)], out, client=client, partition_size=10)
    shard = complete_shards(out)[0]
    lines = shard_lines(shard)
    assert len(lines) >= 3
    whole = gzip.compress("".join(lines[:2]).encode("utf-8"))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gzip.compress("".join(lines).encode("utf-8"))[: len(whole) + 40])
    summary = RunSummary()
    with Store.open(str(tmp_path / "c.sqlite")) as store:
        load_shard(store, cut, summary)
        assert summary.failed and "cut.jsonl.gz" in summary.failed[-1][0]
        assert 1 <= store.count_documents(section=None) < len(lines)


def test_a_document_stored_without_findings_gets_them_on_load(
    client: object, inputs: Path, tmp_path: Path,
) -> None:
    out = tmp_path / "shards"
    run_on_dask([str(inputs / "strike.txt")], out, client=client)
    shard = complete_shards(out)[0]
    summary = RunSummary()
    with Store.open(str(tmp_path / "d.sqlite")) as store:
        record = json.loads(shard_lines(shard)[0])
        doc = scale.Analysis.from_dict(record["analysis"]).document
        store.add_document(doc)  # as if an earlier load stopped before the findings
        assert not store.is_analyzed(doc.id)
        load_shard(store, shard, summary)
        assert store.is_analyzed(doc.id) and summary.analyzed == 1


def test_a_failing_task_is_named_and_the_rest_is_stored(
    client: object, inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = scale.analyze_partition

    def flaky(name: str, sources: list[str], *args: object) -> dict:
        if any(s.endswith("strike.txt") for s in sources):
            raise MemoryError("worker ran out of memory")
        return real(name, sources, *args)

    monkeypatch.setattr(scale, "analyze_partition", flaky)
    with Store.open(str(tmp_path / "e.sqlite")) as store:
        result = run_on_dask([str(inputs)], tmp_path / "shards", store=store, client=client,
                             partition_size=1)
        broken = [s for s, e in result.summary.failed if "failed on the cluster" in e]
        assert len(broken) == 1 and "strike.txt" in broken[0] and "MemoryError" in dict(
            result.summary.failed)[broken[0]]
        titles = {d.title for d in store.documents(limit=100)}
        assert "Talks stall" in titles and "Drone strike hits depot" not in titles


@pytest.mark.slow
def test_cli_batch_on_a_local_process_cluster_then_load(inputs: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from fogwatch.cli import app

    runner = CliRunner()
    out = tmp_path / "shards"
    db = str(tmp_path / "cli.sqlite")
    ran = runner.invoke(app, ["batch", str(inputs), "--out", str(out), "--db", db,
                              "--workers", "1", "--partition-size", "3", "--json"],
                        catch_exceptions=False)
    assert ran.exit_code == 1, ran.output  # the bad items make it exit 1, after storing the rest
    report = json.loads(ran.stdout)
    assert report["partitions"] == 2 and report["workers"] == 1
    assert report["analyzed"] >= 5 and len(report["failed"]) == 4
    assert "binary.txt" in ran.stderr and "words/s" in ran.stderr
    loaded = runner.invoke(app, ["load", str(out), "--db", str(tmp_path / "other.sqlite"),
                                 "--json"], catch_exceptions=False)
    assert loaded.exit_code == 0, loaded.output
    assert json.loads(loaded.stdout)["analyzed"] == report["analyzed"]
    missing = runner.invoke(app, ["load", str(tmp_path / "nowhere"), "--db", db])
    assert missing.exit_code == 2 and "not a folder" in missing.stderr


@pytest.mark.postgres
def test_batch_loads_into_postgresql(client: object, inputs: Path, tmp_path: Path,
                                     pg_schema) -> None:  # type: ignore[no-untyped-def]
    with pg_schema() as url, Store.open(url) as store:
        result = run_on_dask([str(inputs)], tmp_path / "shards", store=store, client=client,
                             partition_size=3)
        assert result.summary.ingested == store.count_documents() >= 5
        assert all(store.is_analyzed(d) for d in result.summary.document_ids)
        assert store.propositions()  # folded into the cross-document records
