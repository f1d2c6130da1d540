"""Convert many items in worker processes, yielding results in input order.

One bad item never stops the others: every exception of a conversion becomes a failed
:class:`Outcome` (a :class:`~lerbridge.errors.LerbridgeError` with its message and exit
code; anything else as an internal error, exit 70). Workers ignore SIGINT: the caller
(the CLI) receives it, stops iterating, and the pool is terminated when the generator is
closed. Workers only convert; writing is the caller's job, in input order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import api
from ..errors import LerbridgeError
from .inputs import Item

__all__ = ["Outcome", "convert_item", "default_jobs", "run_batch"]

EXIT_INTERNAL = 70


@dataclass
class Outcome:
    """What converting one item gave. ``documents`` are (name, bytes) pairs; ``failing``
    counts the loss entries at or above ``fail_on`` (then nothing must be written)."""

    index: int
    item: Item
    source_format: str | None = None
    target_format: str | None = None
    documents: list[tuple[str, bytes]] = field(default_factory=list)
    report: dict[str, Any] | None = None
    summary: str = ""
    pretty: list[str] = field(default_factory=list)
    lossy: bool = False
    failing: int = 0
    error: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failing


def default_jobs() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def convert_item(
    index: int, item: Item, options: dict[str, Any], fail_on: str | None = None
) -> Outcome:
    """Convert one item with :func:`lerbridge.convert` keyword ``options``."""
    out = Outcome(index, item)
    data: Any = Path(item.path) if item.path is not None else item.data
    try:
        result = api.convert(data, name=item.label, **options)
    except LerbridgeError as exc:
        out.error = {
            "message": str(exc),
            "exit_code": exc.exit_code,
            "kind": type(exc).__name__,
        }
        return out
    except Exception as exc:  # one broken item must not end the batch
        out.error = {
            "message": f"{item.label}: internal error: {type(exc).__name__}: {exc}",
            "exit_code": EXIT_INTERNAL,
            "kind": "InternalError",
        }
        return out
    report = result.report
    out.source_format, out.target_format = result.source_format, result.target_format
    out.documents = [(d.name, d.data) for d in result.documents]
    out.report = report.to_dict()
    out.summary = report.summary()
    out.pretty = [e.pretty() for e in report]
    out.lossy = bool(report.at_least("warning"))
    if fail_on is not None:
        out.failing = len(report.at_least(fail_on))  # type: ignore[arg-type]
    return out


def _task(args: tuple[int, Item, dict[str, Any], str | None]) -> Outcome:
    return convert_item(*args)


def _worker_init() -> None:
    # The parent alone handles Ctrl-C: it stops the batch and terminates the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_batch(
    items: list[Item],
    options: dict[str, Any],
    *,
    jobs: int | None = None,
    fail_on: str | None = None,
) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per item, in the order of ``items``. ``jobs`` worker
    processes (default: one per core); with one job, or one item, no process is started.
    Closing the generator early (or an exception in the caller, such as
    KeyboardInterrupt) terminates the workers."""
    jobs = default_jobs() if jobs is None else max(1, jobs)
    tasks = [(i, item, options, fail_on) for i, item in enumerate(items)]
    if jobs == 1 or len(items) <= 1:
        for task in tasks:
            yield _task(task)
        return
    # The first item is converted here: the schemas and mappings it loads are compiled
    # once, and forked workers inherit them instead of each compiling its own.
    yield _task(tasks[0])
    rest = tasks[1:]
    pool = _context().Pool(min(jobs, len(rest)), initializer=_worker_init)
    try:
        # Small chunks keep the order cheap and the workers busy to the end.
        chunk = max(1, min(8, len(rest) // (jobs * 8)))
        yield from pool.imap(_task, rest, chunksize=chunk)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
