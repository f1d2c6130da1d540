"""A skills profile written out: canonical JSON, CSV, an LER-RS résumé, a CTDL-ASN
competency framework (the HTML page is :mod:`.html`)."""

from __future__ import annotations

import csv
import io

import orjson

from ..errors import LerbridgeError
from ..formats.csv.writer import guard_row, neutralize
from ..mapping.reading import mint_ctid
from ..model import CompetencyFramework, LearnerRecord, Skill, Verification
from ..model.people import Person, PersonName
from ..report import LossReport
from .evidence import text
from .model import FrameworkRef, SkillEvidence, SkillsProfile

FORMATS = ("json", "lerrs", "ctdl-asn", "csv", "html")
EXTENSIONS = {
    "json": ".json",
    "lerrs": ".json",
    "ctdl-asn": ".json",
    "csv": ".csv",
    "html": ".html",
}
CSV_COLUMNS = (
    "skill_id",
    "skill",
    "framework",
    "code",
    "first_evidence",
    "last_evidence",
    "strongest",
    "credential",
    "evidence",
    "issuer",
    "date",
    "result",
    "level",
    "kind",
    "strength",
    "source",
)


def render(profile: SkillsProfile, fmt: str, report: LossReport) -> bytes:
    if fmt == "json":
        return orjson.dumps(profile.to_dict(), option=orjson.OPT_INDENT_2) + b"\n"
    if fmt == "csv":
        return to_csv(profile, report)
    if fmt == "lerrs":
        return to_lerrs(profile, report)
    if fmt == "ctdl-asn":
        return to_ctdl(profile, report)
    if fmt == "html":
        from .html import to_html

        return to_html(profile)
    raise LerbridgeError(f"unknown skills profile format {fmt!r}; one of {', '.join(FORMATS)}")


def _framework_text(fw: FrameworkRef | None) -> str:
    return (fw.name or fw.id or "") if fw else ""


def to_csv(profile: SkillsProfile, report: LossReport) -> bytes:
    """One row per piece of evidence (a skill without evidence: one row). Cells a
    spreadsheet would run as a formula are neutralized and reported (cell-neutralized)."""
    header = list(CSV_COLUMNS)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([neutralize(h) or h for h in header])
    number = 2
    for skill in profile.skills:
        base = {
            "skill_id": skill.id,
            "skill": text(skill.name) or "",
            "framework": _framework_text(skill.framework),
            "code": skill.code or "",
            "first_evidence": skill.first_evidence or "",
            "last_evidence": skill.last_evidence or "",
            "strongest": skill.strongest or "",
        }
        for ev in skill.evidence or [None]:
            row = dict(base)
            if ev is not None:
                row.update(
                    {
                        "credential": ev.credential or "",
                        "evidence": ev.name or "",
                        "issuer": ev.issuer or "",
                        "date": ev.date or "",
                        "result": ev.result or "",
                        "level": ev.level or "",
                        "kind": ev.kind,
                        "strength": ev.strength,
                        "source": ev.source,
                    }
                )
            w.writerow(guard_row(header, row, report, number))
            number += 1
    return buf.getvalue().encode("utf-8")


def _evidence_line(ev: SkillEvidence) -> str:
    said = ", ".join(p for p in (ev.name, ev.issuer, ev.date, ev.result) if p)
    return f"{ev.kind} ({ev.strength}): {said}"


def to_lerrs(profile: SkillsProfile, report: LossReport) -> bytes:
    """An LER-RS résumé of the skills: each skill with its framework reference, the
    evidencing credentials as ``verifications`` (references to their ids), and one
    comment per piece of evidence. Checked against the official LER-RSType schema."""
    from .. import api

    skills = []
    for s in profile.skills:
        skills.append(
            Skill(
                name=s.name,
                description=s.description,
                url=s.url,
                framework=_framework_text(s.framework) or None,
                comments=[_evidence_line(e) for e in s.evidence],
                verifications=[
                    Verification(kind="reference", reference=e.credential)
                    for e in s.evidence
                    if e.credential
                ],
            )
        )
    person = Person(name=PersonName(formatted=profile.person)) if profile.person else None
    docs, wreport = api.write(
        LearnerRecord(person=person, skills=skills), "lerrs", lerrs_vc=False, lerrs_type_url="4.4"
    )
    report.extend(wreport)
    return docs[0].data


def to_ctdl(profile: SkillsProfile, report: LossReport, language: str = "en") -> bytes:
    """A CTDL-ASN competency framework of the person's skills, one ceasn:Competency per
    skill (its CTID minted from the skill's id, its code the source's), as one @graph
    document checked against the Registry schemas."""
    from .. import api

    seed = "skills-profile:" + "|".join(s.id for s in profile.skills)
    fw_ctid = mint_ctid(seed)
    fw_id = f"https://credentialengineregistry.org/resources/{fw_ctid}"
    skills = []
    for s in profile.skills:
        ctid = mint_ctid("skills-profile-skill:" + s.id)
        name = {language: text(s.name) or s.id}
        if not s.description:
            report.add(
                "value-synthesized",
                f"competency text of {name[language]!r} taken from its name (the sources give "
                "no description)",
                canonical_path=f"skills[{len(skills)}].text",
                target_format="ctdl",
            )
        skills.append(
            Skill(
                id=f"https://credentialengineregistry.org/resources/{ctid}",
                ctid=ctid,
                name=name,
                text={language: text(s.description) or text(s.name) or s.id},
                code=s.code,
                framework=fw_id,
                languages=[language],
            )
        )
    who = profile.person or "one person"
    framework = CompetencyFramework(
        id=fw_id,
        ctid=fw_ctid,
        name={language: f"Skills of {who}"},
        description={
            language: f"The skills {who}'s credentials evidence (lerbridge skills profile)"
        },
        languages=[language],
        top_children=[s.id for s in skills if s.id],
    )
    report.add(
        "no-target-field",
        "CTDL-ASN describes competencies, not a person's evidence: the evidence, dates, "
        "strengths and source framework references of each skill are not written (the JSON, "
        "LER-RS, CSV and HTML outputs keep them)",
        target_format="ctdl",
    )
    docs, wreport = api.write(LearnerRecord(frameworks=[framework], skills=skills), "ctdl")
    report.extend(wreport)
    return docs[0].data
