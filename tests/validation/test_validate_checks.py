"""The checks of ``lerbridge validate`` beyond the plain schema, on small payloads built from
the validator's simple.json and the kit's transcript CLR."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.conformance import build_kit
from lerbridge.validation import CHECKS, ValidationIssue, verdict

SIMPLE = "fixtures-upstream/openbadges/ob3/1edtech-validator/simple.json"
ENDORSEMENT = "fixtures-upstream/openbadges/ob3/spec-examples/endorsement.json"


@pytest.fixture
def simple(shared_dir: Path) -> dict:
    return json.loads((shared_dir / SIMPLE).read_bytes())


def _found(doc: object, fmt: str = "ob3") -> list[tuple[str, str, str]]:
    return [(i.severity, i.check, i.pointer) for i in lerbridge.validate(doc, fmt, warnings=True)]


def test_compacted_single_values_are_warnings_at_their_pointers(simple: dict) -> None:
    doc = copy.deepcopy(simple)
    doc["issuer"]["type"] = "Profile"
    doc["proof"] = doc["proof"][0]
    doc["credentialSubject"]["achievement"]["type"] = "Achievement"
    # a wrapped value inside a wrapped value: the pointer maps back to the original
    doc["credentialSubject"]["result"] = {"type": "Result", "value": "A"}
    assert _found(doc) == [
        ("warning", "compacted-form", "/credentialSubject/achievement/type"),
        ("warning", "compacted-form", "/credentialSubject/result"),
        ("warning", "compacted-form", "/credentialSubject/result/type"),
        ("warning", "compacted-form", "/issuer/type"),
        ("warning", "compacted-form", "/proof"),
    ]
    assert lerbridge.validate(doc, "ob3") == []  # errors only: valid


def test_an_error_inside_a_compacted_value_points_into_the_original(simple: dict) -> None:
    doc = copy.deepcopy(simple)
    doc["credentialSubject"]["result"] = {"type": "Result", "value": 4}
    errors = lerbridge.validate(doc, "ob3")
    assert [(i.check, i.pointer) for i in errors] == [("schema", "/credentialSubject/result/value")]
    assert isinstance(errors[0], ValidationIssue)
    assert errors[0].message == "4 is not of type 'string'"


def test_subject_needs_an_id_or_an_identifier(simple: dict) -> None:
    doc = copy.deepcopy(simple)
    del doc["credentialSubject"]["id"]
    assert specs.validate(doc, "ob3/achievementcredential") == []  # the schema cannot say it
    assert _found(doc) == [("error", "subject-id", "/credentialSubject")]
    doc["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "hashed": False,
            "identityHash": "mira@example.org",
            "identityType": "emailAddress",
        }
    ]
    assert _found(doc) == []


def test_the_reader_reports_the_same_subject_gap(simple: dict) -> None:
    doc = copy.deepcopy(simple)
    del doc["credentialSubject"]["id"]
    _record, report = lerbridge.read(doc, "ob3")
    [entry] = [e for e in report.by_code("source-schema-violation")]
    assert entry.source_path == "/credentialSubject"
    assert "neither id nor identifier" in entry.message


def test_context_checks_are_those_the_reader_makes(simple: dict) -> None:
    doc = copy.deepcopy(simple)
    doc["@context"] = [doc["@context"][0], "https://example.org/my-context.json"]
    assert set(_found(doc)) == {
        ("error", "context", "/@context"),  # the OB 3.0 context is missing
        ("error", "schema", "/@context/1"),  # the schema wants it second
        ("warning", "unknown-context", "/@context/1"),
    }
    _record, report = lerbridge.read(doc, "ob3")
    assert [e.source_path for e in report.by_code("source-schema-violation")] == [
        "/@context",
        "/@context/1",
    ]
    assert [e.source_path for e in report.by_code("unknown-context")] != []


def test_an_endorsement_is_checked_against_the_endorsement_schema(shared_dir: Path) -> None:
    doc = json.loads((shared_dir / ENDORSEMENT).read_bytes())
    assert specs.validate(doc, "ob3/achievementcredential") != []  # the wrong schema rejects it
    assert lerbridge.validate(doc, "ob3") == []
    broken = copy.deepcopy(doc)
    del broken["credentialSubject"]["id"]
    pointers = [(i.check, i.pointer) for i in lerbridge.validate(broken, "ob3")]
    assert ("schema", "/credentialSubject/id") in pointers


def test_nested_clr_credentials_get_the_subject_check() -> None:
    [clr] = [f for f in build_kit().files if f.path == "transcript/transcript.clr.json"]
    doc = json.loads(clr.data)
    assert lerbridge.validate(doc, "clr", warnings=True) == []
    nested = doc["credentialSubject"]["verifiableCredential"][2]["credentialSubject"]
    nested.pop("id", None)
    nested.pop("identifier", None)
    assert _found(doc, "clr") == [
        ("error", "subject-id", "/credentialSubject/verifiableCredential/2/credentialSubject")
    ]


def test_time_window_only_when_asked(simple: dict) -> None:
    doc = copy.deepcopy(simple)
    doc["validFrom"] = "2030-01-01T00:00:00Z"
    assert lerbridge.validate(doc, "ob3") == []
    found = lerbridge.validate(doc, "ob3", at="2026-01-01")
    assert [(i.check, i.pointer) for i in found] == [("not-yet-valid", "/validFrom")]
    assert lerbridge.validate(doc, "ob3", at="2031-01-01T00:00:00+02:00") == []
    with pytest.raises(lerbridge.LerbridgeError, match="ISO 8601"):
        lerbridge.validate(doc, "ob3", at="soon")


def test_verdicts_and_check_table() -> None:
    warn = ValidationIssue("/proof", "m", "", "warning", "compacted-form")
    err = ValidationIssue("/x", "m", "", "error", "schema")
    assert (verdict([]), verdict([warn]), verdict([warn, err])) == (
        "valid",
        "valid-with-warnings",
        "invalid",
    )
    assert CHECKS["compacted-form"][0] == "warning" and CHECKS["subject-id"][0] == "error"
