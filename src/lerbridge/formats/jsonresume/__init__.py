"""JSON Resume (https://jsonresume.org, resume-schema 1.3.1): the résumé developers,
static-site themes and many résumé tools write. The 0.0.x keys are read and upgraded."""

from __future__ import annotations

from typing import Any

from ...specs import SchemaIssue
from ..base import Format, Input
from .native import FORMAT as NAME
from .native import SCHEMA, looks_like_jsonresume, uri_issues


def detect(inp: Input) -> float:
    return looks_like_jsonresume(inp.json_or_none())


def validate(inp: Input) -> list[SchemaIssue]:
    """The official 1.3.1 schema, plus the ``uri`` and ``email`` formats it declares,
    which the JSON Resume tools (npm validator, registry) enforce and plain JSON Schema
    validation treats as annotations."""
    from ... import specs

    doc = inp.json()
    issues = list(specs.validate(doc, SCHEMA))
    issues += [
        SchemaIssue(p, f"{problem}: {value!r}", "format") for p, problem, value in uri_issues(doc)
    ]
    return issues


def _read(*args: Any, **kwargs: Any) -> Any:
    from . import reader

    return reader.read(*args, **kwargs)


def _write(*args: Any, **kwargs: Any) -> Any:
    from . import writer

    return writer.write(*args, **kwargs)


FORMAT = Format(
    name=NAME,
    title="JSON Resume (resume.json, schema 1.3.1; 0.0.x keys read)",
    aliases=("json-resume", "jsonresume.org"),
    extensions=(".json",),
    reader=_read,
    writer=_write,
    detect=detect,
    validator=validate,
)
