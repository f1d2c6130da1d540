"""The ``lerbridge`` command through click's CliRunner: outputs, reports, exit codes,
batches, atomic writes, and no tracebacks."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from click.testing import CliRunner, Result

import lerbridge
from lerbridge.cli import main

TEAMWORK = "openbadges/ob3/spec-examples/basic-teamwork.json"
WELDING = "ob3/lerbridge-welding-certificate.json"


def _readable() -> str:
    return ", ".join(sorted(f.name for f in lerbridge.formats() if f.can_read))


def run(runner: CliRunner, *args: str, input: bytes | None = None) -> Result:
    result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    return result


def test_convert_to_stdout(runner: CliRunner, upstream: Path) -> None:
    res = run(runner, "convert", str(upstream / TEAMWORK), "--to", "ob3")
    assert res.exit_code == 0
    expected = lerbridge.convert(upstream / TEAMWORK, to="ob3").documents[0].data
    assert res.stdout_bytes == expected
    assert "no losses" in res.stderr


def test_convert_to_file(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "badge.canonical.json"
    res = run(runner, "convert", str(shipped / WELDING), "--to", "canonical", "-o", str(out))
    assert res.exit_code == 0
    assert res.stdout_bytes == b""
    data = json.loads(out.read_bytes())
    assert data["model_version"] == lerbridge.MODEL_VERSION
    assert data["awards"][0]["extensions"] == {"ob3": {"credentialSubject/apprenticeHours": 1840}}
    assert "unmapped-source-field" in res.stderr


def test_output_file_permissions_follow_umask(
    runner: CliRunner, upstream: Path, tmp_path: Path
) -> None:
    """Converted files are ordinary files: 0666 minus the umask, not private 0600 temp files."""
    old = os.umask(0o022)
    try:
        out = tmp_path / "out.json"
        assert (
            run(
                runner, "convert", str(upstream / TEAMWORK), "--to", "ob3", "-o", str(out)
            ).exit_code
            == 0
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_convert_from_stdin(runner: CliRunner, upstream: Path) -> None:
    data = (upstream / TEAMWORK).read_bytes()
    res = run(runner, "convert", "-", "--to", "canonical", "-q", input=data)
    assert res.exit_code == 0
    record = json.loads(res.stdout_bytes)
    assert record["provenance"]["source_ids"] == ["http://example.com/credentials/3527"]
    assert res.stderr == ""


def test_report_file_structure(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    res = run(
        runner,
        "convert",
        str(shipped / WELDING),
        "--to",
        "ob3",
        "-o",
        str(tmp_path / "out.json"),
        "--report",
        str(report),
    )
    assert res.exit_code == 0
    data = json.loads(report.read_bytes())
    assert list(data) == ["inputs"]
    [entry] = data["inputs"]
    assert entry["input"] == str(shipped / WELDING)
    assert entry["source_format"] == "ob3"
    assert entry["target_format"] == "ob3"
    assert entry["report"]["summary"] == {"error": 0, "warning": 0, "info": 1}
    assert entry["report"]["entries"] == [
        {
            "code": "unmapped-source-field",
            "severity": "info",
            "message": "no canonical field; kept as an extension",
            "source_path": "/credentialSubject/apprenticeHours",
            "source_format": "ob3",
            "excerpt": "1840",
        }
    ]


def test_fail_on_info_writes_nothing(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = run(
        runner,
        "convert",
        str(shipped / WELDING),
        "--to",
        "ob3",
        "-o",
        str(out),
        "--fail-on",
        "info",
    )
    assert res.exit_code == 8
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    assert "--fail-on" in res.stderr


def test_fail_on_error_passes_clean_file(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = run(
        runner,
        "convert",
        str(shipped / WELDING),
        "--to",
        "ob3",
        "-o",
        str(out),
        "--fail-on",
        "error",
    )
    assert res.exit_code == 0
    assert json.loads(out.read_bytes())["credentialSubject"]["apprenticeHours"] == 1840


def _batch_inputs(shipped: Path, upstream: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    good1 = folder / "teamwork.json"
    good1.write_bytes((upstream / TEAMWORK).read_bytes())
    bad = folder / "broken.json"
    bad.write_bytes(b'{"@context": ["https://www.w3.org/ns/credentials/v2", ')
    good2 = folder / "welding.json"
    good2.write_bytes((shipped / WELDING).read_bytes())
    return [good1, bad, good2]


def test_batch_with_one_broken_file(
    runner: CliRunner, shipped: Path, upstream: Path, tmp_path: Path
) -> None:
    inputs = _batch_inputs(shipped, upstream, tmp_path / "in")
    out = tmp_path / "out"
    res = run(runner, "convert", *map(str, inputs), "--to", "ob3", "-o", str(out))
    assert sorted(p.name for p in out.iterdir()) == ["teamwork.json", "welding.json"]
    assert (
        json.loads((out / "welding.json").read_bytes())["credentialSubject"]["apprenticeHours"]
        == 1840
    )
    assert str(inputs[1]) in res.stderr
    assert res.exit_code == 10  # some failed (the malformed JSON), the others converted


def test_failed_conversion_leaves_no_file(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "in" / "broken.json"
    src.parent.mkdir()
    src.write_bytes(b'{"type": ["VerifiableCredential", "OpenBadgeCredential"], "id": ')
    out = tmp_path / "out"
    out.mkdir()
    res = run(runner, "convert", str(src), "--to", "ob3", "-o", str(out / "broken.json"))
    assert res.exit_code != 0
    assert list(out.iterdir()) == []
    assert res.stderr.startswith("error: ")


def test_failing_write_leaves_no_file(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    """A canonical record with no award cannot become an OB 3.0 credential (WriteError)."""
    src = tmp_path / "empty.canonical.json"
    src.write_text(json.dumps({"model_version": lerbridge.MODEL_VERSION}))
    out = tmp_path / "out"
    out.mkdir()
    res = run(runner, "convert", str(src), "--to", "ob3", "-o", str(out / "x.json"))
    assert res.exit_code == 5
    assert list(out.iterdir()) == []
    assert "holds no award" in res.stderr


def test_validate_valid(runner: CliRunner, upstream: Path) -> None:
    res = run(runner, "validate", str(upstream / TEAMWORK))
    assert res.exit_code == 0
    assert res.stdout == ""
    assert res.stderr.strip().endswith(": valid")


def test_validate_invalid_prints_pointers(
    runner: CliRunner, upstream: Path, tmp_path: Path
) -> None:
    doc = json.loads((upstream / TEAMWORK).read_bytes())
    del doc["credentialSubject"]["achievement"]
    doc["issuer"]["type"] = "Profile"  # JSON-LD compacted form: a warning, not an error
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc))
    res = run(runner, "validate", str(path))
    assert res.exit_code == 1
    lines = res.stdout.splitlines()
    assert f"{path}: /credentialSubject/achievement: 'achievement' is a required property" in lines
    [issuer] = [line for line in lines if line.startswith(f"{path}: /issuer/type: ")]
    assert issuer.startswith(f"{path}: /issuer/type: warning: a single value where the schema")
    assert len(lines) == 2
    assert res.stderr.strip().endswith("1 issue(s), 1 warning(s)")
    res = run(runner, "validate", "--json", str(path))
    assert [(i["pointer"], i["severity"], i["check"]) for i in json.loads(res.stdout)] == [
        ("/credentialSubject/achievement", "error", "schema"),
        ("/issuer/type", "warning", "compacted-form"),
    ]


def test_validate_warnings_only_is_valid_unless_strict(
    runner: CliRunner, upstream: Path, tmp_path: Path
) -> None:
    doc = json.loads((upstream / TEAMWORK).read_bytes())
    doc["credentialSubject"]["type"] = "AchievementSubject"
    path = tmp_path / "compacted.json"
    path.write_text(json.dumps(doc))
    res = run(runner, "validate", str(path))
    assert res.exit_code == 0
    assert res.stdout == f"{path}: /credentialSubject/type: warning: " + (
        "a single value where the schema wants an array (JSON-LD compacted form, allowed by "
        "the specification; schema ob3/achievementcredential)\n"
    )
    assert res.stderr.strip().endswith(": valid with 1 warning(s)")
    assert run(runner, "validate", "--strict", str(path)).exit_code == 1


def test_validate_at_checks_expiry(runner: CliRunner, upstream: Path, tmp_path: Path) -> None:
    doc = json.loads((upstream / TEAMWORK).read_bytes())
    doc["validUntil"] = "2020-01-01T00:00:00Z"
    path = tmp_path / "expired.json"
    path.write_text(json.dumps(doc))
    assert run(runner, "validate", str(path)).exit_code == 0  # no clock read unless asked
    res = run(runner, "validate", "--at", "2021-06-01", "--json", str(path))
    assert res.exit_code == 1
    assert json.loads(res.stdout) == [
        {
            "pointer": "/validUntil",
            "message": "expired at 2020-01-01T00:00:00Z (checked at 2021-06-01T00:00:00Z)",
            "severity": "error",
            "check": "expired",
        }
    ]
    assert run(runner, "validate", "--at", "2019-06-01", str(path)).exit_code == 0
    res = run(runner, "validate", "--at", "yesterday", str(path))
    assert res.exit_code == 2
    assert "'yesterday' is not an ISO 8601 date" in res.stderr


def test_formats_lists_read_and_write(runner: CliRunner) -> None:
    res = run(runner, "formats")
    assert res.exit_code == 0
    header, *rows = res.stdout.splitlines()
    assert header.split()[:3] == ["name", "read", "write"]
    by_name = {row.split()[0]: row.split() for row in rows}
    assert by_name["ob3"][1:3] == ["yes", "yes"]
    assert by_name["canonical"][1:3] == ["yes", "yes"]
    res = run(runner, "formats", "--json")
    listed = {f["name"]: f for f in json.loads(res.stdout)}
    assert listed["ob3"]["can_read"] is listed["ob3"]["can_write"] is True
    assert listed["ob3"]["package"] == "lerbridge"


def test_formats_columns_stay_aligned(runner: CliRunner) -> None:
    # a long alias (e.g. "jsonresume.org") once ran into the extensions column
    header, *rows = run(runner, "formats").stdout.splitlines()
    at = header.index("extensions")
    listed = {f["name"]: f for f in json.loads(run(runner, "formats", "--json").stdout)}
    for row in rows:
        fmt = listed[row.split()[0]]
        assert row[at - 2 : at] == "  ", row
        assert row[at:].split()[: len(fmt["extensions"])] == fmt["extensions"], row


def test_schema_prints_model_schema(runner: CliRunner) -> None:
    res = run(runner, "schema")
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    assert schema["title"] == "LearnerRecord"
    assert "Achievement" in schema["$defs"]


def test_version(runner: CliRunner) -> None:
    res = run(runner, "--version")
    assert res.exit_code == 0
    assert res.stdout.strip() == f"lerbridge, version {lerbridge.__version__}"


def test_unknown_target_is_usage_error(runner: CliRunner, upstream: Path) -> None:
    res = run(runner, "convert", str(upstream / TEAMWORK), "--to", "docx")
    assert res.exit_code == 2
    assert "unknown format 'docx'" in res.stderr
    assert f"known: {', '.join(sorted(f.name for f in lerbridge.formats()))}" in res.stderr


def test_undetectable_input(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes, not a record\n")
    res = run(runner, "convert", str(path), "--to", "ob3")
    assert res.exit_code == 4
    assert str(path) in res.stderr
    assert "cannot tell the format" in res.stderr
    assert f"known: {_readable()})" in res.stderr
    assert res.stdout_bytes == b""


def test_ambiguous_input(runner: CliRunner, upstream: Path, tmp_path: Path) -> None:
    doc = json.loads((upstream / TEAMWORK).read_bytes())
    doc["model_version"] = lerbridge.MODEL_VERSION  # looks like canonical JSON as well
    path = tmp_path / "both.json"
    path.write_text(json.dumps(doc))
    res = run(runner, "convert", str(path), "--to", "ob3")
    assert res.exit_code == 4
    assert "fits several formats equally: canonical, ob3" in res.stderr
    assert "--from" in res.stderr
    res = run(runner, "convert", str(path), "--from", "ob3", "--to", "ob3", "-q")
    assert res.exit_code == 0
    assert json.loads(res.stdout_bytes)["model_version"] == lerbridge.MODEL_VERSION


def test_json_that_is_no_known_format(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"type": ["VerifiableCredential", "SomethingElse"]}))
    res = run(runner, "convert", str(path), "--to", "ob3")
    assert res.exit_code == 4
    assert f"known: {_readable()})" in res.stderr


def test_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    res = run(runner, "convert", str(path), "--to", "ob3")
    assert res.exit_code == 3
    assert str(path) in res.stderr
    assert "cannot read file" in res.stderr


def test_ctdl_graph_option_writes_the_graph_form(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "degree.json"
    src.write_text(
        json.dumps(
            {
                "@context": "https://credreg.net/ctdl/schema/context/json",
                "@id": "https://credentialengineregistry.org/resources/ce-2f6fa4b7-5a40-4b6e-9d6c-6f0b0e8d4a11",
                "@type": "ceterms:BachelorDegree",
                "ceterms:ctid": "ce-2f6fa4b7-5a40-4b6e-9d6c-6f0b0e8d4a11",
                "ceterms:name": {"en-US": "Bachelor of Science in Welding Engineering"},
                "ceterms:description": {"en-US": "A four-year program in welding engineering."},
            }
        ),
        encoding="utf-8",
    )
    plain = run(runner, "convert", str(src), "--to", "ctdl", "-q")
    graph = run(runner, "convert", str(src), "--to", "ctdl", "--ctdl-graph", "-q")
    assert plain.exit_code == 0 and graph.exit_code == 0, plain.output + graph.output
    assert "@graph" not in json.loads(plain.stdout)
    nodes = json.loads(graph.stdout)["@graph"]
    assert [n["@type"] for n in nodes] == ["ceterms:BachelorDegree"]
    assert nodes[0]["ceterms:ctid"] == "ce-2f6fa4b7-5a40-4b6e-9d6c-6f0b0e8d4a11"


def test_convert_csv_join(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    src = shipped / "csv" / "lerbridge-transcript-3-students.csv"
    join = shipped / "csv" / "lerbridge-students.csv"
    out = tmp_path / "out"
    res = run(runner, "convert", str(src), "--to", "canonical", "--join", str(join), "-o", str(out))
    assert res.exit_code == 0, res.stderr
    files = sorted(p for p in out.rglob("*") if p.is_file())
    docs = [json.loads(p.read_bytes()) for p in files]
    assert len(docs) == 3
    births = {d["person"]["identifiers"][0]["value"]: d["person"].get("birth_date") for d in docs}
    assert births["S1002"] == "2002-11-30"  # from the joined student file
    expected = lerbridge.convert(src, to="canonical", join=join)
    assert sorted(d.data for d in expected.documents) == sorted(p.read_bytes() for p in files)


def test_convert_csv_achievement_and_issued(runner: CliRunner, shipped: Path) -> None:
    src = shipped / "csv" / "lerbridge-badgr-award.csv"
    badge = shipped / "csv" / "lerbridge-badge-achievement.json"
    args = ["convert", str(src), "--to", "ob3", "--achievement", str(badge), "--jsonl"]
    res = run(runner, *args, "--issued", "2025-06-01T00:00:00Z")
    assert res.exit_code == 0, res.stderr
    creds = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(creds) == 3
    assert {c["validFrom"] for c in creds} == {"2025-06-01T00:00:00Z"}
    assert {c["credentialSubject"]["achievement"]["id"] for c in creds} == {
        "https://example.org/achievements/data-literacy"
    }


def test_convert_csv_options_refused_for_other_formats(
    runner: CliRunner, shipped: Path, upstream: Path
) -> None:
    join = shipped / "csv" / "lerbridge-students.csv"
    res = run(runner, "convert", str(upstream / TEAMWORK), "--to", "ob3", "--join", str(join))
    assert res.exit_code != 0
    assert "CSV input only" in res.stderr
