"""`lerbridge unbake`, `lerbridge bake`, and convert/validate/read given an image."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from baking_images import decode, itxt, make_png, make_svg
from click.testing import CliRunner

import lerbridge
from lerbridge.cli import main


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        return CliRunner()


@pytest.fixture
def ob3_file(shipped: Path) -> Path:
    return shipped / "ob3/lerbridge-welding-certificate.json"


@pytest.fixture
def baked_png(tmp_path: Path, ob3_file: Path) -> Path:
    baked, _ = lerbridge.bake(ob3_file, make_png())
    path = tmp_path / "welding.png"
    path.write_bytes(baked.data)
    return path


def test_read_a_baked_png_gives_the_same_record_as_its_json(
    baked_png: Path, ob3_file: Path
) -> None:
    from_image, image_report = lerbridge.read(baked_png)
    from_json, json_report = lerbridge.read(ob3_file)
    assert from_image == from_json
    assert image_report.codes() == ["no-target-field", *json_report.codes()]
    assert image_report.entries[0].source_path == "iTXt:openbadgecredential"


def test_convert_reports_the_dropped_image(baked_png: Path, ob3_file: Path) -> None:
    result = lerbridge.convert(baked_png, to="ob3")
    plain = lerbridge.convert(ob3_file, to="ob3")
    assert result.documents[0].data == plain.documents[0].data
    assert result.report.codes()[0] == "no-target-field"
    assert result.report.entries[0].message.startswith(
        f"the PNG image the document was baked into ({baked_png.stat().st_size} bytes)"
    )


def test_cli_unbake_to_file_and_stdout(
    runner: CliRunner, baked_png: Path, ob3_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.json"
    res = runner.invoke(main, ["unbake", str(baked_png), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    assert out.read_text() == ob3_file.read_text(encoding="utf-8").strip()
    assert "iTXt:openbadgecredential: JSON, Open Badges 3.0" in res.stderr
    res = runner.invoke(main, ["unbake", str(baked_png)])
    assert res.stdout_bytes == out.read_bytes()


def test_cli_unbake_legacy_url_warns(runner: CliRunner, tmp_path: Path) -> None:
    img = tmp_path / "legacy.png"
    img.write_bytes(make_png(extra=[itxt("openbadges", "https://example.org/a/1")]))
    res = runner.invoke(main, ["unbake", str(img), "-v"])
    assert res.exit_code == 0
    assert res.stdout == "https://example.org/a/1"
    assert "a hosted-assertion URL; not fetched" in res.stderr
    assert "unresolved-reference" in res.stderr


def test_cli_unbake_error_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    img = tmp_path / "broken.png"
    img.write_bytes(make_png(extra=[itxt("openbadges", "{}")])[:-20])
    out = tmp_path / "out.json"
    res = runner.invoke(main, ["unbake", str(img), "-o", str(out)])
    assert res.exit_code == 3
    assert res.stderr.startswith(f"error: {img}:byte ")
    assert "truncated PNG" in res.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [img]


def test_cli_bake_png_and_svg(runner: CliRunner, ob3_file: Path, tmp_path: Path) -> None:
    for kind, make in (("png", make_png), ("svg", make_svg)):
        src = tmp_path / f"plain.{kind}"
        src.write_bytes(make())
        out = tmp_path / f"baked.{kind}"
        res = runner.invoke(main, ["bake", str(ob3_file), "--image", str(src), "-o", str(out)])
        assert res.exit_code == 0, res.stderr
        assert lerbridge.unbake(out).payload == ob3_file.read_text(encoding="utf-8").strip()
        assert src.read_bytes() == make()  # the input image is untouched
    decode((tmp_path / "baked.png").read_bytes())


def test_cli_bake_needs_ob_version_for_a_bare_jws(runner: CliRunner, tmp_path: Path) -> None:
    doc = tmp_path / "a.jws"
    doc.write_text("eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UifQ.c2ln")
    img = tmp_path / "i.svg"
    img.write_bytes(make_svg())
    out = tmp_path / "o.svg"
    res = runner.invoke(main, ["bake", str(doc), "--image", str(img), "-o", str(out)])
    assert res.exit_code == 5
    assert "--version" in res.stderr and not out.exists()
    res = runner.invoke(
        main, ["bake", str(doc), "--image", str(img), "-o", str(out), "--ob-version", "ob2"]
    )
    assert res.exit_code == 0, res.stderr
    assert lerbridge.unbake(out).marker == "svg:openbadges:assertion@verify"


def test_cli_convert_and_validate_take_images(
    runner: CliRunner, baked_png: Path, tmp_path: Path
) -> None:
    out = tmp_path / "c.json"
    res = runner.invoke(main, ["convert", str(baked_png), "--to", "ob3", "-o", str(out), "-v"])
    assert res.exit_code == 0, res.stderr
    assert "OpenBadgeCredential" in json.loads(out.read_text())["type"]
    assert "no-target-field at iTXt:openbadgecredential" in res.stderr
    res = runner.invoke(
        main, ["convert", str(baked_png), "--to", "ob3", "-o", str(out), "--fail-on", "warning"]
    )
    assert res.exit_code == 8  # the dropped image is a warning
    res = runner.invoke(main, ["validate", str(baked_png)])
    assert res.exit_code == 0, res.stderr
    assert f"{baked_png}: valid" in res.stderr


def test_cli_validate_reports_issues_of_the_baked_document(
    runner: CliRunner, tmp_path: Path
) -> None:
    doc = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
    }
    baked, _ = lerbridge.bake(doc, make_png())
    img = tmp_path / "bad.png"
    img.write_bytes(baked.data)
    res = runner.invoke(main, ["validate", str(img), "--json"])
    assert res.exit_code == 1
    pointers = [i["pointer"] for i in json.loads(res.stdout)]
    assert pointers == [
        "/@context",  # too short for the schema
        "/@context",  # and the Open Badges 3.0 context is missing
        "/credentialSubject",
        "/id",
        "/issuer",
        "/validFrom",
    ]


def test_explicit_source_format_with_an_image(baked_png: Path, ob3_file: Path) -> None:
    result = lerbridge.convert(baked_png, to="canonical", from_="ob3")
    plain = lerbridge.convert(ob3_file, to="canonical", from_="ob3")
    assert result.documents[0].data == plain.documents[0].data
    assert lerbridge.detect(baked_png) == "ob3"
    records, report = lerbridge.read_records(baked_png)
    assert len(records) == 1 and report.codes()[0] == "no-target-field"
