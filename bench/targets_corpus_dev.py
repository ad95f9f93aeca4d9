"""Dev loop for target extraction: precision, recall and trap hits of `extract_document_targets` against the
annotated corpus in ../shared (eval/gold), with the scorer's matching rules (value ±0.5 %, unit class, year).

usage: .venv/bin/python bench/targets_corpus_dev.py [--shared DIR] [--only KIND] [--show]
Each corpus text is read whole, as `policywatch parse` would for an article; corporate targets are ignored.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from policywatch.extract.targets import extract_document_targets
from policywatch.records import to_plain

REPO = Path(__file__).resolve().parent.parent


def load_scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {shared / 'eval' / 'score.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--only", default="")
    ap.add_argument("--show", action="store_true", help="print every false positive and miss")
    args = ap.parse_args()
    shared = Path(args.shared)
    score = load_scorer(shared)
    tp = fp = fn = traps = 0
    for gold_path in sorted((shared / "eval" / "gold").glob("*/*.json")):
        kind = gold_path.parent.name
        if args.only and kind != args.only:
            continue
        text_path = shared / "corpus" / kind / (gold_path.stem + ".txt")
        gold = json.loads(gold_path.read_text())
        predicted = [to_plain(t) for t in extract_document_targets(text_path.read_text()) if not t.corporate]
        wanted = score.gold_targets(gold)
        optional = [t for t in wanted if t.get("optional")]
        hit, fps, fns = score.match_targets([t for t in wanted if not t.get("optional")], predicted)
        _, fps, _ = score.match_targets(optional, fps)
        trap_values = [t.get("value") for t in score.gold_not_targets(gold)]
        file_traps = sum(any(score.same_value(p["value"], v) for v in trap_values) for p in fps)
        tp, fp, fn, traps = tp + hit, fp + len(fps), fn + len(fns), traps + file_traps
        if args.show:
            for label, rows in (("FP", fps), ("FN", fns)):
                for r in rows:
                    where = f"{kind}/{gold_path.stem[:36]}"
                    print(f"{label} {where}: {r['value']} {r['unit']} {r['year']} | {r['text'][:80]}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"targets: tp={tp} fp={fp} fn={fn} precision={precision:.3f} recall={recall:.3f} trap_hits={traps}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
