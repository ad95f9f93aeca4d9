"""Delivery: the Atom feed, signed webhooks with retries, e-mail digests, and crash safety."""

from __future__ import annotations

import email
import hashlib
import hmac
import json
import os
import signal
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from alert_briefs import battery_brief
from loopback import Mailbox, Received

from policywatch.alerts import (
    SmtpSettings,
    WatchSpec,
    add_watch,
    atom_feed,
    deliver_pending,
    get_watch,
    list_alerts,
    open_alerts,
)
from policywatch.alerts.patterns import MAX_ATTEMPTS, RETRY_BASE_SECONDS
from policywatch.store import Store

ATOM = "{http://www.w3.org/2005/Atom}"
BATTERY = WatchSpec(text="battery OR 电池", bodies=("SAMR",))
HERE = Path(__file__).resolve().parent


def _watch_and_ingest(store: Store, conn: sqlite3.Connection, **channels: str) -> None:
    add_watch(conn, "batteries", BATTERY, secret="s3cret", **channels)
    store.ingest(battery_brief(), b"hand-built brief")


def test_atom_feed_is_valid_atom(store: Store, conn: sqlite3.Connection) -> None:
    _watch_and_ingest(store, conn)
    root = ET.fromstring(atom_feed(conn, "batteries"))
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{tag}") is not None, tag
    (entry,) = root.findall(f"{ATOM}entry")
    assert {child.tag for child in entry} >= {f"{ATOM}id", f"{ATOM}title", f"{ATOM}updated"}
    assert entry.findtext(f"{ATOM}title", "").startswith("Oversight")
    assert "电池" in entry.findtext(f"{ATOM}summary", "")
    datetime.fromisoformat(entry.findtext(f"{ATOM}updated", ""))  # RFC 3339


def _signature_ok(headers: Mapping[str, str], body: bytes) -> bool:
    expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["X-Policywatch-Signature"], expected)


def test_webhook_reaches_receiver_signed(store: Store, conn: sqlite3.Connection, receiver: Received) -> None:
    _watch_and_ingest(store, conn, webhook_url=receiver.url)
    report = deliver_pending(conn)
    assert (report.delivered, report.retried, report.failed) == (1, 0, 0)
    ((headers, body),) = receiver.posts
    assert _signature_ok(headers, body)
    payload = json.loads(body)
    assert payload["match"]["text"] == "电池" and payload["idempotency_key"] == headers["Idempotency-Key"]
    assert deliver_pending(conn).delivered == 0  # nothing is sent twice
    assert len(receiver.posts) == 1


def test_webhook_retries_with_backoff_then_gives_up(store: Store, conn: sqlite3.Connection) -> None:
    _watch_and_ingest(store, conn, webhook_url="http://127.0.0.1:9/hook")
    calls: list[str] = []

    def refusing(url: str, body: bytes, headers: Mapping[str, str]) -> int:
        calls.append(url)
        return 503

    start = datetime.now(UTC) + timedelta(seconds=5)
    assert deliver_pending(conn, now=start, http_post=refusing).retried == 1
    due = conn.execute("SELECT attempts, next_attempt_at FROM alert_outbox").fetchone()
    retry_at = (start + timedelta(seconds=RETRY_BASE_SECONDS)).replace(microsecond=0)
    assert due[0] == 1 and datetime.fromisoformat(due[1]) == retry_at
    report = deliver_pending(conn, now=start, http_post=refusing)
    assert report.retried == 0 and len(calls) == 1  # not due yet
    moment = start
    for attempt in range(1, MAX_ATTEMPTS):
        moment += timedelta(seconds=RETRY_BASE_SECONDS * 2 ** attempt)
        report = deliver_pending(conn, now=moment, http_post=refusing)
    assert report.failed == 1 and len(calls) == MAX_ATTEMPTS
    assert conn.execute("SELECT status FROM alert_outbox").fetchone()[0] == "failed"


def test_email_digest_arrives(store: Store, conn: sqlite3.Connection, mailbox: Mailbox) -> None:
    _watch_and_ingest(store, conn, email="analyst@example.org")
    assert deliver_pending(conn).delivered == 0  # no SMTP server given: the rows wait
    report = deliver_pending(conn, smtp=SmtpSettings("127.0.0.1", mailbox.port))
    assert report.delivered == 1
    (raw,) = mailbox.messages
    message = email.message_from_bytes(raw)
    assert message["To"] == "analyst@example.org" and "batteries" in message["Subject"]
    text = message.get_payload(decode=True)
    assert isinstance(text, bytes) and "电池" in text.decode()


_INGEST_THEN_DIE = """
import os, signal, sys
from alert_briefs import battery_brief
from policywatch.store import open_store
store = open_store(sys.argv[1])
store.ingest(battery_brief(), b"hand-built brief")  # commits the alert and its outbox row
os.kill(os.getpid(), signal.SIGKILL)  # dies before any delivery
"""

_DELIVER_THEN_DIE = """
import os, signal, sys
from policywatch.alerts import deliver_pending, open_alerts, urllib_post
def post_then_die(url, body, headers):
    urllib_post(url, body, headers)  # the receiver has it ...
    os.kill(os.getpid(), signal.SIGKILL)  # ... and we die before recording the delivery
deliver_pending(open_alerts(sys.argv[1]), http_post=post_then_die)
"""


def _run_killed(script: str, db_target: str) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", script, db_target], env=env, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL


def _distinct_keys(received: Received) -> set[str]:
    return {json.loads(body)["idempotency_key"] for _, body in received.posts}


def test_killed_after_match_delivers_exactly_once(store: Store, conn: sqlite3.Connection,
                                                  receiver: Received) -> None:
    add_watch(conn, "batteries", BATTERY, secret="s3cret", webhook_url=receiver.url)
    _run_killed(_INGEST_THEN_DIE, store.target)
    assert receiver.posts == [] and len(list_alerts(conn)) == 1
    for _ in range(2):  # a restarted process, run twice
        restarted = open_alerts(store.target)
        deliver_pending(restarted)
        restarted.close()
    assert len(receiver.posts) == 1 and _signature_ok(*receiver.posts[0])


def test_killed_after_post_redelivers_same_key(store: Store, conn: sqlite3.Connection,
                                               receiver: Received) -> None:
    _watch_and_ingest(store, conn, webhook_url=receiver.url)
    _run_killed(_DELIVER_THEN_DIE, store.target)
    assert len(receiver.posts) == 1
    deliver_pending(open_alerts(store.target))
    # at-least-once: sent again after the crash, with the same key, so the receiver applies it once
    assert len(receiver.posts) == 2 and len(_distinct_keys(receiver)) == 1
    assert get_watch(conn, "batteries").webhook_url == receiver.url
