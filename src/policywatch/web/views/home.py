"""Home: the latest briefs and their entries, the newest documents, targets falling due soonest, counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from policywatch.store import Counts
from policywatch.web.app import web_state
from policywatch.web.queries import (
    BriefCard,
    DocumentCard,
    DueTarget,
    EntryCard,
    due_targets,
    entries_of_briefs,
    latest_briefs,
    latest_documents,
)
from policywatch.web.responses import respond
from policywatch.web.routing import add_page

router = APIRouter()
LATEST_BRIEFS = 5
LATEST_ENTRIES = 12
LATEST_DOCUMENTS = 8
DUE_TARGETS = 10


@dataclass(frozen=True)
class HomePage:
    """What the home page shows."""

    counts: Counts
    briefs: tuple[BriefCard, ...]
    entries: tuple[EntryCard, ...]
    documents: tuple[DocumentCard, ...]
    due_targets: tuple[DueTarget, ...]


def home(request: Request) -> Response:
    """The latest briefs, entries and documents, open targets due soonest, and how much is stored."""
    web = web_state(request)
    briefs = latest_briefs(web.db, LATEST_BRIEFS)
    page = HomePage(
        counts=web.store.counts(),
        briefs=tuple(briefs),
        entries=tuple(entries_of_briefs(web.db, [b.id for b in briefs[:2]], LATEST_ENTRIES)),
        documents=tuple(latest_documents(web.db, LATEST_DOCUMENTS)),
        due_targets=tuple(due_targets(web.db, date.today().year, DUE_TARGETS)),
    )
    return respond(request, "home.html", page)


add_page(router, "/", home, name="home", payload=HomePage, summary="Home", json_path="/index.json")
