"""Policies (Chinese government documents) with the brief entries linked to them, and the links and related
reading an entry page shows. Present when the link stage (policywatch.link) is installed and its tables
exist; otherwise these routes are left out and entries show no links."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from policywatch.web.app import web_state
from policywatch.web.queries import has_table
from policywatch.web.reader import ReadOnlyDatabase
from policywatch.web.responses import respond
from policywatch.web.routing import ID_MAX, add_page

router = APIRouter()
LINK_API = ("list_policies", "policy_detail", "links_for_entry", "related", "Subject")
POLICIES_SHOWN = 500
RELATED_SHOWN = 8


def _link_module() -> ModuleType | None:
    try:
        link = importlib.import_module("policywatch.link")
    except ImportError:
        return None
    return link if all(hasattr(link, name) for name in LINK_API) else None


def available() -> bool:
    """Whether policywatch.link offers everything this module shows."""
    return _link_module() is not None


@dataclass(frozen=True)
class PolicyLink:
    """An entry's link to a policy: how it was found and how sure it is."""

    record_id: int
    title: str
    method: str
    score: float
    status: str  # asserted | proposed (a candidate for a person to confirm)
    reason: str


@dataclass(frozen=True)
class RelatedItem:
    """Something worth reading next, and why."""

    kind: str
    id: int
    title: str
    reason: str
    score: float
    url: str


def _titles(db: ReadOnlyDatabase, record_ids: list[int]) -> dict[int, str]:
    if not record_ids:
        return {}
    marks = ", ".join("?" for _ in record_ids)
    return {row[0]: row[1] or "" for row in db.rows(f"SELECT id, title FROM records WHERE id IN ({marks})",
                                                    record_ids)}


def entry_links(db: ReadOnlyDatabase, entry_id: int) -> tuple[PolicyLink, ...]:
    """The policies an entry is linked to; empty without the link stage."""
    link = _link_module()
    if link is None or not has_table(db, "links"):
        return ()
    found = link.links_for_entry(db.connection(), entry_id)
    titles = _titles(db, [x.record_id for x in found])
    return tuple(PolicyLink(x.record_id, titles.get(x.record_id, ""), x.method, x.score, x.status, x.reason)
                 for x in found)


def related_items(db: ReadOnlyDatabase, subject: object) -> tuple[RelatedItem, ...]:
    """Related entries and documents of an entry or record subject, with their page URLs."""
    link = _link_module()
    if link is None:
        return ()
    items = link.related(db.connection(), subject, limit=RELATED_SHOWN)
    return tuple(RelatedItem(r.kind, r.id, r.title, r.reason, r.score,
                             f"/entries/{r.id}" if r.kind == "entry" else f"/records/{r.id}") for r in items)


@dataclass(frozen=True)
class PolicyRow:
    id: int
    title: str
    title_en: str | None
    doc_number: str | None
    bodies: tuple[str, ...]
    doc_form: str | None
    date: str | None
    is_draft: bool
    asserted_links: int
    proposed_links: int


@dataclass(frozen=True)
class PoliciesPage:
    policies: tuple[PolicyRow, ...]
    total: int


@dataclass(frozen=True)
class PolicyPage:
    """A policy with its sources, the entries linked to it, relations and ledger targets."""

    id: int
    detail: Any  # policywatch.link.PolicyDetail


@dataclass(frozen=True)
class RelatedPage:
    """Related reading for an entry or a policy (a page of its own: finding it takes a while on a big store,
    so the entry and policy pages load it afterwards)."""

    subject_url: str
    items: tuple[RelatedItem, ...]


def policy_list(request: Request, body: Annotated[str | None, Query(max_length=80)] = None,
                since: Annotated[str | None, Query(max_length=10)] = None,
                form: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    """Stored policies, newest first; filter by body, date (on or after) and document form."""
    link = _link_module()
    assert link is not None  # the routes exist only when it does
    web = web_state(request)
    found = link.list_policies(web.db.connection(), body=body or None, since=since or None, form=form or None)
    rows = tuple(PolicyRow(p.id, p.title, p.title_en, p.doc_number, p.bodies, p.doc_form,
                           p.date_published or p.date_written, p.is_draft, p.asserted_links, p.proposed_links)
                 for p in found[:POLICIES_SHOWN])
    return respond(request, "policies.html", PoliciesPage(rows, len(found)))


def policy_page(request: Request, record_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Response:
    """One policy: titles, number, bodies, dates, the entries that report on it, relations, targets."""
    link = _link_module()
    assert link is not None
    web = web_state(request)
    detail = link.policy_detail(web.db.connection(), record_id)
    return respond(request, "policy.html", PolicyPage(record_id, detail))


def entry_related(request: Request, entry_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Response:
    """Entries and documents related to an entry, and why."""
    link = _link_module()
    assert link is not None
    web = web_state(request)
    web.store.get_entry(entry_id)  # 404 for an unknown entry
    items = related_items(web.db, link.Subject.entry(entry_id))
    return respond(request, "related.html", RelatedPage(f"/entries/{entry_id}", items))


def policy_related(request: Request, record_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Response:
    """Entries and documents related to a policy, and why."""
    link = _link_module()
    assert link is not None
    web = web_state(request)
    link.policy_detail(web.db.connection(), record_id)  # 404 for anything but a stored policy
    items = related_items(web.db, link.Subject.record(record_id))
    return respond(request, "related.html", RelatedPage(f"/policies/{record_id}", items))


add_page(router, "/policies", policy_list, name="policies", payload=PoliciesPage, summary="Policies")
add_page(router, "/policies/{record_id}", policy_page, name="policy", payload=PolicyPage,
         summary="One policy with its linked entries")
add_page(router, "/policies/{record_id}/related", policy_related, name="policy_related", payload=RelatedPage,
         summary="Reading related to a policy")
add_page(router, "/entries/{entry_id}/related", entry_related, name="entry_related", payload=RelatedPage,
         summary="Reading related to an entry")
