"""Watchlists and alerts: saved searches matched against every new or changed record, and delivered.

* `add_watch` / `list_watches` / `remove_watch` / `preview_watch` manage watchlists (`WatchSpec`: search text
  with OR/或, bodies, sectors, companies, document form, target conditions).
* `match_record` runs inside the ingest transaction (store/sqlite.py calls it after the ledger and links):
  the record's units (a brief's entries, or the whole policy/article) are matched in a small in-memory FTS5
  index against each watch, so the cost depends on the new record, not on the archive. Each match is an
  `Alert` with the field, offsets and text that matched; one per watch and unit, so re-ingests add none.
* `atom_feed`, `list_alerts` read alerts back; `deliver_pending` sends the outbox (webhook, e-mail digest).

Delivery guarantee — no loss, at-least-once sending, exactly-once effect:

1. An alert and its outbox rows (one per channel) are written in the same transaction as the record that
   raised them. If the process dies before that commit, nothing was stored and re-ingesting the file matches
   again; after it, the rows are durable and wait as 'pending'. An alert is never stored without its rows.
2. `deliver_pending` marks a row delivered only after the receiver accepted it (HTTP 2xx / SMTP accepted). A
   failure is recorded with its attempt count and a next attempt time that doubles (30 s, 60 s, …); after
   MAX_ATTEMPTS the row is kept as 'failed', never dropped.
3. The only window for a duplicate is a crash after the receiver accepted and before the row is marked:
   the row is sent again on restart with the same idempotency key (the `Idempotency-Key` header and the
   payload's `idempotency_key`; an e-mail's Message-ID). A receiver that keeps the keys it has seen applies
   each alert exactly once. Marking before sending would turn that duplicate into a possible loss, which is
   worse for alerts. Webhook bodies are signed: `X-Policywatch-Signature: sha256=<HMAC-SHA256(body, secret)>`.

Run `deliver_pending` from one process at a time (the CLI command or a timer); two concurrent runs could
both send a due row, which the idempotency key still makes harmless.
"""

from __future__ import annotations

from policywatch.alerts.connection import open_alerts
from policywatch.alerts.delivery import HttpPost, SmtpSettings, deliver_pending, sign, urllib_post
from policywatch.alerts.feed import atom_feed, list_alerts
from policywatch.alerts.matching import match_record, preview_watch
from policywatch.alerts.results import Alert, AlertsError, DeliveryReport, Span, Watch, WatchSpec
from policywatch.alerts.watches import add_watch, get_watch, list_watches, remove_watch

__all__ = [
    "Alert", "AlertsError", "DeliveryReport", "HttpPost", "SmtpSettings", "Span", "Watch", "WatchSpec",
    "add_watch", "atom_feed", "deliver_pending", "get_watch", "list_alerts", "list_watches", "match_record",
    "open_alerts", "preview_watch", "remove_watch", "sign", "urllib_post",
]
