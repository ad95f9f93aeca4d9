"""What the store hands back: frozen dataclasses (the CLI prints them, the web app serialises them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policywatch.errors import StoreError
from policywatch.records import Entry, Record

IngestStatus = Literal["new", "updated", "unchanged"]
HitKind = Literal["entry", "policy", "article"]


class RecordNotFound(StoreError):
    """No record, entry or blob has the id asked for (the web app answers 404)."""


@dataclass(frozen=True)
class IngestOutcome:
    """What one `Store.ingest` call did. `merged_with` is the existing record the source was added to as
    another edition (None when the source made a new record or was already stored)."""

    status: IngestStatus
    kind: str  # brief | policy | article
    record_id: int
    merged_with: int | None
    message: str


@dataclass(frozen=True)
class SourceInfo:
    """One stored source of a record: the file it was read from and when."""

    sha256: str
    path: str
    format: str
    size: int
    ingested_at: str


@dataclass(frozen=True)
class Snippet:
    """A stretch of the original text around the first match; `matches` are offsets into `text`."""

    text: str
    matches: tuple[tuple[int, int], ...]
    clipped_start: bool = False
    clipped_end: bool = False

    def marked(self, open_mark: str = "[", close_mark: str = "]") -> str:
        """The snippet with every match wrapped (the CLI uses [ ]; HTML would escape first, then <mark>)."""
        parts: list[str] = []
        cursor = 0
        for start, end in self.matches:
            parts += [self.text[cursor:start], open_mark, self.text[start:end], close_mark]
            cursor = end
        parts.append(self.text[cursor:])
        return ("…" if self.clipped_start else "") + "".join(parts) + ("…" if self.clipped_end else "")


@dataclass(frozen=True)
class SearchHit:
    """One matching entry, policy or article. `score` is bm25 turned positive: higher is better."""

    record_id: int
    entry_id: int | None
    kind: HitKind
    section: str | None
    title: str
    title_matches: tuple[tuple[int, int], ...]
    record_title: str | None
    date: str | None
    bodies: tuple[str, ...]
    score: float
    snippet: Snippet


@dataclass(frozen=True)
class SearchResults:
    """A page of hits, best first; `total` counts all hits, `expression` is the FTS query that ran.
    `newest_first`: the query matched too many entries to rank them all (PostgreSQL, `search_postgres`), so
    the page lists the newest matches: from `Store.search` the most recently stored, with `total` a lower
    bound ("more than"); from the web app's faceted search the latest dated, with `total` exact."""

    query: str
    expression: str
    total: int
    limit: int
    offset: int
    hits: tuple[SearchHit, ...]
    newest_first: bool = False


@dataclass(frozen=True)
class BriefSummary:
    """One line of the brief list."""

    id: int
    series: str | None
    title: str | None
    published: str | None
    entry_count: int
    sources: tuple[SourceInfo, ...]


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored (rebuilt exactly from its JSON), with its sources and the ids of its entries."""

    id: int
    type: str
    record: Record
    sources: tuple[SourceInfo, ...]
    entry_ids: tuple[int, ...]


@dataclass(frozen=True)
class StoredEntry:
    """An entry with the brief it belongs to and the sources (editions) that contain it."""

    id: int
    record_id: int
    record_title: str | None
    series: str | None
    published: str | None
    position: int
    entry: Entry
    sources: tuple[SourceInfo, ...]


@dataclass(frozen=True)
class BodyStat:
    """How often an issuing body appears: entries and records naming it, first and last date seen."""

    body_id: str
    entry_count: int
    record_count: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class Counts:
    """Row counts of the main tables."""

    records: int
    briefs: int
    policies: int
    articles: int
    entries: int
    targets: int
    sources: int
    blobs: int
    bodies: int
