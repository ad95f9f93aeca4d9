"""Web latency benchmark: search and page latency (p50/p95) over HTTP on loopback, on stores of about 1,000 and
100,000 synthetic entries, then requests/s under a bounded load from a second process.

    .venv/bin/python bench/web_latency.py [--sizes 1000 100000] [--rounds 5] [--requests 2000] [--concurrency 8]

Stores are built once into bench/out/web-<entries>.db (reused; --rebuild to redo): bench/synthetic.py writes the
briefs (16 entries each), they are parsed in a process pool and stored with Store.ingest directly. The ledger and
link hooks that run inside every ingest are switched off while building (both grow with the store: see the
report) and the ledger is rebuilt once at the end when the store is small enough (--ledger-max-briefs).
The server is uvicorn with one worker in a child process; the load generator is another child process that sends
a fixed number of requests and stops.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import random
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import Pool
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_briefs

ENTRIES_PER_BRIEF = 16
OUT = Path(__file__).resolve().parent / "out"
SEARCHES = ("storage", "储能", "机器人", "rare earths", "battery recycling", "工业机器人 OR robots", "MIIT",
            "hydrogen standards", '"action plan"', "算力", "海上风电", "Siemens")
SERVER_SCRIPT = (
    "import sys, uvicorn\n"
    "from policywatch.web import create_app\n"
    "uvicorn.run(create_app(sys.argv[1], token=''), host='127.0.0.1', port=int(sys.argv[2]),"
    " log_level='warning', access_log=False)\n"
)


# ---- building the stores ---------------------------------------------------------------------------------

def _parse(path: Path) -> Any:
    """Parse one synthetic brief and make its headlines its own: the generator reuses a few hundred headlines,
    so without this the store would take many briefs for editions of one issue (merging them, and comparing
    each new brief with every earlier one that shares a headline)."""
    from policywatch.pipeline import parse_file
    from policywatch.records import Brief

    record, raw = parse_file(path)
    if not isinstance(record, Brief):
        raise SystemExit(f"{path}: the synthetic brief did not parse as a brief")
    tag = f" [{path.stem}]"
    entries = tuple(dataclasses.replace(e, headline=e.headline + tag) for e in record.entries)
    return dataclasses.replace(record, entries=entries, contents=tuple(c + tag for c in record.contents)), raw


@contextmanager
def _without_ingest_hooks() -> Iterator[None]:
    """Switch off the ledger and link updates Store.ingest runs (it imports them at each call)."""
    import policywatch.ledger.update as ledger_update
    import policywatch.link.linker as linker

    saved = ledger_update.update_ledger, linker.link_record
    ledger_update.update_ledger = lambda conn, record_id: None  # type: ignore[assignment,return-value]
    linker.link_record = lambda conn, record_id, **kwargs: []
    try:
        yield
    finally:
        ledger_update.update_ledger, linker.link_record = saved


def build_store(entries: int, rebuild: bool, ledger_max_briefs: int) -> Path:
    """bench/out/web-<entries>.db with about `entries` synthetic entries (built once, then reused)."""
    from policywatch.ledger import rebuild_ledger
    from policywatch.store import open_store

    db = OUT / f"web-{entries}.db"
    if db.exists() and not rebuild:
        return db
    for stale in OUT.glob(f"web-{entries}.db*"):
        stale.unlink()
    briefs = math.ceil(entries / ENTRIES_PER_BRIEF)
    started = time.perf_counter()
    paths = write_briefs(briefs, OUT / f"web-src-{entries}")
    with Pool(2) as pool:
        parsed = pool.map(_parse, paths, chunksize=32)
    parse_s = time.perf_counter() - started
    started = time.perf_counter()
    with open_store(db) as store, _without_ingest_hooks():
        for record, raw in parsed:
            store.ingest(record, raw)
    ingest_s = time.perf_counter() - started
    ledger = "skipped"
    if briefs <= ledger_max_briefs:
        started = time.perf_counter()
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        rebuild_ledger(conn)
        conn.close()
        ledger = f"{time.perf_counter() - started:.1f} s"
    print(f"built {db.name}: {briefs} briefs parsed in {parse_s:.0f} s, stored in {ingest_s:.0f} s, ledger {ledger}")
    return db


# ---- measuring -------------------------------------------------------------------------------------------

@contextmanager
def served(db: Path) -> Iterator[str]:
    """uvicorn on a free loopback port in a child process."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-c", SERVER_SCRIPT, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/index.json", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def sample_urls(db: Path, seed: int = 7) -> dict[str, list[str]]:
    """The URLs measured, by kind (ids sampled from the store)."""
    rng = random.Random(seed)
    with sqlite3.connect(db) as conn:
        entry_ids = [r[0] for r in conn.execute("SELECT id FROM entries")]
        brief_ids = [r[0] for r in conn.execute("SELECT id FROM records WHERE type = 'brief'")]
        target_ids = [r[0] for r in conn.execute("SELECT id FROM ledger_targets")]
    # {n} differs in every request, so each search is a new one, not an answer from the app's cache: an upper
    # date bound far in the future keeps every (dated) hit
    searches = ["/search?" + urlencode({"q": q}) + "&until={n}" for q in SEARCHES]
    return {
        "search": searches,
        "search.json": [s.replace("/search?", "/search.json?") for s in searches],
        "search+filter": [f"{s}&body=MIIT&has_targets=1" for s in searches],
        "search by date": [f"{s}&sort=date" for s in searches],
        "search page 3": [f"{s}&page=3" for s in searches],
        "search, repeated (cached)": [s.replace("{n}", "9999") for s in searches],
        "home": ["/"],
        "brief": [f"/records/{i}" for i in rng.sample(brief_ids, min(10, len(brief_ids)))],
        "entry": [f"/entries/{i}" for i in rng.sample(entry_ids, min(20, len(entry_ids)))],
        "body": ["/bodies/MIIT", "/bodies/NEA", "/bodies"],
        "targets": ["/targets", "/targets?year=2026"] if target_ids else [],
        "target": [f"/targets/{i}" for i in rng.sample(target_ids, min(10, len(target_ids)))],
    }


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return (time.perf_counter() - started) * 1000


def percentiles(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in ms."""
    if len(samples) < 2:
        return (samples[0], samples[0]) if samples else (math.nan, math.nan)
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return statistics.median(samples), cuts[94]


def measure_latency(base: str, urls: dict[str, list[str]], rounds: int) -> dict[str, tuple[float, float, int]]:
    """Sequential requests, one at a time, after a warm-up pass (searches warm up with a bound never measured):
    kind → (p50, p95, n)."""
    for group in urls.values():
        for url in group:
            _get(base + url.replace("{n}", "9000"))
    results = {}
    for k, (kind, group) in enumerate(urls.items()):
        if group:  # each kind and round its own bound: no answer is shared
            bounds = [str(9001 + k * rounds + n) for n in range(rounds)]
            samples = [_get(base + url.replace("{n}", bound)) for bound in bounds for url in group]
            results[kind] = (*percentiles(samples), len(samples))
    return results


def run_load(base: str, urls: list[str], requests: int, concurrency: int) -> dict[str, Any]:
    """`requests` GETs spread over `concurrency` threads (run in the load-generator process)."""
    remaining = iter(range(requests))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            try:
                took = _get(base + rng.choice(urls))
                with lock:
                    latencies.append(took)
            except Exception:
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    p50, p95 = percentiles(latencies)
    return {"requests": requests, "errors": errors[0], "seconds": round(seconds, 2),
            "rps": round(len(latencies) / seconds, 1), "p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}


def load_from_second_process(base: str, urls: list[str], requests: int, concurrency: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--load", base, "--requests", str(requests),
               "--concurrency", str(concurrency), "--urls", json.dumps(urls)]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=1800)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def in_process_search(db: Path, rounds: int) -> dict[str, tuple[float, float, int]]:
    """The library calls behind the search page, without HTTP or HTML: the store's own search (hits only), and
    the web app's (hits + facet counts; a new FacetedSearch per call, so no answer comes from its cache)."""
    from policywatch.store import open_store
    from policywatch.web.docindex import SearchTables
    from policywatch.web.facets import FacetedSearch, FacetFilters
    from policywatch.web.reader import ReadOnlyDatabase

    reader, tables, store = ReadOnlyDatabase(db), SearchTables(db), open_store(db)
    started = time.perf_counter()
    tables.warm()
    print(f"  (search side tables built in {time.perf_counter() - started:.2f} s)")
    calls: dict[str, Callable[[str], Any]] = {
        "store search (hits only)": lambda q: store.search(q),
        "web search, uncached": lambda q: FacetedSearch(reader, tables).search(q, FacetFilters()),
    }
    results = {}
    for name, call in calls.items():
        for query in SEARCHES:
            call(query)
        samples = []
        for _ in range(rounds):
            for query in SEARCHES:
                started = time.perf_counter()
                call(query)
                samples.append((time.perf_counter() - started) * 1000)
        results[name] = (*percentiles(samples), len(samples))
    reader.close()
    tables.close()
    store.close()
    return results


def report(title: str, rows: dict[str, tuple[float, float, int]]) -> None:
    print(f"\n{title}")
    print(f"  {'kind':28} {'p50 ms':>8} {'p95 ms':>8} {'n':>5}")
    for kind, (p50, p95, n) in rows.items():
        print(f"  {kind:28} {p50:8.1f} {p95:8.1f} {n:5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000], help="entries per store")
    parser.add_argument("--rounds", type=int, default=5, help="passes over each URL group")
    parser.add_argument("--requests", type=int, default=2000, help="requests of the load run")
    parser.add_argument("--concurrency", type=int, default=8, help="threads of the load run")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the stores")
    parser.add_argument("--ledger-max-briefs", type=int, default=1000, help="rebuild the ledger up to this size")
    parser.add_argument("--load", help=argparse.SUPPRESS)  # internal: run as the load generator
    parser.add_argument("--urls", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        print(json.dumps(run_load(args.load, json.loads(args.urls), args.requests, args.concurrency)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        db = build_store(size, args.rebuild, args.ledger_max_briefs)
        with sqlite3.connect(db) as conn:
            entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        urls = sample_urls(db)
        report(f"== {entries:,} entries: library search calls (in-process)", in_process_search(db, args.rounds))
        with served(db) as base:
            report(f"== {entries:,} entries: HTTP latency, sequential", measure_latency(base, urls, args.rounds))
            mix = [u.replace("{n}", "9999") for u in urls["search"]] * 5 + urls["entry"] * 3 + urls["home"] * 5
            mix += urls["brief"]
            load = load_from_second_process(base, mix, args.requests, args.concurrency)
            print(f"  load ({args.concurrency} threads, mixed search/entry/home/brief): {load}")


if __name__ == "__main__":
    main()
