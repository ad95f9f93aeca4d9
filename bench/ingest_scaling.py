"""Ingest scaling benchmark: does one more document cost the same in a store of 3,000 briefs as in an empty one?

    .venv/bin/python bench/ingest_scaling.py [--briefs 5000] [--batch 100] [--policy-every 10]
        [--embedder auto|hash|none] [--hooks ledger link] [--db bench/out/scaling.db] [--keep-headlines]
        [--per-day 2] [--restate 0.8]

Synthetic briefs (bench/synthetic.py, 16 entries each) are parsed once (cached in bench/out/scaling-src-…/)
and made unique: the generator repeats a few hundred headlines, which would make the store merge briefs as
editions of one issue; `--keep-headlines` keeps the repeats (the worst case for edition lookup). They are
ingested oldest first, as an archive grows (`--order file` keeps the generator's order, whose dates are random:
then every date window of the archive fills up as it grows, which no real archive does). Every
`--policy-every`-th document is also a synthetic Chinese policy named by one of the brief's entries, so the
link step runs in both directions. Documents are stored with `Store.ingest` one at a time; for each batch the
script prints the CPU seconds of this process per 100 briefs (policies included; CPU time, because wall time on
a shared 2-core machine swings with whatever else runs), the wall seconds, the store's, ledger's and link's
CPU seconds, the archive size before the batch, and at the end the database bytes per brief and how far the
slowest and fastest batch are from the median.

The archive has the shape of a real one (`--per-day`, `--restate`): it grows in time (brief n is published
n / per-day days after 2019-01-01, so a date window holds as many documents at 5,000 briefs as at 500), and
it restates the same goals again and again (a goal keeps its official value in a `--restate` share of the
briefs naming it). `--per-day 0` gives the old shape: dates drawn at random from 2019–2024, so every window
fills up as the archive grows.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import Pool
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_briefs

from policywatch.records import Brief, Policy, Source

OUT = Path(__file__).resolve().parent / "out"
HOOKS = ("ledger", "link")


def _parse(job: tuple[Path, bool]) -> tuple[Brief, bytes]:
    """One synthetic brief, its headlines tagged with its file name unless `keep` (see the module doc)."""
    from policywatch.pipeline import parse_file

    path, keep = job
    record, raw = parse_file(path)
    if not isinstance(record, Brief):
        raise SystemExit(f"{path}: the synthetic brief did not parse as a brief")
    if keep:
        return record, raw
    tag = f" [{path.stem}]"
    entries = tuple(dataclasses.replace(e, headline=e.headline + tag) for e in record.entries)
    return dataclasses.replace(record, entries=entries, contents=tuple(c + tag for c in record.contents)), raw


def parsed_briefs(count: int, keep: bool, per_day: float = 0.0, restate: float = 0.0) -> list[tuple[Brief, bytes]]:
    """`count` parsed briefs, cached in a pickle beside their text files."""
    shape = f"-d{per_day:g}-r{restate:g}" if per_day or restate else ""
    folder = OUT / f"scaling-src-{count}{shape}"
    cache = folder / ("parsed-kept.pickle" if keep else "parsed.pickle")
    if cache.exists():
        loaded: list[tuple[Brief, bytes]] = pickle.loads(cache.read_bytes())
        return loaded
    paths = write_briefs(count, folder, briefs_per_day=per_day or None, restate=restate)
    with Pool(2) as pool:
        parsed = pool.map(_parse, [(p, keep) for p in paths], chunksize=32)
    cache.write_bytes(pickle.dumps(parsed))
    return parsed


def synthetic_policy(brief: Brief, n: int) -> tuple[Policy, bytes] | None:
    """A Chinese policy that the brief's first entry naming a document is about (its own 发文字号)."""
    named = next((e.document for e in brief.entries if e.document and e.document.title_zh), None)
    if named is None or named.title_zh is None:
        return None
    year = (named.date or "2023")[:4]
    text = (f"{named.title_zh}\n工信部发〔{year}〕{n}号\n各省、自治区、直辖市有关部门：\n"
            f"为推动{named.title_zh[:6]}高质量发展，现将有关事项通知如下。"
            f"到{int(year) + 3}年，产业规模超过{n % 900 + 100}亿元。\n")
    raw = text.encode()
    source = Source(f"/bench/policy-{n}.txt", hashlib.sha256(raw).hexdigest(), "text", len(raw), "utf-8")
    policy = Policy(title_zh=named.title_zh, source=source, title_en=named.title_en,
                    doc_number=f"工信部发〔{year}〕{n}号", bodies=named.bodies, date_published=named.date,
                    doc_form="通知", text=text)
    return policy, raw


class HookTimer:
    """Wraps the ledger and link hooks Store.ingest calls (it imports them at each call), timing each, or
    switching off those not in `enabled`."""

    def __init__(self, enabled: set[str]) -> None:
        self.enabled = enabled
        self.seconds = dict.fromkeys(HOOKS, 0.0)

    def _timed(self, name: str, hook: Callable[..., Any], off: Any) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            if name not in self.enabled:
                return off
            started = time.process_time()
            try:
                return hook(*args, **kwargs)
            finally:
                self.seconds[name] += time.process_time() - started
        return run

    @contextmanager
    def installed(self) -> Iterator[HookTimer]:
        import policywatch.ledger.update as ledger_update
        import policywatch.link.linker as linker

        saved = ledger_update.update_ledger, linker.link_record
        ledger_update.update_ledger = self._timed("ledger", saved[0], None)
        linker.link_record = self._timed("link", saved[1], [])
        try:
            yield self
        finally:
            ledger_update.update_ledger, linker.link_record = saved

    def take(self) -> dict[str, float]:
        """CPU seconds spent in each hook since the last call."""
        taken, self.seconds = self.seconds, dict.fromkeys(HOOKS, 0.0)
        return taken


def documents(briefs: list[tuple[Brief, bytes]], policy_every: int) -> list[list[tuple[Any, bytes]]]:
    """Per brief, what is ingested with it: the brief, and every `policy_every`-th time a policy too."""
    grouped: list[list[tuple[Any, bytes]]] = []
    for n, (brief, raw) in enumerate(briefs):
        group: list[tuple[Any, bytes]] = [(brief, raw)]
        policy = synthetic_policy(brief, n) if policy_every and n % policy_every == policy_every - 1 else None
        if policy:
            group.append(policy)
        grouped.append(group)
    return grouped


def _embedder(choice: str) -> Any:
    from policywatch.link import HashingEmbedder, active_embedder

    return {"auto": active_embedder, "hash": HashingEmbedder, "none": lambda: None}[choice]()


def run(args: argparse.Namespace) -> None:
    from policywatch.link import using_embedder
    from policywatch.store import open_store

    started = time.perf_counter()
    briefs = parsed_briefs(args.briefs, args.keep_headlines, args.per_day, args.restate)
    if args.order == "date":
        briefs = sorted(briefs, key=lambda pair: pair[0].published or "")
    groups = documents(briefs, args.policy_every)
    print(f"{args.briefs} briefs ready in {time.perf_counter() - started:.0f} s;"
          f" hooks on: {', '.join(sorted(args.hooks)) or 'none'}; embedder: {args.embedder}; order: {args.order};"
          f" briefs per day: {args.per_day:g}; restated share: {args.restate:g}")
    for stale in args.db.parent.glob(args.db.name + "*"):
        stale.unlink()
    timer = HookTimer(set(args.hooks))
    per_100: list[float] = []
    print(f"{'briefs before':>13} {'cpu s/100':>9} {'wall s':>7} {'store':>7} {'ledger':>7} {'link':>7}"
          f" {'policies':>8}")
    with using_embedder(_embedder(args.embedder)), open_store(args.db) as store, timer.installed():
        for first in range(0, len(groups), args.batch):
            batch = groups[first:first + args.batch]
            started, wall = time.process_time(), time.perf_counter()
            for group in batch:
                for record, raw in group:
                    store.ingest(record, raw)
            seconds, wall = time.process_time() - started, time.perf_counter() - wall
            hooks = timer.take()
            scale = 100 / len(batch)
            per_100.append(seconds * scale)
            store_s = seconds - sum(hooks.values())
            print(f"{first:13d} {seconds * scale:9.2f} {wall * scale:7.2f} {store_s * scale:7.2f}"
                  f" {hooks['ledger'] * scale:7.2f} {hooks['link'] * scale:7.2f} {sum(len(g) - 1 for g in batch):8d}")
    _summary(args, per_100)


def _summary(args: argparse.Namespace, per_100: list[float]) -> None:
    size = sum(p.stat().st_size for p in args.db.parent.glob(args.db.name + "*"))
    median = statistics.median(per_100)
    print(f"median {median:.2f} CPU s/100 briefs; slowest {max(per_100) / median - 1:+.0%},"
          f" fastest {min(per_100) / median - 1:+.0%} of the median;"
          f" last batch {per_100[-1] / per_100[0] - 1:+.0%} of the first")
    print(f"database {size / 1e6:.1f} MB = {size / args.briefs / 1000:.1f} KB per brief (policies included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--briefs", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--policy-every", type=int, default=10, help="0: briefs only")
    parser.add_argument("--embedder", choices=("auto", "hash", "none"), default="auto")
    parser.add_argument("--hooks", nargs="*", choices=HOOKS, default=list(HOOKS))
    parser.add_argument("--db", type=Path, default=OUT / "scaling.db")
    parser.add_argument("--keep-headlines", action="store_true", help="keep the generator's repeated headlines")
    parser.add_argument("--order", choices=("date", "file"), default="date", help="ingest order of the briefs")
    parser.add_argument("--per-day", type=float, default=2.0, help="briefs published per day (0: random dates)")
    parser.add_argument("--restate", type=float, default=0.8, help="share of goals stated with their official value")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    run(args)


if __name__ == "__main__":
    main()
