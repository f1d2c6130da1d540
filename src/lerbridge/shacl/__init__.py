"""Offline SHACL validation of European Digital Credentials (ELM 3.x) against the EU's own
EDC application-profile shapes (``edc-generic-no-cv``), with pyshacl and rdflib (the
``[elm]`` extra, imported only when a check runs).

    >>> from lerbridge.shacl import validate_elm
    >>> validate_elm(edc_dict)      # [] when the credential conforms

The document is expanded to RDF by pyld with a loader that serves only the verified bundled
contexts (VC 1.1, edc-ap 3.2); nothing is ever fetched. Each finding is a
:class:`~lerbridge.validation.ValidationIssue` with a JSON Pointer to the JSON object of the
focus node (the object with that ``id``, else the path from its nearest named ancestor, else
the credential root) followed by the property, a severity (``sh:Violation`` -> ``error``,
``sh:Warning`` -> ``warning``), a check id ``elm-shacl:<shape>`` and a message naming the
property and the constraint. See docs/shacl.md.
"""

from __future__ import annotations

from ..validation import ValidationIssue
from ._validate import unwrap, validate_elm

__all__ = ["ValidationIssue", "unwrap", "validate_elm"]
