"""Security of the web app: response headers on everything, the write token, and CSRF tokens for forms.

Reading is open; writing (upload) is off unless a token is configured, and then needs it either as
`Authorization: Bearer <token>` (scripts) or typed into the upload form, which also carries a CSRF token bound
to a cookie (double submit, signed with a per-process secret) so another site cannot post the form for a
visitor.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy",
     "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
     "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
)
CSRF_COOKIE = "policywatch_csrf"
CSRF_FIELD = "csrf"
CSRF_MAX_AGE = 2 * 60 * 60  # seconds a form stays usable

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every HTTP response (pages, JSON, errors, static files)
    unless the response set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS
                            if name.encode() not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, else None."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip() or None


def token_matches(expected: str | None, given: str | None) -> bool:
    """Constant-time comparison; False when writing is off (no token configured) or none was given."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def _signature(secret: bytes, message: str) -> str:
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def new_csrf_token(secret: bytes, now: float | None = None) -> str:
    """A fresh token: nonce.timestamp.signature."""
    issued = int(time.time() if now is None else now)
    body = f"{secrets.token_urlsafe(16)}.{issued}"
    return f"{body}.{_signature(secret, body)}"


def csrf_valid(secret: bytes, form_token: str | None, cookie_token: str | None, now: float | None = None) -> bool:
    """The form's token equals the cookie's, is signed by this process and is not too old."""
    if not form_token or not cookie_token or not hmac.compare_digest(form_token, cookie_token):
        return False
    nonce_and_time, _, signature = form_token.rpartition(".")
    _, _, issued = nonce_and_time.rpartition(".")
    if not issued.isdigit() or not hmac.compare_digest(signature, _signature(secret, nonce_and_time)):
        return False
    return 0 <= (time.time() if now is None else now) - int(issued) <= CSRF_MAX_AGE
