#!/usr/bin/env python
"""Verifying every proof of a signed CLR, against pyld's canonicalization of the same
document alone (the floor: one RDFC-1.0 run over the whole document).

    python benchmarks/proofs_bench.py [--courses 60] [--repeat 3]

The CLR comes from gen_clr.py (deterministic); it is signed with a key derived from a fixed
seed, each nested credential first (``sign_document(..., nested=True)``), so it carries
``courses + 1`` eddsa-rdfc-2022 proofs.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))

from gen_clr import build

from lerbridge.proofs import new_key, rdfc, sign_document, verify_document


def _time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--courses", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    key = new_key(hashlib.sha256(b"lerbridge benchmark key").digest())
    doc = sign_document(build(args.courses), key, created="2024-01-01T00:00:00Z", nested=True)
    size = len(orjson.dumps(doc, option=orjson.OPT_INDENT_2))
    result = verify_document(doc)
    assert result.all_verified and len(result.proofs) == args.courses + 1
    verify_s = _time(lambda: verify_document(doc), args.repeat)
    unsigned = {k: v for k, v in doc.items() if k != "proof"}
    canon_s = _time(lambda: rdfc(unsigned), args.repeat)
    print(
        f"CLR, {args.courses} nested credentials, {size / 1024:.0f} KiB, "
        f"{len(result.proofs)} proofs: verify {verify_s * 1000:.0f} ms; "
        f"pyld RDFC of the document alone {canon_s * 1000:.0f} ms; "
        f"ratio {verify_s / canon_s:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
