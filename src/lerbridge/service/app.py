"""The ASGI application: Starlette routes built from the route table, the worker pool's
lifespan, metrics, the optional bearer token and CORS, and problems for every error."""

from __future__ import annotations

import hmac
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import orjson
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..errors import LerbridgeError, UnknownFormatError
from ..safejson import DEFAULT_MAX_BYTES
from . import endpoints, page
from . import schemas as S
from .metrics import CONTENT_TYPE, Metrics
from .openapi import document
from .problems import problem
from .routing import ROUTES, BadParameter, Handler, Reply, RouteSpec, route
from .workers import WorkerPool


@dataclass(frozen=True)
class Settings:
    """The service's limits and options (``lerbridge serve`` flags; docs/service.md)."""

    workers: int = 2  # conversion processes = concurrent conversions
    time_limit: float = 30.0  # seconds per request; past it the worker is killed
    max_body: int = 10 * 1024 * 1024  # bytes
    queue: int = 64  # requests waiting for a worker before 503
    # bearer token for the /v1 POST endpoints (--token-file); kept out of repr and logs
    token: str | None = field(default=None, repr=False)
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are given

    def __post_init__(self) -> None:
        if self.workers < 1 or self.time_limit <= 0 or self.queue < 0:
            raise ValueError("workers >= 1, time_limit > 0 and queue >= 0")
        if not 0 < self.max_body <= DEFAULT_MAX_BYTES:
            raise ValueError(f"max_body must be between 1 and {DEFAULT_MAX_BYTES}")


def _guarded(spec: RouteSpec) -> Handler:
    async def handle(request: Request) -> Response:
        token = request.app.state.settings.token
        if spec.protected and token is not None:
            given = request.headers.get("authorization", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(
                value.strip().encode(), token.encode()
            ):
                return problem(
                    "unauthorized",
                    "send Authorization: Bearer <token>",
                    headers={"WWW-Authenticate": 'Bearer realm="lerbridge"'},
                )
        try:
            return await spec.handler(request)
        except BadParameter as exc:
            return problem("bad-parameter", str(exc))
        except endpoints.BodyTooLarge:
            limit = request.app.state.settings.max_body
            return problem("body-too-large", f"the limit is {limit} bytes")
        except UnknownFormatError as exc:  # a format named in the query
            return problem("unknown-format", exc.message)
        except LerbridgeError as exc:
            return problem("bad-parameter", exc.message)

    return handle


@route(
    "GET",
    "/healthz",
    operation_id="health",
    summary="Liveness: the server answers and its workers exist.",
    replies=(Reply(200, "Alive.", {"application/json": S.ref("Health")}),),
    tags=("info",),
)
async def healthz(request: Request) -> Response:
    pool: WorkerPool = request.app.state.pool
    body = {"status": "ok", "version": __version__, "workers": pool.size, "busy": pool.stats.busy}
    return Response(orjson.dumps(body), media_type="application/json")


@route(
    "GET",
    "/metrics",
    operation_id="metrics",
    summary="Request metrics in the Prometheus text format.",
    replies=(Reply(200, "Prometheus text exposition 0.0.4.", {"text/plain": S.STRING}),),
    tags=("info",),
)
async def metrics(request: Request) -> Response:
    pool: WorkerPool = request.app.state.pool
    s = pool.stats
    gauges = {
        "lerbridge_workers": ("gauge", "Conversion worker processes.", pool.size),
        "lerbridge_workers_busy": ("gauge", "Workers running a request now.", s.busy),
        "lerbridge_requests_waiting": ("gauge", "Requests waiting for a worker.", s.waiting),
        "lerbridge_time_limit_kills_total": (
            "counter",
            "Requests stopped at the time limit (their worker killed).",
            s.killed,
        ),
        "lerbridge_workers_lost_total": ("counter", "Workers that ended unexpectedly.", s.lost),
    }
    text = request.app.state.metrics.render(gauges)
    return Response(text, headers={"Content-Type": CONTENT_TYPE})


@route(
    "GET",
    "/v1/openapi.json",
    operation_id="openapi",
    summary="This OpenAPI 3.1 document.",
    replies=(Reply(200, "OpenAPI 3.1.", {"application/json": {"type": "object"}}),),
    tags=("info",),
)
async def openapi(request: Request) -> Response:
    return Response(orjson.dumps(document()), media_type="application/json")


@route(
    "GET",
    "/",
    operation_id="page",
    summary="The web page: paste or upload a document, convert it, see the loss report.",
    replies=(Reply(200, "A self-contained HTML page.", {"text/html": S.STRING}),),
    tags=("info",),
)
async def index(request: Request) -> Response:
    return Response(page.HTML, media_type="text/html", headers=page.HEADERS)


class _Observe:
    """Counts each request by route template and status, times it, and adds the headers
    every response carries (no sniffing, no caching of personal data)."""

    def __init__(self, app: ASGIApp, known: set[str], metrics: Metrics) -> None:
        self.app = app
        self.known = known
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        start = time.perf_counter()

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-content-type-options", b"nosniff"))
                headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        path = scope["path"] if scope["path"] in self.known else "other"
        self.metrics.in_flight += 1
        try:
            await self.app(scope, receive, send_status)
        finally:
            self.metrics.in_flight -= 1
            self.metrics.observe(path, scope["method"], status, time.perf_counter() - start)


async def _not_found(request: Request, exc: Exception) -> Response:
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        return problem("method-not-allowed", f"{request.method} is not allowed here")
    return problem("not-found", f"no resource at {request.url.path}")


async def _internal(request: Request, exc: Exception) -> Response:
    return problem("internal", "the request failed inside the server; please report it")


def create_app(settings: Settings | None = None) -> Starlette:
    """The ASGI app. Run it with uvicorn (``lerbridge serve`` does)."""
    settings = settings or Settings()
    pool = WorkerPool(settings.workers, settings.time_limit, settings.queue, settings.time_limit)
    metrics_store = Metrics()

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    routes = [Route(s.path, _guarded(s), methods=[s.method]) for s in ROUTES]
    middleware: list[Middleware] = []
    if settings.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept"],
                expose_headers=["Lerbridge-Loss-Summary", "Lerbridge-Loss-Codes"],
            )
        )
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={404: _not_found, 405: _not_found, Exception: _internal},
    )
    app.state.settings = settings
    app.state.pool = pool
    app.state.metrics = metrics_store
    return _Observe(app, {s.path for s in ROUTES}, metrics_store)  # type: ignore[return-value]


__all__ = ["Settings", "create_app"]
