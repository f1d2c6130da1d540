"""The bad-input suite has a test for every one of the 30 items of the hostile-input
checklist (../shared/research/anchors_style_security.md §B8): test names carry ``b8_<n>``."""

from __future__ import annotations

import re
from pathlib import Path

HERE = Path(__file__).parent


def test_every_checklist_item_has_a_case() -> None:
    found: set[int] = set()
    for path in HERE.glob("test_*.py"):
        found |= {int(n) for n in re.findall(r"def test_b8_(\d+)_", path.read_text("utf-8"))}
    assert sorted(set(range(1, 31)) - found) == []
