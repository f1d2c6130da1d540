"""Facts about a credential document as issued: proofs, status, endorsements, evidence."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import FlexDate, LangMap, Node, RawFragment
from .people import Profile


class Proof(Node):
    """A proof the source carried. Kept as facts; a writer that changes the signed data
    drops it and reports ``proof-invalidated``."""

    type: str | None = None
    cryptosuite: str | None = None
    created: FlexDate | None = None
    verification_method: str | None = None
    proof_purpose: str | None = None
    proof_value: str | None = None
    jws: str | None = None


class Endorsement(Node):
    """A third party's endorsement of a profile, achievement or award. ``raw`` keeps
    the signed source document so that a writer of the same format re-emits it intact."""

    id: str | None = None
    name: LangMap | None = None
    issuer: Profile | None = None
    subject_id: str | None = None
    comment: LangMap | None = None
    valid_from: FlexDate | None = None
    valid_until: FlexDate | None = None
    signed: bool = False
    raw: RawFragment | None = None


class Evidence(Node):
    id: str | None = None
    name: LangMap | None = None
    description: LangMap | None = None
    narrative: LangMap | None = None
    genre: str | None = None
    audience: str | None = None


class StatusInfo(Node):
    """Where a verifier checks revocation or suspension (credentialStatus)."""

    id: str | None = None
    type: str | None = None
    purpose: str | None = None
    list_credential: str | None = None
    list_index: str | None = None


class CredentialFacts(Node):
    """What the source said about itself as a signed document."""

    proofs: list[Proof] = Field(default_factory=list)
    jwt: bool = Field(default=False, json_schema_extra={"lerbridge_internal": True})
    """The source was a VC-JWT (its signature is one of ``proofs``, type ``VC-JWT``)."""
    status: StatusInfo | None = None
    schemas: list[dict[str, Any]] = Field(default_factory=list)
    refresh_service: dict[str, Any] | None = None
    terms_of_use: list[dict[str, Any]] = Field(default_factory=list)
    contexts: list[str | dict[str, Any]] = Field(default_factory=list)
    original: RawFragment | None = Field(
        default=None, json_schema_extra={"lerbridge_internal": True}
    )
    """The credential exactly as a résumé embedded it (an LER-RS ``verifications`` item,
    wrapped or not): a résumé writer re-embeds these bytes, which its signature covers."""
    digest: str | None = Field(default=None, json_schema_extra={"lerbridge_internal": True})
    """Set by a reader when the source was signed and lerbridge can write it back exactly:
    the digest of the canonical award. A writer keeps the proofs only while it matches."""
