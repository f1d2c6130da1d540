"""Violation details from jsonschema-rs ``iter_errors`` (the loss report's wording).

Every error kind is worded from the Rust error: its instance path (with the missing member
appended for ``required``, as :func:`lerbridge.specs.validate` does), and its message with a
long instance shortened (``object``, ``array of 3 item(s)``, a clipped scalar). A failed
``oneOf``/``anyOf`` names the closest alternative (the deepest failure among its branches,
repeated through nested ``oneOf``/``anyOf``), as the python-jsonschema wording does. Only
``required`` keeps python-jsonschema's exact text (``'x' is a required property``), so
reports of documents whose errors are all missing members did not change.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import jsonschema_rs

_KIND = jsonschema_rs.ValidationErrorKind
_MAX_MESSAGE = 500
MAX_REPR = 80


def rs_violations(validator: Any, instance: Any) -> list[tuple[str, str]] | None:
    """Sorted, de-duplicated ``(pointer, message)`` of every violation; ``None`` when the
    Rust side cannot take the instance (then the caller asks python-jsonschema)."""
    found: set[tuple[str, str]] = set()
    try:
        for error in validator.iter_errors(instance):
            found.add((pointer(_full_path(error)), _message(error)))
    except (ValueError, TypeError, OverflowError):
        return None
    return sorted(found)


def _full_path(error: Any) -> list[Any]:
    path = list(error.instance_path)
    prop = getattr(error.kind, "property", None)
    if isinstance(error.kind, _KIND.Required) and isinstance(prop, str):
        path.append(prop)
    return path


def _message(error: Any) -> str:
    kind = error.kind
    if isinstance(kind, _KIND.Required) and isinstance(getattr(kind, "property", None), str):
        return truncate(f"{kind.property!r} is a required property")
    if isinstance(kind, (_KIND.OneOfNotValid, _KIND.AnyOf)):
        keyword = "oneOf" if isinstance(kind, _KIND.OneOfNotValid) else "anyOf"
        what = _describe_json(error.instance)
        closest = _closest(kind)
        if closest is None:
            return f"{what} is not valid under any of the given schemas ({keyword})"
        where = pointer(_full_path(closest)) or "/"
        return truncate(
            f"{what} is not valid under any of the given schemas ({keyword}); "
            f"closest match fails at {where}: {_message(closest)}"
        )
    if isinstance(kind, _KIND.OneOfMultipleValid):
        what = _describe_json(error.instance)
        return f"{what} is valid under more than one of the given schemas (oneOf)"
    return truncate(_shorten(str(error.message), error.instance))


def _closest(kind: Any) -> Any:
    """The most specific failure below a ``oneOf``/``anyOf``: at each level the deepest
    failure among the branches (the first on a tie), down to one that is not itself a
    failed ``oneOf``/``anyOf``."""
    best = None
    while True:
        deepest = None
        for branch in getattr(kind, "context", None) or ():
            for sub in branch:
                if deepest is None or len(sub.instance_path) > len(deepest.instance_path):
                    deepest = sub
        if deepest is None:
            return best
        best, kind = deepest, deepest.kind
        if not isinstance(kind, (_KIND.OneOfNotValid, _KIND.AnyOf)):
            return best


def _shorten(message: str, instance: Any) -> str:
    """Replace a long rendering of the instance at the start of ``message`` (jsonschema-rs
    renders objects with sorted keys, or in document order, depending on its build)."""
    for sort_keys in (False, True):
        try:
            text = json.dumps(
                instance, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys
            )
        except (TypeError, ValueError):
            return message
        if len(text) > MAX_REPR and message.startswith(text):
            return _describe_json(instance) + message[len(text) :]
    return message


def _describe_json(value: Any) -> str:
    """:func:`describe` with scalars written as JSON, as jsonschema-rs writes them."""
    if isinstance(value, (dict, list, tuple)):
        return describe(value)
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 3] + "..."


def describe(value: Any) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, (list, tuple)):
        return f"array of {len(value)} item(s)"
    text = repr(value)
    return text if len(text) <= MAX_REPR else text[: MAX_REPR - 3] + "..."


def truncate(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def pointer(parts: Iterable[Any]) -> str:
    """RFC 6901 JSON Pointer for a path of keys/indices."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
