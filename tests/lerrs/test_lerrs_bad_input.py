"""Bad LER-RS input: a clean ReadError or report entries, never a traceback; the CLI
exits non-zero naming the file and leaves no output behind."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lerrs_util import UC008, VCWRAPPER, codes, load, read_lerrs, v2

from lerbridge import api
from lerbridge.cli import main
from lerbridge.errors import LerbridgeError, ReadError

TYPE_45 = "http://schema.hropenstandards.org/4.5/recruiting/json/LER-RSType.json"


def test_json_array_is_read_error() -> None:
    with pytest.raises(ReadError, match="JSON object"):
        api.read(b'[{"type": "' + TYPE_45.encode() + b'"}]', format="lerrs")


def test_non_resume_object_is_read_error() -> None:
    with pytest.raises(ReadError, match="not an HR Open LER-RS"):
        api.read(b'{"hello": "world"}', format="lerrs")


def test_non_resume_object_is_not_detected() -> None:
    with pytest.raises(LerbridgeError):
        api.read(b'{"hello": "world", "type": "Something"}')


def test_malformed_json_is_read_error() -> None:
    with pytest.raises(ReadError):
        api.read(b'{"type": "' + TYPE_45.encode() + b'", ', format="lerrs")


def _body(shared_dir: Path, name: str = VCWRAPPER) -> dict[str, Any]:
    return copy.deepcopy(load(v2(shared_dir, name))["credentialSubject"])


def test_verifications_not_a_list(shared_dir: Path) -> None:
    body = _body(shared_dir)
    body["certifications"][0]["verifications"] = {"reference": "https://x.example/1"}
    rec, report = read_lerrs(body)
    [award] = rec.awards
    assert award.verifications == []
    assert award.name == {"und": "Product Management Certificate"}
    paths = [e.source_path for e in codes(report, "source-schema-violation")]
    assert "/certifications/0/verifications" in paths


def test_section_not_a_list(shared_dir: Path) -> None:
    body = _body(shared_dir)
    body["skills"] = {"name": "Project Management"}
    rec, report = read_lerrs(body)
    assert rec.skills == []
    assert len(rec.employment) == 1  # the rest is read
    violations = [e for e in codes(report, "source-schema-violation") if e.source_path == "/skills"]
    assert any("is not a list" in e.message for e in violations)


def test_section_item_not_an_object(shared_dir: Path) -> None:
    body = _body(shared_dir)
    body["employmentHistories"].append("AllSoftware again")
    rec, report = read_lerrs(body)
    assert len(rec.employment) == 1
    paths = [e.source_path for e in codes(report, "source-schema-violation")]
    assert "/employmentHistories/1" in paths


@pytest.mark.parametrize(
    "garbage",
    [
        "not a credential",
        42,
        {"type": ["VerifiableCredential", "OpenBadgeCredential"]},
        {
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "credentialSubject": "nobody",
            "issuer": 7,
        },
        {"type": ["VerifiableCredential", "ClrCredential"], "credentialSubject": []},
        {"otherW3CVerifiableCredential": ["x"]},
    ],
)
def test_garbage_embedded_credential(shared_dir: Path, garbage: Any) -> None:
    body = _body(shared_dir, UC008)
    body["certifications"][0]["verifications"] = [garbage]
    try:
        rec, report = read_lerrs(body)
    except ReadError:
        return  # a clean error is acceptable
    assert rec.person is not None and rec.person.name is not None
    assert rec.person.name.given == "Jennifer"
    assert [e for e in report.entries if e.code == "source-schema-violation"]
    # and it writes back without a traceback (or a clean error)
    with contextlib.suppress(LerbridgeError):
        api.write(rec, "lerrs")


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]  # click < 8.2
    except TypeError:
        return CliRunner()


@pytest.mark.parametrize(
    "content",
    [b"[1, 2, 3]", b'{"type": "' + TYPE_45.encode() + b'", "person": ', b'{"hello": 1}'],
)
def test_cli_bad_lerrs_file(runner: CliRunner, tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad-resume.json"
    bad.write_bytes(content)
    out = tmp_path / "out.json"
    res = runner.invoke(
        main,
        ["convert", str(bad), "--from", "lerrs", "--to", "hrxml", "-o", str(out)],
        catch_exceptions=False,
    )
    assert res.exit_code != 0
    assert "Traceback" not in res.stdout and "Traceback" not in res.stderr
    assert "bad-resume.json" in res.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad-resume.json"]


def test_cli_good_lerrs_file_to_lerrs_bare(
    runner: CliRunner, tmp_path: Path, shared_dir: Path
) -> None:
    out = tmp_path / "bare.json"
    res = runner.invoke(
        main,
        [
            "convert",
            str(v2(shared_dir, VCWRAPPER)),
            "--to",
            "lerrs",
            "--lerrs-bare",
            "-o",
            str(out),
        ],
        catch_exceptions=False,
    )
    assert res.exit_code == 0, res.stderr
    doc = json.loads(out.read_bytes())
    assert doc["type"] == TYPE_45 and "credentialSubject" not in doc


def test_an_unreadable_list_item_is_left_out_and_the_rest_converts(shared_dir: Path) -> None:
    doc = load(v2(shared_dir, VCWRAPPER))
    subject = doc["credentialSubject"]
    subject["communication"]["phone"].append({"dialNumber": "5551212"})
    subject["narratives"].append({"texts": []})
    data = json.dumps(doc).encode()
    rec, report = api.read(data, format="lerrs")
    assert rec.person is not None
    assert [p.value for p in rec.person.phones] == ["+49 2032220202"]
    assert len(rec.narratives) == 1
    left_out = {
        e.source_path
        for e in report.entries
        if e.code == "source-schema-violation" and e.severity == "error"
    }
    assert left_out == {
        "/credentialSubject/communication/phone/1",
        "/credentialSubject/narratives/1",
    }
    out = json.loads(api.convert(data, to="lerrs", from_="lerrs").documents[0].data)
    assert len(out["credentialSubject"]["communication"]["phone"]) == 1
    assert len(out["credentialSubject"]["narratives"]) == 1
