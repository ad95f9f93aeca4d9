"""The corpus gate: ../shared/eval/score.py scores `policywatch parse --json` against the annotated corpus, and
no measure may fall below the floor kept in tests/corpus_floors.json (lower-is-better measures may not rise).

After a change that improves a score, raise the floor in that file in the same commit."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

FLOORS = Path(__file__).with_name("corpus_floors.json")
LOWER_IS_BETTER = {"parse_errors", "trap_hits", "zh_dates_invented"}


@pytest.fixture(scope="module")
def corpus_score(shared_dir: Path) -> dict[str, float]:
    scorer = shared_dir / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip(f"{scorer} is absent")
    pw = f"{shlex.quote(sys.executable)} -m policywatch"
    run = subprocess.run([sys.executable, str(scorer), "--pw", pw, "--json"], capture_output=True, text=True,
                         timeout=900, check=True)
    last = run.stdout.strip().splitlines()[-1]
    assert last.startswith("score: "), run.stdout[-2000:]
    return dict(json.loads(last[len("score: "):]))


def test_corpus_scores_hold_their_floors(corpus_score: dict[str, float]) -> None:
    floors = json.loads(FLOORS.read_text())
    worse = []
    for measure, floor in floors.items():
        got = corpus_score.get(measure)
        if got is None:
            worse.append(f"{measure}: missing (floor {floor})")
        elif measure in LOWER_IS_BETTER and got > floor:
            worse.append(f"{measure}: {got} > ceiling {floor}")
        elif measure not in LOWER_IS_BETTER and got < floor:
            worse.append(f"{measure}: {got} < floor {floor}")
    assert not worse, "corpus gate: " + "; ".join(worse) + f"\nfull score: {corpus_score}"
