"""Writing ELM: ELM -> ELM conforms to the EDC shapes and loses nothing on the fixtures
that conform on input; the EBSI VC 2.0 form; what the writer synthesizes is reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from elm_helpers import CONFORMING, differences, edc_of, norm, violations

import lerbridge
from lerbridge.cli import main
from lerbridge.formats.elm.validate import ebsi_issues

ELM = "elm"


def _written(path: Path, **kw: object) -> tuple[dict, lerbridge.LossReport]:  # type: ignore[type-arg]
    res = lerbridge.convert(path, to=ELM, **kw)  # type: ignore[arg-type]
    assert len(res.documents) == 1
    return json.loads(res.documents[0].data), res.report


@pytest.mark.parametrize("name", CONFORMING)
def test_elm_to_elm_conforms_and_loses_nothing(upstream: Path, name: str) -> None:
    path = upstream / "elm" / name
    source = edc_of(path)
    assert violations(source) == [], "the fixture conforms on input"
    out, report = _written(path)
    assert violations(out) == []
    assert differences(norm(source), norm(out)) == []
    lost = [e for e in report.entries if e.code in ("no-target-field", "language-dropped")]
    assert lost == []


def test_transcript_keeps_its_nesting(upstream: Path) -> None:
    out, _ = _written(
        upstream / "elm" / "eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld"
    )
    (claim,) = out["credentialSubject"]["hasClaim"]
    assert claim["id"] == "urn:epass:learningAchievement:11"
    assert len(claim["hasPart"]) == 10
    assert claim["hasPart"][0]["specifiedBy"]["creditPoint"]["point"] == "6.00"


def test_vc11_form_is_the_eu_issuers(upstream: Path) -> None:
    out, _ = _written(upstream / "elm" / "ebsi-edc_Diploma_rntuo_credential.json")
    assert out["@context"] == [
        "https://www.w3.org/2018/credentials/v1",
        "http://data.europa.eu/snb/model/context/edc-ap",
    ]
    assert out["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert out["issuanceDate"] == out["issued"]


@pytest.mark.parametrize(
    "name",
    [
        "ebsi-edc_Bengales_highSchoolDiploma.json",
        "ebsi-edc_Diploma_rntuo_credential.json",
        "ebsi-edc_Microcredential_Data_and_software_business.json",
        "eu-elm-support_Sample-TranscriptOfRecords_signed-jades.jsonld",
    ],
)
def test_ebsi_vc2_form_passes_the_ebsi_schema(upstream: Path, name: str) -> None:
    out, report = _written(upstream / "elm" / name, elm_vc2=True)
    assert out["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "VerifiableAttestation" in out["type"]
    assert ebsi_issues(out) == []
    assert not [e for e in report.entries if e.code == "target-schema-violation"]


def test_ebsi_schema_defects_are_reported_not_hidden(upstream: Path) -> None:
    # the joint degree's geographicName is a language map, which the EBSI schema types as Address
    out, report = _written(
        upstream / "elm" / "eu-elm-support_Sample-JointDegree_signed-jades.jsonld", elm_vc2=True
    )
    bad = [e for e in report.entries if e.code == "target-schema-violation"]
    assert bad and "geographicName" in bad[0].message
    assert ebsi_issues(out)


def test_ob3_to_elm_conforms_and_reports_what_it_made(shipped: Path) -> None:
    out, report = _written(shipped / "ob3" / "lerbridge-welding-certificate.json")
    assert violations(out) == []
    made = {e.message.split(" (")[0] for e in report.entries if e.code == "value-synthesized"}
    assert "credentialProfiles set to Generic" in made
    assert any("eIDASIdentifier" in m for m in made)
    assert any(m.startswith("displayParameter") for m in made)
    assert any("awardingBody taken from the EDC issuer" in m for m in made)
    claim = out["credentialSubject"]["hasClaim"][0]
    assert claim["specifiedBy"]["type"] == "Qualification"
    assert claim["specifiedBy"]["qualificationCode"]["notation"] == "WLD-210"
    assert claim["provenBy"][0]["grade"]["noteLiteral"] == {"und": "Pass"}
    vc2, _ = _written(shipped / "ob3" / "lerbridge-welding-certificate.json", elm_vc2=True)
    assert ebsi_issues(vc2) == []


def test_cli_elm_vc2(shipped: Path, tmp_path: Path) -> None:
    src = shipped / "ob3" / "lerbridge-welding-certificate.json"
    dest = tmp_path / "out.jsonld"
    args = ["convert", str(src), "--to", ELM, "--elm-vc2", "-o", str(dest)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(dest.read_bytes())
    assert "VerifiableAttestation" in doc["type"]


def test_output_is_deterministic(shipped: Path) -> None:
    a = lerbridge.convert(shipped / "ob3" / "lerbridge-welding-certificate.json", to=ELM)
    b = lerbridge.convert(shipped / "ob3" / "lerbridge-welding-certificate.json", to=ELM)
    assert a.documents[0].data == b.documents[0].data
