"""Signing keys and signing of what lerbridge writes: an ``eddsa-rdfc-2022``
DataIntegrityProof on a credential (and, on request, on each nested credential first), or a
VC-JWT. Ed25519 signatures are deterministic, so with a fixed ``created`` the output is too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ed25519

from ..errors import LerbridgeError, ReadError
from .keys import b64url, b64url_decode, ed25519_multikey
from .suites import sign_di


@dataclass(frozen=True)
class SigningKey:
    """An Ed25519 private key and the verification method its proofs name."""

    private: ed25519.Ed25519PrivateKey
    verification_method: str

    @property
    def public_multikey(self) -> str:
        return ed25519_multikey(self.private.public_key())

    @property
    def did_key(self) -> str:
        return "did:key:" + self.public_multikey

    def jwk(self, private: bool = True) -> dict[str, Any]:
        pub = self.private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
        jwk: dict[str, Any] = {"kty": "OKP", "crv": "Ed25519", "x": b64url(pub)}
        if private:
            raw = self.private.private_bytes(
                ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption()
            )
            jwk["d"] = b64url(raw)
        jwk["kid"] = self.verification_method
        return jwk

    def __reduce__(self) -> tuple[Any, ...]:
        """Picklable (batch worker processes get the key with their options): the private
        JWK travels, never to disk."""
        return (SigningKey.from_jwk, (self.jwk(private=True), self.verification_method))

    @classmethod
    def from_jwk(cls, jwk: dict[str, Any], verification_method: str | None = None) -> SigningKey:
        if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519" or "d" not in jwk:
            raise LerbridgeError(
                "a signing key must be an Ed25519 private JWK (kty OKP, crv Ed25519, d)"
            )
        private = ed25519.Ed25519PrivateKey.from_private_bytes(b64url_decode(jwk["d"]))
        key = cls(private, "")
        vm = verification_method or jwk.get("kid") or f"{key.did_key}#{key.public_multikey}"
        return cls(private, str(vm))

    @classmethod
    def load(cls, path: str | Path, verification_method: str | None = None) -> SigningKey:
        try:
            jwk = json.loads(Path(path).read_bytes())
        except (OSError, ValueError) as exc:
            raise ReadError(f"cannot read the signing key: {exc}", source=str(path)) from None
        if not isinstance(jwk, dict):
            raise ReadError("the signing key must be a JWK object", source=str(path))
        try:
            return cls.from_jwk(jwk, verification_method)
        except (ValueError, KeyError) as exc:
            raise ReadError(f"bad Ed25519 JWK: {exc}", source=str(path)) from None
        except LerbridgeError as exc:
            raise exc.with_source(str(path)) from None


def new_key(seed: bytes | None = None, verification_method: str | None = None) -> SigningKey:
    """A fresh Ed25519 key (random), or the one a 32-byte ``seed`` determines (tests)."""
    if seed is not None:
        if len(seed) != 32:
            raise ValueError("an Ed25519 seed is 32 bytes")
        private = ed25519.Ed25519PrivateKey.from_private_bytes(seed)
    else:
        private = ed25519.Ed25519PrivateKey.generate()
    mk = ed25519_multikey(private.public_key())
    return SigningKey(private, verification_method or f"did:key:{mk}#{mk}")


def _is_credential(obj: Any) -> bool:
    if not isinstance(obj, dict):
        return False
    t = obj.get("type")
    return any(
        isinstance(x, str) and x.endswith("Credential") for x in (t if isinstance(t, list) else [t])
    )


def sign_document(
    doc: dict[str, Any],
    key: SigningKey,
    created: str | None = None,
    nested: bool = False,
    suite: str = "eddsa-rdfc-2022",
) -> dict[str, Any]:
    """A copy of ``doc`` whose proof is replaced by one new proof. With ``nested`` each
    credential inside it is signed first (so the outer proof covers the inner ones). Raises
    ContextNotInstalled / UndefinedTerm when the document cannot be canonicalized."""
    return _sign(doc, key, created, nested, suite, doc.get("@context"))


VC2 = "https://www.w3.org/ns/credentials/v2"
DI_V1 = "https://w3id.org/security/data-integrity/v1"


def with_proof_context(doc: dict[str, Any]) -> dict[str, Any]:
    """A VC 1.1 document defines no DataIntegrityProof terms: the Data Integrity context is
    appended (VC 2.0 includes them)."""
    ctx = doc.get("@context")
    items = ctx if isinstance(ctx, list) else [ctx] if ctx else []
    if not items or VC2 in items or DI_V1 in items:
        return doc
    return {**doc, "@context": [*items, DI_V1]}


def _sign(
    obj: dict[str, Any], key: SigningKey, created: str | None, nested: bool, suite: str, ctx: Any
) -> dict[str, Any]:
    if suite != "Ed25519Signature2020":
        obj = with_proof_context(obj)
    context = obj.get("@context", ctx)
    body = {
        k: (_inner(v, key, created, suite, context) if nested else v)
        for k, v in obj.items()
        if k != "proof"
    }
    unsigned = body if "@context" in body or context is None else {"@context": context, **body}
    proof = sign_di(unsigned, key.private, key.verification_method, created, suite)
    return {**body, "proof": [proof]}


def _inner(value: Any, key: SigningKey, created: str | None, suite: str, ctx: Any) -> Any:
    if isinstance(value, list):
        return [_inner(v, key, created, suite, ctx) for v in value]
    if isinstance(value, dict):
        if _is_credential(value):
            return _sign(value, key, created, True, suite, ctx)
        return {
            k: _inner(v, key, created, suite, ctx) if k not in ("@context", "proof") else v
            for k, v in value.items()
        }
    return value
