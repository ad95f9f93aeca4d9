"""Measured linking: precision and recall on tests/fixtures/link/pairs.json may not fall below the floors in
link_floors.json (without the [embed] extra, and with it when it is installed). After a change that improves
a number, raise its floor in the same commit; bench/link_eval.py prints the numbers and the mistakes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from policywatch.link.embedding import UniversalSentenceEncoder, embed_extra_installed
from policywatch.link.evaluation import EvalResult, evaluate, load_pairs

PAIRS = REPO / "tests" / "fixtures" / "link" / "pairs.json"
FLOORS = json.loads(Path(__file__).with_name("link_floors.json").read_text())


def _check(result: EvalResult, floors: dict[str, float]) -> None:
    got = {"asserted_precision": result.asserted.precision, "asserted_recall": result.asserted.recall,
           "any_precision": result.any_status.precision, "any_recall": result.any_status.recall}
    worse = {name: (round(got[name], 3), floor) for name, floor in floors.items() if got[name] < floor - 1e-9}
    mistakes = result.asserted.mistakes + result.any_status.mistakes
    assert not worse, f"below the floor (got, floor): {worse}\n" + "\n".join(mistakes)


def test_pairs_file_is_consistent() -> None:
    evalset = load_pairs(PAIRS)
    for pair in evalset.pairs:
        assert pair.entry in evalset.entries and pair.policy in evalset.files
    positives = [p for p in evalset.pairs if p.link]
    assert len(positives) >= 20 and len(evalset.pairs) - len(positives) >= 20
    assert len({(p.entry, p.policy) for p in evalset.pairs}) == len(evalset.pairs)


@pytest.mark.shared
@pytest.mark.parametrize("order", ["briefs first", "policies first"])
def test_linking_without_the_embed_extra_holds_its_floors(shared_dir: Path, order: str) -> None:
    result = evaluate(PAIRS, repo=REPO, shared=shared_dir, embedder=None, order=order)  # type: ignore[arg-type]
    _check(result, FLOORS["none"])
    assert result.asserted.false_positive == 0


@pytest.mark.shared
@pytest.mark.skipif(not embed_extra_installed(), reason="the [embed] extra is not installed")
def test_linking_with_the_embed_extra_holds_its_floors(shared_dir: Path) -> None:
    result = evaluate(PAIRS, repo=REPO, shared=shared_dir, embedder=UniversalSentenceEncoder())
    _check(result, FLOORS["usem3"])
