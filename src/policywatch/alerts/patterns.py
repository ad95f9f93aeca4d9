"""Constants of the alerts stage (data only)."""

from __future__ import annotations

# highlight() markers used to find where a watch matched in the in-memory index; control characters never
# survive index folding, so they cannot occur in the indexed text itself
MATCH_OPEN = "\x01"
MATCH_CLOSE = "\x02"

# the in-memory index uses the archive's tokenizer so a watch matches exactly what a search would
FTS_TOKENIZER = "porter unicode61 remove_diacritics 2"

CHANNELS = ("webhook", "email")
RETRY_BASE_SECONDS = 30  # first retry after 30 s, then 60, 120… (exponential backoff)
RETRY_MAX_SECONDS = 6 * 3600
MAX_ATTEMPTS = 10  # then the row is 'failed' (kept, listed, never silently dropped)
HTTP_TIMEOUT_SECONDS = 10

SIGNATURE_HEADER = "X-Policywatch-Signature"
IDEMPOTENCY_HEADER = "Idempotency-Key"
EMAIL_SENDER = "policywatch@localhost"

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_ID_PREFIX = "urn:policywatch:watch:"
ALERT_ID_PREFIX = "urn:policywatch:alert:"
UNKNOWN_MONTH = "unknown"
