"""The evidence a record gives for its skills: which credential, its kind and strength."""

from __future__ import annotations

from ..model import Award, LearnerRecord, Skill
from ..model.base import pick_text
from .model import SkillEvidence

RESUME_FORMATS = frozenset({"lerrs", "hrxml"})
SELF = "self-asserted"
#: achievementType (OB 3.0 / CLR vocabulary, plus LER-RS sections) -> evidence kind.
KINDS = {
    "Course": "course",
    "LearningProgram": "course",
    "Badge": "badge",
    "Competency": "competency",
    "MicroCredential": "badge",
    "Achievement": "badge",
    "Certificate": "certification",
    "Certification": "certification",
    "CertificateOfCompletion": "certification",
    "License": "license",
    "Assessment": "assessment",
    "ApprenticeshipCertificate": "certification",
    "Diploma": "degree",
    "GeneralEducationDevelopment": "degree",
}


def text(value: dict[str, str] | None, language: str | None = None) -> str | None:
    return pick_text(value, language)[1]


def kind_of(record: LearnerRecord, award: Award) -> str:
    ach = record.achievement(award.achievement_id)
    typ = (ach.achievement_type if ach else None) or ""
    typ = typ.removeprefix("ext:")
    if typ in KINDS:
        return KINDS[typ]
    if typ.endswith("Degree"):
        return "degree"
    fmt = record.provenance.format if record.provenance else None
    if fmt in ("ob2", "ob3"):
        return "badge"
    if award.license_number:
        return "license"
    return "credential"


def strength_of(record: LearnerRecord, award: Award) -> str:
    """``signed`` when the credential (or the envelope holding it, a CLR) carries a proof;
    an item a résumé merely lists is self-asserted; anything else ``unsigned``."""
    if award.credential and award.credential.proofs:
        return "signed"
    fmt = record.provenance.format if record.provenance else None
    if fmt in RESUME_FORMATS:
        return SELF
    env = record.envelope
    if env and env.credential and env.credential.proofs:
        return "signed"
    return "unsigned"


def award_evidence(
    record: LearnerRecord, award: Award, source: str, language: str | None
) -> SkillEvidence:
    ach = record.achievement(award.achievement_id)
    name = text(award.name, language) or (text(ach.name, language) if ach else None)
    results = [r.value or r.status for r in award.results if r.value or r.status]
    levels = [r.achieved_level for r in award.results if r.achieved_level]
    date = award.awarded_date or award.valid_from or award.activity_end
    return SkillEvidence(
        credential=award.id,
        name=name,
        issuer=text(award.issuer.name, language) if award.issuer else None,
        date=date,
        result=", ".join(results) or None,
        level=", ".join(levels) or None,
        kind=kind_of(record, award),
        strength=strength_of(record, award),
        source=source,
        source_format=record.provenance.format if record.provenance else None,
    )


def claim_evidence(
    record: LearnerRecord, skill: Skill, source: str, language: str | None
) -> SkillEvidence:
    """A skill the person lists themself (a résumé's skills)."""
    env = record.envelope
    return SkillEvidence(
        name=(text(env.name, language) if env else None) or "résumé",
        date=skill.last_used,
        level=f"{skill.years_of_experience} years" if skill.years_of_experience else None,
        result="; ".join(skill.comments) or None,
        kind=SELF,
        strength=SELF,
        source=source,
        source_format=record.provenance.format if record.provenance else None,
    )
