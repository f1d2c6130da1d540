"""HR Open LER-RS résumés (JSON 4.4 / 4.5), bare or wrapped as a verifiable credential,
with OB 3.0 and CLR 2.0 credentials embedded as verifications."""

from __future__ import annotations

from ..base import Format, Input, SchemaIssue
from . import native, reader, writer


def detect(inp: Input) -> float:
    return native.looks_like_lerrs(inp.json_or_none())


def validate(inp: Input) -> list[SchemaIssue]:
    """The official 4.5 schema set, with the one documented overlay: the résumé's type
    enum also accepts the 4.5 URL that every official 4.5 sample uses."""
    from ...specs.hropen_json import validate_lerrs

    doc = inp.json()
    parts = native.split(doc, inp.name)
    issues = [
        SchemaIssue(parts.prefix + i.pointer, i.message, i.schema_path)
        for i in validate_lerrs(parts.body, accept_45_type=True)
    ]
    if parts.wrapper is not None:
        issues += validate_lerrs(
            parts.wrapper, "recruiting/json/VerifiableCredentialLER-RSType.json"
        )
    return issues


FORMAT = Format(
    name="lerrs",
    title="HR Open LER-RS résumé (JSON 4.4/4.5, optionally VC-wrapped)",
    aliases=("ler-rs", "hropen"),
    extensions=(".json",),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
)
