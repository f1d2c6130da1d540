"""What an award certifies: credentials, courses, competencies, degrees, licences, badges."""

from __future__ import annotations

from pydantic import Field

from .base import LangMap, Node, Number
from .credential import Endorsement
from .people import Identifier, Image, Profile


class Alignment(Node):
    """A link to a framework item (CASE, CTDL, O*NET...)."""

    target_name: LangMap | None = None
    target_url: str | None = None
    target_description: LangMap | None = None
    target_framework: str | None = None
    target_code: str | None = None
    target_type: str | None = None


class Criteria(Node):
    id: str | None = None
    narrative: LangMap | None = None


class RubricLevel(Node):
    id: str
    name: LangMap | None = None
    description: LangMap | None = None
    level: str | None = None
    points: str | None = None
    alignments: list[Alignment] = Field(default_factory=list)


class ResultDescription(Node):
    """How a result is expressed: a letter grade scale, a GPA, a status, a rubric..."""

    id: str
    name: LangMap | None = None
    result_type: str | None = None
    allowed_values: list[str] = Field(default_factory=list)
    required_level: str | None = None
    required_value: str | None = None
    value_min: str | None = None
    value_max: str | None = None
    rubric_levels: list[RubricLevel] = Field(default_factory=list)
    alignments: list[Alignment] = Field(default_factory=list)


class Related(Node):
    id: str
    in_language: str | None = None
    version: str | None = None


class Requirement(Node):
    """What must be done to earn an achievement (a CTDL ConditionProfile under
    ``ceterms:requires``): its text, and the competencies, credentials, assessments and
    learning opportunities it targets, by IRI. ``alternatives`` are ConditionProfiles of
    which one must be met."""

    id: str | None = None
    kind: str | None = None
    """The source's class for the requirement (a CTDL ConditionProfile, or a competency or
    credential named directly)."""
    name: LangMap | None = None
    description: LangMap | None = None
    url: str | None = None
    asserted_by: list[str] = Field(default_factory=list)
    target_competencies: list[Alignment] = Field(default_factory=list)
    """Competencies to master, as alignments (CTDL targetCompetency alignment objects)."""
    target_credentials: list[str] = Field(default_factory=list)
    target_assessments: list[str] = Field(default_factory=list)
    target_learning_opportunities: list[str] = Field(default_factory=list)
    years_of_experience: Number | None = None
    alternatives: list[Requirement] = Field(default_factory=list)


class Achievement(Node):
    """The definition of a credential, course, competency, degree, licence or badge:
    what an OB BadgeClass is and what CTDL describes."""

    id: str
    achievement_type: str | None = None
    name: LangMap | None = None
    description: LangMap | None = None
    criteria: Criteria | None = None
    image: Image | None = None
    alignments: list[Alignment] = Field(default_factory=list)
    credits_available: Number | None = None
    field_of_study: LangMap | None = None
    specialization: LangMap | None = None
    human_code: str | None = None
    in_language: str | None = None
    version: str | None = None
    tags: list[str] = Field(default_factory=list)
    identifiers: list[Identifier] = Field(default_factory=list)
    related: list[Related] = Field(default_factory=list)
    result_descriptions: list[ResultDescription] = Field(default_factory=list)
    creator: Profile | None = None
    endorsements: list[Endorsement] = Field(default_factory=list)
    ctid: str | None = None
    # what a credential registry says about an offering (CTDL); all optional
    owned_by: list[Profile] = Field(default_factory=list)
    offered_by: list[Profile] = Field(default_factory=list)
    subject_webpage: str | None = None
    languages: list[str] = Field(default_factory=list)
    status: str | None = None
    """Life-cycle status of the offering, as a concept IRI (``credentialStat:Active``)."""
    requirements: list[Requirement] = Field(default_factory=list)
