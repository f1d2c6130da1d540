"""Offline validation against the bundled HR Open LER-RS 4.5 JSON Schema set (draft-04).

The 152 official files (``hropen/ler-rs-json-4.5/`` in the specs folder, the ``$ref`` closure of
``recruiting/json/LER-RSType.json``, ``recruiting/json/VerifiableCredentialLER-RSType.json``
and every ``recruiting/json/ler-rs/**.json``) are registered under a synthetic base URI,
:data:`BASE_URI` + relpath, so their relative ``$ref`` s resolve to one another and nothing
else: any other reference raises :class:`OfflineRefError` — never a fetch.

Draft-04 semantics throughout (``Draft4Validator``, ``referencing.jsonschema.DRAFT4``): the
``"$id": "credential-schema-2.0"`` carried by some VC files is *not* a base URI in draft-04
(which uses ``id``), so it must not rebase anything.

``accept_45_type=True`` validates against an in-memory copy of ``LER-RSType.json`` whose
``type`` enum lists both :data:`LERRS_TYPE_44` and :data:`LERRS_TYPE_45` — an overlay for the
upstream bug that the enum names only the 4.4 URL while every official 4.5 sample uses the
4.5 URL. The bundled file is never modified.

Everything is cached with ``functools.lru_cache`` (thread-safe bookkeeping); registries and
validators are immutable once built. Nothing here touches process-wide state.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ._fast import rs_violations
from ._registry import offline_error, refuse
from ._root import SpecsNotInstalledError, manifest, read_verified
from ._types import OfflineRefError, SchemaIssue
from ._unchecked import skip_or_raise
from ._validate import _issues

if TYPE_CHECKING:  # python-jsonschema and referencing are imported when first needed
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource

__all__ = [
    "BASE_URI",
    "LERRS_ROOT",
    "LERRS_TYPE_44",
    "LERRS_TYPE_45",
    "VC_WRAPPER_ROOT",
    "bundled_relpaths",
    "is_valid_lerrs",
    "validate_lerrs",
]

LERRS_TYPE_44 = "http://schema.hropenstandards.org/4.4/recruiting/json/ler-rs/LER-RSType.json"
LERRS_TYPE_45 = "http://schema.hropenstandards.org/4.5/recruiting/json/LER-RSType.json"

#: Synthetic base under which every bundled file is registered (``.invalid``: never resolvable).
BASE_URI = "https://lerbridge.invalid/hropen/ler-rs-4.5/"
LERRS_ROOT = "recruiting/json/LER-RSType.json"
VC_WRAPPER_ROOT = "recruiting/json/VerifiableCredentialLER-RSType.json"

_FOLDER = "hropen/ler-rs-json-4.5"


@lru_cache(maxsize=1)
def _bundled_bytes() -> dict[str, bytes]:
    """relpath (relative to the LER-RS 4.5 folder) → verified bytes of every file the
    manifest lists there. :class:`SpecsNotInstalledError` when they are not installed."""
    prefix = _FOLDER + "/"
    return {
        rel[len(prefix) :]: read_verified(rel)
        for rel in sorted(manifest())
        if rel.startswith(prefix) and rel.endswith(".json")
    }


def bundled_relpaths() -> list[str]:
    """Relative paths (under ``ler-rs-4.5``) of every bundled LER-RS schema file, sorted."""
    return sorted(_bundled_bytes())


def _load(rel: str) -> Any:
    """A freshly parsed (unshared) copy of bundled file ``rel``."""
    return json.loads(_bundled_bytes()[rel])


def _overlay_45(schema: dict[str, Any]) -> dict[str, Any]:
    """``LER-RSType.json`` with the 4.5 type URL added to the ``type`` enum (a new dict)."""
    patched = copy.deepcopy(schema)
    enum = patched["properties"]["type"]["enum"]
    patched["properties"]["type"]["enum"] = [*enum, *(u for u in (LERRS_TYPE_45,) if u not in enum)]
    return patched


@lru_cache(maxsize=2)
def _contents(accept_45_type: bool) -> dict[str, Any]:
    """URI → parsed schema for every bundled file (with the overlay when asked). Shared
    between the two backends; treated as read-only."""
    out = {BASE_URI + rel: _load(rel) for rel in _bundled_bytes()}
    if accept_45_type:
        out[BASE_URI + LERRS_ROOT] = _overlay_45(out[BASE_URI + LERRS_ROOT])
    return out


@lru_cache(maxsize=2)
def _python_registry(accept_45_type: bool) -> Registry[Any]:
    from referencing import Registry
    from referencing.jsonschema import DRAFT4

    resources: list[tuple[str, Resource[Any]]] = [
        (uri, DRAFT4.create_resource(contents))
        for uri, contents in _contents(accept_45_type).items()
    ]
    return Registry(retrieve=refuse).with_resources(resources).crawl()  # type: ignore[call-arg]


def _refuse_rs(uri: str) -> Any:
    raise OfflineRefError(uri)


@lru_cache(maxsize=2)
def _rs_registry(accept_45_type: bool) -> jsonschema_rs.Registry:
    resources = list(_contents(accept_45_type).items())
    return jsonschema_rs.Registry(resources, draft=jsonschema_rs.Draft4, retriever=_refuse_rs)


def _root_uri(root: str) -> str:
    if root not in _bundled_bytes():
        raise OfflineRefError(root, "not a bundled LER-RS 4.5 schema file")
    return BASE_URI + root


@lru_cache(maxsize=64)
def _python_validator(root: str, accept_45_type: bool) -> Draft4Validator:
    from jsonschema import Draft4Validator

    return Draft4Validator({"$ref": _root_uri(root)}, registry=_python_registry(accept_45_type))


@lru_cache(maxsize=64)
def _rs_validator(root: str, accept_45_type: bool) -> jsonschema_rs.Draft4Validator | None:
    """jsonschema-rs, offline, formats *not* asserted (python-jsonschema's default), so both
    backends give the same verdict; ``None`` if the Rust side cannot compile the set."""
    uri = _root_uri(root)
    try:
        return jsonschema_rs.Draft4Validator(
            {"$ref": uri},
            registry=_rs_registry(accept_45_type),
            validate_formats=False,
            offline=True,
        )
    except Exception:  # any Rust-side refusal: python-jsonschema is complete on its own
        return None


def validate_lerrs(
    instance: Any, root: str = LERRS_ROOT, *, accept_45_type: bool = False
) -> list[SchemaIssue]:
    """Every violation of bundled LER-RS schema ``root`` by ``instance``, sorted by
    (pointer, message); empty when valid.

    ``root`` is a relpath under ``ler-rs-4.5`` (see :func:`bundled_relpaths`), e.g.
    ``"recruiting/json/VerifiableCredentialLER-RSType.json"`` or
    ``"recruiting/json/ler-rs/SkillType.json"``; anything else raises
    :class:`OfflineRefError`.
    Not installed: :class:`SpecsNotInstalledError`, or no issue inside an ``unchecked`` scope.
    """
    try:
        validator = _python_validator(root, accept_45_type)
    except SpecsNotInstalledError as exc:
        skip_or_raise("lerrs/" + root, exc)
        return []
    return _issues(validator, instance)


def is_valid_lerrs(instance: Any, root: str = LERRS_ROOT, *, accept_45_type: bool = False) -> bool:
    """Whether ``instance`` satisfies bundled LER-RS schema ``root`` (fast path:
    jsonschema-rs when it can take the instance, else python-jsonschema). Not installed: as
    for :func:`validate_lerrs`."""
    try:
        rs = _rs_validator(root, accept_45_type)
    except SpecsNotInstalledError as exc:
        skip_or_raise("lerrs/" + root, exc)
        return True
    if rs is not None:
        try:
            return bool(rs.is_valid(instance))
        except (ValueError, TypeError, OverflowError):
            pass  # not JSON-shaped for the Rust side: ask python-jsonschema
    try:
        return bool(_python_validator(root, accept_45_type).is_valid(instance))
    except _unresolvable() as exc:
        raise offline_error(exc) from exc


def _unresolvable() -> type[Exception]:
    from referencing.exceptions import Unresolvable

    return Unresolvable


def violations_lerrs(
    instance: Any, root: str = LERRS_ROOT, *, accept_45_type: bool = False
) -> list[tuple[str, str]]:
    """``(pointer, message)`` of every violation, at the pointers :func:`validate_lerrs`
    gives, worded from jsonschema-rs as :func:`lerbridge.specs.violations` words them (the
    loss report); python-jsonschema only when the Rust side cannot compile the set or take
    the instance. Not installed: as for :func:`validate_lerrs`."""
    try:
        rs = _rs_validator(root, accept_45_type)
    except SpecsNotInstalledError as exc:
        skip_or_raise("lerrs/" + root, exc)
        return []
    fast = None if rs is None else rs_violations(rs, instance)
    if fast is not None:
        return fast
    issues = validate_lerrs(instance, root, accept_45_type=accept_45_type)
    return [(i.pointer, i.message) for i in issues]
