"""An achievement awarded to the person: an assertion, a nested credential, a transcript row."""

from __future__ import annotations

from pydantic import Field

from .achievement import Alignment
from .base import FlexDate, LangMap, Node, Number
from .career import Verification
from .credential import CredentialFacts, Endorsement, Evidence
from .people import Identifier, Image, Profile


class Result(Node):
    """A grade, score, GPA or status, linked to its ResultDescription by id."""

    result_description: str | None = None
    value: str | None = None
    status: str | None = None
    achieved_level: str | None = None
    alignments: list[Alignment] = Field(default_factory=list)


class Recipient(Node):
    """How the award names its recipient (the subject of the credential)."""

    id: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    name: LangMap | None = None


class Award(Node):
    id: str | None = None
    achievement_id: str | None = None
    name: LangMap | None = None
    description: LangMap | None = None
    image: Image | None = None
    recipient: Recipient | None = None
    issuer: Profile | None = None
    valid_from: FlexDate | None = None
    valid_until: FlexDate | None = None
    awarded_date: FlexDate | None = None
    results: list[Result] = Field(default_factory=list)
    credits_earned: Number | None = None
    term: str | None = None
    activity_start: FlexDate | None = None
    activity_end: FlexDate | None = None
    role: str | None = None
    license_number: str | None = None
    narrative: LangMap | None = None
    subject_image: Image | None = None
    source: Profile | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    endorsements: list[Endorsement] = Field(default_factory=list)
    credential: CredentialFacts | None = None
    verifications: list[Verification] = Field(default_factory=list)
    """What vouches for the award when a résumé lists it (LER-RS certifications and
    licenses); an award read from an embedded credential names itself here."""
    verified_only: bool = Field(default=False, json_schema_extra={"lerbridge_internal": True})
    """The résumé gave this item only as verifications (LER-RS Verifiable…Type)."""
