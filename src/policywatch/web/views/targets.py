"""The target ledger: a filterable table with charts (targets by deadline year and status, by unit), and one
target's page (its statements, baseline → target with the implied growth path, outcome, history)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field, model_validator

from policywatch.ledger import STATUSES, LedgerTargetDetail, LedgerTargetSummary, get_target, list_targets
from policywatch.web.app import web_state
from policywatch.web.charts import Column, ColumnChart, Segment, column_chart, goal_chart
from policywatch.web.labels import STATUS_LABELS
from policywatch.web.responses import respond
from policywatch.web.routing import ID_MAX, add_page, page_url

router = APIRouter()
PER_PAGE = 100
UNDATED = "none"


class TargetFilters(BaseModel):
    """Filters of the ledger table; empty form fields count as absent."""

    year: int | None = Field(None, ge=1000, le=9999, description="Deadline year")
    body: str | None = Field(None, max_length=80, description="Issuing body id named by a statement")
    unit: str | None = Field(None, max_length=40, description='A unit ("GW") or unit class ("power_kW")')
    sector: str | None = Field(None, max_length=80, description="Sector id")
    status: str | None = Field(None, max_length=20, description=", ".join(STATUSES))
    page: int = Field(1, ge=1, le=100_000)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v != ""}
        return data

    def url(self, **changes: Any) -> str:
        """The listing's URL with some filters changed (back to page 1 unless given)."""
        return page_url("/targets", {**self.model_dump(), "page": None, **changes})


@dataclass(frozen=True)
class CountRow:
    """How many targets have one value of a grouping, by status."""

    value: str
    total: int
    by_status: dict[str, int]


@dataclass(frozen=True)
class TargetsPage:
    """A page of the ledger table and the counts behind its charts (over every matching target)."""

    targets: tuple[LedgerTargetSummary, ...]
    total: int
    page: int
    pages: int
    by_year: tuple[CountRow, ...]
    by_unit: tuple[CountRow, ...]
    previous_url: str | None
    next_url: str | None


@dataclass(frozen=True)
class TargetPage:
    target: LedgerTargetDetail


def _count_rows(targets: Sequence[LedgerTargetSummary], key: str) -> tuple[CountRow, ...]:
    grouped: dict[str, Counter[str]] = {}
    for target in targets:
        value = getattr(target, key)
        grouped.setdefault(UNDATED if value is None else str(value), Counter())[target.status] += 1
    if key == "year":  # chronological, undated last
        ordered = sorted(grouped.items(), key=lambda kv: (kv[0] == UNDATED, kv[0]))
    else:  # most targets first
        ordered = sorted(grouped.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    return tuple(CountRow(value, sum(c.values()), {s: c[s] for s in STATUSES if c[s]}) for value, c in ordered)


def _status_segments(row: CountRow) -> tuple[Segment, ...]:
    return tuple(Segment(count, f"status-{status}", f"{row.value}: {count} {STATUS_LABELS[status]}")
                 for status, count in row.by_status.items())


def _status_chart(title: str, rows: Sequence[CountRow], link: Callable[[str], str]) -> ColumnChart:
    columns = [Column(row.value, _status_segments(row), link(row.value)) for row in rows]
    legend = tuple((f"status-{status}", STATUS_LABELS[status]) for status in STATUSES)
    return column_chart(title, columns, legend)


def targets_page(request: Request, filters: Annotated[TargetFilters, Query()]) -> Response:
    """Ledger targets matching the filters, soonest deadline first, with charts."""
    web = web_state(request)
    found = list_targets(web.db.connection(), year=filters.year, body=filters.body, unit=filters.unit,
                         sector=filters.sector, status=filters.status)
    pages = max(1, math.ceil(len(found) / PER_PAGE))
    start = (filters.page - 1) * PER_PAGE
    by_year, by_unit = _count_rows(found, "year"), _count_rows(found, "unit_class")
    page = TargetsPage(
        targets=tuple(found[start : start + PER_PAGE]), total=len(found), page=filters.page, pages=pages,
        by_year=by_year, by_unit=by_unit,
        previous_url=filters.url(page=filters.page - 1) if filters.page > 1 else None,
        next_url=filters.url(page=filters.page + 1) if filters.page < pages else None,
    )
    charts = {
        "year_chart": _status_chart("Targets by deadline year", by_year,
                                    lambda v: filters.url(year=None if v == UNDATED else v)),
        "unit_chart": _status_chart("Targets by unit", by_unit, lambda v: filters.url(unit=v)),
    }
    return respond(request, "targets.html", page, extra={"filters": filters, "statuses": STATUSES, **charts})


def target_page(request: Request, target_id: Annotated[int, Path(ge=1, le=ID_MAX)]) -> Response:
    """One ledger target: statements, history, outcome and derived figures, drawn as a chart."""
    web = web_state(request)
    detail = get_target(web.db.connection(), target_id)
    return respond(request, "target.html", TargetPage(detail), extra={"chart": goal_chart(detail)})


add_page(router, "/targets", targets_page, name="targets", payload=TargetsPage, summary="The target ledger")
add_page(router, "/targets/{target_id}", target_page, name="target", payload=TargetPage,
         summary="One ledger target")
