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
    return golden.sources(shared if shared.is_dir() else None)


def test_recorded_covers_every_fixture() -> None:
    labels = {label for label, _ in _cases()}
    assert labels - set(RECORDED) == set(), "new fixtures: regenerate golden_outputs.json"
    shipped = {k for k in RECORDED if k.startswith("fixtures/")}
    assert shipped <= labels, "a shipped fixture was removed: regenerate golden_outputs.json"


@pytest.mark.parametrize("label,path", _cases(), ids=[c[0] for c in _cases()])
def test_outputs_unchanged(label: str, path: Path) -> None:
    assert golden.fingerprint(label, path) == RECORDED[label]
