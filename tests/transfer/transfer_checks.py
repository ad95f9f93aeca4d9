"""What the export/import tests compare: export directories with their volatile fields blanked, and what a
store shows (search, ledger, records, alerts)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from policywatch.alerts import list_alerts, list_watches
from policywatch.ledger import get_target, list_targets
from policywatch.link import policy_detail
from policywatch.records import to_plain
from policywatch.store import Store
from policywatch.store.connections import reading
from policywatch.transfer.formats import read_rows

QUERIES = ("lathe", "锂", "storage", "机床", "专精特新", "battery OR 电池", '"smart" plants')


def differing_files(first: Path, second: Path) -> set[str]:
    names = {p.name for p in first.iterdir()} | {p.name for p in second.iterdir()}
    return {name for name in names if not ((first / name).is_file() and (second / name).is_file()
                                           and (first / name).read_bytes() == (second / name).read_bytes())}


def comparable(directory: Path) -> dict[str, Any]:
    """The manifest without its volatile fields, each table's sha256 replaced by one of its rows with the
    volatile columns blanked (so two exports compare equal when only volatile values differ)."""
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    for field in manifest["volatile_fields"]:
        manifest.pop(field)
    for table in manifest["tables"]:
        specs = [(c["name"], c["type"]) for c in table["columns"]]
        blank = [i for i, (name, _) in enumerate(specs) if name in table["volatile"]]
        rows = [[None if i in blank else value for i, value in enumerate(row)]
                for chunk in read_rows(manifest["data_format"], directory / table["file"], specs) for row in chunk]
        table["sha256"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return manifest


def _search(store: Store, query: str, ranked: bool) -> Any:
    """A search's results; without `ranked`, the hits as a set without their scores (the backends rank with
    different functions: bm25 on SQLite, ts_rank on PostgreSQL)."""
    results = to_plain(store.search(query, limit=50))
    if not ranked:
        for hit in results["hits"]:
            hit.pop("score")
        results["hits"].sort(key=lambda hit: (hit["kind"], hit["record_id"], hit["entry_id"] or 0))
    return results


def observed(store: Store, *, ranked: bool = True) -> dict[str, Any]:
    """Everything a user can see of a store, as plain data (`ranked`: see _search)."""
    seen: dict[str, Any] = {"counts": store.counts(), "briefs": store.briefs(), "bodies": store.bodies(),
                            "search": {q: _search(store, q, ranked) for q in QUERIES}}
    targets = list_targets(store)
    seen["targets"] = targets
    seen["target_details"] = [get_target(store, row.id) for row in targets]
    with reading(store) as conn:
        records = conn.execute("SELECT id, type FROM records ORDER BY id").fetchall()
        entry_ids = [row[0] for row in conn.execute("SELECT id FROM entries ORDER BY id").fetchall()]
        seen["alerts"] = list_alerts(conn)
        seen["watches"] = list_watches(conn)
    seen["records"] = [store.get_record(record_id) for record_id, _ in records]
    seen["policies"] = [policy_detail(store, record_id) for record_id, kind in records if kind == "policy"]
    seen["entries"] = [store.get_entry(entry_id) for entry_id in entry_ids]
    return to_plain(seen)  # type: ignore[no-any-return]
