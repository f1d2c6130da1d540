"""PESC College Transcript: the upstream SPEEDE transcript reads with the counts its XML
holds, PESC -> PESC validates and loses nothing, the transcript triangle PESC <-> CLR <->
CSV keeps courses, grades, credits, terms and GPAs, and a transcript without
TransmissionData is reported by name."""

from __future__ import annotations

import collections
import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import lerbridge
from lerbridge import specs
from lerbridge.errors import ReadError
from lerbridge.formats.base import Input
from lerbridge.formats.registry import get as get_format
from lerbridge.model import LearnerRecord, course_awards, gpa_values, pick_text
from lerbridge.specs.pesc_xml import validate_transcript
from lerbridge.xmlsafe import parse_xml

SPEEDE = "pesc/ccctc-speede-college-transcript.utf16.xml"
CLR_FIXTURES = (
    "clr/learncard_clr2-nd-student-transcript_realworld.json",
    "clr/learncard_clr2-westbridge-full-transcript.json",
    "clr/1edtech-obspec_clr2-testvector_signed.json",
)


@pytest.fixture
def speede(upstream: Path) -> bytes:
    return (upstream / SPEEDE).read_bytes()


def _xml_counts(data: bytes) -> dict[str, int]:
    root = parse_xml(data, "x").getroot()
    count = collections.Counter(
        etree.QName(e).localname for e in root.iter() if isinstance(e.tag, str)
    )
    return count


def _items(data: bytes) -> collections.Counter[tuple[str, str]]:
    out: collections.Counter[tuple[str, str]] = collections.Counter()

    def walk(e: Any, path: str) -> None:
        p = f"{path}/{etree.QName(e).localname}"
        out[(p, (e.text or "").strip())] += 1
        for c in e:
            if isinstance(c.tag, str):
                walk(c, p)

    walk(parse_xml(data, "x").getroot(), "")
    return out


def _rows(rec: LearnerRecord) -> list[tuple[Any, ...]]:
    return sorted(
        (r.title, r.code, r.grade, float(r.credits_earned or 0), r.term) for r in course_awards(rec)
    )


def test_upstream_counts_equal_the_xml(speede: bytes) -> None:
    rec, report = lerbridge.read(speede, "pesc")
    xml = _xml_counts(speede)
    assert (xml["Course"], xml["AcademicSession"], xml["GPA"], xml["AcademicAward"]) == (
        24,
        12,
        7,
        1,
    )
    assert len(course_awards(rec)) == xml["Course"]
    assert len(gpa_values(rec)) == xml["GPA"]
    degrees = [a for a in rec.achievements if a.achievement_type == "Degree"]
    assert len(degrees) == xml["AcademicAward"]
    terms = {r.term for r in course_awards(rec)}
    assert "FALL SEMESTER 1989" in terms and "1985-09" in terms
    assert sorted(v for _, v in gpa_values(rec))[0] == "1.3076"
    first = course_awards(rec)[0]
    assert (first.title, first.code, first.grade, first.credits_earned) == (
        "BEGINNING SPANISH 1",
        "SPN 406",
        "A",
        4,
    )
    assert rec.person and rec.person.name and rec.person.name.family == "Speede"
    assert rec.person.name.additional == "Record Test"
    assert [e.value for e in rec.person.emails] == ["TestSpeede@aol.com"]
    [address] = rec.person.addresses
    where = (address.street, address.locality, address.region)
    assert where == ("1223 University Dr", "Austin", "TX")
    assert {i.scheme for i in rec.person.identifiers} == {"SSN"}
    assert rec.publisher and pick_text(rec.publisher.name)[1] == "THE UNIVERSITY OF TEXAS AT AUSTIN"
    assert rec.envelope and rec.envelope.identifiers[0].value == "050330001"
    # the SSN is an identifier: no report entry prints it
    assert "100000000" not in json.dumps(report.to_dict())


def test_detect_and_validate(speede: bytes) -> None:
    fmt = get_format("pesc")
    assert fmt.detect is not None and fmt.validator is not None
    assert fmt.detect(Input(speede, "x")) == 1.0
    assert fmt.validator(Input(speede, "x")) == []


def test_pesc_to_pesc_is_valid_and_lossless(speede: bytes) -> None:
    out = lerbridge.convert(speede, to="pesc").documents[0].data
    assert validate_transcript(parse_xml(out, "out")) == []
    assert _items(out) == _items(speede)


def test_pesc_to_clr_keeps_every_course(speede: bytes) -> None:
    result = lerbridge.convert(speede, to="clr")
    doc = json.loads(result.documents[0].data)
    assert specs.validate(doc, "clr/clrcredential") == []
    back, _ = lerbridge.read(result.documents[0].data, "clr")
    src, _ = lerbridge.read(speede, "pesc")
    assert _rows(back) == _rows(src)
    assert sorted(v for _, v in gpa_values(back)) == sorted(v for _, v in gpa_values(src))


@pytest.mark.parametrize("name", CLR_FIXTURES)
def test_clr_to_pesc_validates(upstream: Path, name: str) -> None:
    data = (upstream / name).read_bytes()
    out = lerbridge.convert(data, to="pesc").documents[0].data
    assert validate_transcript(parse_xml(out, "out")) == []
    src, _ = lerbridge.read(data, "clr")
    back, _ = lerbridge.read(out, "pesc")
    assert [(t, g, c) for t, _, g, c, _ in _rows(back)] == [
        (t, g, c) for t, _, g, c, _ in _rows(src)
    ]


def test_triangle_through_csv(speede: bytes) -> None:
    src, _ = lerbridge.read(speede, "pesc")
    clr = lerbridge.convert(speede, to="clr").documents[0].data
    csv = lerbridge.convert(clr, to="csv").documents[0].data
    back = lerbridge.convert(csv, to="pesc").documents[0].data
    assert validate_transcript(parse_xml(back, "back")) == []
    rec, _ = lerbridge.read(back, "pesc")
    assert [(t, g, c, term) for t, _, g, c, term in _rows(rec)] == [
        (t, g, c, term) for t, _, g, c, term in _rows(src)
    ]


def test_missing_transmission_data_is_named(shipped: Path) -> None:
    data = (shipped / "pesc/lerbridge-no-transmissiondata.xml").read_bytes()
    issues = get_format("pesc").validator(Input(data, "x"))  # type: ignore[misc]
    assert any("TransmissionData" in i.message for i in issues)
    rec, report = lerbridge.read(data, "pesc")
    errors = [e for e in report.to_dict()["entries"] if e["severity"] == "error"]
    assert [e["source_path"] for e in errors] == ["/CollegeTranscript/TransmissionData"]
    assert "TransmissionData is missing" in errors[0]["message"]
    assert [r.grade for r in course_awards(rec)] == ["B+"]
    out = lerbridge.convert(data, to="pesc")
    assert validate_transcript(parse_xml(out.documents[0].data, "o")) == []
    made = {
        e["source_path"]
        for e in out.report.to_dict()["entries"]
        if e["code"] == "value-synthesized"
    }
    assert "/CollegeTranscript/TransmissionData/DocumentID" in made


def test_not_a_transcript_fails_with_reason() -> None:
    data = b'<x:CollegeTranscript xmlns:x="urn:org:pesc:message:CollegeTranscript:v1.6.0"/>'
    with pytest.raises(ReadError, match="Student is missing"):
        lerbridge.read(data, "pesc")


def test_pesc_to_lerrs_gives_an_education_entry(speede: bytes) -> None:
    doc = json.loads(lerbridge.convert(speede, to="lerrs").documents[0].data)
    [entry] = doc["educationAndLearnings"]
    [degree] = entry["educationDegrees"]
    assert degree["name"] == "Standard High School Diploma"
    assert degree["score"]["scoresNumeric"] == [{"value": 3.0915, "scoreCode": "GPA"}]
    assert entry["institution"]["name"] == "THE UNIVERSITY OF TEXAS AT AUSTIN"


def test_utf16_on_request(shipped: Path) -> None:
    data = (shipped / "pesc/lerbridge-no-transmissiondata.xml").read_bytes()
    plain = lerbridge.convert(data, to="pesc").documents[0].data
    wide = lerbridge.convert(data, to="pesc", pesc_utf16=True).documents[0].data
    assert plain.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert wide[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert wide.decode("utf-16") == plain.decode("utf-8").replace("UTF-8", "UTF-16")
    rec, _ = lerbridge.read(wide, "pesc")
    assert [r.title for r in course_awards(rec)] == ["Intro to Welding"]


@pytest.mark.parametrize("target", ["csv", "ob2", "clr", "lerrs"])
def test_ssn_never_printed_in_a_report(speede: bytes, target: str) -> None:
    result = lerbridge.convert(speede, to=target)
    shown = json.dumps(result.report.to_dict())
    assert "100000000" not in shown
    if target == "csv":  # the identifier csv has no place for is still reported, blanked
        assert "[redacted]" in shown


def test_qualified_children_and_violations_are_read_leniently(shipped: Path) -> None:
    text = (shipped / "pesc/lerbridge-no-transmissiondata.xml").read_text(encoding="utf-8")
    # a default namespace puts every child in the transcript namespace, and the course
    # lacks its required CourseCreditBasis: both read, both reported with a path
    text = text.replace("<pt:CollegeTranscript xmlns:pt=", "<CollegeTranscript xmlns=")
    text = text.replace("</pt:CollegeTranscript>", "</CollegeTranscript>")
    text = text.replace("<CourseCreditBasis>Regular</CourseCreditBasis>", "")
    rec, report = lerbridge.read(text.encode("utf-16"), "pesc")
    assert [(r.title, r.grade, r.term) for r in course_awards(rec)] == [
        ("Intro to Welding", "B+", "Fall 2023")
    ]
    qualified = [e for e in report if "no namespace" in e.message]
    assert [e.source_path for e in qualified] == ["/CollegeTranscript/Student"]
    course = [e for e in report if "CourseCreditBasis" in e.message]
    assert course and course[0].source_path == (
        "/CollegeTranscript/Student/AcademicRecord/AcademicSession/Course"
    )
