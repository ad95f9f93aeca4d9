"""The whole pipeline for a batch of files: read → parse → extract → store, one file at a time.

A file that fails at any stage becomes a `FileResult` with status "failed" and a one-line reason; the batch
goes on, and since each file is stored in its own transaction nothing stored earlier changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from policywatch.errors import StoreError
from policywatch.parse import parse_document
from policywatch.read import read_path
from policywatch.records import ParseResult, Unparsed

_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # new | updated | unchanged | failed
    kind: str = ""  # brief | policy | article
    record_id: int | None = None
    message: str = ""


@dataclass
class BatchReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.status for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and every file under the folders named (recursively, in sorted order).

    A path that does not exist is yielded as is, so the caller reports it instead of skipping it silently.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name not in _SKIPPED_NAMES and not any(part.startswith(".") for part in child.parts):
                    yield child
        else:
            yield path


def parse_file(path: Path) -> tuple[ParseResult, bytes]:
    """Read and parse one file; the raw bytes come back too so the store can keep the original."""
    doc = read_path(path)
    if isinstance(doc, Unparsed):
        return doc, b""
    return parse_document(doc), path.read_bytes()


def ingest_files(
    store: object, files: Iterable[Path], *, on_result: Callable[[FileResult], None] | None = None
) -> BatchReport:
    """Ingest each file into `store` (a `policywatch.store.Store`), reporting each result as it comes."""
    report = BatchReport()
    for path in files:
        result = ingest_one(store, path)
        report.results.append(result)
        if on_result:
            on_result(result)
    return report


def ingest_one(store: object, path: Path) -> FileResult:
    record, raw = parse_file(path)
    if isinstance(record, Unparsed):
        return FileResult(str(path), "failed", message=record.reason)
    try:
        outcome = store.ingest(record, raw)  # type: ignore[attr-defined]
    except StoreError as exc:
        return FileResult(str(path), "failed", kind=record.type, message=str(exc))
    return FileResult(str(path), outcome.status, outcome.kind, outcome.record_id, outcome.message)
