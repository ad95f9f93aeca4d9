"""A longer fuzz run of every reader and parser than CI's bounded hypothesis tests (tests/fuzz).

    .venv/bin/python bench/fuzz_long.py --minutes 1            # each target for a minute
    .venv/bin/python bench/fuzz_long.py --examples 2000 --targets read_html,parse_file --memory-mb 2048
    .venv/bin/python bench/fuzz_long.py --hostile-only         # the hostile cases of tests/fuzz, measured

Same targets, contract and mutations as tests/fuzz/fuzz_targets.py, drawn from `random` instead of hypothesis:
random bytes, random text, text built from the pieces parsers look for, and mutated seed files (samples/,
tests/fixtures, and the shared corpus when present). A failure is a broken contract (an exception other than a
policywatch error, an unclear message, a document slower than --cap seconds) or a MemoryError under the
address-space limit (--memory-mb above the size after imports, set with setrlimit). Failing inputs are saved
under bench/out/fuzz-failures/. Prints a Markdown table: per target the examples run, failures, the slowest
document and the process's peak RSS so far; then, unless --no-hostile, the hostile cases.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

from fuzz_hostile import CASES, run_in_children  # noqa: E402
from fuzz_strategies import FRAGMENTS  # noqa: E402
from fuzz_targets import (  # noqa: E402
    TARGETS,
    ContractBroken,
    Target,
    corpus_files,
    mutated_input,
    random_mutations,
    seed_files,
    warm_up,
)

MIB = 1024 * 1024
OUT = REPO / "bench" / "out" / "fuzz-failures"


class Hang(Exception):
    """A document ran past the alarm (ten times the cap)."""


@dataclass
class Tally:
    examples: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    slowest_s: float = 0.0
    slowest_size: int = 0


def random_input(target: Target, rng: random.Random, seeds: tuple[bytes, ...]) -> bytes | str:
    """One input: a quarter random, a quarter pieces the parsers look for (text targets), half mutated seeds."""
    draw = rng.random()
    if draw < 0.25:
        if target.takes == "bytes":
            return rng.randbytes(rng.randrange(4097))
        return "".join(chr(rng.choice((rng.randrange(128), rng.randrange(0x3000, 0xA000), rng.randrange(0xD800))))
                       for _ in range(rng.randrange(3000)))
    if draw < 0.5:
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randrange(200)))
        return text if target.takes == "text" else text.encode("utf-8", "surrogatepass")
    return mutated_input(target, seeds, rng.randrange(len(seeds)), random_mutations(rng), rng.random() < 0.5)


def fuzz_target(target: Target, seeds: tuple[bytes, ...], *, examples: int, seconds: float, cap_s: float,
                rng: random.Random) -> Tally:
    tally = Tally()
    warm_up(target.name)
    deadline = time.monotonic() + seconds
    while tally.examples < examples and time.monotonic() < deadline:
        value = random_input(target, rng, seeds)
        tally.examples += 1
        signal.alarm(max(1, int(cap_s * 10)))
        start = time.perf_counter()
        try:
            outcome = target.run(value)
            tally.outcomes[outcome.split(":")[0]] += 1
            problem = ""
        except ContractBroken as exc:
            problem = f"contract: {str(exc)[:160]}"
        except (Exception, Hang) as exc:  # the bug itself, including MemoryError under the address-space limit
            problem = f"{type(exc).__name__}: {str(exc)[:160]}"
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - start
        if elapsed > tally.slowest_s:
            tally.slowest_s, tally.slowest_size = elapsed, len(value)
        if not problem and elapsed > cap_s:
            problem = f"slow: {elapsed:.1f} s above the {cap_s} s cap"
        if problem:
            tally.failures[problem] += 1
            save_failure(target, value, tally.examples, problem)
    return tally


def save_failure(target: Target, value: bytes | str, number: int, problem: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
    stem = OUT / f"{target.name}-{number}"
    stem.with_suffix(".bin").write_bytes(data)
    stem.with_suffix(".txt").write_text(problem + "\n")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def limit_address_space(memory_mb: int) -> int:
    """RLIMIT_AS at the current size plus `memory_mb`: a blow-up ends in MemoryError, not the machine's swap."""
    with open("/proc/self/status") as status:
        size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    limit = size_kb * 1024 + memory_mb * MIB
    # the soft limit only: the hostile cases' child sets its own, which a lowered hard limit would forbid
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    return limit // MIB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=10**9, help="examples per target (default: no limit)")
    parser.add_argument("--minutes", type=float, default=0.5, help="minutes per target (default 0.5)")
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated target names")
    parser.add_argument("--memory-mb", type=int, default=2048, help="address space allowed above the start")
    parser.add_argument("--cap", type=float, default=2.0, help="seconds a small document may take")
    parser.add_argument("--seed", type=int, default=0)
    shared = Path(os.environ.get("POLICYWATCH_SHARED", REPO.parent / "shared"))
    parser.add_argument("--shared", type=Path, default=shared, help="the shared folder (its corpus seeds the run)")
    parser.add_argument("--no-hostile", action="store_true", help="skip the hostile cases")
    parser.add_argument("--hostile-only", action="store_true", help="run only the hostile cases")
    args = parser.parse_args()

    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {int(args.cap * 10)} s")

    signal.signal(signal.SIGALRM, on_alarm)
    corpus = corpus_files(args.shared, limit=200) if (args.shared / "corpus").is_dir() else ()
    if not args.hostile_only:
        limit_mb = limit_address_space(args.memory_mb)
        print(f"address space limit {limit_mb} MB ({args.memory_mb} MB above the start), cap {args.cap} s a "
              f"document, {os.cpu_count()} cores, corpus seeds: {len(corpus)}\n")
        print("| target | examples | records | refused | failures | slowest document | peak RSS |")
        print("| --- | ---: | ---: | ---: | ---: | --- | ---: |")
        rng = random.Random(args.seed)
        problems: dict[str, Counter[str]] = {}
        for name in args.targets.split(","):
            target = TARGETS[name]
            seeds = seed_files(target.seeds) + (corpus if "samples/*.txt" in target.seeds else ())
            tally = fuzz_target(target, seeds, examples=args.examples, seconds=args.minutes * 60, cap_s=args.cap,
                                rng=rng)
            problems[name] = tally.failures
            print(f"| {name} | {tally.examples} | {tally.outcomes['record']} | {tally.outcomes['refused']} | "
                  f"{sum(tally.failures.values())} | {tally.slowest_s:.2f} s ({tally.slowest_size:,} units) | "
                  f"{peak_rss_mb():.0f} MB |", flush=True)
        for name, failures in problems.items():
            for problem, count in failures.most_common(5):
                print(f"\n{name}: {count} x {problem}")
    if args.hostile_only or not args.no_hostile:
        print("\n| hostile case | verdict | outcome | seconds (cap) | peak RSS growth (limit) |")
        print("| --- | --- | --- | ---: | ---: |")
        results = run_in_children([list(CASES)], timeout_s=900)  # one child, one case at a time
        for name, case in CASES.items():
            row = results[name]
            seconds, grown = float(row.get("seconds", 0)), float(row.get("rss_growth_mb", 0))
            verdict = ("FAIL: " + str(row["error"])[:80] if row["error"] else "over the cap" if seconds > case.cap_s
                       else "over the limit" if grown >= case.memory_mb else "ok")
            print(f"| {name} | {verdict} | {str(row.get('outcome', ''))[:48]} | {seconds:.2f} ({case.cap_s:g}) | "
                  f"{grown:.0f} MB ({case.memory_mb} MB) |")


if __name__ == "__main__":
    main()
