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
    extension of the competency that holds it. Every loss is reported. The CASE fields
    CTDL-ASN has a property for (dates, list enumeration, item type, adoption status)
    become ``ctdl`` extensions too."""
    if any("case" in f.extensions for f in record.frameworks):
        record = record.model_copy(
            update={
                "frameworks": [move_extensions(f, True, DOC_KEYS) for f in record.frameworks],
                "skills": [move_extensions(s, True, ITEM_KEYS) for s in record.skills],
            }
        )
    fws = {f.id for f in record.frameworks}
    index = {s.id: i for i, s in enumerate(record.skills) if s.id and s.framework in fws}
    nodes = {*index, *fws}  # framework competencies only (a CLR links achievements)
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


# --- fields without a canonical home: case extensions <-> ctdl extensions (§6.1, §6.2) ---

STATUS = "http://credreg.net/ctdlasn/vocabs/publicationStatus/"
#: CASE adoptionStatus (free text; these three are common) <-> CTDL publicationStatusType.
ADOPTION = {"Draft": "Draft", "Adopted": "Published", "Deprecated": "Deprecated"}
#: case key -> ctdl key, for competencies (items) and frameworks (documents).
ITEM_KEYS = {
    "lastChangeDateTime": "ceasn:dateModified",
    "listEnumeration": "ceasn:listID",
    "CFItemType": "ceasn:competencyCategory",
}
DOC_KEYS = {
    "lastChangeDateTime": "ceasn:dateModified",
    "adoptionStatus": "ceasn:publicationStatusType",
}


def _to_ctdl_value(key: str, value: Any, lang: str) -> Any:
    """Arrays where the Registry schemas want them (competencyCategory is a
    langstring_multi, publicationStatusType a list of terms)."""
    if key == "CFItemType":
        return [{lang: value}] if isinstance(value, str) else None
    if key == "adoptionStatus":
        return [STATUS + ADOPTION[value]] if value in ADOPTION else None
    return value if isinstance(value, str) else None


def _to_case_value(key: str, value: Any) -> Any:
    if isinstance(value, list):
        value = value[0] if len(value) == 1 else None
    if key == "CFItemType" and isinstance(value, dict):
        texts = [v for v in value.values() if isinstance(v, str)]
        return texts[0] if texts else None
    if key == "adoptionStatus" and isinstance(value, str):
        back = {v: k for k, v in ADOPTION.items()}
        return back.get(value.rsplit("/", 1)[-1])
    return value if isinstance(value, str) else None


def move_extensions(node: Any, to_ctdl: bool, keys: dict[str, str]) -> Any:
    """``node`` (a Skill or CompetencyFramework) with the ``case`` extensions that CTDL-ASN
    has a property for moved into ``ctdl`` extensions, or back. Values that do not fit
    (an adoptionStatus CTDL has no term for) stay where they are, and the writer reports
    them as any other extension."""
    src_ns, dst_ns = ("case", CTDL) if to_ctdl else (CTDL, "case")
    pairs = keys.items() if to_ctdl else ((v, k) for k, v in keys.items())
    src = dict(node.extensions.get(src_ns, {}))
    dst = dict(node.extensions.get(dst_ns, {}))
    langs = getattr(node, "languages", None) or ["und"]
    moved = False
    for key, target in pairs:
        if key not in src or target in dst:
            continue
        value = (
            _to_ctdl_value(key, src[key], langs[0]) if to_ctdl else _to_case_value(target, src[key])
        )
        if value is None:
            continue
        dst[target] = value
        del src[key]
        moved = True
    if not moved:
        return node
    ext = {**node.extensions, src_ns: src, dst_ns: dst}
    return node.model_copy(update={"extensions": {k: v for k, v in ext.items() if v}})
