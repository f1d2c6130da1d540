"""`lerbridge conformance run`: exit codes, options, and the JSON / JUnit outputs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conformance_docs import ob2_assertion, ob3_badge, write

from lerbridge.cli import main

AT = "2026-01-01T00:00:00Z"


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A vendor's export folder: one clean badge, one with a bad OB 2.0 hash nested in a
    sub-folder, one expired badge, and a README that is not a document."""
    root = tmp_path / "exports"
    write(root, "good.json", ob3_badge())
    write(root, "legacy/ob2.json", ob2_assertion("plain@example.org"))
    write(root, "expired.json", ob3_badge(validUntil="2025-06-01T00:00:00Z"))
    (root / "README.md").write_text("not a credential\n", encoding="utf-8")
    return root


def test_clean_file_exits_zero(runner: CliRunner, corpus: Path) -> None:
    res = runner.invoke(main, ["conformance", "run", str(corpus / "good.json"), "--at", AT])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("PASS ")
    assert "1 file(s): 1 pass, 0 pass with warnings, 0 fail" in res.output


def test_folder_recursed_and_fail_on(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    res = runner.invoke(
        main, ["conformance", "run", str(corpus), "--at", AT, "--json", str(out), "-q"]
    )
    assert res.exit_code == 1  # the OB 2.0 file: unknown format (error) and a bad hash
    data = json.loads(out.read_text("utf-8"))
    names = [Path(f["path"]).relative_to(corpus).as_posix() for f in data["files"]]
    assert names == ["expired.json", "good.json", "legacy/ob2.json"]
    verdicts = {Path(f["path"]).name: f["verdict"] for f in data["files"]}
    assert verdicts == {"expired.json": "pass", "good.json": "pass", "ob2.json": "fail"}
    ob2 = data["files"][2]
    rules = {f["rule"] for st in ob2["stages"] for f in st["findings"]}
    assert "ob2-recipient-hash" in rules
    assert data["summary"] == {"pass": 2, "warn": 0, "fail": 1}
    assert data["files"][1]["portability"]["canonical"] == {"status": "ok", "losses": {}}

    # --fail-on info: the expired badge (an info finding) now fails too
    res = runner.invoke(
        main,
        ["conformance", "run", str(corpus / "expired.json"), "--at", AT, "--fail-on", "info"],
    )
    assert res.exit_code == 1
    assert "INFO    credential-expired at /validUntil" in res.output
    res = runner.invoke(main, ["conformance", "run", str(corpus / "expired.json"), "--at", AT])
    assert res.exit_code == 0


def test_format_forced_and_unknown_format(runner: CliRunner, corpus: Path) -> None:
    path = str(corpus / "good.json")
    res = runner.invoke(main, ["conformance", "run", path, "--format", "clr", "--at", AT])
    assert res.exit_code == 1
    assert "(clr)" in res.output and "parse-failed" in res.output  # not a ClrCredential
    res = runner.invoke(main, ["conformance", "run", path, "--format", "nope"])
    assert res.exit_code == 2 and "unknown format 'nope'" in res.output + res.stderr


def test_junit_structure(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    res = runner.invoke(
        main, ["conformance", "run", str(corpus), "--at", AT, "--junit", str(out), "-q"]
    )
    assert res.exit_code == 1
    root = ET.parse(out).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [Path(s.get("name", "")).name for s in suites] == [
        "expired.json",
        "good.json",
        "ob2.json",
    ]
    for suite in suites:
        cases = suite.findall("testcase")
        assert [c.get("name") for c in cases] == [
            "parse",
            "schema",
            "semantic",
            "roundtrip",
            "portability",
        ]
        assert all(c.get("classname") == suite.get("name") for c in cases)
        assert suite.get("tests") == "5"
        assert int(suite.get("failures", "-1")) == len(suite.findall("testcase/failure"))
        assert int(suite.get("skipped", "-1")) == len(suite.findall("testcase/skipped"))
    good, ob2 = suites[1], suites[2]
    assert good.findall("testcase/failure") == []
    failures = {c.get("name"): c.find("failure") for c in ob2.findall("testcase")}
    # read by the ob2 format; the hash breaks both lerbridge's OB 2.0 check and the rule
    assert failures["parse"] is None
    schema = failures["schema"]
    assert schema is not None and schema.get("type") == "schema-strict"
    semantic = failures["semantic"]
    assert semantic is not None and semantic.get("type") == "ob2-recipient-hash"
    assert "/recipient/identity" in (semantic.text or "")
    skipped = {c.get("name") for c in ob2.findall("testcase") if c.find("skipped") is not None}
    assert skipped == set()
    assert root.get("failures") == "2" and root.get("tests") == "15"


def test_html_is_self_contained(runner: CliRunner, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    runner.invoke(main, ["conformance", "run", str(corpus), "--at", AT, "--html", str(out)])
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for needle in ("<script", "<link", "src=", "url(", "@import"):
        assert needle not in page
    assert 'id="verdicts"' in page and 'id="matrix"' in page and 'id="losses"' in page
    assert "ob2-recipient-hash" in page


def test_no_document_found(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    res = runner.invoke(main, ["conformance", "run", str(tmp_path)])
    assert res.exit_code == 2 and "no document found" in res.output + res.stderr


def test_outputs_are_deterministic_and_xml_safe(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from lerbridge import conformance
    from lerbridge.conformance import html, reporters

    doc = ob3_badge()
    doc["@context"] = ["https://www.w3.org/2018/credentials/v1", doc["@context"][1]]
    doc["credentialSubject"]["odd\u0001key"] = "x"
    path = write(tmp_path, "odd.json", doc)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    first, second = conformance.run(path, now=at), conformance.run(path, now=at)
    assert reporters.to_json(first) == reporters.to_json(second)
    assert html.render(first) == html.render(second)
    xml = reporters.junit(first)
    assert xml == reporters.junit(second)
    root = ET.fromstring(xml)  # the control character did not break the XML
    out = root.find("testsuite/testcase[@name='semantic']/system-out")
    assert out is not None and "odd\ufffdkey" in (out.text or "")
