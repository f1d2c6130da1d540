"""The root of the canonical model: one learner's record, with its provenance."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .achievement import Achievement
from .award import Award
from .base import MODEL_VERSION, FlexDate, LangMap, Node
from .career import Attachment, EducationAttendance, Employment, Narrative, Skill
from .credential import CredentialFacts, Endorsement, Evidence
from .framework import CompetencyFramework
from .people import Identifier, Image, Person, Profile


class Association(Node):
    """A typed link between two achievements (CLR), or between two competencies of a
    framework or a competency and its framework (CASE CFAssociation): isChildOf, isPartOf,
    precedes..."""

    type: str
    source_id: str
    target_id: str
    sequence: int | float | None = None
    """The link's place among its siblings (CASE sequenceNumber, display order only)."""


class Envelope(Node):
    """The document that wrapped the awards, when it says something of its own: a CLR
    credential (its id, name, dates, signature), an LER-RS document. Achievements listed at
    its level without an award (a CLR's ClrSubject.achievement) are named by id."""

    id: str | None = None
    identifiers: list[Identifier] = Field(default_factory=list)
    """The document's own ids (LER-RS documentId and alternateIds, HR-XML ResumeId)."""
    name: LangMap | None = None
    description: LangMap | None = None
    image: Image | None = None
    issuer: Profile | None = None
    valid_from: FlexDate | None = None
    valid_until: FlexDate | None = None
    awarded_date: FlexDate | None = None
    partial: bool | None = None
    achievement_ids: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    endorsements: list[Endorsement] = Field(default_factory=list)
    credential: CredentialFacts | None = None


class Provenance(Node):
    """Where the record came from."""

    format: str
    dialect: str | None = None
    source_ids: list[str] = Field(default_factory=list)
    signed: bool = False
    mapping: str | None = None


_INTERNAL: dict[str, Any] = {"lerbridge_internal": True}


class LearnerRecord(Node):
    model_version: str = Field(
        default=MODEL_VERSION, json_schema_extra={"lerbridge_internal": True}
    )
    provenance: Provenance | None = Field(
        default=None, json_schema_extra={"lerbridge_internal": True}
    )
    envelope: Envelope | None = None
    person: Person | None = None
    publisher: Profile | None = None
    achievements: list[Achievement] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    associations: list[Association] = Field(default_factory=list)
    employment: list[Employment] = Field(default_factory=list)
    education: list[EducationAttendance] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    narratives: list[Narrative] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    endorsements: list[Endorsement] = Field(default_factory=list)
    """Stand-alone endorsements (an OB 3.0 EndorsementCredential document)."""
    organizations: list[Profile] = Field(default_factory=list)
    """Organizations described for their own sake (a CTDL CredentialOrganization)."""
    frameworks: list[CompetencyFramework] = Field(default_factory=list)
    """Competency frameworks; their competencies are ``skills`` naming them."""

    def achievement(self, achievement_id: str | None) -> Achievement | None:
        if achievement_id is None:
            return None
        for ach in self.achievements:
            if ach.id == achievement_id:
                return ach
        return None
