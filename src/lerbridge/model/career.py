"""Employment history, education attendance and skills (LER-RS's side of the record)."""

from __future__ import annotations

from pydantic import Field

from .achievement import Alignment
from .base import FlexDate, LangMap, Node, Number
from .people import Profile


class Position(Node):
    title: LangMap | None = None
    description: LangMap | None = None
    start: FlexDate | None = None
    end: FlexDate | None = None
    current: bool | None = None
    location: str | None = None


class Employment(Node):
    employer: Profile | None = None
    positions: list[Position] = Field(default_factory=list)
    start: FlexDate | None = None
    end: FlexDate | None = None
    current: bool | None = None


class EducationAttendance(Node):
    institution: Profile | None = None
    degree_name: LangMap | None = None
    degree_type: str | None = None
    field_of_study: LangMap | None = None
    start: FlexDate | None = None
    end: FlexDate | None = None
    current: bool | None = None
    granted: bool | None = None
    gpa: str | None = None
    award_ids: list[str] = Field(default_factory=list)


class Skill(Node):
    """A skill or competency, from any source, linked to the awards that evidence it."""

    id: str | None = None
    name: LangMap | None = None
    description: LangMap | None = None
    framework: str | None = None
    code: str | None = None
    url: str | None = None
    parent_id: str | None = None
    years_of_experience: Number | None = None
    alignments: list[Alignment] = Field(default_factory=list)
    evidenced_by: list[str] = Field(default_factory=list)
    ctid: str | None = None
    text: LangMap | None = None
    """The full statement of a framework competency (CTDL-ASN competencyText)."""
    children: list[str] = Field(default_factory=list)
    """Ids of the competencies under this one, in framework order."""
    languages: list[str] = Field(default_factory=list)
