"""The whole pipeline for a batch of files: read → parse → extract → store.

A file that fails at any stage becomes a `FileResult` with status "failed" and a one-line reason; the batch
goes on, and since each file is stored in its own transaction nothing stored earlier changes.

With `workers` > 1, files are read and parsed in a pool of processes (spawned, so it behaves the same on every
platform and never forks a process that holds a database connection or a progress thread), while the parent
stores the results one at a time, in input order, with its one store: the database sees the same writes in the
same order as a single-process run. At most `WINDOW_PER_WORKER` files per worker are in flight, so memory stays
bounded whatever the size of the folder.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from policywatch import settings
from policywatch.errors import StoreError
from policywatch.parse import parse_document
from policywatch.read import read_path
from policywatch.records import ParseResult, Unparsed

_SKIPPED_NAMES = {".DS_Store", "Thumbs.db"}
WINDOW_PER_WORKER = 4  # files submitted ahead per worker: keeps every worker busy, memory bounded
# The target ledger of a batch is brought up to date every `ledger_batch` files (setting, 1,000 by default) and at
# least this often (see `ingest_files`): bench/ingest_step.py measured the ledger's share of storing a file at
# 55 ms one file at a time, 19 ms per 50 files, 8 ms per 300.
LEDGER_BATCH_SECONDS = 60.0
LEDGER_LABEL = "(target ledger)"  # the "path" of a failed catch-up in a batch's results

Parsed = tuple[ParseResult, bytes]


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


def parse_file(path: Path) -> Parsed:
    """Read and parse one file; the raw bytes come back too so the store can keep the original.
    A top-level function of picklable values in and out: it is what the worker processes run."""
    doc = read_path(path)
    if isinstance(doc, Unparsed):
        return doc, b""
    return parse_document(doc), path.read_bytes()


def worker_count(requested: int) -> int:
    """`requested` worker processes; 0 means one per CPU."""
    if requested < 0:
        raise ValueError(f"the number of workers cannot be negative ({requested})")
    return requested or os.cpu_count() or 1


def ingest_files(
    store: object, files: Iterable[Path], *, workers: int = 1,
    on_result: Callable[[FileResult], None] | None = None,
) -> BatchReport:
    """Ingest each file into `store` (a `policywatch.store.Store`), in order, reporting each result as it
    comes. `workers` > 1 parses in that many processes (0: one per CPU); storing stays in this process.

    Each file is stored in its own transaction, its links and alerts with it; the target ledger takes the
    stored files in every `ledger_batch` files (setting) or LEDGER_BATCH_SECONDS, and once more at the end
    (`Store.catch_up_ledger`): a goal restated by many files of the batch is then loaded and written once."""
    report = BatchReport()
    count = worker_count(workers)
    every = settings.ledger_batch()
    parsed = _parse_in_order(files, count) if count > 1 else ((path, parse_file(path)) for path in files)
    ledger = _LedgerBatch(store, every)

    def add(result: FileResult) -> None:
        report.results.append(result)
        if on_result:
            on_result(result)

    for path, outcome in parsed:
        result = store_parsed(store, path, outcome, defer_ledger=every > 1)
        add(result)
        if result.status != "failed":
            ledger.queued += 1
        if ledger.due():
            ledger.catch_up(add)
    ledger.catch_up(add)
    return report


class _LedgerBatch:
    """When a batch ingest brings the target ledger up to date: every `every` stored files or
    LEDGER_BATCH_SECONDS since the last time, whichever comes first, so readers of the store never see the
    ledger more than that far behind."""

    def __init__(self, store: object, every: int) -> None:
        self.store, self.every = store, every
        self.queued = 0
        self.since = time.monotonic()

    def due(self) -> bool:
        return bool(self.queued) and (self.queued >= self.every
                                      or time.monotonic() - self.since >= LEDGER_BATCH_SECONDS)

    def catch_up(self, report: Callable[[FileResult], None]) -> None:
        """Take the queued records in; a failure is reported as one failed result (the records stay queued,
        so the next catch-up or ingest tries them again)."""
        try:
            self.store.catch_up_ledger()  # type: ignore[attr-defined]
        except StoreError as exc:
            report(FileResult(LEDGER_LABEL, "failed", message=f"{exc} ({self.queued} stored files wait for it;"
                                                              " the next ingest takes them in)"))
        self.queued = 0
        self.since = time.monotonic()


def ingest_one(store: object, path: Path) -> FileResult:
    """Read, parse and store one file (the target ledger updated with it)."""
    return store_parsed(store, path, parse_file(path))


def store_parsed(store: object, path: Path, parsed: Parsed | Unparsed, *, defer_ledger: bool = False) -> FileResult:
    """Store one parsed file (or report why it could not be parsed). `defer_ledger`: the target ledger
    update is queued for the next `Store.catch_up_ledger`."""
    if isinstance(parsed, Unparsed):
        return FileResult(str(path), "failed", message=parsed.reason)
    record, raw = parsed
    if isinstance(record, Unparsed):
        return FileResult(str(path), "failed", message=record.reason)
    try:
        outcome = store.ingest(record, raw, defer_ledger=defer_ledger)  # type: ignore[attr-defined]
    except StoreError as exc:
        return FileResult(str(path), "failed", kind=record.type, message=str(exc))
    return FileResult(str(path), outcome.status, outcome.kind, outcome.record_id, outcome.message)


# ---- parsing in worker processes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Pending:
    path: Path
    future: Future[Parsed]
    generation: int  # the pool it went to: after a restart, files sent to the old pool are sent again


class _ParsePool:
    """A spawned process pool, started again when a worker dies (a crash in a native reader, or the kernel
    killing it for memory). Then every process of the pool is gone, with whatever files they held."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.generation = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(os.getpid(),))

    def submit(self, path: Path) -> _Pending:
        try:
            future = self._executor.submit(parse_file, path)
        except BrokenProcessPool:
            self.restart()
            future = self._executor.submit(parse_file, path)
        return _Pending(path, future, self.generation)

    def restart(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = self._start()
        self.generation += 1

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(parent: int) -> None:
    """Runs first in each worker. Ctrl+C reaches the whole process group: the parent stops the batch and
    shuts the pool down, so a worker ignores it (instead of printing a traceback). A worker whose parent was
    killed (SIGKILL runs no clean-up) would wait on its queue for ever: a watcher thread ends it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _parse_in_order(files: Iterable[Path], workers: int) -> Iterator[tuple[Path, Parsed | Unparsed]]:
    """(path, parse) for each file, in input order, parsed `workers` at a time in other processes."""
    pool = _ParsePool(workers)
    window: deque[_Pending] = deque()
    paths = iter(files)
    try:
        _fill(pool, window, paths)
        while window:
            head = window.popleft()
            yield head.path, _result(pool, head, window)
            _fill(pool, window, paths)
    finally:
        pool.close()


def _fill(pool: _ParsePool, window: deque[_Pending], paths: Iterator[Path]) -> None:
    limit = pool.workers * WINDOW_PER_WORKER
    while len(window) < limit:
        path = next(paths, None)
        if path is None:
            return
        window.append(pool.submit(path))


def _result(pool: _ParsePool, pending: _Pending, window: deque[_Pending]) -> Parsed | Unparsed:
    """The parse of `pending`. When its worker died, it is parsed again alone in a new pool — so a file that
    kills the parser fails on its own, and the files that were merely in flight with it are sent again."""
    try:
        return pending.future.result()
    except (BrokenProcessPool, CancelledError):  # cancelled: it was waiting in a pool since restarted
        pass
    except Exception as exc:  # an error the worker raised, or one unpickling its result
        return _parser_error(pending.path, exc)
    pool.restart()
    try:
        parsed: Parsed | Unparsed = pool.submit(pending.path).future.result()
    except BrokenProcessPool:
        pool.restart()
        parsed = Unparsed(str(pending.path), "the parser process died while reading this file")
    except Exception as exc:
        parsed = _parser_error(pending.path, exc)
    _resubmit_stale(pool, window)
    return parsed


def _parser_error(path: Path, exc: Exception) -> Unparsed:
    return Unparsed(str(path), f"parser error ({type(exc).__name__}: {exc})")


def _resubmit_stale(pool: _ParsePool, window: deque[_Pending]) -> None:
    """The files of the window that went to a pool since restarted go to the current one, in the same order."""
    again = [p if p.generation == pool.generation else pool.submit(p.path) for p in window]
    window.clear()
    window.extend(again)
