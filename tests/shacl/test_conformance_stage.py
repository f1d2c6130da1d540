"""The `elm` schema stage of `lerbridge conformance run`: the EDC shapes run on any format
named ``elm`` (the format itself comes from another branch, so a stand-in is registered
here), each violation a ``shacl-violation`` finding with its JSON Pointer."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from lerbridge import conformance
from lerbridge.conformance import FileResult
from lerbridge.conformance.catalog import Profile
from lerbridge.formats import registry
from lerbridge.formats.base import Format, Input


def _detect(inp: Input) -> float:
    return 0.0


@pytest.fixture
def elm_format(monkeypatch: pytest.MonkeyPatch) -> Iterator[Format]:
    """A stand-in ``elm`` format that reads no records (so only parse/schema/semantic run)."""
    stand_in = Format(
        name="elm",
        title="stand-in for the ELM format",
        extensions=(".jsonld",),
        reader=lambda inp, opts, report: [],
        detect=_detect,
    )
    table = dict(registry.formats())
    table["elm"] = stand_in
    monkeypatch.setattr(registry, "_formats", table)
    yield stand_in


def _run(path: Path, profile: Profile = "strict") -> FileResult:
    return conformance.run(path, format="elm", profile=profile).files[0]


def test_a_conforming_edc_has_no_schema_finding(
    elm_format: Format, upstream: Path, tmp_path: Path
) -> None:
    src = upstream / "elm" / "eu-elm-github_credential-sample_v3.2.jsonld"
    path = tmp_path / src.name
    shutil.copyfile(src, path)
    fr = _run(path)
    schema = fr.stages["schema"]
    assert schema.ran and schema.findings == []


def test_violations_are_shacl_findings_with_pointers(
    elm_format: Format, upstream: Path, tmp_path: Path
) -> None:
    src = upstream / "elm" / "dc4eu-vc_HE-ToR-uio_from-elmo1.7.json"
    path = tmp_path / src.name
    shutil.copyfile(src, path)
    fr = _run(path)
    found = sorted((f.rule, f.severity, f.location) for f in fr.stages["schema"].findings)
    assert found == [
        ("shacl-violation", "error", "/issuer/legalName"),
        ("shacl-violation", "error", "/issuer/location"),
    ]
    first = fr.stages["schema"].findings[0]
    assert first.message.startswith("Organisation-")
    lenient = _run(path, "lenient")
    assert {f.severity for f in lenient.stages["schema"].findings} == {"warning"}


def test_a_substituted_context_is_a_warning_finding(
    elm_format: Format, upstream: Path, tmp_path: Path
) -> None:
    src = upstream / "elm" / "edci-software_credFlatten_graph.jsonld"
    path = tmp_path / src.name
    shutil.copyfile(src, path)
    findings = _run(path).stages["schema"].findings
    notes = [f for f in findings if f.message.startswith("context-substituted")]
    assert [(f.severity, f.location) for f in notes] == [("warning", "/@context")]
    assert any(f.location == "/@graph/12/issued" and f.severity == "error" for f in findings)


def test_other_formats_do_not_run_the_shapes() -> None:
    rule = conformance.rules()["shacl-violation"]
    assert rule.stage == "schema" and rule.applies == ("elm",)
    assert not rule.applies_to("ob3") and not rule.applies_to(None)


def test_a_document_that_is_not_json_is_not_shape_checked(
    elm_format: Format, upstream: Path, tmp_path: Path
) -> None:
    src = upstream / "elm" / "legacy-v2_xml_EDC_WileECoyote_Simple.xml"
    path = tmp_path / src.name
    shutil.copyfile(src, path)
    schema = _run(path).stages["schema"]
    assert not schema.ran and schema.findings == []
    assert schema.note == "the SHACL shapes check JSON-LD documents"
