"""Merging the skills of many records into one profile.

Two skills become one entry only when they share a framework reference (see
:mod:`.keys`): the same URI, the same CTID, or the same code in the same framework, directly
or through a competency of a framework given as input. Skills with the same name and no
shared reference stay apart; the match is listed in ``name_matches`` and reported
(``skill-name-match``), never applied."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..mapping.reading import mint_id
from ..model import CompetencyFramework, LearnerRecord, Skill
from ..model.award import Award
from ..report import LossReport
from .evidence import award_evidence, claim_evidence, text
from .keys import URI, code_key, name_key, skill_keys
from .model import (
    STRENGTHS,
    FrameworkRef,
    NameMatch,
    ProfileSkill,
    ProfileSource,
    SkillEvidence,
    SkillsProfile,
)

Inputs = Sequence[tuple[str, list[LearnerRecord]]]


@dataclass
class _Part:
    """One skill as one record gives it."""

    skill: Skill
    keys: list[str]
    evidence: list[SkillEvidence]
    source: str
    competency: tuple[Skill, CompetencyFramework] | None = None


@dataclass
class _Frameworks:
    by_key: dict[str, tuple[Skill, CompetencyFramework]] = field(default_factory=dict)
    refs: list[FrameworkRef] = field(default_factory=list)

    def add(self, record: LearnerRecord, language: str | None) -> set[int]:
        """Index the record's framework competencies; the ids() of the skills used."""
        frameworks = {f.id: f for f in record.frameworks}
        for fw in record.frameworks:
            self.refs.append(FrameworkRef(id=fw.id, name=text(fw.name, language)))
        used: set[int] = set()
        for skill in record.skills:
            fw = frameworks.get(skill.framework or "")
            if fw is None:
                continue
            used.add(id(skill))
            for key in skill_keys(skill):
                self.by_key.setdefault(key, (skill, fw))
            for name in (fw.name or {}).values():  # an alignment may name it by name
                key = code_key(name, skill.code)
                if key:
                    self.by_key.setdefault(key, (skill, fw))
        return used

    def resolve(self, keys: list[str]) -> tuple[Skill, CompetencyFramework] | None:
        return next((self.by_key[k] for k in keys if k in self.by_key), None)


def person_name(record: LearnerRecord) -> str | None:
    name = record.person.name if record.person else None
    if name is None:
        return None
    return name.formatted or " ".join(p for p in (name.given, name.family) if p) or None


def build_profile(
    inputs: Inputs, frameworks: Inputs = (), language: str | None = None
) -> tuple[SkillsProfile, LossReport]:
    """The profile of every skill the records of ``inputs`` hold; ``frameworks`` (and any
    framework among the inputs) name, group and resolve them. Deterministic."""
    report = LossReport()
    index = _Frameworks()
    sources: list[ProfileSource] = []
    framework_skills: set[int] = set()
    for _src, records in (*frameworks, *inputs):
        for rec in records:
            framework_skills |= index.add(rec, language)
    awards: dict[str, tuple[LearnerRecord, Award, str]] = {}
    people: list[str] = []
    for src, records in inputs:
        fmt = records[0].provenance.format if records and records[0].provenance else "?"
        nfw = sum(len(r.frameworks) for r in records)
        sources.append(ProfileSource(source=src, format=fmt, records=len(records), frameworks=nfw))
        for rec in records:
            name = person_name(rec)
            if name and name not in people:
                people.append(name)
            for award in rec.awards:
                if award.id:
                    awards.setdefault(award.id, (rec, award, src))
    parts: list[_Part] = []
    for src, records in inputs:
        for rec in records:
            for i, skill in enumerate(rec.skills):
                if id(skill) in framework_skills:
                    continue
                parts.append(_part(rec, skill, src, i, awards, index, report, language))
    profile = SkillsProfile(
        person=people[0] if people else None,
        people=people,
        sources=sources,
        frameworks=index.refs,
        skills=[_entry(g, language) for g in _groups(parts)],
    )
    if len(people) > 1:
        report.add(
            "several-people",
            f"the inputs name {len(people)} people ({', '.join(people)}): check that every "
            "credential belongs to the same person",
        )
    _report_unreferenced(profile, report)
    profile.name_matches = _name_matches(profile, report)
    return profile, report


def _part(
    rec: LearnerRecord,
    skill: Skill,
    src: str,
    i: int,
    awards: dict[str, tuple[LearnerRecord, Award, str]],
    index: _Frameworks,
    report: LossReport,
    language: str | None,
) -> _Part:
    keys = skill_keys(skill)
    comp = index.resolve(keys)
    if comp is not None:
        keys = list(dict.fromkeys([*keys, *skill_keys(comp[0])]))
    evidence: list[SkillEvidence] = []
    if skill.derived_from is None:
        evidence.append(claim_evidence(rec, skill, src, language))
    refs = list(skill.evidenced_by)
    for ver in skill.verifications:
        refs += ver.award_ids or ([ver.reference] if ver.reference else [])
    for ref in dict.fromkeys(refs):
        found = awards.get(ref)
        if found is None:
            report.add(
                "evidence-unresolved",
                f"{src}: skill {text(skill.name, language)!r} names evidence {ref!r}, which "
                "is no credential among the inputs",
                canonical_path=f"skills[{i}].evidenced_by",
                value=ref,
            )
            continue
        evidence.append(award_evidence(found[0], found[1], found[2], language))
    return _Part(skill, keys, evidence, src, comp)


def _groups(parts: list[_Part]) -> list[list[_Part]]:
    """Parts that share a reference, transitively, in order of first appearance."""
    parent = list(range(len(parts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, part in enumerate(parts):
        for key in part.keys:
            if key in first:
                a, b = sorted((find(i), find(first[key])))
                parent[b] = a
            else:
                first[key] = i
    groups: dict[int, list[_Part]] = {}
    for i, part in enumerate(parts):
        groups.setdefault(find(i), []).append(part)
    return list(groups.values())


def _entry(group: list[_Part], language: str | None) -> ProfileSkill:
    comp = next((p.competency for p in group if p.competency), None)
    lead = comp[0] if comp else group[0].skill
    name = lead.name or next((p.skill.name for p in group if p.skill.name), None)
    main = text(name, language)
    others: list[str] = []
    for p in group:
        n = text(p.skill.name, language)
        if n and n != main and n not in others:
            others.append(n)
    fw_text = lead.framework or next((p.skill.framework for p in group if p.skill.framework), None)
    if comp:
        framework: FrameworkRef | None = FrameworkRef(id=comp[1].id, name=text(comp[1].name))
    elif fw_text:
        framework = FrameworkRef(id=fw_text) if URI.match(fw_text) else FrameworkRef(name=fw_text)
    else:
        framework = None
    keys = sorted({k for p in group for k in p.keys})
    url = (
        lead.url
        or (lead.id if comp else None)
        or next((p.skill.url for p in group if p.skill.url), None)
    )
    evidence = _dedupe([e for p in group for e in p.evidence])
    dates = sorted(e.date for e in evidence if e.date)
    strengths = [s for s in STRENGTHS if any(e.strength == s for e in evidence)]
    seed = {"references": keys} if keys else {"name": main, "source": group[0].source}
    return ProfileSkill(
        id=url or mint_id("skills-profile", {**seed, "at": _position(group[0])}),
        name=name,
        other_names=others,
        description=lead.description or lead.text,
        framework=framework,
        code=lead.code or next((p.skill.code for p in group if p.skill.code), None),
        url=url,
        ctid=lead.ctid,
        references=keys,
        resolved=comp is not None,
        evidence=evidence,
        first_evidence=dates[0] if dates else None,
        last_evidence=dates[-1] if dates else None,
        kinds=list(dict.fromkeys(e.kind for e in evidence)),
        strengths=strengths,
        strongest=strengths[0] if strengths else None,
    )


def _position(part: _Part) -> str:
    return f"{part.source}#{part.skill.model_dump_json(exclude_defaults=True)}"


def _dedupe(evidence: list[SkillEvidence]) -> list[SkillEvidence]:
    """One item per credential (the same badge read twice, or inside a CLR and alone),
    ordered by date (undated last), then source."""
    seen: set[tuple[str | None, ...]] = set()
    out = []
    for e in evidence:
        key = ("cred", e.credential) if e.credential else (e.source, e.kind, e.name, e.date)
        if key not in seen:
            seen.add(key)
            out.append(e)
    return sorted(out, key=lambda e: (e.date is None, e.date or "", e.source))


def _report_unreferenced(profile: SkillsProfile, report: LossReport) -> None:
    for i, skill in enumerate(profile.skills):
        if not skill.references:
            report.add(
                "skill-unreferenced",
                f"skill {text(skill.name)!r} names no framework item: kept on its own, "
                "merged with nothing",
                canonical_path=f"skills[{i}]",
            )


def _name_matches(profile: SkillsProfile, report: LossReport) -> list[NameMatch]:
    by_name: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for skill in profile.skills:
        for n in [text(skill.name), *skill.other_names]:
            key = name_key(n)
            if key and skill.id not in by_name.setdefault(key, []):
                by_name[key].append(skill.id)
                shown.setdefault(key, n or key)
    out = []
    for key, ids in by_name.items():
        if len(ids) > 1:
            out.append(NameMatch(name=shown[key], skills=ids))
            report.add(
                "skill-name-match",
                f"{len(ids)} skills named {shown[key]!r} are kept apart (no shared framework "
                f"reference); merge them yourself if they are one skill: {', '.join(ids)}",
            )
    return out
