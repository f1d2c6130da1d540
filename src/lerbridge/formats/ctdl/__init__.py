"""Credential Engine CTDL and CTDL-ASN (JSON-LD): credential, organization, learning
opportunity and competency framework descriptions (offerings, never awards)."""

from __future__ import annotations

from ..base import Format, Input, SchemaIssue
from . import native, reader, writer


def detect(inp: Input) -> float:
    doc = inp.json_or_none()
    return 1.0 if native.looks_like_ctdl(doc) else 0.0


def validate(inp: Input) -> list[SchemaIssue]:
    from ...report import LossReport
    from . import checks

    doc = inp.json()
    unwrapped = native.unwrap(doc, LossReport())
    nodes = [native.alias(n, native.UNALIASES) for _, n in unwrapped.nodes]
    issues = []
    for (where, _), node in zip(unwrapped.nodes, nodes, strict=True):
        for pointer, message in checks.node_issues(node):
            issues.append(SchemaIssue(where + pointer, message, ""))
    return issues


FORMAT = Format(
    name="ctdl",
    title="Credential Engine CTDL / CTDL-ASN (JSON-LD descriptions; graph, envelope, VC)",
    aliases=("ctdl-asn", "ctdlasn"),
    extensions=(".json", ".jsonld"),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
)
