"""The SQLite store: `open_store` and `Store` (ingest, search, listings). The schema is described in
store/README.md; dialect-specific SQL lives in migrations/ and search.py."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from policywatch import settings
from policywatch.errors import StoreError
from policywatch.records import Article, Brief, Policy, Record
from policywatch.store import record_codec
from policywatch.store.dbapi import DatabaseError
from policywatch.store.editions import could_be_edition, match_keys, merge_editions, same_record
from policywatch.store.migrate import apply_migrations
from policywatch.store.query import parse_query
from policywatch.store.results import (
    BodyStat,
    BriefSummary,
    Counts,
    IngestOutcome,
    RecordNotFound,
    SearchResults,
    SourceInfo,
    StoredEntry,
    StoredRecord,
)
from policywatch.store.search import SearchFilters, run_search
from policywatch.store.writer import Edition, insert_record, update_record, write_record_rows

POSTGRES_PREFIXES = ("postgresql://", "postgres://")
MIN_SQLITE = (3, 35, 0)  # RETURNING
WAL_CHECKPOINT_PAGES = 10_000
_SOURCE_COLUMNS = "s.sha256, s.path, s.format, s.size, s.ingested_at"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _source_info(row: Any) -> SourceInfo:
    return SourceInfo(sha256=row[0], path=row[1], format=row[2], size=row[3], ingested_at=row[4])


def _label(record: Record) -> str:
    if isinstance(record, Policy):
        return record.title_zh or record.title_en or record.source.path
    return record.title or record.source.path


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _connect(path: Path) -> sqlite3.Connection:
    # autocommit mode: every transaction below is an explicit BEGIN … COMMIT
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL keeps committed data safe against a crash of the app
    # Checkpoint every ~40 MB of WAL rather than 4 MB: an ingest rewrites the same index pages file after file,
    # and each checkpoint copies them into the database once (bench/ingest_step.py: 50 → 46 ms per file).
    conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    return conn


def _open_postgres(url: str) -> Store:
    from policywatch.store import postgres  # here: psycopg is loaded only for a PostgreSQL store

    conn = postgres.connect(url)
    try:
        apply_migrations(conn)
    except DatabaseError as error:
        conn.close()
        raise StoreError(f"cannot open database {postgres.redact(url)}: {error}") from error
    except StoreError:
        conn.close()
        raise
    return Store(conn, None, url=url)


def open_store(target: str | Path | None = None) -> Store:
    """Open (creating and migrating as needed) the store at `target`: an SQLite file path or a
    postgresql:// URL; by default the `db` setting (POLICYWATCH_DB)."""
    target = settings.get("db") if target is None else target
    if str(target).startswith(POSTGRES_PREFIXES):
        return _open_postgres(str(target))
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StoreError(f"SQLite {sqlite3.sqlite_version} is too old: policywatch needs 3.35 or later")
    path = Path(target)
    if str(target) != ":memory:" and not path.parent.is_dir():
        raise StoreError(f"cannot open database {path}: folder {path.parent} does not exist")
    try:
        conn = _connect(path)
        apply_migrations(conn)
    except sqlite3.Error as error:
        raise StoreError(f"cannot open database {path}: {error}") from error
    return Store(conn, path)


class Store:
    """One database of records: an SQLite file, or a PostgreSQL database through a connection that speaks
    the same SQL (store/postgres.py). Safe to share between threads (calls are serialised)."""

    def __init__(self, conn: Any, path: Path | None, *, url: str | None = None) -> None:
        self._conn = conn
        self.path = path  # the SQLite file; None for PostgreSQL
        self.url = url  # the PostgreSQL URL; None for SQLite
        # "sqlite" or "postgres": where SQL must differ, callers ask this
        self.dialect: str = getattr(conn, "dialect", "sqlite")
        self._lock = threading.RLock()

    @property
    def target(self) -> str:
        """What `open_store` was given: the file path or the URL (for opening another connection)."""
        return self.url if self.url is not None else str(self.path)

    @property
    def location(self) -> str:
        """Where the data lives, for messages (the file path, or the URL without its password)."""
        if self.url is not None:
            from policywatch.store.postgres import redact

            return redact(self.url)
        return str(self.path)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except DatabaseError as error:
                raise StoreError(f"could not read the database: {error}") from error

    # ---- writing -------------------------------------------------------------------------------------

    def ingest(self, record: Brief | Policy | Article, raw: bytes, *, defer_ledger: bool = False) -> IngestOutcome:
        """Store one parsed document and its original bytes, in one transaction: a new record, another
        edition of a stored one ("updated"), or a no-op when these bytes parsed the same way before.
        Any failure rolls everything back and raises StoreError.

        The target ledger, links and alerts follow in the same transaction. With `defer_ledger` the ledger
        update is only queued (table ledger_pending, in this transaction): a batch ingest then calls
        `catch_up_ledger` every few hundred files, which costs far less than one update per file.
        An unchanged document got them when it was stored (or is still queued for the ledger), so they are
        not run again; it is only linked again when an embedder came in since (`links_current`)."""
        sha256 = hashlib.sha256(raw).hexdigest()
        if record.source.sha256 and record.source.sha256 != sha256:
            raise StoreError(f"{record.source.path}: the bytes given do not match the record's source sha256")
        try:
            with self._transaction() as conn:
                outcome = self._ingest(conn, record, raw, sha256)
                if outcome.status == "unchanged":
                    self._link_again_if_stale(conn, outcome.record_id)
                    return outcome
                if defer_ledger:
                    conn.execute("INSERT INTO ledger_pending (record_id) VALUES (?)"
                                 " ON CONFLICT (record_id) DO NOTHING", (outcome.record_id,))
                else:  # the target ledger follows, in this transaction (with any a batch left queued)
                    self._update_ledger(conn, [outcome.record_id])
                from policywatch.link.linker import link_record  # here: the linker imports store modules
                link_record(conn, outcome.record_id)  # links to/from Chinese originals follow, in this transaction
                from policywatch.alerts.matching import match_record  # here: alerts import store modules
                match_record(conn, outcome.record_id)  # watchlists match the new/changed record, in this transaction
                conn.execute("UPDATE data_version SET version = version + 1 WHERE id = 1")
                return outcome
        except StoreError:
            raise
        except Exception as error:
            raise StoreError(f"could not store {record.source.path}: {error}") from error

    @staticmethod
    def _link_again_if_stale(conn: sqlite3.Connection, record_id: int) -> None:
        from policywatch.link.linker import link_record, links_current  # here: the linker imports store modules

        if not links_current(conn, record_id):
            link_record(conn, record_id)
            conn.execute("UPDATE data_version SET version = version + 1 WHERE id = 1")

    def catch_up_ledger(self) -> int:
        """Bring the target ledger in step with every record a batch ingest queued (`ingest(defer_ledger=True)`),
        in one transaction; returns how many records it took in (0: nothing was queued)."""
        try:
            with self._transaction() as conn:
                pending = self._update_ledger(conn, [])
                if pending:
                    conn.execute("UPDATE data_version SET version = version + 1 WHERE id = 1")
                return pending
        except StoreError:
            raise
        except Exception as error:
            raise StoreError(f"could not update the target ledger: {error}") from error

    def pending_ledger(self) -> list[int]:
        """Records stored whose target ledger update is still queued (an interrupted batch ingest)."""
        return [int(row[0]) for row in self._read("SELECT record_id FROM ledger_pending ORDER BY record_id")]

    @staticmethod
    def _update_ledger(conn: sqlite3.Connection, record_ids: list[int]) -> int:
        """Update the ledger for `record_ids` and every queued record, emptying the queue; returns how many
        queued records it took in."""
        from policywatch.ledger.update import update_ledger_records  # here: the ledger imports store modules

        queued = [int(row[0]) for row in conn.execute("SELECT record_id FROM ledger_pending")]
        if record_ids or queued:
            update_ledger_records(conn, [*record_ids, *queued])
        if queued:
            conn.execute("DELETE FROM ledger_pending")
        return len(queued)

    def _ingest(self, conn: sqlite3.Connection, record: Record, raw: bytes, sha256: str) -> IngestOutcome:
        fingerprint = record_codec.edition_fingerprint(record)
        held = conn.execute("SELECT id, record_id, fingerprint FROM sources WHERE sha256 = ?",
                            (sha256,)).fetchone()
        path, kind = record.source.path, record.type
        if held and held[2] == fingerprint:
            return IngestOutcome("unchanged", kind, held[1], None,
                                 f"unchanged: {path} is already stored in {kind} #{held[1]}")
        if held and self._record_type(held[1]) == kind:
            edition_json = record_codec.pack_json(record_codec.record_to_json(record))
            conn.execute("UPDATE sources SET edition_json = ?, fingerprint = ?, path = ?, format = ?"
                         " WHERE id = ?", (edition_json, fingerprint, path, record.source.format, held[0]))
            self._remerge(conn, held[1])
            return IngestOutcome("updated", kind, held[1], None,
                                 f"updated {kind} #{held[1]}: {path} parses differently now")
        if held:
            self._detach_source(conn, held[0], held[1])
        return self._add(conn, record, raw, sha256, fingerprint)

    def _add(self, conn: sqlite3.Connection, record: Record, raw: bytes, sha256: str,
             fingerprint: str) -> IngestOutcome:
        conn.execute("INSERT INTO blobs (sha256, size, data) VALUES (?, ?, ?)"
                     " ON CONFLICT (sha256) DO NOTHING", (sha256, len(raw), raw))
        existing = self._find_edition_of(conn, record)
        record_id = existing if existing is not None else insert_record(conn, record, _now())
        # a record's only edition is stored as '': its record_json is that edition (see _remerge)
        edition = "" if existing is None else record_codec.pack_json(record_codec.record_to_json(record))
        source_id = conn.execute(
            "INSERT INTO sources (record_id, sha256, path, format, size, encoding, ingested_at, edition_json,"
            " fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (record_id, sha256, record.source.path, record.source.format, len(raw), record.source.encoding,
             _now(), edition, fingerprint),
        ).fetchone()[0]
        if existing is None:
            write_record_rows(conn, record_id, record, [Edition(source_id, record)])
            count = f" ({len(record.entries)} entries)" if isinstance(record, Brief) else ""
            return IngestOutcome("new", record.type, record_id, None,
                                 f"new {record.type} #{record_id}: {_label(record)}{count}")
        editions = self._remerge(conn, record_id)
        return IngestOutcome("updated", record.type, record_id, existing,
                             f"added {record.source.format} edition to {record.type} #{record_id}"
                             f" ({editions} sources)")

    def _record_type(self, record_id: int) -> str:
        return str(self._conn.execute("SELECT type FROM records WHERE id = ?", (record_id,)).fetchone()[0])

    def _find_edition_of(self, conn: sqlite3.Connection, record: Record) -> int | None:
        """The stored record `record` is another edition of, if any (the oldest when several are). Candidates
        share an indexed match key; their columns rule most out before any is decoded."""
        candidates: set[int] = set()
        for kind, key in match_keys(record):
            rows = conn.execute("SELECT record_id FROM match_keys WHERE key_kind = ? AND key = ?",
                                (kind, key))
            candidates.update(row[0] for row in rows)
        for chunk in _chunks(sorted(candidates)):
            marks = ", ".join("?" for _ in chunk)
            held = conn.execute(f"SELECT id, published, doc_number FROM records WHERE id IN ({marks}) ORDER BY id",
                                chunk).fetchall()
            for record_id, published, doc_number in held:
                if not could_be_edition(record, published, doc_number):
                    continue
                stored = conn.execute("SELECT record_json FROM records WHERE id = ?", (record_id,)).fetchone()
                if same_record(record_codec.record_from_json(stored[0]), record):
                    return int(record_id)
        return None

    def _editions(self, conn: sqlite3.Connection, record_id: int) -> list[tuple[Edition, Any]]:
        """The record's editions, oldest first, each with its stored edition_json ('' stands for the
        record's own JSON)."""
        rows = conn.execute("SELECT s.id, s.edition_json, r.record_json FROM sources s JOIN records r"
                            " ON r.id = s.record_id WHERE s.record_id = ? ORDER BY s.id", (record_id,))
        return [(Edition(row[0], record_codec.record_from_json(row[1] or row[2])), row[1]) for row in rows]

    def _remerge(self, conn: sqlite3.Connection, record_id: int) -> int:
        """Rebuild a record from all its editions; returns how many there are. A sole edition is stored as ''
        (the record is that edition); with several, each keeps its own JSON."""
        held = self._editions(conn, record_id)
        editions = [edition for edition, _ in held]
        merged = merge_editions([e.record for e in editions])
        update_record(conn, record_id, merged, _now())
        write_record_rows(conn, record_id, merged, editions)
        if len(editions) == 1:
            conn.execute("UPDATE sources SET edition_json = '' WHERE id = ?", (editions[0].source_id,))
        conn.executemany("UPDATE sources SET edition_json = ? WHERE id = ?",
                         [(record_codec.pack_json(record_codec.record_to_json(e.record)), e.source_id)
                          for e, stored in held if not stored and len(held) > 1])
        return len(editions)

    def _detach_source(self, conn: sqlite3.Connection, source_id: int, record_id: int) -> None:
        """Take a source away from its record (it now parses as another type): re-merge what is left, or
        drop the record when nothing is."""
        conn.execute("DELETE FROM sources WHERE id = ?", (source_id,))
        if conn.execute("SELECT 1 FROM sources WHERE record_id = ?", (record_id,)).fetchone():
            self._remerge(conn, record_id)
            return
        conn.execute("DELETE FROM search_docs WHERE record_id = ?", (record_id,))
        conn.execute("DELETE FROM records WHERE id = ?", (record_id,))

    # ---- search --------------------------------------------------------------------------------------

    def search(self, query: str, *, body: str | None = None, section: str | None = None,
               since: str | None = None, until: str | None = None, limit: int = 20,
               offset: int = 0) -> SearchResults:
        """Entries, policies and articles matching `query` (words, "phrases", OR/或), best first. Raises
        QueryError for a query with nothing to search or a bad filter, never anything else for user text."""
        parsed = parse_query(query)
        filters = SearchFilters(body=body, section=section, since=since, until=until)
        with self._lock:
            return run_search(self._conn, parsed, filters, limit=limit, offset=offset)

    # ---- listings ------------------------------------------------------------------------------------

    def _sources_of(self, record_ids: list[int]) -> dict[int, tuple[SourceInfo, ...]]:
        found: dict[int, list[SourceInfo]] = {record_id: [] for record_id in record_ids}
        for row in self._read(f"SELECT s.record_id, {_SOURCE_COLUMNS} FROM sources s ORDER BY s.id"):
            if row[0] in found:
                found[row[0]].append(_source_info(row[1:]))
        return {record_id: tuple(infos) for record_id, infos in found.items()}

    def briefs(self) -> list[BriefSummary]:
        """Every brief, newest first (undated last), with its entry count and sources."""
        rows = self._read(
            "SELECT r.id, r.series, r.title, r.published,"
            " (SELECT count(*) FROM entries e WHERE e.record_id = r.id)"
            " FROM records r WHERE r.type = 'brief'"
            " ORDER BY (CASE WHEN r.published IS NULL THEN 1 ELSE 0 END), r.published DESC, r.id DESC"
        )
        sources = self._sources_of([row[0] for row in rows])
        return [BriefSummary(id=row[0], series=row[1], title=row[2], published=row[3], entry_count=row[4],
                             sources=sources[row[0]]) for row in rows]

    def get_record(self, record_id: int) -> StoredRecord:
        """A record rebuilt exactly from its JSON, with sources and entry ids; RecordNotFound if absent."""
        row = self._read("SELECT type, record_json FROM records WHERE id = ?", (record_id,))
        if not row:
            raise RecordNotFound(f"no record #{record_id}")
        entry_ids = self._read("SELECT id FROM entries WHERE record_id = ? ORDER BY position", (record_id,))
        return StoredRecord(id=record_id, type=row[0][0], record=record_codec.record_from_json(row[0][1]),
                            sources=self._sources_of([record_id])[record_id],
                            entry_ids=tuple(r[0] for r in entry_ids))

    def get_entry(self, entry_id: int) -> StoredEntry:
        """An entry with its brief and the sources (editions) that contain it; RecordNotFound if absent."""
        rows = self._read(
            "SELECT e.record_id, e.position, e.entry_json, r.title, r.series, r.published"
            " FROM entries e JOIN records r ON r.id = e.record_id WHERE e.id = ?", (entry_id,))
        if not rows:
            raise RecordNotFound(f"no entry #{entry_id}")
        record_id, position, entry_json, title, series, published = rows[0]
        sources = self._read(f"SELECT {_SOURCE_COLUMNS} FROM entry_sources es JOIN sources s"
                             " ON s.id = es.source_id WHERE es.entry_id = ? ORDER BY s.id", (entry_id,))
        entry = record_codec.entry_from_json(entry_json)
        return StoredEntry(id=entry_id, record_id=record_id, record_title=title, series=series,
                           published=published, position=position, entry=entry,
                           sources=tuple(_source_info(r) for r in sources))

    def bodies(self) -> list[BodyStat]:
        """Every issuing body named, with how many entries and records name it and when: most named first."""
        rows = self._read(
            "SELECT body_id, count(DISTINCT entry_id), count(DISTINCT record_id), min(date), max(date) FROM ("
            " SELECT eb.body_id, e.id AS entry_id, e.record_id, COALESCE(e.date, r.published) AS date"
            " FROM entry_bodies eb JOIN entries e ON e.id = eb.entry_id JOIN records r ON r.id = e.record_id"
            " UNION ALL"
            " SELECT rb.body_id, NULL, rb.record_id, r.published"
            " FROM record_bodies rb JOIN records r ON r.id = rb.record_id"
            ") named GROUP BY body_id ORDER BY count(DISTINCT record_id) DESC, body_id"
        )
        return [BodyStat(body_id=r[0], entry_count=r[1], record_count=r[2], first_date=r[3], last_date=r[4])
                for r in rows]

    def counts(self) -> Counts:
        """Row counts of the main tables."""
        by_type = dict(self._read("SELECT type, count(*) FROM records GROUP BY type"))
        entries, targets, sources, blobs, bodies = self._read(
            "SELECT (SELECT count(*) FROM entries), (SELECT count(*) FROM targets),"
            " (SELECT count(*) FROM sources), (SELECT count(*) FROM blobs),"
            " (SELECT count(*) FROM"
            " (SELECT body_id FROM entry_bodies UNION SELECT body_id FROM record_bodies) named)"
        )[0]
        return Counts(records=sum(by_type.values()), briefs=by_type.get("brief", 0),
                      policies=by_type.get("policy", 0), articles=by_type.get("article", 0), entries=entries,
                      targets=targets, sources=sources, blobs=blobs, bodies=bodies)

    def blob(self, sha256: str) -> bytes:
        """The original bytes of a source, byte for byte; RecordNotFound if no source has that sha256."""
        rows = self._read("SELECT data FROM blobs WHERE sha256 = ?", (sha256.lower(),))
        if not rows:
            raise RecordNotFound(f"no stored source with sha256 {sha256}")
        return bytes(rows[0][0])

    def reset_id_sequences(self) -> None:
        """After rows were inserted with explicit ids (an import), make new ids continue after the largest.
        SQLite's INTEGER PRIMARY KEY always does; PostgreSQL's identity sequences need setting."""
        if self.dialect != "postgres":
            return
        with self._lock:
            columns = self._conn.execute(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema ="
                " current_schema() AND is_identity = 'YES' ORDER BY table_name").fetchall()
            for table, column in columns:
                self._conn.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                    f" COALESCE((SELECT max({column}) FROM {table}), 0) + 1, false)")

    def refresh_statistics(self) -> None:
        """After a bulk load (an import), give the query planner statistics of the new rows: without them
        PostgreSQL plans searches and joins as if the tables were empty."""
        with self._lock:
            self._conn.execute("ANALYZE")

    def data_version(self) -> int:
        """A number that every ingest changing the store raises (migration 0008)."""
        return int(self._read("SELECT version FROM data_version WHERE id = 1")[0][0])

    def schema_versions(self) -> list[int]:
        """Migration versions applied to this database, in order."""
        return [row[0] for row in self._read("SELECT version FROM schema_migrations ORDER BY version")]
