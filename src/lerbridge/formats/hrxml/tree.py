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

from ...report import LossReport
from ...specs.hropen_xml import HRXML_NS, resume_schema, validate_resume
from ..xsdtree import decode_lax, encode_checked, strip_none
from .contacts import compose_numbers, decompose_numbers, merge_contacts, split_contacts
from .native import FORMAT
from .shapes import (
    flatten_competencies,
    group_affixes,
    nest_competencies,
    pair_attendance,
    reorder_attendance,
    ungroup_affixes,
    unpair_attendance,
)

XML_NS = "http://www.w3.org/XML/1998/namespace"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
NAMESPACES = {"": HRXML_NS, "xml": XML_NS, "xsi": XSI_NS}
ROOT = f"{{{HRXML_NS}}}Resume"

#: TelcomNumberGroup, in schema order.
#: Affix/@type, in the schema's enumeration order (the order affixes are written in).


def decode(tree: etree._ElementTree, report: LossReport) -> dict[str, Any]:
    """The document as a dict; what breaks the schema is reported and read leniently."""
    out = decode_lax(resume_schema(), tree, NAMESPACES, report, FORMAT, force_dict=True)
    split_contacts(out)
    compose_numbers(out, report)
    group_affixes(out)
    pair_attendance(out, tree.getroot())
    flatten_competencies(out)
    return out


def encode(native: dict[str, Any], report: LossReport | None = None) -> etree._Element:
    """The element tree of a native dict; raises :class:`WriteError` when the schema
    cannot encode it or the result is not a valid Resume. ``report`` gets what the
    structural rewrites had to add or drop."""
    data = strip_none(native)
    assert isinstance(data, dict)
    report = report if report is not None else LossReport()
    decompose_numbers(data)
    ungroup_affixes(data, report)
    patterns = unpair_attendance(data, report)
    merge_contacts(data)
    nest_competencies(data)
    return encode_checked(
        resume_schema(),
        data,
        "Resume",
        NAMESPACES,
        validate_resume,
        "HR-XML 2.5 Resume",
        fixup=lambda elem: reorder_attendance(elem, patterns),
    )
