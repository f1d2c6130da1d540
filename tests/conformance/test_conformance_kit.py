"""``lerbridge conformance kit``: the reference corpus, its manifests, and re-reading it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import lerbridge
from lerbridge.cli.conformance_tools import kit_command
from lerbridge.conformance import build_kit, verify_kit, write_kit
from lerbridge.conformance import kit as kit_module
from lerbridge.errors import LerbridgeError

EXPECTED_FILES = {
    "badge/badge.canonical.json",
    "badge/badge.clr.json",
    "badge/badge.ctdl.json",
    "badge/badge.elm.jsonld",
    "badge/badge.hrxml.xml",
    "badge/badge.jsonresume.json",
    "badge/badge.lerrs.json",
    "badge/badge.ob2.json",
    "badge/badge.pesc.xml",
    "badge/badge.ob3.json",
    "transcript/transcript.canonical.json",
    "transcript/transcript.clr.json",
    "transcript/transcript.csv",
    "transcript/transcript.elm.jsonld",
    "transcript/transcript.hrxml.xml",
    "transcript/transcript.jsonresume.json",
    "transcript/transcript.lerrs.json",
    "transcript/transcript.pesc.xml",
    *(f"transcript/transcript.ob3.{i:04d}.json" for i in range(1, 6)),
    "resume/resume.canonical.json",
    "resume/resume.hrxml.xml",
    "resume/resume.jsonresume.json",
    "resume/resume.lerrs.json",
    "resume/resume.pesc.xml",
    "credential-description/credential-description.canonical.json",
    "credential-description/credential-description.ctdl.json",
}


@pytest.fixture(scope="module")
def kit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kit") / "kit"
    write_kit(out)
    return out


def _manifest(kit_dir: Path, rel: str) -> dict:
    return json.loads((kit_dir / (rel + ".manifest.json")).read_text())


def _facts(kit_dir: Path, rel: str) -> set[tuple[str, object]]:
    return {(f["path"], f["value"]) for f in _manifest(kit_dir, rel)["must_contain"]}


def test_every_record_in_every_format_that_holds_it(kit_dir: Path) -> None:
    index = json.loads((kit_dir / "kit.manifest.json").read_text())
    assert {f["path"] for f in index["files"]} == EXPECTED_FILES
    assert set(index["records"]) == {"badge", "transcript", "resume", "credential-description"}
    left_out = {(s["record"], s["format"]) for s in index["skipped"]}
    # the badge is in every format but CSV, whose layout keys rows on a student id the
    # badge's recipient (a DID) does not have: left out, with the reader's own words
    [badge_csv] = [s for s in index["skipped"] if s["record"] == "badge" and s["format"] != "case"]
    # no kit record is a competency framework: CASE holds none of them
    assert {r for r, f in left_out if f == "case"} == set(index["records"])
    assert badge_csv["format"] == "csv"
    assert "no Student ID" in badge_csv["reason"]
    assert ("resume", "ob3") in left_out  # a résumé states no award
    assert ("credential-description", "clr") in left_out  # an offering, not an award
    for fmt in (
        "canonical",
        "clr",
        "csv",
        "ctdl",
        "hrxml",
        "jsonresume",
        "lerrs",
        "ob2",
        "ob3",
        "pesc",
    ):
        for record in index["records"]:
            written = any(f["record"] == record and f["format"] == fmt for f in index["files"])
            assert written != ((record, fmt) in left_out), (record, fmt)
    on_disk = {
        p.relative_to(kit_dir).as_posix()
        for p in kit_dir.rglob("*")
        if p.is_file() and not p.name.endswith(".manifest.json")
    }
    assert on_disk == EXPECTED_FILES


def test_kit_output_re_reads_cleanly(kit_dir: Path) -> None:
    assert verify_kit(kit_dir) == []
    for rel in EXPECTED_FILES:
        fmt = json.loads((kit_dir / (rel + ".manifest.json")).read_text())["format"]
        if fmt != "csv":  # CSV has no official schema
            assert lerbridge.validate(kit_dir / rel, fmt) == [], rel


def test_manifests_name_what_each_file_must_contain(kit_dir: Path) -> None:
    transcript_csv = _facts(kit_dir, "transcript/transcript.csv")
    for grade in ("A", "B+", "A-", "B", "3.61"):
        assert ("awards[].results[].value", grade) in transcript_csv
    assert ("achievements[].human_code", "STAT201") in transcript_csv
    assert ("awards[].credits_earned", 120) in transcript_csv
    clr = _facts(kit_dir, "transcript/transcript.clr.json")
    assert ("awards[].results[].value", "3.61") in clr
    resume = _facts(kit_dir, "resume/resume.lerrs.json")
    assert {v for p, v in resume if p == "skills[].name.und"} == {
        "SQL",
        "Statistical analysis",
        "Data visualization",
    }
    badge = _facts(kit_dir, "badge/badge.ob3.json")
    assert ("achievements[].name.und", "Data Literacy") in badge
    assert ("awards[].results[].value", "Pass") in badge
    # one OB 3.0 credential per award: the degree's file carries the GPA, not the courses
    degree = _facts(kit_dir, "transcript/transcript.ob3.0005.json")
    assert ("awards[].results[].value", "3.61") in degree
    assert ("awards[].results[].value", "A") not in degree
    losses = _manifest(kit_dir, "transcript/transcript.lerrs.json")["losses"]
    assert {e["code"] for e in losses} >= {"no-target-field"}


def test_verify_finds_a_tampered_file(kit_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    write_kit(copy)
    path = copy / "transcript/transcript.clr.json"
    doc = json.loads(path.read_text())
    cred = doc["credentialSubject"]["verifiableCredential"][0]
    cred["credentialSubject"]["result"][0]["value"] = "F"
    path.write_text(json.dumps(doc))
    problems = verify_kit(copy)
    assert problems[0] == "transcript/transcript.clr.json: SHA-256 differs from kit.manifest.json"
    assert any("results[].value" in p and "1 time(s) expected, 0 found" in p for p in problems)


def test_deterministic() -> None:
    a, b = build_kit(), build_kit()
    assert [(f.path, f.data, f.manifest) for f in a.files] == [
        (f.path, f.data, f.manifest) for f in b.files
    ]
    assert a.index() == b.index()


def test_refuses_a_non_empty_folder_and_leaves_nothing_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "x").write_text("x")
    with pytest.raises(LerbridgeError, match="must not exist or must be empty"):
        write_kit(full)

    def boom(*_a: object, **_k: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(kit_module, "_dumps", boom)
    with pytest.raises(OSError):
        write_kit(tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]


def test_cli_kit_and_verify(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "kit"
    res = runner.invoke(kit_command, [str(out)])
    assert res.exit_code == 0, res.stderr
    assert f"{len(EXPECTED_FILES)} file(s) written" in res.stderr
    res = runner.invoke(kit_command, ["--verify", str(out)])
    assert (res.exit_code, res.stdout) == (0, "")
    assert res.stderr.strip().endswith("re-reads cleanly")
    again = runner.invoke(kit_command, [str(out)])
    assert again.exit_code == 1
    assert "must not exist or must be empty" in again.stderr


def test_every_kit_file_round_trips_byte_for_byte_without_warnings() -> None:
    from lerbridge.formats import registry

    for f in build_kit().files:
        result = lerbridge.convert(f.data, to=f.format)
        assert [d.data for d in result.documents] == [f.data], f.path
        assert result.report.at_least("error") == [], f.path
        if registry.get(f.format).validator is not None:
            assert lerbridge.validate(f.data, f.format, warnings=True) == [], f.path


def test_kit_and_diff_are_conformance_subcommands(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from lerbridge.cli import main

    out = tmp_path / "kit"
    res = CliRunner().invoke(main, ["conformance", "kit", str(out)])
    assert res.exit_code == 0, res.output
    badge = sorted(out.rglob("*.json"))[0]
    same = CliRunner().invoke(main, ["conformance", "diff", str(badge), str(badge)])
    assert same.exit_code == 0, same.output


def test_kit_passes_conformance_run(tmp_path: Path) -> None:
    """What a vendor gets from `conformance kit` is what `conformance run` accepts: every
    file passes (no check at error level fails), and the manifests are not taken for
    documents."""
    from datetime import UTC, datetime

    from lerbridge import conformance

    out = tmp_path / "kit"
    kit = write_kit(out)
    result = conformance.run([out], now=datetime(2026, 1, 1, tzinfo=UTC))
    checked = sorted(Path(f.path).relative_to(out).as_posix() for f in result.files)
    assert checked == sorted(f.path for f in kit.files)
    failing = {f.path: sorted(f.rule_ids()) for f in result.files if f.verdict() == "fail"}
    assert failing == {}
