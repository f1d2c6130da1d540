"""Key resolution offline (did:key, did:jwk, multibase fragment, supplied DID documents and
JWKs) and VC-JWT with EdDSA, ES256 and RS256 (keys derived deterministically here)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa, utils

from lerbridge.proofs import (
    INVALID,
    UNVERIFIABLE,
    VERIFIED,
    KeyStore,
    SigningKey,
    jcs,
    sign_document,
    verify_document,
)
from lerbridge.proofs.keys import b64url, resolve

CREATED = "2024-05-01T12:00:00Z"
SIMPLE = "openbadges/ob3/1edtech-validator/simple.json"


def _jws(header: dict[str, Any], payload: dict[str, Any], sign: Any) -> str:
    def enc(o: dict[str, Any]) -> str:
        return b64url(json.dumps(o).encode())

    head = f"{enc(header)}.{enc(payload)}"
    return f"{head}.{b64url(sign(head.encode()))}"


def _prime(seed: bytes) -> int:
    """A deterministic 1024-bit probable prime (Miller-Rabin, fixed bases)."""
    n = int.from_bytes(hashlib.shake_256(seed).digest(128), "big") | (1 << 1023) | 1
    while not all(pow(a, n - 1, n) == 1 for a in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)):
        n += 2
    return n


def _rsa_key() -> rsa.RSAPrivateKey:
    p, q, e = _prime(b"p"), _prime(b"q"), 65537
    d = pow(e, -1, (p - 1) * (q - 1))
    pub = rsa.RSAPublicNumbers(e, p * q)
    nums = rsa.RSAPrivateNumbers(
        p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q), rsa.rsa_crt_iqmp(p, q), pub
    )
    return nums.private_key()


def _ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.derive_private_key(
        int.from_bytes(hashlib.sha256(b"es").digest(), "big"), ec.SECP256R1()
    )


def _ec_jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    n = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(n.x.to_bytes(32, "big")),
        "y": b64url(n.y.to_bytes(32, "big")),
    }


def _rsa_jwk(key: rsa.RSAPrivateKey) -> dict[str, str]:
    n = key.public_key().public_numbers()
    return {
        "kty": "RSA",
        "n": b64url(n.n.to_bytes(128 * 2, "big").lstrip(b"\0")),
        "e": b64url(n.e.to_bytes(3, "big")),
    }


PAYLOAD = {"iss": "did:example:issuer", "vc": {"type": ["VerifiableCredential"], "name": "x"}}


def test_es256_jwt_with_header_jwk() -> None:
    key = _ec_key()

    def sign(data: bytes) -> bytes:
        r, s = utils.decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")

    token = _jws({"alg": "ES256", "jwk": _ec_jwk(key)}, PAYLOAD, sign)
    got = verify_document(token).proofs[0]
    assert (got.suite, got.key_source, got.outcome) == ("VC-JWT ES256", "jwk-header", VERIFIED)
    bad = token[:-6] + ("AAAAAA" if not token.endswith("AAAAAA") else "BBBBBB")
    assert verify_document(bad).proofs[0].outcome == INVALID


def test_rs256_jwt_with_kid_from_keys_dir(tmp_path: Path) -> None:
    key = _rsa_key()
    kid = "did:web:issuer.example#key-1"
    (tmp_path / "issuer.json").write_text(
        json.dumps(
            {
                "id": "did:web:issuer.example",
                "verificationMethod": [
                    {"id": "#key-1", "type": "JsonWebKey2020", "publicKeyJwk": _rsa_jwk(key)}
                ],
            }
        )
    )

    def sign(data: bytes) -> bytes:
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    token = _jws({"alg": "RS256", "kid": kid}, PAYLOAD, sign)
    assert verify_document(token).proofs[0].outcome == UNVERIFIABLE
    assert "did:web key" in verify_document(token).proofs[0].reason
    got = verify_document(token, KeyStore.load(tmp_path)).proofs[0]
    assert (got.suite, got.key_source, got.outcome) == ("VC-JWT RS256", "keys-dir", VERIFIED)


def test_did_jwk_and_keys_dir_for_data_integrity(
    upstream: Path, tmp_path: Path, key: SigningKey
) -> None:
    doc = json.loads((upstream / SIMPLE).read_text())
    jwk = key.jwk(private=False)
    del jwk["kid"]
    did_jwk = "did:jwk:" + b64url(json.dumps(jwk).encode())
    signed = sign_document(doc, SigningKey(key.private, did_jwk + "#0"), created=CREATED)
    got = verify_document(signed).proofs[0]
    assert (got.key_source, got.outcome) == ("did:jwk", VERIFIED)

    web = SigningKey(key.private, "https://issuer.example/keys/1")
    signed = sign_document(doc, web, created=CREATED)
    assert verify_document(signed).proofs[0].outcome == UNVERIFIABLE
    (tmp_path / "k.json").write_text(
        json.dumps(
            {"id": "https://issuer.example/keys/1", "publicKeyMultibase": key.public_multikey}
        )
    )
    got = verify_document(signed, KeyStore.load(tmp_path)).proofs[0]
    assert (got.key_source, got.outcome) == ("keys-dir", VERIFIED)


def test_resolve_offline_only() -> None:
    assert resolve("did:web:example.com#key-1").key is None
    assert "never fetched" in resolve("https://example.com/key").reason
    assert resolve("did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi").source == "did:key"
    assert resolve("did:key:zNotAKey").key is None


def test_eddsa_jcs_round_trip(upstream: Path, key: SigningKey) -> None:
    doc = json.loads((upstream / SIMPLE).read_text())
    signed = sign_document(doc, key, created=CREATED, suite="eddsa-jcs-2022")
    assert [p.outcome for p in verify_document(signed).proofs] == [VERIFIED]
    signed["name"] = "changed"
    assert [p.outcome for p in verify_document(signed).proofs] == [INVALID]


def test_jcs_rfc8785_examples() -> None:
    # keys sorted by UTF-16 code units, numbers in ECMAScript form, no whitespace
    got = jcs({"b": 1, "a": [1.0, 2.5, "é"], "€": None, "\u0080": True})
    assert got == '{"a":[1,2.5,"é"],"b":1,"\u0080":true,"€":null}'.encode()
    assert jcs({"z": 1e30, "y": 1e-7, "x": 0.5}) == b'{"x":0.5,"y":1e-7,"z":1e+30}'
    nums = [333333333.3333333, 1e21, 1e20, 0.000001, -1.5e-7, 123.0, 4.5e-5]
    assert (
        jcs(nums)
        == b"[333333333.3333333,1e+21,100000000000000000000,0.000001,-1.5e-7,123,0.000045]"
    )


def test_uninstalled_context_is_unverifiable(upstream: Path, key: SigningKey) -> None:
    doc = json.loads((upstream / SIMPLE).read_text())
    doc["@context"].append("https://w3id.org/security/data-integrity/v2")
    doc.pop("proof")
    signed = {**doc, "proof": [{**json.loads((upstream / SIMPLE).read_text())["proof"][0]}]}
    got = verify_document(signed).proofs[0]
    assert got.outcome == UNVERIFIABLE
    assert got.reason.startswith(
        "context https://w3id.org/security/data-integrity/v2 is not installed"
    )
