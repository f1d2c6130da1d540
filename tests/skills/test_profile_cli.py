"""``lerbridge skills``: one output from many inputs, no partial file on failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lerbridge.cli import main

SKILLS = Path(__file__).resolve().parents[2] / "fixtures" / "skills"
ONET = "ctdl/competencyframework_onet_basic_skills.json"


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()


def test_folder_to_json_file_with_report(runner: CliRunner, tmp_path: Path) -> None:
    out, rep = tmp_path / "profile.json", tmp_path / "report.json"
    res = runner.invoke(main, ["skills", str(SKILLS), "-o", str(out), "--report", str(rep)])
    assert res.exit_code == 0, res.stderr
    data = json.loads(out.read_bytes())
    names = sorted(s["name"]["und"] for s in data["skills"] if "und" in s["name"])
    assert "Forklift Operation" in names and "Experiment Design" in names
    codes = [e["code"] for e in json.loads(rep.read_bytes())["entries"]]
    assert codes.count("skill-unreferenced") == 3
    assert "skills profile (6 skills)" in res.stderr


def test_framework_option_and_html_to_stdout(runner: CliRunner, upstream: Path) -> None:
    res = runner.invoke(
        main,
        [
            "skills",
            str(SKILLS / "lerbridge-reading-badge.json"),
            "--framework",
            str(upstream / ONET),
            "--format",
            "html",
            "-q",
        ],
    )
    assert res.exit_code == 0, res.stderr
    assert res.stdout.startswith("<!DOCTYPE html>")
    assert "Reading Comprehension" in res.stdout and "O*NET Content Model" in res.stdout
    assert res.stderr == ""


def test_fail_on_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    res = runner.invoke(
        main, ["skills", str(SKILLS), "--format", "csv", "-o", str(out), "--fail-on", "warning"]
    )
    assert res.exit_code == 8
    assert not out.exists()
    assert "--fail-on" in res.stderr


def test_bad_input_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"type": ["VerifiableCredential", "OpenBadgeCredential"], ')
    out = tmp_path / "p.json"
    res = runner.invoke(main, ["skills", str(SKILLS), str(bad), "-o", str(out)])
    assert res.exit_code != 0
    assert res.stderr.startswith("error: ") and "broken.json" in res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists()


def test_framework_that_is_not_one(runner: CliRunner) -> None:
    res = runner.invoke(
        main, ["skills", str(SKILLS), "--framework", str(SKILLS / "lerbridge-resume-skills.json")]
    )
    assert res.exit_code != 0
    assert "not a CTDL-ASN competency framework" in res.stderr
