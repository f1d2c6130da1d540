"""Text no output can carry, found before a writer sees it: lone UTF-16 surrogates (no
encoding holds them) become U+FFFD; characters XML 1.0 forbids (C0 controls other than
tab, newline and carriage return; U+FFFE, U+FFFF) are removed on the way to an XML
format. Each change is a ``value-coerced`` loss entry naming the canonical path.
Invisible or direction-changing characters (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069,
U+FEFF) are kept verbatim and flagged ``text-flagged``, so a reviewer sees a name that
does not read as it displays. The record passed in is never changed: a copy is."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from .report import LossReport

__all__ = ["clean_for_output"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_HIDDEN = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _strings(node: Any, path: str) -> Any:
    """(path, string) for every string of a model tree, keys included, iteratively."""
    stack: list[tuple[Any, str]] = [(node, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                stack.append((getattr(value, name), f"{where}/{name}"))
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str):
                    yield f"{where}/{k}", k
                stack.append((v, f"{where}/{k}"))
        elif isinstance(value, list | tuple):
            for i, v in enumerate(value):
                stack.append((v, f"{where}/{i}"))


def _all_plain(node: Any) -> bool:
    """Whether every string of the tree (keys included) is printable ASCII: the common
    case, checked without building a path per node (most of this module's cost)."""
    stack = [node]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        value = pop()
        if isinstance(value, str):
            if not (value.isascii() and value.isprintable()):
                return False
        elif isinstance(value, BaseModel):
            extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and not (k.isascii() and k.isprintable()):
                    return False
                push(v)
        elif isinstance(value, list | tuple):
            extend(value)
    return True


def _fix(text: str, xml: bool) -> str:
    text = _SURROGATE.sub("\ufffd", text)
    return _NOT_XML.sub("", text) if xml else text


def _rebuild(value: Any, xml: bool) -> Any:
    if isinstance(value, str):
        return _fix(value, xml)
    if isinstance(value, BaseModel):
        copy = value.model_copy()
        for name in type(value).model_fields:
            copy.__dict__[name] = _rebuild(getattr(value, name), xml)
        return copy
    if isinstance(value, dict):
        return {
            (_fix(k, xml) if isinstance(k, str) else k): _rebuild(v, xml) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_rebuild(v, xml) for v in value]
    if isinstance(value, tuple):
        return tuple(_rebuild(v, xml) for v in value)
    return value


def clean_for_output(record: Any, report: LossReport, *, xml: bool, target_format: str) -> Any:
    """``record``, or a cleaned copy of it, with the loss entries described above."""
    if _all_plain(record):
        return record
    bad = _NOT_XML if xml else None
    dirty = False
    for path, text in _strings(record, ""):
        if text.isascii() and text.isprintable():
            continue
        if _HIDDEN.search(text):
            report.add(
                "text-flagged",
                "text holds invisible or direction-changing characters; kept as is",
                canonical_path=path or "/",
                target_format=target_format,
                value=_fix(text, True).encode("unicode_escape").decode("ascii"),
            )
        problems = []
        if _SURROGATE.search(text):
            problems.append("lone UTF-16 surrogates replaced with U+FFFD")
        if bad is not None and bad.search(text):
            problems.append("control characters XML cannot carry removed")
        if problems:
            dirty = True
            report.add(
                "value-coerced",
                "; ".join(problems),
                canonical_path=path or "/",
                target_format=target_format,
                value=text.encode("utf-8", "backslashreplace").decode("utf-8"),
            )
    return _rebuild(record, xml) if dirty else record
