"""CTDL / CTDL-ASN syntax out: the ctdl mapping writes grouped nodes; they are written as
self-contained embedded JSON-LD documents (one per entity; blank-node entities put back
inside), or as one ``@graph`` document (``WriteOptions.ctdl_graph``). Every node is checked
against the vocabulary and its Registry JSON Schema; what fails is reported."""

from __future__ import annotations

import re
from typing import Any

from ...errors import WriteError
from ...mapping.engine import WriteContext
from ...model import Achievement, LearnerRecord, Requirement
from ...report import LossReport
from ..base import Document, WriteOptions
from ..mapped import dumps, lookups, mapping_for, write_root
from ..skills import is_derived
from . import checks, native
from .native import FORMAT

AWARD_FIELDS = (
    "recipient",
    "issuer",
    "valid_from",
    "valid_until",
    "awarded_date",
    "results",
    "credits_earned",
    "evidence",
    "credential",
    "endorsements",
)
CTID = re.compile(r"ce-[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
CTDL_TARGETS = ("ceterms:Credential", "CTDL")
COMPETENCY = "ceasn:Competency"


def write(record: LearnerRecord, opts: WriteOptions, report: LossReport) -> list[Document]:
    mapping = mapping_for(FORMAT, opts.mapping)
    rec = _prepare(record, report)
    if not (rec.achievements or rec.organizations or rec.frameworks):
        raise WriteError(
            "the record holds no achievement, organization or framework definition; CTDL "
            "describes offerings, not awards"
        )
    ctx = WriteContext(mapping, report, lookups(rec), opts.language)
    grouped = write_root(mapping, rec, "", ctx)
    nodes = native.flatten(grouped)
    if opts.validate:
        for i, node in enumerate(nodes):
            for pointer, message in checks.node_issues(node, required=False):
                report.add(
                    "target-schema-violation",
                    message,
                    canonical_path=f"@graph[{i}]{pointer}",
                    target_format=FORMAT,
                    value=node.get("@id"),
                )
    has_framework = any(n.get("@type") == "ceasn:CompetencyFramework" for n in nodes)
    if opts.ctdl_graph or has_framework:
        docs = [native.graph_document(nodes)]
    else:
        docs = native.embedded_documents(nodes)
    return [Document(dumps(d), _name(i, d), "application/ld+json") for i, d in enumerate(docs)]


def _prepare(record: LearnerRecord, report: LossReport) -> LearnerRecord:
    """Award data has no CTDL form: report it. Achievements without a CTID take the one
    their alignment to CTDL names (1EdTech practice: targetCode, or the Registry URL)."""
    for i, award in enumerate(record.awards):
        for name in AWARD_FIELDS:
            value = getattr(award, name)
            if value:
                report.add(
                    "no-target-field",
                    f"CTDL describes offerings, not awards: the award's {name} is not written",
                    canonical_path=f"awards[{i}].{name}",
                    target_format=FORMAT,
                    value=value if isinstance(value, str | int | float) else None,
                )
    from ..case.crosswalk import associations_to_ctdl

    record = associations_to_ctdl(record, report, FORMAT)  # CASE associations (none: as is)
    achievements = [_ctid_from_alignment(a, i, report) for i, a in enumerate(record.achievements)]
    return record.model_copy(
        update={"achievements": achievements, "awards": [], "skills": _skills(record, report)}
    )


def _skills(record: LearnerRecord, report: LossReport) -> list[Any]:
    """A framework's competencies without a language take the framework's (the Registry
    requires ceasn:inLanguage on each competency), reported. Skills derived from the awards'
    alignments are not written as competencies: they are the achievements' alignments,
    which CTDL writes as such (or as a targetCompetency)."""
    langs = {f.id: f.languages for f in record.frameworks if f.languages}
    out = []
    for i, skill in enumerate(record.skills):
        if is_derived(skill):
            continue
        if not skill.languages and langs.get(skill.framework or ""):
            skill = skill.model_copy(update={"languages": list(langs[skill.framework or ""])})
            report.add(
                "value-synthesized",
                "competency language taken from its framework",
                canonical_path=f"skills[{i}].languages",
                target_format=FORMAT,
                value=", ".join(skill.languages),
            )
        out.append(skill)
    return out


def _competencies(ach: Achievement, i: int, report: LossReport) -> Achievement:
    """Alignments to competencies become a ConditionProfile's targetCompetency (as
    Credential Engine's Open Badge Publisher does); its description is synthesized."""
    comps = [al for al in ach.alignments if al.target_type == COMPETENCY]
    if not comps:
        return ach
    text = {"en": "Competencies this achievement is aligned to (from its alignments)."}
    report.add(
        "value-synthesized",
        "competency alignments written as a ConditionProfile; its description was made up",
        canonical_path=f"achievements[{i}].alignments",
        target_format=FORMAT,
        value=text["en"],
    )
    req = Requirement(description=text, target_competencies=comps)
    rest = [al for al in ach.alignments if al.target_type != COMPETENCY]
    return ach.model_copy(update={"alignments": rest, "requirements": [*ach.requirements, req]})


def _ctid_from_alignment(ach: Achievement, i: int, report: LossReport) -> Achievement:
    ach = _competencies(ach, i, report)
    own = [al for al in ach.alignments if al.target_type in CTDL_TARGETS]
    found = None
    for al in own:
        for text in (al.target_code, al.target_url):
            m = CTID.search(text or "")
            if m and (ach.ctid is None or m.group(0) == ach.ctid):
                found = found or m.group(0)
                break
    if found is None:
        return ach
    rest = [al for al in ach.alignments if not (al in own and found in _texts(al))]
    update: dict[str, Any] = {"alignments": rest}
    if ach.ctid is None:
        update["ctid"] = found
        report.add(
            "value-synthesized",
            "CTID taken from the achievement's alignment to CTDL",
            canonical_path=f"achievements[{i}].ctid",
            target_format=FORMAT,
            value=found,
        )
    return ach.model_copy(update=update)


def _texts(al: Any) -> str:
    return f"{al.target_code or ''} {al.target_url or ''}"


def _name(i: int, doc: dict[str, Any]) -> str:
    ident = doc.get("@id") or (doc.get("@graph") or [{}])[0].get("@id")
    tail = re.sub(r"[^A-Za-z0-9._-]+", "-", str(ident or "")).strip("-.")[-40:]
    return f"{i + 1:04d}-{tail or 'ctdl'}.json"
