"""policywatch's target extractor beside quantulum3 on the same English key points, gold targets as expected.

usage: .venv/bin/python bench/targets_vs_quantulum3.py [--shared DIR] [--repeat N]
Sentences: the key points and news lines of the seed brief (seeds/000_…), and the key points of the annotated
MERICS briefs in corpus/merics (duplicate editions counted once), each with its "At a glance" paragraph as
lead-in for policywatch. Expected values: the gold targets of those key points (eval/gold) and, for the seed,
the goals its acceptance test lists. A tool's output matches a gold target on value (±0.5 %) and unit class
(percent, CNY, USD, EUR, other), as eval/score.py matches them; every other quantity it reports is a false
positive. quantulum3 is a quantity parser, not a target finder: its false positives show what target rules
add.
quantulum3 is a benchmark-only dependency (pip install quantulum3); the package never imports it.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = "seeds/000_61a2b85d103903a0.txt"
# The seed's goals (its acceptance test): a fragment of the line → (value, unit class).
SEED_GOLD = (
    ("5 trillion CNY", 5e12, "CNY"),
    ("7.8 percent", 7.8, "percent"),
    ("40 percent of", 40, "percent"),
    ("CNY 2.5 trillion", 2.5e12, "CNY"),
    ("roughly 220", 220, "other"),
    ("CNY 350 billion", 3.5e11, "CNY"),
    ("25 million VR", 2.5e7, "other"),
    ("24 percent by 2025", 24, "percent"),
)
BULLET = re.compile(r"^\s*(?:[•●▪*-]|✔)\s*")


@dataclass(frozen=True)
class Sentence:
    text: str
    lead_in: str
    gold: tuple[tuple[float, str], ...]


def unit_class(unit: str) -> str:
    u = unit.strip().lower()
    if u in {"percent", "percentage", "%"}:
        return "percent"
    if u in {"percentage_points", "percentage point"}:
        return "pp"
    for code, names in (
        ("CNY", ("cny", "chinese yuan", "yuan", "renminbi", "rmb")),
        ("USD", ("usd", "dollar")),
        ("EUR", ("eur", "euro")),
    ):
        if any(n in u for n in names):
            return code
    return "other"


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * max(abs(a), abs(b), 1e-12)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", BULLET.sub("", text)).strip().lower()


def seed_sentences(shared: Path) -> list[Sentence]:
    text = (shared / SEED).read_text(encoding="utf-8")
    out: list[Sentence] = []
    lead = ""
    for line in text.splitlines():
        if line.startswith("At a glance:"):
            lead = line
        elif line.startswith("MERICS comment") or line.startswith("MERICs comment"):
            lead = ""
        elif line.startswith("- ") and (lead or "*" in line[:4]):
            gold = tuple((v, u) for frag, v, u in SEED_GOLD if frag in line)
            out.append(Sentence(line[2:], lead, gold))
    return out


def corpus_sentences(shared: Path) -> list[Sentence]:
    out: dict[str, Sentence] = {}
    for gold_path in sorted((shared / "eval" / "gold" / "merics").glob("*.json")):
        gold = json.loads(gold_path.read_text())
        if gold.get("doc_type") != "brief":
            continue
        targets = [t for e in gold.get("entries") or [] for t in e.get("targets") or []]
        text = (shared / "corpus" / "merics" / (gold_path.stem + ".txt")).read_text(encoding="utf-8")
        for lead, point in _key_points(text):
            expected = tuple(
                (float(t["value"]), unit_class(t["unit"])) for t in targets if norm(t["text"]) == norm(point)
            )
            out.setdefault(norm(point), Sentence(BULLET.sub("", point).strip(), lead, expected))
    return list(out.values())


def _key_points(text: str) -> list[tuple[str, str]]:
    """(lead-in, key point) of each entry: the lines between "At a glance" and the comment."""
    pairs: list[tuple[str, str]] = []
    lead = ""
    for line in text.splitlines():
        stripped = line.strip().lstrip("✔")
        if stripped.startswith("At a glance"):
            lead = stripped
        elif stripped.upper().startswith("MERICS COMMENT") or re.match(r"^\d\. ", stripped):
            lead = ""
        elif lead and stripped:
            pairs.append((lead, stripped))
    return pairs


def run_policywatch(sentences: list[Sentence]) -> list[list[tuple[float, str]]]:
    from policywatch.extract.targets import extract_targets

    return [
        [(t.value, unit_class(t.unit)) for t in extract_targets(s.text, lead_in=s.lead_in or None)] for s in sentences
    ]


def run_quantulum(sentences: list[Sentence]) -> list[list[tuple[float, str]]]:
    from quantulum3 import parser

    out = []
    for s in sentences:
        found = []
        for q in parser.parse(s.text):
            unit = "percent" if q.unit.name == "percentage" else q.unit.name
            found.append((float(q.value), unit_class(unit)))
        out.append(found)
    return out


def score(sentences: list[Sentence], outputs: list[list[tuple[float, str]]]) -> tuple[int, int, int]:
    """(gold found, gold total, false positives)."""
    found = total = false = 0
    for s, out in zip(sentences, outputs, strict=True):
        left = list(out)
        for value, unit in s.gold:
            total += 1
            hit = next((o for o in left if same_value(o[0], value) and o[1] == unit), None)
            if hit:
                found += 1
                left.remove(hit)
        false += len(left)
    return found, total, false


def timed(
    run: Callable[[list[Sentence]], list[list[tuple[float, str]]]], sentences: list[Sentence], repeat: int
) -> tuple[float, float, list[list[tuple[float, str]]]]:
    """(seconds of the first call on one sentence: import and warm-up; mean ms per sentence after it;
    outputs)."""
    start = time.perf_counter()
    run(sentences[:1])
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(repeat):
        outputs = run(sentences)
    per = (time.perf_counter() - start) / (repeat * len(sentences)) * 1000
    return first, per, outputs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    shared = Path(args.shared)
    sentences = seed_sentences(shared) + corpus_sentences(shared)
    gold_n = sum(len(s.gold) for s in sentences)
    print(
        f"{len(sentences)} sentences, {gold_n} gold targets; {platform.processor() or platform.machine()}, "
        f"{_cores()} cores, Python {platform.python_version()}\n"
    )
    print("| tool | value+unit recall | false positives | precision | ms / sentence | start-up (import + first call) |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, run in (("policywatch", run_policywatch), ("quantulum3", run_quantulum)):
        first, per, outputs = timed(run, sentences, args.repeat)
        found, total, false = score(sentences, outputs)
        precision = found / (found + false) if found + false else 1.0
        print(
            f"| {name} | {found}/{total} = {found / total:.2f} | {false} | {precision:.2f} | {per:.2f} "
            f"| {first:.2f} s |"
        )
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


if __name__ == "__main__":
    raise SystemExit(main())
