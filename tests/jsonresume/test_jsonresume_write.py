"""Writing JSON Resume, and JSON Resume <-> LER-RS <-> HR-XML (research note §4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonresume_util import VALID, all_files, load, schema_problems, tidy

import lerbridge
from lerbridge.specs.hropen_json import validate_lerrs
from lerbridge.specs.hropen_xml import validate_resume
from lerbridge.xmlsafe import parse_xml

LERRS = ("LER-RS_V2_UC008_portability.json", "LER-RS_V2_VCwrapper.json")


def _to(path: Path | bytes, to: str, src: str | None = None) -> lerbridge.Result:
    return lerbridge.convert(path, to=to, from_=src)


@pytest.mark.parametrize("name", VALID)
def test_roundtrip_is_valid_and_loses_nothing(upstream: Path, name: str) -> None:
    path = upstream / "jsonresume" / name
    result = _to(path, "jsonresume", "jsonresume")
    out = json.loads(result.documents[0].data)
    assert schema_problems(out) == []
    assert out == tidy(load(path))
    assert not result.report.by_code("no-target-field")


def test_every_file_writes_valid_json_resume(upstream: Path) -> None:
    for path in all_files(upstream):
        result = _to(path, "jsonresume", "jsonresume")
        out = json.loads(result.documents[0].data)
        assert schema_problems(out) == [], path.name


def test_values_the_schema_refuses_are_left_out_and_reported(upstream: Path) -> None:
    result = _to(upstream / "jsonresume/jsonresumedotnet_errors_INVALID.json", "jsonresume")
    out = json.loads(result.documents[0].data)
    assert "email" not in out["basics"] and "url" not in out["basics"]
    assert "startDate" not in out["projects"][0]  # a kept section, pruned by the schema
    dropped = {e.canonical_path for e in result.report.by_code("no-target-field")}
    assert "/projects/0/startDate" in dropped
    assert "/basics/email" in dropped


def test_every_file_to_lerrs_passes_the_official_schema(upstream: Path) -> None:
    for path in all_files(upstream):
        result = _to(path, "lerrs", "jsonresume")
        doc = json.loads(result.documents[0].data)
        assert validate_lerrs(doc, accept_45_type=True) == [], path.name


@pytest.mark.parametrize("name", ["jsonresume-org_sample-data_complete-resume.json"])
def test_to_lerrs_fields_and_losses(upstream: Path, name: str) -> None:
    result = _to(upstream / "jsonresume" / name, "lerrs", "jsonresume")
    doc = json.loads(result.documents[0].data)
    assert validate_lerrs(doc, accept_45_type=True) == []
    lost = {e.canonical_path for e in result.report.by_code("no-target-field")}
    if name == "jsonresume-org_sample-data_complete-resume.json":
        assert doc["employmentHistories"][0]["organization"]["name"] == "TechCorp Inc"
        pos = doc["employmentHistories"][0]["positionHistories"][0]
        assert pos["title"] == "Senior Software Engineer" and len(pos["descriptions"]) == 5
        assert doc["narratives"][0]["name"] == "Headline"
        assert doc["certifications"][0]["name"]
        # no LER-RS equivalent: reported
        assert "extensions.jsonresume" in lost and "skills[0].extensions.jsonresume" in lost


@pytest.mark.parametrize("name", LERRS)
def test_lerrs_to_json_resume(upstream: Path, name: str) -> None:
    result = _to(upstream / "hropen/ler-rs-v2" / name, "jsonresume")
    doc = json.loads(result.documents[0].data)
    assert schema_problems(doc) == []
    assert doc["work"][0]["name"] and doc["education"][0]["institution"]
    assert doc["certificates"][0]["url"].startswith("http")
    messages = [e.message for e in result.report.entries]
    if name == LERRS[0]:
        # the embedded OB 3.0 credential is reported; its id stays as the url
        assert any("embedded verifiable credential (OB 3.0)" in m for m in messages)
        assert doc["certificates"][0]["url"] == "http://example.com/credentials/3527"
        assert "endDate" not in doc["work"][0]  # a current job
    else:
        assert any("cannot hold a verification (reference)" in m for m in messages)
        assert doc["basics"]["phone"] == "+49 2032220202"
        assert result.report.by_code("value-synthesized")  # tradeName used as the name


def test_hrxml_to_json_resume_and_back(upstream: Path) -> None:
    src = upstream / "hropen/hr-xml-2.5/ResumeExample.xml"
    first = _to(src, "jsonresume")
    doc = json.loads(first.documents[0].data)
    assert schema_problems(doc) == []
    assert doc["basics"]["name"] == "John A. Example"
    assert doc["work"][0]["name"] == "IBM" and doc["work"][0]["startDate"] == "1998-06"
    assert doc["education"][0]["institution"] == "Georgia Institute of Technology"
    back = _to(first.documents[0].data, "hrxml", "jsonresume")
    tree = parse_xml(back.documents[0].data, "back.xml")
    assert validate_resume(tree) == []
    ns = {"h": "http://ns.hr-xml.org/2007-04-15"}
    assert tree.xpath("//h:EmployerOrgName/text()", namespaces=ns) == ["IBM"]
    assert tree.xpath("//h:FormattedName/text()", namespaces=ns) == ["John A. Example"]


def test_json_resume_to_hrxml_keeps_partial_dates(upstream: Path) -> None:
    src = upstream / "jsonresume/fresh-test-resumes_jrs_jane-fullstacker.json"
    result = _to(src, "hrxml", "jsonresume")
    tree = parse_xml(result.documents[0].data, "out.xml")
    assert validate_resume(tree) == []
    ns = {"h": "http://ns.hr-xml.org/2007-04-15"}
    assert tree.xpath("//h:PositionHistory/h:StartDate/h:YearMonth/text()", namespaces=ns)


def test_output_is_deterministic(upstream: Path) -> None:
    src = upstream / "hropen/ler-rs-v2/LER-RS_V2_UC008_portability.json"
    assert _to(src, "jsonresume").documents[0].data == _to(src, "jsonresume").documents[0].data


def test_json_resume_through_lerrs_and_back(upstream: Path) -> None:
    src = upstream / "jsonresume/jsonresume-org_sample-data_complete-resume.json"
    original = load(src)
    lerrs = _to(src, "lerrs", "jsonresume")
    back = json.loads(_to(lerrs.documents[0].data, "jsonresume", "lerrs").documents[0].data)
    assert schema_problems(back) == []
    assert back["basics"]["name"] == original["basics"]["name"]
    assert back["basics"]["summary"] == original["basics"]["summary"]
    assert back["basics"]["label"] == original["basics"]["label"]
    assert back["work"] == [
        {
            k: w[k]
            for k in ("name", "url", "position", "startDate", "endDate", "summary", "highlights")
            if k in w
        }
        for w in original["work"]
    ]
    assert [v["organization"] for v in back["volunteer"]] == [
        v["organization"] for v in original["volunteer"]
    ]
    # LER-RS has no awards section: the awards come back as certificates
    names = [c["name"] for c in back["certificates"]]
    assert names == [c["name"] for c in original["certificates"]] + [
        a["title"] for a in original["awards"]
    ]
