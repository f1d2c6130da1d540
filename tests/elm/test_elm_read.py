"""Reading ELM: every upstream fixture reads, or fails with an error naming its generation."""

from __future__ import annotations

from pathlib import Path

import pytest
from elm_helpers import LEGACY

import lerbridge
from lerbridge.errors import ReadError
from lerbridge.formats import registry
from lerbridge.formats.base import Input

ELM = "elm"
#: (file, claims incl. parts, achievements, part links) as counted in the documents.
COUNTS = [
    ("eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld", 11, 11, 10),
    ("eu-elm-support_Sample-TranscriptOfRecords_unsigned-upload-wrapper.json", 11, 11, 10),
    ("eu-elm-support_Sample-JointDegree_signed-jades.jsonld", 11, 11, 10),
    ("eu-elm-support_AA-Annex1-MC_signed-jades.jsonld", 1, 1, 0),
    ("ebsi-edc_Bengales_highSchoolDiploma.json", 6, 6, 5),
    ("ebsi-edc_Microcredential_Data_and_software_business.json", 4, 4, 0),
    ("dc4eu-vc_HE-ToR-marit_from-elmo.json", 12, 12, 8),
    ("dc4eu-vc_elm-credential.sd-jwt", 12, 12, 8),
]


def _fixtures(upstream: Path) -> list[Path]:
    return sorted(p for p in (upstream / "elm").iterdir() if p.name != "SOURCES.md")


def test_every_fixture_reads_or_is_refused_by_name(upstream: Path) -> None:
    seen = 0
    for path in _fixtures(upstream):
        if "ob3-twin" in path.name:
            continue  # the Open Badges twin of an EDC
        seen += 1
        if path.name in LEGACY:
            with pytest.raises(ReadError) as err:
                lerbridge.read(path)
            assert LEGACY[path.name] in err.value.message
            assert "legacy generation" in err.value.message
            assert err.value.source and path.name in err.value.source
            continue
        if "presentation" in path.name:
            with pytest.raises(ReadError, match="presentation holding no credential"):
                lerbridge.read(path)
            continue
        record, _ = lerbridge.read(path)
        assert record.provenance is not None and record.provenance.format == ELM, path.name
        assert record.awards and all(a.name for a in record.awards), path.name
        assert all(a.issuer == record.publisher for a in record.awards), path.name
    assert seen == 34


def test_detection_picks_elm_alone(upstream: Path) -> None:
    for path in _fixtures(upstream):
        if "ob3-twin" in path.name:
            assert registry.detect(Input(path.read_bytes(), path.name)).name == "ob3"
            continue
        assert registry.detect(Input(path.read_bytes(), path.name)).name == ELM, path.name


@pytest.mark.parametrize(("name", "claims", "achievements", "links"), COUNTS)
def test_claims_parts_and_specifications(
    upstream: Path, name: str, claims: int, achievements: int, links: int
) -> None:
    record, _ = lerbridge.read(upstream / "elm" / name)
    assert len(record.awards) == claims
    assert len(record.achievements) == achievements
    assert len(record.associations) == links
    assert {a.type for a in record.associations} <= {"isParentOf"}


def test_transcript_courses_grades_credits_and_skills(upstream: Path) -> None:
    path = upstream / "elm" / "eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld"
    record, report = lerbridge.read(path)
    assert record.person is not None and record.person.name is not None
    assert record.person.name.formatted == "Ana Andromeda"
    assert record.person.birth_date == "1999-10-02T00:00:00Z"
    assert [i.value for i in record.person.identifiers] == ["IT-12345678"]
    degree = record.achievement("urn:epass:qualification:1")
    assert degree is not None and degree.name == {"en": "Master Media Culture"}
    assert degree.credits_available == 60
    eqf = [a for a in degree.alignments if a.target_framework == "EQF"]
    assert [a.target_url for a in eqf] == ["http://data.europa.eu/snb/eqf/7"]
    assert degree.in_language == "en"
    module = record.achievement("urn:epass:learningAchievementSpec:1")
    assert module is not None and module.credits_available == 6.0
    assert module.achievement_type == "Course"
    grades = [r.value for a in record.awards for r in a.results]
    assert len(grades) == 10 and grades[0] == "7,0" and "Pass" in grades
    assert all(a.issuer and a.issuer.identifiers for a in record.awards)
    eidas = [i for i in record.publisher.identifiers if i.scheme == "eIDASIdentifier"]  # type: ignore[union-attr]
    assert len(eidas) == 1
    esco = [
        s for s in record.skills if (s.url or "").startswith("http://data.europa.eu/esco/skill/")
    ]
    assert esco and all(s.framework == "ESCO" and s.evidenced_by for s in esco)
    assert any(s.name == {"en": "digital communication and collaboration"} for s in esco)
    assert any(e.code == "unverified-signature" and "JAdES" in e.message for e in report.entries)


def test_language_maps_are_kept_whole_and_normalised(upstream: Path) -> None:
    record, _ = lerbridge.read(
        upstream / "elm" / "eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld"
    )
    body = record.awards[0].source
    assert body is not None and body.id == "urn:epass:org:2"
    assert body.name == {"en": "Learning Provider", "hu": "Tanulás Szolgáltató"}
    bengales, report = lerbridge.read(upstream / "elm" / "ebsi-edc_Bengales_highSchoolDiploma.json")
    assert all(isinstance(v, str) for a in bengales.awards for v in (a.name or {}).values())
    _, report = lerbridge.read(upstream / "elm" / "edci-software_credential_shouldValidate.jsonld")
    assert any(e.code == "value-coerced" and "'en '" in e.message for e in report.entries)


def test_flattened_graph_is_embedded(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / "elm" / "edci-software_credFlatten_graph.jsonld")
    assert record.publisher is not None
    assert record.publisher.id == "http://example.org/issuer565049"
    assert record.publisher.name == {"en": "some legal name", "fr": "un nom lÃ©gal"}
    assert record.provenance is not None and "graph" in record.provenance.dialect  # type: ignore[operator]


def test_reused_ids_are_reported_not_merged(upstream: Path) -> None:
    _, report = lerbridge.read(
        upstream / "elm" / "mynextid_certificate-of-attendance_unsigned.json"
    )
    hits = [e for e in report.entries if e.code == "id-conflict"]
    assert {e.message.split()[1] for e in hits} == {
        "urn:epass:mediaObject:2",
        "urn:epass:displayDetail:2",
    }


def test_sd_jwt_disclosure_is_the_elm_claim(upstream: Path) -> None:
    jwt, report = lerbridge.read(upstream / "elm" / "dc4eu-vc_elm-credential.sd-jwt")
    claim, _ = lerbridge.read(upstream / "elm" / "dc4eu-vc_elm_3_2_elm-claim-wrapper.json")
    assert jwt.awards == claim.awards and jwt.person == claim.person
    assert jwt.provenance is not None and jwt.provenance.dialect == "vc1.1+sd-jwt"
    assert any(e.code == "unverified-signature" and "SD-JWT" in e.message for e in report.entries)


def test_upload_wrapper_delivery_details_are_reported(upstream: Path) -> None:
    path = upstream / "elm" / "eu-elm-support_AA-Annex1-MC_unsigned-upload-wrapper.json"
    _, report = lerbridge.read(path)
    assert any(e.source_path == "/deliveryDetails" for e in report.entries)


def test_ebsi_vc2_envelope_is_recorded(upstream: Path) -> None:
    record, report = lerbridge.read(upstream / "elm" / "ebsi-edc_Diploma_rntuo_credential.json")
    assert record.provenance is not None and record.provenance.dialect == "vc2"
    assert any(e.code == "dialect-upgraded" for e in report.entries)


def test_not_an_edc_is_a_clear_error() -> None:
    with pytest.raises(ReadError, match="not a European Digital Credential"):
        lerbridge.read(b'{"type": ["VerifiableCredential"], "credentialSubject": {}}', ELM)
    with pytest.raises(ReadError, match="no disclosure named 'elm'"):
        lerbridge.read(b"eyJhbGciOiJFUzI1NiJ9.eyJ2Y3QiOiJ4In0.c2ln~WyJzIiwiYSIsMV0~", ELM)
