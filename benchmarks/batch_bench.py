"""Batch throughput of ``lerbridge convert`` with -j 1 and -j 2 (and more with --jobs).

Generates N copies of the shipped OB 3.0 credential (each with its own id), then runs the
real command line, in a fresh process each time, once per job count and target; reports
wall time, files per second and the speed-up over -j 1 as Markdown. Outputs go to a
temporary folder that is removed afterwards.

    python benchmarks/batch_bench.py                 # 1,000 files, -j 1 and -j 2, to clr
    python benchmarks/batch_bench.py --files 400 --jobs 1 2 --to canonical clr --repeat 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "fixtures/ob3/lerbridge-welding-certificate.json"


def generate(folder: Path, count: int) -> None:
    doc = json.loads(SOURCE.read_bytes())
    folder.mkdir(parents=True)
    for n in range(count):
        doc["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
        (folder / f"f{n:05d}.json").write_text(json.dumps(doc))


def run(src: Path, out: Path, to: str, jobs: int) -> float:
    cmd = [
        sys.executable,
        "-c",
        "from lerbridge.cli import run; run()",
        "convert",
        str(src),
        "--to",
        to,
        "-o",
        str(out),
        "-j",
        str(jobs),
        "-q",
    ]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--to", nargs="+", default=["clr"])
    ap.add_argument("--repeat", type=int, default=3, help="runs per setting; the best counts")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="lerbridge-batch-"))
    try:
        generate(tmp / "in", args.files)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        print(f"{args.files} OB 3.0 files, {cores} cores, best of {args.repeat}\n")
        print("| target | -j | wall s | files/s | speed-up |\n|---|---|---|---|---|")
        for to in args.to:
            base = None
            for jobs in args.jobs:
                times = []
                for _ in range(args.repeat):
                    out = tmp / f"out-{to}-{jobs}"
                    shutil.rmtree(out, ignore_errors=True)
                    times.append(run(tmp / "in", out, to, jobs))
                best = min(times)
                base = base or best
                print(
                    f"| {to} | {jobs} | {best:.2f} | {args.files / best:.0f} | "
                    f"{base / best:.2f}x |",
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
