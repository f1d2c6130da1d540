"""Offline JSON Schema validation against the bundled schemas.

``validate`` (every issue) uses python-jsonschema with the schema's own draft;
``is_valid`` (fast path) uses jsonschema-rs compiled with ``offline=True`` and falls back
to python-jsonschema whenever the Rust backend cannot compile a schema or take an
instance. ``format`` is an annotation in drafts 2019-09/2020-12 and is *not* asserted by
either backend, so both give the same verdict.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import jsonschema_rs

from ._fast import MAX_REPR as _MAX_REPR
from ._fast import describe as _describe
from ._fast import pointer as _pointer
from ._fast import rs_violations
from ._fast import truncate as _truncate
from ._registry import check_refs, offline_error, python_registry, rs_registry
from ._resources import load_fresh, require_schema_path
from ._root import SpecsNotInstalledError
from ._types import SchemaIssue
from ._unchecked import skip_or_raise

if TYPE_CHECKING:  # python-jsonschema is imported when first needed (0.1 s at start-up)
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator


class _Compiled:
    """Both backends for one schema. The python-jsonschema side (which needs the crawled
    ``$ref`` registry, the costliest part of a first call) is built on first use: a valid
    document of an official schema never needs it."""

    def __init__(self, schema: Any, rs: jsonschema_rs.Validator | None, py: Any = None):
        self._schema = schema
        self.rs = rs
        self._py: Validator | None = py
        self._lock = threading.Lock()

    @property
    def py(self) -> Validator:
        if self._py is None:
            with self._lock:
                if self._py is None:
                    from jsonschema.validators import Draft202012Validator, validator_for

                    check_refs(self._schema)  # an official schema: all-local refs (tested)
                    cls = validator_for(self._schema, default=Draft202012Validator)
                    self._py = cls(self._schema, registry=python_registry())
        return self._py


_COMPILED: dict[str, _Compiled] = {}
_LOCK = threading.Lock()


def _compile(schema: Any, *, trusted: bool = False) -> _Compiled:
    """Validators for ``schema``. ``trusted``: an official schema, whose file the manifest's
    sha256 has just checked; its well-formedness (``check_schema``, the costliest step) is
    asserted once by the test suite (tests/specs/test_specs.py), not at every start, and
    its python-jsonschema side is built only when needed."""
    if trusted:
        return _Compiled(schema, compile_rs(schema))
    from jsonschema.validators import Draft202012Validator, validator_for

    check_refs(schema)  # OfflineRefError now rather than mid-validation
    cls = validator_for(schema, default=Draft202012Validator)
    cls.check_schema(schema)  # jsonschema.exceptions.SchemaError for a malformed schema
    py = cls(schema, registry=python_registry())
    return _Compiled(schema, compile_rs(schema), py)


def compile_rs(schema: Any) -> jsonschema_rs.Validator | None:
    """jsonschema-rs validator, ``offline=True`` + bundled registry; ``None`` if it cannot
    compile the schema (then python-jsonschema decides alone, e.g. for a regex the Rust
    engine rejects, or a jsonschema-rs older than 0.52 that has no ``offline`` option)."""
    try:
        return jsonschema_rs.validator_for(schema, registry=rs_registry(), offline=True)
    except Exception:  # any Rust-side refusal: the python backend is complete on its own
        return None


def _compiled_for(name: str) -> _Compiled:
    compiled = _COMPILED.get(name)
    if compiled is None:
        with _LOCK:
            compiled = _COMPILED.get(name)
            if compiled is None:
                # a private copy: mutating the dict returned by schema() cannot affect it
                compiled = _compile(load_fresh(require_schema_path(name)), trusted=True)
                _COMPILED[name] = compiled
    return compiled


def validate(instance: Any, name: str) -> list[SchemaIssue]:
    """Every violation of official schema ``name`` by ``instance``, sorted by
    (pointer, message); empty when valid. ``KeyError`` for an unknown name.
    :class:`SpecsNotInstalledError` when the schema is not installed, unless an
    :func:`unchecked` scope is open (then: no issue, and the skip is recorded)."""
    try:
        compiled = _compiled_for(name)
    except SpecsNotInstalledError as exc:
        skip_or_raise(name, exc)
        return []
    return _issues(compiled.py, instance)


def violations(instance: Any, name: str) -> list[tuple[str, str]]:
    """``(pointer, message)`` of every violation, at the pointers :func:`validate`
    gives (sorted by pointer, then message), for callers that need no schema path (the loss report).
    jsonschema-rs lists them (every error kind, worded by :mod:`._fast`); python-jsonschema
    only when the Rust side cannot compile the schema or take the instance."""
    try:
        compiled = _compiled_for(name)
    except SpecsNotInstalledError as exc:
        skip_or_raise(name, exc)
        return []
    fast = _rs_violations(compiled, instance)
    if fast is not None:
        return fast
    return [(issue.pointer, issue.message) for issue in _issues(compiled.py, instance)]


def _rs_violations(compiled: _Compiled, instance: Any) -> list[tuple[str, str]] | None:
    if compiled.rs is None:
        return None
    return rs_violations(compiled.rs, instance)


def is_valid(instance: Any, name: str) -> bool:
    """Whether ``instance`` satisfies official schema ``name`` (fast; no issue list).
    Not installed: as for :func:`validate`."""
    try:
        compiled = _compiled_for(name)
    except SpecsNotInstalledError as exc:
        skip_or_raise(name, exc)
        return True
    return _is_valid(compiled, instance)


def validate_against(instance: Any, schema: Mapping[str, Any] | bool) -> list[SchemaIssue]:
    """Like :func:`validate` for an arbitrary schema (compiled on every call, not cached).

    ``$ref`` s may point into the bundled schemas (by ``$id`` or ``credentialSchema`` URL);
    anything else raises :class:`OfflineRefError` — never a fetch.
    """
    return _issues(_compile(schema).py, instance)


def is_valid_against(instance: Any, schema: Mapping[str, Any] | bool) -> bool:
    """Like :func:`is_valid` for an arbitrary schema (compiled on every call)."""
    return _is_valid(_compile(schema), instance)


def _is_valid(compiled: _Compiled, instance: Any) -> bool:
    if compiled.rs is not None:
        try:
            return bool(compiled.rs.is_valid(instance))
        except (ValueError, TypeError, OverflowError):
            pass  # not JSON-shaped for the Rust side (e.g. a tuple): ask python-jsonschema
    from referencing.exceptions import Unresolvable

    try:
        return bool(compiled.py.is_valid(instance))
    except Unresolvable as exc:
        raise offline_error(exc) from exc


def _issues(validator: Validator, instance: Any) -> list[SchemaIssue]:
    from referencing.exceptions import Unresolvable

    try:
        errors = list(validator.iter_errors(instance))
    except Unresolvable as exc:
        raise offline_error(exc) from exc
    best: dict[tuple[str, str], SchemaIssue] = {}
    for error in errors:
        issue = _to_issue(error)
        key = (issue.pointer, issue.message)
        if key not in best or issue.schema_path < best[key].schema_path:
            best[key] = issue  # same complaint via two subschemas (e.g. allOf): keep one
    return [best[key] for key in sorted(best)]


def _to_issue(error: ValidationError) -> SchemaIssue:
    return SchemaIssue(
        pointer=_pointer(_full_path(error)),
        message=_message(error),
        schema_path=_pointer(error.absolute_schema_path),
    )


def _missing_property(error: ValidationError) -> str | None:
    """For a ``required`` failure, the missing member (the pointer then names it)."""
    if error.validator != "required" or not isinstance(error.instance, Mapping):
        return None
    for prop in error.validator_value or ():
        missing = isinstance(prop, str) and prop not in error.instance
        if missing and error.message == f"{prop!r} is a required property":
            return str(prop)
    return None


def _message(error: ValidationError) -> str:
    if error.validator in ("oneOf", "anyOf"):
        what = _describe(error.instance)
        if not error.context:
            return f"{what} is valid under more than one of the given schemas ({error.validator})"
        closest = _closest(error)
        where = _pointer(_full_path(closest)) or "/"
        return _truncate(
            f"{what} is not valid under any of the given schemas ({error.validator}); "
            f"closest match fails at {where}: {_message(closest)}"
        )
    message = error.message
    text = repr(error.instance)
    if len(text) > _MAX_REPR and message.startswith(text):
        message = _describe(error.instance) + message[len(text) :]
    return _truncate(message)


def _closest(error: ValidationError) -> ValidationError:
    """The most specific failure below a ``oneOf``/``anyOf``: descend, at each level, into
    the deepest sub-error (python-jsonschema's relevance key, taken as a minimum)."""
    from jsonschema.exceptions import relevance

    best = error
    while best.context:
        best = min(best.context, key=relevance)
    return best


def _full_path(error: ValidationError) -> list[str | int]:
    path: list[str | int] = list(error.absolute_path)
    missing = _missing_property(error)
    if missing is not None:
        path.append(missing)
    return path
