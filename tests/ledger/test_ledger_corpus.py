"""The ledger on real documents: the NEV plan's draft (25 % by 2025) and its final version (about 20 %), read,
parsed and extracted by the pipeline, are one ledger target with a revision."""

from __future__ import annotations

from pathlib import Path

import pytest

from policywatch.ledger import get_target, list_targets
from policywatch.pipeline import ingest_files
from policywatch.store import open_store

NEV_FILES = ("corpus/zh/fx361-nev-plan-draft-25pct-2019.txt", "corpus/zh/henan-people-nev-plan-2021-2035.txt")


@pytest.mark.shared
@pytest.mark.parametrize("order", [1, -1], ids=["draft-first", "final-first"])
def test_nev_share_draft_and_final_are_one_revised_target(shared_dir: Path, db_target: str, order: int) -> None:
    paths = [shared_dir / name for name in NEV_FILES][::order]
    with open_store(db_target) as store:
        report = ingest_files(store, paths)
        assert not report.failed, report.failed
        shares = [r for r in list_targets(store, year=2025, unit="percent")
                  if any(v in (20.0, 25.0) for v in _values(store, r.id))]
        assert len(shares) == 1, shares
        nev = shares[0]
        assert (nev.value, nev.status, nev.record_count) == (20.0, "revised", 2)
        revisions = [(e.value, e.previous_value) for e in get_target(store, nev.id).events if e.kind == "revised"]
        assert revisions == [(20.0, 25.0)]


def _values(store: object, target_id: int) -> list[float]:
    return [s.value for s in get_target(store, target_id).sources]  # type: ignore[arg-type]
