"""Assembling a `ReadDocument` from what a reader found: the one place that hashes bytes and sets language."""

from __future__ import annotations

import hashlib

from policywatch.errors import ReadError
from policywatch.read import patterns
from policywatch.read.language import language_of
from policywatch.records import ReadDocument, Source


def build_document(
    data: bytes,
    path: str,
    fmt: str,
    text: str,
    *,
    encoding: str | None = None,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> ReadDocument:
    """The reader's result as a record; a document without any visible text is refused, not returned empty."""
    if not text.strip():
        raise ReadError(path, f"blank {patterns.FORMAT_LABELS.get(fmt, fmt)}: no visible text")
    source = Source(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        size=len(data),
        encoding=encoding,
    )
    return ReadDocument(
        source=source,
        text=text,
        title=title or None,
        published=published or None,
        language=language_of(text),
        url=url or None,
    )
