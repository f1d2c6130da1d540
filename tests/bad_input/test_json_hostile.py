"""B8 items 12-18: hostile JSON and JSON-LD. Deep nesting, huge integers, NaN, duplicate
keys, lone surrogates, the byte cap, remote and local contexts, inline context tricks and
remote ``$ref`` s: a ReadError or a loss entry, never a fetch (the listener counts)."""

from __future__ import annotations

import json
from pathlib import Path

import pydantic
import pytest
from loopback import Listener

import lerbridge
from lerbridge.errors import ReadError
from lerbridge.limits import Limits
from lerbridge.specs import OfflineRefError, validate_against


def _doc(welding: bytes) -> dict:
    return json.loads(welding)


def test_b8_12_nested_100k_deep_also_through_pydantic() -> None:
    deep = b'{"model_version": "1.0", "extensions": {"x": ' + b"[" * 100_000 + b"]" * 100_000
    deep += b"}}"
    with pytest.raises(ReadError) as info:
        lerbridge.convert(deep, to="ob3", name="deep.json")
    assert "nested deeper than the 200-level limit" in info.value.message
    # the model's own JSON parser: a ValidationError, not a RecursionError or a crash
    with pytest.raises(pydantic.ValidationError) as perr:
        lerbridge.LearnerRecord.model_validate_json(deep)
    assert "recursion limit" in str(perr.value)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"1" * 5000, "outside the 64-bit range"),
        (b"NaN", "NaN is not valid JSON"),
        (b"-Infinity", "-Infinity is not valid JSON"),
    ],
)
def test_b8_13_number_literals(welding: bytes, payload: bytes, message: str) -> None:
    data = welding.replace(b'"name"', b'"big": ' + payload + b', "name"', 1)
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="canonical", name="n.json")
    assert message in info.value.message and info.value.source == "n.json"


def test_b8_13_duplicate_id_is_reported(welding: bytes) -> None:
    data = welding.replace(b'"id"', b'"id": "urn:uuid:first", "id"', 1)
    result = lerbridge.convert(data, to="canonical")
    [entry] = result.report.by_code("duplicate-key")
    assert entry.excerpt == "id"


def test_b8_14_lone_surrogate_in_a_name_is_reported(welding: bytes) -> None:
    doc = _doc(welding)
    doc["credentialSubject"]["achievement"]["name"] = "Weld\\ud800ing"
    data = json.dumps(doc).encode().replace(b"\\\\ud800", b"\\ud800")
    with pytest.raises(ReadError) as info:
        lerbridge.convert(data, to="hrxml", name="s.json")
    assert info.value.location == "/credentialSubject/achievement/name"


def test_b8_15_over_the_byte_cap_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"{" * 2_000)  # would be a parse error, if it were parsed
    with pytest.raises(ReadError) as info:
        lerbridge.convert(path, to="canonical", limits=Limits(max_bytes=1_000))
    assert info.value.message == "file is 2000 bytes, over the 1000-byte limit"


def test_b8_16_remote_and_local_contexts_never_dereferenced(
    welding: bytes, listener: Listener, tmp_path: Path
) -> None:
    secret = tmp_path / "ctx.jsonld"
    secret.write_text('{"@context": {"PRIVATE-CONTENT-16": "x"}}')
    urls = [listener.url("ctx"), secret.as_uri(), "https://unknown.example/ctx.jsonld"]
    doc = _doc(welding)
    doc["@context"] = [*doc["@context"], *urls]
    result = lerbridge.convert(doc, to="ob3")
    flagged = [e.excerpt for e in result.report.by_code("unknown-context")]
    assert len(flagged) == 3
    assert not any(b"PRIVATE-CONTENT-16" in d.data for d in result.documents)


def test_b8_17_inline_context_tricks(welding: bytes) -> None:
    doc = _doc(welding)
    redefine = {"name": "https://attacker.example/name", "id": "@type", "type": "@id"}
    doc["@context"] = [*doc["@context"], redefine] + [f"https://e.example/{i}" for i in range(11)]
    result = lerbridge.convert(doc, to="canonical")
    assert len(result.report.by_code("unknown-context")) == 12
    # the record is read by the official terms: the names are the names
    names = [a.name for a in result.record.achievements]
    assert names and names == [
        a.name for a in lerbridge.convert(welding, to="canonical").record.achievements
    ]
    cyclic = _doc(welding)
    cyclic["@context"] = [*cyclic["@context"], {"@context": {"@context": "#"}}]
    assert lerbridge.convert(cyclic, to="canonical").report.by_code("unknown-context")


def test_b8_18_schema_ref_to_http_or_file_is_never_retrieved(
    listener: Listener, tmp_path: Path
) -> None:
    local = tmp_path / "s.json"
    local.write_text('{"type": "string"}')
    for ref in (listener.url("schema.json"), local.as_uri()):
        with pytest.raises(OfflineRefError):
            validate_against({"x": 1}, {"properties": {"x": {"$ref": ref}}})
