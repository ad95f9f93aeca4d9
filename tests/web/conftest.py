"""Web fixtures: stores built from samples/ (and hostile documents for the XSS tests), in-process clients, and
a real uvicorn server on a free loopback port for the browser and schemathesis tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from policywatch.pipeline import ingest_files, iter_files
from policywatch.store import open_store

warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient` is deprecated")
from fastapi.testclient import TestClient  # noqa: E402  (after the filter: the warning fires on import)
from web_records import SAMPLES, TOKEN, hostile_records  # noqa: E402

from policywatch.web import create_app  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SERVER_START_SECONDS = 20


def store_target(folder: Path, name: str) -> Path:
    """A new store for a fixture: an SQLite file `name` in `folder`, or a fresh PostgreSQL database when
    POLICYWATCH_TEST_POSTGRES is set (returned as a Path-typed string: the tests only pass it on)."""
    server = os.environ.get("POLICYWATCH_TEST_POSTGRES")
    if not server:
        return folder / name
    from pg_databases import fresh_database

    return fresh_database(server)  # type: ignore[return-value]


def build_sample_db(db: Path) -> Path:
    """Ingest samples/ into `db` through the normal pipeline."""
    with open_store(db) as store:
        report = ingest_files(store, iter_files([SAMPLES]))
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_db(store_target(tmp_path_factory.mktemp("web-samples"), "samples.db"))


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """samples/ plus records whose every text field holds markup, and a hostile file through the pipeline."""
    folder = tmp_path_factory.mktemp("web-hostile")
    db = build_sample_db(store_target(folder, "hostile.db"))
    with open_store(db) as store:
        for record, raw in hostile_records():
            store.ingest(record, raw)
        hostile_file = folder / "hostile-notice.txt"
        hostile_file.write_text((Path(__file__).parent / "hostile_notice.txt").read_text("utf-8"), "utf-8")
        report = ingest_files(store, [hostile_file])
    assert not report.failed, report.failed
    return db


@pytest.fixture(scope="module")
def client(sample_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(sample_db), token=""), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def hostile_client(hostile_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(hostile_db), token=""), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def writable_db(sample_db: Path, tmp_path: Path) -> Path:
    if os.environ.get("POLICYWATCH_TEST_POSTGRES"):
        return build_sample_db(store_target(tmp_path, "writable.db"))
    copy = tmp_path / "writable.db"
    shutil.copyfile(sample_db, copy)
    return copy


@pytest.fixture
def writable_client(writable_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(writable_db), token=TOKEN), raise_server_exceptions=False) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


SERVER_SCRIPT = (
    "import sys, uvicorn\n"
    "from policywatch.web import create_app\n"
    "uvicorn.run(create_app(sys.argv[1], token=''), host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')\n"
)


def _wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/index.json", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {SERVER_START_SECONDS} s")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving a store of samples/ on a free loopback port, in a child process; yields its base URL."""
    db = build_sample_db(store_target(tmp_path_factory.mktemp("web-live"), "live.db"))
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", SERVER_SCRIPT, str(db), str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
