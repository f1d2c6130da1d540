"""Every upstream Open Badges 3.0 file in ../shared, against an explicit table of what
lerbridge must do with it: convert to schema-valid OB 3.0, fail with a clean error, or read
a deliberately invalid file leniently and report where it breaks its schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge import specs

OB3_DIR = "fixtures-upstream/openbadges/ob3"
SUPPORT_FOLDERS = {"contexts"}  # JSON-LD contexts the edubadges examples use; not credentials

ACH = "ob3/achievementcredential"
END = "ob3/endorsementcredential"

#: relative path -> what must happen.
#:   converts: each output passes ``schema``; ``codes`` must all be in the report, ``absent``
#:             must not; ``proof`` is the number of proofs the output keeps.
#:   error:    ``lerbridge.convert`` raises exactly ``error``.
#:   lenient:  converts to schema-valid output, and the report's source-schema-violation
#:             pointers are exactly ``violations`` (a trailing ``*`` matches a pointer prefix).


def converts(proof: int = 0, *codes: str, schema: str = ACH, absent: tuple[str, ...] = ()) -> dict:
    kept = ("proof-invalidated",) if proof else ()
    return {"kind": "converts", "schema": schema, "proof": proof, "codes": set(codes),
            "absent": set(absent) | set(kept)}  # fmt: skip


def error(exc: type[lerbridge.LerbridgeError]) -> dict:
    return {"kind": "error", "error": exc}


def lenient(*violations: str) -> dict:
    return {"kind": "lenient", "violations": set(violations)}


V11 = ("dialect-upgraded", "proof-invalidated")
EXT = ("unknown-context", "unmapped-source-field")

EXPECT: dict[str, dict[str, Any]] = {
    # 1EdTech validator resources
    "1edtech-validator/complete_v1.json": converts(
        0, *V11, "source-schema-violation", "enum-approximated"
    ),
    # revocation is a status-list fact for verifiers; the credential itself converts
    "1edtech-validator/credential-status-revoked.json": converts(0, *V11),
    "1edtech-validator/simple-context-alias.json": converts(1),
    # AchievementCredential: kept verbatim as an extension so the same format writes it back
    "1edtech-validator/simple-did-key-method.json": converts(1),
    "1edtech-validator/simple-multiple-proofs.json": converts(2),
    "1edtech-validator/simple.json": converts(1),
    "1edtech-validator/simple.jwt": converts(0, *V11, "unverified-signature", "value-synthesized"),
    # Digital Credentials Consortium verifier fixtures
    # a BitstringStatusListCredential: a VC, but not an Open Badges 3.0 credential
    "dcc-verifier-core/status-list-e5WK8CbZ1GjycuPombrj.json": error(
        lerbridge.FormatDetectionError
    ),
    "dcc-verifier-core/v1SimpleIssuerId.json": converts(0, *V11, "source-schema-violation"),
    "dcc-verifier-core/v1WithValidStatus.json": converts(0, *V11, "unknown-context"),
    # a single proof object: JSON-LD-equal to a one-item array, so the proof still holds
    "dcc-verifier-core/v2EddsaWithValidStatus.json": converts(1, "source-schema-violation"),
    "dcc-verifier-core/v2Revoked.json": converts(1, "source-schema-violation"),
    # SURF edubadges examples (extension context, unsigned)
    "edubadges-examples/mbob_eo_eov_regular_full.json": converts(0, *EXT),
    "edubadges-examples/ref_minimal_valid_obv3.json": converts(0),
    "edubadges-examples/theed_extracurricular_embedded_ho.json": converts(0, *EXT),
    "edubadges-examples/theed_microcredential_full_ho.json": converts(0, *EXT),
    "edubadges-examples/uvh_at_microcredential_full_1.json": converts(0, *EXT),
    # NEGATIVE cases of the 1EdTech validator
    # the @context lacks the VC base context (in every VC dialect its first item), and the
    # subject names no achievement
    "invalid/simple-err-context.json": lenient("/@context*", "/credentialSubject/achievement"),
    "invalid/simple-err-credential-subject-identifier-type.json": lenient(
        "/credentialSubject/identifier/0/type", "/proof"
    ),
    # schema-valid: expiry is a verifier's check at a point in time, not a schema violation;
    # the converter keeps validUntil (and the still-valid proof) as they are
    "invalid/simple-err-expired.json": converts(1, absent=("source-schema-violation",)),
    # 1EdTech specification examples
    "spec-examples/basic-teamwork.json": converts(0),
    "spec-examples/complete-unsigned.json": converts(0),
    "spec-examples/docformat-sample.json": converts(0),
    "spec-examples/endorsement.json": converts(0, schema=END),
    "spec-examples/skill-assertion-case.json": converts(0),
}


def _folder(shared: Path) -> Path:
    return shared / OB3_DIR


def _source_id(path: Path) -> str | None:
    if path.suffix != ".json":
        return "http://example.edu/credentials/3732"  # the jti / vc.id of simple.jwt
    return json.loads(path.read_bytes()).get("id")


def test_table_lists_every_file(shared_dir: Path) -> None:
    folder = _folder(shared_dir)
    found = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix in (".json", ".jwt")
        and not SUPPORT_FOLDERS & set(p.relative_to(folder).parts)
    }
    assert len(found) == 25
    assert found - set(EXPECT) == set(), "new upstream files: add them to EXPECT"
    assert set(EXPECT) - found == set(), "EXPECT names files that are gone"


def test_no_unexpected_kinds_of_file(shared_dir: Path) -> None:
    folder = _folder(shared_dir)
    others = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix not in (".json", ".jwt")
        and not SUPPORT_FOLDERS & set(p.relative_to(folder).parts)
        and p.name != "SOURCES.md"
    )
    assert others == []


@pytest.mark.parametrize("rel", sorted(r for r, e in EXPECT.items() if e["kind"] == "converts"))
def test_converts_to_schema_valid_ob3(shared_dir: Path, rel: str) -> None:
    exp = EXPECT[rel]
    path = _folder(shared_dir) / rel
    result = lerbridge.convert(path, to="ob3")
    assert result.source_format == "ob3"
    assert result.target_format == "ob3"
    assert len(result.documents) == 1
    doc = json.loads(result.documents[0].data)
    assert specs.validate(doc, exp["schema"]) == []
    assert doc["id"] == _source_id(path)
    assert len(doc.get("proof", [])) == exp["proof"]
    codes = set(result.report.codes())
    assert exp["codes"] <= codes, f"missing {exp['codes'] - codes}"
    assert not exp.get("absent", set()) & codes
    if "subject-id" not in {i.check for i in lerbridge.validate(path, "ob3")}:
        assert result.report.at_least("error") == []
    else:  # DCC fixtures name the learner only by "name": the spec wants id or identifier
        [gap] = result.report.at_least("error")
        assert (gap.code, gap.canonical_path) == ("target-schema-violation", "awards[0]")
        assert "neither id nor identifier" in gap.message
        [read_gap] = [
            e for e in result.report.by_code("source-schema-violation") if "neither id" in e.message
        ]
        assert read_gap.source_path == "/credentialSubject"


@pytest.mark.parametrize("rel", sorted(r for r, e in EXPECT.items() if e["kind"] == "error"))
def test_clean_error(shared_dir: Path, rel: str) -> None:
    path = _folder(shared_dir) / rel
    with pytest.raises(lerbridge.LerbridgeError) as info:
        lerbridge.convert(path, to="ob3")
    assert type(info.value) is EXPECT[rel]["error"]
    assert info.value.source == str(path)
    assert str(path) in str(info.value)


def test_status_list_read_as_ob3_names_its_type(shared_dir: Path) -> None:
    path = _folder(shared_dir) / "dcc-verifier-core/status-list-e5WK8CbZ1GjycuPombrj.json"
    with pytest.raises(lerbridge.ReadError) as info:
        lerbridge.convert(path, to="ob3", from_="ob3")
    assert info.value.location == "/type"
    assert "BitstringStatusListCredential" in info.value.message
    assert "not an Open Badges 3.0 credential" in info.value.message


def _matches(pointer: str, expected: set[str]) -> bool:
    return any(pointer.startswith(e[:-1]) if e.endswith("*") else pointer == e for e in expected)


@pytest.mark.parametrize("rel", sorted(r for r, e in EXPECT.items() if e["kind"] == "lenient"))
def test_invalid_files_read_leniently(shared_dir: Path, rel: str) -> None:
    expected = EXPECT[rel]["violations"]
    result = lerbridge.convert(_folder(shared_dir) / rel, to="ob3")
    doc = json.loads(result.documents[0].data)
    assert specs.validate(doc, ACH) == []
    entries = result.report.by_code("source-schema-violation")
    pointers = {e.source_path for e in entries}
    assert all(e.source_format == "ob3" for e in entries)
    unexpected = {p for p in pointers if p is None or not _matches(p, expected)}
    assert unexpected == set()
    for want in expected:
        assert any(_matches(p, {want}) for p in pointers), f"no violation reported at {want}"


def test_invalid_identity_type_written_as_identity_object(shared_dir: Path) -> None:
    rel = "invalid/simple-err-credential-subject-identifier-type.json"
    result = lerbridge.convert(_folder(shared_dir) / rel, to="ob3")
    doc = json.loads(result.documents[0].data)
    assert doc["credentialSubject"]["identifier"][0]["type"] == "IdentityObject"
    coerced = [
        e
        for e in result.report.by_code("source-schema-violation")
        if e.source_path == "/credentialSubject/identifier/0/type" and e.excerpt
    ]
    assert [e.excerpt for e in coerced] == ["InvalidIdentityObject"]
    # the written data differs from what was signed: the proof must go
    assert "proof" not in doc
    assert result.report.codes().count("proof-invalidated") == 1


def test_missing_vc_context_is_not_added_silently(shared_dir: Path) -> None:
    """The output gains https://www.w3.org/ns/credentials/v2; that must not go unreported."""
    result = lerbridge.convert(_folder(shared_dir) / "invalid/simple-err-context.json", to="ob3")
    doc = json.loads(result.documents[0].data)
    assert doc["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    about_context = [
        e
        for e in result.report
        if (e.source_path or "").startswith("/@context")
        or (e.canonical_path or "").endswith("credential.contexts")
    ]
    assert about_context, "the @context was repaired without a report entry"


def test_expired_credential_keeps_its_dates(shared_dir: Path) -> None:
    path = _folder(shared_dir) / "invalid/simple-err-expired.json"
    source = json.loads(path.read_bytes())
    doc = json.loads(lerbridge.convert(path, to="ob3").documents[0].data)
    assert doc["validUntil"] == source["validUntil"] == "2010-01-01T00:00:00Z"
    assert doc["validFrom"] == source["validFrom"]
    assert doc["proof"] == source["proof"]


def test_revoked_credential_keeps_its_status_entry(shared_dir: Path) -> None:
    path = _folder(shared_dir) / "dcc-verifier-core/v2Revoked.json"
    source = json.loads(path.read_bytes())
    doc = json.loads(lerbridge.convert(path, to="ob3").documents[0].data)
    assert doc["credentialStatus"] == source["credentialStatus"]
    assert doc["credentialStatus"]["statusPurpose"] == "revocation"
    assert doc["credentialStatus"]["statusListIndex"] == "8"
