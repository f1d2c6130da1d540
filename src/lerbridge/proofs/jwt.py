"""VC-JWT (compact JWS): verify EdDSA, ES256 and RS256; sign EdDSA. The key comes from the
header's ``jwk``, its ``kid`` or the ``iss`` claim, resolved offline (see :mod:`.keys`)."""

from __future__ import annotations

import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa, utils

from .keys import KeyStore, Resolved, b64url, b64url_decode, from_jwk, resolve
from .suites import INVALID, UNVERIFIABLE, VERIFIED, ProofResult

ALGS = ("EdDSA", "ES256", "RS256")


def split(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """Header, payload, signing input and signature. ValueError when malformed."""
    parts = token.strip().split(".")
    if len(parts) != 3:
        raise ValueError("a compact JWS has three dot-separated parts")
    header = json.loads(b64url_decode(parts[0]))
    payload = json.loads(b64url_decode(parts[1]))
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ValueError("JWS header and payload must be JSON objects")
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), b64url_decode(parts[2])


def _key_for(header: dict[str, Any], payload: dict[str, Any], store: KeyStore) -> Resolved:
    if isinstance(header.get("jwk"), dict):
        try:
            return Resolved(from_jwk(header["jwk"]), "jwk-header")
        except (ValueError, KeyError) as exc:
            return Resolved(None, "", f"bad header jwk: {exc}")
    kid = header.get("kid") if isinstance(header.get("kid"), str) else None
    iss = payload.get("iss")
    creator = _ob2_creator(payload)
    if creator is not None:  # OB 2.0 signed assertion: the CryptographicKey it names
        return resolve(creator, store)
    if kid and kid.startswith("#") and isinstance(iss, str):
        kid = iss + kid
    first = resolve(kid, store) if kid else None
    if first is not None and first.key is not None:
        return first
    second = resolve(iss, store) if isinstance(iss, str) else None
    if second is not None and second.key is not None:
        return second
    return first or second or Resolved(None, "", "the JWT names no key (no jwk, kid or iss)")


def _ob2_creator(payload: dict[str, Any]) -> str | None:
    for key in ("verification", "verify"):  # "verify": the pre-2.0 name
        block = payload.get(key)
        if isinstance(block, dict) and isinstance(block.get("creator"), str):
            return str(block["creator"])
    return None


def verify_jwt(token: str, path: str, store: KeyStore) -> ProofResult:
    try:
        header, payload, signing_input, sig = split(token)
    except (ValueError, UnicodeDecodeError) as exc:
        return ProofResult(path, "VC-JWT", None, "", INVALID, f"malformed JWT: {exc}")
    alg = str(header.get("alg"))
    kid = header.get("kid") if isinstance(header.get("kid"), str) else _ob2_creator(payload)
    suite = f"{'OB2 JWS' if _ob2_creator(payload) else 'VC-JWT'} {alg}"
    if alg not in ALGS:
        return ProofResult(path, suite, kid, "", UNVERIFIABLE, f"unsupported alg {alg!r}")
    found = _key_for(header, payload, store)
    if found.key is None:
        return ProofResult(path, suite, kid, "", UNVERIFIABLE, found.reason or "no key")
    key = found.key
    try:
        if alg == "EdDSA" and isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(sig, signing_input)
        elif alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey):
            if len(sig) != 64:
                raise InvalidSignature()
            der = utils.encode_dss_signature(
                int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
            )
            key.verify(der, signing_input, ec.ECDSA(hashes.SHA256()))
        elif alg == "RS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(sig, signing_input, padding.PKCS1v15(), hashes.SHA256())
        else:
            return ProofResult(
                path, suite, kid, found.source, INVALID, f"key type does not fit {alg}"
            )
    except InvalidSignature:
        return ProofResult(path, suite, kid, found.source, INVALID, "JWT signature does not match")
    return ProofResult(path, suite, kid, found.source, VERIFIED)


def sign_jwt(credential: dict[str, Any], private: ed25519.Ed25519PrivateKey, kid: str) -> str:
    """A VC-JWT (VC-DM 2.0 style: the credential is the payload; registered claims added
    from it)."""
    header = {"alg": "EdDSA", "kid": kid, "typ": "vc+jwt"}
    payload = dict(credential)
    issuer = credential.get("issuer")
    iss = issuer.get("id") if isinstance(issuer, dict) else issuer
    if isinstance(iss, str):
        payload["iss"] = iss
    if isinstance(credential.get("id"), str):
        payload["jti"] = credential["id"]
    subject = credential.get("credentialSubject")
    if isinstance(subject, dict) and isinstance(subject.get("id"), str):
        payload["sub"] = subject["id"]

    def enc(obj: dict[str, Any]) -> str:
        return b64url(json.dumps(obj, separators=(",", ":"), sort_keys=True).encode("utf-8"))

    signing_input = f"{enc(header)}.{enc(payload)}"
    return f"{signing_input}.{b64url(private.sign(signing_input.encode('ascii')))}"
