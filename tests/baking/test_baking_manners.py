"""Baking is public, typed, thread-safe and quiet."""

from __future__ import annotations

import inspect
import json
from concurrent.futures import ThreadPoolExecutor

from baking_images import make_png, make_svg

import lerbridge


def _doc(k: int) -> str:
    return json.dumps(
        {
            "@context": "https://w3id.org/openbadges/v2",
            "type": "Assertion",
            "id": f"https://example.org/assertions/{k}",
            "badge": "https://example.org/badges/1",
        }
    )


def _job(k: int) -> tuple[str, str]:
    make = make_png if k % 2 else make_svg
    baked, _ = lerbridge.bake(_doc(k), make(3 + k % 4, 2) if k % 2 else make())
    found = lerbridge.unbake(baked.data)
    return found.payload, found.marker


def test_public_and_typed() -> None:
    for name in ("bake", "unbake", "Unbaked"):
        assert name in lerbridge.__all__
    for fn in (lerbridge.bake, lerbridge.unbake):
        sig = inspect.signature(fn)
        assert sig.return_annotation != inspect.Signature.empty
        assert all(p.annotation != inspect.Parameter.empty for p in sig.parameters.values())
        assert fn.__doc__ and len(fn.__doc__) > 200


def test_concurrent_bakes_match_sequential(capfd) -> None:  # type: ignore[no-untyped-def]
    sequential = [_job(k) for k in range(24)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        concurrent = list(pool.map(_job, range(24)))
    assert concurrent == sequential
    assert sequential[0] == (_doc(0), "svg:openbadges:assertion")
    assert sequential[1] == (_doc(1), "iTXt:openbadges")
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
