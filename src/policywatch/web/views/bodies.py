"""Issuing bodies: the list with counts, and one body's page (names in both languages, predecessors and
successor, documents over time as a chart, co-issuers, newest entries and documents)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from policywatch.registry import IssuingBody, get_body
from policywatch.store import RecordNotFound
from policywatch.web import body_stats
from policywatch.web.app import web_state
from policywatch.web.body_stats import YearCount
from policywatch.web.charts import Column, Segment, column_chart
from policywatch.web.labels import BodyName, body_name
from policywatch.web.queries import DocumentCard, EntryCard, document_cards, entry_cards
from policywatch.web.responses import respond
from policywatch.web.routing import add_page

router = APIRouter()
CO_ISSUERS = 12
LATEST = 15


@dataclass(frozen=True)
class BodyRow:
    """A body in the list: names and how often stored entries and documents name it."""

    id: str
    name_en: str | None
    name_zh: str | None
    entry_count: int
    record_count: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class BodiesPage:
    bodies: tuple[BodyRow, ...]


@dataclass(frozen=True)
class CoIssuerRow:
    body: BodyName
    count: int


@dataclass(frozen=True)
class BodyPage:
    """One body. Registry fields are empty for an id the registry does not know."""

    id: str
    name_en: str | None
    name_zh: str | None
    other_names_en: tuple[str, ...]
    other_names_zh: tuple[str, ...]
    acronyms: tuple[str, ...]
    kind: str | None
    active: bool | None
    predecessors: tuple[BodyName, ...]
    successor: BodyName | None
    years: tuple[YearCount, ...]
    co_issuers: tuple[CoIssuerRow, ...]
    entries: tuple[EntryCard, ...]
    documents: tuple[DocumentCard, ...]


def _year_columns(years: tuple[YearCount, ...]) -> list[Column]:
    """One column per year from the first to the last, empty years included."""
    counts = {int(y.year): y.count for y in years if y.year.isdigit()}
    if not counts:
        return []
    return [Column(str(year), (Segment(counts.get(year, 0), "bar", f"{year}: {counts.get(year, 0)}"),))
            for year in range(min(counts), max(counts) + 1)]


def body_list(request: Request) -> Response:
    """Every body named in stored entries or documents, most named first."""
    web = web_state(request)
    rows = []
    for stat in body_stats.all_bodies(web.tables):
        name = body_name(stat.body_id)
        rows.append(BodyRow(stat.body_id, name.name_en, name.name_zh, stat.entry_count, stat.record_count,
                            stat.first_date, stat.last_date))
    return respond(request, "bodies.html", BodiesPage(tuple(rows)))


def _registry_body(body_id: str) -> IssuingBody | None:
    try:
        return get_body(body_id)
    except KeyError:
        return None


def body_page(request: Request, body_id: Annotated[str, Path(max_length=120)]) -> Response:
    """A body's names, history, activity over time and co-issuers; 404 when neither the registry nor any
    stored document knows it."""
    web = web_state(request)
    body = _registry_body(body_id)
    if body is None and not body_stats.is_named(web.tables, body_id):
        raise RecordNotFound(f"no issuing body {body_id!r}")
    years = tuple(body_stats.years(web.tables, body_id))
    entry_ids, record_ids = body_stats.newest(web.tables, body_id, LATEST)
    co_issuers = body_stats.co_issuers(web.tables, body_id, CO_ISSUERS)
    page = BodyPage(
        id=body_id, name_en=body.name_en if body else None, name_zh=body.name_zh if body else None,
        other_names_en=body.names_en if body else (), other_names_zh=body.names_zh if body else (),
        acronyms=body.acronyms if body else (), kind=body.kind if body else None,
        active=body.active if body else None,
        predecessors=tuple(body_name(p) for p in body.predecessors) if body else (),
        successor=body_name(body.successor) if body and body.successor else None,
        years=years,
        co_issuers=tuple(CoIssuerRow(body_name(c.body_id), c.count) for c in co_issuers),
        entries=tuple(entry_cards(web.db, entry_ids)), documents=tuple(document_cards(web.db, record_ids)),
    )
    chart = column_chart("Entries and documents naming it, by year", _year_columns(years))
    return respond(request, "body.html", page, extra={"chart": chart if years else None})


add_page(router, "/bodies", body_list, name="bodies", payload=BodiesPage, summary="Issuing bodies")
add_page(router, "/bodies/{body_id}", body_page, name="body", payload=BodyPage, summary="One issuing body")
