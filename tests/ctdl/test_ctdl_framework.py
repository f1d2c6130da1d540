"""CTDL-ASN competency frameworks: framework and competencies become the canonical
CompetencyFramework and Skills, with their hierarchy, and are written back complete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from ctdl_helpers import read_fixture, source_json, write

from lerbridge.model import LearnerRecord

FRAMEWORKS = (
    ("competencyframework_onet_basic_skills.json", 12),
    ("registry-envelope_competencyframework_hosp229.json", 13),
)


def _strip(obj: Any) -> Any:
    """The canonical JSON form without any extension: what a non-CTDL source could say."""
    if isinstance(obj, dict):
        return {k: _strip(v) for k, v in obj.items() if k != "extensions"}
    if isinstance(obj, list):
        return [_strip(v) for v in obj]
    return obj


@pytest.mark.parametrize(("name", "count"), FRAMEWORKS)
def test_framework_to_canonical(shared_dir: Path, name: str, count: int) -> None:
    record, _ = read_fixture(shared_dir, name)
    (fw,) = record.frameworks
    assert len(record.skills) == count
    assert all(s.framework == fw.id for s in record.skills)
    assert all(s.text for s in record.skills)
    ids = {s.id for s in record.skills}
    assert set(fw.top_children) <= ids
    for skill in record.skills:
        if skill.parent_id:
            parent = next(p for p in record.skills if p.id == skill.parent_id)
            assert skill.id in parent.children


def test_onet_hierarchy(shared_dir: Path) -> None:
    record, report = read_fixture(shared_dir, "competencyframework_onet_basic_skills.json")
    (fw,) = record.frameworks
    assert fw.name == {
        "en-us": "O*NET Content Model Worker Requirements - Basic Skills: U.S. Department of Labor "
        "(DOL)"
    }
    by_id = {s.id: s for s in record.skills}
    tops = [by_id[i].name for i in fw.top_children]
    assert tops == [{"en-us": "Content"}, {"en-us": "Process"}]
    content = by_id[fw.top_children[0]]
    assert [by_id[c].name["en-us"] for c in content.children if by_id[c].name] == [
        "Reading Comprehension",
        "Active Listening",
        "Writing",
        "Speaking",
        "Mathematics",
        "Science",
    ]
    # O*NET's CTIDs are UUID v1: each reported, none rewritten
    bad = [e for e in report if "malformed CTID" in e.message]
    assert len(bad) == 13
    assert fw.ctid == "ce-07c25f74-9119-11e8-b852-782bcb5df6ac"


@pytest.mark.parametrize(("name", "count"), FRAMEWORKS)
def test_framework_through_canonical_json_to_ctdl_asn(
    shared_dir: Path, name: str, count: int
) -> None:
    record, _ = read_fixture(shared_dir, name)
    plain = LearnerRecord.model_validate(_strip(record.model_dump(mode="json")))
    (doc,), report = write(plain)
    assert doc["@context"] == "https://credreg.net/ctdlasn/schema/context/json"
    fw, *comps = doc["@graph"]
    assert fw["@type"] == "ceasn:CompetencyFramework" and len(comps) == count
    src = {n["@id"]: n for n in source_json(shared_dir, name)["@graph"]}
    assert fw["ceasn:hasTopChild"] == src[fw["@id"]]["ceasn:hasTopChild"]
    assert fw["ceasn:name"] == src[fw["@id"]]["ceasn:name"]
    for comp in comps:
        orig = src[comp["@id"]]
        assert comp["@type"] == "ceasn:Competency"
        assert comp["ceterms:ctid"] == orig["ceterms:ctid"]
        assert comp["ceasn:competencyText"] == orig["ceasn:competencyText"]
        assert comp["ceasn:isPartOf"] == [fw["@id"]]
        for key in ("ceasn:isChildOf", "ceasn:hasChild", "ceasn:codedNotation"):
            if key in orig:
                assert comp[key] == orig[key], key
    # the Registry wants a language on every competency: taken from the framework, reported
    assert all(c["ceasn:inLanguage"] == fw["ceasn:inLanguage"] for c in comps)
    synth = [e for e in report if e.message == "competency language taken from its framework"]
    assert len(synth) == count
