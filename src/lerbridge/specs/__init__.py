"""Bundled official schemas and JSON-LD contexts, and an offline validator.

The package ships verbatim copies of the Open Badges 3.0 JSON Schemas (VC-DM 2.0 build,
and the VC-DM 1.1 build as ``<name>@vc1.1``), the CLR 2.0 JSON Schemas, and the JSON-LD
contexts OB 2.0 / OB 3.0 / CLR 2.0 / W3C VC documents use (origins and licences in
``NOTICE.md``; the index is ``catalog.json``).

**Nothing here ever touches the network or reads files outside the package.** ``$ref``s
resolve only against the bundled schemas (by their ``$id`` or the official
``credentialSchema`` URL); any other reference raises :class:`OfflineRefError`. Contexts
are looked up by exact URL in an allowlist that includes the official alias URLs — no
``http``/``https``, trailing-slash or case normalisation (see :func:`context`).

All functions are thread-safe; loaded schemas and compiled validators are cached per
process without modifying any global state (no warnings filters, no global loaders).
"""

from __future__ import annotations

from ._resources import (
    context,
    context_urls,
    known_context,
    schema,
    schema_name_for_uri,
    schema_names,
    vocabulary,
)
from ._types import OfflineRefError, SchemaIssue
from ._validate import is_valid, is_valid_against, validate, validate_against

__all__ = [
    "OfflineRefError",
    "SchemaIssue",
    "context",
    "context_urls",
    "is_valid",
    "is_valid_against",
    "known_context",
    "schema",
    "schema_name_for_uri",
    "schema_names",
    "validate",
    "validate_against",
    "vocabulary",
]
