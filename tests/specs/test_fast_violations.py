"""specs.violations (jsonschema-rs where it can word the message) gives exactly what
specs.validate (python-jsonschema) gives: same pointers, same messages, same order."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from lerbridge import specs
from lerbridge.specs._validate import _compiled_for, _rs_violations

SCHEMAS = [n for n in specs.schema_names() if n.startswith(("ob3/", "clr/"))]


def _documents(upstream: Path) -> list[Any]:
    docs = []
    for folder in ("openbadges/ob3", "clr"):
        for path in sorted((upstream / folder).rglob("*.json")):
            doc = orjson.loads(path.read_bytes())
            if isinstance(doc, dict):
                docs.append(doc)
    return docs


def _without_each_key(doc: Any, limit: int = 40) -> Iterator[Any]:
    """Copies of ``doc`` each missing one member (breadth first): many ``required`` hits."""
    queue: list[tuple[Any, ...]] = [()]
    made = 0
    while queue and made < limit:
        path = queue.pop(0)
        node = doc
        for step in path:
            node = node[step]
        children = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in children if isinstance(node, dict | list) else []:
            if isinstance(node, dict):
                broken = copy.deepcopy(doc)
                target = broken
                for step in path:
                    target = target[step]
                del target[key]
                made += 1
                yield broken
            if isinstance(value, dict | list):
                queue.append((*path, key))


def _slow(doc: Any, name: str) -> list[tuple[str, str]]:
    return [(i.pointer, i.message) for i in specs.validate(doc, name)]


def test_same_as_python_jsonschema_on_real_and_broken_documents(upstream: Path) -> None:
    fast_used = 0
    compared = 0
    for doc in _documents(upstream):
        for broken in [doc, *_without_each_key(doc)]:
            for name in SCHEMAS:
                got = specs.violations(broken, name)
                assert got == _slow(broken, name), name
                compared += 1
                if got and _rs_violations(_compiled_for(name), broken) is not None:
                    fast_used += 1
    assert compared > 500
    assert fast_used > 50  # the fast path really answers on the common case


def test_other_kinds_fall_back_to_python_jsonschema() -> None:
    name = "ob3/achievementcredential"
    doc: dict[str, Any] = {"type": 42}
    assert _rs_violations(_compiled_for(name), doc) is None
    assert specs.violations(doc, name) == _slow(doc, name)
    assert specs.violations(doc, name)  # not empty


@pytest.mark.parametrize("name", ["ob3/achievementcredential", "clr/clrcredential"])
def test_missing_member_pointer_names_it(name: str) -> None:
    got = specs.violations({}, name)
    assert ("/issuer", "'issuer' is a required property") in got
    assert got == _slow({}, name)
