"""Skills profile outputs: LER-RS against the official schema, CTDL-ASN against the
Registry checks, CSV with the injection guard, the HTML page in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

import lerbridge
from lerbridge.formats.ctdl import checks
from lerbridge.skillprofile.run import SkillsResult
from lerbridge.specs.hropen_json import validate_lerrs

SKILLS = Path(__file__).resolve().parents[2] / "fixtures" / "skills"
WESTBRIDGE = "clr/learncard_clr2-westbridge-full-transcript.json"
STAT1 = "https://westbridge.edu/frameworks/ds/STAT.1"


@pytest.fixture
def result(upstream: Path) -> SkillsResult:
    return lerbridge.skills([upstream / WESTBRIDGE, SKILLS])


def test_json_is_the_profile(result: SkillsResult) -> None:
    data = json.loads(result.write("json"))
    assert data["type"] == "lerbridge:SkillsProfile"
    assert data["person"] == "Jordan Reyes"
    stat = next(s for s in data["skills"] if s.get("url") == STAT1)
    assert len(stat["evidence"]) == 4
    assert stat["strongest"] == "unsigned"


def test_lerrs_passes_the_official_schema(result: SkillsResult) -> None:
    doc = json.loads(result.write("lerrs"))
    assert validate_lerrs(doc) == []  # strict 4.4 type URL, official LER-RSType.json
    stat = next(s for s in doc["skills"] if s.get("schemeReference", {}).get("reference") == STAT1)
    refs = [v["Verification"]["reference"] for v in stat["verifications"]]
    assert refs == [
        "urn:uuid:wb-stat201",
        "urn:uuid:6f1d2a0e-3c4b-5d6e-8f90-a1b2c3d4e501",
        "https://bootcamp.example.com/credentials/2025/ab-testing-0042",
    ]
    assert stat["comments"][-1].startswith("self-asserted (self-asserted)")
    assert not [e for e in result.report if e.code == "target-schema-violation"]


def test_ctdl_asn_passes_the_registry_checks(result: SkillsResult) -> None:
    doc = json.loads(result.write("ctdl-asn"))
    graph = doc["@graph"]
    assert graph[0]["@type"] == "ceasn:CompetencyFramework"
    assert graph[0]["ceasn:name"] == {"en": "Skills of Jordan Reyes"}
    comps = graph[1:]
    assert len(comps) == len(result.profile.skills)
    assert all(c["@type"] == "ceasn:Competency" for c in comps)
    for node in graph:
        assert checks.node_issues(node) == [], node.get("@id")
        assert checks.schema_for(node["@type"]) is not None
    stat = next(c for c in comps if c.get("ceasn:codedNotation") == "DS.STAT.1")
    assert stat["ceasn:isPartOf"] == graph[0]["@id"] or stat["ceasn:isPartOf"] == [graph[0]["@id"]]
    codes = [e.code for e in result.report]
    assert "no-target-field" in codes  # evidence has no CTDL-ASN place: said so
    assert "target-schema-violation" not in codes


def test_csv_one_row_per_evidence_with_injection_guard(result: SkillsResult) -> None:
    rows = list(csv.DictReader(io.StringIO(result.write("csv").decode("utf-8"))))
    assert sum(len(s.evidence) for s in result.profile.skills) == len(rows)
    stat_rows = [r for r in rows if r["skill_id"] == STAT1]
    assert [r["kind"] for r in stat_rows] == ["course", "badge", "badge", "self-asserted"]
    evil = [r for r in rows if "HYPERLINK" in r["skill"]]
    assert evil[0]["skill"].startswith("'=")
    assert [e.code for e in result.report if e.code == "cell-neutralized"] == ["cell-neutralized"]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_html_in_headless_chromium(result: SkillsResult, tmp_path: Path) -> None:
    page = result.write("html")
    text = page.decode("utf-8")
    assert "<script" not in text and 'http-equiv="Content-Security-Policy"' in text
    assert "=HYPERLINK(&quot;" in text  # escaped, never markup
    assert "<link" not in text and "src=" not in text  # self-contained
    html = tmp_path / "profile.html"
    html.write_bytes(page)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "headless Chromium is needed for this test"
    shot = tmp_path / "profile.png"
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1100,1400"]
    run = subprocess.run(
        [*base, f"--screenshot={shot}", html.as_uri()], capture_output=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-500:]
    assert _png_size(shot.read_bytes()) == (1100, 1400)
    dom = subprocess.run(
        [*base, "--dump-dom", html.as_uri()], capture_output=True, timeout=120, text=True
    ).stdout
    sections = dom.count('<section class="fw">')
    assert sections == 3  # the Westbridge framework, no framework, possible duplicates
    assert dom.index("Westbridge DS Competency Framework v2") < dom.index(
        "Skills without a framework reference"
    )
    assert dom.count('class="dot ') == sum(
        1 for s in result.profile.skills for e in s.evidence if e.date
    )
