"""The OB 3.0 reader: lenient shapes (string or array), the AchievementCredential alias,
hashed identities, results and alignments in the canonical model, VC-JWT envelopes."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge.model import Identifier

SIMPLE = "openbadges/ob3/1edtech-validator/simple.json"
TEAMWORK = "openbadges/ob3/spec-examples/basic-teamwork.json"
WELDING = "ob3/lerbridge-welding-certificate.json"


def _load(folder: Path, name: str) -> dict[str, Any]:
    return json.loads((folder / name).read_bytes())


def _convert(doc: Any, **kw: Any) -> tuple[dict[str, Any], lerbridge.Result]:
    result = lerbridge.convert(json.dumps(doc).encode(), to="ob3", **kw)
    assert len(result.documents) == 1
    return json.loads(result.documents[0].data), result


def _violations(result: lerbridge.Result) -> list[str | None]:
    return sorted(e.source_path or "" for e in result.report.by_code("source-schema-violation"))


# --- string or array ------------------------------------------------------------------------


def test_string_types_in_subject_and_achievement(upstream: Path) -> None:
    doc = _load(upstream, SIMPLE)
    doc["credentialSubject"]["type"] = "AchievementSubject"
    doc["credentialSubject"]["achievement"]["type"] = "Achievement"
    out, result = _convert(doc)
    assert out["credentialSubject"]["type"] == ["AchievementSubject"]
    assert out["credentialSubject"]["achievement"]["type"] == ["Achievement"]
    assert _violations(result) == ["/credentialSubject/achievement/type", "/credentialSubject/type"]
    # a one-item array and its single value are the same JSON-LD: the proof still holds
    assert out["proof"] == doc["proof"]
    assert "proof-invalidated" not in result.report.codes()


def test_credential_type_as_a_string(upstream: Path) -> None:
    doc = _load(upstream, SIMPLE)
    doc["type"] = "OpenBadgeCredential"
    out, result = _convert(doc)
    assert out["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert set(_violations(result)) == {"/type"}
    [coerced] = [e for e in result.report.by_code("source-schema-violation") if e.excerpt]
    assert coerced.excerpt == "OpenBadgeCredential"
    # VerifiableCredential was added: the signed data changed
    assert "proof" not in out
    assert result.report.codes().count("proof-invalidated") == 1


def test_proof_as_an_object(upstream: Path) -> None:
    doc = _load(upstream, SIMPLE)
    [proof] = doc["proof"]
    doc["proof"] = proof
    out, result = _convert(doc)
    assert out["proof"] == [proof]
    assert _violations(result) == ["/proof"]
    [p] = result.record.awards[0].credential.proofs
    assert p.type == "DataIntegrityProof"
    assert p.cryptosuite == "eddsa-rdfc-2022"
    assert p.proof_purpose == "assertionMethod"
    assert p.proof_value == proof["proofValue"]
    assert p.verification_method == proof["verificationMethod"]


def test_proof_as_an_array_of_two(shared_dir: Path) -> None:
    path = (
        shared_dir
        / "fixtures-upstream/openbadges/ob3/1edtech-validator/simple-multiple-proofs.json"
    )
    source = json.loads(path.read_bytes())
    result = lerbridge.convert(path, to="ob3")
    proofs = result.record.awards[0].credential.proofs
    assert [p.type for p in proofs] == ["SomeProofType", "DataIntegrityProof"]
    assert [p.proof_value for p in proofs] == [None, source["proof"][1]["proofValue"]]
    assert proofs[0].created == "2022-11-16T18:54:22Z"
    assert json.loads(result.documents[0].data)["proof"] == source["proof"]


@pytest.mark.parametrize("as_list", [False, True])
def test_evidence_object_or_array(upstream: Path, as_list: bool) -> None:
    doc = _load(upstream, TEAMWORK)
    item = {
        "id": "https://ev.example/1",
        "type": ["Evidence"],
        "name": "Portfolio",
        "narrative": "Three projects",
        "genre": "Portfolio",
        "audience": "Employers",
    }
    doc["evidence"] = [item] if as_list else item
    out, result = _convert(doc)
    assert out["evidence"] == [item]
    assert _violations(result) == ([] if as_list else ["/evidence"])
    [ev] = result.record.awards[0].evidence
    assert ev.id == "https://ev.example/1"
    assert ev.name == {"und": "Portfolio"}
    assert ev.narrative == {"und": "Three projects"}
    assert (ev.genre, ev.audience) == ("Portfolio", "Employers")


# --- the AchievementCredential alias ----------------------------------------------------------


def test_achievement_credential_accepted_and_written_back(upstream: Path) -> None:
    doc = _load(upstream, TEAMWORK)
    doc["type"] = ["VerifiableCredential", "AchievementCredential"]
    out, result = _convert(doc)
    assert out["type"] == ["VerifiableCredential", "AchievementCredential"]
    assert _violations(result) == []
    [kept] = result.report.by_code("unmapped-source-field")
    assert kept.source_path == "/type"
    assert lerbridge.validate(result.documents[0].data) == []


def test_achievement_credential_to_canonical_and_back(upstream: Path) -> None:
    doc = _load(upstream, TEAMWORK)
    doc["type"] = ["VerifiableCredential", "AchievementCredential"]
    canonical = lerbridge.convert(json.dumps(doc).encode(), to="canonical")
    out = json.loads(lerbridge.convert(canonical.documents[0].data, to="ob3").documents[0].data)
    assert out["type"] == ["VerifiableCredential", "AchievementCredential"]


# --- hashed identities, results, alignments -------------------------------------------------


HASH = "sha256$c1d8a5e4e1f4e9b2a1c3b0a6d9f7e2c4b5a8d1e3f6a9c2b5d8e1f4a7c0b3d6e9"


def test_hashed_identity_stays_hashed(shipped: Path) -> None:
    record, _ = lerbridge.read(shipped / WELDING)
    recipient = record.awards[0].recipient
    assert recipient.identifiers == [
        Identifier(value=HASH, scheme="emailAddress", hashed=True, salt="s4lt-2025")
    ]
    assert recipient.id is None
    docs, _ = lerbridge.write(record, "ob3")
    [identity] = json.loads(docs[0].data)["credentialSubject"]["identifier"]
    assert identity == {
        "type": "IdentityObject",
        "identityHash": HASH,
        "identityType": "emailAddress",
        "hashed": True,
        "salt": "s4lt-2025",
    }


def test_results_alignments_and_result_descriptions(shipped: Path) -> None:
    record, _ = lerbridge.read(shipped / WELDING)
    award = record.awards[0]
    [result] = award.results
    assert result.value == "Pass"
    assert result.result_description == "urn:uuid:8e7c2f54-4a8e-4e1b-8d0c-5f1e6c3b2a10"
    [achievement] = record.achievements
    assert award.achievement_id == achievement.id
    assert achievement.id == "https://training.example.org/achievements/structural-welding"
    assert achievement.achievement_type == "Certificate"
    assert achievement.human_code == "WLD-210"
    assert achievement.credits_available == 6
    assert award.credits_earned == 6
    assert award.term == "Spring 2025"
    [alignment] = achievement.alignments
    assert alignment.target_name == {"und": "Welders, Cutters, Solderers, and Brazers"}
    assert alignment.target_url == "https://www.onetonline.org/link/summary/51-4121.00"
    assert alignment.target_code == "51-4121.00"
    assert alignment.target_framework == "O*NET-SOC"
    assert alignment.target_type == "ext:ONET"
    [rd] = achievement.result_descriptions
    assert rd.id == result.result_description
    assert rd.name == {"und": "Bend test"}
    assert rd.result_type == "LetterGrade"
    assert rd.allowed_values == ["Pass", "Fail"]
    assert award.activity_start == "2025-01-13T00:00:00Z"
    assert award.activity_end == "2025-06-06T00:00:00Z"
    assert award.awarded_date == "2025-06-12T00:00:00Z"


def test_achievement_without_id_is_read_leniently(upstream: Path) -> None:
    """OB 3.0 requires Achievement.id; a file without one is read leniently (an id minted
    and reported), not refused."""
    doc = _load(upstream, TEAMWORK)
    del doc["credentialSubject"]["achievement"]["id"]
    out, result = _convert(doc)
    minted = out["credentialSubject"]["achievement"]["id"]
    assert minted.startswith("urn:uuid:")
    assert "/credentialSubject/achievement/id" in _violations(result)
    assert minted in [e.excerpt for e in result.report.by_code("value-synthesized")]


# --- VC-JWT -------------------------------------------------------------------------------------


def _b64(data: Any) -> str:
    raw = json.dumps(data).encode() if not isinstance(data, bytes) else data
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _jwt(header: Any, payload: Any, sig: bytes = b"not-a-real-signature") -> bytes:
    return f"{_b64(header)}.{_b64(payload)}.{_b64(sig)}".encode()


def test_bare_jwt_payload_reads(upstream: Path) -> None:
    cred = _load(upstream, TEAMWORK)
    token = _jwt({"alg": "ES256", "typ": "vc+jwt"}, cred)
    record, report = lerbridge.read(token, name="bare.jwt")
    award = record.awards[0]
    assert award.id == cred["id"]
    assert award.valid_from == cred["validFrom"]
    assert record.achievements[0].name == {"und": "Teamwork"}
    assert award.credential.jwt is True
    assert [p.type for p in award.credential.proofs] == ["VC-JWT"]
    assert award.credential.proofs[0].jws == token.decode()
    assert record.provenance.dialect == "vc2+jwt"
    assert report.codes() == ["unverified-signature"]
    assert "ES256" in report.entries[0].message


def test_jwt_claims_fill_the_credential(upstream: Path) -> None:
    cred = _load(upstream, TEAMWORK)
    del cred["id"]
    payload = {
        "vc": cred,
        "jti": "urn:uuid:11111111-2222-3333-4444-555555555555",
        "exp": 1893456000,
        "iss": cred["issuer"]["id"],
        "aud": "someone",
    }
    result = lerbridge.convert(_jwt({"alg": "EdDSA"}, payload), to="ob3")
    out = json.loads(result.documents[0].data)
    assert out["id"] == "urn:uuid:11111111-2222-3333-4444-555555555555"
    assert out["validUntil"] == "2030-01-01T00:00:00Z"
    coerced = {e.source_path: e.excerpt for e in result.report.by_code("value-coerced")}
    assert coerced == {
        "#payload/jti": "urn:uuid:11111111-2222-3333-4444-555555555555",
        "#payload/exp": "2030-01-01T00:00:00Z",
    }
    assert "proof" not in out
    assert result.report.codes().count("proof-invalidated") == 1


def test_jwt_with_garbage_base64_names_the_input() -> None:
    token = f"{_b64({'alg': 'none'})}.x.{_b64(b'sig')}".encode()
    with pytest.raises(lerbridge.ReadError) as info:
        lerbridge.read(token, "ob3", name="broken-badge.jwt")
    assert info.value.source == "broken-badge.jwt"
    assert "broken-badge.jwt" in str(info.value)
    assert "payload is not base64url" in info.value.message


def test_jwt_whose_payload_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "notjson.jwt"
    path.write_bytes(f"{_b64({'alg': 'none'})}.{_b64(b'hello')}.{_b64(b'sig')}".encode())
    with pytest.raises(lerbridge.ReadError) as info:
        lerbridge.read(path, "ob3")
    assert str(path) in str(info.value)
    assert "not valid JSON" in info.value.message


def test_jwt_payload_that_is_not_a_badge(shipped: Path) -> None:
    token = _jwt({"alg": "none"}, {"sub": "x", "vc": {"type": ["VerifiableCredential"]}})
    with pytest.raises(lerbridge.ReadError) as info:
        lerbridge.read(token, "ob3", name="other.jwt")
    assert "not an Open Badges 3.0 credential" in info.value.message
    assert info.value.source == "other.jwt"


def test_jwt_sub_claim_fills_the_subject_id(upstream: Path) -> None:
    cred = _load(upstream, TEAMWORK)
    del cred["credentialSubject"]["id"]
    payload = {"vc": cred, "sub": "did:example:learner-7", "nonce": "abc"}
    result = lerbridge.convert(_jwt({"alg": "none"}, payload), to="ob3")
    out = json.loads(result.documents[0].data)
    assert out["credentialSubject"]["id"] == "did:example:learner-7"
    [sub] = result.report.by_code("value-coerced")
    assert sub.source_path == "#payload/sub"
    [extra] = result.report.by_code("no-target-field")
    assert (extra.source_path, extra.excerpt) == ("#payload/nonce", "abc")
