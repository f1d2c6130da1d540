"""Verification keys, resolved offline: ``did:key`` and ``did:jwk`` from the identifier
itself, a ``CONTROLLER#z6Mk…`` method from its multibase fragment (the 1EdTech examples'
convention), JWKs embedded in a JWT header, and anything else only from documents the user
supplies (:class:`KeyStore`: DID documents, JWKs, verification-method documents). Nothing is
ever fetched."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from ..errors import ReadError
from ..safejson import loads

PublicKey = ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ED25519_PUB = b"\xed\x01"
_ED25519_PRIV = b"\x80\x26"


def b58decode(text: str) -> bytes:
    num = 0
    for ch in text:
        idx = _B58.find(ch)
        if idx < 0:
            raise ValueError(f"not base58btc: {ch!r}")
        num = num * 58 + idx
    body = num.to_bytes((num.bit_length() + 7) // 8, "big") if num else b""
    pad = len(text) - len(text.lstrip("1"))
    return b"\x00" * pad + body


def b58encode(data: bytes) -> str:
    num = int.from_bytes(data, "big")
    out = ""
    while num:
        num, rem = divmod(num, 58)
        out = _B58[rem] + out
    pad = len(data) - len(data.lstrip(b"\x00"))
    return "1" * pad + out


def multibase_decode(text: str) -> bytes:
    if not text.startswith("z"):
        raise ValueError("only base58btc multibase ('z…') is supported")
    return b58decode(text[1:])


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def ed25519_multikey(pub: ed25519.Ed25519PublicKey) -> str:
    """``z6Mk…``: the multibase multicodec form of an Ed25519 public key."""
    from cryptography.hazmat.primitives import serialization as ser

    raw = pub.public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    return "z" + b58encode(_ED25519_PUB + raw)


def from_multikey(text: str) -> ed25519.Ed25519PublicKey:
    data = multibase_decode(text)
    if data[:2] != _ED25519_PUB or len(data) != 34:
        raise ValueError("not an Ed25519 multikey (expected the 0xed01 prefix and 32 bytes)")
    return ed25519.Ed25519PublicKey.from_public_bytes(data[2:])


def from_jwk(jwk: dict[str, Any]) -> PublicKey:
    kty, crv = jwk.get("kty"), jwk.get("crv")
    if kty == "OKP" and crv == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(b64url_decode(jwk["x"]))
    if kty == "EC" and crv in ("P-256", "P-384"):
        curve: ec.EllipticCurve = ec.SECP256R1() if crv == "P-256" else ec.SECP384R1()
        x = int.from_bytes(b64url_decode(jwk["x"]), "big")
        y = int.from_bytes(b64url_decode(jwk["y"]), "big")
        return ec.EllipticCurvePublicNumbers(x, y, curve).public_key()
    if kty == "RSA":
        n = int.from_bytes(b64url_decode(jwk["n"]), "big")
        e = int.from_bytes(b64url_decode(jwk["e"]), "big")
        return rsa.RSAPublicNumbers(e, n).public_key()
    raise ValueError(f"unsupported JWK (kty={kty!r}, crv={crv!r})")


@dataclass(frozen=True)
class Resolved:
    key: PublicKey | None
    source: str  # did:key, did:jwk, multibase-fragment, jwk-header, keys-dir, or "" when none
    reason: str = ""  # why no key, when key is None


def _from_method_doc(doc: dict[str, Any]) -> PublicKey | None:
    if isinstance(doc.get("publicKeyMultibase"), str):
        return from_multikey(doc["publicKeyMultibase"])
    if isinstance(doc.get("publicKeyJwk"), dict):
        return from_jwk(doc["publicKeyJwk"])
    if isinstance(doc.get("publicKeyPem"), str):
        from cryptography.hazmat.primitives.serialization import load_pem_public_key

        key = load_pem_public_key(doc["publicKeyPem"].encode("ascii"))
        if isinstance(key, ed25519.Ed25519PublicKey | ec.EllipticCurvePublicKey | rsa.RSAPublicKey):
            return key
    if doc.get("kty"):
        return from_jwk(doc)
    return None


@dataclass
class KeyStore:
    """Verification methods the user supplied, by id (and by controller for a single key)."""

    methods: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: str | Path | None) -> KeyStore:
        store = cls()
        if folder is None:
            return store
        path = Path(folder)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() not in (".json", ".jwk", ".jsonld"):
                continue
            try:
                doc = loads(f.read_bytes(), str(f))
            except (OSError, ValueError, ReadError) as exc:
                raise ReadError(f"cannot read key document: {exc}", source=str(f)) from None
            store.add(doc, default_id=f.stem)
        return store

    def add(self, doc: Any, default_id: str = "") -> None:
        if not isinstance(doc, dict):
            return
        did = doc.get("id") if isinstance(doc.get("id"), str) else default_id
        found = False
        for rel in ("verificationMethod", "assertionMethod", "publicKey"):
            entries = doc.get(rel)
            for m in entries if isinstance(entries, list) else [entries]:
                if isinstance(m, dict) and isinstance(m.get("id"), str):
                    mid = m["id"]
                    full = did + mid if mid.startswith("#") else mid
                    self.methods[full] = m
                    found = True
        if not found:
            if doc.get("kty"):
                for name in (doc.get("kid"), did):
                    if isinstance(name, str) and name:
                        self.methods[name] = doc
            elif did:
                self.methods[did] = doc

    def get(self, ref: str) -> dict[str, Any] | None:
        if ref in self.methods:
            return self.methods[ref]
        base = ref.split("#", 1)[0]
        cands = [m for k, m in self.methods.items() if k.split("#", 1)[0] == base]
        return cands[0] if len(cands) == 1 else None


def resolve(ref: str | None, store: KeyStore | None = None) -> Resolved:
    """The public key a verification method (or JWT ``kid``/issuer) names, offline only."""
    if not ref:
        return Resolved(None, "", "the proof names no verification method")
    store = store or KeyStore()
    try:
        supplied = store.get(ref)
        if supplied is not None:
            key = _from_method_doc(supplied)
            if key is not None:
                return Resolved(key, "keys-dir")
        base, _, frag = ref.partition("#")
        if base.startswith("did:key:"):
            return Resolved(from_multikey(base[len("did:key:") :]), "did:key")
        if base.startswith("did:jwk:"):
            jwk = json.loads(b64url_decode(base[len("did:jwk:") :]))
            return Resolved(from_jwk(jwk), "did:jwk")
        if frag.startswith("z6Mk"):
            return Resolved(from_multikey(frag), "multibase-fragment")
    except (ValueError, KeyError, TypeError) as exc:
        return Resolved(None, "", f"bad key material in {ref}: {exc}")
    how = "did:web" if ref.startswith("did:web:") else "remote"
    return Resolved(None, "", f"{how} key {ref} not supplied (use --keys; never fetched)")
