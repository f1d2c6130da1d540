"""Servers for the service tests, one per configuration, shared by the module's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from service_harness import MAX_BODY, TOKEN, Server

from lerbridge.service import Settings


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The default configuration, with a small body limit to test it cheaply."""
    s = Server(Settings(workers=2, time_limit=60, max_body=MAX_BODY)).start()
    yield s
    s.stop()


@pytest.fixture(scope="session")
def guarded() -> Iterator[Server]:
    """A bearer token and one CORS origin configured."""
    s = Server(
        Settings(workers=1, time_limit=60, token=TOKEN, cors_origins=("https://wallet.example",))
    ).start()
    yield s
    s.stop()
