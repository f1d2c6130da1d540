"""HR-XML 2.5 syntax: an lxml tree <-> the plain dict tree the hrxml mapping reads, decoded
and encoded with the bundled Resume schema (xmlschema).

Keys are element names without the HR-XML namespace (``StructuredXMLResume``), attributes
are ``@name`` (``@xml:lang``, ``@xsi:schemaLocation`` for the two foreign ones), and the
text of an element of simple content that may carry attributes is under ``$``. Elements
that may repeat are lists, as the schema says. Empty elements are ``""``.

Two purely structural rewrites make the tree fit a mapping: the person's
``ContactMethod`` elements (each may hold a phone, a fax, an e-mail... at once) are split
into one item per channel, grouped by channel name, and merged back when written; and the
nested ``Competency`` elements of ``Qualifications`` are flattened into one list whose
items carry ``#id`` and ``#parent`` keys, and nested again when written.

A few more rewrites give the mapping one value where the schema gives parts, and keep the
parts under ``#`` keys (extensions to the mapping) so the same document is written back:

- a phone number given in parts (``InternationalCountryCode``, ``AreaCityCode``,
  ``SubscriberNumber``, ``Extension``...) gets a composed ``FormattedNumber``
  ("+1 404 1221234 x12", reported as synthesized) and its parts under ``#parts``; they are
  written back instead of the formatted number as long as it still composes the same;
- the person's ``Affix`` elements are grouped by type (``Affix/generation``...), with
  ``Affix/#types`` recording their order when it is not the schema's enumeration order or
  a ``qualification`` stands for the suffix; the one ``FamilyName``'s ``@prefix`` is
  ``#familyPrefix``;
- the deprecated ``SchoolOrInstitution/DatesOfAttendance`` (a repeated StartDate,
  EndDate? sequence) is paired: the first pair stays as ``StartDate``/``EndDate`` and the
  others are ``#more``.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...errors import WriteError
from ...mapping.engine import mint_id
from ...report import LossReport
from ...specs import SchemaIssue
from ...specs.hropen_xml import HRXML_NS, resume_schema, validate_resume

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"": HRXML_NS, "xml": XML_NS, "xsi": XSI_NS}
ROOT = f"{{{HRXML_NS}}}Resume"
FORMAT = "hrxml"

CONTACT_PATH = ("StructuredXMLResume", "ContactInfo", "ContactMethod")
CHANNELS = (
    "Telephone",
    "Mobile",
    "Fax",
    "Pager",
    "TTYTDD",
    "InternetEmailAddress",
    "InternetWebAddress",
    "PostalAddress",
)
SHARED = ("Use", "Location", "WhenAvailable")
NO_CHANNEL = "Other"
NUMBER_CHANNELS = ("Telephone", "Mobile", "Fax", "Pager", "TTYTDD")
#: TelcomNumberGroup, in schema order.
NUMBER_PARTS = (
    "InternationalCountryCode",
    "NationalNumber",
    "AreaCityCode",
    "SubscriberNumber",
    "Extension",
)
PARTS = "#parts"
NAME_PATH = ("StructuredXMLResume", "ContactInfo", "PersonName")
#: Affix/@type, in the schema's enumeration order (the order affixes are written in).
AFFIX_TYPES = ("aristocraticTitle", "formOfAddress", "generation", "qualification")
AFFIX_ORDER = "#types"
FAMILY_PREFIX = "#familyPrefix"
SCHOOL_PATH = ("StructuredXMLResume", "EducationHistory", "SchoolOrInstitution")
MORE = "#more"
COMPETENCY_PATH = ("StructuredXMLResume", "Qualifications", "Competency")
ID, PARENT = "#id", "#parent"


def decode(tree: etree._ElementTree, report: LossReport) -> dict[str, Any]:
    """The document as a dict; what breaks the schema is reported and read leniently."""
    data, errors = resume_schema().to_dict(
        tree,
        validation="lax",
        namespaces=NAMESPACES,
        use_location_hints=False,
        xmlns_processing="none",
        force_dict=True,
        keep_empty=True,
    )
    for err in errors:
        issue = _issue(err)
        report.add(
            "source-schema-violation",
            issue.message,
            source_path=issue.pointer,
            source_format=FORMAT,
        )
    out: dict[str, Any] = data if isinstance(data, dict) else {}
    for key in [k for k in out if k == "@xmlns" or k.startswith("@xmlns:")]:
        del out[key]
    _split_contacts(out)
    _compose_numbers(out, report)
    _group_affixes(out)
    _pair_attendance(out, tree.getroot())
    _flatten_competencies(out)
    return out


def _issue(err: Any) -> SchemaIssue:
    from ...specs import hropen_xml

    return hropen_xml._to_issue(err)


def encode(native: dict[str, Any], report: LossReport | None = None) -> etree._Element:
    """The element tree of a native dict; raises :class:`WriteError` when the schema
    cannot encode it or the result is not a valid Resume. ``report`` gets what the
    structural rewrites had to add or drop."""
    data = _strip_none(native)
    assert isinstance(data, dict)
    report = report if report is not None else LossReport()
    _decompose_numbers(data)
    _ungroup_affixes(data, report)
    patterns = _unpair_attendance(data, report)
    _merge_contacts(data)
    _nest_competencies(data)
    elem, errors = resume_schema().encode(
        data,
        path="Resume",
        namespaces=NAMESPACES,
        validation="lax",
        unordered=True,
        etree_element_class=etree.Element,
    )
    if elem is not None:
        _reorder_attendance(elem, patterns)
    issues = [_issue(e) for e in errors] if errors else []
    if not issues and elem is not None:
        issues = validate_resume(elem)
    if issues or elem is None:
        lines = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:10])
        raise WriteError(
            f"output fails the HR-XML 2.5 Resume schema ({len(issues)} issue(s)): {lines}"
        )
    return elem


def serialize(elem: etree._Element) -> bytes:
    etree.indent(elem, space="  ")
    out: bytes = etree.tostring(elem, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value if v is not None]
    return value


def _at(doc: dict[str, Any], path: tuple[str, ...]) -> tuple[dict[str, Any] | None, Any]:
    cur: Any = doc
    for part in path[:-1]:
        cur = cur.get(part) if isinstance(cur, dict) else None
    if not isinstance(cur, dict):
        return None, None
    return cur, cur.get(path[-1])


def _split_contacts(doc: dict[str, Any]) -> None:
    parent, methods = _at(doc, CONTACT_PATH)
    if parent is None or not isinstance(methods, list):
        return
    grouped: dict[str, list[Any]] = {}
    for method in methods:
        if not isinstance(method, dict):
            grouped.setdefault(NO_CHANNEL, []).append(method)
            continue
        shared = {k: method[k] for k in SHARED if k in method}
        rest = {k: v for k, v in method.items() if k not in SHARED and k not in CHANNELS}
        channels = [c for c in CHANNELS if c in method]
        if not channels:
            grouped.setdefault(NO_CHANNEL, []).append(method)
            continue
        for i, channel in enumerate(channels):
            item = {**shared, channel: method[channel], **(rest if i == 0 else {})}
            grouped.setdefault(channel, []).append(item)
    parent[CONTACT_PATH[-1]] = grouped


def _merge_contacts(doc: dict[str, Any]) -> None:
    """One ContactMethod per channel item, merged first-fit into the earliest method that
    has no such channel yet and the same use, location and availability."""
    parent, grouped = _at(doc, CONTACT_PATH)
    if parent is None or not isinstance(grouped, dict):
        return
    methods: list[dict[str, Any]] = []
    for channel in (*CHANNELS, NO_CHANNEL):
        items = grouped.get(channel) or []
        for item in items if isinstance(items, list) else [items]:
            if not isinstance(item, dict) or channel == NO_CHANNEL:
                methods.append(item)
                continue
            shared = {k: item.get(k) for k in SHARED}
            home = next(
                (
                    m
                    for m in methods
                    if isinstance(m, dict)
                    and channel not in m
                    and {k: m.get(k) for k in SHARED} == shared
                    and not set(item) - set(SHARED) - {channel} & set(m)
                ),
                None,
            )
            if home is None:
                methods.append(dict(item))
            else:
                home.update(item)
    parent[CONTACT_PATH[-1]] = methods


def _flatten_competencies(doc: dict[str, Any]) -> None:
    parent, comps = _at(doc, COMPETENCY_PATH)
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


def _nest_competencies(doc: dict[str, Any]) -> None:
    parent, flat = _at(doc, COMPETENCY_PATH)
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


def compose_number(parts: dict[str, Any]) -> str:
    """A phone number's parts as one string: "+1 404 1221234 x12"."""
    bits = []
    for key in NUMBER_PARTS:
        text = str(parts.get(key) or "").strip()
        if not text:
            continue
        if key == "InternationalCountryCode":
            text = "+" + text.lstrip("+")
        elif key == "Extension":
            text = "x" + text
        bits.append(text)
    return " ".join(bits)


def _numbers(doc: dict[str, Any]) -> list[tuple[str, int, dict[str, Any]]]:
    _, grouped = _at(doc, CONTACT_PATH)
    if not isinstance(grouped, dict):
        return []
    out = []
    for channel in NUMBER_CHANNELS:
        items = grouped.get(channel)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get(channel), dict):
                out.append((channel, i, item))
    return out


def _compose_numbers(doc: dict[str, Any], report: LossReport) -> None:
    """A number in parts gets the FormattedNumber they compose; the parts are kept."""
    for channel, i, item in _numbers(doc):
        number = item[channel]
        if "FormattedNumber" in number or not number.get("SubscriberNumber"):
            continue
        parts = {k: number[k] for k in NUMBER_PARTS if k in number}
        rest = {k: v for k, v in number.items() if k not in NUMBER_PARTS}
        value = compose_number(parts)
        item[channel] = {"FormattedNumber": value, **rest, PARTS: parts}
        report.add(
            "value-synthesized",
            f"{channel} has no FormattedNumber; composed from {', '.join(parts)}",
            source_path="/" + "/".join((*CONTACT_PATH, channel, str(i), channel)),
            source_format=FORMAT,
            value=value,
        )


def _decompose_numbers(doc: dict[str, Any]) -> None:
    """The kept parts are written instead of the FormattedNumber they still compose."""
    for channel, _, item in _numbers(doc):
        number = dict(item[channel])
        parts = number.pop(PARTS, None)
        if (
            isinstance(parts, dict)
            and parts.get("SubscriberNumber")
            and number.get("FormattedNumber") == compose_number(parts)
        ):
            del number["FormattedNumber"]
            number = {**parts, **number}
        item[channel] = number


def _group_affixes(doc: dict[str, Any]) -> None:
    _, name = _at(doc, NAME_PATH)
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


def _ungroup_affixes(doc: dict[str, Any], report: LossReport) -> None:
    _, name = _at(doc, NAME_PATH)
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


def _pair_attendance(doc: dict[str, Any], root: etree._Element) -> None:
    """SchoolOrInstitution/DatesOfAttendance holds (StartDate, EndDate?)+: the decoded
    lists are paired by the elements' order; the first pair is the attendance's dates."""
    _, schools = _at(doc, SCHOOL_PATH)
    elements = root.findall(_q(*SCHOOL_PATH))
    if not isinstance(schools, list) or len(elements) != len(schools):
        return
    for school, elem in zip(schools, elements, strict=True):
        dates = school.get("DatesOfAttendance") if isinstance(school, dict) else None
        found = elem.find(_q("DatesOfAttendance"))
        if not isinstance(dates, dict) or found is None:
            continue
        tags = [etree.QName(c).localname for c in found if isinstance(c.tag, str)]
        starts, ends = _as_list(dates.get("StartDate")), _as_list(dates.get("EndDate"))
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


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _unpair_attendance(doc: dict[str, Any], report: LossReport) -> list[list[bool] | None]:
    """Back to the schema's lists; returns, per school, which pairs have an EndDate."""
    _, schools = _at(doc, SCHOOL_PATH)
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
        pairs = [first, *(p for p in _as_list(more) if isinstance(p, dict) and "StartDate" in p)]
        dates["StartDate"] = [p["StartDate"] for p in pairs]
        ends = [p["EndDate"] for p in pairs if "EndDate" in p]
        if ends:
            dates["EndDate"] = ends
        school["DatesOfAttendance"] = dates
        patterns.append(["EndDate" in p for p in pairs])
    return patterns


def _reorder_attendance(root: etree._Element, patterns: list[list[bool] | None]) -> None:
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
