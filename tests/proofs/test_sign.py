"""sign → verify round trips for OB 3.0 and CLR, checked by lerbridge and independently
(pyld + cryptography called directly); OB 3.0 → CLR → OB 3.0 with signing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld

import lerbridge
from lerbridge import specs
from lerbridge.errors import WriteError
from lerbridge.proofs import (
    INVALID,
    VERIFIED,
    SigningKey,
    new_key,
    sign_document,
    verify_document,
)
from lerbridge.proofs.keys import b58decode

CREATED = "2024-05-01T12:00:00Z"
SIMPLE = "openbadges/ob3/1edtech-validator/simple.json"
VECTOR = "clr/1edtech-obspec_clr2-testvector_signed.json"


def _independent(doc: dict[str, Any], key: SigningKey) -> None:
    """Check the first proof of ``doc`` without lerbridge.proofs: pyld + cryptography."""

    def loader(url: str, options: object = None) -> dict:
        return {"contextUrl": None, "documentUrl": url, "document": specs.context(url)}

    opts = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": loader}
    proof = doc["proof"][0]
    body = {k: v for k, v in doc.items() if k != "proof"}
    config = {k: v for k, v in proof.items() if k != "proofValue"} | {"@context": doc["@context"]}
    data = (
        hashlib.sha256(jsonld.normalize(config, opts).encode()).digest()
        + hashlib.sha256(jsonld.normalize(body, opts).encode()).digest()
    )
    assert proof["proofValue"].startswith("z")
    key.private.public_key().verify(b58decode(proof["proofValue"][1:]), data)


def test_sign_ob3_round_trip(upstream: Path, key: SigningKey) -> None:
    doc = json.loads((upstream / SIMPLE).read_text())
    signed = sign_document(doc, key, created=CREATED)
    assert signed["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert signed["proof"][0]["verificationMethod"] == key.verification_method
    assert [p.outcome for p in verify_document(signed).proofs] == [VERIFIED]
    _independent(signed, key)
    # deterministic: same key, same date, same proof
    assert sign_document(doc, key, created=CREATED) == signed
    signed["credentialSubject"]["achievement"]["name"] += "!"
    assert [p.outcome for p in verify_document(signed).proofs] == [INVALID]


def test_sign_clr_nested_round_trip(upstream: Path, key: SigningKey) -> None:
    doc = json.loads((upstream / VECTOR).read_text())
    signed = sign_document(doc, key, created=CREATED, nested=True)
    result = verify_document(signed)
    assert [(p.path, p.outcome, p.verification_method) for p in result.proofs] == [
        ("/proof/0", VERIFIED, key.verification_method),
        ("/credentialSubject/verifiableCredential/0/proof/0", VERIFIED, key.verification_method),
    ]
    _independent(signed, key)
    inner = signed["credentialSubject"]["verifiableCredential"][0]
    _independent(inner, key)


def test_other_key_does_not_verify(upstream: Path, key: SigningKey) -> None:
    doc = json.loads((upstream / SIMPLE).read_text())
    other = new_key(hashlib.sha256(b"another key").digest())
    signed = sign_document(doc, key, created=CREATED)
    signed["proof"][0]["verificationMethod"] = other.verification_method
    assert [(p.outcome, p.reason) for p in verify_document(signed).proofs] == [
        (INVALID, "signature does not match the document")
    ]


def test_convert_ob3_to_clr_to_ob3_signed(upstream: Path, key: SigningKey) -> None:
    clr = lerbridge.convert(
        upstream / SIMPLE, to="clr", sign=key, sign_nested=True, proof_created=CREATED
    )
    clr_doc = json.loads(clr.documents[0].data)
    got = verify_document(clr_doc)
    assert [p.outcome for p in got.proofs] == [VERIFIED, VERIFIED]
    _independent(clr_doc, key)
    replaced = [e for e in clr.report if e.code == "proof-replaced"]
    assert len(replaced) == 1 and "was verified" in replaced[0].message
    assert not [e for e in clr.report if e.code == "proof-invalidated"]

    back = lerbridge.convert(clr.documents[0].data, to="ob3", sign=key, proof_created=CREATED)
    ob3 = json.loads(back.documents[0].data)
    assert [(p.path, p.outcome) for p in verify_document(ob3).proofs] == [("/proof/0", VERIFIED)]
    assert ob3["proof"][0]["created"] == CREATED
    _independent(ob3, key)


def test_convert_signed_output_is_deterministic(upstream: Path, key: SigningKey) -> None:
    a = lerbridge.convert(upstream / SIMPLE, to="clr", sign=key, proof_created=CREATED)
    b = lerbridge.convert(upstream / SIMPLE, to="clr", sign=key, proof_created=CREATED)
    assert a.documents[0].data == b.documents[0].data


def test_convert_to_jwt(upstream: Path, key: SigningKey) -> None:
    res = lerbridge.convert(upstream / SIMPLE, to="ob3", sign=key, jwt=True)
    token = res.documents[0].data.decode()
    assert res.documents[0].media_type == "application/vc+jwt"
    got = lerbridge.verify(token.encode())
    assert (got.proofs[0].suite, got.proofs[0].outcome) == ("VC-JWT EdDSA", VERIFIED)
    # independent: the JWS signing input checked with cryptography directly
    head, payload, sig = token.split(".")
    raw = b58decode(key.public_multikey[1:])[2:]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    pad = "=" * (-len(sig) % 4)
    import base64

    Ed25519PublicKey.from_public_bytes(raw).verify(
        base64.urlsafe_b64decode(sig + pad), f"{head}.{payload}".encode()
    )


def test_signing_other_formats_is_refused(upstream: Path, key: SigningKey) -> None:
    with pytest.raises(WriteError, match=r"OB 3\.0 and CLR"):
        lerbridge.convert(upstream / SIMPLE, to="canonical", sign=key)


def test_vc11_document_gets_data_integrity_context(upstream: Path, key: SigningKey) -> None:
    doc = json.loads(
        (upstream / "openbadges/ob3/dcc-verifier-core/v1SimpleIssuerId.json").read_text()
    )
    signed = sign_document(doc, key, created=CREATED)
    assert signed["@context"][-1] == "https://w3id.org/security/data-integrity/v1"
    assert [p.outcome for p in verify_document(signed).proofs] == [VERIFIED]


def test_concurrent_verification_is_consistent(upstream: Path, key: SigningKey) -> None:
    from concurrent.futures import ThreadPoolExecutor

    docs = [json.loads((upstream / SIMPLE).read_text()) for _ in range(8)]
    for i, d in enumerate(docs):
        d["name"] = f"badge {i}"
    signed = [sign_document(d, key, created=CREATED) for d in docs]
    signed[3]["name"] = "tampered"
    with ThreadPoolExecutor(4) as pool:
        outcomes = list(pool.map(lambda d: verify_document(d).proofs[0].outcome, signed))
    assert outcomes == [VERIFIED] * 3 + [INVALID] + [VERIFIED] * 4
