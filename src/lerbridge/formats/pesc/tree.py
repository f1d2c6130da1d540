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

from ...report import LossReport
from ...specs.hropen_xml import _xpath
from ...specs.pesc_xml import (
    ACREC_NS,
    CORE_NS,
    TRANSCRIPT_NS,
    transcript_schema,
    validate_transcript,
)
from ..xsdtree import decode_lax, encode_checked, strip_none
from .flat import flatten, nest

FORMAT = "pesc"
ROOT = f"{{{TRANSCRIPT_NS}}}CollegeTranscript"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"ColTrn": TRANSCRIPT_NS, "xsi": XSI_NS}
PESC_NAMESPACES = frozenset({TRANSCRIPT_NS, ACREC_NS, CORE_NS})


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
    schema = transcript_schema()
    out = decode_lax(schema, tree, NAMESPACES, report, FORMAT, decimal_type=str)
    return flatten(out)


def encode(native: dict[str, Any], report: LossReport) -> etree._Element:
    """The element tree of a flat native dict; :class:`WriteError` when the schema cannot
    encode it or the result is not a valid CollegeTranscript (never a partial document)."""
    data = nest(strip_none(native), report)
    return encode_checked(
        transcript_schema(),
        data,
        "ColTrn:CollegeTranscript",
        NAMESPACES,
        validate_transcript,
        "PESC CollegeTranscript v1.6.0",
    )
