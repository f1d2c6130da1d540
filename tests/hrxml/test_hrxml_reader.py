"""HR-XML 2.5 Resume reading: the upstream examples, bad input, detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from lerbridge.errors import ReadError
from lerbridge.formats.base import Input, ReadOptions
from lerbridge.formats.hrxml import FORMAT, detect
from lerbridge.model import LearnerRecord
from lerbridge.report import LossReport

UPSTREAM = ("fixtures-upstream", "hropen", "hr-xml-2.5")


def _read(path: Path) -> tuple[LearnerRecord, LossReport]:
    report = LossReport()
    assert FORMAT.reader is not None
    records = FORMAT.reader(Input(path.read_bytes(), path.name), ReadOptions(), report)
    assert len(records) == 1
    return records[0], report


def _upstream(shared_dir: Path, name: str) -> Path:
    return shared_dir.joinpath(*UPSTREAM, name)


def test_resume_example(shared_dir: Path) -> None:
    rec, report = _read(_upstream(shared_dir, "ResumeExample.xml"))
    assert rec.provenance is not None and rec.provenance.format == "hrxml"
    assert rec.envelope is not None and rec.envelope.identifiers[0].value == "JA2284"
    person = rec.person
    assert person is not None and person.name is not None
    assert person.name.formatted == "John A. Example"
    assert [p.value for p in person.phones] == ["+1 404 122 1234 "]
    assert [p.value for p in person.faxes] == ["+1 404 123 1234"]
    assert [p.value for p in person.emails] == ["jaexample@cc.gatech.edu"]
    assert [p.value for p in person.urls] == ["http://www.cc.gatech.edu/~jaexample/"]
    addr = person.addresses[0]
    assert (addr.country_code, addr.postal_code, addr.region, addr.locality) == (
        "US",
        "12345-1234",
        "GA",
        "Atlanta",
    )
    job = rec.employment[0]
    assert job.employer is not None and job.employer.name == {"und": "IBM"}
    pos = job.positions[0]
    assert (pos.start, pos.end, pos.relationship) == ("1998-06", "1998-08", "Internship")
    assert pos.unit is not None and pos.unit.name == {"und": "T.J. Watson Research Center"}
    edu = rec.education[0]
    assert edu.institution is not None
    assert edu.institution.name == {"und": "Georgia Institute of Technology"}
    deg = edu.degrees[0]
    assert deg.name == {"und": "Ph.D."} and deg.date == "2002-12"
    assert deg.degree_type == "doctorate"
    specs = {(s.type, (s.name or {}).get("und")) for s in deg.specializations}
    assert specs == {("major", "Computer Science"), ("minor", "History, Technology, and Society")}
    assert deg.comments == ["Dissertation advisor: Amy Breck"]
    cert = rec.awards[0]
    assert cert.name == {"und": "Microsoft Certified Systems Engineer"}
    assert cert.issuer is not None and cert.issuer.name == {"und": "Microsoft"}
    assert (cert.valid_from, cert.valid_until) == ("2002-01-01", "2003-01-01")
    ach = {a.id: a for a in rec.achievements}[cert.achievement_id or ""]
    assert ach.achievement_type == "Certification"
    top = [s for s in rec.skills if s.parent_id is None]
    assert [(s.name or {}).get("und") for s in top] == ["Communication Skills"]
    child = [s for s in rec.skills if s.parent_id == top[0].id]
    assert [(s.name or {}).get("und") for s in child] == ["Written Communication Skills"]
    names = {n.name: n.sections[0].lines[0] for n in rec.narratives}
    assert set(names) == {"ExecutiveSummary", "Objective"}
    kept = rec.extensions["hrxml"]
    assert "StructuredXMLResume/PublicationHistory" in kept
    unmapped = {e.source_path for e in report.entries if e.code == "unmapped-source-field"}
    assert "/StructuredXMLResume/ResumeAdditionalItems" in unmapped
    assert "/StructuredXMLResume/PatentHistory" in unmapped


def test_additional_items_example(shared_dir: Path) -> None:
    rec, report = _read(_upstream(shared_dir, "ResumeAdditionalItemExample.xml"))
    kept = rec.extensions["hrxml"]["StructuredXMLResume"]
    items = kept["ResumeAdditionalItems"]
    assert [i["@type"] for i in items["ResumeAdditionalItem"]] == [
        "Personal",
        "Volunteer",
        "Hobbies",
    ]
    assert any(
        e.code == "unmapped-source-field" and e.source_path == "/StructuredXMLResume"
        for e in report.entries
    )


def test_detect() -> None:
    ok = b'<?xml version="1.0"?>\n<!-- x --><Resume xmlns="http://ns.hr-xml.org/2007-04-15"/>'
    assert detect(Input(ok, "a.xml")) == 1.0
    tricked = b'<!-- <Resume xmlns="http://ns.hr-xml.org/2007-04-15"> --><Other/>'
    assert detect(Input(tricked, "b.xml")) == 0.0
    assert detect(Input(b'{"a": 1}', "c.json")) == 0.0
    other = b'<Resume xmlns="urn:other"><x xmlns="http://ns.hr-xml.org/2007-04-15"/></Resume>'
    assert detect(Input(other, "d.xml")) == 0.0


def test_not_hrxml_root() -> None:
    with pytest.raises(ReadError) as info:
        assert FORMAT.reader is not None
        FORMAT.reader(Input(b"<Foo/>", "foo.xml"), ReadOptions(), LossReport())
    assert "foo.xml" in str(info.value) and "Resume" in str(info.value)


def test_malformed() -> None:
    bad = b'<Resume xmlns="http://ns.hr-xml.org/2007-04-15">\n<ResumeId>\n</Resume>'
    with pytest.raises(ReadError) as info:
        assert FORMAT.reader is not None
        FORMAT.reader(Input(bad, "bad.xml"), ReadOptions(), LossReport())
    text = str(info.value)
    assert "bad.xml" in text and "line" in text and "Traceback" not in text


def test_non_iso_string_date_kept() -> None:
    doc = (
        b'<Resume xmlns="http://ns.hr-xml.org/2007-04-15"><StructuredXMLResume>'
        b"<EmploymentHistory><EmployerOrg><EmployerOrgName>X</EmployerOrgName>"
        b"<PositionHistory><OrgName><OrganizationName>Y</OrganizationName></OrgName>"
        b"<Description>d</Description><StartDate><StringDate>2001-2002</StringDate>"
        b"</StartDate></PositionHistory></EmployerOrg></EmploymentHistory>"
        b"</StructuredXMLResume></Resume>"
    )
    report = LossReport()
    assert FORMAT.reader is not None
    rec = FORMAT.reader(Input(doc, "s.xml"), ReadOptions(), report)[0]
    pos = rec.employment[0].positions[0]
    assert pos.start is None
    assert pos.extensions["hrxml"]["StartDate"] == {"StringDate": "2001-2002"}
