"""The official schemas and JSON-LD contexts, and an offline validator.

lerbridge's repository holds none of the official files: they are read from a specs folder
laid out like the project's ``../shared/specs`` (``$LERBRIDGE_SPECS``, else the copy a wheel
build installed in ``lerbridge/specs/official/``, else the source checkout's
``../shared/specs``), and every file is checked against ``manifest.json`` (path and sha256 of
each file the package uses; origins and licences in ``NOTICE.md``; the index by schema name
and context URL is ``catalog.json``). A missing file raises
:class:`~lerbridge.errors.SpecsNotInstalledError`, an altered one
:class:`~lerbridge.errors.SpecsAlteredError`; inside :func:`unchecked` (what conversions use)
a check whose schema is not installed is skipped and recorded instead.

**Nothing here ever touches the network.** ``$ref``s resolve only against the official
schemas (by their ``$id`` or the official ``credentialSchema`` URL); any other reference
raises :class:`OfflineRefError`. Contexts are looked up by exact URL in an allowlist that
includes the official alias URLs — no ``http``/``https``, trailing-slash or case
normalisation (see :func:`context`).

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
from ._root import available, manifest, specs_root
from ._types import OfflineRefError, SchemaIssue
from ._unchecked import unchecked
from ._validate import is_valid, is_valid_against, validate, validate_against, violations

__all__ = [
    "OfflineRefError",
    "SchemaIssue",
    "available",
    "context",
    "context_urls",
    "is_valid",
    "is_valid_against",
    "known_context",
    "manifest",
    "schema",
    "schema_name_for_uri",
    "schema_names",
    "specs_root",
    "unchecked",
    "validate",
    "validate_against",
    "violations",
    "vocabulary",
]
