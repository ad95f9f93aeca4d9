"""Reading and writing the link tables (migration 0003): lookup keys, vectors and links. Plain SQL with `?`
placeholders; the caller owns the transaction."""

from __future__ import annotations

import math
import sqlite3
from array import array
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from policywatch.link import thresholds as t
from policywatch.link.embedding import Embedder, blob_to_vector, embed_texts, text_digest, vector_to_blob
from policywatch.link.records import Link
from policywatch.link.subjects import EntrySide, Lookup, PolicySide, date_range, entry_side, policy_side
from policywatch.records import Policy
from policywatch.store.record_codec import entry_from_json, record_from_json

_Key = TypeVar("_Key", int, str)
KeyRow = tuple[int | None, str, str]  # (entry_id or None for the record itself, kind, key)
_LINK_COLUMNS = "entry_id, record_id, method, score, status, reason"


def _link(row: Sequence[Any]) -> Link:
    return Link(entry_id=row[0], record_id=row[1], method=row[2], score=row[3], status=row[4], reason=row[5])


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


# ---- subjects -------------------------------------------------------------------------------------------------


def record_type(conn: sqlite3.Connection, record_id: int) -> str | None:
    row = conn.execute("SELECT type FROM records WHERE id = ?", (record_id,)).fetchone()
    return str(row[0]) if row else None


def entry_sides(conn: sqlite3.Connection, entry_ids: Iterable[int] | None = None, *,
                record_id: int | None = None) -> list[EntrySide]:
    """The linker's view of the entries asked for (by id, or every entry of brief `record_id`)."""
    sql = ("SELECT e.id, e.record_id, e.entry_json, r.published FROM entries e JOIN records r"
           " ON r.id = e.record_id")
    if record_id is not None:
        rows = conn.execute(f"{sql} WHERE e.record_id = ? ORDER BY e.position", (record_id,)).fetchall()
        return [entry_side(row[0], row[1], entry_from_json(row[2]), row[3]) for row in rows]
    found: list[EntrySide] = []
    for chunk in _chunks(sorted(set(entry_ids or ()))):
        keys = conn.execute(f"SELECT e.id, r.fingerprint FROM entries e JOIN records r ON r.id = e.record_id"
                            f" WHERE e.id IN ({_marks(len(chunk))})", chunk).fetchall()
        missing = [row[0] for row in keys if (row[0], row[1]) not in _entry_cache]
        if missing:
            fingerprints = dict(keys)
            for row in conn.execute(f"{sql} WHERE e.id IN ({_marks(len(missing))})", missing).fetchall():
                _entry_cache[(row[0], fingerprints[row[0]])] = entry_side(row[0], row[1], entry_from_json(row[2]),
                                                                         row[3])
        found += [_entry_cache[(row[0], row[1])] for row in keys]
    while len(_entry_cache) > _ENTRY_CACHE_SIZE:
        _entry_cache.popitem(last=False)
    return found


# Candidate entries, decoded once per process: the entries of a date window are candidates of every policy
# stored in it. Keyed by the brief's content fingerprint, so an entry of a re-parsed brief is decoded again.
_entry_cache: OrderedDict[tuple[int, str], EntrySide] = OrderedDict()
_ENTRY_CACHE_SIZE = 20_000


_policy_cache: OrderedDict[tuple[int, str], PolicySide] = OrderedDict()
_POLICY_CACHE_SIZE = 50_000  # decoding a policy's JSON is the dearest step of linking: keep what was decoded


def policy_sides(conn: sqlite3.Connection, record_ids: Iterable[int]) -> dict[int, PolicySide]:
    """The linker's view of the stored policies among `record_ids` (cached per process by the record's
    content fingerprint, so a changed record is decoded again)."""
    found: dict[int, PolicySide] = {}
    for chunk in _chunks(sorted(set(record_ids))):
        # by id alone: with "type = 'policy'" in the query SQLite read every policy through the type index
        rows = [(row[0], row[1]) for row in conn.execute(
            f"SELECT id, fingerprint, type FROM records WHERE id IN ({_marks(len(chunk))})", chunk).fetchall()
            if row[2] == "policy"]
        missing = [row for row in rows if (row[0], row[1]) not in _policy_cache]
        for record_id, fingerprint in missing:
            record = record_from_json(conn.execute("SELECT record_json FROM records WHERE id = ?",
                                                   (record_id,)).fetchone()[0])
            if isinstance(record, Policy):
                _policy_cache[(record_id, fingerprint)] = policy_side(record_id, record)
        found.update({row[0]: _policy_cache[(row[0], row[1])] for row in rows if (row[0], row[1]) in _policy_cache})
    while len(_policy_cache) > _POLICY_CACHE_SIZE:
        _policy_cache.popitem(last=False)
    return found


def _chunks(ids: Sequence[_Key], size: int = 500) -> list[tuple[_Key, ...]]:
    return [tuple(ids[i:i + size]) for i in range(0, len(ids), size)]


# ---- lookup keys ----------------------------------------------------------------------------------------------


Days = tuple[str, str] | None  # the first and last ISO day an owner's dates cover (None: undated)


def sync_keys(conn: sqlite3.Connection, record_id: int, rows: set[KeyRow], days: dict[int | None, Days]) -> bool:
    """Make link_keys hold exactly `rows` for the record, each with its owner's side (0 the policy itself, 1 an
    entry) and days (`days` by entry id, None for the record); True if anything was written."""
    wanted = {(entry_id, kind, key, 0 if entry_id is None else 1, *_days_row(days.get(entry_id)))
              for entry_id, kind, key in rows}
    held = {tuple(r) for r in conn.execute("SELECT entry_id, kind, key, side, first_day, last_day, wide"
                                           " FROM link_keys WHERE record_id = ?", (record_id,))}
    if held == wanted:
        return False
    conn.execute("DELETE FROM link_keys WHERE record_id = ?", (record_id,))
    conn.executemany("INSERT INTO link_keys (record_id, entry_id, kind, key, side, first_day, last_day, wide)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     [(record_id, *row) for row in sorted(wanted, key=lambda r: (r[0] or 0, r[1], r[2]))])
    return True


NARROW_DAYS = 31  # a key row covering at most this many days is "narrow" (migration 0012): a day or a month


def _days_row(days: Days) -> tuple[str | None, str | None, int]:
    """first_day, last_day and wide of a key row."""
    if days is None:
        return None, None, 0
    span = (date.fromisoformat(days[1]) - date.fromisoformat(days[0])).days
    return days[0], days[1], int(span > NARROW_DAYS)


def _owners_sharing(conn: sqlite3.Connection, owner: str, kind: str, keys: Sequence[str], need: int,
                    window: Days) -> set[int]:
    """Owners (policies: record_id; entries: entry_id) sharing at least `need` of `keys` (of one kind), dated
    within `window` or undated (any date when `window` is None): the CANDIDATE_LIMIT sharing most, so that a
    title made of common words cannot pull in the whole store. An indexed look-up of each key's rows within
    the window (a date covers at most DATE_RANGE_MAX_DAYS, so only owners starting that long before it can
    reach into it; a narrow row, at most NARROW_DAYS), counted by the database."""
    if not keys:
        return set()
    side = 0 if owner == "record_id" else 1
    counts: Counter[int] = Counter()
    for chunk in _chunks(sorted(keys), 400):  # one chunk but for an unusually long title
        marks = _marks(len(chunk))
        base = f"SELECT {owner} AS owner, key FROM link_keys WHERE kind = ? AND key IN ({marks}) AND side = ?"
        if window is None:
            sql, params = base, (kind, *chunk, side)
        else:
            start = date.fromisoformat(window[0])
            dated = f"{base} AND wide = ? AND first_day >= ? AND first_day <= ? AND last_day >= ?"
            # UNION ALL: the three parts are disjoint, and an owner holds a key once (`sync_keys` writes a
            # set, each owner with one span of days), so nothing needs removing twice (half the time of UNION)
            sql = f"{dated} UNION ALL {dated} UNION ALL {base} AND wide = 0 AND first_day IS NULL"
            params = (kind, *chunk, side, 0, str(start - timedelta(days=NARROW_DAYS)), window[1], window[0],
                      kind, *chunk, side, 1, str(start - timedelta(days=t.DATE_RANGE_MAX_DAYS)), window[1], window[0],
                      kind, *chunk, side)
        whole = len(keys) <= 400  # else counts add up over chunks: keep every owner of each
        ranking = f" ORDER BY count(*) DESC, owner LIMIT {t.CANDIDATE_LIMIT}" if whole else ""
        counts.update(dict(conn.execute(
            f"SELECT owner, count(*) FROM ({sql}) AS shared GROUP BY owner HAVING count(*) >= ?{ranking}",
            (*params, need if whole else 1)).fetchall()))
    if window is not None and kind == "title":
        counts.update(owner_id for owner_id, _ in _nearest_outside(conn, owner, side, kind, keys, window))
    ranked = sorted((o for o, n in counts.items() if n >= need), key=lambda o: (-counts[o], o))
    return set(ranked[: t.CANDIDATE_LIMIT])


def _nearest_outside(conn: sqlite3.Connection, owner: str, side: int, kind: str, keys: Sequence[str],
                     window: tuple[str, str]) -> set[tuple[int, str]]:
    """For each exact title key, the CANDIDATE_NEAREST_OUTSIDE owners dated nearest before and after the window:
    the same title years apart is still proposed (the nearest first), at a bounded cost."""
    found: set[tuple[int, str]] = set()
    base = f"SELECT {owner}, key FROM link_keys WHERE kind = ? AND key = ? AND side = ?"
    for key in keys:
        found.update((r[0], r[1]) for r in conn.execute(
            f"{base} AND first_day < ? AND last_day < ? ORDER BY first_day DESC LIMIT ?",
            (kind, key, side, window[0], window[0], t.CANDIDATE_NEAREST_OUTSIDE)))
        found.update((r[0], r[1]) for r in conn.execute(
            f"{base} AND first_day > ? ORDER BY first_day LIMIT ?", (kind, key, side, window[1],
                                                                    t.CANDIDATE_NEAREST_OUTSIDE)))
    return found


def key_candidates(conn: sqlite3.Connection, lookup: Lookup, *, want: str, window: Days = None) -> set[int]:
    """Ids of the policies (`want="policies"`) or entries (`want="entries"`) that share an exact key with
    `lookup`, or at least CANDIDATE_GRAM_SHARE of one of its title forms' bigrams (CANDIDATE_WORD_SHARE of an
    English title's words). Title keys are looked up within `window` (`subjects.candidate_window`); a 发文字号
    names one document, so it is looked up everywhere."""
    owner = "record_id" if want == "policies" else "entry_id"
    found: set[int] = set()
    for kind in ("title", "number"):
        exact: list[str] = sorted(key for k, key in lookup.exact if k == kind)
        found |= _owners_sharing(conn, owner, kind, exact, 1, window if kind == "title" else None)
    for kind, sets, share in (("gram", lookup.gram_sets, t.CANDIDATE_GRAM_SHARE),
                              ("word", lookup.word_sets, t.CANDIDATE_WORD_SHARE)):
        for keys in sets:
            found |= _owners_sharing(conn, owner, kind, sorted(keys), max(1, math.ceil(share * len(keys))), window)
    return found


# ---- vectors ---------------------------------------------------------------------------------------------------


VectorKind = str  # "title" | "text" (see migration 0003)
VectorKey = tuple[int | None, VectorKind]  # (entry id, None for the record itself; kind)


@dataclass(frozen=True)
class StoredVector:
    record_id: int
    entry_id: int | None
    vector: array[float]


def sync_vectors(conn: sqlite3.Connection, record_id: int, texts: dict[VectorKey, str],
                 embedder: Embedder) -> None:
    """Make link_vectors hold one vector of `embedder` per text of the record (keyed by entry id and vector
    kind); vectors whose text has not changed are kept, the others embedded now."""
    held = {(row[0], row[1], row[2]): row[3] for row in conn.execute(
        "SELECT entry_id, kind, text_sha256, rowid FROM link_vectors WHERE record_id = ? AND model = ?",
        (record_id, embedder.name))}
    wanted = {(entry_id, kind, text_digest(text)): text for (entry_id, kind), text in texts.items() if text.strip()}
    conn.executemany("DELETE FROM link_vectors WHERE rowid = ?",
                     [(rowid,) for key, rowid in held.items() if key not in wanted])
    missing = [key for key in wanted if key not in held]
    vectors = embed_texts(embedder, [wanted[key] for key in missing])
    conn.executemany(
        "INSERT INTO link_vectors (record_id, entry_id, kind, model, text_sha256, vector) VALUES (?, ?, ?, ?, ?, ?)",
        [(record_id, entry_id, kind, embedder.name, digest, vector_to_blob(vector))
         for (entry_id, kind, digest), vector in zip(missing, vectors, strict=True)])


def vectors_of(conn: sqlite3.Connection, model: str, kind: VectorKind, *, where: str = "1 = 1",
               params: Sequence[Any] = ()) -> list[StoredVector]:
    """Stored vectors of `model` and `kind`, filtered by an SQL condition on link_vectors (aliased v),
    records (r) and entries (e, NULL for a record's own vector)."""
    sql = ("SELECT v.record_id, v.entry_id, v.vector FROM link_vectors v JOIN records r ON r.id = v.record_id"
           f" LEFT JOIN entries e ON e.id = v.entry_id WHERE v.model = ? AND v.kind = ? AND ({where})"
           " ORDER BY v.record_id, v.entry_id")
    rows = conn.execute(sql, (model, kind, *params))
    return [StoredVector(row[0], row[1], blob_to_vector(row[2])) for row in rows]


def policy_vectors_near(conn: sqlite3.Connection, model: str, kind: VectorKind,
                        window: tuple[str, str] | None) -> list[StoredVector]:
    """Vectors of the policies with a date within `window` (ISO days, inclusive) or with no date; of every
    policy when `window` is None. An indexed look-up in link_dates: a date covers at most
    DATE_RANGE_MAX_DAYS, so only dates starting that long before the window can reach into it."""
    if window is None:
        return vectors_of(conn, model, kind, where="r.type = 'policy' AND v.entry_id IS NULL")
    earliest = str(date.fromisoformat(window[0]) - timedelta(days=t.DATE_RANGE_MAX_DAYS))
    rows = conn.execute(
        "SELECT v.record_id, v.entry_id, v.vector FROM link_vectors v WHERE v.model = ? AND v.kind = ?"
        " AND v.entry_id IS NULL AND v.record_id IN (SELECT record_id FROM link_dates"
        " WHERE first_day BETWEEN ? AND ? AND last_day >= ? UNION SELECT record_id FROM link_dates"
        " WHERE first_day IS NULL) ORDER BY v.record_id", (model, kind, earliest, window[1], window[0]))
    return [StoredVector(row[0], row[1], blob_to_vector(row[2])) for row in rows]


def entry_vectors_near(conn: sqlite3.Connection, model: str, kind: VectorKind,
                       window: tuple[str, str] | None) -> list[StoredVector]:
    """Vectors of the entries dated within `window` (compared as ISO text) or undated; of every entry when
    `window` is None. Found through the index on entries.date."""
    if window is None:
        return vectors_of(conn, model, kind, where="v.entry_id IS NOT NULL")
    rows = conn.execute(
        "SELECT v.record_id, v.entry_id, v.vector FROM entries e JOIN link_vectors v ON v.entry_id = e.id"
        " WHERE (e.date BETWEEN ? AND ? OR e.date IS NULL) AND v.model = ? AND v.kind = ?"
        " ORDER BY v.record_id, v.entry_id", (*window, model, kind))
    return [StoredVector(row[0], row[1], blob_to_vector(row[2])) for row in rows]


def sync_dates(conn: sqlite3.Connection, record_id: int, dates: Iterable[str]) -> None:
    """Make link_dates hold the days each of the policy's dates covers (one NULL row when none is
    readable)."""
    covered = sorted({(str(r[0]), str(r[1])) for d in dates if (r := date_range(d))})
    rows: list[tuple[str | None, str | None]] = list(covered) or [(None, None)]
    held = [tuple(row) for row in conn.execute(
        "SELECT first_day, last_day FROM link_dates WHERE record_id = ? ORDER BY first_day, last_day", (record_id,))]
    if held == rows:
        return
    conn.execute("DELETE FROM link_dates WHERE record_id = ?", (record_id,))
    conn.executemany("INSERT INTO link_dates (record_id, first_day, last_day) VALUES (?, ?, ?)",
                     [(record_id, *row) for row in rows])


def vector_of(conn: sqlite3.Connection, model: str, kind: VectorKind, record_id: int,
              entry_id: int | None) -> array[float] | None:
    """The stored vector of one entry (or of the record itself when `entry_id` is None)."""
    row = conn.execute(
        "SELECT vector FROM link_vectors WHERE model = ? AND kind = ? AND record_id = ?"
        " AND (entry_id = ? OR (entry_id IS NULL AND ? IS NULL))",
        (model, kind, record_id, entry_id, entry_id)).fetchone()
    return blob_to_vector(row[0]) if row else None


# ---- links -------------------------------------------------------------------------------------------------------


def links_where(conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[Link]:
    """Links matching an SQL condition, asserted first, then by score."""
    rows = conn.execute(f"SELECT {_LINK_COLUMNS} FROM links WHERE {where}"
                        " ORDER BY (CASE status WHEN 'asserted' THEN 0 ELSE 1 END), score DESC, entry_id, record_id",
                        params)
    return [_link(row) for row in rows]


def replace_entry_links(conn: sqlite3.Connection, entry_id: int, links: Sequence[Link]) -> bool:
    """Make the entry's stored links exactly `links`; True if anything was written."""
    held = set(links_where(conn, "entry_id = ?", (entry_id,)))
    if held == set(links):
        return False
    conn.execute("DELETE FROM links WHERE entry_id = ?", (entry_id,))
    conn.executemany(f"INSERT INTO links ({_LINK_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
                     [(k.entry_id, k.record_id, k.method, k.score, k.status, k.reason) for k in links])
    return True


def linked_entry_ids(conn: sqlite3.Connection, record_id: int) -> set[int]:
    """Entries that hold a link to policy `record_id` now."""
    return {row[0] for row in conn.execute("SELECT entry_id FROM links WHERE record_id = ?", (record_id,))}


def table_exists(conn: sqlite3.Connection, name: str) -> bool:
    """Whether a table is there (the ledger's tables are optional for related documents)."""
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None
