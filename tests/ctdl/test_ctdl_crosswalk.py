"""OB 3.0 / CLR 2.0 <-> CTDL: the achievementType <-> CTDL class table (with the 1EdTech
traps), CTIDs carried through alignments, award data reported, and the chain
CTDL BachelorDegree -> OB 3.0 -> CLR 2.0 valid at each step."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ctdl_helpers import read_bytes, read_fixture, write

import lerbridge
from lerbridge import specs
from lerbridge.formats import registry
from lerbridge.formats.base import Input, ReadOptions, WriteOptions
from lerbridge.formats.ctdl import vocab
from lerbridge.formats.ctdl.offer import award_offering
from lerbridge.mapping.compiler import load_mapping
from lerbridge.model import Achievement, LearnerRecord, Profile
from lerbridge.report import LossReport

OB3_EXAMPLE = "fixtures-upstream/openbadges/ob3/spec-examples/complete-unsigned.json"
#: OB 3.0 and CLR 2.0 credentials under ../shared/fixtures-upstream, for detection
UPSTREAM_OB3 = [
    "openbadges/ob3/1edtech-validator/complete_v1.json",
    "openbadges/ob3/1edtech-validator/simple.json",
    "openbadges/ob3/dcc-verifier-core/v2EddsaWithValidStatus.json",
    "openbadges/ob3/spec-examples/basic-teamwork.json",
    "openbadges/ob3/spec-examples/complete-unsigned.json",
    "openbadges/ob3/spec-examples/endorsement.json",
    "openbadges/ob3/spec-examples/skill-assertion-case.json",
]
UPSTREAM_CLR = [
    "1edtech-obspec_clr2-testvector_signed.json",
    "1edtech-validator_clr2-complex_vc1-signed.json",
    "1edtech-validator_clr2-simple-noproof_draft-context.json",
    "learncard_clr2-nd-student-transcript_realworld.json",
    "learncard_clr2-westbridge-full-transcript.json",
]
SPEC_CTID = "ce-98cb027b-95ef-4494-908d-6f7790ec6b6b"


def _type_params() -> dict[str, Any]:
    spec = load_mapping("ctdl").objects["Credential"]
    rule = next(r for r in spec.rules if r.native_str == "type")
    return rule.params


def test_type_table_covers_all_48_credential_subclasses() -> None:
    voc = vocab.vocabulary()
    subclasses = {c for c in voc.parents if c != "ceterms:Credential"}
    subclasses = {c for c in subclasses if "ceterms:Credential" in vocab.ancestors(c)}
    assert len(subclasses) == 48
    exact = _type_params()["exact"]
    assert subclasses | {"ceterms:Credential"} == set(exact)
    for cls in subclasses:
        if not voc.stable[cls]:  # the 26 unstable ones: an ext: value, never a stable OB type
            assert exact[cls] == "ext:" + cls.split(":")[1], cls
    assert sum(not voc.stable[c] for c in subclasses) == 26
    assert exact["ceterms:OpenBadge"] == "Badge"  # trap: OB Badge is ceterms:OpenBadge
    assert exact["ceterms:Badge"] == "ext:Badge"


def _ctdl_type_of(achievement_type: str | None) -> tuple[str, LossReport]:
    record = LearnerRecord(
        achievements=[
            Achievement(
                id="https://example.edu/a",
                achievement_type=achievement_type,
                name={"en": "An achievement"},
                description={"en": "Description of the achievement."},
            )
        ]
    )
    (doc,), report = write(record)
    return doc["@type"], report


@pytest.mark.parametrize(
    ("ob", "ctdl", "approximated"),
    [
        ("BachelorDegree", "ceterms:BachelorDegree", False),
        ("Badge", "ceterms:OpenBadge", False),
        ("MicroCredential", "ceterms:MicroCredential", False),
        ("ext:BachelorOfScienceDegree", "ceterms:BachelorOfScienceDegree", False),
        ("Assessment", "ceterms:AssessmentProfile", True),
        ("Achievement", "ceterms:OpenBadge", True),
        ("Membership", "ceterms:OpenBadge", True),
        ("Course", "ceterms:Course", False),
        ("LearningProgram", "ceterms:LearningProgram", False),
    ],
)
def test_achievement_type_to_ctdl_class(ob: str, ctdl: str, approximated: bool) -> None:
    cls, report = _ctdl_type_of(ob)
    assert cls == ctdl
    approx = [e for e in report if e.code == "enum-approximated"]
    assert bool(approx) is approximated


@pytest.mark.parametrize(
    ("ctdl", "ob"),
    [
        ("ceterms:BachelorDegree", "BachelorDegree"),
        ("ceterms:OpenBadge", "Badge"),
        ("ceterms:Badge", "ext:Badge"),
        ("ceterms:DigitalBadge", "ext:DigitalBadge"),
        ("ceterms:AcademicCertificate", "ext:AcademicCertificate"),
        ("ceterms:AssessmentProfile", "ext:AssessmentProfile"),
        ("ceterms:Course", "Course"),
    ],
)
def test_ctdl_class_to_achievement_type_and_back(ctdl: str, ob: str) -> None:
    doc = {
        "@context": "https://credreg.net/ctdl/schema/context/json",
        "@id": "https://example.edu/x",
        "@type": ctdl,
        "ceterms:ctid": "ce-2b6d2b2c-8f5e-4a39-9a8e-3c0a4c1b9e11",
        "ceterms:name": {"en": "X"},
    }
    record, _ = read_bytes(json.dumps(doc).encode())
    assert record.achievements[0].achievement_type == ob
    (out,), _ = write(record)
    assert out["@type"] == ctdl


def _ob3(shared: Path) -> tuple[LearnerRecord, bytes]:
    data = (shared / OB3_EXAMPLE).read_bytes()
    (rec,) = registry.get("ob3").reader(Input(data, "ob3.json"), ReadOptions(), LossReport())
    return rec, data


def test_ob3_spec_example_to_ctdl_and_back(shared_dir: Path) -> None:
    rec, _ = _ob3(shared_dir)
    (doc,), report = write(rec)
    # the alignment to CTDL gives the CTID; achievementType Degree gives the class
    assert doc["ceterms:ctid"] == SPEC_CTID
    assert doc["@type"] == "ceterms:Degree"
    assert doc["ceterms:name"] == "1EdTech University Degree"
    assert doc["ceterms:ownedBy"][0]["@id"] == "https://1edtech.edu/issuers/565049"
    by_path = {e.canonical_path: e for e in report}
    assert by_path["achievements[0].ctid"].code == "value-synthesized"
    # award data has no CTDL form: every part of it is in the loss report
    for name in ("recipient", "valid_from", "results", "evidence", "credential", "credits_earned"):
        assert by_path[f"awards[0].{name}"].code == "no-target-field", name
    # ceterms:Degree may not be published: said, not hidden
    assert any("not a concrete credential class" in e.message for e in report)

    # back: the CTDL description read again, awarded by the original credential
    back, _ = read_bytes(json.dumps(doc).encode())
    (desc,) = back.achievements
    assert (desc.ctid, desc.achievement_type) == (SPEC_CTID, "Degree")
    award = rec.awards[0].model_copy(update={"achievement_id": desc.id})
    combined = LearnerRecord(achievements=[desc], awards=[award])
    w = LossReport()
    (ob3,) = registry.get("ob3").writer(combined, WriteOptions(), w)
    native = json.loads(ob3.data)
    assert specs.is_valid(native, "ob3/achievementcredential")
    ach = native["credentialSubject"]["achievement"]
    assert ach["achievementType"] == "Degree"
    assert {"targetType": "ceterms:Credential", "targetCode": SPEC_CTID}.items() <= next(
        a for a in ach["alignment"] if a.get("targetCode") == SPEC_CTID
    ).items()


def test_ctdl_bachelor_to_ob3_to_clr(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "ingest-example_credential-1_bachelordegree.json")
    ach = record.achievements[0]
    # OB 3.0 states an award; CTDL has none. The caller supplies it, and it is reported.
    with pytest.raises(lerbridge.errors.WriteError, match="no award"):
        registry.get("ob3").writer(record, WriteOptions(), LossReport())
    issuer = Profile(id=ach.owned_by[0].id, name={"en": "Example University"})
    awarded = award_offering(
        record,
        ach.id,
        recipient_id="did:example:learner",
        issuer=issuer,
        valid_from="2024-06-01T00:00:00Z",
        report=report,
    )
    synth = [e.canonical_path for e in report if e.code == "value-synthesized"]
    assert synth == ["awards[0].recipient.id", "awards[0].issuer", "awards[0].valid_from"]

    ob3_report = LossReport()
    (ob3,) = registry.get("ob3").writer(awarded, WriteOptions(), ob3_report)
    native = json.loads(ob3.data)
    assert specs.is_valid(native, "ob3/achievementcredential")
    out = native["credentialSubject"]["achievement"]
    assert out["achievementType"] == "BachelorDegree"
    assert out["name"] == "Bachelor of Science in Cybersecurity"
    assert any(a["targetCode"] == ach.ctid for a in out["alignment"])
    lost = {e.canonical_path.rsplit(".", 1)[-1] for e in ob3_report if e.code == "no-target-field"}
    assert {"languages", "owned_by", "requirements", "status"} <= lost

    (ob_rec,) = registry.get("ob3").reader(Input(ob3.data, "ob3.json"), ReadOptions(), LossReport())
    (clr,) = registry.get("clr").writer(ob_rec, WriteOptions(), LossReport())
    clr_native = json.loads(clr.data)
    assert specs.is_valid(clr_native, "clr/clrcredential")
    nested = clr_native["credentialSubject"]["verifiableCredential"][0]
    assert nested["credentialSubject"]["achievement"]["achievementType"] == "BachelorDegree"


def test_second_language_dropped_for_ob3_is_reported(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "ingest-example_credential-1_bachelordegree.json")
    ach = record.achievements[0]
    ach = ach.model_copy(
        update={"name": {**(ach.name or {}), "es": "Licenciatura en Ciberseguridad"}}
    )
    record = record.model_copy(update={"achievements": [ach]})
    awarded = award_offering(
        record,
        ach.id,
        recipient_id="did:example:learner",
        issuer=Profile(id="https://example.edu/org"),
        valid_from="2024-06-01T00:00:00Z",
        report=report,
    )
    w = LossReport()
    (doc,) = registry.get("ob3").writer(awarded, WriteOptions(language="en-US"), w)
    assert json.loads(doc.data)["credentialSubject"]["achievement"]["name"] == (
        "Bachelor of Science in Cybersecurity"
    )
    dropped = [e for e in w if e.code == "language-dropped"]
    assert dropped and dropped[0].excerpt == "Licenciatura en Ciberseguridad"
    # CTDL keeps both languages
    (ctdl_doc,), _ = write(record)
    assert ctdl_doc["ceterms:name"] == {
        "en-US": "Bachelor of Science in Cybersecurity",
        "es": "Licenciatura en Ciberseguridad",
    }


def test_detection_tells_ctdl_from_ob3_and_clr(
    shipped: Path, upstream: Path, shared_dir: Path
) -> None:
    ob3 = [*sorted((shipped / "ob3").glob("*.json")), *(upstream / r for r in UPSTREAM_OB3)]
    for path in ob3:
        assert lerbridge.detect(path) == "ob3", path.name
    for path in (upstream / "clr" / name for name in UPSTREAM_CLR):
        assert lerbridge.detect(path) == "clr", path.name
    assert lerbridge.detect(shared_dir / OB3_EXAMPLE) == "ob3"
    for path in sorted((shared_dir / "fixtures-upstream" / "ctdl").glob("*.json")):
        assert lerbridge.detect(path) == "ctdl", path.name
    # an OB 3.0 credential whose context list also names CTDL is still OB 3.0
    ob = json.loads((shared_dir / OB3_EXAMPLE).read_text())
    ob["@context"].append("https://credreg.net/ctdl/schema/context/json")
    assert lerbridge.detect(json.dumps(ob).encode()) == "ob3"


def test_competency_alignments_become_a_condition_profile() -> None:
    from lerbridge.model import Alignment

    comp = Alignment(
        target_type="ceasn:Competency",
        target_url="https://credentialengineregistry.org/resources/ce-84958217-1323-46fe-87c8-652120800190",
        target_name={"en": "Knowledge of Science"},
        target_code="EXKSCI1",
    )
    other = Alignment(target_type="CFItem", target_url="https://example.org/case/1")
    record = LearnerRecord(
        achievements=[
            Achievement(
                id="https://example.edu/a",
                achievement_type="Badge",
                name={"en": "Science badge"},
                description={"en": "Awarded for knowledge of science."},
                alignments=[comp, other],
            )
        ]
    )
    (doc,), report = write(record)
    (req,) = doc["ceterms:requires"]
    assert req["@type"] == "ceterms:ConditionProfile"
    assert req["ceterms:targetCompetency"] == [
        {
            "@type": "ceterms:CredentialAlignmentObject",
            "ceterms:targetNode": comp.target_url,
            "ceterms:targetNodeName": {"en": "Knowledge of Science"},
            "ceterms:codedNotation": "EXKSCI1",
        }
    ]
    synth = [e for e in report if e.canonical_path == "achievements[0].alignments"]
    assert [e.code for e in synth] == ["value-synthesized", "no-target-field"]
    # and read back: the ConditionProfile's targetCompetency is a competency alignment again
    back, _ = lerbridge.read(json.dumps(doc).encode(), "ctdl")
    (got,) = back.achievements[0].requirements[0].target_competencies
    assert (got.target_type, got.target_url, got.target_code, got.target_name) == (
        "ceasn:Competency",
        comp.target_url,
        "EXKSCI1",
        {"en": "Knowledge of Science"},
    )


def test_ob3_reports_organizations_and_frameworks_it_cannot_hold(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "ingest-example_credential-1_bachelordegree.json")
    org, _ = read_fixture(shared_dir, "ingest-example_organization-1.json")
    record = record.model_copy(update={"organizations": org.organizations})
    ach = record.achievements[0]
    awarded = award_offering(
        record,
        ach.id,
        recipient_id="did:example:learner",
        issuer=Profile(id="https://example.edu/org"),
        valid_from="2024-06-01T00:00:00Z",
        report=report,
    )
    w = LossReport()
    registry.get("ob3").writer(awarded, WriteOptions(), w)
    assert any(e.canonical_path == "organizations" for e in w.by_code("no-target-field"))
