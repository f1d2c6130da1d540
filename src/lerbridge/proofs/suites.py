"""Data Integrity suites: ``eddsa-rdfc-2022``, ``eddsa-jcs-2022`` and
``Ed25519Signature2020``. Each signs sha256(canonical proof options) ‖ sha256(canonical
document without its proof) with Ed25519; the proof options carry the document's
``@context``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from .canon import ContextNotInstalled, UndefinedTerm, jcs, rdfc
from .keys import KeyStore, b58encode, multibase_decode, resolve

VERIFIED, INVALID, UNVERIFIABLE = "verified", "invalid", "unverifiable"


@dataclass(frozen=True)
class ProofResult:
    """One proof: where it is (JSON Pointer of the credential), its suite, key and outcome."""

    path: str
    suite: str
    verification_method: str | None
    key_source: str
    outcome: str  # verified | invalid | unverifiable
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "suite": self.suite,
            "verificationMethod": self.verification_method,
            "keySource": self.key_source,
            "outcome": self.outcome,
            "reason": self.reason,
        }


def suite_name(proof: dict[str, Any]) -> str:
    ptype = proof.get("type")
    ptype = ptype[0] if isinstance(ptype, list) and ptype else ptype
    if ptype == "DataIntegrityProof":
        return str(proof.get("cryptosuite") or "DataIntegrityProof")
    return str(ptype or "untyped")


SUITES = ("eddsa-rdfc-2022", "eddsa-jcs-2022", "Ed25519Signature2020")


def hash_data(unsigned: dict[str, Any], options: dict[str, Any], suite: str) -> bytes:
    """What the Ed25519 signature covers. Raises ContextNotInstalled / UndefinedTerm."""
    opts = {k: v for k, v in options.items() if k != "proofValue"}
    if "@context" in unsigned:
        opts["@context"] = unsigned["@context"]
    if suite == "eddsa-jcs-2022":
        c_opts, c_doc = jcs(opts), jcs(unsigned)
    else:
        c_opts, c_doc = rdfc(opts).encode(), rdfc(unsigned).encode()
    return hashlib.sha256(c_opts).digest() + hashlib.sha256(c_doc).digest()


def verify_di(
    unsigned: dict[str, Any], proof: dict[str, Any], path: str, store: KeyStore
) -> ProofResult:
    suite = suite_name(proof)
    vm = proof.get("verificationMethod")
    vm = vm if isinstance(vm, str) else (vm.get("id") if isinstance(vm, dict) else None)

    def result(outcome: str, reason: str = "", source: str = "") -> ProofResult:
        return ProofResult(path, suite, vm, source, outcome, reason)

    if suite not in SUITES:
        return result(UNVERIFIABLE, f"unknown proof suite {suite!r}")
    value = proof.get("proofValue")
    if not isinstance(value, str):
        return result(INVALID, "the proof has no proofValue")
    resolved = resolve(vm, store)
    if resolved.key is None:
        return result(UNVERIFIABLE, resolved.reason)
    if not isinstance(resolved.key, ed25519.Ed25519PublicKey):
        return result(INVALID, f"{suite} needs an Ed25519 key", resolved.source)
    try:
        sig = multibase_decode(value)
        data = hash_data(unsigned, proof, suite)
    except ContextNotInstalled as exc:
        return result(UNVERIFIABLE, str(exc), resolved.source)
    except UndefinedTerm as exc:
        return result(INVALID, f"a term is not defined by the contexts: {exc}", resolved.source)
    except (ValueError, TypeError) as exc:
        return result(INVALID, f"malformed proof: {exc}", resolved.source)
    try:
        resolved.key.verify(sig, data)
    except InvalidSignature:
        return result(INVALID, "signature does not match the document", resolved.source)
    return result(VERIFIED, "", resolved.source)


def sign_di(
    unsigned: dict[str, Any],
    private: ed25519.Ed25519PrivateKey,
    verification_method: str,
    created: str | None,
    suite: str = "eddsa-rdfc-2022",
) -> dict[str, Any]:
    """A DataIntegrityProof (or Ed25519Signature2020) for ``unsigned`` (no ``proof`` key)."""
    if suite == "Ed25519Signature2020":
        proof: dict[str, Any] = {"type": "Ed25519Signature2020"}
    else:
        proof = {"type": "DataIntegrityProof", "cryptosuite": suite}
    if created:
        proof["created"] = created
    proof["verificationMethod"] = verification_method
    proof["proofPurpose"] = "assertionMethod"
    sig = private.sign(hash_data(unsigned, proof, suite))
    proof["proofValue"] = "z" + b58encode(sig)
    return proof
