"""Shared test helpers: where the repository, its shipped fixtures and ../shared are, and a
session-wide guard that fails any test that opens a network connection."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest


@cache
def repo_root() -> Path:
    """The folder holding pyproject.toml, found upwards from this file."""
    here = Path(__file__).resolve().parent
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    raise RuntimeError("no pyproject.toml above tests/")


def fixtures_dir() -> Path:
    """The documents written for lerbridge and shipped with the repository (always present)."""
    return repo_root() / "fixtures"


def shared_path() -> Path:
    """Where ../shared would be (it may be absent)."""
    return (repo_root() / ".." / "shared").resolve()


def shared_available() -> bool:
    return shared_path().is_dir()


@pytest.fixture
def shared_dir() -> Path:
    """../shared, or a clean skip when this checkout has no such folder."""
    path = shared_path()
    if not path.is_dir():
        pytest.skip(f"{path} is absent (the upstream fixtures live outside the repository)")
    return path


@pytest.fixture
def shipped() -> Path:
    """Documents written for lerbridge (``fixtures/``)."""
    return fixtures_dir()


@pytest.fixture
def upstream(shared_dir: Path) -> Path:
    """Real documents from the standards bodies, validators, wallets and vendors
    (``../shared/fixtures-upstream``); a clean skip when ../shared is absent."""
    return shared_dir / "fixtures-upstream"


# --- network guard ----------------------------------------------------------------------

_NETWORK_CALLS: list[str] = []
_LOCAL_FAMILIES = {getattr(socket, "AF_UNIX", None)}


def _guarded_connect(original):  # type: ignore[no-untyped-def]
    def connect(self: socket.socket, address, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.family in _LOCAL_FAMILIES:
            return original(self, address, *args, **kwargs)
        _NETWORK_CALLS.append(f"socket.connect({address!r})")
        raise RuntimeError(f"network access during a test: connect to {address!r}")

    return connect


def _guarded(name: str):  # type: ignore[no-untyped-def]
    def call(*args, **kwargs):  # type: ignore[no-untyped-def]
        _NETWORK_CALLS.append(f"{name}{args!r}")
        raise RuntimeError(f"network access during a test: {name}{args!r}")

    return call


@pytest.fixture(scope="session", autouse=True)
def _no_network_session() -> Iterator[None]:
    """Every socket connection attempt in any test raises and is recorded."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
        mp.setattr(socket.socket, "connect_ex", _guarded_connect(socket.socket.connect_ex))
        mp.setattr(socket, "create_connection", _guarded("socket.create_connection"))
        yield


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "network_probe: the test checks the network guard itself; its attempts are "
        "expected and do not fail it",
    )


@pytest.fixture(autouse=True)
def _fail_on_network(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that tried to connect fails, even if the code under test swallowed the error."""
    _NETWORK_CALLS.clear()
    yield
    if request.node.get_closest_marker("network_probe"):
        _NETWORK_CALLS.clear()
    if _NETWORK_CALLS:
        calls = list(_NETWORK_CALLS)
        _NETWORK_CALLS.clear()
        pytest.fail(f"the test touched the network: {calls}")
