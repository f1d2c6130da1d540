"""LER-RS reading: the two official V2 samples field by field, the embedded OB 3.0 and
provisional credentials, extensions and the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lerrs_util import OB3_CRED_ID, UC008, VCWRAPPER, codes, load, read_lerrs, v2

from lerbridge import api
from lerbridge.model import LearnerRecord


def _read(shared_dir: Path, name: str):  # type: ignore[no-untyped-def]
    return api.read(v2(shared_dir, name), format="lerrs")


def _und(text: dict[str, str] | None) -> str | None:
    return (text or {}).get("und")


def test_detected_as_lerrs(shared_dir: Path) -> None:
    for name in (UC008, VCWRAPPER):
        assert api.detect(v2(shared_dir, name)) == "lerrs"


@pytest.mark.parametrize(
    ("name", "given", "family", "email", "phone", "url", "street", "city", "country"),
    [
        (
            UC008,
            "Jennifer",
            "Jones",
            "jennifer.jones@example.com",
            "+1 555-555-1212",
            "https://linkedin.com/in/jenniferjonesexample",
            "123 Main St.",
            "Schenectady",
            "US",
        ),
        (
            VCWRAPPER,
            "Gunilla",
            "Klein",
            "gunilla.klein@example.com",
            "+49 2032220202",
            "https://linkedin.com/in/gunillaklein",
            "Römerberg 23",
            "Frankfurt am Main",
            "DE",
        ),
    ],
)
def test_person_and_contacts(
    shared_dir: Path,
    name: str,
    given: str,
    family: str,
    email: str,
    phone: str,
    url: str,
    street: str,
    city: str,
    country: str,
) -> None:
    rec, _ = _read(shared_dir, name)
    person = rec.person
    assert person is not None and person.name is not None
    assert (person.name.given, person.name.family, person.name.formatted) == (
        given,
        family,
        f"{given} {family}",
    )
    assert [(e.value, e.use) for e in person.emails] == [(email, "private")]
    assert [(p.value, p.use, p.preference) for p in person.phones] == [(phone, "private", 1)]
    assert [(u.value, u.label) for u in person.urls] == [(url, "Linkedin")]
    addr = person.addresses[0]
    assert (addr.street, addr.locality, addr.country_code, addr.use) == (
        street,
        city,
        country,
        "ResidenceAddress",
    )
    # no credentialSubject.id in either sample
    assert person.id is None


def test_person_id_from_credential_subject(shared_dir: Path) -> None:
    doc = load(v2(shared_dir, VCWRAPPER))
    doc["credentialSubject"]["id"] = "did:example:gunilla"
    rec, _ = read_lerrs(doc)
    assert rec.person is not None and rec.person.id == "did:example:gunilla"


@pytest.mark.parametrize(
    ("name", "line"),
    [
        (UC008, "Looking for a Senior Marketing Manager job"),
        (VCWRAPPER, "Looking for a corporate consulting job"),
    ],
)
def test_narratives(shared_dir: Path, name: str, line: str) -> None:
    rec, _ = _read(shared_dir, name)
    assert [n.name for n in rec.narratives] == ["Objective"]
    section = rec.narratives[0].sections[0]
    assert section.name == "goal"
    assert len(section.lines) == 1 and section.lines[0].startswith(line)


@pytest.mark.parametrize(
    ("name", "employer", "title", "start", "end", "current", "unit"),
    [
        (UC008, "ABC Company", "Marketing Manager", "2022-10-01", None, True, "Marketing"),
        (
            VCWRAPPER,
            "AllSoftware",
            "Corporate Project Manager",
            "2012-10-01",
            "2022-11-04",
            False,
            "Corporate IT",
        ),
    ],
)
def test_employment(
    shared_dir: Path,
    name: str,
    employer: str,
    title: str,
    start: str,
    end: str | None,
    current: bool,
    unit: str,
) -> None:
    rec, _ = _read(shared_dir, name)
    assert len(rec.employment) == 1
    job = rec.employment[0]
    assert job.employer is not None
    assert _und(job.employer.trade_name) == employer
    assert job.employer.name is None
    [pos] = job.positions
    assert (_und(pos.title), pos.start, pos.end, pos.current, pos.relationship) == (
        title,
        start,
        end,
        current,
        "Employee",
    )
    assert pos.unit is not None and _und(pos.unit.name) == unit


def test_education_plain_keeps_year_precision(shared_dir: Path) -> None:
    rec, _ = _read(shared_dir, VCWRAPPER)
    edu = rec.education[0]
    assert edu.institution is not None
    assert _und(edu.institution.name) == "University of California, Berkeley"
    assert (edu.start, edu.end) == ("1996", "2000")
    assert not edu.verified_only and edu.verifications == []
    [deg] = edu.degrees
    assert (_und(deg.name), deg.status, deg.date, deg.level) == (
        "Bachelor of Commerce",
        "Granted",
        "2000",
        "6",
    )
    assert [(_und(s.name), s.type) for s in deg.specializations] == [
        ("Corporate Business", "major")
    ]


def test_education_provisional_vc_vcwrapper(shared_dir: Path) -> None:
    rec, _ = _read(shared_dir, VCWRAPPER)
    edu = rec.education[1]
    assert edu.verified_only is True
    assert edu.institution is not None
    assert _und(edu.institution.trade_name) == "North Carolina State University"
    [deg] = edu.degrees
    assert _und(deg.name) == "Computer Science, Cybersecurity Concentration, B.S."
    assert (deg.date, deg.status, deg.codes) == ("2011-05", "Granted", ["BS"])
    assert edu.good_standing is True
    [ver] = edu.verifications
    assert (ver.kind, ver.credential_format) == ("credential", "provisional")
    assert ver.credential is not None
    assert ver.credential.payload["id"] == "https://www.ncsu.edu/credentials/1872"


def test_education_provisional_vc_in_progress(shared_dir: Path) -> None:
    rec, report = _read(shared_dir, UC008)
    [edu] = rec.education
    assert edu.verified_only is True
    assert edu.institution is not None
    assert _und(edu.institution.name) == "University of Phoenix"
    assert (edu.start, edu.end) == ("2023-09-01", "2027-04-30")
    [deg] = edu.degrees
    assert (_und(deg.name), deg.status, deg.level) == ("Bachelor of Arts", "InProgress", "6")
    assert [(_und(s.name), s.type) for s in deg.specializations] == [("Marketing", "major")]
    [ver] = edu.verifications
    assert (ver.kind, ver.credential_format) == ("credential", "provisional")
    coerced = [
        e
        for e in codes(report, "value-coerced")
        if (e.source_path or "").endswith("educationDegrees/0/degreeGrantedStatus")
    ]
    assert len(coerced) == 1
    assert coerced[0].source_path == (
        "/credentialSubject/educationAndLearnings/0/verifications/0/credentialSubject"
        "/educationAndLearning/educationDegrees/0/degreeGrantedStatus"
    )
    assert "In Progress" in coerced[0].message


def test_certification_plain(shared_dir: Path) -> None:
    rec, report = _read(shared_dir, VCWRAPPER)
    [award] = rec.awards
    assert _und(award.name) == "Product Management Certificate"
    assert award.valid_from == "2014-08-25T00:00:00.0"  # as written
    assert award.valid_until == "2024-08-25T00:00:00.0"
    assert award.issuer is not None and _und(award.issuer.trade_name) == "Cornell University"
    ach = {a.id: a for a in rec.achievements}[award.achievement_id or ""]
    assert ach.achievement_type == "Certification"
    assert _und(ach.name) == "Product Management Certificate"
    minted = codes(report, "value-synthesized")
    assert [e.source_path for e in minted] == ["/credentialSubject/certifications/0"]
    assert award.verified_only is False
    [ver] = award.verifications
    assert (ver.kind, ver.reference) == (
        "reference",
        "https://online.cornell.edu/credentials/public/8798798798",
    )
    assert award.extensions["lerrs"] == {"status": "Active", "firstIssued": "2014-08-25"}


def _ob3_item(rec: LearnerRecord):  # type: ignore[no-untyped-def]
    items = [a for a in rec.awards if a.credential and a.credential.original]
    assert len(items) == 1
    return items[0]


def test_embedded_ob3_certification(shared_dir: Path) -> None:
    rec, report = _read(shared_dir, UC008)
    award = _ob3_item(rec)
    assert award.id == OB3_CRED_ID
    assert award.verified_only is True
    assert _und(award.name) == "Digital Marketing Certificate"
    assert award.issuer is not None and award.issuer.id == "https://example.edu/issuers/565049"
    assert award.valid_from == "2022-01-01T00:00:00Z"
    assert award.achievement_id == "https://1edtech.edu/achievements/774"
    # the credential is the award itself: kept as embedded, not as a verification of it
    assert award.verifications == []
    src = load(v2(shared_dir, UC008))
    embedded = src["credentialSubject"]["certifications"][0]["verifications"][0]
    assert award.credential is not None and award.credential.original is not None
    assert award.credential.original.payload == embedded
    assert [p.type for p in award.credential.proofs] == ["Ed25519Signature2020"]
    # the OB 3.0 reader's entries sit inside the résumé
    inner = [e for e in report.entries if e.code == "dialect-upgraded"]
    assert [e.source_path for e in inner] == ["/credentialSubject/certifications/0/verifications/0"]


def test_embedded_ob3_award_not_duplicated(shared_dir: Path) -> None:
    rec, _ = _read(shared_dir, UC008)
    assert [a.id for a in rec.awards] == [OB3_CRED_ID]


def test_skills(shared_dir: Path) -> None:
    rec, _ = _read(shared_dir, VCWRAPPER)
    [skill] = rec.skills
    assert _und(skill.name) == "Project Management"
    assert skill.years_of_experience == 5
    assert skill.comments == ["I have 5 years of Project Management experience learned on the job."]


@pytest.mark.parametrize(
    ("name", "filename"), [(UC008, "jenniferjonesc.txt"), (VCWRAPPER, "gunillaklein.txt")]
)
def test_attachments(shared_dir: Path, name: str, filename: str) -> None:
    rec, _ = _read(shared_dir, name)
    src = load(v2(shared_dir, name))
    [att] = rec.attachments
    assert att.id == "resume"
    assert att.content == src["credentialSubject"]["attachments"][0]["content"]["value"]
    assert (att.encoding, att.media_type, att.filename) == ("base64", "text/plain", filename)


def test_job_kept_as_extension(shared_dir: Path) -> None:
    rec, report = _read(shared_dir, VCWRAPPER)
    src = load(v2(shared_dir, VCWRAPPER))
    assert rec.extensions["lerrs"]["job"] == src["credentialSubject"]["job"]
    unmapped = {e.source_path for e in codes(report, "unmapped-source-field")}
    assert "/credentialSubject/job" in unmapped


@pytest.mark.parametrize(
    ("name", "doc_id"),
    [
        (UC008, "88802e91-a760-4173-a595-97bdfb514a63"),
        (VCWRAPPER, "71202e91-a760-4173-a595-97bdfb514a63"),
    ],
)
def test_envelope_and_provenance(shared_dir: Path, name: str, doc_id: str) -> None:
    rec, _ = _read(shared_dir, name)
    env = rec.envelope
    assert env is not None
    assert env.id == "http://www.hropen.org"
    assert env.valid_from == "2012-05-01T19:23:24Z"
    assert [i.value for i in env.identifiers] == [doc_id]
    assert env.issuer is not None and env.issuer.id == "Resume Builder"
    assert env.credential is not None
    assert [p.type for p in env.credential.proofs] == ["RsaSignature2018"]
    prov = rec.provenance
    assert prov is not None
    assert (prov.format, prov.dialect, prov.signed) == ("lerrs", "4.5/subject", True)


@pytest.mark.parametrize(("name", "index"), [(UC008, 0), (VCWRAPPER, 1)])
def test_schema_violations_reported(shared_dir: Path, name: str, index: int) -> None:
    """The provisional VCs' 4.5 context URL is not in the published schema's enum."""
    _, report = _read(shared_dir, name)
    paths = [e.source_path for e in codes(report, "source-schema-violation")]
    lerrs_paths = [p for p in paths if p and "/verifications/0/credentialSubject/" not in p]
    lerrs_paths = [p for p in lerrs_paths if "/certifications/" not in p]
    assert lerrs_paths == [f"/credentialSubject/educationAndLearnings/{index}"]
    assert all(p and p.startswith("/credentialSubject") for p in paths)


def test_read_is_json_stable(shared_dir: Path) -> None:
    a, _ = _read(shared_dir, UC008)
    b, _ = _read(shared_dir, UC008)
    assert json.dumps(a.model_dump(mode="json")) == json.dumps(b.model_dump(mode="json"))
