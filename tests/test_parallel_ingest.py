"""Parallel ingest: `--workers N` parses in other processes but stores exactly what a one-process ingest
stores, and two ingest processes writing one database at once store each document once (either backend)."""

from __future__ import annotations

import re
import signal
import subprocess
from collections import Counter
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from policywatch.cli import app
from policywatch.link import using_embedder
from policywatch.pipeline import _parse_in_order, ingest_files, worker_count
from policywatch.store import open_store
from policywatch.store.integrity import check_store
from store_state import another_target, cli_command, cli_env, run_cli, stored_documents, table_rows
from synthetic_batch import write_batch

SAMPLES = Path(__file__).resolve().parent.parent / "samples"  # a brief in three editions, notices in two scripts
SUMMARY = re.compile(r"(\d+) files: (\d+) new, (\d+) updated, (\d+) unchanged, (\d+) failed")


def summary(stderr: str) -> dict[str, int]:
    found = SUMMARY.search(stderr)
    assert found, stderr
    return dict(zip(("files", "new", "updated", "unchanged", "failed"), map(int, found.groups()), strict=True))


def test_two_workers_store_the_same_rows_as_one(tmp_path: Path, db_target: str) -> None:
    batch = write_batch(tmp_path / "batch", range(40), duplicate_every=10, bad_every=20)
    one_process = another_target(tmp_path, "one.db")

    serial = run_cli("ingest", str(batch.files[0].parent), str(SAMPLES), "--db", one_process, "-q")
    parallel = run_cli("ingest", str(batch.files[0].parent), str(SAMPLES), "--db", db_target, "-q", "--workers", "2")

    assert serial.returncode == parallel.returncode == 1, parallel.stderr[-2000:]  # the unreadable files fail
    assert summary(parallel.stderr) == summary(serial.stderr)
    assert summary(parallel.stderr)["failed"] == batch.unreadable == 2
    assert parallel.stderr.count("error: ") == batch.unreadable  # one clear line per bad file, the batch goes on
    assert table_rows(db_target) == table_rows(one_process)  # same rows, same ids: written in the same order
    with open_store(db_target) as store:
        assert check_store(store).ok


def test_workers_keep_input_order_and_report_bad_files(tmp_path: Path, db_target: str) -> None:
    batch = write_batch(tmp_path / "batch", range(24), duplicate_every=0, bad_every=6)
    missing = tmp_path / "batch" / "no-such-file.txt"
    with open_store(db_target) as store, using_embedder(None):
        report = ingest_files(store, [*batch.files, missing], workers=2)
    assert [r.path for r in report.results] == [str(p) for p in [*batch.files, missing]]
    failed = {r.path: r.message for r in report.failed}
    assert set(failed) == {str(p) for p in batch.files if p.name.endswith("-bad.txt")} | {str(missing)}
    assert "cannot read file" in failed[str(missing)]
    assert report.counts["new"] == len(batch.documents) == 20


def test_a_worker_killed_midway_costs_no_file(tmp_path: Path) -> None:
    """A worker that dies (a crash in a native reader, the kernel's OOM killer) breaks the whole pool: it is
    started again and every file still in flight is parsed again, so none is lost or reported failed."""
    batch = write_batch(tmp_path / "batch", range(40), duplicate_every=0, bad_every=0)
    parsed = _parse_in_order(batch.files, 1)  # a pool of one: the cheapest to start (twice)
    results = [next(parsed)]
    workers = [p for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())]
    assert len(workers) == 1
    workers[0].send_signal(signal.SIGKILL)
    results += list(parsed)
    assert [path for path, _ in results] == list(batch.files)
    assert [type(r[1][0]).__name__ for r in results] == ["Brief", "Policy"] * 20
    assert not workers[0].is_running() or workers[0].status() == psutil.STATUS_ZOMBIE


def test_worker_count(tmp_path: Path) -> None:
    assert worker_count(3) == 3
    assert worker_count(0) >= 1  # one per CPU
    with pytest.raises(ValueError):
        worker_count(-1)
    unused = tmp_path / "unused.db"
    bad = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", str(unused), "--workers", "many"])
    assert bad.exit_code == 2 and "--workers" in bad.stderr and not unused.exists()


def test_concurrent_ingests_of_overlapping_folders_store_each_document_once(tmp_path: Path, db_target: str) -> None:
    first = write_batch(tmp_path / "first", range(0, 120), bad_every=0)
    second = write_batch(tmp_path / "second", range(60, 180), bad_every=0)  # documents 60–119 are in both
    run_cli("ingest", str(SAMPLES), "--db", db_target, "-q")  # the schema exists before both start

    processes = [subprocess.Popen(cli_command("ingest", str(folder), "--db", db_target, *extra),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=cli_env())
                 for folder, extra in ((tmp_path / "first", ["--workers", "2"]), (tmp_path / "second", []))]
    outputs = [process.communicate(timeout=180)[1] for process in processes]

    assert [process.returncode for process in processes] == [0, 0], outputs
    documents = first.documents | second.documents
    shas, records = stored_documents(db_target)
    duplicated = [sha for sha, n in Counter(shas).items() if n > 1]
    assert not duplicated, f"stored more than once: {duplicated[:3]}"
    sample_records = 3  # one brief, two notices
    assert documents <= set(shas) and len(shas) == len(documents) + 6  # + the six sample editions
    assert records == len(documents) + sample_records
    # every overlapping document was new to exactly one of the two processes
    assert sum(summary(err)["new"] for err in outputs) == len(documents), outputs
    assert all(f"{len(b.files)} files" in err for b, err in zip((first, second), outputs, strict=True))
    with open_store(db_target) as store:
        report = check_store(store)
    assert report.ok, report.problems
