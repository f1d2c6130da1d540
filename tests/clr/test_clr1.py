"""CLR 1.0 (type "Clr"): read through mappings/clr1.yaml and upgraded to CLR 2.0. A small
CLR 1.0 built here exercises what the North Dakota file does not: associations on
achievements, renamed vocabulary, signed assertions, revocation, hashed recipients."""

from __future__ import annotations

import base64
import copy
import json
from typing import Any

import lerbridge
from lerbridge import specs
from lerbridge.formats.base import ReadOptions
from lerbridge.formats.clr.clr1 import read_clr1
from lerbridge.mapping.compiler import load_mapping
from lerbridge.mapping.loader import shipped_mappings
from lerbridge.model import LearnerRecord
from lerbridge.report import LossReport

ISSUER = {
    "id": "https://school.example/profile",
    "type": "Profile",
    "name": "Example High School",
    "telephone": "701-555-0100",
    "sourcedId": "0800109700912",
}
LEARNER_ID = "urn:uuid:163542ad-2f71-4735-8268-18f92efde733"
BAND = {
    "id": "urn:uuid:ach-band",
    "type": "Achievement",
    "achievementType": "Co-Curricular",
    "name": "Concert Band",
    "issuer": ISSUER,
    "level": "12",
    "identifiers": [{"identifier": "BAND-1", "identifierType": "LisSourcedId"}],
    "alignments": [
        {
            "targetName": "Music Performance",
            "targetUrl": "https://case.example/items/1",
            "targetCode": "MUS.1",
            "targetType": "CFItem",
        }
    ],
    "associations": [
        {"associationType": "isChildOf", "targetId": "urn:uuid:ach-diploma", "title": "Diploma"},
        {
            "associationType": "isRelatedTo",
            "targetId": "urn:uuid:assert-algebra",
            "title": "Algebra (named by its assertion)",
        },
        {"associationType": "precedes", "targetId": "urn:uuid:nowhere", "title": "Gone"},
    ],
}
ALGEBRA = {
    "id": "urn:uuid:ach-algebra",
    "achievementType": "Course",
    "name": "Algebra I",
    "issuer": ISSUER,
    "creditsAvailable": 0.5,
    "humanCode": "MATH-101",
    "fieldOfStudy": "MATHEMATICS",
    "requirement": {"narrative": "Pass both semesters"},
    "resultDescriptions": [
        {
            "id": "urn:uuid:rd-grade",
            "name": "Term Grade",
            "resultType": "LetterGrade",
            "allowedValues": ["F", "D", "C", "B", "A"],
        }
    ],
    "tags": ["Core"],
}
DIPLOMA = {
    "id": "urn:uuid:ach-diploma",
    "achievementType": "Diploma",
    "name": "Graduation",
    "description": "High School Graduation",
    "issuer": ISSUER,
}


def recipient(**more: Any) -> dict[str, Any]:
    return {"type": "id", "identity": LEARNER_ID, "hashed": False, **more}


def clr1(**top: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": "https://purl.imsglobal.org/spec/clr/v1p0/context/clr_v1p0.jsonld",
        "id": "urn:uuid:clr1-doc",
        "type": "Clr",
        "name": "Student Transcript",
        "issuedOn": "2020-10-14T14:10:02Z",
        "partial": True,
        "learner": {
            "id": LEARNER_ID,
            "name": "Student DEMO",
            "studentId": "2645082212",
            "sourcedId": "22257",
            "telephone": "7015551234",
            "email": "student@example.org",
            "birthDate": "2002-03-04",
            "address": {
                "streetAddress": "789 Demo St.",
                "addressLocality": "Bismarck",
                "addressRegion": "ND",
                "postalCode": "58504",
                "addressCountry": "USA",
            },
        },
        "publisher": ISSUER,
        "assertions": [
            {
                "id": "urn:uuid:assert-algebra",
                "type": "Assertion",
                "achievement": copy.deepcopy(ALGEBRA),
                "issuedOn": "2019-06-01T00:00:00",
                "recipient": recipient(),
                "results": [{"resultDescription": "urn:uuid:rd-grade", "value": "B+"}],
                "creditsEarned": 0.5,
                "term": "S2",
            },
            {
                "id": "urn:uuid:assert-band",
                "achievement": copy.deepcopy(BAND),
                "issuedOn": "2019-06-01T00:00:00Z",
                "recipient": {
                    "type": "email",
                    "hashed": True,
                    "salt": "s4lt",
                    "identity": "sha256$0f1e2d3c4b5a69788796a5b4c3d2e1f0",
                },
                "revoked": True,
                "revocationReason": "entered in error",
            },
        ],
        "achievements": [copy.deepcopy(BAND), DIPLOMA],
        "verification": {"type": "Signed"},
        "revoked": False,
        "revocationReason": None,
        "signedAssertions": None,
    }
    doc.update(top)
    return doc


def _read(doc: dict[str, Any]) -> tuple[LearnerRecord, lerbridge.LossReport]:
    return lerbridge.read(doc, "clr")


def test_clr1_mapping_is_a_valid_read_mapping() -> None:
    assert "clr1" in shipped_mappings()
    m = load_mapping("clr1")
    assert m.namespace == "clr1"
    assert (m.root_object, m.root_field) == ("Clr", ".")
    assert m.objects["Clr"].model is LearnerRecord
    assert {"Assertion", "Achievement", "Learner", "Profile", "Association"} <= set(m.objects)


def test_clr1_is_detected_and_read_as_clr() -> None:
    assert lerbridge.detect(clr1()) == "clr"
    rec, report = _read(clr1())
    assert rec.provenance is not None
    assert (rec.provenance.format, rec.provenance.dialect) == ("clr", "clr1.0")
    assert rec.provenance.mapping == "mappings/clr1.yaml"
    assert rec.provenance.source_ids == ["urn:uuid:clr1-doc"]
    assert "/" in {e.source_path for e in report.by_code("dialect-upgraded")}


def test_envelope_learner_and_publisher() -> None:
    rec, _ = _read(clr1())
    env = rec.envelope
    assert env is not None
    assert (env.id, env.name, env.valid_from, env.partial) == (
        "urn:uuid:clr1-doc",
        {"und": "Student Transcript"},
        "2020-10-14T14:10:02Z",
        True,
    )
    p = rec.person
    assert p is not None and p.id == LEARNER_ID
    assert p.name is not None and p.name.formatted == "Student DEMO"
    assert [(i.value, i.scheme) for i in p.identifiers] == [
        ("2645082212", "ext:studentId"),
        ("22257", "sourcedId"),
    ]
    assert [c.value for c in p.phones] == ["7015551234"]
    assert [c.value for c in p.emails] == ["student@example.org"]
    assert p.birth_date == "2002-03-04"
    assert p.addresses[0].locality == "Bismarck" and p.addresses[0].postal_code == "58504"
    pub = rec.publisher
    assert pub is not None and pub.name == {"und": "Example High School"}
    assert pub.phone == "701-555-0100"
    assert [(i.value, i.scheme) for i in pub.identifiers] == [("0800109700912", "sourcedId")]


def test_assertions_become_awards() -> None:
    rec, report = _read(clr1())
    assert [a.id for a in rec.awards] == ["urn:uuid:assert-algebra", "urn:uuid:assert-band"]
    algebra = rec.awards[0]
    assert algebra.achievement_id == "urn:uuid:ach-algebra"
    assert (algebra.credits_earned, algebra.term, algebra.valid_from) == (
        0.5,
        "S2",
        "2019-06-01T00:00:00",
    )
    assert [(r.result_description, r.value) for r in algebra.results] == [
        ("urn:uuid:rd-grade", "B+")
    ]
    # CLR 1.0: the achievement's issuer issues its assertions; an unhashed "id" identity is
    # the recipient's id
    assert algebra.issuer is not None and algebra.issuer.id == ISSUER["id"]
    assert algebra.recipient is not None and algebra.recipient.id == LEARNER_ID
    assert algebra.recipient.identifiers == []
    band = rec.awards[1]
    assert band.recipient is not None and band.recipient.id is None
    hashed = band.recipient.identifiers[0]
    assert (hashed.scheme, hashed.hashed, hashed.salt) == ("email", True, "s4lt")
    # a revoked assertion: CLR 2.0 cannot say so
    errors = [e for e in report.by_code("no-target-field") if e.severity == "error"]
    assert [e.source_path for e in errors] == ["/assertions/1/revoked"]


def test_achievements_terms_and_extensions() -> None:
    rec, report = _read(clr1())
    assert sorted(a.id for a in rec.achievements) == [
        "urn:uuid:ach-algebra",
        "urn:uuid:ach-band",
        "urn:uuid:ach-diploma",
    ]
    algebra = rec.achievement("urn:uuid:ach-algebra")
    assert algebra is not None
    assert algebra.criteria is not None and algebra.criteria.narrative == {
        "und": "Pass both semesters"
    }
    assert (algebra.credits_available, algebra.human_code) == (0.5, "MATH-101")
    assert algebra.result_descriptions[0].allowed_values == ["F", "D", "C", "B", "A"]
    assert algebra.creator is not None and algebra.creator.id == ISSUER["id"]
    band = rec.achievement("urn:uuid:ach-band")
    assert band is not None
    assert band.achievement_type == "CoCurricular"  # CLR 1.0 spells Co-Curricular
    assert [(i.value, i.scheme) for i in band.identifiers] == [("BAND-1", "lisSourcedId")]
    assert band.alignments[0].target_code == "MUS.1"
    assert band.extensions == {"clr1": {"level": "12"}}
    # renamed vocabulary: clr1.yaml read_table, one value-coerced entry per occurrence
    assert {"Co-Curricular", "LisSourcedId"} <= {e.excerpt for e in report.by_code("value-coerced")}
    unmapped = {e.source_path for e in report.by_code("unmapped-source-field")}
    assert "/assertions/1/achievement/level" in unmapped
    assert "/assertions/1/revoked" in unmapped
    # nulls are absent in JSON-LD: nothing kept or reported for them
    assert "/revocationReason" not in unmapped and "/signedAssertions" not in unmapped
    assert rec.envelope is not None
    assert rec.envelope.achievement_ids == ["urn:uuid:ach-band", "urn:uuid:ach-diploma"]


def test_achievement_associations_move_to_the_record() -> None:
    rec, report = _read(clr1())
    assert [(a.type, a.source_id, a.target_id) for a in rec.associations] == [
        ("isChildOf", "urn:uuid:ach-band", "urn:uuid:ach-diploma"),
        ("isRelatedTo", "urn:uuid:ach-band", "urn:uuid:ach-algebra"),
        ("precedes", "urn:uuid:ach-band", "urn:uuid:nowhere"),
    ]
    assert rec.associations[0].extensions == {"clr1": {"title": "Diploma"}}
    # the band achievement is listed twice, its associations kept once; the paths are the
    # CLR 1.0 ones
    coerced = [e for e in report.by_code("value-coerced") if "association" in e.message]
    assert [e.source_path for e in coerced] == ["/assertions/1/achievement/associations/1/targetId"]
    assert [e.source_path for e in report.by_code("unresolved-reference")] == [
        "/assertions/1/achievement/associations/2/targetId"
    ]
    band = rec.achievement("urn:uuid:ach-band")
    assert band is not None and "associations" not in band.extensions.get("clr1", {})


def test_verification_and_revocation_of_the_clr_are_reported() -> None:
    _, report = _read(clr1())
    notes = [e for e in report.by_code("no-target-field") if e.source_path == "/verification"]
    assert len(notes) == 1 and "carries no signature" in notes[0].message
    assert notes[0].severity == "info"
    _, report = _read(clr1(revoked=True, revocationReason="superseded"))
    revoked = [e for e in report.by_code("no-target-field") if e.source_path == "/revoked"]
    assert len(revoked) == 1 and revoked[0].severity == "error"
    assert "superseded" in revoked[0].message


def _jws(payload: dict[str, Any]) -> str:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")

    head = b64(json.dumps({"alg": "RS256"}).encode())
    return f"{head}.{b64(json.dumps(payload).encode())}.{b64(b'signature-bytes')}"


def test_signed_assertions_are_decoded_not_verified() -> None:
    signed = {
        "id": "urn:uuid:assert-diploma",
        "achievement": DIPLOMA,
        "issuedOn": "2020-05-25T00:00:00Z",
        "recipient": recipient(),
    }
    rec, report = _read(clr1(signedAssertions=[_jws(signed), "not a jws"]))
    assert [a.id for a in rec.awards][-1] == "urn:uuid:assert-diploma"
    award = rec.awards[-1]
    assert award.credential is not None and award.credential.proofs[0].type == "JWS"
    assert award.recipient is not None and award.recipient.id == LEARNER_ID
    assert rec.provenance is not None and rec.provenance.signed is True
    assert "unverified-signature" in report.codes()
    dropped = [
        e for e in report.by_code("no-target-field") if e.source_path == "/signedAssertions/1"
    ]
    assert len(dropped) == 1


def test_clr1_upgrades_to_valid_clr2() -> None:
    signed = {
        "id": "urn:uuid:assert-diploma",
        "achievement": DIPLOMA,
        "issuedOn": "2020-05-25T00:00:00Z",
        "recipient": recipient(),
    }
    result = lerbridge.convert(clr1(signedAssertions=[_jws(signed)]), to="clr")
    out = json.loads(result.documents[0].data)
    assert specs.validate(out, "clr/clrcredential") == []
    creds = out["credentialSubject"]["verifiableCredential"]
    for cred in creds:
        assert specs.validate(cred, "ob3/achievementcredential") == []
    assert out["partial"] is True
    assert out["validFrom"] == "2020-10-14T14:10:02Z"
    assert out["credentialSubject"]["id"] == LEARNER_ID
    idents = {
        (i["identityType"], i["identityHash"]) for i in out["credentialSubject"]["identifier"]
    }
    assert idents == {("ext:studentId", "2645082212"), ("sourcedId", "22257")}
    algebra, band, diploma = creds
    assert algebra["issuer"]["id"] == ISSUER["id"]
    assert algebra["credentialSubject"]["id"] == LEARNER_ID
    assert algebra["credentialSubject"]["result"][0]["value"] == "B+"
    assert algebra["validFrom"] == "2019-06-01T00:00:00Z"  # no zone in CLR 1.0: UTC, reported
    assert band["credentialSubject"]["achievement"]["achievementType"] == "CoCurricular"
    assert band["credentialSubject"]["identifier"][0]["identityType"] == "emailAddress"
    assert "proof" not in diploma
    assert {(a["sourceId"], a["targetId"]) for a in out["credentialSubject"]["association"]} == {
        ("urn:uuid:ach-band", "urn:uuid:ach-diploma"),
        ("urn:uuid:ach-band", "urn:uuid:ach-algebra"),
        ("urn:uuid:ach-band", "urn:uuid:nowhere"),
    }
    codes = result.report.codes()
    assert "proof-invalidated" in codes  # the signed assertion's JWS does not cover the JSON
    lost = {e.canonical_path for e in result.report.by_code("no-target-field")}
    assert "person.name" in lost and "person.phones" in lost


def test_signed_clr1_records_its_signature() -> None:
    # direct call: what the CLR reader must do with a CLR 1.0 that arrived as a JWS
    token = _jws(clr1())
    rec = read_clr1(clr1(), "", ReadOptions(), LossReport(), jws=token)
    assert rec.provenance is not None
    assert (rec.provenance.dialect, rec.provenance.signed) == ("clr1.0+jwt", True)
    assert rec.envelope is not None and rec.envelope.credential is not None
    assert rec.envelope.credential.proofs[0].jws == token


def test_signed_clr1_through_the_api() -> None:
    # a CLR 1.0 with "Signed" verification travels as a JWS; the reader decodes it
    rec, report = lerbridge.read(_jws(clr1()).encode("ascii"), "clr")
    assert "unverified-signature" in report.codes()
    assert rec.provenance is not None
    assert (rec.provenance.dialect, rec.provenance.signed) == ("clr1.0+jwt", True)
    notes = [e for e in report.by_code("no-target-field") if e.source_path == "/verification"]
    assert notes and "carries no signature" not in notes[0].message
