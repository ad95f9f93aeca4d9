"""Bounded load test of the web app: `policywatch serve` on a loopback port, and a second process that sends a
fixed number of requests from a few client threads, then stops.

    .venv/bin/python bench/load.py --db bench/out/scale-100000.db [--requests 2000] [--clients 8] [--save]
    .venv/bin/python bench/load.py --db postgresql://…

The server is the real command (`python -m policywatch serve --db DB --port P`, read-only: no write token),
started in a child process and stopped at the end. The parent asks the running app for a brief's and a ledger
target's id (through its JSON pages, so any backend works) and plans the request mix (`plan`): the home page,
search pages (English, Chinese, phrases, OR, several result pages), the JSON search with facets and filters,
the ledger (/targets.json), the brief list, the body list, a brief and an entry page. The load generator is a
second process (`--fire`, internal) whose threads each keep one HTTP/1.1 connection and take the next request
from the shared plan until `--requests` have been sent.

A request counts as an error if it raises, or answers anything but 200 with the content type its kind expects.
The result (JSON; printed, and with `--save` written to bench/results/load-<backend>-<label>.json) has
requests/s, p50 / p95 / p99 in ms, the error count, and per kind the statuses, content types and p50 / p95.
The searches repeat over the run, so the app's answer cache serves some of them: this measures the app as a
reader meets it, not the cold search (bench/scale.py measures that).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results"
START_SECONDS = 60
HTML, JSON = "text/html", "application/json"
SEARCHES = ("storage", "储能", "机器人", "rare earth", '"action plan"', "工业机器人 OR robots", "MIIT",
            "光伏 OR photovoltaic", "高质量发展", "hydrogen standards", "锂离子电池", "专精特新")


@dataclass(frozen=True)
class Request:
    kind: str
    path: str
    expects: str  # content type (without parameters)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def backend_of(db: str) -> str:
    return "postgres" if db.startswith(("postgresql://", "postgres://")) else "sqlite"


@contextmanager
def served(db: str, log: Path | None = None) -> Iterator[str]:
    """`policywatch serve` on a free loopback port (read-only), until the block ends; yields its base URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "POLICYWATCH_TOKEN"}
    output = log.open("w") if log else subprocess.DEVNULL
    server = subprocess.Popen([sys.executable, "-m", "policywatch", "serve", "--db", db, "--host", "127.0.0.1",
                               "--port", str(port)], stdout=output, stderr=output, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log:
            output.close()  # type: ignore[union-attr]


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode} before answering")
        try:
            with urllib.request.urlopen(base + "/index.json", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"the server did not answer within {START_SECONDS} s")


def _json(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.loads(response.read())


def plan(base: str, seed: int = 7) -> list[Request]:
    """The request mix: one of each, searches several times over (ids come from the app itself)."""
    rng = random.Random(seed)
    briefs = _json(base, "/briefs.json").get("briefs", [])
    brief_ids = [b["id"] for b in briefs]
    entry_ids: list[int] = []
    if brief_ids:
        entry_ids = list(_json(base, f"/records/{brief_ids[0]}.json")["record"]["entry_ids"])
    requests = [Request("home", "/", HTML), Request("briefs", "/briefs", HTML), Request("bodies", "/bodies", HTML),
                Request("targets.json", "/targets.json", JSON)]
    for query in SEARCHES:
        for page in (1, 2):
            requests.append(Request("search", "/search?" + urlencode({"q": query, "page": page}), HTML))
        filters = rng.choice(({}, {"body": "MIIT"}, {"section": "top"}, {"has_targets": 1}, {"since": "2020"}))
        requests.append(Request("search.json", "/search.json?" + urlencode({"q": query, **filters}), JSON))
    requests += [Request("record", f"/records/{i}", HTML) for i in rng.sample(brief_ids, min(3, len(brief_ids)))]
    requests += [Request("entry", f"/entries/{i}", HTML) for i in rng.sample(entry_ids, min(3, len(entry_ids)))]
    rng.shuffle(requests)
    return requests


# ---- the load generator (runs in the second process) ---------------------------------------------------

class Tally:
    """What the client threads saw, under one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.by_kind: dict[str, list[float]] = {}
        self.errors = 0
        self.statuses: dict[str, Counter[str]] = {}
        self.content_types: dict[str, Counter[str]] = {}
        self.failures: Counter[str] = Counter()

    def add(self, request: Request, took_ms: float, status: str, content_type: str) -> None:
        ok = status == "200" and content_type == request.expects
        with self.lock:
            self.latencies.append(took_ms)
            self.by_kind.setdefault(request.kind, []).append(took_ms)
            self.statuses.setdefault(request.kind, Counter())[status] += 1
            self.content_types.setdefault(request.kind, Counter())[content_type] += 1
            if not ok:
                self.errors += 1
                self.failures[f"{status} {content_type} {request.path}"] += 1


def _client(host: str, port: int, requests: list[Request], take: Iterator[int], take_lock: threading.Lock,
            tally: Tally) -> None:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    while True:
        with take_lock:
            n = next(take, None)
        if n is None:
            break
        request = requests[n % len(requests)]
        started = time.perf_counter()
        try:
            connection.request("GET", request.path, headers={"Connection": "keep-alive"})
            response = connection.getresponse()
            response.read()
            status, content_type = str(response.status), response.getheader("content-type", "").split(";")[0]
        except (OSError, http.client.HTTPException) as error:
            status, content_type = type(error).__name__, ""
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=60)
        tally.add(request, (time.perf_counter() - started) * 1000, status, content_type.strip())
    connection.close()


def fire(base: str, requests: list[Request], count: int, clients: int) -> dict[str, Any]:
    """Send `count` requests from `clients` threads (each one connection), in plan order; then stop."""
    parts = urlsplit(base)
    take, take_lock, tally = iter(range(count)), threading.Lock(), Tally()
    threads = [threading.Thread(target=_client, args=(parts.hostname, parts.port, requests, take, take_lock, tally))
               for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    cuts = _percentiles(tally.latencies)
    return {"requests": len(tally.latencies), "clients": clients, "seconds": round(seconds, 2),
            "rps": round(len(tally.latencies) / seconds, 1), "p50_ms": round(statistics.median(tally.latencies), 1),
            "p95_ms": round(cuts[94], 1), "p99_ms": round(cuts[98], 1), "max_ms": round(max(tally.latencies), 1),
            "errors": tally.errors, "failures": dict(tally.failures.most_common(10)),
            "kinds": {kind: {"statuses": dict(statuses), "content_types": dict(tally.content_types[kind]),
                             "expects": next(r.expects for r in requests if r.kind == kind),
                             "p50_ms": round(statistics.median(tally.by_kind[kind]), 1),
                             "p95_ms": round(_percentiles(tally.by_kind[kind])[94], 1)}
                      for kind, statuses in sorted(tally.statuses.items())}}


def _percentiles(samples: list[float]) -> list[float]:
    """The 1st to 99th percentile (one sample: itself for each)."""
    return statistics.quantiles(samples, n=100, method="inclusive") if len(samples) > 1 else samples * 99


def fire_from_second_process(base: str, requests: list[Request], count: int, clients: int,
                             timeout: float) -> dict[str, Any]:
    """Run `fire` in a new Python process (this script with --fire), so the load generator shares no
    interpreter (GIL) with whoever started it."""
    plan_json = json.dumps([[r.kind, r.path, r.expects] for r in requests])
    done = subprocess.run([sys.executable, __file__, "--fire", base, "--requests", str(count), "--clients",
                           str(clients)], input=plan_json, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"the load generator failed ({done.returncode}): {done.stderr[-2000:]}")
    return dict(json.loads(done.stdout))


def run(db: str, requests: int = 2000, clients: int = 8, timeout: float = 600,
        log: Path | None = None) -> dict[str, Any]:
    """Serve `db`, plan the mix, fire `requests` requests from a second process; the result with the plan."""
    with served(db, log) as base:
        requests_plan = plan(base)
        result = fire_from_second_process(base, requests_plan, requests, clients, timeout)
    result["backend"] = backend_of(db)
    result["plan"] = sorted(Counter(r.kind for r in requests_plan).items())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--db", help="SQLite file or postgresql:// URL")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8, help="client threads (one connection each)")
    parser.add_argument("--save", action="store_true", help="write bench/results/load-<backend>-<label>.json")
    parser.add_argument("--label", help="names the saved result [the SQLite file's name, or the database's]")
    parser.add_argument("--fire", help=argparse.SUPPRESS)  # internal: be the load generator for this base URL
    args = parser.parse_args()
    if args.fire:
        requests = [Request(*row) for row in json.loads(sys.stdin.read())]
        print(json.dumps(fire(args.fire, requests, args.requests, args.clients)))
        return
    if not args.db:
        parser.error("--db is required")
    result = run(args.db, args.requests, args.clients)
    result["db"] = args.db if backend_of(args.db) == "sqlite" else "postgresql://…"
    result["load_average"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=1, ensure_ascii=False))
    print(f"\n{result['backend']}: {result['requests']} requests, {result['clients']} clients: {result['rps']} req/s,"
          f" p50 {result['p50_ms']} / p95 {result['p95_ms']} / p99 {result['p99_ms']} ms, {result['errors']} errors")
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        label = args.label or Path(urlsplit(args.db).path).stem
        (RESULTS / f"load-{result['backend']}-{label}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False)
                                                                + "\n", "utf-8")


if __name__ == "__main__":
    main()
