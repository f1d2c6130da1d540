"""CASE associations <-> CTDL-ASN competency properties (research note case.md §6.3).

CTDL-ASN has no association node: a CASE association becomes a property of one of the
competencies it joins, and the association's own identifier, uri, date and sequence are
lost. The ``ctdl`` writer calls :func:`associations_to_ctdl`, which turns the record's
associations into ``ctdl`` extensions of the skills (written by the ctdl mapping as any
other CTDL property); the ``case`` writer calls :func:`ctdl_to_associations` for the
way back. ``isChildOf`` is the hierarchy (``parent_id`` / ``children``) on both sides."""

from __future__ import annotations

from typing import Any

from ...model import Association, LearnerRecord, Skill
from ...report import LossReport

CTDL = "ctdl"
#: associationType -> (CTDL-ASN property, on which node, exact?) [§6.3: decl / CE / derived].
#: "origin": the property sits on the origin and names the destination; "destination":
#: the direction flips (A precedes B = B has A as prerequisite).
TO_CTDL: dict[str, tuple[str, str, bool]] = {
    "exactMatchOf": ("ceasn:exactAlignment", "origin", True),
    "precedes": ("ceasn:prerequisiteAlignment", "destination", True),
    "isRelatedTo": ("ceasn:alignTo", "origin", False),
    "isPeerOf": ("ceasn:alignTo", "origin", False),
    "hasSkillLevel": ("asn:hasProgressionLevel", "origin", True),
}
#: The way back: CTDL-ASN property -> (associationType, the property's node is the origin?).
FROM_CTDL: dict[str, tuple[str, bool]] = {
    "ceasn:exactAlignment": ("exactMatchOf", True),
    "ceasn:prerequisiteAlignment": ("precedes", False),
    "ceasn:alignTo": ("isRelatedTo", True),
    "asn:hasProgressionLevel": ("hasSkillLevel", True),
}
CHILD = "isChildOf"


def associations_to_ctdl(record: LearnerRecord, report: LossReport, fmt: str) -> LearnerRecord:
    """The record without associations; each one that has a CTDL-ASN form is a ``ctdl``
    extension of the competency that holds it. Every loss is reported."""
    index = {s.id: i for i, s in enumerate(record.skills) if s.id}
    nodes = {*index, *(f.id for f in record.frameworks)}
    ours = [(k, a) for k, a in enumerate(record.associations) if {a.source_id, a.target_id} & nodes]
    if not ours:
        return record  # links between achievements (CLR): the writer reports them
    added: dict[int, dict[str, list[str]]] = {}
    for k, link in ours:
        where = f"associations[{k}]"
        if link.type == CHILD:
            continue  # the hierarchy: parent_id / children / top_children
        rule = TO_CTDL.get(link.type)
        holder, value = (link.source_id, link.target_id)
        if rule and rule[1] == "destination":
            holder, value = value, holder
        if rule is None or holder not in index:
            why = "no CTDL-ASN property" if rule is None else "its node is not a competency here"
            report.add(
                "no-target-field",
                f"{link.type} association: {why}; not written",
                canonical_path=where,
                target_format=fmt,
                value=link.type,
            )
            continue
        prop, _, exact = rule
        if not exact:
            report.add(
                "enum-approximated",
                f"{link.type} association written as {prop}",
                canonical_path=where,
                target_format=fmt,
                value=link.type,
            )
        values = added.setdefault(index[holder], {}).setdefault(prop, [])
        if value not in values:
            values.append(value)
    report.add(
        "no-target-field",
        f"CTDL-ASN has no association node: the identifier, uri, date and sequenceNumber "
        f"of {len(ours)} association(s) between competencies are not written",
        canonical_path="associations",
        target_format=fmt,
    )
    skills = list(record.skills)
    for i, props in added.items():
        own = dict(skills[i].extensions.get(CTDL, {}))
        for prop, values in props.items():
            old = own.get(prop)
            before = old if isinstance(old, list) else [] if old is None else [old]
            own[prop] = before + [v for v in values if v not in before]
        skills[i] = skills[i].model_copy(update={"extensions": {**skills[i].extensions, CTDL: own}})
    taken = {k for k, _ in ours}
    rest = [a for k, a in enumerate(record.associations) if k not in taken]
    return record.model_copy(update={"skills": skills, "associations": rest})


def ctdl_to_associations(skills: list[Skill]) -> tuple[list[Skill], list[Association]]:
    """Skills without the CTDL-ASN properties that are CASE associations, and those
    associations (CTDL-ASN -> CASE)."""
    out_skills: list[Skill] = []
    links: list[Association] = []
    for skill in skills:
        own = skill.extensions.get(CTDL, {})
        found = [p for p in FROM_CTDL if p in own]
        if not found or not skill.id:
            out_skills.append(skill)
            continue
        for prop in found:
            kind, is_origin = FROM_CTDL[prop]
            for value in _strings(own[prop]):
                src, dst = (skill.id, value) if is_origin else (value, skill.id)
                links.append(Association(type=kind, source_id=src, target_id=dst))
        rest = {k: v for k, v in own.items() if k not in found}
        ext = (
            {**skill.extensions, CTDL: rest}
            if rest
            else {k: v for k, v in skill.extensions.items() if k != CTDL}
        )
        out_skills.append(skill.model_copy(update={"extensions": ext}))
    return out_skills, links


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [x for x in items if isinstance(x, str)]
