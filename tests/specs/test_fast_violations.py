"""specs.violations (jsonschema-rs ``iter_errors``, every error kind) finds the violations
specs.validate (python-jsonschema) finds: the same pointers, the same ``required`` texts;
the other messages are jsonschema-rs's, shortened the same way (issue 14)."""

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


def _required(item: tuple[str, str]) -> bool:
    return item[1] == f"{item[0].rsplit('/', 1)[-1]!r} is a required property"


def _slow(doc: Any, name: str) -> list[tuple[str, str]]:
    return [(i.pointer, i.message) for i in specs.validate(doc, name)]


def test_same_pointers_as_python_jsonschema_on_real_and_broken_documents(upstream: Path) -> None:
    compared = invalid = 0
    for doc in _documents(upstream):
        for broken in [doc, *_without_each_key(doc)]:
            for name in SCHEMAS:
                got = specs.violations(broken, name)
                slow = _slow(broken, name)
                assert sorted({p for p, _ in got}) == sorted({p for p, _ in slow}), name
                assert got == sorted(got)
                # a missing member is worded exactly as python-jsonschema words it
                assert [m for m in got if _required(m)] == [m for m in slow if _required(m)]
                assert _rs_violations(_compiled_for(name), broken) == got
                compared += 1
                invalid += bool(got)
    assert compared > 500
    assert invalid > 300


def test_type_enum_and_long_instances_worded_from_jsonschema_rs() -> None:
    name = "ob3/achievementcredential"
    doc: dict[str, Any] = {
        "type": 42,
        "credentialSubject": {"identifier": [{"type": "Nope"}]},
        "proof": {"type": "DataIntegrityProof", "cryptosuite": "x" * 100, "proofValue": "z"},
    }
    doc["issuer"] = ["y" * 100]
    got = dict(specs.violations(doc, name))
    assert got["/type"] == '42 is not of type "array"'
    assert got["/credentialSubject/identifier/0/type"] == '"Nope" is not one of "IdentityObject"'
    assert got["/proof"] == 'object is not of type "array"'  # not the 100-character rendering
    assert got["/issuer"] == (
        "array of 1 item(s) is not valid under any of the given schemas (oneOf); closest "
        'match fails at /issuer: array of 1 item(s) is not of type "string"'
    )
    assert got["/validFrom"] == "'validFrom' is a required property"
    assert all(len(message) <= 500 and "x" * 90 not in message for message in got.values())


def test_one_of_names_the_closest_match() -> None:
    name = "clr/clrcredential"
    doc = {"@context": ["https://www.w3.org/2018/credentials/v1", "x", "y"]}
    got = dict(specs.violations(doc, name))
    assert got["/@context"] == (
        "array of 3 item(s) is not valid under any of the given schemas (oneOf); closest "
        'match fails at /@context/0: "https://www.w3.org/2018/credentials/v1" is not one of '
        '"https://www.w3.org/ns/credentials/v2"'
    )


def test_not_json_for_the_rust_side_falls_back_to_python_jsonschema() -> None:
    name = "ob3/achievementcredential"
    doc = {"type": "VerifiableCredential", "extra": object()}
    assert _rs_violations(_compiled_for(name), doc) is None
    assert specs.violations(doc, name) == _slow(doc, name)
    assert specs.violations(doc, name)  # not empty


@pytest.mark.parametrize("name", ["ob3/achievementcredential", "clr/clrcredential"])
def test_missing_member_pointer_names_it(name: str) -> None:
    got = specs.violations({}, name)
    assert ("/issuer", "'issuer' is a required property") in got
    assert got == _slow({}, name)
