"""Whole-process (cold) timings: what a user waits for from the shell.

Each command runs in a fresh child interpreter (the same one running the benchmark),
``repeats`` times, round-robin; the table gives the median wall time of each and its ratio
to ``python -c pass`` measured in the same run. The first ``lerbridge.convert`` of a
process is timed from inside the child (import excluded), with its peak RSS. Outputs go to
a temporary folder; nothing asserts on time.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from harness import ROOT, relpath

OB3_FIXTURE = ROOT / "fixtures" / "ob3" / "lerbridge-welding-certificate.json"
CLR_DOC = (
    ROOT.parent
    / "shared"
    / "fixtures-upstream"
    / "clr"
    / ("learncard_clr2-westbridge-full-transcript.json")
)

_FIRST_CALL = """
import resource, sys, time, pathlib
t0 = time.perf_counter()
import lerbridge
t1 = time.perf_counter()
lerbridge.convert(pathlib.Path(sys.argv[1]), to=sys.argv[2])
t2 = time.perf_counter()
mods = sorted(m for m in ("lxml", "xmlschema", "jsonschema", "referencing",
    "lerbridge.formats.lerrs.reader", "lerbridge.formats.hrxml.writer") if m in sys.modules)
status = open("/proc/self/status").read().split("VmHWM:")  # ru_maxrss survives exec
rss = int(status[1].split()[0]) if len(status) > 1 else resource.getrusage(
    resource.RUSAGE_SELF).ru_maxrss
print(t1 - t0, t2 - t1, rss, ",".join(mods))
"""


def _lerbridge_cli() -> str:
    cli = Path(sys.executable).with_name("lerbridge")
    return str(cli) if cli.is_file() else ""


def _env() -> dict[str, str]:
    """The children may write bytecode caches, as an installed package has them: with
    ``PYTHONDONTWRITEBYTECODE`` set (this project's shared machine sets it), every start
    would compile lerbridge's ~100 modules from source (about 0.2 s)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _time(argv: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(
        argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
    )
    return time.perf_counter() - t


def run(repeats: int) -> dict[str, Any]:
    py = sys.executable
    out = Path(tempfile.mkdtemp(prefix="lerbridge-cold-")) / "out.json"
    commands = {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import lerbridge'": [py, "-c", "import lerbridge"],
        "lerbridge --version": [py, "-m", "lerbridge.cli", "--version"],
    }
    cli = _lerbridge_cli()
    if cli:
        commands["lerbridge --version"] = [cli, "--version"]
        commands["lerbridge --help"] = [cli, "--help"]
        label = f"lerbridge convert {relpath(OB3_FIXTURE)} --to ob3"
        commands[label] = [cli, "convert", str(OB3_FIXTURE), "--to", "ob3", "-o", str(out)]
    samples: dict[str, list[float]] = {k: [] for k in commands}
    env_ok = _env()
    for argv in commands.values():  # untimed: writes the bytecode caches
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env_ok)
    for _ in range(repeats):
        for label, argv in commands.items():
            try:
                samples[label].append(_time(argv))
            except subprocess.CalledProcessError:
                samples[label].append(float("nan"))
    base = statistics.median(samples["python -c pass"])
    rows = []
    for k, v in samples.items():
        median = statistics.median(v)
        rows.append({"command": k, "median_s": median, "x_python_pass": median / base})
    firsts = []
    cases = [("ob3", OB3_FIXTURE, "ob3"), ("clr", CLR_DOC, "lerrs"), ("clr", CLR_DOC, "clr")]
    for src, path, to in cases:
        if not path.is_file():
            continue
        runs = []
        for _ in range(repeats):
            proc = subprocess.run(
                [py, "-c", _FIRST_CALL, str(path), to], capture_output=True, text=True, env=env_ok
            )
            imp, call, rss, mods = [*proc.stdout.split(), ""][:4]
            runs.append((float(imp), float(call), int(rss), mods))
        firsts.append(
            {
                "conversion": f"{src} -> {to}: {relpath(path)}",
                "import_s": statistics.median(r[0] for r in runs),
                "first_call_s": statistics.median(r[1] for r in runs),
                "peak_rss_mib": max(r[2] for r in runs) / 1024,
                "modules_loaded": runs[0][3],
            }
        )
    return {
        "processes": rows,
        "first_call": firsts,
        "repeats": repeats,
        "bytecode_caches": "written and used (PYTHONDONTWRITEBYTECODE unset in the children)",
        "parent_dont_write_bytecode": bool(sys.flags.dont_write_bytecode),
    }


def render(result: dict[str, Any]) -> str:
    lines = [
        f"Whole processes, median of {result['repeats']} (round-robin), after one untimed run "
        "of each (bytecode caches written, as an installed package has them):",
        "",
        "| command | median | x `python -c pass` |",
        "|---|---:|---:|",
    ]
    for r in result["processes"]:
        ms = r["median_s"] * 1000
        lines.append(f"| `{r['command']}` | {ms:.0f} ms | {r['x_python_pass']:.1f} |")
    lines += [
        "",
        "First `lerbridge.convert` in a fresh process (import timed apart):",
        "",
        "| conversion | import lerbridge | first call | peak RSS | heavy modules loaded |",
        "|---|---:|---:|---:|---|",
    ]
    for r in result["first_call"]:
        lines.append(
            f"| {r['conversion']} | {r['import_s'] * 1000:.0f} ms | "
            f"{r['first_call_s'] * 1000:.0f} ms | {r['peak_rss_mib']:.0f} MiB | "
            f"{r['modules_loaded'] or '—'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5)))
