"""Many threads converting at once through the library API give, byte for byte, what one
thread gives (the library keeps no shared mutable state)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import lerbridge

TARGETS = ["canonical", "clr", "lerrs", "hrxml", "csv", "ob3"]


def _run(data: bytes, to: str) -> tuple[list[bytes], list[dict]]:
    result = lerbridge.convert(data, to=to, name="x.json")
    return [d.data for d in result.documents], result.report.to_dict()["entries"]


def test_threads_match_single_thread_byte_for_byte(
    cred: Callable[[int], bytes], shipped: Path
) -> None:
    inputs = [cred(n) for n in range(2)] + [
        (shipped / "csv/lerbridge-transcript-3-students.csv").read_bytes()
    ]
    jobs = [(data, to) for data in inputs for to in TARGETS]
    expected = [_run(d, t) for d, t in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda job: _run(*job), jobs * 2))
    assert got == expected * 2
    # a real comparison: every target gives its own bytes
    assert len({b"".join(docs) for docs, _ in expected[: len(TARGETS)]}) == len(TARGETS)
