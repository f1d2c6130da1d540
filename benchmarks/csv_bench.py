"""CSV streaming benchmark: a generated transcript file (one row per course, sorted by
student) read by a plain ``csv.reader`` loop (the floor), read into canonical records, and
converted to CLR 2.0 JSON Lines (one ClrCredential per student). Each phase runs in its
own process so its peak RSS is its own.

    python benchmarks/csv_bench.py                 # 1,000,000 rows
    python benchmarks/csv_bench.py --rows 100000 --phases floor,read
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = (
    "Student ID,Student Name,Email,Institution,Course Code,Course Title,Term,Award Date,"
    "Credits Available,Credits Earned,Grade\n"
)
PHASES = ("floor", "read", "canonical", "clr")


def generate(path: Path, rows: int, seed: int = 1) -> int:
    rnd = random.Random(seed)
    written = student = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        while written < rows:
            student += 1
            for j in range(min(rnd.randint(5, 40), rows - written)):
                fh.write(
                    f'S{student:07d},"Family{student}, Given{student}",s{student}@example.edu,'
                    f"Westbridge College,C{j:03d},Course {j},{2020 + j // 10} Fall,"
                    f"{2020 + j // 10}-12-15,3,3,{rnd.choice('ABCDF')}\n"
                )
                written += 1
    return student


def _phase(name: str, path: str, out: str) -> dict[str, float]:
    import csv

    rows = records = 0
    started = time.perf_counter()
    if name == "floor":
        with open(path, newline="", encoding="utf-8") as fh:
            for _ in csv.reader(fh):
                rows += 1
        rows -= 1
    elif name == "read":
        from lerbridge.streaming import stream_records

        for rec, _rep in stream_records(path):
            records += 1
            rows += len(rec.awards)
    else:
        import orjson

        from lerbridge.streaming import stream_convert

        target = "canonical" if name == "canonical" else "clr"
        with open(out, "wb") as sink:
            for docs, _rep in stream_convert(path, target):
                records += 1
                for d in docs:
                    sink.write(orjson.dumps(orjson.loads(d.data)) + b"\n")
        rows = -1  # counted by the parent from the file
    elapsed = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    return {"rows": rows, "records": records, "seconds": elapsed, "peak_rss_mib": rss}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--phases", default=",".join(PHASES))
    ap.add_argument("--keep", help="keep the generated CSV at this path")
    ap.add_argument("--child", nargs=3, metavar=("PHASE", "CSV", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_phase(*args.child)))
        return
    with tempfile.TemporaryDirectory(prefix="lerbridge-csv-bench-") as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "transcripts.csv"
        students = generate(path, args.rows)
        size = path.stat().st_size
        print(
            f"{args.rows:,} rows, {students:,} students, {size / 1e6:.1f} MB; "
            f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
        )
        results = {}
        for phase in args.phases.split(","):
            out = Path(tmp) / f"{phase}.jsonl"
            proc = subprocess.run(
                [sys.executable, __file__, "--child", phase, str(path), str(out)],
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(proc.stdout)
            if r["rows"] < 0:
                r["rows"] = args.rows
                with out.open("rb") as fh:
                    r["lines"] = sum(1 for _ in fh)
            r["rows_per_s"] = r["rows"] / r["seconds"]
            results[phase] = r
            print(
                f"  {phase:<10} {r['rows_per_s']:>12,.0f} rows/s  {r['seconds']:8.1f} s  "
                f"peak RSS {r['peak_rss_mib']:7.1f} MiB"
                + (f"  ({r['lines']:,} JSON lines)" if "lines" in r else "")
            )
        print(json.dumps({"rows": args.rows, "students": students, "results": results}))


if __name__ == "__main__":
    main()
