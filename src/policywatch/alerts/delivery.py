"""Delivering alerts from the outbox: signed webhook POSTs and e-mail digests, with retries.

An outbox row is marked delivered only after the receiver accepted it (HTTP 2xx, SMTP accepted), in its own
short transaction. A failure schedules a retry with exponential backoff; after MAX_ATTEMPTS the row is kept
as 'failed'. See the package docstring for the delivery guarantee.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import smtplib
import sqlite3
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

from policywatch.alerts.feed import alert_link
from policywatch.alerts.patterns import (
    EMAIL_SENDER,
    HTTP_TIMEOUT_SECONDS,
    IDEMPOTENCY_HEADER,
    MAX_ATTEMPTS,
    RETRY_BASE_SECONDS,
    RETRY_MAX_SECONDS,
    SIGNATURE_HEADER,
)
from policywatch.alerts.results import Alert, DeliveryReport, Span

HttpPost = Callable[[str, bytes, Mapping[str, str]], int]  # (url, body, headers) → HTTP status


@dataclass(frozen=True)
class SmtpSettings:
    """Where e-mail digests go out."""

    host: str
    port: int = 25
    sender: str = EMAIL_SENDER


@dataclass(frozen=True)
class _Pending:
    outbox_id: int
    channel: str
    key: str
    attempts: int
    watch: str
    webhook_url: str | None
    secret: str
    email: str | None
    alert: Alert


def urllib_post(url: str, body: bytes, headers: Mapping[str, str]) -> int:
    """POST `body` with urllib; the HTTP status (an error status is returned, not raised)."""
    request = urllib.request.Request(url, data=body, headers=dict(headers), method="POST")
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def sign(body: bytes, secret: str) -> str:
    """The X-Policywatch-Signature value: 'sha256=' + hex HMAC-SHA256 of the body keyed by the secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_payload(item: _Pending) -> bytes:
    """The JSON body POSTed for one alert; `idempotency_key` is what receivers de-duplicate on."""
    alert = item.alert
    data = {"idempotency_key": item.key, "watch": item.watch, "alert_id": alert.id,
            "record_id": alert.record_id, "entry_id": alert.entry_id, "title": alert.title, "date": alert.date,
            "link": alert_link(alert), "created_at": alert.created_at,
            "match": {"field": alert.span.field, "start": alert.span.start, "end": alert.span.end,
                      "text": alert.span.text}}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _pending(row: Any) -> _Pending:
    alert = Alert(id=row[8], watch=row[4], record_id=row[9], entry_id=row[10], title=row[11], date=row[12],
                  span=Span(field=row[13], start=row[14], end=row[15], text=row[16]), created_at=row[17])
    return _Pending(outbox_id=row[0], channel=row[1], key=row[2], attempts=row[3], watch=row[4],
                    webhook_url=row[5], secret=row[6], email=row[7], alert=alert)


def due_rows(conn: sqlite3.Connection, now: datetime) -> list[_Pending]:
    """Outbox rows waiting and due at `now`, oldest first."""
    rows = conn.execute(
        "SELECT o.id, o.channel, o.idempotency_key, o.attempts, w.name, w.webhook_url, w.secret, w.email,"
        " a.id, a.record_id, a.entry_id, a.title, a.date, a.field, a.span_start, a.span_end, a.matched_text,"
        " a.created_at FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id JOIN watches w ON w.id = a.watch_id"
        " WHERE o.status = 'pending' AND o.next_attempt_at <= ? ORDER BY o.id", (_iso(now),))
    return [_pending(row) for row in rows]


def _mark_delivered(conn: sqlite3.Connection, outbox_ids: list[int], now: datetime) -> None:
    # one statement: atomic, so a digest's rows are all marked or none
    marks = ", ".join("?" for _ in outbox_ids)
    conn.execute(f"UPDATE alert_outbox SET status = 'delivered', delivered_at = ?, attempts = attempts + 1,"
                 f" last_error = NULL WHERE id IN ({marks})", (_iso(now), *outbox_ids))


def _mark_failed(conn: sqlite3.Connection, item: _Pending, error: str, now: datetime) -> bool:
    """Record a failed attempt; True when the row will be retried, False when it is given up."""
    attempts = item.attempts + 1
    delay = min(RETRY_BASE_SECONDS * 2 ** (attempts - 1), RETRY_MAX_SECONDS)
    status = "pending" if attempts < MAX_ATTEMPTS else "failed"
    conn.execute("UPDATE alert_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?"
                 " WHERE id = ?", (status, attempts, _iso(now + timedelta(seconds=delay)), error[:500],
                                   item.outbox_id))
    return status == "pending"


def _send_webhook(item: _Pending, http_post: HttpPost) -> str | None:
    """POST one alert; None on success, else what went wrong."""
    body = webhook_payload(item)
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(body, item.secret),
               IDEMPOTENCY_HEADER: item.key}
    try:
        status = http_post(item.webhook_url or "", body, headers)
    except OSError as error:
        return f"webhook {item.webhook_url}: {error}"
    return None if 200 <= status < 300 else f"webhook {item.webhook_url}: HTTP {status}"


def digest_message(items: list[_Pending], sender: str) -> EmailMessage:
    """One e-mail listing a watchlist's alerts; its Message-ID derives from the rows' idempotency keys."""
    first = items[0]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = first.email or ""
    message["Subject"] = f"policywatch: {len(items)} new alert(s) for {first.watch}"
    digest = hashlib.sha256("|".join(item.key for item in items).encode()).hexdigest()[:32]
    message["Message-ID"] = f"<{digest}@policywatch>"
    lines = [f"- {i.alert.title} ({i.alert.date or 'undated'}) {alert_link(i.alert)}\n"
             f"  {i.alert.span.field}: {i.alert.span.text}" for i in items]
    message.set_content(f"New alerts for the watchlist {first.watch}:\n\n" + "\n".join(lines) + "\n")
    return message


def _send_digest(items: list[_Pending], smtp: SmtpSettings) -> str | None:
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=HTTP_TIMEOUT_SECONDS) as client:
            client.send_message(digest_message(items, smtp.sender))
    except (OSError, smtplib.SMTPException) as error:
        return f"smtp {smtp.host}:{smtp.port}: {error}"
    return None


def _settle(conn: sqlite3.Connection, items: list[_Pending], error: str | None, now: datetime,
            tally: dict[str, Any]) -> None:
    if error is None:
        _mark_delivered(conn, [item.outbox_id for item in items], now)
        tally["delivered"] += len(items)
        return
    tally["errors"].append(error)
    for item in items:
        tally["retried" if _mark_failed(conn, item, error, now) else "failed"] += 1


def deliver_pending(conn: sqlite3.Connection, *, now: datetime | None = None, http_post: HttpPost = urllib_post,
                    smtp: SmtpSettings | None = None) -> DeliveryReport:
    """Send every due outbox row: each webhook alert as a signed POST, each watchlist's e-mail rows as one
    digest (left waiting when `smtp` is None). Each outcome is recorded right after its send."""
    now = now or datetime.now(UTC)
    tally: dict[str, Any] = {"delivered": 0, "retried": 0, "failed": 0, "errors": []}
    digests: dict[str, list[_Pending]] = {}
    for item in due_rows(conn, now):
        if item.channel == "webhook":
            _settle(conn, [item], _send_webhook(item, http_post), now, tally)
        elif smtp is not None:
            digests.setdefault(item.watch, []).append(item)
    for items in digests.values():
        assert smtp is not None  # digests are only gathered when there is an SMTP server
        _settle(conn, items, _send_digest(items, smtp), now, tally)
    return DeliveryReport(delivered=tally["delivered"], retried=tally["retried"], failed=tally["failed"],
                          errors=tuple(tally["errors"]))
