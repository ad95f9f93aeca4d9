"""How a page answers: HTML from a template, or its JSON twin (the same URL + `.json`, or `Accept:
application/json`), and the one error envelope `{"ok": false, "error": …, "status": …}` every JSON error uses
(HTML errors show the same message and status on an error page)."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, create_model

from policywatch.records import to_plain

JSON_SUFFIX = ".json"
HTMX_TARGET_HEADER = "hx-target"


class JSONPage(JSONResponse):
    """JSON as UTF-8 text (Chinese stays readable), no NaN."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")


def _accept_weights(header: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for part in header.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        weights[media.lower()] = max(quality, weights.get(media.lower(), 0.0))
    return weights


def wants_json(request: Request) -> bool:
    """True for a `.json` URL, or when the Accept header prefers application/json to text/html."""
    if request.url.path.endswith(JSON_SUFFIX):
        return True
    weights = _accept_weights(request.headers.get("accept", ""))
    return weights.get("application/json", 0.0) > weights.get("text/html", 0.0)


def envelope(payload: Any) -> dict[str, Any]:
    """`{"ok": true, …fields of the page}`."""
    return {"ok": True, **to_plain(payload)}


def error_envelope(status: int, message: str) -> dict[str, Any]:
    """`{"ok": false, "error": message, "status": status}`."""
    return {"ok": False, "error": message, "status": status}


def respond(request: Request, template: str, payload: Any, *, extra: dict[str, Any] | None = None,
            partial: str | None = None, status: int = 200) -> Response:
    """The page as JSON (its payload in the envelope) or as HTML: the whole page, or only the `partial`
    template when HTMX asks to swap the results element."""
    if wants_json(request):
        return JSONPage(envelope(payload), status_code=status, headers={"Vary": "Accept"})
    headers = request.headers
    if (partial and headers.get("hx-request") and headers.get(HTMX_TARGET_HEADER) == "results"
            and not headers.get("hx-history-restore-request")):
        template = partial
    templates: Jinja2Templates = request.app.state.web.templates
    context = {"page": payload, **(extra or {})}
    response = templates.TemplateResponse(request, template, context, status_code=status)
    response.headers["Vary"] = "Accept, HX-Request, HX-Target"
    return response


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The error envelope as JSON, or the error page, with `status`."""
    if wants_json(request):
        return JSONPage(error_envelope(status, message), status_code=status, headers=headers)
    web = getattr(request.app.state, "web", None)
    if web is None:  # the app failed before its state was set up
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status, headers=headers)
    context = {"status": status, "message": message}
    return web.templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)


class ErrorBody(BaseModel):
    """The error envelope."""

    ok: bool = False
    error: str
    status: int


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Malformed query or parameter"},
    404: {"model": ErrorBody, "description": "No such record, entry, body or target"},
}


def page_model(payload_type: type) -> type[BaseModel]:
    """A pydantic model of a page's JSON (`ok` plus the payload dataclass's fields), for the OpenAPI spec."""
    hints = typing.get_type_hints(payload_type)
    fields: dict[str, Any] = {"ok": (bool, True)}
    for field in dataclasses.fields(payload_type):
        fields[field.name] = (hints[field.name], ...)
    return create_model(payload_type.__name__ + "Response", **fields)
