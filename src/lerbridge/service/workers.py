"""The conversion workers: a fixed set of processes, one request at a time each.

Why processes and not threads: a conversion is CPU-bound Python, and the only way to stop
one that runs past the time limit *for certain* is to end the process running it (a
thread cannot be killed, and a cooperative check would have to be threaded through every
reader, mapping and writer). A request that exceeds ``time_limit`` has its worker killed
(SIGKILL) and replaced; the caller gets a 504 problem. The number of workers is the
concurrency limit; requests beyond it wait in a bounded queue, then get a 503."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import multiprocessing.connection
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread

READY = "ready"


class Busy(Exception):
    """No worker became free in time, or the queue is full."""


class TimeLimit(Exception):
    """The job ran past the time limit; its worker was killed."""


class WorkerLost(Exception):
    """The worker died (killed by the system, out of memory...)."""


def _refuse(*_args: Any, **_kwargs: Any) -> None:
    raise OSError("lerbridge workers make no network connections")


def _worker_main(conn: multiprocessing.connection.Connection) -> None:
    # This process exists only to run conversions: refusing outgoing connections here is
    # the service's second guard behind lerbridge's own rule that nothing is fetched.
    socket.socket.connect = _refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse  # type: ignore[method-assign,assignment]
    socket.create_connection = _refuse  # type: ignore[assignment]
    from .jobs import run_job, warm_up

    warm_up()
    conn.send(READY)
    while True:
        try:
            job = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if job is None:
            return
        conn.send(run_job(*job))


@dataclass
class _Worker:
    process: Any
    conn: multiprocessing.connection.Connection
    ready: bool = False


@dataclass
class PoolStats:
    killed: int = 0
    lost: int = 0
    busy: int = 0
    waiting: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class WorkerPool:
    def __init__(self, size: int, time_limit: float, queue_limit: int, queue_wait: float):
        self.size = size
        self.time_limit = time_limit
        self.queue_limit = queue_limit
        self.queue_wait = queue_wait
        self.stats = PoolStats()
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child,), daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        self._all.append(worker)
        return worker

    async def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(self._spawn())

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._all if w.process.is_alive()]

    async def run(self, kind: str, body: bytes, params: dict[str, Any]) -> dict[str, Any]:
        assert self._idle is not None, "the pool is not started"
        if self.stats.waiting >= self.queue_limit and self._idle.empty():
            raise Busy
        self.stats.waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.queue_wait)
        except TimeoutError:
            raise Busy from None
        finally:
            self.stats.waiting -= 1
        self.stats.busy += 1
        try:
            return await anyio.to_thread.run_sync(self._roundtrip, worker, (kind, body, params))
        except (TimeLimit, WorkerLost):
            self._retire(worker)
            worker = self._spawn()
            raise
        finally:
            self.stats.busy -= 1
            self._idle.put_nowait(worker)

    def _roundtrip(self, worker: _Worker, job: tuple[str, bytes, dict[str, Any]]) -> Any:
        try:
            if not worker.ready:  # start-up (imports) does not count against the limit
                if not worker.conn.poll(300) or worker.conn.recv() != READY:
                    raise WorkerLost
                worker.ready = True
            worker.conn.send(job)
            if not worker.conn.poll(self.time_limit):
                with self.stats.lock:
                    self.stats.killed += 1
                raise TimeLimit
            return worker.conn.recv()
        except (EOFError, OSError):
            with self.stats.lock:
                self.stats.lost += 1
            raise WorkerLost from None

    def _retire(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        self._all.remove(worker)

    async def close(self) -> None:
        for w in list(self._all):
            with contextlib.suppress(OSError):
                w.conn.send(None)
        deadline = time.monotonic() + 5
        for w in list(self._all):
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()
        self._all.clear()
