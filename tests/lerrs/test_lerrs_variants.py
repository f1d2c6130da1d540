"""Every verification branch and section form the LER-RS 4.5 schema allows, in one résumé
built from fixtures (``fixtures/`` and ``../shared/fixtures-upstream``): it reads, writes
back to the same JSON, validates, and each embedded credential is read by its own format's
reader."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from lerrs_util import TYPE_44, json_diff, read_lerrs

from lerbridge import api
from lerbridge.specs.hropen_json import validate_lerrs

ROOT = Path(__file__).resolve().parents[2]
PROV = "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/ProvisionalVerifiableCredential{}Type.json"
VC1 = "https://www.w3.org/2018/credentials/v1"


def _fixture(rel: str) -> Any:
    """A document written for lerbridge (``fixtures/``)."""
    return json.loads((ROOT / "fixtures" / rel).read_bytes())


def _upstream(upstream: Path, rel: str) -> Any:
    """An upstream document (``../shared/fixtures-upstream``)."""
    return json.loads((upstream / rel).read_bytes())


def _provisional(kind: str, key: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": [VC1, PROV.format(kind)],
        "id": f"urn:example:prov:{key}",
        "type": ["VerifiableCredential"],
        "issuer": "https://employer.example.com",
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:me", key: item},
    }


def resume(upstream: Path) -> dict[str, Any]:
    clr = _upstream(upstream, "clr/1edtech-validator_clr2-complex_vc1-signed.json")
    badge = _fixture("ob3/lerbridge-welding-certificate.json")
    return {
        "type": TYPE_44,
        "documentId": {"value": "doc-1", "schemeId": "example"},
        "person": {"name": {"formattedName": "Ada Example", "given": "Ada", "family": "Example"}},
        "communication": {
            "email": [{"address": "ada@example.com", "useCode": "personal"}],
            "social": [{"url": "https://social.example/@ada", "handle": "@ada"}],
        },
        "employmentHistories": [
            {
                "verifications": [
                    _provisional(
                        "EmploymentHistory",
                        "employmentHistory",
                        {
                            "organization": {"name": "Acme"},
                            "positionHistories": [{"title": "Welder", "start": "2019-03"}],
                        },
                    )
                ]
            },
            {
                "organization": {"name": "Beta Corp"},
                "positionHistories": [{"title": "Intern", "start": "2018", "end": "2018"}],
                "verifications": [{"verifyingOrganization": {"name": "Beta HR"}}],
            },
        ],
        "educationAndLearnings": [{"verifications": [clr]}],
        "certifications": [
            {"verifications": [{"otherW3CVerifiableCredential": badge}]},
            {
                "name": "First Aid",
                "issuingAuthority": {"name": "Red Cross"},
                "issued": "2023-05-02",
                "verifications": [{"reference": "https://certs.example/first-aid/1"}],
            },
        ],
        "licenses": [
            {
                "name": "Welding licence",
                "id": {"value": "WL-77"},
                "issuingAuthority": {"name": "State Board"},
                "restrictions": [{"value": "3G only"}],
            }
        ],
        "skills": [
            {
                "name": "SMAW welding",
                "yearsOfExperience": 6,
                "schemeReference": {
                    "reference": "https://skills.example/smaw",
                    "scheme": "https://skills.example",
                },
                "endorsers": [{"organization": {"name": "Acme"}, "comments": ["Excellent"]}],
                "verifications": [
                    {"Verification": {"reference": badge["id"]}},
                ],
            }
        ],
        "attachments": [{"url": "https://files.example/cv.pdf", "descriptions": ["CV"]}],
    }


def test_the_variant_resume_is_valid_to_begin_with(upstream: Path) -> None:
    assert validate_lerrs(resume(upstream)) == []


def test_every_branch_reads(upstream: Path) -> None:
    badge = _fixture("ob3/lerbridge-welding-certificate.json")
    rec, _ = read_lerrs(resume(upstream))
    first, second = rec.employment
    assert first.verified_only and first.verifications[0].credential_format == "provisional"
    assert first.employer is not None and first.employer.name == {"und": "Acme"}
    assert first.positions[0].start == "2019-03"
    assert second.verifications[0].kind == "organization"
    edu = rec.education[0]
    assert edu.verified_only and edu.verifications[0].credential_format == "clr"
    assert edu.institution is not None and edu.institution.name
    clr_awards = set(edu.verifications[0].award_ids)
    assert len(clr_awards) > 1 and clr_awards <= {a.id for a in rec.awards}
    by_id = {a.id: a for a in rec.awards}
    cert = by_id[badge["id"]]
    assert cert.verified_only and cert.verifications == []
    assert cert.credential is not None and cert.credential.original is not None
    assert cert.credential.original.payload == {"otherW3CVerifiableCredential": badge}
    kinds = {a.id: a for a in rec.achievements}
    plain = next(a for a in rec.awards if a.name == {"und": "First Aid"})
    assert kinds[plain.achievement_id].achievement_type == "Certification"
    assert plain.verifications[0].reference == "https://certs.example/first-aid/1"
    lic = next(a for a in rec.awards if a.license_number == "WL-77")
    assert kinds[lic.achievement_id].achievement_type == "License"
    assert lic.extensions["lerrs"]["restrictions"] == [{"value": "3G only"}]
    skill = next(s for s in rec.skills if s.name == {"und": "SMAW welding"})
    assert skill.url == "https://skills.example/smaw" and skill.years_of_experience == 6
    assert skill.endorsers[0].comments == ["Excellent"]
    assert badge["id"] in skill.evidenced_by


def test_the_variant_resume_round_trips(upstream: Path) -> None:
    src = resume(upstream)
    res = api.convert(json.dumps(src).encode(), to="lerrs", from_="lerrs")
    out = json.loads(res.documents[0].data)
    assert validate_lerrs(out) == []
    assert json_diff(src, out) == set()


def test_embedded_credentials_come_out_as_they_went_in(upstream: Path) -> None:
    src = resume(upstream)
    out = json.loads(
        api.convert(json.dumps(src).encode(), to="lerrs", from_="lerrs").documents[0].data
    )
    assert (
        out["educationAndLearnings"][0]["verifications"][0]
        == src["educationAndLearnings"][0]["verifications"][0]
    )
    again, _ = read_lerrs(copy.deepcopy(out))
    first, _ = read_lerrs(src)
    assert {a.id for a in again.awards} == {a.id for a in first.awards}


def test_provisional_certification_goes_where_the_schema_lets_it() -> None:
    """The 4.5 schema's provisional branch for certifications points at the License type;
    a provisional Certification VC is written under otherW3CVerifiableCredential (reported),
    one using the License context stays bare."""
    item = {"name": "Forklift", "issuingAuthority": {"name": "OSHA"}}
    for kind, wrapped in (("Certification", True), ("License", False)):
        doc = {
            "type": TYPE_44,
            "certifications": [{"verifications": [_provisional(kind, "certification", item)]}],
        }
        res = api.convert(json.dumps(doc).encode(), to="lerrs", from_="lerrs")
        out = json.loads(res.documents[0].data)
        assert validate_lerrs(out) == []
        ver = out["certifications"][0]["verifications"][0]
        assert ("otherW3CVerifiableCredential" in ver) is wrapped
        vc = ver.get("otherW3CVerifiableCredential", ver)
        assert vc["credentialSubject"]["certification"] == item
        noted = any("otherW3CVerifiableCredential" in e.message for e in res.report.entries)
        assert noted is wrapped
        again, _ = read_lerrs(out)
        assert again.awards[0].name == {"und": "Forklift"}


def test_skills_from_embedded_credentials_land_in_the_record_not_in_the_resume(
    upstream: Path,
) -> None:
    """Skills first: a competency credential embedded in a résumé gives canonical skills
    linked to its award, while the résumé's own skills list comes back as written."""
    cred = _upstream(upstream, "openbadges/ob3/spec-examples/skill-assertion-case.json")
    doc = {
        "type": TYPE_44,
        "skills": [
            {"verifications": [{"otherW3CVerifiableCredential": cred}]},
            {"name": "Robot Programming", "schemeReference": {"reference": "urn:example:other"}},
        ],
    }
    rec, _ = read_lerrs(copy.deepcopy(doc))
    derived = [s for s in rec.skills if s.derived_from]
    assert derived and all(cred["id"] in s.evidenced_by for s in derived)
    assert rec.skills[0].verified_only and rec.skills[0].evidenced_by == [cred["id"]]
    out = json.loads(
        api.convert(json.dumps(doc).encode(), to="lerrs", from_="lerrs").documents[0].data
    )
    assert json_diff(doc, out) == set()
    hrxml = api.convert(json.dumps(doc).encode(), to="hrxml", from_="lerrs").documents[0].data
    assert b"Robot Programming" in hrxml
