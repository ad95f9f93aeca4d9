"""Parse stage: a `ReadDocument` becomes a `Brief`, `Policy` or `Article` — or an `Unparsed` that says why."""

from __future__ import annotations

from pathlib import Path

from policywatch.parse.article import parse_article
from policywatch.parse.brief import parse_brief
from policywatch.parse.classify import classify
from policywatch.parse.notice import looks_like_chinese_document, parse_chinese
from policywatch.records import ParseResult, ReadDocument, Unparsed


def parse_document(doc: ReadDocument) -> ParseResult:
    """Choose the parser from the text and run it. A parser failure becomes `Unparsed`, never an exception."""
    try:
        kind = classify(doc.text)
        if kind.type == "brief":
            return parse_brief(doc, series=kind.series or "Unknown series")
        if kind.type == "chinese" or (kind.kind == "news" and looks_like_chinese_document(doc)):
            return parse_chinese(doc)
        return parse_article(doc, kind=kind.kind, series=kind.series)
    except RecursionError:
        return Unparsed(doc.source.path, "document is nested too deeply to parse")
    except Exception as exc:
        return Unparsed(doc.source.path, f"parser error ({type(exc).__name__}: {exc})")


def parse_path(path: Path) -> ParseResult:
    """Read and parse one file."""
    from policywatch.read import read_path  # the read stage is imported on use: parsing text needs no readers

    doc = read_path(path)
    if isinstance(doc, Unparsed):
        return doc
    return parse_document(doc)


__all__ = ["parse_document", "parse_path"]
