"""Saving, listing and removing watchlists."""

from __future__ import annotations

import dataclasses
import json
import secrets
import sqlite3
from datetime import UTC, datetime
from typing import Any

from policywatch.alerts.results import AlertsError, Watch, WatchSpec
from policywatch.store.dbapi import IntegrityError
from policywatch.store.query import parse_query

_COLUMNS = "id, name, spec_json, webhook_url, secret, email, created_at"


def now_iso() -> str:
    """The current UTC time as stored (ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def spec_to_json(spec: WatchSpec) -> str:
    """A spec as stored in watches.spec_json."""
    return json.dumps(dataclasses.asdict(spec), ensure_ascii=False, sort_keys=True)


def spec_from_json(text: str) -> WatchSpec:
    """The spec stored as `text`; unknown keys (from a later version) are ignored."""
    data: dict[str, Any] = json.loads(text)
    known = {f.name for f in dataclasses.fields(WatchSpec)}
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
    return WatchSpec(**values)


def check_spec(spec: WatchSpec) -> None:
    """Raise QueryError/AlertsError for a spec that could never be matched (bad text, no condition)."""
    if spec.text.strip():
        parse_query(spec.text)
        return
    if not any((spec.bodies, spec.sectors, spec.companies, spec.doc_form, spec.target_due_by is not None,
                spec.target_unit, spec.target_min_value is not None)):
        raise AlertsError("a watchlist needs search text or at least one condition")


def _watch(row: Any) -> Watch:
    return Watch(id=row[0], name=row[1], spec=spec_from_json(row[2]), webhook_url=row[3], secret=row[4],
                 email=row[5], created_at=row[6])


def add_watch(conn: sqlite3.Connection, name: str, spec: WatchSpec, *, webhook_url: str | None = None,
              secret: str | None = None, email: str | None = None) -> Watch:
    """Save a watchlist called `name`; AlertsError if the name is taken. A webhook secret is generated when
    none is given. Only records stored from now on raise alerts (see `preview_watch` for the past)."""
    if not name.strip():
        raise AlertsError("a watchlist needs a name")
    check_spec(spec)
    try:
        # one statement: atomic on its own, and joins the caller's transaction when there is one
        conn.execute("INSERT INTO watches (name, spec_json, webhook_url, secret, email, created_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", (name.strip(), spec_to_json(spec), webhook_url,
                                                    secret or secrets.token_hex(32), email, now_iso()))
    except IntegrityError as error:
        raise AlertsError(f"a watchlist called {name!r} exists already") from error
    return get_watch(conn, name)


def get_watch(conn: sqlite3.Connection, name: str) -> Watch:
    """The watchlist called `name`; AlertsError if there is none."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM watches WHERE name = ?", (name.strip(),)).fetchone()
    if row is None:
        raise AlertsError(f"no watchlist called {name!r}")
    return _watch(row)


def list_watches(conn: sqlite3.Connection) -> list[Watch]:
    """Every watchlist, by name."""
    return [_watch(row) for row in conn.execute(f"SELECT {_COLUMNS} FROM watches ORDER BY name")]


def remove_watch(conn: sqlite3.Connection, name: str) -> None:
    """Delete a watchlist with its alerts and undelivered outbox rows; AlertsError if there is none."""
    watch = get_watch(conn, name)
    conn.execute("DELETE FROM watches WHERE id = ?", (watch.id,))
