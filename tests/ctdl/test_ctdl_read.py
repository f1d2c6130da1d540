"""Reading every CTDL form: embedded, /graph/ with blank nodes, Registry envelopes (BOM),
CTDL inside a W3C credential, legacy 2017 records with http:// contexts."""

from __future__ import annotations

from pathlib import Path

import pytest
from ctdl_helpers import FIXTURES, codes, read_bytes, read_fixture

from lerbridge.formats import registry
from lerbridge.formats.base import Input

BACHELOR = "ingest-example_credential-1_bachelordegree.json"
ORG_URL = (
    "https://credentialengine.github.io/credential-registry-ingest-examples/"
    "Organization/1/Organization-1.json"
)


@pytest.mark.parametrize("name", FIXTURES)
def test_every_fixture_is_detected_and_read(shared_dir: Path, name: str) -> None:
    data = (shared_dir / "fixtures-upstream" / "ctdl" / name).read_bytes()
    assert registry.detect(Input(data, name)).name == "ctdl"
    record, _ = read_fixture(shared_dir, name)
    assert record.provenance is not None and record.provenance.format == "ctdl"
    assert record.achievements or record.organizations or record.frameworks


def test_embedded_bachelor_degree(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, BACHELOR)
    (ach,) = record.achievements
    assert ach.achievement_type == "BachelorDegree"
    assert ach.ctid == "ce-edc318c1-aa67-47e2-9638-a8529e6612d4"
    assert ach.name == {"en-US": "Bachelor of Science in Cybersecurity"}
    assert ach.description is not None and ach.description["en-US"].startswith("Example University")
    assert [p.id for p in ach.owned_by] == [ORG_URL]
    assert [p.id for p in ach.offered_by] == [ORG_URL]
    assert ach.subject_webpage == "http://example.com/#bachelordegree"
    assert ach.languages == ["en"]
    assert ach.status == "credentialStat:Active"
    (req,) = ach.requirements
    assert req.kind == "ceterms:ConditionProfile"
    assert req.name == {"en-US": "Curriculum"}
    assert req.asserted_by == [ORG_URL]
    assert req.target_learning_opportunities == [
        "https://credentialengine.github.io/credential-registry-ingest-examples/"
        "LearningProgram/2/LearningProgram-2.json"
    ]
    # 1EdTech practice: the credential's own CTID as an alignment, for OB 3.0 / CLR 2.0
    (al,) = ach.alignments
    assert (al.target_type, al.target_code) == ("ceterms:Credential", ach.ctid)
    # what no canonical field holds is kept for CTDL and reported
    assert "ceterms:recognizedBy" in ach.extensions["ctdl"]
    assert "ceterms:audienceLevelType" in ach.extensions["ctdl"]
    assert "unmapped-source-field" in codes(report)
    assert record.provenance is not None and record.provenance.dialect == "embedded"


@pytest.mark.parametrize(
    ("name", "kind", "ctid"),
    [
        ("ingest-example_course-1a.json", "Course", "ce-7160aae4-5185-4564-95ab-428419974643"),
        (
            "ingest-example_learningprogram-1.json",
            "LearningProgram",
            "ce-23b0e606-545c-4383-8630-f97ec3b190fa",
        ),
    ],
)
def test_courses_and_programs_are_achievements(
    shared_dir: Path, name: str, kind: str, ctid: str
) -> None:
    record, _ = read_fixture(shared_dir, name)
    (ach,) = record.achievements
    assert (ach.achievement_type, ach.ctid) == (kind, ctid)
    assert ach.status is not None and ach.status.startswith("lifeCycle:")
    assert ach.owned_by and ach.name


def test_organization_is_a_profile(shared_dir: Path) -> None:
    record, _ = read_fixture(shared_dir, "ingest-example_organization-1.json")
    (org,) = record.organizations
    assert org.kind == "ceterms:Organization"
    assert org.id == ORG_URL
    assert org.ctid is not None and org.ctid.startswith("ce-")
    assert org.name and org.url
    assert not record.achievements


def test_graph_with_blank_nodes(shared_dir: Path) -> None:
    record, _ = read_fixture(shared_dir, "registry-assistant_certification_detailed_graph.json")
    assert record.provenance is not None and record.provenance.dialect == "graph"
    types = {a.id: a.achievement_type for a in record.achievements}
    main = next(a for a in record.achievements if a.achievement_type == "Certification")
    assert main.ctid == "ce-509682bb-658e-4eb6-87f2-ebff5d5e0aec"
    # entity blank nodes (unpublished references) stay entities, referenced by their _: id
    blanks = {i for i in types if i.startswith("_:")}
    assert types["_:2fd183d0-69d9-4c1d-ad71-6e41cc112da4"] == "MasterDegree"
    assert types["_:a895a294-23e8-46fd-a5cb-8c5dcde27899"] == "ext:LearningOpportunityProfile"
    assert {o.kind for o in record.organizations} == {"ceterms:QACredentialOrganization"}
    assert blanks == {
        "_:2fd183d0-69d9-4c1d-ad71-6e41cc112da4",
        "_:a895a294-23e8-46fd-a5cb-8c5dcde27899",
    }
    targets = {t for r in main.requirements for t in r.target_learning_opportunities}
    assert "_:a895a294-23e8-46fd-a5cb-8c5dcde27899" in targets
    # isPreparationFor has no canonical field: kept for CTDL with its _: reference
    prep = main.extensions["ctdl"]["ceterms:isPreparationFor"]
    assert prep[0]["ceterms:targetCredential"] == ["_:2fd183d0-69d9-4c1d-ad71-6e41cc112da4"]
    assert (
        "_:99fe32d9-ab9e-4f4c-9dad-dbb11e006b28" in main.extensions["ctdl"]["ceterms:accreditedBy"]
    )


def test_envelope_with_bom(shared_dir: Path) -> None:
    path = (
        shared_dir / "fixtures-upstream" / "ctdl" / "registry-envelope_credentialorganization.json"
    )
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    record, report = read_bytes(data)
    assert record.provenance is not None and record.provenance.dialect == "envelope+graph"
    main = record.organizations[0]
    assert main.kind == "ceterms:CredentialOrganization"
    assert main.ctid is not None and main.ctid.startswith("ce-6a62b250")
    assert "unverified-signature" in codes(report)
    envelope = [e for e in report if "envelope metadata" in e.message]
    assert envelope and "envelope_id" in envelope[0].message
    # source paths point into the document, not into lerbridge's grouping
    paths = [e.source_path for e in report if e.source_path]
    assert any(p.startswith("/decoded_resource/@graph/0/") for p in paths)


def test_bom_and_no_bom_read_the_same(shared_dir: Path) -> None:
    data = (shared_dir / "fixtures-upstream" / "ctdl" / BACHELOR).read_bytes()
    plain, _ = read_bytes(data)
    bom, _ = read_bytes(b"\xef\xbb\xbf" + data)
    assert plain == bom


def test_vc_wrapping_ctdl(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "vc-with-ctdl_degree_in_registry_and_vc.json")
    (ach,) = record.achievements
    assert ach.id == "res:ce-49247727-7cbd-4f0e-8179-e51036d1f14a"
    assert ach.achievement_type == "BachelorDegree"
    # the person's award is the VC around the description
    (award,) = record.awards
    assert award.achievement_id == ach.id
    assert award.recipient is not None
    assert award.recipient.id == "did:example:ebfeb1f712ebc6f1c276e12ec21"
    assert award.valid_from == "2010-01-01T00:00:00Z"
    # ceterms:requires naming ceasn:Competency nodes directly (the VC samples' shortcut)
    assert [r.kind for r in ach.requirements] == ["ceasn:Competency", "ceasn:Competency"]
    assert ach.requirements[0].extensions["ctdl"]["ceasn:codedNotation"] == "EXKSCI1"
    assert codes(report).count("dialect-upgraded") == 2  # two http:// contexts


def test_legacy_http_context_and_upper_case_ctid(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "legacy-2017_certification_cota.json")
    (ach,) = record.achievements
    assert ach.achievement_type == "Certification"
    assert ach.ctid == "ce-1A4AB486-8212-4708-B7D5-C5167FDD2B47"  # kept exactly
    bad = [e for e in report if "malformed CTID" in e.message]
    assert len(bad) == 1 and bad[0].source_path == "/ceterms:ctid"
    assert bad[0].code == "source-schema-violation"
    upgraded = [e for e in report if e.code == "dialect-upgraded"]
    assert upgraded and upgraded[0].excerpt == "http://credreg.net/ctdl/schema/context/json"


def test_legacy_assessment_profile(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "legacy-2017_assessmentprofile_crna.json")
    (ach,) = record.achievements
    assert ach.achievement_type == "ext:AssessmentProfile"  # never OB "Assessment"
    assert ach.ctid == "ce-03A8B239-A5D9-4708-B3D2-73C2BE8D4505"
    assert any("malformed CTID" in e.message for e in report)


def test_unstable_subclass_is_an_ext_value_and_reported(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "handbook_degree_with_concentration.json")
    degree = next(a for a in record.achievements if a.name)
    assert degree.achievement_type == "ext:BachelorOfScienceDegree"
    approx = [e for e in report if e.code == "enum-approximated"]
    assert approx and "ceterms:BachelorOfScienceDegree" in approx[0].message
    # a single ConditionProfile (not a list) with two alternative conditions
    (req,) = degree.requirements
    assert [a.name for a in req.alternatives] == [
        {"en": "Requirements for Business Analytics"},
        {"en": "Requirements for GIS"},
    ]
    assert req.alternatives[1].target_learning_opportunities == [
        "res:ce-213a716e-4fe9-45a5-be8a-bfe10b2b332b",
        "res:ce-d1e848de-b4e3-4ef6-9348-9b5e1f0dea4d",
    ]


def test_malformed_ctid_is_reported_never_rewritten() -> None:
    doc = (
        b'{"@context": "https://credreg.net/ctdl/schema/context/json", "@id": "https://x.org/c",'
        b' "@type": "ceterms:Certificate", "ceterms:ctid": "ce-ce-7679adctc3c9",'
        b' "ceterms:name": {"en": "A certificate"}}'
    )
    record, report = read_bytes(doc)
    assert record.achievements[0].ctid == "ce-ce-7679adctc3c9"
    assert [e.excerpt for e in report if "malformed CTID" in e.message] == ["ce-ce-7679adctc3c9"]


def test_language_map_kept_whole() -> None:
    doc = (
        b'{"@context": "https://credreg.net/ctdl/schema/context/json", "@id": "https://x.org/c",'
        b' "@type": "ceterms:Certificate", "ceterms:name": {"ar-sa": "\xd8\xb4\xd9\x87\xd8\xa7\xd8'
        b'\xaf\xd8\xa9", "en": "Certificate"}, "ceterms:inLanguage": ["ar-SA", "en"]}'
    )
    record, _ = read_bytes(doc)
    ach = record.achievements[0]
    assert ach.name == {"ar-sa": "شهادة", "en": "Certificate"}  # keys as written
    assert ach.languages == ["ar-SA", "en"]
