"""The SHACL part of the schema stage: documents of a format the ``shacl-violation`` rule
applies to (``elm``, European Digital Credentials) are checked against the EU's EDC shapes
with :func:`lerbridge.shacl.validate_elm`, on the document as written (JAdES payload,
upload and DC4EU wrappers unwrapped there). pyshacl is imported only when such a file comes."""

from __future__ import annotations

from typing import Any

from ..errors import LerbridgeError
from ..validation import ValidationIssue

RULE = "shacl-violation"
#: the validator's check ids; a format validator that also runs the shapes reports them under
#: schema-strict, which the runner then skips (the shapes are reported once, here)
CHECK_PREFIX = "elm-shacl:"


def shacl_issues(doc: Any, source: str) -> list[ValidationIssue] | str:
    """The SHACL findings of ``doc``, or the reason the check could not run."""
    if not isinstance(doc, dict):
        return "the SHACL shapes check JSON-LD documents"
    from ..shacl import validate_elm

    try:
        return validate_elm(doc, source=source)
    except LerbridgeError as exc:
        return [ValidationIssue("", exc.message, "", "error", CHECK_PREFIX + "not-run")]


def message(issue: ValidationIssue) -> str:
    return f"{issue.check.removeprefix(CHECK_PREFIX)}: {issue.message}"
