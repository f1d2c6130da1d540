"""The résumé side of the record: employment, education, skills, narratives and
attachments (LER-RS, HR-XML), and the verifications that vouch for a résumé item."""

from __future__ import annotations

from pydantic import Field

from .achievement import Alignment
from .base import FlexDate, LangMap, Node, Number, RawFragment
from .people import Address, PersonName, Profile


class Verification(Node):
    """Something that vouches for a résumé item (LER-RS ``verifications[]``).

    ``kind`` is ``organization`` (a verifying organization to contact), ``reference`` (a
    URI to check, which may or may not be a credential) or ``credential`` (an embedded
    verifiable credential). An embedded credential is kept exactly as written in
    ``credential``, because its signature covers those bytes; the awards read from it are
    named in ``award_ids`` so the rest of the record can point at them."""

    kind: str
    organization: Profile | None = None
    reference: str | None = None
    scheme: str | None = None
    credential_format: str | None = None
    """``ob3``, ``clr``, ``provisional`` (an HR Open per-section VC) or ``other``."""
    credential: RawFragment | None = None
    award_ids: list[str] = Field(default_factory=list)
    wrapped: bool = False
    """The credential sat under ``otherW3CVerifiableCredential``."""


class Position(Node):
    id: str | None = None
    title: LangMap | None = None
    descriptions: list[str] = Field(default_factory=list)
    start: FlexDate | None = None
    end: FlexDate | None = None
    current: bool | None = None
    location: Address | None = None
    unit: Profile | None = None
    """The department or unit the position sat in."""
    relationship: str | None = None
    """Employee, Volunteer, Internship, Apprenticeship, IndependentContractor..."""


class Employment(Node):
    id: str | None = None
    employer: Profile | None = None
    positions: list[Position] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)
    start: FlexDate | None = None
    end: FlexDate | None = None
    current: bool | None = None
    verifications: list[Verification] = Field(default_factory=list)
    verified_only: bool = Field(default=False, json_schema_extra={"lerbridge_internal": True})
    """The source gave this item only as verifications; its fields were read from them."""


class Score(Node):
    """A score on a degree (LER-RS ``score``): a GPA is a numeric score."""

    value: Number | str
    numeric: bool = True
    code: str | None = None
    minimum: Number | str | None = None
    maximum: Number | str | None = None
    interval: Number | None = None


class Specialization(Node):
    name: LangMap | None = None
    type: str | None = None
    """major, minor, concentration..."""


class Degree(Node):
    id: str | None = None
    name: LangMap | None = None
    codes: list[str] = Field(default_factory=list)
    degree_type: str | None = None
    date: FlexDate | None = None
    specializations: list[Specialization] = Field(default_factory=list)
    scores: list[Score] = Field(default_factory=list)
    honors: list[str] = Field(default_factory=list)
    status: str | None = None
    """Granted, InProgress, Postponed or NotGranted."""
    level: str | None = None
    """ISCED 2011 level code ("0".."8")."""
    comments: list[str] = Field(default_factory=list)
    award_id: str | None = None
    """The award (a degree credential) this degree was written from, if any."""


class EducationAttendance(Node):
    id: str | None = None
    institution: Profile | None = None
    department: Profile | None = None
    programs: list[str] = Field(default_factory=list)
    level_codes: list[str] = Field(default_factory=list)
    start: FlexDate | None = None
    end: FlexDate | None = None
    current: bool | None = None
    good_standing: bool | None = None
    degrees: list[Degree] = Field(default_factory=list)
    descriptions: list[str] = Field(default_factory=list)
    verifications: list[Verification] = Field(default_factory=list)
    verified_only: bool = Field(default=False, json_schema_extra={"lerbridge_internal": True})


class Endorser(Node):
    """Who vouches for a skill (LER-RS EndorserType): a person or an organization."""

    person: PersonName | None = None
    organization: Profile | None = None
    comments: list[str] = Field(default_factory=list)


class Skill(Node):
    """A skill or competency, from any source, linked to the awards that evidence it."""

    id: str | None = None
    name: LangMap | None = None
    description: LangMap | None = None
    framework: str | None = None
    """The scheme or framework the skill belongs to (a URI or a name)."""
    code: str | None = None
    url: str | None = None
    """The skill's own identifier in its scheme (LER-RS schemeReference.reference)."""
    definition: str | None = None
    """Where the skill is formally defined (LER-RS definitionReference.reference)."""
    definition_scheme: str | None = None
    parent_id: str | None = None
    years_of_experience: Number | None = None
    last_used: FlexDate | None = None
    comments: list[str] = Field(default_factory=list)
    endorsers: list[Endorser] = Field(default_factory=list)
    alignments: list[Alignment] = Field(default_factory=list)
    evidenced_by: list[str] = Field(default_factory=list)
    """Ids of the awards that evidence the skill."""
    derived_from: str | None = None
    """``alignment`` or ``achievement`` when the skill was lifted from an award's
    alignment or competency achievement; the award still holds it, so writers of the
    award's format do not report it as lost."""
    verifications: list[Verification] = Field(default_factory=list)
    verified_only: bool = Field(default=False, json_schema_extra={"lerbridge_internal": True})
    ctid: str | None = None
    text: LangMap | None = None
    """The full statement of a framework competency (CTDL-ASN competencyText)."""
    children: list[str] = Field(default_factory=list)
    """Ids of the competencies under this one, in framework order."""
    languages: list[str] = Field(default_factory=list)
    framework_name: LangMap | None = None
    """The name of ``framework`` when a framework given to resolve alignments names it
    (see docs/case.md)."""


class NarrativeSection(Node):
    name: str | None = None
    lines: list[str] = Field(default_factory=list)


class Narrative(Node):
    """A free-text part of a résumé: objective, summary, cover letter..."""

    name: str
    sections: list[NarrativeSection] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)


class Attachment(Node):
    """A file that comes with the record: inline content (base64) or a URL."""

    id: str | None = None
    descriptions: list[str] = Field(default_factory=list)
    url: str | None = None
    content: str | None = None
    encoding: str | None = None
    media_type: str | None = None
    filename: str | None = None
