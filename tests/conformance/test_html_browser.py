"""The HTML report in a real headless browser (Debian's chromium, which .ci/run installs):
the page loads from a file with no network, the verdict table and the portability matrix
are in the rendered DOM, and a screenshot is saved."""

from __future__ import annotations

import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conformance_docs import ob2_assertion, ob3_badge, write

from lerbridge import conformance
from lerbridge.conformance import html

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


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("no headless browser found (chromium); .ci/run installs Debian's chromium")


class _Tables(HTMLParser):
    """Rows of text cells per table id, from the DOM the browser dumped."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = dict(attrs).get("id") or f"anon{len(self.tables)}"
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _run(browser: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [browser, *FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    browser = _browser()
    docs = tmp_path / "exports"
    write(docs, "good.json", ob3_badge())
    write(docs, "ob2.json", ob2_assertion("not-a-hash"))
    result = conformance.run([docs])
    page = tmp_path / "report.html"
    page.write_text(html.render(result), encoding="utf-8")

    dom = _run(browser, tmp_path / "profile-dom", "--dump-dom", page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    parser = _Tables()
    parser.feed(dom.stdout)
    verdicts = parser.tables["verdicts"]
    assert verdicts[0][:3] == ["file", "format", "verdict"]
    rows = {Path(r[0]).name: r for r in verdicts[1:]}
    assert rows["good.json"][1:3] == ["ob3", "pass"]
    assert rows["ob2.json"][1:3] == ["ob2", "fail"]
    matrix = parser.tables["matrix"]
    assert matrix[0] == ["file", *result.targets()]
    good = next(r for r in matrix[1:] if r[0].endswith("good.json"))
    assert good[1 + result.targets().index("canonical")] == "ok"
    assert "losses" in parser.tables

    shot = tmp_path / "screenshots" / "report.png"
    shot.parent.mkdir()
    png = _run(
        browser,
        tmp_path / "profile-shot",
        f"--screenshot={shot}",
        "--window-size=1280,1600",
        "--hide-scrollbars",
        page.as_uri(),
    )
    assert png.returncode == 0, png.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000  # a rendered page, not a blank canvas
