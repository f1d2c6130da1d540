"""Small helpers the HR-XML syntax modules share: where a path leads in the decoded dict."""

from __future__ import annotations

from typing import Any

FORMAT = "hrxml"


def at(doc: dict[str, Any], path: tuple[str, ...]) -> tuple[dict[str, Any] | None, Any]:
    cur: Any = doc
    for part in path[:-1]:
        cur = cur.get(part) if isinstance(cur, dict) else None
    if not isinstance(cur, dict):
        return None, None
    return cur, cur.get(path[-1])


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
