"""Skills first: the competencies an award evidences land in ``LearnerRecord.skills``,
linked to the award, and writers of the award's format do not report them as lost."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import lerbridge
from lerbridge.formats.skills import derive_skills
from lerbridge.model import Alignment, LearnerRecord, Result, Skill

# upstream documents, under ../shared/fixtures-upstream (the `upstream` fixture)
OB3_SKILL = "openbadges/ob3/spec-examples/skill-assertion-case.json"
CLR_TRANSCRIPT = "clr/learncard_clr2-westbridge-full-transcript.json"

ROBOT_URL = "https://robotics-competencies.example.com/competencies/robot-programming"
ROBOT_ACHIEVEMENT = "https://example.com/achievements/robotics/robot-programming"
ROBOT_AWARD = "http://1edtech.edu/credentials/3732"


def _skill(record: LearnerRecord, ident: str) -> Skill:
    found = [s for s in record.skills if s.id == ident]
    assert len(found) == 1, [s.id for s in record.skills]
    return found[0]


def _skill_reports(report: Any) -> list[Any]:
    return [
        e
        for e in report.by_code("no-target-field")
        if (e.canonical_path or "").startswith("skills")
    ]


def _two_credentials(upstream: Path) -> list[dict[str, Any]]:
    """The spec's skill assertion, and a second credential for another achievement that
    is aligned to the same competency."""
    first = json.loads((upstream / OB3_SKILL).read_text(encoding="utf-8"))
    second = copy.deepcopy(first)
    second["id"] = "http://1edtech.edu/credentials/3733"
    ach = second["credentialSubject"]["achievement"]
    ach["id"] = "https://example.com/achievements/robotics/robot-capstone"
    ach["name"] = "Robot Capstone"
    ach["achievementType"] = "Badge"
    return [first, second]


def test_ob3_alignment_becomes_a_skill_evidenced_by_the_award(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / OB3_SKILL)
    assert record.awards[0].id == ROBOT_AWARD
    skill = _skill(record, ROBOT_URL)
    assert skill.name == {"und": "Robot Programming"}
    assert skill.url == ROBOT_URL
    assert skill.framework == "Example Robotics Framework"
    assert skill.description and "Robot software" in skill.description["und"]
    assert skill.evidenced_by == [ROBOT_AWARD]
    assert skill.derived_from == "alignment"
    assert [a.target_type for a in skill.alignments] == ["CFItem"]


def test_ob3_competency_achievement_becomes_a_skill(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / OB3_SKILL)
    skill = _skill(record, ROBOT_ACHIEVEMENT)
    assert skill.url == ROBOT_ACHIEVEMENT
    assert skill.name == {"und": "Robot Programming"}
    assert skill.evidenced_by == [ROBOT_AWARD]
    assert skill.derived_from == "achievement"
    assert [s.id for s in record.skills] == [ROBOT_ACHIEVEMENT, ROBOT_URL]


def test_clr_competency_achievements_become_skills(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / CLR_TRANSCRIPT)
    comp = _skill(record, "https://westbridge.edu/competencies/statistical-reasoning")
    assert comp.derived_from == "achievement"
    assert comp.name == {"und": "Statistical Reasoning"}
    assert comp.evidenced_by == ["urn:uuid:wb-comp-001"]
    # a competency with no alignment of its own is still a skill
    comm = _skill(record, "https://westbridge.edu/competencies/data-communication")
    assert comm.evidenced_by == ["urn:uuid:wb-comp-002"]
    # a course's CFItem alignment is a skill evidenced by the course award
    found = _skill(record, "https://westbridge.edu/frameworks/ds/FOUND.1")
    assert found.derived_from == "alignment"
    assert found.code == "DS.FOUND.1"
    assert found.framework == "Westbridge DS Competency Framework v2"
    assert found.evidenced_by == ["urn:uuid:wb-ds101"]
    # a CFRubric alignment (the degree's) is not a competency
    assert all(
        s.url != "https://www.acm.org/education/curricula-recommendations" for s in record.skills
    )
    # every skill points at awards the record holds
    award_ids = {a.id for a in record.awards}
    assert all(s.evidenced_by and set(s.evidenced_by) <= award_ids for s in record.skills)


def test_two_awards_aligned_to_one_competency_give_one_skill(upstream: Path) -> None:
    record, _ = lerbridge.read(_two_credentials(upstream), "ob3")
    matching = [s for s in record.skills if s.url == ROBOT_URL]
    assert len(matching) == 1
    assert matching[0].evidenced_by == [ROBOT_AWARD, "http://1edtech.edu/credentials/3733"]
    # only the first achievement is a Competency
    assert [s.derived_from for s in record.skills] == ["achievement", "alignment"]


def test_a_skill_the_record_already_holds_is_not_added_twice(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / OB3_SKILL)
    own = Skill(
        id="https://skills.example.com/robotics",
        url=ROBOT_URL,
        name={"en": "Programming robots"},
        evidenced_by=["urn:example:earlier"],
    )
    bare = record.model_copy(update={"skills": [own]})
    out = derive_skills(bare)
    assert out.skills[0].id == own.id
    assert out.skills[0].name == own.name
    assert out.skills[0].derived_from is None
    assert out.skills[0].evidenced_by == ["urn:example:earlier", ROBOT_AWARD]
    assert [s.id for s in out.skills] == [own.id, ROBOT_ACHIEVEMENT]
    assert bare.skills == [own]  # the input is not changed


def test_result_alignments_and_alignments_without_url(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / OB3_SKILL)
    aligned = Alignment(
        target_name={"und": "Sensor input"},
        target_framework="Example Robotics Framework",
        target_code="RP.2",
        target_type="ceasn:Competency",
    )
    other = Alignment(target_name={"und": "A course"}, target_type="CTDL")
    award = record.awards[0].model_copy(
        update={"results": [Result(value="pass", alignments=[aligned, other])]}
    )
    bare = record.model_copy(update={"skills": [], "awards": [award]})
    out = derive_skills(bare)
    minted = [s for s in out.skills if s.code == "RP.2"]
    assert len(minted) == 1
    assert minted[0].id and minted[0].id.startswith("urn:uuid:")
    assert minted[0].url is None
    assert minted[0].evidenced_by == [ROBOT_AWARD]
    assert derive_skills(bare).skills == out.skills  # the minted id is stable
    # the achievement is a Competency, so every alignment on it counts, but a result's
    # alignment counts only when it targets a competency
    assert all(s.name != {"und": "A course"} for s in out.skills)


def test_derivation_is_deterministic_and_idempotent(upstream: Path) -> None:
    first, _ = lerbridge.read(upstream / CLR_TRANSCRIPT)
    second, _ = lerbridge.read(upstream / CLR_TRANSCRIPT)
    assert [s.model_dump() for s in first.skills] == [s.model_dump() for s in second.skills]
    assert derive_skills(first).skills == first.skills  # deriving again adds nothing


def test_ob3_to_ob3_does_not_report_derived_skills(upstream: Path) -> None:
    result = lerbridge.convert(upstream / OB3_SKILL, "ob3")
    assert result.record.skills
    assert _skill_reports(result.report) == []


def test_canonical_json_keeps_derived_skills_and_ob3_still_does_not_report_them(
    upstream: Path,
) -> None:
    result = lerbridge.convert(upstream / OB3_SKILL, "canonical")
    canonical = result.documents[0].data
    assert ROBOT_URL.encode() in canonical
    record, _ = lerbridge.read(canonical, "canonical")
    assert [s.id for s in record.skills] == [ROBOT_ACHIEVEMENT, ROBOT_URL]
    _docs, report = lerbridge.write(record, "ob3")
    assert _skill_reports(report) == []


def test_own_skills_are_still_reported_by_ob3(upstream: Path) -> None:
    record, _ = lerbridge.read(upstream / OB3_SKILL)
    own = Skill(id="urn:example:welding", name={"und": "Welding"})
    record = record.model_copy(update={"skills": [*record.skills, own]})
    _docs, report = lerbridge.write(record, "ob3")
    entries = _skill_reports(report)
    assert len(entries) == 1
    assert "(1 item)" in entries[0].message


def test_clr_to_clr_and_csv_do_not_report_derived_skills(upstream: Path) -> None:
    for target in ("clr", "csv"):
        result = lerbridge.convert(upstream / CLR_TRANSCRIPT, target)
        assert result.record.skills
        assert _skill_reports(result.report) == [], target


def test_ctdl_does_not_write_derived_skills_as_competencies(upstream: Path) -> None:
    result = lerbridge.convert(upstream / OB3_SKILL, "ctdl")
    assert result.record.skills
    types = [json.loads(d.data).get("@type") for d in result.documents]
    assert types == ["ceterms:OpenBadge"]
    assert [e for e in result.report.entries if (e.canonical_path or "").startswith("skills")] == []
