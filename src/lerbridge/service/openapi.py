"""The OpenAPI 3.1 document, built from the route table (:data:`.routing.ROUTES`) and the
schemas of :mod:`.schemas`: nothing here is written by hand per endpoint."""

from __future__ import annotations

from typing import Any

from .. import __version__
from .routing import ROUTES, RouteSpec
from .schemas import COMPONENTS

OPENAPI_VERSION = "3.1.0"


def _operation(spec: RouteSpec) -> dict[str, Any]:
    op: dict[str, Any] = {
        "operationId": spec.operation_id,
        "summary": spec.summary,
        "tags": list(spec.tags),
        "responses": {},
    }
    if spec.params:
        op["parameters"] = [
            {
                "name": p.name,
                "in": "query",
                "required": p.required,
                "description": p.description,
                "schema": p.schema,
            }
            for p in spec.params
        ]
    if spec.body is not None:
        op["requestBody"] = {
            "required": True,
            "description": "The document: JSON, XML, CSV, a JWT, or a baked PNG/SVG badge.",
            "content": {m: {"schema": s} for m, s in spec.body.items()},
        }
    for reply in spec.replies:
        entry: dict[str, Any] = {"description": reply.description}
        if reply.content:
            entry["content"] = {m: {"schema": s} for m, s in reply.content.items()}
        if reply.headers:
            entry["headers"] = {
                h: {"description": d, "schema": {"type": "string"}}
                for h, d in reply.headers.items()
            }
        op["responses"][str(reply.status)] = entry
    if spec.protected:
        op["security"] = [{}, {"bearer": []}]
    return op


def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for spec in ROUTES:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec)
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "lerbridge",
            "version": __version__,
            "summary": "Translate learning and employment records, with a loss report.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "paths": paths,
        "components": {
            "schemas": COMPONENTS,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Required on /v1 POST endpoints only when the operator "
                    "starts the server with --token-file.",
                }
            },
        },
    }
