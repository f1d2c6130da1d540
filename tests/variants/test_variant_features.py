"""Issue 13's items, each on a document of the variants corpus: nested VC-JWT credentials,
plain-VC wrappers, HR-XML Candidate, detection that explains itself, values the user
supplies, and an embedded CLR coming back out as it went in."""

from __future__ import annotations

import json
import re
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

import lerbridge
from lerbridge.cli import main
from lerbridge.errors import FormatDetectionError, LerbridgeError
from lerbridge.formats.mapped import dumps
from lerbridge.supply import SupplyError

DOCS = Path(__file__).parent / "documents"
NESTED_JWT = DOCS / "clr" / "clr2-nested-vcjwt-strings.json"
MIXED = DOCS / "clr" / "clr2-nested-mixed-json-and-jwt.json"
CSV_BARE = DOCS / "csv" / "transcript-no-institution-no-dates.csv"
SUPPLY = {
    "publisher.name": "Riverbend Community College",
    "publisher.id": "https://riverbend.example.edu",
}


def _nested(data: bytes) -> list:
    return json.loads(data)["credentialSubject"]["verifiableCredential"]


# 1. nested compact JWTs -----------------------------------------------------------------


def test_nested_jws_are_read_and_come_back_byte_identical() -> None:
    source = _nested(NESTED_JWT.read_bytes())
    assert all(isinstance(t, str) and t.count(".") == 2 for t in source)
    result = lerbridge.convert(NESTED_JWT, to="clr")
    assert len(result.record.awards) == len(source) == 2
    assert [a.credential.proofs[0].jws for a in result.record.awards] == source
    assert _nested(result.documents[0].data) == source  # the very strings
    assert len(result.report.by_code("unverified-signature")) == 2
    assert not result.report.by_code("proof-invalidated")
    assert lerbridge.validate(result.documents[0].data, "clr") == []


def test_mixed_nested_forms_keep_each_form() -> None:
    source = _nested(MIXED.read_bytes())
    out = _nested(lerbridge.convert(MIXED, to="clr").documents[0].data)
    assert [type(x).__name__ for x in out] == ["dict", "str", "dict"]
    assert out[1] == source[1]


def test_a_changed_award_is_not_re_embedded_as_its_old_jws() -> None:
    record, _ = lerbridge.read(NESTED_JWT)
    award = record.awards[0].model_copy(update={"term": "2024 Spring"})
    record = record.model_copy(update={"awards": [award, *record.awards[1:]]})
    docs, report = lerbridge.write(record, "clr")
    out = _nested(docs[0].data)
    assert isinstance(out[0], dict) and out[0]["credentialSubject"]["term"] == "2024 Spring"
    assert isinstance(out[1], str)
    assert [e.canonical_path for e in report.by_code("proof-invalidated")] == [
        "awards[0].credential.proofs[0]"
    ]


def test_a_nested_jws_that_is_not_json_is_an_error_naming_its_place() -> None:
    with pytest.raises(LerbridgeError, match=r"verifiableCredential/1"):
        lerbridge.convert(DOCS / "clr" / "clr2-nested-jwt-garbled.json", to="clr")


# 2. plain-VC wrappers -------------------------------------------------------------------


def test_vc_wrapped_clr1_converts_to_a_valid_clr2_with_every_course() -> None:
    path = DOCS / "clr" / "vc-wrapped-clr1-transcript.json"
    assert lerbridge.detect(path) == "clr"
    result = lerbridge.convert(path, to="clr")
    doc = json.loads(result.documents[0].data)
    names = sorted(
        c["credentialSubject"]["achievement"]["name"] for c in _nested(result.documents[0].data)
    )
    assert names == ["Algebra I", "Biology", "English 9", "Studio Art"]
    assert lerbridge.validate(result.documents[0].data, "clr") == []
    assert doc["issuer"]["name"] == "Lakeview High School"
    env = result.record.envelope
    assert env is not None and env.issuer is not None
    assert env.issuer.id == "did:web:lakeview-hs.example.org"
    assert env.credential is not None and env.credential.proofs[0].type == "RsaSignature2018"
    codes = result.report.codes()
    assert "proof-invalidated" in codes and "no-target-field" in codes


def test_vc_wrapped_clr_with_issuer_object_keeps_wrapper_dates() -> None:
    result = lerbridge.convert(DOCS / "clr" / "vc2-wrapped-clr1-issuer-object.json", to="canonical")
    env = result.record.envelope
    assert env is not None and env.valid_until == "2033-06-10T12:00:00Z"
    assert env.issuer is not None and env.issuer.name == {"und": "Lakeview High School"}


@pytest.mark.parametrize(
    "name", ["vc-ctdl-degree-with-competencies.json", "vc2-ctdl-certificate-in-achievement.json"]
)
def test_vc_carrying_ctdl_converts_to_ctdl_keeping_every_ctid(name: str) -> None:
    path = DOCS / "ctdl" / name
    assert lerbridge.detect(path) == "ctdl"
    source = set(re.findall(r"ce-[0-9a-f-]{36}", path.read_text()))
    out = b"".join(d.data for d in lerbridge.convert(path, to="ctdl").documents).decode()
    assert source and source <= set(re.findall(r"ce-[0-9a-f-]{36}", out))


# 3. HR-XML documents carrying a Resume --------------------------------------------------


def test_candidate_converts_to_an_xsd_valid_resume() -> None:
    path = DOCS / "hrxml" / "candidate-with-profile-and-resume.xml"
    assert lerbridge.detect(path) == "hrxml"
    result = lerbridge.convert(path, to="hrxml")
    out = result.documents[0].data
    assert b"<Candidate" not in out and b"Okafor" in out and b"AWS Certified Welder" in out
    assert lerbridge.validate(out, "hrxml") == []
    dropped = {e.source_path for e in result.report.by_code("no-target-field")}
    assert {"/Candidate/CandidateProfile", "/Candidate/CandidateSupplier"} <= dropped


def test_a_candidate_without_resume_is_an_error() -> None:
    with pytest.raises(LerbridgeError, match="carries no Resume"):
        lerbridge.read(DOCS / "hrxml" / "candidate-without-resume.xml", "hrxml")


# 4. detection that explains itself ------------------------------------------------------


def test_detection_error_says_what_it_saw_and_the_closest_format() -> None:
    # a home-made résumé shape (the JSON Resume document of this corpus has a reader now)
    doc = b'{"person": {"name": "Sam"}, "employment": [], "education": [{"institution": "X"}]}'
    with pytest.raises(FormatDetectionError) as err:
        lerbridge.detect(doc, name="resume-like.json")
    msg = str(err.value)
    assert "keys ['education', 'employment', 'person']" in msg and "Closest: lerrs" in msg
    assert lerbridge.detect(DOCS / "other" / "jsonresume-like.json") == "jsonresume"


def test_formats_explain_prints_seen_and_every_format() -> None:
    path = DOCS / "hrxml" / "europass-like-candidate-other-namespace.xml"
    out = CliRunner().invoke(main, ["formats", "--explain", str(path)])
    assert out.exit_code == 0, out.output
    assert "seen: root element = Candidate" in out.output
    assert "seen: namespace = http://www.europass.eu/1.0" in out.output
    assert sum(line.endswith(")") or "declined" in line for line in out.output.splitlines()) >= 8
    js = json.loads(CliRunner().invoke(main, ["formats", "--explain", str(path), "--json"]).output)
    assert js["candidates"][0]["format"] == "hrxml" and js["candidates"][0]["score"] == 0


# 5. values the user supplies ------------------------------------------------------------


def test_csv_without_institution_fails_naming_the_values_and_options() -> None:
    with pytest.raises(SupplyError) as err:
        lerbridge.convert(CSV_BARE, to="clr")
    msg = str(err.value)
    assert "issuer" in msg and "--set publisher.name" in msg and "--issued" in msg


def test_csv_with_supplied_issuer_and_date_is_a_valid_clr() -> None:
    result = lerbridge.convert(CSV_BARE, to="clr", set=SUPPLY, issued="2024-06-01")
    doc = result.documents[0].data
    assert lerbridge.validate(doc, "clr") == []
    assert json.loads(doc)["issuer"]["id"] == "https://riverbend.example.edu"
    supplied = {e.canonical_path for e in result.report.by_code("value-supplied")}
    assert {
        "publisher.name",
        "publisher.id",
        "awards[0].issuer",
        "awards[1].valid_from",
    } <= supplied
    assert all(e.severity == "info" for e in result.report.by_code("value-supplied"))


def test_a_supplied_value_never_replaces_a_source_value_without_override() -> None:
    path = DOCS / "csv" / "transcript-two-students.csv"
    kept = lerbridge.read_records(path, set={"awards[*].issuer.name": "Other"})
    assert kept[0][0].awards[0].issuer.name == {"und": "Harbor Technical College"}
    assert not kept[1].by_code("value-supplied")
    over = lerbridge.read_records(path, set={"awards[*].issuer.name": "Other"}, override=True)
    assert over[0][0].awards[0].issuer.name == {"und": "Other"}
    assert "--override" in over[1].by_code("value-supplied")[0].message


def test_a_path_that_names_no_field_is_an_error() -> None:
    with pytest.raises(SupplyError, match="no field 'nmae'"):
        lerbridge.read(CSV_BARE, set={"publisher.nmae": "X"})


def test_ctdl_offering_to_ob3_with_set_via_cli(tmp_path: Path) -> None:
    values = tmp_path / "values.yaml"
    values.write_text(
        "publisher:\n  id: https://harbor-tech.example.edu/\n  name: Harbor Technical College\n"
    )
    out = tmp_path / "badge.json"
    res = CliRunner().invoke(
        main,
        [
            "convert",
            str(DOCS / "ctdl" / "ctdl-offering-certificate.json"),
            "--to",
            "ob3",
            "--set",
            "recipient.id=did:example:learner-5150",
            "--set",
            "valid_from=2024-08-30",
            "--set-file",
            str(values),
            "-o",
            str(out),
            "-q",
        ],
    )
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_bytes())
    assert doc["credentialSubject"]["id"] == "did:example:learner-5150"
    assert doc["credentialSubject"]["achievement"]["name"] == "Pipe Welding Certificate"
    assert doc["issuer"]["id"] == "https://harbor-tech.example.edu/"
    assert lerbridge.validate(out.read_bytes(), "ob3") == []


# 6. an embedded credential comes back out as it went in ---------------------------------


def test_lerrs_embedded_clr_comes_back_byte_identical() -> None:
    path = DOCS / "lerrs" / "lerrs45-embeds-signed-clr.json"
    embedded = json.loads(path.read_bytes())["educationAndLearnings"][0]["verifications"][0][
        "otherW3CVerifiableCredential"
    ]
    result = lerbridge.convert(path, to="clr")
    assert result.documents[0].data == dumps(embedded)
    assert orjson.loads(result.documents[0].data)["proof"] == embedded["proof"]
    assert not result.report.by_code("value-synthesized")
    assert {e.canonical_path for e in result.report.by_code("no-target-field")} == {
        "employment",
        "education",
        "person",
    }
