"""Keeping the links in step with the store: `link_record` runs at the end of every ingest, in the ingest's
transaction, in both directions — a brief's entries are linked to the stored policies, a policy to the stored
entries that may be about it.

Either way each affected entry is re-linked in full against every candidate policy, so an entry's links are a
function of what is stored, whatever order files came in (a policy re-links only the entries it is a candidate
for, or is linked to: the others' candidates do not change). Candidates come from the lookup keys (link_keys:
title forms, bigrams, 发文字号; title keys only among documents dated within CANDIDATE_WINDOW_DAYS, an indexed
look-up) and, when an embedder is active, from vector similarity within a date window; so the work per record
does not grow with the archive. Rows are written only when they change, so running it twice writes nothing the
second time.
"""

from __future__ import annotations

import sqlite3
from array import array
from datetime import date, timedelta

from policywatch.link import thresholds as t
from policywatch.link.embedding import Embedder, active_embedder, similarities
from policywatch.link.records import Link, LinkError, LinkUpdate
from policywatch.link.scoring import Candidate, decide, semantic_candidate, title_candidate
from policywatch.link.subjects import (
    EntrySide,
    PolicySide,
    candidate_window,
    entry_days,
    entry_lookup,
    policy_days,
    policy_lookup,
    semantic_window,
)
from policywatch.link.tables import (
    KeyRow,
    StoredVector,
    VectorKey,
    entry_sides,
    entry_vectors_near,
    key_candidates,
    linked_entry_ids,
    links_where,
    policy_sides,
    policy_vectors_near,
    record_type,
    replace_entry_links,
    sync_dates,
    sync_keys,
    sync_vectors,
    vector_of,
)
from policywatch.records import Article
from policywatch.store.connections import joined_transaction
from policywatch.store.dbapi import DatabaseError
from policywatch.store.record_codec import record_from_json

_DEFAULT = object()  # "use active_embedder()"


_transaction = joined_transaction


def _window(dates: tuple[str, ...]) -> tuple[str, str] | None:
    """ISO bounds SEMANTIC_DATE_WINDOW_DAYS around a policy's dates (None when it has no full date)."""
    days = sorted(d for d in dates if len(d) >= 10)
    if not days:
        return None
    slack = timedelta(days=t.SEMANTIC_DATE_WINDOW_DAYS)
    return (str(date.fromisoformat(days[0][:10]) - slack), str(date.fromisoformat(days[-1][:10]) + slack))


def _month_end(day: str) -> str:
    """The last day of the month of ISO day `day`."""
    first = date.fromisoformat(day[:8] + "01")
    return str((first + timedelta(days=32)).replace(day=1) - timedelta(days=1))


def _best_by_record(query: array[float], *stored: list[StoredVector]) -> dict[int, float]:
    """For each record (or entry), the best similarity of `query` to any of its vectors in `stored`."""
    best: dict[int, float] = {}
    for vectors in stored:
        for vector, score in zip(vectors, similarities(query, [v.vector for v in vectors]), strict=True):
            key = vector.entry_id if vector.entry_id is not None else vector.record_id
            best[key] = max(score, best.get(key, -1.0))
    return best


class _LinkRun:
    """One linking pass over a connection: the embedder (or None) and what has been loaded so far."""

    def __init__(self, conn: sqlite3.Connection, embedder: Embedder | None) -> None:
        self.conn = conn
        self.embedder = embedder
        self._policies: dict[int, PolicySide] = {}
        # policy vectors by (kind, date window): a brief's entries mostly share a window
        self._policy_vectors: dict[tuple[str, tuple[str, str] | None], list[StoredVector]] = {}

    # ---- derived rows of one record ----------------------------------------------------------------------

    def refresh_brief(self, record_id: int) -> list[EntrySide]:
        """Keys and vectors of a brief's entries; returns the entries."""
        sides = entry_sides(self.conn, record_id=record_id)
        rows: set[KeyRow] = {(s.entry_id, kind, key) for s in sides for kind, key in entry_lookup(s).rows()}
        sync_keys(self.conn, record_id, rows, {s.entry_id: entry_days(s) for s in sides})
        if self.embedder:
            texts: dict[VectorKey, str] = {}
            for side in sides:
                texts[(side.entry_id, "text")] = side.embed_text
                if side.embed_title:
                    texts[(side.entry_id, "title")] = side.embed_title
            sync_vectors(self.conn, record_id, texts, self.embedder)
        return sides

    def refresh_policy(self, record_id: int) -> PolicySide | None:
        """Keys and vectors of a policy; returns it (None if it is not a stored policy)."""
        side = policy_sides(self.conn, [record_id]).get(record_id)
        if side is None:
            return None
        sync_keys(self.conn, record_id, {(None, kind, key) for kind, key in policy_lookup(side).rows()},
                  {None: policy_days(side)})
        sync_dates(self.conn, record_id, side.dates)
        if self.embedder:
            texts: dict[VectorKey, str] = {(None, "title"): side.embed_title, (None, "text"): side.embed_text}
            sync_vectors(self.conn, record_id, texts, self.embedder)
        return side

    def refresh_article(self, record_id: int) -> None:
        """An article is never linked; it gets a text vector so that it can be a related document."""
        sync_keys(self.conn, record_id, set(), {})
        row = self.conn.execute("SELECT record_json FROM records WHERE id = ?", (record_id,)).fetchone()
        article = record_from_json(row[0]) if row else None
        if self.embedder and isinstance(article, Article):
            text = f"{article.title or ''}\n{' '.join(article.text.split())}"[: t.EMBED_TEXT_CHARS]
            sync_vectors(self.conn, record_id, {(None, "text"): text}, self.embedder)

    # ---- candidates ----------------------------------------------------------------------------------------

    def _policy(self, record_ids: set[int]) -> dict[int, PolicySide]:
        missing = record_ids - self._policies.keys()
        if missing:
            self._policies.update(policy_sides(self.conn, missing))
        return {i: self._policies[i] for i in sorted(record_ids) if i in self._policies}

    def _policy_vectors_of(self, kind: str, window: tuple[str, str] | None) -> list[StoredVector]:
        # whole months: the entries of one brief then share one look-up (scoring checks the exact dates)
        window = None if window is None else (window[0][:8] + "01", _month_end(window[1]))
        if (kind, window) not in self._policy_vectors and self.embedder:
            self._policy_vectors[(kind, window)] = policy_vectors_near(self.conn, self.embedder.name, kind, window)
        return self._policy_vectors.get((kind, window), [])

    def _similar_policies(self, side: EntrySide) -> dict[int, float]:
        """Policies similar to the entry: its English title against their titles; an entry without one,
        its text against their titles and texts. Only policies dated where a text-similarity link could be
        made are compared (`semantic_window`), so the work does not grow with the archive."""
        if self.embedder is None:
            return {}
        kind = "title" if side.embed_title else "text"
        query = vector_of(self.conn, self.embedder.name, kind, side.record_id, side.entry_id)
        if query is None:
            return {}
        window = semantic_window(side)
        stored = [self._policy_vectors_of("title", window)]
        if kind == "text":
            stored.append(self._policy_vectors_of("text", window))
        return {i: s for i, s in _best_by_record(query, *stored).items() if s >= t.SEMANTIC_PROPOSE}

    def links_of(self, side: EntrySide) -> list[Link]:
        """The entry's links against every candidate policy."""
        similar = self._similar_policies(side)
        keyed = key_candidates(self.conn, entry_lookup(side), want="policies",
                               window=candidate_window(entry_days(side)))
        candidates: list[Candidate] = []
        for record_id, policy in self._policy(keyed | similar.keys()).items():
            titled = title_candidate(side, policy)
            semantic = semantic_candidate(side, policy, similar[record_id]) if record_id in similar else None
            candidates += [c for c in (titled, semantic) if c is not None]
        return decide(side.entry_id, candidates)

    def _similar_entries(self, policy: PolicySide) -> set[int]:
        """Entries (dated near the policy, or undated) whose vectors are similar to the policy's."""
        if self.embedder is None:
            return set()
        title = vector_of(self.conn, self.embedder.name, "title", policy.record_id, None)
        text = vector_of(self.conn, self.embedder.name, "text", policy.record_id, None)
        window = _window(policy.dates)
        found: set[int] = set()
        for query, kinds in ((title, ("title", "text")), (text, ("text",))):
            if query is None:
                continue
            stored = [entry_vectors_near(self.conn, self.embedder.name, kind, window) for kind in kinds]
            found |= {i for i, s in _best_by_record(query, *stored).items() if s >= t.SEMANTIC_PROPOSE}
        return found

    def entries_for(self, policy: PolicySide) -> list[EntrySide]:
        """Entries whose links `policy` (just stored or changed) can change: those linked to it now, those
        similar in text, and those sharing keys with it whose titles or 发文字号 agree with it. An entry that
        only shares keys gains no candidate from the policy, so its links stay as they are."""
        held = linked_entry_ids(self.conn, policy.record_id) | self._similar_entries(policy)
        keyed = key_candidates(self.conn, policy_lookup(policy), want="entries",
                               window=candidate_window(policy_days(policy))) - held
        sides = entry_sides(self.conn, held | keyed)
        return [s for s in sides if s.entry_id in held or title_candidate(s, policy) is not None]

    def relink(self, sides: list[EntrySide]) -> None:
        for side in sides:
            replace_entry_links(self.conn, side.entry_id, self.links_of(side))


def _embedder(choice: object) -> Embedder | None:
    return active_embedder() if choice is _DEFAULT else choice  # type: ignore[return-value]


def link_record(connection: sqlite3.Connection, record_id: int, *, embedder: object = _DEFAULT) -> list[Link]:
    """Bring the links in step with record `record_id` (just stored or changed): a brief's entries are
    (re-)linked to the stored policies, a policy to the stored entries that may be about it. Runs inside the
    caller's transaction when there is one. Returns the record's links (a brief: its entries'; a policy: those
    pointing at it). `embedder`: an Embedder, or None for no semantic method; by default `active_embedder()`."""
    run_embedder = _embedder(embedder)
    try:
        with _transaction(connection) as conn:
            _ensure_key_windows(conn)
            run = _LinkRun(conn, run_embedder)
            kind = record_type(conn, record_id)
            if kind == "brief":
                run.relink(run.refresh_brief(record_id))
                return links_where(conn, "entry_id IN (SELECT id FROM entries WHERE record_id = ?)", (record_id,))
            if kind == "policy":
                policy = run.refresh_policy(record_id)
                if policy is not None:
                    run.relink(run.entries_for(policy))
                return links_where(conn, "record_id = ?", (record_id,))
            if kind == "article":
                run.refresh_article(record_id)
            return []
    except DatabaseError as error:
        raise LinkError(f"could not link record #{record_id}: {error}") from error


def links_current(connection: sqlite3.Connection, record_id: int, *, embedder: object = _DEFAULT) -> bool:
    """Whether record `record_id` was linked with the methods in use now, so that storing it again unchanged
    need not link it again: always without an embedder; with one, when the record holds vectors of its model
    (a record stored before the `[embed]` extra was installed holds none, and is linked again)."""
    run_embedder = _embedder(embedder)
    if run_embedder is None:
        return True
    try:
        return connection.execute("SELECT 1 FROM link_vectors WHERE record_id = ? AND model = ? LIMIT 1",
                                  (record_id, run_embedder.name)).fetchone() is not None
    except DatabaseError as error:
        raise LinkError(f"could not read the links of record #{record_id}: {error}") from error


_KEY_WINDOWS = "link_key_windows"  # stage_versions name: every link_keys row has its side and days (0007)


def _ensure_key_windows(conn: sqlite3.Connection) -> None:
    """Give the lookup keys of a store linked before migration 0007 their sides and days (once): without them
    no windowed look-up would find those documents."""
    if conn.execute("SELECT version FROM stage_versions WHERE name = ?", (_KEY_WINDOWS,)).fetchone():
        return
    if conn.execute("SELECT record_id FROM link_keys LIMIT 1").fetchone():
        run = _LinkRun(conn, None)
        for record_id, kind in conn.execute("SELECT id, type FROM records ORDER BY id").fetchall():
            if kind == "brief":
                run.refresh_brief(record_id)
            elif kind == "policy":
                run.refresh_policy(record_id)
    conn.execute("INSERT INTO stage_versions (name, version) VALUES (?, 1) ON CONFLICT (name) DO NOTHING",
                 (_KEY_WINDOWS,))


def fill_dates(conn: sqlite3.Connection) -> None:
    """link_dates for every stored policy (a database upgraded from before the table existed)."""
    ids = [row[0] for row in conn.execute("SELECT id FROM records WHERE type = 'policy' ORDER BY id")]
    for record_id, side in policy_sides(conn, ids).items():
        sync_dates(conn, record_id, side.dates)


def relink_all(connection: sqlite3.Connection, *, embedder: object = _DEFAULT) -> LinkUpdate:
    """Recompute every key, vector and link from the stored records (after a change of the matching rules,
    a newly installed [embed] extra, or on a database stored before linking existed)."""
    run_embedder = _embedder(embedder)
    try:
        with _transaction(connection) as conn:
            run = _LinkRun(conn, run_embedder)
            rows = conn.execute("SELECT id, type FROM records ORDER BY id").fetchall()
            conn.execute("INSERT INTO stage_versions (name, version) VALUES (?, 1) ON CONFLICT (name) DO NOTHING",
                         (_KEY_WINDOWS,))
            policies = [run.refresh_policy(i) for i, kind in rows if kind == "policy"]
            for record_id in (i for i, kind in rows if kind == "article"):
                run.refresh_article(record_id)
            sides = [s for i, kind in rows if kind == "brief" for s in run.refresh_brief(i)]
            conn.execute("DELETE FROM links WHERE record_id NOT IN (SELECT id FROM records WHERE type = 'policy')")
            run.relink(sides)
            counts = dict(conn.execute("SELECT status, count(*) FROM links GROUP BY status").fetchall())
    except DatabaseError as error:
        raise LinkError(f"could not re-link the store: {error}") from error
    return LinkUpdate(entries=len(sides), policies=sum(p is not None for p in policies),
                      links=sum(counts.values()), asserted=counts.get("asserted", 0),
                      proposed=counts.get("proposed", 0))


__all__ = ["fill_dates", "link_record", "relink_all"]
