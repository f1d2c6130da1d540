"""LER-RS between the other formats: OB 3.0 -> LER-RS -> OB 3.0 gives the OB 3.0 -> OB 3.0
credential, canonical JSON is a faithful stop on the way, and what a plain résumé item
cannot show is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lerrs_util import SAMPLES, v2

from lerbridge import api
from lerbridge.model import Achievement, Award, LearnerRecord, Profile, Result, ResultDescription

ROOT = Path(__file__).resolve().parents[2]
WELDING = ROOT / "fixtures/ob3/lerbridge-welding-certificate.json"
#: OB 3.0 credentials in ../shared/fixtures-upstream
UPSTREAM_OB3 = [
    "openbadges/ob3/spec-examples/complete-unsigned.json",
    "openbadges/ob3/1edtech-validator/complete_v1.json",
]


def _same_credential_through_lerrs(src: Path) -> None:
    direct = json.loads(api.convert(src, to="ob3").documents[0].data)
    resume = api.convert(src, to="lerrs").documents[0].data
    back = api.convert(resume, to="ob3", from_="lerrs")
    assert len(back.documents) == 1
    assert json.loads(back.documents[0].data) == direct


def test_ob3_through_lerrs_gives_the_same_credential() -> None:
    _same_credential_through_lerrs(WELDING)


@pytest.mark.parametrize("rel", UPSTREAM_OB3)
def test_upstream_ob3_through_lerrs_gives_the_same_credential(upstream: Path, rel: str) -> None:
    _same_credential_through_lerrs(upstream / rel)


@pytest.mark.parametrize("name", SAMPLES)
def test_canonical_json_is_a_faithful_stop(shared_dir: Path, name: str) -> None:
    src = v2(shared_dir, name)
    direct = api.convert(src, to="lerrs").documents[0].data
    canonical = api.convert(src, to="canonical").documents[0].data
    via = api.convert(canonical, to="lerrs", from_="canonical").documents[0].data
    assert via == direct


def test_degree_without_credential_reports_what_the_item_cannot_show() -> None:
    ach = Achievement(
        id="urn:example:bsc",
        name={"und": "BSc Chemistry"},
        achievement_type="BachelorDegree",
        result_descriptions=[
            ResultDescription(id="gpa", name={"und": "GPA"}, result_type="GradePointAverage")
        ],
        human_code="BSC-CHEM",
    )
    award = Award(
        id="urn:example:award",
        achievement_id=ach.id,
        issuer=Profile(name={"und": "Example University"}),
        awarded_date="2020-06",
        results=[Result(result_description="gpa", value="3.5")],
        credits_earned=120,
    )
    rec = LearnerRecord(achievements=[ach], awards=[award])
    docs, report = api.write(rec, "lerrs")
    out = json.loads(docs[0].data)
    degree = out["educationAndLearnings"][0]["educationDegrees"][0]
    assert degree["name"] == "BSc Chemistry"
    assert degree["date"] == "2020-06"
    assert degree["score"]["scoresNumeric"][0]["value"] == 3.5
    assert out["educationAndLearnings"][0]["institution"]["name"] == "Example University"
    lost = {e.canonical_path for e in report.entries if e.code == "no-target-field"}
    assert "awards[0].credits_earned" in lost
    assert "achievements[id=urn:example:bsc].human_code" in lost
    assert not any(p and p.endswith(".results") for p in lost)


def test_bare_output_of_a_wrapped_resume_reports_the_wrapper(shared_dir: Path) -> None:
    src = v2(shared_dir, SAMPLES[1])
    res = api.convert(src, to="lerrs", lerrs_vc=False)
    out = json.loads(res.documents[0].data)
    assert "credentialSubject" not in out and "proof" not in out
    lost = {e.canonical_path for e in res.report.entries if e.code == "no-target-field"}
    assert {"envelope.id", "envelope.valid_from", "envelope.credential"} <= lost


def test_course_awards_have_no_resume_slot() -> None:
    res = api.convert(ROOT / "fixtures/csv/lerbridge-transcript-3-students.csv", to="lerrs")
    assert len(res.documents) == 3
    entries = [e for e in res.report.entries if e.code == "no-target-field"]
    assert sum("Course award" in e.message for e in entries) == 8
    first = json.loads(res.documents[0].data)
    assert first["person"]["name"] == {"given": "Anna", "family": "Krüger"}


def test_validate_checks_credentials_the_schema_leaves_unconstrained() -> None:
    resume = json.loads(api.convert(WELDING, to="lerrs").documents[0].data)
    assert api.validate(json.dumps(resume).encode(), format="lerrs") == []
    ver = resume["certifications"][0]["verifications"][0]
    del ver["otherW3CVerifiableCredential"]["credentialSubject"]["achievement"]["criteria"]
    issues = api.validate(json.dumps(resume).encode(), format="lerrs")
    assert [i.pointer for i in issues] == [
        "/certifications/0/verifications/0/otherW3CVerifiableCredential"
        "/credentialSubject/achievement/criteria"
    ]


def test_a_signed_credential_leaves_the_resume_with_its_proof(upstream: Path) -> None:
    """The credential a certification embeds is that award's own credential (not a
    résumé verification of it), so LER-RS -> OB 3.0 gives the credential OB 3.0 -> OB 3.0
    gives, Data Integrity proof kept, and nothing is reported lost."""
    signed = upstream / "openbadges/ob3/1edtech-validator/simple.json"
    cred = json.loads(signed.read_bytes())
    resume = {
        "type": "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json",
        "certifications": [{"verifications": [{"otherW3CVerifiableCredential": cred}]}],
    }
    direct = json.loads(api.convert(signed, to="ob3").documents[0].data)
    via = api.convert(json.dumps(resume).encode(), to="ob3", from_="lerrs")
    out = json.loads(via.documents[0].data)
    assert "proof" in out and out == direct
    assert [e for e in via.report.entries if e.target_format] == []
