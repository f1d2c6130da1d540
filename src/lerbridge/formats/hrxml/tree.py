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
    _flatten_competencies(out)
    return out


def _issue(err: Any) -> SchemaIssue:
    from ...specs import hropen_xml

    return hropen_xml._to_issue(err)


def encode(native: dict[str, Any]) -> etree._Element:
    """The element tree of a native dict; raises :class:`WriteError` when the schema
    cannot encode it or the result is not a valid Resume."""
    data = _strip_none(native)
    assert isinstance(data, dict)
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
