"""Value types of :mod:`lerbridge.specs`: the issue record and the offline-ref error."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import LerbridgeError


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


class OfflineRefError(LerbridgeError):
    """A ``$ref`` (or schema name/URI) cannot be resolved from the official files.

    lerbridge never fetches anything over the network or from the file system: any
    reference outside the official schemas ends here instead. A :class:`LerbridgeError`
    (exit 9, like the other official-spec errors), so callers and the CLI handle it as one.
    """

    exit_code = 9

    def __init__(self, ref: str, reason: str = "not bundled; lerbridge never fetches") -> None:
        super().__init__(f"cannot resolve {ref!r}: {reason}")
        self.ref = ref
        self.reason = reason
