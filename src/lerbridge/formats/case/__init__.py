"""1EdTech CASE 1.0 / 1.1 (Competencies and Academic Standards Exchange): competency
framework packages (CFPackage JSON), read into a canonical CompetencyFramework and its
Skills, written as CASE 1.1 packages valid against the official CFPackage JSON Schema."""

from __future__ import annotations

from ..base import Format, Input, SchemaIssue
from . import package, reader, writer

SCHEMA = "case/cfpackage"


def detect(inp: Input) -> float:
    return 1.0 if package.package_of(inp.json_or_none()) is not None else 0.0


def validate(inp: Input) -> list[SchemaIssue]:
    """The document against the CASE 1.1 CFPackage schema (a 1.0 package is checked
    against it too: 1.1 only adds optional fields)."""
    from ... import specs

    doc = inp.json()
    pkg, base = package.unwrap(doc, inp.name)
    return [
        SchemaIssue(base + i.pointer, i.message, i.schema_path) for i in specs.validate(pkg, SCHEMA)
    ]


FORMAT = Format(
    name="case",
    title="1EdTech CASE 1.0 / 1.1 competency framework package (CFPackage JSON)",
    aliases=("cfpackage",),
    extensions=(".json",),
    reader=reader.read,
    writer=writer.write,
    detect=detect,
    validator=validate,
    requires="frameworks",
)
