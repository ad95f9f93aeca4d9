"""Bounded load test (bench/load.py): the web app under `policywatch serve` on loopback, a second process firing
a fixed number of requests from a few clients. Every request must answer 200 with its kind's content type.

Runs on the store `db_target` names, so the same test covers PostgreSQL when POLICYWATCH_TEST_POSTGRES is set.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType

import pytest
from web_records import SAMPLES

from policywatch.link import using_embedder
from policywatch.pipeline import ingest_files, iter_files
from policywatch.store import open_store

LOAD_SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load.py"
REQUESTS, CLIENTS = 400, 4
BOUND_SECONDS = 20  # server start, planning and the whole run


def _load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_load", LOAD_SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


load = _load_module()


@pytest.fixture
def sample_store(db_target: str) -> str:
    # no embedder: the links it would add play no part here, and encoding would dominate the test's time
    with using_embedder(None), open_store(db_target) as store:
        report = ingest_files(store, iter_files([SAMPLES]))
    assert not report.failed, report.failed
    return db_target


def test_bounded_load_answers_every_request_with_200(sample_store: str) -> None:
    started = time.monotonic()
    result = load.run(sample_store, requests=REQUESTS, clients=CLIENTS, timeout=BOUND_SECONDS)
    assert time.monotonic() - started < BOUND_SECONDS
    assert result["requests"] == REQUESTS
    assert result["errors"] == 0, result["failures"]
    kinds = result["kinds"]
    assert set(kinds) == {"home", "search", "search.json", "targets.json", "briefs", "bodies", "record", "entry"}
    for kind, seen in kinds.items():
        assert set(seen["statuses"]) == {"200"}, (kind, seen)
        assert set(seen["content_types"]) == {seen["expects"]}, (kind, seen)
    assert result["rps"] > 0
    assert result["p50_ms"] <= result["p95_ms"] <= result["p99_ms"]


class _WrongAnswers(BaseHTTPRequestHandler):
    """Plain text for /, 404 elsewhere: both must count as errors."""

    def do_GET(self) -> None:
        body = b"not html"
        self.send_response(200 if self.path == "/" else 404)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def wrong_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _WrongAnswers)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_wrong_content_type_and_status_count_as_errors(wrong_server: str) -> None:
    plan = [load.Request("home", "/", load.HTML), load.Request("missing", "/nowhere", load.HTML)]
    result = load.fire_from_second_process(wrong_server, plan, 10, 2, timeout=BOUND_SECONDS)
    assert result["requests"] == 10
    assert result["errors"] == 10
    assert result["kinds"]["home"]["statuses"] == {"200": 5}
    assert result["kinds"]["home"]["content_types"] == {"text/plain": 5}
    assert result["kinds"]["missing"]["statuses"] == {"404": 5}
