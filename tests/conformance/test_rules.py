"""The rule catalogue is data, each semantic rule has its check, and each check fires on
the defect it names (documents built here) and stays quiet on the fixed document."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conformance_docs import OB3, VC2, ob2_assertion, ob3_badge, write

from lerbridge import conformance
from lerbridge.conformance.semantic import CHECKS

AT = datetime(2026, 1, 1, tzinfo=UTC)


def _rules(tmp_path: Path, doc: Any, name: str = "doc.json", **kw: Any) -> dict[str, list[str]]:
    path = write(tmp_path, name, doc)
    fr = conformance.run(path, now=AT, **kw).files[0]
    out: dict[str, list[str]] = {}
    for f in fr.findings:
        out.setdefault(f.rule, []).append(f.location)
    return out


def test_catalogue_is_complete_and_documented() -> None:
    rules = conformance.rules()
    semantic = {r.id for r in rules.values() if r.stage == "semantic"}
    assert semantic == set(CHECKS)
    for r in rules.values():
        assert r.checks and r.source, r.id
    assert rules["datetime-no-timezone"].severity_for("lenient") == "warning"
    assert rules["credential-expired"].severity_for("strict") == "info"


def test_clean_badge_has_no_findings(tmp_path: Path) -> None:
    assert _rules(tmp_path, ob3_badge()) == {}


def test_image_as_bare_string(tmp_path: Path) -> None:
    doc = ob3_badge()
    doc["credentialSubject"]["achievement"]["image"] = "https://issuer.example.org/i.png"
    found = _rules(tmp_path, doc)
    assert found["image-bare-string"] == ["/credentialSubject/achievement/image"]


def test_result_value_and_identifier_type(tmp_path: Path) -> None:
    doc = ob3_badge()
    subject = doc["credentialSubject"]
    subject["result"] = [{"type": ["Result"], "value": 3.5}]
    subject["identifier"] = [
        {
            "type": "IdentityObject",
            "hashed": False,
            "identityHash": "12345",
            "identityType": "studentId",
        },
        {"type": "IdentityObject", "hashed": False, "identityHash": "9", "identityType": "ext:sid"},
    ]
    found = _rules(tmp_path, doc)
    assert found["result-value-type"] == ["/credentialSubject/result/0/value"]
    assert found["identifier-type-enum"] == ["/credentialSubject/identifier/0/identityType"]


def test_timezone_and_validity_period(tmp_path: Path) -> None:
    doc = ob3_badge(validFrom="2027-05-01T10:00:00", validUntil="2025-01-01T00:00:00Z")
    found = _rules(tmp_path, doc)
    assert found["datetime-no-timezone"] == ["/validFrom"]
    assert found["credential-not-yet-valid"] == ["/validFrom"]
    assert found["credential-expired"] == ["/validUntil"]


def test_lenient_profile_downgrades(tmp_path: Path) -> None:
    path = write(tmp_path, "d.json", ob3_badge(validFrom="2024-05-01T10:00:00"))
    strict = conformance.run(path, now=AT).files[0]
    lenient = conformance.run(path, now=AT, profile="lenient").files[0]
    sev = {f.rule: f.severity for f in strict.findings}
    assert sev["datetime-no-timezone"] == "error" and strict.verdict() == "fail"
    sev = {f.rule: f.severity for f in lenient.findings}
    assert sev["datetime-no-timezone"] == "warning" and lenient.verdict() == "warn"


def test_contexts_unknown_order_and_undefined_terms(tmp_path: Path) -> None:
    doc = ob3_badge()
    doc["@context"] = [OB3, VC2, "https://vendor.example.com/ctx.json"]
    found = _rules(tmp_path, doc)
    assert found["context-order"] == ["/@context"]
    assert found["context-unknown"] == ["/@context/2"]
    assert "term-undefined" not in found  # terms of an unknown context cannot be known
    vc11 = ob3_badge()
    vc11["@context"] = ["https://www.w3.org/2018/credentials/v1", OB3]
    vc11["credentialSubject"]["shoeSize"] = 44
    found = _rules(tmp_path, vc11, "vc11.json")
    assert found["term-undefined"] == ["/credentialSubject/shoeSize"]


def test_clr_association_to_credential_and_context_order(tmp_path: Path) -> None:
    nested = ob3_badge(type=["VerifiableCredential", "AchievementCredential"])
    clr = {
        "@context": [VC2, OB3, "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"],
        "id": "urn:uuid:6c1f0a9e-28b3-4c2e-9d4b-1f2a3b4c5d6e",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Transcript",
        "issuer": nested["issuer"],
        "validFrom": "2024-03-01T09:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner-42",
            "type": ["ClrSubject"],
            "verifiableCredential": [nested],
            "association": [
                {
                    "type": "Association",
                    "associationType": "isPartOf",
                    "sourceId": nested["id"],
                    "targetId": "https://issuer.example.org/achievements/program",
                }
            ],
        },
    }
    found = _rules(tmp_path, clr, "clr.json", format="clr")
    assert found["association-credential-id"] == ["/credentialSubject/association/0/sourceId"]
    assert found["context-order"] == ["/@context/1"]


def test_ob2_recipient_hash(tmp_path: Path) -> None:
    good = "sha256$" + "ab" * 32
    assert "ob2-recipient-hash" not in _rules(tmp_path, ob2_assertion(good), "good.json")
    found = _rules(tmp_path, ob2_assertion("SHA256:abcdef"), "bad.json")
    assert found["ob2-recipient-hash"] == ["/recipient/identity"]


@pytest.mark.parametrize(
    ("ctid", "rules"),
    [
        ("ce-e8a41a52-6ff6-48f0-9872-889c87b093b7", set()),
        ("ce-E8A41A52-6FF6-48F0-9872-889C87B093B7", {"ctid-uppercase"}),
        ("ce-07c25f74-9119-11e8-b852-782bcb5df6ac", {"ctid-malformed"}),
        ("ce-ce-e8a41a52-6ff6-48f0-9872-889c87b093b7", {"ctid-malformed"}),
    ],
)
def test_ctid_rules(tmp_path: Path, ctid: str, rules: set[str]) -> None:
    doc = {
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@id": f"https://credentialengineregistry.org/resources/{ctid}",
        "@type": "ceterms:Certificate",
        "ceterms:ctid": ctid,
        "ceterms:name": {"en-US": "Welding certificate"},
    }
    found = _rules(tmp_path, doc, "ctdl.json", format="ctdl")
    assert {r for r in found if r.startswith("ctid-")} == rules


def test_every_rule_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "conformance.md").read_text("utf-8")
    missing = [r for r in conformance.rules() if f"`{r}`" not in doc]
    assert missing == []


def test_credentials_embedded_in_a_resume_are_checked(tmp_path: Path) -> None:
    cred = ob3_badge(validFrom="2024-03-01T09:00:00")
    resume = {
        "type": "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json",
        "person": {"name": {"formattedName": "Ada Lovelace"}},
        "certifications": [
            {
                "name": "Forklift safety",
                "effectiveTimePeriod": {"validFrom": "2024-03-01T00:00:00.0"},
                "verifications": [{"otherW3CVerifiableCredential": cred}],
            }
        ],
    }
    found = _rules(tmp_path, resume, "resume.json", format="lerrs")
    # the credential's validFrom is flagged; the résumé's own validFrom is not a VC date
    prefix = "/certifications/0/verifications/0/otherW3CVerifiableCredential"
    assert found["datetime-no-timezone"] == [f"{prefix}/validFrom"]
    assert "lerrs-type-url" not in found
