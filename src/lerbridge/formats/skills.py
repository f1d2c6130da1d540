"""Skills first: the skills an award evidences, lifted into ``LearnerRecord.skills``.

An award evidences a skill in two ways, and :func:`derive_skills` lifts both:

* an **alignment** of the awarded achievement (or of one of the award's results) to a
  competency: ``targetType`` ``ceasn:Competency`` or ``CFItem``, or any alignment of an
  achievement whose ``achievementType`` is ``Competency``. One skill per distinct
  competency (keyed by its ``targetUrl``, else by framework, code and name), evidenced by
  every award that carries it; ``derived_from="alignment"``.
* a **competency achievement** (``achievementType`` ``Competency``, as a CLR lists them):
  one skill per awarded competency, named like it, its id and url the achievement's id;
  ``derived_from="achievement"``.

Skills the record already holds (a CTDL framework's competencies, a résumé's skills) come
first and are kept as they are; a derived skill whose id or url matches one of theirs is
not added again: that skill's ``evidenced_by`` gains the award ids instead.

Nothing here is reported to the loss report, because nothing is lost or invented: a
derived skill restates data the award itself holds (its achievement's alignments, or the
achievement). For the same reason writers of a format that holds the award leave derived
skills out of their "no place for skills" reports (see :func:`without_derived`).

The result is deterministic: skills appear in the order of the awards that evidence them
(record order), and deriving twice gives the same record as deriving once.
"""

from __future__ import annotations

from typing import Any

from ..mapping.engine import mint_id
from ..model import Achievement, Alignment, Award, LearnerRecord, Skill

COMPETENCY_TARGETS = frozenset({"ceasn:Competency", "CFItem", "ext:ESCOSkill"})
COMPETENCY_ACHIEVEMENT = "Competency"
ALIGNMENT = "alignment"
ACHIEVEMENT = "achievement"


def is_derived(skill: Skill) -> bool:
    return skill.derived_from is not None


def own_skills(record: LearnerRecord) -> list[Skill]:
    """The record's skills that were not derived from its awards."""
    return [s for s in record.skills if not is_derived(s)]


def without_derived(record: LearnerRecord) -> LearnerRecord:
    """The record without the skills derived from its awards (for writers whose format
    holds those skills through the award itself), or the record itself when it has none."""
    if not any(is_derived(s) for s in record.skills):
        return record
    return record.model_copy(update={"skills": own_skills(record)})


def _alignment_key(al: Alignment) -> tuple[Any, ...]:
    if al.target_url:
        return ("url", al.target_url)
    name = sorted((al.target_name or {}).items())
    return ("fcn", al.target_framework, al.target_code, tuple(name))


def _alignment_id(al: Alignment) -> str:
    if al.target_url:
        return al.target_url
    return mint_id(
        "skill",
        {
            "framework": al.target_framework,
            "code": al.target_code,
            "name": al.target_name,
        },
    )


def _competency_alignments(award: Award, ach: Achievement | None) -> list[Alignment]:
    """The award's competency alignments: its achievement's (all of them when the
    achievement is itself a Competency), then its results'."""
    found: list[Alignment] = []
    if ach is not None:
        every = ach.achievement_type == COMPETENCY_ACHIEVEMENT
        found = [al for al in ach.alignments if every or al.target_type in COMPETENCY_TARGETS]
    for res in award.results:
        found.extend(al for al in res.alignments if al.target_type in COMPETENCY_TARGETS)
    return found


def _from_alignment(al: Alignment) -> Skill:
    return Skill(
        id=_alignment_id(al),
        name=al.target_name,
        description=al.target_description,
        url=al.target_url,
        framework=al.target_framework,
        code=al.target_code,
        alignments=[al],
        derived_from=ALIGNMENT,
    )


def _from_achievement(ach: Achievement) -> Skill:
    return Skill(
        id=ach.id,
        name=ach.name,
        description=ach.description,
        url=ach.id,
        derived_from=ACHIEVEMENT,
    )


def _derive(record: LearnerRecord) -> list[tuple[Skill, list[str]]]:
    """Each derived skill (without evidence) and the ids of the awards evidencing it, in
    the order the awards first evidence them."""
    achievements = {a.id: a for a in record.achievements}
    by_key: dict[tuple[Any, ...], tuple[Skill, list[str]]] = {}
    for award in record.awards:
        ach = achievements.get(award.achievement_id or "")
        found: list[tuple[tuple[Any, ...], Skill]] = []
        if ach is not None and ach.achievement_type == COMPETENCY_ACHIEVEMENT:
            found.append((("achievement", ach.id), _from_achievement(ach)))
        found.extend(
            (_alignment_key(al), _from_alignment(al)) for al in _competency_alignments(award, ach)
        )
        for key, skill in found:
            ids = by_key.setdefault(key, (skill, []))[1]
            if award.id and award.id not in ids:
                ids.append(award.id)
    return list(by_key.values())


def _add_evidence(skill: Skill, ids: list[str]) -> Skill:
    new = [i for i in ids if i not in skill.evidenced_by]
    if not new:
        return skill
    return skill.model_copy(update={"evidenced_by": [*skill.evidenced_by, *new]})


def derive_skills(record: LearnerRecord) -> LearnerRecord:
    """A copy of the record whose ``skills`` also hold the skills its awards evidence
    (see the module docstring). The record given is not changed."""
    skills = list(record.skills)
    index: dict[str, int] = {}
    for i, s in enumerate(skills):
        for ref in (s.id, s.url):
            if ref:
                index.setdefault(ref, i)
    for skill, ids in _derive(record):
        at = next((index[r] for r in (skill.id, skill.url) if r and r in index), None)
        if at is not None:
            skills[at] = _add_evidence(skills[at], ids)
            continue
        skills.append(skill.model_copy(update={"evidenced_by": ids}))
        for ref in (skill.id, skill.url):
            if ref:
                index.setdefault(ref, len(skills) - 1)
    return record.model_copy(update={"skills": skills})
