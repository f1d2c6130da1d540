"""Paths on both sides of a mapping rule.

Native paths are ``/``-separated keys into a JSON object (``credentialSubject/id``).
Canonical paths are ``.``-separated field names of the pydantic model (``recipient.id``).
"""

from __future__ import annotations

import types
import typing
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

MISSING: Any = object()


def split_native(path: str) -> tuple[str, ...]:
    return tuple(part.replace("~1", "/").replace("~0", "~") for part in path.split("/"))


def join_native(parts: tuple[str, ...]) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def pointer(base: str, parts: tuple[str, ...] | list[str | int]) -> str:
    """A JSON Pointer: ``base`` + parts, escaped."""
    out = base
    for p in parts:
        out += "/" + str(p).replace("~", "~0").replace("/", "~1")
    return out


def get_native(doc: Any, parts: tuple[str, ...]) -> Any:
    cur = doc
    for part in parts:
        if not isinstance(cur, dict) or part not in cur:
            return MISSING
        cur = cur[part]
    return cur


def set_native(doc: dict[str, Any], parts: tuple[str, ...], value: Any) -> None:
    cur = doc
    for part in parts[:-1]:
        nxt = cur.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            cur[part] = nxt
        cur = nxt
    cur[parts[-1]] = value


def get_canonical(obj: Any, parts: tuple[str, ...]) -> Any:
    cur = obj
    for part in parts:
        if cur is None:
            return None
        cur = cur.get(part) if isinstance(cur, dict) else getattr(cur, part, None)
    return cur


def set_canonical(data: dict[str, Any], parts: tuple[str, ...], value: Any) -> bool:
    """Set a value in a nested plain dict that will validate into the model. Lists are
    extended; a scalar already present is kept (first rule wins) and False is returned."""
    cur = data
    for part in parts[:-1]:
        cur = cur.setdefault(part, {})
    last = parts[-1]
    if last in cur and cur[last] is not None:
        if isinstance(cur[last], list) and isinstance(value, list):
            cur[last].extend(value)
            return True
        return False
    cur[last] = value
    return True


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/list/Annotated to the model class or scalar type a field holds."""
    while True:
        origin = get_origin(annotation)
        if origin is typing.Annotated:
            annotation = get_args(annotation)[0]
            continue
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
            continue
        if origin in (list, tuple, set):
            annotation = get_args(annotation)[0]
            continue
        return annotation


def field_is_list(model: type[BaseModel], name: str) -> bool:
    ann = model.model_fields[name].annotation
    while True:
        origin = get_origin(ann)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(ann) if a is not type(None)]
            ann = args[0]
            continue
        return origin is list


def resolve_canonical(model: type[BaseModel], parts: tuple[str, ...]) -> tuple[type[Any], bool]:
    """Walk a canonical path through the model. Returns the leaf type and whether the
    leaf field is a list. Raises KeyError naming the first segment that does not exist."""
    cur: Any = model
    is_list = False
    for i, part in enumerate(parts):
        if not (isinstance(cur, type) and issubclass(cur, BaseModel)):
            raise KeyError(".".join(parts[: i + 1]))
        if part not in cur.model_fields:
            raise KeyError(".".join(parts[: i + 1]))
        is_list = field_is_list(cur, part)
        cur = _unwrap(cur.model_fields[part].annotation)
    return cur, is_list
