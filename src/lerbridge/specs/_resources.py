"""Access to the official spec files through ``catalog.json``, which names them by their
path in the specs folder (see :mod:`._root`: every read is checked against the manifest).
``catalog.json`` itself is lerbridge's own package data. Nothing here touches the network."""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from ._root import read_verified

_PACKAGE = "lerbridge.specs"


@cache
def _read_bytes(relpath: str) -> bytes:
    """Raw bytes of an official file, verified (cached; bytes are immutable, so sharing is
    safe). :class:`SpecsNotInstalledError` when it is not installed."""
    return read_verified(relpath)


@lru_cache(maxsize=1)
def _catalog() -> dict[str, dict[str, str]]:
    raw = files(_PACKAGE).joinpath("catalog.json").read_bytes()
    data: dict[str, dict[str, str]] = json.loads(raw)
    return data


def _schema_path(name: str) -> str:
    try:
        return _catalog()["schemas"][name]
    except KeyError:
        raise KeyError(f"unknown schema {name!r}; known: {', '.join(schema_names())}") from None


def load_fresh(relpath: str) -> Any:
    """A newly parsed (unshared) copy of a bundled JSON file."""
    return json.loads(_read_bytes(relpath))


def schema_names() -> list[str]:
    """Names of the bundled schemas, sorted (e.g. ``"ob3/achievementcredential"``,
    ``"ob3/achievementcredential@vc1.1"``, ``"clr/clrcredential"``)."""
    return sorted(_catalog()["schemas"])


@cache
def _schema_cached(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = load_fresh(_schema_path(name))
    return loaded


def schema(name: str) -> dict[str, Any]:
    """The bundled JSON Schema called ``name`` (see :func:`schema_names`).

    The dict is cached and shared between callers: treat it as read-only. (Validators
    compile from their own private copy, so a careless mutation cannot corrupt them.)
    Raises ``KeyError`` for an unknown name.
    """
    return _schema_cached(name)


def schema_name_for_uri(uri: str) -> str | None:
    """Catalog name of the bundled schema published at ``uri`` (its ``$id`` or the URL
    cited in a credential's ``credentialSchema``), or ``None``. Exact string match."""
    rel = _catalog()["schema_uris"].get(uri)
    if rel is None:
        return None
    names = [n for n, p in _catalog()["schemas"].items() if p == rel]
    return sorted(names)[0] if names else None


def schema_resources() -> list[tuple[str, str]]:
    """``(uri, relpath)`` for every URI under which a bundled schema is published."""
    return sorted(_catalog()["schema_uris"].items())


def context_urls() -> list[str]:
    """Every context URL that :func:`context` answers, sorted."""
    return sorted(_catalog()["contexts"])


def known_context(url: str) -> bool:
    """Whether ``url`` is, exactly, a bundled JSON-LD context URL (see :func:`context`)."""
    return url in _catalog()["contexts"]


def context(url: str) -> dict[str, Any] | None:
    """The bundled JSON-LD context document for ``url``, or ``None`` if not bundled.

    Matching is an **exact-string allowlist** (``catalog.json`` → ``contexts``), which
    already lists the official alias URLs (e.g. ``https://w3id.org/openbadges/v2`` and
    ``https://openbadgespec.org/v2/context.json``). No normalisation is applied: ``http://``
    instead of ``https://``, a trailing slash, a fragment or different case all miss,
    because those are different URLs a JSON-LD processor would dereference differently.
    Each call returns a fresh copy, so callers may mutate it.
    """
    rel = _catalog()["contexts"].get(url)
    if rel is None:
        return None
    doc: dict[str, Any] = load_fresh(rel)
    return doc


def vocabulary(name: str) -> dict[str, Any]:
    """A bundled RDF vocabulary (``"ctdl"``, ``"ctdlasn"``): a fresh copy of its JSON-LD
    document. ``KeyError`` for an unknown name."""
    rel = _catalog().get("vocabularies", {}).get(name)
    if rel is None:
        raise KeyError(f"unknown vocabulary {name!r}")
    doc: dict[str, Any] = load_fresh(rel)
    return doc


def require_schema_path(name: str) -> str:
    """Relative path of schema ``name``; ``KeyError`` if unknown."""
    return _schema_path(name)
