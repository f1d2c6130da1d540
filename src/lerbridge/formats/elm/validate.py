"""``lerbridge validate`` for ELM: the EDC SHACL shapes (:func:`lerbridge.shacl.validate_elm`,
pyshacl, offline) on every EDC, and the EBSI JSON Schema on the EBSI VC 2.0 form."""

from __future__ import annotations

from typing import Any

from ...report import LossReport
from ..base import Input, ReadOptions, SchemaIssue
from . import envelope

EBSI_SCHEMA = "elm/ebsi-edc"


def ebsi_issues(doc: dict[str, Any]) -> list[SchemaIssue]:
    """The EBSI EDC schema's issues (VC 2.0 form only: the schema requires the VC 2.0
    context and VerifiableAttestation, which the EU's VC 1.1 EDCs never carry)."""
    from ... import specs

    return list(specs.validate(doc, EBSI_SCHEMA))


def is_vc2(doc: dict[str, Any]) -> bool:
    ctx = doc.get("@context")
    return "https://www.w3.org/ns/credentials/v2" in (ctx if isinstance(ctx, list) else [ctx])


def validate_input(inp: Input) -> list[SchemaIssue]:
    from ...shacl import validate_elm

    doc, _ = envelope.load(inp, ReadOptions().limits, LossReport())
    issues = list(validate_elm(doc, source=inp.name))
    if is_vc2(doc):
        issues += ebsi_issues(doc)
    return issues
