"""The configurable limits: the API's Limits and the CLI's --max-* options, each ending in
a ReadError (exit 3) that names the limit, and each raised limit accepting the input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import lerbridge
from lerbridge.cli import main
from lerbridge.errors import ReadError
from lerbridge.limits import Limits


def _cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return res.exit_code, res.stderr


def test_limits_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="max_depth must be a positive integer"):
        Limits(max_depth=0)


def test_depth_limit_api_and_cli(welding: bytes, tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="deeper than the 3-level limit"):
        lerbridge.convert(welding, to="canonical", limits=Limits(max_depth=3))
    src = tmp_path / "w.json"
    src.write_bytes(welding)
    code, err = _cli("convert", str(src), "--to", "canonical", "--max-depth", "3")
    assert code == 3 and "deeper than the 3-level limit" in err
    code, _ = _cli(
        "convert",
        str(src),
        "--to",
        "canonical",
        "--max-depth",
        "50",
        "-o",
        str(tmp_path / "o.json"),
    )
    assert code == 0


def test_bytes_limit_cli(welding: bytes, tmp_path: Path) -> None:
    src = tmp_path / "w.json"
    src.write_bytes(welding)
    code, err = _cli("convert", str(src), "--to", "canonical", "--max-bytes", "100")
    assert code == 3 and f"file is {len(welding)} bytes, over the 100-byte limit" in err


def test_string_limit_cli(welding: bytes, tmp_path: Path) -> None:
    src = tmp_path / "w.json"
    src.write_bytes(welding)
    code, err = _cli("convert", str(src), "--to", "canonical", "--max-string", "20")
    assert code == 3 and "20-character limit" in err


def test_records_limit(shipped: Path) -> None:
    data = (shipped / "csv/lerbridge-transcript-3-students.csv").read_bytes()
    assert len(lerbridge.read_records(data, "csv")[0]) == 3
    with pytest.raises(ReadError, match="holds 3 records, over the 2-record limit"):
        lerbridge.read_records(data, "csv", limits=Limits(max_records=2))


def test_csv_rows_per_record_limit(shipped: Path, tmp_path: Path) -> None:
    src = shipped / "csv/lerbridge-transcript-3-students.csv"
    with pytest.raises(ReadError) as info:
        lerbridge.convert(src, to="canonical", limits=Limits(max_csv_rows=2))
    assert "groups 3 rows, over the 2-row limit" in info.value.message
    assert info.value.location == "row 4" and info.value.source == str(src)
    code, err = _cli("convert", str(src), "--to", "canonical", "--max-csv-rows", "2")
    assert code == 3 and "2-row limit" in err


def test_limits_apply_in_batch_workers(welding: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):
        (folder / f"w{n}.json").write_bytes(welding)
    report = tmp_path / "r.json"
    code, _ = _cli(
        "convert",
        str(folder),
        "--to",
        "canonical",
        "-o",
        str(tmp_path / "o"),
        "-j",
        "2",
        "--max-depth",
        "3",
        "--report",
        str(report),
    )
    assert code == 11
    errors = [e["error"]["message"] for e in json.loads(report.read_bytes())["inputs"]]
    assert len(errors) == 3 and all("3-level limit" in m for m in errors)
