"""Transcript views over a record: courses, grades, credits, terms, GPA. These are the
canonical fields CLR, CSV and PESC transcripts map to, named once here so every format
reads them the same way."""

from __future__ import annotations

from dataclasses import dataclass

from .achievement import Achievement, ResultDescription
from .award import Award, Result
from .base import pick_text
from .record import LearnerRecord

COURSE = "Course"
GPA = "GradePointAverage"
GRADE_TYPES = (
    "LetterGrade",
    "Percent",
    "ScaledScore",
    "RawScore",
    "PerformanceLevel",
    "RubricScore",
    "PredictedScore",
    "Result",
)


@dataclass(frozen=True)
class CourseRow:
    """One course award as a transcript shows it."""

    award: Award
    achievement: Achievement
    title: str | None
    code: str | None
    grade: str | None
    status: str | None
    credits_earned: float | None
    credits_available: float | None
    term: str | None


def result_type(achievement: Achievement | None, result: Result) -> str | None:
    """The resultType of the ResultDescription a result points at, if any."""
    if achievement is None or result.result_description is None:
        return None
    for rd in achievement.result_descriptions:
        if rd.id == result.result_description:
            return rd.result_type
    return None


def description_of(achievement: Achievement | None, result: Result) -> ResultDescription | None:
    if achievement is None:
        return None
    return next(
        (rd for rd in achievement.result_descriptions if rd.id == result.result_description),
        None,
    )


def grade_of(award: Award, achievement: Achievement | None) -> str | None:
    """The award's grade: the value of its first result that is not a GPA or a status."""
    for res in award.results:
        kind = result_type(achievement, res)
        if res.value is not None and kind not in (GPA, "Status"):
            return res.value
    return None


def status_of(award: Award) -> str | None:
    return next((r.status for r in award.results if r.status), None)


def course_awards(record: LearnerRecord) -> list[CourseRow]:
    """Every award whose achievement is a Course, in record order."""
    rows = []
    for award in record.awards:
        ach = record.achievement(award.achievement_id)
        if ach is None or ach.achievement_type != COURSE:
            continue
        rows.append(
            CourseRow(
                award=award,
                achievement=ach,
                title=pick_text(ach.name)[1],
                code=ach.human_code,
                grade=grade_of(award, ach),
                status=status_of(award),
                credits_earned=award.credits_earned,
                credits_available=ach.credits_available,
                term=award.term,
            )
        )
    return rows


def gpa_values(record: LearnerRecord) -> list[tuple[Award, str]]:
    """(award, value) for every GradePointAverage result in the record."""
    out = []
    for award in record.awards:
        ach = record.achievement(award.achievement_id)
        out += [
            (award, r.value)
            for r in award.results
            if r.value is not None and result_type(ach, r) == GPA
        ]
    return out
