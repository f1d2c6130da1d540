"""Skills profiles (issue 19): the merge rules on real upstream documents and on
documents written to prove them. Merged only on a shared framework reference; names
never merge, they are suggested and reported."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import lerbridge
from lerbridge.skillprofile import build_profile

WESTBRIDGE = "clr/learncard_clr2-westbridge-full-transcript.json"
ONET = "ctdl/competencyframework_onet_basic_skills.json"
STAT1 = "https://westbridge.edu/frameworks/ds/STAT.1"
SKILLS = Path(__file__).resolve().parents[2] / "fixtures" / "skills"
GUILD = SKILLS / "lerbridge-stats-badge-guild.json"
BOOTCAMP = SKILLS / "lerbridge-stats-badge-bootcamp.json"
RESUME = SKILLS / "lerbridge-resume-skills.json"
NAME_ONLY = SKILLS / "lerbridge-resume-name-only.json"
READING = SKILLS / "lerbridge-reading-badge.json"


def _skill(result: object, name: str) -> object:
    found = [s for s in result.profile.skills if name in s.name.values()]  # type: ignore[attr-defined]
    assert len(found) == 1, [s.name for s in found]
    return found[0]


def test_done_when_clr_two_badges_and_resume(upstream: Path) -> None:
    """The issue's "done when": a CLR transcript with competency-aligned courses, two OB 3.0
    badges aligned to the same framework item, an LER-RS résumé that self-asserts one of
    those skills and one more."""
    result = lerbridge.skills([upstream / WESTBRIDGE, GUILD, BOOTCAMP, RESUME])
    stat = [s for s in result.profile.skills if s.url == STAT1]
    assert len(stat) == 1
    stat1 = stat[0]
    assert stat1.name == {"und": "Statistical Reasoning"}
    assert stat1.code == "DS.STAT.1"
    assert stat1.framework is not None
    assert stat1.framework.name == "Westbridge DS Competency Framework v2"
    assert [(e.credential, e.kind, e.strength) for e in stat1.evidence] == [
        ("urn:uuid:wb-stat201", "course", "unsigned"),
        ("urn:uuid:6f1d2a0e-3c4b-5d6e-8f90-a1b2c3d4e501", "badge", "unsigned"),
        ("https://bootcamp.example.com/credentials/2025/ab-testing-0042", "badge", "unsigned"),
        (None, "self-asserted", "self-asserted"),
    ]
    assert stat1.evidence[0].issuer == "Westbridge University"
    assert stat1.evidence[0].result == "A"
    assert stat1.evidence[2].result == "Merit"
    assert stat1.evidence[2].level == "urn:level:practitioner"
    assert stat1.kinds == ["course", "badge", "self-asserted"]
    assert stat1.strengths == ["unsigned", "self-asserted"]
    assert stat1.first_evidence == "2022-05-10T00:00:00Z"
    assert stat1.last_evidence == "2026-05"
    assert stat1.other_names == ["Statistical reasoning (experiments)"]
    # the other framework skills of the transcript: once each, one course each
    urls = [s.url for s in result.profile.skills]
    assert len(urls) == len(set(urls))
    found1 = next(s for s in result.profile.skills if s.url.endswith("/FOUND.1"))
    assert [e.credential for e in found1.evidence] == ["urn:uuid:wb-ds101"]
    # the extra résumé skill: on its own, self-asserted only, reported as unreferenced
    fork = _skill(result, "Forklift Operation")
    assert [(e.kind, e.strength, e.date) for e in fork.evidence] == [
        ("self-asserted", "self-asserted", "2022-08")
    ]
    assert fork.references == [] and fork.framework is None
    unref = [e for e in result.report if e.code == "skill-unreferenced"]
    assert [e.message.split("'")[1] for e in unref] == ["Forklift Operation"]


def test_same_name_is_suggested_never_merged(upstream: Path) -> None:
    """ "machine learning literacy" (a résumé, no reference) and the CLR's ML.1 stay apart;
    the CLR's own Competency achievement "Statistical Reasoning" stays apart from STAT.1."""
    result = lerbridge.skills([upstream / WESTBRIDGE, NAME_ONLY])
    ml = [
        s
        for s in result.profile.skills
        if "machine learning literacy" in (t.casefold() for t in s.name.values())
    ]
    assert len(ml) == 2
    assert {len(s.evidence) for s in ml} == {1}
    matches = {m.name: m.skills for m in result.profile.name_matches}
    assert matches["Machine Learning Literacy"][0] == "https://westbridge.edu/frameworks/ds/ML.1"
    assert matches["Statistical Reasoning"] == [
        STAT1,
        "https://westbridge.edu/competencies/statistical-reasoning",
    ]
    codes = [e.code for e in result.report if e.code == "skill-name-match"]
    assert len(codes) == 2


def _badge(url: str | None, code: str | None, framework: str | None, cred: str) -> dict:
    doc = json.loads(GUILD.read_text())
    doc = copy.deepcopy(doc)
    doc["id"] = cred
    al = doc["credentialSubject"]["achievement"]["alignment"][0]
    for key, value in (("targetUrl", url), ("targetCode", code), ("targetFramework", framework)):
        if value is None:
            al.pop(key, None)
        else:
            al[key] = value
    return doc


def test_code_in_same_framework_merges_code_in_other_framework_does_not() -> None:
    a = _badge(
        "https://a.example/x", "S-1", "Framework A", "urn:uuid:00000000-0000-4000-8000-000000000001"
    )
    b = _badge(
        "https://b.example/y",
        "S-1",
        "framework  a",
        "urn:uuid:00000000-0000-4000-8000-000000000002",
    )
    c = _badge(
        "https://c.example/z", "S-1", "Framework C", "urn:uuid:00000000-0000-4000-8000-000000000003"
    )
    result = lerbridge.skills([a, b, c])
    groups = sorted(len(s.evidence) for s in result.profile.skills)
    assert groups == [1, 2]
    merged = next(s for s in result.profile.skills if len(s.evidence) == 2)
    assert "code:framework a#S-1" in merged.references
    # all three are named "Statistical Reasoning": the one apart is suggested, not merged
    assert [len(m.skills) for m in result.profile.name_matches] == [2]


def test_uri_compared_without_trailing_slash_or_host_case() -> None:
    a = _badge(
        "https://Westbridge.EDU/frameworks/ds/STAT.1/",
        None,
        None,
        "urn:uuid:00000000-0000-4000-8000-00000000000a",
    )
    result = lerbridge.skills([a, GUILD])
    assert len(result.profile.skills) == 1
    assert len(result.profile.skills[0].evidence) == 2


def test_same_credential_twice_is_one_piece_of_evidence() -> None:
    result = lerbridge.skills([GUILD, GUILD])
    assert len(result.profile.skills) == 1
    assert len(result.profile.skills[0].evidence) == 1


def test_ctdl_framework_names_groups_and_resolves_by_ctid(upstream: Path) -> None:
    """An alignment to a Registry URI holding the competency's CTID resolves to the O*NET
    competency: the framework's name, code and URI win; the badge's name is kept aside."""
    result = lerbridge.skills([READING], frameworks=[upstream / ONET])
    (skill,) = result.profile.skills
    assert skill.resolved
    assert skill.name == {"en-us": "Reading Comprehension"}
    assert skill.other_names == ["Reading"]
    assert skill.code == "2.A.1.a"
    assert (
        skill.url
        == "https://www.onetcenter.org/ctdlasn/resources/ce-07c260d5-9119-11e8-b852-782bcb5df6ac"
    )
    assert skill.framework is not None and skill.framework.name.startswith("O*NET Content Model")
    assert "ctid:ce-07c260d5-9119-11e8-b852-782bcb5df6ac" in skill.references
    # a framework given as an input works the same, and its competencies are not evidence
    again = lerbridge.skills([upstream / ONET, READING])
    assert [s.id for s in again.profile.skills] == [skill.id]
    assert again.profile.frameworks[0].id.endswith("ce-07c25f74-9119-11e8-b852-782bcb5df6ac")


def test_framework_code_with_framework_name_resolves(upstream: Path) -> None:
    onet = json.loads((upstream / ONET).read_text())
    fw_name = onet["@graph"][0]["ceasn:name"]["en-us"]
    doc = _badge(
        "https://elsewhere.example/reading",
        "2.A.1.a",
        fw_name,
        "urn:uuid:00000000-0000-4000-8000-00000000000b",
    )
    result = lerbridge.skills([doc], frameworks=[upstream / ONET])
    (skill,) = result.profile.skills
    assert skill.resolved and skill.name == {"en-us": "Reading Comprehension"}


def test_unresolved_evidence_is_reported() -> None:
    rec = lerbridge.read(RESUME)[0]
    skill = rec.skills[1].model_copy(update={"evidenced_by": ["urn:uuid:not-among-inputs"]})
    rec = rec.model_copy(update={"skills": [skill]})
    profile, report = build_profile([("resume", [rec])])
    assert [e.code for e in report] == ["evidence-unresolved", "skill-unreferenced"]
    assert "urn:uuid:not-among-inputs" in report.entries[0].message
    assert [e.kind for e in profile.skills[0].evidence] == ["self-asserted"]


def test_signed_credential_is_signed(upstream: Path) -> None:
    result = lerbridge.skills([upstream / "openbadges/ob3/spec-examples/skill-assertion-case.json"])
    assert {s.strongest for s in result.profile.skills} == {"unsigned"}
    signed = upstream / "clr/1edtech-obspec_clr2-testvector_signed.json"
    rec = lerbridge.read(signed)[0]
    from lerbridge.skillprofile.evidence import strength_of

    assert {strength_of(rec, a) for a in rec.awards} == {"signed"}


def test_baked_badge_and_folder_inputs(upstream: Path) -> None:
    baked = upstream / "openbadges/baked/ob3-png-json__1edtech-simple-json.png"
    result = lerbridge.skills([baked, SKILLS])
    labels = [s.source for s in result.profile.sources]
    assert labels[0].endswith(".png") and result.profile.sources[0].format == "ob3"
    assert sorted(Path(x).name for x in labels[1:]) == sorted(p.name for p in SKILLS.glob("*.json"))


def test_deterministic_and_several_people(upstream: Path) -> None:
    inputs = [upstream / WESTBRIDGE, GUILD, BOOTCAMP, RESUME]
    one = lerbridge.skills(inputs).write("json")
    two = lerbridge.skills(inputs).write("json")
    assert one == two
    other = upstream / "hropen/ler-rs-v2/LER-RS_V2_VCwrapper.json"
    mixed = lerbridge.skills([RESUME, other])
    assert [e.code for e in mixed.report if e.code == "several-people"] == ["several-people"]
    assert mixed.profile.people[0] == "Jordan Reyes" and len(mixed.profile.people) == 2


def test_the_function_keeps_its_name_after_the_package_loads() -> None:
    """``lerbridge.skills`` is the API function; the profile's package is
    ``lerbridge.skillprofile``, so loading it cannot shadow the function."""
    import lerbridge.skillprofile.html
    import lerbridge.skillprofile.run

    assert callable(lerbridge.skills)
    assert lerbridge.skills.__module__ == "lerbridge.api_checks"
