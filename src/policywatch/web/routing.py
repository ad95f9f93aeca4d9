"""Registering a page and its JSON twin with one handler, and building the links pages put in their HTML."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from policywatch.web.responses import ERROR_RESPONSES, JSON_SUFFIX, page_model

ID_MAX = 2**63 - 1  # SQLite's largest integer: a bigger id in a URL is a 400, never an overflow
HTML_NOTE = ("Server-rendered HTML. The same data as JSON: the same URL + `.json`, or send "
             "`Accept: application/json`.")


def add_page(router: APIRouter, path: str, endpoint: Callable[..., Any], *, name: str, payload: type,
             summary: str, json_path: str | None = None) -> None:
    """Register `endpoint` at `path` (HTML) and at `path + .json` (JSON, documented with `payload`'s model).
    The JSON route goes first so `/entries/5.json` never reaches `/entries/{id}` as id "5.json"."""
    router.add_api_route(json_path or path + JSON_SUFFIX, endpoint, methods=["GET"], name=f"{name}_json",
                         response_model=page_model(payload), responses=ERROR_RESPONSES, summary=f"{summary} (JSON)",
                         tags=["json"])
    router.add_api_route(path, endpoint, methods=["GET"], name=name, response_class=HTMLResponse,
                         response_model=None, responses=ERROR_RESPONSES, summary=summary, description=HTML_NOTE,
                         tags=["pages"])


def page_url(path: str, params: Mapping[str, Any]) -> str:
    """`path?…` with the parameters that have a value (None and "" are left out)."""
    query = urlencode([(k, _text(v)) for k, v in params.items() if v is not None and v != ""])
    return f"{path}?{query}" if query else path


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
