"""CSV transcript -> CLR 2.0 (official schema) with the same courses, grades, credits and
terms as the CSV; CLR -> CSV -> CLR keeps them; the writer's formula-injection guard."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import lerbridge
from lerbridge.formats.csv import neutralize
from lerbridge.model import LearnerRecord
from lerbridge.model.transcript import GPA, course_awards, gpa_values, result_type

SAMPLE = "lerbridge-transcript-3-students.csv"
Row = tuple[str | None, str | None, str | None, float | None, str | None]


def courses(rec: LearnerRecord) -> list[Row]:
    return sorted(
        (
            (c.code, c.title, c.grade, float(c.credits_earned or 0), c.term)
            for c in course_awards(rec)
        ),
        key=repr,
    )


def csv_courses(path: Path) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.setdefault(r["Student ID"], []).append(
                (
                    r["Course Code"],
                    r["Course Title"],
                    r["Grade"],
                    float(r["Credits Earned"]),
                    r["Term"],
                )
            )
    return {k: sorted(v, key=repr) for k, v in out.items()}


def test_csv_to_clr_valid_with_equal_courses(shipped: Path) -> None:
    path = shipped / "csv" / SAMPLE
    expected = csv_courses(path)
    result = lerbridge.convert(path, to="clr")
    assert len(result.documents) == len(expected) == 3
    for doc in result.documents:
        assert lerbridge.validate(doc.data, "clr") == []
        rec, _ = lerbridge.read(doc.data, "clr")
        sid = rec.person.identifiers[0].value if rec.person else None
        assert sid in expected
        assert courses(rec) == expected[sid]


def test_clr_to_csv_to_clr_keeps_courses(shipped: Path) -> None:
    result = lerbridge.convert(shipped / "csv" / SAMPLE, to="clr")
    for doc in result.documents:
        clr, _ = lerbridge.read(doc.data, "clr")
        (out,), report = lerbridge.write(clr, "csv")
        assert out.media_type == "text/csv"
        back, _ = lerbridge.read(out.data, "csv")
        assert courses(back) == courses(clr)
        again, _ = lerbridge.write(back, "clr")
        assert lerbridge.validate(again[0].data, "clr") == []
        final, _ = lerbridge.read(again[0].data, "clr")
        assert courses(final) == courses(clr)
        # what the CSV has no place for is reported, not silently dropped
        assert report.by_code("no-target-field")


def test_clr_fixture_to_csv(upstream: Path) -> None:
    rec, _ = lerbridge.read(upstream / "clr/learncard_clr2-westbridge-full-transcript.json")
    (out,), _ = lerbridge.write(rec, "csv")
    rows = list(csv.DictReader(io.StringIO(out.text())))
    assert len(rows) == len(rec.awards)
    titles = {r["Course Title"] for r in rows if r["Achievement Type"] == "Course"}
    assert titles == {c.title for c in course_awards(rec)}
    back, _ = lerbridge.read(out.data, "csv", mapping="csv-transcript")
    assert courses(back) == courses(rec)


def test_writer_column_order_is_stable(shipped: Path) -> None:
    recs, _ = lerbridge.read_records(shipped / "csv" / SAMPLE)
    headers = {lerbridge.write(r, "csv")[0][0].text().splitlines()[0] for r in recs}
    assert len(headers) == 1
    assert headers.pop().startswith("Student ID,Student Name,Given Name,Family Name,Email")


def test_read_only_profile_not_written(shipped: Path) -> None:
    recs, _ = lerbridge.read_records(shipped / "csv" / SAMPLE)
    with pytest.raises(lerbridge.WriteError, match="read-only"):
        lerbridge.write(recs[0], "csv", mapping="csv-ce-bulk")


# --- GPA on the degree row ----------------------------------------------------------------

GPA_CSV = (
    "Student ID,Student Name,Institution,Course Code,Course Title,Achievement Type,Term,"
    "Award Date,Credits Earned,Grade,Cumulative GPA\n"
    'S1,"Doe, Jane",Westbridge,CS101,Intro to CS,Course,2024 Fall,2024-12-15,3,A,\n'
    'S1,"Doe, Jane",Westbridge,BS-CS,BS Computer Science,BachelorDegree,,2025-05-20,120,,3.62\n'
)


def test_csv_gpa_to_clr(tmp_path: Path) -> None:
    path = tmp_path / "gpa.csv"
    path.write_text(GPA_CSV, encoding="utf-8")
    (rec,), report = lerbridge.read_records(path)
    assert not report.by_code("unmapped-source-field")
    [(award, value)] = gpa_values(rec)
    assert value == "3.62"
    ach = rec.achievement(award.achievement_id)
    assert ach is not None and ach.achievement_type == "BachelorDegree"
    assert [c.grade for c in course_awards(rec)] == ["A"]  # the GPA is no course's grade
    result = lerbridge.convert(path, to="clr")
    [doc] = result.documents
    assert lerbridge.specs.validate(json.loads(doc.data), "clr/clrcredential") == []
    clr, _ = lerbridge.read(doc.data, "clr")
    assert [v for _, v in gpa_values(clr)] == ["3.62"]
    # and back to the CSV: GPA in its column, not in Grade
    (out,), _ = lerbridge.write(clr, "csv")
    rows = list(csv.DictReader(io.StringIO(out.text())))
    degree = next(r for r in rows if r["Achievement Type"] == "BachelorDegree")
    assert (degree["GPA"], degree["Grade"]) == ("3.62", "")
    assert {r["GPA"] for r in rows if r["Achievement Type"] == "Course"} == {""}


def test_westbridge_gpa_clr_to_csv_to_clr(upstream: Path) -> None:
    rec, _ = lerbridge.read(upstream / "clr/learncard_clr2-westbridge-full-transcript.json")
    assert [v for _, v in gpa_values(rec)] == ["3.87"]
    (out,), _ = lerbridge.write(rec, "csv")
    rows = list(csv.DictReader(io.StringIO(out.text())))
    gpa_rows = [r for r in rows if r["GPA"]]
    assert [(r["Achievement Type"], r["GPA"]) for r in gpa_rows] == [("BachelorDegree", "3.87")]
    assert "3.87" not in {r["Grade"] for r in rows}
    back, _ = lerbridge.read(out.data, "csv", mapping="csv-transcript")
    assert [v for _, v in gpa_values(back)] == ["3.87"]
    (clr,), wreport = lerbridge.write(back, "clr")
    # the CSV names no learner: the CLR passes its schema, but its subjects have neither id
    # nor identifier, which the specification forbids; the writer and validate both say so
    problems = lerbridge.validate(clr.data, "clr")
    assert {i.check for i in problems} == {"subject-id"}
    assert "/credentialSubject" in {i.pointer for i in problems}
    gaps = wreport.by_code("target-schema-violation")
    assert len(gaps) == len(problems) and {e.severity for e in gaps} == {"error"}
    final, _ = lerbridge.read(clr.data, "clr")
    assert [v for _, v in gpa_values(final)] == ["3.87"]
    assert courses(final) == courses(rec)
    for award, _ in gpa_values(final):
        ach = final.achievement(award.achievement_id)
        assert all(result_type(ach, r) == GPA for r in award.results if r.value == "3.87")


# --- formula injection ------------------------------------------------------------------

OWASP = ['=1+2";=1+2', "=1+2'\" ;,=1+2"]


@pytest.mark.parametrize("vector", [*OWASP, "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r\nx"])
def test_injection_vectors_neutralized_and_reported(vector: str) -> None:
    data = 'Student ID,Course Code,Course Title,Grade\n1,C1,"{}",A\n'.format(
        vector.replace('"', '""')
    )
    rec, _ = lerbridge.read(data.encode(), "csv", mapping="csv-transcript")
    if vector[0].isspace():  # the reader trims cells (reported); set the title directly
        ach = rec.achievements[0].model_copy(update={"name": {"und": vector}})
        rec = rec.model_copy(update={"achievements": [ach]})
    assert course_awards(rec)[0].title == vector  # the canonical model keeps the original
    (out,), report = lerbridge.write(rec, "csv")
    row = next(r for r in csv.DictReader(io.StringIO(out.text(), newline="")))
    assert row["Course Title"] == "'" + vector
    hits = report.by_code("cell-neutralized")
    assert len(hits) == 1 and "Course Title" in hits[0].message


@pytest.mark.parametrize("number", ["-1.5", "+3", "-0", "1e-3"])
def test_numbers_left_alone(number: str) -> None:
    assert neutralize(number) is None


def test_negative_credits_round_trip() -> None:
    data = "Student ID,Course Code,Course Title,Credits Earned,Grade\n1,C1,T,-1.5,-\n"
    rec, _ = lerbridge.read(data.encode(), "csv", mapping="csv-transcript")
    (out,), report = lerbridge.write(rec, "csv")
    row = next(csv.DictReader(io.StringIO(out.text(), newline="")))
    assert row["Credits Earned"] == "-1.5"
    assert row["Grade"] == "'-"  # a lone dash is text: neutralized, reported
    assert [e.excerpt for e in report.by_code("cell-neutralized")] == ["-"]
