"""Timing harness for the lerbridge benchmarks: no-network guard, machine description,
calibrated round-robin repeats and medians. Knows nothing about lerbridge formats.

Method: ``time.perf_counter``; warm-up calls first (they also compile the schemas and load
the mappings lerbridge caches per process); the iteration count is calibrated so one
repeat lasts about ``Settings.target_s``; the median of ``Settings.repeats`` repeats is
reported, with min and max. The repeats of one document's operations are taken
round-robin, so a slow spell of a shared machine hits every operation alike and the
ratios stay stable when absolute times drift. The garbage collector stays on, with the
harness's own objects frozen out of its scans (see :func:`measure_all`). Nothing here
asserts on time.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the repository, and the upstream documents in it (the standards bodies',
#: validators' and wallets' files; the repository holds only documents its authors wrote).
SHARED = (ROOT / ".." / "shared").resolve()
UPSTREAM = SHARED / "fixtures-upstream"
PACKAGES = (
    "lerbridge",
    "pydantic",
    "pydantic-core",
    "jsonschema",
    "jsonschema-rs",
    "referencing",
    "orjson",
)

try:  # the installed package; else the source tree (its dependencies are still needed)
    import lerbridge  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))


# --- no network, ever ---------------------------------------------------------------------
def _no_network(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("lerbridge benchmarks: network access is disabled")


def block_network() -> None:
    """Refuse every socket connection and DNS look-up in this process."""
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.socket.connect_ex = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    socket.getaddrinfo = _no_network  # type: ignore[assignment]


# --- machine ------------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _mem_total() -> str | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return None


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def src_fingerprint() -> str:
    """sha256 (12 hex) over src/**/*.py|yaml|json: the exact code measured, even with
    uncommitted changes (others may edit src/ during a run: compared at start and end)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".json"):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (OSError, AttributeError):
        return None


def machine_info() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    dirty = _git("status", "--porcelain", "--", "src")
    return {
        "date_utc": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": _cpu_model(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
        "memory": _mem_total(),
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "python_build": " ".join(platform.python_build()),
        "executable": sys.executable,
        "packages": versions,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "src_dirty": bool(dirty),
        "src_changes": dirty.splitlines(),
        "src_sha256": src_fingerprint(),
        "loadavg_start": loadavg(),
    }


# --- timing -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    target_s: float  # wall time of one repeat
    repeats: int
    warmup_s: float
    warmup_min_calls: int
    mode: str


FULL = Settings(target_s=0.5, repeats=5, warmup_s=0.2, warmup_min_calls=5, mode="full")
QUICK = Settings(target_s=0.05, repeats=3, warmup_s=0.02, warmup_min_calls=1, mode="quick")


@dataclass
class Timing:
    op: str
    label: str
    median_us: float | None = None
    min_us: float | None = None
    max_us: float | None = None
    ops_per_s: float | None = None
    iterations: int = 0
    repeats: int = 0
    samples_us: list[float] = field(default_factory=list)
    x_floor: float | None = None
    x_jsonschema: float | None = None
    error: str | None = None


@dataclass
class Job:
    op: str
    label: str
    fn: Callable[[], Any]


@dataclass
class DocResult:
    """One document's timings and the facts printed with them (never asserted)."""

    label: str
    path: str
    fmt: str
    bytes: int
    checks: dict[str, Any]
    timings: list[Timing]
    extra: dict[str, Any] = field(default_factory=dict)

    def timing(self, op: str) -> Timing | None:
        return next((t for t in self.timings if t.op == op), None)


def run_n(fn: Callable[[], Any], n: int) -> float:
    perf = time.perf_counter
    loop = range(n)
    t0 = perf()
    for _ in loop:
        fn()
    return perf() - t0


def error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def calibrate(fn: Callable[[], Any], s: Settings) -> int:
    """Warm up, then the iteration count that makes one repeat last ~``s.target_s``.
    A call slower than a tenth of the target is timed from the warm-up alone (so a
    0.5 s conversion is not run again just to learn that it takes 0.5 s)."""
    calls, t_start = 0, time.perf_counter()
    last = 0.0
    while calls < s.warmup_min_calls or time.perf_counter() - t_start < s.warmup_s:
        t0 = time.perf_counter()
        fn()
        last = time.perf_counter() - t0
        calls += 1
    if last >= s.target_s / 10:
        return max(1, round(s.target_s / last))
    n = 1
    while True:  # grow until a batch takes >= 1/10 of the target, then scale up
        dt = run_n(fn, n)
        if dt >= s.target_s / 10:
            break
        n *= 2 if dt <= 0 else max(2, min(10, int(s.target_s / 10 / dt) + 1))
    return max(1, round(n * s.target_s / dt))


def measure_all(jobs: list[Job], s: Settings, progress: str = "") -> list[Timing]:
    """Warm up and calibrate every job, then take the repeats round-robin (job 1, job 2,
    ..., job 1, job 2, ...). A job that raises is reported, not fatal: src/ may be
    changing under the benchmark.

    The objects alive before the first call (compiled schemas, the parsed document, the
    record the write jobs use, the modules) are frozen (``gc.freeze``): the collector
    stays on for everything the measured calls allocate, but its full collections do not
    walk the harness's own heap, which otherwise made the floor of the 1.4 MiB CLR swing
    between 9 and 20 ms with what else the process held."""
    gc.collect()
    gc.freeze()  # what the harness holds (schemas, documents, records) stays out of GC scans
    try:
        return _measure(jobs, s, progress)
    finally:
        gc.unfreeze()


def _measure(jobs: list[Job], s: Settings, progress: str) -> list[Timing]:
    timings = [Timing(j.op, j.label) for j in jobs]
    counts = [0] * len(jobs)
    samples: list[list[float]] = [[] for _ in jobs]
    for i, job in enumerate(jobs):
        _say(progress, f"calibrating {job.op}")
        try:
            counts[i] = calibrate(job.fn, s)
        except Exception as exc:
            timings[i].error = error_text(exc)
    for r in range(s.repeats):
        _say(progress, f"repeat {r + 1}/{s.repeats}")
        for i, job in enumerate(jobs):
            if timings[i].error:
                continue
            try:
                samples[i].append(run_n(job.fn, counts[i]) / counts[i])
            except Exception as exc:
                timings[i].error = error_text(exc)
    for t, n, xs in zip(timings, counts, samples, strict=True):
        if t.error or not xs:
            continue
        med = statistics.median(xs)
        t.median_us = med * 1e6
        t.min_us = min(xs) * 1e6
        t.max_us = max(xs) * 1e6
        t.ops_per_s = 1.0 / med if med > 0 else None
        t.iterations = n
        t.repeats = len(xs)
        t.samples_us = [round(x * 1e6, 3) for x in xs]
    return timings


def add_ratios(timings: list[Timing]) -> None:
    """``x_floor`` and ``x_jsonschema``: median over the median of the "floor" and
    "jsonschema" operations of the same document."""
    by_op = {t.op: t for t in timings}
    for t in timings:
        if t.median_us is None:
            continue
        for ref, attr in (("floor", "x_floor"), ("jsonschema", "x_jsonschema")):
            base = by_op.get(ref)
            if base is not None and base.median_us:
                setattr(t, attr, t.median_us / base.median_us)


def _say(progress: str, what: str) -> None:
    if progress:
        print(f"  {progress}: {what}", file=sys.stderr, flush=True)


def relpath(path: Path) -> str:
    """Shown path: repository-relative, or ``../shared/...`` for the upstream documents."""
    if path.is_relative_to(ROOT):
        return str(path.relative_to(ROOT))
    if path.is_relative_to(SHARED):
        return f"../shared/{path.relative_to(SHARED).as_posix()}"
    return str(path)


def require_upstream(*paths: Path) -> None:
    """Stop with a clear message (before any timing) when an upstream document is absent."""
    missing = [p for p in paths if not p.is_file()]
    if missing:
        names = "\n".join(f"  {relpath(p)}  ({p})" for p in missing)
        raise SystemExit(
            "benchmark documents not found:\n"
            f"{names}\n"
            "Upstream documents are read from ../shared/fixtures-upstream, beside the "
            "repository (not shipped in it). Put that folder there, or run a group that does "
            "not need it (--only resume skips the absent ones)."
        )
