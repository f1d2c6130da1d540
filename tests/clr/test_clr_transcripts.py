"""Transcripts survive lerbridge: courses (name, grade, credits, term) and GPAs are the same
after CLR -> canonical -> CLR, after CLR -> OB 3.0 (one credential per award) -> CLR, and
after the CLR 1.0 -> CLR 2.0 upgrade. Values asserted here were read from the source JSON."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import lerbridge
from lerbridge import specs
from lerbridge.model import LearnerRecord, pick_text
from lerbridge.model.transcript import course_awards, gpa_values

# under ../shared/fixtures-upstream/clr (the `upstream` fixture)
ND = "learncard_clr2-nd-student-transcript_realworld.json"
WESTBRIDGE = "learncard_clr2-westbridge-full-transcript.json"
TESTVECTOR = "1edtech-obspec_clr2-testvector_signed.json"
CLR1_ND = "fixtures-upstream/clr/ocp_clr1-nd-transcript.json"

Row = tuple[str | None, tuple[str | None, ...], float | None, str | None]


def _text(value: Any) -> str | None:
    return pick_text(value)[1] if isinstance(value, dict) else value


def transcript(rec: LearnerRecord) -> dict[str, Any]:
    """What a transcript reader shows: the course rows, the GPAs, and every result."""
    described = {rd.id: rd for a in rec.achievements for rd in a.result_descriptions}
    courses: list[Row] = []
    gpas: list[tuple[str | None, str | None]] = []
    results: list[tuple[str | None, str | None, str | None]] = []
    for award in rec.awards:
        ach = rec.achievement(award.achievement_id)
        assert ach is not None, f"award {award.id} names no achievement of the record"
        name = _text(ach.name)
        for r in award.results:
            rd = described.get(r.result_description or "")
            results.append((name, _text(rd.name) if rd else None, r.value))
            if rd is not None and rd.result_type == "GradePointAverage":
                gpas.append((name, r.value))
        if ach.achievement_type == "Course":
            grades = tuple(r.value for r in award.results)
            courses.append((name, grades, award.credits_earned, award.term))
    return {
        "courses": sorted(courses, key=repr),
        "gpas": sorted(gpas, key=repr),
        "results": sorted(results, key=repr),
    }


def _reread(docs: list[lerbridge.Document]) -> LearnerRecord:
    assert len(docs) == 1
    rec, _ = lerbridge.read(docs[0].data, "clr")
    return rec


def _via_ob3(path: Path) -> tuple[LearnerRecord, lerbridge.LossReport, int]:
    """CLR -> OB 3.0, every credential read back and assembled into one record."""
    result = lerbridge.convert(path, to="ob3")
    achievements: dict[str, Any] = {}
    awards = []
    for doc in result.documents:
        assert specs.validate(json.loads(doc.data), "ob3/achievementcredential") == []
        rec, _ = lerbridge.read(doc.data, "ob3")
        awards.extend(rec.awards)
        for ach in rec.achievements:
            achievements.setdefault(ach.id, ach)
    assembled = LearnerRecord(achievements=list(achievements.values()), awards=awards)
    return assembled, result.report, len(result.documents)


# --- the two CLR 2.0 transcripts -------------------------------------------------------


def test_westbridge_transcript_values(upstream: Path) -> None:
    src = json.loads((upstream / "clr" / WESTBRIDGE).read_text("utf-8"))
    nested = src["credentialSubject"]["verifiableCredential"]
    source_courses = [
        c for c in nested if c["credentialSubject"]["achievement"]["achievementType"] == "Course"
    ]
    rec, _ = lerbridge.read(upstream / "clr" / WESTBRIDGE)
    t = transcript(rec)
    assert len(source_courses) == 24
    assert len(t["courses"]) == 24
    assert ("Introduction to Data Science", ("A",), 3.0, "Fall 2021") in t["courses"]
    assert ("Calculus I", ("A-",), 4.0, "Fall 2021") in t["courses"]
    assert ("Data Science Capstone", ("A+",), 6.0, "Spring 2025") in t["courses"]
    assert ("Linear Algebra", ("B+",), 3.0, "Spring 2022") in t["courses"]
    # GPA is the number 3.87 in the source; canonical Result.value is a string
    assert t["gpas"] == [("Bachelor of Science in Data Science", "3.87")]
    source_credits = sum(c["credentialSubject"]["creditsEarned"] for c in source_courses)
    assert source_credits == 75
    assert sum(c[2] or 0 for c in t["courses"]) == 75.0
    # the shared transcript views agree with this test's own reading
    views = sorted(
        ((r.title, (r.grade,), r.credits_earned, r.term) for r in course_awards(rec)), key=repr
    )
    assert views == t["courses"]
    assert [v for _, v in gpa_values(rec)] == ["3.87"]
    assert Counter(a.achievement_type for a in rec.achievements) == {
        "Course": 24,
        "Competency": 3,
        "BachelorDegree": 1,
        "Assessment": 1,
    }


def test_nd_transcript_values(upstream: Path) -> None:
    src = json.loads((upstream / "clr" / ND).read_text("utf-8"))
    nested = src["credentialSubject"]["verifiableCredential"]
    kinds = [c["credentialSubject"]["achievement"]["achievementType"] for c in nested]
    rec, _ = lerbridge.read(upstream / "clr" / ND)
    t = transcript(rec)
    # this real-world excerpt holds no Course: a LearningProgram, a GPA and the ACT
    assert kinds.count("Course") == 0
    assert len(t["courses"]) == 0
    assert len(rec.awards) == 3
    assert t["gpas"] == [("NDUS Core GPA", "3.2200")]
    assert ("Assessment: ACT Test", "Composite", "32") in t["results"]
    assert ("Assessment: ACT Test", "Science", "29") in t["results"]
    assert len(t["results"]) == 6
    assert course_awards(rec) == []
    assert [v for _, v in gpa_values(rec)] == ["3.2200"]


@pytest.mark.parametrize("name", [ND, WESTBRIDGE])
def test_clr_canonical_clr_keeps_the_transcript(upstream: Path, name: str) -> None:
    rec, _ = lerbridge.read(upstream / "clr" / name)
    before = transcript(rec)
    docs, _ = lerbridge.write(rec, "clr")
    assert specs.validate(json.loads(docs[0].data), "clr/clrcredential") == []
    assert transcript(_reread(docs)) == before


@pytest.mark.parametrize("name", [ND, WESTBRIDGE])
def test_clr_ob3_clr_keeps_the_transcript(upstream: Path, name: str) -> None:
    rec, _ = lerbridge.read(upstream / "clr" / name)
    before = transcript(rec)
    assembled, _, count = _via_ob3(upstream / "clr" / name)
    assert count == len(rec.awards)  # one OB 3.0 credential per award
    assert transcript(assembled) == before
    docs, _ = lerbridge.write(assembled, "clr")
    assert specs.validate(json.loads(docs[0].data), "clr/clrcredential") == []
    assert transcript(_reread(docs)) == before


def test_clr_to_ob3_reports_what_it_cannot_hold(upstream: Path) -> None:
    # the test vector: one nested credential, a second achievement without an award, and
    # an association between them
    _, report, count = _via_ob3(upstream / "clr" / TESTVECTOR)
    assert count == 1
    lost = {e.canonical_path for e in report.by_code("no-target-field")}
    assert "achievements[id=urn:uuid:dd887f0a-56cb-11ec-bf63-0242ac130002]" in lost
    assert "achievements[id=urn:uuid:a7467ef6-56cb-11ec-bf63-0242ac130002]" not in lost
    assert "associations" in lost
    # Westbridge: 52 associations, every achievement awarded
    _, report, count = _via_ob3(upstream / "clr" / WESTBRIDGE)
    assert count == 29
    entries = [e for e in report.by_code("no-target-field") if e.canonical_path == "associations"]
    assert len(entries) == 1 and "52 items" in entries[0].message
    assert not any(
        (e.canonical_path or "").startswith("achievements[")
        for e in report.by_code("no-target-field")
    )


# --- CLR 1.0 -> CLR 2.0 ------------------------------------------------------------------


def _clr1_rows(doc: dict[str, Any]) -> tuple[list[Row], list[tuple[str, str]]]:
    """Course rows and GPAs straight from the CLR 1.0 JSON."""
    rows: list[Row] = []
    gpas: list[tuple[str, str]] = []
    for a in doc["assertions"]:
        ach = a["achievement"]
        kinds = {rd["id"]: rd["resultType"] for rd in ach.get("resultDescriptions") or []}
        for r in a.get("results") or []:
            if kinds.get(r["resultDescription"]) == "GradePointAverage":
                gpas.append((ach["name"], r["value"]))
        if ach["achievementType"] == "Course":
            grades = tuple(r["value"] for r in a.get("results") or [])
            rows.append((ach["name"], grades, float(a["creditsEarned"]), a["term"]))
    return sorted(rows, key=repr), sorted(gpas)


def _clr2_rows(doc: dict[str, Any]) -> tuple[list[Row], list[tuple[str, str]]]:
    """Course rows and GPAs straight from the CLR 2.0 JSON."""
    rows: list[Row] = []
    gpas: list[tuple[str, str]] = []
    for cred in doc["credentialSubject"]["verifiableCredential"]:
        subj = cred["credentialSubject"]
        ach = subj["achievement"]
        kinds = {rd["id"]: rd["resultType"] for rd in ach.get("resultDescription") or []}
        for r in subj.get("result") or []:
            if kinds.get(r["resultDescription"]) == "GradePointAverage":
                gpas.append((ach["name"], r["value"]))
        if ach["achievementType"] == "Course":
            grades = tuple(r["value"] for r in subj.get("result") or [])
            rows.append((ach["name"], grades, float(subj["creditsEarned"]), subj["term"]))
    return sorted(rows, key=repr), sorted(gpas)


def test_clr1_nd_transcript_upgrades_to_valid_clr2(shared_dir: Path) -> None:
    path = shared_dir / CLR1_ND
    src = json.loads(path.read_text("utf-8"))
    src_rows, src_gpas = _clr1_rows(src)
    assert len(src["assertions"]) == 66
    assert len(src_rows) == 57  # counted from the source: achievementType == "Course"
    assert ("English 12", ("F",), 0.0, "S1") in src_rows
    assert src_gpas == [("NDUS Core GPA", "2.0000"), ("Standard College Admission GPA", "2.5179")]

    result = lerbridge.convert(path, to="clr")
    assert result.record.provenance is not None
    assert result.record.provenance.dialect == "clr1.0"
    out = json.loads(result.documents[0].data)
    assert specs.validate(out, "clr/clrcredential") == []
    for cred in out["credentialSubject"]["verifiableCredential"]:
        assert specs.validate(cred, "ob3/achievementcredential") == []
    rows, gpas = _clr2_rows(out)
    assert len(rows) == 57
    assert rows == src_rows
    assert gpas == src_gpas
    assert out["partial"] is True
    assert out["name"] == "Student Transcript"
    assert out["issuer"]["name"] == "Bismarck High School"
    assert out["credentialSubject"]["id"] == src["learner"]["id"]
    # and the canonical view agrees
    assert len(transcript(result.record)["courses"]) == 57
