#!/usr/bin/env python
"""lerbridge throughput benchmark: OB 3.0 conversion against two yardsticks.

Run from the repository root, with the interpreter that has lerbridge installed
(e.g. ``source /tmp/venv/bin/activate`` first, or call ``/tmp/venv/bin/python``)::

    python benchmarks/bench.py                  # full run: 5 repeats x ~0.5 s per measurement
    python benchmarks/bench.py --quick          # CI smoke: 3 short repeats; numbers are rough
    python benchmarks/bench.py --json out.json  # also write machine-readable results
    python benchmarks/bench.py --profile        # cProfile of ob3->ob3 conversion of the
                                                # complete spec example (no timing table)
    python benchmarks/bench.py --doc PATH       # add an OB 3.0 JSON file to the documents

For each document (the small signed credential, the complete OB 3.0 spec example, the
welding certificate; add more with ``--doc PATH``) it times:

* ``floor``      ``orjson.loads`` + ``orjson.dumps`` of the same bytes (the cheapest possible
                 parse-and-serialise; no mapping, no checking);
* ``jsonschema`` python-jsonschema full validation, ``list(validator.iter_errors(doc))``, of
                 the already-parsed document against the official OB 3.0 schema
                 (``lerbridge.specs.schema("ob3/achievementcredential")``, draft 2019-09),
                 with a ``Draft201909Validator`` built once over a referencing ``Registry``
                 that refuses every retrieval (the schema is self-contained: checked);
* ``rs-valid``   jsonschema-rs ``is_valid(doc)`` on the same schema (reference: this is the
                 check lerbridge itself runs on its input and its output);
* ``convert``    ``lerbridge.convert(bytes, to="ob3", from_="ob3")`` - parse, input schema
                 check, mapping to the canonical model, write, output schema check;
* ``read``       ``lerbridge.read(bytes, "ob3")`` only;
* ``write``      ``lerbridge.write(record, "ob3")`` only (with its output schema check);
* ``write-noval`` ``lerbridge.write(record, "ob3", validate=False)`` (no schema check);
* ``canonical``  ``lerbridge.convert(bytes, to="canonical", from_="ob3")``.

Method: ``time.perf_counter``; warm-up calls first (they also compile schemas and load
mappings, which are cached per process); then the iteration count is calibrated so one
repeat lasts ~0.5 s, and the median of 5 repeats is reported (per-op time), with min/max.
The repeats of a document's operations are taken round-robin, so a slow spell of a shared
machine hits every operation alike and the ratios stay stable even when absolute times
drift. The garbage collector stays enabled (a long-running converter pays for it too). The
numbers are single-threaded, in-process. Ratios are ``time(op) / time(floor)`` and
``time(op) / time(jsonschema)``; docs/minute is ``60 / time(convert)`` on one core.

``--profile`` prints: the top 25 functions by cumulative time (and the top 15 by own
time, and own time grouped by module) for ``convert`` of the complete example; the top 15
for the small signed credential (whose read runs the ``_seal`` dry-run write);
unprofiled "what-if" timings in which one piece of lerbridge is patched out *in this
process only* (``src/`` is never modified) to bound what optimising it could save; and
unprofiled micro-timings of single hotspot calls.

Nothing here asserts on time, and nothing touches the network: socket connections and DNS
look-ups are refused for the whole run.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as _dt
import gc
import hashlib
import io
import json
import os
import platform
import pstats
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import orjson
import referencing
import referencing.exceptions

ROOT = Path(__file__).resolve().parents[1]
try:
    import lerbridge
    from lerbridge import specs
except ImportError:  # not installed: use the source tree (its dependencies are still needed)
    sys.path.insert(0, str(ROOT / "src"))
    import lerbridge
    from lerbridge import specs


# --- no network, ever --------------------------------------------------------------------
def _no_network(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("benchmarks/bench.py: network access is disabled")


def block_network() -> None:
    """Refuse every socket connection and DNS look-up in this process."""
    socket.socket.connect = _no_network  # type: ignore[method-assign]
    socket.socket.connect_ex = _no_network  # type: ignore[method-assign]
    socket.create_connection = _no_network  # type: ignore[assignment]
    socket.getaddrinfo = _no_network  # type: ignore[assignment]


SCHEMA_NAME = "ob3/achievementcredential"
DEFAULT_DOCS = (
    ("small signed (1edtech-simple)", "fixtures/ob3/1edtech-simple.json"),
    ("complete spec example", "fixtures/ob3/spec-complete-unsigned.json"),
    ("welding certificate", "fixtures/ob3/lerbridge-welding-certificate.json"),
)
PROFILE_DOC = "fixtures/ob3/spec-complete-unsigned.json"
SIGNED_DOC = "fixtures/ob3/1edtech-simple.json"
WELDING_DOC = "fixtures/ob3/lerbridge-welding-certificate.json"
PACKAGES = (
    "lerbridge",
    "pydantic",
    "pydantic-core",
    "jsonschema",
    "jsonschema-rs",
    "referencing",
    "orjson",
)


# --- machine -----------------------------------------------------------------------------
def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git(*args: str) -> str:
    try:
        out = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def src_fingerprint() -> str:
    """sha256 (12 hex) over src/**/*.py|yaml|json: identifies the exact code measured, even
    with uncommitted changes."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "src").rglob("*")):
        if path.is_file() and path.suffix in (".py", ".yaml", ".yml", ".json"):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _loadavg() -> list[float] | None:
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
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "python_build": " ".join(platform.python_build()),
        "executable": sys.executable,
        "packages": versions,
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "src_dirty": bool(dirty),
        "src_changes": dirty.splitlines(),
        "src_sha256": src_fingerprint(),
        "loadavg_start": _loadavg(),
    }


# --- timing ------------------------------------------------------------------------------
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


@dataclass(frozen=True)
class Settings:
    target_s: float  # wall time of one repeat
    repeats: int
    warmup_s: float
    warmup_min_calls: int


FULL = Settings(target_s=0.5, repeats=5, warmup_s=0.2, warmup_min_calls=5)
QUICK = Settings(target_s=0.05, repeats=3, warmup_s=0.02, warmup_min_calls=2)


def _run(fn: Callable[[], Any], n: int) -> float:
    perf = time.perf_counter
    loop = range(n)
    t0 = perf()
    for _ in loop:
        fn()
    return perf() - t0


@dataclass
class Job:
    op: str
    label: str
    fn: Callable[[], Any]
    patch: Callable[[], contextlib.AbstractContextManager[Any]] | None = None

    def context(self) -> contextlib.AbstractContextManager[Any]:
        return self.patch() if self.patch else contextlib.nullcontext()


def _calibrate(fn: Callable[[], Any], s: Settings) -> int:
    """Warm up, then the iteration count that makes one repeat last ~``s.target_s``."""
    calls, t_start = 0, time.perf_counter()
    while calls < s.warmup_min_calls or time.perf_counter() - t_start < s.warmup_s:
        fn()
        calls += 1
    n = 1
    while True:  # grow until a batch takes >= 1/10 of the target, then scale up
        dt = _run(fn, n)
        if dt >= s.target_s / 10:
            break
        n *= 2 if dt <= 0 else max(2, min(10, int(s.target_s / 10 / dt) + 1))
    return max(1, round(n * s.target_s / dt))


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def measure_all(jobs: list[Job], s: Settings, progress: str = "") -> list[Timing]:
    """Warm up and calibrate every job, then take the repeats round-robin (job 1, job 2, ...,
    job 1, job 2, ...), so a slow spell of a shared machine hits every job alike instead of
    skewing one of them (and the ratios). A job that raises is reported, not fatal:
    src/ may be changing under the benchmark."""
    timings = [Timing(j.op, j.label) for j in jobs]
    counts = [0] * len(jobs)
    samples: list[list[float]] = [[] for _ in jobs]
    for i, job in enumerate(jobs):
        if progress:
            print(f"  {progress}: calibrating {job.op}", file=sys.stderr, flush=True)
        try:
            with job.context():
                counts[i] = _calibrate(job.fn, s)
        except Exception as exc:
            timings[i].error = _error(exc)
    for r in range(s.repeats):
        if progress:
            print(f"  {progress}: repeat {r + 1}/{s.repeats}", file=sys.stderr, flush=True)
        for i, job in enumerate(jobs):
            if timings[i].error:
                continue
            try:
                with job.context():
                    samples[i].append(_run(job.fn, counts[i]) / counts[i])
            except Exception as exc:
                timings[i].error = _error(exc)
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


# --- the python-jsonschema yardstick -------------------------------------------------------
def _refuse(uri: str) -> referencing.Resource[Any]:
    raise referencing.exceptions.NoSuchResource(ref=uri)


def external_refs(schema: Any) -> list[str]:
    """Every ``$ref``/``$dynamicRef``/``$recursiveRef`` that does not start with ``#``."""
    found: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("$ref", "$dynamicRef", "$recursiveRef") and isinstance(value, str):
                    if not value.startswith("#"):
                        found.append(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(set(found))


def python_validator() -> tuple[Any, dict[str, Any]]:
    schema = specs.schema(SCHEMA_NAME)
    declared = schema.get("$schema", "")
    jsonschema.Draft201909Validator.check_schema(schema)
    registry: referencing.Registry[Any] = referencing.Registry(retrieve=_refuse)  # type: ignore[call-arg]
    validator = jsonschema.Draft201909Validator(schema, registry=registry)
    info = {
        "schema": SCHEMA_NAME,
        "schema_id": schema.get("$id"),
        "declared_dialect": declared,
        "validator": "jsonschema.Draft201909Validator",
        "external_refs": external_refs(schema),
        "schema_bytes": len(orjson.dumps(schema)),
    }
    return validator, info


# --- documents and operations ----------------------------------------------------------------
@dataclass
class DocResult:
    label: str
    path: str
    bytes: int
    checks: dict[str, Any]
    timings: list[Timing]


def doc_checks(raw: bytes, doc: Any, validator: Any, rs: Any) -> dict[str, Any]:
    """Correctness context printed with the timings (never asserted)."""
    checks: dict[str, Any] = {"signed": isinstance(doc, dict) and "proof" in doc}  # top level
    try:
        checks["jsonschema_errors"] = len(list(validator.iter_errors(doc)))
    except referencing.exceptions.Unresolvable as exc:
        checks["jsonschema_errors"] = f"unresolvable ref (schema not self-contained?): {exc}"
    checks["rs_valid"] = bool(rs.is_valid(doc)) if rs is not None else None
    try:
        result = lerbridge.convert(raw, to="ob3", from_="ob3")
        out = result.documents[0].data
        checks["output_bytes"] = len(out)
        checks["output_documents"] = len(result.documents)
        checks["loss_entries"] = len(result.report)
        checks["proof_kept"] = "proof" in orjson.loads(out) if checks["signed"] else None
        checks["round_trip_identical"] = orjson.loads(out) == doc
    except Exception as exc:
        checks["convert_error"] = f"{type(exc).__name__}: {exc}"[:300]
    return checks


def operations(raw: bytes, doc: Any, validator: Any, rs: Any) -> list[tuple[str, str, Any]]:
    loads, dumps = orjson.loads, orjson.dumps
    convert, read, write = lerbridge.convert, lerbridge.read, lerbridge.write
    try:
        record, _ = read(raw, "ob3")
    except Exception:
        record = None  # write ops then fail and are reported as errors

    def floor() -> Any:
        return dumps(loads(raw))

    def py_validate() -> Any:
        return list(validator.iter_errors(doc))

    def rs_valid() -> Any:
        return rs.is_valid(doc)

    def conv() -> Any:
        return convert(raw, to="ob3", from_="ob3")

    def read_only() -> Any:
        return read(raw, "ob3")

    def write_only() -> Any:
        return write(record, "ob3")  # type: ignore[arg-type]

    def write_noval() -> Any:
        return write(record, "ob3", validate=False)  # type: ignore[arg-type]

    def canonical() -> Any:
        return convert(raw, to="canonical", from_="ob3")

    return [
        ("floor", "orjson.loads + orjson.dumps (floor)", floor),
        ("jsonschema", "python-jsonschema list(iter_errors(doc))", py_validate),
        ("rs-valid", "jsonschema-rs is_valid(doc)", rs_valid),
        ("convert", "lerbridge.convert ob3->ob3 (validated)", conv),
        ("read", "lerbridge.read(bytes, 'ob3')", read_only),
        ("write", "lerbridge.write(record, 'ob3')", write_only),
        ("write-noval", "lerbridge.write(..., validate=False)", write_noval),
        ("canonical", "lerbridge.convert ob3->canonical", canonical),
    ]


def bench_doc(
    label: str, path: Path, validator: Any, rs: Any, s: Settings, progress: bool
) -> DocResult:
    raw = path.read_bytes()
    doc = orjson.loads(raw)
    checks = doc_checks(raw, doc, validator, rs)
    jobs = [Job(op, op_label, fn) for op, op_label, fn in operations(raw, doc, validator, rs)]
    timings = measure_all(jobs, s, label if progress else "")
    by_op = {t.op: t for t in timings}
    for t in timings:
        if t.median_us is None:
            continue
        for ref, attr in (("floor", "x_floor"), ("jsonschema", "x_jsonschema")):
            base = by_op[ref].median_us
            if base:
                setattr(t, attr, t.median_us / base)
    rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    return DocResult(label, str(rel), len(raw), checks, timings)


# --- output ------------------------------------------------------------------------------
def _num(x: float | None, fmt: str) -> str:
    return "-" if x is None else format(x, fmt)


def _us(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:,.1f}" if x < 10_000 else f"{x:,.0f}"


def render_machine(m: dict[str, Any]) -> str:
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    state = (
        f"git {m['git_commit'] or '?'}"
        + (
            f" + uncommitted src/ changes ({len(m['src_changes'])} file(s))"
            if m["src_dirty"]
            else ""
        )
        + f"; src/ content sha256 {m['src_sha256']}"
    )
    return "\n".join(
        [
            f"- date (UTC): {m['date_utc']}",
            f"- platform: {m['platform']} ({m['machine']})",
            f"- CPU: {m['cpu_model']}; os.cpu_count() = {m['cpu_count']}"
            + (f", usable = {m['cpus_usable']}" if m["cpus_usable"] is not None else ""),
            f"- Python {m['python']} ({m['python_implementation']}, {m['python_build']})",
            f"- packages: {pk}",
            f"- source tree: {state}",
            f"- load average (1/5/15 min) at start: {m['loadavg_start']}",
        ]
    )


def render_doc(d: DocResult) -> str:
    c = d.checks
    facts = [
        f"{d.bytes:,} bytes",
        "signed (proof)" if c.get("signed") else "unsigned",
        f"python-jsonschema errors: {c.get('jsonschema_errors')}",
        f"jsonschema-rs valid: {c.get('rs_valid')}",
    ]
    if "convert_error" in c:
        facts.append(f"CONVERT FAILS: {c['convert_error']}")
    else:
        facts.append(
            f"ob3->ob3 output {c['output_bytes']:,} bytes, {c['loss_entries']} loss entr"
            f"{'y' if c['loss_entries'] == 1 else 'ies'}, "
            + (f"proof kept: {c['proof_kept']}, " if c["signed"] else "")
            + f"round trip identical: {c['round_trip_identical']}"
        )
    lines = [
        f"### {d.label} - `{d.path}`",
        "",
        "; ".join(facts),
        "",
        "| operation | median µs/op | min-max µs | ops/s | x floor | x jsonschema |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in d.timings:
        if t.error:
            lines.append(f"| {t.label} | ERROR: {t.error} | | | | |")
            continue
        lines.append(
            f"| {t.label} | {_us(t.median_us)} | {_us(t.min_us)}-{_us(t.max_us)} | "
            f"{_num(t.ops_per_s, ',.0f')} | {_num(t.x_floor, ',.1f')} | "
            f"{_num(t.x_jsonschema, '.2f')} |"
        )
    conv = next((t for t in d.timings if t.op == "convert"), None)
    canon = next((t for t in d.timings if t.op == "canonical"), None)
    rates = []
    if conv and conv.ops_per_s:
        rates.append(f"ob3->ob3 conversion: **{conv.ops_per_s * 60:,.0f} docs/minute**")
    if canon and canon.ops_per_s:
        rates.append(f"ob3->canonical: {canon.ops_per_s * 60:,.0f} docs/minute")
    if rates:
        lines += ["", "; ".join(rates) + " (one core, one thread)."]
    return "\n".join(lines)


def render_summary(docs: list[DocResult]) -> str:
    lines = [
        "### Summary: ob3->ob3 conversion (validated) vs. the yardsticks",
        "",
        "Ratios from medians; in brackets, from the best (min) of the 5 repeats, which is "
        "less sensitive to a busy shared machine.",
        "",
        "| document | bytes | floor µs | jsonschema µs | convert µs | convert x floor "
        "| convert x jsonschema | docs/minute |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for d in docs:
        t = {x.op: x for x in d.timings}
        conv, floor, js = t["convert"], t["floor"], t["jsonschema"]
        best_f = conv.min_us / floor.min_us if conv.min_us and floor.min_us else None
        best_j = conv.min_us / js.min_us if conv.min_us and js.min_us else None
        lines.append(
            f"| {d.label} | {d.bytes:,} | {_us(floor.median_us)} | "
            f"{_us(js.median_us)} | {_us(conv.median_us)} | "
            f"{_num(conv.x_floor, ',.0f')} ({_num(best_f, ',.0f')}) | "
            f"{_num(conv.x_jsonschema, '.2f')} ({_num(best_j, '.2f')}) | "
            f"{_num(conv.ops_per_s and conv.ops_per_s * 60, ',.0f')} |"
        )
    return "\n".join(lines)


def render_breakdown(docs: list[DocResult]) -> str:
    """Where a conversion's time goes, from the timings alone (no profiler overhead)."""
    lines = [
        "### Breakdown (median µs, from the timings above)",
        "",
        "convert = read + write (+ argument handling). lerbridge runs jsonschema-rs on the "
        "input (read) and on the output (write), plus once per embedded signed fragment it "
        "writes back verbatim; `write - write-noval` is within the noise, so the check's "
        "cost is shown from its own timing.",
        "",
        "| document | convert | read | write | read + write | one jsonschema-rs check "
        "| two checks / convert |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for d in docs:
        t = {x.op: x.median_us for x in d.timings}
        both = t["read"] + t["write"] if t["read"] and t["write"] else None
        share = 2 * t["rs-valid"] / t["convert"] if t["rs-valid"] and t["convert"] else None
        lines.append(
            f"| {d.label} | {_us(t['convert'])} | {_us(t['read'])} | {_us(t['write'])} | "
            f"{_us(both)} | {_us(t['rs-valid'])} | {_num(share, '.1%')} |"
        )
    return "\n".join(lines)


# --- profile -----------------------------------------------------------------------------
WATCH = (
    "jsonschema_rs.Validator",
    "model_validate",
    "model_copy",
    "model_dump",
    "reader.py:_seal",
    "safejson.py:loads",
    "mapped.py:mapping_for",
)


def _component(key: tuple[str, int, str]) -> str:
    filename, _, func = key
    if filename == "~":  # C function: classify by its name
        for needle, name in (
            ("jsonschema_rs", "jsonschema_rs (Rust)"),
            ("pydantic_core", "pydantic_core (Rust)"),
            ("orjson", "orjson (Rust)"),
            ("_json", "json (C scanner)"),
        ):
            if needle in func:
                return name
        return "builtins"
    path = filename.replace("\\", "/")
    if "/lerbridge/" in path:
        return "lerbridge/" + path.split("/lerbridge/", 1)[1]
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0]
    return "stdlib: " + Path(path).stem


def run_profile(rel: str, s: Settings, top: int = 25) -> dict[str, Any]:
    raw = (ROOT / rel).read_bytes()

    def conv() -> Any:
        return lerbridge.convert(raw, to="ob3", from_="ob3")

    for _ in range(20):  # warm caches (mappings, compiled schemas) outside the profile
        conv()
    per_call = max(_run(conv, 5) / 5, 1e-6)
    n = max(20, min(5000, int(2 * s.target_s / per_call)))  # ~1 s unprofiled in full mode
    plain = _run(conv, n) / n
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        conv()
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    cumulative = out.getvalue()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    stats.strip_dirs().sort_stats("tottime").print_stats(15)
    tottime = out.getvalue()
    raw_stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    per: dict[str, float] = defaultdict(float)
    total = 0.0
    for key, (_cc, _nc, tt, _ct, _callers) in raw_stats.items():
        per[_component(key)] += tt
        total += tt
    components = sorted(per.items(), key=lambda kv: -kv[1])
    calls: dict[str, float] = defaultdict(float)
    for (filename, _line, func), (_cc, nc, _tt, ct, _callers) in raw_stats.items():
        for needle in WATCH:
            if needle in f"{Path(filename).name}:{func}":
                calls[needle + " calls/op"] += nc / n
                calls[needle + " cum µs/op"] += ct / n * 1e6
    return {
        "watch": dict(sorted(calls.items())),
        "document": rel,
        "top": top,
        "iterations": n,
        "unprofiled_us_per_op": plain * 1e6,
        "profiled_us_per_op": total / n * 1e6,
        "cumulative": cumulative,
        "tottime": tottime,
        "components": [
            {"component": c, "us_per_op": tt / n * 1e6, "share": tt / total if total else 0}
            for c, tt in components
        ],
    }


class _Patch:
    """Temporarily replace ``module.attr`` in this process only (src/ is never touched)."""

    def __init__(self, module: str, attr: str, value: Any) -> None:
        self.module, self.attr, self.value = module, attr, value

    def __enter__(self) -> None:
        mod = sys.modules[self.module]  # KeyError/AttributeError if the internals moved
        self.saved = getattr(mod, self.attr)
        setattr(mod, self.attr, self.value)

    def __exit__(self, *exc: object) -> None:
        setattr(sys.modules[self.module], self.attr, self.saved)


def _fast_loads(data: Any, *_args: Any, **_kwargs: Any) -> Any:
    return orjson.loads(data)


def _unsealed(award: Any, *_args: Any, **_kwargs: Any) -> Any:
    return award


def _no_digest(*_args: Any, **_kwargs: Any) -> str:
    return ""


def _always_valid(*_args: Any, **_kwargs: Any) -> bool:
    return True


_SHIPPED: list[list[str]] = []


def _shipped_cached() -> list[str]:
    if not _SHIPPED:
        _SHIPPED.append(sys.modules["lerbridge.mapping.loader"].shipped_mappings())
    return _SHIPPED[0]


_P_SHIPPED = ("lerbridge.mapping.compiler", "shipped_mappings", _shipped_cached)
_P_SEAL = ("lerbridge.formats.ob3.reader", "_seal", _unsealed)
_P_PARSE = ("lerbridge.formats.base", "loads", _fast_loads)
_P_DIGEST = ("lerbridge.formats.ob3.writer", "digest_of", _no_digest)
_P_VALID = ("lerbridge.specs", "is_valid", _always_valid)
_COMBINED = "shipped_mappings cached + orjson parse + no digest_of"

#: (what is patched out, document, patches)
ABLATIONS: tuple[tuple[str, str, tuple[tuple[str, str, Any], ...]], ...] = (
    ("mapping lookup: shipped_mappings() directory listing cached", PROFILE_DOC, (_P_SHIPPED,)),
    ("mapping lookup: shipped_mappings() directory listing cached", SIGNED_DOC, (_P_SHIPPED,)),
    ("signed credential dry-run (formats/ob3/reader.py `_seal`) skipped", SIGNED_DOC, (_P_SEAL,)),
    (
        "hardened stdlib-json parser (safejson.loads) replaced by plain orjson.loads",
        PROFILE_DOC,
        (_P_PARSE,),
    ),
    (
        "writer's digest_of (2 model_dumps + sha256) skipped; unused without a proof",
        PROFILE_DOC,
        (_P_DIGEST,),
    ),
    ("every specs.is_valid (jsonschema-rs) check skipped", PROFILE_DOC, (_P_VALID,)),
    (_COMBINED, PROFILE_DOC, (_P_SHIPPED, _P_PARSE, _P_DIGEST)),
    (_COMBINED, WELDING_DOC, (_P_SHIPPED, _P_PARSE, _P_DIGEST)),
    (_COMBINED + " + no `_seal`", SIGNED_DOC, (_P_SHIPPED, _P_PARSE, _P_DIGEST, _P_SEAL)),
)


@contextlib.contextmanager
def _patched(patches: tuple[tuple[str, str, Any], ...]) -> Any:
    with contextlib.ExitStack() as stack:
        for module, attr, value in patches:
            stack.enter_context(_Patch(module, attr, value))
        yield


def run_ablations(s: Settings) -> list[dict[str, Any]]:
    """What-if timings, unprofiled: ob3->ob3 conversion with pieces of lerbridge patched
    out in this process, interleaved with the unpatched baseline. Upper bounds on what
    optimising them could save (the patched run skips work - e.g. duplicate-key and depth
    checks - that a real fix must keep)."""
    out = []
    for what, rel, patches in ABLATIONS:
        raw = (ROOT / rel).read_bytes()

        def conv(raw: bytes = raw) -> Any:
            return lerbridge.convert(raw, to="ob3", from_="ob3")

        base, patched = measure_all(
            [
                Job("convert", "baseline", conv),
                Job("convert", what, conv, lambda p=patches: _patched(p)),
            ],
            s,
        )
        saved = (
            base.median_us - patched.median_us
            if base.median_us is not None and patched.median_us is not None
            else None
        )
        out.append(
            {
                "what": what,
                "document": rel,
                "baseline_us": base.median_us,
                "patched_us": patched.median_us,
                "saved_us": saved,
                "saved_share": saved / base.median_us
                if saved is not None and base.median_us
                else None,
                "error": base.error or patched.error,
            }
        )
    return out


def _micro_jobs() -> list[Job]:
    """Unprofiled cost of single hotspots on the complete example (internal APIs, looked
    up at call time; a job whose function moved is reported as ERROR)."""
    raw = (ROOT / PROFILE_DOC).read_bytes()
    doc = orjson.loads(raw)
    record = lerbridge.read(raw, "ob3")[0]
    award = record.awards[0]
    ach = {a.id: a for a in record.achievements}.get(award.achievement_id or "")

    def mod(name: str) -> Any:
        return sys.modules[name]

    return [
        Job("orjson", "orjson.loads(raw)", lambda: orjson.loads(raw)),
        Job("json", "json.loads(raw) (stdlib, C scanner)", lambda: json.loads(raw)),
        Job(
            "safejson",
            "lerbridge.safejson.loads(raw) (dup-key hook + depth/surrogate walk)",
            lambda: mod("lerbridge.safejson").loads(raw, "<bench>"),
        ),
        Job(
            "shipped",
            "lerbridge.mapping.loader.shipped_mappings() (2 calls per conversion)",
            lambda: mod("lerbridge.mapping.loader").shipped_mappings(),
        ),
        Job(
            "is_valid",
            f"lerbridge.specs.is_valid(doc, {SCHEMA_NAME!r})",
            lambda: specs.is_valid(doc, SCHEMA_NAME),
        ),
        Job(
            "digest",
            "lerbridge.formats.proofs.digest_of(award, achievement)",
            lambda: mod("lerbridge.formats.proofs").digest_of(award, ach),
        ),
        Job(
            "dump",
            "record.model_dump(mode='json', exclude_defaults=True)",
            lambda: record.model_dump(mode="json", exclude_defaults=True),
        ),
    ]


def run_micro(s: Settings) -> list[Timing]:
    try:
        jobs = _micro_jobs()
    except Exception as exc:
        return [Timing("micro", "hotspot micro-timings", error=_error(exc))]
    return measure_all(jobs, s)


def print_micro(rows: list[Timing]) -> None:
    print(f"### Hotspot micro-timings (unprofiled), on `{PROFILE_DOC}`")
    print()
    print("| call | median µs | min-max µs |")
    print("|---|---:|---:|")
    for t in rows:
        if t.error:
            print(f"| {t.label} | ERROR: {t.error} | |")
        else:
            print(f"| {t.label} | {_us(t.median_us)} | {_us(t.min_us)}-{_us(t.max_us)} |")


def print_ablations(rows: list[dict[str, Any]]) -> None:
    print("### What-if (unprofiled): ob3->ob3 conversion with pieces patched out")
    print()
    print(
        "Patched in this benchmark process only (src/ untouched), each against an "
        "interleaved baseline. Upper bounds: the orjson parse skips the duplicate-key and "
        "depth checks a real fix must keep; with `_seal` gone the signed proof is dropped "
        "instead of kept."
    )
    print()
    print("| patched out (in this process only) | document | convert µs | patched µs | saved |")
    print("|---|---|---:|---:|---:|")
    for r in rows:
        if r["error"]:
            print(f"| {r['what']} | `{r['document']}` | ERROR: {r['error']} | | |")
            continue
        print(
            f"| {r['what']} | `{Path(r['document']).name}` | {_us(r['baseline_us'])} | "
            f"{_us(r['patched_us'])} | {_us(r['saved_us'])} µs ({r['saved_share']:.0%}) |"
        )


def print_profile(p: dict[str, Any], short: bool = False) -> None:
    print(f"## cProfile: lerbridge.convert(`{p['document']}`, to='ob3', from_='ob3')")
    print()
    print(
        f"{p['iterations']} conversions after 20 warm-up calls; "
        f"{p['unprofiled_us_per_op']:,.0f} µs/op without the profiler, "
        f"{p['profiled_us_per_op']:,.0f} µs/op under it (profiler overhead inflates "
        "pure-Python call-heavy code most)."
    )
    print()
    print(f"### Top {p['top']} by cumulative time")
    print("```")
    print(p["cumulative"].strip())
    print("```")
    print()
    if short:
        _print_watch(p)
        return
    print("### Top 15 by own (tottime) time")
    print("```")
    print(p["tottime"].strip())
    print("```")
    print()
    _print_watch(p)
    print()
    print("### Own time by component (µs per conversion, under the profiler)")
    print()
    print("| component | µs/op | share |")
    print("|---|---:|---:|")
    for c in p["components"][:20]:
        print(f"| {c['component']} | {c['us_per_op']:,.1f} | {c['share']:.1%} |")


def _print_watch(p: dict[str, Any]) -> None:
    print("### Watched functions (per conversion, under the profiler)")
    print()
    print("| function | value |")
    print("|---|---:|")
    for k, v in p["watch"].items():
        print(f"| {k} | {v:,.1f} |")


# --- main --------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("--quick", action="store_true", help="few short repeats (CI smoke test)")
    ap.add_argument("--json", metavar="PATH", help="write machine-readable results to PATH")
    ap.add_argument(
        "--profile",
        action="store_true",
        help="cProfile the ob3->ob3 conversion of the complete example (skips the table)",
    )
    ap.add_argument(
        "--doc", metavar="PATH", action="append", default=[], help="benchmark another OB 3.0 file"
    )
    args = ap.parse_args(argv)
    block_network()
    settings = QUICK if args.quick else FULL
    machine = machine_info()
    command = "python benchmarks/bench.py" + (" " + " ".join(argv or sys.argv[1:])).rstrip()
    results: dict[str, Any] = {
        "command": command,
        "machine": machine,
        "settings": asdict(settings) | {"mode": "quick" if args.quick else "full"},
    }

    print("# lerbridge benchmark")
    print()
    print(f"command: `{command}`")
    print()
    print(render_machine(machine))
    print()
    if args.profile:
        results["profile"] = run_profile(PROFILE_DOC, settings)
        print_profile(results["profile"])
        print()
        results["profile_signed"] = run_profile(SIGNED_DOC, settings, top=15)
        print_profile(results["profile_signed"], short=True)
        print()
        results["ablations"] = run_ablations(settings)
        print_ablations(results["ablations"])
        print()
        micro = run_micro(settings)
        results["micro"] = [asdict(t) for t in micro]
        print_micro(micro)
    else:
        validator, vinfo = python_validator()
        rs = jsonschema_rs.validator_for(specs.schema(SCHEMA_NAME))
        results["validator"] = vinfo
        ext = vinfo["external_refs"]
        print(
            f"yardstick: {vinfo['validator']} for `{SCHEMA_NAME}` ({vinfo['schema_id']}, "
            f"declares {vinfo['declared_dialect']}, {vinfo['schema_bytes']:,} bytes); "
            f"registry refuses retrieval; external $refs: {ext if ext else 'none (self-contained)'}"
        )
        print(
            f"method: time.perf_counter, warm-up >= {settings.warmup_min_calls} calls / "
            f"{settings.warmup_s} s, iterations calibrated to ~{settings.target_s} s per repeat, "
            f"median of {settings.repeats} repeats, gc enabled, single thread"
            + (" (QUICK MODE: rough numbers)" if args.quick else "")
        )
        print()
        docs = [(label, ROOT / rel) for label, rel in DEFAULT_DOCS]
        docs += [(Path(p).name, Path(p).resolve()) for p in args.doc]
        done = []
        gc.collect()
        for label, path in docs:
            done.append(bench_doc(label, path, validator, rs, settings, sys.stderr.isatty()))
            print(render_doc(done[-1]))
            print()
        print(render_summary(done))
        print()
        print(render_breakdown(done))
        results["documents"] = [asdict(d) for d in done]
    machine["loadavg_end"] = _loadavg()
    print()
    print(f"load average at end: {machine['loadavg_end']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n")
        print()
        print(f"(results written to {args.json})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
