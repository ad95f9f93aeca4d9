"""Precision and recall of entry → Chinese original links on tests/fixtures/link/pairs.json.

    .venv/bin/python bench/link_eval.py [--shared ../shared] [--order "briefs first"|"policies first"]

Runs without an embedder (titles and 发文字号 only), with the hashing embedder (tests' stand-in: shared
wording, no translation) and with the [embed] extra's USE-multilingual model when it is installed. Prints
asserted-only and asserted+proposed numbers, recall per kind of pair, and every mistake.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from policywatch.link.embedding import Embedder, HashingEmbedder, UniversalSentenceEncoder, embed_extra_installed
from policywatch.link.evaluation import EvalResult, Order, evaluate

REPO = Path(__file__).resolve().parent.parent
PAIRS = REPO / "tests" / "fixtures" / "link" / "pairs.json"


def _embedders() -> list[Embedder | None]:
    found: list[Embedder | None] = [None, HashingEmbedder()]
    if embed_extra_installed():
        found.append(UniversalSentenceEncoder())
    else:
        print("(the [embed] extra is not installed: no USE-multilingual run)")
    return found


def _report(result: EvalResult, seconds: float) -> None:
    print(f"\n== embedder: {result.embedder}  ({result.order}, {seconds:.1f} s)")
    for label, tally in (("asserted", result.asserted), ("asserted+proposed", result.any_status)):
        print(f"  {label:18s} precision {tally.precision:.3f}  recall {tally.recall:.3f}"
              f"  (tp {tally.true_positive}, fp {tally.false_positive}, fn {tally.false_negative})")
    print("  asserted recall by kind:")
    for kind, (found, total) in result.recall_by_kind.items():
        print(f"    {found}/{total}  {kind}")
    for mistake in result.any_status.mistakes:
        print(f"    - {mistake} (asserted+proposed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--order", default="briefs first", choices=["briefs first", "policies first"])
    args = parser.parse_args()
    order: Order = args.order
    for embedder in _embedders():
        started = time.perf_counter()
        result = evaluate(PAIRS, repo=REPO, shared=args.shared, embedder=embedder, order=order)
        _report(result, time.perf_counter() - started)


if __name__ == "__main__":
    main()
