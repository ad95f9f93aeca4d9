"""Target extraction benchmark: microseconds per call of `extract_targets` and `extract_document_targets`.

    .venv/bin/python bench/targets_speed.py [--synthetic 200] [--shared ../shared] [--rounds 3]

Sets: the `extract_targets` calls a brief's parse makes (contents headlines, summaries, key points with their
summary as lead-in, news lines) on N synthetic briefs made by bench/synthetic.py; every line of the seed
briefs in ../shared, with the paragraph before a bullet as its lead-in; and `extract_document_targets` on each
corpus text, its first line as title. The calls are made in the order a parse makes them, so a lead-in's
analysis is reused for the bullets under it as it would be. Every cache in the target modules is emptied before
each round, so a round is timed cold; best of `--rounds`, in CPU time of this process (other work on the
machine counts less). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_briefs

from policywatch.extract import corporate, quantities, targets
from policywatch.extract.targets import extract_document_targets, extract_targets
from policywatch.parse import parse_path
from policywatch.records import Brief

REPO = Path(__file__).resolve().parent.parent
Call = tuple[Callable[..., object], str, dict[str, Any]]
_CACHED_MODULES: tuple[ModuleType, ...] = (targets, quantities, corporate)
_KEPT_CACHES = {"_t2s"}  # the OpenCC converter: built once per process, not per text


def brief_calls(brief: Brief) -> list[Call]:
    """The `extract_targets` calls that enriching `brief` makes, in the same order."""
    calls: list[Call] = [(extract_targets, h, {"field": f"contents[{i}]"}) for i, h in enumerate(brief.contents)]
    for entry in brief.entries:
        if entry.section == "top":
            calls.append((extract_targets, entry.summary, {"field": "summary"}))
            calls += [
                (extract_targets, point, {"field": f"key_points[{i}]", "lead_in": entry.summary})
                for i, point in enumerate(entry.key_points)
            ]
        else:
            corporate_line = entry.section == "corporate_news"
            calls.append((extract_targets, entry.text, {"field": "text", "corporate": corporate_line}))
    return calls


def seed_line_calls(text: str) -> list[Call]:
    """Every non-empty line of a brief; a bullet ("- …") gets the last paragraph before it as lead-in."""
    calls: list[Call] = []
    lead: str | None = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("- "):
            calls.append((extract_targets, line[2:], {"lead_in": lead}))
        else:
            calls.append((extract_targets, line, {}))
            lead = line
    return calls


def corpus_calls(paths: Sequence[Path]) -> list[Call]:
    """One `extract_document_targets` call per text, with its first line as title."""
    calls: list[Call] = []
    for path in paths:
        text = path.read_text("utf-8", errors="replace")
        title = next((line for line in text.splitlines() if line.strip()), "")
        calls.append((extract_document_targets, text, {"title": title}))
    return calls


def clear_caches() -> None:
    """Empty every `functools.lru_cache` of the target modules, so the next pass starts cold."""
    for module in _CACHED_MODULES:
        for name, value in vars(module).items():
            if name not in _KEPT_CACHES and hasattr(value, "cache_clear"):
                value.cache_clear()


def best_pass(calls: Sequence[Call], rounds: int) -> float:
    """Seconds for the fastest of `rounds` cold passes over `calls`."""
    best = float("inf")
    for _ in range(rounds):
        clear_caches()
        start = time.process_time()
        for function, text, options in calls:
            function(text, **options)
        best = min(best, time.process_time() - start)
    return best


def row(name: str, calls: Sequence[Call], documents: int, rounds: int) -> str:
    seconds = best_pass(calls, rounds)
    per_call = seconds / len(calls) * 1e6
    per_doc = seconds / documents * 1e3
    return f"| {name} | {len(calls)} | {documents} | {per_call:,.1f} | {per_doc:,.2f} |"


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=200)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    extract_targets("到2025年，产值达到1000亿元。By 2025, build 20 zones.")  # warm-up: patterns and OpenCC
    print("| set | calls | documents | µs per call | ms per document |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        briefs = [parse_path(p) for p in write_briefs(args.synthetic, Path(tmp))]
    calls = [c for b in briefs if isinstance(b, Brief) for c in brief_calls(b)]
    print(row("synthetic briefs: extract_targets", calls, len(briefs), args.rounds))
    seeds = sorted((args.shared / "seeds").glob("*.txt"))
    if seeds:
        lines = [c for p in seeds for c in seed_line_calls(p.read_text("utf-8", errors="replace"))]
        print(row("seed lines: extract_targets", lines, len(seeds), args.rounds))
    corpus = sorted((args.shared / "corpus").rglob("*.txt"))
    if corpus:
        print(row("corpus: extract_document_targets", corpus_calls(corpus), len(corpus), args.rounds))


if __name__ == "__main__":
    main()
