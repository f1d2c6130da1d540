"""Security: the bearer token (--token-file) guards the /v1 POST endpoints and is never
readable back; CORS is off unless configured; nothing is stored or logged from a request
body; the page loads nothing from elsewhere."""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from service_harness import TOKEN, Server

from lerbridge.cli import main

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
OB3 = (FIXTURES / "ob3" / "lerbridge-welding-certificate.json").read_bytes()
GETS = ("/healthz", "/v1/formats", "/v1/openapi.json", "/metrics", "/")


def test_token_required_when_configured(guarded: Server) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}):
        reply = guarded.request("POST", "/v1/convert?to=clr", OB3, headers)
        assert reply.status == 401, headers
        assert reply.json()["code"] == "unauthorized"
        assert reply.headers["www-authenticate"].startswith("Bearer")
    for path in ("/v1/validate", "/v1/conformance"):
        assert guarded.request("POST", path, OB3).status == 401
    ok = guarded.request("POST", "/v1/convert?to=clr", OB3, {"Authorization": f"Bearer {TOKEN}"})
    assert ok.status == 200 and ok.json()["target_format"] == "clr"
    for path in GETS:  # reading the service's description needs no token
        assert guarded.request("GET", path).status == 200


def test_token_is_never_readable(guarded: Server) -> None:
    guarded.request("POST", "/v1/validate", OB3, {"Authorization": f"Bearer {TOKEN}"})
    for path in GETS:
        reply = guarded.request("GET", path)
        assert TOKEN not in reply.body.decode()
        assert all(TOKEN not in v for v in reply.headers.values())


def test_token_not_in_settings_repr(guarded: Server) -> None:
    assert TOKEN not in repr(guarded.settings)
    assert guarded.settings.token == TOKEN


def test_cors_off_by_default(server: Server) -> None:
    reply = server.request("GET", "/v1/formats", headers={"Origin": "https://evil.example"})
    assert reply.status == 200
    assert "access-control-allow-origin" not in reply.headers
    pre = server.request(
        "OPTIONS",
        "/v1/convert?to=ob3",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert pre.status == 405 and "access-control-allow-origin" not in pre.headers


def test_cors_when_configured(guarded: Server) -> None:
    origin = "https://wallet.example"
    ok = guarded.request("GET", "/v1/formats", headers={"Origin": origin})
    assert ok.headers["access-control-allow-origin"] == origin
    other = guarded.request("GET", "/v1/formats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_no_body_logged_and_nothing_stored(
    server: Server, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "Quillon Vasquez-Oyelaran"
    doc = OB3.decode().replace('"type": [', f'"name": "{marker}", "type": [', 1).encode()
    temp = Path(tempfile.gettempdir())
    before = {p.name for p in temp.glob("lerbridge-serve-*")}
    loggers = [logging.getLogger(n) for n in ("uvicorn.access", "uvicorn.error", "lerbridge")]
    for lg in loggers:  # uvicorn's loggers do not propagate to the root
        lg.addHandler(caplog.handler)
    with caplog.at_level(logging.DEBUG):
        for path in ("/v1/convert?to=clr", "/v1/validate", "/v1/conformance"):
            reply = server.request("POST", path, doc)
            assert reply.status == 200, path
        server.request("POST", "/v1/convert?to=ob3", b'{"name": "' + marker.encode() + b'", ')
    for lg in loggers:
        lg.removeHandler(caplog.handler)
    assert any("/v1/convert" in r.getMessage() for r in caplog.records), "access log captured"
    assert marker not in caplog.text
    assert {p.name for p in temp.glob("lerbridge-serve-*")} == before


def test_page_is_self_contained(server: Server) -> None:
    reply = server.request("GET", "/")
    assert reply.media == "text/html"
    html = reply.body.decode()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, re.I)
    assert "url(" not in html and "@import" not in html
    csp = reply.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp
    assert 'id="report"' in html and 'type="file"' in html


def test_serve_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "uvicorn", None)
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 1
    assert "pip install 'lerbridge[server]'" in result.output


def test_serve_refuses_a_short_token(tmp_path: Path) -> None:
    short = tmp_path / "token"
    short.write_text("abc\n")
    result = CliRunner().invoke(main, ["serve", "--token-file", str(short)])
    assert result.exit_code == 2
    assert "at least 16 characters" in result.output
