"""PESC College Transcript syntax: the plain dict tree the pesc mapping reads, decoded and
encoded with the official CollegeTranscript v1.6.0 schema (xmlschema, offline).

Keys are element names (every child of the root is unqualified, whatever prefix the
producer gave the root), the text of an element of simple content with attributes is
``$``, repeatable elements are lists, decimals and dates stay the strings the document
wrote. One structural rewrite gives the mapping flat lists where PESC nests (record →
session → course): see :mod:`.flat`.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ...errors import WriteError
from ...report import LossReport
from ...specs import SchemaIssue
from ...specs.hropen_xml import _xpath, to_issue
from ...specs.pesc_xml import (
    ACREC_NS,
    CORE_NS,
    TRANSCRIPT_NS,
    transcript_schema,
    validate_transcript,
)
from .flat import flatten, nest

FORMAT = "pesc"
ROOT = f"{{{TRANSCRIPT_NS}}}CollegeTranscript"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"ColTrn": TRANSCRIPT_NS, "xsi": XSI_NS}
PESC_NAMESPACES = frozenset({TRANSCRIPT_NS, ACREC_NS, CORE_NS})


def _issue(err: Any) -> SchemaIssue:
    return to_issue(err)


def unqualify(tree: etree._ElementTree, report: LossReport) -> None:
    """Children the producer put in a PESC namespace (a default ``xmlns`` on the root, or
    ``AcRec:`` / ``core:`` prefixes) are read as the unqualified elements the schemas
    define; reported once, with the first such element's path."""
    first = None
    for elem in tree.getroot().iterdescendants():
        if not isinstance(elem.tag, str):
            continue
        qname = etree.QName(elem)
        if qname.namespace in PESC_NAMESPACES:
            first = first or _xpath(elem)
            elem.tag = qname.localname
    if first is not None:
        report.add(
            "source-schema-violation",
            "children of CollegeTranscript must be in no namespace; elements in a PESC "
            "namespace were read as if unqualified",
            source_path=first,
            source_format=FORMAT,
        )


def decode(tree: etree._ElementTree, report: LossReport) -> dict[str, Any]:
    """The document as a flat dict; what breaks the schema is reported with its element
    path and read leniently (the reader has run :func:`unqualify` first)."""
    data, errors = transcript_schema().to_dict(
        tree,
        validation="lax",
        namespaces=NAMESPACES,
        use_location_hints=False,
        xmlns_processing="none",
        decimal_type=str,
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
    return flatten(out)


def encode(native: dict[str, Any], report: LossReport) -> etree._Element:
    """The element tree of a flat native dict; :class:`WriteError` when the schema cannot
    encode it or the result is not a valid CollegeTranscript (never a partial document)."""
    data = nest(_strip_none(native), report)
    elem, errors = transcript_schema().encode(
        data,
        path="ColTrn:CollegeTranscript",
        namespaces=NAMESPACES,
        validation="lax",
        unordered=True,
        etree_element_class=etree.Element,
    )
    issues = [_issue(e) for e in errors] if errors else []
    if not issues and elem is not None:
        issues = validate_transcript(elem)
    if issues or elem is None:
        lines = "; ".join(f"{i.pointer or '/'}: {i.message}" for i in issues[:10])
        raise WriteError(
            f"output fails the PESC CollegeTranscript v1.6.0 schema ({len(issues)} issue(s)): "
            f"{lines}"
        )
    return elem


def serialize(elem: etree._Element, encoding: str = "UTF-8") -> bytes:
    etree.indent(elem, space="  ")
    out: bytes = etree.tostring(elem, xml_declaration=True, encoding=encoding, pretty_print=True)
    return out


def _strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_strip_none(v) for v in value if v is not None]
    return value
