"""store stage: parsed records → one SQLite file (records, editions, entries, targets, original bytes,
bilingual full-text search).

    store = open_store("policywatch.db")
    outcome = store.ingest(brief, raw_bytes)       # IngestOutcome(status="new" | "updated" | "unchanged", …)
    results = store.search("锂离子电池 OR lithium", since="2023")

The schema, the edition-merging rules and the search syntax are described in store/README.md.
"""

from __future__ import annotations

from policywatch.store.results import (
    BodyStat,
    BriefSummary,
    Counts,
    IngestOutcome,
    RecordNotFound,
    SearchHit,
    SearchResults,
    Snippet,
    SourceInfo,
    StoredEntry,
    StoredRecord,
)
from policywatch.store.sqlite import Store, open_store

__all__ = [
    "BodyStat", "BriefSummary", "Counts", "IngestOutcome", "RecordNotFound", "SearchHit", "SearchResults",
    "Snippet", "SourceInfo", "Store", "StoredEntry", "StoredRecord", "open_store",
]
