"""The API calls that examine documents rather than convert them: ``validate`` (official
schemas and specification rules), ``verify`` (proofs) and ``skills`` (the cross-credential
skills profile). Re-exported by :mod:`lerbridge.api` and the package."""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .api_input import Source, _detect, _open, to_input
from .errors import LerbridgeError
from .formats import registry
from .validation import ValidationIssue, as_validation


def validate(
    data: Source,
    format: str | None = None,
    *,
    name: str | None = None,
    warnings: bool = False,
    at: str | datetime | None = None,
) -> list[ValidationIssue]:
    """The errors of a document, each a :class:`~lerbridge.validation.ValidationIssue`
    (a ``SchemaIssue`` with ``severity`` and ``check``) with its JSON Pointer. An empty
    list means valid. ``warnings=True`` also returns the warnings (JSON-LD compacted
    forms, unbundled contexts, outdated dialects...): then use
    :func:`lerbridge.validation.verdict`. ``at`` (an ISO 8601 date-time, a datetime, or
    ``"now"``) also checks that the credential is valid at that time; without it no clock
    is read. A baked PNG or SVG is checked through the document baked into it. Without the
    official specs: :class:`~lerbridge.errors.SpecsNotInstalledError`, never "valid". See
    docs/validation.md."""
    inp, _ = _open(to_input(data, name))
    fmt = registry.get(format) if format else _detect(inp)
    if fmt.validator is None:
        raise LerbridgeError(f"format {fmt.name!r} has no official schema check", source=inp.name)
    when = _when(at, inp.name)
    try:
        if when is not None and fmt.checks_time:
            found = fmt.validator(inp, at=when)
        else:
            found = fmt.validator(inp)
    except LerbridgeError as exc:
        raise exc.with_source(inp.name) from None
    issues = sorted(as_validation(found))
    return issues if warnings else [i for i in issues if i.severity == "error"]


def _when(at: str | datetime | None, source: str) -> datetime | None:
    from .formats.vccheck import parse_time

    if at is None:
        return None
    try:
        return parse_time(at)
    except ValueError:
        raise LerbridgeError(
            f"--at / at= must be an ISO 8601 date or date-time, or 'now'; got {at!r}",
            source=source,
        ) from None


def verify(
    data: Source,
    *,
    keys: str | os.PathLike[str] | None = None,
    status: str | os.PathLike[str] | None = None,
    name: str | None = None,
) -> Any:
    """Check every proof of a credential (JSON, compact VC-JWT, or a baked badge) and of its
    nested credentials, offline; returns a :class:`lerbridge.proofs.Verification`. ``keys``:
    a folder (or file) of DID documents / JWKs for keys that cannot be resolved offline;
    ``status``: a folder (or file) of status list credentials for ``credentialStatus``."""
    from .proofs.api import verify_input

    inp, _ = _open(to_input(data, name))
    return verify_input(inp, keys, status)


def skills(
    inputs: Sequence[Source],
    *,
    frameworks: Sequence[Source] = (),
    language: str | None = None,
) -> Any:
    """One skills profile across every input (files, folders, bytes, dicts; any readable
    format, baked images too): a :class:`lerbridge.skillprofile.run.SkillsResult` whose
    ``profile`` holds one entry per skill with its evidence and ``report`` the losses;
    ``.write("json"|"lerrs"|"ctdl-asn"|"csv"|"html")`` renders it. Skills merge only when
    they name the same framework item; CTDL-ASN ``frameworks`` name and group them. See
    docs/skills.md."""
    from .skillprofile.run import skills as _skills

    return _skills(list(inputs), frameworks=list(frameworks), language=language)
