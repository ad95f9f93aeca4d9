"""Reading alerts back: listings and the Atom 1.0 feed of a watchlist (a pull channel: nothing to deliver)."""

from __future__ import annotations

import sqlite3
import xml.etree.ElementTree as ET
from typing import Any

from policywatch.alerts.patterns import ALERT_ID_PREFIX, ATOM_NS, FEED_ID_PREFIX
from policywatch.alerts.results import Alert, Span
from policywatch.alerts.watches import get_watch

_ALERT_COLUMNS = ("a.id, w.name, a.record_id, a.entry_id, a.title, a.date, a.field, a.span_start, a.span_end,"
                  " a.matched_text, a.created_at")


def _alert(row: Any) -> Alert:
    return Alert(id=row[0], watch=row[1], record_id=row[2], entry_id=row[3], title=row[4], date=row[5],
                 span=Span(field=row[6], start=row[7], end=row[8], text=row[9]), created_at=row[10])


def list_alerts(conn: sqlite3.Connection, watch: str | None = None, since: str | None = None) -> list[Alert]:
    """Alerts, newest first; only `watch`'s when given (AlertsError if unknown), only those raised at or
    after `since` (an ISO date or time) when given."""
    sql = f"SELECT {_ALERT_COLUMNS} FROM alerts a JOIN watches w ON w.id = a.watch_id WHERE 1 = 1"
    params: list[Any] = []
    if watch is not None:
        sql += " AND a.watch_id = ?"
        params.append(get_watch(conn, watch).id)
    if since is not None:
        sql += " AND a.created_at >= ?"
        params.append(since)
    return [_alert(row) for row in conn.execute(sql + " ORDER BY a.id DESC", params)]


def alert_link(alert: Alert) -> str:
    """The web path of what the alert is about (an entry, else its record)."""
    return f"/entries/{alert.entry_id}" if alert.entry_id is not None else f"/records/{alert.record_id}"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}")
    element.text = text
    return element


def _entry(feed: ET.Element, alert: Alert) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
    _text(entry, "id", f"{ALERT_ID_PREFIX}{alert.id}")
    _text(entry, "title", alert.title)
    _text(entry, "updated", alert.created_at)
    ET.SubElement(entry, f"{{{ATOM_NS}}}link", href=alert_link(alert))
    summary = f"{alert.span.field} [{alert.span.start}:{alert.span.end}]: {alert.span.text}"
    _text(entry, "summary", summary)


def atom_feed(conn: sqlite3.Connection, watch_name: str) -> str:
    """The Atom 1.0 feed (XML text) of a watchlist's alerts, newest first; AlertsError if it is unknown.
    Entry ids are stable (one per alert), so feed readers never show an alert twice."""
    watch = get_watch(conn, watch_name)
    alerts = list_alerts(conn, watch_name)
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _text(feed, "id", f"{FEED_ID_PREFIX}{watch.name}")
    _text(feed, "title", f"policywatch: {watch.name}")
    _text(feed, "updated", alerts[0].created_at if alerts else watch.created_at)
    author = ET.SubElement(feed, f"{{{ATOM_NS}}}author")
    _text(author, "name", "policywatch")
    for alert in alerts:
        _entry(feed, alert)
    return ET.tostring(feed, encoding="unicode", xml_declaration=True)
