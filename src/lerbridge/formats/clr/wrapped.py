"""A CLR inside a plain ``VerifiableCredential`` (the Open Credential Publisher
"VC-wrapped CLR": a CLR 1.0 ``Clr`` as the ``credentialSubject`` of a generic VC). The CLR
is read; the wrapper's id, issuer, dates and proof go to the record's envelope, and what
cannot be written back is reported (the proof as ``proof-invalidated`` when written)."""

from __future__ import annotations

from typing import Any

from ...model import CredentialFacts, LearnerRecord, Profile, Proof
from ...report import LossReport
from ..vc import types_of

FORMAT = "clr"
_SPECIFIC = {"ClrCredential", "OpenBadgeCredential", "AchievementCredential"}


def unwrap(doc: Any, is_inner: Any) -> tuple[Any, dict[str, Any] | None]:
    """(the CLR, the wrapper without its subject) or (doc, None) when not wrapped."""
    if not isinstance(doc, dict):
        return doc, None
    t = types_of(doc)
    if "VerifiableCredential" not in t or _SPECIFIC & set(t):
        return doc, None
    subject = doc.get("credentialSubject")
    if isinstance(subject, dict) and is_inner(subject):
        return subject, {k: v for k, v in doc.items() if k != "credentialSubject"}
    return doc, None


def attach(
    rec: LearnerRecord, wrapper: dict[str, Any], where: str, report: LossReport
) -> LearnerRecord:
    """The wrapper's facts in the record's envelope; each one the envelope already has
    from the CLR is reported as not kept."""
    env = rec.envelope
    if env is None:
        from ...model import Envelope

        env = Envelope()
    facts = env.credential or CredentialFacts()
    update: dict[str, Any] = {}
    at = where or ""
    issuer = wrapper.get("issuer")
    profile = _profile(issuer)
    fills = {
        "id": wrapper.get("id"),
        "valid_from": wrapper.get("validFrom") or wrapper.get("issuanceDate"),
        "valid_until": wrapper.get("validUntil") or wrapper.get("expirationDate"),
        "issuer": profile,
    }
    for name, value in fills.items():
        if value is None:
            continue
        if getattr(env, name) in (None, value):
            update[name] = value
        else:
            report.add(
                "no-target-field",
                f"the VerifiableCredential wrapper's {name} differs from the CLR's own; "
                "the CLR's is kept",
                source_path=f"{at}/{_native(name)}",
                source_format=FORMAT,
                value=value if isinstance(value, str) else getattr(value, "id", None),
            )
    proofs = wrapper.get("proof")
    for i, p in enumerate(proofs if isinstance(proofs, list) else [proofs] if proofs else []):
        if isinstance(p, dict):
            facts = facts.model_copy(update={"proofs": [*facts.proofs, _proof(p)]})
            report.add(
                "unverified-signature",
                "the wrapper's proof is kept with the record's envelope, not verified; it "
                "covers the wrapper, so no other form of the CLR carries it",
                source_path=f"{at}/proof" + (f"/{i}" if isinstance(proofs, list) else ""),
                source_format=FORMAT,
            )
    report.add(
        "dialect-upgraded",
        "a CLR inside a plain VerifiableCredential read; the wrapper's id, issuer and dates, "
        "where the CLR gives none, are kept in the record's envelope",
        source_path=f"{at}/credentialSubject",
        source_format=FORMAT,
    )
    update["credential"] = facts
    return rec.model_copy(update={"envelope": env.model_copy(update=update)})


def _native(name: str) -> str:
    return {"valid_from": "validFrom", "valid_until": "validUntil"}.get(name, name)


def _profile(issuer: Any) -> Profile | None:
    if isinstance(issuer, str):
        return Profile(id=issuer)
    if isinstance(issuer, dict):
        name = issuer.get("name")
        return Profile(
            id=issuer.get("id") if isinstance(issuer.get("id"), str) else None,
            name={"und": name} if isinstance(name, str) else None,
        )
    return None


def _proof(p: dict[str, Any]) -> Proof:
    def s(key: str) -> str | None:
        v = p.get(key)
        return v if isinstance(v, str) else None

    return Proof(
        type=s("type"),
        cryptosuite=s("cryptosuite"),
        created=s("created"),
        verification_method=s("verificationMethod"),
        proof_purpose=s("proofPurpose"),
        proof_value=s("proofValue"),
        jws=s("jws"),
    )
