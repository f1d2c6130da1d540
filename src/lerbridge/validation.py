"""Validation results with severities: what ``lerbridge validate`` finds in a document.

A :class:`ValidationIssue` is a :class:`~lerbridge.specs.SchemaIssue` (pointer, message,
schema path) with a ``severity`` (``error``, ``warning`` or ``info``) and a stable
``check`` id saying which check found it (the table is :data:`CHECKS`, documented in
docs/validation.md). A document is *valid* when no issue is an error, and *valid with
warnings* when some issues are warnings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .specs import SchemaIssue

Severity = Literal["info", "warning", "error"]

#: check id -> (severity, what it checks). Stable: tools may match on these ids.
CHECKS: dict[str, tuple[Severity, str]] = {
    "schema": ("error", "the document breaks its official JSON Schema"),
    "compacted-form": (
        "warning",
        "a single value where the plain-JSON schema wants an array: the JSON-LD compacted "
        "form the OB 3.0 / CLR 2.0 specs allow (the document passes once it is expanded)",
    ),
    "context": (
        "error",
        "@context is missing, does not start with the W3C VC context, or lacks the "
        "context of the credential's own specification",
    ),
    "unknown-context": (
        "warning",
        "a JSON-LD context lerbridge does not bundle; never fetched, so its terms are not checked",
    ),
    "outdated-dialect": (
        "warning",
        "a VC 1.1 envelope or pre-final draft context; current OB 3.0 / CLR 2.0 are VC 2.0",
    ),
    "subject-id": (
        "error",
        "a credential subject with neither id nor identifier (OB 3.0 AchievementSubject and "
        "CLR 2.0 ClrSubject: either id or at least one identifier MUST be supplied)",
    ),
    "credential-schema": (
        "warning",
        "a credentialSchema lerbridge does not bundle; never fetched, so not checked",
    ),
    "expired": ("error", "validUntil / expirationDate is before the time given with `at`"),
    "not-yet-valid": ("error", "validFrom / issuanceDate is after the time given with `at`"),
}


@dataclass(frozen=True, order=True)
class ValidationIssue(SchemaIssue):
    """One finding: where (JSON Pointer), what, which schema keyword, how bad, which check."""

    severity: Severity = "error"
    check: str = "schema"

    def to_dict(self) -> dict[str, str]:
        return {
            "pointer": self.pointer,
            "message": self.message,
            "severity": self.severity,
            "check": self.check,
        }

    def moved(self, prefix: str) -> ValidationIssue:
        """The same finding inside a larger document, under ``prefix``."""
        return ValidationIssue(
            prefix + self.pointer, self.message, self.schema_path, self.severity, self.check
        )


def issue(pointer: str, message: str, check: str, schema_path: str = "") -> ValidationIssue:
    """A finding of ``check`` with that check's severity."""
    return ValidationIssue(pointer, message, schema_path, CHECKS[check][0], check)


def as_validation(issues: Iterable[SchemaIssue], prefix: str = "") -> list[ValidationIssue]:
    """Plain schema issues (from a format without severities) as errors of check ``schema``;
    validation issues kept as they are. ``prefix`` moves them into a larger document."""
    out: list[ValidationIssue] = []
    for i in issues:
        if isinstance(i, ValidationIssue):
            out.append(i.moved(prefix))
        else:
            out.append(ValidationIssue(prefix + i.pointer, i.message, i.schema_path))
    return out


def errors(issues: Iterable[SchemaIssue]) -> list[SchemaIssue]:
    """The issues that make a document invalid (a plain SchemaIssue counts as an error)."""
    return [i for i in issues if getattr(i, "severity", "error") == "error"]


def verdict(issues: Iterable[SchemaIssue]) -> str:
    """``"valid"``, ``"valid-with-warnings"`` or ``"invalid"``."""
    items = list(issues)
    if errors(items):
        return "invalid"
    if any(getattr(i, "severity", "error") == "warning" for i in items):
        return "valid-with-warnings"
    return "valid"
