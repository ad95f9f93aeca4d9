"""Faults: an ingest killed with SIGKILL at random points loses nothing it committed and leaves nothing half
written, so a rerun completes the batch with every document stored exactly once; and the web app keeps
answering reads while an ingest writes (SQLite WAL, PostgreSQL MVCC). Either backend (`db_target`)."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import psutil
import pytest

from policywatch.store import open_store
from policywatch.store.integrity import check_store
from store_state import another_target, cli_command, cli_env, run_cli, stored_documents, table_counts
from synthetic_batch import Batch, write_batch

BATCH_SIZE = 1000
KILLS = 3
READ_PAUSE = 0.02  # seconds between rounds of reads: steady traffic that leaves the ingest a core
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def ingest_process(folder: Path, target: str, *extra: str, ledger_batch: int = 500) -> subprocess.Popen[str]:
    """`policywatch ingest` printing one line per file as it is stored (stderr); the target ledger taken up to
    date every `ledger_batch` files."""
    return subprocess.Popen(cli_command("ingest", str(folder), "--db", target, *extra), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True,
                            env={**cli_env(), "POLICYWATCH_LEDGER_BATCH": str(ledger_batch)})


def kill_after(process: subprocess.Popen[str], lines: int, pause: float) -> list[int]:
    """SIGKILL `process` once it has reported `lines` files stored, `pause` seconds later (somewhere inside
    the next file's transaction, most likely). Returns the pids of its worker processes."""
    assert process.stderr is not None
    for _ in range(lines):
        if not process.stderr.readline():
            break  # it ended first
    time.sleep(pause)
    workers = [child.pid for child in psutil.Process(process.pid).children(recursive=True)]
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    return workers


def assert_gone(pids: list[int], seconds: float = 10) -> None:
    """Workers of a killed ingest end on their own (they watch their parent)."""
    deadline = time.monotonic() + seconds
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [pid for pid in alive if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]
        time.sleep(0.1)
    assert not alive, f"worker processes outlived their killed parent: {alive}"


def assert_complete(target: str, batch: Batch, context: str) -> None:
    shas, records = stored_documents(target)
    twice = [sha for sha, n in Counter(shas).items() if n > 1]
    assert not twice, f"{context}: stored more than once: {twice[:3]}"
    assert set(shas) == batch.documents, f"{context}: {len(batch.documents - set(shas))} documents missing"
    assert records == len(batch.documents), context
    with open_store(target) as store:
        report = check_store(store)
    assert report.ok, f"{context}: {report.problems}"


def test_sigkill_at_random_points_then_rerun(tmp_path: Path, db_target: str) -> None:
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    context = f"random seed {seed}"
    folder = tmp_path / "batch"
    batch = write_batch(folder, range(BATCH_SIZE))  # duplicates and unreadable files included
    assert len(batch.files) == BATCH_SIZE and batch.unreadable == 20
    reference_target = another_target(tmp_path, "reference.db")
    reference = ingest_process(folder, reference_target, "-q")  # a clean run, alongside (the other core)

    killed_at: list[tuple[int, float]] = []
    for attempt in range(KILLS):
        lines, pause = rng.randint(30, 200), rng.uniform(0, 0.05)
        workers = ["--workers", "2"] if attempt == 1 else []  # one of them parses in worker processes
        # the ledger taken in every few files, after each, or every 500: kills land inside its updates too
        process = ingest_process(folder, db_target, *workers, ledger_batch=(7, 1, 25)[attempt % 3])
        pids = kill_after(process, lines, pause)
        assert process.returncode == -signal.SIGKILL, f"{context}: ingest ended before it was killed"
        killed_at.append((lines, round(pause, 3)))
        if workers:
            assert len(pids) >= 2, context
            assert_gone(pids)
    context += f", killed after (files reported, pause s) {killed_at}"

    rerun = run_cli("ingest", str(folder), "--db", db_target, "-q", timeout=300)
    assert rerun.returncode == 1, f"{context}: {rerun.stderr[-1500:]}"  # 1: the unreadable files
    assert f"{batch.unreadable} failed" in rerun.stderr, context
    assert_complete(db_target, batch, context)

    reference.communicate(timeout=300)
    assert reference.returncode == 1, context  # a clean run fails the unreadable files too
    assert table_counts(db_target) == table_counts(reference_target), context


def test_web_app_answers_reads_while_an_ingest_runs(tmp_path: Path, db_target: str) -> None:
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
    from fastapi.testclient import TestClient

    from policywatch.web import create_app

    batch = write_batch(tmp_path / "batch", range(200), bad_every=0)
    run_cli("ingest", str(batch.files[0]), "--db", db_target, "-q")  # something to read from the start
    seen: list[int] = []
    errors: list[str] = []
    with TestClient(create_app(db_target)) as client:
        process = ingest_process(tmp_path / "batch", db_target, "-q")
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            for url in ("/index.json", "/search.json?q=plan", "/search.json?q=机器人"):
                response = client.get(url)
                if response.status_code != 200:
                    errors.append(f"{url}: {response.status_code} {response.text[:200]}")
                elif url == "/index.json":
                    seen.append(response.json()["counts"]["records"])
            time.sleep(READ_PAUSE)
        process.communicate(timeout=60)
        final = client.get("/index.json").json()["counts"]["records"]
    assert process.returncode == 0
    assert not errors, errors[:5]
    assert len(seen) >= 3 and len(set(seen)) >= 2, f"reads did not overlap the ingest: {seen}"
    assert seen == sorted(seen), "a read saw fewer records than an earlier one"
    assert final == len(batch.documents)
