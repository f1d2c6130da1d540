"""The bad-input suite's helpers: a loopback listener that counts connections, and the
shipped credential as bytes.

Every case that names a URL (XXE, remote context, remote ``$ref``, hosted badge, XInclude,
schemaLocation) points it at the listener, so a fetch made by any code path — Python
sockets, libxml2's own I/O, a subprocess — would show up as a connection, not just as a
call the test-wide network guard sees."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import Listener

WELDING = "ob3/lerbridge-welding-certificate.json"


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A counting loopback listener; the test fails if anything connected to it."""
    server = Listener()
    try:
        yield server
    finally:
        server.close()
    assert server.count == 0, f"{server.count} connection(s) to the loopback listener"


@pytest.fixture
def welding(shipped: Path) -> bytes:
    return (shipped / WELDING).read_bytes()
