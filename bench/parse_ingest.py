"""Parse-and-ingest benchmark: documents/s and MB/s for read+parse+extract, and for ingest into SQLite.

    .venv/bin/python bench/parse_ingest.py [--synthetic 10000] [--shared ../shared]

Sets measured: the seeds and corpus in ../shared (when present), the bundled samples, and N synthetic briefs
made by bench/synthetic.py. One process, one core (parsing is single-threaded). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_briefs

from policywatch.pipeline import ingest_files, parse_file
from policywatch.records import Unparsed
from policywatch.store import open_store

REPO = Path(__file__).resolve().parent.parent


def time_parse(paths: list[Path]) -> tuple[float, int, int]:
    """(seconds, bytes, failures) to read, parse and extract every file."""
    size = sum(p.stat().st_size for p in paths)
    failures = 0
    start = time.perf_counter()
    for path in paths:
        record, _ = parse_file(path)
        failures += isinstance(record, Unparsed)
    return time.perf_counter() - start, size, failures


def time_ingest(paths: list[Path]) -> tuple[float, int]:
    """(seconds, database bytes) to ingest every file into a fresh SQLite file."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = open_store(db)
        start = time.perf_counter()
        ingest_files(store, paths)
        seconds = time.perf_counter() - start
        store.close()
        return seconds, db.stat().st_size


def row(name: str, paths: list[Path], seconds: float, size: int, extra: str = "") -> str:
    return (f"| {name} | {len(paths)} | {size / 1e6:.2f} | {seconds:.2f} | {len(paths) / seconds:,.0f} | "
            f"{size / 1e6 / seconds:.2f} | {extra} |")


def text_files(folders: Iterable[Path]) -> list[Path]:
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*.txt"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=10000)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = ap.parse_args()
    print("| set | documents | MB | seconds | documents/s | MB/s | notes |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    parse_file(REPO / "samples" / "sample-brief.txt")  # warm-up: registries, regexes, imports
    sets = [("seeds (parse)", text_files([args.shared / "seeds"])),
            ("corpus (parse)", text_files([args.shared / "corpus"])),
            ("samples txt/html/pdf (parse)", sorted((REPO / "samples").iterdir()))]
    for name, paths in sets:
        if paths:
            seconds, size, failed = time_parse(paths)
            print(row(name, paths, seconds, size, f"{failed} failed"))
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_briefs(args.synthetic, Path(tmp))
        seconds, size, failed = time_parse(paths)
        print(row("synthetic briefs (parse)", paths, seconds, size, f"{failed} failed"))
        seconds, db_size = time_ingest(paths)
        print(row("synthetic briefs (ingest into SQLite)", paths, seconds, sum(p.stat().st_size for p in paths),
                  f"database {db_size / 1e6:.0f} MB"))


if __name__ == "__main__":
    main()
