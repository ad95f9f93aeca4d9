"""Search at a larger size than an ingest reached: copy a store's search rows N times, then time the searches.

    .venv/bin/python bench/replicate_search.py --source bench/out/scale-100000.db --db DB --copies 10
    .venv/bin/python bench/replicate_search.py --source postgresql://…/s100k --db postgresql://…/s1m --copies 10

The target (an SQLite file, or a PostgreSQL database that does not exist yet) starts as a copy of the source
store (a file copy; CREATE DATABASE … TEMPLATE). Then every search_docs row and its search_text row (which
feeds FTS5 on SQLite and the tsvector column and GIN index on PostgreSQL) are inserted N − 1 more times with
new ids, in id order, so the copies come after the originals as later ingests would. The copies point at the
same records and entries, so hits, snippets and facets work; match counts, index sizes and posting lists are
N times the source's. That is a search index of N times the entries, not an archive of them: the ledger, links
and records stay the source's size. bench/scale.py's query set and timing (`measure_queries`) then run on it,
and the result goes to bench/results/search-replicated-<backend>-<entries>.json.

It is how docs/benchmarks.md measures search at 1M entries while the 1M ingest itself is too slow to finish.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import RESULTS, database_bytes, git_state, is_postgres, machine, measure_queries

from policywatch.store.connections import open_connection


def copy_store(source: str, target: str) -> None:
    if not is_postgres(source):
        for suffix in ("", "-wal", "-shm"):
            Path(target + suffix).unlink(missing_ok=True)
        checkpoint = open_connection(source)
        checkpoint.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        checkpoint.close()
        shutil.copyfile(source, target)
        return
    server, source_name = source.rsplit("/", 1)
    target_name = target.rsplit("/", 1)[1]
    admin = open_connection(f"{server}/postgres")
    try:
        admin.execute(f'CREATE DATABASE "{target_name}" TEMPLATE "{source_name}"')
    finally:
        admin.close()


def replicate(db: str, copies: int) -> int:
    """Insert copies − 1 more of every search row; returns the search rows now held."""
    conn = open_connection(db)
    try:
        top = int(conn.execute("SELECT max(id) FROM search_docs").fetchone()[0])
        stride = 10 ** len(str(top))  # copy k's ids: k × stride + the original id
        for k in range(1, copies):
            started = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO search_docs (id, record_id, entry_id, kind, section, date)"
                         " SELECT id + ?, record_id, entry_id, kind, section, date FROM search_docs WHERE id <= ?"
                         " ORDER BY id", (k * stride, top))
            conn.execute("INSERT INTO search_text (id, title_index, body_index)"
                         " SELECT id + ?, title_index, body_index FROM search_text WHERE id <= ? ORDER BY id",
                         (k * stride, top))
            conn.commit()
            print(f"copy {k + 1}/{copies}: {time.perf_counter() - started:.0f} s", flush=True)
        if is_postgres(db):
            conn.execute("ANALYZE")
        else:
            conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
            conn.execute("ANALYZE")
        return int(conn.execute("SELECT count(*) FROM search_docs").fetchone()[0])
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", required=True, help="the store to copy (SQLite file or postgresql:// URL)")
    parser.add_argument("--db", required=True, help="the copy (SQLite file, or a new PostgreSQL database)")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="the copy is already made: only measure")
    parser.add_argument("--build-only", action="store_true", help="make the copy, measure later (--reuse)")
    args = parser.parse_args()
    backend = "postgres" if is_postgres(args.db) else "sqlite"
    result: dict[str, Any] = {"backend": backend, "source": args.source, "copies": args.copies,
                              "machine": machine(), "git": git_state(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    if not args.reuse:
        started = time.perf_counter()
        copy_store(args.source, args.db)
        result["search_rows"] = replicate(args.db, args.copies)
        result["build_s"] = round(time.perf_counter() - started, 1)
        print(f"{args.db}: {result['search_rows']:,} search rows in {result['build_s']:.0f} s", flush=True)
        if args.build_only:
            return
    result["database_mb"] = round(database_bytes(args.db) / 1e6, 1)
    result["queries"] = measure_queries(args.db, args.rounds)
    result["machine"]["load_average_end"] = machine()["load_average"]
    result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S")
    rows = result.get("search_rows") or args.copies * 100000
    path = RESULTS / f"search-replicated-{backend}-{round(rows, -4)}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", "utf-8")
    queries = result["queries"]
    print(f"{path}: search p50/p95 {queries['search']['p50_ms']}/{queries['search']['p95_ms']} ms,"
          f" faceted {queries['faceted']['p50_ms']}/{queries['faceted']['p95_ms']} ms")


if __name__ == "__main__":
    main()
