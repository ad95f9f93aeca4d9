"""Quick store benchmark: ingest ~10,000 synthetic entries (1,000 briefs × 10), then time searches.

    .venv/bin/python bench/store_quick.py [--briefs 1000] [--db /tmp/bench.db]

Prints records/s and entries/s for ingest, and median / p95 ms per search (20 hits with snippets).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from pathlib import Path

from policywatch.records import Brief, Entry, Source
from policywatch.store import open_store

EN_WORDS = (
    "battery", "batteries", "lithium", "chip", "semiconductor", "subsidy", "quota", "export", "hydrogen",
    "solar",
    "grid", "standard", "plan", "ministry", "capacity", "pilot", "province", "rare", "earth", "vehicle",
    "charging", "robotics", "data", "security", "steel", "carbon", "market", "fund",
)
ZH_PHRASES = ("锂离子电池", "新能源汽车", "集成电路", "专精特新", "技术创新", "稀土", "光伏", "储能", "氢能",
              "数据安全", "工业互联网", "产业链", "碳达峰", "标准体系", "试点示范", "高质量发展", "人工智能")
BODIES = ("MIIT", "NDRC", "MOST", "MOF", "MOFCOM", "SAMR", "NEA", "CAC", "State Council", "PBOC")
QUERIES = ("battery", "lithium", "semiconductor subsidy", "rare earth", "锂离子电池", "技术", "专精特新",
           "储能 OR hydrogen", '"charging pilot"', "產業鏈", "quota export", "碳达峰")


def _sentence(rng: random.Random, words: int) -> str:
    parts = [rng.choice(EN_WORDS) if rng.random() < 0.7 else rng.choice(ZH_PHRASES) for _ in range(words)]
    return " ".join(parts).capitalize() + "."


def _entry(rng: random.Random, rank: int, date: str) -> Entry:
    return Entry(
        section="top" if rank <= 6 else "policy_news", rank=rank if rank <= 6 else None,
        headline=_sentence(rng, 8), summary=" ".join(_sentence(rng, 14) for _ in range(3)),
        key_points=tuple(_sentence(rng, 12) for _ in range(3)), date=date,
        bodies=tuple(rng.sample(BODIES, 2)),
    )


def synthetic_brief(index: int, rng: random.Random) -> tuple[Brief, bytes]:
    """One brief with 10 entries and unique headlines; its 'raw bytes' are its own repr."""
    day = f"20{18 + index // 200:02d}-{1 + index % 12:02d}-{1 + index % 28:02d}"
    entries = tuple(_entry(rng, rank, day) for rank in range(1, 11))
    raw = f"brief {index} {entries!r}".encode()
    source = Source(f"/bench/{index}.html", hashlib.sha256(raw).hexdigest(), "html", len(raw))
    brief = Brief(series=f"Bench series {index}", title=f"Issue {index}", published=day, period=None,
                  contents=(), entries=entries, people=(), truncated=False, source=source)
    return brief, raw


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--briefs", type=int, default=1000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "bench.db"
    rng = random.Random(7)
    briefs = [synthetic_brief(i, rng) for i in range(args.briefs)]
    entries = sum(len(b.entries) for b, _ in briefs)
    with open_store(db) as store:
        start = time.perf_counter()
        for brief, raw in briefs:
            store.ingest(brief, raw)
        ingest_s = time.perf_counter() - start
        start = time.perf_counter()
        unchanged = sum(store.ingest(brief, raw).status == "unchanged" for brief, raw in briefs[:200])
        repeat_s = time.perf_counter() - start
        print(f"ingest: {len(briefs)} briefs / {entries} entries in {ingest_s:.2f} s = "
              f"{len(briefs) / ingest_s:.0f} records/s, {entries / ingest_s:.0f} entries/s")
        print(f"re-ingest (unchanged): {unchanged} in {repeat_s:.2f} s ="
              f" {unchanged / repeat_s:.0f} records/s")
        print(f"database: {db.stat().st_size / 1e6:.1f} MB")
        for query in QUERIES:
            timings = []
            for _ in range(10):
                start = time.perf_counter()
                results = store.search(query)
                timings.append((time.perf_counter() - start) * 1000)
            print(f"search {query!r:24} {results.total:6} hits  median {statistics.median(timings):6.1f} ms"
                  f"  p95 {sorted(timings)[int(len(timings) * 0.95) - 1]:6.1f} ms")


if __name__ == "__main__":
    main()
