"""Value types of :mod:`lerbridge.specs`: the issue record and the offline-ref error."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class SchemaIssue:
    """One JSON Schema violation found in an instance.

    ``pointer`` is an RFC 6901 JSON Pointer into the *instance* (``""`` is the root),
    e.g. ``"/credentialSubject/achievement/criteria"`` — for a missing required property
    the pointer names the property that is missing. ``schema_path`` is a JSON Pointer
    along the keywords python-jsonschema evaluated (``$ref`` targets inlined), e.g.
    ``"/properties/credentialSubject/properties/achievement/required"``.
    """

    pointer: str
    message: str
    schema_path: str


class OfflineRefError(Exception):
    """A ``$ref`` (or schema name/URI) cannot be resolved from the bundled files.

    lerbridge never fetches anything over the network or from the file system: any
    reference outside the bundled schemas ends here instead.
    """

    def __init__(self, ref: str, reason: str = "not bundled; lerbridge never fetches") -> None:
        super().__init__(f"cannot resolve {ref!r}: {reason}")
        self.ref = ref
        self.reason = reason
