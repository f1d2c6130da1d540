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
    p = Plan(education=list(record.education), skills=list(record.skills))
    p.listed |= carried
    if _is_clr(record):
        p.education.append(_clr_entry(record, achievements))
        p.embed_clr = len(p.education) - 1
        p.listed |= {a.id for a in record.awards if a.id}
    for i, award in enumerate(record.awards):
        if award.id and award.id in p.listed:
            continue
        ach = achievements.get(award.achievement_id or "")
        kind = ach.achievement_type if ach else None
        section = section_of(mapping, kind)
        if section in ("certifications", "licenses"):
            getattr(p, section).append((i, award))
        elif section == "educationAndLearnings":
            p.education.append(_degree_entry(award, ach))
        elif section == "skills":
            if not any(award.id in s.evidenced_by for s in p.skills):
                p.skills.append(_skill_of(award, ach))
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


def _is_clr(record: LearnerRecord) -> bool:
    prov = record.provenance
    return prov is not None and prov.format == "clr" and bool(record.awards)


def _clr_entry(record: LearnerRecord, achievements: dict[str, Achievement]) -> EducationAttendance:
    """The whole CLR as one education entry: the school is its publisher; each degree
    takes its own GPA, or the transcript's GPA when the CLR has one degree."""
    gpas = gpa_values(record)
    pairs = [
        (award, ach)
        for award in record.awards
        if (ach := achievements.get(award.achievement_id or "")) is not None and _is_degree(ach)
    ]
    degrees = []
    for award, ach in pairs:
        own = [v for a, v in gpas if a is award]
        if not own and len(pairs) == 1:
            own = [v for _, v in gpas]
        degrees.append(_degree(award, ach, own))
    return EducationAttendance(institution=_school(record.publisher), degrees=degrees)


def _school(org: Profile | None) -> Profile | None:
    """The school as the résumé names it; the rest of its profile travels in the
    embedded credential."""
    if org is None:
        return None
    return Profile(id=org.id, name=org.name, trade_name=org.trade_name, url=org.url)


def _is_degree(ach: Achievement) -> bool:
    kind = ach.achievement_type or ""
    return kind.endswith("Degree") or kind in ("Diploma", "SecondarySchoolDiploma", "Doctorate")


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
