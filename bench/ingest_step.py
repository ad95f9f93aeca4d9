"""The marginal cost of storing files into a store that already holds an archive's first files.

    .venv/bin/python bench/ingest_step.py --archive bench/out/archive-100000 --skip 5000 --files 100 \\
        --db COPY_OF_A_STORE_HOLDING_THE_FIRST_5000

The files `--skip`..`--skip + --files` of the archive (in the sorted order `policywatch ingest` takes) are
parsed first, untimed; then each is stored (`Store.ingest`: store, ledger, links, alerts) in this one process,
with the embedder off as in bench/scale.py; with `--ledger-batch N` (> 1) the ledger takes the stored files in
every N files, as `policywatch ingest` does (`Store.catch_up_ledger`). Prints the wall and CPU ms per file.
The store is changed: run it on a copy. To compare two commits on the same store, run each on its own copy,
with PYTHONPATH pointing the older one at a worktree's src/.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from policywatch.link import using_embedder
from policywatch.pipeline import parse_file
from policywatch.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--db", required=True, help="a store holding the archive's first --skip files (changed)")
    parser.add_argument("--skip", type=int, required=True)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--ledger-batch", type=int, default=1, help="files per ledger update (1: every file)")
    args = parser.parse_args()
    paths = sorted(args.archive.rglob("*.txt"))[args.skip:args.skip + args.files]
    parsed = [parse_file(path) for path in paths]
    with using_embedder(None), open_store(args.db) as store:
        wall, cpu = time.perf_counter(), time.process_time()
        for n, (record, raw) in enumerate(parsed, start=1):
            store.ingest(record, raw, defer_ledger=args.ledger_batch > 1)  # type: ignore[arg-type]
            if n % args.ledger_batch == 0 or n == len(parsed):
                store.catch_up_ledger()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{len(parsed)} files after {args.skip:,}: {wall / len(parsed) * 1000:.1f} ms wall,"
          f" {cpu / len(parsed) * 1000:.1f} ms CPU per file")


if __name__ == "__main__":
    main()
