"""CLR 2.0 meaning that real files get wrong, on small CLRs built here: duplicate
achievements, associations naming credentials, numeric results, array types, context order,
identifier vocabulary, partial; proofs kept only while they hold; OB 3.0 wrapped into a
CLR; the API response with JSON and VC-JWT CLRs."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.formats.vc import normalize

VC2 = "https://www.w3.org/ns/credentials/v2"
CLR_CTX = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
CLR_CTX_PLAIN = "https://purl.imsglobal.org/spec/clr/v2p0/context.json"
OB_CTX = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
ISSUER = {"id": "https://example.edu/issuers/1", "type": ["Profile"], "name": "Example University"}
LEARNER = "did:example:learner-1"
GPA_RD = {
    "id": "urn:uuid:rd-gpa",
    "type": ["ResultDescription"],
    "name": "Cumulative GPA",
    "resultType": "GradePointAverage",
}


def achievement(ident: str, name: str, kind: str = "Course", **more: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "type": ["Achievement"],
        "achievementType": kind,
        "name": name,
        "description": f"{name}.",
        "criteria": {"narrative": "Complete the work."},
        **more,
    }


MATH = achievement("urn:uuid:ach-math", "Calculus I")
DEGREE = achievement("urn:uuid:ach-degree", "BS Mathematics", "BachelorDegree")


def nested(cred_id: str, ach: dict[str, Any], **subject: Any) -> dict[str, Any]:
    return {
        "@context": [VC2, OB_CTX],
        "id": cred_id,
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": ach["name"],
        "issuer": ISSUER,
        "validFrom": "2024-06-01T00:00:00Z",
        "credentialSubject": {
            "id": LEARNER,
            "type": ["AchievementSubject"],
            "achievement": copy.deepcopy(ach),
            **subject,
        },
    }


def clr(
    creds: list[dict[str, Any]],
    achievements: list[dict[str, Any]] | None = None,
    associations: list[dict[str, Any]] | None = None,
    **top: Any,
) -> dict[str, Any]:
    subject: dict[str, Any] = {"id": LEARNER, "type": ["ClrSubject"], "verifiableCredential": creds}
    if achievements:
        subject["achievement"] = copy.deepcopy(achievements)
    if associations:
        subject["association"] = associations
    return {
        "@context": [VC2, CLR_CTX, OB_CTX],
        "id": "urn:uuid:clr-1",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Test transcript",
        "issuer": ISSUER,
        "validFrom": "2024-06-02T00:00:00Z",
        "credentialSubject": subject,
        **top,
    }


def assoc(kind: str, source: str, target: str) -> dict[str, Any]:
    return {"type": "Association", "associationType": kind, "sourceId": source, "targetId": target}


def roundtrip(doc: dict[str, Any]) -> tuple[Any, lerbridge.LossReport, dict[str, Any], Any]:
    rec, report = lerbridge.read(doc, "clr")
    docs, wreport = lerbridge.write(rec, "clr")
    out = json.loads(docs[0].data)
    assert specs.validate(out, "clr/clrcredential") == []
    return rec, report, out, wreport


def test_the_builder_makes_a_valid_clr() -> None:
    doc = clr(
        [nested("urn:uuid:cred-math", MATH)],
        [DEGREE],
        [assoc("isChildOf", MATH["id"], DEGREE["id"])],
    )
    assert specs.validate(doc, "clr/clrcredential") == []


def test_same_achievement_at_subject_level_and_nested_is_merged() -> None:
    # the subject-level copy says more (humanCode); the nested one is the awarded one
    subject_copy = {**MATH, "humanCode": "MATH 151"}
    doc = clr([nested("urn:uuid:cred-math", MATH)], [subject_copy, DEGREE])
    rec, report, out, _ = roundtrip(doc)
    assert sorted(a.id for a in rec.achievements) == [DEGREE["id"], MATH["id"]]
    math = rec.achievement(MATH["id"])
    assert math is not None and math.human_code == "MATH 151"
    assert rec.awards[0].achievement_id == MATH["id"]
    assert not [
        e for e in report.by_code("source-schema-violation") if "two different" in e.message
    ]
    subj = out["credentialSubject"]
    assert len(subj["verifiableCredential"]) == 1
    assert [a["id"] for a in subj["achievement"]] == [MATH["id"], DEGREE["id"]]
    assert (
        subj["verifiableCredential"][0]["credentialSubject"]["achievement"]["humanCode"]
        == "MATH 151"
    )


def test_conflicting_copies_keep_the_first_and_report() -> None:
    doc = clr([nested("urn:uuid:cred-math", MATH)], [{**MATH, "name": "Calculus One"}])
    rec, report = lerbridge.read(doc, "clr")
    assert len(rec.achievements) == 1
    assert any(
        "two different definitions of urn:uuid:ach-math" in e.message
        for e in report.by_code("source-schema-violation")
    )


def test_association_naming_a_credential_is_resolved_to_its_achievement() -> None:
    doc = clr(
        [nested("urn:uuid:cred-math", MATH)],
        [DEGREE],
        [assoc("isChildOf", "urn:uuid:cred-math", DEGREE["id"])],
    )
    rec, report, out, _ = roundtrip(doc)
    assert [(a.type, a.source_id, a.target_id) for a in rec.associations] == [
        ("isChildOf", MATH["id"], DEGREE["id"])
    ]
    coerced = [
        e
        for e in report.by_code("value-coerced")
        if e.source_path == "/credentialSubject/association/0/sourceId"
    ]
    assert len(coerced) == 1 and coerced[0].excerpt == "urn:uuid:cred-math"
    assert out["credentialSubject"]["association"] == [assoc("isChildOf", MATH["id"], DEGREE["id"])]


def test_dangling_association_id_is_reported() -> None:
    doc = clr(
        [nested("urn:uuid:cred-math", MATH)],
        associations=[assoc("isChildOf", MATH["id"], "urn:uuid:nowhere")],
    )
    rec, report = lerbridge.read(doc, "clr")
    entries = report.by_code("unresolved-reference")
    assert [(e.source_path, e.excerpt) for e in entries] == [
        ("/credentialSubject/association/0/targetId", "urn:uuid:nowhere")
    ]
    assert rec.associations[0].target_id == "urn:uuid:nowhere"  # kept, not invented


def test_numeric_result_value_is_written_as_a_string() -> None:
    degree = {**DEGREE, "resultDescription": [GPA_RD]}
    result = {"type": ["Result"], "resultDescription": GPA_RD["id"], "value": 3.87}
    doc = clr([nested("urn:uuid:cred-degree", degree, result=[result])])
    source_nested = doc["credentialSubject"]["verifiableCredential"][0]
    assert specs.validate(source_nested, "ob3/achievementcredential") != []  # breaks its schema
    rec, report, out, _ = roundtrip(doc)
    assert rec.awards[0].results[0].value == "3.87"
    path = "/credentialSubject/verifiableCredential/0/credentialSubject/result/0/value"
    assert path in {e.source_path for e in report.by_code("value-coerced")}
    # the nested credential is checked against CLR's AchievementCredential schema too
    [bad] = [
        e
        for e in report.by_code("source-schema-violation")
        if e.source_path == "/credentialSubject/verifiableCredential/0/credentialSubject/result"
    ]
    assert '/credentialSubject/result/0/value: 3.87 is not of type "string"' in bad.message
    written = out["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["result"]
    assert written[0]["value"] == "3.87"


def test_association_type_array_is_written_as_the_string() -> None:
    bad = {**assoc("isChildOf", MATH["id"], DEGREE["id"]), "type": ["Association"]}
    doc = clr([nested("urn:uuid:cred-math", MATH)], [DEGREE], [bad])
    _, report, out, _ = roundtrip(doc)
    assert "/credentialSubject/association/0/type" in {
        e.source_path for e in report.by_code("source-schema-violation")
    }
    assert out["credentialSubject"]["association"][0]["type"] == "Association"


def test_context_order_is_written_vc2_clr_ob() -> None:
    doc = clr([nested("urn:uuid:cred-math", MATH)])
    doc["@context"] = [VC2, OB_CTX, CLR_CTX_PLAIN]
    _, _, out, wreport = roundtrip(doc)
    assert out["@context"] == [VC2, CLR_CTX, OB_CTX]
    assert CLR_CTX_PLAIN in {e.excerpt for e in wreport.by_code("dialect-upgraded")}


def test_student_id_identity_type_is_written_as_an_extension_value() -> None:
    doc = clr([nested("urn:uuid:cred-math", MATH)])
    doc["credentialSubject"]["identifier"] = [
        {
            "type": "IdentityObject",
            "identityHash": "20210042",
            "identityType": "studentId",
            "hashed": False,
        }
    ]
    rec, _, out, wreport = roundtrip(doc)
    assert rec.person is not None and rec.person.identifiers[0].scheme == "studentId"
    ident = out["credentialSubject"]["identifier"][0]
    assert ident["identityType"] == "ext:studentId"
    assert ident["identityHash"] == "20210042"
    assert "studentId" in {e.excerpt for e in wreport.by_code("enum-approximated")}


def test_partial_survives() -> None:
    rec, _, out, _ = roundtrip(clr([nested("urn:uuid:cred-math", MATH)], partial=True))
    assert rec.envelope is not None and rec.envelope.partial is True
    assert out["partial"] is True


# --- proofs ------------------------------------------------------------------------------

TESTVECTOR = "1edtech-obspec_clr2-testvector_signed.json"  # in ../shared/fixtures-upstream/clr


def test_signed_test_vector_keeps_its_proofs(upstream: Path) -> None:
    path = upstream / "clr" / TESTVECTOR
    src = json.loads(path.read_text("utf-8"))
    rec, report = lerbridge.read(path)
    assert rec.provenance is not None and rec.provenance.signed is True
    docs, wreport = lerbridge.write(rec, "clr")
    out = json.loads(docs[0].data)
    assert "proof-invalidated" not in report.codes() + wreport.codes()
    assert out["proof"] == src["proof"]
    inner = out["credentialSubject"]["verifiableCredential"][0]
    assert inner["proof"] == src["credentialSubject"]["verifiableCredential"][0]["proof"]
    assert normalize(out) == normalize(src)


def _rename(rec: Any, achievement_id: str, name: str) -> Any:
    achs = [
        a.model_copy(update={"name": {"und": name}}) if a.id == achievement_id else a
        for a in rec.achievements
    ]
    return rec.model_copy(update={"achievements": achs})


def test_changed_nested_achievement_drops_its_proofs(upstream: Path) -> None:
    rec, _ = lerbridge.read(upstream / "clr" / TESTVECTOR)
    changed = _rename(rec, rec.awards[0].achievement_id, "Achievement One")
    docs, wreport = lerbridge.write(changed, "clr")
    out = json.loads(docs[0].data)
    assert "proof" not in out
    assert "proof" not in out["credentialSubject"]["verifiableCredential"][0]
    assert sorted(e.canonical_path for e in wreport.by_code("proof-invalidated")) == [
        "awards[0].credential.proofs[0]",
        "envelope.credential.proofs[0]",
    ]


def test_changed_subject_level_achievement_drops_the_outer_proof_only(upstream: Path) -> None:
    rec, _ = lerbridge.read(upstream / "clr" / TESTVECTOR)
    loose = next(a.id for a in rec.achievements if a.id != rec.awards[0].achievement_id)
    docs, wreport = lerbridge.write(_rename(rec, loose, "Achievement Two, renamed"), "clr")
    out = json.loads(docs[0].data)
    assert "proof" not in out
    assert len(out["credentialSubject"]["verifiableCredential"][0]["proof"]) == 1
    assert [e.canonical_path for e in wreport.by_code("proof-invalidated")] == [
        "envelope.credential.proofs[0]"
    ]


# --- other formats into CLR, and the API response ------------------------------------------


def test_ob3_credential_is_wrapped_into_a_clr(shipped: Path) -> None:
    rec, _ = lerbridge.read(shipped / "ob3" / "lerbridge-welding-certificate.json")
    clr_docs, _ = lerbridge.write(rec, "clr")
    out = json.loads(clr_docs[0].data)
    assert specs.validate(out, "clr/clrcredential") == []
    inner = out["credentialSubject"]["verifiableCredential"]
    assert len(inner) == 1
    assert specs.validate(inner[0], "ob3/achievementcredential") == []
    ob3_docs, _ = lerbridge.write(rec, "ob3")
    assert normalize(inner[0]) == normalize(json.loads(ob3_docs[0].data))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _jwt(payload: dict[str, Any]) -> str:
    header = {"alg": "EdDSA", "typ": "JWT"}
    head = _b64(json.dumps(header).encode())
    body = _b64(json.dumps(payload).encode())
    return f"{head}.{body}.{_b64(b'not-a-real-signature')}"


def test_get_clr_credentials_response_with_json_and_jwt() -> None:
    first = clr([nested("urn:uuid:cred-math", MATH)])
    second = clr([nested("urn:uuid:cred-degree", DEGREE)], id="urn:uuid:clr-2")
    del second["validFrom"]  # supplied by the JWT's nbf claim
    token = _jwt({"vc": second, "iss": ISSUER["id"], "jti": "urn:uuid:clr-2", "nbf": 1717286400})
    response = {"credential": [first], "compactJwsString": [token]}
    assert specs.validate(response, "clr/getclrcredentialsresponse") == []
    records, report = lerbridge.read_records(response)
    assert len(records) == 2
    assert [r.envelope.id for r in records if r.envelope] == ["urn:uuid:clr-1", "urn:uuid:clr-2"]
    assert [r.provenance.dialect for r in records if r.provenance] == ["vc2", "vc2+jwt"]
    assert (
        records[1].envelope is not None and records[1].envelope.valid_from == "2024-06-02T00:00:00Z"
    )
    assert "unverified-signature" in report.codes()
    assert records[1].achievement(records[1].awards[0].achievement_id) is not None
    with pytest.raises(lerbridge.ReadError, match=r"use lerbridge\.read_records"):
        lerbridge.read(response)
