#!/usr/bin/env python
"""Loopback load benchmark of the HTTP service (``lerbridge serve``), beside direct library
calls on the same documents in the same run.

    python benchmarks/service_load.py                       # 2,000 requests per case, concurrency 8
    python benchmarks/service_load.py --requests 200 --json out.json

The server runs as a child process (``lerbridge serve --host 127.0.0.1``) on a free
loopback port; the client is this process: ``--concurrency`` threads, each with one
keep-alive connection, send ``--requests`` requests per case (bounded: at most 20,000)
to 127.0.0.1 only (no other address is accepted). Cases: OB 3.0 -> OB 3.0 (the shipped
welding certificate) and CLR 2.0 -> LER-RS (a generated valid CLR, ``gen_clr.py``, 20
courses). Reported per case: throughput, p50/p99 latency, errors (any non-200); and the
library's own throughput and p50/p99 for ``lerbridge.convert`` of the same bytes, one call
at a time in this process. Untimed warm-up requests come first. Nothing asserts on time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import harness  # first: puts src/ on sys.path if lerbridge is not installed
from gen_clr import build_checked

import lerbridge

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = "127.0.0.1"
MAX_REQUESTS = 20_000


_REAL_CONNECT = socket.socket.connect


def loopback_only() -> None:
    """From here on this process connects to 127.0.0.1 only: any other address, and any
    name look-up, raises."""

    def connect(sock: socket.socket, address: Any) -> None:
        if not (isinstance(address, tuple) and address[0] == LOOPBACK):
            raise RuntimeError(f"the load benchmark connects to {LOOPBACK} only, not {address!r}")
        _REAL_CONNECT(sock, address)

    harness.block_network()
    socket.socket.connect = connect  # type: ignore[method-assign]


def _connection(port: int, timeout: float) -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    sock.connect((LOOPBACK, port))
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    conn.sock = sock
    return conn


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def _get(port: int, path: str) -> int:
    conn = _connection(port, 5)
    try:
        conn.request("GET", path)
        return conn.getresponse().status
    finally:
        conn.close()


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable, "-c", "from lerbridge.cli import run; run()", "serve",
        "--host", LOOPBACK, "--port", str(port), "--workers", str(workers),
        "--no-access-log", "--time-limit", "60",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if _get(port, "/healthz") == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the server did not start: " + proc.stderr.read().decode()[-2000:])


def load(port: int, path: str, body: bytes, requests: int, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def client() -> None:
        conn = _connection(port, 120)
        mine: list[float] = []
        bad: list[int] = []
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            t = time.perf_counter()
            conn.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            resp = conn.getresponse()
            resp.read()
            mine.append(time.perf_counter() - t)
            if resp.status != 200:
                bad.append(resp.status)
        conn.close()
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    return _stats(latencies, wall) | {"errors": len(errors), "requests": len(latencies)}


def _stats(latencies: list[float], wall: float) -> dict[str, Any]:
    ordered = sorted(latencies)
    return {
        "throughput_per_s": round(len(ordered) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
        "wall_s": round(wall, 2),
    }


def direct(body: bytes, to: str, calls: int) -> dict[str, Any]:
    for _ in range(3):
        lerbridge.convert(body, to=to)
    latencies = []
    start = time.perf_counter()
    for _ in range(calls):
        t = time.perf_counter()
        lerbridge.convert(body, to=to)
        latencies.append(time.perf_counter() - t)
    return _stats(latencies, time.perf_counter() - start) | {"calls": calls}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1))
    ap.add_argument("--direct-calls", type=int, default=300)
    ap.add_argument("--json", metavar="PATH")
    args = ap.parse_args(argv)
    if not 1 <= args.requests <= MAX_REQUESTS:
        ap.error(f"--requests must be between 1 and {MAX_REQUESTS}")
    badge = (ROOT / "fixtures/ob3/lerbridge-welding-certificate.json").read_bytes()
    cases = [
        ("OB 3.0 -> OB 3.0", "ob3", badge),
        ("CLR 2.0 (20 courses) -> LER-RS", "lerrs", build_checked(20)[1]),
    ]
    loopback_only()
    port = _free_port()
    server = start_server(port, args.workers)
    results: list[dict[str, Any]] = []
    try:
        for label, to, body in cases:
            path = f"/v1/convert?to={to}"
            load(port, path, body, args.workers * 4, args.concurrency)  # warm-up, untimed
            served = load(port, path, body, args.requests, args.concurrency)
            lib = direct(body, to, args.direct_calls)
            results.append({"case": label, "bytes": len(body), "service": served, "library": lib})
            print(
                f"{label}: service {served['throughput_per_s']}/s p50 {served['p50_ms']} ms "
                f"p99 {served['p99_ms']} ms errors {served['errors']} | library "
                f"{lib['throughput_per_s']}/s p50 {lib['p50_ms']} ms p99 {lib['p99_ms']} ms",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(30)
    info = {
        "requests": args.requests,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "loadavg": harness.loadavg(),
        "python": sys.version.split()[0],
        "lerbridge": lerbridge.__version__,
    }
    print(json.dumps(info))
    if args.json:
        Path(args.json).write_text(json.dumps({"run": info, "cases": results}, indent=2) + "\n")
    return 0 if all(r["service"]["errors"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
