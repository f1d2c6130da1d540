"""ELM node hygiene for a written EDC: untyped nodes typed by the property that holds them,
content-derived ids for the nodes of a record from another format, and the country a legal
identifier requires."""

from __future__ import annotations

from typing import Any

from ...mapping.engine import mint_id
from ...report import LossReport
from .graph import is_langmap as _is_langmap

FORMAT = "elm"


def country() -> dict[str, Any]:
    base = "http://publications.europa.eu/resource/authority/country"
    return {
        "id": f"{base}/OP_DATPRO",
        "type": "Concept",
        "inScheme": {"id": base, "type": "ConceptScheme"},
    }


#: The class of an untyped node by the property that holds it (ELM's ranges), for nodes
#: a record from another format brings without a type.
RANGES = {
    "homepage": "WebResource",
    "grade": "Note",
    "gradingScheme": "GradingScheme",
    "identifier": "Identifier",
    "eIDASIdentifier": "LegalIdentifier",
    "registration": "LegalIdentifier",
    "vatIdentifier": "LegalIdentifier",
    "taxIdentifier": "LegalIdentifier",
    "nationalID": "LegalIdentifier",
    "creditPoint": "CreditPoint",
    "creditReceived": "CreditPoint",
    "learningOutcome": "LearningOutcome",
    "awardedBy": "AwardingProcess",
    "location": "Location",
    "address": "Address",
    "awardingBody": "Organisation",
    "qualificationCode": "Concept",
    **dict.fromkeys(
        (
            "dcType",
            "language",
            "primaryLanguage",
            "mode",
            "learningSetting",
            "thematicArea",
            "eqfLevel",
            "nqfLevel",
            "framework",
            "gradeStatus",
            "credentialProfiles",
            "countryCode",
            "spatial",
        ),
        "Concept",
    ),
}
_PARENT_RANGES = {("LearningAssessment", "specifiedBy"): "LearningAssessmentSpecification"}


def typed(node: Any, key: str, mint: bool, parent: str = "") -> None:
    """Type the untyped nodes by their property; for a record from another format, also
    name every typed node without an id by its content (uuid5), so that the copies of one
    organisation written at each use stay one node when the EDC is read as RDF."""
    if isinstance(node, list):
        for item in node:
            typed(item, key, mint, parent)
        return
    if not isinstance(node, dict) or _is_langmap(node):
        return
    kind = _PARENT_RANGES.get((parent, key)) or RANGES.get(key)
    if kind and "type" not in node:
        node["type"] = kind
    own = node.get("type") if isinstance(node.get("type"), str) else ""
    for k, v in node.items():
        if k not in ("type", "id", "@context"):
            typed(v, k, mint, own)
    if mint and own and "id" not in node and own != "Concept":
        node["id"] = mint_id(f"elm:{own}", node)


def spatial(node: Any, where: str, report: LossReport) -> None:
    """A legal identifier names the country that issued it; one read from a format that
    does not say gets the 'unknown country' concept, reported."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            spatial(item, f"{where}/{i}", report)
    elif isinstance(node, dict):
        if node.get("type") == "LegalIdentifier" and "spatial" not in node:
            node["spatial"] = country()
            report.add(
                "value-synthesized",
                "legal identifier's country (spatial) set to 'unknown' (ELM requires one)",
                canonical_path=where or "envelope",
                target_format=FORMAT,
                value=node.get("notation"),
            )
        for k, v in node.items():
            spatial(v, f"{where}/{k}", report)
