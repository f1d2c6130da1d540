"""``lerbridge conformance diff``: semantic comparison through the canonical model."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import lerbridge
from lerbridge.cli.conformance_tools import diff_command
from lerbridge.conformance import Difference, build_kit, diff

WESTBRIDGE = "fixtures-upstream/clr/learncard_clr2-westbridge-full-transcript.json"


@pytest.fixture(scope="module")
def kit_files() -> dict[str, bytes]:
    return {f.path: f.data for f in build_kit().files}


def test_a_file_against_itself_is_empty(kit_files: dict[str, bytes]) -> None:
    for path, data in kit_files.items():
        result = diff(data, data)
        assert result.differences == [], path
        assert not result


def test_shared_clr_against_itself_is_empty(shared_dir: Path) -> None:
    path = shared_dir / WESTBRIDGE
    result = diff(path, path)
    assert (result.original_format, result.exported_format, result.differences) == (
        "clr",
        "clr",
        [],
    )


def test_one_grade_changed_names_exactly_that_grade(shared_dir: Path) -> None:
    path = shared_dir / WESTBRIDGE
    doc = json.loads(path.read_bytes())
    changed = copy.deepcopy(doc)
    first = changed["credentialSubject"]["verifiableCredential"][0]
    assert first["credentialSubject"]["result"][0]["value"] == "A"
    first["credentialSubject"]["result"][0]["value"] = "B+"
    result = diff(path, changed)
    assert result.differences == [
        Difference("changed", f"awards[id={first['id']}].results[0].value", "A", "B+")
    ]


def test_one_grade_changed_in_the_kit_transcript(kit_files: dict[str, bytes]) -> None:
    original = json.loads(kit_files["transcript/transcript.clr.json"])
    changed = copy.deepcopy(original)
    creds = changed["credentialSubject"]["verifiableCredential"]
    [databases] = [c for c in creds if c["credentialSubject"]["achievement"]["name"] == "Databases"]
    [grade] = databases["credentialSubject"]["result"]
    assert grade["value"] == "A-"
    grade["value"] = "C"
    result = diff(original, changed)
    assert [d.to_dict() for d in result.differences] == [
        {
            "kind": "changed",
            "path": f"awards[id={databases['id']}].results[0].value",
            "original": "A-",
            "exported": "C",
        }
    ]


def test_lost_and_added_awards_are_named(shared_dir: Path) -> None:
    doc = json.loads((shared_dir / WESTBRIDGE).read_bytes())
    fewer = copy.deepcopy(doc)
    dropped = fewer["credentialSubject"]["verifiableCredential"].pop(3)
    result = diff(doc, fewer)
    lost = [d.path for d in result.of_kind("lost")]
    assert f"awards[id={dropped['id']}]" in lost
    # the other awards are untouched (associations that named the dropped course change)
    assert not [d for d in result.differences if d.path.startswith("awards") and d.kind != "lost"]
    back = diff(fewer, doc)
    assert f"awards[id={dropped['id']}]" in [d.path for d in back.of_kind("added")]


def test_across_formats_the_canonical_export_says_the_same(shared_dir: Path) -> None:
    path = shared_dir / WESTBRIDGE
    exported = lerbridge.convert(path, to="canonical").documents[0].data
    result = diff(path, exported)
    assert (result.original_format, result.exported_format) == ("clr", "canonical")
    assert result.differences == []


def test_across_formats_csv_to_clr_keeps_every_grade(kit_files: dict[str, bytes]) -> None:
    result = diff(
        kit_files["transcript/transcript.csv"],
        kit_files["transcript/transcript.clr.json"],
        original_format="csv",
    )
    assert result.original_format == "csv" and result.exported_format == "clr"
    touched = [d.path for d in result.differences]
    assert not [p for p in touched if ".results" in p]  # grades and the GPA survive
    # CLR's ClrSubject has no name: the learner's name is what the CLR loses
    assert "person.name" in [d.path for d in result.of_kind("lost")]


def test_ignore_leaves_paths_out(shared_dir: Path) -> None:
    doc = json.loads((shared_dir / WESTBRIDGE).read_bytes())
    changed = copy.deepcopy(doc)
    changed["credentialSubject"]["verifiableCredential"][0]["credentialSubject"]["result"][0][
        "value"
    ] = "F"
    assert diff(doc, changed, ignore=["awards"]).differences == []


def test_cli_diff(shared_dir: Path, tmp_path: Path) -> None:
    path = shared_dir / WESTBRIDGE
    runner = CliRunner()
    same = runner.invoke(diff_command, [str(path), str(path)])
    assert (same.exit_code, same.stdout) == (0, "")
    doc = json.loads(path.read_bytes())
    first = doc["credentialSubject"]["verifiableCredential"][0]
    first["credentialSubject"]["result"][0]["value"] = "B+"
    other = tmp_path / "changed.json"
    other.write_text(json.dumps(doc))
    res = runner.invoke(diff_command, [str(path), str(other)])
    assert res.exit_code == 1
    assert res.stdout == f'changed awards[id={first["id"]}].results[0].value: "A" -> "B+"\n'
    res = runner.invoke(diff_command, ["--json", str(path), str(other)])
    assert json.loads(res.stdout)["summary"] == {"lost": 0, "added": 0, "changed": 1}
    bad = runner.invoke(diff_command, [str(path), str(tmp_path / "missing.json")])
    assert bad.exit_code == 3
    assert "missing.json" in bad.stderr
