"""The CSV reader: profiles chosen from the header, grouping by student, the companion
student file, encodings, delimiters, and every non-data row or odd header reported with
its row number. Expected values were read from the fixture files by eye."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

import lerbridge
from lerbridge.errors import FormatDetectionError, MappingError, ReadError
from lerbridge.formats.base import Input
from lerbridge.formats.csv import FORMAT as CSV_FORMAT
from lerbridge.formats.csv import read_csv
from lerbridge.model import pick_text
from lerbridge.model.transcript import course_awards
from lerbridge.report import LossReport

UPSTREAM = "fixtures-upstream/csv"
HEADER = (
    "Student ID,Student Name,Institution,Course Code,Course Title,Term,Award Date,"
    "Credits Earned,Grade\n"
)


def _read(data: bytes, **kw):  # type: ignore[no-untyped-def]
    report = LossReport()
    return read_csv(data, report, **kw), report


def _row(sid: str, code: str, grade: str = "A") -> str:
    return f'{sid},"Doe, {sid}",Westbridge,{code},Course {code},2024 Fall,2024-12-15,3,{grade}\n'


# --- the upstream fixtures, each with the profile chosen from its header ----------------

UPSTREAM_CASES = [
    # file, profile, records, awards, achievements, codes that must be reported
    ("badgr_bulk_issue_template_2018.csv", "csv-badgr", 2, 2, 0, {"source-schema-violation"}),
    ("badgr_import_members_template.csv", "csv-badgr", 2, 2, 0, {"value-coerced"}),
    (
        "canvas_gradebook_export_basic_course_with_sis_login_id.csv",
        "csv-canvas-gradebook",
        7,
        7,
        7,
        {"row-skipped", "source-schema-violation", "unmapped-source-field"},
    ),
    (
        "credentialengine_learningopportunity_bulk_upload_kutztown_excerpt.csv",
        "csv-ce-bulk",
        1,
        0,
        4,
        {"unmapped-source-field"},
    ),
    (
        "credentialengine_pathway_bulk_upload_badgr_unt_french_ba.csv",
        "csv-ce-bulk",
        1,
        0,
        82,
        {"unmapped-source-field"},
    ),
    (
        "simulated_transcript_single_student_per_course.csv",
        "csv-transcript",
        1,
        40,
        22,
        {"unmapped-source-field", "source-schema-violation"},
    ),
]


@pytest.mark.parametrize(("name", "profile", "n_rec", "n_aw", "n_ach", "codes"), UPSTREAM_CASES)
def test_upstream_fixture_reads_with_detected_profile(
    shared_dir: Path, name: str, profile: str, n_rec: int, n_aw: int, n_ach: int, codes: set[str]
) -> None:
    path = shared_dir / UPSTREAM / name
    records, report = lerbridge.read_records(path)
    assert {r.provenance.dialect for r in records if r.provenance} == {profile}
    detected = report.by_code("profile-detected")
    assert len(detected) == 1 and profile in detected[0].message
    assert len(records) == n_rec
    assert sum(len(r.awards) for r in records) == n_aw
    assert sum(len(r.achievements) for r in records) == n_ach
    assert codes <= set(report.codes())
    # every data row became an award or an achievement, or was reported as skipped
    with path.open(newline="", encoding="utf-8-sig") as fh:
        rows = [r for r in list(csv.reader(fh))[1:] if any(c.strip() for c in r)]
    skipped = len(report.by_code("row-skipped"))
    assert (n_aw or n_ach) + skipped == len(rows)


def test_canvas_points_possible_row_reported_not_read(shared_dir: Path) -> None:
    path = shared_dir / UPSTREAM / "canvas_gradebook_export_basic_course_with_sis_login_id.csv"
    records, report = lerbridge.read_records(path)
    skipped = report.by_code("row-skipped")
    assert [e.source_path for e in skipped] == ["row 2"]
    names = sorted((r.person.name.family, r.person.name.given) for r in records if r.person)
    assert names[0] == ("Blend", "Bill") and len(names) == 7
    ragged = [e for e in report.by_code("source-schema-violation") if "cells" in e.message]
    assert [e.source_path for e in ragged] == [f"row {n}" for n in range(2, 10)]
    # unknown columns are reported once each, at the header, not once per row
    unmapped = report.by_code("unmapped-source-field")
    assert sorted(e.excerpt for e in unmapped) == ["Assignment 1", "Comments"]


def test_pathway_headers_matched_case_insensitively(shared_dir: Path) -> None:
    path = shared_dir / UPSTREAM / "credentialengine_pathway_bulk_upload_badgr_unt_french_ba.csv"
    (rec,), report = lerbridge.read_records(path)
    types = Counter(a.achievement_type for a in rec.achievements)
    assert types["Badge"] == 30  # "credential Type" = DigitalBadge
    assert all(a.name for a in rec.achievements)  # "name" (lower case)
    unmapped = Counter(e.excerpt for e in report.by_code("unmapped-source-field"))
    assert unmapped["sourceData"] == 1 and unmapped["Has Child"] == 1


def test_ce_bulk_values(upstream: Path) -> None:
    path = (
        upstream / "csv" / "credentialengine_learningopportunity_bulk_upload_kutztown_excerpt.csv"
    )
    (rec,), report = lerbridge.read_records(path)
    by_code = {a.human_code: a for a in rec.achievements}
    acct = by_code["ACCT 121"]
    assert acct.ctid == "ce-9f8e99d3-5d73-400b-8d52-e002be8a844f"
    assert acct.languages == ["en"]
    assert acct.subject_webpage and acct.subject_webpage.endswith("Catalog-2025-2026.pdf")
    assert acct.credits_available == 3
    assert acct.achievement_type == "Course"
    assert pick_text(acct.name)[1] == "Financial Accounting"
    assert '"the language of business."' in (pick_text(acct.description)[1] or "")
    assert [i.value for i in acct.identifiers] == ["ACCT 121"]
    assert acct.extensions["csv"]["Credit Unit Type"] == "SemesterHour"
    assert by_code["ACCT 306"].credits_available is None
    # the unmapped columns are reported once each, not once per row
    unmapped = Counter(e.excerpt for e in report.by_code("unmapped-source-field"))
    assert unmapped["Offered By"] == 1 and unmapped["In Catalog"] == 1
    assert all(e.source_path for e in report)


# --- grouping, footers, join --------------------------------------------------------------


def test_multi_student_file_gives_one_record_per_student(shipped: Path) -> None:
    records, _ = lerbridge.read_records(shipped / "csv" / "lerbridge-transcript-3-students.csv")
    assert len(records) == 3
    assert [len(course_awards(r)) for r in records] == [3, 2, 3]
    anna = records[0]
    assert anna.person is not None and anna.person.name is not None
    assert (anna.person.name.family, anna.person.name.given) == ("Krüger", "Anna")
    assert [i.value for i in anna.person.identifiers] == ["S1001"]
    rows = course_awards(anna)
    assert rows[1].title == "Composition I: Reading, Writing"
    assert (rows[0].grade, rows[0].credits_earned, rows[0].term) == ("A-", 3, "2024 Fall")
    withdrew = course_awards(records[1])[0]
    assert (withdrew.grade, withdrew.status) == ("W", "Withdrew")


def test_interleaved_rows_group_in_memory() -> None:
    data = HEADER + _row("A", "C1") + _row("B", "C1") + _row("A", "C2")
    records, _ = _read(data.encode())
    assert sorted(len(r.awards) for r in records) == [1, 2]


def test_totals_footer_reported_not_courses(shipped: Path) -> None:
    (rec,), report = lerbridge.read_records(shipped / "csv" / "lerbridge-transcript-footer.csv")
    assert [c.code for c in course_awards(rec)] == ["BIO101", "ENG100", "MAT110"]
    skipped = {e.source_path: e.message for e in report.by_code("row-skipped")}
    assert set(skipped) == {"row 5", "row 6", "row 7"}
    assert "totals footer" in skipped["row 6"] and "blank" in skipped["row 5"]
    # k12-style headers matched through aliases; earned > attempted kept as given
    mat = course_awards(rec)[2]
    assert (mat.credits_available, mat.credits_earned) == (3, 4)
    assert rec.person is not None and rec.person.name is not None
    assert (rec.person.name.given, rec.person.name.family) == ("Lee", "Park")


def test_join_students_file(shipped: Path) -> None:
    data = (shipped / "csv" / "lerbridge-transcript-3-students.csv").read_bytes()
    records, report = _read(data, join=shipped / "csv" / "lerbridge-students.csv")
    sam = records[1].person
    assert sam is not None and sam.birth_date == "2002-11-30"
    dup = [e for e in report.by_code("source-schema-violation") if "appears again" in e.message]
    assert len(dup) == 1 and dup[0].source_path.endswith("row 4")
    dangling = {e.excerpt for e in report.by_code("unresolved-reference")}
    assert dangling == {"S1003", "S1009"}


# --- syntax: encodings, delimiters, odd headers ------------------------------------------


def test_utf8_bom_and_cp1252() -> None:
    text = HEADER + '1,"Müller, Jörg",W,C1,Café,2024 Fall,2024-12-15,3,A\n'
    (rec,), report = _read(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert rec.person and rec.person.name and rec.person.name.family == "Müller"
    assert not report.by_code("value-coerced") or all(
        "cp1252" not in e.message for e in report.by_code("value-coerced")
    )
    (rec2,), report2 = _read(text.encode("cp1252"))
    assert rec2.person and rec2.person.name and rec2.person.name.given == "Jörg"
    assert any("cp1252" in e.message for e in report2.by_code("value-coerced"))


@pytest.mark.parametrize("delim", [",", ";", "\t"])
def test_delimiter_sniffed(delim: str) -> None:
    data = (HEADER + _row("A", "C1") + _row("A", "C2")).replace(",", delim)
    data = data.replace(f'"Doe{delim} A"', '"Doe, A"')
    (rec,), _ = _read(data.encode())
    assert [c.code for c in course_awards(rec)] == ["C1", "C2"]


def test_ragged_empty_and_duplicate_headers_reported_with_rows() -> None:
    data = "Student ID,Course Code,,Grade,grade ,Mystery\n1,C1,x,A,B,m1\n1,C2\n1,C3,,A,,m3,extra\n"
    (rec,), report = _read(data.encode(), mapping="csv-transcript")
    viol = {
        (e.source_path, e.message.split(";")[0]) for e in report.by_code("source-schema-violation")
    }
    assert ("row 1, column 3", "header cell 3 is empty") in viol
    assert any(p == "row 1, column 5" and "repeats" in m for p, m in viol)
    assert any(p == "row 3" and "2 cells" in m for p, m in viol)
    assert any(p == "row 4" and "7 cells" in m for p, m in viol)
    assert any(p == "row 2, column 3" for p, _ in viol)  # value under an empty header
    assert any(p == "row 2, column 5" for p, _ in viol)  # value under a repeated header
    unknown = report.by_code("unmapped-source-field")
    assert [e.excerpt for e in unknown] == ["Mystery"]  # once, not once per row
    assert rec.awards[0].extensions == {"csv": {"Mystery": "m1"}}
    assert [c.grade for c in course_awards(rec)] == ["A", None, "A"]


def test_header_alias_case_and_spaces() -> None:
    data = "  STUDENT_ID ,Course_Number,LETTER_GRADE\n7,X1,B\n"
    (rec,), report = _read(data.encode())
    assert [(c.code, c.grade) for c in course_awards(rec)] == [("X1", "B")]
    assert "csv-transcript" in report.by_code("profile-detected")[0].message


def test_equal_profiles_refused_with_candidates() -> None:
    # "email" is the Badgr key (and a transcript column), "ID" the Canvas key: both profiles
    # know half the header and find their key in it
    with pytest.raises(FormatDetectionError) as err:
        _read(b"email,ID\na@b.c,1\n")
    assert "csv-badgr 50%" in str(err.value) and "csv-canvas-gradebook 50%" in str(err.value)
    assert "csv-transcript" not in str(err.value)


def test_equal_share_broken_by_key() -> None:
    (rec,), _ = _read(b"email\nx@example.org\n")
    assert rec.provenance and rec.provenance.dialect == "csv-badgr"


def test_no_profile_fits() -> None:
    with pytest.raises(FormatDetectionError):
        _read(b"alpha,beta\n1,2\n")


def test_json_is_never_csv() -> None:
    for doc in (b'{"email": 1}', b'\xef\xbb\xbf [{"email": "x"}]', b"eyJhbGciOi.eyJpc3Mi.c2ln"):
        assert CSV_FORMAT.detect is not None and CSV_FORMAT.detect(Input(doc, "x")) == 0
    with pytest.raises(ReadError):
        _read(b'[{"email": "x"}]')


def test_long_line_refused() -> None:
    data = HEADER + "1," + "x" * (1 << 20) + "\n"
    with pytest.raises(ReadError, match="longer than"):
        _read(data.encode())


def test_user_profile_is_a_mapping_file(tmp_path: Path) -> None:
    mine = tmp_path / "my-sis.yaml"
    mine.write_text(
        "mapping: my-sis\n"
        "namespace: csv\n"
        "extends: csv-transcript\n"
        "csv:\n"
        "  columns:\n"
        "    - {name: Grade, aliases: [Note finale]}\n"
        "    - {name: Student ID, at: student, aliases: [Matricule]}\n",
        "utf-8",
    )
    data = b"Matricule;Course Code;Note finale\n9;PHY1;A+\n9;PHY2;B\n"
    (rec,), report = _read(data, mapping=mine)
    assert [(c.code, c.grade) for c in course_awards(rec)] == [("PHY1", "A+"), ("PHY2", "B")]
    assert not report.by_code("profile-detected")
    assert rec.provenance and rec.provenance.dialect == "my-sis"


def test_profile_must_be_csv(tmp_path: Path) -> None:
    with pytest.raises(MappingError):
        _read(HEADER.encode(), mapping="ob3")


def test_ce_bulk_to_ctdl_through_the_canonical_model(upstream: Path) -> None:
    if "ctdl" not in {f.name for f in lerbridge.formats()}:
        pytest.skip("the CTDL format is not registered in this tree")
    path = (
        upstream / "csv" / "credentialengine_learningopportunity_bulk_upload_kutztown_excerpt.csv"
    )
    result = lerbridge.convert(path, to="ctdl")
    docs = [json.loads(d.data) for d in result.documents]
    assert len(docs) == 4
    assert docs[0]["ceterms:ctid"] == "ce-9f8e99d3-5d73-400b-8d52-e002be8a844f"
    with path.open(newline="", encoding="utf-8-sig") as fh:
        names = {r["Learning Opportunity Name"] for r in csv.DictReader(fh)}
    assert {d["ceterms:name"] for d in docs} == names
