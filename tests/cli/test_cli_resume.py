"""The résumé formats on the command line: LER-RS options, HR-XML output files, and the
refusals for XML where only JSON Lines can go."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from lerbridge.cli import main
from lerbridge.specs.hropen_json import LERRS_TYPE_44
from lerbridge.xmlsafe import parse_xml

WELDING = "ob3/lerbridge-welding-certificate.json"
RESUME_XML = "hropen/hr-xml-2.5/ResumeExample.xml"
TRANSCRIPT_CSV = "csv/lerbridge-transcript-3-students.csv"


def run(runner: CliRunner, *args: str) -> Result:
    result = runner.invoke(main, list(args), catch_exceptions=False)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_hrxml_to_lerrs_with_the_44_type_url(
    runner: CliRunner, upstream: Path, tmp_path: Path
) -> None:
    out = tmp_path / "resume.json"
    res = run(
        runner,
        "convert",
        str(upstream / RESUME_XML),
        "--to",
        "lerrs",
        "-o",
        str(out),
        "--lerrs-type-url",
        "4.4",
        "-q",
    )
    assert res.exit_code == 0, res.stderr
    doc = json.loads(out.read_bytes())
    assert doc["type"] == LERRS_TYPE_44
    assert doc["person"]["name"]["formattedName"] == "John A. Example"
    assert run(runner, "validate", str(out)).exit_code == 0


def test_wrapping_needs_an_issuer(runner: CliRunner, upstream: Path, tmp_path: Path) -> None:
    out = tmp_path / "resume.json"
    res = run(
        runner, "convert", str(upstream / RESUME_XML), "--to", "lerrs", "--lerrs-vc", "-o", str(out)
    )
    assert res.exit_code != 0
    assert "issuer" in res.stderr and Path(RESUME_XML).name in res.stderr
    assert not out.exists()
    assert not list(tmp_path.iterdir())


def test_ob3_to_hrxml_file(runner: CliRunner, shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "resume.xml"
    res = run(runner, "convert", str(shipped / WELDING), "--to", "hrxml", "-o", str(out), "-q")
    assert res.exit_code == 0, res.stderr
    tree = parse_xml(out.read_bytes(), str(out))
    ns = {"h": "http://ns.hr-xml.org/2007-04-15"}
    names = tree.getroot().xpath("//h:LicenseOrCertification/h:Name/text()", namespaces=ns)
    assert names == ["Structural Welding Certificate for Dana Okafor"]
    assert run(runner, "validate", str(out)).exit_code == 0


def test_jsonl_and_stream_refuse_xml(runner: CliRunner, shipped: Path) -> None:
    res = run(runner, "convert", str(shipped / TRANSCRIPT_CSV), "--to", "hrxml", "--jsonl")
    assert res.exit_code == 2 and "XML" in res.stderr
    res = run(runner, "stream", str(shipped / TRANSCRIPT_CSV), "--to", "hrxml")
    assert res.exit_code == 2 and "XML" in res.stderr


def test_batch_to_lerrs_names_files_after_people(
    runner: CliRunner, shipped: Path, upstream: Path, tmp_path: Path
) -> None:
    res = run(
        runner,
        "convert",
        str(shipped / TRANSCRIPT_CSV),
        str(upstream / RESUME_XML),
        "--to",
        "lerrs",
        "-o",
        str(tmp_path),
        "-q",
    )
    assert res.exit_code == 0, res.stderr
    names = sorted(p.name for p in tmp_path.rglob("*.json"))
    assert "0001-Anna-Krüger.lerrs.json" in names
    assert any(n.startswith("ResumeExample") for n in names)
