"""What CLR 1.0 means is said in mappings/clr1.yaml, not in Python: the identifier schemes
of Profile.studentId / Profile.sourcedId (``with``), CLR 1.0 spellings of CLR 2.0 terms
(``read_table``), JSON-LD nulls. These tests pin the declarations and what they do, down to
the written CLR 2.0 and the JSON Pointer of each report entry."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from test_clr1 import ISSUER, LEARNER_ID, clr1

import lerbridge
from lerbridge.formats.base import ReadOptions
from lerbridge.formats.clr.clr1 import read_clr1
from lerbridge.formats.clr.links import resolve_associations
from lerbridge.mapping.compiler import load_mapping
from lerbridge.model import Achievement, Association, Award, LearnerRecord
from lerbridge.report import LossReport


def _rule(obj: str, native: str) -> Any:
    [rule] = [r for r in load_mapping("clr1").objects[obj].rules if r.native_str == native]
    return rule


def test_profile_identifier_schemes_are_declared() -> None:
    for obj in ("Learner", "Profile"):
        student, sourced = _rule(obj, "studentId"), _rule(obj, "sourcedId")
        assert student.with_ == {"scheme": "ext:studentId"}
        assert sourced.with_ == {"scheme": "sourcedId"}
        assert (student.iri, student.compact) == ("value", True)


def test_renamed_vocabulary_is_declared() -> None:
    ach_type = _rule("Achievement", "achievementType").params
    assert ach_type["read_table"] == {"Co-Curricular": "CoCurricular"}
    assert "CoCurricular" in ach_type["values"]
    ident_type = _rule("SystemIdentifier", "identifierType").params
    assert ident_type["read_table"] == {
        "LisSourcedId": "lisSourcedId",
        "OneRosterSourcedId": "oneRosterSourcedId",
    }


def test_student_id_is_written_as_an_ext_identity_object() -> None:
    doc = clr1()
    doc["learner"] = {"id": LEARNER_ID, "studentId": "2645082212"}
    result = lerbridge.convert(doc, to="clr")
    person = result.record.person
    assert person is not None
    assert [(i.value, i.scheme) for i in person.identifiers] == [("2645082212", "ext:studentId")]
    out = json.loads(result.documents[0].data)
    assert out["credentialSubject"]["identifier"] == [
        {
            "type": "IdentityObject",
            "identityHash": "2645082212",
            "identityType": "ext:studentId",
            "hashed": False,
        }
    ]
    # the publisher's sourcedId: an IdentifierEntry of the CLR 2.0 issuer
    assert out["issuer"]["otherIdentifier"] == [
        {
            "type": "IdentifierEntry",
            "identifier": ISSUER["sourcedId"],
            "identifierType": "sourcedId",
        }
    ]


def test_one_value_as_student_id_and_sourced_id() -> None:
    doc = clr1()
    doc["learner"] = {"id": LEARNER_ID, "studentId": "7", "sourcedId": "7"}
    doc["publisher"] = {**ISSUER, "studentId": "7", "sourcedId": "7"}
    rec, _ = lerbridge.read(doc, "clr")
    assert rec.person is not None and rec.publisher is not None
    for holder in (rec.person, rec.publisher):
        assert [(i.value, i.scheme) for i in holder.identifiers] == [
            ("7", "ext:studentId"),
            ("7", "sourcedId"),
        ]


def test_a_user_mapping_extending_clr1_changes_a_scheme(tmp_path: Path) -> None:
    path = tmp_path / "sis.yaml"
    path.write_text(
        "mapping: clr1-sis\nnamespace: clr1\nextends: clr1\nobjects:\n"
        "  Learner:\n    rules:\n"
        "      - {native: studentId, canonical: identifiers, object: ProfileIdentifier,\n"
        "         iri: value, compact: true, with: {scheme: 'ext:sisId'}}\n",
        encoding="utf-8",
    )
    rec = read_clr1(clr1(), "", ReadOptions(mapping=str(path)), LossReport())
    assert rec.person is not None
    assert [(i.value, i.scheme) for i in rec.person.identifiers] == [
        ("2645082212", "ext:sisId"),
        ("22257", "sourcedId"),
    ]


def test_co_curricular_is_upgraded_at_its_pointer() -> None:
    rec, report = lerbridge.read(clr1(), "clr")
    band = rec.achievement("urn:uuid:ach-band")
    assert band is not None and band.achievement_type == "CoCurricular"
    coerced = {
        e.source_path: (e.excerpt, e.canonical_path, e.source_format)
        for e in report.by_code("value-coerced")
        if e.excerpt in ("Co-Curricular", "LisSourcedId")
    }
    # the band achievement is embedded in an assertion and listed in achievements
    assert coerced == {
        "/assertions/1/achievement/achievementType": ("Co-Curricular", "achievement_type", "clr1"),
        "/achievements/0/achievementType": ("Co-Curricular", "achievement_type", "clr1"),
        "/assertions/1/achievement/identifiers/0/identifierType": (
            "LisSourcedId",
            "scheme",
            "clr1",
        ),
        "/achievements/0/identifiers/0/identifierType": ("LisSourcedId", "scheme", "clr1"),
    }
    # upgraded, so valid: not reported as outside the list of values
    assert not [e for e in report.by_code("source-schema-violation") if "Curricular" in e.message]


def test_co_curricular_is_written_in_its_clr2_spelling() -> None:
    result = lerbridge.convert(clr1(), to="clr")
    out = json.loads(result.documents[0].data)
    nested = out["credentialSubject"]["verifiableCredential"]
    achievement = nested[1]["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "CoCurricular"
    assert achievement["otherIdentifier"][0]["identifierType"] == "lisSourcedId"
    approximated = {e.excerpt for e in result.report.by_code("enum-approximated")}
    assert not approximated & {"CoCurricular", "lisSourcedId"}


def test_nulls_say_nothing() -> None:
    doc = clr1(achievements=None, endorsements=None)
    doc["learner"]["email"] = None
    doc["assertions"][0]["achievement"]["tags"] = ["Core", None]
    doc["assertions"].append(None)
    rec, report = lerbridge.read(doc, "clr")
    assert [a.id for a in rec.awards] == ["urn:uuid:assert-algebra", "urn:uuid:assert-band"]
    algebra = rec.achievement("urn:uuid:ach-algebra")
    assert algebra is not None and algebra.tags == ["Core"]
    assert rec.person is not None and rec.person.emails == []
    assert rec.extensions == {}
    assert "source-schema-violation" not in report.codes()
    kept = {e.source_path for e in report.by_code("unmapped-source-field")}
    assert not kept & {"/achievements", "/endorsements", "/learner/email", "/assertions"}


def test_the_input_document_is_not_changed() -> None:
    doc = clr1()
    before = copy.deepcopy(doc)
    rec, _ = lerbridge.read(doc, "clr")
    assert rec.associations and doc == before


def test_association_paths_come_from_the_caller() -> None:
    rec = LearnerRecord(
        achievements=[Achievement(id="a", name={"und": "A"})],
        awards=[Award(id="cred-a", achievement_id="a")],
        associations=[Association(type="isPeerOf", source_id="cred-a", target_id="gone")],
    )
    report = LossReport()
    out = resolve_associations(rec, report, lambda i, end: f"/x/{i}/{end}", "fmt")
    assert (out.associations[0].source_id, out.associations[0].target_id) == ("a", "gone")
    assert [(e.code, e.source_path, e.source_format) for e in report.entries] == [
        ("value-coerced", "/x/0/sourceId", "fmt"),
        ("unresolved-reference", "/x/0/targetId", "fmt"),
    ]
