"""HR-XML shapes the mapping reads more easily rewritten: nested competencies flattened
(``#id``/``#parent``), name affixes grouped by type, and the deprecated
``DatesOfAttendance`` sequence paired into start/end."""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...mapping.engine import mint_id
from ...report import LossReport
from ...specs.hropen_xml import HRXML_NS
from .native import FORMAT, as_list, at

ID, PARENT = "#id", "#parent"

NAME_PATH = ("StructuredXMLResume", "ContactInfo", "PersonName")


AFFIX_TYPES = ("aristocraticTitle", "formOfAddress", "generation", "qualification")


AFFIX_ORDER = "#types"


FAMILY_PREFIX = "#familyPrefix"


SCHOOL_PATH = ("StructuredXMLResume", "EducationHistory", "SchoolOrInstitution")


MORE = "#more"


COMPETENCY_PATH = ("StructuredXMLResume", "Qualifications", "Competency")


def flatten_competencies(doc: dict[str, Any]) -> None:
    parent, comps = at(doc, COMPETENCY_PATH)
    if parent is None or not isinstance(comps, list):
        return
    flat: list[Any] = []

    def walk(items: list[Any], up: str | None) -> None:
        for item in items:
            if not isinstance(item, dict):
                flat.append(item)
                continue
            children = item.get("Competency")
            own = {k: v for k, v in item.items() if k != "Competency"}
            ident = mint_id("hrxml:competency", {"name": own.get("@name"), "parent": up})
            own[ID] = ident
            if up is not None:
                own[PARENT] = up
            flat.append(own)
            if isinstance(children, list):
                walk(children, ident)

    walk(comps, None)
    parent[COMPETENCY_PATH[-1]] = flat


def nest_competencies(doc: dict[str, Any]) -> None:
    parent, flat = at(doc, COMPETENCY_PATH)
    if parent is None or not isinstance(flat, list):
        return
    ids = {c.get(ID) for c in flat if isinstance(c, dict) and c.get(ID)}
    top: list[Any] = []
    by_id: dict[str, dict[str, Any]] = {}
    for comp in flat:
        if not isinstance(comp, dict):
            top.append(comp)
            continue
        item = {k: v for k, v in comp.items() if k not in (ID, PARENT)}
        if comp.get(ID):
            by_id[comp[ID]] = item
        up = comp.get(PARENT)
        if up in ids and up in by_id:
            by_id[up].setdefault("Competency", []).append(item)
        else:
            top.append(item)
    parent[COMPETENCY_PATH[-1]] = top


def group_affixes(doc: dict[str, Any]) -> None:
    _, name = at(doc, NAME_PATH)
    if not isinstance(name, dict):
        return
    affixes = name.get("Affix")
    if isinstance(affixes, list) and affixes and all(_plain_affix(a) for a in affixes):
        types = [a["@type"] for a in affixes]
        groups: dict[str, Any] = {}
        for a in affixes:
            groups.setdefault(a["@type"], []).append(a["$"])
        if types != sorted(types, key=AFFIX_TYPES.index) or (
            "qualification" in groups and "generation" not in groups
        ):
            groups[AFFIX_ORDER] = types
        name["Affix"] = groups
    families = name.get("FamilyName")
    if isinstance(families, list) and len(families) == 1 and isinstance(families[0], dict):
        family = dict(families[0])
        prefix = family.pop("@prefix", None)
        if isinstance(prefix, str):
            name[FAMILY_PREFIX] = prefix
            name["FamilyName"] = [family]


def _plain_affix(affix: Any) -> bool:
    return (
        isinstance(affix, dict)
        and set(affix) == {"@type", "$"}
        and affix["@type"] in AFFIX_TYPES
        and isinstance(affix["$"], str)
    )


def ungroup_affixes(doc: dict[str, Any], report: LossReport) -> None:
    _, name = at(doc, NAME_PATH)
    if not isinstance(name, dict):
        return
    groups = name.get("Affix")
    if isinstance(groups, dict):
        values = {t: list(v) if isinstance(v, list) else [v] for t, v in groups.items()}
        order = values.pop(AFFIX_ORDER, None) or []
        if (
            "generation" not in order
            and "qualification" in order
            and "generation" in values
            and "qualification" not in values
        ):
            values["qualification"] = values.pop("generation")  # the suffix was one
        affixes = []
        for kind in order:
            if values.get(kind):
                affixes.append({"@type": kind, "$": values[kind].pop(0)})
        for kind in (*AFFIX_TYPES, *sorted(set(values) - set(AFFIX_TYPES))):
            affixes.extend({"@type": kind, "$": v} for v in values.get(kind, []))
        name["Affix"] = affixes
    prefix = name.pop(FAMILY_PREFIX, None)
    if prefix is None:
        return
    families = name.get("FamilyName")
    if isinstance(families, list) and len(families) == 1:
        family = families[0]
        family = dict(family) if isinstance(family, dict) else {"$": family}
        name["FamilyName"] = [{**family, "@prefix": prefix}]
    else:
        report.add(
            "no-target-field",
            "HR-XML holds a family name prefix on the one FamilyName; there is "
            f"{'none' if not families else 'more than one'}",
            canonical_path="person.name.family_prefix",
            target_format=FORMAT,
            value=prefix,
        )


def _q(*names: str) -> str:
    return "/".join(f"{{{HRXML_NS}}}{n}" for n in names)


def pair_attendance(doc: dict[str, Any], root: etree._Element) -> None:
    """SchoolOrInstitution/DatesOfAttendance holds (StartDate, EndDate?)+: the decoded
    lists are paired by the elements' order; the first pair is the attendance's dates."""
    _, schools = at(doc, SCHOOL_PATH)
    elements = root.findall(_q(*SCHOOL_PATH))
    if not isinstance(schools, list) or len(elements) != len(schools):
        return
    for school, elem in zip(schools, elements, strict=True):
        dates = school.get("DatesOfAttendance") if isinstance(school, dict) else None
        found = elem.find(_q("DatesOfAttendance"))
        if not isinstance(dates, dict) or found is None:
            continue
        tags = [etree.QName(c).localname for c in found if isinstance(c.tag, str)]
        starts, ends = as_list(dates.get("StartDate")), as_list(dates.get("EndDate"))
        if tags.count("StartDate") != len(starts) or tags.count("EndDate") != len(ends):
            continue
        pairs: list[dict[str, Any]] = []
        for tag in tags:
            if tag == "StartDate":
                pairs.append({"StartDate": starts[len(pairs)]})
            elif tag == "EndDate" and pairs and "EndDate" not in pairs[-1]:
                pairs[-1]["EndDate"] = ends[sum("EndDate" in p for p in pairs)]
            else:
                break
        else:
            if not pairs:
                continue
            rest = {k: v for k, v in dates.items() if k not in ("StartDate", "EndDate")}
            school["DatesOfAttendance"] = {**rest, **pairs[0]}
            if len(pairs) > 1:
                school["DatesOfAttendance"][MORE] = pairs[1:]


def unpair_attendance(doc: dict[str, Any], report: LossReport) -> list[list[bool] | None]:
    """Back to the schema's lists; returns, per school, which pairs have an EndDate."""
    _, schools = at(doc, SCHOOL_PATH)
    patterns: list[list[bool] | None] = []
    for i, school in enumerate(schools if isinstance(schools, list) else []):
        dates = school.get("DatesOfAttendance") if isinstance(school, dict) else None
        if not isinstance(dates, dict):
            patterns.append(None)
            continue
        dates = dict(dates)
        more = dates.pop(MORE, None)
        first = {k: dates.pop(k) for k in ("StartDate", "EndDate") if k in dates}
        if "StartDate" not in first:
            first = {"StartDate": {"AnyDate": "notKnown"}, **first}
            report.add(
                "value-synthesized",
                'HR-XML requires a StartDate in DatesOfAttendance; "notKnown" written',
                canonical_path=f"education[{i}].start",
                target_format=FORMAT,
            )
        pairs = [first, *(p for p in as_list(more) if isinstance(p, dict) and "StartDate" in p)]
        dates["StartDate"] = [p["StartDate"] for p in pairs]
        ends = [p["EndDate"] for p in pairs if "EndDate" in p]
        if ends:
            dates["EndDate"] = ends
        school["DatesOfAttendance"] = dates
        patterns.append(["EndDate" in p for p in pairs])
    return patterns


def reorder_attendance(root: etree._Element, patterns: list[list[bool] | None]) -> None:
    """The schema encoder puts each EndDate after the earliest StartDate; put them back
    after their own."""
    for elem, pattern in zip(root.findall(_q(*SCHOOL_PATH)), patterns, strict=False):
        found = elem.find(_q("DatesOfAttendance"))
        if pattern is None or found is None:
            continue
        starts, ends = found.findall(_q("StartDate")), found.findall(_q("EndDate"))
        if len(starts) != len(pattern) or len(ends) != sum(pattern):
            continue
        for child in (*starts, *ends):
            found.remove(child)
        later = iter(ends)
        for start, has_end in zip(starts, pattern, strict=True):
            found.append(start)
            if has_end:
                found.append(next(later))
