"""Offline ``$ref`` registries built only from the bundled schemas.

* python-jsonschema: a :class:`referencing.Registry` whose ``retrieve`` callable refuses
  every URI by raising :class:`OfflineRefError` (it never reads a socket or a file).
* jsonschema-rs: a :class:`jsonschema_rs.Registry` of the same resources; validators are
  compiled with ``offline=True`` so the Rust side refuses retrieval too.

Both registries are immutable once built and cached with ``functools.lru_cache``, whose
cache bookkeeping is thread-safe. Nothing here touches process-wide state.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ._resources import load_fresh, schema_resources
from ._root import SpecsNotInstalledError
from ._types import OfflineRefError

if TYPE_CHECKING:  # referencing is imported when first needed (python-jsonschema's side)
    from referencing import Registry, Resource
    from referencing._core import Resolver

_REF_KEYWORDS = ("$ref", "$dynamicRef", "$recursiveRef")


def refuse(uri: str) -> Resource[Any]:
    """``retrieve`` callable for :class:`referencing.Registry`: never fetch, always refuse."""
    raise OfflineRefError(uri)


def _refuse_rs(uri: str) -> Any:
    """``retriever`` for :class:`jsonschema_rs.Registry` (used only while it crawls)."""
    raise OfflineRefError(uri)


def resource_for(contents: Any) -> Resource[Any]:
    """A referencing resource for ``contents``, dialect from ``$schema`` (default 2020-12)."""
    from referencing.jsonschema import DRAFT202012, specification_with

    dialect = contents.get("$schema", "") if isinstance(contents, Mapping) else ""
    spec = specification_with(dialect, default=DRAFT202012)
    return spec.create_resource(contents)


def _installed_schemas() -> list[tuple[str, Any]]:
    """``(uri, contents)`` of every official schema that is installed. One that is not is
    left out: a ``$ref`` to it then fails offline, and checks against it say "not
    installed" on their own (an altered file still raises)."""
    found = []
    for uri, rel in schema_resources():
        try:
            found.append((uri, load_fresh(rel)))
        except SpecsNotInstalledError:
            continue
    return found


@lru_cache(maxsize=1)
def python_registry() -> Registry[Any]:
    """Bundled schemas under every published URI (``$id`` and ``credentialSchema`` form)."""
    from referencing import Registry

    resources = [(uri, resource_for(doc)) for uri, doc in _installed_schemas()]
    return Registry(retrieve=refuse).with_resources(resources).crawl()  # type: ignore[call-arg]


@lru_cache(maxsize=1)
def rs_registry() -> jsonschema_rs.Registry:
    """The same resources for jsonschema-rs (no retrieval possible: ``_refuse_rs``)."""
    return jsonschema_rs.Registry(_installed_schemas(), retriever=_refuse_rs)


def offline_error(exc: BaseException, ref: str | None = None) -> OfflineRefError:
    """Translate a referencing failure into :class:`OfflineRefError`."""
    from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unretrievable

    cause = exc.__cause__
    if isinstance(cause, OfflineRefError):
        return cause
    if isinstance(exc, OfflineRefError):
        return exc
    target = ref or str(getattr(exc, "ref", "") or exc)
    if isinstance(exc, Unretrievable):
        return OfflineRefError(target)
    if isinstance(exc, (PointerToNowhere, NoSuchAnchor)):
        return OfflineRefError(target, "the reference points to nothing in the schema")
    return OfflineRefError(target, str(exc) or type(exc).__name__)


def check_refs(schema: Any) -> None:
    """Resolve every ``$ref`` in ``schema`` now (eagerly, offline).

    python-jsonschema resolves references lazily, only when an instance reaches them;
    checking up front makes a schema with a non-bundled reference fail at compile time
    with :class:`OfflineRefError`, exactly like the jsonschema-rs backend does.
    """
    from jsonschema_specifications import REGISTRY as _META_SCHEMAS

    root = resource_for(schema)
    registry = _META_SCHEMAS.combine(python_registry())
    _walk(registry.resolver_with_root(root), root)


def _walk(resolver: Resolver[Any], resource: Resource[Any]) -> None:
    from referencing.exceptions import Unresolvable

    contents = resource.contents
    if isinstance(contents, Mapping):
        for keyword in _REF_KEYWORDS:
            ref = contents.get(keyword)
            if isinstance(ref, str):
                try:
                    resolver.lookup(ref)
                except Unresolvable as exc:
                    raise offline_error(exc, ref) from exc
    for sub in resource.subresources():
        _walk(resolver.in_subresource(sub), sub)
