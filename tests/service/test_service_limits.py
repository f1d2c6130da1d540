"""Limits: a runaway conversion is stopped at the time limit (its worker process is
killed and replaced, not left running), and a full server answers 503, not a hang."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from service_harness import Reply, Server

from lerbridge.service import Settings

HEAD = (
    "Student ID,Student Name,Email,Institution,Course Code,Course Title,Term,Award Date,"
    "Credits Available,Credits Earned,Grade\n"
)
# 8,000 learners: 20 s of conversion on the 2-core test machine (5 s for 2,000 warm), far past
# the 1-second limit below on any machine
SLOW_CSV = (
    HEAD
    + "".join(
        f"S{i},Student {i},s{i}@example.edu,Westbridge Community College,MATH101,"
        "College Algebra,2024 Fall,2024-12-15,3,3,A\n"
        for i in range(8000)
    )
).encode()
SMALL_CSV = (
    HEAD + "S1,Ann Lee,a@example.edu,Westbridge,MATH101,Algebra,2024 Fall,2024-12-15,3,3,A\n"
).encode()


@pytest.fixture(scope="module")
def tight() -> Iterator[Server]:
    s = Server(Settings(workers=1, time_limit=1.0, queue=0)).start()
    yield s
    s.stop()


def test_runaway_conversion_is_stopped(tight: Server) -> None:
    warm = tight.request("POST", "/v1/convert?to=clr&from=csv", SMALL_CSV)
    assert warm.status == 200
    (old_pid,) = tight.pool.pids()
    slow: list[Reply] = []
    runner = threading.Thread(
        target=lambda: slow.append(tight.request("POST", "/v1/convert?to=clr&from=csv", SLOW_CSV))
    )
    started = time.monotonic()
    runner.start()
    time.sleep(0.3)
    # the only worker is busy and the queue is 0: refused at once, not queued
    busy = tight.request("POST", "/v1/convert?to=clr&from=csv", SMALL_CSV)
    assert busy.status == 503 and busy.json()["code"] == "busy"
    assert busy.headers["retry-after"] == "1"
    runner.join(60)
    elapsed = time.monotonic() - started
    (reply,) = slow
    assert reply.status == 504, reply.body[:300]
    body = reply.json()
    assert body["code"] == "time-limit" and "1 s" in body["detail"]
    assert elapsed < 5, "the limit stopped the request, it did not run to the end"
    # the worker that ran it is gone (killed and reaped), a fresh one took its place
    assert not Path(f"/proc/{old_pid}").exists()
    (new_pid,) = tight.pool.pids()
    assert new_pid != old_pid
    after = tight.request("POST", "/v1/convert?to=clr&from=csv", SMALL_CSV)
    assert after.status == 200
    assert len(after.json()["documents"]) == 1
    text = tight.request("GET", "/metrics").body.decode()
    assert re.search(r"^lerbridge_time_limit_kills_total 1$", text, re.M)
    assert 'route="/v1/convert",method="POST",status="504"} 1' in text
    assert 'route="/v1/convert",method="POST",status="503"} 1' in text


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError):
        Settings(workers=0)
    with pytest.raises(ValueError):
        Settings(max_body=10**12)
    with pytest.raises(ValueError):
        Settings(time_limit=0)
