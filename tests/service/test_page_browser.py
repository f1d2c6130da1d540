"""The web page in a real headless Chromium (Debian's chromium, installed by .ci/run),
driven over the DevTools protocol on a pipe (--remote-debugging-pipe: no debugging port
is opened): upload a fixture through the file input, pick the target, convert, and read
the loss report table from the live DOM; a screenshot is saved."""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from service_harness import Server

import lerbridge

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "ob3" / "lerbridge-welding-certificate.json"
)
SHOTS = (
    Path(os.environ.get("LERBRIDGE_SCREENSHOTS", ""))
    if os.environ.get("LERBRIDGE_SCREENSHOTS")
    else None
)


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless browser found (chromium); .ci/run installs Debian's chromium")


class DevTools:
    """Chrome DevTools protocol over the browser's fd 3 (commands in) and fd 4 (events and
    replies out), NUL-separated JSON."""

    def __init__(self, browser: str, profile: Path) -> None:
        cmd_r, cmd_w = os.pipe()
        out_r, out_w = os.pipe()
        # move the child's ends above 4 so the dup2 onto 3 and 4 cannot clobber them
        child_in = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
        child_out = fcntl.fcntl(out_w, fcntl.F_DUPFD, 10)
        os.close(cmd_r)
        os.close(out_w)

        def wire() -> None:
            os.dup2(child_in, 3)
            os.dup2(child_out, 4)

        self.proc = subprocess.Popen(
            [
                browser,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
                "--window-size=1280,1400",
                "--hide-scrollbars",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=wire,
        )
        os.close(child_in)
        os.close(child_out)
        self.writer = os.fdopen(cmd_w, "wb", buffering=0)
        self.reader = os.fdopen(out_r, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.session: str | None = None

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from the browser")
            chunk = self.reader.read(65536)
            if not chunk:
                raise RuntimeError("the browser closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        msg: dict[str, Any] = {"id": self.next_id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            msg["sessionId"] = self.session
        self.writer.write(json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 90) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close", timeout=10)
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        self.writer.close()
        self.reader.close()


def test_page_converts_an_upload_in_headless_chromium(server: Server, tmp_path: Path) -> None:
    browser = _browser()
    expected = lerbridge.convert(FIXTURE, to="csv")
    want_codes = sorted(e.code for e in expected.report)
    assert want_codes, "the chosen conversion has a loss report to show"

    cdp = DevTools(browser, tmp_path / "profile")
    try:
        targets = cdp.send("Target.getTargets")["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        cdp.session = cdp.send("Target.attachToTarget", targetId=page["targetId"], flatten=True)[
            "sessionId"
        ]
        cdp.send("Page.enable")
        cdp.send("Page.navigate", url=f"http://127.0.0.1:{server.port}/")
        cdp.wait_for("document.body && document.body.getAttribute('data-ready') === '1'")
        root = cdp.send("DOM.getDocument")["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", nodeId=root, selector="#file")["nodeId"]
        cdp.send("DOM.setFileInputFiles", nodeId=node, files=[str(FIXTURE)])
        status = cdp.wait_for(
            "document.getElementById('status').textContent.startsWith('loaded') && "
            "document.getElementById('status').textContent"
        )
        assert FIXTURE.name in status
        cdp.evaluate("document.getElementById('to').value = 'csv'")
        cdp.evaluate("document.getElementById('convert').click()")
        cdp.wait_for("document.getElementById('status').textContent === 'converted'")
        rows = cdp.evaluate(
            "Array.from(document.querySelectorAll('#report tbody tr')).map("
            "r => Array.from(r.cells).map(c => c.textContent))"
        )
        summary = cdp.evaluate("document.getElementById('summary').textContent")
        links = cdp.evaluate(
            "Array.from(document.querySelectorAll('a.download')).map(a => [a.download, a.href])"
        )
        shot = base64.b64decode(cdp.send("Page.captureScreenshot", format="png")["data"])
    finally:
        cdp.close()

    assert sorted(r[1] for r in rows) == want_codes
    assert {r[0] for r in rows} <= {"error", "warning", "info"}
    assert summary.startswith("ob3 → csv: ")
    s = expected.report.to_dict()["summary"]
    assert summary.endswith(f"{s['error']} error, {s['warning']} warning, {s['info']} info")
    assert [name for name, _ in links] == [d.name for d in expected.documents]
    assert all(href.startswith("blob:") for _, href in links)

    folder = SHOTS or tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "service-page.png"
    path.write_bytes(shot)
    assert shot[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", shot[16:24])
    assert width == 1280 and height > 600
    assert len(shot) > 20_000  # a rendered page, not a blank canvas
