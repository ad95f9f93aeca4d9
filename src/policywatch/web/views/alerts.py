"""Watchlists and their alerts, read-only: GET /watches (with each watch's Atom feed link), GET /alerts
(?watch=&since=) and GET /watches/{name}/feed.atom. A watch's webhook URL, e-mail and signing secret are
never shown: they are delivery settings, not data."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from policywatch.alerts import Alert, AlertsError, Watch, WatchSpec, atom_feed, list_alerts, list_watches
from policywatch.errors import QueryError
from policywatch.store.connections import open_connection
from policywatch.web.app import web_state
from policywatch.web.responses import ERROR_RESPONSES, JSONPage, error_envelope, error_response, respond
from policywatch.web.routing import add_page

router = APIRouter()
ATOM_TYPE = "application/atom+xml; charset=utf-8"
NAME_MAX = 200


@dataclass(frozen=True)
class WatchCard:
    """A watchlist as the pages show it (no delivery settings)."""

    name: str
    spec: WatchSpec
    created_at: str
    feed_url: str
    alerts_url: str


@dataclass(frozen=True)
class WatchesPage:
    watches: tuple[WatchCard, ...]


@dataclass(frozen=True)
class AlertCard:
    """One alert and the page of what it is about."""

    alert: Alert
    url: str


@dataclass(frozen=True)
class AlertsPage:
    watch: str | None
    since: str | None
    alerts: tuple[AlertCard, ...]


@contextmanager
def alerts_connection(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the app's store (its schema is in place: the app opened the store)."""
    conn = open_connection(web_state(request).store.target, read_only=True)
    with closing(conn):
        yield conn


def watch_card(watch: Watch) -> WatchCard:
    """The shown part of a watch and its links."""
    name = quote(watch.name, safe="")
    return WatchCard(watch.name, watch.spec, watch.created_at, f"/watches/{name}/feed.atom",
                     f"/alerts?watch={name}")


def alert_url(alert: Alert) -> str:
    """The web path of what the alert is about (an entry, else its record)."""
    return f"/entries/{alert.entry_id}" if alert.entry_id is not None else f"/records/{alert.record_id}"


def checked_since(since: str | None) -> str | None:
    """`since` when it is an ISO date or date-time; QueryError (a 400) otherwise."""
    if not since:
        return None
    try:
        dt.datetime.fromisoformat(since)
    except ValueError as error:
        raise QueryError(f"since must be an ISO date or time (e.g. 2024-05-01), not {since!r}") from error
    return since


def watches_page(request: Request) -> Response:
    """Every watchlist with its feed link."""
    with alerts_connection(request) as conn:
        watches = tuple(watch_card(w) for w in list_watches(conn))
    return respond(request, "watches.html", WatchesPage(watches))


def alerts_page(request: Request, watch: Annotated[str | None, Query(max_length=NAME_MAX)] = None,
                since: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    """Alerts, newest first, of one watch (404 if unknown) and raised since a date when given."""
    since = checked_since(since)
    try:
        with alerts_connection(request) as conn:
            alerts = list_alerts(conn, watch or None, since)
    except AlertsError as error:
        return error_response(request, 404, str(error))
    page = AlertsPage(watch or None, since, tuple(AlertCard(a, alert_url(a)) for a in alerts))
    return respond(request, "alerts.html", page)


def watch_feed(request: Request, name: str) -> Response:
    """The watch's Atom feed; the error envelope (404, as JSON: feed readers ask for no HTML) when there
    is no such watch."""
    try:
        with alerts_connection(request) as conn:
            feed = atom_feed(conn, name)
    except AlertsError as error:
        return JSONPage(error_envelope(404, str(error)), status_code=404)
    return Response(feed, media_type=ATOM_TYPE)


add_page(router, "/watches", watches_page, name="watches", payload=WatchesPage, summary="Watchlists")
add_page(router, "/alerts", alerts_page, name="alerts", payload=AlertsPage, summary="Alerts raised by watchlists")
router.add_api_route("/watches/{name:path}/feed.atom", watch_feed, methods=["GET"], name="watch_feed",
                     summary="A watchlist's Atom feed", responses=ERROR_RESPONSES, tags=["feeds"],
                     response_class=Response)
