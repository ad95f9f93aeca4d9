"""Briefs, documents and entries as their readers know them, and the stored original of every source."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from policywatch.records import Brief, Entry
from policywatch.store import StoredEntry, StoredRecord
from policywatch.web.app import web_state
from policywatch.web.highlight import mark_entry, mark_text
from policywatch.web.queries import BriefCard, brief_count, latest_briefs, ledger_ids_of_targets
from policywatch.web.reader import ReadOnlyDatabase
from policywatch.web.responses import ERROR_RESPONSES, error_response, respond
from policywatch.web.routing import ID_MAX, add_page, page_url
from policywatch.web.views.policies import PolicyLink, entry_links
from policywatch.web.views.policies import available as policies_available

router = APIRouter()
SHA256 = re.compile(r"[0-9a-fA-F]{64}")
BRIEFS_PER_PAGE = 50
SECTION_ORDER = ("top", "policy_news", "corporate_news")
DOWNLOAD_TYPES = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument."
                  "wordprocessingml.document"}


@dataclass(frozen=True)
class BriefListPage:
    briefs: tuple[BriefCard, ...]
    total: int
    page: int
    pages: int
    previous_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class RecordPage:
    """A brief, policy or article with its sources; `ledger_ids` are the ledger targets of the targets it
    states outside entries, in order."""

    record: StoredRecord
    ledger_ids: tuple[int | None, ...]


@dataclass(frozen=True)
class EntryPage:
    """An entry with its brief and sources; `ledger_ids[i]` is the ledger target of `entry.targets[i]`;
    the policies it is linked to (empty without the link stage). Related reading: /entries/{id}/related."""

    entry: StoredEntry
    ledger_ids: tuple[int | None, ...]
    policy_links: tuple[PolicyLink, ...]


def brief_list(request: Request, page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    """Every brief, newest first, a page at a time."""
    web = web_state(request)
    total = brief_count(web.db)
    pages = max(1, math.ceil(total / BRIEFS_PER_PAGE))
    briefs = latest_briefs(web.db, BRIEFS_PER_PAGE, (page - 1) * BRIEFS_PER_PAGE)
    listing = BriefListPage(tuple(briefs), total, page, pages,
                            page_url("/briefs", {"page": page - 1}) if page > 1 else None,
                            page_url("/briefs", {"page": page + 1}) if page < pages else None)
    return respond(request, "briefs.html", listing)


def _sections(record: StoredRecord) -> list[tuple[str, list[tuple[int, Entry]]]]:
    """A brief's entries with their ids, grouped by section in reading order."""
    if not isinstance(record.record, Brief):
        return []
    pairs = list(zip(record.entry_ids, record.record.entries, strict=False))
    return [(section, [(i, e) for i, e in pairs if e.section == section]) for section in SECTION_ORDER
            if any(e.section == section for _, e in pairs)]


def record_page(request: Request, record_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Response:
    """A brief (Top 5, Noteworthy) or a document (titles, number, bodies, dates, text, targets)."""
    web = web_state(request)
    stored = web.store.get_record(record_id)
    ledger_ids = tuple(ledger_ids_of_targets(web.db, record_id, None))
    record = stored.record
    extra = {"sections": _sections(stored), "policy_page": stored.type == "policy" and policies_available(),
             "text_html": mark_text(getattr(record, "text", ""), record.targets, ledger_ids)}
    return respond(request, "record.html", RecordPage(stored, ledger_ids), extra=extra)


def entry_page(request: Request, entry_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Response:
    """One entry: summary, key points with their targets marked, comment, document line, sources."""
    web = web_state(request)
    stored = web.store.get_entry(entry_id)
    ledger_ids = tuple(ledger_ids_of_targets(web.db, stored.record_id, entry_id))
    extra = {"marked": mark_entry(stored.entry, ledger_ids)}
    return respond(request, "entry.html", EntryPage(stored, ledger_ids, entry_links(web.db, entry_id)), extra=extra)


@router.get("/source/{sha256}", responses={200: {"content": {"application/octet-stream": {}},
                                                 "description": "The original bytes, as a download"},
                                           **ERROR_RESPONSES},
            tags=["files"], summary="Download a stored original")
def source_file(request: Request, sha256: str) -> Response:
    """The original bytes of a stored source, byte for byte, as a download (never rendered in the page)."""
    if not SHA256.fullmatch(sha256):
        return error_response(request, 400, "a source is named by the 64 hex digits of its sha256")
    web = web_state(request)
    data = web.store.blob(sha256)
    kind = _source_format(web.db, sha256)
    media = DOWNLOAD_TYPES.get(kind, "application/octet-stream")
    name = f"{sha256.lower()[:16]}.{kind or 'bin'}"
    return Response(data, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "Content-Security-Policy": "default-src 'none'; sandbox",
    })


def _source_format(db: ReadOnlyDatabase, sha256: str) -> str:
    rows = db.rows("SELECT format FROM sources WHERE sha256 = ? LIMIT 1", (sha256.lower(),))
    return str(rows[0][0]) if rows else ""


add_page(router, "/briefs", brief_list, name="briefs", payload=BriefListPage, summary="All briefs")
add_page(router, "/records/{record_id}", record_page, name="record", payload=RecordPage,
         summary="A brief, policy or article")
add_page(router, "/entries/{entry_id}", entry_page, name="entry", payload=EntryPage, summary="A brief entry")
