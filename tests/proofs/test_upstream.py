"""Every signed upstream OB 3.0 / CLR document: verified, or unverifiable for a named reason;
a copy with one value changed is invalid and names the proof."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge.proofs import INVALID, UNVERIFIABLE, VERIFIED, KeyStore, verify_document

V, INV, U = VERIFIED, INVALID, UNVERIFIABLE
OB3 = "openbadges/ob3"

# file -> [(proof path, outcome, key source or reason fragment)]
EXPECTED: dict[str, list[tuple[str, str, str]]] = {
    "clr/1edtech-obspec_clr2-testvector_signed.json": [
        ("/proof/0", V, "multibase-fragment"),
        ("/credentialSubject/verifiableCredential/0/proof/0", V, "multibase-fragment"),
    ],
    "clr/1edtech-validator_clr2-complex_vc1-signed.json": [
        ("/proof", V, "did:key"),
        ("/credentialSubject/verifiableCredential/0/proof", V, "did:key"),
        (
            "/credentialSubject/verifiableCredential/0/credentialSubject/achievement/endorsement/0/proof",
            V,
            "did:key",
        ),
    ]
    + [(f"/credentialSubject/verifiableCredential/{i}/proof", V, "did:key") for i in range(1, 6)],
    f"{OB3}/1edtech-validator/simple.json": [("/proof/0", V, "multibase-fragment")],
    f"{OB3}/1edtech-validator/simple-context-alias.json": [("/proof/0", V, "multibase-fragment")],
    f"{OB3}/1edtech-validator/simple-did-key-method.json": [("/proof/0", V, "did:key")],
    f"{OB3}/1edtech-validator/simple-multiple-proofs.json": [
        ("/proof/0", U, "unknown proof suite 'SomeProofType'"),
        ("/proof/1", V, "multibase-fragment"),
    ],
    f"{OB3}/1edtech-validator/credential-status-revoked.json": [
        ("/proof", V, "multibase-fragment")
    ],
    f"{OB3}/1edtech-validator/complete_v1.json": [
        ("/proof/0", U, "https://1edtech.edu/issuers/565049#key-1 not supplied"),
        ("/credentialSubject/achievement/creator/endorsement/0/proof/0", U, "not supplied"),
        ("/credentialSubject/achievement/creator/endorsement/1/proof/0", U, "not supplied"),
        ("/credentialSubject/achievement/endorsement/0/proof/0", U, "not supplied"),
        ("/endorsement/0/proof/0", U, "not supplied"),
        ("/issuer/endorsement/0/proof/0", U, "not supplied"),
    ],
    f"{OB3}/1edtech-validator/simple.jwt": [
        ("", U, "https://example.edu/issuers/565049 not supplied"),
    ],
    f"{OB3}/dcc-verifier-core/status-list-e5WK8CbZ1GjycuPombrj.json": [("/proof", V, "did:key")],
    f"{OB3}/dcc-verifier-core/v1SimpleIssuerId.json": [("/proof", V, "did:key")],
    f"{OB3}/dcc-verifier-core/v1WithValidStatus.json": [
        ("/proof", U, "context https://www.w3.org/ns/credentials/status/v1 is not installed")
    ],
    f"{OB3}/dcc-verifier-core/v2EddsaWithValidStatus.json": [("/proof", V, "did:key")],
    f"{OB3}/dcc-verifier-core/v2Revoked.json": [("/proof", V, "did:key")],
    # the validator's negative fixtures: edited after signing
    # (the context was removed / a field changed: caught as terms the contexts lack)
    f"{OB3}/invalid/simple-err-context.json": [("/proof/0", INV, "term 'created' is not defined")],
    f"{OB3}/invalid/simple-err-credential-subject-identifier-type.json": [
        ("/proof", INV, "term 'hashed' is not defined")
    ],
}


def _outcomes(result: Any) -> list[tuple[str, str, str]]:
    return [
        (p.path, p.outcome, p.key_source if p.outcome == V else p.reason) for p in result.proofs
    ]


@pytest.mark.parametrize("rel", sorted(EXPECTED))
def test_upstream_signed(upstream: Path, rel: str) -> None:
    got = _outcomes(lerbridge.verify(upstream / rel))
    want = EXPECTED[rel]
    assert [(p, o) for p, o, _ in got] == [(p, o) for p, o, _ in want]
    for (_, _, g), (_, _, w) in zip(got, want, strict=True):
        assert w in g


def _tamper(doc: dict[str, Any], pointer: list[str | int], value: Any) -> dict[str, Any]:
    copy_ = copy.deepcopy(doc)
    node: Any = copy_
    for step in pointer[:-1]:
        node = node[step]
    node[pointer[-1]] = value
    return copy_


@pytest.mark.parametrize(
    ("rel", "pointer", "invalid"),
    [
        (
            "clr/1edtech-obspec_clr2-testvector_signed.json",
            ["name"],
            ["/proof/0"],
        ),
        (
            "clr/1edtech-obspec_clr2-testvector_signed.json",
            ["credentialSubject", "verifiableCredential", 0, "name"],
            ["/proof/0", "/credentialSubject/verifiableCredential/0/proof/0"],
        ),
        (
            "clr/1edtech-validator_clr2-complex_vc1-signed.json",
            ["credentialSubject", "verifiableCredential", 2, "issuanceDate"],
            ["/proof", "/credentialSubject/verifiableCredential/2/proof"],
        ),
        (f"{OB3}/1edtech-validator/simple-did-key-method.json", ["name"], ["/proof/0"]),
        (f"{OB3}/dcc-verifier-core/v2EddsaWithValidStatus.json", ["validFrom"], ["/proof"]),
        (f"{OB3}/dcc-verifier-core/v2Revoked.json", ["name"], ["/proof"]),
    ],
)
def test_one_value_changed_is_invalid(
    upstream: Path, rel: str, pointer: list[str | int], invalid: list[str]
) -> None:
    doc = json.loads((upstream / rel).read_text("utf-8"))
    node: Any = doc
    for step in pointer:
        node = node[step]
    changed = _tamper(doc, pointer, node + "1" if isinstance(node, str) else "x")
    result = verify_document(changed)
    assert sorted(p.path for p in result.proofs if p.outcome == INV) == sorted(invalid)
    assert not result.ok
    assert all("does not match" in p.reason for p in result.proofs if p.outcome == INV)


def test_changed_proof_value_is_invalid(upstream: Path) -> None:
    doc = json.loads((upstream / f"{OB3}/1edtech-validator/simple.json").read_text("utf-8"))
    value = doc["proof"][0]["proofValue"]
    doc["proof"][0]["proofValue"] = value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]
    assert _outcomes(verify_document(doc))[0][:2] == ("/proof/0", INV)


def test_status_is_reported_not_checked(upstream: Path) -> None:
    result = lerbridge.verify(upstream / f"{OB3}/dcc-verifier-core/v2Revoked.json")
    assert [(s.path, s.type, s.checked) for s in result.statuses] == [
        ("/credentialStatus", "BitstringStatusListEntry", False)
    ]


@pytest.mark.parametrize(
    ("rel", "reason"),
    [
        ("v2Revoked.json", "revocation: set (index 8)"),
        ("v1WithValidStatus.json", "revocation: not set (index 7)"),
        ("v2EddsaWithValidStatus.json", "revocation: not set (index 9)"),
    ],
)
def test_bitstring_status_against_supplied_list(upstream: Path, rel: str, reason: str) -> None:
    folder = upstream / f"{OB3}/dcc-verifier-core"
    result = lerbridge.verify(folder / rel, status=folder / "status-list-e5WK8CbZ1GjycuPombrj.json")
    assert [(s.checked, s.reason) for s in result.statuses] == [(True, reason)]


def test_status_list_that_does_not_verify_is_not_trusted(upstream: Path, tmp_path: Path) -> None:
    folder = upstream / f"{OB3}/dcc-verifier-core"
    lst = json.loads((folder / "status-list-e5WK8CbZ1GjycuPombrj.json").read_text())
    lst["credentialSubject"]["encodedList"] = (
        "uH4sIAAAAAAAAA-3BMQEAAAwCoGUx6aLbwgvIHwAAAAAAAAAAAAAAwFwBZnztF9QwAAA"
    )
    lst["validFrom"] = "2030-01-01T00:00:00Z"
    (tmp_path / "e5WK8CbZ1GjycuPombrj.json").write_text(json.dumps(lst))
    result = lerbridge.verify(folder / "v2Revoked.json", status=tmp_path)
    assert [(s.checked, s.reason) for s in result.statuses] == [
        (False, "not checked: the supplied status list credential does not verify")
    ]


def test_ob2_signed_assertion_with_supplied_cryptographic_key(upstream: Path) -> None:
    ob2 = upstream / "openbadges/ob2/1edtech-validator"
    alone = lerbridge.verify(ob2 / "simple.jwt").proofs
    assert [(p.suite, p.outcome) for p in alone] == [("OB2 JWS RS256", U)]
    assert "http://example.org/key1.json not supplied" in alone[0].reason
    got = lerbridge.verify(ob2 / "simple.jwt", keys=ob2 / "assets").proofs
    assert [(p.suite, p.verification_method, p.key_source, p.outcome) for p in got] == [
        ("OB2 JWS RS256", "http://example.org/key1.json", "keys-dir", V)
    ]
    token = (ob2 / "simple.jwt").read_text().strip()
    head, payload, sig = token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body["issuedOn"] = "2030-01-01T00:00:00Z"
    forged = (
        f"{head}.{base64.urlsafe_b64encode(json.dumps(body).encode()).decode().rstrip('=')}.{sig}"
    )
    bad = verify_document(forged, KeyStore.load(ob2 / "assets")).proofs
    assert [(p.outcome, p.reason) for p in bad] == [(INV, "JWT signature does not match")]


@pytest.mark.parametrize(
    ("rel", "suite", "source"),
    [
        ("ob3-png-json__1edtech-simple-json.png", "eddsa-rdfc-2022", "multibase-fragment"),
        ("ob3-svg-jwt__1edtech-simple-jwt.svg", "VC-JWT RS256", "jwk-header"),
    ],
)
def test_baked_badges_verify(upstream: Path, rel: str, suite: str, source: str) -> None:
    got = lerbridge.verify(upstream / "openbadges/baked" / rel).proofs
    assert [(p.suite, p.key_source, p.outcome) for p in got] == [(suite, source, V)]
