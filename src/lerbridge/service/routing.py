"""The route table: each endpoint declares its method, path, query parameters, request
body and responses once, here, and both the Starlette routes and the OpenAPI document
(:mod:`.openapi`) are built from it, so the description cannot drift from the code.
A new endpoint (``/v1/verify``, signing) is one more :func:`route` in its own module."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

Handler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Param:
    name: str
    description: str
    schema: dict[str, Any]
    required: bool = False


@dataclass(frozen=True)
class Reply:
    """One response: status, description, and media type -> JSON Schema."""

    status: int
    description: str
    content: dict[str, dict[str, Any]] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RouteSpec:
    method: str
    path: str
    handler: Handler
    operation_id: str
    summary: str
    params: tuple[Param, ...] = ()
    body: dict[str, dict[str, Any]] | None = None  # media type -> schema
    replies: tuple[Reply, ...] = ()
    protected: bool = False  # needs the bearer token when the operator configures one
    tags: tuple[str, ...] = ()


ROUTES: list[RouteSpec] = []


def route(
    method: str,
    path: str,
    *,
    operation_id: str,
    summary: str,
    params: tuple[Param, ...] = (),
    body: dict[str, dict[str, Any]] | None = None,
    replies: tuple[Reply, ...] = (),
    protected: bool = False,
    tags: tuple[str, ...] = (),
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append(
            RouteSpec(
                method,
                path,
                handler,
                operation_id,
                summary,
                params,
                body,
                replies,
                protected,
                tags,
            )
        )
        return handler

    return register


def qbool(request: Request, name: str) -> bool:
    """A boolean query parameter: true/1/yes or false/0/no (absent = false)."""
    value = request.query_params.get(name)
    if value is None:
        return False
    if value.lower() in ("true", "1", "yes"):
        return True
    if value.lower() in ("false", "0", "no"):
        return False
    raise BadParameter(f"{name} must be true or false, not {value!r}")


class BadParameter(Exception):
    pass


def choice(request: Request, name: str, allowed: tuple[str, ...]) -> str | None:
    value = request.query_params.get(name)
    if value is not None and value not in allowed:
        raise BadParameter(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value
