#!/usr/bin/env python
"""Peak memory of one conversion, measured in a fresh child process.

    python benchmarks/memory.py PATH --from clr --to clr     # prints one JSON object

The child imports lerbridge, warms its caches (compiled schemas, mappings) with a
conversion of a 1-course CLR from ``gen_clr``, reads PATH, then:

1. resets the kernel's peak-RSS mark (``/proc/self/clear_refs``, Linux), converts it once
   and reads the peak (``VmHWM``) against the resident set before (``VmRSS``): what this
   conversion needs on top of a warm process, allocator slack and memory the Rust
   extensions allocate included. (``ru_maxrss`` is not used: it cannot be reset, and after
   fork+exec it still holds the parent's resident set.) Without ``/proc`` the fields are
   ``None``;
2. converts it again under ``tracemalloc`` and records the traced peak (Python-heap
   allocations only: memory allocated inside orjson / pydantic-core / jsonschema-rs that
   is not a Python object is not traced) and what is still allocated while the
   ``Result`` is held.

:func:`measure` runs the child from the benchmark and returns the parsed JSON.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _status_kib(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])  # "VmHWM:   78904 kB"
    except (OSError, ValueError, IndexError):
        pass
    return None


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")  # 5: reset the peak RSS (VmHWM)
    except OSError:
        return False
    return True


def child(path: Path, src: str, dst: str) -> dict[str, Any]:
    from harness import block_network

    block_network()
    import gen_clr

    import lerbridge

    raw = path.read_bytes()
    if src == "clr":
        lerbridge.convert(gen_clr.build(1), to=dst, from_=src)  # warm caches
    else:  # no small document of every format at hand: warm with the document itself
        lerbridge.convert(raw, to=dst, from_=src)
    reset = _reset_peak()
    rss0 = _status_kib("VmRSS")
    t0 = time.perf_counter()
    result = lerbridge.convert(raw, to=dst, from_=src)
    first_s = time.perf_counter() - t0
    peak = _status_kib("VmHWM") if reset else None
    out_bytes = sum(len(d.data) for d in result.documents)
    docs = len(result.documents)
    del result
    tracemalloc.start()
    base, _ = tracemalloc.get_traced_memory()
    result = lerbridge.convert(raw, to=dst, from_=src)
    held, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return {
        "conversion": f"{src}->{dst}",
        "input_bytes": len(raw),
        "output_bytes": out_bytes,
        "output_documents": docs,
        "first_conversion_s": first_s,
        "rss_before_kib": rss0,
        "rss_peak_kib": peak,
        "rss_growth_kib": peak - rss0 if peak is not None and rss0 is not None else None,
        "tracemalloc_peak_bytes": traced_peak - base,
        "tracemalloc_held_bytes": held - base,
    }


def measure(raw: bytes, src: str, dst: str, timeout: float = 300) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter on ``raw``; errors are returned, not raised."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.json"
        path.write_bytes(raw)
        cmd = [sys.executable, str(HERE / "memory.py"), str(path), "--from", src, "--to", dst]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {timeout} s"}
    if proc.returncode != 0:
        return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1][:300]}
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--from", dest="src", default="clr")
    ap.add_argument("--to", dest="dst", default="clr")
    args = ap.parse_args(argv)
    print(json.dumps(child(args.path, args.src, args.dst)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
