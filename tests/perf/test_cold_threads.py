"""The canonical model's classes are built on first use (``defer_build``, issue 14): a
fresh process whose very first conversions run in several threads at once gives the
bytes of the same conversions run one by one afterwards."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_SCRIPT = """
import json, sys, threading, pathlib
from concurrent.futures import ThreadPoolExecutor
import lerbridge

jobs = [(pathlib.Path(p), to) for p in sys.argv[1:] for to in ("ob3", "canonical", "lerrs")]
jobs = jobs * 3
barrier = threading.Barrier(6)

def one(job):
    path, to = job
    result = lerbridge.convert(path, to=to)
    return [d.data.decode() for d in result.documents], result.report.to_dict()

def first(k):
    barrier.wait()
    return [one(job) for job in jobs[k::6]]

with ThreadPoolExecutor(max_workers=6) as pool:
    concurrent = [r for chunk in pool.map(first, range(6)) for r in chunk]
order = [job for k in range(6) for job in jobs[k::6]]
same = all(got == one(job) for job, got in zip(order, concurrent))
print(json.dumps({"same": same, "jobs": len(concurrent)}))
"""


def test_first_use_from_several_threads(shipped: Path, upstream: Path) -> None:
    docs = [
        shipped / "ob3" / "lerbridge-welding-certificate.json",
        upstream / "clr" / "learncard_clr2-westbridge-full-transcript.json",
    ]
    run = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *map(str, docs)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(run.stdout) == {"same": True, "jobs": 18}
