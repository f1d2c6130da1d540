"""Issue 14's targets against the figures of one ``bench.py`` run: the CSV stream case
(``csv_bench.py`` in child processes) and the Markdown rows for docs/performance.md and
the README (target / reached; "what holds it back" is written by hand from the profile).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def csv_case(rows: int, timeout: float = 3600) -> dict[str, Any]:
    """``csv_bench.py --rows N --phases floor,clr``: rows/s and peak RSS of each phase."""
    cmd = [sys.executable, str(HERE / "csv_bench.py"), "--rows", str(rows), "--phases", "floor,clr"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except (subprocess.SubprocessError, OSError) as exc:
        return {"rows": rows, "error": str(exc)[:300]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _get(result: dict[str, Any], key: str, target: str) -> tuple[Any, Any]:
    docs = (result.get("pairs") or {}).get("documents") or []
    doc = next((d for d in docs if d["key"] == key), None)
    if doc is None:
        return None, None
    return doc, next((p for p in doc["pairs"] if p["target"] == target), None)


def _x(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def rows(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(case, target, reached) for each line of the issue's table."""
    out: list[tuple[str, str, str]] = []
    doc, p = _get(result, "clr-375k", "clr")
    if p and p.get("convert_ms") is not None:
        reached = (
            f"{p['convert_ms']:.0f} ms = {_x(p['x_src_validation'])} python-jsonschema "
            f"({doc['src_validation_ms']:.0f} ms), {_x(p['x_src_floor'])} orjson; "
            f"peak RSS {doc['peak_rss_mib'] or 0:.0f} MiB"
        )
        out.append(
            (
                f"375 KiB-class CLR, 62 nested credentials, schema-invalid, clr → clr "
                f"({doc['bytes'] / 1024:.0f} KiB, `gen_clr_realworld.py`)",
                "≤ 0.25x python-jsonschema, ≤ 25x orjson",
                reached,
            )
        )
    doc, p = _get(result, "ob3-1k", "ob3")
    if p and p.get("convert_ms"):
        out.append(
            (
                f"OB 3.0, {doc['bytes'] / 1024:.1f} KiB signed, ob3 → ob3 validated",
                "≥ 5,000 /s, ≤ 25x orjson",
                f"{1000 / p['convert_ms']:,.0f} /s ({p['convert_ms']:.2f} ms), "
                f"{_x(p['x_src_floor'])} orjson, {_x(p['x_src_validation'])} python-jsonschema",
            )
        )
    csv_result = result.get("csv") or {}
    phases = csv_result.get("results") or {}
    if "clr" in phases:
        clr, floor = phases["clr"], phases.get("floor", {})
        out.append(
            (
                f"CSV {csv_result['rows']:,} rows → CLR JSON Lines",
                "≥ 20 k rows/s, peak RSS < 300 MB",
                f"{clr['rows_per_s']:,.0f} rows/s, peak RSS {clr['peak_rss_mib']:.0f} MiB "
                f"(csv.reader {floor.get('rows_per_s', 0):,.0f} rows/s)",
            )
        )
    cold = result.get("cold") or {}
    procs = {r["command"]: r for r in cold.get("processes", [])}
    convert = next((r for k, r in procs.items() if k.startswith("lerbridge convert")), None)
    if convert:
        base = procs.get("python -c pass", {}).get("median_s", 0)
        out.append(
            (
                "`lerbridge convert` of the 2.7 KiB OB 3.0 fixture, whole process",
                "≤ 0.25 s",
                f"{convert['median_s']:.2f} s = {convert['x_python_pass']:.0f}x "
                f"`python -c pass` ({base * 1000:.0f} ms)",
            )
        )
    for first in cold.get("first_call", []):
        if first["conversion"].startswith("clr -> lerrs"):
            total = first["import_s"] + first["first_call_s"]
            out.append(
                (
                    "first `lerbridge.convert` of a CLR to LER-RS in a fresh process",
                    "≤ 0.3 s",
                    f"{first['first_call_s']:.2f} s (+ `import lerbridge` "
                    f"{first['import_s'] * 1000:.0f} ms = {total:.2f} s)",
                )
            )
    return out


def render(result: dict[str, Any]) -> str:
    lines = [
        "| case | target | reached (same run) | what holds it back |",
        "|---|---|---|---|",
    ]
    lines += [f"| {case} | {target} | {reached} | |" for case, target, reached in rows(result)]
    return "\n".join(lines)


def render_csv(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"CSV run failed: {result['error']}"
    lines = ["| phase | rows/s | seconds | peak RSS |", "|---|---:|---:|---:|"]
    for name, r in (result.get("results") or {}).items():
        lines.append(
            f"| {name} | {r['rows_per_s']:,.0f} | {r['seconds']:.1f} | "
            f"{r['peak_rss_mib']:.0f} MiB |"
        )
    return "\n".join(lines)
