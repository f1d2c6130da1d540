"""Which record content becomes which LER-RS section item when writing.

Résumé items read from LER-RS (or HR-XML) are written back as they are. Awards from
credential sources go to the section their achievement type names (the ``resume:``
table of ``lerrs.yaml``) and carry their credential as a verification, so a hiring
system gets the verifiable evidence. A CLR becomes one education entry, with its degrees
and GPA, carrying the whole CLR. An award already carried inside an embedded credential
is not listed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...model import (
    Award,
    Degree,
    EducationAttendance,
    LearnerRecord,
    Profile,
    Score,
    Skill,
    Specialization,
    gpa_values,
)
from ...model.achievement import Achievement
from ...report import LossReport
from ..resume import section_of

FORMAT = "lerrs"


@dataclass
class Plan:
    """The items of each section, in record order; ``embed`` names the awards whose
    credential an item carries (written by the OB 3.0 or CLR writer)."""

    education: list[EducationAttendance] = field(default_factory=list)
    certifications: list[tuple[int, Award]] = field(default_factory=list)
    licenses: list[tuple[int, Award]] = field(default_factory=list)
    skills: list[Skill] = field(default_factory=list)
    embed_clr: int | None = None
    """Index in ``education`` of the entry that carries the whole record as a CLR."""
    listed: set[str] = field(default_factory=set)
    """Ids of the awards that are résumé items (or are carried by one)."""
    in_skills: set[str] = field(default_factory=set)
    """Ids of the awards (competencies) whose only place is the skill they evidence."""


def carried_ids(record: LearnerRecord) -> set[str]:
    """Awards carried inside a credential some résumé item embeds."""
    out: set[str] = set()
    items: list[Any] = [*record.education, *record.employment, *record.skills]
    for item in items:
        for v in item.verifications:
            out.update(v.award_ids)
    for award in record.awards:
        for v in award.verifications:
            out.update(i for i in v.award_ids if i != award.id)
    return out


def plan(record: LearnerRecord, mapping: Any, report: LossReport) -> Plan:
    achievements = {a.id: a for a in record.achievements}
    carried = carried_ids(record)
    p = Plan(education=list(record.education), skills=_skills(record))
    p.listed |= carried
    if _is_clr(record):
        p.education.append(_clr_entry(record, achievements, mapping))
        p.embed_clr = len(p.education) - 1
        p.listed |= {a.id for a in record.awards if a.id}
        return p
    for i, award in enumerate(record.awards):
        if award.id and award.id in p.listed:
            continue
        ach = achievements.get(award.achievement_id or "")
        kind = ach.achievement_type if ach else None
        section = section_of(mapping, kind)
        cpath = f"awards[{i}]"
        if section in ("certifications", "licenses"):
            getattr(p, section).append((i, award))
            _unused(ach, CERT_ACHIEVEMENT, award, report)
        elif section == "educationAndLearnings":
            p.education.append(_degree_entry(award, ach))
            _unused(award, DEGREE_AWARD, award, report, cpath, ach)
            _unused(ach, DEGREE_ACHIEVEMENT, award, report)
        elif section == "skills":
            if not any(award.id in s.evidenced_by for s in p.skills):
                p.skills.append(_skill_of(award, ach))
                _unused(award, SKILL_AWARD, award, report, cpath)
                _unused(ach, SKILL_ACHIEVEMENT, award, report)
            if award.id:
                p.in_skills.add(award.id)
        else:
            report.add(
                "no-target-field",
                f"LER-RS has no place for a {kind or 'typeless'} award outside an embedded CLR",
                canonical_path=f"awards[{i}]",
                target_format=FORMAT,
                value=award.id or (ach.id if ach else None),
            )
            continue
        if award.id:
            p.listed.add(award.id)
    return p


#: What a résumé item shows of an award and its achievement when no credential carries
#: the rest (fields not listed are reported when they hold a value).
CERT_ACHIEVEMENT = {"id", "name", "description", "achievement_type"}
DEGREE_AWARD = {"id", "achievement_id", "name", "issuer", "awarded_date", "valid_from"}
DEGREE_ACHIEVEMENT = {
    "id",
    "name",
    "achievement_type",
    "field_of_study",
    "specialization",
    "result_descriptions",
}
SKILL_AWARD = {"id", "achievement_id", "name"}
SKILL_ACHIEVEMENT = {"id", "name", "description"}


def _unused(
    obj: Award | Achievement | None,
    shown: set[str],
    award: Award,
    report: LossReport,
    cpath: str | None = None,
    ach: Achievement | None = None,
) -> None:
    """Report what a plain résumé item cannot show, unless the award's credential is
    embedded (then the credential carries it). A degree shows its GPA results."""
    if obj is None or award.credential is not None:
        return
    where = cpath or f"achievements[id={getattr(obj, 'id', '')}]"
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name in shown or name == "extensions" or value in (None, [], {}, ""):
            continue
        if name == "results" and isinstance(obj, Award):
            shown_gpa = LearnerRecord(awards=[obj], achievements=[ach] if ach else [])
            gpa = {id(r) for r in obj.results for a, v in gpa_values(shown_gpa) if r.value == v}
            if all(id(r) in gpa for r in obj.results):
                continue
        report.add(
            "no-target-field",
            f"a résumé item has no place for the {name.replace('_', ' ')}",
            canonical_path=f"{where}.{name}",
            target_format=FORMAT,
            value=value if isinstance(value, str | int | float) else None,
        )
    for ns, items in getattr(obj, "extensions", {}).items():
        if ns != FORMAT and items:
            report.add(
                "no-target-field",
                f"{ns} extensions ({', '.join(sorted(items))}) have no place in a résumé item",
                canonical_path=f"{where}.extensions.{ns}",
                target_format=FORMAT,
            )


def from_resume(record: LearnerRecord) -> bool:
    prov = record.provenance
    return prov is not None and prov.format == FORMAT


def _skills(record: LearnerRecord) -> list[Skill]:
    """A résumé's skills list is what its author wrote: skills lerbridge derived from the
    credentials it embeds stay in the record (for other targets) but are not added to it.
    From any other source, derived skills are listed too (skills first)."""
    if from_resume(record):
        return [s for s in record.skills if not s.derived_from]
    return list(record.skills)


#: Source formats whose record is one transcript (a PESC College Transcript is read into
#: the same course/degree/GPA awards a CLR is).
TRANSCRIPTS = ("clr", "pesc")


def _is_clr(record: LearnerRecord) -> bool:
    prov = record.provenance
    return prov is not None and prov.format in TRANSCRIPTS and bool(record.awards)


def _clr_entry(
    record: LearnerRecord, achievements: dict[str, Achievement], mapping: Any
) -> EducationAttendance:
    """The whole CLR as one education entry: the school is its publisher; each degree
    takes its own GPA, or the transcript's GPA when the CLR has one degree."""
    gpas = gpa_values(record)
    pairs = [
        (award, ach)
        for award in record.awards
        if (ach := achievements.get(award.achievement_id or "")) is not None
        and section_of(mapping, ach.achievement_type) == "educationAndLearnings"
    ]
    degrees = []
    for award, ach in pairs:
        own = [v for a, v in gpas if a is award]
        if not own and len(pairs) == 1:
            # the transcript's GPA; a term GPA (an award with a term) is not the degree's
            own = [v for a, v in gpas if a.term is None]
        degrees.append(_degree(award, ach, own))
    return EducationAttendance(institution=_school(record.publisher), degrees=degrees)


def _school(org: Profile | None) -> Profile | None:
    """The school as the résumé names it; the rest of its profile travels in the
    embedded credential."""
    if org is None:
        return None
    return Profile(id=org.id, name=org.name, trade_name=org.trade_name, url=org.url)


def _degree_entry(award: Award, ach: Achievement | None) -> EducationAttendance:
    rec = LearnerRecord(awards=[award], achievements=[ach] if ach else [])
    gpa = [v for _, v in gpa_values(rec)]
    school = _school(award.issuer) if award.credential is not None else award.issuer
    return EducationAttendance(institution=school, degrees=[_degree(award, ach, gpa)])


def _degree(award: Award, ach: Achievement | None, gpa_list: list[str]) -> Degree:
    gpa = [Score(value=_number(v), numeric=True, code="GPA") for v in gpa_list]
    specs = []
    if ach and ach.field_of_study:
        specs.append(Specialization(name=ach.field_of_study, type="major"))
    if ach and ach.specialization:
        specs.append(Specialization(name=ach.specialization, type="concentration"))
    return Degree(
        name=(ach.name if ach else None) or award.name,
        degree_type=ach.achievement_type if ach and award.credential is None else None,
        date=award.awarded_date or award.valid_from,
        scores=gpa,
        specializations=specs,
        status="Granted",
        award_id=award.id,
    )


def _number(v: str) -> float | int | str:
    try:
        f = float(v)
    except ValueError:
        return v
    return int(f) if f.is_integer() and "." not in v else f


def _skill_of(award: Award, ach: Achievement | None) -> Skill:
    return Skill(
        id=ach.id if ach else None,
        name=(ach.name if ach else None) or award.name,
        description=ach.description if ach else None,
        url=ach.id if ach else None,
        evidenced_by=[award.id] if award.id else [],
        derived_from="achievement",
    )
