"""Reading links and policies for the CLI and the web app: `links_for_entry`, `links_for_policy`,
`list_policies`, `policy_detail`. Each accepts a connection or a `Store`."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from policywatch.errors import QueryError
from policywatch.link.records import LedgerTargetRef, Link, LinkedEntry, PolicyDetail, PolicySummary
from policywatch.link.tables import links_where, table_exists
from policywatch.records import Policy
from policywatch.registry.bodies import lookup as lookup_body
from policywatch.store.connections import reading
from policywatch.store.patterns import ISO_PARTIAL_DATE
from policywatch.store.record_codec import record_from_json
from policywatch.store.results import RecordNotFound, SourceInfo

if TYPE_CHECKING:
    from policywatch.store.sqlite import Store

_LINKED_ENTRY_SQL = (
    "SELECT l.entry_id, e.record_id, r.title, e.headline, e.section, COALESCE(e.date, r.published), l.method,"
    " l.score, l.status, l.reason FROM links l JOIN entries e ON e.id = l.entry_id JOIN records r"
    " ON r.id = e.record_id WHERE l.record_id = ?"
    " ORDER BY (CASE l.status WHEN 'asserted' THEN 0 ELSE 1 END), l.score DESC, e.id"
)




def links_for_entry(source: sqlite3.Connection | Store, entry_id: int) -> list[Link]:
    """The policies entry `entry_id` is linked to: asserted first, then by score."""
    with reading(source) as conn:
        return links_where(conn, "entry_id = ?", (entry_id,))


def links_for_policy(source: sqlite3.Connection | Store, record_id: int) -> list[Link]:
    """The entries linked to policy `record_id`: asserted first, then by score."""
    with reading(source) as conn:
        return links_where(conn, "record_id = ?", (record_id,))


def _body_id(body: str) -> str:
    found = lookup_body(body)
    return found.id if found else body


def _policy_filters(body: str | None, since: str | None) -> tuple[str, list[Any]]:
    where, params = ["r.type = 'policy'"], []
    if body is not None:
        where.append("EXISTS (SELECT 1 FROM record_bodies rb WHERE rb.record_id = r.id AND rb.body_id = ?)")
        params.append(_body_id(body))
    if since is not None:
        if not ISO_PARTIAL_DATE.fullmatch(since):
            raise QueryError(f"bad date {since!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        where.append("r.published >= ?")
        params.append(since)
    return " AND ".join(where), params


def _summary(record_id: int, policy: Policy, counts: tuple[int, int, int]) -> PolicySummary:
    return PolicySummary(
        id=record_id, title=policy.title_zh or policy.title_en or policy.source.path, title_en=policy.title_en,
        doc_number=policy.doc_number, bodies=policy.bodies, doc_form=policy.doc_form,
        date_written=policy.date_written, date_published=policy.date_published, is_draft=policy.is_draft,
        source_count=counts[0], asserted_links=counts[1], proposed_links=counts[2])


def list_policies(source: sqlite3.Connection | Store, *, body: str | None = None, since: str | None = None,
                  form: str | None = None) -> list[PolicySummary]:
    """Stored policies, newest first (undated last). `body`: an issuing body id or name ("MIIT", "工业和信息化部");
    `since`: YYYY, YYYY-MM or YYYY-MM-DD (published or written on or after); `form`: the document form
    (通知, 意见, 方案 …). Raises QueryError for a bad date."""
    where, params = _policy_filters(body, since)
    sql = (f"SELECT r.id, r.record_json, (SELECT count(*) FROM sources s WHERE s.record_id = r.id),"
           f" (SELECT count(*) FROM links l WHERE l.record_id = r.id AND l.status = 'asserted'),"
           f" (SELECT count(*) FROM links l WHERE l.record_id = r.id AND l.status = 'proposed')"
           f" FROM records r WHERE {where}"
           f" ORDER BY (CASE WHEN r.published IS NULL THEN 1 ELSE 0 END), r.published DESC, r.id DESC")
    with reading(source) as conn:
        rows = conn.execute(sql, params).fetchall()
    summaries = []
    for record_id, record_json, *counts in rows:
        policy = record_from_json(record_json)
        if isinstance(policy, Policy) and (form is None or policy.doc_form == form):
            summaries.append(_summary(record_id, policy, (counts[0], counts[1], counts[2])))
    return summaries


def _ledger_targets(conn: sqlite3.Connection, record_id: int) -> tuple[LedgerTargetRef, ...]:
    if not table_exists(conn, "ledger_sources"):
        return ()
    rows = conn.execute(
        "SELECT DISTINCT lt.id, lt.metric, lt.value, lt.unit, lt.year, lt.status FROM ledger_sources ls"
        " JOIN ledger_targets lt ON lt.id = ls.ledger_target_id WHERE ls.record_id = ? ORDER BY lt.year, lt.id",
        (record_id,))
    return tuple(LedgerTargetRef(*row) for row in rows)


def policy_detail(source: sqlite3.Connection | Store, record_id: int) -> PolicyDetail:
    """One policy with its sources, the entries linked to it, its relations, targets and ledger targets.
    RecordNotFound when `record_id` is not a stored policy."""
    with reading(source) as conn:
        row = conn.execute("SELECT record_json FROM records WHERE id = ? AND type = 'policy'",
                           (record_id,)).fetchone()
        if row is None:
            raise RecordNotFound(f"no policy #{record_id}")
        policy = record_from_json(row[0])
        sources = conn.execute("SELECT sha256, path, format, size, ingested_at FROM sources WHERE record_id = ?"
                               " ORDER BY id", (record_id,)).fetchall()
        linked = conn.execute(_LINKED_ENTRY_SQL, (record_id,)).fetchall()
        ledger = _ledger_targets(conn, record_id)
    assert isinstance(policy, Policy)
    return PolicyDetail(id=record_id, policy=policy, sources=tuple(SourceInfo(*s) for s in sources),
                        links=tuple(LinkedEntry(*r) for r in linked), relations=policy.relations,
                        ledger_targets=ledger)
