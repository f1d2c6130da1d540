"""A real uvicorn server on 127.0.0.1 with an ephemeral port (the socket is bound first,
so no port race), in a thread of the test process; and a small HTTP client that checks
every response it gets against the server's own OpenAPI document."""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import orjson
import uvicorn
from jsonschema import Draft202012Validator

from lerbridge.service import Settings, create_app
from lerbridge.service.openapi import document

# tests/conftest.py refuses every socket connection during tests. This module is imported
# at collection, before that guard is installed: it keeps the real connect and uses it for
# one destination only, the test server on 127.0.0.1.
_REAL_CONNECT = socket.socket.connect
LOOPBACK = "127.0.0.1"
TOKEN = "s3cret-token-for-tests-0123456789"
MAX_BODY = 256 * 1024


def _loopback_socket(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.settimeout(120)
    _REAL_CONNECT(sock, (LOOPBACK, port))
    return sock


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return orjson.loads(self.body)

    @property
    def media(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()


@dataclass
class Server:
    settings: Settings
    port: int = 0
    seen: list[tuple[str, str, Reply]] = field(default_factory=list)
    app: Any = None
    _server: Any = None
    _thread: threading.Thread | None = None

    def start(self) -> Server:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((LOOPBACK, 0))
        self.port = sock.getsockname()[1]
        self.app = create_app(self.settings)
        config = uvicorn.Config(self.app, log_level="info", access_log=True, lifespan="on")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self

    @property
    def pool(self) -> Any:
        return self.app.app.state.pool

    def stop(self) -> None:
        self._server.should_exit = True
        assert self._thread is not None
        self._thread.join(30)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        *,
        chunked: bool = False,
        check: bool = True,
    ) -> Reply:
        conn = http.client.HTTPConnection(LOOPBACK, self.port, timeout=120)
        conn.sock = _loopback_socket(self.port)
        try:
            if chunked:
                conn.request(
                    method,
                    path,
                    body=iter([body or b""]),
                    headers=headers or {},
                    encode_chunked=True,
                )
            else:
                conn.request(method, path, body=body, headers=headers or {})
            resp = conn.getresponse()
            reply = Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()
        if check:
            check_against_openapi(method, path, reply)
        self.seen.append((method, path, reply))
        return reply


_DOC = document()


def check_against_openapi(method: str, path: str, reply: Reply) -> None:
    """The response's status and media type are declared for the route, and its JSON body
    validates against the declared schema. Unknown paths must be problems."""
    route = path.split("?")[0]
    op = _DOC["paths"].get(route, {}).get(method.lower())
    if op is None:
        assert reply.media == "application/problem+json", (route, reply.status)
        _validate({"$ref": "#/components/schemas/Problem"}, reply.json())
        return
    declared = op["responses"].get(str(reply.status))
    assert declared is not None, f"{method} {route}: {reply.status} is not in the OpenAPI document"
    content = declared.get("content", {})
    media = reply.media
    if media not in content:
        # a raw document: any media type, declared as application/octet-stream
        assert "application/octet-stream" in content, (route, reply.status, media)
        return
    if media in ("application/json", "application/problem+json"):
        _validate(content[media]["schema"], reply.json())


def _validate(schema: dict[str, Any], value: Any) -> None:
    root = {**schema, "components": _DOC["components"]}
    errors = sorted(Draft202012Validator(root).iter_errors(value), key=str)
    assert not errors, [e.message for e in errors[:5]]
