"""Generated batches: copies of the shipped OB 3.0 credential, each with its own id."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

WELDING = "ob3/lerbridge-welding-certificate.json"


def credential(shipped: Path, n: int) -> bytes:
    doc = json.loads((shipped / WELDING).read_bytes())
    doc["id"] = f"urn:uuid:00000000-0000-4000-8000-{n:012d}"
    doc["name"] = f"Welding certificate {n}"
    return json.dumps(doc).encode()


@pytest.fixture
def make_batch(shipped: Path) -> Callable[..., list[Path]]:
    """``make_batch(folder, count, bad=set())``: files f0000.json ...; the indexes in
    ``bad`` hold corrupted JSON (a credential cut in half)."""

    def make(folder: Path, count: int, bad: set[int] | frozenset[int] = frozenset()) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for n in range(count):
            path = folder / f"f{n:04d}.json"
            data = credential(shipped, n)
            path.write_bytes(data[: len(data) // 2] if n in bad else data)
            paths.append(path)
        return paths

    return make


@pytest.fixture
def cred(shipped: Path) -> Callable[[int], bytes]:
    """``cred(n)``: the bytes of credential number n."""
    return lambda n: credential(shipped, n)
