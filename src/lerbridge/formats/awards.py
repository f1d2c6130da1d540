"""Award-level fixes the credential formats share before writing: a credentialSubject from
the record's person, an achievement for an award that names none."""

from __future__ import annotations

from typing import Any

from ..mapping.engine import mint_id
from ..model import Achievement, Award, Identifier, LearnerRecord, Recipient
from ..report import LossReport


def with_recipient(
    award: Award, record: LearnerRecord, cpath: str, fmt: str, report: LossReport
) -> Award:
    """An award from a source that names the learner only at record level (LER-RS, CSV)
    takes the record's person as its credentialSubject."""
    if award.recipient is not None or record.person is None:
        return award
    p = record.person
    idents = list(p.identifiers) + [
        Identifier(value=e.value, scheme="emailAddress") for e in p.emails
    ]
    if not p.id and not idents:
        return award
    report.add(
        "value-synthesized",
        "credentialSubject taken from the record's person",
        canonical_path=f"{cpath}.recipient",
        target_format=fmt,
    )
    return award.model_copy(update={"recipient": Recipient(id=p.id, identifiers=idents)})


def with_achievement(
    award: Award, lookup: dict[str, dict[str, Any]], cpath: str, fmt: str, report: LossReport
) -> Award:
    """OB 3.0 requires credentialSubject.achievement. An award that names none (a VC-JWT
    with only a credential name, a CSV row without a course) gets one made from the
    award's own name and description, minted and reported."""
    if award.achievement_id and award.achievement_id in lookup["achievements"]:
        return award
    name = award.name or {"und": "Achievement"}
    ach = Achievement(id="", name=name, description=award.description or name)
    ach = ach.model_copy(update={"id": mint_id(f"{fmt}:achievement", ach)})
    lookup["achievements"][ach.id] = ach
    report.add(
        "value-synthesized",
        "the award names no achievement; one was made from the award's name and description",
        canonical_path=f"{cpath}.achievement_id",
        target_format=fmt,
        value=ach.id,
    )
    return award.model_copy(update={"achievement_id": ach.id})
