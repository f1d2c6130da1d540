"""Offline validation against the PESC College Transcript XSDs.

``CollegeTranscript_v1.6.0.xsd`` imports ``AcademicRecord_v1.9.0.xsd`` and
``CoreMain_v1.14.0.xsd`` by bare file name; the three sit in ``pesc/xsd`` of the specs
folder (see :mod:`._root`), are checked against the manifest, and are compiled once with
xmlschema, ``allow="local"`` and the same ``uri_mapper`` as the HR-XML schemas: any location
outside that folder is refused with :class:`OfflineRefError`, nothing is ever fetched.

Issues are :class:`SchemaIssue` records with an XPath-like ``pointer`` of local names and
1-based positions (``/CollegeTranscript/Student/AcademicRecord[4]/AcademicSession[2]``).
"""

from __future__ import annotations

from functools import lru_cache

import xmlschema
from lxml import etree

from ..xmlsafe import xml_schema
from ._root import verify_folder
from ._types import SchemaIssue
from .hropen_xml import _mapper, _source, to_issue
from .pesc_names import ACREC_NS, CORE_NS, TRANSCRIPT_NS

__all__ = [
    "ACREC_NS",
    "CORE_NS",
    "TRANSCRIPT_NS",
    "TRANSCRIPT_XSD",
    "is_valid_transcript",
    "transcript_schema",
    "validate_transcript",
]

TRANSCRIPT_XSD = "CollegeTranscript_v1.6.0.xsd"

_FOLDER = "pesc/xsd"


@lru_cache(maxsize=1)
def transcript_schema() -> xmlschema.XMLSchema10:
    """The PESC ``CollegeTranscript`` v1.6.0 schema, compiled once, fully offline. The
    compiled schema is immutable and safe to share between threads."""
    root = verify_folder(_FOLDER)
    return xml_schema(str(root / TRANSCRIPT_XSD), _mapper(root, "PESC College Transcript"))


def validate_transcript(root: etree._Element | etree._ElementTree) -> list[SchemaIssue]:
    """Every violation of the CollegeTranscript schema in ``root`` (an lxml tree or
    element), sorted; empty when valid. ``xsi:schemaLocation`` hints are ignored."""
    errors = transcript_schema().iter_errors(_source(root), use_location_hints=False)
    return sorted({to_issue(e) for e in errors})


def is_valid_transcript(root: etree._Element | etree._ElementTree) -> bool:
    return bool(transcript_schema().is_valid(_source(root), use_location_hints=False))
