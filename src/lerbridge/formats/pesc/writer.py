"""PESC College Transcript out: each award goes to the mapping object its achievement's
type calls for (a course, a GPA summary, or an academic award), the syntax layer nests
them back into records and sessions, required TransmissionData the record lacks gets the
documented defaults (reported), and the result must pass the official XSDs."""

from __future__ import annotations

import re
from typing import Any

from ...mapping.engine import WriteContext, mint_id, write_object
from ...model import LearnerRecord, gpa_values
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import lookups, mapping_for, write_root
from ..xsdtree import serialize
from . import tree as xml
from .tree import FORMAT

#: Where each award goes, by its achievement's type (``None``: no achievement).
COURSE, SUMMARY, AWARD = "#courses", "#summaries", "#awards"
OBJECTS = {COURSE: "CourseAward", SUMMARY: "SummaryAward", AWARD: "DegreeAward"}

#: TransmissionData the record cannot give, written with these documented defaults.
DEFAULTS: dict[str, Any] = {
    "CreatedDateTime": "1970-01-01T00:00:00Z",
    "DocumentTypeCode": "StudentRequest",
    "TransmissionType": "Original",
    "Destination": {"Organization": {"OrganizationName": ["Unknown organization"]}},
    "Source": {"Organization": {"OrganizationName": ["Unknown organization"]}},
}


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    lookup = lookups(record)
    mapped = LossReport()
    ctx = WriteContext(mapping, mapped, lookup, opts.language)
    native = write_root(mapping, record, "", ctx)
    gpa_awards = {id(a) for a, _ in gpa_values(record)}
    for i, award in enumerate(record.awards):
        ach = record.achievement(award.achievement_id)
        kind = ach.achievement_type if ach else None
        key = (
            COURSE
            if kind == "Course"
            else SUMMARY
            if kind == "AcademicSummary" or id(award) in gpa_awards
            else AWARD
        )
        spec = mapping.objects[OBJECTS[key]]
        native.setdefault(key, []).append(write_object(spec, award, f"awards[{i}]", ctx))
    report.extend(mapped)
    _transmission(native, record, report)
    elem = xml.encode(native, report)
    encoding = "UTF-16" if opts.pesc_utf16 else "UTF-8"
    return [Document(serialize(elem, encoding), _name(record), "application/xml")]


def _transmission(native: dict[str, Any], record: LearnerRecord, report: LossReport) -> None:
    data = native.setdefault("TransmissionData", {})
    if not data.get("DocumentID"):
        # the record's content without defaults (mint_id), so an optional model field
        # added later does not change the ids of records that leave it empty
        content = record.model_dump(mode="json", exclude_defaults=True, exclude={"provenance"})
        data["DocumentID"] = mint_id("pesc:DocumentID", content).rsplit(":", 1)[1].replace("-", "")
        _made(report, "DocumentID", "made deterministically from the record", data["DocumentID"])
    for key, value in DEFAULTS.items():
        if not data.get(key):
            data[key] = value
            shown = value if isinstance(value, str) else None
            _made(report, key, "the record gives none; the documented default written", shown)


def _made(report: LossReport, key: str, why: str, value: Any) -> None:
    report.add(
        "value-synthesized",
        f"PESC requires TransmissionData/{key}: {why}",
        source_path=f"/CollegeTranscript/TransmissionData/{key}",
        target_format=FORMAT,
        value=value,
    )


def _name(record: LearnerRecord) -> str:
    ident = (
        record.envelope.identifiers[0].value
        if record.envelope and record.envelope.identifiers
        else ""
    )
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", ident).strip("-.")[-40:]
    return f"{tail or 'transcript'}.xml"
