"""Reading JSON Resume: every upstream file reads, legacy keys are upgraded, invalid-by-
design files are read leniently with each problem reported, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonresume_util import all_files

import lerbridge
from lerbridge.errors import LerbridgeError, ReadError


def _read(path: Path) -> tuple[lerbridge.LearnerRecord, lerbridge.LossReport]:
    return lerbridge.read(path, "jsonresume")


def _codes(report: lerbridge.LossReport, path: str) -> list[str]:
    return [e.code for e in report.entries if e.source_path == path]


def test_every_upstream_file_reads(upstream: Path) -> None:
    files = all_files(upstream)
    assert len(files) == 17
    for path in files:
        record, _ = _read(path)
        assert record.provenance is not None
        assert record.provenance.format == "jsonresume"


def test_official_sample_fields(upstream: Path) -> None:
    record, report = _read(upstream / "jsonresume/jsonresume-org_sample-data_complete-resume.json")
    person = record.person
    assert person is not None and person.name is not None
    assert person.name.formatted == "Jane Developer"
    assert [c.value for c in person.emails] == ["jane.developer@example.com"]
    assert person.addresses[0].locality == "San Francisco"
    assert [s.label for s in person.social] == ["GitHub", "LinkedIn", "Twitter"]
    assert [n.name for n in record.narratives] == ["Headline", "Summary"]
    job = record.employment[0]
    assert job.employer is not None and job.employer.name == {"und": "TechCorp Inc"}
    pos = job.positions[0]
    assert pos.title == {"und": "Senior Software Engineer"}
    assert pos.start == "2021-03-01" and pos.end is None and pos.current is None
    assert pos.descriptions[0].startswith("Lead development of microservices")
    assert len(pos.descriptions) == 5  # the summary, then four highlights
    vol = [e for e in record.employment if e.positions[0].relationship == "Volunteer"]
    assert len(vol) == 2
    edu = record.education[0]
    assert edu.degrees[0].name == {"und": "Bachelor of Science"}
    assert edu.degrees[0].specializations[0].name == {"und": "Computer Science"}
    assert edu.degrees[0].scores[0].value == "3.8" and edu.degrees[0].scores[0].numeric is False
    types = {a.id: a.achievement_type for a in record.achievements}
    assert sorted(types[a.achievement_id] for a in record.awards if a.achievement_id) == [
        "Award",
        "Award",
        "Certification",
        "Certification",
    ]
    assert record.skills[0].name == {"und": "Frontend"}
    assert record.skills[0].extensions["jsonresume"]["level"] == "Expert"
    # sections without a canonical equivalent are kept for JSON Resume, and reported
    for section in ("publications", "languages", "interests", "references", "projects"):
        assert _codes(report, f"/{section}") == ["unmapped-source-field"]
    assert "/education/0/courses" in {e.source_path for e in report.entries}


def test_legacy_keys_are_upgraded_and_reported(upstream: Path) -> None:
    record, report = _read(upstream / "jsonresume/resume-schema-v0.0.16_resume_legacy-keys.json")
    assert record.provenance is not None and record.provenance.dialect == "0.0.x"
    assert record.employment[0].employer is not None
    assert record.employment[0].employer.name == {"und": "Pied Piper"}
    assert _codes(report, "/work/0/company") == ["dialect-upgraded"]
    assert _codes(report, "/basics/picture") == ["value-coerced"]  # "" read as absent
    assert record.education[0].degrees[0].scores[0].value == "4.0"
    assert _codes(report, "/education/0/gpa") == ["dialect-upgraded"]


def test_crlf_copy_reads_as_the_lf_original(upstream: Path) -> None:
    a, _ = _read(upstream / "jsonresume/resume-schema-v0.0.16_resume_legacy-keys.json")
    b, _ = _read(upstream / "jsonresume/fresh-test-resumes_jrs_richard-hendriks_crlf.json")
    assert a == b


def test_japanese_and_astral_text_kept(upstream: Path) -> None:
    record, _ = _read(upstream / "jsonresume/kurone-kito_japanese-cv-style_resume_ja.json")
    assert record.person is not None
    assert record.person.addresses[0].region == "関東"
    summary = next(n for n in record.narratives if n.name == "Summary")
    assert any(ord(c) > 0xFFFF for c in summary.sections[0].lines[0])


def test_null_end_dates_are_ongoing(upstream: Path) -> None:
    name = "jsonresume/jsonresume-org_theme-reference_complete-resume_INVALID-null-dates.json"
    record, report = _read(upstream / name)
    assert record.employment[0].positions[0].current is True
    assert record.employment[0].positions[0].end is None
    assert "value-coerced" in _codes(report, "/work/0/endDate")
    # the schema breach itself is reported too
    assert "source-schema-violation" in _codes(report, "/work/0/endDate")


def test_shallow_nulls_read_as_nothing_and_say_so(upstream: Path) -> None:
    record, report = _read(upstream / "jsonresume/jsonresumedotnet_shallow-nulls_INVALID.json")
    assert record.person is None and not record.employment
    assert "source-schema-violation" in _codes(report, "/basics")
    assert any(e.severity == "error" and e.source_path == "/" for e in report.entries)


def test_wrong_types_are_reported(upstream: Path) -> None:
    name = "jsonresume/resume-schema_examples-invalid_basics-wrong-type_INVALID.json"
    record, report = _read(upstream / name)
    assert record.person is None
    assert any("basics is not an object" in e.message for e in report.entries)


def test_bad_formats_reported(upstream: Path) -> None:
    record, report = _read(upstream / "jsonresume/jsonresumedotnet_errors_INVALID.json")
    paths = {e.source_path for e in report.entries if e.code == "source-schema-violation"}
    assert {"/basics/email", "/basics/url", "/work/0/startDate"} <= paths
    assert record.person is not None and record.person.addresses[0].country_code is None
    assert record.employment[0].positions[0].start is None  # not a date: kept out


def test_empty_template_reads_to_nothing_with_every_blank_reported(upstream: Path) -> None:
    name = "jsonresume/fresh-test-resumes_jrs_empty-template_INVALID.json"
    record, report = _read(upstream / name)
    assert not record.employment and not record.education and not record.awards
    blanks = [e for e in report.entries if e.message == "an empty string read as absent"]
    assert len(blanks) >= 40


@pytest.mark.parametrize("data", [b"[]", b'"resume"', b"{"])
def test_not_an_object_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(ReadError) as err:
        lerbridge.read(data, "jsonresume", name="cv.json")
    assert "cv.json" in str(err.value)
    assert isinstance(err.value, LerbridgeError)


def test_detection(upstream: Path) -> None:
    for path in all_files(upstream):
        if path.name == "kelvintaywl_empty-object.json":
            continue  # {} says nothing about its format
        assert lerbridge.detect(path) == "jsonresume", path.name
    assert lerbridge.detect(upstream / "hropen/ler-rs-v2/LER-RS_V2_VCwrapper.json") == "lerrs"
