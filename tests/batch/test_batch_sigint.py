"""Ctrl-C in the middle of a batch: the workers end, no partial output file is left, the
summary says what was done, and --skip-existing then resumes.

To stop the batch at a known point without timing, the last input is a named pipe: the
worker reading it blocks until SIGINT arrives, after every other file is written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

CLI = [sys.executable, "-c", "from lerbridge.cli import run; run()"]


def _wait_for(pred: Callable[[], bool], proc: subprocess.Popen[bytes], limit: float = 60) -> None:
    end = time.monotonic() + limit
    while not pred():
        if proc.poll() is not None or time.monotonic() > end:
            proc.kill()
            _, err = proc.communicate()
            pytest.fail(f"the batch ended before the interrupt: {err.decode()}")
        time.sleep(0.02)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_leaves_no_partial_file_and_resumes(
    make_batch: Callable[..., list[Path]], tmp_path: Path, jobs: str
) -> None:
    paths = make_batch(tmp_path / "in", 20)
    fifo = tmp_path / "zz-pipe.json"
    os.mkfifo(fifo)
    out, report = tmp_path / "out", tmp_path / "report.json"
    args = [
        "convert",
        str(tmp_path / "in"),
        str(fifo),
        "--to",
        "canonical",
        "-o",
        str(out),
        "-j",
        jobs,
        "--report",
        str(report),
    ]
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for(lambda: out.is_dir() and len(list(out.glob("*.canonical.json"))) == 20, proc)
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    stderr = err.decode()
    assert proc.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "interrupted: 20 of 21 done" in stderr
    assert "1 not done (interrupted)" in stderr
    # every file in the output folder is complete; no temporary file is left
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"f{n:04d}.canonical.json" for n in range(20)]
    for path in out.iterdir():
        assert json.loads(path.read_bytes())["model_version"]
    summary = json.loads(report.read_bytes())["summary"]
    assert summary["interrupted"] is True
    assert (summary["converted"], summary["not_done"]) == (20, 1)
    # resume: the finished files are skipped, the rest is converted
    for p in paths[:2]:
        (out / f"{p.stem}.canonical.json").unlink()
    res = subprocess.run(
        [
            *CLI,
            "convert",
            str(tmp_path / "in"),
            "--to",
            "canonical",
            "-o",
            str(out),
            "-j",
            jobs,
            "--skip-existing",
            "--report",
            str(report),
        ],
        capture_output=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr.decode()
    summary = json.loads(report.read_bytes())["summary"]
    assert (summary["converted"], summary["skipped"]) == (2, 18)


def test_progress_line_on_a_terminal(make_batch: Callable[..., list[Path]], tmp_path: Path) -> None:
    make_batch(tmp_path / "in", 30, {7})
    primary, secondary = os.openpty()
    try:
        res = subprocess.run(
            [
                *CLI,
                "convert",
                str(tmp_path / "in"),
                "--to",
                "canonical",
                "-o",
                str(tmp_path / "out"),
                "-j",
                "2",
            ],
            stderr=secondary,
            stdout=subprocess.PIPE,
            timeout=120,
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    shown = b"".join(chunks).decode()
    assert res.returncode == 10
    assert "\r" in shown and "ETA" in shown and "/s" in shown
    assert "30/30 files, 1 failed" in shown
    assert "total" in shown and "f0007.json" in shown
