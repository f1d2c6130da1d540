"""Streaming: a large transcript file converts one student at a time, in bounded memory;
unsorted files stop with advice, or go through the partitioning fallback."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lerbridge import ReadError
from lerbridge.cli import main
from lerbridge.report import LossReport
from lerbridge.streaming import stream_convert, stream_records

HEADER = (
    "Student ID,Student Name,Institution,Course Code,Course Title,Term,Award Date,"
    "Credits Earned,Grade\n"
)


def generate(path: Path, rows: int, *, shuffle: bool = False, seed: int = 7) -> int:
    rnd = random.Random(seed)
    lines, student = [], 0
    while len(lines) < rows:
        student += 1
        for j in range(rnd.randint(5, 40)):
            lines.append(
                f'S{student:07d},"Family{student}, Given",Westbridge,C{j:03d},Course {j},'
                f"2024 Fall,2024-12-15,3,{rnd.choice('ABCDF')}\n"
            )
    lines = lines[:rows]
    if shuffle:
        rnd.shuffle(lines)
    path.write_text(HEADER + "".join(lines), "utf-8")
    return len({ln.split(",", 1)[0] for ln in lines})


_PEAK = """
import resource, sys
from lerbridge.streaming import stream_records
rows = records = 0
for rec, _ in stream_records(sys.argv[1]):
    records += 1
    rows += len(rec.awards)
print(rows, records, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _stream_in_child(path: Path) -> tuple[int, int, float]:
    """(rows, records, peak RSS in MiB) of streaming ``path`` in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, str(path)], check=True, capture_output=True, text=True
    ).stdout.split()
    return int(out[0]), int(out[1]), int(out[2]) / 1024


def test_100k_rows_stream_in_bounded_memory(tmp_path: Path) -> None:
    small, big = tmp_path / "small.csv", tmp_path / "big.csv"
    generate(small, 2_000)
    students = generate(big, 100_000)
    assert big.stat().st_size > 7_500_000
    rows, records, peak_big = _stream_in_child(big)
    assert (rows, records) == (100_000, students)
    _, _, peak_small = _stream_in_child(small)
    # 50x the rows: the peak grows by a few MiB at most, not with the file (7.9 MB of text)
    assert peak_big - peak_small < 16, f"{peak_small:.1f} MiB -> {peak_big:.1f} MiB"


def test_unsorted_file_stops_with_advice_then_partitions(tmp_path: Path) -> None:
    path = tmp_path / "shuffled.csv"
    students = generate(path, 3_000, shuffle=True)
    with pytest.raises(ReadError, match="--unsorted"):
        for _ in stream_records(path):
            pass
    got = [rec for rec, _ in stream_records(path, unsorted=True)]
    assert len(got) == students
    assert sum(len(r.awards) for r in got) == 3_000


def test_stream_convert_to_clr(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    students = generate(path, 400)
    seen = []
    docs = list(stream_convert(path, "clr", progress=lambda rows, recs: seen.append((rows, recs))))
    assert len(docs) == students
    assert seen[-1] == (400, students)


def test_cli_stream_jsonl(tmp_path: Path, shipped: Path) -> None:
    out = tmp_path / "out.jsonl"
    rep = tmp_path / "report.jsonl"
    res = CliRunner().invoke(
        main,
        [
            "stream",
            str(shipped / "csv" / "lerbridge-transcript-3-students.csv"),
            "--to",
            "clr",
            "-o",
            str(out),
            "--report",
            str(rep),
        ],
    )
    assert res.exit_code == 0, res.output
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 3
    assert all(json.loads(x)["type"] == ["VerifiableCredential", "ClrCredential"] for x in lines)
    codes = {json.loads(x)["code"] for x in rep.read_text("utf-8").splitlines()}
    assert "profile-detected" in codes


def test_cli_stream_badgr_to_ob3(tmp_path: Path, shipped: Path) -> None:
    res = CliRunner().invoke(
        main,
        [
            "stream",
            str(shipped / "csv" / "lerbridge-badgr-award.csv"),
            "--to",
            "ob3",
            "--achievement",
            str(shipped / "csv" / "lerbridge-badge-achievement.json"),
            "--issued",
            "2025-01-01T00:00:00Z",
            "-q",
        ],
    )
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 3


def test_cli_stream_unsorted_error_exit(tmp_path: Path) -> None:
    path = tmp_path / "shuffled.csv"
    generate(path, 500, shuffle=True)
    out = tmp_path / "o.jsonl"
    res = CliRunner().invoke(main, ["stream", str(path), "--to", "canonical", "-o", str(out)])
    assert res.exit_code == 3 and "--unsorted" in res.output
    assert not out.exists()  # no partial output


def test_cli_convert_csv_with_user_profile(tmp_path: Path) -> None:
    mine = tmp_path / "my-sis.yaml"
    mine.write_text(
        "mapping: my-sis\nnamespace: csv\nextends: csv-transcript\ncsv:\n  columns:\n"
        "    - {name: Grade, aliases: [Endnote]}\n",
        "utf-8",
    )
    data = tmp_path / "sis.csv"
    data.write_text(
        "Student ID,School,Course Code,Course Title,Award Date,Endnote\n"
        "1,Lycée Nord,C1,Chemistry,2024-06-01,A\n2,Lycée Nord,C1,Chemistry,2024-06-01,B\n",
        "utf-8",
    )
    res = CliRunner().invoke(
        main, ["convert", str(data), "--to", "clr", "--mapping", str(mine), "--jsonl", "-q"]
    )
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    grades = [
        c["credentialSubject"]["result"][0]["value"]
        for doc in lines
        for c in doc["credentialSubject"]["verifiableCredential"]
    ]
    assert sorted(grades) == ["A", "B"]


def test_streamed_nul_bytes_are_removed_and_reported(tmp_path: Path, shipped: Path) -> None:
    """NUL bytes never reach a streamed record: removed as the whole-file reader does, and
    the file-level report says so, with the first line that had one."""
    source = shipped / "csv" / "lerbridge-transcript-3-students.csv"
    clean = source.read_bytes()
    lines = clean.split(b"\n")
    lines[2] = lines[2].replace(b",", b"\x00,", 1)
    dirty = tmp_path / "dirty.csv"
    dirty.write_bytes(b"\n".join(lines))
    report = LossReport()
    streamed = [rec for rec, _ in stream_records(dirty, report=report)]
    expected = [
        rec for rec, _ in stream_records(shipped / "csv" / "lerbridge-transcript-3-students.csv")
    ]
    assert [r.model_dump_json() for r in streamed] == [r.model_dump_json() for r in expected]
    [entry] = [e for e in report.by_code("value-coerced") if "NUL" in e.message]
    assert entry.source_path == "line 3"
