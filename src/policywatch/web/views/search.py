"""Search: one box for English and Chinese, facets with counts, date range, sort, pages, marked snippets."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, model_validator

from policywatch.errors import QueryError
from policywatch.store.results import SearchHit
from policywatch.web import facets
from policywatch.web.app import web_state
from policywatch.web.labels import HAS_TARGETS_LABELS, SECTION_LABELS, body_label, form_label, sector_label
from policywatch.web.responses import respond, wants_json
from policywatch.web.routing import add_page, page_url

router = APIRouter()
MAX_PAGE = 500
FACET_TITLES = {"section": "Section", "body": "Issuing body", "sector": "Sector", "year": "Year",
                "form": "Document form", "has_targets": "Targets"}
FILTER_NAMES = ("section", "body", "sector", "year", "form", "has_targets", "since", "until")


class SearchParams(BaseModel):
    """What the search page reads from the URL; empty form fields count as absent."""

    q: str = Field("", max_length=500, description='Words or "a phrase", English or Chinese; OR between terms')
    section: str | None = Field(None, max_length=40, description="top, policy_news, corporate_news, policy, article")
    body: str | None = Field(None, max_length=80, description="Issuing body id, e.g. MIIT")
    sector: str | None = Field(None, max_length=80, description="Sector id, e.g. batteries")
    year: int | None = Field(None, ge=1000, le=9999)
    form: str | None = Field(None, max_length=20, description="Document form, e.g. 通知 or 实施方案")
    has_targets: bool | None = None
    since: str | None = Field(None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")
    until: str | None = Field(None, max_length=10, description="YYYY, YYYY-MM or YYYY-MM-DD")
    sort: Literal["relevance", "date"] = "relevance"
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(20, ge=1, le=100)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v != ""}
        return data

    def filters(self) -> facets.FacetFilters:
        """The filters for the store."""
        return facets.FacetFilters(body=self.body, section=self.section, since=self.since, until=self.until,
                                   sector=self.sector, year=self.year, form=self.form, has_targets=self.has_targets)

    def url(self, **changes: Any) -> str:
        """This search's URL with some parameters changed (page back to 1 unless given)."""
        values = self.model_dump()
        values.update({"page": None, **changes})
        if values.get("sort") == "relevance":
            values["sort"] = None
        if values.get("per_page") == 20:
            values["per_page"] = None
        return page_url("/search", values)


@dataclass(frozen=True)
class Hit(SearchHit):
    """A search hit with the URL of its page."""

    url: str = ""


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class Facet:
    name: str
    title: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class ActiveFilter:
    name: str
    value: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class SearchPage:
    """A page of results with the facets of the whole result set."""

    query: str
    sort: str
    page: int
    per_page: int
    total: int
    pages: int
    hits: tuple[Hit, ...]
    facets: tuple[Facet, ...]
    filters: tuple[ActiveFilter, ...]
    previous_url: str | None
    next_url: str | None
    newest_first: bool = False  # asked for relevance, but too many matches to rank (PostgreSQL): newest first


def _hit_url(hit: SearchHit) -> str:
    return f"/entries/{hit.entry_id}" if hit.entry_id is not None else f"/records/{hit.record_id}"


def _with_url(hit: SearchHit) -> Hit:
    values = {f.name: getattr(hit, f.name) for f in dataclasses.fields(hit)}
    return Hit(**values, url=_hit_url(hit))


def _label(name: str, value: str) -> str:
    if name == "section":
        return SECTION_LABELS.get(value, value)
    if name == "body":
        return body_label(value)
    if name == "sector":
        return sector_label(value)
    if name == "form":
        return form_label(value)
    if name == "has_targets":
        return HAS_TARGETS_LABELS.get(value, value)
    return value


def _current(params: SearchParams, name: str) -> str | None:
    value = getattr(params, name)
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _facets(params: SearchParams, counts: facets.FacetCounts) -> tuple[Facet, ...]:
    shown = []
    for name, pairs in counts.items():
        current = _current(params, name)
        values = tuple(FacetValue(value, _label(name, value), count, value == current,
                                  params.url(**{name: None if value == current else value}))
                       for value, count in pairs)
        shown.append(Facet(name, FACET_TITLES[name], values))
    return tuple(shown)


def _active(params: SearchParams) -> tuple[ActiveFilter, ...]:
    active = []
    for name in FILTER_NAMES:
        value = _current(params, name)
        if value is not None:
            label = f"{name} {value}" if name in ("since", "until") else _label(name, value)
            active.append(ActiveFilter(name, value, label, params.url(**{name: None})))
    return tuple(active)


def _empty_page(params: SearchParams) -> SearchPage:
    return SearchPage("", params.sort, 1, params.per_page, 0, 0, (), (), _active(params), None, None)


def search_page(request: Request, params: Annotated[SearchParams, Query()]) -> Response:
    """Entries, policies and articles matching the query, with facet counts and filters."""
    if not params.q.strip():
        if wants_json(request):
            raise QueryError("give a query: q is empty")
        return respond(request, "search.html", _empty_page(params), partial="search_results.html")
    web = web_state(request)
    offset = (params.page - 1) * params.per_page
    found = web.search.search(params.q, params.filters(), sort=params.sort, limit=params.per_page, offset=offset)
    results = found.results
    pages = math.ceil(results.total / params.per_page)
    page = SearchPage(
        query=params.q, sort=params.sort, page=params.page, per_page=params.per_page, total=results.total,
        pages=pages, hits=tuple(_with_url(hit) for hit in results.hits),
        facets=_facets(params, found.facets), filters=_active(params),
        previous_url=params.url(page=params.page - 1) if params.page > 1 else None,
        next_url=params.url(page=params.page + 1) if params.page < min(pages, MAX_PAGE) else None,
        newest_first=results.newest_first,
    )
    return respond(request, "search.html", page, partial="search_results.html")


add_page(router, "/search", search_page, name="search", payload=SearchPage, summary="Search")
