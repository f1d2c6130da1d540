"""HR-XML 2.5 fields beyond the upstream examples, on small inline documents: phone numbers
in parts, pagers, DatesOfAttendance, the school's domain, name affixes and prefixes, a GPA
on a degree, and trade names written as names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lerbridge.formats.base import Input, ReadOptions, WriteOptions
from lerbridge.formats.hrxml import FORMAT
from lerbridge.formats.hrxml.tree import NAMESPACES
from lerbridge.model import (
    Achievement,
    Award,
    ContactPoint,
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
HEAD = '<Resume xmlns="http://ns.hr-xml.org/2007-04-15"><StructuredXMLResume>'
TAIL = "</StructuredXMLResume></Resume>"


def _doc(body: str) -> bytes:
    return (HEAD + body + TAIL).encode()


def _read(data: bytes) -> tuple[LearnerRecord, LossReport]:
    report = LossReport()
    assert FORMAT.reader is not None
    records = FORMAT.reader(Input(data, "in.xml"), ReadOptions(), report)
    assert len(records) == 1
    return records[0], report


def _write(rec: LearnerRecord) -> tuple[bytes, LossReport]:
    report = LossReport()
    assert FORMAT.writer is not None
    out = FORMAT.writer(rec, WriteOptions(), report)[0].data
    assert is_valid_resume(parse_xml(out, "out.xml"))
    return out, report


def _normal(data: bytes) -> Any:
    out, errors = resume_schema().to_dict(
        parse_xml(data, "x.xml"),
        validation="lax",
        namespaces=NAMESPACES,
        use_location_hints=False,
        xmlns_processing="none",
        keep_empty=True,
    )
    assert not errors
    return out


def _tags(data: bytes, path: str) -> list[tuple[str, str]]:
    """(local name, text or type attribute) of the children of the element at path."""
    root = parse_xml(data, "x.xml").getroot()
    found = root.find(path, {"h": NAMESPACES[""]})
    assert found is not None
    return [
        (str(c.tag).split("}")[1], (c.get("type") or c.findtext("*") or c.text or "").strip())
        for c in found
    ]


def _round_trips(data: bytes) -> tuple[LearnerRecord, LossReport, bytes]:
    assert is_valid_resume(parse_xml(data, "in.xml"))
    rec, report = _read(data)
    out, wreport = _write(rec)
    assert _normal(out) == _normal(data)
    assert not [e for e in wreport.entries if e.code == "no-target-field"]
    return rec, report, out


PHONES = _doc(
    "<ContactInfo><PersonName><FormattedName>A B</FormattedName></PersonName>"
    "<ContactMethod><Use>business</Use><Telephone>"
    "<InternationalCountryCode>1</InternationalCountryCode><AreaCityCode>404</AreaCityCode>"
    "<SubscriberNumber>1221234</SubscriberNumber><Extension>12</Extension></Telephone>"
    "<Pager><SubscriberNumber>5550100</SubscriberNumber></Pager></ContactMethod>"
    '<ContactMethod><Mobile smsEnabled="true"><InternationalCountryCode>44'
    "</InternationalCountryCode><NationalNumber>7700</NationalNumber>"
    "<SubscriberNumber>900123</SubscriberNumber></Mobile>"
    "<Fax><FormattedNumber>+1 404 555 0000</FormattedNumber></Fax></ContactMethod>"
    "</ContactInfo>"
)


def test_phone_parts_read_composed_and_round_trip() -> None:
    rec, report, _ = _round_trips(PHONES)
    assert rec.person is not None
    phones = [(p.value, p.label, p.use) for p in rec.person.phones]
    assert phones == [
        ("+1 404 1221234 x12", None, "business"),
        ("+44 7700 900123", "mobile", None),
        ("5550100", "pager", "business"),
    ]
    assert [p.value for p in rec.person.faxes] == ["+1 404 555 0000"]
    assert rec.person.phones[0].extensions["hrxml"]["Telephone/#parts"]["Extension"] == "12"
    made = {e.excerpt for e in report.entries if e.code == "value-synthesized"}
    assert {"+1 404 1221234 x12", "+44 7700 900123", "5550100"} <= made


def test_phone_parts_dropped_when_the_value_changed() -> None:
    rec, _ = _read(PHONES)
    assert rec.person is not None
    phones = list(rec.person.phones)
    phones[0] = phones[0].model_copy(update={"value": "+1 404 999 9999"})
    person = rec.person.model_copy(update={"phones": phones})
    out, _ = _write(rec.model_copy(update={"person": person}))
    methods = _normal(out)["StructuredXMLResume"]["ContactInfo"]["ContactMethod"]
    assert methods[0]["Telephone"] == {"FormattedNumber": "+1 404 999 9999"}
    assert methods[0]["Pager"] == {"SubscriberNumber": "5550100"}


def test_pager_written_from_a_labelled_phone() -> None:
    rec = LearnerRecord(
        person=Person(
            name=PersonName(formatted="A B"),
            phones=[ContactPoint(value="555 0100", label="pager"), ContactPoint(value="1")],
        )
    )
    out, report = _write(rec)
    methods = _normal(out)["StructuredXMLResume"]["ContactInfo"]["ContactMethod"]
    assert methods[0]["Telephone"] == {"FormattedNumber": "1"}
    assert methods[0]["Pager"] == {"FormattedNumber": "555 0100"}
    assert not [e for e in report.entries if e.code == "no-target-field"]


def _school(dates: str, extra: str = "") -> bytes:
    return _doc(
        '<EducationHistory><SchoolOrInstitution schoolType="university"><School>'
        f"{extra}<SchoolName>Georgia Tech</SchoolName></School>{dates}"
        "</SchoolOrInstitution></EducationHistory>"
    )


def test_dates_of_attendance_first_pair_and_the_rest_kept() -> None:
    data = _school(
        '<DatesOfAttendance currentlyEnrolled="false">'
        "<StartDate><YearMonth>1996-09</YearMonth></StartDate>"
        "<EndDate><YearMonth>1998-06</YearMonth></EndDate>"
        "<StartDate><Year>1999</Year></StartDate>"
        "<StartDate><AnyDate>2001-01-15</AnyDate></StartDate>"
        "<EndDate><Year>2002</Year></EndDate></DatesOfAttendance>"
    )
    rec, _, out = _round_trips(data)
    edu = rec.education[0]
    assert (edu.start, edu.end, edu.current) == ("1996-09", "1998-06", False)
    more = edu.extensions["hrxml"]["DatesOfAttendance/#more"]
    assert more == [
        {"StartDate": {"Year": "1999"}},
        {"StartDate": {"AnyDate": "2001-01-15"}, "EndDate": {"Year": "2002"}},
    ]
    path = "h:StructuredXMLResume/h:EducationHistory/h:SchoolOrInstitution/h:DatesOfAttendance"
    assert _tags(out, path) == [
        ("StartDate", "1996-09"),
        ("EndDate", "1998-06"),
        ("StartDate", "1999"),
        ("StartDate", "2001-01-15"),
        ("EndDate", "2002"),
    ]


def test_dates_of_attendance_start_only() -> None:
    data = _school(
        "<DatesOfAttendance><StartDate><Year>2020</Year></StartDate></DatesOfAttendance>"
    )
    rec, _, _ = _round_trips(data)
    assert (rec.education[0].start, rec.education[0].end) == ("2020", None)


def test_dates_of_attendance_written_from_canonical() -> None:
    school = Profile(name={"und": "MIT"})
    rec = LearnerRecord(
        education=[
            EducationAttendance(institution=school, start="2001-09", end="2005-06-01"),
            EducationAttendance(institution=school, end="2010"),
        ]
    )
    out, report = _write(rec)
    schools = _normal(out)["StructuredXMLResume"]["EducationHistory"]["SchoolOrInstitution"]
    assert schools[0]["DatesOfAttendance"] == {
        "StartDate": [{"YearMonth": "2001-09"}],
        "EndDate": [{"AnyDate": "2005-06-01"}],
    }
    assert schools[1]["DatesOfAttendance"]["StartDate"] == [{"AnyDate": "notKnown"}]
    assert any(
        e.code == "value-synthesized" and e.canonical_path == "education[1].start"
        for e in report.entries
    )


def test_school_domain_is_the_institution_url() -> None:
    data = _school("", "<InternetDomainName>gatech.edu</InternetDomainName>")
    rec, _, _ = _round_trips(data)
    assert rec.education[0].institution is not None
    assert rec.education[0].institution.url == "gatech.edu"
    rec = LearnerRecord(
        education=[EducationAttendance(institution=Profile(name={"und": "X"}, url="x.edu"))]
    )
    out, _ = _write(rec)
    school = _normal(out)["StructuredXMLResume"]["EducationHistory"]["SchoolOrInstitution"][0]
    assert school["School"][0]["InternetDomainName"] == ["x.edu"]


def test_school_domain_upstream(shared_dir: Path) -> None:
    rec, _ = _read(shared_dir.joinpath(*UPSTREAM, "ResumeExample.xml").read_bytes())
    assert rec.education[0].institution is not None
    assert rec.education[0].institution.url == "www.gatech.edu"


def _name(parts: str) -> bytes:
    return _doc(f"<ContactInfo><PersonName>{parts}</PersonName></ContactInfo>")


NAME_PATH = "h:StructuredXMLResume/h:ContactInfo/h:PersonName"


def test_affixes_and_family_prefix() -> None:
    data = _name(
        "<FormattedName>Dr. Jan van Dijk Jr.</FormattedName><GivenName>Jan</GivenName>"
        '<FamilyName prefix="van">Dijk</FamilyName><Affix type="formOfAddress">Dr.</Affix>'
        '<Affix type="qualification">PhD</Affix><Affix type="generation">Jr.</Affix>'
        '<Affix type="aristocraticTitle">Baron</Affix>'
    )
    rec, _, out = _round_trips(data)
    assert rec.person is not None and rec.person.name is not None
    name = rec.person.name
    assert (name.prefix, name.suffix, name.family, name.family_prefix) == (
        "Dr.",
        "Jr.",
        "Dijk",
        "van",
    )
    kept = name.extensions["hrxml"]
    assert kept["Affix/qualification"] == ["PhD"]
    assert kept["Affix/aristocraticTitle"] == ["Baron"]
    assert [t for t in _tags(out, NAME_PATH) if t[0] == "Affix"] == [
        ("Affix", "formOfAddress"),
        ("Affix", "qualification"),
        ("Affix", "generation"),
        ("Affix", "aristocraticTitle"),
    ]


def test_qualification_is_the_suffix_without_a_generation() -> None:
    data = _name('<FamilyName>Curie</FamilyName><Affix type="qualification">PhD</Affix>')
    rec, _, out = _round_trips(data)
    assert rec.person is not None and rec.person.name is not None
    assert rec.person.name.suffix == "PhD"
    assert _tags(out, NAME_PATH)[-1] == ("Affix", "qualification")


def test_name_parts_written_in_schema_order() -> None:
    name = PersonName(given="Ada", family="Byron", family_prefix="de", prefix="Lady", suffix="II")
    out, report = _write(LearnerRecord(person=Person(name=name)))
    assert _tags(out, NAME_PATH) == [
        ("GivenName", "Ada"),
        ("FamilyName", "Byron"),
        ("Affix", "formOfAddress"),
        ("Affix", "generation"),
    ]
    person_name = _normal(out)["StructuredXMLResume"]["ContactInfo"]["PersonName"]
    assert person_name["FamilyName"] == [{"@prefix": "de", "$": "Byron"}]
    assert not [e for e in report.entries if e.code == "no-target-field"]
    back, _ = _read(out)
    assert back.person is not None and back.person.name == name


def test_family_prefix_without_family_name_reported() -> None:
    _, report = _write(LearnerRecord(person=Person(name=PersonName(family_prefix="van"))))
    assert any(
        e.code == "no-target-field" and e.canonical_path == "person.name.family_prefix"
        for e in report.entries
    )


def test_degree_gpa() -> None:
    data = _school(
        "<DatesOfAttendance><StartDate><Year>2001</Year></StartDate></DatesOfAttendance>"
    ).replace(
        b"</School>",
        b'</School><Degree degreeType="bachelors"><DegreeName>B.S.</DegreeName>'
        b'<DegreeMeasure measureType="GPA"><EducationalMeasure><MeasureSystem>GPA'
        b"</MeasureSystem><MeasureValue><NumericValue>3.7</NumericValue></MeasureValue>"
        b"<LowestPossibleValue><NumericValue>0.0</NumericValue></LowestPossibleValue>"
        b"<HighestPossibleValue><NumericValue>4.0</NumericValue></HighestPossibleValue>"
        b"</EducationalMeasure></DegreeMeasure></Degree>",
    )
    rec, _, _ = _round_trips(data)
    score = rec.education[0].degrees[0].scores[0]
    assert (score.value, score.code, score.numeric, score.minimum, score.maximum) == (
        3.7,
        "GPA",
        True,
        0.0,
        4.0,
    )
    rec = LearnerRecord(
        education=[
            EducationAttendance(
                institution=Profile(name={"und": "X"}),
                degrees=[Degree(name={"und": "B.A."}, scores=[Score(value=3.2, code="GPA")])],
            )
        ]
    )
    out, report = _write(rec)
    school = _normal(out)["StructuredXMLResume"]["EducationHistory"]["SchoolOrInstitution"][0]
    measure = school["Degree"][0]["DegreeMeasure"]["EducationalMeasure"]
    assert measure["MeasureSystem"] == "GPA"
    assert measure["MeasureValue"]["NumericValue"] == 3.2
    assert not [e for e in report.entries if e.code == "no-target-field"]


def _trade_record(employer: Profile, school: Profile, issuer: Profile) -> LearnerRecord:
    cert = Achievement(id="urn:x:c", name={"und": "C"}, achievement_type="Certification")
    return LearnerRecord(
        employment=[Employment(employer=employer, positions=[Position(title={"und": "T"})])],
        education=[EducationAttendance(institution=school)],
        achievements=[cert],
        awards=[Award(achievement_id=cert.id, issuer=issuer)],
    )


def _trade_losses(report: LossReport) -> set[str]:
    return {
        e.canonical_path or ""
        for e in report.entries
        if e.code == "no-target-field" and (e.canonical_path or "").endswith("trade_name")
    }


def test_trade_name_written_as_the_name_is_not_lost() -> None:
    only = Profile(trade_name={"und": "Acme"})
    out, report = _write(_trade_record(only, only, only))
    assert _trade_losses(report) == set()
    filled = {e.canonical_path for e in report.entries if e.code == "value-synthesized"}
    assert {
        "employment[0].employer.name",
        "education[0].institution.name",
        "awards[0].issuer.name",
    } <= filled
    doc = _normal(out)["StructuredXMLResume"]
    assert doc["EmploymentHistory"]["EmployerOrg"][0]["EmployerOrgName"] == "Acme"
    school = doc["EducationHistory"]["SchoolOrInstitution"][0]["School"][0]
    assert school["SchoolName"] == "Acme"


def test_trade_name_beside_a_name_is_reported() -> None:
    """Only a trade name a fallback wrote as the name is not lost; beside a name (even an
    equal one) HR-XML has no place for it."""
    only = Profile(trade_name={"und": "Acme"})
    both = Profile(name={"und": "Acme Inc."}, trade_name={"und": "Acme"})
    _, report = _write(_trade_record(only, both, both))
    assert _trade_losses(report) == {
        "education[0].institution.trade_name",
        "awards[0].issuer.trade_name",
    }


def test_through_lerrs() -> None:
    """HR-XML -> LER-RS -> HR-XML keeps the composed phone, the dates, the domain and a
    numeric GPA (LER-RS wants numbers for scores)."""
    from lerbridge.formats.registry import get

    data = _school(
        "<DatesOfAttendance><StartDate><Year>2001</Year></StartDate>"
        "<EndDate><Year>2005</Year></EndDate></DatesOfAttendance>",
        "<InternetDomainName>gatech.edu</InternetDomainName>",
    ).replace(
        b"</School>",
        b"</School><Degree><DegreeName>B.S.</DegreeName><DegreeMeasure><EducationalMeasure>"
        b"<MeasureSystem>GPA</MeasureSystem><MeasureValue><NumericValue>3.5</NumericValue>"
        b"</MeasureValue><HighestPossibleValue><NumericValue>4.0</NumericValue>"
        b"</HighestPossibleValue></EducationalMeasure></DegreeMeasure></Degree>",
    )
    lerrs = get("lerrs")
    assert lerrs.writer is not None and lerrs.reader is not None
    rec, _ = _read(data)
    doc = lerrs.writer(rec, WriteOptions(), LossReport())[0]
    back = lerrs.reader(Input(doc.data, "r.json"), ReadOptions(), LossReport())[0]
    edu = back.education[0]
    assert (edu.start, edu.end) == ("2001", "2005")
    assert edu.institution is not None and edu.institution.url == "gatech.edu"
    score = edu.degrees[0].scores[0]
    assert (score.value, score.code, score.maximum) == (3.5, "GPA", 4.0)
    out, _ = _write(back)
    school = _normal(out)["StructuredXMLResume"]["EducationHistory"]["SchoolOrInstitution"][0]
    assert school["DatesOfAttendance"]["StartDate"] == [{"Year": "2001"}]
    assert school["School"][0]["InternetDomainName"] == ["gatech.edu"]
