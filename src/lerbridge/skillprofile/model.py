"""The skills profile: one entry per skill across every credential a person holds, each
traced to the credentials that evidence it (see docs/skills.md)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..model.base import LangMap

#: Evidence strength, strongest first. ``signed``: the credential carries a proof (its
#: signature is not verified here); ``unsigned``: an issued credential without one;
#: ``self-asserted``: the person says so (a résumé skill or a résumé's own list).
STRENGTHS = ("signed", "unsigned", "self-asserted")


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SkillEvidence(_Base):
    """One credential (or résumé claim) that evidences a skill."""

    credential: str | None = None
    """The id of the evidencing credential (award); None for a résumé claim."""
    name: str | None = None
    issuer: str | None = None
    date: str | None = None
    result: str | None = None
    level: str | None = None
    kind: str
    """course, badge, competency, certification, license, degree, assessment, credential or
    self-asserted."""
    strength: str
    source: str
    """The input file (or label) it was read from."""
    source_format: str | None = None


class FrameworkRef(_Base):
    id: str | None = None
    name: str | None = None


class ProfileSkill(_Base):
    id: str
    name: LangMap | None = None
    other_names: list[str] = Field(default_factory=list)
    """Names the merged sources also gave the skill (merged by reference, not by name)."""
    description: LangMap | None = None
    framework: FrameworkRef | None = None
    code: str | None = None
    url: str | None = None
    ctid: str | None = None
    references: list[str] = Field(default_factory=list)
    """Every framework reference the skill was merged on (URIs, CTIDs, framework+code)."""
    resolved: bool = False
    """A framework given as input (or with --framework) defines the skill."""
    evidence: list[SkillEvidence] = Field(default_factory=list)
    first_evidence: str | None = None
    last_evidence: str | None = None
    kinds: list[str] = Field(default_factory=list)
    strengths: list[str] = Field(default_factory=list)
    strongest: str | None = None


class NameMatch(_Base):
    """Skills kept apart that carry the same name: a suggestion, never applied."""

    name: str
    skills: list[str]


class ProfileSource(_Base):
    source: str
    format: str
    records: int
    frameworks: int = 0


class SkillsProfile(_Base):
    type: str = "lerbridge:SkillsProfile"
    version: int = 1
    person: str | None = None
    people: list[str] = Field(default_factory=list)
    """Every person name the inputs give (more than one is worth checking)."""
    sources: list[ProfileSource] = Field(default_factory=list)
    frameworks: list[FrameworkRef] = Field(default_factory=list)
    skills: list[ProfileSkill] = Field(default_factory=list)
    name_matches: list[NameMatch] = Field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
