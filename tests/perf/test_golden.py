"""Every fixture x every writable format gives the same bytes as before the performance work
(issue 14): fingerprints recorded from main in ``golden_outputs.json`` by ``golden.py``."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("golden", Path(__file__).with_name("golden.py"))
assert _spec is not None and _spec.loader is not None
golden = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(golden)

RECORDED: dict[str, dict[str, str]] = json.loads(golden.GOLDEN.read_text("utf-8"))


def _cases() -> list[tuple[str, Path]]:
    shared = (golden.ROOT / ".." / "shared").resolve()
    # fixtures or formats added after the recording (other issues) are not compared
    found = golden.sources(shared if shared.is_dir() else None)
    return [
        (label, path)
        for label, path in found
        if label in RECORDED and not label.startswith(golden.LATER_SOURCES)
    ]


@pytest.mark.parametrize("label,path", _cases(), ids=[c[0] for c in _cases()])
def test_outputs_unchanged(label: str, path: Path) -> None:
    now = golden.fingerprint(label, path)
    assert {k: now.get(k) for k in RECORDED[label]} == RECORDED[label]
