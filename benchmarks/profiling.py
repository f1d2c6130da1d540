"""cProfile of one conversion, summarised per operation: the top functions by cumulative
and by own time, and own time grouped by module (lerbridge file, site-package or Rust
extension). Only public lerbridge calls are made; the profile names internal functions,
which is what it is for. (Not named ``profile.py``: that would shadow the stdlib module
cProfile imports.)"""

from __future__ import annotations

import cProfile
import pstats
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Settings, run_n

Key = tuple[str, int, str]


def _where(key: Key) -> str:
    filename, line, func = key
    if filename == "~":  # a C function: pstats writes its name like "<method 'x' of 'y'>"
        return func
    path = filename.replace("\\", "/")
    if "/lerbridge/" in path:
        path = "lerbridge/" + path.split("/lerbridge/", 1)[1]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    else:
        path = Path(path).name
    return f"{path}:{line}({func})"


def component(key: Key) -> str:
    filename, _, func = key
    if filename == "~":
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


def run_profile(
    label: str, fn: Callable[[], Any], s: Settings, top: int = 25, own_top: int = 15
) -> dict[str, Any]:
    """Warm ``fn`` up, time it unprofiled, then profile ``n`` calls (~2 x target_s of
    unprofiled time, at least 3 calls) and return per-call figures."""
    for _ in range(3):  # warm caches (mappings, compiled schemas) outside the profile
        fn()
    per_call = max(run_n(fn, 2) / 2, 1e-6)
    n = max(3, min(5000, int(2 * s.target_s / per_call)))
    plain = run_n(fn, n) / n
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(n):
        fn()
    prof.disable()
    stats: dict[Key, Any] = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    total = sum(tt for (_cc, _nc, tt, _ct, _callers) in stats.values())
    outer = max((ct for (_cc, _nc, _tt, ct, _callers) in stats.values()), default=0.0)
    rows = [
        {
            "function": _where(key),
            "calls_per_op": nc / n,
            "cum_us": ct / n * 1e6,
            "own_us": tt / n * 1e6,
        }
        for key, (_cc, nc, tt, ct, _callers) in stats.items()
    ]
    per: dict[str, float] = defaultdict(float)
    for key, (_cc, _nc, tt, _ct, _callers) in stats.items():
        per[component(key)] += tt
    return {
        "label": label,
        "iterations": n,
        "unprofiled_us_per_op": plain * 1e6,
        "profiled_us_per_op": outer / n * 1e6,  # cumulative time of ``fn`` itself
        "cumulative": sorted(rows, key=lambda r: -r["cum_us"])[:top],
        "own": sorted(rows, key=lambda r: -r["own_us"])[:own_top],
        "components": [
            {"component": c, "us_per_op": tt / n * 1e6, "share": tt / total if total else 0}
            for c, tt in sorted(per.items(), key=lambda kv: -kv[1])
        ],
    }
