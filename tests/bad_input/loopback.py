"""A loopback TCP listener that counts connections: the bad-input suite points every URL a
hostile document names at it, so any fetch (Python sockets, libxml2's own I/O, a
subprocess) shows up as a connection. A module of its own, not the conftest, because
``from conftest import ...`` picks whichever conftest was imported first."""

from __future__ import annotations

import socket
import threading


class Listener:
    """A TCP listener on 127.0.0.1, an ephemeral port, in a daemon thread. ``count`` is the
    number of connections accepted so far. Every wait is bounded (0.05 s accept timeout)."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]
        self.count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "x") -> str:
        return f"http://127.0.0.1:{self.port}/{path}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.count += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()
