"""The root of the canonical model: one learner's record, with its provenance."""

from __future__ import annotations

from pydantic import Field

from .achievement import Achievement
from .award import Award
from .base import MODEL_VERSION, Node
from .credential import Endorsement
from .career import EducationAttendance, Employment, Skill
from .people import Person, Profile


class Association(Node):
    """A typed link between two achievements (CLR): isChildOf, isPartOf, precedes..."""

    type: str
    source_id: str
    target_id: str


class Provenance(Node):
    """Where the record came from."""

    format: str
    dialect: str | None = None
    source_ids: list[str] = Field(default_factory=list)
    signed: bool = False
    mapping: str | None = None


class LearnerRecord(Node):
    model_version: str = MODEL_VERSION
    provenance: Provenance | None = None
    person: Person | None = None
    publisher: Profile | None = None
    achievements: list[Achievement] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    associations: list[Association] = Field(default_factory=list)
    employment: list[Employment] = Field(default_factory=list)
    education: list[EducationAttendance] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    endorsements: list[Endorsement] = Field(default_factory=list)
    """Stand-alone endorsements (an OB 3.0 EndorsementCredential document)."""

    def achievement(self, achievement_id: str | None) -> Achievement | None:
        if achievement_id is None:
            return None
        for ach in self.achievements:
            if ach.id == achievement_id:
                return ach
        return None
