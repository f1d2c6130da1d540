"""lerbridge never touches the network: contexts and schemas come from the bundled copies,
and an unknown remote URL is reported, not fetched."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

import lerbridge


@pytest.fixture
def net_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record (and refuse) every attempt to resolve a name or open a connection."""
    calls: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(f"{name}{args[1:] if name == 'connect' else args}")
            raise OSError(f"network disabled in this test ({name})")

        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    yield calls


def test_guard_records_calls(net_calls: list[str]) -> None:
    """The fixture itself works: a real attempt is recorded and refused."""
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.org", 443)
    assert len(net_calls) == 2
    net_calls.clear()


@pytest.mark.network_probe
def test_session_guard_refuses_connections() -> None:
    """tests/conftest.py makes every test that connects fail (here: expected, so allowed)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(RuntimeError, match="network access during a test"):
            sock.connect(("127.0.0.1", 9))
    finally:
        sock.close()
    with pytest.raises(RuntimeError, match="network access during a test"):
        socket.create_connection(("127.0.0.1", 9))


#: Upstream OB 3.0 documents (under ../shared/fixtures-upstream) that must convert to both
#: targets offline, like the shipped ones.
UPSTREAM_OB3 = [
    "openbadges/ob3/1edtech-validator/complete_v1.json",
    "openbadges/ob3/1edtech-validator/simple.json",
    "openbadges/ob3/1edtech-validator/simple.jwt",
    "openbadges/ob3/dcc-verifier-core/v2EddsaWithValidStatus.json",
    "openbadges/ob3/spec-examples/basic-teamwork.json",
    "openbadges/ob3/spec-examples/complete-unsigned.json",
    "openbadges/ob3/spec-examples/endorsement.json",
    "openbadges/ob3/spec-examples/skill-assertion-case.json",
]


def _shipped_files(shipped: Path) -> list[Path]:
    files = sorted(p for p in (shipped / "ob3").iterdir() if p.is_file())
    assert len(files) == 1
    return files


def _convert_offline(paths: list[Path], net_calls: list[str]) -> None:
    for path in paths:
        for target in ("ob3", "canonical"):
            result = lerbridge.convert(path, to=target)
            assert result.documents, path
        assert isinstance(lerbridge.validate(path), list)
    assert net_calls == []


def test_shipped_fixtures_offline(shipped: Path, net_calls: list[str]) -> None:
    _convert_offline(_shipped_files(shipped), net_calls)


def test_upstream_ob3_fixtures_offline(upstream: Path, net_calls: list[str]) -> None:
    _convert_offline([upstream / rel for rel in UPSTREAM_OB3], net_calls)


def test_shared_fixtures_offline(shared_dir: Path, net_calls: list[str]) -> None:
    folder = shared_dir / "fixtures-upstream/openbadges/ob3"
    converted = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix not in (".json", ".jwt") or "contexts" in path.parts:
            continue
        try:
            lerbridge.convert(path, to="ob3")
            lerbridge.validate(path)
            converted += 1
        except lerbridge.LerbridgeError:
            pass
    assert converted >= 20
    assert net_calls == []


def _remote_credential(upstream: Path) -> dict:
    doc = json.loads((upstream / "openbadges/ob3/spec-examples/basic-teamwork.json").read_bytes())
    doc["@context"] += [
        "http://127.0.0.1:9/context.jsonld",
        "https://contexts.example.invalid/badge/v1",
    ]
    doc["credentialSchema"] = [
        {"id": "http://127.0.0.1:9/schema.json", "type": "1EdTechJsonSchemaValidator2019"},
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
            "ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        },
    ]
    doc["credentialStatus"] = {
        "id": "http://127.0.0.1:9/status/1#5",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListCredential": "http://127.0.0.1:9/status/1",
        "statusListIndex": "5",
    }
    doc["credentialSubject"]["achievement"]["image"] = {
        "id": "http://127.0.0.1:9/badge.png",
        "type": "Image",
    }
    return doc


def test_remote_contexts_and_schemas_not_fetched(upstream: Path, net_calls: list[str]) -> None:
    doc = _remote_credential(upstream)
    data = json.dumps(doc).encode()
    result = lerbridge.convert(data, to="ob3")
    canonical = lerbridge.convert(data, to="canonical")
    issues = lerbridge.validate(data)
    assert net_calls == []
    unknown = sorted(e.excerpt or "" for e in result.report.by_code("unknown-context"))
    assert unknown == [
        "http://127.0.0.1:9/context.jsonld",
        "https://contexts.example.invalid/badge/v1",
    ]
    out = json.loads(result.documents[0].data)
    assert out["credentialSchema"] == doc["credentialSchema"]
    assert out["credentialStatus"] == doc["credentialStatus"]
    assert out["@context"][-2:] == doc["@context"][-2:]
    assert issues == []
    assert canonical.documents


def test_cli_offline(upstream: Path, net_calls: list[str], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lerbridge.cli import main

    src = tmp_path / "remote.json"
    src.write_text(json.dumps(_remote_credential(upstream)))
    res = CliRunner().invoke(
        main, ["convert", str(src), "--to", "ob3", "-o", str(tmp_path / "out.json")]
    )
    assert res.exit_code == 0
    res = CliRunner().invoke(main, ["validate", str(src)])
    assert res.exit_code == 0
    assert net_calls == []
