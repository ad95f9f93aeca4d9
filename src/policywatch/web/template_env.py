"""The Jinja2 environment of the pages: autoescaping on, undefined names an error, and the filters the
templates use to name things (bodies, sectors, sections) and to mark text."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from policywatch.web.highlight import marked_matches, marked_snippet, target_title
from policywatch.web.labels import (
    SECTION_LABELS,
    STATUS_LABELS,
    body_label,
    body_name,
    form_label,
    sector_label,
)

SAFE_URL_SCHEMES = ("http", "https")


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: a stored `javascript:` link must never become an href."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_URL_SCHEMES else None


def number(value: Any) -> str:
    """1,234 or 2.5 (no trailing zeros); empty for None."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def file_size(size: int) -> str:
    """12 KB, 1.4 MB."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(1, round(size / 1000))} KB"


def path_part(value: Any) -> str:
    """A value quoted for use as one URL path segment (body ids contain spaces)."""
    return quote(str(value), safe="")


def environment() -> Environment:
    """A fresh environment loading policywatch/web/templates."""
    env = Environment(loader=PackageLoader("policywatch.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(
        safe_url=safe_url, number=number, file_size=file_size, path_part=path_part, body_label=body_label,
        body_name=body_name, sector_label=sector_label, form_label=form_label, matches=marked_matches,
        snippet=marked_snippet, target_title=target_title,
        section_label=lambda value: SECTION_LABELS.get(value or "", value or ""),
        status_label=lambda value: STATUS_LABELS.get(value, value),
    )
    return env
