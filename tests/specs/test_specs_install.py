"""The official specs come from ../shared/specs (or LERBRIDGE_SPECS), checked against the
manifest; the repository holds none of them, nor any upstream document; without specs,
conversions still run and say what they did not check."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

import lerbridge
from lerbridge import specs
from lerbridge.specs import _root


def repo_root() -> Path:
    return Path(__file__).resolve().parents[2]


def shared_path() -> Path:
    return (repo_root() / ".." / "shared").resolve()


WELDING = "fixtures/ob3/lerbridge-welding-certificate.json"


def _tracked() -> list[Path]:
    if shutil.which("git") is None or not (repo_root() / ".git").exists():
        pytest.skip("not a git checkout: the tracked files are unknown")
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=repo_root(), capture_output=True, check=True
    ).stdout
    return [repo_root() / name for name in out.decode("utf-8").split("\0") if name]


def _parsed_key(path: Path, data: bytes) -> str | None:
    """A key equal for two files that parse to the same JSON value or the same XML
    infoset (C14N), whatever their whitespace, key order or encoding; None otherwise."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".json", ".jsonld"):
            value = json.loads(data.decode("utf-8-sig"))
            return "json:" + json.dumps(value, sort_keys=True, separators=(",", ":"))
        if suffix in (".xml", ".xsd", ".svg"):
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
            root = etree.fromstring(data, parser)
            return "xml:" + etree.tostring(root, method="c14n").decode("utf-8")
    except (ValueError, etree.XMLSyntaxError):
        return None
    return None


@cache
def _shared_keys() -> tuple[frozenset[str], frozenset[str]]:
    digests, parsed = set(), set()
    for path in shared_path().rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            digests.add(hashlib.sha256(data).hexdigest())
            key = _parsed_key(path, data)
            if key is not None:
                parsed.add(key)
    return frozenset(digests), frozenset(parsed)


def test_no_tracked_file_is_a_copy_of_a_shared_file(shared_dir: Path) -> None:
    digests, parsed = _shared_keys()
    copies = []
    for path in _tracked():
        if not path.is_file():
            continue  # deleted in the working tree, not yet committed
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() in digests:
            copies.append(f"{path.relative_to(repo_root())} (byte for byte)")
        elif _parsed_key(path, data) in parsed:
            copies.append(f"{path.relative_to(repo_root())} (same parsed content)")
    assert copies == []


def test_the_guard_sees_a_copy(shared_dir: Path, tmp_path: Path) -> None:
    """The parsed comparison catches a reformatted copy (so the guard can fail)."""
    _, parsed = _shared_keys()
    original = shared_dir / "specs" / "clr" / "context.json"
    reformatted = json.dumps(json.loads(original.read_bytes()), indent=7).encode()
    assert _parsed_key(original, reformatted) in parsed
    assert _parsed_key(original, b'{"@context": {"lerbridge": "own"}}') not in parsed


def test_no_schema_context_or_xsd_is_tracked() -> None:
    names = [p.relative_to(repo_root()).as_posix() for p in _tracked()]
    assert [n for n in names if n.endswith((".xsd", ".jsonld"))] == []
    assert [n for n in names if n.startswith("src/lerbridge/specs/") and "/" in n[20:]] == []


def test_manifest_matches_the_shared_specs(shared_dir: Path) -> None:
    listed = specs.manifest()
    assert len(listed) >= 250
    for rel, digest in listed.items():
        path = shared_dir / "specs" / rel
        assert path.is_file(), rel
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, rel


def test_catalog_names_only_manifest_files() -> None:
    catalog = json.loads((repo_root() / "src/lerbridge/specs/catalog.json").read_bytes())
    for section in catalog.values():
        for rel in section.values():
            assert rel in specs.manifest(), rel


def test_this_process_reads_verified_specs(shared_dir: Path) -> None:
    """The test run itself has the specs: nothing skips or degrades for want of them."""
    assert specs.available()
    root = specs.specs_root()
    assert root is not None
    rel = "openbadges/ob_v3p0/schema/ob_v3p0_achievementcredential_schema.json"
    assert _root.read_verified(rel) == (root / rel).read_bytes()


def _cli(args: list[str], specs_dir: Path | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LERBRIDGE_SPECS"}
    if specs_dir is not None:
        env["LERBRIDGE_SPECS"] = str(specs_dir)
    code = "import sys; from lerbridge.cli import run; sys.argv[0] = 'lerbridge'; run()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_validate_without_specs_says_not_installed(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    res = _cli(["validate", str(repo_root() / WELDING)], empty, tmp_path)
    assert res.returncode == 9, res.stderr
    assert "official schemas not installed" in res.stderr
    assert "ob_v3p0_achievementcredential_schema.json" in res.stderr
    assert "LERBRIDGE_SPECS" in res.stderr
    assert "Traceback" not in res.stderr
    assert "valid" not in res.stdout


def test_convert_without_specs_reports_not_validated(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    out, report = tmp_path / "out.json", tmp_path / "report.json"
    args = ["convert", str(repo_root() / WELDING), "--to", "ob3", "-o", str(out)]
    res = _cli([*args, "--report", str(report)], empty, tmp_path)
    assert res.returncode == 0, res.stderr
    entries = json.loads(report.read_bytes())["inputs"][0]["report"]["entries"]
    unchecked = [e for e in entries if e["code"] == "not-validated"]
    assert [e.get("source_format") or e.get("target_format") for e in unchecked] == ["ob3", "ob3"]
    assert all("ob3/achievementcredential" in e["message"] for e in unchecked)
    # the same bytes a checked conversion gives: only the check is missing
    checked = lerbridge.convert(repo_root() / WELDING, to="ob3").documents[0].data
    assert out.read_bytes().rstrip(b"\n") == checked.rstrip(b"\n")


def test_convert_with_specs_reports_nothing_unchecked(tmp_path: Path, shared_dir: Path) -> None:
    report = tmp_path / "report.json"
    args = ["convert", str(repo_root() / WELDING), "--to", "ob3", "-o", str(tmp_path / "o.json")]
    res = _cli([*args, "--report", str(report)], shared_dir / "specs", tmp_path)
    assert res.returncode == 0, res.stderr
    entries = json.loads(report.read_bytes())["inputs"][0]["report"]["entries"]
    codes = [e["code"] for e in entries]
    assert "not-validated" not in codes


def test_an_altered_spec_file_is_an_error_naming_it(tmp_path: Path, shared_dir: Path) -> None:
    altered = tmp_path / "specs"
    rel = "openbadges/ob_v3p0/schema/ob_v3p0_achievementcredential_schema.json"
    (altered / rel).parent.mkdir(parents=True)
    data = (shared_dir / "specs" / rel).read_bytes()
    (altered / rel).write_bytes(data.replace(b'"type"', b'"type" ', 1))
    for command in (["validate"], ["convert", "--to", "canonical"]):
        res = _cli([command[0], str(repo_root() / WELDING), *command[1:]], altered, tmp_path)
        assert res.returncode == 9, (command, res.stderr)
        assert "does not match lerbridge's manifest" in res.stderr
        assert rel in res.stderr
        assert "Traceback" not in res.stderr


def test_hrxml_without_specs_is_a_clear_error(tmp_path: Path, upstream: Path) -> None:
    """HR-XML reading needs the XSD itself (it orders and types the elements): no output."""
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "resume.json"
    src = upstream / "hropen/hr-xml-2.5/ResumeExample.xml"
    res = _cli(["convert", str(src), "--to", "lerrs", "-o", str(out)], empty, tmp_path)
    assert res.returncode == 9, res.stderr
    assert "official schemas not installed: hropen/hr-xml-2.5/" in res.stderr
    assert not out.exists()
