"""Extractor benchmark: microseconds per call for each registry extractor, on whole documents.

    .venv/bin/python bench/extractors.py [--synthetic 200] [--shared ../shared] [--rounds 3]

Sets: the corpus texts in ../shared (when present) and N synthetic briefs made by bench/synthetic.py. Each
extractor runs over the whole set in turn, so it is timed cold: the per-text caches the extractors share
(`body_spans` reuses what `extract_bodies` found) hold fewer texts than a set, and one pass evicts another.
The "bodies + companies + sectors" row runs the three on each text one after the other, as a parser does;
"parse_file" is the whole read-parse-extract for a file, for scale. Best of `--rounds`. Prints a Markdown table.
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

from policywatch.extract.bodies import body_spans, extract_bodies, parse_body_list
from policywatch.extract.companies import extract_companies
from policywatch.extract.sectors import extract_sectors
from policywatch.pipeline import parse_file

REPO = Path(__file__).resolve().parent.parent
MIN_SET_SIZE = 40  # more texts than the extractors' per-text caches hold, so each timed call is cold


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


if __name__ == "__main__":
    main()
