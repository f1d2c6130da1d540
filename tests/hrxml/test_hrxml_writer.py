"""HR-XML 2.5 Resume writing: round trips of the upstream examples, a record built in
Python, strict validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lerbridge.errors import WriteError
from lerbridge.formats.base import Input, ReadOptions, WriteOptions
from lerbridge.formats.hrxml import FORMAT
from lerbridge.formats.hrxml.tree import NAMESPACES
from lerbridge.model import (
    Achievement,
    Address,
    Award,
    Degree,
    EducationAttendance,
    Employment,
    LearnerRecord,
    Person,
    PersonName,
    Position,
    Profile,
    Score,
)
from lerbridge.report import LossReport
from lerbridge.specs.hropen_xml import is_valid_resume, resume_schema
from lerbridge.xmlsafe import parse_xml

UPSTREAM = ("fixtures-upstream", "hropen", "hr-xml-2.5")


def _normal(data: bytes) -> Any:
    tree = parse_xml(data, "x.xml")
    out, errors = resume_schema().to_dict(
        tree,
        validation="lax",
        namespaces=NAMESPACES,
        use_location_hints=False,
        xmlns_processing="none",
        keep_empty=True,
    )
    assert not errors
    return out


def _write(rec: LearnerRecord) -> tuple[bytes, LossReport]:
    report = LossReport()
    assert FORMAT.writer is not None
    docs = FORMAT.writer(rec, WriteOptions(), report)
    assert len(docs) == 1 and docs[0].media_type == "application/xml"
    assert docs[0].name.endswith(".xml")
    return docs[0].data, report


@pytest.mark.parametrize("name", ["ResumeExample.xml", "ResumeAdditionalItemExample.xml"])
def test_round_trip(shared_dir: Path, name: str) -> None:
    data = shared_dir.joinpath(*UPSTREAM, name).read_bytes()
    assert FORMAT.reader is not None
    rec = FORMAT.reader(Input(data, name), ReadOptions(), LossReport())[0]
    out, report = _write(rec)
    assert out.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert is_valid_resume(parse_xml(out, "out.xml"))
    assert _normal(out) == _normal(data)
    assert not [e for e in report.entries if e.code == "no-target-field"]


def _record() -> LearnerRecord:
    cert = Achievement(
        id="urn:x:cert", name={"und": "AWS Solutions Architect"}, achievement_type="Certification"
    )
    lic = Achievement(id="urn:x:lic", name={"und": "Nursing"}, achievement_type="License")
    course = Achievement(id="urn:x:course", name={"und": "Algebra"}, achievement_type="Course")
    return LearnerRecord(
        person=Person(
            name=PersonName(given="Ada", family="Lovelace", formatted="Ada Lovelace"),
            emails=["ada@example.org"],
            phones=["+44 20 7946 0000"],
            addresses=[Address(country_code="GB", locality="London", postal_code="N1")],
        ),
        employment=[
            Employment(
                employer=Profile(name={"und": "Analytical Engines Ltd"}),
                positions=[
                    Position(
                        title={"und": "Programmer"},
                        descriptions=["Wrote the first program."],
                        start="1842",
                        end="1843-07",
                    )
                ],
            )
        ],
        education=[
            EducationAttendance(
                institution=Profile(name={"und": "University of London"}),
                degrees=[
                    Degree(
                        name={"und": "B.Sc."},
                        date="1840-06-01",
                        scores=[Score(value="3.9", code="GPA")],
                    )
                ],
            )
        ],
        achievements=[cert, lic, course],
        awards=[
            Award(achievement_id=cert.id, valid_from="2020-01-01", license_number="C-1"),
            Award(achievement_id=lic.id, issuer=Profile(name={"und": "NMC"})),
            Award(achievement_id=course.id),
        ],
    )


def test_python_record() -> None:
    out, report = _write(_record())
    assert is_valid_resume(parse_xml(out, "out.xml"))
    again, _ = _write(_record())
    assert again == out
    lost = [e for e in report.entries if e.code == "no-target-field"]
    assert any(e.canonical_path == "awards[2]" for e in lost)
    doc = _normal(out)["StructuredXMLResume"]
    certs = doc["LicensesAndCertifications"]["LicenseOrCertification"]
    assert [c["Name"] for c in certs] == ["AWS Solutions Architect", "Nursing"]
    assert certs[0]["EffectiveDate"]["ValidFrom"] == {"AnyDate": "2020-01-01"}
    pos = doc["EmploymentHistory"]["EmployerOrg"][0]["PositionHistory"][0]
    assert pos["StartDate"] == {"Year": "1842"} and pos["EndDate"] == {"YearMonth": "1843-07"}
    measure = doc["EducationHistory"]["SchoolOrInstitution"][0]["Degree"][0]["DegreeMeasure"]
    assert measure["EducationalMeasure"]["MeasureValue"]["NumericValue"] == 3.9
    assert FORMAT.reader is not None
    back = FORMAT.reader(Input(out, "out.xml"), ReadOptions(), LossReport())[0]
    assert back.person is not None and back.person.name is not None
    assert back.person.name.family == "Lovelace"
    assert back.education[0].degrees[0].scores[0].value == 3.9


def test_invalid_output_is_an_error() -> None:
    rec = LearnerRecord(
        employment=[Employment(positions=[Position(title={"und": "No employer name"})])]
    )
    with pytest.raises(WriteError):
        _write(rec)
