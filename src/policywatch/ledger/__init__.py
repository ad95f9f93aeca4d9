"""ledger stage: every quantified goal tracked across documents and years.

A goal restated in several documents (a brief bullet, the Chinese original, a news report) is one ledger
target with several sources; a later document's different value for the same metric and year is a revision;
an outcome reported for the target's year makes it achieved or missed; a goal for a later year from a later
document supersedes it. The store calls `update_ledger` at the end of every ingest, in the same transaction
(a batch ingest queues its records and calls `update_ledger_records` every few hundred files).

    from policywatch.ledger import get_target, list_targets
    for target in list_targets(store, year=2025, status="revised"):
        detail = get_target(store, target.id)     # sources, history, outcome, derived figures

Matching rules: ledger/matching.py; tokens and glossary: ledger/similarity.py, ledger/glossary.py; derived
figures and their tolerances: ledger/derived.py; tables: store/migrations/0002_ledger.sql.
"""

from __future__ import annotations

from policywatch.ledger.listing import get_target, list_targets, targets_csv
from policywatch.ledger.records import (
    STATUSES,
    ConsistencyCheck,
    DerivedFigures,
    GrowthRate,
    ImpliedBaseline,
    LedgerEvent,
    LedgerSource,
    LedgerTargetDetail,
    LedgerTargetSummary,
    LedgerUpdate,
    Outcome,
)
from policywatch.ledger.update import rebuild_ledger, update_ledger, update_ledger_records

__all__ = [
    "STATUSES", "ConsistencyCheck", "DerivedFigures", "GrowthRate", "ImpliedBaseline", "LedgerEvent",
    "LedgerSource", "LedgerTargetDetail", "LedgerTargetSummary", "LedgerUpdate", "Outcome", "get_target",
    "list_targets", "rebuild_ledger", "targets_csv", "update_ledger", "update_ledger_records",
]
