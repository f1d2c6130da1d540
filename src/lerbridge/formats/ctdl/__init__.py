"""Credential Engine CTDL and CTDL-ASN (JSON-LD): credential, organization, learning
opportunity and competency framework descriptions (offerings, never awards)."""

from __future__ import annotations

from typing import Any

from ..base import Format, Input, SchemaIssue
from . import native


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


def _read(*args: Any, **kwargs: Any) -> Any:
    from . import reader  # imported when this format is really read (detection needs none)

    return reader.read(*args, **kwargs)


def _write(*args: Any, **kwargs: Any) -> Any:
    from . import writer

    return writer.write(*args, **kwargs)


FORMAT = Format(
    name="ctdl",
    title="Credential Engine CTDL / CTDL-ASN (JSON-LD descriptions; graph, envelope, VC)",
    aliases=("ctdl-asn", "ctdlasn"),
    extensions=(".json", ".jsonld"),
    reader=_read,
    writer=_write,
    detect=detect,
    validator=validate,
)
