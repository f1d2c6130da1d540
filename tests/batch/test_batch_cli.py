"""``lerbridge convert`` over many inputs: folders, globs, JSON Lines, -j workers, order,
skip-existing, the summary and the batch exit codes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lerbridge.cli import main


def run(*args: str, input: bytes | None = None) -> Result:
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_thousand_files_ten_percent_corrupted(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    bad = set(range(3, 1000, 10))  # 100 files
    paths = make_batch(tmp_path / "in", 1000, bad)
    out, report = tmp_path / "out", tmp_path / "report.json"
    res = run(
        "convert",
        str(tmp_path / "in"),
        "--to",
        "canonical",
        "-o",
        str(out),
        "-j",
        "2",
        "--report",
        str(report),
    )
    assert res.exit_code == 10, res.stderr  # some failed
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"f{n:04d}.canonical.json" for n in range(1000) if n not in bad]
    # each output is the conversion of its own input (results stay with their inputs)
    doc = json.loads((out / "f0998.canonical.json").read_bytes())
    assert "urn:uuid:00000000-0000-4000-8000-000000000998" in json.dumps(doc)
    data = json.loads(report.read_bytes())
    failed = [e["input"] for e in data["inputs"] if "error" in e]
    assert failed == [str(paths[n]) for n in sorted(bad)]
    assert all(e["error"]["exit_code"] == 3 for e in data["inputs"] if "error" in e)
    assert [e["input"] for e in data["inputs"]] == [str(p) for p in paths]  # input order
    summary = data["summary"]
    assert (summary["total"], summary["converted"], summary["failed"]) == (1000, 900, 100)
    assert summary["by_source_format"]["ob3"]["converted"] == 900
    assert summary["by_source_format"]["unknown"]["failed"] == 100
    for n in sorted(bad)[:3]:
        assert f"error: {paths[n]}" in res.stderr
    assert "total" in res.stderr and "900" in res.stderr
    assert not list(out.glob(".*.tmp"))


def test_jsonl_stdout_is_in_input_order_with_workers(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    paths = make_batch(tmp_path / "in", 24)
    res = run("convert", *map(str, paths), "--to", "ob3", "--jsonl", "-j", "2", "-q")
    assert res.exit_code == 0, res.stderr
    ids = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert ids == [f"urn:uuid:00000000-0000-4000-8000-{n:012d}" for n in range(24)]
    assert res.stderr == ""


def test_one_worker_and_two_give_the_same_bytes(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    make_batch(tmp_path / "in", 12, {5})
    for jobs in ("1", "2"):
        res = run(
            "convert",
            str(tmp_path / "in"),
            "--to",
            "clr",
            "-o",
            str(tmp_path / jobs),
            "-j",
            jobs,
            "-q",
        )
        assert res.exit_code == 10
    one = {p.name: p.read_bytes() for p in (tmp_path / "1").iterdir()}
    two = {p.name: p.read_bytes() for p in (tmp_path / "2").iterdir()}
    assert len(one) == 11 and one == two


def test_folder_recursion_keeps_subfolders_and_skips_hidden(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    make_batch(tmp_path / "in" / "a", 2)
    make_batch(tmp_path / "in" / "b" / "c", 1)
    make_batch(tmp_path / "in" / ".git", 1)
    out = tmp_path / "out"
    res = run("convert", str(tmp_path / "in"), "--to", "canonical", "-o", str(out), "-q")
    assert res.exit_code == 0, res.stderr
    found = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert found == ["a/f0000.canonical.json", "a/f0001.canonical.json", "b/c/f0000.canonical.json"]


def test_glob_pattern(make_batch: Callable[..., list[Path]], tmp_path: Path) -> None:
    make_batch(tmp_path / "in", 3)
    out = tmp_path / "out"
    res = run(
        "convert", str(tmp_path / "in" / "f000[02].json"), "--to", "canonical", "-o", str(out), "-q"
    )
    assert res.exit_code == 0, res.stderr
    assert sorted(p.name for p in out.iterdir()) == ["f0000.canonical.json", "f0002.canonical.json"]


def test_glob_matching_nothing_converts_nothing(tmp_path: Path) -> None:
    res = run("convert", str(tmp_path / "*.json"), "--to", "canonical", "-o", str(tmp_path / "o"))
    assert res.exit_code == 11  # none converted
    assert "cannot read file" in res.stderr


def test_jsonl_input_one_item_per_line(cred: Callable[[int], bytes], tmp_path: Path) -> None:
    lines = [cred(1), b'{"broken": ', b"", cred(2)]
    src = tmp_path / "badges.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    out, report = tmp_path / "out", tmp_path / "r.json"
    res = run("convert", str(src), "--to", "canonical", "-o", str(out), "--report", str(report))
    assert res.exit_code == 10, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "badges-0001.canonical.json",
        "badges-0004.canonical.json",
    ]
    assert f"error: {src}:2" in res.stderr
    inputs = [e["input"] for e in json.loads(report.read_bytes())["inputs"]]
    assert inputs == [f"{src}:1", f"{src}:2", f"{src}:4"]


def test_jsonl_output_per_input_is_written_atomically(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    paths = make_batch(tmp_path / "in", 2)
    out = tmp_path / "out"
    res = run("convert", *map(str, paths), "--to", "ob3", "--jsonl", "-o", str(out), "-q")
    assert res.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["f0000.jsonl", "f0001.jsonl"]


def test_all_failed_is_exit_11(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"x{n}.json").write_bytes(b"{")
    res = run("convert", str(folder), "--to", "canonical", "-o", str(tmp_path / "o"), "-j", "2")
    assert res.exit_code == 11
    assert res.stderr.count("error: ") == 3
    assert not (tmp_path / "o").exists()


def test_skip_existing_resumes(make_batch: Callable[..., list[Path]], tmp_path: Path) -> None:
    make_batch(tmp_path / "in", 4)
    out = tmp_path / "out"
    out.mkdir()
    kept = out / "f0001.canonical.json"
    kept.write_bytes(b"earlier run")
    report = tmp_path / "r.json"
    res = run(
        "convert",
        str(tmp_path / "in"),
        "--to",
        "canonical",
        "-o",
        str(out),
        "--skip-existing",
        "--report",
        str(report),
    )
    assert res.exit_code == 0, res.stderr
    assert kept.read_bytes() == b"earlier run"
    assert len(list(out.iterdir())) == 4
    summary = json.loads(report.read_bytes())["summary"]
    assert (summary["converted"], summary["skipped"]) == (3, 1)
    assert "1 skipped (output exists)" in res.stderr


def test_no_progress_line_when_not_a_tty(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    make_batch(tmp_path / "in", 3)
    res = run("convert", str(tmp_path / "in"), "--to", "canonical", "-o", str(tmp_path / "o"))
    assert "\r" not in res.stderr and "ETA" not in res.stderr
    assert res.stderr.splitlines()[0].split() == [
        "source",
        "format",
        "converted",
        "lossy",
        "failed",
    ]


def test_batch_output_must_be_a_folder(
    make_batch: Callable[..., list[Path]], tmp_path: Path
) -> None:
    make_batch(tmp_path / "in", 2)
    afile = tmp_path / "afile"
    afile.write_text("x")
    res = run("convert", str(tmp_path / "in"), "--to", "canonical", "-o", str(afile))
    assert res.exit_code == 2 and "folder" in res.stderr


def test_interrupt_during_a_write_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lerbridge.cli import common

    real_fdopen = os.fdopen

    class Interrupted:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> Interrupted:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> None:
            self.fh.write(data[:10])
            raise KeyboardInterrupt

    monkeypatch.setattr(common.os, "fdopen", Interrupted)
    with pytest.raises(KeyboardInterrupt):
        common.atomic_write(tmp_path / "out.json", b'{"a": "0123456789"}')
    assert list(tmp_path.iterdir()) == []
