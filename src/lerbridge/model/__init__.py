"""The canonical model every format maps to and from (see docs in README: "Canonical model")."""

from __future__ import annotations

from typing import Any

from .achievement import (
    Achievement,
    Alignment,
    Criteria,
    Related,
    Requirement,
    ResultDescription,
    RubricLevel,
)
from .award import Award, Recipient, Result
from .base import (
    MODEL_VERSION,
    UND,
    FlexDate,
    LangMap,
    Node,
    Number,
    RawFragment,
    date_has_timezone,
    date_precision,
    is_flex_date,
    pick_text,
)
from .career import (
    Attachment,
    Degree,
    EducationAttendance,
    Employment,
    Endorser,
    Narrative,
    NarrativeSection,
    Position,
    Score,
    Skill,
    Specialization,
    Verification,
)
from .credential import CredentialFacts, Endorsement, Evidence, Proof, StatusInfo
from .framework import CompetencyFramework
from .people import (
    Address,
    ContactPoint,
    GeoCoordinates,
    Identifier,
    Image,
    Person,
    PersonName,
    Profile,
)
from .record import Association, Envelope, LearnerRecord, Provenance
from .transcript import CourseRow, course_awards, gpa_values, grade_of, result_type

# Profile's forward reference to Endorsement (another module) is resolved here, once. The
# other classes are built on first use (``Node``: ``defer_build=True``; pydantic >= 2.14
# builds a deferred model under a lock, so a first use from several threads is safe,
# tests/perf/test_cold_threads.py): ``import lerbridge.model`` no longer builds every
# validator, most of a cold start, and a conversion builds only the classes it touches.
Profile.model_rebuild(_types_namespace={"Endorsement": Endorsement})


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the canonical JSON form, generated from the model."""
    schema = LearnerRecord.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://lerbridge.dev/schema/canonical-{MODEL_VERSION}.json"
    return schema


__all__ = [
    "MODEL_VERSION",
    "UND",
    "Achievement",
    "Address",
    "Alignment",
    "Association",
    "Attachment",
    "Award",
    "CompetencyFramework",
    "ContactPoint",
    "CourseRow",
    "CredentialFacts",
    "Criteria",
    "Degree",
    "EducationAttendance",
    "Employment",
    "Endorsement",
    "Endorser",
    "Envelope",
    "Evidence",
    "FlexDate",
    "GeoCoordinates",
    "Identifier",
    "Image",
    "LangMap",
    "LearnerRecord",
    "Narrative",
    "NarrativeSection",
    "Node",
    "Number",
    "Person",
    "PersonName",
    "Position",
    "Profile",
    "Proof",
    "Provenance",
    "RawFragment",
    "Recipient",
    "Related",
    "Requirement",
    "Result",
    "ResultDescription",
    "RubricLevel",
    "Score",
    "Skill",
    "Specialization",
    "StatusInfo",
    "Verification",
    "course_awards",
    "date_has_timezone",
    "date_precision",
    "gpa_values",
    "grade_of",
    "is_flex_date",
    "json_schema",
    "pick_text",
    "result_type",
]
