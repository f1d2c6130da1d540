"""Writing OB 2.0 from OB 3.0: the Assertion embeds its BadgeClass and Issuer, passes the
check, keeps the recipient identity, and reports what OB 2.0 cannot hold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import lerbridge
from lerbridge.formats.ob2.check import check

V2 = "https://w3id.org/openbadges/v2"


def _ob3(**subject: Any) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ],
        "id": "https://issuer.example/credentials/42",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": "did:web:issuer.example",
            "type": ["Profile"],
            "name": "Issuer",
            "url": "https://issuer.example",
            "email": "badges@issuer.example",
        },
        "validFrom": "2024-01-02T03:04:05Z",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://issuer.example/achievements/7",
                "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": "Seven",
                "description": "The seventh.",
                "criteria": {"narrative": "Do seven things."},
                "image": {"id": "https://issuer.example/7.png", "type": "Image"},
                "creditsAvailable": 3,
            },
            **subject,
        },
    }


def _write(doc: dict[str, Any]) -> tuple[dict[str, Any], Any]:
    result = lerbridge.convert(json.dumps(doc), to="ob2", from_="ob3")
    return json.loads(result.documents[0].data), result.report


def test_assertion_embeds_badgeclass_and_issuer() -> None:
    out, report = _write(_ob3(identifier=[_email("a@example.com")]))
    assert out["@context"] == V2 and out["type"] == "Assertion"
    assert out["issuedOn"] == "2024-01-02T03:04:05Z"
    assert out["badge"]["type"] == "BadgeClass" and out["badge"]["name"] == "Seven"
    assert out["badge"]["criteria"] == {"narrative": "Do seven things."}
    assert out["badge"]["image"] == "https://issuer.example/7.png"
    assert out["badge"]["issuer"]["type"] == "Issuer"
    assert out["badge"]["issuer"]["email"] == "badges@issuer.example"
    assert out["verification"] == {"type": "hosted"}
    assert out["recipient"] == {"type": "email", "identity": "a@example.com", "hashed": False}
    assert check(out) == []
    codes = {(e.code, e.canonical_path) for e in report}
    assert ("value-synthesized", "awards[0].verification") in codes


def _email(value: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "identityHash": value,
        "hashed": False,
        **extra,
    }


def test_ob3_only_data_is_reported() -> None:
    subject = {
        "id": "did:example:learner",
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "studentId",
                "identityHash": "S-1",
                "hashed": False,
            },
            _email("a@example.com"),
        ],
        "result": [{"type": ["Result"], "value": "A"}],
        "creditsEarned": 3,
    }
    out, report = _write(_ob3(**subject))
    assert out["recipient"]["identity"] == "a@example.com"
    lost = {e.canonical_path for e in report if e.code == "no-target-field"}
    assert {
        "awards[0].results",
        "awards[0].credits_earned",
        "awards[0].recipient.id",
        "awards[0].recipient.identifiers[0]",
    } <= lost
    assert any(p.endswith("achievement_type") for p in lost)
    assert any(p.endswith("credits_available") for p in lost)
    did = [e for e in report if e.code == "target-schema-violation"]
    assert [e.canonical_path for e in did] == ["awards[0].issuer.id"]
    assert "DID" in did[0].message and did[0].severity == "warning"


def test_subject_id_only_becomes_an_identity() -> None:
    out, report = _write(_ob3(id="https://learner.example/me"))
    assert out["recipient"] == {
        "type": "url",
        "identity": "https://learner.example/me",
        "hashed": False,
    }
    assert "value-coerced" in {e.code for e in report}


def test_hashed_identity_is_kept_hashed() -> None:
    hashed = _email("sha256$" + "ab" * 32, hashed=True, salt="s")
    out, _ = _write(_ob3(identifier=[hashed]))
    assert out["recipient"] == {
        "type": "email",
        "identity": "sha256$" + "ab" * 32,
        "hashed": True,
        "salt": "s",
    }


def test_missing_issuer_email_is_reported_not_invented() -> None:
    doc = _ob3(identifier=[_email("a@example.com")])
    del doc["issuer"]["email"]
    out, report = _write(doc)
    assert "email" not in out["badge"]["issuer"]
    errors = [e for e in report if e.severity == "error"]
    assert [e.canonical_path for e in errors if e.code == "target-schema-violation"] == [
        "awards[0]/badge/issuer/email"
    ]


def test_shipped_ob3_fixtures_write_checked_ob2(shipped: Path) -> None:
    src = shipped / "ob3" / "lerbridge-welding-certificate.json"
    result = lerbridge.convert(src, to="ob2")
    out = json.loads(result.documents[0].data)
    problems = {i.pointer for i in check(out)}
    reported = {
        e.canonical_path.split("/", 1)[1]
        for e in result.report
        if e.code == "target-schema-violation" and "/" in (e.canonical_path or "")
    }
    assert {p.lstrip("/") for p in problems} == reported


def test_detection_of_every_version() -> None:
    assert lerbridge.detect(json.dumps({"@context": V2, "type": "Assertion"})) == "ob2"
    legacy = {"recipient": {"identity": "x@example.com"}, "badge": "http://b.example/1"}
    assert lerbridge.detect(json.dumps(legacy)) == "ob2"
    assert lerbridge.detect(json.dumps({"recipient": "x@example.com", "badge": {}})) == "ob2"
    assert lerbridge.detect(json.dumps(_ob3())) == "ob3"


def test_a_record_with_nothing_to_state_is_refused() -> None:
    """A résumé with no award, achievement, issuer or endorsement gives no OB 2.0 document:
    an error that says so, not an empty result (as for OB 3.0)."""
    import pytest

    import lerbridge
    from lerbridge.errors import WriteError
    from lerbridge.model import LearnerRecord

    with pytest.raises(WriteError, match=r"nothing an Open Badges 2\.0 document states"):
        lerbridge.write(LearnerRecord(), "ob2")
