"""The two yardsticks every lerbridge timing is divided by.

* floor: ``orjson.dumps(orjson.loads(raw))``, the cheapest parse-and-serialise of the
  same bytes (no mapping, no checking);
* python-jsonschema: ``list(validator.iter_errors(doc))`` on the already-parsed document,
  with a ``jsonschema.Draft201909Validator`` built once for the bundled official schema
  (``lerbridge.specs.schema(name)``, public API) over a ``referencing.Registry`` that
  refuses every retrieval. The schemas used are self-contained: :func:`external_refs`
  lists any ``$ref`` that would need a retrieval, and the report prints it.

Also jsonschema-rs ``is_valid(doc)`` on the same schema, for reference: it is the check
lerbridge runs on its input and output.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import jsonschema_rs
import orjson
import referencing
import referencing.exceptions

from lerbridge import specs


def _refuse(uri: str) -> referencing.Resource[Any]:
    raise referencing.exceptions.NoSuchResource(ref=uri)


def external_refs(schema: Any) -> list[str]:
    """Every ``$ref``/``$dynamicRef``/``$recursiveRef`` that does not start with ``#``."""
    found: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("$ref", "$dynamicRef", "$recursiveRef") and isinstance(value, str):
                    if not value.startswith("#"):
                        found.add(value)
                else:
                    stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return sorted(found)


class Yardstick:
    """The compiled validators for one bundled schema name, built once."""

    def __init__(self, name: str) -> None:
        schema = specs.schema(name)
        jsonschema.Draft201909Validator.check_schema(schema)
        registry: referencing.Registry[Any] = referencing.Registry(retrieve=_refuse)  # type: ignore[call-arg]
        self.name = name
        self.py = jsonschema.Draft201909Validator(schema, registry=registry)
        self.rs = jsonschema_rs.validator_for(schema)
        self.info = {
            "schema": name,
            "schema_id": schema.get("$id"),
            "declared_dialect": schema.get("$schema", ""),
            "validator": "jsonschema.Draft201909Validator",
            "external_refs": external_refs(schema),
            "schema_bytes": len(orjson.dumps(schema)),
        }

    def errors(self, doc: Any) -> int | str:
        try:
            return len(list(self.py.iter_errors(doc)))
        except referencing.exceptions.Unresolvable as exc:
            return f"unresolvable ref (schema not self-contained?): {exc}"

    def jobs(self, raw: bytes, doc: Any) -> list[tuple[str, str, Any]]:
        """(op, label, callable) for the floor and the two validators."""
        loads, dumps = orjson.loads, orjson.dumps
        py, rs = self.py, self.rs
        return [
            ("floor", "orjson.loads + orjson.dumps (floor)", lambda: dumps(loads(raw))),
            (
                "jsonschema",
                "python-jsonschema list(iter_errors(doc))",
                lambda: list(py.iter_errors(doc)),
            ),
            ("rs-valid", "jsonschema-rs is_valid(doc)", lambda: rs.is_valid(doc)),
        ]
