"""lerbridge.batch: partitions converted through Dask (LocalCluster) and Spark (local[2])
give exactly the single-process results."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

import lerbridge
from lerbridge.batch import Partition, convert_partition, convert_record

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _lines() -> list[str]:
    """Every shipped JSON fixture plus upstream OB 3.0 / CLR documents, one per line, and
    two bad lines (not JSON; JSON of no known format)."""
    paths = sorted((ROOT / "fixtures").rglob("*.json"))
    upstream = (ROOT / ".." / "shared" / "fixtures-upstream").resolve()
    for folder in ("openbadges", "clr"):
        paths += sorted((upstream / folder).rglob("*.json"))[:8]
    lines = [orjson.dumps(orjson.loads(p.read_bytes())).decode() for p in paths]
    return [*lines, "{not json", '{"hello": "world"}']


def _single_process(lines: list[str], to: str) -> list[dict[str, Any]]:
    return list(convert_partition(lines, to))


def test_record_is_what_convert_gives() -> None:
    line = (ROOT / "fixtures" / "ob3" / "lerbridge-welding-certificate.json").read_text()
    got = convert_record(line, "clr", name="welding")
    result = lerbridge.convert(line, "clr", name="welding")
    assert got["name"] == "welding"
    assert [d["text"].encode() for d in got["documents"]] == [d.data for d in result.documents]
    assert got["report"] == result.report.to_dict()


def test_bad_records_are_results_not_failures() -> None:
    out = convert_partition(["{not json", "", ("named", '{"a": 1}')], "ob3")
    first, second = out
    assert first["error"]["type"] == "ReadError"
    assert first["name"].startswith("<record ")
    assert second == {"name": "named", "error": second["error"]}
    assert second["error"]["type"] == "FormatDetectionError"


def test_names_do_not_depend_on_partitioning() -> None:
    lines = _lines()
    whole = Partition(to="canonical")(lines)
    halves = Partition(to="canonical")(lines[:3]) + Partition(to="canonical")(lines[3:])
    assert whole == halves
    assert len({r["name"] for r in whole}) == len(whole)


def test_partition_function_pickles() -> None:
    fn = Partition(to="ob3", options={"keep_proofs": False})
    assert pickle.loads(pickle.dumps(fn)) == fn


@pytest.mark.parametrize("engine", ["dask", "spark"])
def test_engine_matches_single_process(engine: str, tmp_path: Path) -> None:
    pytest.importorskip("dask" if engine == "dask" else "pyspark")
    lines = _lines()
    source = tmp_path / "records.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    run = subprocess.run(
        [sys.executable, str(HERE / "engines.py"), engine, str(source), "canonical"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    if run.returncode == 3:
        pytest.skip(run.stderr.strip().splitlines()[-1])
    assert run.returncode == 0, run.stderr[-3000:]
    got = json.loads(run.stdout)
    expected = _single_process(lines, "canonical")
    assert len(got) == len(lines)
    assert got == expected
    assert [r.get("error", {}).get("type") for r in got[-2:]] == [
        "ReadError",
        "FormatDetectionError",
    ]
    assert sum("documents" in r for r in got) >= len(lines) // 2
