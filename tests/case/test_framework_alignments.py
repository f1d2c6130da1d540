"""Alignments resolved against frameworks: an OB 3.0 badge (written for lerbridge) aligned
to CFItems of an upstream CASE package, converted with that package as --framework."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import lerbridge
from lerbridge.cli import main
from lerbridge.errors import ReadError

ROOT = Path(__file__).resolve().parents[2]
BADGE = ROOT / "fixtures" / "case" / "lerbridge-ratio-badge-case-aligned.json"
SAMPLE = "case/opensalt_sample-export_what-standards-could-be_2017.json"
ONET = "ctdl/competencyframework_onet_basic_skills.json"
RATIO = (
    "Understand the concept of a ratio and use ratio language to describe a ratio "
    "relationship between two quantities."
)
FRAMEWORK = "http://opensalt-staging.opened.com/uri/20c5134f-423d-4097-a971-3dd5152bf507"


def test_badge_alignments_resolve_to_case_items(upstream: Path) -> None:
    record, report = lerbridge.read(BADGE, frameworks=[upstream / SAMPLE])
    by_code = {s.code: s for s in record.skills}
    ratio = by_code["CCSS.Math.Content.6.RP.A.1"]  # targetCode was the CFItem identifier
    assert ratio.name == {"en": RATIO}
    assert ratio.framework == FRAMEWORK
    assert ratio.framework_name == {"und": "What Standards Could Be"}
    assert (
        ratio.url == "http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e"
    )
    unit = by_code["CCSS.Math.Content.6.RP.A.2"]  # targetCode was the human coding scheme
    assert unit.name is not None and unit.name["en"].startswith(
        "Understand the concept of a unit rate"
    )
    assert unit.framework == FRAMEWORK
    # the third alignment names no item of the package: kept as it was, and reported
    (lost,) = [e for e in report.entries if e.code == "alignment-unresolved"]
    assert lost.excerpt == "https://learn.example.org/standards/not-in-any-framework"
    other = by_code["CCSS.Math.Content.9.ZZ.Z.9"]
    assert other.framework is None and other.name == {"und": "A standard no framework given holds"}


def test_without_framework_nothing_is_resolved() -> None:
    record, report = lerbridge.read(BADGE)
    assert {s.framework for s in record.skills} == {"What Standards Could Be", None}
    assert not [e for e in report.entries if e.code == "alignment-unresolved"]


def test_ctdl_asn_framework_resolves_by_ctid(upstream: Path, tmp_path: Path) -> None:
    badge = json.loads(BADGE.read_bytes())
    badge["credentialSubject"]["achievement"]["alignment"] = [
        {
            "type": ["Alignment"],
            "targetType": "ceasn:Competency",
            "targetName": "Reading",
            "targetUrl": "https://credentialengineregistry.org/resources/"
            "ce-07c260d5-9119-11e8-b852-782bcb5df6ac",
        }
    ]
    path = tmp_path / "reading.json"
    path.write_text(json.dumps(badge))
    record, _ = lerbridge.read(path, frameworks=[upstream / ONET])
    (skill,) = record.skills
    assert skill.name == {
        "en-us": "Understanding written sentences and paragraphs in work related documents."
    }
    assert skill.code == "2.A.1.a"


def test_cli_convert_framework(upstream: Path, tmp_path: Path) -> None:
    out = tmp_path / "canonical.json"
    rep = tmp_path / "report.json"
    args = ["convert", str(BADGE), "--to", "canonical", "--framework", str(upstream / SAMPLE)]
    args += ["-o", str(out), "--report", str(rep)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    skills = json.loads(out.read_text())["skills"]
    assert skills[0]["name"] == {"en": RATIO}
    assert skills[0]["code"] == "CCSS.Math.Content.6.RP.A.1"
    assert "alignment-unresolved" in rep.read_text()


def test_not_a_framework_is_a_clear_error() -> None:
    with pytest.raises(ReadError) as err:
        lerbridge.read(BADGE, frameworks=[BADGE])
    assert "nor a CASE package" in str(err.value)


def test_skills_profile_resolves_case_items(upstream: Path) -> None:
    result = lerbridge.skills([BADGE], frameworks=[upstream / SAMPLE])
    resolved = [s for s in result.profile.skills if s.resolved]
    assert sorted(s.code or "" for s in resolved) == [
        "CCSS.Math.Content.6.RP.A.1",
        "CCSS.Math.Content.6.RP.A.2",
    ]
    assert all(s.framework is not None and s.framework.id == FRAMEWORK for s in resolved)


def test_batch_convert_framework(upstream: Path, tmp_path: Path) -> None:
    """A batch (two inputs, -o FOLDER) resolves every input against the framework."""
    other = tmp_path / "in" / "other.json"
    other.parent.mkdir()
    other.write_bytes(
        (ROOT / "fixtures" / "ob3" / "lerbridge-welding-certificate.json").read_bytes()
    )
    badge = tmp_path / "in" / "ratio.json"
    badge.write_bytes(BADGE.read_bytes())
    out = tmp_path / "out"
    args = ["convert", str(badge), str(other), "--to", "canonical", "-o", str(out), "-j", "1"]
    args += ["--framework", str(upstream / SAMPLE)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 0, res.output
    skills = json.loads((out / "ratio.canonical.json").read_text())["skills"]
    assert skills[0]["code"] == "CCSS.Math.Content.6.RP.A.1"
    assert skills[0]["framework"] == FRAMEWORK
