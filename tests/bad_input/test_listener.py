"""The listener itself counts: a connection made on purpose is seen (so a zero in the other
tests means something)."""

from __future__ import annotations

import _socket
import socket
import time

import pytest
from loopback import Listener


@pytest.mark.network_probe
def test_the_listener_counts_a_real_connection() -> None:
    server = Listener()
    try:
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # the session guard patches socket.socket.connect; the C method underneath is not
        _socket.socket.connect(raw, ("127.0.0.1", server.port))
        raw.close()
        end = time.monotonic() + 5
        while server.count == 0 and time.monotonic() < end:
            time.sleep(0.01)
        assert server.count == 1
    finally:
        server.close()
