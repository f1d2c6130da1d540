"""CLR 1.0 JSON-LD shapes the Python around the engine walks: a term holds one value or a
list of them, and a JSON null says nothing (JSON-LD drops it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: The mapping's name, reported as the source format of what the Python around it reports.
MAPPING = "clr1"


def items(value: Any, at: str) -> list[tuple[Any, str]]:
    """(item, JSON Pointer) of one value, or of each item of a list, nulls skipped."""
    if isinstance(value, list):
        return [(item, f"{at}/{i}") for i, item in enumerate(value) if item is not None]
    return [] if value is None else [(value, at)]


def each(value: Any, at: str, fn: Callable[[Any, str], Any]) -> Any:
    """``value`` with ``fn(item, pointer)`` applied to it, or to each item of a list."""
    if isinstance(value, list):
        return [fn(item, f"{at}/{i}") for i, item in enumerate(value)]
    return value if value is None else fn(value, at)


def without_null_items(value: Any) -> Any:
    """ENGINE GAP: the reader ignores a member whose value is null, but not a null item of
    a list: an object rule then cannot read the list at all (``assertions: [null, {...}]``
    would keep every assertion as an extension). A copy without null items; nothing is
    copied when there are none. Pointers after a dropped item shift by one. Delete once
    mapping/reading.py skips null items."""
    if isinstance(value, dict):
        out = {k: without_null_items(v) for k, v in value.items()}
        return value if all(out[k] is value[k] for k in value) else out
    if isinstance(value, list):
        items_ = [without_null_items(v) for v in value if v is not None]
        same = len(items_) == len(value) and all(a is b for a, b in zip(items_, value, strict=True))
        return value if same else items_
    return value
