"""Extractor benchmark: the cost of the registry extractors (bodies, companies, sectors).

    .venv/bin/python bench/extractors.py [--synthetic 200] [--shared ../shared] [--rounds 3]

Sets: the corpus texts in ../shared (when present) and N synthetic briefs made by bench/synthetic.py.

First table, microseconds per call on whole documents: each extractor runs over the whole set in turn, so
it is timed cold (the per-text caches the extractors share, e.g. `body_spans` reusing what `extract_bodies`
found, hold fewer texts than a set). "bodies + companies + sectors" runs the three on each text in a row;
"parse_file" is the whole read-parse-extract of a file, for scale.

Second table, milliseconds per document as `parse_file` calls the extractors: the calls a parse makes (on
the pieces of each entry) are recorded, then replayed. This is the extractors' share of a parse.

Best of `--rounds`. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import write_briefs

from policywatch.extract import entries
from policywatch.extract.bodies import body_spans, extract_bodies, parse_body_list
from policywatch.extract.companies import extract_companies
from policywatch.extract.sectors import extract_sectors
from policywatch.parse import article, brief_items, notice
from policywatch.pipeline import parse_file

REPO = Path(__file__).resolve().parent.parent
MIN_SET_SIZE = 70  # more texts than the largest per-text cache (64 profiles): each timed call is cold


CALLED_BY_PARSERS: dict[str, Callable[[str], object]] = {
    "extract_bodies": extract_bodies,
    "parse_body_list": parse_body_list,
    "extract_companies": extract_companies,
    "extract_sectors": extract_sectors,
}


def _all_three(text: str) -> object:
    return extract_bodies(text), extract_companies(text), extract_sectors(text)


def _issuer_lines(text: str) -> list[str]:
    """Lines of a text short enough to be an issuer line: what `parse_body_list` is given in practice."""
    return [line for line in text.splitlines() if 0 < len(line.strip()) <= 160]


EXTRACTORS: dict[str, Callable[[str], object]] = {
    "extract_bodies": extract_bodies,
    "body_spans": body_spans,
    "extract_companies": extract_companies,
    "extract_sectors": extract_sectors,
    "bodies + companies + sectors": _all_three,
}


def best_pass(function: Callable[[str], object], texts: Sequence[str], rounds: int) -> float:
    """Seconds for the fastest of `rounds` passes of `function` over every text."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            function(text)
        best = min(best, time.perf_counter() - start)
    return best


def best_parse(paths: Sequence[Path], rounds: int) -> float:
    """Seconds for the fastest of `rounds` passes of `parse_file` over every path."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for path in paths:
            parse_file(path)
        best = min(best, time.perf_counter() - start)
    return best


def rows(name: str, paths: Sequence[Path], rounds: int) -> list[str]:
    """Table rows for one set of files: µs per call of each extractor, and of parse_file."""
    texts = [p.read_text("utf-8", errors="replace") for p in paths]
    if len(texts) < MIN_SET_SIZE:
        return [f"| {name} | {len(texts)} texts: too few to time cold (need {MIN_SET_SIZE}) | | |"]
    kb = sum(map(len, texts)) / len(texts) / 1000
    out = []
    for label, function in EXTRACTORS.items():
        seconds = best_pass(function, texts, rounds)
        out.append(f"| {name} | {label} | {len(texts)} | {seconds / len(texts) * 1e6:,.0f} |")
    lines = [line for text in texts for line in _issuer_lines(text)]
    seconds = best_pass(parse_body_list, lines, rounds)
    out.append(f"| {name} | parse_body_list (per line) | {len(lines)} | {seconds / len(lines) * 1e6:,.0f} |")
    seconds = best_parse(paths, rounds)
    out.append(f"| {name} | parse_file (whole, {kb:.1f} k chars/doc) | {len(paths)} | "
               f"{seconds / len(paths) * 1e6:,.0f} |")
    return out


def recorded_calls(paths: Sequence[Path]) -> list[tuple[str, str]]:
    """The (extractor, text) calls `parse_file` makes for these files, in order: briefs ask about several
    overlapping pieces of each entry, not the whole text."""
    calls: list[tuple[str, str]] = []
    patched = []
    for module in (entries, article, brief_items, notice):
        for name in CALLED_BY_PARSERS:
            if hasattr(module, name):
                original = getattr(module, name)
                patched.append((module, name, original))
                setattr(module, name, _recording(name, original, calls))
    try:
        for path in paths:
            parse_file(path)
    finally:
        for module, name, original in patched:
            setattr(module, name, original)
    return calls


def _recording(name: str, function: Callable[[str], object], calls: list[tuple[str, str]]) -> Callable[[str], object]:
    def record(text: str) -> object:
        calls.append((name, text))
        return function(text)

    return record


def pipeline_rows(name: str, paths: Sequence[Path], rounds: int) -> list[str]:
    """Table rows: ms per document the extractors cost when called as `parse_file` calls them."""
    calls = [(CALLED_BY_PARSERS[n], text) for n, text in recorded_calls(paths)]
    out = []
    for label, function in CALLED_BY_PARSERS.items():
        subset = [(f, t) for f, t in calls if f is function]
        ms = _replay(subset, rounds) / len(paths) * 1e3
        out.append(f"| {name} | {label} | {len(subset) / len(paths):.1f} | {ms:.3f} |")
    out.append(f"| {name} | **all, in parse order** | {len(calls) / len(paths):.1f} | "
               f"{_replay(calls, rounds) / len(paths) * 1e3:.3f} |")
    return out


def _replay(calls: list[tuple[Callable[[str], object], str]], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for function, text in calls:
            function(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=200)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    _all_three("MIIT 工业和信息化部 Siemens battery")  # warm-up: registries and compiled patterns
    print("| set | extractor | calls | µs per call |")
    print("| --- | --- | --- | --- |")
    corpus = sorted((args.shared / "corpus").rglob("*.txt"))
    if corpus:
        print("\n".join(rows("corpus", corpus, args.rounds)))
    with tempfile.TemporaryDirectory() as tmp:
        briefs = write_briefs(args.synthetic, Path(tmp))
        print("\n".join(rows("synthetic briefs", briefs, args.rounds)))
        print("\n| set | extractor, as parse_file calls it | calls per document | ms per document |")
        print("| --- | --- | --- | --- |")
        if corpus:
            print("\n".join(pipeline_rows("corpus", corpus, args.rounds)))
        print("\n".join(pipeline_rows("synthetic briefs", briefs, args.rounds)))


if __name__ == "__main__":
    main()
