"""LER-RS <-> HR-XML 2.5 Resume through the canonical model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lerrs_util import SAMPLES, UC008, VCWRAPPER, hrxml, v2
from lxml import etree

from lerbridge import api
from lerbridge.specs.hropen_json import validate_lerrs
from lerbridge.specs.hropen_xml import is_valid_resume, validate_resume
from lerbridge.xmlsafe import parse_xml

NS = {"h": "http://ns.hr-xml.org/2007-04-15"}

EXPECTED = {
    UC008: {
        "name": "Jennifer Jones",
        "email": "jennifer.jones@example.com",
        "phone": "+1 555-555-1212",
        "employer": "ABC Company",
        "title": "Marketing Manager",
        "start": "2022-10-01",
        "school": "University of Phoenix",
        "degree": "Bachelor of Arts",
        "cert": "Digital Marketing Certificate",
    },
    VCWRAPPER: {
        "name": "Gunilla Klein",
        "email": "gunilla.klein@example.com",
        "phone": "+49 2032220202",
        "employer": "AllSoftware",
        "title": "Corporate Project Manager",
        "start": "2012-10-01",
        "school": "University of California, Berkeley",
        "degree": "Bachelor of Commerce",
        "cert": "Product Management Certificate",
    },
}


def _text(tree: etree._ElementTree, xpath: str) -> list[str]:
    return [(e.text or "").strip() for e in tree.xpath(xpath, namespaces=NS)]


@pytest.mark.parametrize("name", SAMPLES)
def test_lerrs_to_hrxml(shared_dir: Path, name: str) -> None:
    res = api.convert(v2(shared_dir, name), to="hrxml")
    tree = parse_xml(res.documents[0].data, "out.xml")
    assert is_valid_resume(tree)
    want = EXPECTED[name]
    base = "/h:Resume/h:StructuredXMLResume"
    assert _text(tree, f"{base}/h:ContactInfo/h:PersonName/h:FormattedName") == [want["name"]]
    assert want["email"] in _text(tree, f"{base}//h:InternetEmailAddress")
    assert want["phone"] in _text(tree, f"{base}//h:FormattedNumber")
    job = f"{base}/h:EmploymentHistory/h:EmployerOrg"
    assert _text(tree, f"{job}/h:EmployerOrgName") == [want["employer"]]
    assert _text(tree, f"{job}/h:PositionHistory/h:Title") == [want["title"]]
    assert want["start"] in _text(tree, f"{job}/h:PositionHistory/h:StartDate/*")
    edu = f"{base}/h:EducationHistory/h:SchoolOrInstitution"
    assert want["school"] in _text(tree, f"{edu}/h:School/h:SchoolName")
    assert want["degree"] in _text(tree, f"{edu}/h:Degree/h:DegreeName")
    cert = f"{base}/h:LicensesAndCertifications/h:LicenseOrCertification/h:Name"
    assert want["cert"] in _text(tree, cert)


def test_uc008_to_hrxml_lists_the_certification_once(shared_dir: Path) -> None:
    res = api.convert(v2(shared_dir, UC008), to="hrxml")
    tree = parse_xml(res.documents[0].data, "out.xml")
    names = _text(tree, "//h:LicensesAndCertifications/h:LicenseOrCertification/h:Name")
    assert names == ["Digital Marketing Certificate"]


def _hrxml_example(shared_dir: Path) -> Path:
    return hrxml(shared_dir, "ResumeExample.xml")


def test_hrxml_to_lerrs(shared_dir: Path) -> None:
    res = api.convert(_hrxml_example(shared_dir), to="lerrs")
    out = json.loads(res.documents[0].data)
    assert validate_lerrs(out, accept_45_type=True) == []
    assert "credentialSubject" not in out
    assert out["documentId"] == {"value": "JA2284"}
    assert out["person"]["name"]["formattedName"] == "John A. Example"
    comm = out["communication"]
    assert [e["address"] for e in comm["email"]] == ["jaexample@cc.gatech.edu"]
    assert [p["formattedNumber"] for p in comm["phone"]] == ["+1 404 122 1234 "]
    assert [w["url"] for w in comm["web"]] == ["http://www.cc.gatech.edu/~jaexample/"]
    assert (comm["address"][0]["city"], comm["address"][0]["countryCode"]) == ("Atlanta", "US")
    [job] = out["employmentHistories"]
    assert job["organization"]["name"] == "IBM"
    [pos] = job["positionHistories"]
    assert (pos["start"], pos["end"]) == ("1998-06", "1998-08")
    assert pos["organization"]["name"] == "T.J. Watson Research Center"
    [edu] = out["educationAndLearnings"]
    assert edu["institution"]["name"] == "Georgia Institute of Technology"
    [deg] = edu["educationDegrees"]
    assert (deg["name"], deg["date"]) == ("Ph.D.", "2002-12")
    [cert] = out["certifications"]
    assert cert["name"] == "Microsoft Certified Systems Engineer"
    assert cert["issuingAuthority"]["name"] == "Microsoft"
    assert cert["effectiveTimePeriod"] == {"validFrom": "2002-01-01", "validTo": "2003-01-01"}
    assert [s["name"] for s in out["skills"]] == [
        "Communication Skills",
        "Written Communication Skills",
    ]
    assert pos["resourceRelationshipCode"] == "Internship"  # HR-XML positionType internship


def test_hrxml_to_lerrs_to_hrxml(shared_dir: Path) -> None:
    src = _hrxml_example(shared_dir)
    first, _ = api.read(src)
    lerrs = api.convert(src, to="lerrs").documents[0].data
    back = api.convert(lerrs, to="hrxml", from_="lerrs")
    tree = parse_xml(back.documents[0].data, "back.xml")
    assert validate_resume(tree) == []
    again, _ = api.read(back.documents[0].data, format="hrxml")
    assert first.person is not None and again.person is not None
    assert again.person.name == first.person.name
    for field in ("emails", "phones", "urls"):
        assert [c.value for c in getattr(again.person, field)] == [
            c.value for c in getattr(first.person, field)
        ]
    [job1], [job2] = first.employment, again.employment
    assert job2.employer is not None and job1.employer is not None
    assert job2.employer.name == job1.employer.name
    assert [(p.start, p.end, p.unit.name if p.unit else None) for p in job2.positions] == [
        (p.start, p.end, p.unit.name if p.unit else None) for p in job1.positions
    ]
    assert [e.institution.name for e in again.education if e.institution] == [
        e.institution.name for e in first.education if e.institution
    ]
    assert [(d.name, d.date) for d in again.education[0].degrees] == [
        (d.name, d.date) for d in first.education[0].degrees
    ]
    assert [(a.name, a.valid_from, a.valid_until) for a in again.awards] == [
        (a.name, a.valid_from, a.valid_until) for a in first.awards
    ]


def test_hrxml_to_lerrs_deterministic(shared_dir: Path) -> None:
    a = api.convert(_hrxml_example(shared_dir), to="lerrs").documents[0].data
    b = api.convert(_hrxml_example(shared_dir), to="lerrs").documents[0].data
    assert a == b
