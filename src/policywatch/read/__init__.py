"""read stage: bytes of a file → `ReadDocument` (text in reading order + metadata) or `Unparsed`.

The reader is chosen by sniffing the content (PDF magic, a zip holding word/document.xml, markup),
not by trusting the extension. Every problem with the input becomes `Unparsed(path, reason)`.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from policywatch import settings
from policywatch.errors import ReadError
from policywatch.read.docx import read_docx
from policywatch.read.html import read_html
from policywatch.read.pdf import read_pdf
from policywatch.read.size import size_problem
from policywatch.read.sniff import sniff_format
from policywatch.read.text import read_text
from policywatch.records import ReadDocument, Unparsed

_READERS: dict[str, Callable[[bytes, str], ReadDocument]] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "html": read_html,
    "text": read_text,
    "markdown": lambda data, path: read_text(data, path, "markdown"),
}
_UNSUPPORTED = {
    "zip": "ZIP archive without word/document.xml, not a DOCX document",
    "ole": "legacy Office file (.doc/.xls), not supported: save it as DOCX or PDF",
}


def read_path(path: Path, *, max_bytes: int | None = None) -> ReadDocument | Unparsed:
    """Read the file at `path`; its size is checked against the limit before its contents are read."""
    limit = settings.max_bytes() if max_bytes is None else max_bytes
    name = str(path)
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            return Unparsed(name, "is a directory, not a file")
        if not stat.S_ISREG(status.st_mode):
            return Unparsed(name, "not a regular file (a device, pipe or socket)")
        problem = size_problem(status.st_size, limit)
        if problem is not None:
            return Unparsed(name, problem)
        data = path.read_bytes()
    except OSError as exc:
        return Unparsed(name, f"cannot read file ({exc.strerror or exc})")
    return read_bytes(data, name, max_bytes=limit)


def read_bytes(data: bytes, path: str, *, max_bytes: int | None = None) -> ReadDocument | Unparsed:
    """Read a document given as bytes; `path` names it in the result and its extension hints Markdown/HTML."""
    limit = settings.max_bytes() if max_bytes is None else max_bytes
    problem = size_problem(len(data), limit)
    if problem is not None:
        return Unparsed(path, problem)
    if not data:
        return Unparsed(path, "empty file")
    kind = sniff_format(data, path)
    if kind in _UNSUPPORTED:
        return Unparsed(path, _UNSUPPORTED[kind])
    try:
        return _READERS[kind](data, path)
    except ReadError as exc:
        return Unparsed(path, exc.problem)
    except (RecursionError, MemoryError, RuntimeError, ValueError, KeyError, IndexError, TypeError) as exc:
        # a parsing library choked on input we could not vet: still a value that says why
        first_line = str(exc).splitlines()[0] if str(exc) else ""
        return Unparsed(path, f"cannot read this {kind} file ({type(exc).__name__}: {first_line})")


__all__ = ["read_bytes", "read_path"]
